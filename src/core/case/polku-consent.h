/* polku-consent.h: one consent (suostumus) with its structured scope
 *
 * Two kinds (polku_consent_get_kind ()): "contact", to be contacted and referred, which lets
 * the case move past identification and names no organisations or parts; "sharing", to
 * share the plan with the organisations (ids of the county's list) and parts it names.
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

#define POLKU_TYPE_CONSENT (polku_consent_get_type ())
G_DECLARE_FINAL_TYPE (PolkuConsent, polku_consent, POLKU, CONSENT, PolkuRecord)

POLKU_RECORD_DEFINE_GETTERS (PolkuConsent, polku_consent)

const char          *polku_consent_get_kind                   (PolkuConsent *self);
const char          *polku_consent_get_given_on               (PolkuConsent *self);
const char          *polku_consent_get_given_by               (PolkuConsent *self);
const char          *polku_consent_get_representative         (PolkuConsent *self);
const char          *polku_consent_get_method                 (PolkuConsent *self);
const char * const  *polku_consent_get_organisations          (PolkuConsent *self);
const char * const  *polku_consent_get_parts                  (PolkuConsent *self);
const char          *polku_consent_get_valid_until            (PolkuConsent *self);
const char          *polku_consent_get_recorded_by            (PolkuConsent *self);
const char          *polku_consent_get_withdrawn_on           (PolkuConsent *self);
const char          *polku_consent_get_withdrawal_recorded_by (PolkuConsent *self);

G_END_DECLS
