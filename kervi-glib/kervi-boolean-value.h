/* kervi-boolean-value.h: an on/off value
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#if !defined(KERVI_INSIDE) && !defined(KERVI_COMPILATION)
#error "Only <kervi.h> can be included directly."
#endif

#include "kervi-value.h"

G_BEGIN_DECLS

#define KERVI_TYPE_BOOLEAN_VALUE (kervi_boolean_value_get_type ())
G_DECLARE_FINAL_TYPE (KerviBooleanValue, kervi_boolean_value, KERVI, BOOLEAN_VALUE, KerviValue)

KerviBooleanValue *kervi_boolean_value_new (const char *id, const char *name);
gboolean kervi_boolean_value_get_value (KerviBooleanValue *self);
void kervi_boolean_value_set_value (KerviBooleanValue *self, gboolean value);

G_END_DECLS
