/* kd-model.c: what the dashboard knows about the application
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "config.h"

#include "kd-json.h"
#include "kd-model.h"

typedef struct
{
  char *state;
  char *message;
  gboolean from_app; /* the application reported it, rather than the bus */
} KdModule;

struct _KdModel
{
  GObject parent_instance;

  char *app_id;
  char *app_name;
  GHashTable *components; /* id -> KdComponent */
  GHashTable *values;     /* global id -> KdValue */
  GHashTable *actions;    /* global id -> KdAction */
  GHashTable *modules;    /* id -> KdModule */
};

G_DEFINE_FINAL_TYPE (KdModel, kd_model, G_TYPE_OBJECT)

enum
{
  SIGNAL_STRUCTURE_CHANGED,
  SIGNAL_VALUE_CHANGED,
  SIGNAL_ACTION_CHANGED,
  SIGNAL_MODULE_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

void
kd_component_free (KdComponent *self)
{
  g_free (self->id);
  g_free (self->name);
  g_free (self->type);
  g_free (self->module);
  g_free (self->status);
  g_clear_pointer (&self->info, json_node_unref);
  g_clear_pointer (&self->links, json_node_unref);
  g_free (self->owner);
  g_free (self->path);
  g_free (self);
}

void
kd_value_free (KdValue *self)
{
  g_free (self->id);
  g_free (self->name);
  g_free (self->component);
  g_free (self->kind);
  g_free (self->unit);
  g_strfreev (self->options);
  g_clear_pointer (&self->value, g_variant_unref);
  g_clear_pointer (&self->history, kd_ring_free);
  g_free (self->owner);
  g_free (self->path);
  g_free (self);
}

void
kd_action_free (KdAction *self)
{
  g_free (self->id);
  g_free (self->component);
  g_free (self->method);
  g_free (self->signature);
  g_free (self->state);
  g_free (self->message);
  g_clear_pointer (&self->last_switch, json_node_unref);
  g_free (self->owner);
  g_free (self->path);
  g_free (self);
}

static void
kd_module_free (KdModule *self)
{
  g_free (self->state);
  g_free (self->message);
  g_free (self);
}

static void
kd_model_finalize (GObject *object)
{
  KdModel *self = KD_MODEL (object);

  g_free (self->app_id);
  g_free (self->app_name);
  g_hash_table_unref (self->components);
  g_hash_table_unref (self->values);
  g_hash_table_unref (self->actions);
  g_hash_table_unref (self->modules);

  G_OBJECT_CLASS (kd_model_parent_class)->finalize (object);
}

static void
kd_model_class_init (KdModelClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = kd_model_finalize;

  /* Components, values, actions or dashboards came, went or changed. */
  signals[SIGNAL_STRUCTURE_CHANGED]
      = g_signal_new ("structure-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL,
                      NULL, NULL, G_TYPE_NONE, 0);
  signals[SIGNAL_VALUE_CHANGED]
      = g_signal_new ("value-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                      NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
  signals[SIGNAL_ACTION_CHANGED]
      = g_signal_new ("action-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                      NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
  signals[SIGNAL_MODULE_CHANGED]
      = g_signal_new ("module-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                      NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
}

static void
kd_model_init (KdModel *self)
{
  self->components
      = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, (GDestroyNotify)kd_component_free);
  self->values
      = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, (GDestroyNotify)kd_value_free);
  self->actions
      = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, (GDestroyNotify)kd_action_free);
  self->modules
      = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify)kd_module_free);
}

KdModel *
kd_model_new (const char *app_id)
{
  KdModel *self = g_object_new (KD_TYPE_MODEL, NULL);

  self->app_id = g_strdup (app_id);
  return self;
}

/* Takes @component; replaces the record with the same id. */
void
kd_model_put_component (KdModel *self, KdComponent *component)
{
  g_hash_table_replace (self->components, component->id, component);
  g_signal_emit (self, signals[SIGNAL_STRUCTURE_CHANGED], 0);
}

/* Takes @value; keeps the history of the record it replaces. */
void
kd_model_put_value (KdModel *self, KdValue *value)
{
  KdValue *old = g_hash_table_lookup (self->values, value->id);

  if (old != NULL && old->history != NULL && g_strcmp0 (value->kind, "number") == 0)
    value->history = g_steal_pointer (&old->history);
  if (value->history == NULL && g_strcmp0 (value->kind, "number") == 0)
    value->history = kd_ring_new ();
  if (value->history != NULL && value->value != NULL && value->timestamp > 0
      && g_variant_is_of_type (value->value, G_VARIANT_TYPE_DOUBLE))
    kd_ring_push (value->history, value->timestamp, g_variant_get_double (value->value));
  g_hash_table_replace (self->values, value->id, value);
  g_signal_emit (self, signals[SIGNAL_STRUCTURE_CHANGED], 0);
}

