/* kervi-bus.h: this process's connection to the application's bus
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include "kervi-private.h"
#include "kervi-directory.h"

G_BEGIN_DECLS

#define KERVI_TYPE_BUS (kervi_bus_get_type ())
G_DECLARE_FINAL_TYPE (KerviBus, kervi_bus, KERVI, BUS, GObject)

KerviBus *kervi_bus_get_default (void);

gboolean kervi_bus_connect_sync (KerviBus *self, const char *address, GError **error);
void kervi_bus_disconnect (KerviBus *self);
GDBusConnection *kervi_bus_get_connection (KerviBus *self);
KerviDirectory *kervi_bus_get_directory (KerviBus *self);

void kervi_bus_export (KerviBus *self, GDBusObjectSkeleton *object);
void kervi_bus_set_action_signatures (KerviBus *self, const char *path, GHashTable *signatures);

void kervi_bus_hold (KerviBus *self);
void kervi_bus_release (KerviBus *self);
guint kervi_bus_get_pending_calls (KerviBus *self);

G_END_DECLS
