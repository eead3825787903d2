/* polku-satisfaction-report.c: client satisfaction as the practice reports it
 *
 * Copyright 2026 The Polku authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * 002 reports its feedback as "n = 178: 68 % very satisfied, 29 % fairly satisfied, 3 %
 * neither": the share of answers in each category of one question. The question is the
 * client-satisfaction instrument's reported item (data/instruments/client-satisfaction.json),
 * asked with one tap at a follow-up visit; its anchors are the practice's categories.
 */

#define G_LOG_DOMAIN "polku-satisfaction-report"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "polku-assessment-store.h"
#include "polku-audit.h"
#include "polku-date.h"
#include "polku-satisfaction-report.h"

/* The item whose answer is the category: the instrument's first reported item (the service
 * as a whole), or its first item. */
static guint
question_item (PolkuInstrument *instrument)
{
  return polku_instrument_get_n_reported (instrument) > 0
         ? polku_instrument_get_reported_item (instrument, 0) : 0;
}

/**
 * polku_satisfaction_get_answer:
 *
 * Returns: the answer to the satisfaction question, or %POLKU_ANSWER_MISSING
 */
int
polku_satisfaction_get_answer (PolkuAssessment *assessment)
{
  g_autoptr(PolkuInstrument) instrument = NULL;
  guint item;
  int value;

  g_return_val_if_fail (POLKU_IS_ASSESSMENT (assessment), POLKU_ANSWER_MISSING);

  if (g_strcmp0 (polku_assessment_get_instrument_id (assessment),
                 POLKU_INSTRUMENT_CLIENT_SATISFACTION) != 0)
    return POLKU_ANSWER_MISSING;
  instrument = polku_assessment_dup_instrument (assessment, NULL);
  if (instrument == NULL)
    return POLKU_ANSWER_MISSING;
  item = question_item (instrument);
  if (item >= polku_assessment_get_n_answers (assessment))
    return POLKU_ANSWER_MISSING;
  value = polku_assessment_get_answer (assessment, item);
  return polku_instrument_answer_is_valid (instrument, item, value) ? value
                                                                   : POLKU_ANSWER_MISSING;
}

/**
 * polku_satisfaction_get_label:
 * @language: (nullable): "fi", "sv" or "en"; %NULL: the user's language
 *
 * Returns: (nullable): the category's words, as the instrument file has them
 */
const char *
polku_satisfaction_get_label (int         value,
                              const char *language)
{
  g_autoptr(PolkuInstrument) instrument = NULL;

  instrument = polku_instrument_lookup (POLKU_INSTRUMENT_CLIENT_SATISFACTION, NULL);
  if (instrument == NULL)
    return NULL;
  /* The registry keeps the instrument alive: the label outlives this reference. */
  return language != NULL
         ? polku_instrument_get_item_anchor_in (instrument, question_item (instrument), value,
                                                language)
         : polku_instrument_get_item_anchor (instrument, question_item (instrument), value);
}

/**
 * polku_satisfaction_store_answer:
 *
 * Returns: (transfer full): the stored assessment, or %NULL with @error (nothing written)
 */