/* Takes @action; keeps the last switch position of the record it replaces. */
void
kd_model_put_action (KdModel *self, KdAction *action)
{
  KdAction *old = g_hash_table_lookup (self->actions, action->id);

  if (old != NULL && action->last_switch == NULL)
    action->last_switch = g_steal_pointer (&old->last_switch);
  g_hash_table_replace (self->actions, action->id, action);
  g_signal_emit (self, signals[SIGNAL_STRUCTURE_CHANGED], 0);
}

/* Marks offline what @owner exported at @path, or everywhere if @path is NULL. */
void
kd_model_set_offline (KdModel *self, const char *owner, const char *path)
{
  GHashTableIter iter;
  gpointer record;
  gboolean changed = FALSE;

#define MARK(Type, table)                                                                          \
  g_hash_table_iter_init (&iter, table);                                                           \
  while (g_hash_table_iter_next (&iter, NULL, &record))                                            \
    {                                                                                              \
      Type *r = record;                                                                            \
      if (r->online && g_strcmp0 (r->owner, owner) == 0                                            \
          && (path == NULL || g_strcmp0 (r->path, path) == 0))                                     \
        {                                                                                          \
          r->online = FALSE;                                                                       \
          changed = TRUE;                                                                          \
        }                                                                                          \
    }
  MARK (KdComponent, self->components)
  MARK (KdValue, self->values)
  MARK (KdAction, self->actions)
#undef MARK

  if (changed)
    g_signal_emit (self, signals[SIGNAL_STRUCTURE_CHANGED], 0);
}

void
kd_model_set_app (KdModel *self, const char *id, const char *name)
{
  if (g_strcmp0 (self->app_id, id) == 0 && g_strcmp0 (self->app_name, name) == 0)
    return;
  g_free (self->app_id);
  g_free (self->app_name);
  self->app_id = g_strdup (id);
  self->app_name = g_strdup (name);
  g_signal_emit (self, signals[SIGNAL_STRUCTURE_CHANGED], 0);
}

KdValue *
kd_model_lookup_value (KdModel *self, const char *id)
{
  return g_hash_table_lookup (self->values, id);
}

KdAction *
kd_model_lookup_action (KdModel *self, const char *id)
{
  return g_hash_table_lookup (self->actions, id);
}

void
kd_model_value_changed (KdModel *self, const char *id, GVariant *value, gint64 timestamp)
{
  KdValue *record = g_hash_table_lookup (self->values, id);

  if (record == NULL || timestamp < record->timestamp)
    return;
  g_clear_pointer (&record->value, g_variant_unref);
  record->value = g_variant_ref_sink (value);
  record->timestamp = timestamp;
  if (record->history != NULL && g_variant_is_of_type (value, G_VARIANT_TYPE_DOUBLE))
    kd_ring_push (record->history, timestamp, g_variant_get_double (value));
  g_signal_emit (self, signals[SIGNAL_VALUE_CHANGED], 0, id);
}

void
kd_model_action_state (KdModel *self, const char *id, const char *state, const char *message)
{
  KdAction *record = g_hash_table_lookup (self->actions, id);

  if (record == NULL)
    return;
  g_free (record->state);
  g_free (record->message);
  record->state = g_strdup (state);
  record->message = g_strdup (message);
  g_signal_emit (self, signals[SIGNAL_ACTION_CHANGED], 0, id);
}

void
kd_model_action_switched (KdModel *self, const char *id, JsonNode *position)
{
  KdAction *record = g_hash_table_lookup (self->actions, id);

  if (record == NULL)
    return;
  g_clear_pointer (&record->last_switch, json_node_unref);
  record->last_switch = json_node_copy (position);
  g_signal_emit (self, signals[SIGNAL_ACTION_CHANGED], 0, id);
}

/* States from the application win over what the bus alone shows (the
 * module's name present or not). */
void
kd_model_module_state (KdModel *self, const char *id, const char *state, const char *message,
                       gboolean from_app)
{
  KdModule *module = g_hash_table_lookup (self->modules, id);

  if (message == NULL)
    message = "";
  if (module == NULL)
    {
      module = g_new0 (KdModule, 1);
      g_hash_table_insert (self->modules, g_strdup (id), module);
    }
  else if (module->from_app && !from_app)
    return;
  else if (g_strcmp0 (module->state, state) == 0 && g_strcmp0 (module->message, message) == 0)
    return;
  module->from_app = from_app;
  g_free (module->state);
  g_free (module->message);
  module->state = g_strdup (state);
  module->message = g_strdup (message);
  g_signal_emit (self, signals[SIGNAL_MODULE_CHANGED], 0, id);
}

/* JSON */

