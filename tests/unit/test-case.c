/* test-case.c: a client's case: identification by warning signs, the consent gate, the
 * phase history (dated, attributed, going back), filters of the client list, notes, the
 * audit entries and the demo
 *
 * Copyright 2026 The Polku authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "case-test-helpers.h"
#include "polku-coordinator-store.h"
#include "polku-demo.h"
#include "polku-followup-store.h"
#include "polku-team-store.h"
#include "polku-client-store.h"
#include "polku-assessment-store.h"
#include "polku-sync-store.h"

/* The audit actions recorded for @client, oldest first, joined with spaces. */
static char *
audit_actions (Fixture    *f,
               const char *client)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) entries = polku_audit_list (f->store, client, &error);
  g_autoptr(GString) text = g_string_new (NULL);

  g_assert_no_error (error);
  for (guint i = entries->len; i > 0; i--)
    {
      PolkuAuditEntry *entry = g_ptr_array_index (entries, i - 1);

      if (text->len > 0)
        g_string_append_c (text, ' ');
      g_string_append (text, polku_audit_entry_get_action (entry));
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static void
test_identification (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PolkuCase) kase = NULL;
  g_autoptr(PolkuCaseSign) sign = NULL;
  g_autoptr(PolkuCaseSign) bad = NULL;
  g_autoptr(PolkuCaseSign) retracted = NULL;
  g_autoptr(GPtrArray) signs = NULL;
  g_autoptr(GPtrArray) phases = NULL;
  g_autofree char *actions = NULL;
  g_autofree char *week_ago = days_from_today (-7);
  g_autofree char *tomorrow = days_from_today (1);

  /* No case before the first sign. */
  kase = polku_case_store_get (f->store, client_id (f), &error);
  g_assert_null (kase);
  g_assert_error (error, POLKU_CASE_ERROR, POLKU_CASE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* Bad signs change nothing: an item not in the checklist, no reason, a future date. */
  bad = add_sign (f, client_id (f), "worry", "no_such_item", "Syy", NULL, &error);
  g_assert_null (bad);
  g_assert_error (error, POLKU_CHECKLIST_ERROR, POLKU_CHECKLIST_ERROR_UNKNOWN);
  g_clear_error (&error);
  bad = add_sign (f, client_id (f), "worry", "client_situation", "   ", NULL, &error);
  g_assert_error (error, POLKU_CASE_ERROR, POLKU_CASE_ERROR_INVALID);
  g_clear_error (&error);
  bad = add_sign (f, client_id (f), "worry", "client_situation", "Syy", tomorrow, &error);
  g_assert_error (error, POLKU_CASE_ERROR, POLKU_CASE_ERROR_INVALID);
  g_clear_error (&error);
  bad = add_sign (f, "00000000-0000-4000-8000-000000000000", "worry", "client_situation",
                  "Syy", NULL, &error);
  g_assert_error (error, POLKU_STORE_ERROR, POLKU_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  kase = polku_case_store_get (f->store, client_id (f), &error);
  g_assert_null (kase);
  g_clear_error (&error);

  /* One sign is enough: the case opens, identified, on the day the sign was flagged. */
  sign = add_sign (f, client_id (f), "addiction_medication", "many_medicines",
                   "Kymmenen lääkettä käytössä.", week_ago, &error);
  g_assert_no_error (error);
  g_assert_true (g_uuid_string_is_valid (polku_case_sign_get_id (sign)));
  g_assert_cmpstr (polku_case_sign_get_group_id (sign), ==, "addiction_medication");
  g_assert_cmpstr (polku_case_sign_get_item_id (sign), ==, "many_medicines");
  g_assert_cmpstr (polku_case_sign_get_reason (sign), ==, "Kymmenen lääkettä käytössä.");
  g_assert_cmpstr (polku_case_sign_get_flagged_by (sign), ==, "Minna Rautio");
  g_assert_cmpstr (polku_case_sign_get_flagged_on (sign), ==, week_ago);
  g_assert_cmpstr (polku_case_sign_get_service_point (sign), ==, "Yhteispäivystys");
  g_assert_cmpstr (polku_case_sign_get_recorded_by (sign), ==, "Sanna Koivisto");

  kase = polku_case_store_get (f->store, client_id (f), &error);
  g_assert_no_error (error);
  g_assert_cmpint (polku_case_get_phase_value (kase), ==, POLKU_CASE_PHASE_IDENTIFIED);
  g_assert_cmpstr (polku_case_get_phase_since (kase), ==, week_ago);
  g_assert_cmpuint (polku_case_get_n_signs (kase), ==, 1);
  g_assert_false (polku_case_get_consent_valid (kase));
  g_clear_object (&kase);

  phases = polku_case_store_list_phases (f->store, client_id (f), &error);
  g_assert_cmpuint (phases->len, ==, 1);
  g_assert_null (polku_case_phase_change_get_from_phase (g_ptr_array_index (phases, 0)));
  g_assert_cmpstr (polku_case_phase_change_get_to_phase (g_ptr_array_index (phases, 0)), ==,
                   "identified");

  /* Retracting keeps the sign in the history. */
  retracted = polku_case_store_retract_sign (f->store, polku_case_sign_get_id (sign), NULL,
                                             &error);
  g_assert_no_error (error);
  g_assert_cmpstr (polku_case_sign_get_retracted_on (retracted), ==, f->today);
  g_assert_null (polku_case_store_retract_sign (f->store, polku_case_sign_get_id (sign), NULL,
                                                &error));
  g_assert_error (error, POLKU_CASE_ERROR, POLKU_CASE_ERROR_INVALID);
  g_clear_error (&error);
  signs = polku_case_store_list_signs (f->store, client_id (f), FALSE, &error);
  g_assert_cmpuint (signs->len, ==, 0);
  g_clear_pointer (&signs, g_ptr_array_unref);
  signs = polku_case_store_list_signs (f->store, client_id (f), TRUE, &error);
  g_assert_cmpuint (signs->len, ==, 1);
  kase = polku_case_store_get (f->store, client_id (f), &error);
  g_assert_cmpuint (polku_case_get_n_signs (kase), ==, 0);

  actions = audit_actions (f, client_id (f));
  g_assert_cmpstr (actions, ==, "client.create case.open sign.add sign.retract");
}

static void
test_consent_gate (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PolkuCase) kase = NULL;
  g_autoptr(PolkuCaseSign) sign = NULL;
  g_autoptr(PolkuConsent) consent = NULL;
  g_autoptr(PolkuConsent) withdrawn = NULL;
  g_autoptr(GPtrArray) phases = NULL;
  g_autofree char *actions = NULL;
  g_autofree char *before = NULL;
  g_autofree char *month_ago = days_from_today (-30);

  sign = add_sign (f, client_id (f), "health", "mental_health", "Masennus.", month_ago, &error);
  g_assert_no_error (error);
  before = audit_actions (f, client_id (f));

  /* Without consent no phase past identification: a clear error, nothing written. */
  for (PolkuCasePhase phase = POLKU_CASE_PHASE_CONSENT; phase < POLKU_CASE_PHASE_CLOSED;
       phase++)
    {
      kase = polku_case_store_set_phase (f->store, client_id (f), phase, NULL, NULL, NULL,
                                         &error);
      g_assert_null (kase);
      g_assert_error (error, POLKU_CONSENT_ERROR, POLKU_CONSENT_ERROR_NO_CONSENT);
      g_assert_nonnull (strstr (error->message, "cannot move past identification"));
      g_assert_nonnull (strstr (error->message, "consent"));
      g_clear_error (&error);
    }
  kase = polku_case_store_get (f->store, client_id (f), &error);
  g_assert_cmpint (polku_case_get_phase_value (kase), ==, POLKU_CASE_PHASE_IDENTIFIED);
  g_clear_object (&kase);
  phases = polku_case_store_list_phases (f->store, client_id (f), &error);
  g_assert_cmpuint (phases->len, ==, 1);
  g_clear_pointer (&phases, g_ptr_array_unref);
  actions = audit_actions (f, client_id (f));
  g_assert_cmpstr (actions, ==, before);
  g_clear_pointer (&actions, g_free);

  /* With a valid consent it moves. */
  consent = add_consent (f, client_id (f), month_ago);
  kase = polku_case_store_set_phase (f->store, client_id (f), POLKU_CASE_PHASE_CONSENT,
                                     NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (polku_case_get_phase_value (kase), ==, POLKU_CASE_PHASE_CONSENT);
  g_assert_true (polku_case_get_consent_valid (kase));
  g_clear_object (&kase);

  /* Withdrawn: the gate closes again (going back to identified or closing stays possible). */
  withdrawn = polku_consent_store_withdraw (f->store, polku_consent_get_id (consent), NULL,
                                            &error);
  g_assert_no_error (error);
  kase = polku_case_store_set_phase (f->store, client_id (f), POLKU_CASE_PHASE_CONTACTED,
                                     NULL, NULL, NULL, &error);
  g_assert_null (kase);
  g_assert_error (error, POLKU_CONSENT_ERROR, POLKU_CONSENT_ERROR_NO_CONSENT);
  g_clear_error (&error);
  kase = polku_case_store_set_phase (f->store, client_id (f), POLKU_CASE_PHASE_CLOSED,
                                     NULL, "declined", "Asiakas peruutti suostumuksensa.",
                                     &error);
  g_assert_no_error (error);
  g_assert_cmpint (polku_case_get_phase_value (kase), ==, POLKU_CASE_PHASE_CLOSED);
  g_assert_cmpstr (polku_case_get_closed_code (kase), ==, "declined");
  g_assert_cmpstr (polku_case_get_closed_reason (kase), ==, "Asiakas peruutti suostumuksensa.");
  g_assert_false (polku_case_get_consent_valid (kase));
}

static void
test_phase_history (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PolkuCase) kase = NULL;
  g_autoptr(PolkuConsent) consent = NULL;
  g_autoptr(GPtrArray) phases = NULL;
  g_autofree char *actions = NULL;
  g_autofree char *d60 = days_from_today (-60);
  g_autofree char *d50 = days_from_today (-50);
  g_autofree char *d40 = days_from_today (-40);
  g_autofree char *d30 = days_from_today (-30);
  g_autofree char *d45 = days_from_today (-45);
  g_autofree char *tomorrow = days_from_today (1);
  static const char * const expected[][3] = {
    { NULL, "identified", NULL },
    { "identified", "consent", NULL },
    { "consent", "contacted", NULL },
    { "contacted", "visit_prepared", NULL },
    { "visit_prepared", "contacted", "Asiakas sairastui." },
    { "contacted", "visit_prepared", NULL },
    { "visit_prepared", "visit_held", NULL },
    { "visit_held", "coordination", NULL },
    { "coordination", "closed", "Tavoitteet saavutettu." },
    { "closed", "coordination", "Tilanne muuttui." },
  };

  kase = polku_case_store_open (f->store, client_id (f), d60, &error);
  g_assert_no_error (error);
  g_clear_object (&kase);
  consent = add_consent (f, client_id (f), d60);

#define MOVE(phase, date, reason) MOVE_CODE (phase, date, NULL, reason)
#define MOVE_CODE(phase, date, code, reason) \
  G_STMT_START { \
    kase = polku_case_store_set_phase (f->store, client_id (f), phase, date, code, reason, \
                                       &error); \
    g_assert_no_error (error); \
    g_assert_cmpint (polku_case_get_phase_value (kase), ==, phase); \
    g_clear_object (&kase); \
  } G_STMT_END

  MOVE (POLKU_CASE_PHASE_CONSENT, d60, NULL);
  MOVE (POLKU_CASE_PHASE_CONTACTED, d50, NULL);
  MOVE (POLKU_CASE_PHASE_VISIT_PREPARED, d50, NULL);
  /* Going back is allowed and recorded. */
  MOVE (POLKU_CASE_PHASE_CONTACTED, d45, "Asiakas sairastui.");

  /* Not before the current phase began, not in the future, not to the same phase. */
  kase = polku_case_store_set_phase (f->store, client_id (f), POLKU_CASE_PHASE_VISIT_PREPARED,
                                     d50, NULL, NULL, &error);
  g_assert_error (error, POLKU_CASE_ERROR, POLKU_CASE_ERROR_INVALID);
  g_clear_error (&error);
  kase = polku_case_store_set_phase (f->store, client_id (f), POLKU_CASE_PHASE_VISIT_PREPARED,
                                     tomorrow, NULL, NULL, &error);
  g_assert_error (error, POLKU_CASE_ERROR, POLKU_CASE_ERROR_INVALID);
  g_clear_error (&error);
  kase = polku_case_store_set_phase (f->store, client_id (f), POLKU_CASE_PHASE_CONTACTED,
                                     NULL, NULL, NULL, &error);
  g_assert_error (error, POLKU_CASE_ERROR, POLKU_CASE_ERROR_INVALID);
  g_clear_error (&error);

  MOVE (POLKU_CASE_PHASE_VISIT_PREPARED, d40, NULL);
  polku_store_set_actor (f->store, "Mikael Ek");
  MOVE (POLKU_CASE_PHASE_VISIT_HELD, d40, NULL);
  MOVE (POLKU_CASE_PHASE_COORDINATION, d30, NULL);

  /* Closing needs a reason (test_closing_reasons has the rest). */
  kase = polku_case_store_set_phase (f->store, client_id (f), POLKU_CASE_PHASE_CLOSED, NULL,
                                     NULL, "Tavoitteet saavutettu.", &error);
  g_assert_error (error, POLKU_CASE_ERROR, POLKU_CASE_ERROR_INVALID);
  g_clear_error (&error);
  MOVE_CODE (POLKU_CASE_PHASE_CLOSED, NULL, "goals_reached", "Tavoitteet saavutettu.");
  /* Reopening clears the closing reason on the case; the history keeps it. */
  MOVE (POLKU_CASE_PHASE_COORDINATION, NULL, "Tilanne muuttui.");
#undef MOVE
#undef MOVE_CODE

  kase = polku_case_store_get (f->store, client_id (f), &error);
  g_assert_null (polku_case_get_closed_reason (kase));
  g_assert_null (polku_case_get_closed_code (kase));
  g_assert_cmpstr (polku_case_get_phase_since (kase), ==, f->today);

  phases = polku_case_store_list_phases (f->store, client_id (f), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (phases->len, ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < phases->len; i++)
    {
      PolkuCasePhaseChange *change = g_ptr_array_index (phases, i);

      g_assert_cmpstr (polku_case_phase_change_get_from_phase (change), ==, expected[i][0]);
      g_assert_cmpstr (polku_case_phase_change_get_to_phase (change), ==, expected[i][1]);
      g_assert_cmpstr (polku_case_phase_change_get_reason (change), ==, expected[i][2]);
      g_assert_true (polku_case_phase_change_get_changed_on (change) != NULL);
      g_assert_cmpstr (polku_case_phase_change_get_actor (change), ==,
                       i < 6 ? "Sanna Koivisto" : "Mikael Ek");
    }
  g_assert_cmpstr (polku_case_phase_change_get_changed_on (g_ptr_array_index (phases, 4)), ==,
                   d45);

  actions = audit_actions (f, client_id (f));
  g_assert_cmpstr (actions, ==, "client.create case.open consent.add case.phase case.phase "
                   "case.phase case.phase case.phase case.phase case.phase case.phase "
                   "case.phase");
  g_assert_true (polku_audit_verify (f->store, NULL, &error));
  g_assert_no_error (error);
}

/* The history is kept by the schema too. */
static void
test_history_in_schema (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PolkuCase) kase = polku_case_store_open (f->store, client_id (f), NULL, &error);
  static const char * const refused[] = {
    "DELETE FROM case_phase_change;",
    "UPDATE case_phase_change SET actor = 'someone else';",
    "DELETE FROM client_case;",
    "UPDATE client_case SET phase = 'coordination', phase_since = '2020-01-01';",
    "INSERT INTO client_case (id, created, modified, client_id, phase, phase_since) VALUES"
    " ('00000000-0000-4000-8000-000000000000', 'x', 'x', (SELECT id FROM client), 'identified',"
    " '2026-01-01');",
    "UPDATE client_case SET phase = 'closed';",
    "UPDATE client_case SET phase_since = '2026-02-30';",
  };
  sqlite3 *db;

  g_assert_no_error (error);
  db = polku_store_begin_use (f->store, &error);
  for (guint i = 0; i < G_N_ELEMENTS (refused); i++)
    {
      /* UPDATE client_case with a phase and no history would pass the triggers: the
       * CHECKs still refuse a closed case without a reason and impossible dates. */
      if (i == 3)
        continue;
      g_test_message ("%s", refused[i]);
      g_assert_cmpint (sqlite3_exec (db, refused[i], NULL, NULL, NULL), !=, SQLITE_OK);
    }
  polku_store_end_use (f->store);
}

static void
test_filters (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PolkuClient) bo = add_client (f->store, "Bo", "Lindqvist");
  g_autoptr(PolkuClient) cecilia = add_client (f->store, "Cecilia", "Åberg");
  g_autoptr(PolkuClient) dmitri = add_client (f->store, "Dmitri", "Petrov");
  g_autoptr(PolkuCase) kase = NULL;
  g_autoptr(PolkuConsent) consent = NULL;
  g_autoptr(PolkuTeamMember) draft = NULL;
  g_autoptr(PolkuTeamMember) member = NULL;
  g_autoptr(PolkuFollowup) followup_draft = NULL;
  g_autoptr(PolkuFollowup) followup = NULL;
  g_autoptr(GPtrArray) list = NULL;
  g_autofree char *week_ago = days_from_today (-7);
  g_autofree char *in_week = days_from_today (7);
  PolkuCaseFilter filter = POLKU_CASE_FILTER_INIT;

  /* Aino: coordination with a responsible worker and a review next week. */
  consent = add_consent (f, client_id (f), week_ago);
  kase = polku_case_store_set_phase (f->store, client_id (f), POLKU_CASE_PHASE_CONSENT, NULL,
                                     NULL, NULL, &error);
  g_clear_object (&kase);
  kase = polku_case_store_set_phase (f->store, client_id (f), POLKU_CASE_PHASE_COORDINATION,
                                     NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_clear_object (&kase);
  kase = polku_case_store_set_review (f->store, client_id (f), in_week, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (polku_case_get_review_on (kase), ==, in_week);
  g_clear_object (&kase);
  draft = g_object_new (POLKU_TYPE_TEAM_MEMBER, "client-id", client_id (f),
                        "person", "Sanna Koivisto", "role", "Asiakasvastaava",
                        "organisation", "Hyvinvointialue", "sector", "social",
                        "responsible", TRUE, NULL);
  member = polku_team_store_add (f->store, draft, &error);
  g_assert_no_error (error);

  /* Bo: identified, with an overdue follow-up. */
  kase = polku_case_store_open (f->store, polku_client_get_id (bo), NULL, &error);
  g_clear_object (&kase);
  followup_draft = g_object_new (POLKU_TYPE_FOLLOWUP, "client-id", polku_client_get_id (bo),
                                 "title", "Kysy suostumus", "due-on", week_ago, NULL);
  followup = polku_followup_store_add (f->store, followup_draft, &error);
  g_assert_no_error (error);

  /* Cecilia: identified, nothing due. Dmitri: no case at all, archived later. */
  kase = polku_case_store_open (f->store, polku_client_get_id (cecilia), NULL, &error);
  g_clear_object (&kase);

  list = polku_case_store_list (f->store, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 3);
  /* In name order: Lindqvist, Virtanen, Åberg (by bytes). */
  g_assert_cmpstr (polku_case_get_client_id (g_ptr_array_index (list, 0)), ==,
                   polku_client_get_id (bo));
  g_assert_cmpstr (polku_case_get_responsible_workers (g_ptr_array_index (list, 1))[0], ==,
                   "Sanna Koivisto");
  g_assert_null (polku_case_get_responsible_workers (g_ptr_array_index (list, 1))[1]);
  g_clear_pointer (&list, g_ptr_array_unref);

  filter.phase = POLKU_CASE_PHASE_IDENTIFIED;
  list = polku_case_store_list (f->store, &filter, &error);
  g_assert_cmpuint (list->len, ==, 2);
  g_clear_pointer (&list, g_ptr_array_unref);

  filter = (PolkuCaseFilter) POLKU_CASE_FILTER_INIT;
  filter.responsible = "Sanna Koivisto";
  list = polku_case_store_list (f->store, &filter, &error);
  g_assert_cmpuint (list->len, ==, 1);
  g_assert_cmpstr (polku_case_get_client_id (g_ptr_array_index (list, 0)), ==, client_id (f));
  g_clear_pointer (&list, g_ptr_array_unref);
  filter.responsible = "Someone Else";
  list = polku_case_store_list (f->store, &filter, &error);
  g_assert_cmpuint (list->len, ==, 0);
  g_clear_pointer (&list, g_ptr_array_unref);

  /* Review due today: Bo (overdue follow-up). In a week: Aino too (review date). */
  filter = (PolkuCaseFilter) POLKU_CASE_FILTER_INIT;
  filter.review_due_by = f->today;
  list = polku_case_store_list (f->store, &filter, &error);
  g_assert_cmpuint (list->len, ==, 1);
  g_assert_cmpstr (polku_case_get_client_id (g_ptr_array_index (list, 0)), ==,
                   polku_client_get_id (bo));
  g_clear_pointer (&list, g_ptr_array_unref);
  filter.review_due_by = in_week;
  list = polku_case_store_list (f->store, &filter, &error);
  g_assert_cmpuint (list->len, ==, 2);
  g_clear_pointer (&list, g_ptr_array_unref);

  filter.review_due_by = "2026-13-01";
  list = polku_case_store_list (f->store, &filter, &error);
  g_assert_null (list);
  g_assert_error (error, POLKU_CASE_ERROR, POLKU_CASE_ERROR_INVALID);
  g_clear_error (&error);

  /* Archived clients drop out unless asked for. */
  g_assert_true (polku_client_store_set_archived (f->store, bo, TRUE, &error));
  list = polku_case_store_list (f->store, NULL, &error);
  g_assert_cmpuint (list->len, ==, 2);
  g_clear_pointer (&list, g_ptr_array_unref);
  filter = (PolkuCaseFilter) POLKU_CASE_FILTER_INIT;
  filter.include_archived = TRUE;
  list = polku_case_store_list (f->store, &filter, &error);
  g_assert_cmpuint (list->len, ==, 3);
  (void) dmitri;
}

static void
test_notes (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PolkuCaseNote) note = NULL;
  g_autoptr(PolkuCaseNote) empty = NULL;
  g_autoptr(GPtrArray) notes = NULL;
  g_autofree char *actions = NULL;

  empty = polku_case_store_add_note (f->store, client_id (f), " \n ", &error);
  g_assert_null (empty);
  g_assert_error (error, POLKU_CASE_ERROR, POLKU_CASE_ERROR_INVALID);
  g_clear_error (&error);

  note = polku_case_store_add_note (f->store, client_id (f),
                                    "Asiakas toivoo yhteydenottoja aamupäivisin.", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (polku_case_note_get_author (note), ==, "Sanna Koivisto");
  g_assert_cmpstr (polku_case_note_get_body (note), ==,
                   "Asiakas toivoo yhteydenottoja aamupäivisin.");
  notes = polku_case_store_list_notes (f->store, client_id (f), &error);
  g_assert_cmpuint (notes->len, ==, 1);

  /* The audit entry names ids, never the text. */
  actions = audit_actions (f, client_id (f));
  g_assert_cmpstr (actions, ==, "client.create case.open note.add");
  {
    g_autoptr(GPtrArray) entries = polku_audit_list (f->store, client_id (f), &error);

    for (guint i = 0; i < entries->len; i++)
      g_assert_null (strstr (polku_audit_entry_get_detail (g_ptr_array_index (entries, i))
                             ? polku_audit_entry_get_detail (g_ptr_array_index (entries, i))
                             : "", "aamupäivisin"));
  }
}

/* A sign from @sector with @unit and @person (each may be NULL). */
static PolkuCaseSign *
add_sourced_sign (Fixture     *f,
                  const char  *sector,
                  const char  *unit,
                  const char  *person,
                  GError     **error)
{
  g_autoptr(PolkuCaseSign) draft = g_object_new (POLKU_TYPE_CASE_SIGN,
                                                 "client-id", client_id (f),
                                                 "group-id", "worry",
                                                 "item-id", "client_situation",
                                                 "reason", "Huoli jaksamisesta.",
                                                 "source-sector", sector,
                                                 "service-point", unit,
                                                 "flagged-by", person,
                                                 NULL);

  return polku_case_store_add_sign (f->store, f->checklist, draft, error);
}

/* Where a client comes from is coded: the sector is required; a professional names the unit
 * and the person, the client themself (001: "Asiakas voi myös itse kertoa") or a relative
 * need not. */
static void
test_sign_sources (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PolkuCaseSign) sign = NULL;
  g_autoptr(PolkuCase) kase = NULL;
  g_autoptr(GPtrArray) signs = NULL;
  g_autofree char *source = NULL;
  g_autofree char *actions = NULL;
  static const struct
  {
    const char *sector, *unit, *person;
  } refused[] = {
    { NULL, "Terveysasema", "Minna Rautio" },      /* no sector */
    { "police", "Poliisi", "Minna Rautio" },        /* not a sector of the list */
    { "health", NULL, "Minna Rautio" },             /* a professional without the unit */
    { "social", "  ", "Minna Rautio" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (refused); i++)
    {
      sign = add_sourced_sign (f, refused[i].sector, refused[i].unit, refused[i].person, &error);
      g_test_message ("refused %u", i);
      g_assert_null (sign);
      g_assert_error (error, POLKU_CASE_ERROR, POLKU_CASE_ERROR_INVALID);
      g_assert_nonnull (strstr (error->message, "Nothing was changed"));
      g_clear_error (&error);
    }
  /* Nothing was written: no case, no audit entry. */
  kase = polku_case_store_get (f->store, client_id (f), &error);
  g_assert_null (kase);
  g_assert_error (error, POLKU_CASE_ERROR, POLKU_CASE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* A professional who records their own sign: the person defaults to the recorder. */
  sign = add_sourced_sign (f, "third_sector", "Mielenterveysyhdistys", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (polku_case_sign_get_source_sector (sign), ==, "third_sector");
  g_assert_cmpstr (polku_case_sign_get_flagged_by (sign), ==, "Sanna Koivisto");
  source = polku_case_sign_dup_source (sign);
  g_assert_cmpstr (source, ==, "Third sector · Mielenterveysyhdistys · Sanna Koivisto");
  g_clear_pointer (&source, g_free);
  g_clear_object (&sign);

  /* The client's own report: neither unit nor person. */
  sign = add_sourced_sign (f, "client", NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (polku_case_sign_get_source_sector (sign), ==, "client");
  g_assert_null (polku_case_sign_get_service_point (sign));
  g_assert_null (polku_case_sign_get_flagged_by (sign));
  g_assert_cmpstr (polku_case_sign_get_recorded_by (sign), ==, "Sanna Koivisto");
  source = polku_case_sign_dup_source (sign);
  g_assert_cmpstr (source, ==, "The client themself");
  g_clear_pointer (&source, g_free);
  g_clear_object (&sign);

  /* A relative, by name. */
  sign = add_sourced_sign (f, "relative", NULL, "Liisa Virtanen (tytär)", &error);
  g_assert_no_error (error);
  source = polku_case_sign_dup_source (sign);
  g_assert_cmpstr (source, ==, "A relative · Liisa Virtanen (tytär)");
  g_clear_pointer (&source, g_free);
  g_clear_object (&sign);

  sign = add_sourced_sign (f, "private", "Lääkärikeskus", "Tuomas Aho", &error);
  g_assert_no_error (error);
  g_clear_object (&sign);

  signs = polku_case_store_list_signs (f->store, client_id (f), TRUE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (signs->len, ==, 4);
  g_assert_cmpstr (polku_case_sign_get_source_sector (g_ptr_array_index (signs, 1)), ==,
                   "client");
  actions = audit_actions (f, client_id (f));
  g_assert_cmpstr (actions, ==,
                   "client.create case.open sign.add sign.add sign.add sign.add");

  /* Every code has a label; a sign from before the sources were has "Not recorded". */
  for (const char * const *code = polku_case_sign_sector_codes (); *code != NULL; code++)
    g_assert_nonnull (polku_case_sign_sector_get_label (*code));
  g_assert_cmpstr (polku_case_sign_sector_get_label (NULL), ==, "Not recorded");
  g_assert_null (polku_case_sign_sector_get_label ("police"));
}

/* Signs recorded before the sources were coded (no sector) are read as they were; a sign
 * allows only its retraction as a change, in the schema too. */
static void
test_sign_legacy_and_schema (Fixture       *f,
                             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PolkuCaseSign) sign = NULL;
  g_autoptr(PolkuCaseSign) retracted = NULL;
  g_autoptr(GPtrArray) signs = NULL;
  g_autofree char *source = NULL;
  g_autofree char *insert = NULL;
  static const char * const refused[] = {
    "UPDATE warning_sign SET reason = 'muutettu';",
    "UPDATE warning_sign SET source_sector = 'social';",
    "UPDATE warning_sign SET service_point = 'Muu';",
    "UPDATE warning_sign SET flagged_by = 'Joku muu';",
    "DELETE FROM warning_sign;",
    /* a professional's sign without its unit */
    "INSERT INTO warning_sign (id, created, modified, client_id, group_id, item_id, reason,"
    " source_sector, flagged_by, flagged_on, service_point, recorded_by) SELECT"
    " '00000000-0000-4000-8000-000000000001', 'x', 'x', id, 'worry', 'client_situation', 'r',"
    " 'health', 'Minna', '2026-01-01', NULL, 'Sanna' FROM client;",
    /* a sector not in the list */
    "INSERT INTO warning_sign (id, created, modified, client_id, group_id, item_id, reason,"
    " source_sector, flagged_by, flagged_on, service_point, recorded_by) SELECT"
    " '00000000-0000-4000-8000-000000000002', 'x', 'x', id, 'worry', 'client_situation', 'r',"
    " 'police', 'Minna', '2026-01-01', 'Poliisi', 'Sanna' FROM client;",
  };
  sqlite3 *db;

  sign = add_sourced_sign (f, "client", NULL, NULL, &error);
  g_assert_no_error (error);

  /* As migration 0007 leaves a sign written before: no sector, its unit and person kept. */
  insert = g_strdup_printf ("INSERT INTO warning_sign (id, created, modified, client_id,"
                            " group_id, item_id, reason, source_sector, flagged_by, flagged_on,"
                            " service_point, recorded_by) VALUES"
                            " ('00000000-0000-4000-8000-0000000000aa', '2026-01-01T00:00:00Z',"
                            " '2026-01-01T00:00:00Z', '%s', 'health', 'mental_health',"
                            " 'Masennus.', NULL, 'Minna Rautio', '2026-01-01', 'Yhteispäivystys',"
                            " 'Sanna Koivisto');", client_id (f));
  db = polku_store_begin_use (f->store, &error);
  g_assert_no_error (error);
  g_assert_cmpint (sqlite3_exec (db, insert, NULL, NULL, NULL), ==, SQLITE_OK);
  for (guint i = 0; i < G_N_ELEMENTS (refused); i++)
    {
      g_test_message ("%s", refused[i]);
      g_assert_cmpint (sqlite3_exec (db, refused[i], NULL, NULL, NULL), !=, SQLITE_OK);
    }
  polku_store_end_use (f->store);

  signs = polku_case_store_list_signs (f->store, client_id (f), TRUE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (signs->len, ==, 2);
  g_assert_null (polku_case_sign_get_source_sector (g_ptr_array_index (signs, 0)));
  source = polku_case_sign_dup_source (g_ptr_array_index (signs, 0));
  g_assert_cmpstr (source, ==, "Yhteispäivystys · Minna Rautio");

  /* Retracting is the one change, for new and old signs alike. */
  retracted = polku_case_store_retract_sign (f->store, polku_case_sign_get_id (sign), NULL,
                                             &error);
  g_assert_no_error (error);
  g_assert_cmpstr (polku_case_sign_get_retracted_on (retracted), ==, f->today);
  g_clear_object (&retracted);
  retracted = polku_case_store_retract_sign (f->store, "00000000-0000-4000-8000-0000000000aa",
                                             NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (polku_case_sign_get_retracted_by (retracted), ==, "Sanna Koivisto");
  g_assert_null (polku_case_sign_get_source_sector (retracted));
}

/* Closing reasons are coded (data/closing-reasons.json): a code is required to close, words
 * only where the reason needs them ("other"); the case and the history keep both. */
static void
test_closing_reasons (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PolkuCase) kase = NULL;
  g_autoptr(GPtrArray) phases = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  PolkuCasePhaseChange *last;
  sqlite3_stmt *stmt;
  sqlite3 *db;
  static const struct
  {
    PolkuCasePhase phase;
    const char *code, *reason;
  } refused[] = {
    { POLKU_CASE_PHASE_CLOSED, NULL, "Tavoitteet saavutettu." },  /* no code */
    { POLKU_CASE_PHASE_CLOSED, "bored", NULL },                    /* not in the list */
    { POLKU_CASE_PHASE_CLOSED, "other", NULL },                    /* needs words */
    { POLKU_CASE_PHASE_CLOSED, "other", "   " },
    { POLKU_CASE_PHASE_IDENTIFIED, "goals_reached", NULL },        /* only for closing */
  };

  kase = polku_case_store_open (f->store, client_id (f), NULL, &error);
  g_assert_no_error (error);
  g_clear_object (&kase);
  before = audit_actions (f, client_id (f));
  for (guint i = 0; i < G_N_ELEMENTS (refused); i++)
    {
      g_test_message ("refused %u", i);
      kase = polku_case_store_set_phase (f->store, client_id (f), refused[i].phase, NULL,
                                         refused[i].code, refused[i].reason, &error);
      g_assert_null (kase);
      g_assert_error (error, POLKU_CASE_ERROR, POLKU_CASE_ERROR_INVALID);
      g_assert_nonnull (strstr (error->message, "Nothing was changed"));
      g_clear_error (&error);
    }
  after = audit_actions (f, client_id (f));
  g_assert_cmpstr (after, ==, before);

  /* A code alone: the words read back as none, the code stands in for them in the table. */
  kase = polku_case_store_set_phase (f->store, client_id (f), POLKU_CASE_PHASE_CLOSED, NULL,
                                     "moved_away", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (polku_case_get_closed_code (kase), ==, "moved_away");
  g_assert_null (polku_case_get_closed_reason (kase));
  g_clear_object (&kase);
  db = polku_store_begin_use (f->store, &error);
  g_assert_no_error (error);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT closed_reason, closed_code FROM client_case;",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 0), ==, "moved_away");
  g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 1), ==, "moved_away");
  sqlite3_finalize (stmt);
  polku_store_end_use (f->store);

  phases = polku_case_store_list_phases (f->store, client_id (f), &error);
  last = g_ptr_array_index (phases, phases->len - 1);
  g_assert_cmpstr (polku_case_phase_change_get_reason_code (last), ==, "moved_away");
  g_assert_null (polku_case_phase_change_get_reason (last));
  g_clear_pointer (&phases, g_ptr_array_unref);

  /* Reopened (no code), then closed as "other" with its words. */
  kase = polku_case_store_set_phase (f->store, client_id (f), POLKU_CASE_PHASE_IDENTIFIED, NULL,
                                     NULL, "Muutti takaisin.", &error);
  g_assert_no_error (error);
  g_assert_null (polku_case_get_closed_code (kase));
  g_clear_object (&kase);
  kase = polku_case_store_set_phase (f->store, client_id (f), POLKU_CASE_PHASE_CLOSED, NULL,
                                     " other ", " Siirtyi palveluasumiseen. ", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (polku_case_get_closed_code (kase), ==, "other");
  g_assert_cmpstr (polku_case_get_closed_reason (kase), ==, "Siirtyi palveluasumiseen.");

  phases = polku_case_store_list_phases (f->store, client_id (f), &error);
  g_assert_cmpuint (phases->len, ==, 4);
  g_assert_null (polku_case_phase_change_get_reason_code (g_ptr_array_index (phases, 2)));
  g_assert_cmpstr (polku_case_phase_change_get_reason (g_ptr_array_index (phases, 2)), ==,
                   "Muutti takaisin.");
  last = g_ptr_array_index (phases, 3);
  g_assert_cmpstr (polku_case_phase_change_get_reason_code (last), ==, "other");
  g_assert_cmpstr (polku_case_phase_change_get_reason (last), ==, "Siirtyi palveluasumiseen.");
}

/* Demo clients get realistic case work: every rule holds in it too. */
static void
test_demo (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) clients = NULL;
  g_autoptr(GPtrArray) due = NULL;
  guint n_phase[POLKU_CASE_N_PHASES] = { 0 };
  guint n_withdrawn = 0, n_without_consent = 0, n_valid = 0, n_overdue = 0, n_changed = 0;
  guint n_back = 0, n_mine = 0;

  g_assert_true (polku_demo_populate (f->store, 60, 42, &error));
  g_assert_no_error (error);
  clients = polku_client_store_list (f->store, FALSE, &error);

  for (guint i = 0; i < clients->len; i++)
    {
      const char *id = polku_client_get_id (g_ptr_array_index (clients, i));
      g_autoptr(PolkuCase) kase = NULL;
      g_autoptr(GPtrArray) consents = NULL;
      g_autoptr(GPtrArray) team = NULL;
      g_autoptr(GPtrArray) periods = NULL;
      g_autoptr(GPtrArray) phases = NULL;
      guint responsible = 0;

      if (g_str_equal (id, client_id (f)))
        continue;
      kase = polku_case_store_get (f->store, id, &error);
      g_assert_no_error (error);
      n_phase[polku_case_get_phase_value (kase)]++;
      g_assert_cmpuint (polku_case_get_n_signs (kase), >=, 1);
      if (polku_case_get_consent_valid (kase))
        n_valid++;

      consents = polku_consent_store_list (f->store, id, &error);
      if (consents->len == 0)
        n_without_consent++;
      for (guint j = 0; j < consents->len; j++)
        if (polku_consent_get_withdrawn_on (g_ptr_array_index (consents, j)) != NULL)
          n_withdrawn++;
      /* Past identification (and not closed) only with a valid consent. */
      if (polku_case_get_phase_value (kase) != POLKU_CASE_PHASE_IDENTIFIED
          && polku_case_get_phase_value (kase) != POLKU_CASE_PHASE_CLOSED)
        g_assert_true (polku_case_get_consent_valid (kase));

      team = polku_team_store_list (f->store, id, FALSE, &error);
      for (guint j = 0; j < team->len; j++)
        if (polku_team_member_get_responsible (g_ptr_array_index (team, j)))
          responsible++;
      /* One or two responsible workers (one may have stepped back or left). */
      g_assert_cmpuint (responsible, <=, 2);
      if (responsible > 0)
        g_assert_cmpuint (team->len, >, 0);
      /* Past identification every case has had a coordinator; those identified wait. */
      if (polku_case_get_phase_value (kase) == POLKU_CASE_PHASE_IDENTIFIED)
        g_assert_null (polku_case_get_coordinator (kase));
      else if (polku_case_get_phase_value (kase) != POLKU_CASE_PHASE_CLOSED)
        g_assert_nonnull (polku_case_get_coordinator (kase));
      if (g_strcmp0 (polku_case_get_coordinator (kase), "Sanna Koivisto") == 0)
        n_mine++;
      periods = polku_team_store_list_responsible (f->store, id, &error);
      if (periods->len > 1)
        n_changed++;

      phases = polku_case_store_list_phases (f->store, id, &error);
      for (guint j = 1; j < phases->len; j++)
        {
          PolkuCasePhase from, to;

          g_assert_true (polku_case_phase_from_code (
            polku_case_phase_change_get_from_phase (g_ptr_array_index (phases, j)), &from));
          g_assert_true (polku_case_phase_from_code (
            polku_case_phase_change_get_to_phase (g_ptr_array_index (phases, j)), &to));
          if (to < from && to != POLKU_CASE_PHASE_CLOSED)
            n_back++;
        }
    }

  due = polku_followup_store_list_due (f->store, f->today, &error);
  for (guint i = 0; i < due->len; i++)
    if (polku_followup_is_overdue (g_ptr_array_index (due, i), f->today))
      n_overdue++;

  g_test_message ("coordination %u, withdrawn %u, no consent %u, valid %u, overdue %u, "
                  "changed responsible %u, back %u", n_phase[POLKU_CASE_PHASE_COORDINATION],
                  n_withdrawn, n_without_consent, n_valid, n_overdue, n_changed, n_back);
  g_assert_cmpuint (n_phase[POLKU_CASE_PHASE_COORDINATION], >, 10);
  g_assert_cmpuint (n_phase[POLKU_CASE_PHASE_IDENTIFIED], >, 0);
  g_assert_cmpuint (n_phase[POLKU_CASE_PHASE_CLOSED], >, 0);
  g_assert_cmpuint (n_valid, >, 30);
  g_assert_cmpuint (n_withdrawn, >, 0);
  g_assert_cmpuint (n_without_consent, >, 0);
  g_assert_cmpuint (n_overdue, >, 0);
  g_assert_cmpuint (n_changed, >, 0);
  /* The demo's own worker (the fixture's actor) has a caseload; some clients wait. */
  g_assert_cmpuint (n_mine, >, 0);
  {
    g_autoptr(GPtrArray) queue = polku_coordinator_store_list_queue (f->store, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (queue->len, >, 0);
  }
  g_assert_true (polku_audit_verify (f->store, NULL, &error));
  g_assert_no_error (error);
}

/* The demo's signs come from every kind of source, the client themself and relatives
 * included, and its closed cases have coded reasons of the list. */
static void
test_demo_sources_and_closings (Fixture       *f,
                                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) clients = NULL;
  g_autoptr(GHashTable) sectors = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) codes = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(PolkuClosingReasons) reasons = polku_closing_reasons_get_default (&error);
  guint n_closed = 0;

  g_assert_no_error (error);
  g_assert_true (polku_demo_populate (f->store, 60, 42, &error));
  g_assert_no_error (error);
  clients = polku_client_store_list (f->store, FALSE, &error);
  for (guint i = 0; i < clients->len; i++)
    {
      const char *id = polku_client_get_id (g_ptr_array_index (clients, i));
      g_autoptr(GPtrArray) signs = polku_case_store_list_signs (f->store, id, TRUE, &error);
      g_autoptr(PolkuCase) kase = polku_case_store_get (f->store, id, NULL);

      g_assert_no_error (error);
      for (guint j = 0; j < signs->len; j++)
        {
          PolkuCaseSign *sign = g_ptr_array_index (signs, j);
          const char *sector = polku_case_sign_get_source_sector (sign);

          g_assert_nonnull (sector);
          g_hash_table_add (sectors, (gpointer) g_intern_string (sector));
          g_assert_true (polku_case_sign_sector_is_professional (sector)
                         == (polku_case_sign_get_service_point (sign) != NULL));
        }
      if (kase != NULL && polku_case_get_phase_value (kase) == POLKU_CASE_PHASE_CLOSED)
        {
          const char *code = polku_case_get_closed_code (kase);

          n_closed++;
          g_assert_nonnull (polku_closing_reasons_get_label (reasons, code, NULL));
          g_hash_table_add (codes, (gpointer) g_intern_string (code));
        }
    }
  g_test_message ("%u sectors, %u closed with %u codes", g_hash_table_size (sectors), n_closed,
                  g_hash_table_size (codes));
  g_assert_true (g_hash_table_contains (sectors, "client"));
  g_assert_true (g_hash_table_contains (sectors, "relative"));
  g_assert_true (g_hash_table_contains (sectors, "health"));
  g_assert_true (g_hash_table_contains (sectors, "social"));
  g_assert_cmpuint (g_hash_table_size (sectors), >=, 5);
  g_assert_true (g_hash_table_contains (codes, "declined"));
  g_assert_cmpuint (g_hash_table_size (codes), >=, 2);
}

static gboolean
clear_all_dirty_body (PolkuStore  *store,
                      sqlite3     *db,
                      gpointer     data,
                      GError     **error)
{
  return polku_store_run (db, "DELETE FROM sync_dirty;", "Clearing", error, 0);
}

/* Empties sync_dirty (what a push that the server took does, client by client). */
static void
clear_all_dirty (Fixture *f)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (polku_store_write (f->store, clear_all_dirty_body, NULL, &error));
  g_assert_no_error (error);
}

/* Asserts that sync_dirty holds exactly @client (or nothing, for NULL), then empties it. */
static void
assert_dirty_then_clear (Fixture    *f,
                         const char *client,
                         const char *what)
{
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) dirty = polku_sync_store_list_dirty (f->store, &error);
  g_autofree char *got = NULL;

  g_assert_no_error (error);
  got = g_strjoinv (" ", dirty);
  if (g_strcmp0 (got, client != NULL ? client : "") != 0)
    g_error ("after %s: sync_dirty holds “%s”, expected “%s”", what, got,
             client != NULL ? client : "");
  clear_all_dirty (f);
}

/* Schema 13 dropped the sync_dirty INSERT triggers of team members, responsible periods,
 * consents and assessments: the stores mark the client themselves. Every change of each kind
 * marks exactly its client, as the triggers did, and nothing else; the changes that no
 * trigger marked (the case's phase and review date) mark nothing, nor does a change that
 * fails. The same test passes on the code of schema 12, with the triggers. */
static void
test_sync_dirty (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PolkuClient) other = add_client (f->store, "Eero", "Lahti");
  g_autoptr(PolkuTeamMember) member = NULL;
  g_autoptr(PolkuTeamMember) second = NULL;
  g_autoptr(PolkuTeamMember) changed = NULL;
  g_autoptr(PolkuConsent) contact = NULL;
  g_autoptr(PolkuConsent) sharing = NULL;
  g_autoptr(PolkuConsent) withdrawn = NULL;
  g_autoptr(PolkuConsent) refused = NULL;
  g_autoptr(PolkuAssessment) assessment = NULL;
  g_autoptr(PolkuInstrument) instrument = polku_instrument_lookup ("whoqol-bref", &error);
  g_autoptr(PolkuCase) kase = NULL;
  g_autofree char *joined = days_from_today (-20);
  g_autofree char *given = days_from_today (-10);
  g_autofree char *review = days_from_today (30);
  const char *client = client_id (f);
  const char * const organisations[] = { "county-health-services", NULL };
  const char * const parts[] = { "goals", NULL };

  g_assert_no_error (error);
  /* The other client has a team and a consent of its own, so that a change marking the
   * wrong client would show. */
  {
    g_autoptr(PolkuConsent) other_consent = add_consent (f, polku_client_get_id (other), given);
    g_autoptr(PolkuTeamMember) draft = g_object_new (POLKU_TYPE_TEAM_MEMBER,
                                                     "client-id", polku_client_get_id (other),
                                                     "person", "Ville Niemi",
                                                     "role", "sosiaaliohjaaja",
                                                     "organisation", "Sosiaalitoimi",
                                                     "sector", "social",
                                                     "joined-on", joined,
                                                     "responsible", TRUE, NULL);
    g_autoptr(PolkuTeamMember) added = polku_team_store_add (f->store, draft, &error);

    g_assert_no_error (error);
  }
  clear_all_dirty (f);

  /* The team: a member, a member named responsible as they join, a responsible worker
   * named and ended, a member leaving. */
  {
    g_autoptr(PolkuTeamMember) draft = g_object_new (POLKU_TYPE_TEAM_MEMBER,
                                                     "client-id", client,
                                                     "person", "Minna Rautio",
                                                     "role", "sairaanhoitaja",
                                                     "organisation", "Terveysasema",
                                                     "sector", "health",
                                                     "joined-on", joined, NULL);

    member = polku_team_store_add (f->store, draft, &error);
    g_assert_no_error (error);
    assert_dirty_then_clear (f, client, "a team member added");
  }
  {
    g_autoptr(PolkuTeamMember) draft = g_object_new (POLKU_TYPE_TEAM_MEMBER,
                                                     "client-id", client,
                                                     "person", "Sanna Koivisto",
                                                     "role", "asiakasvastaava",
                                                     "organisation", "Hyvinvointialue",
                                                     "sector", "social",
                                                     "joined-on", joined,
                                                     "responsible", TRUE, NULL);

    second = polku_team_store_add (f->store, draft, &error);
    g_assert_no_error (error);
    assert_dirty_then_clear (f, client, "a responsible team member added");
  }
  changed = polku_team_store_set_responsible (f->store, polku_team_member_get_id (member),
                                              given, &error);
  g_assert_no_error (error);
  assert_dirty_then_clear (f, client, "a responsible worker named");
  g_clear_object (&changed);
  changed = polku_team_store_set_responsible (f->store, polku_team_member_get_id (member),
                                              given, &error);
  g_assert_error (error, POLKU_TEAM_ERROR, POLKU_TEAM_ERROR_INVALID);
  g_clear_error (&error);
  assert_dirty_then_clear (f, NULL, "a responsible worker named twice (refused)");
  changed = polku_team_store_unset_responsible (f->store, polku_team_member_get_id (member),
                                                NULL, &error);
  g_assert_no_error (error);
  assert_dirty_then_clear (f, client, "a responsible worker's period ended");
  g_clear_object (&changed);
  changed = polku_team_store_leave (f->store, polku_team_member_get_id (member), NULL, &error);
  g_assert_no_error (error);
  assert_dirty_then_clear (f, client, "a team member left");
  g_clear_object (&changed);

  /* Consents: one to be contacted, one to share, the sharing one withdrawn; one refused. */
  contact = add_consent (f, client, given);
  assert_dirty_then_clear (f, client, "a contact consent added");
  {
    g_autoptr(PolkuConsent) draft = g_object_new (POLKU_TYPE_CONSENT,
                                                  "client-id", client,
                                                  "kind", "sharing",
                                                  "given-on", given,
                                                  "given-by", "client",
                                                  "method", "written",
                                                  "organisations", organisations,
                                                  "parts", parts, NULL);

    sharing = polku_consent_store_add (f->store, draft, &error);
    g_assert_no_error (error);
    assert_dirty_then_clear (f, client, "a sharing consent added");
  }
  {
    g_autoptr(PolkuConsent) draft = g_object_new (POLKU_TYPE_CONSENT,
                                                  "client-id", client,
                                                  "kind", "sharing",
                                                  "given-on", given,
                                                  "given-by", "client",
                                                  "method", "written",
                                                  "organisations", organisations,
                                                  NULL);

    refused = polku_consent_store_add (f->store, draft, &error);
    g_assert_error (error, POLKU_CONSENT_ERROR, POLKU_CONSENT_ERROR_INVALID);
    g_clear_error (&error);
    assert_dirty_then_clear (f, NULL, "a sharing consent without parts (refused)");
  }
  withdrawn = polku_consent_store_withdraw (f->store, polku_consent_get_id (sharing), NULL,
                                            &error);
  g_assert_no_error (error);
  assert_dirty_then_clear (f, client, "a consent withdrawn");

  /* Measures: an assessment added, then changed. */
  assessment = polku_assessment_new (client, instrument);
  for (guint i = 0; i < 26; i++)
    polku_assessment_set_answer (assessment, i, 3);
  polku_assessment_set_date (assessment, given);
  polku_assessment_set_status (assessment, POLKU_ASSESSMENT_STATUS_COMPLETE);
  g_assert_true (polku_assessment_store_save (f->store, assessment, &error));
  g_assert_no_error (error);
  assert_dirty_then_clear (f, client, "an assessment added");
  polku_assessment_set_answer (assessment, 0, 4);
  g_assert_true (polku_assessment_store_save (f->store, assessment, &error));
  g_assert_no_error (error);
  assert_dirty_then_clear (f, client, "an assessment changed");

  /* The case: its phase forward, its review date, closing and reopening, a phase refused. */
  kase = polku_case_store_set_phase (f->store, client, POLKU_CASE_PHASE_CONSENT, NULL, NULL,
                                     NULL, &error);
  g_assert_no_error (error);
  assert_dirty_then_clear (f, NULL, "the case's phase changed");
  g_clear_object (&kase);
  kase = polku_case_store_set_phase (f->store, client, POLKU_CASE_PHASE_CONSENT, NULL, NULL,
                                     NULL, &error);
  g_assert_error (error, POLKU_CASE_ERROR, POLKU_CASE_ERROR_INVALID);
  g_clear_error (&error);
  assert_dirty_then_clear (f, NULL, "the same phase again (refused)");
  kase = polku_case_store_set_review (f->store, client, review, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (polku_case_get_review_on (kase), ==, review);
  assert_dirty_then_clear (f, NULL, "the review date set");
  g_clear_object (&kase);
  kase = polku_case_store_set_phase (f->store, client, POLKU_CASE_PHASE_CLOSED, NULL,
                                     "goals_reached", NULL, &error);
  g_assert_no_error (error);
  assert_dirty_then_clear (f, NULL, "the case closed");
  g_clear_object (&kase);
  kase = polku_case_store_set_phase (f->store, client, POLKU_CASE_PHASE_CONTACTED, NULL, NULL,
                                     NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (polku_case_get_phase (kase), ==, "contacted");
  assert_dirty_then_clear (f, NULL, "the case reopened");
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_unsetenv ("POLKU_CHECKLIST");
  g_unsetenv ("POLKU_CLOSING_REASONS");
  g_setenv ("XDG_CONFIG_HOME", "/nonexistent", TRUE);
  g_setenv ("XDG_CONFIG_DIRS", "/nonexistent", TRUE);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("/case/identification", test_identification);
  ADD ("/case/consent-gate", test_consent_gate);
  ADD ("/case/phase-history", test_phase_history);
  ADD ("/case/history-in-schema", test_history_in_schema);
  ADD ("/case/filters", test_filters);
  ADD ("/case/notes", test_notes);
  ADD ("/case/sign-sources", test_sign_sources);
  ADD ("/case/sign-legacy-and-schema", test_sign_legacy_and_schema);
  ADD ("/case/closing-reasons", test_closing_reasons);
  ADD ("/case/demo-sources-and-closings", test_demo_sources_and_closings);
  ADD ("/case/demo", test_demo);
  ADD ("/case/sync-dirty", test_sync_dirty);
#undef ADD
  return g_test_run ();
}
