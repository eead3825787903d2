/* test-consent.c: consents: two kinds (contact and sharing) and the phase gate, organisations
 * by id with legacy names resolved, validity, withdrawal that is never a deletion, and the
 * one check that decides sharing
 *
 * Copyright 2026 The Polku authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "case-test-helpers.h"
#include "polku-consent-export.h"
#include "polku-organisations.h"

static PolkuConsent *
make_draft (const char          *client,
            const char          *kind,
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
                       "kind", kind,
                       "given-on", given_on,
                       "given-by", given_by,
                       "representative", representative,
                       "method", method,
                       "organisations", organisations,
                       "parts", parts,
                       "valid-until", valid_until,
                       NULL);
}

static PolkuConsent *
add_sharing (Fixture             *f,
             const char          *given_on,
             const char * const  *organisations,
             const char * const  *parts)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PolkuConsent) draft = make_draft (client_id (f), "sharing", given_on, "client",
                                              NULL, "written", organisations, parts, NULL);
  PolkuConsent *consent = polku_consent_store_add (f->store, draft, &error);

  g_assert_no_error (error);
  return consent;
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
    "county-social-services", " kela ", "kela", NULL
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
  g_autofree char *d11 = days_from_today (-11);
  g_autofree char *d9 = days_from_today (-9);
  g_autofree char *d5 = days_from_today (-5);
  g_autofree char *in_year = days_from_today (365);
  g_autofree char *in_two_years = days_from_today (730);
  const char *id = client_id (f);

  /* Before any consent: no, and it says so. */
  g_assert_false (polku_consent_check (f->store, id, "kela", "goals", NULL, &error));
  g_assert_error (error, POLKU_CONSENT_ERROR, POLKU_CONSENT_ERROR_NO_CONSENT);
  g_assert_nonnull (strstr (error->message, "no consent"));
  g_assert_nonnull (strstr (error->message, "Kela"));
  g_clear_error (&error);

  draft = make_draft (id, "sharing", d100, "legal_representative", "Pekka Salo (edunvalvoja)",
                      "written", organisations, parts, in_year);
  consent = polku_consent_store_add (f->store, draft, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (polku_consent_get_kind (consent), ==, "sharing");
  g_assert_cmpstr (polku_consent_get_given_on (consent), ==, d100);
  g_assert_cmpstr (polku_consent_get_given_by (consent), ==, "legal_representative");
  g_assert_cmpstr (polku_consent_get_representative (consent), ==, "Pekka Salo (edunvalvoja)");
  g_assert_cmpstr (polku_consent_get_method (consent), ==, "written");
  g_assert_cmpstr (polku_consent_get_recorded_by (consent), ==, "Sanna Koivisto");
  g_assert_cmpstr (polku_consent_get_valid_until (consent), ==, in_year);
  /* The scope is structured: ids, trimmed, without repeats, in the order given. */
  g_assert_cmpuint (g_strv_length ((char **) polku_consent_get_organisations (consent)), ==, 2);
  g_assert_cmpstr (polku_consent_get_organisations (consent)[1], ==, "kela");
  g_assert_true (g_strv_equal (polku_consent_get_parts (consent), parts));

  /* The one check: organisation and part in scope, on a day within validity. */
  g_assert_true (polku_consent_check (f->store, id, "kela", "goals", NULL, &error));
  g_assert_true (polku_consent_check (f->store, id, "kela", "team", d100, &error));
  g_assert_no_error (error);

  g_assert_false (polku_consent_check (f->store, id, "employment-services", "goals", NULL,
                                       &error));
  g_assert_error (error, POLKU_CONSENT_ERROR, POLKU_CONSENT_ERROR_NO_CONSENT);
  g_assert_nonnull (strstr (error->message, "Employment services"));
  g_clear_error (&error);
  g_assert_false (polku_consent_check (f->store, id, "kela", "measures", NULL, &error));
  g_assert_error (error, POLKU_CONSENT_ERROR, POLKU_CONSENT_ERROR_NO_CONSENT);
  g_assert_nonnull (strstr (error->message, "Measures"));
  g_clear_error (&error);
  g_assert_false (polku_consent_check (f->store, id, "kela", "goals", d101, &error));
  g_assert_error (error, POLKU_CONSENT_ERROR, POLKU_CONSENT_ERROR_NO_CONSENT);
  g_clear_error (&error);
  g_assert_false (polku_consent_check (f->store, id, "kela", "goals", in_two_years, &error));
  g_assert_error (error, POLKU_CONSENT_ERROR, POLKU_CONSENT_ERROR_NO_CONSENT);
  g_clear_error (&error);
  g_assert_false (polku_consent_check (f->store, id, "kela", "goals", "2026-02-30", &error));
  g_assert_error (error, POLKU_CONSENT_ERROR, POLKU_CONSENT_ERROR_INVALID);
  g_clear_error (&error);
  /* Half a question is refused, not answered wider than asked. */
  g_assert_false (polku_consent_check (f->store, id, "kela", NULL, NULL, &error));
  g_assert_error (error, POLKU_CONSENT_ERROR, POLKU_CONSENT_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (polku_consent_check (f->store, id, NULL, "goals", NULL, &error));
  g_assert_error (error, POLKU_CONSENT_ERROR, POLKU_CONSENT_ERROR_INVALID);
  g_clear_error (&error);

  /* Withdrawn ten days ago: valid the day before, not on the day, not after. History stays. */
  withdrawn = polku_consent_store_withdraw (f->store, polku_consent_get_id (consent), d10,
                                            &error);
  g_assert_no_error (error);
  g_assert_cmpstr (polku_consent_get_withdrawn_on (withdrawn), ==, d10);
  g_assert_cmpstr (polku_consent_get_withdrawal_recorded_by (withdrawn), ==, "Sanna Koivisto");
  g_assert_cmpstr (polku_consent_get_kind (withdrawn), ==, "sharing");
  g_assert_true (polku_consent_check (f->store, id, "kela", "goals", d100, &error));
  g_assert_true (polku_consent_check (f->store, id, "kela", "goals", d11, &error));
  g_assert_false (polku_consent_check (f->store, id, "kela", "goals", d10, NULL));
  g_assert_false (polku_consent_check (f->store, id, "kela", "goals", NULL, &error));
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
  draft = make_draft (id, "sharing", d5, "client", NULL, "oral", organisations, parts, NULL);
  consent = polku_consent_store_add (f->store, draft, &error);
  g_assert_no_error (error);
  g_assert_true (polku_consent_check (f->store, id, "kela", "team", NULL, &error));
  g_assert_false (polku_consent_check (f->store, id, "kela", "team", d9, NULL));

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

/* The two consents and the phase gate: a sharing consent alone does not open the gate, and a
 * consent to contact alone shares nothing. */
static void
test_two_kinds (Fixture       *f,
                gconstpointer  data)
{
  static const char * const organisations[] = { "kela", NULL };
  static const char * const parts[] = { "goals", NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(PolkuConsent) sharing = NULL;
  g_autoptr(PolkuConsent) contact = NULL;
  g_autoptr(PolkuConsent) withdrawn = NULL;
  g_autoptr(PolkuCase) kase = NULL;
  g_autoptr(PolkuCaseSign) sign = NULL;
  g_autofree char *d30 = days_from_today (-30);
  g_autofree char *d20 = days_from_today (-20);
  g_autofree char *d10 = days_from_today (-10);
  const char *id = client_id (f);

  sign = add_sign (f, id, "worry", "client_situation", "Syy", d30, &error);
  g_assert_no_error (error);

  sharing = add_sharing (f, d30, organisations, parts);
  g_assert_true (polku_consent_check (f->store, id, "kela", "goals", NULL, &error));
  g_assert_no_error (error);
  /* Sharing alone: the case stays where it is, and says which consent is missing. */
  g_assert_false (polku_consent_check_contact (f->store, id, NULL, &error));
  g_assert_error (error, POLKU_CONSENT_ERROR, POLKU_CONSENT_ERROR_NO_CONSENT);
  g_assert_nonnull (strstr (error->message, "contacted"));
  g_clear_error (&error);
  kase = polku_case_store_set_phase (f->store, id, POLKU_CASE_PHASE_CONSENT, d20, NULL, NULL,
                                     &error);
  g_assert_null (kase);
  g_assert_error (error, POLKU_CONSENT_ERROR, POLKU_CONSENT_ERROR_NO_CONSENT);
  g_clear_error (&error);
  kase = polku_case_store_get (f->store, id, &error);
  g_assert_no_error (error);
  g_assert_false (polku_case_get_consent_valid (kase));
  g_assert_cmpint (polku_case_get_phase_value (kase), ==, POLKU_CASE_PHASE_IDENTIFIED);
  g_clear_object (&kase);

  /* Withdraw the sharing consent; a consent to contact alone then opens the gate but lets
   * nothing be shared. */
  withdrawn = polku_consent_store_withdraw (f->store, polku_consent_get_id (sharing), d20,
                                            &error);
  g_assert_no_error (error);
  contact = add_consent (f, id, d20);
  g_assert_cmpstr (polku_consent_get_kind (contact), ==, "contact");
  g_assert_null (polku_consent_get_organisations (contact)[0]);
  g_assert_true (polku_consent_check_contact (f->store, id, NULL, &error));
  g_assert_no_error (error);
  for (guint i = 0; polku_consent_part_codes ()[i] != NULL; i++)
    {
      g_assert_false (polku_consent_check (f->store, id, "kela", polku_consent_part_codes ()[i],
                                           NULL, &error));
      g_assert_error (error, POLKU_CONSENT_ERROR, POLKU_CONSENT_ERROR_NO_CONSENT);
      g_clear_error (&error);
    }
  kase = polku_case_store_set_phase (f->store, id, POLKU_CASE_PHASE_CONSENT, d10, NULL, NULL,
                                     &error);
  g_assert_no_error (error);
  g_assert_true (polku_case_get_consent_valid (kase));
}

/* Consents recorded before schema 7 hold the organisation's name as typed: the check
 * resolves them through the county's list, in any language and case; a name the list lacks
 * resolves to nothing. */
static void
test_legacy_names (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PolkuOrganisations) organisations = polku_organisations_get_default (&error);
  g_autoptr(GPtrArray) list = NULL;
  g_autofree char *d30 = days_from_today (-30);
  g_autofree char *sql = NULL;
  const char *id = client_id (f);
  const char *consent = "11111111-2222-4333-8444-555555555555";
  sqlite3 *db;

  g_assert_no_error (error);
  /* As the migration left an old consent: sharing, with the names as typed. */
  db = polku_store_begin_use (f->store, &error);
  g_assert_no_error (error);
  sql = g_strdup_printf (
    "INSERT INTO consent (id, created, modified, client_id, given_on, given_by, method,"
    " recorded_by, kind) VALUES ('%s', 'x', 'x', '%s', '%s', 'client', 'written', 'Sanna',"
    " 'sharing');"
    "INSERT INTO consent_organisation (id, created, modified, consent_id, organisation) VALUES"
    " ('31111111-2222-4333-8444-555555555555', 'x', 'x', '%s', 'FPA'),"
    " ('41111111-2222-4333-8444-555555555555', 'x', 'x', '%s',"
    "  'hyvinvointialue, SOSIAALIPALVELUT'),"
    " ('51111111-2222-4333-8444-555555555555', 'x', 'x', '%s', 'Kylän Kerho ry');"
    "INSERT INTO consent_part (id, created, modified, consent_id, part) VALUES"
    " ('61111111-2222-4333-8444-555555555555', 'x', 'x', '%s', 'goals');",
    consent, id, d30, consent, consent, consent, consent);
  g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
  polku_store_end_use (f->store);

  /* "FPA" is Kela's Swedish name; the social services' name in another case. */
  g_assert_true (polku_consent_check (f->store, id, "kela", "goals", NULL, &error));
  g_assert_true (polku_consent_check (f->store, id, "county-social-services", "goals", NULL,
                                      &error));
  g_assert_no_error (error);
  g_assert_false (polku_consent_check (f->store, id, "county-health-services", "goals", NULL,
                                       &error));
  g_assert_error (error, POLKU_CONSENT_ERROR, POLKU_CONSENT_ERROR_NO_CONSENT);
  g_clear_error (&error);

  list = polku_consent_store_list (f->store, id, &error);
  g_assert_cmpuint (list->len, ==, 1);
  {
    const char * const *stored = polku_consent_get_organisations (g_ptr_array_index (list, 0));

    g_assert_cmpuint (g_strv_length ((char **) stored), ==, 3);
    g_assert_cmpstr (polku_organisation_get_id (polku_organisations_resolve (organisations,
                                                                             stored[0])),
                     ==, "kela");
    g_assert_cmpstr (polku_organisation_get_id (polku_organisations_resolve (organisations,
                                                                             stored[1])),
                     ==, "county-social-services");
    g_assert_null (polku_organisations_resolve (organisations, stored[2]));
  }
}

static void
test_invalid (Fixture       *f,
              gconstpointer  data)
{
  static const char * const organisations[] = { "county", NULL };
  static const char * const no_organisations[] = { NULL };
  static const char * const blank_organisations[] = { "kela", "  ", NULL };
  static const char * const unknown_organisations[] = { "kela", "poliisi", NULL };
  static const char * const named_organisations[] = { "FPA", NULL };
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
    { make_draft (id, "sharing", tomorrow, "client", NULL, "written", organisations, parts,
                  NULL), "future" },
    { make_draft (id, "sharing", "10.5.2026", "client", NULL, "written", organisations, parts,
                  NULL), "YYYY-MM-DD" },
    { make_draft (id, "sharing", d10, "guardian", NULL, "written", organisations, parts, NULL),
      "who gave" },
    { make_draft (id, "sharing", d10, "legal_representative", NULL, "written", organisations,
                  parts, NULL), "legal representative" },
    { make_draft (id, "sharing", d10, "client", "Pekka Salo", "written", organisations, parts,
                  NULL), "no representative" },
    { make_draft (id, "sharing", d10, "client", NULL, "telepathy", organisations, parts, NULL),
      "how the consent" },
    { make_draft (id, NULL, d10, "client", NULL, "written", organisations, parts, NULL),
      "\"contact\"" },
    { make_draft (id, "referral", d10, "client", NULL, "written", organisations, parts, NULL),
      "\"sharing\"" },
    { make_draft (id, "contact", d10, "client", NULL, "written", organisations, NULL, NULL),
      "names no organisations" },
    { make_draft (id, "contact", d10, "client", NULL, "written", NULL, parts, NULL),
      "names no organisations" },
    { make_draft (id, "sharing", d10, "client", NULL, "written", no_organisations, parts, NULL),
      "at least one organisation" },
    { make_draft (id, "sharing", d10, "client", NULL, "written", blank_organisations, parts,
                  NULL), "empty" },
    { make_draft (id, "sharing", d10, "client", NULL, "written", unknown_organisations, parts,
                  NULL), "polku-cli organisations list" },
    { make_draft (id, "sharing", d10, "client", NULL, "written", named_organisations, parts,
                  NULL), "“kela”" },
    { make_draft (id, "sharing", d10, "client", NULL, "written", organisations, NULL, NULL),
      "parts of the plan" },
    { make_draft (id, "sharing", d10, "client", NULL, "written", organisations, bad_parts,
                  NULL), "diagnoses" },
    { make_draft (id, "sharing", d10, "client", NULL, "written", organisations, parts, d20),
      "end before" },
  };
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) local_error = NULL;
      g_autoptr(PolkuConsent) consent = polku_consent_store_add (f->store, cases[i].draft,
                                                                 &local_error);

      g_test_message ("case %u", i);
      g_assert_null (consent);
      g_assert_error (local_error, POLKU_CONSENT_ERROR, POLKU_CONSENT_ERROR_INVALID);
      g_assert_nonnull (strstr (local_error->message, cases[i].message));
      g_object_unref (cases[i].draft);
    }
  /* Bad input changes nothing, not even a case. */
  g_assert_cmpuint (count_consents (f), ==, 0);
  g_assert_null (polku_case_store_get (f->store, id, NULL));

  /* Asking about an organisation the county's list does not have is a mistake, not a no. */
  g_assert_false (polku_consent_check (f->store, id, "poliisi", "goals", NULL, &error));
  g_assert_error (error, POLKU_CONSENT_ERROR, POLKU_CONSENT_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "organisations list"));
}

