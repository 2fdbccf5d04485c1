/* kd-watcher.c: follows the Kervi processes on the bus into a KdModel
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "config.h"

#include "kd-bus.h"
#include "kd-json.h"
#include "kd-watcher.h"

/* One KdPeer per bus name org.kervi.App and org.kervi.Module.*, from the
 * moment the name has an owner until it loses it: a
 * GDBusObjectManagerClient on its /org/kervi gives the objects, their
 * cached properties and their signals. What a peer exported is marked
 * offline in the model when the peer goes. */

typedef struct
{
  KdWatcher *watcher;
  char *name;
  char *module_id; /* for org.kervi.Module.<id>, else NULL */
  GDBusObjectManager *manager;
  GCancellable *cancellable;
} KdPeer;

struct _KdWatcher
{
  GObject parent_instance;

  GDBusConnection *connection;
  KdModel *model;
  GCancellable *cancellable;
  GHashTable *peers; /* bus name -> KdPeer */
  guint name_owner_changed_id;
};

G_DEFINE_FINAL_TYPE (KdWatcher, kd_watcher, G_TYPE_OBJECT)

static void
kd_peer_free (KdPeer *peer)
{
  g_cancellable_cancel (peer->cancellable);
  g_clear_object (&peer->cancellable);
  if (peer->manager != NULL)
    g_signal_handlers_disconnect_by_data (peer->manager, peer);
  g_clear_object (&peer->manager);
  g_free (peer->name);
  g_free (peer->module_id);
  g_free (peer);
}

/* The id of the component at or above @path (/org/kervi/component/<id>[/<value>]):
 * its Component Id when the object is known, else the path element (ids
 * are path elements as they are, see data/org.kervi.xml). */
static char *
component_id_for (KdPeer *peer, const char *path)
{
  g_autofree char *component_path = NULL;
  g_autoptr (GDBusInterface) component = NULL;
  const char *rest, *slash;

  if (g_str_equal (path, KD_APP_PATH))
    return g_strdup (KD_APP_COMPONENT_ID);
  if (!g_str_has_prefix (path, KD_COMPONENT_ROOT))
    return NULL;
  rest = path + strlen (KD_COMPONENT_ROOT);
  slash = strchr (rest, '/');
  component_path = slash != NULL ? g_strndup (path, slash - path) : g_strdup (path);
  if (peer->manager != NULL)
    component
        = g_dbus_object_manager_get_interface (peer->manager, component_path, KD_COMPONENT_IFACE);
  if (component != NULL)
    {
      g_autofree char *id = kd_proxy_dup_string (G_DBUS_PROXY (component), "Id");
      if (*id != '\0')
        return g_steal_pointer (&id);
    }
  return slash != NULL ? g_strndup (rest, slash - rest) : g_strdup (rest);
}

/* Objects */

static void
update_component (KdPeer *peer, const char *path, GDBusProxy *proxy)
{
  KdComponent *c = g_new0 (KdComponent, 1);

  c->id = kd_proxy_dup_string (proxy, "Id");
  c->name = kd_proxy_dup_string (proxy, "Name");
  c->type = kd_proxy_dup_string (proxy, "Type");
  c->module = kd_proxy_dup_string (proxy, "Module");
  c->available = kd_proxy_get_boolean (proxy, "Available");
  c->status = kd_proxy_dup_string (proxy, "Status");
  c->info = kd_proxy_get_json (proxy, "Info");
  c->links = kd_proxy_get_json (proxy, "Dashboards");
  c->online = TRUE;
  c->owner = g_strdup (peer->name);
  c->path = g_strdup (path);
  if (*c->id == '\0')
    {
      g_warning ("Ignoring component without Id at %s on %s", path, peer->name);
      kd_component_free (c);
      return;
    }
  kd_model_put_component (peer->watcher->model, c);
}

