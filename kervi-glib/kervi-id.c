/* kervi-id.c: ids and the bus contract's interface descriptions
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "config.h"

#include "kervi-private.h"
#include "kervi-resources.h"

/* Component and value ids are D-Bus object path elements as they are, so
 * that paths read like the ids: letters, digits and '_'. A global value id
 * has one dot between the component id and the value id. */
gboolean
_kervi_id_is_valid (const char *id, gboolean allow_dot)
{
  gboolean seen_dot = FALSE;

  if (id == NULL || *id == '\0' || strlen (id) > 200)
    return FALSE;
  for (const char *p = id; *p != '\0'; p++)
    {
      if (g_ascii_isalnum (*p) || *p == '_')
        continue;
      if (*p == '.' && allow_dot && !seen_dot && p != id && p[1] != '\0')
        {
          seen_dot = TRUE;
          continue;
        }
      return FALSE;
    }
  return TRUE;
}

/* Application and module ids name folders and bus name elements
 * (org.kervi.Module.<id>): letters, digits, '_' and '-', not starting with
 * a digit. */
gboolean
_kervi_name_is_valid (const char *name)
{
  if (name == NULL || *name == '\0' || strlen (name) > 200 || g_ascii_isdigit (*name))
    return FALSE;
  for (const char *p = name; *p != '\0'; p++)
    if (!g_ascii_isalnum (*p) && *p != '_' && *p != '-')
      return FALSE;
  return TRUE;
}

/* The interface descriptions of data/org.kervi.xml, parsed once. */
GDBusInterfaceInfo *
_kervi_interface_info (const char *interface_name)
{
  static gsize node_once = 0;
  static GDBusNodeInfo *node;

  if (g_once_init_enter (&node_once))
    {
      g_autoptr (GBytes) xml = NULL;
      g_autoptr (GError) error = NULL;
      GDBusNodeInfo *parsed;

      xml = g_resources_lookup_data ("/org/kervi/glib/org.kervi.xml", G_RESOURCE_LOOKUP_FLAGS_NONE,
                                     &error);
      g_assert_no_error (error);
      parsed = g_dbus_node_info_new_for_xml (g_bytes_get_data (xml, NULL), &error);
      g_assert_no_error (error);
      node = parsed;
      g_once_init_leave (&node_once, 1);
    }
  return g_dbus_node_info_lookup_interface (node, interface_name);
}
