/* kervi-boolean-value.c: an on/off value
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "config.h"

#include "kervi-boolean-value.h"
#include "kervi-private.h"

/**
 * KerviBooleanValue:
 *
 * An on/off value: a switch, a relay, a button, a GPIO line.
 */

struct _KerviBooleanValue
{
  KerviValue parent_instance;

  gboolean value;
};

G_DEFINE_FINAL_TYPE (KerviBooleanValue, kervi_boolean_value, KERVI_TYPE_VALUE)

enum
{
  PROP_0,
  PROP_VALUE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static GVariant *
kervi_boolean_value_to_variant (KerviValue *value)
{
  return g_variant_new_boolean (KERVI_BOOLEAN_VALUE (value)->value);
}

static gboolean
kervi_boolean_value_check_variant (KerviValue *value, GVariant *variant, GError **error)
{
  return TRUE;
}

static gboolean
kervi_boolean_value_store_variant (KerviValue *value, GVariant *variant)
{
  KerviBooleanValue *self = KERVI_BOOLEAN_VALUE (value);
  gboolean on = g_variant_get_boolean (variant);

  if (on == self->value)
    return FALSE;
  self->value = on;
  return TRUE;
}

static void
kervi_boolean_value_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  switch (prop_id)
    {
      case PROP_VALUE:
        g_value_set_boolean (value, KERVI_BOOLEAN_VALUE (object)->value);
        break;
      default:
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kervi_boolean_value_set_property (GObject *object, guint prop_id, const GValue *value,
                                  GParamSpec *pspec)
{
  switch (prop_id)
    {
      case PROP_VALUE:
        kervi_boolean_value_set_value (KERVI_BOOLEAN_VALUE (object), g_value_get_boolean (value));
        break;
      default:
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kervi_boolean_value_class_init (KerviBooleanValueClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  KerviValueClass *value_class = KERVI_VALUE_CLASS (klass);

  object_class->get_property = kervi_boolean_value_get_property;
  object_class->set_property = kervi_boolean_value_set_property;

  value_class->kind = KERVI_VALUE_KIND_BOOLEAN;
  value_class->to_variant = kervi_boolean_value_to_variant;
  value_class->check_variant = kervi_boolean_value_check_variant;
  value_class->store_variant = kervi_boolean_value_store_variant;

  /**
   * KerviBooleanValue:value:
   *
   * The state.
   */
  properties[PROP_VALUE]
      = g_param_spec_boolean ("value", NULL, NULL, FALSE,
                              G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
kervi_boolean_value_init (KerviBooleanValue *self)
{
}

/**
 * kervi_boolean_value_new:
 * @id: the value id
 * @name: (nullable): the human-readable name
 *
 * Creates a boolean value, %FALSE at first.
 *
 * Returns: (transfer full): a new #KerviBooleanValue
 */
KerviBooleanValue *
kervi_boolean_value_new (const char *id, const char *name)
{
  return g_object_new (KERVI_TYPE_BOOLEAN_VALUE, "id", id, "name", name, NULL);
}

/**
 * kervi_boolean_value_get_value:
 * @self: a #KerviBooleanValue
 *
 * Returns: the state
 */
gboolean
kervi_boolean_value_get_value (KerviBooleanValue *self)
{
  g_return_val_if_fail (KERVI_IS_BOOLEAN_VALUE (self), FALSE);

  return self->value;
}

/**
 * kervi_boolean_value_set_value:
 * @self: a #KerviBooleanValue
 * @value: the new state
 *
 * Sets the state.
 */
void
kervi_boolean_value_set_value (KerviBooleanValue *self, gboolean value)
{
  g_return_if_fail (KERVI_IS_BOOLEAN_VALUE (self));

  kervi_value_set_variant (KERVI_VALUE (self), g_variant_new_boolean (!!value), NULL);
}
