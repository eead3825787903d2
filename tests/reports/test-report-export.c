/* test-report-export.c: the report's exports from real stores: the pseudonymised CSV (no
 * name, identity code, free text or date; RFC 4180), two laptops' files combining to the
 * right totals with each client once, refusals (another key, changed files, a conflict), the
 * FHIR Bundle's shape with suppressed cells carrying no value, the PDF's text (pdftotext) in
 * three languages, the JSON, the county key's parsing, and the audit entries
 *
 * Copyright 2026 The Polku authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "polku-audit.h"
#include "polku-client-store.h"
#include "polku-contact-store.h"
#include "polku-county-key.h"
#include "polku-demo.h"
#include "polku-hetu.h"
#include "polku-plan-store.h"
#include "polku-plan.h"
#include "polku-report-export.h"
#include "polku-store.h"

#include "../unit/test-common.h"

#define AGREED "2024-06-03"

/* What must never be in an export: names, identity codes (added per client), free text,
 * contact details, the exact dates. */
static const char * const canaries[] = {
  "Kanerva", "Testinen", "Ruusu", "Pihlajamäki", "KANARIAVELKA", "Kanariasyy", "Kanariatie",
  "0401234567", AGREED, "2024-03-0", "1950-01-0",
};

typedef struct
{
  char       *dir;
  PolkuStore *store;
} Laptop;

typedef struct
{
  char      *dir;
  Laptop     a;
  Laptop     b;
  GPtrArray *hetus;      /* every identity code made, to look for in the exports */
  guint8     key[POLKU_COUNTY_KEY_LENGTH];
  guint8     other_key[POLKU_COUNTY_KEY_LENGTH];
} Fixture;

static void
laptop_open (Fixture    *f,
             Laptop     *laptop,
             const char *name)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  laptop->dir = g_build_filename (f->dir, name, NULL);
  g_assert_cmpint (g_mkdir (laptop->dir, 0700), ==, 0);
  path = g_build_filename (laptop->dir, "polku.db", NULL);
  laptop->store = polku_store_open (path, POLKU_KEY_RAW, KEY, TRUE, &error);
  g_assert_no_error (error);
  polku_store_set_actor (laptop->store, "Sanna Koivisto");
}

static char *
hetu_of (guint i)
{
  g_autoptr(GDate) birth = g_date_new_dmy (1 + i, G_DATE_JANUARY, 1950);

  return polku_hetu_build (birth, 900 + i);
}

static void
add_contacts (PolkuStore *store,
              const char *client_id,
              guint       before,
              guint       after,
              gboolean    nurse)
{
  g_autoptr(GPtrArray) contacts = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GError) error = NULL;

  for (guint k = 0; k < before + after + (nurse ? 1 : 0); k++)
    {
      PolkuContact *c = polku_contact_new ();
      g_autofree char *date = k < before ? g_strdup_printf ("2024-03-%02u", 1 + k)
                                         : g_strdup_printf ("2024-08-%02u", 1 + k);

      polku_contact_set_client_id (c, client_id);
      polku_contact_set_date (c, date);
      polku_contact_set_type_id (c, k < before + after ? "doctor" : "nurse");
      polku_contact_set_urgent (c, k < before + after);
      polku_contact_set_reason (c, "Kanariasyy selkäkipuun");
      polku_contact_set_professional_name (c, "Lääkäri Lahtinen");
      g_ptr_array_add (contacts, c);
    }
  g_assert_true (polku_contact_store_add_all (store, client_id, contacts, &error));
  g_assert_no_error (error);
}

/* A client with a plan agreed on @agreed and urgent doctor visits before and after it. */
static void
add_client (Fixture    *f,
            PolkuStore *store,
            const char *hetu,
            const char *municipality,
            const char *agreed,
            guint       before,
            guint       after,
            gboolean    nurse)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PolkuClient) client = polku_client_new ();
  g_autoptr(JsonNode) document = NULL;
  gint64 version = 0;

  polku_client_set_given_name (client, "Kanerva");
  polku_client_set_family_name (client, hetu != NULL ? "Testinen" : "Pihlajamäki");
  polku_client_set_hetu (client, hetu);
  if (hetu != NULL)
    {
      g_autoptr(GDate) birth = g_date_new ();
      char date[16];

      g_assert_true (polku_hetu_validate (hetu, birth, NULL));
      g_date_strftime (date, sizeof date, "%Y-%m-%d", birth);
      polku_client_set_birth_date (client, date);
    }
  else
    polku_client_set_birth_date (client, "1950-01-05");
  polku_client_set_municipality (client, municipality);
  polku_client_set_address (client, "Kanariatie 5");
  polku_client_set_phone (client, "0401234567");
  polku_client_store_save (store, client, &error);
  g_assert_no_error (error);

  document = polku_plan_document_new (polku_client_get_id (client), "fi");
  json_object_set_string_member (json_node_get_object (document), "agreed_on", agreed);
  json_object_set_string_member (json_node_get_object (document), "main_burden",
                                 "KANARIAVELKA ja Ruusu-tädin hoito");
  g_assert_true (polku_plan_store_save (store, polku_client_get_id (client), document, 0,
                                        POLKU_PLAN_ORIGIN_EDIT, &version, &error));
  g_assert_no_error (error);
  add_contacts (store, polku_client_get_id (client), before, after, nurse);
}

