/* bench-proc.c: what /proc says about processes and the machine
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <stdlib.h>
#include <string.h>
#include <sys/utsname.h>
#include <unistd.h>

#include "bench-proc.h"

/* The fields of /proc/PID/stat after "(comm)": field 3 is the state. */
static char **
stat_fields (GPid pid)
{
  g_autofree char *path = g_strdup_printf ("/proc/%d/stat", (int)pid);
  g_autofree char *contents = NULL;
  const char *end;

  if (!g_file_get_contents (path, &contents, NULL, NULL))
    return NULL;
  end = strrchr (contents, ')');
  if (end == NULL)
    return NULL;
  return g_strsplit (end + 2, " ", -1);
}

/* Returns: (element-type GPid): the live children of @parent */
GArray *
bench_proc_children (GPid parent)
{
  GArray *children = g_array_new (FALSE, FALSE, sizeof (GPid));
  g_autoptr (GDir) dir = g_dir_open ("/proc", 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      char *end;
      GPid pid = (GPid)strtol (name, &end, 10);
      g_auto (GStrv) fields = NULL;

      if (*end != '\0' || pid <= 0)
        continue;
      fields = stat_fields (pid);
      /* fields[0] is the state, fields[1] the parent */
      if (fields != NULL && g_strv_length (fields) > 1 && atoi (fields[1]) == parent)
        g_array_append_val (children, pid);
    }
  return children;
}

/* Returns: a short name: "bus", "dashboard", "module <id>", or the program */
char *
bench_proc_label (GPid pid)
{
  g_autofree char *path = g_strdup_printf ("/proc/%d/cmdline", (int)pid);
  g_autofree char *contents = NULL;
  gsize length;
  g_autoptr (GPtrArray) args = g_ptr_array_new ();

  if (!g_file_get_contents (path, &contents, &length, NULL) || length == 0)
    return g_strdup_printf ("pid %d", (int)pid);
  for (gsize i = 0; i < length; i += strlen (contents + i) + 1)
    g_ptr_array_add (args, contents + i);

  if (g_str_has_suffix (args->pdata[0], "dbus-daemon"))
    return g_strdup ("bus");
  if (g_str_has_suffix (args->pdata[0], "kervi-dashboard"))
    return g_strdup ("dashboard");
  for (guint i = 0; i + 1 < args->len; i++)
    if (g_str_equal (args->pdata[i], "--id"))
      return g_strdup_printf ("module %s", (char *)args->pdata[i + 1]);
  return g_path_get_basename (args->pdata[0]);
}

static guint64
smaps_field (const char *contents, const char *name)
{
  g_autofree char *key = g_strconcat ("\n", name, ":", NULL);
  const char *at = strstr (contents, key);

  return at != NULL ? g_ascii_strtoull (at + strlen (key), NULL, 10) : 0;
}

gboolean
bench_proc_memory (GPid pid, guint64 *rss_kib, guint64 *private_dirty_kib, guint64 *pss_kib)
{
  g_autofree char *path = g_strdup_printf ("/proc/%d/smaps_rollup", (int)pid);
  g_autofree char *contents = NULL;

  if (!g_file_get_contents (path, &contents, NULL, NULL))
    return FALSE;
  *rss_kib = smaps_field (contents, "Rss");
  *private_dirty_kib = smaps_field (contents, "Private_Dirty");
  *pss_kib = smaps_field (contents, "Pss");
  return TRUE;
}

/* utime + stime, in clock ticks (sysconf (_SC_CLK_TCK) per second) */
gboolean
bench_proc_cpu_ticks (GPid pid, guint64 *ticks)
{
  g_auto (GStrv) fields = stat_fields (pid);

  /* utime and stime are fields 14 and 15 of stat, 12 and 13 here */
  if (fields == NULL || g_strv_length (fields) < 14)
    return FALSE;
  *ticks = g_ascii_strtoull (fields[11], NULL, 10) + g_ascii_strtoull (fields[12], NULL, 10);
  return TRUE;
}

/* CPU time in ns: the first field of /proc/PID/task/TID/schedstat, summed
 * over the live threads (the GDBus worker does half of the work), else
 * utime + stime */
gboolean
bench_proc_cpu_ns (GPid pid, guint64 *ns)
{
  g_autofree char *tasks = g_strdup_printf ("/proc/%d/task", (int)pid);
  g_autoptr (GDir) dir = g_dir_open (tasks, 0, NULL);
  const char *name;
  guint64 ticks, total = 0;
  gboolean found = FALSE;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (tasks, name, "schedstat", NULL);
      g_autofree char *contents = NULL;

      if (g_file_get_contents (path, &contents, NULL, NULL))
        {
          total += g_ascii_strtoull (contents, NULL, 10);
          found = TRUE;
        }
    }
  if (found)
    {
      *ns = total;
      return TRUE;
    }
  if (!bench_proc_cpu_ticks (pid, &ticks))
    return FALSE;
  *ns = ticks * (G_GUINT64_CONSTANT (1000000000) / sysconf (_SC_CLK_TCK));
  return TRUE;
}

char *
bench_proc_cpu_model (void)
{
  g_autofree char *contents = NULL;
  g_auto (GStrv) lines = NULL;

  if (!g_file_get_contents ("/proc/cpuinfo", &contents, NULL, NULL))
    return NULL;
  lines = g_strsplit (contents, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    if (g_str_has_prefix (lines[i], "model name") || g_str_has_prefix (lines[i], "Model"))
      {
        const char *colon = strchr (lines[i], ':');
        if (colon != NULL)
          return g_strstrip (g_strdup (colon + 1));
      }
  return NULL;
}

char *
bench_proc_kernel (void)
{
  struct utsname name;

  if (uname (&name) != 0)
    return NULL;
  return g_strdup_printf ("%s %s %s", name.sysname, name.release, name.machine);
}
