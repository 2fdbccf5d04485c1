/* kervi-fake-i2c-backend.h: simulated I2C devices for tests
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#if !defined(KERVI_INSIDE) && !defined(KERVI_COMPILATION)
#error "Only <kervi.h> can be included directly."
#endif

#include "kervi-i2c-backend.h"

G_BEGIN_DECLS

#define KERVI_TYPE_FAKE_I2C_BACKEND (kervi_fake_i2c_backend_get_type ())
G_DECLARE_FINAL_TYPE (KerviFakeI2cBackend, kervi_fake_i2c_backend, KERVI, FAKE_I2C_BACKEND,
                      KerviI2cBackend)

KerviFakeI2cBackend *kervi_fake_i2c_backend_new (void);

void kervi_fake_i2c_backend_add_bus (KerviFakeI2cBackend *self, guint bus);
void kervi_fake_i2c_backend_add_device (KerviFakeI2cBackend *self, guint bus, guint address,
                                        GBytes *registers);
gboolean kervi_fake_i2c_backend_add_device_from_dump (KerviFakeI2cBackend *self, guint bus,
                                                      guint address, const char *dump_path,
                                                      GError **error);
void kervi_fake_i2c_backend_remove_device (KerviFakeI2cBackend *self, guint bus, guint address);
void kervi_fake_i2c_backend_set_register (KerviFakeI2cBackend *self, guint bus, guint address,
                                          guint8 reg, guint8 value);
guint8 kervi_fake_i2c_backend_get_register (KerviFakeI2cBackend *self, guint bus, guint address,
                                            guint8 reg);
guint kervi_fake_i2c_backend_get_transfer_count (KerviFakeI2cBackend *self, guint bus,
                                                 guint address);

G_END_DECLS
