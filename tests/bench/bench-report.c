/* bench-report.c: the results of one run: table, JSON, comparison
 *
 * Every measure adds rows: a figure (median, tail, worst over its samples)
 * and, where there is one, the same figure of the raw GDBus baseline
 * measured in the same run, and a target. The table is for reading; the
 * JSON file keeps everything for a later --compare.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <json-glib/json-glib.h>
#include <math.h>
#include <stdio.h>

#include "bench-report.h"

struct _BenchReport
{
  GPtrArray *facts;          /* "key", "value", "key", ... in order */
  GPtrArray *options;        /* char * key, then a double * value */
  GPtrArray *rows;           /* BenchRow */
  GArray *memory;            /* BenchMemory */
  GPtrArray *memory_targets; /* phase, module MiB, total MiB as strings */
  GPtrArray *skipped;        /* what, why */
  guint64 expected, lost, reordered, duplicates;
  char *date;
};

static void
row_free (BenchRow *row)
{
  g_free (row->id);
  g_free (row->label);
  g_free (row->unit);
  g_free (row->note);
  g_free (row);
}

static void
memory_clear (BenchMemory *memory)
{
  g_free (memory->process);
  g_free (memory->phase);
}

BenchReport *
bench_report_new (void)
{
  BenchReport *report = g_new0 (BenchReport, 1);
  g_autoptr (GDateTime) now = g_date_time_new_now_local ();

  report->facts = g_ptr_array_new_with_free_func (g_free);
  report->options = g_ptr_array_new_with_free_func (g_free);
  report->rows = g_ptr_array_new_with_free_func ((GDestroyNotify)row_free);
  report->memory = g_array_new (FALSE, TRUE, sizeof (BenchMemory));
  g_array_set_clear_func (report->memory, (GDestroyNotify)memory_clear);
  report->memory_targets = g_ptr_array_new_with_free_func (g_free);
  report->skipped = g_ptr_array_new_with_free_func (g_free);
  report->date = g_date_time_format_iso8601 (now);
  return report;
}

void
bench_report_free (BenchReport *report)
{
  g_ptr_array_unref (report->facts);
  g_ptr_array_unref (report->options);
  g_ptr_array_unref (report->rows);
  g_array_unref (report->memory);
  g_ptr_array_unref (report->memory_targets);
  g_ptr_array_unref (report->skipped);
  g_free (report->date);
  g_free (report);
}

void
bench_report_set_fact (BenchReport *report, const char *key, const char *value)
{
  g_ptr_array_add (report->facts, g_strdup (key));
  g_ptr_array_add (report->facts, g_strdup (value != NULL ? value : "?"));
}

void
bench_report_set_option (BenchReport *report, const char *key, double value)
{
  g_ptr_array_add (report->options, g_strdup (key));
  g_ptr_array_add (report->options, g_memdup2 (&value, sizeof value));
}

static int
compare_doubles (gconstpointer a, gconstpointer b)
{
  double x = *(const double *)a, y = *(const double *)b;
  return x < y ? -1 : x > y ? 1 : 0;
}

/* Nearest rank: the smallest sample with at least @q of them at or below. */
static double
quantile (const double *sorted, guint n, double q)
{
  guint rank = (guint)ceil (q * n);

  return sorted[CLAMP (rank, 1, n) - 1];
}

static void
summarize (GArray *samples, gboolean higher_is_better, guint *n, double *median, double *tail,
           double *worst)
{
  g_autoptr (GArray) sorted = g_array_copy (samples);
  const double *v = (const double *)sorted->data;

  *n = sorted->len;
  if (sorted->len == 0)
    {
      *median = *tail = *worst = NAN;
      return;
    }
  g_array_sort (sorted, compare_doubles);
  *median = quantile (v, sorted->len, 0.5);
  *tail = quantile (v, sorted->len, higher_is_better ? 0.01 : 0.99);
  *worst = higher_is_better ? v[0] : v[sorted->len - 1];
}

/* @samples: (element-type double) */
BenchRow *
bench_report_add_row (BenchReport *report, const char *id, const char *label, const char *unit,
                      GArray *samples, gboolean higher_is_better)
{
  BenchRow *row = g_new0 (BenchRow, 1);

  row->id = g_strdup (id);
  row->label = g_strdup (label);
  row->unit = g_strdup (unit);
  row->higher_is_better = higher_is_better;
  summarize (samples, higher_is_better, &row->n, &row->median, &row->tail, &row->worst);
  g_ptr_array_add (report->rows, row);
  return row;
}

