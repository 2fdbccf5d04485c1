/* kervi-gpio-backend.h: the thin layer GPIO drivers talk to
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#if !defined(KERVI_INSIDE) && !defined(KERVI_COMPILATION)
#error "Only <kervi.h> can be included directly."
#endif

#include <glib-object.h>

G_BEGIN_DECLS

/**
 * KerviGpioPull:
 * @KERVI_GPIO_PULL_AS_IS: leave the line's bias as the board configured it
 * @KERVI_GPIO_PULL_NONE: disable the pull-up and pull-down resistors
 * @KERVI_GPIO_PULL_UP: enable the pull-up resistor
 * @KERVI_GPIO_PULL_DOWN: enable the pull-down resistor
 *
 * The bias of a GPIO input line.
 */
typedef enum
{
  KERVI_GPIO_PULL_AS_IS,
  KERVI_GPIO_PULL_NONE,
  KERVI_GPIO_PULL_UP,
  KERVI_GPIO_PULL_DOWN,
} KerviGpioPull;

GType kervi_gpio_pull_get_type (void) G_GNUC_CONST;
#define KERVI_TYPE_GPIO_PULL (kervi_gpio_pull_get_type ())

/**
 * KerviGpioEvent:
 * @timestamp_us: when the edge happened, in microseconds, on the clock the
 *   backend uses for all its events (the kernel's event clock for libgpiod)
 * @rising: %TRUE if the line went active, %FALSE if it went inactive
 *
 * An edge on a GPIO input line. Edges are logical: with an active-low line,
 * a physical falling edge is a rising #KerviGpioEvent.
 */
typedef struct
{
  gint64 timestamp_us;
  gboolean rising;
} KerviGpioEvent;

GType kervi_gpio_event_get_type (void) G_GNUC_CONST;
#define KERVI_TYPE_GPIO_EVENT (kervi_gpio_event_get_type ())

KerviGpioEvent *kervi_gpio_event_copy (const KerviGpioEvent *event);
void kervi_gpio_event_free (KerviGpioEvent *event);

#define KERVI_TYPE_GPIO_BACKEND (kervi_gpio_backend_get_type ())
G_DECLARE_DERIVABLE_TYPE (KerviGpioBackend, kervi_gpio_backend, KERVI, GPIO_BACKEND, GObject)

/**
 * KerviGpioBackendClass:
 * @parent_class: the parent class
 * @request_input: requests a line as input, with edge events if @events is
 *   set. Returns a handle (never 0), or 0 with the error set.
 * @request_output: requests a line as output, driven to @value at once.
 *   Returns a handle (never 0), or 0 with the error set.
 * @get_event_fd: returns the file descriptor that becomes readable when
 *   edge events of an input line requested with events are pending, or -1
 * @read_events: reads up to @n_events pending events without blocking.
 *   Returns how many were read (0 if none was pending) or -1 with the error
 *   set.
 * @get_value: reads the logical level of a requested line
 * @set_value: sets the logical level of an output line
 * @release: gives a requested line back
 *
 * The class of #KerviGpioBackend. Chips are named as libgpiod names them
 * (`gpiochip0`, `/dev/gpiochip0`, `0` or the chip's label) and lines by
 * offset (`17`) or by name (`GPIO17`). Errors are in the
 * %KERVI_DRIVER_ERROR domain and name the chip and line.
 */
struct _KerviGpioBackendClass
{
  GObjectClass parent_class;

  guint (*request_input) (KerviGpioBackend *self, const char *chip, const char *line,
                          KerviGpioPull pull, gboolean active_low, gboolean events,
                          const char *consumer, GError **error);
  guint (*request_output) (KerviGpioBackend *self, const char *chip, const char *line,
                           gboolean active_low, gboolean value, const char *consumer,
                           GError **error);
  int (*get_event_fd) (KerviGpioBackend *self, guint handle);
  int (*read_events) (KerviGpioBackend *self, guint handle, KerviGpioEvent *events, guint n_events,
                      GError **error);
  gboolean (*get_value) (KerviGpioBackend *self, guint handle, gboolean *out_value, GError **error);
  gboolean (*set_value) (KerviGpioBackend *self, guint handle, gboolean value, GError **error);
  void (*release) (KerviGpioBackend *self, guint handle);

  /*< private >*/
  gpointer padding[8];
};

KerviGpioBackend *kervi_gpio_backend_get_default (void);

guint kervi_gpio_backend_request_input (KerviGpioBackend *self, const char *chip, const char *line,
                                        KerviGpioPull pull, gboolean active_low, gboolean events,
                                        const char *consumer, GError **error);
guint kervi_gpio_backend_request_output (KerviGpioBackend *self, const char *chip, const char *line,
                                         gboolean active_low, gboolean value, const char *consumer,
                                         GError **error);
int kervi_gpio_backend_get_event_fd (KerviGpioBackend *self, guint handle);
int kervi_gpio_backend_read_events (KerviGpioBackend *self, guint handle, KerviGpioEvent *events,
                                    guint n_events, GError **error);
gboolean kervi_gpio_backend_get_value (KerviGpioBackend *self, guint handle, gboolean *out_value,
                                       GError **error);
gboolean kervi_gpio_backend_set_value (KerviGpioBackend *self, guint handle, gboolean value,
                                       GError **error);
void kervi_gpio_backend_release (KerviGpioBackend *self, guint handle);

G_END_DECLS
