/* kervi-gpio-output.c: a GPIO output line driven by a boolean value
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "config.h"

#include "kervi-boolean-value.h"
#include "kervi-devices-private.h"
#include "kervi-error.h"
#include "kervi-gpio-output.h"

/**
 * KerviGpioOutput:
 *
 * A GPIO output line (an LED, a relay, a fan's power switch) driven by a
 * boolean input value.
 *
 * The controller has one input, `state`; whenever it changes, from code,
 * from the bus or through a link, the line follows. Link it to the output of
 * another controller to let that controller switch the line:
 *
 * |[<!-- language="C" -->
 * KerviGpioOutput *relay = kervi_gpio_output_new ("fan_relay", "Fan relay", "gpiochip0", "27");
 * kervi_value_link_to (kervi_gpio_output_get_state_value (relay), "fan_controller.fan_on", NULL);
 * ]|
 *
 * When the line cannot be requested (no chip, no line, busy, no
 * permission) or stops working, the component is marked unavailable with
 * the error as status, and the request is retried after 1 second, then 2,
 * 4, ... up to 60 seconds. Once the line is back it is driven to the
 * current `state` at once. The line is never reported as driven while it
 * is not.
 */

struct _KerviGpioOutput
{
  KerviController parent_instance;

  KerviGpioBackend *backend;
  char *chip;
  char *line;
  gboolean active_low;

  KerviValue *state;
  guint handle;
  KerviBackoff backoff;
};

G_DEFINE_FINAL_TYPE (KerviGpioOutput, kervi_gpio_output, KERVI_TYPE_CONTROLLER)

