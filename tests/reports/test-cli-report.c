/* test-cli-report.c: polku-cli report as a script would use it, on a profile holding the
 * cohort of report-test-helpers.h: the JSON's figures and suppression, filters, costs, the
 * output file, every refusal with its exit status, and the audit entries
 *
 * Copyright 2026 The Polku authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <sys/stat.h>

#include "../unit/cli-test-helpers.h"
#include "polku-audit.h"
#include "polku-profile.h"
#include "report-test-helpers.h"

/* One profile with the cohort, built once (through the core, as the window would). */
static char *shared_dir;
static char *shared_passphrase_file;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  f->dir = g_strdup (shared_dir);
  f->passphrase_file = g_strdup (shared_passphrase_file);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_free (f->dir);
  g_free (f->passphrase_file);
}

static PolkuStore *
open_profile (const char *dir)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PolkuProfile) profile = polku_profile_new (dir);
  PolkuStore *store = polku_profile_open_sync (profile, PASSPHRASE, 1, NULL, &error);

  g_assert_no_error (error);
  return store;
}

#define REPORT(run, f, ...) \
  CLI ((run), (f), NULL, "report", "--from", "2024-01-01", "--to", "2025-12-31", \
       "--today", REPORT_TODAY, "--language", "en", __VA_ARGS__)

static JsonObject *
member (JsonNode   *node,
        const char *path)
{
  g_auto(GStrv) parts = g_strsplit (path, "/", -1);

  for (guint i = 0; parts[i] != NULL; i++)
    {
      char *end = NULL;
      guint64 index = g_ascii_strtoull (parts[i], &end, 10);

      if (end != parts[i] && *end == '\0')
        node = json_array_get_element (json_node_get_array (node), index);
      else
        node = json_object_get_member (json_node_get_object (node), parts[i]);
      g_assert_nonnull (node);
    }
  return json_node_get_object (node);
}

static gint64
entries (const char *dir,
         const char *action,
         const char *detail_part)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PolkuStore) store = open_profile (dir);
  g_autoptr(GPtrArray) list = polku_audit_list (store, NULL, &error);
  gint64 n = 0;

  g_assert_no_error (error);
  for (guint i = 0; i < list->len; i++)
    {
      PolkuAuditEntry *entry = g_ptr_array_index (list, i);

      if (g_strcmp0 (polku_audit_entry_get_action (entry), action) == 0
          && (detail_part == NULL
              || strstr (polku_audit_entry_get_detail (entry), detail_part) != NULL))
        {
          g_assert_null (polku_audit_entry_get_client_id (entry));
          n++;
        }
    }
  return n;
}

/* The JSON on standard output: the same figures as test-report.c's, suppressed at 5. */
static void
test_json (Fixture       *f,
           gconstpointer  data)
{
  g_auto(Run) run = { 0 };
  g_autoptr(JsonNode) root = NULL;
  gint64 runs = entries (f->dir, POLKU_AUDIT_REPORT_RUN, NULL);
  gint64 exports = entries (f->dir, POLKU_AUDIT_REPORT_EXPORT, "format=json");
  JsonObject *doctor;

  REPORT (&run, f, "--format", "json");
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (run.err, ==, "");
  g_assert_null (strstr (run.out, CANARY_NAME));
  g_assert_null (strstr (run.out, CANARY_REASON));
  g_assert_null (strstr (run.out, "050550"));
  root = parse_out (&run);
  g_assert_cmpstr (json_object_get_string_member (member (root, ""), "format"), ==,
                   "polku-report");
  g_assert_cmpint (json_object_get_int_member (member (root, "cohort/clients"), "value"), ==, 7);
  doctor = member (root, "before_after/0/categories/1");
  g_assert_cmpstr (json_object_get_string_member (doctor, "id"), ==, "doctor_non_urgent");
  g_assert_cmpint (json_object_get_int_member (member (root,
                                                       "before_after/0/categories/1/before/total"),
                                               "value"), ==, 16);
  g_assert_true (json_object_get_boolean_member (member (root,
                                                         "before_after/0/categories/1/share_fell"),
                                                 "suppressed"));
  /* The subtraction rule reaches the output. */
  g_assert_true (json_object_get_boolean_member (member (root,
                                                         "process/identified_by_sector/2/n"),
                                                 "complementary"));
  g_assert_cmpstr (json_object_get_string_member (member (root, "process/consent/declined"),
                                                  "display"), ==, "< 5");
  g_assert_true (json_node_is_null (json_object_get_member (member (root, ""), "costs")));

  /* One run and one export in the log. */
  g_assert_cmpint (entries (f->dir, POLKU_AUDIT_REPORT_RUN, "from=2024-01-01 to=2025-12-31"),
                   ==, runs + 1);
  g_assert_cmpint (entries (f->dir, POLKU_AUDIT_REPORT_EXPORT, "format=json"), ==, exports + 1);
}

