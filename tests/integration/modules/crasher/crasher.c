/* crasher.c: test module that crashes while it starts
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <gmodule.h>
#include <kervi.h>
#include <stdlib.h>

G_MODULE_EXPORT gboolean kervi_module_init (KerviModule *module, GError **error);

G_MODULE_EXPORT gboolean
kervi_module_init (KerviModule *module, GError **error)
{
  g_printerr ("crasher: about to abort\n");
  abort ();
}
