/* kervi-dashboard.h: a dashboard page declared in code
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#if !defined(KERVI_INSIDE) && !defined(KERVI_COMPILATION)
#error "Only <kervi.h> can be included directly."
#endif

#include "kervi-component.h"
#include "kervi-dashboard-panel.h"

G_BEGIN_DECLS

#define KERVI_TYPE_DASHBOARD (kervi_dashboard_get_type ())
G_DECLARE_FINAL_TYPE (KerviDashboard, kervi_dashboard, KERVI, DASHBOARD, KerviComponent)

KerviDashboard *kervi_dashboard_new (const char *id, const char *name, gboolean is_default);

gboolean kervi_dashboard_get_is_default (KerviDashboard *self);
gboolean kervi_dashboard_add_panel (KerviDashboard *self, KerviDashboardPanel *panel,
                                    GError **error);
KerviDashboardPanel *kervi_dashboard_lookup_panel (KerviDashboard *self, const char *panel_id);
GList *kervi_dashboard_get_panels (KerviDashboard *self);

G_END_DECLS
