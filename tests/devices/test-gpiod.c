/* test-gpiod.c: the real libgpiod backend, as far as the machine allows
 *
 * Always: a missing chip gives the documented error. With root and the
 * kernel's gpio-sim (configfs), the drivers run against a simulated chip
 * whose lines are pulled through sysfs; otherwise those tests SKIP and say
 * why.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <errno.h>
#include <unistd.h>

#include "devices-test-util.h"

#define NO_CHIP "kervi-no-such-chip"
#define GPIO_SIM_CONFIGFS "/sys/kernel/config/gpio-sim"

static void
test_missing_chip (void)
{
  KerviGpioBackend *backend = kervi_gpio_backend_get_default ();
  g_autoptr (KerviSensorDriver) driver = NULL;
  g_autoptr (GError) error = NULL;
  guint handle;

  g_assert_nonnull (backend);
  g_assert_true (backend == kervi_gpio_backend_get_default ());

  handle = kervi_gpio_backend_request_input (backend, NO_CHIP, "17", KERVI_GPIO_PULL_UP, FALSE,
                                             TRUE, "test", &error);
  g_assert_cmpuint (handle, ==, 0);
  g_assert_error (error, KERVI_DRIVER_ERROR, KERVI_DRIVER_ERROR_NOT_FOUND);
  g_assert_cmpstr (error->message, ==, NO_CHIP ": no such chip");
  g_clear_error (&error);

  handle = kervi_gpio_backend_request_output (backend, "/dev/gpiochip999", "0", FALSE, FALSE,
                                              "test", &error);
  g_assert_cmpuint (handle, ==, 0);
  g_assert_error (error, KERVI_DRIVER_ERROR, KERVI_DRIVER_ERROR_NOT_FOUND);
  g_assert_cmpstr (error->message, ==, "/dev/gpiochip999: no such chip");
  g_clear_error (&error);

  /* Not a GPIO chip at all. */
  handle = kervi_gpio_backend_request_input (backend, "/dev/null", "0", KERVI_GPIO_PULL_AS_IS,
                                             FALSE, FALSE, "test", &error);
  g_assert_cmpuint (handle, ==, 0);
  g_assert_error (error, KERVI_DRIVER_ERROR, KERVI_DRIVER_ERROR_NOT_FOUND);
  assert_contains (error->message, "/dev/null: not a GPIO chip");
  g_clear_error (&error);

  /* The driver on the default backend says the same. */
  driver = kervi_gpio_input_driver_new (NO_CHIP, "17");
  g_assert_false (kervi_sensor_driver_start (driver, &error));
  g_assert_error (error, KERVI_DRIVER_ERROR, KERVI_DRIVER_ERROR_NOT_FOUND);
  g_assert_cmpstr (error->message, ==, NO_CHIP ": no such chip");
}

static void
test_output_missing_chip (void)
{
  KerviGpioOutput *led = kervi_gpio_output_new ("led", "LED", NO_CHIP, "18");

  g_assert_false (kervi_component_get_available (KERVI_COMPONENT (led)));
  g_assert_cmpstr (kervi_component_get_status (KERVI_COMPONENT (led)), ==,
                   NO_CHIP ": no such chip");
  drop_component (led);
}

/* ---- gpio-sim ---- */

typedef struct
{
  char *device;   /* configfs folder */
  char *chip;     /* gpiochipN */
  char *platform; /* /sys/devices/platform/gpio-sim.N/gpiochipN */
} Sim;

static gboolean
sysfs_write (const char *path, const char *contents)
{
  g_autoptr (GError) error = NULL;

  if (!g_file_set_contents_full (path, contents, -1, G_FILE_SET_CONTENTS_NONE, 0644, &error))
    {
      g_test_message ("%s: %s", path, error->message);
      return FALSE;
    }
  return TRUE;
}

static char *
sysfs_read (const char *path)
{
  char *contents = NULL;

  if (!g_file_get_contents (path, &contents, NULL, NULL))
    return NULL;
  return g_strstrip (contents);
}

static void
sim_destroy (Sim *sim)
{
  g_autofree char *live = g_build_filename (sim->device, "live", NULL);
  g_autofree char *line = g_build_filename (sim->device, "bank0", "line4", NULL);
  g_autofree char *bank = g_build_filename (sim->device, "bank0", NULL);

  sysfs_write (live, "0");
  g_rmdir (line);
  g_rmdir (bank);
  g_rmdir (sim->device);
  g_free (sim->device);
  g_free (sim->chip);
  g_free (sim->platform);
}

/* Makes a chip with 8 lines, line 4 named "KERVI_BUTTON". Returns FALSE
 * (and a reason) where gpio-sim cannot be used. */
