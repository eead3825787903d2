/* test-cli-case.c: polku-cli case|signs|consent|team|followups as a script would use them
 *
 * Copyright 2026 The Polku authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <gio/gio.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <string.h>

#define PASSPHRASE "kotikäynti 2026"

typedef struct
{
  char *dir;
  char *passphrase_file;
} Fixture;

typedef struct
{
  int   status;
  char *out;
  char *err;
} Run;

static void
run_clear (Run *run)
{
  g_clear_pointer (&run->out, g_free);
  g_clear_pointer (&run->err, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Run, run_clear)

/* Runs polku-cli with the given arguments (NULL-terminated) and stdin. */
static void
run_cli (Run         *run,
         Fixture     *f,
         const char  *input,
         ...)
{
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  const char *arg;
  va_list args;

  g_ptr_array_add (argv, (char *) g_getenv ("POLKU_CLI"));
  va_start (args, input);
  while ((arg = va_arg (args, const char *)) != NULL)
    g_ptr_array_add (argv, (char *) arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDIN_PIPE
                                        | G_SUBPROCESS_FLAGS_STDOUT_PIPE
                                        | G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_subprocess_launcher_setenv (launcher, "POLKU_DATA_DIR", f->dir, TRUE);
  g_subprocess_launcher_setenv (launcher, "DBUS_SESSION_BUS_ADDRESS", "disabled:", TRUE);
  process = g_subprocess_launcher_spawnv (launcher, (const char * const *) argv->pdata, &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (process, input, NULL, &run->out, &run->err, &error);
  g_assert_no_error (error);
  run->status = g_subprocess_get_if_exited (process) ? g_subprocess_get_exit_status (process)
                                                     : -1;
}

/* A failure says one line on stderr, starting with the program name. */
static void
assert_one_line_error (Run *run,
                       int  status)
{
  g_assert_cmpint (run->status, ==, status);
  g_assert_true (g_str_has_prefix (run->err, "polku-cli: "));
  g_assert_true (g_str_has_suffix (run->err, "\n"));
  g_assert_null (strchr (run->err, '\n') != strrchr (run->err, '\n') ? "" : NULL);
  g_assert_cmpuint (strlen (run->err), >, 25);
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  f->dir = g_dir_make_tmp ("polku-test-cli-case-XXXXXX", NULL);
  f->passphrase_file = g_build_filename (f->dir, "passphrase", NULL);
  g_assert_true (g_file_set_contents (f->passphrase_file, PASSPHRASE "\n", -1, NULL));
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GDir) d = g_dir_open (f->dir, 0, NULL);
  const char *name;

  while ((name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (f->dir, name, NULL);
      g_unlink (path);
    }
  g_rmdir (f->dir);
  g_free (f->dir);
  g_free (f->passphrase_file);
}


/* Parses stdout as JSON. */
static JsonNode *
parse_out (Run *run)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  g_assert_true (json_parser_load_from_data (parser, run->out, -1, &error));
  g_assert_no_error (error);
  return json_node_ref (json_parser_get_root (parser));
}

#define CLI(run, f, input, ...) \
  run_cli ((run), (f), (input), "--passphrase-file", (f)->passphrase_file, __VA_ARGS__, NULL)

static char *
days_from_today (int days)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) then = g_date_time_add_days (now, days);

  return g_date_time_format (then, "%Y-%m-%d");
}

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
                               "\"flagged_on\": \"%s\", \"service_point\": \"Terveysasema\"}",
                               week_ago);
  CLI (&run, f, sign_json, "signs", "add", id, "--json", "-");
  g_assert_cmpint (run.status, ==, 0);
  run_clear (&run);

  /* The consent gate. */
  CLI (&run, f, NULL, "case", "phase", id, "contacted");
  assert_one_line_error (&run, 1);
  g_assert_nonnull (strstr (run.err, "consent"));
  run_clear (&run);

  consent_json = g_strdup_printf ("{\"given_on\": \"%s\", \"given_by\": \"client\", "
                                  "\"method\": \"electronic\", "
                                  "\"organisations\": [\"Hyvinvointialue\", \"Kela\"], "
                                  "\"parts\": [\"goals\", \"actions\", \"team\"], "
                                  "\"valid_until\": null}", week_ago);
  CLI (&run, f, consent_json, "consent", "add", id, "--json", "-");
  g_assert_cmpint (run.status, ==, 0);
  root = parse_out (&run);
  object = json_node_get_object (root);
  consent_id = g_strdup (json_object_get_string_member (object, "id"));
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (object, "parts")), ==,
                    3);
  g_clear_pointer (&root, json_node_unref);
  run_clear (&run);

  CLI (&run, f, NULL, "consent", "check", id, "--organisation", "Kela", "--part", "goals");
  g_assert_cmpint (run.status, ==, 0);
  run_clear (&run);
  CLI (&run, f, NULL, "consent", "check", id, "--organisation", "Poliisi");
  assert_one_line_error (&run, 1);
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

  CLI (&run, f, NULL, "case", "show", id, "--json");
  g_assert_cmpint (run.status, ==, 0);
  root = parse_out (&run);
  object = json_node_get_object (root);
  g_assert_true (json_object_get_boolean_member (object, "proposed"));
  g_assert_false (json_object_get_boolean_member (object, "consent_valid"));
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (object,
                                                                                 "case"),
                                                  "responsible"), ==, "Jukka Rautio");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (object, "phases")),
                    ==, 3);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (object, "team")), ==,
                    2);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (
                      object, "responsible_history")), ==, 2);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (object, "consents")),
                    ==, 1);
  g_assert_nonnull (json_object_get_string_member (
                      json_array_get_object_element (json_object_get_array_member (object,
                                                                                   "consents"),
                                                     0), "withdrawn_on"));
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
                "\"service_point\": \"y\"}", "signs", "add", id, "--json", "-");
  assert_one_line_error (&run, 2);
  run_clear (&run);
  CLI (&run, f, "{\"given_on\": 20260101}", "consent", "add", id, "--json", "-");
  assert_one_line_error (&run, 2);
  run_clear (&run);
  CLI (&run, f, "{\"given_on\": \"2026-01-01\", \"given_by\": \"client\", \"method\": "
                "\"written\", \"organisations\": [\"Kela\"], \"parts\": [\"all\"]}",
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

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_unsetenv ("POLKU_CHECKLIST");

  g_test_add ("/cli-case/path", Fixture, NULL, fixture_setup, test_case_path, fixture_teardown);
  g_test_add ("/cli-case/bad-input", Fixture, NULL, fixture_setup, test_bad_input,
              fixture_teardown);
  return g_test_run ();
}