/* Exports: refused without a sharing consent that covers the receiver and every part (and
 * then not in the audit log), allowed with one; own use needs none; both are logged. */
static void
test_export (Fixture       *f,
             gconstpointer  data)
{
  static const char * const kela[] = { "kela", NULL };
  static const char * const goals[] = { "goals", NULL };
  static const char * const measures[] = { "measures", NULL };
  static const char * const plan_parts[] = { "goals", "team", NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(PolkuConsent) consent = NULL;
  g_autoptr(PolkuConsent) contact = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(JsonNode) bundle = NULL;
  g_autofree char *d10 = days_from_today (-10);
  const char *id = client_id (f);
  JsonArray *tags;

  /* A consent to contact lets nothing go. */
  contact = add_consent (f, id, d10);
  g_assert_false (polku_consent_export_record (f->store, id, "kela", measures,
                                               "assessment.export", "format=csv", &error));
  g_assert_error (error, POLKU_CONSENT_ERROR, POLKU_CONSENT_ERROR_NO_CONSENT);
  g_assert_nonnull (strstr (error->message, "Nothing was exported"));
  g_clear_error (&error);

  consent = add_sharing (f, d10, kela, goals);
  /* Kela may have the goals, not the measures, and no one else anything. */
  g_assert_false (polku_consent_export_record (f->store, id, "kela", measures,
                                               "assessment.export", "format=csv", &error));
  g_assert_error (error, POLKU_CONSENT_ERROR, POLKU_CONSENT_ERROR_NO_CONSENT);
  g_clear_error (&error);
  g_assert_false (polku_consent_export_record (f->store, id, "kela", plan_parts,
                                               "plan.export", "format=fhir", &error));
  g_assert_error (error, POLKU_CONSENT_ERROR, POLKU_CONSENT_ERROR_NO_CONSENT);
  g_assert_nonnull (strstr (error->message, "Team"));
  g_clear_error (&error);
  g_assert_false (polku_consent_export_record (f->store, id, "tukipilari", goals,
                                               "plan.export", "format=fhir", &error));
  g_assert_error (error, POLKU_CONSENT_ERROR, POLKU_CONSENT_ERROR_NO_CONSENT);
  g_clear_error (&error);
  g_assert_false (polku_consent_export_record (f->store, id, "poliisi", goals,
                                               "plan.export", "format=fhir", &error));
  g_assert_error (error, POLKU_CONSENT_ERROR, POLKU_CONSENT_ERROR_INVALID);
  g_clear_error (&error);
  entries = polku_audit_list (f->store, id, &error);
  for (guint i = 0; i < entries->len; i++)
    g_assert_false (g_str_has_suffix (polku_audit_entry_get_action (g_ptr_array_index (entries,
                                                                                      i)),
                                      ".export"));
  g_clear_pointer (&entries, g_ptr_array_unref);

  /* Covered: allowed and recorded with the receiver and what went. */
  g_assert_true (polku_consent_export_record (f->store, id, "kela", goals, "plan.export",
                                              "plan=x version=1 format=fhir", &error));
  g_assert_no_error (error);
  /* Own use: no sharing consent needed, recorded all the same. */
  g_assert_true (polku_consent_export_record (f->store, id, NULL, measures,
                                              "assessment.export", "format=csv", &error));
  g_assert_no_error (error);
  entries = polku_audit_list (f->store, id, &error);
  g_assert_cmpstr (polku_audit_entry_get_action (g_ptr_array_index (entries, 0)), ==,
                   "assessment.export");
  g_assert_cmpstr (polku_audit_entry_get_detail (g_ptr_array_index (entries, 0)), ==,
                   "to=own-use parts=measures format=csv");
  g_assert_cmpstr (polku_audit_entry_get_action (g_ptr_array_index (entries, 1)), ==,
                   "plan.export");
  g_assert_cmpstr (polku_audit_entry_get_detail (g_ptr_array_index (entries, 1)), ==,
                   "to=kela parts=goals plan=x version=1 format=fhir");

  /* What the receiver sees. */
  bundle = parse_json ("{\"resourceType\": \"Bundle\"}");
  polku_consent_export_mark_fhir (bundle, "kela");
  tags = json_object_get_array_member (json_object_get_object_member (
                                         json_node_get_object (bundle), "meta"), "tag");
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (tags, 0),
                                                  "code"), ==, "kela");
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (tags, 0),
                                                  "system"), ==,
                   POLKU_CONSENT_EXPORT_RECIPIENT_SYSTEM);
  polku_consent_export_mark_fhir (bundle, NULL);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (tags, 1),
                                                  "code"), ==, "own-use");
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

  static const char * const organisations[] = { "kela", NULL };
  static const char * const parts[] = { "goals", "actions", NULL };

  consent = add_sharing (f, d10, organisations, parts);
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
  ADD ("/consent/two-kinds", test_two_kinds);
  ADD ("/consent/legacy-names", test_legacy_names);
  ADD ("/consent/invalid", test_invalid);
  ADD ("/consent/export", test_export);
  ADD ("/consent/schema", test_schema);
#undef ADD
  return g_test_run ();
}
