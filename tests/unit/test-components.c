/* test-components.c: controllers, local links and actions in one process
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <kervi.h>

#include "kervi-test-util.h"

static void
on_input_changed (KerviController *controller, KerviValue *input, guint *count)
{
  (*count)++;
}

static void
test_controller (void)
{
  g_autoptr (KerviController) ctrl = kervi_controller_new ("ctrl_basic", "Controller");
  g_autoptr (KerviNumberValue) temp = kervi_number_value_new ("temp", NULL, 0, 150, NULL);
  g_autoptr (KerviNumberValue) speed = kervi_number_value_new ("speed", NULL, 0, 100, NULL);
  g_autoptr (KerviNumberValue) other = kervi_number_value_new ("temp", NULL, 0, 1, NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (GList) inputs = NULL;
  guint count = 0;

  g_signal_connect (ctrl, "input-changed", G_CALLBACK (on_input_changed), &count);
  g_assert_true (kervi_controller_add_input (ctrl, KERVI_VALUE (temp), &error));
  g_assert_true (kervi_controller_add_output (ctrl, KERVI_VALUE (speed), &error));
  g_assert_no_error (error);

  g_assert_cmpstr (kervi_value_get_global_id (KERVI_VALUE (temp)), ==, "ctrl_basic.temp");
  g_assert_true (kervi_value_get_input (KERVI_VALUE (temp)));
  g_assert_false (kervi_value_get_input (KERVI_VALUE (speed)));
  g_assert_true (kervi_controller_get_input (ctrl, "temp") == KERVI_VALUE (temp));
  g_assert_null (kervi_controller_get_input (ctrl, "speed"));
  g_assert_true (kervi_controller_get_output (ctrl, "speed") == KERVI_VALUE (speed));
  inputs = kervi_controller_get_inputs (ctrl);
  g_assert_cmpuint (g_list_length (inputs), ==, 1);
  g_assert_cmpstr (kervi_component_get_type_name (KERVI_COMPONENT (ctrl)), ==, "controller");
  g_assert_cmpstr (kervi_component_get_module (KERVI_COMPONENT (ctrl)), ==, "app");

  /* Same id twice, or a value of another component: refused. */
  g_assert_false (kervi_controller_add_input (ctrl, KERVI_VALUE (other), &error));
  g_assert_error (error, KERVI_ERROR, KERVI_ERROR_EXISTS);
  g_clear_error (&error);
  g_assert_false (kervi_controller_add_output (ctrl, KERVI_VALUE (temp), &error));
  g_assert_error (error, KERVI_ERROR, KERVI_ERROR_EXISTS);
  g_clear_error (&error);

  kervi_number_value_set_value (temp, 30, NULL);
  kervi_number_value_set_value (speed, 30, NULL);
  g_assert_cmpuint (count, ==, 1);
  kervi_component_unregister (KERVI_COMPONENT (ctrl));
}

static void
test_local_link (void)
{
  g_autoptr (KerviController) target = kervi_controller_new ("link_target", NULL);
  g_autoptr (KerviNumberValue) input = kervi_number_value_new ("in", NULL, 0, 50, NULL);
  g_autoptr (KerviController) source = NULL;
  g_autoptr (KerviNumberValue) output = kervi_number_value_new ("out", NULL, 0, 100, NULL);
  g_autoptr (GError) error = NULL;

  kervi_controller_add_input (target, KERVI_VALUE (input), NULL);

  /* Late binding: the source does not exist yet. */
  g_assert_true (kervi_value_link_to (KERVI_VALUE (input), "link_source.out", &error));
  g_assert_no_error (error);
  g_assert_cmpstr (kervi_value_get_link_source (KERVI_VALUE (input)), ==, "link_source.out");
  g_assert_false (kervi_value_get_link_connected (KERVI_VALUE (input)));

  source = kervi_controller_new ("link_source", NULL);
  kervi_number_value_set_value (output, 12, NULL);
  kervi_controller_add_output (source, KERVI_VALUE (output), NULL);
  g_assert_true (kervi_value_get_link_connected (KERVI_VALUE (input)));
  /* The current value is taken on connecting... */
  g_assert_cmpfloat (kervi_number_value_get_value (input), ==, 12);
  /* ...and every change after. */
  kervi_number_value_set_value (output, 33, NULL);
  g_assert_cmpfloat (kervi_number_value_get_value (input), ==, 33);

  /* Out of the target's range: logged, not set, not clamped. */
  g_test_expect_message ("Kervi", G_LOG_LEVEL_WARNING, "*link_target.in <- link_source.out*");
  kervi_number_value_set_value (output, 80, NULL);
  g_test_assert_expected_messages ();
  g_assert_cmpfloat (kervi_number_value_get_value (input), ==, 33);

  /* The source goes away: the link waits again. */
  kervi_component_unregister (KERVI_COMPONENT (source));
  g_assert_false (kervi_value_get_link_connected (KERVI_VALUE (input)));

  g_assert_false (kervi_value_link_to (KERVI_VALUE (input), "not an id", &error));
  g_assert_error (error, KERVI_ERROR, KERVI_ERROR_INVALID_ID);
  g_clear_error (&error);
  g_assert_false (kervi_value_link_to (KERVI_VALUE (input), "link_target.in", &error));
  g_assert_error (error, KERVI_ERROR, KERVI_ERROR_INVALID_ID);

  kervi_value_unlink (KERVI_VALUE (input));
  g_assert_null (kervi_value_get_link_source (KERVI_VALUE (input)));
  kervi_component_unregister (KERVI_COMPONENT (target));
}

