/* cipher-version.c: which SQLCipher does a build of Polku's core really use?
 *
 * Built by tools/sqlcipher4/check.sh against a build directory's static libpolku-core.a, with
 * the same pkg-config flags as polku-cli. Creates a throw-away store through the store API
 * and prints one line:
 *
 *   cipher_version=4.5.5 community sqlite=3.42.0 header=3.42.0
 *
 * (the SQLCipher that answered PRAGMA cipher_version, the SQLite library linked in, and the
 * SQLite of the sqlite3.h it was compiled with). Exit status 1 if the store cannot be made.
 *
 * Copyright 2026 The Polku authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cipher-version"

#include <glib/gstdio.h>
#include <sqlcipher/sqlite3.h>
#include <stdio.h>

#include "polku-store.h"

int
main (int    argc,
      char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PolkuStore) store = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autofree char *key = NULL;
  g_autofree char *version = NULL;
  int status = 0;

  dir = g_dir_make_tmp ("polku-cipher-version-XXXXXX", &error);
  if (dir == NULL)
    goto out;
  path = g_build_filename (dir, "probe.db", NULL);
  key = polku_store_generate_raw_key (&error);
  if (key == NULL)
    goto out;

  store = polku_store_open (path, POLKU_KEY_RAW, key, TRUE, &error);
  if (store == NULL)
    goto out;
  version = polku_store_dup_cipher_version (store);
  polku_store_close (store);

  printf ("cipher_version=%s sqlite=%s header=%s\n",
          version != NULL ? version : "", sqlite3_libversion (), SQLITE_VERSION);

out:
  if (error != NULL)
    {
      fprintf (stderr, "cipher-version: %s\n", error->message);
      status = 1;
    }
  if (path != NULL)
    {
      g_autofree char *wal = g_strconcat (path, "-wal", NULL);
      g_autofree char *shm = g_strconcat (path, "-shm", NULL);

      g_unlink (wal);
      g_unlink (shm);
      g_unlink (path);
    }
  if (dir != NULL)
    g_rmdir (dir);
  return status;
}
