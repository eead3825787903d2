/* polku-report-json.c: the report's figures as they may be shown (polku_report_to_json ())
 *
 * Copies the exact ("raw") figures and applies the small-number rules of polku-report.h:
 * primary suppression of every cell, the subtraction rule over every list of parts with a
 * shown total (repeated until nothing changes, since a total can be a part's total in two
 * lists), and a whole period hidden when the number of its clients is (every figure of the
 * period carries that n). Only then are the cells written, so no exact figure of a
 * suppressed cell reaches the output.
 *
 * Copyright 2026 The Polku authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "polku-report"

#include "config.h"

#include <math.h>

#include "polku-report-private.h"

typedef struct
{
  GHashTable *cells;      /* JsonObject → PolkuReportCell */
  guint       threshold;
} Rules;

static gboolean
is_cell (JsonNode *node)
{
  return node != NULL && JSON_NODE_HOLDS_OBJECT (node)
         && json_object_get_boolean_member_with_default (json_node_get_object (node), "cell",
                                                         FALSE);
}

static void
collect (Rules    *rules,
         JsonNode *node)
{
  if (node == NULL)
    return;
  if (is_cell (node))
    {
      JsonObject *object = json_node_get_object (node);
      PolkuReportCell *cell = g_new0 (PolkuReportCell, 1);
      JsonNode *value = json_object_get_member (object, "value");

      polku_report_cell_init (cell,
                              value != NULL && !JSON_NODE_HOLDS_NULL (value)
                              ? json_node_get_double (value) : NAN,
                              json_object_get_int_member (object, "n"));
      cell->base = json_object_get_int_member_with_default (object, "base", -1);
      cell->is_share = json_object_get_boolean_member_with_default (object, "share", FALSE);
      polku_report_suppress_cell (cell, rules->threshold);
      g_hash_table_insert (rules->cells, object, cell);
    }
  else if (JSON_NODE_HOLDS_OBJECT (node))
    {
      JsonObjectIter iter;
      JsonNode *member;

      json_object_iter_init (&iter, json_node_get_object (node));
      while (json_object_iter_next (&iter, NULL, &member))
        collect (rules, member);
    }
  else if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);

      for (guint i = 0; i < json_array_get_length (array); i++)
        collect (rules, json_array_get_element (array, i));
    }
}

/* The cell at @object's member @name (NULL when there is none). */
static PolkuReportCell *
cell_at (Rules      *rules,
         JsonObject *object,
         const char *name)
{
  JsonNode *node;

  if (object == NULL || !json_object_has_member (object, name))
    return NULL;
  node = json_object_get_member (object, name);
  if (!is_cell (node))
    return NULL;
  return g_hash_table_lookup (rules->cells, json_node_get_object (node));
}

static JsonObject *
object_at (JsonObject *object,
           const char *name)
{
  JsonNode *node;

  if (object == NULL || !json_object_has_member (object, name))
    return NULL;
  node = json_object_get_member (object, name);
  return JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
}

static JsonArray *
array_at (JsonObject *object,
          const char *name)
{
  JsonNode *node;

  if (object == NULL || !json_object_has_member (object, name))
    return NULL;
  node = json_object_get_member (object, name);
  return JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node) : NULL;
}

/* Adds the cells at member @name of every object of @array to @parts. */
static void
add_parts (Rules     *rules,
           GPtrArray *parts,
           JsonArray *array,
           const char *name)
{
  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    {
      JsonNode *element = json_array_get_element (array, i);
      PolkuReportCell *cell = JSON_NODE_HOLDS_OBJECT (element)
                              ? cell_at (rules, json_node_get_object (element), name) : NULL;

      if (cell != NULL)
        g_ptr_array_add (parts, cell);
    }
}

static guint
count_suppressed (Rules *rules)
{
  GHashTableIter iter;
  gpointer value;
  guint n = 0;

  g_hash_table_iter_init (&iter, rules->cells);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    n += ((PolkuReportCell *) value)->suppressed ? 1 : 0;
  return n;
}

static void
suppress_list (GPtrArray       *parts,
               PolkuReportCell *total)
{
  if (total != NULL)
    polku_report_suppress_parts ((PolkuReportCell **) parts->pdata, parts->len, total);
}

static void
costs_parts (Rules      *rules,
             JsonObject *costs)
{
  for (guint side = 0; side < 2 && costs != NULL; side++)
    {
      const char *name = side == 0 ? "before" : "after";
      g_autoptr(GPtrArray) parts = g_ptr_array_new ();

      add_parts (rules, parts, array_at (costs, "sectors"), name);
      suppress_list (parts, cell_at (rules, object_at (costs, "total"), name));
    }
}

