/* kervi-directory.c: the components and values of the other processes
 *
 * Follows every org.kervi.* name on the bus (NameOwnerChanged), loads each
 * owner's objects with one GetManagedObjects call, and keeps them current
 * with the ObjectManager's InterfacesAdded and InterfacesRemoved signals.
 * Links and action calls resolve ids here. Signals:
 *   ready            the names present at start are loaded
 *   name-loaded (s)  a name's objects are loaded (a module became ready)
 *   name-lost (s)    a name left the bus
 *   value-added (s)  a value with that global id appeared
 *   value-removed (s) it disappeared
 *   settled          no name is being loaded any more
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "config.h"

#include "kervi-directory.h"
#include "kervi-private.h"

typedef struct
{
  char *bus_name;
  char *owner;
  gboolean loaded;
  GHashTable *objects; /* path -> ObjectEntry */
} NameEntry;

typedef struct
{
  NameEntry *name;
  char *path;
  char *component_id; /* for org.kervi.Component objects */
  char *value_id;     /* for org.kervi.Value objects */
} ObjectEntry;

struct _KerviDirectory
{
  GObject parent_instance;

  GDBusConnection *connection;
  GCancellable *cancellable;
  GHashTable *names;      /* bus name -> NameEntry */
  GHashTable *owners;     /* unique name -> NameEntry (not owned) */
  GHashTable *values;     /* global value id -> ObjectEntry (not owned) */
  GHashTable *components; /* component id -> ObjectEntry (not owned) */
  guint name_owner_changed_id;
  guint interfaces_added_id;
  guint interfaces_removed_id;
  guint initial_pending;
  gboolean ready;
  guint loading; /* GetManagedObjects calls on their way */
};

G_DEFINE_FINAL_TYPE (KerviDirectory, kervi_directory, G_TYPE_OBJECT)

