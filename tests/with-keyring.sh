#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Run a command with a private, unlocked GNOME keyring on a private D-Bus session bus.
# usage: tests/with-keyring.sh CMD [ARGS...]
# Needs no display or user session and works as root (HACKING.md, "Tests": a keyring in tests).
if [ -z "${WITH_KEYRING_INNER:-}" ]; then
  export WITH_KEYRING_INNER=1
  exec dbus-run-session -- "$0" "$@"
fi
set -e
HOME="$(mktemp -d)"
XDG_DATA_HOME="$HOME/.local/share"
XDG_RUNTIME_DIR="$(mktemp -d)"
export HOME XDG_DATA_HOME XDG_RUNTIME_DIR
# The daemon gets no display: a prompt must fail, never wait on an invisible dialog.
printf '%s' "${KEYRING_PASSWORD:-test}" \
  | env -u DISPLAY -u WAYLAND_DISPLAY gnome-keyring-daemon --unlock --components=secrets >/dev/null
# --unlock returns before the daemon owns org.freedesktop.secrets; a client that came too
# early would D-Bus-activate a second daemon. Wait for the name.
gdbus wait --session --timeout 10 org.freedesktop.secrets
exec "$@"
