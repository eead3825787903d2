/* test-cli-contacts.c: polku-cli contacts and mapping-visit as a script would use them:
 * exit codes, one-line errors, JSON, per-row CSV errors, nothing written on bad input
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
  char *client_id;
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

/* Runs polku-cli with the passphrase file and the given arguments (NULL-terminated). */
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

  run_clear (run);
  g_ptr_array_add (argv, (char *) g_getenv ("POLKU_CLI"));
  g_ptr_array_add (argv, "--passphrase-file");
  g_ptr_array_add (argv, f->passphrase_file);
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

static void
assert_one_line_error (Run *run,
                       int  status)
{
  g_assert_cmpint (run->status, ==, status);
  g_assert_true (g_str_has_prefix (run->err, "polku-cli: "));
  g_assert_true (g_str_has_suffix (run->err, "\n"));
  g_assert_true (strchr (run->err, '\n') == strrchr (run->err, '\n'));
}

static JsonNode *
parse_json (const char *text)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  g_assert_true (json_parser_load_from_data (parser, text, -1, &error));
  g_assert_no_error (error);
  return json_node_copy (json_parser_get_root (parser));
}

static guint
count_contacts (Fixture *f)
{
  g_auto(Run) run = { 0 };
  g_autoptr(JsonNode) root = NULL;

  run_cli (&run, f, NULL, "contacts", "list", f->client_id, "--json", NULL);
  g_assert_cmpint (run.status, ==, 0);
  root = parse_json (run.out);
  return json_array_get_length (json_node_get_array (root));
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_auto(Run) run = { 0 };
  g_autoptr(JsonNode) root = NULL;

  f->dir = g_dir_make_tmp ("polku-test-cli-contacts-XXXXXX", NULL);
  f->passphrase_file = g_build_filename (f->dir, "passphrase", NULL);
  g_assert_true (g_file_set_contents (f->passphrase_file, PASSPHRASE "\n", -1, NULL));

  run_cli (&run, f, "{\"given_name\": \"Aino\", \"family_name\": \"Virtanen\"}",
           "clients", "add", "--json", "-", NULL);
  g_assert_cmpint (run.status, ==, 0);
  root = parse_json (run.out);
  f->client_id = g_strdup (json_object_get_string_member (json_node_get_object (root), "id"));
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
  g_free (f->client_id);
}

static void
test_usage (Fixture       *f,
            gconstpointer  data)
{
  g_auto(Run) run = { 0 };

  run_cli (&run, f, NULL, "--help", NULL);
  g_assert_nonnull (strstr (run.out, "contacts import CLIENT-ID FILE.csv"));
  g_assert_nonnull (strstr (run.out, "mapping-visit show CLIENT-ID"));

  run_cli (&run, f, NULL, "contacts", NULL);
  assert_one_line_error (&run, 2);
  run_cli (&run, f, NULL, "contacts", "frobnicate", NULL);
  assert_one_line_error (&run, 2);
  run_cli (&run, f, NULL, "contacts", "list", NULL);
  assert_one_line_error (&run, 2);
  run_cli (&run, f, NULL, "contacts", "list", "not-an-id", NULL);
  assert_one_line_error (&run, 2);
  run_cli (&run, f, NULL, "contacts", "list", f->client_id, "--from", "yesterday", NULL);
  assert_one_line_error (&run, 2);
  run_cli (&run, f, NULL, "contacts", "import", f->client_id, NULL);
  assert_one_line_error (&run, 2);
  run_cli (&run, f, NULL, "contacts", "import", f->client_id, "/nonexistent/file.csv", NULL);
  assert_one_line_error (&run, 2);
  run_cli (&run, f, NULL, "mapping-visit", NULL);
  assert_one_line_error (&run, 2);
  run_cli (&run, f, NULL, "mapping-visit", "show", NULL);
  assert_one_line_error (&run, 2);

  /* An unknown client is a failure, not a usage error. */
  run_cli (&run, f, NULL, "contacts", "list", "7d9b3f34-5b7a-4c8a-9d4e-0d5b1a4a2f11", NULL);
  assert_one_line_error (&run, 1);
}

