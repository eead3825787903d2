/* test-backup.c: the recovery key, backups and restores (real SQLCipher files, no keyring)
 *
 * Copyright 2026 The Polku authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define _GNU_SOURCE  /* memmem () */

#include "config.h"

#include <glib/gstdio.h>
#include <sqlcipher/sqlite3.h>
#include <string.h>
#include <sys/stat.h>

#include "polku-audit.h"
#include "polku-backup.h"
#include "polku-client-store.h"
#include "polku-demo.h"
#include "polku-profile.h"
#include "polku-recovery.h"
#include "polku-store-private.h"

#include "backup-test-helpers.h"
#include "test-common.h"

#define CANARY_GIVEN "Kanarialintu"
#define CANARY_FAMILY "Varmuuskopiolainen"
#define RESTORE_PASSPHRASE "palautettu profiili 1"

typedef struct
{
  char         *dir;        /* holds everything the test makes */
  char         *data_dir;   /* the original profile */
  PolkuProfile *profile;
  PolkuStore   *store;
  char         *backup;     /* where the backup goes */
  char         *restored;   /* a data dir for the restore (not made) */
} Fixture;

static void
add_canary (PolkuStore *store)
{
  g_autoptr(PolkuClient) client = polku_client_new ();
  g_autoptr(GError) error = NULL;

  polku_client_set_given_name (client, CANARY_GIVEN);
  polku_client_set_family_name (client, CANARY_FAMILY);
  g_assert_true (polku_client_store_save (store, client, &error));
  g_assert_no_error (error);
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->dir = g_dir_make_tmp ("polku-test-backup-XXXXXX", NULL);
  f->data_dir = g_build_filename (f->dir, "profile", NULL);
  f->backup = g_build_filename (f->dir, "polku-backup-test" POLKU_BACKUP_SUFFIX, NULL);
  f->restored = g_build_filename (f->dir, "restored", NULL);
  f->profile = polku_profile_new (f->data_dir);
  f->store = polku_profile_open_sync (f->profile, "alkuperäinen tunnuslause", 1, NULL, &error);
  g_assert_no_error (error);
  add_canary (f->store);
  if (data != NULL)
    {
      g_assert_true (polku_demo_populate (f->store, GPOINTER_TO_UINT (data), 11, &error));
      g_assert_no_error (error);
    }
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_clear_object (&f->store);
  g_clear_object (&f->profile);
  remove_tree (f->restored);
  remove_tree (f->data_dir);
  remove_tree (f->dir);
  g_free (f->dir);
  g_free (f->data_dir);
  g_free (f->backup);
  g_free (f->restored);
}

static gint64
count_rows (PolkuStore *store,
            const char *sql)
{
  gint64 n = polku_store_count (store, sql, NULL, "test", NULL);

  g_assert_cmpint (n, >=, 0);
  return n;
}

static gint64
audit_count (PolkuStore *store,
             const char *action)
{
  g_autofree char *sql = g_strdup_printf ("SELECT count (*) FROM audit_entry WHERE action = '%s';",
                                          action);
  return count_rows (store, sql);
}

static gboolean
file_contains (const char *path,
               const char *needle)
{
  g_autofree char *contents = NULL;
  gsize length = 0;

  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  return memmem (contents, length, needle, strlen (needle)) != NULL;
}

/* Nothing but @expected (NULL-terminated) in @dir: no temporary left behind. */
static void
assert_dir_holds (const char         *dir,
                  const char * const *expected)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  g_assert_nonnull (d);
  while ((name = g_dir_read_name (d)) != NULL)
    if (!g_strv_contains (expected, name))
      g_error ("unexpected file %s in %s", name, dir);
}

/* The recovery key's form */

