/* test-cli-hardening.c: issue 10's defects that a script meets through polku-cli:
 * a quote never closed in a CSV import (item 11), two plan patches from the same base
 * (item 14), contacts list --from after --to (item 15)
 *
 * Copyright 2026 The Polku authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "cli-test-helpers.h"

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_auto(Run) run = { 0 };
  g_autoptr(JsonNode) root = NULL;

  cli_fixture_setup (f, data);

  CLI (&run, f, "{\"given_name\": \"Aino\", \"family_name\": \"Virtanen\"}",
       "clients", "add", "--json", "-");
  g_assert_cmpint (run.status, ==, 0);
  root = parse_json (run.out);
  f->client_id = g_strdup (json_object_get_string_member (json_node_get_object (root), "id"));
}

static guint
count_contacts (Fixture *f)
{
  g_auto(Run) run = { 0 };
  g_autoptr(JsonNode) root = NULL;

  CLI (&run, f, NULL, "contacts", "list", f->client_id, "--json");
  g_assert_cmpint (run.status, ==, 0);
  root = parse_json (run.out);
  return json_array_get_length (json_node_get_array (root));
}

/* Item 11: the quote opened on line 3 swallows lines 4-6 into one bad row. Skipping bad
 * rows must not make that a quiet success that wrote nothing. */
static void
test_import_unclosed_quote (Fixture       *f,
                            gconstpointer  data)
{
  g_auto(Run) run = { 0 };
  g_autofree char *csv = g_build_filename (f->dir, "unclosed.csv", NULL);

  g_assert_true (g_file_set_contents (csv,
                                      "date;type;professional\n"
                                      "3.2.2026;doctor;L-1\n"
                                      "4.2.2026;nurse;\"H-1\n"
                                      "5.2.2026;doctor;L-1\n"
                                      "6.2.2026;doctor;L-1\n"
                                      "7.2.2026;doctor;L-1\n", -1, NULL));

  CLI (&run, f, NULL, "contacts", "import", f->client_id, csv, "--skip-bad-rows");
  assert_one_line_error (&run, 2);
  g_assert_nonnull (strstr (run.err, "line 3"));
  g_assert_nonnull (strstr (run.err, "never closed"));
  g_assert_nonnull (strstr (run.err, "Nothing was imported"));
  g_assert_cmpuint (count_contacts (f), ==, 0);

  /* Without --skip-bad-rows it was refused before, and still is. */
  CLI (&run, f, NULL, "contacts", "import", f->client_id, csv);
  assert_one_line_error (&run, 2);
  g_assert_cmpuint (count_contacts (f), ==, 0);

  /* Closed, the same file imports every row. */
  g_assert_true (g_file_set_contents (csv,
                                      "date;type;professional\n"
                                      "3.2.2026;doctor;L-1\n"
                                      "4.2.2026;nurse;\"H-1\"\n"
                                      "5.2.2026;doctor;L-1\n", -1, NULL));
  CLI (&run, f, NULL, "contacts", "import", f->client_id, csv, "--skip-bad-rows");
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpuint (count_contacts (f), ==, 3);
}

/* Item 11, more generally: --skip-bad-rows with every row bad wrote nothing and said OK. */
static void
test_import_all_bad (Fixture       *f,
                     gconstpointer  data)
{
  g_auto(Run) run = { 0 };
  g_autofree char *csv = g_build_filename (f->dir, "bad.csv", NULL);

  g_assert_true (g_file_set_contents (csv,
                                      "date;type\n"
                                      "31.2.2026;doctor\n"
                                      "32.1.2026;doctor\n", -1, NULL));
  CLI (&run, f, NULL, "contacts", "import", f->client_id, csv, "--skip-bad-rows");
  assert_one_line_error (&run, 2);
  g_assert_nonnull (strstr (run.err, "nothing was imported"));
  g_assert_cmpuint (count_contacts (f), ==, 0);
}

/* The CSV import reads at most its limit from a file that states no size. */
static void
test_import_dev_zero (Fixture       *f,
                      gconstpointer  data)
{
  g_auto(Run) run = { 0 };

  CLI (&run, f, NULL, "contacts", "import", f->client_id, "/dev/zero");
  assert_one_line_error (&run, 2);
  g_assert_nonnull (strstr (run.err, "too big"));
}

/* Item 15: an empty range is a mistake, not an empty list. */
static void
test_list_from_after_to (Fixture       *f,
                         gconstpointer  data)
{
  g_auto(Run) run = { 0 };

  CLI (&run, f, NULL, "contacts", "list", f->client_id, "--from", "2026-03-01",
       "--to", "1.2.2026");
  assert_one_line_error (&run, 2);
  g_assert_nonnull (strstr (run.err, "--from"));
  g_assert_nonnull (strstr (run.err, "--to"));
  g_assert_cmpstr (run.out, ==, "");

  CLI (&run, f, NULL, "contacts", "list", f->client_id, "--to", "2026-03-01",
       "--from", "2026-03-02", "--json");
  assert_one_line_error (&run, 2);

  /* One day is a range. */
  CLI (&run, f, NULL, "contacts", "list", f->client_id, "--from", "2026-03-01",
       "--to", "1.3.2026", "--json");
  g_assert_cmpint (run.status, ==, 0);
}

