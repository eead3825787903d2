/* test-csv-import.c: the RFC 4180 reader, Finnish spreadsheet habits, rows checked one by
 * one with errors per field, duplicates, and the import that writes all valid rows or none
 *
 * Copyright 2026 The Polku authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "polku-audit.h"
#include "polku-contact-store.h"
#include "polku-csv-import.h"

#include "store-test-helpers.h"

#define CLIENT "7d9b3f34-5b7a-4c8a-9d4e-0d5b1a4a2f11"

/* --- The reader ------------------------------------------------------------------------ */

static GPtrArray *
parse (const char *text,
       char        separator)
{
  return polku_csv_parse (text, strlen (text), separator);
}

static void
assert_fields (GPtrArray          *records,
               guint               index,
               const char * const *expected)
{
  PolkuCsvRecord *record = g_ptr_array_index (records, index);

  g_assert_cmpstrv (record->fields, expected);
}

static void
test_parse_rfc4180 (void)
{
  g_autoptr(GPtrArray) r = NULL;

  /* Quotes around separators, doubled quotes, line breaks in quotes, empty fields, CRLF. */
  r = parse ("a;b;c\r\n\"x;y\";\"say \"\"hi\"\"\";\"two\r\nlines\"\r\n;;\r\n", ';');
  g_assert_cmpuint (r->len, ==, 3);
  assert_fields (r, 0, (const char *[]) { "a", "b", "c", NULL });
  assert_fields (r, 1, (const char *[]) { "x;y", "say \"hi\"", "two\nlines", NULL });
  assert_fields (r, 2, (const char *[]) { "", "", "", NULL });
  g_assert_cmpuint (((PolkuCsvRecord *) g_ptr_array_index (r, 1))->line, ==, 2);
  g_assert_cmpuint (((PolkuCsvRecord *) g_ptr_array_index (r, 2))->line, ==, 4);
  for (guint i = 0; i < r->len; i++)
    g_assert_null (((PolkuCsvRecord *) g_ptr_array_index (r, i))->problem);
  g_clear_pointer (&r, g_ptr_array_unref);

  /* No final line break; LF and old-Mac CR line ends; a comma separator. */
  r = parse ("a,b\nc,\"d,e\"\rf,g", ',');
  g_assert_cmpuint (r->len, ==, 3);
  assert_fields (r, 1, (const char *[]) { "c", "d,e", NULL });
  assert_fields (r, 2, (const char *[]) { "f", "g", NULL });
  g_clear_pointer (&r, g_ptr_array_unref);

  /* A blank line is a record of one empty field. */
  r = parse ("a\n\nb\n", ';');
  g_assert_cmpuint (r->len, ==, 3);
  assert_fields (r, 1, (const char *[]) { "", NULL });
  g_clear_pointer (&r, g_ptr_array_unref);

  /* A quote inside an unquoted field is kept, as spreadsheets do. */
  r = parse ("5\" screen;x\n", ';');
  assert_fields (r, 0, (const char *[]) { "5\" screen", "x", NULL });
  g_assert_null (((PolkuCsvRecord *) g_ptr_array_index (r, 0))->problem);
  g_clear_pointer (&r, g_ptr_array_unref);

  /* Text after a closing quote, and a quote never closed, are problems of that record. */
  r = parse ("\"a\"b;c\n\"open;d\ne;f\n", ';');
  g_assert_cmpuint (r->len, ==, 2);
  g_assert_nonnull (((PolkuCsvRecord *) g_ptr_array_index (r, 0))->problem);
  g_assert_nonnull (strstr (((PolkuCsvRecord *) g_ptr_array_index (r, 1))->problem, "closed"));
  g_clear_pointer (&r, g_ptr_array_unref);

  r = parse ("", ';');
  g_assert_cmpuint (r->len, ==, 0);
}

static void
test_guess_separator (void)
{
  g_assert_cmpint (polku_csv_guess_separator ("date;type;note\n1,2,3,4,5", 25), ==, ';');
  g_assert_cmpint (polku_csv_guess_separator ("date,type,\"a;b;c\"\n", 18), ==, ',');
  g_assert_cmpint (polku_csv_guess_separator ("date\ttype\n", 10), ==, '\t');
  g_assert_cmpint (polku_csv_guess_separator ("date", 4), ==, ';');
}

/* --- The import ------------------------------------------------------------------------ */

