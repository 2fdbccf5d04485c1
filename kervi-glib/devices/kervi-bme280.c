/* kervi-bme280.c: a Bosch BME280 or BMP280 on I2C
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "config.h"

#include <math.h>

#include "kervi-bme280-driver.h"
#include "kervi-bme280.h"
#include "kervi-error.h"

/**
 * KerviBme280:
 *
 * A Bosch BME280 (temperature, pressure, humidity) or BMP280 (temperature,
 * pressure) on an I2C bus: one device, one sensor driver per reading.
 *
 * |[<!-- language="C" -->
 * g_autoptr(KerviBme280) bme = kervi_bme280_new (1, 0x76);
 * g_autoptr(KerviSensorDriver) t = kervi_bme280_get_driver (bme, KERVI_BME280_TEMPERATURE);
 * g_autoptr(KerviSensorDriver) p = kervi_bme280_get_driver (bme, KERVI_BME280_PRESSURE);
 * kervi_sensor_new ("room_temp", "Room temperature", t);
 * kervi_sensor_new ("air_pressure", "Air pressure", p);
 * ]|
 *
 * On first contact the device checks the chip id (0x60 for a BME280, 0x58
 * for a BMP280) and reads the chip's calibration data. Each measurement is
 * a forced-mode conversion (oversampling ×1, filter off, the chip sleeps in
 * between, as Bosch recommends for weather monitoring), turned into °C,
 * hPa and % with the double-precision compensation formulas of the
 * datasheets (BME280 section 8.1, BMP280 section 3.12). When the sensors of
 * several readings poll together, one conversion serves them all if it is
 * younger than #KerviBme280:max-age.
 *
 * Transfers block, so the drivers are read in worker threads; a mutex
 * serialises them on the shared device. A device that does not answer, a
 * wrong chip id, invalid calibration data or a skipped measurement is an
 * error in the %KERVI_DRIVER_ERROR domain naming the bus and the address;
 * after any error the chip id and calibration are read again on the next
 * measurement, in case the chip was replaced or power-cycled.
 */

#define REG_CALIB_00 0x88 /* 0x88..0xa1: dig_T1..dig_P9, dig_H1 */
#define REG_CHIP_ID 0xd0
#define REG_CALIB_26 0xe1 /* 0xe1..0xe7: dig_H2..dig_H6 */
#define REG_CTRL_HUM 0xf2
#define REG_STATUS 0xf3
#define REG_CTRL_MEAS 0xf4
#define REG_DATA 0xf7 /* press_msb .. hum_lsb */

#define CHIP_ID_BME280 0x60
#define CHIP_ID_BMP280 0x58

#define STATUS_MEASURING 0x08
#define CTRL_HUM_X1 0x01
#define CTRL_MEAS_FORCED_X1 ((1 << 5) | (1 << 2) | 0x01) /* osrs_t ×1, osrs_p ×1, forced */

#define SKIPPED_20BIT 0x80000
#define SKIPPED_16BIT 0x8000

typedef struct
{
  guint16 t1;
  gint16 t2, t3;
  guint16 p1;
  gint16 p2, p3, p4, p5, p6, p7, p8, p9;
  guint8 h1;
  gint16 h2;
  guint8 h3;
  gint16 h4, h5;
  gint8 h6;
} Calibration;

struct _KerviBme280
{
  GObject parent_instance;

  KerviI2cBackend *backend;
  guint bus;
  guint address;
  char *description;

  /* model and max_age, which the main thread reads and sets: never held
   * during a bus transaction, so property access never waits for one. */
  GMutex settings_lock;
  KerviBme280Model model;
  double max_age;

  GMutex lock; /* everything below, and the bus transactions */
  gboolean calibrated;
  Calibration calib;
  gint64 last_time; /* monotonic µs of the cached measurement, 0 if none */
  double temperature, pressure, humidity;
};

G_DEFINE_FINAL_TYPE (KerviBme280, kervi_bme280, G_TYPE_OBJECT)

