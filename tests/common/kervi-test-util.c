/* kervi-test-util.c: starting a real Kervi application from a test
 *
 * The application runs as a real subprocess with its own XDG_RUNTIME_DIR,
 * so it starts its own dbus-daemon and module processes. Waiting is done
 * on events (output lines, exits, pidfds) with a timeout, never on sleeps.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <errno.h>
#include <glib-unix.h>
#include <glib/gstdio.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "kervi-test-util.h"

static gboolean
on_timeout (gpointer user_data)
{
  *(gboolean *)user_data = TRUE;
  return G_SOURCE_REMOVE;
}

gboolean
kervi_test_wait (KerviTestCondition condition, gpointer data, double timeout_s)
{
  gboolean timed_out = FALSE;
  guint id = g_timeout_add ((guint)(timeout_s * 1000), on_timeout, &timed_out);

  while (!condition (data) && !timed_out)
    g_main_context_iteration (NULL, TRUE);
  if (!timed_out)
    g_source_remove (id);
  return condition (data);
}

static gboolean
on_pidfd (int fd, GIOCondition condition, gpointer user_data)
{
  *(gboolean *)user_data = TRUE;
  return G_SOURCE_REMOVE;
}

static gboolean
is_true (gpointer data)
{
  return *(gboolean *)data;
}

/* A new temporary folder named after @prefix. */
char *
kervi_test_make_temp_dir (const char *prefix)
{
  g_autofree char *template = g_strconcat (prefix, "-XXXXXX", NULL);
  g_autoptr (GError) error = NULL;
  char *dir = g_dir_make_tmp (template, &error);

  g_assert_no_error (error);
  return dir;
}

/* Writes @dir/@path, making the folders on the way. */
void
kervi_test_write_file (const char *dir, const char *path, const char *contents)
{
  g_autofree char *full = g_build_filename (dir, path, NULL);
  g_autofree char *parent = g_path_get_dirname (full);
  g_autoptr (GError) error = NULL;

  g_assert_no_errno (g_mkdir_with_parents (parent, 0755));
  g_file_set_contents (full, contents, -1, &error);
  g_assert_no_error (error);
}

char *
kervi_test_read_file (const char *dir, const char *path)
{
  g_autofree char *full = g_build_filename (dir, path, NULL);
  g_autoptr (GError) error = NULL;
  char *contents = NULL;

  g_file_get_contents (full, &contents, NULL, &error);
  g_assert_no_error (error);
  return contents;
}

void
kervi_test_remove_tree (const char *path)
{
  g_autoptr (GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  if (dir != NULL)
    while ((name = g_dir_read_name (dir)) != NULL)
      {
        g_autofree char *child = g_build_filename (path, name, NULL);
        kervi_test_remove_tree (child);
      }
  g_assert_no_errno (g_remove (path));
}

/* Waits for any process (not only our children) to exit, through a pidfd. */
gboolean
kervi_test_wait_pid_gone (GPid pid, double timeout_s)
{
  gboolean gone = FALSE;
  int fd = (int)syscall (SYS_pidfd_open, pid, 0);
  guint id;

  if (fd < 0)
    return errno == ESRCH;
  id = g_unix_fd_add (fd, G_IO_IN, on_pidfd, &gone);
  kervi_test_wait (is_true, &gone, timeout_s);
  if (!gone)
    g_source_remove (id);
  close (fd);
  return gone;
}

/* Match rules are added without a reply: a round trip to the daemon makes
 * sure the subscriptions made so far are in force before the test does
 * something the bus does not see (a signal, a kill). */
void
kervi_test_sync_subscriptions (GDBusConnection *connection)
{
  g_autoptr (GVariant) reply = NULL;
  g_autoptr (GError) error = NULL;

  reply = g_dbus_connection_call_sync (connection, "org.freedesktop.DBus", "/org/freedesktop/DBus",
                                       "org.freedesktop.DBus", "GetId", NULL, NULL,
                                       G_DBUS_CALL_FLAGS_NONE, 5000, NULL, &error);
  g_assert_no_error (error);
}

GPid
kervi_test_get_pid_of_name (GDBusConnection *connection, const char *name)
{
  g_autoptr (GVariant) reply = NULL;
  guint32 pid = 0;

  reply = g_dbus_connection_call_sync (connection, "org.freedesktop.DBus", "/org/freedesktop/DBus",
                                       "org.freedesktop.DBus", "GetConnectionUnixProcessID",
                                       g_variant_new ("(s)", name), G_VARIANT_TYPE ("(u)"),
                                       G_DBUS_CALL_FLAGS_NONE, 5000, NULL, NULL);
  if (reply != NULL)
    g_variant_get (reply, "(u)", &pid);
  return (GPid)pid;
}

static void read_line (KerviTestApp *app, GDataInputStream *stream);

static void
on_line (GObject *source, GAsyncResult *result, gpointer user_data)
{
  KerviTestApp *app = user_data;
  GDataInputStream *stream = G_DATA_INPUT_STREAM (source);
  g_autofree char *line = g_data_input_stream_read_line_finish (stream, result, NULL, NULL);
  const char *marker;

  if (line == NULL)
    {
      g_object_unref (stream);
      app->output_closed = TRUE;
      return;
    }
  if (g_test_verbose ())
    g_printerr ("# app: %s\n", line);
  g_string_append_printf (app->output, "%s\n", line);
  marker = strstr (line, "is running. Bus: ");
  if (marker != NULL && app->bus_address == NULL)
    {
      app->bus_address = g_strdup (marker + strlen ("is running. Bus: "));
      app->running = TRUE;
    }
  read_line (app, stream);
}

static void
read_line (KerviTestApp *app, GDataInputStream *stream)
{
  g_data_input_stream_read_line_async (stream, G_PRIORITY_DEFAULT, NULL, on_line, app);
}

static void
on_app_exit (GObject *source, GAsyncResult *result, gpointer user_data)
{
  KerviTestApp *app = user_data;

  g_subprocess_wait_finish (G_SUBPROCESS (source), result, NULL);
  app->exited = TRUE;
}

/* A test that fails half-way must not leave its application running. */
static void
child_setup (gpointer user_data)
{
  prctl (PR_SET_PDEATHSIG, SIGTERM);
}

/* @program: the application to run; @config: the content of its
 * configuration file */
KerviTestApp *
kervi_test_app_new (const char *program, const char *config)
{
  KerviTestApp *app = g_new0 (KerviTestApp, 1);
  g_autoptr (GSubprocessLauncher) launcher = NULL;
  g_autoptr (GError) error = NULL;

  app->root = g_dir_make_tmp ("kervi-test-XXXXXX", &error);
  g_assert_no_error (error);
  app->config_path = g_build_filename (app->root, "app.conf", NULL);
  g_file_set_contents (app->config_path, config, -1, &error);
  g_assert_no_error (error);
  app->output = g_string_new (NULL);

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE
                                        | G_SUBPROCESS_FLAGS_STDERR_MERGE);
  g_subprocess_launcher_setenv (launcher, "XDG_RUNTIME_DIR", app->root, TRUE);
  /* Criticals in the app must be visible, not fatal to it. */
  g_subprocess_launcher_unsetenv (launcher, "G_DEBUG");
  g_subprocess_launcher_set_child_setup (launcher, child_setup, NULL, NULL);
  app->process
      = g_subprocess_launcher_spawn (launcher, &error, program, "-c", app->config_path, NULL);
  g_assert_no_error (error);
  read_line (app, g_data_input_stream_new (g_subprocess_get_stdout_pipe (app->process)));
  g_subprocess_wait_async (app->process, NULL, on_app_exit, app);
  return app;
}

