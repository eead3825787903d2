/* test-cli-score.c: `polku-cli score`: the exact interface, exit codes on malformed input
 *
 * Copyright 2026 The Polku authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "cli-test-helpers.h"

static char *empty_dir;
static char *input_dir;

/* Runs polku-cli with @args (NULL-terminated array) and @input on stdin; no profile, no
 * keyring: scoring must need neither. */
static void
run_cli_in (Run                *run,
            const char         *data_dir,
            const char         *input,
            const char * const *args)
{
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *input_path = g_build_filename (input_dir, "stdin", NULL);

  g_ptr_array_add (argv, (char *) g_getenv ("POLKU_CLI"));
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (char *) args[i]);
  g_ptr_array_add (argv, NULL);

  /* Standard input from a file: a command that refuses its arguments exits without
   * reading it. */
  g_assert_true (g_file_set_contents (input_path, input != NULL ? input : "", -1, NULL));
  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE
                                        | G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_subprocess_launcher_set_stdin_file_path (launcher, input_path);
  g_subprocess_launcher_setenv (launcher, "POLKU_DATA_DIR", data_dir, TRUE);
  g_subprocess_launcher_setenv (launcher, "POLKU_INSTRUMENTS_DIR", empty_dir, TRUE);
  g_subprocess_launcher_setenv (launcher, "DBUS_SESSION_BUS_ADDRESS", "disabled:", TRUE);
  process = g_subprocess_launcher_spawnv (launcher, (const char * const *) argv->pdata, &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (process, NULL, NULL, &run->out, &run->err, &error);
  g_assert_no_error (error);
  run->status = g_subprocess_get_if_exited (process) ? g_subprocess_get_exit_status (process)
                                                     : -1;
}

static void
run_score (Run                *run,
           const char         *input,
           const char * const *args)
{
  run_cli_in (run, empty_dir, input, args);
}

static JsonObject *
parse_object (const char *text,
              JsonParser *parser)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (json_parser_load_from_data (parser, text, -1, &error));
  g_assert_no_error (error);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)));
  return json_node_get_object (json_parser_get_root (parser));
}

#define ANSWERS_ALL_3 \
  "{\"answers\": {\"1\": 3, \"2\": 3, \"3\": 3, \"4\": 3, \"5\": 3, \"6\": 3, \"7\": 3, " \
  "\"8\": 3, \"9\": 3, \"10\": 3, \"11\": 3, \"12\": 3, \"13\": 3, \"14\": 3, \"15\": 3, " \
  "\"16\": 3, \"17\": 3, \"18\": 3, \"19\": 3, \"20\": 3, \"21\": 3, \"22\": 3, \"23\": 3, " \
  "\"24\": 3, \"25\": 3, \"26\": 3}}"

static void
test_whoqol (void)
{
  static const char input[] =
    "{\"answers\": {\"1\": 4, \"2\": null, \"3\": 1, \"4\": 5, \"5\": 3, \"6\": 4, \"7\": 3, "
    "\"8\": 4, \"9\": 4, \"10\": 3, \"11\": 4, \"12\": 2, \"13\": 4, \"14\": 3, \"15\": 4, "
    "\"16\": 3, \"17\": 3.0, \"18\": 3, \"19\": 4, \"20\": 4, \"21\": \"3\", \"22\": 4, "
    "\"23\": 4, \"24\": 4, \"25\": 3}}";
  const char * const args[] = { "score", "whoqol-bref", NULL };
  g_auto(Run) run = { 0 };
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *root, *domains, *d;

  run_score (&run, input, args);
  g_assert_cmpstr (run.err, ==, "");
  g_assert_cmpint (run.status, ==, 0);
  root = parse_object (run.out, parser);

  /* Q2 null, Q21 a string, Q26 absent: 3 missing. */
  g_assert_false (json_object_get_boolean_member (root, "discarded"));
  g_assert_cmpint (json_object_get_int_member (root, "missing"), ==, 3);
  g_assert_cmpint (json_object_get_int_member (root, "q1"), ==, 4);
  g_assert_true (json_object_get_null_member (root, "q2"));
  domains = json_object_get_object_member (root, "domains");

  d = json_object_get_object_member (domains, "physical");
  g_assert_cmpint (json_object_get_int_member (d, "answered"), ==, 7);
  g_assert_cmpfloat (json_object_get_double_member (d, "score_4_20"), ==, 22.0 / 7 * 4);
  g_assert_cmpfloat (json_object_get_double_member (d, "score_0_100"), ==,
                     (22.0 / 7 * 4 - 4) * 100 / 16);
  /* Written with all 17 significant digits. */
  g_assert_nonnull (strstr (run.out, "12.571428571428571"));

  d = json_object_get_object_member (domains, "psychological");
  g_assert_cmpint (json_object_get_int_member (d, "answered"), ==, 5);
  g_assert_cmpfloat (json_object_get_double_member (d, "score_4_20"), ==, 18.0 / 5 * 4);

  d = json_object_get_object_member (domains, "social");
  g_assert_cmpint (json_object_get_int_member (d, "answered"), ==, 2);
  g_assert_cmpfloat (json_object_get_double_member (d, "score_4_20"), ==, 8.0 / 2 * 4);

  d = json_object_get_object_member (domains, "environment");
  g_assert_cmpint (json_object_get_int_member (d, "answered"), ==, 8);
  g_assert_cmpfloat (json_object_get_double_member (d, "score_0_100"), ==,
                     (28.0 / 8 * 4 - 4) * 100 / 16);
}

