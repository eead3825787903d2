/* test-audit.c: the hash-chained audit log: entries for client changes and views, the
 * append-only rule, and verification that finds edited, removed and added entries
 *
 * Copyright 2026 The Polku authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <sqlcipher/sqlite3.h>
#include <string.h>

#include "polku-assessment-store.h"
#include "polku-audit.h"
#include "polku-client-store.h"
#include "polku-demo.h"
#include "polku-store-private.h"

#include "test-common.h"

#define ZERO_HASH "0000000000000000000000000000000000000000000000000000000000000000"

typedef struct
{
  char       *dir;
  char       *path;
  PolkuStore *store;
  char       *client_id;
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PolkuClient) client = polku_client_new ();

  f->dir = g_dir_make_tmp ("polku-test-audit-XXXXXX", NULL);
  g_assert_nonnull (f->dir);
  f->path = g_build_filename (f->dir, "polku.db", NULL);
  f->store = polku_store_open (f->path, POLKU_KEY_RAW, KEY, TRUE, &error);
  g_assert_no_error (error);
  polku_store_set_actor (f->store, "Testi Työntekijä");

  polku_client_set_given_name (client, "Aino");
  polku_client_set_family_name (client, "Virtanen");
  polku_client_set_hetu (client, "131052-308T");
  g_assert_true (polku_client_store_save (f->store, client, &error));
  g_assert_no_error (error);
  f->client_id = g_strdup (polku_client_get_id (client));
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_clear_object (&f->store);
  remove_tree (f->dir);
  g_free (f->dir);
  g_free (f->path);
  g_free (f->client_id);
}

/* Runs SQL on the store's own connection, as someone with the key could. */
static int
raw_exec (PolkuStore *store,
          const char *sql)
{
  g_autoptr(GError) error = NULL;
  sqlite3 *db = polku_store_begin_use (store, &error);
  int rc;

  g_assert_no_error (error);
  rc = sqlite3_exec (db, sql, NULL, NULL, NULL) & 0xff;
  polku_store_end_use (store);
  return rc;
}

static void
assert_verifies (PolkuStore *store,
                 gint64      expected_entries)
{
  g_autoptr(GError) error = NULL;
  gint64 n = -1;

  g_assert_true (polku_audit_verify (store, &n, &error));
  g_assert_no_error (error);
  g_assert_cmpint (n, ==, expected_entries);
}

static void
assert_tampered (PolkuStore *store,
                 const char *expected_words)
{
  g_autoptr(GError) error = NULL;

  g_assert_false (polku_audit_verify (store, NULL, &error));
  g_assert_error (error, POLKU_AUDIT_ERROR, POLKU_AUDIT_ERROR_TAMPERED);
  if (strstr (error->message, expected_words) == NULL)
    g_error ("“%s” does not say “%s”", error->message, expected_words);
}

