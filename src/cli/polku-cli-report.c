/* polku-cli-report.c: report — the practice's figures across clients, headless
 *
 *   polku-cli report --from DATE --to DATE [--coordinator NAME] [--unit ORG-ID]
 *                    [--municipality NAME] [--age-min N] [--age-max N] [--sector SECTOR]
 *                    [--open|--closed] [--threshold N] [--costs FILE] [--today DATE]
 *                    [--format json|csv|pdf|fhir] [--output FILE] [--language fi|sv|en]
 *   polku-cli report combine FILE… [--output FILE] [--threshold N]
 *   polku-cli report key import FILE [--replace] | key new [--replace] | key show
 *   polku-cli report key delete [--yes]
 *
 * The report is polku_report_run () (polku-report.h: the cohort, the CELL rule, the JSON);
 * the exports are polku-report-export.h's, each recorded in the audit log before anything is
 * written (the run records "report.run"). An output file is made whole or not at all, never
 * over an existing file, readable by its owner only. The county key for the pseudonymised
 * CSV comes from the Secret Service (polku-county-key.h), never from the command line.
 *
 * Copyright 2026 The Polku authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "polku-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <stdio.h>
#include <unistd.h>

#include "polku-audit.h"
#include "polku-cli-private.h"
#include "polku-county-key.h"
#include "polku-date.h"
#include "polku-profile.h"
#include "polku-report-export.h"
#include "polku-report.h"

#define REPORT_USAGE \
  "report --from YYYY-MM-DD --to YYYY-MM-DD [--coordinator NAME] [--unit ORG-ID] " \
  "[--municipality NAME] [--age-min N] [--age-max N] [--sector SECTOR] [--open|--closed] " \
  "[--threshold N] [--costs FILE] [--today YYYY-MM-DD] [--format json|csv|pdf|fhir] " \
  "[--output FILE] [--language fi|sv|en]"
#define COMBINE_USAGE "report combine FILE… [--output FILE] [--threshold N]"
#define KEY_USAGE "report key import FILE [--replace] | report key new [--replace] | " \
  "report key show | report key delete [--yes]"

/* Writes @bytes to @path, a new file (0600): refused when something is there already; a
 * failure removes what was made. */
static gboolean
write_new_file (const char  *path,
                GBytes      *bytes,
                GError     **error)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFileOutputStream) out = NULL;
  gsize written = 0;

  out = g_file_create (file, G_FILE_CREATE_PRIVATE, NULL, error);
  if (out == NULL)
    return FALSE;
  if (!g_output_stream_write_all (G_OUTPUT_STREAM (out), g_bytes_get_data (bytes, NULL),
                                  g_bytes_get_size (bytes), &written, NULL, error)
      || !g_output_stream_close (G_OUTPUT_STREAM (out), NULL, error))
    {
      g_file_delete (file, NULL, NULL);
      return FALSE;
    }
  return TRUE;
}

/* Sends what @out collected to @path, or to standard output when @path is NULL. */
static int
deliver (GMemoryOutputStream *out,
         const char          *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;

  if (!g_output_stream_close (G_OUTPUT_STREAM (out), NULL, &error))
    return fail (EXIT_ERROR, "%s", error->message);
  bytes = g_memory_output_stream_steal_as_bytes (out);
  if (path == NULL)
    {
      if (fwrite (g_bytes_get_data (bytes, NULL), 1, g_bytes_get_size (bytes), stdout)
          != g_bytes_get_size (bytes) || fflush (stdout) != 0)
        return fail (EXIT_ERROR, _("The report could not be written to standard output."));
      return EXIT_OK;
    }
  if (!write_new_file (path, bytes, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_EXISTS))
        return fail (EXIT_ERROR, _("“%s” exists already: choose another file name, or remove "
                                   "it first. Nothing was written."), path);
      return fail (EXIT_ERROR, _("“%s” could not be written: %s"), path, error->message);
    }
  return EXIT_OK;
}

