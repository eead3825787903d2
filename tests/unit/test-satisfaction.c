/* test-satisfaction.c: the one-tap satisfaction answer and the report of shares per
 * category (each client's latest answer, per period and per year, n < 5 suppressed)
 *
 * Copyright 2026 The Polku authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "polku-assessment-store.h"
#include "polku-audit.h"
#include "polku-satisfaction-report.h"

#include "case-test-helpers.h"

static guint
count_audit (PolkuStore *store,
             const char *action)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) entries = polku_audit_list (store, NULL, &error);
  guint n = 0;

  g_assert_no_error (error);
  for (guint i = 0; i < entries->len; i++)
    if (g_strcmp0 (polku_audit_entry_get_action (g_ptr_array_index (entries, i)), action) == 0)
      {
        g_autofree char *label = polku_audit_entry_dup_action_label (
          g_ptr_array_index (entries, i));

        /* The Log view says it in words. */
        g_assert_cmpstr (label, !=, action);
        n++;
      }
  return n;
}

static void
answer (Fixture    *f,
        const char *client_id,
        int         value,
        const char *date)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PolkuAssessment) assessment = NULL;

  assessment = polku_satisfaction_store_answer (f->store, client_id, value, date, &error);
  g_assert_no_error (error);
  g_assert_nonnull (assessment);
}

/* One tap stores a complete follow-up with the one answer, scored (not discarded), audited;
 * a value off the scale stores nothing. */
static void
test_store_answer (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PolkuAssessment) stored = NULL;
  g_autoptr(PolkuAssessment) wrong = NULL;
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(PolkuScores) scores = NULL;
  guint adds = count_audit (f->store, POLKU_AUDIT_ASSESSMENT_ADD);

  stored = polku_satisfaction_store_answer (f->store, client_id (f), 4, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (polku_assessment_get_id (stored));
  g_assert_cmpuint (count_audit (f->store, POLKU_AUDIT_ASSESSMENT_ADD), ==, adds + 1);

  list = polku_assessment_store_list (f->store, client_id (f),
                                      POLKU_INSTRUMENT_CLIENT_SATISFACTION, FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 1);
  g_assert_cmpstr (polku_assessment_get_date (g_ptr_array_index (list, 0)), ==, f->today);
  g_assert_cmpint (polku_assessment_get_role (g_ptr_array_index (list, 0)), ==,
                   POLKU_ASSESSMENT_ROLE_FOLLOW_UP);
  g_assert_cmpint (polku_assessment_get_status (g_ptr_array_index (list, 0)), ==,
                   POLKU_ASSESSMENT_STATUS_COMPLETE);
  g_assert_cmpint (polku_satisfaction_get_answer (g_ptr_array_index (list, 0)), ==, 4);
  g_assert_cmpint (polku_assessment_get_answer (g_ptr_array_index (list, 0), 1), ==,
                   POLKU_ANSWER_MISSING);
  scores = polku_assessment_compute_scores (g_ptr_array_index (list, 0), &error);
  g_assert_no_error (error);
  g_assert_false (scores->discarded);
  g_assert_cmpint (scores->reported[0], ==, 4);

  wrong = polku_satisfaction_store_answer (f->store, client_id (f), 6, NULL, &error);
  g_assert_error (error, POLKU_ASSESSMENT_ERROR, POLKU_ASSESSMENT_ERROR_INVALID);
  g_assert_null (wrong);
  g_assert_nonnull (strstr (error->message, "Nothing was saved"));
  g_clear_error (&error);
  g_clear_pointer (&list, g_ptr_array_unref);
  list = polku_assessment_store_list (f->store, client_id (f), NULL, TRUE, &error);
  g_assert_cmpuint (list->len, ==, 1);
  g_assert_cmpuint (count_audit (f->store, POLKU_AUDIT_ASSESSMENT_ADD), ==, adds + 1);
}

static PolkuSatisfactionShares *
shares_of_year (GPtrArray *report,
                int        year)
{
  for (guint i = 1; i < report->len; i++)
    if (((PolkuSatisfactionShares *) g_ptr_array_index (report, i))->year == year)
      return g_ptr_array_index (report, i);
  return NULL;
}

