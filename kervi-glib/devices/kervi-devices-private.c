/* kervi-devices-private.c: helpers shared by the device drivers
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "config.h"

#include "kervi-devices-private.h"
#include "kervi-sysfs.h"

void
_kervi_backoff_init (KerviBackoff *backoff, guint initial_ms, guint max_ms)
{
  backoff->source_id = 0;
  backoff->initial_ms = MAX (initial_ms, 1);
  backoff->max_ms = MAX (max_ms, backoff->initial_ms);
  backoff->next_ms = backoff->initial_ms;
}

/* Schedules @func after the current interval and doubles the interval for
 * the next time. @func must call _kervi_backoff_fired() and return
 * G_SOURCE_REMOVE. Returns the interval used, in milliseconds. */
guint
_kervi_backoff_schedule (KerviBackoff *backoff, GSourceFunc func, gpointer data)
{
  guint interval = backoff->next_ms;

  g_clear_handle_id (&backoff->source_id, g_source_remove);
  backoff->source_id = g_timeout_add (interval, func, data);
  g_source_set_name_by_id (backoff->source_id, "[kervi] device retry");
  backoff->next_ms = MIN ((guint64)interval * 2, backoff->max_ms);
  return interval;
}

/* After a success: the next failure waits the initial interval again. */
void
_kervi_backoff_reset (KerviBackoff *backoff)
{
  g_clear_handle_id (&backoff->source_id, g_source_remove);
  backoff->next_ms = backoff->initial_ms;
}

void
_kervi_backoff_cancel (KerviBackoff *backoff)
{
  g_clear_handle_id (&backoff->source_id, g_source_remove);
}

void
_kervi_backoff_fired (KerviBackoff *backoff)
{
  backoff->source_id = 0;
}

/* What GPIO devices report when kervi-glib was built without libgpiod and
 * no backend was given. */
void
_kervi_gpio_set_unsupported_error (GError **error, const char *device)
{
  g_set_error (error, KERVI_DRIVER_ERROR, KERVI_DRIVER_ERROR_NOT_FOUND,
               "%s: GPIO support is not available (kervi-glib was built without libgpiod)", device);
}

/* A line given as digits is an offset; anything else is a line name. */
gboolean
_kervi_gpio_is_offset (const char *line)
{
  if (*line == '\0')
    return FALSE;
  for (const char *p = line; *p != '\0'; p++)
    if (!g_ascii_isdigit (*p))
      return FALSE;
  return TRUE;
}

/* Files @request in @requests under a new handle, never 0 and never one in
 * use, and returns the handle. */
guint
_kervi_gpio_add_handle (GHashTable *requests, guint *next_handle, gpointer request)
{
  guint handle;

  do
    handle = ++*next_handle;
  while (handle == 0 || g_hash_table_contains (requests, GUINT_TO_POINTER (handle)));
  g_hash_table_insert (requests, GUINT_TO_POINTER (handle), request);
  return handle;
}
