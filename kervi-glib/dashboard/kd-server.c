/* kd-server.c: the HTTP side: static files and the WebSocket endpoint
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "config.h"

#include "kd-server.h"

/* GET and HEAD only. The page and its assets come from the GResource
 * (data/web/), Chart.js from Debian's libjs-chart.js. The WebSocket at
 * /ws accepts same-origin upgrades only. */

#define RESOURCE_ROOT "/org/kervi/dashboard/web"

typedef struct
{
  const char *path;
  const char *resource;
  const char *content_type;
  const char *cache_control;
} KdAsset;

static const KdAsset assets[] = {
  { "/", "index.html", "text/html; charset=utf-8", "no-cache" },
  { "/index.html", "index.html", "text/html; charset=utf-8", "no-cache" },
  { "/app.css", "app.css", "text/css; charset=utf-8", "public, max-age=3600" },
  { "/app.js", "app.js", "text/javascript; charset=utf-8", "public, max-age=3600" },
  { "/widgets.js", "widgets.js", "text/javascript; charset=utf-8", "public, max-age=3600" },
  { "/favicon.svg", "favicon.svg", "image/svg+xml", "public, max-age=86400" },
};

#define CHARTJS_PATH "/vendor/chart.js"

struct _KdServer
{
  GObject parent_instance;

  SoupServer *server;
  KdHub *hub;
  GBytes *chartjs; /* NULL when libjs-chart.js is missing */
};

G_DEFINE_FINAL_TYPE (KdServer, kd_server, G_TYPE_OBJECT)

static void
set_common_headers (SoupServerMessage *msg)
{
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (msg);

  soup_message_headers_replace (headers, "X-Content-Type-Options", "nosniff");
  soup_message_headers_replace (headers, "Referrer-Policy", "no-referrer");
  soup_message_headers_replace (headers, "Content-Security-Policy",
                                "default-src 'self'; img-src 'self' data:; "
                                "style-src 'self' 'unsafe-inline'; connect-src 'self'; "
                                "frame-ancestors 'none'");
}

static void
respond_text (SoupServerMessage *msg, guint status, const char *text)
{
  set_common_headers (msg);
  soup_message_headers_replace (soup_server_message_get_response_headers (msg), "Cache-Control",
                                "no-store");
  soup_server_message_set_status (msg, status, NULL);
  soup_server_message_set_response (msg, "text/plain; charset=utf-8", SOUP_MEMORY_COPY, text,
                                    strlen (text));
}

static void
respond_bytes (SoupServerMessage *msg, const char *content_type, const char *cache_control,
               GBytes *bytes)
{
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (msg);

  set_common_headers (msg);
  soup_message_headers_replace (headers, "Cache-Control", cache_control);
  soup_message_headers_replace (headers, "Content-Type", content_type);
  soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
  /* The bytes are kept, not copied: Chart.js alone is 200 KB. */
  soup_message_body_append_bytes (soup_server_message_get_response_body (msg), bytes);
}

static const KdAsset *
lookup_asset (const char *path)
{
  for (guint i = 0; i < G_N_ELEMENTS (assets); i++)
    if (g_str_equal (assets[i].path, path))
      return &assets[i];
  return NULL;
}

static void
static_cb (SoupServer *server, SoupServerMessage *msg, const char *path, GHashTable *query,
           gpointer user_data)
{
  KdServer *self = user_data;
  const char *method = soup_server_message_get_method (msg);
  gboolean chartjs = g_str_equal (path, CHARTJS_PATH) && self->chartjs != NULL;
  const KdAsset *asset = chartjs ? NULL : lookup_asset (path);
  g_autofree char *resource = NULL;
  g_autoptr (GBytes) bytes = NULL;

  if (!chartjs && asset == NULL)
    {
      respond_text (msg, SOUP_STATUS_NOT_FOUND, "Not found\n");
      return;
    }
  if (!g_str_equal (method, "GET") && !g_str_equal (method, "HEAD"))
    {
      soup_message_headers_replace (soup_server_message_get_response_headers (msg), "Allow",
                                    "GET, HEAD");
      respond_text (msg, SOUP_STATUS_METHOD_NOT_ALLOWED, "Method not allowed\n");
      return;
    }
  if (chartjs)
    {
      respond_bytes (msg, "text/javascript; charset=utf-8", "public, max-age=86400", self->chartjs);
      return;
    }

  resource = g_strconcat (RESOURCE_ROOT "/", asset->resource, NULL);
  bytes = g_resources_lookup_data (resource, 0, NULL);
  if (bytes == NULL)
    respond_text (msg, SOUP_STATUS_NOT_FOUND, "Not found\n");
  else
    respond_bytes (msg, asset->content_type, asset->cache_control, bytes);
}

