/* kd-hub.h: the browsers connected, and what they are sent
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include <libsoup/soup.h>

#include "kd-model.h"

G_BEGIN_DECLS

/* Value changes reach the browsers at most once per this many
 * milliseconds, the latest value of each changed value in one frame. */
#define KD_FLUSH_INTERVAL_MS 50
/* Changes of the structure (components, links, ...) are sent as a new
 * snapshot this many milliseconds after the first of them. */
#define KD_SNAPSHOT_DELAY_MS 100

#define KD_TYPE_HUB (kd_hub_get_type ())
G_DECLARE_FINAL_TYPE (KdHub, kd_hub, KD, HUB, GObject)

KdHub *kd_hub_new (GDBusConnection *bus, KdModel *model);
void kd_hub_add_connection (KdHub *self, SoupWebsocketConnection *connection);

G_END_DECLS
