/* test-store.c: the encrypted store: encryption on disk, keys, foreign files, migrations,
 * the write transaction, clients
 *
 * Copyright 2026 The Polku authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define _GNU_SOURCE

#include "config.h"

#include <glib/gstdio.h>
#include <utime.h>
#include <sqlcipher/sqlite3.h>
#include <string.h>

#include "polku-client-store.h"
#include "polku-store-private.h"

#include "test-common.h"

#define OTHER_KEY "0000000000000000000000000000000000000000000000000000000000000001"
#define CANARY "Kanariaxyzzy"

typedef struct
{
  char *dir;
  char *path;
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  f->dir = g_dir_make_tmp ("polku-test-store-XXXXXX", NULL);
  g_assert_nonnull (f->dir);
  f->path = g_build_filename (f->dir, "polku.db", NULL);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  remove_tree (f->dir);
  g_free (f->dir);
  g_free (f->path);
}

static char *
file_checksum (const char *path)
{
  g_autofree char *contents = NULL;
  gsize length;

  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  return g_compute_checksum_for_data (G_CHECKSUM_SHA256, (guchar *) contents, length);
}

static gboolean
file_contains (const char *path,
               const char *needle)
{
  g_autofree char *contents = NULL;
  gsize length;

  if (!g_file_get_contents (path, &contents, &length, NULL))
    return FALSE;
  return memmem (contents, length, needle, strlen (needle)) != NULL;
}

static PolkuClient *
make_client (const char *given,
             const char *family,
             const char *hetu)
{
  PolkuClient *client = polku_client_new ();

  polku_client_set_given_name (client, given);
  polku_client_set_family_name (client, family);
  polku_client_set_hetu (client, hetu);
  return client;
}

static void
test_create_encrypted (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PolkuStore) store = NULL;
  g_autoptr(PolkuClient) client = make_client (CANARY, "Virtanen", "131052-308T");
  g_autofree char *cipher = NULL;
  g_autofree char *journal = NULL;
  g_autofree char *wal = g_strconcat (f->path, "-wal", NULL);
  char header[16];
  FILE *fp;

  store = polku_store_open (f->path, POLKU_KEY_RAW, KEY, TRUE, &error);
  g_assert_no_error (error);
  g_assert_nonnull (store);

  /* The guard against the plaintext trap (HACKING.md): SQLCipher, not plain SQLite, is in use. */
  cipher = polku_store_dup_cipher_version (store);
  g_assert_nonnull (cipher);
  g_assert_cmpstr (cipher, !=, "");
  g_assert_cmpstr (sqlite3_libversion (), !=, "");

  journal = polku_store_dup_journal_mode (store);
  g_assert_cmpstr (journal, ==, "wal");
  g_assert_true (polku_store_get_foreign_keys (store));
  g_assert_cmpint (polku_store_get_schema_version (store), ==, POLKU_STORE_SCHEMA_VERSION);

  g_assert_true (polku_client_store_save (store, client, &error));
  g_assert_no_error (error);

  /* While open, the WAL holds the new page: encrypted too. */
  g_assert_true (g_file_test (wal, G_FILE_TEST_EXISTS));
  g_assert_false (file_contains (wal, CANARY));
  g_assert_false (file_contains (wal, "131052-308T"));

  polku_store_close (store);
  g_assert_false (polku_store_is_open (store));

  fp = fopen (f->path, "rb");
  g_assert_nonnull (fp);
  g_assert_cmpuint (fread (header, 1, sizeof header, fp), ==, sizeof header);
  fclose (fp);
  g_assert_cmpint (memcmp (header, "SQLite format 3", 16), !=, 0);
  g_assert_false (file_contains (f->path, CANARY));
  g_assert_false (file_contains (f->path, "CREATE TABLE"));
  g_assert_false (file_contains (f->path, "131052-308T"));

  /* Closed: clear errors, no crash. */
  g_assert_null (polku_client_store_list (store, TRUE, &error));
  g_assert_error (error, POLKU_STORE_ERROR, POLKU_STORE_ERROR_FAILED);
}

