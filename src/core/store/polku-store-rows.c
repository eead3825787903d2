/* polku-store-rows.c: SQL and row helpers for the store's domain modules
 *
 * What polku-store-private.h offers besides the lock and the write transaction: errors
 * from SQLite as GErrors, prepare/step/bind, the client check, and rows made into objects
 * (a row function, or a table of property names for polku_store_object_from_row ()).
 *
 * Copyright 2026 The Polku authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "polku-store"

#include "config.h"

#include <glib/gi18n.h>
#include <gobject/gvaluecollector.h>

#include "polku-store-private.h"

/* A generic SQLite failure as a GError; the SQLite message names no client data. */
gboolean
polku_store_set_sqlite_error (GError     **error,
                              sqlite3     *db,
                              const char  *what)
{
  int code = sqlite3_extended_errcode (db);

  if ((code & 0xff) == SQLITE_CONSTRAINT)
    g_set_error (error, POLKU_STORE_ERROR, POLKU_STORE_ERROR_CONSTRAINT,
                 _("%s failed: the data breaks a rule of the database (%s)."),
                 what, sqlite3_errmsg (db));
  else if ((code & 0xff) == SQLITE_FULL)
    g_set_error (error, POLKU_STORE_ERROR, POLKU_STORE_ERROR_FAILED,
                 _("%s failed: the disk is full. Free some space and try again."), what);
  else
    g_set_error (error, POLKU_STORE_ERROR, POLKU_STORE_ERROR_FAILED,
                 _("%s failed: %s (SQLite error %d)."), what, sqlite3_errmsg (db), code);
  return FALSE;
}

gboolean
polku_store_exec (sqlite3     *db,
                  const char  *sql,
                  const char  *what,
                  GError     **error)
{
  if (sqlite3_exec (db, sql, NULL, NULL, NULL) != SQLITE_OK)
    return polku_store_set_sqlite_error (error, db, what);
  return TRUE;
}

gboolean
polku_store_get_int_pragma (sqlite3    *db,
                            const char *name,
                            int        *out_value)
{
  g_autofree char *sql = g_strdup_printf ("PRAGMA %s;", name);
  sqlite3_stmt *stmt = NULL;
  gboolean read = FALSE;

  /* Not a cached statement: a pragma is read a few times per transaction at most, and the
   * connection's last error stays for polku_store_set_sqlite_error () when it fails. */
  if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) == SQLITE_OK
      && sqlite3_step (stmt) == SQLITE_ROW
      && sqlite3_column_type (stmt, 0) == SQLITE_INTEGER)
    {
      *out_value = sqlite3_column_int (stmt, 0);
      read = TRUE;
    }
  sqlite3_finalize (stmt);
  return read;
}

/* The statement cache: per connection the store opened, prepared statements keyed by their
 * SQL text, handed out by polku_store_prepare_cached () and given back by
 * polku_store_release () (reset, bindings cleared). A cache is used only under its store's
 * lock, which serialises everything on the connection; the registry that finds a
 * connection's cache has its own lock, held only for the lookup. A statement in use is
 * never handed out twice: the second caller gets a one-off statement, finalized on release.
 * The least recently used idle statement makes room when the cache is full, so SQL built
 * with values in it only churns the cache. */
#define STMT_CACHE_SIZE 128

typedef struct
{
  char         *sql;
  sqlite3_stmt *stmt;
  gboolean      in_use;
  GList         link;
} CachedStmt;

typedef struct
{
  GHashTable *by_sql;  /* SQL text → CachedStmt (owns it) */
  GHashTable *by_stmt; /* sqlite3_stmt → CachedStmt */
  GQueue      lru;     /* most recently used first */
} StmtCache;

static GRWLock caches_lock;
static GHashTable *caches; /* sqlite3 → StmtCache */

static void
cached_stmt_free (CachedStmt *entry)
{
  sqlite3_finalize (entry->stmt);
  g_free (entry->sql);
  g_free (entry);
}

static StmtCache *
lookup_cache (sqlite3 *db)
{
  StmtCache *cache = NULL;

  g_rw_lock_reader_lock (&caches_lock);
  if (caches != NULL)
    cache = g_hash_table_lookup (caches, db);
  g_rw_lock_reader_unlock (&caches_lock);
  return cache;
}

