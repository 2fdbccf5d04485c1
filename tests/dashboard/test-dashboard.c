/* test-dashboard.c: kervi-dashboard end to end
 *
 * Each test starts the real test application (tests/integration/test-app.c)
 * with the real module tests/dashboard/modules/dashmod on a real private
 * bus; the application starts the real kervi-dashboard, which the tests
 * reach over HTTP and WebSocket with libsoup, checking effects on the bus.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <glib/gstdio.h>
#include <signal.h>

#include "dashboard-test-client.h"

#define MODULE_NAME "org.kervi.Module.dashmod"
#define BOARD_PATH "/org/kervi/component/dash_board"

static GVariant *
bus_get_value (DashApp *app, const char *value)
{
  g_autofree char *path = g_strdup_printf (BOARD_PATH "/%s", value);
  g_autoptr (GError) error = NULL;
  g_autoptr (GVariant) reply = g_dbus_connection_call_sync (
      app->app->connection, MODULE_NAME, path, "org.freedesktop.DBus.Properties", "Get",
      g_variant_new ("(ss)", "org.kervi.Value", "Value"), G_VARIANT_TYPE ("(v)"),
      G_DBUS_CALL_FLAGS_NONE, 5000, NULL, &error);
  g_autoptr (GVariant) outer = NULL;

  g_assert_no_error (error);
  g_variant_get (reply, "(v)", &outer);
  return g_variant_get_variant (outer);
}

/* A client connected and past the first snapshot that shows the module. */
static WsClient *
connect_ready (DashApp *app)
{
  g_autoptr (GError) error = NULL;
  WsClient *client = ws_client_connect (app, "same", &error);

  g_assert_no_error (error);
  g_assert_nonnull (ws_client_wait_snapshot (client, 0, "actions", "dash_board.toggle", TRUE, 10));
  return client;
}

static void
assert_header (SoupMessageHeaders *headers, const char *name, const char *expected)
{
  g_assert_cmpstr (soup_message_headers_get_one (headers, name), ==, expected);
}

static void
test_http (void)
{
  g_autoptr (DashApp) app = dash_app_start ("dashmod");
  struct
  {
    const char *path, *type, *cache;
  } files[] = {
    { "/", "text/html; charset=utf-8", "no-cache" },
    { "/app.js", "text/javascript; charset=utf-8", "public, max-age=3600" },
    { "/widgets.js", "text/javascript; charset=utf-8", "public, max-age=3600" },
    { "/app.css", "text/css; charset=utf-8", "public, max-age=3600" },
    { "/favicon.svg", "image/svg+xml", "public, max-age=86400" },
  };
  guint status;

  for (guint i = 0; i < G_N_ELEMENTS (files); i++)
    {
      g_autoptr (SoupMessageHeaders) headers = NULL;
      g_autoptr (GBytes) body = dash_http (app, "GET", files[i].path, &status, &headers);

      g_test_message ("GET %s", files[i].path);
      g_assert_cmpuint (status, ==, 200);
      assert_header (headers, "Content-Type", files[i].type);
      assert_header (headers, "Cache-Control", files[i].cache);
      assert_header (headers, "X-Content-Type-Options", "nosniff");
      g_assert_cmpuint (g_bytes_get_size (body), >, 0);
    }

  {
    g_autoptr (SoupMessageHeaders) headers = NULL;
    g_autoptr (GBytes) body = dash_http (app, "GET", "/", &status, &headers);
    g_assert_nonnull (g_strstr_len (g_bytes_get_data (body, NULL), g_bytes_get_size (body),
                                    "<script src=\"/app.js"));
  }
  /* Whichever of its file names libjs-chart.js uses, the dashboard finds it. */
  if (g_file_test (KERVI_CHARTJS_DIR, G_FILE_TEST_IS_DIR))
    {
      g_autoptr (SoupMessageHeaders) headers = NULL;
      g_autoptr (GBytes) body = dash_http (app, "GET", "/vendor/chart.js", &status, &headers);
      g_assert_cmpuint (status, ==, 200);
      assert_header (headers, "Content-Type", "text/javascript; charset=utf-8");
      g_assert_cmpuint (g_bytes_get_size (body), >, 10000);
    }
  {
    g_autoptr (SoupMessageHeaders) headers = NULL;
    g_autoptr (GBytes) body = dash_http (app, "GET", "/etc/passwd", &status, &headers);
    g_assert_cmpuint (status, ==, 404);
  }
  {
    g_autoptr (SoupMessageHeaders) headers = NULL;
    g_autoptr (GBytes) body = dash_http (app, "POST", "/", &status, &headers);
    g_assert_cmpuint (status, ==, 405);
    assert_header (headers, "Allow", "GET, HEAD");
  }
  {
    g_autoptr (GBytes) body = dash_http (app, "HEAD", "/app.css", &status, NULL);
    g_assert_cmpuint (status, ==, 200);
    g_assert_cmpuint (g_bytes_get_size (body), ==, 0);
  }
  {
    /* /ws without an upgrade is no page. */
    g_autoptr (GBytes) body = dash_http (app, "GET", "/ws", &status, NULL);
    g_assert_cmpuint (status, >=, 400);
  }
}

