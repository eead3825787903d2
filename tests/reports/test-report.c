/* test-report.c: the report across clients against a small cohort worked out by hand
 * (report-test-helpers.h): every section's figures, the small-number rules at thresholds 4
 * and 5, the subtraction rule, clients without a follow-up and with incomplete periods,
 * the filters, costs, cancellation, progress, the audit entry, the query plans and that no
 * name, identity code or free text gets out
 *
 * Copyright 2026 The Polku authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>

#include "../unit/test-common.h"
#include "polku-audit.h"
#include "polku-report-private.h"
#include "polku-store-private.h"
#include "report-test-helpers.h"

typedef struct
{
  char       *dir;
  PolkuStore *store;
  Cohort      cohort;
} Fixture;

/* One store with the cohort for every test (building it takes a moment); tests only read. */
static Fixture shared;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  *f = shared;
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
}

static PolkuReportQuery *
query_new (guint threshold)
{
  PolkuReportQuery *q = polku_report_query_new ();

  q->from = g_strdup ("2024-01-01");
  q->to = g_strdup ("2025-12-31");
  q->today = g_strdup (REPORT_TODAY);
  q->language = g_strdup ("en");
  q->threshold = threshold;
  return q;
}

static JsonNode *
run_json (Fixture          *f,
          PolkuReportQuery *q)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PolkuReport) report = polku_report_run (f->store, q, NULL, NULL, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (report);
  return polku_report_to_json (report);
}

/* The object at a path of member names and array indices ("before_after/0/categories"). */
static JsonNode *
at (JsonNode   *root,
    const char *path)
{
  g_auto(GStrv) parts = g_strsplit (path, "/", -1);
  JsonNode *node = root;

  for (guint i = 0; parts[i] != NULL; i++)
    {
      char *end = NULL;
      guint64 index = g_ascii_strtoull (parts[i], &end, 10);

      g_assert_nonnull (node);
      if (end != parts[i] && *end == '\0')
        {
          g_assert_true (JSON_NODE_HOLDS_ARRAY (node));
          g_assert_cmpuint (index, <, json_array_get_length (json_node_get_array (node)));
          node = json_array_get_element (json_node_get_array (node), index);
        }
      else
        {
          g_assert_true (JSON_NODE_HOLDS_OBJECT (node));
          if (!json_object_has_member (json_node_get_object (node), parts[i]))
            g_error ("no %s in %s", parts[i], path);
          node = json_object_get_member (json_node_get_object (node), parts[i]);
        }
    }
  return node;
}

/* The element of the array at @path whose @member is @value. */
static JsonNode *
find (JsonNode   *root,
      const char *path,
      const char *member,
      const char *value)
{
  JsonArray *array = json_node_get_array (at (root, path));

  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonObject *object = json_array_get_object_element (array, i);
      JsonNode *node = json_object_get_member (object, member);

      if (json_node_get_value_type (node) == G_TYPE_STRING
          ? g_strcmp0 (json_node_get_string (node), value) == 0
          : json_node_get_int (node) == g_ascii_strtoll (value, NULL, 10))
        return json_array_get_element (array, i);
    }
  g_error ("no %s = %s in %s", member, value, path);
  return NULL;
}

static void
assert_cell (JsonNode   *cell,
             double      value,
             gint64      n)
{
  JsonObject *object = json_node_get_object (cell);

  g_assert_false (json_object_has_member (object, "suppressed"));
  g_assert_cmpint (json_object_get_int_member (object, "n"), ==, n);
  if (isnan (value))
    g_assert_true (JSON_NODE_HOLDS_NULL (json_object_get_member (object, "value")));
  else
    g_assert_cmpfloat_with_epsilon (json_object_get_double_member (object, "value"), value,
                                    0.0051);
}

static void
assert_suppressed (JsonNode *cell,
                   gboolean  complementary)
{
  JsonObject *object = json_node_get_object (cell);

  g_assert_true (json_object_get_boolean_member (object, "suppressed"));
  g_assert_false (json_object_has_member (object, "value"));
  g_assert_false (json_object_has_member (object, "n"));
  g_assert_cmpint (json_object_get_boolean_member_with_default (object, "complementary", FALSE),
                   ==, complementary);
  g_assert_cmpstr (json_object_get_string_member (object, "display"), ==,
                   complementary ? "×" : "< 5");
}

/* Whether any cell of the tree is shown with a value, or any is suppressed. */
static void
count_cells (JsonNode *node,
             guint    *shown,
             guint    *suppressed)
{
  if (JSON_NODE_HOLDS_OBJECT (node))
    {
      JsonObject *object = json_node_get_object (node);
      JsonObjectIter iter;
      JsonNode *member;

      if (json_object_has_member (object, "suppressed"))
        (*suppressed)++;
      else if (json_object_has_member (object, "value") && json_object_has_member (object, "n"))
        (*shown)++;
      g_assert_false (json_object_has_member (object, "cell"));
      g_assert_false (json_object_has_member (object, "base"));
      json_object_iter_init (&iter, object);
      while (json_object_iter_next (&iter, NULL, &member))
        count_cells (member, shown, suppressed);
    }
  else if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);

      for (guint i = 0; i < json_array_get_length (array); i++)
        count_cells (json_array_get_element (array, i), shown, suppressed);
    }
}

static char *
to_text (JsonNode *root)
{
  return json_to_string (root, FALSE);
}

