/* bench-flow.c: sending values from a source to sinks and counting them
 *
 * One run: reset every sink, start the source (pulse: paced send times;
 * burst: a sequence as fast as it can), wait until every sink says it is
 * complete (or a timeout), then collect what each counted.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "bench-flow.h"
#include "kervi-test-util.h"

#define KERVI_ACTIONS "org.kervi.Actions"

BenchSource *
bench_source_new_kervi (const char *module_id)
{
  BenchSource *source = g_new0 (BenchSource, 1);

  source->bus_name = g_strconcat ("org.kervi.Module.", module_id, NULL);
  source->path = g_strconcat ("/org/kervi/component/", module_id, NULL);
  source->interface = g_strdup (KERVI_ACTIONS);
  source->pulse_method = g_strdup ("pulse");
  source->burst_method = g_strdup ("burst");
  return source;
}

BenchSource *
bench_source_new_raw (const char *bus_name)
{
  BenchSource *source = g_new0 (BenchSource, 1);

  source->bus_name = g_strdup (bus_name);
  source->path = g_strdup ("/org/kervi/bench/raw");
  source->interface = g_strdup ("org.kervi.BenchRaw");
  source->pulse_method = g_strdup ("Pulse");
  source->burst_method = g_strdup ("Burst");
  return source;
}

void
bench_source_free (BenchSource *source)
{
  g_free (source->bus_name);
  g_free (source->path);
  g_free (source->interface);
  g_free (source->pulse_method);
  g_free (source->burst_method);
  g_free (source);
}

BenchSink *
bench_sink_new_kervi (const char *module_id)
{
  BenchSink *sink = g_new0 (BenchSink, 1);

  sink->bus_name = g_strconcat ("org.kervi.Module.", module_id, NULL);
  sink->path = g_strconcat ("/org/kervi/component/", module_id, NULL);
  sink->interface = g_strdup (KERVI_ACTIONS);
  sink->reset_method = g_strdup ("reset");
  sink->results_method = g_strdup ("results");
  sink->done_path = g_strconcat (sink->path, "/done", NULL);
  sink->done_interface = g_strdup ("org.kervi.Value");
  sink->done_member = g_strdup ("Changed");
  return sink;
}

BenchSink *
bench_sink_new_raw (const char *unique_name)
{
  BenchSink *sink = g_new0 (BenchSink, 1);

  sink->bus_name = g_strdup (unique_name);
  sink->path = g_strdup ("/org/kervi/bench/receiver");
  sink->interface = g_strdup ("org.kervi.BenchRawReceiver");
  sink->reset_method = g_strdup ("Reset");
  sink->results_method = g_strdup ("Results");
  sink->done_sender = g_strdup (unique_name);
  sink->done_path = g_strdup (sink->path);
  sink->done_interface = g_strdup (sink->interface);
  sink->done_member = g_strdup ("Done");
  return sink;
}

void
bench_sink_free (BenchSink *sink)
{
  g_free (sink->bus_name);
  g_free (sink->path);
  g_free (sink->interface);
  g_free (sink->reset_method);
  g_free (sink->results_method);
  g_free (sink->done_sender);
  g_free (sink->done_path);
  g_free (sink->done_interface);
  g_free (sink->done_member);
  g_free (sink);
}

void
bench_delivery_clear (BenchDelivery *delivery)
{
  g_clear_pointer (&delivery->latencies_ns, g_array_unref);
  memset (delivery, 0, sizeof *delivery);
}

typedef struct
{
  guint sinks_done;
  guint n_sinks;
  gboolean started;
  GVariant *reply;
  GError *error;
} RunState;

static void
on_done (GDBusConnection *connection, const char *sender, const char *path, const char *interface,
         const char *signal, GVariant *parameters, gpointer user_data)
{
  ((RunState *)user_data)->sinks_done++;
}

static void
on_started (GObject *source, GAsyncResult *result, gpointer user_data)
{
  RunState *state = user_data;

  state->reply = g_dbus_connection_call_finish (G_DBUS_CONNECTION (source), result, &state->error);
  state->started = TRUE;
}

static gboolean
run_finished (gpointer data)
{
  RunState *state = data;

  return state->error != NULL || (state->started && state->sinks_done >= state->n_sinks);
}

static GVariant *
call (GDBusConnection *connection, const char *bus_name, const char *path, const char *interface,
      const char *method, GVariant *args, GError **error)
{
  return g_dbus_connection_call_sync (connection, bus_name, path, interface, method, args, NULL,
                                      G_DBUS_CALL_FLAGS_NONE, 60000, NULL, error);
}

static gboolean
collect (GDBusConnection *connection, BenchSink *sink, BenchDelivery *delivery, GError **error)
{
  g_autoptr (GVariant) reply = call (connection, sink->bus_name, sink->path, sink->interface,
                                     sink->results_method, NULL, error);
  g_autoptr (GVariant) latencies = NULL;
  guint32 expected, received, lost, reordered, duplicates;
  gint64 first, last;
  const guint64 *values;
  gsize n_values;

  if (reply == NULL)
    return FALSE;
  g_variant_get (reply, "((uuuuuxx@at))", &expected, &received, &lost, &reordered, &duplicates,
                 &first, &last, &latencies);
  delivery->expected += expected;
  delivery->received += received;
  delivery->lost += lost;
  delivery->reordered += reordered;
  delivery->duplicates += duplicates;
  if (first != 0 && (delivery->first_ns == 0 || first < delivery->first_ns))
    delivery->first_ns = first;
  delivery->last_ns = MAX (delivery->last_ns, last);
  values = g_variant_get_fixed_array (latencies, &n_values, sizeof (guint64));
  for (gsize i = 0; i < n_values; i++)
    {
      double ns = (double)values[i];
      g_array_append_val (delivery->latencies_ns, ns);
    }
  return TRUE;
}

/* @sinks: (element-type BenchSink)
 * @interval_ms: for BENCH_MODE_LATENCY, the pulse interval */
