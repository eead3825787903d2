/* test-store-batch.c: many changes in one transaction (polku_store_run_batch ())
 *
 * Copyright 2026 The Polku authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A batch is what makes `polku-cli demo` build a county's data in minutes: every
 * polku_store_write () inside it is a savepoint of the batch's one transaction. These tests
 * count real commits (a commit hook on the store's own connection), look at the database
 * from a second connection while the batch runs, and check that a failure leaves nothing,
 * that a failed write inside a batch undoes only itself (the audit chain stays whole), and
 * that the lock is let go in every case.
 */

#include "config.h"

#include "polku-audit-private.h"
#include "polku-audit.h"
#include "polku-client-store.h"
#include "polku-store-private.h"

#include "store-test-helpers.h"

static int
count_commit (void *data)
{
  (*(guint *) data)++;
  return 0;  /* let it commit */
}

/* Counts the commits of @store's connection from now on. */
static void
hook_commits (PolkuStore *store,
              guint      *n_commits)
{
  g_autoptr(GError) error = NULL;
  sqlite3 *db = polku_store_begin_use (store, &error);

  g_assert_no_error (error);
  sqlite3_commit_hook (db, count_commit, n_commits);
  polku_store_end_use (store);
}

static gint64
count_entries (PolkuStore *store)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) entries = polku_audit_list (store, NULL, &error);

  g_assert_no_error (error);
  return entries->len;
}

static PolkuStore *
open_second (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (f->dir, "polku.db", NULL);
  PolkuStore *other = polku_store_open (path, POLKU_KEY_RAW, KEY, FALSE, &error);

  g_assert_no_error (error);
  return other;
}

typedef struct
{
  Fixture    *f;
  PolkuStore *other;       /* a second connection to the same file, or NULL */
  gint64      other_seen;  /* entries the second connection saw inside the batch */
  guint       n_records;
  gboolean    fail_at_end;
  guint       n_refused;   /* saves refused inside the batch */
} Batch;

static gboolean
record_some (PolkuStore  *store,
             gpointer     data,
             GError     **error)
{
  Batch *batch = data;

  for (guint i = 0; i < batch->n_records; i++)
    if (!polku_audit_record (store, POLKU_AUDIT_CLIENT_VIEW, batch->f->client_id, NULL, error))
      return FALSE;
  if (batch->other != NULL)
    batch->other_seen = count_entries (batch->other);
  if (batch->fail_at_end)
    {
      g_set_error (error, POLKU_STORE_ERROR, POLKU_STORE_ERROR_FAILED, "stopped on purpose");
      return FALSE;
    }
  return TRUE;
}

static void
test_one_commit (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PolkuStore) other = open_second (f);
  Batch batch = { f, other, 0, 25, FALSE, 0 };
  gint64 before = count_entries (f->store);
  PolkuAuditVerification verification = { 0 };
  guint n_commits = 0;

  hook_commits (f->store, &n_commits);
  g_assert_true (polku_store_run_batch (f->store, record_some, &batch, &error));
  g_assert_no_error (error);

  /* 25 writes, each with its audit entry, committed once; nobody saw them before that. */
  g_assert_cmpuint (n_commits, ==, 1);
  g_assert_cmpint (batch.other_seen, ==, before);
  g_assert_cmpint (count_entries (other), ==, before + 25);

  /* The anchor names the batch's last entry. */
  g_assert_true (polku_audit_verify_full (f->store, &verification, &error));
  g_assert_no_error (error);
  g_assert_cmpint (verification.n_entries, ==, before + 25);
  g_assert_cmpint (verification.anchored, ==, before + 25);

  /* Outside a batch each write commits on its own again. */
  n_commits = 0;
  batch.other = NULL;
  batch.n_records = 3;
  g_assert_true (record_some (f->store, &batch, &error));
  g_assert_cmpuint (n_commits, ==, 3);
}

