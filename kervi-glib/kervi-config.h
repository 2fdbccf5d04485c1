/* kervi-config.h: the application's configuration file
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct
{
  char *app_id;
  char *app_name;
  GStrv modules;
  char *module_dir;
  double start_timeout;
  gboolean dashboard_enabled;
  char *dashboard_address;
  int dashboard_port;
} KerviConfig;

void kervi_config_init (KerviConfig *config);
void kervi_config_clear (KerviConfig *config);
gboolean kervi_config_load (KerviConfig *config, const char *path, GError **error);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (KerviConfig, kervi_config_clear)

G_END_DECLS
