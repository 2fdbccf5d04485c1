/* kervi-devices-private.c: helpers shared by the device drivers
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <unistd.h>

#include "kervi-devices-private.h"
#include "kervi-sysfs.h"

KerviDriverError
_kervi_driver_error_from_errno (int errsv)
{
  switch (errsv)
    {
      case ENOENT:
      case ENODEV:
      case ENXIO:
      case ENOTDIR:
      case EREMOTEIO:
        return KERVI_DRIVER_ERROR_NOT_FOUND;
      case EACCES:
      case EPERM:
        return KERVI_DRIVER_ERROR_PERMISSION;
      case EBUSY:
        return KERVI_DRIVER_ERROR_BUSY;
      default:
        return KERVI_DRIVER_ERROR_IO;
    }
}

void
_kervi_backoff_init (KerviBackoff *backoff, guint initial_ms, guint max_ms)
{
  backoff->source_id = 0;
  backoff->initial_ms = MAX (initial_ms, 1);
  backoff->max_ms = MAX (max_ms, backoff->initial_ms);
  backoff->next_ms = backoff->initial_ms;
}

/* Schedules @func after the current interval and doubles the interval for
 * the next time. @func must call _kervi_backoff_fired() and return
 * G_SOURCE_REMOVE. Returns the interval used, in milliseconds. */
guint
_kervi_backoff_schedule (KerviBackoff *backoff, GSourceFunc func, gpointer data)
{
  guint interval = backoff->next_ms;

  g_clear_handle_id (&backoff->source_id, g_source_remove);
  backoff->source_id = g_timeout_add (interval, func, data);
  g_source_set_name_by_id (backoff->source_id, "[kervi] device retry");
  backoff->next_ms = MIN ((guint64)interval * 2, backoff->max_ms);
  return interval;
}

/* After a success: the next failure waits the initial interval again. */
void
_kervi_backoff_reset (KerviBackoff *backoff)
{
  g_clear_handle_id (&backoff->source_id, g_source_remove);
  backoff->next_ms = backoff->initial_ms;
}

void
_kervi_backoff_cancel (KerviBackoff *backoff)
{
  g_clear_handle_id (&backoff->source_id, g_source_remove);
}

void
_kervi_backoff_fired (KerviBackoff *backoff)
{
  backoff->source_id = 0;
}

gboolean
_kervi_devices_write_attribute (const char *root, const char *path, const char *contents,
                                GError **error)
{
  g_autofree char *full = _kervi_sysfs_path (root, path);
  size_t len = strlen (contents);
  ssize_t n;
  int fd;

  fd = open (full, O_WRONLY | O_TRUNC | O_CLOEXEC);
  if (fd < 0)
    {
      int errsv = errno;
      g_set_error (error, KERVI_DRIVER_ERROR, _kervi_driver_error_from_errno (errsv), "%s: %s",
                   full, g_strerror (errsv));
      return FALSE;
    }
  do
    n = write (fd, contents, len);
  while (n < 0 && errno == EINTR);
  if (n < 0 || (size_t)n != len)
    {
      int errsv = n < 0 ? errno : EIO;
      g_set_error (error, KERVI_DRIVER_ERROR, _kervi_driver_error_from_errno (errsv),
                   "%s: cannot write '%s': %s", full, contents, g_strerror (errsv));
      close (fd);
      return FALSE;
    }
  if (close (fd) < 0)
    {
      int errsv = errno;
      g_set_error (error, KERVI_DRIVER_ERROR, _kervi_driver_error_from_errno (errsv),
                   "%s: cannot write '%s': %s", full, contents, g_strerror (errsv));
      return FALSE;
    }
  return TRUE;
}
