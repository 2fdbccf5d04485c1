/* kervi-export.c: the D-Bus side of components, values and actions
 *
 * Each function makes the skeleton of one interface of data/org.kervi.xml
 * for one object, and keeps it in step with the object: property changes
 * become PropertiesChanged, value changes the Changed signal, action state
 * changes StateChanged.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "config.h"

#include "kervi-export.h"
#include "kervi-error.h"
#include "kervi-number-value.h"
#include "kervi-enum-value.h"

/* Ids are valid path elements as they are (see _kervi_id_is_valid()). */
char *
_kervi_component_object_path (const char *component_id)
{
  return g_strconcat (KERVI_COMPONENT_ROOT "/", component_id, NULL);
}

char *
_kervi_value_object_path (KerviValue *value)
{
  KerviComponent *component = kervi_value_get_component (value);
  g_autofree char *component_path
      = _kervi_component_object_path (kervi_component_get_id (component));
  return g_strconcat (component_path, "/", kervi_value_get_id (value), NULL);
}

/* org.kervi.Component */

static GVariant *
component_get_property (GDBusConnection *connection, const char *sender, const char *path,
                        const char *interface, const char *property, GError **error,
                        gpointer user_data)
{
  KerviComponent *component = kervi_skeleton_get_owner (user_data);

  if (g_str_equal (property, "Id"))
    return g_variant_new_string (kervi_component_get_id (component));
  if (g_str_equal (property, "Name"))
    return g_variant_new_string (kervi_component_get_name (component));
  if (g_str_equal (property, "Type"))
    return g_variant_new_string (kervi_component_get_type_name (component));
  if (g_str_equal (property, "Module"))
    return g_variant_new_string (kervi_component_get_module (component) ?: "");
  if (g_str_equal (property, "Available"))
    return g_variant_new_boolean (kervi_component_get_available (component));
  if (g_str_equal (property, "Status"))
    return g_variant_new_string (kervi_component_get_status (component) ?: "");
  if (g_str_equal (property, "Dashboards"))
    return g_variant_new_take_string (kervi_component_get_dashboard_links (component));
  if (g_str_equal (property, "Info"))
    return g_variant_new_string (_kervi_component_get_info (component));

  g_set_error (error, G_DBUS_ERROR, G_DBUS_ERROR_UNKNOWN_PROPERTY, "No property %s", property);
  return NULL;
}

static const GDBusInterfaceVTable component_vtable = {
  .get_property = component_get_property,
};

static void
on_component_notify (KerviComponent *component, GParamSpec *pspec, KerviSkeleton *skeleton)
{
  static const char *const availability[] = { "Available", "Status", NULL };
  static const char *const dashboards[] = { "Dashboards", NULL };
  static const char *const info[] = { "Info", NULL };

  if (g_str_equal (pspec->name, "available") || g_str_equal (pspec->name, "status"))
    kervi_skeleton_emit_properties_changed (skeleton, availability);
  else if (g_str_equal (pspec->name, "dashboard-links"))
    kervi_skeleton_emit_properties_changed (skeleton, dashboards);
  else if (g_str_equal (pspec->name, "info"))
    kervi_skeleton_emit_properties_changed (skeleton, info);
}

KerviSkeleton *
_kervi_export_component (KerviComponent *component)
{
  KerviSkeleton *skeleton
      = kervi_skeleton_new (_kervi_interface_info (KERVI_COMPONENT_IFACE), &component_vtable,
                            g_object_ref (component), g_object_unref);

  g_signal_connect_object (component, "notify", G_CALLBACK (on_component_notify), skeleton, 0);
  return skeleton;
}

/* org.kervi.Value */

static GVariant *
value_get_property (GDBusConnection *connection, const char *sender, const char *path,
                    const char *interface, const char *property, GError **error, gpointer user_data)
{
  KerviValue *value = kervi_skeleton_get_owner (user_data);
  gboolean is_number = KERVI_IS_NUMBER_VALUE (value);

  if (g_str_equal (property, "Value"))
    return g_variant_new_variant (kervi_value_get_variant (value));
  if (g_str_equal (property, "Timestamp"))
    return g_variant_new_int64 (kervi_value_get_timestamp (value));
  if (g_str_equal (property, "Id"))
    return g_variant_new_string (kervi_value_get_global_id (value));
  if (g_str_equal (property, "Name"))
    return g_variant_new_string (kervi_value_get_name (value));
  if (g_str_equal (property, "Type"))
    return g_variant_new_string (kervi_value_kind_to_string (kervi_value_get_kind (value)));
  if (g_str_equal (property, "Unit"))
    {
      const char *unit
          = is_number ? kervi_number_value_get_unit (KERVI_NUMBER_VALUE (value)) : NULL;
      return g_variant_new_string (unit != NULL ? unit : "");
    }
  if (g_str_equal (property, "Min"))
    return g_variant_new_double (is_number ? kervi_number_value_get_min (KERVI_NUMBER_VALUE (value))
                                           : 0);
  if (g_str_equal (property, "Max"))
    return g_variant_new_double (is_number ? kervi_number_value_get_max (KERVI_NUMBER_VALUE (value))
                                           : 0);
  if (g_str_equal (property, "Options"))
    {
      const char *const *options = KERVI_IS_ENUM_VALUE (value)
                                       ? kervi_enum_value_get_options (KERVI_ENUM_VALUE (value))
                                       : NULL;
      return g_variant_new_strv (options, options != NULL ? -1 : 0);
    }
  if (g_str_equal (property, "Input"))
    return g_variant_new_boolean (kervi_value_get_input (value));

  g_set_error (error, G_DBUS_ERROR, G_DBUS_ERROR_UNKNOWN_PROPERTY, "No property %s", property);
  return NULL;
}

