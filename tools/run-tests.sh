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
passed=${passed:-0} failed=${failed:-0} skipped=${skipped:-0}

# The same core against SQLCipher 4, and databases across versions (tools/sqlcipher4/).
# Skipped when extra meson test arguments select a part of the suite.
if [ $# -eq 0 ] && [ "${POLKU_SKIP_SQLCIPHER4:-0}" != 1 ]; then
  tools/sqlcipher4/check.sh > build/sqlcipher4-check.log 2>&1
  src4=$?
  tail -n 40 build/sqlcipher4-check.log
  line=$(grep -E '^[0-9]+ passed, [0-9]+ failed' build/sqlcipher4-check.log | tail -n 1)
  p4=$(echo "$line" | sed -n 's/^\([0-9]*\) passed.*/\1/p')
  f4=$(echo "$line" | sed -n 's/.* \([0-9]*\) failed.*/\1/p')
  if [ -z "$p4" ] || [ -z "$f4" ]; then
    p4=0 f4=1
  fi
  if [ $src4 -ne 0 ] && [ "$f4" -eq 0 ]; then
    f4=1
  fi
  passed=$((passed + p4)) failed=$((failed + f4))
  [ $src4 -eq 0 ] || rc=1
fi

# The figures the crash, concurrency and at-rest tests print (kills survived, writes found,
# files scanned), for the CI log.
grep -h '^# figure: ' build/meson-logs/testlog.txt 2>/dev/null

# Unit, integration and fuzz-regression suites again, built with -fsanitize=address,undefined
# in build-asan/ (tests/meson.build: the first ASan or UBSan report fails the test), with a
# shorter crash test. Skipped when extra meson test arguments select a part of the suite.
if [ $# -eq 0 ] && [ "${POLKU_SKIP_ASAN:-0}" != 1 ]; then
  if [ ! -f build-asan/build.ninja ]; then
    meson setup build-asan -Db_sanitize=address,undefined > build/asan-setup.log 2>&1
  fi
  POLKU_CRASH_KILLS=30 POLKU_CRASH_CREATIONS=5 POLKU_CONCURRENCY_ROUNDS=3 \
    dbus-run-session -- meson test -C build-asan --print-errorlogs --timeout-multiplier 3 \
    --suite unit --suite integration --suite fuzz > build/asan-test.log 2>&1
  rca=$?
  tail -n 12 build/asan-test.log
  grep -h '^# figure: ' build-asan/meson-logs/testlog.txt 2>/dev/null \
    | sed 's/^# figure: /# figure (asan): /'
  pa=$(grep -c '"result": "OK"' build-asan/meson-logs/testlog.json 2>/dev/null || true)
  fa=$(grep -cE '"result": "(FAIL|ERROR|TIMEOUT|UNEXPECTEDPASS)"' \
       build-asan/meson-logs/testlog.json 2>/dev/null || true)
  pa=${pa:-0} fa=${fa:-0}
  if [ $rca -ne 0 ] && [ "$fa" -eq 0 ]; then
    fa=1
  fi
  passed=$((passed + pa)) failed=$((failed + fa))
  [ $rca -eq 0 ] || rc=1
fi

# libFuzzer (clang, ASan+UBSan) on every parser of outside data, FUZZ_SECONDS each
# (tests/fuzz/run-fuzz.sh; a crash's input is kept in tests/fuzz/regressions/).
if [ $# -eq 0 ] && [ "${POLKU_SKIP_FUZZ:-0}" != 1 ]; then
  FUZZ_SECONDS=${FUZZ_SECONDS:-10} tests/fuzz/run-fuzz.sh > build/fuzz.log 2>&1
  rcf=$?
  grep -v '^[0-9]* passed, [0-9]* failed' build/fuzz.log | tail -n 40
  line=$(grep -E '^[0-9]+ passed, [0-9]+ failed' build/fuzz.log | tail -n 1)
  pf=$(echo "$line" | sed -n 's/^\([0-9]*\) passed.*/\1/p')
  ff=$(echo "$line" | sed -n 's/.* \([0-9]*\) failed.*/\1/p')
  if [ -z "$pf" ] || [ -z "$ff" ]; then
    pf=0 ff=1
  fi
  if [ $rcf -ne 0 ] && [ "$ff" -eq 0 ]; then
    ff=1
  fi
  passed=$((passed + pf)) failed=$((failed + ff))
  [ $rcf -eq 0 ] || rc=1
fi

echo "$passed passed, $failed failed, $skipped skipped"
exit $rc