/* Laptop A: clients 1–6, one without an identity code, one whose plan is too recent for any
 * after-period. Laptop B: clients 4–9, client 6 with one more visit after (B's log is newer).
 * Client i has (i % 3) + 1 urgent doctor visits before and one after; clients 1 and 2 a
 * nurse visit after as well. */
static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autofree char *recent = days_from_today (-30);

  f->dir = g_dir_make_tmp ("polku-test-report-export-XXXXXX", NULL);
  f->hetus = g_ptr_array_new_with_free_func (g_free);
  laptop_open (f, &f->a, "a");
  laptop_open (f, &f->b, "b");
  for (guint i = 0; i < sizeof f->key; i++)
    {
      f->key[i] = (guint8) (i * 7 + 1);
      f->other_key[i] = (guint8) (255 - i);
    }

  for (guint i = 1; i <= 10; i++)
    g_ptr_array_add (f->hetus, hetu_of (i));
  for (guint i = 1; i <= 6; i++)
    add_client (f, f->a.store, g_ptr_array_index (f->hetus, i - 1),
                i == 2 ? "Kangasniemi, \"kirkonkylä\"" : "Kuopio", AGREED, i % 3 + 1, 1, i <= 2);
  add_client (f, f->a.store, NULL, "Kuopio", AGREED, 2, 1, FALSE);
  add_client (f, f->a.store, g_ptr_array_index (f->hetus, 9), "Kuopio", recent, 1, 0, FALSE);
  for (guint i = 4; i <= 9; i++)
    add_client (f, f->b.store, g_ptr_array_index (f->hetus, i - 1), "Kuopio", AGREED,
                i % 3 + 1, i == 6 ? 2 : 1, FALSE);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_clear_object (&f->a.store);
  g_clear_object (&f->b.store);
  g_free (f->a.dir);
  g_free (f->b.dir);
  remove_tree (f->dir);
  g_free (f->dir);
  g_ptr_array_unref (f->hetus);
}

static PolkuReport *
run_report (PolkuStore *store,
            const char *language)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PolkuReportQuery) query = polku_report_query_new ();
  PolkuReport *report;

  query->from = g_strdup ("2024-01-01");
  query->to = g_strdup ("2026-12-31");
  query->language = g_strdup (language);
  report = polku_report_run (store, query, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (report);
  return report;
}

static char *
memory_text (GOutputStream *out)
{
  GMemoryOutputStream *memory = G_MEMORY_OUTPUT_STREAM (out);

  g_assert_true (g_output_stream_close (out, NULL, NULL));
  if (g_memory_output_stream_get_data_size (memory) == 0)
    return g_strdup ("");
  return g_strndup (g_memory_output_stream_get_data (memory),
                    g_memory_output_stream_get_data_size (memory));
}

static char *
export_csv (PolkuStore   *store,
            const guint8 *key)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PolkuReport) report = run_report (store, "fi");
  g_autoptr(GOutputStream) out = g_memory_output_stream_new_resizable ();

  g_assert_true (polku_report_write_csv (report, key, POLKU_COUNTY_KEY_LENGTH, out, &error));
  g_assert_no_error (error);
  return memory_text (out);
}

static void
assert_clean (Fixture    *f,
              const char *text,
              const char *what)
{
  for (guint i = 0; i < G_N_ELEMENTS (canaries); i++)
    if (strstr (text, canaries[i]) != NULL)
      g_error ("%s has “%s” in it", what, canaries[i]);
  for (guint i = 0; i < f->hetus->len; i++)
    {
      const char *hetu = g_ptr_array_index (f->hetus, i);

      if (strstr (text, hetu) != NULL)
        g_error ("%s has an identity code in it", what);
    }
}

/* A small RFC 4180 reader for the tests: rows of fields. */
static GPtrArray *
read_csv (const char *text)
{
  GPtrArray *rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
  GPtrArray *row = g_ptr_array_new_with_free_func (g_free);
  GString *field = g_string_new (NULL);
  gboolean quoted = FALSE;

  for (const char *p = text; *p != '\0'; p++)
    {
      if (quoted)
        {
          if (*p == '"' && p[1] == '"')
            g_string_append_c (field, *p++);
          else if (*p == '"')
            quoted = FALSE;
          else
            g_string_append_c (field, *p);
        }
      else if (*p == '"')
        quoted = TRUE;
      else if (*p == ',')
        {
          g_ptr_array_add (row, g_string_free (field, FALSE));
          field = g_string_new (NULL);
        }
      else if (*p == '\r' && p[1] == '\n')
        {
          p++;
          g_ptr_array_add (row, g_string_free (field, FALSE));
          field = g_string_new (NULL);
          g_ptr_array_add (rows, row);
          row = g_ptr_array_new_with_free_func (g_free);
        }
      else
        {
          /* Only CRLF ends a record. */
          g_assert_cmpint (*p, !=, '\n');
          g_string_append_c (field, *p);
        }
    }
  g_assert_cmpuint (field->len, ==, 0);
  g_assert_cmpuint (row->len, ==, 0);
  g_string_free (field, TRUE);
  g_ptr_array_unref (row);
  return rows;
}

