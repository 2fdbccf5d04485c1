/* test-drivers.c: the sensor drivers shipped with kervi-glib
 *
 * The system drivers read recorded trees under data/ (see data/README.md)
 * through their "root" property; tests that change files on the way copy
 * a tree into a temporary folder first.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <errno.h>
#include <glib/gstdio.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <unistd.h>

#include <kervi.h>

#include "kervi-test-util.h"

/* ---- helpers ---- */

static const char *
data_root (const char *name)
{
  return g_test_get_filename (G_TEST_DIST, "data", name, NULL);
}

/* Copies data/<name>/<path> to <dir>/<path>. */
static void
copy_file (const char *name, const char *path, const char *dir)
{
  g_autofree char *src = g_build_filename (data_root (name), path, NULL);
  g_autofree char *contents = NULL;
  g_autoptr (GError) error = NULL;

  g_file_get_contents (src, &contents, NULL, &error);
  g_assert_no_error (error);
  kervi_test_write_file (dir, path, contents);
}

static char *
make_temp_root (void)
{
  return kervi_test_make_temp_dir ("kervi-drivers");
}

/* Reads a number; fails the test on error. */
static double
read_number (KerviSensorDriver *driver)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GVariant) reading = kervi_sensor_driver_read (driver, &error);

  g_assert_no_error (error);
  g_assert_nonnull (reading);
  g_assert_true (g_variant_is_of_type (reading, G_VARIANT_TYPE_DOUBLE));
  return g_variant_get_double (reading);
}

/* Reads and expects an error in KERVI_DRIVER_ERROR with @code whose
 * message holds @fragment. */
static void
read_fails (KerviSensorDriver *driver, int code, const char *fragment)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GVariant) reading = kervi_sensor_driver_read (driver, &error);

  g_assert_null (reading);
  g_assert_error (error, KERVI_DRIVER_ERROR, code);
  if (fragment != NULL && strstr (error->message, fragment) == NULL)
    g_error ("error message '%s' does not hold '%s'", error->message, fragment);
}

static void
assert_description (KerviSensorDriver *driver, const char *unit, double min, double max)
{
  g_assert_cmpint (kervi_sensor_driver_get_kind (driver), ==, KERVI_VALUE_KIND_NUMBER);
  g_assert_cmpstr (kervi_sensor_driver_get_unit (driver), ==, unit);
  g_assert_cmpfloat (kervi_sensor_driver_get_min (driver), ==, min);
  g_assert_cmpfloat (kervi_sensor_driver_get_max (driver), ==, max);
  g_assert_false (kervi_sensor_driver_is_event_driven (driver));
  /* Only the disk driver may block (a network mount): it reads in a thread. */
  g_assert_cmpint (KERVI_SENSOR_DRIVER_GET_CLASS (driver)->read_in_thread, ==,
                   KERVI_IS_DISK_DRIVER (driver));
}

#define assert_float(a, b) g_assert_cmpfloat_with_epsilon ((a), (b), 1e-9)

/* ---- fake driver ---- */

static void
test_fake_properties (void)
{
  g_autoptr (KerviFakeDriver) fake
      = kervi_fake_driver_new (KERVI_VALUE_KIND_NUMBER, "hPa", 300, 1100);
  g_autoptr (KerviFakeDriver) flag = kervi_fake_driver_new (KERVI_VALUE_KIND_BOOLEAN, NULL, 0, 1);
  KerviSensorDriver *driver = KERVI_SENSOR_DRIVER (fake);

  assert_description (driver, "hPa", 300, 1100);
  g_assert_cmpstr (kervi_sensor_driver_get_device_name (driver), ==, "fake");
  g_assert_cmpint (kervi_sensor_driver_get_kind (KERVI_SENSOR_DRIVER (flag)), ==,
                   KERVI_VALUE_KIND_BOOLEAN);
  g_assert_null (kervi_sensor_driver_get_unit (KERVI_SENSOR_DRIVER (flag)));
}

