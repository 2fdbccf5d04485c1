/* kervi-application.c: the application process and its children
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "config.h"

#include <glib-unix.h>
#include <locale.h>

#include "kervi-application.h"
#include "kervi-bus.h"
#include "kervi-child.h"
#include "kervi-config.h"
#include "kervi-enum-types.h"
#include "kervi-error.h"
#include "kervi-export.h"
#include "kervi-registry.h"
#include "kervi-runtime-dir.h"
#include "kervi-application-private.h"

/**
 * KerviApplication:
 *
 * The application process: it starts the private bus, the dashboard and one
 * process per module, and stops them all again.
 *
 * |[<!-- language="C" -->
 * int
 * main (int argc, char **argv)
 * {
 *   g_autoptr(KerviApplication) app = kervi_application_new ("fan-controller", "Fan controller");
 *   g_autoptr(KerviAction) start = kervi_action_new ("app_main", NULL, "", app_main, NULL, NULL);
 *
 *   kervi_application_add_module (app, "sensors");
 *   kervi_application_add_module (app, "controllers");
 *   kervi_application_add_action (app, start, NULL);
 *   return kervi_application_run (app, argc, argv);
 * }
 * ]|
 *
 * kervi_application_run() creates the runtime folder
 * `$XDG_RUNTIME_DIR/kervi/<app-id>` (mode 0700), starts `dbus-daemon` on the
 * socket `bus` in it, owns `org.kervi.App`, starts the dashboard process,
 * then one process per module (a folder of that name next to the program,
 * see #KerviApplication:program),
 * waits until every module owns its bus name `org.kervi.Module.<id>` with
 * its components exported, and runs the action `app_main` if there is one.
 *
 * On SIGINT or SIGTERM (or the bus method `org.kervi.App.Quit`) it runs
 * `app_exit`, lets the action calls that makes reach their targets, asks
 * every module to quit (SIGTERM, then SIGKILL, for those that do not),
 * stops the dashboard and the bus, and removes the runtime folder. Children
 * also go away by themselves if the application is killed: they get
 * SIGTERM from the kernel when it dies, and see the bus vanish.
 *
 * A module that exits after it was ready is restarted, with a back-off; a
 * module that fails at start makes kervi_application_run() fail with a
 * message that names it.
 */

G_DEFINE_FINAL_TYPE (KerviApplication, kervi_application, G_TYPE_OBJECT)

