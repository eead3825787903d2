/* polku-cli-assessment.c: `polku-cli assessment`: stored assessments
 *
 * Copyright 2026 The Polku authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 *   polku-cli assessment add CLIENT-ID --json FILE
 *   polku-cli assessment list CLIENT-ID [--json] [--fhir] [--csv] [--instrument ID] [--drafts]
 *   polku-cli assessment export CLIENT-ID --fhir or --csv [--instrument ID]
 */

#define G_LOG_DOMAIN "polku-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>

#include "polku-assessment-export.h"
#include "polku-assessment-store.h"
#include "polku-audit.h"
#include "polku-client-store.h"

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
      else if (client_id == NULL && argv[i][0] != '-')
        client_id = argv[i];
      else
        return fail (EXIT_USAGE, export
                     ? _("Unknown argument “%s”. Usage: polku-cli assessment export CLIENT-ID "
                         "--fhir or --csv [--instrument ID]")
                     : _("Unknown argument “%s”. Usage: polku-cli assessment list CLIENT-ID "
                         "[--json] [--fhir] [--csv] [--instrument ID] [--drafts]"), argv[i]);
    }
  if (client_id == NULL || !g_uuid_string_is_valid (client_id))
    return fail (EXIT_USAGE, _("Usage: polku-cli assessment %s CLIENT-ID (the id is a UUID)"),
                 argv[0]);
  if (export && format == FORMAT_TEXT)
    return fail (EXIT_USAGE, _("Say which format: polku-cli assessment export CLIENT-ID --fhir "
                               "or --csv"));
  if ((format == FORMAT_FHIR || format == FORMAT_CSV) && drafts)
    return fail (EXIT_USAGE, _("Drafts are not exported: leave out --drafts."));
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
  if (!polku_audit_record (store, format == FORMAT_FHIR || format == FORMAT_CSV
                                  ? POLKU_AUDIT_ASSESSMENT_EXPORT : POLKU_AUDIT_ASSESSMENT_LIST,
                           client_id, instrument_id, &error))
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
        print_json (bundle);
      }
      break;

    case FORMAT_CSV:
      {
        g_autoptr(PolkuInstrument) instrument = polku_instrument_lookup (instrument_id, NULL);
        g_autofree char *header = polku_assessment_export_csv_header (instrument);

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

int
polku_cli_assessment (int    argc,
                      char **argv)
{
  static const PolkuCliSubcommand subcommands[] = {
    { "add", assessment_add },
    { "list", assessment_list },
    { "export", assessment_list },
  };

  return polku_cli_dispatch (argc, argv, subcommands, G_N_ELEMENTS (subcommands));
}
