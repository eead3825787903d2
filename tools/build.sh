#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Configure (once) and compile Polku in ./build.
set -eu
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
if [ -f build/build.ninja ]; then
  meson setup --reconfigure build >/dev/null
else
  meson setup build
fi
meson compile -C build
