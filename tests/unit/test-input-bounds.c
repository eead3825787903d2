/* test-input-bounds.c: every reader of a county's data file and the CSV import read within
 * bounds (issue 10, item 9): JSON nested 100,000 deep is refused, not a stack overflow, and
 * /dev/zero or a FIFO is refused by the bytes actually read, not allocated until abort.
 *
 * Copyright 2026 The Polku authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <fcntl.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

#include "polku-checklist.h"
#include "polku-closing-reasons.h"
#include "polku-contact-type.h"
#include "polku-csv-import.h"
#include "polku-instrument.h"
#include "polku-json.h"
#include "polku-mapping-visit.h"
#include "polku-organisations.h"
#include "polku-contact-store.h"
#include "store-test-helpers.h"

#define DEEP 100000

static GBytes *
deep_json (void)
{
  GString *text = g_string_new ("{\"format\": ");

  for (guint i = 0; i < DEEP; i++)
    g_string_append_c (text, '[');
  for (guint i = 0; i < DEEP; i++)
    g_string_append_c (text, ']');
  g_string_append_c (text, '}');
  return g_string_free_to_bytes (text);
}

typedef enum
{
  READER_CHECKLIST,
  READER_CLOSING_REASONS,
  READER_ORGANISATIONS,
  READER_CONTACT_TYPES,
  READER_AGENDA,
  READER_INSTRUMENT,
  READER_CSV,
  N_READERS
} Reader;

static const char * const reader_names[N_READERS] = {
  "checklist", "closing-reasons", "organisations", "contact-types", "agenda", "instrument",
  "csv"
};

/* TRUE when the reader gave an object; FALSE with @error otherwise. */
static gboolean
read_bytes (Reader   reader,
            GBytes  *bytes,
            GError **error)
{
  g_autoptr(GObject) object = NULL;
  guint minutes = 0;
  gsize length;
  const char *data = g_bytes_get_data (bytes, &length);

  switch (reader)
    {
    case READER_CHECKLIST:
      object = (GObject *) polku_checklist_new_from_bytes (bytes, "deep.json", error);
      break;
    case READER_CLOSING_REASONS:
      object = (GObject *) polku_closing_reasons_new_from_bytes (bytes, "deep.json", error);
      break;
    case READER_ORGANISATIONS:
      object = (GObject *) polku_organisations_new_from_bytes (bytes, "deep.json", error);
      break;
    case READER_CONTACT_TYPES:
      object = (GObject *) polku_contact_types_load_bytes (bytes, "deep.json", error);
      break;
    case READER_AGENDA:
      object = (GObject *) polku_mapping_visit_agenda_load_bytes (bytes, "deep.json", &minutes,
                                                                  error);
      break;
    case READER_INSTRUMENT:
      object = (GObject *) polku_instrument_new_from_data (data, length, "deep.json", error);
      break;
    case READER_CSV:
    case N_READERS:
    default:
      g_assert_not_reached ();
    }
  return object != NULL;
}

static gboolean
read_path (Reader       reader,
           const char  *path,
           GError     **error)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GObject) object = NULL;
  guint minutes = 0;

  switch (reader)
    {
    case READER_CHECKLIST:
      object = (GObject *) polku_checklist_new_from_file (path, error);
      break;
    case READER_CLOSING_REASONS:
      object = (GObject *) polku_closing_reasons_new_from_file (path, error);
      break;
    case READER_ORGANISATIONS:
      object = (GObject *) polku_organisations_new_from_file (path, error);
      break;
    case READER_CONTACT_TYPES:
      object = (GObject *) polku_contact_types_load_file (file, error);
      break;
    case READER_AGENDA:
      object = (GObject *) polku_mapping_visit_agenda_load_file (file, &minutes, error);
      break;
    case READER_INSTRUMENT:
      object = (GObject *) polku_instrument_new_from_file (path, error);
      break;
    case READER_CSV:
      object = (GObject *) polku_csv_import_new_for_file (file, "2b1d9a46-52a2-4fd0-9c5e-"
                                                          "4d0b6c1a1e01", NULL, error);
      break;
    case N_READERS:
    default:
      g_assert_not_reached ();
    }
  return object != NULL;
}

/* Deep nesting is refused with the depth error, before json-glib recurses into it. */
static void
test_deep (gconstpointer data)
{
  Reader reader = GPOINTER_TO_UINT (data);
  g_autoptr(GBytes) bytes = deep_json ();
  g_autoptr(GError) error = NULL;

  g_assert_false (read_bytes (reader, bytes, &error));
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error->message, "64"));
}