/* Filters and the threshold from the command line: four Kuopio clients are shown at 4. */
static void
test_filters (Fixture       *f,
              gconstpointer  data)
{
  g_auto(Run) run = { 0 };
  g_autoptr(JsonNode) root = NULL;

  REPORT (&run, f, "--municipality", "Kuopio", "--threshold", "4");
  g_assert_cmpint (run.status, ==, 0);
  root = parse_out (&run);
  g_assert_cmpint (json_object_get_int_member (member (root, "cohort/periods/0/included"),
                                               "value"), ==, 4);
  g_assert_cmpint (json_object_get_int_member (member (root, "query"), "threshold"), ==, 4);
  g_assert_cmpstr (json_object_get_string_member (member (root, "query/filters"),
                                                  "municipality"), ==, "Kuopio");
  g_clear_pointer (&root, json_node_unref);

  REPORT (&run, f, "--municipality", "Kuopio");
  g_assert_cmpint (run.status, ==, 0);
  root = parse_out (&run);
  g_assert_true (json_object_get_boolean_member (member (root, "cohort/periods/0/included"),
                                                 "suppressed"));
  g_clear_pointer (&root, json_node_unref);

  REPORT (&run, f, "--coordinator", "Pekka Ojala", "--threshold", "1", "--open");
  g_assert_cmpint (run.status, ==, 0);
  root = parse_out (&run);
  g_assert_cmpint (json_object_get_int_member (member (root, "cohort/clients"), "value"), ==, 2);
  g_assert_cmpstr (json_object_get_string_member (member (root, "query/filters"), "closed"), ==,
                   "open");
  g_clear_pointer (&root, json_node_unref);

  REPORT (&run, f, "--closed", "--threshold", "1", "--age-min", "80", "--sector", "health");
  g_assert_cmpint (run.status, ==, 0);
  root = parse_out (&run);
  g_assert_cmpint (json_object_get_int_member (member (root, "cohort/clients"), "value"), ==, 1);
  g_assert_cmpint (json_object_get_int_member (member (root, "cohort/periods/0/left_out/1/n"),
                                               "value"), ==, 1);
}

/* An output file: made whole, the owner's only, never over another file. */
static void
test_output (Fixture       *f,
             gconstpointer  data)
{
  g_auto(Run) run = { 0 };
  g_autofree char *path = g_build_filename (f->dir, "report.json", NULL);
  g_autofree char *costs = g_build_filename (f->dir, "costs.json", NULL);
  g_autofree char *text = NULL;
  g_autoptr(JsonNode) root = NULL;
  GStatBuf st;

  g_assert_true (g_file_set_contents (costs,
                 "{\"format\": \"polku-unit-costs\", \"version\": 1, \"costs\": ["
                 "{\"category\": \"doctor_non_urgent\", \"sector\": \"health\", \"euros\": 100}"
                 "]}", -1, NULL));
  REPORT (&run, f, "--costs", costs, "--output", path);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (run.out, ==, "");
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
  root = parse_json (text);
  /* 12 months: 17 visits before, 8 after, at 100 €. */
  g_assert_cmpint (json_object_get_int_member (member (root, "costs/total/before"), "value"), ==,
                   1700);
  g_assert_cmpint (json_object_get_int_member (member (root, "costs/total/after"), "value"), ==,
                   800);

  /* Not over an existing file, which stays as it was. */
  REPORT (&run, f, "--output", path);
  assert_one_line_error (&run, 1);
  g_assert_nonnull (strstr (run.err, "exists already"));
  {
    g_autofree char *again = NULL;

    g_assert_true (g_file_get_contents (path, &again, NULL, NULL));
    g_assert_cmpstr (again, ==, text);
  }

  /* A wrong unit-cost file names the field. */
  g_assert_true (g_file_set_contents (costs,
                 "{\"format\": \"polku-unit-costs\", \"version\": 1, \"costs\": ["
                 "{\"category\": \"doctor_non_urgent\", \"sector\": \"county\", \"euros\": 1}"
                 "]}", -1, NULL));
  REPORT (&run, f, "--costs", costs);
  assert_one_line_error (&run, 1);
  g_assert_nonnull (strstr (run.err, "costs[0].sector"));

  /* FHIR to standard output. */
  REPORT (&run, f, "--format", "fhir");
  g_assert_cmpint (run.status, ==, 0);
  g_clear_pointer (&root, json_node_unref);
  root = parse_out (&run);
  g_assert_cmpstr (json_object_get_string_member (member (root, ""), "resourceType"), ==,
                   "Bundle");
}