static PolkuCsvImport *
import_text (const char  *text,
             gssize       length,
             GError     **error)
{
  g_autoptr(GBytes) bytes = g_bytes_new (text, length < 0 ? strlen (text) : (gsize) length);

  return polku_csv_import_new (bytes, CLIENT, NULL, error);
}

static PolkuCsvRow *
row_at (PolkuCsvImport *import,
        guint           index)
{
  GListModel *rows = polku_csv_import_get_rows (import);
  g_autoptr(PolkuCsvRow) row = g_list_model_get_item (rows, index);

  return row;  /* the import keeps it */
}

static gboolean
row_has_error (PolkuCsvRow *row,
               const char  *field)
{
  for (guint i = 0; i < polku_csv_row_get_n_errors (row); i++)
    if (g_str_equal (polku_csv_row_get_error_field (row, i), field))
      return TRUE;
  return FALSE;
}

static void
test_finnish_excel (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PolkuCsvImport) import = NULL;
  PolkuContact *c;
  /* What Finnish Excel's "CSV UTF-8" writes: a BOM, semicolons, d.m.yyyy, Finnish headers. */
  const char *text =
    "\xef\xbb\xbfPäivämäärä;Klo;Tyyppi;Kiireellinen;Ammattilainen;Ammattilaisen nimi;"
    "Yksikkö;Ei saapunut;Huomautus;Oma sarake\r\n"
    "3.2.2026;9.15;Lääkäri;ei;L-1;Anna Lehtinen;Terveysasema;;\"Kontrolli; verikokeet\";x\r\n"
    "4.2.2026;;päivystys;kyllä;;;\"Yhteispäivystys, KS\";;;\r\n"
    "\r\n"
    "2026-02-10;14:00;Hoitaja;0;H-2;;Terveysasema;1;;\r\n";

  import = import_text (text, -1, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (polku_csv_import_get_encoding (import), ==, "UTF-8 BOM");
  g_assert_cmpint (polku_csv_import_get_separator (import), ==, ';');
  g_assert_cmpstrv (polku_csv_import_get_ignored_columns (import),
                    ((const char *[]) { "Oma sarake", NULL }));
  /* The blank line is left out, but rows keep their spreadsheet numbers. */
  g_assert_cmpuint (g_list_model_get_n_items (polku_csv_import_get_rows (import)), ==, 3);
  g_assert_cmpuint (polku_csv_import_get_n_valid (import), ==, 3);
  g_assert_cmpuint (polku_csv_import_get_n_invalid (import), ==, 0);
  g_assert_cmpuint (polku_csv_row_get_number (row_at (import, 0)), ==, 2);
  g_assert_cmpuint (polku_csv_row_get_number (row_at (import, 2)), ==, 5);

  c = polku_csv_row_get_contact (row_at (import, 0));
  g_assert_cmpstr (polku_contact_get_client_id (c), ==, CLIENT);
  g_assert_cmpstr (polku_contact_get_date (c), ==, "2026-02-03");
  g_assert_cmpstr (polku_contact_get_time (c), ==, "09:15");
  g_assert_cmpstr (polku_contact_get_type_id (c), ==, "doctor");
  g_assert_false (polku_contact_get_urgent (c));
  g_assert_cmpstr (polku_contact_get_professional_id (c), ==, "L-1");
  g_assert_cmpstr (polku_contact_get_professional_name (c), ==, "Anna Lehtinen");
  g_assert_cmpstr (polku_contact_get_note (c), ==, "Kontrolli; verikokeet");
  g_assert_cmpint (polku_contact_get_source (c), ==, POLKU_CONTACT_SOURCE_IMPORTED);

  c = polku_csv_row_get_contact (row_at (import, 1));
  g_assert_cmpstr (polku_contact_get_type_id (c), ==, "emergency");
  g_assert_true (polku_contact_get_urgent (c));
  g_assert_null (polku_contact_get_time (c));
  g_assert_cmpstr (polku_contact_get_organisation (c), ==, "Yhteispäivystys, KS");

  c = polku_csv_row_get_contact (row_at (import, 2));
  g_assert_true (polku_contact_get_no_show (c));
}

