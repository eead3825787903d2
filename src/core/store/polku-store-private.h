/* polku-store-private.h: what the core's domain modules may do with the store
 *
 * Copyright 2026 The Polku authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each domain module (cases, contacts, plans, assessments, audit) keeps its SQL in its own
 * polku-<thing>-store.c and works on the database through these calls. A change is a body
 * run by polku_store_write () (or polku_store_write_get (), which also reads the changed
 * object back):
 *
 *   static gboolean
 *   add_body (PolkuStore *store, sqlite3 *db, gpointer data, GError **error)
 *   {
 *     ... prepare, bind, step (polku_store_run () when every parameter is text) ...
 *     ... polku_audit_append_locked () ...
 *   }
 *
 *   ok = polku_store_write (store, add_body, &data, error);
 *
 * A read takes the lock with begin_use and lets it go with end_use (or uses polku_store_get
 * (), polku_store_list () or polku_store_list_objects (), which do both):
 *
 *   sqlite3 *db = polku_store_begin_use (store, error);
 *   if (db == NULL)
 *     return FALSE;
 *   ... prepare, bind, step, finalize ...
 *   polku_store_end_use (store);
 *
 * begin_use takes the store's lock (one connection, many threads) and fails with a clear
 * message when the store was closed because Polku is locked. Never keep the sqlite3 pointer
 * past end_use, and never open a write transaction but through polku_store_write ().
 *
 * polku-store.c has the lock and the transaction; polku-store-rows.c the SQL and row
 * helpers, which work on a connection the caller holds.
 */
#pragma once

#include <sqlcipher/sqlite3.h>

#include "polku-date.h"
#include "polku-store.h"

G_BEGIN_DECLS

/* The lock and the write transaction (polku-store.c) */

sqlite3  *polku_store_begin_use          (PolkuStore    *self,
                                          GError       **error);
void      polku_store_end_use            (PolkuStore    *self);
/* A long read that changes nothing (audit verification, the file's integrity check): the
 * store's second, read-only connection under its own lock, so the store's lock (the
 * window's reads, every write) is not held meanwhile. Keep each read transaction short:
 * while it is open, the WAL cannot be checkpointed past it. Without a reader (a store being
 * created, or one opened with a passphrase) it is begin_use. Pass the connection back to
 * end_read. */
sqlite3  *polku_store_begin_read         (PolkuStore    *self,
                                          GError       **error);
void      polku_store_end_read           (PolkuStore    *self,
                                          sqlite3       *db);
/* Who is working (for the audit log); only between begin_use and end_use. */
const char *polku_store_get_actor_locked (PolkuStore    *self);

/* The audit anchor (polku-store.c): the newest audit entry a change wrote, noted inside the
 * transaction and kept outside the database (a file beside it) once the change commits, so
 * that `audit verify` can prove the log was not cut short. */
void      polku_store_note_audit_head_locked (PolkuStore  *self,
                                          gint64         seq,
                                          const char    *hash);
/* The head noted by the last audit entry of the write transaction open on @db, if it has
 * written one: the audit log need not read its head row again. FALSE outside a transaction
 * and before its first entry. @out_hash belongs to the store until the next entry. */
gboolean  polku_store_get_audit_head_locked (PolkuStore  *self,
                                          sqlite3       *db,
                                          gint64        *out_seq,
                                          const char   **out_hash);
gboolean  polku_store_read_audit_anchor  (PolkuStore    *self,
                                          gint64        *out_seq,
                                          char         **out_hash);

/* A bare connection keyed as every store is, for copying whole databases (polku-backup.c;
 * see polku-store.c). */
sqlite3  *polku_store_open_connection    (const char    *path,
                                          int            flags,
                                          PolkuKeyKind   key_kind,
                                          const char    *key,
                                          GError       **error);

/* The part of migration @version that SQL cannot do, in its transaction
 * (polku-store-migrate.c). */
gboolean  polku_store_migrate_after      (sqlite3       *db,
                                          guint          version,
                                          GError       **error);

/* A change made inside a write transaction; returns FALSE with @error to roll it back. */
typedef gboolean (*PolkuStoreWriteFunc)  (PolkuStore    *store,
                                          sqlite3       *db,
                                          gpointer       data,
                                          GError       **error);
/* Takes the store's lock, runs @body between BEGIN IMMEDIATE and COMMIT (ROLLBACK when it
 * fails) and lets the lock go. The change and its audit entry go together or not at all.
 * Inside polku_store_run_batch () it is a savepoint of the batch's one transaction. */
