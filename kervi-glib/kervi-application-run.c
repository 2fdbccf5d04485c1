/* kervi-application-run.c: the processes of an application
 *
 * Start: runtime folder, dbus-daemon, the app's own objects, the dashboard,
 * the modules; stop: the same backwards. Waiting is done by iterating the
 * main context until a condition holds or a timeout fires, so the bus, the
 * children's output and signals keep being served while we wait.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "config.h"

#include <glib-unix.h>
#include <unistd.h>

#include "kervi-application-private.h"
#include "kervi-bus.h"
#include "kervi-error.h"
#include "kervi-private.h"
#include "kervi-registry.h"

typedef gboolean (*Condition) (KerviApplication *self, gpointer data);

static gboolean
on_wait_timeout (gpointer user_data)
{
  *(gboolean *)user_data = TRUE;
  return G_SOURCE_REMOVE;
}

/* Returns: %TRUE if @condition came true before @seconds passed. */
static gboolean
wait_for (KerviApplication *self, Condition condition, gpointer data, double seconds)
{
  gboolean timed_out = FALSE;
  guint timeout_id = g_timeout_add ((guint)(seconds * 1000), on_wait_timeout, &timed_out);

  while (!condition (self, data) && !timed_out)
    g_main_context_iteration (NULL, TRUE);
  if (!timed_out)
    g_source_remove (timeout_id);
  return condition (self, data);
}

/* Returns: (transfer full): the program named by @env, else the installed one */
static char *
program_path (const char *env, const char *installed_name)
{
  const char *path = g_getenv (env);

  if (path != NULL && *path != '\0')
    return g_strdup (path);
  return g_build_filename (KERVI_LIBEXECDIR, installed_name, NULL);
}

static GStrv
child_environment (KerviApplication *self, const char *module_id)
{
  GStrvBuilder *builder = g_strv_builder_new ();
  g_autofree char *bus = g_strconcat ("KERVI_BUS_ADDRESS=", self->bus_address, NULL);
  g_autofree char *app = g_strconcat ("KERVI_APP_ID=", self->config.app_id, NULL);
  g_autofree char *module = module_id ? g_strconcat ("KERVI_MODULE_ID=", module_id, NULL) : NULL;
  GStrv env;

  g_strv_builder_add (builder, bus);
  g_strv_builder_add (builder, app);
  if (module != NULL)
    g_strv_builder_add (builder, module);
  env = g_strv_builder_end (builder);
  g_strv_builder_unref (builder);
  return env;
}

/* The bus */

static void
on_bus_line (KerviChild *child, const char *stream, const char *line, KerviApplication *self)
{
  /* --print-address=1: the first line on stdout says the bus listens. */
  if (g_str_equal (stream, "stdout") && self->bus_address == NULL)
    self->bus_address = g_strdup (line);
}

static gboolean
bus_started (KerviApplication *self, gpointer data)
{
  return self->bus_address != NULL || !kervi_child_get_running (self->bus_child) || self->quitting;
}

