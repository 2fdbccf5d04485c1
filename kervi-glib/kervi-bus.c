/* kervi-bus.c: this process's connection to the application's bus
 *
 * One per process. Once connected it exports every component of the
 * registry, and the ones registered later, below the ObjectManager at
 * /org/kervi, and runs the directory of the other processes' objects.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "config.h"

#include "kervi-bus.h"
#include "kervi-error.h"
#include "kervi-export.h"
#include "kervi-registry.h"

struct _KerviBus
{
  GObject parent_instance;

  GDBusConnection *connection;
  GDBusObjectManagerServer *manager;
  KerviDirectory *directory;
  GHashTable *exported; /* KerviComponent -> ExportedComponent */
  guint filter_id;
  guint pending_calls;

  /* Read by the message filter in GDBus's worker thread. */
  GMutex lock;
  GHashTable *action_signatures; /* object path -> (action id -> signature) */
};

G_DEFINE_FINAL_TYPE (KerviBus, kervi_bus, G_TYPE_OBJECT)

enum
{
  SIGNAL_CLOSED,
  SIGNAL_IDLE,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

typedef struct
{
  KerviBus *bus;
  KerviComponent *component;
  GDBusObjectSkeleton *object;
  GHashTable *values; /* KerviValue -> GDBusObjectSkeleton */
  KerviSkeleton *actions;
} ExportedComponent;

static void
exported_component_free (ExportedComponent *exported)
{
  KerviBus *self = exported->bus;
  GHashTableIter iter;
  gpointer object;

  g_signal_handlers_disconnect_by_data (exported->component, exported);
  g_hash_table_iter_init (&iter, exported->values);
  while (g_hash_table_iter_next (&iter, NULL, &object))
    g_dbus_object_manager_server_unexport (self->manager,
                                           g_dbus_object_get_object_path (G_DBUS_OBJECT (object)));
  g_hash_table_unref (exported->values);
  kervi_bus_set_action_signatures (
      self, g_dbus_object_get_object_path (G_DBUS_OBJECT (exported->object)), NULL);
  g_dbus_object_manager_server_unexport (
      self->manager, g_dbus_object_get_object_path (G_DBUS_OBJECT (exported->object)));
  g_clear_object (&exported->actions);
  g_object_unref (exported->object);
  g_object_unref (exported->component);
  g_free (exported);
}

static void
export_value (ExportedComponent *exported, KerviValue *value)
{
  g_autofree char *path = _kervi_value_object_path (value);
  g_autoptr (GDBusObjectSkeleton) object = g_dbus_object_skeleton_new (path);
  g_autoptr (KerviSkeleton) skeleton = _kervi_export_value (value);

  g_dbus_object_skeleton_add_interface (object, G_DBUS_INTERFACE_SKELETON (skeleton));
  g_hash_table_insert (exported->values, value, g_object_ref (object));
  g_dbus_object_manager_server_export (exported->bus->manager, object);
}

static void
export_actions (ExportedComponent *exported)
{
  g_autoptr (GList) list = kervi_component_get_actions (exported->component);
  g_autoptr (GPtrArray) actions = g_ptr_array_new_with_free_func (g_object_unref);
  const char *path = g_dbus_object_get_object_path (G_DBUS_OBJECT (exported->object));

  for (GList *l = list; l != NULL; l = l->next)
    g_ptr_array_add (actions, g_object_ref (l->data));

  /* The interface's methods are fixed once exported: replace it whole. */
  if (exported->actions != NULL)
    {
      g_dbus_object_skeleton_remove_interface (exported->object,
                                               G_DBUS_INTERFACE_SKELETON (exported->actions));
      g_clear_object (&exported->actions);
    }
  kervi_bus_set_action_signatures (exported->bus, path, _kervi_actions_signatures (actions));
  exported->actions = _kervi_export_actions (actions);
  g_dbus_object_skeleton_add_interface (exported->object,
                                        G_DBUS_INTERFACE_SKELETON (exported->actions));
}

static void
on_value_added (KerviComponent *component, KerviValue *value, ExportedComponent *exported)
{
  export_value (exported, value);
}

static void
on_action_added (KerviComponent *component, KerviAction *action, ExportedComponent *exported)
{
  export_actions (exported);
}

static void
export_component (KerviBus *self, KerviComponent *component)
{
  ExportedComponent *exported = g_new0 (ExportedComponent, 1);
  g_autofree char *path = _kervi_component_object_path (kervi_component_get_id (component));
  g_autoptr (KerviSkeleton) skeleton = _kervi_export_component (component);
  g_autoptr (GList) values = kervi_component_get_values (component);

  exported->bus = self;
  exported->component = g_object_ref (component);
  exported->object = g_dbus_object_skeleton_new (path);
  exported->values = g_hash_table_new_full (NULL, NULL, NULL, g_object_unref);
  g_dbus_object_skeleton_add_interface (exported->object, G_DBUS_INTERFACE_SKELETON (skeleton));
  export_actions (exported);
  g_hash_table_insert (self->exported, component, exported);

  g_dbus_object_manager_server_export (self->manager, exported->object);
  for (GList *l = values; l != NULL; l = l->next)
    export_value (exported, l->data);

  g_signal_connect (component, "value-added", G_CALLBACK (on_value_added), exported);
  g_signal_connect (component, "action-added", G_CALLBACK (on_action_added), exported);
}

static void
on_component_added (KerviRegistry *registry, KerviComponent *component, KerviBus *self)
{
  export_component (self, component);
}

static void
on_component_removed (KerviRegistry *registry, KerviComponent *component, KerviBus *self)
{
  g_hash_table_remove (self->exported, component);
}

/* Runs in GDBus's worker thread. GDBus itself would answer a call of an
 * unknown action, or one with ill-typed arguments, with the generic
 * org.freedesktop.DBus.Error.UnknownMethod or InvalidArgs; the bus
 * contract promises org.kervi.Error.* with a message that says what the
 * action takes. */
static GDBusMessage *
actions_filter (GDBusConnection *connection, GDBusMessage *message, gboolean incoming,
                gpointer user_data)
{
  KerviBus *self = user_data;
  g_autoptr (GDBusMessage) reply = NULL;
  GHashTable *signatures;
  const char *member;
  const char *signature;
  const char *expected;

  if (!incoming || g_dbus_message_get_message_type (message) != G_DBUS_MESSAGE_TYPE_METHOD_CALL
      || g_strcmp0 (g_dbus_message_get_interface (message), KERVI_ACTIONS_IFACE) != 0)
    return message;

  member = g_dbus_message_get_member (message);
  signature = g_dbus_message_get_signature (message);
  if (signature == NULL)
    signature = "";

  g_mutex_lock (&self->lock);
  signatures = g_hash_table_lookup (self->action_signatures, g_dbus_message_get_path (message));
  if (signatures != NULL)
    {
      expected = g_hash_table_lookup (signatures, member);
      if (expected == NULL)
        reply = g_dbus_message_new_method_error (message, "org.kervi.Error.UnknownAction",
                                                 "No action '%s' on %s", member,
                                                 g_dbus_message_get_path (message));
      else if (!g_str_equal (expected, signature))
        reply = g_dbus_message_new_method_error (
            message, "org.kervi.Error.InvalidArgs",
            "Action '%s' takes arguments of type '(%s)', not '(%s)'", member, expected, signature);
    }
  g_mutex_unlock (&self->lock);

  if (reply == NULL)
    return message;
  if (!(g_dbus_message_get_flags (message) & G_DBUS_MESSAGE_FLAGS_NO_REPLY_EXPECTED))
    g_dbus_connection_send_message (connection, reply, G_DBUS_SEND_MESSAGE_FLAGS_NONE, NULL, NULL);
  g_object_unref (message);
  return NULL;
}

static void
on_connection_closed (GDBusConnection *connection, gboolean remote_peer_vanished, GError *error,
                      KerviBus *self)
{
  g_message ("Connection to the bus closed%s%s", error != NULL ? ": " : "",
             error != NULL ? error->message : "");
  g_signal_emit (self, signals[SIGNAL_CLOSED], 0);
}

static void
kervi_bus_finalize (GObject *object)
{
  KerviBus *self = KERVI_BUS (object);

  kervi_bus_disconnect (self);
  g_hash_table_unref (self->exported);
  g_hash_table_unref (self->action_signatures);
  g_mutex_clear (&self->lock);

  G_OBJECT_CLASS (kervi_bus_parent_class)->finalize (object);
}

static void
kervi_bus_class_init (KerviBusClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = kervi_bus_finalize;

  /* The bus went away: the application is gone, or the bus crashed. */
  signals[SIGNAL_CLOSED] = g_signal_new ("closed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                         NULL, NULL, NULL, G_TYPE_NONE, 0);
  /* The last outgoing action call finished. */
  signals[SIGNAL_IDLE] = g_signal_new ("idle", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                       NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
kervi_bus_init (KerviBus *self)
{
  self->exported
      = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify)exported_component_free);
  self->action_signatures
      = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify)g_hash_table_unref);
  g_mutex_init (&self->lock);
}

