/* kervi-module.c: one module process on the application's bus
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "config.h"

#include <glib-unix.h>
#include <gmodule.h>
#include <unistd.h>

#include "kervi-module.h"
#include "kervi-bus.h"
#include "kervi-error.h"
#include "kervi-registry.h"
#include "kervi-skeleton.h"

/**
 * KerviModule:
 *
 * One module of an application, run in its own process.
 *
 * A module is a folder next to the application's program; its name is the
 * module id. The application starts one process per module; in it,
 * a #KerviModule loads the module's code, which creates components, then
 * kervi_module_run() connects to the application's bus, exports the
 * components, owns the name `org.kervi.Module.<id>` (which tells the
 * application the module is ready) and runs until asked to quit, until
 * SIGTERM or SIGINT, or until the bus goes away.
 *
 * A C module is a shared library `<id>.so` in the folder, exporting
 * %KERVI_MODULE_ENTRY_POINT; the module host (`kervi-module-host`) loads
 * it with kervi_module_load(). Modules in other languages create their
 * components themselves and then call kervi_module_run().
 */

struct _KerviModule
{
  GObject parent_instance;

  char *id;
  char *path;
  char *kind;
  GModule *library;
  GMainLoop *loop;
  int exit_status;
  guint own_id;
  GError *run_error;
};

G_DEFINE_FINAL_TYPE (KerviModule, kervi_module, G_TYPE_OBJECT)

enum
{
  PROP_0,
  PROP_ID,
  PROP_PATH,
  PROP_KIND,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
kervi_module_finalize (GObject *object)
{
  KerviModule *self = KERVI_MODULE (object);

  /* The library stays loaded: its classes and callbacks may outlive us. */
  g_clear_pointer (&self->loop, g_main_loop_unref);
  g_clear_error (&self->run_error);
  g_free (self->id);
  g_free (self->path);
  g_free (self->kind);

  G_OBJECT_CLASS (kervi_module_parent_class)->finalize (object);
}

static void
kervi_module_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  KerviModule *self = KERVI_MODULE (object);

