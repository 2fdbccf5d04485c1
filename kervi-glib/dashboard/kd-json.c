/* kd-json.c: GVariant <-> JSON, and D-Bus proxy properties
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "config.h"

#include "kd-json.h"

static gboolean
fail (GError **error, JsonNode *node, const GVariantType *type)
{
  g_autofree char *type_string = g_variant_type_dup_string (type);

  g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
               "a JSON %s does not fit D-Bus type '%s'", json_node_type_name (node), type_string);
  return FALSE;
}

static GVariant *
json_to_integer (JsonNode *node, const GVariantType *type, GError **error)
{
  gint64 v;
  char code = *g_variant_type_peek_string (type);
  struct
  {
    char code;
    gint64 min, max;
  } ranges[] = { { 'y', 0, G_MAXUINT8 },  { 'n', G_MININT16, G_MAXINT16 },
                 { 'q', 0, G_MAXUINT16 }, { 'i', G_MININT32, G_MAXINT32 },
                 { 'u', 0, G_MAXUINT32 }, { 'x', G_MININT64, G_MAXINT64 },
                 { 't', 0, G_MAXINT64 },  { 'h', G_MININT32, G_MAXINT32 } };

  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_INT64)
    return fail (error, node, type), NULL;
  v = json_node_get_int (node);
  for (guint i = 0; i < G_N_ELEMENTS (ranges); i++)
    if (ranges[i].code == code && (v < ranges[i].min || v > ranges[i].max))
      {
        g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                     "%" G_GINT64_FORMAT " is out of range for D-Bus type '%c'", v, code);
        return NULL;
      }
  switch (code)
    {
      case 'y':
        return g_variant_new_byte (v);
      case 'n':
        return g_variant_new_int16 (v);
      case 'q':
        return g_variant_new_uint16 (v);
      case 'i':
        return g_variant_new_int32 (v);
      case 'u':
        return g_variant_new_uint32 (v);
      case 'x':
        return g_variant_new_int64 (v);
      case 't':
        return g_variant_new_uint64 (v);
      default:
        return g_variant_new_handle (v);
    }
}

static GVariant *
json_to_container (JsonNode *node, const GVariantType *type, GError **error)
{
  g_auto (GVariantBuilder) builder = G_VARIANT_BUILDER_INIT (type);

  if (g_variant_type_is_tuple (type))
    {
      JsonArray *array;
      const GVariantType *item = g_variant_type_first (type);
      guint n = g_variant_type_n_items (type);

      if (!JSON_NODE_HOLDS_ARRAY (node))
        return fail (error, node, type), NULL;
      array = json_node_get_array (node);
      if (json_array_get_length (array) != n)
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                       "%u arguments given, %u expected", json_array_get_length (array), n);
          return NULL;
        }
      for (guint i = 0; i < n; i++, item = g_variant_type_next (item))
        {
          GVariant *child = kd_json_to_variant (json_array_get_element (array, i), item, error);
          if (child == NULL)
            return NULL;
          g_variant_builder_add_value (&builder, child);
        }
    }
  else if (g_variant_type_is_dict_entry (g_variant_type_element (type)))
    {
      const GVariantType *entry = g_variant_type_element (type);
      JsonObject *object;
      g_autoptr (GList) members = NULL;

      if (!JSON_NODE_HOLDS_OBJECT (node)
          || !g_variant_type_equal (g_variant_type_key (entry), G_VARIANT_TYPE_STRING))
        return fail (error, node, type), NULL;
      object = json_node_get_object (node);
      members = json_object_get_members (object);
      for (GList *l = members; l != NULL; l = l->next)
        {
          GVariant *child = kd_json_to_variant (json_object_get_member (object, l->data),
                                                g_variant_type_value (entry), error);
          if (child == NULL)
            return NULL;
          g_variant_builder_add_value (
              &builder, g_variant_new_dict_entry (g_variant_new_string (l->data), child));
        }
    }
  else
    {
      JsonArray *array;

      if (!JSON_NODE_HOLDS_ARRAY (node))
        return fail (error, node, type), NULL;
      array = json_node_get_array (node);
      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          GVariant *child = kd_json_to_variant (json_array_get_element (array, i),
                                                g_variant_type_element (type), error);
          if (child == NULL)
            return NULL;
          g_variant_builder_add_value (&builder, child);
        }
    }
  return g_variant_builder_end (&builder);
}

/* A JSON value typed by a D-Bus type: integers fit integer types and `d`,
 * numbers `d`, booleans `b`, strings `s` (and `o`, `g` when valid), arrays
 * arrays and tuples, objects `a{s*}`; `v` takes the natural type. Anything
 * else is refused with a message saying what did not fit. */
