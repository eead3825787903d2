/* test-plan-case.c: what the plan takes from the case and the team, with the real store:
 * the agreed date (default, edit, bounds, the before/after window it anchors), the one
 * review date (the case's), the responsible workers (the team's, followed without a new
 * version), and old versions with the legacy members (load, compare, restore)
 *
 * Copyright 2026 The Polku authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "case-test-helpers.h"
#include "polku-assessment-store.h"
#include "polku-contact-store.h"
#include "polku-continuity.h"
#include "polku-plan-context.h"
#include "polku-plan-fhir.h"
#include "polku-plan-store.h"
#include "polku-team-store.h"

static JsonNode *
parse (const char *text)
{
  g_autoptr(GError) error = NULL;
  JsonNode *node = polku_plan_document_from_string (text, &error);

  g_assert_no_error (error);
  return node;
}

/* A plan with one goal, saved as version 1 (agreed on @agreed_on, or by default). */
static void
save_plan (Fixture    *f,
           const char *agreed_on)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) document = polku_plan_document_new (client_id (f), "fi");
  JsonObject *plan = json_node_get_object (document);
  g_autoptr(JsonNode) goals = parse ("[{\"id\": \"11111111-1111-4111-8111-111111111111\","
                                     " \"text\": \"Velat järjestykseen\","
                                     " \"expressed_by\": \"client\", \"status\": \"active\"}]");
  gint64 version = 0;

  json_object_set_member (plan, "goals", json_node_copy (goals));
  if (agreed_on != NULL)
    json_object_set_string_member (plan, "agreed_on", agreed_on);
  g_assert_true (polku_plan_store_save (f->store, client_id (f), document, 0,
                                        POLKU_PLAN_ORIGIN_EDIT, &version, &error));
  g_assert_no_error (error);
  g_assert_cmpint (version, ==, 1);
}

static char *
stored_agreed_on (Fixture *f)
{
  g_autofree char *plan_id = NULL;
  char *date = NULL;

  g_assert_true (polku_assessment_store_find_plan (f->store, client_id (f), &plan_id, &date,
                                                   NULL));
  return date;
}

static const char *
document_agreed_on (JsonNode *document)
{
  return json_object_get_string_member_with_default (json_node_get_object (document),
                                                     "agreed_on", NULL);
}

static guint
n_versions (Fixture *f)
{
  g_autoptr(GPtrArray) versions = polku_plan_store_list_versions (f->store, client_id (f),
                                                                  NULL);

  return versions != NULL ? versions->len : 0;
}

static JsonNode *
patch_plan (Fixture     *f,
            const char  *patch_text,
            GError     **error)
{
  g_autoptr(JsonNode) patch = parse (patch_text);

  return polku_plan_store_update (f->store, client_id (f), patch, -1, NULL, error);
}

