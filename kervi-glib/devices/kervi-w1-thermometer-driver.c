/* kervi-w1-thermometer-driver.c: a DS18B20 1-Wire thermometer
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "config.h"

#include "kervi-driver-private.h"
#include "kervi-error.h"
#include "kervi-sysfs.h"
#include "kervi-w1-thermometer-driver.h"

/**
 * KerviW1ThermometerDriver:
 *
 * A DS18B20 (or DS18S20, DS1822) 1-Wire thermometer, read through the
 * kernel's w1-therm driver: `/sys/bus/w1/devices/<id>/w1_slave`.
 *
 * On a Raspberry Pi, enable the bus with `dtoverlay=w1-gpio` (data on
 * BCM 4, with a 4.7 kΩ pull-up to 3.3 V); the sensors then show up as
 * `28-xxxxxxxxxxxx`. Readings are in °C, −55..125.
 *
 * The kernel starts a conversion on every read of `w1_slave`, which takes
 * up to 750 ms, so the driver is read in a worker thread. It never makes up
 * a value:
 *
 * - a missing device is %KERVI_DRIVER_ERROR_NOT_FOUND;
 * - a failed CRC check (the first line does not end in `YES`) is
 *   %KERVI_DRIVER_ERROR_IO;
 * - 85.000 °C, the power-on value of the scratchpad, means that no
 *   conversion happened (power or wiring) and is
 *   %KERVI_DRIVER_ERROR_NO_READING, as is an all-zero scratchpad (a
 *   shorted bus passes the CRC check);
 * - anything unparsable or outside −55..125 °C is %KERVI_DRIVER_ERROR_PARSE.
 */

struct _KerviW1ThermometerDriver
{
  KerviSensorDriver parent_instance;

  char *device_id;
  char *root;
};

G_DEFINE_FINAL_TYPE (KerviW1ThermometerDriver, kervi_w1_thermometer_driver,
                     KERVI_TYPE_SENSOR_DRIVER)

