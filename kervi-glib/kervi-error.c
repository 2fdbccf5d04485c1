/* kervi-error.c: error domains of kervi-glib
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "config.h"

#include <gio/gio.h>

#include "kervi-error.h"

/* The D-Bus names of KERVI_ERROR codes; the order follows KerviError. */
static const GDBusErrorEntry kervi_dbus_error_entries[] = {
  { KERVI_ERROR_FAILED, "org.kervi.Error.Failed" },
  { KERVI_ERROR_UNKNOWN_COMPONENT, "org.kervi.Error.UnknownComponent" },
  { KERVI_ERROR_UNKNOWN_VALUE, "org.kervi.Error.UnknownValue" },
  { KERVI_ERROR_UNKNOWN_ACTION, "org.kervi.Error.UnknownAction" },
  { KERVI_ERROR_INVALID_ARGS, "org.kervi.Error.InvalidArgs" },
  { KERVI_ERROR_OUT_OF_RANGE, "org.kervi.Error.OutOfRange" },
  { KERVI_ERROR_READ_ONLY, "org.kervi.Error.ReadOnly" },
  { KERVI_ERROR_ACTION_FAILED, "org.kervi.Error.ActionFailed" },
  { KERVI_ERROR_BUSY, "org.kervi.Error.Busy" },
  { KERVI_ERROR_NOT_CONNECTED, "org.kervi.Error.NotConnected" },
  { KERVI_ERROR_INVALID_ID, "org.kervi.Error.InvalidId" },
  { KERVI_ERROR_EXISTS, "org.kervi.Error.Exists" },
};

G_STATIC_ASSERT (G_N_ELEMENTS (kervi_dbus_error_entries) == KERVI_ERROR_EXISTS + 1);

/**
 * kervi_error_quark:
 *
 * The error domain %KERVI_ERROR, registered with GDBus so that every code
 * travels over the bus as `org.kervi.Error.<Code>`.
 *
 * Returns: the #GQuark of %KERVI_ERROR
 */
GQuark
kervi_error_quark (void)
{
  static gsize quark = 0;

  g_dbus_error_register_error_domain ("kervi-error-quark", &quark, kervi_dbus_error_entries,
                                      G_N_ELEMENTS (kervi_dbus_error_entries));
  return (GQuark)quark;
}

/* The quark names are the error domains' names in every language binding;
 * keep clang-format from spacing out the dashes. */
/* clang-format off */

/**
 * kervi_config_error_quark:
 *
 * Returns: the #GQuark of %KERVI_CONFIG_ERROR
 */
G_DEFINE_QUARK (kervi-config-error-quark, kervi_config_error)

/**
 * kervi_driver_error_quark:
 *
 * Returns: the #GQuark of %KERVI_DRIVER_ERROR
 */
G_DEFINE_QUARK (kervi-driver-error-quark, kervi_driver_error)

/**
 * kervi_process_error_quark:
 *
 * Returns: the #GQuark of %KERVI_PROCESS_ERROR
 */
G_DEFINE_QUARK (kervi-process-error-quark, kervi_process_error)

/* clang-format on */
