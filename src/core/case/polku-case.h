/* polku-case.h: a client's case: its phase, review date, coordinator and responsible workers
 *
 * Copyright 2026 The Polku authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * An immutable snapshot read from the store: every property is construct-only. Changes go
 * through the store functions, which return new objects.
 */
#pragma once

#include "polku-record.h"

G_BEGIN_DECLS

#define POLKU_TYPE_CASE (polku_case_get_type ())
G_DECLARE_FINAL_TYPE (PolkuCase, polku_case, POLKU, CASE, PolkuRecord)

POLKU_RECORD_DEFINE_GETTERS (PolkuCase, polku_case)

const char          *polku_case_get_phase         (PolkuCase *self);
const char          *polku_case_get_phase_since   (PolkuCase *self);
const char          *polku_case_get_closed_reason (PolkuCase *self);
const char          *polku_case_get_closed_code   (PolkuCase *self);
const char          *polku_case_get_review_on     (PolkuCase *self);
const char          *polku_case_get_coordinator   (PolkuCase *self);
const char          *polku_case_get_coordinator_since (PolkuCase *self);
const char * const  *polku_case_get_responsible_workers (PolkuCase *self);
guint                polku_case_get_n_signs       (PolkuCase *self);
gboolean             polku_case_get_consent_valid (PolkuCase *self);

/* The phases of a case, in their usual order. The codes are what the store and the CLI use:
 * identified, consent, contacted, visit_prepared, visit_held, coordination, closed. */
typedef enum
{
  POLKU_CASE_PHASE_IDENTIFIED,
  POLKU_CASE_PHASE_CONSENT,
  POLKU_CASE_PHASE_CONTACTED,
  POLKU_CASE_PHASE_VISIT_PREPARED,
  POLKU_CASE_PHASE_VISIT_HELD,
  POLKU_CASE_PHASE_COORDINATION,
  POLKU_CASE_PHASE_CLOSED,
} PolkuCasePhase;

#define POLKU_CASE_N_PHASES (POLKU_CASE_PHASE_CLOSED + 1)

const char          *polku_case_phase_to_code       (PolkuCasePhase  phase);
gboolean             polku_case_phase_from_code     (const char     *code,
                                                     PolkuCasePhase *out_phase);
const char          *polku_case_phase_get_label     (PolkuCasePhase  phase);
PolkuCasePhase       polku_case_get_phase_value     (PolkuCase      *self);

G_END_DECLS
