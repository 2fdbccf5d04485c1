/* kervi-w1-thermometer-driver.h: a DS18B20 1-Wire thermometer
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#if !defined(KERVI_INSIDE) && !defined(KERVI_COMPILATION)
#error "Only <kervi.h> can be included directly."
#endif

#include "kervi-sensor-driver.h"

G_BEGIN_DECLS

#define KERVI_TYPE_W1_THERMOMETER_DRIVER (kervi_w1_thermometer_driver_get_type ())
G_DECLARE_FINAL_TYPE (KerviW1ThermometerDriver, kervi_w1_thermometer_driver, KERVI,
                      W1_THERMOMETER_DRIVER, KerviSensorDriver)

KerviSensorDriver *kervi_w1_thermometer_driver_new (const char *device_id);
const char *kervi_w1_thermometer_driver_get_device_id (KerviW1ThermometerDriver *self);
const char *kervi_w1_thermometer_driver_get_root (KerviW1ThermometerDriver *self);

G_END_DECLS
