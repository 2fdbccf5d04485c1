#!/bin/sh
# Builds kervi-glib and runs every test suite: unit, integration (real
# dbus-daemon and module processes), dashboard, browser (headless Chromium)
# and the Python/GJS suites. Installs the Debian packages it needs first.
set -eu
cd "$(dirname "$0")/.."

scripts/install-deps.sh test
if [ -f build-tests/build.ninja ]; then
  meson setup --reconfigure build-tests
else
  meson setup build-tests
fi
ninja -C build-tests
status=0
meson test -C build-tests --print-errorlogs --num-processes 2 || status=$?
# One plain closing line with every subtest counted.
python3 scripts/test-summary.py build-tests/meson-logs/testlog.json
exit $status