static void
test_reopen (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PolkuStore) store = NULL;
  g_autoptr(PolkuClient) client = make_client ("Aino", "Virtanen", NULL);
  g_autoptr(PolkuClient) back = NULL;
  g_autofree char *id = NULL;

  store = polku_store_open (f->path, POLKU_KEY_RAW, KEY, TRUE, &error);
  g_assert_no_error (error);
  polku_client_set_municipality (client, "Seinäjoki");
  polku_client_set_language (client, POLKU_LANGUAGE_SV);
  g_assert_true (polku_client_store_save (store, client, &error));
  id = g_strdup (polku_client_get_id (client));
  g_clear_object (&store);

  /* create = TRUE never overwrites. */
  store = polku_store_open (f->path, POLKU_KEY_RAW, KEY, TRUE, &error);
  g_assert_error (error, POLKU_STORE_ERROR, POLKU_STORE_ERROR_EXISTS);
  g_assert_null (store);
  g_clear_error (&error);

  store = polku_store_open (f->path, POLKU_KEY_RAW, KEY, FALSE, &error);
  g_assert_no_error (error);
  back = polku_client_store_get (store, id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (polku_client_get_given_name (back), ==, "Aino");
  g_assert_cmpstr (polku_client_get_municipality (back), ==, "Seinäjoki");
  g_assert_cmpint (polku_client_get_language (back), ==, POLKU_LANGUAGE_SV);
  g_assert_cmpstr (polku_client_get_created (back), ==, polku_client_get_created (client));
}

static void
test_wrong_key (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PolkuStore) store = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;

  store = polku_store_open (f->path, POLKU_KEY_RAW, KEY, TRUE, &error);
  g_assert_no_error (error);
  g_clear_object (&store);
  before = file_checksum (f->path);

  store = polku_store_open (f->path, POLKU_KEY_RAW, OTHER_KEY, FALSE, &error);
  g_assert_null (store);
  g_assert_error (error, POLKU_STORE_ERROR, POLKU_STORE_ERROR_WRONG_KEY);
  g_clear_error (&error);

  store = polku_store_open (f->path, POLKU_KEY_PASSPHRASE, "not the key at all", FALSE, &error);
  g_assert_null (store);
  g_assert_error (error, POLKU_STORE_ERROR, POLKU_STORE_ERROR_WRONG_KEY);
  g_clear_error (&error);

  store = polku_store_open (f->path, POLKU_KEY_RAW, "xyz", FALSE, &error);
  g_assert_null (store);
  g_assert_error (error, POLKU_STORE_ERROR, POLKU_STORE_ERROR_WRONG_KEY);
  g_clear_error (&error);

  after = file_checksum (f->path);
  g_assert_cmpstr (before, ==, after);

  store = polku_store_open (f->path, POLKU_KEY_RAW, KEY, FALSE, &error);
  g_assert_no_error (error);
  g_assert_nonnull (store);
}

static void
test_passphrase (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PolkuStore) store = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;

  store = polku_store_open (f->path, POLKU_KEY_PASSPHRASE, "correct horse", TRUE, &error);
  g_assert_no_error (error);
  g_clear_object (&store);
  before = file_checksum (f->path);

  store = polku_store_open (f->path, POLKU_KEY_PASSPHRASE, "correct horsE", FALSE, &error);
  g_assert_error (error, POLKU_STORE_ERROR, POLKU_STORE_ERROR_WRONG_KEY);
  g_clear_error (&error);
  store = polku_store_open (f->path, POLKU_KEY_PASSPHRASE, "", FALSE, &error);
  g_assert_error (error, POLKU_STORE_ERROR, POLKU_STORE_ERROR_WRONG_KEY);
  g_clear_error (&error);
  after = file_checksum (f->path);
  g_assert_cmpstr (before, ==, after);

  store = polku_store_open (f->path, POLKU_KEY_PASSPHRASE, "correct horse", FALSE, &error);
  g_assert_no_error (error);
  g_assert_nonnull (store);
  g_clear_object (&store);

  /* The store stretches the passphrase once and keys its connections with the result (a
   * raw key with the file's salt); the file is still one that SQLCipher opens with the
   * passphrase alone, as any earlier Polku or the sqlcipher tool does. */
  {
    sqlite3 *db = polku_store_open_connection (f->path, SQLITE_OPEN_READONLY,
                                               POLKU_KEY_PASSPHRASE, "correct horse", &error);
    sqlite3_stmt *stmt = NULL;

    g_assert_no_error (error);
    g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT count(*) FROM audit_head;", -1, &stmt,
                                         NULL), ==, SQLITE_OK);
    g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
    g_assert_cmpint (sqlite3_column_int (stmt, 0), ==, 1);
    sqlite3_finalize (stmt);
    sqlite3_close_v2 (db);
  }
}

/* A passphrase file made the way SQLCipher makes one (its own salt, the passphrase given
 * as it is: every profile before the store derived the key itself) opens with the
 * passphrase, and only with it. */
