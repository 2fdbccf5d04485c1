/* kervi-private.h: internal API shared by the files of libkervi-glib
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include <gio/gio.h>

#include "kervi-value.h"
#include "kervi-action.h"
#include "kervi-component.h"

G_BEGIN_DECLS

/* Object paths and bus names of the bus contract (data/org.kervi.xml). */
#define KERVI_OBJECT_ROOT "/org/kervi"
#define KERVI_COMPONENT_ROOT "/org/kervi/component"
#define KERVI_APP_PATH "/org/kervi/app"
#define KERVI_MODULE_PATH "/org/kervi/module"
#define KERVI_APP_BUS_NAME "org.kervi.App"
#define KERVI_MODULE_BUS_NAME_PREFIX "org.kervi.Module."
#define KERVI_DASHBOARD_BUS_NAME "org.kervi.Dashboard"
#define KERVI_COMPONENT_IFACE "org.kervi.Component"
#define KERVI_VALUE_IFACE "org.kervi.Value"
#define KERVI_ACTIONS_IFACE "org.kervi.Actions"
#define KERVI_MODULE_IFACE "org.kervi.Module"
#define KERVI_APP_IFACE "org.kervi.App"

/* The component id application-wide actions (app_main, app_exit) belong to. */
#define KERVI_APP_COMPONENT_ID "app"

gboolean _kervi_id_is_valid (const char *id, gboolean allow_dot);
gboolean _kervi_name_is_valid (const char *name);
GDBusInterfaceInfo *_kervi_interface_info (const char *interface_name);

/* Values */
typedef struct _KerviLink KerviLink;

void _kervi_value_emit_changed (KerviValue *self);
void _kervi_value_attach (KerviValue *self, KerviComponent *component, gboolean input,
                          const char *global_id);
void _kervi_value_notify_link_connected (KerviValue *self);

KerviLink *_kervi_link_new (KerviValue *target, const char *source_id);
void _kervi_link_free (KerviLink *link);
const char *_kervi_link_get_source_id (KerviLink *link);
gboolean _kervi_link_get_connected (KerviLink *link);
void _kervi_links_bus_changed (void);

/* Actions */
void _kervi_action_attach (KerviAction *self, KerviComponent *component, const char *global_id);
KerviComponent *_kervi_action_get_component (KerviAction *self);

/* Components */
typedef struct _JsonObject JsonObject;

void _kervi_component_set_module (KerviComponent *self, const char *module_id);
gboolean _kervi_component_add_value_full (KerviComponent *self, KerviValue *value, gboolean input,
                                          const char *global_id, GError **error);
void _kervi_component_add_dashboard_link (KerviComponent *self, JsonObject *link);
const char *_kervi_component_get_info (KerviComponent *self);
void _kervi_component_set_info (KerviComponent *self, const char *json);

G_END_DECLS
