/* polku-sync.c: one sync with a CouchDB-protocol server: pull, merge, push, remove; the
 * settings and the password
 *
 * Copyright 2026 The Polku authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One run (README "Sync"; the design is at the top of each step below):
 *
 *  1. log in (polku-couch.c logs in again on a 401);
 *  2. for each database this profile syncs, pull: _changes since the local checkpoint in
 *     batches; each document is merged with the local projection against the base
 *     (polku-sync-merge.h) and the whole batch is written with its checkpoint in ONE local
 *     transaction; then the checkpoint goes to the server's _local document;
 *  3. for each database, remove (a consent that no longer covers it: DELETE and _purge) and
 *     push: only clients in sync_dirty, or whose conflicts the server does not know yet, in
 *     _bulk_docs batches; a 409 fetches, merges and retries once; a lost answer is found at
 *     the next run (the revision's content equals ours: it is adopted);
 *  4. a client leaves sync_dirty only when every database took it and nothing changed
 *     meanwhile (the store's fingerprint is compared in the clearing transaction).
 *
 * Nothing here decides by a clock. Conflicted paths: the server keeps what it shares (the
 * local projection carries the base's value there), the local store keeps its own value, and
 * the conflict, with both values, is in the queue (polku-sync-store.h) and in the document's
 * "conflicts" member, under an id both sides share.
 *
 * The file is long because the pull and the push share the preparation of a received
 * document (prepare_incoming (), write_incoming_locked ()); the store's SQL is in
 * polku-sync-store.c, the document in polku-sync-doc.c, the merge in polku-sync-merge.c.
 */

#define G_LOG_DOMAIN "polku-sync"

#include "config.h"

#include <glib/gi18n.h>
#include <libsecret/secret.h>
#include <string.h>

#include "polku-audit-private.h"
#include "polku-client-store.h"
#include "polku-couch.h"
#include "polku-date.h"
#include "polku-json.h"
#include "polku-keyring-private.h"
#include "polku-organisations.h"
#include "polku-plan-store.h"
#include "polku-store-private.h"
#include "polku-sync-doc.h"
#include "polku-sync-merge.h"
#include "polku-sync.h"

#define SYNC_GROUP "sync"
#define PULL_BATCH 1000
#define PUSH_BATCH 100
#define KEYRING_TIMEOUT_SECONDS 10
#define BATCH_ATTEMPTS 3

/* Settings */

void
polku_sync_settings_free (PolkuSyncSettings *s)
{
  if (s == NULL)
    return;
  g_free (s->server);
  g_free (s->account);
  g_free (s->organisation);
  g_free (s->trusted_certificate);
  g_free (s->profile_id);
  g_free (s);
}

static char *
key_file_get_nonempty (GKeyFile   *keyfile,
                       const char *key)
{
  g_autofree char *value = g_key_file_get_string (keyfile, SYNC_GROUP, key, NULL);

  if (value != NULL)
    g_strstrip (value);
  if (value == NULL || value[0] == '\0')
    return NULL;
  return g_steal_pointer (&value);
}

/**
 * polku_sync_settings_load:
 *
 * Returns: (transfer full): the profile's [sync] settings (members NULL when not set), or
 *   %NULL with @error when profile.ini cannot be read
 */
PolkuSyncSettings *
polku_sync_settings_load (PolkuProfile  *profile,
                          GError       **error)
{
  g_autoptr(GKeyFile) keyfile = g_key_file_new ();
  g_autoptr(GError) local_error = NULL;
  PolkuSyncSettings *s;

  g_return_val_if_fail (POLKU_IS_PROFILE (profile), NULL);

  if (!g_key_file_load_from_file (keyfile, polku_profile_get_settings_path (profile),
                                  G_KEY_FILE_NONE, &local_error)
      && !g_error_matches (local_error, G_FILE_ERROR, G_FILE_ERROR_NOENT))
    {
      g_set_error (error, POLKU_SYNC_ERROR, POLKU_SYNC_ERROR_FAILED,
                   _("Cannot read the sync settings in “%s”: %s"),
                   polku_profile_get_settings_path (profile), local_error->message);
      return NULL;
    }
  s = g_new0 (PolkuSyncSettings, 1);
  s->server = key_file_get_nonempty (keyfile, "server");
  s->account = key_file_get_nonempty (keyfile, "account");
  s->organisation = key_file_get_nonempty (keyfile, "organisation");
  s->trusted_certificate = key_file_get_nonempty (keyfile, "trusted_certificate");
  s->profile_id = g_strdup (polku_profile_get_id (profile));
  return s;
}

gboolean
polku_sync_settings_save (PolkuProfile             *profile,
                          const PolkuSyncSettings  *s,
                          GError                  **error)
{
  g_autoptr(GKeyFile) keyfile = g_key_file_new ();
  g_autofree char *data = NULL;
  const char *path;
  gsize length;
  struct { const char *key; const char *value; } values[] = {
    { "server", s->server }, { "account", s->account }, { "organisation", s->organisation },
    { "trusted_certificate", s->trusted_certificate },
  };

  g_return_val_if_fail (POLKU_IS_PROFILE (profile), FALSE);
  g_return_val_if_fail (s != NULL, FALSE);

  path = polku_profile_get_settings_path (profile);
  if (!g_key_file_load_from_file (keyfile, path, G_KEY_FILE_KEEP_COMMENTS, NULL))
    g_debug ("No profile file at %s yet", path);
  for (guint i = 0; i < G_N_ELEMENTS (values); i++)
    if (values[i].value != NULL && values[i].value[0] != '\0')
      g_key_file_set_string (keyfile, SYNC_GROUP, values[i].key, values[i].value);
    else
      g_key_file_remove_key (keyfile, SYNC_GROUP, values[i].key, NULL);
  data = g_key_file_to_data (keyfile, &length, NULL);
  return g_file_set_contents_full (path, data, length, G_FILE_SET_CONTENTS_CONSISTENT, 0600,
                                   error);
}

/* The password in the Secret Service: asynchronous on a private main context with a
 * timeout, as polku-keyring.c does (a locked keyring prompts and would wait for ever). */