static void
test_client_changes_are_logged (Fixture       *f,
                                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PolkuClient) client = polku_client_store_get (f->store, f->client_id, &error);
  g_autoptr(GPtrArray) entries = NULL;
  PolkuAuditEntry *entry;

  g_assert_no_error (error);
  polku_client_set_phone (client, "040 123 4567");
  polku_client_set_municipality (client, "Kokkola");
  g_assert_true (polku_client_store_save (f->store, client, &error));
  g_assert_true (polku_client_store_set_archived (f->store, client, TRUE, &error));
  g_assert_true (polku_client_store_set_archived (f->store, client, FALSE, &error));
  g_assert_true (polku_audit_record (f->store, POLKU_AUDIT_CLIENT_VIEW, f->client_id, NULL,
                                     &error));
  g_assert_no_error (error);

  entries = polku_audit_list (f->store, f->client_id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (entries->len, ==, 5);

  /* Newest first. */
  entry = g_ptr_array_index (entries, 0);
  g_assert_cmpstr (polku_audit_entry_get_action (entry), ==, POLKU_AUDIT_CLIENT_VIEW);
  g_assert_cmpint (polku_audit_entry_get_seq (entry), ==, 5);
  g_assert_cmpstr (polku_audit_entry_get_actor (entry), ==, "Testi Työntekijä");
  g_assert_cmpstr (polku_audit_entry_get_client_id (entry), ==, f->client_id);
  g_assert_cmpstr (polku_audit_entry_get_action (g_ptr_array_index (entries, 1)), ==,
                   POLKU_AUDIT_CLIENT_RESTORE);
  g_assert_cmpstr (polku_audit_entry_get_action (g_ptr_array_index (entries, 2)), ==,
                   POLKU_AUDIT_CLIENT_ARCHIVE);
  entry = g_ptr_array_index (entries, 3);
  g_assert_cmpstr (polku_audit_entry_get_action (entry), ==, POLKU_AUDIT_CLIENT_UPDATE);
  /* Field names, never the values. */
  g_assert_cmpstr (polku_audit_entry_get_detail (entry), ==, "phone,municipality");
  entry = g_ptr_array_index (entries, 4);
  g_assert_cmpstr (polku_audit_entry_get_action (entry), ==, POLKU_AUDIT_CLIENT_CREATE);
  g_assert_cmpint (polku_audit_entry_get_seq (entry), ==, 1);

  assert_verifies (f->store, 5);
}

static void
test_failed_change_leaves_no_entry (Fixture       *f,
                                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PolkuClient) other = polku_client_new ();
  g_autoptr(GPtrArray) entries = NULL;

  /* The same identity code again: refused, and nothing is logged. */
  polku_client_set_given_name (other, "Bo");
  polku_client_set_family_name (other, "Lindqvist");
  polku_client_set_hetu (other, "131052-308T");
  g_assert_false (polku_client_store_save (f->store, other, &error));
  g_assert_error (error, POLKU_STORE_ERROR, POLKU_STORE_ERROR_CONSTRAINT);

  entries = polku_audit_list (f->store, NULL, NULL);
  g_assert_cmpuint (entries->len, ==, 1);
  assert_verifies (f->store, 1);
}

static void
test_append_only (Fixture       *f,
                  gconstpointer  data)
{
  g_assert_cmpint (raw_exec (f->store, "UPDATE audit_entry SET actor = 'x';"), ==,
                   SQLITE_CONSTRAINT);
  g_assert_cmpint (raw_exec (f->store, "DELETE FROM audit_entry;"), ==, SQLITE_CONSTRAINT);
  assert_verifies (f->store, 1);
}

static void
add_views (Fixture *f,
           guint    n)
{
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GError) error = NULL;

      g_assert_true (polku_audit_record (f->store, POLKU_AUDIT_CLIENT_VIEW, f->client_id,
                                         NULL, &error));
      g_assert_no_error (error);
    }
}

static void
test_tamper_edit (Fixture       *f,
                  gconstpointer  data)
{
  add_views (f, 4);
  assert_verifies (f->store, 5);

  /* Someone with the key drops the guard and rewrites who did it. */
  g_assert_cmpint (raw_exec (f->store,
                             "DROP TRIGGER audit_entry_no_update;"
                             "UPDATE audit_entry SET actor = 'Joku muu' WHERE seq = 3;"),
                   ==, SQLITE_OK);
  assert_tampered (f->store, "entry 3");
}

static void
test_tamper_edit_and_rehash_one (Fixture       *f,
                                 gconstpointer  data)
{
  add_views (f, 4);

  /* Changing an entry and its own hash breaks the link to the next entry. */
  g_assert_cmpint (raw_exec (f->store,
                             "DROP TRIGGER audit_entry_no_update;"
                             "UPDATE audit_entry SET hash = '"
                             "1111111111111111111111111111111111111111111111111111111111111111'"
                             " WHERE seq = 2;"),
                   ==, SQLITE_OK);
  assert_tampered (f->store, "entry 2");
}

