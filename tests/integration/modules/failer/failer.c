/* failer.c: test module whose entry point reports an error
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <gmodule.h>
#include <kervi.h>

G_MODULE_EXPORT gboolean kervi_module_init (KerviModule *module, GError **error);

G_MODULE_EXPORT gboolean
kervi_module_init (KerviModule *module, GError **error)
{
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, "no widget attached");
  return FALSE;
}
