/* polku-report-costs.c: contact counts turned into euros with a county's unit costs
 *
 * A unit-cost file (data/unit-costs.json is an example, "polku-unit-costs" version 1) gives
 * euros per contact of a report category, or per day for "inpatient_days", and the sector
 * that bears the cost. The report multiplies each included client's counts before and after
 * the agreed date and sums them by sector (002: the model is judged over one or two years;
 * 000: a tenth of the clients carry most of the costs).
 *
 * Copyright 2026 The Polku authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "polku-report"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "polku-json.h"
#include "polku-report-private.h"

static const char * const cost_sectors[] = { "health", "social", "other", NULL };

static gboolean
costs_fail (GError     **error,
            const char  *path,
            const char  *field)
{
  g_autofree char *name = g_path_get_basename (path);

  g_set_error (error, POLKU_REPORT_ERROR, POLKU_REPORT_ERROR_COSTS,
               /* TRANSLATORS: the unit-cost file's name, then the field that is wrong */
               _("The unit-cost file “%s” is not valid: check “%s”. See data/unit-costs.json "
                 "for the format."), name, field);
  return FALSE;
}

/**
 * polku_report_costs_load:
 *
 * Reads and checks a unit-cost file (the categories are checked against the report's when
 * it runs).
 *
 * Returns: (transfer full): the file's JSON, or %NULL with a POLKU_REPORT_ERROR_COSTS error
 */
JsonNode *
polku_report_costs_load (const char  *path,
                         GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *basename = g_path_get_basename (path);
  JsonObject *object;
  JsonArray *costs;

  /* The bundled example is "resource:///io/github/polku/Polku/core/unit-costs.json". */
  if (g_str_has_prefix (path, "resource://"))
    {
      g_autoptr(GFile) file = g_file_new_for_uri (path);

      bytes = polku_file_load_bounded (file, POLKU_JSON_MAX_BYTES, &local_error);
    }
  else
    bytes = polku_read_file_bounded (path, POLKU_JSON_MAX_BYTES, &local_error);
  if (bytes == NULL)
    {
      g_autofree char *name = g_path_get_basename (path);

      g_set_error (error, POLKU_REPORT_ERROR, POLKU_REPORT_ERROR_COSTS,
                   _("The unit-cost file “%s” cannot be read: %s"), name, local_error->message);
      return NULL;
    }
  root = polku_json_parse_bounded (bytes, &local_error);
  if (root == NULL)
    {
      g_autofree char *name = g_path_get_basename (path);

      g_set_error (error, POLKU_REPORT_ERROR, POLKU_REPORT_ERROR_COSTS,
                   _("The unit-cost file “%s” is not valid JSON: %s"), name,
                   local_error->message);
      return NULL;
    }
  if (!JSON_NODE_HOLDS_OBJECT (root))
    return costs_fail (error, path, "format"), NULL;
  object = json_node_get_object (root);
  if (g_strcmp0 (json_object_get_string_member_with_default (object, "format", ""),
                 "polku-unit-costs") != 0)
    return costs_fail (error, path, "format"), NULL;
  if (json_object_get_int_member_with_default (object, "version", 0) != 1)
    return costs_fail (error, path, "version"), NULL;
  if (json_object_has_member (object, "currency")
      && !JSON_NODE_HOLDS_VALUE (json_object_get_member (object, "currency")))
    return costs_fail (error, path, "currency"), NULL;
  if (!json_object_has_member (object, "costs")
      || !JSON_NODE_HOLDS_ARRAY (json_object_get_member (object, "costs")))
    return costs_fail (error, path, "costs"), NULL;
  costs = json_object_get_array_member (object, "costs");
  for (guint i = 0; i < json_array_get_length (costs); i++)
    {
      JsonNode *node = json_array_get_element (costs, i);
      g_autofree char *field = NULL;
      JsonObject *cost;
      JsonNode *euros;
      const char *sector;

      field = g_strdup_printf ("costs[%u]", i);
      if (!JSON_NODE_HOLDS_OBJECT (node))
        return costs_fail (error, path, field), NULL;
      cost = json_node_get_object (node);
      g_free (field);
      field = g_strdup_printf ("costs[%u].category", i);
      if (json_object_get_string_member_with_default (cost, "category", NULL) == NULL)
        return costs_fail (error, path, field), NULL;
      g_free (field);
      field = g_strdup_printf ("costs[%u].sector", i);
      sector = json_object_get_string_member_with_default (cost, "sector", NULL);
      if (sector == NULL || !g_strv_contains (cost_sectors, sector))
        return costs_fail (error, path, field), NULL;
      g_free (field);
      field = g_strdup_printf ("costs[%u].euros", i);
      euros = json_object_get_member (cost, "euros");
      if (euros == NULL || !JSON_NODE_HOLDS_VALUE (euros)
          || (json_node_get_value_type (euros) != G_TYPE_DOUBLE
              && json_node_get_value_type (euros) != G_TYPE_INT64)
          || json_node_get_double (euros) < 0
          || !isfinite (json_node_get_double (euros)))
        return costs_fail (error, path, field), NULL;
    }
  json_object_set_string_member (object, "file", basename);
  return g_steal_pointer (&root);
}

