/* bench-stats.h: what a receiver of benchmark values counts
 *
 * Shared by the Kervi consumer module and the raw GDBus receiver, so both
 * sides of a comparison count the same way.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum
{
  BENCH_MODE_LATENCY,  /* values are send times (bench_ns_to_value) */
  BENCH_MODE_SEQUENCE, /* values are base, base + 1, ... base + expected - 1 */
} BenchMode;

typedef struct _BenchStats BenchStats;

/* The D-Bus type of bench_stats_to_variant(): expected, received, lost,
 * reordered, duplicates, first and last receive time (ns), latencies (ns). */
#define BENCH_STATS_TYPE "(uuuuuxxat)"

BenchStats *bench_stats_new (guint n_tracks);
void bench_stats_free (BenchStats *stats);
gboolean bench_stats_parse_mode (const char *text, BenchMode *mode);
void bench_stats_reset (BenchStats *stats, BenchMode mode, guint expected, double base);
gboolean bench_stats_record (BenchStats *stats, guint track, double value, gint64 now_ns);
gboolean bench_stats_complete (BenchStats *stats);
GVariant *bench_stats_to_variant (BenchStats *stats);

G_END_DECLS
