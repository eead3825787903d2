/* polku-sync-store.h: the local state of sync: revisions and bases, checkpoints, the
 * conflict queue
 *
 * Copyright 2026 The Polku authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Tables in data/migrations/0009-sync.sql. The conflict queue is public (the window and
 * `polku-cli conflicts` show and decide conflicts); the rest is what the engine
 * (polku-sync.c) reads and, inside its own polku_store_write () bodies, writes.
 *
 * A conflict is a path of the shared document (polku-sync-merge.h) that both sides changed,
 * with both values, until a person decides. Its id travels in the document's "conflicts"
 * member, so both sides hold the same conflict. Deciding writes the chosen value to the local
 * store (a plan version with origin "resolve"), marks the client for the next push and keeps
 * the decided row as history.
 */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>
#include <sqlcipher/sqlite3.h>

#include "polku-store.h"

G_BEGIN_DECLS

#define POLKU_SYNC_ERROR (polku_sync_error_quark ())

typedef enum
{
  POLKU_SYNC_ERROR_FAILED,
  POLKU_SYNC_ERROR_INVALID,       /* bad settings or input: nothing changed */
  POLKU_SYNC_ERROR_NOT_FOUND,     /* no such conflict */
  POLKU_SYNC_ERROR_RESOLVED,      /* the conflict was decided already */
  POLKU_SYNC_ERROR_NO_PASSWORD,   /* no password in the keyring for this server and account */
  POLKU_SYNC_ERROR_CHANGED,       /* the store changed while a batch was prepared: try again */
} PolkuSyncError;

GQuark      polku_sync_error_quark            (void);

/* The conflict queue */

#define POLKU_TYPE_SYNC_CONFLICT (polku_sync_conflict_get_type ())
G_DECLARE_FINAL_TYPE (PolkuSyncConflict, polku_sync_conflict, POLKU, SYNC_CONFLICT, GObject)

const char *polku_sync_conflict_get_id            (PolkuSyncConflict *self);
const char *polku_sync_conflict_get_created       (PolkuSyncConflict *self);
const char *polku_sync_conflict_get_client_id     (PolkuSyncConflict *self);
const char *polku_sync_conflict_get_database      (PolkuSyncConflict *self);
const char *polku_sync_conflict_get_path          (PolkuSyncConflict *self);
/* A person's words for the path without the plan: "Goal › Action: status" (the UI
 * language; `conflicts list --json` "label"). */
const char *polku_sync_conflict_get_label         (PolkuSyncConflict *self);
/* In the words of the client's plan: "Goal 2, “Sleep better”: status", once
 * polku_sync_conflict_name_all () (polku-sync-label.h) named it; the label until then. */
const char *polku_sync_conflict_get_title         (PolkuSyncConflict *self);
/* JSON text, or NULL: absent on that side (deleted) */
const char *polku_sync_conflict_get_base_value    (PolkuSyncConflict *self);
const char *polku_sync_conflict_get_local_value   (PolkuSyncConflict *self);
const char *polku_sync_conflict_get_remote_value  (PolkuSyncConflict *self);
const char *polku_sync_conflict_get_local_by      (PolkuSyncConflict *self);
const char *polku_sync_conflict_get_local_at      (PolkuSyncConflict *self);
const char *polku_sync_conflict_get_remote_by     (PolkuSyncConflict *self);
const char *polku_sync_conflict_get_remote_at     (PolkuSyncConflict *self);
const char *polku_sync_conflict_get_resolved_at   (PolkuSyncConflict *self);
const char *polku_sync_conflict_get_resolved_by   (PolkuSyncConflict *self);
/* "local", "remote", "edited" or NULL while open */
const char *polku_sync_conflict_get_resolution    (PolkuSyncConflict *self);

/* Oldest first. @client_id: nullable, every client's. */
GPtrArray  *polku_sync_conflict_list          (PolkuStore         *store,
                                               const char         *client_id,
                                               gboolean            include_resolved,
                                               GError            **error);
PolkuSyncConflict *polku_sync_conflict_get    (PolkuStore         *store,
                                               const char         *conflict_id,
                                               GError            **error);
