/* bench-clock.h: the one clock of the benchmark
 *
 * CLOCK_MONOTONIC is one clock for every process of the machine, so a
 * time taken in one process can be compared with a time taken in another.
 * Latency samples carry the send time as a number value in microseconds
 * with a fraction (exact to a few nanoseconds for any uptime of years).
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include <glib.h>
#include <time.h>

static inline gint64
bench_now_ns (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_MONOTONIC, &ts);
  return (gint64)ts.tv_sec * G_GINT64_CONSTANT (1000000000) + ts.tv_nsec;
}

static inline double
bench_ns_to_value (gint64 ns)
{
  return (double)ns / 1000.0;
}

static inline gint64
bench_value_to_ns (double value)
{
  return (gint64)(value * 1000.0 + 0.5);
}
