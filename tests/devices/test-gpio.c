/* test-gpio.c: GPIO drivers on the fake chip
 *
 * Edges are scripted on a KerviFakeGpioBackend and reach the drivers
 * through a real pipe watched by the main loop, as kernel line events do.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "devices-test-util.h"

#define CHIP "gpiochip0"
#define MS 1000 /* µs per ms, for scripted event times */

static const char *const line_names[] = { "ID_SDA", "ID_SCL", "GPIO2", "GPIO3", "BUTTON", NULL };

static KerviFakeGpioBackend *
new_backend (void)
{
  KerviFakeGpioBackend *backend = kervi_fake_gpio_backend_new ();

  kervi_fake_gpio_backend_add_chip (backend, CHIP, "pinctrl-bcm2711", 32, line_names);
  return backend;
}

/* Collects the readings and errors a driver pushes. */
typedef struct
{
  GArray *levels; /* gboolean */
  GPtrArray *errors;
} Recorder;

static void
on_reading (KerviSensorDriver *driver, GVariant *reading, Recorder *rec)
{
  gboolean level = g_variant_get_boolean (reading);

  g_array_append_val (rec->levels, level);
}

static void
on_error (KerviSensorDriver *driver, GError *error, Recorder *rec)
{
  g_ptr_array_add (rec->errors, g_strdup (error->message));
}

static void
recorder_init (Recorder *rec, KerviSensorDriver *driver)
{
  rec->levels = g_array_new (FALSE, FALSE, sizeof (gboolean));
  rec->errors = g_ptr_array_new_with_free_func (g_free);
  g_signal_connect (driver, "reading", G_CALLBACK (on_reading), rec);
  g_signal_connect (driver, "error", G_CALLBACK (on_error), rec);
}

static void
recorder_clear (Recorder *rec, KerviSensorDriver *driver)
{
  g_signal_handlers_disconnect_by_data (driver, rec);
  g_array_unref (rec->levels);
  g_ptr_array_unref (rec->errors);
}

typedef struct
{
  Recorder *rec;
  guint n;
} Count;

static gboolean
has_readings (gpointer data)
{
  Count *count = data;

  return count->rec->levels->len >= count->n;
}

static gboolean
has_errors (gpointer data)
{
  return ((Recorder *)data)->errors->len > 0;
}

static gboolean
wait_readings (Recorder *rec, guint n, guint timeout_ms)
{
  Count count = { rec, n };

  return wait_for (has_readings, &count, timeout_ms);
}

static gboolean
level_at (Recorder *rec, guint i)
{
  g_assert_cmpuint (i, <, rec->levels->len);
  return g_array_index (rec->levels, gboolean, i);
}

/* ---- the backend ---- */

static void
assert_request_fails (KerviGpioBackend *backend, const char *chip, const char *line, int code,
                      const char *message)
{
  g_autoptr (GError) error = NULL;
  guint handle;

  handle = kervi_gpio_backend_request_input (backend, chip, line, KERVI_GPIO_PULL_AS_IS, FALSE,
                                             TRUE, "test", &error);
  g_assert_cmpuint (handle, ==, 0);
  g_assert_error (error, KERVI_DRIVER_ERROR, code);
  g_assert_cmpstr (error->message, ==, message);
  g_clear_error (&error);

  handle = kervi_gpio_backend_request_output (backend, chip, line, FALSE, TRUE, "test", &error);
  g_assert_cmpuint (handle, ==, 0);
  g_assert_error (error, KERVI_DRIVER_ERROR, code);
  g_assert_cmpstr (error->message, ==, message);
}

