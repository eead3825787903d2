/* polku-assessment-private.h: what the store may do with an assessment
 *
 * Copyright 2026 The Polku authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "polku-assessment.h"
#include "polku-record-private.h"

G_BEGIN_DECLS

PolkuAssessment *polku_assessment_new_empty          (void);
void             polku_assessment_set_identity       (PolkuAssessment  *self,
                                                      const char       *client_id,
                                                      const char       *instrument_id,
                                                      const char       *instrument_version);
/* Takes @answers (g_malloc'd, @n_answers ints). */
void             polku_assessment_take_answers       (PolkuAssessment  *self,
                                                      int              *answers,
                                                      guint             n_answers);
/* {"1": 4, "2": null, …} */
char            *polku_assessment_dup_answers_json   (PolkuAssessment  *self,
                                                      GError          **error);

static inline void
polku_assessment_set_stored (PolkuAssessment *self,
                             const char      *id,
                             const char      *created,
                             const char      *modified)
{
  polku_record_set_stamps (POLKU_RECORD (self), id, created, modified);
}

G_END_DECLS
