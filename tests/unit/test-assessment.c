/* test-assessment.c: stored assessments and drafts, their audit entries, and the FHIR and
 * CSV exports
 *
 * Copyright 2026 The Polku authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <math.h>
#include <string.h>

#include "polku-assessment-export.h"
#include "polku-assessment-store.h"
#include "polku-audit.h"
#include "polku-client-store.h"
#include "polku-demo.h"
#include "polku-plan-store.h"

#include "test-common.h"

/* A plan id that is no client's plan (assessments must name their own client's plan). */
#define PLAN_ID "5b0c2f1e-8d7a-4c3b-9e6f-1a2b3c4d5e6f"

typedef struct
{
  char        *dir;
  char        *path;
  PolkuStore  *store;
  PolkuClient *client;
  char        *plan_id;  /* the client's plan */
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->dir = g_dir_make_tmp ("polku-test-assessment-XXXXXX", NULL);
  f->path = g_build_filename (f->dir, "polku.db", NULL);
  f->store = polku_store_open (f->path, POLKU_KEY_RAW, KEY, TRUE, &error);
  g_assert_no_error (error);
  polku_store_set_actor (f->store, "Testi Työntekijä");

  f->client = polku_client_new ();
  polku_client_set_given_name (f->client, "Aino");
  polku_client_set_family_name (f->client, "Virtanen");
  polku_client_set_hetu (f->client, "131052-308T");
  g_assert_true (polku_client_store_save (f->store, f->client, &error));
  g_assert_no_error (error);

  {
    g_autoptr(JsonNode) plan = polku_plan_document_new (polku_client_get_id (f->client), "fi");
    g_autofree char *start = NULL;

    g_assert_true (polku_plan_store_save (f->store, polku_client_get_id (f->client), plan, 0,
                                          POLKU_PLAN_ORIGIN_CREATE, NULL, &error));
    g_assert_no_error (error);
    g_assert_true (polku_assessment_store_find_plan (f->store, polku_client_get_id (f->client),
                                                     &f->plan_id, &start, &error));
  }
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_clear_object (&f->store);
  g_clear_object (&f->client);
  g_free (f->plan_id);
  remove_tree (f->dir);
  g_free (f->dir);
  g_free (f->path);
}

static PolkuAssessment *
whoqol_with (Fixture    *f,
             int         value,
             const char *date)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PolkuInstrument) instrument = polku_instrument_lookup ("whoqol-bref", &error);
  PolkuAssessment *assessment;

  g_assert_no_error (error);
  assessment = polku_assessment_new (polku_client_get_id (f->client), instrument);
  for (guint i = 0; i < 26; i++)
    polku_assessment_set_answer (assessment, i, value);
  polku_assessment_set_date (assessment, date);
  return assessment;
}

static guint
count_actions (Fixture    *f,
               const char *action)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) entries = polku_audit_list (f->store, polku_client_get_id (f->client),
                                                   &error);
  guint n = 0;

  g_assert_no_error (error);
  for (guint i = 0; i < entries->len; i++)
    {
      PolkuAuditEntry *entry = g_ptr_array_index (entries, i);

      if (g_str_equal (polku_audit_entry_get_action (entry), action))
        {
          n++;
          /* Ids and field names only. */
          g_assert_null (strstr (polku_audit_entry_get_detail (entry), "Aino"));
        }
    }
  return n;
}

