/* kervi-cpu-load-driver.c: CPU load in percent from /proc/stat
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "config.h"

#include "kervi-cpu-load-driver.h"
#include "kervi-driver-private.h"
#include "kervi-error.h"
#include "kervi-sysfs.h"

/**
 * KerviCpuLoadDriver:
 *
 * A driver giving the load of all CPUs together, in percent (0 to 100).
 *
 * It reads the `cpu ` line of `/proc/stat`, the time all CPUs spent in each
 * state since boot, in jiffies. Total time is the sum of the user, nice,
 * system, idle, iowait, irq, softirq and steal columns (guest time is
 * already counted in user and nice); busy time is the total minus idle and
 * iowait. A reading is the busy share of the time that passed since the
 * previous reading:
 *
 *     load = 100 × (busy − previous busy) / (total − previous total)
 *
 * The first reading has no previous sample and is the average load since
 * boot. When no time has passed since the previous reading, the previous
 * load is given again. iowait may decrease (see proc(5)); busy time that
 * grows faster than the total counts as 100 %. When the total went
 * backwards (it should not), the read fails with %KERVI_DRIVER_ERROR_PARSE
 * and the next one measures from there.
 *
 * Polled; the reading is a cheap file read.
 */
struct _KerviCpuLoadDriver
{
  KerviSensorDriver parent_instance;

  char *root;
  gboolean have_sample;
  guint64 busy;
  guint64 total;
  double load;
};

G_DEFINE_FINAL_TYPE (KerviCpuLoadDriver, kervi_cpu_load_driver, KERVI_TYPE_SENSOR_DRIVER)

