/* kervi-bh1750-driver.c: a ROHM BH1750 ambient light sensor on I2C
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "config.h"

#include "kervi-bh1750-driver.h"
#include "kervi-driver-private.h"
#include "kervi-error.h"

/**
 * KerviBh1750Driver:
 *
 * A ROHM BH1750 (GY-30, GY-302 boards) ambient light sensor on I2C, in lux.
 *
 * Each reading is a one-time high-resolution measurement (1 lx steps,
 * 0..54612 lx): the driver powers the chip on, starts the measurement,
 * waits the 180 ms the datasheet allows for it and reads the result; the
 * chip powers down by itself afterwards. The wait happens in a worker
 * thread.
 *
 * The address is 0x23 with the ADDR pin low (the usual default) or 0x5c
 * with it high. A chip that does not answer is
 * %KERVI_DRIVER_ERROR_NOT_FOUND naming the bus and address.
 */

#define BH1750_POWER_ON 0x01
#define BH1750_ONE_TIME_H_RES 0x20
#define BH1750_H_RES_MAX_MS 180
/* Counts per lux at the default measurement time (datasheet: lx = count / 1.2). */
#define BH1750_COUNTS_PER_LUX 1.2

struct _KerviBh1750Driver
{
  KerviSensorDriver parent_instance;

  KerviI2cBackend *backend;
  guint bus;
  guint address;
};

G_DEFINE_FINAL_TYPE (KerviBh1750Driver, kervi_bh1750_driver, KERVI_TYPE_SENSOR_DRIVER)

enum
{
  PROP_0,
  PROP_BACKEND,
  PROP_BUS,
  PROP_ADDRESS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static GVariant *
kervi_bh1750_driver_read (KerviSensorDriver *driver, GError **error)
{
  KerviBh1750Driver *self = KERVI_BH1750_DRIVER (driver);
  const guint8 power_on = BH1750_POWER_ON;
  const guint8 measure = BH1750_ONE_TIME_H_RES;
  guint8 raw[2];

  if (!kervi_i2c_backend_transfer (self->backend, self->bus, self->address, &power_on, 1, NULL, 0,
                                   error)
      || !kervi_i2c_backend_transfer (self->backend, self->bus, self->address, &measure, 1, NULL, 0,
                                      error))
    return NULL;

  g_usleep (BH1750_H_RES_MAX_MS * 1000);

  if (!kervi_i2c_backend_transfer (self->backend, self->bus, self->address, NULL, 0, raw, 2, error))
    return NULL;

  return g_variant_new_double (((raw[0] << 8) | raw[1]) / BH1750_COUNTS_PER_LUX);
}

static GObject *
kervi_bh1750_driver_constructor (GType type, guint n_properties, GObjectConstructParam *props)
{
  GValue *bus = _kervi_driver_construct_param (props, n_properties, "bus");
  GValue *address = _kervi_driver_construct_param (props, n_properties, "address");
  g_autofree char *name = NULL;

  name = g_strdup_printf ("BH1750 at i2c-%u 0x%02x", bus != NULL ? g_value_get_uint (bus) : 1,
                          address != NULL ? g_value_get_uint (address) : 0x23);
  _kervi_driver_describe (props, n_properties, KERVI_VALUE_KIND_NUMBER, "lx", 0,
                          65535 / BH1750_COUNTS_PER_LUX, name);

  return G_OBJECT_CLASS (kervi_bh1750_driver_parent_class)->constructor (type, n_properties, props);
}

static void
kervi_bh1750_driver_constructed (GObject *object)
{
  KerviBh1750Driver *self = KERVI_BH1750_DRIVER (object);

  G_OBJECT_CLASS (kervi_bh1750_driver_parent_class)->constructed (object);

  if (self->backend == NULL)
    self->backend = g_object_ref (kervi_i2c_backend_get_default ());
}

static void
kervi_bh1750_driver_finalize (GObject *object)
{
  g_clear_object (&KERVI_BH1750_DRIVER (object)->backend);

  G_OBJECT_CLASS (kervi_bh1750_driver_parent_class)->finalize (object);
}

static void
kervi_bh1750_driver_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  KerviBh1750Driver *self = KERVI_BH1750_DRIVER (object);