static void
test_key_format (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *key = polku_recovery_key_generate (&error);
  g_autofree char *other = polku_recovery_key_generate (&error);
  g_autofree char *typed = NULL;
  g_autofree char *back = NULL;
  g_autofree char *derived = NULL;
  g_autofree char *derived_again = NULL;
  g_autofree char *derived_other = NULL;

  g_assert_no_error (error);
  g_assert_cmpuint (strlen (key), ==, POLKU_RECOVERY_KEY_LENGTH);
  for (guint i = 0; i < POLKU_RECOVERY_KEY_LENGTH; i++)
    {
      if (i % 5 == 4)
        g_assert_cmpint (key[i], ==, '-');
      else
        g_assert_nonnull (strchr ("0123456789ABCDEFGHJKMNPQRSTVWXYZ", key[i]));
    }
  g_assert_cmpstr (key, !=, other);

  /* As people type it: lower case, spaces instead of dashes, O for 0, I and L for 1. */
  typed = g_ascii_strdown (key, -1);
  g_strdelimit (typed, "-", ' ');
  for (char *p = typed; *p != '\0'; p++)
    if (*p == '0')
      *p = 'o';
    else if (*p == '1')
      *p = 'l';
  back = polku_recovery_key_normalize (typed, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (back, ==, key);

  /* The same key always gives the same backup key; another key another. */
  derived = polku_recovery_key_derive (key);
  derived_again = polku_recovery_key_derive (back);
  derived_other = polku_recovery_key_derive (other);
  g_assert_cmpuint (strlen (derived), ==, 64);
  g_assert_cmpstr (derived, ==, derived_again);
  g_assert_cmpstr (derived, !=, derived_other);

  /* Not a key: too short, too long, a character that is never in one. The error never
   * quotes what was typed. */
  {
    const char *bad[] = { "", "ABCD-EFGH", "ABCD-EFGH-JKMN-PQRS-TVWX-YZ01-2345-6789-0",
                          "ABCD-EFGH-JKMN-PQRS-TVWX-YZ01-2345-678U", "ABCD+EFGH" };

    for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
      {
        g_autofree char *none = polku_recovery_key_normalize (bad[i], &error);

        g_assert_null (none);
        g_assert_error (error, POLKU_RECOVERY_ERROR, POLKU_RECOVERY_ERROR_INVALID);
        if (bad[i][0] != '\0')
          g_assert_null (strstr (error->message, bad[i]));
        g_clear_error (&error);
      }
  }
}

/* The key in the profile: made on demand, shown again, both audited. */
static void
test_key_in_store (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *shown = NULL;
  g_autofree char *again = NULL;
  g_autofree char *ensured = NULL;
  gboolean created = TRUE;

  g_assert_cmpint (polku_recovery_key_exists (f->store, &error), ==, 0);
  g_assert_no_error (error);

  shown = polku_recovery_key_show (f->store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (strlen (shown), ==, POLKU_RECOVERY_KEY_LENGTH);
  g_assert_cmpint (polku_recovery_key_exists (f->store, &error), ==, 1);
  g_assert_cmpint (audit_count (f->store, POLKU_AUDIT_RECOVERY_KEY_CREATE), ==, 1);
  g_assert_cmpint (audit_count (f->store, POLKU_AUDIT_RECOVERY_KEY_SHOW), ==, 1);

  again = polku_recovery_key_show (f->store, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (again, ==, shown);
  g_assert_cmpint (audit_count (f->store, POLKU_AUDIT_RECOVERY_KEY_CREATE), ==, 1);
  g_assert_cmpint (audit_count (f->store, POLKU_AUDIT_RECOVERY_KEY_SHOW), ==, 2);

  ensured = polku_recovery_key_ensure (f->store, &created, &error);
  g_assert_no_error (error);
  g_assert_false (created);
  g_assert_cmpstr (ensured, ==, shown);
  g_assert_cmpint (audit_count (f->store, POLKU_AUDIT_RECOVERY_KEY_SHOW), ==, 2);

  /* The key is inside the encrypted database, not in any file beside it. */
  g_clear_object (&f->store);
  {
    g_autofree char *db = g_build_filename (f->data_dir, "polku.db", NULL);

    g_assert_false (file_contains (db, shown));
  }
}

/* Backup and restore: every table identical, the log verifies */

static PolkuStore *
restore_with_passphrase (Fixture     *f,
                         const char  *recovery_key,
                         GError     **error)
{
  return polku_backup_restore (f->backup, recovery_key, f->restored, RESTORE_PASSPHRASE,
                               "Restorer", 1, NULL, error);
}

static void
test_round_trip (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PolkuStore) restored = NULL;
  g_autoptr(PolkuProfile) restored_profile = NULL;
  g_autofree char *key = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *restored_key = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  PolkuAuditVerification check = { 0 };
  gint64 n_entries_before;
  struct stat st;

  g_assert_true (polku_audit_verify (f->store, &n_entries_before, &error));
  /* The first backup makes the key: one more entry in the backup itself. */
  g_assert_true (polku_backup_create (f->store, polku_profile_get_id (f->profile), f->backup,
                                      FALSE, &error));
  g_assert_no_error (error);
  g_assert_cmpint (audit_count (f->store, POLKU_AUDIT_BACKUP_CREATE), ==, 1);
  g_assert_cmpint (audit_count (f->store, POLKU_AUDIT_RECOVERY_KEY_CREATE), ==, 1);
  before = dump_tables (f->store, n_entries_before + 1);

  /* 0600, and nothing left beside it. */
  g_assert_cmpint (g_stat (f->backup, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  {
    const char *expected[] = { "profile", "polku-backup-test" POLKU_BACKUP_SUFFIX, NULL };

    assert_dir_holds (f->dir, expected);
  }

  /* The key is shown as the user would have written it down. */
  key = polku_recovery_key_show (f->store, &error);
  g_assert_no_error (error);
  {
    g_autofree char *lower = g_ascii_strdown (key, -1);

    restored = restore_with_passphrase (f, lower, &error);
  }
  g_assert_no_error (error);
  g_assert_nonnull (restored);

  after = dump_tables (restored, n_entries_before + 1);
  g_assert_cmpstr (after, ==, before);
  g_assert_true (strstr (after, CANARY_FAMILY) != NULL);

  /* The chain is the original's plus "restored from backup"; the anchor proves it all. */
  g_assert_true (polku_audit_verify_full (restored, &check, &error));
  g_assert_no_error (error);
  g_assert_cmpint (check.n_entries, ==, n_entries_before + 2);
  g_assert_cmpint (check.anchored, ==, n_entries_before + 2);
  entries = polku_audit_list (restored, NULL, &error);
  g_assert_cmpstr (polku_audit_entry_get_action (g_ptr_array_index (entries, 0)), ==,
                   POLKU_AUDIT_BACKUP_RESTORE);
  g_assert_cmpstr (polku_audit_entry_get_actor (g_ptr_array_index (entries, 0)), ==, "Restorer");
  g_assert_nonnull (strstr (polku_audit_entry_get_detail (g_ptr_array_index (entries, 0)),
                            polku_profile_get_id (f->profile)));

  /* The same recovery key goes with the restored profile. */
  restored_key = polku_recovery_key_ensure (restored, NULL, &error);
  g_assert_cmpstr (restored_key, ==, key);
  g_clear_object (&restored);

  /* The restored profile opens as any other, with its new passphrase and a new id. */
  restored_profile = polku_profile_new (f->restored);
  g_assert_cmpint (polku_profile_get_key_source (restored_profile), ==,
                   POLKU_KEY_SOURCE_PASSPHRASE);
  g_assert_cmpstr (polku_profile_get_id (restored_profile), !=,
                   polku_profile_get_id (f->profile));
  restored = polku_profile_open_sync (restored_profile, RESTORE_PASSPHRASE, 1, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (polku_audit_verify (restored, NULL, &error));
  g_assert_no_error (error);
  g_clear_object (&restored);
  {
    const char *expected[] = { "polku.db", "polku.db.anchor", "profile.ini", NULL };

    assert_dir_holds (f->restored, expected);
  }
}

/* No plaintext: not the canary's name, not an SQLite header, not the recovery key. */
static void
test_no_plaintext (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *key = NULL;

  g_assert_true (polku_backup_create (f->store, NULL, f->backup, FALSE, &error));
  g_assert_no_error (error);
  key = polku_recovery_key_show (f->store, &error);

  g_assert_false (file_contains (f->backup, CANARY_FAMILY));
  g_assert_false (file_contains (f->backup, CANARY_GIVEN));
  g_assert_false (file_contains (f->backup, "SQLite format 3"));
  g_assert_false (file_contains (f->backup, "CREATE TABLE"));
  g_assert_false (file_contains (f->backup, key));
  /* The check itself can see plaintext: the store's own database read without a key
   * would. */
  {
    g_autofree char *text = g_build_filename (f->dir, "plain.txt", NULL);

    g_assert_true (g_file_set_contents (text, "x " CANARY_FAMILY " x", -1, NULL));
    g_assert_true (file_contains (text, CANARY_FAMILY));
    g_unlink (text);
  }
}

static void
assert_nothing_restored (Fixture *f)
{
  g_assert_false (g_file_test (f->restored, G_FILE_TEST_EXISTS));
}

static void
test_wrong_key (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *other = polku_recovery_key_generate (NULL);
  g_autoptr(PolkuStore) restored = NULL;

  g_assert_true (polku_backup_create (f->store, NULL, f->backup, FALSE, &error));
  g_assert_no_error (error);

  restored = restore_with_passphrase (f, other, &error);
  g_assert_null (restored);
  g_assert_error (error, POLKU_BACKUP_ERROR, POLKU_BACKUP_ERROR_WRONG_KEY);
  g_assert_nonnull (strstr (error->message, "Nothing was created"));
  g_assert_null (strstr (error->message, other));
  g_clear_error (&error);
  assert_nothing_restored (f);

  /* A typo is said to be one. */
  restored = restore_with_passphrase (f, "ABCD-EFGH", &error);
  g_assert_null (restored);
  g_assert_error (error, POLKU_RECOVERY_ERROR, POLKU_RECOVERY_ERROR_INVALID);
  g_clear_error (&error);
  assert_nothing_restored (f);

  /* Not a backup at all: the profile's own database. */
  {
    g_autofree char *key = polku_recovery_key_show (f->store, &error);
    g_autofree char *db = g_strdup (polku_profile_get_database_path (f->profile));

    g_free (f->backup);
    f->backup = g_steal_pointer (&db);
    restored = restore_with_passphrase (f, key, &error);
    g_assert_null (restored);
    g_assert_error (error, POLKU_BACKUP_ERROR, POLKU_BACKUP_ERROR_WRONG_KEY);
    g_clear_error (&error);
    assert_nothing_restored (f);
  }
}

/* Writes @contents over a copy of the backup and tries to restore it. */
static void
assert_damage_refused (Fixture    *f,
                       const char *key,
                       const char *contents,
                       gsize       length,
                       const char *what)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PolkuStore) restored = NULL;
  g_autofree char *damaged = g_build_filename (f->dir, "damaged" POLKU_BACKUP_SUFFIX, NULL);

  g_assert_true (g_file_set_contents (damaged, contents, length, NULL));
  restored = polku_backup_restore (damaged, key, f->restored, RESTORE_PASSPHRASE, NULL, 1,
                                   NULL, &error);
  if (restored != NULL)
    g_error ("a backup with %s was restored", what);
  g_test_message ("%s: %s", what, error->message);
  g_assert_true (g_error_matches (error, POLKU_BACKUP_ERROR, POLKU_BACKUP_ERROR_DAMAGED)
                 || g_error_matches (error, POLKU_BACKUP_ERROR, POLKU_BACKUP_ERROR_WRONG_KEY));
  g_assert_nonnull (strstr (error->message, "Nothing was created"));
  assert_nothing_restored (f);
  g_unlink (damaged);
}

static void
test_damaged (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *key = NULL;
  g_autofree char *contents = NULL;
  gsize length = 0;
  const gsize page = 4096;

  g_assert_true (polku_backup_create (f->store, NULL, f->backup, FALSE, &error));
  g_assert_no_error (error);
  key = polku_recovery_key_show (f->store, &error);
  g_assert_true (g_file_get_contents (f->backup, &contents, &length, NULL));
  g_assert_cmpuint (length % page, ==, 0);
  g_assert_cmpuint (length / page, >=, 4);

  /* Cut short: half, one page less, one byte less. */
  assert_damage_refused (f, key, contents, length / 2, "half of it");
  assert_damage_refused (f, key, contents, length - page, "its last page missing");
  assert_damage_refused (f, key, contents, length - 1, "its last byte missing");
  assert_damage_refused (f, key, contents, page, "only its first page");
  assert_damage_refused (f, key, contents, 0, "nothing in it");

  /* One bit flipped: in the first page (past the salt), in the middle, in the last page. */
  {
    const gsize offsets[] = { 100, page + 10, length / 2 + 7, length - 100, 5 };

    for (guint i = 0; i < G_N_ELEMENTS (offsets); i++)
      {
        g_autofree char *what = g_strdup_printf ("a bit flipped at byte %" G_GSIZE_FORMAT,
                                                 offsets[i]);

        contents[offsets[i]] ^= 0x10;
        assert_damage_refused (f, key, contents, length, what);
        contents[offsets[i]] ^= 0x10;
      }
  }

  /* The intact copy still restores (the damage was what was refused). */
  {
    g_autoptr(PolkuStore) restored = restore_with_passphrase (f, key, &error);

    g_assert_no_error (error);
    g_assert_nonnull (restored);
  }
}

static void
test_refuses_existing_profile (Fixture       *f,
                               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PolkuStore) restored = NULL;
  g_autoptr(GBytes) before = NULL;
  g_autoptr(GBytes) after = NULL;
  g_autoptr(GMappedFile) mapped = NULL;
  g_autofree char *key = NULL;
  g_autofree char *ini = g_build_filename (f->data_dir, "profile.ini", NULL);
  g_autofree char *ini_before = NULL;
  g_autofree char *ini_after = NULL;

  g_assert_true (polku_backup_create (f->store, NULL, f->backup, FALSE, &error));
  key = polku_recovery_key_show (f->store, &error);
  g_clear_object (&f->store);
  g_assert_true (g_file_get_contents (ini, &ini_before, NULL, NULL));
  {
    g_autofree char *db = NULL;
    gsize n;

    g_assert_true (g_file_get_contents (polku_profile_get_database_path (f->profile), &db, &n,
                                        NULL));
    before = g_bytes_new_take (g_steal_pointer (&db), n);
  }

  /* Into the original profile's own folder. */
  restored = polku_backup_restore (f->backup, key, f->data_dir, RESTORE_PASSPHRASE, NULL, 1,
                                   NULL, &error);
  g_assert_null (restored);
  g_assert_error (error, POLKU_BACKUP_ERROR, POLKU_BACKUP_ERROR_EXISTS);
  g_clear_error (&error);
  {
    g_autofree char *db = NULL;
    gsize n;

    g_assert_true (g_file_get_contents (polku_profile_get_database_path (f->profile), &db, &n,
                                        NULL));
    after = g_bytes_new_take (g_steal_pointer (&db), n);
  }
  g_assert_true (g_bytes_equal (before, after));
  g_assert_true (g_file_get_contents (ini, &ini_after, NULL, NULL));
  g_assert_cmpstr (ini_before, ==, ini_after);

  /* A folder with only a profile.ini (a database that went missing) is a profile too. */
  g_assert_cmpint (g_mkdir (f->restored, 0700), ==, 0);
  {
    g_autofree char *other_ini = g_build_filename (f->restored, "profile.ini", NULL);

    g_assert_true (g_file_set_contents (other_ini, "[Profile]\n", -1, NULL));
    restored = polku_backup_restore (f->backup, key, f->restored, RESTORE_PASSPHRASE, NULL, 1,
                                     NULL, &error);
    g_assert_null (restored);
    g_assert_error (error, POLKU_BACKUP_ERROR, POLKU_BACKUP_ERROR_EXISTS);
    g_clear_error (&error);
    g_unlink (other_ini);
  }

  /* An empty folder that exists is fine. */
  restored = restore_with_passphrase (f, key, &error);
  g_assert_no_error (error);
  g_assert_nonnull (restored);
}

static void
test_backup_refuses_existing_file (Fixture       *f,
                                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;

  g_assert_true (g_file_set_contents (f->backup, "not mine", -1, NULL));
  g_assert_false (polku_backup_create (f->store, NULL, f->backup, FALSE, &error));
  g_assert_error (error, POLKU_BACKUP_ERROR, POLKU_BACKUP_ERROR_EXISTS);
  g_clear_error (&error);
  g_assert_true (g_file_get_contents (f->backup, &contents, NULL, NULL));
  g_assert_cmpstr (contents, ==, "not mine");
  g_assert_cmpint (audit_count (f->store, POLKU_AUDIT_BACKUP_CREATE), ==, 0);

  /* Replacing, when the user said so. */
  g_assert_true (polku_backup_create (f->store, NULL, f->backup, TRUE, &error));
  g_assert_no_error (error);
  g_assert_false (file_contains (f->backup, "not mine"));
  g_assert_cmpint (audit_count (f->store, POLKU_AUDIT_BACKUP_CREATE), ==, 1);

  /* A folder that is not there: nothing is made, nothing recorded. */
  {
    g_autofree char *nowhere = g_build_filename (f->dir, "no", "such", "b.polkubackup", NULL);

    g_assert_false (polku_backup_create (f->store, NULL, nowhere, FALSE, &error));
    g_assert_error (error, POLKU_BACKUP_ERROR, POLKU_BACKUP_ERROR_FAILED);
    g_clear_error (&error);
    g_assert_cmpint (audit_count (f->store, POLKU_AUDIT_BACKUP_CREATE), ==, 1);
  }
}

/* Another connection (as another process would) writes clients all the while. */
typedef struct
{
  char          *path;
  volatile gint  stop;
  guint          written;
} Writer;

static gpointer
writer_thread (gpointer user_data)
{
  Writer *writer = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(PolkuStore) store = NULL;

  store = polku_store_open (writer->path, POLKU_KEY_PASSPHRASE, "alkuperäinen tunnuslause",
                            FALSE, &error);
  g_assert_no_error (error);
  while (!g_atomic_int_get (&writer->stop))
    {
      g_autoptr(PolkuClient) client = polku_client_new ();

      polku_client_set_given_name (client, "Kirjoittaja");
      polku_client_set_family_name (client, "Rinnakkainen");
      g_assert_true (polku_client_store_save (store, client, &error));
      g_assert_no_error (error);
      writer->written++;
      /* A person's pace, not a spin: a writer that takes the lock again the instant it lets
       * it go starves the other connection's busy handler (SQLite 3.42 polls, it does not
       * queue), which no real use does. */
      g_usleep (2 * 1000);
    }
  return NULL;
}

static void
test_backup_while_writing (Fixture       *f,
                           gconstpointer  data)
{
  Writer writer = { g_strdup (polku_profile_get_database_path (f->profile)), 0, 0 };
  g_autoptr(GError) error = NULL;
  g_autofree char *key = NULL;
  GThread *thread;
  guint n_backups = 4;

  key = polku_recovery_key_show (f->store, &error);
  thread = g_thread_new ("writer", writer_thread, &writer);
  while (writer.written < 5)
    g_usleep (10 * 1000);

  for (guint i = 0; i < n_backups; i++)
    {
      g_autofree char *name = g_strdup_printf ("during-%u" POLKU_BACKUP_SUFFIX, i);
      g_autofree char *path = g_build_filename (f->dir, name, NULL);

      gboolean made = polku_backup_create (f->store, NULL, path, FALSE, &error);

      g_assert_no_error (error);
      g_assert_true (made);
    }
  g_atomic_int_set (&writer.stop, 1);
  g_thread_join (thread);
  g_test_message ("%u clients written by the other connection", writer.written);

  /* Each backup is whole and consistent: it restores, its log verifies, and its clients are
   * as many as its log says were added. */
  for (guint i = 0; i < n_backups; i++)
    {
      g_autofree char *name = g_strdup_printf ("during-%u" POLKU_BACKUP_SUFFIX, i);
      g_autofree char *target = g_strdup_printf ("%s-%u", f->restored, i);
      g_autoptr(PolkuStore) restored = NULL;
      gint64 clients;

      g_free (f->backup);
      f->backup = g_build_filename (f->dir, name, NULL);
      restored = polku_backup_restore (f->backup, key, target, RESTORE_PASSPHRASE, NULL, 1,
                                       NULL, &error);
      g_assert_no_error (error);
      g_assert_true (polku_audit_verify (restored, NULL, &error));
      g_assert_no_error (error);
      clients = count_rows (restored, "SELECT count (*) FROM client;");
      g_assert_cmpint (clients, ==, audit_count (restored, POLKU_AUDIT_CLIENT_CREATE));
      g_assert_cmpint (clients, >, 1);
      g_clear_object (&restored);
      remove_tree (target);
    }
  g_free (writer.path);
}

/* Without a keyring and without a passphrase, the restore asks for one: nothing made. */
static void
test_restore_needs_passphrase (Fixture       *f,
                               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PolkuStore) restored = NULL;
  g_autofree char *key = NULL;

  g_assert_true (polku_backup_create (f->store, NULL, f->backup, FALSE, &error));
  key = polku_recovery_key_show (f->store, &error);
  restored = polku_backup_restore (f->backup, key, f->restored, NULL, NULL, 1, NULL, &error);
  g_assert_null (restored);
  g_assert_error (error, POLKU_PROFILE_ERROR, POLKU_PROFILE_ERROR_NEEDS_PASSPHRASE);
  g_clear_error (&error);
  assert_nothing_restored (f);

  /* A weak passphrase is refused as at profile creation. */
  restored = polku_backup_restore (f->backup, key, f->restored, "        ", NULL, 1, NULL,
                                   &error);
  g_assert_null (restored);
  g_assert_error (error, POLKU_PROFILE_ERROR, POLKU_PROFILE_ERROR_FAILED);
  g_clear_error (&error);
  assert_nothing_restored (f);
}

static void
create_done (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  GError **error = user_data;

  polku_backup_create_finish (POLKU_STORE (source), result, error);
  if (*error == NULL)
    *error = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_NONE, "done");
}

