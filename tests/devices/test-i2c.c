/* test-i2c.c: BME280/BMP280 and BH1750 on the fake I2C backend
 *
 * The fake devices answer from register dumps in data/i2c (i2cdump
 * layout, see make-dumps.py there): a real BME280's calibration, and the
 * worked example of the BMP280 datasheet.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <math.h>

#include "devices-test-util.h"

static KerviFakeI2cBackend *
new_backend (void)
{
  KerviFakeI2cBackend *fake = kervi_fake_i2c_backend_new ();
  g_autoptr (GError) error = NULL;
  const struct
  {
    guint address;
    const char *file;
  } dumps[] = {
    { 0x76, "bme280-0x76.dump" },
    { 0x77, "bmp280-datasheet-0x77.dump" },
    { 0x23, "bh1750-0x23.dump" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (dumps); i++)
    {
      g_autofree char *path
          = g_test_build_filename (G_TEST_DIST, "data", "i2c", dumps[i].file, NULL);
      kervi_fake_i2c_backend_add_device_from_dump (fake, 1, dumps[i].address, path, &error);
      g_assert_no_error (error);
    }
  return fake;
}

/* Reads as a sensor does: in a worker thread, the main loop running. */
typedef struct
{
  GVariant *reading;
  GError *error;
  gboolean done;
} AsyncRead;

static void
read_done (GObject *source, GAsyncResult *result, gpointer user_data)
{
  AsyncRead *r = user_data;

  r->reading = kervi_sensor_driver_read_finish (KERVI_SENSOR_DRIVER (source), result, &r->error);
  r->done = TRUE;
}

static gboolean
async_done (gpointer data)
{
  return ((AsyncRead *)data)->done;
}

static double
read_number (KerviSensorDriver *driver)
{
  AsyncRead r = { NULL, NULL, FALSE };
  double number;

  kervi_sensor_driver_read_async (driver, NULL, read_done, &r);
  g_assert_true (wait_for (async_done, &r, 5000));
  g_assert_no_error (r.error);
  g_assert_true (g_variant_is_of_type (r.reading, G_VARIANT_TYPE_DOUBLE));
  number = g_variant_get_double (r.reading);
  g_variant_unref (r.reading);
  return number;
}

static void
read_fails (KerviSensorDriver *driver, int code, const char *message)
{
  AsyncRead r = { NULL, NULL, FALSE };

  kervi_sensor_driver_read_async (driver, NULL, read_done, &r);
  g_assert_true (wait_for (async_done, &r, 5000));
  g_assert_null (r.reading);
  g_assert_error (r.error, KERVI_DRIVER_ERROR, code);
  assert_contains (r.error->message, message);
  g_error_free (r.error);
}

/* ---- the fake backend ---- */

