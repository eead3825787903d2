/* polku-cli-assessment.c: `polku-cli assessment`: stored assessments
 *
 * Copyright 2026 The Polku authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 *   polku-cli assessment add CLIENT-ID --json FILE
 *   polku-cli assessment list CLIENT-ID [--json] [--instrument ID] [--drafts]
 *   polku-cli assessment export CLIENT-ID --fhir or --csv --to ORG-ID|--own-use
 *                               [--instrument ID]
 *
 * FHIR and CSV carry the client's measures out of Polku (also as "list --fhir|--csv"): they
 * name the receiving organisation, whose sharing consent must cover "measures", or say that
 * they are for the coordinator's own use; either way the export is in the audit log.
 *   polku-cli assessment satisfaction [--from DATE] [--to DATE] [--json]
 */

#define G_LOG_DOMAIN "polku-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>

#include "polku-assessment-export.h"
#include "polku-assessment-store.h"
#include "polku-audit.h"
#include "polku-client-store.h"
#include "polku-consent-export.h"
#include "polku-date.h"
#include "polku-satisfaction-report.h"

#include "polku-cli-private.h"

static int
assessment_add (int    argc,
                char **argv)
{
  g_autoptr(PolkuStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) input = NULL;
  g_autoptr(JsonNode) output = NULL;
  g_autoptr(PolkuAssessment) assessment = NULL;
  const char *client_id = NULL;
  const char *file = NULL;

  for (int i = 1; i < argc; i++)
    {
      if (g_str_equal (argv[i], "--json") && i + 1 < argc)
        file = argv[++i];
      else if (client_id == NULL && argv[i][0] != '-')
        client_id = argv[i];
      else
        return fail (EXIT_USAGE, _("Unknown argument “%s”. Usage: polku-cli assessment add "
                                   "CLIENT-ID --json FILE"), argv[i]);
    }
  if (client_id == NULL || file == NULL)
    return fail (EXIT_USAGE, _("Usage: polku-cli assessment add CLIENT-ID --json FILE (- for "
                               "standard input)"));
  if (!g_uuid_string_is_valid (client_id))
    return fail (EXIT_USAGE, _("“%s” is not a client id (a UUID)."), client_id);

  input = polku_cli_read_json (file, &error);
  if (input == NULL)
    return fail (EXIT_USAGE, "%s", error->message);

  /* Check before opening, so that bad input never needs the key. */
  assessment = polku_assessment_new_from_json (client_id, input, &error);
  if (assessment == NULL)
    return fail (EXIT_USAGE, "%s", error->message);

  if (!polku_cli_open_store (&store))
    return EXIT_ERROR;

  if (!polku_assessment_store_save (store, assessment, &error))
    return fail (EXIT_ERROR, "%s", error->message);

  output = polku_assessment_to_json (assessment, &error);
  if (output == NULL)
    return fail (EXIT_ERROR, "%s", error->message);
  print_json (output);
  return EXIT_OK;
}

typedef enum
{
  FORMAT_TEXT,
  FORMAT_JSON,
  FORMAT_FHIR,
  FORMAT_CSV,
} Format;

