/* kervi-color-value.h: an RGB colour
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#if !defined(KERVI_INSIDE) && !defined(KERVI_COMPILATION)
#error "Only <kervi.h> can be included directly."
#endif

#include "kervi-value.h"

G_BEGIN_DECLS

#define KERVI_TYPE_COLOR_VALUE (kervi_color_value_get_type ())
G_DECLARE_FINAL_TYPE (KerviColorValue, kervi_color_value, KERVI, COLOR_VALUE, KerviValue)

KerviColorValue *kervi_color_value_new (const char *id, const char *name);
const char *kervi_color_value_get_value (KerviColorValue *self);
gboolean kervi_color_value_set_value (KerviColorValue *self, const char *color, GError **error);

G_END_DECLS
