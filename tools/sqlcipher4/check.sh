#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Check that Polku works with SQLCipher 4 as well as with Debian 12's SQLCipher 3.4, and
# that a database written by either opens with the other:
#
#   1. build SQLCipher 4.5.5 (tools/sqlcipher4/build.sh; cached after the first run);
#   2. build polku-cli and the core's tests twice, against Debian's SQLCipher 3.4 and
#      against SQLCipher 4, and make sure each build really runs the SQLCipher it should;
#   3. run the unit and integration tests of both builds;
#   4. cross-version: a passphrase profile made by one polku-cli is listed, written to
#      (archive, add) and listed again by the other, in both directions; the same with a
#      key kept in a (private) Secret Service; a wrong passphrase is refused by both.
#
# usage: tools/sqlcipher4/check.sh
# env:   SQLCIPHER4_CACHE  work dir (default: build-sqlcipher4/ in the tree, git-ignored)
#        SQLCIPHER4_PREFIX where SQLCipher 4 is (built) (default: $SQLCIPHER4_CACHE/prefix)
#        POLKU_SRC         the Polku source tree to check (default: this tree)
# Ends with "N passed, N failed, N skipped"; exit status 0 only when nothing failed.
#
# Only core and CLI targets are compiled, so the check does not depend on the GTK parts.
# If the whole project does not configure (e.g. while UI work is half done), the check
# builds a core-only copy of the tree instead and says so.
# SC2016: the sh -c scripts below get their values as arguments, on purpose.
# SC2317: shellcheck cannot see that the functions are called through check ().
# shellcheck disable=SC2016,SC2317
set -u

ROOT=$(cd "$(dirname "$0")/../.." && pwd)
HERE=$ROOT/tools/sqlcipher4
SRC=$(cd "${POLKU_SRC:-$ROOT}" && pwd)
CACHE=${SQLCIPHER4_CACHE:-$ROOT/build-sqlcipher4}
mkdir -p "$CACHE"
CACHE=$(cd "$CACHE" && pwd)
PREFIX=${SQLCIPHER4_PREFIX:-$CACHE/prefix}
B3=$CACHE/polku-sqlcipher3
B4=$CACHE/polku-sqlcipher4
PASSPHRASE='pass phrase 1'

# ---------------------------------------------------------------------------------------
# The keyring part runs inside tests/with-keyring.sh (a private D-Bus session with an
# unlocked gnome-keyring), by calling this script again:
#   check.sh --keyring-inner WRITER-CLI READER-CLI DATA-DIR OUT-DIR
if [ "${1:-}" = "--keyring-inner" ]; then
  set -e
  writer=$2 reader=$3 dir=$4 out=$5
  "$writer" --data-dir "$dir" demo --clients 3 --seed 7 > "$out/keyring-demo.txt"
  grep -q '^key-source=secret-service' "$dir/profile.ini"
  "$writer" --data-dir "$dir" clients list --json > "$out/keyring-writer.json"
  "$reader" --data-dir "$dir" clients list --json > "$out/keyring-reader.json"
  exit 0
fi

T=$(mktemp -d "${TMPDIR:-/tmp}/polku-sqlcipher4-check.XXXXXX")
trap 'rm -rf "$T"' EXIT INT TERM
PY=/usr/bin/python3
[ -x "$PY" ] || PY=python3        # meson needs Python 3, so it is there

n_pass=0 n_fail=0 n_skip=0
now () { date +%s.%N; }
since () { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.1f s", b - a }'; }
say () { echo "sqlcipher4-check: $*"; }

# check DESCRIPTION COMMAND [ARGS...]: run, count, and show the output only on failure.
check () {
  desc=$1
  shift
  if "$@" > "$T/check.out" 2>&1; then
    n_pass=$((n_pass + 1))
    case "$desc" in
      *:) echo "  ok    $desc $(head -n 1 "$T/check.out")" ;;
      *) echo "  ok    $desc" ;;
    esac
  else
    n_fail=$((n_fail + 1))
    echo "  FAIL  $desc"
    sed -e 's/^/        /' "$T/check.out" | head -n 40
  fi
}
skip () {
  n_skip=$((n_skip + 1))
  echo "  skip  $1"
}
finish () {
  echo
  say "total $(since "$START")"
  echo "$n_pass passed, $n_fail failed, $n_skip skipped"
  [ "$n_fail" -eq 0 ]
  exit $?
}
START=$(now)