static void
test_failure_rolls_back (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  Batch batch = { f, NULL, 0, 10, TRUE, 0 };
  gint64 before = count_entries (f->store);
  PolkuAuditVerification verification = { 0 };
  guint n_commits = 0;

  hook_commits (f->store, &n_commits);
  g_assert_false (polku_store_run_batch (f->store, record_some, &batch, &error));
  g_assert_error (error, POLKU_STORE_ERROR, POLKU_STORE_ERROR_FAILED);
  g_assert_cmpstr (error->message, ==, "stopped on purpose");
  g_assert_cmpuint (n_commits, ==, 0);
  g_assert_cmpint (count_entries (f->store), ==, before);

  /* The anchor did not move past what was rolled back: the log verifies. */
  g_clear_error (&error);
  g_assert_true (polku_audit_verify_full (f->store, &verification, &error));
  g_assert_no_error (error);
  g_assert_cmpint (verification.n_entries, ==, before);
  g_assert_cmpint (verification.anchored, ==, before);
}

static gboolean
save_twice (PolkuStore  *store,
            gpointer     data,
            GError     **error)
{
  Batch *batch = data;
  g_autoptr(PolkuClient) first = polku_client_new ();
  g_autoptr(PolkuClient) same_hetu = polku_client_new ();
  g_autoptr(GError) local_error = NULL;

  polku_client_set_given_name (first, "Bo");
  polku_client_set_family_name (first, "Lindqvist");
  polku_client_set_hetu (first, "010150-908M");
  if (!polku_client_store_save (store, first, error))
    return FALSE;

  /* Refused by the store's unique identity code: that write alone is undone. */
  polku_client_set_given_name (same_hetu, "Gun");
  polku_client_set_family_name (same_hetu, "Lindqvist");
  polku_client_set_hetu (same_hetu, "010150-908M");
  if (polku_client_store_save (store, same_hetu, &local_error))
    return TRUE;
  g_assert_error (local_error, POLKU_STORE_ERROR, POLKU_STORE_ERROR_CONSTRAINT);
  batch->n_refused++;

  /* The batch goes on, and its later entries chain onto the last one that stayed. */
  return polku_audit_record (store, POLKU_AUDIT_CLIENT_VIEW, polku_client_get_id (first),
                             NULL, error);
}

