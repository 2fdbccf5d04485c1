/* kervi-bme280.h: a Bosch BME280 or BMP280 on I2C
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#if !defined(KERVI_INSIDE) && !defined(KERVI_COMPILATION)
#error "Only <kervi.h> can be included directly."
#endif

#include "kervi-sensor-driver.h"
#include "kervi-i2c-backend.h"

G_BEGIN_DECLS

/**
 * KerviBme280Quantity:
 * @KERVI_BME280_TEMPERATURE: temperature in °C
 * @KERVI_BME280_PRESSURE: air pressure in hPa
 * @KERVI_BME280_HUMIDITY: relative humidity in % (BME280 only)
 *
 * What a #KerviBme280 driver reads.
 */
typedef enum
{
  KERVI_BME280_TEMPERATURE,
  KERVI_BME280_PRESSURE,
  KERVI_BME280_HUMIDITY,
} KerviBme280Quantity;

GType kervi_bme280_quantity_get_type (void) G_GNUC_CONST;
#define KERVI_TYPE_BME280_QUANTITY (kervi_bme280_quantity_get_type ())

/**
 * KerviBme280Model:
 * @KERVI_BME280_MODEL_UNKNOWN: the chip was not reached yet
 * @KERVI_BME280_MODEL_BME280: a BME280 (chip id 0x60): temperature,
 *   pressure and humidity
 * @KERVI_BME280_MODEL_BMP280: a BMP280 (chip id 0x58): temperature and
 *   pressure
 *
 * The chip found at the address.
 */
typedef enum
{
  KERVI_BME280_MODEL_UNKNOWN,
  KERVI_BME280_MODEL_BME280,
  KERVI_BME280_MODEL_BMP280,
} KerviBme280Model;

GType kervi_bme280_model_get_type (void) G_GNUC_CONST;
#define KERVI_TYPE_BME280_MODEL (kervi_bme280_model_get_type ())

#define KERVI_TYPE_BME280 (kervi_bme280_get_type ())
G_DECLARE_FINAL_TYPE (KerviBme280, kervi_bme280, KERVI, BME280, GObject)

KerviBme280 *kervi_bme280_new (guint bus, guint address);
KerviBme280 *kervi_bme280_new_with_backend (KerviI2cBackend *backend, guint bus, guint address);

KerviSensorDriver *kervi_bme280_get_driver (KerviBme280 *self, KerviBme280Quantity quantity);

gboolean kervi_bme280_measure (KerviBme280 *self, double *out_temperature, double *out_pressure,
                               double *out_humidity, GError **error);

guint kervi_bme280_get_bus (KerviBme280 *self);
guint kervi_bme280_get_address (KerviBme280 *self);
KerviBme280Model kervi_bme280_get_model (KerviBme280 *self);
const char *kervi_bme280_get_description (KerviBme280 *self);
double kervi_bme280_get_max_age (KerviBme280 *self);
void kervi_bme280_set_max_age (KerviBme280 *self, double seconds);

G_END_DECLS
