#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Run a command with an X display: the current one if there is one, else a private Xvfb.
# usage: tests/with-display.sh CMD [ARGS...]
if [ -n "${DISPLAY:-}" ] || [ -n "${WAYLAND_DISPLAY:-}" ]; then
  exec "$@"
fi
exec xvfb-run -a -s "-screen 0 1280x1024x24 -nolisten tcp" "$@"
