#!/bin/sh
# Installs the Debian 12 packages kervi-glib needs, only those missing.
#   scripts/install-deps.sh build   -> build + run the example
#   scripts/install-deps.sh test    -> also everything the test suites use
set -eu

build_pkgs="meson ninja-build pkg-config gcc libglib2.0-dev libglib2.0-bin
  libsoup-3.0-dev libjson-glib-dev libgpiod-dev gobject-introspection
  libgirepository1.0-dev dbus-daemon libjs-chart.js python3-gi gjs
  gir1.2-glib-2.0 gir1.2-soup-3.0 gir1.2-json-1.0"
test_pkgs="libxml2-utils chromium chromium-driver python3-selenium procps
  libglib2.0-dev-bin"

want="$build_pkgs"
[ "${1:-build}" = test ] && want="$want $test_pkgs"

missing=""
for p in $want; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed"; then
    missing="$missing $p"
  fi
done
[ -z "$missing" ] && exit 0

echo "Installing missing Debian packages:$missing"
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
# shellcheck disable=SC2086
$SUDO apt-get install -y -qq --no-install-recommends $missing
