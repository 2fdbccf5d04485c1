/* bench-flow.h: sending values from a source to sinks and counting them
 *
 * A source is the Kervi producer module or the raw peer; a sink the Kervi
 * consumer module or a raw receiver. Both kinds answer the same calls.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include <gio/gio.h>

#include "bench-stats.h"

G_BEGIN_DECLS

typedef struct
{
  char *bus_name;
  char *path;
  char *interface;
  char *pulse_method; /* (u n, u interval_ms) */
  char *burst_method; /* (u n, d base) -> ((xx)) */
} BenchSource;

typedef struct
{
  char *bus_name;
  char *path;
  char *interface;
  char *reset_method;   /* (s mode, u expected, d base) */
  char *results_method; /* () -> (BENCH_STATS_TYPE) */
  /* the signal that says a run is complete */
  char *done_sender; /* may be NULL */
  char *done_path;
  char *done_interface;
  char *done_member;
  gboolean reemit; /* raw sinks: emit every value again, as Kervi inputs do */
} BenchSink;

typedef struct
{
  guint64 expected, received, lost, reordered, duplicates;
  gint64 send_start_ns, send_end_ns;
  gint64 first_ns, last_ns; /* first and last arrival over all sinks */
  GArray *latencies_ns;     /* double */
} BenchDelivery;

BenchSource *bench_source_new_kervi (const char *module_id);
BenchSource *bench_source_new_raw (const char *bus_name);
void bench_source_free (BenchSource *source);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (BenchSource, bench_source_free)

BenchSink *bench_sink_new_kervi (const char *module_id);
BenchSink *bench_sink_new_raw (const char *unique_name);
void bench_sink_free (BenchSink *sink);

void bench_delivery_clear (BenchDelivery *delivery);

gboolean bench_flow_run (GDBusConnection *connection, BenchSource *source, GPtrArray *sinks,
                         BenchMode mode, guint n, guint interval_ms, double base,
                         BenchDelivery *delivery, GError **error);

G_END_DECLS
