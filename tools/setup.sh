#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Install every system package Polku needs to build, run and test on Debian 12 (bookworm).
# Safe to run again: apt-get skips what is already installed.
set -eu

SUDO=
if [ "$(id -u)" -ne 0 ]; then
  SUDO=sudo
fi

PACKAGES="
  build-essential meson ninja-build pkg-config git
  libglib2.0-dev libglib2.0-bin libgtk-4-dev libadwaita-1-dev
  libsqlcipher-dev sqlcipher libssl-dev libsecret-1-dev libsecret-tools
  libsoup-3.0-dev libjson-glib-dev
  gettext desktop-file-utils appstream appstream-util
  xvfb xauth dbus dbus-x11 gnome-keyring
  imagemagick poppler-utils curl ca-certificates openssl sqlite3
  clang libclang-rt-14-dev python3
  python3-gi gir1.2-atspi-2.0 at-spi2-core
"

missing=
for p in $PACKAGES; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed'; then
    missing="$missing $p"
  fi
done
# PouchDB Server for the sync tests runs on Node.js: Debian's nodejs and npm, unless a node
# and an npm are already there (another distribution of Node.js ships npm inside its nodejs
# package, and Debian's npm would conflict with it).
if ! command -v node >/dev/null 2>&1; then
  missing="$missing nodejs"
fi
if ! command -v npm >/dev/null 2>&1; then
  missing="$missing npm"
fi

if [ -n "$missing" ]; then
  echo "polku setup: installing:$missing"
  $SUDO apt-get update -q
  # shellcheck disable=SC2086
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q --no-install-recommends $missing
fi

# PouchDB Server, exactly as tools/pouch/package-lock.json pins it. --ignore-scripts: the
# native modules' build scripts are not needed (leveldown ships prebuilt binaries) and take
# a minute.
ROOT=$(cd "$(dirname "$0")/.." && pwd)
if [ ! -x "$ROOT/tools/pouch/node_modules/pouchdb-server/bin/pouchdb-server" ] \
   || [ "$ROOT/tools/pouch/package-lock.json" -nt "$ROOT/tools/pouch/node_modules/.package-lock.json" ]; then
  echo "polku setup: installing PouchDB Server into tools/pouch/"
  (cd "$ROOT/tools/pouch" && npm ci --ignore-scripts --no-audit --no-fund)
fi