static void
update_value (KdPeer *peer, const char *path, GDBusProxy *proxy)
{
  KdValue *v = g_new0 (KdValue, 1);
  g_autoptr (GVariant) options = g_dbus_proxy_get_cached_property (proxy, "Options");
  g_autoptr (GVariant) value = g_dbus_proxy_get_cached_property (proxy, "Value");
  g_autoptr (GVariant) timestamp = g_dbus_proxy_get_cached_property (proxy, "Timestamp");

  v->id = kd_proxy_dup_string (proxy, "Id");
  v->name = kd_proxy_dup_string (proxy, "Name");
  v->component = component_id_for (peer, path);
  v->kind = kd_proxy_dup_string (proxy, "Type");
  v->unit = kd_proxy_dup_string (proxy, "Unit");
  v->min = kd_proxy_get_double (proxy, "Min");
  v->max = kd_proxy_get_double (proxy, "Max");
  v->input = kd_proxy_get_boolean (proxy, "Input");
  if (options != NULL && g_variant_is_of_type (options, G_VARIANT_TYPE_STRING_ARRAY))
    v->options = g_variant_dup_strv (options, NULL);
  if (value != NULL && g_variant_is_of_type (value, G_VARIANT_TYPE_VARIANT))
    v->value = g_variant_get_variant (value);
  if (timestamp != NULL && g_variant_is_of_type (timestamp, G_VARIANT_TYPE_INT64))
    v->timestamp = g_variant_get_int64 (timestamp);
  v->online = TRUE;
  v->owner = g_strdup (peer->name);
  v->path = g_strdup (path);
  if (*v->id == '\0')
    {
      g_warning ("Ignoring value without Id at %s on %s", path, peer->name);
      kd_value_free (v);
      return;
    }
  kd_model_put_value (peer->watcher->model, v);
}

static void
update_app (KdPeer *peer, GDBusProxy *proxy)
{
  g_autofree char *id = kd_proxy_dup_string (proxy, "Id");
  g_autofree char *name = kd_proxy_dup_string (proxy, "Name");
  g_autoptr (GVariant) modules = g_dbus_proxy_get_cached_property (proxy, "Modules");

  kd_model_set_app (peer->watcher->model, id, name);
  if (modules != NULL && g_variant_is_of_type (modules, G_VARIANT_TYPE ("a{ss}")))
    {
      GVariantIter iter;
      const char *module, *state;

      g_variant_iter_init (&iter, modules);
      while (g_variant_iter_next (&iter, "{&s&s}", &module, &state))
        kd_model_module_state (peer->watcher->model, module, state, NULL, TRUE);
    }
}

typedef struct
{
  KdPeer *peer;
  char *path;
  char *component;
  GDBusProxy *actions; /* for the States property */
} IntrospectData;

static void
introspect_data_free (IntrospectData *data)
{
  g_free (data->path);
  g_free (data->component);
  g_object_unref (data->actions);
  g_free (data);
}

