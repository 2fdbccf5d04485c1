/* kervi-date-time-value.c: a point in time
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "config.h"

#include "kervi-date-time-value.h"
#include "kervi-error.h"
#include "kervi-private.h"

/**
 * KerviDateTimeValue:
 *
 * A point in time: an alarm, a schedule. On the bus it is an ISO 8601
 * string with a time zone ("2026-11-23T12:00:00+01:00"); strings that are
 * not ISO 8601 are refused with %KERVI_ERROR_OUT_OF_RANGE.
 */

struct _KerviDateTimeValue
{
  KerviValue parent_instance;

  GDateTime *value;
};

G_DEFINE_FINAL_TYPE (KerviDateTimeValue, kervi_date_time_value, KERVI_TYPE_VALUE)

enum
{
  PROP_0,
  PROP_VALUE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static GVariant *
kervi_date_time_value_to_variant (KerviValue *value)
{
  g_autofree char *text = g_date_time_format_iso8601 (KERVI_DATE_TIME_VALUE (value)->value);

  return g_variant_new_string (text);
}

static GDateTime *
parse_iso8601 (GVariant *variant)
{
  g_autoptr (GTimeZone) utc = g_time_zone_new_utc ();

  /* Strings without a zone are taken as UTC, not as local time, so that
   * every process reads them the same. */
  return g_date_time_new_from_iso8601 (g_variant_get_string (variant, NULL), utc);
}

static gboolean
kervi_date_time_value_check_variant (KerviValue *value, GVariant *variant, GError **error)
{
  g_autoptr (GDateTime) parsed = parse_iso8601 (variant);

  if (parsed != NULL)
    return TRUE;
  g_set_error (error, KERVI_ERROR, KERVI_ERROR_OUT_OF_RANGE,
               "Value '%s' takes ISO 8601 date-times, not '%s'", kervi_value_get_global_id (value),
               g_variant_get_string (variant, NULL));
  return FALSE;
}

static gboolean
kervi_date_time_value_store_variant (KerviValue *value, GVariant *variant)
{
  KerviDateTimeValue *self = KERVI_DATE_TIME_VALUE (value);
  g_autoptr (GDateTime) parsed = parse_iso8601 (variant);

  if (g_date_time_equal (parsed, self->value)
      && g_date_time_get_utc_offset (parsed) == g_date_time_get_utc_offset (self->value))
    return FALSE;
  g_date_time_unref (self->value);
  self->value = g_steal_pointer (&parsed);
  return TRUE;
}

static void
kervi_date_time_value_finalize (GObject *object)
{
  g_date_time_unref (KERVI_DATE_TIME_VALUE (object)->value);

  G_OBJECT_CLASS (kervi_date_time_value_parent_class)->finalize (object);
}

static void
kervi_date_time_value_get_property (GObject *object, guint prop_id, GValue *value,
                                    GParamSpec *pspec)
{
  switch (prop_id)
    {
      case PROP_VALUE:
        g_value_set_boxed (value, KERVI_DATE_TIME_VALUE (object)->value);
        break;
      default:
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kervi_date_time_value_set_property (GObject *object, guint prop_id, const GValue *value,
                                    GParamSpec *pspec)
{
  switch (prop_id)
    {
      case PROP_VALUE:
        kervi_date_time_value_set_value (KERVI_DATE_TIME_VALUE (object), g_value_get_boxed (value));
        break;
      default:
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kervi_date_time_value_class_init (KerviDateTimeValueClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  KerviValueClass *value_class = KERVI_VALUE_CLASS (klass);

  object_class->finalize = kervi_date_time_value_finalize;
  object_class->get_property = kervi_date_time_value_get_property;
  object_class->set_property = kervi_date_time_value_set_property;

  value_class->kind = KERVI_VALUE_KIND_DATE_TIME;
  value_class->to_variant = kervi_date_time_value_to_variant;
  value_class->check_variant = kervi_date_time_value_check_variant;
  value_class->store_variant = kervi_date_time_value_store_variant;

  /**
   * KerviDateTimeValue:value:
   *
   * The point in time; the Unix epoch (UTC) at first.
   */
  properties[PROP_VALUE]
      = g_param_spec_boxed ("value", NULL, NULL, G_TYPE_DATE_TIME,
                            G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
kervi_date_time_value_init (KerviDateTimeValue *self)
{
  self->value = g_date_time_new_from_unix_utc (0);
}

/**
 * kervi_date_time_value_new:
 * @id: the value id
 * @name: (nullable): the human-readable name
 *
 * Creates a date-time value, at the Unix epoch at first.
 *
 * Returns: (transfer full): a new #KerviDateTimeValue
 */
KerviDateTimeValue *
kervi_date_time_value_new (const char *id, const char *name)
{
  return g_object_new (KERVI_TYPE_DATE_TIME_VALUE, "id", id, "name", name, NULL);
}

/**
 * kervi_date_time_value_get_value:
 * @self: a #KerviDateTimeValue
 *
 * Returns: (transfer none): the point in time
 */
GDateTime *
kervi_date_time_value_get_value (KerviDateTimeValue *self)
{
  g_return_val_if_fail (KERVI_IS_DATE_TIME_VALUE (self), NULL);

  return self->value;
}

/**
 * kervi_date_time_value_set_value:
 * @self: a #KerviDateTimeValue
 * @value: the new point in time
 *
 * Sets the point in time.
 */
void
kervi_date_time_value_set_value (KerviDateTimeValue *self, GDateTime *value)
{
  g_autofree char *text = NULL;

  g_return_if_fail (KERVI_IS_DATE_TIME_VALUE (self));
  g_return_if_fail (value != NULL);

  text = g_date_time_format_iso8601 (value);
  kervi_value_set_variant (KERVI_VALUE (self), g_variant_new_string (text), NULL);
}
