/* bench.h: what the measures of kervi-bench share
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include <gio/gio.h>

#include "bench-report.h"

G_BEGIN_DECLS

typedef struct
{
  /* Options */
  gboolean quick;
  guint samples;      /* round trips and latency samples per variant */
  guint values;       /* values per throughput run */
  guint runs;         /* throughput runs, start/stop runs */
  guint load_seconds; /* memory under load */
  guint idle_seconds;
  guint subscriber_procs; /* processes holding the 10 subscribers */
  guint dashboard_rate_low, dashboard_rate_high;

  /* Programs and folders */
  char *app;
  char *raw_peer;
  char *raw_receiver;
  char *modules; /* built benchmark modules: <modules>/<kind>/<kind>.so */
  char *example_app;
  char *example_modules;
  char *dashboard; /* NULL when not built */
  char *dbus_daemon;
  char *bus_config;

  BenchReport *report;
} Bench;

typedef void (*BenchMeasure) (Bench *bench);

void bench_measure_roundtrip (Bench *bench);
void bench_measure_propagation (Bench *bench);
void bench_measure_throughput (Bench *bench);
void bench_measure_dashboard (Bench *bench);
void bench_measure_example (Bench *bench);
void bench_measure_start_stop (Bench *bench);

/* Helpers */
GArray *bench_ns_to_unit (GArray *ns, double divisor);
void bench_wait_seconds (double seconds);

G_END_DECLS
