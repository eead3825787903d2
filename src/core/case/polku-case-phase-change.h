/* polku-case-phase-change.h: one dated, attributed change of a case's phase
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

#define POLKU_TYPE_CASE_PHASE_CHANGE (polku_case_phase_change_get_type ())
G_DECLARE_FINAL_TYPE (PolkuCasePhaseChange, polku_case_phase_change, POLKU, CASE_PHASE_CHANGE,
                      PolkuRecord)

POLKU_RECORD_DEFINE_GETTERS (PolkuCasePhaseChange, polku_case_phase_change)

const char          *polku_case_phase_change_get_from_phase (PolkuCasePhaseChange *self);
const char          *polku_case_phase_change_get_to_phase   (PolkuCasePhaseChange *self);
const char          *polku_case_phase_change_get_changed_on (PolkuCasePhaseChange *self);
const char          *polku_case_phase_change_get_actor      (PolkuCasePhaseChange *self);
const char          *polku_case_phase_change_get_reason     (PolkuCasePhaseChange *self);
const char          *polku_case_phase_change_get_reason_code (PolkuCasePhaseChange *self);

G_END_DECLS
