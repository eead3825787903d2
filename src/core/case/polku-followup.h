/* polku-followup.h: a follow-up task with a due date
 *
 * Copyright 2026 The Polku authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * An immutable snapshot read from the store: every property is construct-only. Changes go
 * through the store functions, which return new objects.
 */
#pragma once

#include "polku-record.h"

G_BEGIN_DECLS

#define POLKU_TYPE_FOLLOWUP (polku_followup_get_type ())
G_DECLARE_FINAL_TYPE (PolkuFollowup, polku_followup, POLKU, FOLLOWUP, PolkuRecord)

POLKU_RECORD_DEFINE_GETTERS (PolkuFollowup, polku_followup)

const char          *polku_followup_get_client_name (PolkuFollowup *self);
const char          *polku_followup_get_title       (PolkuFollowup *self);
const char          *polku_followup_get_due_on      (PolkuFollowup *self);
const char          *polku_followup_get_assignee    (PolkuFollowup *self);
const char          *polku_followup_get_created_by  (PolkuFollowup *self);
const char          *polku_followup_get_done_on     (PolkuFollowup *self);
const char          *polku_followup_get_done_by     (PolkuFollowup *self);

G_END_DECLS
