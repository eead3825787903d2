/* polku-plan-context.h: what the plan names from outside its document
 *
 * Copyright 2026 The Polku authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The plan's responsible workers are the team's current responsible workers and its review
 * date is the case's review_on: neither is copied into the plan's document, so that a change
 * in the team or of the review date reaches the plan view, the client's copy, the FHIR export
 * and `polku-cli plan show` at once, without a new version. The readers (the plan view, the
 * CLI) read the context with polku_plan_context_read () and pass it on.
 */
#pragma once

#include <gio/gio.h>

#include "polku-store.h"

G_BEGIN_DECLS

/* A responsible worker as the plan names them (from a PolkuTeamMember). */
typedef struct
{
  char *name;
  char *role;
  char *organisation;
  char *contact;       /* a phone number or an email address, as the team has it */
} PolkuPlanWorker;

typedef struct
{
  char      *review_on;  /* the case's review date (YYYY-MM-DD), or NULL */
  GPtrArray *workers;    /* (element-type PolkuPlanWorker): the team's current responsible
                          * workers, in the team's order */
} PolkuPlanContext;

PolkuPlanContext *polku_plan_context_new          (const char              *review_on);
void              polku_plan_context_free         (PolkuPlanContext        *context);
void              polku_plan_context_add_worker   (PolkuPlanContext        *context,
                                                   const char              *name,
                                                   const char              *role,
                                                   const char              *organisation,
                                                   const char              *contact);
PolkuPlanContext *polku_plan_context_read         (PolkuStore              *store,
                                                   const char              *client_id,
                                                   GError                 **error);

char             *polku_plan_worker_dup_line      (const PolkuPlanWorker   *worker);
gboolean          polku_plan_worker_has_email     (const PolkuPlanWorker   *worker);

char             *polku_plan_review_dup_overdue   (const char              *review_on,
                                                   const char              *today);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PolkuPlanContext, polku_plan_context_free)

G_END_DECLS
