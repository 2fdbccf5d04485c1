/* dashboard-test-client.c: talking to a real kervi-dashboard from a test
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <stdio.h>

#include "dashboard-test-client.h"

#define MARKER "Dashboard at http://127.0.0.1:"

/* Starts the test application with @modules and its dashboard on port 0,
 * and finds the chosen port in the dashboard's log line. */
DashApp *
dash_app_start (const char *modules)
{
  DashApp *self = g_new0 (DashApp, 1);
  g_autofree char *config = g_strdup_printf ("[application]\nmodules=%s\nmodule-dir=%s\n"
                                             "[dashboard]\nenabled=true\nport=0\n",
                                             modules, g_getenv ("KERVI_TEST_MODULE_DIR"));
  const char *marker;

  self->app = kervi_test_app_new (g_getenv ("KERVI_TEST_APP"), config);
  if (!kervi_test_app_start (self->app, 30))
    g_error ("The application did not start:\n%s", self->app->output->str);
  if (!kervi_test_app_wait_output (self->app, MARKER, 10))
    g_error ("The dashboard did not log its URL:\n%s", self->app->output->str);
  marker = strstr (self->app->output->str, MARKER);
  self->port = (guint)g_ascii_strtoull (marker + strlen (MARKER), NULL, 10);
  g_assert_cmpuint (self->port, >, 0);
  self->session = soup_session_new ();
  return self;
}

void
dash_app_free (DashApp *self)
{
  g_clear_object (&self->session);
  g_clear_pointer (&self->app, kervi_test_app_free);
  g_free (self);
}

GBytes *
dash_http (DashApp *self, const char *method, const char *path, guint *status,
           SoupMessageHeaders **headers)
{
  g_autofree char *url = g_strdup_printf ("http://127.0.0.1:%u%s", self->port, path);
  g_autoptr (SoupMessage) msg = soup_message_new (method, url);
  g_autoptr (GError) error = NULL;
  GBytes *body = soup_session_send_and_read (self->session, msg, NULL, &error);

  g_assert_no_error (error);
  *status = soup_message_get_status (msg);
  if (headers != NULL)
    *headers = soup_message_headers_ref (soup_message_get_response_headers (msg));
  return body;
}

/* WebSocket */

static void
message_cb (SoupWebsocketConnection *connection, int type, GBytes *bytes, WsClient *self)
{
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autoptr (GError) error = NULL;
  gsize size;
  const char *text = g_bytes_get_data (bytes, &size);

  g_assert_cmpint (type, ==, SOUP_WEBSOCKET_DATA_TEXT);
  json_parser_load_from_data (parser, text, size, &error);
  g_assert_no_error (error);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)));
  g_ptr_array_add (self->messages, json_node_copy (json_parser_get_root (parser)));
}

static void
closed_cb (SoupWebsocketConnection *connection, WsClient *self)
{
  self->closed = TRUE;
  self->close_code = soup_websocket_connection_get_close_code (connection);
}

typedef struct
{
  gboolean done;
  SoupWebsocketConnection *connection;
  GError *error;
} ConnectData;

static void
connect_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  ConnectData *data = user_data;

  data->connection
      = soup_session_websocket_connect_finish (SOUP_SESSION (source), result, &data->error);
  data->done = TRUE;
}

static gboolean
is_done (gpointer data)
{
  return ((ConnectData *)data)->done;
}

/* @origin: the Origin header, "same" for the dashboard's own origin, or NULL. */
WsClient *
ws_client_connect (DashApp *app, const char *origin, GError **error)
{
  g_autofree char *url = g_strdup_printf ("ws://127.0.0.1:%u/ws", app->port);
  g_autofree char *same = g_strdup_printf ("http://127.0.0.1:%u", app->port);
  g_autoptr (SoupMessage) msg = soup_message_new ("GET", url);
  ConnectData data = { 0 };
  WsClient *self;

  soup_session_websocket_connect_async (app->session, msg,
                                        g_strcmp0 (origin, "same") == 0 ? same : origin, NULL,
                                        G_PRIORITY_DEFAULT, NULL, connect_cb, &data);
  g_assert_true (kervi_test_wait (is_done, &data, 10));
  if (data.connection == NULL)
    {
      g_propagate_error (error, data.error);
      return NULL;
    }
  self = g_new0 (WsClient, 1);
  self->connection = data.connection;
  self->messages = g_ptr_array_new_with_free_func ((GDestroyNotify)json_node_unref);
  /* Our own huge frames must reach the dashboard's limits, not ours. */
  soup_websocket_connection_set_max_incoming_payload_size (self->connection, 64 * 1024 * 1024);
  g_signal_connect (self->connection, "message", G_CALLBACK (message_cb), self);
  g_signal_connect (self->connection, "closed", G_CALLBACK (closed_cb), self);
  return self;
}

