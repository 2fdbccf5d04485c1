/* test-sensor.c: sensors fed by the fake driver
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <kervi.h>

#include "kervi-test-util.h"

static void
count_change (guint *changes)
{
  (*changes)++;
}

static gboolean
wait_for (KerviTestCondition condition, gpointer data)
{
  return kervi_test_wait (condition, data, 10);
}

static gboolean
is_unavailable (gpointer data)
{
  return !kervi_component_get_available (data);
}

static gboolean
is_available (gpointer data)
{
  return kervi_component_get_available (data);
}

static gboolean
value_is_50 (gpointer data)
{
  return kervi_number_value_get_value (data) == 50;
}

static gboolean
value_is_42 (gpointer data)
{
  return kervi_number_value_get_value (data) == 42;
}

static gboolean
value_is_43 (gpointer data)
{
  return kervi_number_value_get_value (data) == 43;
}

static void
test_polled (void)
{
  g_autoptr (KerviFakeDriver) driver = kervi_fake_driver_new (KERVI_VALUE_KIND_NUMBER, "%", 0, 100);
  g_autoptr (KerviSensor) sensor = NULL;
  KerviValue *value;

  kervi_fake_driver_set_reading (driver, g_variant_new_double (42));
  sensor = kervi_sensor_new ("polled", "Polled", KERVI_SENSOR_DRIVER (driver));
  kervi_sensor_set_interval (sensor, 0.01);
  value = kervi_sensor_get_value (sensor);

  g_assert_true (KERVI_IS_NUMBER_VALUE (value));
  g_assert_cmpstr (kervi_value_get_global_id (value), ==, "polled");
  g_assert_cmpstr (kervi_number_value_get_unit (KERVI_NUMBER_VALUE (value)), ==, "%");
  g_assert_true (wait_for (value_is_42, value));

  /* The device fails: the last good value stays, the sensor says why. */
  kervi_fake_driver_set_error (driver, "fake: wire cut");
  g_test_expect_message ("Kervi", G_LOG_LEVEL_WARNING, "*polled*unavailable*wire cut*");
  g_assert_true (wait_for (is_unavailable, sensor));
  g_test_assert_expected_messages ();
  g_assert_cmpstr (kervi_component_get_status (KERVI_COMPONENT (sensor)), ==, "fake: wire cut");
  g_assert_cmpfloat (kervi_number_value_get_value (KERVI_NUMBER_VALUE (value)), ==, 42);

  /* It comes back on a retry. */
  kervi_fake_driver_set_error (driver, NULL);
  kervi_fake_driver_set_reading (driver, g_variant_new_double (43));
  g_assert_true (wait_for (is_available, sensor));
  g_assert_true (wait_for (value_is_43, value));
  kervi_component_unregister (KERVI_COMPONENT (sensor));
}

static void
test_out_of_range_reading (void)
{
  g_autoptr (KerviFakeDriver) driver = kervi_fake_driver_new (KERVI_VALUE_KIND_NUMBER, NULL, 0, 10);
  g_autoptr (KerviSensor) sensor = NULL;

  kervi_fake_driver_set_reading (driver, g_variant_new_double (11));
  sensor = kervi_sensor_new ("out_of_range", NULL, KERVI_SENSOR_DRIVER (driver));
  g_test_expect_message ("Kervi", G_LOG_LEVEL_WARNING, "*out_of_range*unavailable*0 to 10*");
  g_assert_true (wait_for (is_unavailable, sensor));
  g_test_assert_expected_messages ();
  g_assert_cmpfloat (
      kervi_number_value_get_value (KERVI_NUMBER_VALUE (kervi_sensor_get_value (sensor))), ==, 0);
  kervi_component_unregister (KERVI_COMPONENT (sensor));
}

static void
test_pushed_and_delta (void)
{
  g_autoptr (KerviFakeDriver) driver
      = kervi_fake_driver_new (KERVI_VALUE_KIND_NUMBER, NULL, 0, 100);
  g_autoptr (KerviSensor) sensor = NULL;
  KerviValue *value;
  guint changes = 0;

  kervi_fake_driver_set_reading (driver, g_variant_new_double (50));
  sensor = kervi_sensor_new ("pushed", NULL, KERVI_SENSOR_DRIVER (driver));
  kervi_sensor_set_interval (sensor, 0); /* no polling after the first read */
  kervi_sensor_set_delta (sensor, 1.0);
  value = kervi_sensor_get_value (sensor);
  g_assert_true (wait_for (value_is_50, value));

  g_signal_connect_swapped (value, "changed", G_CALLBACK (count_change), &changes);
  kervi_fake_driver_push (driver, g_variant_new_double (50.5)); /* under the delta: dropped */
  kervi_fake_driver_push (driver, g_variant_new_double (51.5));
  kervi_fake_driver_push (driver, g_variant_new_double (52.0)); /* 0.5 from 51.5: dropped */
  g_assert_cmpuint (changes, ==, 1);
  g_assert_cmpfloat (kervi_number_value_get_value (KERVI_NUMBER_VALUE (value)), ==, 51.5);
  kervi_component_unregister (KERVI_COMPONENT (sensor));
}

static void
test_boolean_sensor (void)
{
  g_autoptr (KerviFakeDriver) driver = kervi_fake_driver_new (KERVI_VALUE_KIND_BOOLEAN, NULL, 0, 1);
  g_autoptr (KerviSensor) sensor = kervi_sensor_new ("button", NULL, KERVI_SENSOR_DRIVER (driver));
  KerviValue *value = kervi_sensor_get_value (sensor);

  g_assert_true (KERVI_IS_BOOLEAN_VALUE (value));
  kervi_fake_driver_push (driver, g_variant_new_boolean (TRUE));
  g_assert_true (kervi_boolean_value_get_value (KERVI_BOOLEAN_VALUE (value)));
  /* A reading of the wrong kind is an error, not a value. */
  g_test_expect_message ("Kervi", G_LOG_LEVEL_WARNING, "*button*unavailable*type*");
  kervi_fake_driver_push (driver, g_variant_new_double (3));
  g_test_assert_expected_messages ();
  g_assert_false (kervi_component_get_available (KERVI_COMPONENT (sensor)));
  g_assert_true (kervi_boolean_value_get_value (KERVI_BOOLEAN_VALUE (value)));
  kervi_component_unregister (KERVI_COMPONENT (sensor));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/sensor/polled", test_polled);
  g_test_add_func ("/sensor/out-of-range-reading", test_out_of_range_reading);
  g_test_add_func ("/sensor/pushed-and-delta", test_pushed_and_delta);
  g_test_add_func ("/sensor/boolean", test_boolean_sensor);
  return g_test_run ();
}
