/* kervi-skeleton.h: a D-Bus interface skeleton driven by a vtable
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define KERVI_TYPE_SKELETON (kervi_skeleton_get_type ())
G_DECLARE_FINAL_TYPE (KerviSkeleton, kervi_skeleton, KERVI, SKELETON, GDBusInterfaceSkeleton)

KerviSkeleton *kervi_skeleton_new (GDBusInterfaceInfo *info, const GDBusInterfaceVTable *vtable,
                                   gpointer owner, GDestroyNotify owner_free);
gpointer kervi_skeleton_get_owner (KerviSkeleton *self);
void kervi_skeleton_emit_signal (KerviSkeleton *self, const char *signal_name,
                                 GVariant *parameters);
void kervi_skeleton_emit_properties_changed (KerviSkeleton *self, const char *const *names);

G_END_DECLS
