/* kervi-application-private.h: what the two halves of KerviApplication share
 *
 * kervi-application.c has the object and its API, kervi-application-run.c
 * the processes: bus, dashboard, modules, start and shutdown.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include "kervi-application.h"
#include "kervi-child.h"
#include "kervi-config.h"
#include "kervi-runtime-dir.h"
#include "kervi-skeleton.h"

G_BEGIN_DECLS

#define STOP_GRACE_S 5.0
#define KILL_GRACE_S 2.0
#define MAX_RESTART_DELAY_S 30.0

typedef struct
{
  KerviApplication *app;
  char *id;
  char *path;
  KerviChild *child;
  KerviModuleState state;
  char *message;
  guint restart_id;
  guint restarts;
} ModuleProcess;

struct _KerviApplication
{
  GObject parent_instance;

  KerviConfig config;
  char *config_file;
  char *program;      /* NULL: /proc/self/exe */
  GPtrArray *modules; /* ModuleProcess */
  GPtrArray *actions; /* KerviAction, application-wide */

  KerviRuntimeDir *runtime_dir;
  char *bus_address;
  KerviChild *bus_child;
  KerviChild *dashboard_child;
  gboolean dashboard_ready;
  guint dashboard_watch_id;

  GDBusObjectSkeleton *app_object;
  KerviSkeleton *app_skeleton;
  KerviSkeleton *actions_skeleton;
  guint own_id;

  GMainLoop *loop;
  gboolean started;
  gboolean quitting;
  gboolean stopped;
  int exit_status;
};

extern const GDBusInterfaceVTable _kervi_app_vtable;

void _kervi_module_process_free (ModuleProcess *module);
void _kervi_module_process_set_state (ModuleProcess *module, KerviModuleState state,
                                      const char *message);
ModuleProcess *_kervi_application_find_module (KerviApplication *self, const char *id);
void _kervi_application_export_actions (KerviApplication *self);
void _kervi_application_emit_ready (KerviApplication *self);

G_END_DECLS
