/* test-integration.c: the core end to end, on a real private bus
 *
 * Each test starts the real test application (tests/integration/test-app.c)
 * with real module processes (tests/integration/modules/), and talks to it
 * as a gdbus user would.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <signal.h>

#include "kervi-test-util.h"

#define START_TIMEOUT 30

static const char *module_dir;
static const char *app_program;

static KerviTestApp *
start_app (const char *modules, gboolean expect_running)
{
  g_autofree char *config = g_strdup_printf ("[application]\nmodules=%s\nmodule-dir=%s\n"
                                             "[dashboard]\nenabled=false\n",
                                             modules, module_dir);
  KerviTestApp *app = kervi_test_app_new (app_program, config);

  if (expect_running && !kervi_test_app_start (app, START_TIMEOUT))
    g_error ("The application did not start:\n%s", app->output->str);
  return app;
}

static GVariant *
call (KerviTestApp *app, const char *name, const char *path, const char *interface,
      const char *method, GVariant *args, GError **error)
{
  return g_dbus_connection_call_sync (app->connection, name, path, interface, method, args, NULL,
                                      G_DBUS_CALL_FLAGS_NONE, 10000, NULL, error);
}

static GVariant *
get_property (KerviTestApp *app, const char *name, const char *path, const char *interface,
              const char *property)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GVariant) reply = call (app, name, path, "org.freedesktop.DBus.Properties", "Get",
                                     g_variant_new ("(ss)", interface, property), &error);
  GVariant *value;

  g_assert_no_error (error);
  g_variant_get (reply, "(v)", &value);
  return value;
}

static double
get_number (KerviTestApp *app, const char *name, const char *path)
{
  g_autoptr (GVariant) value = get_property (app, name, path, "org.kervi.Value", "Value");
  g_autoptr (GVariant) inner = g_variant_get_variant (value);

  return g_variant_get_double (inner);
}

static void
assert_remote_error (GError *error, const char *name)
{
  g_autofree char *remote = NULL;

  g_assert_nonnull (error);
  remote = g_dbus_error_get_remote_error (error);
  g_assert_cmpstr (remote, ==, name);
}

/* Watching a value's Changed signal */

typedef struct
{
  double wanted;
  gboolean seen;
  guint count;
} ChangedWatch;

static void
on_changed (GDBusConnection *connection, const char *sender, const char *path,
            const char *interface, const char *signal, GVariant *parameters, gpointer user_data)
{
  ChangedWatch *watch = user_data;
  g_autoptr (GVariant) value = NULL;
  gint64 timestamp;

  g_variant_get (parameters, "(vx)", &value, &timestamp);
  g_assert_cmpint (timestamp, >, 0);
  watch->count++;
  if (g_variant_is_of_type (value, G_VARIANT_TYPE_DOUBLE)
      && g_variant_get_double (value) == watch->wanted)
    watch->seen = TRUE;
}

static guint
watch_value (KerviTestApp *app, const char *name, const char *path, ChangedWatch *watch)
{
  return g_dbus_connection_signal_subscribe (app->connection, name, "org.kervi.Value", "Changed",
                                             path, NULL, G_DBUS_SIGNAL_FLAGS_NONE, on_changed,
                                             watch, NULL);
}

static gboolean
watch_seen (gpointer data)
{
  return ((ChangedWatch *)data)->seen;
}

/* The tests */