/* Every figure of the cohort, with nothing suppressed (threshold 1). */
static void
test_figures (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(PolkuReportQuery) q = query_new (1);
  g_autoptr(JsonNode) root = run_json (f, q);
  JsonNode *six = find (root, "before_after", "months", "6");
  JsonNode *twelve = find (root, "before_after", "months", "12");
  JsonNode *doctor = find (six, "categories", "id", "doctor_non_urgent");
  JsonNode *period;

  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (root), "format"), ==,
                   "polku-report");
  g_assert_cmpint (json_object_get_int_member (json_node_get_object (at (root, "query")),
                                               "threshold"), ==, 1);

  /* Cohort: C1–C5, F, H; F's after-periods are not over, H died within them. */
  assert_cell (at (root, "cohort/clients"), 7, 7);
  period = find (root, "cohort/periods", "months", "6");
  assert_cell (at (period, "included"), 5, 5);
  assert_cell (at (find (period, "left_out", "reason", "after_incomplete"), "n"), 1, 1);
  assert_cell (at (find (period, "left_out", "reason", "died"), "n"), 1, 1);
  assert_cell (at (find (period, "left_out", "reason", "moved_away"), "n"), 0, 0);
  g_assert_cmpstr (json_node_get_string (at (find (period, "left_out", "reason", "died"),
                                             "label")), ==, "Died during the period");
  period = find (root, "cohort/periods", "months", "24");
  assert_cell (at (period, "included"), 0, 0);
  assert_cell (at (find (period, "left_out", "reason", "after_incomplete"), "n"), 7, 7);

  /* Non-urgent doctor visits, 6 months: 16 → 7. */
  assert_cell (at (six, "clients"), 5, 5);
  assert_cell (at (doctor, "before/total"), 16, 5);
  assert_cell (at (doctor, "before/mean"), 3.2, 5);
  assert_cell (at (doctor, "before/median"), 3, 5);
  assert_cell (at (doctor, "after/total"), 7, 5);
  assert_cell (at (doctor, "after/mean"), 1.4, 5);
  assert_cell (at (doctor, "after/median"), 1, 5);
  assert_cell (at (doctor, "change_percent"), -56.25, 5);
  assert_cell (at (doctor, "share_fell"), 60, 3);
  g_assert_cmpstr (json_node_get_string (at (doctor, "label")), ==, "Doctor visits, non-urgent");
  /* 12 months: C3's visit of 2023-08-31 and C2's of 2024-09-01 join. */
  doctor = find (twelve, "categories", "id", "doctor_non_urgent");
  assert_cell (at (doctor, "before/total"), 17, 5);
  assert_cell (at (doctor, "after/total"), 8, 5);

  assert_cell (at (find (six, "categories", "id", "doctor_urgent"), "before/total"), 1, 5);
  assert_cell (at (find (six, "categories", "id", "doctor_urgent"), "after/total"), 0, 5);
  assert_cell (at (find (six, "categories", "id", "doctor_urgent"), "change_percent"), -100, 5);
  assert_cell (at (find (six, "categories", "id", "no_shows"), "after/total"), 1, 5);
  assert_cell (at (find (six, "categories", "id", "no_shows"), "before/total"), 0, 5);
  /* No contacts before: no change to give. */
  assert_cell (at (find (six, "categories", "id", "no_shows"), "change_percent"), NAN, 5);
  /* A no-show is not a nurse visit. */
  assert_cell (at (find (six, "categories", "id", "nurse"), "after/total"), 0, 5);
  assert_cell (at (find (six, "categories", "id", "inpatient_stays"), "before/total"), 1, 5);
  assert_cell (at (find (six, "categories", "id", "inpatient_days"), "before/total"), 10, 5);
  assert_cell (at (find (six, "categories", "id", "inpatient_days"), "before/mean"), 2, 5);
  assert_cell (at (find (six, "categories", "id", "inpatient_days"), "before/median"), 0, 5);
  assert_cell (at (find (six, "categories", "id", "social_services"), "before/total"), 1, 5);
  assert_cell (at (find (six, "categories", "id", "emergency"), "before/total"), 0, 5);

  /* Continuity, 6 months before: C1 0.5, C2 1, C4 0.2, C5 0 (C3 had one visit). */
  period = find (root, "continuity", "months", "6");
  g_assert_cmpstr (json_node_get_string (at (period, "index")), ==, "COCI");
  assert_cell (at (period, "before/n"), 4, 4);
  assert_cell (at (period, "before/median"), 0.35, 4);
  assert_cell (at (period, "after/n"), 2, 2);
  assert_cell (at (period, "after/median"), 1, 2);
  period = at (root, "continuity/1");
  g_assert_cmpstr (json_node_get_string (at (period, "index")), ==, "UPC");
  assert_cell (at (period, "before/median"), (1.0 / 3 + 0.75) / 2, 4);

  /* WHOQOL-BREF: four pairs (C5 has no follow-up), 184 days apart. */
  period = find (root, "whoqol/domains", "id", "physical");
  assert_cell (at (period, "pairs"), 4, 4);
  assert_cell (at (period, "baseline_mean"), 50, 4);
  assert_cell (at (period, "latest_mean"), ((24.0 / 7) * 4 - 4) / 16 * 100, 4);
  assert_cell (at (period, "mean_change"), ((24.0 / 7) * 4 - 4) / 16 * 100 - 50, 4);
  g_assert_cmpstr (json_node_get_string (at (period, "label")), ==, "Physical health");
  period = find (root, "whoqol/domains", "id", "psychological");
  assert_cell (at (period, "latest_mean"), ((22.0 / 6) * 4 - 4) / 16 * 100, 4);
  period = find (root, "whoqol/domains", "id", "social");
  assert_cell (at (period, "mean_change"), 25, 4);
  assert_cell (at (root, "whoqol/interval_days_median"), 184, 4);
  assert_cell (at (root, "whoqol/unpaired"), 1, 1);
  assert_cell (at (root, "whoqol/discarded"), 0, 0);
  assert_cell (at (root, "whoqol/over_time/0/mean"), 50, 5);
  g_assert_cmpint (json_node_get_int (at (root, "whoqol/over_time/0/months")), ==, 0);
  g_assert_cmpint (json_node_get_int (at (root, "whoqol/over_time/4/months")), ==, 6);
  assert_cell (at (root, "whoqol/over_time/4/n"), 4, 4);

  /* Satisfaction, 2024: C1's later answer counts. */
  period = find (root, "satisfaction/years", "year", "2024");
  assert_cell (at (period, "n"), 5, 5);
  assert_cell (at (find (period, "categories", "id", "5"), "share"), 60, 3);
  assert_cell (at (find (period, "categories", "id", "4"), "share"), 20, 1);
  assert_cell (at (find (period, "categories", "id", "3"), "share"), 20, 1);
  assert_cell (at (find (period, "categories", "id", "2"), "share"), 0, 0);
  g_assert_true (JSON_NODE_HOLDS_NULL (at (root, "costs")));

  /* The process. */
  assert_cell (at (root, "process/clients"), 8, 8);
  assert_cell (at (find (root, "process/identified_by_sector", "sector", "health"), "n"), 7, 7);
  assert_cell (at (find (root, "process/identified_by_sector", "sector", "social"), "n"), 1, 1);
  assert_cell (at (root, "process/consent/given"), 7, 7);
  assert_cell (at (root, "process/consent/declined"), 1, 1);
  assert_cell (at (root, "process/consent/no_decision"), 0, 0);
  assert_cell (at (root, "process/median_days/to_first_contact"), 10, 7);
  assert_cell (at (root, "process/median_days/to_mapping_visit"), 22, 6);
  assert_cell (at (root, "process/median_days/to_agreed_plan"), 51, 7);
  assert_cell (at (find (root, "process/caseload", "coordinator", "Pekka Ojala"), "clients"),
               2, 2);
  assert_cell (at (find (root, "process/caseload", "coordinator", "Sanna Koivisto"), "clients"),
               3, 3);
  assert_cell (at (root, "process/caseload_total"), 5, 5);
  assert_cell (at (root, "process/overdue_reviews"), 1, 1);
  assert_cell (at (find (root, "process/closures", "code", "declined"), "n"), 1, 1);
  assert_cell (at (find (root, "process/closures", "code", "died"), "n"), 1, 1);
  assert_cell (at (root, "process/closures_total"), 2, 2);
  assert_cell (at (root, "process/queue"), 1, 1);
}