GVariant *
kd_json_to_variant (JsonNode *node, const GVariantType *type, GError **error)
{
  GType value_type
      = JSON_NODE_HOLDS_VALUE (node) ? json_node_get_value_type (node) : G_TYPE_INVALID;

  if (g_variant_type_equal (type, G_VARIANT_TYPE_VARIANT))
    {
      GVariant *inner = NULL;

      if (value_type == G_TYPE_BOOLEAN)
        inner = g_variant_new_boolean (json_node_get_boolean (node));
      else if (value_type == G_TYPE_INT64)
        inner = g_variant_new_int64 (json_node_get_int (node));
      else if (value_type == G_TYPE_DOUBLE)
        inner = g_variant_new_double (json_node_get_double (node));
      else if (value_type == G_TYPE_STRING)
        inner = g_variant_new_string (json_node_get_string (node));
      else
        return fail (error, node, type), NULL;
      return g_variant_new_variant (inner);
    }
  if (g_variant_type_is_container (type))
    return json_to_container (node, type, error);

  switch (*g_variant_type_peek_string (type))
    {
      case 'b':
        if (value_type != G_TYPE_BOOLEAN)
          return fail (error, node, type), NULL;
        return g_variant_new_boolean (json_node_get_boolean (node));
      case 'd':
        if (value_type != G_TYPE_DOUBLE && value_type != G_TYPE_INT64)
          return fail (error, node, type), NULL;
        return g_variant_new_double (json_node_get_double (node));
      case 's':
      case 'o':
      case 'g':
        {
          const char *s;
          char code = *g_variant_type_peek_string (type);

          if (value_type != G_TYPE_STRING)
            return fail (error, node, type), NULL;
          s = json_node_get_string (node);
          if (code == 's')
            return g_utf8_validate (s, -1, NULL) ? g_variant_new_string (s) : NULL;
          if (code == 'o' && g_variant_is_object_path (s))
            return g_variant_new_object_path (s);
          if (code == 'g' && g_variant_is_signature (s))
            return g_variant_new_signature (s);
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                       "'%s' is not a valid D-Bus '%c'", s, code);
          return NULL;
        }
      default:
        return json_to_integer (node, type, error);
    }
}

char *
kd_json_to_string (JsonNode *node)
{
  g_autoptr (JsonGenerator) generator = json_generator_new ();

  json_generator_set_root (generator, node);
  return json_generator_to_data (generator, NULL);
}

/* Cached properties of a GDBusProxy, with defaults for missing or
 * ill-typed ones: "", FALSE, 0, NULL. */

char *
kd_proxy_dup_string (GDBusProxy *proxy, const char *name)
{
  g_autoptr (GVariant) v = g_dbus_proxy_get_cached_property (proxy, name);

  if (v == NULL || !g_variant_is_of_type (v, G_VARIANT_TYPE_STRING))
    return g_strdup ("");
  return g_variant_dup_string (v, NULL);
}

gboolean
kd_proxy_get_boolean (GDBusProxy *proxy, const char *name)
{
  g_autoptr (GVariant) v = g_dbus_proxy_get_cached_property (proxy, name);

  return v != NULL && g_variant_is_of_type (v, G_VARIANT_TYPE_BOOLEAN) && g_variant_get_boolean (v);
}

double
kd_proxy_get_double (GDBusProxy *proxy, const char *name)
{
  g_autoptr (GVariant) v = g_dbus_proxy_get_cached_property (proxy, name);

  return v != NULL && g_variant_is_of_type (v, G_VARIANT_TYPE_DOUBLE) ? g_variant_get_double (v)
                                                                      : 0;
}

JsonNode *
kd_proxy_get_json (GDBusProxy *proxy, const char *name)
{
  g_autofree char *text = kd_proxy_dup_string (proxy, name);
  g_autoptr (JsonParser) parser = json_parser_new ();

  if (*text == '\0' || !json_parser_load_from_data (parser, text, -1, NULL))
    return NULL;
  return json_node_copy (json_parser_get_root (parser));
}
