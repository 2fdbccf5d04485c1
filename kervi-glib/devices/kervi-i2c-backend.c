/* kervi-i2c-backend.c: the thin layer I2C drivers talk to
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "config.h"

#include "kervi-error.h"
#include "kervi-i2c-backend.h"
#include "kervi-i2c-dev-backend.h"

/**
 * KerviI2cBackend:
 *
 * The thin layer between I2C drivers (#KerviBme280, #KerviBh1750Driver)
 * and the bus.
 *
 * The default backend (kervi_i2c_backend_get_default()) talks to the
 * kernel's `/dev/i2c-N` devices; #KerviFakeI2cBackend answers from register
 * maps, such as a dump taken with `i2cdump` on a real board, for tests.
 *
 * Transfers block, so drivers call them from worker threads
 * (#KerviSensorDriverClass.read_in_thread); backends are thread-safe.
 * Errors are in the %KERVI_DRIVER_ERROR domain and name the bus and the
 * address: `i2c-1 0x76: no answer (Remote I/O error)`.
 */

G_DEFINE_ABSTRACT_TYPE (KerviI2cBackend, kervi_i2c_backend, G_TYPE_OBJECT)

static void
kervi_i2c_backend_class_init (KerviI2cBackendClass *klass)
{
}

static void
kervi_i2c_backend_init (KerviI2cBackend *self)
{
}

/**
 * kervi_i2c_backend_get_default:
 *
 * Gets the backend that talks to the kernel's `/dev/i2c-N` devices. It is
 * created on first use and lives as long as the process.
 *
 * Returns: (transfer none): the `/dev/i2c-N` backend
 */
KerviI2cBackend *
kervi_i2c_backend_get_default (void)
{
  static gsize backend = 0;

  if (g_once_init_enter (&backend))
    g_once_init_leave (&backend, (gsize)kervi_i2c_dev_backend_new ());
  return (KerviI2cBackend *)backend;
}

/**
 * kervi_i2c_backend_transfer:
 * @self: a #KerviI2cBackend
 * @bus: the bus number, N in `/dev/i2c-N`
 * @address: the 7-bit device address
 * @write: (array length=n_write) (nullable): the bytes to write
 * @n_write: how many bytes to write
 * @read: (out caller-allocates) (array length=n_read) (nullable): where to
 *   store the bytes read
 * @n_read: how many bytes to read
 * @error: return location for a #GError
 *
 * Writes, then reads, in one combined transaction (a repeated start in
 * between). Blocks: call it from a worker thread.
 *
 * Returns: %TRUE on success; on failure @error is set:
 *   %KERVI_DRIVER_ERROR_NOT_FOUND for a missing bus or a device that does
 *   not answer, %KERVI_DRIVER_ERROR_PERMISSION, or %KERVI_DRIVER_ERROR_IO
 */
gboolean
kervi_i2c_backend_transfer (KerviI2cBackend *self, guint bus, guint address, const guint8 *write,
                            gsize n_write, guint8 *read, gsize n_read, GError **error)
{
  g_return_val_if_fail (KERVI_IS_I2C_BACKEND (self), FALSE);
  g_return_val_if_fail (address <= 0x7f, FALSE);
  g_return_val_if_fail (write != NULL || n_write == 0, FALSE);
  g_return_val_if_fail (read != NULL || n_read == 0, FALSE);
  g_return_val_if_fail (n_write + n_read > 0, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return KERVI_I2C_BACKEND_GET_CLASS (self)->transfer (self, bus, address, write, n_write, read,
                                                       n_read, error);
}

/**
 * kervi_i2c_backend_read_registers:
 * @self: a #KerviI2cBackend
 * @bus: the bus number
 * @address: the 7-bit device address
 * @reg: the first register
 * @buffer: (out caller-allocates) (array length=n_bytes): where to store
 *   the register values
 * @n_bytes: how many registers to read
 * @error: return location for a #GError
 *
 * Reads consecutive registers of a device with auto-incrementing register
 * addresses (most sensors).
 *
 * Returns: %TRUE on success
 */
gboolean
kervi_i2c_backend_read_registers (KerviI2cBackend *self, guint bus, guint address, guint8 reg,
                                  guint8 *buffer, gsize n_bytes, GError **error)
{
  return kervi_i2c_backend_transfer (self, bus, address, &reg, 1, buffer, n_bytes, error);
}

/**
 * kervi_i2c_backend_write_register:
 * @self: a #KerviI2cBackend
 * @bus: the bus number
 * @address: the 7-bit device address
 * @reg: the register
 * @value: the value to write
 * @error: return location for a #GError
 *
 * Writes one register.
 *
 * Returns: %TRUE on success
 */
gboolean
kervi_i2c_backend_write_register (KerviI2cBackend *self, guint bus, guint address, guint8 reg,
                                  guint8 value, GError **error)
{
  guint8 bytes[2] = { reg, value };

  return kervi_i2c_backend_transfer (self, bus, address, bytes, 2, NULL, 0, error);
}
