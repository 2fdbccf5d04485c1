/* kervi-memory-driver.c: memory use in percent from /proc/meminfo
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "config.h"

#include "kervi-driver-private.h"
#include "kervi-error.h"
#include "kervi-memory-driver.h"
#include "kervi-sysfs.h"

/**
 * KerviMemoryDriver:
 *
 * A driver giving the share of memory in use, in percent (0 to 100).
 *
 * It reads `MemTotal` and `MemAvailable` from `/proc/meminfo`:
 *
 *     used = 100 × (MemTotal − MemAvailable) / MemTotal
 *
 * `MemAvailable` is the kernel's estimate of the memory that can be given
 * to programs without swapping, page cache included, as free(1) shows in
 * its "available" column. Kernels older than 3.14 lack it; the driver
 * fails with %KERVI_DRIVER_ERROR_PARSE there rather than guess.
 *
 * Polled; the reading is a cheap file read.
 */
struct _KerviMemoryDriver
{
  KerviSensorDriver parent_instance;

  char *root;
};

G_DEFINE_FINAL_TYPE (KerviMemoryDriver, kervi_memory_driver, KERVI_TYPE_SENSOR_DRIVER)

enum
{
  PROP_0,
  PROP_ROOT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

#define PROC_MEMINFO "/proc/meminfo"

/* Finds "@key: <number> kB" in the lines of /proc/meminfo. */
static gboolean
find_field (const char *contents, const char *full, const char *key, guint64 *out_value,
            GError **error)
{
  size_t key_len = strlen (key);
  const char *line = contents;

  while (line != NULL && *line != '\0')
    {
      if (strncmp (line, key, key_len) == 0 && line[key_len] == ':')
        {
          const char *end = strchr (line, '\n');
          g_autofree char *rest
              = g_strndup (line + key_len + 1, end != NULL ? (gsize)(end - line) - key_len - 1
                                                           : strlen (line + key_len + 1));
          g_auto (GStrv) words = g_strsplit_set (g_strstrip (rest), " \t", -1);

          if (words[0] == NULL || words[0][0] == '\0'
              || !g_ascii_string_to_unsigned (words[0], 10, 0, G_MAXUINT64 / 1024, out_value, NULL))
            {
              g_set_error (error, KERVI_DRIVER_ERROR, KERVI_DRIVER_ERROR_PARSE,
                           "%s: %s: expected an integer, got '%.32s'", full, key,
                           words[0] != NULL ? words[0] : "");
              return FALSE;
            }
          return TRUE;
        }
      line = strchr (line, '\n');
      if (line != NULL)
        line++;
    }

  g_set_error (error, KERVI_DRIVER_ERROR, KERVI_DRIVER_ERROR_PARSE, "%s: no '%s' line", full, key);
  return FALSE;
}

static GVariant *
kervi_memory_driver_read (KerviSensorDriver *driver, GError **error)
{
  KerviMemoryDriver *self = KERVI_MEMORY_DRIVER (driver);
  g_autofree char *contents = NULL;
  g_autofree char *full = _kervi_sysfs_path (self->root, PROC_MEMINFO);
  guint64 total, available;

  contents = _kervi_sysfs_read (self->root, PROC_MEMINFO, error);
  if (contents == NULL)
    return NULL;
  if (!find_field (contents, full, "MemTotal", &total, error)
      || !find_field (contents, full, "MemAvailable", &available, error))
    return NULL;

  if (total == 0)
    {
      g_set_error (error, KERVI_DRIVER_ERROR, KERVI_DRIVER_ERROR_PARSE, "%s: MemTotal is 0", full);
      return NULL;
    }
  if (available > total)
    {
      g_set_error (error, KERVI_DRIVER_ERROR, KERVI_DRIVER_ERROR_PARSE,
                   "%s: MemAvailable (%" G_GUINT64_FORMAT
                   " kB) is larger than MemTotal (%" G_GUINT64_FORMAT " kB)",
                   full, available, total);
      return NULL;
    }

  return g_variant_new_double (100.0 * (double)(total - available) / (double)total);
}

static GObject *
kervi_memory_driver_constructor (GType type, guint n_params, GObjectConstructParam *params)
{
  _kervi_driver_describe (params, n_params, KERVI_VALUE_KIND_NUMBER, "%", 0, 100, PROC_MEMINFO);
  return G_OBJECT_CLASS (kervi_memory_driver_parent_class)->constructor (type, n_params, params);
}

static void
kervi_memory_driver_finalize (GObject *object)
{
  KerviMemoryDriver *self = KERVI_MEMORY_DRIVER (object);

  g_free (self->root);

  G_OBJECT_CLASS (kervi_memory_driver_parent_class)->finalize (object);
}

static void
kervi_memory_driver_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  KerviMemoryDriver *self = KERVI_MEMORY_DRIVER (object);

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
kervi_memory_driver_set_property (GObject *object, guint prop_id, const GValue *value,
                                  GParamSpec *pspec)
{
  KerviMemoryDriver *self = KERVI_MEMORY_DRIVER (object);

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
kervi_memory_driver_class_init (KerviMemoryDriverClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  KerviSensorDriverClass *driver_class = KERVI_SENSOR_DRIVER_CLASS (klass);

  object_class->constructor = kervi_memory_driver_constructor;
  object_class->finalize = kervi_memory_driver_finalize;
  object_class->get_property = kervi_memory_driver_get_property;
  object_class->set_property = kervi_memory_driver_set_property;

  driver_class->read = kervi_memory_driver_read;
  driver_class->read_in_thread = FALSE;

  /**
   * KerviMemoryDriver:root:
   *
   * The folder `/proc/meminfo` is read under, or %NULL for the real `/`.
   * Tests point it at a recorded tree.
   */
  properties[PROP_ROOT]
      = g_param_spec_string ("root", NULL, NULL, NULL,
                             G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
kervi_memory_driver_init (KerviMemoryDriver *self)
{
}

/**
 * kervi_memory_driver_new:
 *
 * Creates a driver for the share of the system's memory in use, in percent.
 *
 * Returns: (transfer full): a new #KerviMemoryDriver
 */
KerviMemoryDriver *
kervi_memory_driver_new (void)
{
  return g_object_new (KERVI_TYPE_MEMORY_DRIVER, NULL);
}
