/* devices-test-util.h: helpers shared by the device tests
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include <glib/gstdio.h>
#include <kervi.h>

#include "kervi-test-util.h"

/* Runs the main loop until @condition holds or @timeout_ms passed; no fixed
 * sleeps. Returns whether the condition holds. */
static G_GNUC_UNUSED gboolean
wait_for (KerviTestCondition condition, gpointer data, guint timeout_ms)
{
  return kervi_test_wait (condition, data, timeout_ms / 1000.0);
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
  return kervi_test_make_temp_dir ("kervi-devices");
}

/* Warnings about unavailable devices are expected in these tests; only
 * criticals stay fatal. */
static G_GNUC_UNUSED void
devices_test_init (int *argc, char ***argv)
{
  g_test_init (argc, argv, NULL);
  g_log_set_always_fatal (G_LOG_LEVEL_CRITICAL | G_LOG_FATAL_MASK);
}