void
bench_row_set_baseline (BenchRow *row, GArray *samples)
{
  row->has_baseline = TRUE;
  summarize (samples, row->higher_is_better, &row->base_n, &row->base_median, &row->base_tail,
             &row->base_worst);
}

void
bench_row_set_target (BenchRow *row, BenchTargetKind kind, double target)
{
  row->target_kind = kind;
  row->target = target;
}

void
bench_row_set_note (BenchRow *row, const char *format, ...)
{
  va_list args;

  va_start (args, format);
  g_free (row->note);
  row->note = g_strdup_vprintf (format, args);
  va_end (args);
}

void
bench_report_add_memory (BenchReport *report, const char *process, const char *phase,
                         guint64 rss_kib, guint64 private_dirty_kib, guint64 pss_kib)
{
  BenchMemory memory
      = { g_strdup (process), g_strdup (phase), rss_kib, private_dirty_kib, pss_kib };

  g_array_append_val (report->memory, memory);
}

void
bench_report_add_memory_target (BenchReport *report, const char *phase, double module_mib,
                                double total_mib)
{
  g_ptr_array_add (report->memory_targets, g_strdup (phase));
  g_ptr_array_add (report->memory_targets, g_strdup_printf ("%g", module_mib));
  g_ptr_array_add (report->memory_targets, g_strdup_printf ("%g", total_mib));
}

void
bench_report_count_delivery (BenchReport *report, guint64 expected, guint64 lost, guint64 reordered,
                             guint64 duplicates)
{
  report->expected += expected;
  report->lost += lost;
  report->reordered += reordered;
  report->duplicates += duplicates;
}

gboolean
bench_report_deliveries_ok (BenchReport *report)
{
  return report->lost == 0 && report->reordered == 0 && report->duplicates == 0;
}

void
bench_report_add_skipped (BenchReport *report, const char *what, const char *why)
{
  g_ptr_array_add (report->skipped, g_strdup (what));
  g_ptr_array_add (report->skipped, g_strdup (why));
}

static double
row_ratio (const BenchRow *row)
{
  if (!row->has_baseline || row->base_median == 0 || isnan (row->base_median))
    return NAN;
  return row->median / row->base_median;
}

/* Returns: 1 met, 0 missed, -1 no target */
static int
row_met (const BenchRow *row)
{
  double ratio = row_ratio (row);

  switch (row->target_kind)
    {
      case BENCH_TARGET_RATIO_AT_MOST:
        return isnan (ratio) ? 0 : ratio <= row->target;
      case BENCH_TARGET_RATIO_AT_LEAST:
        return isnan (ratio) ? 0 : ratio >= row->target;
      case BENCH_TARGET_AT_MOST:
        return !isnan (row->median) && row->median <= row->target;
      case BENCH_TARGET_NONE:
      default:
        return -1;
    }
}

static char *
target_text (const BenchRow *row)
{
  switch (row->target_kind)
    {
      case BENCH_TARGET_RATIO_AT_MOST:
        return g_strdup_printf ("<=%.1fx raw", row->target);
      case BENCH_TARGET_RATIO_AT_LEAST:
        return g_strdup_printf (">=%.1fx raw", row->target);
      case BENCH_TARGET_AT_MOST:
        return g_strdup_printf ("<%g %s", row->target, row->unit);
      case BENCH_TARGET_NONE:
      default:
        return g_strdup ("");
    }
}

static void
format_number (char *buf, gsize size, double value)
{
  if (isnan (value))
    g_snprintf (buf, size, "-");
  else if (fabs (value) >= 100000)
    g_snprintf (buf, size, "%.0f", value);
  else if (fabs (value) >= 100)
    g_snprintf (buf, size, "%.1f", value);
  else
    g_snprintf (buf, size, "%.2f", value);
}

static const char *
met_text (int met)
{
  return met < 0 ? "" : met ? "met" : "MISSED";
}

