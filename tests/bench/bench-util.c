/* bench-util.c: small helpers of the measures
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "bench.h"
#include "kervi-test-util.h"

/* Returns: (element-type double): @ns / @divisor */
GArray *
bench_ns_to_unit (GArray *ns, double divisor)
{
  GArray *out = g_array_sized_new (FALSE, FALSE, sizeof (double), ns->len);

  for (guint i = 0; i < ns->len; i++)
    {
      double value = g_array_index (ns, double, i) / divisor;
      g_array_append_val (out, value);
    }
  return out;
}

static gboolean
never (gpointer data)
{
  return FALSE;
}

/* Runs the main context for @seconds: the processes under test and this
 * one's callbacks go on meanwhile. */
void
bench_wait_seconds (double seconds)
{
  kervi_test_wait (never, NULL, seconds);
}
