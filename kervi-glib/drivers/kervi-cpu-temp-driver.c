/* kervi-cpu-temp-driver.c: CPU temperature from thermal zones or hwmon
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "config.h"

#include <stdlib.h>

#include "kervi-cpu-temp-driver.h"
#include "kervi-driver-private.h"
#include "kervi-error.h"
#include "kervi-sysfs.h"

/**
 * KerviCpuTempDriver:
 *
 * A driver giving the temperature of the CPU, in °C (−40 to 125).
 *
 * It reads a kernel temperature file, in millidegrees, that it chooses in
 * this order:
 *
 * 1. the first thermal zone `/sys/class/thermal/thermal_zone<N>` (by
 *    number) whose `type` names a CPU: `x86_pkg_temp`, `cpu-thermal`,
 *    `cpu_thermal`, `soc_thermal`, `soc-thermal`, `coretemp`, `k10temp`, or
 *    any type starting with `cpu` and holding `thermal` (`cpu0-thermal`); it
 *    reads the zone's `temp`;
 * 2. else the first hwmon device `/sys/class/hwmon/hwmon<N>` whose `name`
 *    is `coretemp`, `k10temp`, `cpu_thermal` or `zenpower`; it reads its
 *    `temp1_input` (the package or Tctl temperature);
 * 3. else, as a last resort, the first thermal zone of type `acpitz` (the
 *    ACPI zone, often close to the CPU on PCs).
 *
 * Set #KerviCpuTempDriver:zone to choose a thermal zone type or hwmon name
 * yourself.
 *
 * While nothing is found, every read searches again, so a zone that
 * appears late (a module loaded after start) is picked up; once found, the
 * choice is kept until its file disappears. Readings outside −40..125 °C
 * are refused with %KERVI_DRIVER_ERROR_PARSE.
 *
 * Polled; the reading is a cheap file read.
 */
struct _KerviCpuTempDriver
{
  KerviSensorDriver parent_instance;

  char *root;
  char *zone;
  char *found; /* the chosen temperature file, below root */
};

G_DEFINE_FINAL_TYPE (KerviCpuTempDriver, kervi_cpu_temp_driver, KERVI_TYPE_SENSOR_DRIVER)

