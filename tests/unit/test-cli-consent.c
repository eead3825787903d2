/* test-cli-consent.c: polku-cli organisations, the two consents, and the exports that name
 * their receiver (plan export, assessment export) as a script would use them
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
  g_autoptr(JsonNode) root = NULL;

  CLI (&run, f, "{\"given_name\": \"Aino\", \"family_name\": \"Virtanen\"}", "clients", "add",
       "--json", "-");
  g_assert_cmpint (run.status, ==, 0);
  root = parse_out (&run);
  return g_strdup (json_object_get_string_member (json_node_get_object (root), "id"));
}

static void
add_consent_json (Fixture    *f,
                  const char *id,
                  const char *json)
{
  g_auto(Run) run = { 0 };

  CLI (&run, f, json, "consent", "add", id, "--json", "-");
  g_assert_cmpstr (run.err, ==, "");
  g_assert_cmpint (run.status, ==, 0);
}

/* The audit entries of @id with @action, as "detail" lines. */
static char *
audit_details (Fixture    *f,
               const char *id,
               const char *action)
{
  g_auto(Run) run = { 0 };
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GString) details = g_string_new (NULL);
  JsonArray *entries;

  CLI (&run, f, NULL, "audit", "list", id, "--json");
  g_assert_cmpint (run.status, ==, 0);
  root = parse_out (&run);
  entries = json_node_get_array (root);
  for (guint i = 0; i < json_array_get_length (entries); i++)
    {
      JsonObject *entry = json_array_get_object_element (entries, i);

      if (g_strcmp0 (json_object_get_string_member (entry, "action"), action) == 0)
        g_string_append_printf (details, "%s\n",
                                json_object_get_string_member (entry, "detail"));
    }
  return g_string_free (g_steal_pointer (&details), FALSE);
}

static void
test_organisations_list (Fixture       *f,
                         gconstpointer  data)
{
  g_auto(Run) run = { 0 };
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *bad = g_build_filename (f->dir, "organisations.json", NULL);
  g_autofree char *good = g_build_filename (f->dir, "good.json", NULL);
  JsonObject *first;

  CLI (&run, f, NULL, "organisations", "list", "--json");
  g_assert_cmpint (run.status, ==, 0);
  root = parse_out (&run);
  g_assert_cmpuint (json_array_get_length (json_node_get_array (root)), >=, 10);
  first = json_array_get_object_element (json_node_get_array (root), 0);
  g_assert_cmpstr (json_object_get_string_member (first, "id"), ==, "county");
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (first,
                                                                                "names"),
                                                  "sv"), ==, "Välfärdsområdet");
  run_clear (&run);

  CLI (&run, f, NULL, "organisations", "list");
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "kela\tSocial Insurance Institution (Kela)\tOther\t-\n"));
  run_clear (&run);

  /* A county's file is checked before it is put in place. */
  g_assert_true (g_file_set_contents (bad, "{\"format\": \"polku-organisations\", \"version\": 1,"
                                      " \"organisations\": [{\"id\": \"a\", \"names\": {\"fi\":"
                                      " \"A\", \"sv\": \"A\"}, \"sector\": \"health\"}]}", -1,
                                      NULL));
  CLI (&run, f, NULL, "organisations", "list", "--file", bad);
  assert_one_line_error (&run, 2);
  g_assert_nonnull (strstr (run.err, "organisations[0].names.en"));
  run_clear (&run);
  g_assert_true (g_file_set_contents (good, "{\"format\": \"polku-organisations\", \"version\":"
                                      " 1, \"organisations\": [{\"id\": \"a\", \"names\":"
                                      " {\"fi\": \"A\", \"sv\": \"A\", \"en\": \"A\"},"
                                      " \"sector\": \"health\"}]}", -1, NULL));
  CLI (&run, f, NULL, "organisations", "list", "--file", good);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (run.out, ==, "a\tA\tHealth care\t-\n");
  run_clear (&run);
  CLI (&run, f, NULL, "organisations", "list", "--file");
  assert_one_line_error (&run, 2);
}

