/* kervi-sensor.c: a controller with one output fed by a driver
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "config.h"

#include <math.h>

#include "kervi-sensor.h"
#include "kervi-boolean-value.h"
#include "kervi-number-value.h"
#include "kervi-private.h"

/**
 * KerviSensor:
 *
 * A controller with one output value, fed by a #KerviSensorDriver.
 *
 * A polled driver is read every #KerviSensor:interval seconds, in a worker
 * thread if its reads may block; an event-driven driver (a GPIO line) is
 * started and pushes its readings, with no polling. The output value's
 * global id is the sensor's id, so other values link to it by that id:
 *
 * |[<!-- language="C" -->
 * kervi_sensor_new ("cpu_load", "CPU load", KERVI_SENSOR_DRIVER (kervi_cpu_load_driver_new ()));
 * ...
 * kervi_value_link_to (temp, "cpu_load", NULL);   // in any process
 * ]|
 *
 * When the driver fails, the sensor keeps its last good value, marks itself
 * unavailable (#KerviComponent:available, with the driver's error as
 * #KerviComponent:status) and retries with a back-off that doubles from the
 * interval up to 60 seconds. It never makes up a reading.
 */

#define MAX_BACKOFF_S 60.0

struct _KerviSensor
{
  KerviController parent_instance;

  KerviSensorDriver *driver;
  KerviValue *value;
  double interval;
  double delta;

  guint timeout_id;
  guint failures;
  gboolean has_published;
  double last_published;
  GCancellable *cancellable;
  gboolean reading; /* an asynchronous read is in flight */
  gboolean started; /* the first read or start happened */
};

G_DEFINE_FINAL_TYPE (KerviSensor, kervi_sensor, KERVI_TYPE_CONTROLLER)

enum
{
  PROP_0,
  PROP_DRIVER,
  PROP_VALUE,
  PROP_INTERVAL,
  PROP_DELTA,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void schedule (KerviSensor *self, double seconds);

static void
report_failure (KerviSensor *self, const GError *error)
{
  KerviComponent *component = KERVI_COMPONENT (self);

  /* Log on the transition only: a missing device would otherwise fill the
   * journal once per poll. */
  if (kervi_component_get_available (component)
      || g_strcmp0 (kervi_component_get_status (component), error->message) != 0)
    g_warning ("Sensor '%s' unavailable: %s", kervi_component_get_id (component), error->message);
  kervi_component_set_available (component, FALSE, error->message);
  self->failures++;
}

static double
retry_delay (KerviSensor *self)
{
  double base = self->interval > 0 ? self->interval : 1.0;
  double delay = base * (double)(1u << MIN (self->failures, 16));

  return MIN (delay, MAX (MAX_BACKOFF_S, base));
}

static void
apply_reading (KerviSensor *self, GVariant *reading)
{
  g_autoptr (GError) error = NULL;

  if (g_variant_is_of_type (reading, G_VARIANT_TYPE_DOUBLE))
    {
      double number = g_variant_get_double (reading);

      if (self->has_published && self->delta > 0
          && fabs (number - self->last_published) < self->delta)
        goto available;
      if (!kervi_value_set_variant (self->value, reading, &error))
        {
          g_prefix_error (&error, "%s: ", kervi_sensor_driver_get_device_name (self->driver));
          report_failure (self, error);
          return;
        }
      self->last_published = number;
      self->has_published = TRUE;
    }
  else if (!kervi_value_set_variant (self->value, reading, &error))
    {
      report_failure (self, error);
      return;
    }

available:
  if (!kervi_component_get_available (KERVI_COMPONENT (self)))
    g_message ("Sensor '%s' available again", kervi_component_get_id (KERVI_COMPONENT (self)));
  self->failures = 0;
  kervi_component_set_available (KERVI_COMPONENT (self), TRUE, NULL);
}

static void
on_read_done (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (KerviSensor) self = user_data;
  g_autoptr (GError) error = NULL;
  g_autoptr (GVariant) reading = NULL;

  reading = kervi_sensor_driver_read_finish (KERVI_SENSOR_DRIVER (source), result, &error);
  self->reading = FALSE;
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  if (reading != NULL)
    apply_reading (self, reading);
  else
    report_failure (self, error);

  if (!kervi_sensor_driver_is_event_driven (self->driver) && self->interval > 0)
    schedule (self, self->failures > 0 ? retry_delay (self) : self->interval);
}

static void
read_now (KerviSensor *self)
{
  if (self->reading)
    return;
  self->reading = TRUE;
  kervi_sensor_driver_read_async (self->driver, self->cancellable, on_read_done,
                                  g_object_ref (self));
}

static void
start_event_driven (KerviSensor *self)
{
  g_autoptr (GError) error = NULL;

  if (!kervi_sensor_driver_start (self->driver, &error))
    {
      report_failure (self, error);
      schedule (self, retry_delay (self));
      return;
    }
  /* The initial level: events only tell about changes. */
  if (KERVI_SENSOR_DRIVER_GET_CLASS (self->driver)->read != NULL)
    read_now (self);
}

static gboolean
on_timeout (gpointer user_data)
{
  KerviSensor *self = user_data;

  self->timeout_id = 0;
  self->started = TRUE;
  if (kervi_sensor_driver_is_event_driven (self->driver))
    start_event_driven (self);
  else
    read_now (self);
  return G_SOURCE_REMOVE;
}

static void
schedule (KerviSensor *self, double seconds)
{
  g_clear_handle_id (&self->timeout_id, g_source_remove);
  self->timeout_id
      = g_timeout_add_full (G_PRIORITY_DEFAULT, (guint)(seconds * 1000), on_timeout, self, NULL);
}

static void
on_driver_reading (KerviSensorDriver *driver, GVariant *reading, KerviSensor *self)
{
  apply_reading (self, reading);
}

static void
on_driver_error (KerviSensorDriver *driver, GError *error, KerviSensor *self)
{
  report_failure (self, error);
  if (kervi_sensor_driver_is_event_driven (driver))
    {
      /* The event source is gone with the device: restart it later. */
      kervi_sensor_driver_stop (driver);
      schedule (self, retry_delay (self));
    }
}

static void
kervi_sensor_dispose (GObject *object)
{
  KerviSensor *self = KERVI_SENSOR (object);

  g_clear_handle_id (&self->timeout_id, g_source_remove);
  g_cancellable_cancel (self->cancellable);
  if (self->driver != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->driver, self);
      kervi_sensor_driver_stop (self->driver);
    }
  g_clear_object (&self->driver);
  g_clear_object (&self->value);

