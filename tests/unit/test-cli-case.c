/* test-cli-case.c: polku-cli case|signs|consent|team|followups as a script would use them
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

/* "case show CLIENT-ID --json", which must succeed: the parsed answer. */
static JsonNode *
show_case (Fixture    *f,
           const char *id)
{
  g_auto(Run) run = { 0 };

  CLI (&run, f, NULL, "case", "show", id, "--json");
  g_assert_cmpint (run.status, ==, 0);
  return parse_out (&run);
}

/* "GROUP add CLIENT-ID --json -" with @json; returns the id of what was added. */
static char *
add_json (Fixture    *f,
          const char *group,
          const char *client_id,
          const char *json)
{
  g_auto(Run) run = { 0 };
  g_autoptr(JsonNode) root = NULL;

  CLI (&run, f, json, group, "add", client_id, "--json", "-");
  g_assert_cmpint (run.status, ==, 0);
  root = parse_out (&run);
  return g_strdup (json_object_get_string_member (json_node_get_object (root), "id"));
}

static void
test_case_path (Fixture       *f,
                gconstpointer  data)
{
  g_auto(Run) run = { 0 };
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *id = add_client (f);
  g_autofree char *consent_id = NULL;
  g_autofree char *member_id = NULL;
  g_autofree char *followup_id = NULL;
  g_autofree char *week_ago = days_from_today (-7);
  g_autofree char *sign_json = NULL;
  g_autofree char *consent_json = NULL;
  g_autofree char *followup_json = NULL;
  JsonObject *object;

  /* The checklist, from the data. */
  CLI (&run, f, NULL, "signs", "checklist", "--json");
  g_assert_cmpint (run.status, ==, 0);
  root = parse_out (&run);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (
                      json_node_get_object (root), "groups")), ==, 6);
  g_clear_pointer (&root, json_node_unref);
  run_clear (&run);

  /* Identification: one sign proposes the client. */
  sign_json = g_strdup_printf ("{\"group_id\": \"service_use\", \"item_id\": \"no_shows\", "
                               "\"reason\": \"Kolme peruuttamatonta aikaa.\", "
                               "\"flagged_on\": \"%s\", \"source_sector\": \"health\", "
                               "\"service_point\": \"Terveysasema\"}",
                               week_ago);
  CLI (&run, f, sign_json, "signs", "add", id, "--json", "-");
  g_assert_cmpint (run.status, ==, 0);
  run_clear (&run);

  /* The consent gate. */
  CLI (&run, f, NULL, "case", "phase", id, "contacted");
  assert_one_line_error (&run, 1);
  g_assert_nonnull (strstr (run.err, "consent"));
  run_clear (&run);

  /* Two consents: to be contacted (the gate), and to share with named organisations. */
  consent_json = g_strdup_printf ("{\"kind\": \"sharing\", \"given_on\": \"%s\", "
                                  "\"given_by\": \"client\", \"method\": \"electronic\", "
                                  "\"organisations\": [\"county\", \"kela\"], "
                                  "\"parts\": [\"goals\", \"actions\", \"team\"], "
                                  "\"valid_until\": null}", week_ago);
  CLI (&run, f, consent_json, "consent", "add", id, "--json", "-");
  g_assert_cmpint (run.status, ==, 0);
  root = parse_out (&run);
  object = json_node_get_object (root);
  g_assert_cmpstr (json_object_get_string_member (object, "kind"), ==, "sharing");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (object, "parts")), ==,
                    3);
  g_clear_pointer (&root, json_node_unref);
  run_clear (&run);
  /* Sharing alone does not open the gate. */
  CLI (&run, f, NULL, "consent", "check", id, "--contact");
  assert_one_line_error (&run, 1);
  run_clear (&run);
  CLI (&run, f, NULL, "case", "phase", id, "consent", "--date", week_ago);
  assert_one_line_error (&run, 1);
  run_clear (&run);

  g_free (consent_json);
  consent_json = g_strdup_printf ("{\"kind\": \"contact\", \"given_on\": \"%s\", "
                                  "\"given_by\": \"client\", \"method\": \"electronic\", "
                                  "\"valid_until\": null}", week_ago);
  CLI (&run, f, consent_json, "consent", "add", id, "--json", "-");
  g_assert_cmpint (run.status, ==, 0);
  root = parse_out (&run);
  object = json_node_get_object (root);
  consent_id = g_strdup (json_object_get_string_member (object, "id"));
  g_assert_cmpstr (json_object_get_string_member (object, "kind"), ==, "contact");
  g_clear_pointer (&root, json_node_unref);
  run_clear (&run);

  CLI (&run, f, NULL, "consent", "check", id, "--contact");
  g_assert_cmpint (run.status, ==, 0);
  run_clear (&run);
  CLI (&run, f, NULL, "consent", "check", id, "--organisation", "kela", "--part", "goals");
  g_assert_cmpint (run.status, ==, 0);
  run_clear (&run);
  CLI (&run, f, NULL, "consent", "check", id, "--organisation", "employment-services",
       "--part", "goals");
  assert_one_line_error (&run, 1);
  run_clear (&run);
  CLI (&run, f, NULL, "consent", "check", id, "--organisation", "poliisi", "--part", "goals");
  assert_one_line_error (&run, 2);
  g_assert_nonnull (strstr (run.err, "organisations list"));
  run_clear (&run);

  CLI (&run, f, NULL, "case", "phase", id, "consent", "--date", week_ago);
  g_assert_cmpint (run.status, ==, 0);
  run_clear (&run);
  CLI (&run, f, NULL, "case", "phase", id, "contacted");
  g_assert_cmpint (run.status, ==, 0);
  root = parse_out (&run);
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (root), "phase"), ==,
                   "contacted");
  g_clear_pointer (&root, json_node_unref);
  run_clear (&run);

  /* Team with a responsible worker. */
  CLI (&run, f, "{\"person\": \"Sanna Koivisto\", \"role\": \"Asiakasvastaava\", "
                "\"organisation\": \"Hyvinvointialue\", \"sector\": \"social\", "
                "\"responsible\": true}", "team", "add", id, "--json", "-");
  g_assert_cmpint (run.status, ==, 0);
  root = parse_out (&run);
  g_assert_true (json_object_get_boolean_member (json_node_get_object (root), "responsible"));
  g_clear_pointer (&root, json_node_unref);
  run_clear (&run);
  CLI (&run, f, "{\"person\": \"Jukka Rautio\", \"role\": \"Omalääkäri\", "
                "\"organisation\": \"Terveysasema\", \"sector\": \"health\"}",
       "team", "add", id, "--json", "-");
  g_assert_cmpint (run.status, ==, 0);
  root = parse_out (&run);
  member_id = g_strdup (json_object_get_string_member (json_node_get_object (root), "id"));
  g_clear_pointer (&root, json_node_unref);
  run_clear (&run);
  CLI (&run, f, NULL, "team", "set-responsible", member_id);
  g_assert_cmpint (run.status, ==, 0);
  run_clear (&run);

  /* An overdue follow-up shows in the cross-client list. */
  followup_json = g_strdup_printf ("{\"title\": \"Soita asiakkaalle\", \"due_on\": \"%s\"}",
                                   week_ago);
  CLI (&run, f, followup_json, "followups", "add", id, "--json", "-");
  g_assert_cmpint (run.status, ==, 0);
  root = parse_out (&run);
  followup_id = g_strdup (json_object_get_string_member (json_node_get_object (root), "id"));
  g_clear_pointer (&root, json_node_unref);
  run_clear (&run);
  CLI (&run, f, NULL, "followups", "list", "--due", "--json");
  g_assert_cmpint (run.status, ==, 0);
  root = parse_out (&run);
  g_assert_cmpuint (json_array_get_length (json_node_get_array (root)), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (
                     json_array_get_object_element (json_node_get_array (root), 0),
                     "client_name"), ==, "Aino Virtanen");
  g_clear_pointer (&root, json_node_unref);
  run_clear (&run);

  CLI (&run, f, "{\"body\": \"Soittoaika aamupäivisin.\"}", "case", "note", id, "--json", "-");
  g_assert_cmpint (run.status, ==, 0);
  run_clear (&run);

  /* Filters of the client list. */
  CLI (&run, f, NULL, "case", "list", "--responsible", "Jukka Rautio", "--review-due",
       week_ago, "--json");
  g_assert_cmpint (run.status, ==, 0);
  root = parse_out (&run);
  g_assert_cmpuint (json_array_get_length (json_node_get_array (root)), ==, 1);
  g_clear_pointer (&root, json_node_unref);
  run_clear (&run);
  CLI (&run, f, NULL, "case", "list", "--phase", "coordination", "--json");
  root = parse_out (&run);
  g_assert_cmpuint (json_array_get_length (json_node_get_array (root)), ==, 0);
  g_clear_pointer (&root, json_node_unref);
  run_clear (&run);

  /* Withdrawal, then everything in one view. */
  CLI (&run, f, NULL, "followups", "done", followup_id);
  g_assert_cmpint (run.status, ==, 0);
  run_clear (&run);
  CLI (&run, f, NULL, "consent", "withdraw", consent_id);
  g_assert_cmpint (run.status, ==, 0);
  run_clear (&run);

  root = show_case (f, id);
  object = json_node_get_object (root);
  g_assert_true (json_object_get_boolean_member (object, "proposed"));
  g_assert_false (json_object_get_boolean_member (object, "consent_valid"));
  /* set-responsible added Jukka beside Sanna: both are responsible workers. */
  {
    JsonArray *workers = json_object_get_array_member (
      json_object_get_object_member (object, "case"), "responsible_workers");

    g_assert_cmpuint (json_array_get_length (workers), ==, 2);
    g_assert_cmpstr (json_array_get_string_element (workers, 1), ==, "Jukka Rautio");
    g_assert_cmpuint (json_array_get_length (json_object_get_array_member (
                        object, "responsible_workers")), ==, 2);
  }
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (object, "phases")),
                    ==, 3);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (object, "team")), ==,
                    2);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (
                      object, "responsible_history")), ==, 2);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (object, "consents")),
                    ==, 2);
  g_assert_nonnull (json_object_get_string_member (
                      json_array_get_object_element (json_object_get_array_member (object,
                                                                                   "consents"),
                                                     1), "withdrawn_on"));
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (object, "notes")), ==,
                    1);
  g_clear_pointer (&root, json_node_unref);
  run_clear (&run);

  CLI (&run, f, NULL, "case", "show", id);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "Phase: Contacted"));
  g_assert_nonnull (strstr (run.out, "Missed appointments"));
  run_clear (&run);

  /* Reading the case from the command line is in the audit log, and the chain holds. */
  CLI (&run, f, NULL, "audit", "list", id, "--json");
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "\"case.view\""));
  g_assert_nonnull (strstr (run.out, "\"consent.withdraw\""));
  g_assert_null (strstr (run.out, "aamupäivisin"));
  run_clear (&run);
  CLI (&run, f, NULL, "audit", "verify");
  g_assert_cmpint (run.status, ==, 0);
}

