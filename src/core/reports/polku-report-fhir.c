/* polku-report-fhir.c: the report as a FHIR R4 Bundle of MeasureReport resources
 *
 * Copyright 2026 The Polku authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Made from the report's JSON (polku_report_to_json ()), so the figures are the suppressed
 * ones. One MeasureReport (status "complete", type "summary", period = the query's) per part
 * of the report: the cohort, before and after for each period, continuity, WHOQOL-BREF,
 * satisfaction, costs when the report has them, and the process. Each figure is a group whose
 * code (system FIGURE_SYSTEM) is the figure's path in the JSON, e.g.
 * "before_after.6.doctor_urgent.after.mean"; its initial-population count is the number of
 * clients it rests on (the CELL's n) and its measureScore the value. A suppressed cell has
 * neither: only the extension SUPPRESSED_URL with the text the report shows ("< 5", or "×"
 * for a cell hidden so that another cannot be worked out), so no receiver can recover it.
 * The measure canonical names the part; the threshold is an extension of every MeasureReport.
 */

#define G_LOG_DOMAIN "polku-report-export"

#include "config.h"

#include <string.h>

#include "polku-json.h"
#include "polku-fhir-private.h"
#include "polku-report-export.h"

#define BASE_URL          "https://polku.github.io/fhir"
#define MEASURE_BASE      BASE_URL "/Measure/report-"
#define FIGURE_SYSTEM     BASE_URL "/CodeSystem/report-figure"
#define SUPPRESSED_URL    BASE_URL "/StructureDefinition/suppressed"
#define THRESHOLD_URL     BASE_URL "/StructureDefinition/suppression-threshold"
#define POPULATION_SYSTEM "http://terminology.hl7.org/CodeSystem/measure-population"
#define UCUM_SYSTEM       "http://unitsofmeasure.org"
#define CURRENCY_SYSTEM   "urn:iso:std:iso:4217"

typedef enum
{
  UNIT_NONE,
  UNIT_PERCENT,
  UNIT_DAYS,
  UNIT_EUR,
} Unit;

typedef struct
{
  JsonBuilder *builder;
  const char  *from;
  const char  *to;
  const char  *generated;
  const char  *language;
  guint        threshold;
  gboolean     open;      /* a MeasureReport is being built */
} Fhir;

static JsonObject *
element_object (JsonArray *array,
                guint      i)
{
  JsonNode *node = json_array_get_element (array, i);

  return JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
}

static void
begin_report (Fhir       *fhir,
              const char *part,
              const char *title)
{
  JsonBuilder *b = fhir->builder;
  g_autofree char *id = g_uuid_string_random ();
  g_autofree char *measure = g_strconcat (MEASURE_BASE, part, NULL);

  polku_fhir_begin_entry (b, "MeasureReport", id);
  polku_fhir_add_string (b, "language", fhir->language);
  json_builder_set_member_name (b, "extension");
  json_builder_begin_array (b);
  json_builder_begin_object (b);
  polku_fhir_add_string (b, "url", THRESHOLD_URL);
  json_builder_set_member_name (b, "valueUnsignedInt");
  json_builder_add_int_value (b, fhir->threshold);
  json_builder_end_object (b);
  json_builder_end_array (b);
  polku_fhir_add_string (b, "status", "complete");
  polku_fhir_add_string (b, "type", "summary");
  polku_fhir_add_string (b, "measure", measure);
  polku_fhir_add_string (b, "date", fhir->generated);
  json_builder_set_member_name (b, "period");
  json_builder_begin_object (b);
  polku_fhir_add_string (b, "start", fhir->from);
  polku_fhir_add_string (b, "end", fhir->to);
  json_builder_end_object (b);
  if (title != NULL)
    {
      /* What the part is, for a person reading the resource. */
      json_builder_set_member_name (b, "text");
      json_builder_begin_object (b);
      polku_fhir_add_string (b, "status", "generated");
      {
        g_autofree char *escaped = g_markup_escape_text (title, -1);
        g_autofree char *div = g_strdup_printf ("<div xmlns=\"http://www.w3.org/1999/xhtml\">"
                                                "%s</div>", escaped);
        polku_fhir_add_string (b, "div", div);
      }
      json_builder_end_object (b);
    }
  json_builder_set_member_name (b, "group");
  json_builder_begin_array (b);
  fhir->open = TRUE;
}

static void
end_report (Fhir *fhir)
{
  json_builder_end_array (fhir->builder);
  polku_fhir_end_entry (fhir->builder);
  fhir->open = FALSE;
}

