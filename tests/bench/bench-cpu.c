/* bench-cpu.c: where the CPU time of a measure goes, by role
 *
 * Wall-clock figures on a shared, noisy machine move with the load; the
 * CPU time each process spends per call or per value does not, and says
 * which process pays for a difference. Roles are e.g. bus, source, sinks;
 * each holds processes, read from /proc (bench_proc_cpu_ns()) around each
 * run.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "bench-cpu.h"
#include "bench-proc.h"

struct _BenchCpu
{
  GStrv roles;
  guint n_roles;
  GArray **pids;  /* per role: GPid */
  guint64 *start; /* per role: ns at bench_cpu_start() */
  guint64 *total; /* per role: ns over all runs */
  guint64 units;
};

BenchCpu *
bench_cpu_new (const char *const *roles)
{
  BenchCpu *cpu = g_new0 (BenchCpu, 1);

  cpu->roles = g_strdupv ((char **)roles);
  cpu->n_roles = g_strv_length (cpu->roles);
  cpu->pids = g_new0 (GArray *, cpu->n_roles);
  cpu->start = g_new0 (guint64, cpu->n_roles);
  cpu->total = g_new0 (guint64, cpu->n_roles);
  for (guint r = 0; r < cpu->n_roles; r++)
    cpu->pids[r] = g_array_new (FALSE, FALSE, sizeof (GPid));
  return cpu;
}

void
bench_cpu_free (BenchCpu *cpu)
{
  for (guint r = 0; r < cpu->n_roles; r++)
    g_array_unref (cpu->pids[r]);
  g_free (cpu->pids);
  g_free (cpu->start);
  g_free (cpu->total);
  g_strfreev (cpu->roles);
  g_free (cpu);
}

void
bench_cpu_add_pid (BenchCpu *cpu, guint role, GPid pid)
{
  g_return_if_fail (role < cpu->n_roles);

  if (pid > 0)
    g_array_append_val (cpu->pids[role], pid);
}

static guint64
role_ns (BenchCpu *cpu, guint role)
{
  guint64 total = 0;

  for (guint i = 0; i < cpu->pids[role]->len; i++)
    {
      guint64 ns;
      if (bench_proc_cpu_ns (g_array_index (cpu->pids[role], GPid, i), &ns))
        total += ns;
    }
  return total;
}

void
bench_cpu_start (BenchCpu *cpu)
{
  for (guint r = 0; r < cpu->n_roles; r++)
    cpu->start[r] = role_ns (cpu, r);
}

/* @units: the calls or values the run since bench_cpu_start() made */
void
bench_cpu_stop (BenchCpu *cpu, guint64 units)
{
  for (guint r = 0; r < cpu->n_roles; r++)
    cpu->total[r] += role_ns (cpu, r) - cpu->start[r];
  cpu->units += units;
}

double
bench_cpu_per_unit_us (BenchCpu *cpu)
{
  guint64 total = 0;

  for (guint r = 0; r < cpu->n_roles; r++)
    total += cpu->total[r];
  return cpu->units > 0 ? total / 1000.0 / cpu->units : 0;
}

/* Returns: e.g. "bus 9.2 + source 16.5 + sinks 24.9 = 50.6": us per unit
 * times @scale */
char *
bench_cpu_describe_scaled (BenchCpu *cpu, double scale)
{
  GString *text = g_string_new (NULL);

  for (guint r = 0; r < cpu->n_roles; r++)
    g_string_append_printf (text, "%s%s %.1f", r > 0 ? " + " : "", cpu->roles[r],
                            cpu->units > 0 ? scale * cpu->total[r] / 1000.0 / cpu->units : 0);
  g_string_append_printf (text, " = %.1f", scale * bench_cpu_per_unit_us (cpu));
  return g_string_free (text, FALSE);
}

char *
bench_cpu_describe (BenchCpu *cpu)
{
  return bench_cpu_describe_scaled (cpu, 1);
}
