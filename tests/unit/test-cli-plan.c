/* test-cli-plan.c: polku-cli plan as a script would use it: merge patches (bad ones
 * rejected with one line and exit 2, nothing changed), the agreed date, versions, restore,
 * FHIR export, templates, demo plans; plan show names the team's responsible workers and
 * the case's review date, and follows them without a new version; versions from before the
 * agreed date was recorded (the migration fixtures)
 *
 * Copyright 2026 The Polku authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "cli-test-helpers.h"


static char *
add_client (Fixture *f)
{
  g_auto(Run) run = { 0 };
  g_autoptr(JsonNode) node = NULL;

  CLI (&run, f, "{\"given_name\": \"Britt\", \"family_name\": \"Lindqvist\", "
                "\"language\": \"sv\"}", "clients", "add", "--json", "-");
  g_assert_cmpint (run.status, ==, 0);
  node = parse_out (&run);
  return g_strdup (json_object_get_string_member (json_node_get_object (node), "id"));
}

static guint
count_versions (Fixture    *f,
                const char *id)
{
  g_auto(Run) run = { 0 };
  g_autoptr(JsonNode) node = NULL;

  CLI (&run, f, NULL, "plan", "versions", id, "--json");
  g_assert_cmpint (run.status, ==, 0);
  node = parse_out (&run);
  return json_array_get_length (json_node_get_array (node));
}

#define GOAL "11111111-1111-4111-8111-111111111111"

static const char first_patch[] =
  "{\"client_view\": \"Jag vill klara mig hemma.\", \"main_burden\": \"Ensamheten\","
  " \"agreed_on\": \"2026-03-01\","
  " \"goals\": [{\"id\": \"" GOAL "\", \"text\": \"Träffa folk varje vecka\","
  "   \"expressed_by\": \"client\", \"status\": \"active\","
  "   \"actions\": [{\"id\": \"22222222-2222-4222-8222-222222222222\","
  "     \"text\": \"Besök på mötesplatsen\", \"responsible\": \"Camilla Björkman\","
  "     \"status\": \"planned\"}]}]}";

static void
test_usage (Fixture       *f,
            gconstpointer  data)
{
  g_auto(Run) run = { 0 };

  run_cli (&run, f, NULL, "--help", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "plan update CLIENT-ID --json PATCH"));
  run_clear (&run);

  run_cli (&run, f, NULL, "plan", NULL);
  assert_one_line_error (&run, 2);
  run_clear (&run);
  run_cli (&run, f, NULL, "plan", "frob", NULL);
  assert_one_line_error (&run, 2);
  run_clear (&run);
  run_cli (&run, f, NULL, "plan", "show", "not-a-uuid", "--json", NULL);
  assert_one_line_error (&run, 2);
  run_clear (&run);
  run_cli (&run, f, NULL, "plan", "export", GOAL, NULL);
  assert_one_line_error (&run, 2);
  run_clear (&run);
  run_cli (&run, f, NULL, "plan", "update", GOAL, NULL);
  assert_one_line_error (&run, 2);
  run_clear (&run);
  run_cli (&run, f, NULL, "plan", "restore", GOAL, "zero", NULL);
  assert_one_line_error (&run, 2);
  run_clear (&run);
  run_cli (&run, f, NULL, "plan", "restore", GOAL, "0", NULL);
  assert_one_line_error (&run, 2);
  run_clear (&run);

  run_cli (&run, f, NULL, "plan", "templates", "--json", NULL);
  g_assert_cmpint (run.status, ==, 0);
  {
    g_autoptr(JsonNode) node = parse_out (&run);
    g_assert_cmpuint (json_array_get_length (json_node_get_array (node)), >=, 3);
  }
}

static void
test_update_show_restore (Fixture       *f,
                          gconstpointer  data)
{
  g_auto(Run) run = { 0 };
  g_autofree char *id = add_client (f);
  g_autofree char *patch_file = g_build_filename (f->dir, "patch.json", NULL);
  g_autoptr(JsonNode) node = NULL;
  JsonObject *plan;

  /* No plan yet */
  CLI (&run, f, NULL, "plan", "show", id, "--json");
  assert_one_line_error (&run, 1);
  g_assert_nonnull (strstr (run.err, "no plan"));
  run_clear (&run);

  /* The first patch (from stdin) makes the plan, in the client's language */
  CLI (&run, f, first_patch, "plan", "update", id, "--json", "-");
  g_assert_cmpint (run.status, ==, 0);
  node = parse_out (&run);
  plan = json_node_get_object (node);
  g_assert_cmpstr (json_object_get_string_member (plan, "language"), ==, "sv");
  g_assert_cmpstr (json_object_get_string_member (plan, "client_id"), ==, id);
  g_assert_true (json_object_has_member (plan, "modified"));
  run_clear (&run);
  g_clear_pointer (&node, json_node_unref);
  g_assert_cmpuint (count_versions (f, id), ==, 1);

  /* A patch from a file: the agreed date */
  g_assert_true (g_file_set_contents (patch_file, "{\"agreed_on\": \"2026-04-15\"}", -1,
                                      NULL));
  CLI (&run, f, NULL, "plan", "update", id, "--json", patch_file);
  g_assert_cmpint (run.status, ==, 0);
  run_clear (&run);
  g_assert_cmpuint (count_versions (f, id), ==, 2);

  /* Bad patches: one line, exit 2, nothing changes */
  {
    static const char * const bad[] = {
      "{\"goals\": [",
      "[1, 2, 3]",
      "\"text\"",
      "{\"goals\": [{\"text\": \"x\", \"expressed_by\": \"client\", \"status\": \"active\"}]}",
      "{\"goals\": [{\"id\": \"" GOAL "\", \"text\": \"x\", \"expressed_by\": \"client\","
      " \"status\": \"finished\"}]}",
      "{\"next_review\": \"31.12.2027\"}",
      /* the review date is the case's, the responsible workers the team's */
      "{\"next_review\": \"2027-12-31\"}",
      "{\"responsible_worker\": {\"name\": \"Camilla Björkman\"}}",
      /* an agreed date still to come, or not a date */
      "{\"agreed_on\": \"2999-01-01\"}",
      "{\"agreed_on\": \"1.4.2026\"}",
      "{\"client_view\": 42}",
      "{\"mood\": \"good\"}",
      "",
    };

    for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
      {
        CLI (&run, f, bad[i], "plan", "update", id, "--json", "-");
        assert_one_line_error (&run, 2);
        run_clear (&run);
      }
    g_assert_cmpuint (count_versions (f, id), ==, 2);
  }

  /* show --json gives the document; the text summary names the goal */
  CLI (&run, f, NULL, "plan", "show", id, "--json");
  g_assert_cmpint (run.status, ==, 0);
  node = parse_out (&run);
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (node), "agreed_on"),
                   ==, "2026-04-15");
  g_assert_false (json_object_has_member (json_node_get_object (node), "next_review"));
  g_assert_false (json_object_has_member (json_node_get_object (node), "responsible_worker"));
  g_clear_pointer (&node, json_node_unref);
  run_clear (&run);
  CLI (&run, f, NULL, "plan", "show", id);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "Träffa folk varje vecka"));
  g_assert_nonnull (strstr (run.out, "2026-04-15"));
  run_clear (&run);

  /* Restore version 1 as version 3 */
  CLI (&run, f, NULL, "plan", "restore", id, "1");
  g_assert_cmpint (run.status, ==, 0);
  run_clear (&run);
  CLI (&run, f, NULL, "plan", "versions", id, "--json");
  node = parse_out (&run);
  g_assert_cmpuint (json_array_get_length (json_node_get_array (node)), ==, 3);
  {
    JsonObject *v3 = json_array_get_object_element (json_node_get_array (node), 2);

    g_assert_cmpint (json_object_get_int_member (v3, "version"), ==, 3);
    g_assert_cmpint (json_object_get_int_member (v3, "restored_from"), ==, 1);
    g_assert_cmpstr (json_object_get_string_member (v3, "origin"), ==, "restore");
    g_assert_nonnull (json_object_get_string_member (v3, "author"));
  }
  g_clear_pointer (&node, json_node_unref);
  run_clear (&run);
  CLI (&run, f, NULL, "plan", "show", id, "--json");
  node = parse_out (&run);
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (node), "agreed_on"),
                   ==, "2026-03-01");
  g_clear_pointer (&node, json_node_unref);
  run_clear (&run);

  /* An older version on request; one that does not exist */
  CLI (&run, f, NULL, "plan", "show", id, "--json", "--version", "2");
  node = parse_out (&run);
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (node), "agreed_on"),
                   ==, "2026-04-15");
  g_clear_pointer (&node, json_node_unref);
  run_clear (&run);
  CLI (&run, f, NULL, "plan", "restore", id, "9");
  assert_one_line_error (&run, 1);
  run_clear (&run);

  /* plan new refuses when there is a plan */
  CLI (&run, f, NULL, "plan", "new", id);
  assert_one_line_error (&run, 1);
  run_clear (&run);

  /* Reads and changes are in the audit log */
  CLI (&run, f, NULL, "audit", "list", id, "--json");
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "plan.create"));
  g_assert_nonnull (strstr (run.out, "plan.update"));
  g_assert_nonnull (strstr (run.out, "plan.restore"));
  g_assert_nonnull (strstr (run.out, "plan.view"));
}

