/* polku-client-store.c: clients in the encrypted store
 *
 * Copyright 2026 The Polku authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every change is written with its audit entry in one transaction (polku_store_write ()).
 */

#define G_LOG_DOMAIN "polku-client"

#include "config.h"

#include <glib/gi18n.h>

#include "polku-audit-private.h"
#include "polku-client-private.h"
#include "polku-client-store.h"
#include "polku-store-private.h"

#define CLIENT_COLUMNS \
  "id, created, modified, given_name, family_name, hetu, birth_date, language, " \
  "phone, email, address, municipality, archived"

static gpointer
client_from_row (sqlite3_stmt  *stmt,
                 gpointer       user_data,
                 GError       **error)
{
  PolkuClient *client = polku_client_new ();
  PolkuLanguage language = POLKU_LANGUAGE_OTHER;

#define COL(i) POLKU_STORE_COL (stmt, (i))
  polku_client_set_stamps (client, COL (0), COL (1), COL (2));
  polku_client_set_given_name (client, COL (3));
  polku_client_set_family_name (client, COL (4));
  polku_client_set_hetu (client, COL (5));
  polku_client_set_birth_date (client, COL (6));
  polku_language_from_code (COL (7), &language);
  polku_client_set_language (client, language);
  polku_client_set_phone (client, COL (8));
  polku_client_set_email (client, COL (9));
  polku_client_set_address (client, COL (10));
  polku_client_set_municipality (client, COL (11));
  polku_client_set_archived (client, sqlite3_column_int (stmt, 12) != 0);
#undef COL

  return client;
}

/* Clients in the store's name order (by the index on the names), at most @limit of them
 * (-1: all). On the store's reader (committed clients only; every caller lists them outside
 * a write): a county's whole list (10,000 clients, tens of milliseconds) then neither holds
 * the store's lock, which a client's page and every write wait for, nor fills the writer's
 * page cache, which the page's reads find warm. */
static GPtrArray *
list_clients (PolkuStore  *self,
              gboolean     include_archived,
              gint64       limit,
              GError     **error)
{
  GPtrArray *clients = NULL;
  sqlite3_stmt *stmt;
  sqlite3 *db;

  db = polku_store_begin_read (self, error);
  if (db == NULL)
    return NULL;

  stmt = polku_store_prepare_cached (db,
                                     "SELECT " CLIENT_COLUMNS " FROM client"
                                     " WHERE archived = 0 OR ?1"
                                     " ORDER BY family_name, given_name, id LIMIT ?2;",
                                     _("Reading the client list"), error);
  if (stmt != NULL)
    {
      sqlite3_bind_int (stmt, 1, include_archived ? 1 : 0);
      sqlite3_bind_int64 (stmt, 2, limit);
      clients = polku_store_list_rows (db, stmt, client_from_row, NULL, NULL,
                                       _("Reading the client list"), error);
    }
  polku_store_end_read (self, db);

  return clients;
}

/**
 * polku_client_store_list:
 *
 * Read on the store's reader connection: the clients committed so far, never those of a
 * write still open (do not call it inside polku_store_write ()).
 *
 * Returns: (transfer full) (element-type PolkuClient): clients in name order.
 */
GPtrArray *
polku_client_store_list (PolkuStore  *self,
                          gboolean     include_archived,
                          GError     **error)
{
  g_return_val_if_fail (POLKU_IS_STORE (self), NULL);

  return list_clients (self, include_archived, -1, error);
}

/**
 * polku_client_store_list_first:
 * @limit: how many clients at most
 *
 * The first clients of the list (archived ones too) in the store's name order, read
 * through the index on the names, so that a window can show a screenful without reading
 * every client. The order is the names' bytes: the list's collation may place a few
 * differently, which the whole list (polku_client_store_list ()) then corrects.
 *
 * Returns: (transfer full) (element-type PolkuClient): at most @limit clients
 */
GPtrArray *
polku_client_store_list_first (PolkuStore  *self,
                               guint        limit,
                               GError     **error)
{
  g_return_val_if_fail (POLKU_IS_STORE (self), NULL);

  return list_clients (self, TRUE, limit, error);
}

static void
list_clients_thread (GTask        *task,
                     gpointer      source_object,
                     gpointer      task_data,
                     GCancellable *cancellable)
{
  GError *error = NULL;
  GPtrArray *clients;

  clients = polku_client_store_list (source_object, GPOINTER_TO_INT (task_data), &error);
  if (clients == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, clients, (GDestroyNotify) g_ptr_array_unref);
}

