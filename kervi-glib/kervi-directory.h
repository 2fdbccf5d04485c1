/* kervi-directory.h: the components and values of the other processes
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define KERVI_TYPE_DIRECTORY (kervi_directory_get_type ())
G_DECLARE_FINAL_TYPE (KerviDirectory, kervi_directory, KERVI, DIRECTORY, GObject)

/* Where a remote object lives. */
typedef struct
{
  const char *bus_name; /* the well-known name: org.kervi.Module.sensors */
  const char *owner;    /* its unique name, the sender of its signals */
  const char *path;
} KerviRemoteObject;

KerviDirectory *kervi_directory_new (GDBusConnection *connection);
gboolean kervi_directory_get_ready (KerviDirectory *self);
gboolean kervi_directory_get_settled (KerviDirectory *self);
GPtrArray *kervi_directory_get_loading_owners (KerviDirectory *self);
gboolean kervi_directory_lookup_value (KerviDirectory *self, const char *global_id,
                                       KerviRemoteObject *out_object);
gboolean kervi_directory_lookup_component (KerviDirectory *self, const char *component_id,
                                           KerviRemoteObject *out_object);

G_END_DECLS
