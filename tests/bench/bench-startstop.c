/* bench-startstop.c: measure 6, start and stop
 *
 * Start: from launching the application to its app_main (which prints the
 * monotonic time), with 1, 4 and 16 small modules. Stop: from SIGTERM to
 * the application until every process of its tree is gone (pidfds opened
 * before the signal). The baseline: dbus-daemon with the same
 * configuration and as many minimal GDBus processes, from launching the
 * daemon until every process owns its name; stop: SIGTERM to all of them
 * until all are gone.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <glib/gstdio.h>
#include <signal.h>

#include "bench-clock.h"
#include "bench-session.h"

static void
kervi_run (Bench *bench, guint modules, GArray *start_ms, GArray *stop_ms)
{
  g_autoptr (BenchSession) session = bench_session_new (bench);
  double start, stop;

  for (guint i = 0; i < modules; i++)
    {
      g_autofree char *id = g_strdup_printf ("m%u", i);
      bench_session_add_module (session, id, "idle", NULL);
    }
  if (!bench_session_start (session))
    g_error ("kervi-bench: the application did not start");
  start = (session->app_main_ns - session->launch_ns) / 1e6;
  stop = bench_session_stop (session);
  if (stop < 0)
    g_error ("kervi-bench: the application's processes did not stop");
  g_array_append_val (start_ms, start);
  g_array_append_val (stop_ms, stop);
}

static void
raw_run (Bench *bench, guint modules, GArray *start_ms, GArray *stop_ms)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("kervi-bench-raw-XXXXXX", &error);
  g_autofree char *socket = g_build_filename (dir, "bus", NULL);
  g_autofree char *address_arg = g_strconcat ("--address=unix:path=", socket, NULL);
  g_autofree char *config_arg = g_strconcat ("--config-file=", bench->bus_config, NULL);
  const char *daemon_argv[] = { bench->dbus_daemon, config_arg,   address_arg,         "--nofork",
                                "--nopidfile",      "--nosyslog", "--print-address=1", NULL };
  g_autoptr (GPtrArray) processes = g_ptr_array_new_with_free_func ((GDestroyNotify)bench_raw_free);
  g_autoptr (GArray) pids = g_array_new (FALSE, FALSE, sizeof (GPid));
  BenchRawProcess *daemon;
  const char *address;
  gint64 launch, ready, stop;
  double ms;

  g_assert_no_error (error);
  launch = bench_now_ns ();
  daemon = bench_raw_spawn_async (daemon_argv, NULL, TRUE);
  address = bench_raw_wait_ready (daemon, 30);
  if (address == NULL)
    g_error ("kervi-bench: dbus-daemon did not start");
  for (guint i = 0; i < modules; i++)
    {
      g_autofree char *name = g_strdup_printf ("org.kervi.Module.m%u", i);
      const char *argv[] = { bench->raw_peer, "--name", name, NULL };

      g_ptr_array_add (processes, bench_raw_spawn_async (argv, address, FALSE));
    }
  for (guint i = 0; i < processes->len; i++)
    if (bench_raw_wait_ready (processes->pdata[i], 30) == NULL)
      g_error ("kervi-bench: a raw process did not get ready");
  ready = bench_now_ns ();
  ms = (ready - launch) / 1e6;
  g_array_append_val (start_ms, ms);

  g_ptr_array_add (processes, daemon);
  for (guint i = 0; i < processes->len; i++)
    {
      GPid pid = bench_raw_get_pid (processes->pdata[i]);
      g_array_append_val (pids, pid);
    }
  /* Our children: one already reaped when its pidfd is opened is gone. */
  stop = bench_now_ns ();
  for (guint i = 0; i < pids->len; i++)
    kill (g_array_index (pids, GPid, i), SIGTERM);
  if (!bench_wait_pids_gone (pids, 30))
    g_error ("kervi-bench: raw processes did not stop");
  ms = (bench_now_ns () - stop) / 1e6;
  g_array_append_val (stop_ms, ms);
  g_ptr_array_set_size (processes, 0);
  g_unlink (socket);
  g_rmdir (dir);
}

void
bench_measure_start_stop (Bench *bench)
{
  const guint counts[] = { 1, 4, 16 };

  g_printerr ("kervi-bench: 6 start and stop\n");
  for (guint c = 0; c < G_N_ELEMENTS (counts); c++)
    {
      g_autoptr (GArray) start = g_array_new (FALSE, FALSE, sizeof (double));
      g_autoptr (GArray) stop = g_array_new (FALSE, FALSE, sizeof (double));
      g_autoptr (GArray) raw_start = g_array_new (FALSE, FALSE, sizeof (double));
      g_autoptr (GArray) raw_stop = g_array_new (FALSE, FALSE, sizeof (double));
      g_autofree char *start_id = g_strdup_printf ("start.%umod", counts[c]);
      g_autofree char *stop_id = g_strdup_printf ("stop.%umod", counts[c]);
      g_autofree char *start_label = g_strdup_printf ("6 start: launch->app_main, %u module%s",
                                                      counts[c], counts[c] > 1 ? "s" : "");
      g_autofree char *stop_label = g_strdup_printf ("6 stop: SIGTERM->all gone, %u module%s",
                                                     counts[c], counts[c] > 1 ? "s" : "");
      BenchRow *row;

      for (guint r = 0; r < bench->runs; r++)
        {
          kervi_run (bench, counts[c], start, stop);
          raw_run (bench, counts[c], raw_start, raw_stop);
        }
      row = bench_report_add_row (bench->report, start_id, start_label, "ms", start, FALSE);
      bench_row_set_baseline (row, raw_start);
      if (counts[c] == 4)
        bench_row_set_target (row, BENCH_TARGET_AT_MOST, 300);
      if (c == 0)
        bench_row_set_note (row, "raw: dbus-daemon + N GDBus processes until all own a name");
      row = bench_report_add_row (bench->report, stop_id, stop_label, "ms", stop, FALSE);
      bench_row_set_baseline (row, raw_stop);
    }
}