/* The same cohort at the default threshold 5. */
static void
test_suppression (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(PolkuReportQuery) q = query_new (5);
  g_autoptr(JsonNode) root = run_json (f, q);
  JsonNode *six = find (root, "before_after", "months", "6");
  JsonNode *doctor = find (six, "categories", "id", "doctor_non_urgent");
  JsonNode *period = find (root, "cohort/periods", "months", "6");
  JsonNode *year = find (root, "satisfaction/years", "year", "2024");
  guint shown = 0, suppressed = 0;

  assert_cell (at (root, "cohort/clients"), 7, 7);
  assert_cell (at (period, "included"), 5, 5);
  assert_suppressed (at (find (period, "left_out", "reason", "after_incomplete"), "n"), FALSE);
  assert_suppressed (at (find (period, "left_out", "reason", "died"), "n"), FALSE);
  assert_cell (at (find (period, "left_out", "reason", "moved_away"), "n"), 0, 0);

  /* Five clients are enough for a total, not for "3 of 5 fell". */
  assert_cell (at (doctor, "before/total"), 16, 5);
  assert_suppressed (at (doctor, "share_fell"), FALSE);
  /* Four clients with two visits are too few. */
  assert_suppressed (at (find (root, "continuity", "months", "6"), "before/n"), FALSE);
  assert_suppressed (at (find (root, "continuity", "months", "6"), "before/median"), FALSE);
  assert_suppressed (at (find (root, "whoqol/domains", "id", "social"), "mean_change"), FALSE);
  assert_suppressed (at (root, "whoqol/unpaired"), FALSE);
  assert_cell (at (root, "whoqol/over_time/0/mean"), 50, 5);
  assert_cell (at (year, "n"), 5, 5);
  assert_suppressed (at (find (year, "categories", "id", "5"), "share"), FALSE);
  assert_cell (at (find (year, "categories", "id", "1"), "share"), 0, 0);

  /* The subtraction rule: social (1) is hidden, so is the smallest other sector (0), or
   * 8 − 7 would tell it; declined (1) hidden, so no_decision (0) too. */
  assert_cell (at (find (root, "process/identified_by_sector", "sector", "health"), "n"), 7, 7);
  assert_suppressed (at (find (root, "process/identified_by_sector", "sector", "social"), "n"),
                     FALSE);
  assert_suppressed (at (find (root, "process/identified_by_sector", "sector", "third_sector"),
                         "n"), TRUE);
  assert_cell (at (find (root, "process/identified_by_sector", "sector", "private"), "n"), 0, 0);
  assert_cell (at (root, "process/consent/given"), 7, 7);
  assert_suppressed (at (root, "process/consent/declined"), FALSE);
  assert_suppressed (at (root, "process/consent/no_decision"), TRUE);
  /* Two hidden parts with a shown total: neither can be worked out. */
  assert_suppressed (at (find (root, "process/caseload", "coordinator", "Pekka Ojala"),
                         "clients"), FALSE);
  assert_suppressed (at (find (root, "process/caseload", "coordinator", "Sanna Koivisto"),
                         "clients"), FALSE);
  assert_cell (at (root, "process/caseload_total"), 5, 5);
  assert_suppressed (at (root, "process/closures_total"), FALSE);
  assert_suppressed (at (root, "process/queue"), FALSE);
  assert_cell (at (root, "process/median_days/to_first_contact"), 10, 7);

  count_cells (root, &shown, &suppressed);
  g_assert_cmpuint (shown, >, 50);
  g_assert_cmpuint (suppressed, >, 20);
}

