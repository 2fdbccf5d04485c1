/* kervi.h: the one header of kervi-glib
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#define KERVI_INSIDE

#include "kervi-error.h"
#include "kervi-enum-types.h"
#include "kervi-value.h"
#include "kervi-number-value.h"
#include "kervi-boolean-value.h"
#include "kervi-string-value.h"
#include "kervi-enum-value.h"
#include "kervi-date-time-value.h"
#include "kervi-color-value.h"
#include "kervi-action.h"
#include "kervi-component.h"
#include "kervi-controller.h"
#include "kervi-sensor-driver.h"
#include "kervi-sensor.h"
#include "kervi-drivers.h"
#include "devices/kervi-devices.h"
#include "kervi-module.h"
#include "kervi-application.h"
#include "kervi-dashboard-panel.h"
#include "kervi-dashboard.h"
#include "kervi-dashboard-link.h"

#undef KERVI_INSIDE
