/* kervi-string-value.c: a text value
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "config.h"

#include "kervi-string-value.h"
#include "kervi-error.h"
#include "kervi-private.h"

/**
 * KerviStringValue:
 *
 * A text value: a status line, a name, a message. Text must be valid
 * UTF-8 (D-Bus carries nothing else).
 */

struct _KerviStringValue
{
  KerviValue parent_instance;

  char *value;
};

G_DEFINE_FINAL_TYPE (KerviStringValue, kervi_string_value, KERVI_TYPE_VALUE)

enum
{
  PROP_0,
  PROP_VALUE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static GVariant *
kervi_string_value_to_variant (KerviValue *value)
{
  return g_variant_new_string (KERVI_STRING_VALUE (value)->value);
}

static gboolean
kervi_string_value_check_variant (KerviValue *value, GVariant *variant, GError **error)
{
  return TRUE;
}

static gboolean
kervi_string_value_store_variant (KerviValue *value, GVariant *variant)
{
  KerviStringValue *self = KERVI_STRING_VALUE (value);
  const char *text = g_variant_get_string (variant, NULL);

  if (g_str_equal (text, self->value))
    return FALSE;
  g_free (self->value);
  self->value = g_strdup (text);
  return TRUE;
}

static void
kervi_string_value_finalize (GObject *object)
{
  g_free (KERVI_STRING_VALUE (object)->value);

  G_OBJECT_CLASS (kervi_string_value_parent_class)->finalize (object);
}

static void
kervi_string_value_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  switch (prop_id)
    {
      case PROP_VALUE:
        g_value_set_string (value, KERVI_STRING_VALUE (object)->value);
        break;
      default:
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kervi_string_value_set_property (GObject *object, guint prop_id, const GValue *value,
                                 GParamSpec *pspec)
{
  switch (prop_id)
    {
      case PROP_VALUE:
        kervi_string_value_set_value (KERVI_STRING_VALUE (object), g_value_get_string (value));
        break;
      default:
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kervi_string_value_class_init (KerviStringValueClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  KerviValueClass *value_class = KERVI_VALUE_CLASS (klass);

  object_class->finalize = kervi_string_value_finalize;
  object_class->get_property = kervi_string_value_get_property;
  object_class->set_property = kervi_string_value_set_property;

  value_class->kind = KERVI_VALUE_KIND_STRING;
  value_class->to_variant = kervi_string_value_to_variant;
  value_class->check_variant = kervi_string_value_check_variant;
  value_class->store_variant = kervi_string_value_store_variant;

  /**
   * KerviStringValue:value:
   *
   * The text; "" at first.
   */
  properties[PROP_VALUE]
      = g_param_spec_string ("value", NULL, NULL, "",
                             G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
kervi_string_value_init (KerviStringValue *self)
{
  self->value = g_strdup ("");
}

/**
 * kervi_string_value_new:
 * @id: the value id
 * @name: (nullable): the human-readable name
 *
 * Creates a text value, "" at first.
 *
 * Returns: (transfer full): a new #KerviStringValue
 */
KerviStringValue *
kervi_string_value_new (const char *id, const char *name)
{
  return g_object_new (KERVI_TYPE_STRING_VALUE, "id", id, "name", name, NULL);
}

/**
 * kervi_string_value_get_value:
 * @self: a #KerviStringValue
 *
 * Returns: the text
 */
const char *
kervi_string_value_get_value (KerviStringValue *self)
{
  g_return_val_if_fail (KERVI_IS_STRING_VALUE (self), NULL);

  return self->value;
}

/**
 * kervi_string_value_set_value:
 * @self: a #KerviStringValue
 * @value: (nullable): the new text, valid UTF-8; %NULL for ""
 *
 * Sets the text.
 */
void
kervi_string_value_set_value (KerviStringValue *self, const char *value)
{
  g_return_if_fail (KERVI_IS_STRING_VALUE (self));
  g_return_if_fail (value == NULL || g_utf8_validate (value, -1, NULL));

  kervi_value_set_variant (KERVI_VALUE (self), g_variant_new_string (value ? value : ""), NULL);
}
