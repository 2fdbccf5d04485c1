/* kervi-i2c-dev-backend.h: I2C through the kernel's /dev/i2c-N
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include "kervi-i2c-backend.h"

G_BEGIN_DECLS

#define KERVI_TYPE_I2C_DEV_BACKEND (kervi_i2c_dev_backend_get_type ())
G_DECLARE_FINAL_TYPE (KerviI2cDevBackend, kervi_i2c_dev_backend, KERVI, I2C_DEV_BACKEND,
                      KerviI2cBackend)

KerviI2cBackend *kervi_i2c_dev_backend_new (void);

G_END_DECLS
