/* kervi-i2c-backend.h: the thin layer I2C drivers talk to
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#if !defined(KERVI_INSIDE) && !defined(KERVI_COMPILATION)
#error "Only <kervi.h> can be included directly."
#endif

#include <glib-object.h>

G_BEGIN_DECLS

#define KERVI_TYPE_I2C_BACKEND (kervi_i2c_backend_get_type ())
G_DECLARE_DERIVABLE_TYPE (KerviI2cBackend, kervi_i2c_backend, KERVI, I2C_BACKEND, GObject)

/**
 * KerviI2cBackendClass:
 * @parent_class: the parent class
 * @transfer: writes @n_write bytes to the device, then (with a repeated
 *   start) reads @n_read bytes from it. Either part may be empty. Called
 *   from worker threads: implementations must be thread-safe.
 *
 * The class of #KerviI2cBackend.
 */
struct _KerviI2cBackendClass
{
  GObjectClass parent_class;

  gboolean (*transfer) (KerviI2cBackend *self, guint bus, guint address, const guint8 *write,
                        gsize n_write, guint8 *read, gsize n_read, GError **error);

  /*< private >*/
  gpointer padding[8];
};

KerviI2cBackend *kervi_i2c_backend_get_default (void);

gboolean kervi_i2c_backend_transfer (KerviI2cBackend *self, guint bus, guint address,
                                     const guint8 *write, gsize n_write, guint8 *read, gsize n_read,
                                     GError **error);
gboolean kervi_i2c_backend_read_registers (KerviI2cBackend *self, guint bus, guint address,
                                           guint8 reg, guint8 *buffer, gsize n_bytes,
                                           GError **error);
gboolean kervi_i2c_backend_write_register (KerviI2cBackend *self, guint bus, guint address,
                                           guint8 reg, guint8 value, GError **error);

G_END_DECLS