/* A group of 4 is hidden at threshold 5 and shown at 4; a group of 5 is shown at 5. */
static void
test_threshold (Fixture       *f,
                gconstpointer  data)
{
  for (guint threshold = 4; threshold <= 5; threshold++)
    {
      g_autoptr(PolkuReportQuery) q = query_new (threshold);
      g_autoptr(JsonNode) root = NULL;
      JsonNode *six, *doctor, *period;

      q->municipality = g_strdup ("kuopio");
      root = run_json (f, q);
      six = find (root, "before_after", "months", "6");
      doctor = find (six, "categories", "id", "doctor_non_urgent");
      period = find (root, "cohort/periods", "months", "6");
      assert_cell (at (root, "cohort/clients"), 6, 6);
      if (threshold == 4)
        {
          assert_cell (at (period, "included"), 4, 4);
          assert_cell (at (six, "clients"), 4, 4);
          assert_cell (at (doctor, "before/total"), 13, 4);
          assert_cell (at (doctor, "after/total"), 7, 4);
          /* C1, C2 and C4 had two visits or more: 3 < 4. */
          g_assert_cmpstr (json_node_get_string (at (find (root, "continuity", "months", "6"),
                                                     "before/n/display")), ==, "< 4");
        }
      else
        {
          guint shown = 0, suppressed = 0;

          assert_suppressed (at (period, "included"), FALSE);
          /* Every figure of the period says its n: all of them are hidden. */
          count_cells (six, &shown, &suppressed);
          g_assert_cmpuint (shown, ==, 0);
          g_assert_cmpuint (suppressed, >, 40);
          assert_suppressed (at (doctor, "before/total"), FALSE);
        }
    }
}

static guint
cohort_size (Fixture          *f,
             PolkuReportQuery *q)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PolkuReport) report = polku_report_run (f->store, q, NULL, NULL, NULL, &error);

  g_assert_no_error (error);
  return polku_report_get_client_rows (report)->len;
}

