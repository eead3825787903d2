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

#include "polku-audit.h"
#include "polku-client-store.h"
#include "polku-demo.h"
#include "polku-store-private.h"

#include "test-common.h"

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
  ADD ("/audit/survives-reopen", test_survives_reopen);
  ADD ("/audit/every-action-has-a-label", test_every_action_has_a_label);
#undef ADD

  return g_test_run ();
}
