/* test-dashboard-links.c: declaring dashboards and links, without a bus
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <json-glib/json-glib.h>
#include <kervi.h>

typedef struct
{
  KerviController *controller;
  KerviValue *level;     /* number input */
  KerviValue *speed;     /* number output */
  KerviValue *enabled;   /* boolean input */
  KerviValue *state;     /* boolean output */
  KerviValue *mode;      /* enum input */
  KerviAction *activate; /* (b) */
  KerviAction *move;     /* (sd) */
} Fixture;

static GVariant *
nothing (KerviAction *action, GVariant *args, gpointer user_data)
{
  return NULL;
}

static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  const char *const modes[] = { "auto", "off", NULL };
  static guint serial;
  g_autofree char *id = g_strdup_printf ("ctl%u", ++serial);

  f->controller = kervi_controller_new (id, "Controller");
  f->level = KERVI_VALUE (kervi_number_value_new ("level", "Level", 0, 100, "%"));
  f->speed = KERVI_VALUE (kervi_number_value_new ("speed", "Speed", 0, 10, "m/s"));
  f->enabled = KERVI_VALUE (kervi_boolean_value_new ("enabled", "Enabled"));
  f->state = KERVI_VALUE (kervi_boolean_value_new ("state", "State"));
  f->mode = KERVI_VALUE (kervi_enum_value_new ("mode", "Mode", modes));
  f->activate = kervi_action_new ("activate", "Activate", "b", nothing, NULL, NULL);
  f->move = kervi_action_new ("move", "Move", "sd", nothing, NULL, NULL);
  g_assert_true (kervi_controller_add_input (f->controller, f->level, NULL));
  g_assert_true (kervi_controller_add_output (f->controller, f->speed, NULL));
  g_assert_true (kervi_controller_add_input (f->controller, f->enabled, NULL));
  g_assert_true (kervi_controller_add_output (f->controller, f->state, NULL));
  g_assert_true (kervi_controller_add_input (f->controller, f->mode, NULL));
  g_assert_true (kervi_component_add_action (KERVI_COMPONENT (f->controller), f->activate, NULL));
  g_assert_true (kervi_component_add_action (KERVI_COMPONENT (f->controller), f->move, NULL));
}

static void
fixture_tear_down (Fixture *f, gconstpointer data)
{
  g_object_unref (f->level);
  g_object_unref (f->speed);
  g_object_unref (f->enabled);
  g_object_unref (f->state);
  g_object_unref (f->mode);
  g_object_unref (f->activate);
  g_object_unref (f->move);
  kervi_component_unregister (KERVI_COMPONENT (f->controller));
  g_object_unref (f->controller);
}

static JsonArray *
links_of (Fixture *f, JsonParser *parser)
{
  g_autofree char *json = kervi_component_get_dashboard_links (KERVI_COMPONENT (f->controller));
  g_autoptr (GError) error = NULL;

  json_parser_load_from_data (parser, json, -1, &error);
  g_assert_no_error (error);
  return json_node_get_array (json_parser_get_root (parser));
}

static void
test_value_links (Fixture *f, gconstpointer data)
{
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autoptr (GError) error = NULL;
  JsonArray *links;
  JsonObject *link;

  g_assert_true (kervi_value_link_to_dashboard (
      f->speed, "main", "fan", "chart", "{\"history\": 60, \"min\": 0, \"max\": 10}", &error));
  g_assert_no_error (error);
  g_assert_true (kervi_value_link_to_dashboard (f->speed, NULL, NULL, "gauge", NULL, &error));
  g_assert_true (
      kervi_value_link_to_dashboard (f->level, "main", "fan", "slider", "{\"step\": 0.5}", &error));
  g_assert_true (kervi_value_link_to_dashboard (f->enabled, "*", "x", "switch",
                                                "{\"on_text\": \"Go\"}", &error));
  g_assert_true (kervi_value_link_to_dashboard (f->mode, "main", NULL, "text", NULL, &error));
  g_assert_true (kervi_value_link_to_header (f->speed, "value", "{\"decimals\": 1}", &error));
  g_assert_no_error (error);

  links = links_of (f, parser);
  g_assert_cmpuint (json_array_get_length (links), ==, 6);
  link = json_array_get_object_element (links, 0);
  g_assert_cmpstr (json_object_get_string_member (link, "dashboard"), ==, "main");
  g_assert_cmpstr (json_object_get_string_member (link, "panel"), ==, "fan");
  g_assert_cmpstr (json_object_get_string_member (link, "type"), ==, "chart");
  g_assert_cmpstr (json_object_get_string_member (link, "value"), ==,
                   kervi_value_get_global_id (f->speed));
  g_assert_cmpint (
      json_object_get_int_member (json_object_get_object_member (link, "options"), "history"), ==,
      60);
  link = json_array_get_object_element (links, 1);
  g_assert_cmpstr (json_object_get_string_member (link, "dashboard"), ==, "");
  g_assert_cmpstr (json_object_get_string_member (link, "panel"), ==, "");
  link = json_array_get_object_element (links, 5);
  g_assert_cmpstr (json_object_get_string_member (link, "dashboard"), ==, "*");
  g_assert_cmpstr (json_object_get_string_member (link, "panel"), ==, "header");
}