static void
test_whoqol_file_and_discarded (void)
{
  g_autofree char *dir = g_dir_make_tmp ("polku-test-answers-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "answers.json", NULL);
  const char * const args[] = { "score", "whoqol-bref", path, NULL };
  g_auto(Run) run = { 0 };
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *root, *domains;

  g_assert_true (g_file_set_contents (path, "{\"answers\": {\"1\": 5, \"2\": 5}}", -1, NULL));
  run_score (&run, NULL, args);
  g_assert_cmpint (run.status, ==, 0);
  root = parse_object (run.out, parser);
  g_assert_true (json_object_get_boolean_member (root, "discarded"));
  g_assert_cmpint (json_object_get_int_member (root, "missing"), ==, 24);
  g_assert_true (json_object_get_null_member (root, "q1"));
  g_assert_true (json_object_get_null_member (root, "q2"));
  domains = json_object_get_object_member (root, "domains");
  g_assert_true (json_object_get_null_member (json_object_get_object_member (domains,
                                                                             "physical"),
                                              "score_4_20"));
  g_unlink (path);
  g_rmdir (dir);
}

static void
test_continuity (void)
{
  static const char input[] =
    "{\"visits\": [{\"date\": \"2024-12-31\", \"professional\": \"z\"}, "
    "{\"date\": \"2025-01-01\", \"professional\": \"b\"}, "
    "{\"date\": \"2025-01-10\", \"professional\": \"a\"}, "
    "{\"date\": \"2025-01-10\", \"professional\": \"a\"}, "
    "{\"date\": \"2025-01-20\", \"professional\": null}, "
    "{\"date\": \"2025-01-21\"}, "
    "{\"date\": \"2025-01-31\", \"professional\": \"b\"}, "
    "{\"date\": \"2025-02-01\", \"professional\": \"z\"}]}";
  const char * const args[] = { "score", "continuity", "--from", "2025-01-01", "--to",
                                "2025-01-31", NULL };
  g_auto(Run) run = { 0 };
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *root;
  JsonArray *usual;

  run_score (&run, input, args);
  g_assert_cmpstr (run.err, ==, "");
  g_assert_cmpint (run.status, ==, 0);
  root = parse_object (run.out, parser);
  g_assert_cmpuint (json_object_get_size (root), ==, 8);
  /* b a a b: N 4, M 2. */
  g_assert_cmpint (json_object_get_int_member (root, "visits"), ==, 4);
  g_assert_cmpint (json_object_get_int_member (root, "professionals"), ==, 2);
  g_assert_cmpint (json_object_get_int_member (root, "left_out_without_professional"), ==, 2);
  g_assert_cmpfloat (json_object_get_double_member (root, "coci"), ==, (8.0 - 4) / 12);
  g_assert_cmpfloat (json_object_get_double_member (root, "upc"), ==, 0.5);
  g_assert_cmpfloat (json_object_get_double_member (root, "secon"), ==, 1.0 / 3);
  g_assert_cmpfloat (json_object_get_double_member (root, "mmci"), ==,
                     (1 - 2 / 4.1) / (1 - 1 / 4.1));
  usual = json_object_get_array_member (root, "usual_professionals");
  g_assert_cmpuint (json_array_get_length (usual), ==, 2);
  g_assert_cmpstr (json_array_get_string_element (usual, 0), ==, "a");
  g_assert_cmpstr (json_array_get_string_element (usual, 1), ==, "b");
}

static void
test_continuity_few (void)
{
  const char * const args[] = { "score", "continuity", NULL };
  g_auto(Run) run = { 0 };
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(JsonParser) parser2 = json_parser_new ();
  JsonObject *root;

  run_score (&run, "{\"visits\": []}", args);
  g_assert_cmpint (run.status, ==, 0);
  root = parse_object (run.out, parser);
  g_assert_cmpint (json_object_get_int_member (root, "visits"), ==, 0);
  g_assert_true (json_object_get_null_member (root, "coci"));
  g_assert_true (json_object_get_null_member (root, "upc"));
  g_assert_true (json_object_get_null_member (root, "secon"));
  g_assert_true (json_object_get_null_member (root, "mmci"));
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (root,
                                                                        "usual_professionals")),
                    ==, 0);
  run_clear (&run);

  run_score (&run, "{\"visits\": [{\"date\": \"2025-05-05\", \"professional\": \"a\"}]}", args);
  g_assert_cmpint (run.status, ==, 0);
  root = parse_object (run.out, parser2);
  g_assert_true (json_object_get_null_member (root, "coci"));
  g_assert_true (json_object_get_null_member (root, "secon"));
  g_assert_cmpfloat (json_object_get_double_member (root, "upc"), ==, 1.0);
  g_assert_cmpfloat (json_object_get_double_member (root, "mmci"), ==, 1.0);
}