static void
introspect_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  IntrospectData *data = user_data;
  g_autoptr (GError) error = NULL;
  g_autoptr (GVariant) reply = NULL;
  g_autoptr (GDBusNodeInfo) node = NULL;
  g_autoptr (GVariant) states = NULL;
  GDBusInterfaceInfo *iface;
  const char *xml;

  reply = g_dbus_connection_call_finish (G_DBUS_CONNECTION (source), result, &error);
  if (reply == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_warning ("Cannot introspect the actions of %s: %s", data->path, error->message);
      introspect_data_free (data);
      return;
    }
  g_variant_get (reply, "(&s)", &xml);
  node = g_dbus_node_info_new_for_xml (xml, &error);
  iface = node != NULL ? g_dbus_node_info_lookup_interface (node, KD_ACTIONS_IFACE) : NULL;
  if (iface == NULL)
    {
      g_warning ("No %s in the introspection of %s", KD_ACTIONS_IFACE, data->path);
      introspect_data_free (data);
      return;
    }

  states = g_dbus_proxy_get_cached_property (data->actions, "States");
  for (guint i = 0; iface->methods != NULL && iface->methods[i] != NULL; i++)
    {
      GDBusMethodInfo *method = iface->methods[i];
      KdAction *a = g_new0 (KdAction, 1);
      GString *signature = g_string_new (NULL);
      const char *state = NULL;

      for (guint j = 0; method->in_args != NULL && method->in_args[j] != NULL; j++)
        g_string_append (signature, method->in_args[j]->signature);
      if (states != NULL && g_variant_is_of_type (states, G_VARIANT_TYPE ("a{ss}")))
        g_variant_lookup (states, method->name, "&s", &state);

      a->id = g_strdup_printf ("%s.%s", data->component, method->name);
      a->component = g_strdup (data->component);
      a->method = g_strdup (method->name);
      a->signature = g_string_free (signature, FALSE);
      a->state = g_strdup (state != NULL ? state : "idle");
      a->message = g_strdup ("");
      a->online = TRUE;
      a->owner = g_strdup (data->peer->name);
      a->path = g_strdup (data->path);
      kd_model_put_action (data->peer->watcher->model, a);
    }
  introspect_data_free (data);
}

/* Action methods are not in the static interface description: the
 * object's Introspect() lists them with their argument types. */
static void
introspect_actions (KdPeer *peer, const char *path, GDBusProxy *proxy)
{
  IntrospectData *data = g_new0 (IntrospectData, 1);

  data->peer = peer;
  data->path = g_strdup (path);
  data->component = component_id_for (peer, path);
  data->actions = g_object_ref (proxy);
  if (data->component == NULL)
    {
      introspect_data_free (data);
      return;
    }
  g_dbus_connection_call (peer->watcher->connection, peer->name, path,
                          "org.freedesktop.DBus.Introspectable", "Introspect", NULL,
                          G_VARIANT_TYPE ("(s)"), G_DBUS_CALL_FLAGS_NO_AUTO_START, -1,
                          peer->cancellable, introspect_cb, data);
}

static void
handle_object (KdPeer *peer, GDBusObject *object)
{
  const char *path = g_dbus_object_get_object_path (object);
  g_autoptr (GDBusInterface) component = g_dbus_object_get_interface (object, KD_COMPONENT_IFACE);
  g_autoptr (GDBusInterface) value = g_dbus_object_get_interface (object, KD_VALUE_IFACE);
  g_autoptr (GDBusInterface) app = g_dbus_object_get_interface (object, KD_APP_IFACE);
  g_autoptr (GDBusInterface) actions = g_dbus_object_get_interface (object, KD_ACTIONS_IFACE);

  if (component != NULL)
    update_component (peer, path, G_DBUS_PROXY (component));
  if (value != NULL)
    update_value (peer, path, G_DBUS_PROXY (value));
  if (app != NULL)
    update_app (peer, G_DBUS_PROXY (app));
  if (actions != NULL)
    introspect_actions (peer, path, G_DBUS_PROXY (actions));
}

/* Manager signals */

static void
object_added_cb (GDBusObjectManager *manager, GDBusObject *object, KdPeer *peer)
{
  handle_object (peer, object);
}

static void
object_removed_cb (GDBusObjectManager *manager, GDBusObject *object, KdPeer *peer)
{
  kd_model_set_offline (peer->watcher->model, peer->name, g_dbus_object_get_object_path (object));
}

static void
interface_added_cb (GDBusObjectManager *manager, GDBusObject *object, GDBusInterface *iface,
                    KdPeer *peer)
{
  handle_object (peer, object);
}

static void
properties_changed_cb (GDBusObjectManagerClient *manager, GDBusObjectProxy *object,
                       GDBusProxy *proxy, GVariant *changed, GStrv invalidated, KdPeer *peer)
{
  const char *iface = g_dbus_proxy_get_interface_name (proxy);
  const char *path = g_dbus_proxy_get_object_path (proxy);

  if (g_str_equal (iface, KD_COMPONENT_IFACE))
    update_component (peer, path, proxy);
  else if (g_str_equal (iface, KD_APP_IFACE))
    update_app (peer, proxy);
}

