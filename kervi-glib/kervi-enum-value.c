/* kervi-enum-value.c: one choice out of a fixed list of options
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "config.h"

#include "kervi-enum-value.h"
#include "kervi-error.h"
#include "kervi-private.h"

/**
 * KerviEnumValue:
 *
 * One choice out of a fixed list of option keys: a mode ("auto", "on",
 * "off"), a program. The value is the key of the chosen option; setting a
 * key that is not an option is refused with %KERVI_ERROR_OUT_OF_RANGE.
 */

struct _KerviEnumValue
{
  KerviValue parent_instance;

  char *value;
  GStrv options;
};

G_DEFINE_FINAL_TYPE (KerviEnumValue, kervi_enum_value, KERVI_TYPE_VALUE)

enum
{
  PROP_0,
  PROP_VALUE,
  PROP_OPTIONS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static GVariant *
kervi_enum_value_to_variant (KerviValue *value)
{
  return g_variant_new_string (KERVI_ENUM_VALUE (value)->value);
}

static gboolean
kervi_enum_value_check_variant (KerviValue *value, GVariant *variant, GError **error)
{
  KerviEnumValue *self = KERVI_ENUM_VALUE (value);
  const char *key = g_variant_get_string (variant, NULL);
  g_autofree char *options = NULL;

  if (g_strv_contains ((const char *const *)self->options, key))
    return TRUE;
  options = g_strjoinv (", ", self->options);
  g_set_error (error, KERVI_ERROR, KERVI_ERROR_OUT_OF_RANGE,
               "Value '%s' takes one of: %s; not '%s'", kervi_value_get_global_id (value), options,
               key);
  return FALSE;
}

static gboolean
kervi_enum_value_store_variant (KerviValue *value, GVariant *variant)
{
  KerviEnumValue *self = KERVI_ENUM_VALUE (value);
  const char *key = g_variant_get_string (variant, NULL);

  if (g_str_equal (key, self->value))
    return FALSE;
  g_free (self->value);
  self->value = g_strdup (key);
  return TRUE;
}

static void
kervi_enum_value_finalize (GObject *object)
{
  KerviEnumValue *self = KERVI_ENUM_VALUE (object);

  g_free (self->value);
  g_strfreev (self->options);

  G_OBJECT_CLASS (kervi_enum_value_parent_class)->finalize (object);
}

static void
kervi_enum_value_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  KerviEnumValue *self = KERVI_ENUM_VALUE (object);

  switch (prop_id)
    {
      case PROP_VALUE:
        g_value_set_string (value, self->value);
        break;
      case PROP_OPTIONS:
        g_value_set_boxed (value, self->options);
        break;
      default:
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kervi_enum_value_set_property (GObject *object, guint prop_id, const GValue *value,
                               GParamSpec *pspec)
{
  KerviEnumValue *self = KERVI_ENUM_VALUE (object);
  g_autoptr (GError) error = NULL;

  switch (prop_id)
    {
      case PROP_VALUE:
        if (!kervi_enum_value_set_value (self, g_value_get_string (value), &error))
          g_warning ("%s", error->message);
        break;
      case PROP_OPTIONS:
        self->options = g_value_dup_boxed (value);
        break;
      default:
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kervi_enum_value_constructed (GObject *object)
{
  KerviEnumValue *self = KERVI_ENUM_VALUE (object);

  G_OBJECT_CLASS (kervi_enum_value_parent_class)->constructed (object);

  if (self->options == NULL || self->options[0] == NULL)
    {
      g_critical ("KerviEnumValue '%s': needs at least one option",
                  kervi_value_get_id (KERVI_VALUE (self)));
      g_strfreev (self->options);
      self->options = g_strsplit ("none", ",", -1);
    }
  self->value = g_strdup (self->options[0]);
}

static void
kervi_enum_value_class_init (KerviEnumValueClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  KerviValueClass *value_class = KERVI_VALUE_CLASS (klass);

  object_class->finalize = kervi_enum_value_finalize;
  object_class->get_property = kervi_enum_value_get_property;
  object_class->set_property = kervi_enum_value_set_property;
  object_class->constructed = kervi_enum_value_constructed;

  value_class->kind = KERVI_VALUE_KIND_ENUM;
  value_class->to_variant = kervi_enum_value_to_variant;
  value_class->check_variant = kervi_enum_value_check_variant;
  value_class->store_variant = kervi_enum_value_store_variant;

  /**
   * KerviEnumValue:value:
   *
   * The key of the chosen option; the first option at first.
   */
  properties[PROP_VALUE]
      = g_param_spec_string ("value", NULL, NULL, NULL,
                             G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * KerviEnumValue:options:
   *
   * The option keys.
   */
  properties[PROP_OPTIONS]
      = g_param_spec_boxed ("options", NULL, NULL, G_TYPE_STRV,
                            G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
kervi_enum_value_init (KerviEnumValue *self)
{
}

/**
 * kervi_enum_value_new:
 * @id: the value id
 * @name: (nullable): the human-readable name
 * @options: (array zero-terminated=1): the option keys, at least one
 *
 * Creates an enum value, set to the first option.
 *
 * Returns: (transfer full): a new #KerviEnumValue
 */
KerviEnumValue *
kervi_enum_value_new (const char *id, const char *name, const char *const *options)
{
  return g_object_new (KERVI_TYPE_ENUM_VALUE, "id", id, "name", name, "options", options, NULL);
}

/**
 * kervi_enum_value_get_value:
 * @self: a #KerviEnumValue
 *
 * Returns: the key of the chosen option
 */
const char *
kervi_enum_value_get_value (KerviEnumValue *self)
{
  g_return_val_if_fail (KERVI_IS_ENUM_VALUE (self), NULL);

  return self->value;
}

/**
 * kervi_enum_value_set_value:
 * @self: a #KerviEnumValue
 * @option: the key of an option
 * @error: return location for a #GError
 *
 * Chooses an option.
 *
 * Returns: %TRUE on success, %FALSE with %KERVI_ERROR_OUT_OF_RANGE if
 *   @option is not one of the options
 */
gboolean
kervi_enum_value_set_value (KerviEnumValue *self, const char *option, GError **error)
{
  g_return_val_if_fail (KERVI_IS_ENUM_VALUE (self), FALSE);
  g_return_val_if_fail (option != NULL && g_utf8_validate (option, -1, NULL), FALSE);

  return kervi_value_set_variant (KERVI_VALUE (self), g_variant_new_string (option), error);
}

/**
 * kervi_enum_value_get_options:
 * @self: a #KerviEnumValue
 *
 * Returns: (transfer none) (array zero-terminated=1): the option keys
 */
const char *const *
kervi_enum_value_get_options (KerviEnumValue *self)
{
  g_return_val_if_fail (KERVI_IS_ENUM_VALUE (self), NULL);

  return (const char *const *)self->options;
}