typedef struct
{
  const char *input;
  const char *args[8];
} Malformed;

static const Malformed malformed[] = {
  /* whoqol-bref */
  { "", { "score", "whoqol-bref" } },
  { "{\"answers\": {\"1\": 3,}}", { "score", "whoqol-bref" } },
  { "[]", { "score", "whoqol-bref" } },
  { "{}", { "score", "whoqol-bref" } },
  { "{\"answers\": [3, 3]}", { "score", "whoqol-bref" } },
  { "{\"answers\": null}", { "score", "whoqol-bref" } },
  { "{\"answers\": {}, \"extra\": 1}", { "score", "whoqol-bref" } },
  { "{\"answers\": {\"27\": 3}}", { "score", "whoqol-bref" } },
  { "{\"answers\": {\"0\": 3}}", { "score", "whoqol-bref" } },
  { "{\"answers\": {\"Q1\": 3}}", { "score", "whoqol-bref" } },
  { ANSWERS_ALL_3, { "score", "whoqol-bref", "--verbose" } },
  { ANSWERS_ALL_3, { "score", "whoqol-bref", "a.json", "b.json" } },
  { ANSWERS_ALL_3, { "score", "no-such-instrument" } },
  { ANSWERS_ALL_3, { "score", "whoqol-bref", "/nonexistent/answers.json" } },
  { ANSWERS_ALL_3, { "score" } },
  /* continuity */
  { "", { "score", "continuity" } },
  { "{\"visits\": [", { "score", "continuity" } },
  { "{}", { "score", "continuity" } },
  { "{\"visits\": {}}", { "score", "continuity" } },
  { "{\"visits\": [], \"from\": \"2025-01-01\"}", { "score", "continuity" } },
  { "{\"visits\": [1]}", { "score", "continuity" } },
  { "{\"visits\": [{\"professional\": \"a\"}]}", { "score", "continuity" } },
  { "{\"visits\": [{\"date\": \"2025-02-30\", \"professional\": \"a\"}]}",
    { "score", "continuity" } },
  { "{\"visits\": [{\"date\": \"31.1.2025\", \"professional\": \"a\"}]}",
    { "score", "continuity" } },
  { "{\"visits\": [{\"date\": 20250131, \"professional\": \"a\"}]}", { "score", "continuity" } },
  { "{\"visits\": [{\"date\": \"2025-01-31\", \"professional\": 7}]}",
    { "score", "continuity" } },
  { "{\"visits\": [{\"date\": \"2025-01-31\", \"professional\": \"a\", \"who\": 1}]}",
    { "score", "continuity" } },
  { "{\"visits\": [{\"date\": \"2025-01-31\", \"urgent\": \"no\"}]}", { "score", "continuity" } },
  { "{\"visits\": []}", { "score", "continuity", "--from", "2025-02-01", "--to", "2025-01-31" } },
  { "{\"visits\": []}", { "score", "continuity", "--from", "2025-1-1" } },
  { "{\"visits\": []}", { "score", "continuity", "--to", "tomorrow" } },
  { "{\"visits\": []}", { "score", "continuity", "--from" } },
  { "{\"visits\": []}", { "score", "continuity", "--period", "2025" } },
};

