/* polku-assessment-export.c: completed assessments as FHIR R4 and CSV
 *
 * Copyright 2026 The Polku authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * FHIR: one Bundle of type "collection". Its entries have full URLs "urn:uuid:<id>" and
 * every reference is one of them: the Patient (the client), a QuestionnaireResponse per
 * assessment (subject → Patient) and an Observation per score (subject → Patient,
 * derivedFrom → the QuestionnaireResponse). The plan is named by identifier (it is a
 * document of its own, not in the bundle). Observation ids are derived from the assessment's
 * id and the score's name, so exporting twice gives the same ids.
 */

#define G_LOG_DOMAIN "polku-assessment"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "polku-assessment-export.h"
#include "polku-fhir-private.h"

#define POLKU_FHIR_BASE "https://polku.github.io/fhir"
#define HETU_SYSTEM "urn:oid:1.2.246.21"

/* A stable UUID (version 5 layout) from a name. */
static char *
derived_uuid (const char *a,
              const char *b)
{
  g_autofree char *name = g_strconcat (a, "/", b, NULL);
  g_autofree char *hex = g_compute_checksum_for_string (G_CHECKSUM_SHA1, name, -1);
  char variant = "89ab"[g_ascii_xdigit_value (hex[16]) & 3];

  return g_strdup_printf ("%.8s-%.4s-5%.3s-%c%.3s-%.12s", hex, hex + 8, hex + 13, variant,
                          hex + 17, hex + 20);
}

static void
add_patient (JsonBuilder *builder,
             PolkuClient *client)
{
  g_autofree char *urn = polku_fhir_urn (polku_client_get_id (client));

  polku_fhir_begin_entry (builder, "Patient", polku_client_get_id (client));
  json_builder_set_member_name (builder, "identifier");
  json_builder_begin_array (builder);
  if (polku_client_get_hetu (client) != NULL)
    polku_fhir_add_system_value (builder, NULL, HETU_SYSTEM, polku_client_get_hetu (client));
  polku_fhir_add_system_value (builder, NULL, "urn:ietf:rfc:3986", urn);
  json_builder_end_array (builder);
  polku_fhir_add_name (builder, polku_client_get_family_name (client),
                       polku_client_get_given_name (client));
  polku_fhir_add_string (builder, "birthDate", polku_client_get_birth_date (client));
  polku_fhir_end_entry (builder);
}

