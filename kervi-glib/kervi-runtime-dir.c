/* kervi-runtime-dir.c: the application's private runtime folder
 *
 * $XDG_RUNTIME_DIR/kervi/<app-id>, mode 0700, holding the bus socket and a
 * lock that keeps a second instance of the same application out. Without
 * XDG_RUNTIME_DIR, a fresh private folder under the temporary folder.
 * Closing removes it.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gstdio.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <gio/gio.h>

#include "kervi-error.h"
#include "kervi-runtime-dir.h"

struct _KerviRuntimeDir
{
  char *path;
  int lock_fd;
};

static gboolean
make_private_dir (const char *path, GError **error)
{
  struct stat st;

  if (g_mkdir_with_parents (path, 0700) < 0)
    {
      int errsv = errno;
      g_set_error (error, KERVI_PROCESS_ERROR, KERVI_PROCESS_ERROR_FAILED,
                   "Cannot create the runtime folder %s: %s", path, g_strerror (errsv));
      return FALSE;
    }
  if (lstat (path, &st) < 0 || !S_ISDIR (st.st_mode) || st.st_uid != getuid ())
    {
      g_set_error (error, KERVI_PROCESS_ERROR, KERVI_PROCESS_ERROR_FAILED,
                   "The runtime folder %s is not a folder of this user", path);
      return FALSE;
    }
  /* An existing folder may have been made with a looser umask. */
  if ((st.st_mode & 0777) != 0700 && chmod (path, 0700) < 0)
    {
      int errsv = errno;
      g_set_error (error, KERVI_PROCESS_ERROR, KERVI_PROCESS_ERROR_FAILED,
                   "Cannot make the runtime folder %s private: %s", path, g_strerror (errsv));
      return FALSE;
    }
  return TRUE;
}

KerviRuntimeDir *
kervi_runtime_dir_open (const char *app_id, GError **error)
{
  g_autoptr (KerviRuntimeDir) self = g_new0 (KerviRuntimeDir, 1);
  const char *xdg = g_getenv ("XDG_RUNTIME_DIR");
  g_autofree char *lock_path = NULL;
  g_autofree char *socket_path = NULL;

  self->lock_fd = -1;
  if (xdg != NULL && g_path_is_absolute (xdg) && g_file_test (xdg, G_FILE_TEST_IS_DIR))
    {
      g_autofree char *parent = g_build_filename (xdg, "kervi", NULL);

      if (!make_private_dir (parent, error))
        return NULL;
      self->path = g_build_filename (parent, app_id, NULL);
      if (!make_private_dir (self->path, error))
        return NULL;
    }
  else
    {
      g_autofree char *template = g_strdup_printf ("kervi-%s-XXXXXX", app_id);
      g_autoptr (GError) local_error = NULL;

      self->path = g_dir_make_tmp (template, &local_error);
      if (self->path == NULL)
        {
          g_set_error (error, KERVI_PROCESS_ERROR, KERVI_PROCESS_ERROR_FAILED,
                       "Cannot create a runtime folder: %s", local_error->message);
          return NULL;
        }
    }

  lock_path = g_build_filename (self->path, "lock", NULL);
  self->lock_fd = open (lock_path, O_RDWR | O_CREAT | O_CLOEXEC, 0600);
  if (self->lock_fd < 0 || flock (self->lock_fd, LOCK_EX | LOCK_NB) < 0)
    {
      int errsv = errno;
      if (errsv == EWOULDBLOCK)
        g_set_error (error, KERVI_PROCESS_ERROR, KERVI_PROCESS_ERROR_RUNNING,
                     "Application '%s' is running already (its runtime folder %s is locked)",
                     app_id, self->path);
      else
        g_set_error (error, KERVI_PROCESS_ERROR, KERVI_PROCESS_ERROR_FAILED, "Cannot lock %s: %s",
                     lock_path, g_strerror (errsv));
      /* Not ours to remove. */
      g_clear_pointer (&self->path, g_free);
      return NULL;
    }

  /* A socket left by an instance that was killed. */
  socket_path = g_build_filename (self->path, "bus", NULL);
  g_unlink (socket_path);
  return g_steal_pointer (&self);
}

const char *
kervi_runtime_dir_get_path (KerviRuntimeDir *self)
{
  return self->path;
}

char *
kervi_runtime_dir_get_bus_address (KerviRuntimeDir *self)
{
  g_autofree char *socket_path = g_build_filename (self->path, "bus", NULL);
  g_autofree char *escaped = g_dbus_address_escape_value (socket_path);

  return g_strconcat ("unix:path=", escaped, NULL);
}

void
kervi_runtime_dir_close (KerviRuntimeDir *self)
{
  if (self->path != NULL)
    {
      g_autofree char *socket_path = g_build_filename (self->path, "bus", NULL);
      g_autofree char *lock_path = g_build_filename (self->path, "lock", NULL);

      g_unlink (socket_path);
      g_unlink (lock_path);
      if (g_rmdir (self->path) < 0 && errno != ENOENT)
        g_warning ("Cannot remove the runtime folder %s: %s", self->path, g_strerror (errno));
    }
  if (self->lock_fd >= 0)
    close (self->lock_fd);
  g_free (self->path);
  g_free (self);
}