enum
{
  PROP_0,
  PROP_BACKEND,
  PROP_BUS,
  PROP_ADDRESS,
  PROP_MODEL,
  PROP_MAX_AGE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

GType
kervi_bme280_quantity_get_type (void)
{
  static gsize type_id = 0;
  static const GEnumValue values[] = {
    { KERVI_BME280_TEMPERATURE, "KERVI_BME280_TEMPERATURE", "temperature" },
    { KERVI_BME280_PRESSURE, "KERVI_BME280_PRESSURE", "pressure" },
    { KERVI_BME280_HUMIDITY, "KERVI_BME280_HUMIDITY", "humidity" },
    { 0, NULL, NULL },
  };

  if (g_once_init_enter (&type_id))
    {
      GType type = g_enum_register_static (g_intern_static_string ("KerviBme280Quantity"), values);
      g_once_init_leave (&type_id, type);
    }
  return type_id;
}

GType
kervi_bme280_model_get_type (void)
{
  static gsize type_id = 0;
  static const GEnumValue values[] = {
    { KERVI_BME280_MODEL_UNKNOWN, "KERVI_BME280_MODEL_UNKNOWN", "unknown" },
    { KERVI_BME280_MODEL_BME280, "KERVI_BME280_MODEL_BME280", "bme280" },
    { KERVI_BME280_MODEL_BMP280, "KERVI_BME280_MODEL_BMP280", "bmp280" },
    { 0, NULL, NULL },
  };

  if (g_once_init_enter (&type_id))
    {
      GType type = g_enum_register_static (g_intern_static_string ("KerviBme280Model"), values);
      g_once_init_leave (&type_id, type);
    }
  return type_id;
}

static guint16
u16_le (const guint8 *p)
{
  return (guint16)(p[0] | (p[1] << 8));
}

static gint16
s16_le (const guint8 *p)
{
  return (gint16)u16_le (p);
}

/* Reads the chip id and the calibration data. Called with the lock held. */
static gboolean
load_calibration (KerviBme280 *self, GError **error)
{
  guint8 id;
  guint8 c[26];
  guint8 h[7];
  Calibration *cal = &self->calib;
  KerviBme280Model model;

  if (!kervi_i2c_backend_read_registers (self->backend, self->bus, self->address, REG_CHIP_ID, &id,
                                         1, error))
    return FALSE;

  switch (id)
    {
      case CHIP_ID_BME280:
        model = KERVI_BME280_MODEL_BME280;
        break;
      case CHIP_ID_BMP280:
      case 0x56: /* BMP280 engineering samples */
      case 0x57:
        model = KERVI_BME280_MODEL_BMP280;
        break;
      default:
        g_set_error (error, KERVI_DRIVER_ERROR, KERVI_DRIVER_ERROR_PARSE,
                     "%s: chip id 0x%02x is neither a BME280 (0x60) nor a BMP280 (0x58): wrong "
                     "address?",
                     self->description, id);
        return FALSE;
    }

  if (!kervi_i2c_backend_read_registers (self->backend, self->bus, self->address, REG_CALIB_00, c,
                                         sizeof c, error))
    return FALSE;

  cal->t1 = u16_le (&c[0]);
  cal->t2 = s16_le (&c[2]);
  cal->t3 = s16_le (&c[4]);
  cal->p1 = u16_le (&c[6]);
  cal->p2 = s16_le (&c[8]);
  cal->p3 = s16_le (&c[10]);
  cal->p4 = s16_le (&c[12]);
  cal->p5 = s16_le (&c[14]);
  cal->p6 = s16_le (&c[16]);
  cal->p7 = s16_le (&c[18]);
  cal->p8 = s16_le (&c[20]);
  cal->p9 = s16_le (&c[22]);
  cal->h1 = c[25]; /* 0xa1; 0xa0 is unused */

  if (model == KERVI_BME280_MODEL_BME280)
    {
      if (!kervi_i2c_backend_read_registers (self->backend, self->bus, self->address, REG_CALIB_26,
                                             h, sizeof h, error))
        return FALSE;
      cal->h2 = s16_le (&h[0]);
      cal->h3 = h[2];
      /* dig_H4 = 0xe4[7:0] << 4 | 0xe5[3:0]; dig_H5 = 0xe6[7:0] << 4 | 0xe5[7:4],
       * both signed 12-bit values with the sign in the high byte. */
      cal->h4 = (gint16)(((gint8)h[3]) * 16 | (h[4] & 0x0f));
      cal->h5 = (gint16)(((gint8)h[5]) * 16 | (h[4] >> 4));
      cal->h6 = (gint8)h[6];
    }

  /* An erased or misread calibration would give nonsense (and dig_P1 = 0
   * a division by zero): refuse it instead of inventing readings. */
  if (cal->t1 == 0 || cal->p1 == 0 || (cal->t1 == 0xffff && cal->p1 == 0xffff))
    {
      g_set_error (error, KERVI_DRIVER_ERROR, KERVI_DRIVER_ERROR_PARSE,
                   "%s: invalid calibration data (dig_T1=%u, dig_P1=%u)", self->description,
                   cal->t1, cal->p1);
      return FALSE;
    }

  g_mutex_lock (&self->settings_lock);
  self->model = model;
  g_mutex_unlock (&self->settings_lock);
  self->calibrated = TRUE;
  return TRUE;
}

/* The compensation formulas in double precision, BME280 datasheet section
 * 8.1 and BMP280 datasheet section 3.12. t_fine stays a double instead of
 * being truncated to an integer as in the datasheets' code: that is how the
 * datasheet's worked example gets its 100653.27 Pa. */
static double
compensate_temperature (const Calibration *c, gint32 adc_t, double *t_fine)
{
  double var1 = (adc_t / 16384.0 - c->t1 / 1024.0) * c->t2;
  double var2 = (adc_t / 131072.0 - c->t1 / 8192.0);

  var2 = var2 * var2 * c->t3;
  *t_fine = var1 + var2;
  return (var1 + var2) / 5120.0;
}

static gboolean
compensate_pressure (const Calibration *c, gint32 adc_p, double t_fine, double *out_pa)
{
  double var1 = t_fine / 2.0 - 64000.0;
  double var2 = var1 * var1 * c->p6 / 32768.0;
  double p;

  var2 = var2 + var1 * c->p5 * 2.0;
  var2 = var2 / 4.0 + c->p4 * 65536.0;
  var1 = (c->p3 * var1 * var1 / 524288.0 + c->p2 * var1) / 524288.0;
  var1 = (1.0 + var1 / 32768.0) * c->p1;
  if (var1 == 0.0)
    return FALSE;
  p = 1048576.0 - adc_p;
  p = (p - var2 / 4096.0) * 6250.0 / var1;
  var1 = c->p9 * p * p / 2147483648.0;
  var2 = p * c->p8 / 32768.0;
  *out_pa = p + (var1 + var2 + c->p7) / 16.0;
  return TRUE;
}

static double
compensate_humidity (const Calibration *c, gint32 adc_h, double t_fine)
{
  double h = t_fine - 76800.0;

  h = (adc_h - (c->h4 * 64.0 + c->h5 / 16384.0 * h))
      * (c->h2 / 65536.0 * (1.0 + c->h6 / 67108864.0 * h * (1.0 + c->h3 / 67108864.0 * h)));
  h = h * (1.0 - c->h1 * h / 524288.0);
  return CLAMP (h, 0.0, 100.0);
}

/* One forced-mode conversion. Called with the lock held, in a worker
 * thread: it sleeps while the chip converts. */
static gboolean
measure_locked (KerviBme280 *self, GError **error)
{
  gboolean bme = self->model == KERVI_BME280_MODEL_BME280;
  guint8 data[8];
  guint8 status = STATUS_MEASURING;
  gint32 adc_t, adc_p, adc_h = 0;
  double t_fine;
  double pressure;

  /* ctrl_hum only takes effect with the following write to ctrl_meas. */
  if (bme
      && !kervi_i2c_backend_write_register (self->backend, self->bus, self->address, REG_CTRL_HUM,
                                            CTRL_HUM_X1, error))
    return FALSE;
  if (!kervi_i2c_backend_write_register (self->backend, self->bus, self->address, REG_CTRL_MEAS,
                                         CTRL_MEAS_FORCED_X1, error))
    return FALSE;

  /* At ×1 oversampling a conversion takes at most 9.3 ms (datasheet
   * section 9.1); then ask the chip, a few more times if it is slow. */
  g_usleep (10 * 1000);
  for (int i = 0; i < 20; i++)
    {
      if (!kervi_i2c_backend_read_registers (self->backend, self->bus, self->address, REG_STATUS,
                                             &status, 1, error))
        return FALSE;
      if ((status & STATUS_MEASURING) == 0)
        break;
      g_usleep (2 * 1000);
    }
  if ((status & STATUS_MEASURING) != 0)
    {
      g_set_error (error, KERVI_DRIVER_ERROR, KERVI_DRIVER_ERROR_IO,
                   "%s: the measurement did not finish in 50 ms", self->description);
      return FALSE;
    }

  if (!kervi_i2c_backend_read_registers (self->backend, self->bus, self->address, REG_DATA, data,
                                         bme ? 8 : 6, error))
    return FALSE;

  adc_p = (data[0] << 12) | (data[1] << 4) | (data[2] >> 4);
  adc_t = (data[3] << 12) | (data[4] << 4) | (data[5] >> 4);
  if (bme)
    adc_h = (data[6] << 8) | data[7];

  if (adc_t == SKIPPED_20BIT || adc_p == SKIPPED_20BIT || (bme && adc_h == SKIPPED_16BIT))
    {
      g_set_error (error, KERVI_DRIVER_ERROR, KERVI_DRIVER_ERROR_NO_READING,
                   "%s: the chip reported a skipped measurement (raw T=0x%05x P=0x%05x)",
                   self->description, adc_t, adc_p);
      return FALSE;
    }

  self->temperature = compensate_temperature (&self->calib, adc_t, &t_fine);
  if (!compensate_pressure (&self->calib, adc_p, t_fine, &pressure))
    {
      g_set_error (error, KERVI_DRIVER_ERROR, KERVI_DRIVER_ERROR_PARSE,
                   "%s: the pressure compensation divides by zero (bad calibration data)",
                   self->description);
      return FALSE;
    }
  self->pressure = pressure / 100.0; /* hPa */
  self->humidity = bme ? compensate_humidity (&self->calib, adc_h, t_fine) : 0.0;

  if (self->temperature < -40.0 || self->temperature > 85.0 || self->pressure < 300.0
      || self->pressure > 1100.0)
    {
      g_set_error (error, KERVI_DRIVER_ERROR, KERVI_DRIVER_ERROR_PARSE,
                   "%s: %.2f °C, %.2f hPa is outside the chip's operating range", self->description,
                   self->temperature, self->pressure);
      return FALSE;
    }
  self->last_time = g_get_monotonic_time ();
  return TRUE;
}

/**
 * kervi_bme280_measure:
 * @self: a #KerviBme280
 * @out_temperature: (out) (optional): the temperature in °C
 * @out_pressure: (out) (optional): the air pressure in hPa
 * @out_humidity: (out) (optional): the relative humidity in %; a BMP280
 *   has none and sets it to NaN
 * @error: return location for a #GError
 *
 * Measures, or returns the last measurement if it is younger than
 * #KerviBme280:max-age. Blocks for about 10 ms: call it from a worker
 * thread, as the drivers do. Thread-safe.
 *
 * Returns: %TRUE on success
 */
gboolean
kervi_bme280_measure (KerviBme280 *self, double *out_temperature, double *out_pressure,
                      double *out_humidity, GError **error)
{
  g_autoptr (GMutexLocker) locker = NULL;
  double max_age;
  gint64 now;

  g_return_val_if_fail (KERVI_IS_BME280 (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  max_age = kervi_bme280_get_max_age (self);
  locker = g_mutex_locker_new (&self->lock);
  now = g_get_monotonic_time ();
  if (self->last_time == 0 || max_age <= 0
      || now - self->last_time >= (gint64)(max_age * G_USEC_PER_SEC))
    {
      self->last_time = 0;
      if ((!self->calibrated && !load_calibration (self, error)) || !measure_locked (self, error))
        {
          /* Read the chip id and calibration again next time: the chip may
           * have been swapped or power-cycled. */
          self->calibrated = FALSE;
          return FALSE;
        }
    }

  if (out_temperature != NULL)
    *out_temperature = self->temperature;
  if (out_pressure != NULL)
    *out_pressure = self->pressure;
  if (out_humidity != NULL)
    *out_humidity = self->model == KERVI_BME280_MODEL_BME280 ? self->humidity : NAN;
  return TRUE;
}

static void
kervi_bme280_constructed (GObject *object)
{
  KerviBme280 *self = KERVI_BME280 (object);

  G_OBJECT_CLASS (kervi_bme280_parent_class)->constructed (object);

  if (self->backend == NULL)
    self->backend = g_object_ref (kervi_i2c_backend_get_default ());
  self->description = g_strdup_printf ("BME280/BMP280 at i2c-%u 0x%02x", self->bus, self->address);
}

static void
kervi_bme280_finalize (GObject *object)
{
  KerviBme280 *self = KERVI_BME280 (object);

  g_clear_object (&self->backend);
  g_free (self->description);
  g_mutex_clear (&self->lock);
  g_mutex_clear (&self->settings_lock);

  G_OBJECT_CLASS (kervi_bme280_parent_class)->finalize (object);
}

static void
kervi_bme280_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  KerviBme280 *self = KERVI_BME280 (object);

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
      case PROP_MODEL:
        g_value_set_enum (value, kervi_bme280_get_model (self));
        break;
      case PROP_MAX_AGE:
        g_value_set_double (value, kervi_bme280_get_max_age (self));
        break;
      default:
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kervi_bme280_set_property (GObject *object, guint prop_id, const GValue *value, GParamSpec *pspec)
{
  KerviBme280 *self = KERVI_BME280 (object);

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
      case PROP_MAX_AGE:
        kervi_bme280_set_max_age (self, g_value_get_double (value));
        break;
      default:
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kervi_bme280_class_init (KerviBme280Class *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = kervi_bme280_constructed;
  object_class->finalize = kervi_bme280_finalize;
  object_class->get_property = kervi_bme280_get_property;
  object_class->set_property = kervi_bme280_set_property;

  /**
   * KerviBme280:backend:
   *
   * The I2C backend; %NULL at construction means `/dev/i2c-N`.
   */
  properties[PROP_BACKEND]
      = g_param_spec_object ("backend", NULL, NULL, KERVI_TYPE_I2C_BACKEND,
                             G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  /**
   * KerviBme280:bus:
   *
   * The I2C bus number: N in `/dev/i2c-N` (1 on a Raspberry Pi's header).
   */
  properties[PROP_BUS]
      = g_param_spec_uint ("bus", NULL, NULL, 0, G_MAXUINT, 1,
                           G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  /**
   * KerviBme280:address:
   *
   * The 7-bit I2C address: 0x76 (SDO to ground) or 0x77 (SDO to VDDIO).
   */
  properties[PROP_ADDRESS]
      = g_param_spec_uint ("address", NULL, NULL, 0, 0x7f, 0x76,
                           G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  /**
   * KerviBme280:model:
   *
   * The chip found at the address, once it answered.
   */
  properties[PROP_MODEL]
      = g_param_spec_enum ("model", NULL, NULL, KERVI_TYPE_BME280_MODEL, KERVI_BME280_MODEL_UNKNOWN,
                           G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  /**
   * KerviBme280:max-age:
   *
   * How old, in seconds, a measurement may be to serve another reading;
   * 0 measures for every reading.
   */
  properties[PROP_MAX_AGE]
      = g_param_spec_double ("max-age", NULL, NULL, 0, 3600, 0.5,
                             G_PARAM_READWRITE | G_PARAM_CONSTRUCT | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
kervi_bme280_init (KerviBme280 *self)
{
  g_mutex_init (&self->lock);
  g_mutex_init (&self->settings_lock);
  self->bus = 1;
  self->address = 0x76;
  self->max_age = 0.5;
}

/**
 * kervi_bme280_new:
 * @bus: the I2C bus number: N in `/dev/i2c-N`
 * @address: the 7-bit address, 0x76 or 0x77
 *
 * Creates the device. Nothing is sent to the chip until the first reading.
 *
 * Returns: (transfer full): a new #KerviBme280
 */
KerviBme280 *
kervi_bme280_new (guint bus, guint address)
{
  return kervi_bme280_new_with_backend (NULL, bus, address);
}

/**
 * kervi_bme280_new_with_backend:
 * @backend: (nullable): the I2C backend, or %NULL for `/dev/i2c-N`
 * @bus: the I2C bus number
 * @address: the 7-bit address, 0x76 or 0x77
 *
 * Creates the device on a given backend, such as a #KerviFakeI2cBackend.
 *
 * Returns: (transfer full): a new #KerviBme280
 */
KerviBme280 *
kervi_bme280_new_with_backend (KerviI2cBackend *backend, guint bus, guint address)
{
  g_return_val_if_fail (backend == NULL || KERVI_IS_I2C_BACKEND (backend), NULL);
  g_return_val_if_fail (address <= 0x7f, NULL);

  return g_object_new (KERVI_TYPE_BME280, "backend", backend, "bus", bus, "address", address, NULL);
}

/**
 * kervi_bme280_get_driver:
 * @self: a #KerviBme280
 * @quantity: what the driver reads
 *
 * Creates a sensor driver for one reading of the device. Drivers of the
 * same device share it.
 *
 * Returns: (transfer full): a new #KerviBme280Driver
 */
KerviSensorDriver *
kervi_bme280_get_driver (KerviBme280 *self, KerviBme280Quantity quantity)
{
  g_return_val_if_fail (KERVI_IS_BME280 (self), NULL);

  return kervi_bme280_driver_new (self, quantity);
}

/**
 * kervi_bme280_get_bus:
 * @self: a #KerviBme280
 *
 * Returns: the I2C bus number
 */
guint
kervi_bme280_get_bus (KerviBme280 *self)
{
  g_return_val_if_fail (KERVI_IS_BME280 (self), 0);
  return self->bus;
}

/**
 * kervi_bme280_get_address:
 * @self: a #KerviBme280
 *
 * Returns: the 7-bit I2C address
 */
guint
kervi_bme280_get_address (KerviBme280 *self)
{
  g_return_val_if_fail (KERVI_IS_BME280 (self), 0);
  return self->address;
}

/**
 * kervi_bme280_get_model:
 * @self: a #KerviBme280
 *
 * Returns: the chip found, %KERVI_BME280_MODEL_UNKNOWN before it answered
 */
KerviBme280Model
kervi_bme280_get_model (KerviBme280 *self)
{
  KerviBme280Model model;

  g_return_val_if_fail (KERVI_IS_BME280 (self), KERVI_BME280_MODEL_UNKNOWN);

  g_mutex_lock (&self->settings_lock);
  model = self->model;
  g_mutex_unlock (&self->settings_lock);
  return model;
}

/**
 * kervi_bme280_get_description:
 * @self: a #KerviBme280
 *
 * Returns: the device, for messages: `BME280/BMP280 at i2c-1 0x76`
 */
const char *
kervi_bme280_get_description (KerviBme280 *self)
{
  g_return_val_if_fail (KERVI_IS_BME280 (self), NULL);
  return self->description;
}

/**
 * kervi_bme280_get_max_age:
 * @self: a #KerviBme280
 *
 * Returns: how old, in seconds, a measurement may be to serve a reading
 */
double
kervi_bme280_get_max_age (KerviBme280 *self)
{
  double max_age;

  g_return_val_if_fail (KERVI_IS_BME280 (self), 0);

  g_mutex_lock (&self->settings_lock);
  max_age = self->max_age;
  g_mutex_unlock (&self->settings_lock);
  return max_age;
}

/**
 * kervi_bme280_set_max_age:
 * @self: a #KerviBme280
 * @seconds: how old a measurement may be to serve a reading; 0 measures
 *   for every reading
 *
 * Sets #KerviBme280:max-age.
 */
void
kervi_bme280_set_max_age (KerviBme280 *self, double seconds)
{
  g_return_if_fail (KERVI_IS_BME280 (self));

  g_mutex_lock (&self->settings_lock);
  self->max_age = MAX (seconds, 0);
  g_mutex_unlock (&self->settings_lock);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MAX_AGE]);
}
