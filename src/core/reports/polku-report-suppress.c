/* polku-report-suppress.c: the small-number rules of the reports (the CELL rule)
 *
 * Primary suppression hides a figure that rests on 1 … threshold−1 clients; complementary
 * suppression (the subtraction rule) hides a second part, or the total, when exactly one part
 * of a list with a shown total is hidden. polku-report.h says the rule in full; this is its
 * one implementation, used by the JSON (and so the window, the PDF and FHIR) and by any
 * export that makes its own totals.
 *
 * Copyright 2026 The Polku authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "polku-report"

#include "config.h"

#include <math.h>

#include "polku-report.h"

void
polku_report_cell_init (PolkuReportCell *cell,
                        double           value,
                        gint64           n)
{
  g_return_if_fail (cell != NULL);

  cell->value = value;
  cell->n = n;
  cell->base = -1;
  cell->is_share = FALSE;
  cell->suppressed = FALSE;
  cell->complementary = FALSE;
}

static gboolean
is_small (gint64 n,
          guint  threshold)
{
  return n >= 1 && n < (gint64) threshold;
}

/**
 * polku_report_suppress_cell:
 *
 * Primary suppression: the cell rests on 1 … @threshold−1 clients, or (a share) its
 * complement does, or the group it is a share or statistic of is that small.
 */
void
polku_report_suppress_cell (PolkuReportCell *cell,
                            guint            threshold)
{
  g_return_if_fail (cell != NULL);

  if (is_small (cell->n, threshold))
    cell->suppressed = TRUE;
  if (cell->base >= 0)
    {
      if (is_small (cell->base, threshold))
        cell->suppressed = TRUE;
      if (cell->is_share && is_small (cell->base - cell->n, threshold))
        cell->suppressed = TRUE;
    }
}

/**
 * polku_report_suppress_parts:
 * @parts: the parts that add up to @total
 * @total: (nullable): the total shown with them
 *
 * The subtraction rule: while exactly one part is suppressed and the total is shown, the
 * smallest other shown part (the first of equals) is suppressed too, or the total when
 * there is no other part. Returns when no part can be worked out from the others.
 */
void
polku_report_suppress_parts (PolkuReportCell **parts,
                             guint             n_parts,
                             PolkuReportCell  *total)
{
  g_return_if_fail (parts != NULL || n_parts == 0);

  if (total == NULL)
    return;

  for (;;)
    {
      guint n_suppressed = 0;
      PolkuReportCell *smallest = NULL;

      if (total->suppressed)
        return;
      for (guint i = 0; i < n_parts; i++)
        {
          if (parts[i]->suppressed)
            n_suppressed++;
          else if (smallest == NULL
                   || (isnan (smallest->value) && !isnan (parts[i]->value))
                   || (!isnan (parts[i]->value) && parts[i]->value < smallest->value))
            smallest = parts[i];
        }
      if (n_suppressed != 1)
        return;
      if (smallest != NULL)
        {
          smallest->suppressed = TRUE;
          smallest->complementary = TRUE;
        }
      else
        {
          total->suppressed = TRUE;
          total->complementary = TRUE;
        }
    }
}

/**
 * polku_report_cell_to_json:
 *
 * Returns: (transfer full): the CELL object of polku-report.h
 */
JsonNode *
polku_report_cell_to_json (const PolkuReportCell *cell,
                           guint                  threshold)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  g_return_val_if_fail (cell != NULL, NULL);

  json_builder_begin_object (builder);
  if (cell->suppressed)
    {
      g_autofree char *display = g_strdup_printf ("< %u", threshold);

      json_builder_set_member_name (builder, "suppressed");
      json_builder_add_boolean_value (builder, TRUE);
      json_builder_set_member_name (builder, "n_below");
      json_builder_add_int_value (builder, threshold);
      json_builder_set_member_name (builder, "display");
      json_builder_add_string_value (builder, cell->complementary ? "×" : display);
      if (cell->complementary)
        {
          json_builder_set_member_name (builder, "complementary");
          json_builder_add_boolean_value (builder, TRUE);
        }
    }
  else
    {
      json_builder_set_member_name (builder, "value");
      if (isnan (cell->value) || isinf (cell->value))
        json_builder_add_null_value (builder);
      else if (cell->value > -1e15 && cell->value < 1e15
               && cell->value == (double) (gint64) cell->value)
        json_builder_add_int_value (builder, (gint64) cell->value);
      else
        {
          /* Two decimals, half away from zero (no libm in the core). */
          double hundredths = cell->value * 100.0;
          gint64 rounded = (gint64) (hundredths >= 0 ? hundredths + 0.5 : hundredths - 0.5);

          if (rounded % 100 == 0)
            json_builder_add_int_value (builder, rounded / 100);
          else
            json_builder_add_double_value (builder, rounded / 100.0);
        }
      json_builder_set_member_name (builder, "n");
      json_builder_add_int_value (builder, cell->n);
    }
  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}