static void
value_method_call (GDBusConnection *connection, const char *sender, const char *path,
                   const char *interface, const char *method, GVariant *parameters,
                   GDBusMethodInvocation *invocation, gpointer user_data)
{
  KerviValue *value = kervi_skeleton_get_owner (user_data);
  g_autoptr (GVariant) inner = NULL;
  g_autoptr (GError) error = NULL;

  /* Set is the interface's only method; GDBus checked the signature. */
  if (!kervi_value_get_input (value))
    {
      g_dbus_method_invocation_return_error (invocation, KERVI_ERROR, KERVI_ERROR_READ_ONLY,
                                             "Value '%s' is an output and cannot be set",
                                             kervi_value_get_global_id (value));
      return;
    }
  g_variant_get (parameters, "(v)", &inner);
  if (!kervi_value_set_variant (value, inner, &error))
    {
      g_dbus_method_invocation_return_gerror (invocation, error);
      return;
    }
  g_dbus_method_invocation_return_value (invocation, NULL);
}

static const GDBusInterfaceVTable value_vtable = {
  .method_call = value_method_call,
  .get_property = value_get_property,
};

static void
on_value_changed (KerviValue *value, GVariant *variant, gint64 timestamp, KerviSkeleton *skeleton)
{
  /* Built from its two children, not from a format string: this runs for
   * every change of every value, and parsing "(@vx)" cost about 5,000
   * instructions, 7 % of sending the signal (callgrind). */
  GVariant *children[2] = { g_variant_new_variant (variant), g_variant_new_int64 (timestamp) };

  kervi_skeleton_emit_signal (skeleton, "Changed", g_variant_new_tuple (children, 2));
}

KerviSkeleton *
_kervi_export_value (KerviValue *value)
{
  KerviSkeleton *skeleton
      = kervi_skeleton_new (_kervi_interface_info (KERVI_VALUE_IFACE), &value_vtable,
                            g_object_ref (value), g_object_unref);

  g_signal_connect_object (value, "changed", G_CALLBACK (on_value_changed), skeleton, 0);
  return skeleton;
}

/* org.kervi.Actions: the static part from the XML, plus one method per
 * action, built when the object is exported. */

static KerviAction *
find_action (GPtrArray *actions, const char *id)
{
  for (guint i = 0; i < actions->len; i++)
    if (g_str_equal (kervi_action_get_id (actions->pdata[i]), id))
      return actions->pdata[i];
  return NULL;
}

static GVariant *
actions_get_property (GDBusConnection *connection, const char *sender, const char *path,
                      const char *interface, const char *property, GError **error,
                      gpointer user_data)
{
  GPtrArray *actions = kervi_skeleton_get_owner (user_data);
  GVariantBuilder states;

  if (!g_str_equal (property, "States"))
    {
      g_set_error (error, G_DBUS_ERROR, G_DBUS_ERROR_UNKNOWN_PROPERTY, "No property %s", property);
      return NULL;
    }
  g_variant_builder_init (&states, G_VARIANT_TYPE ("a{ss}"));
  for (guint i = 0; i < actions->len; i++)
    g_variant_builder_add (
        &states, "{ss}", kervi_action_get_id (actions->pdata[i]),
        kervi_action_state_to_string (kervi_action_get_state (actions->pdata[i])));
  return g_variant_builder_end (&states);
}

static void
actions_method_call (GDBusConnection *connection, const char *sender, const char *path,
                     const char *interface, const char *method, GVariant *parameters,
                     GDBusMethodInvocation *invocation, gpointer user_data)
{
  GPtrArray *actions = kervi_skeleton_get_owner (user_data);
  KerviAction *action = find_action (actions, method);
  g_autoptr (GError) error = NULL;
  g_autoptr (GVariant) result = NULL;

  if (action == NULL)
    {
      /* Not reached through GDBus, which knows the methods; kept for
       * actions removed while a call was queued. */
      g_dbus_method_invocation_return_error (invocation, KERVI_ERROR, KERVI_ERROR_UNKNOWN_ACTION,
                                             "No action '%s' on %s", method, path);
      return;
    }
  result = kervi_action_invoke (action, parameters, &error);
  if (error != NULL)
    g_dbus_method_invocation_return_gerror (invocation, error);
  else if (*kervi_action_get_result_signature (action) != '\0')
    g_dbus_method_invocation_return_value (invocation, g_variant_new_tuple (&result, 1));
  else
    g_dbus_method_invocation_return_value (invocation, NULL);
}