static gboolean
started_or_exited (gpointer data)
{
  KerviTestApp *app = data;
  return app->running || app->exited;
}

/* Returns: %TRUE once the app said it runs; then app->connection is set. */
gboolean
kervi_test_app_start (KerviTestApp *app, double timeout_s)
{
  g_autoptr (GError) error = NULL;

  if (!kervi_test_wait (started_or_exited, app, timeout_s) || !app->running)
    return FALSE;
  app->connection = g_dbus_connection_new_for_address_sync (
      app->bus_address,
      G_DBUS_CONNECTION_FLAGS_AUTHENTICATION_CLIENT
          | G_DBUS_CONNECTION_FLAGS_MESSAGE_BUS_CONNECTION,
      NULL, NULL, &error);
  g_assert_no_error (error);
  g_dbus_connection_set_exit_on_close (app->connection, FALSE);
  return TRUE;
}

static gboolean
has_exited (gpointer data)
{
  return ((KerviTestApp *)data)->exited;
}

/* Returns: the exit status, or -1 if the app is still running */
int
kervi_test_app_wait_exit (KerviTestApp *app, double timeout_s)
{
  if (!kervi_test_wait (has_exited, app, timeout_s))
    return -1;
  if (g_subprocess_get_if_exited (app->process))
    return g_subprocess_get_exit_status (app->process);
  return 128 + g_subprocess_get_term_sig (app->process);
}

typedef struct
{
  KerviTestApp *app;
  const char *text;
} OutputWait;

static gboolean
output_has (gpointer data)
{
  OutputWait *wait = data;
  return strstr (wait->app->output->str, wait->text) != NULL;
}

gboolean
kervi_test_app_wait_output (KerviTestApp *app, const char *text, double timeout_s)
{
  OutputWait wait = { app, text };

  return kervi_test_wait (output_has, &wait, timeout_s);
}

GPid
kervi_test_app_get_pid (KerviTestApp *app)
{
  const char *id = g_subprocess_get_identifier (app->process);

  return id != NULL ? (GPid)g_ascii_strtoll (id, NULL, 10) : 0;
}

static gboolean
output_closed (gpointer data)
{
  return ((KerviTestApp *)data)->output_closed;
}

void
kervi_test_app_free (KerviTestApp *app)
{
  if (!app->exited)
    {
      g_subprocess_send_signal (app->process, SIGTERM);
      if (kervi_test_app_wait_exit (app, 15) < 0)
        {
          g_subprocess_force_exit (app->process);
          kervi_test_app_wait_exit (app, 5);
        }
    }
  /* The output reader holds @app until the end of the output. */
  if (!kervi_test_wait (output_closed, app, 5))
    return;
  g_clear_object (&app->connection);
  g_clear_object (&app->process);
  g_unlink (app->config_path);
  g_rmdir (app->root);
  g_free (app->config_path);
  g_free (app->root);
  g_free (app->bus_address);
  g_string_free (app->output, TRUE);
  g_free (app);
}
