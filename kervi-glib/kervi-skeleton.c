/* kervi-skeleton.c: a D-Bus interface skeleton driven by a vtable
 *
 * gdbus-codegen would generate one skeleton class per interface, with a
 * GObject property per D-Bus property that mirrors the real object. Kervi's
 * objects already are GObjects with those properties, and org.kervi.Actions
 * has methods that exist only at run time, so one small skeleton that asks
 * its owner through a GDBusInterfaceVTable serves every interface. The
 * interface descriptions come from data/org.kervi.xml.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "config.h"

#include "kervi-skeleton.h"

struct _KerviSkeleton
{
  GDBusInterfaceSkeleton parent_instance;

  GDBusInterfaceInfo *info;
  GDBusInterfaceVTable vtable;
  gpointer owner;
  GDestroyNotify owner_free;
};

G_DEFINE_FINAL_TYPE (KerviSkeleton, kervi_skeleton, G_TYPE_DBUS_INTERFACE_SKELETON)

static GDBusInterfaceInfo *
kervi_skeleton_get_info (GDBusInterfaceSkeleton *skeleton)
{
  return KERVI_SKELETON (skeleton)->info;
}

static GDBusInterfaceVTable *
kervi_skeleton_get_vtable (GDBusInterfaceSkeleton *skeleton)
{
  return &KERVI_SKELETON (skeleton)->vtable;
}

static GVariant *
kervi_skeleton_get_properties (GDBusInterfaceSkeleton *skeleton)
{
  KerviSkeleton *self = KERVI_SKELETON (skeleton);
  GVariantBuilder builder;

  g_variant_builder_init (&builder, G_VARIANT_TYPE ("a{sv}"));
  for (guint i = 0; self->info->properties != NULL && self->info->properties[i] != NULL; i++)
    {
      GDBusPropertyInfo *property = self->info->properties[i];
      GVariant *value;

      if (!(property->flags & G_DBUS_PROPERTY_INFO_FLAGS_READABLE)
          || self->vtable.get_property == NULL)
        continue;
      value = self->vtable.get_property (NULL, NULL, NULL, self->info->name, property->name, NULL,
                                         self);
      if (value != NULL)
        g_variant_builder_add (&builder, "{sv}", property->name, value);
    }
  return g_variant_builder_end (&builder);
}

static void
kervi_skeleton_flush (GDBusInterfaceSkeleton *skeleton)
{
  /* Nothing is queued: changes are emitted when they happen. */
}

static void
kervi_skeleton_finalize (GObject *object)
{
  KerviSkeleton *self = KERVI_SKELETON (object);

  if (self->owner_free != NULL)
    self->owner_free (self->owner);
  g_dbus_interface_info_unref (self->info);

  G_OBJECT_CLASS (kervi_skeleton_parent_class)->finalize (object);
}

static void
kervi_skeleton_class_init (KerviSkeletonClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GDBusInterfaceSkeletonClass *skeleton_class = G_DBUS_INTERFACE_SKELETON_CLASS (klass);

  object_class->finalize = kervi_skeleton_finalize;

  skeleton_class->get_info = kervi_skeleton_get_info;
  skeleton_class->get_vtable = kervi_skeleton_get_vtable;
  skeleton_class->get_properties = kervi_skeleton_get_properties;
  skeleton_class->flush = kervi_skeleton_flush;
}

static void
kervi_skeleton_init (KerviSkeleton *self)
{
}

/*
 * kervi_skeleton_new:
 * @info: the interface description
 * @vtable: how to answer method calls and property reads; the vtable
 *   functions get the skeleton as user data (see kervi_skeleton_get_owner())
 * @owner: the object behind the interface
 * @owner_free: (nullable): frees @owner with the skeleton
 */
KerviSkeleton *
kervi_skeleton_new (GDBusInterfaceInfo *info, const GDBusInterfaceVTable *vtable, gpointer owner,
                    GDestroyNotify owner_free)
{
  KerviSkeleton *self = g_object_new (KERVI_TYPE_SKELETON, NULL);

  self->info = g_dbus_interface_info_ref (info);
  g_dbus_interface_info_cache_build (self->info);
  self->vtable = *vtable;
  self->owner = owner;
  self->owner_free = owner_free;
  return self;
}

gpointer
kervi_skeleton_get_owner (KerviSkeleton *self)
{
  return self->owner;
}

void
kervi_skeleton_emit_signal (KerviSkeleton *self, const char *signal_name, GVariant *parameters)
{
  GDBusConnection *connection
      = g_dbus_interface_skeleton_get_connection (G_DBUS_INTERFACE_SKELETON (self));
  const char *path = g_dbus_interface_skeleton_get_object_path (G_DBUS_INTERFACE_SKELETON (self));

  g_variant_ref_sink (parameters);
  if (connection != NULL && path != NULL)
    g_dbus_connection_emit_signal (connection, NULL, path, self->info->name, signal_name,
                                   parameters, NULL);
  g_variant_unref (parameters);
}

void
kervi_skeleton_emit_properties_changed (KerviSkeleton *self, const char *const *names)
{
  GDBusConnection *connection
      = g_dbus_interface_skeleton_get_connection (G_DBUS_INTERFACE_SKELETON (self));
  const char *path = g_dbus_interface_skeleton_get_object_path (G_DBUS_INTERFACE_SKELETON (self));
  GVariantBuilder changed;

  if (connection == NULL || path == NULL)
    return;

  g_variant_builder_init (&changed, G_VARIANT_TYPE ("a{sv}"));
  for (guint i = 0; names[i] != NULL; i++)
    {
      GVariant *value = self->vtable.get_property (connection, NULL, path, self->info->name,
                                                   names[i], NULL, self);
      if (value != NULL)
        g_variant_builder_add (&changed, "{sv}", names[i], value);
    }
  g_dbus_connection_emit_signal (
      connection, NULL, path, "org.freedesktop.DBus.Properties", "PropertiesChanged",
      g_variant_new ("(sa{sv}as)", self->info->name, &changed, NULL), NULL);
}
