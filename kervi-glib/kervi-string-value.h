/* kervi-string-value.h: a text value
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#if !defined(KERVI_INSIDE) && !defined(KERVI_COMPILATION)
#error "Only <kervi.h> can be included directly."
#endif

#include "kervi-value.h"

G_BEGIN_DECLS

#define KERVI_TYPE_STRING_VALUE (kervi_string_value_get_type ())
G_DECLARE_FINAL_TYPE (KerviStringValue, kervi_string_value, KERVI, STRING_VALUE, KerviValue)

KerviStringValue *kervi_string_value_new (const char *id, const char *name);
const char *kervi_string_value_get_value (KerviStringValue *self);
void kervi_string_value_set_value (KerviStringValue *self, const char *value);

G_END_DECLS