static GVariant *
multiply (KerviAction *action, GVariant *args, gpointer user_data)
{
  double a, b;

  g_variant_get (args, "(dd)", &a, &b);
  if (a < 0)
    {
      kervi_action_fail (action, "negative");
      return NULL;
    }
  return g_variant_new_double (a * b);
}

static void
test_action (void)
{
  g_autoptr (KerviController) calc = kervi_controller_new ("calc", NULL);
  g_autoptr (KerviAction) action
      = kervi_action_new ("multiply", "Multiply", "dd", multiply, NULL, NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (GVariant) result = NULL;

  kervi_action_set_result_signature (action, "d");
  g_assert_true (kervi_component_add_action (KERVI_COMPONENT (calc), action, &error));
  g_assert_cmpstr (kervi_action_get_global_id (action), ==, "calc.multiply");
  g_assert_cmpint (kervi_action_get_state (action), ==, KERVI_ACTION_STATE_IDLE);

  result = kervi_action_invoke (action, g_variant_new ("(dd)", 3.0, 4.0), &error);
  g_assert_no_error (error);
  g_assert_cmpfloat (g_variant_get_double (result), ==, 12);
  g_assert_cmpint (kervi_action_get_state (action), ==, KERVI_ACTION_STATE_DONE);
  g_assert_cmpfloat (g_variant_get_double (kervi_action_get_result (action)), ==, 12);
  g_clear_pointer (&result, g_variant_unref);

  /* By id, in this process. */
  result = kervi_action_call_sync ("calc.multiply", g_variant_new ("(dd)", 2.0, 5.0), NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpfloat (g_variant_get_double (result), ==, 10);

  g_assert_null (kervi_action_invoke (action, g_variant_new ("(d)", 3.0), &error));
  g_assert_error (error, KERVI_ERROR, KERVI_ERROR_INVALID_ARGS);
  g_clear_error (&error);
  g_assert_null (kervi_action_invoke (action, g_variant_new ("(dd)", -1.0, 1.0), &error));
  g_assert_error (error, KERVI_ERROR, KERVI_ERROR_ACTION_FAILED);
  g_assert_nonnull (strstr (error->message, "negative"));
  g_clear_error (&error);
  g_assert_cmpint (kervi_action_get_state (action), ==, KERVI_ACTION_STATE_FAILED);
  g_assert_cmpstr (kervi_action_get_error_message (action), ==, "negative");

  /* Unknown ids, and no bus to look further. */
  g_assert_null (kervi_action_call_sync ("calc.divide", NULL, NULL, &error));
  g_assert_error (error, KERVI_ERROR, KERVI_ERROR_NOT_CONNECTED);
  g_clear_error (&error);
  g_assert_null (kervi_action_call_sync ("calc.", NULL, NULL, &error));
  g_assert_error (error, KERVI_ERROR, KERVI_ERROR_INVALID_ID);
  g_clear_error (&error);
  g_assert_null (kervi_action_call_sync ("calc.multiply", g_variant_new_int32 (1), NULL, &error));
  g_assert_error (error, KERVI_ERROR, KERVI_ERROR_INVALID_ARGS);
  kervi_component_unregister (KERVI_COMPONENT (calc));
}

static void
on_call_done (GObject *source, GAsyncResult *result, gpointer user_data)
{
  GVariant **out = user_data;
  g_autoptr (GError) error = NULL;

  *out = kervi_action_call_finish (result, &error);
  g_assert_no_error (error);
}

static gboolean
result_arrived (gpointer data)
{
  return *(GVariant **)data != NULL;
}

static void
test_action_async (void)
{
  g_autoptr (KerviController) calc = kervi_controller_new ("calc_async", NULL);
  g_autoptr (KerviAction) action = kervi_action_new ("multiply", NULL, "dd", multiply, NULL, NULL);
  GVariant *result = NULL;

  kervi_action_set_result_signature (action, "d");
  kervi_component_add_action (KERVI_COMPONENT (calc), action, NULL);
  kervi_action_call ("calc_async.multiply", g_variant_new ("(dd)", 6.0, 7.0), NULL, on_call_done,
                     &result);
  /* The callback always comes from the main loop, never from inside. */
  g_assert_null (result);
  g_assert_true (kervi_test_wait (result_arrived, &result, 10));
  g_assert_cmpfloat (g_variant_get_double (result), ==, 42);
  g_variant_unref (result);
  kervi_component_unregister (KERVI_COMPONENT (calc));
}

static GVariant *
count_calls (KerviAction *action, GVariant *args, gpointer user_data)
{
  (*(guint *)user_data)++;
  return NULL;
}

static void
test_action_closure_destroy (void)
{
  guint calls = 0;
  KerviAction *action = kervi_action_new ("tick", NULL, NULL, count_calls, &calls, NULL);
  g_autoptr (GError) error = NULL;

  g_assert_cmpstr (kervi_action_get_signature (action), ==, "");
  g_assert_null (kervi_action_invoke (action, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (calls, ==, 1);
  g_object_unref (action);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/components/controller", test_controller);
  g_test_add_func ("/components/local-link", test_local_link);
  g_test_add_func ("/components/action", test_action);
  g_test_add_func ("/components/action-async", test_action_async);
  g_test_add_func ("/components/action-closure", test_action_closure_destroy);
  return g_test_run ();
}
