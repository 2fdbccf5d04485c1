/* kervi-registry.h: the components, values and actions of this process
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include "kervi-private.h"

G_BEGIN_DECLS

#define KERVI_TYPE_REGISTRY (kervi_registry_get_type ())
G_DECLARE_FINAL_TYPE (KerviRegistry, kervi_registry, KERVI, REGISTRY, GObject)

KerviRegistry *kervi_registry_get_default (void);

const char *kervi_registry_get_module_id (KerviRegistry *self);
void kervi_registry_set_module_id (KerviRegistry *self, const char *module_id);

gboolean kervi_registry_add_component (KerviRegistry *self, KerviComponent *component,
                                       GError **error);
void kervi_registry_remove_component (KerviRegistry *self, KerviComponent *component);
KerviComponent *kervi_registry_lookup_component (KerviRegistry *self, const char *id);
GList *kervi_registry_get_components (KerviRegistry *self);

void kervi_registry_value_added (KerviRegistry *self, KerviValue *value);
KerviValue *kervi_registry_lookup_value (KerviRegistry *self, const char *global_id);
void kervi_registry_action_added (KerviRegistry *self, KerviAction *action);
KerviAction *kervi_registry_lookup_action (KerviRegistry *self, const char *global_id);

G_END_DECLS
