/* test-record.c: PolkuRecord, the id, stamps and client that every record class shares
 *
 * Copyright 2026 The Polku authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "polku-assessment.h"
#include "polku-case-note.h"
#include "polku-case-phase-change.h"
#include "polku-case-sign.h"
#include "polku-case.h"
#include "polku-consent.h"
#include "polku-contact.h"
#include "polku-followup.h"
#include "polku-record-private.h"
#include "polku-store-private.h"
#include "polku-team-member.h"
#include "polku-team-responsible.h"

#define ID       "6f1c2f0e-4a4b-4c53-9d6e-0a8f3b5b9a01"
#define CLIENT   "0b7d8e52-91a4-4f0c-8f59-3c2e1d7a6b10"
#define CREATED  "2026-03-01T08:00:00.000Z"
#define MODIFIED "2026-03-02T09:30:00.000Z"

/* A subclass of its own, with one property of its own. */
#define TEST_TYPE_NOTE (test_note_get_type ())
G_DECLARE_FINAL_TYPE (TestNote, test_note, TEST, NOTE, PolkuRecord)

struct _TestNote
{
  PolkuRecord  parent_instance;

  char        *body;
};

G_DEFINE_FINAL_TYPE (TestNote, test_note, POLKU_TYPE_RECORD)

static void
test_note_finalize (GObject *object)
{
  g_free (TEST_NOTE (object)->body);
  G_OBJECT_CLASS (test_note_parent_class)->finalize (object);
}

static void
test_note_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  g_value_set_string (value, TEST_NOTE (object)->body);
}

static void
test_note_set_property (GObject      *object,
                        guint         prop_id,
                        const GValue *value,
                        GParamSpec   *pspec)
{
  g_free (TEST_NOTE (object)->body);
  TEST_NOTE (object)->body = g_value_dup_string (value);
}

static void
test_note_class_init (TestNoteClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = test_note_finalize;
  object_class->get_property = test_note_get_property;
  object_class->set_property = test_note_set_property;
  g_object_class_install_property (object_class, 1,
                                   g_param_spec_string ("body", NULL, NULL, NULL,
                                                        G_PARAM_READWRITE
                                                        | G_PARAM_CONSTRUCT_ONLY
                                                        | G_PARAM_STATIC_STRINGS));
}

static void
test_note_init (TestNote *self)
{
}

POLKU_RECORD_DEFINE_GETTERS (TestNote, test_note)

static void
assert_base (gpointer    object,
             const char *id,
             const char *created,
             const char *modified,
             const char *client_id)
{
  PolkuRecord *record = POLKU_RECORD (object);
  g_autofree char *id_property = NULL;
  g_autofree char *created_property = NULL;
  g_autofree char *modified_property = NULL;
  g_autofree char *client_property = NULL;

  g_assert_cmpstr (polku_record_get_id (record), ==, id);
  g_assert_cmpstr (polku_record_get_created (record), ==, created);
  g_assert_cmpstr (polku_record_get_modified (record), ==, modified);
  g_assert_cmpstr (polku_record_get_client_id (record), ==, client_id);
  g_object_get (object, "id", &id_property, "created", &created_property,
                "modified", &modified_property, "client-id", &client_property, NULL);
  g_assert_cmpstr (id_property, ==, id);
  g_assert_cmpstr (created_property, ==, created);
  g_assert_cmpstr (modified_property, ==, modified);
  g_assert_cmpstr (client_property, ==, client_id);
}

