/* kervi-action-call.c: calling any action by id, in any process
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "config.h"

#include "kervi-action.h"
#include "kervi-bus.h"
#include "kervi-error.h"
#include "kervi-export.h"
#include "kervi-registry.h"

/* Where an action runs: here, or at a bus name and path. */
typedef struct
{
  KerviAction *local;
  char *bus_name;
  char *path;
  char *method;
} Target;

static void
target_clear (Target *target)
{
  g_clear_pointer (&target->bus_name, g_free);
  g_clear_pointer (&target->path, g_free);
  g_clear_pointer (&target->method, g_free);
}

/* "fan_controller.activate" runs on component fan_controller; a plain
 * "app_main" is an application-wide action on /org/kervi/app. */
static gboolean
resolve (const char *action_id, Target *target, GError **error)
{
  KerviBus *bus = kervi_bus_get_default ();
  KerviDirectory *directory = kervi_bus_get_directory (bus);
  const char *dot;
  g_autofree char *component_id = NULL;
  KerviRemoteObject remote;

  memset (target, 0, sizeof *target);
  if (action_id == NULL || !g_utf8_validate (action_id, -1, NULL))
    {
      g_set_error (error, KERVI_ERROR, KERVI_ERROR_INVALID_ID, "Invalid action id");
      return FALSE;
    }

  target->local = kervi_registry_lookup_action (kervi_registry_get_default (), action_id);
  if (target->local != NULL)
    return TRUE;

  dot = strchr (action_id, '.');
  target->method = g_strdup (dot != NULL ? dot + 1 : action_id);
  if (!g_dbus_is_member_name (target->method) || (dot != NULL && dot == action_id))
    {
      g_set_error (error, KERVI_ERROR, KERVI_ERROR_INVALID_ID,
                   "Invalid action id '%s': expected '<component>.<action>' or '<action>'",
                   action_id);
      target_clear (target);
      return FALSE;
    }
  if (directory == NULL)
    {
      g_set_error (error, KERVI_ERROR, KERVI_ERROR_NOT_CONNECTED,
                   "No action '%s' in this process, and the process is not on a Kervi bus",
                   action_id);
      target_clear (target);
      return FALSE;
    }

  if (dot == NULL)
    {
      target->bus_name = g_strdup (KERVI_APP_BUS_NAME);
      target->path = g_strdup (KERVI_APP_PATH);
      return TRUE;
    }
  component_id = g_strndup (action_id, dot - action_id);
  if (!kervi_directory_lookup_component (directory, component_id, &remote))
    {
      g_set_error (error, KERVI_ERROR, KERVI_ERROR_UNKNOWN_COMPONENT,
                   "Cannot call '%s': no component '%s' on the bus", action_id, component_id);
      target_clear (target);
      return FALSE;
    }
  /* Call the unique name, so a call never reaches a restarted process
   * that did not get ready yet. */
  target->bus_name = g_strdup (remote.owner);
  target->path = g_strdup (remote.path);
  return TRUE;
}

static GVariant *
make_args (GVariant *args)
{
  return args != NULL ? g_variant_ref_sink (args) : g_variant_ref_sink (g_variant_new ("()"));
}

static gboolean
check_tuple (const char *action_id, GVariant *args, GError **error)
{
  if (g_variant_is_of_type (args, G_VARIANT_TYPE_TUPLE))
    return TRUE;
  g_set_error (error, KERVI_ERROR, KERVI_ERROR_INVALID_ARGS,
               "Arguments of '%s' must be a tuple, not '%s'", action_id,
               g_variant_get_type_string (args));
  return FALSE;
}

/* Turns the method reply into the action's result: nothing for "()", the
 * one child otherwise. */
static GVariant *
unpack_reply (GVariant *reply)
{
  if (reply == NULL || g_variant_n_children (reply) == 0)
    return NULL;
  return g_variant_get_child_value (reply, 0);
}

static void
strip_remote_error (GError *error)
{
  if (error != NULL)
    g_dbus_error_strip_remote_error (error);
}

