/* kervi-i2c-dev-backend.c: I2C through the kernel's /dev/i2c-N
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <linux/i2c-dev.h>
#include <linux/i2c.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "kervi-devices-private.h"
#include "kervi-error.h"
#include "kervi-i2c-dev-backend.h"

/*
 * KerviI2cDevBackend:
 *
 * The backend that talks to the kernel's `/dev/i2c-N` character devices:
 * one combined I2C_RDWR transaction per transfer, or plain write() and
 * read() on adapters that only do SMBus-style transfers. The device file is
 * opened for each transfer, so transfers from several threads never share
 * a file's slave address. Private: applications get it from
 * kervi_i2c_backend_get_default().
 */

struct _KerviI2cDevBackend
{
  KerviI2cBackend parent_instance;
};

G_DEFINE_FINAL_TYPE (KerviI2cDevBackend, kervi_i2c_dev_backend, KERVI_TYPE_I2C_BACKEND)

static void
set_transfer_error (guint bus, guint address, int errsv, GError **error)
{
  switch (errsv)
    {
      case ENXIO:
      case EREMOTEIO:
        g_set_error (error, KERVI_DRIVER_ERROR, KERVI_DRIVER_ERROR_NOT_FOUND,
                     "i2c-%u 0x%02x: no answer (%s)", bus, address, g_strerror (errsv));
        break;
      case ETIMEDOUT:
        g_set_error (error, KERVI_DRIVER_ERROR, KERVI_DRIVER_ERROR_IO,
                     "i2c-%u 0x%02x: bus timeout (SDA or SCL held low?)", bus, address);
        break;
      case EBUSY:
        g_set_error (error, KERVI_DRIVER_ERROR, KERVI_DRIVER_ERROR_BUSY,
                     "i2c-%u 0x%02x: busy (a kernel driver owns the address?)", bus, address);
        break;
      default:
        g_set_error (error, KERVI_DRIVER_ERROR, _kervi_driver_error_from_errno (errsv),
                     "i2c-%u 0x%02x: transfer failed (%s)", bus, address, g_strerror (errsv));
    }
}

static gboolean
transfer_plain (int fd, guint bus, guint address, const guint8 *write_buf, gsize n_write,
                guint8 *read_buf, gsize n_read, GError **error)
{
  ssize_t n;

  if (ioctl (fd, I2C_SLAVE, (unsigned long)address) < 0)
    {
      set_transfer_error (bus, address, errno, error);
      return FALSE;
    }
  if (n_write > 0)
    {
      do
        n = write (fd, write_buf, n_write);
      while (n < 0 && errno == EINTR);
      if (n < 0 || (gsize)n != n_write)
        {
          set_transfer_error (bus, address, n < 0 ? errno : EIO, error);
          return FALSE;
        }
    }
  if (n_read > 0)
    {
      do
        n = read (fd, read_buf, n_read);
      while (n < 0 && errno == EINTR);
      if (n < 0 || (gsize)n != n_read)
        {
          set_transfer_error (bus, address, n < 0 ? errno : EIO, error);
          return FALSE;
        }
    }
  return TRUE;
}

static gboolean
kervi_i2c_dev_backend_transfer (KerviI2cBackend *backend, guint bus, guint address,
                                const guint8 *write_buf, gsize n_write, guint8 *read_buf,
                                gsize n_read, GError **error)
{
  g_autofree char *path = g_strdup_printf ("/dev/i2c-%u", bus);
  struct i2c_msg msgs[2];
  struct i2c_rdwr_ioctl_data data = { msgs, 0 };
  gboolean ok;
  int fd;

  if (n_write > G_MAXUINT16 || n_read > G_MAXUINT16)
    {
      g_set_error (error, KERVI_DRIVER_ERROR, KERVI_DRIVER_ERROR_FAILED,
                   "i2c-%u 0x%02x: transfer too long", bus, address);
      return FALSE;
    }

  fd = open (path, O_RDWR | O_CLOEXEC);
  if (fd < 0)
    {
      int errsv = errno;

      if (errsv == ENOENT || errsv == ENODEV)
        g_set_error (error, KERVI_DRIVER_ERROR, KERVI_DRIVER_ERROR_NOT_FOUND,
                     "i2c-%u: no such bus (%s missing; is I2C enabled, e.g. "
                     "dtparam=i2c_arm=on?)",
                     bus, path);
      else if (errsv == EACCES || errsv == EPERM)
        g_set_error (error, KERVI_DRIVER_ERROR, KERVI_DRIVER_ERROR_PERMISSION,
                     "i2c-%u: permission denied on %s (is the user in the 'i2c' group?)", bus,
                     path);
      else
        g_set_error (error, KERVI_DRIVER_ERROR, _kervi_driver_error_from_errno (errsv),
                     "i2c-%u: cannot open %s (%s)", bus, path, g_strerror (errsv));
      return FALSE;
    }

  if (n_write > 0)
    {
      msgs[data.nmsgs].addr = address;
      msgs[data.nmsgs].flags = 0;
      msgs[data.nmsgs].len = n_write;
      msgs[data.nmsgs].buf = (guint8 *)write_buf;
      data.nmsgs++;
    }
  if (n_read > 0)
    {
      msgs[data.nmsgs].addr = address;
      msgs[data.nmsgs].flags = I2C_M_RD;
      msgs[data.nmsgs].len = n_read;
      msgs[data.nmsgs].buf = read_buf;
      data.nmsgs++;
    }

  if (ioctl (fd, I2C_RDWR, &data) >= 0)
    ok = TRUE;
  else if (errno == EOPNOTSUPP || errno == ENOTTY || errno == EINVAL)
    ok = transfer_plain (fd, bus, address, write_buf, n_write, read_buf, n_read, error);
  else
    {
      set_transfer_error (bus, address, errno, error);
      ok = FALSE;
    }
  close (fd);
  return ok;
}

static void
kervi_i2c_dev_backend_class_init (KerviI2cDevBackendClass *klass)
{
  KERVI_I2C_BACKEND_CLASS (klass)->transfer = kervi_i2c_dev_backend_transfer;
}

static void
kervi_i2c_dev_backend_init (KerviI2cDevBackend *self)
{
}

/*
 * kervi_i2c_dev_backend_new:
 *
 * Returns: (transfer full): a new `/dev/i2c-N` backend
 */
KerviI2cBackend *
kervi_i2c_dev_backend_new (void)
{
  return g_object_new (KERVI_TYPE_I2C_DEV_BACKEND, NULL);
}
