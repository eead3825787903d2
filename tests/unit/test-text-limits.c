/* test-text-limits.c: free text has limits no person reaches, with a clear error and
 * nothing written (issue 10, item 10): notes, warning-sign and phase reasons, team members,
 * plan fields and whole plan documents. At the limit is accepted; one over is refused.
 *
 * Copyright 2026 The Polku authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "case-test-helpers.h"
#include "polku-followup-store.h"
#include "polku-limits.h"
#include "polku-plan-store.h"
#include "polku-plan.h"
#include "polku-team-store.h"

/* @n characters, two bytes each (so that bytes are not mistaken for characters). */
static char *
text_of (glong n)
{
  GString *text = g_string_sized_new (n * 2);

  for (glong i = 0; i < n; i++)
    g_string_append (text, "ä");
  return g_string_free (text, FALSE);
}

static void
assert_too_long (GError *error,
                 glong   limit)
{
  g_autofree char *number = g_strdup_printf ("%ld", limit);

  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error->message, "longer than"));
  g_assert_nonnull (strstr (error->message, number));
}

static void
test_note (Fixture       *f,
           gconstpointer  data)
{
  g_autofree char *at = text_of (POLKU_LIMIT_TEXT);
  g_autofree char *over = text_of (POLKU_LIMIT_TEXT + 1);
  g_autoptr(GError) error = NULL;
  g_autoptr(PolkuCaseNote) note = NULL;
  g_autoptr(PolkuCaseNote) refused = NULL;
  g_autoptr(GPtrArray) notes = NULL;

  note = polku_case_store_add_note (f->store, client_id (f), at, &error);
  g_assert_no_error (error);
  g_assert_nonnull (note);

  refused = polku_case_store_add_note (f->store, client_id (f), over, &error);
  g_assert_null (refused);
  g_assert_error (error, POLKU_CASE_ERROR, POLKU_CASE_ERROR_INVALID);
  assert_too_long (error, POLKU_LIMIT_TEXT);
  g_clear_error (&error);

  notes = polku_case_store_list_notes (f->store, client_id (f), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (notes->len, ==, 1);
}

static PolkuCaseSign *
add_sign_with (Fixture     *f,
               const char  *reason,
               const char  *unit,
               const char  *person,
               GError     **error)
{
  g_autoptr(PolkuCaseSign) draft = g_object_new (POLKU_TYPE_CASE_SIGN,
                                                 "client-id", client_id (f),
                                                 "group-id", "worry",
                                                 "item-id", "client_situation",
                                                 "reason", reason,
                                                 "source-sector", "health",
                                                 "service-point", unit,
                                                 "flagged-by", person,
                                                 NULL);

  return polku_case_store_add_sign (f->store, f->checklist, draft, error);
}

static void
test_sign (Fixture       *f,
           gconstpointer  data)
{
  g_autofree char *long_reason = text_of (POLKU_LIMIT_TEXT + 1);
  g_autofree char *long_name = text_of (POLKU_LIMIT_NAME + 1);
  g_autofree char *name = text_of (POLKU_LIMIT_NAME);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) signs = NULL;
  PolkuCaseSign *sign;

  sign = add_sign_with (f, long_reason, "Terveysasema", "Sanna", &error);
  g_assert_null (sign);
  assert_too_long (error, POLKU_LIMIT_TEXT);
  g_clear_error (&error);

  sign = add_sign_with (f, "Huoli.", long_name, "Sanna", &error);
  g_assert_null (sign);
  assert_too_long (error, POLKU_LIMIT_NAME);
  g_clear_error (&error);

  sign = add_sign_with (f, "Huoli.", "Terveysasema", long_name, &error);
  g_assert_null (sign);
  assert_too_long (error, POLKU_LIMIT_NAME);
  g_clear_error (&error);

  signs = polku_case_store_list_signs (f->store, client_id (f), TRUE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (signs->len, ==, 0);

  sign = add_sign_with (f, "Huoli.", name, name, &error);
  g_assert_no_error (error);
  g_clear_object (&sign);
}

static void
test_phase_reason (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *over = text_of (POLKU_LIMIT_TEXT + 1);
  g_autoptr(GError) error = NULL;
  g_autoptr(PolkuCase) kase = NULL;
  g_autoptr(PolkuCase) refused = NULL;
  g_autoptr(PolkuCaseSign) sign = add_sign_with (f, "Huoli.", "Terveysasema", "Sanna", &error);

  g_assert_no_error (error);
  refused = polku_case_store_set_phase (f->store, client_id (f), POLKU_CASE_PHASE_CLOSED, NULL,
                                        "goals_reached", over, &error);
  g_assert_null (refused);
  assert_too_long (error, POLKU_LIMIT_TEXT);
  g_clear_error (&error);

  kase = polku_case_store_get (f->store, client_id (f), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (polku_case_get_phase (kase), !=, "closed");
}

static PolkuTeamMember *
add_member (Fixture     *f,
            const char  *person,
            const char  *role,
            const char  *organisation,
            GError     **error)
{
  g_autoptr(PolkuTeamMember) draft = g_object_new (POLKU_TYPE_TEAM_MEMBER,
                                                   "client-id", client_id (f),
                                                   "person", person,
                                                   "role", role,
                                                   "organisation", organisation,
                                                   "sector", "health",
                                                   NULL);

  return polku_team_store_add (f->store, draft, error);
}

static void
test_team (Fixture       *f,
           gconstpointer  data)
{
  g_autofree char *over = text_of (POLKU_LIMIT_NAME + 1);
  g_autofree char *at = text_of (POLKU_LIMIT_NAME);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) members = NULL;
  PolkuTeamMember *member;

  member = add_member (f, over, "nurse", "Hyvinvointialue", &error);
  g_assert_null (member);
  g_assert_error (error, POLKU_TEAM_ERROR, POLKU_TEAM_ERROR_INVALID);
  assert_too_long (error, POLKU_LIMIT_NAME);
  g_clear_error (&error);

  member = add_member (f, "Sanna", over, "Hyvinvointialue", &error);
  g_assert_null (member);
  assert_too_long (error, POLKU_LIMIT_NAME);
  g_clear_error (&error);

  member = add_member (f, "Sanna", "nurse", over, &error);
  g_assert_null (member);
  assert_too_long (error, POLKU_LIMIT_NAME);
  g_clear_error (&error);

  members = polku_team_store_list (f->store, client_id (f), TRUE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (members->len, ==, 0);

  member = add_member (f, at, at, at, &error);
  g_assert_no_error (error);
  g_clear_object (&member);
}

static void
test_plan_field (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(JsonNode) document = polku_plan_document_new (client_id (f), "fi");
  g_autofree char *at = text_of (POLKU_LIMIT_TEXT);
  g_autofree char *over = text_of (POLKU_LIMIT_TEXT + 1);
  g_autoptr(GError) error = NULL;
  JsonObject *plan = json_node_get_object (document);

  json_object_set_string_member (plan, "main_burden", at);
  g_assert_true (polku_plan_document_validate (document, &error));
  g_assert_no_error (error);

  json_object_set_string_member (plan, "main_burden", over);
  g_assert_false (polku_plan_document_validate (document, &error));
  g_assert_error (error, POLKU_PLAN_ERROR, POLKU_PLAN_ERROR_INVALID);
  assert_too_long (error, POLKU_LIMIT_TEXT);
  g_assert_nonnull (strstr (error->message, "main_burden"));
  g_clear_error (&error);

  /* And the store saves nothing. */
  g_assert_false (polku_plan_store_save (f->store, client_id (f), document, 0,
                                         POLKU_PLAN_ORIGIN_PATCH, NULL, &error));
  g_assert_error (error, POLKU_PLAN_ERROR, POLKU_PLAN_ERROR_INVALID);
}

/* Fields each under the limit, but a whole document over 1 MiB. */
static void
test_plan_document (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(JsonNode) document = polku_plan_document_new (client_id (f), "fi");
  g_autofree char *text = text_of (POLKU_LIMIT_TEXT);   /* 40,000 bytes */
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonArray) goals = json_array_new ();
  JsonObject *plan = json_node_get_object (document);
  g_autoptr(GPtrArray) versions = NULL;

  for (guint i = 0; i < 27; i++)   /* 27 × 40,000 bytes > 1 MiB */
    {
      JsonObject *goal = json_object_new ();
      g_autofree char *id = g_uuid_string_random ();

      json_object_set_string_member (goal, "id", id);
      json_object_set_string_member (goal, "text", text);
      json_object_set_string_member (goal, "expressed_by", "client");
      json_object_set_string_member (goal, "status", "active");
      json_array_add_object_element (goals, goal);
    }
  json_object_set_array_member (plan, "goals", json_array_ref (goals));

  g_assert_false (polku_plan_document_validate (document, &error));
  g_assert_error (error, POLKU_PLAN_ERROR, POLKU_PLAN_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "1 MiB"));
  g_clear_error (&error);

  g_assert_false (polku_plan_store_save (f->store, client_id (f), document, 0,
                                         POLKU_PLAN_ORIGIN_PATCH, NULL, &error));
  g_assert_error (error, POLKU_PLAN_ERROR, POLKU_PLAN_ERROR_INVALID);
  g_clear_error (&error);

  /* 20 goals (800,000 bytes) are still a plan. */
  json_array_remove_element (goals, 0);
  for (guint i = 0; i < 6; i++)
    json_array_remove_element (goals, 0);
  g_assert_true (polku_plan_document_validate (document, &error));
  g_assert_no_error (error);
}

