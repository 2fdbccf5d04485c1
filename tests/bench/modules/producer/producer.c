/* producer.c: benchmark module that sends values
 *
 * Component <module id> with the output "seq" (a number) and actions
 *   pulse (u n, u interval_ms)   n values, one per interval, each the send
 *                                time (latency runs); returns at once
 *   burst (u n, d base) -> (xx)  base .. base + n - 1 as fast as it can;
 *                                returns the monotonic times (ns) of the
 *                                first and after the last set
 *   stream (u rate, u ms)        the send time, rate times a second in total,
 *                                round robin over the outputs d0, d1, ...
 *                                for ms milliseconds; returns at once
 * The folder's bench.ini may say how many outputs d<i> there are:
 *   [producer]
 *   outputs=10
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <gmodule.h>
#include <kervi.h>

#include "bench-clock.h"
#include "bench-pacer.h"

static KerviNumberValue *seq;
static GPtrArray *outputs; /* KerviNumberValue d<i> */

typedef struct
{
  guint rate;
  gint64 start_ns;
  gint64 end_ns;
  guint64 sent;
} Stream;

/* Every millisecond, sends what the rate asks for by now. */
static gboolean
on_stream_tick (gpointer user_data)
{
  Stream *stream = user_data;
  gint64 now = bench_now_ns ();
  guint64 due = (guint64)((MIN (now, stream->end_ns) - stream->start_ns) / 1e9 * stream->rate);

  for (; stream->sent < due; stream->sent++)
    kervi_number_value_set_value (outputs->pdata[stream->sent % outputs->len],
                                  bench_ns_to_value (bench_now_ns ()), NULL);
  return now < stream->end_ns ? G_SOURCE_CONTINUE : G_SOURCE_REMOVE;
}

static GVariant *
stream (KerviAction *action, GVariant *args, gpointer user_data)
{
  Stream *data = g_new0 (Stream, 1);
  guint32 ms;

  g_variant_get (args, "(uu)", &data->rate, &ms);
  if (outputs->len == 0)
    {
      g_free (data);
      kervi_action_fail (action, "no outputs d<i>: see bench.ini");
      return NULL;
    }
  data->start_ns = bench_now_ns ();
  data->end_ns = data->start_ns + (gint64)ms * 1000000;
  g_timeout_add_full (G_PRIORITY_DEFAULT, 1, on_stream_tick, data, g_free);
  return NULL;
}

static void
send_time (guint index, gpointer user_data)
{
  kervi_number_value_set_value (seq, bench_ns_to_value (bench_now_ns ()), NULL);
}

static GVariant *
pulse (KerviAction *action, GVariant *args, gpointer user_data)
{
  guint32 n, interval_ms;

  g_variant_get (args, "(uu)", &n, &interval_ms);
  bench_pacer_start (n, interval_ms, send_time, NULL);
  return NULL;
}

static GVariant *
burst (KerviAction *action, GVariant *args, gpointer user_data)
{
  guint32 n;
  double base;
  gint64 start, end;

  g_variant_get (args, "(ud)", &n, &base);
  start = bench_now_ns ();
  for (guint32 i = 0; i < n; i++)
    kervi_number_value_set_value (seq, base + i, NULL);
  end = bench_now_ns ();
  return g_variant_new ("(xx)", start, end);
}

G_MODULE_EXPORT gboolean kervi_module_init (KerviModule *module, GError **error);

G_MODULE_EXPORT gboolean
kervi_module_init (KerviModule *module, GError **error)
{
  g_autoptr (KerviController) producer
      = kervi_controller_new (kervi_module_get_id (module), "Producer");
  g_autoptr (KerviAction) pulse_action
      = kervi_action_new ("pulse", "Pulse", "uu", pulse, NULL, NULL);
  g_autoptr (KerviAction) burst_action
      = kervi_action_new ("burst", "Burst", "ud", burst, NULL, NULL);
  g_autoptr (KerviAction) stream_action
      = kervi_action_new ("stream", "Stream", "uu", stream, NULL, NULL);
  g_autofree char *ini = g_build_filename (kervi_module_get_path (module), "bench.ini", NULL);
  g_autoptr (GKeyFile) file = g_key_file_new ();
  guint n_outputs = 0;

  if (g_key_file_load_from_file (file, ini, G_KEY_FILE_NONE, NULL))
    n_outputs = (guint)MAX (g_key_file_get_integer (file, "producer", "outputs", NULL), 0);
  outputs = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < n_outputs; i++)
    {
      g_autofree char *id = g_strdup_printf ("d%u", i);
      KerviNumberValue *output = kervi_number_value_new (id, id, 0, G_MAXDOUBLE, "us");

      g_ptr_array_add (outputs, output);
      if (!kervi_controller_add_output (producer, KERVI_VALUE (output), error))
        return FALSE;
    }

  seq = kervi_number_value_new ("seq", "Sequence", 0, G_MAXDOUBLE, NULL);
  kervi_action_set_result_signature (burst_action, "(xx)");
  return kervi_controller_add_output (producer, KERVI_VALUE (seq), error)
         && kervi_component_add_action (KERVI_COMPONENT (producer), pulse_action, error)
         && kervi_component_add_action (KERVI_COMPONENT (producer), burst_action, error)
         && kervi_component_add_action (KERVI_COMPONENT (producer), stream_action, error);
}