enum
{
  PROP_0,
  PROP_ROOT,
  PROP_ZONE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

#define THERMAL_DIR "/sys/class/thermal"
#define HWMON_DIR "/sys/class/hwmon"
#define TEMP_MIN (-40.0)
#define TEMP_MAX 125.0

static const char *const cpu_zone_types[] = {
  "x86_pkg_temp", "cpu-thermal", "cpu_thermal", "soc_thermal",
  "soc-thermal",  "coretemp",    "k10temp",     NULL,
};

static const char *const cpu_hwmon_names[] = {
  "coretemp", "k10temp", "cpu_thermal", "zenpower", NULL,
};

typedef struct
{
  guint64 number;
  char *name;
} Entry;

static void
entry_clear (gpointer data)
{
  g_free (((Entry *)data)->name);
}

static int
entry_compare (gconstpointer a, gconstpointer b)
{
  const Entry *ea = a, *eb = b;

  return ea->number < eb->number ? -1 : ea->number > eb->number;
}

/* Lists the entries "<prefix><N>" of @dir below @root, sorted by N. A
 * missing folder gives an empty list. */
static GArray *
list_numbered (const char *root, const char *dir, const char *prefix)
{
  g_autofree char *full = _kervi_sysfs_path (root, dir);
  g_autoptr (GDir) d = g_dir_open (full, 0, NULL);
  GArray *entries = g_array_new (FALSE, FALSE, sizeof (Entry));
  const char *name;

  g_array_set_clear_func (entries, entry_clear);
  if (d == NULL)
    return entries;

  while ((name = g_dir_read_name (d)) != NULL)
    {
      Entry entry;

      if (!g_str_has_prefix (name, prefix)
          || !g_ascii_string_to_unsigned (name + strlen (prefix), 10, 0, G_MAXUINT64, &entry.number,
                                          NULL))
        continue;
      entry.name = g_strdup (name);
      g_array_append_val (entries, entry);
    }
  g_array_sort (entries, entry_compare);
  return entries;
}

/* Reads a one-line name file such as a thermal zone's "type". */
static char *
read_label (const char *root, const char *path)
{
  char *contents = _kervi_sysfs_read (root, path, NULL);

  return contents != NULL ? g_strstrip (contents) : NULL;
}

static gboolean
file_exists (const char *root, const char *path)
{
  g_autofree char *full = _kervi_sysfs_path (root, path);

  return g_file_test (full, G_FILE_TEST_EXISTS);
}

static gboolean
zone_type_is_cpu (const char *type)
{
  return g_strv_contains (cpu_zone_types, type)
         || (g_str_has_prefix (type, "cpu") && strstr (type, "thermal") != NULL);
}

/* Returns the "temp" file of the first thermal zone whose type @matches
 * (@type_wanted, or a CPU type when that is NULL), or NULL. */
static char *
find_thermal_zone (const char *root, const char *type_wanted)
{
  g_autoptr (GArray) zones = list_numbered (root, THERMAL_DIR, "thermal_zone");

  for (guint i = 0; i < zones->len; i++)
    {
      const char *name = g_array_index (zones, Entry, i).name;
      g_autofree char *type_path = g_build_filename (THERMAL_DIR, name, "type", NULL);
      g_autofree char *temp_path = g_build_filename (THERMAL_DIR, name, "temp", NULL);
      g_autofree char *type = read_label (root, type_path);

      if (type == NULL)
        continue;
      if (type_wanted != NULL ? g_str_equal (type, type_wanted) : zone_type_is_cpu (type))
        if (file_exists (root, temp_path))
          return g_steal_pointer (&temp_path);
    }
  return NULL;
}

/* Returns the "temp1_input" file of the first hwmon device whose name is
 * @name_wanted (or a CPU chip when that is NULL), or NULL. */
static char *
find_hwmon (const char *root, const char *name_wanted)
{
  g_autoptr (GArray) chips = list_numbered (root, HWMON_DIR, "hwmon");

  for (guint i = 0; i < chips->len; i++)
    {
      const char *dir = g_array_index (chips, Entry, i).name;
      g_autofree char *name_path = g_build_filename (HWMON_DIR, dir, "name", NULL);
      g_autofree char *temp_path = g_build_filename (HWMON_DIR, dir, "temp1_input", NULL);
      g_autofree char *name = read_label (root, name_path);

      if (name == NULL)
        continue;
      if (name_wanted != NULL ? g_str_equal (name, name_wanted)
                              : g_strv_contains (cpu_hwmon_names, name))
        if (file_exists (root, temp_path))
          return g_steal_pointer (&temp_path);
    }
  return NULL;
}

static char *
find_sensor (KerviCpuTempDriver *self, GError **error)
{
  g_autofree char *thermal = _kervi_sysfs_path (self->root, THERMAL_DIR);
  g_autofree char *hwmon = _kervi_sysfs_path (self->root, HWMON_DIR);
  char *found;

  if (self->zone != NULL)
    {
      found = find_thermal_zone (self->root, self->zone);
      if (found == NULL)
        found = find_hwmon (self->root, self->zone);
      if (found == NULL)
        g_set_error (error, KERVI_DRIVER_ERROR, KERVI_DRIVER_ERROR_NOT_FOUND,
                     "no thermal zone of type '%s' with a temp file in %s/thermal_zone*, "
                     "and no hwmon device named '%s' with a temp1_input file in %s/hwmon*",
                     self->zone, thermal, self->zone, hwmon);
      return found;
    }

  found = find_thermal_zone (self->root, NULL);
  if (found == NULL)
    found = find_hwmon (self->root, NULL);
  if (found == NULL)
    found = find_thermal_zone (self->root, "acpitz");
  if (found == NULL)
    {
      g_autofree char *types = g_strjoinv (", ", (char **)cpu_zone_types);
      g_autofree char *names = g_strjoinv (", ", (char **)cpu_hwmon_names);

      g_set_error (error, KERVI_DRIVER_ERROR, KERVI_DRIVER_ERROR_NOT_FOUND,
                   "no CPU temperature sensor: no thermal zone of type %s, cpu*thermal* or "
                   "acpitz in %s/thermal_zone*/type, and no hwmon device named %s in "
                   "%s/hwmon*/name",
                   types, thermal, names, hwmon);
    }
  return found;
}

static GVariant *
kervi_cpu_temp_driver_read (KerviSensorDriver *driver, GError **error)
{
  KerviCpuTempDriver *self = KERVI_CPU_TEMP_DRIVER (driver);
  g_autoptr (GError) local_error = NULL;
  gint64 millidegrees;
  double degrees;

  if (self->found == NULL)
    {
      self->found = find_sensor (self, error);
      if (self->found == NULL)
        return NULL;
      g_debug ("CPU temperature: reading %s", self->found);
    }

  if (!_kervi_sysfs_read_int64 (self->root, self->found, &millidegrees, &local_error))
    {
      /* The zone went away (driver unloaded): search again next time. */
      if (g_error_matches (local_error, KERVI_DRIVER_ERROR, KERVI_DRIVER_ERROR_NOT_FOUND))
        g_clear_pointer (&self->found, g_free);
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }

  degrees = (double)millidegrees / 1000.0;
  if (degrees < TEMP_MIN || degrees > TEMP_MAX)
    {
      g_autofree char *full = _kervi_sysfs_path (self->root, self->found);

      g_set_error (error, KERVI_DRIVER_ERROR, KERVI_DRIVER_ERROR_PARSE,
                   "%s: %" G_GINT64_FORMAT " m°C is outside %g..%g °C", full, millidegrees,
                   TEMP_MIN, TEMP_MAX);
      return NULL;
    }
  return g_variant_new_double (degrees);
}

static GObject *
kervi_cpu_temp_driver_constructor (GType type, guint n_params, GObjectConstructParam *params)
{
  GValue *zone = _kervi_driver_construct_param (params, n_params, "zone");
  const char *device_name = zone != NULL ? g_value_get_string (zone) : NULL;

  _kervi_driver_describe (params, n_params, KERVI_VALUE_KIND_NUMBER, "°C", TEMP_MIN, TEMP_MAX,
                          device_name != NULL ? device_name : "CPU temperature");
  return G_OBJECT_CLASS (kervi_cpu_temp_driver_parent_class)->constructor (type, n_params, params);
}

static void
kervi_cpu_temp_driver_finalize (GObject *object)
{
  KerviCpuTempDriver *self = KERVI_CPU_TEMP_DRIVER (object);

  g_free (self->root);
  g_free (self->zone);
  g_free (self->found);

  G_OBJECT_CLASS (kervi_cpu_temp_driver_parent_class)->finalize (object);
}

static void
kervi_cpu_temp_driver_get_property (GObject *object, guint prop_id, GValue *value,
                                    GParamSpec *pspec)
{
  KerviCpuTempDriver *self = KERVI_CPU_TEMP_DRIVER (object);

  switch (prop_id)
    {
      case PROP_ROOT:
        g_value_set_string (value, self->root);
        break;
      case PROP_ZONE:
        g_value_set_string (value, self->zone);
        break;
      default:
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kervi_cpu_temp_driver_set_property (GObject *object, guint prop_id, const GValue *value,
                                    GParamSpec *pspec)
{
  KerviCpuTempDriver *self = KERVI_CPU_TEMP_DRIVER (object);

  switch (prop_id)
    {
      case PROP_ROOT:
        g_free (self->root);
        self->root = g_value_dup_string (value);
        break;
      case PROP_ZONE:
        g_free (self->zone);
        self->zone = g_value_dup_string (value);
        break;
      default:
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kervi_cpu_temp_driver_class_init (KerviCpuTempDriverClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  KerviSensorDriverClass *driver_class = KERVI_SENSOR_DRIVER_CLASS (klass);

  object_class->constructor = kervi_cpu_temp_driver_constructor;
  object_class->finalize = kervi_cpu_temp_driver_finalize;
  object_class->get_property = kervi_cpu_temp_driver_get_property;
  object_class->set_property = kervi_cpu_temp_driver_set_property;

  driver_class->read = kervi_cpu_temp_driver_read;
  driver_class->read_in_thread = FALSE;

  /**
   * KerviCpuTempDriver:root:
   *
   * The folder `/sys` is read under, or %NULL for the real `/`. Tests
   * point it at a recorded tree.
   */
  properties[PROP_ROOT]
      = g_param_spec_string ("root", NULL, NULL, NULL,
                             G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  /**
   * KerviCpuTempDriver:zone:
   *
   * The `type` of the thermal zone, or else the `name` of the hwmon
   * device, to read instead of the automatic choice (for example
   * `cpu-thermal` or `k10temp`), or %NULL to choose automatically.
   */
  properties[PROP_ZONE]
      = g_param_spec_string ("zone", NULL, NULL, NULL,
                             G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
kervi_cpu_temp_driver_init (KerviCpuTempDriver *self)
{
}

/**
 * kervi_cpu_temp_driver_new:
 *
 * Creates a driver for the temperature of the CPU, choosing the sensor
 * automatically (see #KerviCpuTempDriver). Use g_object_new() with the
 * #KerviCpuTempDriver:zone property to choose it yourself.
 *
 * Returns: (transfer full): a new #KerviCpuTempDriver
 */
KerviCpuTempDriver *
kervi_cpu_temp_driver_new (void)
{
  return g_object_new (KERVI_TYPE_CPU_TEMP_DRIVER, NULL);
}
