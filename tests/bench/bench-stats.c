/* bench-stats.c: what a receiver of benchmark values counts
 *
 * One track per subscription (a linked input, or a signal subscription).
 * A value is in order when it is greater than the last one of its track;
 * a smaller one is reordered, an equal one a duplicate. In sequence mode
 * every value base..base + expected - 1 must arrive on every track, so
 * lost = expected x tracks - values in order. A track is complete when it
 * got the last value of the sequence (sequence mode) or expected values
 * (latency mode).
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <string.h>

#include "bench-stats.h"
#include "bench-clock.h"

typedef struct
{
  guint received;
  guint in_order;
  guint reordered;
  guint duplicates;
  gboolean have_last;
  double last;
} Track;

struct _BenchStats
{
  BenchMode mode;
  guint expected;
  double base;
  guint n_tracks;
  Track *tracks;
  gint64 first_ns;
  gint64 last_ns;
  GArray *latencies; /* guint64 ns */
};

BenchStats *
bench_stats_new (guint n_tracks)
{
  BenchStats *stats = g_new0 (BenchStats, 1);

  stats->n_tracks = n_tracks;
  stats->tracks = g_new0 (Track, n_tracks);
  stats->latencies = g_array_new (FALSE, FALSE, sizeof (guint64));
  return stats;
}

void
bench_stats_free (BenchStats *stats)
{
  g_array_unref (stats->latencies);
  g_free (stats->tracks);
  g_free (stats);
}

gboolean
bench_stats_parse_mode (const char *text, BenchMode *mode)
{
  if (g_str_equal (text, "latency"))
    *mode = BENCH_MODE_LATENCY;
  else if (g_str_equal (text, "sequence"))
    *mode = BENCH_MODE_SEQUENCE;
  else
    return FALSE;
  return TRUE;
}

void
bench_stats_reset (BenchStats *stats, BenchMode mode, guint expected, double base)
{
  stats->mode = mode;
  stats->expected = expected;
  stats->base = base;
  memset (stats->tracks, 0, sizeof (Track) * stats->n_tracks);
  stats->first_ns = 0;
  stats->last_ns = 0;
  g_array_set_size (stats->latencies, 0);
  /* Allocate the samples up front, not while values arrive. */
  if (mode == BENCH_MODE_LATENCY)
    {
      g_array_set_size (stats->latencies, expected * stats->n_tracks);
      g_array_set_size (stats->latencies, 0);
    }
}

static gboolean
track_complete (BenchStats *stats, Track *track)
{
  if (stats->mode == BENCH_MODE_LATENCY)
    return track->received >= stats->expected;
  return track->have_last && track->last >= stats->base + stats->expected - 1;
}

/* Returns: %TRUE when this value completed the whole run */
gboolean
bench_stats_record (BenchStats *stats, guint track_index, double value, gint64 now_ns)
{
  Track *track;

  g_return_val_if_fail (track_index < stats->n_tracks, FALSE);
  track = &stats->tracks[track_index];

  if (stats->first_ns == 0)
    stats->first_ns = now_ns;
  stats->last_ns = now_ns;
  track->received++;
  if (!track->have_last || value > track->last)
    {
      track->in_order++;
      track->last = value;
      track->have_last = TRUE;
    }
  else if (value == track->last)
    track->duplicates++;
  else
    track->reordered++;

  if (stats->mode == BENCH_MODE_LATENCY)
    {
      guint64 latency = (guint64)MAX (0, now_ns - bench_value_to_ns (value));
      g_array_append_val (stats->latencies, latency);
    }
  return track_complete (stats, track) && bench_stats_complete (stats);
}

gboolean
bench_stats_complete (BenchStats *stats)
{
  for (guint i = 0; i < stats->n_tracks; i++)
    if (!track_complete (stats, &stats->tracks[i]))
      return FALSE;
  return stats->n_tracks > 0;
}

GVariant *
bench_stats_to_variant (BenchStats *stats)
{
  guint received = 0, in_order = 0, reordered = 0, duplicates = 0;
  guint expected = stats->expected * stats->n_tracks;

  for (guint i = 0; i < stats->n_tracks; i++)
    {
      received += stats->tracks[i].received;
      in_order += stats->tracks[i].in_order;
      reordered += stats->tracks[i].reordered;
      duplicates += stats->tracks[i].duplicates;
    }
  return g_variant_new ("(uuuuuxx@at)", expected, received,
                        expected > in_order ? expected - in_order : 0, reordered, duplicates,
                        stats->first_ns, stats->last_ns,
                        g_variant_new_fixed_array (G_VARIANT_TYPE_UINT64, stats->latencies->data,
                                                   stats->latencies->len, sizeof (guint64)));
}
