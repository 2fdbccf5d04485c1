/* kervi-gpio-backend.c: the thin layer GPIO drivers talk to
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "config.h"
#include "kervi-devices-config.h"

#include "kervi-error.h"
#include "kervi-gpio-backend.h"
#ifdef KERVI_HAVE_GPIOD
#include "kervi-gpiod-backend.h"
#endif

/**
 * KerviGpioBackend:
 *
 * The thin layer between the GPIO drivers and the hardware.
 *
 * #KerviGpioInputDriver, #KerviGpioOutput and #KerviSoftPwmOutput do not
 * call libgpiod themselves: they request lines from a backend and get back
 * a handle. The default backend (kervi_gpio_backend_get_default()) talks to
 * the kernel through libgpiod 1.6; #KerviFakeGpioBackend simulates chips for
 * tests, with edges scripted by the test and delivered through a real file
 * descriptor, so that the drivers' main-loop watches run as on hardware.
 *
 * A backend is used from one thread, the one whose main context the drivers
 * run in.
 */

G_DEFINE_ABSTRACT_TYPE (KerviGpioBackend, kervi_gpio_backend, G_TYPE_OBJECT)

G_DEFINE_BOXED_TYPE (KerviGpioEvent, kervi_gpio_event, kervi_gpio_event_copy, kervi_gpio_event_free)

GType
kervi_gpio_pull_get_type (void)
{
  static gsize type_id = 0;
  static const GEnumValue values[] = {
    { KERVI_GPIO_PULL_AS_IS, "KERVI_GPIO_PULL_AS_IS", "as-is" },
    { KERVI_GPIO_PULL_NONE, "KERVI_GPIO_PULL_NONE", "none" },
    { KERVI_GPIO_PULL_UP, "KERVI_GPIO_PULL_UP", "up" },
    { KERVI_GPIO_PULL_DOWN, "KERVI_GPIO_PULL_DOWN", "down" },
    { 0, NULL, NULL },
  };

  if (g_once_init_enter (&type_id))
    {
      GType type = g_enum_register_static (g_intern_static_string ("KerviGpioPull"), values);
      g_once_init_leave (&type_id, type);
    }
  return type_id;
}

/**
 * kervi_gpio_event_copy:
 * @event: a #KerviGpioEvent
 *
 * Returns: (transfer full): a copy of @event
 */
KerviGpioEvent *
kervi_gpio_event_copy (const KerviGpioEvent *event)
{
  return g_memdup2 (event, sizeof *event);
}

/**
 * kervi_gpio_event_free:
 * @event: a #KerviGpioEvent from kervi_gpio_event_copy()
 *
 * Frees @event.
 */
void
kervi_gpio_event_free (KerviGpioEvent *event)
{
  g_free (event);
}

static void
kervi_gpio_backend_class_init (KerviGpioBackendClass *klass)
{
}

static void
kervi_gpio_backend_init (KerviGpioBackend *self)
{
}

/**
 * kervi_gpio_backend_get_default:
 *
 * Gets the backend that talks to the kernel's GPIO character devices
 * through libgpiod. It is created on first use and lives as long as the
 * process.
 *
 * Returns: (transfer none) (nullable): the libgpiod backend, or %NULL if
 *   kervi-glib was built without libgpiod
 */
KerviGpioBackend *
kervi_gpio_backend_get_default (void)
{
#ifdef KERVI_HAVE_GPIOD
  static gsize backend = 0;

  if (g_once_init_enter (&backend))
    g_once_init_leave (&backend, (gsize)kervi_gpiod_backend_new ());
  return (KerviGpioBackend *)backend;
#else
  return NULL;
#endif
}

/**
 * kervi_gpio_backend_request_input:
 * @self: a #KerviGpioBackend
 * @chip: the chip: its name (`gpiochip0`), path, number or label
 * @line: the line: its offset (`17`) or its name
 * @pull: the bias to set
 * @active_low: whether the line is active when low
 * @events: whether to watch the line for edges in both directions
 * @consumer: (nullable): the consumer name the kernel shows for the line
 * @error: return location for a #GError
 *
 * Requests a line as an input.
 *
 * Returns: a handle for the line (never 0), or 0 with @error set: the
 *   %KERVI_DRIVER_ERROR codes NOT_FOUND (no such chip or line), PERMISSION,
 *   BUSY (used by another consumer) or IO
 */
guint
kervi_gpio_backend_request_input (KerviGpioBackend *self, const char *chip, const char *line,
                                  KerviGpioPull pull, gboolean active_low, gboolean events,
                                  const char *consumer, GError **error)
{
  g_return_val_if_fail (KERVI_IS_GPIO_BACKEND (self), 0);
  g_return_val_if_fail (chip != NULL, 0);
  g_return_val_if_fail (line != NULL, 0);
  g_return_val_if_fail (error == NULL || *error == NULL, 0);

  return KERVI_GPIO_BACKEND_GET_CLASS (self)->request_input (
      self, chip, line, pull, active_low, events, consumer != NULL ? consumer : "kervi", error);
}