static void
test_filters (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(PolkuReportQuery) q = query_new (1);
  g_autoptr(PolkuReport) report = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_cmpuint (cohort_size (f, q), ==, 7);
  q->coordinator = g_strdup ("Pekka Ojala");
  g_assert_cmpuint (cohort_size (f, q), ==, 2);
  g_clear_pointer (&q->coordinator, g_free);
  q->sector = g_strdup ("social");
  g_assert_cmpuint (cohort_size (f, q), ==, 1);
  g_clear_pointer (&q->sector, g_free);
  /* Ages on the agreed date: C1 73, C2 64, C3 54, C4 44, C5 34, F 70, H 84. */
  q->age_min = 60;
  g_assert_cmpuint (cohort_size (f, q), ==, 4);
  q->age_max = 70;
  g_assert_cmpuint (cohort_size (f, q), ==, 2);
  q->age_min = q->age_max = -1;
  q->closed = 1;
  g_assert_cmpuint (cohort_size (f, q), ==, 1);
  q->closed = 0;
  g_assert_cmpuint (cohort_size (f, q), ==, 6);
  q->closed = -1;
  q->unit = g_strdup ("county-coordination");
  g_assert_cmpuint (cohort_size (f, q), ==, 3);
  g_clear_pointer (&q->unit, g_free);
  g_free (q->to);
  q->to = g_strdup ("2024-12-31");
  g_assert_cmpuint (cohort_size (f, q), ==, 6);

  /* The coordinator's caseload follows the filter too. */
  q->coordinator = g_strdup ("Sanna Koivisto");
  report = polku_report_run (f->store, q, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  {
    g_autoptr(JsonNode) root = polku_report_to_json (report);

    g_assert_cmpuint (json_array_get_length (json_node_get_array (at (root, "process/caseload"))),
                      ==, 1);
    assert_cell (at (root, "process/caseload_total"), 3, 3);
    assert_cell (at (root, "process/queue"), 1, 1);
    g_assert_cmpstr (json_node_get_string (at (root, "query/filters/coordinator")), ==,
                     "Sanna Koivisto");
  }

  /* Wrong queries are refused before anything is read. */
  g_clear_pointer (&q->coordinator, g_free);
  q->sector = g_strdup ("hospital");
  g_clear_pointer (&report, polku_report_free);
  report = polku_report_run (f->store, q, NULL, NULL, NULL, &error);
  g_assert_null (report);
  g_assert_error (error, POLKU_REPORT_ERROR, POLKU_REPORT_ERROR_INVALID);
  g_clear_error (&error);
  g_clear_pointer (&q->sector, g_free);
  g_free (q->from);
  q->from = g_strdup ("2026-01-01");
  report = polku_report_run (f->store, q, NULL, NULL, NULL, &error);
  g_assert_error (error, POLKU_REPORT_ERROR, POLKU_REPORT_ERROR_INVALID);
  g_clear_error (&error);
  g_free (q->from);
  q->from = g_strdup ("2024-01-01");
  q->threshold = 0;
  report = polku_report_run (f->store, q, NULL, NULL, NULL, &error);
  g_assert_error (error, POLKU_REPORT_ERROR, POLKU_REPORT_ERROR_INVALID);
}

/* The rows for the pseudonymised CSV, and nothing of a client in the JSON. */
static void
test_rows (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(PolkuReportQuery) q = query_new (1);
  g_autoptr(GError) error = NULL;
  g_autoptr(PolkuReport) report = polku_report_run (f->store, q, NULL, NULL, NULL, &error);
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *text = NULL;
  GPtrArray *rows;
  PolkuReportClientRow *c1 = NULL, *f_row = NULL, *c5 = NULL;

  g_assert_no_error (error);
  rows = polku_report_get_client_rows (report);
  g_assert_cmpuint (rows->len, ==, 7);
  for (guint i = 0; i < rows->len; i++)
    {
      PolkuReportClientRow *row = g_ptr_array_index (rows, i);

      if (g_str_equal (row->client_id, f->cohort.c[0]))
        c1 = row;
      if (g_str_equal (row->client_id, f->cohort.f))
        f_row = row;
      if (g_str_equal (row->client_id, f->cohort.c[4]))
        c5 = row;
    }
  g_assert_nonnull (c1);
  g_assert_nonnull (f_row);
  g_assert_nonnull (c5);
  g_assert_cmpstr (c1->identity_code, ==, "050550-1234");
  g_assert_cmpstr (c1->agreed_on, ==, "2024-03-01");
  g_assert_cmpstr (c1->birth_year_band, ==, "65-74");
  g_assert_cmpstr (c1->sector, ==, "health");
  g_assert_cmpstr (c5->municipality, ==, "Siilinjärvi");
  g_assert_cmpint (c1->included_months, ==, 12);
  g_assert_cmpfloat (*(double *) g_hash_table_lookup (c1->before, "6/doctor_non_urgent"), ==, 4);
  g_assert_cmpfloat (*(double *) g_hash_table_lookup (c1->after, "6/doctor_non_urgent"), ==, 1);
  g_assert_cmpfloat (*(double *) g_hash_table_lookup (c1->before, "6/doctor_urgent"), ==, 1);
  g_assert_null (g_hash_table_lookup (c1->before, "24/doctor_non_urgent"));
  g_assert_cmpfloat_with_epsilon (*(double *) g_hash_table_lookup (c1->continuity,
                                                                   "6/before/coci"), 0.5, 1e-9);
  g_assert_null (g_hash_table_lookup (c1->continuity, "6/after/coci"));
  g_assert_cmpfloat (c1->whoqol_baseline[2], ==, 50);
  g_assert_cmpfloat (c1->whoqol_latest[2], ==, 75);
  g_assert_cmpint (c1->whoqol_latest_months, ==, 6);
  g_assert_true (isnan (c5->whoqol_latest[0]));
  g_assert_cmpint (c1->satisfaction, ==, 5);
  g_assert_cmpint (c1->days_to_first_contact, ==, 10);
  g_assert_cmpint (c1->days_to_agreed_plan, ==, 51);
  g_assert_true (c1->consent_given);
  g_assert_false (c1->closed);
  /* F's periods are not over: no counts at all. */
  g_assert_cmpint (f_row->included_months, ==, 0);
  g_assert_cmpuint (g_hash_table_size (f_row->before), ==, 0);
  g_assert_cmpstr (polku_report_get_category_ids (report)[0], ==, "doctor_urgent");
  g_assert_cmpstr (polku_report_get_category_label (report, "no_shows"), ==, "No-shows");

  root = polku_report_to_json (report);
  text = to_text (root);
  g_assert_null (strstr (text, CANARY_NAME));
  g_assert_null (strstr (text, CANARY_REASON));
  g_assert_null (strstr (text, "050550"));
  g_assert_null (strstr (text, "Asiakas"));
  for (guint i = 0; i < rows->len; i++)
    g_assert_null (strstr (text, ((PolkuReportClientRow *) g_ptr_array_index (rows, i))->client_id));
}

/* Unit costs by sector, and unit-cost files that are wrong. */
static void
test_costs (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(PolkuReportQuery) q = query_new (1);
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(PolkuReport) report = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (f->dir, "costs.json", NULL);
  JsonNode *costs;

  g_assert_true (g_file_set_contents (path,
                 "{\"format\": \"polku-unit-costs\", \"version\": 1, \"currency\": \"EUR\","
                 " \"costs\": ["
                 "{\"category\": \"doctor_non_urgent\", \"sector\": \"health\", \"euros\": 100},"
                 "{\"category\": \"inpatient_days\", \"sector\": \"health\", \"euros\": 400},"
                 "{\"category\": \"social_services\", \"sector\": \"social\", \"euros\": 50.5}"
                 "]}", -1, NULL));
  q->costs_file = g_strdup (path);
  root = run_json (f, q);
  costs = at (root, "costs");
  g_assert_cmpstr (json_node_get_string (at (costs, "file")), ==, "costs.json");
  g_assert_cmpint (json_node_get_int (at (costs, "months")), ==, 12);
  /* 12 months: 17 visits × 100 + 10 days × 400 before, 8 × 100 after; one social contact. */
  assert_cell (at (find (costs, "sectors", "sector", "health"), "before"), 5700, 5);
  assert_cell (at (find (costs, "sectors", "sector", "health"), "after"), 800, 5);
  assert_cell (at (find (costs, "sectors", "sector", "social"), "before"), 50.5, 5);
  assert_cell (at (find (costs, "sectors", "sector", "social"), "after"), 0, 5);
  assert_cell (at (costs, "total/before"), 5750.5, 5);
  assert_cell (at (costs, "total/after"), 800, 5);
  assert_cell (at (find (costs, "periods", "months", "6"), "total/before"), 5650.5, 5);
  g_clear_pointer (&root, json_node_unref);

  /* At threshold 5 the 6-month group of 5 is shown; with Kuopio only (4) it is not. */
  q->threshold = 5;
  q->municipality = g_strdup ("Kuopio");
  root = run_json (f, q);
  assert_suppressed (at (root, "costs/total/before"), FALSE);
  g_clear_pointer (&root, json_node_unref);
  g_clear_pointer (&q->municipality, g_free);

  /* The bundled example reads. */
  g_free (q->costs_file);
  q->costs_file = g_strdup (POLKU_REPORT_EXAMPLE_COSTS);
  root = run_json (f, q);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (at (root, "costs")));
  g_clear_pointer (&root, json_node_unref);

  /* Wrong files: the message names the field. */
  g_free (q->costs_file);
  q->costs_file = g_strdup (path);
  {
    static const struct { const char *text; const char *field; } bad[] = {
      { "{\"format\": \"polku-unit-costs\", \"version\": 1, \"costs\": [{\"category\": "
        "\"doctor\", \"sector\": \"health\", \"euros\": 1}]}", "costs[0].category" },
      { "{\"format\": \"polku-unit-costs\", \"version\": 1, \"costs\": [{\"category\": "
        "\"nurse\", \"sector\": \"hospital\", \"euros\": 1}]}", "costs[0].sector" },
      { "{\"format\": \"polku-unit-costs\", \"version\": 1, \"costs\": [{\"category\": "
        "\"nurse\", \"sector\": \"health\", \"euros\": \"50\"}]}", "costs[0].euros" },
      { "{\"format\": \"polku-unit-costs\", \"version\": 1, \"costs\": [{\"category\": "
        "\"nurse\", \"sector\": \"health\", \"euros\": -1}]}", "costs[0].euros" },
      { "{\"format\": \"something\", \"version\": 1, \"costs\": []}", "format" },
      { "{\"format\": \"polku-unit-costs\", \"version\": 2, \"costs\": []}", "version" },
      { "[1, 2", NULL },
    };

    for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
      {
        g_assert_true (g_file_set_contents (path, bad[i].text, -1, NULL));
        report = polku_report_run (f->store, q, NULL, NULL, NULL, &error);
        g_assert_null (report);
        g_assert_error (error, POLKU_REPORT_ERROR, POLKU_REPORT_ERROR_COSTS);
        g_assert_nonnull (strstr (error->message, "costs.json"));
        if (bad[i].field != NULL)
          g_assert_nonnull (strstr (error->message, bad[i].field));
        g_clear_error (&error);
      }
  }
  g_free (q->costs_file);
  q->costs_file = g_build_filename (f->dir, "no-such-file.json", NULL);
  report = polku_report_run (f->store, q, NULL, NULL, NULL, &error);
  g_assert_error (error, POLKU_REPORT_ERROR, POLKU_REPORT_ERROR_COSTS);
}