static const SecretSchema *
password_schema (void)
{
  static const SecretSchema schema = {
    "io.github.polku.Polku.Sync", SECRET_SCHEMA_NONE,
    {
      { "profile", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { "server", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { "account", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { NULL, 0 },
    }
  };

  return &schema;
}

static void
set_keyring_error (GError           **error,
                   PolkuKeyringCall  *call,
                   GError            *cause)
{
  if (call->timed_out)
    g_set_error (error, POLKU_SYNC_ERROR, POLKU_SYNC_ERROR_NO_PASSWORD,
                 _("The keyring (Secret Service) did not answer within %u seconds. Give the "
                   "sync password with --password-file FILE."), KEYRING_TIMEOUT_SECONDS);
  else
    g_set_error (error, POLKU_SYNC_ERROR, POLKU_SYNC_ERROR_NO_PASSWORD,
                 _("The keyring (Secret Service) cannot be used: %s. Give the sync password "
                   "with --password-file FILE."), cause->message);
}

gboolean
polku_sync_password_store (const char    *profile_id,
                           const char    *server,
                           const char    *account,
                           const char    *password,
                           GCancellable  *cancellable,
                           GError       **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autofree char *label = NULL;
  PolkuKeyringCall call;
  gboolean ok;

  g_return_val_if_fail (profile_id != NULL && server != NULL && account != NULL, FALSE);
  g_return_val_if_fail (password != NULL, FALSE);

  /* TRANSLATORS: the keyring item's label; %s is the server's address */
  label = g_strdup_printf (_("Polku sync password for %s"), server);
  polku_keyring_call_begin (&call, cancellable);
  secret_password_store (password_schema (), SECRET_COLLECTION_DEFAULT, label, password,
                         call.cancellable, polku_keyring_call_done, &call, "profile", profile_id,
                         "server", server, "account", account, NULL);
  polku_keyring_call_wait (&call, KEYRING_TIMEOUT_SECONDS);
  ok = secret_password_store_finish (call.result, &local_error);
  if (!ok)
    set_keyring_error (error, &call, local_error);
  polku_keyring_call_end (&call);
  return ok;
}

char *
polku_sync_password_lookup (const char    *profile_id,
                            const char    *server,
                            const char    *account,
                            GCancellable  *cancellable,
                            GError       **error)
{
  g_autoptr(GError) local_error = NULL;
  PolkuKeyringCall call;
  char *secret;
  char *copy = NULL;

  g_return_val_if_fail (profile_id != NULL && server != NULL && account != NULL, NULL);

  polku_keyring_call_begin (&call, cancellable);
  secret_password_lookup (password_schema (), call.cancellable, polku_keyring_call_done, &call,
                          "profile", profile_id, "server", server, "account", account, NULL);
  polku_keyring_call_wait (&call, KEYRING_TIMEOUT_SECONDS);
  secret = secret_password_lookup_finish (call.result, &local_error);
  if (local_error != NULL)
    set_keyring_error (error, &call, local_error);
  polku_keyring_call_end (&call);

  if (secret != NULL)
    {
      copy = g_strdup (secret);
      secret_password_free (secret);
    }
  else if (local_error == NULL)
    g_set_error (error, POLKU_SYNC_ERROR, POLKU_SYNC_ERROR_NO_PASSWORD,
                 _("The keyring has no sync password for %s (account %s). Give it with "
                   "polku-cli sync --password-file FILE, or in Preferences."), server, account);
  return copy;
}

/* The summary */

void
polku_sync_summary_free (PolkuSyncSummary *s)
{
  if (s == NULL)
    return;
  g_free (s->server);
  g_clear_pointer (&s->errors, g_ptr_array_unref);
  g_free (s);
}

JsonNode *
polku_sync_summary_to_json (const PolkuSyncSummary *s)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  g_return_val_if_fail (s != NULL, NULL);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "server");
  json_builder_add_string_value (builder, s->server);
  json_builder_set_member_name (builder, "pulled");
  json_builder_add_int_value (builder, s->pulled);
  json_builder_set_member_name (builder, "pushed");
  json_builder_add_int_value (builder, s->pushed);
  json_builder_set_member_name (builder, "merged");
  json_builder_add_int_value (builder, s->merged);
  json_builder_set_member_name (builder, "conflicts");
  json_builder_add_int_value (builder, s->conflicts);
  json_builder_set_member_name (builder, "removed");
  json_builder_add_int_value (builder, s->removed);
  json_builder_set_member_name (builder, "errors");
  json_builder_begin_array (builder);
  for (guint i = 0; s->errors != NULL && i < s->errors->len; i++)
    json_builder_add_string_value (builder, s->errors->pdata[i]);
  json_builder_end_array (builder);
  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}

/* One run */

typedef struct
{
  PolkuStore              *store;
  const PolkuSyncSettings *settings;
  PolkuCouch              *couch;
  PolkuOrganisations      *orgs;
  GCancellable            *cancellable;
  PolkuSyncProgress        progress;
  gpointer                 user_data;
  char                    *actor;
  char                    *by;          /* "actor (organisation)": conflicts and versions */
  char                    *today;
  char                    *replica;
  char                    *clinic_db;   /* a clinic profile's one database */
  PolkuSyncSummary        *summary;
  GHashTable              *targets;     /* client id → GPtrArray of PolkuSyncTarget */
  GHashTable              *done;        /* client id → fingerprint when its push was done */
  GHashTable              *failed;      /* client ids a database did not take */
  GHashTable              *checked;     /* nullable: pulled document → its validation
                                         * (GError, NULL when valid), made in the fetch's
                                         * thread (Prefetch); only while its batch is
                                         * taken in */
  GHashTable              *existing;    /* nullable: the ids of the batch's clients this
                                         * store has (existing_clients ()); only while the
                                         * batch is prepared */
} Run;

static void
run_error (Run        *run,
           const char *format,
           ...) G_GNUC_PRINTF (2, 3);

static void
run_error (Run        *run,
           const char *format,
           ...)
{
  va_list args;
  char *message;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  g_debug ("sync: %s", message);
  g_ptr_array_add (run->summary->errors, message);
}

static void
run_progress (Run        *run,
              double      fraction,
              const char *what)
{
  if (run->progress != NULL)
    run->progress (CLAMP (fraction, 0.0, 1.0), what, run->user_data);
}

/* Errors that stop the whole run: the server as a whole, not one database or document. */
static gboolean
is_fatal (const GError *error)
{
  if (error->domain != POLKU_COUCH_ERROR)
    return error->domain == G_IO_ERROR && error->code == G_IO_ERROR_CANCELLED;
  switch (error->code)
    {
    case POLKU_COUCH_ERROR_NO_ACCESS:
    case POLKU_COUCH_ERROR_NOT_FOUND:
    case POLKU_COUCH_ERROR_CONFLICT:
    case POLKU_COUCH_ERROR_INVALID:
      return FALSE;
    default:
      return TRUE;
    }
}

/* "Name (organisation)" of a document's changed_by; NULL when it has none. */
static char *
changed_by_author (JsonObject *doc)
{
  JsonObject *changed_by = polku_json_get_object (doc, "changed_by");
  const char *name = polku_json_get_string (changed_by, "name");
  const char *organisation = polku_json_get_string (changed_by, "organisation");

  if (name == NULL || name[0] == '\0')
    return NULL;
  if (organisation != NULL && organisation[0] != '\0')
    return g_strdup_printf ("%s (%s)", name, organisation);
  return g_strdup (name);
}

static gboolean
nodes_equal (JsonNode *a,
             JsonNode *b)
{
  if (a == NULL || b == NULL)
    return a == b;
  return json_node_equal (a, b);
}

/* The target of @client_id in @database, or NULL when nothing of the client goes there. */
static const PolkuSyncTarget *
coordinator_target (Run         *run,
                    const char  *client_id,
                    const char  *database,
                    GError     **error)
{
  GPtrArray *targets = g_hash_table_lookup (run->targets, client_id);

  if (targets == NULL)
    {
      targets = polku_sync_doc_targets (run->store, run->orgs, client_id, run->today, error);
      if (targets == NULL)
        return NULL;
      g_hash_table_insert (run->targets, g_strdup (client_id), targets);
    }
  for (guint i = 0; i < targets->len; i++)
    {
      const PolkuSyncTarget *target = targets->pdata[i];

      if (g_strcmp0 (target->database, database) == 0)
        return target;
    }
  return NULL;
}

/* A clinic's target: the parts and identity code of the document it received. */
static PolkuSyncTarget *
target_from_doc (const char *database,
                 JsonNode   *doc)
{
  JsonObject *object = doc != NULL && JSON_NODE_HOLDS_OBJECT (doc) ? json_node_get_object (doc)
                                                                   : NULL;
  JsonArray *parts = polku_json_get_array (polku_json_get_object (object, "consent"), "parts");
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  PolkuSyncTarget *target = g_new0 (PolkuSyncTarget, 1);

  for (guint i = 0; parts != NULL && i < json_array_get_length (parts); i++)
    {
      JsonNode *node = json_array_get_element (parts, i);

      if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
        g_strv_builder_add (builder, json_node_get_string (node));
    }
  target->database = g_strdup (database);
  target->parts = g_strv_builder_end (builder);
  target->identity_code = polku_json_get_string (polku_json_get_object (object, "client"),
                                         "identity_code") != NULL;
  return target;
}

static gboolean
client_exists (Run         *run,
               const char  *client_id,
               GError     **error)
{
  gint64 n;

  if (run->existing != NULL)
    return g_hash_table_contains (run->existing, client_id);
  n = polku_store_count (run->store, "SELECT count(*) FROM client WHERE id = ?1;", client_id,
                         _("Reading the client"), error);
  return n > 0;
}

/* Ids of one query (SQLite 3.15 takes at most 999 parameters). */
#define EXISTING_CHUNK 500

/* Which clients of @docs (pulled documents, "plan-<client id>") the store has: one query per
 * EXISTING_CHUNK documents, where asking for each took a first pull's thousands of queries.
 * A set of client ids, or NULL with @error. */
static GHashTable *
existing_clients (Run         *run,
                  GPtrArray   *docs,
                  GError     **error)
{
  g_autoptr(GHashTable) existing = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                          NULL);
  g_autoptr(GPtrArray) ids = g_ptr_array_new ();
  sqlite3 *db;

  for (guint i = 0; i < docs->len; i++)
    {
      JsonNode *doc = docs->pdata[i];
      const char *id = doc != NULL && JSON_NODE_HOLDS_OBJECT (doc)
                       ? polku_json_get_string (json_node_get_object (doc), "_id") : NULL;

      if (id != NULL && g_str_has_prefix (id, "plan-"))
        g_ptr_array_add (ids, (gpointer) (id + strlen ("plan-")));
    }
  db = polku_store_begin_use (run->store, error);
  if (db == NULL)
    return NULL;
  for (guint start = 0; start < ids->len; start += EXISTING_CHUNK)
    {
      guint n = MIN (EXISTING_CHUNK, ids->len - start);
      g_autoptr(GString) sql = g_string_new ("SELECT id FROM client WHERE id IN (?");
      sqlite3_stmt *stmt;
      int rc;

      for (guint k = 1; k < n; k++)
        g_string_append (sql, ", ?");
      g_string_append (sql, ");");
      stmt = polku_store_prepare (db, sql->str, _("Reading the client"), error);
      if (stmt == NULL)
        {
          polku_store_end_use (run->store);
          return NULL;
        }
      for (guint k = 0; k < n; k++)
        polku_store_bind_text_or_null (stmt, k + 1, ids->pdata[start + k]);
      while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
        g_hash_table_add (existing, polku_store_column_dup (stmt, 0));
      if (rc != SQLITE_DONE)
        polku_store_set_sqlite_error (error, db, _("Reading the client"));
      polku_store_release (stmt);
      if (rc != SQLITE_DONE)
        {
          polku_store_end_use (run->store);
          return NULL;
        }
    }
  polku_store_end_use (run->store);
  return g_steal_pointer (&existing);
}

/* The client's shared data as this Polku holds it (no overrides). A clinic's Polku sends
 * back what it received with its own edits (polku_sync_doc_build_received ()). NULL without
 * an error when a clinic has nothing of the client yet. */
static JsonNode *
build_local (Run                   *run,
             const char            *client_id,
             const PolkuSyncTarget *target,
             JsonNode              *base,
             GError               **error)
{
  if (run->clinic_db == NULL)
    return polku_sync_doc_build (run->store, client_id, target, error);
  if (base == NULL)
    return NULL;
  return polku_sync_doc_build_received (run->store, client_id, base,
                                        (const char * const *) target->parts, error);
}

/* What the server shares stays at the paths of open conflicts: @doc gets @base's value. */
static void
keep_shared_at_conflicts (JsonNode  *doc,
                          JsonNode  *base,
                          GPtrArray *open)
{
  for (guint i = 0; open != NULL && i < open->len; i++)
    {
      const char *path = polku_sync_conflict_get_path (open->pdata[i]);
      g_autoptr(JsonNode) shared = base != NULL ? polku_sync_value_at (base, path) : NULL;

      polku_sync_set_at (doc, path, shared);
    }
}

/* Conflict bookkeeping decided while preparing, done in the write. */
typedef enum
{
  OP_ADD,       /* a new open conflict */
  OP_SEEN,      /* the server lists it in this revision (may rename to the shared id) */
  OP_CLOSE,     /* decided elsewhere */
} OpKind;

typedef struct
{
  OpKind    kind;
  char     *id;         /* OP_ADD: the id (NULL: new) */
  char     *new_id;     /* OP_SEEN: the shared id, when ours differs */
  char     *path;
  JsonNode *base;
  JsonNode *local;
  JsonNode *remote;
  char     *local_by;
  char     *remote_by;
  char     *remote_at;
  gboolean  listed;     /* OP_ADD: the server lists it already */
} ConflictOp;

static void
conflict_op_free (ConflictOp *op)
{
  g_free (op->id);
  g_free (op->new_id);
  g_free (op->path);
  g_clear_pointer (&op->base, json_node_unref);
  g_clear_pointer (&op->local, json_node_unref);
  g_clear_pointer (&op->remote, json_node_unref);
  g_free (op->local_by);
  g_free (op->remote_by);
  g_free (op->remote_at);
  g_free (op);
}

/* A received document, prepared for the write. */
typedef struct
{
  char      *client_id;
  char      *rev;
  char      *fingerprint;
  gboolean   absent;          /* no row of the client here when prepared (no fingerprint) */
  gboolean   deleted;         /* the server's document was deleted */
  gboolean   create_client;
  gboolean   merged;          /* both sides had changes */
  gboolean   mark_dirty;      /* losing revisions folded in: push the result */
  gboolean   clean;           /* a clinic's: nothing of it to push back afterwards */
  JsonNode  *write;           /* the content for the local store (NULL: nothing) */
  JsonNode  *base;            /* the new base: the server's content */
  JsonNode  *validated_plan;  /* the received plan, as polku_sync_doc_validate () checked it */
  GStrv      parts;
  char      *author;
  GPtrArray *ops;             /* of ConflictOp */
  GPtrArray *losers;          /* losing revisions to delete once written */
  char      *doc_id;
} Incoming;

static void
incoming_free (Incoming *in)
{
  g_free (in->client_id);
  g_free (in->rev);
  g_free (in->fingerprint);
  g_clear_pointer (&in->write, json_node_unref);
  g_clear_pointer (&in->base, json_node_unref);
  g_clear_pointer (&in->validated_plan, json_node_unref);
  g_strfreev (in->parts);
  g_free (in->author);
  g_clear_pointer (&in->ops, g_ptr_array_unref);
  g_clear_pointer (&in->losers, g_ptr_array_unref);
  g_free (in->doc_id);
  g_free (in);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Incoming, incoming_free)

static gboolean
has_open_path (GPtrArray  *ops,
               GPtrArray  *open,
               const char *path)
{
  for (guint i = 0; open != NULL && i < open->len; i++)
    if (g_strcmp0 (polku_sync_conflict_get_path (open->pdata[i]), path) == 0)
      return TRUE;
  for (guint i = 0; i < ops->len; i++)
    {
      ConflictOp *op = ops->pdata[i];

      if (op->kind == OP_ADD && g_strcmp0 (op->path, path) == 0)
        return TRUE;
    }
  return FALSE;
}

/* Queues the conflicts a merge found (@found, of PolkuSyncMergeConflict) that are not open
 * or queued already. @swapped: the merge's "remote" is this side's value (CouchDB's winning
 * revision merged with a losing one). */
static void
add_found_conflicts (Incoming   *in,
                     GPtrArray  *open,
                     GPtrArray  *found,
                     gboolean    swapped,
                     const char *local_by,
                     const char *remote_by,
                     const char *remote_at)
{
  for (guint k = 0; found != NULL && k < found->len; k++)
    {
      PolkuSyncMergeConflict *c = found->pdata[k];
      JsonNode *local = swapped ? c->remote : c->local;
      JsonNode *remote = swapped ? c->local : c->remote;
      ConflictOp *op;

      if (has_open_path (in->ops, open, c->path))
        continue;
      op = g_new0 (ConflictOp, 1);
      op->kind = OP_ADD;
      op->path = g_strdup (c->path);
      op->base = c->base != NULL ? polku_sync_copy (c->base) : NULL;
      op->local = local != NULL ? polku_sync_copy (local) : NULL;
      op->remote = remote != NULL ? polku_sync_copy (remote) : NULL;
      op->local_by = g_strdup (local_by);
      op->remote_by = g_strdup (remote_by);
      op->remote_at = g_strdup (remote_at);
      g_ptr_array_add (in->ops, op);
    }
}

