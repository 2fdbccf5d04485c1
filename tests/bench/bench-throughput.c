/* bench-throughput.c: measure 3, values per second
 *
 * The producer module sets base, base + 1, ... as fast as it can; linked
 * inputs in consumer module processes follow it, and every one counts what
 * arrives (nothing may be lost, reordered or doubled). The rate is
 * values / (last arrival at any subscriber - first send). The baseline: a
 * raw GDBus process emitting the same signals as fast as it can to raw
 * receivers with as many subscriptions in as many processes. Kervi and raw
 * runs alternate.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "bench-cpu.h"
#include "bench-flow.h"
#include "bench-proc.h"
#include "bench-session.h"

enum
{
  ROLE_BUS,
  ROLE_SOURCE,
  ROLE_SINKS,
};

static const char *const roles[] = { "bus", "source", "sinks", NULL };

static gboolean
run_once (Bench *bench, GDBusConnection *connection, BenchSource *source, GPtrArray *sinks, guint n,
          double *base, GArray *rates, BenchCpu *cpu, gboolean record)
{
  g_autoptr (GError) error = NULL;
  BenchDelivery delivery = { 0 };
  double rate;

  bench_cpu_start (cpu);
  if (!bench_flow_run (connection, source, sinks, BENCH_MODE_SEQUENCE, n, 0, *base, &delivery,
                       &error))
    g_error ("kervi-bench: throughput run: %s", error->message);
  *base += n;
  if (record)
    {
      bench_cpu_stop (cpu, n);
      bench_report_count_delivery (bench->report, delivery.expected, delivery.lost,
                                   delivery.reordered, delivery.duplicates);
      rate = delivery.last_ns > delivery.send_start_ns
                 ? n / ((delivery.last_ns - delivery.send_start_ns) / 1e9)
                 : 0;
      g_array_append_val (rates, rate);
    }
  if (delivery.lost + delivery.reordered + delivery.duplicates > 0)
    g_printerr ("kervi-bench: %s: %" G_GUINT64_FORMAT " of %" G_GUINT64_FORMAT
                " lost, %" G_GUINT64_FORMAT " reordered, %" G_GUINT64_FORMAT " doubled\n",
                source->bus_name, delivery.lost, delivery.expected, delivery.reordered,
                delivery.duplicates);
  bench_delivery_clear (&delivery);
  return TRUE;
}

/* One way of sending: Kervi, raw, raw with re-emitting receivers. */
typedef struct
{
  BenchSource *source;
  GPtrArray *sinks; /* BenchSink */
  double base;      /* from 1: the inputs start at 0, and setting a value it has is no change */
  GArray *rates;    /* double */
  BenchCpu *cpu;
} Side;

static void
side_init (Side *side, BenchSource *source)
{
  side->source = source;
  side->sinks = g_ptr_array_new_with_free_func ((GDestroyNotify)bench_sink_free);
  side->base = 1;
  side->rates = g_array_new (FALSE, FALSE, sizeof (double));
  side->cpu = bench_cpu_new (roles);
}

static void
side_clear (Side *side)
{
  g_ptr_array_unref (side->sinks);
  g_array_unref (side->rates);
  bench_cpu_free (side->cpu);
}

static void
side_add_pids (Side *side, BenchSession *session)
{
  GDBusConnection *connection = bench_session_get_connection (session);

  bench_cpu_add_pid (side->cpu, ROLE_BUS, bench_session_get_bus_pid (session));
  bench_cpu_add_pid (side->cpu, ROLE_SOURCE,
                     kervi_test_get_pid_of_name (connection, side->source->bus_name));
  for (guint p = 0; p < side->sinks->len; p++)
    bench_cpu_add_pid (
        side->cpu, ROLE_SINKS,
        kervi_test_get_pid_of_name (connection, ((BenchSink *)side->sinks->pdata[p])->bus_name));
}

static void
side_run (Bench *bench, GDBusConnection *connection, Side *side, guint n, gboolean record)
{
  run_once (bench, connection, side->source, side->sinks, n, &side->base, side->rates, side->cpu,
            record);
}

enum
{
  SIDE_KERVI,
  SIDE_RAW,
  SIDE_RAW_REEMIT,
  N_SIDES
};

