/* bench-example.c: measures 5 and 7 on the fan-controller example
 *
 * The example as built (myapp, sensors/, controllers/, and the dashboard
 * when there is one) runs with its sensor polled at 1 Hz.
 * 7 idle: CPU time (utime + stime) of the whole process tree over
 *   --idle-seconds, and per one-second window for the spread.
 * 5 memory: RSS, Private_Dirty and PSS (smaps_rollup) of each process
 *   after start, and after --load-seconds of full load: this process sets
 *   fan_controller.temp through org.kervi.Value.Set as fast as the bus
 *   takes it (16 calls in flight), so every change runs the controller
 *   and goes out as Changed signals of temp and fan_speed.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <unistd.h>

#include "bench-clock.h"
#include "bench-proc.h"
#include "bench-session.h"

#define WINDOW 16

static char *
process_label (GArray *pids, guint i)
{
  return i == 0 ? g_strdup ("app") : bench_proc_label (g_array_index (pids, GPid, i));
}

/* A minimal GDBus process on the same bus, for comparison: what any
 * process that links GIO and talks D-Bus costs here. */
static GPid raw_pid;

static void
record_memory (Bench *bench, GArray *pids, const char *phase)
{
  guint64 raw_rss, raw_dirty, raw_pss;

  for (guint i = 0; i < pids->len; i++)
    {
      g_autofree char *label = process_label (pids, i);
      guint64 rss, dirty, pss;

      if (bench_proc_memory (g_array_index (pids, GPid, i), &rss, &dirty, &pss))
        bench_report_add_memory (bench->report, label, phase, rss, dirty, pss);
    }
  if (raw_pid > 0 && bench_proc_memory (raw_pid, &raw_rss, &raw_dirty, &raw_pss))
    bench_report_add_memory (bench->report, "baseline: raw GDBus process", phase, raw_rss,
                             raw_dirty, raw_pss);
  bench_report_add_memory_target (bench->report, phase, 6, 30);
}

static guint64
tree_ticks (GArray *pids)
{
  guint64 total = 0;

  for (guint i = 0; i < pids->len; i++)
    {
      guint64 ticks;
      if (bench_proc_cpu_ticks (g_array_index (pids, GPid, i), &ticks))
        total += ticks;
    }
  return total;
}

static guint64
tree_ns (GArray *pids)
{
  guint64 total = 0;

  for (guint i = 0; i < pids->len; i++)
    {
      guint64 ns;
      if (bench_proc_cpu_ns (g_array_index (pids, GPid, i), &ns))
        total += ns;
    }
  return total;
}

/* The whole window in utime + stime (clock ticks); the 1 s windows, too
 * short for ticks, in ns from schedstat. */
static void
measure_idle (Bench *bench, GArray *pids)
{
  double tick = 1.0 / sysconf (_SC_CLK_TCK);
  g_autoptr (GArray) windows = g_array_new (FALSE, FALSE, sizeof (double));
  guint64 first = tree_ticks (pids), last;
  guint64 last_ns = tree_ns (pids);
  double total;
  BenchRow *row;

  for (guint s = 0; s < bench->idle_seconds; s++)
    {
      gint64 start = bench_now_ns ();
      guint64 now_ns;
      double percent;

      bench_wait_seconds (1);
      now_ns = tree_ns (pids);
      percent = (now_ns - last_ns) * 100.0 / (bench_now_ns () - start);
      g_array_append_val (windows, percent);
      last_ns = now_ns;
    }
  last = tree_ticks (pids);
  total = (last - first) * tick * 100 / MAX (bench->idle_seconds, 1);
  row = bench_report_add_row (bench->report, "idle.tree", "7 idle: CPU of the tree, 1 s windows",
                              "%", windows, FALSE);
  bench_row_set_target (row, BENCH_TARGET_AT_MOST, 1);
  bench_row_set_note (row, "from schedstat (ns)");
  {
    g_autoptr (GArray) single = g_array_new (FALSE, FALSE, sizeof (double));
    g_array_append_val (single, total);
    row = bench_report_add_row (bench->report, "idle.tree_total",
                                "7 idle: CPU of the tree, whole window", "%", single, FALSE);
    bench_row_set_target (row, BENCH_TARGET_AT_MOST, 1);
    bench_row_set_note (row, "utime+stime over %u s: %" G_GUINT64_FORMAT " ticks of %.0f ms",
                        bench->idle_seconds, last - first, tick * 1000);
  }
}