static void
test_tamper_remove_middle (Fixture       *f,
                           gconstpointer  data)
{
  add_views (f, 4);
  g_assert_cmpint (raw_exec (f->store,
                             "DROP TRIGGER audit_entry_no_delete;"
                             "DELETE FROM audit_entry WHERE seq = 4;"),
                   ==, SQLITE_OK);
  assert_tampered (f->store, "entry 4 is missing");
}

static void
test_tamper_remove_newest (Fixture       *f,
                           gconstpointer  data)
{
  add_views (f, 4);
  g_assert_cmpint (raw_exec (f->store,
                             "DROP TRIGGER audit_entry_no_delete;"
                             "DELETE FROM audit_entry WHERE seq >= 4;"),
                   ==, SQLITE_OK);
  assert_tampered (f->store, "newest");
}

static void
test_tamper_insert (Fixture       *f,
                    gconstpointer  data)
{
  add_views (f, 1);
  g_assert_cmpint (raw_exec (f->store,
                             "INSERT INTO audit_entry (seq, id, created, modified, actor, action,"
                             " client_id, detail, prev_hash, hash) SELECT 3,"
                             " '00000000-0000-4000-8000-000000000000', created, modified,"
                             " actor, action, client_id, detail, hash, hash"
                             " FROM audit_entry WHERE seq = 2;"),
                   ==, SQLITE_OK);
  assert_tampered (f->store, "entry 3");
}

static void
test_survives_reopen (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  add_views (f, 2);
  g_clear_object (&f->store);
  f->store = polku_store_open (f->path, POLKU_KEY_RAW, KEY, FALSE, &error);
  g_assert_no_error (error);
  add_views (f, 1);
  assert_verifies (f->store, 4);
}

/* Every action that Polku records has a label for the Log view. */
static void
test_every_action_has_a_label (Fixture       *f,
                               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GHashTable) actions = g_hash_table_new (g_str_hash, g_str_equal);

  g_assert_true (polku_demo_populate (f->store, 12, 2026, &error));
  g_assert_no_error (error);
  /* Views that only polku-cli records (the demo does not make them). */
  g_assert_true (polku_audit_record (f->store, "client.list", NULL, "cli=clients.list", &error));
  g_assert_true (polku_audit_record (f->store, "case.list", NULL, "cli=case.list", &error));
  /* Sync and reports (their own tests make them for real). */
  {
    static const char * const more[] = { "sync.run", "sync.push", "sync.remove", "sync.pull",
                                         "sync.conflict", "sync.resolve", "report.run",
                                         "report.export", "report.combine",
                                         "county_key.import", "county_key.new",
                                         "county_key.delete" };

    for (guint i = 0; i < G_N_ELEMENTS (more); i++)
      g_assert_true (polku_audit_record (f->store, more[i], NULL, "test=labels", &error));
  }
  g_assert_no_error (error);
  entries = polku_audit_list (f->store, NULL, &error);
  g_assert_no_error (error);

  for (guint i = 0; i < entries->len; i++)
    {
      PolkuAuditEntry *entry = g_ptr_array_index (entries, i);
      g_autofree char *label = polku_audit_entry_dup_action_label (entry);

      g_hash_table_add (actions, (gpointer) polku_audit_entry_get_action (entry));
      if (g_strcmp0 (label, polku_audit_entry_get_action (entry)) == 0)
        g_error ("The action “%s” has no label in polku-audit.c",
                 polku_audit_entry_get_action (entry));
    }
  /* The demo exercises more than client changes. */
  g_assert_cmpuint (g_hash_table_size (actions), >=, 5);
  assert_verifies (f->store, entries->len);
}

/* Truncation that keeps the chain whole: the guards dropped, the newest entries deleted and
 * the head rewritten to the new end. The anchor kept outside the database finds it. */
static void
test_tamper_truncate_and_rewrite_head (Fixture       *f,
                                       gconstpointer  data)
{
  add_views (f, 4);
  g_assert_cmpint (raw_exec (f->store,
                             "DROP TRIGGER audit_entry_no_delete;"
                             "DELETE FROM audit_entry WHERE seq >= 3;"
                             "UPDATE audit_head SET seq = 2,"
                             " hash = (SELECT hash FROM audit_entry WHERE seq = 2);"),
                   ==, SQLITE_OK);
  assert_tampered (f->store, "outside the database");
}