/* plan show and the FHIR export name the team's responsible workers and the case's review
 * date; a change in the team or the case reaches them with no new plan version. */
static void
test_team_and_review (Fixture       *f,
                      gconstpointer  data)
{
  g_auto(Run) run = { 0 };
  g_autofree char *id = add_client (f);
  g_autofree char *member_id = NULL;
  g_autoptr(JsonNode) node = NULL;

  CLI (&run, f, "{\"main_burden\": \"Ensamheten\"}", "plan", "update", id, "--json", "-");
  g_assert_cmpint (run.status, ==, 0);
  run_clear (&run);
  CLI (&run, f, NULL, "plan", "show", id);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "Responsible worker: —"));
  g_assert_nonnull (strstr (run.out, "Next review: —"));
  run_clear (&run);

  CLI (&run, f, "{\"person\": \"Camilla Björkman\", \"role\": \"Klientansvarig\", "
                "\"organisation\": \"Välfärdsområdet\", \"sector\": \"social\", "
                "\"contact\": \"044 765 4321\", \"responsible\": true}",
       "team", "add", id, "--json", "-");
  g_assert_cmpint (run.status, ==, 0);
  run_clear (&run);
  CLI (&run, f, "{\"person\": \"Jonas Backman\", \"role\": \"Socialhandledare\", "
                "\"organisation\": \"Socialt arbete\", \"sector\": \"social\", "
                "\"contact\": \"jonas@example.fi\"}", "team", "add", id, "--json", "-");
  g_assert_cmpint (run.status, ==, 0);
  node = parse_out (&run);
  member_id = g_strdup (json_object_get_string_member (json_node_get_object (node), "id"));
  g_clear_pointer (&node, json_node_unref);
  run_clear (&run);
  CLI (&run, f, NULL, "case", "review", id, "2027-02-01");
  g_assert_cmpint (run.status, ==, 0);
  run_clear (&run);

  CLI (&run, f, NULL, "plan", "show", id);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "Responsible worker: Camilla Björkman, Klientansvarig, "
                                     "Välfärdsområdet (044 765 4321)"));
  g_assert_null (strstr (run.out, "Jonas Backman"));
  g_assert_nonnull (strstr (run.out, "Next review: 2027-02-01"));
  run_clear (&run);

  /* The team names Jonas Backman, the case's review moves: the plan follows. */
  CLI (&run, f, NULL, "team", "set-responsible", member_id);
  g_assert_cmpint (run.status, ==, 0);
  run_clear (&run);
  CLI (&run, f, NULL, "case", "review", id, "2027-03-15");
  g_assert_cmpint (run.status, ==, 0);
  run_clear (&run);
  CLI (&run, f, NULL, "plan", "show", id);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "Jonas Backman, Socialhandledare, Socialt arbete "
                                     "(jonas@example.fi)"));
  g_assert_nonnull (strstr (run.out, "Next review: 2027-03-15"));
  run_clear (&run);
  CLI (&run, f, NULL, "plan", "export", id, "--fhir", "--own-use");
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "\"Practitioner\""));
  g_assert_nonnull (strstr (run.out, "Jonas Backman"));
  g_assert_nonnull (strstr (run.out, "2027-03-15"));
  g_assert_null (strstr (run.out, "2027-02-01"));
  run_clear (&run);
  g_assert_cmpuint (count_versions (f, id), ==, 1);

  /* A review date that has passed says so. */
  CLI (&run, f, NULL, "case", "review", id, "2025-09-01");
  g_assert_cmpint (run.status, ==, 0);
  run_clear (&run);
  CLI (&run, f, NULL, "plan", "show", id);
  g_assert_nonnull (strstr (run.out, "Next review: 2025-09-01 (Overdue since 1.9.2025)"));
}

