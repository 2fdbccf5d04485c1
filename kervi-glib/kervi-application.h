/* kervi-application.h: the application process and its children
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#if !defined(KERVI_INSIDE) && !defined(KERVI_COMPILATION)
#error "Only <kervi.h> can be included directly."
#endif

#include <gio/gio.h>

#include "kervi-action.h"

G_BEGIN_DECLS

/**
 * KerviModuleState:
 * @KERVI_MODULE_STATE_STOPPED: not running
 * @KERVI_MODULE_STATE_STARTING: its process runs but it is not on the bus yet
 * @KERVI_MODULE_STATE_READY: on the bus with all its components
 * @KERVI_MODULE_STATE_STOPPING: asked to exit
 * @KERVI_MODULE_STATE_FAILED: it exited with an error or failed to start
 *
 * The state of one module process, as seen by the application.
 */
typedef enum
{
  KERVI_MODULE_STATE_STOPPED,
  KERVI_MODULE_STATE_STARTING,
  KERVI_MODULE_STATE_READY,
  KERVI_MODULE_STATE_STOPPING,
  KERVI_MODULE_STATE_FAILED,
} KerviModuleState;

#define KERVI_TYPE_APPLICATION (kervi_application_get_type ())
G_DECLARE_FINAL_TYPE (KerviApplication, kervi_application, KERVI, APPLICATION, GObject)

KerviApplication *kervi_application_new (const char *id, const char *name);

const char *kervi_application_get_id (KerviApplication *self);
const char *kervi_application_get_name (KerviApplication *self);
const char *kervi_application_get_bus_address (KerviApplication *self);
const char *kervi_application_get_runtime_dir (KerviApplication *self);
const char *kervi_application_get_program (KerviApplication *self);
void kervi_application_set_program (KerviApplication *self, const char *program);

void kervi_application_add_module (KerviApplication *self, const char *module_id);
const char *const *kervi_application_get_modules (KerviApplication *self);
KerviModuleState kervi_application_get_module_state (KerviApplication *self, const char *module_id);
gboolean kervi_application_add_action (KerviApplication *self, KerviAction *action, GError **error);
gboolean kervi_application_load_config (KerviApplication *self, const char *path, GError **error);

int kervi_application_run (KerviApplication *self, int argc, char **argv);
void kervi_application_quit (KerviApplication *self);

const char *kervi_module_state_to_string (KerviModuleState state);

G_END_DECLS