static void
test_fake_dump (void)
{
  g_autoptr (KerviFakeI2cBackend) fake = new_backend ();
  g_autoptr (GError) error = NULL;
  g_autofree char *dir = make_temp_dir ();
  g_autofree char *bad = g_build_filename (dir, "bad.dump", NULL);
  guint8 buf[2];

  g_assert_cmpuint (kervi_fake_i2c_backend_get_register (fake, 1, 0x76, 0xd0), ==, 0x60);
  g_assert_cmpuint (kervi_fake_i2c_backend_get_register (fake, 1, 0x77, 0xd0), ==, 0x58);
  /* dig_T1 = 28009 = 0x6d69, little-endian at 0x88. */
  g_assert_true (
      kervi_i2c_backend_read_registers (KERVI_I2C_BACKEND (fake), 1, 0x76, 0x88, buf, 2, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (buf[0] | (buf[1] << 8), ==, 28009);

  kervi_test_write_file (dir, "bad.dump", "00: 00 11 zz\n");
  g_assert_false (kervi_fake_i2c_backend_add_device_from_dump (fake, 1, 0x40, bad, &error));
  g_assert_error (error, KERVI_DRIVER_ERROR, KERVI_DRIVER_ERROR_PARSE);
  g_clear_error (&error);
  kervi_test_write_file (dir, "bad.dump", "just text\n");
  g_assert_false (kervi_fake_i2c_backend_add_device_from_dump (fake, 1, 0x40, bad, &error));
  g_assert_error (error, KERVI_DRIVER_ERROR, KERVI_DRIVER_ERROR_PARSE);
  g_clear_error (&error);

  kervi_test_remove_tree (dir);
}

/* ---- BME280 ---- */

static void
test_bme280_real_chip (void)
{
  g_autoptr (KerviFakeI2cBackend) fake = new_backend ();
  g_autoptr (KerviBme280) bme = NULL;
  g_autoptr (KerviSensorDriver) t = NULL;
  g_autoptr (KerviSensorDriver) p = NULL;
  g_autoptr (KerviSensorDriver) h = NULL;
  g_autoptr (GError) error = NULL;
  double temperature, pressure, humidity;

  bme = kervi_bme280_new_with_backend (KERVI_I2C_BACKEND (fake), 1, 0x76);
  kervi_bme280_set_max_age (bme, 0);
  g_assert_cmpint (kervi_bme280_get_model (bme), ==, KERVI_BME280_MODEL_UNKNOWN);
  g_assert_cmpstr (kervi_bme280_get_description (bme), ==, "BME280/BMP280 at i2c-1 0x76");

  g_assert_true (kervi_bme280_measure (bme, &temperature, &pressure, &humidity, &error));
  g_assert_no_error (error);
  g_assert_cmpint (kervi_bme280_get_model (bme), ==, KERVI_BME280_MODEL_BME280);
  /* The values the same calibration and raw readings give in
   * pimoroni/bme280-python's tests, with the datasheet's formulas. */
  g_assert_cmpfloat_with_epsilon (temperature, 24.7894877676, 1e-9);
  g_assert_cmpfloat_with_epsilon (pressure, 1006.61517564, 1e-8);
  g_assert_cmpfloat_with_epsilon (humidity, 68.66996648709039, 1e-9);

  /* Forced mode, oversampling ×1, humidity configured first. */
  g_assert_cmpuint (kervi_fake_i2c_backend_get_register (fake, 1, 0x76, 0xf2), ==, 0x01);
  g_assert_cmpuint (kervi_fake_i2c_backend_get_register (fake, 1, 0x76, 0xf4), ==, 0x25);

  t = kervi_bme280_get_driver (bme, KERVI_BME280_TEMPERATURE);
  p = kervi_bme280_get_driver (bme, KERVI_BME280_PRESSURE);
  h = kervi_bme280_get_driver (bme, KERVI_BME280_HUMIDITY);
  g_assert_cmpstr (kervi_sensor_driver_get_unit (t), ==, "°C");
  g_assert_cmpstr (kervi_sensor_driver_get_unit (p), ==, "hPa");
  g_assert_cmpstr (kervi_sensor_driver_get_unit (h), ==, "%");
  g_assert_cmpfloat (kervi_sensor_driver_get_max (h), ==, 100);
  g_assert_cmpstr (kervi_sensor_driver_get_device_name (p), ==,
                   "BME280/BMP280 at i2c-1 0x76 pressure");
  g_assert_true (KERVI_SENSOR_DRIVER_GET_CLASS (t)->read_in_thread);
  g_assert_true (kervi_bme280_driver_get_device (KERVI_BME280_DRIVER (t)) == bme);

  g_assert_cmpfloat_with_epsilon (read_number (t), 24.7894877676, 1e-9);
  g_assert_cmpfloat_with_epsilon (read_number (p), 1006.61517564, 1e-8);
  g_assert_cmpfloat_with_epsilon (read_number (h), 68.66996648709039, 1e-9);

  /* A new raw temperature, adc_T = 0x82000 (warmer): a new reading. */
  kervi_fake_i2c_backend_set_register (fake, 1, 0x76, 0xfa, 0x82);
  kervi_fake_i2c_backend_set_register (fake, 1, 0x76, 0xfb, 0x00);
  kervi_fake_i2c_backend_set_register (fake, 1, 0x76, 0xfc, 0x00);
  g_assert_cmpfloat (read_number (t), >, 24.8);
}

static void
test_bmp280_datasheet_example (void)
{
  g_autoptr (KerviFakeI2cBackend) fake = new_backend ();
  g_autoptr (KerviBme280) bmp = NULL;
  g_autoptr (KerviSensorDriver) h = NULL;
  g_autoptr (GError) error = NULL;
  double temperature, pressure, humidity;

  bmp = kervi_bme280_new_with_backend (KERVI_I2C_BACKEND (fake), 1, 0x77);
  g_assert_true (kervi_bme280_measure (bmp, &temperature, &pressure, &humidity, &error));
  g_assert_no_error (error);
  g_assert_cmpint (kervi_bme280_get_model (bmp), ==, KERVI_BME280_MODEL_BMP280);

  /* BMP280 datasheet, section 3.12: T = 25.08 °C, p = 100653.27 Pa. */
  g_assert_cmpfloat_with_epsilon (temperature, 25.08, 0.005);
  g_assert_cmpfloat_with_epsilon (pressure * 100, 100653.27, 0.005);
  g_assert_true (isnan (humidity));
  /* A BMP280 gets no humidity configuration. */
  g_assert_cmpuint (kervi_fake_i2c_backend_get_register (fake, 1, 0x77, 0xf2), ==, 0x00);

  h = kervi_bme280_get_driver (bmp, KERVI_BME280_HUMIDITY);
  read_fails (h, KERVI_DRIVER_ERROR_NO_READING, "a BMP280, which has no humidity sensor");
}

static void
test_bme280_errors (void)
{
  g_autoptr (KerviFakeI2cBackend) fake = new_backend ();
  g_autoptr (KerviBme280) absent = NULL;
  g_autoptr (KerviBme280) no_bus = NULL;
  g_autoptr (KerviBme280) bme = NULL;
  g_autoptr (KerviSensorDriver) t = NULL;
  g_autoptr (KerviSensorDriver) t_absent = NULL;
  g_autoptr (KerviSensorDriver) t_no_bus = NULL;

  absent = kervi_bme280_new_with_backend (KERVI_I2C_BACKEND (fake), 1, 0x44);
  t_absent = kervi_bme280_get_driver (absent, KERVI_BME280_TEMPERATURE);
  read_fails (t_absent, KERVI_DRIVER_ERROR_NOT_FOUND, "i2c-1 0x44: no answer (Remote I/O error)");
  g_assert_cmpint (kervi_bme280_get_model (absent), ==, KERVI_BME280_MODEL_UNKNOWN);

  no_bus = kervi_bme280_new_with_backend (KERVI_I2C_BACKEND (fake), 3, 0x76);
  t_no_bus = kervi_bme280_get_driver (no_bus, KERVI_BME280_TEMPERATURE);
  read_fails (t_no_bus, KERVI_DRIVER_ERROR_NOT_FOUND, "i2c-3: no such bus");

  bme = kervi_bme280_new_with_backend (KERVI_I2C_BACKEND (fake), 1, 0x76);
  kervi_bme280_set_max_age (bme, 0);
  t = kervi_bme280_get_driver (bme, KERVI_BME280_TEMPERATURE);

  /* Something else at the address. */
  kervi_fake_i2c_backend_set_register (fake, 1, 0x76, 0xd0, 0x55);
  read_fails (t, KERVI_DRIVER_ERROR_PARSE, "chip id 0x55 is neither a BME280 (0x60)");
  kervi_fake_i2c_backend_set_register (fake, 1, 0x76, 0xd0, 0x60);

  /* A skipped measurement is an error, not 0x80000 turned into degrees. */
  kervi_fake_i2c_backend_set_register (fake, 1, 0x76, 0xfa, 0x80);
  kervi_fake_i2c_backend_set_register (fake, 1, 0x76, 0xfb, 0x00);
  kervi_fake_i2c_backend_set_register (fake, 1, 0x76, 0xfc, 0x00);
  read_fails (t, KERVI_DRIVER_ERROR_NO_READING, "skipped measurement");
  kervi_fake_i2c_backend_set_register (fake, 1, 0x76, 0xfa, 0x81);

  /* Erased calibration. */
  kervi_fake_i2c_backend_set_register (fake, 1, 0x76, 0x8e, 0x00);
  kervi_fake_i2c_backend_set_register (fake, 1, 0x76, 0x8f, 0x00);
  read_fails (t, KERVI_DRIVER_ERROR_PARSE, "invalid calibration data");
  kervi_fake_i2c_backend_set_register (fake, 1, 0x76, 0x8e, 39145 & 0xff);
  kervi_fake_i2c_backend_set_register (fake, 1, 0x76, 0x8f, 39145 >> 8);

  /* A chip stuck converting. */
  kervi_fake_i2c_backend_set_register (fake, 1, 0x76, 0xf3, 0x08);
  read_fails (t, KERVI_DRIVER_ERROR_IO, "did not finish");
  kervi_fake_i2c_backend_set_register (fake, 1, 0x76, 0xf3, 0x00);

  g_assert_cmpfloat (read_number (t), >, 20);
}

static void
test_bme280_shared_measurement (void)
{
  g_autoptr (KerviFakeI2cBackend) fake = new_backend ();
  g_autoptr (KerviBme280) bme = NULL;
  g_autoptr (KerviSensorDriver) t = NULL;
  g_autoptr (KerviSensorDriver) p = NULL;
  guint after_first;

  bme = kervi_bme280_new_with_backend (KERVI_I2C_BACKEND (fake), 1, 0x76);
  kervi_bme280_set_max_age (bme, 60);
  t = kervi_bme280_get_driver (bme, KERVI_BME280_TEMPERATURE);
  p = kervi_bme280_get_driver (bme, KERVI_BME280_PRESSURE);

  read_number (t);
  after_first = kervi_fake_i2c_backend_get_transfer_count (fake, 1, 0x76);
  /* id, 2 calibration blocks, ctrl_hum, ctrl_meas, status, data */
  g_assert_cmpuint (after_first, ==, 7);
  read_number (p);
  g_assert_cmpuint (kervi_fake_i2c_backend_get_transfer_count (fake, 1, 0x76), ==, after_first);

  /* Without the cache: a conversion per reading, calibration read once. */
  kervi_bme280_set_max_age (bme, 0);
  read_number (p);
  g_assert_cmpuint (kervi_fake_i2c_backend_get_transfer_count (fake, 1, 0x76), ==, after_first + 4);
}

static gboolean
has_reading (gpointer data)
{
  return kervi_value_get_timestamp (kervi_sensor_get_value (data)) != 0;
}

static void
test_bme280_sensors_recover (void)
{
  g_autoptr (KerviFakeI2cBackend) fake = new_backend ();
  g_autoptr (KerviBme280) bme = NULL;
  g_autoptr (KerviSensorDriver) t = NULL;
  g_autoptr (KerviSensorDriver) h = NULL;
  g_autofree char *dump
      = g_test_build_filename (G_TEST_DIST, "data", "i2c", "bme280-0x76.dump", NULL);
  g_autoptr (GError) error = NULL;
  KerviSensor *temperature, *humidity;

  bme = kervi_bme280_new_with_backend (KERVI_I2C_BACKEND (fake), 1, 0x76);
  t = kervi_bme280_get_driver (bme, KERVI_BME280_TEMPERATURE);
  h = kervi_bme280_get_driver (bme, KERVI_BME280_HUMIDITY);

  kervi_fake_i2c_backend_remove_device (fake, 1, 0x76);
  temperature = kervi_sensor_new ("room_temp", "Room temperature", t);
  humidity = kervi_sensor_new ("room_humidity", "Room humidity", h);
  kervi_sensor_set_interval (temperature, 0.05);
  kervi_sensor_set_interval (humidity, 0.05);

  g_assert_true (wait_for (component_unavailable, temperature, 5000));
  g_assert_true (wait_for (component_unavailable, humidity, 5000));
  g_assert_cmpstr (kervi_component_get_status (KERVI_COMPONENT (temperature)), ==,
                   "i2c-1 0x76: no answer (Remote I/O error)");
  g_assert_false (has_reading (temperature));

  /* Plugged in: both sensors come back on their own. */
  kervi_fake_i2c_backend_add_device_from_dump (fake, 1, 0x76, dump, &error);
  g_assert_no_error (error);
  g_assert_true (wait_for (component_available, temperature, 5000));
  g_assert_true (wait_for (component_available, humidity, 5000));
  g_assert_true (wait_for (has_reading, humidity, 5000));
  g_assert_cmpfloat_with_epsilon (
      kervi_number_value_get_value (KERVI_NUMBER_VALUE (kervi_sensor_get_value (humidity))),
      68.66996648709039, 1e-9);

  drop_component (temperature);
  drop_component (humidity);
}

/* ---- BH1750 ---- */

static void
test_bh1750 (void)
{
  g_autoptr (KerviFakeI2cBackend) fake = new_backend ();
  g_autoptr (KerviSensorDriver) light = NULL;
  g_autoptr (KerviSensorDriver) absent = NULL;

  light = kervi_bh1750_driver_new_with_backend (KERVI_I2C_BACKEND (fake), 1, 0x23);
  g_assert_cmpstr (kervi_sensor_driver_get_unit (light), ==, "lx");
  g_assert_cmpstr (kervi_sensor_driver_get_device_name (light), ==, "BH1750 at i2c-1 0x23");
  g_assert_true (KERVI_SENSOR_DRIVER_GET_CLASS (light)->read_in_thread);

  /* 0x8390 = 33680 counts / 1.2 */
  g_assert_cmpfloat_with_epsilon (read_number (light), 28066.666666, 1e-3);
  /* power on, one-time H-resolution, read */
  g_assert_cmpuint (kervi_fake_i2c_backend_get_transfer_count (fake, 1, 0x23), ==, 3);

  absent = kervi_bh1750_driver_new_with_backend (KERVI_I2C_BACKEND (fake), 1, 0x5c);
  read_fails (absent, KERVI_DRIVER_ERROR_NOT_FOUND, "i2c-1 0x5c: no answer");
}

/* ---- the /dev/i2c-N backend ---- */

static void
test_dev_backend_missing_bus (void)
{
  KerviI2cBackend *backend = kervi_i2c_backend_get_default ();
  g_autoptr (GError) error = NULL;
  guint8 reg = 0xd0, id;

  g_assert_nonnull (backend);
  if (g_file_test ("/dev/i2c-250", G_FILE_TEST_EXISTS))
    {
      g_test_skip ("/dev/i2c-250 exists on this machine");
      return;
    }
  g_assert_false (kervi_i2c_backend_transfer (backend, 250, 0x76, &reg, 1, &id, 1, &error));
  g_assert_error (error, KERVI_DRIVER_ERROR, KERVI_DRIVER_ERROR_NOT_FOUND);
  assert_contains (error->message, "i2c-250: no such bus");
}

int
main (int argc, char **argv)
{
  devices_test_init (&argc, &argv);

  g_test_add_func ("/devices/i2c/fake/dump", test_fake_dump);
  g_test_add_func ("/devices/i2c/bme280/real-chip", test_bme280_real_chip);
  g_test_add_func ("/devices/i2c/bme280/bmp280-datasheet-example", test_bmp280_datasheet_example);
  g_test_add_func ("/devices/i2c/bme280/errors", test_bme280_errors);
  g_test_add_func ("/devices/i2c/bme280/shared-measurement", test_bme280_shared_measurement);
  g_test_add_func ("/devices/i2c/bme280/sensors-recover", test_bme280_sensors_recover);
  g_test_add_func ("/devices/i2c/bh1750", test_bh1750);
  g_test_add_func ("/devices/i2c/dev-backend/missing-bus", test_dev_backend_missing_bus);

  return g_test_run ();
}