/* The server's "conflicts" member against the local queue: what the server lists is seen
 * (a conflict both sides found on the same path keeps the smaller id on both), what it no
 * longer lists after it had was decided elsewhere, what we do not know is queued. Removes
 * the closed ones from @open. */
static void
compare_listed_conflicts (Run        *run,
                          Incoming   *in,
                          JsonObject *remote_doc,
                          JsonNode   *remote_content,
                          JsonNode   *local_doc,
                          GPtrArray  *open)
{
  JsonArray *listed = polku_json_get_array (remote_doc, "conflicts");
  g_autofree char *author = changed_by_author (remote_doc);

  for (guint i = open->len; i > 0; i--)
    {
      PolkuSyncConflict *conflict = open->pdata[i - 1];
      gboolean found = FALSE;

      for (guint j = 0; listed != NULL && j < json_array_get_length (listed); j++)
        {
          JsonObject *entry = json_array_get_object_element (listed, j);

          if (entry != NULL
              && g_strcmp0 (polku_json_get_string (entry, "id"),
                            polku_sync_conflict_get_id (conflict)) == 0)
            found = TRUE;
        }
      if (!found && polku_sync_conflict_get_remote_rev (conflict) != NULL)
        {
          ConflictOp *op = g_new0 (ConflictOp, 1);

          op->kind = OP_CLOSE;
          op->id = g_strdup (polku_sync_conflict_get_id (conflict));
          op->path = g_strdup (polku_sync_conflict_get_path (conflict));
          op->remote = polku_sync_value_at (remote_content, op->path);
          op->remote_by = g_strdup (author);
          g_ptr_array_add (in->ops, op);
          g_ptr_array_remove_index (open, i - 1);
        }
    }

  for (guint j = 0; listed != NULL && j < json_array_get_length (listed); j++)
    {
      JsonObject *entry = json_array_get_object_element (listed, j);
      const char *id = polku_json_get_string (entry, "id");
      const char *path = polku_json_get_string (entry, "path");
      JsonArray *values = polku_json_get_array (entry, "values");
      PolkuSyncConflict *same_path = NULL;
      PolkuSyncConflict *same_id = NULL;
      g_autoptr(PolkuSyncConflict) known = NULL;
      ConflictOp *op;

      if (id == NULL || !g_uuid_string_is_valid (id) || path == NULL || path[0] == '\0')
        continue;
      for (guint i = 0; i < open->len; i++)
        {
          if (g_strcmp0 (polku_sync_conflict_get_id (open->pdata[i]), id) == 0)
            same_id = open->pdata[i];
          else if (g_strcmp0 (polku_sync_conflict_get_path (open->pdata[i]), path) == 0)
            same_path = open->pdata[i];
        }
      op = g_new0 (ConflictOp, 1);
      op->path = g_strdup (path);
      if (same_id != NULL)
        {
          op->kind = OP_SEEN;
          op->id = g_strdup (id);
        }
      else if (same_path != NULL)
        {
          op->kind = OP_SEEN;
          op->id = g_strdup (polku_sync_conflict_get_id (same_path));
          /* Both found it: the smaller id is kept on both sides. */
          if (strcmp (id, op->id) < 0)
            op->new_id = g_strdup (id);
          else
            {
              /* Ours stays; it reaches the server with the next push. */
              conflict_op_free (op);
              continue;
            }
        }
      else if ((known = polku_sync_conflict_get (run->store, id, NULL)) != NULL)
        {
          /* Decided here already: the next push takes it off the server's list. */
          op->kind = OP_SEEN;
          op->id = g_strdup (id);
          in->clean = FALSE;
        }
      else
        {
          g_autoptr(JsonNode) local_value = polku_sync_value_at (local_doc, path);
          JsonNode *other = NULL;
          const char *other_by = NULL;
          const char *other_at = NULL;

          for (guint k = 0; values != NULL && k < json_array_get_length (values); k++)
            {
              JsonObject *value = json_array_get_object_element (values, k);
              JsonNode *node = value != NULL ? json_object_get_member (value, "value") : NULL;

              if (node != NULL && JSON_NODE_HOLDS_NULL (node))
                node = NULL;
              if (value != NULL && (other == NULL || !nodes_equal (node, local_value)))
                {
                  other = node;
                  other_by = polku_json_get_string (value, "by");
                  other_at = polku_json_get_string (value, "at");
                }
            }
          op->kind = OP_ADD;
          op->id = g_strdup (id);
          op->listed = TRUE;
          op->local = local_value != NULL ? polku_sync_copy (local_value) : NULL;
          op->remote = other != NULL ? polku_sync_copy (other) : NULL;
          op->base = json_object_get_member (entry, "base") != NULL
                     && !JSON_NODE_HOLDS_NULL (json_object_get_member (entry, "base"))
                     ? polku_sync_copy (json_object_get_member (entry, "base")) : NULL;
          op->local_by = g_strdup (run->by);
          op->remote_by = g_strdup (other_by);
          op->remote_at = g_strdup (other_at);
        }
      g_ptr_array_add (in->ops, op);
    }
}

/* Folds CouchDB's own losing revisions (_conflicts) into @remote_content: what they add is
 * taken, what they changed differently is a conflict in the queue. */
static JsonNode *
fold_losers (Run         *run,
             Incoming    *in,
             const char  *database,
             JsonObject  *doc,
             JsonNode    *old_base,
             JsonNode    *remote_content,
             GPtrArray   *open,
             GError     **error)
{
  JsonArray *revs = polku_json_get_array (doc, "_conflicts");
  g_autoptr(GPtrArray) rev_list = g_ptr_array_new ();
  g_autoptr(JsonNode) answer = NULL;
  g_autofree char *winner_by = changed_by_author (doc);
  JsonNode *result = polku_sync_copy (remote_content);

  for (guint i = 0; revs != NULL && i < json_array_get_length (revs); i++)
    {
      JsonNode *node = json_array_get_element (revs, i);

      if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
        g_ptr_array_add (rev_list, (gpointer) json_node_get_string (node));
    }
  if (rev_list->len == 0)
    return result;
  g_ptr_array_add (rev_list, NULL);

  answer = polku_couch_open_revs (run->couch, database, in->doc_id,
                                  (const char * const *) rev_list->pdata, run->cancellable,
                                  error);
  if (answer == NULL)
    {
      json_node_unref (result);
      return NULL;
    }
  for (guint i = 0; JSON_NODE_HOLDS_ARRAY (answer)
                    && i < json_array_get_length (json_node_get_array (answer)); i++)
    {
      JsonObject *entry = json_array_get_object_element (json_node_get_array (answer), i);
      JsonNode *loser = entry != NULL ? json_object_get_member (entry, "ok") : NULL;
      g_autoptr(JsonNode) loser_content = NULL;
      g_autoptr(GPtrArray) found = NULL;
      g_autoptr(GError) invalid = NULL;
      g_autofree char *loser_by = NULL;
      const char *rev;
      JsonNode *merged;

      if (loser == NULL || !JSON_NODE_HOLDS_OBJECT (loser))
        continue;
      rev = polku_json_get_string (json_node_get_object (loser), "_rev");
      if (rev == NULL)
        continue;
      g_ptr_array_add (in->losers, g_strdup (rev));
      if (json_object_get_boolean_member_with_default (json_node_get_object (loser), "_deleted",
                                                       FALSE))
        continue;
      if (!polku_sync_doc_validate (loser, &invalid))
        {
          run_error (run, _("A conflicting revision of %s in %s was left out: %s"),
                     in->doc_id, database, invalid->message);
          continue;
        }
      loser_content = polku_sync_doc_content (loser);
      loser_by = changed_by_author (json_node_get_object (loser));
      /* The winner as "remote": the merged result keeps its values where they differ. */
      merged = polku_sync_merge (old_base, loser_content, result, &found);
      json_node_unref (result);
      result = merged;
      /* The winner is this side of the conflicts: the merge's "remote". */
      add_found_conflicts (in, open, found, TRUE, winner_by, loser_by, NULL);
    }
  return result;
}

/* A received document's content (polku_sync_doc_content ()) without copying it: a new
 * object holding the document's own member nodes, shared with the parsed answer. Nothing
 * changes them: the merge, the checks and the write only read, and whatever is changed is a
 * polku_sync_copy () first. A first pull of many plans is otherwise mostly copying. */
static JsonNode *
received_content (JsonNode *doc)
{
  JsonNode *node = json_node_new (JSON_NODE_OBJECT);
  JsonObject *content = json_object_new ();
  JsonObjectIter iter;
  const char *name;
  JsonNode *value;

  json_object_iter_init (&iter, json_node_get_object (doc));
  while (json_object_iter_next (&iter, &name, &value))
    if (!polku_sync_is_meta_member (name))
      json_object_set_member (content, name, json_node_ref (value));
  json_node_take_object (node, content);
  return node;
}

/* A received document, made ready to write: merged with the local projection against the
 * base. NULL without an error when there is nothing to do (our own push, a document of no
 * client, a database the client's consent no longer covers); NULL with @error for the
 * run's errors (the server; the store). A document that cannot be taken in is reported in
 * the summary and skipped. */