static void
test_properties (void)
{
  const char * const names[] = { "id", "created", "modified", "client-id" };
  const GType types[] = {
    TEST_TYPE_NOTE, POLKU_TYPE_CASE, POLKU_TYPE_CASE_NOTE, POLKU_TYPE_CASE_PHASE_CHANGE,
    POLKU_TYPE_CASE_SIGN, POLKU_TYPE_CONSENT, POLKU_TYPE_FOLLOWUP, POLKU_TYPE_TEAM_MEMBER,
    POLKU_TYPE_TEAM_RESPONSIBLE, POLKU_TYPE_CONTACT, POLKU_TYPE_ASSESSMENT,
  };
  g_autoptr(TestNote) note = g_object_new (TEST_TYPE_NOTE,
                                           "id", ID, "created", CREATED, "modified", MODIFIED,
                                           "client-id", CLIENT, "body", "Soitettu.", NULL);
  g_autoptr(TestNote) empty = g_object_new (TEST_TYPE_NOTE, NULL);

  assert_base (note, ID, CREATED, MODIFIED, CLIENT);
  g_assert_cmpstr (note->body, ==, "Soitettu.");
  g_assert_cmpstr (test_note_get_id (note), ==, ID);
  g_assert_cmpstr (test_note_get_created (note), ==, CREATED);
  g_assert_cmpstr (test_note_get_modified (note), ==, MODIFIED);
  g_assert_cmpstr (test_note_get_client_id (note), ==, CLIENT);
  assert_base (empty, NULL, NULL, NULL, NULL);

  /* Every record class has the same four properties, from the base: set once (so that the
   * store and g_object_new () can fill them), readable, notified only by hand. */
  for (guint t = 0; t < G_N_ELEMENTS (types); t++)
    {
      g_autoptr(GTypeClass) klass = g_type_class_ref (types[t]);

      g_assert_true (g_type_is_a (types[t], POLKU_TYPE_RECORD));
      for (guint i = 0; i < G_N_ELEMENTS (names); i++)
        {
          GParamSpec *pspec = g_object_class_find_property (G_OBJECT_CLASS (klass), names[i]);

          g_assert_nonnull (pspec);
          g_assert_true (pspec->owner_type == POLKU_TYPE_RECORD);
          g_assert_true (pspec->value_type == G_TYPE_STRING);
          g_assert_cmpint (pspec->flags & (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY
                                           | G_PARAM_EXPLICIT_NOTIFY),
                           ==,
                           G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY
                           | G_PARAM_EXPLICIT_NOTIFY);
        }
    }
}

static void
count_notify (GObject    *object,
              GParamSpec *pspec,
              GString    *log)
{
  g_string_append_printf (log, "%s;", pspec->name);
}

static void
test_notify (void)
{
  g_autoptr(TestNote) note = g_object_new (TEST_TYPE_NOTE, "client-id", CLIENT, NULL);
  g_autoptr(TestNote) copy = g_object_new (TEST_TYPE_NOTE, NULL);
  g_autoptr(GString) log = g_string_new (NULL);
  g_autoptr(GString) copy_log = g_string_new (NULL);
  PolkuRecord *record = POLKU_RECORD (note);

  g_signal_connect (note, "notify", G_CALLBACK (count_notify), log);
  g_signal_connect (copy, "notify", G_CALLBACK (count_notify), copy_log);

  polku_record_set_stamps (record, ID, CREATED, CREATED);
  g_assert_cmpstr (log->str, ==, "id;created;modified;");
  g_string_truncate (log, 0);

  /* The same values again: nothing changes, nothing is notified. */
  polku_record_set_stamps (record, ID, CREATED, CREATED);
  polku_record_set_client_id (record, CLIENT);
  g_assert_cmpstr (log->str, ==, "");

  /* The record's own strings, as a store passes them back. */
  polku_record_set_stamps (record, polku_record_get_id (record),
                           polku_record_get_created (record),
                           polku_record_get_created (record));
  g_assert_cmpstr (log->str, ==, "");
  assert_base (note, ID, CREATED, CREATED, CLIENT);

  /* A save changes only the modified stamp. */
  polku_record_set_stamps (record, ID, CREATED, MODIFIED);
  g_assert_cmpstr (log->str, ==, "modified;");
  g_string_truncate (log, 0);

  polku_record_set_client_id (record, NULL);
  g_assert_cmpstr (log->str, ==, "client-id;");
  g_assert_null (polku_record_get_client_id (record));
  g_string_truncate (log, 0);
  polku_record_set_client_id (record, CLIENT);
  g_assert_cmpstr (log->str, ==, "client-id;");
  g_string_truncate (log, 0);

  polku_record_set_from (POLKU_RECORD (copy), record);
  assert_base (copy, ID, CREATED, MODIFIED, CLIENT);
  g_assert_cmpstr (copy_log->str, ==, "id;created;modified;client-id;");
  g_string_truncate (copy_log, 0);
  polku_record_set_from (POLKU_RECORD (copy), record);
  g_assert_cmpstr (copy_log->str, ==, "");
  g_assert_cmpstr (log->str, ==, "");
}