/* The dated commands: open a case, retract a sign, a team member leaves; each prints what it
 * changed, and refuses an unknown id with one line. */
static void
test_dated_changes (Fixture       *f,
                    gconstpointer  data)
{
  g_auto(Run) run = { 0 };
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *id = add_client (f);
  g_autofree char *today = days_from_today (0);
  g_autofree char *sign_id = NULL;
  g_autofree char *first_id = NULL;
  g_autofree char *second_id = NULL;
  JsonObject *object;

  CLI (&run, f, NULL, "case", "open", id, "--date", today);
  g_assert_cmpint (run.status, ==, 0);
  root = parse_out (&run);
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (root), "phase"), ==,
                   "identified");
  g_clear_pointer (&root, json_node_unref);
  run_clear (&run);

  sign_id = add_json (f, "signs", id, "{\"group_id\": \"service_use\", "
                      "\"item_id\": \"no_shows\", \"reason\": \"Merkitty vahingossa.\", "
                      "\"source_sector\": \"health\", \"service_point\": \"Terveysasema\"}");

  CLI (&run, f, NULL, "signs", "retract", sign_id);
  g_assert_cmpint (run.status, ==, 0);
  root = parse_out (&run);
  object = json_node_get_object (root);
  g_assert_cmpstr (json_object_get_string_member (object, "retracted_on"), ==, today);
  g_clear_pointer (&root, json_node_unref);
  run_clear (&run);

  /* Two members; both can leave, the responsible one too (stopping being one that day), and
   * no one leaves twice. */
  first_id = add_json (f, "team", id, "{\"person\": \"Sari Salo\", "
                       "\"role\": \"sosiaaliohjaaja\", \"organisation\": \"Hyvinvointialue\", "
                       "\"sector\": \"social\", \"responsible\": true}");
  second_id = add_json (f, "team", id, "{\"person\": \"Tomi Virta\", "
                        "\"role\": \"sairaanhoitaja\", \"organisation\": \"Terveysasema\", "
                        "\"sector\": \"health\"}");

  CLI (&run, f, NULL, "team", "leave", second_id, "--date", today);
  g_assert_cmpint (run.status, ==, 0);
  run_clear (&run);
  CLI (&run, f, NULL, "team", "leave", first_id);
  g_assert_cmpint (run.status, ==, 0);
  root = parse_out (&run);
  g_assert_false (json_object_get_boolean_member (json_node_get_object (root), "responsible"));
  g_clear_pointer (&root, json_node_unref);
  run_clear (&run);
  CLI (&run, f, NULL, "team", "leave", first_id);
  assert_one_line_error (&run, 2);
  run_clear (&run);

  CLI (&run, f, NULL, "signs", "retract", "00000000-0000-4000-8000-000000000000");
  assert_one_line_error (&run, 1);
}

