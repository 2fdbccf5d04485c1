/* kd-json.h: GVariant <-> JSON, and D-Bus proxy properties
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

GVariant *kd_json_to_variant (JsonNode *node, const GVariantType *type, GError **error);
char *kd_json_to_string (JsonNode *node);

char *kd_proxy_dup_string (GDBusProxy *proxy, const char *name);
gboolean kd_proxy_get_boolean (GDBusProxy *proxy, const char *name);
double kd_proxy_get_double (GDBusProxy *proxy, const char *name);
JsonNode *kd_proxy_get_json (GDBusProxy *proxy, const char *name);

G_END_DECLS