enum
{
  PROP_0,
  PROP_ID,
  PROP_NAME,
  PROP_BUS_ADDRESS,
  PROP_RUNTIME_DIR,
  PROP_PROGRAM,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum
{
  SIGNAL_MODULE_STATE_CHANGED,
  SIGNAL_READY,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

void
_kervi_module_process_free (ModuleProcess *module)
{
  g_clear_handle_id (&module->restart_id, g_source_remove);
  if (module->child != NULL)
    g_signal_handlers_disconnect_by_data (module->child, module);
  g_clear_object (&module->child);
  g_free (module->id);
  g_free (module->path);
  g_free (module->message);
  g_free (module);
}

ModuleProcess *
_kervi_application_find_module (KerviApplication *self, const char *id)
{
  for (guint i = 0; i < self->modules->len; i++)
    {
      ModuleProcess *module = self->modules->pdata[i];
      if (g_str_equal (module->id, id))
        return module;
    }
  return NULL;
}

/* org.kervi.App on /org/kervi/app */

static GVariant *
modules_variant (KerviApplication *self)
{
  GVariantBuilder builder;

  g_variant_builder_init (&builder, G_VARIANT_TYPE ("a{ss}"));
  for (guint i = 0; i < self->modules->len; i++)
    {
      ModuleProcess *module = self->modules->pdata[i];
      g_variant_builder_add (&builder, "{ss}", module->id,
                             kervi_module_state_to_string (module->state));
    }
  return g_variant_builder_end (&builder);
}

static GVariant *
app_get_property (GDBusConnection *connection, const char *sender, const char *path,
                  const char *interface, const char *property, GError **error, gpointer user_data)
{
  KerviApplication *self = kervi_skeleton_get_owner (user_data);

  if (g_str_equal (property, "Id"))
    return g_variant_new_string (self->config.app_id);
  if (g_str_equal (property, "Name"))
    return g_variant_new_string (self->config.app_name);
  if (g_str_equal (property, "Modules"))
    return modules_variant (self);
  g_set_error (error, G_DBUS_ERROR, G_DBUS_ERROR_UNKNOWN_PROPERTY, "No property %s", property);
  return NULL;
}

static void
app_method_call (GDBusConnection *connection, const char *sender, const char *path,
                 const char *interface, const char *method, GVariant *parameters,
                 GDBusMethodInvocation *invocation, gpointer user_data)
{
  KerviApplication *self = kervi_skeleton_get_owner (user_data);

  /* Quit is the only method. */
  g_dbus_method_invocation_return_value (invocation, NULL);
  g_message ("Quit requested by %s", sender);
  kervi_application_quit (self);
}

const GDBusInterfaceVTable _kervi_app_vtable = {
  .method_call = app_method_call,
  .get_property = app_get_property,
};

void
_kervi_module_process_set_state (ModuleProcess *module, KerviModuleState state, const char *message)
{
  KerviApplication *self = module->app;
  static const char *const changed[] = { "Modules", NULL };

  if (module->state == state && g_strcmp0 (module->message, message) == 0)
    return;
  module->state = state;
  g_free (module->message);
  module->message = g_strdup (message);

  if (state == KERVI_MODULE_STATE_FAILED)
    g_warning ("Module '%s' failed: %s", module->id, message);
  else
    g_info ("Module '%s' is %s", module->id, kervi_module_state_to_string (state));

  if (self->app_skeleton != NULL)
    {
      kervi_skeleton_emit_signal (self->app_skeleton, "ModuleStateChanged",
                                  g_variant_new ("(sss)", module->id,
                                                 kervi_module_state_to_string (state),
                                                 message != NULL ? message : ""));
      kervi_skeleton_emit_properties_changed (self->app_skeleton, changed);
    }
  g_signal_emit (self, signals[SIGNAL_MODULE_STATE_CHANGED], 0, module->id, state);
}

void
_kervi_application_export_actions (KerviApplication *self)
{
  KerviBus *bus = kervi_bus_get_default ();

  if (self->app_object == NULL)
    return;
  if (self->actions_skeleton != NULL)
    {
      g_dbus_object_skeleton_remove_interface (self->app_object,
                                               G_DBUS_INTERFACE_SKELETON (self->actions_skeleton));
      g_clear_object (&self->actions_skeleton);
    }
  kervi_bus_set_action_signatures (bus, KERVI_APP_PATH, _kervi_actions_signatures (self->actions));
  self->actions_skeleton = _kervi_export_actions (self->actions);
  g_dbus_object_skeleton_add_interface (self->app_object,
                                        G_DBUS_INTERFACE_SKELETON (self->actions_skeleton));
}

/* GObject */

static void
kervi_application_finalize (GObject *object)
{
  KerviApplication *self = KERVI_APPLICATION (object);

  g_ptr_array_unref (self->modules);
  g_ptr_array_unref (self->actions);
  g_clear_object (&self->app_skeleton);
  g_clear_object (&self->actions_skeleton);
  g_clear_object (&self->app_object);
  g_clear_pointer (&self->loop, g_main_loop_unref);
  g_free (self->bus_address);
  g_free (self->config_file);
  g_free (self->program);
  kervi_config_clear (&self->config);

  G_OBJECT_CLASS (kervi_application_parent_class)->finalize (object);
}

static void
kervi_application_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  KerviApplication *self = KERVI_APPLICATION (object);

  switch (prop_id)
    {
      case PROP_ID:
        g_value_set_string (value, self->config.app_id);
        break;
      case PROP_NAME:
        g_value_set_string (value, self->config.app_name);
        break;
      case PROP_BUS_ADDRESS:
        g_value_set_string (value, self->bus_address);
        break;
      case PROP_RUNTIME_DIR:
        g_value_set_string (value, kervi_application_get_runtime_dir (self));
        break;
      case PROP_PROGRAM:
        g_value_set_string (value, self->program);
        break;
      default:
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kervi_application_set_property (GObject *object, guint prop_id, const GValue *value,
                                GParamSpec *pspec)
{
  KerviApplication *self = KERVI_APPLICATION (object);

  switch (prop_id)
    {
      case PROP_ID:
        g_free (self->config.app_id);
        self->config.app_id = g_value_dup_string (value);
        break;
      case PROP_NAME:
        g_free (self->config.app_name);
        self->config.app_name = g_value_dup_string (value);
        break;
      case PROP_PROGRAM:
        kervi_application_set_program (self, g_value_get_string (value));
        break;
      default:
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kervi_application_constructed (GObject *object)
{
  KerviApplication *self = KERVI_APPLICATION (object);

  G_OBJECT_CLASS (kervi_application_parent_class)->constructed (object);

  if (!_kervi_name_is_valid (self->config.app_id))
    g_critical ("KerviApplication: invalid id '%s': use letters, digits, '_' and '-'",
                self->config.app_id != NULL ? self->config.app_id : "(null)");
  if (self->config.app_name == NULL)
    self->config.app_name = g_strdup (self->config.app_id);
}

static void
kervi_application_class_init (KerviApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = kervi_application_finalize;
  object_class->get_property = kervi_application_get_property;
  object_class->set_property = kervi_application_set_property;
  object_class->constructed = kervi_application_constructed;

  /**
   * KerviApplication:id:
   *
   * The application id; it names the runtime folder. A configuration file
   * may override it.
   */
  properties[PROP_ID] = g_param_spec_string (
      "id", NULL, NULL, NULL, G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  /**
   * KerviApplication:name:
   *
   * The human-readable name.
   */
  properties[PROP_NAME]
      = g_param_spec_string ("name", NULL, NULL, NULL,
                             G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  /**
   * KerviApplication:bus-address:
   *
   * The D-Bus address of the private bus while the application runs.
   */
  properties[PROP_BUS_ADDRESS] = g_param_spec_string ("bus-address", NULL, NULL, NULL,
                                                      G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  /**
   * KerviApplication:runtime-dir:
   *
   * The runtime folder while the application runs.
   */
  properties[PROP_RUNTIME_DIR] = g_param_spec_string ("runtime-dir", NULL, NULL, NULL,
                                                      G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  /**
   * KerviApplication:program:
   *
   * The file of the application's program, or %NULL for the running
   * executable (`/proc/self/exe`). The module folders are looked up next to
   * it, and its configuration file is `<program>.conf` (or, for a script
   * such as `myapp.py`, `myapp.conf`) unless the configuration names
   * another `module-dir` or `--config` is given.
   *
   * Programs run by an interpreter set it to their script: the Python
   * override of kervi_application_run() does so from `sys.argv[0]`; GJS
   * programs pass `System.programPath`.
   */
  properties[PROP_PROGRAM]
      = g_param_spec_string ("program", NULL, NULL, NULL,
                             G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * KerviApplication::module-state-changed:
   * @self: the application
   * @module_id: the module
   * @state: its new #KerviModuleState
   *
   * Emitted when a module process changes state.
   */
  signals[SIGNAL_MODULE_STATE_CHANGED]
      = g_signal_new ("module-state-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL,
                      NULL, NULL, G_TYPE_NONE, 2, G_TYPE_STRING, KERVI_TYPE_MODULE_STATE);

  /**
   * KerviApplication::ready:
   * @self: the application
   *
   * Emitted once every module is ready, just before `app_main` runs.
   */
  signals[SIGNAL_READY] = g_signal_new ("ready", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                        NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
kervi_application_init (KerviApplication *self)
{
  kervi_config_init (&self->config);
  self->modules = g_ptr_array_new_with_free_func ((GDestroyNotify)_kervi_module_process_free);
  self->actions = g_ptr_array_new_with_free_func (g_object_unref);
  self->loop = g_main_loop_new (NULL, FALSE);
}

/**
 * kervi_application_new:
 * @id: the application id: letters, digits, `_` and `-`
 * @name: (nullable): the human-readable name
 *
 * Creates the application of this process.
 *
 * Returns: (transfer full): a new #KerviApplication
 */
KerviApplication *
kervi_application_new (const char *id, const char *name)
{
  return g_object_new (KERVI_TYPE_APPLICATION, "id", id, "name", name, NULL);
}

/**
 * kervi_application_get_id:
 * @self: a #KerviApplication
 *
 * Returns: the application id
 */
const char *
kervi_application_get_id (KerviApplication *self)
{
  g_return_val_if_fail (KERVI_IS_APPLICATION (self), NULL);

  return self->config.app_id;
}

/**
 * kervi_application_get_name:
 * @self: a #KerviApplication
 *
 * Returns: the human-readable name
 */
const char *
kervi_application_get_name (KerviApplication *self)
{
  g_return_val_if_fail (KERVI_IS_APPLICATION (self), NULL);

  return self->config.app_name;
}

/**
 * kervi_application_get_bus_address:
 * @self: a #KerviApplication
 *
 * Returns: (nullable): the address of the private bus, while running
 */
const char *
kervi_application_get_bus_address (KerviApplication *self)
{
  g_return_val_if_fail (KERVI_IS_APPLICATION (self), NULL);

  return self->bus_address;
}

/**
 * kervi_application_get_runtime_dir:
 * @self: a #KerviApplication
 *
 * Returns: (nullable) (type filename): the runtime folder, while running
 */
const char *
kervi_application_get_runtime_dir (KerviApplication *self)
{
  g_return_val_if_fail (KERVI_IS_APPLICATION (self), NULL);

  return self->runtime_dir != NULL ? kervi_runtime_dir_get_path (self->runtime_dir) : NULL;
}

/**
 * kervi_application_get_program:
 * @self: a #KerviApplication
 *
 * Returns: (nullable) (type filename): the program file set with
 *   kervi_application_set_program(), or %NULL
 */
const char *
kervi_application_get_program (KerviApplication *self)
{
  g_return_val_if_fail (KERVI_IS_APPLICATION (self), NULL);

  return self->program;
}

/**
 * kervi_application_set_program:
 * @self: a #KerviApplication
 * @program: (nullable) (type filename): the program file, or %NULL for the
 *   running executable
 *
 * Sets #KerviApplication:program, which decides where the module folders
 * and the default configuration file are. A relative path is taken from
 * the current folder. Set it before kervi_application_run().
 */
void
kervi_application_set_program (KerviApplication *self, const char *program)
{
  g_autofree char *absolute = NULL;

  g_return_if_fail (KERVI_IS_APPLICATION (self));
  g_return_if_fail (!self->started);

  if (program != NULL && *program != '\0')
    absolute = g_canonicalize_filename (program, NULL);
  if (g_strcmp0 (self->program, absolute) == 0)
    return;
  g_free (self->program);
  self->program = g_steal_pointer (&absolute);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PROGRAM]);
}

static void
add_module_process (KerviApplication *self, const char *module_id)
{
  ModuleProcess *module;

  if (_kervi_application_find_module (self, module_id) != NULL)
    return;
  module = g_new0 (ModuleProcess, 1);
  module->app = self;
  module->id = g_strdup (module_id);
  g_ptr_array_add (self->modules, module);
}

/**
 * kervi_application_add_module:
 * @self: a #KerviApplication
 * @module_id: the module id: the name of its folder
 *
 * Adds a module to start in its own process. Adding a module twice adds it
 * once.
 */
void
kervi_application_add_module (KerviApplication *self, const char *module_id)
{
  g_return_if_fail (KERVI_IS_APPLICATION (self));
  g_return_if_fail (_kervi_name_is_valid (module_id));
  g_return_if_fail (!self->started);

  add_module_process (self, module_id);
}

/**
 * kervi_application_get_modules:
 * @self: a #KerviApplication
 *
 * Returns: (transfer container) (array zero-terminated=1): the module ids
 */
const char *const *
kervi_application_get_modules (KerviApplication *self)
{
  GPtrArray *ids = g_ptr_array_new ();

  g_return_val_if_fail (KERVI_IS_APPLICATION (self), NULL);

  for (guint i = 0; i < self->modules->len; i++)
    g_ptr_array_add (ids, ((ModuleProcess *)self->modules->pdata[i])->id);
  g_ptr_array_add (ids, NULL);
  return (const char *const *)g_ptr_array_free (ids, FALSE);
}

/**
 * kervi_application_get_module_state:
 * @self: a #KerviApplication
 * @module_id: a module id
 *
 * Returns: the state of the module's process
 */
KerviModuleState
kervi_application_get_module_state (KerviApplication *self, const char *module_id)
{
  ModuleProcess *module;

  g_return_val_if_fail (KERVI_IS_APPLICATION (self), KERVI_MODULE_STATE_STOPPED);

  module = _kervi_application_find_module (self, module_id);
  return module != NULL ? module->state : KERVI_MODULE_STATE_STOPPED;
}

/**
 * kervi_application_add_action:
 * @self: a #KerviApplication
 * @action: an application-wide action
 * @error: return location for a #GError
 *
 * Adds an application-wide action. Its global id is its plain id; it is a
 * method of `org.kervi.Actions` on `/org/kervi/app`. The actions `app_main`
 * and `app_exit` run when the application has started and when it stops.
 *
 * Returns: %TRUE on success, %FALSE with %KERVI_ERROR_EXISTS if an action
 *   with that id exists
 */
gboolean
kervi_application_add_action (KerviApplication *self, KerviAction *action, GError **error)
{
  g_return_val_if_fail (KERVI_IS_APPLICATION (self), FALSE);
  g_return_val_if_fail (KERVI_IS_ACTION (action), FALSE);

  if (kervi_registry_lookup_action (kervi_registry_get_default (), kervi_action_get_id (action))
      != NULL)
    {
      g_set_error (error, KERVI_ERROR, KERVI_ERROR_EXISTS, "An action '%s' exists already",
                   kervi_action_get_id (action));
      return FALSE;
    }
  g_ptr_array_add (self->actions, g_object_ref (action));
  _kervi_action_attach (action, NULL, kervi_action_get_id (action));
  kervi_registry_action_added (kervi_registry_get_default (), action);
  _kervi_application_export_actions (self);
  return TRUE;
}

/**
 * kervi_application_load_config:
 * @self: a #KerviApplication
 * @path: (type filename): a configuration file
 * @error: return location for a #GError
 *
 * Loads a configuration file (a key file with the groups `[application]`
 * and `[dashboard]`, see the README) over the current settings. Errors
 * (%KERVI_CONFIG_ERROR) name the file, the line and the key.
 * kervi_application_run() loads `--config FILE`, or else `<program>.conf`
 * next to the program if there is one.
 *
 * Returns: %TRUE on success
 */
gboolean
kervi_application_load_config (KerviApplication *self, const char *path, GError **error)
{
  g_return_val_if_fail (KERVI_IS_APPLICATION (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  if (!kervi_config_load (&self->config, path, error))
    return FALSE;
  for (guint i = 0; self->config.modules != NULL && self->config.modules[i] != NULL; i++)
    add_module_process (self, self->config.modules[i]);
  g_free (self->config_file);
  self->config_file = g_strdup (path);
  return TRUE;
}

/**
 * kervi_module_state_to_string:
 * @state: a #KerviModuleState
 *
 * Returns: the name of @state as on the bus: `stopped`, `starting`,
 *   `ready`, `stopping` or `failed`
 */
const char *
kervi_module_state_to_string (KerviModuleState state)
{
  switch (state)
    {
      case KERVI_MODULE_STATE_STOPPED:
        return "stopped";
      case KERVI_MODULE_STATE_STARTING:
        return "starting";
      case KERVI_MODULE_STATE_READY:
        return "ready";
      case KERVI_MODULE_STATE_STOPPING:
        return "stopping";
      case KERVI_MODULE_STATE_FAILED:
        return "failed";
      default:
        g_return_val_if_reached (NULL);
    }
}

void
_kervi_application_emit_ready (KerviApplication *self)
{
  g_signal_emit (self, signals[SIGNAL_READY], 0);
}
