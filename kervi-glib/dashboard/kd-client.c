/* kd-client.c: one browser's WebSocket connection
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "config.h"

#include "kd-client.h"
#include "kd-invoke.h"
#include "kd-json.h"

/* Reads the browser's messages ("call", "set", "ping"), answers each with
 * "result" or "error", and sends what the hub broadcasts. A bad message
 * never closes the connection: it gets an "error" message back. */

struct _KdClient
{
  GObject parent_instance;

  SoupWebsocketConnection *connection;
  GDBusConnection *bus;
  KdModel *model;
  GCancellable *cancellable;
  guint serial; /* for the log */
};

G_DEFINE_FINAL_TYPE (KdClient, kd_client, G_TYPE_OBJECT)

enum
{
  SIGNAL_CLOSED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

void
kd_client_send_text (KdClient *self, const char *text)
{
  if (soup_websocket_connection_get_state (self->connection) == SOUP_WEBSOCKET_STATE_OPEN)
    soup_websocket_connection_send_text (self->connection, text);
}

void
kd_client_send (KdClient *self, JsonNode *message)
{
  g_autofree char *text = kd_json_to_string (message);

  kd_client_send_text (self, text);
}

static void
send_reply (KdClient *self, JsonNode *id, JsonNode *result, const GError *error)
{
  g_autoptr (JsonBuilder) builder = json_builder_new ();
  g_autoptr (JsonNode) root = NULL;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "type");
  json_builder_add_string_value (builder, error != NULL ? "error" : "result");
  json_builder_set_member_name (builder, "id");
  if (id != NULL)
    json_builder_add_value (builder, json_node_copy (id));
  else
    json_builder_add_null_value (builder);
  if (error != NULL)
    {
      g_autoptr (GError) stripped = g_error_copy (error);

      g_dbus_error_strip_remote_error (stripped);
      json_builder_set_member_name (builder, "code");
      json_builder_add_string_value (builder, kd_error_code (error));
      json_builder_set_member_name (builder, "message");
      json_builder_add_string_value (builder, stripped->message);
    }
  else
    {
      json_builder_set_member_name (builder, "result");
      json_builder_add_value (builder, result != NULL ? json_node_copy (result)
                                                      : json_node_init_null (json_node_alloc ()));
    }
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  kd_client_send (self, root);
}

static void send_error (KdClient *self, JsonNode *id, KdError code, const char *format, ...)
    G_GNUC_PRINTF (4, 5);

static void
send_error (KdClient *self, JsonNode *id, KdError code, const char *format, ...)
{
  g_autoptr (GError) error = NULL;
  va_list args;

  va_start (args, format);
  error = g_error_new_valist (KD_ERROR, code, format, args);
  va_end (args);
  g_message ("Browser %u: %s", self->serial, error->message);
  send_reply (self, id, NULL, error);
}

typedef struct
{
  KdClient *self;
  JsonNode *id;
} ReplyData;

static void
invoke_done_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  ReplyData *data = user_data;
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonNode) node = kd_invoke_finish (result, &error);

  if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      if (error != NULL)
        g_message ("Browser %u: %s", data->self->serial, error->message);
      send_reply (data->self, data->id, node, error);
    }
  g_clear_pointer (&data->id, json_node_unref);
  g_object_unref (data->self);
  g_free (data);
}

static const char *
get_string_member (JsonObject *object, const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node)
      || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

