/* kervi-gpio-input-driver.c: a GPIO input line as a boolean sensor
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "config.h"

#include <glib-unix.h>

#include "kervi-devices-private.h"
#include "kervi-driver-private.h"
#include "kervi-error.h"
#include "kervi-gpio-input-driver.h"

/**
 * KerviGpioInputDriver:
 *
 * A GPIO input line (a button, a switch, a PIR or reed contact) as an
 * event-driven boolean sensor driver.
 *
 * The driver requests the line with edge events in both directions and
 * watches the event file descriptor in the main loop: there is no polling.
 * Each edge becomes a reading (%TRUE when the line is active). With
 * #KerviGpioInputDriver:active-low, a line pulled to ground is active, as
 * for a button between the pin and ground with the pull-up enabled.
 *
 * libgpiod 1.6 has no debounce setting, so the driver debounces in
 * software: after an accepted edge, edges within
 * #KerviGpioInputDriver:debounce-ms are ignored; when that window ends the
 * line is read again and its final level delivered if it differs from the
 * last reading. A short press is therefore never lost, and bounces never
 * reach the sensor.
 *
 * |[<!-- language="C" -->
 * g_autoptr(KerviSensorDriver) driver = kervi_gpio_input_driver_new ("gpiochip0", "17");
 * kervi_gpio_input_driver_set_pull (KERVI_GPIO_INPUT_DRIVER (driver), KERVI_GPIO_PULL_UP);
 * kervi_gpio_input_driver_set_active_low (KERVI_GPIO_INPUT_DRIVER (driver), TRUE);
 * kervi_gpio_input_driver_set_debounce_ms (KERVI_GPIO_INPUT_DRIVER (driver), 20);
 * g_autoptr(KerviSensor) button = kervi_sensor_new ("button", "Button", driver);
 * ]|
 *
 * Missing chips and lines, busy lines and denied permissions are errors in
 * the %KERVI_DRIVER_ERROR domain naming the chip and line; the #KerviSensor
 * marks itself unavailable and retries.
 */

struct _KerviGpioInputDriver
{
  KerviSensorDriver parent_instance;

  KerviGpioBackend *backend;
  char *chip;
  char *line;
  KerviGpioPull pull;
  gboolean active_low;
  guint debounce_ms;

  guint handle; /* 0 while not started */
  guint watch_id;
  guint window_id; /* debounce window timer */

  gboolean have_delivered;
  gboolean delivered; /* the last level given to the sensor */
  gint64 last_ts;     /* and its time */
  gint64 accepted_ts; /* the time of the last accepted edge */
};

G_DEFINE_FINAL_TYPE (KerviGpioInputDriver, kervi_gpio_input_driver, KERVI_TYPE_SENSOR_DRIVER)

