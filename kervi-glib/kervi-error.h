/* kervi-error.h: error domains of kervi-glib
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#if !defined(KERVI_INSIDE) && !defined(KERVI_COMPILATION)
#error "Only <kervi.h> can be included directly."
#endif

#include <glib.h>

G_BEGIN_DECLS

/**
 * KERVI_ERROR:
 *
 * Error domain for errors that cross the bus: every code maps to a D-Bus
 * error name `org.kervi.Error.<Code>`, so a caller in another process gets
 * the same #GError back. See #KerviError.
 */
#define KERVI_ERROR (kervi_error_quark ())

/**
 * KerviError:
 * @KERVI_ERROR_FAILED: generic failure (`org.kervi.Error.Failed`)
 * @KERVI_ERROR_UNKNOWN_COMPONENT: no component with that id is known
 *   (`org.kervi.Error.UnknownComponent`)
 * @KERVI_ERROR_UNKNOWN_VALUE: no value with that id is known
 *   (`org.kervi.Error.UnknownValue`)
 * @KERVI_ERROR_UNKNOWN_ACTION: no action with that id is known
 *   (`org.kervi.Error.UnknownAction`)
 * @KERVI_ERROR_INVALID_ARGS: arguments of the wrong type or count
 *   (`org.kervi.Error.InvalidArgs`)
 * @KERVI_ERROR_OUT_OF_RANGE: a number outside the value's min..max, or a
 *   choice that is not one of the options (`org.kervi.Error.OutOfRange`)
 * @KERVI_ERROR_READ_ONLY: the value is an output and cannot be set from
 *   outside (`org.kervi.Error.ReadOnly`)
 * @KERVI_ERROR_ACTION_FAILED: the action ran and reported a failure
 *   (`org.kervi.Error.ActionFailed`)
 * @KERVI_ERROR_BUSY: the action is already running (`org.kervi.Error.Busy`)
 * @KERVI_ERROR_NOT_CONNECTED: this process is not on a Kervi bus
 *   (`org.kervi.Error.NotConnected`)
 * @KERVI_ERROR_INVALID_ID: an id that is empty or has characters outside
 *   `[A-Za-z0-9_]` (`org.kervi.Error.InvalidId`)
 * @KERVI_ERROR_EXISTS: an object with that id exists already
 *   (`org.kervi.Error.Exists`)
 *
 * Error codes of the %KERVI_ERROR domain.
 */
typedef enum
{
  KERVI_ERROR_FAILED,
  KERVI_ERROR_UNKNOWN_COMPONENT,
  KERVI_ERROR_UNKNOWN_VALUE,
  KERVI_ERROR_UNKNOWN_ACTION,
  KERVI_ERROR_INVALID_ARGS,
  KERVI_ERROR_OUT_OF_RANGE,
  KERVI_ERROR_READ_ONLY,
  KERVI_ERROR_ACTION_FAILED,
  KERVI_ERROR_BUSY,
  KERVI_ERROR_NOT_CONNECTED,
  KERVI_ERROR_INVALID_ID,
  KERVI_ERROR_EXISTS,
} KerviError;

/**
 * KERVI_CONFIG_ERROR:
 *
 * Error domain for configuration files. Messages name the file, the line
 * and the key. See #KerviConfigError.
 */
#define KERVI_CONFIG_ERROR (kervi_config_error_quark ())

/**
 * KerviConfigError:
 * @KERVI_CONFIG_ERROR_PARSE: the file is not a valid key file
 * @KERVI_CONFIG_ERROR_UNKNOWN_GROUP: a group that kervi-glib does not know
 * @KERVI_CONFIG_ERROR_UNKNOWN_KEY: a key that kervi-glib does not know
 * @KERVI_CONFIG_ERROR_INVALID_VALUE: a value of the wrong type or range
 * @KERVI_CONFIG_ERROR_NOT_FOUND: the file does not exist or cannot be read
 *
 * Error codes of the %KERVI_CONFIG_ERROR domain.
 */
typedef enum
{
  KERVI_CONFIG_ERROR_PARSE,
  KERVI_CONFIG_ERROR_UNKNOWN_GROUP,
  KERVI_CONFIG_ERROR_UNKNOWN_KEY,
  KERVI_CONFIG_ERROR_INVALID_VALUE,
  KERVI_CONFIG_ERROR_NOT_FOUND,
} KerviConfigError;

/**
 * KERVI_DRIVER_ERROR:
 *
 * Error domain for sensor and device drivers. See #KerviDriverError.
 */
#define KERVI_DRIVER_ERROR (kervi_driver_error_quark ())

/**
 * KerviDriverError:
 * @KERVI_DRIVER_ERROR_FAILED: generic driver failure
 * @KERVI_DRIVER_ERROR_NOT_FOUND: the device or its file does not exist
 * @KERVI_DRIVER_ERROR_PERMISSION: the device exists but may not be opened
 * @KERVI_DRIVER_ERROR_BUSY: the device or line is used by someone else
 * @KERVI_DRIVER_ERROR_PARSE: the device answered with data that makes no sense
 * @KERVI_DRIVER_ERROR_IO: reading or writing the device failed
 * @KERVI_DRIVER_ERROR_NO_READING: the device has no valid reading (yet)
 *
 * Error codes of the %KERVI_DRIVER_ERROR domain.
 */
typedef enum
{
  KERVI_DRIVER_ERROR_FAILED,
  KERVI_DRIVER_ERROR_NOT_FOUND,
  KERVI_DRIVER_ERROR_PERMISSION,
  KERVI_DRIVER_ERROR_BUSY,
  KERVI_DRIVER_ERROR_PARSE,
  KERVI_DRIVER_ERROR_IO,
  KERVI_DRIVER_ERROR_NO_READING,
} KerviDriverError;

/**
 * KERVI_PROCESS_ERROR:
 *
 * Error domain for the application's processes: the bus, the dashboard and
 * the module processes. See #KerviProcessError.
 */
#define KERVI_PROCESS_ERROR (kervi_process_error_quark ())

/**
 * KerviProcessError:
 * @KERVI_PROCESS_ERROR_FAILED: generic failure
 * @KERVI_PROCESS_ERROR_BUS: the private bus could not be started or reached
 * @KERVI_PROCESS_ERROR_MODULE_NOT_FOUND: no module folder, or nothing loadable
 *   in it
 * @KERVI_PROCESS_ERROR_MODULE_LOAD: the module could not be loaded or its
 *   entry point failed
 * @KERVI_PROCESS_ERROR_MODULE_EXITED: the module process exited before it
 *   was ready
 * @KERVI_PROCESS_ERROR_TIMEOUT: a process did not get ready in time
 * @KERVI_PROCESS_ERROR_RUNNING: another instance of the application runs
 *
 * Error codes of the %KERVI_PROCESS_ERROR domain.
 */
typedef enum
{
  KERVI_PROCESS_ERROR_FAILED,
  KERVI_PROCESS_ERROR_BUS,
  KERVI_PROCESS_ERROR_MODULE_NOT_FOUND,
  KERVI_PROCESS_ERROR_MODULE_LOAD,
  KERVI_PROCESS_ERROR_MODULE_EXITED,
  KERVI_PROCESS_ERROR_TIMEOUT,
  KERVI_PROCESS_ERROR_RUNNING,
} KerviProcessError;

GQuark kervi_error_quark (void);
GQuark kervi_config_error_quark (void);
GQuark kervi_driver_error_quark (void);
GQuark kervi_process_error_quark (void);

G_END_DECLS