typedef struct
{
  const char *type, *options, *message;
} BadLink;

static void
assert_refused (KerviValue *value, const BadLink *bad)
{
  g_autoptr (GError) error = NULL;

  g_test_message ("%s %s", bad->type, bad->options != NULL ? bad->options : "");
  g_assert_false (
      kervi_value_link_to_dashboard (value, "main", "p", bad->type, bad->options, &error));
  g_assert_error (error, KERVI_ERROR, KERVI_ERROR_INVALID_ARGS);
  g_assert_nonnull (strstr (error->message, bad->message));
  g_assert_nonnull (strstr (error->message, kervi_value_get_global_id (value)));
}

static void
test_value_refusals (Fixture *f, gconstpointer data)
{
  const BadLink on_speed[] = {
    { "pie", NULL, "unknown widget type 'pie'" },
    { "slider", NULL, "is a number output" },
    { "switch", NULL, "booleans" },
    { "text", NULL, "text" },
    { "chart", "{\"colour\": \"red\"}", "unknown option 'colour'" },
    { "chart", "{\"history\": \"long\"}", "option 'history' must be a number" },
    { "chart", "{\"history\": -5}", "option 'history' is out of range" },
    { "gauge", "{\"min\": 10, \"max\": 0}", "'min' must be less than 'max'" },
    { "value", "{\"decimals\": 1.5}", "option 'decimals' must be an integer" },
    { "value", "{\"decimals\": 99}", "out of range" },
    { "value", "{\"label\": 3}", "option 'label' must be a string" },
    { "value", "not json", "not valid JSON" },
    { "value", "[1]", "must be a JSON object" },
    { "chart", "{\"args\": []}", "unknown option 'args'" },
  };
  const BadLink on_state[] = {
    { "switch", NULL, "is a boolean output" },
    { "button", NULL, "is a boolean output" },
    { "chart", NULL, "numbers" },
  };
  g_autoptr (GError) error = NULL;
  g_autoptr (KerviValue) loose = KERVI_VALUE (kervi_number_value_new ("loose", NULL, 0, 1, ""));
  g_autoptr (JsonParser) parser = json_parser_new ();

  for (guint i = 0; i < G_N_ELEMENTS (on_speed); i++)
    assert_refused (f->speed, &on_speed[i]);
  for (guint i = 0; i < G_N_ELEMENTS (on_state); i++)
    assert_refused (f->state, &on_state[i]);

  g_assert_false (kervi_value_link_to_dashboard (loose, "main", "p", "value", NULL, &error));
  g_assert_error (error, KERVI_ERROR, KERVI_ERROR_INVALID_ARGS);
  g_assert_nonnull (strstr (error->message, "add it to a component first"));
  g_clear_error (&error);
  g_assert_false (
      kervi_value_link_to_dashboard (f->speed, "no spaces", "p", "value", NULL, &error));
  g_assert_error (error, KERVI_ERROR, KERVI_ERROR_INVALID_ID);

  /* Nothing refused was linked. */
  g_assert_cmpuint (json_array_get_length (links_of (f, parser)), ==, 0);
}

