/* kervi-color-value.c: an RGB colour
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "config.h"

#include "kervi-color-value.h"
#include "kervi-error.h"
#include "kervi-private.h"

/**
 * KerviColorValue:
 *
 * An RGB colour, written `#rrggbb` in hexadecimal (the form HTML colour
 * inputs use): an LED strip, a lamp.
 */

struct _KerviColorValue
{
  KerviValue parent_instance;

  char value[8];
};

G_DEFINE_FINAL_TYPE (KerviColorValue, kervi_color_value, KERVI_TYPE_VALUE)

enum
{
  PROP_0,
  PROP_VALUE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static GVariant *
kervi_color_value_to_variant (KerviValue *value)
{
  return g_variant_new_string (KERVI_COLOR_VALUE (value)->value);
}

static gboolean
kervi_color_value_check_variant (KerviValue *value, GVariant *variant, GError **error)
{
  const char *color = g_variant_get_string (variant, NULL);
  gboolean ok = strlen (color) == 7 && color[0] == '#';

  for (int i = 1; ok && i < 7; i++)
    ok = g_ascii_isxdigit (color[i]);
  if (!ok)
    g_set_error (error, KERVI_ERROR, KERVI_ERROR_OUT_OF_RANGE,
                 "Value '%s' takes colours written #rrggbb, not '%s'",
                 kervi_value_get_global_id (value), color);
  return ok;
}

static gboolean
kervi_color_value_store_variant (KerviValue *value, GVariant *variant)
{
  KerviColorValue *self = KERVI_COLOR_VALUE (value);
  g_autofree char *color = g_ascii_strdown (g_variant_get_string (variant, NULL), -1);

  if (g_str_equal (color, self->value))
    return FALSE;
  g_strlcpy (self->value, color, sizeof self->value);
  return TRUE;
}

static void
kervi_color_value_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  switch (prop_id)
    {
      case PROP_VALUE:
        g_value_set_string (value, KERVI_COLOR_VALUE (object)->value);
        break;
      default:
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kervi_color_value_set_property (GObject *object, guint prop_id, const GValue *value,
                                GParamSpec *pspec)
{
  g_autoptr (GError) error = NULL;

  switch (prop_id)
    {
      case PROP_VALUE:
        if (!kervi_color_value_set_value (KERVI_COLOR_VALUE (object), g_value_get_string (value),
                                          &error))
          g_warning ("%s", error->message);
        break;
      default:
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kervi_color_value_class_init (KerviColorValueClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  KerviValueClass *value_class = KERVI_VALUE_CLASS (klass);

  object_class->get_property = kervi_color_value_get_property;
  object_class->set_property = kervi_color_value_set_property;

  value_class->kind = KERVI_VALUE_KIND_COLOR;
  value_class->to_variant = kervi_color_value_to_variant;
  value_class->check_variant = kervi_color_value_check_variant;
  value_class->store_variant = kervi_color_value_store_variant;

  /**
   * KerviColorValue:value:
   *
   * The colour as `#rrggbb`, lower case; black (`#000000`) at first.
   */
  properties[PROP_VALUE]
      = g_param_spec_string ("value", NULL, NULL, "#000000",
                             G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
kervi_color_value_init (KerviColorValue *self)
{
  g_strlcpy (self->value, "#000000", sizeof self->value);
}

/**
 * kervi_color_value_new:
 * @id: the value id
 * @name: (nullable): the human-readable name
 *
 * Creates a colour value, black at first.
 *
 * Returns: (transfer full): a new #KerviColorValue
 */
KerviColorValue *
kervi_color_value_new (const char *id, const char *name)
{
  return g_object_new (KERVI_TYPE_COLOR_VALUE, "id", id, "name", name, NULL);
}

/**
 * kervi_color_value_get_value:
 * @self: a #KerviColorValue
 *
 * Returns: the colour as `#rrggbb`
 */
const char *
kervi_color_value_get_value (KerviColorValue *self)
{
  g_return_val_if_fail (KERVI_IS_COLOR_VALUE (self), NULL);

  return self->value;
}

/**
 * kervi_color_value_set_value:
 * @self: a #KerviColorValue
 * @color: the colour as `#rrggbb` (either case)
 * @error: return location for a #GError
 *
 * Sets the colour.
 *
 * Returns: %TRUE on success, %FALSE with %KERVI_ERROR_OUT_OF_RANGE if
 *   @color is not written `#rrggbb`
 */
gboolean
kervi_color_value_set_value (KerviColorValue *self, const char *color, GError **error)
{
  g_return_val_if_fail (KERVI_IS_COLOR_VALUE (self), FALSE);
  g_return_val_if_fail (color != NULL && g_utf8_validate (color, -1, NULL), FALSE);

  return kervi_value_set_variant (KERVI_VALUE (self), g_variant_new_string (color), error);
}