/* Every list of parts with a shown total (polku-report.h). */
static void
subtraction_rule (Rules      *rules,
                  JsonObject *root)
{
  JsonObject *cohort = object_at (root, "cohort");
  JsonObject *process = object_at (root, "process");
  JsonObject *satisfaction = object_at (root, "satisfaction");
  JsonObject *costs = object_at (root, "costs");
  JsonArray *periods = array_at (cohort, "periods");
  JsonArray *years = array_at (satisfaction, "years");
  JsonArray *cost_periods = array_at (costs, "periods");

  for (guint i = 0; periods != NULL && i < json_array_get_length (periods); i++)
    {
      JsonObject *period = json_array_get_object_element (periods, i);
      g_autoptr(GPtrArray) parts = g_ptr_array_new ();
      PolkuReportCell *included = cell_at (rules, period, "included");

      if (included != NULL)
        g_ptr_array_add (parts, included);
      add_parts (rules, parts, array_at (period, "left_out"), "n");
      suppress_list (parts, cell_at (rules, cohort, "clients"));
    }

  if (process != NULL)
    {
      g_autoptr(GPtrArray) sectors = g_ptr_array_new ();
      g_autoptr(GPtrArray) consent = g_ptr_array_new ();
      g_autoptr(GPtrArray) closures = g_ptr_array_new ();
      g_autoptr(GPtrArray) caseload = g_ptr_array_new ();
      JsonObject *consent_object = object_at (process, "consent");
      const char *consent_parts[] = { "given", "declined", "no_decision" };

      add_parts (rules, sectors, array_at (process, "identified_by_sector"), "n");
      suppress_list (sectors, cell_at (rules, process, "clients"));
      for (guint i = 0; i < G_N_ELEMENTS (consent_parts); i++)
        {
          PolkuReportCell *cell = cell_at (rules, consent_object, consent_parts[i]);

          if (cell != NULL)
            g_ptr_array_add (consent, cell);
        }
      suppress_list (consent, cell_at (rules, process, "clients"));
      add_parts (rules, closures, array_at (process, "closures"), "n");
      suppress_list (closures, cell_at (rules, process, "closures_total"));
      add_parts (rules, caseload, array_at (process, "caseload"), "clients");
      suppress_list (caseload, cell_at (rules, process, "caseload_total"));
    }

  for (guint i = 0; years != NULL && i < json_array_get_length (years); i++)
    {
      JsonObject *year = json_array_get_object_element (years, i);
      g_autoptr(GPtrArray) parts = g_ptr_array_new ();

      add_parts (rules, parts, array_at (year, "categories"), "share");
      suppress_list (parts, cell_at (rules, year, "n"));
    }

  costs_parts (rules, costs);
  for (guint i = 0; cost_periods != NULL && i < json_array_get_length (cost_periods); i++)
    costs_parts (rules, json_array_get_object_element (cost_periods, i));
}

static void
hide_all (Rules    *rules,
          JsonNode *node)
{
  if (node == NULL)
    return;
  if (is_cell (node))
    {
      PolkuReportCell *cell = g_hash_table_lookup (rules->cells, json_node_get_object (node));

      if (!cell->suppressed)
        cell->suppressed = cell->complementary = TRUE;
    }
  else if (JSON_NODE_HOLDS_OBJECT (node))
    {
      JsonObjectIter iter;
      JsonNode *member;

      json_object_iter_init (&iter, json_node_get_object (node));
      while (json_object_iter_next (&iter, NULL, &member))
        hide_all (rules, member);
    }
  else if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);

      for (guint i = 0; i < json_array_get_length (array); i++)
        hide_all (rules, json_array_get_element (array, i));
    }
}

/* Hides every figure of the entries of @array whose "months" is @months. */
static void
hide_months (Rules     *rules,
             JsonArray *array,
             gint64     months)
{
  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    {
      JsonNode *element = json_array_get_element (array, i);

      if (JSON_NODE_HOLDS_OBJECT (element)
          && json_object_get_int_member_with_default (json_node_get_object (element), "months",
                                                      -1) == months)
        hide_all (rules, element);
    }
}

/* A period whose number of clients is hidden: every figure of it says that number in its
 * "n", so all of them are hidden. */
static void
hide_periods (Rules      *rules,
              JsonObject *root)
{
  JsonArray *periods = array_at (object_at (root, "cohort"), "periods");
  JsonObject *costs = object_at (root, "costs");

  for (guint i = 0; periods != NULL && i < json_array_get_length (periods); i++)
    {
      JsonObject *period = json_array_get_object_element (periods, i);
      PolkuReportCell *included = cell_at (rules, period, "included");
      gint64 months = json_object_get_int_member (period, "months");

      if (included == NULL || !included->suppressed)
        continue;
      hide_months (rules, array_at (root, "before_after"), months);
      hide_months (rules, array_at (root, "continuity"), months);
      hide_months (rules, array_at (costs, "periods"), months);
      if (costs != NULL && json_object_get_int_member_with_default (costs, "months", -1) == months)
        {
          hide_all (rules, json_object_get_member (costs, "sectors"));
          hide_all (rules, json_object_get_member (costs, "total"));
        }
    }
}

