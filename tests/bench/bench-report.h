/* bench-report.h: the results of one run: table, JSON, comparison
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* How a row is checked against its target. */
typedef enum
{
  BENCH_TARGET_NONE,
  BENCH_TARGET_RATIO_AT_MOST,  /* median / baseline median <= limit */
  BENCH_TARGET_RATIO_AT_LEAST, /* median / baseline median >= limit */
  BENCH_TARGET_AT_MOST,        /* median <= limit */
} BenchTargetKind;

typedef struct
{
  char *id;    /* stable key for --compare, e.g. "action.app_sync" */
  char *label; /* what the table shows */
  char *unit;
  gboolean higher_is_better; /* rates: the tail is the low end */
  guint n;
  double median, tail, worst; /* tail: p99 (p1 for rates); worst: max (min) */
  gboolean has_baseline;
  guint base_n;
  double base_median, base_tail, base_worst;
  BenchTargetKind target_kind;
  double target;
  char *note;
} BenchRow;

typedef struct
{
  char *process; /* bus, app, dashboard, module <id> */
  char *phase;   /* start, load */
  guint64 rss_kib;
  guint64 private_dirty_kib;
  guint64 pss_kib;
} BenchMemory;

typedef struct _BenchReport BenchReport;

BenchReport *bench_report_new (void);
void bench_report_free (BenchReport *report);
void bench_report_set_fact (BenchReport *report, const char *key, const char *value);
void bench_report_set_option (BenchReport *report, const char *key, double value);

BenchRow *bench_report_add_row (BenchReport *report, const char *id, const char *label,
                                const char *unit, GArray *samples, gboolean higher_is_better);
void bench_row_set_baseline (BenchRow *row, GArray *samples);
void bench_row_set_target (BenchRow *row, BenchTargetKind kind, double target);
void bench_row_set_note (BenchRow *row, const char *format, ...) G_GNUC_PRINTF (2, 3);
void bench_report_add_memory (BenchReport *report, const char *process, const char *phase,
                              guint64 rss_kib, guint64 private_dirty_kib, guint64 pss_kib);
void bench_report_add_memory_target (BenchReport *report, const char *phase, double module_mib,
                                     double total_mib);
void bench_report_count_delivery (BenchReport *report, guint64 expected, guint64 lost,
                                  guint64 reordered, guint64 duplicates);
gboolean bench_report_deliveries_ok (BenchReport *report);
void bench_report_add_skipped (BenchReport *report, const char *what, const char *why);

void bench_report_print (BenchReport *report);
gboolean bench_report_write_json (BenchReport *report, const char *path, GError **error);
gboolean bench_report_check_json (const char *path, GError **error);
gboolean bench_report_compare (BenchReport *report, const char *old_path, GError **error);

G_END_DECLS
