/* bench-raw-receiver.c: the raw GDBus baseline's receiver
 *
 * A minimal process with no Kervi in it: it subscribes --subscriptions
 * times to the Changed signal of the raw peer (--peer, a unique name), and
 * counts what arrives exactly as the Kervi consumer module does (see
 * bench-stats.h). It owns --name and exports /org/kervi/bench/receiver
 * with org.kervi.BenchRawReceiver:
 *   Reset (s mode, u expected, d base)   mode: "latency", "sequence", or
 *                                        "sequence+reemit": every value is
 *                                        also emitted again as a Changed
 *                                        signal of a path of its own per
 *                                        subscription, as a Kervi input does
 *   Results () -> (uuuuuxxat)
 *   signal Done (u run)    a run is complete
 * Prints "ready <unique name>" once it owns its name.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <gio/gio.h>
#include <glib-unix.h>
#include <signal.h>
#include <stdio.h>
#include <sys/prctl.h>

#include "bench-clock.h"
#include "bench-stats.h"

#define RAW_PATH "/org/kervi/bench/raw"
#define RAW_IFACE "org.kervi.BenchRaw"
#define RECEIVER_PATH "/org/kervi/bench/receiver"
#define RECEIVER_IFACE "org.kervi.BenchRawReceiver"

static const char introspection_xml[]
    = "<node><interface name='" RECEIVER_IFACE "'>"
      "<method name='Reset'><arg type='s' direction='in'/><arg type='u' direction='in'/>"
      "<arg type='d' direction='in'/></method>"
      "<method name='Results'><arg type='" BENCH_STATS_TYPE "' direction='out'/></method>"
      "<signal name='Done'><arg type='u'/></signal>"
      "</interface></node>";

static GDBusConnection *connection;
static GMainLoop *loop;
static BenchStats *stats;
static guint run;
static gboolean reemit;
static GPtrArray *reemit_paths;

static void
on_changed (GDBusConnection *conn, const char *sender, const char *path, const char *interface,
            const char *signal, GVariant *parameters, gpointer user_data)
{
  gint64 now = bench_now_ns ();
  g_autoptr (GVariant) value = NULL;
  gint64 timestamp;

  if (!g_variant_is_of_type (parameters, G_VARIANT_TYPE ("(vx)")))
    return;
  g_variant_get (parameters, "(vx)", &value, &timestamp);
  if (!g_variant_is_of_type (value, G_VARIANT_TYPE_DOUBLE))
    return;
  if (reemit)
    g_dbus_connection_emit_signal (
        conn, NULL, reemit_paths->pdata[GPOINTER_TO_UINT (user_data)], RAW_IFACE, "Changed",
        g_variant_new ("(@vx)", g_variant_new_variant (value), g_get_real_time ()), NULL);
  if (bench_stats_record (stats, GPOINTER_TO_UINT (user_data), g_variant_get_double (value), now))
    g_dbus_connection_emit_signal (conn, NULL, RECEIVER_PATH, RECEIVER_IFACE, "Done",
                                   g_variant_new ("(u)", ++run), NULL);
}

static void
method_call (GDBusConnection *conn, const char *sender, const char *path, const char *interface,
             const char *method, GVariant *parameters, GDBusMethodInvocation *invocation,
             gpointer user_data)
{
  if (g_str_equal (method, "Reset"))
    {
      const char *mode_text;
      guint32 expected;
      double base;
      BenchMode mode;

      g_variant_get (parameters, "(&sud)", &mode_text, &expected, &base);
      reemit = g_str_equal (mode_text, "sequence+reemit");
      if (reemit)
        mode_text = "sequence";
      if (!bench_stats_parse_mode (mode_text, &mode))
        {
          g_dbus_method_invocation_return_error (invocation, G_DBUS_ERROR,
                                                 G_DBUS_ERROR_INVALID_ARGS, "Unknown mode");
          return;
        }
      bench_stats_reset (stats, mode, expected, base);
      g_dbus_method_invocation_return_value (invocation, NULL);
    }
  else if (g_str_equal (method, "Results"))
    g_dbus_method_invocation_return_value (
        invocation, g_variant_new_tuple ((GVariant *[]){ bench_stats_to_variant (stats) }, 1));
}

static const GDBusInterfaceVTable vtable = { .method_call = method_call };

static void
on_name_acquired (GDBusConnection *conn, const char *name, gpointer user_data)
{
  printf ("ready %s\n", g_dbus_connection_get_unique_name (conn));
  fflush (stdout);
}

static void
on_name_lost (GDBusConnection *conn, const char *name, gpointer user_data)
{
  g_main_loop_quit (loop);
}

static gboolean
on_signal (gpointer user_data)
{
  g_main_loop_quit (loop);
  return G_SOURCE_CONTINUE;
}

int
main (int argc, char **argv)
{
  g_autofree char *name = NULL;
  g_autofree char *peer = NULL;
  int subscriptions = 1;
  const GOptionEntry entries[]
      = { { "name", 0, 0, G_OPTION_ARG_STRING, &name, "Bus name to own", "NAME" },
          { "peer", 0, 0, G_OPTION_ARG_STRING, &peer, "Unique name of the raw peer", "NAME" },
          { "subscriptions", 0, 0, G_OPTION_ARG_INT, &subscriptions, "Subscriptions", "N" },
          { NULL } };
  g_autoptr (GOptionContext) context = g_option_context_new ("- raw GDBus baseline receiver");
  g_autoptr (GError) error = NULL;
  g_autoptr (GDBusNodeInfo) info = NULL;
  const char *address = g_getenv ("KERVI_BUS_ADDRESS");

  /* Go with the benchmark, however it ends. */
  prctl (PR_SET_PDEATHSIG, SIGTERM);
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error) || name == NULL || peer == NULL
      || address == NULL || subscriptions < 1)
    {
      g_printerr ("bench-raw-receiver: --name, --peer and KERVI_BUS_ADDRESS are required\n");
      return 2;
    }
  connection = g_dbus_connection_new_for_address_sync (
      address,
      G_DBUS_CONNECTION_FLAGS_AUTHENTICATION_CLIENT
          | G_DBUS_CONNECTION_FLAGS_MESSAGE_BUS_CONNECTION,
      NULL, NULL, &error);
  if (connection == NULL)
    {
      g_printerr ("bench-raw-receiver: %s\n", error->message);
      return 1;
    }
  info = g_dbus_node_info_new_for_xml (introspection_xml, &error);
  g_assert_no_error (error);
  g_dbus_connection_register_object (connection, RECEIVER_PATH, info->interfaces[0], &vtable, NULL,
                                     NULL, &error);
  g_assert_no_error (error);

  stats = bench_stats_new ((guint)subscriptions);
  reemit_paths = g_ptr_array_new_with_free_func (g_free);
  for (int i = 0; i < subscriptions; i++)
    g_ptr_array_add (reemit_paths, g_strdup_printf (RECEIVER_PATH "/in%d", i));
  /* As a Kervi link does: one subscription per follower, by unique name. */
  for (int i = 0; i < subscriptions; i++)
    g_dbus_connection_signal_subscribe (connection, peer, RAW_IFACE, "Changed", RAW_PATH, NULL,
                                        G_DBUS_SIGNAL_FLAGS_NONE, on_changed, GUINT_TO_POINTER (i),
                                        NULL);

  loop = g_main_loop_new (NULL, FALSE);
  g_unix_signal_add (SIGTERM, on_signal, NULL);
  g_unix_signal_add (SIGINT, on_signal, NULL);
  g_signal_connect_swapped (connection, "closed", G_CALLBACK (g_main_loop_quit), loop);
  g_bus_own_name_on_connection (connection, name, G_BUS_NAME_OWNER_FLAGS_DO_NOT_QUEUE,
                                on_name_acquired, on_name_lost, NULL, NULL);
  g_main_loop_run (loop);
  g_main_loop_unref (loop);
  bench_stats_free (stats);
  g_ptr_array_unref (reemit_paths);
  g_object_unref (connection);
  return 0;
}
