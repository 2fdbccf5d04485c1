/* kervi-fake-gpio-backend.c: simulated GPIO chips for tests
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "config.h"

#include <errno.h>
#include <glib-unix.h>
#include <unistd.h>

#include "kervi-devices-private.h"
#include "kervi-error.h"
#include "kervi-fake-gpio-backend.h"

/**
 * KerviFakeGpioBackend:
 *
 * A #KerviGpioBackend with simulated chips, for tests and demos without
 * hardware.
 *
 * Chips are added and removed by the test. Each line has a physical level
 * that the test sets with kervi_fake_gpio_backend_set_level(); a line
 * requested with events turns every change of level into a
 * #KerviGpioEvent, queued and announced through a real pipe, so the
 * driver's main-loop file descriptor watch wakes up exactly as it does for
 * a kernel line event. Output lines can be checked with
 * kervi_fake_gpio_backend_get_level(). Missing chips and lines, busy lines
 * and denied permissions give the same errors as the libgpiod backend.
 */

typedef struct _FakeChip FakeChip;

typedef struct
{
  FakeChip *chip; /* NULL once the chip was removed */
  guint offset;
  char *label;
  char *consumer;
  gboolean output;
  gboolean active_low;
  gboolean events;
  int pipe_fds[2];
  GQueue queue; /* KerviGpioEvent */
} FakeRequest;

typedef struct
{
  char *name;
  gboolean high;   /* physical level */
  gboolean driven; /* FALSE: floating, the pull decides */
  char *foreign_consumer;
  FakeRequest *request;
} FakeLine;

struct _FakeChip
{
  char *name;
  char *label;
  gboolean allowed;
  guint n_lines;
  FakeLine *lines;
};

struct _KerviFakeGpioBackend
{
  KerviGpioBackend parent_instance;

  GHashTable *chips;    /* name → FakeChip */
  GHashTable *requests; /* handle → FakeRequest */
  guint next_handle;
};

G_DEFINE_FINAL_TYPE (KerviFakeGpioBackend, kervi_fake_gpio_backend, KERVI_TYPE_GPIO_BACKEND)

enum
{
  SIGNAL_LEVEL_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
fake_chip_free (FakeChip *chip)
{
  for (guint i = 0; i < chip->n_lines; i++)
    {
      if (chip->lines[i].request != NULL)
        chip->lines[i].request->chip = NULL;
      g_free (chip->lines[i].name);
      g_free (chip->lines[i].foreign_consumer);
    }
  g_free (chip->lines);
  g_free (chip->name);
  g_free (chip->label);
  g_free (chip);
}

static void
fake_request_free (FakeRequest *request)
{
  if (request->chip != NULL)
    request->chip->lines[request->offset].request = NULL;
  if (request->pipe_fds[0] >= 0)
    close (request->pipe_fds[0]);
  if (request->pipe_fds[1] >= 0)
    close (request->pipe_fds[1]);
  g_queue_clear_full (&request->queue, g_free);
  g_free (request->label);
  g_free (request->consumer);
  g_free (request);
}

static FakeChip *
find_chip (KerviFakeGpioBackend *self, const char *descr)
{
  GHashTableIter iter;
  FakeChip *chip;

  /* As gpiod_chip_open_lookup(): a number, a label, a name or a path. */
  g_hash_table_iter_init (&iter, self->chips);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *)&chip))
    {
      g_autofree char *path = g_strconcat ("/dev/", chip->name, NULL);

      if (g_str_equal (descr, chip->name) || g_str_equal (descr, path)
          || (chip->label != NULL && g_str_equal (descr, chip->label)))
        return chip;
      if (g_str_has_prefix (chip->name, "gpiochip")
          && g_str_equal (descr, chip->name + strlen ("gpiochip")))
        return chip;
    }
  return NULL;
}

static FakeChip *
open_line (KerviFakeGpioBackend *self, const char *chip_name, const char *line_name,
           guint *out_offset, GError **error)
{
  FakeChip *chip = find_chip (self, chip_name);

  if (chip == NULL)
    {
      g_set_error (error, KERVI_DRIVER_ERROR, KERVI_DRIVER_ERROR_NOT_FOUND, "%s: no such chip",
                   chip_name);
      return NULL;
    }
  if (!chip->allowed)
    {
      g_set_error (error, KERVI_DRIVER_ERROR, KERVI_DRIVER_ERROR_PERMISSION,
                   "%s: permission denied (is the user in the 'gpio' group?)", chip_name);
      return NULL;
    }

  if (_kervi_gpio_is_offset (line_name))
    {
      guint64 offset = g_ascii_strtoull (line_name, NULL, 10);

      if (offset >= chip->n_lines)
        {
          g_set_error (error, KERVI_DRIVER_ERROR, KERVI_DRIVER_ERROR_NOT_FOUND,
                       "%s: no line %s (the chip has %u lines)", chip->name, line_name,
                       chip->n_lines);
          return NULL;
        }
      *out_offset = (guint)offset;
      return chip;
    }

  for (guint i = 0; i < chip->n_lines; i++)
    if (g_strcmp0 (chip->lines[i].name, line_name) == 0)
      {
        *out_offset = i;
        return chip;
      }
  g_set_error (error, KERVI_DRIVER_ERROR, KERVI_DRIVER_ERROR_NOT_FOUND, "%s: no line named '%s'",
               chip->name, line_name);
  return NULL;
}

