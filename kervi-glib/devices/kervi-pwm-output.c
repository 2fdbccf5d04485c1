/* kervi-pwm-output.c: a hardware PWM channel driven by a number value
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "config.h"

#include <math.h>

#include "kervi-devices-private.h"
#include "kervi-error.h"
#include "kervi-number-value.h"
#include "kervi-pwm-output.h"
#include "kervi-sysfs.h"

/**
 * KerviPwmOutput:
 *
 * A hardware PWM channel (a fan's PWM input, an LED, a motor driver)
 * driven by a number input `duty`, 0..100 %, through the kernel's
 * `/sys/class/pwm/pwmchipN/pwmM` interface.
 *
 * The output exports the channel if needed, sets its period from
 * #KerviPwmOutput:frequency, its duty cycle from `duty`, and enables it.
 * Link `duty` to a controller's output to let it drive the channel:
 *
 * |[<!-- language="C" -->
 * KerviPwmOutput *fan = kervi_pwm_output_new ("fan_pwm", "Fan PWM", 0, 0, 25000);
 * kervi_value_link_to (kervi_pwm_output_get_duty_value (fan), "fan_controller.fan_speed", NULL);
 * ]|
 *
 * On a Raspberry Pi, enable the PWM controller first, e.g. with
 * `dtoverlay=pwm,pin=18,func=2` (channel 0 on BCM 18). Where the board has
 * no free PWM channel, #KerviSoftPwmOutput toggles a GPIO line instead.
 *
 * When the chip is missing, the channel cannot be exported or a write
 * fails, the component is marked unavailable with the error as status and
 * set up again after 1 s, doubling up to 60 s. When disposed it disables
 * the channel and unexports it if it exported it.
 */

struct _KerviPwmOutput
{
  KerviController parent_instance;

  guint chip;
  guint channel;
  double frequency;
  char *root;

  char *label; /* "pwmchip0 pwm0", for messages */
  char *chip_dir;
  char *channel_dir;
  KerviValue *duty;
  gboolean ready; /* exported, configured and enabled */
  gboolean exported_by_us;
  gint64 period_ns;
  KerviBackoff backoff;
};

G_DEFINE_FINAL_TYPE (KerviPwmOutput, kervi_pwm_output, KERVI_TYPE_CONTROLLER)

enum
{
  PROP_0,
  PROP_CHIP,
  PROP_CHANNEL,
  PROP_FREQUENCY,
  PROP_ROOT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static gboolean retry_cb (gpointer user_data);

static gboolean
exists (KerviPwmOutput *self, const char *path)
{
  g_autofree char *full = _kervi_sysfs_path (self->root, path);

  return g_file_test (full, G_FILE_TEST_IS_DIR);
}

static gboolean
write_attribute (KerviPwmOutput *self, const char *dir, const char *name, gint64 value,
                 GError **error)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autofree char *contents = g_strdup_printf ("%" G_GINT64_FORMAT, value);
  g_autoptr (GError) local_error = NULL;

  if (!_kervi_sysfs_write (self->root, path, contents, &local_error))
    {
      g_set_error (error, KERVI_DRIVER_ERROR, local_error->code, "%s: cannot set %s to %s (%s)",
                   self->label, name, contents, local_error->message);
      return FALSE;
    }
  return TRUE;
}

static gint64
duty_ns (KerviPwmOutput *self)
{
  double duty = kervi_number_value_get_value (KERVI_NUMBER_VALUE (self->duty));

  return (gint64)llround (self->period_ns * CLAMP (duty, 0, 100) / 100.0);
}

