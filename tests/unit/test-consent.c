/* test-consent.c: consents: structured scope, validity, withdrawal that is never a deletion,
 * and the one check that decides sharing
 *
 * Copyright 2026 The Polku authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "case-test-helpers.h"

static PolkuConsent *
make_draft (const char          *client,
            const char          *given_on,
            const char          *given_by,
            const char          *representative,
            const char          *method,
            const char * const  *organisations,
            const char * const  *parts,
            const char          *valid_until)
{
  return g_object_new (POLKU_TYPE_CONSENT,
                       "client-id", client,
                       "given-on", given_on,
                       "given-by", given_by,
                       "representative", representative,
                       "method", method,
                       "organisations", organisations,
                       "parts", parts,
                       "valid-until", valid_until,
                       NULL);
}

static guint
count_consents (Fixture *f)
{
  g_autoptr(GPtrArray) list = polku_consent_store_list (f->store, client_id (f), NULL);

  return list->len;
}

static void
test_scope_and_validity (Fixture       *f,
                         gconstpointer  data)
{
  static const char * const organisations[] = {
    "Hyvinvointialue, sosiaalipalvelut", " Kela ", "Kela", NULL
  };
  static const char * const parts[] = { "goals", "actions", "team", NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(PolkuConsent) draft = NULL;
  g_autoptr(PolkuConsent) consent = NULL;
  g_autoptr(PolkuConsent) withdrawn = NULL;
  g_autoptr(GPtrArray) list = NULL;
  g_autofree char *d100 = days_from_today (-100);
  g_autofree char *d101 = days_from_today (-101);
  g_autofree char *d10 = days_from_today (-10);
  g_autofree char *d9 = days_from_today (-9);
  g_autofree char *d5 = days_from_today (-5);
  g_autofree char *in_year = days_from_today (365);
  g_autofree char *in_two_years = days_from_today (730);
  const char *id = client_id (f);

  /* Before any consent: no, and it says so. */
  g_assert_false (polku_consent_check (f->store, id, NULL, NULL, NULL, &error));
  g_assert_error (error, POLKU_CONSENT_ERROR, POLKU_CONSENT_ERROR_NO_CONSENT);
  g_assert_nonnull (strstr (error->message, "no consent"));
  g_clear_error (&error);

  draft = make_draft (id, d100, "legal_representative", "Pekka Salo (edunvalvoja)",
                      "written", organisations, parts, in_year);
  consent = polku_consent_store_add (f->store, draft, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (polku_consent_get_given_on (consent), ==, d100);
  g_assert_cmpstr (polku_consent_get_given_by (consent), ==, "legal_representative");
  g_assert_cmpstr (polku_consent_get_representative (consent), ==, "Pekka Salo (edunvalvoja)");
  g_assert_cmpstr (polku_consent_get_method (consent), ==, "written");
  g_assert_cmpstr (polku_consent_get_recorded_by (consent), ==, "Sanna Koivisto");
  g_assert_cmpstr (polku_consent_get_valid_until (consent), ==, in_year);
  /* The scope is structured: trimmed, without repeats, in the order given. */
  g_assert_cmpuint (g_strv_length ((char **) polku_consent_get_organisations (consent)), ==, 2);
  g_assert_cmpstr (polku_consent_get_organisations (consent)[1], ==, "Kela");
  g_assert_true (g_strv_equal (polku_consent_get_parts (consent), parts));

  /* The one check: organisation and part in scope, on a day within validity. */
  g_assert_true (polku_consent_check (f->store, id, NULL, NULL, NULL, &error));
  g_assert_true (polku_consent_check (f->store, id, "Kela", "goals", NULL, &error));
  g_assert_true (polku_consent_check (f->store, id, "Kela", NULL, d100, &error));
  g_assert_no_error (error);

  g_assert_false (polku_consent_check (f->store, id, "Työllisyyspalvelut", NULL, NULL, &error));
  g_assert_error (error, POLKU_CONSENT_ERROR, POLKU_CONSENT_ERROR_NO_CONSENT);
  g_assert_nonnull (strstr (error->message, "Työllisyyspalvelut"));
  g_clear_error (&error);
  g_assert_false (polku_consent_check (f->store, id, "Kela", "measures", NULL, &error));
  g_assert_error (error, POLKU_CONSENT_ERROR, POLKU_CONSENT_ERROR_NO_CONSENT);
  g_clear_error (&error);
  g_assert_false (polku_consent_check (f->store, id, NULL, NULL, d101, &error));
  g_assert_error (error, POLKU_CONSENT_ERROR, POLKU_CONSENT_ERROR_NO_CONSENT);
  g_clear_error (&error);
  g_assert_false (polku_consent_check (f->store, id, NULL, NULL, in_two_years, &error));
  g_assert_error (error, POLKU_CONSENT_ERROR, POLKU_CONSENT_ERROR_NO_CONSENT);
  g_clear_error (&error);
  g_assert_false (polku_consent_check (f->store, id, NULL, NULL, "2026-02-30", &error));
  g_assert_error (error, POLKU_CONSENT_ERROR, POLKU_CONSENT_ERROR_INVALID);
  g_clear_error (&error);

  /* Withdrawn ten days ago: valid the day before, not on the day, not after. History stays. */
  withdrawn = polku_consent_store_withdraw (f->store, polku_consent_get_id (consent), d10,
                                            &error);
  g_assert_no_error (error);
  g_assert_cmpstr (polku_consent_get_withdrawn_on (withdrawn), ==, d10);
  g_assert_cmpstr (polku_consent_get_withdrawal_recorded_by (withdrawn), ==, "Sanna Koivisto");
  g_assert_true (polku_consent_check (f->store, id, NULL, NULL, d100, &error));
  {
    g_autofree char *d11 = days_from_today (-11);

    g_assert_true (polku_consent_check (f->store, id, NULL, NULL, d11, &error));
  }
  g_assert_false (polku_consent_check (f->store, id, NULL, NULL, d10, NULL));
  g_assert_false (polku_consent_check (f->store, id, NULL, NULL, NULL, &error));
  g_assert_error (error, POLKU_CONSENT_ERROR, POLKU_CONSENT_ERROR_NO_CONSENT);
  g_assert_nonnull (strstr (error->message, "withdrawn"));
  g_clear_error (&error);

  /* Withdrawn once only. */
  g_clear_object (&withdrawn);
  withdrawn = polku_consent_store_withdraw (f->store, polku_consent_get_id (consent), NULL,
                                            &error);
  g_assert_null (withdrawn);
  g_assert_error (error, POLKU_CONSENT_ERROR, POLKU_CONSENT_ERROR_INVALID);
  g_clear_error (&error);

  /* A new consent (by the client, oral, until withdrawn) makes it valid again. */
  g_clear_object (&draft);
  g_clear_object (&consent);
  draft = make_draft (id, d5, "client", NULL, "oral", organisations, parts, NULL);
  consent = polku_consent_store_add (f->store, draft, &error);
  g_assert_no_error (error);
  g_assert_true (polku_consent_check (f->store, id, "Kela", "team", NULL, &error));
  g_assert_false (polku_consent_check (f->store, id, NULL, NULL, d9, NULL));

  list = polku_consent_store_list (f->store, id, &error);
  g_assert_cmpuint (list->len, ==, 2);
  g_assert_nonnull (polku_consent_get_withdrawn_on (g_ptr_array_index (list, 0)));
  g_assert_null (polku_consent_get_withdrawn_on (g_ptr_array_index (list, 1)));

  /* Unknown consent. */
  g_clear_object (&withdrawn);
  withdrawn = polku_consent_store_withdraw (f->store, "00000000-0000-4000-8000-000000000000",
                                            NULL, &error);
  g_assert_error (error, POLKU_CONSENT_ERROR, POLKU_CONSENT_ERROR_NOT_FOUND);
}

