/* polku-plan.h: the shared care-and-service plan as a document (yhteinen hoito- ja
 * palvelusuunnitelma)
 *
 * Copyright 2026 The Polku authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One plan per client: a self-contained JSON object with a stable UUID and created/modified
 * stamps on every goal, action, service and differing view, so that two offline edits can be
 * merged element by element against their common base. The shape (polku-plan.c checks it):
 *
 *   { "schema": 1, "id", "client_id", "created", "modified",
 *     "language": "fi" | "sv",
 *     "client_view": the client's own view in their own words,
 *     "main_burden": what burdens the client most, as the client defines it,
 *     "agreed_on": "YYYY-MM-DD", the day the plan was agreed with the client (the start of
 *                  the before/after periods; the store sets it to the first save's local
 *                  date when it is not given and keeps plan.agreed_on equal to it),
 *     "goals": [ { "id", "created", "modified", "text",
 *                  "expressed_by": "client" | "professional", "professional",
 *                  "target_date": "YYYY-MM-DD", "status", "client_assessment",
 *                  "client_progress": 0–10,
 *                  "actions": [ { "id", "created", "modified", "text", "responsible",
 *                                 "organisation", "due_date", "status" } ] } ],
 *     "services": [ { "id", "created", "modified", "name", "provider", "note" } ],
 *     "differing_views": [ { "id", "created", "modified", "topic", "client_view",
 *                            "client_reason", "professional", "professional_view",
 *                            "professional_reason" } ],
 *
 * Optional members may be absent or null (the same thing, as in a JSON merge patch).
 *
 * What the plan names from outside itself is not copied into it: its responsible workers
 * are the team's current ones and its review date is the case's review_on
 * (PolkuPlanContext, polku-plan-context.h), so that a change in one place reaches the plan,
 * the client's copy and the FHIR export without a new version. Versions saved before
 * schema 7 carry two legacy members, still accepted so that old versions load, compare and
 * restore: "responsible_worker" ({ "name", "title", "organisation", "phone", "email" }) and
 * "next_review" ("YYYY-MM-DD"). The store drops them from every new version, and a merge
 * patch that sets either is refused (polku-plan-patch.c).
 */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

#define POLKU_PLAN_ERROR (polku_plan_error_quark ())

typedef enum
{
  POLKU_PLAN_ERROR_INVALID,    /* the document or patch breaks the plan's rules */
  POLKU_PLAN_ERROR_NO_PLAN,    /* the client has no plan yet */
  POLKU_PLAN_ERROR_NO_VERSION, /* no such version */
  POLKU_PLAN_ERROR_CHANGED,    /* someone saved a newer version meanwhile */
  POLKU_PLAN_ERROR_TEMPLATE,   /* no such template, or a broken one */
} PolkuPlanError;

#define POLKU_PLAN_SCHEMA 1

typedef enum
{
  POLKU_PLAN_GOAL_PROPOSED,
  POLKU_PLAN_GOAL_ACTIVE,
  POLKU_PLAN_GOAL_ACHIEVED,
  POLKU_PLAN_GOAL_NOT_ACHIEVED,
  POLKU_PLAN_GOAL_DROPPED,
} PolkuPlanGoalStatus;

typedef enum
{
  POLKU_PLAN_ACTION_PLANNED,
  POLKU_PLAN_ACTION_IN_PROGRESS,
  POLKU_PLAN_ACTION_DONE,
  POLKU_PLAN_ACTION_CANCELLED,
} PolkuPlanActionStatus;

GQuark       polku_plan_error_quark                (void);

const char  *polku_plan_goal_status_to_code        (PolkuPlanGoalStatus    status);
gboolean     polku_plan_goal_status_from_code      (const char            *code,
                                                    PolkuPlanGoalStatus   *out_status);
const char  *polku_plan_goal_status_get_label      (PolkuPlanGoalStatus    status);
const char  *polku_plan_action_status_to_code      (PolkuPlanActionStatus  status);
gboolean     polku_plan_action_status_from_code    (const char            *code,
                                                    PolkuPlanActionStatus *out_status);