enum
{
  SIGNAL_READY,
  SIGNAL_NAME_LOADED,
  SIGNAL_NAME_LOST,
  SIGNAL_VALUE_ADDED,
  SIGNAL_VALUE_REMOVED,
  SIGNAL_SETTLED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
object_entry_free (ObjectEntry *entry)
{
  g_free (entry->path);
  g_free (entry->component_id);
  g_free (entry->value_id);
  g_free (entry);
}

static void
name_entry_free (NameEntry *entry)
{
  g_hash_table_unref (entry->objects);
  g_free (entry->bus_name);
  g_free (entry->owner);
  g_free (entry);
}

static gboolean
is_kervi_name (const char *name)
{
  return g_str_equal (name, KERVI_APP_BUS_NAME)
         || g_str_has_prefix (name, KERVI_MODULE_BUS_NAME_PREFIX);
}

static void
remove_object (KerviDirectory *self, ObjectEntry *entry)
{
  g_autofree char *value_id = g_strdup (entry->value_id);

  if (entry->component_id != NULL
      && g_hash_table_lookup (self->components, entry->component_id) == entry)
    g_hash_table_remove (self->components, entry->component_id);
  if (entry->value_id != NULL && g_hash_table_lookup (self->values, entry->value_id) == entry)
    g_hash_table_remove (self->values, entry->value_id);
  g_hash_table_remove (entry->name->objects, entry->path);
  if (value_id != NULL)
    g_signal_emit (self, signals[SIGNAL_VALUE_REMOVED], 0, value_id);
}

static const char *
lookup_string_prop (GVariant *properties, const char *name)
{
  const char *value = NULL;

  if (!g_variant_lookup (properties, name, "&s", &value))
    return NULL;
  return value;
}

/* @interfaces: a{sa{sv}} */
static void
add_interfaces (KerviDirectory *self, NameEntry *name, const char *path, GVariant *interfaces)
{
  ObjectEntry *entry = g_hash_table_lookup (name->objects, path);
  g_autoptr (GVariant) component
      = g_variant_lookup_value (interfaces, KERVI_COMPONENT_IFACE, G_VARIANT_TYPE_VARDICT);
  g_autoptr (GVariant) value
      = g_variant_lookup_value (interfaces, KERVI_VALUE_IFACE, G_VARIANT_TYPE_VARDICT);
  const char *id;

  if (entry == NULL)
    {
      entry = g_new0 (ObjectEntry, 1);
      entry->name = name;
      entry->path = g_strdup (path);
      g_hash_table_insert (name->objects, entry->path, entry);
    }
  if (component != NULL && (id = lookup_string_prop (component, "Id")) != NULL
      && entry->component_id == NULL)
    {
      entry->component_id = g_strdup (id);
      g_hash_table_insert (self->components, entry->component_id, entry);
    }
  if (value != NULL && (id = lookup_string_prop (value, "Id")) != NULL && entry->value_id == NULL)
    {
      entry->value_id = g_strdup (id);
      g_hash_table_insert (self->values, entry->value_id, entry);
      g_signal_emit (self, signals[SIGNAL_VALUE_ADDED], 0, id);
    }
}

/* @objects: a{oa{sa{sv}}} */
static void
add_objects (KerviDirectory *self, NameEntry *name, GVariant *objects)
{
  GVariantIter iter;
  const char *path;
  GVariant *interfaces;

  g_variant_iter_init (&iter, objects);
  while (g_variant_iter_next (&iter, "{&o@a{sa{sv}}}", &path, &interfaces))
    {
      add_interfaces (self, name, path, interfaces);
      g_variant_unref (interfaces);
    }
}

static void
drop_name (KerviDirectory *self, NameEntry *name)
{
  g_autoptr (GList) objects = g_hash_table_get_values (name->objects);
  g_autofree char *bus_name = g_strdup (name->bus_name);

  for (GList *l = objects; l != NULL; l = l->next)
    remove_object (self, l->data);
  if (name->owner != NULL)
    g_hash_table_remove (self->owners, name->owner);
  g_hash_table_remove (self->names, bus_name);
  g_signal_emit (self, signals[SIGNAL_NAME_LOST], 0, bus_name);
}

static void
initial_step_done (KerviDirectory *self)
{
  if (self->ready)
    return;
  g_return_if_fail (self->initial_pending > 0);
  if (--self->initial_pending == 0)
    {
      self->ready = TRUE;
      g_signal_emit (self, signals[SIGNAL_READY], 0);
    }
}

typedef struct
{
  KerviDirectory *self;
  char *bus_name;
  char *owner;
  gboolean initial;
} LoadData;

static void
load_data_free (LoadData *data)
{
  g_object_unref (data->self);
  g_free (data->bus_name);
  g_free (data->owner);
  g_free (data);
}

static void
on_managed_objects (GObject *source, GAsyncResult *result, gpointer user_data)
{
  LoadData *data = user_data;
  KerviDirectory *self = data->self;
  g_autoptr (GError) error = NULL;
  g_autoptr (GVariant) reply = NULL;
  g_autoptr (GVariant) objects = NULL;
  NameEntry *name;

  reply = g_dbus_connection_call_finish (G_DBUS_CONNECTION (source), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      load_data_free (data);
      return;
    }
  self->loading--;

  /* The name may have changed owner while the call was on its way. */
  name = g_hash_table_lookup (self->names, data->bus_name);
  if (name != NULL && g_strcmp0 (name->owner, data->owner) == 0)
    {
      if (reply != NULL)
        {
          objects = g_variant_get_child_value (reply, 0);
          add_objects (self, name, objects);
        }
      else
        g_debug ("Cannot list the objects of %s: %s", data->bus_name, error->message);
      name->loaded = TRUE;
      g_signal_emit (self, signals[SIGNAL_NAME_LOADED], 0, data->bus_name);
    }
  if (data->initial)
    initial_step_done (self);
  load_data_free (data);
  if (self->loading == 0)
    g_signal_emit (self, signals[SIGNAL_SETTLED], 0);
}

static void
load_name (KerviDirectory *self, const char *bus_name, const char *owner, gboolean initial)
{
  NameEntry *name = g_hash_table_lookup (self->names, bus_name);
  LoadData *data;

  if (name != NULL)
    drop_name (self, name);
  if (g_strcmp0 (owner, g_dbus_connection_get_unique_name (self->connection)) == 0)
    {
      /* Our own objects are found in the registry, not here. */
      if (initial)
        initial_step_done (self);
      return;
    }

  name = g_new0 (NameEntry, 1);
  name->bus_name = g_strdup (bus_name);
  name->owner = g_strdup (owner);
  name->objects
      = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, (GDestroyNotify)object_entry_free);
  g_hash_table_insert (self->names, name->bus_name, name);
  g_hash_table_insert (self->owners, name->owner, name);

