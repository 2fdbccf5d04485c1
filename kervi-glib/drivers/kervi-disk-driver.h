/* kervi-disk-driver.h: file system use in percent, via statvfs()
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#if !defined(KERVI_INSIDE) && !defined(KERVI_COMPILATION)
#error "Only <kervi.h> can be included directly."
#endif

#include "kervi-sensor-driver.h"

G_BEGIN_DECLS

#define KERVI_TYPE_DISK_DRIVER (kervi_disk_driver_get_type ())
G_DECLARE_FINAL_TYPE (KerviDiskDriver, kervi_disk_driver, KERVI, DISK_DRIVER, KerviSensorDriver)

KerviDiskDriver *kervi_disk_driver_new (const char *path);

G_END_DECLS
