/* test-w1.c: the DS18B20 1-Wire driver on recorded sysfs trees
 *
 * data/w1/<case>/sys/bus/w1/devices/28-000005e2fdc3/w1_slave holds what the
 * kernel's w1-therm driver prints; see data/README.md.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "devices-test-util.h"

#define ID "28-000005e2fdc3"

static KerviSensorDriver *
driver_for (const char *tree)
{
  g_autofree char *root = g_test_build_filename (G_TEST_DIST, "data", "w1", tree, NULL);

  return g_object_new (KERVI_TYPE_W1_THERMOMETER_DRIVER, "device-id", ID, "root", root, NULL);
}

static void
read_fails (const char *tree, int code, const char *message)
{
  g_autoptr (KerviSensorDriver) driver = driver_for (tree);
  g_autoptr (GError) error = NULL;
  g_autoptr (GVariant) reading = kervi_sensor_driver_read (driver, &error);

  g_assert_null (reading);
  g_assert_error (error, KERVI_DRIVER_ERROR, code);
  assert_contains (error->message, ID);
  assert_contains (error->message, message);
}

static double
read_ok (const char *tree)
{
  g_autoptr (KerviSensorDriver) driver = driver_for (tree);
  g_autoptr (GError) error = NULL;
  g_autoptr (GVariant) reading = kervi_sensor_driver_read (driver, &error);

  g_assert_no_error (error);
  g_assert_true (g_variant_is_of_type (reading, G_VARIANT_TYPE_DOUBLE));
  return g_variant_get_double (reading);
}

static void
test_description (void)
{
  g_autoptr (KerviSensorDriver) driver = kervi_w1_thermometer_driver_new (ID);

  g_assert_cmpint (kervi_sensor_driver_get_kind (driver), ==, KERVI_VALUE_KIND_NUMBER);
  g_assert_cmpstr (kervi_sensor_driver_get_unit (driver), ==, "°C");
  g_assert_cmpfloat (kervi_sensor_driver_get_min (driver), ==, -55);
  g_assert_cmpfloat (kervi_sensor_driver_get_max (driver), ==, 125);
  g_assert_cmpstr (kervi_sensor_driver_get_device_name (driver), ==, "1-Wire " ID);
  g_assert_false (kervi_sensor_driver_is_event_driven (driver));
  /* The kernel converts on every read: up to 750 ms. */
  g_assert_true (KERVI_SENSOR_DRIVER_GET_CLASS (driver)->read_in_thread);
  g_assert_cmpstr (kervi_w1_thermometer_driver_get_device_id (KERVI_W1_THERMOMETER_DRIVER (driver)),
                   ==, ID);
  g_assert_null (kervi_w1_thermometer_driver_get_root (KERVI_W1_THERMOMETER_DRIVER (driver)));
}

static void
test_good (void)
{
  g_assert_cmpfloat_with_epsilon (read_ok ("good"), 23.125, 1e-9);
  g_assert_cmpfloat_with_epsilon (read_ok ("negative"), -10.062, 1e-9);
}

static void
test_bad_crc (void)
{
  read_fails ("bad-crc", KERVI_DRIVER_ERROR_IO, ID ": CRC check failed");
}

static void
test_power_on_value (void)
{
  read_fails ("power-on", KERVI_DRIVER_ERROR_NO_READING, "85.000 °C is the power-on value");
}

static void
test_all_zeros (void)
{
  read_fails ("all-zeros", KERVI_DRIVER_ERROR_NO_READING, "all zeros");
}

static void
test_out_of_range (void)
{
  read_fails ("out-of-range", KERVI_DRIVER_ERROR_PARSE, "127.937 °C is outside");
}

static void
test_garbage (void)
{
  read_fails ("garbage", KERVI_DRIVER_ERROR_PARSE, "unexpected w1_slave contents");
}

static void
test_missing (void)
{
  read_fails ("missing", KERVI_DRIVER_ERROR_NOT_FOUND, ID ": no such 1-Wire device");
}

static void
test_invalid_id (void)
{
  g_autoptr (KerviSensorDriver) driver = kervi_w1_thermometer_driver_new ("../../../etc");
  g_autoptr (GError) error = NULL;
  g_autoptr (GVariant) reading = kervi_sensor_driver_read (driver, &error);

  g_assert_null (reading);
  g_assert_error (error, KERVI_DRIVER_ERROR, KERVI_DRIVER_ERROR_NOT_FOUND);
  assert_contains (error->message, "invalid device id");
}

/* A sensor on the driver: unavailable on a bad CRC, the last good value
 * kept, available again once the bus is clean. */
static gboolean
has_reading (gpointer data)
{
  return kervi_value_get_timestamp (kervi_sensor_get_value (data)) != 0;
}

static void
test_sensor_recovers (void)
{
  g_autofree char *root = make_temp_dir ();
  g_autofree char *good = NULL;
  g_autofree char *bad = NULL;
  g_autoptr (KerviSensorDriver) driver = NULL;
  const char *path = "sys/bus/w1/devices/" ID "/w1_slave";
  const char *sources[] = { "good", "bad-crc" };
  char **copies[] = { &good, &bad };
  KerviSensor *sensor;

  for (guint i = 0; i < G_N_ELEMENTS (sources); i++)
    {
      g_autofree char *dir = g_test_build_filename (G_TEST_DIST, "data", "w1", sources[i], NULL);
      *copies[i] = kervi_test_read_file (dir, path);
    }

  kervi_test_write_file (root, path, bad);
  driver = g_object_new (KERVI_TYPE_W1_THERMOMETER_DRIVER, "device-id", ID, "root", root, NULL);
  sensor = kervi_sensor_new ("water_temp", "Water temperature", driver);
  kervi_sensor_set_interval (sensor, 0.05);

  g_assert_true (wait_for (component_unavailable, sensor, 2000));
  assert_contains (kervi_component_get_status (KERVI_COMPONENT (sensor)), "CRC check failed");
  g_assert_false (has_reading (sensor)); /* no made-up value */

  kervi_test_write_file (root, path, good);
  g_assert_true (wait_for (component_available, sensor, 5000));
  g_assert_true (wait_for (has_reading, sensor, 2000));
  g_assert_cmpfloat_with_epsilon (
      kervi_number_value_get_value (KERVI_NUMBER_VALUE (kervi_sensor_get_value (sensor))), 23.125,
      1e-9);

  drop_component (sensor);
  kervi_test_remove_tree (root);
}

int
main (int argc, char **argv)
{
  devices_test_init (&argc, &argv);

  g_test_add_func ("/devices/w1/description", test_description);
  g_test_add_func ("/devices/w1/good", test_good);
  g_test_add_func ("/devices/w1/bad-crc", test_bad_crc);
  g_test_add_func ("/devices/w1/power-on-value", test_power_on_value);
  g_test_add_func ("/devices/w1/all-zeros", test_all_zeros);
  g_test_add_func ("/devices/w1/out-of-range", test_out_of_range);
  g_test_add_func ("/devices/w1/garbage", test_garbage);
  g_test_add_func ("/devices/w1/missing", test_missing);
  g_test_add_func ("/devices/w1/invalid-id", test_invalid_id);
  g_test_add_func ("/devices/w1/sensor-recovers", test_sensor_recovers);

  return g_test_run ();
}
