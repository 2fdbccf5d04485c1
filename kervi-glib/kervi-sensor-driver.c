/* kervi-sensor-driver.c: base class of the drivers that feed sensors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "config.h"

#include "kervi-sensor-driver.h"
#include "kervi-enum-types.h"
#include "kervi-error.h"

/**
 * KerviSensorDriver:
 *
 * The base class of sensor drivers.
 *
 * A driver knows how to get readings out of one device: a file in /proc, a
 * GPIO line, an I2C chip. It says what kind of reading it gives
 * (#KerviSensorDriver:kind, #KerviSensorDriver:unit, #KerviSensorDriver:min,
 * #KerviSensorDriver:max) and either answers kervi_sensor_driver_read() when
 * polled, or pushes readings itself between kervi_sensor_driver_start() and
 * kervi_sensor_driver_stop(). A #KerviSensor does the polling, the
 * availability bookkeeping and the retries.
 *
 * Subclasses set the properties at construction time; they are read-only for
 * everybody else.
 */

typedef struct
{
  KerviValueKind kind;
  char *unit;
  double min;
  double max;
  char *device_name;
  gboolean started;
} KerviSensorDriverPrivate;

G_DEFINE_ABSTRACT_TYPE_WITH_PRIVATE (KerviSensorDriver, kervi_sensor_driver, G_TYPE_OBJECT)