static gboolean
start_bus (KerviApplication *self, GError **error)
{
  g_autofree char *address = kervi_runtime_dir_get_bus_address (self->runtime_dir);
  g_autofree char *address_arg = g_strconcat ("--address=", address, NULL);
  const char *config = g_getenv ("KERVI_BUS_CONFIG");
  g_autofree char *installed_config = g_build_filename (KERVI_PKGDATADIR, "kervi-bus.conf", NULL);
  g_autofree char *config_arg = NULL;
  const char *daemon = g_getenv ("KERVI_DBUS_DAEMON");
  g_autofree char *status = NULL;

  config_arg = g_strconcat ("--config-file=", config != NULL ? config : installed_config, NULL);
  const char *argv[] = { daemon != NULL ? daemon : KERVI_DBUS_DAEMON,
                         config_arg,
                         address_arg,
                         "--nofork",
                         "--nopidfile",
                         "--nosyslog",
                         "--print-address=1",
                         NULL };

  self->bus_child = kervi_child_spawn ("bus", argv, NULL, error);
  if (self->bus_child == NULL)
    {
      g_prefix_error (error, "Cannot start dbus-daemon: ");
      return FALSE;
    }
  g_signal_connect (self->bus_child, "line", G_CALLBACK (on_bus_line), self);

  if (!wait_for (self, bus_started, NULL, 10) || self->bus_address == NULL)
    {
      status = kervi_child_describe_exit (self->bus_child);
      g_set_error (error, KERVI_PROCESS_ERROR, KERVI_PROCESS_ERROR_BUS,
                   "The private bus did not start: dbus-daemon %s", status);
      return FALSE;
    }
  g_signal_handlers_disconnect_by_func (self->bus_child, on_bus_line, self);

  /* The daemon prints the address with a guid; connect to it as printed. */
  if (!kervi_bus_connect_sync (kervi_bus_get_default (), self->bus_address, error))
    return FALSE;
  g_setenv ("KERVI_BUS_ADDRESS", self->bus_address, TRUE);
  g_object_notify (G_OBJECT (self), "bus-address");
  g_object_notify (G_OBJECT (self), "runtime-dir");
  return TRUE;
}

static void
export_app (KerviApplication *self)
{
  self->app_object = g_dbus_object_skeleton_new (KERVI_APP_PATH);
  self->app_skeleton = kervi_skeleton_new (_kervi_interface_info (KERVI_APP_IFACE),
                                           &_kervi_app_vtable, g_object_ref (self), g_object_unref);
  g_dbus_object_skeleton_add_interface (self->app_object,
                                        G_DBUS_INTERFACE_SKELETON (self->app_skeleton));
  _kervi_application_export_actions (self);
  kervi_bus_export (kervi_bus_get_default (), self->app_object);
  self->own_id = g_bus_own_name_on_connection (
      kervi_bus_get_connection (kervi_bus_get_default ()), KERVI_APP_BUS_NAME,
      G_BUS_NAME_OWNER_FLAGS_DO_NOT_QUEUE, NULL, NULL, NULL, NULL);
}

/* The dashboard */

static void
on_dashboard_appeared (GDBusConnection *connection, const char *name, const char *owner,
                       gpointer user_data)
{
  KerviApplication *self = user_data;

  self->dashboard_ready = TRUE;
}

static gboolean
dashboard_started (KerviApplication *self, gpointer data)
{
  return self->dashboard_ready || !kervi_child_get_running (self->dashboard_child)
         || self->quitting;
}

static gboolean
start_dashboard (KerviApplication *self, GError **error)
{
  g_autofree char *program = program_path ("KERVI_DASHBOARD", "kervi-dashboard");
  g_autofree char *port = g_strdup_printf ("%d", self->config.dashboard_port);
  g_auto (GStrv) env = child_environment (self, NULL);
  g_autofree char *status = NULL;
  const char *argv[]
      = { program, "--address", self->config.dashboard_address, "--port", port, NULL };

  if (!self->config.dashboard_enabled)
    return TRUE;
  if (!g_file_test (program, G_FILE_TEST_IS_EXECUTABLE))
    {
      g_warning ("The dashboard (%s) is not installed; running without it", program);
      return TRUE;
    }

  self->dashboard_watch_id = g_bus_watch_name_on_connection (
      kervi_bus_get_connection (kervi_bus_get_default ()), KERVI_DASHBOARD_BUS_NAME,
      G_BUS_NAME_WATCHER_FLAGS_NONE, on_dashboard_appeared, NULL, self, NULL);
  self->dashboard_child = kervi_child_spawn ("dashboard", argv, (const char *const *)env, error);
  if (self->dashboard_child == NULL)
    {
      g_prefix_error (error, "Cannot start the dashboard: ");
      return FALSE;
    }
  if (!wait_for (self, dashboard_started, NULL, 15) && !self->quitting)
    {
      status = kervi_child_describe_exit (self->dashboard_child);
      g_set_error (error, KERVI_PROCESS_ERROR,
                   kervi_child_get_running (self->dashboard_child) ? KERVI_PROCESS_ERROR_TIMEOUT
                                                                   : KERVI_PROCESS_ERROR_FAILED,
                   "The dashboard did not start: it %s (see its output above)", status);
      return FALSE;
    }
  return TRUE;
}

