/* polku-audit.c: the append-only, hash-chained audit log
 *
 * Copyright 2026 The Polku authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Finnish law requires that access to client data can be shown afterwards. Every read of a
 * client's page and every change is recorded here, in the same encrypted store and (for
 * changes) in the same transaction as the change itself.
 *
 * Each entry's hash is the SHA-256 of the previous entry's hash and of the entry's own
 * fields, each field written as its length in bytes, a colon and its bytes (NULL as "-"),
 * so that no two different entries can hash alike by moving text from one field to the
 * next:
 *
 *   hash = SHA-256 ("polku-audit-1" prev_hash seq id created actor action client_id detail)
 *
 * The first entry's prev_hash is 64 zeros. audit_head holds the newest entry's seq and hash.
 * polku_audit_verify () recomputes the chain and checks that the sequence has no gaps and
 * that it ends at the head: an edited, removed, reordered or inserted entry is found and
 * named. (Whoever holds the database key could rewrite the whole chain; the log shows what
 * happened through Polku, and any change made to it afterwards without recomputing every
 * later hash.)
 */

#define G_LOG_DOMAIN "polku-audit"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "polku-audit-private.h"
#include "polku-id.h"

#define ZERO_HASH "0000000000000000000000000000000000000000000000000000000000000000"

struct _PolkuAuditEntry
{
  GObject  parent_instance;

  gint64   seq;
  char    *id;
  char    *time;
  char    *actor;
  char    *action;
  char    *client_id;
  char    *detail;
  char    *prev_hash;
  char    *hash;
};

G_DEFINE_FINAL_TYPE (PolkuAuditEntry, polku_audit_entry, G_TYPE_OBJECT)
G_DEFINE_QUARK (polku-audit-error-quark, polku_audit_error)

enum {
  PROP_0,
  PROP_SEQ,
  PROP_TIME,
  PROP_ACTOR,
  PROP_ACTION,
  PROP_ACTION_LABEL,
  PROP_CLIENT_ID,
  PROP_DETAIL,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
polku_audit_entry_finalize (GObject *object)
{
  PolkuAuditEntry *self = (PolkuAuditEntry *) object;

  g_free (self->id);
  g_free (self->time);
  g_free (self->actor);
  g_free (self->action);
  g_free (self->client_id);
  g_free (self->detail);
  g_free (self->prev_hash);
  g_free (self->hash);

  G_OBJECT_CLASS (polku_audit_entry_parent_class)->finalize (object);
}

static void
polku_audit_entry_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  PolkuAuditEntry *self = POLKU_AUDIT_ENTRY (object);