static void
test_export_and_new (Fixture       *f,
                     gconstpointer  data)
{
  g_auto(Run) run = { 0 };
  g_autofree char *id = add_client (f);
  g_autoptr(JsonNode) node = NULL;
  JsonObject *bundle;

  CLI (&run, f, NULL, "plan", "new", id, "--template", "nonexistent");
  assert_one_line_error (&run, 2);
  run_clear (&run);

  CLI (&run, f, NULL, "plan", "new", id, "--template", "finances-housing");
  g_assert_cmpint (run.status, ==, 0);
  node = parse_out (&run);
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (node), "language"), ==,
                   "sv");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (
                      json_node_get_object (node), "goals")), >, 0);
  g_clear_pointer (&node, json_node_unref);
  run_clear (&run);

  CLI (&run, f, NULL, "plan", "export", id, "--fhir", "--own-use");
  g_assert_cmpint (run.status, ==, 0);
  node = parse_out (&run);
  bundle = json_node_get_object (node);
  g_assert_cmpstr (json_object_get_string_member (bundle, "resourceType"), ==, "Bundle");
  g_assert_nonnull (strstr (run.out, "\"CarePlan\""));
  g_assert_nonnull (strstr (run.out, "\"CareTeam\""));
  g_assert_nonnull (strstr (run.out, "\"Goal\""));
  g_assert_nonnull (strstr (run.out, "Gemensam vård- och serviceplan"));
}