gboolean  polku_store_write              (PolkuStore           *self,
                                          PolkuStoreWriteFunc   body,
                                          gpointer              data,
                                          GError              **error);

/* Reads one object (a GObject, transfer full) by @id from a connection the caller holds;
 * NULL with @error when there is none or the read failed. */
typedef gpointer (*PolkuStoreGetFunc)    (sqlite3       *db,
                                          const char    *id,
                                          GError       **error);
/* polku_store_write (), then @get (@id) in the same transaction: returns the changed object
 * (transfer full), or NULL with @error and nothing written. */
gpointer  polku_store_write_get          (PolkuStore           *self,
                                          PolkuStoreWriteFunc   body,
                                          gpointer              data,
                                          PolkuStoreGetFunc     get,
                                          const char           *id,
                                          GError              **error);

/* SQL and rows (polku-store-rows.c) */

/* Sets @error from the connection's last error: "@what failed: …". Returns FALSE. */
gboolean  polku_store_set_sqlite_error   (GError       **error,
                                          sqlite3       *db,
                                          const char    *what);
/* Runs SQL without results (e.g. a PRAGMA). */
gboolean  polku_store_exec               (sqlite3       *db,
                                          const char    *sql,
                                          const char    *what,
                                          GError       **error);
/* Reads the integer PRAGMA @name (a literal such as "user_version") into *@out_value.
 * FALSE when it could not be read (*@out_value untouched; the connection's error says why). */
gboolean  polku_store_get_int_pragma     (sqlite3       *db,
                                          const char    *name,
                                          int           *out_value);
/* Binds @text, or NULL when @text is NULL. */
void      polku_store_bind_text_or_null  (sqlite3_stmt  *stmt,
                                          int            index,
                                          const char    *text);
/* Binds the @n_texts strings that follow (each nullable) to ?@first, ?@first+1, … */
void      polku_store_bind_texts         (sqlite3_stmt  *stmt,
                                          int            first,
                                          guint          n_texts,
                                          ...);
/* Prepares @sql; on failure sets @error ("@what failed: …") and returns NULL. Finalize the
 * statement (or give it to polku_store_release ()). */
sqlite3_stmt *polku_store_prepare        (sqlite3       *db,
                                          const char    *sql,
                                          const char    *what,
                                          GError       **error);
/* The statement cache. A statement for @sql from the connection's cache (prepared on first
 * use): bind, step and give it back with polku_store_release () before the lock goes
 * (end_use, or the end of the write body); never finalize it. @sql must be the same text on
 * every call (a literal): SQL built with values in it belongs to polku_store_prepare ().
 * When the same SQL is already in use (a nested read), a one-off statement is returned; on a
 * connection without a cache (polku_store_open_connection ()) every statement is one-off.
 * The cache is emptied after migrations and when the store closes. On failure sets @error
 * ("@what failed: …") and returns NULL. */
sqlite3_stmt *polku_store_prepare_cached (sqlite3       *db,
                                          const char    *sql,
                                          const char    *what,
                                          GError       **error);
/* Gives back a statement: a cached one is reset and its bindings cleared, any other is
 * finalized. NULL is ignored. */
void      polku_store_release            (sqlite3_stmt  *stmt);
/* For g_autoptr (PolkuStoreStmt): released at the end of the scope. */
typedef sqlite3_stmt PolkuStoreStmt;
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PolkuStoreStmt, polku_store_release)
/* polku-store.c: a cache for a connection it opened, emptied (schema changes) and dropped
 * (close; every statement finalized). */
void      polku_store_cache_attach       (sqlite3       *db);
void      polku_store_cache_clear        (sqlite3       *db);
void      polku_store_cache_detach       (sqlite3       *db);
/* How many statements the connection's cache holds (tests). */
guint     polku_store_cache_get_size     (sqlite3       *db);
/* Takes @sql's statement from the cache, binds the @n_texts strings that follow (each
 * nullable) to ?1, ?2, …, steps it to the end and releases it: a change whose parameters are
 * all text. Errors say "@what
 * failed: …". */
gboolean  polku_store_run                (sqlite3       *db,
                                          const char    *sql,
                                          const char    *what,
                                          GError       **error,
                                          guint          n_texts,
                                          ...);
/* Steps @stmt, which returns no rows, to the end and releases it (always;
 * polku_store_release ()). */
gboolean  polku_store_step_done          (sqlite3       *db,
                                          sqlite3_stmt  *stmt,
                                          const char    *what,
                                          GError       **error);