static FakeRequest *
request_line (KerviFakeGpioBackend *self, const char *chip_name, const char *line_name,
              const char *consumer, GError **error)
{
  FakeRequest *request;
  FakeChip *chip;
  FakeLine *line;
  guint offset;

  chip = open_line (self, chip_name, line_name, &offset, error);
  if (chip == NULL)
    return NULL;

  line = &chip->lines[offset];
  if (line->foreign_consumer != NULL || line->request != NULL)
    {
      g_set_error (error, KERVI_DRIVER_ERROR, KERVI_DRIVER_ERROR_BUSY,
                   "%s line %s: busy (used by '%s')", chip->name, line_name,
                   line->foreign_consumer != NULL ? line->foreign_consumer
                                                  : line->request->consumer);
      return NULL;
    }

  request = g_new0 (FakeRequest, 1);
  request->chip = chip;
  request->offset = offset;
  request->label = g_strdup_printf ("%s line %s", chip->name, line_name);
  request->consumer = g_strdup (consumer);
  request->pipe_fds[0] = request->pipe_fds[1] = -1;
  g_queue_init (&request->queue);
  line->request = request;
  return request;
}

static guint
add_request (KerviFakeGpioBackend *self, FakeRequest *request)
{
  return _kervi_gpio_add_handle (self->requests, &self->next_handle, request);
}

static guint
kervi_fake_gpio_backend_request_input (KerviGpioBackend *backend, const char *chip_name,
                                       const char *line_name, KerviGpioPull pull,
                                       gboolean active_low, gboolean events, const char *consumer,
                                       GError **error)
{
  KerviFakeGpioBackend *self = KERVI_FAKE_GPIO_BACKEND (backend);
  FakeRequest *request;
  FakeLine *line;

  request = request_line (self, chip_name, line_name, consumer, error);
  if (request == NULL)
    return 0;

  line = &request->chip->lines[request->offset];
  if (!line->driven && pull != KERVI_GPIO_PULL_AS_IS)
    line->high = pull == KERVI_GPIO_PULL_UP;
  request->active_low = active_low;
  request->events = events;
  if (events)
    {
      GError *local_error = NULL;

      if (!g_unix_open_pipe (request->pipe_fds, FD_CLOEXEC, &local_error)
          || !g_unix_set_fd_nonblocking (request->pipe_fds[0], TRUE, &local_error)
          || !g_unix_set_fd_nonblocking (request->pipe_fds[1], TRUE, &local_error))
        {
          g_set_error (error, KERVI_DRIVER_ERROR, KERVI_DRIVER_ERROR_IO,
                       "%s: cannot create the event pipe (%s)", request->label,
                       local_error->message);
          g_error_free (local_error);
          fake_request_free (request);
          return 0;
        }
    }
  return add_request (self, request);
}

static guint
kervi_fake_gpio_backend_request_output (KerviGpioBackend *backend, const char *chip_name,
                                        const char *line_name, gboolean active_low, gboolean value,
                                        const char *consumer, GError **error)
{
  KerviFakeGpioBackend *self = KERVI_FAKE_GPIO_BACKEND (backend);
  FakeRequest *request;
  FakeLine *line;

  request = request_line (self, chip_name, line_name, consumer, error);
  if (request == NULL)
    return 0;
  request->output = TRUE;
  request->active_low = active_low;
  line = &request->chip->lines[request->offset];
  line->driven = TRUE;
  if (line->high != (value != active_low))
    {
      line->high = value != active_low;
      g_signal_emit (self, signals[SIGNAL_LEVEL_CHANGED], 0, request->chip->name, request->offset,
                     line->high);
    }
  return add_request (self, request);
}

