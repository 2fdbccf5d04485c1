#include "devices-test-util.h"
int main (int argc, char **argv) { devices_test_init (&argc, &argv); return g_test_run (); }
