/* kd-hub.c: the browsers connected, and what they are sent
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "config.h"

#include "kd-client.h"
#include "kd-hub.h"
#include "kd-json.h"

/* Every browser gets a snapshot when it connects and whenever the
 * structure changes, then:
 *   - "values": coalesced changes, at most one frame per
 *     KD_FLUSH_INTERVAL_MS with the latest value of each value changed
 *     since the last frame (a sensor changing 1000 times a second costs
 *     20 frames a second);
 *   - "action" and "module" messages as they happen (they are rare). */

struct _KdHub
{
  GObject parent_instance;

  GDBusConnection *bus;
  KdModel *model;
  GPtrArray *clients;  /* of KdClient */
  GHashTable *pending; /* value ids changed since the last frame */
  guint flush_source;
  gint64 last_flush;
  guint snapshot_source;
  guint serial;
};

G_DEFINE_FINAL_TYPE (KdHub, kd_hub, G_TYPE_OBJECT)

static void
broadcast (KdHub *self, JsonNode *message)
{
  g_autofree char *text = NULL;

  if (self->clients->len == 0 || message == NULL)
    return;
  text = kd_json_to_string (message);
  for (guint i = 0; i < self->clients->len; i++)
    kd_client_send_text (g_ptr_array_index (self->clients, i), text);
}

static gboolean
flush_cb (gpointer user_data)
{
  KdHub *self = user_data;
  g_autoptr (JsonNode) message = json_node_new (JSON_NODE_OBJECT);
  JsonObject *object = json_object_new ();
  JsonArray *changes = json_array_new ();
  GHashTableIter iter;
  gpointer id;

  self->flush_source = 0;
  self->last_flush = g_get_monotonic_time ();

  g_hash_table_iter_init (&iter, self->pending);
  while (g_hash_table_iter_next (&iter, &id, NULL))
    {
      JsonNode *change = kd_model_value_change_json (self->model, id);
      if (change != NULL)
        json_array_add_element (changes, change);
    }
  g_hash_table_remove_all (self->pending);

  json_object_set_string_member (object, "type", "values");
  json_object_set_array_member (object, "changes", changes);
  json_node_take_object (message, object);
  if (json_array_get_length (changes) > 0)
    broadcast (self, message);
  return G_SOURCE_REMOVE;
}

static void
value_changed_cb (KdModel *model, const char *id, KdHub *self)
{
  gint64 since;

  if (self->clients->len == 0)
    return;
  if (!g_hash_table_contains (self->pending, id))
    g_hash_table_add (self->pending, g_strdup (id));
  if (self->flush_source != 0)
    return;
  /* The first change after a quiet time goes out at once, later ones wait
   * for the rest of the interval. */
  since = (g_get_monotonic_time () - self->last_flush) / 1000;
  self->flush_source = g_timeout_add (
      since >= KD_FLUSH_INTERVAL_MS ? 0 : KD_FLUSH_INTERVAL_MS - since, flush_cb, self);
}

static gboolean
snapshot_cb (gpointer user_data)
{
  KdHub *self = user_data;
  g_autoptr (JsonNode) snapshot = NULL;

  self->snapshot_source = 0;
  if (self->clients->len == 0)
    return G_SOURCE_REMOVE;
  snapshot = kd_model_build_snapshot (self->model);
  broadcast (self, snapshot);
  return G_SOURCE_REMOVE;
}

static void
structure_changed_cb (KdModel *model, KdHub *self)
{
  if (self->clients->len == 0 || self->snapshot_source != 0)
    return;
  self->snapshot_source = g_timeout_add (KD_SNAPSHOT_DELAY_MS, snapshot_cb, self);
}

static void
action_changed_cb (KdModel *model, const char *id, KdHub *self)
{
  g_autoptr (JsonNode) message = kd_model_action_json (model, id);

  broadcast (self, message);
}

static void
module_changed_cb (KdModel *model, const char *id, KdHub *self)
{
  g_autoptr (JsonNode) message = kd_model_module_json (model, id);

  g_message (
      "Module %s is %s", id,
      json_object_get_string_member (
          json_object_get_object_member (json_node_get_object (message), "module"), "state"));
  broadcast (self, message);
}

static void
client_closed_cb (KdClient *client, KdHub *self)
{
  g_signal_handlers_disconnect_by_data (client, self);
  g_ptr_array_remove (self->clients, client);
}

void
kd_hub_add_connection (KdHub *self, SoupWebsocketConnection *connection)
{
  KdClient *client = kd_client_new (connection, self->bus, self->model, ++self->serial);
  g_autoptr (JsonNode) snapshot = kd_model_build_snapshot (self->model);

  g_debug ("Browser %u connected", self->serial);
  g_ptr_array_add (self->clients, client);
  g_signal_connect (client, "closed", G_CALLBACK (client_closed_cb), self);
  kd_client_send (client, snapshot);
}

static void
kd_hub_dispose (GObject *object)
{
  KdHub *self = KD_HUB (object);

  g_clear_handle_id (&self->flush_source, g_source_remove);
  g_clear_handle_id (&self->snapshot_source, g_source_remove);
  if (self->model != NULL)
    g_signal_handlers_disconnect_by_data (self->model, self);
  for (guint i = 0; i < self->clients->len; i++)
    g_signal_handlers_disconnect_by_data (g_ptr_array_index (self->clients, i), self);
  g_ptr_array_set_size (self->clients, 0);
  g_clear_object (&self->model);
  g_clear_object (&self->bus);

  G_OBJECT_CLASS (kd_hub_parent_class)->dispose (object);
}

static void
kd_hub_finalize (GObject *object)
{
  KdHub *self = KD_HUB (object);

  g_ptr_array_unref (self->clients);
  g_hash_table_unref (self->pending);

  G_OBJECT_CLASS (kd_hub_parent_class)->finalize (object);
}

static void
kd_hub_class_init (KdHubClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = kd_hub_dispose;
  G_OBJECT_CLASS (klass)->finalize = kd_hub_finalize;
}

static void
kd_hub_init (KdHub *self)
{
  self->clients = g_ptr_array_new_with_free_func (g_object_unref);
  self->pending = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
}

KdHub *
kd_hub_new (GDBusConnection *bus, KdModel *model)
{
  KdHub *self = g_object_new (KD_TYPE_HUB, NULL);

  self->bus = g_object_ref (bus);
  self->model = g_object_ref (model);
  g_signal_connect (model, "structure-changed", G_CALLBACK (structure_changed_cb), self);
  g_signal_connect (model, "value-changed", G_CALLBACK (value_changed_cb), self);
  g_signal_connect (model, "action-changed", G_CALLBACK (action_changed_cb), self);
  g_signal_connect (model, "module-changed", G_CALLBACK (module_changed_cb), self);
  return self;
}
