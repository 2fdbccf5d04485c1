#!/bin/sh
# Builds kervi-glib and runs the fan-controller example with its dashboard.
#   scripts/run-example.sh [options for myapp, e.g. --port 9001]
# Installs the Debian packages it needs first, when missing.
set -eu
cd "$(dirname "$0")/.."

scripts/install-deps.sh build
[ -f build/build.ninja ] || meson setup build
ninja -C build
# meson's devenv points the application at the module host, the dashboard
# and the bus configuration of this build tree.
set +u
eval "$(meson devenv -C build --dump)"
set -u
exec build/examples/fan-controller/myapp "$@"
