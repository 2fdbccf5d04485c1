/* kervi-cpu-load-driver.h: CPU load in percent from /proc/stat
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#if !defined(KERVI_INSIDE) && !defined(KERVI_COMPILATION)
#error "Only <kervi.h> can be included directly."
#endif

#include "kervi-sensor-driver.h"

G_BEGIN_DECLS

#define KERVI_TYPE_CPU_LOAD_DRIVER (kervi_cpu_load_driver_get_type ())
G_DECLARE_FINAL_TYPE (KerviCpuLoadDriver, kervi_cpu_load_driver, KERVI, CPU_LOAD_DRIVER,
                      KerviSensorDriver)

KerviCpuLoadDriver *kervi_cpu_load_driver_new (void);

G_END_DECLS