  G_OBJECT_CLASS (kervi_sensor_parent_class)->dispose (object);
}

static void
kervi_sensor_finalize (GObject *object)
{
  g_clear_object (&KERVI_SENSOR (object)->cancellable);

  G_OBJECT_CLASS (kervi_sensor_parent_class)->finalize (object);
}

static void
kervi_sensor_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  KerviSensor *self = KERVI_SENSOR (object);

  switch (prop_id)
    {
      case PROP_DRIVER:
        g_value_set_object (value, self->driver);
        break;
      case PROP_VALUE:
        g_value_set_object (value, self->value);
        break;
      case PROP_INTERVAL:
        g_value_set_double (value, self->interval);
        break;
      case PROP_DELTA:
        g_value_set_double (value, self->delta);
        break;
      default:
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kervi_sensor_set_property (GObject *object, guint prop_id, const GValue *value, GParamSpec *pspec)
{
  KerviSensor *self = KERVI_SENSOR (object);

  switch (prop_id)
    {
      case PROP_DRIVER:
        self->driver = g_value_dup_object (value);
        break;
      case PROP_INTERVAL:
        kervi_sensor_set_interval (self, g_value_get_double (value));
        break;
      case PROP_DELTA:
        kervi_sensor_set_delta (self, g_value_get_double (value));
        break;
      default:
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kervi_sensor_constructed (GObject *object)
{
  KerviSensor *self = KERVI_SENSOR (object);
  KerviComponent *component = KERVI_COMPONENT (self);
  g_autoptr (GError) error = NULL;

  G_OBJECT_CLASS (kervi_sensor_parent_class)->constructed (object);

  g_return_if_fail (KERVI_IS_SENSOR_DRIVER (self->driver));

  if (kervi_sensor_driver_get_kind (self->driver) == KERVI_VALUE_KIND_BOOLEAN)
    self->value
        = KERVI_VALUE (kervi_boolean_value_new ("value", kervi_component_get_name (component)));
  else
    self->value = KERVI_VALUE (kervi_number_value_new (
        "value", kervi_component_get_name (component), kervi_sensor_driver_get_min (self->driver),
        kervi_sensor_driver_get_max (self->driver), kervi_sensor_driver_get_unit (self->driver)));

  /* The output's global id is the sensor's own id: links name the sensor. */
  if (!_kervi_component_add_value_full (component, self->value, FALSE,
                                        kervi_component_get_id (component), &error))
    g_critical ("Sensor '%s': %s", kervi_component_get_id (component), error->message);

  g_signal_connect_object (self->driver, "reading", G_CALLBACK (on_driver_reading), self, 0);
  g_signal_connect_object (self->driver, "error", G_CALLBACK (on_driver_error), self, 0);

  /* Start from the main loop, once the creator had a chance to set the
   * interval and delta. */
  schedule (self, 0);
}

static void
kervi_sensor_class_init (KerviSensorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  KerviComponentClass *component_class = KERVI_COMPONENT_CLASS (klass);

  object_class->dispose = kervi_sensor_dispose;
  object_class->finalize = kervi_sensor_finalize;
  object_class->get_property = kervi_sensor_get_property;
  object_class->set_property = kervi_sensor_set_property;
  object_class->constructed = kervi_sensor_constructed;

  component_class->type_name = "sensor";

  /**
   * KerviSensor:driver:
   *
   * The driver that feeds the sensor.
   */
  properties[PROP_DRIVER]
      = g_param_spec_object ("driver", NULL, NULL, KERVI_TYPE_SENSOR_DRIVER,
                             G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  /**
   * KerviSensor:value:
   *
   * The output value: a #KerviNumberValue or a #KerviBooleanValue, by the
   * driver's kind. Its global id is the sensor's id.
   */
  properties[PROP_VALUE] = g_param_spec_object ("value", NULL, NULL, KERVI_TYPE_VALUE,
                                                G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  /**
   * KerviSensor:interval:
   *
   * Seconds between two reads of a polled driver; 0 stops polling. Ignored
   * for event-driven drivers.
   */
  properties[PROP_INTERVAL]
      = g_param_spec_double ("interval", NULL, NULL, 0, 86400, 1.0,
                             G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * KerviSensor:delta:
   *
   * The smallest change of a number reading that is published; smaller
   * changes are dropped so that a noisy sensor does not flood the bus.
   * 0 publishes every change.
   */
  properties[PROP_DELTA]
      = g_param_spec_double ("delta", NULL, NULL, 0, G_MAXDOUBLE, 0,
                             G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
kervi_sensor_init (KerviSensor *self)
{
  self->interval = 1.0;
  self->cancellable = g_cancellable_new ();
}

/**
 * kervi_sensor_new:
 * @id: the sensor id; also the global id of its value
 * @name: (nullable): the human-readable name
 * @driver: the driver that feeds the sensor
 *
 * Creates a sensor. It starts reading from the main loop.
 *
 * Returns: (transfer full): a new #KerviSensor, registered with the process
 */
KerviSensor *
kervi_sensor_new (const char *id, const char *name, KerviSensorDriver *driver)
{
  g_return_val_if_fail (KERVI_IS_SENSOR_DRIVER (driver), NULL);

  return g_object_new (KERVI_TYPE_SENSOR, "id", id, "name", name, "driver", driver, NULL);
}

/**
 * kervi_sensor_get_driver:
 * @self: a #KerviSensor
 *
 * Returns: (transfer none): the driver
 */
KerviSensorDriver *
kervi_sensor_get_driver (KerviSensor *self)
{
  g_return_val_if_fail (KERVI_IS_SENSOR (self), NULL);

  return self->driver;
}

/**
 * kervi_sensor_get_value:
 * @self: a #KerviSensor
 *
 * Returns: (transfer none): the output value
 */
KerviValue *
kervi_sensor_get_value (KerviSensor *self)
{
  g_return_val_if_fail (KERVI_IS_SENSOR (self), NULL);

  return self->value;
}

/**
 * kervi_sensor_get_interval:
 * @self: a #KerviSensor
 *
 * Returns: the seconds between two reads
 */
double
kervi_sensor_get_interval (KerviSensor *self)
{
  g_return_val_if_fail (KERVI_IS_SENSOR (self), 0);

  return self->interval;
}

/**
 * kervi_sensor_set_interval:
 * @self: a #KerviSensor
 * @seconds: seconds between two reads; 0 stops polling
 *
 * Sets how often a polled driver is read. The next read happens at the
 * new interval from now.
 */
void
kervi_sensor_set_interval (KerviSensor *self, double seconds)
{
  g_return_if_fail (KERVI_IS_SENSOR (self));
  g_return_if_fail (seconds >= 0);

  if (self->interval == seconds)
    return;
  self->interval = seconds;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_INTERVAL]);

  /* Before the first read, the scheduled start stands; while retrying,
   * the back-off does. */
  if (!self->started || self->driver == NULL || kervi_sensor_driver_is_event_driven (self->driver)
      || self->failures > 0)
    return;
  if (seconds == 0)
    g_clear_handle_id (&self->timeout_id, g_source_remove);
  else if (!self->reading)
    schedule (self, seconds);
}

/**
 * kervi_sensor_get_delta:
 * @self: a #KerviSensor
 *
 * Returns: the smallest change that is published
 */
double
kervi_sensor_get_delta (KerviSensor *self)
{
  g_return_val_if_fail (KERVI_IS_SENSOR (self), 0);

  return self->delta;
}

/**
 * kervi_sensor_set_delta:
 * @self: a #KerviSensor
 * @delta: the smallest change of a number reading that is published
 *
 * Sets #KerviSensor:delta.
 */
void
kervi_sensor_set_delta (KerviSensor *self, double delta)
{
  g_return_if_fail (KERVI_IS_SENSOR (self));
  g_return_if_fail (delta >= 0);

  if (self->delta == delta)
    return;
  self->delta = delta;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DELTA]);
}
