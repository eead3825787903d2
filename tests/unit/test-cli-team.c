/* test-cli-team.c: polku-cli case coordinator|queue|list --coordinator|--mine and team
 * set-responsible|unset-responsible|leave|history, as a script would use them
 *
 * Copyright 2026 The Polku authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "cli-test-helpers.h"

/* polku-cli as the worker @actor (--as). */
#define CLI_AS(run, f, actor, ...) \
  run_cli ((run), (f), NULL, "--passphrase-file", (f)->passphrase_file, "--as", (actor), \
           __VA_ARGS__, NULL)

static char *
add_client (Fixture    *f,
            const char *given)
{
  g_auto(Run) run = { 0 };
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *json = g_strdup_printf ("{\"given_name\": \"%s\", \"family_name\": "
                                           "\"Virtanen\"}", given);

  CLI (&run, f, json, "clients", "add", "--json", "-");
  g_assert_cmpint (run.status, ==, 0);
  root = parse_out (&run);
  return g_strdup (json_object_get_string_member (json_node_get_object (root), "id"));
}

static JsonNode *
run_json (Fixture    *f,
          const char *actor,
          ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_auto(Run) run = { 0 };
  const char *arg;
  va_list args;

  g_ptr_array_add (argv, (char *) "--passphrase-file");
  g_ptr_array_add (argv, f->passphrase_file);
  g_ptr_array_add (argv, (char *) "--as");
  g_ptr_array_add (argv, (char *) actor);
  va_start (args, actor);
  while ((arg = va_arg (args, const char *)) != NULL)
    g_ptr_array_add (argv, (char *) arg);
  va_end (args);
  g_assert_cmpuint (argv->len, <=, 12);
  g_ptr_array_set_size (argv, 12);
  run_cli (&run, f, NULL, argv->pdata[0], argv->pdata[1], argv->pdata[2], argv->pdata[3],
           argv->pdata[4], argv->pdata[5], argv->pdata[6], argv->pdata[7], argv->pdata[8],
           argv->pdata[9], argv->pdata[10], argv->pdata[11], NULL);
  g_assert_cmpstr (run.err, ==, "");
  g_assert_cmpint (run.status, ==, 0);
  return parse_out (&run);
}

static guint
array_length (JsonNode *root)
{
  g_assert_true (JSON_NODE_HOLDS_ARRAY (root));
  return json_array_get_length (json_node_get_array (root));
}

