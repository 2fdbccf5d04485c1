/* kd-bus.h: names of the bus contract (data/org.kervi.xml) the dashboard uses
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#define KD_OBJECT_ROOT "/org/kervi"
#define KD_COMPONENT_ROOT "/org/kervi/component/"
#define KD_APP_PATH "/org/kervi/app"
#define KD_BUS_NAMESPACE "org.kervi"
#define KD_APP_BUS_NAME "org.kervi.App"
#define KD_MODULE_BUS_NAME_PREFIX "org.kervi.Module."
#define KD_DASHBOARD_BUS_NAME "org.kervi.Dashboard"
#define KD_COMPONENT_IFACE "org.kervi.Component"
#define KD_VALUE_IFACE "org.kervi.Value"
#define KD_ACTIONS_IFACE "org.kervi.Actions"
#define KD_APP_IFACE "org.kervi.App"
#define KD_APP_COMPONENT_ID "app"
