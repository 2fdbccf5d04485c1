/* kervi-devices-private.h: helpers shared by the device drivers
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include <glib-object.h>

#include "kervi-error.h"

#include "kervi-sysfs.h"

G_BEGIN_DECLS

/* The first and the longest wait between two attempts to open a device. */
#define KERVI_BACKOFF_INITIAL_MS 1000
#define KERVI_BACKOFF_MAX_MS 60000

/* A retry timer whose interval doubles on every failure, up to a maximum.
 * Everything runs in the thread-default main context of the owner. */
typedef struct
{
  guint source_id;
  guint initial_ms;
  guint max_ms;
  guint next_ms;
} KerviBackoff;

void _kervi_backoff_init (KerviBackoff *backoff, guint initial_ms, guint max_ms);
guint _kervi_backoff_schedule (KerviBackoff *backoff, GSourceFunc func, gpointer data);
void _kervi_backoff_reset (KerviBackoff *backoff);
void _kervi_backoff_cancel (KerviBackoff *backoff);
void _kervi_backoff_fired (KerviBackoff *backoff);

void _kervi_gpio_set_unsupported_error (GError **error, const char *device);
gboolean _kervi_gpio_is_offset (const char *line);
guint _kervi_gpio_add_handle (GHashTable *requests, guint *next_handle, gpointer request);

G_END_DECLS