static void
test_objects (void)
{
  g_autoptr (KerviTestApp) app = start_app ("producer;consumer", TRUE);
  g_autoptr (GError) error = NULL;
  g_autoptr (GVariant) reply = NULL;
  g_autoptr (GVariant) objects = NULL;
  g_autoptr (GVariant) modules = NULL;
  g_autoptr (GVariant) level = NULL;
  const char *state;

  reply = call (app, "org.kervi.Module.producer", "/org/kervi",
                "org.freedesktop.DBus.ObjectManager", "GetManagedObjects", NULL, &error);
  g_assert_no_error (error);
  objects = g_variant_get_child_value (reply, 0);
  level = g_variant_lookup_value (objects, "/org/kervi/component/source/level", NULL);
  g_assert_nonnull (level);
  g_assert_nonnull (g_variant_lookup_value (objects, "/org/kervi/component/source", NULL));
  g_assert_nonnull (g_variant_lookup_value (objects, "/org/kervi/module", NULL));

  {
    g_autoptr (GVariant) id
        = get_property (app, "org.kervi.Module.producer", "/org/kervi/component/source/level",
                        "org.kervi.Value", "Id");
    g_autoptr (GVariant) unit
        = get_property (app, "org.kervi.Module.producer", "/org/kervi/component/source/level",
                        "org.kervi.Value", "Unit");
    g_autoptr (GVariant) type
        = get_property (app, "org.kervi.Module.consumer", "/org/kervi/component/sink",
                        "org.kervi.Component", "Type");
    g_assert_cmpstr (g_variant_get_string (id, NULL), ==, "source.level");
    g_assert_cmpstr (g_variant_get_string (unit, NULL), ==, "%");
    g_assert_cmpstr (g_variant_get_string (type, NULL), ==, "controller");
  }

  modules = get_property (app, "org.kervi.App", "/org/kervi/app", "org.kervi.App", "Modules");
  g_assert_true (g_variant_lookup (modules, "producer", "&s", &state));
  g_assert_cmpstr (state, ==, "ready");
  g_assert_true (g_variant_lookup (modules, "consumer", "&s", &state));
  g_assert_cmpstr (state, ==, "ready");
}

static void
test_link_across_processes (void)
{
  g_autoptr (KerviTestApp) app = start_app ("producer;consumer", TRUE);
  g_autoptr (GError) error = NULL;
  g_autoptr (GVariant) reply = NULL;
  ChangedWatch level = { .wanted = 42 }, doubled = { .wanted = 84 };
  guint id1
      = watch_value (app, "org.kervi.Module.consumer", "/org/kervi/component/sink/level", &level);
  guint id2 = watch_value (app, "org.kervi.Module.consumer", "/org/kervi/component/sink/double",
                           &doubled);

  /* The producer's output changes in its process... */
  reply = call (app, "org.kervi.Module.producer", "/org/kervi/component/source",
                "org.kervi.Actions", "set_level", g_variant_new ("(d)", 42.0), &error);
  g_assert_no_error (error);

  /* ...and reaches the consumer's linked input, in another process. */
  g_assert_true (kervi_test_wait (watch_seen, &level, 10));
  g_assert_true (kervi_test_wait (watch_seen, &doubled, 10));
  g_assert_cmpfloat (
      get_number (app, "org.kervi.Module.consumer", "/org/kervi/component/sink/level"), ==, 42);
  g_dbus_connection_signal_unsubscribe (app->connection, id1);
  g_dbus_connection_signal_unsubscribe (app->connection, id2);
}