static void
test_backend_errors (void)
{
  g_autoptr (KerviFakeGpioBackend) fake = new_backend ();
  KerviGpioBackend *backend = KERVI_GPIO_BACKEND (fake);
  g_autoptr (GError) error = NULL;
  guint handle;

  assert_request_fails (backend, "gpiochip9", "17", KERVI_DRIVER_ERROR_NOT_FOUND,
                        "gpiochip9: no such chip");
  assert_request_fails (backend, CHIP, "40", KERVI_DRIVER_ERROR_NOT_FOUND,
                        "gpiochip0: no line 40 (the chip has 32 lines)");
  assert_request_fails (backend, CHIP, "NOPE", KERVI_DRIVER_ERROR_NOT_FOUND,
                        "gpiochip0: no line named 'NOPE'");

  kervi_fake_gpio_backend_set_consumer (fake, CHIP, 17, "pigpiod");
  assert_request_fails (backend, CHIP, "17", KERVI_DRIVER_ERROR_BUSY,
                        "gpiochip0 line 17: busy (used by 'pigpiod')");
  kervi_fake_gpio_backend_set_consumer (fake, CHIP, 17, NULL);

  kervi_fake_gpio_backend_set_permission (fake, CHIP, FALSE);
  assert_request_fails (backend, CHIP, "17", KERVI_DRIVER_ERROR_PERMISSION,
                        "gpiochip0: permission denied (is the user in the 'gpio' group?)");
  kervi_fake_gpio_backend_set_permission (fake, CHIP, TRUE);

  /* Lookup as libgpiod does it: by number, path, label; lines by name. */
  handle = kervi_gpio_backend_request_input (backend, "0", "BUTTON", KERVI_GPIO_PULL_UP, FALSE,
                                             FALSE, "test", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (handle, !=, 0);
  g_assert_true (kervi_fake_gpio_backend_is_requested (fake, CHIP, 4));
  /* Our own request makes the line busy for others. */
  assert_request_fails (backend, "/dev/gpiochip0", "4", KERVI_DRIVER_ERROR_BUSY,
                        "gpiochip0 line 4: busy (used by 'test')");
  kervi_gpio_backend_release (backend, handle);
  g_assert_false (kervi_fake_gpio_backend_is_requested (fake, CHIP, 4));

  handle = kervi_gpio_backend_request_output (backend, "pinctrl-bcm2711", "4", FALSE, TRUE, "test",
                                              &error);
  g_assert_no_error (error);
  g_assert_true (kervi_fake_gpio_backend_get_level (fake, CHIP, 4));
  kervi_gpio_backend_release (backend, handle);
}

/* ---- input driver ---- */

static void
test_input_description (void)
{
  g_autoptr (KerviFakeGpioBackend) fake = new_backend ();
  g_autoptr (KerviSensorDriver) driver = NULL;
  g_autoptr (KerviSensorDriver) plain = NULL;

  driver = kervi_gpio_input_driver_new_with_backend (KERVI_GPIO_BACKEND (fake), CHIP, "17");
  g_assert_cmpint (kervi_sensor_driver_get_kind (driver), ==, KERVI_VALUE_KIND_BOOLEAN);
  g_assert_cmpstr (kervi_sensor_driver_get_device_name (driver), ==, "gpiochip0 line 17");
  g_assert_true (kervi_sensor_driver_is_event_driven (driver));

  /* g_object_new() without the constructor function (bindings) gives the
   * same description. */
  plain = g_object_new (KERVI_TYPE_GPIO_INPUT_DRIVER, "backend", fake, "chip", "gpiochip1", "line",
                        "BUTTON", NULL);
  g_assert_cmpint (kervi_sensor_driver_get_kind (plain), ==, KERVI_VALUE_KIND_BOOLEAN);
  g_assert_cmpstr (kervi_sensor_driver_get_device_name (plain), ==, "gpiochip1 line BUTTON");
}

static void
test_input_edges_in_order (void)
{
  g_autoptr (KerviFakeGpioBackend) fake = new_backend ();
  g_autoptr (KerviSensorDriver) driver = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GVariant) initial = NULL;
  const gboolean script[] = { TRUE, FALSE, TRUE, TRUE, FALSE, TRUE };
  const gboolean expected[] = { TRUE, FALSE, TRUE, FALSE, TRUE };
  Recorder rec;

  driver = kervi_gpio_input_driver_new_with_backend (KERVI_GPIO_BACKEND (fake), CHIP, "17");
  recorder_init (&rec, driver);

  g_assert_true (kervi_sensor_driver_start (driver, &error));
  g_assert_no_error (error);
  g_assert_true (kervi_fake_gpio_backend_is_requested (fake, CHIP, 17));

  initial = kervi_sensor_driver_read (driver, &error);
  g_assert_no_error (error);
  g_assert_false (g_variant_get_boolean (initial));

  /* All edges queued before the loop runs: they arrive in one batch. The
   * repeated high is no edge at all. */
  for (guint i = 0; i < G_N_ELEMENTS (script); i++)
    kervi_fake_gpio_backend_set_level (fake, CHIP, 17, script[i], (1000 + i) * MS);
  g_assert_cmpuint (rec.levels->len, ==, 0); /* nothing without the main loop */

  g_assert_true (wait_readings (&rec, G_N_ELEMENTS (expected), 2000));
  g_assert_cmpuint (rec.levels->len, ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    g_assert_cmpint (level_at (&rec, i), ==, expected[i]);
  g_assert_cmpuint (rec.errors->len, ==, 0);

  /* And one at a time, through the watch. */
  kervi_fake_gpio_backend_set_level (fake, CHIP, 17, FALSE, -1);
  g_assert_true (wait_readings (&rec, G_N_ELEMENTS (expected) + 1, 2000));
  g_assert_false (level_at (&rec, G_N_ELEMENTS (expected)));

  kervi_sensor_driver_stop (driver);
  g_assert_false (kervi_fake_gpio_backend_is_requested (fake, CHIP, 17));
  recorder_clear (&rec, driver);
}

static void
test_input_debounce (void)
{
  g_autoptr (KerviFakeGpioBackend) fake = new_backend ();
  g_autoptr (KerviSensorDriver) driver = NULL;
  g_autoptr (GError) error = NULL;
  Recorder rec;

  driver = kervi_gpio_input_driver_new_with_backend (KERVI_GPIO_BACKEND (fake), CHIP, "17");
  kervi_gpio_input_driver_set_debounce_ms (KERVI_GPIO_INPUT_DRIVER (driver), 40);
  g_assert_cmpuint (kervi_gpio_input_driver_get_debounce_ms (KERVI_GPIO_INPUT_DRIVER (driver)), ==,
                    40);
  recorder_init (&rec, driver);
  g_assert_true (kervi_sensor_driver_start (driver, &error));
  g_assert_no_error (error);

  /* A press that bounces and settles high: one reading. */
  kervi_fake_gpio_backend_set_level (fake, CHIP, 17, TRUE, 1000 * MS);
  kervi_fake_gpio_backend_set_level (fake, CHIP, 17, FALSE, 1001 * MS);
  kervi_fake_gpio_backend_set_level (fake, CHIP, 17, TRUE, 1002 * MS);
  kervi_fake_gpio_backend_set_level (fake, CHIP, 17, FALSE, 1003 * MS);
  kervi_fake_gpio_backend_set_level (fake, CHIP, 17, TRUE, 1005 * MS);
  g_assert_true (wait_readings (&rec, 1, 2000));
  g_assert_true (level_at (&rec, 0));
  /* The window ends (40 ms) with the line still high: nothing more. */
  g_assert_false (wait_readings (&rec, 2, 200));
  g_assert_cmpuint (rec.levels->len, ==, 1);

  /* A short pulse whose bounces end low: the final level is delivered when
   * the window ends, so the release is not lost. */
  kervi_fake_gpio_backend_set_level (fake, CHIP, 17, FALSE, 2000 * MS);
  kervi_fake_gpio_backend_set_level (fake, CHIP, 17, TRUE, 2002 * MS);
  kervi_fake_gpio_backend_set_level (fake, CHIP, 17, FALSE, 2004 * MS);
  kervi_fake_gpio_backend_set_level (fake, CHIP, 17, TRUE, 2006 * MS);
  g_assert_true (wait_readings (&rec, 2, 2000));
  g_assert_false (level_at (&rec, 1));
  g_assert_true (wait_readings (&rec, 3, 2000));
  g_assert_true (level_at (&rec, 2));
  g_assert_false (wait_readings (&rec, 4, 200));

  /* Edges further apart than the window in one batch are all kept. */
  kervi_fake_gpio_backend_set_level (fake, CHIP, 17, FALSE, 3000 * MS);
  kervi_fake_gpio_backend_set_level (fake, CHIP, 17, TRUE, 3100 * MS);
  kervi_fake_gpio_backend_set_level (fake, CHIP, 17, FALSE, 3200 * MS);
  g_assert_true (wait_readings (&rec, 6, 2000));
  g_assert_false (level_at (&rec, 3));
  g_assert_true (level_at (&rec, 4));
  g_assert_false (level_at (&rec, 5));
  g_assert_cmpuint (rec.errors->len, ==, 0);

  kervi_sensor_driver_stop (driver);
  recorder_clear (&rec, driver);
}

static void
test_input_active_low (void)
{
  g_autoptr (KerviFakeGpioBackend) fake = new_backend ();
  g_autoptr (KerviSensorDriver) driver = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GVariant) initial = NULL;
  Recorder rec;

  /* A button between the pin and ground, with the pull-up on. */
  driver = kervi_gpio_input_driver_new_with_backend (KERVI_GPIO_BACKEND (fake), CHIP, "BUTTON");
  kervi_gpio_input_driver_set_pull (KERVI_GPIO_INPUT_DRIVER (driver), KERVI_GPIO_PULL_UP);
  kervi_gpio_input_driver_set_active_low (KERVI_GPIO_INPUT_DRIVER (driver), TRUE);
  recorder_init (&rec, driver);
  g_assert_true (kervi_sensor_driver_start (driver, &error));
  g_assert_no_error (error);

  /* Released: pulled high, reads inactive. */
  g_assert_true (kervi_fake_gpio_backend_get_level (fake, CHIP, 4));
  initial = kervi_sensor_driver_read (driver, &error);
  g_assert_no_error (error);
  g_assert_false (g_variant_get_boolean (initial));

  /* Pressed: the pin goes low, the reading goes TRUE. */
  kervi_fake_gpio_backend_set_level (fake, CHIP, 4, FALSE, -1);
  g_assert_true (wait_readings (&rec, 1, 2000));
  g_assert_true (level_at (&rec, 0));
  kervi_fake_gpio_backend_set_level (fake, CHIP, 4, TRUE, -1);
  g_assert_true (wait_readings (&rec, 2, 2000));
  g_assert_false (level_at (&rec, 1));

  /* Switching active-low off while running requests the line again. */
  kervi_gpio_input_driver_set_active_low (KERVI_GPIO_INPUT_DRIVER (driver), FALSE);
  g_clear_pointer (&initial, g_variant_unref);
  initial = kervi_sensor_driver_read (driver, &error);
  g_assert_no_error (error);
  g_assert_true (g_variant_get_boolean (initial));

  kervi_sensor_driver_stop (driver);
  recorder_clear (&rec, driver);
}