enum
{
  PROP_0,
  PROP_ROOT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

#define PROC_STAT "/proc/stat"

/* Parses the "cpu " line of /proc/stat into busy and total jiffies. */
static gboolean
parse_proc_stat (const char *root, guint64 *out_busy, guint64 *out_total, GError **error)
{
  g_autofree char *contents = NULL;
  g_autofree char *full = _kervi_sysfs_path (root, PROC_STAT);
  g_auto (GStrv) fields = NULL;
  const char *line;
  const char *end;
  guint64 values[8] = { 0 };
  guint n_values = 0;
  guint64 total = 0;

  contents = _kervi_sysfs_read (root, PROC_STAT, error);
  if (contents == NULL)
    return FALSE;

  if (g_str_has_prefix (contents, "cpu "))
    line = contents;
  else if ((line = strstr (contents, "\ncpu ")) != NULL)
    line++;
  else
    {
      g_set_error (error, KERVI_DRIVER_ERROR, KERVI_DRIVER_ERROR_PARSE, "%s: no 'cpu ' line", full);
      return FALSE;
    }
  end = strchr (line, '\n');
  if (end == NULL)
    end = line + strlen (line);

  {
    g_autofree char *copy = g_strndup (line + 4, end - (line + 4));
    fields = g_strsplit_set (copy, " \t", -1);
  }

  /* user nice system idle iowait irq softirq steal [guest guest_nice] */
  for (guint i = 0; fields[i] != NULL && n_values < G_N_ELEMENTS (values); i++)
    {
      if (fields[i][0] == '\0')
        continue;
      if (!g_ascii_string_to_unsigned (fields[i], 10, 0, G_MAXUINT64, &values[n_values], NULL))
        {
          g_set_error (error, KERVI_DRIVER_ERROR, KERVI_DRIVER_ERROR_PARSE,
                       "%s: 'cpu ' line: expected an integer, got '%.32s'", full, fields[i]);
          return FALSE;
        }
      n_values++;
    }
  if (n_values < 4)
    {
      g_set_error (error, KERVI_DRIVER_ERROR, KERVI_DRIVER_ERROR_PARSE,
                   "%s: 'cpu ' line has %u columns, expected at least 4", full, n_values);
      return FALSE;
    }

  for (guint i = 0; i < n_values; i++)
    {
      if (total > G_MAXUINT64 - values[i])
        {
          g_set_error (error, KERVI_DRIVER_ERROR, KERVI_DRIVER_ERROR_PARSE,
                       "%s: 'cpu ' line: counters overflow", full);
          return FALSE;
        }
      total += values[i];
    }
  /* idle is column 3, iowait column 4 (absent before Linux 2.5.41) */
  *out_busy = total - values[3] - values[4];
  *out_total = total;
  return TRUE;
}

static GVariant *
kervi_cpu_load_driver_read (KerviSensorDriver *driver, GError **error)
{
  KerviCpuLoadDriver *self = KERVI_CPU_LOAD_DRIVER (driver);
  guint64 busy, total;
  double load;

  if (!parse_proc_stat (self->root, &busy, &total, error))
    return NULL;

  if (!self->have_sample)
    {
      if (total == 0)
        {
          g_autofree char *full = _kervi_sysfs_path (self->root, PROC_STAT);
          g_set_error (error, KERVI_DRIVER_ERROR, KERVI_DRIVER_ERROR_PARSE,
                       "%s: 'cpu ' line counts no time at all", full);
          return NULL;
        }
      load = 100.0 * (double)busy / (double)total;
    }
  else if (total == self->total)
    {
      /* No jiffy passed: the load of the last interval still holds. */
      return g_variant_new_double (self->load);
    }
  else if (total < self->total)
    {
      g_autofree char *full = _kervi_sysfs_path (self->root, PROC_STAT);

      g_set_error (error, KERVI_DRIVER_ERROR, KERVI_DRIVER_ERROR_PARSE,
                   "%s: 'cpu ' counters went backwards since the previous read "
                   "(total %" G_GUINT64_FORMAT " jiffies, before %" G_GUINT64_FORMAT ")",
                   full, total, self->total);
      self->busy = busy;
      self->total = total;
      return NULL;
    }
  else
    {
      guint64 total_delta = total - self->total;
      guint64 busy_delta = busy > self->busy ? busy - self->busy : 0;

      /* iowait may decrease (see proc(5)), which makes busy time grow
       * faster than the total; the CPUs were busy all the time then. */
      busy_delta = MIN (busy_delta, total_delta);
      load = 100.0 * (double)busy_delta / (double)total_delta;
    }

  self->have_sample = TRUE;
  self->busy = busy;
  self->total = total;
  self->load = load;
  return g_variant_new_double (load);
}

static GObject *
kervi_cpu_load_driver_constructor (GType type, guint n_params, GObjectConstructParam *params)
{
  _kervi_driver_describe (params, n_params, KERVI_VALUE_KIND_NUMBER, "%", 0, 100, PROC_STAT);
  return G_OBJECT_CLASS (kervi_cpu_load_driver_parent_class)->constructor (type, n_params, params);
}

static void
kervi_cpu_load_driver_finalize (GObject *object)
{
  KerviCpuLoadDriver *self = KERVI_CPU_LOAD_DRIVER (object);

  g_free (self->root);

  G_OBJECT_CLASS (kervi_cpu_load_driver_parent_class)->finalize (object);
}

static void
kervi_cpu_load_driver_get_property (GObject *object, guint prop_id, GValue *value,
                                    GParamSpec *pspec)
{
  KerviCpuLoadDriver *self = KERVI_CPU_LOAD_DRIVER (object);

  switch (prop_id)
    {
      case PROP_ROOT:
        g_value_set_string (value, self->root);
        break;
      default:
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kervi_cpu_load_driver_set_property (GObject *object, guint prop_id, const GValue *value,
                                    GParamSpec *pspec)
{
  KerviCpuLoadDriver *self = KERVI_CPU_LOAD_DRIVER (object);

  switch (prop_id)
    {
      case PROP_ROOT:
        g_free (self->root);
        self->root = g_value_dup_string (value);
        break;
      default:
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kervi_cpu_load_driver_class_init (KerviCpuLoadDriverClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  KerviSensorDriverClass *driver_class = KERVI_SENSOR_DRIVER_CLASS (klass);

  object_class->constructor = kervi_cpu_load_driver_constructor;
  object_class->finalize = kervi_cpu_load_driver_finalize;
  object_class->get_property = kervi_cpu_load_driver_get_property;
  object_class->set_property = kervi_cpu_load_driver_set_property;

  driver_class->read = kervi_cpu_load_driver_read;
  driver_class->read_in_thread = FALSE;

  /**
   * KerviCpuLoadDriver:root:
   *
   * The folder `/proc/stat` is read under, or %NULL for the real `/`.
   * Tests point it at a recorded tree.
   */
  properties[PROP_ROOT]
      = g_param_spec_string ("root", NULL, NULL, NULL,
                             G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
kervi_cpu_load_driver_init (KerviCpuLoadDriver *self)
{
}

/**
 * kervi_cpu_load_driver_new:
 *
 * Creates a driver for the load of all CPUs of the system, in percent.
 *
 * Returns: (transfer full): a new #KerviCpuLoadDriver
 */
KerviCpuLoadDriver *
kervi_cpu_load_driver_new (void)
{
  return g_object_new (KERVI_TYPE_CPU_LOAD_DRIVER, NULL);
}
