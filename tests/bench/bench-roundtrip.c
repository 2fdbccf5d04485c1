/* bench-roundtrip.c: measure 1, action round trip
 *
 * The application process calls target.ping (t) -> t in a module process
 * by id, with kervi_action_call_sync() and with kervi_action_call(), and a
 * plain GDBus client (this process) calls the same action through
 * org.kervi.Actions. The baseline is a minimal GDBus process exporting
 * Ping (t) -> t, called by this process, synchronously and
 * asynchronously, on the same bus. Variants run in interleaved blocks so
 * that noise falls on all of them alike.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <unistd.h>

#include "bench-clock.h"
#include "bench-cpu.h"
#include "bench-session.h"

/* Small blocks, interleaved: a burst of noise on the machine falls on
 * every variant alike. */
#define BLOCK_SAMPLES 50
#define RAW_NAME "org.kervi.BenchRaw.Peer"

/* The application's caller.roundtrip action does the calls in the
 * application process. */
static void
app_roundtrip (GDBusConnection *connection, gboolean async, guint n, guint warmup, GArray *out)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GVariant) reply = g_dbus_connection_call_sync (
      connection, "org.kervi.App", "/org/kervi/component/caller", "org.kervi.Actions", "roundtrip",
      g_variant_new ("(sbuu)", "target.ping", async, n, warmup), G_VARIANT_TYPE ("(at)"),
      G_DBUS_CALL_FLAGS_NONE, G_MAXINT, NULL, &error);
  g_autoptr (GVariant) samples = NULL;
  const guint64 *values;
  gsize n_values;

  if (reply == NULL)
    g_error ("kervi-bench: caller.roundtrip: %s", error->message);
  samples = g_variant_get_child_value (reply, 0);
  values = g_variant_get_fixed_array (samples, &n_values, sizeof (guint64));
  for (gsize i = 0; i < n_values; i++)
    {
      double ns = (double)values[i];
      g_array_append_val (out, ns);
    }
}

static void
client_sync (GDBusConnection *connection, const char *name, const char *path, const char *interface,
             const char *method, guint n, guint warmup, GArray *out)
{
  for (guint i = 0; i < n + warmup; i++)
    {
      g_autoptr (GError) error = NULL;
      gint64 start = bench_now_ns ();
      g_autoptr (GVariant) reply = g_dbus_connection_call_sync (
          connection, name, path, interface, method, g_variant_new ("(t)", (guint64)i), NULL,
          G_DBUS_CALL_FLAGS_NO_AUTO_START, -1, NULL, &error);
      double elapsed = (double)(bench_now_ns () - start);

      if (reply == NULL)
        g_error ("kervi-bench: %s.%s: %s", interface, method, error->message);
      if (i >= warmup)
        g_array_append_val (out, elapsed);
    }
}

typedef struct
{
  GDBusConnection *connection;
  guint total, warmup, next;
  gint64 sent_ns;
  GArray *out;
} AsyncRun;

static void call_next (AsyncRun *run);

static void
on_reply (GObject *source, GAsyncResult *result, gpointer user_data)
{
  AsyncRun *run = user_data;
  g_autoptr (GError) error = NULL;
  g_autoptr (GVariant) reply
      = g_dbus_connection_call_finish (G_DBUS_CONNECTION (source), result, &error);
  double elapsed = (double)(bench_now_ns () - run->sent_ns);

  if (reply == NULL)
    g_error ("kervi-bench: Ping: %s", error->message);
  if (run->next++ >= run->warmup)
    g_array_append_val (run->out, elapsed);
  call_next (run);
}

static void
call_next (AsyncRun *run)
{
  if (run->next >= run->total)
    return;
  run->sent_ns = bench_now_ns ();
  g_dbus_connection_call (run->connection, RAW_NAME, "/org/kervi/bench/raw", "org.kervi.BenchRaw",
                          "Ping", g_variant_new ("(t)", (guint64)run->next), NULL,
                          G_DBUS_CALL_FLAGS_NO_AUTO_START, -1, NULL, on_reply, run);
}

/* As the application does it: a chain of calls in a context of its own. */
static void
raw_async (GDBusConnection *connection, guint n, guint warmup, GArray *out)
{
  g_autoptr (GMainContext) context = g_main_context_new ();
  AsyncRun run = { connection, n + warmup, warmup, 0, 0, out };

  g_main_context_push_thread_default (context);
  call_next (&run);
  while (run.next < run.total)
    g_main_context_iteration (context, TRUE);
  g_main_context_pop_thread_default (context);
}

enum
{
  ROLE_BUS,
  ROLE_CALLEE,
  ROLE_CALLER,
};

static const char *const roles[] = { "bus", "callee", "caller", NULL };

