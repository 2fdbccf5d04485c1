/* kervi-number-value.c: a number with min, max and unit
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "config.h"

#include <math.h>

#include "kervi-number-value.h"
#include "kervi-error.h"
#include "kervi-private.h"

/**
 * KerviNumberValue:
 *
 * A number (a double) with a range and a unit: a temperature, a fan
 * speed, a CPU load.
 *
 * Numbers outside #KerviNumberValue:min..#KerviNumberValue:max are refused
 * with %KERVI_ERROR_OUT_OF_RANGE, never clamped: a wrong reading must not
 * pass for a right one. NaN and infinities are refused likewise.
 */

struct _KerviNumberValue
{
  KerviValue parent_instance;

  double value;
  double min;
  double max;
  char *unit;
};

G_DEFINE_FINAL_TYPE (KerviNumberValue, kervi_number_value, KERVI_TYPE_VALUE)

enum
{
  PROP_0,
  PROP_VALUE,
  PROP_MIN,
  PROP_MAX,
  PROP_UNIT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static GVariant *
kervi_number_value_to_variant (KerviValue *value)
{
  return g_variant_new_double (KERVI_NUMBER_VALUE (value)->value);
}

static gboolean
check_number (KerviNumberValue *self, double number, GError **error)
{
  if (!isfinite (number))
    {
      g_set_error (error, KERVI_ERROR, KERVI_ERROR_OUT_OF_RANGE,
                   "Value '%s' takes finite numbers, not %g",
                   kervi_value_get_global_id (KERVI_VALUE (self)), number);
      return FALSE;
    }
  if (number < self->min || number > self->max)
    {
      g_set_error (error, KERVI_ERROR, KERVI_ERROR_OUT_OF_RANGE,
                   "Value '%s' takes numbers from %g to %g, not %g",
                   kervi_value_get_global_id (KERVI_VALUE (self)), self->min, self->max, number);
      return FALSE;
    }
  return TRUE;
}

static gboolean
kervi_number_value_check_variant (KerviValue *value, GVariant *variant, GError **error)
{
  return check_number (KERVI_NUMBER_VALUE (value), g_variant_get_double (variant), error);
}

static gboolean
kervi_number_value_store_variant (KerviValue *value, GVariant *variant)
{
  KerviNumberValue *self = KERVI_NUMBER_VALUE (value);
  double number = g_variant_get_double (variant);

  if (number == self->value)
    return FALSE;
  self->value = number;
  return TRUE;
}

static void
kervi_number_value_finalize (GObject *object)
{
  g_free (KERVI_NUMBER_VALUE (object)->unit);

  G_OBJECT_CLASS (kervi_number_value_parent_class)->finalize (object);
}

static void
kervi_number_value_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  KerviNumberValue *self = KERVI_NUMBER_VALUE (object);

