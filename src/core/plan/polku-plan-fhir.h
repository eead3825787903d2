/* polku-plan-fhir.h: the plan as a FHIR R4 Bundle (CarePlan, Goal, CareTeam, Patient)
 *
 * Copyright 2026 The Polku authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

#include "polku-client.h"
#include "polku-plan.h"

G_BEGIN_DECLS

JsonNode *polku_plan_to_fhir (JsonNode    *document,
                              PolkuClient *client);

G_END_DECLS
