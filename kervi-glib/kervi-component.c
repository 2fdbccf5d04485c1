/* kervi-component.c: base class of everything that lives on the bus
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "config.h"

#include <json-glib/json-glib.h>

#include "kervi-component.h"
#include "kervi-error.h"
#include "kervi-private.h"
#include "kervi-registry.h"

/**
 * KerviComponent:
 *
 * The base class of sensors, controllers and the other things an
 * application is made of.
 *
 * A component has an id, unique in the application, a name, values and
 * actions. It registers itself with its process when it is constructed, and
 * the process keeps it alive (as in Kervi, creating a sensor is enough to
 * have it run) until kervi_component_unregister() is called. Once the
 * process is on the bus, the component is the object
 * `/org/kervi/component/<id>` with the interfaces `org.kervi.Component` and
 * `org.kervi.Actions`, and each of its values an `org.kervi.Value` object
 * below it.
 */

typedef struct
{
  char *id;
  char *name;
  char *module;
  gboolean available;
  char *status;
  GPtrArray *values;  /* KerviValue, in the order added */
  GPtrArray *actions; /* KerviAction, in the order added */
  JsonArray *dashboard_links;
  char *info;
  gboolean registered;
} KerviComponentPrivate;

G_DEFINE_TYPE_WITH_PRIVATE (KerviComponent, kervi_component, G_TYPE_OBJECT)

