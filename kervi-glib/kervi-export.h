/* kervi-export.h: the D-Bus side of components, values and actions
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include "kervi-private.h"
#include "kervi-skeleton.h"

G_BEGIN_DECLS

char *_kervi_component_object_path (const char *component_id);
char *_kervi_value_object_path (KerviValue *value);

KerviSkeleton *_kervi_export_component (KerviComponent *component);
KerviSkeleton *_kervi_export_value (KerviValue *value);
KerviSkeleton *_kervi_export_actions (GPtrArray *actions);

GHashTable *_kervi_actions_signatures (GPtrArray *actions);

G_END_DECLS
