/* kervi-memory-driver.h: memory use in percent from /proc/meminfo
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#if !defined(KERVI_INSIDE) && !defined(KERVI_COMPILATION)
#error "Only <kervi.h> can be included directly."
#endif

#include "kervi-sensor-driver.h"

G_BEGIN_DECLS

#define KERVI_TYPE_MEMORY_DRIVER (kervi_memory_driver_get_type ())
G_DECLARE_FINAL_TYPE (KerviMemoryDriver, kervi_memory_driver, KERVI, MEMORY_DRIVER,
                      KerviSensorDriver)

KerviMemoryDriver *kervi_memory_driver_new (void);

G_END_DECLS
