/* kervi-dashboard.c: the dashboard process of a Kervi application
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Started by the application as
 *   kervi-dashboard --address 127.0.0.1 --port 9000
 * with KERVI_BUS_ADDRESS (the private bus) and KERVI_APP_ID in the
 * environment. It connects to the bus, starts its HTTP server and only then
 * owns org.kervi.Dashboard: owning the name is the ready signal. When it
 * cannot start it prints one line to stderr and exits with status 1 before
 * owning the name. It exits when the bus goes away and on SIGTERM/SIGINT.
 */
#include "config.h"

#include <glib-unix.h>
#include <locale.h>
#include <stdio.h>

#include "kd-bus.h"
#include "kd-hub.h"
#include "kd-model.h"
#include "kd-server.h"
#include "kd-watcher.h"

typedef struct
{
  GMainLoop *loop;
  int status;
  gboolean owned;
  GDBusConnection *bus;
  KdModel *model;
  KdWatcher *watcher;
  char *url;
} KdMain;

static void fail (KdMain *app, const char *format, ...) G_GNUC_PRINTF (2, 3);

static void
fail (KdMain *app, const char *format, ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  fprintf (stderr, "kervi-dashboard: %s\n", message);
  app->status = 1;
  g_main_loop_quit (app->loop);
}

static gboolean
signal_cb (gpointer user_data)
{
  KdMain *app = user_data;

  g_main_loop_quit (app->loop);
  return G_SOURCE_CONTINUE;
}

static void
bus_closed_cb (GDBusConnection *connection, gboolean remote_peer_vanished, GError *error,
               gpointer user_data)
{
  KdMain *app = user_data;

  g_message ("The bus closed: the application is gone; exiting");
  g_main_loop_quit (app->loop);
}

static void
name_acquired_cb (GDBusConnection *connection, const char *name, gpointer user_data)
{
  KdMain *app = user_data;

  /* Ready: only now follow the application, so that a dashboard that
   * cannot start says nothing but its error. */
  app->owned = TRUE;
  g_message ("Dashboard at %s", app->url);
  app->watcher = kd_watcher_new (app->bus, app->model);
}

static void
name_lost_cb (GDBusConnection *connection, const char *name, gpointer user_data)
{
  KdMain *app = user_data;

  if (connection == NULL || g_dbus_connection_is_closed (connection))
    return; /* bus_closed_cb handles that */
  if (!app->owned)
    fail (app, "another dashboard owns %s on this bus", name);
  else
    g_main_loop_quit (app->loop);
}

static GInetAddress *
parse_address (const char *text)
{
  if (g_strcmp0 (text, "localhost") == 0)
    return g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  return g_inet_address_new_from_string (text);
}

static gboolean
write_port_file (const char *path, guint port, GError **error)
{
  g_autofree char *text = g_strdup_printf ("%u\n", port);

  return g_file_set_contents (path, text, -1, error);
}

