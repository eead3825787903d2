#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Builds the fuzz targets with clang, libFuzzer, ASan and UBSan in build-fuzz/ and runs each
# for FUZZ_SECONDS (default 15) from its committed seed corpus (tests/fuzz/corpus/TARGET).
# A crash fails the run, and its input is copied to tests/fuzz/regressions/TARGET/: commit it,
# and every later build runs it as a regression test (suite 'fuzz'). Prints one
# "# figure: fuzz ..." line per target and ends with "N passed, N failed".
# usage: tests/fuzz/run-fuzz.sh [TARGET...]      (from anywhere; needs clang, libclang-rt-14-dev)
set -u
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
BUILD=${FUZZ_BUILD:-$ROOT/build-fuzz}
SECONDS_EACH=${FUZZ_SECONDS:-15}
TARGETS=${*:-json hetu checklist instrument csv plan-patch county-files}

if ! command -v clang >/dev/null 2>&1; then
  echo "fuzz: clang is not installed (apt-get install clang libclang-rt-14-dev)"
  echo "0 passed, 1 failed"
  exit 1
fi
if [ ! -f "$BUILD/build.ninja" ]; then
  if ! CC=clang meson setup "$BUILD" "$ROOT" -Dfuzzing=true -Db_sanitize=address,undefined \
       -Db_lundef=false >"$BUILD.setup.log" 2>&1; then
    cat "$BUILD.setup.log"
    echo "0 passed, 1 failed"
    exit 1
  fi
fi
exes=
for t in $TARGETS; do exes="$exes tests/fuzz/fuzz-$t"; done
# shellcheck disable=SC2086
ninja -C "$BUILD" $exes >"$BUILD/fuzz-build.log" 2>&1 || {
  tail -n 30 "$BUILD/fuzz-build.log"; echo "0 passed, 1 failed"; exit 1; }

export ASAN_OPTIONS=detect_leaks=0 UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1
export LC_ALL=C.UTF-8 GSETTINGS_BACKEND=memory
passed=0 failed=0 total=0
for t in $TARGETS; do
  corpus=$BUILD/fuzz-corpus/$t crashes=$BUILD/fuzz-crashes/$t
  mkdir -p "$corpus" "$crashes"
  cp "$ROOT/tests/fuzz/corpus/$t/"* "$corpus/"
  log=$BUILD/fuzz-$t.log
  "$BUILD/tests/fuzz/fuzz-$t" -max_total_time="$SECONDS_EACH" -timeout=10 -rss_limit_mb=2048 \
    -print_final_stats=1 -artifact_prefix="$crashes/" "$corpus" >"$log" 2>&1
  rc=$?
  runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -n 1)
  units=$(ls "$corpus" | wc -l)
  kept=
  for crash in "$crashes"/*; do
    [ -f "$crash" ] || continue
    mkdir -p "$ROOT/tests/fuzz/regressions/$t"
    cp "$crash" "$ROOT/tests/fuzz/regressions/$t/"
    kept="$kept tests/fuzz/regressions/$t/$(basename "$crash")"
    rm -f "$crash"
  done
  total=$((total + ${runs:-0}))
  if [ $rc -eq 0 ] && [ -z "$kept" ]; then
    passed=$((passed + 1))
    echo "# figure: fuzz $t: ${runs:-0} executions in ${SECONDS_EACH} s," \
         "corpus $units inputs, no crash"
  else
    failed=$((failed + 1))
    echo "# figure: fuzz $t: ${runs:-?} executions, FAILED (exit $rc);" \
         "kept for a regression test:$kept"
    grep -E 'ERROR|runtime error|CRITICAL|WARNING|#[0-9]+ 0x' "$log" | head -n 25
  fi
done
echo "# figure: fuzz: $total executions in all"
echo "$passed passed, $failed failed"
[ $failed -eq 0 ]