static void
test_origin (void)
{
  g_autoptr (DashApp) app = dash_app_start ("dashmod");
  g_autoptr (GError) error = NULL;
  g_autoptr (WsClient) evil = ws_client_connect (app, "http://evil.example", &error);
  g_autoptr (WsClient) none = NULL;
  g_autoptr (WsClient) good = NULL;

  g_assert_null (evil);
  g_assert_nonnull (error);
  g_clear_error (&error);
  none = ws_client_connect (app, NULL, &error);
  g_assert_null (none);
  g_assert_nonnull (error);
  g_clear_error (&error);
  good = ws_client_connect (app, "same", &error);
  g_assert_no_error (error);
}

static void
test_snapshot (void)
{
  g_autoptr (DashApp) app = dash_app_start ("dashmod");
  g_autoptr (WsClient) client = connect_ready (app);
  JsonObject *snapshot
      = ws_client_wait_snapshot (client, 0, "actions", "dash_board.toggle", TRUE, 1);
  JsonObject *level = json_array_find (snapshot, "values", "dash_board.level");
  JsonObject *toggle = json_array_find (snapshot, "actions", "dash_board.toggle");
  JsonObject *module = json_array_find (snapshot, "modules", "dashmod");
  JsonObject *dashboard = json_array_find (snapshot, "dashboards", "test");
  JsonObject *app_info = json_object_get_object_member (snapshot, "app");
  JsonArray *links = json_object_get_array_member (snapshot, "links");
  JsonObject *panel;
  gboolean slider_found = FALSE, header_found = FALSE;

  g_assert_cmpstr (json_object_get_string_member (app_info, "id"), ==, "kervi-test");
  g_assert_cmpstr (json_object_get_string_member (level, "type"), ==, "number");
  g_assert_cmpstr (json_object_get_string_member (level, "unit"), ==, "%");
  g_assert_cmpfloat (json_object_get_double_member (level, "max"), ==, 100);
  g_assert_true (json_object_get_boolean_member (level, "input"));
  g_assert_cmpstr (json_object_get_string_member (level, "component"), ==, "dash_board");
  g_assert_cmpstr (json_object_get_string_member (toggle, "signature"), ==, "b");
  g_assert_cmpstr (json_object_get_string_member (module, "state"), ==, "ready");
  g_assert_true (json_object_get_boolean_member (dashboard, "is_default"));
  panel = json_array_get_object_element (json_object_get_array_member (dashboard, "panels"), 0);
  g_assert_cmpstr (json_object_get_string_member (panel, "id"), ==, "main");
  g_assert_cmpint (json_object_get_int_member (panel, "width"), ==, 100);
  g_assert_true (json_object_has_member (json_object_get_object_member (snapshot, "history"),
                                         "dash_board.counter"));
  for (guint i = 0; i < json_array_get_length (links); i++)
    {
      JsonObject *link = json_array_get_object_element (links, i);
      const char *type = json_object_get_string_member (link, "type");

      if (g_str_equal (type, "slider")
          && g_strcmp0 (json_object_get_string_member (link, "value"), "dash_board.level") == 0)
        {
          slider_found = TRUE;
          g_assert_cmpstr (json_object_get_string_member (link, "dashboard"), ==, "test");
          g_assert_cmpint (
              json_object_get_int_member (json_object_get_object_member (link, "options"), "step"),
              ==, 1);
        }
      if (g_str_equal (json_object_get_string_member (link, "panel"), "header"))
        header_found = g_str_equal (json_object_get_string_member (link, "dashboard"), "*");
    }
  g_assert_true (slider_found);
  g_assert_true (header_found);
}

