/* kervi-fake-i2c-backend.c: simulated I2C devices for tests
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "config.h"

#include <errno.h>

#include "kervi-error.h"
#include "kervi-fake-i2c-backend.h"

/**
 * KerviFakeI2cBackend:
 *
 * A #KerviI2cBackend whose devices are register maps, for tests.
 *
 * Each device has 256 byte-wide registers and a register pointer, as most
 * sensors do: the first byte of a write sets the pointer, the following
 * bytes are stored from there on, and reads return registers from the
 * pointer on, incrementing it. Command-style chips such as the BH1750 fit
 * the same model: the command byte selects where the following reads
 * start.
 *
 * A device's registers can be loaded from the output of
 * `i2cdump -y <bus> <address>` taken on a real board, see
 * kervi_fake_i2c_backend_add_device_from_dump(). Transfers to a bus that
 * was never added fail as a missing `/dev/i2c-N` does; transfers to an
 * address with no device fail as an unanswered address does
 * (`no answer (Remote I/O error)`).
 *
 * The backend is thread-safe.
 */

typedef struct
{
  guint8 registers[256];
  guint8 pointer;
  guint transfers;
} FakeDevice;

struct _KerviFakeI2cBackend
{
  KerviI2cBackend parent_instance;

  GMutex lock;
  GHashTable *buses;   /* bus → bus (a set) */
  GHashTable *devices; /* bus << 8 | address → FakeDevice */
};

G_DEFINE_FINAL_TYPE (KerviFakeI2cBackend, kervi_fake_i2c_backend, KERVI_TYPE_I2C_BACKEND)

#define DEVICE_KEY(bus, address) GUINT_TO_POINTER (((bus) << 8) | ((address)&0xff))

static gboolean
kervi_fake_i2c_backend_transfer (KerviI2cBackend *backend, guint bus, guint address,
                                 const guint8 *write, gsize n_write, guint8 *read, gsize n_read,
                                 GError **error)
{
  KerviFakeI2cBackend *self = KERVI_FAKE_I2C_BACKEND (backend);
  g_autoptr (GMutexLocker) locker = g_mutex_locker_new (&self->lock);
  FakeDevice *device;

  if (!g_hash_table_contains (self->buses, GUINT_TO_POINTER (bus)))
    {
      g_set_error (error, KERVI_DRIVER_ERROR, KERVI_DRIVER_ERROR_NOT_FOUND,
                   "i2c-%u: no such bus (/dev/i2c-%u missing; is I2C enabled, e.g. "
                   "dtparam=i2c_arm=on?)",
                   bus, bus);
      return FALSE;
    }
  device = g_hash_table_lookup (self->devices, DEVICE_KEY (bus, address));
  if (device == NULL)
    {
      g_set_error (error, KERVI_DRIVER_ERROR, KERVI_DRIVER_ERROR_NOT_FOUND,
                   "i2c-%u 0x%02x: no answer (%s)", bus, address, g_strerror (EREMOTEIO));
      return FALSE;
    }

  device->transfers++;
  if (n_write > 0)
    {
      device->pointer = write[0];
      for (gsize i = 1; i < n_write; i++)
        device->registers[device->pointer++] = write[i];
    }
  for (gsize i = 0; i < n_read; i++)
    read[i] = device->registers[device->pointer++];
  return TRUE;
}

static void
kervi_fake_i2c_backend_finalize (GObject *object)
{
  KerviFakeI2cBackend *self = KERVI_FAKE_I2C_BACKEND (object);

  g_hash_table_unref (self->devices);
  g_hash_table_unref (self->buses);
  g_mutex_clear (&self->lock);

  G_OBJECT_CLASS (kervi_fake_i2c_backend_parent_class)->finalize (object);
}

static void
kervi_fake_i2c_backend_class_init (KerviFakeI2cBackendClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = kervi_fake_i2c_backend_finalize;
  KERVI_I2C_BACKEND_CLASS (klass)->transfer = kervi_fake_i2c_backend_transfer;
}

static void
kervi_fake_i2c_backend_init (KerviFakeI2cBackend *self)
{
  g_mutex_init (&self->lock);
  self->buses = g_hash_table_new (NULL, NULL);
  self->devices = g_hash_table_new_full (NULL, NULL, NULL, g_free);
}

/**
 * kervi_fake_i2c_backend_new:
 *
 * Creates a backend with no buses.
 *
 * Returns: (transfer full): a new #KerviFakeI2cBackend
 */
KerviFakeI2cBackend *
kervi_fake_i2c_backend_new (void)
{
  return g_object_new (KERVI_TYPE_FAKE_I2C_BACKEND, NULL);
}

