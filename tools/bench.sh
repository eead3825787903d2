#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Polku at county size (issue 14): builds the benchmark programs and runs
# tests/bench/bench-county.py, which prints one table of ratios measured in the same run.
# Never fails on a number; it fails only when a benchmark program cannot run.
#
#   tools/bench.sh [BUILD-DIR]        (default: build)
#
# The first run makes a profile of 10,000 demo clients (a few minutes) and keeps it in
# BUILD-DIR/tests/bench/profiles/ for the next runs. Knobs (environment): POLKU_BENCH_CLIENTS,
# POLKU_BENCH_SEED, POLKU_BENCH_SMALL, POLKU_BENCH_STORE_CLIENTS, POLKU_BENCH_ROUNDS and
# POLKU_BENCH_ONLY (e.g. 2,5: only startup and memory); see tests/bench/bench-county.py.
# Line 7 (the report) compares with the `sqlite3` tool (Debian's package sqlite3, installed by
# tools/setup.sh); without it that line is skipped.
set -eu
ROOT=$(cd "$(dirname "$0")/.." && pwd)
BUILD=${1:-build}
cd "$ROOT"
[ -d "$BUILD" ] || meson setup "$BUILD"
# The windows are measured on a private session bus, as the tests run.
exec dbus-run-session -- meson test -C "$BUILD" --benchmark --verbose county
