/* kervi-bench.c: how fast and how small, against raw GDBus in the same run
 *
 * Starts the real benchmark application (bench-app.c) with real module
 * processes (modules/) on its private bus, and raw GDBus processes
 * (bench-raw-peer.c, bench-raw-receiver.c) on the same bus as the
 * baseline; runs the measures, prints one table and writes the results as
 * JSON. See README.md.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <locale.h>
#include <stdio.h>

#include "bench-proc.h"
#include "bench.h"

typedef struct
{
  const char *key;
  const char *description;
  BenchMeasure run;
} Measure;

static const Measure measures[] = {
  { "1", "action round trip", bench_measure_roundtrip },
  { "2", "value propagation", bench_measure_propagation },
  { "3", "throughput", bench_measure_throughput },
  { "4", "dashboard", bench_measure_dashboard },
  { "5", "memory (with 7)", bench_measure_example },
  { "6", "start and stop", bench_measure_start_stop },
};

/* The program named by @env, else the one built next to this program. */
static char *
program (const char *env, const char *built)
{
  const char *value = g_getenv (env);

  return g_strdup (value != NULL && *value != '\0' ? value : built);
}

static void
set_default_env (const char *name, const char *value)
{
  if (value != NULL && g_getenv (name) == NULL)
    g_setenv (name, value, TRUE);
}

static void
machine_facts (Bench *bench)
{
  g_autofree char *cores = g_strdup_printf ("%u", g_get_num_processors ());
  g_autofree char *model = bench_proc_cpu_model ();
  g_autofree char *kernel = bench_proc_kernel ();
  g_autofree char *glib
      = g_strdup_printf ("%u.%u.%u", glib_major_version, glib_minor_version, glib_micro_version);
  g_autofree char *mode = NULL;

  mode = bench->quick ? g_strdup ("quick (smoke run, figures not meaningful)")
                      : g_strdup_printf ("full, %u samples, %u x %u values", bench->samples,
                                         bench->runs, bench->values);
  bench_report_set_fact (bench->report, "cores", cores);
  bench_report_set_fact (bench->report, "cpu", model);
  bench_report_set_fact (bench->report, "kernel", kernel);
  bench_report_set_fact (bench->report, "glib", glib);
  bench_report_set_fact (bench->report, "build", BENCH_BUILD_TYPE);
  bench_report_set_fact (bench->report, "mode", mode);
}

