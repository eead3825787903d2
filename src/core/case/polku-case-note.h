/* polku-case-note.h: a free-text note on a case
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

#define POLKU_TYPE_CASE_NOTE (polku_case_note_get_type ())
G_DECLARE_FINAL_TYPE (PolkuCaseNote, polku_case_note, POLKU, CASE_NOTE, PolkuRecord)

POLKU_RECORD_DEFINE_GETTERS (PolkuCaseNote, polku_case_note)

const char          *polku_case_note_get_author    (PolkuCaseNote *self);
const char          *polku_case_note_get_body      (PolkuCaseNote *self);

G_END_DECLS