void
polku_client_store_list_async (PolkuStore          *self,
                                gboolean             include_archived,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (POLKU_IS_STORE (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, polku_client_store_list_async);
  g_task_set_task_data (task, GINT_TO_POINTER (include_archived ? 1 : 0), NULL);
  g_task_run_in_thread (task, list_clients_thread);
}

/**
 * polku_client_store_list_finish:
 *
 * Returns: (transfer full) (element-type PolkuClient): the clients
 */
GPtrArray *
polku_client_store_list_finish (PolkuStore    *self,
                                 GAsyncResult  *result,
                                 GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static gpointer
read_client_locked (sqlite3     *db,
                    const char  *id,
                    GError     **error)
{
  return polku_store_take_first (polku_store_select_rows (db, "SELECT " CLIENT_COLUMNS
                                                          " FROM client WHERE id = ?1;",
                                                          id, client_from_row, NULL, NULL,
                                                          _("Reading a client"), error),
                                 error, POLKU_STORE_ERROR, POLKU_STORE_ERROR_NOT_FOUND,
                                 _("There is no client with the id “%s”."), id);
}

/**
 * polku_client_store_get:
 *
 * Returns: (transfer full): the client, or %NULL with POLKU_STORE_ERROR_NOT_FOUND
 */
PolkuClient *
polku_client_store_get (PolkuStore  *self,
                        const char  *id,
                        GError     **error)
{
  g_return_val_if_fail (POLKU_IS_STORE (self), NULL);
  g_return_val_if_fail (id != NULL, NULL);

  return polku_store_get (self, read_client_locked, id, error);
}

/* The names of the fields that differ, for the audit log (names only, never values). */
static char *
changed_fields (PolkuClient *old,
                PolkuClient *new)
{
  static const char * const fields[] = {
    "given-name", "family-name", "hetu", "birth-date", "phone", "email", "address",
    "municipality", NULL
  };
  g_autoptr(GString) names = g_string_new (NULL);

  for (guint i = 0; fields[i] != NULL; i++)
    {
      g_autofree char *a = NULL;
      g_autofree char *b = NULL;

      g_object_get (old, fields[i], &a, NULL);
      g_object_get (new, fields[i], &b, NULL);
      if (g_strcmp0 (a, b) != 0)
        g_string_append_printf (names, "%s%s", names->len > 0 ? "," : "", fields[i]);
    }
  if (polku_client_get_language (old) != polku_client_get_language (new))
    g_string_append_printf (names, "%s%s", names->len > 0 ? "," : "", "language");

  return names->len > 0 ? g_string_free (g_steal_pointer (&names), FALSE) : NULL;
}

typedef struct
{
  PolkuClient *client;
  const char  *id;
  const char  *created;
  const char  *stamp;
  gboolean     insert;
} SaveData;

static gboolean
save_body (PolkuStore  *store,
           sqlite3     *db,
           gpointer     data,
           GError     **error)
{
  SaveData *save = data;
  PolkuClient *client = save->client;
  g_autoptr(PolkuClient) old = NULL;
  g_autofree char *detail = NULL;
  const char *action;
  sqlite3_stmt *stmt;
  gboolean ok;

  if (!save->insert)
    {
      old = read_client_locked (db, save->id, error);
      if (old == NULL)
        return FALSE;
    }

  stmt = polku_store_prepare_cached (db,
                                     save->insert
                                     ? "INSERT INTO client (" CLIENT_COLUMNS ") VALUES"
                                       " (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12,"
                                       " ?13);"
                                     : "UPDATE client SET modified = ?3, given_name = ?4,"
                                       " family_name = ?5, hetu = ?6, birth_date = ?7,"
                                       " language = ?8, phone = ?9, email = ?10, address = ?11,"
                                       " municipality = ?12, archived = ?13"
                                       " WHERE id = ?1 AND created = ?2;",
                                     _("Saving the client"), error);
  if (stmt == NULL)
    return FALSE;

  polku_store_bind_text_or_null (stmt, 1, save->id);
  polku_store_bind_text_or_null (stmt, 2, save->created);
  polku_store_bind_text_or_null (stmt, 3, save->stamp);
  polku_store_bind_text_or_null (stmt, 4, polku_client_get_given_name (client));
  polku_store_bind_text_or_null (stmt, 5, polku_client_get_family_name (client));
  polku_store_bind_text_or_null (stmt, 6, polku_client_get_hetu (client));
  polku_store_bind_text_or_null (stmt, 7, polku_client_get_birth_date (client));
  polku_store_bind_text_or_null (stmt, 8,
                                 polku_language_to_code (polku_client_get_language (client)));
  polku_store_bind_text_or_null (stmt, 9, polku_client_get_phone (client));
  polku_store_bind_text_or_null (stmt, 10, polku_client_get_email (client));
  polku_store_bind_text_or_null (stmt, 11, polku_client_get_address (client));
  polku_store_bind_text_or_null (stmt, 12, polku_client_get_municipality (client));
  sqlite3_bind_int (stmt, 13, polku_client_get_archived (client) ? 1 : 0);
  ok = sqlite3_step (stmt) == SQLITE_DONE;
  if (!ok && sqlite3_extended_errcode (db) == SQLITE_CONSTRAINT_UNIQUE)
    g_set_error (error, POLKU_STORE_ERROR, POLKU_STORE_ERROR_CONSTRAINT,
                 _("Another client already has this identity code."));
  else if (!ok)
    polku_store_set_sqlite_error (error, db, _("Saving the client"));
  else if (!save->insert && sqlite3_changes (db) == 0)
    {
      ok = FALSE;
      g_set_error (error, POLKU_STORE_ERROR, POLKU_STORE_ERROR_NOT_FOUND,
                   _("The client is no longer in the database."));
    }
  polku_store_release (stmt);
  if (!ok)
    return FALSE;

  if (save->insert)
    action = POLKU_AUDIT_CLIENT_CREATE;
  else if (polku_client_get_archived (old) != polku_client_get_archived (client))
    action = polku_client_get_archived (client) ? POLKU_AUDIT_CLIENT_ARCHIVE
                                                : POLKU_AUDIT_CLIENT_RESTORE;
  else
    {
      action = POLKU_AUDIT_CLIENT_UPDATE;
      detail = changed_fields (old, client);
    }
  return polku_audit_append_locked (store, db, action, save->id, detail, error);
}

/**
 * polku_client_store_save:
 *
 * Validates @client and inserts it (when it has no id yet) or updates it. On success
 * the client's id and stamps are set; on failure @client and the database are unchanged
 * (apart from a birth date that validation derived from the identity code).
 */
gboolean
polku_client_store_save (PolkuStore   *self,
                         PolkuClient  *client,
                         GError      **error)
{
  g_autofree char *stamp = NULL;
  g_autofree char *new_id = NULL;
  SaveData save = { client, };

  g_return_val_if_fail (POLKU_IS_STORE (self), FALSE);
  g_return_val_if_fail (POLKU_IS_CLIENT (client), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!polku_client_validate (client, error))
    return FALSE;

  stamp = polku_date_now_stamp ();
  save.stamp = stamp;
  save.insert = polku_client_get_id (client) == NULL;
  if (save.insert)
    {
      new_id = g_uuid_string_random ();
      save.id = new_id;
      save.created = stamp;
    }
  else
    {
      save.id = polku_client_get_id (client);
      save.created = polku_client_get_created (client);
    }

  if (!polku_store_write (self, save_body, &save, error))
    return FALSE;

  polku_client_set_stamps (client, save.id, save.created, stamp);
  return TRUE;
}

/**
 * polku_client_store_set_archived:
 *
 * Archives or restores @client; archived clients are kept, only hidden from lists.
 */
gboolean
polku_client_store_set_archived (PolkuStore   *self,
                                 PolkuClient  *client,
                                 gboolean      archived,
                                 GError      **error)
{
  g_autoptr(PolkuClient) copy = NULL;

  g_return_val_if_fail (POLKU_IS_STORE (self), FALSE);
  g_return_val_if_fail (POLKU_IS_CLIENT (client), FALSE);
  g_return_val_if_fail (polku_client_get_id (client) != NULL, FALSE);

  copy = polku_client_copy (client);
  polku_client_set_archived (copy, archived);
  if (!polku_client_store_save (self, copy, error))
    return FALSE;

  polku_client_update_from (client, copy);
  return TRUE;
}

gint64
polku_client_store_count (PolkuStore  *self,
                          GError     **error)
{
  g_return_val_if_fail (POLKU_IS_STORE (self), -1);

  return polku_store_count (self, "SELECT count(*) FROM client;", NULL, _("Counting clients"),
                            error);
}
