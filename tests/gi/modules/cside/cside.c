/* cside.c: the C module of the GObject Introspection tests
 *
 * Component "cside": output "level" (0..100); inputs "from_python" and
 * "from_gjs" (0..100) that follow "pyside.target" and "jsside.target";
 * actions set_level (d), echo (s) -> s, and ask (ss) -> s, which calls
 * "<component>.echo" in whatever process and language that component
 * lives, and returns its answer.
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
echo (KerviAction *action, GVariant *args, gpointer user_data)
{
  const char *text;

  g_variant_get (args, "(&s)", &text);
  return g_variant_new_take_string (g_strconcat ("c: ", text, NULL));
}

static GVariant *
ask (KerviAction *action, GVariant *args, gpointer user_data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *target = NULL;
  const char *component, *text;
  GVariant *answer;

  g_variant_get (args, "(&s&s)", &component, &text);
  target = g_strconcat (component, ".echo", NULL);
  answer = kervi_action_call_sync (target, g_variant_new ("(s)", text), NULL, &error);
  if (answer == NULL)
    kervi_action_fail (action, error->message);
  return answer;
}

static gboolean
add_action (KerviComponent *component, const char *id, const char *signature,
            const char *result_signature, KerviActionFunc func, GError **error)
{
  g_autoptr (KerviAction) action = kervi_action_new (id, NULL, signature, func, NULL, NULL);

  kervi_action_set_result_signature (action, result_signature);
  return kervi_component_add_action (component, action, error);
}

G_MODULE_EXPORT gboolean kervi_module_init (KerviModule *module, GError **error);

G_MODULE_EXPORT gboolean
kervi_module_init (KerviModule *module, GError **error)
{
  g_autoptr (KerviController) cside = kervi_controller_new ("cside", "C side");
  g_autoptr (KerviNumberValue) from_python
      = kervi_number_value_new ("from_python", "From Python", 0, 100, NULL);
  g_autoptr (KerviNumberValue) from_gjs
      = kervi_number_value_new ("from_gjs", "From GJS", 0, 100, NULL);
  KerviComponent *component = KERVI_COMPONENT (cside);

  level = kervi_number_value_new ("level", "Level", 0, 100, "%");
  return kervi_controller_add_output (cside, KERVI_VALUE (level), error)
         && kervi_controller_add_input (cside, KERVI_VALUE (from_python), error)
         && kervi_controller_add_input (cside, KERVI_VALUE (from_gjs), error)
         && kervi_value_link_to (KERVI_VALUE (from_python), "pyside.target", error)
         && kervi_value_link_to (KERVI_VALUE (from_gjs), "jsside.target", error)
         && add_action (component, "set_level", "d", "", set_level, error)
         && add_action (component, "echo", "s", "s", echo, error)
         && add_action (component, "ask", "ss", "s", ask, error);
}
