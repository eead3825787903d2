/* test-cli.c: polku-cli as a script would use it: exit codes, one-line errors, JSON
 *
 * Copyright 2026 The Polku authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "cli-test-helpers.h"

static guint
count_clients (Fixture *f)
{
  g_auto(Run) run = { 0 };
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonNode *root;

  run_cli (&run, f, NULL, "--passphrase-file", f->passphrase_file, "clients", "list", "--json",
           "--archived", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_true (json_parser_load_from_data (parser, run.out, -1, &error));
  root = json_parser_get_root (parser);
  g_assert_true (JSON_NODE_HOLDS_ARRAY (root));
  return json_array_get_length (json_node_get_array (root));
}

static void
test_usage (Fixture       *f,
            gconstpointer  data)
{
  g_auto(Run) run = { 0 };

  run_cli (&run, f, NULL, "--version", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (run.out, ==, "polku-cli " PACKAGE_VERSION "\n");
  run_clear (&run);

  run_cli (&run, f, NULL, "--help", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "demo --clients N"));
  g_assert_nonnull (strstr (run.out, "--passphrase-file"));
  run_clear (&run);

  run_cli (&run, f, NULL, NULL);
  assert_one_line_error (&run, 2);
  run_clear (&run);

  run_cli (&run, f, NULL, "frobnicate", NULL);
  assert_one_line_error (&run, 2);
  run_clear (&run);

  run_cli (&run, f, NULL, "--no-such-option", NULL);
  assert_one_line_error (&run, 2);
  run_clear (&run);

  run_cli (&run, f, NULL, "demo", NULL);
  assert_one_line_error (&run, 2);
  run_clear (&run);

  run_cli (&run, f, NULL, "demo", "--clients", "many", NULL);
  assert_one_line_error (&run, 2);
  run_clear (&run);

  run_cli (&run, f, NULL, "demo", "--clients", "-3", NULL);
  assert_one_line_error (&run, 2);
  run_clear (&run);

  run_cli (&run, f, NULL, "clients", "list", "--yaml", NULL);
  assert_one_line_error (&run, 2);
  run_clear (&run);

  /* Nothing was created by any of these. */
  {
    g_autofree char *db = g_build_filename (f->dir, "polku.db", NULL);
    g_assert_false (g_file_test (db, G_FILE_TEST_EXISTS));
  }
}