guint       polku_sync_conflict_count_open    (PolkuStore         *store,
                                               GError            **error);

typedef enum
{
  POLKU_SYNC_TAKE_LOCAL,
  POLKU_SYNC_TAKE_REMOTE,
  POLKU_SYNC_TAKE_VALUE,
} PolkuSyncTake;

/* Decides an open conflict: @value (TAKE_VALUE only; NULL there removes the element) goes to
 * the local store, and to the server at the next sync. One transaction, one sync.resolve
 * entry. POLKU_SYNC_ERROR_RESOLVED when it was decided already, here or elsewhere. */
gboolean    polku_sync_conflict_resolve       (PolkuStore         *store,
                                               const char         *conflict_id,
                                               PolkuSyncTake       take,
                                               JsonNode           *value,
                                               const char         *actor,
                                               GError            **error);

/* What the engine keeps per client and database (polku-sync.c) */

typedef struct
{
  char     *client_id;
  char     *database;
  char     *doc_id;
  char     *rev;       /* NULL: never on the server */
  JsonNode *base;      /* NULL: no exchange yet */
  gboolean  removed;   /* to be deleted from the server */
} PolkuSyncDocState;

void        polku_sync_doc_state_free         (PolkuSyncDocState *state);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PolkuSyncDocState, polku_sync_doc_state_free)

/* NULL without an error when there is no row. A base that cannot be read in full (its plan
 * version missing or unreadable, its text broken) comes back without what could not be read
 * and with rev NULL, after a warning naming the client's id. */
PolkuSyncDocState *polku_sync_store_get_doc   (PolkuStore         *store,
                                               const char         *client_id,
                                               const char         *database,
                                               GError            **error);
/* Rows of @database (nullable: every database), of PolkuSyncDocState, without their bases
 * (base NULL; polku_sync_store_get_doc () has it). */
GPtrArray  *polku_sync_store_list_docs        (PolkuStore         *store,
                                               const char         *database,
                                               GError            **error);
/* The databases that have rows. */
GStrv       polku_sync_store_list_databases   (PolkuStore         *store,
                                               GError            **error);
/* The clients whose shared data changed since their last push. */
GStrv       polku_sync_store_list_dirty       (PolkuStore         *store,
                                               GError            **error);
/* Clients with a document somewhere whose sharing consent was withdrawn or ran out before
 * @today: their documents may have to go. */
GStrv       polku_sync_store_list_lapsed      (PolkuStore         *store,
                                               const char         *today,
                                               GError            **error);
/* Clients of @database whose conflicts the server does not yet know as they are. */
GStrv       polku_sync_store_list_conflicts_to_push (PolkuStore   *store,
                                               const char         *database,
                                               GError            **error);
/* The last pull's last_seq as JSON text; NULL without an error when there is none. */
char       *polku_sync_store_get_checkpoint   (PolkuStore         *store,
                                               const char         *server,
                                               const char         *database,
                                               GError            **error);
/* When the newest sync with @server that ran to its end was over (its sync.run audit
 * entry's stamp, ISO 8601 UTC); NULL without an error when there was none. */
char       *polku_sync_store_get_last_run     (PolkuStore         *store,
                                               const char         *server,
                                               GError            **error);
/* A text that changes whenever anything the shared document is made of changes (plan
 * version, client, team, responsible workers, consents, the conflict queue). */
char       *polku_sync_store_fingerprint      (PolkuStore         *store,
                                               const char         *client_id,
                                               GError            **error);
/* Open conflicts of the client in @database (of PolkuSyncConflict). */
GPtrArray  *polku_sync_store_open_conflicts   (PolkuStore         *store,
                                               const char         *client_id,
                                               const char         *database,
                                               GError            **error);
/* Conflicts of the client in @database decided here that the server still lists. */
GPtrArray  *polku_sync_store_resolved_to_push (PolkuStore         *store,
                                               const char         *client_id,
                                               const char         *database,
                                               GError            **error);
/* The remote revision a conflict was last seen or sent with (NULL: never). */
const char *polku_sync_conflict_get_remote_rev (PolkuSyncConflict *self);
/* Sets the title (polku-sync-label.c; takes @title). */
void        polku_sync_conflict_take_title    (PolkuSyncConflict  *self,
                                               char               *title);

