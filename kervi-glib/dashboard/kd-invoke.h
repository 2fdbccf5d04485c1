/* kd-invoke.h: actions calls and input changes from the browser, over D-Bus
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include "kd-model.h"

G_BEGIN_DECLS

#define KD_ERROR (kd_error_quark ())

/* Errors of the WebSocket protocol; see kd_error_code() for their names. */
typedef enum
{
  KD_ERROR_BAD_REQUEST,
  KD_ERROR_TOO_BIG,
  KD_ERROR_UNKNOWN_VALUE,
  KD_ERROR_UNKNOWN_ACTION,
  KD_ERROR_INVALID_ARGS,
  KD_ERROR_READ_ONLY,
  KD_ERROR_OFFLINE,
} KdError;

GQuark kd_error_quark (void);
const char *kd_error_code (const GError *error);

void kd_invoke_set (GDBusConnection *connection, KdModel *model, const char *value_id,
                    JsonNode *data, GCancellable *cancellable, GAsyncReadyCallback callback,
                    gpointer user_data);
void kd_invoke_call (GDBusConnection *connection, KdModel *model, const char *action_id,
                     JsonNode *args, GCancellable *cancellable, GAsyncReadyCallback callback,
                     gpointer user_data);
JsonNode *kd_invoke_finish (GAsyncResult *result, GError **error);

G_END_DECLS
