/* polku-case-private.h: what the case-work modules share (case, consent, team, follow-ups)
 *
 * Copyright 2026 The Polku authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The _locked calls run on a connection the caller holds (polku-store-private.h), the
 * changes inside polku_store_write ().
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

/* A change to the stored record @id on @date (retracting a sign, withdrawing a consent,
 * marking a follow-up done, …), run inside a write transaction. */
typedef gboolean (*PolkuCaseDatedFunc)    (PolkuStore   *store,
                                           sqlite3      *db,
                                           const char   *id,
                                           const char   *date,
                                           GError      **error);
/* Runs @change (@id, @date) with polku_store_write_get () and returns @get (@id) after it
 * (transfer full), or NULL with @error and nothing written. */
gpointer  polku_case_write_dated          (PolkuStore          *store,
                                           PolkuCaseDatedFunc   change,
                                           PolkuStoreGetFunc    get,
                                           const char          *id,
                                           const char          *date,
                                           GError             **error);
/* polku_case_write_dated () on @date (nullable: today), which must be a date and not in the
 * future; otherwise fails with @domain and @code (polku_date_check ()). */
gpointer  polku_case_write_on_date        (PolkuStore          *store,
                                           PolkuCaseDatedFunc   change,
                                           PolkuStoreGetFunc    get,
                                           const char          *id,
                                           const char          *date,
                                           GQuark               domain,
                                           int                  code,
                                           GError             **error);

/* The one decision about consent: see polku_consent_check (). */
gboolean  polku_consent_check_locked      (sqlite3      *db,
                                           const char   *client_id,
                                           const char   *organisation,
                                           const char   *part,
                                           const char   *date,
                                           GError      **error);

/* Ends the client's current coordinator period, if there is one, on @date (or on the day it
 * started when that is later), with a case.coordinator entry "ended=ID phase=@phase"; TRUE
 * also when there was none. Closing a case calls it (polku-case-store.c): a closed case has
 * no coordinator. Defined in polku-coordinator-store.c. */
gboolean  polku_coordinator_store_end_locked (PolkuStore *store,
                                           sqlite3      *db,
                                           const char   *client_id,
                                           const char   *date,
                                           const char   *phase,
                                           GError      **error);

G_END_DECLS
