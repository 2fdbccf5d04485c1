/* kd-json.h: GVariant <-> JSON for the dashboard's WebSocket protocol
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

JsonNode *kd_variant_to_json (GVariant *value);
GVariant *kd_json_to_variant (JsonNode *node, const GVariantType *type, GError **error);
char *kd_json_to_string (JsonNode *node);

G_END_DECLS
