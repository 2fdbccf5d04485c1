/* outputs.c: the outputs module of the Raspberry Pi example
 *
 *   led      a GPIO output on BCM 27, following "light_switch.led_on"
 *   fan_pwm  the fan's PWM, following "fan_controller.fan_speed": hardware
 *            PWM channel 0 (BCM 18 with dtoverlay=pwm,pin=18,func=2) where
 *            the kernel offers it, otherwise SOFTWARE PWM on the same pin,
 *            which says so in the log and on the bus (type "soft-pwm")
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <gmodule.h>
#include <kervi.h>

#define GPIO_CHIP "gpiochip0"
#define LED_LINE "27"    /* BCM 27, header pin 13 */
#define FAN_LINE "18"    /* BCM 18, header pin 12: PWM0 */
#define PWM_CHIP 0       /* /sys/class/pwm/pwmchip0 */
#define PWM_CHANNEL 0    /* pwm0 = PWM0 on BCM 18 */
#define FAN_PWM_HZ 25000 /* 4-pin PC fans want 25 kHz */
#define SOFT_PWM_HZ 100  /* what main-loop timers can do */

G_MODULE_EXPORT gboolean kervi_module_init (KerviModule *module, GError **error);

G_MODULE_EXPORT gboolean
kervi_module_init (KerviModule *module, GError **error)
{
  g_autoptr (KerviGpioOutput) led = NULL;
  g_autoptr (GError) local_error = NULL;
  KerviValue *fan_duty;

  led = kervi_gpio_output_new ("led", "LED", GPIO_CHIP, LED_LINE);
  kervi_value_link_to (kervi_gpio_output_get_state_value (led), "light_switch.led_on", NULL);

  if (g_file_test ("/sys/class/pwm/pwmchip0", G_FILE_TEST_IS_DIR))
    {
      g_autoptr (KerviPwmOutput) fan
          = kervi_pwm_output_new ("fan_pwm", "Fan PWM", PWM_CHIP, PWM_CHANNEL, FAN_PWM_HZ);
      fan_duty = kervi_pwm_output_get_duty_value (fan);
    }
  else
    {
      g_autoptr (KerviSoftPwmOutput) fan = kervi_soft_pwm_output_new (
          "fan_pwm", "Fan PWM (software)", GPIO_CHIP, FAN_LINE, SOFT_PWM_HZ);
      fan_duty = kervi_soft_pwm_output_get_duty_value (fan);
    }
  /* The process keeps the components, and so their values, alive. */
  if (!kervi_value_link_to (fan_duty, "fan_controller.fan_speed", &local_error))
    g_warning ("fan_pwm: %s", local_error->message);

  return TRUE;
}