static void
handle_message (KdClient *self, JsonObject *message)
{
  JsonNode *id = json_object_get_member (message, "id");
  const char *type = get_string_member (message, "type");
  ReplyData *data;

  if (id != NULL && !JSON_NODE_HOLDS_VALUE (id) && !JSON_NODE_HOLDS_NULL (id))
    {
      send_error (self, NULL, KD_ERROR_BAD_REQUEST, "'id' must be a number or a string");
      return;
    }
  if (type == NULL)
    {
      send_error (self, id, KD_ERROR_BAD_REQUEST, "A message needs a string 'type'");
      return;
    }

  if (g_str_equal (type, "ping"))
    {
      g_autoptr (JsonNode) pong = json_node_init_string (json_node_alloc (), "pong");

      send_reply (self, id, pong, NULL);
      return;
    }
  if (!g_str_equal (type, "call") && !g_str_equal (type, "set"))
    {
      send_error (self, id, KD_ERROR_BAD_REQUEST,
                  "Unknown message type '%s': use call, set or ping", type);
      return;
    }

  data = g_new0 (ReplyData, 1);
  data->self = g_object_ref (self);
  data->id = id != NULL ? json_node_copy (id) : NULL;

  if (g_str_equal (type, "call"))
    {
      const char *action = get_string_member (message, "action");
      JsonNode *args = json_object_get_member (message, "args");

      if (action == NULL)
        send_error (self, id, KD_ERROR_BAD_REQUEST, "A call needs a string 'action'");
      else
        {
          kd_invoke_call (self->bus, self->model, action, args, self->cancellable, invoke_done_cb,
                          data);
          return;
        }
    }
  else
    {
      const char *value = get_string_member (message, "value");
      JsonNode *value_data = json_object_get_member (message, "data");

      if (value == NULL || value_data == NULL)
        send_error (self, id, KD_ERROR_BAD_REQUEST, "A set needs a string 'value' and 'data'");
      else
        {
          kd_invoke_set (self->bus, self->model, value, value_data, self->cancellable,
                         invoke_done_cb, data);
          return;
        }
    }
  g_clear_pointer (&data->id, json_node_unref);
  g_object_unref (data->self);
  g_free (data);
}

static void
message_cb (SoupWebsocketConnection *connection, int type, GBytes *bytes, KdClient *self)
{
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autoptr (GError) error = NULL;
  gsize size;
  const char *text = g_bytes_get_data (bytes, &size);

  if (type != SOUP_WEBSOCKET_DATA_TEXT)
    {
      send_error (self, NULL, KD_ERROR_BAD_REQUEST, "Binary messages are not accepted");
      return;
    }
  if (size > KD_MAX_MESSAGE)
    {
      send_error (self, NULL, KD_ERROR_TOO_BIG,
                  "Message of %" G_GSIZE_FORMAT " bytes dropped: the limit is %d bytes", size,
                  KD_MAX_MESSAGE);
      return;
    }
  if (!json_parser_load_from_data (parser, text, size, &error))
    {
      send_error (self, NULL, KD_ERROR_BAD_REQUEST, "Message is not JSON: %s", error->message);
      return;
    }
  if (!JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    {
      send_error (self, NULL, KD_ERROR_BAD_REQUEST, "Message is not a JSON object");
      return;
    }
  handle_message (self, json_node_get_object (json_parser_get_root (parser)));
}

static void
closed_cb (SoupWebsocketConnection *connection, KdClient *self)
{
  g_debug ("Browser %u left (code %u)", self->serial,
           soup_websocket_connection_get_close_code (connection));
  g_cancellable_cancel (self->cancellable);
  g_signal_emit (self, signals[SIGNAL_CLOSED], 0);
}

static void
kd_client_dispose (GObject *object)
{
  KdClient *self = KD_CLIENT (object);

  g_cancellable_cancel (self->cancellable);
  if (self->connection != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->connection, self);
      if (soup_websocket_connection_get_state (self->connection) == SOUP_WEBSOCKET_STATE_OPEN)
        soup_websocket_connection_close (self->connection, SOUP_WEBSOCKET_CLOSE_GOING_AWAY, NULL);
    }
  g_clear_object (&self->connection);
  g_clear_object (&self->bus);
  g_clear_object (&self->model);
  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (kd_client_parent_class)->dispose (object);
}

static void
kd_client_class_init (KdClientClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = kd_client_dispose;

  signals[SIGNAL_CLOSED] = g_signal_new ("closed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                         NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
kd_client_init (KdClient *self)
{
  self->cancellable = g_cancellable_new ();
}

KdClient *
kd_client_new (SoupWebsocketConnection *connection, GDBusConnection *bus, KdModel *model,
               guint serial)
{
  KdClient *self = g_object_new (KD_TYPE_CLIENT, NULL);

  self->connection = g_object_ref (connection);
  self->bus = g_object_ref (bus);
  self->model = g_object_ref (model);
  self->serial = serial;
  soup_websocket_connection_set_max_incoming_payload_size (connection, KD_HARD_MESSAGE_LIMIT);
  soup_websocket_connection_set_keepalive_interval (connection, 30);
  g_signal_connect (connection, "message", G_CALLBACK (message_cb), self);
  g_signal_connect (connection, "closed", G_CALLBACK (closed_cb), self);
  return self;
}
