/* kervi-disk-driver.c: file system use in percent, via statvfs()
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "config.h"

#include <errno.h>
#include <sys/statvfs.h>

#include "kervi-disk-driver.h"
#include "kervi-sysfs.h"
#include "kervi-driver-private.h"
#include "kervi-error.h"

/**
 * KerviDiskDriver:
 *
 * A driver giving the share of a file system in use, in percent (0 to 100).
 *
 * It asks statvfs() about the file system holding #KerviDiskDriver:path
 * and computes the use as df(1) does in its "Use%" column, without df's
 * rounding up:
 *
 *     used = blocks − free blocks
 *     use  = 100 × used / (used + blocks available to unprivileged users)
 *
 * Blocks reserved for root are thus left out, and a file system full for
 * ordinary users reads 100 %.
 *
 * Polled, in a worker thread: statvfs() is quick on a local file system
 * but can hang on an unreachable network mount.
 */
struct _KerviDiskDriver
{
  KerviSensorDriver parent_instance;

  char *path;
};

G_DEFINE_FINAL_TYPE (KerviDiskDriver, kervi_disk_driver, KERVI_TYPE_SENSOR_DRIVER)

enum
{
  PROP_0,
  PROP_PATH,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static GVariant *
kervi_disk_driver_read (KerviSensorDriver *driver, GError **error)
{
  KerviDiskDriver *self = KERVI_DISK_DRIVER (driver);
  struct statvfs st;
  guint64 used;

  if (statvfs (self->path, &st) < 0)
    {
      int errsv = errno;

      g_set_error (error, KERVI_DRIVER_ERROR, _kervi_driver_error_from_errno (errsv), "%s: %s",
                   self->path, g_strerror (errsv));
      return NULL;
    }

  if (st.f_bfree > st.f_blocks)
    {
      g_set_error (error, KERVI_DRIVER_ERROR, KERVI_DRIVER_ERROR_PARSE,
                   "%s: statvfs() reports more free blocks than blocks (%" G_GUINT64_FORMAT
                   " blocks, %" G_GUINT64_FORMAT " free)",
                   self->path, (guint64)st.f_blocks, (guint64)st.f_bfree);
      return NULL;
    }
  used = (guint64)st.f_blocks - (guint64)st.f_bfree;
  if (used + (guint64)st.f_bavail == 0)
    {
      /* /proc, sysfs and the like: df shows "-" for them. */
      g_set_error (error, KERVI_DRIVER_ERROR, KERVI_DRIVER_ERROR_NO_READING,
                   "%s: the file system has no size", self->path);
      return NULL;
    }

  return g_variant_new_double (100.0 * (double)used / (double)(used + (guint64)st.f_bavail));
}

static GObject *
kervi_disk_driver_constructor (GType type, guint n_params, GObjectConstructParam *params)
{
  GValue *path = _kervi_driver_construct_param (params, n_params, "path");

  if (path != NULL && g_value_get_string (path) == NULL)
    g_value_set_string (path, "/");
  _kervi_driver_describe (params, n_params, KERVI_VALUE_KIND_NUMBER, "%", 0, 100,
                          path != NULL ? g_value_get_string (path) : "/");
  return G_OBJECT_CLASS (kervi_disk_driver_parent_class)->constructor (type, n_params, params);
}

static void
kervi_disk_driver_finalize (GObject *object)
{
  KerviDiskDriver *self = KERVI_DISK_DRIVER (object);

  g_free (self->path);

  G_OBJECT_CLASS (kervi_disk_driver_parent_class)->finalize (object);
}

static void
kervi_disk_driver_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  KerviDiskDriver *self = KERVI_DISK_DRIVER (object);

  switch (prop_id)
    {
      case PROP_PATH:
        g_value_set_string (value, self->path);
        break;
      default:
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kervi_disk_driver_set_property (GObject *object, guint prop_id, const GValue *value,
                                GParamSpec *pspec)
{
  KerviDiskDriver *self = KERVI_DISK_DRIVER (object);

  switch (prop_id)
    {
      case PROP_PATH:
        g_free (self->path);
        self->path = g_value_dup_string (value);
        break;
      default:
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kervi_disk_driver_class_init (KerviDiskDriverClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  KerviSensorDriverClass *driver_class = KERVI_SENSOR_DRIVER_CLASS (klass);

  object_class->constructor = kervi_disk_driver_constructor;
  object_class->finalize = kervi_disk_driver_finalize;
  object_class->get_property = kervi_disk_driver_get_property;
  object_class->set_property = kervi_disk_driver_set_property;

  driver_class->read = kervi_disk_driver_read;
  driver_class->read_in_thread = TRUE;

  /**
   * KerviDiskDriver:path:
   *
   * A file or folder on the file system to watch, "/" by default. It need
   * not exist when the driver is made; reads fail with
   * %KERVI_DRIVER_ERROR_NOT_FOUND while it does not.
   */
  properties[PROP_PATH] = g_param_spec_string (
      "path", NULL, NULL, "/", G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
kervi_disk_driver_init (KerviDiskDriver *self)
{
}

/**
 * kervi_disk_driver_new:
 * @path: (type filename): a file or folder on the file system to watch
 *
 * Creates a driver for the share of the file system holding @path in use,
 * in percent.
 *
 * Returns: (transfer full): a new #KerviDiskDriver
 */
KerviDiskDriver *
kervi_disk_driver_new (const char *path)
{
  g_return_val_if_fail (path != NULL, NULL);

  return g_object_new (KERVI_TYPE_DISK_DRIVER, "path", path, NULL);
}