typedef struct
{
  GDBusConnection *connection;
  gint64 deadline_ns;
  guint in_flight;
  guint64 sent;
  guint64 done;
  guint64 failed;
} Load;

static void send_one (Load *load);

static void
on_set (GObject *source, GAsyncResult *result, gpointer user_data)
{
  Load *load = user_data;
  g_autoptr (GVariant) reply
      = g_dbus_connection_call_finish (G_DBUS_CONNECTION (source), result, NULL);

  load->in_flight--;
  if (reply != NULL)
    load->done++;
  else
    load->failed++;
  if (bench_now_ns () < load->deadline_ns)
    send_one (load);
}

static void
send_one (Load *load)
{
  double temp = 20 + (double)(load->sent++ % 100);

  load->in_flight++;
  g_dbus_connection_call (load->connection, "org.kervi.Module.controllers",
                          "/org/kervi/component/fan_controller/temp", "org.kervi.Value", "Set",
                          g_variant_new ("(v)", g_variant_new_double (temp)), NULL,
                          G_DBUS_CALL_FLAGS_NO_AUTO_START, -1, NULL, on_set, load);
}

static gboolean
load_drained (gpointer data)
{
  return ((Load *)data)->in_flight == 0;
}

static void
measure_load (Bench *bench, BenchSession *session, GArray *pids)
{
  Load load = { bench_session_get_connection (session) };
  gint64 start = bench_now_ns ();
  g_autoptr (GArray) rate = g_array_new (FALSE, FALSE, sizeof (double));
  double per_second;
  BenchRow *row;

  load.deadline_ns = start + (gint64)bench->load_seconds * G_GINT64_CONSTANT (1000000000);
  for (guint i = 0; i < WINDOW; i++)
    send_one (&load);
  /* Sample memory at the end of the load, while it still runs. */
  bench_wait_seconds (bench->load_seconds);
  record_memory (bench, pids, "load");
  kervi_test_wait (load_drained, &load, 30);
  per_second = load.done / ((bench_now_ns () - start) / 1e9);
  g_array_append_val (rate, per_second);
  row = bench_report_add_row (bench->report, "example.load", "5 load on the example: Set calls",
                              "val/s", rate, TRUE);
  bench_row_set_note (
      row, "%u s; each Set runs the controller: 2 Changed signals; %" G_GUINT64_FORMAT " failed",
      bench->load_seconds, load.failed);
}

void
bench_measure_example (Bench *bench)
{
  g_autoptr (BenchSession) session = bench_session_new_example (bench);
  g_autoptr (GArray) pids = NULL;
  const char *peer_argv[] = { bench->raw_peer, "--name", "org.kervi.BenchRaw.Peer", NULL };
  g_autofree char *peer = NULL;

  g_printerr ("kervi-bench: 5 memory and 7 idle, on the fan-controller example\n");
  session->dashboard = TRUE;
  if (!bench_session_start (session))
    g_error ("kervi-bench: the example did not start");
  pids = bench_session_get_pids (session);
  peer = bench_session_spawn_raw (session, peer_argv);
  raw_pid = kervi_test_get_pid_of_name (bench_session_get_connection (session), peer);
  record_memory (bench, pids, "start");
  measure_idle (bench, pids);
  measure_load (bench, session, pids);
  raw_pid = 0;
}
