/* kervi-driver-private.c: helpers shared by the drivers shipped with kervi-glib
 *
 * The description of a driver (the construct-only properties kind, unit,
 * min, max and device-name of #KerviSensorDriver) is fixed by the driver
 * class, not by whoever creates it. Drivers therefore override
 * GObjectClass.constructor and write those properties into the construct
 * parameters, so that g_object_new() without properties (what
 * `Kervi.CpuLoadDriver()` does in Python) gives the same driver as
 * kervi_cpu_load_driver_new().
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "config.h"

#include "kervi-driver-private.h"

/* Returns the value of the construct property @name in @params: GObject
 * passes every construct property of the class, given or not. */
GValue *
_kervi_driver_construct_param (GObjectConstructParam *params, guint n_params, const char *name)
{
  for (guint i = 0; i < n_params; i++)
    if (g_str_equal (params[i].pspec->name, name))
      return params[i].value;
  g_return_val_if_reached (NULL);
}

/* Sets kind, unit, min and max, and the device name unless the caller gave
 * one. */
void
_kervi_driver_describe (GObjectConstructParam *params, guint n_params, KerviValueKind kind,
                        const char *unit, double min, double max, const char *device_name)
{
  GValue *value;

  if ((value = _kervi_driver_construct_param (params, n_params, "kind")) != NULL)
    g_value_set_enum (value, kind);
  if ((value = _kervi_driver_construct_param (params, n_params, "unit")) != NULL)
    g_value_set_string (value, unit);
  if ((value = _kervi_driver_construct_param (params, n_params, "min")) != NULL)
    g_value_set_double (value, min);
  if ((value = _kervi_driver_construct_param (params, n_params, "max")) != NULL)
    g_value_set_double (value, max);
  value = _kervi_driver_construct_param (params, n_params, "device-name");
  if (value != NULL && g_value_get_string (value) == NULL)
    g_value_set_string (value, device_name);
}
