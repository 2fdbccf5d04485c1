/* kd-client.h: one browser's WebSocket connection
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include <libsoup/soup.h>

#include "kd-model.h"

G_BEGIN_DECLS

/* Frames larger than this get a "too-big" error and are dropped; the
 * connection stays. Frames larger than KD_HARD_MESSAGE_LIMIT make libsoup
 * close the connection (1009, message too big). */
#define KD_MAX_MESSAGE (64 * 1024)
#define KD_HARD_MESSAGE_LIMIT (1024 * 1024)

#define KD_TYPE_CLIENT (kd_client_get_type ())
G_DECLARE_FINAL_TYPE (KdClient, kd_client, KD, CLIENT, GObject)

KdClient *kd_client_new (SoupWebsocketConnection *connection, GDBusConnection *bus, KdModel *model,
                         guint serial);
void kd_client_send (KdClient *self, JsonNode *message);
void kd_client_send_text (KdClient *self, const char *text);

G_END_DECLS
