/* bench-session.c: one application under test, and raw processes beside it
 *
 * The application runs as in the integration tests (kervi-test-util): a
 * real subprocess with its own XDG_RUNTIME_DIR, its own dbus-daemon and
 * real module processes. Its modules are folders made here, each holding
 * a link to a built benchmark module and its bench.ini. Raw GDBus
 * processes join the same bus for the baselines. Waiting is on events
 * (output lines, pidfds) with timeouts.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <errno.h>
#include <glib-unix.h>
#include <glib/gstdio.h>
#include <signal.h>
#include <sys/socket.h>
#include <netinet/in.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "bench-clock.h"
#include "bench-proc.h"
#include "bench-session.h"

#define START_TIMEOUT_S 60
#define STOP_TIMEOUT_S 30

/* Waiting for processes to exit */

typedef struct _PidWatch PidWatch;

typedef struct
{
  PidWatch *watch;
  int fd;
  guint source_id;
} PidEntry;

struct _PidWatch
{
  guint left;
  guint n_entries;
  PidEntry *entries;
};

static gboolean
on_pidfd (int fd, GIOCondition condition, gpointer user_data)
{
  PidEntry *entry = user_data;

  entry->watch->left--;
  entry->source_id = 0;
  close (entry->fd);
  entry->fd = -1;
  return G_SOURCE_REMOVE;
}

static gboolean
all_gone (gpointer data)
{
  return ((PidWatch *)data)->left == 0;
}

/* Opens a pidfd for each process first, so none can exit unseen. */
static PidWatch *
pid_watch_new (GArray *pids)
{
  PidWatch *watch = g_new0 (PidWatch, 1);

  watch->entries = g_new0 (PidEntry, pids->len);
  for (guint i = 0; i < pids->len; i++)
    {
      int fd = (int)syscall (SYS_pidfd_open, g_array_index (pids, GPid, i), 0);
      PidEntry *entry = &watch->entries[watch->n_entries];

      if (fd < 0)
        continue; /* gone already */
      entry->watch = watch;
      entry->fd = fd;
      entry->source_id = g_unix_fd_add (fd, G_IO_IN, on_pidfd, entry);
      watch->n_entries++;
      watch->left++;
    }
  return watch;
}

static gboolean
pid_watch_wait (PidWatch *watch, double timeout_s)
{
  return kervi_test_wait (all_gone, watch, timeout_s);
}

static void
pid_watch_free (PidWatch *watch)
{
  for (guint i = 0; i < watch->n_entries; i++)
    if (watch->entries[i].source_id != 0)
      {
        g_source_remove (watch->entries[i].source_id);
        close (watch->entries[i].fd);
      }
  g_free (watch->entries);
  g_free (watch);
}

gboolean
bench_wait_pids_gone (GArray *pids, double timeout_s)
{
  PidWatch *watch = pid_watch_new (pids);
  gboolean gone = pid_watch_wait (watch, timeout_s);

  pid_watch_free (watch);
  return gone;
}

/* Raw processes: a GSubprocess whose first output line says it is ready */

struct _BenchRawProcess
{
  GSubprocess *process;
  GDataInputStream *stdout_stream;
  char *first_line;
  gboolean done_reading;
};

static void
on_first_line (GObject *source, GAsyncResult *result, gpointer user_data)
{
  BenchRawProcess *raw = user_data;

  raw->first_line
      = g_data_input_stream_read_line_finish (G_DATA_INPUT_STREAM (source), result, NULL, NULL);
  raw->done_reading = TRUE;
}

static gboolean
raw_read (gpointer data)
{
  return ((BenchRawProcess *)data)->done_reading;
}

/* Starts @argv with KERVI_BUS_ADDRESS=@bus_address; see
 * bench_raw_wait_ready(). @quiet: drop its stderr (dbus-daemon's warning
 * that it may not raise its fd limit, once per start) */
BenchRawProcess *
bench_raw_spawn_async (const char *const *argv, const char *bus_address, gboolean quiet)
{
  g_autoptr (GSubprocessLauncher) launcher = g_subprocess_launcher_new (
      G_SUBPROCESS_FLAGS_STDOUT_PIPE | (quiet ? G_SUBPROCESS_FLAGS_STDERR_SILENCE : 0));
  g_autoptr (GError) error = NULL;
  BenchRawProcess *raw = g_new0 (BenchRawProcess, 1);

  if (bus_address != NULL)
    g_subprocess_launcher_setenv (launcher, "KERVI_BUS_ADDRESS", bus_address, TRUE);
  raw->process = g_subprocess_launcher_spawnv (launcher, argv, &error);
  if (raw->process == NULL)
    g_error ("kervi-bench: cannot start %s: %s", argv[0], error->message);
  raw->stdout_stream = g_data_input_stream_new (g_subprocess_get_stdout_pipe (raw->process));
  g_data_input_stream_read_line_async (raw->stdout_stream, G_PRIORITY_DEFAULT, NULL, on_first_line,
                                       raw);
  return raw;
}