static void
test_passphrase_made_before (Fixture       *f,
                             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PolkuStore) store = NULL;
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (f->path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_key (db, "tarpeeksi pitkä", strlen ("tarpeeksi pitkä")), ==,
                   SQLITE_OK);
  /* As the store has always set it up: SQLCipher 3's format (cipher_compatibility, which
   * SQLCipher 3.4 does not know and ignores), its page size and iterations. */
  g_assert_cmpint (sqlite3_exec (db, "PRAGMA cipher_compatibility = 3;"
                                     " PRAGMA cipher_page_size = 4096; PRAGMA kdf_iter = 256000;"
                                     " PRAGMA journal_mode = WAL; PRAGMA application_id = 0;",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);

  store = polku_store_open (f->path, POLKU_KEY_PASSPHRASE, "tarpeeksi pitkä", FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpint (polku_store_get_schema_version (store), ==, POLKU_STORE_SCHEMA_VERSION);
  g_clear_object (&store);
  store = polku_store_open (f->path, POLKU_KEY_PASSPHRASE, "tarpeeksi pitka", FALSE, &error);
  g_assert_error (error, POLKU_STORE_ERROR, POLKU_STORE_ERROR_WRONG_KEY);
  g_assert_null (store);
}

/* A plaintext SQLite file written without a key by the same library. */
static void
make_plain_sqlite (const char *path)
{
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "CREATE TABLE notes (t TEXT); INSERT INTO notes VALUES"
                                     " ('" CANARY "');", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
}

static void
test_foreign_files (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PolkuStore) store = NULL;
  g_autofree char *before = NULL;
  guint8 junk[8192];

  /* plaintext SQLite */
  make_plain_sqlite (f->path);
  g_assert_true (file_contains (f->path, "SQLite format 3"));
  before = file_checksum (f->path);
  store = polku_store_open (f->path, POLKU_KEY_RAW, KEY, FALSE, &error);
  g_assert_null (store);
  g_assert_error (error, POLKU_STORE_ERROR, POLKU_STORE_ERROR_PLAINTEXT_FILE);
  g_clear_error (&error);
  {
    g_autofree char *after = file_checksum (f->path);
    g_assert_cmpstr (before, ==, after);
  }
  g_unlink (f->path);
  g_clear_pointer (&before, g_free);

  /* random bytes */
  for (guint i = 0; i < sizeof junk; i++)
    junk[i] = g_random_int_range (0, 256);
  g_assert_true (g_file_set_contents (f->path, (char *) junk, sizeof junk, NULL));
  before = file_checksum (f->path);
  store = polku_store_open (f->path, POLKU_KEY_RAW, KEY, FALSE, &error);
  g_assert_null (store);
  g_assert_error (error, POLKU_STORE_ERROR, POLKU_STORE_ERROR_WRONG_KEY);
  g_clear_error (&error);
  {
    g_autofree char *after = file_checksum (f->path);
    g_assert_cmpstr (before, ==, after);
  }
  g_unlink (f->path);

  /* empty file: SQLite would happily write a new database into it */
  g_assert_true (g_file_set_contents (f->path, "", 0, NULL));
  store = polku_store_open (f->path, POLKU_KEY_RAW, KEY, FALSE, &error);
  g_assert_null (store);
  g_assert_error (error, POLKU_STORE_ERROR, POLKU_STORE_ERROR_WRONG_KEY);
  g_clear_error (&error);
  {
    GStatBuf st;
    g_assert_cmpint (g_stat (f->path, &st), ==, 0);
    g_assert_cmpint (st.st_size, ==, 0);
  }
  g_unlink (f->path);

  /* missing */
  store = polku_store_open (f->path, POLKU_KEY_RAW, KEY, FALSE, &error);
  g_assert_null (store);
  g_assert_error (error, POLKU_STORE_ERROR, POLKU_STORE_ERROR_NOT_FOUND);
  g_assert_false (g_file_test (f->path, G_FILE_TEST_EXISTS));
}

static int
cipher_major (sqlite3 *db)
{
  sqlite3_stmt *stmt = NULL;
  int major = 0;

  g_assert_cmpint (sqlite3_prepare_v2 (db, "PRAGMA cipher_version;", -1, &stmt, NULL),
                   ==, SQLITE_OK);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    major = (int) g_ascii_strtoll ((const char *) sqlite3_column_text (stmt, 0), NULL, 10);
  sqlite3_finalize (stmt);
  return major;
}