static void
test_fake_no_reading (void)
{
  g_autoptr (KerviFakeDriver) fake = kervi_fake_driver_new (KERVI_VALUE_KIND_NUMBER, "%", 0, 100);

  read_fails (KERVI_SENSOR_DRIVER (fake), KERVI_DRIVER_ERROR_NO_READING, "fake");
  g_assert_cmpuint (kervi_fake_driver_get_read_count (fake), ==, 1);
}

static void
test_fake_set_reading (void)
{
  g_autoptr (KerviFakeDriver) fake = kervi_fake_driver_new (KERVI_VALUE_KIND_NUMBER, "%", 0, 100);
  g_autoptr (GVariant) kept = g_variant_ref_sink (g_variant_new_double (7));
  KerviSensorDriver *driver = KERVI_SENSOR_DRIVER (fake);

  kervi_fake_driver_set_reading (fake, g_variant_new_double (42.5)); /* floating */
  g_assert_cmpfloat (read_number (driver), ==, 42.5);
  g_assert_cmpfloat (read_number (driver), ==, 42.5);
  g_assert_cmpuint (kervi_fake_driver_get_read_count (fake), ==, 2);

  /* A non-floating reading stays the caller's too. */
  kervi_fake_driver_set_reading (fake, kept);
  g_assert_cmpfloat (read_number (driver), ==, 7);
  g_assert_cmpfloat (g_variant_get_double (kept), ==, 7);
  g_assert_cmpuint (kervi_fake_driver_get_read_count (fake), ==, 3);
}

static void
test_fake_boolean (void)
{
  g_autoptr (KerviFakeDriver) fake = kervi_fake_driver_new (KERVI_VALUE_KIND_BOOLEAN, NULL, 0, 1);
  g_autoptr (GError) error = NULL;
  g_autoptr (GVariant) reading = NULL;

  kervi_fake_driver_set_reading (fake, g_variant_new_boolean (TRUE));
  reading = kervi_sensor_driver_read (KERVI_SENSOR_DRIVER (fake), &error);
  g_assert_no_error (error);
  g_assert_true (g_variant_is_of_type (reading, G_VARIANT_TYPE_BOOLEAN));
  g_assert_true (g_variant_get_boolean (reading));
}

static void
test_fake_set_error (void)
{
  g_autoptr (KerviFakeDriver) fake = kervi_fake_driver_new (KERVI_VALUE_KIND_NUMBER, "%", 0, 100);
  KerviSensorDriver *driver = KERVI_SENSOR_DRIVER (fake);
  g_autoptr (GError) error = NULL;
  g_autoptr (GVariant) reading = NULL;

  kervi_fake_driver_set_reading (fake, g_variant_new_double (1));
  kervi_fake_driver_set_error (fake, "sensor unplugged");
  reading = kervi_sensor_driver_read (driver, &error);
  g_assert_null (reading);
  g_assert_error (error, KERVI_DRIVER_ERROR, KERVI_DRIVER_ERROR_IO);
  g_assert_cmpstr (error->message, ==, "sensor unplugged");
  read_fails (driver, KERVI_DRIVER_ERROR_IO, "unplugged");

  kervi_fake_driver_set_error (fake, NULL);
  g_assert_cmpfloat (read_number (driver), ==, 1);
  g_assert_cmpuint (kervi_fake_driver_get_read_count (fake), ==, 3);
}

static void
on_reading (KerviSensorDriver *driver, GVariant *reading, gpointer user_data)
{
  GPtrArray *readings = user_data;

  g_ptr_array_add (readings, g_variant_ref (reading));
}

static void
on_error (KerviSensorDriver *driver, const GError *error, gpointer user_data)
{
  GPtrArray *errors = user_data;

  g_ptr_array_add (errors, g_error_copy (error));
}