  self->loading++;
  data = g_new0 (LoadData, 1);
  data->self = g_object_ref (self);
  data->bus_name = g_strdup (bus_name);
  data->owner = g_strdup (owner);
  data->initial = initial;
  g_dbus_connection_call (self->connection, owner, KERVI_OBJECT_ROOT,
                          "org.freedesktop.DBus.ObjectManager", "GetManagedObjects", NULL,
                          G_VARIANT_TYPE ("(a{oa{sa{sv}}})"), G_DBUS_CALL_FLAGS_NO_AUTO_START, -1,
                          self->cancellable, on_managed_objects, data);
}

static void
on_name_owner_changed (GDBusConnection *connection, const char *sender, const char *path,
                       const char *interface, const char *signal, GVariant *parameters,
                       gpointer user_data)
{
  KerviDirectory *self = user_data;
  const char *bus_name, *old_owner, *new_owner;
  NameEntry *name;

  g_variant_get (parameters, "(&s&s&s)", &bus_name, &old_owner, &new_owner);
  if (!is_kervi_name (bus_name))
    return;

  name = g_hash_table_lookup (self->names, bus_name);
  if (*new_owner != '\0')
    load_name (self, bus_name, new_owner, FALSE);
  else if (name != NULL)
    drop_name (self, name);
}

static void
on_interfaces_added (GDBusConnection *connection, const char *sender, const char *path,
                     const char *interface, const char *signal, GVariant *parameters,
                     gpointer user_data)
{
  KerviDirectory *self = user_data;
  NameEntry *name = g_hash_table_lookup (self->owners, sender);
  const char *object_path;
  g_autoptr (GVariant) interfaces = NULL;

  /* Objects of a process that does not own its name yet come with the
   * GetManagedObjects call made when it does. */
  if (name == NULL || !g_variant_is_of_type (parameters, G_VARIANT_TYPE ("(oa{sa{sv}})")))
    return;
  g_variant_get (parameters, "(&o@a{sa{sv}})", &object_path, &interfaces);
  add_interfaces (self, name, object_path, interfaces);
}

static void
on_interfaces_removed (GDBusConnection *connection, const char *sender, const char *path,
                       const char *interface, const char *signal, GVariant *parameters,
                       gpointer user_data)
{
  KerviDirectory *self = user_data;
  NameEntry *name = g_hash_table_lookup (self->owners, sender);
  const char *object_path;
  g_autofree const char **removed = NULL;
  ObjectEntry *entry;

  if (name == NULL || !g_variant_is_of_type (parameters, G_VARIANT_TYPE ("(oas)")))
    return;
  g_variant_get (parameters, "(&o^a&s)", &object_path, &removed);
  entry = g_hash_table_lookup (name->objects, object_path);
  if (entry == NULL)
    return;
  if ((entry->value_id != NULL && g_strv_contains (removed, KERVI_VALUE_IFACE))
      || (entry->component_id != NULL && g_strv_contains (removed, KERVI_COMPONENT_IFACE)))
    remove_object (self, entry);
}

