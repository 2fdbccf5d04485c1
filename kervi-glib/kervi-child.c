/* kervi-child.c: a child process of the application
 *
 * Runs a program with its stdout and stderr forwarded, line by line, to the
 * application's stderr with the child's label (the module name) as prefix,
 * or to the journal with the structured field KERVI_PROCESS. The child gets SIGTERM when the
 * application dies, even by SIGKILL (PR_SET_PDEATHSIG), so nothing is left
 * behind. Signals:
 *   line (s stream, s text)  a line of output, before it is logged
 *   exited                   the process is gone; see describe_exit()
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "config.h"

#include <signal.h>
#include <stdio.h>
#include <sys/prctl.h>
#include <unistd.h>

#include "kervi-child.h"

struct _KerviChild
{
  GObject parent_instance;

  char *label;
  GSubprocess *process;
  gboolean running;
  GCancellable *cancellable;
  guint open_streams;
};

G_DEFINE_FINAL_TYPE (KerviChild, kervi_child, G_TYPE_OBJECT)

enum
{
  SIGNAL_LINE,
  SIGNAL_EXITED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
kervi_child_dispose (GObject *object)
{
  KerviChild *self = KERVI_CHILD (object);

  g_cancellable_cancel (self->cancellable);
  if (self->running && self->process != NULL)
    g_subprocess_force_exit (self->process);
  g_clear_object (&self->process);

  G_OBJECT_CLASS (kervi_child_parent_class)->dispose (object);
}

static void
kervi_child_finalize (GObject *object)
{
  KerviChild *self = KERVI_CHILD (object);

  g_free (self->label);
  g_object_unref (self->cancellable);

  G_OBJECT_CLASS (kervi_child_parent_class)->finalize (object);
}

static void
kervi_child_class_init (KerviChildClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = kervi_child_dispose;
  object_class->finalize = kervi_child_finalize;

  signals[SIGNAL_LINE]
      = g_signal_new ("line", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                      G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_STRING);
  signals[SIGNAL_EXITED] = g_signal_new ("exited", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                         NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
kervi_child_init (KerviChild *self)
{
  self->cancellable = g_cancellable_new ();
}

/* Runs in the child between fork and exec. */
static void
child_setup (gpointer user_data)
{
  pid_t parent = GPOINTER_TO_INT (user_data);

  /* A group of its own: Ctrl-C in a terminal reaches the application only,
   * which then stops its children in order (app_exit first). */
  setpgid (0, 0);
  prctl (PR_SET_PDEATHSIG, SIGTERM);
  /* The parent may have died before prctl(): then nobody will tell us. */
  if (getppid () != parent)
    _exit (1);
}

typedef struct
{
  KerviChild *self;
  GDataInputStream *stream;
  const char *name;
} StreamReader;

static void read_next_line (StreamReader *reader);

/* To the journal with the process as a structured field; to a terminal as
 * "label | text", which reads better than GLib's own prefix twice. */
static void
forward_line (KerviChild *self, const char *stream, const char *line)
{
  static int to_journal = -1;

  if (to_journal < 0)
    to_journal = g_log_writer_is_journald (fileno (stderr));
  if (to_journal)
    g_log_structured (G_LOG_DOMAIN, G_LOG_LEVEL_MESSAGE, "KERVI_PROCESS", self->label,
                      "KERVI_STREAM", stream, "MESSAGE", "%s", line);
  else
    fprintf (stderr, "%-11s| %s\n", self->label, line);
}

static void
on_line (GObject *source, GAsyncResult *result, gpointer user_data)
{
  StreamReader *reader = user_data;
  KerviChild *self = reader->self;
  g_autofree char *line = NULL;
  g_autoptr (GError) error = NULL;

  line = g_data_input_stream_read_line_finish_utf8 (reader->stream, result, NULL, &error);
  if (line == NULL && error != NULL && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED)
      && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA))
    g_debug ("%s: cannot read its %s: %s", self->label, reader->name, error->message);

  if (line == NULL && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA))
    {
      /* End of the stream: the child closed it or exited. */
      g_object_unref (reader->stream);
      g_object_unref (reader->self);
      g_free (reader);
      return;
    }

  if (line != NULL)
    {
      g_signal_emit (self, signals[SIGNAL_LINE], 0, reader->name, line);
      forward_line (self, reader->name, line);
    }
  read_next_line (reader);
}

static void
read_next_line (StreamReader *reader)
{
  g_data_input_stream_read_line_async (reader->stream, G_PRIORITY_DEFAULT,
                                       reader->self->cancellable, on_line, reader);
}

static void
watch_stream (KerviChild *self, GInputStream *stream, const char *name)
{
  StreamReader *reader = g_new0 (StreamReader, 1);

  reader->self = g_object_ref (self);
  reader->stream = g_data_input_stream_new (stream);
  reader->name = name;
  read_next_line (reader);
}

static void
on_wait (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (KerviChild) self = user_data;

  g_subprocess_wait_finish (G_SUBPROCESS (source), result, NULL);
  self->running = FALSE;
  g_signal_emit (self, signals[SIGNAL_EXITED], 0);
}

/* @env: (nullable): NAME=VALUE pairs added to this process's environment */
KerviChild *
kervi_child_spawn (const char *label, const char *const *argv, const char *const *env,
                   GError **error)
{
  g_autoptr (KerviChild) self = g_object_new (KERVI_TYPE_CHILD, NULL);
  g_autoptr (GSubprocessLauncher) launcher = NULL;

  launcher
      = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE);
  for (guint i = 0; env != NULL && env[i] != NULL; i++)
    {
      g_auto (GStrv) pair = g_strsplit (env[i], "=", 2);
      g_subprocess_launcher_setenv (launcher, pair[0], pair[1] != NULL ? pair[1] : "", TRUE);
    }
  g_subprocess_launcher_set_child_setup (launcher, child_setup, GINT_TO_POINTER (getpid ()), NULL);

  self->label = g_strdup (label);
  self->process = g_subprocess_launcher_spawnv (launcher, argv, error);
  if (self->process == NULL)
    return NULL;
  self->running = TRUE;

  watch_stream (self, g_subprocess_get_stdout_pipe (self->process), "stdout");
  watch_stream (self, g_subprocess_get_stderr_pipe (self->process), "stderr");
  g_subprocess_wait_async (self->process, NULL, on_wait, g_object_ref (self));
  return g_steal_pointer (&self);
}

const char *
kervi_child_get_label (KerviChild *self)
{
  return self->label;
}

gboolean
kervi_child_get_running (KerviChild *self)
{
  return self->running;
}

/* Returns: (transfer full): "exited with status 1", "was killed by signal 9" */
char *
kervi_child_describe_exit (KerviChild *self)
{
  if (self->running)
    return g_strdup ("is running");
  if (g_subprocess_get_if_exited (self->process))
    return g_strdup_printf ("exited with status %d", g_subprocess_get_exit_status (self->process));
  if (g_subprocess_get_if_signaled (self->process))
    return g_strdup_printf ("was killed by signal %d (%s)",
                            g_subprocess_get_term_sig (self->process),
                            g_strsignal (g_subprocess_get_term_sig (self->process)));
  return g_strdup ("ended");
}

void
kervi_child_terminate (KerviChild *self)
{
  if (self->running)
    g_subprocess_send_signal (self->process, SIGTERM);
}

void
kervi_child_kill (KerviChild *self)
{
  if (self->running)
    g_subprocess_force_exit (self->process);
}
