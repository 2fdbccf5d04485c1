/* kervi-sysfs.c: reading and writing kernel files under a redirectable root
 *
 * Drivers read /proc and /sys through these functions so that tests can
 * point them at a recorded tree: @root is prepended to every path ("/" or
 * %NULL for the real system). Errors are in the %KERVI_DRIVER_ERROR domain
 * and name the file.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <unistd.h>

#include "kervi-error.h"
#include "kervi-sysfs.h"

char *
_kervi_sysfs_path (const char *root, const char *path)
{
  if (root == NULL || g_str_equal (root, "") || g_str_equal (root, "/"))
    return g_strdup (path);
  return g_build_filename (root, path, NULL);
}

/* The driver error for an errno of open(), read(), write() or ioctl(). */
KerviDriverError
_kervi_driver_error_from_errno (int errsv)
{
  switch (errsv)
    {
      case ENOENT:
      case ENODEV:
      case ENXIO:
      case ENOTDIR:
      case EREMOTEIO: /* an I2C device that does not answer */
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

/* Reads a whole (small) kernel file. g_file_get_contents() is not used
 * because it stats the file first, and sysfs files all claim 4096 bytes. */
char *
_kervi_sysfs_read (const char *root, const char *path, GError **error)
{
  g_autofree char *full = _kervi_sysfs_path (root, path);
  g_autoptr (GString) contents = g_string_new (NULL);
  char buf[4096];
  int fd;

  fd = open (full, O_RDONLY | O_CLOEXEC);
  if (fd < 0)
    {
      int errsv = errno;
      g_set_error (error, KERVI_DRIVER_ERROR, _kervi_driver_error_from_errno (errsv), "%s: %s",
                   full, g_strerror (errsv));
      return NULL;
    }

  for (;;)
    {
      ssize_t n = read (fd, buf, sizeof buf);

      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        {
          int errsv = errno;
          g_set_error (error, KERVI_DRIVER_ERROR, _kervi_driver_error_from_errno (errsv), "%s: %s",
                       full, g_strerror (errsv));
          close (fd);
          return NULL;
        }
      if (n == 0)
        break;
      if (contents->len + n > 1024 * 1024)
        {
          g_set_error (error, KERVI_DRIVER_ERROR, KERVI_DRIVER_ERROR_PARSE,
                       "%s: file is larger than 1 MiB", full);
          close (fd);
          return NULL;
        }
      g_string_append_len (contents, buf, n);
    }
  close (fd);

  if (memchr (contents->str, '\0', contents->len) != NULL)
    {
      g_set_error (error, KERVI_DRIVER_ERROR, KERVI_DRIVER_ERROR_PARSE,
                   "%s: file holds binary data", full);
      return NULL;
    }
  return g_string_free (g_steal_pointer (&contents), FALSE);
}

/* Reads a file holding one integer, as most sysfs attributes do. */
gboolean
_kervi_sysfs_read_int64 (const char *root, const char *path, gint64 *out_value, GError **error)
{
  g_autofree char *contents = _kervi_sysfs_read (root, path, error);
  g_autoptr (GError) local_error = NULL;

  if (contents == NULL)
    return FALSE;
  g_strstrip (contents);
  if (!g_ascii_string_to_signed (contents, 10, G_MININT64, G_MAXINT64, out_value, &local_error))
    {
      g_autofree char *full = _kervi_sysfs_path (root, path);
      g_set_error (error, KERVI_DRIVER_ERROR, KERVI_DRIVER_ERROR_PARSE,
                   "%s: expected an integer, got '%.32s'", full, contents);
      return FALSE;
    }
  return TRUE;
}

gboolean
_kervi_sysfs_write (const char *root, const char *path, const char *contents, GError **error)
{
  g_autofree char *full = _kervi_sysfs_path (root, path);
  size_t len = strlen (contents);
  ssize_t n;
  int fd;

  /* O_TRUNC changes nothing on sysfs, and keeps recorded trees of
   * regular files (tests) right when a shorter value is written. */
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
