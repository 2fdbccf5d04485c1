/* kervi-soft-pwm-output.h: software PWM on a GPIO line, for boards without PWM
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

#define KERVI_TYPE_SOFT_PWM_OUTPUT (kervi_soft_pwm_output_get_type ())
G_DECLARE_FINAL_TYPE (KerviSoftPwmOutput, kervi_soft_pwm_output, KERVI, SOFT_PWM_OUTPUT,
                      KerviController)

KerviSoftPwmOutput *kervi_soft_pwm_output_new (const char *id, const char *name, const char *chip,
                                               const char *line, double frequency);
KerviSoftPwmOutput *kervi_soft_pwm_output_new_with_backend (KerviGpioBackend *backend,
                                                            const char *id, const char *name,
                                                            const char *chip, const char *line,
                                                            double frequency);

KerviValue *kervi_soft_pwm_output_get_duty_value (KerviSoftPwmOutput *self);
double kervi_soft_pwm_output_get_duty (KerviSoftPwmOutput *self);
gboolean kervi_soft_pwm_output_set_duty (KerviSoftPwmOutput *self, double duty, GError **error);
double kervi_soft_pwm_output_get_frequency (KerviSoftPwmOutput *self);

G_END_DECLS