static void
on_call_done (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GTask) task = user_data;
  GError *error = NULL;
  g_autoptr (GVariant) reply = NULL;

  reply = g_dbus_connection_call_finish (G_DBUS_CONNECTION (source), result, &error);
  kervi_bus_release (kervi_bus_get_default ());
  strip_remote_error (error);
  if (reply == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, unpack_reply (reply), (GDestroyNotify)g_variant_unref);
}

/* Runs the call once its target is known. */
static void
start_call (GTask *task, GVariant *args, Target *target)
{
  GError *error = NULL;

  if (target->local != NULL)
    {
      GVariant *result = kervi_action_invoke (target->local, args, &error);

      if (error != NULL)
        g_task_return_error (task, error);
      else
        g_task_return_pointer (task, result, (GDestroyNotify)g_variant_unref);
      return;
    }

  kervi_bus_hold (kervi_bus_get_default ());
  g_dbus_connection_call (kervi_bus_get_connection (kervi_bus_get_default ()), target->bus_name,
                          target->path, KERVI_ACTIONS_IFACE, target->method, args, NULL,
                          G_DBUS_CALL_FLAGS_NO_AUTO_START, -1, g_task_get_cancellable (task),
                          on_call_done, g_object_ref (task));
}

/* A call whose component is not in the directory yet, while the directory
 * still loads a process that just appeared (a module calling another one
 * right after both got ready): it waits for the directory to settle. */
typedef struct
{
  GTask *task;
  GVariant *args;
  char *action_id;
  KerviDirectory *directory;
  gulong handler;
} PendingCall;

static void
pending_call_free (PendingCall *pending)
{
  g_clear_signal_handler (&pending->handler, pending->directory);
  g_object_unref (pending->directory);
  g_object_unref (pending->task);
  g_variant_unref (pending->args);
  g_free (pending->action_id);
  g_free (pending);
}

static void call_resolved (GTask *task, GVariant *args, const char *action_id);

static void
on_directory_settled (KerviDirectory *directory, PendingCall *pending)
{
  call_resolved (pending->task, pending->args, pending->action_id);
  pending_call_free (pending);
}

static void
call_resolved (GTask *task, GVariant *args, const char *action_id)
{
  KerviDirectory *directory = kervi_bus_get_directory (kervi_bus_get_default ());
  GError *error = NULL;
  Target target;

  if (resolve (action_id, &target, &error))
    {
      start_call (task, args, &target);
      target_clear (&target);
      return;
    }
  if (g_error_matches (error, KERVI_ERROR, KERVI_ERROR_UNKNOWN_COMPONENT)
      && !kervi_directory_get_settled (directory))
    {
      PendingCall *pending = g_new0 (PendingCall, 1);

      g_clear_error (&error);
      pending->task = g_object_ref (task);
      pending->args = g_variant_ref (args);
      pending->action_id = g_strdup (action_id);
      pending->directory = g_object_ref (directory);
      pending->handler
          = g_signal_connect (directory, "settled", G_CALLBACK (on_directory_settled), pending);
      return;
    }
  g_task_return_error (task, error);
}

/**
 * kervi_action_call:
 * @action_id: the global id of an action: `<component>.<action>`, or
 *   `<action>` for an application-wide action such as `app_main`
 * @args: (nullable): the arguments, a tuple; %NULL for none
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): called when the action has run
 * @user_data: data for @callback
 *
 * Runs an action by id, wherever it lives: in this process, or in the
 * process on the bus that owns its component. A component of a process
 * that has just joined the bus is found once its objects are loaded: the
 * call waits for that instead of failing. Finish with
 * kervi_action_call_finish().
 */