static void
test_add_list (Fixture       *f,
               gconstpointer  data)
{
  g_auto(Run) run = { 0 };
  g_autoptr(JsonNode) root = NULL;
  JsonObject *o;
  JsonArray *a;
  g_autofree char *contact_id = NULL;

  /* Bad input: exit 2, nothing written. */
  run_cli (&run, f, "{\"date\": \"30.2.2026\", \"type\": \"doctor\"}",
           "contacts", "add", f->client_id, "--json", "-", NULL);
  assert_one_line_error (&run, 2);
  run_cli (&run, f, "{\"date\": \"2026-02-03\", \"type\": \"dentist\"}",
           "contacts", "add", f->client_id, "--json", "-", NULL);
  assert_one_line_error (&run, 2);
  run_cli (&run, f, "{\"date\": \"2026-02-03\", \"type\": \"doctor\", \"urgent\": \"yes\"}",
           "contacts", "add", f->client_id, "--json", "-", NULL);
  assert_one_line_error (&run, 2);
  run_cli (&run, f, "{\"date\": \"2026-02-03\", \"type\": \"doctor\", \"professsional\": \"x\"}",
           "contacts", "add", f->client_id, "--json", "-", NULL);
  assert_one_line_error (&run, 2);
  g_assert_nonnull (strstr (run.err, "professsional"));
  /* In an array, one bad contact stops all. */
  run_cli (&run, f, "[{\"date\": \"2026-02-03\", \"type\": \"doctor\"}, {\"date\": \"x\", "
                    "\"type\": \"nurse\"}]",
           "contacts", "add", f->client_id, "--json", "-", NULL);
  assert_one_line_error (&run, 2);
  g_assert_nonnull (strstr (run.err, "Contact 2"));
  g_assert_cmpuint (count_contacts (f), ==, 0);

  run_cli (&run, f, "{\"date\": \"3.2.2026\", \"time\": \"9:30\", \"type\": \"Lääkäri\", "
                    "\"urgent\": true, \"professional\": \"L-1\", \"professional_name\": "
                    "\"Anna Lehtinen\", \"organisation\": \"Terveysasema\", \"no_show\": false}",
           "contacts", "add", f->client_id, "--json", "-", NULL);
  g_assert_cmpint (run.status, ==, 0);
  root = parse_json (run.out);
  o = json_node_get_object (root);
  g_assert_cmpstr (json_object_get_string_member (o, "date"), ==, "2026-02-03");
  g_assert_cmpstr (json_object_get_string_member (o, "time"), ==, "09:30");
  g_assert_cmpstr (json_object_get_string_member (o, "type"), ==, "doctor");
  g_assert_true (json_object_get_boolean_member (o, "urgent"));
  g_assert_cmpstr (json_object_get_string_member (o, "source"), ==, "entered");
  contact_id = g_strdup (json_object_get_string_member (o, "id"));
  g_clear_pointer (&root, json_node_unref);

  run_cli (&run, f, "[{\"date\": \"2026-03-01\", \"type\": \"phone\"}, "
                    "{\"date\": \"2026-01-15\", \"type\": \"emergency\", \"urgent\": true}]",
           "contacts", "add", f->client_id, "--json", "-", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpuint (count_contacts (f), ==, 3);

  run_cli (&run, f, NULL, "contacts", "list", f->client_id, "--from", "1.2.2026", "--to",
           "2026-02-28", "--json", NULL);
  g_assert_cmpint (run.status, ==, 0);
  root = parse_json (run.out);
  a = json_node_get_array (root);
  g_assert_cmpuint (json_array_get_length (a), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (a, 0), "id"),
                   ==, contact_id);
  g_clear_pointer (&root, json_node_unref);

  /* Text output: one line per contact, oldest first. */
  run_cli (&run, f, NULL, "contacts", "list", f->client_id, NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_true (g_str_has_prefix (run.out, "2026-01-15\t"));
  g_assert_nonnull (strstr (run.out, "Emergency department"));

  run_cli (&run, f, "{\"no_show\": true, \"note\": \"ei tullut\"}",
           "contacts", "update", contact_id, "--json", "-", NULL);
  g_assert_cmpint (run.status, ==, 0);
  root = parse_json (run.out);
  g_assert_true (json_object_get_boolean_member (json_node_get_object (root), "no_show"));
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (root), "type"), ==,
                   "doctor");

  run_cli (&run, f, "{\"type\": \"nonsense\"}", "contacts", "update", contact_id, "--json", "-",
           NULL);
  assert_one_line_error (&run, 2);

  run_cli (&run, f, NULL, "contacts", "remove", contact_id, NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpuint (count_contacts (f), ==, 2);
  run_cli (&run, f, NULL, "contacts", "remove", contact_id, NULL);
  assert_one_line_error (&run, 1);

  /* Every change and read went to the audit log, and the chain holds. */
  run_cli (&run, f, NULL, "audit", "verify", NULL);
  g_assert_cmpint (run.status, ==, 0);
  run_cli (&run, f, NULL, "audit", "list", f->client_id, NULL);
  g_assert_nonnull (strstr (run.out, "contact.add"));
  g_assert_nonnull (strstr (run.out, "contact.update"));
  g_assert_nonnull (strstr (run.out, "contact.remove"));
  g_assert_nonnull (strstr (run.out, "contact.list"));
}