static BenchCpu *
cpu_new (GPid bus, GPid callee, GPid caller)
{
  BenchCpu *cpu = bench_cpu_new (roles);

  bench_cpu_add_pid (cpu, ROLE_BUS, bus);
  bench_cpu_add_pid (cpu, ROLE_CALLEE, callee);
  bench_cpu_add_pid (cpu, ROLE_CALLER, caller);
  return cpu;
}

static void
add_row (Bench *bench, const char *id, const char *label, GArray *ns, GArray *base_ns,
         BenchCpu *cpu, BenchCpu *base_cpu)
{
  g_autoptr (GArray) us = bench_ns_to_unit (ns, 1000);
  g_autoptr (GArray) base_us = bench_ns_to_unit (base_ns, 1000);
  BenchRow *row = bench_report_add_row (bench->report, id, label, "us", us, FALSE);
  g_autofree char *cpu_text = bench_cpu_describe (cpu);
  g_autofree char *base_cpu_text = bench_cpu_describe (base_cpu);

  bench_row_set_baseline (row, base_us);
  bench_row_set_target (row, BENCH_TARGET_RATIO_AT_MOST, 1.3);
  bench_row_set_note (row, "CPU us/call: kervi %s; raw %s", cpu_text, base_cpu_text);
}

void
bench_measure_roundtrip (Bench *bench)
{
  g_autoptr (BenchSession) session = bench_session_new (bench);
  const char *peer_argv[] = { bench->raw_peer, "--name", RAW_NAME, NULL };
  g_autofree char *peer = NULL;
  GDBusConnection *connection;
  guint blocks = MAX (bench->samples / BLOCK_SAMPLES, 4);
  guint per_block = MAX (bench->samples / blocks, 1);
  guint warmup = bench->quick ? 5 : 20;
  g_autoptr (GArray) app_sync = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr (GArray) app_async = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr (GArray) client = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr (GArray) raw_sync_ns = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr (GArray) raw_async_ns = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr (BenchCpu) app_sync_cpu = NULL;
  g_autoptr (BenchCpu) app_async_cpu = NULL;
  g_autoptr (BenchCpu) client_cpu = NULL;
  g_autoptr (BenchCpu) raw_sync_cpu = NULL;
  g_autoptr (BenchCpu) raw_async_cpu = NULL;
  GPid bus, target, raw, app;

  g_printerr ("kervi-bench: 1 action round trip\n");
  bench_session_add_module (session, "target", "target", NULL);
  if (!bench_session_start (session))
    g_error ("kervi-bench: the application did not start");
  connection = bench_session_get_connection (session);
  peer = bench_session_spawn_raw (session, peer_argv);

  bus = bench_session_get_bus_pid (session);
  target = kervi_test_get_pid_of_name (connection, "org.kervi.Module.target");
  raw = kervi_test_get_pid_of_name (connection, peer);
  app = kervi_test_app_get_pid (session->app);
  app_sync_cpu = cpu_new (bus, target, app);
  app_async_cpu = cpu_new (bus, target, app);
  client_cpu = cpu_new (bus, target, getpid ());
  raw_sync_cpu = cpu_new (bus, raw, getpid ());
  raw_async_cpu = cpu_new (bus, raw, getpid ());

#define RUN(cpu, call)                                                                             \
  G_STMT_START                                                                                     \
  {                                                                                                \
    bench_cpu_start (cpu);                                                                         \
    call;                                                                                          \
    bench_cpu_stop (cpu, per_block + warmup);                                                      \
  }                                                                                                \
  G_STMT_END

  for (guint b = 0; b < blocks; b++)
    {
      RUN (app_sync_cpu, app_roundtrip (connection, FALSE, per_block, warmup, app_sync));
      RUN (raw_sync_cpu,
           client_sync (connection, RAW_NAME, "/org/kervi/bench/raw", "org.kervi.BenchRaw", "Ping",
                        per_block, warmup, raw_sync_ns));
      RUN (app_async_cpu, app_roundtrip (connection, TRUE, per_block, warmup, app_async));
      RUN (raw_async_cpu, raw_async (connection, per_block, warmup, raw_async_ns));
      RUN (client_cpu,
           client_sync (connection, "org.kervi.Module.target", "/org/kervi/component/target",
                        "org.kervi.Actions", "ping", per_block, warmup, client));
    }
#undef RUN

  add_row (bench, "action.app_sync", "1 action: app->module, kervi_action_call_sync", app_sync,
           raw_sync_ns, app_sync_cpu, raw_sync_cpu);
  add_row (bench, "action.app_async", "1 action: app->module, kervi_action_call", app_async,
           raw_async_ns, app_async_cpu, raw_async_cpu);
  add_row (bench, "action.gdbus_client", "1 action: GDBus client->org.kervi.Actions", client,
           raw_sync_ns, client_cpu, raw_sync_cpu);
}