static gboolean
parse_age (const char  *option,
           const char  *text,
           int         *out_age,
           int         *out_status)
{
  guint64 value;

  if (text == NULL)
    return TRUE;
  if (!polku_cli_parse_uint (text, 150, &value))
    {
      *out_status = fail (EXIT_USAGE, _("%s needs an age in whole years from 0 to 150, not "
                                        "“%s”."), option, text);
      return FALSE;
    }
  *out_age = (int) value;
  return TRUE;
}

static int
report_run (int    argc,
            char **argv)
{
  g_autoptr(PolkuStore) store = NULL;
  g_autoptr(PolkuReport) report = NULL;
  g_autoptr(PolkuReportQuery) q = polku_report_query_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GOutputStream) out = NULL;
  g_autoptr(GBytes) key = NULL;
  g_autofree char *fingerprint = NULL;
  g_autofree char *today = polku_date_today ();
  const char *from = NULL, *to = NULL, *coordinator = NULL, *unit = NULL;
  const char *municipality = NULL, *age_min = NULL, *age_max = NULL, *sector = NULL;
  const char *threshold = NULL, *costs = NULL, *format = NULL, *output = NULL;
  const char *language = NULL, *as_of = NULL;
  gboolean open = FALSE, closed = FALSE;
  const PolkuCliOption options[] = {
    { "--from", &from, NULL }, { "--to", &to, NULL }, { "--coordinator", &coordinator, NULL },
    { "--unit", &unit, NULL }, { "--municipality", &municipality, NULL },
    { "--age-min", &age_min, NULL }, { "--age-max", &age_max, NULL },
    { "--sector", &sector, NULL }, { "--open", NULL, &open }, { "--closed", NULL, &closed },
    { "--threshold", &threshold, NULL }, { "--costs", &costs, NULL },
    { "--today", &as_of, NULL }, { "--format", &format, NULL }, { "--output", &output, NULL },
    { "--language", &language, NULL }, { NULL }
  };
  const char *dates[] = { "--from", "--to", "--today" };
  int status;

  if (!polku_cli_parse_args (argc, argv, options, NULL, 0, 0, REPORT_USAGE, &status))
    return status;
  if (from == NULL || to == NULL)
    return fail (EXIT_USAGE, _("Give the period with --from and --to (YYYY-MM-DD): the days "
                               "on which the plans were agreed. Usage: polku-cli %s"),
                 REPORT_USAGE);
  for (guint i = 0; i < G_N_ELEMENTS (dates); i++)
    {
      const char *date = i == 0 ? from : i == 1 ? to : as_of;

      if (date != NULL && !polku_date_is_valid (date))
        return fail (EXIT_USAGE, _("%s needs a date as YYYY-MM-DD, not “%s”."), dates[i], date);
    }
  if (g_strcmp0 (from, to) > 0)
    return fail (EXIT_USAGE, _("--from is after --to: the period is empty."));
  if (as_of != NULL && g_strcmp0 (as_of, today) > 0)
    return fail (EXIT_USAGE, _("--today cannot be a day still to come: periods after it would "
                               "count as complete."));
  if (open && closed)
    return fail (EXIT_USAGE, _("Choose --open or --closed, not both."));
  if (format == NULL)
    format = "json";
  if (!g_str_equal (format, "json") && !g_str_equal (format, "csv")
      && !g_str_equal (format, "pdf") && !g_str_equal (format, "fhir"))
    return fail (EXIT_USAGE, _("--format is json, csv, pdf or fhir, not “%s”."), format);
  if (g_str_equal (format, "pdf") && output == NULL)
    return fail (EXIT_USAGE, _("A PDF needs a file: add --output FILE.pdf."));
  if (language != NULL && !g_str_equal (language, "fi") && !g_str_equal (language, "sv")
      && !g_str_equal (language, "en"))
    return fail (EXIT_USAGE, _("--language is fi, sv or en, not “%s”."), language);
  if (threshold != NULL)
    {
      guint64 value;

      if (!polku_cli_parse_uint (threshold, 1000, &value) || value < 1)
        return fail (EXIT_USAGE, _("--threshold needs a whole number from 1 to 1000, not "
                                   "“%s”."), threshold);
      q->threshold = (guint) value;
    }
  if (!parse_age ("--age-min", age_min, &q->age_min, &status)
      || !parse_age ("--age-max", age_max, &q->age_max, &status))
    return status;
  if (output != NULL && g_file_test (output, G_FILE_TEST_EXISTS))
    return fail (EXIT_ERROR, _("“%s” exists already: choose another file name, or remove it "
                               "first. Nothing was written."), output);

  q->from = g_strdup (from);
  q->to = g_strdup (to);
  q->coordinator = g_strdup (coordinator);
  q->unit = g_strdup (unit);
  q->municipality = g_strdup (municipality);
  q->sector = g_strdup (sector);
  q->closed = open ? 0 : closed ? 1 : -1;
  q->costs_file = g_strdup (costs);
  q->today = g_strdup (as_of);
  q->language = g_strdup (language);
  if (!polku_report_query_validate (q, &error))
    return fail (EXIT_USAGE, "%s", error->message);

  /* The county key first: no report is run (and recorded) for a CSV that cannot be made. */
  if (g_str_equal (format, "csv"))
    {
      key = polku_county_key_lookup (NULL, NULL, &error);
      if (key == NULL)
        {
          if (g_error_matches (error, POLKU_COUNTY_KEY_ERROR, POLKU_COUNTY_KEY_ERROR_NOT_FOUND))
            return fail (EXIT_ERROR, _("There is no county key for the pseudonymised CSV. "
                                       "Import the file your county gave you with “polku-cli "
                                       "report key import FILE” (or make a key for this laptop "
                                       "only with “polku-cli report key new”)."));
          return fail (EXIT_ERROR, _("The county key could not be read: %s"), error->message);
        }
      fingerprint = polku_county_key_fingerprint (key);
    }

  polku_cli_reads_only = TRUE;
  if (!polku_cli_open_store (&store))
    return EXIT_ERROR;
  report = polku_report_run (store, q, NULL, NULL, NULL, &error);
  if (report == NULL)
    return fail (g_error_matches (error, POLKU_REPORT_ERROR, POLKU_REPORT_ERROR_INVALID)
                 ? EXIT_USAGE : EXIT_ERROR, "%s", error->message);

  if (!polku_report_export_record (store, report, format, fingerprint, &error))
    return fail (EXIT_ERROR, "%s", error->message);

  if (g_str_equal (format, "pdf"))
    {
      if (!polku_report_write_pdf (report, polku_report_get_language (report), output, &error))
        return fail (EXIT_ERROR, "%s", error->message);
      return EXIT_OK;
    }

  out = g_memory_output_stream_new_resizable ();
  if (g_str_equal (format, "json"))
    {
      if (!polku_report_write_json (report, out, &error))
        return fail (EXIT_ERROR, "%s", error->message);
    }
  else if (g_str_equal (format, "csv"))
    {
      if (!polku_report_write_csv (report, g_bytes_get_data (key, NULL), g_bytes_get_size (key),
                                   out, &error))
        return fail (EXIT_ERROR, "%s", error->message);
    }
  else
    {
      g_autoptr(JsonNode) bundle = polku_report_to_fhir (report);
      g_autoptr(JsonGenerator) generator = json_generator_new ();
      g_autofree char *text = NULL;
      gsize length = 0;

      json_generator_set_root (generator, bundle);
      json_generator_set_pretty (generator, TRUE);
      text = json_generator_to_data (generator, &length);
      if (!g_output_stream_write_all (out, text, length, NULL, NULL, &error)
          || !g_output_stream_write_all (out, "\n", 1, NULL, NULL, &error))
        return fail (EXIT_ERROR, "%s", error->message);
    }
  return deliver (G_MEMORY_OUTPUT_STREAM (out), output);
}