static void
test_demo_plans (Fixture       *f,
                 gconstpointer  data)
{
  g_auto(Run) run = { 0 };
  g_autoptr(JsonNode) clients = NULL;
  guint with_plan = 0;

  CLI (&run, f, NULL, "demo", "--clients", "10", "--seed", "3");
  g_assert_cmpint (run.status, ==, 0);
  run_clear (&run);
  CLI (&run, f, NULL, "clients", "list", "--json");
  clients = parse_out (&run);
  run_clear (&run);

  for (guint i = 0; i < json_array_get_length (json_node_get_array (clients)); i++)
    {
      JsonObject *client = json_array_get_object_element (json_node_get_array (clients), i);
      const char *id = json_object_get_string_member (client, "id");

      CLI (&run, f, NULL, "plan", "versions", id, "--json");
      if (run.status == 0)
        {
          g_autoptr(JsonNode) versions = parse_out (&run);

          g_assert_cmpuint (json_array_get_length (json_node_get_array (versions)), >=, 3);
          with_plan++;
        }
      else
        assert_one_line_error (&run, 1);
      run_clear (&run);
    }
  g_assert_cmpuint (with_plan, >, 0);
}

/* Copies the profile of tests/data/migration/@fixture into the fixture's folder, with its
 * passphrase (test data only) in the passphrase file. */
static void
copy_migration_fixture (Fixture    *f,
                        const char *fixture,
                        const char *passphrase)
{
  static const char * const files[] = { "profile.ini", "polku.db", NULL };

  for (guint i = 0; files[i] != NULL; i++)
    {
      g_autofree char *from = g_build_filename (MIGRATION_FIXTURES, fixture, files[i], NULL);
      g_autofree char *to = g_build_filename (f->dir, files[i], NULL);
      g_autofree char *contents = NULL;
      gsize length = 0;

      g_assert_true (g_file_get_contents (from, &contents, &length, NULL));
      g_assert_true (g_file_set_contents_full (to, contents, length,
                                               G_FILE_SET_CONTENTS_NONE, 0600, NULL));
    }
  g_assert_true (g_file_set_contents (f->passphrase_file, passphrase, -1, NULL));
}