static void
test_comma_and_windows_1252 (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PolkuCsvImport) import = NULL;
  /* English headers, commas, and "Sjukhusvistelse"/"Päivystys" in Windows-1252. */
  const char text[] = "date,type,professional,organisation\n"
                      "2026-01-05,Sjukhusvistelse,,Keskussairaala\n"
                      "6.1.2026,P\xe4ivystys,,\"Jour, centralsjukhuset\"\n";

  import = import_text (text, sizeof text - 1, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (polku_csv_import_get_encoding (import), ==, "Windows-1252");
  g_assert_cmpint (polku_csv_import_get_separator (import), ==, ',');
  g_assert_cmpuint (polku_csv_import_get_n_valid (import), ==, 2);
  g_assert_cmpstr (polku_contact_get_type_id (polku_csv_row_get_contact (row_at (import, 0))),
                   ==, "hospital-stay");
  g_assert_cmpstr (polku_contact_get_type_id (polku_csv_row_get_contact (row_at (import, 1))),
                   ==, "emergency");
  /* A file from before days were kept: its stay comes in with the days not recorded. */
  g_assert_cmpuint (polku_contact_get_days (polku_csv_row_get_contact (row_at (import, 0))), ==,
                    0);
  g_assert_null (polku_contact_get_reason (polku_csv_row_get_contact (row_at (import, 0))));
}

/* The optional "days" and "reason" columns, named in any of the three languages. */
static void
test_days_and_reason (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PolkuCsvImport) import = NULL;
  g_autoptr(PolkuCsvImport) swedish = NULL;
  PolkuContact *c;
  const char *text =
    "Päivämäärä;Tyyppi;Hoitopäivät;Käynnin syy\n"
    "3.2.2026;Sairaalajakso;6;Keuhkokuume\n"      /* 2: a stay with its days */
    "4.2.2026;Lääkäri;;Selkäkipu\n"               /* 3: a visit, no days */
    "5.2.2026;Sairaalajakso;;\n"                  /* 4: a stay without days */
    "6.2.2026;Hoitaja;2;\n"                       /* 5: days for a visit */
    "7.2.2026;Sairaalajakso;kolme;\n"             /* 6: not a number */
    "8.2.2026;Sairaalajakso;3661;\n";             /* 7: more than ten years */

  import = import_text (text, -1, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (polku_csv_import_get_n_valid (import), ==, 2);
  g_assert_cmpuint (polku_csv_import_get_n_invalid (import), ==, 4);

  c = polku_csv_row_get_contact (row_at (import, 0));
  g_assert_cmpuint (polku_contact_get_days (c), ==, 6);
  g_assert_cmpstr (polku_contact_get_reason (c), ==, "Keuhkokuume");
  c = polku_csv_row_get_contact (row_at (import, 1));
  g_assert_cmpuint (polku_contact_get_days (c), ==, 0);
  g_assert_cmpstr (polku_contact_get_reason (c), ==, "Selkäkipu");
  for (guint i = 2; i < 6; i++)
    {
      g_assert_null (polku_csv_row_get_contact (row_at (import, i)));
      g_assert_true (row_has_error (row_at (import, i), "days"));
    }

  swedish = import_text ("datum;typ;vårddagar;orsak\n2026-02-03;sjukhusvistelse;4;Fall\n", -1,
                         &error);
  g_assert_no_error (error);
  c = polku_csv_row_get_contact (row_at (swedish, 0));
  g_assert_cmpuint (polku_contact_get_days (c), ==, 4);
  g_assert_cmpstr (polku_contact_get_reason (c), ==, "Fall");
}