static int
report_combine (int    argc,
                char **argv)
{
  g_autoptr(GPtrArray) paths = g_ptr_array_new ();
  g_autoptr(GOutputStream) out = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(PolkuProfile) profile = NULL;
  const char *output = NULL;
  guint threshold = 0;

  for (int i = 1; i < argc; i++)
    {
      if (g_str_equal (argv[i], "--output") || g_str_equal (argv[i], "--threshold"))
        {
          if (i + 1 >= argc)
            return polku_cli_usage_error ("polku-cli " COMBINE_USAGE, NULL);
          if (g_str_equal (argv[i], "--output"))
            output = argv[++i];
          else
            {
              guint64 value;

              if (!polku_cli_parse_uint (argv[++i], 1000, &value) || value < 1)
                return fail (EXIT_USAGE, _("--threshold needs a whole number from 1 to 1000, "
                                           "not “%s”."), argv[i]);
              threshold = (guint) value;
            }
        }
      else if (g_str_has_prefix (argv[i], "--"))
        return polku_cli_usage_error ("polku-cli " COMBINE_USAGE, argv[i]);
      else
        g_ptr_array_add (paths, argv[i]);
    }
  if (paths->len < 1)
    return fail (EXIT_USAGE, _("Name the CSV files to combine. Usage: polku-cli %s"),
                 COMBINE_USAGE);
  g_ptr_array_add (paths, NULL);
  if (output != NULL && g_file_test (output, G_FILE_TEST_EXISTS))
    return fail (EXIT_ERROR, _("“%s” exists already: choose another file name, or remove it "
                               "first. Nothing was written."), output);

  /* Recorded where there is a profile: an evaluator combining files may have none. */
  profile = polku_profile_new (polku_cli_data_dir);
  if (polku_profile_database_exists (profile))
    {
      g_autoptr(PolkuStore) store = NULL;

      polku_cli_reads_only = TRUE;
      if (!polku_cli_open_store (&store))
        return EXIT_ERROR;
      if (!polku_report_combine_record (store, paths->len - 1, &error))
        return fail (EXIT_ERROR, "%s", error->message);
    }

  out = g_memory_output_stream_new_resizable ();
  if (!polku_report_combine_csv ((const char * const *) paths->pdata, out, threshold, &error))
    return fail (g_error_matches (error, POLKU_REPORT_EXPORT_ERROR,
                                  POLKU_REPORT_EXPORT_ERROR_WRITE) ? EXIT_ERROR : EXIT_USAGE,
                 "%s", error->message);
  return deliver (G_MEMORY_OUTPUT_STREAM (out), output);
}

