/* target.c: benchmark module with an action to call
 *
 * Component <module id> with the action ping (t) -> t, which returns its
 * argument: the cheapest action there is, so a call measures the path.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <gmodule.h>
#include <kervi.h>

static GVariant *
ping (KerviAction *action, GVariant *args, gpointer user_data)
{
  return g_variant_get_child_value (args, 0);
}

G_MODULE_EXPORT gboolean kervi_module_init (KerviModule *module, GError **error);

G_MODULE_EXPORT gboolean
kervi_module_init (KerviModule *module, GError **error)
{
  g_autoptr (KerviController) target
      = kervi_controller_new (kervi_module_get_id (module), "Target");
  g_autoptr (KerviAction) ping_action = kervi_action_new ("ping", "Ping", "t", ping, NULL, NULL);

  kervi_action_set_result_signature (ping_action, "t");
  return kervi_component_add_action (KERVI_COMPONENT (target), ping_action, error);
}
