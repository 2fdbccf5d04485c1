/* kervi-value.c: a named, typed value that can be linked and watched
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "config.h"

#include "kervi-value.h"
#include "kervi-component.h"
#include "kervi-enum-types.h"
#include "kervi-error.h"
#include "kervi-private.h"

/**
 * KerviValue:
 *
 * The base class of values: numbers, booleans, strings, enums, date-times
 * and colours.
 *
 * A value has an id, a name, a kind and a current value, readable and
 * writable as a #GVariant of the kind's D-Bus type with
 * kervi_value_get_variant() and kervi_value_set_variant(), or through the
 * typed accessors and the `value` property of each subclass. Every change
 * emits #KerviValue::changed (and `notify::value`).
 *
 * Added to a component (see kervi_controller_add_input()), the value gets a
 * global id, `<component-id>.<value-id>`, and appears on the bus as an
 * `org.kervi.Value` object whose `Changed` signal carries every change to
 * the other processes.
 *
 * kervi_value_link_to() makes a value follow another one by id, in this
 * process or any other on the bus; the link connects when the other value
 * appears and reconnects when its process restarts.
 */

typedef struct
{
  char *id;
  char *global_id;
  char *name;
  gboolean input;
  KerviComponent *component; /* weak: the component owns its values */
  gint64 timestamp;
  KerviLink *link;
} KerviValuePrivate;

G_DEFINE_ABSTRACT_TYPE_WITH_PRIVATE (KerviValue, kervi_value, G_TYPE_OBJECT)

