/* test-pwm.c: the hardware PWM output on a fake /sys/class/pwm tree
 *
 * The tree is made in a temporary folder: regular files stand for the
 * kernel's attributes, so the test reads back exactly what was written.
 * The kernel creates pwmN when N is written to export; the fake tree does
 * not, so the tests create it themselves where the kernel would.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "devices-test-util.h"

#define CHIP_DIR "sys/class/pwm/pwmchip0"
#define CHANNEL_DIR CHIP_DIR "/pwm0"

static char *
make_tree (gboolean exported)
{
  char *root = make_temp_dir ();

  kervi_test_write_file (root, CHIP_DIR "/export", "");
  kervi_test_write_file (root, CHIP_DIR "/unexport", "");
  kervi_test_write_file (root, CHIP_DIR "/npwm", "2\n");
  if (exported)
    {
      kervi_test_write_file (root, CHANNEL_DIR "/period", "0\n");
      kervi_test_write_file (root, CHANNEL_DIR "/duty_cycle", "0\n");
      kervi_test_write_file (root, CHANNEL_DIR "/enable", "0\n");
      kervi_test_write_file (root, CHANNEL_DIR "/polarity", "normal\n");
    }
  return root;
}

static void
assert_file (const char *root, const char *path, const char *expected)
{
  g_autofree char *contents = kervi_test_read_file (root, path);

  g_assert_cmpstr (contents, ==, expected);
}

static KerviPwmOutput *
new_output (const char *id, const char *root, guint chip, double frequency)
{
  return g_object_new (KERVI_TYPE_PWM_OUTPUT, "id", id, "chip", chip, "channel", 0, "frequency",
                       frequency, "root", root, NULL);
}

static void
test_exported_channel (void)
{
  g_autofree char *root = make_tree (TRUE);
  g_autoptr (GError) error = NULL;
  KerviPwmOutput *fan;

  fan = new_output ("fan_pwm", root, 0, 25000);
  g_assert_cmpstr (kervi_component_get_type_name (KERVI_COMPONENT (fan)), ==, "pwm");
  g_assert_true (kervi_component_get_available (KERVI_COMPONENT (fan)));
  assert_file (root, CHANNEL_DIR "/period", "40000"); /* 25 kHz */
  assert_file (root, CHANNEL_DIR "/duty_cycle", "0");
  assert_file (root, CHANNEL_DIR "/enable", "1");
  assert_file (root, CHIP_DIR "/export", ""); /* already there: not exported again */

  g_assert_true (kervi_pwm_output_set_duty (fan, 50, &error));
  g_assert_no_error (error);
  assert_file (root, CHANNEL_DIR "/duty_cycle", "20000");
  g_assert_true (kervi_pwm_output_set_duty (fan, 100, &error));
  assert_file (root, CHANNEL_DIR "/duty_cycle", "40000");
  g_assert_true (kervi_pwm_output_set_duty (fan, 12.5, &error));
  assert_file (root, CHANNEL_DIR "/duty_cycle", "5000");

  /* Out of range: refused by the value, the channel untouched. */
  g_assert_false (kervi_pwm_output_set_duty (fan, 101, &error));
  g_assert_nonnull (error);
  assert_file (root, CHANNEL_DIR "/duty_cycle", "5000");

  /* Disposed: disabled, and not unexported since we did not export it. */
  drop_component (fan);
  assert_file (root, CHANNEL_DIR "/enable", "0");
  assert_file (root, CHIP_DIR "/unexport", "");
  kervi_test_remove_tree (root);
}