gboolean
bench_flow_run (GDBusConnection *connection, BenchSource *source, GPtrArray *sinks, BenchMode mode,
                guint n, guint interval_ms, double base, BenchDelivery *delivery, GError **error)
{
  RunState state = { .n_sinks = sinks->len };
  g_autoptr (GArray) subscriptions = g_array_new (FALSE, FALSE, sizeof (guint));
  double timeout_s
      = 30 + (mode == BENCH_MODE_LATENCY ? n * (interval_ms + 1) / 1000.0 : n / 2000.0);
  gboolean ok = TRUE;

  bench_delivery_clear (delivery);
  delivery->latencies_ns = g_array_new (FALSE, FALSE, sizeof (double));

  for (guint i = 0; i < sinks->len; i++)
    {
      BenchSink *sink = sinks->pdata[i];
      g_autoptr (GVariant) reply = NULL;
      guint id = g_dbus_connection_signal_subscribe (
          connection, sink->done_sender, sink->done_interface, sink->done_member, sink->done_path,
          NULL, G_DBUS_SIGNAL_FLAGS_NONE, on_done, &state, NULL);

      g_array_append_val (subscriptions, id);
      reply = call (connection, sink->bus_name, sink->path, sink->interface, sink->reset_method,
                    g_variant_new ("(sud)",
                                   mode == BENCH_MODE_LATENCY ? "latency"
                                   : sink->reemit             ? "sequence+reemit"
                                                              : "sequence",
                                   n, base),
                    error);
      if (reply == NULL)
        {
          ok = FALSE;
          goto out;
        }
    }
  /* The AddMatch calls of the subscriptions went before the resets: a done
   * signal cannot come before its rule is in place. */

  if (mode == BENCH_MODE_LATENCY)
    g_dbus_connection_call (connection, source->bus_name, source->path, source->interface,
                            source->pulse_method, g_variant_new ("(uu)", n, interval_ms), NULL,
                            G_DBUS_CALL_FLAGS_NONE, -1, NULL, on_started, &state);
  else
    g_dbus_connection_call (connection, source->bus_name, source->path, source->interface,
                            source->burst_method, g_variant_new ("(ud)", n, base), NULL,
                            G_DBUS_CALL_FLAGS_NONE, (int)(timeout_s * 1000), NULL, on_started,
                            &state);
  /* A sink that lost values never says it is complete: time out and count. */
  kervi_test_wait (run_finished, &state, timeout_s);
  if (!state.started && !kervi_test_wait (run_finished, &state, 30))
    g_error ("kervi-bench: %s.%s did not return", source->bus_name, source->burst_method);
  if (state.error != NULL)
    {
      g_propagate_error (error, state.error);
      state.error = NULL;
      ok = FALSE;
      goto out;
    }
  if (state.reply != NULL && g_variant_is_of_type (state.reply, G_VARIANT_TYPE ("((xx))")))
    g_variant_get (state.reply, "((xx))", &delivery->send_start_ns, &delivery->send_end_ns);

  for (guint i = 0; i < sinks->len && ok; i++)
    ok = collect (connection, sinks->pdata[i], delivery, error);

out:
  for (guint i = 0; i < subscriptions->len; i++)
    g_dbus_connection_signal_unsubscribe (connection, g_array_index (subscriptions, guint, i));
  g_clear_pointer (&state.reply, g_variant_unref);
  return ok;
}
