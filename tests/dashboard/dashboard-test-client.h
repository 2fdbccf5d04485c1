/* dashboard-test-client.h: talking to a real kervi-dashboard from a test
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

#include "kervi-test-util.h"

G_BEGIN_DECLS

/* The real test application with its dashboard on a free port. */
typedef struct
{
  KerviTestApp *app;
  guint port;
  SoupSession *session;
} DashApp;

DashApp *dash_app_start (const char *modules);
void dash_app_free (DashApp *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (DashApp, dash_app_free)

GBytes *dash_http (DashApp *self, const char *method, const char *path, guint *status,
                   SoupMessageHeaders **headers);

/* One WebSocket: every message received is kept, in order. */
typedef struct
{
  SoupWebsocketConnection *connection;
  GPtrArray *messages; /* of JsonNode */
  gboolean closed;
  gushort close_code;
} WsClient;

WsClient *ws_client_connect (DashApp *app, const char *origin, GError **error);
void ws_client_free (WsClient *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (WsClient, ws_client_free)

void ws_client_send (WsClient *self, const char *text);

typedef gboolean (*WsMatch) (JsonObject *message, gconstpointer data);
JsonObject *ws_client_wait (WsClient *self, guint from, WsMatch match, gconstpointer data,
                            double timeout_s);

gboolean ws_match_reply (JsonObject *message, gconstpointer id);
JsonObject *ws_client_request (WsClient *self, const char *json_with_id, gint64 id);

JsonObject *ws_client_wait_snapshot (WsClient *self, guint from, const char *member, const char *id,
                                     gboolean online, double timeout_s);
JsonObject *json_array_find (JsonObject *object, const char *member, const char *id);

G_END_DECLS
