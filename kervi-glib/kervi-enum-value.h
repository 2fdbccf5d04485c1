/* kervi-enum-value.h: one choice out of a fixed list of options
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#if !defined(KERVI_INSIDE) && !defined(KERVI_COMPILATION)
#error "Only <kervi.h> can be included directly."
#endif

#include "kervi-value.h"

G_BEGIN_DECLS

#define KERVI_TYPE_ENUM_VALUE (kervi_enum_value_get_type ())
G_DECLARE_FINAL_TYPE (KerviEnumValue, kervi_enum_value, KERVI, ENUM_VALUE, KerviValue)

KerviEnumValue *kervi_enum_value_new (const char *id, const char *name, const char *const *options);
const char *kervi_enum_value_get_value (KerviEnumValue *self);
gboolean kervi_enum_value_set_value (KerviEnumValue *self, const char *option, GError **error);
const char *const *kervi_enum_value_get_options (KerviEnumValue *self);

G_END_DECLS
