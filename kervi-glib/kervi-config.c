/* kervi-config.c: the application's configuration file
 *
 * A GKeyFile:
 *
 *   [application]
 *   id=fan-controller            # letters, digits, '_' and '-'
 *   name=Fan controller
 *   modules=sensors;controllers  # module folders, next to the program
 *   module-dir=/opt/myapp        # where the module folders are
 *   start-timeout=30             # seconds a module may take to get ready
 *
 *   [dashboard]
 *   enabled=true
 *   address=127.0.0.1
 *   port=9000
 *
 * Unknown groups and keys, and values of the wrong type, are errors that
 * name the file, the line and the key: a typo must not be ignored.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "config.h"

#include <gio/gio.h>

#include "kervi-config.h"
#include "kervi-error.h"
#include "kervi-private.h"

typedef enum
{
  TYPE_ID,
  TYPE_STRING,
  TYPE_ID_LIST,
  TYPE_SECONDS,
  TYPE_BOOLEAN,
  TYPE_PORT,
  TYPE_ADDRESS,
} KeyType;

typedef struct
{
  const char *group;
  const char *key;
  KeyType type;
  gsize offset;
} KeySpec;

static const KeySpec keys[] = {
  { "application", "id", TYPE_ID, G_STRUCT_OFFSET (KerviConfig, app_id) },
  { "application", "name", TYPE_STRING, G_STRUCT_OFFSET (KerviConfig, app_name) },
  { "application", "modules", TYPE_ID_LIST, G_STRUCT_OFFSET (KerviConfig, modules) },
  { "application", "module-dir", TYPE_STRING, G_STRUCT_OFFSET (KerviConfig, module_dir) },
  { "application", "start-timeout", TYPE_SECONDS, G_STRUCT_OFFSET (KerviConfig, start_timeout) },
  { "dashboard", "enabled", TYPE_BOOLEAN, G_STRUCT_OFFSET (KerviConfig, dashboard_enabled) },
  { "dashboard", "address", TYPE_ADDRESS, G_STRUCT_OFFSET (KerviConfig, dashboard_address) },
  { "dashboard", "port", TYPE_PORT, G_STRUCT_OFFSET (KerviConfig, dashboard_port) },
};

void
kervi_config_init (KerviConfig *config)
{
  memset (config, 0, sizeof *config);
  config->start_timeout = 30;
  config->dashboard_enabled = TRUE;
  config->dashboard_address = g_strdup ("127.0.0.1");
  config->dashboard_port = 9000;
}

void
kervi_config_clear (KerviConfig *config)
{
  g_free (config->app_id);
  g_free (config->app_name);
  g_strfreev (config->modules);
  g_free (config->module_dir);
  g_free (config->dashboard_address);
  memset (config, 0, sizeof *config);
}

/* GKeyFile does not say where a key is: find its line in the text. */
static int
find_line (const char *contents, const char *group, const char *key)
{
  g_auto (GStrv) lines = g_strsplit (contents, "\n", -1);
  g_autofree char *header = g_strdup_printf ("[%s]", group);
  gboolean in_group = FALSE;

  for (int i = 0; lines[i] != NULL; i++)
    {
      g_autofree char *line = g_strstrip (g_strdup (lines[i]));
      const char *eq;

      if (line[0] == '[')
        {
          in_group = g_str_equal (line, header);
          if (key == NULL && in_group)
            return i + 1;
          continue;
        }
      if (!in_group || key == NULL || (eq = strchr (line, '=')) == NULL)
        continue;
      line[eq - line] = '\0';
      if (g_str_equal (g_strchomp (line), key))
        return i + 1;
    }
  return 0;
}

