/* kervi-number-value.h: a number with min, max and unit
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#if !defined(KERVI_INSIDE) && !defined(KERVI_COMPILATION)
#error "Only <kervi.h> can be included directly."
#endif

#include "kervi-value.h"

G_BEGIN_DECLS

#define KERVI_TYPE_NUMBER_VALUE (kervi_number_value_get_type ())
G_DECLARE_FINAL_TYPE (KerviNumberValue, kervi_number_value, KERVI, NUMBER_VALUE, KerviValue)

KerviNumberValue *kervi_number_value_new (const char *id, const char *name, double min, double max,
                                          const char *unit);
double kervi_number_value_get_value (KerviNumberValue *self);
gboolean kervi_number_value_set_value (KerviNumberValue *self, double value, GError **error);
double kervi_number_value_get_min (KerviNumberValue *self);
double kervi_number_value_get_max (KerviNumberValue *self);
const char *kervi_number_value_get_unit (KerviNumberValue *self);

G_END_DECLS