static void
test_input_read_when_stopped (void)
{
  g_autoptr (KerviFakeGpioBackend) fake = new_backend ();
  g_autoptr (KerviSensorDriver) driver = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GVariant) reading = NULL;

  driver = kervi_gpio_input_driver_new_with_backend (KERVI_GPIO_BACKEND (fake), CHIP, "17");
  kervi_fake_gpio_backend_set_level (fake, CHIP, 17, TRUE, -1);
  reading = kervi_sensor_driver_read (driver, &error);
  g_assert_no_error (error);
  g_assert_true (g_variant_get_boolean (reading));
  /* The line is given back after the reading. */
  g_assert_false (kervi_fake_gpio_backend_is_requested (fake, CHIP, 17));

  kervi_fake_gpio_backend_set_consumer (fake, CHIP, 17, "other");
  g_clear_pointer (&reading, g_variant_unref);
  reading = kervi_sensor_driver_read (driver, &error);
  g_assert_null (reading);
  g_assert_error (error, KERVI_DRIVER_ERROR, KERVI_DRIVER_ERROR_BUSY);
}

static void
test_input_chip_removed (void)
{
  g_autoptr (KerviFakeGpioBackend) fake = new_backend ();
  g_autoptr (KerviSensorDriver) driver = NULL;
  g_autoptr (GError) error = NULL;
  Recorder rec;

  driver = kervi_gpio_input_driver_new_with_backend (KERVI_GPIO_BACKEND (fake), CHIP, "17");
  recorder_init (&rec, driver);
  g_assert_true (kervi_sensor_driver_start (driver, &error));

  /* Unplugged: the watch wakes up and the driver reports, once. */
  kervi_fake_gpio_backend_remove_chip (fake, CHIP);
  g_assert_true (wait_for (has_errors, &rec, 2000));
  g_assert_cmpuint (rec.errors->len, ==, 1);
  assert_contains (g_ptr_array_index (rec.errors, 0), "gpiochip0 line 17");
  g_assert_cmpuint (rec.levels->len, ==, 0);

  kervi_sensor_driver_stop (driver);
  recorder_clear (&rec, driver);
}

