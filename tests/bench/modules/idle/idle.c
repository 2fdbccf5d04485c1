/* idle.c: benchmark module that only starts and stops
 *
 * Component <module id> with one number output and one action, like a
 * small real module; the start and stop measure runs 1, 4 and 16 of them.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <gmodule.h>
#include <kervi.h>

static GVariant *
noop (KerviAction *action, GVariant *args, gpointer user_data)
{
  return NULL;
}

G_MODULE_EXPORT gboolean kervi_module_init (KerviModule *module, GError **error);

G_MODULE_EXPORT gboolean
kervi_module_init (KerviModule *module, GError **error)
{
  g_autoptr (KerviController) idle = kervi_controller_new (kervi_module_get_id (module), "Idle");
  g_autoptr (KerviNumberValue) level = kervi_number_value_new ("level", "Level", 0, 100, "%");
  g_autoptr (KerviAction) noop_action = kervi_action_new ("noop", "No-op", "", noop, NULL, NULL);

  return kervi_controller_add_output (idle, KERVI_VALUE (level), error)
         && kervi_component_add_action (KERVI_COMPONENT (idle), noop_action, error);
}