enum
{
  PROP_0,
  PROP_ID,
  PROP_NAME,
  PROP_TYPE_NAME,
  PROP_MODULE,
  PROP_AVAILABLE,
  PROP_STATUS,
  PROP_DASHBOARD_LINKS,
  PROP_INFO,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum
{
  SIGNAL_VALUE_ADDED,
  SIGNAL_ACTION_ADDED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
kervi_component_finalize (GObject *object)
{
  KerviComponent *self = KERVI_COMPONENT (object);
  KerviComponentPrivate *priv = kervi_component_get_instance_private (self);

  g_ptr_array_unref (priv->values);
  g_ptr_array_unref (priv->actions);
  json_array_unref (priv->dashboard_links);
  g_free (priv->id);
  g_free (priv->name);
  g_free (priv->module);
  g_free (priv->status);
  g_free (priv->info);

  G_OBJECT_CLASS (kervi_component_parent_class)->finalize (object);
}

static void
kervi_component_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  KerviComponent *self = KERVI_COMPONENT (object);
  KerviComponentPrivate *priv = kervi_component_get_instance_private (self);

  switch (prop_id)
    {
      case PROP_ID:
        g_value_set_string (value, priv->id);
        break;
      case PROP_NAME:
        g_value_set_string (value, priv->name);
        break;
      case PROP_TYPE_NAME:
        g_value_set_string (value, kervi_component_get_type_name (self));
        break;
      case PROP_MODULE:
        g_value_set_string (value, priv->module);
        break;
      case PROP_AVAILABLE:
        g_value_set_boolean (value, priv->available);
        break;
      case PROP_STATUS:
        g_value_set_string (value, priv->status);
        break;
      case PROP_DASHBOARD_LINKS:
        g_value_take_string (value, kervi_component_get_dashboard_links (self));
        break;
      case PROP_INFO:
        g_value_set_string (value, priv->info);
        break;
      default:
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kervi_component_set_property (GObject *object, guint prop_id, const GValue *value,
                              GParamSpec *pspec)
{
  KerviComponent *self = KERVI_COMPONENT (object);
  KerviComponentPrivate *priv = kervi_component_get_instance_private (self);

  switch (prop_id)
    {
      case PROP_ID:
        priv->id = g_value_dup_string (value);
        break;
      case PROP_NAME:
        priv->name = g_value_dup_string (value);
        break;
      default:
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kervi_component_constructed (GObject *object)
{
  KerviComponent *self = KERVI_COMPONENT (object);
  KerviComponentPrivate *priv = kervi_component_get_instance_private (self);
  g_autoptr (GError) error = NULL;

  G_OBJECT_CLASS (kervi_component_parent_class)->constructed (object);

  if (priv->name == NULL)
    priv->name = g_strdup (priv->id);
  if (!_kervi_id_is_valid (priv->id, FALSE))
    {
      g_critical ("KerviComponent: invalid id '%s': use letters, digits and '_'",
                  priv->id != NULL ? priv->id : "(null)");
      return;
    }
  if (!kervi_registry_add_component (kervi_registry_get_default (), self, &error))
    {
      g_critical ("%s", error->message);
      return;
    }
  priv->registered = TRUE;
}

static void
kervi_component_class_init (KerviComponentClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = kervi_component_finalize;
  object_class->get_property = kervi_component_get_property;
  object_class->set_property = kervi_component_set_property;
  object_class->constructed = kervi_component_constructed;

  klass->type_name = "component";

  /**
   * KerviComponent:id:
   *
   * The component id, unique in the application: letters, digits and `_`.
   */
  properties[PROP_ID] = g_param_spec_string (
      "id", NULL, NULL, NULL, G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  /**
   * KerviComponent:name:
   *
   * The human-readable name; the id when not set.
   */
  properties[PROP_NAME]
      = g_param_spec_string ("name", NULL, NULL, NULL,
                             G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  /**
   * KerviComponent:type-name:
   *
   * The component type shown on the bus: `controller`, `sensor`, ...
   */
  properties[PROP_TYPE_NAME] = g_param_spec_string ("type-name", NULL, NULL, NULL,
                                                    G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  /**
   * KerviComponent:module:
   *
   * The id of the module process that runs the component; `app` in the
   * application process.
   */
  properties[PROP_MODULE]
      = g_param_spec_string ("module", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  /**
   * KerviComponent:available:
   *
   * %FALSE while the component's device cannot be used; see
   * #KerviComponent:status.
   */
  properties[PROP_AVAILABLE]
      = g_param_spec_boolean ("available", NULL, NULL, TRUE,
                              G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * KerviComponent:status:
   *
   * Why the component is unavailable; %NULL while available.
   */
  properties[PROP_STATUS]
      = g_param_spec_string ("status", NULL, NULL, NULL,
                             G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * KerviComponent:dashboard-links:
   *
   * The dashboard links of the component and its values and actions, as a
   * JSON array.
   */
  properties[PROP_DASHBOARD_LINKS]
      = g_param_spec_string ("dashboard-links", NULL, NULL, "[]",
                             G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * KerviComponent:info:
   *
   * Type-specific facts about the component as a JSON object (for
   * dashboards: their panels), or "{}".
   */
  properties[PROP_INFO]
      = g_param_spec_string ("info", NULL, NULL, "{}",
                             G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * KerviComponent::value-added:
   * @self: the component
   * @value: the value
   *
   * Emitted when a value was added to the component.
   */
  signals[SIGNAL_VALUE_ADDED]
      = g_signal_new ("value-added", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                      NULL, G_TYPE_NONE, 1, KERVI_TYPE_VALUE);

  /**
   * KerviComponent::action-added:
   * @self: the component
   * @action: the action
   *
   * Emitted when an action was added to the component.
   */
  signals[SIGNAL_ACTION_ADDED]
      = g_signal_new ("action-added", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                      NULL, G_TYPE_NONE, 1, KERVI_TYPE_ACTION);
}

static void
kervi_component_init (KerviComponent *self)
{
  KerviComponentPrivate *priv = kervi_component_get_instance_private (self);

  priv->available = TRUE;
  priv->values = g_ptr_array_new_with_free_func (g_object_unref);
  priv->actions = g_ptr_array_new_with_free_func (g_object_unref);
  priv->dashboard_links = json_array_new ();
  priv->info = g_strdup ("{}");
}

/**
 * kervi_component_get_id:
 * @self: a #KerviComponent
 *
 * Returns: the component id
 */
const char *
kervi_component_get_id (KerviComponent *self)
{
  KerviComponentPrivate *priv = kervi_component_get_instance_private (self);

  g_return_val_if_fail (KERVI_IS_COMPONENT (self), NULL);

  return priv->id;
}

/**
 * kervi_component_get_name:
 * @self: a #KerviComponent
 *
 * Returns: the human-readable name
 */
const char *
kervi_component_get_name (KerviComponent *self)
{
  KerviComponentPrivate *priv = kervi_component_get_instance_private (self);

  g_return_val_if_fail (KERVI_IS_COMPONENT (self), NULL);

  return priv->name;
}

/**
 * kervi_component_get_type_name:
 * @self: a #KerviComponent
 *
 * Returns: the component type shown on the bus
 */
const char *
kervi_component_get_type_name (KerviComponent *self)
{
  g_return_val_if_fail (KERVI_IS_COMPONENT (self), NULL);

  return KERVI_COMPONENT_GET_CLASS (self)->type_name;
}

/**
 * kervi_component_get_module:
 * @self: a #KerviComponent
 *
 * Returns: (nullable): the id of the module that runs the component
 */
const char *
kervi_component_get_module (KerviComponent *self)
{
  KerviComponentPrivate *priv = kervi_component_get_instance_private (self);

  g_return_val_if_fail (KERVI_IS_COMPONENT (self), NULL);

  return priv->module;
}

/**
 * kervi_component_get_available:
 * @self: a #KerviComponent
 *
 * Returns: %TRUE unless the component's device cannot be used
 */
gboolean
kervi_component_get_available (KerviComponent *self)
{
  KerviComponentPrivate *priv = kervi_component_get_instance_private (self);

  g_return_val_if_fail (KERVI_IS_COMPONENT (self), FALSE);

  return priv->available;
}

/**
 * kervi_component_get_status:
 * @self: a #KerviComponent
 *
 * Returns: (nullable): why the component is unavailable
 */
const char *
kervi_component_get_status (KerviComponent *self)
{
  KerviComponentPrivate *priv = kervi_component_get_instance_private (self);

  g_return_val_if_fail (KERVI_IS_COMPONENT (self), NULL);

  return priv->status;
}

/**
 * kervi_component_set_available:
 * @self: a #KerviComponent
 * @available: whether the component's device can be used
 * @status: (nullable): why not, when @available is %FALSE
 *
 * Marks the component available or not, on the bus and the dashboard.
 * Sensors do this themselves when their driver fails; device components
 * (outputs) call it.
 */
void
kervi_component_set_available (KerviComponent *self, gboolean available, const char *status)
{
  KerviComponentPrivate *priv = kervi_component_get_instance_private (self);

  g_return_if_fail (KERVI_IS_COMPONENT (self));

  available = !!available;
  if (available)
    status = NULL;
  if (priv->available == available && g_strcmp0 (priv->status, status) == 0)
    return;

  g_object_freeze_notify (G_OBJECT (self));
  if (priv->available != available)
    {
      priv->available = available;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_AVAILABLE]);
    }
  if (g_strcmp0 (priv->status, status) != 0)
    {
      g_free (priv->status);
      priv->status = g_strdup (status);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATUS]);
    }
  g_object_thaw_notify (G_OBJECT (self));
}

static gboolean
check_unique_child (KerviComponent *self, const char *kind, const char *id, GError **error)
{
  if (kervi_component_lookup_value (self, id) != NULL
      || kervi_component_lookup_action (self, id) != NULL)
    {
      g_set_error (error, KERVI_ERROR, KERVI_ERROR_EXISTS,
                   "Component '%s' has a value or action '%s' already; cannot add %s '%s'",
                   kervi_component_get_id (self), id, kind, id);
      return FALSE;
    }
  return TRUE;
}

/* Adds a value; @input and @global_id are set by controllers and sensors. */
gboolean
_kervi_component_add_value_full (KerviComponent *self, KerviValue *value, gboolean input,
                                 const char *global_id, GError **error)
{
  KerviComponentPrivate *priv = kervi_component_get_instance_private (self);
  g_autofree char *default_global_id = NULL;

  if (kervi_value_get_component (value) != NULL)
    {
      g_set_error (error, KERVI_ERROR, KERVI_ERROR_EXISTS,
                   "Value '%s' belongs to component '%s' already", kervi_value_get_id (value),
                   kervi_component_get_id (kervi_value_get_component (value)));
      return FALSE;
    }
  if (!check_unique_child (self, "value", kervi_value_get_id (value), error))
    return FALSE;

  if (global_id == NULL)
    global_id = default_global_id = g_strdup_printf ("%s.%s", priv->id, kervi_value_get_id (value));
  g_ptr_array_add (priv->values, g_object_ref (value));
  _kervi_value_attach (value, self, input, global_id);
  if (priv->registered)
    kervi_registry_value_added (kervi_registry_get_default (), value);
  g_signal_emit (self, signals[SIGNAL_VALUE_ADDED], 0, value);
  return TRUE;
}

/**
 * kervi_component_add_value:
 * @self: a #KerviComponent
 * @value: the value, which must not belong to another component
 * @error: return location for a #GError
 *
 * Adds an output value to the component; controllers have
 * kervi_controller_add_input() and kervi_controller_add_output() for this.
 * The value gets the global id `<component>.<value>`.
 *
 * Returns: %TRUE on success, %FALSE with %KERVI_ERROR_EXISTS if the id is
 *   taken or the value belongs to a component already
 */
gboolean
kervi_component_add_value (KerviComponent *self, KerviValue *value, GError **error)
{
  g_return_val_if_fail (KERVI_IS_COMPONENT (self), FALSE);
  g_return_val_if_fail (KERVI_IS_VALUE (value), FALSE);

  return _kervi_component_add_value_full (self, value, FALSE, NULL, error);
}

/**
 * kervi_component_lookup_value:
 * @self: a #KerviComponent
 * @value_id: the id of a value of the component
 *
 * Returns: (transfer none) (nullable): the value, or %NULL
 */
KerviValue *
kervi_component_lookup_value (KerviComponent *self, const char *value_id)
{
  KerviComponentPrivate *priv = kervi_component_get_instance_private (self);

  g_return_val_if_fail (KERVI_IS_COMPONENT (self), NULL);
  g_return_val_if_fail (value_id != NULL, NULL);

  for (guint i = 0; i < priv->values->len; i++)
    if (g_str_equal (kervi_value_get_id (priv->values->pdata[i]), value_id))
      return priv->values->pdata[i];
  return NULL;
}

/**
 * kervi_component_get_values:
 * @self: a #KerviComponent
 *
 * Returns: (transfer container) (element-type KerviValue): the values, in the
 *   order they were added
 */
GList *
kervi_component_get_values (KerviComponent *self)
{
  KerviComponentPrivate *priv = kervi_component_get_instance_private (self);
  GList *list = NULL;

  g_return_val_if_fail (KERVI_IS_COMPONENT (self), NULL);

  for (guint i = priv->values->len; i > 0; i--)
    list = g_list_prepend (list, priv->values->pdata[i - 1]);
  return list;
}

/**
 * kervi_component_add_action:
 * @self: a #KerviComponent
 * @action: the action
 * @error: return location for a #GError
 *
 * Adds an action to the component. The action gets the global id
 * `<component>.<action>` and becomes a method of the component's
 * `org.kervi.Actions` interface on the bus.
 *
 * Returns: %TRUE on success, %FALSE with %KERVI_ERROR_EXISTS if the id is
 *   taken or the action belongs to a component already
 */
gboolean
kervi_component_add_action (KerviComponent *self, KerviAction *action, GError **error)
{
  KerviComponentPrivate *priv = kervi_component_get_instance_private (self);
  g_autofree char *global_id = NULL;

  g_return_val_if_fail (KERVI_IS_COMPONENT (self), FALSE);
  g_return_val_if_fail (KERVI_IS_ACTION (action), FALSE);

  if (_kervi_action_get_component (action) != NULL)
    {
      g_set_error (error, KERVI_ERROR, KERVI_ERROR_EXISTS,
                   "Action '%s' belongs to a component already", kervi_action_get_id (action));
      return FALSE;
    }
  if (!check_unique_child (self, "action", kervi_action_get_id (action), error))
    return FALSE;

  global_id = g_strdup_printf ("%s.%s", priv->id, kervi_action_get_id (action));
  g_ptr_array_add (priv->actions, g_object_ref (action));
  _kervi_action_attach (action, self, global_id);
  if (priv->registered)
    kervi_registry_action_added (kervi_registry_get_default (), action);
  g_signal_emit (self, signals[SIGNAL_ACTION_ADDED], 0, action);
  return TRUE;
}

/**
 * kervi_component_lookup_action:
 * @self: a #KerviComponent
 * @action_id: the id of an action of the component
 *
 * Returns: (transfer none) (nullable): the action, or %NULL
 */
KerviAction *
kervi_component_lookup_action (KerviComponent *self, const char *action_id)
{
  KerviComponentPrivate *priv = kervi_component_get_instance_private (self);

  g_return_val_if_fail (KERVI_IS_COMPONENT (self), NULL);
  g_return_val_if_fail (action_id != NULL, NULL);

  for (guint i = 0; i < priv->actions->len; i++)
    if (g_str_equal (kervi_action_get_id (priv->actions->pdata[i]), action_id))
      return priv->actions->pdata[i];
  return NULL;
}

/**
 * kervi_component_get_actions:
 * @self: a #KerviComponent
 *
 * Returns: (transfer container) (element-type KerviAction): the actions, in
 *   the order they were added
 */
GList *
kervi_component_get_actions (KerviComponent *self)
{
  KerviComponentPrivate *priv = kervi_component_get_instance_private (self);
  GList *list = NULL;

  g_return_val_if_fail (KERVI_IS_COMPONENT (self), NULL);

  for (guint i = priv->actions->len; i > 0; i--)
    list = g_list_prepend (list, priv->actions->pdata[i - 1]);
  return list;
}

/**
 * kervi_component_get_dashboard_links:
 * @self: a #KerviComponent
 *
 * Returns: (transfer full): the dashboard links as a JSON array
 */
char *
kervi_component_get_dashboard_links (KerviComponent *self)
{
  KerviComponentPrivate *priv = kervi_component_get_instance_private (self);
  g_autoptr (JsonNode) node = json_node_new (JSON_NODE_ARRAY);

  g_return_val_if_fail (KERVI_IS_COMPONENT (self), NULL);

  json_node_set_array (node, priv->dashboard_links);
  return json_to_string (node, FALSE);
}

/**
 * kervi_component_unregister:
 * @self: a #KerviComponent
 *
 * Removes the component from its process: it leaves the bus, and the
 * process drops its reference.
 */
void
kervi_component_unregister (KerviComponent *self)
{
  KerviComponentPrivate *priv = kervi_component_get_instance_private (self);

  g_return_if_fail (KERVI_IS_COMPONENT (self));

  if (!priv->registered)
    return;
  priv->registered = FALSE;
  kervi_registry_remove_component (kervi_registry_get_default (), self);
}

/* Private API */

void
_kervi_component_set_module (KerviComponent *self, const char *module_id)
{
  KerviComponentPrivate *priv = kervi_component_get_instance_private (self);

  if (g_strcmp0 (priv->module, module_id) == 0)
    return;
  g_free (priv->module);
  priv->module = g_strdup (module_id);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MODULE]);
}

void
_kervi_component_add_dashboard_link (KerviComponent *self, JsonObject *link)
{
  KerviComponentPrivate *priv = kervi_component_get_instance_private (self);

  json_array_add_object_element (priv->dashboard_links, json_object_ref (link));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DASHBOARD_LINKS]);
}

const char *
_kervi_component_get_info (KerviComponent *self)
{
  KerviComponentPrivate *priv = kervi_component_get_instance_private (self);

  return priv->info;
}

void
_kervi_component_set_info (KerviComponent *self, const char *json)
{
  KerviComponentPrivate *priv = kervi_component_get_instance_private (self);

  if (g_strcmp0 (priv->info, json) == 0)
    return;
  g_free (priv->info);
  priv->info = g_strdup (json);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_INFO]);
}