void
polku_store_cache_attach (sqlite3 *db)
{
  StmtCache *cache = g_new0 (StmtCache, 1);

  cache->by_sql = g_hash_table_new (g_str_hash, g_str_equal);
  cache->by_stmt = g_hash_table_new (NULL, NULL);
  g_queue_init (&cache->lru);
  g_rw_lock_writer_lock (&caches_lock);
  if (caches == NULL)
    caches = g_hash_table_new (NULL, NULL);
  g_hash_table_insert (caches, db, cache);
  g_rw_lock_writer_unlock (&caches_lock);
}

/* Forgets every statement: idle ones are finalized, one in use is finalized when it is
 * released. */
static void
cache_empty (StmtCache *cache)
{
  GList *link;

  while ((link = g_queue_pop_head_link (&cache->lru)) != NULL)
    {
      CachedStmt *entry = link->data;

      if (entry->in_use)
        {
          /* Released later: not in by_stmt any more, so polku_store_release () finalizes
           * it. */
          g_free (entry->sql);
          g_free (entry);
          continue;
        }
      cached_stmt_free (entry);
    }
  g_hash_table_remove_all (cache->by_sql);
  g_hash_table_remove_all (cache->by_stmt);
}

void
polku_store_cache_clear (sqlite3 *db)
{
  StmtCache *cache = lookup_cache (db);

  if (cache != NULL)
    cache_empty (cache);
}

void
polku_store_cache_detach (sqlite3 *db)
{
  StmtCache *cache = NULL;

  g_rw_lock_writer_lock (&caches_lock);
  if (caches != NULL && g_hash_table_steal_extended (caches, db, NULL, (gpointer *) &cache)
      && g_hash_table_size (caches) == 0)
    g_clear_pointer (&caches, g_hash_table_unref);
  g_rw_lock_writer_unlock (&caches_lock);
  if (cache == NULL)
    return;
  cache_empty (cache);
  g_hash_table_unref (cache->by_sql);
  g_hash_table_unref (cache->by_stmt);
  g_free (cache);
}

guint
polku_store_cache_get_size (sqlite3 *db)
{
  StmtCache *cache = lookup_cache (db);

  return cache != NULL ? g_hash_table_size (cache->by_sql) : 0;
}

/* Makes room for one more statement: finalizes the least recently used idle one. */
static void
cache_evict (StmtCache *cache)
{
  for (GList *l = cache->lru.tail; l != NULL; l = l->prev)
    {
      CachedStmt *entry = l->data;

      if (entry->in_use)
        continue;
      g_queue_unlink (&cache->lru, l);
      g_hash_table_remove (cache->by_sql, entry->sql);
      g_hash_table_remove (cache->by_stmt, entry->stmt);
      cached_stmt_free (entry);
      return;
    }
}

sqlite3_stmt *
polku_store_prepare_cached (sqlite3     *db,
                            const char  *sql,
                            const char  *what,
                            GError     **error)
{
  StmtCache *cache = lookup_cache (db);
  CachedStmt *entry;
  sqlite3_stmt *stmt;

  if (cache == NULL)
    return polku_store_prepare (db, sql, what, error);
  entry = g_hash_table_lookup (cache->by_sql, sql);
  if (entry != NULL)
    {
      if (entry->in_use)
        return polku_store_prepare (db, sql, what, error);
      entry->in_use = TRUE;
      g_queue_unlink (&cache->lru, &entry->link);
      g_queue_push_head_link (&cache->lru, &entry->link);
      return entry->stmt;
    }
  stmt = polku_store_prepare (db, sql, what, error);
  if (stmt == NULL)
    return NULL;
  if (g_hash_table_size (cache->by_sql) >= STMT_CACHE_SIZE)
    cache_evict (cache);
  entry = g_new0 (CachedStmt, 1);
  entry->sql = g_strdup (sql);
  entry->stmt = stmt;
  entry->in_use = TRUE;
  entry->link.data = entry;
  g_queue_push_head_link (&cache->lru, &entry->link);
  g_hash_table_insert (cache->by_sql, entry->sql, entry);
  g_hash_table_insert (cache->by_stmt, stmt, entry);
  return stmt;
}