static int
column (GPtrArray  *rows,
        const char *name)
{
  GPtrArray *header = g_ptr_array_index (rows, 0);

  for (guint i = 0; i < header->len; i++)
    if (g_strcmp0 (g_ptr_array_index (header, i), name) == 0)
      return (int) i;
  g_error ("no column %s", name);
  return -1;
}

static const char *
cell (GPtrArray *rows,
      guint      row,
      int        col)
{
  return g_ptr_array_index ((GPtrArray *) g_ptr_array_index (rows, row), col);
}

static double
column_sum (GPtrArray  *rows,
            const char *name)
{
  int c = column (rows, name);
  double sum = 0;

  for (guint r = 1; r < rows->len; r++)
    sum += g_ascii_strtod (cell (rows, r, c), NULL);
  return sum;
}

static char *
write_file (Fixture    *f,
            const char *name,
            const char *text)
{
  g_autoptr(GError) error = NULL;
  char *path = g_build_filename (f->dir, name, NULL);

  g_assert_true (g_file_set_contents (path, text, -1, &error));
  g_assert_no_error (error);
  return path;
}

/* Combines @paths; on success returns the text, on failure NULL with @error and nothing
 * written. */
static char *
combine (const char * const  *paths,
         GError             **error)
{
  g_autoptr(GOutputStream) out = g_memory_output_stream_new_resizable ();
  gboolean ok = polku_report_combine_csv (paths, out, 0, error);
  g_autofree char *text = memory_text (out);

  if (!ok)
    {
      g_assert_cmpstr (text, ==, "");
      return NULL;
    }
  return g_steal_pointer (&text);
}

static void
test_csv (Fixture       *f,
          gconstpointer  data)
{
  g_autofree char *text = export_csv (f->a.store, f->key);
  g_autoptr(GPtrArray) rows = read_csv (text);
  g_autoptr(GBytes) key = g_bytes_new (f->key, sizeof f->key);
  g_autofree char *fingerprint = polku_county_key_fingerprint (key);
  g_autofree char *expected = NULL;
  GPtrArray *header = g_ptr_array_index (rows, 0);
  int pseudonym = column (rows, "pseudonym");
  int combinable = column (rows, "combinable");
  int before = column (rows, "before_6m_doctor_urgent");
  int months = column (rows, "included_months");
  int municipality = column (rows, "municipality");
  guint n_combinable = 0, quoted = 0;

  assert_clean (f, text, "The CSV");
  /* Eight clients, each a row with every column; the header's names are stable. */
  g_assert_cmpuint (rows->len, ==, 1 + 8);
  g_assert_cmpstr (g_ptr_array_index (header, 0), ==, "pseudonym");
  column (rows, "after_24m_inpatient_days");
  column (rows, "coci_before_12m");
  column (rows, "whoqol_latest_social");
  column (rows, "satisfaction_month");
  for (guint r = 1; r < rows->len; r++)
    {
      GPtrArray *row = g_ptr_array_index (rows, r);

      g_assert_cmpuint (row->len, ==, header->len);
      g_assert_cmpuint (strlen (cell (rows, r, pseudonym)), ==, 32);
      g_assert_cmpstr (cell (rows, r, column (rows, "key_fingerprint")), ==, fingerprint);
      g_assert_cmpstr (cell (rows, r, column (rows, "format")), ==, POLKU_REPORT_CSV_FORMAT);
      if (g_str_equal (cell (rows, r, combinable), "1"))
        n_combinable++;
      if (g_str_equal (cell (rows, r, municipality), "Kangasniemi, \"kirkonkylä\""))
        quoted++;
    }
  g_assert_cmpuint (n_combinable, ==, 7);
  g_assert_cmpuint (quoted, ==, 1);
  g_assert_nonnull (strstr (text, ",\"Kangasniemi, \"\"kirkonkylä\"\"\","));

  /* The pseudonym is the keyed hash of the identity code: client 1's row is there. */
  expected = polku_report_pseudonym (f->key, sizeof f->key, g_ptr_array_index (f->hetus, 0),
                                     "whatever", NULL);
  for (guint r = 1; r < rows->len; r++)
    if (g_strcmp0 (cell (rows, r, pseudonym), expected) == 0)
      {
        g_assert_cmpstr (cell (rows, r, before), ==, "2");
        g_assert_cmpstr (cell (rows, r, months), ==, "24");
        g_clear_pointer (&expected, g_free);
      }
  g_assert_null (expected);
  /* (1 % 3 + 1) + … + (6 % 3 + 1) + 2 for the client without a code; the recent client is
   * in no period, so has no figures. */
  g_assert_cmpfloat (column_sum (rows, "before_6m_doctor_urgent"), ==, 2 + 3 + 1 + 2 + 3 + 1 + 2);
  g_assert_cmpfloat (column_sum (rows, "after_6m_nurse"), ==, 2);
}