/* Modules */

static gboolean
module_command (KerviApplication *self, ModuleProcess *module, GStrv *out_argv, GError **error)
{
  g_autofree char *library_name = g_strconcat (module->id, ".so", NULL);
  g_autofree char *library = g_build_filename (module->path, library_name, NULL);
  g_autofree char *python_init = g_build_filename (module->path, "__init__.py", NULL);
  g_autofree char *gjs_name = g_strconcat (module->id, ".js", NULL);
  g_autofree char *gjs_script = g_build_filename (module->path, gjs_name, NULL);
  g_autofree char *host = NULL;

  if (!g_file_test (module->path, G_FILE_TEST_IS_DIR))
    {
      g_set_error (error, KERVI_PROCESS_ERROR, KERVI_PROCESS_ERROR_MODULE_NOT_FOUND,
                   "Module '%s': no folder %s", module->id, module->path);
      return FALSE;
    }
  if (g_file_test (library, G_FILE_TEST_IS_REGULAR))
    host = program_path ("KERVI_MODULE_HOST", "kervi-module-host");
  else if (g_file_test (python_init, G_FILE_TEST_IS_REGULAR))
    host = program_path ("KERVI_MODULE_HOST_PYTHON", "kervi-module-host-python");
  else if (g_file_test (gjs_script, G_FILE_TEST_IS_REGULAR))
    host = program_path ("KERVI_MODULE_HOST_GJS", "kervi-module-host-gjs");
  else
    {
      g_set_error (error, KERVI_PROCESS_ERROR, KERVI_PROCESS_ERROR_MODULE_NOT_FOUND,
                   "Module '%s': %s holds neither %s (C), __init__.py (Python) nor %s (GJS)",
                   module->id, module->path, library_name, gjs_name);
      return FALSE;
    }
  if (!g_file_test (host, G_FILE_TEST_IS_EXECUTABLE))
    {
      g_set_error (error, KERVI_PROCESS_ERROR, KERVI_PROCESS_ERROR_MODULE_LOAD,
                   "Module '%s': its module host %s is not installed", module->id, host);
      return FALSE;
    }

  *out_argv = g_new0 (char *, 6);
  (*out_argv)[0] = g_strdup (host);
  (*out_argv)[1] = g_strdup ("--id");
  (*out_argv)[2] = g_strdup (module->id);
  (*out_argv)[3] = g_strdup ("--path");
  (*out_argv)[4] = g_strdup (module->path);
  return TRUE;
}

static void start_module (ModuleProcess *module);

static gboolean
on_restart_timeout (gpointer user_data)
{
  ModuleProcess *module = user_data;

  module->restart_id = 0;
  start_module (module);
  return G_SOURCE_REMOVE;
}

static void
schedule_restart (ModuleProcess *module)
{
  double delay = MIN (MAX_RESTART_DELAY_S, 1 << MIN (module->restarts, 5));

  module->restarts++;
  g_message ("Restarting module '%s' in %.0f s", module->id, delay);
  module->restart_id = g_timeout_add_seconds ((guint)delay, on_restart_timeout, module);
}