static gboolean
sim_create (Sim *sim, char **reason)
{
  g_autofree char *bank = NULL;
  g_autofree char *line = NULL;
  g_autofree char *path = NULL;
  g_autofree char *dev_name = NULL;

  if (geteuid () != 0)
    {
      *reason = g_strdup ("gpio-sim needs root to create a chip");
      return FALSE;
    }
  if (!g_file_test (GPIO_SIM_CONFIGFS, G_FILE_TEST_IS_DIR))
    {
      *reason = g_strdup ("the kernel offers no gpio-sim (" GPIO_SIM_CONFIGFS
                          " missing: configfs not mounted or module gpio-sim not loaded)");
      return FALSE;
    }

  memset (sim, 0, sizeof *sim);
  sim->device = g_strdup_printf (GPIO_SIM_CONFIGFS "/kervi-test-%d", (int)getpid ());
  bank = g_build_filename (sim->device, "bank0", NULL);
  line = g_build_filename (bank, "line4", NULL);
  if (g_mkdir (sim->device, 0755) < 0 || g_mkdir (bank, 0755) < 0 || g_mkdir (line, 0755) < 0)
    {
      *reason = g_strdup_printf ("cannot create a gpio-sim chip: %s", g_strerror (errno));
      sim_destroy (sim);
      return FALSE;
    }
  g_free (path);
  path = g_build_filename (bank, "num_lines", NULL);
  if (!sysfs_write (path, "8"))
    goto failed;
  g_free (path);
  path = g_build_filename (line, "name", NULL);
  if (!sysfs_write (path, "KERVI_BUTTON"))
    goto failed;
  g_free (path);
  path = g_build_filename (sim->device, "live", NULL);
  if (!sysfs_write (path, "1"))
    goto failed;

  g_free (path);
  path = g_build_filename (bank, "chip_name", NULL);
  sim->chip = sysfs_read (path);
  g_free (path);
  path = g_build_filename (sim->device, "dev_name", NULL);
  dev_name = sysfs_read (path);
  if (sim->chip == NULL || dev_name == NULL)
    goto failed;
  sim->platform = g_build_filename ("/sys/devices/platform", dev_name, sim->chip, NULL);
  return TRUE;

failed:
  *reason = g_strdup ("cannot bring a gpio-sim chip up");
  sim_destroy (sim);
  return FALSE;
}

static void
sim_pull (Sim *sim, guint offset, gboolean up)
{
  g_autofree char *name = g_strdup_printf ("sim_gpio%u", offset);
  g_autofree char *path = g_build_filename (sim->platform, name, "pull", NULL);

  g_assert_true (sysfs_write (path, up ? "pull-up" : "pull-down"));
}

static int
sim_value (Sim *sim, guint offset)
{
  g_autofree char *name = g_strdup_printf ("sim_gpio%u", offset);
  g_autofree char *path = g_build_filename (sim->platform, name, "value", NULL);
  g_autofree char *value = sysfs_read (path);

  g_assert_nonnull (value);
  return atoi (value);
}

static void
on_reading (KerviSensorDriver *driver, GVariant *reading, GArray *levels)
{
  gboolean level = g_variant_get_boolean (reading);

  g_array_append_val (levels, level);
}

typedef struct
{
  GArray *levels;
  guint n;
} Count;

static gboolean
has_levels (gpointer data)
{
  Count *c = data;

  return c->levels->len >= c->n;
}

static void
test_sim_input (void)
{
  g_autoptr (KerviSensorDriver) driver = NULL;
  g_autoptr (GArray) levels = g_array_new (FALSE, FALSE, sizeof (gboolean));
  g_autoptr (GError) error = NULL;
  g_autofree char *reason = NULL;
  Count count = { levels, 0 };
  Sim sim;

  if (!sim_create (&sim, &reason))
    {
      g_test_skip (reason);
      return;
    }

  sim_pull (&sim, 4, FALSE);
  driver = kervi_gpio_input_driver_new (sim.chip, "KERVI_BUTTON");
  kervi_gpio_input_driver_set_active_low (KERVI_GPIO_INPUT_DRIVER (driver), TRUE);
  g_signal_connect (driver, "reading", G_CALLBACK (on_reading), levels);
  g_assert_true (kervi_sensor_driver_start (driver, &error));
  g_assert_no_error (error);

  /* Pulled down = pressed (active low). */
  sim_pull (&sim, 4, TRUE);
  count.n = 1;
  g_assert_true (wait_for (has_levels, &count, 2000));
  g_assert_false (g_array_index (levels, gboolean, 0));
  sim_pull (&sim, 4, FALSE);
  count.n = 2;
  g_assert_true (wait_for (has_levels, &count, 2000));
  g_assert_true (g_array_index (levels, gboolean, 1));

  /* Busy while we hold it. */
  g_assert_cmpuint (kervi_gpio_backend_request_output (kervi_gpio_backend_get_default (), sim.chip,
                                                       "4", FALSE, FALSE, "other", &error),
                    ==, 0);
  g_assert_error (error, KERVI_DRIVER_ERROR, KERVI_DRIVER_ERROR_BUSY);
  assert_contains (error->message, "busy (used by 'kervi')");

  kervi_sensor_driver_stop (driver);
  g_signal_handlers_disconnect_by_data (driver, levels);
  sim_destroy (&sim);
}

static void
test_sim_output (void)
{
  g_autofree char *reason = NULL;
  KerviGpioOutput *led;
  Sim sim;

  if (!sim_create (&sim, &reason))
    {
      g_test_skip (reason);
      return;
    }

  led = kervi_gpio_output_new ("sim_led", NULL, sim.chip, "2");
  g_assert_true (kervi_component_get_available (KERVI_COMPONENT (led)));
  g_assert_cmpint (sim_value (&sim, 2), ==, 0);
  kervi_gpio_output_set_state (led, TRUE);
  g_assert_cmpint (sim_value (&sim, 2), ==, 1);
  kervi_gpio_output_set_state (led, FALSE);
  g_assert_cmpint (sim_value (&sim, 2), ==, 0);
  drop_component (led);

  sim_destroy (&sim);
}

int
main (int argc, char **argv)
{
  devices_test_init (&argc, &argv);

  g_test_add_func ("/devices/gpiod/missing-chip", test_missing_chip);
  g_test_add_func ("/devices/gpiod/output-missing-chip", test_output_missing_chip);
  g_test_add_func ("/devices/gpiod/gpio-sim/input", test_sim_input);
  g_test_add_func ("/devices/gpiod/gpio-sim/output", test_sim_output);

  return g_test_run ();
}