/* The same with everything deleted. */
static void
test_tamper_truncate_all (Fixture       *f,
                          gconstpointer  data)
{
  add_views (f, 2);
  g_assert_cmpint (raw_exec (f->store,
                             "DROP TRIGGER audit_entry_no_delete;"
                             "DELETE FROM audit_entry;"
                             "UPDATE audit_head SET seq = 0, hash = '" ZERO_HASH "';"),
                   ==, SQLITE_OK);
  assert_tampered (f->store, "outside the database");
}

/* A guard trigger gone is tampering even when no entry was touched (yet). */
static void
test_tamper_guard_dropped (Fixture       *f,
                           gconstpointer  data)
{
  add_views (f, 2);
  g_assert_cmpint (raw_exec (f->store, "DROP TRIGGER audit_entry_no_update;"), ==, SQLITE_OK);
  assert_tampered (f->store, "audit_entry_no_update");
}

/* How far back verify can prove: to the anchor; without one (a profile older than anchors,
 * or the file removed), nothing beyond the chain itself. */
static void
test_anchor_reach (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *anchor = g_strconcat (f->path, ".anchor", NULL);
  PolkuAuditVerification result;

  add_views (f, 3);
  g_assert_true (polku_audit_verify_full (f->store, &result, &error));
  g_assert_no_error (error);
  g_assert_cmpint (result.anchored, ==, result.n_entries);
  g_assert_cmpint (result.n_entries, >, 3);

  g_assert_cmpint (g_unlink (anchor), ==, 0);
  g_assert_true (polku_audit_verify_full (f->store, &result, &error));
  g_assert_cmpint (result.anchored, ==, 0);

  /* The next change writes it again. */
  add_views (f, 1);
  g_assert_true (polku_audit_verify_full (f->store, &result, &error));
  g_assert_cmpint (result.anchored, ==, result.n_entries);
}

static void
flip_byte (const char *path,
           goffset     from_end)
{
  g_autofree char *contents = NULL;
  gsize length;

  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  g_assert_cmpuint (length, >, (gsize) from_end);
  contents[length - from_end] ^= 0x20;
  g_assert_true (g_file_set_contents (path, contents, length, NULL));
}

/* One byte flipped on disk: verify says the file is damaged, and no write goes in. */
static void
test_damaged_file (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PolkuStore) store = NULL;
  PolkuAuditVerification result;

  add_views (f, 2);
  polku_store_close (f->store);
  flip_byte (f->path, 200);

  store = polku_store_open (f->path, POLKU_KEY_RAW, KEY, FALSE, &error);
  g_assert_no_error (error);
  g_assert_false (polku_audit_verify_full (store, &result, &error));
  g_assert_error (error, POLKU_STORE_ERROR, POLKU_STORE_ERROR_DAMAGED);
  g_clear_error (&error);
  g_assert_true (polku_store_is_damaged (store));
  g_assert_false (polku_audit_record (store, POLKU_AUDIT_CLIENT_VIEW, f->client_id, NULL,
                                      &error));
  g_assert_error (error, POLKU_STORE_ERROR, POLKU_STORE_ERROR_DAMAGED);
}

/* On a schedule: an open more than a day after the last check checks the file. */
static void
test_damaged_found_at_open (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PolkuStore) store = NULL;
  g_autofree char *anchor = g_strconcat (f->path, ".anchor", NULL);
  g_autoptr(GKeyFile) keyfile = g_key_file_new ();

  add_views (f, 2);
  polku_store_close (f->store);
  g_assert_true (g_key_file_load_from_file (keyfile, anchor, G_KEY_FILE_NONE, NULL));
  g_key_file_set_string (keyfile, "Integrity", "checked", "2020-01-01T00:00:00.000Z");
  g_assert_true (g_key_file_save_to_file (keyfile, anchor, NULL));
  flip_byte (f->path, 200);

  store = polku_store_open (f->path, POLKU_KEY_RAW, KEY, FALSE, &error);
  g_assert_no_error (error);
  g_assert_true (polku_store_is_damaged (store));
}

