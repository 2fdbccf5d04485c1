/* bench-session.h: one application under test, and raw processes beside it
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include "bench.h"
#include "kervi-test-util.h"

G_BEGIN_DECLS

typedef struct
{
  Bench *bench;
  char *program;
  char *module_root; /* a temporary folder of module folders, or the example's */
  gboolean own_module_root;
  GString *modules; /* "a;b;c" */
  gboolean dashboard;
  int dashboard_port;
  KerviTestApp *app;
  gint64 launch_ns;
  gint64 app_main_ns;
  GPtrArray *raw; /* BenchRawProcess */
} BenchSession;

BenchSession *bench_session_new (Bench *bench);
BenchSession *bench_session_new_example (Bench *bench);
void bench_session_add_module (BenchSession *session, const char *id, const char *kind,
                               const char *ini);
gboolean bench_session_start (BenchSession *session);
GDBusConnection *bench_session_get_connection (BenchSession *session);
GArray *bench_session_get_pids (BenchSession *session);
GPid bench_session_get_bus_pid (BenchSession *session);
char *bench_session_spawn_raw (BenchSession *session, const char *const *argv);
double bench_session_stop (BenchSession *session);
void bench_session_free (BenchSession *session);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (BenchSession, bench_session_free)

gboolean bench_wait_pids_gone (GArray *pids, double timeout_s);

typedef struct _BenchRawProcess BenchRawProcess;
BenchRawProcess *bench_raw_spawn_async (const char *const *argv, const char *bus_address,
                                        gboolean quiet);
const char *bench_raw_wait_ready (BenchRawProcess *raw, double timeout_s);
GPid bench_raw_get_pid (BenchRawProcess *raw);
void bench_raw_free (BenchRawProcess *raw);

G_END_DECLS
