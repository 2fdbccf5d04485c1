/* sensors.c: the sensors module of the fan-controller example
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <gmodule.h>
#include <kervi.h>

G_MODULE_EXPORT gboolean kervi_module_init (KerviModule *module, GError **error);

G_MODULE_EXPORT gboolean
kervi_module_init (KerviModule *module, GError **error)
{
  g_autoptr (KerviCpuLoadDriver) driver = kervi_cpu_load_driver_new ();
  g_autoptr (KerviSensor) cpu_load = NULL;

  /* The process keeps the sensor alive; its value's id is "cpu_load". */
  cpu_load = kervi_sensor_new ("cpu_load", "CPU load", KERVI_SENSOR_DRIVER (driver));
  kervi_sensor_set_interval (cpu_load, 1.0);
  /* Changes under half a percent are noise: keep them off the bus. */
  kervi_sensor_set_delta (cpu_load, 0.5);

  /* On the dashboard: in the page header, and as a number and a chart. */
  if (!kervi_value_link_to_header (kervi_sensor_get_value (cpu_load), "value",
                                   "{\"label\": \"CPU\", \"decimals\": 1}", error)
      || !kervi_value_link_to_dashboard (kervi_sensor_get_value (cpu_load), "main", "cpu", "value",
                                         "{\"decimals\": 1}", error)
      || !kervi_value_link_to_dashboard (kervi_sensor_get_value (cpu_load), "main", "cpu", "chart",
                                         "{\"history\": 120}", error))
    return FALSE;
  return TRUE;
}
