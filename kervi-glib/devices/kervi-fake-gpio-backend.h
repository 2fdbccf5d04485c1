/* kervi-fake-gpio-backend.h: simulated GPIO chips for tests
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#if !defined(KERVI_INSIDE) && !defined(KERVI_COMPILATION)
#error "Only <kervi.h> can be included directly."
#endif

#include "kervi-gpio-backend.h"

G_BEGIN_DECLS

#define KERVI_TYPE_FAKE_GPIO_BACKEND (kervi_fake_gpio_backend_get_type ())
G_DECLARE_FINAL_TYPE (KerviFakeGpioBackend, kervi_fake_gpio_backend, KERVI, FAKE_GPIO_BACKEND,
                      KerviGpioBackend)

KerviFakeGpioBackend *kervi_fake_gpio_backend_new (void);

void kervi_fake_gpio_backend_add_chip (KerviFakeGpioBackend *self, const char *name,
                                       const char *label, guint n_lines,
                                       const char *const *line_names);
void kervi_fake_gpio_backend_remove_chip (KerviFakeGpioBackend *self, const char *name);
void kervi_fake_gpio_backend_set_permission (KerviFakeGpioBackend *self, const char *chip,
                                             gboolean allowed);
void kervi_fake_gpio_backend_set_consumer (KerviFakeGpioBackend *self, const char *chip,
                                           guint offset, const char *consumer);
void kervi_fake_gpio_backend_set_level (KerviFakeGpioBackend *self, const char *chip, guint offset,
                                        gboolean high, gint64 timestamp_us);
gboolean kervi_fake_gpio_backend_get_level (KerviFakeGpioBackend *self, const char *chip,
                                            guint offset);
gboolean kervi_fake_gpio_backend_is_requested (KerviFakeGpioBackend *self, const char *chip,
                                               guint offset);

G_END_DECLS