/* ---- a sensor on the driver ---- */

static gboolean
sensor_is_true (gpointer data)
{
  return kervi_boolean_value_get_value (KERVI_BOOLEAN_VALUE (kervi_sensor_get_value (data)));
}

static gboolean
sensor_is_false (gpointer data)
{
  return !sensor_is_true (data);
}

static void
on_value_changed (KerviValue *value, GVariant *variant, gint64 timestamp, GArray *levels)
{
  gboolean level = g_variant_get_boolean (variant);

  g_array_append_val (levels, level);
}

static gboolean
levels_len_4 (gpointer data)
{
  return ((GArray *)data)->len >= 4;
}

static void
test_sensor_values_in_order (void)
{
  g_autoptr (KerviFakeGpioBackend) fake = new_backend ();
  g_autoptr (KerviSensorDriver) driver = NULL;
  g_autoptr (GArray) levels = g_array_new (FALSE, FALSE, sizeof (gboolean));
  KerviSensor *sensor;

  kervi_fake_gpio_backend_set_level (fake, CHIP, 17, TRUE, -1);
  driver = kervi_gpio_input_driver_new_with_backend (KERVI_GPIO_BACKEND (fake), CHIP, "17");
  sensor = kervi_sensor_new ("door", "Door contact", driver);
  g_signal_connect (kervi_sensor_get_value (sensor), "changed", G_CALLBACK (on_value_changed),
                    levels);

  /* The initial level, read once after start. */
  g_assert_true (wait_for (sensor_is_true, sensor, 2000));
  g_assert_true (kervi_component_get_available (KERVI_COMPONENT (sensor)));

  kervi_fake_gpio_backend_set_level (fake, CHIP, 17, FALSE, 1000 * MS);
  kervi_fake_gpio_backend_set_level (fake, CHIP, 17, TRUE, 1010 * MS);
  kervi_fake_gpio_backend_set_level (fake, CHIP, 17, FALSE, 1020 * MS);
  g_assert_true (wait_for (levels_len_4, levels, 2000));
  g_assert_cmpuint (levels->len, ==, 4);
  g_assert_true (g_array_index (levels, gboolean, 0));
  g_assert_false (g_array_index (levels, gboolean, 1));
  g_assert_true (g_array_index (levels, gboolean, 2));
  g_assert_false (g_array_index (levels, gboolean, 3));

  g_signal_handlers_disconnect_by_data (kervi_sensor_get_value (sensor), levels);
  drop_component (sensor);
  g_assert_false (kervi_fake_gpio_backend_is_requested (fake, CHIP, 17));
}

