/* kervi-test-util.h: what the test suites share: waiting on events,
 * temporary trees, and starting a real Kervi application
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

typedef struct
{
  GSubprocess *process;
  char *root;        /* temporary XDG_RUNTIME_DIR */
  char *config_path; /* the configuration file written for the app */
  char *bus_address;
  GDBusConnection *connection;
  GString *output; /* everything the app and its children printed */
  gboolean running;
  gboolean exited;
  gboolean output_closed;
} KerviTestApp;

KerviTestApp *kervi_test_app_new (const char *program, const char *config);
gboolean kervi_test_app_start (KerviTestApp *app, double timeout_s);
int kervi_test_app_wait_exit (KerviTestApp *app, double timeout_s);
gboolean kervi_test_app_wait_output (KerviTestApp *app, const char *text, double timeout_s);
GPid kervi_test_app_get_pid (KerviTestApp *app);
void kervi_test_app_free (KerviTestApp *app);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (KerviTestApp, kervi_test_app_free)

typedef gboolean (*KerviTestCondition) (gpointer data);
char *kervi_test_make_temp_dir (const char *prefix);
void kervi_test_write_file (const char *dir, const char *path, const char *contents);
char *kervi_test_read_file (const char *dir, const char *path);
void kervi_test_remove_tree (const char *path);
gboolean kervi_test_wait (KerviTestCondition condition, gpointer data, double timeout_s);
gboolean kervi_test_wait_pid_gone (GPid pid, double timeout_s);
void kervi_test_sync_subscriptions (GDBusConnection *connection);
GPid kervi_test_get_pid_of_name (GDBusConnection *connection, const char *name);

G_END_DECLS
