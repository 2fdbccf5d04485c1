/* kervi-bme280-driver.h: one reading of a BME280/BMP280 as a sensor driver
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#if !defined(KERVI_INSIDE) && !defined(KERVI_COMPILATION)
#error "Only <kervi.h> can be included directly."
#endif

#include "kervi-bme280.h"

G_BEGIN_DECLS

#define KERVI_TYPE_BME280_DRIVER (kervi_bme280_driver_get_type ())
G_DECLARE_FINAL_TYPE (KerviBme280Driver, kervi_bme280_driver, KERVI, BME280_DRIVER,
                      KerviSensorDriver)

KerviSensorDriver *kervi_bme280_driver_new (KerviBme280 *device, KerviBme280Quantity quantity);
KerviBme280 *kervi_bme280_driver_get_device (KerviBme280Driver *self);
KerviBme280Quantity kervi_bme280_driver_get_quantity (KerviBme280Driver *self);

G_END_DECLS