static void
test_coordinator (Fixture       *f,
                  gconstpointer  data)
{
  g_auto(Run) run = { 0 };
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *aino = add_client (f, "Aino");
  g_autofree char *bo = add_client (f, "Bo");
  g_autofree char *tomorrow = days_from_today (1);
  g_autofree char *week_ago = days_from_today (-7);
  g_autofree char *today = days_from_today (0);
  JsonObject *object;

  /* No case yet: nothing to coordinate (1); a wrong command line (2). */
  CLI_AS (&run, f, "Sari Salo", "case", "coordinator", aino, "me");
  assert_one_line_error (&run, 1);
  CLI_AS (&run, f, "Sari Salo", "case", "coordinator", "not-an-id", "me");
  assert_one_line_error (&run, 2);
  CLI_AS (&run, f, "Sari Salo", "case", "coordinator", aino);
  assert_one_line_error (&run, 2);

  CLI (&run, f, NULL, "case", "open", aino, "--date", week_ago);
  g_assert_cmpint (run.status, ==, 0);
  CLI (&run, f, NULL, "case", "open", bo, "--date", week_ago);
  g_assert_cmpint (run.status, ==, 0);

  /* "me" is whoever works (--as). */
  root = run_json (f, "Sari Salo", "case", "coordinator", aino, "me", "--date", week_ago, NULL);
  object = json_node_get_object (root);
  g_assert_cmpstr (json_object_get_string_member (object, "person"), ==, "Sari Salo");
  g_assert_cmpstr (json_object_get_string_member (object, "started_on"), ==, week_ago);
  g_assert_true (json_object_get_null_member (object, "ended_on"));
  g_clear_pointer (&root, json_node_unref);

  /* The same person again, a date in the future: bad input, nothing changed. */
  CLI_AS (&run, f, "Sari Salo", "case", "coordinator", aino, "Sari Salo");
  assert_one_line_error (&run, 2);
  g_assert_nonnull (strstr (run.err, "Nothing was changed"));
  CLI_AS (&run, f, "Sari Salo", "case", "coordinator", aino, "Minna Rautio", "--date",
          tomorrow);
  assert_one_line_error (&run, 2);

  /* Caseloads: mine (--mine), and by name. */
  root = run_json (f, "Sari Salo", "case", "list", "--mine", "--json", NULL);
  g_assert_cmpuint (array_length (root), ==, 1);
  g_clear_pointer (&root, json_node_unref);
  root = run_json (f, "Minna Rautio", "case", "list", "--mine", "--json", NULL);
  g_assert_cmpuint (array_length (root), ==, 0);
  g_clear_pointer (&root, json_node_unref);
  CLI_AS (&run, f, "Sari Salo", "case", "list", "--mine", "--coordinator", "Sari Salo");
  assert_one_line_error (&run, 2);

  /* The queue: Bo, waiting a week. */
  root = run_json (f, "Sari Salo", "case", "queue", "--json", NULL);
  g_assert_cmpuint (array_length (root), ==, 1);
  object = json_array_get_object_element (json_node_get_array (root), 0);
  g_assert_cmpstr (json_object_get_string_member (object, "client_id"), ==, bo);
  g_assert_cmpint (json_object_get_int_member (object, "days_waiting"), ==, 7);
  g_assert_cmpstr (json_object_get_string_member (object, "identified_on"), ==, week_ago);
  g_clear_pointer (&root, json_node_unref);
  CLI_AS (&run, f, "Sari Salo", "case", "queue");
  g_assert_cmpint (run.status, ==, 0);
  g_assert_true (g_str_has_prefix (run.out, bo));
  g_assert_nonnull (strstr (run.out, "\t7 days\tidentified\tBo Virtanen\n"));

  /* Handed over: the history keeps both. */
  root = run_json (f, "Sari Salo", "case", "coordinator", aino, "Minna Rautio", NULL);
  g_clear_pointer (&root, json_node_unref);
  root = run_json (f, "Sari Salo", "case", "list", "--coordinator", "Minna Rautio", "--json",
                   NULL);
  g_assert_cmpuint (array_length (root), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (
                     json_array_get_object_element (json_node_get_array (root), 0),
                     "coordinator"), ==, "Minna Rautio");
  g_clear_pointer (&root, json_node_unref);

  root = run_json (f, "Sari Salo", "case", "show", aino, "--json", NULL);
  object = json_node_get_object (root);
  g_assert_cmpstr (json_object_get_string_member (object, "coordinator"), ==, "Minna Rautio");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (
                      object, "coordinator_history")), ==, 2);
  g_assert_cmpstr (json_object_get_string_member (
                     json_object_get_object_member (object, "case"), "coordinator_since"), ==,
                   today);
  g_clear_pointer (&root, json_node_unref);
  CLI_AS (&run, f, "Sari Salo", "case", "show", aino);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "Coordinator: Minna Rautio (since "));

  root = run_json (f, "Sari Salo", "team", "history", aino, "--json", NULL);
  object = json_node_get_object (root);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (
                      object, "coordinator_history")), ==, 2);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (
                      object, "responsible_history")), ==, 0);
  g_clear_pointer (&root, json_node_unref);
  CLI_AS (&run, f, "Sari Salo", "team", "history", aino);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_true (g_str_has_prefix (run.out, "coordinator\t"));
  g_assert_nonnull (strstr (run.out, "\tSari Salo\n"));
  g_assert_nonnull (strstr (run.out, "\t-\tMinna Rautio\n"));

  /* "none": back to the queue; again, and there is none to end. */
  root = run_json (f, "Sari Salo", "case", "coordinator", aino, "none", NULL);
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (root), "ended_on"), ==,
                   today);
  g_clear_pointer (&root, json_node_unref);
  CLI_AS (&run, f, "Sari Salo", "case", "coordinator", aino, "none");
  assert_one_line_error (&run, 2);
  root = run_json (f, "Sari Salo", "case", "queue", "--json", NULL);
  g_assert_cmpuint (array_length (root), ==, 2);
  g_clear_pointer (&root, json_node_unref);

  /* Reading the queue is in the audit log. */
  CLI (&run, f, NULL, "audit", "list");
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "cli=case.queue"));
}

