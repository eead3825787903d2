/* test-cli-contacts.c: polku-cli contacts and mapping-visit as a script would use them:
 * exit codes, one-line errors, JSON, per-row CSV errors, nothing written on bad input
 *
 * Copyright 2026 The Polku authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "cli-test-helpers.h"

static guint
count_contacts (Fixture *f)
{
  g_auto(Run) run = { 0 };
  g_autoptr(JsonNode) root = NULL;

  CLI (&run, f, NULL, "contacts", "list", f->client_id, "--json");
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

  cli_fixture_setup (f, data);

  CLI (&run, f, "{\"given_name\": \"Aino\", \"family_name\": \"Virtanen\"}",
       "clients", "add", "--json", "-");
  g_assert_cmpint (run.status, ==, 0);
  root = parse_json (run.out);
  f->client_id = g_strdup (json_object_get_string_member (json_node_get_object (root), "id"));
}

static void
test_usage (Fixture       *f,
            gconstpointer  data)
{
  g_auto(Run) run = { 0 };

  CLI (&run, f, NULL, "--help");
  g_assert_nonnull (strstr (run.out, "contacts import CLIENT-ID FILE.csv"));
  g_assert_nonnull (strstr (run.out, "mapping-visit show CLIENT-ID"));

  CLI (&run, f, NULL, "contacts");
  assert_one_line_error (&run, 2);
  CLI (&run, f, NULL, "contacts", "frobnicate");
  assert_one_line_error (&run, 2);
  CLI (&run, f, NULL, "contacts", "list");
  assert_one_line_error (&run, 2);
  CLI (&run, f, NULL, "contacts", "list", "not-an-id");
  assert_one_line_error (&run, 2);
  CLI (&run, f, NULL, "contacts", "list", f->client_id, "--from", "yesterday");
  assert_one_line_error (&run, 2);
  CLI (&run, f, NULL, "contacts", "import", f->client_id);
  assert_one_line_error (&run, 2);
  CLI (&run, f, NULL, "contacts", "import", f->client_id, "/nonexistent/file.csv");
  assert_one_line_error (&run, 2);
  CLI (&run, f, NULL, "mapping-visit");
  assert_one_line_error (&run, 2);
  CLI (&run, f, NULL, "mapping-visit", "show");
  assert_one_line_error (&run, 2);

  /* An unknown client is a failure, not a usage error. */
  CLI (&run, f, NULL, "contacts", "list", "7d9b3f34-5b7a-4c8a-9d4e-0d5b1a4a2f11");
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
  CLI (&run, f, "{\"date\": \"30.2.2026\", \"type\": \"doctor\"}",
       "contacts", "add", f->client_id, "--json", "-");
  assert_one_line_error (&run, 2);
  CLI (&run, f, "{\"date\": \"2026-02-03\", \"type\": \"dentist\"}",
       "contacts", "add", f->client_id, "--json", "-");
  assert_one_line_error (&run, 2);
  CLI (&run, f, "{\"date\": \"2026-02-03\", \"type\": \"doctor\", \"urgent\": \"yes\"}",
       "contacts", "add", f->client_id, "--json", "-");
  assert_one_line_error (&run, 2);
  CLI (&run, f, "{\"date\": \"2026-02-03\", \"type\": \"doctor\", \"professsional\": \"x\"}",
       "contacts", "add", f->client_id, "--json", "-");
  assert_one_line_error (&run, 2);
  g_assert_nonnull (strstr (run.err, "professsional"));
  /* In an array, one bad contact stops all. */
  CLI (&run, f, "[{\"date\": \"2026-02-03\", \"type\": \"doctor\"}, {\"date\": \"x\", "
                "\"type\": \"nurse\"}]",
       "contacts", "add", f->client_id, "--json", "-");
  assert_one_line_error (&run, 2);
  g_assert_nonnull (strstr (run.err, "Contact 2"));
  g_assert_cmpuint (count_contacts (f), ==, 0);

  CLI (&run, f, "{\"date\": \"3.2.2026\", \"time\": \"9:30\", \"type\": \"Lääkäri\", "
                "\"urgent\": true, \"professional\": \"L-1\", \"professional_name\": "
                "\"Anna Lehtinen\", \"organisation\": \"Terveysasema\", \"no_show\": false}",
       "contacts", "add", f->client_id, "--json", "-");
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

  CLI (&run, f, "[{\"date\": \"2026-03-01\", \"type\": \"phone\"}, "
                "{\"date\": \"2026-01-15\", \"type\": \"emergency\", \"urgent\": true}]",
       "contacts", "add", f->client_id, "--json", "-");
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpuint (count_contacts (f), ==, 3);

  CLI (&run, f, NULL, "contacts", "list", f->client_id, "--from", "1.2.2026", "--to",
       "2026-02-28", "--json");
  g_assert_cmpint (run.status, ==, 0);
  root = parse_json (run.out);
  a = json_node_get_array (root);
  g_assert_cmpuint (json_array_get_length (a), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (a, 0), "id"),
                   ==, contact_id);
  g_clear_pointer (&root, json_node_unref);

  /* Text output: one line per contact, oldest first. */
  CLI (&run, f, NULL, "contacts", "list", f->client_id);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_true (g_str_has_prefix (run.out, "2026-01-15\t"));
  g_assert_nonnull (strstr (run.out, "Emergency department"));

  CLI (&run, f, "{\"no_show\": true, \"note\": \"ei tullut\"}",
       "contacts", "update", contact_id, "--json", "-");
  g_assert_cmpint (run.status, ==, 0);
  root = parse_json (run.out);
  g_assert_true (json_object_get_boolean_member (json_node_get_object (root), "no_show"));
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (root), "type"), ==,
                   "doctor");

  CLI (&run, f, "{\"type\": \"nonsense\"}", "contacts", "update", contact_id, "--json", "-");
  assert_one_line_error (&run, 2);

  CLI (&run, f, NULL, "contacts", "remove", contact_id);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpuint (count_contacts (f), ==, 2);
  CLI (&run, f, NULL, "contacts", "remove", contact_id);
  assert_one_line_error (&run, 1);

  /* Every change and read went to the audit log, and the chain holds. */
  CLI (&run, f, NULL, "audit", "verify");
  g_assert_cmpint (run.status, ==, 0);
  CLI (&run, f, NULL, "audit", "list", f->client_id);
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
  CLI (&run, f, NULL, "contacts", "import", f->client_id, csv);
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
  CLI (&run, f, NULL, "contacts", "import", f->client_id, csv, "--dry-run",
       "--skip-bad-rows");
  g_assert_cmpint (run.status, ==, 0);
  report = import_report (&run, &root);
  g_assert_true (json_object_get_boolean_member (report, "dry_run"));
  g_assert_cmpint (json_object_get_int_member (report, "written"), ==, 0);
  g_clear_pointer (&root, json_node_unref);
  g_assert_cmpuint (count_contacts (f), ==, 0);

  CLI (&run, f, NULL, "contacts", "import", f->client_id, csv, "--skip-bad-rows");
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (run.err, ==, "");
  report = import_report (&run, &root);
  g_assert_cmpint (json_object_get_int_member (report, "written"), ==, 3);
  g_clear_pointer (&root, json_node_unref);
  g_assert_cmpuint (count_contacts (f), ==, 3);

  /* Again: the rows are in the log already and are not counted twice. */
  CLI (&run, f, NULL, "contacts", "import", f->client_id, csv, "--skip-bad-rows");
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
  CLI (&run, f, NULL, "contacts", "import", f->client_id, bad);
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
  JsonArray *a;
  gboolean found = FALSE;

  CLI (&run, f, NULL, "contacts", "types", "--json");
  g_assert_cmpint (run.status, ==, 0);
  root = parse_json (run.out);
  a = json_node_get_array (root);
  g_assert_cmpuint (json_array_get_length (a), ==, 13);
  for (guint i = 0; i < json_array_get_length (a); i++)
    {
      JsonObject *o = json_array_get_object_element (a, i);

      if (g_str_equal (json_object_get_string_member (o, "id"), "coordinator-call"))
        {
          found = TRUE;
          g_assert_cmpstr (json_object_get_string_member (o, "category"), ==, "coordinator");
          g_assert_true (json_object_get_boolean_member (o, "continuity"));
        }
    }
  g_assert_true (found);
  g_clear_pointer (&root, json_node_unref);

  CLI (&run, f, NULL, "contacts", "categories", "--json");
  g_assert_cmpint (run.status, ==, 0);
  root = parse_json (run.out);
  a = json_node_get_array (root);
  g_assert_cmpuint (json_array_get_length (a), ==, 11);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (a, 2), "id"),
                   ==, "telephone_service");
  g_clear_pointer (&root, json_node_unref);
  CLI (&run, f, NULL, "contacts", "categories");
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "mental_health\tMental-health and substance-use services\n"));

  /* A county's file is checked whole: labels, a category that does not exist, ids used
   * twice. */
  g_assert_true (g_file_set_contents (file, "{\"format\": \"polku-contact-types\", \"version\": 1,"
                                      " \"categories\": [{\"id\": \"visits\", \"labels\": "
                                      "{\"en\": \"V\", \"fi\": \"K\", \"sv\": \"B\"}}],"
                                      " \"types\": [{\"id\": \"x\", \"labels\": {\"en\": \"X\"},"
                                      " \"category\": \"visits\"}]}", -1, NULL));
  CLI (&run, f, NULL, "contacts", "types", "--file", file);
  assert_one_line_error (&run, 2);
  g_assert_nonnull (strstr (run.err, "types.json: types[0].labels.fi"));

  g_assert_true (g_file_set_contents (file, "{\"format\": \"polku-contact-types\", \"version\": 1,"
                                      " \"categories\": [{\"id\": \"visits\", \"labels\": "
                                      "{\"en\": \"V\", \"fi\": \"K\", \"sv\": \"B\"}}],"
                                      " \"types\": [{\"id\": \"x\", \"labels\": {\"en\": \"X\","
                                      " \"fi\": \"X\", \"sv\": \"X\"}, \"category\": \"calls\"}]}",
                                      -1, NULL));
  CLI (&run, f, NULL, "contacts", "types", "--file", file);
  assert_one_line_error (&run, 2);
  g_assert_nonnull (strstr (run.err, "types.json: types[0].category"));
  g_assert_nonnull (strstr (run.err, "calls"));
  CLI (&run, f, NULL, "contacts", "categories", "--file", file);
  assert_one_line_error (&run, 2);

  g_assert_true (g_file_set_contents (file, "{\"format\": \"polku-contact-types\", \"version\": 1,"
                                      " \"categories\": [{\"id\": \"visits\", \"labels\": "
                                      "{\"en\": \"V\", \"fi\": \"K\", \"sv\": \"B\"}}],"
                                      " \"types\": [{\"id\": \"x\", \"labels\": {\"en\": \"X\","
                                      " \"fi\": \"X\", \"sv\": \"X\"}, \"category\": \"visits\"},"
                                      " {\"id\": \"x\", \"labels\": {\"en\": \"X\","
                                      " \"fi\": \"X\", \"sv\": \"X\"}, \"category\": \"visits\"}]}",
                                      -1, NULL));
  CLI (&run, f, NULL, "contacts", "types", "--file", file);
  assert_one_line_error (&run, 2);
  g_assert_nonnull (strstr (run.err, "types.json: types[1].id"));
}