# ---------------------------------------------------------------------------------------
echo "== 1. SQLCipher 4 from npm"
t=$(now)
if SQLCIPHER4_CACHE=$CACHE SQLCIPHER4_PREFIX=$PREFIX "$HERE/build.sh" > "$T/build.log" 2>&1; then
  n_pass=$((n_pass + 1))
  echo "  ok    tools/sqlcipher4/build.sh ($(since "$t")): $(grep 'self-test' "$T/build.log" \
    | sed 's/^sqlcipher4: //')"
else
  n_fail=$((n_fail + 1))
  echo "  FAIL  tools/sqlcipher4/build.sh"
  sed -e 's/^/        /' "$T/build.log"
  finish
fi

# ---------------------------------------------------------------------------------------
echo "== 2. Two builds of Polku's core and CLI"

# A copy of the tree with only what the core, the CLI and their tests need: the top-level
# meson.build (project, dependencies, flags) without the data/icons/po subdirs, src/ with
# core and cli only, tests/ with unit and integration only.
make_core_only_tree () {
  s=$CACHE/core-only-src
  rm -rf "$s"
  mkdir -p "$s/src" "$s/tests"
  cp -p "$SRC/meson.build" "$s/"
  for f in meson_options.txt meson.options; do
    [ -f "$SRC/$f" ] && cp -p "$SRC/$f" "$s/"
  done
  cp -pR "$SRC/data" "$s/"
  cp -pR "$SRC/src/core" "$SRC/src/cli" "$s/src/"
  cp -pR "$SRC/tests/meson.build" "$SRC/tests/unit" "$SRC/tests/integration" \
    "$SRC/tests/sync" "$SRC/tests/reports" "$s/tests/"
  cp -p "$SRC"/tests/*.sh "$s/tests/"
  sed -i -E "/^subdir\('(data|icons|po)'\)/d" "$s/meson.build"
  sed -i -E "/^subdir\('(ui|data)'\)/d" "$s/tests/meson.build"
  printf "# core-only copy made by tools/sqlcipher4/check.sh\nsubdir('core')\nsubdir('cli')\n" \
    > "$s/src/meson.build"
  echo "$s"
}

# setup BUILDDIR SOURCEDIR PKG_CONFIG_PATH (meson keeps it as the pkg_config_path option)
setup () {
  rm -rf "$1"
  PKG_CONFIG_PATH=$3 meson setup "$1" "$2" > "$1.setup.log" 2>&1
}
PCP3=${PKG_CONFIG_PATH:-}
PCP4=$PREFIX/lib/pkgconfig${PKG_CONFIG_PATH:+:$PKG_CONFIG_PATH}

t=$(now)
BUILD_SRC=$SRC
if setup "$B3" "$BUILD_SRC" "$PCP3"; then
  echo "  (whole project configured; compiling only core, CLI and test targets)"
else
  echo "  (the whole project does not configure right now:"
  grep -m1 'ERROR' "$B3.setup.log" | sed -e 's/^/   /'
  echo "   so the core, the CLI and their tests are built from a core-only copy of the tree)"
  BUILD_SRC=$(make_core_only_tree)
  setup "$B3" "$BUILD_SRC" "$PCP3"
fi
setup "$B4" "$BUILD_SRC" "$PCP4"
configured () { # configured BUILDDIR VERSION-PREFIX: meson found that SQLCipher
  grep -q "Run-time dependency sqlcipher found: YES $2" "$1/meson-logs/meson-log.txt" \
    || { tail -n 20 "$1.setup.log"; return 1; }
}
check "configure ${B3##*/} against Debian's SQLCipher 3.4" configured "$B3" "3\\."
check "configure ${B4##*/} against SQLCipher 4.5.5 ($PREFIX)" configured "$B4" "4\\.5\\.5"

# The executables defined in src/cli and in the folders whose tests are in the unit and
# integration suites (tests/unit, tests/integration, tests/reports; whatever they are called
# today), from meson's introspection.
core_targets () {
  meson introspect --targets "$1" | "$PY" -c '
import json, os, sys
for t in json.load(sys.stdin):
    d = os.path.dirname(t["defined_in"]).replace(os.sep, "/")
    if t["type"] == "executable" and d.endswith(("/src/cli", "/tests/unit", "/tests/integration",
                                                "/tests/reports")):
        print(t["name"])'
}
for b in "$B3" "$B4"; do
  targets=$(core_targets "$b" | tr '\n' ' ')
  # shellcheck disable=SC2086
  check "compile ${b##*/}: $targets" meson compile -C "$b" $targets
done
echo "  (configure and compile: $(since "$t"))"

CLI3=$B3/src/cli/polku-cli
CLI4=$B4/src/cli/polku-cli