static void
write_cells (Rules    *rules,
             JsonNode *node)
{
  if (JSON_NODE_HOLDS_OBJECT (node))
    {
      JsonObject *object = json_node_get_object (node);
      g_autoptr(GList) names = json_object_get_members (object);

      for (GList *l = names; l != NULL; l = l->next)
        {
          JsonNode *member = json_object_get_member (object, l->data);

          if (is_cell (member))
            {
              PolkuReportCell *cell = g_hash_table_lookup (rules->cells,
                                                           json_node_get_object (member));

              json_object_set_member (object, l->data,
                                      polku_report_cell_to_json (cell, rules->threshold));
            }
          else
            write_cells (rules, member);
        }
    }
  else if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);

      for (guint i = 0; i < json_array_get_length (array); i++)
        write_cells (rules, json_array_get_element (array, i));
    }
}

/* Applies the rules to @root (a copy of the raw figures) in place. */
void
polku_report_apply_rules (JsonNode *root,
                          guint     threshold)
{
  Rules rules = { g_hash_table_new_full (g_direct_hash, g_direct_equal, NULL, g_free),
                  threshold };
  guint before;

  collect (&rules, root);
  do
    {
      before = count_suppressed (&rules);
      subtraction_rule (&rules, json_node_get_object (root));
      hide_periods (&rules, json_node_get_object (root));
    }
  while (count_suppressed (&rules) != before);
  write_cells (&rules, root);
  g_hash_table_unref (rules.cells);
}

static void
add_or_null (JsonBuilder *builder,
             const char  *name,
             const char  *value)
{
  json_builder_set_member_name (builder, name);
  if (value != NULL)
    json_builder_add_string_value (builder, value);
  else
    json_builder_add_null_value (builder);
}

static void
add_int_or_null (JsonBuilder *builder,
                 const char  *name,
                 int          value)
{
  json_builder_set_member_name (builder, name);
  if (value >= 0)
    json_builder_add_int_value (builder, value);
  else
    json_builder_add_null_value (builder);
}

/**
 * polku_report_to_json:
 *
 * The report as polku-report.h describes it, every figure under the small-number rules.
 *
 * Returns: (transfer full): a new JSON object
 */
JsonNode *
polku_report_to_json (PolkuReport *report)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) figures = NULL;
  const PolkuReportQuery *q;
  const char *sections[] = {
    "cohort", "before_after", "continuity", "whoqol", "satisfaction", "costs", "process",
  };
  JsonNode *root;

  g_return_val_if_fail (report != NULL, NULL);

  q = report->query;
  figures = json_node_copy (report->raw);
  polku_report_apply_rules (figures, report->threshold);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "format");
  json_builder_add_string_value (builder, "polku-report");
  json_builder_set_member_name (builder, "version");
  json_builder_add_int_value (builder, 1);
  json_builder_set_member_name (builder, "generated");
  json_builder_add_string_value (builder, report->generated);
  json_builder_set_member_name (builder, "language");
  json_builder_add_string_value (builder, report->language);
  json_builder_set_member_name (builder, "query");
  json_builder_begin_object (builder);
  add_or_null (builder, "from", q->from);
  add_or_null (builder, "to", q->to);
  add_or_null (builder, "today", report->today);
  json_builder_set_member_name (builder, "threshold");
  json_builder_add_int_value (builder, report->threshold);
  json_builder_set_member_name (builder, "filters");
  json_builder_begin_object (builder);
  add_or_null (builder, "coordinator", q->coordinator);
  add_or_null (builder, "unit", q->unit);
  add_or_null (builder, "municipality", q->municipality);
  add_int_or_null (builder, "age_min", q->age_min);
  add_int_or_null (builder, "age_max", q->age_max);
  add_or_null (builder, "sector", q->sector);
  add_or_null (builder, "closed", q->closed == 1 ? "closed" : q->closed == 0 ? "open" : NULL);
  json_builder_end_object (builder);
  json_builder_end_object (builder);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  for (guint i = 0; i < G_N_ELEMENTS (sections); i++)
    {
      JsonNode *section = json_object_get_member (json_node_get_object (figures), sections[i]);

      json_object_set_member (json_node_get_object (root), sections[i],
                              section != NULL ? json_node_copy (section)
                                              : json_node_new (JSON_NODE_NULL));
    }
  return root;
}