/* Records a county-key change where there is a profile (the detail is the fingerprint). */
static int
record_key (const char *action,
            const char *fingerprint)
{
  g_autoptr(PolkuProfile) profile = polku_profile_new (polku_cli_data_dir);
  g_autoptr(PolkuStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *detail = g_strdup_printf ("fingerprint=%s", fingerprint);

  if (!polku_profile_database_exists (profile))
    return EXIT_OK;
  polku_cli_reads_only = TRUE;
  if (!polku_cli_open_store (&store))
    return EXIT_ERROR;
  if (!polku_audit_record (store, action, NULL, detail, &error))
    return fail (EXIT_ERROR, "%s", error->message);
  return EXIT_OK;
}

/* report key delete [--yes]: like the other commands that destroy something (backup
 * --replace, key import --replace), nothing is deleted unless the command line says so; the
 * refusal names the key and what deleting it means. */
static int
key_delete (gboolean yes)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) key = NULL;
  g_autofree char *fingerprint = NULL;

  key = polku_county_key_lookup (NULL, NULL, &error);
  if (key == NULL && !g_error_matches (error, POLKU_COUNTY_KEY_ERROR,
                                       POLKU_COUNTY_KEY_ERROR_NOT_FOUND))
    return fail (EXIT_ERROR, _("The county key could not be read: %s"), error->message);
  if (key != NULL)
    fingerprint = polku_county_key_fingerprint (key);
  g_clear_pointer (&key, g_bytes_unref);
  g_clear_error (&error);

  if (fingerprint == NULL && !yes)
    {
      printf ("%s\n", _("There is no county key on this computer: nothing to delete."));
      return EXIT_OK;
    }
  if (!yes)
    return fail (EXIT_ERROR, _("Deleting the county key (fingerprint %s) cannot be undone: "
                               "pseudonymised CSV files made from now on could be combined "
                               "with earlier ones only after the same key is imported again "
                               "from the county's file. Nothing was deleted; add --yes to "
                               "delete it."), fingerprint);

  /* Also what is stored when it is not a key (lookup said "not found" then). */
  if (!polku_county_key_delete (NULL, NULL, &error))
    return fail (EXIT_ERROR, _("The county key could not be deleted: %s"), error->message);
  if (fingerprint == NULL)
    {
      printf ("%s\n", _("There is no county key on this computer: nothing to delete."));
      return EXIT_OK;
    }
  printf (_("The county key %s was deleted from this computer.\n"), fingerprint);
  return record_key (POLKU_AUDIT_COUNTY_KEY_DELETE, fingerprint);
}