static Incoming *
prepare_incoming (Run         *run,
                  const char  *database,
                  JsonNode    *doc,
                  GError     **error)
{
  g_autoptr(Incoming) in = g_new0 (Incoming, 1);
  g_autoptr(PolkuSyncDocState) state = NULL;
  g_autoptr(PolkuSyncTarget) clinic_target = NULL;
  g_autoptr(JsonNode) remote_content = NULL;
  g_autoptr(JsonNode) local_doc = NULL;
  g_autoptr(JsonNode) local_shared = NULL;
  g_autoptr(JsonNode) merged = NULL;
  g_autoptr(GPtrArray) open = NULL;
  g_autoptr(GPtrArray) found = NULL;
  g_autoptr(GError) invalid = NULL;
  const PolkuSyncTarget *target;
  JsonObject *object;
  const char *id;
  const char *rev;

  if (doc == NULL || !JSON_NODE_HOLDS_OBJECT (doc))
    return NULL;
  object = json_node_get_object (doc);
  id = polku_json_get_string (object, "_id");
  rev = polku_json_get_string (object, "_rev");
  if (id == NULL || rev == NULL || !g_str_has_prefix (id, "plan-")
      || !g_uuid_string_is_valid (id + strlen ("plan-")))
    return NULL;

  in->doc_id = g_strdup (id);
  in->client_id = g_strdup (id + strlen ("plan-"));
  in->rev = g_strdup (rev);
  in->ops = g_ptr_array_new_with_free_func ((GDestroyNotify) conflict_op_free);
  in->losers = g_ptr_array_new_with_free_func (g_free);

  /* A client never seen here (a clinic's first pull: thousands) has no sync state, no
   * conflicts and nothing to fingerprint (every one of those rows refers to the client):
   * none of it is read, and the write checks that the client is still absent. */
  in->absent = !client_exists (run, in->client_id, error);
  if (error != NULL && *error != NULL)
    return NULL;
  if (!in->absent)
    {
      state = polku_sync_store_get_doc (run->store, in->client_id, database, error);
      if (state == NULL && error != NULL && *error != NULL)
        return NULL;
      if (state != NULL && (state->removed || g_strcmp0 (state->rev, rev) == 0))
        return NULL;
      in->fingerprint = polku_sync_store_fingerprint (run->store, in->client_id, error);
      if (in->fingerprint == NULL)
        return NULL;
    }

  if (json_object_get_boolean_member_with_default (object, "_deleted", FALSE))
    {
      if (state == NULL)
        return NULL;
      in->deleted = TRUE;
      in->create_client = run->clinic_db != NULL;
      return g_steal_pointer (&in);
    }

  if (run->checked != NULL
      && g_hash_table_lookup_extended (run->checked, doc, NULL, (gpointer *) &invalid))
    invalid = invalid != NULL ? g_error_copy (invalid) : NULL;
  else
    polku_sync_doc_validate (doc, &invalid);
  if (invalid != NULL)
    {
      run_error (run, _("The shared plan %s in %s was not taken in: %s"), id, database,
                 invalid->message);
      return NULL;
    }
  remote_content = received_content (doc);
  if (json_object_get_member (object, "plan") != NULL)
    in->validated_plan = json_node_ref (json_object_get_member (object, "plan"));

  if (run->clinic_db != NULL)
    {
      clinic_target = target_from_doc (database, doc);
      target = clinic_target;
      in->create_client = TRUE;
    }
  else
    {
      if (in->absent)
        {
          /* Another coordinator's client: not this Polku's to take in. */
          return NULL;
        }
      target = coordinator_target (run, in->client_id, database, error);
      if (target == NULL)
        return NULL;  /* or a store error in @error; the removal step handles the rest */
    }
  in->parts = g_strdupv (target->parts);
  in->author = changed_by_author (object);
  if (in->author == NULL)
    /* TRANSLATORS: the author of a plan version that came from the sync server without a
     * name (written by another program) */
    in->author = g_strdup (_("Sync server"));

  if (!in->absent)
    {
      local_doc = build_local (run, in->client_id, target, state != NULL ? state->base : NULL,
                               error);
      if (local_doc == NULL && error != NULL && *error != NULL)
        return NULL;
      open = polku_sync_store_open_conflicts (run->store, in->client_id, database, error);
      if (open == NULL)
        return NULL;
    }
  else
    open = g_ptr_array_new ();

  if (polku_json_get_array (object, "_conflicts") != NULL)
    {
      JsonNode *folded = fold_losers (run, in, database, object,
                                      state != NULL ? state->base : NULL, remote_content, open,
                                      error);

      if (folded == NULL)
        return NULL;
      in->base = g_steal_pointer (&remote_content);
      remote_content = folded;
      in->mark_dirty = TRUE;
    }
  else
    in->base = json_node_ref (remote_content);

  /* A clinic's Polku has one database: what it takes in unchanged needs no push back. */
  in->clean = run->clinic_db != NULL && !in->mark_dirty;
  compare_listed_conflicts (run, in, object, remote_content,
                            local_doc != NULL ? local_doc : remote_content, open);

  if (local_doc == NULL)
    {
      /* First met here (a clinic): the server's content as it is, which is also the new
       * base (the write only reads what it is given). */
      in->write = g_steal_pointer (&remote_content);
      return g_steal_pointer (&in);
    }

  local_shared = polku_sync_copy (local_doc);
  keep_shared_at_conflicts (local_shared, state != NULL ? state->base : NULL, open);
  merged = polku_sync_merge (state != NULL ? state->base : NULL, local_shared, remote_content,
                             &found);
  if (state != NULL && state->base != NULL
      && !polku_sync_doc_same_content (state->base, local_shared)
      && !polku_sync_doc_same_content (state->base, remote_content))
    in->merged = TRUE;

  add_found_conflicts (in, open, found, FALSE, run->by, in->author,
                       polku_json_get_string (polku_json_get_object (object, "changed_by"),
                                              "at"));

  if (found != NULL && found->len > 0)
    in->clean = FALSE;
  if (!polku_sync_doc_same_content (merged, remote_content))
    in->clean = FALSE;
  for (guint i = 0; i < in->ops->len; i++)
    {
      ConflictOp *op = in->ops->pdata[i];

      /* A conflict found here goes to the server with the next push. */
      if (op->kind == OP_ADD && !op->listed)
        in->clean = FALSE;
    }

  /* The local store keeps its own value at every open conflict's path. */
  in->write = polku_sync_copy (merged);
  for (guint i = 0; i < open->len; i++)
    {
      const char *path = polku_sync_conflict_get_path (open->pdata[i]);
      g_autoptr(JsonNode) mine = polku_sync_value_at (local_doc, path);

      polku_sync_set_at (in->write, path, mine);
    }
  for (guint i = 0; i < in->ops->len; i++)
    {
      ConflictOp *op = in->ops->pdata[i];
      g_autoptr(JsonNode) mine = NULL;

      if (op->kind != OP_ADD)
        continue;
      mine = polku_sync_value_at (local_doc, op->path);
      polku_sync_set_at (in->write, op->path, mine);
    }
  return g_steal_pointer (&in);
}

/* Writes one prepared document inside the caller's transaction. FALSE with
 * POLKU_SYNC_ERROR_CHANGED when the client changed since it was prepared. Its sync.pull
 * audit entry is the batch's (batch_body ()). */
static gboolean
write_incoming_locked (Run         *run,
                       sqlite3     *db,
                       const char  *database,
                       Incoming    *in,
                       GError     **error)
{
  PolkuStore *store = run->store;
  g_autofree char *fingerprint = NULL;
  g_autofree char *detail = NULL;
  gboolean changed = FALSE;
  gint64 plan_version = 0;

  if (in->absent)
    {
      g_autoptr(GError) missing = NULL;

      /* Met here meanwhile: prepared again, as any change. */
      changed = polku_store_check_client_locked (db, in->client_id, &missing);
      if (!changed && !g_error_matches (missing, POLKU_STORE_ERROR, POLKU_STORE_ERROR_NOT_FOUND))
        {
          g_propagate_error (error, g_steal_pointer (&missing));
          return FALSE;
        }
    }
  else
    {
      fingerprint = polku_sync_store_fingerprint_locked (db, in->client_id, error);
      if (fingerprint == NULL)
        return FALSE;
      changed = g_strcmp0 (fingerprint, in->fingerprint) != 0;
    }
  if (changed)
    {
      g_set_error (error, POLKU_SYNC_ERROR, POLKU_SYNC_ERROR_CHANGED,
                   _("The client’s data changed during the sync. Sync again."));
      return FALSE;
    }

  if (in->deleted)
    {
      /* Gone from the server: the next push makes it again where a consent still covers
       * it (a coordinator's Polku). A clinic no longer has the client's consent: the client
       * is archived there (plan versions are history and stay, encrypted, out of sight). */
      if (!polku_sync_store_delete_doc_locked (db, in->client_id, database, error))
        return FALSE;
      if (in->create_client)
        {
          g_autofree char *now = polku_date_now_stamp ();

          if (!polku_store_run (db, "UPDATE client SET archived = 1, modified = ?2"
                                    " WHERE id = ?1 AND archived = 0;",
                                _("Saving the client"), error, 2, in->client_id, now)
              || !polku_audit_append_locked (store, db, POLKU_AUDIT_CLIENT_ARCHIVE,
                                             in->client_id, "origin=sync", error))
            return FALSE;
        }
      return TRUE;
    }

  if (in->write != NULL
      && !polku_sync_store_apply_locked (store, db, in->client_id, in->write,
                                         (const char * const *) in->parts,
                                         POLKU_PLAN_ORIGIN_SYNC, in->author, in->create_client,
                                         in->validated_plan, &plan_version, error))
    return FALSE;
  /* The base refers to that version only when its plan is the very node saved. */
  if (plan_version > 0
      && json_object_get_member (json_node_get_object (in->base), "plan") != in->validated_plan)
    plan_version = 0;

  for (guint i = 0; i < in->ops->len; i++)
    {
      ConflictOp *op = in->ops->pdata[i];
      g_autofree char *new_id = NULL;

      switch (op->kind)
        {
        case OP_ADD:
          if (!polku_sync_store_add_conflict_locked (db, op->id, in->client_id, database,
                                                     op->path, op->base, op->local, op->remote,
                                                     op->local_by, NULL, op->remote_by,
                                                     op->remote_at,
                                                     op->listed ? in->rev : NULL, &new_id,
                                                     error))
            return FALSE;
          g_free (detail);
          detail = g_strdup_printf ("conflict=%s database=%s", new_id, database);
          if (!polku_audit_append_locked (store, db, POLKU_AUDIT_SYNC_CONFLICT, in->client_id,
                                          detail, error))
            return FALSE;
          break;
        case OP_SEEN:
          if (!polku_sync_store_update_conflict_locked (db, op->id, op->new_id, NULL, FALSE,
                                                        in->rev, error))
            return FALSE;
          break;
        case OP_CLOSE:
          if (!polku_sync_store_close_conflict_locked (db, op->id, op->remote, op->remote_by,
                                                       error))
            return FALSE;
          break;
        default:
          g_assert_not_reached ();
        }
    }

  if (!polku_sync_store_set_doc_locked (db, in->client_id, database, in->rev, in->base,
                                        plan_version, FALSE, error))
    return FALSE;
  if (in->mark_dirty && !polku_sync_store_mark_dirty_locked (db, in->client_id, error))
    return FALSE;
  /* What the plan version just written marked goes nowhere: the server has it all. */
  if (in->clean && !polku_sync_store_clear_dirty_locked (db, in->client_id, error))
    return FALSE;
  return TRUE;
}

typedef struct
{
  Run        *run;
  const char *database;
  GPtrArray  *incoming;    /* of Incoming */
  const char *since;       /* nullable: the checkpoint to write with the batch */
  gboolean    savepoints;  /* a savepoint per document, so that one can be left out */
  gboolean    redo;        /* out: a document failed without one; again with them */
  guint       taken;       /* out: documents taken in */
  guint       merged;
  guint       conflicts;
} BatchData;

