/* bench-raw-peer.c: the raw GDBus baseline's exported object
 *
 * A minimal process with no Kervi in it: it connects to the bus given in
 * KERVI_BUS_ADDRESS, owns --name, and exports /org/kervi/bench/raw with
 * the interface org.kervi.BenchRaw:
 *   Ping (t) -> t                 the baseline of an action call
 *   Pulse (u n, u interval_ms)    n Changed signals, one per interval, each
 *                                 carrying its send time (latency runs)
 *   Burst (u n, d base) -> (xx)   Changed with base .. base + n - 1 as fast
 *                                 as it can; monotonic ns at start and end
 *   signal Changed (v value, x timestamp_us)  the shape of org.kervi.Value
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
#include "bench-pacer.h"

#define RAW_PATH "/org/kervi/bench/raw"
#define RAW_IFACE "org.kervi.BenchRaw"

static const char introspection_xml[]
    = "<node><interface name='" RAW_IFACE "'>"
      "<method name='Ping'><arg type='t' direction='in'/><arg type='t' direction='out'/></method>"
      "<method name='Pulse'><arg type='u' direction='in'/><arg type='u' direction='in'/></method>"
      "<method name='Burst'><arg type='u' direction='in'/><arg type='d' direction='in'/>"
      "<arg type='(xx)' direction='out'/></method>"
      "<signal name='Changed'><arg type='v'/><arg type='x'/></signal>"
      "</interface></node>";

static GDBusConnection *connection;
static GMainLoop *loop;

static void
emit_changed (double value)
{
  g_dbus_connection_emit_signal (
      connection, NULL, RAW_PATH, RAW_IFACE, "Changed",
      g_variant_new ("(@vx)", g_variant_new_variant (g_variant_new_double (value)),
                     g_get_real_time ()),
      NULL);
}

static void
send_time (guint index, gpointer user_data)
{
  emit_changed (bench_ns_to_value (bench_now_ns ()));
}

static void
method_call (GDBusConnection *conn, const char *sender, const char *path, const char *interface,
             const char *method, GVariant *parameters, GDBusMethodInvocation *invocation,
             gpointer user_data)
{
  if (g_str_equal (method, "Ping"))
    g_dbus_method_invocation_return_value (invocation, g_variant_ref (parameters));
  else if (g_str_equal (method, "Pulse"))
    {
      guint32 n, interval_ms;

      g_variant_get (parameters, "(uu)", &n, &interval_ms);
      bench_pacer_start (n, interval_ms, send_time, NULL);
      g_dbus_method_invocation_return_value (invocation, NULL);
    }
  else if (g_str_equal (method, "Burst"))
    {
      guint32 n;
      double base;
      gint64 start, end;

      g_variant_get (parameters, "(ud)", &n, &base);
      start = bench_now_ns ();
      for (guint32 i = 0; i < n; i++)
        emit_changed (base + i);
      end = bench_now_ns ();
      g_dbus_method_invocation_return_value (invocation, g_variant_new ("((xx))", start, end));
    }
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
  const GOptionEntry entries[]
      = { { "name", 0, 0, G_OPTION_ARG_STRING, &name, "Bus name to own", "NAME" }, { NULL } };
  g_autoptr (GOptionContext) context = g_option_context_new ("- raw GDBus baseline peer");
  g_autoptr (GError) error = NULL;
  g_autoptr (GDBusNodeInfo) info = NULL;
  const char *address = g_getenv ("KERVI_BUS_ADDRESS");

  /* Go with the benchmark, however it ends. */
  prctl (PR_SET_PDEATHSIG, SIGTERM);
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error) || name == NULL || address == NULL)
    {
      g_printerr ("bench-raw-peer: --name and KERVI_BUS_ADDRESS are required\n");
      return 2;
    }
  connection = g_dbus_connection_new_for_address_sync (
      address,
      G_DBUS_CONNECTION_FLAGS_AUTHENTICATION_CLIENT
          | G_DBUS_CONNECTION_FLAGS_MESSAGE_BUS_CONNECTION,
      NULL, NULL, &error);
  if (connection == NULL)
    {
      g_printerr ("bench-raw-peer: %s\n", error->message);
      return 1;
    }
  info = g_dbus_node_info_new_for_xml (introspection_xml, &error);
  g_assert_no_error (error);
  g_dbus_connection_register_object (connection, RAW_PATH, info->interfaces[0], &vtable, NULL, NULL,
                                     &error);
  g_assert_no_error (error);

  loop = g_main_loop_new (NULL, FALSE);
  g_unix_signal_add (SIGTERM, on_signal, NULL);
  g_unix_signal_add (SIGINT, on_signal, NULL);
  g_signal_connect_swapped (connection, "closed", G_CALLBACK (g_main_loop_quit), loop);
  g_bus_own_name_on_connection (connection, name, G_BUS_NAME_OWNER_FLAGS_DO_NOT_QUEUE,
                                on_name_acquired, on_name_lost, NULL, NULL);
  g_main_loop_run (loop);
  g_main_loop_unref (loop);
  g_object_unref (connection);
  return 0;
}