void
polku_store_release (sqlite3_stmt *stmt)
{
  StmtCache *cache;
  CachedStmt *entry = NULL;

  if (stmt == NULL)
    return;
  cache = lookup_cache (sqlite3_db_handle (stmt));
  if (cache != NULL)
    entry = g_hash_table_lookup (cache->by_stmt, stmt);
  if (entry == NULL)
    {
      sqlite3_finalize (stmt);
      return;
    }
  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);
  entry->in_use = FALSE;
}

sqlite3_stmt *
polku_store_prepare (sqlite3     *db,
                     const char  *sql,
                     const char  *what,
                     GError     **error)
{
  sqlite3_stmt *stmt = NULL;

  if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) != SQLITE_OK)
    {
      sqlite3_finalize (stmt);
      polku_store_set_sqlite_error (error, db, what);
      return NULL;
    }
  return stmt;
}

gboolean
polku_store_step_done (sqlite3       *db,
                       sqlite3_stmt  *stmt,
                       const char    *what,
                       GError       **error)
{
  int rc = sqlite3_step (stmt);

  if (rc != SQLITE_DONE)
    polku_store_set_sqlite_error (error, db, what);
  polku_store_release (stmt);
  return rc == SQLITE_DONE;
}

static void
bind_texts_va (sqlite3_stmt *stmt,
               int           first,
               guint         n_texts,
               va_list       args)
{
  for (guint i = 0; i < n_texts; i++)
    polku_store_bind_text_or_null (stmt, first + (int) i, va_arg (args, const char *));
}

void
polku_store_bind_texts (sqlite3_stmt *stmt,
                        int           first,
                        guint         n_texts,
                        ...)
{
  va_list args;

  va_start (args, n_texts);
  bind_texts_va (stmt, first, n_texts, args);
  va_end (args);
}

gboolean
polku_store_run (sqlite3     *db,
                 const char  *sql,
                 const char  *what,
                 GError     **error,
                 guint        n_texts,
                 ...)
{
  sqlite3_stmt *stmt = polku_store_prepare_cached (db, sql, what, error);
  va_list args;

  if (stmt == NULL)
    return FALSE;
  va_start (args, n_texts);
  bind_texts_va (stmt, 1, n_texts, args);
  va_end (args);
  return polku_store_step_done (db, stmt, what, error);
}

char *
polku_store_column_dup (sqlite3_stmt *stmt,
                        int           i)
{
  return g_strdup (POLKU_STORE_COL (stmt, i));
}

gboolean
polku_store_check_client_locked (sqlite3     *db,
                                 const char  *client_id,
                                 GError     **error)
{
  sqlite3_stmt *stmt;
  int rc;

  stmt = polku_store_prepare_cached (db, "SELECT 1 FROM client WHERE id = ?1;",
                                     _("Reading a client"), error);
  if (stmt == NULL)
    return FALSE;
  polku_store_bind_text_or_null (stmt, 1, client_id);
  rc = sqlite3_step (stmt);
  polku_store_release (stmt);
  if (rc == SQLITE_ROW)
    return TRUE;
  if (rc == SQLITE_DONE)
    g_set_error (error, POLKU_STORE_ERROR, POLKU_STORE_ERROR_NOT_FOUND,
                 _("There is no client with the id “%s”."), client_id != NULL ? client_id : "");
  else
    polku_store_set_sqlite_error (error, db, _("Reading a client"));
  return FALSE;
}

GPtrArray *
polku_store_list_rows (sqlite3           *db,
                       sqlite3_stmt      *stmt,
                       PolkuStoreRowFunc  row_func,
                       gpointer           user_data,
                       GDestroyNotify     free_func,
                       const char        *what,
                       GError           **error)
{
  g_autoptr(GPtrArray) list =
    g_ptr_array_new_with_free_func (free_func != NULL ? free_func : g_object_unref);
  int rc;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gpointer object = row_func (stmt, user_data, error);

      if (object == NULL)
        {
          polku_store_release (stmt);
          return NULL;
        }
      g_ptr_array_add (list, object);
    }
  if (rc != SQLITE_DONE)
    {
      polku_store_set_sqlite_error (error, db, what);
      g_clear_pointer (&list, g_ptr_array_unref);
    }
  polku_store_release (stmt);
  return g_steal_pointer (&list);
}

