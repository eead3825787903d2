/* polku-coordinator-period.h: one period of a client's coordinator (asiakasvastaava)
 *
 * Copyright 2026 The Polku authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * person is the worker's name as the store records its actor (polku_store_dup_actor ()),
 * so that a worker's caseload is the periods open under their name.
 *
 * An immutable snapshot read from the store: every property is construct-only. Changes go
 * through the store functions, which return new objects.
 */
#pragma once

#include "polku-record.h"

G_BEGIN_DECLS

#define POLKU_TYPE_COORDINATOR_PERIOD (polku_coordinator_period_get_type ())
G_DECLARE_FINAL_TYPE (PolkuCoordinatorPeriod, polku_coordinator_period, POLKU,
                      COORDINATOR_PERIOD, PolkuRecord)

POLKU_RECORD_DEFINE_GETTERS (PolkuCoordinatorPeriod, polku_coordinator_period)

const char          *polku_coordinator_period_get_person     (PolkuCoordinatorPeriod *self);
const char          *polku_coordinator_period_get_started_on (PolkuCoordinatorPeriod *self);
const char          *polku_coordinator_period_get_ended_on   (PolkuCoordinatorPeriod *self);
const char          *polku_coordinator_period_get_set_by     (PolkuCoordinatorPeriod *self);

G_END_DECLS
