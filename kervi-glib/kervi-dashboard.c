/* kervi-dashboard.c: a dashboard page declared in code
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "config.h"

#include <json-glib/json-glib.h>

#include "kervi-dashboard.h"
#include "kervi-error.h"
#include "kervi-private.h"

/**
 * KerviDashboard:
 *
 * A page of the web dashboard served by `kervi-dashboard`, as in Kervi: it
 * has an id, a name shown on its tab, and panels
 * ([class@Kervi.DashboardPanel]) that hold the widgets linked to them with
 * [method@Kervi.Value.link_to_dashboard], [method@Kervi.Action.link_to_dashboard]
 * and [method@Kervi.Component.link_to_dashboard].
 *
 * A dashboard is a component of type `dashboard`: declared in any process of
 * the application, it appears on the bus as `/org/kervi/component/<id>`, and
 * its layout travels in the component's `Info` property as the JSON object
 * `{"is_default": bool, "panels": [{"id", "title", "width"}, ...]}` (see
 * data/dashboard-protocol.md).
 *
 * Links may name dashboards and panels that are never declared: the page
 * then shows them under their ids. With no dashboard declared at all, one
 * default dashboard shows everything that was linked.
 */

struct _KerviDashboard
{
  KerviComponent parent_instance;

  gboolean is_default;
  GPtrArray *panels; /* of KerviDashboardPanel */
};

G_DEFINE_FINAL_TYPE (KerviDashboard, kervi_dashboard, KERVI_TYPE_COMPONENT)

enum
{
  PROP_0,
  PROP_IS_DEFAULT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
kervi_dashboard_update_info (KerviDashboard *self)
{
  g_autoptr (JsonBuilder) builder = json_builder_new ();
  g_autoptr (JsonGenerator) generator = json_generator_new ();
  g_autoptr (JsonNode) root = NULL;
  g_autofree char *json = NULL;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "is_default");
  json_builder_add_boolean_value (builder, self->is_default);
  json_builder_set_member_name (builder, "panels");
  json_builder_begin_array (builder);
  for (guint i = 0; i < self->panels->len; i++)
    {
      KerviDashboardPanel *panel = g_ptr_array_index (self->panels, i);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "id");
      json_builder_add_string_value (builder, kervi_dashboard_panel_get_id (panel));
      json_builder_set_member_name (builder, "title");
      json_builder_add_string_value (builder, kervi_dashboard_panel_get_title (panel));
      json_builder_set_member_name (builder, "width");
      json_builder_add_int_value (builder, kervi_dashboard_panel_get_width (panel));
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  json = json_generator_to_data (generator, NULL);
  _kervi_component_set_info (KERVI_COMPONENT (self), json);
}

static void
panel_notify_cb (KerviDashboardPanel *panel, GParamSpec *pspec, KerviDashboard *self)
{
  kervi_dashboard_update_info (self);
}

static void
kervi_dashboard_dispose (GObject *object)
{
  KerviDashboard *self = KERVI_DASHBOARD (object);

  for (guint i = 0; i < self->panels->len; i++)
    g_signal_handlers_disconnect_by_func (g_ptr_array_index (self->panels, i), panel_notify_cb,
                                          self);
  g_ptr_array_set_size (self->panels, 0);

  G_OBJECT_CLASS (kervi_dashboard_parent_class)->dispose (object);
}

static void
kervi_dashboard_finalize (GObject *object)
{
  KerviDashboard *self = KERVI_DASHBOARD (object);

  g_ptr_array_unref (self->panels);

  G_OBJECT_CLASS (kervi_dashboard_parent_class)->finalize (object);
}