static void
proxy_signal_cb (GDBusObjectManagerClient *manager, GDBusObjectProxy *object, GDBusProxy *proxy,
                 const char *sender, const char *signal, GVariant *params, KdPeer *peer)
{
  const char *iface = g_dbus_proxy_get_interface_name (proxy);
  const char *path = g_dbus_proxy_get_object_path (proxy);
  KdModel *model = peer->watcher->model;

  if (g_str_equal (iface, KD_VALUE_IFACE) && g_str_equal (signal, "Changed")
      && g_variant_is_of_type (params, G_VARIANT_TYPE ("(vx)")))
    {
      g_autofree char *id = kd_proxy_dup_string (proxy, "Id");
      g_autoptr (GVariant) value = NULL;
      gint64 timestamp;

      g_variant_get (params, "(vx)", &value, &timestamp);
      kd_model_value_changed (model, id, value, timestamp);
    }
  else if (g_str_equal (iface, KD_ACTIONS_IFACE) && g_str_equal (signal, "StateChanged")
           && g_variant_is_of_type (params, G_VARIANT_TYPE ("(sss)")))
    {
      g_autofree char *component = component_id_for (peer, path);
      g_autofree char *id = NULL;
      const char *action, *state, *message;

      g_variant_get (params, "(&s&s&s)", &action, &state, &message);
      id = g_strdup_printf ("%s.%s", component, action);
      kd_model_action_state (model, id, state, message);
    }
  else if (g_str_equal (iface, KD_APP_IFACE) && g_str_equal (signal, "ModuleStateChanged")
           && g_variant_is_of_type (params, G_VARIANT_TYPE ("(sss)")))
    {
      const char *module, *state, *message;

      g_variant_get (params, "(&s&s&s)", &module, &state, &message);
      kd_model_module_state (model, module, state, message, TRUE);
    }
}

/* Signals that arrive while the manager client is still building its
 * proxies are dropped by it. Once it is ready, one more GetManagedObjects
 * closes that gap: a change before our call is in its reply, a change
 * after it comes as a signal that now finds its proxy. */
static void
resync_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  KdPeer *peer = user_data;
  g_autoptr (GError) error = NULL;
  g_autoptr (GVariant) reply = NULL;
  g_autoptr (GVariant) objects = NULL;
  GVariantIter iter;
  const char *path;
  GVariant *interfaces;

  reply = g_dbus_connection_call_finish (G_DBUS_CONNECTION (source), result, &error);
  if (reply == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_debug ("Cannot resync %s: %s", peer->name, error->message);
      return;
    }
  objects = g_variant_get_child_value (reply, 0);
  g_variant_iter_init (&iter, objects);
  while (g_variant_iter_next (&iter, "{&o@a{sa{sv}}}", &path, &interfaces))
    {
      g_autoptr (GVariant) value_props = g_variant_lookup_value (interfaces, KD_VALUE_IFACE, NULL);
      g_autoptr (GVariant) actions_props
          = g_variant_lookup_value (interfaces, KD_ACTIONS_IFACE, NULL);
      const char *id = NULL;
      g_autoptr (GVariant) value = NULL;
      gint64 timestamp = 0;

      if (value_props != NULL && g_variant_lookup (value_props, "Id", "&s", &id)
          && g_variant_lookup (value_props, "Value", "v", &value)
          && g_variant_lookup (value_props, "Timestamp", "x", &timestamp) && timestamp > 0)
        {
          KdValue *record = kd_model_lookup_value (peer->watcher->model, id);
          if (record != NULL && timestamp > record->timestamp)
            kd_model_value_changed (peer->watcher->model, id, value, timestamp);
        }
      if (actions_props != NULL)
        {
          g_autofree char *component = component_id_for (peer, path);
          g_autoptr (GVariant) states
              = g_variant_lookup_value (actions_props, "States", G_VARIANT_TYPE ("a{ss}"));
          GVariantIter state_iter;
          const char *action, *state;

          if (states != NULL && component != NULL)
            {
              g_variant_iter_init (&state_iter, states);
              while (g_variant_iter_next (&state_iter, "{&s&s}", &action, &state))
                {
                  g_autofree char *action_id = g_strdup_printf ("%s.%s", component, action);
                  KdAction *record = kd_model_lookup_action (peer->watcher->model, action_id);

                  if (record != NULL && g_strcmp0 (record->state, state) != 0)
                    kd_model_action_state (peer->watcher->model, action_id, state, "");
                }
            }
        }
      g_variant_unref (interfaces);
    }
}

