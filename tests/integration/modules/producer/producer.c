/* producer.c: test module with an output value and actions
 *
 * Component "source": output "level" (number 0..100), output "flag"
 * (boolean), input "mode" (enum auto/on/off); actions set_level (d),
 * burst (u) that sets level 1..n in a row, and echo (s) -> s.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <gmodule.h>
#include <kervi.h>

static KerviNumberValue *level;

static GVariant *
set_level (KerviAction *action, GVariant *args, gpointer user_data)
{
  g_autoptr (GError) error = NULL;
  double value;

  g_variant_get (args, "(d)", &value);
  if (!kervi_number_value_set_value (level, value, &error))
    kervi_action_fail (action, error->message);
  return NULL;
}

static GVariant *
burst (KerviAction *action, GVariant *args, gpointer user_data)
{
  guint32 n;

  g_variant_get (args, "(u)", &n);
  for (guint32 i = 1; i <= n; i++)
    kervi_number_value_set_value (level, (double)(i % 100), NULL);
  return NULL;
}

static GVariant *
echo (KerviAction *action, GVariant *args, gpointer user_data)
{
  const char *text;

  g_variant_get (args, "(&s)", &text);
  return g_variant_new_string (text);
}

G_MODULE_EXPORT gboolean kervi_module_init (KerviModule *module, GError **error);

G_MODULE_EXPORT gboolean
kervi_module_init (KerviModule *module, GError **error)
{
  const char *const modes[] = { "auto", "on", "off", NULL };
  g_autoptr (KerviController) source = kervi_controller_new ("source", "Source");
  g_autoptr (KerviBooleanValue) flag = kervi_boolean_value_new ("flag", "Flag");
  g_autoptr (KerviEnumValue) mode = kervi_enum_value_new ("mode", "Mode", modes);
  g_autoptr (KerviAction) set_level_action
      = kervi_action_new ("set_level", "Set level", "d", set_level, NULL, NULL);
  g_autoptr (KerviAction) burst_action
      = kervi_action_new ("burst", "Burst", "u", burst, NULL, NULL);
  g_autoptr (KerviAction) echo_action = kervi_action_new ("echo", "Echo", "s", echo, NULL, NULL);

  level = kervi_number_value_new ("level", "Level", 0, 100, "%");
  kervi_action_set_result_signature (echo_action, "s");
  return kervi_controller_add_output (source, KERVI_VALUE (level), error)
         && kervi_controller_add_output (source, KERVI_VALUE (flag), error)
         && kervi_controller_add_input (source, KERVI_VALUE (mode), error)
         && kervi_component_add_action (KERVI_COMPONENT (source), set_level_action, error)
         && kervi_component_add_action (KERVI_COMPONENT (source), burst_action, error)
         && kervi_component_add_action (KERVI_COMPONENT (source), echo_action, error);
}