static void
test_action_by_id (void)
{
  g_autoptr (KerviTestApp) app = start_app ("producer;consumer", TRUE);
  g_autoptr (GError) error = NULL;
  g_autoptr (GVariant) reply = NULL;
  gint32 sum;

  /* app_main (application process) called sink.relay (consumer process),
   * which called source.echo (producer process) by id. */
  g_assert_true (kervi_test_app_wait_output (app, "test-app: sink.relay -> hello", 10));

  reply = call (app, "org.kervi.App", "/org/kervi/app", "org.kervi.Actions", "add",
                g_variant_new ("(ii)", 2, 3), &error);
  g_assert_no_error (error);
  g_variant_get (reply, "(i)", &sum);
  g_assert_cmpint (sum, ==, 5);

  g_clear_pointer (&reply, g_variant_unref);
  reply = call (app, "org.kervi.Module.consumer", "/org/kervi/component/sink", "org.kervi.Actions",
                "relay", g_variant_new ("(s)", "across"), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (g_variant_get_string (g_variant_get_child_value (reply, 0), NULL), ==, "across");
}

static void
test_errors (void)
{
  g_autoptr (KerviTestApp) app = start_app ("producer;consumer", TRUE);
  const char *source = "/org/kervi/component/source";
  struct
  {
    const char *name, *path, *interface, *method;
    GVariant *args;
    const char *error;
  } cases[] = {
    { "org.kervi.Module.producer", source, "org.kervi.Actions", "nope", NULL,
      "org.kervi.Error.UnknownAction" },
    { "org.kervi.Module.producer", source, "org.kervi.Actions", "set_level",
      g_variant_new ("(s)", "high"), "org.kervi.Error.InvalidArgs" },
    { "org.kervi.Module.producer", source, "org.kervi.Actions", "set_level", NULL,
      "org.kervi.Error.InvalidArgs" },
    { "org.kervi.Module.producer", source, "org.kervi.Actions", "set_level",
      g_variant_new ("(d)", 1000.0), "org.kervi.Error.ActionFailed" },
    { "org.kervi.Module.consumer", "/org/kervi/component/sink", "org.kervi.Actions", "fail", NULL,
      "org.kervi.Error.ActionFailed" },
    { "org.kervi.Module.consumer", "/org/kervi/component/sink/double", "org.kervi.Value", "Set",
      g_variant_new ("(v)", g_variant_new_double (5)), "org.kervi.Error.ReadOnly" },
    { "org.kervi.Module.consumer", "/org/kervi/component/sink/level", "org.kervi.Value", "Set",
      g_variant_new ("(v)", g_variant_new_double (500)), "org.kervi.Error.OutOfRange" },
    { "org.kervi.Module.consumer", "/org/kervi/component/sink/level", "org.kervi.Value", "Set",
      g_variant_new ("(v)", g_variant_new_string ("x")), "org.kervi.Error.InvalidArgs" },
    { "org.kervi.Module.producer", "/org/kervi/component/source/mode", "org.kervi.Value", "Set",
      g_variant_new ("(v)", g_variant_new_string ("turbo")), "org.kervi.Error.OutOfRange" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (GVariant) reply = call (app, cases[i].name, cases[i].path, cases[i].interface,
                                         cases[i].method, cases[i].args, &error);

      g_test_message ("%s.%s -> %s", cases[i].interface, cases[i].method,
                      error ? error->message : "no error");
      g_assert_null (reply);
      assert_remote_error (error, cases[i].error);
    }

  /* After all that, the modules still answer. */
  {
    g_autoptr (GError) error = NULL;
    g_autoptr (GVariant) reply
        = call (app, "org.kervi.Module.producer", source, "org.kervi.Actions", "echo",
                g_variant_new ("(s)", "alive"), &error);
    g_assert_no_error (error);
  }
}

/* The live objects against data/org.kervi.xml */

static GDBusNodeInfo *
contract (void)
{
  g_autofree char *path
      = g_test_build_filename (G_TEST_DIST, "..", "..", "data", "org.kervi.xml", NULL);
  g_autofree char *xml = NULL;
  g_autoptr (GError) error = NULL;
  GDBusNodeInfo *node;

  g_file_get_contents (path, &xml, NULL, &error);
  g_assert_no_error (error);
  node = g_dbus_node_info_new_for_xml (xml, &error);
  g_assert_no_error (error);
  return node;
}

static void
assert_interface_matches (GDBusInterfaceInfo *live, GDBusInterfaceInfo *expected)
{
  for (guint i = 0; expected->properties != NULL && expected->properties[i] != NULL; i++)
    {
      GDBusPropertyInfo *want = expected->properties[i];
      GDBusPropertyInfo *have = g_dbus_interface_info_lookup_property (live, want->name);

      g_assert_nonnull (have);
      g_assert_cmpstr (have->signature, ==, want->signature);
      g_assert_cmpint (have->flags, ==, want->flags);
    }
  for (guint i = 0; expected->signals != NULL && expected->signals[i] != NULL; i++)
    {
      GDBusSignalInfo *want = expected->signals[i];
      GDBusSignalInfo *have = g_dbus_interface_info_lookup_signal (live, want->name);

      g_assert_nonnull (have);
      for (guint a = 0; want->args[a] != NULL; a++)
        {
          g_assert_nonnull (have->args[a]);
          g_assert_cmpstr (have->args[a]->signature, ==, want->args[a]->signature);
        }
    }
  for (guint i = 0; expected->methods != NULL && expected->methods[i] != NULL; i++)
    g_assert_nonnull (g_dbus_interface_info_lookup_method (live, expected->methods[i]->name));
}

static void
check_object (KerviTestApp *app, GDBusNodeInfo *expected, const char *name, const char *path)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GVariant) reply
      = call (app, name, path, "org.freedesktop.DBus.Introspectable", "Introspect", NULL, &error);
  g_autoptr (GDBusNodeInfo) live = NULL;
  guint checked = 0;

  g_assert_no_error (error);
  live = g_dbus_node_info_new_for_xml (
      g_variant_get_string (g_variant_get_child_value (reply, 0), NULL), &error);
  g_assert_no_error (error);
  for (guint i = 0; live->interfaces[i] != NULL; i++)
    {
      GDBusInterfaceInfo *want
          = g_dbus_node_info_lookup_interface (expected, live->interfaces[i]->name);

      if (!g_str_has_prefix (live->interfaces[i]->name, "org.kervi."))
        continue;
      g_assert_nonnull (want);
      assert_interface_matches (live->interfaces[i], want);
      checked++;
    }
  g_assert_cmpuint (checked, >, 0);
}