static gboolean
batch_body (PolkuStore  *store,
            sqlite3     *db,
            gpointer     data,
            GError     **error)
{
  BatchData *batch = data;
  g_autoptr(GString) pulled = g_string_new (NULL);
  g_autoptr(GString) deleted = g_string_new (NULL);
  guint written = 0;

  batch->taken = batch->merged = batch->conflicts = 0;
  for (guint i = 0; i < batch->incoming->len; i++)
    {
      Incoming *in = batch->incoming->pdata[i];
      g_autoptr(GError) doc_error = NULL;

      /* One document that cannot be written (a plan breaking the rules, a team member of
       * another client) is left out; the rest of the batch goes in. That needs a savepoint
       * per document, and SQLCipher encrypts every page a savepoint keeps (its sub-journal,
       * even in memory): about a third of the cost of taking a plan in. So a batch is first
       * written without them; when a document fails, the whole transaction is rolled back
       * and the batch written again with them (take_in ()). */
      /* Cached statements (polku_store_run ()): parsing these per document cost more than
       * running them. */
      if (batch->savepoints
          && !polku_store_run (db, "SAVEPOINT incoming;", "SAVEPOINT", error, 0))
        return FALSE;
      if (!write_incoming_locked (batch->run, db, batch->database, in, &doc_error))
        {
          if (batch->savepoints
              && !polku_store_exec (db, "ROLLBACK TO incoming; RELEASE incoming;", "ROLLBACK",
                                    error))
            return FALSE;
          if (g_error_matches (doc_error, POLKU_SYNC_ERROR, POLKU_SYNC_ERROR_CHANGED)
              || doc_error->domain == POLKU_STORE_ERROR)
            {
              g_propagate_error (error, g_steal_pointer (&doc_error));
              return FALSE;
            }
          if (!batch->savepoints)
            {
              /* Half of it may be in the transaction: all of it is rolled back. */
              batch->redo = TRUE;
              g_propagate_error (error, g_steal_pointer (&doc_error));
              return FALSE;
            }
          run_error (batch->run, _("The shared plan %s in %s was not taken in: %s"),
                     in->doc_id, batch->database, doc_error->message);
          continue;
        }
      if (batch->savepoints && !polku_store_run (db, "RELEASE incoming;", "RELEASE", error, 0))
        return FALSE;
      written++;
      if (in->deleted)
        g_string_append_printf (deleted, "%s%s@%s", deleted->len > 0 ? "," : "",
                                in->client_id, in->rev);
      else
        g_string_append_printf (pulled, "%s%s@%s", pulled->len > 0 ? "," : "",
                                in->client_id, in->rev);
      if (!in->deleted)
        batch->taken++;
      if (in->merged)
        batch->merged++;
      for (guint k = 0; k < in->ops->len; k++)
        if (((ConflictOp *) in->ops->pdata[k])->kind == OP_ADD)
          batch->conflicts++;
    }
  /* One sync.pull entry for the batch: what came from where (the database), to whom (each
   * client id with the revision taken in). Clients' own entries (client.create, the plan
   * version with origin sync, client.archive) are written with each document. */
  if (written > 0)
    {
      g_autoptr(GString) detail = g_string_new (NULL);

      g_string_append_printf (detail, "database=%s count=%u", batch->database, written);
      if (pulled->len > 0)
        g_string_append_printf (detail, " clients=%s", pulled->str);
      if (deleted->len > 0)
        g_string_append_printf (detail, " deleted=%s", deleted->str);
      if (!polku_audit_append_locked (store, db, POLKU_AUDIT_SYNC_PULL, NULL, detail->str,
                                      error))
        return FALSE;
    }
  if (batch->since != NULL
      && !polku_sync_store_set_checkpoint_locked (db, batch->run->settings->server,
                                                  batch->database, batch->since, error))
    return FALSE;
  return TRUE;
}

/* Deletes one losing revision of CouchDB's own conflict (polku_couch_delete_doc () removes
 * every leaf: the whole document). Already gone is fine. */
static gboolean
delete_losing_revision (Run         *run,
                        const char  *database,
                        const char  *doc_id,
                        const char  *rev,
                        GError     **error)
{
  g_autofree char *path = g_strdup_printf ("%s/%s", database, doc_id);
  g_autofree char *escaped = g_uri_escape_string (rev, NULL, FALSE);
  g_autofree char *query = g_strconcat ("rev=", escaped, NULL);
  g_autoptr(JsonNode) answer = NULL;
  g_autoptr(GError) local_error = NULL;
  guint status = 0;

  answer = polku_couch_request (run->couch, "DELETE", path, query, NULL, &status,
                                run->cancellable, &local_error);
  if (answer == NULL
      && !g_error_matches (local_error, POLKU_COUCH_ERROR, POLKU_COUCH_ERROR_NOT_FOUND)
      && !g_error_matches (local_error, POLKU_COUCH_ERROR, POLKU_COUCH_ERROR_CONFLICT))
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  return TRUE;
}

/* Prepares and writes the documents of @docs (JsonNode, nullable entries skipped) with the
 * checkpoint @since, again from the start when the store changed meanwhile. */
static gboolean
take_in (Run         *run,
         const char  *database,
         GPtrArray   *docs,
         const char  *since,
         GError     **error)
{
  for (guint attempt = 0; ; attempt++)
    {
      g_autoptr(GPtrArray) incoming = g_ptr_array_new_with_free_func ((GDestroyNotify)
                                                                      incoming_free);
      g_autoptr(GError) local_error = NULL;
      BatchData batch = { run, database, incoming, since, FALSE, FALSE, 0, 0, 0 };
      g_autoptr(GHashTable) existing = existing_clients (run, docs, error);
      gboolean written;

      if (existing == NULL)
        return FALSE;
      run->existing = existing;
      for (guint i = 0; i < docs->len; i++)
        {
          Incoming *in = prepare_incoming (run, database, docs->pdata[i], &local_error);

          if (local_error != NULL)
            {
              if (is_fatal (local_error) || local_error->domain == POLKU_STORE_ERROR)
                {
                  run->existing = NULL;
                  g_propagate_error (error, g_steal_pointer (&local_error));
                  return FALSE;
                }
              run_error (run, "%s", local_error->message);
              g_clear_error (&local_error);
            }
          if (in != NULL)
            g_ptr_array_add (incoming, in);
        }
      run->existing = NULL;
      if (incoming->len == 0 && since == NULL)
        return TRUE;
      written = polku_store_write (run->store, batch_body, &batch, &local_error);
      if (!written && batch.redo)
        {
          /* A document that cannot be written: again, each in a savepoint, so that it alone
           * is left out (nothing of the first try was kept). */
          g_clear_error (&local_error);
          batch.savepoints = TRUE;
          batch.redo = FALSE;
          written = polku_store_write (run->store, batch_body, &batch, &local_error);
        }
      if (written)
        {
          run->summary->pulled += batch.taken;
          run->summary->merged += batch.merged;
          run->summary->conflicts += batch.conflicts;
          for (guint i = 0; i < incoming->len; i++)
            {
              Incoming *in = incoming->pdata[i];

              /* CouchDB's losing revisions are in the queue now: they go from the server. */
              for (guint k = 0; k < in->losers->len; k++)
                {
                  g_autoptr(GError) delete_error = NULL;

                  if (!delete_losing_revision (run, database, in->doc_id,
                                               in->losers->pdata[k], &delete_error))
                    run_error (run, "%s", delete_error->message);
                }
            }
          return TRUE;
        }
      if (!g_error_matches (local_error, POLKU_SYNC_ERROR, POLKU_SYNC_ERROR_CHANGED)
          || attempt + 1 >= BATCH_ATTEMPTS)
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
      g_debug ("The store changed while a batch of %s was prepared; again", database);
    }
}

static char *
checkpoint_id (Run        *run,
               const char *database)
{
  return g_strdup_printf ("polku-%s-%s", run->replica, database);
}

/* The next batch of _changes, fetched (and parsed) in a thread of its own while the
 * current one is taken in: the server's work and the store's overlap (two cores). The
 * PolkuCouch is used by one thread at a time: the pull's thread makes no request until it
 * has joined the fetch (prefetch_join ()), and none is started for a batch that needs
 * requests of its own (CouchDB's _conflicts: fold_losers (), delete_losing_revision ()). */
typedef struct
{
  PolkuCouch   *couch;
  char         *database;
  char         *since;
  GCancellable *cancellable;
  JsonNode     *answer;
  GHashTable   *checked;    /* the answer's documents validated (Run.checked) */
  GError       *error;
} Prefetch;

static void
error_free0 (gpointer error)
{
  if (error != NULL)
    g_error_free (error);
}

static gpointer
prefetch_thread (gpointer data)
{
  Prefetch *prefetch = data;
  JsonArray *results;

  prefetch->answer = polku_couch_changes (prefetch->couch, prefetch->database,
                                          prefetch->since, PULL_BATCH, prefetch->cancellable,
                                          &prefetch->error);
  if (prefetch->answer == NULL)
    return NULL;
  /* The checks of prepare_incoming () that read nothing but the document: on this core. */
  prefetch->checked = g_hash_table_new_full (g_direct_hash, g_direct_equal, NULL,
                                             error_free0);
  results = polku_json_get_array (json_node_get_object (prefetch->answer), "results");
  for (guint i = 0; results != NULL && i < json_array_get_length (results); i++)
    {
      JsonObject *change = json_array_get_object_element (results, i);
      JsonNode *doc = change != NULL ? json_object_get_member (change, "doc") : NULL;
      GError *invalid = NULL;

      if (doc == NULL || !JSON_NODE_HOLDS_OBJECT (doc)
          || json_object_get_boolean_member_with_default (json_node_get_object (doc),
                                                          "_deleted", FALSE))
        continue;
      polku_sync_doc_validate (doc, &invalid);
      g_hash_table_insert (prefetch->checked, doc, invalid);
    }
  return NULL;
}

/* The answer, or NULL with @error; @thread is joined and freed in any case. */
static JsonNode *
prefetch_join (GThread     *thread,
               Prefetch    *prefetch,
               GHashTable **out_checked,
               GError     **error)
{
  JsonNode *answer;

  g_thread_join (thread);
  answer = g_steal_pointer (&prefetch->answer);
  if (answer == NULL)
    g_propagate_error (error, g_steal_pointer (&prefetch->error));
  *out_checked = answer != NULL ? g_steal_pointer (&prefetch->checked) : NULL;
  g_clear_pointer (&prefetch->checked, g_hash_table_unref);
  g_clear_error (&prefetch->error);
  g_free (prefetch->database);
  g_free (prefetch->since);
  g_free (prefetch);
  return answer;
}

/* Whether a document of @results carries CouchDB's _conflicts (taking it in makes requests). */
static gboolean
results_have_conflicts (JsonArray *results)
{
  guint n = json_array_get_length (results);

  for (guint i = 0; i < n; i++)
    {
      JsonObject *change = json_array_get_object_element (results, i);
      JsonObject *doc = polku_json_get_object (change, "doc");

      if (doc != NULL && json_object_has_member (doc, "_conflicts"))
        return TRUE;
    }
  return FALSE;
}

/* The page cache of a pull (KiB, as PRAGMA cache_size takes it when negative). A county's
 * first pull writes a thousand clients per batch, each into a dozen B-trees at random
 * places (UUID keys): with SQLite's default 2 MiB, pages fall out mid-batch (encrypted
 * into the WAL, and again at the commit) and are read back and decrypted by the next
 * document and the next batch's reads. Given back when the pull ends. */
#define PULL_CACHE_KIB 65536
/* WAL pages (4 KiB) after which a pull's commit checkpoints, instead of SQLite's 1,000: a
 * batch of a thousand plans writes more than that, so every commit checkpointed, and the
 * index pages every batch touches all over the file (UUID keys) were copied into the file
 * again at each. Every commit is still synced; given back when the pull ends, as
 * polku-store.c's whole batches do. */
#define PULL_WAL_CHECKPOINT_PAGES 16384

/* Sets the integer PRAGMA @name of the store's connection to @value and puts the value it
 * had in *@out_old; FALSE when it could not be read (then nothing is changed). */
static gboolean
swap_pragma (PolkuStore *store,
             const char *name,
             int         value,
             int        *out_old)
{
  g_autofree char *pragma = NULL;
  sqlite3 *db = polku_store_begin_use (store, NULL);
  gboolean read;

  if (db == NULL)
    return FALSE;
  read = polku_store_get_int_pragma (db, name, out_old);
  if (read)
    {
      pragma = g_strdup_printf ("PRAGMA %s = %d;", name, value);
      sqlite3_exec (db, pragma, NULL, NULL, NULL);
    }
  polku_store_end_use (store);
  return read;
}

/* A batch's parsed answer is freed in a thread of its own while the next batch is taken in:
 * a thousand documents' nodes took 6 % of a first pull's CPU to free on the pull's thread.
 * Nothing else holds a node of it by then (the batch's Incoming are freed). */
static gpointer
unref_thread (gpointer data)
{
  json_node_unref (data);
  return NULL;
}

/* Joins the thread freeing the previous answer (nullable) and starts one for @answer
 * (nullable: only joins). */
static void
free_answer_apart (GThread  **freeing,
                   JsonNode  *answer)
{
  if (*freeing != NULL)
    g_thread_join (g_steal_pointer (freeing));
  if (answer != NULL)
    *freeing = g_thread_new ("polku-sync-free", unref_thread, answer);
}

static gboolean pull_batches (Run         *run,
                              const char  *database,
                              GThread    **freeing,
                              GError     **error);