enum
{
  PROP_0,
  PROP_BACKEND,
  PROP_CHIP,
  PROP_LINE,
  PROP_ACTIVE_LOW,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static gboolean retry_cb (gpointer user_data);

static void
mark_unavailable (KerviGpioOutput *self, const GError *error)
{
  KerviComponent *component = KERVI_COMPONENT (self);
  guint delay;

  if (self->handle != 0)
    kervi_gpio_backend_release (self->backend, self->handle);
  self->handle = 0;

  delay = _kervi_backoff_schedule (&self->backoff, retry_cb, self);
  /* Log on changes only, not on every retry. */
  if (kervi_component_get_available (component)
      || g_strcmp0 (kervi_component_get_status (component), error->message) != 0)
    g_warning ("GPIO output '%s' unavailable: %s (retrying in %u s)",
               kervi_component_get_id (component), error->message, delay / 1000);
  kervi_component_set_available (component, FALSE, error->message);
}

static gboolean
try_request (KerviGpioOutput *self)
{
  KerviComponent *component = KERVI_COMPONENT (self);
  g_autoptr (GError) error = NULL;
  gboolean state = kervi_boolean_value_get_value (KERVI_BOOLEAN_VALUE (self->state));

  if (self->backend == NULL)
    {
      g_autofree char *device = g_strdup_printf ("%s line %s", self->chip, self->line);

      _kervi_gpio_set_unsupported_error (&error, device);
      mark_unavailable (self, error);
      return FALSE;
    }

  self->handle = kervi_gpio_backend_request_output (self->backend, self->chip, self->line,
                                                    self->active_low, state, "kervi", &error);
  if (self->handle == 0)
    {
      mark_unavailable (self, error);
      return FALSE;
    }

  _kervi_backoff_reset (&self->backoff);
  if (!kervi_component_get_available (component))
    g_message ("GPIO output '%s' available again", kervi_component_get_id (component));
  kervi_component_set_available (component, TRUE, NULL);
  return TRUE;
}

static gboolean
retry_cb (gpointer user_data)
{
  KerviGpioOutput *self = user_data;

  _kervi_backoff_fired (&self->backoff);
  try_request (self);
  return G_SOURCE_REMOVE;
}

static void
kervi_gpio_output_input_changed (KerviController *controller, KerviValue *input)
{
  KerviGpioOutput *self = KERVI_GPIO_OUTPUT (controller);
  g_autoptr (GError) error = NULL;
  gboolean state;

  if (input != self->state || self->handle == 0)
    return; /* applied when the line is back */

  state = kervi_boolean_value_get_value (KERVI_BOOLEAN_VALUE (self->state));
  if (!kervi_gpio_backend_set_value (self->backend, self->handle, state, &error))
    mark_unavailable (self, error);
}

static void
kervi_gpio_output_constructed (GObject *object)
{
  KerviGpioOutput *self = KERVI_GPIO_OUTPUT (object);
  g_autoptr (GError) error = NULL;

  G_OBJECT_CLASS (kervi_gpio_output_parent_class)->constructed (object);

  if (self->backend == NULL && kervi_gpio_backend_get_default () != NULL)
    self->backend = g_object_ref (kervi_gpio_backend_get_default ());

  self->state = KERVI_VALUE (kervi_boolean_value_new ("state", "State"));
  if (!kervi_controller_add_input (KERVI_CONTROLLER (self), self->state, &error))
    g_critical ("GPIO output '%s': %s", kervi_component_get_id (KERVI_COMPONENT (self)),
                error->message);

  try_request (self);
}

static void
kervi_gpio_output_dispose (GObject *object)
{
  KerviGpioOutput *self = KERVI_GPIO_OUTPUT (object);

  _kervi_backoff_cancel (&self->backoff);
  if (self->handle != 0)
    kervi_gpio_backend_release (self->backend, self->handle);
  self->handle = 0;
  g_clear_object (&self->state);
  g_clear_object (&self->backend);

  G_OBJECT_CLASS (kervi_gpio_output_parent_class)->dispose (object);
}

static void
kervi_gpio_output_finalize (GObject *object)
{
  KerviGpioOutput *self = KERVI_GPIO_OUTPUT (object);

  g_free (self->chip);
  g_free (self->line);

  G_OBJECT_CLASS (kervi_gpio_output_parent_class)->finalize (object);
}

static void
kervi_gpio_output_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  KerviGpioOutput *self = KERVI_GPIO_OUTPUT (object);

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
      case PROP_ACTIVE_LOW:
        g_value_set_boolean (value, self->active_low);
        break;
      default:
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kervi_gpio_output_set_property (GObject *object, guint prop_id, const GValue *value,
                                GParamSpec *pspec)
{
  KerviGpioOutput *self = KERVI_GPIO_OUTPUT (object);

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
      case PROP_ACTIVE_LOW:
        self->active_low = g_value_get_boolean (value);
        break;
      default:
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kervi_gpio_output_class_init (KerviGpioOutputClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  KerviControllerClass *controller_class = KERVI_CONTROLLER_CLASS (klass);

  object_class->constructed = kervi_gpio_output_constructed;
  object_class->dispose = kervi_gpio_output_dispose;
  object_class->finalize = kervi_gpio_output_finalize;
  object_class->get_property = kervi_gpio_output_get_property;
  object_class->set_property = kervi_gpio_output_set_property;

  controller_class->input_changed = kervi_gpio_output_input_changed;

  /**
   * KerviGpioOutput:backend:
   *
   * The GPIO backend; %NULL at construction means the libgpiod one.
   */
  properties[PROP_BACKEND]
      = g_param_spec_object ("backend", NULL, NULL, KERVI_TYPE_GPIO_BACKEND,
                             G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  /**
   * KerviGpioOutput:chip:
   *
   * The chip: its name (`gpiochip0`), its path, its number or its label.
   */
  properties[PROP_CHIP]
      = g_param_spec_string ("chip", NULL, NULL, "gpiochip0",
                             G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  /**
   * KerviGpioOutput:line:
   *
   * The line: its offset (`27`) or its name.
   */
  properties[PROP_LINE] = g_param_spec_string (
      "line", NULL, NULL, "0", G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  /**
   * KerviGpioOutput:active-low:
   *
   * Whether `state` %TRUE drives the line low (for relay boards that switch
   * on a low input).
   */
  properties[PROP_ACTIVE_LOW]
      = g_param_spec_boolean ("active-low", NULL, NULL, FALSE,
                              G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
kervi_gpio_output_init (KerviGpioOutput *self)
{
  _kervi_backoff_init (&self->backoff, KERVI_BACKOFF_INITIAL_MS, KERVI_BACKOFF_MAX_MS);
}

/**
 * kervi_gpio_output_new:
 * @id: the component id
 * @name: (nullable): the human-readable name
 * @chip: the chip: name (`gpiochip0`), path, number or label
 * @line: the line: offset (`27`) or name
 *
 * Creates a GPIO output through libgpiod and requests its line, driven low
 * until `state` is set.
 *
 * Returns: (transfer full): a new #KerviGpioOutput, registered with the
 *   process
 */
KerviGpioOutput *
kervi_gpio_output_new (const char *id, const char *name, const char *chip, const char *line)
{
  return kervi_gpio_output_new_with_backend (NULL, id, name, chip, line, FALSE);
}

/**
 * kervi_gpio_output_new_with_backend:
 * @backend: (nullable): the backend, or %NULL for the libgpiod one
 * @id: the component id
 * @name: (nullable): the human-readable name
 * @chip: the chip: name (`gpiochip0`), path, number or label
 * @line: the line: offset (`27`) or name
 * @active_low: whether `state` %TRUE drives the line low
 *
 * Creates a GPIO output on a given backend.
 *
 * Returns: (transfer full): a new #KerviGpioOutput, registered with the
 *   process
 */
KerviGpioOutput *
kervi_gpio_output_new_with_backend (KerviGpioBackend *backend, const char *id, const char *name,
                                    const char *chip, const char *line, gboolean active_low)
{
  g_return_val_if_fail (backend == NULL || KERVI_IS_GPIO_BACKEND (backend), NULL);
  g_return_val_if_fail (chip != NULL, NULL);
  g_return_val_if_fail (line != NULL, NULL);

  return g_object_new (KERVI_TYPE_GPIO_OUTPUT, "id", id, "name", name, "backend", backend, "chip",
                       chip, "line", line, "active-low", active_low, NULL);
}

/**
 * kervi_gpio_output_get_state_value:
 * @self: a #KerviGpioOutput
 *
 * Gets the `state` input, to link it to another value.
 *
 * Returns: (transfer none): the `state` #KerviBooleanValue
 */
KerviValue *
kervi_gpio_output_get_state_value (KerviGpioOutput *self)
{
  g_return_val_if_fail (KERVI_IS_GPIO_OUTPUT (self), NULL);
  return self->state;
}

/**
 * kervi_gpio_output_get_state:
 * @self: a #KerviGpioOutput
 *
 * Returns: the `state` input: what the line is driven to while available
 */
gboolean
kervi_gpio_output_get_state (KerviGpioOutput *self)
{
  g_return_val_if_fail (KERVI_IS_GPIO_OUTPUT (self), FALSE);
  return kervi_boolean_value_get_value (KERVI_BOOLEAN_VALUE (self->state));
}

/**
 * kervi_gpio_output_set_state:
 * @self: a #KerviGpioOutput
 * @state: %TRUE to make the line active
 *
 * Sets the `state` input; the line follows.
 */
void
kervi_gpio_output_set_state (KerviGpioOutput *self, gboolean state)
{
  g_return_if_fail (KERVI_IS_GPIO_OUTPUT (self));
  kervi_boolean_value_set_value (KERVI_BOOLEAN_VALUE (self->state), state);
}

/**
 * kervi_gpio_output_get_chip:
 * @self: a #KerviGpioOutput
 *
 * Returns: the chip, as given
 */
const char *
kervi_gpio_output_get_chip (KerviGpioOutput *self)
{
  g_return_val_if_fail (KERVI_IS_GPIO_OUTPUT (self), NULL);
  return self->chip;
}

/**
 * kervi_gpio_output_get_line:
 * @self: a #KerviGpioOutput
 *
 * Returns: the line, as given
 */
const char *
kervi_gpio_output_get_line (KerviGpioOutput *self)
{
  g_return_val_if_fail (KERVI_IS_GPIO_OUTPUT (self), NULL);
  return self->line;
}

/**
 * kervi_gpio_output_get_active_low:
 * @self: a #KerviGpioOutput
 *
 * Returns: whether `state` %TRUE drives the line low
 */
gboolean
kervi_gpio_output_get_active_low (KerviGpioOutput *self)
{
  g_return_val_if_fail (KERVI_IS_GPIO_OUTPUT (self), FALSE);
  return self->active_low;
}
