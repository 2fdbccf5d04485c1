/* kervi-soft-pwm-output.c: software PWM on a GPIO line, for boards without PWM
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "config.h"

#include <math.h>

#include "kervi-devices-private.h"
#include "kervi-error.h"
#include "kervi-number-value.h"
#include "kervi-soft-pwm-output.h"

/**
 * KerviSoftPwmOutput:
 *
 * SOFTWARE PWM: a GPIO output line switched on and off by main-loop timers,
 * driven by a number input `duty` (0..100 %).
 *
 * This is the fallback for boards or pins without a PWM controller; where
 * the kernel offers one, use #KerviPwmOutput instead. Software PWM is
 * timer-driven and therefore jittery (a busy main loop stretches pulses),
 * limited to 1..200 Hz, and costs two wake-ups per period: good enough to
 * dim an LED or run a fan through a transistor, not for servos or audio.
 * It is the one place in kervi-glib where timers run continuously, because
 * the waveform itself needs them; at 0 % and 100 % the line is simply held
 * low or high and no timer runs.
 *
 * The component's type on the bus is `soft-pwm`, and it logs that it is
 * software PWM when created, so nobody mistakes it for the real thing.
 *
 * When the line cannot be requested or fails, the component is marked
 * unavailable and the request retried after 1 s, doubling up to 60 s.
 */

#define MIN_FREQUENCY 1.0
#define MAX_FREQUENCY 200.0

struct _KerviSoftPwmOutput
{
  KerviController parent_instance;

  KerviGpioBackend *backend;
  char *chip;
  char *line;
  double frequency;

  KerviValue *duty;
  guint handle;
  KerviBackoff backoff;

  GSource *timer; /* NULL at 0 % and 100 % */
  gboolean level;
  gint64 next_edge; /* monotonic µs */
};

G_DEFINE_FINAL_TYPE (KerviSoftPwmOutput, kervi_soft_pwm_output, KERVI_TYPE_CONTROLLER)