static void
test_demo_and_list (Fixture       *f,
                    gconstpointer  data)
{
  g_auto(Run) run = { 0 };
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonArray *array;

  /* No keyring and no passphrase: a clear one-line reason. */
  run_cli (&run, f, NULL, "demo", "--clients", "5", NULL);
  assert_one_line_error (&run, 1);
  g_assert_nonnull (strstr (run.err, "--passphrase-file"));
  run_clear (&run);

  /* The passphrase from standard input. */
  run_cli (&run, f, PASSPHRASE "\n", "--passphrase-file", "-", "demo", "--clients", "12",
           "--seed", "5", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (run.err, ==, "");
  run_clear (&run);

  run_cli (&run, f, NULL, "--passphrase-file", f->passphrase_file, "clients", "list", "--json",
           NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_true (json_parser_load_from_data (parser, run.out, -1, &error));
  g_assert_no_error (error);
  array = json_node_get_array (json_parser_get_root (parser));
  g_assert_cmpuint (json_array_get_length (array), ==, 12);
  for (guint i = 0; i < 12; i++)
    {
      JsonObject *client = json_array_get_object_element (array, i);

      g_assert_true (g_uuid_string_is_valid (json_object_get_string_member (client, "id")));
      g_assert_nonnull (json_object_get_string_member (client, "hetu"));
      g_assert_nonnull (json_object_get_string_member (client, "given_name"));
      g_assert_false (json_object_get_boolean_member (client, "archived"));
    }
  run_clear (&run);

  /* Wrong passphrase */
  run_cli (&run, f, "not the passphrase\n", "--passphrase-file", "-", "clients", "list", NULL);
  assert_one_line_error (&run, 1);
  run_clear (&run);

  /* Missing passphrase file */
  run_cli (&run, f, NULL, "--passphrase-file", "/nonexistent/pass", "clients", "list", NULL);
  assert_one_line_error (&run, 2);
}

static void
test_add_and_archive (Fixture       *f,
                      gconstpointer  data)
{
  g_auto(Run) run = { 0 };
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autofree char *id = NULL;

  run_cli (&run, f, NULL, "--passphrase-file", f->passphrase_file, "demo", "--clients", "3",
           NULL);
  g_assert_cmpint (run.status, ==, 0);
  run_clear (&run);
  g_assert_cmpuint (count_clients (f), ==, 3);

  /* Bad input changes nothing. */
  run_cli (&run, f, "{\"given_name\": \"Aino\", \"family_name\": \"Virtanen\", "
                    "\"hetu\": \"131052-308S\"}",
           "--passphrase-file", f->passphrase_file, "clients", "add", "--json", "-", NULL);
  assert_one_line_error (&run, 2);
  g_assert_nonnull (strstr (run.err, "check character"));
  run_clear (&run);

  run_cli (&run, f, "{\"given_name\": \"Aino\"",
           "--passphrase-file", f->passphrase_file, "clients", "add", "--json", "-", NULL);
  assert_one_line_error (&run, 2);
  run_clear (&run);

  run_cli (&run, f, "{\"given_name\": \"Aino\", \"family_name\": \"Virtanen\", \"shoe\": 42}",
           "--passphrase-file", f->passphrase_file, "clients", "add", "--json", "-", NULL);
  assert_one_line_error (&run, 2);
  run_clear (&run);

  run_cli (&run, f, "{\"given_name\": \"Aino\", \"family_name\": \"Virtanen\", "
                    "\"language\": \"en\"}",
           "--passphrase-file", f->passphrase_file, "clients", "add", "--json", "-", NULL);
  assert_one_line_error (&run, 2);
  run_clear (&run);
  g_assert_cmpuint (count_clients (f), ==, 3);

  run_cli (&run, f, "{\"given_name\": \"Aino\", \"family_name\": \"Virtanen\", "
                    "\"hetu\": \"131052-308t\", \"language\": \"sv\", \"municipality\": null}",
           "--passphrase-file", f->passphrase_file, "clients", "add", "--json", "-", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_true (json_parser_load_from_data (parser, run.out, -1, NULL));
  {
    JsonObject *o = json_node_get_object (json_parser_get_root (parser));

    g_assert_cmpstr (json_object_get_string_member (o, "hetu"), ==, "131052-308T");
    g_assert_cmpstr (json_object_get_string_member (o, "birth_date"), ==, "1952-10-13");
    g_assert_cmpstr (json_object_get_string_member (o, "language"), ==, "sv");
    id = g_strdup (json_object_get_string_member (o, "id"));
  }
  run_clear (&run);
  g_assert_cmpuint (count_clients (f), ==, 4);

  run_cli (&run, f, NULL, "--passphrase-file", f->passphrase_file, "clients", "archive", id,
           NULL);
  g_assert_cmpint (run.status, ==, 0);
  run_clear (&run);

  run_cli (&run, f, NULL, "--passphrase-file", f->passphrase_file, "clients", "list", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_null (strstr (run.out, id));
  run_clear (&run);
  g_assert_cmpuint (count_clients (f), ==, 4);

  run_cli (&run, f, NULL, "--passphrase-file", f->passphrase_file, "clients", "restore", id,
           NULL);
  g_assert_cmpint (run.status, ==, 0);
  run_clear (&run);
  run_cli (&run, f, NULL, "--passphrase-file", f->passphrase_file, "clients", "list", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, id));
  run_clear (&run);

  run_cli (&run, f, NULL, "--passphrase-file", f->passphrase_file, "clients", "archive",
           "00000000-0000-4000-8000-000000000000", NULL);
  assert_one_line_error (&run, 1);
}

/* polku-cli audit verify passes on what Polku wrote and fails, with one line, once an entry
 * is changed behind its back (with Debian's sqlcipher shell and the passphrase). */
static void
test_audit (Fixture       *f,
            gconstpointer  data)
{
  g_auto(Run) run = { 0 };
  g_autofree char *db = g_build_filename (f->dir, "polku.db", NULL);
  g_autofree char *sqlcipher = g_find_program_in_path ("sqlcipher");
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(GError) error = NULL;
  int status = -1;
  const char *argv[] = {
    NULL, NULL,
    "PRAGMA key = '" PASSPHRASE "'; PRAGMA cipher_page_size = 4096; PRAGMA kdf_iter = 256000;"
    " DROP TRIGGER audit_entry_no_update;"
    " UPDATE audit_entry SET actor = 'someone else' WHERE seq = 2;",
    NULL
  };

  run_cli (&run, f, NULL, "--passphrase-file", f->passphrase_file, "demo", "--clients", "3",
           "--seed", "7", NULL);
  g_assert_cmpint (run.status, ==, 0);
  run_clear (&run);

  run_cli (&run, f, NULL, "--passphrase-file", f->passphrase_file, "audit", "verify", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "intact"));
  run_clear (&run);

  run_cli (&run, f, "{\"given_name\": \"Aino\", \"family_name\": \"Virtanen\"}",
           "--passphrase-file", f->passphrase_file, "--as", "Sari Koordinaattori", "clients",
           "add", "--json", "-", NULL);
  g_assert_cmpint (run.status, ==, 0);
  run_clear (&run);

  run_cli (&run, f, NULL, "--passphrase-file", f->passphrase_file, "audit", "list", "--json",
           NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "\"client.create\""));
  /* Names never enter the log, only ids; the worker given with --as does. */
  g_assert_null (strstr (run.out, "Virtanen"));
  g_assert_nonnull (strstr (run.out, "\"actor\" : \"Sari Koordinaattori\""));
  run_clear (&run);

  run_cli (&run, f, NULL, "--passphrase-file", f->passphrase_file, "audit", "frobnicate",
           NULL);
  assert_one_line_error (&run, 2);
  run_clear (&run);

  if (sqlcipher == NULL)
    {
      g_test_skip ("the sqlcipher shell is not installed (tools/setup.sh installs it)");
      return;
    }
  argv[0] = sqlcipher;
  argv[1] = db;
  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, &err, &status,
                &error);
  g_assert_no_error (error);
  g_assert_cmpint (status, ==, 0);

  run_cli (&run, f, NULL, "--passphrase-file", f->passphrase_file, "audit", "verify", NULL);
  assert_one_line_error (&run, 1);
  g_assert_nonnull (strstr (run.err, "entry 2"));
}

