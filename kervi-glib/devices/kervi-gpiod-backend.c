/* kervi-gpiod-backend.c: GPIO through libgpiod 1.6
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "config.h"

#include <errno.h>
#include <gpiod.h>
#include <poll.h>

#include "kervi-devices-private.h"
#include "kervi-error.h"
#include "kervi-gpiod-backend.h"

/*
 * KerviGpiodBackend:
 *
 * The backend that talks to the kernel's GPIO character devices through the
 * libgpiod 1.6 API (the one Debian 12 and Raspberry Pi OS bookworm ship).
 * It is private: applications get it from kervi_gpio_backend_get_default().
 *
 * libgpiod 1.6 has no debounce setting; the drivers debounce in software.
 */

typedef struct
{
  struct gpiod_chip *chip;
  struct gpiod_line *line;
  char *label; /* "gpiochip0 line 17", for messages */
  gboolean requested;
  gboolean events;
} Request;

struct _KerviGpiodBackend
{
  KerviGpioBackend parent_instance;

  GHashTable *requests; /* handle → Request */
  guint next_handle;
};

G_DEFINE_FINAL_TYPE (KerviGpiodBackend, kervi_gpiod_backend, KERVI_TYPE_GPIO_BACKEND)

static void
request_free (Request *request)
{
  if (request->requested)
    gpiod_line_release (request->line);
  if (request->chip != NULL)
    gpiod_chip_close (request->chip);
  g_free (request->label);
  g_free (request);
}

static struct gpiod_chip *
open_chip (const char *chip_name, GError **error)
{
  struct gpiod_chip *chip;
  int errsv;

  errno = 0;
  chip = gpiod_chip_open_lookup (chip_name);
  if (chip != NULL)
    return chip;

  errsv = errno;
  switch (errsv)
    {
      case ENOENT:
      case 0:
        g_set_error (error, KERVI_DRIVER_ERROR, KERVI_DRIVER_ERROR_NOT_FOUND, "%s: no such chip",
                     chip_name);
        break;
      case ENOTTY:
      case ENODEV:
      case ENXIO:
        g_set_error (error, KERVI_DRIVER_ERROR, KERVI_DRIVER_ERROR_NOT_FOUND,
                     "%s: not a GPIO chip (%s)", chip_name, g_strerror (errsv));
        break;
      case EACCES:
      case EPERM:
        g_set_error (error, KERVI_DRIVER_ERROR, KERVI_DRIVER_ERROR_PERMISSION,
                     "%s: permission denied (is the user in the 'gpio' group?)", chip_name);
        break;
      default:
        g_set_error (error, KERVI_DRIVER_ERROR, _kervi_driver_error_from_errno (errsv),
                     "%s: cannot open the chip (%s)", chip_name, g_strerror (errsv));
    }
  return NULL;
}

static struct gpiod_line *
find_line (struct gpiod_chip *chip, const char *line_name, GError **error)
{
  struct gpiod_line *line;
  int errsv;

  if (_kervi_gpio_is_offset (line_name))
    {
      guint64 offset = g_ascii_strtoull (line_name, NULL, 10);
      guint n_lines = gpiod_chip_num_lines (chip);

      if (offset >= n_lines)
        {
          g_set_error (error, KERVI_DRIVER_ERROR, KERVI_DRIVER_ERROR_NOT_FOUND,
                       "%s: no line %s (the chip has %u lines)", gpiod_chip_name (chip), line_name,
                       n_lines);
          return NULL;
        }
      line = gpiod_chip_get_line (chip, (unsigned int)offset);
    }
  else
    {
      errno = 0;
      line = gpiod_chip_find_line (chip, line_name);
      if (line == NULL && (errno == ENOENT || errno == 0))
        {
          g_set_error (error, KERVI_DRIVER_ERROR, KERVI_DRIVER_ERROR_NOT_FOUND,
                       "%s: no line named '%s'", gpiod_chip_name (chip), line_name);
          return NULL;
        }
    }
  if (line == NULL)
    {
      errsv = errno;
      g_set_error (error, KERVI_DRIVER_ERROR, _kervi_driver_error_from_errno (errsv),
                   "%s line %s: %s", gpiod_chip_name (chip), line_name, g_strerror (errsv));
    }
  return line;
}