static gboolean
parse_value (GKeyFile *file, const KeySpec *spec, KerviConfig *config, const char *where,
             GError **error)
{
  g_autoptr (GError) local_error = NULL;
  g_autofree char *raw = g_key_file_get_value (file, spec->group, spec->key, NULL);
  gpointer field = G_STRUCT_MEMBER_P (config, spec->offset);

  switch (spec->type)
    {
      case TYPE_ID:
      case TYPE_STRING:
      case TYPE_ADDRESS:
        {
          g_autofree char *value
              = g_key_file_get_string (file, spec->group, spec->key, &local_error);

          if (value == NULL)
            break;
          if (spec->type == TYPE_ID && !_kervi_name_is_valid (value))
            {
              g_set_error (error, KERVI_CONFIG_ERROR, KERVI_CONFIG_ERROR_INVALID_VALUE,
                           "%s: '%s' is not a valid id (letters, digits, '_' and '-')", where,
                           value);
              return FALSE;
            }
          if (spec->type == TYPE_ADDRESS && !g_hostname_is_ip_address (value))
            {
              g_set_error (error, KERVI_CONFIG_ERROR, KERVI_CONFIG_ERROR_INVALID_VALUE,
                           "%s: '%s' is not an IP address", where, value);
              return FALSE;
            }
          g_free (*(char **)field);
          *(char **)field = g_steal_pointer (&value);
          return TRUE;
        }
      case TYPE_ID_LIST:
        {
          g_auto (GStrv) list
              = g_key_file_get_string_list (file, spec->group, spec->key, NULL, &local_error);
          if (list == NULL)
            break;
          for (guint i = 0; list[i] != NULL; i++)
            {
              g_strstrip (list[i]);
              if (!_kervi_name_is_valid (list[i]))
                {
                  g_set_error (error, KERVI_CONFIG_ERROR, KERVI_CONFIG_ERROR_INVALID_VALUE,
                               "%s: '%s' is not a valid module id", where, list[i]);
                  return FALSE;
                }
            }
          g_strfreev (*(GStrv *)field);
          *(GStrv *)field = g_steal_pointer (&list);
          return TRUE;
        }
      case TYPE_SECONDS:
        {
          double value = g_key_file_get_double (file, spec->group, spec->key, &local_error);

          if (local_error != NULL)
            break;
          if (!(value > 0 && value <= 3600))
            {
              g_set_error (error, KERVI_CONFIG_ERROR, KERVI_CONFIG_ERROR_INVALID_VALUE,
                           "%s: expected seconds between 0 and 3600, got '%s'", where, raw);
              return FALSE;
            }
          *(double *)field = value;
          return TRUE;
        }
      case TYPE_BOOLEAN:
        {
          gboolean value = g_key_file_get_boolean (file, spec->group, spec->key, &local_error);

          if (local_error != NULL)
            {
              g_set_error (error, KERVI_CONFIG_ERROR, KERVI_CONFIG_ERROR_INVALID_VALUE,
                           "%s: expected true or false, got '%s'", where, raw);
              return FALSE;
            }
          *(gboolean *)field = value;
          return TRUE;
        }
      case TYPE_PORT:
        {
          gint64 value;

          if (raw == NULL
              || !g_ascii_string_to_signed (g_strstrip (raw), 10, 0, 65535, &value, NULL))
            {
              g_set_error (error, KERVI_CONFIG_ERROR, KERVI_CONFIG_ERROR_INVALID_VALUE,
                           "%s: expected a port number 0..65535, got '%s'", where,
                           raw != NULL ? raw : "");
              return FALSE;
            }
          *(int *)field = (int)value;
          return TRUE;
        }
    }

  g_set_error (error, KERVI_CONFIG_ERROR, KERVI_CONFIG_ERROR_INVALID_VALUE, "%s: %s", where,
               local_error != NULL ? local_error->message : "invalid value");
  return FALSE;
}

static const KeySpec *
lookup_spec (const char *group, const char *key)
{
  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    if (g_str_equal (keys[i].group, group) && (key == NULL || g_str_equal (keys[i].key, key)))
      return &keys[i];
  return NULL;
}

/* Loads @path over the values already in @config. */
gboolean
kervi_config_load (KerviConfig *config, const char *path, GError **error)
{
  g_autoptr (GKeyFile) file = g_key_file_new ();
  g_autoptr (GError) local_error = NULL;
  g_autofree char *contents = NULL;
  g_auto (GStrv) groups = NULL;
  gsize length;

  if (!g_file_get_contents (path, &contents, &length, &local_error))
    {
      g_set_error (error, KERVI_CONFIG_ERROR, KERVI_CONFIG_ERROR_NOT_FOUND, "%s",
                   local_error->message);
      return FALSE;
    }
  if (!g_key_file_load_from_data (file, contents, length, G_KEY_FILE_NONE, &local_error))
    {
      g_set_error (error, KERVI_CONFIG_ERROR, KERVI_CONFIG_ERROR_PARSE, "%s: %s", path,
                   local_error->message);
      return FALSE;
    }

  groups = g_key_file_get_groups (file, NULL);
  for (guint g = 0; groups[g] != NULL; g++)
    {
      g_auto (GStrv) names = g_key_file_get_keys (file, groups[g], NULL, NULL);

      if (lookup_spec (groups[g], NULL) == NULL)
        {
          g_set_error (error, KERVI_CONFIG_ERROR, KERVI_CONFIG_ERROR_UNKNOWN_GROUP,
                       "%s:%d: unknown group [%s] (known: [application], [dashboard])", path,
                       find_line (contents, groups[g], NULL), groups[g]);
          return FALSE;
        }
      for (guint k = 0; names != NULL && names[k] != NULL; k++)
        {
          const KeySpec *spec = lookup_spec (groups[g], names[k]);
          g_autofree char *where
              = g_strdup_printf ("%s:%d: key '%s' in [%s]", path,
                                 find_line (contents, groups[g], names[k]), names[k], groups[g]);

          if (spec == NULL)
            {
              g_set_error (error, KERVI_CONFIG_ERROR, KERVI_CONFIG_ERROR_UNKNOWN_KEY,
                           "%s: unknown key", where);
              return FALSE;
            }
          if (!parse_value (file, spec, config, where, error))
            return FALSE;
        }
    }
  return TRUE;
}