  switch (prop_id)
    {
      case PROP_VALUE:
        g_value_set_double (value, self->value);
        break;
      case PROP_MIN:
        g_value_set_double (value, self->min);
        break;
      case PROP_MAX:
        g_value_set_double (value, self->max);
        break;
      case PROP_UNIT:
        g_value_set_string (value, self->unit);
        break;
      default:
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kervi_number_value_set_property (GObject *object, guint prop_id, const GValue *value,
                                 GParamSpec *pspec)
{
  KerviNumberValue *self = KERVI_NUMBER_VALUE (object);
  g_autoptr (GError) error = NULL;

  switch (prop_id)
    {
      case PROP_VALUE:
        if (!kervi_number_value_set_value (self, g_value_get_double (value), &error))
          g_warning ("%s", error->message);
        break;
      case PROP_MIN:
        self->min = g_value_get_double (value);
        break;
      case PROP_MAX:
        self->max = g_value_get_double (value);
        break;
      case PROP_UNIT:
        self->unit = g_value_dup_string (value);
        break;
      default:
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kervi_number_value_constructed (GObject *object)
{
  KerviNumberValue *self = KERVI_NUMBER_VALUE (object);

  G_OBJECT_CLASS (kervi_number_value_parent_class)->constructed (object);

  if (!(self->min <= self->max))
    {
      g_critical ("KerviNumberValue '%s': min %g is above max %g",
                  kervi_value_get_id (KERVI_VALUE (self)), self->min, self->max);
      self->max = self->min;
    }
  /* Start inside the range: 0 if possible, else the nearest bound. */
  self->value = CLAMP (0.0, self->min, self->max);
}

static void
kervi_number_value_class_init (KerviNumberValueClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  KerviValueClass *value_class = KERVI_VALUE_CLASS (klass);

  object_class->finalize = kervi_number_value_finalize;
  object_class->get_property = kervi_number_value_get_property;
  object_class->set_property = kervi_number_value_set_property;
  object_class->constructed = kervi_number_value_constructed;

  value_class->kind = KERVI_VALUE_KIND_NUMBER;
  value_class->to_variant = kervi_number_value_to_variant;
  value_class->check_variant = kervi_number_value_check_variant;
  value_class->store_variant = kervi_number_value_store_variant;

  /**
   * KerviNumberValue:value:
   *
   * The number. Setting it through the property logs a warning when the
   * number is out of range; use kervi_number_value_set_value() to get the
   * error instead.
   */
  properties[PROP_VALUE]
      = g_param_spec_double ("value", NULL, NULL, -G_MAXDOUBLE, G_MAXDOUBLE, 0,
                             G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * KerviNumberValue:min:
   *
   * The smallest number the value takes.
   */
  properties[PROP_MIN]
      = g_param_spec_double ("min", NULL, NULL, -G_MAXDOUBLE, G_MAXDOUBLE, 0,
                             G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  /**
   * KerviNumberValue:max:
   *
   * The largest number the value takes.
   */
  properties[PROP_MAX]
      = g_param_spec_double ("max", NULL, NULL, -G_MAXDOUBLE, G_MAXDOUBLE, 100,
                             G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  /**
   * KerviNumberValue:unit:
   *
   * The unit: "%", "°C", "rpm"; %NULL for none.
   */
  properties[PROP_UNIT]
      = g_param_spec_string ("unit", NULL, NULL, NULL,
                             G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
kervi_number_value_init (KerviNumberValue *self)
{
  self->max = 100;
}

/**
 * kervi_number_value_new:
 * @id: the value id
 * @name: (nullable): the human-readable name
 * @min: the smallest number the value takes
 * @max: the largest number the value takes
 * @unit: (nullable): the unit
 *
 * Creates a number value. It starts at 0, or at the bound nearest to 0 if
 * 0 is out of range.
 *
 * Returns: (transfer full): a new #KerviNumberValue
 */
KerviNumberValue *
kervi_number_value_new (const char *id, const char *name, double min, double max, const char *unit)
{
  return g_object_new (KERVI_TYPE_NUMBER_VALUE, "id", id, "name", name, "min", min, "max", max,
                       "unit", unit, NULL);
}

/**
 * kervi_number_value_get_value:
 * @self: a #KerviNumberValue
 *
 * Returns: the number
 */
double
kervi_number_value_get_value (KerviNumberValue *self)
{
  g_return_val_if_fail (KERVI_IS_NUMBER_VALUE (self), 0);

  return self->value;
}

/**
 * kervi_number_value_set_value:
 * @self: a #KerviNumberValue
 * @value: the new number
 * @error: return location for a #GError
 *
 * Sets the number. A number outside min..max is refused with
 * %KERVI_ERROR_OUT_OF_RANGE.
 *
 * Returns: %TRUE on success
 */
gboolean
kervi_number_value_set_value (KerviNumberValue *self, double value, GError **error)
{
  g_return_val_if_fail (KERVI_IS_NUMBER_VALUE (self), FALSE);

  return kervi_value_set_variant (KERVI_VALUE (self), g_variant_new_double (value), error);
}

/**
 * kervi_number_value_get_min:
 * @self: a #KerviNumberValue
 *
 * Returns: the smallest number the value takes
 */
double
kervi_number_value_get_min (KerviNumberValue *self)
{
  g_return_val_if_fail (KERVI_IS_NUMBER_VALUE (self), 0);

  return self->min;
}

/**
 * kervi_number_value_get_max:
 * @self: a #KerviNumberValue
 *
 * Returns: the largest number the value takes
 */
double
kervi_number_value_get_max (KerviNumberValue *self)
{
  g_return_val_if_fail (KERVI_IS_NUMBER_VALUE (self), 0);

  return self->max;
}

/**
 * kervi_number_value_get_unit:
 * @self: a #KerviNumberValue
 *
 * Returns: (nullable): the unit
 */
const char *
kervi_number_value_get_unit (KerviNumberValue *self)
{
  g_return_val_if_fail (KERVI_IS_NUMBER_VALUE (self), NULL);

  return self->unit;
}