  switch (prop_id)
    {
      case PROP_ID:
        g_value_set_string (value, self->id);
        break;
      case PROP_PATH:
        g_value_set_string (value, self->path);
        break;
      case PROP_KIND:
        g_value_set_string (value, self->kind);
        break;
      default:
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kervi_module_set_property (GObject *object, guint prop_id, const GValue *value, GParamSpec *pspec)
{
  KerviModule *self = KERVI_MODULE (object);

  switch (prop_id)
    {
      case PROP_ID:
        self->id = g_value_dup_string (value);
        break;
      case PROP_PATH:
        self->path = g_value_dup_string (value);
        break;
      case PROP_KIND:
        g_free (self->kind);
        self->kind = g_value_dup_string (value);
        break;
      default:
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kervi_module_constructed (GObject *object)
{
  KerviModule *self = KERVI_MODULE (object);

  G_OBJECT_CLASS (kervi_module_parent_class)->constructed (object);

  /* One module per process: its components belong to it. */
  kervi_registry_set_module_id (kervi_registry_get_default (), self->id);
}

static void
kervi_module_class_init (KerviModuleClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = kervi_module_finalize;
  object_class->get_property = kervi_module_get_property;
  object_class->set_property = kervi_module_set_property;
  object_class->constructed = kervi_module_constructed;

  /**
   * KerviModule:id:
   *
   * The module id: the name of its folder.
   */
  properties[PROP_ID] = g_param_spec_string (
      "id", NULL, NULL, NULL, G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  /**
   * KerviModule:path:
   *
   * The module's folder.
   */
  properties[PROP_PATH]
      = g_param_spec_string ("path", NULL, NULL, NULL,
                             G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  /**
   * KerviModule:kind:
   *
   * The language of the module: `c`, `python` or `gjs`.
   */
  properties[PROP_KIND] = g_param_spec_string (
      "kind", NULL, NULL, "c", G_PARAM_READWRITE | G_PARAM_CONSTRUCT | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
kervi_module_init (KerviModule *self)
{
  self->loop = g_main_loop_new (NULL, FALSE);
}

/**
 * kervi_module_new:
 * @id: the module id
 * @path: (type filename): the module's folder
 *
 * Creates the module of this process. Components created from now on
 * belong to it.
 *
 * Returns: (transfer full): a new #KerviModule
 */
KerviModule *
kervi_module_new (const char *id, const char *path)
{
  return g_object_new (KERVI_TYPE_MODULE, "id", id, "path", path, NULL);
}

/**
 * kervi_module_get_id:
 * @self: a #KerviModule
 *
 * Returns: the module id
 */
const char *
kervi_module_get_id (KerviModule *self)
{
  g_return_val_if_fail (KERVI_IS_MODULE (self), NULL);

  return self->id;
}

/**
 * kervi_module_get_path:
 * @self: a #KerviModule
 *
 * Returns: (type filename): the module's folder
 */
const char *
kervi_module_get_path (KerviModule *self)
{
  g_return_val_if_fail (KERVI_IS_MODULE (self), NULL);

  return self->path;
}

/**
 * kervi_module_load:
 * @self: a #KerviModule
 * @error: return location for a #GError
 *
 * Loads a C module: opens `<path>/<id>.so` and calls its
 * %KERVI_MODULE_ENTRY_POINT.
 *
 * Returns: %TRUE on success; %FALSE with %KERVI_PROCESS_ERROR_MODULE_NOT_FOUND
 *   or %KERVI_PROCESS_ERROR_MODULE_LOAD otherwise
 */
gboolean
kervi_module_load (KerviModule *self, GError **error)
{
  g_autofree char *name = NULL;
  g_autofree char *file = NULL;
  g_autoptr (GError) init_error = NULL;
  KerviModuleInitFunc init = NULL;

  g_return_val_if_fail (KERVI_IS_MODULE (self), FALSE);
  g_return_val_if_fail (self->library == NULL, FALSE);

  name = g_strconcat (self->id, ".so", NULL);
  file = g_build_filename (self->path, name, NULL);
  if (!g_file_test (file, G_FILE_TEST_IS_REGULAR))
    {
      g_set_error (error, KERVI_PROCESS_ERROR, KERVI_PROCESS_ERROR_MODULE_NOT_FOUND,
                   "Module '%s': no %s in %s", self->id, name, self->path);
      return FALSE;
    }

  /* Local symbols: two modules may well use the same names. */
  self->library = g_module_open (file, G_MODULE_BIND_LOCAL);
  if (self->library == NULL)
    {
      g_set_error (error, KERVI_PROCESS_ERROR, KERVI_PROCESS_ERROR_MODULE_LOAD,
                   "Module '%s': cannot load %s: %s", self->id, file, g_module_error ());
      return FALSE;
    }
  if (!g_module_symbol (self->library, KERVI_MODULE_ENTRY_POINT, (gpointer *)&init) || init == NULL)
    {
      g_set_error (error, KERVI_PROCESS_ERROR, KERVI_PROCESS_ERROR_MODULE_LOAD,
                   "Module '%s': %s has no function %s()", self->id, file,
                   KERVI_MODULE_ENTRY_POINT);
      return FALSE;
    }
  g_module_make_resident (self->library);

  if (!init (self, &init_error))
    {
      g_set_error (error, KERVI_PROCESS_ERROR, KERVI_PROCESS_ERROR_MODULE_LOAD,
                   "Module '%s': %s() failed: %s", self->id, KERVI_MODULE_ENTRY_POINT,
                   init_error != NULL ? init_error->message : "no reason given");
      return FALSE;
    }
  return TRUE;
}

/* org.kervi.Module on /org/kervi/module */

static GVariant *
module_get_property (GDBusConnection *connection, const char *sender, const char *path,
                     const char *interface, const char *property, GError **error,
                     gpointer user_data)
{
  KerviModule *self = kervi_skeleton_get_owner (user_data);

  if (g_str_equal (property, "Id"))
    return g_variant_new_string (self->id);
  if (g_str_equal (property, "Kind"))
    return g_variant_new_string (self->kind);
  if (g_str_equal (property, "Pid"))
    return g_variant_new_uint32 (getpid ());
  g_set_error (error, G_DBUS_ERROR, G_DBUS_ERROR_UNKNOWN_PROPERTY, "No property %s", property);
  return NULL;
}

static void
module_method_call (GDBusConnection *connection, const char *sender, const char *path,
                    const char *interface, const char *method, GVariant *parameters,
                    GDBusMethodInvocation *invocation, gpointer user_data)
{
  KerviModule *self = kervi_skeleton_get_owner (user_data);

  /* Quit is the only method. Reply first, then leave the loop. */
  g_dbus_method_invocation_return_value (invocation, NULL);
  g_message ("Module '%s': asked to quit", self->id);
  kervi_module_quit (self);
}

static const GDBusInterfaceVTable module_vtable = {
  .method_call = module_method_call,
  .get_property = module_get_property,
};

static void
on_name_acquired (GDBusConnection *connection, const char *name, gpointer user_data)
{
  KerviModule *self = user_data;

  g_message ("Module '%s' ready as %s", self->id, name);
}

static void
on_name_lost (GDBusConnection *connection, const char *name, gpointer user_data)
{
  KerviModule *self = user_data;

  /* Losing the connection loses the name too; on_bus_closed() handles it. */
  if (connection == NULL || g_dbus_connection_is_closed (connection))
    {
      kervi_module_quit (self);
      return;
    }
  if (self->run_error == NULL)
    g_set_error (&self->run_error, KERVI_PROCESS_ERROR, KERVI_PROCESS_ERROR_RUNNING,
                 "Module '%s': cannot own the name %s on the bus (another process has it)",
                 self->id, name);
  self->exit_status = 1;
  kervi_module_quit (self);
}

/* Own the name only once the directory knows the other processes: from
 * then on, links of this module are bound and the module is ready. */
static void
own_name (KerviModule *self)
{
  g_autofree char *name = g_strconcat (KERVI_MODULE_BUS_NAME_PREFIX, self->id, NULL);

  self->own_id = g_bus_own_name_on_connection (kervi_bus_get_connection (kervi_bus_get_default ()),
                                               name, G_BUS_NAME_OWNER_FLAGS_DO_NOT_QUEUE,
                                               on_name_acquired, on_name_lost, self, NULL);
}

static void
on_directory_ready (KerviDirectory *directory, KerviModule *self)
{
  g_signal_handlers_disconnect_by_func (directory, on_directory_ready, self);
  own_name (self);
}

static void
on_bus_closed (KerviBus *bus, KerviModule *self)
{
  g_message ("Module '%s': the bus went away, exiting", self->id);
  kervi_module_quit (self);
}

static gboolean
on_signal (gpointer user_data)
{
  KerviModule *self = user_data;

  g_message ("Module '%s': terminating on signal", self->id);
  kervi_module_quit (self);
  return G_SOURCE_CONTINUE;
}

/**
 * kervi_module_run:
 * @self: a #KerviModule
 * @error: return location for a #GError
 *
 * Connects to the application's bus (`KERVI_BUS_ADDRESS`), exports the
 * process's components, owns `org.kervi.Module.<id>` and runs the main loop
 * until kervi_module_quit(), the `Quit` method, SIGTERM, SIGINT, or the
 * end of the bus.
 *
 * Returns: the exit status for the process: 0 after a normal quit, 1 with
 *   @error set if the module could not run
 */
int
kervi_module_run (KerviModule *self, GError **error)
{
  KerviBus *bus = kervi_bus_get_default ();
  g_autoptr (GDBusObjectSkeleton) object = NULL;
  g_autoptr (KerviSkeleton) skeleton = NULL;
  guint sigterm_id, sigint_id;

  g_return_val_if_fail (KERVI_IS_MODULE (self), 1);

  if (!kervi_bus_connect_sync (bus, NULL, error))
    return 1;

  object = g_dbus_object_skeleton_new (KERVI_MODULE_PATH);
  skeleton = kervi_skeleton_new (_kervi_interface_info (KERVI_MODULE_IFACE), &module_vtable,
                                 g_object_ref (self), g_object_unref);
  g_dbus_object_skeleton_add_interface (object, G_DBUS_INTERFACE_SKELETON (skeleton));
  kervi_bus_export (bus, object);

  g_signal_connect (bus, "closed", G_CALLBACK (on_bus_closed), self);
  if (kervi_directory_get_ready (kervi_bus_get_directory (bus)))
    own_name (self);
  else
    g_signal_connect (kervi_bus_get_directory (bus), "ready", G_CALLBACK (on_directory_ready),
                      self);
  sigterm_id = g_unix_signal_add (SIGTERM, on_signal, self);
  sigint_id = g_unix_signal_add (SIGINT, on_signal, self);

  g_main_loop_run (self->loop);

  g_source_remove (sigterm_id);
  g_source_remove (sigint_id);
  g_signal_handlers_disconnect_by_data (bus, self);
  /* Releasing the name needs the bus; once it is gone, so is the name. */
  if (g_dbus_connection_is_closed (kervi_bus_get_connection (bus)))
    self->own_id = 0;
  g_clear_handle_id (&self->own_id, g_bus_unown_name);
  kervi_bus_disconnect (bus);

  if (self->run_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&self->run_error));
      return 1;
    }
  return self->exit_status;
}

/**
 * kervi_module_quit:
 * @self: a #KerviModule
 *
 * Makes kervi_module_run() return.
 */
void
kervi_module_quit (KerviModule *self)
{
  g_return_if_fail (KERVI_IS_MODULE (self));

  g_main_loop_quit (self->loop);
}