KerviBus *
kervi_bus_get_default (void)
{
  static KerviBus *bus;

  if (bus == NULL)
    bus = g_object_new (KERVI_TYPE_BUS, NULL);
  return bus;
}

/* Connects to the bus at @address (or $KERVI_BUS_ADDRESS when %NULL) and
 * exports this process's objects. The directory starts loading; callers
 * that need it complete wait for its "ready" signal. */
gboolean
kervi_bus_connect_sync (KerviBus *self, const char *address, GError **error)
{
  KerviRegistry *registry = kervi_registry_get_default ();
  g_autoptr (GList) components = NULL;
  g_autoptr (GError) local_error = NULL;

  g_return_val_if_fail (self->connection == NULL, FALSE);

  if (address == NULL)
    address = g_getenv ("KERVI_BUS_ADDRESS");
  if (address == NULL || *address == '\0')
    {
      g_set_error (error, KERVI_ERROR, KERVI_ERROR_NOT_CONNECTED,
                   "No bus address: KERVI_BUS_ADDRESS is not set");
      return FALSE;
    }

  /* Register the org.kervi.Error names before the first call. */
  (void)kervi_error_quark ();

  self->connection = g_dbus_connection_new_for_address_sync (
      address,
      G_DBUS_CONNECTION_FLAGS_AUTHENTICATION_CLIENT
          | G_DBUS_CONNECTION_FLAGS_MESSAGE_BUS_CONNECTION,
      NULL, NULL, &local_error);
  if (self->connection == NULL)
    {
      g_set_error (error, KERVI_ERROR, KERVI_ERROR_NOT_CONNECTED,
                   "Cannot connect to the bus at %s: %s", address, local_error->message);
      return FALSE;
    }
  g_dbus_connection_set_exit_on_close (self->connection, FALSE);
  g_signal_connect (self->connection, "closed", G_CALLBACK (on_connection_closed), self);
  self->filter_id = g_dbus_connection_add_filter (self->connection, actions_filter, self, NULL);

  self->manager = g_dbus_object_manager_server_new (KERVI_OBJECT_ROOT);
  components = kervi_registry_get_components (registry);
  for (GList *l = components; l != NULL; l = l->next)
    export_component (self, l->data);
  g_signal_connect_object (registry, "component-added", G_CALLBACK (on_component_added), self, 0);
  g_signal_connect_object (registry, "component-removed", G_CALLBACK (on_component_removed), self,
                           0);
  g_dbus_object_manager_server_set_connection (self->manager, self->connection);

  self->directory = kervi_directory_new (self->connection);
  _kervi_links_bus_changed ();
  return TRUE;
}

