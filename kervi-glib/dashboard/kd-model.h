/* kd-model.h: what the dashboard knows about the application
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "kd-ring.h"

G_BEGIN_DECLS

/* Records keep their last known facts when their process goes away
 * (online = FALSE), so the page keeps its layout and chart history across
 * a module restart. */

typedef struct
{
  char *id;
  char *name;
  char *type;
  char *module;
  gboolean available;
  char *status;
  JsonNode *info;  /* the Info object, or NULL */
  JsonNode *links; /* the Dashboards array, or NULL */
  gboolean online;
  char *owner; /* bus name of the process that owns it */
  char *path;
} KdComponent;

typedef struct
{
  char *id; /* global value id */
  char *name;
  char *component;
  char *kind; /* number, boolean, string, enum, date-time, color */
  char *unit;
  double min, max;
  char **options;
  gboolean input;
  GVariant *value; /* d, b or s; NULL before the first reading */
  gint64 timestamp;
  KdRing *history; /* numbers only */
  gboolean online;
  char *owner; /* bus name of the process that owns it */
  char *path;
} KdValue;

typedef struct
{
  char *id; /* global action id: <component>.<action> */
  char *component;
  char *method;
  char *signature; /* the in-arguments, without parentheses */
  char *state;
  char *message;
  JsonNode *last_switch; /* the last argument a switch sent, or NULL */
  gboolean online;
  char *owner;
  char *path;
} KdAction;

#define KD_TYPE_MODEL (kd_model_get_type ())
G_DECLARE_FINAL_TYPE (KdModel, kd_model, KD, MODEL, GObject)

KdModel *kd_model_new (const char *app_id);

void kd_model_put_component (KdModel *self, KdComponent *component);
void kd_model_put_value (KdModel *self, KdValue *value);
void kd_model_put_action (KdModel *self, KdAction *action);
void kd_model_set_offline (KdModel *self, const char *owner, const char *path);
void kd_model_set_app (KdModel *self, const char *id, const char *name);

KdValue *kd_model_lookup_value (KdModel *self, const char *id);
KdAction *kd_model_lookup_action (KdModel *self, const char *id);

void kd_model_value_changed (KdModel *self, const char *id, GVariant *value, gint64 timestamp);
void kd_model_action_state (KdModel *self, const char *id, const char *state, const char *message);
void kd_model_action_switched (KdModel *self, const char *id, JsonNode *position);
void kd_model_module_state (KdModel *self, const char *id, const char *state, const char *message,
                            gboolean from_app);

JsonNode *kd_model_build_snapshot (KdModel *self);
JsonNode *kd_model_value_change_json (KdModel *self, const char *id);
JsonNode *kd_model_action_json (KdModel *self, const char *id);
JsonNode *kd_model_module_json (KdModel *self, const char *id);

void kd_component_free (KdComponent *self);
void kd_value_free (KdValue *self);
void kd_action_free (KdAction *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (KdComponent, kd_component_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (KdValue, kd_value_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (KdAction, kd_action_free)

G_END_DECLS
