/* kervi-pwm-output.h: a hardware PWM channel driven by a number value
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#if !defined(KERVI_INSIDE) && !defined(KERVI_COMPILATION)
#error "Only <kervi.h> can be included directly."
#endif

#include "kervi-controller.h"

G_BEGIN_DECLS

#define KERVI_TYPE_PWM_OUTPUT (kervi_pwm_output_get_type ())
G_DECLARE_FINAL_TYPE (KerviPwmOutput, kervi_pwm_output, KERVI, PWM_OUTPUT, KerviController)

KerviPwmOutput *kervi_pwm_output_new (const char *id, const char *name, guint chip, guint channel,
                                      double frequency);

KerviValue *kervi_pwm_output_get_duty_value (KerviPwmOutput *self);
double kervi_pwm_output_get_duty (KerviPwmOutput *self);
gboolean kervi_pwm_output_set_duty (KerviPwmOutput *self, double duty, GError **error);
guint kervi_pwm_output_get_chip (KerviPwmOutput *self);
guint kervi_pwm_output_get_channel (KerviPwmOutput *self);
double kervi_pwm_output_get_frequency (KerviPwmOutput *self);
const char *kervi_pwm_output_get_root (KerviPwmOutput *self);

G_END_DECLS
