/* kd-invoke.c: actions calls and input changes from the browser, over D-Bus
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "config.h"

#include "kd-bus.h"
#include "kd-invoke.h"
#include "kd-json.h"

G_DEFINE_QUARK (kd - error - quark, kd_error)

/* The "code" of an error message: a short name for protocol errors, the
 * D-Bus error name (org.kervi.Error.OutOfRange, ...) for errors that the
 * owning process returned. */
const char *
kd_error_code (const GError *error)
{
  static const char *const names[] = {
    [KD_ERROR_BAD_REQUEST] = "bad-request",
    [KD_ERROR_TOO_BIG] = "too-big",
    [KD_ERROR_UNKNOWN_VALUE] = "unknown-value",
    [KD_ERROR_UNKNOWN_ACTION] = "unknown-action",
    [KD_ERROR_INVALID_ARGS] = "invalid-args",
    [KD_ERROR_READ_ONLY] = "read-only",
    [KD_ERROR_OFFLINE] = "offline",
  };
  static char remote[256];
  g_autofree char *name = NULL;

  if (error->domain == KD_ERROR && error->code >= 0 && error->code < (int)G_N_ELEMENTS (names))
    return names[error->code];
  name = g_dbus_error_get_remote_error (error);
  if (name != NULL)
    {
      g_strlcpy (remote, name, sizeof remote);
      return remote;
    }
  return "failed";
}

typedef struct
{
  char *id;
  JsonNode *position; /* for a one-boolean action: the switch position */
  KdModel *model;
} InvokeData;

static void
invoke_data_free (InvokeData *data)
{
  g_free (data->id);
  g_clear_pointer (&data->position, json_node_unref);
  g_clear_object (&data->model);
  g_free (data);
}

static void
call_done_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GTask) task = user_data;
  InvokeData *data = g_task_get_task_data (task);
  g_autoptr (GError) error = NULL;
  g_autoptr (GVariant) reply = NULL;
  JsonNode *node;

  reply = g_dbus_connection_call_finish (G_DBUS_CONNECTION (source), result, &error);
  if (reply == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  if (g_variant_n_children (reply) == 0)
    node = json_node_init_null (json_node_alloc ());
  else if (g_variant_n_children (reply) == 1)
    {
      g_autoptr (GVariant) child = g_variant_get_child_value (reply, 0);
      node = json_gvariant_serialize (child);
    }
  else
    node = json_gvariant_serialize (reply);
  if (data->position != NULL)
    kd_model_action_switched (data->model, data->id, data->position);
  g_task_return_pointer (task, node, (GDestroyNotify)json_node_unref);
}

static const char *
value_signature (KdValue *v)
{
  if (g_strcmp0 (v->kind, "number") == 0)
    return "d";
  if (g_strcmp0 (v->kind, "boolean") == 0)
    return "b";
  return "s";
}

/* Sets the input @value_id to the JSON @data, typed by the value's type,
 * with org.kervi.Value.Set on the owning process. */
void
kd_invoke_set (GDBusConnection *connection, KdModel *model, const char *value_id, JsonNode *data,
               GCancellable *cancellable, GAsyncReadyCallback callback, gpointer user_data)
{
  g_autoptr (GTask) task = g_task_new (NULL, cancellable, callback, user_data);
  KdValue *v = kd_model_lookup_value (model, value_id);
  g_autoptr (GError) error = NULL;
  GVariant *variant;

  g_task_set_source_tag (task, kd_invoke_set);
  g_task_set_task_data (task, g_new0 (InvokeData, 1), (GDestroyNotify)invoke_data_free);
  if (v == NULL)
    {
      g_task_return_new_error (task, KD_ERROR, KD_ERROR_UNKNOWN_VALUE, "No value '%s'", value_id);
      return;
    }
  if (!v->online)
    {
      g_task_return_new_error (task, KD_ERROR, KD_ERROR_OFFLINE,
                               "Value '%s' is offline: its process is not running", v->id);
      return;
    }
  if (!v->input)
    {
      g_task_return_new_error (task, KD_ERROR, KD_ERROR_READ_ONLY,
                               "Value '%s' is an output and cannot be set", v->id);
      return;
    }
  variant = kd_json_to_variant (data, G_VARIANT_TYPE (value_signature (v)), &error);
  if (variant == NULL)
    {
      g_task_return_new_error (task, KD_ERROR, KD_ERROR_INVALID_ARGS, "Cannot set %s '%s': %s",
                               v->kind, v->id, error != NULL ? error->message : "invalid text");
      return;
    }

  g_dbus_connection_call (connection, v->owner, v->path, KD_VALUE_IFACE, "Set",
                          g_variant_new ("(v)", variant), G_VARIANT_TYPE_UNIT,
                          G_DBUS_CALL_FLAGS_NO_AUTO_START, -1, cancellable, call_done_cb,
                          g_steal_pointer (&task));
}

/* Calls the action @action_id with the JSON array @args (or NULL for
 * none), typed by the method's introspected in-arguments. */
void
kd_invoke_call (GDBusConnection *connection, KdModel *model, const char *action_id, JsonNode *args,
                GCancellable *cancellable, GAsyncReadyCallback callback, gpointer user_data)
{
  g_autoptr (GTask) task = g_task_new (NULL, cancellable, callback, user_data);
  KdAction *a = kd_model_lookup_action (model, action_id);
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonNode) empty = NULL;
  g_autofree char *tuple = NULL;
  InvokeData *data = g_new0 (InvokeData, 1);
  GVariant *params;

  g_task_set_source_tag (task, kd_invoke_call);
  g_task_set_task_data (task, data, (GDestroyNotify)invoke_data_free);
  if (a == NULL)
    {
      g_task_return_new_error (task, KD_ERROR, KD_ERROR_UNKNOWN_ACTION, "No action '%s'",
                               action_id);
      return;
    }
  if (!a->online)
    {
      g_task_return_new_error (task, KD_ERROR, KD_ERROR_OFFLINE,
                               "Action '%s' is offline: its process is not running", a->id);
      return;
    }
  if (args == NULL)
    args = empty = json_node_init_array (json_node_alloc (), json_array_new ());
  if (!JSON_NODE_HOLDS_ARRAY (args))
    {
      g_task_return_new_error (task, KD_ERROR, KD_ERROR_BAD_REQUEST,
                               "'args' of a call must be an array");
      return;
    }

  tuple = g_strdup_printf ("(%s)", a->signature);
  params = kd_json_to_variant (args, G_VARIANT_TYPE (tuple), &error);
  if (params == NULL)
    {
      g_task_return_new_error (task, KD_ERROR, KD_ERROR_INVALID_ARGS,
                               "Cannot call '%s' (arguments '%s'): %s", a->id, a->signature,
                               error != NULL ? error->message : "invalid text");
      return;
    }

  data->id = g_strdup (a->id);
  data->model = g_object_ref (model);
  if (g_str_equal (a->signature, "b"))
    data->position = json_node_copy (json_array_get_element (json_node_get_array (args), 0));

  g_dbus_connection_call (connection, a->owner, a->path, KD_ACTIONS_IFACE, a->method, params, NULL,
                          G_DBUS_CALL_FLAGS_NO_AUTO_START, G_MAXINT, cancellable, call_done_cb,
                          g_steal_pointer (&task));
}

/* Returns the result as JSON (null for none), or NULL with @error. */
JsonNode *
kd_invoke_finish (GAsyncResult *result, GError **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}