/* assessment list, and assessment export */
static int
assessment_list (int    argc,
                 char **argv)
{
  gboolean export = g_str_equal (argv[0], "export");
  g_autoptr(PolkuStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) assessments = NULL;
  g_autoptr(PolkuClient) client = NULL;
  const char *client_id = NULL;
  const char *instrument_id = NULL;
  gboolean drafts = FALSE;
  Format format = FORMAT_TEXT;
  PolkuCliExportTo to = { NULL, FALSE };
  int status;

  for (int i = 1; i < argc; i++)
    {
      if (g_str_equal (argv[i], "--json") && !export)
        format = FORMAT_JSON;
      else if (g_str_equal (argv[i], "--fhir"))
        format = FORMAT_FHIR;
      else if (g_str_equal (argv[i], "--csv"))
        format = FORMAT_CSV;
      else if (g_str_equal (argv[i], "--drafts") && !export)
        drafts = TRUE;
      else if (g_str_equal (argv[i], "--instrument") && i + 1 < argc)
        instrument_id = argv[++i];
      else if (g_str_equal (argv[i], "--to") && i + 1 < argc)
        to.to = argv[++i];
      else if (g_str_equal (argv[i], "--own-use"))
        to.own_use = TRUE;
      else if (client_id == NULL && argv[i][0] != '-')
        client_id = argv[i];
      else
        return fail (EXIT_USAGE, export
                     ? _("Unknown argument “%s”. Usage: polku-cli assessment export CLIENT-ID "
                         "--fhir or --csv --to ORG-ID|--own-use [--instrument ID]")
                     : _("Unknown argument “%s”. Usage: polku-cli assessment list CLIENT-ID "
                         "[--json] [--fhir|--csv --to ORG-ID|--own-use] [--instrument ID] "
                         "[--drafts]"), argv[i]);
    }
  if (client_id == NULL || !g_uuid_string_is_valid (client_id))
    return fail (EXIT_USAGE, _("Usage: polku-cli assessment %s CLIENT-ID (the id is a UUID)"),
                 argv[0]);
  if (export && format == FORMAT_TEXT)
    return fail (EXIT_USAGE, _("Say which format: polku-cli assessment export CLIENT-ID --fhir "
                               "or --csv"));
  if ((format == FORMAT_FHIR || format == FORMAT_CSV) && drafts)
    return fail (EXIT_USAGE, _("Drafts are not exported: leave out --drafts."));
  if (format == FORMAT_FHIR || format == FORMAT_CSV)
    {
      if (!polku_cli_check_export_to (&to, "polku-cli assessment export CLIENT-ID --fhir or "
                                      "--csv --to ORG-ID|--own-use [--instrument ID]",
                                      &status))
        return status;
    }
  else if (to.to != NULL || to.own_use)
    return fail (EXIT_USAGE, _("--to and --own-use name who receives an export: give them "
                               "with --fhir or --csv."));
  if (format == FORMAT_CSV && instrument_id == NULL)
    instrument_id = "whoqol-bref";
  if (instrument_id != NULL)
    {
      g_autoptr(PolkuInstrument) instrument = polku_instrument_lookup (instrument_id, &error);

      if (instrument == NULL)
        return fail (EXIT_USAGE, "%s", error->message);
    }

  if (!polku_cli_open_store (&store))
    return EXIT_ERROR;

  client = polku_client_store_get (store, client_id, &error);
  if (client == NULL)
    return fail (EXIT_ERROR, "%s", error->message);
  assessments = polku_assessment_store_list (store, client_id, instrument_id, drafts, &error);
  if (assessments == NULL)
    return fail (EXIT_ERROR, "%s", error->message);
  if (format == FORMAT_FHIR || format == FORMAT_CSV)
    {
      /* The assessments are the plan's measures, and the bundle's Patient goes with them. */
      static const char * const parts[] = { "measures", NULL };
      g_autofree char *what = g_strdup_printf ("instrument=%s format=%s",
                                               instrument_id != NULL ? instrument_id : "all",
                                               format == FORMAT_FHIR ? "fhir" : "csv");

      status = polku_cli_record_export (store, client_id, &to, parts,
                                        POLKU_AUDIT_ASSESSMENT_EXPORT, what);
      if (status != EXIT_OK)
        return status;
    }
  else if (!polku_audit_record (store, POLKU_AUDIT_ASSESSMENT_LIST, client_id, instrument_id,
                                &error))
    return fail (EXIT_ERROR, "%s", error->message);

  switch (format)
    {
    case FORMAT_JSON:
      {
        g_autoptr(JsonNode) root = json_node_new (JSON_NODE_ARRAY);
        g_autoptr(JsonArray) array = json_array_new ();

        for (guint i = 0; i < assessments->len; i++)
          {
            JsonNode *node = polku_assessment_to_json (g_ptr_array_index (assessments, i),
                                                       &error);

            if (node == NULL)
              return fail (EXIT_ERROR, "%s", error->message);
            json_array_add_element (array, node);
          }
        json_node_set_array (root, array);
        print_json (root);
      }
      break;

    case FORMAT_FHIR:
      {
        g_autoptr(JsonNode) bundle = polku_assessment_export_fhir (client, assessments, &error);

        if (bundle == NULL)
          return fail (EXIT_ERROR, "%s", error->message);
        polku_consent_export_mark_fhir (bundle, to.to);
        print_json (bundle);
      }
      break;

    case FORMAT_CSV:
      {
        g_autoptr(PolkuInstrument) instrument = polku_instrument_lookup (instrument_id, NULL);
        g_autofree char *header = polku_assessment_export_csv_header (instrument);

        /* A receiver sees that a file for own use is not theirs to keep. */
        if (to.own_use)
          {
            g_autofree char *comment = polku_consent_export_csv_comment ();

            fputs (comment, stdout);
          }
        fputs (header, stdout);
        for (guint i = 0; i < assessments->len; i++)
          {
            g_autofree char *row = polku_assessment_export_csv_row (
              g_ptr_array_index (assessments, i), &error);

            if (row == NULL)
              return fail (EXIT_ERROR, "%s", error->message);
            fputs (row, stdout);
          }
      }
      break;

    case FORMAT_TEXT:
    default:
      for (guint i = 0; i < assessments->len; i++)
        {
          PolkuAssessment *assessment = g_ptr_array_index (assessments, i);

          printf ("%s\t%s\t%s\t%s%s\n", polku_assessment_get_id (assessment),
                  polku_assessment_get_date (assessment),
                  polku_assessment_get_instrument_id (assessment),
                  polku_assessment_role_get_label (polku_assessment_get_role (assessment)),
                  polku_assessment_get_status (assessment) == POLKU_ASSESSMENT_STATUS_DRAFT
                  ? _("\t(draft)") : "");
        }
      break;
    }

  return EXIT_OK;
}