static void
test_sensor_missing_chip_then_appears (void)
{
  g_autoptr (KerviFakeGpioBackend) fake = kervi_fake_gpio_backend_new ();
  g_autoptr (KerviSensorDriver) driver = NULL;
  g_autoptr (GVariant) before = NULL;
  KerviSensor *sensor;

  driver = kervi_gpio_input_driver_new_with_backend (KERVI_GPIO_BACKEND (fake), CHIP, "17");
  sensor = kervi_sensor_new ("button", "Button", driver);
  kervi_sensor_set_interval (sensor, 0.05); /* the retry back-off starts there */

  g_assert_true (wait_for (component_unavailable, sensor, 2000));
  g_assert_cmpstr (kervi_component_get_status (KERVI_COMPONENT (sensor)), ==,
                   "gpiochip0: no such chip");
  before = kervi_value_get_variant (kervi_sensor_get_value (sensor));
  g_assert_false (g_variant_get_boolean (before)); /* not a reading: never set */
  g_assert_cmpint (kervi_value_get_timestamp (kervi_sensor_get_value (sensor)), ==, 0);

  /* The chip appears (its driver was loaded late): the retry finds it. */
  kervi_fake_gpio_backend_add_chip (fake, CHIP, NULL, 32, NULL);
  kervi_fake_gpio_backend_set_level (fake, CHIP, 17, TRUE, -1);
  g_assert_true (wait_for (component_available, sensor, 5000));
  g_assert_null (kervi_component_get_status (KERVI_COMPONENT (sensor)));
  g_assert_true (wait_for (sensor_is_true, sensor, 2000));

  /* Unplugged while running: unavailable, last good value kept. */
  kervi_fake_gpio_backend_remove_chip (fake, CHIP);
  g_assert_true (wait_for (component_unavailable, sensor, 2000));
  assert_contains (kervi_component_get_status (KERVI_COMPONENT (sensor)), "gpiochip0 line 17");
  g_assert_true (sensor_is_true (sensor));

  /* Back, with the line low now. */
  kervi_fake_gpio_backend_add_chip (fake, CHIP, NULL, 32, NULL);
  g_assert_true (wait_for (component_available, sensor, 5000));
  g_assert_true (wait_for (sensor_is_false, sensor, 2000));

  drop_component (sensor);
}