static FakeRequest *
lookup (KerviFakeGpioBackend *self, guint handle, GError **error)
{
  FakeRequest *request = g_hash_table_lookup (self->requests, GUINT_TO_POINTER (handle));

  if (request == NULL)
    {
      g_set_error (error, KERVI_DRIVER_ERROR, KERVI_DRIVER_ERROR_FAILED,
                   "GPIO: no requested line with handle %u", handle);
      return NULL;
    }
  if (request->chip == NULL)
    {
      g_set_error (error, KERVI_DRIVER_ERROR, KERVI_DRIVER_ERROR_NOT_FOUND,
                   "%s: the chip is gone (%s)", request->label, g_strerror (ENODEV));
      return NULL;
    }
  return request;
}

static int
kervi_fake_gpio_backend_get_event_fd (KerviGpioBackend *backend, guint handle)
{
  KerviFakeGpioBackend *self = KERVI_FAKE_GPIO_BACKEND (backend);
  FakeRequest *request = g_hash_table_lookup (self->requests, GUINT_TO_POINTER (handle));

  if (request == NULL || !request->events)
    return -1;
  return request->pipe_fds[0];
}

static int
kervi_fake_gpio_backend_read_events (KerviGpioBackend *backend, guint handle,
                                     KerviGpioEvent *events, guint n_events, GError **error)
{
  KerviFakeGpioBackend *self = KERVI_FAKE_GPIO_BACKEND (backend);
  FakeRequest *request = lookup (self, handle, error);
  char buf[64];
  ssize_t n;
  int count = 0;

  if (request == NULL)
    return -1;
  if (!request->events)
    {
      g_set_error (error, KERVI_DRIVER_ERROR, KERVI_DRIVER_ERROR_FAILED,
                   "%s: the line was not requested with events", request->label);
      return -1;
    }

  /* One byte in the pipe per queued event. */
  do
    n = read (request->pipe_fds[0], buf, MIN (n_events, sizeof buf));
  while (n < 0 && errno == EINTR);
  if (n < 0 && errno != EAGAIN)
    {
      int errsv = errno;
      g_set_error (error, KERVI_DRIVER_ERROR, KERVI_DRIVER_ERROR_IO, "%s: cannot read events (%s)",
                   request->label, g_strerror (errsv));
      return -1;
    }
  for (; count < n; count++)
    {
      KerviGpioEvent *event = g_queue_pop_head (&request->queue);

      g_assert (event != NULL);
      events[count] = *event;
      g_free (event);
    }
  return count;
}

static gboolean
line_logical_level (FakeRequest *request)
{
  return request->chip->lines[request->offset].high != request->active_low;
}

static gboolean
kervi_fake_gpio_backend_get_value (KerviGpioBackend *backend, guint handle, gboolean *out_value,
                                   GError **error)
{
  FakeRequest *request = lookup (KERVI_FAKE_GPIO_BACKEND (backend), handle, error);

  if (request == NULL)
    return FALSE;
  *out_value = line_logical_level (request);
  return TRUE;
}

static gboolean
kervi_fake_gpio_backend_set_value (KerviGpioBackend *backend, guint handle, gboolean value,
                                   GError **error)
{
  KerviFakeGpioBackend *self = KERVI_FAKE_GPIO_BACKEND (backend);
  FakeRequest *request = lookup (self, handle, error);
  FakeLine *line;
  gboolean high;

  if (request == NULL)
    return FALSE;
  if (!request->output)
    {
      g_set_error (error, KERVI_DRIVER_ERROR, KERVI_DRIVER_ERROR_IO, "%s: cannot set the line (%s)",
                   request->label, g_strerror (EPERM));
      return FALSE;
    }
  line = &request->chip->lines[request->offset];
  high = value != request->active_low;
  if (line->high != high)
    {
      line->high = high;
      g_signal_emit (self, signals[SIGNAL_LEVEL_CHANGED], 0, request->chip->name, request->offset,
                     high);
    }
  return TRUE;
}

static void
kervi_fake_gpio_backend_release (KerviGpioBackend *backend, guint handle)
{
  KerviFakeGpioBackend *self = KERVI_FAKE_GPIO_BACKEND (backend);

  g_hash_table_remove (self->requests, GUINT_TO_POINTER (handle));
}

static void
kervi_fake_gpio_backend_finalize (GObject *object)
{
  KerviFakeGpioBackend *self = KERVI_FAKE_GPIO_BACKEND (object);

  g_hash_table_unref (self->requests);
  g_hash_table_unref (self->chips);

  G_OBJECT_CLASS (kervi_fake_gpio_backend_parent_class)->finalize (object);
}