static void
test_invalid (Fixture       *f,
              gconstpointer  data)
{
  static const char * const organisations[] = { "Hyvinvointialue", NULL };
  static const char * const no_organisations[] = { NULL };
  static const char * const blank_organisations[] = { "Kela", "  ", NULL };
  static const char * const parts[] = { "goals", NULL };
  static const char * const bad_parts[] = { "goals", "diagnoses", NULL };
  g_autofree char *tomorrow = days_from_today (1);
  g_autofree char *d10 = days_from_today (-10);
  g_autofree char *d20 = days_from_today (-20);
  const char *id = client_id (f);
  struct
  {
    PolkuConsent *draft;
    const char   *message;
  } cases[] = {
    { make_draft (id, tomorrow, "client", NULL, "written", organisations, parts, NULL),
      "future" },
    { make_draft (id, "10.5.2026", "client", NULL, "written", organisations, parts, NULL),
      "YYYY-MM-DD" },
    { make_draft (id, d10, "guardian", NULL, "written", organisations, parts, NULL),
      "who gave" },
    { make_draft (id, d10, "legal_representative", NULL, "written", organisations, parts,
                  NULL), "legal representative" },
    { make_draft (id, d10, "client", "Pekka Salo", "written", organisations, parts, NULL),
      "no representative" },
    { make_draft (id, d10, "client", NULL, "telepathy", organisations, parts, NULL),
      "how the consent" },
    { make_draft (id, d10, "client", NULL, "written", no_organisations, parts, NULL),
      "at least one organisation" },
    { make_draft (id, d10, "client", NULL, "written", blank_organisations, parts, NULL),
      "empty" },
    { make_draft (id, d10, "client", NULL, "written", organisations, NULL, NULL),
      "parts of the plan" },
    { make_draft (id, d10, "client", NULL, "written", organisations, bad_parts, NULL),
      "diagnoses" },
    { make_draft (id, d10, "client", NULL, "written", organisations, parts, d20),
      "end before" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(PolkuConsent) consent = polku_consent_store_add (f->store, cases[i].draft,
                                                                 &error);

      g_test_message ("case %u", i);
      g_assert_null (consent);
      g_assert_error (error, POLKU_CONSENT_ERROR, POLKU_CONSENT_ERROR_INVALID);
      g_assert_nonnull (strstr (error->message, cases[i].message));
      g_object_unref (cases[i].draft);
    }
  /* Bad input changes nothing, not even a case. */
  g_assert_cmpuint (count_consents (f), ==, 0);
  g_assert_null (polku_case_store_get (f->store, id, NULL));
}

/* Withdrawal is never a deletion, and only the withdrawal may change a consent. */
static void
test_schema (Fixture       *f,
             gconstpointer  data)
{
  static const char * const refused[] = {
    "DELETE FROM consent;",
    "DELETE FROM consent_organisation;",
    "DELETE FROM consent_part;",
    "UPDATE consent_part SET part = 'measures';",
    "UPDATE consent_organisation SET organisation = 'Someone';",
    "UPDATE consent SET valid_until = '2099-01-01';",
    "UPDATE consent SET withdrawn_on = NULL, withdrawal_recorded_by = NULL;",
    "UPDATE consent SET withdrawn_on = '2001-01-01', withdrawal_recorded_by = 'x';",
    "INSERT INTO consent_part (id, created, modified, consent_id, part) VALUES"
    " ('00000000-0000-4000-8000-000000000000', 'x', 'x', (SELECT id FROM consent), 'x');",
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(PolkuConsent) consent = NULL;
  g_autoptr(PolkuConsent) withdrawn = NULL;
  g_autoptr(GPtrArray) list = NULL;
  g_autofree char *d10 = days_from_today (-10);
  g_autofree char *actions = NULL;
  sqlite3 *db;

  consent = add_consent (f, client_id (f), d10);
  withdrawn = polku_consent_store_withdraw (f->store, polku_consent_get_id (consent), NULL,
                                            &error);
  g_assert_no_error (error);

  db = polku_store_begin_use (f->store, &error);
  for (guint i = 0; i < G_N_ELEMENTS (refused); i++)
    {
      g_test_message ("%s", refused[i]);
      g_assert_cmpint (sqlite3_exec (db, refused[i], NULL, NULL, NULL), !=, SQLITE_OK);
    }
  polku_store_end_use (f->store);

  list = polku_consent_store_list (f->store, client_id (f), &error);
  g_assert_cmpuint (list->len, ==, 1);
  g_assert_cmpuint (g_strv_length ((char **) polku_consent_get_parts (g_ptr_array_index (list,
                                                                                         0))),
                    ==, 2);

  {
    g_autoptr(GPtrArray) entries = polku_audit_list (f->store, client_id (f), &error);

    g_assert_cmpstr (polku_audit_entry_get_action (g_ptr_array_index (entries, 0)), ==,
                     "consent.withdraw");
    g_assert_cmpstr (polku_audit_entry_get_action (g_ptr_array_index (entries, 1)), ==,
                     "consent.add");
  }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("/consent/scope-and-validity", test_scope_and_validity);
  ADD ("/consent/invalid", test_invalid);
  ADD ("/consent/schema", test_schema);
#undef ADD
  return g_test_run ();
}