/**
 * kervi_fake_i2c_backend_add_bus:
 * @self: a #KerviFakeI2cBackend
 * @bus: the bus number
 *
 * Adds an empty bus: transfers to it fail as unanswered until devices are
 * added.
 */
void
kervi_fake_i2c_backend_add_bus (KerviFakeI2cBackend *self, guint bus)
{
  g_return_if_fail (KERVI_IS_FAKE_I2C_BACKEND (self));

  g_mutex_lock (&self->lock);
  g_hash_table_add (self->buses, GUINT_TO_POINTER (bus));
  g_mutex_unlock (&self->lock);
}

/**
 * kervi_fake_i2c_backend_add_device:
 * @self: a #KerviFakeI2cBackend
 * @bus: the bus number; the bus is added if needed
 * @address: the 7-bit address
 * @registers: (nullable): up to 256 initial register values, from
 *   register 0 on; the others are 0
 *
 * Adds a device, replacing one at the same address.
 */
void
kervi_fake_i2c_backend_add_device (KerviFakeI2cBackend *self, guint bus, guint address,
                                   GBytes *registers)
{
  FakeDevice *device;

  g_return_if_fail (KERVI_IS_FAKE_I2C_BACKEND (self));
  g_return_if_fail (address <= 0x7f);

  device = g_new0 (FakeDevice, 1);
  if (registers != NULL)
    {
      gsize size;
      const guint8 *data = g_bytes_get_data (registers, &size);

      memcpy (device->registers, data, MIN (size, sizeof device->registers));
    }

  g_mutex_lock (&self->lock);
  g_hash_table_add (self->buses, GUINT_TO_POINTER (bus));
  g_hash_table_replace (self->devices, DEVICE_KEY (bus, address), device);
  g_mutex_unlock (&self->lock);
}

/* Parses the output of i2cdump:
 *
 *      0  1  2  3  4  5  6  7  8  9  a  b  c  d  e  f    0123456789abcdef
 * 00: 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00    ................
 *
 * Unreadable bytes ("XX") read as 0xff, as a floating bus would. */
static GBytes *
parse_dump (const char *path, const char *contents, GError **error)
{
  g_auto (GStrv) lines = g_strsplit (contents, "\n", -1);
  guint8 registers[256] = { 0 };
  guint n_rows = 0;

  for (guint i = 0; lines[i] != NULL; i++)
    {
      const char *line = lines[i];
      g_auto (GStrv) fields = NULL;
      guint64 row;
      char *end;

      while (g_ascii_isspace (*line))
        line++;
      if (*line == '\0' || *line == '#' || !g_ascii_isxdigit (line[0]) || strchr (line, ':') == NULL
          || !g_ascii_isxdigit (line[1]) || line[2] != ':')
        continue; /* header, comment or blank */

      row = g_ascii_strtoull (line, &end, 16);
      if (end != line + 2 || row % 16 != 0)
        {
          g_set_error (error, KERVI_DRIVER_ERROR, KERVI_DRIVER_ERROR_PARSE,
                       "%s:%u: bad row address", path, i + 1);
          return NULL;
        }
      fields = g_strsplit_set (line + 3, " \t", -1);
      for (guint col = 0, f = 0; col < 16; f++)
        {
          if (fields[f] == NULL)
            {
              g_set_error (error, KERVI_DRIVER_ERROR, KERVI_DRIVER_ERROR_PARSE,
                           "%s:%u: expected 16 bytes", path, i + 1);
              return NULL;
            }
          if (*fields[f] == '\0')
            continue;
          if (g_ascii_strcasecmp (fields[f], "XX") == 0)
            registers[row + col] = 0xff;
          else if (strlen (fields[f]) == 2 && g_ascii_isxdigit (fields[f][0])
                   && g_ascii_isxdigit (fields[f][1]))
            registers[row + col] = (guint8)g_ascii_strtoull (fields[f], NULL, 16);
          else
            {
              g_set_error (error, KERVI_DRIVER_ERROR, KERVI_DRIVER_ERROR_PARSE,
                           "%s:%u: '%s' is not a byte", path, i + 1, fields[f]);
              return NULL;
            }
          col++;
        }
      n_rows++;
    }
  if (n_rows == 0)
    {
      g_set_error (error, KERVI_DRIVER_ERROR, KERVI_DRIVER_ERROR_PARSE, "%s: no i2cdump rows found",
                   path);
      return NULL;
    }
  return g_bytes_new (registers, sizeof registers);
}