static void
test_consents (Fixture       *f,
               gconstpointer  data)
{
  g_auto(Run) run = { 0 };
  g_autofree char *id = add_client (f);
  g_autofree char *county = g_build_filename (f->dir, "county.json", NULL);

  /* Kind is required; organisations by id; a consent to contact names none. */
  CLI (&run, f, "{\"given_on\": \"2026-01-01\", \"given_by\": \"client\", \"method\": "
                "\"written\"}", "consent", "add", id, "--json", "-");
  assert_one_line_error (&run, 2);
  g_assert_nonnull (strstr (run.err, "\"contact\""));
  run_clear (&run);
  CLI (&run, f, "{\"kind\": \"contact\", \"given_on\": \"2026-01-01\", \"given_by\": "
                "\"client\", \"method\": \"written\", \"organisations\": [\"kela\"]}",
       "consent", "add", id, "--json", "-");
  assert_one_line_error (&run, 2);
  run_clear (&run);
  CLI (&run, f, "{\"kind\": \"sharing\", \"given_on\": \"2026-01-01\", \"given_by\": "
                "\"client\", \"method\": \"written\", \"organisations\": [\"poliisi\"], "
                "\"parts\": [\"goals\"]}", "consent", "add", id, "--json", "-");
  assert_one_line_error (&run, 2);
  g_assert_nonnull (strstr (run.err, "polku-cli organisations list"));
  run_clear (&run);
  CLI (&run, f, NULL, "consent", "list", id, "--json");
  g_assert_cmpstr (run.out, ==, "[]\n");
  run_clear (&run);

  add_consent_json (f, id, "{\"kind\": \"contact\", \"given_on\": \"2026-01-01\", "
                    "\"given_by\": \"client\", \"method\": \"oral\"}");
  add_consent_json (f, id, "{\"kind\": \"sharing\", \"given_on\": \"2026-01-01\", "
                    "\"given_by\": \"client\", \"method\": \"written\", \"organisations\": "
                    "[\"kela\", \"tukipilari\"], \"parts\": [\"goals\", \"measures\"]}");

  CLI (&run, f, NULL, "consent", "list", id);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "\tcontact\t2026-01-01\toral\t-\t-\n"));
  g_assert_nonnull (strstr (run.out, "\tsharing\t2026-01-01\twritten\t-\t-\tSocial Insurance "
                                     "Institution (Kela), Tukipilari mental health association"
                                     "\tgoals,measures\n"));
  run_clear (&run);

  /* A county whose list lacks them: shown as stored, with a note. */
  g_assert_true (g_file_set_contents (county, "{\"format\": \"polku-organisations\", "
                                      "\"version\": 1, \"organisations\": [{\"id\": \"kela\","
                                      " \"names\": {\"fi\": \"Kela\", \"sv\": \"FPA\", \"en\":"
                                      " \"Kela\"}, \"sector\": \"other\"}]}", -1, NULL));
  g_setenv ("POLKU_ORGANISATIONS", county, TRUE);
  CLI (&run, f, NULL, "consent", "list", id);
  g_unsetenv ("POLKU_ORGANISATIONS");
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "\tKela, tukipilari (not in the county’s list)\t"));
  run_clear (&run);

  /* Checks: exactly one question, exit 0 yes, 1 no, 2 a wrong question. */
  CLI (&run, f, NULL, "consent", "check", id, "--contact");
  g_assert_cmpint (run.status, ==, 0);
  run_clear (&run);
  CLI (&run, f, NULL, "consent", "check", id, "--contact", "--date", "2025-12-31");
  assert_one_line_error (&run, 1);
  run_clear (&run);
  CLI (&run, f, NULL, "consent", "check", id, "--organisation", "tukipilari", "--part",
       "measures");
  g_assert_cmpint (run.status, ==, 0);
  run_clear (&run);
  CLI (&run, f, NULL, "consent", "check", id, "--organisation", "tukipilari", "--part", "team");
  assert_one_line_error (&run, 1);
  run_clear (&run);
  CLI (&run, f, NULL, "consent", "check", id);
  assert_one_line_error (&run, 2);
  run_clear (&run);
  CLI (&run, f, NULL, "consent", "check", id, "--organisation", "kela");
  assert_one_line_error (&run, 2);
  run_clear (&run);
  CLI (&run, f, NULL, "consent", "check", id, "--contact", "--part", "goals");
  assert_one_line_error (&run, 2);
}

static const char assessment[] =
  "{\"instrument\": \"whoqol-bref\", \"date\": \"2025-02-01\", \"role\": \"baseline\", "
  "\"plan_id\": null, \"answers\": {\"1\": 4, \"2\": 3, \"3\": 2, \"4\": 2, \"5\": 3, "
  "\"6\": 4, \"7\": 3, \"8\": 4, \"9\": 4, \"10\": 3, \"11\": 4, \"12\": 2, \"13\": 4, "
  "\"14\": 3, \"15\": 4, \"16\": 3, \"17\": 3, \"18\": 3, \"19\": 4, \"20\": 4, \"21\": 3, "
  "\"22\": 4, \"23\": 4, \"24\": 4, \"25\": 3, \"26\": 2}}";