/* Not given, the agreed date is the local date of the first save; later saves keep it. */
static void
test_agreed_default (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) loaded = NULL;
  g_autoptr(JsonNode) after = NULL;
  g_autofree char *column = NULL;

  save_plan (f, NULL);
  loaded = polku_plan_store_load (f->store, client_id (f), NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (document_agreed_on (loaded), ==, f->today);
  column = stored_agreed_on (f);
  g_assert_cmpstr (column, ==, f->today);

  /* A later version without it keeps the plan's. */
  after = patch_plan (f, "{\"agreed_on\": null, \"main_burden\": \"Raha\"}", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (document_agreed_on (after), ==, f->today);
  g_assert_cmpuint (n_versions (f), ==, 2);
}

/* An agreed date edited by a patch: the document and the column say it, in a new version. */
static void
test_agreed_edit (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *opened = days_from_today (-60);
  g_autofree char *agreed = days_from_today (-20);
  g_autofree char *changed = days_from_today (-25);
  g_autofree char *patch = g_strdup_printf ("{\"agreed_on\": \"%s\"}", changed);
  g_autoptr(PolkuCase) kase = polku_case_store_open (f->store, client_id (f), opened, &error);
  g_autoptr(JsonNode) after = NULL;
  g_autoptr(PolkuPlanVersion) first = NULL;
  g_autofree char *column = NULL;

  g_assert_no_error (error);
  save_plan (f, agreed);
  after = patch_plan (f, patch, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (document_agreed_on (after), ==, changed);
  column = stored_agreed_on (f);
  g_assert_cmpstr (column, ==, changed);
  g_assert_cmpuint (n_versions (f), ==, 2);

  /* The first version still says what was agreed then. */
  first = polku_plan_store_get_version (f->store, client_id (f), 1, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (document_agreed_on (polku_plan_version_get_document (first)), ==, agreed);
}

/* A day still to come, or one before the case was opened, is refused and nothing changes;
 * without a case only the future is refused; a date that stays is not checked again. */
static void
test_agreed_bounds (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *opened = days_from_today (-30);
  g_autofree char *tomorrow = days_from_today (1);
  g_autofree char *before_case = days_from_today (-31);
  g_autofree char *future = g_strdup_printf ("{\"agreed_on\": \"%s\"}", tomorrow);
  g_autofree char *early = g_strdup_printf ("{\"agreed_on\": \"%s\"}", before_case);
  g_autofree char *long_ago = NULL;
  g_autofree char *column = NULL;
  g_autoptr(PolkuCase) kase = NULL;
  g_autoptr(JsonNode) result = NULL;
  g_autoptr(JsonNode) document = polku_plan_document_new (client_id (f), "fi");

  /* The first save is checked too. */
  json_object_set_string_member (json_node_get_object (document), "agreed_on", tomorrow);
  g_assert_false (polku_plan_store_save (f->store, client_id (f), document, 0,
                                         POLKU_PLAN_ORIGIN_EDIT, NULL, &error));
  g_assert_error (error, POLKU_PLAN_ERROR, POLKU_PLAN_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "a day still to come"));
  g_assert_nonnull (strstr (error->message, "Nothing was saved."));
  g_clear_error (&error);
  g_assert_cmpuint (n_versions (f), ==, 0);

  /* Without a case, any past day will do. */
  save_plan (f, "2020-01-15");
  result = patch_plan (f, future, &error);
  g_assert_null (result);
  g_assert_error (error, POLKU_PLAN_ERROR, POLKU_PLAN_ERROR_INVALID);
  g_clear_error (&error);

  /* The case is opened after the plan was agreed: other changes are still saved. */
  kase = polku_case_store_open (f->store, client_id (f), opened, &error);
  g_assert_no_error (error);
  result = patch_plan (f, "{\"main_burden\": \"Yksinäisyys\"}", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (document_agreed_on (result), ==, "2020-01-15");
  g_clear_pointer (&result, json_node_unref);

  /* But a new agreed date before the case was opened is refused. */
  result = patch_plan (f, early, &error);
  g_assert_null (result);
  g_assert_error (error, POLKU_PLAN_ERROR, POLKU_PLAN_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "before the client’s case was opened"));
  g_clear_error (&error);
  result = patch_plan (f, future, &error);
  g_assert_null (result);
  g_clear_error (&error);

  g_assert_cmpuint (n_versions (f), ==, 2);
  column = stored_agreed_on (f);
  g_assert_cmpstr (column, ==, "2020-01-15");

  /* The day the case was opened, and today, are both fine. */
  long_ago = g_strdup_printf ("{\"agreed_on\": \"%s\"}", opened);
  result = patch_plan (f, long_ago, &error);
  g_assert_no_error (error);
  g_clear_pointer (&result, json_node_unref);
  g_free (long_ago);
  long_ago = g_strdup_printf ("{\"agreed_on\": \"%s\"}", f->today);
  result = patch_plan (f, long_ago, &error);
  g_assert_no_error (error);
}

static void
add_visit (Fixture    *f,
           int         days,
           const char *professional)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PolkuContact) contact = polku_contact_new ();
  g_autofree char *date = days_from_today (days);

  polku_contact_set_client_id (contact, client_id (f));
  polku_contact_set_date (contact, date);
  polku_contact_set_type_id (contact, "doctor");
  polku_contact_set_professional_id (contact, professional);
  g_assert_true (polku_contact_store_add (f->store, contact, &error));
  g_assert_no_error (error);
}

/* The visits counted before and after the plan's start, as the Measures tab reads them. */
static void
count_around_start (Fixture *f,
                    guint   *out_before,
                    guint   *out_after)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) contacts = polku_contact_store_list (f->store, client_id (f), NULL,
                                                            NULL, &error);
  g_autoptr(GArray) visits = NULL;
  g_autoptr(GArray) counts = NULL;
  g_autofree char *start_text = stored_agreed_on (f);
  GDate start;

  g_assert_no_error (error);
  g_assert_true (polku_date_parse_iso (start_text, &start));
  visits = polku_contacts_to_visits (contacts);
  counts = polku_visit_counts_around ((const PolkuVisit *) visits->data, visits->len, &start,
                                      6);
  g_assert_cmpuint (counts->len, ==, 1);
  *out_before = g_array_index (counts, PolkuVisitCount, 0).before;
  *out_after = g_array_index (counts, PolkuVisitCount, 0).after;
}