enum
{
  PROP_0,
  PROP_ID,
  PROP_GLOBAL_ID,
  PROP_NAME,
  PROP_KIND,
  PROP_INPUT,
  PROP_COMPONENT,
  PROP_TIMESTAMP,
  PROP_LINK_SOURCE,
  PROP_LINK_CONNECTED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum
{
  SIGNAL_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
kervi_value_finalize (GObject *object)
{
  KerviValue *self = KERVI_VALUE (object);
  KerviValuePrivate *priv = kervi_value_get_instance_private (self);

  g_clear_pointer (&priv->link, _kervi_link_free);
  g_free (priv->id);
  g_free (priv->global_id);
  g_free (priv->name);

  G_OBJECT_CLASS (kervi_value_parent_class)->finalize (object);
}

static void
kervi_value_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  KerviValue *self = KERVI_VALUE (object);
  KerviValuePrivate *priv = kervi_value_get_instance_private (self);

  switch (prop_id)
    {
      case PROP_ID:
        g_value_set_string (value, priv->id);
        break;
      case PROP_GLOBAL_ID:
        g_value_set_string (value, kervi_value_get_global_id (self));
        break;
      case PROP_NAME:
        g_value_set_string (value, priv->name);
        break;
      case PROP_KIND:
        g_value_set_enum (value, kervi_value_get_kind (self));
        break;
      case PROP_INPUT:
        g_value_set_boolean (value, priv->input);
        break;
      case PROP_COMPONENT:
        g_value_set_object (value, priv->component);
        break;
      case PROP_TIMESTAMP:
        g_value_set_int64 (value, priv->timestamp);
        break;
      case PROP_LINK_SOURCE:
        g_value_set_string (value, kervi_value_get_link_source (self));
        break;
      case PROP_LINK_CONNECTED:
        g_value_set_boolean (value, kervi_value_get_link_connected (self));
        break;
      default:
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kervi_value_set_property (GObject *object, guint prop_id, const GValue *value, GParamSpec *pspec)
{
  KerviValue *self = KERVI_VALUE (object);
  KerviValuePrivate *priv = kervi_value_get_instance_private (self);

  switch (prop_id)
    {
      case PROP_ID:
        priv->id = g_value_dup_string (value);
        break;
      case PROP_NAME:
        kervi_value_set_name (self, g_value_get_string (value));
        break;
      default:
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kervi_value_constructed (GObject *object)
{
  KerviValue *self = KERVI_VALUE (object);
  KerviValuePrivate *priv = kervi_value_get_instance_private (self);

  G_OBJECT_CLASS (kervi_value_parent_class)->constructed (object);

  if (!_kervi_id_is_valid (priv->id, FALSE))
    g_critical ("KerviValue: invalid id '%s': use letters, digits and '_'",
                priv->id != NULL ? priv->id : "(null)");
  if (priv->name == NULL)
    priv->name = g_strdup (priv->id);
}

static void
kervi_value_class_init (KerviValueClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = kervi_value_finalize;
  object_class->get_property = kervi_value_get_property;
  object_class->set_property = kervi_value_set_property;
  object_class->constructed = kervi_value_constructed;

  /**
   * KerviValue:id:
   *
   * The id of the value within its component: letters, digits and `_`.
   */
  properties[PROP_ID] = g_param_spec_string (
      "id", NULL, NULL, NULL, G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  /**
   * KerviValue:global-id:
   *
   * The id of the value in the whole application: `<component>.<value>`,
   * the sensor's id for a sensor's output, or the plain id while the value
   * belongs to no component.
   */
  properties[PROP_GLOBAL_ID] = g_param_spec_string ("global-id", NULL, NULL, NULL,
                                                    G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  /**
   * KerviValue:name:
   *
   * The human-readable name; the id when not set.
   */
  properties[PROP_NAME]
      = g_param_spec_string ("name", NULL, NULL, NULL,
                             G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * KerviValue:kind:
   *
   * The kind of value, fixed by its class.
   */
  properties[PROP_KIND]
      = g_param_spec_enum ("kind", NULL, NULL, KERVI_TYPE_VALUE_KIND, KERVI_VALUE_KIND_NUMBER,
                           G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  /**
   * KerviValue:input:
   *
   * %TRUE for inputs of a controller: they accept changes from the bus
   * (`org.kervi.Value.Set`) and from links.
   */
  properties[PROP_INPUT] = g_param_spec_boolean ("input", NULL, NULL, FALSE,
                                                 G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  /**
   * KerviValue:component:
   *
   * The component the value belongs to, or %NULL.
   */
  properties[PROP_COMPONENT] = g_param_spec_object ("component", NULL, NULL, KERVI_TYPE_COMPONENT,
                                                    G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  /**
   * KerviValue:timestamp:
   *
   * When the value last changed, in microseconds since the Unix epoch; 0 if
   * it never changed.
   */
  properties[PROP_TIMESTAMP] = g_param_spec_int64 ("timestamp", NULL, NULL, 0, G_MAXINT64, 0,
                                                   G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  /**
   * KerviValue:link-source:
   *
   * The id of the value this one follows, or %NULL.
   */
  properties[PROP_LINK_SOURCE] = g_param_spec_string ("link-source", NULL, NULL, NULL,
                                                      G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  /**
   * KerviValue:link-connected:
   *
   * %TRUE while the link's source is found and followed.
   */
  properties[PROP_LINK_CONNECTED] = g_param_spec_boolean (
      "link-connected", NULL, NULL, FALSE, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * KerviValue::changed:
   * @self: the value
   * @value: the new value, of the kind's D-Bus type
   * @timestamp: when it changed, in microseconds since the Unix epoch
   *
   * Emitted after every change of the value, wherever it came from.
   */
  signals[SIGNAL_CHANGED]
      = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                      G_TYPE_NONE, 2, G_TYPE_VARIANT, G_TYPE_INT64);
}

static void
kervi_value_init (KerviValue *self)
{
}

/**
 * kervi_value_get_id:
 * @self: a #KerviValue
 *
 * Returns: the id of the value within its component
 */
const char *
kervi_value_get_id (KerviValue *self)
{
  KerviValuePrivate *priv = kervi_value_get_instance_private (self);

  g_return_val_if_fail (KERVI_IS_VALUE (self), NULL);

  return priv->id;
}

/**
 * kervi_value_get_global_id:
 * @self: a #KerviValue
 *
 * Returns: the id of the value in the whole application, see
 *   #KerviValue:global-id
 */
const char *
kervi_value_get_global_id (KerviValue *self)
{
  KerviValuePrivate *priv = kervi_value_get_instance_private (self);

  g_return_val_if_fail (KERVI_IS_VALUE (self), NULL);

  return priv->global_id != NULL ? priv->global_id : priv->id;
}

/**
 * kervi_value_get_name:
 * @self: a #KerviValue
 *
 * Returns: the human-readable name
 */
const char *
kervi_value_get_name (KerviValue *self)
{
  KerviValuePrivate *priv = kervi_value_get_instance_private (self);

  g_return_val_if_fail (KERVI_IS_VALUE (self), NULL);

  return priv->name;
}

/**
 * kervi_value_set_name:
 * @self: a #KerviValue
 * @name: (nullable): the new name; %NULL for the id
 *
 * Sets the human-readable name.
 */
void
kervi_value_set_name (KerviValue *self, const char *name)
{
  KerviValuePrivate *priv = kervi_value_get_instance_private (self);

  g_return_if_fail (KERVI_IS_VALUE (self));

  if (name == NULL)
    name = priv->id;
  if (g_strcmp0 (priv->name, name) == 0)
    return;
  g_free (priv->name);
  priv->name = g_strdup (name);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NAME]);
}

/**
 * kervi_value_get_kind:
 * @self: a #KerviValue
 *
 * Returns: the kind of the value
 */
KerviValueKind
kervi_value_get_kind (KerviValue *self)
{
  g_return_val_if_fail (KERVI_IS_VALUE (self), KERVI_VALUE_KIND_NUMBER);

  return KERVI_VALUE_GET_CLASS (self)->kind;
}

/**
 * kervi_value_get_signature:
 * @self: a #KerviValue
 *
 * Returns: the D-Bus type of the value: `d`, `b` or `s`
 */
const char *
kervi_value_get_signature (KerviValue *self)
{
  g_return_val_if_fail (KERVI_IS_VALUE (self), NULL);

  return kervi_value_kind_to_signature (kervi_value_get_kind (self));
}

/**
 * kervi_value_get_input:
 * @self: a #KerviValue
 *
 * Returns: %TRUE if the value is an input of its component
 */
gboolean
kervi_value_get_input (KerviValue *self)
{
  KerviValuePrivate *priv = kervi_value_get_instance_private (self);

  g_return_val_if_fail (KERVI_IS_VALUE (self), FALSE);

  return priv->input;
}

/**
 * kervi_value_get_component:
 * @self: a #KerviValue
 *
 * Returns: (transfer none) (nullable): the component of the value
 */
KerviComponent *
kervi_value_get_component (KerviValue *self)
{
  KerviValuePrivate *priv = kervi_value_get_instance_private (self);

  g_return_val_if_fail (KERVI_IS_VALUE (self), NULL);

  return priv->component;
}

/**
 * kervi_value_get_variant:
 * @self: a #KerviValue
 *
 * Returns: (transfer full): the current value, of type
 *   kervi_value_get_signature()
 */
GVariant *
kervi_value_get_variant (KerviValue *self)
{
  g_return_val_if_fail (KERVI_IS_VALUE (self), NULL);

  return g_variant_ref_sink (KERVI_VALUE_GET_CLASS (self)->to_variant (self));
}

/**
 * kervi_value_set_variant:
 * @self: a #KerviValue
 * @value: the new value, of type kervi_value_get_signature()
 * @error: return location for a #GError
 *
 * Sets the value. A value of the wrong type gives %KERVI_ERROR_INVALID_ARGS,
 * a number outside min..max or an unknown enum option
 * %KERVI_ERROR_OUT_OF_RANGE; the value is left as it was. Setting the value
 * it already has succeeds without emitting #KerviValue::changed.
 *
 * Returns: %TRUE on success
 */
gboolean
kervi_value_set_variant (KerviValue *self, GVariant *value, GError **error)
{
  KerviValueClass *klass;
  g_autoptr (GVariant) owned = NULL;

  g_return_val_if_fail (KERVI_IS_VALUE (self), FALSE);
  g_return_val_if_fail (value != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  klass = KERVI_VALUE_GET_CLASS (self);
  owned = g_variant_ref_sink (value);

  if (!g_variant_is_of_type (owned, G_VARIANT_TYPE (kervi_value_get_signature (self))))
    {
      g_set_error (error, KERVI_ERROR, KERVI_ERROR_INVALID_ARGS,
                   "Value '%s' is a %s and takes type '%s', not '%s'",
                   kervi_value_get_global_id (self),
                   kervi_value_kind_to_string (kervi_value_get_kind (self)),
                   kervi_value_get_signature (self), g_variant_get_type_string (owned));
      return FALSE;
    }
  if (!klass->check_variant (self, owned, error))
    return FALSE;
  if (klass->store_variant (self, owned))
    _kervi_value_emit_changed (self);
  return TRUE;
}

/**
 * kervi_value_get_timestamp:
 * @self: a #KerviValue
 *
 * Returns: when the value last changed, in microseconds since the Unix
 *   epoch, or 0
 */
gint64
kervi_value_get_timestamp (KerviValue *self)
{
  KerviValuePrivate *priv = kervi_value_get_instance_private (self);

  g_return_val_if_fail (KERVI_IS_VALUE (self), 0);

  return priv->timestamp;
}

/**
 * kervi_value_link_to:
 * @self: a #KerviValue
 * @source_id: the global id of the value to follow: `component.value`, or a
 *   sensor id
 * @error: return location for a #GError
 *
 * Makes @self follow the value @source_id: every change of the source is
 * set on @self. The source may live in this process or in any other process
 * on the bus, and need not exist yet: the link connects when it appears,
 * and again after its process restarts. A value of another kind, or out of
 * @self's range, is logged and not set.
 *
 * A value follows one source at a time: linking again replaces the link.
 *
 * Returns: %TRUE on success, %FALSE with %KERVI_ERROR_INVALID_ID if
 *   @source_id is not a valid id or is @self's own id
 */
gboolean
kervi_value_link_to (KerviValue *self, const char *source_id, GError **error)
{
  KerviValuePrivate *priv = kervi_value_get_instance_private (self);

  g_return_val_if_fail (KERVI_IS_VALUE (self), FALSE);
  g_return_val_if_fail (source_id != NULL, FALSE);

  if (!_kervi_id_is_valid (source_id, TRUE))
    {
      g_set_error (error, KERVI_ERROR, KERVI_ERROR_INVALID_ID,
                   "Cannot link '%s' to '%s': not a valid value id",
                   kervi_value_get_global_id (self), source_id);
      return FALSE;
    }
  if (g_strcmp0 (source_id, kervi_value_get_global_id (self)) == 0)
    {
      g_set_error (error, KERVI_ERROR, KERVI_ERROR_INVALID_ID, "Cannot link '%s' to itself",
                   source_id);
      return FALSE;
    }

  g_clear_pointer (&priv->link, _kervi_link_free);
  priv->link = _kervi_link_new (self, source_id);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LINK_SOURCE]);
  return TRUE;
}

/**
 * kervi_value_unlink:
 * @self: a #KerviValue
 *
 * Stops following the link source, if any.
 */
void
kervi_value_unlink (KerviValue *self)
{
  KerviValuePrivate *priv = kervi_value_get_instance_private (self);

  g_return_if_fail (KERVI_IS_VALUE (self));

  if (priv->link == NULL)
    return;
  g_clear_pointer (&priv->link, _kervi_link_free);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LINK_SOURCE]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LINK_CONNECTED]);
}

/**
 * kervi_value_get_link_source:
 * @self: a #KerviValue
 *
 * Returns: (nullable): the id of the value @self follows, or %NULL
 */
const char *
kervi_value_get_link_source (KerviValue *self)
{
  KerviValuePrivate *priv = kervi_value_get_instance_private (self);

  g_return_val_if_fail (KERVI_IS_VALUE (self), NULL);

  return priv->link != NULL ? _kervi_link_get_source_id (priv->link) : NULL;
}

/**
 * kervi_value_get_link_connected:
 * @self: a #KerviValue
 *
 * Returns: %TRUE while the link source is found and followed
 */
gboolean
kervi_value_get_link_connected (KerviValue *self)
{
  KerviValuePrivate *priv = kervi_value_get_instance_private (self);

  g_return_val_if_fail (KERVI_IS_VALUE (self), FALSE);

  return priv->link != NULL && _kervi_link_get_connected (priv->link);
}

/**
 * kervi_value_kind_to_string:
 * @kind: a #KerviValueKind
 *
 * Returns: the name of @kind as on the bus: `number`, `boolean`, `string`,
 *   `enum`, `date-time` or `color`
 */
const char *
kervi_value_kind_to_string (KerviValueKind kind)
{
  switch (kind)
    {
      case KERVI_VALUE_KIND_NUMBER:
        return "number";
      case KERVI_VALUE_KIND_BOOLEAN:
        return "boolean";
      case KERVI_VALUE_KIND_STRING:
        return "string";
      case KERVI_VALUE_KIND_ENUM:
        return "enum";
      case KERVI_VALUE_KIND_DATE_TIME:
        return "date-time";
      case KERVI_VALUE_KIND_COLOR:
        return "color";
      default:
        g_return_val_if_reached (NULL);
    }
}

/**
 * kervi_value_kind_to_signature:
 * @kind: a #KerviValueKind
 *
 * Returns: the D-Bus type of values of @kind: `d`, `b` or `s`
 */
const char *
kervi_value_kind_to_signature (KerviValueKind kind)
{
  switch (kind)
    {
      case KERVI_VALUE_KIND_NUMBER:
        return "d";
      case KERVI_VALUE_KIND_BOOLEAN:
        return "b";
      case KERVI_VALUE_KIND_STRING:
      case KERVI_VALUE_KIND_ENUM:
      case KERVI_VALUE_KIND_DATE_TIME:
      case KERVI_VALUE_KIND_COLOR:
        return "s";
      default:
        g_return_val_if_reached (NULL);
    }
}

/* Private API, see kervi-private.h */

void
_kervi_value_emit_changed (KerviValue *self)
{
  KerviValuePrivate *priv = kervi_value_get_instance_private (self);
  g_autoptr (GVariant) current = NULL;
  gint64 now = g_get_real_time ();

  /* Keep timestamps strictly increasing so that receivers can order them. */
  priv->timestamp = MAX (now, priv->timestamp + 1);
  current = kervi_value_get_variant (self);

  g_object_notify (G_OBJECT (self), "value");
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TIMESTAMP]);
  g_signal_emit (self, signals[SIGNAL_CHANGED], 0, current, priv->timestamp);
}

void
_kervi_value_attach (KerviValue *self, KerviComponent *component, gboolean input,
                     const char *global_id)
{
  KerviValuePrivate *priv = kervi_value_get_instance_private (self);

  priv->component = component;
  priv->input = input;
  g_free (priv->global_id);
  priv->global_id = g_strdup (global_id);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_GLOBAL_ID]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_INPUT]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_COMPONENT]);
}

void
_kervi_value_notify_link_connected (KerviValue *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LINK_CONNECTED]);
}
