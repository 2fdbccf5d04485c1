/* kervi-bh1750-driver.h: a ROHM BH1750 ambient light sensor on I2C
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#if !defined(KERVI_INSIDE) && !defined(KERVI_COMPILATION)
#error "Only <kervi.h> can be included directly."
#endif

#include "kervi-sensor-driver.h"
#include "kervi-i2c-backend.h"

G_BEGIN_DECLS

#define KERVI_TYPE_BH1750_DRIVER (kervi_bh1750_driver_get_type ())
G_DECLARE_FINAL_TYPE (KerviBh1750Driver, kervi_bh1750_driver, KERVI, BH1750_DRIVER,
                      KerviSensorDriver)

KerviSensorDriver *kervi_bh1750_driver_new (guint bus, guint address);
KerviSensorDriver *kervi_bh1750_driver_new_with_backend (KerviI2cBackend *backend, guint bus,
                                                         guint address);
guint kervi_bh1750_driver_get_bus (KerviBh1750Driver *self);
guint kervi_bh1750_driver_get_address (KerviBh1750Driver *self);

G_END_DECLS