/* Returns: (transfer none) (nullable): the first line the process printed
 * (it is ready then), or %NULL if it did not within @timeout_s */
const char *
bench_raw_wait_ready (BenchRawProcess *raw, double timeout_s)
{
  kervi_test_wait (raw_read, raw, timeout_s);
  return raw->first_line;
}

GPid
bench_raw_get_pid (BenchRawProcess *raw)
{
  const char *id = g_subprocess_get_identifier (raw->process);

  return id != NULL ? (GPid)g_ascii_strtoll (id, NULL, 10) : 0;
}

void
bench_raw_free (BenchRawProcess *raw)
{
  GPid pid = bench_raw_get_pid (raw);

  if (pid > 0)
    {
      g_autoptr (GArray) pids = g_array_new (FALSE, FALSE, sizeof (GPid));

      g_array_append_val (pids, pid);
      g_subprocess_send_signal (raw->process, SIGTERM);
      if (!bench_wait_pids_gone (pids, 5))
        g_subprocess_force_exit (raw->process);
    }
  /* Let a pending read finish before the stream goes. */
  kervi_test_wait (raw_read, raw, 5);
  g_subprocess_wait (raw->process, NULL, NULL);
  g_clear_object (&raw->stdout_stream);
  g_clear_object (&raw->process);
  g_free (raw->first_line);
  g_free (raw);
}

/* Sessions */

BenchSession *
bench_session_new (Bench *bench)
{
  BenchSession *session = g_new0 (BenchSession, 1);
  g_autoptr (GError) error = NULL;

  session->bench = bench;
  session->program = g_strdup (bench->app);
  session->module_root = g_dir_make_tmp ("kervi-bench-modules-XXXXXX", &error);
  g_assert_no_error (error);
  session->own_module_root = TRUE;
  session->modules = g_string_new (NULL);
  session->raw = g_ptr_array_new_with_free_func ((GDestroyNotify)bench_raw_free);
  return session;
}

/* The fan-controller example as built: myapp, sensors/, controllers/. */
BenchSession *
bench_session_new_example (Bench *bench)
{
  BenchSession *session = g_new0 (BenchSession, 1);

  session->bench = bench;
  session->program = g_strdup (bench->example_app);
  session->module_root = g_strdup (bench->example_modules);
  session->modules = g_string_new ("sensors;controllers");
  session->raw = g_ptr_array_new_with_free_func ((GDestroyNotify)bench_raw_free);
  return session;
}

/* A folder @id holding @id.so, a link to the built module @kind, and
 * bench.ini with @ini if not %NULL. */
void
bench_session_add_module (BenchSession *session, const char *id, const char *kind, const char *ini)
{
  g_autofree char *dir = g_build_filename (session->module_root, id, NULL);
  g_autofree char *library_name = g_strconcat (id, ".so", NULL);
  g_autofree char *library = g_build_filename (dir, library_name, NULL);
  g_autofree char *kind_name = g_strconcat (kind, ".so", NULL);
  g_autofree char *built = g_build_filename (session->bench->modules, kind, kind_name, NULL);
  g_autoptr (GError) error = NULL;

  g_assert (session->own_module_root);
  g_assert_cmpint (g_mkdir (dir, 0700), ==, 0);
  g_assert_cmpint (symlink (built, library), ==, 0);
  if (ini != NULL)
    {
      g_autofree char *ini_path = g_build_filename (dir, "bench.ini", NULL);
      g_file_set_contents (ini_path, ini, -1, &error);
      g_assert_no_error (error);
    }
  if (session->modules->len > 0)
    g_string_append_c (session->modules, ';');
  g_string_append (session->modules, id);
}

/* A port free on 127.0.0.1 now, for the dashboard. */
static int
free_port (void)
{
  struct sockaddr_in address
      = { .sin_family = AF_INET, .sin_addr.s_addr = htonl (INADDR_LOOPBACK) };
  socklen_t length = sizeof address;
  int fd = socket (AF_INET, SOCK_STREAM, 0);
  int port = 0;

  if (fd < 0)
    return 0;
  if (bind (fd, (struct sockaddr *)&address, sizeof address) == 0
      && getsockname (fd, (struct sockaddr *)&address, &length) == 0)
    port = ntohs (address.sin_port);
  close (fd);
  return port;
}