static void
test_fake_push (void)
{
  g_autoptr (KerviFakeDriver) fake = kervi_fake_driver_new (KERVI_VALUE_KIND_NUMBER, "%", 0, 100);
  KerviSensorDriver *driver = KERVI_SENSOR_DRIVER (fake);
  g_autoptr (GPtrArray) readings = g_ptr_array_new_with_free_func ((GDestroyNotify)g_variant_unref);
  g_autoptr (GPtrArray) errors = g_ptr_array_new_with_free_func ((GDestroyNotify)g_error_free);

  g_signal_connect (fake, "reading", G_CALLBACK (on_reading), readings);
  g_signal_connect (fake, "error", G_CALLBACK (on_error), errors);

  kervi_fake_driver_push (fake, g_variant_new_double (12.5));
  g_assert_cmpuint (readings->len, ==, 1);
  g_assert_cmpuint (errors->len, ==, 0);
  g_assert_cmpfloat (g_variant_get_double (readings->pdata[0]), ==, 12.5);

  /* Pushing is not polling, and the pushed reading is what reads give. */
  g_assert_cmpuint (kervi_fake_driver_get_read_count (fake), ==, 0);
  g_assert_cmpfloat (read_number (driver), ==, 12.5);
  g_assert_cmpuint (kervi_fake_driver_get_read_count (fake), ==, 1);

  kervi_fake_driver_push (fake, g_variant_new_double (13));
  g_assert_cmpuint (readings->len, ==, 2);
  g_assert_cmpfloat (g_variant_get_double (readings->pdata[1]), ==, 13);
}

static void
test_fake_wrong_type (void)
{
  g_autoptr (KerviFakeDriver) fake = kervi_fake_driver_new (KERVI_VALUE_KIND_NUMBER, "%", 0, 100);
  KerviSensorDriver *driver = KERVI_SENSOR_DRIVER (fake);
  g_autoptr (GPtrArray) readings = g_ptr_array_new_with_free_func ((GDestroyNotify)g_variant_unref);
  g_autoptr (GPtrArray) errors = g_ptr_array_new_with_free_func ((GDestroyNotify)g_error_free);

  /* The base class refuses what the fake does not check. */
  kervi_fake_driver_set_reading (fake, g_variant_new_string ("42"));
  read_fails (driver, KERVI_DRIVER_ERROR_PARSE, "expected 'd'");
  kervi_fake_driver_set_reading (fake, g_variant_new_boolean (TRUE));
  read_fails (driver, KERVI_DRIVER_ERROR_PARSE, "type 'b'");

  g_signal_connect (fake, "reading", G_CALLBACK (on_reading), readings);
  g_signal_connect (fake, "error", G_CALLBACK (on_error), errors);
  kervi_fake_driver_push (fake, g_variant_new_int32 (42));
  g_assert_cmpuint (readings->len, ==, 0);
  g_assert_cmpuint (errors->len, ==, 1);
  g_assert_error ((GError *)errors->pdata[0], KERVI_DRIVER_ERROR, KERVI_DRIVER_ERROR_PARSE);
}

/* ---- CPU load ---- */

/* The "cpu " lines of data/cpu-load and data/cpu-load-later (see
 * data/README.md): busy = total − idle − iowait. */
#define EARLY_BUSY (4051 + 0 + 2216 + 0 + 62 + 16)
#define EARLY_TOTAL (EARLY_BUSY + 196927 + 398)
#define LATE_BUSY (4152 + 0 + 2218 + 0 + 62 + 16)
#define LATE_TOTAL (LATE_BUSY + 197124 + 398)

static KerviSensorDriver *
cpu_load_driver (const char *root)
{
  return g_object_new (KERVI_TYPE_CPU_LOAD_DRIVER, "root", root, NULL);
}

static void
test_cpu_load_properties (void)
{
  g_autoptr (KerviCpuLoadDriver) load = kervi_cpu_load_driver_new ();
  g_autoptr (KerviSensorDriver) bare = g_object_new (KERVI_TYPE_CPU_LOAD_DRIVER, NULL);
  g_autoptr (KerviSensorDriver) lying
      = g_object_new (KERVI_TYPE_CPU_LOAD_DRIVER, "unit", "kg", "max", 5.0, NULL);
  g_autofree char *root = NULL;

  assert_description (KERVI_SENSOR_DRIVER (load), "%", 0, 100);
  g_assert_cmpstr (kervi_sensor_driver_get_device_name (KERVI_SENSOR_DRIVER (load)), ==,
                   "/proc/stat");
  /* What bindings do (g_object_new without properties) gives the same. */
  assert_description (bare, "%", 0, 100);
  assert_description (lying, "%", 0, 100);
  g_object_get (load, "root", &root, NULL);
  g_assert_null (root);
}