/* Runs before the WebSocket handshake: a status set here refuses it. */
static void
websocket_check_cb (SoupServer *server, SoupServerMessage *msg, const char *path, GHashTable *query,
                    gpointer user_data)
{
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);
  const char *origin = soup_message_headers_get_one (headers, "Origin");
  const char *host = soup_message_headers_get_one (headers, "Host");
  g_autofree char *expected = g_strconcat ("http://", host != NULL ? host : "", NULL);

  if (!g_str_equal (path, "/ws"))
    {
      respond_text (msg, SOUP_STATUS_NOT_FOUND, "Not found\n");
      return;
    }
  if (origin == NULL || host == NULL || g_ascii_strcasecmp (origin, expected) != 0)
    {
      g_message ("Refused a WebSocket from origin '%s' (expected '%s')",
                 origin != NULL ? origin : "(none)", expected);
      respond_text (msg, SOUP_STATUS_FORBIDDEN,
                    "WebSocket refused: only same-origin pages may connect\n");
      return;
    }
}

static void
websocket_cb (SoupServer *server, SoupServerMessage *msg, const char *path,
              SoupWebsocketConnection *connection, gpointer user_data)
{
  KdServer *self = user_data;

  kd_hub_add_connection (self->hub, connection);
}

static void
kd_server_dispose (GObject *object)
{
  KdServer *self = KD_SERVER (object);

  if (self->server != NULL)
    soup_server_disconnect (self->server);
  g_clear_object (&self->server);
  g_clear_object (&self->hub);
  g_clear_pointer (&self->chartjs, g_bytes_unref);

  G_OBJECT_CLASS (kd_server_parent_class)->dispose (object);
}

static void
kd_server_class_init (KdServerClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = kd_server_dispose;
}

static void
kd_server_init (KdServer *self)
{
}

static GBytes *
load_chartjs (const char *dir)
{
  /* Newer libjs-chart.js ship the UMD build as chart.umd.js, older ones
   * (Debian 12: Chart.js 3.9) as chart.min.js. */
  const char *const names[] = { "chart.umd.js", "chart.umd.min.js", "chart.min.js", "chart.js" };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *path = g_build_filename (dir, names[i], NULL);
      char *contents;
      gsize length;

      if (g_file_get_contents (path, &contents, &length, NULL))
        return g_bytes_new_take (contents, length);
    }
  g_message ("Chart.js not found in %s: charts show as numbers (install libjs-chart.js)", dir);
  return NULL;
}

KdServer *
kd_server_new (KdHub *hub, const char *chartjs_dir)
{
  KdServer *self = g_object_new (KD_TYPE_SERVER, NULL);

  self->hub = g_object_ref (hub);
  self->chartjs = load_chartjs (chartjs_dir);
  self->server = soup_server_new ("server-header", "kervi-dashboard", NULL);
  soup_server_add_handler (self->server, NULL, static_cb, self, NULL);
  soup_server_add_handler (self->server, "/ws", websocket_check_cb, self, NULL);
  soup_server_add_websocket_handler (self->server, "/ws", NULL, NULL, websocket_cb, self, NULL);
  return self;
}

gboolean
kd_server_listen (KdServer *self, GInetAddress *address, guint port, GError **error)
{
  g_autoptr (GSocketAddress) socket_address = g_inet_socket_address_new (address, port);

  return soup_server_listen (self->server, socket_address, 0, error);
}

/* The port actually listened on (the chosen one after --port 0). */
guint
kd_server_get_port (KdServer *self)
{
  GSList *listeners = soup_server_get_listeners (self->server);
  guint port = 0;

  if (listeners != NULL)
    {
      g_autoptr (GSocketAddress) local = g_socket_get_local_address (listeners->data, NULL);
      if (G_IS_INET_SOCKET_ADDRESS (local))
        port = g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (local));
    }
  g_slist_free (listeners);
  return port;
}