static void
test_contract (void)
{
  g_autoptr (KerviTestApp) app = start_app ("producer;consumer", TRUE);
  g_autoptr (GDBusNodeInfo) expected = contract ();

  check_object (app, expected, "org.kervi.Module.producer", "/org/kervi/component/source");
  check_object (app, expected, "org.kervi.Module.producer", "/org/kervi/component/source/level");
  check_object (app, expected, "org.kervi.Module.producer", "/org/kervi/module");
  check_object (app, expected, "org.kervi.Module.consumer", "/org/kervi/component/sink/level");
  check_object (app, expected, "org.kervi.App", "/org/kervi/app");
}

static GArray *
process_ids (KerviTestApp *app, const char *const *modules)
{
  GArray *pids = g_array_new (FALSE, FALSE, sizeof (GPid));
  GPid pid;

  for (guint i = 0; modules[i] != NULL; i++)
    {
      g_autofree char *name = g_strconcat ("org.kervi.Module.", modules[i], NULL);
      pid = kervi_test_get_pid_of_name (app->connection, name);
      g_assert_cmpint (pid, >, 0);
      g_array_append_val (pids, pid);
    }
  pid = kervi_test_get_pid_of_name (app->connection, "org.freedesktop.DBus");
  g_assert_cmpint (pid, >, 0);
  g_array_append_val (pids, pid);
  return pids;
}