static void
test_bad_input (Fixture       *f,
                gconstpointer  data)
{
  g_auto(Run) run = { 0 };
  g_autofree char *id = add_client (f);
  g_autofree char *dir = g_dir_make_tmp ("polku-test-cli-case-XXXXXX", NULL);
  g_autofree char *checklist = g_build_filename (dir, "county.json", NULL);

  /* Unknown and wrongly typed members, bad JSON, unknown items and phases: exit 2. */
  CLI (&run, f, "{\"group_id\": \"worry\", \"item_id\": \"insufficiency\", \"reasn\": \"x\"}",
       "signs", "add", id, "--json", "-");
  assert_one_line_error (&run, 2);
  g_assert_nonnull (strstr (run.err, "reasn"));
  run_clear (&run);
  CLI (&run, f, "{\"group_id\": \"worry\", \"item_id\": \"nope\", \"reason\": \"x\", "
                "\"source_sector\": \"health\", \"service_point\": \"y\"}", "signs", "add", id,
       "--json", "-");
  assert_one_line_error (&run, 2);
  run_clear (&run);
  CLI (&run, f, "{\"given_on\": 20260101}", "consent", "add", id, "--json", "-");
  assert_one_line_error (&run, 2);
  run_clear (&run);
  CLI (&run, f, "{\"kind\": \"sharing\", \"given_on\": \"2026-01-01\", \"given_by\": "
                "\"client\", \"method\": \"written\", \"organisations\": [\"kela\"], "
                "\"parts\": [\"all\"]}",
       "consent", "add", id, "--json", "-");
  assert_one_line_error (&run, 2);
  g_assert_nonnull (strstr (run.err, "all"));
  run_clear (&run);
  CLI (&run, f, "{\"person\": \"X\", \"role\": \"Y\", \"organisation\": \"Z\", "
                "\"sector\": \"police\"}", "team", "add", id, "--json", "-");
  assert_one_line_error (&run, 2);
  run_clear (&run);
  CLI (&run, f, "{\"title\": \"x\", \"due_on\": \"soon\"}", "followups", "add", id, "--json",
       "-");
  assert_one_line_error (&run, 2);
  run_clear (&run);
  CLI (&run, f, "{\"body\": \"x\"", "case", "note", id, "--json", "-");
  assert_one_line_error (&run, 2);
  run_clear (&run);
  CLI (&run, f, NULL, "case", "phase", id, "somewhere");
  assert_one_line_error (&run, 2);
  run_clear (&run);
  CLI (&run, f, NULL, "case", "phase", id, "closed");
  assert_one_line_error (&run, 2);
  g_assert_nonnull (strstr (run.err, "why"));
  run_clear (&run);
  CLI (&run, f, NULL, "case", "show", "not-an-id");
  assert_one_line_error (&run, 2);
  run_clear (&run);
  CLI (&run, f, NULL, "case", "frobnicate");
  assert_one_line_error (&run, 2);
  run_clear (&run);
  CLI (&run, f, NULL, "followups", "list", "--all");
  assert_one_line_error (&run, 2);
  run_clear (&run);

  /* Failures that are not about the input: exit 1. */
  CLI (&run, f, NULL, "case", "show", "00000000-0000-4000-8000-000000000000");
  assert_one_line_error (&run, 1);
  run_clear (&run);
  CLI (&run, f, NULL, "consent", "withdraw", "00000000-0000-4000-8000-000000000000");
  assert_one_line_error (&run, 1);
  run_clear (&run);

  /* None of it left a case behind. */
  CLI (&run, f, NULL, "case", "list", "--json");
  g_assert_cmpstr (g_strstrip (run.out), ==, "[]");
  run_clear (&run);

  /* A county's checklist file is checked: the error names the file and the field. */
  g_assert_true (g_file_set_contents (checklist, "{\"format\": \"polku-checklist/1\", "
                                      "\"id\": \"x\", \"title\": {\"en\": \"a\"}}", -1, NULL));
  run_cli (&run, f, NULL, "signs", "checklist", "--file", checklist, NULL);
  assert_one_line_error (&run, 2);
  g_assert_nonnull (strstr (run.err, "county.json: title.fi"));
  g_unlink (checklist);
  g_rmdir (dir);
}