static void
test_pseudonym (void)
{
  guint8 key[POLKU_COUNTY_KEY_LENGTH] = { 1, 2, 3 };
  guint8 other[POLKU_COUNTY_KEY_LENGTH] = { 3, 2, 1 };
  gboolean combinable = FALSE;
  g_autofree char *a = polku_report_pseudonym (key, sizeof key, "010150-902H", "x", &combinable);
  g_autofree char *b = polku_report_pseudonym (key, sizeof key, " 010150-902h ", "y", NULL);
  g_autofree char *c = polku_report_pseudonym (other, sizeof other, "010150-902H", "x", NULL);
  g_autofree char *d = NULL;
  g_autofree char *e = NULL;
  g_autoptr(GHmac) hmac = g_hmac_new (G_CHECKSUM_SHA256, key, sizeof key);

  g_assert_true (combinable);
  /* Normalised before hashing, so two laptops' typings agree; another key, another name. */
  g_assert_cmpstr (a, ==, b);
  g_assert_cmpstr (a, !=, c);
  g_hmac_update (hmac, (const guchar *) "010150-902H", -1);
  g_assert_true (g_str_has_prefix (g_hmac_get_string (hmac), a));
  g_assert_cmpuint (strlen (a), ==, 32);

  d = polku_report_pseudonym (key, sizeof key, NULL, "client-1", &combinable);
  e = polku_report_pseudonym (key, sizeof key, "", "client-2", NULL);
  g_assert_false (combinable);
  g_assert_cmpstr (d, !=, e);
}

static void
test_combine (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *a_text = export_csv (f->a.store, f->key);
  g_autofree char *b_text = NULL;
  g_autofree char *a = write_file (f, "a.csv", a_text);
  g_autofree char *b = NULL;
  g_autofree char *combined = NULL;
  g_autofree char *again = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autofree char *six = polku_report_pseudonym (f->key, sizeof f->key,
                                                 g_ptr_array_index (f->hetus, 5), "-", NULL);
  int pseudonym, after;
  guint found = 0;

  g_usleep (5000);  /* B's export is the newer one */
  b_text = export_csv (f->b.store, f->key);
  b = write_file (f, "b.csv", b_text);
  {
    const char *paths[] = { a, b, NULL };

    combined = combine (paths, &error);
    g_assert_no_error (error);
  }
  assert_clean (f, combined, "The combined CSV");
  rows = read_csv (combined);
  /* Clients 1–9, the one without an identity code and the recent one: eleven, each once. */
  g_assert_cmpuint (rows->len, ==, 1 + 11);
  g_assert_cmpfloat (column_sum (rows, "before_6m_doctor_urgent"), ==,
                     2 + 3 + 1 + 2 + 3 + 1 + 2 + 3 + 1 + 2);
  /* Client 6 as B has it (the newer export): 2 visits after; the others one each. */
  g_assert_cmpfloat (column_sum (rows, "after_6m_doctor_urgent"), ==, 9 + 1 + 1);
  pseudonym = column (rows, "pseudonym");
  after = column (rows, "after_6m_doctor_urgent");
  for (guint r = 1; r < rows->len; r++)
    if (g_str_equal (cell (rows, r, pseudonym), six))
      {
        g_assert_cmpstr (cell (rows, r, after), ==, "2");
        found++;
      }
  g_assert_cmpuint (found, ==, 1);

  /* The result is itself a file that combines: with A again it is the same clients. */
  {
    g_autofree char *c = write_file (f, "c.csv", combined);
    const char *paths[] = { c, a, NULL };

    again = combine (paths, &error);
    g_assert_no_error (error);
    g_assert_cmpstr (again, ==, combined);
  }
}

