/* kervi-child.h: a child process of the application
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define KERVI_TYPE_CHILD (kervi_child_get_type ())
G_DECLARE_FINAL_TYPE (KerviChild, kervi_child, KERVI, CHILD, GObject)

KerviChild *kervi_child_spawn (const char *label, const char *const *argv, const char *const *env,
                               GError **error);
const char *kervi_child_get_label (KerviChild *self);
gboolean kervi_child_get_running (KerviChild *self);
char *kervi_child_describe_exit (KerviChild *self);
void kervi_child_terminate (KerviChild *self);
void kervi_child_kill (KerviChild *self);

G_END_DECLS
