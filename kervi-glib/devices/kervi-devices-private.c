/* kervi-devices-private.c: helpers shared by the device drivers
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <unistd.h>

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
