/* kervi-controller.c: a component with inputs, outputs and actions
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "config.h"

#include "kervi-controller.h"
#include "kervi-private.h"

/**
 * KerviController:
 *
 * A component with inputs, outputs and actions: Kervi's controllers.
 *
 * Inputs are values that others set: a link (kervi_value_link_to()), a
 * `org.kervi.Value.Set` call on the bus, the dashboard, or code. After
 * every change of an input the controller runs its
 * #KerviControllerClass.input_changed virtual function and emits
 * #KerviController::input-changed; subclasses (in C, Python or JavaScript)
 * put their logic there and set their outputs.
 *
 * |[<!-- language="C" -->
 * static void
 * fan_controller_input_changed (KerviController *controller, KerviValue *input)
 * {
 *   FanController *self = FAN_CONTROLLER (controller);
 *   double temp = kervi_number_value_get_value (self->temp);
 *
 *   kervi_number_value_set_value (self->fan_speed, temp <= 20 ? 0 : MIN (100, temp / 80 * 100),
 *                                 NULL);
 * }
 * ]|
 */

G_DEFINE_TYPE (KerviController, kervi_controller, KERVI_TYPE_COMPONENT)

enum
{
  SIGNAL_INPUT_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
kervi_controller_class_init (KerviControllerClass *klass)
{
  KerviComponentClass *component_class = KERVI_COMPONENT_CLASS (klass);

  component_class->type_name = "controller";

  /**
   * KerviController::input-changed:
   * @self: the controller
   * @input: the input that changed
   *
   * Emitted after an input changed. The class handler is
   * #KerviControllerClass.input_changed.
   */
  signals[SIGNAL_INPUT_CHANGED]
      = g_signal_new ("input-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                      G_STRUCT_OFFSET (KerviControllerClass, input_changed), NULL, NULL, NULL,
                      G_TYPE_NONE, 1, KERVI_TYPE_VALUE);
}

static void
kervi_controller_init (KerviController *self)
{
}

/**
 * kervi_controller_new:
 * @id: the component id
 * @name: (nullable): the human-readable name
 *
 * Creates a plain controller, for code that connects to
 * #KerviController::input-changed instead of subclassing.
 *
 * Returns: (transfer full): a new #KerviController, registered with the
 *   process
 */
KerviController *
kervi_controller_new (const char *id, const char *name)
{
  return g_object_new (KERVI_TYPE_CONTROLLER, "id", id, "name", name, NULL);
}

static void
on_input_changed (KerviValue *input, GVariant *value, gint64 timestamp, KerviController *self)
{
  g_signal_emit (self, signals[SIGNAL_INPUT_CHANGED], 0, input);
}

/**
 * kervi_controller_add_input:
 * @self: a #KerviController
 * @value: the value, which must not belong to another component
 * @error: return location for a #GError
 *
 * Adds an input. Its changes run #KerviControllerClass.input_changed.
 *
 * Returns: %TRUE on success, %FALSE with %KERVI_ERROR_EXISTS if the id is
 *   taken or the value belongs to a component already
 */
gboolean
kervi_controller_add_input (KerviController *self, KerviValue *value, GError **error)
{
  g_return_val_if_fail (KERVI_IS_CONTROLLER (self), FALSE);
  g_return_val_if_fail (KERVI_IS_VALUE (value), FALSE);

  if (!_kervi_component_add_value_full (KERVI_COMPONENT (self), value, TRUE, NULL, error))
    return FALSE;
  g_signal_connect_object (value, "changed", G_CALLBACK (on_input_changed), self, 0);
  return TRUE;
}

/**
 * kervi_controller_add_output:
 * @self: a #KerviController
 * @value: the value, which must not belong to another component
 * @error: return location for a #GError
 *
 * Adds an output: a value the controller sets and others follow.
 *
 * Returns: %TRUE on success, %FALSE with %KERVI_ERROR_EXISTS if the id is
 *   taken or the value belongs to a component already
 */
gboolean
kervi_controller_add_output (KerviController *self, KerviValue *value, GError **error)
{
  g_return_val_if_fail (KERVI_IS_CONTROLLER (self), FALSE);
  g_return_val_if_fail (KERVI_IS_VALUE (value), FALSE);

  return _kervi_component_add_value_full (KERVI_COMPONENT (self), value, FALSE, NULL, error);
}

static KerviValue *
lookup_value (KerviController *self, const char *id, gboolean input)
{
  KerviValue *value = kervi_component_lookup_value (KERVI_COMPONENT (self), id);

  return value != NULL && kervi_value_get_input (value) == input ? value : NULL;
}

/**
 * kervi_controller_get_input:
 * @self: a #KerviController
 * @id: the id of an input
 *
 * Returns: (transfer none) (nullable): the input, or %NULL
 */
KerviValue *
kervi_controller_get_input (KerviController *self, const char *id)
{
  g_return_val_if_fail (KERVI_IS_CONTROLLER (self), NULL);

  return lookup_value (self, id, TRUE);
}

/**
 * kervi_controller_get_output:
 * @self: a #KerviController
 * @id: the id of an output
 *
 * Returns: (transfer none) (nullable): the output, or %NULL
 */
KerviValue *
kervi_controller_get_output (KerviController *self, const char *id)
{
  g_return_val_if_fail (KERVI_IS_CONTROLLER (self), NULL);

  return lookup_value (self, id, FALSE);
}

static GList *
filter_values (KerviController *self, gboolean input)
{
  GList *values = kervi_component_get_values (KERVI_COMPONENT (self));

  for (GList *l = values; l != NULL;)
    {
      GList *next = l->next;

      if (kervi_value_get_input (l->data) != input)
        values = g_list_delete_link (values, l);
      l = next;
    }
  return values;
}

/**
 * kervi_controller_get_inputs:
 * @self: a #KerviController
 *
 * Returns: (transfer container) (element-type KerviValue): the inputs
 */
GList *
kervi_controller_get_inputs (KerviController *self)
{
  g_return_val_if_fail (KERVI_IS_CONTROLLER (self), NULL);

  return filter_values (self, TRUE);
}

/**
 * kervi_controller_get_outputs:
 * @self: a #KerviController
 *
 * Returns: (transfer container) (element-type KerviValue): the outputs
 */
GList *
kervi_controller_get_outputs (KerviController *self)
{
  g_return_val_if_fail (KERVI_IS_CONTROLLER (self), NULL);

  return filter_values (self, FALSE);
}