static void
add_questionnaire_response (JsonBuilder     *builder,
                            PolkuAssessment *assessment,
                            PolkuInstrument *instrument)
{
  const char *id = polku_assessment_get_id (assessment);
  g_autofree char *canonical = g_strdup_printf ("%s/Questionnaire/%s|%s", POLKU_FHIR_BASE,
                                                polku_assessment_get_instrument_id (assessment),
                                                polku_assessment_get_instrument_version (
                                                  assessment));
  g_autofree char *urn = polku_fhir_urn (id);

  polku_fhir_begin_entry (builder, "QuestionnaireResponse", id);
  json_builder_set_member_name (builder, "extension");
  json_builder_begin_array (builder);
  json_builder_begin_object (builder);
  polku_fhir_add_string (builder, "url", POLKU_FHIR_BASE "/StructureDefinition/assessment-role");
  polku_fhir_add_string (builder, "valueCode",
              polku_assessment_role_to_code (polku_assessment_get_role (assessment)));
  json_builder_end_object (builder);
  json_builder_end_array (builder);
  polku_fhir_add_system_value (builder, "identifier", "urn:ietf:rfc:3986", urn);
  if (polku_assessment_get_plan_id (assessment) != NULL)
    {
      g_autofree char *plan = polku_fhir_urn (polku_assessment_get_plan_id (assessment));

      json_builder_set_member_name (builder, "basedOn");
      json_builder_begin_array (builder);
      json_builder_begin_object (builder);
      polku_fhir_add_string (builder, "type", "CarePlan");
      polku_fhir_add_system_value (builder, "identifier", "urn:ietf:rfc:3986", plan);
      json_builder_end_object (builder);
      json_builder_end_array (builder);
    }
  polku_fhir_add_string (builder, "questionnaire", canonical);
  polku_fhir_add_string (builder, "status", "completed");
  polku_fhir_add_reference (builder, "subject", polku_assessment_get_client_id (assessment),
                            NULL);
  polku_fhir_add_string (builder, "authored", polku_assessment_get_date (assessment));
  json_builder_set_member_name (builder, "item");
  json_builder_begin_array (builder);
  for (guint i = 0; i < polku_instrument_get_n_items (instrument); i++)
    {
      int value = polku_assessment_get_answer (assessment, i);

      json_builder_begin_object (builder);
      polku_fhir_add_string (builder, "linkId", polku_instrument_get_item_id (instrument, i));
      polku_fhir_add_string (builder, "text", polku_instrument_get_item_text (instrument, i));
      if (polku_instrument_answer_is_valid (instrument, i, value))
        {
          json_builder_set_member_name (builder, "answer");
          json_builder_begin_array (builder);
          json_builder_begin_object (builder);
          json_builder_set_member_name (builder, "valueInteger");
          json_builder_add_int_value (builder, value);
          json_builder_end_object (builder);
          json_builder_end_array (builder);
        }
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  polku_fhir_end_entry (builder);
}

static void
begin_observation (JsonBuilder     *builder,
                   PolkuAssessment *assessment,
                   const char      *code,
                   const char      *display)
{
  const char *qr = polku_assessment_get_id (assessment);
  g_autofree char *id = derived_uuid (qr, code);
  g_autofree char *system = g_strdup_printf ("%s/CodeSystem/%s", POLKU_FHIR_BASE,
                                             polku_assessment_get_instrument_id (assessment));

  polku_fhir_begin_entry (builder, "Observation", id);
  polku_fhir_add_string (builder, "status", "final");
  json_builder_set_member_name (builder, "category");
  json_builder_begin_array (builder);
  polku_fhir_add_concept (builder, NULL,
                          "http://terminology.hl7.org/CodeSystem/observation-category", "survey",
                          NULL, NULL);
  json_builder_end_array (builder);
  polku_fhir_add_concept (builder, "code", system, code, display, display);
  polku_fhir_add_reference (builder, "subject", polku_assessment_get_client_id (assessment),
                            NULL);
  polku_fhir_add_string (builder, "effectiveDateTime", polku_assessment_get_date (assessment));
  json_builder_set_member_name (builder, "derivedFrom");
  json_builder_begin_array (builder);
  polku_fhir_add_reference (builder, NULL, qr, NULL);
  json_builder_end_array (builder);
}

static void
add_observations (JsonBuilder       *builder,
                  PolkuAssessment   *assessment,
                  PolkuInstrument   *instrument,
                  const PolkuScores *scores)
{
  guint n_scores = polku_instrument_get_n_scores (instrument);

  for (guint r = 0; r < scores->n_reported; r++)
    {
      guint item = polku_instrument_get_reported_item (instrument, r);

      if (scores->reported[r] == POLKU_ANSWER_MISSING)
        continue;
      begin_observation (builder, assessment, polku_instrument_get_reported_key (instrument, r),
                         polku_instrument_get_item_text (instrument, item));
      json_builder_set_member_name (builder, "valueInteger");
      json_builder_add_int_value (builder, scores->reported[r]);
      polku_fhir_end_entry (builder);
    }

  for (guint d = 0; d < scores->n_domains; d++)
    for (guint s = 0; s < n_scores; s++)
      {
        g_autofree char *code = NULL;
        g_autofree char *display = NULL;
        double min, max;

        if (isnan (scores->domains[d].values[s]))
          continue;
        polku_instrument_get_score_range (instrument, s, &min, &max);
        code = g_strdup_printf ("%s.%s", scores->domains[d].id,
                                polku_instrument_get_score_id (instrument, s));
        display = g_strdup_printf ("%s (%g–%g)",
                                   polku_instrument_get_domain_title (instrument, d), min, max);
        begin_observation (builder, assessment, code, display);
        json_builder_set_member_name (builder, "valueQuantity");
        json_builder_begin_object (builder);
        json_builder_set_member_name (builder, "value");
        json_builder_add_double_value (builder, scores->domains[d].values[s]);
        polku_fhir_add_string (builder, "unit", "score");
        polku_fhir_add_string (builder, "system", "http://unitsofmeasure.org");
        polku_fhir_add_string (builder, "code", "{score}");
        json_builder_end_object (builder);
        polku_fhir_end_entry (builder);
      }
}

JsonNode *
polku_assessment_export_fhir (PolkuClient  *client,
                              GPtrArray    *assessments,
                              GError      **error)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *timestamp = g_date_time_format_iso8601 (now);

  g_return_val_if_fail (POLKU_IS_CLIENT (client), NULL);
  g_return_val_if_fail (assessments != NULL, NULL);

  polku_fhir_begin_bundle (builder, timestamp);
  add_patient (builder, client);

  for (guint i = 0; i < assessments->len; i++)
    {
      PolkuAssessment *assessment = g_ptr_array_index (assessments, i);
      g_autoptr(PolkuInstrument) instrument = NULL;
      g_autoptr(PolkuScores) scores = NULL;

      if (polku_assessment_get_status (assessment) != POLKU_ASSESSMENT_STATUS_COMPLETE)
        continue;
      if (g_strcmp0 (polku_assessment_get_client_id (assessment),
                     polku_client_get_id (client)) != 0)
        {
          g_set_error (error, POLKU_ASSESSMENT_ERROR, POLKU_ASSESSMENT_ERROR_INVALID,
                       _("Assessment %s is another client’s."),
                       polku_assessment_get_id (assessment));
          return NULL;
        }
      instrument = polku_assessment_dup_instrument (assessment, error);
      if (instrument == NULL)
        return NULL;
      scores = polku_scores_compute (instrument, polku_assessment_get_answers (assessment));
      add_questionnaire_response (builder, assessment, instrument);
      add_observations (builder, assessment, instrument, scores);
    }

  polku_fhir_end_bundle (builder);
  return json_builder_get_root (builder);
}

