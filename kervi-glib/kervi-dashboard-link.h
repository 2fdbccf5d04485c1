/* kervi-dashboard-link.h: showing values and actions on dashboards
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#if !defined(KERVI_INSIDE) && !defined(KERVI_COMPILATION)
#error "Only <kervi.h> can be included directly."
#endif

#include "kervi-value.h"
#include "kervi-action.h"
#include "kervi-component.h"

G_BEGIN_DECLS

/**
 * KERVI_DASHBOARD_ALL:
 *
 * The dashboard id that means "every dashboard".
 */
#define KERVI_DASHBOARD_ALL "*"

/**
 * KERVI_DASHBOARD_HEADER_PANEL:
 *
 * The panel id of the page header, shown above every dashboard; used with
 * %KERVI_DASHBOARD_ALL by kervi_value_link_to_header().
 */
#define KERVI_DASHBOARD_HEADER_PANEL "header"

gboolean kervi_value_link_to_dashboard (KerviValue *value, const char *dashboard_id,
                                        const char *panel_id, const char *type,
                                        const char *options_json, GError **error);
gboolean kervi_value_link_to_header (KerviValue *value, const char *type, const char *options_json,
                                     GError **error);
gboolean kervi_action_link_to_dashboard (KerviAction *action, const char *dashboard_id,
                                         const char *panel_id, const char *type,
                                         const char *options_json, GError **error);
gboolean kervi_component_link_to_dashboard (KerviComponent *component, const char *dashboard_id,
                                            const char *panel_id, const char *type,
                                            const char *options_json, GError **error);

G_END_DECLS