const char  *polku_plan_action_status_get_label    (PolkuPlanActionStatus  status);

/* The members whose value is a code, a date or a rating, said in the plan view's words: the
 * history's comparison, the conflicts window and its Edit… form say them the same way. */
typedef enum
{
  POLKU_PLAN_MEMBER_TEXT,           /* any other member: its words as they are */
  POLKU_PLAN_MEMBER_DATE,           /* "YYYY-MM-DD", said d.m.yyyy */
  POLKU_PLAN_MEMBER_LANGUAGE,       /* "fi" | "sv" */
  POLKU_PLAN_MEMBER_EXPRESSED_BY,   /* whose goal: "client" | "professional" */
  POLKU_PLAN_MEMBER_GOAL_STATUS,
  POLKU_PLAN_MEMBER_ACTION_STATUS,
  POLKU_PLAN_MEMBER_PROGRESS,       /* the client's rating, 0–10 */
} PolkuPlanMemberKind;

PolkuPlanMemberKind polku_plan_member_get_kind     (const char            *path);
char        *polku_plan_dup_member_text            (const char            *path,
                                                    JsonNode              *value);
GStrv        polku_plan_member_dup_choices         (PolkuPlanMemberKind    kind,
                                                    GStrv                 *out_labels);

/* Documents */
JsonNode    *polku_plan_document_new               (const char   *client_id,
                                                    const char   *language);
gboolean     polku_plan_document_validate          (JsonNode     *document,
                                                    GError      **error);
JsonNode    *polku_plan_document_from_string       (const char   *text,
                                                    GError      **error);
char        *polku_plan_document_to_string         (JsonNode     *document,
                                                    gboolean      pretty);
gboolean     polku_plan_document_same_content      (JsonNode     *a,
                                                    JsonNode     *b);
void         polku_plan_document_stamp             (JsonNode     *document,
                                                    JsonNode     *base,
                                                    const char   *now);
const char  *polku_plan_document_get_language      (JsonNode     *document);
char        *polku_plan_new_element_id             (void);
gboolean     polku_plan_date_is_valid              (const char   *text);
gboolean     polku_plan_document_has_legacy        (JsonNode     *document);
void         polku_plan_document_drop_legacy       (JsonNode     *document);

/* JSON merge patch (RFC 7396) */
JsonNode    *polku_plan_merge_patch                (JsonNode     *target,
                                                    JsonNode     *patch);
JsonNode    *polku_plan_document_apply_patch       (JsonNode     *document,
                                                    JsonNode     *patch,
                                                    GError      **error);

/* Templates (data/plan-templates/) */
typedef struct
{
  char *id;
  char *title;        /* in the UI language */
  char *description;  /* in the UI language */
} PolkuPlanTemplateInfo;

void         polku_plan_template_info_free         (PolkuPlanTemplateInfo *info);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PolkuPlanTemplateInfo, polku_plan_template_info_free)

GPtrArray   *polku_plan_list_templates             (void);
JsonNode    *polku_plan_document_new_from_template (const char   *template_id,
                                                    const char   *client_id,
                                                    const char   *language,
                                                    GError      **error);

/* Comparing two versions: the documents as rows, aligned by stable keys. */
typedef enum
{
  POLKU_PLAN_DIFF_SAME,
  POLKU_PLAN_DIFF_CHANGED,
  POLKU_PLAN_DIFF_ADDED,    /* only in the newer version */
  POLKU_PLAN_DIFF_REMOVED,  /* only in the older version */
} PolkuPlanDiffKind;

typedef struct
{
  char              *key;        /* stable: "goals/<id>/status" */
  char              *label;      /* in the UI language, e.g. "Goal 2: status" */
  char              *old_value;  /* as shown to a person; NULL when absent */
  char              *new_value;
  PolkuPlanDiffKind  kind;
  guint              depth;      /* 0 plan, 1 goal or other element, 2 action */
} PolkuPlanDiffRow;

void         polku_plan_diff_row_free              (PolkuPlanDiffRow *row);
GPtrArray   *polku_plan_compare                    (JsonNode     *old_document,
                                                    JsonNode     *new_document);

G_END_DECLS