/* Pull: _changes since the checkpoint, in batches, each written with its checkpoint. */
static gboolean
pull (Run         *run,
      const char  *database,
      GError     **error)
{
  int cache_size = 0;
  int checkpoint_pages = 0;
  int ignored;
  gboolean have_cache_size = swap_pragma (run->store, "cache_size", -PULL_CACHE_KIB,
                                          &cache_size);
  gboolean have_checkpoint_pages = swap_pragma (run->store, "wal_autocheckpoint",
                                                PULL_WAL_CHECKPOINT_PAGES, &checkpoint_pages);
  GThread *freeing = NULL;
  gboolean ok = pull_batches (run, database, &freeing, error);

  free_answer_apart (&freeing, NULL);
  if (have_checkpoint_pages)
    swap_pragma (run->store, "wal_autocheckpoint", checkpoint_pages, &ignored);
  if (have_cache_size)
    swap_pragma (run->store, "cache_size", cache_size, &ignored);
  return ok;
}

static gboolean
pull_batches (Run         *run,
              const char  *database,
              GThread    **freeing,
              GError     **error)
{
  g_autofree char *since = NULL;
  g_autofree char *start = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autoptr(JsonNode) next = NULL;
  g_autoptr(GHashTable) next_checked = NULL;

  since = polku_sync_store_get_checkpoint (run->store, run->settings->server, database, error);
  if (since == NULL && error != NULL && *error != NULL)
    return FALSE;
  start = g_strdup (since);

  for (;;)
    {
      g_autoptr(JsonNode) answer = NULL;
      g_autoptr(GHashTable) checked = g_steal_pointer (&next_checked);
      g_autoptr(GPtrArray) docs = g_ptr_array_new ();
      g_autofree char *last_seq = NULL;
      GThread *thread = NULL;
      Prefetch *prefetch = NULL;
      gboolean taken;
      JsonObject *object;
      JsonArray *results;
      JsonNode *seq;
      guint n;

      if (next != NULL)
        answer = g_steal_pointer (&next);
      else
        answer = polku_couch_changes (run->couch, database, since, PULL_BATCH,
                                      run->cancellable, error);
      if (answer == NULL)
        return FALSE;
      object = JSON_NODE_HOLDS_OBJECT (answer) ? json_node_get_object (answer) : NULL;
      results = polku_json_get_array (object, "results");
      seq = object != NULL ? json_object_get_member (object, "last_seq") : NULL;
      if (results == NULL || seq == NULL)
        {
          g_set_error (error, POLKU_COUCH_ERROR, POLKU_COUCH_ERROR_MALFORMED,
                       _("The server %s sent changes of %s without “results” or “last_seq”. "
                         "Nothing of it was taken in; sync will try again."),
                       run->settings->server, database);
          return FALSE;
        }
      n = json_array_get_length (results);
      for (guint i = 0; i < n; i++)
        {
          JsonObject *change = json_array_get_object_element (results, i);
          JsonNode *doc = change != NULL ? json_object_get_member (change, "doc") : NULL;

          if (doc != NULL && JSON_NODE_HOLDS_OBJECT (doc))
            g_ptr_array_add (docs, doc);
        }
      last_seq = json_to_string (seq, FALSE);
      if (n == 0 && g_strcmp0 (last_seq, since) == 0)
        break;
      if (n >= PULL_BATCH && !results_have_conflicts (results))
        {
          prefetch = g_new0 (Prefetch, 1);
          prefetch->couch = run->couch;
          prefetch->database = g_strdup (database);
          prefetch->since = g_strdup (last_seq);
          prefetch->cancellable = run->cancellable;
          thread = g_thread_new ("polku-sync-pull", prefetch_thread, prefetch);
        }
      run->checked = checked;
      taken = take_in (run, database, docs, last_seq, error);
      run->checked = NULL;
      if (thread != NULL)
        {
          /* Its error counts only when this batch went in (it is the next request's). */
          next = prefetch_join (thread, prefetch, &next_checked, taken ? error : NULL);
          if (taken && next == NULL)
            return FALSE;
        }
      if (!taken)
        return FALSE;
      g_clear_pointer (&checked, g_hash_table_unref);
      g_clear_pointer (&docs, g_ptr_array_unref);
      free_answer_apart (freeing, g_steal_pointer (&answer));
      g_free (since);
      since = g_steal_pointer (&last_seq);
      run_progress (run, 0.1, database);
      if (n < PULL_BATCH)
        break;
    }

  /* The server's own record of where this replica is, as CouchDB replicators keep it. */
  if (since != NULL && g_strcmp0 (since, start) != 0)
    {
      g_autofree char *local_id = checkpoint_id (run, database);
      g_autoptr(JsonBuilder) builder = json_builder_new ();
      g_autoptr(JsonNode) doc = NULL;
      g_autofree char *now = polku_date_now_stamp ();

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "last_seq");
      json_builder_add_value (builder, json_from_string (since, NULL));
      json_builder_set_member_name (builder, "history");
      json_builder_begin_array (builder);
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "last_seq");
      json_builder_add_value (builder, json_from_string (since, NULL));
      json_builder_set_member_name (builder, "at");
      json_builder_add_string_value (builder, now);
      json_builder_end_object (builder);
      json_builder_end_array (builder);
      json_builder_end_object (builder);
      doc = json_builder_get_root (builder);
      if (!polku_couch_put_local (run->couch, database, local_id, doc, run->cancellable,
                                  &local_error))
        {
          if (is_fatal (local_error))
            {
              g_propagate_error (error, g_steal_pointer (&local_error));
              return FALSE;
            }
          run_error (run, "%s", local_error->message);
        }
    }
  return TRUE;
}

/* Removal: the client's consent no longer covers @database. */
typedef struct
{
  const char *client_id;
  const char *database;
  gboolean    mark_only;
} RemoveData;

static gboolean
remove_body (PolkuStore  *store,
             sqlite3     *db,
             gpointer     data,
             GError     **error)
{
  RemoveData *remove = data;
  g_autofree char *detail = NULL;

  if (remove->mark_only)
    return polku_store_run (db, "UPDATE sync_doc SET removed = 1 WHERE client_id = ?1"
                                " AND database = ?2;", _("Saving the sync state"), error, 2,
                            remove->client_id, remove->database);
  if (!polku_sync_store_delete_doc_locked (db, remove->client_id, remove->database, error))
    return FALSE;
  detail = g_strdup_printf ("database=%s", remove->database);
  return polku_audit_append_locked (store, db, POLKU_AUDIT_SYNC_REMOVE, remove->client_id,
                                    detail, error);
}

static gboolean
remove_doc (Run                *run,
            PolkuSyncDocState  *state,
            GError            **error)
{
  RemoveData data = { state->client_id, state->database, TRUE };
  g_autoptr(GError) local_error = NULL;

  /* Marked first: a sync cut short here removes it next time. */
  if (!state->removed && !polku_store_write (run->store, remove_body, &data, error))
    return FALSE;
  if (state->rev != NULL
      && !polku_couch_delete_doc (run->couch, state->database, state->doc_id, state->rev, TRUE,
                                  run->cancellable, &local_error))
    {
      g_autoptr(JsonNode) current = NULL;
      const char *rev;

      if (!g_error_matches (local_error, POLKU_COUCH_ERROR, POLKU_COUCH_ERROR_CONFLICT))
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
      /* Someone changed it since: it goes all the same, whatever revision it is at. */
      g_clear_error (&local_error);
      current = polku_couch_get_doc (run->couch, state->database, state->doc_id, NULL, FALSE,
                                     run->cancellable, &local_error);
      if (current == NULL && !g_error_matches (local_error, POLKU_COUCH_ERROR,
                                               POLKU_COUCH_ERROR_NOT_FOUND))
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
      rev = current != NULL && JSON_NODE_HOLDS_OBJECT (current)
            ? polku_json_get_string (json_node_get_object (current), "_rev") : NULL;
      if (rev != NULL && !polku_couch_delete_doc (run->couch, state->database, state->doc_id,
                                                  rev, TRUE, run->cancellable, error))
        return FALSE;
    }
  data.mark_only = FALSE;
  if (!polku_store_write (run->store, remove_body, &data, error))
    return FALSE;
  run->summary->removed++;
  return TRUE;
}

/* Push */

typedef struct
{
  char              *client_id;
  char              *doc_id;
  char              *fingerprint;
  JsonNode          *content;   /* what goes, without _id/_rev/conflicts/changed_by */
  JsonNode          *doc;       /* the whole document sent */
} Outgoing;

static void
outgoing_free (Outgoing *out)
{
  g_free (out->client_id);
  g_free (out->doc_id);
  g_free (out->fingerprint);
  g_clear_pointer (&out->content, json_node_unref);
  g_clear_pointer (&out->doc, json_node_unref);
  g_free (out);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Outgoing, outgoing_free)

static JsonNode *
conflict_value_node (const char *text)
{
  JsonNode *node = text != NULL ? json_from_string (text, NULL) : NULL;

  return node != NULL ? node : json_node_new (JSON_NODE_NULL);
}

static void
add_conflict_value (JsonArray  *values,
                    const char *value,
                    const char *by,
                    const char *at)
{
  JsonObject *entry = json_object_new ();

  json_object_set_member (entry, "value", conflict_value_node (value));
  if (by != NULL)
    json_object_set_string_member (entry, "by", by);
  else
    json_object_set_null_member (entry, "by");
  if (at != NULL)
    json_object_set_string_member (entry, "at", at);
  else
    json_object_set_null_member (entry, "at");
  json_array_add_object_element (values, entry);
}

/* The document for @client_id in @database, or NULL (no error) when the server has it as it
 * is. */
static Outgoing *
prepare_outgoing (Run                   *run,
                  const char            *client_id,
                  const PolkuSyncTarget *target,
                  PolkuSyncDocState     *state,
                  GError               **error)
{
  g_autoptr(Outgoing) out = g_new0 (Outgoing, 1);
  g_autoptr(GPtrArray) open = NULL;
  g_autoptr(GPtrArray) resolved = NULL;
  g_autoptr(JsonNode) local_doc = NULL;
  g_autofree char *now = polku_date_now_stamp ();
  gboolean conflicts_changed = FALSE;
  JsonObject *object;
  JsonObject *changed_by;
  JsonArray *list;

  out->client_id = g_strdup (client_id);
  out->doc_id = polku_sync_doc_id (client_id);
  out->fingerprint = polku_sync_store_fingerprint (run->store, client_id, error);
  if (out->fingerprint == NULL)
    return NULL;
  local_doc = build_local (run, client_id, target, state != NULL ? state->base : NULL, error);
  if (local_doc == NULL)
    return NULL;
  open = polku_sync_store_open_conflicts (run->store, client_id, target->database, error);
  if (open == NULL)
    return NULL;
  resolved = polku_sync_store_resolved_to_push (run->store, client_id, target->database, error);
  if (resolved == NULL)
    return NULL;

  out->content = polku_sync_doc_content (local_doc);
  keep_shared_at_conflicts (out->content, state != NULL ? state->base : NULL, open);

  conflicts_changed = resolved->len > 0;
  for (guint i = 0; i < open->len; i++)
    if (state == NULL || g_strcmp0 (polku_sync_conflict_get_remote_rev (open->pdata[i]),
                                    state->rev) != 0)
      conflicts_changed = TRUE;
  if (state != NULL && state->base != NULL && state->rev != NULL
      && polku_sync_doc_same_content (out->content, state->base) && !conflicts_changed)
    {
      g_hash_table_replace (run->done, g_strdup (client_id), g_steal_pointer (&out->fingerprint));
      return NULL;
    }

  out->doc = polku_sync_copy (out->content);
  object = json_node_get_object (out->doc);
  json_object_set_string_member (object, "_id", out->doc_id);
  if (state != NULL && state->rev != NULL)
    json_object_set_string_member (object, "_rev", state->rev);
  list = json_array_new ();
  for (guint i = 0; i < open->len; i++)
    {
      PolkuSyncConflict *conflict = open->pdata[i];
      JsonObject *entry = json_object_new ();
      JsonArray *values = json_array_new ();

      json_object_set_string_member (entry, "id", polku_sync_conflict_get_id (conflict));
      json_object_set_string_member (entry, "path", polku_sync_conflict_get_path (conflict));
      json_object_set_member (entry, "base",
                              conflict_value_node (polku_sync_conflict_get_base_value (conflict)));
      add_conflict_value (values, polku_sync_conflict_get_local_value (conflict),
                          polku_sync_conflict_get_local_by (conflict),
                          polku_sync_conflict_get_local_at (conflict));
      add_conflict_value (values, polku_sync_conflict_get_remote_value (conflict),
                          polku_sync_conflict_get_remote_by (conflict),
                          polku_sync_conflict_get_remote_at (conflict));
      json_object_set_array_member (entry, "values", values);
      json_array_add_object_element (list, entry);
    }
  json_object_set_array_member (object, "conflicts", list);
  changed_by = json_object_new ();
  json_object_set_string_member (changed_by, "name", run->actor);
  if (run->settings->organisation != NULL)
    json_object_set_string_member (changed_by, "organisation", run->settings->organisation);
  else
    json_object_set_null_member (changed_by, "organisation");
  json_object_set_string_member (changed_by, "at", now);
  json_object_set_string_member (changed_by, "replica", run->replica);
  json_object_set_object_member (object, "changed_by", changed_by);
  return g_steal_pointer (&out);
}

