/* polku-plan-fhir.h: the plan as a FHIR R4 Bundle (CarePlan, Goal, CareTeam, Patient)
 *
 * Copyright 2026 The Polku authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

#include "polku-client.h"
#include "polku-plan-context.h"
#include "polku-plan.h"

G_BEGIN_DECLS

JsonNode *polku_plan_to_fhir (JsonNode               *document,
                              PolkuClient            *client,
                              const PolkuPlanContext *context);
/* The parts of the plan (consent part codes) that polku_plan_to_fhir () carries for
 * @document: what a sharing consent must cover before the bundle leaves Polku. */
GStrv     polku_plan_fhir_parts (JsonNode               *document);

G_END_DECLS
