/* dashmod.c: the module the dashboard tests run
 *
 * A controller "dash_board" with inputs (level, enabled), outputs (counter,
 * toggled), actions (toggle, burst, fail), a dashboard "test" declared in
 * this module, and links of every kind.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <gmodule.h>
#include <kervi.h>

static KerviNumberValue *counter;
static KerviBooleanValue *toggled;

static GVariant *
toggle (KerviAction *action, GVariant *args, gpointer user_data)
{
  gboolean on;

  g_variant_get (args, "(b)", &on);
  kervi_boolean_value_set_value (toggled, on);
  return g_variant_new_string (on ? "on" : "off");
}

/* n changes of counter in a row, ending at n: for the coalescing test. */
static GVariant *
burst (KerviAction *action, GVariant *args, gpointer user_data)
{
  gint32 n;

  g_variant_get (args, "(i)", &n);
  for (gint32 i = 1; i <= n; i++)
    kervi_number_value_set_value (counter, i, NULL);
  return NULL;
}

static GVariant *
fail (KerviAction *action, GVariant *args, gpointer user_data)
{
  kervi_action_fail (action, "failing on purpose");
  return NULL;
}

G_MODULE_EXPORT gboolean kervi_module_init (KerviModule *module, GError **error);

G_MODULE_EXPORT gboolean
kervi_module_init (KerviModule *module, GError **error)
{
  g_autoptr (KerviController) board = kervi_controller_new ("dash_board", "Board");
  g_autoptr (KerviNumberValue) level = kervi_number_value_new ("level", "Level", 0, 100, "%");
  g_autoptr (KerviBooleanValue) enabled = kervi_boolean_value_new ("enabled", "Enabled");
  g_autoptr (KerviAction) toggle_action
      = kervi_action_new ("toggle", "Toggle", "b", toggle, NULL, NULL);
  g_autoptr (KerviAction) burst_action
      = kervi_action_new ("burst", "Burst", "i", burst, NULL, NULL);
  g_autoptr (KerviAction) fail_action = kervi_action_new ("fail", "Fail", "", fail, NULL, NULL);
  g_autoptr (KerviDashboard) dashboard = kervi_dashboard_new ("test", "Test board", TRUE);
  g_autoptr (KerviDashboardPanel) panel = kervi_dashboard_panel_new ("main", "Main", 100);
  KerviComponent *component = KERVI_COMPONENT (board);

  counter = kervi_number_value_new ("counter", "Counter", 0, 1000000, "");
  toggled = kervi_boolean_value_new ("toggled", "Toggled");
  kervi_action_set_result_signature (toggle_action, "s");

  return kervi_controller_add_input (board, KERVI_VALUE (level), error)
         && kervi_controller_add_input (board, KERVI_VALUE (enabled), error)
         && kervi_controller_add_output (board, KERVI_VALUE (counter), error)
         && kervi_controller_add_output (board, KERVI_VALUE (toggled), error)
         && kervi_component_add_action (component, toggle_action, error)
         && kervi_component_add_action (component, burst_action, error)
         && kervi_component_add_action (component, fail_action, error)
         && kervi_dashboard_add_panel (dashboard, panel, error)
         && kervi_value_link_to_header (KERVI_VALUE (counter), "value", NULL, error)
         && kervi_value_link_to_dashboard (KERVI_VALUE (level), "test", "main", "slider",
                                           "{\"step\": 1}", error)
         && kervi_value_link_to_dashboard (KERVI_VALUE (counter), "test", "main", "chart",
                                           "{\"history\": 60}", error)
         && kervi_value_link_to_dashboard (KERVI_VALUE (enabled), "test", "main", "switch", NULL,
                                           error)
         && kervi_action_link_to_dashboard (toggle_action, "test", "main", "switch",
                                            "{\"value\": \"dash_board.toggled\"}", error)
         && kervi_action_link_to_dashboard (fail_action, "test", "main", "button", NULL, error);
}
