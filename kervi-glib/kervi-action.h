/* kervi-action.h: a named callable with typed arguments
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#if !defined(KERVI_INSIDE) && !defined(KERVI_COMPILATION)
#error "Only <kervi.h> can be included directly."
#endif

#include <gio/gio.h>

G_BEGIN_DECLS

/**
 * KerviActionState:
 * @KERVI_ACTION_STATE_IDLE: never run yet
 * @KERVI_ACTION_STATE_RUNNING: running now
 * @KERVI_ACTION_STATE_DONE: the last run succeeded
 * @KERVI_ACTION_STATE_FAILED: the last run failed
 *
 * The state of a #KerviAction.
 */
typedef enum
{
  KERVI_ACTION_STATE_IDLE,
  KERVI_ACTION_STATE_RUNNING,
  KERVI_ACTION_STATE_DONE,
  KERVI_ACTION_STATE_FAILED,
} KerviActionState;

#define KERVI_TYPE_ACTION (kervi_action_get_type ())
G_DECLARE_FINAL_TYPE (KerviAction, kervi_action, KERVI, ACTION, GObject)

/**
 * KerviActionFunc:
 * @action: the action being run
 * @args: (not nullable): the arguments, a tuple of the action's signature
 * @user_data: the data given to kervi_action_new()
 *
 * The body of an action. To report a failure, call kervi_action_fail() and
 * return %NULL.
 *
 * Returns: (transfer full) (nullable): the result, of the action's result
 *   signature, or %NULL for none
 */
typedef GVariant *(*KerviActionFunc) (KerviAction *action, GVariant *args, gpointer user_data);

KerviAction *kervi_action_new (const char *id, const char *name, const char *signature,
                               KerviActionFunc func, gpointer user_data, GDestroyNotify notify);
KerviAction *kervi_action_new_with_closure (const char *id, const char *name, const char *signature,
                                            GClosure *closure);

const char *kervi_action_get_id (KerviAction *self);
const char *kervi_action_get_global_id (KerviAction *self);
const char *kervi_action_get_name (KerviAction *self);
const char *kervi_action_get_signature (KerviAction *self);
const char *kervi_action_get_result_signature (KerviAction *self);
void kervi_action_set_result_signature (KerviAction *self, const char *signature);
KerviActionState kervi_action_get_state (KerviAction *self);
GVariant *kervi_action_get_result (KerviAction *self);
const char *kervi_action_get_error_message (KerviAction *self);

GVariant *kervi_action_invoke (KerviAction *self, GVariant *args, GError **error);
void kervi_action_fail (KerviAction *self, const char *message);

void kervi_action_call (const char *action_id, GVariant *args, GCancellable *cancellable,
                        GAsyncReadyCallback callback, gpointer user_data);
GVariant *kervi_action_call_finish (GAsyncResult *result, GError **error);
GVariant *kervi_action_call_sync (const char *action_id, GVariant *args, GCancellable *cancellable,
                                  GError **error);

const char *kervi_action_state_to_string (KerviActionState state);

G_END_DECLS
