/* consumer.c: test module whose input follows the producer by id
 *
 * Component "sink": input "level" (number 0..100) linked to
 * "source.level", output "double" = 2 x level (0..200), output "count" of
 * the changes seen; actions fail () that always fails, and relay (s) -> s
 * that calls source.echo across processes with kervi_action_call_sync.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <gmodule.h>
#include <kervi.h>

static KerviNumberValue *level;
static KerviNumberValue *doubled;
static KerviNumberValue *count;

static void
on_input_changed (KerviController *controller, KerviValue *input, gpointer user_data)
{
  kervi_number_value_set_value (doubled, 2 * kervi_number_value_get_value (level), NULL);
  kervi_number_value_set_value (count, kervi_number_value_get_value (count) + 1, NULL);
}

static GVariant *
fail (KerviAction *action, GVariant *args, gpointer user_data)
{
  kervi_action_fail (action, "the sink is full");
  return NULL;
}

static GVariant *
relay (KerviAction *action, GVariant *args, gpointer user_data)
{
  g_autoptr (GError) error = NULL;
  GVariant *result = kervi_action_call_sync ("source.echo", args, NULL, &error);

  if (result == NULL)
    kervi_action_fail (action, error->message);
  return result;
}

G_MODULE_EXPORT gboolean kervi_module_init (KerviModule *module, GError **error);

G_MODULE_EXPORT gboolean
kervi_module_init (KerviModule *module, GError **error)
{
  g_autoptr (KerviController) sink = kervi_controller_new ("sink", "Sink");
  g_autoptr (KerviAction) fail_action = kervi_action_new ("fail", "Fail", "", fail, NULL, NULL);
  g_autoptr (KerviAction) relay_action
      = kervi_action_new ("relay", "Relay", "s", relay, NULL, NULL);

  level = kervi_number_value_new ("level", "Level", 0, 100, "%");
  doubled = kervi_number_value_new ("double", "Double", 0, 200, "%");
  count = kervi_number_value_new ("count", "Changes seen", 0, G_MAXDOUBLE, NULL);
  kervi_action_set_result_signature (relay_action, "s");
  g_signal_connect (sink, "input-changed", G_CALLBACK (on_input_changed), NULL);

  return kervi_controller_add_input (sink, KERVI_VALUE (level), error)
         && kervi_controller_add_output (sink, KERVI_VALUE (doubled), error)
         && kervi_controller_add_output (sink, KERVI_VALUE (count), error)
         && kervi_value_link_to (KERVI_VALUE (level), "source.level", error)
         && kervi_component_add_action (KERVI_COMPONENT (sink), fail_action, error)
         && kervi_component_add_action (KERVI_COMPONENT (sink), relay_action, error);
}
