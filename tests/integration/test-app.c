/* test-app.c: the application the integration tests start
 *
 * Modules come from the configuration file the test writes. app_main
 * calls sink.relay to show that the application reaches every module;
 * app_exit sets source.level to 7, which the tests can see on the bus.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <kervi.h>

static void
on_done (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GVariant) reply = kervi_action_call_finish (result, &error);

  if (error != NULL)
    g_printerr ("test-app: %s: %s\n", (const char *)user_data, error->message);
  else if (reply != NULL)
    g_print ("test-app: %s -> %s\n", (const char *)user_data, g_variant_get_string (reply, NULL));
}

static GVariant *
app_main (KerviAction *action, GVariant *args, gpointer user_data)
{
  kervi_action_call ("sink.relay", g_variant_new ("(s)", "hello"), NULL, on_done, "sink.relay");
  return NULL;
}

static GVariant *
app_exit (KerviAction *action, GVariant *args, gpointer user_data)
{
  kervi_action_call ("source.set_level", g_variant_new ("(d)", 7.0), NULL, on_done,
                     "source.set_level");
  return NULL;
}

static GVariant *
add (KerviAction *action, GVariant *args, gpointer user_data)
{
  gint32 a, b;

  g_variant_get (args, "(ii)", &a, &b);
  return g_variant_new_int32 (a + b);
}

int
main (int argc, char **argv)
{
  g_autoptr (KerviApplication) app = kervi_application_new ("kervi-test", "Kervi test");
  g_autoptr (KerviAction) main_action
      = kervi_action_new ("app_main", NULL, "", app_main, NULL, NULL);
  g_autoptr (KerviAction) exit_action
      = kervi_action_new ("app_exit", NULL, "", app_exit, NULL, NULL);
  g_autoptr (KerviAction) add_action = kervi_action_new ("add", "Add", "ii", add, NULL, NULL);

  kervi_action_set_result_signature (add_action, "i");
  kervi_application_add_action (app, main_action, NULL);
  kervi_application_add_action (app, exit_action, NULL);
  kervi_application_add_action (app, add_action, NULL);
  return kervi_application_run (app, argc, argv);
}