int
main (int argc, char **argv)
{
  Bench bench = { 0 };
  g_autofree char *output = NULL;
  g_autofree char *compare = NULL;
  g_autofree char *only = NULL;
  gboolean check = FALSE;
  int samples = -1, values = -1, runs = -1, load_seconds = 60, idle_seconds = -1, procs = 2;
  g_autoptr (GError) error = NULL;
  const GOptionEntry entries[] = {
    { "quick", 'q', 0, G_OPTION_ARG_NONE, &bench.quick, "Smoke run: few samples, short waits",
      NULL },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, "Write the results here (kervi-bench.json)",
      "FILE" },
    { "compare", 'c', 0, G_OPTION_ARG_FILENAME, &compare, "Print the change against an older run",
      "OLD.json" },
    { "only", 0, 0, G_OPTION_ARG_STRING, &only, "Run these measures only, e.g. 1,2,3 (5 runs 7)",
      "LIST" },
    { "samples", 0, 0, G_OPTION_ARG_INT, &samples, "Round trips / latency samples (2000)", "N" },
    { "values", 0, 0, G_OPTION_ARG_INT, &values, "Values per throughput run (20000)", "N" },
    { "runs", 0, 0, G_OPTION_ARG_INT, &runs, "Throughput runs, start/stop runs (5)", "N" },
    { "load-seconds", 0, 0, G_OPTION_ARG_INT, &load_seconds, "Full load before memory (60)", "S" },
    { "idle-seconds", 0, 0, G_OPTION_ARG_INT, &idle_seconds, "Idle window (10)", "S" },
    { "subscriber-processes", 0, 0, G_OPTION_ARG_INT, &procs,
      "Processes holding the 10 subscribers (2)", "N" },
    { "check", 0, 0, G_OPTION_ARG_NONE, &check,
      "Fail unless every value arrived in order and the JSON file is valid", NULL },
    { NULL }
  };
  g_autoptr (GOptionContext) context = g_option_context_new ("- benchmark kervi-glib");
  gboolean load_seconds_given;
  int status = 0;

  setlocale (LC_ALL, "");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("kervi-bench: %s\n", error->message);
      return 2;
    }
  load_seconds_given = load_seconds != 60;
  bench.samples = samples > 0 ? (guint)samples : bench.quick ? 100 : 2000;
  bench.values = values > 0 ? (guint)values : bench.quick ? 2000 : 20000;
  bench.runs = runs > 0 ? (guint)runs : bench.quick ? 1 : 5;
  bench.load_seconds = load_seconds_given ? (guint)MAX (load_seconds, 0) : bench.quick ? 1 : 60;
  bench.idle_seconds = idle_seconds > 0 ? (guint)idle_seconds : bench.quick ? 1 : 10;
  bench.subscriber_procs = (guint)CLAMP (procs, 1, 10);
  bench.dashboard_rate_low = 1000;
  bench.dashboard_rate_high = 10000;
  if (output == NULL)
    output = g_strdup ("kervi-bench.json");

  bench.app = program ("KERVI_BENCH_APP", BENCH_BUILD_DIR "/kervi-bench-app");
  bench.raw_peer = program ("KERVI_BENCH_RAW_PEER", BENCH_BUILD_DIR "/kervi-bench-raw-peer");
  bench.raw_receiver
      = program ("KERVI_BENCH_RAW_RECEIVER", BENCH_BUILD_DIR "/kervi-bench-raw-receiver");
  bench.modules = program ("KERVI_BENCH_MODULES", BENCH_BUILD_DIR "/modules");
  bench.example_app = program ("KERVI_BENCH_EXAMPLE_APP", BENCH_EXAMPLE_APP);
  bench.example_modules = g_path_get_dirname (bench.example_app);
  bench.dashboard = *BENCH_DASHBOARD != '\0' || g_getenv ("KERVI_DASHBOARD") != NULL
                        ? program ("KERVI_DASHBOARD", BENCH_DASHBOARD)
                        : NULL;
  bench.dbus_daemon = program ("KERVI_DBUS_DAEMON", BENCH_DBUS_DAEMON);
  bench.bus_config = program ("KERVI_BUS_CONFIG", BENCH_BUS_CONFIG);

  /* What the application and its children find their programs by; no
   * test-time debugging aids that slow them down. */
  set_default_env ("KERVI_MODULE_HOST", BENCH_MODULE_HOST);
  set_default_env ("KERVI_BUS_CONFIG", bench.bus_config);
  set_default_env ("KERVI_DBUS_DAEMON", bench.dbus_daemon);
  if (bench.dashboard != NULL)
    set_default_env ("KERVI_DASHBOARD", bench.dashboard);
  g_unsetenv ("G_DEBUG");
  g_unsetenv ("G_SLICE");
  g_unsetenv ("MALLOC_CHECK_");
  g_unsetenv ("MALLOC_PERTURB_");
  g_unsetenv ("G_MESSAGES_DEBUG");

  bench.report = bench_report_new ();
  machine_facts (&bench);
  bench_report_set_option (bench.report, "quick", bench.quick);
  bench_report_set_option (bench.report, "samples", bench.samples);
  bench_report_set_option (bench.report, "values", bench.values);
  bench_report_set_option (bench.report, "runs", bench.runs);
  bench_report_set_option (bench.report, "load_seconds", bench.load_seconds);
  bench_report_set_option (bench.report, "idle_seconds", bench.idle_seconds);
  bench_report_set_option (bench.report, "subscriber_processes", bench.subscriber_procs);

  for (guint i = 0; i < G_N_ELEMENTS (measures); i++)
    {
      g_auto (GStrv) keys = only != NULL ? g_strsplit (only, ",", -1) : NULL;

      if (keys == NULL || g_strv_contains ((const char *const *)keys, measures[i].key)
          || (g_str_equal (measures[i].key, "5")
              && g_strv_contains ((const char *const *)keys, "7")))
        measures[i].run (&bench);
    }

  bench_report_print (bench.report);
  if (!bench_report_write_json (bench.report, output, &error))
    {
      g_printerr ("kervi-bench: cannot write %s: %s\n", output, error->message);
      return 1;
    }
  printf ("results: %s\n", output);
  if (compare != NULL && !bench_report_compare (bench.report, compare, &error))
    {
      g_printerr ("kervi-bench: %s\n", error->message);
      g_clear_error (&error);
      status = 1;
    }
  if (check && !bench_report_check_json (output, &error))
    {
      g_printerr ("kervi-bench: check failed: %s\n", error->message);
      status = 1;
    }
  bench_report_free (bench.report);
  return status;
}