static void
csv_cell (GString    *row,
          const char *text)
{
  if (row->len > 0)
    g_string_append_c (row, ',');
  if (text == NULL)
    return;
  if (strpbrk (text, ",\"\r\n") != NULL)
    {
      g_string_append_c (row, '"');
      for (const char *p = text; *p != '\0'; p++)
        {
          if (*p == '"')
            g_string_append_c (row, '"');
          g_string_append_c (row, *p);
        }
      g_string_append_c (row, '"');
    }
  else
    g_string_append (row, text);
}

char *
polku_assessment_export_csv_header (PolkuInstrument *instrument)
{
  g_autoptr(GString) row = g_string_new (NULL);
  static const char * const fixed[] = {
    "assessment_id", "client_id", "instrument", "instrument_version", "date", "role",
    "plan_id", "discarded", "missing", NULL
  };

  g_return_val_if_fail (POLKU_IS_INSTRUMENT (instrument), NULL);

  for (guint i = 0; fixed[i] != NULL; i++)
    csv_cell (row, fixed[i]);
  for (guint r = 0; r < polku_instrument_get_n_reported (instrument); r++)
    csv_cell (row, polku_instrument_get_reported_key (instrument, r));
  for (guint d = 0; d < polku_instrument_get_n_domains (instrument); d++)
    {
      g_autofree char *answered = g_strdup_printf ("%s_answered",
                                                   polku_instrument_get_domain_id (instrument, d));

      csv_cell (row, answered);
      for (guint s = 0; s < polku_instrument_get_n_scores (instrument); s++)
        {
          g_autofree char *name = g_strdup_printf ("%s_%s",
                                                   polku_instrument_get_domain_id (instrument, d),
                                                   polku_instrument_get_score_id (instrument, s));

          csv_cell (row, name);
        }
    }
  for (guint i = 0; i < polku_instrument_get_n_items (instrument); i++)
    {
      g_autofree char *name = g_strdup_printf ("item_%s",
                                               polku_instrument_get_item_id (instrument, i));

      csv_cell (row, name);
    }
  g_string_append (row, "\r\n");
  return g_string_free (g_steal_pointer (&row), FALSE);
}

char *
polku_assessment_export_csv_row (PolkuAssessment  *assessment,
                                 GError          **error)
{
  g_autoptr(GString) row = g_string_new (NULL);
  g_autoptr(PolkuInstrument) instrument = NULL;
  g_autoptr(PolkuScores) scores = NULL;
  char number[G_ASCII_DTOSTR_BUF_SIZE];

  g_return_val_if_fail (POLKU_IS_ASSESSMENT (assessment), NULL);

  instrument = polku_assessment_dup_instrument (assessment, error);
  if (instrument == NULL)
    return NULL;
  scores = polku_scores_compute (instrument, polku_assessment_get_answers (assessment));

  csv_cell (row, polku_assessment_get_id (assessment));
  csv_cell (row, polku_assessment_get_client_id (assessment));
  csv_cell (row, polku_assessment_get_instrument_id (assessment));
  csv_cell (row, polku_assessment_get_instrument_version (assessment));
  csv_cell (row, polku_assessment_get_date (assessment));
  csv_cell (row, polku_assessment_role_to_code (polku_assessment_get_role (assessment)));
  csv_cell (row, polku_assessment_get_plan_id (assessment));
  csv_cell (row, scores->discarded ? "true" : "false");
  g_snprintf (number, sizeof number, "%u", scores->missing);
  csv_cell (row, number);
  for (guint r = 0; r < scores->n_reported; r++)
    {
      g_snprintf (number, sizeof number, "%d", scores->reported[r]);
      csv_cell (row, scores->reported[r] != POLKU_ANSWER_MISSING ? number : NULL);
    }
  for (guint d = 0; d < scores->n_domains; d++)
    {
      g_snprintf (number, sizeof number, "%u", scores->domains[d].answered);
      csv_cell (row, number);
      for (guint s = 0; s < polku_instrument_get_n_scores (instrument); s++)
        {
          double value = scores->domains[d].values[s];

          /* "%.17g": the same digits as the JSON output. */
          csv_cell (row, isnan (value) ? NULL : g_ascii_dtostr (number, sizeof number, value));
        }
    }
  for (guint i = 0; i < polku_instrument_get_n_items (instrument); i++)
    {
      int value = polku_assessment_get_answer (assessment, i);

      g_snprintf (number, sizeof number, "%d", value);
      csv_cell (row, polku_instrument_answer_is_valid (instrument, i, value) ? number : NULL);
    }
  g_string_append (row, "\r\n");
  return g_string_free (g_steal_pointer (&row), FALSE);
}