#define CSV \
  "\xef\xbb\xbfPäivämäärä;Tyyppi;Ammattilainen;Kiireellinen;Ei saapunut\r\n" \
  "3.2.2026;Lääkäri;L-1;ei;\r\n" \
  "31.2.2026;hammaslääkäri;;ehkä;\r\n" \
  "5.2.2026;päivystys;;kyllä;\r\n" \
  "6.2.2026;hoitaja;H-1;;x\r\n"

static JsonObject *
import_report (Run      *run,
               JsonNode **out_root)
{
  *out_root = parse_json (run->out);
  return json_node_get_object (*out_root);
}

static void
test_import (Fixture       *f,
             gconstpointer  data)
{
  g_auto(Run) run = { 0 };
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *csv = g_build_filename (f->dir, "kaynnit.csv", NULL);
  g_autofree char *bad = g_build_filename (f->dir, "bad.csv", NULL);
  JsonObject *report;
  JsonArray *errors;

  g_assert_true (g_file_set_contents (csv, CSV, -1, NULL));

  /* A bad row: the report on stdout, one line on stderr, exit 2, nothing written. */
  run_cli (&run, f, NULL, "contacts", "import", f->client_id, csv, NULL);
  g_assert_cmpint (run.status, ==, 2);
  assert_one_line_error (&run, 2);
  report = import_report (&run, &root);
  g_assert_cmpint (json_object_get_int_member (report, "rows"), ==, 4);
  g_assert_cmpint (json_object_get_int_member (report, "valid"), ==, 3);
  g_assert_cmpint (json_object_get_int_member (report, "invalid"), ==, 1);
  g_assert_cmpint (json_object_get_int_member (report, "written"), ==, 0);
  g_assert_cmpstr (json_object_get_string_member (report, "separator"), ==, ";");
  g_assert_cmpstr (json_object_get_string_member (report, "encoding"), ==, "UTF-8 BOM");
  errors = json_object_get_array_member (report, "errors");
  g_assert_cmpuint (json_array_get_length (errors), ==, 3);
  for (guint i = 0; i < 3; i++)
    {
      JsonObject *e = json_array_get_object_element (errors, i);

      g_assert_cmpint (json_object_get_int_member (e, "row"), ==, 3);
      g_assert_nonnull (json_object_get_string_member (e, "message"));
    }
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (errors, 0),
                                                  "field"), ==, "date");
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (errors, 1),
                                                  "field"), ==, "type");
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (errors, 2),
                                                  "field"), ==, "urgent");
  g_clear_pointer (&root, json_node_unref);
  g_assert_cmpuint (count_contacts (f), ==, 0);

  /* A dry run writes nothing even when skipping. */
  run_cli (&run, f, NULL, "contacts", "import", f->client_id, csv, "--dry-run",
           "--skip-bad-rows", NULL);
  g_assert_cmpint (run.status, ==, 0);
  report = import_report (&run, &root);
  g_assert_true (json_object_get_boolean_member (report, "dry_run"));
  g_assert_cmpint (json_object_get_int_member (report, "written"), ==, 0);
  g_clear_pointer (&root, json_node_unref);
  g_assert_cmpuint (count_contacts (f), ==, 0);

  run_cli (&run, f, NULL, "contacts", "import", f->client_id, csv, "--skip-bad-rows", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (run.err, ==, "");
  report = import_report (&run, &root);
  g_assert_cmpint (json_object_get_int_member (report, "written"), ==, 3);
  g_clear_pointer (&root, json_node_unref);
  g_assert_cmpuint (count_contacts (f), ==, 3);

  /* Again: the rows are in the log already and are not counted twice. */
  run_cli (&run, f, NULL, "contacts", "import", f->client_id, csv, "--skip-bad-rows", NULL);
  g_assert_cmpint (run.status, ==, 0);
  report = import_report (&run, &root);
  g_assert_cmpint (json_object_get_int_member (report, "written"), ==, 0);
  g_assert_cmpint (json_object_get_int_member (report, "duplicate"), ==, 3);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (report, "duplicates")),
                    ==, 3);
  g_clear_pointer (&root, json_node_unref);
  g_assert_cmpuint (count_contacts (f), ==, 3);

  /* A file without the needed columns: exit 2 before the database is touched. */
  g_assert_true (g_file_set_contents (bad, "when,what\n2026-01-01,doctor\n", -1, NULL));
  run_cli (&run, f, NULL, "contacts", "import", f->client_id, bad, NULL);
  assert_one_line_error (&run, 2);
  g_assert_cmpstr (run.out, ==, "");
}