static void
kervi_fake_gpio_backend_class_init (KerviFakeGpioBackendClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  KerviGpioBackendClass *backend_class = KERVI_GPIO_BACKEND_CLASS (klass);

  object_class->finalize = kervi_fake_gpio_backend_finalize;

  backend_class->request_input = kervi_fake_gpio_backend_request_input;
  backend_class->request_output = kervi_fake_gpio_backend_request_output;
  backend_class->get_event_fd = kervi_fake_gpio_backend_get_event_fd;
  backend_class->read_events = kervi_fake_gpio_backend_read_events;
  backend_class->get_value = kervi_fake_gpio_backend_get_value;
  backend_class->set_value = kervi_fake_gpio_backend_set_value;
  backend_class->release = kervi_fake_gpio_backend_release;

  /**
   * KerviFakeGpioBackend::level-changed:
   * @self: the backend
   * @chip: the chip's name
   * @offset: the line's offset
   * @high: the new physical level
   *
   * Emitted when the physical level of a line changes, whether a driver
   * set an output or the test drove an input: tests wait for it instead of
   * sleeping.
   */
  signals[SIGNAL_LEVEL_CHANGED]
      = g_signal_new ("level-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                      NULL, G_TYPE_NONE, 3, G_TYPE_STRING, G_TYPE_UINT, G_TYPE_BOOLEAN);
}

static void
kervi_fake_gpio_backend_init (KerviFakeGpioBackend *self)
{
  /* Requests go first in finalize, so they still see their chips. */
  self->requests = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify)fake_request_free);
  self->chips
      = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, (GDestroyNotify)fake_chip_free);
}

/**
 * kervi_fake_gpio_backend_new:
 *
 * Creates a backend with no chips; add them with
 * kervi_fake_gpio_backend_add_chip().
 *
 * Returns: (transfer full): a new #KerviFakeGpioBackend
 */
KerviFakeGpioBackend *
kervi_fake_gpio_backend_new (void)
{
  return g_object_new (KERVI_TYPE_FAKE_GPIO_BACKEND, NULL);
}

/**
 * kervi_fake_gpio_backend_add_chip:
 * @self: a #KerviFakeGpioBackend
 * @name: the chip's name, such as `gpiochip0`
 * @label: (nullable): the chip's label, such as `pinctrl-bcm2711`
 * @n_lines: how many lines the chip has
 * @line_names: (nullable) (array zero-terminated=1): names of the first
 *   lines, by offset
 *
 * Adds a chip, as if its driver had just been loaded. All lines start
 * floating (low unless requested with a pull-up) and free. Replaces a chip
 * with the same name.
 */
void
kervi_fake_gpio_backend_add_chip (KerviFakeGpioBackend *self, const char *name, const char *label,
                                  guint n_lines, const char *const *line_names)
{
  FakeChip *chip;

  g_return_if_fail (KERVI_IS_FAKE_GPIO_BACKEND (self));
  g_return_if_fail (name != NULL);

  chip = g_new0 (FakeChip, 1);
  chip->name = g_strdup (name);
  chip->label = g_strdup (label);
  chip->allowed = TRUE;
  chip->n_lines = n_lines;
  chip->lines = g_new0 (FakeLine, n_lines);
  for (guint i = 0; line_names != NULL && line_names[i] != NULL && i < n_lines; i++)
    chip->lines[i].name = g_strdup (line_names[i]);

  g_hash_table_replace (self->chips, chip->name, chip);
}

/**
 * kervi_fake_gpio_backend_remove_chip:
 * @self: a #KerviFakeGpioBackend
 * @name: the chip's name
 *
 * Removes a chip, as if it had been unplugged. Lines requested from it stay
 * requested but fail from now on; lines with events wake their watchers up
 * so that they notice.
 */
void
kervi_fake_gpio_backend_remove_chip (KerviFakeGpioBackend *self, const char *name)
{
  FakeChip *chip;

  g_return_if_fail (KERVI_IS_FAKE_GPIO_BACKEND (self));

  chip = g_hash_table_lookup (self->chips, name);
  if (chip == NULL)
    return;
  for (guint i = 0; i < chip->n_lines; i++)
    {
      FakeRequest *request = chip->lines[i].request;

      if (request != NULL && request->events && request->pipe_fds[1] >= 0)
        {
          /* Closing the write end makes the read end report HUP. */
          close (request->pipe_fds[1]);
          request->pipe_fds[1] = -1;
        }
    }
  g_hash_table_remove (self->chips, name);
}

static FakeLine *
get_line (KerviFakeGpioBackend *self, const char *chip_name, guint offset)
{
  FakeChip *chip = g_hash_table_lookup (self->chips, chip_name);

  g_return_val_if_fail (chip != NULL, NULL);
  g_return_val_if_fail (offset < chip->n_lines, NULL);
  return &chip->lines[offset];
}