/* A version saved before schema 7 has no agreed date in its document (the schema-6 fixture;
 * every version of the schema-8 one has its own): plan show --version says the day the plan
 * was first saved, that it is not recorded there, and leaves the document as it was, even
 * after the agreed date has changed since. */
static void
test_version_before_agreed_date (Fixture       *f,
                                 gconstpointer  data)
{
  /* Britt Lindqvist's plan in the fixture: four versions, the first saved 2025-06-04. */
  static const char client[] = "ed904ed2-3122-4021-8839-df06286d187d";
  g_auto(Run) run = { 0 };
  g_autoptr(JsonNode) node = NULL;

  copy_migration_fixture (f, "schema-6", "polku-fixture-6\n");
  CLI (&run, f, NULL, "plan", "show", client, "--version", "1");
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "\nAgreed with the client: 2025-06-04 (not recorded in "
                                     "this version: the day the plan was first saved)\n"));
  run_clear (&run);
  CLI (&run, f, NULL, "plan", "show", client, "--version", "1", "--json");
  g_assert_cmpint (run.status, ==, 0);
  node = parse_out (&run);
  g_assert_false (json_object_has_member (json_node_get_object (node), "agreed_on"));
  g_clear_pointer (&node, json_node_unref);
  run_clear (&run);
  /* The current version (also from before schema 7) shows the plan's, and says so too. */
  CLI (&run, f, NULL, "plan", "show", client);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_true (g_str_has_prefix (run.out, "Plan 78a4f372-3ffc-4567-901b-566946511e74, "
                                            "version 4, "));
  g_assert_nonnull (strstr (run.out, "\nAgreed with the client: 2025-06-04 (not recorded"));
  run_clear (&run);

  /* Agreed on another day since: the old version still says its own, not the new one. */
  CLI (&run, f, "{\"agreed_on\": \"2025-06-10\"}", "plan", "update", client, "--json", "-");
  g_assert_cmpint (run.status, ==, 0);
  run_clear (&run);
  CLI (&run, f, NULL, "plan", "show", client);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "\nAgreed with the client: 2025-06-10\n"));
  run_clear (&run);
  CLI (&run, f, NULL, "plan", "show", client, "--version", "4");
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "\nAgreed with the client: 2025-06-04 (not recorded"));
  run_clear (&run);
}

/* Every version of the schema-8 fixture records its agreed date: shown as it is. */
static void
test_version_agreed_date_recorded (Fixture       *f,
                                   gconstpointer  data)
{
  g_autofree char *passphrase_path = g_build_filename (MIGRATION_FIXTURES, "schema-8",
                                                      "passphrase", NULL);
  g_autofree char *passphrase = NULL;
  g_auto(Run) run = { 0 };

  g_assert_true (g_file_get_contents (passphrase_path, &passphrase, NULL, NULL));
  copy_migration_fixture (f, "schema-8", passphrase);
  CLI (&run, f, NULL, "plan", "show", "0bde8128-09a3-45f7-bf39-4e383b3d2ddf", "--version", "1");
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "\nAgreed with the client: 2026-04-20\n"));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, cli_fixture_setup, func, cli_fixture_teardown)
  ADD ("/cli-plan/usage", test_usage);
  ADD ("/cli-plan/update-show-restore", test_update_show_restore);
  ADD ("/cli-plan/team-and-review", test_team_and_review);
  ADD ("/cli-plan/export-and-new", test_export_and_new);
  ADD ("/cli-plan/demo", test_demo_plans);
  ADD ("/cli-plan/version-before-agreed-date", test_version_before_agreed_date);
  ADD ("/cli-plan/version-agreed-date-recorded", test_version_agreed_date_recorded);
#undef ADD

  return g_test_run ();
}