/* Runs a list command with --json; returns the length of the array it printed. */
static guint
list_length (Fixture    *f,
             const char *group,
             const char *command,
             const char *id,
             const char *option)
{
  g_auto(Run) run = { 0 };
  g_autoptr(JsonNode) root = NULL;

  if (option != NULL)
    CLI (&run, f, NULL, group, command, id, option, "--json");
  else
    CLI (&run, f, NULL, group, command, id, "--json");
  g_assert_cmpint (run.status, ==, 0);
  root = parse_out (&run);
  g_assert_true (JSON_NODE_HOLDS_ARRAY (root));
  return json_array_get_length (json_node_get_array (root));
}

/* The lists of one client (signs, consents, team, responsible workers) as JSON and as text,
 * and the review date of the case. */
static void
test_lists (Fixture       *f,
            gconstpointer  data)
{
  g_auto(Run) run = { 0 };
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *id = add_client (f);
  g_autofree char *today = days_from_today (0);
  g_autofree char *consent_json = NULL;
  g_autofree char *sign_id = NULL;

  sign_id = add_json (f, "signs", id, "{\"group_id\": \"service_use\", "
                      "\"item_id\": \"no_shows\", \"reason\": \"x\", "
                      "\"source_sector\": \"social\", \"service_point\": \"Terveysasema\"}");
  g_assert_cmpuint (list_length (f, "signs", "list", id, NULL), ==, 1);
  CLI (&run, f, NULL, "signs", "retract", sign_id);
  g_assert_cmpint (run.status, ==, 0);
  run_clear (&run);
  g_assert_cmpuint (list_length (f, "signs", "list", id, NULL), ==, 0);
  CLI (&run, f, NULL, "signs", "list", id, "--all");
  g_assert_cmpint (run.status, ==, 0);
  g_assert_true (g_str_has_prefix (run.out, sign_id));
  g_assert_nonnull (strstr (run.out, "(retracted)"));
  run_clear (&run);

  consent_json = g_strdup_printf ("{\"kind\": \"sharing\", \"given_on\": \"%s\", "
                                  "\"given_by\": \"client\", \"method\": \"written\", "
                                  "\"organisations\": [\"kela\"], \"parts\": [\"goals\"]}",
                                  today);
  g_free (add_json (f, "consent", id, consent_json));
  g_assert_cmpuint (list_length (f, "consent", "list", id, NULL), ==, 1);
  CLI (&run, f, NULL, "consent", "list", id);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "\tsharing\t"));
  g_assert_nonnull (strstr (run.out, "\twritten\t-\t-\tSocial Insurance Institution (Kela)"
                                     "\tgoals\n"));
  run_clear (&run);

  g_free (add_json (f, "team", id, "{\"person\": \"Sari Salo\", "
                    "\"role\": \"sosiaaliohjaaja\", \"organisation\": \"Hyvinvointialue\", "
                    "\"sector\": \"social\", \"responsible\": true}"));
  g_assert_cmpuint (list_length (f, "team", "list", id, "--all"), ==, 1);
  CLI (&run, f, NULL, "team", "list", id);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "\tSari Salo\tsosiaaliohjaaja\tHyvinvointialue\tsocial\t"
                                     "(responsible worker)\n"));
  run_clear (&run);
  CLI (&run, f, NULL, "team", "history", id);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_true (g_str_has_prefix (run.out, "responsible\t"));
  g_assert_nonnull (strstr (run.out, today));
  g_assert_nonnull (strstr (run.out, "\t-\tSari Salo\t"));
  run_clear (&run);

  CLI (&run, f, NULL, "case", "review", id, "2031-05-04");
  g_assert_cmpint (run.status, ==, 0);
  root = parse_out (&run);
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (root), "review_on"), ==,
                   "2031-05-04");
  g_clear_pointer (&root, json_node_unref);
  run_clear (&run);
  CLI (&run, f, NULL, "case", "review", id, "none");
  g_assert_cmpint (run.status, ==, 0);
  root = parse_out (&run);
  g_assert_true (json_object_get_null_member (json_node_get_object (root), "review_on"));
  g_clear_pointer (&root, json_node_unref);
  run_clear (&run);
  CLI (&run, f, NULL, "case", "review", id);
  assert_one_line_error (&run, 2);
  run_clear (&run);
  CLI (&run, f, NULL, "team", "list", "x");
  assert_one_line_error (&run, 2);
}