static void
test_sensor_busy_and_permission (void)
{
  g_autoptr (KerviFakeGpioBackend) fake = new_backend ();
  g_autoptr (KerviSensorDriver) busy_driver = NULL;
  g_autoptr (KerviSensorDriver) denied_driver = NULL;
  KerviSensor *busy, *denied;

  kervi_fake_gpio_backend_add_chip (fake, "gpiochip1", "secret", 8, NULL);
  kervi_fake_gpio_backend_set_permission (fake, "gpiochip1", FALSE);
  kervi_fake_gpio_backend_set_consumer (fake, CHIP, 5, "other-app");

  busy_driver = kervi_gpio_input_driver_new_with_backend (KERVI_GPIO_BACKEND (fake), CHIP, "5");
  denied_driver
      = kervi_gpio_input_driver_new_with_backend (KERVI_GPIO_BACKEND (fake), "gpiochip1", "2");
  busy = kervi_sensor_new ("busy", NULL, busy_driver);
  denied = kervi_sensor_new ("denied", NULL, denied_driver);

  g_assert_true (wait_for (component_unavailable, busy, 2000));
  g_assert_true (wait_for (component_unavailable, denied, 2000));
  g_assert_cmpstr (kervi_component_get_status (KERVI_COMPONENT (busy)), ==,
                   "gpiochip0 line 5: busy (used by 'other-app')");
  g_assert_cmpstr (kervi_component_get_status (KERVI_COMPONENT (denied)), ==,
                   "gpiochip1: permission denied (is the user in the 'gpio' group?)");

  drop_component (busy);
  drop_component (denied);
}

/* ---- output ---- */

typedef struct
{
  KerviFakeGpioBackend *fake;
  const char *chip;
  guint offset;
  gboolean high;
} LevelWait;

static gboolean
level_is (gpointer data)
{
  LevelWait *w = data;

  return kervi_fake_gpio_backend_get_level (w->fake, w->chip, w->offset) == w->high;
}

static void
test_output_follows_value (void)
{
  g_autoptr (KerviFakeGpioBackend) fake = new_backend ();
  g_autoptr (GError) error = NULL;
  KerviController *fan_controller;
  KerviBooleanValue *fan_on;
  KerviGpioOutput *relay, *inverted;
  LevelWait w = { fake, CHIP, 27, TRUE };

  relay = kervi_gpio_output_new_with_backend (KERVI_GPIO_BACKEND (fake), "fan_relay", "Fan relay",
                                              CHIP, "27", FALSE);
  g_assert_true (kervi_component_get_available (KERVI_COMPONENT (relay)));
  g_assert_true (kervi_fake_gpio_backend_is_requested (fake, CHIP, 27));
  g_assert_false (kervi_fake_gpio_backend_get_level (fake, CHIP, 27));
  g_assert_true (kervi_value_get_input (kervi_gpio_output_get_state_value (relay)));

  kervi_gpio_output_set_state (relay, TRUE);
  g_assert_true (kervi_fake_gpio_backend_get_level (fake, CHIP, 27));
  kervi_gpio_output_set_state (relay, FALSE);
  g_assert_false (kervi_fake_gpio_backend_get_level (fake, CHIP, 27));

  /* Linked to a controller's output, as a fan controller would drive it. */
  fan_controller = kervi_controller_new ("fan_controller", "Fan controller");
  fan_on = kervi_boolean_value_new ("fan_on", "Fan on");
  g_assert_true (kervi_controller_add_output (fan_controller, KERVI_VALUE (fan_on), &error));
  g_assert_no_error (error);
  g_assert_true (kervi_value_link_to (kervi_gpio_output_get_state_value (relay),
                                      "fan_controller.fan_on", &error));
  g_assert_no_error (error);

  kervi_boolean_value_set_value (fan_on, TRUE);
  g_assert_true (wait_for (level_is, &w, 2000));
  g_assert_true (kervi_gpio_output_get_state (relay));
  kervi_boolean_value_set_value (fan_on, FALSE);
  w.high = FALSE;
  g_assert_true (wait_for (level_is, &w, 2000));

  /* Active-low: state TRUE drives the line low. */
  inverted = kervi_gpio_output_new_with_backend (KERVI_GPIO_BACKEND (fake), "relay_board", NULL,
                                                 CHIP, "22", TRUE);
  g_assert_true (kervi_fake_gpio_backend_get_level (fake, CHIP, 22));
  kervi_gpio_output_set_state (inverted, TRUE);
  g_assert_false (kervi_fake_gpio_backend_get_level (fake, CHIP, 22));

  drop_component (inverted);
  drop_component (relay);
  g_assert_false (kervi_fake_gpio_backend_is_requested (fake, CHIP, 27));
  g_object_unref (fan_on);
  drop_component (fan_controller);
}

