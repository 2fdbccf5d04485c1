/* kervi-component.h: base class of everything that lives on the bus
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#if !defined(KERVI_INSIDE) && !defined(KERVI_COMPILATION)
#error "Only <kervi.h> can be included directly."
#endif

#include <glib-object.h>

#include "kervi-value.h"
#include "kervi-action.h"

G_BEGIN_DECLS

#define KERVI_TYPE_COMPONENT (kervi_component_get_type ())
G_DECLARE_DERIVABLE_TYPE (KerviComponent, kervi_component, KERVI, COMPONENT, GObject)

/**
 * KerviComponentClass:
 * @parent_class: the parent class
 * @type_name: the component type shown on the bus (`controller`, `sensor`, ...)
 *
 * The class of #KerviComponent.
 */
struct _KerviComponentClass
{
  GObjectClass parent_class;

  const char *type_name;

  /*< private >*/
  gpointer padding[8];
};

const char *kervi_component_get_id (KerviComponent *self);
const char *kervi_component_get_name (KerviComponent *self);
const char *kervi_component_get_type_name (KerviComponent *self);
const char *kervi_component_get_module (KerviComponent *self);
gboolean kervi_component_get_available (KerviComponent *self);
const char *kervi_component_get_status (KerviComponent *self);
void kervi_component_set_available (KerviComponent *self, gboolean available, const char *status);

gboolean kervi_component_add_value (KerviComponent *self, KerviValue *value, GError **error);
KerviValue *kervi_component_lookup_value (KerviComponent *self, const char *value_id);
GList *kervi_component_get_values (KerviComponent *self);

gboolean kervi_component_add_action (KerviComponent *self, KerviAction *action, GError **error);
KerviAction *kervi_component_lookup_action (KerviComponent *self, const char *action_id);
GList *kervi_component_get_actions (KerviComponent *self);

char *kervi_component_get_dashboard_links (KerviComponent *self);

void kervi_component_unregister (KerviComponent *self);

G_END_DECLS