typedef struct
{
  KerviDirectory *self;
  char *bus_name;
} OwnerData;

static void
on_name_owner (GObject *source, GAsyncResult *result, gpointer user_data)
{
  OwnerData *data = user_data;
  KerviDirectory *self = data->self;
  g_autoptr (GVariant) reply = NULL;
  const char *owner;

  reply = g_dbus_connection_call_finish (G_DBUS_CONNECTION (source), result, NULL);
  /* No reply: the name left meanwhile. Already known: NameOwnerChanged
   * was faster and loaded it. */
  if (reply != NULL && !g_hash_table_contains (self->names, data->bus_name))
    {
      g_variant_get (reply, "(&s)", &owner);
      load_name (self, data->bus_name, owner, TRUE);
    }
  else
    initial_step_done (self);
  g_object_unref (data->self);
  g_free (data->bus_name);
  g_free (data);
}

static void
on_list_names (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (KerviDirectory) self = user_data;
  g_autoptr (GError) error = NULL;
  g_autoptr (GVariant) reply = NULL;
  g_autofree const char **names = NULL;

  reply = g_dbus_connection_call_finish (G_DBUS_CONNECTION (source), result, &error);
  if (reply == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_warning ("Cannot list the names on the bus: %s", error->message);
      initial_step_done (self);
      return;
    }

  g_variant_get (reply, "(^a&s)", &names);
  for (guint i = 0; names[i] != NULL; i++)
    {
      OwnerData *data;

      if (!is_kervi_name (names[i]) || g_hash_table_contains (self->names, names[i]))
        continue;
      data = g_new0 (OwnerData, 1);
      data->self = g_object_ref (self);
      data->bus_name = g_strdup (names[i]);
      self->initial_pending++;
      g_dbus_connection_call (self->connection, "org.freedesktop.DBus", "/org/freedesktop/DBus",
                              "org.freedesktop.DBus", "GetNameOwner",
                              g_variant_new ("(s)", names[i]), G_VARIANT_TYPE ("(s)"),
                              G_DBUS_CALL_FLAGS_NONE, -1, self->cancellable, on_name_owner, data);
    }
  initial_step_done (self);
}

static void
kervi_directory_dispose (GObject *object)
{
  KerviDirectory *self = KERVI_DIRECTORY (object);

  g_cancellable_cancel (self->cancellable);
  if (self->connection != NULL)
    {
      g_dbus_connection_signal_unsubscribe (self->connection, self->name_owner_changed_id);
      g_dbus_connection_signal_unsubscribe (self->connection, self->interfaces_added_id);
      g_dbus_connection_signal_unsubscribe (self->connection, self->interfaces_removed_id);
    }
  g_clear_object (&self->connection);

  G_OBJECT_CLASS (kervi_directory_parent_class)->dispose (object);
}

static void
kervi_directory_finalize (GObject *object)
{
  KerviDirectory *self = KERVI_DIRECTORY (object);

  g_hash_table_unref (self->values);
  g_hash_table_unref (self->components);
  g_hash_table_unref (self->owners);
  g_hash_table_unref (self->names);
  g_object_unref (self->cancellable);

  G_OBJECT_CLASS (kervi_directory_parent_class)->finalize (object);
}