static void
test_cpu_load_since_boot (void)
{
  g_autoptr (KerviSensorDriver) driver = cpu_load_driver (data_root ("cpu-load"));

  g_assert_cmpint (EARLY_BUSY, ==, 6345);
  g_assert_cmpint (EARLY_TOTAL, ==, 203670);
  assert_float (read_number (driver), 100.0 * 6345 / 203670);
}

static void
test_cpu_load_delta (void)
{
  g_autofree char *root = make_temp_root ();
  g_autoptr (KerviSensorDriver) driver = cpu_load_driver (root);

  copy_file ("cpu-load", "proc/stat", root);
  assert_float (read_number (driver), 100.0 * EARLY_BUSY / EARLY_TOTAL);

  copy_file ("cpu-load-later", "proc/stat", root);
  g_assert_cmpint (LATE_BUSY - EARLY_BUSY, ==, 103);
  g_assert_cmpint (LATE_TOTAL - EARLY_TOTAL, ==, 300);
  assert_float (read_number (driver), 100.0 * 103 / 300);

  /* No jiffy passed: the last interval's load still holds. */
  assert_float (read_number (driver), 100.0 * 103 / 300);

  kervi_test_remove_tree (root);
}

static void
test_cpu_load_backwards (void)
{
  g_autofree char *root = make_temp_root ();
  g_autoptr (KerviSensorDriver) driver = cpu_load_driver (root);

  copy_file ("cpu-load-later", "proc/stat", root);
  assert_float (read_number (driver), 100.0 * LATE_BUSY / LATE_TOTAL);
  copy_file ("cpu-load", "proc/stat", root);
  read_fails (driver, KERVI_DRIVER_ERROR_PARSE, "backwards");
  /* ...and the next read measures from the sample that failed. */
  copy_file ("cpu-load-later", "proc/stat", root);
  assert_float (read_number (driver), 100.0 * 103 / 300);

  kervi_test_remove_tree (root);
}

static void
test_cpu_load_iowait_decreases (void)
{
  g_autofree char *root = make_temp_root ();
  g_autoptr (KerviSensorDriver) driver = cpu_load_driver (root);

  kervi_test_write_file (root, "proc/stat", "cpu  100 0 100 1000 100 0 0 0 0 0\n");
  assert_float (read_number (driver), 100.0 * 200 / 1300);
  /* user +10, idle +45, iowait −50: the total grows by 5 jiffies, busy
   * time by 10; the CPUs were busy all along. */
  kervi_test_write_file (root, "proc/stat", "cpu  110 0 100 1045 50 0 0 0 0 0\ncpu0 1 2 3 4\n");
  g_assert_cmpfloat (read_number (driver), ==, 100);

  kervi_test_remove_tree (root);
}

static void
test_cpu_load_no_cpu_line (void)
{
  g_autoptr (KerviSensorDriver) driver = cpu_load_driver (data_root ("cpu-load-no-cpu"));

  read_fails (driver, KERVI_DRIVER_ERROR_PARSE, "/proc/stat: no 'cpu ' line");
}

static void
test_cpu_load_garbage (void)
{
  g_autoptr (KerviSensorDriver) garbage = cpu_load_driver (data_root ("cpu-load-garbage"));
  g_autoptr (KerviSensorDriver) truncated = cpu_load_driver (data_root ("cpu-load-short"));

  read_fails (garbage, KERVI_DRIVER_ERROR_PARSE, "expected an integer, got 'abc'");
  read_fails (truncated, KERVI_DRIVER_ERROR_PARSE, "has 2 columns");
}

static void
test_cpu_load_missing (void)
{
  g_autoptr (KerviSensorDriver) driver = cpu_load_driver (data_root ("rpi4"));

  read_fails (driver, KERVI_DRIVER_ERROR_NOT_FOUND, "rpi4/proc/stat");
}

