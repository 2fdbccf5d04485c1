/* kervi-dashboard-panel.c: one panel of a dashboard
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "config.h"

#include "kervi-dashboard-panel.h"
#include "kervi-private.h"

/**
 * KerviDashboardPanel:
 *
 * A panel of a [class@Kervi.Dashboard]: a titled box that holds the widgets
 * linked to it with [method@Kervi.Value.link_to_dashboard] and friends.
 *
 * The width is a percentage of the dashboard's width, from 1 to 100; 0
 * lets the page choose (panels of width 0 share a row). On a phone-sized
 * screen every panel takes the whole width.
 */

struct _KerviDashboardPanel
{
  GObject parent_instance;

  char *id;
  char *title;
  guint width;
};

G_DEFINE_FINAL_TYPE (KerviDashboardPanel, kervi_dashboard_panel, G_TYPE_OBJECT)

enum
{
  PROP_0,
  PROP_ID,
  PROP_TITLE,
  PROP_WIDTH,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
kervi_dashboard_panel_finalize (GObject *object)
{
  KerviDashboardPanel *self = KERVI_DASHBOARD_PANEL (object);

  g_free (self->id);
  g_free (self->title);

  G_OBJECT_CLASS (kervi_dashboard_panel_parent_class)->finalize (object);
}

static void
kervi_dashboard_panel_get_property (GObject *object, guint prop_id, GValue *value,
                                    GParamSpec *pspec)
{
  KerviDashboardPanel *self = KERVI_DASHBOARD_PANEL (object);

  switch (prop_id)
    {
      case PROP_ID:
        g_value_set_string (value, self->id);
        break;
      case PROP_TITLE:
        g_value_set_string (value, self->title);
        break;
      case PROP_WIDTH:
        g_value_set_uint (value, self->width);
        break;
      default:
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kervi_dashboard_panel_set_property (GObject *object, guint prop_id, const GValue *value,
                                    GParamSpec *pspec)
{
  KerviDashboardPanel *self = KERVI_DASHBOARD_PANEL (object);

  switch (prop_id)
    {
      case PROP_ID:
        self->id = g_value_dup_string (value);
        break;
      case PROP_TITLE:
        kervi_dashboard_panel_set_title (self, g_value_get_string (value));
        break;
      case PROP_WIDTH:
        kervi_dashboard_panel_set_width (self, g_value_get_uint (value));
        break;
      default:
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kervi_dashboard_panel_constructed (GObject *object)
{
  KerviDashboardPanel *self = KERVI_DASHBOARD_PANEL (object);

  G_OBJECT_CLASS (kervi_dashboard_panel_parent_class)->constructed (object);

  if (!_kervi_id_is_valid (self->id, FALSE))
    g_critical ("KerviDashboardPanel: invalid id '%s': use letters, digits, '_' and '-'",
                self->id != NULL ? self->id : "(null)");
  if (self->title == NULL)
    self->title = g_strdup (self->id);
}

static void
kervi_dashboard_panel_class_init (KerviDashboardPanelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = kervi_dashboard_panel_finalize;
  object_class->get_property = kervi_dashboard_panel_get_property;
  object_class->set_property = kervi_dashboard_panel_set_property;
  object_class->constructed = kervi_dashboard_panel_constructed;

  /**
   * KerviDashboardPanel:id:
   *
   * The id of the panel within its dashboard: letters, digits, `_` and `-`.
   */
  properties[PROP_ID] = g_param_spec_string (
      "id", NULL, NULL, NULL, G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  /**
   * KerviDashboardPanel:title:
   *
   * The title shown above the panel; the id when not set.
   */
  properties[PROP_TITLE]
      = g_param_spec_string ("title", NULL, NULL, NULL,
                             G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * KerviDashboardPanel:width:
   *
   * The width in percent of the dashboard's width (1 to 100), or 0 to let
   * the page choose.
   */
  properties[PROP_WIDTH]
      = g_param_spec_uint ("width", NULL, NULL, 0, 100, 0,
                           G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
kervi_dashboard_panel_init (KerviDashboardPanel *self)
{
}

/**
 * kervi_dashboard_panel_new:
 * @id: the panel id: letters, digits, `_` and `-`
 * @title: (nullable): the title; %NULL for the id
 * @width: the width in percent (1 to 100), or 0 to let the page choose
 *
 * Creates a panel, to add to a dashboard with kervi_dashboard_add_panel().
 *
 * Returns: (transfer full): a new #KerviDashboardPanel
 */
KerviDashboardPanel *
kervi_dashboard_panel_new (const char *id, const char *title, guint width)
{
  g_return_val_if_fail (id != NULL, NULL);
  g_return_val_if_fail (width <= 100, NULL);

  return g_object_new (KERVI_TYPE_DASHBOARD_PANEL, "id", id, "title", title, "width", width, NULL);
}

/**
 * kervi_dashboard_panel_get_id:
 * @self: a #KerviDashboardPanel
 *
 * Returns: the panel id
 */
const char *
kervi_dashboard_panel_get_id (KerviDashboardPanel *self)
{
  g_return_val_if_fail (KERVI_IS_DASHBOARD_PANEL (self), NULL);

  return self->id;
}

/**
 * kervi_dashboard_panel_get_title:
 * @self: a #KerviDashboardPanel
 *
 * Returns: the title
 */
const char *
kervi_dashboard_panel_get_title (KerviDashboardPanel *self)
{
  g_return_val_if_fail (KERVI_IS_DASHBOARD_PANEL (self), NULL);

  return self->title;
}

/**
 * kervi_dashboard_panel_set_title:
 * @self: a #KerviDashboardPanel
 * @title: (nullable): the new title; %NULL for the id
 *
 * Sets the title shown above the panel.
 */
void
kervi_dashboard_panel_set_title (KerviDashboardPanel *self, const char *title)
{
  g_return_if_fail (KERVI_IS_DASHBOARD_PANEL (self));

  if (title == NULL)
    title = self->id;
  if (g_strcmp0 (self->title, title) == 0)
    return;
  g_free (self->title);
  self->title = g_strdup (title);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TITLE]);
}

/**
 * kervi_dashboard_panel_get_width:
 * @self: a #KerviDashboardPanel
 *
 * Returns: the width in percent, or 0 when the page chooses
 */
guint
kervi_dashboard_panel_get_width (KerviDashboardPanel *self)
{
  g_return_val_if_fail (KERVI_IS_DASHBOARD_PANEL (self), 0);

  return self->width;
}

/**
 * kervi_dashboard_panel_set_width:
 * @self: a #KerviDashboardPanel
 * @width: the width in percent (1 to 100), or 0 to let the page choose
 *
 * Sets the width of the panel.
 */
void
kervi_dashboard_panel_set_width (KerviDashboardPanel *self, guint width)
{
  g_return_if_fail (KERVI_IS_DASHBOARD_PANEL (self));
  g_return_if_fail (width <= 100);

  if (self->width == width)
    return;
  self->width = width;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_WIDTH]);
}