/* Column @i of the current row as text; NULL for an SQL NULL. */
#define POLKU_STORE_COL(stmt, i) ((const char *) sqlite3_column_text ((stmt), (i)))
/* A copy of column @i of the current row; NULL for an SQL NULL. */
char     *polku_store_column_dup         (sqlite3_stmt  *stmt,
                                          int            i);

/* Fails with POLKU_STORE_ERROR_NOT_FOUND when there is no such client. */
gboolean  polku_store_check_client_locked (sqlite3      *db,
                                           const char   *client_id,
                                           GError      **error);

/* Makes one item (a GObject, or what the list's free function frees) from the current row of
 * @stmt; NULL with @error on failure. */
typedef gpointer (*PolkuStoreRowFunc)    (sqlite3_stmt  *stmt,
                                          gpointer       user_data,
                                          GError       **error);
/* Steps @stmt (prepared and bound) through all its rows, makes an item of each with
 * @row_func and releases @stmt (always; polku_store_release ()). @free_func frees an item
 * (NULL: g_object_unref (), the items are GObjects; g_free () for strings): the list that is
 * returned has it, and it frees the items already made when a step or @row_func fails.
 * Returns the items, or NULL with @error ("@what failed: …" on a database error). */
GPtrArray *polku_store_list_rows         (sqlite3           *db,
                                          sqlite3_stmt      *stmt,
                                          PolkuStoreRowFunc  row_func,
                                          gpointer           user_data,
                                          GDestroyNotify     free_func,
                                          const char        *what,
                                          GError           **error);
/* Prepares @sql, binds @param (nullable; NULL also for SQL without ?1) to ?1 and lists the
 * rows as polku_store_list_rows () does. */
GPtrArray *polku_store_select_rows       (sqlite3           *db,
                                          const char        *sql,
                                          const char        *param,
                                          PolkuStoreRowFunc  row_func,
                                          gpointer           user_data,
                                          GDestroyNotify     free_func,
                                          const char        *what,
                                          GError           **error);

/* Makes an object of @type from the current row of @stmt: column i sets the property
 * @properties[i] (the list ends with NULL; an empty name skips a column, and columns past
 * the list's end are left for the caller). A string property takes the column's text
 * (NULL for an SQL NULL), a boolean, integer or double property its number. Properties
 * that come from no column follow as name, value pairs as in g_object_new (), ending with
 * NULL. */
gpointer   polku_store_object_from_row   (sqlite3_stmt       *stmt,
                                          GType               type,
                                          const char * const *properties,
                                          ...) G_GNUC_NULL_TERMINATED;
/* As polku_store_select_rows (), with each row made by polku_store_object_from_row (). */
GPtrArray *polku_store_select_objects    (sqlite3            *db,
                                          const char         *sql,
                                          const char         *param,
                                          GType               type,
                                          const char * const *properties,
                                          const char         *what,
                                          GError            **error);
/* Takes the store's lock, runs @get (@id) and lets go. */
gpointer   polku_store_get               (PolkuStore         *store,
                                          PolkuStoreGetFunc   get,
                                          const char         *id,
                                          GError            **error);
/* Takes the store's lock, runs @sql (a count, e.g. "SELECT count(*) …") with @param
 * (nullable) bound to ?1 and lets go. Returns the count, or -1 with @error. */
gint64     polku_store_count             (PolkuStore         *store,
                                          const char         *sql,
                                          const char         *param,
                                          const char         *what,
                                          GError            **error);
/* Takes the store's lock, runs polku_store_select_rows () and lets go. */
GPtrArray *polku_store_list              (PolkuStore         *store,
                                          const char         *sql,
                                          const char         *param,
                                          PolkuStoreRowFunc   row_func,
                                          gpointer            user_data,
                                          GDestroyNotify      free_func,
                                          const char         *what,
                                          GError            **error);
/* Takes the store's lock, runs polku_store_select_objects () and lets go. */
GPtrArray *polku_store_list_objects      (PolkuStore         *store,
                                          const char         *sql,
                                          const char         *param,
                                          GType               type,
                                          const char * const *properties,
                                          const char         *what,
                                          GError            **error);
/* Takes @list (transfer full; NULL when reading it failed and set @error) and returns its
 * first object, or NULL with @error (@domain, @code, @format) when it is empty. */
gpointer   polku_store_take_first        (GPtrArray          *list,
                                          GError            **error,
                                          GQuark              domain,
                                          int                 code,
                                          const char         *format,
                                          ...) G_GNUC_PRINTF (5, 6);

G_END_DECLS