static void
set_request_error (Request *request, int errsv, GError **error)
{
  const char *consumer;

  if (errsv == EBUSY)
    gpiod_line_update (request->line); /* learn who holds it */

  switch (errsv)
    {
      case EBUSY:
        consumer = gpiod_line_consumer (request->line);
        g_set_error (error, KERVI_DRIVER_ERROR, KERVI_DRIVER_ERROR_BUSY, "%s: busy (used by '%s')",
                     request->label, consumer != NULL ? consumer : "another program");
        break;
      case EACCES:
      case EPERM:
        g_set_error (error, KERVI_DRIVER_ERROR, KERVI_DRIVER_ERROR_PERMISSION,
                     "%s: permission denied", request->label);
        break;
      case EINVAL:
        g_set_error (error, KERVI_DRIVER_ERROR, KERVI_DRIVER_ERROR_IO,
                     "%s: the kernel refused the line settings (%s; bias needs Linux 5.5)",
                     request->label, g_strerror (errsv));
        break;
      default:
        g_set_error (error, KERVI_DRIVER_ERROR, _kervi_driver_error_from_errno (errsv),
                     "%s: cannot request the line (%s)", request->label, g_strerror (errsv));
    }
}

/* Opens the chip and finds the line; the line is not requested yet. */
static Request *
request_new (const char *chip_name, const char *line_name, GError **error)
{
  Request *request;
  struct gpiod_chip *chip;
  struct gpiod_line *line;

  chip = open_chip (chip_name, error);
  if (chip == NULL)
    return NULL;
  line = find_line (chip, line_name, error);
  if (line == NULL)
    {
      gpiod_chip_close (chip);
      return NULL;
    }

  request = g_new0 (Request, 1);
  request->chip = chip;
  request->line = line;
  request->label = g_strdup_printf ("%s line %s", gpiod_chip_name (chip), line_name);
  return request;
}

static guint
add_request (KerviGpiodBackend *self, Request *request)
{
  return _kervi_gpio_add_handle (self->requests, &self->next_handle, request);
}

static int
pull_flags (KerviGpioPull pull)
{
  switch (pull)
    {
      case KERVI_GPIO_PULL_NONE:
        return GPIOD_LINE_REQUEST_FLAG_BIAS_DISABLE;
      case KERVI_GPIO_PULL_UP:
        return GPIOD_LINE_REQUEST_FLAG_BIAS_PULL_UP;
      case KERVI_GPIO_PULL_DOWN:
        return GPIOD_LINE_REQUEST_FLAG_BIAS_PULL_DOWN;
      case KERVI_GPIO_PULL_AS_IS:
      default:
        return 0;
    }
}

static guint
kervi_gpiod_backend_request_input (KerviGpioBackend *backend, const char *chip_name,
                                   const char *line_name, KerviGpioPull pull, gboolean active_low,
                                   gboolean events, const char *consumer, GError **error)
{
  KerviGpiodBackend *self = KERVI_GPIOD_BACKEND (backend);
  Request *request;
  int flags = pull_flags (pull);
  int ret;

  request = request_new (chip_name, line_name, error);
  if (request == NULL)
    return 0;

  if (active_low)
    flags |= GPIOD_LINE_REQUEST_FLAG_ACTIVE_LOW;
  if (events)
    ret = gpiod_line_request_both_edges_events_flags (request->line, consumer, flags);
  else
    ret = gpiod_line_request_input_flags (request->line, consumer, flags);
  if (ret < 0)
    {
      set_request_error (request, errno, error);
      request_free (request);
      return 0;
    }
  request->requested = TRUE;
  request->events = events;
  return add_request (self, request);
}

static guint
kervi_gpiod_backend_request_output (KerviGpioBackend *backend, const char *chip_name,
                                    const char *line_name, gboolean active_low, gboolean value,
                                    const char *consumer, GError **error)
{
  KerviGpiodBackend *self = KERVI_GPIOD_BACKEND (backend);
  Request *request;
  int flags = active_low ? GPIOD_LINE_REQUEST_FLAG_ACTIVE_LOW : 0;

  request = request_new (chip_name, line_name, error);
  if (request == NULL)
    return 0;

  if (gpiod_line_request_output_flags (request->line, consumer, flags, value ? 1 : 0) < 0)
    {
      set_request_error (request, errno, error);
      request_free (request);
      return 0;
    }
  request->requested = TRUE;
  return add_request (self, request);
}

static Request *
lookup (KerviGpiodBackend *self, guint handle, GError **error)
{
  Request *request = g_hash_table_lookup (self->requests, GUINT_TO_POINTER (handle));

  if (request == NULL)
    g_set_error (error, KERVI_DRIVER_ERROR, KERVI_DRIVER_ERROR_FAILED,
                 "GPIO: no requested line with handle %u", handle);
  return request;
}

static int
kervi_gpiod_backend_get_event_fd (KerviGpioBackend *backend, guint handle)
{
  Request *request = lookup (KERVI_GPIOD_BACKEND (backend), handle, NULL);

  if (request == NULL || !request->events)
    return -1;
  return gpiod_line_event_get_fd (request->line);
}