# The core as linked into each build answers PRAGMA cipher_version through the store API.
probe () {
  b=$1 pc=$2
  deps="sqlcipher libcrypto gio-2.0 gio-unix-2.0 libsecret-1 json-glib-1.0"
  # shellcheck disable=SC2046,SC2086
  cc -o "$b/cipher-version" "$HERE/cipher-version.c" -DSQLITE_HAS_CODEC \
     -I"$BUILD_SRC/src/core/store" -I"$BUILD_SRC/src/core/client" -I"$b/src/core" -I"$b" \
     $(PKG_CONFIG_PATH=$pc pkg-config --cflags $deps) \
     "$b/src/core/libpolku-core.a" $(PKG_CONFIG_PATH=$pc pkg-config --libs $deps) \
    && "$b/cipher-version" > "$b/cipher-version.txt" \
    && cat "$b/cipher-version.txt"
}
# probe_expect BUILDDIR PKG_CONFIG_PATH PATTERN: the probe's line must match PATTERN
probe_expect () {
  probe "$1" "$2" || return 1
  # shellcheck disable=SC2254
  case "$(cat "$1/cipher-version.txt")" in
    $3) ;;
    *) echo "expected: $3"; return 1 ;;
  esac
}
check "Debian build, store API:" probe_expect "$B3" "$PCP3" "cipher_version=3.* sqlite=3.*"
check "SQLCipher 4 build, store API:" probe_expect "$B4" "$PCP4" \
  "cipher_version=4.5.5 * sqlite=3.42.0 header=3.42.0"
check "Debian polku-cli loads libsqlcipher.so; the SQLCipher 4 one has it built in" sh -c '
  ldd "$0" | grep -q "libsqlcipher\.so" || { echo "$0 does not load libsqlcipher.so"; exit 1; }
  if ldd "$1" | grep "libsqlcipher\.so"; then echo "$1 loads Debian'"'"'s SQLCipher"; exit 1; fi
  nm "$1" | grep -q " T sqlcipher_codec_ctx_init$" || { echo "no SQLCipher in $1"; exit 1; }' \
  "$CLI3" "$CLI4"

# ---------------------------------------------------------------------------------------
echo "== 3. Unit and integration tests of both builds"
# The Debian build's run is the baseline: a test that fails only with SQLCipher 4 is ours.
for b in "$B4" "$B3"; do
  t=$(now)
  DBUS_SESSION_BUS_ADDRESS=disabled: meson test -C "$b" --no-rebuild --print-errorlogs \
    --suite unit --suite integration > "$T/test.log" 2>&1
  rc=$?
  grep -E '^ *[0-9]+/[0-9]+ ' "$T/test.log" | awk '!seen[$0]++' | sed -e 's/^ */  /'
  if [ "$rc" -eq 0 ]; then
    n_pass=$((n_pass + 1))
    echo "  ok    ${b##*/}: meson test --suite unit --suite integration ($(since "$t"))"
  else
    n_fail=$((n_fail + 1))
    echo "  FAIL  ${b##*/}: meson test --suite unit --suite integration" \
      "(log: $b/meson-logs/testlog.txt)"
    sed -n '/^=* *[0-9]*\/[0-9]* .*\(FAIL\|ERROR\|TIMEOUT\)/,$p' "$T/test.log" | head -n 60 \
      | sed -e 's/^/        /'
  fi
done

# ---------------------------------------------------------------------------------------
echo "== 4. Databases across versions"
export DBUS_SESSION_BUS_ADDRESS=disabled:    # passphrase profiles: never try a keyring
printf '%s\n' "$PASSPHRASE" > "$T/passphrase"
printf '%s\n' 'wrong passphrase 2' > "$T/wrong"
chmod 600 "$T/passphrase" "$T/wrong"
printf '%s\n' '{"given_name": "Åsa", "family_name": "Öhman-Lindqvist", "language": "sv",' \
  '"municipality": "Närpes"}' > "$T/new-client.json"