static void
test_row_errors (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PolkuCsvImport) import = NULL;
  g_autofree char *text_errors = NULL;
  PolkuCsvRow *row;
  const char *text =
    "date;time;type;urgent;no_show;professional\n"
    "31.2.2026;25:00;dentist;maybe;x;L-1\n"           /* row 2: four fields wrong */
    ";;;;;\n"                                         /* row 3: blank, left out */
    "2026-02-03;;doctor;;;L-1;extra\n"                /* row 4: one field too many */
    "2026-02-04;;;;;\n"                               /* row 5: type missing */
    "\"2026-02-05\"x;;nurse;;;\n"                     /* row 6: bad quoting */
    "2026-02-06;;nurse;no;no;H-1\n";                  /* row 7: fine */

  import = import_text (text, -1, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (polku_csv_import_get_rows (import)), ==, 5);
  g_assert_cmpuint (polku_csv_import_get_n_invalid (import), ==, 4);
  g_assert_cmpuint (polku_csv_import_get_n_valid (import), ==, 1);

  row = row_at (import, 0);
  g_assert_cmpuint (polku_csv_row_get_number (row), ==, 2);
  g_assert_cmpint (polku_csv_row_get_status (row), ==, POLKU_CSV_ROW_INVALID);
  g_assert_null (polku_csv_row_get_contact (row));
  g_assert_cmpuint (polku_csv_row_get_n_errors (row), ==, 4);
  g_assert_true (row_has_error (row, "date"));
  g_assert_true (row_has_error (row, "time"));
  g_assert_true (row_has_error (row, "type"));
  g_assert_true (row_has_error (row, "urgent"));
  g_assert_false (row_has_error (row, "no_show"));  /* x is yes */
  g_assert_cmpstrv (polku_csv_row_get_values (row),
                    ((const char *[]) { "31.2.2026", "25:00", "dentist", "maybe", "x", "L-1",
                                        NULL }));
  text_errors = polku_csv_row_dup_errors_text (row);
  g_assert_nonnull (strstr (text_errors, "date: “31.2.2026” is not a date"));

  row = row_at (import, 1);
  g_assert_cmpuint (polku_csv_row_get_number (row), ==, 4);
  g_assert_true (row_has_error (row, "row"));

  row = row_at (import, 2);
  g_assert_cmpuint (polku_csv_row_get_number (row), ==, 5);
  g_assert_true (row_has_error (row, "type"));
  g_assert_cmpuint (polku_csv_row_get_n_errors (row), ==, 1);

  row = row_at (import, 3);
  g_assert_true (row_has_error (row, "row"));

  row = row_at (import, 4);
  g_assert_cmpuint (polku_csv_row_get_number (row), ==, 7);
  g_assert_cmpint (polku_csv_row_get_status (row), ==, POLKU_CSV_ROW_VALID);
  g_assert_null (polku_csv_row_dup_errors_text (row));
}

static void
assert_file_error (const char *text,
                   gssize      length,
                   int         code)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PolkuCsvImport) import = import_text (text, length, &error);

  g_assert_null (import);
  g_assert_error (error, POLKU_CSV_IMPORT_ERROR, code);
}

static void
test_file_errors (void)
{
  assert_file_error ("", -1, POLKU_CSV_IMPORT_ERROR_FILE);
  assert_file_error ("\n\n", -1, POLKU_CSV_IMPORT_ERROR_FILE);
  assert_file_error ("\xff\xfe" "d\0a\0t\0e\0", 10, POLKU_CSV_IMPORT_ERROR_FILE);
  assert_file_error ("date;type\n\0\0", 12, POLKU_CSV_IMPORT_ERROR_FILE);
  assert_file_error ("when;what\n2026-01-01;doctor\n", -1, POLKU_CSV_IMPORT_ERROR_COLUMNS);
  assert_file_error ("date;professional\n2026-01-01;L-1\n", -1, POLKU_CSV_IMPORT_ERROR_COLUMNS);
  assert_file_error ("date;type;päivämäärä\n", -1, POLKU_CSV_IMPORT_ERROR_COLUMNS);
  /* A header alone is a file with no rows, not an error. */
  {
    g_autoptr(PolkuCsvImport) import = import_text ("Datum;Typ\n", -1, NULL);

    g_assert_nonnull (import);
    g_assert_cmpuint (g_list_model_get_n_items (polku_csv_import_get_rows (import)), ==, 0);
  }
}

/* --- Writing ------------------------------------------------------------------------------ */

static PolkuCsvImport *
import_for (Fixture    *f,
            const char *text)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = g_bytes_new (text, strlen (text));
  PolkuCsvImport *import = polku_csv_import_new (bytes, f->client_id, NULL, &error);

  g_assert_no_error (error);
  g_assert_true (polku_csv_import_find_duplicates (import, f->store, &error));
  g_assert_no_error (error);
  return import;
}

static guint
count_imported_entries (Fixture *f)
{
  g_autoptr(GPtrArray) entries = polku_audit_list (f->store, f->client_id, NULL);
  guint n = 0;

  for (guint i = 0; i < entries->len; i++)
    n += g_str_equal (polku_audit_entry_get_action (g_ptr_array_index (entries, i)),
                      POLKU_AUDIT_CONTACT_IMPORT);
  return n;
}

#define GOOD_AND_BAD \
  "date;type;professional\n" \
  "2026-02-01;doctor;L-1\n" \
  "2026-02-02;nurse;H-1\n" \
  "2026-02-30;nurse;H-1\n" \
  "2026-02-03;phone;H-1\n"