static GList *
sorted_keys (GHashTable *table)
{
  return g_list_sort (g_hash_table_get_keys (table), (GCompareFunc)g_strcmp0);
}

static void
add_value_fields (JsonBuilder *builder, KdValue *v)
{
  json_builder_set_member_name (builder, "value");
  if (v->value != NULL)
    json_builder_add_value (builder, json_gvariant_serialize (v->value));
  else
    json_builder_add_null_value (builder);
  json_builder_set_member_name (builder, "timestamp");
  json_builder_add_int_value (builder, v->timestamp / 1000);
}

static void
build_value (JsonBuilder *builder, KdValue *v)
{
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "id");
  json_builder_add_string_value (builder, v->id);
  json_builder_set_member_name (builder, "name");
  json_builder_add_string_value (builder, v->name);
  json_builder_set_member_name (builder, "component");
  json_builder_add_string_value (builder, v->component);
  json_builder_set_member_name (builder, "type");
  json_builder_add_string_value (builder, v->kind);
  json_builder_set_member_name (builder, "unit");
  json_builder_add_string_value (builder, v->unit);
  json_builder_set_member_name (builder, "min");
  json_builder_add_double_value (builder, v->min);
  json_builder_set_member_name (builder, "max");
  json_builder_add_double_value (builder, v->max);
  json_builder_set_member_name (builder, "options");
  json_builder_begin_array (builder);
  for (guint i = 0; v->options != NULL && v->options[i] != NULL; i++)
    json_builder_add_string_value (builder, v->options[i]);
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "input");
  json_builder_add_boolean_value (builder, v->input);
  json_builder_set_member_name (builder, "online");
  json_builder_add_boolean_value (builder, v->online);
  add_value_fields (builder, v);
  json_builder_end_object (builder);
}

static void
build_action (JsonBuilder *builder, KdAction *a)
{
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "id");
  json_builder_add_string_value (builder, a->id);
  json_builder_set_member_name (builder, "component");
  json_builder_add_string_value (builder, a->component);
  json_builder_set_member_name (builder, "signature");
  json_builder_add_string_value (builder, a->signature);
  json_builder_set_member_name (builder, "state");
  json_builder_add_string_value (builder, a->state);
  json_builder_set_member_name (builder, "message");
  json_builder_add_string_value (builder, a->message);
  json_builder_set_member_name (builder, "switch");
  if (a->last_switch != NULL)
    json_builder_add_value (builder, json_node_copy (a->last_switch));
  else
    json_builder_add_null_value (builder);
  json_builder_set_member_name (builder, "online");
  json_builder_add_boolean_value (builder, a->online);
  json_builder_end_object (builder);
}

static void
build_module (JsonBuilder *builder, const char *id, KdModule *m)
{
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "id");
  json_builder_add_string_value (builder, id);
  json_builder_set_member_name (builder, "state");
  json_builder_add_string_value (builder, m->state);
  json_builder_set_member_name (builder, "message");
  json_builder_add_string_value (builder, m->message);
  json_builder_end_object (builder);
}

static void
build_dashboard (JsonBuilder *builder, KdComponent *c)
{
  JsonObject *info
      = c->info != NULL && JSON_NODE_HOLDS_OBJECT (c->info) ? json_node_get_object (c->info) : NULL;
  JsonNode *panels = info != NULL ? json_object_get_member (info, "panels") : NULL;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "id");
  json_builder_add_string_value (builder, c->id);
  json_builder_set_member_name (builder, "name");
  json_builder_add_string_value (builder, c->name);
  json_builder_set_member_name (builder, "is_default");
  json_builder_add_boolean_value (
      builder,
      info != NULL && json_object_get_boolean_member_with_default (info, "is_default", FALSE));
  json_builder_set_member_name (builder, "panels");
  if (panels != NULL && JSON_NODE_HOLDS_ARRAY (panels))
    json_builder_add_value (builder, json_node_copy (panels));
  else
    {
      json_builder_begin_array (builder);
      json_builder_end_array (builder);
    }
  json_builder_end_object (builder);
}

static void
build_links (JsonBuilder *builder, KdComponent *c)
{
  JsonArray *links;

  if (c->links == NULL || !JSON_NODE_HOLDS_ARRAY (c->links))
    return;
  links = json_node_get_array (c->links);
  for (guint i = 0; i < json_array_get_length (links); i++)
    {
      JsonNode *link = json_array_get_element (links, i);
      JsonObject *copy;
      JsonNode *node;

      if (!JSON_NODE_HOLDS_OBJECT (link))
        continue;
      node = json_node_copy (link);
      copy = json_node_get_object (node);
      json_object_set_string_member (copy, "component", c->id);
      json_builder_add_value (builder, node);
    }
}

