/* bench-pacer.h: calling a function n times at a fixed interval
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef void (*BenchPacerFunc) (guint index, gpointer user_data);

void bench_pacer_start (guint n, guint interval_ms, BenchPacerFunc func, gpointer user_data);

G_END_DECLS