/**
 * kervi_fake_i2c_backend_add_device_from_dump:
 * @self: a #KerviFakeI2cBackend
 * @bus: the bus number; the bus is added if needed
 * @address: the 7-bit address
 * @dump_path: a file holding the output of `i2cdump -y <bus> <address>`
 * @error: return location for a #GError
 *
 * Adds a device whose registers come from a register dump of a real chip.
 * Lines starting with `#` are comments.
 *
 * Returns: %TRUE on success
 */
gboolean
kervi_fake_i2c_backend_add_device_from_dump (KerviFakeI2cBackend *self, guint bus, guint address,
                                             const char *dump_path, GError **error)
{
  g_autofree char *contents = NULL;
  g_autoptr (GBytes) registers = NULL;
  g_autoptr (GError) local_error = NULL;

  g_return_val_if_fail (KERVI_IS_FAKE_I2C_BACKEND (self), FALSE);
  g_return_val_if_fail (dump_path != NULL, FALSE);

  if (!g_file_get_contents (dump_path, &contents, NULL, &local_error))
    {
      g_set_error (error, KERVI_DRIVER_ERROR, KERVI_DRIVER_ERROR_NOT_FOUND, "%s",
                   local_error->message);
      return FALSE;
    }
  registers = parse_dump (dump_path, contents, error);
  if (registers == NULL)
    return FALSE;
  kervi_fake_i2c_backend_add_device (self, bus, address, registers);
  return TRUE;
}

/**
 * kervi_fake_i2c_backend_remove_device:
 * @self: a #KerviFakeI2cBackend
 * @bus: the bus number
 * @address: the 7-bit address
 *
 * Removes a device, as if it had been unplugged: it stops answering.
 */
void
kervi_fake_i2c_backend_remove_device (KerviFakeI2cBackend *self, guint bus, guint address)
{
  g_return_if_fail (KERVI_IS_FAKE_I2C_BACKEND (self));

  g_mutex_lock (&self->lock);
  g_hash_table_remove (self->devices, DEVICE_KEY (bus, address));
  g_mutex_unlock (&self->lock);
}

/**
 * kervi_fake_i2c_backend_set_register:
 * @self: a #KerviFakeI2cBackend
 * @bus: the bus number
 * @address: the 7-bit address of an added device
 * @reg: the register
 * @value: its new value
 *
 * Changes a register, as the chip itself would after a measurement.
 */
void
kervi_fake_i2c_backend_set_register (KerviFakeI2cBackend *self, guint bus, guint address,
                                     guint8 reg, guint8 value)
{
  FakeDevice *device;

  g_return_if_fail (KERVI_IS_FAKE_I2C_BACKEND (self));

  g_mutex_lock (&self->lock);
  device = g_hash_table_lookup (self->devices, DEVICE_KEY (bus, address));
  if (device != NULL)
    device->registers[reg] = value;
  g_mutex_unlock (&self->lock);
  g_return_if_fail (device != NULL);
}

/**
 * kervi_fake_i2c_backend_get_register:
 * @self: a #KerviFakeI2cBackend
 * @bus: the bus number
 * @address: the 7-bit address of an added device
 * @reg: the register
 *
 * Returns: the register's value, for checking what a driver wrote
 */
guint8
kervi_fake_i2c_backend_get_register (KerviFakeI2cBackend *self, guint bus, guint address,
                                     guint8 reg)
{
  FakeDevice *device;
  guint8 value = 0;

  g_return_val_if_fail (KERVI_IS_FAKE_I2C_BACKEND (self), 0);

  g_mutex_lock (&self->lock);
  device = g_hash_table_lookup (self->devices, DEVICE_KEY (bus, address));
  if (device != NULL)
    value = device->registers[reg];
  g_mutex_unlock (&self->lock);
  return value;
}

/**
 * kervi_fake_i2c_backend_get_transfer_count:
 * @self: a #KerviFakeI2cBackend
 * @bus: the bus number
 * @address: the 7-bit address of an added device
 *
 * Returns: how many transfers reached the device
 */
guint
kervi_fake_i2c_backend_get_transfer_count (KerviFakeI2cBackend *self, guint bus, guint address)
{
  FakeDevice *device;
  guint count = 0;

  g_return_val_if_fail (KERVI_IS_FAKE_I2C_BACKEND (self), 0);

  g_mutex_lock (&self->lock);
  device = g_hash_table_lookup (self->devices, DEVICE_KEY (bus, address));
  if (device != NULL)
    count = device->transfers;
  g_mutex_unlock (&self->lock);
  return count;
}