/* Opens the file with the raw key behind the store's back. */
static sqlite3 *
open_raw (const char *path)
{
  sqlite3 *db = NULL;
  const char *spec = "x'" KEY "'";

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_key (db, spec, strlen (spec)), ==, SQLITE_OK);
  /* The store's settings: SQLCipher 4 must be told to use the SQLCipher 3 format. */
  if (cipher_major (db) >= 4)
    g_assert_cmpint (sqlite3_exec (db, "PRAGMA cipher_compatibility = 3;", NULL, NULL, NULL),
                     ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "PRAGMA cipher_page_size = 4096; PRAGMA kdf_iter = 256000;",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  return db;
}

static void
test_too_new_and_not_polku (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PolkuStore) store = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  sqlite3 *db;

  store = polku_store_open (f->path, POLKU_KEY_RAW, KEY, TRUE, &error);
  g_assert_no_error (error);
  g_clear_object (&store);

  db = open_raw (f->path);
  g_assert_cmpint (sqlite3_exec (db, "PRAGMA user_version = 999;", NULL, NULL, NULL),
                   ==, SQLITE_OK);
  sqlite3_close (db);
  before = file_checksum (f->path);

  store = polku_store_open (f->path, POLKU_KEY_RAW, KEY, FALSE, &error);
  g_assert_null (store);
  g_assert_error (error, POLKU_STORE_ERROR, POLKU_STORE_ERROR_TOO_NEW);
  g_clear_error (&error);
  after = file_checksum (f->path);
  g_assert_cmpstr (before, ==, after);

  /* An encrypted database of some other program (other application id). */
  db = open_raw (f->path);
  g_assert_cmpint (sqlite3_exec (db, "PRAGMA user_version = 1; PRAGMA application_id = 7;",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
  store = polku_store_open (f->path, POLKU_KEY_RAW, KEY, FALSE, &error);
  g_assert_null (store);
  g_assert_error (error, POLKU_STORE_ERROR, POLKU_STORE_ERROR_WRONG_KEY);
}

static void
test_migrations (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PolkuStore) store = NULL;
  sqlite3 *db;
  sqlite3_stmt *stmt = NULL;

  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *wal = g_strconcat (f->path, "-wal", NULL);

  /* Another program's database with the same key, without an application id or a schema
   * version: refused before anything changes the file (no migration, no switch to WAL). */
  db = open_raw (f->path);
  g_assert_cmpint (sqlite3_exec (db, "PRAGMA user_version = 0;", NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "CREATE TABLE scratch (x);", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
  before = file_checksum (f->path);
  store = polku_store_open (f->path, POLKU_KEY_RAW, KEY, FALSE, &error);
  g_assert_null (store);
  g_assert_error (error, POLKU_STORE_ERROR, POLKU_STORE_ERROR_WRONG_KEY);
  g_clear_error (&error);
  after = file_checksum (f->path);
  g_assert_cmpstr (before, ==, after);
  g_assert_false (g_file_test (wal, G_FILE_TEST_EXISTS));
  g_unlink (f->path);

  /* A keyed but empty database (no tables: a creation that never finished) is migrated. */
  db = open_raw (f->path);
  g_assert_cmpint (sqlite3_exec (db, "PRAGMA user_version = 0;", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);

  store = polku_store_open (f->path, POLKU_KEY_RAW, KEY, FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpint (polku_store_get_schema_version (store), ==, POLKU_STORE_SCHEMA_VERSION);
  polku_store_close (store);

  db = open_raw (f->path);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "PRAGMA user_version;", -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpint (sqlite3_column_int (stmt, 0), ==, POLKU_STORE_SCHEMA_VERSION);
  sqlite3_finalize (stmt);
  g_assert_cmpint (sqlite3_prepare_v2 (db,
                                       "SELECT count(*) FROM sqlite_master WHERE name = 'client';",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpint (sqlite3_column_int (stmt, 0), ==, 1);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
}

static void
test_clients (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PolkuStore) store = NULL;
  g_autoptr(PolkuClient) aino = make_client ("Aino", "Virtanen", "131052-308T");
  g_autoptr(PolkuClient) bo = make_client ("Bo", "Lindqvist", NULL);
  g_autoptr(PolkuClient) dup = make_client ("Eero", "Mäkinen", "131052-308T");
  g_autoptr(PolkuClient) bad = make_client ("Eero", "Mäkinen", "131052-308S");
  g_autoptr(GPtrArray) list = NULL;
  g_autofree char *created = NULL;
  g_autofree char *modified = NULL;

  store = polku_store_open (f->path, POLKU_KEY_RAW, KEY, TRUE, &error);
  g_assert_no_error (error);

  g_assert_true (polku_client_store_save (store, aino, &error));
  g_assert_no_error (error);
  g_assert_true (g_uuid_string_is_valid (polku_client_get_id (aino)));
  g_assert_cmpstr (polku_client_get_created (aino), ==, polku_client_get_modified (aino));
  g_assert_cmpstr (polku_client_get_birth_date (aino), ==, "1952-10-13");
  g_assert_true (polku_client_store_save (store, bo, &error));
  g_assert_cmpint (polku_client_store_count (store, NULL), ==, 2);

  /* Same identity code twice: refused, nothing stored, the object keeps no id. */
  g_assert_false (polku_client_store_save (store, dup, &error));
  g_assert_error (error, POLKU_STORE_ERROR, POLKU_STORE_ERROR_CONSTRAINT);
  g_clear_error (&error);
  g_assert_null (polku_client_get_id (dup));

  /* Invalid: refused before the database. */
  g_assert_false (polku_client_store_save (store, bad, &error));
  g_assert_error (error, POLKU_CLIENT_ERROR, POLKU_CLIENT_ERROR_HETU);
  g_clear_error (&error);
  g_assert_cmpint (polku_client_store_count (store, NULL), ==, 2);

  /* Update keeps created, moves modified. */
  created = g_strdup (polku_client_get_created (aino));
  modified = g_strdup (polku_client_get_modified (aino));
  g_usleep (2000);
  polku_client_set_phone (aino, "040 123 4567");
  g_assert_true (polku_client_store_save (store, aino, &error));
  g_assert_cmpstr (polku_client_get_created (aino), ==, created);
  g_assert_cmpstr (polku_client_get_modified (aino), >, modified);

  /* Archive hides from the default list, keeps the row. */
  g_assert_true (polku_client_store_set_archived (store, bo, TRUE, &error));
  g_assert_true (polku_client_get_archived (bo));
  list = polku_client_store_list (store, FALSE, &error);
  g_assert_cmpuint (list->len, ==, 1);
  g_assert_cmpstr (polku_client_get_id (g_ptr_array_index (list, 0)), ==,
                   polku_client_get_id (aino));
  g_clear_pointer (&list, g_ptr_array_unref);
  list = polku_client_store_list (store, TRUE, &error);
  g_assert_cmpuint (list->len, ==, 2);
  /* name order: Lindqvist before Virtanen */
  g_assert_cmpstr (polku_client_get_family_name (g_ptr_array_index (list, 0)), ==, "Lindqvist");
  g_clear_pointer (&list, g_ptr_array_unref);

  g_assert_true (polku_client_store_set_archived (store, bo, FALSE, &error));
  list = polku_client_store_list (store, FALSE, &error);
  g_assert_cmpuint (list->len, ==, 2);

  /* Not found */
  g_assert_null (polku_client_store_get (store, "00000000-0000-4000-8000-000000000000", &error));
  g_assert_error (error, POLKU_STORE_ERROR, POLKU_STORE_ERROR_NOT_FOUND);
}

static void
on_listed (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  GPtrArray **out = user_data;
  g_autoptr(GError) error = NULL;

  *out = polku_client_store_list_finish (POLKU_STORE (source), result, &error);
  g_assert_no_error (error);
}

static void
test_list_async (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PolkuStore) store = NULL;
  g_autoptr(PolkuClient) aino = make_client ("Aino", "Virtanen", NULL);
  GPtrArray *list = NULL;

  store = polku_store_open (f->path, POLKU_KEY_RAW, KEY, TRUE, &error);
  g_assert_true (polku_client_store_save (store, aino, &error));

  polku_client_store_list_async (store, FALSE, NULL, on_listed, &list);
  while (list == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (list->len, ==, 1);
  g_ptr_array_unref (list);
}

/* polku_store_write (): a body that inserts @value into a table of the test's own, then
 * fails when @fail is set. */
typedef struct
{
  const char *value;
  gboolean    fail;
  guint       calls;
} Insert;

static gboolean
insert_body (PolkuStore  *store,
             sqlite3     *db,
             gpointer     data,
             GError     **error)
{
  Insert *insert = data;
  sqlite3_stmt *stmt;

  insert->calls++;
  if (!polku_store_exec (db, "CREATE TABLE IF NOT EXISTS test_write (value TEXT NOT NULL);",
                         "Testing", error))
    return FALSE;
  stmt = polku_store_prepare (db, "INSERT INTO test_write (value) VALUES (?1);", "Testing",
                              error);
  if (stmt == NULL)
    return FALSE;
  polku_store_bind_text_or_null (stmt, 1, insert->value);
  if (!polku_store_step_done (db, stmt, "Testing", error))
    return FALSE;
  if (insert->fail)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, "The body refused “%s”.",
                   insert->value);
      return FALSE;
    }
  return TRUE;
}

/* The values in the test's table, in the order they were written ("" for none). */
static char *
written_values (PolkuStore *store)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) values = g_string_new (NULL);
  sqlite3_stmt *stmt;
  sqlite3 *db;

  db = polku_store_begin_use (store, &error);
  g_assert_no_error (error);
  stmt = polku_store_prepare (db, "SELECT value FROM test_write ORDER BY rowid;", "Testing",
                              NULL);
  while (stmt != NULL && sqlite3_step (stmt) == SQLITE_ROW)
    g_string_append_printf (values, "%s%s", values->len > 0 ? "," : "",
                            POLKU_STORE_COL (stmt, 0));
  sqlite3_finalize (stmt);
  polku_store_end_use (store);
  return g_string_free (g_steal_pointer (&values), FALSE);
}

typedef struct
{
  PolkuStore *store;
  Insert      insert;
  GMutex      mutex;
  GCond       cond;
  gboolean    done;
  gboolean    ok;
} NextWrite;

static gpointer
next_write_thread (gpointer data)
{
  NextWrite *next = data;
  gboolean ok = polku_store_write (next->store, insert_body, &next->insert, NULL);

  g_mutex_lock (&next->mutex);
  next->ok = ok;
  next->done = TRUE;
  g_cond_signal (&next->cond);
  g_mutex_unlock (&next->mutex);
  return NULL;
}

/* Writes @value from another thread, so that a lock left taken fails the test instead of
 * hanging it. */
static void
assert_next_write_works (PolkuStore *store,
                         const char *value)
{
  NextWrite *next = g_new0 (NextWrite, 1);
  gint64 deadline = g_get_monotonic_time () + 10 * G_TIME_SPAN_SECOND;
  GThread *thread;

  next->store = g_object_ref (store);
  next->insert.value = value;
  g_mutex_init (&next->mutex);
  g_cond_init (&next->cond);
  thread = g_thread_new ("next-write", next_write_thread, next);

  g_mutex_lock (&next->mutex);
  while (!next->done)
    if (!g_cond_wait_until (&next->cond, &next->mutex, deadline))
      break;
  g_mutex_unlock (&next->mutex);
  if (!next->done)
    g_error ("The store's lock was not released: the next write waits for it.");

  g_thread_join (thread);
  g_assert_true (next->ok);
  g_object_unref (next->store);
  g_mutex_clear (&next->mutex);
  g_cond_clear (&next->cond);
  g_free (next);
}

static void
test_write (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PolkuStore) store = NULL;
  Insert commit = { "a", FALSE, 0 };
  Insert roll_back = { "b", TRUE, 0 };
  Insert closed = { "c", FALSE, 0 };
  g_autofree char *values = NULL;

  store = polku_store_open (f->path, POLKU_KEY_RAW, KEY, TRUE, &error);
  g_assert_no_error (error);

  /* TRUE from the body: committed, and the lock let go. */
  g_assert_true (polku_store_write (store, insert_body, &commit, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (commit.calls, ==, 1);
  assert_next_write_works (store, "after-commit");
  values = written_values (store);
  g_assert_cmpstr (values, ==, "a,after-commit");
  g_clear_pointer (&values, g_free);

  /* FALSE from the body: its error, nothing of it written, and the lock let go. */
  g_assert_false (polku_store_write (store, insert_body, &roll_back, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
  g_assert_cmpstr (error->message, ==, "The body refused “b”.");
  g_clear_error (&error);
  g_assert_cmpuint (roll_back.calls, ==, 1);
  assert_next_write_works (store, "after-rollback");
  values = written_values (store);
  g_assert_cmpstr (values, ==, "a,after-commit,after-rollback");

  /* Closed (Polku locked): a clear error, and the body never runs. */
  polku_store_close (store);
  g_assert_false (polku_store_write (store, insert_body, &closed, &error));
  g_assert_error (error, POLKU_STORE_ERROR, POLKU_STORE_ERROR_FAILED);
  g_assert_cmpstr (error->message, ==, "The database is locked. Unlock Polku and try again.");
  g_assert_cmpuint (closed.calls, ==, 0);
}

/* polku_store_write_get (): the written value back, as an object. */
static gpointer
get_value_locked (sqlite3     *db,
                  const char  *value,
                  GError     **error)
{
  GObject *object;
  sqlite3_stmt *stmt;

  stmt = polku_store_prepare (db, "SELECT value FROM test_write WHERE value = ?1;", "Testing",
                              error);
  if (stmt == NULL)
    return NULL;
  polku_store_bind_text_or_null (stmt, 1, value);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      sqlite3_finalize (stmt);
      g_set_error (error, POLKU_STORE_ERROR, POLKU_STORE_ERROR_NOT_FOUND, "No “%s”.", value);
      return NULL;
    }
  object = g_object_new (G_TYPE_OBJECT, NULL);
  g_object_set_data_full (object, "value", polku_store_column_dup (stmt, 0), g_free);
  sqlite3_finalize (stmt);
  return object;
}

static void
test_write_get (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PolkuStore) store = NULL;
  g_autoptr(GObject) object = NULL;
  g_autoptr(GObject) missing = NULL;
  g_autofree char *values = NULL;
  Insert insert = { "d", FALSE, 0 };
  Insert unread = { "e", FALSE, 0 };

  store = polku_store_open (f->path, POLKU_KEY_RAW, KEY, TRUE, &error);
  g_assert_no_error (error);

  object = polku_store_write_get (store, insert_body, &insert, get_value_locked, "d", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (g_object_get_data (object, "value"), ==, "d");

  /* The read back fails: nothing is written. */
  missing = polku_store_write_get (store, insert_body, &unread, get_value_locked, "f", &error);
  g_assert_error (error, POLKU_STORE_ERROR, POLKU_STORE_ERROR_NOT_FOUND);
  g_assert_null (missing);
  g_assert_cmpuint (unread.calls, ==, 1);
  assert_next_write_works (store, "g");
  values = written_values (store);
  g_assert_cmpstr (values, ==, "d,g");
}

/* Another process or connection writing (a write transaction held for a moment) must not
 * make an open fail with "database is locked": the busy timeout is set before the first read. */
typedef struct
{
  const char *path;
  GMutex      mutex;
  GCond       cond;
  gboolean    holding;
} Holder;

static gpointer
hold_write_transaction (gpointer data)
{
  Holder *h = data;
  g_autoptr(GError) error = NULL;
  /* A bare connection, as another process has: a store's own reader connection would keep
   * the exclusive lock below from this one. */
  sqlite3 *db = polku_store_open_connection (h->path, SQLITE_OPEN_READWRITE, POLKU_KEY_RAW, KEY,
                                             &error);

  g_assert_no_error (error);
  g_assert_nonnull (db);
  /* In WAL mode a write transaction alone does not keep readers out; the exclusive locking
   * mode does, as a checkpointing or closing writer does for a moment. */
  g_assert_cmpint (sqlite3_exec (db, "PRAGMA locking_mode = EXCLUSIVE; BEGIN IMMEDIATE;"
                                     " UPDATE client SET id = id WHERE 0;", NULL, NULL, NULL),
                   ==, SQLITE_OK);

  g_mutex_lock (&h->mutex);
  h->holding = TRUE;
  g_cond_signal (&h->cond);
  g_mutex_unlock (&h->mutex);

  g_usleep (300 * G_TIME_SPAN_MILLISECOND);
  g_assert_cmpint (sqlite3_exec (db, "COMMIT; PRAGMA locking_mode = NORMAL;"
                                     " SELECT count(*) FROM sqlite_master;", NULL, NULL, NULL),
                   ==, SQLITE_OK);
  sqlite3_close_v2 (db);
  return NULL;
}

static void
test_open_while_writing (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PolkuStore) store = NULL;
  Holder h = { .path = f->path, .holding = FALSE };
  GThread *thread;

  store = polku_store_open (f->path, POLKU_KEY_RAW, KEY, TRUE, &error);
  g_assert_no_error (error);
  g_clear_object (&store);

  g_mutex_init (&h.mutex);
  g_cond_init (&h.cond);
  thread = g_thread_new ("holder", hold_write_transaction, &h);
  g_mutex_lock (&h.mutex);
  while (!h.holding)
    g_cond_wait (&h.cond, &h.mutex);
  g_mutex_unlock (&h.mutex);

  store = polku_store_open (f->path, POLKU_KEY_RAW, KEY, FALSE, &error);
  g_assert_no_error (error);
  g_assert_nonnull (store);

  g_thread_join (thread);
  g_mutex_clear (&h.mutex);
  g_cond_clear (&h.cond);
}

static void
test_raw_key_generation (void)
{
  g_autofree char *a = polku_store_generate_raw_key (NULL);
  g_autofree char *b = polku_store_generate_raw_key (NULL);

  g_assert_cmpuint (strlen (a), ==, 64);
  g_assert_cmpstr (a, !=, b);
  for (guint i = 0; i < 64; i++)
    g_assert_true (g_ascii_isxdigit (a[i]));
}

/* Creating the same new database from several threads at once: one creation wins, the
 * others are told a file is there, and every write reported done is in the file (the old
 * creation removed "its" files on failure, which could be the winner's). */
typedef struct
{
  const char *path;
  gboolean    created;
  gboolean    wrote;
} CreateRace;

static gpointer
create_race_thread (gpointer data)
{
  CreateRace *race = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(PolkuStore) store = NULL;
  g_autoptr(PolkuClient) client = make_client ("Aino", "Virtanen", NULL);

  store = polku_store_open (race->path, POLKU_KEY_RAW, KEY, TRUE, &error);
  if (store == NULL)
    {
      g_assert_error (error, POLKU_STORE_ERROR, POLKU_STORE_ERROR_EXISTS);
      return NULL;
    }
  race->created = TRUE;
  race->wrote = polku_client_store_save (store, client, NULL);
  return NULL;
}

static void
test_create_race (Fixture       *f,
                  gconstpointer  data)
{
  for (guint round = 0; round < 5; round++)
    {
      CreateRace races[4] = { { 0 } };
      GThread *threads[G_N_ELEMENTS (races)];
      g_autoptr(PolkuStore) store = NULL;
      g_autoptr(GError) error = NULL;
      g_autoptr(GDir) dir = NULL;
      guint n_created = 0;
      guint n_wrote = 0;
      const char *name;

      for (guint i = 0; i < G_N_ELEMENTS (races); i++)
        {
          races[i].path = f->path;
          threads[i] = g_thread_new ("create", create_race_thread, &races[i]);
        }
      for (guint i = 0; i < G_N_ELEMENTS (races); i++)
        {
          g_thread_join (threads[i]);
          n_created += races[i].created;
          n_wrote += races[i].wrote;
        }
      g_assert_cmpuint (n_created, ==, 1);
      g_assert_cmpuint (n_wrote, ==, 1);

      store = polku_store_open (f->path, POLKU_KEY_RAW, KEY, FALSE, &error);
      g_assert_no_error (error);
      g_assert_cmpint (polku_client_store_count (store, NULL), ==, n_wrote);
      polku_store_close (store);

      /* No temporary database is left behind. */
      dir = g_dir_open (f->dir, 0, NULL);
      while ((name = g_dir_read_name (dir)) != NULL)
        g_assert_false (strstr (name, ".new-") != NULL);

      g_unlink (f->path);
    }
}

/* A kill during creation leaves at most a temporary file: the next creation works, and no
 * half-made polku.db blocks the profile. */
static void
test_create_after_interrupted (Fixture       *f,
                               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PolkuStore) store = NULL;
  g_autofree char *stray = g_strconcat (f->path, ".new-AbC123", NULL);

  g_autofree char *fresh = g_strconcat (f->path, ".new-XyZ789", NULL);
  struct utimbuf old_times = { 1000000000, 1000000000 };

  g_assert_true (g_file_set_contents (stray, "", 0, NULL));
  g_assert_cmpint (utime (stray, &old_times), ==, 0);
  g_assert_true (g_file_set_contents (fresh, "", 0, NULL));
  g_assert_false (g_file_test (f->path, G_FILE_TEST_EXISTS));
  store = polku_store_open (f->path, POLKU_KEY_RAW, KEY, TRUE, &error);
  g_assert_no_error (error);
  g_assert_cmpint (g_access (f->path, R_OK), ==, 0);

  /* The old stray is cleared away; a young one may be another creation in progress. */
  g_assert_false (g_file_test (stray, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_test (fresh, G_FILE_TEST_EXISTS));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("/store/create-encrypted", test_create_encrypted);
  ADD ("/store/reopen", test_reopen);
  ADD ("/store/wrong-key", test_wrong_key);
  ADD ("/store/passphrase", test_passphrase);
  ADD ("/store/passphrase-made-before", test_passphrase_made_before);
  ADD ("/store/foreign-files", test_foreign_files);
  ADD ("/store/too-new-and-not-polku", test_too_new_and_not_polku);
  ADD ("/store/migrations", test_migrations);
  ADD ("/store/write", test_write);
  ADD ("/store/write-get", test_write_get);
  ADD ("/store/clients", test_clients);
  ADD ("/store/list-async", test_list_async);
  ADD ("/store/open-while-writing", test_open_while_writing);
  ADD ("/store/create-race", test_create_race);
  ADD ("/store/create-after-interrupted", test_create_after_interrupted);
#undef ADD
  g_test_add_func ("/store/raw-key-generation", test_raw_key_generation);

  return g_test_run ();
}
