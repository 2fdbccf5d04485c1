/* bench-ws.h: a WebSocket client of the dashboard, as a browser is
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

typedef void (*BenchWsFrameFunc) (JsonObject *frame, gint64 received_ns, gpointer user_data);

typedef struct _BenchWs BenchWs;

BenchWs *bench_ws_connect (int port, double timeout_s, GError **error);
void bench_ws_set_frame_func (BenchWs *ws, BenchWsFrameFunc func, gpointer user_data);
void bench_ws_send (BenchWs *ws, const char *text);
void bench_ws_free (BenchWs *ws);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (BenchWs, bench_ws_free)

G_END_DECLS