  switch (prop_id)
    {
      case PROP_BACKEND:
        g_value_set_object (value, self->backend);
        break;
      case PROP_BUS:
        g_value_set_uint (value, self->bus);
        break;
      case PROP_ADDRESS:
        g_value_set_uint (value, self->address);
        break;
      default:
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kervi_bh1750_driver_set_property (GObject *object, guint prop_id, const GValue *value,
                                  GParamSpec *pspec)
{
  KerviBh1750Driver *self = KERVI_BH1750_DRIVER (object);

  switch (prop_id)
    {
      case PROP_BACKEND:
        self->backend = g_value_dup_object (value);
        break;
      case PROP_BUS:
        self->bus = g_value_get_uint (value);
        break;
      case PROP_ADDRESS:
        self->address = g_value_get_uint (value);
        break;
      default:
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kervi_bh1750_driver_class_init (KerviBh1750DriverClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  KerviSensorDriverClass *driver_class = KERVI_SENSOR_DRIVER_CLASS (klass);

  object_class->constructor = kervi_bh1750_driver_constructor;
  object_class->constructed = kervi_bh1750_driver_constructed;
  object_class->finalize = kervi_bh1750_driver_finalize;
  object_class->get_property = kervi_bh1750_driver_get_property;
  object_class->set_property = kervi_bh1750_driver_set_property;

  driver_class->read = kervi_bh1750_driver_read;
  driver_class->read_in_thread = TRUE;

  /**
   * KerviBh1750Driver:backend:
   *
   * The I2C backend; %NULL at construction means `/dev/i2c-N`.
   */
  properties[PROP_BACKEND]
      = g_param_spec_object ("backend", NULL, NULL, KERVI_TYPE_I2C_BACKEND,
                             G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  /**
   * KerviBh1750Driver:bus:
   *
   * The I2C bus number: N in `/dev/i2c-N`.
   */
  properties[PROP_BUS]
      = g_param_spec_uint ("bus", NULL, NULL, 0, G_MAXUINT, 1,
                           G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  /**
   * KerviBh1750Driver:address:
   *
   * The 7-bit I2C address: 0x23 (ADDR low) or 0x5c (ADDR high).
   */
  properties[PROP_ADDRESS]
      = g_param_spec_uint ("address", NULL, NULL, 0, 0x7f, 0x23,
                           G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
kervi_bh1750_driver_init (KerviBh1750Driver *self)
{
  self->bus = 1;
  self->address = 0x23;
}

/**
 * kervi_bh1750_driver_new:
 * @bus: the I2C bus number: N in `/dev/i2c-N`
 * @address: the 7-bit address, 0x23 or 0x5c
 *
 * Creates a driver for a BH1750 light sensor.
 *
 * Returns: (transfer full): a new #KerviBh1750Driver
 */
KerviSensorDriver *
kervi_bh1750_driver_new (guint bus, guint address)
{
  return kervi_bh1750_driver_new_with_backend (NULL, bus, address);
}

/**
 * kervi_bh1750_driver_new_with_backend:
 * @backend: (nullable): the I2C backend, or %NULL for `/dev/i2c-N`
 * @bus: the I2C bus number
 * @address: the 7-bit address, 0x23 or 0x5c
 *
 * Creates a driver for a BH1750 light sensor on a given backend.
 *
 * Returns: (transfer full): a new #KerviBh1750Driver
 */
KerviSensorDriver *
kervi_bh1750_driver_new_with_backend (KerviI2cBackend *backend, guint bus, guint address)
{
  g_return_val_if_fail (backend == NULL || KERVI_IS_I2C_BACKEND (backend), NULL);
  g_return_val_if_fail (address <= 0x7f, NULL);

  return g_object_new (KERVI_TYPE_BH1750_DRIVER, "backend", backend, "bus", bus, "address", address,
                       NULL);
}

/**
 * kervi_bh1750_driver_get_bus:
 * @self: a #KerviBh1750Driver
 *
 * Returns: the I2C bus number
 */
guint
kervi_bh1750_driver_get_bus (KerviBh1750Driver *self)
{
  g_return_val_if_fail (KERVI_IS_BH1750_DRIVER (self), 0);
  return self->bus;
}

/**
 * kervi_bh1750_driver_get_address:
 * @self: a #KerviBh1750Driver
 *
 * Returns: the 7-bit I2C address
 */
guint
kervi_bh1750_driver_get_address (KerviBh1750Driver *self)
{
  g_return_val_if_fail (KERVI_IS_BH1750_DRIVER (self), 0);
  return self->address;
}
