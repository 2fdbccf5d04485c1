/* consumer.c: benchmark module whose inputs follow the producer by id
 *
 * Component <module id> with inputs in0 .. in<N-1>, each linked to the
 * same source, and the output "done", set to the run number when a run is
 * complete. The folder's bench.ini says what to follow:
 *   [consumer]
 *   inputs=5
 *   source=producer.seq
 * Actions:
 *   reset (s mode, u expected, d base)  start a run ("latency" or "sequence")
 *   results () -> (uuuuuxxat)           what arrived, see bench-stats.h
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <gmodule.h>
#include <kervi.h>

#include "bench-clock.h"
#include "bench-stats.h"

static BenchStats *stats;
static KerviNumberValue *done;
static guint run;

static void
on_input_changed (KerviController *controller, KerviValue *input, gpointer user_data)
{
  gint64 now = bench_now_ns ();
  guint track = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (input), "bench-track"));
  double value = kervi_number_value_get_value (KERVI_NUMBER_VALUE (input));

  if (bench_stats_record (stats, track, value, now))
    kervi_number_value_set_value (done, ++run, NULL);
}

static GVariant *
reset (KerviAction *action, GVariant *args, gpointer user_data)
{
  const char *mode_text;
  guint32 expected;
  double base;
  BenchMode mode;

  g_variant_get (args, "(&sud)", &mode_text, &expected, &base);
  if (!bench_stats_parse_mode (mode_text, &mode))
    {
      kervi_action_fail (action, "mode is latency or sequence");
      return NULL;
    }
  bench_stats_reset (stats, mode, expected, base);
  return NULL;
}

static GVariant *
results (KerviAction *action, GVariant *args, gpointer user_data)
{
  return bench_stats_to_variant (stats);
}

G_MODULE_EXPORT gboolean kervi_module_init (KerviModule *module, GError **error);

G_MODULE_EXPORT gboolean
kervi_module_init (KerviModule *module, GError **error)
{
  g_autofree char *ini = g_build_filename (kervi_module_get_path (module), "bench.ini", NULL);
  g_autoptr (GKeyFile) file = g_key_file_new ();
  g_autoptr (KerviController) consumer = NULL;
  g_autoptr (KerviAction) reset_action = NULL;
  g_autoptr (KerviAction) results_action = NULL;
  g_autofree char *source = NULL;
  guint inputs;

  if (!g_key_file_load_from_file (file, ini, G_KEY_FILE_NONE, error))
    return FALSE;
  inputs = (guint)g_key_file_get_integer (file, "consumer", "inputs", NULL);
  source = g_key_file_get_string (file, "consumer", "source", error);
  if (source == NULL)
    return FALSE;

  consumer = kervi_controller_new (kervi_module_get_id (module), "Consumer");
  stats = bench_stats_new (MAX (inputs, 1));
  for (guint i = 0; i < MAX (inputs, 1); i++)
    {
      g_autofree char *id = g_strdup_printf ("in%u", i);
      g_autoptr (KerviNumberValue) input = kervi_number_value_new (id, id, 0, G_MAXDOUBLE, NULL);

      g_object_set_data (G_OBJECT (input), "bench-track", GUINT_TO_POINTER (i));
      if (!kervi_controller_add_input (consumer, KERVI_VALUE (input), error)
          || !kervi_value_link_to (KERVI_VALUE (input), source, error))
        return FALSE;
    }
  done = kervi_number_value_new ("done", "Runs done", 0, G_MAXDOUBLE, NULL);
  g_signal_connect (consumer, "input-changed", G_CALLBACK (on_input_changed), NULL);

  reset_action = kervi_action_new ("reset", "Reset", "sud", reset, NULL, NULL);
  results_action = kervi_action_new ("results", "Results", "", results, NULL, NULL);
  kervi_action_set_result_signature (results_action, BENCH_STATS_TYPE);
  return kervi_controller_add_output (consumer, KERVI_VALUE (done), error)
         && kervi_component_add_action (KERVI_COMPONENT (consumer), reset_action, error)
         && kervi_component_add_action (KERVI_COMPONENT (consumer), results_action, error);
}