  switch (prop_id)
    {
    case PROP_SEQ:
      g_value_set_int64 (value, self->seq);
      break;
    case PROP_TIME:
      g_value_set_string (value, self->time);
      break;
    case PROP_ACTOR:
      g_value_set_string (value, self->actor);
      break;
    case PROP_ACTION:
      g_value_set_string (value, self->action);
      break;
    case PROP_ACTION_LABEL:
      g_value_take_string (value, polku_audit_entry_dup_action_label (self));
      break;
    case PROP_CLIENT_ID:
      g_value_set_string (value, self->client_id);
      break;
    case PROP_DETAIL:
      g_value_set_string (value, self->detail);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
polku_audit_entry_class_init (PolkuAuditEntryClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = polku_audit_entry_finalize;
  object_class->get_property = polku_audit_entry_get_property;

  properties[PROP_SEQ] =
    g_param_spec_int64 ("seq", NULL, NULL, 0, G_MAXINT64, 0,
                        G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_TIME] =
    g_param_spec_string ("time", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_ACTOR] =
    g_param_spec_string ("actor", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_ACTION] =
    g_param_spec_string ("action", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_ACTION_LABEL] =
    g_param_spec_string ("action-label", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_CLIENT_ID] =
    g_param_spec_string ("client-id", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_DETAIL] =
    g_param_spec_string ("detail", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
polku_audit_entry_init (PolkuAuditEntry *self)
{
}

gint64
polku_audit_entry_get_seq (PolkuAuditEntry *self)
{
  g_return_val_if_fail (POLKU_IS_AUDIT_ENTRY (self), 0);
  return self->seq;
}

const char *
polku_audit_entry_get_id (PolkuAuditEntry *self)
{
  g_return_val_if_fail (POLKU_IS_AUDIT_ENTRY (self), NULL);
  return self->id;
}

/* ISO 8601 UTC with milliseconds. */
const char *
polku_audit_entry_get_time (PolkuAuditEntry *self)
{
  g_return_val_if_fail (POLKU_IS_AUDIT_ENTRY (self), NULL);
  return self->time;
}

const char *
polku_audit_entry_get_actor (PolkuAuditEntry *self)
{
  g_return_val_if_fail (POLKU_IS_AUDIT_ENTRY (self), NULL);
  return self->actor;
}

const char *
polku_audit_entry_get_action (PolkuAuditEntry *self)
{
  g_return_val_if_fail (POLKU_IS_AUDIT_ENTRY (self), NULL);
  return self->action;
}

const char *
polku_audit_entry_get_client_id (PolkuAuditEntry *self)
{
  g_return_val_if_fail (POLKU_IS_AUDIT_ENTRY (self), NULL);
  return self->client_id;
}

const char *
polku_audit_entry_get_detail (PolkuAuditEntry *self)
{
  g_return_val_if_fail (POLKU_IS_AUDIT_ENTRY (self), NULL);
  return self->detail;
}

const char *
polku_audit_entry_get_hash (PolkuAuditEntry *self)
{
  g_return_val_if_fail (POLKU_IS_AUDIT_ENTRY (self), NULL);
  return self->hash;
}

/* Labels of the actions that the log view shows; an action without one is shown as is
 * (tests/unit/test-audit.c checks that every action the demo data makes has one). */
static const struct
{
  const char *action;
  const char *label;
} action_labels[] = {
  { POLKU_AUDIT_CLIENT_VIEW, N_("Viewed the client’s page") },
  { POLKU_AUDIT_CLIENT_CREATE, N_("Added the client") },
  { POLKU_AUDIT_CLIENT_UPDATE, N_("Changed the client’s details") },
  { POLKU_AUDIT_CLIENT_ARCHIVE, N_("Archived the client") },
  { POLKU_AUDIT_CLIENT_RESTORE, N_("Restored the client from the archive") },
  { "client.list", N_("Viewed the list of clients") },
  { "case.open", N_("Opened a case") },
  { "case.phase", N_("Changed the phase of the case") },
  { "case.review", N_("Set the review date") },
  { "case.view", N_("Viewed the case") },
  { "case.list", N_("Viewed the list of cases") },
  { "consent.add", N_("Recorded a consent") },
  { "consent.withdraw", N_("Recorded the withdrawal of a consent") },
  { "sign.add", N_("Recorded a warning sign") },
  { "sign.retract", N_("Retracted a warning sign") },
  { "note.add", N_("Added a note") },
  { "team.add", N_("Added a team member") },
  { "team.leave", N_("Recorded that a team member left") },
  { "team.responsible", N_("Named the responsible worker") },
  { "followup.add", N_("Added a follow-up") },
  { "followup.done", N_("Marked a follow-up done") },
  { "followup.list", N_("Viewed the follow-ups") },
  { "contact.add", N_("Logged a contact") },
  { "contact.import", N_("Imported contacts") },
  { "contact.update", N_("Changed a contact") },
  { "contact.remove", N_("Removed a contact") },
  { "contact.list", N_("Viewed the contacts") },
  { "mapping_visit.create", N_("Prepared the mapping visit") },
  { "mapping_visit.update", N_("Changed the mapping visit") },
  { "mapping_visit.view", N_("Viewed the mapping visit") },
  { "plan.view", N_("Viewed the plan") },
  { "plan.create", N_("Made the plan") },
  { "plan.update", N_("Changed the plan") },
  { "plan.restore", N_("Restored an earlier version of the plan") },
  { "plan.export", N_("Exported or printed the plan") },
  { "plan.draft", N_("Saved a draft of the plan") },
  { "plan.draft_discard", N_("Discarded a draft of the plan") },
  { "assessment.add", N_("Recorded an assessment") },
  { "assessment.update", N_("Changed an assessment") },
  { "assessment.remove", N_("Removed an assessment") },
  { "assessment.list", N_("Viewed the measures") },
  { "assessment.export", N_("Exported assessments") },
  { "record_entry.make", N_("Made the record entry") },
  { "report.satisfaction", N_("Viewed the satisfaction report") },
  { "case.coordinator", N_("Changed the coordinator") },
  { "team.responsible_end", N_("Ended a responsible worker’s period") },
  { "recovery_key.create", N_("Made the recovery key") },
  { "recovery_key.show", N_("Showed the recovery key") },
  { "backup.create", N_("Made a backup") },
  { "backup.restore", N_("Restored the profile from a backup") },
  { "report.run", N_("Made a report") },
  { "report.export", N_("Exported a report") },
  { "report.combine", N_("Combined pseudonymised report files") },
  { "county_key.import", N_("Imported the county’s pseudonymisation key") },
  { "county_key.new", N_("Made a new pseudonymisation key") },
  { "county_key.delete", N_("Removed the pseudonymisation key") },
  { POLKU_AUDIT_SYNC_RUN, N_("Synced with the server") },
  { POLKU_AUDIT_SYNC_PUSH, N_("Sent the shared plan to the server") },
  { POLKU_AUDIT_SYNC_REMOVE, N_("Removed the shared plan from the server") },
  { POLKU_AUDIT_SYNC_PULL, N_("Received the shared plan from the server") },
  { POLKU_AUDIT_SYNC_CONFLICT, N_("Found a sync conflict") },
  { POLKU_AUDIT_SYNC_RESOLVE, N_("Decided a sync conflict") },
};

/**
 * polku_audit_entry_dup_action_label:
 *
 * Returns: (transfer full): the action in words, in the UI language
 */
char *
polku_audit_entry_dup_action_label (PolkuAuditEntry *self)
{
  g_return_val_if_fail (POLKU_IS_AUDIT_ENTRY (self), NULL);

  for (guint i = 0; i < G_N_ELEMENTS (action_labels); i++)
    if (g_strcmp0 (self->action, action_labels[i].action) == 0)
      return g_strdup (_(action_labels[i].label));
  return g_strdup (self->action);
}

/* A hash as stored: 64 lower-case hex digits and a NUL. */
#define HASH_TEXT_SIZE 65

/* @value's decimal digits at the end of @buffer (no NUL); returns where they start. */
static char *
format_decimal (char    *buffer_end,
                guint64  value)
{
  char *p = buffer_end;

  do
    {
      *--p = (char) ('0' + value % 10);
      value /= 10;
    }
  while (value > 0);
  return p;
}

/* One field as its length in bytes, a colon and its bytes; NULL as "-". The length is
 * written without printf: verifying a county's log hashes millions of fields. */
static void
hash_field_len (GChecksum  *checksum,
                const char *value,
                gsize       length)
{
  char prefix[24];
  char *start;

  if (value == NULL)
    {
      g_checksum_update (checksum, (const guchar *) "-", 1);
      return;
    }
  prefix[sizeof prefix - 1] = ':';
  start = format_decimal (prefix + sizeof prefix - 1, length);
  g_checksum_update (checksum, (const guchar *) start, prefix + sizeof prefix - start);
  g_checksum_update (checksum, (const guchar *) value, length);
}

static void
hash_field (GChecksum  *checksum,
            const char *value)
{
  hash_field_len (checksum, value, value != NULL ? strlen (value) : 0);
}

/* The entry's hash into @out (HASH_TEXT_SIZE bytes), with @checksum (reset first), so that
 * a verification reuses one checksum for the whole chain. */
static void
compute_hash_into (GChecksum  *checksum,
                   const char *prev_hash,
                   gint64      seq,
                   const char *id,
                   const char *created,
                   const char *actor,
                   const char *action,
                   const char *client_id,
                   const char *detail,
                   char        out[HASH_TEXT_SIZE])
{
  static const char hex[] = "0123456789abcdef";
  char seq_text[24];
  char *seq_start = format_decimal (seq_text + sizeof seq_text, (guint64) MAX (seq, 0));
  guint8 digest[32];
  gsize digest_len = sizeof digest;

  g_checksum_reset (checksum);
  hash_field (checksum, "polku-audit-1");
  hash_field (checksum, prev_hash);
  hash_field_len (checksum, seq_start, seq_text + sizeof seq_text - seq_start);
  hash_field (checksum, id);
  hash_field (checksum, created);
  hash_field (checksum, actor);
  hash_field (checksum, action);
  hash_field (checksum, client_id);
  hash_field (checksum, detail);
  g_checksum_get_digest (checksum, digest, &digest_len);
  g_assert (digest_len == sizeof digest);
  for (gsize i = 0; i < sizeof digest; i++)
    {
      out[2 * i] = hex[digest[i] >> 4];
      out[2 * i + 1] = hex[digest[i] & 0xf];
    }
  out[HASH_TEXT_SIZE - 1] = '\0';
}

static gboolean
read_head (sqlite3  *db,
           gint64   *seq,
           char    **hash,
           GError  **error)
{
  sqlite3_stmt *stmt;
  gboolean ok = FALSE;
  int rc;

  stmt = polku_store_prepare_cached (db, "SELECT seq, hash FROM audit_head WHERE one = 1;",
                                     _("Reading the audit log"), error);
  if (stmt == NULL)
    return FALSE;
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      *seq = sqlite3_column_int64 (stmt, 0);
      *hash = polku_store_column_dup (stmt, 1);
      ok = *hash != NULL;
    }
  if (!ok && (rc == SQLITE_ROW || rc == SQLITE_DONE))
    /* The head row is guarded against deletion: it is gone only if the guard was too. */
    g_set_error (error, POLKU_AUDIT_ERROR, POLKU_AUDIT_ERROR_TAMPERED,
                 _("The audit log has been tampered with: %s"),
                 _("its head (the newest entry's number and hash) was removed."));
  else if (!ok)
    polku_store_set_sqlite_error (error, db, _("Reading the audit log"));
  polku_store_release (stmt);
  return ok;
}

gboolean
polku_audit_append_locked (PolkuStore  *store,
                           sqlite3     *db,
                           const char  *action,
                           const char  *client_id,
                           const char  *detail,
                           GError     **error)
{
  g_autofree char *id = polku_id_new ();
  g_autofree char *stamp = polku_date_now_stamp ();
  g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);
  g_autofree char *prev_hash = NULL;
  const char *pending_hash = NULL;
  char hash[HASH_TEXT_SIZE];
  const char *actor;
  sqlite3_stmt *stmt;
  gint64 seq = 0;

  g_return_val_if_fail (POLKU_IS_STORE (store), FALSE);
  g_return_val_if_fail (db != NULL, FALSE);
  g_return_val_if_fail (action != NULL && action[0] != '\0', FALSE);

  actor = polku_store_get_actor_locked (store);
  /* The second and later entries of a change (a batch writes hundreds) take the head the
   * previous one left: no other connection writes while this transaction is open. */
  if (polku_store_get_audit_head_locked (store, db, &seq, &pending_hash))
    prev_hash = g_strdup (pending_hash);
  else if (!read_head (db, &seq, &prev_hash, error))
    return FALSE;
  seq++;
  compute_hash_into (checksum, prev_hash, seq, id, stamp, actor, action, client_id, detail,
                     hash);

  stmt = polku_store_prepare_cached (db,
                                     "INSERT INTO audit_entry (seq, id, created, modified,"
                                     " actor, action, client_id, detail, prev_hash, hash)"
                                     " VALUES (?1, ?2, ?3, ?3, ?4, ?5, ?6, ?7, ?8, ?9);",
                                     _("Writing the audit log"), error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, seq);
  polku_store_bind_texts (stmt, 2, 8, id, stamp, actor, action, client_id, detail, prev_hash,
                          hash);
  if (!polku_store_step_done (db, stmt, _("Writing the audit log"), error))
    return FALSE;

  /* OR FAIL: an UPDATE that may abort gets a statement journal inside a transaction, and
   * SQLCipher 3.4 encrypts each page written to it. This one changes one row, so failing
   * keeps nothing of it either: the same as ABORT, without the journal. */
  stmt = polku_store_prepare_cached (db,
                                     "UPDATE OR FAIL audit_head SET seq = ?1, hash = ?2"
                                     " WHERE one = 1;",
                                     _("Writing the audit log"), error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, seq);
  polku_store_bind_text_or_null (stmt, 2, hash);
  if (!polku_store_step_done (db, stmt, _("Writing the audit log"), error))
    return FALSE;

  polku_store_note_audit_head_locked (store, seq, hash);
  g_debug ("Audit %" G_GINT64_FORMAT ": %s", seq, action);
  return TRUE;
}

typedef struct
{
  const char *action;
  const char *client_id;
  const char *detail;
} Record;

static gboolean
record_body (PolkuStore  *store,
             sqlite3     *db,
             gpointer     data,
             GError     **error)
{
  const Record *record = data;

  return polku_audit_append_locked (store, db, record->action, record->client_id,
                                    record->detail, error);
}

/**
 * polku_audit_record:
 * @action: what was done ("<object>.<verb>", e.g. %POLKU_AUDIT_CLIENT_VIEW)
 * @client_id: (nullable): whose data
 * @detail: (nullable): ids or field names; never client data
 *
 * Records an access that changes nothing, such as viewing a client's page. (Changes are
 * recorded by the module that makes them, in the same transaction.)
 */
gboolean
polku_audit_record (PolkuStore  *store,
                    const char  *action,
                    const char  *client_id,
                    const char  *detail,
                    GError     **error)
{
  Record record = { action, client_id, detail };

  g_return_val_if_fail (POLKU_IS_STORE (store), FALSE);
  g_return_val_if_fail (action != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return polku_store_write (store, record_body, &record, error);
}

#define ENTRY_COLUMNS \
  "seq, id, created, actor, action, client_id, detail, prev_hash, hash"

static gpointer
entry_from_row (sqlite3_stmt  *stmt,
                gpointer       user_data,
                GError       **error)
{
  PolkuAuditEntry *entry = g_object_new (POLKU_TYPE_AUDIT_ENTRY, NULL);

#define COL(i) polku_store_column_dup (stmt, (i))
  entry->seq = sqlite3_column_int64 (stmt, 0);
  entry->id = COL (1);
  entry->time = COL (2);
  entry->actor = COL (3);
  entry->action = COL (4);
  entry->client_id = COL (5);
  entry->detail = COL (6);
  entry->prev_hash = COL (7);
  entry->hash = COL (8);
#undef COL

  return entry;
}

/**
 * polku_audit_list:
 * @client_id: (nullable): only this client's entries, or all
 *
 * Returns: (transfer full) (element-type PolkuAuditEntry): entries, newest first
 */
GPtrArray *
polku_audit_list (PolkuStore  *store,
                  const char  *client_id,
                  GError     **error)
{
  g_return_val_if_fail (POLKU_IS_STORE (store), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return polku_store_list (store,
                           client_id != NULL
                           ? "SELECT " ENTRY_COLUMNS " FROM audit_entry WHERE client_id = ?1"
                             " ORDER BY seq DESC;"
                           : "SELECT " ENTRY_COLUMNS " FROM audit_entry ORDER BY seq DESC;",
                           client_id, entry_from_row, NULL, NULL, _("Reading the audit log"),
                           error);
}

static void
list_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  GError *error = NULL;
  GPtrArray *entries = polku_audit_list (source_object, task_data, &error);

  if (entries != NULL)
    g_task_return_pointer (task, entries, (GDestroyNotify) g_ptr_array_unref);
  else
    g_task_return_error (task, error);
}

void
polku_audit_list_async (PolkuStore          *store,
                        const char          *client_id,
                        GCancellable        *cancellable,
                        GAsyncReadyCallback  callback,
                        gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (POLKU_IS_STORE (store));

  task = g_task_new (store, cancellable, callback, user_data);
  g_task_set_source_tag (task, polku_audit_list_async);
  g_task_set_task_data (task, g_strdup (client_id), g_free);
  g_task_run_in_thread (task, list_thread);
}

/**
 * polku_audit_list_finish:
 *
 * Returns: (transfer full) (element-type PolkuAuditEntry): entries, newest first
 */
GPtrArray *
polku_audit_list_finish (PolkuStore    *store,
                         GAsyncResult  *result,
                         GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, store), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

static gboolean
tampered (GError     **error,
          const char  *format,
          ...) G_GNUC_PRINTF (2, 3);

static gboolean
tampered (GError     **error,
          const char  *format,
          ...)
{
  g_autofree char *what = NULL;
  va_list args;

  va_start (args, format);
  what = g_strdup_vprintf (format, args);
  va_end (args);

  g_set_error (error, POLKU_AUDIT_ERROR, POLKU_AUDIT_ERROR_TAMPERED,
               _("The audit log has been tampered with: %s"), what);
  return FALSE;
}

/* Entries checked per part: each part is one read transaction on the verification's
 * connection (polku_store_begin_read ()), so that a county's log of hundreds of thousands of
 * entries is read in short steps, with progress and a Cancel between them. */
#define VERIFY_PART 1000

/* Where a verification has got to: the next entry expected and the hash it must follow. */
typedef struct
{
  gint64     expected;
  char       prev_hash[HASH_TEXT_SIZE];
  GChecksum *checksum;
} Walk;

/* Checks the next entries of the chain (at most VERIFY_PART of them, after @walk); the
 * caller holds a read transaction. Sets *out_end when the chain has no more entries. The
 * row's text is hashed where SQLite keeps it: no copies, no objects. */
static gboolean
verify_part_locked (sqlite3   *db,
                    Walk      *walk,
                    gboolean  *out_end,
                    GError   **error)
{
  sqlite3_stmt *stmt;
  gboolean ok = TRUE;
  guint n_rows = 0;
  int rc;

  stmt = polku_store_prepare_cached (db, "SELECT " ENTRY_COLUMNS " FROM audit_entry"
                                         " WHERE seq > ?1 ORDER BY seq LIMIT ?2;",
                                     _("Reading the audit log"), error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, walk->expected - 1);
  sqlite3_bind_int (stmt, 2, VERIFY_PART);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 seq = sqlite3_column_int64 (stmt, 0);
      const char *created = POLKU_STORE_COL (stmt, 2);
      const char *prev_hash = POLKU_STORE_COL (stmt, 7);
      const char *stored_hash = POLKU_STORE_COL (stmt, 8);
      char hash[HASH_TEXT_SIZE];
      char number[24];

      n_rows++;
      if (seq != walk->expected)
        {
          g_snprintf (number, sizeof number, "%" G_GINT64_FORMAT,
                      seq > walk->expected ? walk->expected : seq);
          ok = seq > walk->expected
               ? tampered (error, _("entry %s is missing."), number)
               : tampered (error, _("entry %s is out of order."), number);
          break;
        }
      if (g_strcmp0 (prev_hash, walk->prev_hash) != 0)
        {
          g_snprintf (number, sizeof number, "%" G_GINT64_FORMAT, seq);
          ok = tampered (error, _("entry %s does not follow the entry before it."), number);
          break;
        }
      compute_hash_into (walk->checksum, prev_hash, seq, POLKU_STORE_COL (stmt, 1), created,
                         POLKU_STORE_COL (stmt, 3), POLKU_STORE_COL (stmt, 4),
                         POLKU_STORE_COL (stmt, 5), POLKU_STORE_COL (stmt, 6), hash);
      if (g_strcmp0 (hash, stored_hash) != 0)
        {
          g_snprintf (number, sizeof number, "%" G_GINT64_FORMAT, seq);
          ok = tampered (error, _("entry %s (%s) was changed after it was written."), number,
                         created);
          break;
        }

      memcpy (walk->prev_hash, hash, sizeof hash);
      walk->expected++;
    }
  polku_store_release (stmt);

  if (ok && rc != SQLITE_DONE)
    return polku_store_set_sqlite_error (error, db, _("Reading the audit log"));
  *out_end = n_rows < VERIFY_PART;
  return ok;
}

/* At the end of the chain, in the same read transaction: the head must name its last
 * entry. */
static gboolean
check_head_locked (sqlite3     *db,
                   const Walk  *walk,
                   GError     **error)
{
  g_autofree char *head_hash = NULL;
  gint64 head_seq = 0;

  if (!read_head (db, &head_seq, &head_hash, error))
    return FALSE;
  if (head_seq == walk->expected - 1 && g_strcmp0 (head_hash, walk->prev_hash) == 0)
    return TRUE;
  if (head_seq > walk->expected - 1)
    {
      g_autofree char *number = g_strdup_printf ("%" G_GINT64_FORMAT,
                                                 head_seq - (walk->expected - 1));

      return tampered (error, _("the newest entries (%s) are missing."), number);
    }
  return tampered (error, _("the log does not end where Polku last wrote it."));
}

/* The triggers that make the log append-only: without them an entry can be deleted and the
 * head rewritten to match, which the chain alone cannot see. */
static gboolean
check_guards_locked (sqlite3  *db,
                     GError  **error)
{
  static const char * const guards[] = {
    "audit_entry_no_update", "audit_entry_no_delete", "audit_head_no_delete",
  };

  for (guint i = 0; i < G_N_ELEMENTS (guards); i++)
    {
      sqlite3_stmt *stmt;
      gboolean found;

      stmt = polku_store_prepare (db, "SELECT 1 FROM sqlite_master WHERE type = 'trigger'"
                                      " AND name = ?1;", _("Reading the audit log"), error);
      if (stmt == NULL)
        return FALSE;
      polku_store_bind_text_or_null (stmt, 1, guards[i]);
      found = sqlite3_step (stmt) == SQLITE_ROW;
      sqlite3_finalize (stmt);
      if (!found)
        return tampered (error, _("its guard “%s” was removed, so entries could have been "
                                  "deleted."), guards[i]);
    }
  return TRUE;
}

/* The anchor kept outside the database must still be in the chain, unchanged. */
static gboolean
check_anchor_locked (sqlite3     *db,
                     gint64       anchor_seq,
                     const char  *anchor_hash,
                     gint64       n_entries,
                     gint64      *out_anchored,
                     GError     **error)
{
  g_autofree char *number = NULL;
  sqlite3_stmt *stmt;
  gboolean same;

  *out_anchored = 0;
  if (anchor_seq <= 0 || anchor_hash == NULL)
    return TRUE;
  number = g_strdup_printf ("%" G_GINT64_FORMAT, anchor_seq);
  if (anchor_seq > n_entries)
    return tampered (error, _("the log ends before entry %s, which Polku wrote and noted "
                              "outside the database: the newest entries were removed."),
                     number);
  stmt = polku_store_prepare (db, "SELECT hash FROM audit_entry WHERE seq = ?1;",
                              _("Reading the audit log"), error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, anchor_seq);
  same = sqlite3_step (stmt) == SQLITE_ROW
         && g_strcmp0 ((const char *) sqlite3_column_text (stmt, 0), anchor_hash) == 0;
  sqlite3_finalize (stmt);
  if (!same)
    return tampered (error, _("entry %s is not the one Polku wrote and noted outside the "
                              "database: the log was rewritten from there on."), number);
  *out_anchored = anchor_seq;
  return TRUE;
}

/**
 * polku_audit_verify:
 * @out_n_entries: (out) (optional): how many entries were checked
 *
 * Recomputes the hash chain. Fails with %POLKU_AUDIT_ERROR_TAMPERED, naming the first entry
 * that does not fit, when an entry was edited, removed, reordered or added outside Polku.
 */
gboolean
polku_audit_verify (PolkuStore  *store,
                    gint64      *out_n_entries,
                    GError     **error)
{
  PolkuAuditVerification result = { 0 };

  if (!polku_audit_verify_full (store, &result, error))
    return FALSE;
  if (out_n_entries != NULL)
    *out_n_entries = result.n_entries;
  return TRUE;
}

/**
 * polku_audit_verify_full:
 * @out: (out): what was checked and how far the anchor proves it
 *
 * polku_audit_verify () and more: the guard triggers must be there, the anchor kept outside
 * the database (polku-store.c) must still be in the chain, and the whole file must pass the
 * integrity check (a failure also stops all writes). out->anchored is the newest entry the
 * anchor proves: entries 1 to anchored cannot have been removed or rewritten; entries after
 * it are checked by the chain alone (0: no anchor, e.g. a profile older than anchors).
 */
gboolean
polku_audit_verify_full (PolkuStore              *store,
                         PolkuAuditVerification  *out,
                         GError                 **error)
{
  return polku_audit_verify_with_progress (store, out, NULL, NULL, NULL, error);
}

/**
 * polku_audit_verify_with_progress:
 * @out: (out): what was checked and how far the anchor proves it
 * @progress: (nullable): called in the calling thread after each part of the log (a few
 *   thousand entries) with the entries checked so far and how many there are
 * @cancellable: (nullable): stops the check between parts (%G_IO_ERROR_CANCELLED)
 *
 * polku_audit_verify_full () for a log of any length, in a worker thread: the file's
 * integrity check and the chain are read on the store's reader connection
 * (polku_store_begin_read ()), never under the store's lock, so the window's reads and the
 * writes go on meanwhile; the chain in parts of a thousand entries, each in its own read
 * transaction. Entries written by then are checked too: the last part, the head, the anchor
 * and the guards are read in one transaction.
 */
gboolean
polku_audit_verify_with_progress (PolkuStore              *store,
                                  PolkuAuditVerification  *out,
                                  PolkuAuditProgressFunc   progress,
                                  gpointer                 user_data,
                                  GCancellable            *cancellable,
                                  GError                 **error)
{
  g_autofree char *anchor_hash = NULL;
  g_autofree char *total_hash = NULL;
  g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);
  Walk walk = { 1, ZERO_HASH, checksum };
  gint64 anchor_seq = 0;
  gint64 n_total = 0;
  gboolean end = FALSE;
  gboolean ok = TRUE;

  g_return_val_if_fail (POLKU_IS_STORE (store), FALSE);
  g_return_val_if_fail (out != NULL, FALSE);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  memset (out, 0, sizeof *out);
  if (g_cancellable_set_error_if_cancelled (cancellable, error)
      || !polku_store_check_integrity (store, error))
    return FALSE;

  /* The anchor is read before the log's snapshot: it is written after each commit, so what
   * it names is then always in the snapshot (read after, a commit by another process in
   * between would look like a cut log). */
  if (!polku_store_read_audit_anchor (store, &anchor_seq, &anchor_hash))
    anchor_seq = 0;

  while (ok && !end)
    {
      sqlite3 *db;

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        {
          ok = FALSE;
          break;
        }
      /* On the store's reader: the store's lock stays free for the window and for writes,
       * which go on between and during the parts (WAL). */
      db = polku_store_begin_read (store, error);
      if (db == NULL)
        {
          ok = FALSE;
          break;
        }
      /* One read transaction per part; the last part sees the chain's end and the head at
       * the same moment. */
      ok = polku_store_exec (db, "BEGIN;", _("Reading the audit log"), error);
      if (ok)
        {
          if (n_total == 0 && !read_head (db, &n_total, &total_hash, error))
            ok = FALSE;
          ok = ok && verify_part_locked (db, &walk, &end, error);
          if (ok && end)
            {
              out->n_entries = walk.expected - 1;
              ok = check_head_locked (db, &walk, error)
                   && check_anchor_locked (db, anchor_seq, anchor_hash, out->n_entries,
                                           &out->anchored, error)
                   && check_guards_locked (db, error);
            }
          sqlite3_exec (db, "COMMIT;", NULL, NULL, NULL);
        }
      polku_store_end_read (store, db);
      if (ok && progress != NULL)
        progress (walk.expected - 1, MAX (n_total, walk.expected - 1), user_data);
    }

  if (!ok)
    memset (out, 0, sizeof *out);
  return ok;
}
