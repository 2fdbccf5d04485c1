/* kd-ring.h: a bounded history of one number value, for charts
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* Points kept per value. A point less than KD_RING_SPACING_US after the
 * point before the newest overwrites the newest, so any two consecutive
 * gaps span at least KD_RING_SPACING_US: the ring covers at least
 * KD_RING_SIZE / 2 * KD_RING_SPACING_US of a fast value. */
#define KD_RING_SIZE 600
#define KD_RING_SPACING_US (250 * G_TIME_SPAN_MILLISECOND)

typedef struct _KdRing KdRing;

KdRing *kd_ring_new (void);
void kd_ring_free (KdRing *self);
void kd_ring_push (KdRing *self, gint64 timestamp_us, double value);
JsonNode *kd_ring_to_json (KdRing *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (KdRing, kd_ring_free)

G_END_DECLS