static void
test_failed_write_inside (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) clients = NULL;
  Batch batch = { f, NULL, 0, 0, FALSE, 0 };
  gint64 before = count_entries (f->store);
  PolkuAuditVerification verification = { 0 };

  g_assert_true (polku_store_run_batch (f->store, save_twice, &batch, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (batch.n_refused, ==, 1);

  clients = polku_client_store_list (f->store, TRUE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (clients->len, ==, 2);
  g_assert_cmpint (count_entries (f->store), ==, before + 2);
  g_assert_true (polku_audit_verify_full (f->store, &verification, &error));
  g_assert_no_error (error);
  g_assert_cmpint (verification.anchored, ==, before + 2);
}

/* A batch without savepoints (polku_store_run_batch_whole ()): one commit when every change
 * succeeds; the first failed change fails the whole batch, even when the batch's function
 * ignores it, and every later change is refused. */
static void
test_whole_batch (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) clients = NULL;
  Batch batch = { f, NULL, 0, 20, FALSE, 0 };
  gint64 before = count_entries (f->store);
  PolkuAuditVerification verification = { 0 };
  guint n_commits = 0;

  hook_commits (f->store, &n_commits);
  g_assert_true (polku_store_run_batch_whole (f->store, record_some, &batch, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_commits, ==, 1);
  g_assert_cmpint (count_entries (f->store), ==, before + 20);
  g_assert_true (polku_audit_verify_full (f->store, &verification, &error));
  g_assert_no_error (error);
  g_assert_cmpint (verification.anchored, ==, before + 20);

  /* save_twice () goes on after the refused save and returns TRUE: without a savepoint the
   * refused save cannot be undone alone, so nothing of the batch stays. */
  n_commits = 0;
  batch.n_refused = 0;
  g_assert_false (polku_store_run_batch_whole (f->store, save_twice, &batch, &error));
  g_assert_error (error, POLKU_STORE_ERROR, POLKU_STORE_ERROR_FAILED);
  g_clear_error (&error);
  g_assert_cmpuint (batch.n_refused, ==, 1);
  g_assert_cmpuint (n_commits, ==, 0);
  clients = polku_client_store_list (f->store, TRUE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (clients->len, ==, 1);
  g_assert_cmpint (count_entries (f->store), ==, before + 20);
  g_assert_true (polku_audit_verify_full (f->store, &verification, &error));
  g_assert_no_error (error);
  g_assert_cmpint (verification.n_entries, ==, before + 20);
  g_assert_cmpint (verification.anchored, ==, before + 20);

  /* The store writes as usual afterwards, with savepoints again in a batch. */
  g_assert_true (polku_store_run_batch (f->store, save_twice, &batch, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (batch.n_refused, ==, 2);
}

static gpointer
record_in_thread (gpointer data)
{
  Fixture *f = data;
  g_autoptr(GError) error = NULL;

  if (!polku_audit_record (f->store, POLKU_AUDIT_CLIENT_VIEW, f->client_id, NULL, &error))
    return g_strdup (error->message);
  return g_strdup ("ok");
}

static gboolean
batch_in_batch (PolkuStore  *store,
                gpointer     data,
                GError     **error)
{
  g_autoptr(GError) inner_error = NULL;

  g_assert_false (polku_store_run_batch (store, record_some, data, &inner_error));
  g_assert_error (inner_error, POLKU_STORE_ERROR, POLKU_STORE_ERROR_FAILED);
  return record_some (store, data, error);
}

/* Appends two audit entries, then fails: its savepoint is undone, entries included. */
static gboolean
append_then_fail (PolkuStore  *store,
                  sqlite3     *db,
                  gpointer     data,
                  GError     **error)
{
  Fixture *f = data;

  if (!polku_audit_append_locked (store, db, POLKU_AUDIT_CLIENT_VIEW, f->client_id, NULL,
                                  error)
      || !polku_audit_append_locked (store, db, POLKU_AUDIT_CLIENT_VIEW, f->client_id, NULL,
                                     error))
    return FALSE;
  g_set_error (error, POLKU_STORE_ERROR, POLKU_STORE_ERROR_FAILED, "stopped on purpose");
  return FALSE;
}

static gboolean
record_around_failure (PolkuStore  *store,
                       gpointer     data,
                       GError     **error)
{
  Batch *batch = data;
  g_autoptr(GError) refused = NULL;

  if (!record_some (store, batch, error))
    return FALSE;
  g_assert_false (polku_store_write (store, append_then_fail, batch->f, &refused));
  g_assert_error (refused, POLKU_STORE_ERROR, POLKU_STORE_ERROR_FAILED);
  return record_some (store, batch, error);
}

/* The entries after a failed write inside a batch chain onto the last entry that stayed,
 * not onto the undone ones (the audit log takes the head a change left without reading it
 * again: polku_store_get_audit_head_locked ()). */
static void
test_chain_after_undone_entries (Fixture       *f,
                                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  Batch batch = { f, NULL, 0, 3, FALSE, 0 };
  gint64 before = count_entries (f->store);
  PolkuAuditVerification verification = { 0 };

  g_assert_true (polku_store_run_batch (f->store, record_around_failure, &batch, &error));
  g_assert_no_error (error);
  g_assert_cmpint (count_entries (f->store), ==, before + 6);
  g_assert_true (polku_audit_verify_full (f->store, &verification, &error));
  g_assert_no_error (error);
  g_assert_cmpint (verification.n_entries, ==, before + 6);
  g_assert_cmpint (verification.anchored, ==, before + 6);

  /* And a change after the batch, in a transaction of its own. */
  g_assert_true (polku_audit_record (f->store, POLKU_AUDIT_CLIENT_VIEW, f->client_id, NULL,
                                     &error));
  g_assert_no_error (error);
  g_assert_true (polku_audit_verify_full (f->store, &verification, &error));
  g_assert_no_error (error);
  g_assert_cmpint (verification.anchored, ==, before + 7);
}

static void
test_lock_released (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  Batch failing = { f, NULL, 0, 2, TRUE, 0 };
  Batch nested = { f, NULL, 0, 1, FALSE, 0 };
  gint64 before = count_entries (f->store);

  /* After a failed batch and after one that tried to nest, another thread can write. */
  g_assert_false (polku_store_run_batch (f->store, record_some, &failing, &error));
  g_clear_error (&error);
  g_assert_true (polku_store_run_batch (f->store, batch_in_batch, &nested, &error));
  g_assert_no_error (error);

  for (guint i = 0; i < 2; i++)
    {
      GThread *thread = g_thread_new ("writer", record_in_thread, f);
      g_autofree char *result = g_thread_join (thread);

      g_assert_cmpstr (result, ==, "ok");
    }
  g_assert_cmpint (count_entries (f->store), ==, before + 1 + 2);
}

/* Fills about 6 MiB of pages (more than SQLite's 1,000-page checkpoint) in a table of its
 * own. */
static gboolean
fill_pages (PolkuStore  *store,
            sqlite3     *db,
            gpointer     data,
            GError     **error)
{
  return polku_store_exec (db,
                           "CREATE TABLE IF NOT EXISTS bulk_test (data BLOB NOT NULL);"
                           "WITH RECURSIVE n (i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n "
                           "                         WHERE i < 1500) "
                           "INSERT INTO bulk_test SELECT zeroblob (3000) FROM n;",
                           "Filling pages", error);
}

static gboolean
fill_in_batch (PolkuStore  *store,
               gpointer     data,
               GError     **error)
{
  return polku_store_write (store, fill_pages, data, error);
}

static goffset
file_size (Fixture *f)
{
  g_autofree char *path = g_build_filename (f->dir, "polku.db", NULL);
  GStatBuf st;

  g_assert_cmpint (g_stat (path, &st), ==, 0);
  return st.st_size;
}

/* A whole batch leaves its pages in the WAL (which holds them as safely: every commit is
 * synced) instead of copying them into the file at once, so that bulk data's pages are
 * copied once for many batches; the next usual change checkpoints as always. */
static void
test_whole_batch_checkpoints_later (Fixture       *f,
                                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  goffset before = file_size (f);
  sqlite3 *db;
  sqlite3_stmt *stmt;
  int pages;

  g_assert_true (polku_store_run_batch_whole (f->store, fill_in_batch, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (file_size (f), ==, before);

  /* SQLite's own checkpoint is back for the changes that follow. */
  db = polku_store_begin_use (f->store, &error);
  g_assert_no_error (error);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "PRAGMA wal_autocheckpoint;", -1, &stmt, NULL),
                   ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  pages = sqlite3_column_int (stmt, 0);
  sqlite3_finalize (stmt);
  polku_store_end_use (f->store);
  g_assert_cmpint (pages, ==, 1000);

  g_assert_true (polku_audit_record (f->store, POLKU_AUDIT_CLIENT_VIEW, f->client_id, NULL,
                                     &error));
  g_assert_no_error (error);
  g_assert_cmpint (file_size (f), >=, before + 1500 * 3000);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/store-batch/one-commit", Fixture, NULL, fixture_setup, test_one_commit,
              fixture_teardown);
  g_test_add ("/store-batch/whole", Fixture, NULL, fixture_setup, test_whole_batch,
              fixture_teardown);
  g_test_add ("/store-batch/failure-rolls-back", Fixture, NULL, fixture_setup,
              test_failure_rolls_back, fixture_teardown);
  g_test_add ("/store-batch/failed-write-inside", Fixture, NULL, fixture_setup,
              test_failed_write_inside, fixture_teardown);
  g_test_add ("/store-batch/chain-after-undone-entries", Fixture, NULL, fixture_setup,
              test_chain_after_undone_entries, fixture_teardown);
  g_test_add ("/store-batch/lock-released", Fixture, NULL, fixture_setup, test_lock_released,
              fixture_teardown);
  g_test_add ("/store-batch/whole-checkpoints-later", Fixture, NULL, fixture_setup,
              test_whole_batch_checkpoints_later, fixture_teardown);

  return g_test_run ();
}