/* A contact's client is edited: trimmed, NULL when blank, notified on real change only. */
static void
test_contact_client (void)
{
  g_autoptr(PolkuContact) contact = polku_contact_new ();
  g_autoptr(PolkuContact) copy = NULL;
  g_autoptr(GString) log = g_string_new (NULL);

  g_signal_connect (contact, "notify", G_CALLBACK (count_notify), log);
  polku_contact_set_client_id (contact, "  " CLIENT " ");
  g_assert_cmpstr (polku_contact_get_client_id (contact), ==, CLIENT);
  polku_contact_set_client_id (contact, CLIENT);
  g_assert_cmpstr (log->str, ==, "client-id;");
  polku_contact_set_client_id (contact, "   ");
  g_assert_null (polku_contact_get_client_id (contact));
  g_assert_cmpstr (log->str, ==, "client-id;client-id;");

  polku_contact_set_client_id (contact, CLIENT);
  polku_record_set_stamps (POLKU_RECORD (contact), ID, CREATED, MODIFIED);
  copy = polku_contact_copy (contact);
  assert_base (copy, ID, CREATED, MODIFIED, CLIENT);
}

static void
test_object_from_row (void)
{
  static const char * const note_properties[] = {
    "id", "created", "modified", "client-id", "author", "body", NULL
  };
  static const char * const test_properties[] = {
    "id", "created", "modified", "client-id", "", "body", NULL
  };
  g_autoptr(PolkuCaseNote) note = NULL;
  g_autoptr(TestNote) test_note = NULL;
  g_autoptr(TestNote) nulls = NULL;
  sqlite3_stmt *stmt = NULL;
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (":memory:", &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db,
                                       "SELECT '" ID "', '" CREATED "', '" MODIFIED "', '"
                                       CLIENT "', 'Liisa', 'Soitettu.'"
                                       " UNION ALL SELECT NULL, NULL, NULL, NULL, NULL, NULL",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  note = polku_store_object_from_row (stmt, POLKU_TYPE_CASE_NOTE, note_properties, NULL);
  test_note = polku_store_object_from_row (stmt, TEST_TYPE_NOTE, test_properties, NULL);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  nulls = polku_store_object_from_row (stmt, TEST_TYPE_NOTE, test_properties, NULL);
  sqlite3_finalize (stmt);
  sqlite3_close (db);

  assert_base (note, ID, CREATED, MODIFIED, CLIENT);
  g_assert_cmpstr (polku_case_note_get_id (note), ==, ID);
  g_assert_cmpstr (polku_case_note_get_client_id (note), ==, CLIENT);
  g_assert_cmpstr (polku_case_note_get_author (note), ==, "Liisa");
  g_assert_cmpstr (polku_case_note_get_body (note), ==, "Soitettu.");
  assert_base (test_note, ID, CREATED, MODIFIED, CLIENT);
  g_assert_cmpstr (test_note->body, ==, "Soitettu.");
  assert_base (nulls, NULL, NULL, NULL, NULL);
  g_assert_null (nulls->body);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/record/properties", test_properties);
  g_test_add_func ("/record/notify", test_notify);
  g_test_add_func ("/record/contact-client", test_contact_client);
  g_test_add_func ("/record/object-from-row", test_object_from_row);
  return g_test_run ();
}
