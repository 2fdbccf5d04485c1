/* kervi-dashboard-link.c: showing values and actions on dashboards
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "config.h"

#include <string.h>

#include <json-glib/json-glib.h>

#include "kervi-dashboard-link.h"
#include "kervi-error.h"
#include "kervi-private.h"

/* Each widget type, what it fits and which options it takes. The page
 * (data/web/app.js) implements the same table; data/dashboard-protocol.md
 * documents it. */

typedef enum
{
  OPT_STRING,
  OPT_NUMBER,
  OPT_INT,
  OPT_ARRAY,
} OptionKind;

typedef struct
{
  const char *key;
  OptionKind kind;
} OptionSpec;

#define KIND(k) (1u << (k))
#define ALL_KINDS 0x3fu
#define TEXT_KINDS                                                                                 \
  (KIND (KERVI_VALUE_KIND_STRING) | KIND (KERVI_VALUE_KIND_ENUM)                                   \
   | KIND (KERVI_VALUE_KIND_DATE_TIME) | KIND (KERVI_VALUE_KIND_COLOR))

typedef struct
{
  const char *type;
  guint value_kinds;    /* the kinds of values it shows */
  gboolean needs_input; /* only inputs: it changes the value */
  gboolean fits_actions;
  OptionSpec options[6];
} WidgetSpec;

static const WidgetSpec widgets[] = {
  { "value", ALL_KINDS, FALSE, FALSE, { { "label", OPT_STRING }, { "decimals", OPT_INT } } },
  { "chart",
    KIND (KERVI_VALUE_KIND_NUMBER),
    FALSE,
    FALSE,
    { { "label", OPT_STRING },
      { "history", OPT_NUMBER },
      { "min", OPT_NUMBER },
      { "max", OPT_NUMBER } } },
  { "gauge",
    KIND (KERVI_VALUE_KIND_NUMBER),
    FALSE,
    FALSE,
    { { "label", OPT_STRING },
      { "min", OPT_NUMBER },
      { "max", OPT_NUMBER },
      { "decimals", OPT_INT } } },
  { "switch",
    KIND (KERVI_VALUE_KIND_BOOLEAN),
    TRUE,
    TRUE,
    { { "label", OPT_STRING },
      { "on_text", OPT_STRING },
      { "off_text", OPT_STRING },
      { "value", OPT_STRING } } },
  { "button",
    KIND (KERVI_VALUE_KIND_BOOLEAN),
    TRUE,
    TRUE,
    { { "label", OPT_STRING }, { "args", OPT_ARRAY } } },
  { "slider",
    KIND (KERVI_VALUE_KIND_NUMBER),
    TRUE,
    FALSE,
    { { "label", OPT_STRING },
      { "min", OPT_NUMBER },
      { "max", OPT_NUMBER },
      { "step", OPT_NUMBER } } },
  { "text", TEXT_KINDS, FALSE, FALSE, { { "label", OPT_STRING } } },
};

static const char *
option_kind_to_string (OptionKind kind)
{
  switch (kind)
    {
      case OPT_STRING:
        return "a string";
      case OPT_NUMBER:
        return "a number";
      case OPT_INT:
        return "an integer";
      case OPT_ARRAY:
      default:
        return "an array";
    }
}

static const WidgetSpec *
lookup_widget (const char *what, const char *type, GError **error)
{
  g_autoptr (GString) known = g_string_new (NULL);

  for (guint i = 0; i < G_N_ELEMENTS (widgets); i++)
    {
      if (g_strcmp0 (widgets[i].type, type) == 0)
        return &widgets[i];
      g_string_append_printf (known, "%s%s", i > 0 ? ", " : "", widgets[i].type);
    }
  g_set_error (error, KERVI_ERROR, KERVI_ERROR_INVALID_ARGS,
               "Cannot link '%s' to a dashboard: unknown widget type '%s' (known: %s)", what,
               type != NULL ? type : "(null)", known->str);
  return NULL;
}

static gboolean
node_has_kind (JsonNode *node, OptionKind kind)
{
  GType type;

  if (kind == OPT_ARRAY)
    return JSON_NODE_HOLDS_ARRAY (node);
  if (!JSON_NODE_HOLDS_VALUE (node))
    return FALSE;
  type = json_node_get_value_type (node);
  switch (kind)
    {
      case OPT_STRING:
        return type == G_TYPE_STRING;
      case OPT_INT:
        return type == G_TYPE_INT64;
      case OPT_NUMBER:
        return type == G_TYPE_INT64 || type == G_TYPE_DOUBLE;
      case OPT_ARRAY:
      default:
        return FALSE;
    }
}