/* Checks the categories against the report's: a cost for a category the report does not
 * count would be silently lost. */
gboolean
polku_report_costs_check (PolkuReport  *report,
                          GError      **error)
{
  JsonObject *object = json_node_get_object (report->costs);
  JsonArray *costs = json_object_get_array_member (object, "costs");

  for (guint i = 0; i < json_array_get_length (costs); i++)
    {
      const char *category = json_object_get_string_member (
        json_array_get_object_element (costs, i), "category");
      gboolean known = FALSE;

      for (guint c = 0; c < report->n_categories; c++)
        known = known || g_str_equal (g_ptr_array_index (report->category_ids, c), category);
      if (!known)
        {
          g_autofree char *field = g_strdup_printf ("costs[%u].category", i);

          return costs_fail (error, json_object_get_string_member (object, "file"), field);
        }
    }
  return TRUE;
}

static JsonNode *
costs_period (PolkuReport *report,
              guint        p,
              gboolean     with_months)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  JsonArray *costs = json_object_get_array_member (json_node_get_object (report->costs),
                                                   "costs");
  double sums[G_N_ELEMENTS (cost_sectors)][2] = { { 0 } };
  double total[2] = { 0 };
  gboolean used[G_N_ELEMENTS (cost_sectors)] = { FALSE };
  guint included = 0;

  for (guint i = 0; i < json_array_get_length (costs); i++)
    {
      JsonObject *cost = json_array_get_object_element (costs, i);
      const char *category = json_object_get_string_member (cost, "category");
      const char *sector = json_object_get_string_member (cost, "sector");
      double euros = json_object_get_double_member (cost, "euros");
      guint s = 0, c = 0;

      while (!g_str_equal (cost_sectors[s], sector))
        s++;
      while (c < report->n_categories
             && !g_str_equal (g_ptr_array_index (report->category_ids, c), category))
        c++;
      used[s] = TRUE;
      for (guint r = 0; r < report->rows->len; r++)
        {
          ReportClient *client = (ReportClient *) g_ptr_array_index (report->rows, r);

          if (!client->included[p])
            continue;
          for (guint side = 0; side < 2; side++)
            {
              double amount = COUNT (report, client, p, side, c) * euros;

              sums[s][side] += amount;
              total[side] += amount;
            }
        }
    }
  for (guint r = 0; r < report->rows->len; r++)
    included += ((ReportClient *) g_ptr_array_index (report->rows, r))->included[p] ? 1 : 0;

  json_builder_begin_object (builder);
  if (with_months)
    {
      json_builder_set_member_name (builder, "months");
      json_builder_add_int_value (builder, polku_report_periods[p]);
    }
  json_builder_set_member_name (builder, "sectors");
  json_builder_begin_array (builder);
  for (guint s = 0; cost_sectors[s] != NULL; s++)
    {
      if (!used[s])
        continue;
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "sector");
      json_builder_add_string_value (builder, cost_sectors[s]);
      json_builder_set_member_name (builder, "label");
      json_builder_add_string_value (builder, polku_report_word (report, cost_sectors[s]));
      json_builder_set_member_name (builder, "before");
      json_builder_add_value (builder, polku_report_raw_cell (sums[s][0], included));
      json_builder_set_member_name (builder, "after");
      json_builder_add_value (builder, polku_report_raw_cell (sums[s][1], included));
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "total");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "before");
  json_builder_add_value (builder, polku_report_raw_cell (total[0], included));
  json_builder_set_member_name (builder, "after");
  json_builder_add_value (builder, polku_report_raw_cell (total[1], included));
  json_builder_end_object (builder);
  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}

/* The "costs" section of polku-report.h: 12 months at the top, every period in "periods". */
JsonNode *
polku_report_costs_compute (PolkuReport *report)
{
  JsonObject *file = json_node_get_object (report->costs);
  JsonNode *node = costs_period (report, 1, FALSE);
  JsonObject *object = json_node_get_object (node);
  JsonArray *periods = json_array_new ();

  json_object_set_string_member (object, "file", json_object_get_string_member (file, "file"));
  json_object_set_string_member (object, "currency",
                                 json_object_get_string_member_with_default (file, "currency",
                                                                             "EUR"));
  json_object_set_int_member (object, "months", polku_report_periods[1]);
  for (guint p = 0; p < REPORT_N_PERIODS; p++)
    json_array_add_element (periods, costs_period (report, p, TRUE));
  json_object_set_array_member (object, "periods", periods);
  return node;
}
