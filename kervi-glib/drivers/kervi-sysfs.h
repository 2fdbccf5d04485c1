/* kervi-sysfs.h: reading and writing kernel files under a redirectable root
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include <glib.h>

#include "kervi-error.h"

G_BEGIN_DECLS

KerviDriverError _kervi_driver_error_from_errno (int errsv);
char *_kervi_sysfs_path (const char *root, const char *path);
char *_kervi_sysfs_read (const char *root, const char *path, GError **error);
gboolean _kervi_sysfs_read_int64 (const char *root, const char *path, gint64 *out_value,
                                  GError **error);
gboolean _kervi_sysfs_write (const char *root, const char *path, const char *contents,
                             GError **error);

G_END_DECLS
