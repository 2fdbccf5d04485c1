/* kervi-fake-driver.c: a driver whose readings the caller sets, for tests
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "config.h"

#include "kervi-driver-private.h"
#include "kervi-error.h"
#include "kervi-fake-driver.h"

/**
 * KerviFakeDriver:
 *
 * A driver without a device, for tests and demos: it reads nothing, it
 * gives back what it was told to.
 *
 * kervi_fake_driver_set_reading() sets what every following read returns;
 * kervi_fake_driver_set_error() makes reads fail instead;
 * kervi_fake_driver_push() delivers a reading at once, as an event-driven
 * driver would. kervi_fake_driver_get_read_count() tells how often the
 * driver was polled.
 *
 * The fake driver does not check its readings: a reading of the wrong type
 * is refused by #KerviSensorDriver, as it would be from a buggy driver.
 *
 * Polled (it implements `read`, not `start`). Its device name is "fake"
 * unless set with #KerviSensorDriver:device-name.
 */
struct _KerviFakeDriver
{
  KerviSensorDriver parent_instance;

  GVariant *reading;
  char *error_message;
  guint read_count;
};

G_DEFINE_FINAL_TYPE (KerviFakeDriver, kervi_fake_driver, KERVI_TYPE_SENSOR_DRIVER)

static GVariant *
kervi_fake_driver_read (KerviSensorDriver *driver, GError **error)
{
  KerviFakeDriver *self = KERVI_FAKE_DRIVER (driver);

  self->read_count++;

  if (self->error_message != NULL)
    {
      g_set_error_literal (error, KERVI_DRIVER_ERROR, KERVI_DRIVER_ERROR_IO, self->error_message);
      return NULL;
    }
  if (self->reading == NULL)
    {
      g_set_error (error, KERVI_DRIVER_ERROR, KERVI_DRIVER_ERROR_NO_READING, "%s: no reading set",
                   kervi_sensor_driver_get_device_name (driver));
      return NULL;
    }
  return g_variant_ref (self->reading);
}

static GObject *
kervi_fake_driver_constructor (GType type, guint n_params, GObjectConstructParam *params)
{
  GValue *device_name = _kervi_driver_construct_param (params, n_params, "device-name");

  if (device_name != NULL && g_value_get_string (device_name) == NULL)
    g_value_set_static_string (device_name, "fake");
  return G_OBJECT_CLASS (kervi_fake_driver_parent_class)->constructor (type, n_params, params);
}

static void
kervi_fake_driver_finalize (GObject *object)
{
  KerviFakeDriver *self = KERVI_FAKE_DRIVER (object);

  g_clear_pointer (&self->reading, g_variant_unref);
  g_free (self->error_message);

  G_OBJECT_CLASS (kervi_fake_driver_parent_class)->finalize (object);
}

static void
kervi_fake_driver_class_init (KerviFakeDriverClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  KerviSensorDriverClass *driver_class = KERVI_SENSOR_DRIVER_CLASS (klass);

  object_class->constructor = kervi_fake_driver_constructor;
  object_class->finalize = kervi_fake_driver_finalize;

  driver_class->read = kervi_fake_driver_read;
  driver_class->read_in_thread = FALSE;
}

static void
kervi_fake_driver_init (KerviFakeDriver *self)
{
}

/**
 * kervi_fake_driver_new:
 * @kind: %KERVI_VALUE_KIND_NUMBER or %KERVI_VALUE_KIND_BOOLEAN
 * @unit: (nullable): the unit of number readings
 * @min: the smallest number reading
 * @max: the largest number reading
 *
 * Creates a fake driver of @kind. Until kervi_fake_driver_set_reading() or
 * kervi_fake_driver_push() is called, reads fail with
 * %KERVI_DRIVER_ERROR_NO_READING.
 *
 * Returns: (transfer full): a new #KerviFakeDriver
 */
KerviFakeDriver *
kervi_fake_driver_new (KerviValueKind kind, const char *unit, double min, double max)
{
  g_return_val_if_fail (kind == KERVI_VALUE_KIND_NUMBER || kind == KERVI_VALUE_KIND_BOOLEAN, NULL);

  return g_object_new (KERVI_TYPE_FAKE_DRIVER, "kind", kind, "unit", unit, "min", min, "max", max,
                       NULL);
}

/**
 * kervi_fake_driver_set_reading:
 * @self: a #KerviFakeDriver
 * @reading: the reading every following read returns, `d` for a number
 *   driver, `b` for a boolean one (a floating reference is taken)
 *
 * Sets what the driver reads from now on.
 */
void
kervi_fake_driver_set_reading (KerviFakeDriver *self, GVariant *reading)
{
  g_return_if_fail (KERVI_IS_FAKE_DRIVER (self));
  g_return_if_fail (reading != NULL);

  g_variant_ref_sink (reading);
  g_clear_pointer (&self->reading, g_variant_unref);
  self->reading = reading;
}

/**
 * kervi_fake_driver_set_error:
 * @self: a #KerviFakeDriver
 * @message: (nullable): the message of the error, or %NULL to read again
 *
 * Makes the following reads fail with %KERVI_DRIVER_ERROR_IO and @message,
 * as a broken device would, until called again with %NULL.
 */
void
kervi_fake_driver_set_error (KerviFakeDriver *self, const char *message)
{
  g_return_if_fail (KERVI_IS_FAKE_DRIVER (self));

  g_free (self->error_message);
  self->error_message = g_strdup (message);
}

/**
 * kervi_fake_driver_push:
 * @self: a #KerviFakeDriver
 * @reading: the new reading (a floating reference is taken)
 *
 * Sets the reading, as kervi_fake_driver_set_reading() does, and delivers
 * it at once with kervi_sensor_driver_push_reading(), as an event-driven
 * driver would.
 */
void
kervi_fake_driver_push (KerviFakeDriver *self, GVariant *reading)
{
  g_return_if_fail (KERVI_IS_FAKE_DRIVER (self));
  g_return_if_fail (reading != NULL);

  kervi_fake_driver_set_reading (self, reading);
  kervi_sensor_driver_push_reading (KERVI_SENSOR_DRIVER (self), self->reading);
}

/**
 * kervi_fake_driver_get_read_count:
 * @self: a #KerviFakeDriver
 *
 * Returns: how often the driver was read, whether the read succeeded or
 *   not
 */
guint
kervi_fake_driver_get_read_count (KerviFakeDriver *self)
{
  g_return_val_if_fail (KERVI_IS_FAKE_DRIVER (self), 0);

  return self->read_count;
}