static void
add_quantity (JsonBuilder *b,
              double       value,
              Unit         unit)
{
  json_builder_set_member_name (b, "measureScore");
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "value");
  if (value > -1e15 && value < 1e15 && value == (double) (gint64) value)
    json_builder_add_int_value (b, (gint64) value);
  else
    json_builder_add_double_value (b, value);
  switch (unit)
    {
    case UNIT_PERCENT:
      polku_fhir_add_string (b, "unit", "%");
      polku_fhir_add_string (b, "system", UCUM_SYSTEM);
      polku_fhir_add_string (b, "code", "%");
      break;
    case UNIT_DAYS:
      polku_fhir_add_string (b, "unit", "d");
      polku_fhir_add_string (b, "system", UCUM_SYSTEM);
      polku_fhir_add_string (b, "code", "d");
      break;
    case UNIT_EUR:
      polku_fhir_add_string (b, "unit", "EUR");
      polku_fhir_add_string (b, "system", CURRENCY_SYSTEM);
      polku_fhir_add_string (b, "code", "EUR");
      break;
    case UNIT_NONE:
    default:
      break;
    }
  json_builder_end_object (b);
}

/* One group: the figure @code (with @display, may be NULL) from @cell, a CELL object. */
static void
add_group (Fhir       *fhir,
           const char *code,
           const char *display,
           JsonObject *cell,
           Unit        unit)
{
  JsonBuilder *b = fhir->builder;

  if (cell == NULL)
    return;

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "code");
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "coding");
  json_builder_begin_array (b);
  json_builder_begin_object (b);
  polku_fhir_add_string (b, "system", FIGURE_SYSTEM);
  polku_fhir_add_string (b, "code", code);
  polku_fhir_add_string (b, "display", display);
  json_builder_end_object (b);
  json_builder_end_array (b);
  polku_fhir_add_string (b, "text", display);
  json_builder_end_object (b);

  if (json_object_get_boolean_member_with_default (cell, "suppressed", FALSE))
    {
      /* No count, no score: only that it is hidden, and how the report shows it. */
      json_builder_set_member_name (b, "extension");
      json_builder_begin_array (b);
      json_builder_begin_object (b);
      polku_fhir_add_string (b, "url", SUPPRESSED_URL);
      json_builder_set_member_name (b, "valueString");
      json_builder_add_string_value (b, polku_json_get_string (cell, "display") != NULL
                                        ? polku_json_get_string (cell, "display") : "<");
      json_builder_end_object (b);
      json_builder_end_array (b);
    }
  else
    {
      JsonNode *value = json_object_get_member (cell, "value");
      gint64 n = json_object_get_int_member_with_default (cell, "n", 0);

      json_builder_set_member_name (b, "population");
      json_builder_begin_array (b);
      json_builder_begin_object (b);
      polku_fhir_add_concept (b, "code", POPULATION_SYSTEM, "initial-population", NULL, NULL);
      json_builder_set_member_name (b, "count");
      json_builder_add_int_value (b, n);
      json_builder_end_object (b);
      json_builder_end_array (b);
      if (value != NULL && JSON_NODE_HOLDS_VALUE (value))
        add_quantity (b, json_node_get_double (value), unit);
    }
  json_builder_end_object (b);
}

static char *
join_label (const char *a,
            const char *b)
{
  if (a == NULL)
    return g_strdup (b);
  if (b == NULL)
    return g_strdup (a);
  return g_strdup_printf ("%s – %s", a, b);
}

static void
add_cohort (Fhir       *fhir,
            JsonObject *root)
{
  JsonObject *cohort = polku_json_get_object (root, "cohort");
  JsonArray *periods = polku_json_get_array (cohort, "periods");

  if (cohort == NULL)
    return;
  begin_report (fhir, "cohort", "cohort");
  add_group (fhir, "cohort.clients", NULL, polku_json_get_object (cohort, "clients"), UNIT_NONE);
  for (guint i = 0; periods != NULL && i < json_array_get_length (periods); i++)
    {
      JsonObject *period = element_object (periods, i);
      gint64 months = json_object_get_int_member_with_default (period, "months", 0);
      JsonArray *left_out = polku_json_get_array (period, "left_out");
      g_autofree char *code = g_strdup_printf ("cohort.%" G_GINT64_FORMAT ".included", months);

      add_group (fhir, code, NULL, polku_json_get_object (period, "included"), UNIT_NONE);
      for (guint j = 0; left_out != NULL && j < json_array_get_length (left_out); j++)
        {
          JsonObject *reason = element_object (left_out, j);
          g_autofree char *reason_code =
            g_strdup_printf ("cohort.%" G_GINT64_FORMAT ".left_out.%s", months,
                             polku_json_get_string (reason, "reason"));

          add_group (fhir, reason_code, polku_json_get_string (reason, "label"),
                     polku_json_get_object (reason, "n"), UNIT_NONE);
        }
    }
  end_report (fhir);
}