/**
 * kervi_gpio_backend_request_output:
 * @self: a #KerviGpioBackend
 * @chip: the chip: its name (`gpiochip0`), path, number or label
 * @line: the line: its offset (`17`) or its name
 * @active_low: whether the line is active when low
 * @value: the logical level to drive at once
 * @consumer: (nullable): the consumer name the kernel shows for the line
 * @error: return location for a #GError
 *
 * Requests a line as an output.
 *
 * Returns: a handle for the line (never 0), or 0 with @error set
 */
guint
kervi_gpio_backend_request_output (KerviGpioBackend *self, const char *chip, const char *line,
                                   gboolean active_low, gboolean value, const char *consumer,
                                   GError **error)
{
  g_return_val_if_fail (KERVI_IS_GPIO_BACKEND (self), 0);
  g_return_val_if_fail (chip != NULL, 0);
  g_return_val_if_fail (line != NULL, 0);
  g_return_val_if_fail (error == NULL || *error == NULL, 0);

  return KERVI_GPIO_BACKEND_GET_CLASS (self)->request_output (
      self, chip, line, active_low, !!value, consumer != NULL ? consumer : "kervi", error);
}

/**
 * kervi_gpio_backend_get_event_fd:
 * @self: a #KerviGpioBackend
 * @handle: a line requested with events
 *
 * Gets the file descriptor to watch (for %G_IO_IN) for edge events. It
 * belongs to the backend and stays valid until the line is released.
 *
 * Returns: the file descriptor, or -1 if @handle was not requested with
 *   events
 */
int
kervi_gpio_backend_get_event_fd (KerviGpioBackend *self, guint handle)
{
  g_return_val_if_fail (KERVI_IS_GPIO_BACKEND (self), -1);
  g_return_val_if_fail (handle != 0, -1);

  return KERVI_GPIO_BACKEND_GET_CLASS (self)->get_event_fd (self, handle);
}

/**
 * kervi_gpio_backend_read_events:
 * @self: a #KerviGpioBackend
 * @handle: a line requested with events
 * @events: (out caller-allocates) (array length=n_events): where to store
 *   the events
 * @n_events: the room in @events
 * @error: return location for a #GError
 *
 * Reads the pending edge events of a line, oldest first, without blocking.
 *
 * Returns: how many events were stored (0 if none was pending), or -1 with
 *   @error set
 */
int
kervi_gpio_backend_read_events (KerviGpioBackend *self, guint handle, KerviGpioEvent *events,
                                guint n_events, GError **error)
{
  g_return_val_if_fail (KERVI_IS_GPIO_BACKEND (self), -1);
  g_return_val_if_fail (handle != 0, -1);
  g_return_val_if_fail (events != NULL || n_events == 0, -1);
  g_return_val_if_fail (error == NULL || *error == NULL, -1);

  if (n_events == 0)
    return 0;
  return KERVI_GPIO_BACKEND_GET_CLASS (self)->read_events (self, handle, events, n_events, error);
}

/**
 * kervi_gpio_backend_get_value:
 * @self: a #KerviGpioBackend
 * @handle: a requested line
 * @out_value: (out): the logical level of the line
 * @error: return location for a #GError
 *
 * Reads the logical level of a line (active-low already applied).
 *
 * Returns: %TRUE on success
 */
gboolean
kervi_gpio_backend_get_value (KerviGpioBackend *self, guint handle, gboolean *out_value,
                              GError **error)
{
  g_return_val_if_fail (KERVI_IS_GPIO_BACKEND (self), FALSE);
  g_return_val_if_fail (handle != 0, FALSE);
  g_return_val_if_fail (out_value != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return KERVI_GPIO_BACKEND_GET_CLASS (self)->get_value (self, handle, out_value, error);
}

/**
 * kervi_gpio_backend_set_value:
 * @self: a #KerviGpioBackend
 * @handle: a line requested as output
 * @value: the logical level to drive
 * @error: return location for a #GError
 *
 * Drives an output line.
 *
 * Returns: %TRUE on success
 */
gboolean
kervi_gpio_backend_set_value (KerviGpioBackend *self, guint handle, gboolean value, GError **error)
{
  g_return_val_if_fail (KERVI_IS_GPIO_BACKEND (self), FALSE);
  g_return_val_if_fail (handle != 0, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return KERVI_GPIO_BACKEND_GET_CLASS (self)->set_value (self, handle, !!value, error);
}

/**
 * kervi_gpio_backend_release:
 * @self: a #KerviGpioBackend
 * @handle: a requested line
 *
 * Gives the line back to the kernel. The handle and its event file
 * descriptor are invalid afterwards.
 */
void
kervi_gpio_backend_release (KerviGpioBackend *self, guint handle)
{
  g_return_if_fail (KERVI_IS_GPIO_BACKEND (self));

  if (handle != 0)
    KERVI_GPIO_BACKEND_GET_CLASS (self)->release (self, handle);
}