static void
test_output_unavailable_and_retry (void)
{
  g_autoptr (KerviFakeGpioBackend) fake = kervi_fake_gpio_backend_new ();
  KerviGpioOutput *led, *busy, *denied;

  led = kervi_gpio_output_new_with_backend (KERVI_GPIO_BACKEND (fake), "led", "LED", "gpiochip7",
                                            "18", FALSE);
  g_assert_false (kervi_component_get_available (KERVI_COMPONENT (led)));
  g_assert_cmpstr (kervi_component_get_status (KERVI_COMPONENT (led)), ==,
                   "gpiochip7: no such chip");

  /* Set while unavailable: applied once the line is there, not before. */
  kervi_gpio_output_set_state (led, TRUE);
  g_assert_false (kervi_component_get_available (KERVI_COMPONENT (led)));

  kervi_fake_gpio_backend_add_chip (fake, "gpiochip7", NULL, 32, NULL);
  g_assert_false (kervi_fake_gpio_backend_is_requested (fake, "gpiochip7", 18));
  g_assert_true (wait_for (component_available, led, 5000)); /* first retry after 1 s */
  g_assert_true (kervi_fake_gpio_backend_get_level (fake, "gpiochip7", 18));

  /* Lost while running: unavailable at the next change. */
  kervi_fake_gpio_backend_remove_chip (fake, "gpiochip7");
  kervi_gpio_output_set_state (led, FALSE);
  g_assert_false (kervi_component_get_available (KERVI_COMPONENT (led)));
  assert_contains (kervi_component_get_status (KERVI_COMPONENT (led)), "gpiochip7 line 18");

  kervi_fake_gpio_backend_add_chip (fake, CHIP, NULL, 32, NULL);
  kervi_fake_gpio_backend_set_consumer (fake, CHIP, 23, "gpio-keys");
  busy = kervi_gpio_output_new_with_backend (KERVI_GPIO_BACKEND (fake), "busy_out", NULL, CHIP,
                                             "23", FALSE);
  g_assert_cmpstr (kervi_component_get_status (KERVI_COMPONENT (busy)), ==,
                   "gpiochip0 line 23: busy (used by 'gpio-keys')");
  kervi_fake_gpio_backend_set_permission (fake, CHIP, FALSE);
  denied = kervi_gpio_output_new_with_backend (KERVI_GPIO_BACKEND (fake), "denied_out", NULL, CHIP,
                                               "24", FALSE);
  g_assert_cmpint (kervi_component_get_available (KERVI_COMPONENT (denied)), ==, FALSE);
  assert_contains (kervi_component_get_status (KERVI_COMPONENT (denied)), "permission denied");

  drop_component (led);
  drop_component (busy);
  drop_component (denied);
}

/* ---- software PWM ---- */

typedef struct
{
  guint rises;
  guint falls;
} Toggles;

static void
on_level_changed (KerviFakeGpioBackend *fake, const char *chip, guint offset, gboolean high,
                  Toggles *t)
{
  if (offset != 18)
    return;
  if (high)
    t->rises++;
  else
    t->falls++;
}

static gboolean
toggled_enough (gpointer data)
{
  Toggles *t = data;

  return t->rises >= 5 && t->falls >= 5;
}

static gboolean
toggled_again (gpointer data)
{
  Toggles *t = data;

  return t->rises > 0 || t->falls > 0;
}

