/* bench-cpu.h: where the CPU time of a measure goes, by role
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct _BenchCpu BenchCpu;

BenchCpu *bench_cpu_new (const char *const *roles);
void bench_cpu_free (BenchCpu *cpu);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (BenchCpu, bench_cpu_free)

void bench_cpu_add_pid (BenchCpu *cpu, guint role, GPid pid);
void bench_cpu_start (BenchCpu *cpu);
void bench_cpu_stop (BenchCpu *cpu, guint64 units);
double bench_cpu_per_unit_us (BenchCpu *cpu);
char *bench_cpu_describe (BenchCpu *cpu);
char *bench_cpu_describe_scaled (BenchCpu *cpu, double scale);

G_END_DECLS
