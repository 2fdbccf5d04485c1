/* kervi-bme280-driver.c: one reading of a BME280/BMP280 as a sensor driver
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "config.h"

#include "kervi-bme280-driver.h"
#include "kervi-driver-private.h"
#include "kervi-error.h"

/**
 * KerviBme280Driver:
 *
 * One reading (temperature, pressure or humidity) of a #KerviBme280, as a
 * polled sensor driver. Get one with kervi_bme280_get_driver(). It is read
 * in a worker thread; the drivers of one device share its I2C transactions
 * and measurements.
 */

struct _KerviBme280Driver
{
  KerviSensorDriver parent_instance;

  KerviBme280 *device;
  KerviBme280Quantity quantity;
};

G_DEFINE_FINAL_TYPE (KerviBme280Driver, kervi_bme280_driver, KERVI_TYPE_SENSOR_DRIVER)

enum
{
  PROP_0,
  PROP_DEVICE,
  PROP_QUANTITY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const struct
{
  const char *name;
  const char *unit;
  double min, max;
} quantities[] = {
  [KERVI_BME280_TEMPERATURE] = { "temperature", "°C", -40, 85 },
  [KERVI_BME280_PRESSURE] = { "pressure", "hPa", 300, 1100 },
  [KERVI_BME280_HUMIDITY] = { "humidity", "%", 0, 100 },
};

static GVariant *
kervi_bme280_driver_read (KerviSensorDriver *driver, GError **error)
{
  KerviBme280Driver *self = KERVI_BME280_DRIVER (driver);
  double temperature, pressure, humidity;

  if (self->device == NULL)
    {
      g_set_error (error, KERVI_DRIVER_ERROR, KERVI_DRIVER_ERROR_NOT_FOUND,
                   "BME280 driver without a device");
      return NULL;
    }
  if (!kervi_bme280_measure (self->device, &temperature, &pressure, &humidity, error))
    return NULL;

  switch (self->quantity)
    {
      case KERVI_BME280_TEMPERATURE:
        return g_variant_new_double (temperature);
      case KERVI_BME280_PRESSURE:
        return g_variant_new_double (pressure);
      case KERVI_BME280_HUMIDITY:
      default:
        if (kervi_bme280_get_model (self->device) != KERVI_BME280_MODEL_BME280)
          {
            g_set_error (error, KERVI_DRIVER_ERROR, KERVI_DRIVER_ERROR_NO_READING,
                         "%s: the chip is a BMP280, which has no humidity sensor",
                         kervi_bme280_get_description (self->device));
            return NULL;
          }
        return g_variant_new_double (humidity);
    }
}

static GObject *
kervi_bme280_driver_constructor (GType type, guint n_properties, GObjectConstructParam *props)
{
  GValue *device = _kervi_driver_construct_param (props, n_properties, "device");
  GValue *quantity_value = _kervi_driver_construct_param (props, n_properties, "quantity");
  KerviBme280Quantity quantity = KERVI_BME280_TEMPERATURE;
  KerviBme280 *bme = NULL;
  g_autofree char *name = NULL;

  if (quantity_value != NULL)
    quantity = g_value_get_enum (quantity_value);
  if (quantity > KERVI_BME280_HUMIDITY)
    quantity = KERVI_BME280_TEMPERATURE;
  if (device != NULL)
    bme = g_value_get_object (device);

  name = g_strdup_printf ("%s %s", bme != NULL ? kervi_bme280_get_description (bme) : "BME280",
                          quantities[quantity].name);
  _kervi_driver_describe (props, n_properties, KERVI_VALUE_KIND_NUMBER, quantities[quantity].unit,
                          quantities[quantity].min, quantities[quantity].max, name);

  return G_OBJECT_CLASS (kervi_bme280_driver_parent_class)->constructor (type, n_properties, props);
}

static void
kervi_bme280_driver_dispose (GObject *object)
{
  g_clear_object (&KERVI_BME280_DRIVER (object)->device);

  G_OBJECT_CLASS (kervi_bme280_driver_parent_class)->dispose (object);
}

static void
kervi_bme280_driver_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  KerviBme280Driver *self = KERVI_BME280_DRIVER (object);

  switch (prop_id)
    {
      case PROP_DEVICE:
        g_value_set_object (value, self->device);
        break;
      case PROP_QUANTITY:
        g_value_set_enum (value, self->quantity);
        break;
      default:
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kervi_bme280_driver_set_property (GObject *object, guint prop_id, const GValue *value,
                                  GParamSpec *pspec)
{
  KerviBme280Driver *self = KERVI_BME280_DRIVER (object);

  switch (prop_id)
    {
      case PROP_DEVICE:
        self->device = g_value_dup_object (value);
        break;
      case PROP_QUANTITY:
        self->quantity = g_value_get_enum (value);
        break;
      default:
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kervi_bme280_driver_class_init (KerviBme280DriverClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  KerviSensorDriverClass *driver_class = KERVI_SENSOR_DRIVER_CLASS (klass);

  object_class->constructor = kervi_bme280_driver_constructor;
  object_class->dispose = kervi_bme280_driver_dispose;
  object_class->get_property = kervi_bme280_driver_get_property;
  object_class->set_property = kervi_bme280_driver_set_property;

  driver_class->read = kervi_bme280_driver_read;
  driver_class->read_in_thread = TRUE;

  /**
   * KerviBme280Driver:device:
   *
   * The device the driver reads.
   */
  properties[PROP_DEVICE]
      = g_param_spec_object ("device", NULL, NULL, KERVI_TYPE_BME280,
                             G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  /**
   * KerviBme280Driver:quantity:
   *
   * What the driver reads; it also decides the unit and range.
   */
  properties[PROP_QUANTITY] = g_param_spec_enum (
      "quantity", NULL, NULL, KERVI_TYPE_BME280_QUANTITY, KERVI_BME280_TEMPERATURE,
      G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
kervi_bme280_driver_init (KerviBme280Driver *self)
{
}

/**
 * kervi_bme280_driver_new:
 * @device: the device
 * @quantity: what the driver reads
 *
 * Creates a driver for one reading of @device; the same as
 * kervi_bme280_get_driver().
 *
 * Returns: (transfer full): a new #KerviBme280Driver
 */
KerviSensorDriver *
kervi_bme280_driver_new (KerviBme280 *device, KerviBme280Quantity quantity)
{
  g_return_val_if_fail (KERVI_IS_BME280 (device), NULL);
  g_return_val_if_fail (quantity <= KERVI_BME280_HUMIDITY, NULL);

  return g_object_new (KERVI_TYPE_BME280_DRIVER, "device", device, "quantity", quantity, NULL);
}

/**
 * kervi_bme280_driver_get_device:
 * @self: a #KerviBme280Driver
 *
 * Returns: (transfer none): the device
 */
KerviBme280 *
kervi_bme280_driver_get_device (KerviBme280Driver *self)
{
  g_return_val_if_fail (KERVI_IS_BME280_DRIVER (self), NULL);
  return self->device;
}

/**
 * kervi_bme280_driver_get_quantity:
 * @self: a #KerviBme280Driver
 *
 * Returns: what the driver reads
 */
KerviBme280Quantity
kervi_bme280_driver_get_quantity (KerviBme280Driver *self)
{
  g_return_val_if_fail (KERVI_IS_BME280_DRIVER (self), KERVI_BME280_TEMPERATURE);
  return self->quantity;
}