static void
test_soft_pwm (void)
{
  g_autoptr (KerviFakeGpioBackend) fake = new_backend ();
  g_autoptr (GError) error = NULL;
  KerviSoftPwmOutput *pwm;
  Toggles t = { 0, 0 };

  g_signal_connect (fake, "level-changed", G_CALLBACK (on_level_changed), &t);
  pwm = kervi_soft_pwm_output_new_with_backend (KERVI_GPIO_BACKEND (fake), "led_pwm", "LED", CHIP,
                                                "18", 100);
  g_assert_cmpstr (kervi_component_get_type_name (KERVI_COMPONENT (pwm)), ==, "soft-pwm");
  g_assert_true (kervi_component_get_available (KERVI_COMPONENT (pwm)));
  g_assert_false (kervi_fake_gpio_backend_get_level (fake, CHIP, 18));

  g_assert_true (kervi_soft_pwm_output_set_duty (pwm, 100, &error));
  g_assert_true (kervi_fake_gpio_backend_get_level (fake, CHIP, 18));
  g_assert_true (kervi_soft_pwm_output_set_duty (pwm, 0, &error));
  g_assert_false (kervi_fake_gpio_backend_get_level (fake, CHIP, 18));

  g_assert_false (kervi_soft_pwm_output_set_duty (pwm, 150, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);

  t.rises = t.falls = 0;
  g_assert_true (kervi_soft_pwm_output_set_duty (pwm, 30, &error));
  g_assert_true (wait_for (toggled_enough, &t, 2000)); /* 5 periods of 10 ms */

  /* Back to 0 %: held low, the timer is gone. */
  g_assert_true (kervi_soft_pwm_output_set_duty (pwm, 0, &error));
  g_assert_false (kervi_fake_gpio_backend_get_level (fake, CHIP, 18));
  t.rises = t.falls = 0;
  g_assert_false (wait_for (toggled_again, &t, 100));

  g_signal_handlers_disconnect_by_data (fake, &t);
  drop_component (pwm);
  g_assert_false (kervi_fake_gpio_backend_is_requested (fake, CHIP, 18));
}

static void
test_soft_pwm_missing_line (void)
{
  g_autoptr (KerviFakeGpioBackend) fake = new_backend ();
  KerviSoftPwmOutput *pwm;

  pwm = kervi_soft_pwm_output_new_with_backend (KERVI_GPIO_BACKEND (fake), "fan_pwm", NULL, CHIP,
                                                "99", 50);
  g_assert_false (kervi_component_get_available (KERVI_COMPONENT (pwm)));
  g_assert_cmpstr (kervi_component_get_status (KERVI_COMPONENT (pwm)), ==,
                   "gpiochip0: no line 99 (the chip has 32 lines)");
  drop_component (pwm);
}

int
main (int argc, char **argv)
{
  devices_test_init (&argc, &argv);

  g_test_add_func ("/devices/gpio/backend/errors", test_backend_errors);
  g_test_add_func ("/devices/gpio/input/description", test_input_description);
  g_test_add_func ("/devices/gpio/input/edges-in-order", test_input_edges_in_order);
  g_test_add_func ("/devices/gpio/input/debounce", test_input_debounce);
  g_test_add_func ("/devices/gpio/input/active-low", test_input_active_low);
  g_test_add_func ("/devices/gpio/input/read-when-stopped", test_input_read_when_stopped);
  g_test_add_func ("/devices/gpio/input/chip-removed", test_input_chip_removed);
  g_test_add_func ("/devices/gpio/sensor/values-in-order", test_sensor_values_in_order);
  g_test_add_func ("/devices/gpio/sensor/missing-chip-then-appears",
                   test_sensor_missing_chip_then_appears);
  g_test_add_func ("/devices/gpio/sensor/busy-and-permission", test_sensor_busy_and_permission);
  g_test_add_func ("/devices/gpio/output/follows-value", test_output_follows_value);
  g_test_add_func ("/devices/gpio/output/unavailable-and-retry", test_output_unavailable_and_retry);
  g_test_add_func ("/devices/gpio/soft-pwm/duty", test_soft_pwm);
  g_test_add_func ("/devices/gpio/soft-pwm/missing-line", test_soft_pwm_missing_line);

  return g_test_run ();
}