typedef struct
{
  const char *database;
  GPtrArray  *accepted;   /* of Outgoing, with rev in the doc's "_rev" replaced */
  GPtrArray  *revs;       /* the new revisions, same order */
} PushedData;

static gboolean
pushed_body (PolkuStore  *store,
             sqlite3     *db,
             gpointer     data,
             GError     **error)
{
  PushedData *pushed = data;

  for (guint i = 0; i < pushed->accepted->len; i++)
    {
      Outgoing *out = pushed->accepted->pdata[i];
      const char *rev = pushed->revs->pdata[i];
      g_autofree char *detail = NULL;

      if (!polku_sync_store_set_doc_locked (db, out->client_id, pushed->database, rev,
                                            out->content, 0, FALSE, error))
        return FALSE;
      if (!polku_sync_store_conflicts_pushed_locked (db, out->client_id, pushed->database, rev,
                                                     error))
        return FALSE;
      detail = g_strdup_printf ("database=%s rev=%s", pushed->database, rev);
      if (!polku_audit_append_locked (store, db, POLKU_AUDIT_SYNC_PUSH, out->client_id, detail,
                                      error))
        return FALSE;
    }
  return TRUE;
}

/* Sends @batch (of Outgoing); the documents the server refused with a conflict are added to
 * @conflicted. */
static gboolean
send_batch (Run         *run,
            const char  *database,
            GPtrArray   *batch,
            GPtrArray   *conflicted,
            GError     **error)
{
  g_autoptr(JsonArray) docs = json_array_new ();
  g_autoptr(JsonNode) answer = NULL;
  g_autoptr(GPtrArray) accepted = g_ptr_array_new ();
  g_autoptr(GPtrArray) revs = g_ptr_array_new ();
  PushedData pushed = { database, accepted, revs };
  JsonArray *results;

  if (batch->len == 0)
    return TRUE;
  for (guint i = 0; i < batch->len; i++)
    json_array_add_element (docs, polku_sync_copy (((Outgoing *) batch->pdata[i])->doc));
  answer = polku_couch_bulk_docs (run->couch, database, docs, run->cancellable, error);
  if (answer == NULL)
    return FALSE;
  results = JSON_NODE_HOLDS_ARRAY (answer) ? json_node_get_array (answer) : NULL;
  if (results == NULL)
    {
      g_set_error (error, POLKU_COUCH_ERROR, POLKU_COUCH_ERROR_MALFORMED,
                   _("The server %s answered the documents sent to %s with something else than "
                     "a list. Nothing is lost; sync will try again."),
                   run->settings->server, database);
      return FALSE;
    }
  for (guint i = 0; i < json_array_get_length (results); i++)
    {
      JsonObject *result = json_array_get_object_element (results, i);
      const char *id = polku_json_get_string (result, "id");
      const char *rev = polku_json_get_string (result, "rev");
      const char *problem = polku_json_get_string (result, "error");
      Outgoing *out = NULL;

      for (guint k = 0; k < batch->len && out == NULL; k++)
        if (g_strcmp0 (((Outgoing *) batch->pdata[k])->doc_id, id) == 0)
          out = batch->pdata[k];
      if (out == NULL)
        continue;
      if (problem == NULL && rev != NULL)
        {
          g_ptr_array_add (accepted, out);
          g_ptr_array_add (revs, (gpointer) rev);
        }
      else if (g_strcmp0 (problem, "conflict") == 0)
        g_ptr_array_add (conflicted, out);
      else
        {
          run_error (run, _("The server %s did not take the shared plan %s into %s: %s"),
                     run->settings->server, out->doc_id, database,
                     problem != NULL ? problem : _("no revision in the answer"));
          g_hash_table_add (run->failed, g_strdup (out->client_id));
        }
    }
  if (accepted->len > 0 && !polku_store_write (run->store, pushed_body, &pushed, error))
    return FALSE;
  run->summary->pushed += accepted->len;
  for (guint i = 0; i < accepted->len; i++)
    {
      Outgoing *out = accepted->pdata[i];

      if (!g_hash_table_contains (run->done, out->client_id))
        g_hash_table_insert (run->done, g_strdup (out->client_id), g_strdup (out->fingerprint));
    }
  return TRUE;
}

/* send_batch (), then empties @batch (whose free function is NULL): the documents in
 * @conflicted stay for the caller to free. */
static gboolean
flush (Run         *run,
       const char  *database,
       GPtrArray   *batch,
       GPtrArray   *conflicted,
       GError     **error)
{
  gboolean ok = send_batch (run, database, batch, conflicted, error);

  for (guint k = 0; k < batch->len; k++)
    if (!g_ptr_array_find (conflicted, batch->pdata[k], NULL))
      outgoing_free (batch->pdata[k]);
  g_ptr_array_set_size (batch, 0);
  return ok;
}

/* The clients of @database to consider for the push, and the removals. */
static gboolean
push (Run         *run,
      const char  *database,
      GStrv        dirty,
      GError     **error)
{
  g_autoptr(GHashTable) candidates = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                            NULL);
  g_autoptr(GPtrArray) batch = g_ptr_array_new ();
  g_autoptr(GPtrArray) conflicted = g_ptr_array_new_with_free_func ((GDestroyNotify)
                                                                    outgoing_free);
  g_auto(GStrv) conflicts = NULL;
  g_autoptr(GPtrArray) docs = NULL;
  g_autoptr(GPtrArray) order = g_ptr_array_new ();

  conflicts = polku_sync_store_list_conflicts_to_push (run->store, database, error);
  if (conflicts == NULL)
    return FALSE;
  docs = run->clinic_db == NULL ? polku_sync_store_list_docs (run->store, database, error)
                                : g_ptr_array_new ();
  if (docs == NULL)
    return FALSE;
  for (guint i = 0; dirty[i] != NULL; i++)
    if (g_hash_table_add (candidates, g_strdup (dirty[i])))
      g_ptr_array_add (order, dirty[i]);
  for (guint i = 0; conflicts[i] != NULL; i++)
    if (g_hash_table_add (candidates, g_strdup (conflicts[i])))
      g_ptr_array_add (order, conflicts[i]);

  /* A coordinator's Polku removes what a consent no longer covers. */
  if (run->clinic_db == NULL)
    for (guint i = 0; i < docs->len; i++)
      {
        PolkuSyncDocState *state = docs->pdata[i];
        g_autoptr(GError) local_error = NULL;
        const PolkuSyncTarget *target = NULL;

        if (!state->removed)
          {
            if (!g_hash_table_contains (candidates, state->client_id)
                && !g_hash_table_contains (run->targets, state->client_id))
              continue;
            target = coordinator_target (run, state->client_id, database, &local_error);
            if (local_error != NULL)
              {
                g_propagate_error (error, g_steal_pointer (&local_error));
                return FALSE;
              }
          }
        if (target != NULL)
          continue;
        if (!remove_doc (run, state, &local_error))
          {
            if (is_fatal (local_error))
              {
                g_propagate_error (error, g_steal_pointer (&local_error));
                return FALSE;
              }
            run_error (run, "%s", local_error->message);
            g_hash_table_add (run->failed, g_strdup (state->client_id));
          }
      }

  for (guint i = 0; i < order->len; i++)
    {
      const char *client_id = order->pdata[i];
      g_autoptr(PolkuSyncDocState) state = NULL;
      g_autoptr(PolkuSyncTarget) clinic_target = NULL;
      g_autoptr(GError) local_error = NULL;
      const PolkuSyncTarget *target;
      Outgoing *out;

      state = polku_sync_store_get_doc (run->store, client_id, database, &local_error);
      if (local_error != NULL)
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
      if (state != NULL && state->removed)
        continue;
      if (run->clinic_db != NULL)
        {
          /* A clinic sends back only what it received; its other clients go nowhere. */
          if (state == NULL || state->base == NULL)
            {
              char *fingerprint = polku_sync_store_fingerprint (run->store, client_id, error);

              if (fingerprint == NULL)
                return FALSE;
              if (!g_hash_table_contains (run->done, client_id))
                g_hash_table_insert (run->done, g_strdup (client_id), fingerprint);
              else
                g_free (fingerprint);
              continue;
            }
          clinic_target = target_from_doc (database, state->base);
          target = clinic_target;
        }
      else
        {
          target = coordinator_target (run, client_id, database, &local_error);
          if (target == NULL)
            {
              if (local_error != NULL)
                {
                  g_propagate_error (error, g_steal_pointer (&local_error));
                  return FALSE;
                }
              continue;
            }
        }
      out = prepare_outgoing (run, client_id, target, state, &local_error);
      if (out == NULL)
        {
          if (local_error != NULL)
            {
              run_error (run, _("The shared plan of client %s could not be made for %s: %s"),
                         client_id, database, local_error->message);
              g_hash_table_add (run->failed, g_strdup (client_id));
            }
          continue;
        }
      g_ptr_array_add (batch, out);
      if (batch->len >= PUSH_BATCH && !flush (run, database, batch, conflicted, error))
        return FALSE;
    }
  if (!flush (run, database, batch, conflicted, error))
    return FALSE;

  /* 409: someone else wrote it first, or our earlier push whose answer was lost went in.
   * Fetch, merge, send once more. */
  for (guint i = 0; i < conflicted->len; i++)
    {
      Outgoing *out = conflicted->pdata[i];
      g_autoptr(GError) local_error = NULL;
      g_autoptr(JsonNode) current = NULL;
      g_autoptr(GPtrArray) one = g_ptr_array_new_with_free_func ((GDestroyNotify) outgoing_free);
      g_autoptr(GPtrArray) again = g_ptr_array_new ();
      g_autoptr(GPtrArray) docs_in = g_ptr_array_new ();
      g_autoptr(PolkuSyncDocState) state = NULL;
      g_autoptr(PolkuSyncTarget) clinic_target = NULL;
      const PolkuSyncTarget *target;
      Outgoing *retry;
      g_autofree char *client_id = g_strdup (out->client_id);

      current = polku_couch_get_doc (run->couch, database, out->doc_id, NULL, TRUE,
                                     run->cancellable, &local_error);
      if (current == NULL)
        {
          if (is_fatal (local_error))
            {
              g_propagate_error (error, g_steal_pointer (&local_error));
              return FALSE;
            }
          run_error (run, "%s", local_error->message);
          g_hash_table_add (run->failed, g_strdup (client_id));
          continue;
        }
      g_ptr_array_add (docs_in, current);
      if (!take_in (run, database, docs_in, NULL, error))
        return FALSE;
      state = polku_sync_store_get_doc (run->store, client_id, database, error);
      if (state == NULL)
        {
          if (error != NULL && *error != NULL)
            return FALSE;
          g_hash_table_add (run->failed, g_strdup (client_id));
          continue;
        }
      if (run->clinic_db != NULL)
        {
          clinic_target = target_from_doc (database, state->base);
          target = clinic_target;
        }
      else
        target = coordinator_target (run, client_id, database, NULL);
      if (target == NULL)
        continue;
      retry = prepare_outgoing (run, client_id, target, state, &local_error);
      if (retry == NULL)
        {
          if (local_error != NULL)
            {
              run_error (run, "%s", local_error->message);
              g_hash_table_add (run->failed, g_strdup (client_id));
            }
          continue;
        }
      g_ptr_array_add (one, retry);
      if (!send_batch (run, database, one, again, error))
        return FALSE;
      if (again->len > 0)
        /* Left dirty: the next sync tries again. */
        g_hash_table_add (run->failed, g_strdup (client_id));
    }
  return TRUE;
}

