/* test-values.c: the value kinds
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <kervi.h>
#include <math.h>

typedef struct
{
  guint changes;
  gint64 last_timestamp;
} ChangeCount;

static void
on_changed (KerviValue *value, GVariant *variant, gint64 timestamp, ChangeCount *count)
{
  g_assert_cmpint (timestamp, >, count->last_timestamp);
  count->last_timestamp = timestamp;
  count->changes++;
}

static void
test_number_range (void)
{
  g_autoptr (KerviNumberValue) temp = kervi_number_value_new ("temp", "Temperature", 0, 150, "°C");
  g_autoptr (GError) error = NULL;
  ChangeCount count = { 0 };

  g_signal_connect (temp, "changed", G_CALLBACK (on_changed), &count);
  g_assert_cmpfloat (kervi_number_value_get_value (temp), ==, 0);
  g_assert_cmpstr (kervi_number_value_get_unit (temp), ==, "°C");
  g_assert_cmpstr (kervi_value_get_signature (KERVI_VALUE (temp)), ==, "d");

  g_assert_true (kervi_number_value_set_value (temp, 42.5, &error));
  g_assert_no_error (error);
  g_assert_cmpfloat (kervi_number_value_get_value (temp), ==, 42.5);
  g_assert_cmpuint (count.changes, ==, 1);
  g_assert_cmpint (kervi_value_get_timestamp (KERVI_VALUE (temp)), >, 0);

  /* Out of range: refused, not clamped, no change emitted. */
  g_assert_false (kervi_number_value_set_value (temp, 151, &error));
  g_assert_error (error, KERVI_ERROR, KERVI_ERROR_OUT_OF_RANGE);
  g_assert_nonnull (strstr (error->message, "from 0 to 150"));
  g_clear_error (&error);
  g_assert_false (kervi_number_value_set_value (temp, -0.1, &error));
  g_assert_error (error, KERVI_ERROR, KERVI_ERROR_OUT_OF_RANGE);
  g_clear_error (&error);
  g_assert_false (kervi_number_value_set_value (temp, NAN, &error));
  g_assert_error (error, KERVI_ERROR, KERVI_ERROR_OUT_OF_RANGE);
  g_clear_error (&error);
  g_assert_cmpfloat (kervi_number_value_get_value (temp), ==, 42.5);
  g_assert_cmpuint (count.changes, ==, 1);

  /* The same value again is no change. */
  g_assert_true (kervi_number_value_set_value (temp, 42.5, NULL));
  g_assert_cmpuint (count.changes, ==, 1);
}

static void
test_number_starts_in_range (void)
{
  g_autoptr (KerviNumberValue) value = kervi_number_value_new ("v", NULL, 10, 20, NULL);

  g_assert_cmpfloat (kervi_number_value_get_value (value), ==, 10);
  g_assert_cmpstr (kervi_value_get_name (KERVI_VALUE (value)), ==, "v");
}

