/* polku-case-sign.h: one warning sign (heräte) flagged for a client
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

#define POLKU_TYPE_CASE_SIGN (polku_case_sign_get_type ())
G_DECLARE_FINAL_TYPE (PolkuCaseSign, polku_case_sign, POLKU, CASE_SIGN, PolkuRecord)

POLKU_RECORD_DEFINE_GETTERS (PolkuCaseSign, polku_case_sign)

const char          *polku_case_sign_get_group_id      (PolkuCaseSign *self);
const char          *polku_case_sign_get_item_id       (PolkuCaseSign *self);
const char          *polku_case_sign_get_reason        (PolkuCaseSign *self);
const char          *polku_case_sign_get_source_sector (PolkuCaseSign *self);
const char          *polku_case_sign_get_flagged_by    (PolkuCaseSign *self);
const char          *polku_case_sign_get_flagged_on    (PolkuCaseSign *self);
const char          *polku_case_sign_get_service_point (PolkuCaseSign *self);
const char          *polku_case_sign_get_recorded_by   (PolkuCaseSign *self);
const char          *polku_case_sign_get_retracted_on  (PolkuCaseSign *self);
const char          *polku_case_sign_get_retracted_by  (PolkuCaseSign *self);
char                *polku_case_sign_dup_source        (PolkuCaseSign *self);

/* Flagging sectors: health, social, third_sector, private, client, relative. */
const char * const  *polku_case_sign_sector_codes      (void);
const char          *polku_case_sign_sector_get_label  (const char    *code);
gboolean             polku_case_sign_sector_is_professional (const char *code);

G_END_DECLS