/* Days of a stay and a reason: in, out, the rules, and the counts by category. */
static void
test_days_reason_counts (Fixture       *f,
                         gconstpointer  data)
{
  g_auto(Run) run = { 0 };
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *stay_id = NULL;
  JsonObject *o;
  JsonArray *a;

  /* A stay without days, days for a visit, days that are no number: exit 2, nothing
   * written. */
  CLI (&run, f, "{\"date\": \"2026-02-03\", \"type\": \"hospital-stay\"}",
       "contacts", "add", f->client_id, "--json", "-");
  assert_one_line_error (&run, 2);
  g_assert_nonnull (strstr (run.err, "days"));
  CLI (&run, f, "{\"date\": \"2026-02-03\", \"type\": \"doctor\", \"days\": 3}",
       "contacts", "add", f->client_id, "--json", "-");
  assert_one_line_error (&run, 2);
  CLI (&run, f, "{\"date\": \"2026-02-03\", \"type\": \"hospital-stay\", \"days\": \"3\"}",
       "contacts", "add", f->client_id, "--json", "-");
  assert_one_line_error (&run, 2);
  CLI (&run, f, "{\"date\": \"2026-02-03\", \"type\": \"hospital-stay\", \"days\": 3661}",
       "contacts", "add", f->client_id, "--json", "-");
  assert_one_line_error (&run, 2);
  g_assert_cmpuint (count_contacts (f), ==, 0);

  CLI (&run, f, "[{\"date\": \"2026-02-03\", \"type\": \"hospital-stay\", \"days\": 6,"
                " \"reason\": \"Keuhkokuume\"},"
                " {\"date\": \"2026-02-10\", \"type\": \"coordinator-call\","
                " \"reason\": \"keuhkokuume\"},"
                " {\"date\": \"2026-02-11\", \"type\": \"phone\", \"reason\": null},"
                " {\"date\": \"2026-02-12\", \"type\": \"doctor\", \"urgent\": true},"
                " {\"date\": \"2026-02-13\", \"type\": \"doctor\", \"no_show\": true}]",
       "contacts", "add", f->client_id, "--json", "-");
  g_assert_cmpint (run.status, ==, 0);
  root = parse_json (run.out);
  o = json_array_get_object_element (json_node_get_array (root), 0);
  g_assert_cmpint (json_object_get_int_member (o, "days"), ==, 6);
  g_assert_cmpstr (json_object_get_string_member (o, "reason"), ==, "Keuhkokuume");
  stay_id = g_strdup (json_object_get_string_member (o, "id"));
  o = json_array_get_object_element (json_node_get_array (root), 2);
  g_assert_true (json_object_get_null_member (o, "days"));
  g_assert_true (json_object_get_null_member (o, "reason"));
  g_clear_pointer (&root, json_node_unref);

  CLI (&run, f, "{\"days\": 7}", "contacts", "update", stay_id, "--json", "-");
  g_assert_cmpint (run.status, ==, 0);
  CLI (&run, f, "{\"days\": null}", "contacts", "update", stay_id, "--json", "-");
  assert_one_line_error (&run, 2);

  CLI (&run, f, NULL, "contacts", "list", f->client_id);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "\t7\tKeuhkokuume\n"));

  CLI (&run, f, NULL, "contacts", "counts", f->client_id, "--from", "1.2.2026", "--to",
       "2026-02-28", "--json");
  g_assert_cmpint (run.status, ==, 0);
  root = parse_json (run.out);
  o = json_node_get_object (root);
  g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (o, "total"),
                                               "contacts"), ==, 4);
  g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (o, "total"),
                                               "no_shows"), ==, 1);
  g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (o, "total"),
                                               "repeats"), ==, 1);
  g_assert_cmpint (json_object_get_int_member (o, "repeated_reasons"), ==, 1);
  a = json_object_get_array_member (o, "categories");
  for (guint i = 0; i < json_array_get_length (a); i++)
    {
      JsonObject *c = json_array_get_object_element (a, i);
      const char *id = json_object_get_string_member (c, "id");

      if (g_str_equal (id, "inpatient"))
        g_assert_cmpint (json_object_get_int_member (c, "days"), ==, 7);
      else if (g_str_equal (id, "doctor"))
        {
          g_assert_cmpint (json_object_get_int_member (c, "urgent"), ==, 1);
          g_assert_cmpint (json_object_get_int_member (c, "non_urgent"), ==, 0);
          g_assert_cmpint (json_object_get_int_member (c, "no_shows"), ==, 1);
        }
      else if (g_str_equal (id, "coordinator"))
        g_assert_cmpint (json_object_get_int_member (c, "repeats"), ==, 1);
      else if (g_str_equal (id, "telephone_service"))
        g_assert_cmpint (json_object_get_int_member (c, "contacts"), ==, 1);
    }
  g_clear_pointer (&root, json_node_unref);

  CLI (&run, f, NULL, "contacts", "counts", f->client_id);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "inpatient\tInpatient stays\t1\t0\t1\t0\t7\t0\n"));
  CLI (&run, f, NULL, "contacts", "counts", f->client_id, "--from", "2026-03-01", "--to",
       "2026-02-01");
  assert_one_line_error (&run, 2);
  CLI (&run, f, NULL, "contacts", "counts");
  assert_one_line_error (&run, 2);
  CLI (&run, f, NULL, "contacts", "counts", "7d9b3f34-5b7a-4c8a-9d4e-0d5b1a4a2f11");
  assert_one_line_error (&run, 1);
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

  CLI (&run, f, NULL, "mapping-visit", "show", f->client_id);
  assert_one_line_error (&run, 1);

  /* Bad input makes no visit. */
  CLI (&run, f, "{\"notes\": \"x\", \"timer\": \"sprint\"}",
       "mapping-visit", "update", f->client_id, "--json", "-");
  assert_one_line_error (&run, 2);
  CLI (&run, f, "{\"items\": [{\"key\": \"no-such-item\", \"done\": true}]}",
       "mapping-visit", "update", f->client_id, "--json", "-");
  assert_one_line_error (&run, 2);
  CLI (&run, f, "{\"held_on\": \"4.3.2026\"}",
       "mapping-visit", "update", f->client_id, "--json", "-");
  assert_one_line_error (&run, 2);
  CLI (&run, f, NULL, "mapping-visit", "show", f->client_id);
  assert_one_line_error (&run, 1);

  /* The first update makes the visit. */
  CLI (&run, f, "{\"scheduled\": \"2026-03-04T10:00\", \"notes\": \"Kotikäynti\", "
                "\"timer\": \"start\", \"items\": [{\"key\": \"consent\", \"done\": true, "
                "\"note\": \"Kirjallinen\"}]}",
       "mapping-visit", "update", f->client_id, "--json", "-");
  g_assert_cmpint (run.status, ==, 0);
  root = parse_json (run.out);
  o = json_node_get_object (root);
  g_assert_true (json_object_get_boolean_member (o, "running"));
  g_assert_cmpint (json_object_get_int_member (o, "planned_minutes"), ==, 120);
  g_clear_pointer (&root, json_node_unref);

  CLI (&run, f, "{\"timer\": \"pause\", \"held_on\": \"2026-03-04\"}",
       "mapping-visit", "update", f->client_id, "--json", "-");
  g_assert_cmpint (run.status, ==, 0);

  CLI (&run, f, NULL, "mapping-visit", "show", f->client_id, "--json");
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

  CLI (&run, f, NULL, "mapping-visit", "new", f->client_id);
  g_assert_cmpint (run.status, ==, 0);
  CLI (&run, f, NULL, "mapping-visit", "show", f->client_id);
  root = parse_json (run.out);
  g_assert_null (json_object_get_string_member (json_node_get_object (root), "notes"));

  CLI (&run, f, NULL, "mapping-visit", "agenda");
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "\"main-burden\""));

  CLI (&run, f, NULL, "audit", "verify");
  g_assert_cmpint (run.status, ==, 0);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_assert_nonnull (g_getenv ("POLKU_CLI"));

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_setup, func, cli_fixture_teardown)
  ADD ("/cli-contacts/usage", test_usage);
  ADD ("/cli-contacts/add-list", test_add_list);
  ADD ("/cli-contacts/import", test_import);
  ADD ("/cli-contacts/types", test_types);
  ADD ("/cli-contacts/days-reason-counts", test_days_reason_counts);
  ADD ("/cli-contacts/mapping-visit", test_mapping_visit);
#undef ADD

  return g_test_run ();
}