static void
test_cpu_load_permission (void)
{
  g_autofree char *root = NULL;
  g_autofree char *stat = NULL;
  g_autoptr (KerviSensorDriver) driver = NULL;

  if (geteuid () == 0)
    {
      g_test_skip ("root reads files whatever their mode");
      return;
    }
  root = make_temp_root ();
  copy_file ("cpu-load", "proc/stat", root);
  stat = g_build_filename (root, "proc", "stat", NULL);
  g_assert_no_errno (g_chmod (stat, 0));
  driver = cpu_load_driver (root);
  read_fails (driver, KERVI_DRIVER_ERROR_PERMISSION, "proc/stat");
  kervi_test_remove_tree (root);
}

static void
test_cpu_load_real_system (void)
{
  g_autoptr (KerviCpuLoadDriver) load = kervi_cpu_load_driver_new ();
  double percent;

  if (!g_file_test ("/proc/stat", G_FILE_TEST_EXISTS))
    {
      g_test_skip ("no /proc/stat");
      return;
    }
  for (int i = 0; i < 3; i++)
    {
      percent = read_number (KERVI_SENSOR_DRIVER (load));
      g_assert_cmpfloat (percent, >=, 0);
      g_assert_cmpfloat (percent, <=, 100);
    }
}

/* ---- memory ---- */

static KerviSensorDriver *
memory_driver (const char *root)
{
  return g_object_new (KERVI_TYPE_MEMORY_DRIVER, "root", root, NULL);
}

static void
test_memory_percent (void)
{
  g_autoptr (KerviMemoryDriver) real = kervi_memory_driver_new ();
  g_autoptr (KerviSensorDriver) driver = memory_driver (data_root ("memory"));

  assert_description (KERVI_SENSOR_DRIVER (real), "%", 0, 100);
  g_assert_cmpstr (kervi_sensor_driver_get_device_name (driver), ==, "/proc/meminfo");
  /* MemTotal 24684092 kB, MemAvailable 24381904 kB */
  assert_float (read_number (driver), 100.0 * (24684092 - 24381904) / 24684092);
}

static void
test_memory_errors (void)
{
  g_autoptr (KerviSensorDriver) no_available = memory_driver (data_root ("memory-no-available"));
  g_autoptr (KerviSensorDriver) garbage = memory_driver (data_root ("memory-garbage"));
  g_autoptr (KerviSensorDriver) zero = memory_driver (data_root ("memory-zero-total"));
  g_autoptr (KerviSensorDriver) too_large
      = memory_driver (data_root ("memory-available-too-large"));
  g_autoptr (KerviSensorDriver) missing = memory_driver (data_root ("rpi4"));

  read_fails (no_available, KERVI_DRIVER_ERROR_PARSE, "/proc/meminfo: no 'MemAvailable' line");
  read_fails (garbage, KERVI_DRIVER_ERROR_PARSE, "MemTotal: expected an integer, got 'abc'");
  read_fails (zero, KERVI_DRIVER_ERROR_PARSE, "MemTotal is 0");
  read_fails (too_large, KERVI_DRIVER_ERROR_PARSE, "larger than MemTotal");
  read_fails (missing, KERVI_DRIVER_ERROR_NOT_FOUND, "/proc/meminfo");
}

static void
test_memory_real_system (void)
{
  g_autoptr (KerviMemoryDriver) memory = kervi_memory_driver_new ();
  double percent;

  if (!g_file_test ("/proc/meminfo", G_FILE_TEST_EXISTS))
    {
      g_test_skip ("no /proc/meminfo");
      return;
    }
  percent = read_number (KERVI_SENSOR_DRIVER (memory));
  g_assert_cmpfloat (percent, >, 0);
  g_assert_cmpfloat (percent, <=, 100);
}

/* ---- disk ---- */

static double
statvfs_percent (const char *path)
{
  struct statvfs st;
  guint64 used;

  g_assert_no_errno (statvfs (path, &st));
  used = (guint64)st.f_blocks - st.f_bfree;
  return 100.0 * (double)used / (double)(used + st.f_bavail);
}