void
ws_client_free (WsClient *self)
{
  g_signal_handlers_disconnect_by_data (self->connection, self);
  if (soup_websocket_connection_get_state (self->connection) == SOUP_WEBSOCKET_STATE_OPEN)
    soup_websocket_connection_close (self->connection, SOUP_WEBSOCKET_CLOSE_NORMAL, NULL);
  g_object_unref (self->connection);
  g_ptr_array_unref (self->messages);
  g_free (self);
}

void
ws_client_send (WsClient *self, const char *text)
{
  soup_websocket_connection_send_text (self->connection, text);
}

typedef struct
{
  WsClient *client;
  guint from;
  WsMatch match;
  gconstpointer data;
  JsonObject *found;
} WaitData;

static gboolean
found_or_closed (gpointer user_data)
{
  WaitData *wait = user_data;

  for (; wait->from < wait->client->messages->len; wait->from++)
    {
      JsonObject *message
          = json_node_get_object (g_ptr_array_index (wait->client->messages, wait->from));
      if (wait->match (message, wait->data))
        {
          wait->found = message;
          return TRUE;
        }
    }
  return wait->client->closed;
}

/* The first message from index @from on that @match accepts, or NULL. */
JsonObject *
ws_client_wait (WsClient *self, guint from, WsMatch match, gconstpointer data, double timeout_s)
{
  WaitData wait = { self, from, match, data, NULL };

  kervi_test_wait (found_or_closed, &wait, timeout_s);
  return wait.found;
}

gboolean
ws_match_reply (JsonObject *message, gconstpointer id)
{
  const char *type = json_object_get_string_member (message, "type");

  return (g_str_equal (type, "result") || g_str_equal (type, "error"))
         && json_object_has_member (message, "id")
         && JSON_NODE_HOLDS_VALUE (json_object_get_member (message, "id"))
         && json_object_get_int_member (message, "id") == *(const gint64 *)id;
}

/* Sends @json_with_id (a request with "id": @id) and waits for its reply. */
JsonObject *
ws_client_request (WsClient *self, const char *json_with_id, gint64 id)
{
  guint from = self->messages->len;

  ws_client_send (self, json_with_id);
  return ws_client_wait (self, from, ws_match_reply, &id, 10);
}

JsonObject *
json_array_find (JsonObject *object, const char *member, const char *id)
{
  JsonArray *array = json_object_get_array_member (object, member);

  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonObject *item = json_array_get_object_element (array, i);
      if (g_strcmp0 (json_object_get_string_member (item, "id"), id) == 0)
        return item;
    }
  return NULL;
}

typedef struct
{
  const char *member;
  const char *id;
  gboolean online;
} SnapshotWant;

static gboolean
match_snapshot (JsonObject *message, gconstpointer data)
{
  const SnapshotWant *want = data;
  JsonObject *value;

  if (!g_str_equal (json_object_get_string_member (message, "type"), "snapshot"))
    return FALSE;
  value = json_array_find (message, want->member, want->id);
  return value != NULL && json_object_get_boolean_member (value, "online") == want->online;
}

/* The first snapshot from @from on where the item @id of @member ("values",
 * "actions", ...) is known and online (or offline). */
JsonObject *
ws_client_wait_snapshot (WsClient *self, guint from, const char *member, const char *id,
                         gboolean online, double timeout_s)
{
  SnapshotWant want = { member, id, online };

  return ws_client_wait (self, from, match_snapshot, &want, timeout_s);
}