static void
kervi_directory_class_init (KerviDirectoryClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = kervi_directory_dispose;
  object_class->finalize = kervi_directory_finalize;

  signals[SIGNAL_READY] = g_signal_new ("ready", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                        NULL, NULL, NULL, G_TYPE_NONE, 0);
  signals[SIGNAL_NAME_LOADED]
      = g_signal_new ("name-loaded", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                      NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
  signals[SIGNAL_NAME_LOST]
      = g_signal_new ("name-lost", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                      NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
  signals[SIGNAL_VALUE_ADDED]
      = g_signal_new ("value-added", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                      NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
  signals[SIGNAL_SETTLED] = g_signal_new ("settled", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                          0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  signals[SIGNAL_VALUE_REMOVED]
      = g_signal_new ("value-removed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                      NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
}

static void
kervi_directory_init (KerviDirectory *self)
{
  self->cancellable = g_cancellable_new ();
  self->names
      = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, (GDestroyNotify)name_entry_free);
  self->owners = g_hash_table_new (g_str_hash, g_str_equal);
  self->values = g_hash_table_new (g_str_hash, g_str_equal);
  self->components = g_hash_table_new (g_str_hash, g_str_equal);
}

KerviDirectory *
kervi_directory_new (GDBusConnection *connection)
{
  KerviDirectory *self = g_object_new (KERVI_TYPE_DIRECTORY, NULL);

  self->connection = g_object_ref (connection);
  self->name_owner_changed_id = g_dbus_connection_signal_subscribe (
      connection, "org.freedesktop.DBus", "org.freedesktop.DBus", "NameOwnerChanged",
      "/org/freedesktop/DBus", "org.kervi", G_DBUS_SIGNAL_FLAGS_MATCH_ARG0_NAMESPACE,
      on_name_owner_changed, self, NULL);
  self->interfaces_added_id = g_dbus_connection_signal_subscribe (
      connection, NULL, "org.freedesktop.DBus.ObjectManager", "InterfacesAdded", KERVI_OBJECT_ROOT,
      NULL, G_DBUS_SIGNAL_FLAGS_NONE, on_interfaces_added, self, NULL);
  self->interfaces_removed_id = g_dbus_connection_signal_subscribe (
      connection, NULL, "org.freedesktop.DBus.ObjectManager", "InterfacesRemoved",
      KERVI_OBJECT_ROOT, NULL, G_DBUS_SIGNAL_FLAGS_NONE, on_interfaces_removed, self, NULL);

  /* One step for ListNames itself, one per name it finds. */
  self->initial_pending = 1;
  g_dbus_connection_call (connection, "org.freedesktop.DBus", "/org/freedesktop/DBus",
                          "org.freedesktop.DBus", "ListNames", NULL, G_VARIANT_TYPE ("(as)"),
                          G_DBUS_CALL_FLAGS_NONE, -1, self->cancellable, on_list_names,
                          g_object_ref (self));
  return self;
}

gboolean
kervi_directory_get_ready (KerviDirectory *self)
{
  return self->ready;
}

static gboolean
fill_remote (ObjectEntry *entry, KerviRemoteObject *out_object)
{
  if (entry == NULL)
    return FALSE;
  if (out_object != NULL)
    {
      out_object->bus_name = entry->name->bus_name;
      out_object->owner = entry->name->owner;
      out_object->path = entry->path;
    }
  return TRUE;
}

gboolean
kervi_directory_lookup_value (KerviDirectory *self, const char *global_id,
                              KerviRemoteObject *out_object)
{
  return fill_remote (g_hash_table_lookup (self->values, global_id), out_object);
}

gboolean
kervi_directory_lookup_component (KerviDirectory *self, const char *component_id,
                                  KerviRemoteObject *out_object)
{
  return fill_remote (g_hash_table_lookup (self->components, component_id), out_object);
}

/* %FALSE while the objects of a name that just appeared are on their way:
 * an id not found now may still be found when the directory settles. */
gboolean
kervi_directory_get_settled (KerviDirectory *self)
{
  return self->loading == 0;
}

/* Returns: (transfer container): the unique names whose objects are being
 * loaded */
GPtrArray *
kervi_directory_get_loading_owners (KerviDirectory *self)
{
  GPtrArray *owners = g_ptr_array_new ();
  GHashTableIter iter;
  NameEntry *name;

  g_hash_table_iter_init (&iter, self->names);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *)&name))
    if (!name->loaded)
      g_ptr_array_add (owners, name->owner);
  return owners;
}
