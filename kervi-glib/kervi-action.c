/* kervi-action.c: a named callable with typed arguments
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "config.h"

#include "kervi-action.h"
#include "kervi-enum-types.h"
#include "kervi-error.h"
#include "kervi-private.h"

/**
 * KerviAction:
 *
 * A named callable with typed arguments, state and result: Kervi's actions.
 *
 * An action has an id (a D-Bus member name such as `activate`), a
 * signature (the D-Bus types of its arguments, e.g. `b` or `sd`), and a
 * body, given as a #KerviActionFunc or a #GClosure so that bindings can
 * supply it. Added to a component (kervi_component_add_action()), the
 * action gets the global id `<component>.<action>` and becomes a method of
 * the component's `org.kervi.Actions` interface on the bus, so that
 *
 * |[
 * gdbus call -a "$KERVI_BUS_ADDRESS" -d org.kervi.Module.controllers \
 *   -o /org/kervi/component/fan_controller -m org.kervi.Actions.activate true
 * ]|
 *
 * runs it. kervi_action_call() runs any action by global id from any
 * process: the id decides where it runs.
 *
 * The body runs in the main thread of the process that owns the action.
 * It reports a failure with kervi_action_fail().
 */

struct _KerviAction
{
  GObject parent_instance;

  char *id;
  char *global_id;
  char *name;
  char *signature;
  char *result_signature;
  GClosure *closure;
  KerviComponent *component; /* weak: the component owns its actions */

  KerviActionState state;
  GVariant *result;
  char *error_message;
  gboolean failing; /* kervi_action_fail() was called during this run */
};

G_DEFINE_FINAL_TYPE (KerviAction, kervi_action, G_TYPE_OBJECT)

enum
{
  PROP_0,
  PROP_ID,
  PROP_GLOBAL_ID,
  PROP_NAME,
  PROP_SIGNATURE,
  PROP_RESULT_SIGNATURE,
  PROP_STATE,
  PROP_RESULT,
  PROP_ERROR_MESSAGE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
kervi_action_finalize (GObject *object)
{
  KerviAction *self = KERVI_ACTION (object);

  g_clear_pointer (&self->closure, g_closure_unref);
  g_clear_pointer (&self->result, g_variant_unref);
  g_free (self->id);
  g_free (self->global_id);
  g_free (self->name);
  g_free (self->signature);
  g_free (self->result_signature);
  g_free (self->error_message);

  G_OBJECT_CLASS (kervi_action_parent_class)->finalize (object);
}

static void
kervi_action_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  KerviAction *self = KERVI_ACTION (object);

