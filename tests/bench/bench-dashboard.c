/* bench-dashboard.c: measure 4, value change to WebSocket frame
 *
 * Needs the kervi-dashboard process; until it is built, the measure is
 * reported as skipped.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "bench.h"

void
bench_measure_dashboard (Bench *bench)
{
  if (bench->dashboard == NULL)
    {
      bench_report_add_skipped (bench->report, "4 dashboard",
                                "kervi-dashboard is not built in this tree");
      return;
    }
  bench_report_add_skipped (bench->report, "4 dashboard", "not implemented yet");
}