typedef struct
{
  const char *id;
  double value;
} ValueWant;

static gboolean
match_value (JsonObject *message, gconstpointer data)
{
  const ValueWant *want = data;
  JsonArray *changes;

  if (!g_str_equal (json_object_get_string_member (message, "type"), "values"))
    return FALSE;
  changes = json_object_get_array_member (message, "changes");
  for (guint i = 0; i < json_array_get_length (changes); i++)
    {
      JsonObject *change = json_array_get_object_element (changes, i);
      JsonNode *value = json_object_get_member (change, "value");

      if (g_str_equal (json_object_get_string_member (change, "id"), want->id)
          && JSON_NODE_HOLDS_VALUE (value) && json_node_get_double (value) == want->value)
        return TRUE;
    }
  return FALSE;
}

static void
test_value_change (void)
{
  g_autoptr (DashApp) app = dash_app_start ("dashmod");
  g_autoptr (WsClient) client = connect_ready (app);
  g_autoptr (GError) error = NULL;
  g_autoptr (GVariant) reply = NULL;
  ValueWant want = { "dash_board.level", 42 };
  guint from = client->messages->len;

  /* A change made on the bus, by anyone, reaches the browser. */
  reply = g_dbus_connection_call_sync (app->app->connection, MODULE_NAME, BOARD_PATH "/level",
                                       "org.kervi.Value", "Set",
                                       g_variant_new ("(v)", g_variant_new_double (42)), NULL,
                                       G_DBUS_CALL_FLAGS_NONE, 5000, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (ws_client_wait (client, from, match_value, &want, 10));
}

static void
test_set_and_call (void)
{
  g_autoptr (DashApp) app = dash_app_start ("dashmod");
  g_autoptr (WsClient) client = connect_ready (app);
  g_autoptr (GVariant) level = NULL;
  g_autoptr (GVariant) toggled = NULL;
  JsonObject *reply;

  reply = ws_client_request (client,
                             "{\"type\":\"set\",\"value\":\"dash_board.level\",\"data\":17,"
                             "\"id\":1}",
                             1);
  g_assert_nonnull (reply);
  g_assert_cmpstr (json_object_get_string_member (reply, "type"), ==, "result");
  level = bus_get_value (app, "level");
  g_assert_cmpfloat (g_variant_get_double (level), ==, 17);

  reply = ws_client_request (client,
                             "{\"type\":\"call\",\"action\":\"dash_board.toggle\","
                             "\"args\":[true],\"id\":2}",
                             2);
  g_assert_nonnull (reply);
  g_assert_cmpstr (json_object_get_string_member (reply, "type"), ==, "result");
  g_assert_cmpstr (json_object_get_string_member (reply, "result"), ==, "on");
  toggled = bus_get_value (app, "toggled");
  g_assert_true (g_variant_get_boolean (toggled));

  /* An action's own failure comes back as the module's D-Bus error. */
  reply = ws_client_request (client, "{\"type\":\"call\",\"action\":\"dash_board.fail\",\"id\":3}",
                             3);
  g_assert_nonnull (reply);
  g_assert_cmpstr (json_object_get_string_member (reply, "type"), ==, "error");
  g_assert_cmpstr (json_object_get_string_member (reply, "code"), ==,
                   "org.kervi.Error.ActionFailed");
}

static void
assert_error_reply (WsClient *client, const char *request, gint64 id, const char *code)
{
  JsonObject *reply;

  g_test_message ("Sending %.60s", request);
  reply = ws_client_request (client, request, id);
  g_assert_nonnull (reply);
  g_assert_cmpstr (json_object_get_string_member (reply, "type"), ==, "error");
  g_assert_cmpstr (json_object_get_string_member (reply, "code"), ==, code);
  g_assert_cmpstr (json_object_get_string_member (reply, "message"), !=, "");
}

static gboolean
match_error_code (JsonObject *message, gconstpointer code)
{
  return g_str_equal (json_object_get_string_member (message, "type"), "error")
         && g_strcmp0 (json_object_get_string_member (message, "code"), code) == 0;
}

static void
assert_error_without_id (WsClient *client, const char *frame, const char *code)
{
  guint from = client->messages->len;

  ws_client_send (client, frame);
  g_assert_nonnull (ws_client_wait (client, from, match_error_code, code, 10));
}

static void
test_bad_input (void)
{
  g_autoptr (DashApp) app = dash_app_start ("dashmod");
  g_autoptr (WsClient) client = connect_ready (app);
  g_autoptr (WsClient) second = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *big = NULL;
  g_autofree char *huge = NULL;
  JsonObject *reply;
  guint from;

  assert_error_without_id (client, "this is not JSON", "bad-request");
  assert_error_without_id (client, "[1, 2, 3]", "bad-request");
  assert_error_reply (client, "{\"type\":\"dance\",\"id\":10}", 10, "bad-request");
  assert_error_reply (client, "{\"type\":\"call\",\"action\":42,\"id\":11}", 11, "bad-request");
  assert_error_reply (client, "{\"type\":\"set\",\"value\":\"dash_board.level\",\"id\":12}", 12,
                      "bad-request");
  assert_error_reply (client,
                      "{\"type\":\"call\",\"action\":\"dash_board.toggle\",\"args\":[\"yes\"],"
                      "\"id\":13}",
                      13, "invalid-args");
  assert_error_reply (
      client, "{\"type\":\"call\",\"action\":\"dash_board.toggle\",\"args\":true,\"id\":14}", 14,
      "bad-request");
  assert_error_reply (
      client, "{\"type\":\"set\",\"value\":\"dash_board.level\",\"data\":\"high\",\"id\":15}", 15,
      "invalid-args");
  assert_error_reply (client, "{\"type\":\"set\",\"value\":\"nope.x\",\"data\":1,\"id\":16}", 16,
                      "unknown-value");
  assert_error_reply (client, "{\"type\":\"call\",\"action\":\"nope.y\",\"id\":17}", 17,
                      "unknown-action");
  assert_error_reply (client,
                      "{\"type\":\"set\",\"value\":\"dash_board.counter\",\"data\":1,\"id\":18}",
                      18, "read-only");
  assert_error_reply (client,
                      "{\"type\":\"set\",\"value\":\"dash_board.level\",\"data\":1000,"
                      "\"id\":19}",
                      19, "org.kervi.Error.OutOfRange");
  assert_error_reply (client,
                      "{\"type\":\"call\",\"action\":\"dash_board.burst\",\"args\":[99999999999],"
                      "\"id\":20}",
                      20, "invalid-args");

  /* 100 KiB: refused with an error, the connection stays. */
  big = g_strnfill (100 * 1024, 'x');
  assert_error_without_id (client, big, "too-big");
  from = client->messages->len;
  soup_websocket_connection_send_binary (client->connection, "\x01\x02", 2);
  g_assert_nonnull (ws_client_wait (client, from, match_error_code, "bad-request", 10));
  reply = ws_client_request (client, "{\"type\":\"ping\",\"id\":30}", 30);
  g_assert_nonnull (reply);
  g_assert_cmpstr (json_object_get_string_member (reply, "result"), ==, "pong");
  g_assert_false (client->closed);

  /* 2 MiB: past the hard limit libsoup closes this connection (1009),
   * and the dashboard serves the next one. */
  huge = g_strnfill (2 * 1024 * 1024, 'y');
  ws_client_send (client, huge);
  g_assert_null (ws_client_wait (client, client->messages->len, match_error_code, "x", 10));
  g_assert_true (client->closed);
  /* 1009, or none when the server closed while we were still sending. */
  g_assert_true (client->close_code == SOUP_WEBSOCKET_CLOSE_TOO_BIG || client->close_code == 0);
  second = ws_client_connect (app, "same", &error);
  g_assert_no_error (error);
  reply = ws_client_request (second, "{\"type\":\"ping\",\"id\":31}", 31);
  g_assert_nonnull (reply);
}

typedef struct
{
  const char *id;
  guint frames; /* "values" frames that carried @id */
  double last;
} CountWant;

static gboolean
count_frames (JsonObject *message, gconstpointer data)
{
  CountWant *want = (CountWant *)data;
  JsonArray *changes;

  if (!g_str_equal (json_object_get_string_member (message, "type"), "values"))
    return FALSE;
  changes = json_object_get_array_member (message, "changes");
  for (guint i = 0; i < json_array_get_length (changes); i++)
    {
      JsonObject *change = json_array_get_object_element (changes, i);
      if (g_str_equal (json_object_get_string_member (change, "id"), want->id))
        {
          want->frames++;
          want->last = json_object_get_double_member (change, "value");
        }
    }
  return want->last == 2000;
}

static void
test_coalescing (void)
{
  g_autoptr (DashApp) app = dash_app_start ("dashmod");
  g_autoptr (WsClient) client = connect_ready (app);
  CountWant want = { "dash_board.counter", 0, 0 };
  guint from = client->messages->len;
  JsonObject *reply;

  /* 2000 changes in a row: the browser gets far fewer frames, and the
   * last one carries the latest value. */
  reply = ws_client_request (client,
                             "{\"type\":\"call\",\"action\":\"dash_board.burst\","
                             "\"args\":[2000],\"id\":1}",
                             1);
  g_assert_nonnull (reply);
  g_assert_cmpstr (json_object_get_string_member (reply, "type"), ==, "result");
  g_assert_nonnull (ws_client_wait (client, from, count_frames, &want, 10));
  g_test_message ("2000 changes arrived in %u frames", want.frames);
  g_assert_cmpfloat (want.last, ==, 2000);
  g_assert_cmpuint (want.frames, <=, 100);
}

typedef struct
{
  const char *id, *state;
} ModuleWant;

static gboolean
match_module (JsonObject *message, gconstpointer data)
{
  const ModuleWant *want = data;
  JsonObject *module;

  if (!g_str_equal (json_object_get_string_member (message, "type"), "module"))
    return FALSE;
  module = json_object_get_object_member (message, "module");
  return g_str_equal (json_object_get_string_member (module, "id"), want->id)
         && g_str_equal (json_object_get_string_member (module, "state"), want->state);
}

static void
test_module_restart (void)
{
  g_autoptr (DashApp) app = dash_app_start ("dashmod");
  g_autoptr (WsClient) client = connect_ready (app);
  GPid pid = kervi_test_get_pid_of_name (app->app->connection, MODULE_NAME);
  ModuleWant failed = { "dashmod", "failed" }, ready = { "dashmod", "ready" };
  guint from = client->messages->len;
  JsonObject *down, *up;

  g_assert_cmpint (pid, >, 0);
  kill (pid, SIGKILL);
  down = ws_client_wait (client, from, match_module, &failed, 10);
  g_assert_nonnull (down);
  g_assert_nonnull (
      ws_client_wait_snapshot (client, from, "values", "dash_board.level", FALSE, 10));
  up = ws_client_wait (client, from, match_module, &ready, 20);
  g_assert_nonnull (up);
  g_assert_nonnull (
      ws_client_wait_snapshot (client, from, "actions", "dash_board.toggle", TRUE, 10));
  g_assert_false (client->closed);
}

static void
test_process (void)
{
  g_autoptr (DashApp) app = dash_app_start ("dashmod");
  const char *address = app->app->bus_address;
  GPid dashboard = kervi_test_get_pid_of_name (app->app->connection, "org.kervi.Dashboard");
  g_autofree char *port = g_strdup_printf ("%u", app->port);
  g_autofree char *port_file = g_build_filename (app->app->root, "port", NULL);
  g_autofree char *port_text = NULL;
  struct
  {
    const char *address, *port, *message;
  } cases[] = {
    { "127.0.0.1", port, "cannot listen on 127.0.0.1" },
    { "0.0.0.0", "0", "refusing to listen on 0.0.0.0" },
    { "example", "0", "is not an IP address" },
    { "127.0.0.1", "0", "another dashboard owns org.kervi.Dashboard" },
  };

  g_assert_cmpint (dashboard, >, 0);
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (GSubprocessLauncher) launcher = g_subprocess_launcher_new (
          G_SUBPROCESS_FLAGS_STDERR_PIPE | G_SUBPROCESS_FLAGS_STDOUT_SILENCE);
      g_autoptr (GSubprocess) process = NULL;
      g_autoptr (GError) error = NULL;
      g_autofree char *err = NULL;

      g_subprocess_launcher_setenv (launcher, "KERVI_BUS_ADDRESS", address, TRUE);
      process = g_subprocess_launcher_spawn (launcher, &error, g_getenv ("KERVI_DASHBOARD"),
                                             "--address", cases[i].address, "--port", cases[i].port,
                                             "--port-file", port_file, NULL);
      g_assert_no_error (error);
      g_subprocess_communicate_utf8 (process, NULL, NULL, NULL, &err, &error);
      g_assert_no_error (error);
      g_test_message ("%s", err);
      g_assert_true (g_subprocess_get_if_exited (process));
      g_assert_cmpint (g_subprocess_get_exit_status (process), ==, 1);
      g_assert_nonnull (strstr (err, cases[i].message));
      g_assert_true (g_str_has_prefix (err, "kervi-dashboard: "));
    }
  /* The last one got as far as writing its port file. */
  g_assert_true (g_file_get_contents (port_file, &port_text, NULL, NULL));
  g_assert_cmpuint (g_ascii_strtoull (port_text, NULL, 10), >, 0);
  g_unlink (port_file);

  /* The application's dashboard goes with it. */
  g_assert_false (app->app->exited);
  kill (kervi_test_app_get_pid (app->app), SIGTERM);
  g_assert_cmpint (kervi_test_app_wait_exit (app->app, 15), ==, 0);
  g_assert_true (kervi_test_wait_pid_gone (dashboard, 10));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/dashboard/http", test_http);
  g_test_add_func ("/dashboard/origin", test_origin);
  g_test_add_func ("/dashboard/snapshot", test_snapshot);
  g_test_add_func ("/dashboard/value-change", test_value_change);
  g_test_add_func ("/dashboard/set-and-call", test_set_and_call);
  g_test_add_func ("/dashboard/bad-input", test_bad_input);
  g_test_add_func ("/dashboard/coalescing", test_coalescing);
  g_test_add_func ("/dashboard/module-restart", test_module_restart);
  g_test_add_func ("/dashboard/process", test_process);
  return g_test_run ();
}