/* Also through the file readers (what --file and a county's config use). */
static void
test_deep_file (gconstpointer data)
{
  Reader reader = GPOINTER_TO_UINT (data);
  g_autoptr(GBytes) bytes = deep_json ();
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("polku-test-bounds-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "deep.json", NULL);

  g_assert_true (g_file_set_contents (path, g_bytes_get_data (bytes, NULL),
                                      g_bytes_get_size (bytes), NULL));
  g_assert_false (read_path (reader, path, &error));
  g_assert_nonnull (error);
  g_unlink (path);
  g_rmdir (dir);
}

/* /dev/zero states no size and never ends: the reader stops after its limit. Run in a child
 * whose address space is capped, so a reader that reads to the end fails the test quickly
 * instead of swapping the machine. */
static void
test_dev_zero (gconstpointer data)
{
  Reader reader = GPOINTER_TO_UINT (data);

  if (g_test_subprocess ())
    {
      struct rlimit limit = { 768u * 1024 * 1024, 768u * 1024 * 1024 };
      g_autoptr(GError) error = NULL;

      /* AddressSanitizer reserves terabytes of address space for its shadow memory: under it
       * the cap would stop the sanitizer, not the reader (which is then bounded anyway by
       * the 16 MiB limit the other assertions check). */
#if !defined (__SANITIZE_ADDRESS__)
      g_assert_cmpint (setrlimit (RLIMIT_AS, &limit), ==, 0);
#else
      (void) limit;
#endif
      g_assert_false (read_path (reader, "/dev/zero", &error));
      g_assert_nonnull (error);
      g_printerr ("refused: %s\n", error->message);
      return;
    }
  g_test_trap_subprocess (NULL, 60 * G_USEC_PER_SEC, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
  g_test_trap_assert_stderr ("*refused:*");
}

static gpointer
write_fifo (gpointer data)
{
  const char *path = data;
  g_autofree char *chunk = g_malloc0 (1024 * 1024);
  int fd = open (path, O_WRONLY);
  gsize written = 0;

  /* 40 MiB: more than any limit; the reader closes early, so writes then fail (EPIPE). */
  while (fd >= 0 && written < 40u * 1024 * 1024)
    {
      gssize n = write (fd, chunk, 1024 * 1024);

      if (n <= 0)
        break;
      written += n;
    }
  if (fd >= 0)
    close (fd);
  return GSIZE_TO_POINTER (written);
}

/* A FIFO has no stated size either. */
static void
test_fifo (gconstpointer data)
{
  Reader reader = GPOINTER_TO_UINT (data);
  g_autofree char *dir = g_dir_make_tmp ("polku-test-bounds-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "fifo", NULL);
  g_autoptr(GError) error = NULL;
  GThread *writer;
  gsize written;

  g_assert_cmpint (mkfifo (path, 0600), ==, 0);
  writer = g_thread_new ("fifo", write_fifo, path);
  g_assert_false (read_path (reader, path, &error));
  g_assert_nonnull (error);
  if (reader == READER_CSV)
    g_assert_error (error, POLKU_CSV_IMPORT_ERROR, POLKU_CSV_IMPORT_ERROR_FILE);
  else if (reader != READER_INSTRUMENT)
    g_assert_error (error, G_IO_ERROR, G_IO_ERROR_MESSAGE_TOO_LARGE);
  written = GPOINTER_TO_SIZE (g_thread_join (writer));
  /* Refused by what was read: the reader stopped before the writer was done. */
  g_assert_cmpuint (written, <, 40u * 1024 * 1024);
  g_unlink (path);
  g_rmdir (dir);
}

/* Item 11 in the core: a quote never closed swallows every later line into one bad row;
 * skipping bad rows must not turn that into a commit of nothing. */
static void
test_csv_unclosed_quote (Fixture       *f,
                         gconstpointer  data)
{
  static const char csv[] = "date;type\n"
                            "3.2.2026;doctor\n"
                            "4.2.2026;\"nurse\n"
                            "5.2.2026;doctor\n";
  g_autoptr(GBytes) bytes = g_bytes_new_static (csv, sizeof csv - 1);
  g_autoptr(PolkuCsvImport) import = NULL;
  g_autoptr(GPtrArray) contacts = NULL;
  g_autoptr(GError) error = NULL;
  guint written = 99;

  import = polku_csv_import_new (bytes, f->client_id, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (polku_csv_import_get_unclosed_quote_line (import), ==, 3);
  g_assert_cmpuint (polku_csv_import_get_n_valid (import), ==, 1);
  g_assert_cmpuint (polku_csv_import_get_n_invalid (import), ==, 1);

  g_assert_false (polku_csv_import_commit (import, f->store, TRUE, &written, &error));
  g_assert_error (error, POLKU_CSV_IMPORT_ERROR, POLKU_CSV_IMPORT_ERROR_UNCLOSED_QUOTE);
  g_assert_nonnull (strstr (error->message, "line 3"));
  g_assert_cmpuint (written, ==, 0);
  g_clear_error (&error);

  contacts = polku_contact_store_list (f->store, f->client_id, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (contacts->len, ==, 0);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  signal (SIGPIPE, SIG_IGN);

  for (Reader r = 0; r < N_READERS; r++)
    {
      g_autofree char *deep = g_strdup_printf ("/input-bounds/deep/%s", reader_names[r]);
      g_autofree char *deep_file = g_strdup_printf ("/input-bounds/deep-file/%s",
                                                    reader_names[r]);
      g_autofree char *zero = g_strdup_printf ("/input-bounds/dev-zero/%s", reader_names[r]);
      g_autofree char *fifo = g_strdup_printf ("/input-bounds/fifo/%s", reader_names[r]);

      if (r != READER_CSV)
        {
          g_test_add_data_func (deep, GUINT_TO_POINTER (r), test_deep);
          g_test_add_data_func (deep_file, GUINT_TO_POINTER (r), test_deep_file);
        }
      g_test_add_data_func (zero, GUINT_TO_POINTER (r), test_dev_zero);
      g_test_add_data_func (fifo, GUINT_TO_POINTER (r), test_fifo);
    }

  g_test_add ("/input-bounds/csv-unclosed-quote", Fixture, NULL, fixture_setup,
              test_csv_unclosed_quote, fixture_teardown);

  return g_test_run ();
}