static void
kervi_dashboard_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  KerviDashboard *self = KERVI_DASHBOARD (object);

  switch (prop_id)
    {
      case PROP_IS_DEFAULT:
        g_value_set_boolean (value, self->is_default);
        break;
      default:
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kervi_dashboard_set_property (GObject *object, guint prop_id, const GValue *value,
                              GParamSpec *pspec)
{
  KerviDashboard *self = KERVI_DASHBOARD (object);

  switch (prop_id)
    {
      case PROP_IS_DEFAULT:
        self->is_default = g_value_get_boolean (value);
        break;
      default:
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kervi_dashboard_constructed (GObject *object)
{
  G_OBJECT_CLASS (kervi_dashboard_parent_class)->constructed (object);

  kervi_dashboard_update_info (KERVI_DASHBOARD (object));
}

static void
kervi_dashboard_class_init (KerviDashboardClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  KerviComponentClass *component_class = KERVI_COMPONENT_CLASS (klass);

  object_class->dispose = kervi_dashboard_dispose;
  object_class->finalize = kervi_dashboard_finalize;
  object_class->get_property = kervi_dashboard_get_property;
  object_class->set_property = kervi_dashboard_set_property;
  object_class->constructed = kervi_dashboard_constructed;

  component_class->type_name = "dashboard";

  /**
   * KerviDashboard:is-default:
   *
   * %TRUE for the dashboard the page opens first.
   */
  properties[PROP_IS_DEFAULT]
      = g_param_spec_boolean ("is-default", NULL, NULL, FALSE,
                              G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
kervi_dashboard_init (KerviDashboard *self)
{
  self->panels = g_ptr_array_new_with_free_func (g_object_unref);
}

/**
 * kervi_dashboard_new:
 * @id: the dashboard id, unique among the components of the application
 * @name: (nullable): the name shown on the dashboard's tab; %NULL for the id
 * @is_default: whether the page opens this dashboard first
 *
 * Creates a dashboard. Like every component, it appears on the bus by
 * itself.
 *
 * Returns: (transfer full): a new #KerviDashboard
 */
KerviDashboard *
kervi_dashboard_new (const char *id, const char *name, gboolean is_default)
{
  g_return_val_if_fail (id != NULL, NULL);

  return g_object_new (KERVI_TYPE_DASHBOARD, "id", id, "name", name, "is-default", is_default,
                       NULL);
}

/**
 * kervi_dashboard_get_is_default:
 * @self: a #KerviDashboard
 *
 * Returns: %TRUE if the page opens this dashboard first
 */
gboolean
kervi_dashboard_get_is_default (KerviDashboard *self)
{
  g_return_val_if_fail (KERVI_IS_DASHBOARD (self), FALSE);

  return self->is_default;
}

/**
 * kervi_dashboard_add_panel:
 * @self: a #KerviDashboard
 * @panel: the panel to add
 * @error: return location for a #GError
 *
 * Adds @panel after the panels added before. Later changes of the panel's
 * title or width reach the page too.
 *
 * Returns: %TRUE on success; %FALSE with %KERVI_ERROR_EXISTS if the
 *   dashboard has a panel with that id already
 */
gboolean
kervi_dashboard_add_panel (KerviDashboard *self, KerviDashboardPanel *panel, GError **error)
{
  const char *panel_id;

  g_return_val_if_fail (KERVI_IS_DASHBOARD (self), FALSE);
  g_return_val_if_fail (KERVI_IS_DASHBOARD_PANEL (panel), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  panel_id = kervi_dashboard_panel_get_id (panel);
  if (kervi_dashboard_lookup_panel (self, panel_id) != NULL)
    {
      g_set_error (error, KERVI_ERROR, KERVI_ERROR_EXISTS,
                   "Dashboard '%s' has a panel '%s' already",
                   kervi_component_get_id (KERVI_COMPONENT (self)), panel_id);
      return FALSE;
    }

  g_ptr_array_add (self->panels, g_object_ref (panel));
  g_signal_connect_object (panel, "notify", G_CALLBACK (panel_notify_cb), self, 0);
  kervi_dashboard_update_info (self);
  return TRUE;
}

/**
 * kervi_dashboard_lookup_panel:
 * @self: a #KerviDashboard
 * @panel_id: a panel id
 *
 * Returns: (transfer none) (nullable): the panel @panel_id, or %NULL
 */
KerviDashboardPanel *
kervi_dashboard_lookup_panel (KerviDashboard *self, const char *panel_id)
{
  g_return_val_if_fail (KERVI_IS_DASHBOARD (self), NULL);
  g_return_val_if_fail (panel_id != NULL, NULL);

  for (guint i = 0; i < self->panels->len; i++)
    {
      KerviDashboardPanel *panel = g_ptr_array_index (self->panels, i);

      if (g_str_equal (kervi_dashboard_panel_get_id (panel), panel_id))
        return panel;
    }
  return NULL;
}

/**
 * kervi_dashboard_get_panels:
 * @self: a #KerviDashboard
 *
 * Returns: (transfer container) (element-type KerviDashboardPanel): the
 *   panels, in the order they were added
 */
GList *
kervi_dashboard_get_panels (KerviDashboard *self)
{
  GList *list = NULL;

  g_return_val_if_fail (KERVI_IS_DASHBOARD (self), NULL);

  for (guint i = self->panels->len; i > 0; i--)
    list = g_list_prepend (list, g_ptr_array_index (self->panels, i - 1));
  return list;
}
