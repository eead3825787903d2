#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Install what Polku needs, build it, and start it on a local demo profile
# (build/demo-profile, 40 synthetic clients). Arguments are passed on to polku.
set -eu
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
tools/setup.sh
tools/build.sh

export POLKU_DATA_DIR="${POLKU_DATA_DIR:-$ROOT/build/demo-profile}"
export POLKU_LOCALEDIR="$ROOT/build/po"
export GSETTINGS_SCHEMA_DIR="$ROOT/build/data"
CLI=build/src/cli/polku-cli

if [ ! -e "$POLKU_DATA_DIR/polku.db" ]; then
  # The key goes to the keyring (Secret Service). Without one, the demo profile is protected
  # by a passphrase instead, given on standard input, never on the command line.
  if ! "$CLI" demo --clients 40 --seed 2026 2>/dev/null; then
    echo "No keyring (Secret Service) found: the demo profile uses the passphrase 'polku-demo'."
    printf 'polku-demo\n' | "$CLI" --passphrase-file - demo --clients 40 --seed 2026
  fi
fi

if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ]; then
  echo "There is no display to show Polku on. Run this from a desktop session," >&2
  echo "or try it headless with: xvfb-run -a $0" >&2
  exit 1
fi
exec build/src/polku "$@"
