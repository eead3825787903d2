#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Install what Polku needs, build it, and run the whole test suite (unit, integration with a
# private gnome-keyring, UI under Xvfb, data validators). Ends with "N passed, N failed".
# Extra arguments go to meson test, e.g. --suite unit.
set -u
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
tools/setup.sh || exit 1
tools/build.sh || exit 1

# Each test that needs a keyring or a display starts its own (tests/with-*.sh); the suite
# as a whole runs on a private session bus so nothing reaches the user's own session.
dbus-run-session -- meson test -C build --print-errorlogs "$@"
rc=$?

log=build/meson-logs/testlog.json
passed=$(grep -c '"result": "OK"' "$log" 2>/dev/null || true)
failed=$(grep -cE '"result": "(FAIL|ERROR|TIMEOUT|UNEXPECTEDPASS)"' "$log" 2>/dev/null || true)
skipped=$(grep -c '"result": "SKIP"' "$log" 2>/dev/null || true)
echo "${passed:-0} passed, ${failed:-0} failed, ${skipped:-0} skipped"
exit $rc