/* Listing the clients shows every identity code and address: the list is recorded in the
 * audit log, with no client data in the entry. */
static void
test_clients_list_audited (Fixture       *f,
                           gconstpointer  data)
{
  g_auto(Run) run = { 0 };
  g_autoptr(JsonNode) root = NULL;
  JsonArray *entries;
  gboolean found = FALSE;

  CLI (&run, f, "{\"given_name\": \"Aino\", \"family_name\": \"Virtanen\", "
                "\"hetu\": \"131052-308T\"}", "clients", "add", "--json", "-");
  g_assert_cmpint (run.status, ==, 0);
  run_clear (&run);

  CLI (&run, f, NULL, "--as", "Sari Salo", "clients", "list");
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "131052-308T"));
  run_clear (&run);

  CLI (&run, f, NULL, "audit", "list", "--json");
  g_assert_cmpint (run.status, ==, 0);
  g_assert_null (strstr (run.out, "Virtanen"));
  g_assert_null (strstr (run.out, "131052-308T"));
  root = parse_out (&run);
  entries = json_node_get_array (root);
  for (guint i = 0; i < json_array_get_length (entries); i++)
    {
      JsonObject *entry = json_array_get_object_element (entries, i);

      if (g_strcmp0 (json_object_get_string_member (entry, "action"), "client.list") != 0)
        continue;
      found = TRUE;
      g_assert_cmpstr (json_object_get_string_member (entry, "actor"), ==, "Sari Salo");
      g_assert_cmpstr (json_object_get_string_member (entry, "detail"), ==, "cli=clients.list");
      g_assert_true (json_object_get_null_member (entry, "client_id"));
    }
  g_assert_true (found);
}

/* --passphrase-file - with --json -: refused before anything is read (exit 2), and no error
 * ever quotes the passphrase, not even when the passphrase file is given as the JSON. */
static void
test_passphrase_not_echoed (Fixture       *f,
                            gconstpointer  data)
{
  g_auto(Run) run = { 0 };
  g_autofree char *input = g_strdup_printf ("%s\n{\"given_name\": \"Aino\", "
                                            "\"family_name\": \"Virtanen\"}\n", PASSPHRASE);

  run_cli (&run, f, NULL, "--passphrase-file", f->passphrase_file, "demo", "--clients", "1",
           NULL);
  g_assert_cmpint (run.status, ==, 0);
  run_clear (&run);

  run_cli (&run, f, input, "--passphrase-file", "-", "clients", "add", "--json", "-", NULL);
  assert_one_line_error (&run, 2);
  g_assert_nonnull (strstr (run.err, "standard input"));
  g_assert_null (strstr (run.err, "kotik"));
  run_clear (&run);

  run_cli (&run, f, input, "--passphrase-file", "-", "plan", "update",
           "00000000-0000-4000-8000-000000000000", "--json", "-", NULL);
  assert_one_line_error (&run, 2);
  g_assert_null (strstr (run.err, "kotik"));
  run_clear (&run);

  /* The passphrase file given as the JSON input by mistake. */
  run_cli (&run, f, NULL, "--passphrase-file", f->passphrase_file, "clients", "add", "--json",
           f->passphrase_file, NULL);
  assert_one_line_error (&run, 2);
  g_assert_nonnull (strstr (run.err, "not valid JSON"));
  g_assert_null (strstr (run.err, "kotik"));
  run_clear (&run);

  g_assert_cmpuint (count_clients (f), ==, 1);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_assert_nonnull (g_getenv ("POLKU_CLI"));

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, cli_fixture_setup, func, cli_fixture_teardown)
  ADD ("/cli/usage", test_usage);
  ADD ("/cli/demo-and-list", test_demo_and_list);
  ADD ("/cli/add-and-archive", test_add_and_archive);
  ADD ("/cli/audit", test_audit);
  ADD ("/cli/clients-list-audited", test_clients_list_audited);
  ADD ("/cli/passphrase-not-echoed", test_passphrase_not_echoed);
#undef ADD

  return g_test_run ();
}