/* The before/after periods start on the agreed date: moving it moves which visits fall
 * before and after the plan. */
static void
test_window_moves (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *opened = days_from_today (-150);
  g_autofree char *agreed = days_from_today (-90);
  g_autofree char *later = days_from_today (-60);
  g_autofree char *patch = g_strdup_printf ("{\"agreed_on\": \"%s\"}", later);
  g_autoptr(PolkuCase) kase = polku_case_store_open (f->store, client_id (f), opened, &error);
  g_autoptr(JsonNode) result = NULL;
  guint before = 0, after = 0;

  g_assert_no_error (error);
  add_visit (f, -100, "L-1");
  add_visit (f, -80, "L-1");
  add_visit (f, -50, "L-2");
  add_visit (f, -20, "L-1");

  save_plan (f, agreed);
  count_around_start (f, &before, &after);
  g_assert_cmpuint (before, ==, 1);
  g_assert_cmpuint (after, ==, 3);

  result = patch_plan (f, patch, &error);
  g_assert_no_error (error);
  count_around_start (f, &before, &after);
  g_assert_cmpuint (before, ==, 2);
  g_assert_cmpuint (after, ==, 2);
}

static PolkuTeamMember *
add_member (Fixture    *f,
            const char *person,
            const char *role,
            const char *contact,
            gboolean    responsible)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PolkuTeamMember) draft = g_object_new (POLKU_TYPE_TEAM_MEMBER,
                                                   "client-id", client_id (f),
                                                   "person", person,
                                                   "role", role,
                                                   "organisation", "Hyvinvointialue",
                                                   "sector", "social",
                                                   "contact", contact,
                                                   "joined-on", f->today,
                                                   "responsible", responsible,
                                                   NULL);
  PolkuTeamMember *member = polku_team_store_add (f->store, draft, &error);

  g_assert_no_error (error);
  return member;
}

static gboolean
has_worker (const PolkuPlanContext *context,
            const char             *name)
{
  for (guint i = 0; i < context->workers->len; i++)
    if (g_str_equal (((PolkuPlanWorker *) g_ptr_array_index (context->workers, i))->name,
                     name))
      return TRUE;
  return FALSE;
}

static gboolean
bundle_says (JsonNode   *bundle,
             const char *text)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autofree char *json = NULL;

  json_generator_set_root (generator, bundle);
  json = json_generator_to_data (generator, NULL);
  return strstr (json, text) != NULL;
}

/* The plan names the team's responsible workers and the case's review date: changing them
 * changes what the plan shows and exports, with no new version of the plan. */