static void
test_commit (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PolkuCsvImport) import = import_for (f, GOOD_AND_BAD);
  g_autoptr(PolkuCsvImport) again = NULL;
  g_autoptr(GPtrArray) list = NULL;
  guint written = 99;

  /* A bad row and no permission to skip it: nothing is written. */
  g_assert_false (polku_csv_import_commit (import, f->store, FALSE, &written, &error));
  g_assert_error (error, POLKU_CSV_IMPORT_ERROR, POLKU_CSV_IMPORT_ERROR_BAD_ROWS);
  g_clear_error (&error);
  g_assert_cmpuint (written, ==, 0);
  g_assert_cmpint (polku_contact_store_count (f->store, f->client_id, NULL), ==, 0);
  g_assert_cmpuint (count_imported_entries (f), ==, 0);

  /* Skipping it: the three valid rows, in one go, each with its audit entry. */
  g_assert_true (polku_csv_import_commit (import, f->store, TRUE, &written, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (written, ==, 3);
  g_assert_cmpuint (count_imported_entries (f), ==, 3);
  list = polku_contact_store_list (f->store, f->client_id, NULL, NULL, &error);
  g_assert_cmpuint (list->len, ==, 3);
  g_assert_cmpint (polku_contact_get_source (g_ptr_array_index (list, 0)), ==,
                   POLKU_CONTACT_SOURCE_IMPORTED);
  /* Committing the same import again writes nothing more. */
  g_assert_true (polku_csv_import_commit (import, f->store, TRUE, &written, &error));
  g_assert_cmpuint (written, ==, 0);

  /* The same file again: its rows are in the log already. */
  again = import_for (f, GOOD_AND_BAD "2026-02-04;remote;H-1\n");
  g_assert_cmpuint (polku_csv_import_get_n_duplicate (again), ==, 3);
  g_assert_cmpuint (polku_csv_import_get_n_valid (again), ==, 1);
  g_assert_cmpint (polku_csv_row_get_status (row_at (again, 0)), ==, POLKU_CSV_ROW_DUPLICATE);
  g_assert_true (polku_csv_import_commit (again, f->store, TRUE, &written, &error));
  g_assert_cmpuint (written, ==, 1);
  g_assert_cmpint (polku_contact_store_count (f->store, f->client_id, NULL), ==, 4);

  g_assert_true (polku_audit_verify (f->store, NULL, &error));
  g_assert_no_error (error);
}

/* The days and the reason reach the store. */
static void
test_commit_days_reason (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PolkuCsvImport) import = import_for (f, "date;type;days;reason\n"
                                                    "2026-02-01;hospital-stay;8;Lonkka\n");
  g_autoptr(GPtrArray) list = NULL;

  g_assert_true (polku_csv_import_commit (import, f->store, FALSE, NULL, &error));
  g_assert_no_error (error);
  list = polku_contact_store_list (f->store, f->client_id, NULL, NULL, &error);
  g_assert_cmpuint (list->len, ==, 1);
  g_assert_cmpuint (polku_contact_get_days (g_ptr_array_index (list, 0)), ==, 8);
  g_assert_cmpstr (polku_contact_get_reason (g_ptr_array_index (list, 0)), ==, "Lonkka");
}

static void
test_commit_unknown_client (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = g_bytes_new_static ("date;type\n2026-01-01;doctor\n", 28);
  g_autoptr(PolkuCsvImport) import = polku_csv_import_new (bytes, CLIENT, NULL, &error);

  g_assert_no_error (error);
  g_assert_false (polku_csv_import_commit (import, f->store, FALSE, NULL, &error));
  g_assert_error (error, POLKU_STORE_ERROR, POLKU_STORE_ERROR_NOT_FOUND);
  g_assert_cmpint (polku_contact_store_count (f->store, NULL, NULL), ==, 0);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/csv-import/parse/rfc4180", test_parse_rfc4180);
  g_test_add_func ("/csv-import/parse/separator", test_guess_separator);
  g_test_add_func ("/csv-import/finnish-excel", test_finnish_excel);
  g_test_add_func ("/csv-import/comma-windows-1252", test_comma_and_windows_1252);
  g_test_add_func ("/csv-import/row-errors", test_row_errors);
  g_test_add_func ("/csv-import/days-and-reason", test_days_and_reason);
  g_test_add_func ("/csv-import/file-errors", test_file_errors);
#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("/csv-import/commit", test_commit);
  ADD ("/csv-import/commit-days-reason", test_commit_days_reason);
  ADD ("/csv-import/commit-unknown-client", test_commit_unknown_client);
#undef ADD

  return g_test_run ();
}