static guint64
memory_total (BenchReport *report, const char *phase, guint64 *max_module_rss, guint64 *pss)
{
  guint64 total = 0;

  *max_module_rss = 0;
  *pss = 0;
  for (guint i = 0; i < report->memory->len; i++)
    {
      BenchMemory *m = &g_array_index (report->memory, BenchMemory, i);

      if (!g_str_equal (m->phase, phase) || g_str_has_prefix (m->process, "baseline"))
        continue;
      total += m->rss_kib;
      *pss += m->pss_kib;
      if (g_str_has_prefix (m->process, "module "))
        *max_module_rss = MAX (*max_module_rss, m->rss_kib);
    }
  return total;
}

void
bench_report_print (BenchReport *report)
{
  GString *facts = g_string_new (NULL);

  for (guint i = 0; i + 1 < report->facts->len; i += 2)
    g_string_append_printf (facts, "%s%s: %s", i > 0 ? "; " : "", (char *)report->facts->pdata[i],
                            (char *)report->facts->pdata[i + 1]);
  printf ("\nkervi-glib benchmark, %s\n%s\n", report->date, facts->str);
  g_string_free (facts, TRUE);

  printf ("%-44s %-5s %6s %10s %10s %10s | %10s %10s %7s  %-12s %s\n", "measure", "unit", "n",
          "median", "p99", "max", "raw median", "raw p99", "ratio", "target", "");
  for (guint i = 0; i < report->rows->len; i++)
    {
      BenchRow *row = report->rows->pdata[i];
      char median[32], tail[32], worst[32], bmedian[32], btail[32], ratio[32];
      g_autofree char *target = target_text (row);

      format_number (median, sizeof median, row->median);
      format_number (tail, sizeof tail, row->tail);
      format_number (worst, sizeof worst, row->worst);
      format_number (bmedian, sizeof bmedian, row->has_baseline ? row->base_median : NAN);
      format_number (btail, sizeof btail, row->has_baseline ? row->base_tail : NAN);
      format_number (ratio, sizeof ratio, row_ratio (row));
      printf ("%-44s %-5s %6u %10s %10s %10s | %10s %10s %7s  %-12s %s\n", row->label, row->unit,
              row->n, median, tail, worst, bmedian, btail, ratio, target, met_text (row_met (row)));
      if (row->note != NULL)
        printf ("%-44s %s\n", "", row->note);
    }
  printf ("(rates: the p99 and max columns show p1 and min, the slow end)\n");

  if (report->memory->len > 0)
    {
      printf ("\n%-44s %-6s %10s %14s %10s\n", "5 memory of the example app (KiB)", "phase", "RSS",
              "Private_Dirty", "PSS");
      for (guint i = 0; i < report->memory->len; i++)
        {
          BenchMemory *m = &g_array_index (report->memory, BenchMemory, i);
          printf ("  %-42s %-6s %10" G_GUINT64_FORMAT " %14" G_GUINT64_FORMAT
                  " %10" G_GUINT64_FORMAT "\n",
                  m->process, m->phase, m->rss_kib, m->private_dirty_kib, m->pss_kib);
        }
      for (guint i = 0; i + 2 < report->memory_targets->len; i += 3)
        {
          const char *phase = report->memory_targets->pdata[i];
          double module_mib = g_ascii_strtod (report->memory_targets->pdata[i + 1], NULL);
          double total_mib = g_ascii_strtod (report->memory_targets->pdata[i + 2], NULL);
          guint64 max_module, pss;
          guint64 total = memory_total (report, phase, &max_module, &pss);

          printf ("  %-6s largest C module RSS %.2f MiB (target < %g MiB: %s); whole app RSS "
                  "%.2f MiB (target < %g MiB: %s), PSS %.2f MiB\n",
                  phase, max_module / 1024.0, module_mib,
                  met_text (max_module / 1024.0 < module_mib), total / 1024.0, total_mib,
                  met_text (total / 1024.0 < total_mib), pss / 1024.0);
        }
    }

  printf ("\ndeliveries: %" G_GUINT64_FORMAT " expected, %" G_GUINT64_FORMAT
          " lost, %" G_GUINT64_FORMAT " reordered, %" G_GUINT64_FORMAT " duplicated\n",
          report->expected, report->lost, report->reordered, report->duplicates);
  for (guint i = 0; i + 1 < report->skipped->len; i += 2)
    printf ("skipped: %s: %s\n", (char *)report->skipped->pdata[i],
            (char *)report->skipped->pdata[i + 1]);
  fflush (stdout);
}

/* JSON */

