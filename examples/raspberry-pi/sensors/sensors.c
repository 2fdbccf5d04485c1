/* sensors.c: the sensors module of the Raspberry Pi example
 *
 *   button         a push button between BCM 17 and ground: no polling, the
 *                  line's edge events wake the process up
 *   cpu_temp       the SoC temperature
 *   room_temp, room_pressure, room_humidity
 *                  one BME280 on I2C bus 1 at 0x76, one sensor per reading
 *
 * Where a device is missing, its sensor says why on the bus and the
 * dashboard ("gpiochip0: no such chip", "i2c-1 0x76: no answer (Remote I/O
 * error)"), retries with a back-off, and the others carry on.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <gmodule.h>
#include <kervi.h>

#define GPIO_CHIP "gpiochip0" /* the 40-pin header's chip; "pinctrl-bcm2711" works too */
#define BUTTON_LINE "17"      /* BCM 17, header pin 11 */
#define BME280_BUS 1          /* /dev/i2c-1: SDA BCM 2 (pin 3), SCL BCM 3 (pin 5) */
#define BME280_ADDRESS 0x76

G_MODULE_EXPORT gboolean kervi_module_init (KerviModule *module, GError **error);

G_MODULE_EXPORT gboolean
kervi_module_init (KerviModule *module, GError **error)
{
  g_autoptr (KerviSensorDriver) button_driver = NULL;
  g_autoptr (KerviCpuTempDriver) cpu_temp_driver = NULL;
  g_autoptr (KerviBme280) bme280 = NULL;
  g_autoptr (KerviSensor) button = NULL;
  g_autoptr (KerviSensor) cpu_temp = NULL;
  const struct
  {
    const char *id;
    const char *name;
    KerviBme280Quantity quantity;
    double delta;
  } room[] = {
    { "room_temp", "Room temperature", KERVI_BME280_TEMPERATURE, 0.1 },
    { "room_pressure", "Air pressure", KERVI_BME280_PRESSURE, 0.1 },
    { "room_humidity", "Humidity", KERVI_BME280_HUMIDITY, 0.5 },
  };

  /* The button pulls the pin to ground: pull-up on, active when low, and
   * 20 ms of debouncing for the contacts. */
  button_driver = kervi_gpio_input_driver_new (GPIO_CHIP, BUTTON_LINE);
  kervi_gpio_input_driver_set_pull (KERVI_GPIO_INPUT_DRIVER (button_driver), KERVI_GPIO_PULL_UP);
  kervi_gpio_input_driver_set_active_low (KERVI_GPIO_INPUT_DRIVER (button_driver), TRUE);
  kervi_gpio_input_driver_set_debounce_ms (KERVI_GPIO_INPUT_DRIVER (button_driver), 20);
  button = kervi_sensor_new ("button", "Button", button_driver);

  cpu_temp_driver = kervi_cpu_temp_driver_new ();
  cpu_temp
      = kervi_sensor_new ("cpu_temp", "CPU temperature", KERVI_SENSOR_DRIVER (cpu_temp_driver));
  kervi_sensor_set_interval (cpu_temp, 2.0);
  kervi_sensor_set_delta (cpu_temp, 0.5);

  /* The three readings share one device: one measurement serves them all
   * when they poll together. */
  bme280 = kervi_bme280_new (BME280_BUS, BME280_ADDRESS);
  for (guint i = 0; i < G_N_ELEMENTS (room); i++)
    {
      g_autoptr (KerviSensorDriver) driver = kervi_bme280_get_driver (bme280, room[i].quantity);
      g_autoptr (KerviSensor) sensor = kervi_sensor_new (room[i].id, room[i].name, driver);

      kervi_sensor_set_interval (sensor, 10.0);
      kervi_sensor_set_delta (sensor, room[i].delta);
    }

  return TRUE;
}
