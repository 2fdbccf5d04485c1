/* kervi-gpiod-backend.h: GPIO through libgpiod 1.6
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include "kervi-gpio-backend.h"

G_BEGIN_DECLS

#define KERVI_TYPE_GPIOD_BACKEND (kervi_gpiod_backend_get_type ())
G_DECLARE_FINAL_TYPE (KerviGpiodBackend, kervi_gpiod_backend, KERVI, GPIOD_BACKEND,
                      KerviGpioBackend)

KerviGpioBackend *kervi_gpiod_backend_new (void);

G_END_DECLS