static void
on_module_exited (KerviChild *child, ModuleProcess *module)
{
  KerviApplication *self = module->app;
  g_autofree char *status = kervi_child_describe_exit (child);
  g_autofree char *message = NULL;

  if (self->quitting && module->state != KERVI_MODULE_STATE_STARTING)
    {
      /* It got the signal with the rest of us, or was asked to quit. */
      _kervi_module_process_set_state (module, KERVI_MODULE_STATE_STOPPED, status);
      return;
    }
  switch (module->state)
    {
      case KERVI_MODULE_STATE_STOPPING:
        _kervi_module_process_set_state (module, KERVI_MODULE_STATE_STOPPED, status);
        return;
      case KERVI_MODULE_STATE_STARTING:
        message = g_strdup_printf ("module process %s before it was ready (see its output above)",
                                   status);
        break;
      default:
        message = g_strdup_printf ("module process %s", status);
        break;
    }
  _kervi_module_process_set_state (module, KERVI_MODULE_STATE_FAILED, message);
  /* During start-up a failure stops the application; later, the module
   * is restarted. */
  if (self->started && !self->quitting)
    schedule_restart (module);
}

static void
start_module (ModuleProcess *module)
{
  KerviApplication *self = module->app;
  g_autoptr (GError) error = NULL;
  g_auto (GStrv) argv = NULL;
  g_auto (GStrv) env = child_environment (self, module->id);

  g_clear_object (&module->child);
  if (!module_command (self, module, &argv, &error))
    {
      _kervi_module_process_set_state (module, KERVI_MODULE_STATE_FAILED, error->message);
      return;
    }
  module->child
      = kervi_child_spawn (module->id, (const char *const *)argv, (const char *const *)env, &error);
  if (module->child == NULL)
    {
      _kervi_module_process_set_state (module, KERVI_MODULE_STATE_FAILED, error->message);
      return;
    }
  g_signal_connect (module->child, "exited", G_CALLBACK (on_module_exited), module);
  _kervi_module_process_set_state (module, KERVI_MODULE_STATE_STARTING, NULL);
}

static void
on_name_loaded (KerviDirectory *directory, const char *bus_name, KerviApplication *self)
{
  ModuleProcess *module;

  if (!g_str_has_prefix (bus_name, KERVI_MODULE_BUS_NAME_PREFIX))
    return;
  module = _kervi_application_find_module (self, bus_name + strlen (KERVI_MODULE_BUS_NAME_PREFIX));
  if (module != NULL && module->state == KERVI_MODULE_STATE_STARTING)
    {
      _kervi_module_process_set_state (module, KERVI_MODULE_STATE_READY, NULL);
      if (self->started)
        g_message ("Module '%s' is back", module->id);
    }
}

static gboolean
modules_settled (KerviApplication *self, gpointer data)
{
  if (self->quitting)
    return TRUE;
  for (guint i = 0; i < self->modules->len; i++)
    {
      ModuleProcess *module = self->modules->pdata[i];
      if (module->state == KERVI_MODULE_STATE_STARTING)
        return FALSE;
    }
  return TRUE;
}

/* Returns: (transfer full) (nullable): #KerviApplication:program, or else
 * the running executable */
static char *
program_file (KerviApplication *self)
{
  if (self->program != NULL)
    return g_strdup (self->program);
  return g_file_read_link ("/proc/self/exe", NULL);
}

static char *
module_dir (KerviApplication *self)
{
  g_autofree char *program = NULL;

  if (self->config.module_dir != NULL)
    return g_strdup (self->config.module_dir);
  program = program_file (self);
  return program != NULL ? g_path_get_dirname (program) : g_get_current_dir ();
}

