/* polku-audit-private.h: appending to the audit log inside a module's own transaction
 *
 * Copyright 2026 The Polku authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "polku-audit.h"
#include "polku-store-private.h"

G_BEGIN_DECLS

/* Appends one entry. Call it from the body of polku_store_write (), the transaction that
 * makes the change it records, so that the change and its entry are written together or
 * not at all. The actor is the store's (polku_store_set_actor ()). @detail names ids and
 * field names only: never client data. */
gboolean polku_audit_append_locked (PolkuStore  *store,
                                    sqlite3     *db,
                                    const char  *action,
                                    const char  *client_id,
                                    const char  *detail,
                                    GError     **error);

G_END_DECLS