static void
test_types (Fixture       *f,
            gconstpointer  data)
{
  g_auto(Run) run = { 0 };
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *file = g_build_filename (f->dir, "types.json", NULL);

  run_cli (&run, f, NULL, "contacts", "types", "--json", NULL);
  g_assert_cmpint (run.status, ==, 0);
  root = parse_json (run.out);
  g_assert_cmpuint (json_array_get_length (json_node_get_array (root)), ==, 9);

  g_assert_true (g_file_set_contents (file, "{\"format\": \"polku-contact-types\", \"version\": 1,"
                                      " \"types\": [{\"id\": \"x\", \"labels\": {\"en\": \"X\"}}]}",
                                      -1, NULL));
  run_cli (&run, f, NULL, "contacts", "types", "--file", file, NULL);
  assert_one_line_error (&run, 2);
  g_assert_nonnull (strstr (run.err, "types.json: types[0].labels.fi"));
}

static void
test_mapping_visit (Fixture       *f,
                    gconstpointer  data)
{
  g_auto(Run) run = { 0 };
  g_autoptr(JsonNode) root = NULL;
  JsonObject *o;
  JsonArray *items;
  gboolean consent_done = FALSE;

  run_cli (&run, f, NULL, "mapping-visit", "show", f->client_id, NULL);
  assert_one_line_error (&run, 1);

  /* Bad input makes no visit. */
  run_cli (&run, f, "{\"notes\": \"x\", \"timer\": \"sprint\"}",
           "mapping-visit", "update", f->client_id, "--json", "-", NULL);
  assert_one_line_error (&run, 2);
  run_cli (&run, f, "{\"items\": [{\"key\": \"no-such-item\", \"done\": true}]}",
           "mapping-visit", "update", f->client_id, "--json", "-", NULL);
  assert_one_line_error (&run, 2);
  run_cli (&run, f, "{\"held_on\": \"4.3.2026\"}",
           "mapping-visit", "update", f->client_id, "--json", "-", NULL);
  assert_one_line_error (&run, 2);
  run_cli (&run, f, NULL, "mapping-visit", "show", f->client_id, NULL);
  assert_one_line_error (&run, 1);

  /* The first update makes the visit. */
  run_cli (&run, f, "{\"scheduled\": \"2026-03-04T10:00\", \"notes\": \"Kotikäynti\", "
                    "\"timer\": \"start\", \"items\": [{\"key\": \"consent\", \"done\": true, "
                    "\"note\": \"Kirjallinen\"}]}",
           "mapping-visit", "update", f->client_id, "--json", "-", NULL);
  g_assert_cmpint (run.status, ==, 0);
  root = parse_json (run.out);
  o = json_node_get_object (root);
  g_assert_true (json_object_get_boolean_member (o, "running"));
  g_assert_cmpint (json_object_get_int_member (o, "planned_minutes"), ==, 120);
  g_clear_pointer (&root, json_node_unref);

  run_cli (&run, f, "{\"timer\": \"pause\", \"held_on\": \"2026-03-04\"}",
           "mapping-visit", "update", f->client_id, "--json", "-", NULL);
  g_assert_cmpint (run.status, ==, 0);

  run_cli (&run, f, NULL, "mapping-visit", "show", f->client_id, "--json", NULL);
  g_assert_cmpint (run.status, ==, 0);
  root = parse_json (run.out);
  o = json_node_get_object (root);
  g_assert_false (json_object_get_boolean_member (o, "running"));
  g_assert_cmpstr (json_object_get_string_member (o, "held_on"), ==, "2026-03-04");
  g_assert_cmpstr (json_object_get_string_member (o, "notes"), ==, "Kotikäynti");
  items = json_object_get_array_member (o, "items");
  for (guint i = 0; i < json_array_get_length (items); i++)
    {
      JsonObject *item = json_array_get_object_element (items, i);

      if (g_str_equal (json_object_get_string_member (item, "key"), "consent"))
        {
          consent_done = json_object_get_boolean_member (item, "done");
          g_assert_cmpstr (json_object_get_string_member (item, "note"), ==, "Kirjallinen");
        }
    }
  g_assert_true (consent_done);
  g_clear_pointer (&root, json_node_unref);

  run_cli (&run, f, NULL, "mapping-visit", "new", f->client_id, NULL);
  g_assert_cmpint (run.status, ==, 0);
  run_cli (&run, f, NULL, "mapping-visit", "show", f->client_id, NULL);
  root = parse_json (run.out);
  g_assert_null (json_object_get_string_member (json_node_get_object (root), "notes"));

  run_cli (&run, f, NULL, "mapping-visit", "agenda", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "\"main-burden\""));

  run_cli (&run, f, NULL, "audit", "verify", NULL);
  g_assert_cmpint (run.status, ==, 0);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_assert_nonnull (g_getenv ("POLKU_CLI"));

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("/cli-contacts/usage", test_usage);
  ADD ("/cli-contacts/add-list", test_add_list);
  ADD ("/cli-contacts/import", test_import);
  ADD ("/cli-contacts/types", test_types);
  ADD ("/cli-contacts/mapping-visit", test_mapping_visit);
#undef ADD

  return g_test_run ();
}