PolkuAssessment *
polku_satisfaction_store_answer (PolkuStore  *store,
                                 const char  *client_id,
                                 int          value,
                                 const char  *date,
                                 GError     **error)
{
  g_autoptr(PolkuInstrument) instrument = NULL;
  g_autoptr(PolkuAssessment) assessment = NULL;
  g_autofree char *plan_id = NULL;
  g_autofree char *plan_start = NULL;
  g_autoptr(GError) local_error = NULL;
  guint item;

  g_return_val_if_fail (POLKU_IS_STORE (store), NULL);
  g_return_val_if_fail (client_id != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  instrument = polku_instrument_lookup (POLKU_INSTRUMENT_CLIENT_SATISFACTION, error);
  if (instrument == NULL)
    return NULL;
  item = question_item (instrument);
  if (!polku_instrument_answer_is_valid (instrument, item, value))
    {
      g_set_error (error, POLKU_ASSESSMENT_ERROR, POLKU_ASSESSMENT_ERROR_INVALID,
                   _("%d is not an answer to the satisfaction question (%d–%d). Nothing was "
                     "saved."), value, polku_instrument_get_item_min (instrument, item),
                   polku_instrument_get_item_max (instrument, item));
      return NULL;
    }

  assessment = polku_assessment_new (client_id, instrument);
  if (date != NULL)
    polku_assessment_set_date (assessment, date);
  polku_assessment_set_answer (assessment, item, value);
  polku_assessment_set_position (assessment, polku_instrument_get_n_items (instrument));
  polku_assessment_set_role (assessment, POLKU_ASSESSMENT_ROLE_FOLLOW_UP);
  if (polku_assessment_store_find_plan (store, client_id, &plan_id, &plan_start, &local_error))
    polku_assessment_set_plan_id (assessment, plan_id);
  else if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  polku_assessment_set_status (assessment, POLKU_ASSESSMENT_STATUS_COMPLETE);
  if (!polku_assessment_store_save (store, assessment, error))
    return NULL;
  return g_steal_pointer (&assessment);
}

void
polku_satisfaction_shares_free (PolkuSatisfactionShares *shares)
{
  if (shares == NULL)
    return;
  g_free (shares->from);
  g_free (shares->to);
  g_free (shares->values);
  g_free (shares->counts);
  g_free (shares);
}

gboolean
polku_satisfaction_shares_shown (const PolkuSatisfactionShares *shares)
{
  g_return_val_if_fail (shares != NULL, FALSE);
  return shares->n >= POLKU_SATISFACTION_MIN_N;
}

int
polku_satisfaction_shares_percent (const PolkuSatisfactionShares *shares,
                                   guint                          i)
{
  g_return_val_if_fail (shares != NULL, -1);
  g_return_val_if_fail (i < shares->n_categories, -1);

  if (!polku_satisfaction_shares_shown (shares))
    return -1;
  return (int) floor (100.0 * shares->counts[i] / shares->n + 0.5);
}

/**
 * polku_satisfaction_shares_to_text:
 *
 * Returns: (transfer full): the shares in one line, in the user's language
 */
char *
polku_satisfaction_shares_to_text (const PolkuSatisfactionShares *shares)
{
  g_autoptr(GString) text = g_string_new (NULL);

  g_return_val_if_fail (shares != NULL, NULL);

  if (!polku_satisfaction_shares_shown (shares))
    /* TRANSLATORS: n is the number of clients who answered; shares are hidden below 5 */
    return g_strdup_printf (_("n = %u, too few to show shares"), shares->n);

  /* TRANSLATORS: n is the number of clients who answered */
  g_string_printf (text, _("n = %u"), shares->n);
  for (guint i = 0; i < shares->n_categories; i++)
    {
      const char *label = polku_satisfaction_get_label (shares->values[i], NULL);
      g_autofree char *fallback = g_strdup_printf ("%d", shares->values[i]);

      g_string_append (text, " · ");
      /* TRANSLATORS: a satisfaction category and its share, e.g. "Very satisfied 68 %" */
      g_string_append_printf (text, C_("satisfaction", "%s %d %%"),
                              label != NULL ? label : fallback,
                              polku_satisfaction_shares_percent (shares, i));
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static PolkuSatisfactionShares *
shares_new (PolkuInstrument *instrument,
            int              year,
            const char      *from,
            const char      *to)
{
  PolkuSatisfactionShares *shares = g_new0 (PolkuSatisfactionShares, 1);
  guint item = question_item (instrument);
  int min = polku_instrument_get_item_min (instrument, item);
  int max = polku_instrument_get_item_max (instrument, item);

  shares->year = year;
  shares->from = g_strdup (from);
  shares->to = g_strdup (to);
  shares->n_categories = max - min + 1;
  shares->values = g_new0 (int, shares->n_categories);
  shares->counts = g_new0 (guint, shares->n_categories);
  /* Best first, as the practice lists them. */
  for (guint i = 0; i < shares->n_categories; i++)
    shares->values[i] = max - (int) i;
  return shares;
}

static void
shares_count (PolkuSatisfactionShares *shares,
              int                      value)
{
  for (guint i = 0; i < shares->n_categories; i++)
    if (shares->values[i] == value)
      {
        shares->counts[i]++;
        shares->n++;
        return;
      }
}

static int
year_of (PolkuAssessment *assessment)
{
  GDate date;

  return polku_date_parse_iso (polku_assessment_get_date (assessment), &date)
         ? g_date_get_year (&date) : 0;
}

static gint
compare_year (gconstpointer a,
              gconstpointer b,
              gpointer      user_data)
{
  return (*(PolkuSatisfactionShares **) a)->year - (*(PolkuSatisfactionShares **) b)->year;
}

/**
 * polku_satisfaction_report:
 * @from: (nullable): the first day counted (YYYY-MM-DD)
 * @to: (nullable): the last day counted (YYYY-MM-DD)
 *
 * Each client's latest answer in the period counts in the whole period's shares, and each
 * client's latest answer in a year in that year's (a client asked in two years counts in
 * both years, once in the whole period).
 *
 * Returns: (transfer container) (element-type PolkuSatisfactionShares): the whole period,
 *   then the years that have answers, oldest first; %NULL with @error
 */
GPtrArray *
polku_satisfaction_report (PolkuStore  *store,
                           const char  *from,
                           const char  *to,
                           GError     **error)
{
  g_autoptr(PolkuInstrument) instrument = NULL;
  g_autoptr(GPtrArray) assessments = NULL;
  g_autoptr(GPtrArray) report = NULL;
  g_autoptr(GHashTable) years = NULL;
  g_autofree char *detail = NULL;
  GHashTableIter iter;
  gpointer value;

  g_return_val_if_fail (POLKU_IS_STORE (store), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if ((from != NULL && !polku_date_is_valid (from)) || (to != NULL && !polku_date_is_valid (to)))
    {
      g_set_error (error, POLKU_ASSESSMENT_ERROR, POLKU_ASSESSMENT_ERROR_INVALID,
                   _("Write the dates of the period as YYYY-MM-DD."));
      return NULL;
    }
  if (from != NULL && to != NULL && g_strcmp0 (from, to) > 0)
    {
      g_set_error (error, POLKU_ASSESSMENT_ERROR, POLKU_ASSESSMENT_ERROR_INVALID,
                   _("The period ends before it starts: check the dates."));
      return NULL;
    }

  instrument = polku_instrument_lookup (POLKU_INSTRUMENT_CLIENT_SATISFACTION, error);
  if (instrument == NULL)
    return NULL;
  assessments = polku_assessment_store_list_all (store, POLKU_INSTRUMENT_CLIENT_SATISFACTION,
                                                 from, to, error);
  if (assessments == NULL)
    return NULL;

  report = g_ptr_array_new_with_free_func ((GDestroyNotify) polku_satisfaction_shares_free);
  g_ptr_array_add (report, shares_new (instrument, 0, from, to));
  years = g_hash_table_new (NULL, NULL);

  /* Ordered by client, then date: a client's latest answer (in the period, in a year) is
   * the last one before the client or the year changes. Unanswered ones are skipped, so
   * that an earlier answer still counts. */
  for (guint i = 0; i < assessments->len; i++)
    {
      PolkuAssessment *a = g_ptr_array_index (assessments, i);
      PolkuAssessment *next = NULL;
      int answer = polku_satisfaction_get_answer (a);
      int year = year_of (a);
      gboolean last_of_client = TRUE;
      gboolean last_of_year = TRUE;
      PolkuSatisfactionShares *year_shares;

      if (answer == POLKU_ANSWER_MISSING)
        continue;
      for (guint k = i + 1; k < assessments->len; k++)
        {
          next = g_ptr_array_index (assessments, k);
          if (g_strcmp0 (polku_assessment_get_client_id (next),
                         polku_assessment_get_client_id (a)) != 0)
            break;
          if (polku_satisfaction_get_answer (next) == POLKU_ANSWER_MISSING)
            continue;
          last_of_client = FALSE;
          if (year_of (next) == year)
            last_of_year = FALSE;
          break;
        }
      if (last_of_client)
        shares_count (g_ptr_array_index (report, 0), answer);
      if (!last_of_year)
        continue;

      year_shares = g_hash_table_lookup (years, GINT_TO_POINTER (year));
      if (year_shares == NULL)
        {
          g_autofree char *year_from = g_strdup_printf ("%04d-01-01", year);
          g_autofree char *year_to = g_strdup_printf ("%04d-12-31", year);

          year_shares = shares_new (instrument, year,
                                    from != NULL && g_strcmp0 (from, year_from) > 0 ? from
                                                                                   : year_from,
                                    to != NULL && g_strcmp0 (to, year_to) < 0 ? to : year_to);
          g_hash_table_insert (years, GINT_TO_POINTER (year), year_shares);
        }
      shares_count (year_shares, answer);
    }

  g_hash_table_iter_init (&iter, years);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    g_ptr_array_add (report, value);
  /* Keep the whole period first. */
  if (report->len > 2)
    g_qsort_with_data (report->pdata + 1, report->len - 1, sizeof (gpointer),
                       compare_year, NULL);

  detail = g_strdup_printf ("from=%s to=%s", from != NULL ? from : "-", to != NULL ? to : "-");
  if (!polku_audit_record (store, POLKU_AUDIT_REPORT_SATISFACTION, NULL, detail, error))
    return NULL;
  return g_steal_pointer (&report);
}

static void
add_date_or_null (JsonBuilder *b,
                  const char  *name,
                  const char  *date)
{
  json_builder_set_member_name (b, name);
  if (date != NULL)
    json_builder_add_string_value (b, date);
  else
    json_builder_add_null_value (b);
}

/**
 * polku_satisfaction_report_to_json:
 * @report: (element-type PolkuSatisfactionShares): what polku_satisfaction_report () gave
 *
 * Categories are left out (null) where the shares are not shown: their counts would tell
 * as much.
 *
 * Returns: (transfer full): the report as JSON
 */
JsonNode *
polku_satisfaction_report_to_json (GPtrArray *report)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  PolkuSatisfactionShares *whole;

  g_return_val_if_fail (report != NULL && report->len > 0, NULL);

  whole = g_ptr_array_index (report, 0);
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "instrument");
  json_builder_add_string_value (b, POLKU_INSTRUMENT_CLIENT_SATISFACTION);
  json_builder_set_member_name (b, "counting");
  json_builder_add_string_value (b, "latest-per-client");
  json_builder_set_member_name (b, "min_n");
  json_builder_add_int_value (b, POLKU_SATISFACTION_MIN_N);
  add_date_or_null (b, "from", whole->from);
  add_date_or_null (b, "to", whole->to);
  json_builder_set_member_name (b, "periods");
  json_builder_begin_array (b);
  for (guint p = 0; p < report->len; p++)
    {
      PolkuSatisfactionShares *shares = g_ptr_array_index (report, p);

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "year");
      if (shares->year != 0)
        json_builder_add_int_value (b, shares->year);
      else
        json_builder_add_null_value (b);
      add_date_or_null (b, "from", shares->from);
      add_date_or_null (b, "to", shares->to);
      json_builder_set_member_name (b, "n");
      json_builder_add_int_value (b, shares->n);
      json_builder_set_member_name (b, "shown");
      json_builder_add_boolean_value (b, polku_satisfaction_shares_shown (shares));
      json_builder_set_member_name (b, "categories");
      if (!polku_satisfaction_shares_shown (shares))
        json_builder_add_null_value (b);
      else
        {
          json_builder_begin_array (b);
          for (guint i = 0; i < shares->n_categories; i++)
            {
              const char *label = polku_satisfaction_get_label (shares->values[i], NULL);

              json_builder_begin_object (b);
              json_builder_set_member_name (b, "value");
              json_builder_add_int_value (b, shares->values[i]);
              json_builder_set_member_name (b, "label");
              if (label != NULL)
                json_builder_add_string_value (b, label);
              else
                json_builder_add_null_value (b);
              json_builder_set_member_name (b, "count");
              json_builder_add_int_value (b, shares->counts[i]);
              json_builder_set_member_name (b, "percent");
              json_builder_add_int_value (b, polku_satisfaction_shares_percent (shares, i));
              json_builder_end_object (b);
            }
          json_builder_end_array (b);
        }
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_builder_end_object (b);
  return json_builder_get_root (b);
}
