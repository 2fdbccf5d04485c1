/* kervi-sensor.h: a controller with one output fed by a driver
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#if !defined(KERVI_INSIDE) && !defined(KERVI_COMPILATION)
#error "Only <kervi.h> can be included directly."
#endif

#include "kervi-controller.h"
#include "kervi-sensor-driver.h"

G_BEGIN_DECLS

#define KERVI_TYPE_SENSOR (kervi_sensor_get_type ())
G_DECLARE_FINAL_TYPE (KerviSensor, kervi_sensor, KERVI, SENSOR, KerviController)

KerviSensor *kervi_sensor_new (const char *id, const char *name, KerviSensorDriver *driver);
KerviSensorDriver *kervi_sensor_get_driver (KerviSensor *self);
KerviValue *kervi_sensor_get_value (KerviSensor *self);
double kervi_sensor_get_interval (KerviSensor *self);
void kervi_sensor_set_interval (KerviSensor *self, double seconds);
double kervi_sensor_get_delta (KerviSensor *self);
void kervi_sensor_set_delta (KerviSensor *self, double delta);

G_END_DECLS