enum
{
  PROP_0,
  PROP_BACKEND,
  PROP_CHIP,
  PROP_LINE,
  PROP_FREQUENCY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static gboolean retry_cb (gpointer user_data);
static void apply_duty (KerviSoftPwmOutput *self);

static void
stop_timer (KerviSoftPwmOutput *self)
{
  if (self->timer != NULL)
    {
      g_source_destroy (self->timer);
      g_clear_pointer (&self->timer, g_source_unref);
    }
}

static void
mark_unavailable (KerviSoftPwmOutput *self, const GError *error)
{
  KerviComponent *component = KERVI_COMPONENT (self);
  guint delay;

  stop_timer (self);
  if (self->handle != 0)
    kervi_gpio_backend_release (self->backend, self->handle);
  self->handle = 0;

  delay = _kervi_backoff_schedule (&self->backoff, retry_cb, self);
  if (kervi_component_get_available (component)
      || g_strcmp0 (kervi_component_get_status (component), error->message) != 0)
    g_warning ("Software PWM '%s' unavailable: %s (retrying in %u s)",
               kervi_component_get_id (component), error->message, delay / 1000);
  kervi_component_set_available (component, FALSE, error->message);
}

static gboolean
set_level (KerviSoftPwmOutput *self, gboolean level)
{
  g_autoptr (GError) error = NULL;

  if (!kervi_gpio_backend_set_value (self->backend, self->handle, level, &error))
    {
      mark_unavailable (self, error);
      return FALSE;
    }
  self->level = level;
  return TRUE;
}

static void
durations (KerviSoftPwmOutput *self, gint64 *on_us, gint64 *off_us)
{
  double period_us = G_USEC_PER_SEC / self->frequency;
  double duty = kervi_number_value_get_value (KERVI_NUMBER_VALUE (self->duty));

  *on_us = (gint64)llround (period_us * duty / 100.0);
  *off_us = (gint64)llround (period_us) - *on_us;
}

static gboolean
toggle_cb (gpointer user_data)
{
  KerviSoftPwmOutput *self = user_data;
  gint64 now = g_get_monotonic_time ();
  gint64 on_us, off_us;
  gboolean level = !self->level;

  if (!set_level (self, level))
    return G_SOURCE_REMOVE; /* the timer is gone with the line */

  /* Keep the period exact on average: the next edge is counted from when
   * this one was due, unless the loop fell a whole period behind. */
  durations (self, &on_us, &off_us);
  self->next_edge += level ? on_us : off_us;
  if (self->next_edge < now - (on_us + off_us))
    self->next_edge = now + (level ? on_us : off_us);
  g_source_set_ready_time (self->timer, self->next_edge);
  return G_SOURCE_CONTINUE;
}

static gboolean
timer_dispatch (GSource *source, GSourceFunc callback, gpointer user_data)
{
  return callback (user_data);
}

static GSourceFuncs timer_funcs = {
  .dispatch = timer_dispatch,
};

static void
apply_duty (KerviSoftPwmOutput *self)
{
  double duty = kervi_number_value_get_value (KERVI_NUMBER_VALUE (self->duty));
  gint64 on_us, off_us;

  if (self->handle == 0)
    return;

  durations (self, &on_us, &off_us);
  if (on_us <= 0 || off_us <= 0)
    {
      /* 0 % or 100 % (or closer to them than a microsecond): hold. */
      stop_timer (self);
      set_level (self, duty > 50);
      return;
    }
  if (self->timer != NULL)
    return; /* running: the next edge uses the new durations */

  if (!set_level (self, TRUE))
    return;
  self->next_edge = g_get_monotonic_time () + on_us;
  self->timer = g_source_new (&timer_funcs, sizeof (GSource));
  g_source_set_name (self->timer, "[kervi] software PWM");
  g_source_set_priority (self->timer, G_PRIORITY_HIGH);
  g_source_set_callback (self->timer, toggle_cb, self, NULL);
  g_source_set_ready_time (self->timer, self->next_edge);
  g_source_attach (self->timer, g_main_context_get_thread_default ());
}

static gboolean
try_request (KerviSoftPwmOutput *self)
{
  KerviComponent *component = KERVI_COMPONENT (self);
  g_autoptr (GError) error = NULL;

  if (self->backend == NULL)
    {
      g_autofree char *device = g_strdup_printf ("%s line %s", self->chip, self->line);

      _kervi_gpio_set_unsupported_error (&error, device);
      mark_unavailable (self, error);
      return FALSE;
    }

  self->handle = kervi_gpio_backend_request_output (self->backend, self->chip, self->line, FALSE,
                                                    FALSE, "kervi-soft-pwm", &error);
  if (self->handle == 0)
    {
      mark_unavailable (self, error);
      return FALSE;
    }
  self->level = FALSE;

  _kervi_backoff_reset (&self->backoff);
  if (!kervi_component_get_available (component))
    g_message ("Software PWM '%s' available again", kervi_component_get_id (component));
  kervi_component_set_available (component, TRUE, NULL);
  apply_duty (self);
  return TRUE;
}

static gboolean
retry_cb (gpointer user_data)
{
  KerviSoftPwmOutput *self = user_data;

  _kervi_backoff_fired (&self->backoff);
  try_request (self);
  return G_SOURCE_REMOVE;
}

static void
kervi_soft_pwm_output_input_changed (KerviController *controller, KerviValue *input)
{
  KerviSoftPwmOutput *self = KERVI_SOFT_PWM_OUTPUT (controller);

  if (input == self->duty)
    apply_duty (self);
}

static void
kervi_soft_pwm_output_constructed (GObject *object)
{
  KerviSoftPwmOutput *self = KERVI_SOFT_PWM_OUTPUT (object);
  g_autoptr (GError) error = NULL;

  G_OBJECT_CLASS (kervi_soft_pwm_output_parent_class)->constructed (object);

  if (self->backend == NULL && kervi_gpio_backend_get_default () != NULL)
    self->backend = g_object_ref (kervi_gpio_backend_get_default ());

  self->duty = KERVI_VALUE (kervi_number_value_new ("duty", "Duty cycle", 0, 100, "%"));
  if (!kervi_controller_add_input (KERVI_CONTROLLER (self), self->duty, &error))
    g_critical ("Software PWM '%s': %s", kervi_component_get_id (KERVI_COMPONENT (self)),
                error->message);

  g_message ("'%s': SOFTWARE PWM on %s line %s at %.0f Hz (timer-driven, expect jitter; "
             "use a hardware PWM channel where the board has one)",
             kervi_component_get_id (KERVI_COMPONENT (self)), self->chip, self->line,
             self->frequency);
  try_request (self);
}

static void
kervi_soft_pwm_output_dispose (GObject *object)
{
  KerviSoftPwmOutput *self = KERVI_SOFT_PWM_OUTPUT (object);

  _kervi_backoff_cancel (&self->backoff);
  stop_timer (self);
  if (self->handle != 0)
    {
      /* Leave the line low, not frozen in the middle of a pulse. */
      kervi_gpio_backend_set_value (self->backend, self->handle, FALSE, NULL);
      kervi_gpio_backend_release (self->backend, self->handle);
    }
  self->handle = 0;
  g_clear_object (&self->duty);
  g_clear_object (&self->backend);

  G_OBJECT_CLASS (kervi_soft_pwm_output_parent_class)->dispose (object);
}

static void
kervi_soft_pwm_output_finalize (GObject *object)
{
  KerviSoftPwmOutput *self = KERVI_SOFT_PWM_OUTPUT (object);

  g_free (self->chip);
  g_free (self->line);

  G_OBJECT_CLASS (kervi_soft_pwm_output_parent_class)->finalize (object);
}

static void
kervi_soft_pwm_output_get_property (GObject *object, guint prop_id, GValue *value,
                                    GParamSpec *pspec)
{
  KerviSoftPwmOutput *self = KERVI_SOFT_PWM_OUTPUT (object);

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
      case PROP_FREQUENCY:
        g_value_set_double (value, self->frequency);
        break;
      default:
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kervi_soft_pwm_output_set_property (GObject *object, guint prop_id, const GValue *value,
                                    GParamSpec *pspec)
{
  KerviSoftPwmOutput *self = KERVI_SOFT_PWM_OUTPUT (object);

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
      case PROP_FREQUENCY:
        self->frequency = g_value_get_double (value);
        break;
      default:
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kervi_soft_pwm_output_class_init (KerviSoftPwmOutputClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  KerviComponentClass *component_class = KERVI_COMPONENT_CLASS (klass);
  KerviControllerClass *controller_class = KERVI_CONTROLLER_CLASS (klass);

  object_class->constructed = kervi_soft_pwm_output_constructed;
  object_class->dispose = kervi_soft_pwm_output_dispose;
  object_class->finalize = kervi_soft_pwm_output_finalize;
  object_class->get_property = kervi_soft_pwm_output_get_property;
  object_class->set_property = kervi_soft_pwm_output_set_property;

  component_class->type_name = "soft-pwm";
  controller_class->input_changed = kervi_soft_pwm_output_input_changed;

  /**
   * KerviSoftPwmOutput:backend:
   *
   * The GPIO backend; %NULL at construction means the libgpiod one.
   */
  properties[PROP_BACKEND]
      = g_param_spec_object ("backend", NULL, NULL, KERVI_TYPE_GPIO_BACKEND,
                             G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  /**
   * KerviSoftPwmOutput:chip:
   *
   * The chip: its name (`gpiochip0`), its path, its number or its label.
   */
  properties[PROP_CHIP]
      = g_param_spec_string ("chip", NULL, NULL, "gpiochip0",
                             G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  /**
   * KerviSoftPwmOutput:line:
   *
   * The line: its offset (`18`) or its name.
   */
  properties[PROP_LINE] = g_param_spec_string (
      "line", NULL, NULL, "0", G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  /**
   * KerviSoftPwmOutput:frequency:
   *
   * The PWM frequency in Hz, 1..200.
   */
  properties[PROP_FREQUENCY]
      = g_param_spec_double ("frequency", NULL, NULL, MIN_FREQUENCY, MAX_FREQUENCY, 100,
                             G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
kervi_soft_pwm_output_init (KerviSoftPwmOutput *self)
{
  self->frequency = 100;
  _kervi_backoff_init (&self->backoff, KERVI_BACKOFF_INITIAL_MS, KERVI_BACKOFF_MAX_MS);
}

/**
 * kervi_soft_pwm_output_new:
 * @id: the component id
 * @name: (nullable): the human-readable name
 * @chip: the chip: name (`gpiochip0`), path, number or label
 * @line: the line: offset (`18`) or name
 * @frequency: the PWM frequency in Hz, 1..200
 *
 * Creates a software PWM output through libgpiod. The line starts low
 * (`duty` 0).
 *
 * Returns: (transfer full): a new #KerviSoftPwmOutput, registered with the
 *   process
 */
KerviSoftPwmOutput *
kervi_soft_pwm_output_new (const char *id, const char *name, const char *chip, const char *line,
                           double frequency)
{
  return kervi_soft_pwm_output_new_with_backend (NULL, id, name, chip, line, frequency);
}

/**
 * kervi_soft_pwm_output_new_with_backend:
 * @backend: (nullable): the backend, or %NULL for the libgpiod one
 * @id: the component id
 * @name: (nullable): the human-readable name
 * @chip: the chip: name (`gpiochip0`), path, number or label
 * @line: the line: offset (`18`) or name
 * @frequency: the PWM frequency in Hz, 1..200
 *
 * Creates a software PWM output on a given backend.
 *
 * Returns: (transfer full): a new #KerviSoftPwmOutput, registered with the
 *   process
 */
KerviSoftPwmOutput *
kervi_soft_pwm_output_new_with_backend (KerviGpioBackend *backend, const char *id, const char *name,
                                        const char *chip, const char *line, double frequency)
{
  g_return_val_if_fail (backend == NULL || KERVI_IS_GPIO_BACKEND (backend), NULL);
  g_return_val_if_fail (chip != NULL, NULL);
  g_return_val_if_fail (line != NULL, NULL);

  return g_object_new (KERVI_TYPE_SOFT_PWM_OUTPUT, "id", id, "name", name, "backend", backend,
                       "chip", chip, "line", line, "frequency",
                       CLAMP (frequency, MIN_FREQUENCY, MAX_FREQUENCY), NULL);
}

/**
 * kervi_soft_pwm_output_get_duty_value:
 * @self: a #KerviSoftPwmOutput
 *
 * Gets the `duty` input, to link it to another value.
 *
 * Returns: (transfer none): the `duty` #KerviNumberValue, 0..100 %
 */
KerviValue *
kervi_soft_pwm_output_get_duty_value (KerviSoftPwmOutput *self)
{
  g_return_val_if_fail (KERVI_IS_SOFT_PWM_OUTPUT (self), NULL);
  return self->duty;
}

/**
 * kervi_soft_pwm_output_get_duty:
 * @self: a #KerviSoftPwmOutput
 *
 * Returns: the duty cycle in %
 */
double
kervi_soft_pwm_output_get_duty (KerviSoftPwmOutput *self)
{
  g_return_val_if_fail (KERVI_IS_SOFT_PWM_OUTPUT (self), 0);
  return kervi_number_value_get_value (KERVI_NUMBER_VALUE (self->duty));
}

/**
 * kervi_soft_pwm_output_set_duty:
 * @self: a #KerviSoftPwmOutput
 * @duty: the duty cycle in %, 0..100
 * @error: return location for a #GError
 *
 * Sets the `duty` input.
 *
 * Returns: %TRUE on success, %FALSE if @duty is out of range
 */
gboolean
kervi_soft_pwm_output_set_duty (KerviSoftPwmOutput *self, double duty, GError **error)
{
  g_return_val_if_fail (KERVI_IS_SOFT_PWM_OUTPUT (self), FALSE);
  return kervi_number_value_set_value (KERVI_NUMBER_VALUE (self->duty), duty, error);
}

/**
 * kervi_soft_pwm_output_get_frequency:
 * @self: a #KerviSoftPwmOutput
 *
 * Returns: the PWM frequency in Hz
 */
double
kervi_soft_pwm_output_get_frequency (KerviSoftPwmOutput *self)
{
  g_return_val_if_fail (KERVI_IS_SOFT_PWM_OUTPUT (self), 0);
  return self->frequency;
}