int
main (int argc, char **argv)
{
  g_autofree char *address_text = g_strdup ("127.0.0.1");
  g_autofree char *port_file = NULL;
  g_autofree char *chartjs_dir = g_strdup (KERVI_CHARTJS_DIR);
  int port = 9000;
  const GOptionEntry entries[]
      = { { "address", 0, 0, G_OPTION_ARG_STRING, &address_text, "Address to listen on", "IP" },
          { "port", 0, 0, G_OPTION_ARG_INT, &port, "Port to listen on; 0 picks a free one",
            "PORT" },
          { "port-file", 0, 0, G_OPTION_ARG_FILENAME, &port_file, "Write the port into this file",
            "PATH" },
          { "chartjs-dir", 0, 0, G_OPTION_ARG_FILENAME, &chartjs_dir, "Where Chart.js is", "DIR" },
          { NULL } };
  g_autoptr (GOptionContext) context = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GInetAddress) address = NULL;
  g_autoptr (GDBusConnection) bus = NULL;
  g_autoptr (KdModel) model = NULL;
  g_autoptr (KdHub) hub = NULL;
  g_autoptr (KdServer) server = NULL;
  g_autoptr (GMainLoop) loop = NULL;
  const char *bus_address = g_getenv ("KERVI_BUS_ADDRESS");
  const char *app_id = g_getenv ("KERVI_APP_ID");
  KdMain app = { 0 };
  guint owner_id;
  guint actual_port;

  setlocale (LC_ALL, "");
  context = g_option_context_new ("- the web dashboard of a Kervi application");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      fprintf (stderr, "kervi-dashboard: %s\n", error->message);
      return 1;
    }
  if (port < 0 || port > 65535)
    {
      fprintf (stderr, "kervi-dashboard: --port %d is not a port number\n", port);
      return 1;
    }
  address = parse_address (address_text);
  if (address == NULL)
    {
      fprintf (stderr, "kervi-dashboard: --address '%s' is not an IP address\n", address_text);
      return 1;
    }
  if (!g_inet_address_get_is_loopback (address))
    {
      fprintf (stderr,
               "kervi-dashboard: refusing to listen on %s: no users are configured, so the "
               "dashboard only listens on loopback (127.0.0.1 or ::1)\n",
               address_text);
      return 1;
    }
  if (bus_address == NULL || *bus_address == '\0')
    {
      fprintf (stderr, "kervi-dashboard: KERVI_BUS_ADDRESS is not set: start the dashboard "
                       "through its Kervi application\n");
      return 1;
    }

  bus = g_dbus_connection_new_for_address_sync (
      bus_address,
      G_DBUS_CONNECTION_FLAGS_AUTHENTICATION_CLIENT
          | G_DBUS_CONNECTION_FLAGS_MESSAGE_BUS_CONNECTION,
      NULL, NULL, &error);
  if (bus == NULL)
    {
      fprintf (stderr, "kervi-dashboard: cannot connect to the bus %s: %s\n", bus_address,
               error->message);
      return 1;
    }
  g_dbus_connection_set_exit_on_close (bus, FALSE);

  loop = g_main_loop_new (NULL, FALSE);
  app.loop = loop;
  model = kd_model_new (app_id != NULL ? app_id : "kervi");
  hub = kd_hub_new (bus, model);
  server = kd_server_new (hub, chartjs_dir);
  if (!kd_server_listen (server, address, port, &error))
    {
      fprintf (stderr, "kervi-dashboard: cannot listen on %s port %d: %s\n", address_text, port,
               error->message);
      return 1;
    }
  actual_port = kd_server_get_port (server);
  if (port_file != NULL && !write_port_file (port_file, actual_port, &error))
    {
      fprintf (stderr, "kervi-dashboard: %s\n", error->message);
      return 1;
    }
  app.bus = bus;
  app.model = model;
  app.url = g_strdup_printf (
      "http://%s%s%s:%u/", g_inet_address_get_family (address) == G_SOCKET_FAMILY_IPV6 ? "[" : "",
      address_text, g_inet_address_get_family (address) == G_SOCKET_FAMILY_IPV6 ? "]" : "",
      actual_port);

  g_signal_connect (bus, "closed", G_CALLBACK (bus_closed_cb), &app);
  g_unix_signal_add (SIGTERM, signal_cb, &app);
  g_unix_signal_add (SIGINT, signal_cb, &app);
  owner_id = g_bus_own_name_on_connection (bus, KD_DASHBOARD_BUS_NAME,
                                           G_BUS_NAME_OWNER_FLAGS_DO_NOT_QUEUE, name_acquired_cb,
                                           name_lost_cb, &app, NULL);

  g_main_loop_run (loop);

  g_bus_unown_name (owner_id);
  g_signal_handlers_disconnect_by_data (bus, &app);
  g_clear_object (&app.watcher);
  g_free (app.url);
  return app.status;
}