/* Refusals: a clear line and the exit status; nothing run, nothing recorded. */
static void
test_refusals (Fixture       *f,
               gconstpointer  data)
{
  g_auto(Run) run = { 0 };
  g_autofree char *empty_dir = g_dir_make_tmp ("polku-test-cli-report-XXXXXX", NULL);
  g_autofree char *pdf = g_build_filename (f->dir, "x.pdf", NULL);
  gint64 runs = entries (f->dir, POLKU_AUDIT_REPORT_RUN, NULL);
  static const char *bad[][4] = {
    { "--format", "xml", NULL, NULL },
    { "--threshold", "0", NULL, NULL },
    { "--threshold", "many", NULL, NULL },
    { "--age-min", "-3", NULL, NULL },
    { "--age-min", "70", "--age-max", "60" },
    { "--sector", "hospital", NULL, NULL },
    { "--open", "--closed", NULL, NULL },
    { "--language", "de", NULL, NULL },
    { "--today", "2100-01-01", NULL, NULL },
    { "--format", "pdf", NULL, NULL },
    { "--colour", "red", NULL, NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      if (bad[i][2] != NULL)
        REPORT (&run, f, bad[i][0], bad[i][1], bad[i][2], bad[i][3]);
      else
        REPORT (&run, f, bad[i][0], bad[i][1]);
      assert_one_line_error (&run, 2);
    }
  CLI (&run, f, NULL, "report", "--from", "2024-01-01");
  assert_one_line_error (&run, 2);
  g_assert_nonnull (strstr (run.err, "--to"));
  CLI (&run, f, NULL, "report", "--from", "2024-13-01", "--to", "2024-12-31");
  assert_one_line_error (&run, 2);
  CLI (&run, f, NULL, "report", "--from", "2025-01-01", "--to", "2024-12-31");
  assert_one_line_error (&run, 2);
  g_assert_false (g_file_test (pdf, G_FILE_TEST_EXISTS));
  g_assert_cmpint (entries (f->dir, POLKU_AUDIT_REPORT_RUN, NULL), ==, runs);

  /* A report only reads: it does not make a profile where there is none. */
  run_cli (&run, f, NULL, "--data-dir", empty_dir, "--passphrase-file", f->passphrase_file,
           "report", "--from", "2024-01-01", "--to", "2024-12-31", NULL);
  assert_one_line_error (&run, 2);
  g_assert_nonnull (strstr (run.err, "There is no Polku database"));
  {
    g_autofree char *db = g_build_filename (empty_dir, "polku.db", NULL);

    g_assert_false (g_file_test (db, G_FILE_TEST_EXISTS));
  }

  /* No Secret Service here: no county key, no CSV, and no report run for it. */
  REPORT (&run, f, "--format", "csv");
  assert_one_line_error (&run, 1);
  g_assert_nonnull (strstr (run.err, "county key"));
  g_assert_cmpint (entries (f->dir, POLKU_AUDIT_REPORT_RUN, NULL), ==, runs);

  /* combine needs files, and files it can read. */
  CLI (&run, f, NULL, "report", "combine");
  assert_one_line_error (&run, 2);
  CLI (&run, f, NULL, "report", "combine", "--bogus", "a.csv");
  assert_one_line_error (&run, 2);
  CLI (&run, f, NULL, "report", "key", "frobnicate");
  assert_one_line_error (&run, 2);
  remove_tree (empty_dir);
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(PolkuStore) store = NULL;
  Cohort cohort = { { 0 } };
  int status;

  g_test_init (&argc, &argv, NULL);
  g_setenv ("DBUS_SESSION_BUS_ADDRESS", "disabled:", TRUE);

  shared_dir = g_dir_make_tmp ("polku-test-cli-report-XXXXXX", NULL);
  shared_passphrase_file = g_build_filename (shared_dir, "passphrase", NULL);
  g_assert_true (g_file_set_contents (shared_passphrase_file, PASSPHRASE "\n", -1, NULL));
  store = open_profile (shared_dir);
  polku_store_set_actor (store, "Sanna Koivisto");
  cohort_build (store, &cohort);
  g_clear_object (&store);
  cohort_clear (&cohort);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("/cli-report/json", test_json);
  ADD ("/cli-report/filters", test_filters);
  ADD ("/cli-report/output", test_output);
  ADD ("/cli-report/refusals", test_refusals);
#undef ADD

  status = g_test_run ();
  remove_tree (shared_dir);
  g_free (shared_dir);
  g_free (shared_passphrase_file);
  return status;
}
