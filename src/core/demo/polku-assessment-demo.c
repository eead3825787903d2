/* polku-assessment-demo.c: WHOQOL-BREF assessments and satisfaction answers for demo
 * clients
 *
 * Copyright 2026 The Polku authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "polku-demo"

#include "config.h"

#include "polku-assessment-store.h"
#include "polku-date.h"
#include "polku-demo-private.h"
#include "polku-instrument.h"
#include "polku-satisfaction-report.h"

static int
clamp_answer (double value)
{
  return CLAMP ((int) (value + 0.5), 1, 5);
}

/* Answers around a level (1–5) of wellbeing for each item, with noise. Reversed items are
 * answered the other way round, as a person would. */
static void
demo_answers (PolkuAssessment *assessment,
              PolkuInstrument *instrument,
              GRand           *rand,
              const double    *level,
              guint            n_skip)
{
  guint n = polku_instrument_get_n_items (instrument);

  for (guint i = 0; i < n; i++)
    {
      double value = level[i] + g_rand_double_range (rand, -0.9, 0.9);
      int answer = clamp_answer (value);

      if (polku_instrument_get_item_reversed (instrument, i))
        answer = 6 - answer;
      polku_assessment_set_answer (assessment, i, answer);
    }
  /* Now and then a question is left unanswered. */
  for (guint k = 0; k < n_skip; k++)
    polku_assessment_set_answer (assessment, g_rand_int_range (rand, 0, n),
                                 POLKU_ANSWER_MISSING);
}

/* The satisfaction question, asked at a follow-up: the answers fall as the practice's did
 * (002: 68 % very satisfied, 29 % fairly, 3 % neither), and now and then it is not asked.
 * Drawn from a generator of the client's own (seeded by the name), so that adding these
 * answers leaves the demo's other data as the same seed made them before. */
static gboolean
demo_satisfaction (PolkuStore   *store,
                   PolkuClient  *client,
                   GRand        *rand,
                   const char   *date,
                   GError      **error)
{
  g_autoptr(PolkuAssessment) answer = NULL;
  int draw = g_rand_int_range (rand, 0, 100);
  int value = draw < 68 ? 5 : draw < 97 ? 4 : 3;

  if (g_rand_int_range (rand, 0, 100) < 15)
    return TRUE;
  answer = polku_satisfaction_store_answer (store, polku_client_get_id (client), value, date,
                                            error);
  return answer != NULL;
}

/**
 * polku_assessment_demo_for_client:
 *
 * A client with a plan gets a baseline WHOQOL-BREF on the plan's day (or, for an older demo
 * plan, some months back) and, for about two in three, one or two follow-ups about three
 * months apart that show change, mostly for the better; at most follow-ups the client's
 * satisfaction is asked too.
 */
gboolean
polku_assessment_demo_for_client (PolkuStore             *store,
                                  PolkuClient            *client,
                                  GRand                  *rand,
                                  const PolkuDemoShared  *shared,
                                  GError                **error)
{
  g_autoptr(PolkuInstrument) instrument = NULL;
  g_autofree char *plan_id = NULL;
  g_autofree char *plan_date = NULL;
  g_autoptr(GDateTime) now = polku_date_now_local ();
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GRand) satisfaction_rand = NULL;
  double level[32];
  GDate date, today;
  guint n_follow_ups, n_items;
  double trend;

  g_return_val_if_fail (POLKU_IS_STORE (store), FALSE);
  g_return_val_if_fail (POLKU_IS_CLIENT (client), FALSE);

  if (!polku_assessment_store_find_plan (store, polku_client_get_id (client), &plan_id,
                                         &plan_date, &local_error))
    {
      if (local_error != NULL)
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
      return TRUE;  /* no plan: nothing to measure against */
    }

  instrument = polku_instrument_lookup (POLKU_INSTRUMENT_WHOQOL_BREF, error);
  if (instrument == NULL)
    return FALSE;
  n_items = MIN (polku_instrument_get_n_items (instrument), G_N_ELEMENTS (level));

  g_date_clear (&today, 1);
  g_date_set_dmy (&today, g_date_time_get_day_of_month (now), g_date_time_get_month (now),
                  g_date_time_get_year (now));
  n_follow_ups = g_rand_int_range (rand, 0, 3);
  /* Leave room for the follow-ups before today. */
  if (!polku_date_parse_iso (plan_date, &date)
      || g_date_days_between (&date, &today) < (int) (n_follow_ups * 95 + 10))
    {
      date = today;
      g_date_subtract_days (&date, n_follow_ups * 95 + g_rand_int_range (rand, 10, 60));
    }

  /* Where the client starts (worse than average) and where things go. */
  for (guint i = 0; i < n_items; i++)
    level[i] = g_rand_double_range (rand, 1.6, 3.4);
  trend = g_rand_double_range (rand, -0.25, 0.8);

  for (guint k = 0; k <= n_follow_ups; k++)
    {
      g_autoptr(PolkuAssessment) assessment = polku_assessment_new (polku_client_get_id (client),
                                                                    instrument);
      char text[11];

      g_date_strftime (text, sizeof text, "%Y-%m-%d", &date);
      polku_assessment_set_date (assessment, text);
      polku_assessment_set_role (assessment, k == 0 ? POLKU_ASSESSMENT_ROLE_BASELINE
                                                    : POLKU_ASSESSMENT_ROLE_FOLLOW_UP);
      polku_assessment_set_plan_id (assessment, plan_id);
      polku_assessment_set_status (assessment, POLKU_ASSESSMENT_STATUS_COMPLETE);
      demo_answers (assessment, instrument, rand, level,
                    g_rand_int_range (rand, 0, 100) < 15 ? 1 : 0);
      if (!polku_assessment_store_save (store, assessment, error))
        return FALSE;
      if (k > 0)
        {
          if (satisfaction_rand == NULL)
            satisfaction_rand = g_rand_new_with_seed (
              g_str_hash (polku_client_get_given_name (client))
              ^ (g_str_hash (polku_client_get_family_name (client)) << 1));
          if (!demo_satisfaction (store, client, satisfaction_rand, text, error))
            return FALSE;
        }

      for (guint i = 0; i < n_items; i++)
        level[i] = CLAMP (level[i] + trend + g_rand_double_range (rand, -0.3, 0.3), 1.0, 5.0);
      g_date_add_days (&date, g_rand_int_range (rand, 80, 100));
    }

  return TRUE;
}