/* Parses and checks @options_json against @spec: known keys, their JSON
 * types and their ranges. Returns a new object ({} for NULL). */
static JsonObject *
parse_options (const char *what, const WidgetSpec *spec, const char *options_json,
               gboolean for_action, GError **error)
{
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autoptr (GError) local_error = NULL;
  g_autoptr (GList) members = NULL;
  JsonObject *options;

  if (options_json == NULL || *options_json == '\0')
    return json_object_new ();

  if (!json_parser_load_from_data (parser, options_json, -1, &local_error))
    {
      g_set_error (error, KERVI_ERROR, KERVI_ERROR_INVALID_ARGS,
                   "Cannot link '%s' as %s: options are not valid JSON: %s", what, spec->type,
                   local_error->message);
      return NULL;
    }
  if (!JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    {
      g_set_error (error, KERVI_ERROR, KERVI_ERROR_INVALID_ARGS,
                   "Cannot link '%s' as %s: options must be a JSON object", what, spec->type);
      return NULL;
    }
  options = json_node_get_object (json_parser_get_root (parser));

  members = json_object_get_members (options);
  for (GList *l = members; l != NULL; l = l->next)
    {
      const char *key = l->data;
      JsonNode *node = json_object_get_member (options, key);
      const OptionSpec *option = NULL;

      for (guint i = 0; i < G_N_ELEMENTS (spec->options) && spec->options[i].key != NULL; i++)
        if (g_str_equal (spec->options[i].key, key))
          option = &spec->options[i];
      if (option == NULL
          || (!for_action && (g_str_equal (key, "args") || g_str_equal (key, "value"))))
        {
          g_set_error (error, KERVI_ERROR, KERVI_ERROR_INVALID_ARGS,
                       "Cannot link '%s' as %s: unknown option '%s'", what, spec->type, key);
          return NULL;
        }
      if (!node_has_kind (node, option->kind))
        {
          g_set_error (error, KERVI_ERROR, KERVI_ERROR_INVALID_ARGS,
                       "Cannot link '%s' as %s: option '%s' must be %s", what, spec->type, key,
                       option_kind_to_string (option->kind));
          return NULL;
        }
      if ((g_str_equal (key, "decimals")
           && (json_node_get_int (node) < 0 || json_node_get_int (node) > 10))
          || (g_str_equal (key, "history")
              && (json_node_get_double (node) <= 0 || json_node_get_double (node) > 86400))
          || (g_str_equal (key, "step") && json_node_get_double (node) <= 0))
        {
          g_set_error (error, KERVI_ERROR, KERVI_ERROR_INVALID_ARGS,
                       "Cannot link '%s' as %s: option '%s' is out of range", what, spec->type,
                       key);
          return NULL;
        }
    }
  if (json_object_has_member (options, "min") && json_object_has_member (options, "max")
      && json_object_get_double_member (options, "min")
             >= json_object_get_double_member (options, "max"))
    {
      g_set_error (error, KERVI_ERROR, KERVI_ERROR_INVALID_ARGS,
                   "Cannot link '%s' as %s: option 'min' must be less than 'max'", what,
                   spec->type);
      return NULL;
    }
  return json_object_ref (options);
}

static gboolean
check_dashboard_ids (const char *what, const char *dashboard_id, const char *panel_id,
                     GError **error)
{
  if (g_strcmp0 (dashboard_id, KERVI_DASHBOARD_ALL) != 0 && dashboard_id != NULL
      && !_kervi_id_is_valid (dashboard_id, FALSE))
    {
      g_set_error (error, KERVI_ERROR, KERVI_ERROR_INVALID_ID,
                   "Cannot link '%s': '%s' is not a valid dashboard id", what, dashboard_id);
      return FALSE;
    }
  if (panel_id != NULL && !_kervi_id_is_valid (panel_id, FALSE))
    {
      g_set_error (error, KERVI_ERROR, KERVI_ERROR_INVALID_ID,
                   "Cannot link '%s': '%s' is not a valid panel id", what, panel_id);
      return FALSE;
    }
  return TRUE;
}

static JsonObject *
new_link (const char *dashboard_id, const char *panel_id, const char *type, const char *target_key,
          const char *target_id, JsonObject *options)
{
  JsonObject *link = json_object_new ();

  json_object_set_string_member (link, "dashboard", dashboard_id != NULL ? dashboard_id : "");
  json_object_set_string_member (link, "panel", panel_id != NULL ? panel_id : "");
  json_object_set_string_member (link, "type", type);
  json_object_set_string_member (link, target_key, target_id);
  json_object_set_object_member (link, "options", json_object_ref (options));
  return link;
}

/* Checks everything about linking @value; returns the link, or NULL. */
static JsonObject *
make_value_link (KerviValue *value, const char *dashboard_id, const char *panel_id,
                 const char *type, const char *options_json, GError **error)
{
  const char *what = kervi_value_get_global_id (value);
  KerviValueKind kind = kervi_value_get_kind (value);
  gboolean input = kervi_value_get_input (value);
  const WidgetSpec *spec;
  g_autoptr (JsonObject) options = NULL;

  if (kervi_value_get_component (value) == NULL)
    {
      g_set_error (error, KERVI_ERROR, KERVI_ERROR_INVALID_ARGS,
                   "Cannot link value '%s' to a dashboard: add it to a component first", what);
      return NULL;
    }
  if (!check_dashboard_ids (what, dashboard_id, panel_id, error))
    return NULL;
  spec = lookup_widget (what, type, error);
  if (spec == NULL)
    return NULL;
  if ((spec->value_kinds & KIND (kind)) == 0 || (spec->needs_input && !input))
    {
      g_set_error (error, KERVI_ERROR, KERVI_ERROR_INVALID_ARGS,
                   "Cannot link '%s' as %s: '%s' is a %s %s, a %s shows %s%s", what, type, what,
                   kervi_value_kind_to_string (kind), input ? "input" : "output", type,
                   spec->needs_input ? "inputs" : "values",
                   spec->value_kinds == ALL_KINDS                         ? ""
                   : spec->value_kinds == KIND (KERVI_VALUE_KIND_NUMBER)  ? " that are numbers"
                   : spec->value_kinds == KIND (KERVI_VALUE_KIND_BOOLEAN) ? " that are booleans"
                                                                          : " that are text");
      return NULL;
    }
  options = parse_options (what, spec, options_json, FALSE, error);
  if (options == NULL)
    return NULL;
  return new_link (dashboard_id, panel_id, type, "value", what, options);
}

/* Checks a JSON argument list against the action's argument types. */
static gboolean
check_action_args (const char *what, const char *signature, JsonObject *options, GError **error)
{
  JsonArray *args = json_object_has_member (options, "args")
                        ? json_object_get_array_member (options, "args")
                        : NULL;
  guint n_args = args != NULL ? json_array_get_length (args) : 0;
  const char *p = signature;
  guint i = 0;

  for (; *p != '\0'; i++)
    {
      const char *end = NULL;
      JsonNode *arg;
      GType type;
      gboolean ok = TRUE;

      if (!g_variant_type_string_scan (p, NULL, &end))
        break;
      if (i >= n_args)
        {
          g_set_error (error, KERVI_ERROR, KERVI_ERROR_INVALID_ARGS,
                       "Cannot link action '%s' as button: it takes arguments '%s': give them "
                       "in option 'args'",
                       what, signature);
          return FALSE;
        }
      arg = json_array_get_element (args, i);
      type = JSON_NODE_HOLDS_VALUE (arg) ? json_node_get_value_type (arg) : G_TYPE_INVALID;
      if (*p == 'b')
        ok = type == G_TYPE_BOOLEAN;
      else if (*p == 'd')
        ok = type == G_TYPE_DOUBLE || type == G_TYPE_INT64;
      else if (strchr ("ynqiuxth", *p) != NULL)
        ok = type == G_TYPE_INT64;
      else if (strchr ("sog", *p) != NULL)
        ok = type == G_TYPE_STRING;
      if (!ok)
        {
          g_set_error (error, KERVI_ERROR, KERVI_ERROR_INVALID_ARGS,
                       "Cannot link action '%s' as button: argument %u in 'args' does not fit "
                       "type '%.*s'",
                       what, i + 1, (int)(end - p), p);
          return FALSE;
        }
      p = end;
    }
  if (i != n_args)
    {
      g_set_error (error, KERVI_ERROR, KERVI_ERROR_INVALID_ARGS,
                   "Cannot link action '%s' as button: 'args' has %u arguments, the action "
                   "takes %u",
                   what, n_args, i);
      return FALSE;
    }
  return TRUE;
}

/**
 * kervi_value_link_to_dashboard:
 * @value: a value that belongs to a component
 * @dashboard_id: (nullable): the dashboard id; %NULL for the default
 *   dashboard, %KERVI_DASHBOARD_ALL for every dashboard
 * @panel_id: (nullable): the panel id; %NULL for the dashboard's first,
 *   untitled panel
 * @type: the widget: `value`, `chart`, `gauge`, `switch`, `button`, `slider`
 *   or `text`
 * @options_json: (nullable): the widget's options as a JSON object, or
 *   %NULL for none
 * @error: return location for a #GError
 *
 * Shows @value on a dashboard of the web dashboard, as in Kervi's
 * `link_to_dashboard`. The dashboard and panel need not be declared (see
 * #KerviDashboard).
 *
 * The widget must fit the value: `chart` and `gauge` show numbers; `switch`
 * and `button` change boolean inputs, `slider` number inputs; `text` shows
 * strings, enums, date-times and colours; `value` shows any value (and
 * edits inputs). Options by widget: every widget takes `label` (string);
 * `value` and `gauge` take `decimals` (integer 0..10); `chart` takes
 * `history` (seconds shown, number) and `min`, `max`; `gauge` and `slider`
 * take `min`, `max` (numbers; `min` < `max`); `slider` takes `step`
 * (number > 0); `switch` takes `on_text`, `off_text` (strings).
 *
 * Returns: %TRUE on success; %FALSE with %KERVI_ERROR_INVALID_ARGS for an
 *   unknown widget, a widget that does not fit the value, unknown or
 *   ill-typed options, or a value without component, and
 *   %KERVI_ERROR_INVALID_ID for an invalid dashboard or panel id
 */
gboolean
kervi_value_link_to_dashboard (KerviValue *value, const char *dashboard_id, const char *panel_id,
                               const char *type, const char *options_json, GError **error)
{
  g_autoptr (JsonObject) link = NULL;

  g_return_val_if_fail (KERVI_IS_VALUE (value), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  link = make_value_link (value, dashboard_id, panel_id, type, options_json, error);
  if (link == NULL)
    return FALSE;
  _kervi_component_add_dashboard_link (kervi_value_get_component (value), link);
  return TRUE;
}

/**
 * kervi_value_link_to_header:
 * @value: a value that belongs to a component
 * @type: the widget, as for kervi_value_link_to_dashboard()
 * @options_json: (nullable): the widget's options as a JSON object
 * @error: return location for a #GError
 *
 * Shows @value in the page header, above every dashboard: the same as
 * kervi_value_link_to_dashboard() with %KERVI_DASHBOARD_ALL and
 * %KERVI_DASHBOARD_HEADER_PANEL.
 *
 * Returns: %TRUE on success, see kervi_value_link_to_dashboard()
 */
gboolean
kervi_value_link_to_header (KerviValue *value, const char *type, const char *options_json,
                            GError **error)
{
  return kervi_value_link_to_dashboard (value, KERVI_DASHBOARD_ALL, KERVI_DASHBOARD_HEADER_PANEL,
                                        type, options_json, error);
}

/**
 * kervi_action_link_to_dashboard:
 * @action: an action that belongs to a component
 * @dashboard_id: (nullable): the dashboard id, as for
 *   kervi_value_link_to_dashboard()
 * @panel_id: (nullable): the panel id
 * @type: the widget: `switch` (actions that take one boolean: on calls it
 *   with %TRUE, off with %FALSE) or `button` (calls it with the option
 *   `args`)
 * @options_json: (nullable): the widget's options as a JSON object
 * @error: return location for a #GError
 *
 * Shows @action on a dashboard. Both widgets show the action's state
 * (running, done, failed). Options: `label` (string); for `switch`,
 * `on_text`, `off_text` and `value`, the global id of a boolean value the
 * switch shows (without it, the switch shows its last position); for
 * `button`, `args`, a JSON array of the arguments, checked against the
 * action's argument types.
 *
 * Returns: %TRUE on success; %FALSE with %KERVI_ERROR_INVALID_ARGS for an
 *   unknown or unfitting widget, bad options, or an action without
 *   component
 */
gboolean
kervi_action_link_to_dashboard (KerviAction *action, const char *dashboard_id, const char *panel_id,
                                const char *type, const char *options_json, GError **error)
{
  const char *what;
  const WidgetSpec *spec;
  KerviComponent *component;
  g_autoptr (JsonObject) options = NULL;
  g_autoptr (JsonObject) link = NULL;
  g_autofree char *signature = NULL;

  g_return_val_if_fail (KERVI_IS_ACTION (action), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  what = kervi_action_get_global_id (action);
  component = _kervi_action_get_component (action);
  if (component == NULL)
    {
      g_set_error (error, KERVI_ERROR, KERVI_ERROR_INVALID_ARGS,
                   "Cannot link action '%s' to a dashboard: add it to a component first", what);
      return FALSE;
    }
  if (!check_dashboard_ids (what, dashboard_id, panel_id, error))
    return FALSE;
  spec = lookup_widget (what, type, error);
  if (spec == NULL)
    return FALSE;
  if (!spec->fits_actions)
    {
      g_set_error (error, KERVI_ERROR, KERVI_ERROR_INVALID_ARGS,
                   "Cannot link action '%s' as %s: actions show as switch or button", what, type);
      return FALSE;
    }

  /* The signature of the arguments, without the tuple's parentheses. */
  signature = g_strdup (kervi_action_get_signature (action));
  if (signature == NULL)
    signature = g_strdup ("");
  if (signature[0] == '(' && strlen (signature) >= 2)
    {
      signature[strlen (signature) - 1] = '\0';
      memmove (signature, signature + 1, strlen (signature));
    }

  if (g_str_equal (type, "switch") && !g_str_equal (signature, "b"))
    {
      g_set_error (error, KERVI_ERROR, KERVI_ERROR_INVALID_ARGS,
                   "Cannot link action '%s' as switch: a switch calls actions that take one "
                   "boolean, this one takes '%s'",
                   what, signature);
      return FALSE;
    }
  options = parse_options (what, spec, options_json, TRUE, error);
  if (options == NULL)
    return FALSE;
  if (g_str_equal (type, "button") && !check_action_args (what, signature, options, error))
    return FALSE;
  if (json_object_has_member (options, "value")
      && !_kervi_id_is_valid (json_object_get_string_member (options, "value"), TRUE))
    {
      g_set_error (error, KERVI_ERROR, KERVI_ERROR_INVALID_ARGS,
                   "Cannot link action '%s' as switch: option 'value' is not a value id", what);
      return FALSE;
    }

  link = new_link (dashboard_id, panel_id, type, "action", what, options);
  _kervi_component_add_dashboard_link (component, link);
  return TRUE;
}

static const char *
default_widget (KerviValue *value)
{
  if (!kervi_value_get_input (value))
    return "value";
  switch (kervi_value_get_kind (value))
    {
      case KERVI_VALUE_KIND_BOOLEAN:
        return "switch";
      case KERVI_VALUE_KIND_NUMBER:
        return "slider";
      default:
        return "value";
    }
}

/**
 * kervi_component_link_to_dashboard:
 * @component: a component
 * @dashboard_id: (nullable): the dashboard id, as for
 *   kervi_value_link_to_dashboard()
 * @panel_id: (nullable): the panel id
 * @type: (nullable): the widget for every value, or %NULL to choose one per
 *   value: `switch` for boolean inputs, `slider` for number inputs, `value`
 *   for the rest
 * @options_json: (nullable): the widgets' options as a JSON object
 * @error: return location for a #GError
 *
 * Links every value of @component (a sensor's reading, a controller's
 * inputs and outputs) with kervi_value_link_to_dashboard(). Either all
 * values are linked or, on error, none.
 *
 * Returns: %TRUE on success; on failure %FALSE with the error of the first
 *   value that does not fit
 */
gboolean
kervi_component_link_to_dashboard (KerviComponent *component, const char *dashboard_id,
                                   const char *panel_id, const char *type, const char *options_json,
                                   GError **error)
{
  g_autoptr (GList) values = NULL;
  g_autoptr (GPtrArray) links = g_ptr_array_new_with_free_func ((GDestroyNotify)json_object_unref);

  g_return_val_if_fail (KERVI_IS_COMPONENT (component), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  values = kervi_component_get_values (component);
  for (GList *l = values; l != NULL; l = l->next)
    {
      KerviValue *value = l->data;
      JsonObject *link
          = make_value_link (value, dashboard_id, panel_id,
                             type != NULL ? type : default_widget (value), options_json, error);
      if (link == NULL)
        return FALSE;
      g_ptr_array_add (links, link);
    }
  for (guint i = 0; i < links->len; i++)
    _kervi_component_add_dashboard_link (component, g_ptr_array_index (links, i));
  return TRUE;
}
