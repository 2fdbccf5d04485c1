/* kervi-fake-driver.h: a driver whose readings the caller sets, for tests
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#if !defined(KERVI_INSIDE) && !defined(KERVI_COMPILATION)
#error "Only <kervi.h> can be included directly."
#endif

#include "kervi-sensor-driver.h"

G_BEGIN_DECLS

#define KERVI_TYPE_FAKE_DRIVER (kervi_fake_driver_get_type ())
G_DECLARE_FINAL_TYPE (KerviFakeDriver, kervi_fake_driver, KERVI, FAKE_DRIVER, KerviSensorDriver)

KerviFakeDriver *kervi_fake_driver_new (KerviValueKind kind, const char *unit, double min,
                                        double max);
void kervi_fake_driver_set_reading (KerviFakeDriver *self, GVariant *reading);
void kervi_fake_driver_set_error (KerviFakeDriver *self, const char *message);
void kervi_fake_driver_push (KerviFakeDriver *self, GVariant *reading);
guint kervi_fake_driver_get_read_count (KerviFakeDriver *self);

G_END_DECLS