static void
test_export_and_retry (void)
{
  g_autofree char *root = make_tree (FALSE);
  g_autofree char *duty_path = NULL;
  g_autoptr (GError) error = NULL;
  KerviPwmOutput *led;

  led = new_output ("led_pwm", root, 0, 1000);
  assert_file (root, CHIP_DIR "/export", "0");
  g_assert_false (kervi_component_get_available (KERVI_COMPONENT (led)));
  assert_contains (kervi_component_get_status (KERVI_COMPONENT (led)),
                   "pwmchip0 pwm0: the channel did not appear after export");

  /* Set while unavailable: applied by the set-up, not before. */
  g_assert_true (kervi_pwm_output_set_duty (led, 25, &error));
  g_assert_no_error (error);

  /* The channel appears (udev was slow): the retry after 1 s sets it up. */
  kervi_test_write_file (root, CHANNEL_DIR "/period", "0\n");
  kervi_test_write_file (root, CHANNEL_DIR "/duty_cycle", "0\n");
  kervi_test_write_file (root, CHANNEL_DIR "/enable", "0\n");
  g_assert_true (wait_for (component_available, led, 5000));
  assert_file (root, CHANNEL_DIR "/period", "1000000");
  assert_file (root, CHANNEL_DIR "/duty_cycle", "250000");
  assert_file (root, CHANNEL_DIR "/enable", "1");

  /* A write that fails marks it unavailable, naming channel and file. */
  duty_path = g_build_filename (root, CHANNEL_DIR "/duty_cycle", NULL);
  g_assert_no_errno (g_remove (duty_path));
  g_assert_no_errno (g_mkdir (duty_path, 0755));
  g_assert_true (kervi_pwm_output_set_duty (led, 75, &error));
  g_assert_false (kervi_component_get_available (KERVI_COMPONENT (led)));
  assert_contains (kervi_component_get_status (KERVI_COMPONENT (led)),
                   "pwmchip0 pwm0: cannot set duty_cycle to 750000");

  drop_component (led);
  /* We exported it, so we unexport it. */
  assert_file (root, CHIP_DIR "/unexport", "0");
  kervi_test_remove_tree (root);
}

static void
test_missing_chip (void)
{
  g_autofree char *root = make_tree (TRUE);
  KerviPwmOutput *pwm;

  pwm = new_output ("no_pwm", root, 3, 1000);
  g_assert_false (kervi_component_get_available (KERVI_COMPONENT (pwm)));
  assert_contains (kervi_component_get_status (KERVI_COMPONENT (pwm)),
                   "pwmchip3 pwm0: no such PWM chip");
  drop_component (pwm);
  kervi_test_remove_tree (root);
}

static void
test_duty_value (void)
{
  g_autofree char *root = make_tree (TRUE);
  KerviPwmOutput *pwm;
  KerviValue *duty;

  pwm = new_output ("dimmer", root, 0, 500);
  duty = kervi_pwm_output_get_duty_value (pwm);
  g_assert_true (kervi_value_get_input (duty));
  g_assert_cmpint (kervi_value_get_kind (duty), ==, KERVI_VALUE_KIND_NUMBER);
  g_assert_cmpfloat (kervi_number_value_get_min (KERVI_NUMBER_VALUE (duty)), ==, 0);
  g_assert_cmpfloat (kervi_number_value_get_max (KERVI_NUMBER_VALUE (duty)), ==, 100);
  g_assert_cmpstr (kervi_number_value_get_unit (KERVI_NUMBER_VALUE (duty)), ==, "%");
  g_assert_cmpstr (kervi_value_get_global_id (duty), ==, "dimmer.duty");
  g_assert_cmpfloat (kervi_pwm_output_get_frequency (pwm), ==, 500);
  drop_component (pwm);
  kervi_test_remove_tree (root);
}

int
main (int argc, char **argv)
{
  devices_test_init (&argc, &argv);

  g_test_add_func ("/devices/pwm/exported-channel", test_exported_channel);
  g_test_add_func ("/devices/pwm/export-and-retry", test_export_and_retry);
  g_test_add_func ("/devices/pwm/missing-chip", test_missing_chip);
  g_test_add_func ("/devices/pwm/duty-value", test_duty_value);

  return g_test_run ();
}
