/* bench-pacer.c: calling a function n times at a fixed interval
 *
 * Latency is measured on an idle path: one value at a time, far enough
 * apart that no queue builds up. The sender of the Kervi producer module
 * and the one of the raw GDBus peer use this same timer.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "bench-pacer.h"

typedef struct
{
  guint n;
  guint next;
  BenchPacerFunc func;
  gpointer user_data;
} Pacer;

static gboolean
on_tick (gpointer data)
{
  Pacer *pacer = data;

  pacer->func (pacer->next++, pacer->user_data);
  return pacer->next < pacer->n ? G_SOURCE_CONTINUE : G_SOURCE_REMOVE;
}

void
bench_pacer_start (guint n, guint interval_ms, BenchPacerFunc func, gpointer user_data)
{
  Pacer *pacer;

  if (n == 0)
    return;
  pacer = g_new0 (Pacer, 1);
  pacer->n = n;
  pacer->func = func;
  pacer->user_data = user_data;
  g_timeout_add_full (G_PRIORITY_DEFAULT, MAX (interval_ms, 1), on_tick, pacer, g_free);
}