static void
test_add_list_update_remove (Fixture       *f,
                             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PolkuAssessment) baseline = whoqol_with (f, 2, "2025-01-15");
  g_autoptr(PolkuAssessment) follow_up = whoqol_with (f, 4, "2025-04-15");
  g_autoptr(PolkuAssessment) read = NULL;
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(PolkuScores) scores = NULL;

  /* Another client's plan (or none known) is refused, and nothing is written. */
  polku_assessment_set_plan_id (baseline, PLAN_ID);
  polku_assessment_set_status (baseline, POLKU_ASSESSMENT_STATUS_COMPLETE);
  g_assert_false (polku_assessment_store_save (f->store, baseline, &error));
  g_assert_error (error, POLKU_ASSESSMENT_ERROR, POLKU_ASSESSMENT_ERROR_INVALID);
  g_assert_null (polku_assessment_get_id (baseline));
  g_clear_error (&error);

  polku_assessment_set_plan_id (baseline, f->plan_id);
  polku_assessment_set_status (baseline, POLKU_ASSESSMENT_STATUS_COMPLETE);
  polku_assessment_set_answer (baseline, 20, POLKU_ANSWER_MISSING);
  g_assert_true (polku_assessment_store_save (f->store, baseline, &error));
  g_assert_no_error (error);
  g_assert_true (g_uuid_string_is_valid (polku_assessment_get_id (baseline)));

  polku_assessment_set_role (follow_up, POLKU_ASSESSMENT_ROLE_FOLLOW_UP);
  polku_assessment_set_status (follow_up, POLKU_ASSESSMENT_STATUS_COMPLETE);
  g_assert_true (polku_assessment_store_save (f->store, follow_up, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (count_actions (f, POLKU_AUDIT_ASSESSMENT_ADD), ==, 2);

  list = polku_assessment_store_list (f->store, polku_client_get_id (f->client), NULL, FALSE,
                                      &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 2);
  read = g_object_ref (g_ptr_array_index (list, 0));
  g_assert_cmpstr (polku_assessment_get_id (read), ==, polku_assessment_get_id (baseline));
  g_assert_cmpstr (polku_assessment_get_plan_id (read), ==, f->plan_id);
  g_assert_cmpstr (polku_assessment_get_date (read), ==, "2025-01-15");
  g_assert_cmpint (polku_assessment_get_role (read), ==, POLKU_ASSESSMENT_ROLE_BASELINE);
  g_assert_cmpint (polku_assessment_get_answer (read, 0), ==, 2);
  g_assert_cmpint (polku_assessment_get_answer (read, 20), ==, POLKU_ANSWER_MISSING);
  scores = polku_assessment_compute_scores (read, &error);
  g_assert_no_error (error);
  g_assert_cmpfloat (scores->domains[2].values[0], ==, 8.0);

  /* A change: the date, with an update entry. */
  polku_assessment_set_date (read, "2025-01-16");
  g_assert_true (polku_assessment_store_save (f->store, read, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (count_actions (f, POLKU_AUDIT_ASSESSMENT_UPDATE), ==, 1);
  g_clear_object (&read);
  read = polku_assessment_store_get (f->store, polku_assessment_get_id (baseline), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (polku_assessment_get_date (read), ==, "2025-01-16");

  g_assert_true (polku_assessment_store_remove (f->store, read, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (count_actions (f, POLKU_AUDIT_ASSESSMENT_REMOVE), ==, 1);
  g_assert_false (polku_assessment_store_remove (f->store, read, &error));
  g_assert_error (error, POLKU_ASSESSMENT_ERROR, POLKU_ASSESSMENT_ERROR_NOT_FOUND);
  g_clear_error (&error);

  g_clear_pointer (&list, g_ptr_array_unref);
  list = polku_assessment_store_list (f->store, polku_client_get_id (f->client), NULL, FALSE,
                                      &error);
  g_assert_cmpuint (list->len, ==, 1);
  g_assert_true (polku_audit_verify (f->store, NULL, &error));
  g_assert_no_error (error);
}

/* A draft keeps its place and its answers; it is left out of lists unless asked for. */
static void
test_draft (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PolkuAssessment) draft = whoqol_with (f, POLKU_ANSWER_MISSING, "2025-03-01");
  g_autoptr(PolkuAssessment) resumed = NULL;
  g_autoptr(PolkuAssessment) none = NULL;
  g_autoptr(GPtrArray) complete = NULL;
  g_autoptr(GPtrArray) all = NULL;

  polku_assessment_set_answer (draft, 0, 4);
  polku_assessment_set_answer (draft, 1, 3);
  polku_assessment_set_position (draft, 2);
  g_assert_true (polku_assessment_store_save (f->store, draft, &error));
  g_assert_no_error (error);

  resumed = polku_assessment_store_get_draft (f->store, polku_client_get_id (f->client),
                                              "whoqol-bref", &error);
  g_assert_no_error (error);
  g_assert_nonnull (resumed);
  g_assert_cmpuint (polku_assessment_get_position (resumed), ==, 2);
  g_assert_cmpint (polku_assessment_get_answer (resumed, 0), ==, 4);
  g_assert_cmpint (polku_assessment_get_answer (resumed, 2), ==, POLKU_ANSWER_MISSING);
  g_assert_cmpint (polku_assessment_get_status (resumed), ==, POLKU_ASSESSMENT_STATUS_DRAFT);

  complete = polku_assessment_store_list (f->store, polku_client_get_id (f->client), NULL,
                                          FALSE, &error);
  g_assert_cmpuint (complete->len, ==, 0);
  all = polku_assessment_store_list (f->store, polku_client_get_id (f->client), "whoqol-bref",
                                     TRUE, &error);
  g_assert_cmpuint (all->len, ==, 1);

  /* Completing it. */
  polku_assessment_set_status (resumed, POLKU_ASSESSMENT_STATUS_COMPLETE);
  g_assert_true (polku_assessment_store_save (f->store, resumed, &error));
  g_assert_no_error (error);
  none = polku_assessment_store_get_draft (f->store, polku_client_get_id (f->client),
                                           "whoqol-bref", &error);
  g_assert_no_error (error);
  g_assert_null (none);
}

/* Bad input changes nothing: no row and no audit entry. */
static void
test_invalid (Fixture       *f,
              gconstpointer  data)
{
  static const char * const bad_dates[] = { "2025-02-30", "15.1.2025", "", NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(PolkuAssessment) assessment = whoqol_with (f, 3, "2025-01-15");
  g_autoptr(PolkuAssessment) other = NULL;
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(PolkuInstrument) instrument = polku_instrument_lookup ("whoqol-bref", NULL);

  for (guint i = 0; bad_dates[i] != NULL; i++)
    {
      polku_assessment_set_date (assessment, bad_dates[i]);
      g_assert_false (polku_assessment_store_save (f->store, assessment, &error));
      g_assert_error (error, POLKU_ASSESSMENT_ERROR, POLKU_ASSESSMENT_ERROR_INVALID);
      g_assert_nonnull (strstr (error->message, "date"));
      g_clear_error (&error);
    }
  polku_assessment_set_date (assessment, "2025-01-15");

  polku_assessment_set_plan_id (assessment, "not-a-plan");
  g_assert_false (polku_assessment_store_save (f->store, assessment, &error));
  g_assert_error (error, POLKU_ASSESSMENT_ERROR, POLKU_ASSESSMENT_ERROR_INVALID);
  g_clear_error (&error);
  polku_assessment_set_plan_id (assessment, NULL);

  polku_assessment_set_answer (assessment, 5, 6);
  g_assert_false (polku_assessment_store_save (f->store, assessment, &error));
  g_assert_error (error, POLKU_ASSESSMENT_ERROR, POLKU_ASSESSMENT_ERROR_INVALID);
  g_clear_error (&error);
  polku_assessment_set_answer (assessment, 5, 3);

  /* Another client that does not exist. */
  other = polku_assessment_new ("00000000-0000-4000-8000-000000000000", instrument);
  g_assert_false (polku_assessment_store_save (f->store, other, &error));
  g_assert_error (error, POLKU_STORE_ERROR, POLKU_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  all = polku_assessment_store_list (f->store, polku_client_get_id (f->client), NULL, TRUE,
                                     &error);
  g_assert_cmpuint (all->len, ==, 0);
  g_assert_cmpuint (count_actions (f, POLKU_AUDIT_ASSESSMENT_ADD), ==, 0);
}

static void
test_from_json (Fixture       *f,
                gconstpointer  data)
{
  static const struct { const char *json; const char *words; } bad[] = {
    { "[]", "object" },
    { "{\"answers\": {}}", "instrument" },
    { "{\"instrument\": \"nope\", \"answers\": {}}", "nope" },
    { "{\"instrument\": \"whoqol-bref\"}", "answers" },
    { "{\"instrument\": \"whoqol-bref\", \"answers\": {\"27\": 1}}", "27" },
    { "{\"instrument\": \"whoqol-bref\", \"answers\": {}, \"role\": \"middle\"}", "role" },
    { "{\"instrument\": \"whoqol-bref\", \"answers\": {}, \"date\": \"2025-13-01\"}", "date" },
    { "{\"instrument\": \"whoqol-bref\", \"answers\": {}, \"plan_id\": 7}", "plan_id" },
    { "{\"instrument\": \"whoqol-bref\", \"answers\": {}, \"status\": \"done\"}", "status" },
    { "{\"instrument\": \"whoqol-bref\", \"answers\": {}, \"colour\": 1}", "colour" },
  };
  const char *client_id = polku_client_get_id (f->client);

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(JsonNode) node = json_from_string (bad[i].json, NULL);
      g_autoptr(GError) error = NULL;
      g_autoptr(PolkuAssessment) assessment = NULL;

      assessment = polku_assessment_new_from_json (client_id, node, &error);
      g_test_message ("%s → %s", bad[i].json, error != NULL ? error->message : "(none)");
      g_assert_null (assessment);
      g_assert_nonnull (error);
      g_assert_nonnull (strstr (error->message, bad[i].words));
    }

  {
    g_autoptr(JsonNode) node = json_from_string (
      "{\"instrument\": \"whoqol-bref\", \"date\": \"2025-05-05\", \"role\": \"follow-up\", "
      "\"plan_id\": \"" PLAN_ID "\", \"answers\": {\"1\": 5, \"2\": 4.0, \"3\": \"x\"}}", NULL);
    g_autoptr(GError) error = NULL;
    g_autoptr(PolkuAssessment) assessment = polku_assessment_new_from_json (client_id, node,
                                                                            &error);

    g_assert_no_error (error);
    g_assert_cmpint (polku_assessment_get_status (assessment), ==,
                     POLKU_ASSESSMENT_STATUS_COMPLETE);
    g_assert_cmpint (polku_assessment_get_role (assessment), ==,
                     POLKU_ASSESSMENT_ROLE_FOLLOW_UP);
    g_assert_cmpint (polku_assessment_get_answer (assessment, 1), ==, 4);
    g_assert_cmpint (polku_assessment_get_answer (assessment, 2), ==, POLKU_ANSWER_MISSING);
  }
}

static void
collect_references (JsonNode   *node,
                    GPtrArray  *out)
{
  if (JSON_NODE_HOLDS_OBJECT (node))
    {
      JsonObject *object = json_node_get_object (node);
      g_autoptr(GList) members = json_object_get_members (object);

      for (GList *l = members; l != NULL; l = l->next)
        {
          JsonNode *member = json_object_get_member (object, l->data);

          if (g_str_equal (l->data, "reference"))
            g_ptr_array_add (out, (gpointer) json_node_get_string (member));
          else
            collect_references (member, out);
        }
    }
  else if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);

      for (guint i = 0; i < json_array_get_length (array); i++)
        collect_references (json_array_get_element (array, i), out);
    }
}

static void
test_fhir (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PolkuAssessment) complete = whoqol_with (f, 4, "2025-01-15");
  g_autoptr(PolkuAssessment) draft = whoqol_with (f, 3, "2025-02-15");
  g_autoptr(GPtrArray) list = g_ptr_array_new ();
  g_autoptr(GPtrArray) references = g_ptr_array_new ();
  g_autoptr(GHashTable) urls = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(JsonNode) bundle = NULL;
  g_autoptr(JsonNode) again = NULL;
  JsonArray *entries;
  guint n_qr = 0, n_obs = 0;

  polku_assessment_set_status (complete, POLKU_ASSESSMENT_STATUS_COMPLETE);
  polku_assessment_set_plan_id (complete, f->plan_id);
  polku_assessment_set_answer (complete, 20, POLKU_ANSWER_MISSING);
  polku_assessment_set_answer (complete, 21, POLKU_ANSWER_MISSING);  /* social unscored */
  g_assert_true (polku_assessment_store_save (f->store, complete, &error));
  g_assert_true (polku_assessment_store_save (f->store, draft, &error));
  g_ptr_array_add (list, complete);
  g_ptr_array_add (list, draft);

  bundle = polku_assessment_export_fhir (f->client, list, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (bundle),
                                                  "resourceType"), ==, "Bundle");
  entries = json_object_get_array_member (json_node_get_object (bundle), "entry");
  for (guint i = 0; i < json_array_get_length (entries); i++)
    {
      JsonObject *entry = json_array_get_object_element (entries, i);
      JsonObject *resource = json_object_get_object_member (entry, "resource");
      const char *type = json_object_get_string_member (resource, "resourceType");
      g_autofree char *expected_url = g_strconcat ("urn:uuid:",
                                                   json_object_get_string_member (resource,
                                                                                  "id"),
                                                   NULL);

      g_assert_cmpstr (json_object_get_string_member (entry, "fullUrl"), ==, expected_url);
      g_assert_true (g_hash_table_add (urls, (gpointer) json_object_get_string_member (entry,
                                                                                     "fullUrl")));
      if (g_str_equal (type, "QuestionnaireResponse"))
        {
          n_qr++;
          g_assert_cmpstr (json_object_get_string_member (resource, "status"), ==, "completed");
          g_assert_cmpuint (json_array_get_length (json_object_get_array_member (resource,
                                                                                "item")), ==,
                            26);
        }
      else if (g_str_equal (type, "Observation"))
        n_obs++;
      else
        g_assert_cmpstr (type, ==, "Patient");
    }
  /* The draft is left out; q1, q2 and 3 scored domains × 2 scores. */
  g_assert_cmpuint (n_qr, ==, 1);
  g_assert_cmpuint (n_obs, ==, 2 + 3 * 2);

  collect_references (bundle, references);
  g_assert_cmpuint (references->len, >, 0);
  for (guint i = 0; i < references->len; i++)
    g_assert_true (g_hash_table_contains (urls, g_ptr_array_index (references, i)));

  /* Observation ids are stable from one export to the next. */
  again = polku_assessment_export_fhir (f->client, list, &error);
  {
    JsonArray *again_entries = json_object_get_array_member (json_node_get_object (again),
                                                             "entry");

    g_assert_cmpstr (json_object_get_string_member (
                       json_array_get_object_element (again_entries, 2), "fullUrl"), ==,
                     json_object_get_string_member (json_array_get_object_element (entries, 2),
                                                    "fullUrl"));
  }
}

static void
test_csv (Fixture       *f,
          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PolkuAssessment) assessment = whoqol_with (f, 3, "2025-01-15");
  g_autoptr(PolkuInstrument) instrument = polku_instrument_lookup ("whoqol-bref", NULL);
  g_autofree char *header = polku_assessment_export_csv_header (instrument);
  g_autofree char *row = NULL;
  g_auto(GStrv) names = NULL;
  g_auto(GStrv) cells = NULL;

  polku_assessment_set_answer (assessment, 9, 5);  /* physical 23 / 7 × 4 */
  polku_assessment_set_answer (assessment, 0, POLKU_ANSWER_MISSING);
  polku_assessment_set_status (assessment, POLKU_ASSESSMENT_STATUS_COMPLETE);
  g_assert_true (polku_assessment_store_save (f->store, assessment, &error));
  row = polku_assessment_export_csv_row (assessment, &error);
  g_assert_no_error (error);

  g_assert_true (g_str_has_suffix (header, "\r\n"));
  g_assert_true (g_str_has_suffix (row, "\r\n"));
  header[strlen (header) - 2] = '\0';
  row[strlen (row) - 2] = '\0';
  names = g_strsplit (header, ",", -1);
  cells = g_strsplit (row, ",", -1);
  g_assert_cmpuint (g_strv_length (names), ==, 9 + 2 + 4 * 3 + 26);
  g_assert_cmpuint (g_strv_length (cells), ==, g_strv_length (names));
  for (guint i = 0; names[i] != NULL; i++)
    {
      if (g_str_equal (names[i], "q1"))
        g_assert_cmpstr (cells[i], ==, "");
      else if (g_str_equal (names[i], "q2"))
        g_assert_cmpstr (cells[i], ==, "3");
      else if (g_str_equal (names[i], "missing"))
        g_assert_cmpstr (cells[i], ==, "1");
      else if (g_str_equal (names[i], "physical_score_4_20"))
        g_assert_cmpfloat (g_ascii_strtod (cells[i], NULL), ==, 23.0 / 7 * 4);
      else if (g_str_equal (names[i], "role"))
        g_assert_cmpstr (cells[i], ==, "baseline");
      else if (g_str_equal (names[i], "item_10"))
        g_assert_cmpstr (cells[i], ==, "5");
    }
}

/* The demo gives clients with a plan a baseline and, for some, follow-ups, at which the
 * satisfaction question is mostly asked too. */
static void
test_demo (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) clients = NULL;
  guint with_assessments = 0, with_follow_ups = 0, satisfaction_answers = 0;

  g_assert_true (polku_demo_populate (f->store, 12, 7, &error));
  g_assert_no_error (error);
  clients = polku_client_store_list (f->store, TRUE, &error);
  for (guint i = 0; i < clients->len; i++)
    {
      PolkuClient *client = g_ptr_array_index (clients, i);
      g_autoptr(GPtrArray) list = polku_assessment_store_list (f->store,
                                                               polku_client_get_id (client),
                                                               NULL, FALSE, &error);

      g_assert_no_error (error);
      if (list->len == 0)
        continue;
      with_assessments++;
      g_assert_cmpint (polku_assessment_get_role (g_ptr_array_index (list, 0)), ==,
                       POLKU_ASSESSMENT_ROLE_BASELINE);
      g_assert_nonnull (polku_assessment_get_plan_id (g_ptr_array_index (list, 0)));
      if (list->len > 1)
        with_follow_ups++;
      for (guint k = 1; k < list->len; k++)
        {
          PolkuAssessment *a = g_ptr_array_index (list, k);

          g_assert_cmpint (polku_assessment_get_role (a), ==, POLKU_ASSESSMENT_ROLE_FOLLOW_UP);
          if (g_str_equal (polku_assessment_get_instrument_id (a), "client-satisfaction"))
            {
              /* As the practice's answers fell: neither, fairly or very satisfied. */
              g_assert_cmpint (polku_assessment_get_answer (a, 0), >=, 3);
              satisfaction_answers++;
            }
        }
    }
  g_assert_cmpuint (with_assessments, >, 0);
  g_assert_cmpuint (with_follow_ups, >, 0);
  g_assert_cmpuint (satisfaction_answers, >, 0);
}

int
main (int    argc,
      char **argv)
{
  g_setenv ("POLKU_INSTRUMENTS_DIR", "/nonexistent/polku-test", TRUE);
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("/assessment/add-list-update-remove", test_add_list_update_remove);
  ADD ("/assessment/draft", test_draft);
  ADD ("/assessment/invalid", test_invalid);
  ADD ("/assessment/from-json", test_from_json);
  ADD ("/assessment/fhir", test_fhir);
  ADD ("/assessment/csv", test_csv);
  ADD ("/assessment/demo", test_demo);
#undef ADD

  return g_test_run ();
}
