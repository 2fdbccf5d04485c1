/* kervi-driver-private.h: helpers shared by the drivers shipped with kervi-glib
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include <glib-object.h>

#include "kervi-value.h"

G_BEGIN_DECLS

GValue *_kervi_driver_construct_param (GObjectConstructParam *params, guint n_params,
                                       const char *name);
void _kervi_driver_describe (GObjectConstructParam *params, guint n_params, KerviValueKind kind,
                             const char *unit, double min, double max, const char *device_name);

G_END_DECLS
