/* kd-server.h: the HTTP side: static files and the WebSocket endpoint
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include <libsoup/soup.h>

#include "kd-hub.h"

G_BEGIN_DECLS

#define KD_TYPE_SERVER (kd_server_get_type ())
G_DECLARE_FINAL_TYPE (KdServer, kd_server, KD, SERVER, GObject)

KdServer *kd_server_new (KdHub *hub, const char *chartjs_dir);
gboolean kd_server_listen (KdServer *self, GInetAddress *address, guint port, GError **error);
guint kd_server_get_port (KdServer *self);

G_END_DECLS