static gboolean
set_up (KerviPwmOutput *self, GError **error)
{
  if (!exists (self, self->chip_dir))
    {
      g_set_error (error, KERVI_DRIVER_ERROR, KERVI_DRIVER_ERROR_NOT_FOUND,
                   "%s: no such PWM chip (%s missing; on a Raspberry Pi enable it with e.g. "
                   "dtoverlay=pwm)",
                   self->label, self->chip_dir);
      return FALSE;
    }

  if (!exists (self, self->channel_dir))
    {
      if (!write_attribute (self, self->chip_dir, "export", self->channel, error))
        return FALSE;
      self->exported_by_us = TRUE;
      if (!exists (self, self->channel_dir))
        {
          g_set_error (error, KERVI_DRIVER_ERROR, KERVI_DRIVER_ERROR_NOT_FOUND,
                       "%s: the channel did not appear after export (%s missing)", self->label,
                       self->channel_dir);
          return FALSE;
        }
    }

  /* The kernel refuses a duty cycle longer than the period, in either
   * order of writes: clear the duty cycle first. */
  return write_attribute (self, self->channel_dir, "duty_cycle", 0, error)
         && write_attribute (self, self->channel_dir, "period", self->period_ns, error)
         && write_attribute (self, self->channel_dir, "duty_cycle", duty_ns (self), error)
         && write_attribute (self, self->channel_dir, "enable", 1, error);
}

static void
mark_unavailable (KerviPwmOutput *self, const GError *error)
{
  KerviComponent *component = KERVI_COMPONENT (self);
  guint delay;

  self->ready = FALSE;
  delay = _kervi_backoff_schedule (&self->backoff, retry_cb, self);
  if (kervi_component_get_available (component)
      || g_strcmp0 (kervi_component_get_status (component), error->message) != 0)
    g_warning ("PWM output '%s' unavailable: %s (retrying in %u s)",
               kervi_component_get_id (component), error->message, delay / 1000);
  kervi_component_set_available (component, FALSE, error->message);
}

static void
try_set_up (KerviPwmOutput *self)
{
  KerviComponent *component = KERVI_COMPONENT (self);
  g_autoptr (GError) error = NULL;

  if (!set_up (self, &error))
    {
      mark_unavailable (self, error);
      return;
    }
  self->ready = TRUE;
  _kervi_backoff_reset (&self->backoff);
  if (!kervi_component_get_available (component))
    g_message ("PWM output '%s' available again", kervi_component_get_id (component));
  kervi_component_set_available (component, TRUE, NULL);
}

static gboolean
retry_cb (gpointer user_data)
{
  KerviPwmOutput *self = user_data;

  _kervi_backoff_fired (&self->backoff);
  try_set_up (self);
  return G_SOURCE_REMOVE;
}

static void
kervi_pwm_output_input_changed (KerviController *controller, KerviValue *input)
{
  KerviPwmOutput *self = KERVI_PWM_OUTPUT (controller);
  g_autoptr (GError) error = NULL;

  if (input != self->duty || !self->ready)
    return; /* applied by the next set-up */
  if (!write_attribute (self, self->channel_dir, "duty_cycle", duty_ns (self), &error))
    mark_unavailable (self, error);
}

static void
kervi_pwm_output_constructed (GObject *object)
{
  KerviPwmOutput *self = KERVI_PWM_OUTPUT (object);
  g_autoptr (GError) error = NULL;

  G_OBJECT_CLASS (kervi_pwm_output_parent_class)->constructed (object);

  self->label = g_strdup_printf ("pwmchip%u pwm%u", self->chip, self->channel);
  self->chip_dir = g_strdup_printf ("/sys/class/pwm/pwmchip%u", self->chip);
  self->channel_dir = g_strdup_printf ("%s/pwm%u", self->chip_dir, self->channel);
  self->period_ns = MAX ((gint64)llround (1e9 / self->frequency), 1);

  self->duty = KERVI_VALUE (kervi_number_value_new ("duty", "Duty cycle", 0, 100, "%"));
  if (!kervi_controller_add_input (KERVI_CONTROLLER (self), self->duty, &error))
    g_critical ("PWM output '%s': %s", kervi_component_get_id (KERVI_COMPONENT (self)),
                error->message);

  try_set_up (self);
}