static void
test_exports (Fixture       *f,
              gconstpointer  data)
{
  g_auto(Run) run = { 0 };
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *id = add_client (f);
  g_autofree char *details = NULL;
  JsonObject *tag;

  CLI (&run, f, NULL, "plan", "new", id, "--template", "finances-housing");
  g_assert_cmpint (run.status, ==, 0);
  run_clear (&run);
  CLI (&run, f, assessment, "assessment", "add", id, "--json", "-");
  g_assert_cmpint (run.status, ==, 0);
  run_clear (&run);

  /* Exactly one of --to and --own-use. */
  CLI (&run, f, NULL, "plan", "export", id, "--fhir");
  assert_one_line_error (&run, 2);
  g_assert_nonnull (strstr (run.err, "--own-use"));
  run_clear (&run);
  CLI (&run, f, NULL, "plan", "export", id, "--fhir", "--to", "kela", "--own-use");
  assert_one_line_error (&run, 2);
  run_clear (&run);
  CLI (&run, f, NULL, "plan", "export", id, "--fhir", "--to", "poliisi");
  assert_one_line_error (&run, 2);
  g_assert_nonnull (strstr (run.err, "organisations list"));
  run_clear (&run);
  CLI (&run, f, NULL, "assessment", "export", id, "--csv");
  assert_one_line_error (&run, 2);
  run_clear (&run);
  CLI (&run, f, NULL, "assessment", "list", id, "--own-use");
  assert_one_line_error (&run, 2);
  run_clear (&run);

  /* Without a sharing consent for Kela: refused, nothing printed, nothing logged as sent. */
  CLI (&run, f, NULL, "plan", "export", id, "--fhir", "--to", "kela");
  assert_one_line_error (&run, 1);
  g_assert_nonnull (strstr (run.err, "Nothing was exported"));
  g_assert_cmpstr (run.out, ==, "");
  run_clear (&run);
  CLI (&run, f, NULL, "assessment", "export", id, "--fhir", "--to", "kela");
  assert_one_line_error (&run, 1);
  g_assert_cmpstr (run.out, ==, "");
  run_clear (&run);
  CLI (&run, f, NULL, "assessment", "list", id, "--csv", "--to", "kela");
  assert_one_line_error (&run, 1);
  run_clear (&run);

  /* A consent to contact shares nothing; one for Kela that lacks the team does not let the
   * plan's bundle (which carries the team) go; the measures it covers do. */
  add_consent_json (f, id, "{\"kind\": \"contact\", \"given_on\": \"2026-01-01\", "
                    "\"given_by\": \"client\", \"method\": \"oral\"}");
  add_consent_json (f, id, "{\"kind\": \"sharing\", \"given_on\": \"2026-01-01\", "
                    "\"given_by\": \"client\", \"method\": \"written\", \"organisations\": "
                    "[\"kela\"], \"parts\": [\"goals\", \"actions\", \"client_view\", "
                    "\"measures\"]}");
  CLI (&run, f, NULL, "plan", "export", id, "--fhir", "--to", "kela");
  assert_one_line_error (&run, 1);
  g_assert_nonnull (strstr (run.err, "Team"));
  g_assert_cmpstr (run.out, ==, "");
  run_clear (&run);
  CLI (&run, f, NULL, "assessment", "export", id, "--csv", "--to", "kela");
  g_assert_cmpint (run.status, ==, 0);
  g_assert_true (g_str_has_prefix (run.out, "assessment_id,client_id,"));
  run_clear (&run);
  CLI (&run, f, NULL, "assessment", "export", id, "--csv", "--to", "tukipilari");
  assert_one_line_error (&run, 1);
  run_clear (&run);

  add_consent_json (f, id, "{\"kind\": \"sharing\", \"given_on\": \"2026-01-02\", "
                    "\"given_by\": \"client\", \"method\": \"written\", \"organisations\": "
                    "[\"kela\"], \"parts\": [\"team\"]}");
  CLI (&run, f, NULL, "plan", "export", id, "--fhir", "--to", "kela");
  g_assert_cmpint (run.status, ==, 0);
  root = parse_out (&run);
  tag = json_array_get_object_element (json_object_get_array_member (
                                         json_object_get_object_member (
                                           json_node_get_object (root), "meta"), "tag"), 0);
  g_assert_cmpstr (json_object_get_string_member (tag, "code"), ==, "kela");
  g_clear_pointer (&root, json_node_unref);
  run_clear (&run);

  /* Own use: no sharing consent needed; the output says so. */
  CLI (&run, f, NULL, "assessment", "export", id, "--fhir", "--own-use");
  g_assert_cmpint (run.status, ==, 0);
  root = parse_out (&run);
  tag = json_array_get_object_element (json_object_get_array_member (
                                         json_object_get_object_member (
                                           json_node_get_object (root), "meta"), "tag"), 0);
  g_assert_cmpstr (json_object_get_string_member (tag, "code"), ==, "own-use");
  run_clear (&run);

  /* Every export in the log: receiver (or own use), parts, what. */
  details = audit_details (f, id, "plan.export");
  g_assert_nonnull (strstr (details, "to=kela parts=goals,actions,team plan="));
  g_assert_nonnull (strstr (details, "format=fhir"));
  g_assert_null (strchr (details, '\n') != strrchr (details, '\n') ? "" : NULL);
  g_clear_pointer (&details, g_free);
  details = audit_details (f, id, "assessment.export");
  g_assert_nonnull (strstr (details, "to=own-use parts=measures instrument=all format=fhir\n"));
  g_assert_nonnull (strstr (details, "to=kela parts=measures instrument=whoqol-bref "
                                     "format=csv\n"));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, cli_fixture_setup, func, cli_fixture_teardown)
  ADD ("/cli-consent/organisations-list", test_organisations_list);
  ADD ("/cli-consent/consents", test_consents);
  ADD ("/cli-consent/exports", test_exports);
#undef ADD
  return g_test_run ();
}