cli () { # cli VERSION DATA-DIR ARGS...: the passphrase on standard input
  c=$CLI3
  [ "$1" = 4 ] && c=$CLI4
  d=$2
  shift 2
  printf '%s\n' "$PASSPHRASE" | "$c" --data-dir "$d" --passphrase-file - "$@"
}
cli_file () { # the same, with the passphrase in a file (standard input is the JSON)
  c=$CLI3
  [ "$1" = 4 ] && c=$CLI4
  d=$2
  shift 2
  "$c" --data-dir "$d" --passphrase-file "$T/passphrase" "$@"
}
encrypted () {
  [ -s "$1" ] && [ "$(head -c 15 "$1")" != "SQLite format 3" ] && ! grep -q "CREATE TABLE" "$1"
}
# same_list WRITER READER DIR [--archived]: both list the same JSON (byte for byte)
same_list () {
  w=$1 r=$2 d=$3
  shift 3
  cli "$w" "$d" clients list --json "$@" > "$T/list-$w.json" || return 1
  cli "$r" "$d" clients list --json "$@" > "$T/list-$r.json" || return 1
  diff -u "$T/list-$w.json" "$T/list-$r.json" || return 1
  "$PY" -c 'import json, sys; print(len(json.load(open(sys.argv[1]))), "clients")' \
    "$T/list-$r.json"
}
count_is () { # count_is N FILE
  "$PY" -c 'import json, sys; sys.exit(len(json.load(open(sys.argv[2]))) != int(sys.argv[1]))' \
    "$1" "$2"
}
wrong_refused () {
  r=$1 d=$2
  before=$(sha256sum "$d/polku.db")
  c=$CLI3
  [ "$r" = 4 ] && c=$CLI4
  "$c" --data-dir "$d" --passphrase-file "$T/wrong" clients list --json
  rc=$?
  [ "$rc" -eq 1 ] || { echo "exit status $rc, not 1"; return 1; }
  [ "$before" = "$(sha256sum "$d/polku.db")" ] || { echo "the file changed"; return 1; }
}
reader_writes () { # reader_writes VERSION DIR: archive the first client listed, add one
  id=$("$PY" -c 'import json, sys; print(json.load(open(sys.argv[1]))[0]["id"])' \
    "$T/list-$1.json") || return 1
  cli "$1" "$2" clients archive "$id" || return 1
  cli_file "$1" "$2" clients add --json - < "$T/new-client.json"
}

t=$(now)
for pair in "3 4" "4 3"; do
  # shellcheck disable=SC2086
  set -- $pair
  w=$1 r=$2
  d=$T/made-by-$w
  echo "  -- written by SQLCipher $w, opened by SQLCipher $r"
  check "SQLCipher $w: new passphrase profile, demo --clients 5 --seed 1" \
    cli "$w" "$d" demo --clients 5 --seed 1
  check "the database file is encrypted" encrypted "$d/polku.db"
  check "SQLCipher $r lists what SQLCipher $w lists (clients list --json)" \
    same_list "$w" "$r" "$d"
  check "... and there are 5 clients" count_is 5 "$T/list-$r.json"
  check "SQLCipher $r refuses a wrong passphrase and leaves the file as it was" \
    wrong_refused "$r" "$d"
  check "SQLCipher $r archives a client and adds one (Åsa Öhman-Lindqvist)" \
    reader_writes "$r" "$d"
  check "SQLCipher $w lists what SQLCipher $r wrote (active clients)" same_list "$r" "$w" "$d"
  check "... 5 active clients, one of them Åsa Öhman-Lindqvist" sh -c '
    grep -q "Öhman-Lindqvist" "$1" && grep -c "\"id\"" "$1" | grep -qx 5' sh "$T/list-$w.json"
  check "SQLCipher $w lists what SQLCipher $r wrote (--archived)" \
    same_list "$r" "$w" "$d" --archived
  check "the database file is still encrypted" encrypted "$d/polku.db"
done

echo "  -- key in the Secret Service (raw 256-bit key), private gnome-keyring"
if command -v gnome-keyring-daemon > /dev/null && command -v dbus-run-session > /dev/null; then
  for pair in "3 4" "4 3"; do
    # shellcheck disable=SC2086
    set -- $pair
    w=$1 r=$2
    cw=$CLI3 cr=$CLI4
    [ "$w" = 4 ] && cw=$CLI4 cr=$CLI3
    d=$T/keyring-by-$w
    mkdir -p "$T/k$w"
    check "SQLCipher $w makes a keyring profile, SQLCipher $r lists the same 3 clients" sh -c '
      env -u DBUS_SESSION_BUS_ADDRESS timeout 120 "$0/tests/with-keyring.sh" "$1" \
        --keyring-inner "$2" "$3" "$4" "$5" || exit 1
      diff -u "$5/keyring-writer.json" "$5/keyring-reader.json" || exit 1
      grep -c "\"id\"" "$5/keyring-reader.json" | grep -qx 3' \
      "$SRC" "$HERE/check.sh" "$cw" "$cr" "$d" "$T/k$w"
  done
else
  skip "keyring cross-version check: gnome-keyring-daemon or dbus-run-session missing"
fi
echo "  (cross-version checks: $(since "$t"))"

finish