static void
restore_done (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  PolkuStore **store = user_data;
  g_autoptr(GError) error = NULL;

  *store = polku_backup_restore_finish (result, &error);
  g_assert_no_error (error);
}

static void
test_async (Fixture       *f,
            gconstpointer  data)
{
  GError *error = NULL;
  g_autoptr(PolkuStore) restored = NULL;
  g_autofree char *key = NULL;

  polku_backup_create_async (f->store, NULL, f->backup, FALSE, NULL, create_done, &error);
  while (error == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NONE);
  g_clear_error (&error);

  key = polku_recovery_key_show (f->store, NULL);
  polku_backup_restore_async (f->backup, key, f->restored, RESTORE_PASSPHRASE, NULL, 1, NULL,
                              restore_done, &restored);
  while (restored == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpint (count_rows (restored, "SELECT count (*) FROM client;"), ==, 1);
}

int
main (int    argc,
      char **argv)
{
  /* No Secret Service here (tests/integration/test-restore.c has one). */
  g_setenv ("DBUS_SESSION_BUS_ADDRESS", "disabled:", TRUE);

  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/backup/key-format", test_key_format);
  g_test_add ("/backup/key-in-store", Fixture, NULL, fixture_setup, test_key_in_store,
              fixture_teardown);
  g_test_add ("/backup/round-trip", Fixture, GUINT_TO_POINTER (4), fixture_setup,
              test_round_trip, fixture_teardown);
  g_test_add ("/backup/no-plaintext", Fixture, GUINT_TO_POINTER (2), fixture_setup,
              test_no_plaintext, fixture_teardown);
  g_test_add ("/backup/wrong-key", Fixture, NULL, fixture_setup, test_wrong_key,
              fixture_teardown);
  g_test_add ("/backup/damaged", Fixture, GUINT_TO_POINTER (2), fixture_setup, test_damaged,
              fixture_teardown);
  g_test_add ("/backup/refuses-existing-profile", Fixture, NULL, fixture_setup,
              test_refuses_existing_profile, fixture_teardown);
  g_test_add ("/backup/refuses-existing-file", Fixture, NULL, fixture_setup,
              test_backup_refuses_existing_file, fixture_teardown);
  g_test_add ("/backup/while-writing", Fixture, NULL, fixture_setup, test_backup_while_writing,
              fixture_teardown);
  g_test_add ("/backup/restore-needs-passphrase", Fixture, NULL, fixture_setup,
              test_restore_needs_passphrase, fixture_teardown);
  g_test_add ("/backup/async", Fixture, NULL, fixture_setup, test_async, fixture_teardown);

  return g_test_run ();
}
