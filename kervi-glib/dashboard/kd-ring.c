/* kd-ring.c: a bounded history of one number value, for charts
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "config.h"

#include "kd-ring.h"

typedef struct
{
  gint64 timestamp_us;
  double value;
} KdPoint;

struct _KdRing
{
  KdPoint points[KD_RING_SIZE];
  guint start; /* index of the oldest point */
  guint length;
};

KdRing *
kd_ring_new (void)
{
  return g_new0 (KdRing, 1);
}

void
kd_ring_free (KdRing *self)
{
  g_free (self);
}

static KdPoint *
newest (KdRing *self)
{
  return &self->points[(self->start + self->length - 1) % KD_RING_SIZE];
}

void
kd_ring_push (KdRing *self, gint64 timestamp_us, double value)
{
  KdPoint *point;

  if (self->length > 0)
    {
      point = newest (self);
      if (timestamp_us < point->timestamp_us)
        return; /* out of order: keep the history monotonic */
      /* Within the spacing of the point before it, the newest point is
       * replaced: the ring keeps the latest value of each slot. */
      if (self->length > 1)
        {
          KdPoint *before = &self->points[(self->start + self->length - 2) % KD_RING_SIZE];

          if (timestamp_us - before->timestamp_us < KD_RING_SPACING_US)
            {
              point->timestamp_us = timestamp_us;
              point->value = value;
              return;
            }
        }
    }

  if (self->length < KD_RING_SIZE)
    self->length++;
  else
    self->start = (self->start + 1) % KD_RING_SIZE;
  point = newest (self);
  point->timestamp_us = timestamp_us;
  point->value = value;
}

/* [[t_ms, value], ...], oldest first; t_ms in milliseconds since the epoch. */
JsonNode *
kd_ring_to_json (KdRing *self)
{
  JsonArray *array = json_array_sized_new (self->length);
  JsonNode *node = json_node_new (JSON_NODE_ARRAY);

  for (guint i = 0; i < self->length; i++)
    {
      KdPoint *point = &self->points[(self->start + i) % KD_RING_SIZE];
      JsonArray *pair = json_array_sized_new (2);

      json_array_add_int_element (pair, point->timestamp_us / 1000);
      json_array_add_double_element (pair, point->value);
      json_array_add_array_element (array, pair);
    }
  json_node_take_array (node, array);
  return node;
}