/**
 * kervi_fake_gpio_backend_set_permission:
 * @self: a #KerviFakeGpioBackend
 * @chip: the chip's name
 * @allowed: whether the chip may be opened
 *
 * Simulates a chip device file the user may not open.
 */
void
kervi_fake_gpio_backend_set_permission (KerviFakeGpioBackend *self, const char *chip,
                                        gboolean allowed)
{
  FakeChip *fake_chip;

  g_return_if_fail (KERVI_IS_FAKE_GPIO_BACKEND (self));

  fake_chip = g_hash_table_lookup (self->chips, chip);
  g_return_if_fail (fake_chip != NULL);
  fake_chip->allowed = allowed;
}

/**
 * kervi_fake_gpio_backend_set_consumer:
 * @self: a #KerviFakeGpioBackend
 * @chip: the chip's name
 * @offset: the line's offset
 * @consumer: (nullable): the name of another program holding the line, or
 *   %NULL to free it
 *
 * Simulates a line held by another program: requests fail as busy.
 */
void
kervi_fake_gpio_backend_set_consumer (KerviFakeGpioBackend *self, const char *chip, guint offset,
                                      const char *consumer)
{
  FakeLine *line;

  g_return_if_fail (KERVI_IS_FAKE_GPIO_BACKEND (self));

  line = get_line (self, chip, offset);
  if (line == NULL)
    return;
  g_free (line->foreign_consumer);
  line->foreign_consumer = g_strdup (consumer);
}

/**
 * kervi_fake_gpio_backend_set_level:
 * @self: a #KerviFakeGpioBackend
 * @chip: the chip's name
 * @offset: the line's offset
 * @high: the new physical level
 * @timestamp_us: when the edge happened, in microseconds, or -1 for now
 *   (g_get_monotonic_time())
 *
 * Drives an input line from outside, as a button or a sensor would. If the
 * level changes and the line is requested with events, an edge event is
 * queued and its file descriptor becomes readable.
 */
void
kervi_fake_gpio_backend_set_level (KerviFakeGpioBackend *self, const char *chip, guint offset,
                                   gboolean high, gint64 timestamp_us)
{
  FakeLine *line;
  FakeRequest *request;
  gboolean changed;

  g_return_if_fail (KERVI_IS_FAKE_GPIO_BACKEND (self));

  line = get_line (self, chip, offset);
  if (line == NULL)
    return;

  high = !!high;
  changed = line->high != high;
  line->high = high;
  line->driven = TRUE;

  if (changed)
    g_signal_emit (self, signals[SIGNAL_LEVEL_CHANGED], 0, chip, offset, high);

  request = line->request;
  if (changed && request != NULL && request->events && request->pipe_fds[1] >= 0)
    {
      KerviGpioEvent *event = g_new0 (KerviGpioEvent, 1);
      ssize_t n;

      event->timestamp_us = timestamp_us >= 0 ? timestamp_us : g_get_monotonic_time ();
      event->rising = line_logical_level (request);
      g_queue_push_tail (&request->queue, event);
      do
        n = write (request->pipe_fds[1], "e", 1);
      while (n < 0 && errno == EINTR);
      if (n != 1)
        {
          /* The pipe is full: the kernel drops events when its FIFO
           * overflows too. */
          g_free (g_queue_pop_tail (&request->queue));
        }
    }
}

/**
 * kervi_fake_gpio_backend_get_level:
 * @self: a #KerviFakeGpioBackend
 * @chip: the chip's name
 * @offset: the line's offset
 *
 * Returns: the physical level of the line: for an output, what the driver
 *   drives it to (active-low applied)
 */
gboolean
kervi_fake_gpio_backend_get_level (KerviFakeGpioBackend *self, const char *chip, guint offset)
{
  FakeLine *line;

  g_return_val_if_fail (KERVI_IS_FAKE_GPIO_BACKEND (self), FALSE);

  line = get_line (self, chip, offset);
  return line != NULL && line->high;
}

/**
 * kervi_fake_gpio_backend_is_requested:
 * @self: a #KerviFakeGpioBackend
 * @chip: the chip's name
 * @offset: the line's offset
 *
 * Returns: %TRUE if a driver holds the line
 */
gboolean
kervi_fake_gpio_backend_is_requested (KerviFakeGpioBackend *self, const char *chip, guint offset)
{
  FakeLine *line;

  g_return_val_if_fail (KERVI_IS_FAKE_GPIO_BACKEND (self), FALSE);

  line = get_line (self, chip, offset);
  return line != NULL && line->request != NULL;
}
