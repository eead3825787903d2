/* polku-case-private.h: what the case-work modules share (case, consent, team, follow-ups)
 *
 * Copyright 2026 The Polku authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * All of these run between polku_store_begin_use () and polku_store_end_use ().
 */
#pragma once

#include <sqlcipher/sqlite3.h>

#include "polku-audit-private.h"
#include "polku-date.h"
#include "polku-object-private.h"
#include "polku-store-private.h"

G_BEGIN_DECLS

/* Opens the client's case (phase "identified", dated @date) unless it has one; inside a
 * transaction, with its audit entry. */
gboolean  polku_case_ensure_locked        (PolkuStore   *store,
                                           sqlite3      *db,
                                           const char   *client_id,
                                           const char   *date,
                                           GError      **error);

/* The one decision about consent: see polku_consent_check (). */
gboolean  polku_consent_check_locked      (sqlite3      *db,
                                           const char   *client_id,
                                           const char   *organisation,
                                           const char   *part,
                                           const char   *date,
                                           GError      **error);

G_END_DECLS
