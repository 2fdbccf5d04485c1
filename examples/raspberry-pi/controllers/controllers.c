/* controllers.c: the controllers module of the Raspberry Pi example
 *
 *   light_switch    input "button" (linked to the button sensor), output
 *                   "led_on": every press toggles it
 *   fan_controller  input "temp" (linked to the CPU temperature), output
 *                   "fan_speed" in %: off below 45 °C, full from 75 °C,
 *                   linear in between
 *
 * The links name the sensors by id only: they live in another process and
 * may start later or restart.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <gmodule.h>
#include <kervi.h>

#define FAN_OFF_BELOW 45.0
#define FAN_FULL_FROM 75.0

typedef struct
{
  KerviBooleanValue *button;
  KerviBooleanValue *led_on;
  gboolean was_pressed;
} LightSwitch;

static void
on_light_switch_input (KerviController *controller, KerviValue *input, LightSwitch *ls)
{
  gboolean pressed = kervi_boolean_value_get_value (ls->button);

  /* Toggle on the press, not on the release. */
  if (pressed && !ls->was_pressed)
    kervi_boolean_value_set_value (ls->led_on, !kervi_boolean_value_get_value (ls->led_on));
  ls->was_pressed = pressed;
}

static void
light_switch_free (gpointer data)
{
  LightSwitch *ls = data;

  g_clear_object (&ls->button);
  g_clear_object (&ls->led_on);
  g_free (ls);
}

static void
add_light_switch (void)
{
  g_autoptr (KerviController) controller = kervi_controller_new ("light_switch", "Light switch");
  LightSwitch *ls = g_new0 (LightSwitch, 1);

  ls->button = kervi_boolean_value_new ("button", "Button");
  ls->led_on = kervi_boolean_value_new ("led_on", "LED on");
  kervi_controller_add_input (controller, KERVI_VALUE (ls->button), NULL);
  kervi_controller_add_output (controller, KERVI_VALUE (ls->led_on), NULL);
  kervi_value_link_to (KERVI_VALUE (ls->button), "button", NULL);

  g_signal_connect_data (controller, "input-changed", G_CALLBACK (on_light_switch_input), ls,
                         (GClosureNotify)(void (*) (void))light_switch_free, 0);
}

typedef struct
{
  KerviNumberValue *temp;
  KerviNumberValue *fan_speed;
} FanControl;

static void
on_fan_input (KerviController *controller, KerviValue *input, FanControl *fc)
{
  g_autoptr (GError) error = NULL;
  double temp = kervi_number_value_get_value (fc->temp);
  double speed;

  if (temp < FAN_OFF_BELOW)
    speed = 0;
  else if (temp >= FAN_FULL_FROM)
    speed = 100;
  else
    speed = (temp - FAN_OFF_BELOW) / (FAN_FULL_FROM - FAN_OFF_BELOW) * 100;

  if (!kervi_number_value_set_value (fc->fan_speed, speed, &error))
    g_warning ("fan_speed: %s", error->message);
}

static void
fan_control_free (gpointer data)
{
  FanControl *fc = data;

  g_clear_object (&fc->temp);
  g_clear_object (&fc->fan_speed);
  g_free (fc);
}

static void
add_fan_controller (void)
{
  g_autoptr (KerviController) controller
      = kervi_controller_new ("fan_controller", "Fan controller");
  FanControl *fc = g_new0 (FanControl, 1);

  fc->temp = kervi_number_value_new ("temp", "CPU temperature", -40, 125, "°C");
  fc->fan_speed = kervi_number_value_new ("fan_speed", "Fan speed", 0, 100, "%");
  kervi_controller_add_input (controller, KERVI_VALUE (fc->temp), NULL);
  kervi_controller_add_output (controller, KERVI_VALUE (fc->fan_speed), NULL);
  kervi_value_link_to (KERVI_VALUE (fc->temp), "cpu_temp", NULL);

  g_signal_connect_data (controller, "input-changed", G_CALLBACK (on_fan_input), fc,
                         (GClosureNotify)(void (*) (void))fan_control_free, 0);
}

G_MODULE_EXPORT gboolean kervi_module_init (KerviModule *module, GError **error);

G_MODULE_EXPORT gboolean
kervi_module_init (KerviModule *module, GError **error)
{
  add_light_switch ();
  add_fan_controller ();
  return TRUE;
}
