/* bench-dashboard.c: measure 4, value change to WebSocket frame
 *
 * The producer module sets its outputs d0..d9 to their send time, 1,000
 * and 10,000 times a second in total; the dashboard process follows them
 * on the bus and sends coalesced "values" frames (at most one per 50 ms,
 * see data/dashboard-protocol.md) to a WebSocket client here, which takes
 * for each change in a frame: arrival time - send time. The value the
 * frame carries is the newest one: coalesced older values never arrive.
 * Responsiveness: while values stream, the client pings the dashboard
 * every 100 ms through the same WebSocket; the baseline of that row is the
 * ping round trip with no values streaming.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "bench.h"

#ifdef BENCH_HAVE_SOUP

#include "bench-clock.h"
#include "bench-cpu.h"
#include "bench-proc.h"
#include "bench-session.h"
#include "bench-ws.h"

#define OUTPUTS 10
#define PING_INTERVAL_MS 100

typedef struct
{
  GArray *latencies_ms; /* double */
  GArray *pings_ms;     /* double */
  guint frames;
  guint changes;
  gboolean have_values; /* a snapshot listed producer.d0 */
  guint ping_id;
  gint64 ping_sent_ns;
  gboolean ping_pending;
} Client;

static void
on_frame (JsonObject *frame, gint64 received_ns, gpointer user_data)
{
  Client *client = user_data;
  const char *type = json_object_get_string_member_with_default (frame, "type", "");

  if (g_str_equal (type, "values") && json_object_has_member (frame, "changes"))
    {
      JsonArray *changes = json_object_get_array_member (frame, "changes");

      client->frames++;
      for (guint i = 0; i < json_array_get_length (changes); i++)
        {
          JsonObject *change = json_array_get_object_element (changes, i);
          const char *id = json_object_get_string_member_with_default (change, "id", "");
          double ms;

          if (!g_str_has_prefix (id, "producer.d"))
            continue;
          client->changes++;
          ms = (received_ns - bench_value_to_ns (json_object_get_double_member (change, "value")))
               / 1e6;
          g_array_append_val (client->latencies_ms, ms);
        }
    }
  else if (g_str_equal (type, "snapshot") && json_object_has_member (frame, "values"))
    {
      JsonArray *values = json_object_get_array_member (frame, "values");

      for (guint i = 0; i < json_array_get_length (values); i++)
        if (g_strcmp0 (json_object_get_string_member_with_default (
                           json_array_get_object_element (values, i), "id", ""),
                       "producer.d0")
            == 0)
          client->have_values = TRUE;
    }
  else if (g_str_equal (type, "result") && client->ping_pending
           && json_object_get_int_member_with_default (frame, "id", -1) == client->ping_id)
    {
      double ms = (received_ns - client->ping_sent_ns) / 1e6;

      g_array_append_val (client->pings_ms, ms);
      client->ping_pending = FALSE;
    }
}

static void
send_ping (BenchWs *ws, Client *client)
{
  g_autofree char *text = NULL;

  if (client->ping_pending)
    return; /* the last one is not back yet: that shows in its time */
  text = g_strdup_printf ("{\"type\": \"ping\", \"id\": %u}", ++client->ping_id);
  client->ping_pending = TRUE;
  client->ping_sent_ns = bench_now_ns ();
  bench_ws_send (ws, text);
}

typedef struct
{
  BenchWs *ws;
  Client *client;
} Pinger;

static gboolean
on_ping_tick (gpointer data)
{
  Pinger *pinger = data;

  send_ping (pinger->ws, pinger->client);
  return G_SOURCE_CONTINUE;
}

static gboolean
ping_back (gpointer data)
{
  return !((Client *)data)->ping_pending;
}

static gboolean
has_values (gpointer data)
{
  return ((Client *)data)->have_values;
}

static void
client_reset (Client *client)
{
  g_array_set_size (client->latencies_ms, 0);
  g_array_set_size (client->pings_ms, 0);
  client->frames = 0;
  client->changes = 0;
}