GPtrArray *
polku_store_select_rows (sqlite3           *db,
                         const char        *sql,
                         const char        *param,
                         PolkuStoreRowFunc  row_func,
                         gpointer           user_data,
                         GDestroyNotify     free_func,
                         const char        *what,
                         GError           **error)
{
  sqlite3_stmt *stmt = polku_store_prepare_cached (db, sql, what, error);

  if (stmt == NULL)
    return NULL;
  /* A parameter left unbound is NULL, so SQL without ?1 takes a NULL @param too. */
  if (param != NULL)
    sqlite3_bind_text (stmt, 1, param, -1, SQLITE_TRANSIENT);
  return polku_store_list_rows (db, stmt, row_func, user_data, free_func, what, error);
}

/* Sets @value, of @pspec's type, from column @i; FALSE for a type no column can give. */
static gboolean
value_from_column (GValue        *value,
                   GParamSpec    *pspec,
                   sqlite3_stmt  *stmt,
                   int            i)
{
  g_value_init (value, pspec->value_type);
  switch (G_TYPE_FUNDAMENTAL (pspec->value_type))
    {
    case G_TYPE_STRING:
      g_value_set_string (value, POLKU_STORE_COL (stmt, i));
      return TRUE;
    case G_TYPE_BOOLEAN:
      g_value_set_boolean (value, sqlite3_column_int (stmt, i) != 0);
      return TRUE;
    case G_TYPE_INT:
      g_value_set_int (value, sqlite3_column_int (stmt, i));
      return TRUE;
    case G_TYPE_UINT:
      g_value_set_uint (value, (guint) sqlite3_column_int (stmt, i));
      return TRUE;
    case G_TYPE_INT64:
      g_value_set_int64 (value, sqlite3_column_int64 (stmt, i));
      return TRUE;
    case G_TYPE_DOUBLE:
      g_value_set_double (value, sqlite3_column_double (stmt, i));
      return TRUE;
    default:
      return FALSE;
    }
}

/* The next free GValue at the end of @values. */
static GValue *
append_value (GArray *values)
{
  g_array_set_size (values, values->len + 1);
  return &g_array_index (values, GValue, values->len - 1);
}

gpointer
polku_store_object_from_row (sqlite3_stmt       *stmt,
                             GType               type,
                             const char * const *properties,
                             ...)
{
  g_autoptr(GTypeClass) klass = g_type_class_ref (type);
  g_autoptr(GPtrArray) names = g_ptr_array_new ();
  g_autoptr(GArray) values = g_array_new (FALSE, TRUE, sizeof (GValue));
  int n_columns = sqlite3_column_count (stmt);
  gboolean ok = TRUE;
  const char *name;
  va_list args;

  g_array_set_clear_func (values, (GDestroyNotify) g_value_unset);
  for (int i = 0; properties[i] != NULL; i++)
    {
      GParamSpec *pspec;

      if (properties[i][0] == '\0')
        continue;
      g_return_val_if_fail (i < n_columns, NULL);
      pspec = g_object_class_find_property (G_OBJECT_CLASS (klass), properties[i]);
      g_return_val_if_fail (pspec != NULL, NULL);
      if (!value_from_column (append_value (values), pspec, stmt, i))
        {
          g_critical ("%s: the property “%s” of %s cannot be read from a column", G_STRFUNC,
                      properties[i], g_type_name (type));
          return NULL;
        }
      g_ptr_array_add (names, (gpointer) properties[i]);
    }

  va_start (args, properties);
  for (name = va_arg (args, const char *); name != NULL; name = va_arg (args, const char *))
    {
      GParamSpec *pspec = g_object_class_find_property (G_OBJECT_CLASS (klass), name);
      g_autofree char *collect_error = NULL;

      if (pspec == NULL)
        {
          g_critical ("%s: %s has no property “%s”", G_STRFUNC, g_type_name (type), name);
          ok = FALSE;
          break;
        }
      G_VALUE_COLLECT_INIT (append_value (values), pspec->value_type, args, 0, &collect_error);
      if (collect_error != NULL)
        {
          g_critical ("%s: %s", G_STRFUNC, collect_error);
          ok = FALSE;
          break;
        }
      g_ptr_array_add (names, (gpointer) name);
    }
  va_end (args);

  if (!ok)
    return NULL;
  return g_object_new_with_properties (type, names->len, (const char **) names->pdata,
                                       (const GValue *) values->data);
}