static void
add_double (JsonBuilder *builder, const char *name, double value)
{
  json_builder_set_member_name (builder, name);
  if (isnan (value))
    json_builder_add_null_value (builder);
  else
    json_builder_add_double_value (builder, value);
}

static void
add_string (JsonBuilder *builder, const char *name, const char *value)
{
  json_builder_set_member_name (builder, name);
  if (value == NULL)
    json_builder_add_null_value (builder);
  else
    json_builder_add_string_value (builder, value);
}

static void
add_int (JsonBuilder *builder, const char *name, gint64 value)
{
  json_builder_set_member_name (builder, name);
  json_builder_add_int_value (builder, value);
}

static void
add_row (JsonBuilder *builder, BenchRow *row)
{
  int met = row_met (row);
  g_autofree char *target = target_text (row);

  json_builder_begin_object (builder);
  add_string (builder, "id", row->id);
  add_string (builder, "label", row->label);
  add_string (builder, "unit", row->unit);
  json_builder_set_member_name (builder, "higher_is_better");
  json_builder_add_boolean_value (builder, row->higher_is_better);
  add_int (builder, "n", row->n);
  add_double (builder, "median", row->median);
  add_double (builder, row->higher_is_better ? "p1" : "p99", row->tail);
  add_double (builder, row->higher_is_better ? "min" : "max", row->worst);
  json_builder_set_member_name (builder, "baseline");
  if (row->has_baseline)
    {
      json_builder_begin_object (builder);
      add_int (builder, "n", row->base_n);
      add_double (builder, "median", row->base_median);
      add_double (builder, row->higher_is_better ? "p1" : "p99", row->base_tail);
      add_double (builder, row->higher_is_better ? "min" : "max", row->base_worst);
      json_builder_end_object (builder);
    }
  else
    json_builder_add_null_value (builder);
  add_double (builder, "ratio", row_ratio (row));
  add_string (builder, "target", *target != '\0' ? target : NULL);
  json_builder_set_member_name (builder, "met");
  if (met < 0)
    json_builder_add_null_value (builder);
  else
    json_builder_add_boolean_value (builder, met);
  add_string (builder, "note", row->note);
  json_builder_end_object (builder);
}

gboolean
bench_report_write_json (BenchReport *report, const char *path, GError **error)
{
  g_autoptr (JsonBuilder) builder = json_builder_new ();
  g_autoptr (JsonGenerator) generator = json_generator_new ();
  g_autoptr (JsonNode) root = NULL;

  json_builder_begin_object (builder);
  add_int (builder, "format", 1);
  add_string (builder, "date", report->date);

  json_builder_set_member_name (builder, "machine");
  json_builder_begin_object (builder);
  for (guint i = 0; i + 1 < report->facts->len; i += 2)
    add_string (builder, report->facts->pdata[i], report->facts->pdata[i + 1]);
  json_builder_end_object (builder);

  json_builder_set_member_name (builder, "options");
  json_builder_begin_object (builder);
  for (guint i = 0; i + 1 < report->options->len; i += 2)
    add_double (builder, report->options->pdata[i], *(double *)report->options->pdata[i + 1]);
  json_builder_end_object (builder);

  json_builder_set_member_name (builder, "rows");
  json_builder_begin_array (builder);
  for (guint i = 0; i < report->rows->len; i++)
    add_row (builder, report->rows->pdata[i]);
  json_builder_end_array (builder);

  json_builder_set_member_name (builder, "memory");
  json_builder_begin_array (builder);
  for (guint i = 0; i < report->memory->len; i++)
    {
      BenchMemory *m = &g_array_index (report->memory, BenchMemory, i);

      json_builder_begin_object (builder);
      add_string (builder, "process", m->process);
      add_string (builder, "phase", m->phase);
      add_int (builder, "rss_kib", m->rss_kib);
      add_int (builder, "private_dirty_kib", m->private_dirty_kib);
      add_int (builder, "pss_kib", m->pss_kib);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  json_builder_set_member_name (builder, "deliveries");
  json_builder_begin_object (builder);
  add_int (builder, "expected", report->expected);
  add_int (builder, "lost", report->lost);
  add_int (builder, "reordered", report->reordered);
  add_int (builder, "duplicates", report->duplicates);
  json_builder_end_object (builder);

  json_builder_set_member_name (builder, "skipped");
  json_builder_begin_array (builder);
  for (guint i = 0; i + 1 < report->skipped->len; i += 2)
    {
      json_builder_begin_object (builder);
      add_string (builder, "what", report->skipped->pdata[i]);
      add_string (builder, "why", report->skipped->pdata[i + 1]);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  json_generator_set_pretty (generator, TRUE);
  return json_generator_to_file (generator, path, error);
}

static JsonObject *
load_object (const char *path, JsonParser *parser, GError **error)
{
  JsonNode *root;

  if (!json_parser_load_from_file (parser, path, error))
    return NULL;
  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root)
      || !json_object_has_member (json_node_get_object (root), "rows"))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, "%s: not a kervi-bench result",
                   path);
      return NULL;
    }
  return json_node_get_object (root);
}

