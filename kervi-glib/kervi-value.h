/* kervi-value.h: a named, typed value that can be linked and watched
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#if !defined(KERVI_INSIDE) && !defined(KERVI_COMPILATION)
#error "Only <kervi.h> can be included directly."
#endif

#include <glib-object.h>

G_BEGIN_DECLS

/**
 * KerviValueKind:
 * @KERVI_VALUE_KIND_NUMBER: a double with min, max and unit (D-Bus `d`)
 * @KERVI_VALUE_KIND_BOOLEAN: a boolean (D-Bus `b`)
 * @KERVI_VALUE_KIND_STRING: free text (D-Bus `s`)
 * @KERVI_VALUE_KIND_ENUM: one of a fixed list of option keys (D-Bus `s`)
 * @KERVI_VALUE_KIND_DATE_TIME: a point in time, ISO 8601 on the bus (D-Bus `s`)
 * @KERVI_VALUE_KIND_COLOR: an RGB colour as `#rrggbb` (D-Bus `s`)
 *
 * The kinds of values. The kind decides the D-Bus type of the value and
 * the `Type` property of its `org.kervi.Value` object.
 */
typedef enum
{
  KERVI_VALUE_KIND_NUMBER,
  KERVI_VALUE_KIND_BOOLEAN,
  KERVI_VALUE_KIND_STRING,
  KERVI_VALUE_KIND_ENUM,
  KERVI_VALUE_KIND_DATE_TIME,
  KERVI_VALUE_KIND_COLOR,
} KerviValueKind;

typedef struct _KerviComponent KerviComponent;

#define KERVI_TYPE_VALUE (kervi_value_get_type ())
G_DECLARE_DERIVABLE_TYPE (KerviValue, kervi_value, KERVI, VALUE, GObject)

/**
 * KerviValueClass:
 * @parent_class: the parent class
 * @kind: the #KerviValueKind of values of this class
 * @to_variant: returns the current value as a new #GVariant of the kind's
 *   D-Bus type
 * @check_variant: validates a candidate value (type, range, options) without
 *   storing it
 * @store_variant: stores an already validated value; returns %TRUE if it
 *   differed from the current one
 *
 * The class of #KerviValue. Subclasses implement the three virtual
 * functions; kervi_value_set_variant() runs check, store and the change
 * notification in that order.
 */
struct _KerviValueClass
{
  GObjectClass parent_class;

  KerviValueKind kind;

  GVariant *(*to_variant) (KerviValue *self);
  gboolean (*check_variant) (KerviValue *self, GVariant *value, GError **error);
  gboolean (*store_variant) (KerviValue *self, GVariant *value);

  /*< private >*/
  gpointer padding[8];
};

/**
 * KerviValueClass::to_variant:
 * @self: the value
 *
 * Returns: (transfer full): the current value as a new #GVariant of the
 *   kind's D-Bus type
 */

/**
 * KerviValueClass::check_variant:
 * @self: the value
 * @value: a candidate of the kind's D-Bus type
 * @error: return location for a #GError
 *
 * Validates @value (range, options) without storing it.
 *
 * Returns: %TRUE if @value may be stored, %FALSE with @error set otherwise
 */

/**
 * KerviValueClass::store_variant:
 * @self: the value
 * @value: a validated value of the kind's D-Bus type
 *
 * Stores @value.
 *
 * Returns: %TRUE if it differed from the current value
 */

const char *kervi_value_get_id (KerviValue *self);
const char *kervi_value_get_global_id (KerviValue *self);
const char *kervi_value_get_name (KerviValue *self);
void kervi_value_set_name (KerviValue *self, const char *name);
KerviValueKind kervi_value_get_kind (KerviValue *self);
const char *kervi_value_get_signature (KerviValue *self);
gboolean kervi_value_get_input (KerviValue *self);
KerviComponent *kervi_value_get_component (KerviValue *self);

GVariant *kervi_value_get_variant (KerviValue *self);
gboolean kervi_value_set_variant (KerviValue *self, GVariant *value, GError **error);
gint64 kervi_value_get_timestamp (KerviValue *self);

gboolean kervi_value_link_to (KerviValue *self, const char *source_id, GError **error);
void kervi_value_unlink (KerviValue *self);
const char *kervi_value_get_link_source (KerviValue *self);
gboolean kervi_value_get_link_connected (KerviValue *self);

const char *kervi_value_kind_to_string (KerviValueKind kind);
const char *kervi_value_kind_to_signature (KerviValueKind kind);

G_END_DECLS
