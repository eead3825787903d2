/* polku-consent-store.h: consents in the store, and the one check that decides sharing
 *
 * Copyright 2026 The Polku authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A consent records its kind, when and how it was given, by whom (the client or a legal
 * representative), until when it is valid and who recorded it. It is withdrawn, never
 * deleted. There are two kinds, recorded separately:
 *
 *   contact  to be contacted and referred: lets the case move past identification; names
 *            no organisations or parts, and lets nothing be shared
 *   sharing  to share the plan: names the organisations (ids of the county's list,
 *            polku-organisations.h) that may receive the client's data and the parts of the
 *            plan that may be shared; never opens the phase gate
 *
 * polku_consent_check () is the ONLY place that decides whether a client's data may be
 * shared or the case may move past identification. Everything else (the phase gate, sync,
 * export: polku-consent-export.h) calls it.
 */
#pragma once

#include <glib-object.h>

#include "polku-consent.h"
#include "polku-store.h"

G_BEGIN_DECLS

#define POLKU_CONSENT_ERROR (polku_consent_error_quark ())

typedef enum
{
  POLKU_CONSENT_ERROR_INVALID,     /* the input is wrong; nothing was changed */
  POLKU_CONSENT_ERROR_NOT_FOUND,   /* no such consent */
  POLKU_CONSENT_ERROR_NO_CONSENT,  /* no valid consent covers what was asked */
} PolkuConsentError;

GQuark               polku_consent_error_quark     (void);

/* Vocabularies: the codes the store and the CLI use. */
const char * const  *polku_consent_kind_codes      (void);
const char * const  *polku_consent_given_by_codes  (void);
const char * const  *polku_consent_method_codes    (void);
const char * const  *polku_consent_part_codes      (void);
const char          *polku_consent_code_get_label  (const char    *code);

PolkuConsent        *polku_consent_store_add       (PolkuStore    *store,
                                                    PolkuConsent  *draft,
                                                    GError       **error);
PolkuConsent        *polku_consent_store_withdraw  (PolkuStore    *store,
                                                    const char    *consent_id,
                                                    const char    *date,
                                                    GError       **error);
GPtrArray           *polku_consent_store_list      (PolkuStore    *store,
                                                    const char    *client_id,
                                                    GError       **error);
GPtrArray           *polku_consent_store_list_valid (PolkuStore   *store,
                                                    const char    *client_id,
                                                    const char    *kind,
                                                    const char    *date,
                                                    GError       **error);

gboolean             polku_consent_check           (PolkuStore    *store,
                                                    const char    *client_id,
                                                    const char    *organisation,
                                                    const char    *part,
                                                    const char    *date,
                                                    GError       **error);
gboolean             polku_consent_check_contact   (PolkuStore    *store,
                                                    const char    *client_id,
                                                    const char    *date,
                                                    GError       **error);

G_END_DECLS
