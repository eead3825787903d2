/* polku-assessment-store.h: assessments and their drafts in the encrypted store
 *
 * Copyright 2026 The Polku authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "polku-assessment.h"
#include "polku-store.h"

G_BEGIN_DECLS

/* Audit actions (polku-audit.h); the detail names the assessment's id (and instrument). */
#define POLKU_AUDIT_ASSESSMENT_ADD     "assessment.add"
#define POLKU_AUDIT_ASSESSMENT_UPDATE  "assessment.update"
#define POLKU_AUDIT_ASSESSMENT_REMOVE  "assessment.remove"
#define POLKU_AUDIT_ASSESSMENT_LIST    "assessment.list"
#define POLKU_AUDIT_ASSESSMENT_EXPORT  "assessment.export"

/* Adds @assessment (no id yet) or saves the changes to a stored one, with an audit entry, in
 * one transaction. A complete assessment gets its scores computed from its answers. Sets
 * the id and stamps on success; on failure nothing is written. */
gboolean         polku_assessment_store_save      (PolkuStore       *store,
                                                   PolkuAssessment  *assessment,
                                                   GError          **error);
/* Removes a stored assessment or draft (a mistaken entry, or a draft given up). */
gboolean         polku_assessment_store_remove    (PolkuStore       *store,
                                                   PolkuAssessment  *assessment,
                                                   GError          **error);
PolkuAssessment *polku_assessment_store_get       (PolkuStore       *store,
                                                   const char       *id,
                                                   GError          **error);
/* A client's assessments, oldest first (by date, then when entered); drafts only when
 * @include_drafts; only @instrument_id's when it is not NULL. Records no audit entry:
 * callers that show them to a user record the read (POLKU_AUDIT_ASSESSMENT_LIST). */
GPtrArray       *polku_assessment_store_list      (PolkuStore       *store,
                                                   const char       *client_id,
                                                   const char       *instrument_id,
                                                   gboolean          include_drafts,
                                                   GError          **error);
/* Every complete assessment of @instrument_id, of every client, dated @from to @to
 * (YYYY-MM-DD, inclusive; NULL: open), ordered by client, then date, then when entered: for
 * reports across clients (polku-satisfaction-report). Records no audit entry: the caller
 * records the read of the report. */
GPtrArray       *polku_assessment_store_list_all  (PolkuStore       *store,
                                                   const char       *instrument_id,
                                                   const char       *from,
                                                   const char       *to,
                                                   GError          **error);
/* The newest draft of @instrument_id for the client, or NULL (no error) when none. */
PolkuAssessment *polku_assessment_store_get_draft (PolkuStore       *store,
                                                   const char       *client_id,
                                                   const char       *instrument_id,
                                                   GError          **error);

/* The client's plan id and start date (YYYY-MM-DD); FALSE without @error when none. */
gboolean         polku_assessment_store_find_plan (PolkuStore       *store,
                                                   const char       *client_id,
                                                   char            **out_plan_id,
                                                   char            **out_date,
                                                   GError          **error);

G_END_DECLS
