/* polku-assessment-export.h: completed assessments as FHIR R4 and CSV
 *
 * Copyright 2026 The Polku authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "polku-assessment.h"
#include "polku-client.h"

G_BEGIN_DECLS

/* A FHIR R4 Bundle (type "collection") with the client as a Patient, each completed
 * assessment of @assessments as a QuestionnaireResponse, and each of its scores (the items
 * reported alone and every domain score) as an Observation derived from it. Every
 * reference resolves within the bundle (urn:uuid: full URLs). Drafts are left out. */
JsonNode *polku_assessment_export_fhir       (PolkuClient  *client,
                                              GPtrArray    *assessments,
                                              GError      **error);

/* The CSV header for @instrument: assessment_id, client_id, instrument, instrument_version,
 * date, role, plan_id, discarded, missing, the reported items, <domain>_answered and
 * <domain>_<score> for each domain, item_<id> for each answer. Ends with "\r\n". */
char     *polku_assessment_export_csv_header (PolkuInstrument *instrument);
/* One row in the header's order (numbers with full precision; empty cells for none). */
char     *polku_assessment_export_csv_row    (PolkuAssessment *assessment,
                                              GError         **error);

G_END_DECLS
