/* kervi-link.c: a value following another value by id
 *
 * A link resolves its source in this process first (the registry), then on
 * the bus (the directory). A remote source is followed through its
 * org.kervi.Value.Changed signal, with one match rule for the source's
 * owner and path; its current value is fetched once on connecting. Links
 * that wait for a source are kept by source id, and bound when the registry
 * or the directory announces that id, so a source that appears later or
 * restarts is picked up without polling.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "config.h"

#include "kervi-bus.h"
#include "kervi-private.h"
#include "kervi-registry.h"

struct _KerviLink
{
  KerviValue *target; /* owns the link */
  char *source_id;

  KerviValue *local_source;
  gulong local_handler;

  GDBusConnection *connection;
  char *remote_owner;
  char *remote_path;
  guint subscription;
  GCancellable *cancellable;

  gint64 last_timestamp;
  char *last_error;
  gboolean freeing; /* the target is being finalized: no notifications */
};

/* source id -> GPtrArray of KerviLink: every link, for the announcements. */
static GHashTable *links_by_source;
static KerviDirectory *watched_directory;

static void link_try_bind (KerviLink *link);

gboolean
_kervi_link_get_connected (KerviLink *link)
{
  return link->local_source != NULL || link->subscription != 0;
}

const char *
_kervi_link_get_source_id (KerviLink *link)
{
  return link->source_id;
}

static void
apply (KerviLink *link, GVariant *value, gint64 timestamp)
{
  g_autoptr (GError) error = NULL;

  /* Signals and the initial Get can cross: keep the newest. */
  if (timestamp != 0 && timestamp <= link->last_timestamp)
    return;
  if (timestamp != 0)
    link->last_timestamp = timestamp;

  if (kervi_value_set_variant (link->target, value, &error))
    {
      g_clear_pointer (&link->last_error, g_free);
      return;
    }
  /* Say it once, not once per change. */
  if (g_strcmp0 (link->last_error, error->message) != 0)
    g_warning ("Link %s <- %s: %s", kervi_value_get_global_id (link->target), link->source_id,
               error->message);
  g_free (link->last_error);
  link->last_error = g_strdup (error->message);
}

static void
unbind (KerviLink *link)
{
  gboolean was_connected = _kervi_link_get_connected (link);

  if (link->local_source != NULL)
    {
      g_clear_signal_handler (&link->local_handler, link->local_source);
      g_clear_object (&link->local_source);
    }
  if (link->subscription != 0)
    {
      g_dbus_connection_signal_unsubscribe (link->connection, link->subscription);
      link->subscription = 0;
    }
  g_cancellable_cancel (link->cancellable);
  g_clear_object (&link->cancellable);
  g_clear_object (&link->connection);
  g_clear_pointer (&link->remote_owner, g_free);
  g_clear_pointer (&link->remote_path, g_free);
  link->last_timestamp = 0;
  if (was_connected && !link->freeing)
    _kervi_value_notify_link_connected (link->target);
}

static void
on_local_changed (KerviValue *source, GVariant *value, gint64 timestamp, KerviLink *link)
{
  apply (link, value, timestamp);
}

static void
bind_local (KerviLink *link, KerviValue *source)
{
  g_autoptr (GVariant) current = kervi_value_get_variant (source);

  unbind (link);
  link->local_source = g_object_ref (source);
  link->local_handler = g_signal_connect (source, "changed", G_CALLBACK (on_local_changed), link);
  _kervi_value_notify_link_connected (link->target);
  apply (link, current, kervi_value_get_timestamp (source));
}

static void
on_remote_changed (GDBusConnection *connection, const char *sender, const char *path,
                   const char *interface, const char *signal, GVariant *parameters,
                   gpointer user_data)
{
  KerviLink *link = user_data;
  g_autoptr (GVariant) boxed = NULL;
  g_autoptr (GVariant) value = NULL;
  g_autoptr (GVariant) timestamp = NULL;

  if (!g_variant_is_of_type (parameters, G_VARIANT_TYPE ("(vx)")))
    return;
  /* Child by child, not g_variant_get (): this runs for every change. */
  boxed = g_variant_get_child_value (parameters, 0);
  value = g_variant_get_variant (boxed);
  timestamp = g_variant_get_child_value (parameters, 1);
  apply (link, value, g_variant_get_int64 (timestamp));
}