static void
test_shutdown (void)
{
  g_autoptr (KerviTestApp) app = start_app ("producer;consumer", TRUE);
  const char *modules[] = { "producer", "consumer", NULL };
  g_autoptr (GArray) pids = process_ids (app, modules);
  g_autofree char *runtime = g_build_filename (app->root, "kervi", "kervi-test", NULL);
  ChangedWatch level = { .wanted = 7 };

  g_assert_true (g_file_test (runtime, G_FILE_TEST_IS_DIR));
  watch_value (app, "org.kervi.Module.producer", "/org/kervi/component/source/level", &level);
  kervi_test_sync_subscriptions (app->connection);

  g_subprocess_send_signal (app->process, SIGTERM);
  g_assert_cmpint (kervi_test_app_wait_exit (app, 20), ==, 0);

  /* app_exit ran, and its call reached the producer before it stopped. */
  g_assert_true (level.seen);
  for (guint i = 0; i < pids->len; i++)
    g_assert_true (kervi_test_wait_pid_gone (g_array_index (pids, GPid, i), 1));
  g_assert_false (g_file_test (runtime, G_FILE_TEST_EXISTS));
  g_assert_null (strstr (app->output->str, "CRITICAL"));
}

static void
test_sigkill (void)
{
  g_autoptr (KerviTestApp) app = start_app ("producer;consumer", TRUE);
  const char *modules[] = { "producer", "consumer", NULL };
  g_autoptr (GArray) pids = process_ids (app, modules);

  g_subprocess_force_exit (app->process);
  g_assert_cmpint (kervi_test_app_wait_exit (app, 10), ==, 128 + SIGKILL);
  for (guint i = 0; i < pids->len; i++)
    g_assert_true (kervi_test_wait_pid_gone (g_array_index (pids, GPid, i), 10));
}

static void
test_bus_dies (void)
{
  g_autoptr (KerviTestApp) app = start_app ("producer;consumer", TRUE);
  const char *modules[] = { "producer", "consumer", NULL };
  g_autoptr (GArray) pids = process_ids (app, modules);
  GPid bus = g_array_index (pids, GPid, pids->len - 1);

  /* Without its bus the application stops, with an error, and takes its
   * modules with it rather than restarting them forever. */
  kill (bus, SIGKILL);
  g_assert_cmpint (kervi_test_app_wait_exit (app, 20), ==, 1);
  g_assert_nonnull (strstr (app->output->str, "The private bus went away"));
  for (guint i = 0; i < pids->len; i++)
    g_assert_true (kervi_test_wait_pid_gone (g_array_index (pids, GPid, i), 5));
}

static void
assert_start_fails (const char *modules, const char *message)
{
  g_autoptr (KerviTestApp) app = start_app (modules, FALSE);
  g_autofree char *runtime = g_build_filename (app->root, "kervi", "kervi-test", NULL);

  g_assert_cmpint (kervi_test_app_wait_exit (app, START_TIMEOUT), ==, 1);
  g_assert_false (app->running);
  if (strstr (app->output->str, message) == NULL)
    g_error ("Expected '%s' in:\n%s", message, app->output->str);
  g_assert_false (g_file_test (runtime, G_FILE_TEST_EXISTS));
}

static void
test_crash_at_start (void)
{
  assert_start_fails ("producer;crasher", "Module 'crasher' failed to start: module process was "
                                          "killed by signal 6");
}

static void
test_init_error (void)
{
  assert_start_fails ("failer", "no widget attached");
}

static void
test_missing_module (void)
{
  assert_start_fails ("producer;nothere", "Module 'nothere': no folder");
}

typedef struct
{
  const char *module;
  const char *state;
  gboolean seen;
} StateWatch;

static void
on_module_state (GDBusConnection *connection, const char *sender, const char *path,
                 const char *interface, const char *signal, GVariant *parameters,
                 gpointer user_data)
{
  StateWatch *watch = user_data;
  const char *module, *state, *message;

  g_variant_get (parameters, "(&s&s&s)", &module, &state, &message);
  if (g_str_equal (module, watch->module) && g_str_equal (state, watch->state))
    watch->seen = TRUE;
}

static gboolean
state_seen (gpointer data)
{
  return ((StateWatch *)data)->seen;
}