static gint64
count_entries (Fixture    *f,
               const char *action)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) entries = polku_audit_list (f->store, NULL, &error);
  gint64 n = 0;

  g_assert_no_error (error);
  for (guint i = 0; i < entries->len; i++)
    if (g_strcmp0 (polku_audit_entry_get_action (g_ptr_array_index (entries, i)), action) == 0)
      n++;
  return n;
}

static void
record_progress (double   fraction,
                 gpointer user_data)
{
  GArray *seen = user_data;

  g_array_append_val (seen, fraction);
}

static void
cancel_at_half (double   fraction,
                gpointer user_data)
{
  if (fraction >= 0.5)
    g_cancellable_cancel (user_data);
}

/* Progress goes up to 1, a cancelled run gives nothing and records nothing, and each run
 * is one audit entry that names the query and no client. */
static void
test_progress_cancel_audit (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(PolkuReportQuery) q = query_new (5);
  g_autoptr(GArray) seen = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(PolkuReport) report = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  gint64 before = count_entries (f, POLKU_AUDIT_REPORT_RUN);
  PolkuAuditEntry *last;

  q->municipality = g_strdup ("Kuopio");
  report = polku_report_run (f->store, q, record_progress, seen, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (seen->len, >=, 5);
  g_assert_cmpfloat (g_array_index (seen, double, 0), ==, 0);
  g_assert_cmpfloat (g_array_index (seen, double, seen->len - 1), ==, 1);
  for (guint i = 1; i < seen->len; i++)
    g_assert_cmpfloat (g_array_index (seen, double, i), >=, g_array_index (seen, double, i - 1));
  g_assert_cmpint (count_entries (f, POLKU_AUDIT_REPORT_RUN), ==, before + 1);
  entries = polku_audit_list (f->store, NULL, &error);
  last = g_ptr_array_index (entries, 0);  /* newest first */
  g_assert_cmpstr (polku_audit_entry_get_action (last), ==, POLKU_AUDIT_REPORT_RUN);
  g_assert_null (polku_audit_entry_get_client_id (last));
  g_assert_cmpstr (polku_audit_entry_get_detail (last), ==,
                   "from=2024-01-01 to=2025-12-31 threshold=5 municipality=Kuopio");
  g_clear_pointer (&report, polku_report_free);

  /* Cancelled before it starts, and half-way. */
  g_cancellable_cancel (cancellable);
  report = polku_report_run (f->store, q, NULL, NULL, cancellable, &error);
  g_assert_null (report);
  g_assert_error (error, POLKU_REPORT_ERROR, POLKU_REPORT_ERROR_CANCELLED);
  g_clear_error (&error);
  g_cancellable_reset (cancellable);
  report = polku_report_run (f->store, q, cancel_at_half, cancellable, cancellable, &error);
  g_assert_null (report);
  g_assert_error (error, POLKU_REPORT_ERROR, POLKU_REPORT_ERROR_CANCELLED);
  g_assert_cmpint (count_entries (f, POLKU_AUDIT_REPORT_RUN), ==, before + 1);
}

static void
async_done (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  PolkuReport **out = user_data;
  g_autoptr(GError) error = NULL;

  *out = polku_report_run_finish (result, &error);
  g_assert_no_error (error);
}

static void
thread_progress (double   fraction,
                 gpointer user_data)
{
  /* Not the main thread's context. */
  g_assert_false (g_main_context_is_owner (g_main_context_default ()));
  g_atomic_int_inc ((int *) user_data);
}

static void
test_async (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(PolkuReportQuery) q = query_new (5);
  PolkuReport *report = NULL;
  int calls = 0;

  polku_report_run_async (f->store, q, thread_progress, &calls, NULL, async_done, &report);
  while (report == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpint (g_atomic_int_get (&calls), >=, 5);
  g_assert_cmpuint (polku_report_get_client_rows (report)->len, ==, 7);
  polku_report_free (report);
}

/* A small cohort reads its contacts by the index, a big one scans the table: the same
 * figures either way. */
static void
test_index_or_scan (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(PolkuReportQuery) q = query_new (1);
  g_autoptr(GError) error = NULL;
  g_autoptr(PolkuReport) all = NULL;
  g_autoptr(PolkuReport) one = NULL;
  PolkuReportClientRow *from_all = NULL, *from_one;
  GPtrArray *rows;

  all = polku_report_run (f->store, q, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  /* 1 client of the 8 with a case: 1 × 8 is not above 8, so the index. */
  q->municipality = g_strdup ("Siilinjärvi");
  one = polku_report_run (f->store, q, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (polku_report_get_client_rows (one)->len, ==, 1);
  from_one = g_ptr_array_index (polku_report_get_client_rows (one), 0);
  rows = polku_report_get_client_rows (all);
  for (guint i = 0; i < rows->len; i++)
    if (g_str_equal (((PolkuReportClientRow *) g_ptr_array_index (rows, i))->client_id,
                     from_one->client_id))
      from_all = g_ptr_array_index (rows, i);
  g_assert_nonnull (from_all);
  g_assert_cmpuint (g_hash_table_size (from_one->before), ==,
                    g_hash_table_size (from_all->before));
  g_assert_cmpuint (g_hash_table_size (from_one->before), >, 20);
  {
    GHashTableIter iter;
    gpointer key, value;

    g_hash_table_iter_init (&iter, from_all->before);
    while (g_hash_table_iter_next (&iter, &key, &value))
      g_assert_cmpfloat (*(double *) value, ==,
                         *(double *) g_hash_table_lookup (from_one->before, key));
    g_hash_table_iter_init (&iter, from_all->continuity);
    while (g_hash_table_iter_next (&iter, &key, &value))
      g_assert_cmpfloat (*(double *) value, ==,
                         *(double *) g_hash_table_lookup (from_one->continuity, key));
  }
  g_assert_cmpfloat (*(double *) g_hash_table_lookup (from_one->before, "6/doctor_non_urgent"),
                     ==, 3);
  g_assert_cmpfloat_with_epsilon (*(double *) g_hash_table_lookup (from_one->continuity,
                                                                   "6/before/upc"),
                                  1.0 / 3, 1e-9);
}

/* Runs @sql on the store's connection; the one text column of its only row, if it has one. */
static char *
exec_sql (Fixture    *f,
          const char *sql,
          const char *param)
{
  g_autoptr(GError) error = NULL;
  sqlite3 *db = polku_store_begin_use (f->store, &error);
  sqlite3_stmt *stmt;
  char *text = NULL;
  int rc;

  g_assert_no_error (error);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_text (stmt, 1, param, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  g_assert_true (rc == SQLITE_ROW || rc == SQLITE_DONE);
  if (rc == SQLITE_ROW)
    text = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  polku_store_end_use (f->store);
  return text;
}

/* The WHOQOL-BREF answers are read and scored (in a thread of their own) for the cohort's
 * clients only: unreadable answers of a cohort client fail the report, naming the
 * assessment, and record no run; another client's do not matter, and the figures are those
 * of the hand-computed cohort. */
static void
test_whoqol_answers (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(PolkuReportQuery) q = query_new (1);
  g_autoptr(PolkuReport) report = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *id = exec_sql (f, "SELECT id FROM assessment WHERE client_id = ?1"
                                     " AND instrument_id = 'whoqol-bref'", f->cohort.c[4]);
  g_autofree char *answers = exec_sql (f, "SELECT answers FROM assessment WHERE id = ?1", id);
  const char *broken = "UPDATE assessment SET answers = '{x' WHERE id = ?1";
  g_autofree char *restore = NULL;
  gint64 before = count_entries (f, POLKU_AUDIT_REPORT_RUN);
  JsonNode *root;

  g_assert_nonnull (id);
  g_assert_nonnull (answers);
  g_free (exec_sql (f, broken, id));

  report = polku_report_run (f->store, q, NULL, NULL, NULL, &error);
  g_assert_null (report);
  g_assert_error (error, POLKU_ASSESSMENT_ERROR, POLKU_ASSESSMENT_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, id));
  g_clear_error (&error);
  g_assert_cmpint (count_entries (f, POLKU_AUDIT_REPORT_RUN), ==, before);

  /* C5 lives in Siilinjärvi: a cohort of Kuopio's clients does not read its answers. */
  q->municipality = g_strdup ("Kuopio");
  report = polku_report_run (f->store, q, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  root = polku_report_to_json (report);
  assert_cell (at (find (root, "whoqol/domains", "id", "physical"), "pairs"), 4, 4);
  assert_cell (at (root, "whoqol/unpaired"), 0, 0);
  assert_cell (at (root, "whoqol/discarded"), 0, 0);
  assert_cell (at (root, "whoqol/over_time/0/mean"), 50, 4);
  json_node_unref (root);
  g_clear_pointer (&report, polku_report_free);

  restore = g_strdup_printf ("UPDATE assessment SET answers = '%s' WHERE id = ?1", answers);
  g_assert_null (strchr (answers, '\''));
  g_free (exec_sql (f, restore, id));
  g_clear_pointer (&q->municipality, g_free);
  report = polku_report_run (f->store, q, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  root = polku_report_to_json (report);
  assert_cell (at (root, "whoqol/unpaired"), 1, 1);
  json_node_unref (root);
}

static char *
query_plan (sqlite3    *db,
            const char *sql)
{
  g_autofree char *explain = g_strconcat ("EXPLAIN QUERY PLAN ", sql, NULL);
  GString *plan = g_string_new (NULL);
  sqlite3_stmt *stmt;

  g_assert_cmpint (sqlite3_prepare_v2 (db, explain, -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_text (stmt, 1, "2024-01-01", -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, "2025-12-31", -1, SQLITE_STATIC);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_string_append_printf (plan, "%s\n", (const char *) sqlite3_column_text (stmt, 3));
  sqlite3_finalize (stmt);
  g_test_message ("%s\n→ %s", sql, plan->str);
  return g_string_free (plan, FALSE);
}

/* The small cohort's contacts use their indexes (EXPLAIN QUERY PLAN), not a scan of the
 * contacts; the clients come with their case and plan by index; each table of the facts is
 * read once without a temporary sort, and none of those reads touches the contacts. */
static void
test_query_plan (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *contacts = NULL;
  g_autofree char *clients = NULL;
  const char *fact;
  guint n_facts = 0;
  sqlite3 *db = polku_store_begin_use (f->store, &error);

  g_assert_no_error (error);
  contacts = query_plan (db, polku_report_contacts_sql);
  clients = query_plan (db, polku_report_clients_sql);
  for (; (fact = polku_report_fact_sql (n_facts)) != NULL; n_facts++)
    {
      g_autofree char *plan = query_plan (db, fact);

      g_assert_null (strstr (fact, "contact "));
      g_assert_null (strstr (plan, "contact"));
      g_assert_null (strstr (plan, "TEMP B-TREE"));
    }
  g_assert_cmpuint (n_facts, ==, 6);
  polku_store_end_use (f->store);

  g_assert_nonnull (strstr (contacts, "plan_agreed_on"));
  g_assert_nonnull (strstr (contacts, "contact_client_date"));
  g_assert_null (strstr (contacts, "SCAN TABLE contact"));
  g_assert_null (strstr (clients, "contact"));
  g_assert_nonnull (strstr (clients, "INDEX sqlite_autoindex_client_case"));
  g_assert_nonnull (strstr (clients, "INDEX sqlite_autoindex_plan"));
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  int status;

  g_test_init (&argc, &argv, NULL);

  shared.dir = g_dir_make_tmp ("polku-test-report-XXXXXX", NULL);
  path = g_build_filename (shared.dir, "polku.db", NULL);
  shared.store = polku_store_open (path, POLKU_KEY_RAW, KEY, TRUE, &error);
  g_assert_no_error (error);
  polku_store_set_actor (shared.store, "Sanna Koivisto");
  cohort_build (shared.store, &shared.cohort);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("/report/figures", test_figures);
  ADD ("/report/suppression", test_suppression);
  ADD ("/report/threshold-4-5", test_threshold);
  ADD ("/report/filters", test_filters);
  ADD ("/report/rows", test_rows);
  ADD ("/report/costs", test_costs);
  ADD ("/report/progress-cancel-audit", test_progress_cancel_audit);
  ADD ("/report/async", test_async);
  ADD ("/report/index-or-scan", test_index_or_scan);
  ADD ("/report/query-plan", test_query_plan);
  ADD ("/report/whoqol-answers", test_whoqol_answers);
#undef ADD

  status = g_test_run ();
  g_clear_object (&shared.store);
  cohort_clear (&shared.cohort);
  remove_tree (shared.dir);
  g_free (shared.dir);
  return status;
}