static void
test_team_and_review (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PolkuPlanContext) empty = NULL;
  g_autoptr(PolkuPlanContext) first = NULL;
  g_autoptr(PolkuPlanContext) second = NULL;
  g_autoptr(PolkuTeamMember) laine = NULL;
  g_autoptr(PolkuTeamMember) salo = NULL;
  g_autoptr(PolkuTeamMember) named = NULL;
  g_autoptr(PolkuCase) kase = NULL;
  g_autoptr(JsonNode) document = NULL;
  g_autoptr(JsonNode) bundle = NULL;
  g_autofree char *line = NULL;
  g_autofree char *review = days_from_today (40);
  g_autofree char *moved = days_from_today (70);

  /* No case, no team: the plan names nobody and no review. */
  save_plan (f, NULL);
  empty = polku_plan_context_read (f->store, client_id (f), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (empty->workers->len, ==, 0);
  g_assert_null (empty->review_on);

  laine = add_member (f, "Minna Laine", "Sosiaaliohjaaja", "minna.laine@example.fi", TRUE);
  salo = add_member (f, "Mikko Salo", "Terveydenhoitaja", "040 765 4321", FALSE);
  kase = polku_case_store_set_review (f->store, client_id (f), review, &error);
  g_assert_no_error (error);

  first = polku_plan_context_read (f->store, client_id (f), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (first->workers->len, ==, 1);
  g_assert_cmpstr (first->review_on, ==, review);
  line = polku_plan_worker_dup_line (g_ptr_array_index (first->workers, 0));
  g_assert_cmpstr (line, ==, "Minna Laine, Sosiaaliohjaaja, Hyvinvointialue");
  g_assert_true (polku_plan_worker_has_email (g_ptr_array_index (first->workers, 0)));

  document = polku_plan_store_load (f->store, client_id (f), NULL, &error);
  g_assert_no_error (error);
  bundle = polku_plan_to_fhir (document, f->client, first);
  g_assert_true (bundle_says (bundle, "Minna Laine"));
  g_assert_true (bundle_says (bundle, "minna.laine@example.fi"));
  g_assert_true (bundle_says (bundle, review));
  g_assert_false (bundle_says (bundle, "Mikko Salo"));
  g_clear_pointer (&bundle, json_node_unref);

  /* The team names Mikko Salo and the review is moved, in the team and the case only. */
  named = polku_team_store_set_responsible (f->store, polku_team_member_get_id (salo),
                                            f->today, &error);
  g_assert_no_error (error);
  g_clear_object (&kase);
  kase = polku_case_store_set_review (f->store, client_id (f), moved, &error);
  g_assert_no_error (error);

  second = polku_plan_context_read (f->store, client_id (f), &error);
  g_assert_no_error (error);
  g_assert_true (has_worker (second, "Mikko Salo"));
  g_assert_cmpstr (second->review_on, ==, moved);
  bundle = polku_plan_to_fhir (document, f->client, second);
  g_assert_true (bundle_says (bundle, "Mikko Salo"));
  g_assert_true (bundle_says (bundle, "040 765 4321"));
  g_assert_true (bundle_says (bundle, moved));
  g_assert_false (bundle_says (bundle, review));
  g_assert_cmpuint (n_versions (f), ==, 1);
}

/* A version saved before schema 7 (with the legacy members and no agreed date), written as
 * the old code wrote it: it loads with the plan's agreed date, compares, restores (as a
 * version without the legacy members), and saving it unchanged makes no new version. */
static void
test_legacy_versions (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) loaded = NULL;
  g_autoptr(JsonNode) current = NULL;
  g_autoptr(GPtrArray) versions = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autofree char *old = g_strdup_printf (
    "{\"schema\": 1, \"id\": \"5d5a248e-9ac5-4109-b908-31f2d382f817\", \"client_id\": \"%s\","
    " \"created\": \"2026-03-02T09:00:00.000Z\", \"modified\": \"2026-03-02T09:00:00.000Z\","
    " \"language\": \"fi\", \"client_view\": \"Haluan asua kotona.\", \"main_burden\": null,"
    " \"responsible_worker\": {\"name\": \"Minna Laine\", \"phone\": \"040 123 4567\"},"
    " \"goals\": [], \"services\": [], \"differing_views\": [],"
    " \"next_review\": \"2026-06-01\"}", client_id (f));
  gint64 version = 0;
  const char *found = NULL;
  PolkuPlanVersion *v1;
  PolkuPlanVersion *v2;

  {
    sqlite3 *db = polku_store_begin_use (f->store, &error);

    g_assert_no_error (error);
    g_assert_true (polku_store_run (db, "INSERT INTO plan (id, created, modified, client_id,"
                                        " language, current_version, agreed_on) VALUES"
                                        " ('5d5a248e-9ac5-4109-b908-31f2d382f817',"
                                        " '2026-03-02T09:00:00.000Z',"
                                        " '2026-03-02T09:00:00.000Z', ?1, 'fi', 1,"
                                        " '2026-03-02');",
                                    "test", &error, 1, client_id (f)));
    g_assert_true (polku_store_run (db, "INSERT INTO plan_version (id, created, modified,"
                                        " plan_id, version, author, origin, document) VALUES"
                                        " ('7d5a248e-9ac5-4109-b908-31f2d382f817',"
                                        " '2026-03-02T09:00:00.000Z',"
                                        " '2026-03-02T09:00:00.000Z',"
                                        " '5d5a248e-9ac5-4109-b908-31f2d382f817', 1,"
                                        " 'Minna Laine', 'edit', ?1);",
                                    "test", &error, 1, old));
    polku_store_end_use (f->store);
  }

  /* Loaded with the plan's agreed date. */
  loaded = polku_plan_store_load (f->store, client_id (f), &version, &error);
  g_assert_no_error (error);
  g_assert_cmpint (version, ==, 1);
  g_assert_cmpstr (document_agreed_on (loaded), ==, "2026-03-02");
  g_assert_true (polku_plan_document_validate (loaded, &error));

  /* Saved as it was loaded: nothing changed, no new version. */
  g_assert_true (polku_plan_store_save (f->store, client_id (f), loaded, 1,
                                        POLKU_PLAN_ORIGIN_EDIT, &version, &error));
  g_assert_no_error (error);
  g_assert_cmpint (version, ==, 1);

  /* A real change makes version 2, without the legacy members. */
  json_object_set_string_member (json_node_get_object (loaded), "main_burden", "Velat");
  g_assert_true (polku_plan_store_save (f->store, client_id (f), loaded, 1,
                                        POLKU_PLAN_ORIGIN_EDIT, &version, &error));
  g_assert_no_error (error);
  g_assert_cmpint (version, ==, 2);
  versions = polku_plan_store_list_versions (f->store, client_id (f), &error);
  g_assert_no_error (error);
  v1 = g_ptr_array_index (versions, 0);
  v2 = g_ptr_array_index (versions, 1);
  g_assert_true (json_object_has_member (json_node_get_object (
                                           polku_plan_version_get_document (v1)),
                                         "responsible_worker"));
  g_assert_false (json_object_has_member (json_node_get_object (
                                            polku_plan_version_get_document (v2)),
                                          "responsible_worker"));
  g_assert_false (json_object_has_member (json_node_get_object (
                                            polku_plan_version_get_document (v2)),
                                          "next_review"));
  g_assert_cmpstr (document_agreed_on (polku_plan_version_get_document (v2)), ==,
                   "2026-03-02");

  /* The comparison says what the old version had. */
  rows = polku_plan_compare (polku_plan_version_get_document (v1),
                             polku_plan_version_get_document (v2));
  for (guint i = 0; i < rows->len; i++)
    {
      PolkuPlanDiffRow *row = g_ptr_array_index (rows, i);

      if (g_str_equal (row->key, "responsible_worker/name"))
        {
          g_assert_cmpint (row->kind, ==, POLKU_PLAN_DIFF_CHANGED);
          g_assert_cmpstr (row->old_value, ==, "Minna Laine");
          g_assert_null (row->new_value);
          found = row->key;
        }
      if (g_str_equal (row->key, "next_review"))
        g_assert_cmpint (row->kind, ==, POLKU_PLAN_DIFF_CHANGED);
    }
  g_assert_nonnull (found);

  /* Restoring version 1 brings back its content, not its copies. */
  g_assert_true (polku_plan_store_restore (f->store, client_id (f), 1, &version, &error));
  g_assert_no_error (error);
  g_assert_cmpint (version, ==, 3);
  current = polku_plan_store_load (f->store, client_id (f), NULL, &error);
  g_assert_no_error (error);
  g_assert_false (json_object_has_member (json_node_get_object (current),
                                          "responsible_worker"));
  g_assert_false (json_object_has_member (json_node_get_object (current), "next_review"));
  g_assert_true (json_object_get_null_member (json_node_get_object (current), "main_burden")
                 || !json_object_has_member (json_node_get_object (current), "main_burden"));
  g_assert_cmpstr (document_agreed_on (current), ==, "2026-03-02");
}

