/* test-audit-progress.c: verifying a long audit log in parts, with progress and a Cancel
 *
 * Copyright 2026 The Polku authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * polku_audit_verify_with_progress () reads the chain a thousand entries at a time on the
 * store's reader connection, never holding the store's lock (the window's Log tab runs it in
 * a thread with a progress bar and a Cancel button). A log of 12,001 entries takes thirteen
 * parts here: the progress must climb to the whole log, another thread must be able to read
 * and write meanwhile, a cancel must stop it with nothing claimed, and a change in a later
 * part must still be found.
 */

#include "config.h"

#include <string.h>

#include "polku-audit.h"
#include "polku-store-private.h"

#include "store-test-helpers.h"

#define N_VIEWS 12000

typedef struct
{
  GArray       *checked;      /* n_checked of every call */
  gint64        total;
  GCancellable *cancel_after; /* cancelled at the first call, when set */
  gboolean      store_free;   /* the store's lock was free during every call */
  gboolean      wrote;        /* another thread wrote during the first call */
  PolkuStore   *store;
  const char   *client_id;
} Progress;

static gboolean
add_views (PolkuStore  *store,
           gpointer     data,
           GError     **error)
{
  const char *client_id = data;

  for (guint i = 0; i < N_VIEWS; i++)
    if (!polku_audit_record (store, POLKU_AUDIT_CLIENT_VIEW, client_id, NULL, error))
      return FALSE;
  return TRUE;
}

static void
long_log_setup (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fixture_setup (f, data);
  g_assert_true (polku_store_run_batch (f->store, add_views, f->client_id, &error));
  g_assert_no_error (error);
}

static gpointer
take_lock (gpointer data)
{
  PolkuStore *store = data;
  g_autoptr(GError) error = NULL;

  if (polku_store_begin_use (store, &error) == NULL)
    return GINT_TO_POINTER (FALSE);
  polku_store_end_use (store);
  return GINT_TO_POINTER (TRUE);
}

/* A write from another thread while the verification is under way. */
static gpointer
write_entry (gpointer data)
{
  Progress *progress = data;

  return GINT_TO_POINTER (polku_audit_record (progress->store, POLKU_AUDIT_CLIENT_VIEW,
                                              progress->client_id, NULL, NULL));
}

static void
on_progress (gint64   n_checked,
             gint64   n_total,
             gpointer user_data)
{
  Progress *progress = user_data;

  g_array_append_val (progress->checked, n_checked);
  progress->total = n_total;
  /* Between parts another thread gets the store (a GRecMutex would let this one in). */
  if (!GPOINTER_TO_INT (g_thread_join (g_thread_new ("reader", take_lock, progress->store))))
    progress->store_free = FALSE;
  if (progress->checked->len == 1 && progress->client_id != NULL)
    progress->wrote = GPOINTER_TO_INT (g_thread_join (g_thread_new ("writer", write_entry,
                                                                    progress)));
  if (progress->cancel_after != NULL)
    g_cancellable_cancel (progress->cancel_after);
}

static void
test_progress (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) checked = g_array_new (FALSE, FALSE, sizeof (gint64));
  Progress progress = { checked, 0, NULL, TRUE, FALSE, f->store, f->client_id };
  PolkuAuditVerification result = { 0 };
  /* The fixture's client.create, and the entry written during the first part. */
  gint64 n = N_VIEWS + 2;

  g_assert_true (polku_audit_verify_with_progress (f->store, &result, on_progress, &progress,
                                                   NULL, &error));
  g_assert_no_error (error);
  g_assert_true (progress.wrote);
  /* The entry written meanwhile is checked too: the last part reads the end of the chain.
   * The anchor was read before the first part, so it proves the log up to the entry
   * before. */
  g_assert_cmpint (result.n_entries, ==, n);
  g_assert_cmpint (result.anchored, ==, n - 1);

  /* Parts of 1,000: thirteen calls, climbing to the whole log. */
  g_assert_cmpuint (checked->len, ==, 13);
  for (guint i = 0; i < 12; i++)
    g_assert_cmpint (g_array_index (checked, gint64, i), ==, 1000 * (i + 1));
  g_assert_cmpint (g_array_index (checked, gint64, 12), ==, n);
  g_assert_cmpint (progress.total, ==, n);
  g_assert_true (progress.store_free);
}

