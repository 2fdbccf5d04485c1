/* controllers.c: the controllers module of the fan-controller example
 *
 * The fan controller has an input "temp" (0..150 °C) that follows the CPU
 * load sensor by id alone, across the process boundary, an output
 * "fan_speed" (0..100 %), and an action "activate (b)". Kervi's rule,
 * without the bugs of its documentation example:
 *   inactive -> 0;  temp <= 20 -> 0;  else min (100, temp / 80 * 100).
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#define G_LOG_DOMAIN "controllers"

#include <gmodule.h>
#include <kervi.h>

#define FAN_TYPE_CONTROLLER (fan_controller_get_type ())
G_DECLARE_FINAL_TYPE (FanController, fan_controller, FAN, CONTROLLER, KerviController)

struct _FanController
{
  KerviController parent_instance;

  KerviNumberValue *temp;
  KerviNumberValue *fan_speed;
  KerviBooleanValue *active; /* an output, so the dashboard shows it */
};

G_DEFINE_FINAL_TYPE (FanController, fan_controller, KERVI_TYPE_CONTROLLER)

static double
fan_speed_for (gboolean active, double temp)
{
  if (!active || temp <= 20)
    return 0;
  return MIN (100, temp / 80 * 100);
}

static void
update_fan_speed (FanController *self)
{
  g_autoptr (GError) error = NULL;
  double speed = fan_speed_for (kervi_boolean_value_get_value (self->active),
                                kervi_number_value_get_value (self->temp));

  if (!kervi_number_value_set_value (self->fan_speed, speed, &error))
    g_warning ("fan_speed: %s", error->message);
}

static void
fan_controller_input_changed (KerviController *controller, KerviValue *input)
{
  update_fan_speed (FAN_CONTROLLER (controller));
}

static GVariant *
activate (KerviAction *action, GVariant *args, gpointer user_data)
{
  FanController *self = user_data;
  gboolean active;

  g_variant_get (args, "(b)", &active);
  g_message ("Fan controller %s", active ? "activated" : "deactivated");
  kervi_boolean_value_set_value (self->active, active);
  update_fan_speed (self);
  return NULL;
}

static void
fan_controller_dispose (GObject *object)
{
  FanController *self = FAN_CONTROLLER (object);

  g_clear_object (&self->temp);
  g_clear_object (&self->fan_speed);
  g_clear_object (&self->active);

  G_OBJECT_CLASS (fan_controller_parent_class)->dispose (object);
}

static void
fan_controller_constructed (GObject *object)
{
  FanController *self = FAN_CONTROLLER (object);
  KerviController *controller = KERVI_CONTROLLER (self);
  g_autoptr (KerviAction) action = NULL;

  G_OBJECT_CLASS (fan_controller_parent_class)->constructed (object);

  self->temp = kervi_number_value_new ("temp", "Temperature", 0, 150, "°C");
  self->fan_speed = kervi_number_value_new ("fan_speed", "Fan speed", 0, 100, "%");
  kervi_controller_add_input (controller, KERVI_VALUE (self->temp), NULL);
  kervi_controller_add_output (controller, KERVI_VALUE (self->fan_speed), NULL);
  self->active = kervi_boolean_value_new ("active", "Active");
  kervi_controller_add_output (controller, KERVI_VALUE (self->active), NULL);

  /* By id only: the sensor lives in another process, and may start later. */
  kervi_value_link_to (KERVI_VALUE (self->temp), "cpu_load", NULL);

  action = kervi_action_new ("activate", "Activate", "b", activate, self, NULL);
  kervi_component_add_action (KERVI_COMPONENT (self), action, NULL);

  /* On the dashboard: the temperature, the fan speed, and a switch that
   * calls activate and shows the `active` output. */
  kervi_value_link_to_dashboard (KERVI_VALUE (self->temp), "main", "fan", "value",
                                 "{\"decimals\": 1}", NULL);
  kervi_value_link_to_dashboard (KERVI_VALUE (self->fan_speed), "main", "fan", "gauge", NULL, NULL);
  kervi_action_link_to_dashboard (action, "main", "fan", "switch",
                                  "{\"label\": \"Fan controller\", "
                                  "\"value\": \"fan_controller.active\"}",
                                  NULL);
}

static void
fan_controller_class_init (FanControllerClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = fan_controller_dispose;
  G_OBJECT_CLASS (klass)->constructed = fan_controller_constructed;
  KERVI_CONTROLLER_CLASS (klass)->input_changed = fan_controller_input_changed;
}

static void
fan_controller_init (FanController *self)
{
}

G_MODULE_EXPORT gboolean kervi_module_init (KerviModule *module, GError **error);

G_MODULE_EXPORT gboolean
kervi_module_init (KerviModule *module, GError **error)
{
  g_autoptr (FanController) controller
      = g_object_new (FAN_TYPE_CONTROLLER, "id", "fan_controller", "name", "Fan controller", NULL);
  return TRUE;
}
