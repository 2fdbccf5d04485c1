/* test-raspberry-pi-example.c: the Raspberry Pi example on a machine
 * without its hardware
 *
 * The example must start, say clearly which device is missing and why, and
 * keep running; SIGTERM then stops it cleanly.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <signal.h>

#include "kervi-test-util.h"

static const char *config = "[application]\n"
                            "id=raspberry-pi-test\n"
                            "name=Raspberry Pi\n"
                            "modules=sensors;controllers;outputs\n"
                            "[dashboard]\n"
                            "enabled=false\n";

static void
test_runs_without_hardware (void)
{
  const char *program = g_getenv ("KERVI_RPI_EXAMPLE");
  g_autoptr (KerviTestApp) app = NULL;

  g_assert_nonnull (program);
  app = kervi_test_app_new (program, config);
  g_assert_true (kervi_test_app_start (app, 30));

  if (g_file_test ("/dev/gpiochip0", G_FILE_TEST_EXISTS))
    g_test_message ("this machine has a gpiochip0: not checking the GPIO errors");
  else
    {
      g_assert_true (
          kervi_test_app_wait_output (app, "Sensor 'button' unavailable: gpiochip0", 10));
      g_assert_true (
          kervi_test_app_wait_output (app, "GPIO output 'led' unavailable: gpiochip0", 10));
    }
  if (!g_file_test ("/dev/i2c-1", G_FILE_TEST_EXISTS))
    g_assert_true (
        kervi_test_app_wait_output (app, "Sensor 'room_temp' unavailable: i2c-1: no such bus", 10));
  if (!g_file_test ("/sys/class/pwm/pwmchip0", G_FILE_TEST_IS_DIR))
    g_assert_true (kervi_test_app_wait_output (app, "SOFTWARE PWM on gpiochip0 line 18", 10));

  /* Still running through the first retries (after 1 s and 2 s): waiting
   * for an exit that must not come. */
  g_assert_cmpint (kervi_test_app_wait_exit (app, 3.5), ==, -1);
  g_assert_null (strstr (app->output->str, "CRITICAL"));

  /* The LED is marked unavailable on the bus, with the reason. */
  if (!g_file_test ("/dev/gpiochip0", G_FILE_TEST_EXISTS))
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (GVariant) reply = NULL;
      g_autoptr (GVariant) props = NULL;
      gboolean available = TRUE;
      const char *status = NULL;

      reply = g_dbus_connection_call_sync (
          app->connection, "org.kervi.Module.outputs", "/org/kervi/component/led",
          "org.freedesktop.DBus.Properties", "GetAll", g_variant_new ("(s)", "org.kervi.Component"),
          G_VARIANT_TYPE ("(a{sv})"), G_DBUS_CALL_FLAGS_NONE, 5000, NULL, &error);
      g_assert_no_error (error);
      props = g_variant_get_child_value (reply, 0);
      g_assert_true (g_variant_lookup (props, "Available", "b", &available));
      g_assert_true (g_variant_lookup (props, "Status", "&s", &status));
      g_assert_false (available);
      /* "no such chip", or "GPIO support is not available" without libgpiod */
      g_assert_true (g_str_has_prefix (status, "gpiochip0"));
    }

  g_subprocess_send_signal (app->process, SIGTERM);
  g_assert_cmpint (kervi_test_app_wait_exit (app, 15), ==, 0);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/devices/example/raspberry-pi/runs-without-hardware",
                   test_runs_without_hardware);
  return g_test_run ();
}