static char *
add_member (Fixture    *f,
            const char *client,
            const char *json)
{
  g_autoptr(JsonNode) root = NULL;
  g_auto(Run) run = { 0 };

  CLI (&run, f, json, "team", "add", client, "--json", "-");
  g_assert_cmpint (run.status, ==, 0);
  root = parse_out (&run);
  return g_strdup (json_object_get_string_member (json_node_get_object (root), "id"));
}

static guint
n_responsible (Fixture    *f,
               const char *client)
{
  g_autoptr(JsonNode) root = run_json (f, "Sari Salo", "case", "show", client, "--json", NULL);

  return json_array_get_length (json_object_get_array_member (json_node_get_object (root),
                                                              "responsible_workers"));
}

static void
test_responsible (Fixture       *f,
                  gconstpointer  data)
{
  g_auto(Run) run = { 0 };
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *id = add_client (f, "Aino");
  g_autofree char *sanna = NULL;
  g_autofree char *jukka = NULL;

  sanna = add_member (f, id, "{\"person\": \"Sanna Koivisto\", \"role\": \"Sosiaaliohjaaja\", "
                             "\"organisation\": \"Hyvinvointialue\", \"sector\": \"social\", "
                             "\"responsible\": true}");
  jukka = add_member (f, id, "{\"person\": \"Jukka Rautio\", \"role\": \"Omalääkäri\", "
                             "\"organisation\": \"Terveysasema\", \"sector\": \"health\"}");
  g_assert_cmpuint (n_responsible (f, id), ==, 1);

  /* Added beside the first; not twice. */
  root = run_json (f, "Sari Salo", "team", "set-responsible", jukka, NULL);
  g_assert_true (json_object_get_boolean_member (json_node_get_object (root), "responsible"));
  g_clear_pointer (&root, json_node_unref);
  g_assert_cmpuint (n_responsible (f, id), ==, 2);
  CLI (&run, f, NULL, "team", "set-responsible", jukka);
  assert_one_line_error (&run, 2);

  /* One stops; they stay in the team. */
  root = run_json (f, "Sari Salo", "team", "unset-responsible", sanna, NULL);
  g_assert_false (json_object_get_boolean_member (json_node_get_object (root), "responsible"));
  g_assert_true (json_object_get_null_member (json_node_get_object (root), "left_on"));
  g_clear_pointer (&root, json_node_unref);
  g_assert_cmpuint (n_responsible (f, id), ==, 1);
  CLI (&run, f, NULL, "team", "unset-responsible", sanna);
  assert_one_line_error (&run, 2);
  CLI (&run, f, NULL, "team", "unset-responsible", "not-an-id");
  assert_one_line_error (&run, 2);
  CLI (&run, f, NULL, "team", "unset-responsible", "00000000-0000-4000-8000-000000000000");
  assert_one_line_error (&run, 1);

  root = run_json (f, "Sari Salo", "case", "list", "--responsible", "Jukka Rautio", "--json",
                   NULL);
  g_assert_cmpuint (array_length (root), ==, 1);
  g_clear_pointer (&root, json_node_unref);

  /* The last responsible worker may leave: the plan then names none. */
  root = run_json (f, "Sari Salo", "team", "leave", jukka, NULL);
  g_assert_false (json_object_get_boolean_member (json_node_get_object (root), "responsible"));
  g_clear_pointer (&root, json_node_unref);
  g_assert_cmpuint (n_responsible (f, id), ==, 0);

  CLI (&run, f, NULL, "team", "history", id);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "responsible\t"));
  g_assert_null (strstr (run.out, "\t-\t"));
  /* The old filter still works: a responsible worker named NAME (now none). */
  root = run_json (f, "Sari Salo", "case", "list", "--responsible", "Jukka Rautio", "--json",
                   NULL);
  g_assert_cmpuint (array_length (root), ==, 0);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, cli_fixture_setup, func, cli_fixture_teardown)
  ADD ("/cli-team/coordinator", test_coordinator);
  ADD ("/cli-team/responsible", test_responsible);
#undef ADD
  return g_test_run ();
}