static void
on_remote_properties (GObject *source, GAsyncResult *result, gpointer user_data)
{
  KerviLink *link = user_data;
  g_autoptr (GError) error = NULL;
  g_autoptr (GVariant) reply = NULL;
  g_autoptr (GVariant) properties = NULL;
  g_autoptr (GVariant) value = NULL;
  gint64 timestamp = 0;

  reply = g_dbus_connection_call_finish (G_DBUS_CONNECTION (source), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return; /* the link may be gone: do not touch it */
  if (reply == NULL)
    {
      g_debug ("Link %s <- %s: cannot read the source: %s",
               kervi_value_get_global_id (link->target), link->source_id, error->message);
      return;
    }
  properties = g_variant_get_child_value (reply, 0);
  value = g_variant_lookup_value (properties, "Value", G_VARIANT_TYPE_VARIANT);
  g_variant_lookup (properties, "Timestamp", "x", &timestamp);
  if (value != NULL && link->last_timestamp == 0)
    {
      g_autoptr (GVariant) inner = g_variant_get_variant (value);
      apply (link, inner, timestamp);
    }
}

static void
bind_remote (KerviLink *link, GDBusConnection *connection, const KerviRemoteObject *remote)
{
  unbind (link);
  link->connection = g_object_ref (connection);
  link->remote_owner = g_strdup (remote->owner);
  link->remote_path = g_strdup (remote->path);
  link->cancellable = g_cancellable_new ();
  /* Subscribe first, then read: no change can fall between the two. */
  link->subscription = g_dbus_connection_signal_subscribe (
      connection, remote->owner, KERVI_VALUE_IFACE, "Changed", remote->path, NULL,
      G_DBUS_SIGNAL_FLAGS_NONE, on_remote_changed, link, NULL);
  g_dbus_connection_call (
      connection, remote->owner, remote->path, "org.freedesktop.DBus.Properties", "GetAll",
      g_variant_new ("(s)", KERVI_VALUE_IFACE), G_VARIANT_TYPE ("(a{sv})"),
      G_DBUS_CALL_FLAGS_NO_AUTO_START, -1, link->cancellable, on_remote_properties, link);
  _kervi_value_notify_link_connected (link->target);
}

static void
link_try_bind (KerviLink *link)
{
  KerviBus *bus = kervi_bus_get_default ();
  KerviValue *local = kervi_registry_lookup_value (kervi_registry_get_default (), link->source_id);
  KerviDirectory *directory = kervi_bus_get_directory (bus);
  KerviRemoteObject remote;

  if (local != NULL)
    {
      if (local != link->local_source)
        bind_local (link, local);
      return;
    }
  if (directory != NULL && kervi_directory_lookup_value (directory, link->source_id, &remote))
    {
      if (g_strcmp0 (remote.owner, link->remote_owner) != 0
          || g_strcmp0 (remote.path, link->remote_path) != 0)
        bind_remote (link, kervi_bus_get_connection (bus), &remote);
      return;
    }
  unbind (link);
}

static void
rebind_source (const char *source_id)
{
  GPtrArray *links = g_hash_table_lookup (links_by_source, source_id);

  for (guint i = 0; links != NULL && i < links->len; i++)
    link_try_bind (links->pdata[i]);
}

static void
on_registry_value_added (KerviRegistry *registry, KerviValue *value, gpointer user_data)
{
  rebind_source (kervi_value_get_global_id (value));
}

static void
on_registry_component_removed (KerviRegistry *registry, KerviComponent *component,
                               gpointer user_data)
{
  g_autoptr (GList) values = kervi_component_get_values (component);

  for (GList *l = values; l != NULL; l = l->next)
    rebind_source (kervi_value_get_global_id (l->data));
}

static void
on_directory_value_changed (KerviDirectory *directory, const char *value_id, gpointer user_data)
{
  rebind_source (value_id);
}

/* The directory exists once the process is on the bus: follow it from the
 * first link made after that, and bind every link made before. */
static void
watch_directory (void)
{
  KerviDirectory *directory = kervi_bus_get_directory (kervi_bus_get_default ());
  GHashTableIter iter;
  gpointer links;

  if (directory == watched_directory)
    return;
  if (watched_directory != NULL)
    g_signal_handlers_disconnect_by_func (watched_directory, on_directory_value_changed, NULL);
  g_set_weak_pointer (&watched_directory, directory);
  if (directory == NULL)
    return;
  g_signal_connect (directory, "value-added", G_CALLBACK (on_directory_value_changed), NULL);
  g_signal_connect (directory, "value-removed", G_CALLBACK (on_directory_value_changed), NULL);

  g_hash_table_iter_init (&iter, links_by_source);
  while (g_hash_table_iter_next (&iter, NULL, &links))
    for (guint i = 0; i < ((GPtrArray *)links)->len; i++)
      link_try_bind (((GPtrArray *)links)->pdata[i]);
}

void
_kervi_links_bus_changed (void)
{
  if (links_by_source != NULL)
    watch_directory ();
}

KerviLink *
_kervi_link_new (KerviValue *target, const char *source_id)
{
  KerviLink *link = g_new0 (KerviLink, 1);
  GPtrArray *links;

  if (links_by_source == NULL)
    {
      KerviRegistry *registry = kervi_registry_get_default ();

      links_by_source = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                               (GDestroyNotify)g_ptr_array_unref);
      g_signal_connect (registry, "value-added", G_CALLBACK (on_registry_value_added), NULL);
      g_signal_connect (registry, "component-removed", G_CALLBACK (on_registry_component_removed),
                        NULL);
    }

  link->target = target;
  link->source_id = g_strdup (source_id);
  links = g_hash_table_lookup (links_by_source, source_id);
  if (links == NULL)
    {
      links = g_ptr_array_new ();
      g_hash_table_insert (links_by_source, g_strdup (source_id), links);
    }
  g_ptr_array_add (links, link);

  watch_directory ();
  link_try_bind (link);
  return link;
}

void
_kervi_link_free (KerviLink *link)
{
  GPtrArray *links = g_hash_table_lookup (links_by_source, link->source_id);

  link->freeing = TRUE;
  unbind (link);
  if (links != NULL)
    {
      g_ptr_array_remove (links, link);
      if (links->len == 0)
        g_hash_table_remove (links_by_source, link->source_id);
    }
  g_free (link->source_id);
  g_free (link->last_error);
  g_free (link);
}
