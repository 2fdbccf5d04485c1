/* kervi-date-time-value.h: a point in time
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#if !defined(KERVI_INSIDE) && !defined(KERVI_COMPILATION)
#error "Only <kervi.h> can be included directly."
#endif

#include "kervi-value.h"

G_BEGIN_DECLS

#define KERVI_TYPE_DATE_TIME_VALUE (kervi_date_time_value_get_type ())
G_DECLARE_FINAL_TYPE (KerviDateTimeValue, kervi_date_time_value, KERVI, DATE_TIME_VALUE, KerviValue)

KerviDateTimeValue *kervi_date_time_value_new (const char *id, const char *name);
GDateTime *kervi_date_time_value_get_value (KerviDateTimeValue *self);
void kervi_date_time_value_set_value (KerviDateTimeValue *self, GDateTime *value);

G_END_DECLS