enum
{
  PROP_0,
  PROP_KIND,
  PROP_UNIT,
  PROP_MIN,
  PROP_MAX,
  PROP_DEVICE_NAME,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum
{
  SIGNAL_READING,
  SIGNAL_ERROR,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
kervi_sensor_driver_finalize (GObject *object)
{
  KerviSensorDriver *self = KERVI_SENSOR_DRIVER (object);
  KerviSensorDriverPrivate *priv = kervi_sensor_driver_get_instance_private (self);

  g_free (priv->unit);
  g_free (priv->device_name);

  G_OBJECT_CLASS (kervi_sensor_driver_parent_class)->finalize (object);
}

static void
kervi_sensor_driver_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  KerviSensorDriver *self = KERVI_SENSOR_DRIVER (object);
  KerviSensorDriverPrivate *priv = kervi_sensor_driver_get_instance_private (self);

  switch (prop_id)
    {
      case PROP_KIND:
        g_value_set_enum (value, priv->kind);
        break;
      case PROP_UNIT:
        g_value_set_string (value, priv->unit);
        break;
      case PROP_MIN:
        g_value_set_double (value, priv->min);
        break;
      case PROP_MAX:
        g_value_set_double (value, priv->max);
        break;
      case PROP_DEVICE_NAME:
        g_value_set_string (value, priv->device_name);
        break;
      default:
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kervi_sensor_driver_set_property (GObject *object, guint prop_id, const GValue *value,
                                  GParamSpec *pspec)
{
  KerviSensorDriver *self = KERVI_SENSOR_DRIVER (object);
  KerviSensorDriverPrivate *priv = kervi_sensor_driver_get_instance_private (self);

  switch (prop_id)
    {
      case PROP_KIND:
        priv->kind = g_value_get_enum (value);
        break;
      case PROP_UNIT:
        g_free (priv->unit);
        priv->unit = g_value_dup_string (value);
        break;
      case PROP_MIN:
        priv->min = g_value_get_double (value);
        break;
      case PROP_MAX:
        priv->max = g_value_get_double (value);
        break;
      case PROP_DEVICE_NAME:
        g_free (priv->device_name);
        priv->device_name = g_value_dup_string (value);
        break;
      default:
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kervi_sensor_driver_class_init (KerviSensorDriverClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = kervi_sensor_driver_finalize;
  object_class->get_property = kervi_sensor_driver_get_property;
  object_class->set_property = kervi_sensor_driver_set_property;

  /**
   * KerviSensorDriver:kind:
   *
   * The kind of readings: %KERVI_VALUE_KIND_NUMBER (readings of type `d`)
   * or %KERVI_VALUE_KIND_BOOLEAN (readings of type `b`).
   */
  properties[PROP_KIND]
      = g_param_spec_enum ("kind", NULL, NULL, KERVI_TYPE_VALUE_KIND, KERVI_VALUE_KIND_NUMBER,
                           G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  /**
   * KerviSensorDriver:unit:
   *
   * The unit of number readings ("%", "°C", "hPa"), or %NULL.
   */
  properties[PROP_UNIT]
      = g_param_spec_string ("unit", NULL, NULL, NULL,
                             G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  /**
   * KerviSensorDriver:min:
   *
   * The smallest number reading the device can give.
   */
  properties[PROP_MIN]
      = g_param_spec_double ("min", NULL, NULL, -G_MAXDOUBLE, G_MAXDOUBLE, 0,
                             G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  /**
   * KerviSensorDriver:max:
   *
   * The largest number reading the device can give.
   */
  properties[PROP_MAX]
      = g_param_spec_double ("max", NULL, NULL, -G_MAXDOUBLE, G_MAXDOUBLE, 100,
                             G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  /**
   * KerviSensorDriver:device-name:
   *
   * What the driver reads, for messages: "/proc/stat", "gpiochip0 line 17",
   * "BME280 at i2c-1 0x76".
   */
  properties[PROP_DEVICE_NAME]
      = g_param_spec_string ("device-name", NULL, NULL, NULL,
                             G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * KerviSensorDriver::reading:
   * @self: the driver
   * @reading: the new reading, of the driver's kind
   *
   * Emitted by event-driven drivers for every new reading, see
   * kervi_sensor_driver_push_reading().
   */
  signals[SIGNAL_READING] = g_signal_new ("reading", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                          0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_VARIANT);

  /**
   * KerviSensorDriver::error:
   * @self: the driver
   * @error: what went wrong
   *
   * Emitted by event-driven drivers when the device fails, see
   * kervi_sensor_driver_push_error().
   */
  signals[SIGNAL_ERROR] = g_signal_new ("error", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                        NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_ERROR);
}

static void
kervi_sensor_driver_init (KerviSensorDriver *self)
{
  KerviSensorDriverPrivate *priv = kervi_sensor_driver_get_instance_private (self);

  priv->max = 100;
}

/**
 * kervi_sensor_driver_get_kind:
 * @self: a #KerviSensorDriver
 *
 * Returns: the kind of readings the driver gives
 */
KerviValueKind
kervi_sensor_driver_get_kind (KerviSensorDriver *self)
{
  KerviSensorDriverPrivate *priv = kervi_sensor_driver_get_instance_private (self);

  g_return_val_if_fail (KERVI_IS_SENSOR_DRIVER (self), KERVI_VALUE_KIND_NUMBER);

  return priv->kind;
}

/**
 * kervi_sensor_driver_get_unit:
 * @self: a #KerviSensorDriver
 *
 * Returns: (nullable): the unit of the readings
 */
const char *
kervi_sensor_driver_get_unit (KerviSensorDriver *self)
{
  KerviSensorDriverPrivate *priv = kervi_sensor_driver_get_instance_private (self);

  g_return_val_if_fail (KERVI_IS_SENSOR_DRIVER (self), NULL);

  return priv->unit;
}

/**
 * kervi_sensor_driver_get_min:
 * @self: a #KerviSensorDriver
 *
 * Returns: the smallest reading the device gives
 */
double
kervi_sensor_driver_get_min (KerviSensorDriver *self)
{
  KerviSensorDriverPrivate *priv = kervi_sensor_driver_get_instance_private (self);

  g_return_val_if_fail (KERVI_IS_SENSOR_DRIVER (self), 0);

  return priv->min;
}

/**
 * kervi_sensor_driver_get_max:
 * @self: a #KerviSensorDriver
 *
 * Returns: the largest reading the device gives
 */
double
kervi_sensor_driver_get_max (KerviSensorDriver *self)
{
  KerviSensorDriverPrivate *priv = kervi_sensor_driver_get_instance_private (self);

  g_return_val_if_fail (KERVI_IS_SENSOR_DRIVER (self), 0);

  return priv->max;
}

/**
 * kervi_sensor_driver_get_device_name:
 * @self: a #KerviSensorDriver
 *
 * Returns: (nullable): what the driver reads, for messages
 */
const char *
kervi_sensor_driver_get_device_name (KerviSensorDriver *self)
{
  KerviSensorDriverPrivate *priv = kervi_sensor_driver_get_instance_private (self);

  g_return_val_if_fail (KERVI_IS_SENSOR_DRIVER (self), NULL);

  return priv->device_name != NULL ? priv->device_name : G_OBJECT_TYPE_NAME (self);
}

/* Checks that a reading has the type the driver's kind promises, so that a
 * buggy driver (or one written in Python) gives an error, not a bad value. */
static GVariant *
check_reading (KerviSensorDriver *self, GVariant *reading, GError **error)
{
  KerviSensorDriverPrivate *priv = kervi_sensor_driver_get_instance_private (self);
  const char *expected = kervi_value_kind_to_signature (priv->kind);

  if (!g_variant_is_of_type (reading, G_VARIANT_TYPE (expected)))
    {
      g_set_error (error, KERVI_DRIVER_ERROR, KERVI_DRIVER_ERROR_PARSE,
                   "%s: driver gave a reading of type '%s', expected '%s'",
                   kervi_sensor_driver_get_device_name (self), g_variant_get_type_string (reading),
                   expected);
      g_variant_unref (reading);
      return NULL;
    }
  return reading;
}

/**
 * kervi_sensor_driver_read:
 * @self: a #KerviSensorDriver
 * @error: return location for a #GError
 *
 * Reads one reading, in the calling thread.
 *
 * Returns: (transfer full): the reading, of type `d` or `b` by the driver's
 *   kind, or %NULL with @error set
 */
GVariant *
kervi_sensor_driver_read (KerviSensorDriver *self, GError **error)
{
  KerviSensorDriverClass *klass;
  GError *local_error = NULL;
  GVariant *reading;

  g_return_val_if_fail (KERVI_IS_SENSOR_DRIVER (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  klass = KERVI_SENSOR_DRIVER_GET_CLASS (self);
  if (klass->read == NULL)
    {
      g_set_error (error, KERVI_DRIVER_ERROR, KERVI_DRIVER_ERROR_NO_READING,
                   "%s: the driver cannot be polled", kervi_sensor_driver_get_device_name (self));
      return NULL;
    }

  reading = klass->read (self, &local_error);
  if (reading == NULL)
    {
      if (local_error == NULL)
        local_error = g_error_new (KERVI_DRIVER_ERROR, KERVI_DRIVER_ERROR_NO_READING,
                                   "%s: the driver gave no reading",
                                   kervi_sensor_driver_get_device_name (self));
      g_propagate_error (error, local_error);
      return NULL;
    }
  g_clear_error (&local_error);

  return check_reading (self, g_variant_take_ref (reading), error);
}

static void
read_in_thread (GTask *task, gpointer source_object, gpointer task_data, GCancellable *cancellable)
{
  GError *error = NULL;
  GVariant *reading = kervi_sensor_driver_read (source_object, &error);

  if (reading == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, reading, (GDestroyNotify)g_variant_unref);
}

/**
 * kervi_sensor_driver_read_async:
 * @self: a #KerviSensorDriver
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): called with the reading
 * @user_data: data for @callback
 *
 * Reads one reading without blocking the main loop: drivers whose class sets
 * @read_in_thread are read in a worker thread, the others in an idle of the
 * thread-default main context.
 */
void
kervi_sensor_driver_read_async (KerviSensorDriver *self, GCancellable *cancellable,
                                GAsyncReadyCallback callback, gpointer user_data)
{
  g_autoptr (GTask) task = NULL;

  g_return_if_fail (KERVI_IS_SENSOR_DRIVER (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, kervi_sensor_driver_read_async);

  if (KERVI_SENSOR_DRIVER_GET_CLASS (self)->read_in_thread)
    {
      g_task_run_in_thread (task, read_in_thread);
    }
  else
    {
      GError *error = NULL;
      GVariant *reading = kervi_sensor_driver_read (self, &error);

      /* g_task_return_* defers the callback to the next main loop iteration
       * because the task was created in this same iteration. */
      if (reading == NULL)
        g_task_return_error (task, error);
      else
        g_task_return_pointer (task, reading, (GDestroyNotify)g_variant_unref);
    }
}

/**
 * kervi_sensor_driver_read_finish:
 * @self: a #KerviSensorDriver
 * @result: the #GAsyncResult
 * @error: return location for a #GError
 *
 * Finishes kervi_sensor_driver_read_async().
 *
 * Returns: (transfer full): the reading, or %NULL with @error set
 */
GVariant *
kervi_sensor_driver_read_finish (KerviSensorDriver *self, GAsyncResult *result, GError **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/**
 * kervi_sensor_driver_is_event_driven:
 * @self: a #KerviSensorDriver
 *
 * Returns: %TRUE if the driver pushes readings itself once started
 */
gboolean
kervi_sensor_driver_is_event_driven (KerviSensorDriver *self)
{
  g_return_val_if_fail (KERVI_IS_SENSOR_DRIVER (self), FALSE);

  return KERVI_SENSOR_DRIVER_GET_CLASS (self)->start != NULL;
}

/**
 * kervi_sensor_driver_start:
 * @self: a #KerviSensorDriver
 * @error: return location for a #GError
 *
 * Starts an event-driven driver: from now on it emits
 * #KerviSensorDriver::reading and #KerviSensorDriver::error by itself.
 * Starting a driver that is not event-driven, or one already started, does
 * nothing and succeeds.
 *
 * Returns: %TRUE on success
 */
gboolean
kervi_sensor_driver_start (KerviSensorDriver *self, GError **error)
{
  KerviSensorDriverPrivate *priv = kervi_sensor_driver_get_instance_private (self);
  KerviSensorDriverClass *klass;

  g_return_val_if_fail (KERVI_IS_SENSOR_DRIVER (self), FALSE);

  klass = KERVI_SENSOR_DRIVER_GET_CLASS (self);
  if (klass->start == NULL || priv->started)
    return TRUE;
  if (!klass->start (self, error))
    return FALSE;
  priv->started = TRUE;
  return TRUE;
}

/**
 * kervi_sensor_driver_stop:
 * @self: a #KerviSensorDriver
 *
 * Stops what kervi_sensor_driver_start() started.
 */
void
kervi_sensor_driver_stop (KerviSensorDriver *self)
{
  KerviSensorDriverPrivate *priv = kervi_sensor_driver_get_instance_private (self);
  KerviSensorDriverClass *klass;

  g_return_if_fail (KERVI_IS_SENSOR_DRIVER (self));

  klass = KERVI_SENSOR_DRIVER_GET_CLASS (self);
  if (!priv->started)
    return;
  priv->started = FALSE;
  if (klass->stop != NULL)
    klass->stop (self);
}

/**
 * kervi_sensor_driver_push_reading:
 * @self: a #KerviSensorDriver
 * @reading: the new reading, of the driver's kind
 *
 * For event-driven drivers: delivers a reading to the sensor. A reading of
 * the wrong type is turned into #KerviSensorDriver::error.
 */
void
kervi_sensor_driver_push_reading (KerviSensorDriver *self, GVariant *reading)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GVariant) checked = NULL;

  g_return_if_fail (KERVI_IS_SENSOR_DRIVER (self));
  g_return_if_fail (reading != NULL);

  checked = check_reading (self, g_variant_ref_sink (reading), &error);
  if (checked == NULL)
    g_signal_emit (self, signals[SIGNAL_ERROR], 0, error);
  else
    g_signal_emit (self, signals[SIGNAL_READING], 0, checked);
}

/**
 * kervi_sensor_driver_push_error:
 * @self: a #KerviSensorDriver
 * @error: what went wrong
 *
 * For event-driven drivers: tells the sensor that the device failed.
 */
void
kervi_sensor_driver_push_error (KerviSensorDriver *self, const GError *error)
{
  g_return_if_fail (KERVI_IS_SENSOR_DRIVER (self));
  g_return_if_fail (error != NULL);

  g_signal_emit (self, signals[SIGNAL_ERROR], 0, error);
}