static void
test_malformed (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (malformed); i++)
    {
      g_auto(Run) run = { 0 };

      g_test_message ("case %u: %s", i, malformed[i].input);
      run_score (&run, malformed[i].input, malformed[i].args);
      g_assert_cmpint (run.status, ==, 2);
      g_assert_cmpstr (run.out, ==, "");
      g_assert_true (g_str_has_prefix (run.err, "polku-cli: "));
      g_assert_true (g_str_has_suffix (run.err, "\n"));
      g_assert_true (strchr (run.err, '\n') == strrchr (run.err, '\n'));
    }

  /* No database was made or needed. */
  {
    g_autofree char *db = g_build_filename (empty_dir, "polku.db", NULL);
    g_assert_false (g_file_test (db, G_FILE_TEST_EXISTS));
  }
}

/* `assessment add/list/export` on a passphrase profile. */
static void
test_assessment_commands (void)
{
  g_autofree char *profile = g_dir_make_tmp ("polku-test-cli-assessment-XXXXXX", NULL);
  g_autofree char *data_dir = g_build_filename (profile, "profile", NULL);
  g_autofree char *passphrase = g_build_filename (profile, "passphrase", NULL);
  g_autofree char *client_id = NULL;
  g_autofree char *assessment_id = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(JsonParser) list_parser = json_parser_new ();
  g_autoptr(JsonParser) fhir_parser = json_parser_new ();
  g_auto(Run) run = { 0 };
  JsonObject *object;
  JsonArray *array;
  static const char good[] =
    "{\"instrument\": \"whoqol-bref\", \"date\": \"2025-02-01\", \"role\": \"baseline\", "
    "\"plan_id\": null, \"answers\": " "{\"1\": 4, \"2\": 3, \"3\": 2, \"4\": 2, \"5\": 3, "
    "\"6\": 4, \"7\": 3, \"8\": 4, \"9\": 4, \"10\": 3, \"11\": 4, \"12\": 2, \"13\": 4, "
    "\"14\": 3, \"15\": 4, \"16\": 3, \"17\": 3, \"18\": 3, \"19\": 4, \"20\": 4, \"21\": 3, "
    "\"22\": 4, \"23\": 4, \"24\": 4, \"25\": 3, \"26\": 2}}";
  static const char * const bad[] = {
    "", "[]", "{\"answers\": {}}", "{\"instrument\": \"whoqol-bref\", \"answers\": {\"30\": 1}}",
    "{\"instrument\": \"whoqol-bref\", \"answers\": {}, \"date\": \"yesterday\"}",
    "{\"instrument\": \"whoqol-bref\", \"answers\": {}, \"extra\": true}",
  };

  g_assert_true (g_file_set_contents (passphrase, "kotikäynti 2026\n", -1, NULL));

  {
    const char * const args[] = { "--passphrase-file", passphrase, "clients", "add", "--json",
                                  "-", NULL };

    run_cli_in (&run, data_dir, "{\"given_name\": \"Aino\", \"family_name\": \"Virtanen\"}",
                args);
    g_assert_cmpint (run.status, ==, 0);
    object = parse_object (run.out, parser);
    client_id = g_strdup (json_object_get_string_member (object, "id"));
    run_clear (&run);
  }

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      const char * const args[] = { "--passphrase-file", passphrase, "assessment", "add",
                                    client_id, "--json", "-", NULL };

      g_test_message ("bad assessment %u", i);
      run_cli_in (&run, data_dir, bad[i], args);
      g_assert_cmpint (run.status, ==, 2);
      g_assert_true (g_str_has_prefix (run.err, "polku-cli: "));
      g_assert_true (strchr (run.err, '\n') == strrchr (run.err, '\n'));
      run_clear (&run);
    }

  {
    const char * const args[] = { "--passphrase-file", passphrase, "assessment", "add",
                                  "00000000-0000-4000-8000-000000000000", "--json", "-", NULL };

    run_cli_in (&run, data_dir, good, args);
    g_assert_cmpint (run.status, ==, 1);
    run_clear (&run);
  }
  {
    const char * const args[] = { "--passphrase-file", passphrase, "assessment", "add",
                                  client_id, "--json", "-", NULL };

    run_cli_in (&run, data_dir, good, args);
    g_assert_cmpstr (run.err, ==, "");
    g_assert_cmpint (run.status, ==, 0);
    g_clear_object (&parser);
    parser = json_parser_new ();
    object = parse_object (run.out, parser);
    assessment_id = g_strdup (json_object_get_string_member (object, "id"));
    g_assert_cmpstr (json_object_get_string_member (object, "status"), ==, "complete");
    g_assert_cmpfloat (json_object_get_double_member (
                         json_object_get_object_member (
                           json_object_get_object_member (
                             json_object_get_object_member (object, "scores"), "domains"),
                           "physical"), "score_4_20"), ==, 24.0 / 7 * 4);
    run_clear (&run);
  }
  {
    const char * const args[] = { "--passphrase-file", passphrase, "assessment", "list",
                                  client_id, "--json", NULL };

    run_cli_in (&run, data_dir, NULL, args);
    g_assert_cmpint (run.status, ==, 0);
    g_assert_true (json_parser_load_from_data (list_parser, run.out, -1, NULL));
    array = json_node_get_array (json_parser_get_root (list_parser));
    g_assert_cmpuint (json_array_get_length (array), ==, 1);
    g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (array, 0),
                                                    "id"), ==, assessment_id);
    run_clear (&run);
  }
  {
    const char * const args[] = { "--passphrase-file", passphrase, "assessment", "export",
                                  client_id, "--fhir", "--own-use", NULL };

    run_cli_in (&run, data_dir, NULL, args);
    g_assert_cmpint (run.status, ==, 0);
    object = parse_object (run.out, fhir_parser);
    g_assert_cmpstr (json_object_get_string_member (object, "resourceType"), ==, "Bundle");
    run_clear (&run);
  }
  {
    const char * const args[] = { "--passphrase-file", passphrase, "assessment", "export",
                                  client_id, "--csv", "--own-use", NULL };

    run_cli_in (&run, data_dir, NULL, args);
    g_assert_cmpint (run.status, ==, 0);
    /* For own use: a comment line says so, then the header. */
    g_assert_true (g_str_has_prefix (run.out, "# "));
    g_assert_nonnull (strstr (run.out, "\r\nassessment_id,client_id,"));
    g_assert_nonnull (strstr (run.out, assessment_id));
    run_clear (&run);
  }
  {
    const char * const args[] = { "--passphrase-file", passphrase, "assessment", "export",
                                  client_id, NULL };

    run_cli_in (&run, data_dir, NULL, args);
    g_assert_cmpint (run.status, ==, 2);
    run_clear (&run);
  }

  remove_tree (profile);
}

int
main (int    argc,
      char **argv)
{
  int status;

  g_test_init (&argc, &argv, NULL);
  empty_dir = g_dir_make_tmp ("polku-test-cli-score-XXXXXX", NULL);
  input_dir = g_dir_make_tmp ("polku-test-cli-input-XXXXXX", NULL);

  g_test_add_func ("/cli-score/whoqol", test_whoqol);
  g_test_add_func ("/cli-score/whoqol-file-discarded", test_whoqol_file_and_discarded);
  g_test_add_func ("/cli-score/continuity", test_continuity);
  g_test_add_func ("/cli-score/continuity-few", test_continuity_few);
  g_test_add_func ("/cli-score/malformed", test_malformed);
  g_test_add_func ("/cli-assessment/commands", test_assessment_commands);

  status = g_test_run ();
  {
    g_autofree char *input_path = g_build_filename (input_dir, "stdin", NULL);

    g_unlink (input_path);
  }
  g_rmdir (input_dir);
  g_free (input_dir);
  g_rmdir (empty_dir);
  g_free (empty_dir);
  return status;
}
