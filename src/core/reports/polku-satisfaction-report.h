/* polku-satisfaction-report.h: client satisfaction as the practice reports it
 *
 * Copyright 2026 The Polku authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The share of answers in each category of the satisfaction question, with n ("n = 178 ·
 * Very satisfied 68 % · Fairly satisfied 29 % · …"), for a period and for each calendar
 * year in it. What is counted: the answer to the instrument's reported item ("overall",
 * the service as a whole) of complete client-satisfaction assessments, each client's
 * latest answer in the period (in the year, for a year), so that a client asked at every
 * follow-up counts once, as one feedback form did. Shares are not given when fewer than
 * POLKU_SATISFACTION_MIN_N clients answered: a small group could be recognised.
 */
#pragma once

#include <json-glib/json-glib.h>

#include "polku-assessment.h"
#include "polku-store.h"

G_BEGIN_DECLS

/* Recorded once per report (no client; the detail names the period). */
#define POLKU_AUDIT_REPORT_SATISFACTION "report.satisfaction"

/* Fewer answers than this and only n is shown. */
#define POLKU_SATISFACTION_MIN_N 5

typedef struct
{
  int    year;          /* 0: the whole period */
  char  *from;          /* YYYY-MM-DD; NULL: open */
  char  *to;            /* YYYY-MM-DD; NULL: open */
  guint  n;             /* clients counted (each once) */
  guint  n_categories;
  int   *values;        /* the scale's values, best (highest) first */
  guint *counts;        /* answers per value */
} PolkuSatisfactionShares;

/* The client's answer to the reported item ("overall") of a client-satisfaction
 * assessment, or POLKU_ANSWER_MISSING (also for another instrument's). */
int       polku_satisfaction_get_answer      (PolkuAssessment               *assessment);
/* The label of @value of the question in @language (NULL: the user's), or NULL. */
const char *polku_satisfaction_get_label     (int                            value,
                                              const char                    *language);
/* Stores the one-tap answer @value (1–5) given on @date (YYYY-MM-DD; NULL: today) as a
 * complete client-satisfaction assessment, a follow-up of the client's plan when there is
 * one, with its audit entry (polku_assessment_store_save ()). Nothing is written when
 * @value is not an answer. */
PolkuAssessment *polku_satisfaction_store_answer (PolkuStore                *store,
                                              const char                    *client_id,
                                              int                            value,
                                              const char                    *date,
                                              GError                       **error);

void      polku_satisfaction_shares_free     (PolkuSatisfactionShares       *shares);
/* Whether the shares may be shown (n ≥ POLKU_SATISFACTION_MIN_N). */
gboolean  polku_satisfaction_shares_shown    (const PolkuSatisfactionShares *shares);
/* The share of category @i in whole percent (rounded half up); -1 when not shown. */
int       polku_satisfaction_shares_percent  (const PolkuSatisfactionShares *shares,
                                              guint                          i);
/* "n = 178 · Very satisfied 68 % · …" in the user's language, or "n = 3, too few to show
 * shares". */
char     *polku_satisfaction_shares_to_text  (const PolkuSatisfactionShares *shares);

/* The report for @from to @to (YYYY-MM-DD, inclusive; NULL: open): element 0 is the whole
 * period, then one PolkuSatisfactionShares per calendar year that has answers, oldest
 * first. Records the read in the audit log. */
GPtrArray *polku_satisfaction_report         (PolkuStore   *store,
                                              const char   *from,
                                              const char   *to,
                                              GError      **error);
/* {"instrument", "counting": "latest-per-client", "min_n", "from", "to", "periods": [{"year"
 * (null for the whole period), "from", "to", "n", "shown", "categories": [{"value", "label",
 * "count", "percent"}] or null when not shown}]}. */
JsonNode  *polku_satisfaction_report_to_json (GPtrArray    *report);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PolkuSatisfactionShares, polku_satisfaction_shares_free)

G_END_DECLS
