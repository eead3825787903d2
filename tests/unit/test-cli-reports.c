/* test-cli-reports.c: polku-cli assessment satisfaction and polku-cli case record-entry as a
 * script would use them
 *
 * Copyright 2026 The Polku authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "cli-test-helpers.h"

static char *
add_client (Fixture    *f,
            const char *given)
{
  g_auto(Run) run = { 0 };
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *json = g_strdup_printf ("{\"given_name\": \"%s\", "
                                           "\"family_name\": \"Virtanen\"}", given);

  CLI (&run, f, json, "clients", "add", "--json", "-");
  g_assert_cmpint (run.status, ==, 0);
  root = parse_out (&run);
  return g_strdup (json_object_get_string_member (json_node_get_object (root), "id"));
}

static void
add_answer (Fixture    *f,
            const char *client_id,
            int         value,
            const char *date)
{
  g_auto(Run) run = { 0 };
  g_autofree char *json = g_strdup_printf ("{\"instrument\": \"client-satisfaction\", "
                                           "\"date\": \"%s\", \"role\": \"follow-up\", "
                                           "\"status\": \"complete\", \"answers\": "
                                           "{\"1\": %d}}", date, value);

  CLI (&run, f, json, "assessment", "add", client_id, "--json", "-");
  g_assert_cmpint (run.status, ==, 0);
}

/* Five clients in 2025 (one asked twice: the later answer counts), one in 2024. */
static void
test_satisfaction (Fixture       *f,
                   gconstpointer  data)
{
  g_auto(Run) run = { 0 };
  g_autoptr(JsonNode) root = NULL;
  static const int values[] = { 5, 5, 4, 5, 3 };
  JsonArray *periods;
  JsonObject *whole;

  for (guint i = 0; i < G_N_ELEMENTS (values); i++)
    {
      g_autofree char *name = g_strdup_printf ("Asiakas%u", i);
      g_autofree char *id = add_client (f, name);

      if (i == 0)
        add_answer (f, id, 2, "2025-01-15");
      add_answer (f, id, values[i], "2025-06-01");
    }
  {
    g_autofree char *id = add_client (f, "Vanha");

    add_answer (f, id, 4, "2024-11-11");
  }

  CLI (&run, f, NULL, "assessment", "satisfaction");
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (run.out, ==,
                   "Client satisfaction, all dates (each client’s latest answer)\n"
                   "Whole period: n = 6 · Very satisfied 50 % · Fairly satisfied 33 % · "
                   "Neither satisfied nor dissatisfied 17 % · Fairly dissatisfied 0 % · "
                   "Very dissatisfied 0 %\n"
                   "2024: n = 1, too few to show shares\n"
                   "2025: n = 5 · Very satisfied 60 % · Fairly satisfied 20 % · "
                   "Neither satisfied nor dissatisfied 20 % · Fairly dissatisfied 0 % · "
                   "Very dissatisfied 0 %\n");

  CLI (&run, f, NULL, "assessment", "satisfaction", "--from", "2024-01-01", "--to",
       "2024-12-31");
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (run.out, ==,
                   "Client satisfaction, 1.1.2024–31.12.2024 (each client’s latest answer)\n"
                   "Whole period: n = 1, too few to show shares\n"
                   "2024: n = 1, too few to show shares\n");

  CLI (&run, f, NULL, "assessment", "satisfaction", "--json", "--from", "2025-01-01");
  g_assert_cmpint (run.status, ==, 0);
  root = parse_out (&run);
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (root), "counting"), ==,
                   "latest-per-client");
  periods = json_object_get_array_member (json_node_get_object (root), "periods");
  g_assert_cmpuint (json_array_get_length (periods), ==, 2);
  whole = json_array_get_object_element (periods, 0);
  g_assert_true (json_object_get_null_member (whole, "year"));
  g_assert_cmpint (json_object_get_int_member (whole, "n"), ==, 5);
  g_assert_cmpint (json_object_get_int_member (
                     json_array_get_object_element (
                       json_object_get_array_member (whole, "categories"), 0), "percent"), ==,
                   60);

  /* Wrong input: a clear line, exit 2. */
  CLI (&run, f, NULL, "assessment", "satisfaction", "--from", "1.1.2025");
  assert_one_line_error (&run, 2);
  CLI (&run, f, NULL, "assessment", "satisfaction", "--from", "2025-12-31", "--to",
       "2025-01-01");
  assert_one_line_error (&run, 2);
  CLI (&run, f, NULL, "assessment", "satisfaction", "--bogus");
  assert_one_line_error (&run, 2);
}

static void
test_record_entry (Fixture       *f,
                   gconstpointer  data)
{
  g_auto(Run) run = { 0 };
  g_autofree char *id = add_client (f, "Aino");
  g_autoptr(JsonNode) audit = NULL;
  JsonArray *entries;
  gboolean recorded = FALSE;

  add_answer (f, id, 4, "2025-06-01");

  /* No plan: English. */
  CLI (&run, f, NULL, "case", "record-entry", id);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_true (g_str_has_prefix (run.out, "Coordinator’s entry "));
  g_assert_nonnull (strstr (run.out, "\nClient satisfaction\n1.6.2025: Fairly satisfied.\n"));
  g_assert_null (strstr (run.out, "Virtanen"));

  CLI (&run, f, NULL, "case", "record-entry", id, "--language", "fi");
  g_assert_cmpint (run.status, ==, 0);
  g_assert_true (g_str_has_prefix (run.out, "Asiakasvastaavan kirjaus "));
  g_assert_nonnull (strstr (run.out, "\nAsiakastyytyväisyys\n1.6.2025: Melko tyytyväinen.\n"));
  g_assert_nonnull (strstr (run.out, "\nHoito- ja palvelusuunnitelma\nSuunnitelmaa ei ole "
                                     "vielä laadittu.\n"));

  CLI (&run, f, NULL, "case", "record-entry", id, "--language", "sv");
  g_assert_cmpint (run.status, ==, 0);
  g_assert_true (g_str_has_prefix (run.out, "Klientansvarigs anteckning "));
  g_assert_nonnull (strstr (run.out, "\nKlientnöjdhet\n1.6.2025: Ganska nöjd.\n"));

  /* Each entry made is in the audit log. */
  CLI (&run, f, NULL, "audit", "list", id, "--json");
  g_assert_cmpint (run.status, ==, 0);
  audit = parse_out (&run);
  entries = json_node_get_array (audit);
  for (guint i = 0; i < json_array_get_length (entries); i++)
    if (g_strcmp0 (json_object_get_string_member (json_array_get_object_element (entries, i),
                                                  "action"), "record_entry.make") == 0)
      recorded = TRUE;
  g_assert_true (recorded);

  CLI (&run, f, NULL, "case", "record-entry", id, "--language", "de");
  assert_one_line_error (&run, 2);
  CLI (&run, f, NULL, "case", "record-entry", "not-an-id");
  assert_one_line_error (&run, 2);
  CLI (&run, f, NULL, "case", "record-entry", "6f1c1f3e-0b7c-4d51-9f3a-2b1c0d9e8f7a");
  assert_one_line_error (&run, 1);
}

int
main (int    argc,
      char **argv)
{
  g_setenv ("POLKU_INSTRUMENTS_DIR", "/nonexistent/polku-test", TRUE);
  g_unsetenv ("LANGUAGE");
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, cli_fixture_setup, func, cli_fixture_teardown)
  ADD ("/cli-reports/satisfaction", test_satisfaction);
  ADD ("/cli-reports/record-entry", test_record_entry);
#undef ADD

  return g_test_run ();
}
