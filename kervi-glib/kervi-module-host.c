/* kervi-module-host.c: runs one C module of an application
 *
 * Started by the application, not by users:
 *   kervi-module-host --id sensors --path /path/to/app/sensors
 * with KERVI_BUS_ADDRESS in the environment.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "config.h"

#include <locale.h>

#include "kervi.h"

int
main (int argc, char **argv)
{
  g_autofree char *id = NULL;
  g_autofree char *path = NULL;
  g_autoptr (GOptionContext) context = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (KerviModule) module = NULL;
  const GOptionEntry entries[]
      = { { "id", 0, 0, G_OPTION_ARG_STRING, &id, "The module id", "ID" },
          { "path", 0, 0, G_OPTION_ARG_FILENAME, &path, "The module's folder", "DIR" },
          { NULL } };
  int status;

  setlocale (LC_ALL, "");
  context = g_option_context_new ("- run a kervi-glib C module");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("kervi-module-host: %s\n", error->message);
      return 2;
    }
  if (id == NULL || path == NULL)
    {
      g_printerr ("kervi-module-host: --id and --path are required\n");
      return 2;
    }

  module = kervi_module_new (id, path);
  if (!kervi_module_load (module, &error))
    {
      g_printerr ("kervi-module-host: %s\n", error->message);
      return 1;
    }
  status = kervi_module_run (module, &error);
  if (error != NULL)
    g_printerr ("kervi-module-host: %s\n", error->message);
  return status;
}
