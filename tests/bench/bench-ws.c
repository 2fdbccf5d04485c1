/* bench-ws.c: a WebSocket client of the dashboard, as a browser is
 *
 * libsoup 3, in this process's main context. Every text frame is parsed
 * (json-glib) and handed over with the monotonic time it arrived at.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <libsoup/soup.h>

#include "bench-clock.h"
#include "bench-ws.h"
#include "kervi-test-util.h"

struct _BenchWs
{
  SoupSession *session;
  SoupWebsocketConnection *connection;
  GError *error;
  gboolean done;
  BenchWsFrameFunc func;
  gpointer user_data;
};

static void
on_message (SoupWebsocketConnection *connection, int type, GBytes *message, BenchWs *ws)
{
  gint64 now = bench_now_ns ();
  g_autoptr (JsonParser) parser = json_parser_new ();
  gsize size;
  const char *data = g_bytes_get_data (message, &size);
  JsonNode *root;

  if (type != SOUP_WEBSOCKET_DATA_TEXT || ws->func == NULL
      || !json_parser_load_from_data (parser, data, (gssize)size, NULL))
    return;
  root = json_parser_get_root (parser);
  if (root != NULL && JSON_NODE_HOLDS_OBJECT (root))
    ws->func (json_node_get_object (root), now, ws->user_data);
}

static void
on_connected (GObject *source, GAsyncResult *result, gpointer user_data)
{
  BenchWs *ws = user_data;

  ws->connection
      = soup_session_websocket_connect_finish (SOUP_SESSION (source), result, &ws->error);
  ws->done = TRUE;
}

static gboolean
connected (gpointer data)
{
  return ((BenchWs *)data)->done;
}

BenchWs *
bench_ws_connect (int port, double timeout_s, GError **error)
{
  BenchWs *ws = g_new0 (BenchWs, 1);
  g_autofree char *uri = g_strdup_printf ("ws://127.0.0.1:%d/ws", port);
  g_autofree char *origin = g_strdup_printf ("http://127.0.0.1:%d", port);
  g_autoptr (SoupMessage) message = soup_message_new ("GET", uri);

  ws->session = soup_session_new ();
  soup_message_headers_replace (soup_message_get_request_headers (message), "Origin", origin);
  soup_session_websocket_connect_async (ws->session, message, origin, NULL, G_PRIORITY_DEFAULT,
                                        NULL, on_connected, ws);
  if (!kervi_test_wait (connected, ws, timeout_s) || ws->connection == NULL)
    {
      if (ws->error != NULL)
        g_propagate_error (error, g_steal_pointer (&ws->error));
      else
        g_set_error (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT, "No WebSocket at %s", uri);
      /* A late callback must find the client alive: wait for it. */
      kervi_test_wait (connected, ws, 30);
      bench_ws_free (ws);
      return NULL;
    }
  /* Snapshots of many values exceed libsoup's default frame limit. */
  g_object_set (ws->connection, "max-incoming-payload-size", (guint64)0, NULL);
  g_signal_connect (ws->connection, "message", G_CALLBACK (on_message), ws);
  return ws;
}

void
bench_ws_set_frame_func (BenchWs *ws, BenchWsFrameFunc func, gpointer user_data)
{
  ws->func = func;
  ws->user_data = user_data;
}

void
bench_ws_send (BenchWs *ws, const char *text)
{
  soup_websocket_connection_send_text (ws->connection, text);
}

void
bench_ws_free (BenchWs *ws)
{
  if (ws->connection != NULL)
    {
      g_signal_handlers_disconnect_by_data (ws->connection, ws);
      if (soup_websocket_connection_get_state (ws->connection) == SOUP_WEBSOCKET_STATE_OPEN)
        soup_websocket_connection_close (ws->connection, SOUP_WEBSOCKET_CLOSE_NORMAL, NULL);
      g_object_unref (ws->connection);
    }
  g_clear_error (&ws->error);
  g_object_unref (ws->session);
  g_free (ws);
}