typedef struct
{
  GType               type;
  const char * const *properties;
} ObjectMapping;

static gpointer
object_row (sqlite3_stmt  *stmt,
            gpointer       user_data,
            GError       **error)
{
  const ObjectMapping *mapping = user_data;

  return polku_store_object_from_row (stmt, mapping->type, mapping->properties, NULL);
}

GPtrArray *
polku_store_select_objects (sqlite3             *db,
                            const char          *sql,
                            const char          *param,
                            GType                type,
                            const char * const  *properties,
                            const char          *what,
                            GError             **error)
{
  ObjectMapping mapping = { type, properties };

  return polku_store_select_rows (db, sql, param, object_row, &mapping, NULL, what, error);
}

gpointer
polku_store_get (PolkuStore         *store,
                 PolkuStoreGetFunc   get,
                 const char         *id,
                 GError            **error)
{
  gpointer result;
  sqlite3 *db = polku_store_begin_use (store, error);

  if (db == NULL)
    return NULL;
  result = get (db, id, error);
  polku_store_end_use (store);
  return result;
}

gint64
polku_store_count (PolkuStore   *store,
                   const char   *sql,
                   const char   *param,
                   const char   *what,
                   GError      **error)
{
  sqlite3_stmt *stmt;
  sqlite3 *db;
  gint64 count = -1;

  db = polku_store_begin_use (store, error);
  if (db == NULL)
    return -1;
  stmt = polku_store_prepare_cached (db, sql, what, error);
  if (stmt != NULL)
    {
      polku_store_bind_text_or_null (stmt, 1, param);
      if (sqlite3_step (stmt) == SQLITE_ROW)
        count = sqlite3_column_int64 (stmt, 0);
      else
        polku_store_set_sqlite_error (error, db, what);
      polku_store_release (stmt);
    }
  polku_store_end_use (store);
  return count;
}

GPtrArray *
polku_store_list (PolkuStore         *store,
                  const char         *sql,
                  const char         *param,
                  PolkuStoreRowFunc   row_func,
                  gpointer            user_data,
                  GDestroyNotify      free_func,
                  const char         *what,
                  GError            **error)
{
  GPtrArray *result;
  sqlite3 *db = polku_store_begin_use (store, error);

  if (db == NULL)
    return NULL;
  result = polku_store_select_rows (db, sql, param, row_func, user_data, free_func, what,
                                    error);
  polku_store_end_use (store);
  return result;
}

GPtrArray *
polku_store_list_objects (PolkuStore          *store,
                          const char          *sql,
                          const char          *param,
                          GType                type,
                          const char * const  *properties,
                          const char          *what,
                          GError             **error)
{
  ObjectMapping mapping = { type, properties };

  return polku_store_list (store, sql, param, object_row, &mapping, NULL, what, error);
}

gpointer
polku_store_take_first (GPtrArray   *list,
                        GError     **error,
                        GQuark       domain,
                        int          code,
                        const char  *format,
                        ...)
{
  g_autoptr(GPtrArray) owned = list;
  g_autofree char *message = NULL;
  va_list args;

  if (owned == NULL)
    return NULL;
  if (owned->len > 0)
    return g_object_ref (g_ptr_array_index (owned, 0));
  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  g_set_error_literal (error, domain, code, message);
  return NULL;
}

void
polku_store_bind_text_or_null (sqlite3_stmt *stmt,
                               int           index,
                               const char   *text)
{
  if (text != NULL)
    sqlite3_bind_text (stmt, index, text, -1, SQLITE_TRANSIENT);
  else
    sqlite3_bind_null (stmt, index);
}