static void
test_followup (Fixture       *f,
               gconstpointer  data)
{
  g_autofree char *over_text = text_of (POLKU_LIMIT_TEXT + 1);
  g_autofree char *over_name = text_of (POLKU_LIMIT_NAME + 1);
  const char *titles[] = { over_text, "Soita", };
  const char *assignees[] = { "Jukka", over_name };

  for (guint i = 0; i < G_N_ELEMENTS (titles); i++)
    {
      g_autoptr(PolkuFollowup) draft = g_object_new (POLKU_TYPE_FOLLOWUP,
                                                     "client-id", client_id (f),
                                                     "title", titles[i],
                                                     "due-on", f->today,
                                                     "assignee", assignees[i],
                                                     NULL);
      g_autoptr(PolkuFollowup) followup = NULL;
      g_autoptr(GError) error = NULL;

      followup = polku_followup_store_add (f->store, draft, &error);
      g_assert_null (followup);
      g_assert_error (error, POLKU_FOLLOWUP_ERROR, POLKU_FOLLOWUP_ERROR_INVALID);
      assert_too_long (error, i == 0 ? POLKU_LIMIT_TEXT : POLKU_LIMIT_NAME);
    }
}

static void
test_consent (Fixture       *f,
              gconstpointer  data)
{
  g_autofree char *over = text_of (POLKU_LIMIT_NAME + 1);
  const char *organisations[] = { over, NULL };
  g_autoptr(PolkuConsent) draft = NULL;
  g_autoptr(PolkuConsent) consent = NULL;
  g_autoptr(GError) error = NULL;

  draft = g_object_new (POLKU_TYPE_CONSENT, "client-id", client_id (f), "kind", "contact",
                        "given-on", f->today, "given-by", "representative",
                        "representative", over, "method", "written", NULL);
  consent = polku_consent_store_add (f->store, draft, &error);
  g_assert_null (consent);
  g_assert_error (error, POLKU_CONSENT_ERROR, POLKU_CONSENT_ERROR_INVALID);
  assert_too_long (error, POLKU_LIMIT_NAME);
  g_clear_error (&error);
  g_clear_object (&draft);

  draft = g_object_new (POLKU_TYPE_CONSENT, "client-id", client_id (f), "kind", "sharing",
                        "given-on", f->today, "given-by", "client", "method", "written",
                        "organisations", organisations, NULL);
  consent = polku_consent_store_add (f->store, draft, &error);
  g_assert_null (consent);
  g_assert_error (error, POLKU_CONSENT_ERROR, POLKU_CONSENT_ERROR_INVALID);
  assert_too_long (error, POLKU_LIMIT_NAME);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("/text-limits/note", test_note);
  ADD ("/text-limits/sign", test_sign);
  ADD ("/text-limits/phase-reason", test_phase_reason);
  ADD ("/text-limits/team", test_team);
  ADD ("/text-limits/plan-field", test_plan_field);
  ADD ("/text-limits/plan-document", test_plan_document);
  ADD ("/text-limits/followup", test_followup);
  ADD ("/text-limits/consent", test_consent);
#undef ADD

  return g_test_run ();
}