static void
test_disk_temp_dir (void)
{
  g_autofree char *dir = make_temp_root ();
  g_autoptr (KerviDiskDriver) disk = kervi_disk_driver_new (dir);
  KerviSensorDriver *driver = KERVI_SENSOR_DRIVER (disk);
  g_autofree char *path = NULL;
  int tries;

  assert_description (driver, "%", 0, 100);
  g_assert_cmpstr (kervi_sensor_driver_get_device_name (driver), ==, dir);
  g_object_get (disk, "path", &path, NULL);
  g_assert_cmpstr (path, ==, dir);

  /* Other programs write to the same file system: retry until the file
   * system stood still around the read. */
  for (tries = 0; tries < 20; tries++)
    {
      double before = statvfs_percent (dir);
      double reading = read_number (driver);
      double after = statvfs_percent (dir);

      g_assert_cmpfloat (reading, >=, 0);
      g_assert_cmpfloat (reading, <=, 100);
      if (before == after)
        {
          g_assert_cmpfloat (reading, ==, before);
          break;
        }
    }
  g_assert_cmpint (tries, <, 20);
  kervi_test_remove_tree (dir);
}

static void
test_disk_default_path (void)
{
  g_autoptr (KerviSensorDriver) driver = g_object_new (KERVI_TYPE_DISK_DRIVER, NULL);
  g_autofree char *path = NULL;
  double percent;

  g_object_get (driver, "path", &path, NULL);
  g_assert_cmpstr (path, ==, "/");
  g_assert_cmpstr (kervi_sensor_driver_get_device_name (driver), ==, "/");
  assert_description (driver, "%", 0, 100);
  percent = read_number (driver);
  g_assert_cmpfloat (percent, >=, 0);
  g_assert_cmpfloat (percent, <=, 100);
}

static void
test_disk_missing (void)
{
  g_autofree char *dir = make_temp_root ();
  g_autofree char *gone = g_build_filename (dir, "not-there", NULL);
  g_autoptr (KerviDiskDriver) disk = kervi_disk_driver_new (gone);

  read_fails (KERVI_SENSOR_DRIVER (disk), KERVI_DRIVER_ERROR_NOT_FOUND, "not-there");
  /* It need not exist when the driver is made. */
  g_assert_no_errno (g_mkdir (gone, 0700));
  g_assert_cmpfloat (read_number (KERVI_SENSOR_DRIVER (disk)), >=, 0);
  kervi_test_remove_tree (dir);
}

static void
test_disk_no_size (void)
{
  g_autoptr (KerviDiskDriver) disk = kervi_disk_driver_new ("/proc");
  struct statvfs st;

  if (statvfs ("/proc", &st) < 0 || st.f_blocks != 0)
    {
      g_test_skip ("/proc is not a file system without blocks here");
      return;
    }
  read_fails (KERVI_SENSOR_DRIVER (disk), KERVI_DRIVER_ERROR_NO_READING, "no size");
}

/* ---- CPU temperature ---- */

static KerviSensorDriver *
cpu_temp_driver (const char *root, const char *zone)
{
  return g_object_new (KERVI_TYPE_CPU_TEMP_DRIVER, "root", root, "zone", zone, NULL);
}

static void
test_cpu_temp_properties (void)
{
  g_autoptr (KerviCpuTempDriver) temp = kervi_cpu_temp_driver_new ();
  g_autoptr (KerviSensorDriver) zoned = cpu_temp_driver (NULL, "k10temp");
  g_autofree char *zone = NULL;

  assert_description (KERVI_SENSOR_DRIVER (temp), "°C", -40, 125);
  assert_description (zoned, "°C", -40, 125);
  g_object_get (zoned, "zone", &zone, NULL);
  g_assert_cmpstr (zone, ==, "k10temp");
  g_assert_cmpstr (kervi_sensor_driver_get_device_name (zoned), ==, "k10temp");
}

static void
test_cpu_temp_rpi4 (void)
{
  g_autoptr (KerviSensorDriver) driver = cpu_temp_driver (data_root ("rpi4"), NULL);

  assert_float (read_number (driver), 52.582);
}

static void
test_cpu_temp_picks_cpu_zone (void)
{
  g_autoptr (KerviSensorDriver) driver = cpu_temp_driver (data_root ("multi-zone"), NULL);

  /* Not acpitz (zone 0), not gpu-thermal (zone 1), not zone 10. */
  assert_float (read_number (driver), 52.582);
}

