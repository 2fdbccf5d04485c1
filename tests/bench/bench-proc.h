/* bench-proc.h: what /proc says about processes and the machine
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

GArray *bench_proc_children (GPid parent);
char *bench_proc_label (GPid pid);
gboolean bench_proc_memory (GPid pid, guint64 *rss_kib, guint64 *private_dirty_kib,
                            guint64 *pss_kib);
gboolean bench_proc_cpu_ticks (GPid pid, guint64 *ticks);
gboolean bench_proc_cpu_ns (GPid pid, guint64 *ns);
char *bench_proc_cpu_model (void);
char *bench_proc_kernel (void);

G_END_DECLS