static gboolean
start_modules (KerviApplication *self, GError **error)
{
  g_autofree char *dir = module_dir (self);

  g_signal_connect (kervi_bus_get_directory (kervi_bus_get_default ()), "name-loaded",
                    G_CALLBACK (on_name_loaded), self);
  for (guint i = 0; i < self->modules->len; i++)
    {
      ModuleProcess *module = self->modules->pdata[i];

      g_free (module->path);
      module->path = g_build_filename (dir, module->id, NULL);
      start_module (module);
    }

  wait_for (self, modules_settled, NULL, self->config.start_timeout);
  for (guint i = 0; i < self->modules->len && !self->quitting; i++)
    {
      ModuleProcess *module = self->modules->pdata[i];

      if (module->state == KERVI_MODULE_STATE_STARTING)
        {
          g_set_error (error, KERVI_PROCESS_ERROR, KERVI_PROCESS_ERROR_TIMEOUT,
                       "Module '%s' did not get ready within %g s", module->id,
                       self->config.start_timeout);
          return FALSE;
        }
      if (module->state == KERVI_MODULE_STATE_FAILED)
        {
          g_set_error (error, KERVI_PROCESS_ERROR, KERVI_PROCESS_ERROR_MODULE_EXITED,
                       "Module '%s' failed to start: %s", module->id, module->message);
          return FALSE;
        }
    }
  return TRUE;
}

/* app_main and app_exit */

static void
on_lifecycle_action_done (GObject *source, GAsyncResult *result, gpointer user_data)
{
  const char *name = user_data;
  g_autoptr (GError) error = NULL;
  g_autoptr (GVariant) reply = kervi_action_call_finish (result, &error);

  if (error != NULL)
    g_warning ("%s: %s", name, error->message);
}

static gboolean
run_lifecycle_action (KerviApplication *self, const char *name)
{
  if (kervi_registry_lookup_action (kervi_registry_get_default (), name) == NULL)
    return FALSE;
  kervi_action_call (name, NULL, NULL, on_lifecycle_action_done, (gpointer)name);
  return TRUE;
}

static gboolean
calls_drained (KerviApplication *self, gpointer data)
{
  return kervi_bus_get_pending_calls (kervi_bus_get_default ()) == 0;
}

/* Stopping */

static gboolean
children_gone (KerviApplication *self, gpointer data)
{
  GPtrArray *children = data;

  for (guint i = 0; i < children->len; i++)
    if (kervi_child_get_running (children->pdata[i]))
      return FALSE;
  return TRUE;
}

/* Asks politely first (@ask, e.g. the Quit method), then SIGTERM, then
 * SIGKILL, waiting for the processes to go in between. */
static void
stop_children (KerviApplication *self, GPtrArray *children, gboolean asked)
{
  if (asked && wait_for (self, children_gone, children, STOP_GRACE_S))
    return;
  for (guint i = 0; i < children->len; i++)
    kervi_child_terminate (children->pdata[i]);
  if (wait_for (self, children_gone, children, asked ? KILL_GRACE_S : STOP_GRACE_S))
    return;
  for (guint i = 0; i < children->len; i++)
    {
      if (kervi_child_get_running (children->pdata[i]))
        g_warning ("%s did not stop; killing it", kervi_child_get_label (children->pdata[i]));
      kervi_child_kill (children->pdata[i]);
    }
  wait_for (self, children_gone, children, KILL_GRACE_S);
}

static void
stop_modules (KerviApplication *self)
{
  g_autoptr (GPtrArray) children = g_ptr_array_new ();
  GDBusConnection *connection = kervi_bus_get_connection (kervi_bus_get_default ());

  for (guint i = 0; i < self->modules->len; i++)
    {
      ModuleProcess *module = self->modules->pdata[i];

      g_clear_handle_id (&module->restart_id, g_source_remove);
      if (module->child == NULL || !kervi_child_get_running (module->child))
        continue;
      _kervi_module_process_set_state (module, KERVI_MODULE_STATE_STOPPING, NULL);
      g_ptr_array_add (children, module->child);
      if (connection != NULL)
        {
          g_autofree char *name = g_strconcat (KERVI_MODULE_BUS_NAME_PREFIX, module->id, NULL);
          g_dbus_connection_call (connection, name, KERVI_MODULE_PATH, KERVI_MODULE_IFACE, "Quit",
                                  NULL, NULL, G_DBUS_CALL_FLAGS_NO_AUTO_START, -1, NULL, NULL,
                                  NULL);
        }
      else
        kervi_child_terminate (module->child);
    }
  stop_children (self, children, TRUE);
}

