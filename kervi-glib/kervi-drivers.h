/* kervi-drivers.h: the sensor drivers shipped with kervi-glib
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#if !defined(KERVI_INSIDE) && !defined(KERVI_COMPILATION)
#error "Only <kervi.h> can be included directly."
#endif

#include "drivers/kervi-fake-driver.h"
#include "drivers/kervi-cpu-load-driver.h"
#include "drivers/kervi-memory-driver.h"
#include "drivers/kervi-disk-driver.h"
#include "drivers/kervi-cpu-temp-driver.h"
