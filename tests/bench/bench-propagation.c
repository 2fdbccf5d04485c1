/* bench-propagation.c: measure 2, value propagation latency
 *
 * The producer module sets its output "seq" to the current monotonic time,
 * once per millisecond; the consumer module's input, linked to
 * "producer.seq" by id, takes each change, and its input-changed handler
 * records now - value. The baseline: a raw GDBus process emits a signal of
 * the same shape, once per millisecond, to a raw receiver process that
 * records the same. Both through the application's bus.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "bench-flow.h"
#include "bench-session.h"

#define BLOCK_SAMPLES 50
#define INTERVAL_MS 1

static void
run_block (Bench *bench, GDBusConnection *connection, BenchSource *source, GPtrArray *sinks,
           guint n, GArray *out)
{
  g_autoptr (GError) error = NULL;
  BenchDelivery delivery = { 0 };

  if (!bench_flow_run (connection, source, sinks, BENCH_MODE_LATENCY, n, INTERVAL_MS, 0, &delivery,
                       &error))
    g_error ("kervi-bench: latency run: %s", error->message);
  bench_report_count_delivery (bench->report, delivery.expected, delivery.lost, delivery.reordered,
                               delivery.duplicates);
  for (guint i = 0; i < delivery.latencies_ns->len; i++)
    {
      double us = g_array_index (delivery.latencies_ns, double, i) / 1000;
      g_array_append_val (out, us);
    }
  bench_delivery_clear (&delivery);
}

void
bench_measure_propagation (Bench *bench)
{
  g_autoptr (BenchSession) session = bench_session_new (bench);
  const char *peer_argv[] = { bench->raw_peer, "--name", "org.kervi.BenchRaw.Peer", NULL };
  g_autofree char *peer = NULL;
  g_autofree char *receiver = NULL;
  g_autoptr (BenchSource) kervi_source = bench_source_new_kervi ("producer");
  g_autoptr (BenchSource) raw_source = NULL;
  g_autoptr (GPtrArray) kervi_sinks
      = g_ptr_array_new_with_free_func ((GDestroyNotify)bench_sink_free);
  g_autoptr (GPtrArray) raw_sinks
      = g_ptr_array_new_with_free_func ((GDestroyNotify)bench_sink_free);
  g_autoptr (GArray) kervi_us = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr (GArray) raw_us = g_array_new (FALSE, FALSE, sizeof (double));
  guint blocks = MAX (bench->samples / BLOCK_SAMPLES, 4);
  guint per_block = MAX (bench->samples / blocks, 1);
  GDBusConnection *connection;
  BenchRow *row;

  g_printerr ("kervi-bench: 2 value propagation\n");
  bench_session_add_module (session, "producer", "producer", NULL);
  bench_session_add_module (session, "consumer", "consumer",
                            "[consumer]\ninputs=1\nsource=producer.seq\n");
  if (!bench_session_start (session))
    g_error ("kervi-bench: the application did not start");
  connection = bench_session_get_connection (session);
  peer = bench_session_spawn_raw (session, peer_argv);
  {
    g_autofree char *peer_arg = g_strconcat ("--peer=", peer, NULL);
    const char *receiver_argv[] = { bench->raw_receiver,
                                    "--name",
                                    "org.kervi.BenchRaw.Receiver0",
                                    peer_arg,
                                    "--subscriptions",
                                    "1",
                                    NULL };
    receiver = bench_session_spawn_raw (session, receiver_argv);
  }
  raw_source = bench_source_new_raw (peer);
  g_ptr_array_add (kervi_sinks, bench_sink_new_kervi ("consumer"));
  g_ptr_array_add (raw_sinks, bench_sink_new_raw (receiver));

  for (guint b = 0; b < blocks; b++)
    {
      run_block (bench, connection, kervi_source, kervi_sinks, per_block, kervi_us);
      run_block (bench, connection, raw_source, raw_sinks, per_block, raw_us);
    }

  row = bench_report_add_row (bench->report, "value.propagation",
                              "2 value: set in module->linked input", "us", kervi_us, FALSE);
  bench_row_set_baseline (row, raw_us);
  bench_row_set_target (row, BENCH_TARGET_RATIO_AT_MOST, 1.3);
  bench_row_set_note (row, "one change per %d ms; raw: signal emit->receive", INTERVAL_MS);
}