static void
test_combine_refused (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *a_text = export_csv (f->a.store, f->key);
  g_autofree char *other_text = export_csv (f->b.store, f->other_key);
  g_autofree char *a = write_file (f, "a.csv", a_text);
  g_autofree char *other = write_file (f, "other.csv", other_text);
  g_autoptr(GPtrArray) rows = read_csv (a_text);
  g_autoptr(GString) changed = g_string_new (NULL);
  g_autoptr(GString) no_column = g_string_new (NULL);
  g_autofree char *changed_path = NULL;
  g_autofree char *no_column_path = NULL;
  g_autofree char *junk = write_file (f, "junk.csv", "a,b\r\n\"unclosed\r\n");
  g_autofree char *missing = g_build_filename (f->dir, "missing.csv", NULL);
  const char *paths[3] = { a, NULL, NULL };
  int age = column (rows, "age_band");
  int fingerprint = column (rows, "key_fingerprint");

  /* Another county key: refused, naming the file; nothing written. */
  paths[1] = other;
  g_assert_null (combine (paths, &error));
  g_assert_error (error, POLKU_REPORT_EXPORT_ERROR, POLKU_REPORT_EXPORT_ERROR_MISMATCH);
  g_assert_nonnull (strstr (error->message, "other.csv"));
  g_assert_nonnull (strstr (error->message, "county key"));
  g_clear_error (&error);

  /* The same client twice with the same export time but a different row: a conflict. */
  for (guint r = 0; r < 2; r++)
    {
      GPtrArray *row = g_ptr_array_index (rows, r);

      for (guint c = 0; c < row->len; c++)
        {
          const char *value = g_ptr_array_index (row, c);
          g_autofree char *quoted = NULL;

          if (r == 1 && (int) c == age)
            value = "18-24";
          if (strpbrk (value, ",\"") != NULL)
            {
              g_autoptr(GString) q = g_string_new (value);

              g_string_replace (q, "\"", "\"\"", 0);
              quoted = g_strdup_printf ("\"%s\"", q->str);
              value = quoted;
            }
          g_string_append_printf (changed, "%s%s", c > 0 ? "," : "", value);
          if ((int) c != fingerprint)
            g_string_append_printf (no_column, "%s%s", c > 0 ? "," : "", value);
        }
      g_string_append (changed, "\r\n");
      g_string_append (no_column, "\r\n");
    }
  changed_path = write_file (f, "changed.csv", changed->str);
  paths[1] = changed_path;
  g_assert_null (combine (paths, &error));
  g_assert_error (error, POLKU_REPORT_EXPORT_ERROR, POLKU_REPORT_EXPORT_ERROR_CONFLICT);
  g_assert_nonnull (strstr (error->message, "changed.csv"));
  g_clear_error (&error);

  /* A file without a column Polku writes. */
  no_column_path = write_file (f, "no-column.csv", no_column->str);
  paths[1] = no_column_path;
  g_assert_null (combine (paths, &error));
  g_assert_error (error, POLKU_REPORT_EXPORT_ERROR, POLKU_REPORT_EXPORT_ERROR_MISMATCH);
  g_assert_nonnull (strstr (error->message, "key_fingerprint"));
  g_clear_error (&error);

  /* Broken CSV, and a file that is not there. */
  paths[1] = junk;
  g_assert_null (combine (paths, &error));
  g_assert_error (error, POLKU_REPORT_EXPORT_ERROR, POLKU_REPORT_EXPORT_ERROR_MISMATCH);
  g_clear_error (&error);
  paths[1] = missing;
  g_assert_null (combine (paths, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
}

/* Every group of every MeasureReport: suppressed ones carry no count and no score. */
static void
test_fhir (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(PolkuReport) report = run_report (f->a.store, "fi");
  g_autoptr(JsonNode) bundle = polku_report_to_fhir (report);
  g_autofree char *text = json_to_string (bundle, FALSE);
  JsonObject *root = json_node_get_object (bundle);
  JsonArray *entries = json_object_get_array_member (root, "entry");
  guint suppressed = 0, shown = 0, clients = 0, left_out = 0;

  assert_clean (f, text, "The FHIR Bundle");
  g_assert_cmpstr (json_object_get_string_member (root, "resourceType"), ==, "Bundle");
  g_assert_cmpstr (json_object_get_string_member (root, "type"), ==, "collection");
  g_assert_cmpuint (json_array_get_length (entries), >=, 5);
  for (guint i = 0; i < json_array_get_length (entries); i++)
    {
      JsonObject *resource = json_object_get_object_member (
        json_array_get_object_element (entries, i), "resource");
      JsonObject *period = json_object_get_object_member (resource, "period");
      JsonArray *groups = json_object_get_array_member (resource, "group");

      g_assert_cmpstr (json_object_get_string_member (resource, "resourceType"), ==,
                       "MeasureReport");
      g_assert_cmpstr (json_object_get_string_member (resource, "status"), ==, "complete");
      g_assert_cmpstr (json_object_get_string_member (resource, "type"), ==, "summary");
      g_assert_true (g_str_has_prefix (json_object_get_string_member (resource, "measure"),
                                       "https://"));
      g_assert_cmpstr (json_object_get_string_member (period, "start"), ==, "2024-01-01");
      g_assert_cmpstr (json_object_get_string_member (period, "end"), ==, "2026-12-31");
      for (guint g = 0; g < json_array_get_length (groups); g++)
        {
          JsonObject *group = json_array_get_object_element (groups, g);
          JsonObject *code = json_array_get_object_element (
            json_object_get_array_member (json_object_get_object_member (group, "code"),
                                          "coding"), 0);
          const char *figure = json_object_get_string_member (code, "code");

          if (json_object_has_member (group, "extension"))
            {
              JsonObject *extension = json_array_get_object_element (
                json_object_get_array_member (group, "extension"), 0);

              g_assert_true (g_str_has_suffix (json_object_get_string_member (extension, "url"),
                                               "/suppressed"));
              g_assert_false (json_object_has_member (group, "population"));
              g_assert_false (json_object_has_member (group, "measureScore"));
              suppressed++;
              if (g_str_equal (figure, "cohort.6.left_out.after_incomplete"))
                left_out++;
            }
          else
            {
              JsonObject *population = json_array_get_object_element (
                json_object_get_array_member (group, "population"), 0);

              g_assert_true (json_object_has_member (population, "count"));
              shown++;
              if (g_str_equal (figure, "cohort.clients"))
                {
                  JsonObject *score = json_object_get_object_member (group, "measureScore");

                  g_assert_cmpint (json_object_get_int_member (population, "count"), ==, 8);
                  g_assert_cmpint (json_object_get_int_member (score, "value"), ==, 8);
                  clients++;
                }
            }
        }
    }
  /* One client left out of every period (too recent) is fewer than five: hidden. */
  g_assert_cmpuint (left_out, ==, 1);
  g_assert_cmpuint (clients, ==, 1);
  g_assert_cmpuint (suppressed, >, 0);
  g_assert_cmpuint (shown, >, suppressed);
}

static char *
pdf_text (const char *path)
{
  g_autoptr(GError) error = NULL;
  const char *argv[] = { "pdftotext", "-enc", "UTF-8", path, "-", NULL };
  char *out = NULL;
  int status = 0;

  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL,
                               &out, NULL, &status, &error));
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  return out;
}

