/* polku-consent-export.h: what an export of a client's data needs: a named receiver, the
 * consent check, the audit entry and a mark the receiver sees
 *
 * Copyright 2026 The Polku authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every export that carries a client's data out of Polku (the plan's FHIR bundle, the
 * assessments' FHIR bundle and CSV) names who receives it: an organisation of the county's
 * list (polku-organisations.h) by id, or the coordinator's own use (@to %NULL).
 *
 * polku_consent_export_record () decides and records in one write transaction: for an
 * organisation, the client's sharing consent must cover it for every part the export
 * carries (polku_consent_check (), the one decision); then the export is appended to the
 * audit log (action @action, detail "to=ID|own-use parts=… WHAT"). A refused export is not
 * recorded as made, and one that is made is never missing from the log. Own use needs no
 * sharing consent, is recorded all the same and is marked in the output
 * (polku_consent_export_mark_fhir (), polku_consent_export_csv_comment ()).
 */
#pragma once

#include <json-glib/json-glib.h>

#include "polku-store.h"

G_BEGIN_DECLS

/* The Bundle.meta.tag systems of an export's receiver and purpose. */
#define POLKU_CONSENT_EXPORT_RECIPIENT_SYSTEM \
  "https://polku.github.io/fhir/CodeSystem/export-recipient"
#define POLKU_CONSENT_EXPORT_PURPOSE_SYSTEM \
  "https://polku.github.io/fhir/CodeSystem/export-purpose"

gboolean  polku_consent_export_record      (PolkuStore          *store,
                                            const char          *client_id,
                                            const char          *to,
                                            const char * const  *parts,
                                            const char          *action,
                                            const char          *what,
                                            GError             **error);
void      polku_consent_export_mark_fhir   (JsonNode            *bundle,
                                            const char          *to);
char     *polku_consent_export_csv_comment (void);

G_END_DECLS
