/* polku-plan-text.h: the words of the client's copy of the plan, in the plan's language
 *
 * Copyright 2026 The Polku authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The client's copy (print, PDF) and the FHIR export are written in the plan's language
 * (Finnish or Swedish), whatever the UI language is. Their few words are kept here as a
 * small table per language instead of going through gettext, so that the UI's language
 * never leaks into the copy.
 */
#pragma once

#include <glib.h>

#include "polku-plan.h"

G_BEGIN_DECLS

typedef enum
{
  POLKU_PLAN_TEXT_TITLE,
  POLKU_PLAN_TEXT_CLIENT,
  POLKU_PLAN_TEXT_UPDATED,
  POLKU_PLAN_TEXT_VERSION,
  POLKU_PLAN_TEXT_RESPONSIBLE_WORKER,
  POLKU_PLAN_TEXT_PHONE,
  POLKU_PLAN_TEXT_EMAIL,
  POLKU_PLAN_TEXT_CLIENT_VIEW,
  POLKU_PLAN_TEXT_MAIN_BURDEN,
  POLKU_PLAN_TEXT_GOALS,
  POLKU_PLAN_TEXT_NO_GOALS,
  POLKU_PLAN_TEXT_GOAL_BY_CLIENT,
  POLKU_PLAN_TEXT_GOAL_BY_PROFESSIONAL,  /* %s: the professional */
  POLKU_PLAN_TEXT_TARGET_DATE,
  POLKU_PLAN_TEXT_STATUS,
  POLKU_PLAN_TEXT_CLIENT_ASSESSMENT,
  POLKU_PLAN_TEXT_CLIENT_PROGRESS,       /* %d: 0–10 */
  POLKU_PLAN_TEXT_ACTIONS,
  POLKU_PLAN_TEXT_RESPONSIBLE,
  POLKU_PLAN_TEXT_DUE_DATE,
  POLKU_PLAN_TEXT_SERVICES,
  POLKU_PLAN_TEXT_DIFFERING_VIEWS,
  POLKU_PLAN_TEXT_YOUR_VIEW,
  POLKU_PLAN_TEXT_PROFESSIONAL_VIEW,     /* %s: the professional */
  POLKU_PLAN_TEXT_REASON,
  POLKU_PLAN_TEXT_NEXT_REVIEW,
  POLKU_PLAN_TEXT_NOT_SET,
  POLKU_PLAN_TEXT_PAGE,                  /* %d, %d: page, pages */
  POLKU_PLAN_TEXT_CLIENT_ROLE,
  POLKU_PLAN_TEXT_PROFESSIONAL_ROLE,
  POLKU_PLAN_TEXT_REVIEW_ACTIVITY,
  POLKU_PLAN_TEXT_SERVICE_IN_USE,        /* %s: the service */
  POLKU_PLAN_TEXT_CARE_TEAM,
  POLKU_PLAN_TEXT_RESPONSIBLE_WORKERS,   /* the heading when there are several */
  POLKU_PLAN_TEXT_AGREED_ON,
  POLKU_PLAN_TEXT_CONTACT,
  POLKU_PLAN_TEXT_DATE_PASSED,           /* %s: a date that has passed, goal or review still open */
  POLKU_PLAN_N_TEXTS
} PolkuPlanText;

const char *polku_plan_text                     (const char            *language,
                                                 PolkuPlanText          text);
const char *polku_plan_text_goal_status         (const char            *language,
                                                 PolkuPlanGoalStatus    status);
const char *polku_plan_text_action_status       (const char            *language,
                                                 PolkuPlanActionStatus  status);
char       *polku_plan_text_fill                (const char            *language,
                                                 PolkuPlanText          text,
                                                 const char            *value);
char       *polku_plan_text_format_date         (const char            *date);

G_END_DECLS