static void
stop_child (KerviApplication *self, KerviChild **child)
{
  g_autoptr (GPtrArray) children = g_ptr_array_new ();

  if (*child == NULL)
    return;
  g_ptr_array_add (children, *child);
  stop_children (self, children, FALSE);
  g_clear_object (child);
}

static void
stop (KerviApplication *self)
{
  KerviBus *bus = kervi_bus_get_default ();

  if (self->stopped)
    return;
  self->stopped = TRUE;
  self->quitting = TRUE;

  if (kervi_bus_get_connection (bus) != NULL && self->started
      && run_lifecycle_action (self, "app_exit"))
    {
      /* Let app_exit's calls reach the modules before they stop. */
      if (!wait_for (self, calls_drained, NULL, STOP_GRACE_S))
        g_warning ("app_exit: %u action calls did not finish in time",
                   kervi_bus_get_pending_calls (bus));
    }
  stop_modules (self);
  g_signal_handlers_disconnect_by_data (bus, self);
  if (kervi_bus_get_directory (bus) != NULL)
    g_signal_handlers_disconnect_by_data (kervi_bus_get_directory (bus), self);
  stop_child (self, &self->dashboard_child);
  g_clear_handle_id (&self->dashboard_watch_id, g_bus_unwatch_name);
  g_clear_handle_id (&self->own_id, g_bus_unown_name);
  kervi_bus_disconnect (bus);
  stop_child (self, &self->bus_child);
  g_clear_pointer (&self->runtime_dir, kervi_runtime_dir_close);
  g_clear_pointer (&self->bus_address, g_free);
  g_unsetenv ("KERVI_BUS_ADDRESS");
}

/* Without its bus the application cannot reach its modules, and they exit
 * when they see the bus go: stop the rest cleanly instead of restarting
 * modules into the void. */
static void
on_bus_closed (KerviBus *bus, KerviApplication *self)
{
  if (self->quitting)
    return;
  g_warning ("The private bus went away; stopping");
  self->exit_status = 1;
  kervi_application_quit (self);
}

static gboolean
start (KerviApplication *self, GError **error)
{
  self->runtime_dir = kervi_runtime_dir_open (self->config.app_id, error);
  if (self->runtime_dir == NULL)
    return FALSE;
  if (!start_bus (self, error))
    return FALSE;
  g_signal_connect (kervi_bus_get_default (), "closed", G_CALLBACK (on_bus_closed), self);
  export_app (self);
  if (!start_dashboard (self, error) || !start_modules (self, error))
    return FALSE;
  return TRUE;
}

static gboolean
on_signal (gpointer user_data)
{
  KerviApplication *self = user_data;

  g_message ("Stopping on signal");
  kervi_application_quit (self);
  return G_SOURCE_CONTINUE;
}

/* `<program>.conf`; for a script `myapp.py` or `myapp.js`, also
 * `myapp.conf`. */
static char *
default_config_file (KerviApplication *self)
{
  g_autofree char *program = program_file (self);
  g_autofree char *name = NULL;
  const char *basename;
  const char *dot;

  if (program == NULL)
    return NULL;
  name = g_strconcat (program, ".conf", NULL);
  if (g_file_test (name, G_FILE_TEST_IS_REGULAR))
    return g_steal_pointer (&name);
  g_clear_pointer (&name, g_free);

  basename = strrchr (program, G_DIR_SEPARATOR);
  basename = basename != NULL ? basename + 1 : program;
  dot = strrchr (basename, '.');
  if (dot == NULL || dot == basename)
    return NULL;
  name = g_strdup_printf ("%.*s.conf", (int)(dot - program), program);
  return g_file_test (name, G_FILE_TEST_IS_REGULAR) ? g_steal_pointer (&name) : NULL;
}