static void
kervi_pwm_output_dispose (GObject *object)
{
  KerviPwmOutput *self = KERVI_PWM_OUTPUT (object);

  _kervi_backoff_cancel (&self->backoff);
  if (self->channel_dir != NULL && exists (self, self->channel_dir))
    {
      /* Best effort: the channel may be gone with the device. */
      write_attribute (self, self->channel_dir, "enable", 0, NULL);
      if (self->exported_by_us)
        write_attribute (self, self->chip_dir, "unexport", self->channel, NULL);
    }
  self->exported_by_us = FALSE;
  self->ready = FALSE;
  g_clear_object (&self->duty);

  G_OBJECT_CLASS (kervi_pwm_output_parent_class)->dispose (object);
}

static void
kervi_pwm_output_finalize (GObject *object)
{
  KerviPwmOutput *self = KERVI_PWM_OUTPUT (object);

  g_free (self->root);
  g_free (self->label);
  g_free (self->chip_dir);
  g_free (self->channel_dir);

  G_OBJECT_CLASS (kervi_pwm_output_parent_class)->finalize (object);
}

static void
kervi_pwm_output_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  KerviPwmOutput *self = KERVI_PWM_OUTPUT (object);

  switch (prop_id)
    {
      case PROP_CHIP:
        g_value_set_uint (value, self->chip);
        break;
      case PROP_CHANNEL:
        g_value_set_uint (value, self->channel);
        break;
      case PROP_FREQUENCY:
        g_value_set_double (value, self->frequency);
        break;
      case PROP_ROOT:
        g_value_set_string (value, self->root);
        break;
      default:
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kervi_pwm_output_set_property (GObject *object, guint prop_id, const GValue *value,
                               GParamSpec *pspec)
{
  KerviPwmOutput *self = KERVI_PWM_OUTPUT (object);

  switch (prop_id)
    {
      case PROP_CHIP:
        self->chip = g_value_get_uint (value);
        break;
      case PROP_CHANNEL:
        self->channel = g_value_get_uint (value);
        break;
      case PROP_FREQUENCY:
        self->frequency = g_value_get_double (value);
        break;
      case PROP_ROOT:
        self->root = g_value_dup_string (value);
        break;
      default:
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kervi_pwm_output_class_init (KerviPwmOutputClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  KerviComponentClass *component_class = KERVI_COMPONENT_CLASS (klass);
  KerviControllerClass *controller_class = KERVI_CONTROLLER_CLASS (klass);

  object_class->constructed = kervi_pwm_output_constructed;
  object_class->dispose = kervi_pwm_output_dispose;
  object_class->finalize = kervi_pwm_output_finalize;
  object_class->get_property = kervi_pwm_output_get_property;
  object_class->set_property = kervi_pwm_output_set_property;

  component_class->type_name = "pwm";
  controller_class->input_changed = kervi_pwm_output_input_changed;

  /**
   * KerviPwmOutput:chip:
   *
   * The PWM chip: N in `/sys/class/pwm/pwmchipN`.
   */
  properties[PROP_CHIP]
      = g_param_spec_uint ("chip", NULL, NULL, 0, G_MAXUINT, 0,
                           G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  /**
   * KerviPwmOutput:channel:
   *
   * The channel of the chip: M in `pwmchipN/pwmM`.
   */
  properties[PROP_CHANNEL]
      = g_param_spec_uint ("channel", NULL, NULL, 0, G_MAXUINT, 0,
                           G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  /**
   * KerviPwmOutput:frequency:
   *
   * The PWM frequency in Hz: 25000 for 4-pin PC fans, a few hundred to a
   * few thousand for LEDs.
   */
  properties[PROP_FREQUENCY]
      = g_param_spec_double ("frequency", NULL, NULL, 0.1, 100e6, 1000,
                             G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  /**
   * KerviPwmOutput:root:
   *
   * The folder `/sys` is looked up in: %NULL or `/` for the real system, a
   * recorded tree in tests.
   */
  properties[PROP_ROOT]
      = g_param_spec_string ("root", NULL, NULL, NULL,
                             G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
kervi_pwm_output_init (KerviPwmOutput *self)
{
  self->frequency = 1000;
  _kervi_backoff_init (&self->backoff, KERVI_BACKOFF_INITIAL_MS, KERVI_BACKOFF_MAX_MS);
}

/**
 * kervi_pwm_output_new:
 * @id: the component id
 * @name: (nullable): the human-readable name
 * @chip: the PWM chip: N in `/sys/class/pwm/pwmchipN`
 * @channel: the channel: M in `pwmchipN/pwmM`
 * @frequency: the PWM frequency in Hz
 *
 * Creates a hardware PWM output and sets the channel up, at 0 % until
 * `duty` is set. Use g_object_new() with #KerviPwmOutput:root to point it
 * at another tree.
 *
 * Returns: (transfer full): a new #KerviPwmOutput, registered with the
 *   process
 */
KerviPwmOutput *
kervi_pwm_output_new (const char *id, const char *name, guint chip, guint channel, double frequency)
{
  g_return_val_if_fail (frequency >= 0.1, NULL);

  return g_object_new (KERVI_TYPE_PWM_OUTPUT, "id", id, "name", name, "chip", chip, "channel",
                       channel, "frequency", frequency, NULL);
}

/**
 * kervi_pwm_output_get_duty_value:
 * @self: a #KerviPwmOutput
 *
 * Gets the `duty` input, to link it to another value.
 *
 * Returns: (transfer none): the `duty` #KerviNumberValue, 0..100 %
 */
KerviValue *
kervi_pwm_output_get_duty_value (KerviPwmOutput *self)
{
  g_return_val_if_fail (KERVI_IS_PWM_OUTPUT (self), NULL);
  return self->duty;
}

/**
 * kervi_pwm_output_get_duty:
 * @self: a #KerviPwmOutput
 *
 * Returns: the duty cycle in %
 */
double
kervi_pwm_output_get_duty (KerviPwmOutput *self)
{
  g_return_val_if_fail (KERVI_IS_PWM_OUTPUT (self), 0);
  return kervi_number_value_get_value (KERVI_NUMBER_VALUE (self->duty));
}

/**
 * kervi_pwm_output_set_duty:
 * @self: a #KerviPwmOutput
 * @duty: the duty cycle in %, 0..100
 * @error: return location for a #GError
 *
 * Sets the `duty` input; the channel follows.
 *
 * Returns: %TRUE on success, %FALSE if @duty is out of range
 */
gboolean
kervi_pwm_output_set_duty (KerviPwmOutput *self, double duty, GError **error)
{
  g_return_val_if_fail (KERVI_IS_PWM_OUTPUT (self), FALSE);
  return kervi_number_value_set_value (KERVI_NUMBER_VALUE (self->duty), duty, error);
}

/**
 * kervi_pwm_output_get_chip:
 * @self: a #KerviPwmOutput
 *
 * Returns: the PWM chip number
 */
guint
kervi_pwm_output_get_chip (KerviPwmOutput *self)
{
  g_return_val_if_fail (KERVI_IS_PWM_OUTPUT (self), 0);
  return self->chip;
}

/**
 * kervi_pwm_output_get_channel:
 * @self: a #KerviPwmOutput
 *
 * Returns: the channel number
 */
guint
kervi_pwm_output_get_channel (KerviPwmOutput *self)
{
  g_return_val_if_fail (KERVI_IS_PWM_OUTPUT (self), 0);
  return self->channel;
}

/**
 * kervi_pwm_output_get_frequency:
 * @self: a #KerviPwmOutput
 *
 * Returns: the PWM frequency in Hz
 */
double
kervi_pwm_output_get_frequency (KerviPwmOutput *self)
{
  g_return_val_if_fail (KERVI_IS_PWM_OUTPUT (self), 0);
  return self->frequency;
}

/**
 * kervi_pwm_output_get_root:
 * @self: a #KerviPwmOutput
 *
 * Returns: (nullable): the folder `/sys` is looked up in, %NULL for `/`
 */
const char *
kervi_pwm_output_get_root (KerviPwmOutput *self)
{
  g_return_val_if_fail (KERVI_IS_PWM_OUTPUT (self), NULL);
  return self->root;
}