static void
add_before_after (Fhir       *fhir,
                  JsonObject *root)
{
  JsonArray *periods = polku_json_get_array (root, "before_after");
  static const char * const sides[] = { "before", "after" };
  static const char * const stats[] = { "total", "mean", "median" };

  for (guint i = 0; periods != NULL && i < json_array_get_length (periods); i++)
    {
      JsonObject *period = element_object (periods, i);
      gint64 months = json_object_get_int_member_with_default (period, "months", 0);
      JsonArray *categories = polku_json_get_array (period, "categories");
      g_autofree char *part = g_strdup_printf ("before-after-%" G_GINT64_FORMAT, months);
      g_autofree char *clients = g_strdup_printf ("before_after.%" G_GINT64_FORMAT ".clients",
                                                  months);

      begin_report (fhir, part, part);
      add_group (fhir, clients, NULL, polku_json_get_object (period, "clients"), UNIT_NONE);
      for (guint j = 0; categories != NULL && j < json_array_get_length (categories); j++)
        {
          JsonObject *category = element_object (categories, j);
          const char *id = polku_json_get_string (category, "id");
          const char *label = polku_json_get_string (category, "label");

          for (guint s = 0; s < G_N_ELEMENTS (sides); s++)
            for (guint t = 0; t < G_N_ELEMENTS (stats); t++)
              {
                g_autofree char *code = g_strdup_printf ("before_after.%" G_GINT64_FORMAT
                                                         ".%s.%s.%s", months, id, sides[s],
                                                         stats[t]);
                g_autofree char *display = join_label (label, sides[s]);

                add_group (fhir, code, display,
                           polku_json_get_object (polku_json_get_object (category, sides[s]), stats[t]),
                           UNIT_NONE);
              }
          {
            g_autofree char *change = g_strdup_printf ("before_after.%" G_GINT64_FORMAT
                                                       ".%s.change_percent", months, id);
            g_autofree char *fell = g_strdup_printf ("before_after.%" G_GINT64_FORMAT
                                                     ".%s.share_fell", months, id);

            add_group (fhir, change, label, polku_json_get_object (category, "change_percent"),
                       UNIT_PERCENT);
            add_group (fhir, fell, label, polku_json_get_object (category, "share_fell"), UNIT_PERCENT);
          }
        }
      end_report (fhir);
    }
}

static void
add_continuity (Fhir       *fhir,
                JsonObject *root)
{
  JsonArray *rows = polku_json_get_array (root, "continuity");

  if (rows == NULL || json_array_get_length (rows) == 0)
    return;
  begin_report (fhir, "continuity", "continuity");
  for (guint i = 0; i < json_array_get_length (rows); i++)
    {
      JsonObject *row = element_object (rows, i);
      gint64 months = json_object_get_int_member_with_default (row, "months", 0);
      const char *index = polku_json_get_string (row, "index");
      static const char * const sides[] = { "before", "after" };

      for (guint s = 0; s < G_N_ELEMENTS (sides); s++)
        {
          JsonObject *side = polku_json_get_object (row, sides[s]);
          g_autofree char *median = g_strdup_printf ("continuity.%" G_GINT64_FORMAT ".%s.%s"
                                                     ".median", months, index, sides[s]);
          g_autofree char *n = g_strdup_printf ("continuity.%" G_GINT64_FORMAT ".%s.%s.n",
                                                months, index, sides[s]);

          add_group (fhir, median, index, polku_json_get_object (side, "median"), UNIT_NONE);
          add_group (fhir, n, index, polku_json_get_object (side, "n"), UNIT_NONE);
        }
    }
  end_report (fhir);
}