/* To look at a PDF a test made: POLKU_TEST_KEEP_PDF=FOLDER. */
static void
keep_pdf (const char *path,
          const char *name)
{
  g_autofree char *contents = NULL;
  g_autofree char *keep = NULL;
  gsize length = 0;

  if (g_getenv ("POLKU_TEST_KEEP_PDF") == NULL)
    return;
  keep = g_build_filename (g_getenv ("POLKU_TEST_KEEP_PDF"), name, NULL);
  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  g_assert_true (g_file_set_contents (keep, contents, length, NULL));
}

static void
test_pdf (Fixture       *f,
          gconstpointer  data)
{
  static const struct { const char *language; const char *title; const char *page; } cases[] = {
    { "fi", "Asiakasvastaavatoiminnan raportti", "Sivu 1 / " },
    { "sv", "Rapport om klientansvarigverksamheten", "Sida 1 / " },
    { "en", "Report on the client coordinator practice", "Page 1 of " },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(PolkuReport) report = run_report (f->a.store, cases[i].language);
      g_autofree char *name = g_strdup_printf ("report-%s.pdf", cases[i].language);
      g_autofree char *path = g_build_filename (f->dir, name, NULL);
      g_autofree char *text = NULL;
      g_autofree char *head = NULL;
      gsize length = 0;

      g_assert_true (polku_report_write_pdf (report, cases[i].language, path, &error));
      g_assert_no_error (error);
      g_assert_true (g_file_get_contents (path, &head, &length, NULL));
      g_assert_true (g_str_has_prefix (head, "%PDF-"));
      text = pdf_text (path);
      keep_pdf (path, name);
      assert_clean (f, text, "The PDF");
      g_assert_nonnull (strstr (text, cases[i].title));
      g_assert_nonnull (strstr (text, cases[i].page));
      /* The period in d.m.yyyy, and a suppressed cell as the report shows it. */
      g_assert_nonnull (strstr (text, "1.1.2024"));
      g_assert_nonnull (strstr (text, "< 5"));
    }

  /* An unknown language: refused, no file. */
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(PolkuReport) report = run_report (f->a.store, "fi");
    g_autofree char *path = g_build_filename (f->dir, "de.pdf", NULL);

    g_assert_false (polku_report_write_pdf (report, "de", path, &error));
    g_assert_error (error, POLKU_REPORT_EXPORT_ERROR, POLKU_REPORT_EXPORT_ERROR_INVALID);
    g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  }
  /* A folder that is not there: an error, nothing left behind. */
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(PolkuReport) report = run_report (f->a.store, "fi");
    g_autofree char *path = g_build_filename (f->dir, "no-such-folder", "r.pdf", NULL);

    g_assert_false (polku_report_write_pdf (report, "fi", path, &error));
    g_assert_error (error, POLKU_REPORT_EXPORT_ERROR, POLKU_REPORT_EXPORT_ERROR_WRITE);
  }
}