static int
kervi_gpiod_backend_read_events (KerviGpioBackend *backend, guint handle, KerviGpioEvent *events,
                                 guint n_events, GError **error)
{
  Request *request = lookup (KERVI_GPIOD_BACKEND (backend), handle, error);
  struct gpiod_line_event buf[16];
  struct pollfd pfd;
  int n;

  if (request == NULL)
    return -1;
  if (!request->events)
    {
      g_set_error (error, KERVI_DRIVER_ERROR, KERVI_DRIVER_ERROR_FAILED,
                   "%s: the line was not requested with events", request->label);
      return -1;
    }

  /* The event fd blocks; libgpiod reads it with read(), so look first. */
  pfd.fd = gpiod_line_event_get_fd (request->line);
  pfd.events = POLLIN;
  pfd.revents = 0;
  do
    n = poll (&pfd, 1, 0);
  while (n < 0 && errno == EINTR);
  if (n < 0 || (pfd.revents & (POLLERR | POLLNVAL)) != 0)
    {
      int errsv = n < 0 ? errno : EIO;
      g_set_error (error, KERVI_DRIVER_ERROR, _kervi_driver_error_from_errno (errsv),
                   "%s: cannot read events (%s)", request->label, g_strerror (errsv));
      return -1;
    }
  if ((pfd.revents & POLLIN) == 0)
    return 0;

  n = gpiod_line_event_read_multiple (request->line, buf, MIN (n_events, G_N_ELEMENTS (buf)));
  if (n < 0)
    {
      int errsv = errno;
      g_set_error (error, KERVI_DRIVER_ERROR, _kervi_driver_error_from_errno (errsv),
                   "%s: cannot read events (%s)", request->label, g_strerror (errsv));
      return -1;
    }
  for (int i = 0; i < n; i++)
    {
      events[i].timestamp_us = (gint64)buf[i].ts.tv_sec * G_USEC_PER_SEC + buf[i].ts.tv_nsec / 1000;
      events[i].rising = buf[i].event_type == GPIOD_LINE_EVENT_RISING_EDGE;
    }
  return n;
}

static gboolean
kervi_gpiod_backend_get_value (KerviGpioBackend *backend, guint handle, gboolean *out_value,
                               GError **error)
{
  Request *request = lookup (KERVI_GPIOD_BACKEND (backend), handle, error);
  int value;

  if (request == NULL)
    return FALSE;
  value = gpiod_line_get_value (request->line);
  if (value < 0)
    {
      int errsv = errno;
      g_set_error (error, KERVI_DRIVER_ERROR, _kervi_driver_error_from_errno (errsv),
                   "%s: cannot read the line (%s)", request->label, g_strerror (errsv));
      return FALSE;
    }
  *out_value = value != 0;
  return TRUE;
}

static gboolean
kervi_gpiod_backend_set_value (KerviGpioBackend *backend, guint handle, gboolean value,
                               GError **error)
{
  Request *request = lookup (KERVI_GPIOD_BACKEND (backend), handle, error);

  if (request == NULL)
    return FALSE;
  if (gpiod_line_set_value (request->line, value ? 1 : 0) < 0)
    {
      int errsv = errno;
      g_set_error (error, KERVI_DRIVER_ERROR, _kervi_driver_error_from_errno (errsv),
                   "%s: cannot set the line (%s)", request->label, g_strerror (errsv));
      return FALSE;
    }
  return TRUE;
}

static void
kervi_gpiod_backend_release (KerviGpioBackend *backend, guint handle)
{
  KerviGpiodBackend *self = KERVI_GPIOD_BACKEND (backend);

  g_hash_table_remove (self->requests, GUINT_TO_POINTER (handle));
}

static void
kervi_gpiod_backend_finalize (GObject *object)
{
  KerviGpiodBackend *self = KERVI_GPIOD_BACKEND (object);

  g_hash_table_unref (self->requests);

  G_OBJECT_CLASS (kervi_gpiod_backend_parent_class)->finalize (object);
}

static void
kervi_gpiod_backend_class_init (KerviGpiodBackendClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  KerviGpioBackendClass *backend_class = KERVI_GPIO_BACKEND_CLASS (klass);

  object_class->finalize = kervi_gpiod_backend_finalize;

  backend_class->request_input = kervi_gpiod_backend_request_input;
  backend_class->request_output = kervi_gpiod_backend_request_output;
  backend_class->get_event_fd = kervi_gpiod_backend_get_event_fd;
  backend_class->read_events = kervi_gpiod_backend_read_events;
  backend_class->get_value = kervi_gpiod_backend_get_value;
  backend_class->set_value = kervi_gpiod_backend_set_value;
  backend_class->release = kervi_gpiod_backend_release;
}

static void
kervi_gpiod_backend_init (KerviGpiodBackend *self)
{
  self->requests = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify)request_free);
}

/*
 * kervi_gpiod_backend_new:
 *
 * Returns: (transfer full): a new libgpiod backend
 */
KerviGpioBackend *
kervi_gpiod_backend_new (void)
{
  return g_object_new (KERVI_TYPE_GPIOD_BACKEND, NULL);
}