static void
add_whoqol (Fhir       *fhir,
            JsonObject *root)
{
  JsonObject *whoqol = polku_json_get_object (root, "whoqol");
  JsonArray *domains = polku_json_get_array (whoqol, "domains");
  JsonArray *over_time = polku_json_get_array (whoqol, "over_time");
  static const char * const figures[] = { "pairs", "baseline_mean", "latest_mean",
                                          "mean_change" };

  if (whoqol == NULL)
    return;
  begin_report (fhir, "whoqol", "WHOQOL-BREF");
  for (guint i = 0; domains != NULL && i < json_array_get_length (domains); i++)
    {
      JsonObject *domain = element_object (domains, i);

      for (guint f = 0; f < G_N_ELEMENTS (figures); f++)
        {
          g_autofree char *code = g_strdup_printf ("whoqol.%s.%s",
                                                   polku_json_get_string (domain, "id"), figures[f]);

          add_group (fhir, code, polku_json_get_string (domain, "label"),
                     polku_json_get_object (domain, figures[f]), UNIT_NONE);
        }
    }
  add_group (fhir, "whoqol.interval_days_median", NULL,
             polku_json_get_object (whoqol, "interval_days_median"), UNIT_DAYS);
  add_group (fhir, "whoqol.discarded", NULL, polku_json_get_object (whoqol, "discarded"), UNIT_NONE);
  add_group (fhir, "whoqol.unpaired", NULL, polku_json_get_object (whoqol, "unpaired"), UNIT_NONE);
  for (guint i = 0; over_time != NULL && i < json_array_get_length (over_time); i++)
    {
      JsonObject *point = element_object (over_time, i);
      gint64 months = json_object_get_int_member_with_default (point, "months", 0);
      const char *domain = polku_json_get_string (point, "domain");
      g_autofree char *mean = g_strdup_printf ("whoqol.over_time.%" G_GINT64_FORMAT ".%s.mean",
                                               months, domain);
      g_autofree char *n = g_strdup_printf ("whoqol.over_time.%" G_GINT64_FORMAT ".%s.n",
                                            months, domain);

      add_group (fhir, mean, NULL, polku_json_get_object (point, "mean"), UNIT_NONE);
      add_group (fhir, n, NULL, polku_json_get_object (point, "n"), UNIT_NONE);
    }
  end_report (fhir);
}

static void
add_satisfaction (Fhir       *fhir,
                  JsonObject *root)
{
  JsonArray *years = polku_json_get_array (polku_json_get_object (root, "satisfaction"), "years");

  if (years == NULL || json_array_get_length (years) == 0)
    return;
  begin_report (fhir, "satisfaction", "satisfaction");
  for (guint i = 0; i < json_array_get_length (years); i++)
    {
      JsonObject *year = element_object (years, i);
      gint64 y = json_object_get_int_member_with_default (year, "year", 0);
      JsonArray *categories = polku_json_get_array (year, "categories");
      g_autofree char *n = g_strdup_printf ("satisfaction.%" G_GINT64_FORMAT ".n", y);

      add_group (fhir, n, NULL, polku_json_get_object (year, "n"), UNIT_NONE);
      for (guint j = 0; categories != NULL && j < json_array_get_length (categories); j++)
        {
          JsonObject *category = element_object (categories, j);
          g_autofree char *code = g_strdup_printf ("satisfaction.%" G_GINT64_FORMAT ".%s", y,
                                                   polku_json_get_string (category, "id"));

          add_group (fhir, code, polku_json_get_string (category, "label"),
                     polku_json_get_object (category, "share"), UNIT_PERCENT);
        }
    }
  end_report (fhir);
}

static void
add_costs_period (Fhir       *fhir,
                  JsonObject *costs,
                  gint64      months)
{
  JsonArray *sectors = polku_json_get_array (costs, "sectors");
  JsonObject *total = polku_json_get_object (costs, "total");
  static const char * const sides[] = { "before", "after" };

  for (guint i = 0; sectors != NULL && i < json_array_get_length (sectors); i++)
    {
      JsonObject *sector = element_object (sectors, i);

      for (guint s = 0; s < G_N_ELEMENTS (sides); s++)
        {
          g_autofree char *code = g_strdup_printf ("costs.%" G_GINT64_FORMAT ".%s.%s", months,
                                                   polku_json_get_string (sector, "sector"), sides[s]);

          add_group (fhir, code, polku_json_get_string (sector, "label"),
                     polku_json_get_object (sector, sides[s]), UNIT_EUR);
        }
    }
  for (guint s = 0; s < G_N_ELEMENTS (sides); s++)
    {
      g_autofree char *code = g_strdup_printf ("costs.%" G_GINT64_FORMAT ".total.%s", months,
                                               sides[s]);

      add_group (fhir, code, NULL, polku_json_get_object (total, sides[s]), UNIT_EUR);
    }
}

static void
add_costs (Fhir       *fhir,
           JsonObject *root)
{
  JsonObject *costs = polku_json_get_object (root, "costs");
  JsonArray *periods = polku_json_get_array (costs, "periods");

  if (costs == NULL)
    return;
  begin_report (fhir, "costs", "costs");
  if (periods != NULL && json_array_get_length (periods) > 0)
    for (guint i = 0; i < json_array_get_length (periods); i++)
      {
        JsonObject *period = element_object (periods, i);

        add_costs_period (fhir, period,
                          json_object_get_int_member_with_default (period, "months", 0));
      }
  else
    add_costs_period (fhir, costs, json_object_get_int_member_with_default (costs, "months", 0));
  end_report (fhir);
}