static void
stream (Bench *bench, BenchSession *session, BenchWs *ws, Client *client, guint rate,
        double seconds, GArray *idle_pings, BenchCpu *cpu)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GVariant) reply = NULL;
  g_autofree char *id = g_strdup_printf ("dashboard.%u", rate);
  g_autofree char *ping_id = g_strdup_printf ("dashboard.%u_ping", rate);
  g_autofree char *label = g_strdup_printf ("4 dashboard: change->frame at %u/s", rate);
  g_autofree char *ping_label = g_strdup_printf ("4 dashboard: ping round trip at %u/s", rate);
  g_autofree char *cpu_text = NULL;
  Pinger pinger = { ws, client };
  guint ping_source;
  gint64 start;
  BenchRow *row;

  client_reset (client);
  bench_cpu_start (cpu);
  start = bench_now_ns ();
  reply = g_dbus_connection_call_sync (bench_session_get_connection (session),
                                       "org.kervi.Module.producer", "/org/kervi/component/producer",
                                       "org.kervi.Actions", "stream",
                                       g_variant_new ("(uu)", rate, (guint32)(seconds * 1000)),
                                       NULL, G_DBUS_CALL_FLAGS_NONE, 10000, NULL, &error);
  if (reply == NULL)
    g_error ("kervi-bench: producer.stream: %s", error->message);
  ping_source = g_timeout_add (PING_INTERVAL_MS, on_ping_tick, &pinger);
  bench_wait_seconds (seconds);
  g_source_remove (ping_source);
  /* The last frame and ping. */
  bench_wait_seconds (0.2);
  kervi_test_wait (ping_back, client, 5);
  bench_cpu_stop (cpu, (guint64)((bench_now_ns () - start) / 1000)); /* per us: a fraction */

  row = bench_report_add_row (bench->report, id, label, "ms", client->latencies_ms, FALSE);
  /* CPU us per us of wall time x 100: % of one core */
  cpu_text = bench_cpu_describe_scaled (cpu, 100);
  bench_row_set_note (row, "%u changes sent; %u frames (%.0f/s) carrying %u; %% of a core: %s",
                      (guint)(rate * seconds), client->frames, client->frames / (seconds + 0.2),
                      client->changes, cpu_text);
  row = bench_report_add_row (bench->report, ping_id, ping_label, "ms", client->pings_ms, FALSE);
  bench_row_set_baseline (row, idle_pings);
  bench_row_set_note (row, "baseline: the same ping with no values streaming");
}

void
bench_measure_dashboard (Bench *bench)
{
  g_autoptr (BenchSession) session = NULL;
  g_autoptr (BenchWs) ws = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GArray) idle_pings = g_array_new (FALSE, FALSE, sizeof (double));
  const char *const roles[] = { "dashboard", "bus", "producer", NULL };
  Client client = { 0 };
  double seconds = bench->quick ? 1 : 5;
  guint idle_count = bench->quick ? 10 : 50;
  GPid dashboard = 0;

  if (bench->dashboard == NULL)
    {
      bench_report_add_skipped (bench->report, "4 dashboard",
                                "kervi-dashboard is not built in this tree");
      return;
    }
  g_printerr ("kervi-bench: 4 dashboard\n");
  session = bench_session_new (bench);
  session->dashboard = TRUE;
  bench_session_add_module (session, "producer", "producer", "[producer]\noutputs=10\n");
  if (!bench_session_start (session))
    g_error ("kervi-bench: the application did not start");

  client.latencies_ms = g_array_new (FALSE, FALSE, sizeof (double));
  client.pings_ms = g_array_new (FALSE, FALSE, sizeof (double));
  ws = bench_ws_connect (session->dashboard_port, 30, &error);
  if (ws == NULL)
    g_error ("kervi-bench: dashboard WebSocket: %s", error->message);
  bench_ws_set_frame_func (ws, on_frame, &client);
  if (!kervi_test_wait (has_values, &client, 30))
    g_error ("kervi-bench: the dashboard did not list producer.d0");

  for (guint i = 0; i < idle_count; i++)
    {
      send_ping (ws, &client);
      kervi_test_wait (ping_back, &client, 5);
    }
  g_array_append_vals (idle_pings, client.pings_ms->data, client.pings_ms->len);

  {
    g_autoptr (GArray) pids = bench_session_get_pids (session);
    for (guint i = 1; i < pids->len; i++)
      {
        g_autofree char *label = bench_proc_label (g_array_index (pids, GPid, i));
        if (g_str_equal (label, "dashboard"))
          dashboard = g_array_index (pids, GPid, i);
      }
  }
  {
    g_autoptr (BenchCpu) low = bench_cpu_new (roles);
    g_autoptr (BenchCpu) high = bench_cpu_new (roles);
    GPid producer = kervi_test_get_pid_of_name (bench_session_get_connection (session),
                                                "org.kervi.Module.producer");

    bench_cpu_add_pid (low, 0, dashboard);
    bench_cpu_add_pid (low, 1, bench_session_get_bus_pid (session));
    bench_cpu_add_pid (low, 2, producer);
    bench_cpu_add_pid (high, 0, dashboard);
    bench_cpu_add_pid (high, 1, bench_session_get_bus_pid (session));
    bench_cpu_add_pid (high, 2, producer);
    stream (bench, session, ws, &client, bench->dashboard_rate_low, seconds, idle_pings, low);
    stream (bench, session, ws, &client, bench->dashboard_rate_high, seconds, idle_pings, high);
  }
  g_array_unref (client.latencies_ms);
  g_array_unref (client.pings_ms);
}

#else /* !BENCH_HAVE_SOUP */

void
bench_measure_dashboard (Bench *bench)
{
  bench_report_add_skipped (bench->report, "4 dashboard", "built without libsoup");
}

#endif
