/* kervi-gpio-input-driver.h: a GPIO input line as a boolean sensor
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#if !defined(KERVI_INSIDE) && !defined(KERVI_COMPILATION)
#error "Only <kervi.h> can be included directly."
#endif

#include "kervi-sensor-driver.h"
#include "kervi-gpio-backend.h"

G_BEGIN_DECLS

#define KERVI_TYPE_GPIO_INPUT_DRIVER (kervi_gpio_input_driver_get_type ())
G_DECLARE_FINAL_TYPE (KerviGpioInputDriver, kervi_gpio_input_driver, KERVI, GPIO_INPUT_DRIVER,
                      KerviSensorDriver)

KerviSensorDriver *kervi_gpio_input_driver_new (const char *chip, const char *line);
KerviSensorDriver *kervi_gpio_input_driver_new_with_backend (KerviGpioBackend *backend,
                                                             const char *chip, const char *line);

const char *kervi_gpio_input_driver_get_chip (KerviGpioInputDriver *self);
const char *kervi_gpio_input_driver_get_line (KerviGpioInputDriver *self);
KerviGpioBackend *kervi_gpio_input_driver_get_backend (KerviGpioInputDriver *self);
KerviGpioPull kervi_gpio_input_driver_get_pull (KerviGpioInputDriver *self);
void kervi_gpio_input_driver_set_pull (KerviGpioInputDriver *self, KerviGpioPull pull);
gboolean kervi_gpio_input_driver_get_active_low (KerviGpioInputDriver *self);
void kervi_gpio_input_driver_set_active_low (KerviGpioInputDriver *self, gboolean active_low);
guint kervi_gpio_input_driver_get_debounce_ms (KerviGpioInputDriver *self);
void kervi_gpio_input_driver_set_debounce_ms (KerviGpioInputDriver *self, guint debounce_ms);

G_END_DECLS