static const GDBusInterfaceVTable actions_vtable = {
  .method_call = actions_method_call,
  .get_property = actions_get_property,
};

static GDBusArgInfo **
make_args (const char *signature, const char *name_prefix)
{
  GPtrArray *args = g_ptr_array_new ();
  const char *p = signature;
  guint n = 0;

  while (*p != '\0')
    {
      const char *end;
      GDBusArgInfo *arg = g_new0 (GDBusArgInfo, 1);

      g_variant_type_string_scan (p, NULL, &end);
      arg->ref_count = 1;
      arg->name = n == 0 && g_str_equal (name_prefix, "result")
                      ? g_strdup ("result")
                      : g_strdup_printf ("%s%u", name_prefix, n);
      arg->signature = g_strndup (p, end - p);
      g_ptr_array_add (args, arg);
      p = end;
      n++;
    }
  g_ptr_array_add (args, NULL);
  return (GDBusArgInfo **)g_ptr_array_free (args, FALSE);
}

static GDBusInterfaceInfo *
make_actions_info (GPtrArray *actions)
{
  GDBusInterfaceInfo *base = _kervi_interface_info (KERVI_ACTIONS_IFACE);
  GDBusInterfaceInfo *info = g_new0 (GDBusInterfaceInfo, 1);
  GPtrArray *methods = g_ptr_array_new ();
  guint n;

  info->ref_count = 1;
  info->name = g_strdup (base->name);

  for (guint i = 0; i < actions->len; i++)
    {
      KerviAction *action = actions->pdata[i];
      GDBusMethodInfo *method = g_new0 (GDBusMethodInfo, 1);

      method->ref_count = 1;
      method->name = g_strdup (kervi_action_get_id (action));
      method->in_args = make_args (kervi_action_get_signature (action), "arg");
      method->out_args = make_args (kervi_action_get_result_signature (action), "result");
      g_ptr_array_add (methods, method);
    }
  g_ptr_array_add (methods, NULL);
  info->methods = (GDBusMethodInfo **)g_ptr_array_free (methods, FALSE);

  /* Share the static members, taking a reference on each. */
  for (n = 0; base->signals != NULL && base->signals[n] != NULL; n++)
    ;
  info->signals = g_new0 (GDBusSignalInfo *, n + 1);
  for (guint i = 0; i < n; i++)
    info->signals[i] = g_dbus_signal_info_ref (base->signals[i]);
  for (n = 0; base->properties != NULL && base->properties[n] != NULL; n++)
    ;
  info->properties = g_new0 (GDBusPropertyInfo *, n + 1);
  for (guint i = 0; i < n; i++)
    info->properties[i] = g_dbus_property_info_ref (base->properties[i]);

  return info;
}

static void
on_action_state (KerviAction *action, GParamSpec *pspec, KerviSkeleton *skeleton)
{
  const char *message = kervi_action_get_error_message (action);

  if (kervi_action_get_state (action) != KERVI_ACTION_STATE_FAILED)
    message = NULL;
  kervi_skeleton_emit_signal (
      skeleton, "StateChanged",
      g_variant_new ("(sss)", kervi_action_get_id (action),
                     kervi_action_state_to_string (kervi_action_get_state (action)),
                     message != NULL ? message : ""));
}

/* @actions: (element-type KerviAction): kept by the skeleton */
KerviSkeleton *
_kervi_export_actions (GPtrArray *actions)
{
  GDBusInterfaceInfo *info = make_actions_info (actions);
  KerviSkeleton *skeleton = kervi_skeleton_new (info, &actions_vtable, g_ptr_array_ref (actions),
                                                (GDestroyNotify)g_ptr_array_unref);

  g_dbus_interface_info_unref (info);

  for (guint i = 0; i < actions->len; i++)
    g_signal_connect_object (actions->pdata[i], "notify::state", G_CALLBACK (on_action_state),
                             skeleton, 0);
  return skeleton;
}

/* Returns: (transfer full): action id -> in signature, for the message
 * filter that answers ill-typed calls with org.kervi.Error.InvalidArgs. */
GHashTable *
_kervi_actions_signatures (GPtrArray *actions)
{
  GHashTable *signatures = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  for (guint i = 0; i < actions->len; i++)
    g_hash_table_insert (signatures, g_strdup (kervi_action_get_id (actions->pdata[i])),
                         g_strdup (kervi_action_get_signature (actions->pdata[i])));
  return signatures;
}