JsonNode *
kd_model_build_snapshot (KdModel *self)
{
  g_autoptr (JsonBuilder) builder = json_builder_new ();
  g_autoptr (GList) components = sorted_keys (self->components);
  g_autoptr (GList) values = sorted_keys (self->values);
  g_autoptr (GList) actions = sorted_keys (self->actions);
  g_autoptr (GList) modules = sorted_keys (self->modules);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "type");
  json_builder_add_string_value (builder, "snapshot");

  json_builder_set_member_name (builder, "app");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "id");
  json_builder_add_string_value (builder, self->app_id);
  json_builder_set_member_name (builder, "name");
  json_builder_add_string_value (builder, self->app_name != NULL ? self->app_name : self->app_id);
  json_builder_end_object (builder);

  json_builder_set_member_name (builder, "modules");
  json_builder_begin_array (builder);
  for (GList *l = modules; l != NULL; l = l->next)
    build_module (builder, l->data, g_hash_table_lookup (self->modules, l->data));
  json_builder_end_array (builder);

  json_builder_set_member_name (builder, "dashboards");
  json_builder_begin_array (builder);
  for (GList *l = components; l != NULL; l = l->next)
    {
      KdComponent *c = g_hash_table_lookup (self->components, l->data);
      if (g_strcmp0 (c->type, "dashboard") == 0)
        build_dashboard (builder, c);
    }
  json_builder_end_array (builder);

  json_builder_set_member_name (builder, "components");
  json_builder_begin_array (builder);
  for (GList *l = components; l != NULL; l = l->next)
    {
      KdComponent *c = g_hash_table_lookup (self->components, l->data);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "id");
      json_builder_add_string_value (builder, c->id);
      json_builder_set_member_name (builder, "name");
      json_builder_add_string_value (builder, c->name);
      json_builder_set_member_name (builder, "type");
      json_builder_add_string_value (builder, c->type);
      json_builder_set_member_name (builder, "module");
      json_builder_add_string_value (builder, c->module);
      json_builder_set_member_name (builder, "available");
      json_builder_add_boolean_value (builder, c->available);
      json_builder_set_member_name (builder, "status");
      json_builder_add_string_value (builder, c->status);
      json_builder_set_member_name (builder, "online");
      json_builder_add_boolean_value (builder, c->online);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  json_builder_set_member_name (builder, "values");
  json_builder_begin_array (builder);
  for (GList *l = values; l != NULL; l = l->next)
    build_value (builder, g_hash_table_lookup (self->values, l->data));
  json_builder_end_array (builder);

  json_builder_set_member_name (builder, "actions");
  json_builder_begin_array (builder);
  for (GList *l = actions; l != NULL; l = l->next)
    build_action (builder, g_hash_table_lookup (self->actions, l->data));
  json_builder_end_array (builder);

  json_builder_set_member_name (builder, "links");
  json_builder_begin_array (builder);
  for (GList *l = components; l != NULL; l = l->next)
    build_links (builder, g_hash_table_lookup (self->components, l->data));
  json_builder_end_array (builder);

  json_builder_set_member_name (builder, "history");
  json_builder_begin_object (builder);
  for (GList *l = values; l != NULL; l = l->next)
    {
      KdValue *v = g_hash_table_lookup (self->values, l->data);
      if (v->history == NULL)
        continue;
      json_builder_set_member_name (builder, v->id);
      json_builder_add_value (builder, kd_ring_to_json (v->history));
    }
  json_builder_end_object (builder);

  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}

/* {"id", "value", "timestamp"} for a "values" message. */
JsonNode *
kd_model_value_change_json (KdModel *self, const char *id)
{
  g_autoptr (JsonBuilder) builder = json_builder_new ();
  KdValue *v = g_hash_table_lookup (self->values, id);

  if (v == NULL)
    return NULL;
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "id");
  json_builder_add_string_value (builder, v->id);
  add_value_fields (builder, v);
  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}

/* {"type": "action", "action": {...}} */
JsonNode *
kd_model_action_json (KdModel *self, const char *id)
{
  g_autoptr (JsonBuilder) builder = json_builder_new ();
  KdAction *a = g_hash_table_lookup (self->actions, id);

  if (a == NULL)
    return NULL;
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "type");
  json_builder_add_string_value (builder, "action");
  json_builder_set_member_name (builder, "action");
  build_action (builder, a);
  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}

/* {"type": "module", "module": {...}} */
JsonNode *
kd_model_module_json (KdModel *self, const char *id)
{
  g_autoptr (JsonBuilder) builder = json_builder_new ();
  KdModule *m = g_hash_table_lookup (self->modules, id);

  if (m == NULL)
    return NULL;
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "type");
  json_builder_add_string_value (builder, "module");
  json_builder_set_member_name (builder, "module");
  build_module (builder, id, m);
  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}
