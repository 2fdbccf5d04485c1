/* kervi-cpu-temp-driver.h: CPU temperature from thermal zones or hwmon
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#if !defined(KERVI_INSIDE) && !defined(KERVI_COMPILATION)
#error "Only <kervi.h> can be included directly."
#endif

#include "kervi-sensor-driver.h"

G_BEGIN_DECLS

#define KERVI_TYPE_CPU_TEMP_DRIVER (kervi_cpu_temp_driver_get_type ())
G_DECLARE_FINAL_TYPE (KerviCpuTempDriver, kervi_cpu_temp_driver, KERVI, CPU_TEMP_DRIVER,
                      KerviSensorDriver)

KerviCpuTempDriver *kervi_cpu_temp_driver_new (void);

G_END_DECLS