static void
test_module_restart (void)
{
  g_autoptr (KerviTestApp) app = start_app ("producer;consumer", TRUE);
  GPid producer = kervi_test_get_pid_of_name (app->connection, "org.kervi.Module.producer");
  StateWatch failed = { "producer", "failed" }, ready = { "producer", "ready" };
  ChangedWatch level = { .wanted = 55 };
  g_autoptr (GError) error = NULL;
  g_autoptr (GVariant) reply = NULL;

  g_dbus_connection_signal_subscribe (app->connection, "org.kervi.App", "org.kervi.App",
                                      "ModuleStateChanged", "/org/kervi/app", NULL,
                                      G_DBUS_SIGNAL_FLAGS_NONE, on_module_state, &failed, NULL);
  g_dbus_connection_signal_subscribe (app->connection, "org.kervi.App", "org.kervi.App",
                                      "ModuleStateChanged", "/org/kervi/app", NULL,
                                      G_DBUS_SIGNAL_FLAGS_NONE, on_module_state, &ready, NULL);
  kervi_test_sync_subscriptions (app->connection);
  g_assert_cmpint (producer, >, 0);
  kill (producer, SIGKILL);
  g_assert_true (kervi_test_wait (state_seen, &failed, 10));
  g_assert_true (kervi_test_wait (state_seen, &ready, 20));

  /* The consumer's link found the new producer by itself. */
  watch_value (app, "org.kervi.Module.consumer", "/org/kervi/component/sink/level", &level);
  reply = call (app, "org.kervi.Module.producer", "/org/kervi/component/source",
                "org.kervi.Actions", "set_level", g_variant_new ("(d)", 55.0), &error);
  g_assert_no_error (error);
  g_assert_true (kervi_test_wait (watch_seen, &level, 10));
}

static void
test_config_errors (void)
{
  struct
  {
    const char *config, *message;
  } cases[] = {
    { "[application]\nmodules=producer\ncolour=blue\n",
      "app.conf:3: key 'colour' in [application]: unknown key" },
    { "[application]\nmodules=producer\n\n[dashboard]\nport=http\n",
      "app.conf:5: key 'port' in [dashboard]: expected a port number 0..65535, got 'http'" },
    { "[dashboard]\nenabled=maybe\n",
      "app.conf:2: key 'enabled' in [dashboard]: expected true or false, got 'maybe'" },
    { "[sensors]\nx=1\n", "app.conf:1: unknown group [sensors]" },
    { "[application]\nid=no spaces\n", "app.conf:2: key 'id' in [application]: 'no spaces' is "
                                       "not a valid id" },
    { "not a key file\n", "app.conf: Key file contains line" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (KerviTestApp) app = kervi_test_app_new (app_program, cases[i].config);

      g_assert_cmpint (kervi_test_app_wait_exit (app, 10), ==, 1);
      if (strstr (app->output->str, cases[i].message) == NULL)
        g_error ("Expected '%s' in:\n%s", cases[i].message, app->output->str);
    }
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  module_dir = g_getenv ("KERVI_TEST_MODULE_DIR");
  app_program = g_getenv ("KERVI_TEST_APP");
  g_assert_nonnull (module_dir);
  g_assert_nonnull (app_program);

  g_test_add_func ("/integration/objects", test_objects);
  g_test_add_func ("/integration/link-across-processes", test_link_across_processes);
  g_test_add_func ("/integration/action-by-id", test_action_by_id);
  g_test_add_func ("/integration/errors", test_errors);
  g_test_add_func ("/integration/contract", test_contract);
  g_test_add_func ("/integration/shutdown", test_shutdown);
  g_test_add_func ("/integration/sigkill", test_sigkill);
  g_test_add_func ("/integration/bus-dies", test_bus_dies);
  g_test_add_func ("/integration/crash-at-start", test_crash_at_start);
  g_test_add_func ("/integration/init-error", test_init_error);
  g_test_add_func ("/integration/missing-module", test_missing_module);
  g_test_add_func ("/integration/module-restart", test_module_restart);
  g_test_add_func ("/integration/config-errors", test_config_errors);
  return g_test_run ();
}