#define ASSESSMENT_SATISFACTION_USAGE \
  "assessment satisfaction [--from YYYY-MM-DD] [--to YYYY-MM-DD] [--json]"

/* Client satisfaction across clients, as the practice reports it (polku-satisfaction-report.h):
 * the whole period, then each year. */
static int
assessment_satisfaction (int    argc,
                         char **argv)
{
  g_autoptr(PolkuStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) report = NULL;
  const char *from = NULL;
  const char *to = NULL;
  gboolean json = FALSE;
  const PolkuCliOption options[] = {
    { "--from", &from, NULL }, { "--to", &to, NULL }, { "--json", NULL, &json }, { NULL }
  };
  const char *dates[] = { "--from", "--to" };
  int status;

  if (!polku_cli_parse_args (argc, argv, options, NULL, 0, 0, ASSESSMENT_SATISFACTION_USAGE,
                             &status))
    return status;
  for (guint i = 0; i < G_N_ELEMENTS (dates); i++)
    {
      const char *date = i == 0 ? from : to;

      if (date != NULL && !polku_date_is_valid (date))
        return fail (EXIT_USAGE, _("%s needs a date as YYYY-MM-DD, not “%s”."), dates[i], date);
    }
  if (from != NULL && to != NULL && g_strcmp0 (from, to) > 0)
    return fail (EXIT_USAGE, _("--from is after --to: the period is empty."));

  if (!polku_cli_open_store (&store))
    return EXIT_ERROR;
  report = polku_satisfaction_report (store, from, to, &error);
  if (report == NULL)
    return fail (EXIT_ERROR, "%s", error->message);

  if (json)
    {
      g_autoptr(JsonNode) root = polku_satisfaction_report_to_json (report);

      print_json (root);
      return EXIT_OK;
    }

  for (guint i = 0; i < report->len; i++)
    {
      PolkuSatisfactionShares *shares = g_ptr_array_index (report, i);
      g_autofree char *line = polku_satisfaction_shares_to_text (shares);

      if (shares->year == 0)
        {
          g_autofree char *shown_from = from != NULL ? polku_date_format_user (from) : NULL;
          g_autofree char *shown_to = to != NULL ? polku_date_format_user (to) : NULL;
          g_autofree char *period = NULL;

          if (from == NULL && to == NULL)
            period = g_strdup (_("all dates"));
          else
            /* TRANSLATORS: a period, "1.1.2025–31.12.2025"; either side may be empty */
            period = g_strdup_printf (C_("period", "%s–%s"), shown_from != NULL ? shown_from : "",
                                      shown_to != NULL ? shown_to : "");
          /* TRANSLATORS: the heading of the satisfaction report: the period, then how the
           * answers were counted */
          printf (_("Client satisfaction, %s (each client’s latest answer)\n"), period);
          /* TRANSLATORS: the whole period's shares follow */
          printf ("%s: %s\n", _("Whole period"), line);
        }
      else
        printf ("%d: %s\n", shares->year, line);
    }
  return EXIT_OK;
}

int
polku_cli_assessment (int    argc,
                      char **argv)
{
  static const PolkuCliSubcommand subcommands[] = {
    { "add", assessment_add },
    { "list", assessment_list },
    { "export", assessment_list },
    { "satisfaction", assessment_satisfaction },
  };

  return polku_cli_dispatch (argc, argv, subcommands, G_N_ELEMENTS (subcommands));
}