/* case list shows every client's case and responsible worker: the list is recorded in the
 * audit log. */
static void
test_case_list_audited (Fixture       *f,
                        gconstpointer  data)
{
  g_auto(Run) run = { 0 };
  g_autofree char *id = add_client (f);

  CLI (&run, f, NULL, "case", "open", id);
  g_assert_cmpint (run.status, ==, 0);
  run_clear (&run);
  CLI (&run, f, NULL, "audit", "list", "--json");
  g_assert_cmpint (run.status, ==, 0);
  g_assert_null (strstr (run.out, "\"case.list\""));
  run_clear (&run);

  CLI (&run, f, NULL, "case", "list", "--phase", "identified");
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, id));
  run_clear (&run);
  CLI (&run, f, NULL, "audit", "list", "--json");
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "\"action\" : \"case.list\""));
  g_assert_nonnull (strstr (run.out, "\"detail\" : \"cli=case.list\""));
  g_assert_null (strstr (run.out, "Virtanen"));
}

/* Where a client comes from is coded, the client or a relative may flag; closing takes a
 * coded reason; the reason's words come in JSON, never on the command line. */
static void
test_sources_and_closing (Fixture       *f,
                          gconstpointer  data)
{
  g_auto(Run) run = { 0 };
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *id = add_client (f);
  g_autofree char *dir = g_dir_make_tmp ("polku-test-cli-case-XXXXXX", NULL);
  g_autofree char *county = g_build_filename (dir, "reasons.json", NULL);
  JsonObject *object;
  JsonObject *kase;
  JsonArray *array;

  /* The list, from the data; a county's file is checked. */
  CLI (&run, f, NULL, "case", "closing-reasons", "--json");
  g_assert_cmpint (run.status, ==, 0);
  root = parse_out (&run);
  array = json_object_get_array_member (json_node_get_object (root), "reasons");
  g_assert_cmpuint (json_array_get_length (array), ==, 6);
  object = json_array_get_object_element (array, 5);
  g_assert_cmpstr (json_object_get_string_member (object, "id"), ==, "other");
  g_assert_true (json_object_get_boolean_member (object, "text_required"));
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (object,
                                                                                 "label"),
                                                  "fi"), ==, "Muu syy");
  g_clear_pointer (&root, json_node_unref);
  run_clear (&run);
  CLI (&run, f, NULL, "case", "closing-reasons");
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "goals_reached\tThe goals of the plan were reached\n"));
  g_assert_nonnull (strstr (run.out, "other\tOther reason\t(needs words)\n"));
  run_clear (&run);
  g_assert_true (g_file_set_contents (county, "{\"format\": \"polku-closing-reasons/1\", "
                                      "\"id\": \"x\", \"title\": {\"en\": \"a\", \"fi\": \"b\", "
                                      "\"sv\": \"c\"}, \"reasons\": [{\"id\": \"done\", "
                                      "\"label\": {\"en\": \"a\", \"fi\": \"b\"}}]}", -1, NULL));
  run_cli (&run, f, NULL, "case", "closing-reasons", "--file", county, NULL);
  assert_one_line_error (&run, 2);
  g_assert_nonnull (strstr (run.err, "reasons.json: reasons[0].label.sv"));
  run_clear (&run);
  g_unlink (county);
  g_rmdir (dir);

  /* Sources: required and coded; the client themself needs no unit or person. */
  CLI (&run, f, "{\"group_id\": \"worry\", \"item_id\": \"client_situation\", "
                "\"reason\": \"x\", \"service_point\": \"y\"}", "signs", "add", id, "--json", "-");
  assert_one_line_error (&run, 2);
  g_assert_nonnull (strstr (run.err, "source_sector"));
  run_clear (&run);
  CLI (&run, f, "{\"group_id\": \"worry\", \"item_id\": \"client_situation\", "
                "\"reason\": \"x\", \"source_sector\": \"police\", \"service_point\": \"y\"}",
       "signs", "add", id, "--json", "-");
  assert_one_line_error (&run, 2);
  g_assert_nonnull (strstr (run.err, "police"));
  run_clear (&run);
  CLI (&run, f, "{\"group_id\": \"worry\", \"item_id\": \"client_situation\", "
                "\"reason\": \"x\", \"source_sector\": \"health\"}",
       "signs", "add", id, "--json", "-");
  assert_one_line_error (&run, 2);
  g_assert_nonnull (strstr (run.err, "unit"));
  run_clear (&run);
  CLI (&run, f, "{\"group_id\": \"service_use\", \"item_id\": \"needs_but_not_using\", "
                "\"reason\": \"Kertoi itse, ettei käy hammaslääkärissä.\", "
                "\"source_sector\": \"client\"}", "signs", "add", id, "--json", "-");
  g_assert_cmpint (run.status, ==, 0);
  root = parse_out (&run);
  object = json_node_get_object (root);
  g_assert_cmpstr (json_object_get_string_member (object, "source_sector"), ==, "client");
  g_assert_true (json_object_get_null_member (object, "service_point"));
  g_assert_true (json_object_get_null_member (object, "flagged_by"));
  g_clear_pointer (&root, json_node_unref);
  run_clear (&run);
  CLI (&run, f, NULL, "signs", "list", id);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "\tThe client themself\n"));
  run_clear (&run);

  /* --reason is refused, whatever the phase: nothing changes. */
  CLI (&run, f, NULL, "case", "phase", id, "closed", "--reason-code", "other", "--reason",
       "Salainen syy");
  assert_one_line_error (&run, 2);
  g_assert_nonnull (strstr (run.err, "--json"));
  run_clear (&run);
  /* No code, an unknown code, "other" without words, a code when not closing, bad JSON. */
  CLI (&run, f, "{\"reason\": \"Tavoitteet saavutettu.\"}", "case", "phase", id, "closed",
       "--json", "-");
  assert_one_line_error (&run, 2);
  run_clear (&run);
  CLI (&run, f, NULL, "case", "phase", id, "closed", "--reason-code", "bored");
  assert_one_line_error (&run, 2);
  g_assert_nonnull (strstr (run.err, "goals_reached"));
  run_clear (&run);
  CLI (&run, f, NULL, "case", "phase", id, "closed", "--reason-code", "other");
  assert_one_line_error (&run, 2);
  run_clear (&run);
  CLI (&run, f, NULL, "case", "phase", id, "identified", "--reason-code", "died");
  assert_one_line_error (&run, 2);
  run_clear (&run);
  CLI (&run, f, "{\"reasn\": \"x\"}", "case", "phase", id, "closed", "--reason-code",
       "other", "--json", "-");
  assert_one_line_error (&run, 2);
  g_assert_nonnull (strstr (run.err, "reason"));
  run_clear (&run);
  root = show_case (f, id);
  kase = json_object_get_object_member (json_node_get_object (root), "case");
  g_assert_cmpstr (json_object_get_string_member (kase, "phase"), ==, "identified");
  g_clear_pointer (&root, json_node_unref);
  run_clear (&run);

  /* "other" with its words from JSON. */
  CLI (&run, f, "{\"reason\": \"Siirtyi palveluasumiseen.\"}", "case", "phase", id, "closed",
       "--reason-code", "other", "--json", "-");
  g_assert_cmpint (run.status, ==, 0);
  root = parse_out (&run);
  object = json_node_get_object (root);
  g_assert_cmpstr (json_object_get_string_member (object, "closed_code"), ==, "other");
  g_assert_cmpstr (json_object_get_string_member (object, "closed_reason"), ==,
                   "Siirtyi palveluasumiseen.");
  g_clear_pointer (&root, json_node_unref);
  run_clear (&run);
  CLI (&run, f, "{\"reason\": \"Palasi alueelle.\"}", "case", "phase", id, "identified",
       "--json", "-");
  g_assert_cmpint (run.status, ==, 0);
  run_clear (&run);

  /* A code alone: closed_reason is null, not the code again. */
  CLI (&run, f, NULL, "case", "phase", id, "closed", "--reason-code", "moved_away");
  g_assert_cmpint (run.status, ==, 0);
  run_clear (&run);
  root = show_case (f, id);
  object = json_node_get_object (root);
  kase = json_object_get_object_member (object, "case");
  g_assert_cmpstr (json_object_get_string_member (kase, "closed_code"), ==, "moved_away");
  g_assert_true (json_object_get_null_member (kase, "closed_reason"));
  array = json_object_get_array_member (object, "phases");
  g_assert_cmpuint (json_array_get_length (array), ==, 4);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (array, 3),
                                                  "reason_code"), ==, "moved_away");
  g_assert_true (json_object_get_null_member (json_array_get_object_element (array, 3),
                                              "reason"));
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (array, 2),
                                                  "reason"), ==, "Palasi alueelle.");
  g_clear_pointer (&root, json_node_unref);
  run_clear (&run);
  CLI (&run, f, NULL, "case", "show", id);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "Closed: Moved away from the area\n"));
  g_assert_nonnull (strstr (run.out, "The client themself"));
  run_clear (&run);

  /* The words are in the store, never in the audit log. */
  CLI (&run, f, NULL, "audit", "list", id, "--json");
  g_assert_cmpint (run.status, ==, 0);
  g_assert_null (strstr (run.out, "palveluasumiseen"));
  g_assert_null (strstr (run.out, "Salainen"));
}

