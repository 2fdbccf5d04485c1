/* kervi-dashboard-panel.h: one panel of a dashboard
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#if !defined(KERVI_INSIDE) && !defined(KERVI_COMPILATION)
#error "Only <kervi.h> can be included directly."
#endif

#include <glib-object.h>

G_BEGIN_DECLS

#define KERVI_TYPE_DASHBOARD_PANEL (kervi_dashboard_panel_get_type ())
G_DECLARE_FINAL_TYPE (KerviDashboardPanel, kervi_dashboard_panel, KERVI, DASHBOARD_PANEL, GObject)

KerviDashboardPanel *kervi_dashboard_panel_new (const char *id, const char *title, guint width);

const char *kervi_dashboard_panel_get_id (KerviDashboardPanel *self);
const char *kervi_dashboard_panel_get_title (KerviDashboardPanel *self);
void kervi_dashboard_panel_set_title (KerviDashboardPanel *self, const char *title);
guint kervi_dashboard_panel_get_width (KerviDashboardPanel *self);
void kervi_dashboard_panel_set_width (KerviDashboardPanel *self, guint width);

G_END_DECLS
