/* kervi-module.h: one module process on the application's bus
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#if !defined(KERVI_INSIDE) && !defined(KERVI_COMPILATION)
#error "Only <kervi.h> can be included directly."
#endif

#include <gio/gio.h>

G_BEGIN_DECLS

#define KERVI_TYPE_MODULE (kervi_module_get_type ())
G_DECLARE_FINAL_TYPE (KerviModule, kervi_module, KERVI, MODULE, GObject)

/**
 * KERVI_MODULE_ENTRY_POINT:
 *
 * The name of the function a C module exports. Its type is
 * #KerviModuleInitFunc:
 *
 * |[<!-- language="C" -->
 * G_MODULE_EXPORT gboolean
 * kervi_module_init (KerviModule *module, GError **error)
 * {
 *   g_autoptr(KerviSensor) sensor = kervi_sensor_new ("cpu_load", "CPU load",
 *                                                     kervi_cpu_load_driver_new ());
 *   return TRUE;
 * }
 * ]|
 */
#define KERVI_MODULE_ENTRY_POINT "kervi_module_init"

/**
 * KerviModuleInitFunc:
 * @module: the module being loaded
 * @error: return location for a #GError
 *
 * The entry point of a C module (see %KERVI_MODULE_ENTRY_POINT). It creates
 * the module's components; the module host exports them on the bus once it
 * returns %TRUE.
 *
 * Returns: %TRUE on success, %FALSE with @error set otherwise
 */
typedef gboolean (*KerviModuleInitFunc) (KerviModule *module, GError **error);

KerviModule *kervi_module_new (const char *id, const char *path);
const char *kervi_module_get_id (KerviModule *self);
const char *kervi_module_get_path (KerviModule *self);
gboolean kervi_module_load (KerviModule *self, GError **error);
int kervi_module_run (KerviModule *self, GError **error);
void kervi_module_quit (KerviModule *self);

G_END_DECLS