void
kervi_bus_disconnect (KerviBus *self)
{
  if (self->connection == NULL)
    return;

  g_signal_handlers_disconnect_by_data (kervi_registry_get_default (), self);
  g_hash_table_remove_all (self->exported);
  g_clear_object (&self->directory);
  _kervi_links_bus_changed ();
  g_clear_object (&self->manager);
  g_signal_handlers_disconnect_by_data (self->connection, self);
  g_dbus_connection_remove_filter (self->connection, self->filter_id);
  g_dbus_connection_flush_sync (self->connection, NULL, NULL);
  g_dbus_connection_close_sync (self->connection, NULL, NULL);
  g_clear_object (&self->connection);
}

GDBusConnection *
kervi_bus_get_connection (KerviBus *self)
{
  return self->connection;
}

KerviDirectory *
kervi_bus_get_directory (KerviBus *self)
{
  return self->directory;
}

/* Exports an object that is not a component (/org/kervi/app, ...). */
void
kervi_bus_export (KerviBus *self, GDBusObjectSkeleton *object)
{
  g_return_if_fail (self->manager != NULL);

  g_dbus_object_manager_server_export (self->manager, object);
}

/* @signatures: (transfer full) (nullable): action id -> signature; %NULL
 * when @path no longer has actions */
void
kervi_bus_set_action_signatures (KerviBus *self, const char *path, GHashTable *signatures)
{
  g_mutex_lock (&self->lock);
  if (signatures != NULL)
    g_hash_table_insert (self->action_signatures, g_strdup (path), signatures);
  else
    g_hash_table_remove (self->action_signatures, path);
  g_mutex_unlock (&self->lock);
}

/* Outgoing action calls hold the bus, so that shutdown can let the calls
 * made by app_exit reach their targets before the modules are stopped. */
void
kervi_bus_hold (KerviBus *self)
{
  self->pending_calls++;
}

void
kervi_bus_release (KerviBus *self)
{
  g_return_if_fail (self->pending_calls > 0);

  if (--self->pending_calls == 0)
    g_signal_emit (self, signals[SIGNAL_IDLE], 0);
}

guint
kervi_bus_get_pending_calls (KerviBus *self)
{
  return self->pending_calls;
}