static void
test_cpu_temp_hwmon_fallback (void)
{
  g_autoptr (KerviSensorDriver) driver = cpu_temp_driver (data_root ("hwmon-fallback"), NULL);

  /* coretemp (hwmon2): not nvme, not k10temp without temp1_input, and
   * before the acpitz zone. */
  assert_float (read_number (driver), 61.0);
}

static void
test_cpu_temp_acpitz_last_resort (void)
{
  g_autoptr (KerviSensorDriver) driver = cpu_temp_driver (data_root ("acpitz-only"), NULL);

  assert_float (read_number (driver), 27.8);
}

static void
test_cpu_temp_zone_property (void)
{
  g_autoptr (KerviSensorDriver) gpu = cpu_temp_driver (data_root ("multi-zone"), "gpu-thermal");
  g_autoptr (KerviSensorDriver) nvme = cpu_temp_driver (data_root ("hwmon-fallback"), "nvme");
  g_autoptr (KerviSensorDriver) acpi = cpu_temp_driver (data_root ("hwmon-fallback"), "acpitz");
  g_autoptr (KerviSensorDriver) nope = cpu_temp_driver (data_root ("hwmon-fallback"), "nope");

  assert_float (read_number (gpu), 44.0);
  assert_float (read_number (nvme), 38.85);
  assert_float (read_number (acpi), 27.8);
  read_fails (nope, KERVI_DRIVER_ERROR_NOT_FOUND, "'nope'");
}

static void
test_cpu_temp_garbage (void)
{
  g_autoptr (KerviSensorDriver) garbage = cpu_temp_driver (data_root ("temp-garbage"), NULL);
  g_autoptr (KerviSensorDriver) cold = cpu_temp_driver (data_root ("temp-out-of-range"), NULL);

  read_fails (garbage, KERVI_DRIVER_ERROR_PARSE,
              "thermal_zone0/temp: expected an integer, got 'abc'");
  read_fails (cold, KERVI_DRIVER_ERROR_PARSE, "-273150 m°C is outside");
}

static void
test_cpu_temp_not_found (void)
{
  g_autoptr (KerviSensorDriver) none = cpu_temp_driver (data_root ("no-cpu-sensor"), NULL);
  g_autoptr (KerviSensorDriver) empty = cpu_temp_driver (data_root ("memory"), NULL);

  read_fails (none, KERVI_DRIVER_ERROR_NOT_FOUND, "cpu-thermal");
  read_fails (none, KERVI_DRIVER_ERROR_NOT_FOUND, "/sys/class/hwmon/hwmon*/name");
  read_fails (empty, KERVI_DRIVER_ERROR_NOT_FOUND, "/sys/class/thermal/thermal_zone*/type");
}

static void
test_cpu_temp_late_zone (void)
{
  g_autofree char *root = make_temp_root ();
  g_autoptr (KerviSensorDriver) driver = cpu_temp_driver (root, NULL);

  read_fails (driver, KERVI_DRIVER_ERROR_NOT_FOUND, NULL);
  copy_file ("rpi4", "sys/class/thermal/thermal_zone0/type", root);
  copy_file ("rpi4", "sys/class/thermal/thermal_zone0/temp", root);
  assert_float (read_number (driver), 52.582);

  /* Once chosen, the zone is kept: a better one appearing later does not
   * change it, a new temperature in it does show. */
  kervi_test_write_file (root, "sys/class/thermal/thermal_zone1/type", "x86_pkg_temp\n");
  kervi_test_write_file (root, "sys/class/thermal/thermal_zone1/temp", "70000\n");
  kervi_test_write_file (root, "sys/class/thermal/thermal_zone0/temp", "53000\n");
  assert_float (read_number (driver), 53.0);

  kervi_test_remove_tree (root);
}