/* Peers */

static void
manager_ready_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  KdPeer *peer = user_data;
  g_autoptr (GError) error = NULL;
  GDBusObjectManager *manager;
  GList *objects;

  manager = g_dbus_object_manager_client_new_finish (result, &error);
  if (manager == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_warning ("Cannot follow the objects of %s: %s", peer->name, error->message);
      return; /* cancelled: peer is gone */
    }
  peer->manager = manager;
  g_signal_connect (manager, "object-added", G_CALLBACK (object_added_cb), peer);
  g_signal_connect (manager, "object-removed", G_CALLBACK (object_removed_cb), peer);
  g_signal_connect (manager, "interface-added", G_CALLBACK (interface_added_cb), peer);
  g_signal_connect (manager, "interface-proxy-properties-changed",
                    G_CALLBACK (properties_changed_cb), peer);
  g_signal_connect (manager, "interface-proxy-signal", G_CALLBACK (proxy_signal_cb), peer);

  objects = g_dbus_object_manager_get_objects (manager);
  for (GList *l = objects; l != NULL; l = l->next)
    handle_object (peer, l->data);
  g_list_free_full (objects, g_object_unref);

  /* After the Introspect calls of handle_object(): replies come in order. */
  g_dbus_connection_call (peer->watcher->connection, peer->name, KD_OBJECT_ROOT,
                          "org.freedesktop.DBus.ObjectManager", "GetManagedObjects", NULL,
                          G_VARIANT_TYPE ("(a{oa{sa{sv}}})"), G_DBUS_CALL_FLAGS_NO_AUTO_START, -1,
                          peer->cancellable, resync_cb, peer);
}

static gboolean
is_followed_name (const char *name)
{
  return g_str_equal (name, KD_APP_BUS_NAME)
         || (g_str_has_prefix (name, KD_MODULE_BUS_NAME_PREFIX)
             && name[strlen (KD_MODULE_BUS_NAME_PREFIX)] != '\0');
}

static void
peer_add (KdWatcher *self, const char *name)
{
  KdPeer *peer;

  if (!is_followed_name (name) || g_hash_table_contains (self->peers, name))
    return;

  g_debug ("Following %s", name);
  peer = g_new0 (KdPeer, 1);
  peer->watcher = self;
  peer->name = g_strdup (name);
  peer->cancellable = g_cancellable_new ();
  if (g_str_has_prefix (name, KD_MODULE_BUS_NAME_PREFIX))
    peer->module_id = g_strdup (name + strlen (KD_MODULE_BUS_NAME_PREFIX));
  g_hash_table_insert (self->peers, peer->name, peer);

  if (peer->module_id != NULL)
    kd_model_module_state (self->model, peer->module_id, "ready", NULL, FALSE);
  g_dbus_object_manager_client_new (
      self->connection, G_DBUS_OBJECT_MANAGER_CLIENT_FLAGS_DO_NOT_AUTO_START, name, KD_OBJECT_ROOT,
      NULL, NULL, NULL, peer->cancellable, manager_ready_cb, peer);
}

