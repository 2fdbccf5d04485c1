/* myapp.c: the application of the fan-controller example
 *
 * Kervi's "process distribution" example in C. The module folders next to
 * this program, listed in myapp.conf, each run in their own process:
 *   sensors/      the CPU load sensor "cpu_load"
 *   controllers/  the fan controller "fan_controller"
 * This process defines the application-wide actions app_main and app_exit,
 * which switch the fan controller on and off, wherever it runs.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <kervi.h>

static void
on_activate_done (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GVariant) reply = kervi_action_call_finish (result, &error);

  if (error != NULL)
    g_warning ("fan_controller.activate: %s", error->message);
}

static void
activate_fan_controller (gboolean active)
{
  /* The id decides where the action runs: in the controllers process. */
  kervi_action_call ("fan_controller.activate", g_variant_new ("(b)", active), NULL,
                     on_activate_done, NULL);
}

static GVariant *
app_main (KerviAction *action, GVariant *args, gpointer user_data)
{
  activate_fan_controller (TRUE);
  return NULL;
}

static GVariant *
app_exit (KerviAction *action, GVariant *args, gpointer user_data)
{
  /* The application waits for this call before it stops the modules. */
  activate_fan_controller (FALSE);
  return NULL;
}

int
main (int argc, char **argv)
{
  g_autoptr (KerviApplication) app = kervi_application_new ("fan-controller", "Fan controller");
  g_autoptr (KerviAction) main_action
      = kervi_action_new ("app_main", "Start", "", app_main, NULL, NULL);
  g_autoptr (KerviAction) exit_action
      = kervi_action_new ("app_exit", "Stop", "", app_exit, NULL, NULL);
  g_autoptr (KerviDashboard) dashboard = kervi_dashboard_new ("main", "Fan controller", TRUE);
  g_autoptr (KerviDashboardPanel) cpu_panel = kervi_dashboard_panel_new ("cpu", "CPU", 50);
  g_autoptr (KerviDashboardPanel) fan_panel = kervi_dashboard_panel_new ("fan", "Fan", 50);

  /* The modules are listed in myapp.conf; listing them here works too. */
  kervi_application_add_module (app, "sensors");
  kervi_application_add_module (app, "controllers");
  kervi_application_add_action (app, main_action, NULL);
  kervi_application_add_action (app, exit_action, NULL);

  /* The dashboard the modules link their values to (Kervi's dashboards). */
  kervi_dashboard_add_panel (dashboard, cpu_panel, NULL);
  kervi_dashboard_add_panel (dashboard, fan_panel, NULL);

  return kervi_application_run (app, argc, argv);
}