/* The store's lock is free during the whole verification, the file's integrity check
 * included: another thread holding it does not keep the verification waiting. */
static gpointer
verify_thread (gpointer data)
{
  PolkuStore *store = data;
  PolkuAuditVerification result = { 0 };

  return GINT_TO_POINTER (polku_audit_verify_with_progress (store, &result, NULL, NULL, NULL,
                                                            NULL));
}

static void
test_lock_free (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  GThread *thread;
  sqlite3 *db;

  db = polku_store_begin_use (f->store, &error);
  g_assert_no_error (error);
  g_assert_nonnull (db);
  /* Held here for the whole verification: it finishes all the same. */
  thread = g_thread_new ("verify", verify_thread, f->store);
  g_assert_true (GPOINTER_TO_INT (g_thread_join (thread)));
  polku_store_end_use (f->store);
}

static void
test_cancel (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) checked = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  Progress progress = { checked, 0, cancellable, TRUE, FALSE, f->store, NULL };
  PolkuAuditVerification result = { 0 };

  g_assert_false (polku_audit_verify_with_progress (f->store, &result, on_progress, &progress,
                                                    cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpuint (checked->len, ==, 1);
  g_assert_cmpint (result.n_entries, ==, 0);
  g_assert_cmpint (result.anchored, ==, 0);

  /* Cancelled before it starts: nothing read. */
  g_clear_error (&error);
  g_array_set_size (checked, 0);
  g_assert_false (polku_audit_verify_with_progress (f->store, &result, on_progress, &progress,
                                                    cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpuint (checked->len, ==, 0);

  /* A cancel is not damage: the store still writes, and a new check passes. */
  g_clear_error (&error);
  g_assert_false (polku_store_is_damaged (f->store));
  g_assert_true (polku_audit_record (f->store, POLKU_AUDIT_CLIENT_VIEW, f->client_id, NULL,
                                     &error));
  g_assert_no_error (error);
  g_assert_true (polku_audit_verify_with_progress (f->store, &result, NULL, NULL, NULL,
                                                   &error));
  g_assert_no_error (error);
  g_assert_cmpint (result.n_entries, ==, N_VIEWS + 2);
}

static void
tamper (PolkuStore *store,
        const char *sql)
{
  g_autoptr(GError) error = NULL;
  sqlite3 *db = polku_store_begin_use (store, &error);

  g_assert_no_error (error);
  g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
  polku_store_end_use (store);
}

static void
test_tamper_in_later_part (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  PolkuAuditVerification result = { 0 };

  tamper (f->store, "DROP TRIGGER audit_entry_no_update;"
                    "UPDATE audit_entry SET actor = 'Joku muu' WHERE seq = 11999;");
  g_assert_false (polku_audit_verify_with_progress (f->store, &result, NULL, NULL, NULL,
                                                    &error));
  g_assert_error (error, POLKU_AUDIT_ERROR, POLKU_AUDIT_ERROR_TAMPERED);
  g_assert_nonnull (strstr (error->message, "entry 11999 "));
}

static void
test_cut_at_part_boundary (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  PolkuAuditVerification result = { 0 };

  /* The entry that starts the sixth part removed: found, though no part holds it. */
  tamper (f->store, "DROP TRIGGER audit_entry_no_delete;"
                    "DELETE FROM audit_entry WHERE seq = 5001;");
  g_assert_false (polku_audit_verify_with_progress (f->store, &result, NULL, NULL, NULL,
                                                    &error));
  g_assert_error (error, POLKU_AUDIT_ERROR, POLKU_AUDIT_ERROR_TAMPERED);
  g_assert_nonnull (strstr (error->message, "entry 5001 is missing"));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/audit-progress/progress", Fixture, NULL, long_log_setup, test_progress,
              fixture_teardown);
  g_test_add ("/audit-progress/lock-free", Fixture, NULL, long_log_setup, test_lock_free,
              fixture_teardown);
  g_test_add ("/audit-progress/cancel", Fixture, NULL, long_log_setup, test_cancel,
              fixture_teardown);
  g_test_add ("/audit-progress/tamper-in-later-part", Fixture, NULL, long_log_setup,
              test_tamper_in_later_part, fixture_teardown);
  g_test_add ("/audit-progress/cut-at-part-boundary", Fixture, NULL, long_log_setup,
              test_cut_at_part_boundary, fixture_teardown);

  return g_test_run ();
}
