/* bench-app.c: the application the benchmark starts
 *
 * Its modules come from the configuration file the benchmark writes.
 * app_main prints the monotonic time it ran at (on stderr, unbuffered),
 * for the start measure.
 * The component "caller" lives in the application process and has the
 * action
 *   roundtrip (s action_id, b async, u n, u warmup) -> at
 * which calls @action_id (an action taking and returning a `t`) warmup + n
 * times in a row, each after the previous reply, with
 * kervi_action_call_sync() or kervi_action_call(), and returns the n
 * round trip times in ns.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <kervi.h>

#include "bench-clock.h"

typedef struct
{
  const char *action_id;
  guint total;
  guint warmup;
  guint next;
  gint64 sent_ns;
  GArray *samples;
  GError *error;
} Roundtrip;

static void call_next (Roundtrip *rt);

static void
on_reply (GObject *source, GAsyncResult *result, gpointer user_data)
{
  Roundtrip *rt = user_data;
  g_autoptr (GVariant) reply = kervi_action_call_finish (result, &rt->error);
  guint64 elapsed = (guint64)(bench_now_ns () - rt->sent_ns);

  if (reply == NULL)
    return;
  if (rt->next++ >= rt->warmup)
    g_array_append_val (rt->samples, elapsed);
  call_next (rt);
}

static void
call_next (Roundtrip *rt)
{
  if (rt->next >= rt->total)
    return;
  rt->sent_ns = bench_now_ns ();
  kervi_action_call (rt->action_id, g_variant_new ("(t)", (guint64)rt->next), NULL, on_reply, rt);
}

static gboolean
run_sync (Roundtrip *rt)
{
  for (rt->next = 0; rt->next < rt->total; rt->next++)
    {
      gint64 start = bench_now_ns ();
      g_autoptr (GVariant) reply = kervi_action_call_sync (
          rt->action_id, g_variant_new ("(t)", (guint64)rt->next), NULL, &rt->error);
      guint64 elapsed = (guint64)(bench_now_ns () - start);

      if (reply == NULL)
        return FALSE;
      if (rt->next >= rt->warmup)
        g_array_append_val (rt->samples, elapsed);
    }
  return TRUE;
}

/* The asynchronous calls run in a context of their own, iterated here
 * until the last reply: the action returns the samples as its result. */
static gboolean
run_async (Roundtrip *rt)
{
  g_autoptr (GMainContext) context = g_main_context_new ();

  g_main_context_push_thread_default (context);
  call_next (rt);
  while (rt->next < rt->total && rt->error == NULL)
    g_main_context_iteration (context, TRUE);
  g_main_context_pop_thread_default (context);
  return rt->error == NULL;
}

static GVariant *
roundtrip (KerviAction *action, GVariant *args, gpointer user_data)
{
  Roundtrip rt = { 0 };
  gboolean async;
  guint32 n, warmup;
  GVariant *result = NULL;

  g_variant_get (args, "(&sbuu)", &rt.action_id, &async, &n, &warmup);
  rt.total = n + warmup;
  rt.warmup = warmup;
  rt.samples = g_array_sized_new (FALSE, FALSE, sizeof (guint64), n);
  if (async ? run_async (&rt) : run_sync (&rt))
    result = g_variant_new_fixed_array (G_VARIANT_TYPE_UINT64, rt.samples->data, rt.samples->len,
                                        sizeof (guint64));
  else
    kervi_action_fail (action, rt.error->message);
  g_clear_error (&rt.error);
  g_array_unref (rt.samples);
  return result;
}

static GVariant *
app_main (KerviAction *action, GVariant *args, gpointer user_data)
{
  g_printerr ("bench-app: app_main %" G_GINT64_FORMAT "\n", bench_now_ns ());
  return NULL;
}

int
main (int argc, char **argv)
{
  g_autoptr (KerviApplication) app = kervi_application_new ("kervi-bench", "Kervi benchmark");
  g_autoptr (KerviAction) main_action
      = kervi_action_new ("app_main", NULL, "", app_main, NULL, NULL);
  g_autoptr (KerviController) caller = kervi_controller_new ("caller", "Caller");
  g_autoptr (KerviAction) roundtrip_action
      = kervi_action_new ("roundtrip", "Round trips", "sbuu", roundtrip, NULL, NULL);

  kervi_action_set_result_signature (roundtrip_action, "at");
  kervi_component_add_action (KERVI_COMPONENT (caller), roundtrip_action, NULL);
  kervi_application_add_action (app, main_action, NULL);
  return kervi_application_run (app, argc, argv);
}
