/* kervi-devices.h: device drivers for GPIO, 1-Wire, I2C and PWM
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#if !defined(KERVI_INSIDE) && !defined(KERVI_COMPILATION)
#error "Only <kervi.h> can be included directly."
#endif

#include "kervi-gpio-backend.h"
#include "kervi-fake-gpio-backend.h"
#include "kervi-gpio-input-driver.h"
#include "kervi-gpio-output.h"
#include "kervi-soft-pwm-output.h"
#include "kervi-pwm-output.h"
#include "kervi-w1-thermometer-driver.h"
#include "kervi-i2c-backend.h"
#include "kervi-fake-i2c-backend.h"
#include "kervi-bme280.h"
#include "kervi-bme280-driver.h"
#include "kervi-bh1750-driver.h"
