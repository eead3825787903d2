#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Build SQLCipher 4 as a static library that Polku's meson build can use instead of Debian's
# SQLCipher 3.4, from the amalgamation in the npm package @commapp/sqlcipher-amalgamation
# (npm is the only source of SQLCipher 4 reachable from our build machines).
#
# usage: tools/sqlcipher4/build.sh
# env:   SQLCIPHER4_CACHE   work and download dir (default: build-sqlcipher4/ in the tree,
#                           which .gitignore's build-*/ covers)
#        SQLCIPHER4_PREFIX  install prefix (default: $SQLCIPHER4_CACHE/prefix)
#
# Result (use it with PKG_CONFIG_PATH=$SQLCIPHER4_PREFIX/lib/pkgconfig meson setup ...):
#   $PREFIX/lib/libsqlcipher.a
#   $PREFIX/lib/pkgconfig/sqlcipher.pc     Version 4.5.5; Libs add -lcrypto (libssl-dev)
#   $PREFIX/include/sqlcipher/sqlite3.h    so that #include <sqlcipher/sqlite3.h> works
# Safe to run again: a verified download and an up-to-date build are reused.
set -eu

VERSION=4.5.5
PACKAGE=@commapp/sqlcipher-amalgamation
TARBALL=commapp-sqlcipher-amalgamation-$VERSION.tgz
# The registry's integrity for 4.5.5 is sha512-Ebi6aNWlh5qr2fWG...; this is the same file.
TARBALL_SHA256=5e49e540eb0274d8ba87c1ce680a1143971a2528e0783044a08b39c97ea07d13

# Debian's own SQLCipher build options where they matter, plus what SQLCipher needs.
DEFINES="
  -DSQLITE_HAS_CODEC
  -DSQLCIPHER_CRYPTO_OPENSSL
  -DSQLITE_TEMP_STORE=2
  -DSQLITE_THREADSAFE=1
  -DSQLITE_SECURE_DELETE
  -DSQLITE_ENABLE_COLUMN_METADATA
  -DSQLITE_ENABLE_UNLOCK_NOTIFY
  -DSQLITE_ENABLE_DBSTAT_VTAB
  -DSQLITE_ENABLE_FTS3
  -DSQLITE_ENABLE_FTS3_PARENTHESIS
  -DSQLITE_ENABLE_RTREE
  -DSQLITE_MAX_VARIABLE_NUMBER=250000
  -DNDEBUG
"
OPT_CFLAGS="${SQLCIPHER4_CFLAGS:--O2 -fPIC}"

ROOT=$(cd "$(dirname "$0")/../.." && pwd)
CACHE=${SQLCIPHER4_CACHE:-$ROOT/build-sqlcipher4}
mkdir -p "$CACHE"
CACHE=$(cd "$CACHE" && pwd)
PREFIX=${SQLCIPHER4_PREFIX:-$CACHE/prefix}
mkdir -p "$PREFIX"
PREFIX=$(cd "$PREFIX" && pwd)

say () { echo "sqlcipher4: $*"; }
die () { echo "sqlcipher4: error: $*" >&2; exit 1; }

SUDO=
if [ "$(id -u)" -ne 0 ]; then
  SUDO=sudo
fi
apt_install () {
  say "installing $*"
  $SUDO apt-get update -q >/dev/null
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q --no-install-recommends "$@"
}

# Tools: a C compiler and pkg-config (tools/setup.sh has them), OpenSSL's libcrypto, npm.
command -v cc >/dev/null || die "no C compiler; run tools/setup.sh first"
command -v pkg-config >/dev/null || die "no pkg-config; run tools/setup.sh first"
pkg-config --exists libcrypto || apt_install libssl-dev
command -v npm >/dev/null || apt_install nodejs npm

# 1. Download (npm pack checks the registry's integrity; we check our pinned hash too).
DIST=$CACHE/dist
mkdir -p "$DIST"
verify () { echo "$TARBALL_SHA256  $DIST/$TARBALL" | sha256sum -c --status 2>/dev/null; }
if ! verify; then
  rm -f "$DIST/$TARBALL"
  say "fetching $PACKAGE@$VERSION from npm"
  (cd "$DIST" && npm pack --silent "$PACKAGE@$VERSION" >/dev/null) \
    || die "npm pack $PACKAGE@$VERSION failed"
  [ -f "$DIST/$TARBALL" ] || die "npm pack did not leave $DIST/$TARBALL"
  verify || die "$TARBALL does not have the expected SHA-256 $TARBALL_SHA256"
fi

# 2. Build, unless the prefix already holds this version built with these options.
# shellcheck disable=SC2086,SC2116
STAMP_TEXT="$VERSION $TARBALL_SHA256 $(echo $DEFINES $OPT_CFLAGS) $(cc -dumpfullversion)"
STAMP=$PREFIX/lib/.sqlcipher4-stamp
if [ -f "$STAMP" ] && [ "$(cat "$STAMP")" = "$STAMP_TEXT" ] \
   && [ -f "$PREFIX/lib/libsqlcipher.a" ] && [ -f "$PREFIX/lib/pkgconfig/sqlcipher.pc" ]; then
  say "up to date: $PREFIX"