enum
{
  PROP_0,
  PROP_DEVICE_ID,
  PROP_ROOT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

#define W1_POWER_ON_MILLIDEGREES 85000
#define W1_MIN_MILLIDEGREES -55000
#define W1_MAX_MILLIDEGREES 125000

static GVariant *
kervi_w1_thermometer_driver_read (KerviSensorDriver *driver, GError **error)
{
  KerviW1ThermometerDriver *self = KERVI_W1_THERMOMETER_DRIVER (driver);
  g_autofree char *path = NULL;
  g_autofree char *contents = NULL;
  g_auto (GStrv) lines = NULL;
  g_autoptr (GError) local_error = NULL;
  const char *id = self->device_id;
  const char *t;
  gint64 millidegrees;
  char *end;

  if (id == NULL || *id == '\0' || strchr (id, '/') != NULL || g_str_equal (id, "..")
      || g_str_equal (id, "."))
    {
      g_set_error (error, KERVI_DRIVER_ERROR, KERVI_DRIVER_ERROR_NOT_FOUND,
                   "1-Wire: invalid device id '%s' (expected something like 28-000005e2fdc3)",
                   id != NULL ? id : "");
      return NULL;
    }

  path = g_build_filename ("/sys/bus/w1/devices", id, "w1_slave", NULL);
  contents = _kervi_sysfs_read (self->root, path, &local_error);
  if (contents == NULL)
    {
      if (g_error_matches (local_error, KERVI_DRIVER_ERROR, KERVI_DRIVER_ERROR_NOT_FOUND))
        g_set_error (error, KERVI_DRIVER_ERROR, KERVI_DRIVER_ERROR_NOT_FOUND,
                     "%s: no such 1-Wire device (%s)", id, local_error->message);
      else
        g_set_error (error, KERVI_DRIVER_ERROR, local_error->code, "%s: cannot read (%s)", id,
                     local_error->message);
      return NULL;
    }

  /* 72 01 4b 46 7f ff 0e 10 57 : crc=57 YES
   * 72 01 4b 46 7f ff 0e 10 57 t=23125 */
  lines = g_strsplit (contents, "\n", 3);
  if (g_strv_length (lines) < 2 || strstr (lines[0], "crc=") == NULL)
    {
      g_set_error (error, KERVI_DRIVER_ERROR, KERVI_DRIVER_ERROR_PARSE,
                   "%s: unexpected w1_slave contents '%.40s'", id, contents);
      return NULL;
    }
  g_strchomp (lines[0]);
  if (!g_str_has_suffix (lines[0], "YES"))
    {
      g_set_error (error, KERVI_DRIVER_ERROR, KERVI_DRIVER_ERROR_IO,
                   "%s: CRC check failed (noise on the bus? check the wiring and the 4.7 kΩ "
                   "pull-up)",
                   id);
      return NULL;
    }
  if (g_str_has_prefix (lines[0], "00 00 00 00 00 00 00 00 00"))
    {
      g_set_error (error, KERVI_DRIVER_ERROR, KERVI_DRIVER_ERROR_NO_READING,
                   "%s: the scratchpad reads all zeros (data line shorted to ground?)", id);
      return NULL;
    }

  t = strstr (lines[1], "t=");
  if (t == NULL)
    {
      g_set_error (error, KERVI_DRIVER_ERROR, KERVI_DRIVER_ERROR_PARSE,
                   "%s: no temperature in w1_slave ('%.40s')", id, lines[1]);
      return NULL;
    }
  millidegrees = g_ascii_strtoll (t + 2, &end, 10);
  if (end == t + 2 || (*end != '\0' && !g_ascii_isspace (*end)))
    {
      g_set_error (error, KERVI_DRIVER_ERROR, KERVI_DRIVER_ERROR_PARSE,
                   "%s: unparsable temperature '%.20s'", id, t);
      return NULL;
    }
  if (millidegrees == W1_POWER_ON_MILLIDEGREES)
    {
      g_set_error (error, KERVI_DRIVER_ERROR, KERVI_DRIVER_ERROR_NO_READING,
                   "%s: 85.000 °C is the power-on value: the sensor did not convert (check "
                   "its power supply)",
                   id);
      return NULL;
    }
  if (millidegrees < W1_MIN_MILLIDEGREES || millidegrees > W1_MAX_MILLIDEGREES)
    {
      g_set_error (error, KERVI_DRIVER_ERROR, KERVI_DRIVER_ERROR_PARSE,
                   "%s: %.3f °C is outside the sensor's range (−55..125 °C)", id,
                   millidegrees / 1000.0);
      return NULL;
    }

  return g_variant_new_double (millidegrees / 1000.0);
}

static GObject *
kervi_w1_thermometer_driver_constructor (GType type, guint n_properties,
                                         GObjectConstructParam *props)
{
  GValue *id = _kervi_driver_construct_param (props, n_properties, "device-id");
  g_autofree char *name = NULL;

  name = g_strdup_printf ("1-Wire %s", id != NULL && g_value_get_string (id) != NULL
                                           ? g_value_get_string (id)
                                           : "(no device)");
  _kervi_driver_describe (props, n_properties, KERVI_VALUE_KIND_NUMBER, "°C",
                          W1_MIN_MILLIDEGREES / 1000.0, W1_MAX_MILLIDEGREES / 1000.0, name);

  return G_OBJECT_CLASS (kervi_w1_thermometer_driver_parent_class)
      ->constructor (type, n_properties, props);
}

static void
kervi_w1_thermometer_driver_finalize (GObject *object)
{
  KerviW1ThermometerDriver *self = KERVI_W1_THERMOMETER_DRIVER (object);

  g_free (self->device_id);
  g_free (self->root);

  G_OBJECT_CLASS (kervi_w1_thermometer_driver_parent_class)->finalize (object);
}

static void
kervi_w1_thermometer_driver_get_property (GObject *object, guint prop_id, GValue *value,
                                          GParamSpec *pspec)
{
  KerviW1ThermometerDriver *self = KERVI_W1_THERMOMETER_DRIVER (object);

  switch (prop_id)
    {
      case PROP_DEVICE_ID:
        g_value_set_string (value, self->device_id);
        break;
      case PROP_ROOT:
        g_value_set_string (value, self->root);
        break;
      default:
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kervi_w1_thermometer_driver_set_property (GObject *object, guint prop_id, const GValue *value,
                                          GParamSpec *pspec)
{
  KerviW1ThermometerDriver *self = KERVI_W1_THERMOMETER_DRIVER (object);

  switch (prop_id)
    {
      case PROP_DEVICE_ID:
        self->device_id = g_value_dup_string (value);
        break;
      case PROP_ROOT:
        self->root = g_value_dup_string (value);
        break;
      default:
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kervi_w1_thermometer_driver_class_init (KerviW1ThermometerDriverClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  KerviSensorDriverClass *driver_class = KERVI_SENSOR_DRIVER_CLASS (klass);

  object_class->constructor = kervi_w1_thermometer_driver_constructor;
  object_class->finalize = kervi_w1_thermometer_driver_finalize;
  object_class->get_property = kervi_w1_thermometer_driver_get_property;
  object_class->set_property = kervi_w1_thermometer_driver_set_property;

  driver_class->read = kervi_w1_thermometer_driver_read;
  driver_class->read_in_thread = TRUE; /* a conversion takes up to 750 ms */

  /**
   * KerviW1ThermometerDriver:device-id:
   *
   * The 1-Wire device id, as in `/sys/bus/w1/devices`: `28-000005e2fdc3`.
   */
  properties[PROP_DEVICE_ID]
      = g_param_spec_string ("device-id", NULL, NULL, NULL,
                             G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  /**
   * KerviW1ThermometerDriver:root:
   *
   * The folder `/sys` is looked up in: %NULL or `/` for the real system, a
   * recorded tree in tests.
   */
  properties[PROP_ROOT]
      = g_param_spec_string ("root", NULL, NULL, NULL,
                             G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
kervi_w1_thermometer_driver_init (KerviW1ThermometerDriver *self)
{
}

/**
 * kervi_w1_thermometer_driver_new:
 * @device_id: the 1-Wire device id, such as `28-000005e2fdc3`
 *
 * Creates a driver for a DS18B20 thermometer.
 *
 * Returns: (transfer full): a new #KerviW1ThermometerDriver
 */
KerviSensorDriver *
kervi_w1_thermometer_driver_new (const char *device_id)
{
  g_return_val_if_fail (device_id != NULL, NULL);

  return g_object_new (KERVI_TYPE_W1_THERMOMETER_DRIVER, "device-id", device_id, NULL);
}

/**
 * kervi_w1_thermometer_driver_get_device_id:
 * @self: a #KerviW1ThermometerDriver
 *
 * Returns: the 1-Wire device id
 */
const char *
kervi_w1_thermometer_driver_get_device_id (KerviW1ThermometerDriver *self)
{
  g_return_val_if_fail (KERVI_IS_W1_THERMOMETER_DRIVER (self), NULL);
  return self->device_id;
}

/**
 * kervi_w1_thermometer_driver_get_root:
 * @self: a #KerviW1ThermometerDriver
 *
 * Returns: (nullable): the folder `/sys` is looked up in, %NULL for `/`
 */
const char *
kervi_w1_thermometer_driver_get_root (KerviW1ThermometerDriver *self)
{
  g_return_val_if_fail (KERVI_IS_W1_THERMOMETER_DRIVER (self), NULL);
  return self->root;
}
