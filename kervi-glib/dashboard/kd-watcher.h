/* kd-watcher.h: follows the Kervi processes on the bus into a KdModel
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include "kd-model.h"

G_BEGIN_DECLS

#define KD_TYPE_WATCHER (kd_watcher_get_type ())
G_DECLARE_FINAL_TYPE (KdWatcher, kd_watcher, KD, WATCHER, GObject)

KdWatcher *kd_watcher_new (GDBusConnection *connection, KdModel *model);

G_END_DECLS
