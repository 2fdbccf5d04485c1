/* kervi-runtime-dir.h: the application's private runtime folder
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct _KerviRuntimeDir KerviRuntimeDir;

KerviRuntimeDir *kervi_runtime_dir_open (const char *app_id, GError **error);
const char *kervi_runtime_dir_get_path (KerviRuntimeDir *self);
char *kervi_runtime_dir_get_bus_address (KerviRuntimeDir *self);
void kervi_runtime_dir_close (KerviRuntimeDir *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (KerviRuntimeDir, kervi_runtime_dir_close)

G_END_DECLS