/**
 * kervi_application_run:
 * @self: a #KerviApplication
 * @argc: the number of arguments
 * @argv: (array length=argc) (nullable): the program's arguments
 *
 * Runs the application until SIGINT, SIGTERM, kervi_application_quit() or
 * `org.kervi.App.Quit`. Understands the options `--config FILE`,
 * `--module-dir DIR`, `--port N` and `--no-dashboard`.
 *
 * Returns: the exit status for the program: 0 after a normal stop, 1 if the
 *   application could not start (the reason is logged)
 */
int
kervi_application_run (KerviApplication *self, int argc, char **argv)
{
  g_autofree char *config_file = NULL;
  g_autofree char *dir = NULL;
  int port = -1;
  gboolean no_dashboard = FALSE;
  g_autoptr (GOptionContext) context = NULL;
  g_autoptr (GError) error = NULL;
  g_auto (GStrv) args = NULL;
  const GOptionEntry entries[] = {
    { "config", 'c', 0, G_OPTION_ARG_FILENAME, &config_file, "Configuration file", "FILE" },
    { "module-dir", 0, 0, G_OPTION_ARG_FILENAME, &dir, "Where the module folders are", "DIR" },
    { "port", 'p', 0, G_OPTION_ARG_INT, &port, "Port of the dashboard", "PORT" },
    { "no-dashboard", 0, 0, G_OPTION_ARG_NONE, &no_dashboard, "Run without the dashboard", NULL },
    { NULL }
  };
  guint sigint_id, sigterm_id;
  int status = 0;

  g_return_val_if_fail (KERVI_IS_APPLICATION (self), 1);
  g_return_val_if_fail (!self->started, 1);

  /* @argv need not be NULL-terminated: bindings pass @argc elements. */
  args = g_new0 (char *, MAX (argc, 0) + 1);
  for (int i = 0; argv != NULL && i < argc; i++)
    args[i] = g_strdup (argv[i]);
  context = g_option_context_new (NULL);
  g_option_context_set_summary (context, self->config.app_name);
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse_strv (context, &args, &error))
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }
  if (config_file == NULL)
    config_file = g_strdup (g_getenv ("KERVI_CONFIG"));
  if (config_file == NULL)
    config_file = default_config_file (self);
  if (config_file != NULL && !kervi_application_load_config (self, config_file, &error))
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }
  if (dir != NULL)
    {
      g_free (self->config.module_dir);
      self->config.module_dir = g_steal_pointer (&dir);
    }
  if (port >= 0)
    self->config.dashboard_port = port;
  if (no_dashboard)
    self->config.dashboard_enabled = FALSE;

  sigint_id = g_unix_signal_add (SIGINT, on_signal, self);
  sigterm_id = g_unix_signal_add (SIGTERM, on_signal, self);

  if (!start (self, &error))
    {
      if (!self->quitting)
        {
          g_printerr ("%s: %s\n", self->config.app_id, error->message);
          status = 1;
        }
    }
  else if (!self->quitting)
    {
      self->started = TRUE;
      g_message ("Application '%s' is running. Bus: %s", self->config.app_id, self->bus_address);
      _kervi_application_emit_ready (self);
      run_lifecycle_action (self, "app_main");
      if (!self->quitting)
        g_main_loop_run (self->loop);
    }

  stop (self);
  if (self->exit_status != 0)
    status = self->exit_status;
  g_source_remove (sigint_id);
  g_source_remove (sigterm_id);
  g_message ("Application '%s' stopped", self->config.app_id);
  return status;
}

/**
 * kervi_application_quit:
 * @self: a #KerviApplication
 *
 * Stops the application: kervi_application_run() runs `app_exit`, stops
 * every process and returns.
 */
void
kervi_application_quit (KerviApplication *self)
{
  g_return_if_fail (KERVI_IS_APPLICATION (self));

  self->quitting = TRUE;
  g_main_loop_quit (self->loop);
}