static void
test_cpu_temp_zone_disappears (void)
{
  g_autofree char *root = make_temp_root ();
  g_autofree char *temp = g_build_filename (root, "sys/class/thermal/thermal_zone0/temp", NULL);
  g_autoptr (KerviSensorDriver) driver = cpu_temp_driver (root, NULL);

  kervi_test_write_file (root, "sys/class/thermal/thermal_zone0/type", "cpu-thermal\n");
  kervi_test_write_file (root, "sys/class/thermal/thermal_zone0/temp", "45000\n");
  assert_float (read_number (driver), 45.0);

  g_assert_no_errno (g_unlink (temp));
  read_fails (driver, KERVI_DRIVER_ERROR_NOT_FOUND, "thermal_zone0/temp");

  /* The choice is made again on the next read. */
  kervi_test_write_file (root, "sys/class/hwmon/hwmon0/name", "k10temp\n");
  kervi_test_write_file (root, "sys/class/hwmon/hwmon0/temp1_input", "47250\n");
  assert_float (read_number (driver), 47.25);

  kervi_test_remove_tree (root);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/drivers/fake/properties", test_fake_properties);
  g_test_add_func ("/drivers/fake/no-reading", test_fake_no_reading);
  g_test_add_func ("/drivers/fake/set-reading", test_fake_set_reading);
  g_test_add_func ("/drivers/fake/boolean", test_fake_boolean);
  g_test_add_func ("/drivers/fake/set-error", test_fake_set_error);
  g_test_add_func ("/drivers/fake/push", test_fake_push);
  g_test_add_func ("/drivers/fake/wrong-type", test_fake_wrong_type);

  g_test_add_func ("/drivers/cpu-load/properties", test_cpu_load_properties);
  g_test_add_func ("/drivers/cpu-load/since-boot", test_cpu_load_since_boot);
  g_test_add_func ("/drivers/cpu-load/delta", test_cpu_load_delta);
  g_test_add_func ("/drivers/cpu-load/backwards", test_cpu_load_backwards);
  g_test_add_func ("/drivers/cpu-load/iowait-decreases", test_cpu_load_iowait_decreases);
  g_test_add_func ("/drivers/cpu-load/no-cpu-line", test_cpu_load_no_cpu_line);
  g_test_add_func ("/drivers/cpu-load/garbage", test_cpu_load_garbage);
  g_test_add_func ("/drivers/cpu-load/missing", test_cpu_load_missing);
  g_test_add_func ("/drivers/cpu-load/permission", test_cpu_load_permission);
  g_test_add_func ("/drivers/cpu-load/real-system", test_cpu_load_real_system);

  g_test_add_func ("/drivers/memory/percent", test_memory_percent);
  g_test_add_func ("/drivers/memory/errors", test_memory_errors);
  g_test_add_func ("/drivers/memory/real-system", test_memory_real_system);

  g_test_add_func ("/drivers/disk/temp-dir", test_disk_temp_dir);
  g_test_add_func ("/drivers/disk/default-path", test_disk_default_path);
  g_test_add_func ("/drivers/disk/missing", test_disk_missing);
  g_test_add_func ("/drivers/disk/no-size", test_disk_no_size);

  g_test_add_func ("/drivers/cpu-temp/properties", test_cpu_temp_properties);
  g_test_add_func ("/drivers/cpu-temp/rpi4", test_cpu_temp_rpi4);
  g_test_add_func ("/drivers/cpu-temp/picks-cpu-zone", test_cpu_temp_picks_cpu_zone);
  g_test_add_func ("/drivers/cpu-temp/hwmon-fallback", test_cpu_temp_hwmon_fallback);
  g_test_add_func ("/drivers/cpu-temp/acpitz-last-resort", test_cpu_temp_acpitz_last_resort);
  g_test_add_func ("/drivers/cpu-temp/zone-property", test_cpu_temp_zone_property);
  g_test_add_func ("/drivers/cpu-temp/garbage", test_cpu_temp_garbage);
  g_test_add_func ("/drivers/cpu-temp/not-found", test_cpu_temp_not_found);
  g_test_add_func ("/drivers/cpu-temp/late-zone", test_cpu_temp_late_zone);
  g_test_add_func ("/drivers/cpu-temp/zone-disappears", test_cpu_temp_zone_disappears);

  return g_test_run ();
}