static void
measure (Bench *bench, guint subscribers, guint processes)
{
  g_autoptr (BenchSession) session = bench_session_new (bench);
  const char *peer_argv[] = { bench->raw_peer, "--name", "org.kervi.BenchRaw.Peer", NULL };
  g_autofree char *peer = NULL;
  g_autofree char *peer_arg = NULL;
  g_autoptr (BenchSource) kervi_source = bench_source_new_kervi ("producer");
  g_autoptr (BenchSource) raw_source = NULL;
  g_autofree char *id = g_strdup_printf ("throughput.%usub", subscribers);
  g_autofree char *reemit_id = g_strdup_printf ("throughput.%usub_reemit", subscribers);
  g_autofree char *label = NULL;
  g_autofree char *cpu_text[N_SIDES] = { NULL };
  GDBusConnection *connection;
  Side sides[N_SIDES];
  BenchRow *row;

  processes = CLAMP (processes, 1, subscribers);
  label = g_strdup_printf ("3 throughput: %u subscriber%s in %u process%s", subscribers,
                           subscribers > 1 ? "s" : "", processes, processes > 1 ? "es" : "");
  g_printerr ("kervi-bench: 3 throughput, %u subscribers\n", subscribers);
  bench_session_add_module (session, "producer", "producer", NULL);
  side_init (&sides[SIDE_KERVI], kervi_source);
  for (guint p = 0; p < processes; p++)
    {
      guint inputs = subscribers / processes + (p < subscribers % processes ? 1 : 0);
      g_autofree char *module = g_strdup_printf ("consumer%u", p);
      g_autofree char *ini
          = g_strdup_printf ("[consumer]\ninputs=%u\nsource=producer.seq\n", inputs);

      bench_session_add_module (session, module, "consumer", ini);
      g_ptr_array_add (sides[SIDE_KERVI].sinks, bench_sink_new_kervi (module));
    }
  if (!bench_session_start (session))
    g_error ("kervi-bench: the application did not start");
  connection = bench_session_get_connection (session);
  peer = bench_session_spawn_raw (session, peer_argv);
  peer_arg = g_strconcat ("--peer=", peer, NULL);
  raw_source = bench_source_new_raw (peer);
  side_init (&sides[SIDE_RAW], raw_source);
  side_init (&sides[SIDE_RAW_REEMIT], raw_source);
  for (guint p = 0; p < processes; p++)
    {
      guint inputs = subscribers / processes + (p < subscribers % processes ? 1 : 0);
      g_autofree char *name = g_strdup_printf ("org.kervi.BenchRaw.Receiver%u", p);
      g_autofree char *count = g_strdup_printf ("%u", inputs);
      const char *argv[]
          = { bench->raw_receiver, "--name", name, peer_arg, "--subscriptions", count, NULL };
      g_autofree char *receiver = bench_session_spawn_raw (session, argv);
      BenchSink *reemit = bench_sink_new_raw (receiver);

      reemit->reemit = TRUE;
      g_ptr_array_add (sides[SIDE_RAW].sinks, bench_sink_new_raw (receiver));
      g_ptr_array_add (sides[SIDE_RAW_REEMIT].sinks, reemit);
    }
  for (guint i = 0; i < N_SIDES; i++)
    side_add_pids (&sides[i], session);

  /* A first small run of each, not counted: code paged in, buffers grown. */
  for (guint i = 0; i < N_SIDES; i++)
    side_run (bench, connection, &sides[i], MIN (bench->values, 1000), FALSE);
  /* The raw sides share their processes: one base for both. */
  for (guint r = 0; r < bench->runs; r++)
    for (guint i = 0; i < N_SIDES; i++)
      {
        /* Rotate which goes first. */
        Side *side = &sides[(i + r) % N_SIDES];

        if (side != &sides[SIDE_KERVI])
          sides[SIDE_RAW].base = sides[SIDE_RAW_REEMIT].base
              = MAX (sides[SIDE_RAW].base, sides[SIDE_RAW_REEMIT].base);
        side_run (bench, connection, side, bench->values, TRUE);
      }

  for (guint i = 0; i < N_SIDES; i++)
    cpu_text[i] = bench_cpu_describe (sides[i].cpu);
  row = bench_report_add_row (bench->report, id, label, "val/s", sides[SIDE_KERVI].rates, TRUE);
  bench_row_set_baseline (row, sides[SIDE_RAW].rates);
  bench_row_set_target (row, BENCH_TARGET_RATIO_AT_LEAST, 0.8);
  bench_row_set_note (row, "%u x %u values; CPU us/value: kervi %s; raw %s", bench->runs,
                      bench->values, cpu_text[SIDE_KERVI], cpu_text[SIDE_RAW]);
  row = bench_report_add_row (bench->report, reemit_id,
                              "  same; raw receivers re-emit as inputs do", "val/s",
                              sides[SIDE_KERVI].rates, TRUE);
  bench_row_set_baseline (row, sides[SIDE_RAW_REEMIT].rates);
  bench_row_set_note (row, "raw re-emitting: CPU us/value %s", cpu_text[SIDE_RAW_REEMIT]);
  for (guint i = 0; i < N_SIDES; i++)
    side_clear (&sides[i]);
}

void
bench_measure_throughput (Bench *bench)
{
  measure (bench, 1, 1);
  measure (bench, 10, bench->subscriber_procs);
}