/* Closing a case ends its coordinator's period, audited; reopening names no one again. */
static void
test_closing_ends_coordinator (Fixture       *f,
                               gconstpointer  data)
{
  g_auto(Run) run = { 0 };
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *id = add_client (f);
  g_autofree char *week_ago = days_from_today (-7);
  g_autofree char *today = days_from_today (0);
  g_autofree char *ended = NULL;
  JsonObject *object;
  JsonArray *array;

  CLI (&run, f, NULL, "case", "open", id, "--date", week_ago);
  g_assert_cmpint (run.status, ==, 0);
  run_clear (&run);
  CLI (&run, f, NULL, "--as", "Sari Salo", "case", "coordinator", id, "me", "--date", week_ago);
  g_assert_cmpint (run.status, ==, 0);
  run_clear (&run);
  CLI (&run, f, NULL, "--as", "Sari Salo", "case", "list", "--mine", "--json");
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, id));
  run_clear (&run);

  CLI (&run, f, NULL, "case", "phase", id, "closed", "--reason-code", "moved_away");
  g_assert_cmpint (run.status, ==, 0);
  run_clear (&run);
  root = show_case (f, id);
  object = json_node_get_object (root);
  g_assert_true (json_object_get_null_member (json_object_get_object_member (object, "case"),
                                              "coordinator"));
  array = json_object_get_array_member (object, "coordinator_history");
  g_assert_cmpuint (json_array_get_length (array), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (array, 0),
                                                  "ended_on"), ==, today);
  ended = g_strdup_printf ("ended=%s phase=closed",
                           json_object_get_string_member (
                             json_array_get_object_element (array, 0), "id"));
  g_clear_pointer (&root, json_node_unref);
  run_clear (&run);
  CLI (&run, f, NULL, "audit", "list", id, "--json");
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, ended));
  run_clear (&run);
  CLI (&run, f, NULL, "--as", "Sari Salo", "case", "list", "--mine", "--json");
  g_assert_cmpint (run.status, ==, 0);
  g_assert_null (strstr (run.out, id));
  run_clear (&run);

  /* Reopened: no coordinator again; the client waits in the queue. */
  CLI (&run, f, NULL, "case", "phase", id, "identified");
  g_assert_cmpint (run.status, ==, 0);
  run_clear (&run);
  root = show_case (f, id);
  g_assert_true (json_object_get_null_member (
                   json_object_get_object_member (json_node_get_object (root), "case"),
                   "coordinator"));
  g_clear_pointer (&root, json_node_unref);
  run_clear (&run);
  CLI (&run, f, NULL, "case", "queue", "--json");
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, id));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_unsetenv ("POLKU_CHECKLIST");
  g_unsetenv ("POLKU_CLOSING_REASONS");

  g_test_add ("/cli-case/path", Fixture, NULL, cli_fixture_setup, test_case_path,
              cli_fixture_teardown);
  g_test_add ("/cli-case/dated-changes", Fixture, NULL, cli_fixture_setup, test_dated_changes,
              cli_fixture_teardown);
  g_test_add ("/cli-case/bad-input", Fixture, NULL, cli_fixture_setup, test_bad_input,
              cli_fixture_teardown);
  g_test_add ("/cli-case/lists", Fixture, NULL, cli_fixture_setup, test_lists,
              cli_fixture_teardown);
  g_test_add ("/cli-case/list-audited", Fixture, NULL, cli_fixture_setup,
              test_case_list_audited, cli_fixture_teardown);
  g_test_add ("/cli-case/closing-ends-coordinator", Fixture, NULL, cli_fixture_setup,
              test_closing_ends_coordinator, cli_fixture_teardown);
  g_test_add ("/cli-case/sources-and-closing", Fixture, NULL, cli_fixture_setup,
              test_sources_and_closing, cli_fixture_teardown);
  return g_test_run ();
}