static void
peer_remove (KdWatcher *self, const char *name)
{
  KdPeer *peer = g_hash_table_lookup (self->peers, name);
  g_autofree char *module_id = NULL;

  if (peer == NULL)
    return;
  g_debug ("%s left the bus", name);
  module_id = g_strdup (peer->module_id);
  g_hash_table_remove (self->peers, name);
  kd_model_set_offline (self->model, name, NULL);
  if (module_id != NULL)
    kd_model_module_state (self->model, module_id, "stopped", NULL, FALSE);
}

static void
name_owner_changed_cb (GDBusConnection *connection, const char *sender, const char *path,
                       const char *iface, const char *signal, GVariant *params, gpointer user_data)
{
  KdWatcher *self = user_data;
  const char *name, *old_owner, *new_owner;

  if (!g_variant_is_of_type (params, G_VARIANT_TYPE ("(sss)")))
    return;
  g_variant_get (params, "(&s&s&s)", &name, &old_owner, &new_owner);
  if (*old_owner != '\0')
    peer_remove (self, name);
  if (*new_owner != '\0')
    peer_add (self, name);
}

static void
list_names_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GVariant) reply = NULL;
  g_autofree const char **names = NULL;
  KdWatcher *self;

  reply = g_dbus_connection_call_finish (G_DBUS_CONNECTION (source), result, &error);
  if (reply == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_warning ("Cannot list the names on the bus: %s", error->message);
      return;
    }
  self = user_data;
  g_variant_get (reply, "(^a&s)", &names);
  for (guint i = 0; names[i] != NULL; i++)
    peer_add (self, names[i]);
}

static void
kd_watcher_dispose (GObject *object)
{
  KdWatcher *self = KD_WATCHER (object);

  g_cancellable_cancel (self->cancellable);
  if (self->name_owner_changed_id != 0)
    g_dbus_connection_signal_unsubscribe (self->connection, self->name_owner_changed_id);
  self->name_owner_changed_id = 0;
  g_hash_table_remove_all (self->peers);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->model);
  g_clear_object (&self->connection);

  G_OBJECT_CLASS (kd_watcher_parent_class)->dispose (object);
}

static void
kd_watcher_finalize (GObject *object)
{
  g_hash_table_unref (KD_WATCHER (object)->peers);

  G_OBJECT_CLASS (kd_watcher_parent_class)->finalize (object);
}

static void
kd_watcher_class_init (KdWatcherClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = kd_watcher_dispose;
  G_OBJECT_CLASS (klass)->finalize = kd_watcher_finalize;
}

static void
kd_watcher_init (KdWatcher *self)
{
  self->peers = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, (GDestroyNotify)kd_peer_free);
  self->cancellable = g_cancellable_new ();
}

KdWatcher *
kd_watcher_new (GDBusConnection *connection, KdModel *model)
{
  KdWatcher *self = g_object_new (KD_TYPE_WATCHER, NULL);

  self->connection = g_object_ref (connection);
  self->model = g_object_ref (model);
  /* Subscribe before listing, so that no name falls between the two. */
  self->name_owner_changed_id = g_dbus_connection_signal_subscribe (
      connection, "org.freedesktop.DBus", "org.freedesktop.DBus", "NameOwnerChanged",
      "/org/freedesktop/DBus", KD_BUS_NAMESPACE, G_DBUS_SIGNAL_FLAGS_MATCH_ARG0_NAMESPACE,
      name_owner_changed_cb, self, NULL);
  g_dbus_connection_call (connection, "org.freedesktop.DBus", "/org/freedesktop/DBus",
                          "org.freedesktop.DBus", "ListNames", NULL, G_VARIANT_TYPE ("(as)"),
                          G_DBUS_CALL_FLAGS_NONE, -1, self->cancellable, list_names_cb, self);
  return self;
}