/* Inside a polku_store_write () body (@db the body's connection) */

char       *polku_sync_store_fingerprint_locked (sqlite3          *db,
                                               const char         *client_id,
                                               GError            **error);
/* The revision and base of the client's document in @database. @plan_version > 0: @base's
 * "plan" is exactly that version of the client's plan (polku_sync_store_apply_locked ()
 * said so), and the stored base refers to it instead of holding it again. */
gboolean    polku_sync_store_set_doc_locked   (sqlite3            *db,
                                               const char         *client_id,
                                               const char         *database,
                                               const char         *rev,
                                               JsonNode           *base,
                                               gint64              plan_version,
                                               gboolean            removed,
                                               GError            **error);
gboolean    polku_sync_store_delete_doc_locked (sqlite3           *db,
                                               const char         *client_id,
                                               const char         *database,
                                               GError            **error);
gboolean    polku_sync_store_set_checkpoint_locked (sqlite3       *db,
                                               const char         *server,
                                               const char         *database,
                                               const char         *since,
                                               GError            **error);
gboolean    polku_sync_store_clear_dirty_locked (sqlite3          *db,
                                               const char         *client_id,
                                               GError            **error);
gboolean    polku_sync_store_mark_dirty_locked (sqlite3           *db,
                                               const char         *client_id,
                                               GError            **error);
/* A new open conflict (@id NULL: a new id; the id used is returned in @out_id). Values are
 * nodes (NULL: absent). */
gboolean    polku_sync_store_add_conflict_locked (sqlite3         *db,
                                               const char         *id,
                                               const char         *client_id,
                                               const char         *database,
                                               const char         *path,
                                               JsonNode           *base,
                                               JsonNode           *local,
                                               JsonNode           *remote,
                                               const char         *local_by,
                                               const char         *local_at,
                                               const char         *remote_by,
                                               const char         *remote_at,
                                               const char         *remote_rev,
                                               char              **out_id,
                                               GError            **error);
gboolean    polku_sync_store_update_conflict_locked (sqlite3      *db,
                                               const char         *id,
                                               const char         *new_id,
                                               JsonNode           *remote,
                                               gboolean            set_remote,
                                               const char         *remote_rev,
                                               GError            **error);
/* Decided elsewhere (the server no longer lists it): resolution "remote". */
gboolean    polku_sync_store_close_conflict_locked (sqlite3       *db,
                                               const char         *id,
                                               JsonNode           *value,
                                               const char         *by,
                                               GError            **error);
/* After a push the server took: open conflicts of the client in @database are listed in
 * revision @rev; the decided ones are no longer listed. */
gboolean    polku_sync_store_conflicts_pushed_locked (sqlite3     *db,
                                               const char         *client_id,
                                               const char         *database,
                                               const char         *rev,
                                               GError            **error);
/* Writes the shared content @doc (after the merge, conflicted paths holding the local values)
 * to the local store: the plan (parts in @parts; a version with @origin and @author), the
 * client's names (a clinic creates the client when @create_client) and, when @parts have
 * "team", the team by its own rules (polku-team-store.h): members added and changed, a
 * member who left there leaving here, the "responsible" flag naming or ending a period
 * (named by @author), a current member @doc no longer lists leaving today.
 * @validated_plan (nullable): a plan node the caller has validated with
 * polku_plan_document_validate () (polku_sync_doc_validate () of the pulled document); when
 * the plan to save is that very node, unchanged by the projection to @parts, it is not
 * validated again, and *@out_plan_version (optional) is the version now holding it exactly
 * as given (0 otherwise: no such version was written). */
gboolean    polku_sync_store_apply_locked     (PolkuStore         *store,
                                               sqlite3            *db,
                                               const char         *client_id,
                                               JsonNode           *doc,
                                               const char * const *parts,
                                               const char         *origin,
                                               const char         *author,
                                               gboolean            create_client,
                                               JsonNode           *validated_plan,
                                               gint64             *out_plan_version,
                                               GError            **error);

G_END_DECLS