typedef struct
{
  GHashTable *done;
  GStrv       dirty;
  GHashTable *failed;
} ClearData;

static gboolean
clear_body (PolkuStore  *store,
            sqlite3     *db,
            gpointer     data,
            GError     **error)
{
  ClearData *clear = data;

  for (guint i = 0; clear->dirty[i] != NULL; i++)
    {
      const char *client_id = clear->dirty[i];
      const char *fingerprint = g_hash_table_lookup (clear->done, client_id);
      g_autofree char *now = NULL;

      if (fingerprint == NULL || g_hash_table_contains (clear->failed, client_id))
        continue;
      now = polku_sync_store_fingerprint_locked (db, client_id, error);
      if (now == NULL)
        return FALSE;
      /* Changed since its document was made: it goes again next time. */
      if (!g_str_equal (now, fingerprint))
        continue;
      if (!polku_sync_store_clear_dirty_locked (db, client_id, error))
        return FALSE;
    }
  return TRUE;
}

/* The databases of this run: a clinic's one; for a coordinator every database a dirty
 * client's consent covers and every one that holds a document of ours. */
static GPtrArray *
list_databases (Run         *run,
                GStrv        dirty,
                GError     **error)
{
  g_autoptr(GPtrArray) databases = g_ptr_array_new_with_free_func (g_free);
  g_auto(GStrv) known = NULL;

  if (run->clinic_db != NULL)
    {
      g_ptr_array_add (databases, g_strdup (run->clinic_db));
      return g_steal_pointer (&databases);
    }
  for (guint i = 0; dirty[i] != NULL; i++)
    {
      GPtrArray *targets;

      g_autoptr(GError) local_error = NULL;

      if (coordinator_target (run, dirty[i], "", &local_error) == NULL && local_error != NULL)
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return NULL;
        }
      targets = g_hash_table_lookup (run->targets, dirty[i]);
      /* Shared nowhere: nothing to send; its mark goes unless it changes meanwhile (a
       * document still on a server is removed in the push, which keeps the mark if that
       * fails). */
      if (targets != NULL && targets->len == 0)
        {
          char *fingerprint = polku_sync_store_fingerprint (run->store, dirty[i], &local_error);

          if (fingerprint == NULL)
            {
              g_propagate_error (error, g_steal_pointer (&local_error));
              return NULL;
            }
          g_hash_table_replace (run->done, g_strdup (dirty[i]), fingerprint);
        }
      for (guint k = 0; targets != NULL && k < targets->len; k++)
        {
          const char *database = ((PolkuSyncTarget *) targets->pdata[k])->database;

          if (!g_ptr_array_find_with_equal_func (databases, database, g_str_equal, NULL))
            g_ptr_array_add (databases, g_strdup (database));
        }
    }
  known = polku_sync_store_list_databases (run->store, error);
  if (known == NULL)
    return NULL;
  for (guint i = 0; known[i] != NULL; i++)
    if (!g_ptr_array_find_with_equal_func (databases, known[i], g_str_equal, NULL))
      g_ptr_array_add (databases, g_strdup (known[i]));
  return g_steal_pointer (&databases);
}

static void
record_run (Run       *run,
            GPtrArray *databases,
            gboolean   stopped)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) detail = g_string_new (NULL);

  g_string_append_printf (detail, "server=%s databases=", run->settings->server);
  for (guint i = 0; databases != NULL && i < databases->len; i++)
    g_string_append_printf (detail, "%s%s", i > 0 ? "," : "", (char *) databases->pdata[i]);
  g_string_append_printf (detail, " pulled=%u pushed=%u removed=%u conflicts=%u errors=%u%s",
                          run->summary->pulled, run->summary->pushed, run->summary->removed,
                          run->summary->conflicts, run->summary->errors->len,
                          stopped ? " stopped=1" : "");
  if (!polku_audit_record (run->store, POLKU_AUDIT_SYNC_RUN, NULL, detail->str, &error))
    g_warning ("The sync could not be recorded in the audit log: %s", error->message);
}

static void
run_clear (Run *run)
{
  g_clear_object (&run->couch);
  g_clear_object (&run->orgs);
  g_free (run->actor);
  g_free (run->by);
  g_free (run->today);
  g_free (run->replica);
  g_free (run->clinic_db);
  g_clear_pointer (&run->summary, polku_sync_summary_free);
  g_clear_pointer (&run->targets, g_hash_table_unref);
  g_clear_pointer (&run->done, g_hash_table_unref);
  g_clear_pointer (&run->failed, g_hash_table_unref);
}

/**
 * polku_sync_run:
 *
 * Returns: (transfer full): what the sync did, or %NULL with @error when it could not start
 *   or stopped (what was taken in before stays; the next sync carries on)
 */
PolkuSyncSummary *
polku_sync_run (PolkuStore               *store,
                const PolkuSyncSettings  *s,
                const char               *password,
                const char               *actor,
                PolkuSyncProgress         progress,
                gpointer                  user_data,
                GCancellable             *cancellable,
                GError                  **error)
{
  Run run = { 0 };
  g_autoptr(GPtrArray) databases = NULL;
  g_auto(GStrv) dirty = NULL;
  g_auto(GStrv) lapsed = NULL;
  g_autoptr(GError) local_error = NULL;
  gboolean ok = TRUE;
  ClearData clear;
  PolkuSyncSummary *summary;

  g_return_val_if_fail (POLKU_IS_STORE (store), NULL);
  g_return_val_if_fail (s != NULL, NULL);
  g_return_val_if_fail (password != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (s->server == NULL || s->account == NULL)
    {
      g_set_error (error, POLKU_SYNC_ERROR, POLKU_SYNC_ERROR_INVALID,
                   _("No sync server or account is set. Set them in Preferences, or give "
                     "--server URL and --account NAME."));
      return NULL;
    }

  run.store = store;
  run.settings = s;
  run.cancellable = cancellable;
  run.progress = progress;
  run.user_data = user_data;
  run.actor = actor != NULL ? g_strdup (actor) : polku_store_dup_actor (store);
  run.by = s->organisation != NULL ? g_strdup_printf ("%s (%s)", run.actor, s->organisation)
                                   : g_strdup (run.actor);
  run.today = polku_date_today ();
  run.replica = s->profile_id != NULL ? g_strdup (s->profile_id)
                                      : g_compute_checksum_for_string (
                                          G_CHECKSUM_SHA256, polku_store_get_path (store), -1);
  run.summary = g_new0 (PolkuSyncSummary, 1);
  run.summary->server = g_strdup (s->server);
  run.summary->errors = g_ptr_array_new_with_free_func (g_free);
  run.targets = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                       (GDestroyNotify) g_ptr_array_unref);
  run.done = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  run.failed = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  run.orgs = polku_organisations_get_default (error);
  if (run.orgs == NULL)
    goto failed;
  if (s->organisation != NULL)
    {
      PolkuOrganisation *organisation = polku_organisations_lookup (run.orgs, s->organisation);

      if (organisation == NULL || polku_organisation_get_access_group (organisation) == NULL)
        {
          g_set_error (error, POLKU_SYNC_ERROR, POLKU_SYNC_ERROR_INVALID,
                       _("The organisation “%s” of the sync settings is not in the county’s "
                         "organisations file, or has no access group. Check the settings."),
                       s->organisation);
          goto failed;
        }
      run.clinic_db = polku_sync_database_name (polku_organisation_get_access_group (organisation),
                                                error);
      if (run.clinic_db == NULL)
        goto failed;
    }

  run.couch = polku_couch_new (s->server, s->account, password, s->trusted_certificate, error);
  if (run.couch == NULL)
    goto failed;
  run_progress (&run, 0.0, s->server);
  if (!polku_couch_login (run.couch, cancellable, error))
    goto failed;

  dirty = polku_sync_store_list_dirty (store, error);
  if (dirty == NULL)
    goto failed;
  if (run.clinic_db == NULL)
    {
      lapsed = polku_sync_store_list_lapsed (store, run.today, error);
      if (lapsed == NULL)
        goto failed;
      for (guint i = 0; lapsed[i] != NULL; i++)
        if (coordinator_target (&run, lapsed[i], "", &local_error) == NULL
            && local_error != NULL)
          {
            g_propagate_error (error, g_steal_pointer (&local_error));
            goto failed;
          }
    }
  databases = list_databases (&run, dirty, error);
  if (databases == NULL)
    goto failed;

  for (guint i = 0; ok && i < databases->len; i++)
    {
      const char *database = databases->pdata[i];

      run_progress (&run, 0.1 + 0.4 * i / databases->len, database);
      if (!pull (&run, database, &local_error))
        {
          if (is_fatal (local_error) || local_error->domain != POLKU_COUCH_ERROR)
            ok = FALSE;
          else
            {
              run_error (&run, "%s", local_error->message);
              g_clear_error (&local_error);
            }
        }
    }
  /* The pull may have brought clients into sync_dirty (a conflict's losers folded in). */
  if (ok)
    {
      g_strfreev (dirty);
      dirty = polku_sync_store_list_dirty (store, &local_error);
      ok = dirty != NULL;
    }
  for (guint i = 0; ok && i < databases->len; i++)
    {
      const char *database = databases->pdata[i];

      run_progress (&run, 0.5 + 0.5 * i / databases->len, database);
      if (!push (&run, database, dirty, &local_error))
        {
          if (is_fatal (local_error) || local_error->domain != POLKU_COUCH_ERROR)
            ok = FALSE;
          else
            {
              run_error (&run, "%s", local_error->message);
              g_clear_error (&local_error);
              for (guint k = 0; dirty[k] != NULL; k++)
                g_hash_table_add (run.failed, g_strdup (dirty[k]));
            }
        }
    }
  if (ok)
    {
      clear.done = run.done;
      clear.dirty = dirty;
      clear.failed = run.failed;
      ok = polku_store_write (store, clear_body, &clear, &local_error);
    }
  record_run (&run, databases, !ok);
  if (!ok)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      goto failed;
    }
  run_progress (&run, 1.0, s->server);
  summary = g_steal_pointer (&run.summary);
  run_clear (&run);
  return summary;

failed:
  run_clear (&run);
  return NULL;
}