#define GOAL_1 "11111111-1111-4111-8111-111111111111"
#define GOAL_2 "33333333-3333-4333-8333-333333333333"

#define GOAL(id, text) \
  "{\"id\": \"" id "\", \"text\": \"" text "\", \"expressed_by\": \"client\"," \
  " \"status\": \"active\"}"

static guint
count_goals (Fixture *f)
{
  g_auto(Run) run = { 0 };
  g_autoptr(JsonNode) root = NULL;

  CLI (&run, f, NULL, "plan", "show", f->client_id, "--json");
  g_assert_cmpint (run.status, ==, 0);
  root = parse_json (run.out);
  return json_array_get_length (json_object_get_array_member (json_node_get_object (root),
                                                              "goals"));
}

static guint
count_versions (Fixture *f)
{
  g_auto(Run) run = { 0 };
  g_autoptr(JsonNode) root = NULL;

  CLI (&run, f, NULL, "plan", "versions", f->client_id, "--json");
  g_assert_cmpint (run.status, ==, 0);
  root = parse_json (run.out);
  return json_array_get_length (json_node_get_array (root));
}

/* Item 14: two patches made from version 1; the second must not drop the first's goal. */
static void
test_plan_update_base (Fixture       *f,
                       gconstpointer  data)
{
  g_auto(Run) run = { 0 };

  /* --base 0: made when there was no plan. */
  CLI (&run, f, "{\"goals\": [" GOAL (GOAL_1, "Walk daily") "]}", "plan", "update",
       f->client_id, "--json", "-", "--base", "0");
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpuint (count_versions (f), ==, 1);

  /* The first patch from version 1 adds a goal. */
  CLI (&run, f, "{\"goals\": [" GOAL (GOAL_1, "Walk daily") ", " GOAL (GOAL_2, "Sleep well")
       "]}", "plan", "update", f->client_id, "--json", "-", "--base", "1");
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpuint (count_goals (f), ==, 2);

  /* The second from version 1 never saw that goal: refused, exit 1, nothing changed. */
  CLI (&run, f, "{\"goals\": [" GOAL (GOAL_1, "Walk every day") "]}", "plan", "update",
       f->client_id, "--json", "-", "--base", "1");
  assert_one_line_error (&run, 1);
  g_assert_nonnull (strstr (run.err, "version 1"));
  g_assert_nonnull (strstr (run.err, "version 2"));
  g_assert_cmpstr (run.out, ==, "");
  g_assert_cmpuint (count_goals (f), ==, 2);
  g_assert_cmpuint (count_versions (f), ==, 2);

  /* --base 0 when a plan exists is stale too. */
  CLI (&run, f, "{\"main_burden\": \"x\"}", "plan", "update", f->client_id, "--json", "-",
       "--base", "0");
  assert_one_line_error (&run, 1);

  /* Made again from the newest version, it is applied. */
  CLI (&run, f, "{\"goals\": [" GOAL (GOAL_1, "Walk every day") ", " GOAL (GOAL_2, "Sleep well")
       "]}", "plan", "update", f->client_id, "--json", "-", "--base", "2");
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpuint (count_versions (f), ==, 3);

  /* Without --base it works as before. */
  CLI (&run, f, "{\"main_burden\": \"Loneliness\"}", "plan", "update", f->client_id,
       "--json", "-");
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpuint (count_versions (f), ==, 4);
  g_assert_cmpuint (count_goals (f), ==, 2);

  /* Not a version: a usage error before anything is read. */
  CLI (&run, f, "{}", "plan", "update", f->client_id, "--json", "-", "--base", "two");
  assert_one_line_error (&run, 2);
  CLI (&run, f, "{}", "plan", "update", f->client_id, "--json", "-", "--base", "-1");
  assert_one_line_error (&run, 2);

  /* The help says what --base is for. */
  run_cli (&run, f, NULL, "--help", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "plan update CLIENT-ID --json PATCH [--base N]"));
  g_assert_nonnull (strstr (run.out, "lost updates"));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_assert_nonnull (g_getenv ("POLKU_CLI"));

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_setup, func, cli_fixture_teardown)
  ADD ("/cli-hardening/import-unclosed-quote", test_import_unclosed_quote);
  ADD ("/cli-hardening/import-all-bad", test_import_all_bad);
  ADD ("/cli-hardening/import-dev-zero", test_import_dev_zero);
  ADD ("/cli-hardening/list-from-after-to", test_list_from_after_to);
  ADD ("/cli-hardening/plan-update-base", test_plan_update_base);
#undef ADD

  return g_test_run ();
}