void
kervi_action_call (const char *action_id, GVariant *args, GCancellable *cancellable,
                   GAsyncReadyCallback callback, gpointer user_data)
{
  g_autoptr (GTask) task = g_task_new (NULL, cancellable, callback, user_data);
  g_autoptr (GVariant) owned_args = make_args (args);
  GError *error = NULL;

  g_task_set_source_tag (task, kervi_action_call);

  if (!check_tuple (action_id, owned_args, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  call_resolved (task, owned_args, action_id);
}

/**
 * kervi_action_call_finish:
 * @result: the #GAsyncResult
 * @error: return location for a #GError
 *
 * Finishes kervi_action_call(). Errors are in %KERVI_ERROR whether the
 * action ran here or in another process: %KERVI_ERROR_UNKNOWN_COMPONENT,
 * %KERVI_ERROR_UNKNOWN_ACTION, %KERVI_ERROR_INVALID_ARGS,
 * %KERVI_ERROR_ACTION_FAILED, ...; D-Bus failures (a process that exited
 * during the call) are in %G_DBUS_ERROR or %G_IO_ERROR.
 *
 * Returns: (transfer full) (nullable): the action's result; %NULL if it has
 *   none or on error
 */
GVariant *
kervi_action_call_finish (GAsyncResult *result, GError **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* The synchronous twin of waiting for the directory to settle: ask each
 * process whose objects are still being loaded whether it has the
 * component. */
static gboolean
probe_loading_owners (const char *action_id, Target *target)
{
  KerviBus *bus = kervi_bus_get_default ();
  KerviDirectory *directory = kervi_bus_get_directory (bus);
  g_autoptr (GPtrArray) owners = NULL;
  g_autofree char *component_id = NULL;
  g_autofree char *path = NULL;

  if (directory == NULL || kervi_directory_get_settled (directory))
    return FALSE;
  component_id = g_strndup (action_id, strchr (action_id, '.') - action_id);
  path = _kervi_component_object_path (component_id);
  owners = kervi_directory_get_loading_owners (directory);
  for (guint i = 0; i < owners->len; i++)
    {
      g_autoptr (GVariant) reply = g_dbus_connection_call_sync (
          kervi_bus_get_connection (bus), owners->pdata[i], path, "org.freedesktop.DBus.Properties",
          "Get", g_variant_new ("(ss)", KERVI_COMPONENT_IFACE, "Id"), G_VARIANT_TYPE ("(v)"),
          G_DBUS_CALL_FLAGS_NO_AUTO_START, -1, NULL, NULL);

      if (reply == NULL)
        continue;
      target->bus_name = g_strdup (owners->pdata[i]);
      target->path = g_steal_pointer (&path);
      target->method = g_strdup (strchr (action_id, '.') + 1);
      return TRUE;
    }
  return FALSE;
}

/**
 * kervi_action_call_sync:
 * @action_id: the global id of an action
 * @args: (nullable): the arguments, a tuple; %NULL for none
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Runs an action by id and waits for it, blocking the calling thread. See
 * kervi_action_call().
 *
 * Returns: (transfer full) (nullable): the action's result; %NULL if it has
 *   none or on error
 */
GVariant *
kervi_action_call_sync (const char *action_id, GVariant *args, GCancellable *cancellable,
                        GError **error)
{
  g_autoptr (GVariant) owned_args = make_args (args);
  g_autoptr (GVariant) reply = NULL;
  g_autoptr (GError) local_error = NULL;
  Target target;

  if (!check_tuple (action_id, owned_args, error))
    return NULL;
  if (!resolve (action_id, &target, &local_error))
    {
      if (!g_error_matches (local_error, KERVI_ERROR, KERVI_ERROR_UNKNOWN_COMPONENT)
          || !probe_loading_owners (action_id, &target))
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return NULL;
        }
    }
  if (target.local != NULL)
    return kervi_action_invoke (target.local, owned_args, error);

  reply = g_dbus_connection_call_sync (kervi_bus_get_connection (kervi_bus_get_default ()),
                                       target.bus_name, target.path, KERVI_ACTIONS_IFACE,
                                       target.method, owned_args, NULL,
                                       G_DBUS_CALL_FLAGS_NO_AUTO_START, -1, cancellable, error);
  target_clear (&target);
  if (reply == NULL && error != NULL)
    strip_remote_error (*error);
  return unpack_reply (reply);
}
