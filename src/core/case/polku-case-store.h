/* polku-case-store.h: a client's case in the store: phases, warning signs, review, notes
 *
 * Copyright 2026 The Polku authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A client has at most one case. It is opened (phase "identified") by the first case-work
 * record — usually a warning sign: one sign is enough to propose the client — and then moves
 * through the phases. Each change is dated, attributed to the store's actor, recorded in
 * the phase history and in the audit log; going back is allowed and recorded. The case
 * cannot move past identification without a valid consent (polku_consent_check ()).
 */
#pragma once

#include <glib-object.h>

#include "polku-case-note.h"
#include "polku-case-phase-change.h"
#include "polku-case-sign.h"
#include "polku-case.h"
#include "polku-checklist.h"
#include "polku-client.h"
#include "polku-closing-reasons.h"
#include "polku-store.h"

G_BEGIN_DECLS

#define POLKU_CASE_ERROR (polku_case_error_quark ())

typedef enum
{
  POLKU_CASE_ERROR_INVALID,    /* the input is wrong; nothing was changed */
  POLKU_CASE_ERROR_NOT_FOUND,  /* no such case, sign or note */
} PolkuCaseError;

/* Filters of the client list; %NULL members and a negative phase match everything. */
typedef struct
{
  int         phase;            /* a PolkuCasePhase, or -1 */
  const char *responsible;      /* a current responsible worker's name, exactly */
  const char *review_due_by;    /* open cases whose review date or an open follow-up is
                                 * due on or before this date (YYYY-MM-DD) */
  gboolean    include_archived;
  const char *coordinator;      /* the current coordinator's name, exactly: their caseload
                                 * (open cases only) */
} PolkuCaseFilter;

#define POLKU_CASE_FILTER_INIT { -1, NULL, NULL, FALSE }

GQuark          polku_case_error_quark          (void);

PolkuCase      *polku_case_store_get            (PolkuStore       *store,
                                                 const char       *client_id,
                                                 GError          **error);
PolkuCase      *polku_case_store_open           (PolkuStore       *store,
                                                 const char       *client_id,
                                                 const char       *date,
                                                 GError          **error);
PolkuCase      *polku_case_store_set_phase      (PolkuStore       *store,
                                                 const char       *client_id,
                                                 PolkuCasePhase    phase,
                                                 const char       *date,
                                                 const char       *reason_code,
                                                 const char       *reason,
                                                 GError          **error);
GPtrArray      *polku_case_store_list_phases    (PolkuStore       *store,
                                                 const char       *client_id,
                                                 GError          **error);
PolkuCase      *polku_case_store_set_review     (PolkuStore       *store,
                                                 const char       *client_id,
                                                 const char       *review_on,
                                                 GError          **error);
GPtrArray      *polku_case_store_list           (PolkuStore       *store,
                                                 const PolkuCaseFilter *filter,
                                                 GError          **error);

PolkuCaseSign  *polku_case_store_add_sign       (PolkuStore       *store,
                                                 PolkuChecklist   *checklist,
                                                 PolkuCaseSign    *draft,
                                                 GError          **error);
PolkuCaseSign  *polku_case_store_retract_sign   (PolkuStore       *store,
                                                 const char       *sign_id,
                                                 const char       *date,
                                                 GError          **error);
GPtrArray      *polku_case_store_list_signs     (PolkuStore       *store,
                                                 const char       *client_id,
                                                 gboolean          include_retracted,
                                                 GError          **error);

PolkuCaseNote  *polku_case_store_add_note       (PolkuStore       *store,
                                                 const char       *client_id,
                                                 const char       *body,
                                                 GError          **error);
GPtrArray      *polku_case_store_list_notes     (PolkuStore       *store,
                                                 const char       *client_id,
                                                 GError          **error);

G_END_DECLS
