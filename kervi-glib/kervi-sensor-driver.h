/* kervi-sensor-driver.h: base class of the drivers that feed sensors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#if !defined(KERVI_INSIDE) && !defined(KERVI_COMPILATION)
#error "Only <kervi.h> can be included directly."
#endif

#include <gio/gio.h>

#include "kervi-value.h"

G_BEGIN_DECLS

#define KERVI_TYPE_SENSOR_DRIVER (kervi_sensor_driver_get_type ())
G_DECLARE_DERIVABLE_TYPE (KerviSensorDriver, kervi_sensor_driver, KERVI, SENSOR_DRIVER, GObject)

/**
 * KerviSensorDriverClass:
 * @parent_class: the parent class
 * @read: reads one reading. Returns a new #GVariant of the driver's kind
 *   (`d` for numbers, `b` for booleans), or %NULL with @error set. Called in
 *   the main thread unless @read_in_thread is set.
 * @start: optional; starts delivering readings by itself (event-driven
 *   drivers watch a file descriptor and call
 *   kervi_sensor_driver_push_reading()). Returns %FALSE with @error set if
 *   the device cannot be watched.
 * @stop: optional; stops what @start started.
 * @read_in_thread: %TRUE if @read may block (I2C transfers and the like):
 *   kervi_sensor_driver_read_async() then runs it in a worker thread.
 *   Drivers written in languages with a global interpreter lock leave it
 *   %FALSE.
 *
 * The class of #KerviSensorDriver. A driver implements @read (polled
 * sensors), or @start and @stop (event-driven sensors), or both.
 */
struct _KerviSensorDriverClass
{
  GObjectClass parent_class;

  GVariant *(*read) (KerviSensorDriver *self, GError **error);
  gboolean (*start) (KerviSensorDriver *self, GError **error);
  void (*stop) (KerviSensorDriver *self);

  gboolean read_in_thread;

  /*< private >*/
  gpointer padding[8];
};

KerviValueKind kervi_sensor_driver_get_kind (KerviSensorDriver *self);
const char *kervi_sensor_driver_get_unit (KerviSensorDriver *self);
double kervi_sensor_driver_get_min (KerviSensorDriver *self);
double kervi_sensor_driver_get_max (KerviSensorDriver *self);
const char *kervi_sensor_driver_get_device_name (KerviSensorDriver *self);

GVariant *kervi_sensor_driver_read (KerviSensorDriver *self, GError **error);
void kervi_sensor_driver_read_async (KerviSensorDriver *self, GCancellable *cancellable,
                                     GAsyncReadyCallback callback, gpointer user_data);
GVariant *kervi_sensor_driver_read_finish (KerviSensorDriver *self, GAsyncResult *result,
                                           GError **error);

gboolean kervi_sensor_driver_is_event_driven (KerviSensorDriver *self);
gboolean kervi_sensor_driver_start (KerviSensorDriver *self, GError **error);
void kervi_sensor_driver_stop (KerviSensorDriver *self);

void kervi_sensor_driver_push_reading (KerviSensorDriver *self, GVariant *reading);
void kervi_sensor_driver_push_error (KerviSensorDriver *self, const GError *error);

G_END_DECLS