static guint
count_actions (Fixture    *f,
               const char *action)
{
  g_autoptr(GPtrArray) entries = polku_audit_list (f->store, f->client_id, NULL);
  guint n = 0;

  for (guint i = 0; i < entries->len; i++)
    n += g_strcmp0 (polku_audit_entry_get_action (g_ptr_array_index (entries, i)), action) == 0;
  return n;
}

/* A WHOQOL-BREF draft saved at every answer leaves one entry per form session, not one per
 * keypress; another entry in between starts a new session; completing is always recorded. */
static void
test_draft_progress_once_per_session (Fixture       *f,
                                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PolkuInstrument) instrument = polku_instrument_lookup ("whoqol-bref", &error);
  g_autoptr(PolkuAssessment) draft = polku_assessment_new (f->client_id, instrument);
  g_autoptr(GPtrArray) all = NULL;

  polku_assessment_set_date (draft, "2026-03-01");
  g_assert_true (polku_assessment_store_save (f->store, draft, &error));
  g_assert_no_error (error);
  for (guint i = 0; i < 10; i++)
    {
      polku_assessment_set_answer (draft, i, 3);
      polku_assessment_set_position (draft, i + 1);
      g_assert_true (polku_assessment_store_save (f->store, draft, &error));
    }
  g_assert_cmpuint (count_actions (f, POLKU_AUDIT_ASSESSMENT_ADD), ==, 1);
  g_assert_cmpuint (count_actions (f, POLKU_AUDIT_ASSESSMENT_UPDATE), ==, 1);

  /* The form was closed and opened again (the client's page was read meanwhile). */
  add_views (f, 1);
  for (guint i = 10; i < 26; i++)
    {
      polku_assessment_set_answer (draft, i, 3);
      g_assert_true (polku_assessment_store_save (f->store, draft, &error));
    }
  g_assert_cmpuint (count_actions (f, POLKU_AUDIT_ASSESSMENT_UPDATE), ==, 2);

  polku_assessment_set_status (draft, POLKU_ASSESSMENT_STATUS_COMPLETE);
  g_assert_true (polku_assessment_store_save (f->store, draft, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (count_actions (f, POLKU_AUDIT_ASSESSMENT_UPDATE), ==, 3);
  all = polku_audit_list (f->store, NULL, NULL);
  assert_verifies (f->store, all->len);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("/audit/client-changes-are-logged", test_client_changes_are_logged);
  ADD ("/audit/failed-change-leaves-no-entry", test_failed_change_leaves_no_entry);
  ADD ("/audit/append-only", test_append_only);
  ADD ("/audit/tamper/edit", test_tamper_edit);
  ADD ("/audit/tamper/edit-and-rehash-one", test_tamper_edit_and_rehash_one);
  ADD ("/audit/tamper/remove-middle", test_tamper_remove_middle);
  ADD ("/audit/tamper/remove-newest", test_tamper_remove_newest);
  ADD ("/audit/tamper/insert", test_tamper_insert);
  ADD ("/audit/tamper/truncate-and-rewrite-head", test_tamper_truncate_and_rewrite_head);
  ADD ("/audit/tamper/truncate-all", test_tamper_truncate_all);
  ADD ("/audit/tamper/guard-dropped", test_tamper_guard_dropped);
  ADD ("/audit/anchor-reach", test_anchor_reach);
  ADD ("/audit/damaged-file", test_damaged_file);
  ADD ("/audit/damaged-found-at-open", test_damaged_found_at_open);
  ADD ("/audit/draft-progress-once-per-session", test_draft_progress_once_per_session);
  ADD ("/audit/survives-reopen", test_survives_reopen);
  ADD ("/audit/every-action-has-a-label", test_every_action_has_a_label);
#undef ADD

  return g_test_run ();
}
