/* kervi-controller.h: a component with inputs, outputs and actions
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#if !defined(KERVI_INSIDE) && !defined(KERVI_COMPILATION)
#error "Only <kervi.h> can be included directly."
#endif

#include "kervi-component.h"

G_BEGIN_DECLS

#define KERVI_TYPE_CONTROLLER (kervi_controller_get_type ())
G_DECLARE_DERIVABLE_TYPE (KerviController, kervi_controller, KERVI, CONTROLLER, KerviComponent)

/**
 * KerviControllerClass:
 * @parent_class: the parent class
 * @input_changed: class handler of #KerviController::input-changed: called
 *   after one of the inputs changed, whether from a link, from the bus or
 *   from code
 *
 * The class of #KerviController.
 */
struct _KerviControllerClass
{
  KerviComponentClass parent_class;

  void (*input_changed) (KerviController *self, KerviValue *input);

  /*< private >*/
  gpointer padding[8];
};

/**
 * KerviControllerClass::input_changed:
 * @self: the controller
 * @input: the input that changed
 *
 * The class handler of #KerviController::input-changed. Subclasses
 * implement it to react to their inputs, typically by setting outputs.
 */

KerviController *kervi_controller_new (const char *id, const char *name);

gboolean kervi_controller_add_input (KerviController *self, KerviValue *value, GError **error);
gboolean kervi_controller_add_output (KerviController *self, KerviValue *value, GError **error);
KerviValue *kervi_controller_get_input (KerviController *self, const char *id);
KerviValue *kervi_controller_get_output (KerviController *self, const char *id);
GList *kervi_controller_get_inputs (KerviController *self);
GList *kervi_controller_get_outputs (KerviController *self);

G_END_DECLS
