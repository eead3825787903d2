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
#include "polku-store-private.h"

G_BEGIN_DECLS

#define POLKU_CASE_COL(stmt, i) ((const char *) sqlite3_column_text ((stmt), (i)))

/* Today's date in local time, YYYY-MM-DD. */
char     *polku_case_today                (void);
/* A real calendar date written YYYY-MM-DD. */
gboolean  polku_case_is_date              (const char   *text);
/* A trimmed copy, %NULL for %NULL or blank text. */
char     *polku_case_strip                (const char   *text);

/* "BEGIN IMMEDIATE;" and "COMMIT;" — or "ROLLBACK;" when @ok is FALSE. end returns @ok
 * and the commit's success. */
gboolean  polku_case_begin_locked         (sqlite3      *db,
                                           GError      **error);
gboolean  polku_case_end_locked           (sqlite3      *db,
                                           gboolean      ok,
                                           GError      **error);

/* Fails with POLKU_STORE_ERROR_NOT_FOUND when there is no such client. */
gboolean  polku_case_check_client_locked  (sqlite3      *db,
                                           const char   *client_id,
                                           GError      **error);
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

/* Runs one prepared statement that changes rows; "@what failed: …" on error. */
gboolean  polku_case_step_done            (sqlite3      *db,
                                           sqlite3_stmt *stmt,
                                           const char   *what,
                                           GError      **error);

G_END_DECLS
