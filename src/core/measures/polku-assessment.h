/* polku-assessment.h: one administration of an instrument to a client
 *
 * Copyright 2026 The Polku authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

#include "polku-instrument.h"
#include "polku-record.h"
#include "polku-scoring.h"

G_BEGIN_DECLS

#define POLKU_ASSESSMENT_ERROR (polku_assessment_error_quark ())

typedef enum
{
  POLKU_ASSESSMENT_ERROR_INVALID,    /* a field is wrong; the message names it */
  POLKU_ASSESSMENT_ERROR_NOT_FOUND,
} PolkuAssessmentError;

typedef enum
{
  POLKU_ASSESSMENT_ROLE_BASELINE,
  POLKU_ASSESSMENT_ROLE_FOLLOW_UP,
} PolkuAssessmentRole;

typedef enum
{
  POLKU_ASSESSMENT_STATUS_DRAFT,     /* being answered; resumable; no scores */
  POLKU_ASSESSMENT_STATUS_COMPLETE,
} PolkuAssessmentStatus;

const char *polku_assessment_role_to_code     (PolkuAssessmentRole    role);
gboolean    polku_assessment_role_from_code   (const char            *code,
                                               PolkuAssessmentRole   *out_role);
const char *polku_assessment_role_get_label   (PolkuAssessmentRole    role);
const char *polku_assessment_status_to_code   (PolkuAssessmentStatus  status);
gboolean    polku_assessment_status_from_code (const char            *code,
                                               PolkuAssessmentStatus *out_status);

#define POLKU_TYPE_ASSESSMENT (polku_assessment_get_type ())
G_DECLARE_FINAL_TYPE (PolkuAssessment, polku_assessment, POLKU, ASSESSMENT, PolkuRecord)

POLKU_RECORD_DEFINE_GETTERS (PolkuAssessment, polku_assessment)

GQuark                 polku_assessment_error_quark        (void);

/* A new draft of @instrument for @client_id, dated today, with no answers. */
PolkuAssessment       *polku_assessment_new                (const char       *client_id,
                                                            PolkuInstrument  *instrument);
PolkuAssessment       *polku_assessment_copy               (PolkuAssessment  *self);

const char            *polku_assessment_get_instrument_id  (PolkuAssessment  *self);
const char            *polku_assessment_get_instrument_version (PolkuAssessment *self);
const char            *polku_assessment_get_date           (PolkuAssessment  *self);
void                   polku_assessment_set_date           (PolkuAssessment  *self,
                                                            const char       *date);
PolkuAssessmentRole    polku_assessment_get_role           (PolkuAssessment  *self);
void                   polku_assessment_set_role           (PolkuAssessment  *self,
                                                            PolkuAssessmentRole role);
const char            *polku_assessment_get_plan_id        (PolkuAssessment  *self);
void                   polku_assessment_set_plan_id        (PolkuAssessment  *self,
                                                            const char       *plan_id);
PolkuAssessmentStatus  polku_assessment_get_status         (PolkuAssessment  *self);
void                   polku_assessment_set_status         (PolkuAssessment  *self,
                                                            PolkuAssessmentStatus status);
guint                  polku_assessment_get_position       (PolkuAssessment  *self);
void                   polku_assessment_set_position       (PolkuAssessment  *self,
                                                            guint             position);

/* The answers, one int per item of the instrument (POLKU_ANSWER_MISSING: none). */
guint                  polku_assessment_get_n_answers      (PolkuAssessment  *self);
int                    polku_assessment_get_answer         (PolkuAssessment  *self,
                                                            guint             item);
void                   polku_assessment_set_answer         (PolkuAssessment  *self,
                                                            guint             item,
                                                            int               value);
const int             *polku_assessment_get_answers        (PolkuAssessment  *self);

/* The instrument this was given with (looked up by id), or NULL with @error. */
PolkuInstrument       *polku_assessment_dup_instrument     (PolkuAssessment  *self,
                                                            GError          **error);
/* Scores the answers now (drafts too). */
PolkuScores           *polku_assessment_compute_scores     (PolkuAssessment  *self,
                                                            GError          **error);

/* Checks the fields a store would refuse, naming the field. */
gboolean               polku_assessment_validate           (PolkuAssessment  *self,
                                                            GError          **error);

/* {"id", "client_id", "instrument", "instrument_version", "date", "role", "plan_id",
 * "status", "position", "answers", "scores", "created", "modified"}; scores null for a
 * draft. */
JsonNode              *polku_assessment_to_json            (PolkuAssessment  *self,
                                                            GError          **error);
/* Reads {"instrument", "date", "role", "plan_id", "status", "position", "answers"} (the
 * shape `polku-cli assessment add` takes) for @client_id. Unknown members are an error. */
PolkuAssessment       *polku_assessment_new_from_json      (const char       *client_id,
                                                            JsonNode         *node,
                                                            GError          **error);

G_END_DECLS