static void
test_action_links (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonParser) parser = json_parser_new ();
  JsonObject *link;

  g_assert_true (kervi_action_link_to_dashboard (f->activate, "main", "p", "switch",
                                                 "{\"value\": \"ctl.state\"}", &error));
  g_assert_true (kervi_action_link_to_dashboard (f->move, "main", "p", "button",
                                                 "{\"args\": [\"left\", 2]}", &error));
  g_assert_no_error (error);
  link = json_array_get_object_element (links_of (f, parser), 0);
  g_assert_cmpstr (json_object_get_string_member (link, "action"), ==,
                   kervi_action_get_global_id (f->activate));
  g_assert_false (json_object_has_member (link, "value"));

  g_assert_false (kervi_action_link_to_dashboard (f->activate, "main", "p", "chart", NULL, &error));
  g_assert_error (error, KERVI_ERROR, KERVI_ERROR_INVALID_ARGS);
  g_clear_error (&error);
  g_assert_false (kervi_action_link_to_dashboard (f->move, "main", "p", "switch", NULL, &error));
  g_assert_nonnull (strstr (error->message, "takes 'sd'"));
  g_clear_error (&error);
  g_assert_false (kervi_action_link_to_dashboard (f->move, "main", "p", "button", NULL, &error));
  g_assert_nonnull (strstr (error->message, "give them in option 'args'"));
  g_clear_error (&error);
  g_assert_false (kervi_action_link_to_dashboard (f->move, "main", "p", "button",
                                                  "{\"args\": [2, \"left\"]}", &error));
  g_assert_nonnull (strstr (error->message, "argument 1"));
  g_clear_error (&error);
  g_assert_false (kervi_action_link_to_dashboard (f->move, "main", "p", "button",
                                                  "{\"args\": [\"left\", 2, 3]}", &error));
  g_assert_nonnull (strstr (error->message, "has 3 arguments"));
  g_clear_error (&error);
}

static void
test_component_links (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonParser) parser = json_parser_new ();
  JsonArray *links;

  /* One type for all: a chart does not fit the booleans, nothing is linked. */
  g_assert_false (kervi_component_link_to_dashboard (KERVI_COMPONENT (f->controller), "main", "p",
                                                     "chart", NULL, &error));
  g_assert_error (error, KERVI_ERROR, KERVI_ERROR_INVALID_ARGS);
  g_assert_cmpuint (json_array_get_length (links_of (f, parser)), ==, 0);

  g_assert_true (kervi_component_link_to_dashboard (KERVI_COMPONENT (f->controller), "main", "p",
                                                    NULL, NULL, NULL));
  links = links_of (f, parser);
  g_assert_cmpuint (json_array_get_length (links), ==, 5);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (links, 0), "type"),
                   ==, "slider");
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (links, 2), "type"),
                   ==, "switch");
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (links, 1), "type"),
                   ==, "value");
}

static void
test_dashboard (void)
{
  g_autoptr (KerviDashboard) dashboard = kervi_dashboard_new ("main_board", "Main", TRUE);
  g_autoptr (KerviDashboardPanel) a = kervi_dashboard_panel_new ("a", "Panel A", 50);
  g_autoptr (KerviDashboardPanel) a2 = kervi_dashboard_panel_new ("a", NULL, 0);
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autoptr (GList) panels = NULL;
  JsonObject *info;
  JsonObject *panel;

  g_assert_cmpstr (kervi_component_get_type_name (KERVI_COMPONENT (dashboard)), ==, "dashboard");
  g_assert_true (kervi_dashboard_get_is_default (dashboard));
  g_assert_true (kervi_dashboard_add_panel (dashboard, a, &error));
  g_assert_false (kervi_dashboard_add_panel (dashboard, a2, &error));
  g_assert_error (error, KERVI_ERROR, KERVI_ERROR_EXISTS);
  g_clear_error (&error);
  g_assert_cmpstr (kervi_dashboard_panel_get_title (a2), ==, "a");
  kervi_dashboard_panel_set_title (a, "Renamed");
  panels = kervi_dashboard_get_panels (dashboard);
  g_assert_cmpuint (g_list_length (panels), ==, 1);
  g_assert_true (kervi_dashboard_lookup_panel (dashboard, "a") == a);

  {
    g_autofree char *json = NULL;
    g_object_get (dashboard, "info", &json, NULL);
    json_parser_load_from_data (parser, json, -1, &error);
    g_assert_no_error (error);
  }
  info = json_node_get_object (json_parser_get_root (parser));
  g_assert_true (json_object_get_boolean_member (info, "is_default"));
  panel = json_array_get_object_element (json_object_get_array_member (info, "panels"), 0);
  g_assert_cmpstr (json_object_get_string_member (panel, "title"), ==, "Renamed");
  g_assert_cmpint (json_object_get_int_member (panel, "width"), ==, 50);
  kervi_component_unregister (KERVI_COMPONENT (dashboard));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/dashboard-links/values", Fixture, NULL, fixture_set_up, test_value_links,
              fixture_tear_down);
  g_test_add ("/dashboard-links/value-refusals", Fixture, NULL, fixture_set_up, test_value_refusals,
              fixture_tear_down);
  g_test_add ("/dashboard-links/actions", Fixture, NULL, fixture_set_up, test_action_links,
              fixture_tear_down);
  g_test_add ("/dashboard-links/components", Fixture, NULL, fixture_set_up, test_component_links,
              fixture_tear_down);
  g_test_add_func ("/dashboard-links/dashboard", test_dashboard);
  return g_test_run ();
}