enum
{
  PROP_0,
  PROP_BACKEND,
  PROP_CHIP,
  PROP_LINE,
  PROP_PULL,
  PROP_ACTIVE_LOW,
  PROP_DEBOUNCE_MS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const char *
label (KerviGpioInputDriver *self)
{
  return kervi_sensor_driver_get_device_name (KERVI_SENSOR_DRIVER (self));
}

static void
release_line (KerviGpioInputDriver *self)
{
  g_clear_handle_id (&self->watch_id, g_source_remove);
  g_clear_handle_id (&self->window_id, g_source_remove);
  if (self->handle != 0 && self->backend != NULL)
    kervi_gpio_backend_release (self->backend, self->handle);
  self->handle = 0;
}

static void
fail (KerviGpioInputDriver *self, GError *error)
{
  release_line (self);
  kervi_sensor_driver_push_error (KERVI_SENSOR_DRIVER (self), error);
  g_error_free (error);
}

static void
deliver (KerviGpioInputDriver *self, gboolean level)
{
  if (self->have_delivered && self->delivered == level)
    return;
  self->have_delivered = TRUE;
  self->delivered = level;
  kervi_sensor_driver_push_reading (KERVI_SENSOR_DRIVER (self), g_variant_new_boolean (level));
}

static gboolean window_end_cb (gpointer user_data);

static void
open_window (KerviGpioInputDriver *self)
{
  g_clear_handle_id (&self->window_id, g_source_remove);
  self->window_id = g_timeout_add (self->debounce_ms, window_end_cb, self);
  g_source_set_name_by_id (self->window_id, "[kervi] GPIO debounce window");
}

static gboolean
window_end_cb (gpointer user_data)
{
  KerviGpioInputDriver *self = user_data;
  g_autoptr (GError) error = NULL;
  gboolean level;

  self->window_id = 0;

  /* The final level: read the line itself, in case the kernel dropped an
   * event. (The window only runs while the line is held.) */
  if (!kervi_gpio_backend_get_value (self->backend, self->handle, &level, &error))
    {
      fail (self, g_steal_pointer (&error));
      return G_SOURCE_REMOVE;
    }

  if (!self->have_delivered || level != self->delivered)
    {
      self->accepted_ts = self->last_ts;
      deliver (self, level);
      open_window (self);
    }
  return G_SOURCE_REMOVE;
}

static void
process_event (KerviGpioInputDriver *self, const KerviGpioEvent *event)
{
  gint64 debounce_us = (gint64)self->debounce_ms * 1000;

  self->last_ts = event->timestamp_us;

  if (debounce_us == 0)
    {
      deliver (self, event->rising);
      return;
    }

  if (self->window_id == 0 || event->timestamp_us - self->accepted_ts >= debounce_us)
    {
      self->accepted_ts = event->timestamp_us;
      deliver (self, event->rising);
      open_window (self);
    }
  /* else: a bounce; window_end_cb() delivers the final level. */
}

static gboolean
events_cb (int fd, GIOCondition condition, gpointer user_data)
{
  KerviGpioInputDriver *self = user_data;
  KerviGpioEvent events[16];
  GError *error = NULL;
  int n;

  g_object_ref (self);
  do
    {
      n = kervi_gpio_backend_read_events (self->backend, self->handle, events,
                                          G_N_ELEMENTS (events), &error);
      for (int i = 0; i < n && self->handle != 0; i++)
        process_event (self, &events[i]);
    }
  while (n == G_N_ELEMENTS (events) && self->handle != 0);

  if (n < 0)
    {
      self->watch_id = 0;
      fail (self, error);
      g_object_unref (self);
      return G_SOURCE_REMOVE;
    }
  if (n == 0 && (condition & (G_IO_HUP | G_IO_ERR)) != 0)
    {
      self->watch_id = 0;
      fail (self, g_error_new (KERVI_DRIVER_ERROR, KERVI_DRIVER_ERROR_IO,
                               "%s: the line's event stream closed", label (self)));
      g_object_unref (self);
      return G_SOURCE_REMOVE;
    }
  g_object_unref (self);
  return G_SOURCE_CONTINUE;
}

static gboolean
no_backend (KerviGpioInputDriver *self, GError **error)
{
  if (self->backend != NULL)
    return FALSE;
  _kervi_gpio_set_unsupported_error (error, label (self));
  return TRUE;
}

static gboolean
kervi_gpio_input_driver_start (KerviSensorDriver *driver, GError **error)
{
  KerviGpioInputDriver *self = KERVI_GPIO_INPUT_DRIVER (driver);
  gboolean level = FALSE;
  int fd;

  if (no_backend (self, error))
    return FALSE;

  release_line (self);
  self->handle = kervi_gpio_backend_request_input (
      self->backend, self->chip, self->line, self->pull, self->active_low, TRUE, "kervi", error);
  if (self->handle == 0)
    return FALSE;

  fd = kervi_gpio_backend_get_event_fd (self->backend, self->handle);
  if (fd < 0)
    {
      g_set_error (error, KERVI_DRIVER_ERROR, KERVI_DRIVER_ERROR_IO,
                   "%s: the backend gave no event file descriptor", label (self));
      release_line (self);
      return FALSE;
    }
  if (!kervi_gpio_backend_get_value (self->backend, self->handle, &level, error))
    {
      release_line (self);
      return FALSE;
    }

  /* The sensor reads the initial level itself after start; edges are
   * compared with it. */
  self->have_delivered = TRUE;
  self->delivered = level;

  self->watch_id = g_unix_fd_add (fd, G_IO_IN | G_IO_HUP | G_IO_ERR, events_cb, self);
  g_source_set_name_by_id (self->watch_id, "[kervi] GPIO line events");
  return TRUE;
}

static void
kervi_gpio_input_driver_stop (KerviSensorDriver *driver)
{
  release_line (KERVI_GPIO_INPUT_DRIVER (driver));
}

static GVariant *
kervi_gpio_input_driver_read (KerviSensorDriver *driver, GError **error)
{
  KerviGpioInputDriver *self = KERVI_GPIO_INPUT_DRIVER (driver);
  gboolean level;
  guint handle;

  if (no_backend (self, error))
    return NULL;

  if (self->handle != 0)
    {
      if (!kervi_gpio_backend_get_value (self->backend, self->handle, &level, error))
        return NULL;
      return g_variant_new_boolean (level);
    }

  /* Not started: request the line just for this reading. */
  handle = kervi_gpio_backend_request_input (self->backend, self->chip, self->line, self->pull,
                                             self->active_low, FALSE, "kervi", error);
  if (handle == 0)
    return NULL;
  if (!kervi_gpio_backend_get_value (self->backend, handle, &level, error))
    {
      kervi_gpio_backend_release (self->backend, handle);
      return NULL;
    }
  kervi_gpio_backend_release (self->backend, handle);
  return g_variant_new_boolean (level);
}

/* Applies a new pull or active-low setting to a running line. */
static void
restart_if_running (KerviGpioInputDriver *self)
{
  GError *error = NULL;

  if (self->handle == 0)
    return;
  if (!kervi_gpio_input_driver_start (KERVI_SENSOR_DRIVER (self), &error))
    {
      kervi_sensor_driver_push_error (KERVI_SENSOR_DRIVER (self), error);
      g_error_free (error);
    }
}

static GObject *
kervi_gpio_input_driver_constructor (GType type, guint n_properties, GObjectConstructParam *props)
{
  GValue *chip = _kervi_driver_construct_param (props, n_properties, "chip");
  GValue *line = _kervi_driver_construct_param (props, n_properties, "line");
  g_autofree char *name = NULL;

  name = g_strdup_printf (
      "%s line %s",
      chip != NULL && g_value_get_string (chip) != NULL ? g_value_get_string (chip) : "gpiochip0",
      line != NULL && g_value_get_string (line) != NULL ? g_value_get_string (line) : "0");
  _kervi_driver_describe (props, n_properties, KERVI_VALUE_KIND_BOOLEAN, NULL, 0, 1, name);

  return G_OBJECT_CLASS (kervi_gpio_input_driver_parent_class)
      ->constructor (type, n_properties, props);
}

static void
kervi_gpio_input_driver_constructed (GObject *object)
{
  KerviGpioInputDriver *self = KERVI_GPIO_INPUT_DRIVER (object);

  G_OBJECT_CLASS (kervi_gpio_input_driver_parent_class)->constructed (object);

  if (self->backend == NULL && kervi_gpio_backend_get_default () != NULL)
    self->backend = g_object_ref (kervi_gpio_backend_get_default ());
}

static void
kervi_gpio_input_driver_dispose (GObject *object)
{
  KerviGpioInputDriver *self = KERVI_GPIO_INPUT_DRIVER (object);

  release_line (self);
  g_clear_object (&self->backend);

  G_OBJECT_CLASS (kervi_gpio_input_driver_parent_class)->dispose (object);
}

static void
kervi_gpio_input_driver_finalize (GObject *object)
{
  KerviGpioInputDriver *self = KERVI_GPIO_INPUT_DRIVER (object);

  g_free (self->chip);
  g_free (self->line);

  G_OBJECT_CLASS (kervi_gpio_input_driver_parent_class)->finalize (object);
}

static void
kervi_gpio_input_driver_get_property (GObject *object, guint prop_id, GValue *value,
                                      GParamSpec *pspec)
{
  KerviGpioInputDriver *self = KERVI_GPIO_INPUT_DRIVER (object);

  switch (prop_id)
    {
      case PROP_BACKEND:
        g_value_set_object (value, self->backend);
        break;
      case PROP_CHIP:
        g_value_set_string (value, self->chip);
        break;
      case PROP_LINE:
        g_value_set_string (value, self->line);
        break;
      case PROP_PULL:
        g_value_set_enum (value, self->pull);
        break;
      case PROP_ACTIVE_LOW:
        g_value_set_boolean (value, self->active_low);
        break;
      case PROP_DEBOUNCE_MS:
        g_value_set_uint (value, self->debounce_ms);
        break;
      default:
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kervi_gpio_input_driver_set_property (GObject *object, guint prop_id, const GValue *value,
                                      GParamSpec *pspec)
{
  KerviGpioInputDriver *self = KERVI_GPIO_INPUT_DRIVER (object);

  switch (prop_id)
    {
      case PROP_BACKEND:
        self->backend = g_value_dup_object (value);
        break;
      case PROP_CHIP:
        self->chip = g_value_dup_string (value);
        break;
      case PROP_LINE:
        self->line = g_value_dup_string (value);
        break;
      case PROP_PULL:
        kervi_gpio_input_driver_set_pull (self, g_value_get_enum (value));
        break;
      case PROP_ACTIVE_LOW:
        kervi_gpio_input_driver_set_active_low (self, g_value_get_boolean (value));
        break;
      case PROP_DEBOUNCE_MS:
        kervi_gpio_input_driver_set_debounce_ms (self, g_value_get_uint (value));
        break;
      default:
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kervi_gpio_input_driver_class_init (KerviGpioInputDriverClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  KerviSensorDriverClass *driver_class = KERVI_SENSOR_DRIVER_CLASS (klass);

  object_class->constructor = kervi_gpio_input_driver_constructor;
  object_class->constructed = kervi_gpio_input_driver_constructed;
  object_class->dispose = kervi_gpio_input_driver_dispose;
  object_class->finalize = kervi_gpio_input_driver_finalize;
  object_class->get_property = kervi_gpio_input_driver_get_property;
  object_class->set_property = kervi_gpio_input_driver_set_property;

  driver_class->read = kervi_gpio_input_driver_read;
  driver_class->start = kervi_gpio_input_driver_start;
  driver_class->stop = kervi_gpio_input_driver_stop;

  /**
   * KerviGpioInputDriver:backend:
   *
   * The GPIO backend; %NULL at construction means the libgpiod one
   * (kervi_gpio_backend_get_default()).
   */
  properties[PROP_BACKEND]
      = g_param_spec_object ("backend", NULL, NULL, KERVI_TYPE_GPIO_BACKEND,
                             G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  /**
   * KerviGpioInputDriver:chip:
   *
   * The chip: its name (`gpiochip0`), its path, its number or its label
   * (`pinctrl-bcm2711`).
   */
  properties[PROP_CHIP]
      = g_param_spec_string ("chip", NULL, NULL, "gpiochip0",
                             G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  /**
   * KerviGpioInputDriver:line:
   *
   * The line: its offset on the chip (`17`, the BCM number on a Raspberry
   * Pi) or its name (`GPIO17`).
   */
  properties[PROP_LINE] = g_param_spec_string (
      "line", NULL, NULL, "0", G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  /**
   * KerviGpioInputDriver:pull:
   *
   * The bias of the line. Changing it while the driver runs requests the
   * line again.
   */
  properties[PROP_PULL] = g_param_spec_enum (
      "pull", NULL, NULL, KERVI_TYPE_GPIO_PULL, KERVI_GPIO_PULL_AS_IS,
      G_PARAM_READWRITE | G_PARAM_CONSTRUCT | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * KerviGpioInputDriver:active-low:
   *
   * Whether the line is active (reads %TRUE) when low. Changing it while
   * the driver runs requests the line again.
   */
  properties[PROP_ACTIVE_LOW] = g_param_spec_boolean (
      "active-low", NULL, NULL, FALSE,
      G_PARAM_READWRITE | G_PARAM_CONSTRUCT | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * KerviGpioInputDriver:debounce-ms:
   *
   * After an accepted edge, edges within this many milliseconds are
   * ignored; the final level is delivered when the window ends. 0 turns
   * debouncing off.
   */
  properties[PROP_DEBOUNCE_MS] = g_param_spec_uint (
      "debounce-ms", NULL, NULL, 0, 10000, 0,
      G_PARAM_READWRITE | G_PARAM_CONSTRUCT | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
kervi_gpio_input_driver_init (KerviGpioInputDriver *self)
{
}

/**
 * kervi_gpio_input_driver_new:
 * @chip: the chip: name (`gpiochip0`), path, number or label
 * @line: the line: offset (`17`) or name
 *
 * Creates a driver for a GPIO input line, through libgpiod.
 *
 * Returns: (transfer full): a new #KerviGpioInputDriver
 */
KerviSensorDriver *
kervi_gpio_input_driver_new (const char *chip, const char *line)
{
  return kervi_gpio_input_driver_new_with_backend (NULL, chip, line);
}

/**
 * kervi_gpio_input_driver_new_with_backend:
 * @backend: (nullable): the backend, or %NULL for the libgpiod one
 * @chip: the chip: name (`gpiochip0`), path, number or label
 * @line: the line: offset (`17`) or name
 *
 * Creates a driver for a GPIO input line on a given backend, such as a
 * #KerviFakeGpioBackend in tests.
 *
 * Returns: (transfer full): a new #KerviGpioInputDriver
 */
KerviSensorDriver *
kervi_gpio_input_driver_new_with_backend (KerviGpioBackend *backend, const char *chip,
                                          const char *line)
{
  g_return_val_if_fail (backend == NULL || KERVI_IS_GPIO_BACKEND (backend), NULL);
  g_return_val_if_fail (chip != NULL, NULL);
  g_return_val_if_fail (line != NULL, NULL);

  return g_object_new (KERVI_TYPE_GPIO_INPUT_DRIVER, "backend", backend, "chip", chip, "line", line,
                       NULL);
}

/**
 * kervi_gpio_input_driver_get_chip:
 * @self: a #KerviGpioInputDriver
 *
 * Returns: the chip, as given
 */
const char *
kervi_gpio_input_driver_get_chip (KerviGpioInputDriver *self)
{
  g_return_val_if_fail (KERVI_IS_GPIO_INPUT_DRIVER (self), NULL);
  return self->chip;
}

/**
 * kervi_gpio_input_driver_get_line:
 * @self: a #KerviGpioInputDriver
 *
 * Returns: the line, as given
 */
const char *
kervi_gpio_input_driver_get_line (KerviGpioInputDriver *self)
{
  g_return_val_if_fail (KERVI_IS_GPIO_INPUT_DRIVER (self), NULL);
  return self->line;
}

/**
 * kervi_gpio_input_driver_get_backend:
 * @self: a #KerviGpioInputDriver
 *
 * Returns: (transfer none) (nullable): the backend, %NULL if kervi-glib was
 *   built without libgpiod and no backend was given
 */
KerviGpioBackend *
kervi_gpio_input_driver_get_backend (KerviGpioInputDriver *self)
{
  g_return_val_if_fail (KERVI_IS_GPIO_INPUT_DRIVER (self), NULL);
  return self->backend;
}

/**
 * kervi_gpio_input_driver_get_pull:
 * @self: a #KerviGpioInputDriver
 *
 * Returns: the bias of the line
 */
KerviGpioPull
kervi_gpio_input_driver_get_pull (KerviGpioInputDriver *self)
{
  g_return_val_if_fail (KERVI_IS_GPIO_INPUT_DRIVER (self), KERVI_GPIO_PULL_AS_IS);
  return self->pull;
}

/**
 * kervi_gpio_input_driver_set_pull:
 * @self: a #KerviGpioInputDriver
 * @pull: the bias of the line
 *
 * Sets #KerviGpioInputDriver:pull.
 */
void
kervi_gpio_input_driver_set_pull (KerviGpioInputDriver *self, KerviGpioPull pull)
{
  g_return_if_fail (KERVI_IS_GPIO_INPUT_DRIVER (self));

  if (self->pull == pull)
    return;
  self->pull = pull;
  restart_if_running (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PULL]);
}

/**
 * kervi_gpio_input_driver_get_active_low:
 * @self: a #KerviGpioInputDriver
 *
 * Returns: whether the line is active when low
 */
gboolean
kervi_gpio_input_driver_get_active_low (KerviGpioInputDriver *self)
{
  g_return_val_if_fail (KERVI_IS_GPIO_INPUT_DRIVER (self), FALSE);
  return self->active_low;
}

/**
 * kervi_gpio_input_driver_set_active_low:
 * @self: a #KerviGpioInputDriver
 * @active_low: whether the line is active when low
 *
 * Sets #KerviGpioInputDriver:active-low.
 */
void
kervi_gpio_input_driver_set_active_low (KerviGpioInputDriver *self, gboolean active_low)
{
  g_return_if_fail (KERVI_IS_GPIO_INPUT_DRIVER (self));

  active_low = !!active_low;
  if (self->active_low == active_low)
    return;
  self->active_low = active_low;
  restart_if_running (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ACTIVE_LOW]);
}

/**
 * kervi_gpio_input_driver_get_debounce_ms:
 * @self: a #KerviGpioInputDriver
 *
 * Returns: the debounce window in milliseconds, 0 if off
 */
guint
kervi_gpio_input_driver_get_debounce_ms (KerviGpioInputDriver *self)
{
  g_return_val_if_fail (KERVI_IS_GPIO_INPUT_DRIVER (self), 0);
  return self->debounce_ms;
}

/**
 * kervi_gpio_input_driver_set_debounce_ms:
 * @self: a #KerviGpioInputDriver
 * @debounce_ms: the debounce window in milliseconds, 0 to turn it off
 *
 * Sets #KerviGpioInputDriver:debounce-ms. It applies from the next edge.
 */
void
kervi_gpio_input_driver_set_debounce_ms (KerviGpioInputDriver *self, guint debounce_ms)
{
  g_return_if_fail (KERVI_IS_GPIO_INPUT_DRIVER (self));

  debounce_ms = MIN (debounce_ms, 10000);
  if (self->debounce_ms == debounce_ms)
    return;
  self->debounce_ms = debounce_ms;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DEBOUNCE_MS]);
}
