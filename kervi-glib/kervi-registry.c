/* kervi-registry.c: the components, values and actions of this process
 *
 * Every component registers itself here when it is constructed, and the
 * registry keeps it alive until it is unregistered: as in Kervi, creating a
 * sensor is enough to have it run and appear on the bus. The bus exporter
 * and local links follow the registry's signals.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "config.h"

#include "kervi-registry.h"
#include "kervi-error.h"

struct _KerviRegistry
{
  GObject parent_instance;

  char *module_id;
  GHashTable *components; /* id -> KerviComponent (owned) */
  GHashTable *values;     /* global id -> KerviValue (owned by its component) */
  GHashTable *actions;    /* global id -> KerviAction (owned by its component) */
  GList *order;           /* components in registration order */
};

G_DEFINE_FINAL_TYPE (KerviRegistry, kervi_registry, G_TYPE_OBJECT)

enum
{
  SIGNAL_COMPONENT_ADDED,
  SIGNAL_COMPONENT_REMOVED,
  SIGNAL_VALUE_ADDED,
  SIGNAL_ACTION_ADDED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
kervi_registry_finalize (GObject *object)
{
  KerviRegistry *self = KERVI_REGISTRY (object);

  g_list_free (self->order);
  g_hash_table_unref (self->values);
  g_hash_table_unref (self->actions);
  g_hash_table_unref (self->components);
  g_free (self->module_id);

  G_OBJECT_CLASS (kervi_registry_parent_class)->finalize (object);
}

static void
kervi_registry_class_init (KerviRegistryClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = kervi_registry_finalize;

  signals[SIGNAL_COMPONENT_ADDED]
      = g_signal_new ("component-added", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL,
                      NULL, NULL, G_TYPE_NONE, 1, KERVI_TYPE_COMPONENT);
  signals[SIGNAL_COMPONENT_REMOVED]
      = g_signal_new ("component-removed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL,
                      NULL, NULL, G_TYPE_NONE, 1, KERVI_TYPE_COMPONENT);
  signals[SIGNAL_VALUE_ADDED]
      = g_signal_new ("value-added", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                      NULL, G_TYPE_NONE, 1, KERVI_TYPE_VALUE);
  signals[SIGNAL_ACTION_ADDED]
      = g_signal_new ("action-added", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                      NULL, G_TYPE_NONE, 1, KERVI_TYPE_ACTION);
}

static void
kervi_registry_init (KerviRegistry *self)
{
  self->components = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  self->values = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->actions = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
}

KerviRegistry *
kervi_registry_get_default (void)
{
  static KerviRegistry *registry;

  /* Components are main-thread objects; so is their registry. */
  if (registry == NULL)
    registry = g_object_new (KERVI_TYPE_REGISTRY, NULL);
  return registry;
}

const char *
kervi_registry_get_module_id (KerviRegistry *self)
{
  return self->module_id != NULL ? self->module_id : KERVI_APP_COMPONENT_ID;
}

void
kervi_registry_set_module_id (KerviRegistry *self, const char *module_id)
{
  g_free (self->module_id);
  self->module_id = g_strdup (module_id);
  for (GList *l = self->order; l != NULL; l = l->next)
    _kervi_component_set_module (l->data, kervi_registry_get_module_id (self));
}

gboolean
kervi_registry_add_component (KerviRegistry *self, KerviComponent *component, GError **error)
{
  const char *id = kervi_component_get_id (component);

  if (g_hash_table_contains (self->components, id))
    {
      g_set_error (error, KERVI_ERROR, KERVI_ERROR_EXISTS,
                   "A component with id '%s' exists already in this process", id);
      return FALSE;
    }
  g_hash_table_insert (self->components, g_strdup (id), g_object_ref (component));
  self->order = g_list_append (self->order, component);
  _kervi_component_set_module (component, kervi_registry_get_module_id (self));
  g_signal_emit (self, signals[SIGNAL_COMPONENT_ADDED], 0, component);
  return TRUE;
}

void
kervi_registry_remove_component (KerviRegistry *self, KerviComponent *component)
{
  const char *id = kervi_component_get_id (component);
  g_autoptr (GList) values = NULL;
  g_autoptr (GList) actions = NULL;

  if (g_hash_table_lookup (self->components, id) != component)
    return;

  values = kervi_component_get_values (component);
  for (GList *l = values; l != NULL; l = l->next)
    g_hash_table_remove (self->values, kervi_value_get_global_id (l->data));
  actions = kervi_component_get_actions (component);
  for (GList *l = actions; l != NULL; l = l->next)
    g_hash_table_remove (self->actions, kervi_action_get_global_id (l->data));

  self->order = g_list_remove (self->order, component);
  g_object_ref (component);
  g_hash_table_remove (self->components, id);
  g_signal_emit (self, signals[SIGNAL_COMPONENT_REMOVED], 0, component);
  g_object_unref (component);
}

KerviComponent *
kervi_registry_lookup_component (KerviRegistry *self, const char *id)
{
  return g_hash_table_lookup (self->components, id);
}

/* Returns: (transfer container): the components in registration order */
GList *
kervi_registry_get_components (KerviRegistry *self)
{
  return g_list_copy (self->order);
}

void
kervi_registry_value_added (KerviRegistry *self, KerviValue *value)
{
  g_hash_table_insert (self->values, g_strdup (kervi_value_get_global_id (value)), value);
  g_signal_emit (self, signals[SIGNAL_VALUE_ADDED], 0, value);
}

KerviValue *
kervi_registry_lookup_value (KerviRegistry *self, const char *global_id)
{
  return g_hash_table_lookup (self->values, global_id);
}

void
kervi_registry_action_added (KerviRegistry *self, KerviAction *action)
{
  g_hash_table_insert (self->actions, g_strdup (kervi_action_get_global_id (action)), action);
  g_signal_emit (self, signals[SIGNAL_ACTION_ADDED], 0, action);
}

KerviAction *
kervi_registry_lookup_action (KerviRegistry *self, const char *global_id)
{
  return g_hash_table_lookup (self->actions, global_id);
}