static void
test_variant_types (void)
{
  g_autoptr (KerviNumberValue) number = kervi_number_value_new ("n", NULL, 0, 1, NULL);
  g_autoptr (KerviBooleanValue) boolean = kervi_boolean_value_new ("b", NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (GVariant) current = NULL;

  g_assert_false (
      kervi_value_set_variant (KERVI_VALUE (number), g_variant_new_string ("1"), &error));
  g_assert_error (error, KERVI_ERROR, KERVI_ERROR_INVALID_ARGS);
  g_clear_error (&error);
  g_assert_true (
      kervi_value_set_variant (KERVI_VALUE (boolean), g_variant_new_boolean (TRUE), &error));
  g_assert_no_error (error);
  g_assert_true (kervi_boolean_value_get_value (boolean));
  current = kervi_value_get_variant (KERVI_VALUE (boolean));
  g_assert_true (g_variant_get_boolean (current));
  g_assert_cmpint (kervi_value_get_kind (KERVI_VALUE (boolean)), ==, KERVI_VALUE_KIND_BOOLEAN);
}

static void
test_string (void)
{
  g_autoptr (KerviStringValue) text = kervi_string_value_new ("status", "Status");
  ChangeCount count = { 0 };

  g_signal_connect (text, "changed", G_CALLBACK (on_changed), &count);
  g_assert_cmpstr (kervi_string_value_get_value (text), ==, "");
  kervi_string_value_set_value (text, "all good");
  g_assert_cmpstr (kervi_string_value_get_value (text), ==, "all good");
  kervi_string_value_set_value (text, "all good");
  g_assert_cmpuint (count.changes, ==, 1);
}

static void
test_enum (void)
{
  const char *const options[] = { "auto", "on", "off", NULL };
  g_autoptr (KerviEnumValue) mode = kervi_enum_value_new ("mode", NULL, options);
  g_autoptr (GError) error = NULL;

  g_assert_cmpstr (kervi_enum_value_get_value (mode), ==, "auto");
  g_assert_cmpstrv (kervi_enum_value_get_options (mode), options);
  g_assert_true (kervi_enum_value_set_value (mode, "off", &error));
  g_assert_cmpstr (kervi_enum_value_get_value (mode), ==, "off");
  g_assert_false (kervi_enum_value_set_value (mode, "turbo", &error));
  g_assert_error (error, KERVI_ERROR, KERVI_ERROR_OUT_OF_RANGE);
  g_assert_nonnull (strstr (error->message, "auto, on, off"));
  g_assert_cmpstr (kervi_enum_value_get_value (mode), ==, "off");
}

static void
test_color (void)
{
  g_autoptr (KerviColorValue) led = kervi_color_value_new ("led", NULL);
  const char *bad[] = { "red", "#12345", "#1234567", "#gg0000", "" };
  g_autoptr (GError) error = NULL;

  g_assert_cmpstr (kervi_color_value_get_value (led), ==, "#000000");
  g_assert_true (kervi_color_value_set_value (led, "#FF8800", &error));
  g_assert_cmpstr (kervi_color_value_get_value (led), ==, "#ff8800");
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_assert_false (kervi_color_value_set_value (led, bad[i], &error));
      g_assert_error (error, KERVI_ERROR, KERVI_ERROR_OUT_OF_RANGE);
      g_clear_error (&error);
    }
  g_assert_cmpstr (kervi_color_value_get_value (led), ==, "#ff8800");
}

static void
test_date_time (void)
{
  g_autoptr (KerviDateTimeValue) alarm = kervi_date_time_value_new ("alarm", NULL);
  g_autoptr (GDateTime) when = g_date_time_new_utc (2026, 11, 23, 12, 0, 0);
  g_autoptr (GVariant) text = NULL;
  g_autoptr (GError) error = NULL;

  g_assert_cmpint (g_date_time_to_unix (kervi_date_time_value_get_value (alarm)), ==, 0);
  kervi_date_time_value_set_value (alarm, when);
  g_assert_true (g_date_time_equal (kervi_date_time_value_get_value (alarm), when));
  text = kervi_value_get_variant (KERVI_VALUE (alarm));
  g_assert_cmpstr (g_variant_get_string (text, NULL), ==, "2026-11-23T12:00:00Z");

  g_assert_true (kervi_value_set_variant (
      KERVI_VALUE (alarm), g_variant_new_string ("2026-01-02T03:04:05+01:00"), &error));
  g_assert_cmpint (g_date_time_get_hour (kervi_date_time_value_get_value (alarm)), ==, 3);
  g_assert_false (
      kervi_value_set_variant (KERVI_VALUE (alarm), g_variant_new_string ("tomorrow"), &error));
  g_assert_error (error, KERVI_ERROR, KERVI_ERROR_OUT_OF_RANGE);
}

static void
test_kind_names (void)
{
  g_assert_cmpstr (kervi_value_kind_to_string (KERVI_VALUE_KIND_DATE_TIME), ==, "date-time");
  g_assert_cmpstr (kervi_value_kind_to_signature (KERVI_VALUE_KIND_COLOR), ==, "s");
  g_assert_cmpstr (kervi_value_kind_to_signature (KERVI_VALUE_KIND_NUMBER), ==, "d");
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/values/number/range", test_number_range);
  g_test_add_func ("/values/number/starts-in-range", test_number_starts_in_range);
  g_test_add_func ("/values/variant-types", test_variant_types);
  g_test_add_func ("/values/string", test_string);
  g_test_add_func ("/values/enum", test_enum);
  g_test_add_func ("/values/color", test_color);
  g_test_add_func ("/values/date-time", test_date_time);
  g_test_add_func ("/values/kind-names", test_kind_names);
  return g_test_run ();
}
