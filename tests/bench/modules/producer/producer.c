/* producer.c: benchmark module that sends values
 *
 * Component <module id> with the output "seq" (a number) and actions
 *   pulse (u n, u interval_ms)   n values, one per interval, each the send
 *                                time (latency runs); returns at once
 *   burst (u n, d base) -> (xx)  base .. base + n - 1 as fast as it can;
 *                                returns the monotonic times (ns) of the
 *                                first and after the last set
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <gmodule.h>
#include <kervi.h>

#include "bench-clock.h"
#include "bench-pacer.h"

static KerviNumberValue *seq;

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

  seq = kervi_number_value_new ("seq", "Sequence", 0, G_MAXDOUBLE, NULL);
  kervi_action_set_result_signature (burst_action, "(xx)");
  return kervi_controller_add_output (producer, KERVI_VALUE (seq), error)
         && kervi_component_add_action (KERVI_COMPONENT (producer), pulse_action, error)
         && kervi_component_add_action (KERVI_COMPONENT (producer), burst_action, error);
}