  switch (prop_id)
    {
      case PROP_ID:
        g_value_set_string (value, self->id);
        break;
      case PROP_GLOBAL_ID:
        g_value_set_string (value, kervi_action_get_global_id (self));
        break;
      case PROP_NAME:
        g_value_set_string (value, self->name);
        break;
      case PROP_SIGNATURE:
        g_value_set_string (value, self->signature);
        break;
      case PROP_RESULT_SIGNATURE:
        g_value_set_string (value, self->result_signature);
        break;
      case PROP_STATE:
        g_value_set_enum (value, self->state);
        break;
      case PROP_RESULT:
        g_value_set_variant (value, self->result);
        break;
      case PROP_ERROR_MESSAGE:
        g_value_set_string (value, self->error_message);
        break;
      default:
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kervi_action_set_property (GObject *object, guint prop_id, const GValue *value, GParamSpec *pspec)
{
  KerviAction *self = KERVI_ACTION (object);

  switch (prop_id)
    {
      case PROP_ID:
        self->id = g_value_dup_string (value);
        break;
      case PROP_NAME:
        self->name = g_value_dup_string (value);
        break;
      case PROP_SIGNATURE:
        self->signature = g_value_dup_string (value);
        break;
      case PROP_RESULT_SIGNATURE:
        kervi_action_set_result_signature (self, g_value_get_string (value));
        break;
      default:
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

/* An action id must be usable as a D-Bus method name. */
static gboolean
is_member_name (const char *id)
{
  return id != NULL && g_dbus_is_member_name (id);
}

static void
kervi_action_constructed (GObject *object)
{
  KerviAction *self = KERVI_ACTION (object);

  G_OBJECT_CLASS (kervi_action_parent_class)->constructed (object);

  if (!is_member_name (self->id))
    g_critical ("KerviAction: invalid id '%s': use letters, digits and '_', not starting with a "
                "digit",
                self->id != NULL ? self->id : "(null)");
  if (self->signature == NULL)
    self->signature = g_strdup ("");
  if (!g_variant_is_signature (self->signature))
    {
      g_critical ("KerviAction '%s': invalid signature '%s'", self->id, self->signature);
      g_free (self->signature);
      self->signature = g_strdup ("");
    }
  if (self->result_signature == NULL)
    self->result_signature = g_strdup ("");
  if (self->name == NULL)
    self->name = g_strdup (self->id);
}

static void
kervi_action_class_init (KerviActionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = kervi_action_finalize;
  object_class->get_property = kervi_action_get_property;
  object_class->set_property = kervi_action_set_property;
  object_class->constructed = kervi_action_constructed;

  /**
   * KerviAction:id:
   *
   * The action id, a D-Bus member name: letters, digits and `_`, not
   * starting with a digit.
   */
  properties[PROP_ID] = g_param_spec_string (
      "id", NULL, NULL, NULL, G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  /**
   * KerviAction:global-id:
   *
   * The id of the action in the whole application: `<component>.<action>`,
   * or the plain id for application-wide actions and actions not added to
   * a component.
   */
  properties[PROP_GLOBAL_ID] = g_param_spec_string ("global-id", NULL, NULL, NULL,
                                                    G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  /**
   * KerviAction:name:
   *
   * The human-readable name.
   */
  properties[PROP_NAME]
      = g_param_spec_string ("name", NULL, NULL, NULL,
                             G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  /**
   * KerviAction:signature:
   *
   * The D-Bus types of the arguments, concatenated: "" for none, "b" for
   * one boolean, "sd" for a string and a double.
   */
  properties[PROP_SIGNATURE]
      = g_param_spec_string ("signature", NULL, NULL, "",
                             G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  /**
   * KerviAction:result-signature:
   *
   * The D-Bus type of the result: "" for none, or one complete type.
   */
  properties[PROP_RESULT_SIGNATURE]
      = g_param_spec_string ("result-signature", NULL, NULL, "",
                             G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * KerviAction:state:
   *
   * Whether the action is idle, running, done or failed.
   */
  properties[PROP_STATE]
      = g_param_spec_enum ("state", NULL, NULL, KERVI_TYPE_ACTION_STATE, KERVI_ACTION_STATE_IDLE,
                           G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  /**
   * KerviAction:result:
   *
   * The result of the last successful run, or %NULL.
   */
  properties[PROP_RESULT] = g_param_spec_variant ("result", NULL, NULL, G_VARIANT_TYPE_ANY, NULL,
                                                  G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  /**
   * KerviAction:error-message:
   *
   * Why the last run failed, or %NULL.
   */
  properties[PROP_ERROR_MESSAGE] = g_param_spec_string ("error-message", NULL, NULL, NULL,
                                                        G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
kervi_action_init (KerviAction *self)
{
}

static void
marshal_action_func (GClosure *closure, GValue *return_value, guint n_param_values,
                     const GValue *param_values, gpointer invocation_hint, gpointer marshal_data)
{
  KerviActionFunc func = (KerviActionFunc)((GCClosure *)closure)->callback;
  GVariant *result;

  result = func (g_value_get_object (&param_values[0]), g_value_get_variant (&param_values[1]),
                 closure->data);
  g_value_take_variant (return_value, result);
}

/**
 * kervi_action_new:
 * @id: the action id, a D-Bus member name
 * @name: (nullable): the human-readable name
 * @signature: (nullable): the D-Bus types of the arguments, "" or %NULL for
 *   none
 * @func: (scope notified) (closure user_data) (destroy notify): the body
 * @user_data: data for @func
 * @notify: (nullable): frees @user_data when the action is finalized
 *
 * Creates an action whose body is @func.
 *
 * Returns: (transfer full): a new #KerviAction
 */
KerviAction *
kervi_action_new (const char *id, const char *name, const char *signature, KerviActionFunc func,
                  gpointer user_data, GDestroyNotify notify)
{
  GClosure *closure;

  g_return_val_if_fail (func != NULL, NULL);

  closure = g_cclosure_new (G_CALLBACK (func), user_data, (GClosureNotify)(void (*) (void))notify);
  g_closure_set_marshal (closure, marshal_action_func);
  return kervi_action_new_with_closure (id, name, signature, closure);
}

/**
 * kervi_action_new_with_closure:
 * @id: the action id, a D-Bus member name
 * @name: (nullable): the human-readable name
 * @signature: (nullable): the D-Bus types of the arguments
 * @closure: the body: called with the #KerviAction and the arguments as a
 *   #GVariant tuple, returns a #GVariant result or %NULL
 *
 * Creates an action whose body is a #GClosure, as bindings provide them.
 *
 * Returns: (transfer full): a new #KerviAction
 */
KerviAction *
kervi_action_new_with_closure (const char *id, const char *name, const char *signature,
                               GClosure *closure)
{
  KerviAction *self;

  g_return_val_if_fail (closure != NULL, NULL);

  self = g_object_new (KERVI_TYPE_ACTION, "id", id, "name", name, "signature", signature, NULL);
  self->closure = g_closure_ref (closure);
  g_closure_sink (closure);
  if (G_CLOSURE_NEEDS_MARSHAL (closure))
    g_closure_set_marshal (closure, g_cclosure_marshal_generic);
  return self;
}

/**
 * kervi_action_get_id:
 * @self: a #KerviAction
 *
 * Returns: the action id
 */
const char *
kervi_action_get_id (KerviAction *self)
{
  g_return_val_if_fail (KERVI_IS_ACTION (self), NULL);

  return self->id;
}

/**
 * kervi_action_get_global_id:
 * @self: a #KerviAction
 *
 * Returns: the id of the action in the whole application
 */
const char *
kervi_action_get_global_id (KerviAction *self)
{
  g_return_val_if_fail (KERVI_IS_ACTION (self), NULL);

  return self->global_id != NULL ? self->global_id : self->id;
}

/**
 * kervi_action_get_name:
 * @self: a #KerviAction
 *
 * Returns: the human-readable name
 */
const char *
kervi_action_get_name (KerviAction *self)
{
  g_return_val_if_fail (KERVI_IS_ACTION (self), NULL);

  return self->name;
}

/**
 * kervi_action_get_signature:
 * @self: a #KerviAction
 *
 * Returns: the D-Bus types of the arguments
 */
const char *
kervi_action_get_signature (KerviAction *self)
{
  g_return_val_if_fail (KERVI_IS_ACTION (self), NULL);

  return self->signature;
}

/**
 * kervi_action_get_result_signature:
 * @self: a #KerviAction
 *
 * Returns: the D-Bus type of the result, "" for none
 */
const char *
kervi_action_get_result_signature (KerviAction *self)
{
  g_return_val_if_fail (KERVI_IS_ACTION (self), NULL);

  return self->result_signature;
}

/**
 * kervi_action_set_result_signature:
 * @self: a #KerviAction
 * @signature: (nullable): one complete D-Bus type, or "" or %NULL for none
 *
 * Declares the type of the action's result. Set it before the action is
 * added to a component: the bus shows it as the method's out argument.
 */
void
kervi_action_set_result_signature (KerviAction *self, const char *signature)
{
  g_return_if_fail (KERVI_IS_ACTION (self));

  if (signature == NULL)
    signature = "";
  if (*signature != '\0' && !g_variant_type_string_is_valid (signature))
    {
      g_critical ("KerviAction '%s': invalid result signature '%s'", self->id, signature);
      return;
    }
  if (g_strcmp0 (self->result_signature, signature) == 0)
    return;
  g_free (self->result_signature);
  self->result_signature = g_strdup (signature);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RESULT_SIGNATURE]);
}

/**
 * kervi_action_get_state:
 * @self: a #KerviAction
 *
 * Returns: the state of the action
 */
KerviActionState
kervi_action_get_state (KerviAction *self)
{
  g_return_val_if_fail (KERVI_IS_ACTION (self), KERVI_ACTION_STATE_IDLE);

  return self->state;
}

/**
 * kervi_action_get_result:
 * @self: a #KerviAction
 *
 * Returns: (transfer none) (nullable): the result of the last successful
 *   run
 */
GVariant *
kervi_action_get_result (KerviAction *self)
{
  g_return_val_if_fail (KERVI_IS_ACTION (self), NULL);

  return self->result;
}

/**
 * kervi_action_get_error_message:
 * @self: a #KerviAction
 *
 * Returns: (nullable): why the last run failed
 */
const char *
kervi_action_get_error_message (KerviAction *self)
{
  g_return_val_if_fail (KERVI_IS_ACTION (self), NULL);

  return self->error_message;
}

/**
 * kervi_action_fail:
 * @self: a #KerviAction
 * @message: why the run failed
 *
 * Called by the body of a running action to report a failure: the action
 * ends in %KERVI_ACTION_STATE_FAILED and the caller gets
 * %KERVI_ERROR_ACTION_FAILED with @message, whatever the body returns.
 */
void
kervi_action_fail (KerviAction *self, const char *message)
{
  g_return_if_fail (KERVI_IS_ACTION (self));
  g_return_if_fail (message != NULL);

  if (self->state != KERVI_ACTION_STATE_RUNNING)
    {
      g_warning ("kervi_action_fail() called on action '%s', which is not running",
                 kervi_action_get_global_id (self));
      return;
    }
  self->failing = TRUE;
  g_free (self->error_message);
  self->error_message = g_strdup (message);
}

static void
set_state (KerviAction *self, KerviActionState state)
{
  if (self->state == state)
    return;
  self->state = state;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);
}

/**
 * kervi_action_invoke:
 * @self: a #KerviAction
 * @args: (nullable): the arguments: a tuple of the action's signature; %NULL
 *   for an action without arguments
 * @error: return location for a #GError
 *
 * Runs the action in this process, now. Arguments of the wrong type give
 * %KERVI_ERROR_INVALID_ARGS; an action already running (a body that calls
 * its own action) %KERVI_ERROR_BUSY; a body that calls kervi_action_fail()
 * %KERVI_ERROR_ACTION_FAILED.
 *
 * Returns: (transfer full) (nullable): the result, %NULL if the action has
 *   none or on error
 */
GVariant *
kervi_action_invoke (KerviAction *self, GVariant *args, GError **error)
{
  g_autoptr (GVariant) owned_args = NULL;
  g_autofree char *expected = NULL;
  g_autoptr (GVariant) result = NULL;
  GValue params[2] = { G_VALUE_INIT, G_VALUE_INIT };
  GValue return_value = G_VALUE_INIT;

  g_return_val_if_fail (KERVI_IS_ACTION (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  owned_args = args != NULL ? g_variant_ref_sink (args) : g_variant_ref_sink (g_variant_new ("()"));
  expected = g_strdup_printf ("(%s)", self->signature);
  if (!g_variant_is_of_type (owned_args, G_VARIANT_TYPE (expected)))
    {
      g_set_error (error, KERVI_ERROR, KERVI_ERROR_INVALID_ARGS,
                   "Action '%s' takes arguments of type '%s', not '%s'",
                   kervi_action_get_global_id (self), expected,
                   g_variant_get_type_string (owned_args));
      return NULL;
    }
  if (self->state == KERVI_ACTION_STATE_RUNNING)
    {
      g_set_error (error, KERVI_ERROR, KERVI_ERROR_BUSY, "Action '%s' is already running",
                   kervi_action_get_global_id (self));
      return NULL;
    }

  g_object_ref (self);
  self->failing = FALSE;
  set_state (self, KERVI_ACTION_STATE_RUNNING);

  g_value_init (&params[0], KERVI_TYPE_ACTION);
  g_value_set_object (&params[0], self);
  g_value_init (&params[1], G_TYPE_VARIANT);
  g_value_set_variant (&params[1], owned_args);
  g_value_init (&return_value, G_TYPE_VARIANT);
  g_closure_invoke (self->closure, &return_value, 2, params, NULL);
  result = g_value_dup_variant (&return_value);
  g_value_unset (&return_value);
  g_value_unset (&params[0]);
  g_value_unset (&params[1]);

  if (!self->failing && *self->result_signature != '\0'
      && (result == NULL
          || !g_variant_is_of_type (result, G_VARIANT_TYPE (self->result_signature))))
    {
      self->failing = TRUE;
      g_free (self->error_message);
      self->error_message = g_strdup_printf (
          "returned %s instead of a result of type '%s'",
          result ? g_variant_get_type_string (result) : "nothing", self->result_signature);
    }
  else if (!self->failing && *self->result_signature == '\0' && result != NULL)
    {
      /* A result the action does not declare would not fit its D-Bus
       * method; drop it rather than fail the run. */
      g_debug ("Action '%s' returned a result it does not declare; ignored",
               kervi_action_get_global_id (self));
      g_clear_pointer (&result, g_variant_unref);
    }

  if (self->failing)
    {
      g_set_error (error, KERVI_ERROR, KERVI_ERROR_ACTION_FAILED, "Action '%s' failed: %s",
                   kervi_action_get_global_id (self), self->error_message);
      g_clear_pointer (&result, g_variant_unref);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ERROR_MESSAGE]);
      set_state (self, KERVI_ACTION_STATE_FAILED);
    }
  else
    {
      g_clear_pointer (&self->error_message, g_free);
      g_clear_pointer (&self->result, g_variant_unref);
      self->result = result != NULL ? g_variant_ref (result) : NULL;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RESULT]);
      set_state (self, KERVI_ACTION_STATE_DONE);
    }
  g_object_unref (self);

  return g_steal_pointer (&result);
}

/**
 * kervi_action_state_to_string:
 * @state: a #KerviActionState
 *
 * Returns: the name of @state as on the bus: `idle`, `running`, `done` or
 *   `failed`
 */
const char *
kervi_action_state_to_string (KerviActionState state)
{
  switch (state)
    {
      case KERVI_ACTION_STATE_IDLE:
        return "idle";
      case KERVI_ACTION_STATE_RUNNING:
        return "running";
      case KERVI_ACTION_STATE_DONE:
        return "done";
      case KERVI_ACTION_STATE_FAILED:
        return "failed";
      default:
        g_return_val_if_reached (NULL);
    }
}

/* Private API */

void
_kervi_action_attach (KerviAction *self, KerviComponent *component, const char *global_id)
{
  self->component = component;
  g_free (self->global_id);
  self->global_id = g_strdup (global_id);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_GLOBAL_ID]);
}

KerviComponent *
_kervi_action_get_component (KerviAction *self)
{
  return self->component;
}
