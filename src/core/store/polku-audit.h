/* polku-audit.h: the append-only, hash-chained audit log
 *
 * Copyright 2026 The Polku authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "polku-store.h"

G_BEGIN_DECLS

#define POLKU_AUDIT_ERROR (polku_audit_error_quark ())

typedef enum
{
  POLKU_AUDIT_ERROR_TAMPERED,  /* an entry was edited, removed or added outside Polku */
} PolkuAuditError;

/* Actions recorded by the core. Modules add their own as "<object>.<verb>". The detail of an
 * entry names ids and field names only, never client data. */
#define POLKU_AUDIT_CLIENT_VIEW    "client.view"
#define POLKU_AUDIT_CLIENT_CREATE  "client.create"
#define POLKU_AUDIT_CLIENT_UPDATE  "client.update"
#define POLKU_AUDIT_CLIENT_ARCHIVE "client.archive"
#define POLKU_AUDIT_CLIENT_RESTORE "client.restore"
/* Sync (src/core/sync/): one sync.run per sync (server, databases, counts); per client
 * document sent (sync.push), removed from a database (sync.remove); one sync.pull per batch
 * received (its detail lists the client ids and revisions taken in);
 * a conflict queued (sync.conflict) or decided (sync.resolve). Details name ids only. */
#define POLKU_AUDIT_SYNC_RUN       "sync.run"
#define POLKU_AUDIT_SYNC_PUSH      "sync.push"
#define POLKU_AUDIT_SYNC_REMOVE    "sync.remove"
#define POLKU_AUDIT_SYNC_PULL      "sync.pull"
#define POLKU_AUDIT_SYNC_CONFLICT  "sync.conflict"
#define POLKU_AUDIT_SYNC_RESOLVE   "sync.resolve"

#define POLKU_TYPE_AUDIT_ENTRY (polku_audit_entry_get_type ())
G_DECLARE_FINAL_TYPE (PolkuAuditEntry, polku_audit_entry, POLKU, AUDIT_ENTRY, GObject)

gint64       polku_audit_entry_get_seq        (PolkuAuditEntry *self);
const char  *polku_audit_entry_get_id         (PolkuAuditEntry *self);
const char  *polku_audit_entry_get_time       (PolkuAuditEntry *self);
const char  *polku_audit_entry_get_actor      (PolkuAuditEntry *self);
const char  *polku_audit_entry_get_action     (PolkuAuditEntry *self);
const char  *polku_audit_entry_get_client_id  (PolkuAuditEntry *self);
const char  *polku_audit_entry_get_detail     (PolkuAuditEntry *self);
const char  *polku_audit_entry_get_hash       (PolkuAuditEntry *self);
char        *polku_audit_entry_dup_action_label (PolkuAuditEntry *self);

GQuark       polku_audit_error_quark          (void);

gboolean     polku_audit_record               (PolkuStore   *store,
                                               const char   *action,
                                               const char   *client_id,
                                               const char   *detail,
                                               GError      **error);
GPtrArray   *polku_audit_list                 (PolkuStore   *store,
                                               const char   *client_id,
                                               GError      **error);
void         polku_audit_list_async           (PolkuStore          *store,
                                               const char          *client_id,
                                               GCancellable        *cancellable,
                                               GAsyncReadyCallback  callback,
                                               gpointer             user_data);
GPtrArray   *polku_audit_list_finish          (PolkuStore    *store,
                                               GAsyncResult  *result,
                                               GError       **error);
gboolean     polku_audit_verify               (PolkuStore   *store,
                                               gint64       *out_n_entries,
                                               GError      **error);

typedef struct
{
  gint64 n_entries;  /* entries checked */
  gint64 anchored;   /* entries 1..anchored proven by the anchor outside the database */
} PolkuAuditVerification;

gboolean     polku_audit_verify_full          (PolkuStore              *store,
                                               PolkuAuditVerification  *out,
                                               GError                 **error);

/* Called after each part of the log with the entries checked so far and the log's length. */
typedef void (*PolkuAuditProgressFunc)        (gint64                   n_checked,
                                               gint64                   n_total,
                                               gpointer                 user_data);

gboolean     polku_audit_verify_with_progress (PolkuStore              *store,
                                               PolkuAuditVerification  *out,
                                               PolkuAuditProgressFunc   progress,
                                               gpointer                 user_data,
                                               GCancellable            *cancellable,
                                               GError                 **error);

G_END_DECLS