else
  SRC=$CACHE/src-$VERSION
  rm -rf "$SRC"
  mkdir -p "$SRC"
  tar -xzf "$DIST/$TARBALL" -C "$SRC"
  if [ ! -f "$SRC/package/src/sqlite3.c" ] || [ ! -f "$SRC/package/src/sqlite3.h" ]; then
    die "the package has no src/sqlite3.c and src/sqlite3.h; it changed layout"
  fi
  grep -q "define CIPHER_VERSION_NUMBER $VERSION\$" "$SRC/package/src/sqlite3.c" \
    || die "src/sqlite3.c is not SQLCipher $VERSION"

  say "compiling the amalgamation (one 9 MB file, about a minute)"
  start=$(date +%s)
  # shellcheck disable=SC2046,SC2086
  cc $OPT_CFLAGS $DEFINES $(pkg-config --cflags libcrypto) -w \
     -c "$SRC/package/src/sqlite3.c" -o "$SRC/sqlite3.o"
  say "compiled in $(( $(date +%s) - start )) s"

  rm -rf "$PREFIX/lib/libsqlcipher.a" "$PREFIX/include/sqlcipher" "$STAMP"
  mkdir -p "$PREFIX/lib/pkgconfig" "$PREFIX/include/sqlcipher"
  ar rcs "$PREFIX/lib/libsqlcipher.a" "$SRC/sqlite3.o"
  cp "$SRC/package/src/sqlite3.h" "$SRC/package/src/sqlite3ext.h" "$PREFIX/include/sqlcipher/"
  cp "$SRC/package/LICENSE" "$PREFIX/include/sqlcipher/LICENSE.sqlcipher"

  # Static only, so -lcrypto must be in Libs (meson asks pkg-config for shared linking and
  # would not read Libs.private). -I${includedir} serves <sqlcipher/sqlite3.h>, the second
  # -I serves <sqlite3.h> as Debian's sqlcipher.pc does.
  cat > "$PREFIX/lib/pkgconfig/sqlcipher.pc" <<EOF
prefix=$PREFIX
libdir=\${prefix}/lib
includedir=\${prefix}/include

Name: SQLCipher
Description: SQLCipher $VERSION, static, built by Polku's tools/sqlcipher4/build.sh
Version: $VERSION
Libs: -L\${libdir} -lsqlcipher $(pkg-config --libs libcrypto) -lm -lpthread -ldl
Cflags: -I\${includedir} -I\${includedir}/sqlcipher -DSQLITE_HAS_CODEC
EOF
  echo "$STAMP_TEXT" > "$STAMP"
fi

# 3. Self-test: a program built only from the .pc must get SQLCipher $VERSION, encrypt,
#    and read back what it wrote.
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
cat > "$T/selftest.c" <<'EOF'
#include <sqlcipher/sqlite3.h>
#include <stdio.h>
#include <string.h>

static int
first_value (void *out, int n, char **values, char **names)
{
  snprintf (out, 64, "%s", values[0] ? values[0] : "");
  return 0;
}

static int
open_keyed (const char *path, sqlite3 **db)
{
  return sqlite3_open (path, db) == SQLITE_OK && sqlite3_key (*db, "k", 1) == SQLITE_OK;
}

int
main (int argc, char **argv)
{
  sqlite3 *db;
  char version[64] = "", value[64] = "", header[16];
  FILE *f;

  if (!open_keyed (argv[1], &db))
    return 1;
  sqlite3_exec (db, "PRAGMA cipher_version;", first_value, version, NULL);
  if (sqlite3_exec (db, "CREATE TABLE t (x); INSERT INTO t VALUES ('canary');",
                    NULL, NULL, NULL) != SQLITE_OK)
    return 1;
  sqlite3_close (db);

  f = fopen (argv[1], "rb");
  if (f == NULL || fread (header, 1, sizeof header, f) != sizeof header)
    return 1;
  fclose (f);
  if (memcmp (header, "SQLite format 3", 16) == 0)
    {
      fprintf (stderr, "the file was written in plaintext\n");
      return 1;
    }

  if (!open_keyed (argv[1], &db))
    return 1;
  sqlite3_exec (db, "SELECT x FROM t;", first_value, value, NULL);
  sqlite3_close (db);
  printf ("%s|%s|%s\n", version, sqlite3_libversion (), value);
  return strcmp (value, "canary") != 0;
}
EOF
# shellcheck disable=SC2046
cc -o "$T/selftest" "$T/selftest.c" \
   $(PKG_CONFIG_PATH="$PREFIX/lib/pkgconfig" pkg-config --cflags --libs sqlcipher) \
  || die "could not link a program against $PREFIX/lib/pkgconfig/sqlcipher.pc"
result=$("$T/selftest" "$T/self.db") || die "self-test failed: $result"
case "$result" in
  "$VERSION "*"|canary") ;;
  *) die "self-test: expected SQLCipher $VERSION, got: $result" ;;
esac
say "self-test passed: cipher_version '${result%%|*}', SQLite $(echo "$result" | cut -d'|' -f2)"
say "prefix: $PREFIX"
say "use: PKG_CONFIG_PATH=$PREFIX/lib/pkgconfig meson setup <builddir>"
