/* myapp.c: the application of the Raspberry Pi example
 *
 * Each module folder next to this program runs in its own process:
 *   sensors/      the button on BCM 17, the CPU temperature, a BME280
 *   controllers/  "light_switch" (a press toggles the LED) and
 *                 "fan_controller" (CPU temperature to fan speed)
 *   outputs/      the LED on BCM 27 and the fan's PWM on BCM 18
 * See README.md for the wiring.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <kervi.h>

int
main (int argc, char **argv)
{
  g_autoptr (KerviApplication) app = kervi_application_new ("raspberry-pi", "Raspberry Pi");

  /* Also listed in myapp.conf. */
  kervi_application_add_module (app, "sensors");
  kervi_application_add_module (app, "controllers");
  kervi_application_add_module (app, "outputs");

  return kervi_application_run (app, argc, argv);
}