static void
add_list (Fhir       *fhir,
          JsonArray  *list,
          const char *prefix,
          const char *id_member,
          const char *label_member,
          const char *cell_member)
{
  for (guint i = 0; list != NULL && i < json_array_get_length (list); i++)
    {
      JsonObject *item = element_object (list, i);
      const char *id = polku_json_get_string (item, id_member);
      g_autofree char *code = NULL;

      /* A coordinator's name is no code: number them, and give the name as display. */
      if (id == NULL || label_member == NULL)
        code = g_strdup_printf ("%s.%u", prefix, i + 1);
      else
        code = g_strdup_printf ("%s.%s", prefix, id);
      add_group (fhir, code, polku_json_get_string (item, label_member != NULL ? label_member
                                                                       : id_member),
                 polku_json_get_object (item, cell_member), UNIT_NONE);
    }
}

static void
add_process (Fhir       *fhir,
             JsonObject *root)
{
  JsonObject *process = polku_json_get_object (root, "process");
  JsonObject *consent = polku_json_get_object (process, "consent");
  JsonObject *days = polku_json_get_object (process, "median_days");
  static const char * const consents[] = { "given", "declined", "no_decision" };
  static const char * const intervals[] = { "to_first_contact", "to_mapping_visit",
                                            "to_agreed_plan" };

  if (process == NULL)
    return;
  begin_report (fhir, "process", "process");
  add_group (fhir, "process.clients", NULL, polku_json_get_object (process, "clients"), UNIT_NONE);
  add_list (fhir, polku_json_get_array (process, "identified_by_sector"), "process.identified_by_sector",
            "sector", "label", "n");
  for (guint i = 0; i < G_N_ELEMENTS (consents); i++)
    {
      g_autofree char *code = g_strconcat ("process.consent.", consents[i], NULL);

      add_group (fhir, code, NULL, polku_json_get_object (consent, consents[i]), UNIT_NONE);
    }
  for (guint i = 0; i < G_N_ELEMENTS (intervals); i++)
    {
      g_autofree char *code = g_strconcat ("process.median_days.", intervals[i], NULL);

      add_group (fhir, code, NULL, polku_json_get_object (days, intervals[i]), UNIT_DAYS);
    }
  add_list (fhir, polku_json_get_array (process, "caseload"), "process.caseload", "coordinator", NULL,
            "clients");
  add_group (fhir, "process.caseload_total", NULL, polku_json_get_object (process, "caseload_total"),
             UNIT_NONE);
  add_group (fhir, "process.overdue_reviews", NULL, polku_json_get_object (process, "overdue_reviews"),
             UNIT_NONE);
  add_list (fhir, polku_json_get_array (process, "closures"), "process.closures", "code", "label", "n");
  add_group (fhir, "process.closures_total", NULL, polku_json_get_object (process, "closures_total"),
             UNIT_NONE);
  add_group (fhir, "process.queue", NULL, polku_json_get_object (process, "queue"), UNIT_NONE);
  end_report (fhir);
}

/**
 * polku_report_to_fhir:
 * @report: a report
 *
 * Returns: (transfer full): a FHIR R4 Bundle (type "collection") of MeasureReport resources
 */
JsonNode *
polku_report_to_fhir (PolkuReport *report)
{
  g_autoptr(JsonBuilder) builder = NULL;
  g_autoptr(JsonNode) json = NULL;
  JsonObject *root;
  JsonObject *query;
  Fhir fhir = { 0 };

  g_return_val_if_fail (report != NULL, NULL);

  json = polku_report_to_json (report);
  root = json_node_get_object (json);
  query = polku_json_get_object (root, "query");

  builder = json_builder_new ();
  fhir.builder = builder;
  fhir.from = polku_json_get_string (query, "from");
  fhir.to = polku_json_get_string (query, "to");
  fhir.generated = polku_json_get_string (root, "generated");
  fhir.language = polku_json_get_string (root, "language");
  fhir.threshold = polku_report_get_threshold (report);

  polku_fhir_begin_bundle (builder, fhir.generated);
  add_cohort (&fhir, root);
  add_before_after (&fhir, root);
  add_continuity (&fhir, root);
  add_whoqol (&fhir, root);
  add_satisfaction (&fhir, root);
  add_costs (&fhir, root);
  add_process (&fhir, root);
  polku_fhir_end_bundle (builder);

  return json_builder_get_root (builder);
}