static int
report_key (int    argc,
            char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *fingerprint = NULL;
  const char *what = argc >= 2 ? argv[1] : NULL;
  gboolean replace = FALSE;
  gboolean yes = FALSE;
  const char *file = NULL;

  for (int i = 2; i < argc; i++)
    {
      if (g_str_equal (argv[i], "--replace") && g_strcmp0 (what, "delete") != 0)
        replace = TRUE;
      else if (g_str_equal (argv[i], "--yes") && g_strcmp0 (what, "delete") == 0)
        yes = TRUE;
      else if (file == NULL && !g_str_has_prefix (argv[i], "--")
               && g_strcmp0 (what, "import") == 0)
        file = argv[i];
      else
        return polku_cli_usage_error ("polku-cli " KEY_USAGE, argv[i]);
    }

  if (g_strcmp0 (what, "import") == 0)
    {
      if (file == NULL)
        return fail (EXIT_USAGE, _("Name the key file your county gave you. Usage: polku-cli "
                                   "%s"), KEY_USAGE);
      fingerprint = polku_county_key_import_file (NULL, file, replace, NULL, &error);
      if (fingerprint == NULL)
        return fail (g_error_matches (error, POLKU_COUNTY_KEY_ERROR,
                                      POLKU_COUNTY_KEY_ERROR_INVALID) ? EXIT_USAGE : EXIT_ERROR,
                     "%s", error->message);
      printf ("%s\n", fingerprint);
      return record_key (POLKU_AUDIT_COUNTY_KEY_IMPORT, fingerprint);
    }
  if (g_strcmp0 (what, "new") == 0)
    {
      fingerprint = polku_county_key_new (NULL, replace, NULL, &error);
      if (fingerprint == NULL)
        return fail (EXIT_ERROR, "%s", error->message);
      printf ("%s\n", fingerprint);
      return record_key (POLKU_AUDIT_COUNTY_KEY_NEW, fingerprint);
    }
  if (g_strcmp0 (what, "show") == 0 && !replace)
    {
      g_autoptr(GBytes) key = polku_county_key_lookup (NULL, NULL, &error);

      if (key == NULL)
        return fail (EXIT_ERROR, "%s", error->message);
      fingerprint = polku_county_key_fingerprint (key);
      printf ("%s\n", fingerprint);
      return EXIT_OK;
    }
  if (g_strcmp0 (what, "delete") == 0)
    return key_delete (yes);
  return polku_cli_usage_error ("polku-cli " KEY_USAGE, what);
}

int
polku_cli_report (int    argc,
                  char **argv)
{
  if (argc >= 2 && g_str_equal (argv[1], "combine"))
    return report_combine (argc - 1, argv + 1);
  if (argc >= 2 && g_str_equal (argv[1], "key"))
    return report_key (argc - 1, argv + 1);
  return report_run (argc, argv);
}
