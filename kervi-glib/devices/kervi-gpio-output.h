/* kervi-gpio-output.h: a GPIO output line driven by a boolean value
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#if !defined(KERVI_INSIDE) && !defined(KERVI_COMPILATION)
#error "Only <kervi.h> can be included directly."
#endif

#include "kervi-controller.h"
#include "kervi-gpio-backend.h"

G_BEGIN_DECLS

#define KERVI_TYPE_GPIO_OUTPUT (kervi_gpio_output_get_type ())
G_DECLARE_FINAL_TYPE (KerviGpioOutput, kervi_gpio_output, KERVI, GPIO_OUTPUT, KerviController)

KerviGpioOutput *kervi_gpio_output_new (const char *id, const char *name, const char *chip,
                                        const char *line);
KerviGpioOutput *kervi_gpio_output_new_with_backend (KerviGpioBackend *backend, const char *id,
                                                     const char *name, const char *chip,
                                                     const char *line, gboolean active_low);

KerviValue *kervi_gpio_output_get_state_value (KerviGpioOutput *self);
gboolean kervi_gpio_output_get_state (KerviGpioOutput *self);
void kervi_gpio_output_set_state (KerviGpioOutput *self, gboolean state);
const char *kervi_gpio_output_get_chip (KerviGpioOutput *self);
const char *kervi_gpio_output_get_line (KerviGpioOutput *self);
gboolean kervi_gpio_output_get_active_low (KerviGpioOutput *self);

G_END_DECLS
