/* devices-test-util.h: helpers shared by the device tests
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include <glib/gstdio.h>
#include <kervi.h>

typedef gboolean (*TestCondition) (gpointer data);

static gboolean
test_timeout_cb (gpointer data)
{
  *(gboolean *)data = TRUE;
  return G_SOURCE_REMOVE;
}

/* Runs the main loop until @condition holds or @timeout_ms passed; no fixed
 * sleeps. Returns whether the condition holds. */
static G_GNUC_UNUSED gboolean
wait_for (TestCondition condition, gpointer data, guint timeout_ms)
{
  gboolean timed_out = FALSE;
  guint id = g_timeout_add (timeout_ms, test_timeout_cb, &timed_out);

  while (!condition (data) && !timed_out)
    g_main_context_iteration (NULL, TRUE);
  if (!timed_out)
    g_source_remove (id);
  return condition (data);
}

static G_GNUC_UNUSED gboolean
component_available (gpointer data)
{
  return kervi_component_get_available (KERVI_COMPONENT (data));
}

static G_GNUC_UNUSED gboolean
component_unavailable (gpointer data)
{
  return !kervi_component_get_available (KERVI_COMPONENT (data));
}

static G_GNUC_UNUSED void
assert_contains (const char *haystack, const char *needle)
{
  if (haystack == NULL || strstr (haystack, needle) == NULL)
    g_error ("'%s' does not hold '%s'", haystack != NULL ? haystack : "(null)", needle);
}

/* Unregisters a component so that the last reference goes with the test. */
static G_GNUC_UNUSED void
drop_component (gpointer component)
{
  if (component == NULL)
    return;
  kervi_component_unregister (KERVI_COMPONENT (component));
  g_object_unref (component);
}

static G_GNUC_UNUSED char *
make_temp_dir (void)
{
  g_autoptr (GError) error = NULL;
  char *dir = g_dir_make_tmp ("kervi-devices-XXXXXX", &error);

  g_assert_no_error (error);
  return dir;
}

static G_GNUC_UNUSED void
write_file (const char *dir, const char *path, const char *contents)
{
  g_autofree char *full = g_build_filename (dir, path, NULL);
  g_autofree char *parent = g_path_get_dirname (full);
  g_autoptr (GError) error = NULL;

  g_assert_no_errno (g_mkdir_with_parents (parent, 0755));
  g_file_set_contents (full, contents, -1, &error);
  g_assert_no_error (error);
}

static G_GNUC_UNUSED char *
read_file (const char *dir, const char *path)
{
  g_autofree char *full = g_build_filename (dir, path, NULL);
  g_autoptr (GError) error = NULL;
  char *contents = NULL;

  g_file_get_contents (full, &contents, NULL, &error);
  g_assert_no_error (error);
  return contents;
}

static G_GNUC_UNUSED void
remove_tree (const char *path)
{
  g_autoptr (GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  if (dir != NULL)
    while ((name = g_dir_read_name (dir)) != NULL)
      {
        g_autofree char *child = g_build_filename (path, name, NULL);
        remove_tree (child);
      }
  g_assert_no_errno (g_remove (path));
}

/* Warnings about unavailable devices are expected in these tests; only
 * criticals stay fatal. */
static G_GNUC_UNUSED void
devices_test_init (int *argc, char ***argv)
{
  g_test_init (argc, argv, NULL);
  g_log_set_always_fatal (G_LOG_LEVEL_CRITICAL | G_LOG_FATAL_MASK);
}