static void
test_json_and_audit (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PolkuReport) report = run_report (f->a.store, "sv");
  g_autoptr(GOutputStream) out = g_memory_output_stream_new_resizable ();
  g_autoptr(JsonNode) parsed = NULL;
  g_autoptr(GBytes) key = g_bytes_new (f->key, sizeof f->key);
  g_autofree char *fingerprint = polku_county_key_fingerprint (key);
  g_autofree char *text = NULL;
  g_autofree char *detail = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  guint exports = 0, combines = 0;

  g_assert_true (polku_report_write_json (report, out, &error));
  g_assert_no_error (error);
  text = memory_text (out);
  assert_clean (f, text, "The JSON");
  g_assert_true (g_str_has_suffix (text, "}\n"));
  g_assert_nonnull (strstr (text, "\n  \"format\""));  /* pretty-printed */
  parsed = parse_json (text);
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (parsed), "format"), ==,
                   "polku-report");

  g_assert_true (polku_report_export_record (f->a.store, report, "csv", fingerprint, &error));
  g_assert_no_error (error);
  g_assert_true (polku_report_combine_record (f->a.store, 2, &error));
  g_assert_no_error (error);
  entries = polku_audit_list (f->a.store, NULL, &error);
  g_assert_no_error (error);
  detail = g_strdup_printf ("format=csv key=%s", fingerprint);
  for (guint i = 0; i < entries->len; i++)
    {
      PolkuAuditEntry *entry = g_ptr_array_index (entries, i);

      if (g_str_equal (polku_audit_entry_get_action (entry), POLKU_AUDIT_REPORT_EXPORT))
        {
          g_assert_null (polku_audit_entry_get_client_id (entry));
          g_assert_true (g_str_has_prefix (polku_audit_entry_get_detail (entry), detail));
          assert_clean (f, polku_audit_entry_get_detail (entry), "The audit detail");
          exports++;
        }
      if (g_str_equal (polku_audit_entry_get_action (entry), POLKU_AUDIT_REPORT_COMBINE))
        {
          g_assert_cmpstr (polku_audit_entry_get_detail (entry), ==, "files=2");
          combines++;
        }
    }
  g_assert_cmpuint (exports, ==, 1);
  g_assert_cmpuint (combines, ==, 1);
}

/* Demo data (names, identity codes, free text everywhere, WHOQOL-BREF, satisfaction,
 * coordinators) with a county's unit costs: no export holds any client's name or identity
 * code, and the PDF has every part. */
static void
test_demo (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PolkuReportQuery) query = polku_report_query_new ();
  g_autoptr(PolkuReport) report = NULL;
  g_autoptr(GPtrArray) clients = NULL;
  g_autoptr(GPtrArray) secrets = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(JsonNode) fhir = NULL;
  g_autoptr(GOutputStream) csv = g_memory_output_stream_new_resizable ();
  g_autoptr(GOutputStream) json = g_memory_output_stream_new_resizable ();
  g_autofree char *costs = write_file (f, "costs.json",
                                       "{\"format\": \"polku-unit-costs\", \"version\": 1,"
                                       " \"currency\": \"EUR\", \"costs\": ["
                                       "{\"category\": \"doctor_urgent\", \"sector\": \"health\","
                                       " \"euros\": 120},"
                                       "{\"category\": \"social_services\", \"sector\": \"social\","
                                       " \"euros\": 90}]}");
  g_autofree char *path = g_build_filename (f->dir, "demo.pdf", NULL);
  char *texts[4] = { NULL };
  g_autofree char *pages = NULL;

  g_assert_true (polku_demo_populate (f->b.store, 40, 13, &error));
  g_assert_no_error (error);
  clients = polku_client_store_list (f->b.store, TRUE, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < clients->len; i++)
    {
      PolkuClient *client = g_ptr_array_index (clients, i);
      const char *values[] = { polku_client_get_family_name (client),
                               polku_client_get_hetu (client), polku_client_get_phone (client),
                               polku_client_get_address (client) };

      for (guint v = 0; v < G_N_ELEMENTS (values); v++)
        /* Long enough not to be part of another word by chance. */
        if (values[v] != NULL && g_utf8_strlen (values[v], -1) >= 6)
          g_ptr_array_add (secrets, g_strdup (values[v]));
      g_ptr_array_add (secrets, polku_client_dup_display_name (client));
    }
  g_assert_cmpuint (secrets->len, >, 40);

  query->from = g_strdup ("2000-01-01");
  query->to = days_from_today (0);
  query->language = g_strdup ("fi");
  query->costs_file = g_strdup (costs);
  report = polku_report_run (f->b.store, query, NULL, NULL, NULL, &error);
  g_assert_no_error (error);

  g_assert_true (polku_report_write_pdf (report, "fi", path, &error));
  g_assert_no_error (error);
  texts[0] = pdf_text (path);
  g_assert_true (polku_report_write_csv (report, f->key, sizeof f->key, csv, &error));
  g_assert_no_error (error);
  texts[1] = memory_text (csv);
  fhir = polku_report_to_fhir (report);
  texts[2] = json_to_string (fhir, FALSE);
  g_assert_true (polku_report_write_json (report, json, &error));
  g_assert_no_error (error);
  texts[3] = memory_text (json);

  for (guint t = 0; t < G_N_ELEMENTS (texts); t++)
    for (guint i = 0; i < secrets->len; i++)
      if (strstr (texts[t], g_ptr_array_index (secrets, i)) != NULL)
        g_error ("export %u has a client's name, identity code or contact details", t);

  /* Every part of the report is in the PDF, costs and the process included. */
  for (guint i = 0; i < 8; i++)
    {
      static const char * const parts[] = {
        "Asiakasjoukko", "Palvelujen käyttö ennen ja jälkeen suunnitelman, 24 kk",
        "Hoidon jatkuvuus", "Elämänlaatu (WHOQOL-BREF)", "Asiakastyytyväisyys",
        "Kustannukset ennen ja jälkeen, 12 kk", "Asiakasmäärä asiakasvastaavittain",
        "Asiakkuuden päättymisen syyt",
      };

      if (strstr (texts[0], parts[i]) == NULL)
        g_error ("the PDF has no “%s”", parts[i]);
    }
  pages = g_strdup_printf ("Sivu %s", "1 / ");
  g_assert_nonnull (strstr (texts[0], pages));
  keep_pdf (path, "demo.pdf");
  for (guint t = 0; t < G_N_ELEMENTS (texts); t++)
    g_free (texts[t]);
}

