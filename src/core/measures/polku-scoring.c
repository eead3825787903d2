/* polku-scoring.c: the one scoring engine for every instrument
 *
 * Copyright 2026 The Polku authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Everything instrument-specific comes from the definition (polku-instrument.c). For
 * WHOQOL-BREF this is the WHO manual's scoring syntax: Q3, Q4 and Q26 turned (6 − x); a
 * domain's 4–20 score is the mean of its answered items × 4 when at least 6/7, 5/6, 2/3 or
 * 6/8 are answered; its 0–100 score is (score − 4) × 100 / 16 from the unrounded score; an
 * assessment with 6 or more of its 26 items missing is discarded.
 */

#define G_LOG_DOMAIN "polku-scoring"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "polku-instrument-private.h"
#include "polku-scoring.h"

PolkuScores *
polku_scores_compute (PolkuInstrument *instrument,
                      const int       *answers)
{
  g_autoptr(PolkuScores) scores = NULL;
  g_autofree int *turned = NULL;
  guint n_items, n_scores;

  g_return_val_if_fail (POLKU_IS_INSTRUMENT (instrument), NULL);
  g_return_val_if_fail (answers != NULL, NULL);

  n_items = polku_instrument_get_n_items (instrument);
  n_scores = polku_instrument_get_n_scores (instrument);

  scores = g_new0 (PolkuScores, 1);
  scores->instrument = g_object_ref (instrument);

  /* Answers that are not on the item's scale are missing; reversed items are turned
   * before anything else. */
  turned = g_new0 (int, n_items);
  for (guint i = 0; i < n_items; i++)
    {
      int min = polku_instrument_get_item_min (instrument, i);
      int max = polku_instrument_get_item_max (instrument, i);

      if (!polku_instrument_answer_is_valid (instrument, i, answers[i]))
        {
          turned[i] = POLKU_ANSWER_MISSING;
          scores->missing++;
        }
      else if (polku_instrument_get_item_reversed (instrument, i))
        turned[i] = min + max - answers[i];
      else
        turned[i] = answers[i];
    }
  scores->discarded = scores->missing > polku_instrument_get_max_missing (instrument);

  scores->n_reported = polku_instrument_get_n_reported (instrument);
  scores->reported = g_new0 (int, scores->n_reported);
  for (guint r = 0; r < scores->n_reported; r++)
    {
      guint item = polku_instrument_get_reported_item (instrument, r);

      scores->reported[r] = scores->discarded ? POLKU_ANSWER_MISSING : turned[item];
    }

  scores->n_domains = polku_instrument_get_n_domains (instrument);
  scores->domains = g_new0 (PolkuDomainScore, scores->n_domains);
  for (guint d = 0; d < scores->n_domains; d++)
    {
      PolkuDomainScore *domain = &scores->domains[d];
      gint64 sum = 0;

      domain->id = polku_instrument_get_domain_id (instrument, d);
      domain->n_items = polku_instrument_get_domain_n_items (instrument, d);
      domain->min_answered = polku_instrument_get_domain_min_answered (instrument, d);
      domain->values = g_new (double, MAX (n_scores, 1));
      for (guint s = 0; s < n_scores; s++)
        domain->values[s] = NAN;

      for (guint k = 0; k < domain->n_items; k++)
        {
          int value = turned[polku_instrument_get_domain_item (instrument, d, k)];

          if (value != POLKU_ANSWER_MISSING)
            {
              domain->answered++;
              sum += value;
            }
        }

      if (scores->discarded)
        domain->state = POLKU_DOMAIN_DISCARDED;
      else if (domain->answered < domain->min_answered)
        domain->state = POLKU_DOMAIN_TOO_FEW_ANSWERS;
      else
        {
          double mean = (double) sum / (double) domain->answered;

          domain->state = POLKU_DOMAIN_SCORED;
          for (guint s = 0; s < n_scores; s++)
            {
              double times, from_min, from_max, to_min, to_max;
              int from;

              polku_instrument_get_score_rule (instrument, s, &times, &from);
              if (from < 0)
                {
                  domain->values[s] = mean * times;
                  continue;
                }
              polku_instrument_get_score_range (instrument, from, &from_min, &from_max);
              polku_instrument_get_score_range (instrument, s, &to_min, &to_max);
              /* (score − 4) × 100 / 16 for WHOQOL-BREF: in this order, from the unrounded
               * score; adding a lowest value of 0 changes nothing. */
              domain->values[s] = (domain->values[from] - from_min) * (to_max - to_min)
                                  / (from_max - from_min) + to_min;
            }
        }
    }

  return g_steal_pointer (&scores);
}

void
polku_scores_free (PolkuScores *scores)
{
  if (scores == NULL)
    return;
  for (guint d = 0; d < scores->n_domains; d++)
    g_free (scores->domains[d].values);
  g_free (scores->domains);
  g_free (scores->reported);
  g_clear_object (&scores->instrument);
  g_free (scores);
}

JsonNode *
polku_scores_to_json (const PolkuScores *scores)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  guint n_scores;

  g_return_val_if_fail (scores != NULL, NULL);

  n_scores = polku_instrument_get_n_scores (scores->instrument);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "discarded");
  json_builder_add_boolean_value (builder, scores->discarded);
  json_builder_set_member_name (builder, "missing");
  json_builder_add_int_value (builder, scores->missing);
  for (guint r = 0; r < scores->n_reported; r++)
    {
      json_builder_set_member_name (builder,
                                    polku_instrument_get_reported_key (scores->instrument, r));
      if (scores->reported[r] != POLKU_ANSWER_MISSING)
        json_builder_add_int_value (builder, scores->reported[r]);
      else
        json_builder_add_null_value (builder);
    }
  json_builder_set_member_name (builder, "domains");
  json_builder_begin_object (builder);
  for (guint d = 0; d < scores->n_domains; d++)
    {
      const PolkuDomainScore *domain = &scores->domains[d];

      json_builder_set_member_name (builder, domain->id);
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "answered");
      json_builder_add_int_value (builder, domain->answered);
      for (guint s = 0; s < n_scores; s++)
        {
          json_builder_set_member_name (builder,
                                        polku_instrument_get_score_id (scores->instrument, s));
          /* json-glib writes doubles with "%.17g": no precision is lost. */
          if (!isnan (domain->values[s]))
            json_builder_add_double_value (builder, domain->values[s]);
          else
            json_builder_add_null_value (builder);
        }
      json_builder_end_object (builder);
    }
  json_builder_end_object (builder);
  json_builder_end_object (builder);

  return json_builder_get_root (builder);
}

char *
polku_scores_dup_domain_reason (const PolkuScores *scores,
                                guint              domain)
{
  const PolkuDomainScore *d;

  g_return_val_if_fail (scores != NULL, NULL);
  g_return_val_if_fail (domain < scores->n_domains, NULL);

  d = &scores->domains[domain];
  switch (d->state)
    {
    case POLKU_DOMAIN_SCORED:
      return NULL;
    case POLKU_DOMAIN_TOO_FEW_ANSWERS:
      return g_strdup_printf (_("Not scored: %u of %u questions answered, at least %u are "
                                "needed."), d->answered, d->n_items, d->min_answered);
    case POLKU_DOMAIN_DISCARDED:
      return g_strdup_printf (_("Not scored: %u of %u questions are unanswered, more than "
                                "the %u allowed, so the whole assessment is left unscored."),
                              scores->missing,
                              polku_instrument_get_n_items (scores->instrument),
                              polku_instrument_get_max_missing (scores->instrument));
    default:
      g_assert_not_reached ();
    }
}