static void
test_overdue (void)
{
  g_autofree char *overdue = polku_plan_review_dup_overdue ("2025-09-01", "2025-09-02");
  g_autofree char *due_today = polku_plan_review_dup_overdue ("2025-09-01", "2025-09-01");
  g_autofree char *ahead = polku_plan_review_dup_overdue ("2025-09-01", "2025-08-01");
  g_autofree char *none = polku_plan_review_dup_overdue (NULL, "2025-08-01");
  g_autofree char *yesterday = days_from_today (-1);
  g_autofree char *now = polku_plan_review_dup_overdue (yesterday, NULL);

  g_assert_cmpstr (overdue, ==, "Overdue since 1.9.2025");
  g_assert_null (due_today);
  g_assert_null (ahead);
  g_assert_null (none);
  g_assert_nonnull (now);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("/plan-case/agreed-default", test_agreed_default);
  ADD ("/plan-case/agreed-edit", test_agreed_edit);
  ADD ("/plan-case/agreed-bounds", test_agreed_bounds);
  ADD ("/plan-case/window-moves", test_window_moves);
  ADD ("/plan-case/team-and-review", test_team_and_review);
  ADD ("/plan-case/legacy-versions", test_legacy_versions);
#undef ADD
  g_test_add_func ("/plan-case/overdue", test_overdue);

  return g_test_run ();
}