/* The county key in every form a county may hand it out. */
static void
test_key_parse (void)
{
  guint8 raw[POLKU_COUNTY_KEY_LENGTH];
  g_autoptr(GString) hex = g_string_new (NULL);
  g_autofree char *base64 = NULL;
  g_autofree char *url_safe = NULL;
  g_autoptr(GBytes) expected = NULL;
  g_autofree char *fingerprint = NULL;
  const char *texts[4];

  for (guint i = 0; i < sizeof raw; i++)
    {
      raw[i] = (guint8) (i * 37 + 250);
      g_string_append_printf (hex, "%02X", raw[i]);
    }
  /* A raw key that ends in a byte that looks like a line end is still 32 raw bytes. */
  raw[31] = '\n';
  g_string_truncate (hex, 62);
  g_string_append (hex, "0A");
  expected = g_bytes_new (raw, sizeof raw);
  base64 = g_base64_encode (raw, sizeof raw);
  url_safe = g_strdup (base64);
  g_strdelimit (url_safe, "+", '-');
  g_strdelimit (url_safe, "/", '_');
  url_safe[43] = '\0';  /* without its padding */
  {
    g_autofree char *hex_line = g_strdup_printf ("  %s\r\n", hex->str);
    g_autofree char *base64_line = g_strdup_printf ("%s\n", base64);

    texts[0] = hex_line;
    texts[1] = base64_line;
    texts[2] = url_safe;
    texts[3] = g_ascii_strdown (hex->str, -1);
    for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
      {
        g_autoptr(GError) error = NULL;
        g_autoptr(GBytes) key = polku_county_key_parse ((const guint8 *) texts[i],
                                                        strlen (texts[i]), &error);

        g_assert_no_error (error);
        g_assert_true (g_bytes_equal (key, expected));
      }
    g_free ((char *) texts[3]);
  }
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(GBytes) key = polku_county_key_parse (raw, sizeof raw, &error);

    g_assert_no_error (error);
    g_assert_true (g_bytes_equal (key, expected));
  }

  /* Not keys: a byte short or long, a hex digit wrong, base64 of 31 bytes, empty. */
  {
    g_autofree char *bad_hex = g_strdup (hex->str);
    g_autofree char *short_base64 = g_base64_encode (raw, 31);
    const struct { const guint8 *data; gsize length; } bad[] = {
      { raw, 31 },
      { (const guint8 *) hex->str, 63 },
      { (const guint8 *) bad_hex, 64 },
      { (const guint8 *) short_base64, strlen (short_base64) },
      { (const guint8 *) "", 0 },
    };

    bad_hex[10] = 'g';
    for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
      {
        g_autoptr(GError) error = NULL;
        g_autoptr(GBytes) key = polku_county_key_parse (bad[i].data, bad[i].length, &error);

        g_assert_null (key);
        g_assert_error (error, POLKU_COUNTY_KEY_ERROR, POLKU_COUNTY_KEY_ERROR_INVALID);
        /* The message never quotes what it was given. */
        g_assert_null (strstr (error->message, hex->str));
      }
  }

  /* The fingerprint: the first 16 hex digits of SHA-256. */
  fingerprint = polku_county_key_fingerprint (expected);
  g_assert_cmpuint (strlen (fingerprint), ==, 16);
  {
    g_autofree char *sum = g_compute_checksum_for_data (G_CHECKSUM_SHA256, raw, sizeof raw);

    g_assert_true (g_str_has_prefix (sum, fingerprint));
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/report-export/pseudonym", test_pseudonym);
  g_test_add_func ("/report-export/key-parse", test_key_parse);
  g_test_add ("/report-export/csv", Fixture, NULL, fixture_setup, test_csv, fixture_teardown);
  g_test_add ("/report-export/combine", Fixture, NULL, fixture_setup, test_combine,
              fixture_teardown);
  g_test_add ("/report-export/combine-refused", Fixture, NULL, fixture_setup,
              test_combine_refused, fixture_teardown);
  g_test_add ("/report-export/fhir", Fixture, NULL, fixture_setup, test_fhir,
              fixture_teardown);
  g_test_add ("/report-export/pdf", Fixture, NULL, fixture_setup, test_pdf, fixture_teardown);
  g_test_add ("/report-export/json-audit", Fixture, NULL, fixture_setup, test_json_and_audit,
              fixture_teardown);
  g_test_add ("/report-export/demo", Fixture, NULL, fixture_setup, test_demo, fixture_teardown);

  return g_test_run ();
}
