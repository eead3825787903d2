/* polku-scoring.h: the one scoring engine for every instrument
 *
 * Copyright 2026 The Polku authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

#include "polku-instrument.h"

G_BEGIN_DECLS

/* Why a domain has (or has no) score. */
typedef enum
{
  POLKU_DOMAIN_SCORED,
  POLKU_DOMAIN_TOO_FEW_ANSWERS,   /* fewer than the domain's min_answered items answered */
  POLKU_DOMAIN_DISCARDED,         /* the whole assessment has too many items missing */
} PolkuDomainState;

typedef struct
{
  const char       *id;            /* the instrument's; valid while the scores live */
  guint             answered;
  guint             n_items;
  guint             min_answered;
  PolkuDomainState  state;
  double           *values;        /* one per polku_instrument_get_n_scores (); NAN: none */
} PolkuDomainScore;

typedef struct
{
  PolkuInstrument  *instrument;
  gboolean          discarded;     /* more than max_missing items missing: nothing reported */
  guint             missing;
  guint             n_reported;
  int              *reported;      /* the answers reported alone; POLKU_ANSWER_MISSING: none */
  guint             n_domains;
  PolkuDomainScore *domains;
} PolkuScores;

/* Scores @answers (one int per item, POLKU_ANSWER_MISSING or an out-of-scale value is an
 * unanswered item): reversed items are turned first (min + max − x), then the missing-data
 * rules decide what is reported. */
PolkuScores *polku_scores_compute   (PolkuInstrument   *instrument,
                                     const int         *answers);
void         polku_scores_free      (PolkuScores       *scores);

/* {"discarded": …, "missing": …, "<reported key>": n|null, …, "domains": {"<id>":
 * {"answered": n, "<score id>": x|null, …}, …}} with full double precision. */
JsonNode    *polku_scores_to_json   (const PolkuScores *scores);

/* A sentence saying why domain @domain has no score, or NULL when it has one. */
char        *polku_scores_dup_domain_reason (const PolkuScores *scores,
                                             guint              domain);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PolkuScores, polku_scores_free)

G_END_DECLS