static gboolean
parse_app_main (BenchSession *session)
{
  const char *line = strstr (session->app->output->str, "bench-app: app_main ");

  if (line == NULL)
    return FALSE;
  session->app_main_ns = g_ascii_strtoll (line + strlen ("bench-app: app_main "), NULL, 10);
  return TRUE;
}

gboolean
bench_session_start (BenchSession *session)
{
  gboolean with_dashboard = session->dashboard && session->bench->dashboard != NULL;
  g_autofree char *config = NULL;

  if (with_dashboard)
    session->dashboard_port = free_port ();
  config = g_strdup_printf ("[application]\nmodules=%s\nmodule-dir=%s\nstart-timeout=%d\n"
                            "[dashboard]\nenabled=%s\naddress=127.0.0.1\nport=%d\n",
                            session->modules->str, session->module_root, START_TIMEOUT_S,
                            with_dashboard ? "true" : "false", session->dashboard_port);

  session->launch_ns = bench_now_ns ();
  session->app = kervi_test_app_new (session->program, config);
  if (!kervi_test_app_start (session->app, START_TIMEOUT_S))
    {
      g_printerr ("kervi-bench: %s did not start:\n%s\n", session->program,
                  session->app->output->str);
      return FALSE;
    }
  /* app_main runs right after "is running"; the bench app prints its time. */
  if (g_strcmp0 (session->program, session->bench->app) == 0
      && (!kervi_test_app_wait_output (session->app, "bench-app: app_main ", 10)
          || !parse_app_main (session)))
    {
      g_printerr ("kervi-bench: no app_main:\n%s\n", session->app->output->str);
      return FALSE;
    }
  return TRUE;
}

GDBusConnection *
bench_session_get_connection (BenchSession *session)
{
  return session->app->connection;
}

/* Returns: (element-type GPid): the application and its children (bus,
 * dashboard, modules), the application first */
GArray *
bench_session_get_pids (BenchSession *session)
{
  GPid app = kervi_test_app_get_pid (session->app);
  GArray *children = bench_proc_children (app);

  g_array_prepend_val (children, app);
  return children;
}

GPid
bench_session_get_bus_pid (BenchSession *session)
{
  g_autoptr (GArray) pids = bench_session_get_pids (session);

  for (guint i = 1; i < pids->len; i++)
    {
      g_autofree char *label = bench_proc_label (g_array_index (pids, GPid, i));
      if (g_str_equal (label, "bus"))
        return g_array_index (pids, GPid, i);
    }
  return 0;
}

/* Starts a raw GDBus process on the application's bus.
 * Returns: (transfer full): its unique name (from "ready <name>") */
char *
bench_session_spawn_raw (BenchSession *session, const char *const *argv)
{
  BenchRawProcess *raw = bench_raw_spawn_async (argv, session->app->bus_address, FALSE);
  const char *ready = bench_raw_wait_ready (raw, START_TIMEOUT_S);

  if (ready == NULL || !g_str_has_prefix (ready, "ready "))
    g_error ("kervi-bench: %s did not start", argv[0]);
  g_ptr_array_add (session->raw, raw);
  return g_strdup (ready + strlen ("ready "));
}

/* SIGTERM to the application. Returns: the ms until every process of its
 * tree was gone, or -1 */
double
bench_session_stop (BenchSession *session)
{
  g_autoptr (GArray) pids = NULL;
  PidWatch *watch;
  gint64 start;
  gboolean gone;

  g_ptr_array_set_size (session->raw, 0);
  pids = bench_session_get_pids (session);
  watch = pid_watch_new (pids);
  start = bench_now_ns ();
  g_subprocess_send_signal (session->app->process, SIGTERM);
  gone = pid_watch_wait (watch, STOP_TIMEOUT_S);
  pid_watch_free (watch);
  return gone ? (bench_now_ns () - start) / 1e6 : -1;
}

static void
remove_tree (const char *path)
{
  g_autoptr (GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR) && !g_file_test (child, G_FILE_TEST_IS_SYMLINK))
        remove_tree (child);
      else
        g_unlink (child);
    }
  g_rmdir (path);
}

void
bench_session_free (BenchSession *session)
{
  g_ptr_array_unref (session->raw);
  g_clear_pointer (&session->app, kervi_test_app_free);
  if (session->own_module_root)
    remove_tree (session->module_root);
  g_free (session->module_root);
  g_free (session->program);
  g_string_free (session->modules, TRUE);
  g_free (session);
}