/* The smoke test's check: the file parses, has rows, and counted no value
 * lost or reordered. */
gboolean
bench_report_check_json (const char *path, GError **error)
{
  g_autoptr (JsonParser) parser = json_parser_new ();
  JsonObject *root = load_object (path, parser, error);
  JsonObject *deliveries;

  if (root == NULL)
    return FALSE;
  deliveries = json_object_get_object_member (root, "deliveries");
  if (json_array_get_length (json_object_get_array_member (root, "rows")) == 0 || deliveries == NULL
      || json_object_get_int_member (deliveries, "expected") == 0)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, "%s: no results", path);
      return FALSE;
    }
  if (json_object_get_int_member (deliveries, "lost") != 0
      || json_object_get_int_member (deliveries, "reordered") != 0
      || json_object_get_int_member (deliveries, "duplicates") != 0)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "%s: values were lost or reordered", path);
      return FALSE;
    }
  return TRUE;
}

static JsonObject *
find_by (JsonArray *array, const char *key1, const char *value1, const char *key2,
         const char *value2)
{
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonObject *object = json_array_get_object_element (array, i);

      if (g_strcmp0 (json_object_get_string_member_with_default (object, key1, NULL), value1) == 0
          && (key2 == NULL
              || g_strcmp0 (json_object_get_string_member_with_default (object, key2, NULL), value2)
                     == 0))
        return object;
    }
  return NULL;
}

static void
print_change (const char *label, const char *unit, double old_value, double new_value,
              gboolean higher_is_better)
{
  double change = old_value != 0 ? (new_value - old_value) / old_value * 100 : NAN;
  gboolean better = higher_is_better ? change > 0 : change < 0;

  printf ("  %-44s %-5s %12.2f -> %12.2f  %+7.1f%%%s\n", label, unit, old_value, new_value, change,
          isnan (change) || fabs (change) < 5 ? ""
          : better                            ? "  (better)"
                                              : "  (worse)");
}

gboolean
bench_report_compare (BenchReport *report, const char *old_path, GError **error)
{
  g_autoptr (JsonParser) parser = json_parser_new ();
  JsonObject *old = load_object (old_path, parser, error);
  JsonArray *rows, *memory;

  if (old == NULL)
    return FALSE;
  rows = json_object_get_array_member (old, "rows");
  memory = json_object_get_array_member (old, "memory");
  printf ("\nchange against %s (%s), medians:\n", old_path,
          json_object_get_string_member_with_default (old, "date", "?"));
  for (guint i = 0; i < report->rows->len; i++)
    {
      BenchRow *row = report->rows->pdata[i];
      JsonObject *was = find_by (rows, "id", row->id, NULL, NULL);
      JsonNode *median = was != NULL ? json_object_get_member (was, "median") : NULL;

      if (median == NULL || JSON_NODE_HOLDS_NULL (median))
        printf ("  %-44s (new)\n", row->label);
      else
        print_change (row->label, row->unit, json_node_get_double (median), row->median,
                      row->higher_is_better);
    }
  for (guint i = 0; memory != NULL && i < report->memory->len; i++)
    {
      BenchMemory *m = &g_array_index (report->memory, BenchMemory, i);
      JsonObject *was = find_by (memory, "process", m->process, "phase", m->phase);
      g_autofree char *label = g_strdup_printf ("RSS %s (%s)", m->process, m->phase);

      if (was != NULL)
        print_change (label, "KiB", json_object_get_int_member (was, "rss_kib"), m->rss_kib, FALSE);
    }
  fflush (stdout);
  return TRUE;
}