static guint
count_of (PolkuSatisfactionShares *shares,
          int                      value)
{
  for (guint i = 0; i < shares->n_categories; i++)
    if (shares->values[i] == value)
      return shares->counts[i];
  g_assert_not_reached ();
}

/* Six clients: each client's latest answer counts once in the period and once in each year
 * they answered in; below five the shares are hidden. */
static void
test_report (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) report = NULL;
  g_autoptr(GPtrArray) clients = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(JsonNode) json = NULL;
  g_autofree char *text = NULL;
  g_autofree char *json_text = NULL;
  PolkuSatisfactionShares *whole, *y2024, *y2025;
  guint reports = count_audit (f->store, POLKU_AUDIT_REPORT_SATISFACTION);

  g_ptr_array_add (clients, g_object_ref (f->client));
  for (guint i = 1; i < 6; i++)
    {
      g_autofree char *name = g_strdup_printf ("Asiakas%u", i);

      g_ptr_array_add (clients, add_client (f->store, name, "Testinen"));
    }
#define ID(i) polku_client_get_id (g_ptr_array_index (clients, (i)))
  /* Client 0: 3 then 5 in 2024, 4 in 2025: the period counts 4; 2024 counts 5. */
  answer (f, ID (0), 3, "2024-03-01");
  answer (f, ID (0), 5, "2024-06-01");
  answer (f, ID (0), 4, "2025-02-01");
  answer (f, ID (1), 5, "2024-05-05");
  answer (f, ID (2), 5, "2025-01-10");
  answer (f, ID (3), 4, "2025-03-03");
  answer (f, ID (4), 5, "2025-04-04");
  answer (f, ID (5), 3, "2025-05-05");

  report = polku_satisfaction_report (f->store, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (report->len, ==, 3);
  g_assert_cmpuint (count_audit (f->store, POLKU_AUDIT_REPORT_SATISFACTION), ==, reports + 1);
  whole = g_ptr_array_index (report, 0);
  g_assert_cmpint (whole->year, ==, 0);
  g_assert_cmpuint (whole->n, ==, 6);
  g_assert_cmpuint (whole->n_categories, ==, 5);
  g_assert_cmpint (whole->values[0], ==, 5);
  g_assert_cmpint (whole->values[4], ==, 1);
  g_assert_cmpuint (count_of (whole, 5), ==, 3);
  g_assert_cmpuint (count_of (whole, 4), ==, 2);
  g_assert_cmpuint (count_of (whole, 3), ==, 1);
  g_assert_cmpuint (count_of (whole, 2), ==, 0);
  g_assert_true (polku_satisfaction_shares_shown (whole));
  g_assert_cmpint (polku_satisfaction_shares_percent (whole, 0), ==, 50);
  g_assert_cmpint (polku_satisfaction_shares_percent (whole, 1), ==, 33);
  g_assert_cmpint (polku_satisfaction_shares_percent (whole, 2), ==, 17);
  g_assert_cmpint (polku_satisfaction_shares_percent (whole, 3), ==, 0);
  text = polku_satisfaction_shares_to_text (whole);
  g_assert_cmpstr (text, ==, "n = 6 · Very satisfied 50 % · Fairly satisfied 33 % · "
                             "Neither satisfied nor dissatisfied 17 % · Fairly dissatisfied 0 % · "
                             "Very dissatisfied 0 %");
  g_clear_pointer (&text, g_free);

  /* Per year, oldest first: 2024 has two clients (hidden), 2025 five. */
  g_assert_cmpint (((PolkuSatisfactionShares *) g_ptr_array_index (report, 1))->year, ==, 2024);
  y2024 = shares_of_year (report, 2024);
  y2025 = shares_of_year (report, 2025);
  g_assert_cmpuint (y2024->n, ==, 2);
  g_assert_cmpuint (count_of (y2024, 5), ==, 2);
  g_assert_cmpstr (y2024->from, ==, "2024-01-01");
  g_assert_cmpstr (y2024->to, ==, "2024-12-31");
  g_assert_false (polku_satisfaction_shares_shown (y2024));
  g_assert_cmpint (polku_satisfaction_shares_percent (y2024, 0), ==, -1);
  text = polku_satisfaction_shares_to_text (y2024);
  g_assert_cmpstr (text, ==, "n = 2, too few to show shares");
  g_clear_pointer (&text, g_free);
  g_assert_cmpuint (y2025->n, ==, 5);
  g_assert_cmpuint (count_of (y2025, 5), ==, 2);
  g_assert_cmpuint (count_of (y2025, 4), ==, 2);
  g_assert_cmpuint (count_of (y2025, 3), ==, 1);
  g_assert_true (polku_satisfaction_shares_shown (y2025));

  /* JSON: the hidden year has no categories (their counts would tell as much). */
  json = polku_satisfaction_report_to_json (report);
  json_text = json_to_string (json, FALSE);
  g_assert_nonnull (strstr (json_text, "\"counting\":\"latest-per-client\""));
  g_assert_nonnull (strstr (json_text, "\"year\":2024,\"from\":\"2024-01-01\",\"to\":"
                                       "\"2024-12-31\",\"n\":2,\"shown\":false,"
                                       "\"categories\":null"));
  g_assert_nonnull (strstr (json_text, "{\"value\":5,\"label\":\"Very satisfied\",\"count\":3,"
                                       "\"percent\":50}"));
  g_clear_pointer (&report, g_ptr_array_unref);

  /* A period: 2024 only; client 0's latest in it is 5. */
  report = polku_satisfaction_report (f->store, "2024-01-01", "2024-12-31", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (report->len, ==, 2);
  whole = g_ptr_array_index (report, 0);
  g_assert_cmpuint (whole->n, ==, 2);
  g_assert_cmpuint (count_of (whole, 5), ==, 2);
  g_clear_pointer (&report, g_ptr_array_unref);

  /* A period within a year: the year's bounds are the period's. */
  report = polku_satisfaction_report (f->store, "2025-02-01", "2025-03-31", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (report->len, ==, 2);
  g_assert_cmpstr (((PolkuSatisfactionShares *) g_ptr_array_index (report, 1))->from, ==,
                   "2025-02-01");
  g_assert_cmpuint (((PolkuSatisfactionShares *) g_ptr_array_index (report, 0))->n, ==, 2);
  g_clear_pointer (&report, g_ptr_array_unref);

  /* Bad periods change nothing and say what to do. */
  reports = count_audit (f->store, POLKU_AUDIT_REPORT_SATISFACTION);
  report = polku_satisfaction_report (f->store, "2025-12-31", "2025-01-01", &error);
  g_assert_error (error, POLKU_ASSESSMENT_ERROR, POLKU_ASSESSMENT_ERROR_INVALID);
  g_assert_null (report);
  g_clear_error (&error);
  report = polku_satisfaction_report (f->store, "1.1.2025", NULL, &error);
  g_assert_error (error, POLKU_ASSESSMENT_ERROR, POLKU_ASSESSMENT_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpuint (count_audit (f->store, POLKU_AUDIT_REPORT_SATISFACTION), ==, reports);
#undef ID
}

/* The question's labels follow the asked language, whatever the user's is. */
static void
test_labels (Fixture       *f,
             gconstpointer  data)
{
  g_assert_cmpstr (polku_satisfaction_get_label (4, "fi"), ==, "Melko tyytyväinen");
  g_assert_cmpstr (polku_satisfaction_get_label (4, "sv"), ==, "Ganska nöjd");
  g_assert_cmpstr (polku_satisfaction_get_label (4, "en"), ==, "Fairly satisfied");
  g_assert_cmpstr (polku_satisfaction_get_label (5, NULL), ==, "Very satisfied");
  g_assert_null (polku_satisfaction_get_label (7, "fi"));
}

int
main (int    argc,
      char **argv)
{
  g_setenv ("POLKU_INSTRUMENTS_DIR", "/nonexistent/polku-test", TRUE);
  g_unsetenv ("LANGUAGE");
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("/satisfaction/store-answer", test_store_answer);
  ADD ("/satisfaction/report", test_report);
  ADD ("/satisfaction/labels", test_labels);
#undef ADD

  return g_test_run ();
}
