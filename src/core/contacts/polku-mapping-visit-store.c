/* polku-mapping-visit-store.c: mapping visits in the encrypted store
 *
 * A save compares the visit with what is stored and writes only the difference, with one
 * audit entry naming the changed fields and agenda keys (never their contents), in the same
 * transaction.
 *
 * Copyright 2026 The Polku authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "polku-mapping-visit"

#include "config.h"

#include <glib/gi18n.h>

#include "polku-audit-private.h"
#include "polku-id.h"
#include "polku-mapping-visit-private.h"
#include "polku-store-private.h"

/* Columns 0 to 8 set the properties of visit_properties; the timer is set apart. */
#define VISIT_COLUMNS \
  "id, created, modified, client_id, scheduled, place, planned_minutes, held_on, notes, " \
  "elapsed_seconds, running_since"
#define ITEM_COLUMNS "id, item_key, title, hint, done, done_at, note"

static const char * const visit_properties[] = {
  "id", "created", "modified", "client-id", "scheduled", "place", "planned-minutes",
  "held-on", "notes", NULL
};

static gpointer
item_from_row (sqlite3_stmt  *stmt,
               gpointer       user_data,
               GError       **error)
{
  PolkuMappingVisitItem *item;
  const char *key = POLKU_STORE_COL (stmt, 1);
  const char *title = POLKU_STORE_COL (stmt, 2);
  const char *hint = POLKU_STORE_COL (stmt, 3);

  /* Shown in the UI language when the bundled agenda knows the key. */
  polku_mapping_visit_agenda_label (key, &title, &hint);
  item = polku_mapping_visit_item_new (key, title, hint);
  item->id = polku_store_column_dup (stmt, 0);
  item->done = sqlite3_column_int (stmt, 4) != 0;
  item->done_at = polku_store_column_dup (stmt, 5);
  item->note = polku_store_column_dup (stmt, 6);
  return item;
}

static gpointer
visit_from_row (sqlite3_stmt  *stmt,
                gpointer       user_data,
                GError       **error)
{
  PolkuMappingVisit *visit;

  visit = polku_store_object_from_row (stmt, POLKU_TYPE_MAPPING_VISIT, visit_properties, NULL);
  visit->elapsed_seconds = sqlite3_column_int64 (stmt, 9);
  visit->running_since = polku_store_column_dup (stmt, 10);
  return visit;
}

/* The newest visit of @client_id (when @visit_id is NULL) or the visit @visit_id. */
static PolkuMappingVisit *
load_locked (sqlite3     *db,
             const char  *client_id,
             const char  *visit_id,
             GError     **error)
{
  g_autoptr(PolkuMappingVisit) visit = NULL;
  g_autoptr(GPtrArray) items = NULL;
  sqlite3_stmt *stmt;

  /* The callers give a visit's id or a client's, never both. Two statements, each with the
   * index it needs: "?1 IS NULL OR client_id = ?1" made SQLite scan every visit of every
   * client (and fill the page cache with them) at each client's page opened. */
  if (visit_id != NULL)
    stmt = polku_store_prepare_cached (db, "SELECT " VISIT_COLUMNS " FROM mapping_visit"
                                       " WHERE id = ?1;",
                                       _("Reading the mapping visit"), error);
  else
    stmt = polku_store_prepare_cached (db, "SELECT " VISIT_COLUMNS " FROM mapping_visit"
                                       " WHERE client_id = ?1"
                                       " ORDER BY created DESC, id DESC LIMIT 1;",
                                       _("Reading the mapping visit"), error);
  if (stmt == NULL)
    return NULL;
  polku_store_bind_text_or_null (stmt, 1, visit_id != NULL ? visit_id : client_id);
  visit = polku_store_take_first (polku_store_list_rows (db, stmt, visit_from_row, NULL, NULL,
                                                         _("Reading the mapping visit"), error),
                                  error, POLKU_STORE_ERROR, POLKU_STORE_ERROR_NOT_FOUND,
                                  _("There is no mapping visit for this client yet."));
  if (visit == NULL)
    return NULL;

  items = polku_store_select_rows (db, "SELECT " ITEM_COLUMNS " FROM mapping_visit_item"
                                   " WHERE visit_id = ?1 ORDER BY position;",
                                   polku_mapping_visit_get_id (visit), item_from_row, NULL, NULL,
                                   _("Reading the mapping visit"), error);
  if (items == NULL)
    return NULL;
  g_list_store_splice (visit->items, 0, 0, items->pdata, items->len);
  return g_steal_pointer (&visit);
}

static gpointer
get_latest_locked (sqlite3     *db,
                   const char  *client_id,
                   GError     **error)
{
  return load_locked (db, client_id, NULL, error);
}

/**
 * polku_mapping_visit_store_get_latest:
 *
 * Returns: (transfer full): the client's newest mapping visit, or %NULL with
 *   POLKU_STORE_ERROR_NOT_FOUND when there is none
 */
PolkuMappingVisit *
polku_mapping_visit_store_get_latest (PolkuStore  *store,
                                      const char  *client_id,
                                      GError     **error)
{
  g_return_val_if_fail (POLKU_IS_STORE (store), NULL);
  g_return_val_if_fail (client_id != NULL, NULL);

  return polku_store_get (store, get_latest_locked, client_id, error);
}

static gboolean
insert_item_locked (sqlite3                *db,
                    const char             *visit_id,
                    guint                   position,
                    const char             *item_id,
                    PolkuMappingVisitItem  *item,
                    const char             *stamp,
                    GError                **error)
{
  sqlite3_stmt *stmt;

  stmt = polku_store_prepare_cached (db, "INSERT INTO mapping_visit_item (id, created, modified,"
                                     " visit_id, position, item_key, title, hint, done, done_at,"
                                     " note) VALUES (?1, ?2, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10);",
                                     _("Saving the mapping visit"), error);
  if (stmt == NULL)
    return FALSE;
  polku_store_bind_text_or_null (stmt, 1, item_id);
  polku_store_bind_text_or_null (stmt, 2, stamp);
  polku_store_bind_text_or_null (stmt, 3, visit_id);
  sqlite3_bind_int (stmt, 4, position);
  polku_store_bind_text_or_null (stmt, 5, item->key);
  polku_store_bind_text_or_null (stmt, 6, item->title);
  polku_store_bind_text_or_null (stmt, 7, item->hint);
  sqlite3_bind_int (stmt, 8, item->done ? 1 : 0);
  polku_store_bind_text_or_null (stmt, 9, item->done_at);
  polku_store_bind_text_or_null (stmt, 10, item->note);
  return polku_store_step_done (db, stmt, _("Saving the mapping visit"), error);
}

/**
 * polku_mapping_visit_new:
 * @client_id: whose visit
 * @agenda: (nullable): a #GListModel of #PolkuMappingVisitItem (e.g. from
 *   polku_mapping_visit_agenda_load_file ()), or %NULL for the bundled agenda
 *
 * Makes a visit that is not stored yet, with the agenda copied into it.
 *
 * Returns: (transfer full): the visit, or %NULL with @error set (the bundled agenda is
 *   broken)
 */
PolkuMappingVisit *
polku_mapping_visit_new (const char  *client_id,
                         GListModel  *agenda,
                         GError     **error)
{
  g_autoptr(GListModel) default_agenda = NULL;
  g_autoptr(PolkuMappingVisit) visit = NULL;
  guint planned = POLKU_MAPPING_VISIT_DEFAULT_MINUTES;
  guint n;

  g_return_val_if_fail (client_id != NULL, NULL);
  g_return_val_if_fail (agenda == NULL || G_IS_LIST_MODEL (agenda), NULL);

  if (agenda == NULL)
    {
      default_agenda = polku_mapping_visit_agenda_dup_default (&planned, error);
      if (default_agenda == NULL)
        return NULL;
      agenda = default_agenda;
    }

  visit = g_object_new (POLKU_TYPE_MAPPING_VISIT, "client-id", client_id, NULL);
  visit->planned_minutes = planned;
  n = g_list_model_get_n_items (agenda);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(PolkuMappingVisitItem) template = g_list_model_get_item (agenda, i);
      g_autoptr(PolkuMappingVisitItem) item =
        polku_mapping_visit_item_new (template->key, template->title, template->hint);

      g_list_store_append (visit->items, item);
    }
  return g_steal_pointer (&visit);
}

/* Runs @sql (a literal: the statement cache's key), an INSERT or UPDATE of one visit: ?1 @id,
 * ?2 @stamp, ?3 the client, ?4 to ?10 the fields. */
static gboolean
write_visit_locked (sqlite3            *db,
                    const char         *sql,
                    PolkuMappingVisit  *visit,
                    const char         *id,
                    const char         *stamp,
                    GError            **error)
{
  sqlite3_stmt *stmt = polku_store_prepare_cached (db, sql, _("Saving the mapping visit"),
                                                   error);

  if (stmt == NULL)
    return FALSE;
  polku_store_bind_text_or_null (stmt, 1, id);
  polku_store_bind_text_or_null (stmt, 2, stamp);
  polku_store_bind_text_or_null (stmt, 3, polku_mapping_visit_get_client_id (visit));
  polku_store_bind_text_or_null (stmt, 4, visit->scheduled);
  polku_store_bind_text_or_null (stmt, 5, visit->place);
  sqlite3_bind_int (stmt, 6, visit->planned_minutes);
  sqlite3_bind_int64 (stmt, 7, visit->elapsed_seconds);
  polku_store_bind_text_or_null (stmt, 8, visit->running_since);
  polku_store_bind_text_or_null (stmt, 9, visit->held_on);
  polku_store_bind_text_or_null (stmt, 10, visit->notes);
  return polku_store_step_done (db, stmt, _("Saving the mapping visit"), error);
}

typedef struct
{
  PolkuMappingVisit  *visit;
  const char         *id;
  const char         *stamp;
  GPtrArray          *item_ids;
} VisitAdd;

static gboolean
add_body (PolkuStore  *store,
          sqlite3     *db,
          gpointer     data,
          GError     **error)
{
  const VisitAdd *add = data;
  PolkuMappingVisit *visit = add->visit;
  const char *client_id = polku_mapping_visit_get_client_id (visit);
  g_autofree char *detail = g_strdup_printf ("visit=%s", add->id);

  if (!polku_store_check_client_locked (db, client_id, error)
      || !write_visit_locked (db, "INSERT INTO mapping_visit (id, created, modified, client_id,"
                              " scheduled, place, planned_minutes, elapsed_seconds,"
                              " running_since, held_on, notes)"
                              " VALUES (?1, ?2, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10);",
                              visit, add->id, add->stamp, error))
    return FALSE;
  for (guint i = 0; i < add->item_ids->len; i++)
    {
      g_autoptr(PolkuMappingVisitItem) item =
        g_list_model_get_item (G_LIST_MODEL (visit->items), i);

      if (!insert_item_locked (db, add->id, i, g_ptr_array_index (add->item_ids, i), item,
                               add->stamp, error))
        return FALSE;
    }
  return polku_audit_append_locked (store, db, POLKU_AUDIT_MAPPING_VISIT_CREATE, client_id,
                                    detail, error);
}

/**
 * polku_mapping_visit_store_add:
 * @visit: a new visit (from polku_mapping_visit_new ())
 *
 * Validates and stores @visit with its agenda, with an audit entry. Sets its id and stamps.
 */
gboolean
polku_mapping_visit_store_add (PolkuStore         *store,
                               PolkuMappingVisit  *visit,
                               GError            **error)
{
  g_autofree char *stamp = NULL;
  g_autofree char *id = NULL;
  g_autoptr(GPtrArray) item_ids = g_ptr_array_new_with_free_func (g_free);
  VisitAdd add = { visit, };
  guint n;

  g_return_val_if_fail (POLKU_IS_STORE (store), FALSE);
  g_return_val_if_fail (POLKU_IS_MAPPING_VISIT (visit), FALSE);
  g_return_val_if_fail (polku_mapping_visit_get_id (visit) == NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!polku_mapping_visit_validate (visit, error))
    return FALSE;

  stamp = polku_date_now_stamp ();
  id = polku_id_new ();
  n = g_list_model_get_n_items (G_LIST_MODEL (visit->items));
  for (guint i = 0; i < n; i++)
    g_ptr_array_add (item_ids, polku_id_new ());
  add.id = id;
  add.stamp = stamp;
  add.item_ids = item_ids;
  if (!polku_store_write (store, add_body, &add, error))
    return FALSE;

  polku_record_set_stamps (POLKU_RECORD (visit), id, stamp, stamp);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(PolkuMappingVisitItem) item = g_list_model_get_item (G_LIST_MODEL (visit->items),
                                                                     i);

      item->id = g_strdup (g_ptr_array_index (item_ids, i));
    }
  polku_mapping_visit_notify_all (visit);
  return TRUE;
}

/**
 * polku_mapping_visit_store_create:
 * @agenda: (nullable): the agenda, or %NULL for the bundled one
 *
 * Makes and stores a new mapping visit for @client_id.
 *
 * Returns: (transfer full): the stored visit, or %NULL with @error set
 */
PolkuMappingVisit *
polku_mapping_visit_store_create (PolkuStore  *store,
                                  const char  *client_id,
                                  GListModel  *agenda,
                                  GError     **error)
{
  g_autoptr(PolkuMappingVisit) visit = NULL;

  g_return_val_if_fail (POLKU_IS_STORE (store), NULL);
  g_return_val_if_fail (client_id != NULL, NULL);

  visit = polku_mapping_visit_new (client_id, agenda, error);
  if (visit == NULL || !polku_mapping_visit_store_add (store, visit, error))
    return NULL;
  return g_steal_pointer (&visit);
}

static void
append_name (GString    *list,
             const char *name)
{
  g_string_append_printf (list, "%s%s", list->len > 0 ? "," : "", name);
}

typedef struct
{
  PolkuMappingVisit  *visit;
  const char         *stamp;
  gboolean            changed;  /* out */
} VisitSave;

/* The names of the fields that differ from @old, comma-separated (names only). */
static void
list_changed_fields (GString            *fields,
                     PolkuMappingVisit  *old,
                     PolkuMappingVisit  *visit)
{
  if (g_strcmp0 (old->scheduled, visit->scheduled) != 0)
    append_name (fields, "scheduled");
  if (g_strcmp0 (old->place, visit->place) != 0)
    append_name (fields, "place");
  if (old->planned_minutes != visit->planned_minutes)
    append_name (fields, "planned_minutes");
  if (g_strcmp0 (old->held_on, visit->held_on) != 0)
    append_name (fields, "held_on");
  if (g_strcmp0 (old->notes, visit->notes) != 0)
    append_name (fields, "notes");
  if (old->elapsed_seconds != visit->elapsed_seconds
      || g_strcmp0 (old->running_since, visit->running_since) != 0)
    append_name (fields, "timer");
}

static gboolean
update_item_locked (sqlite3                *db,
                    const char             *visit_id,
                    PolkuMappingVisitItem  *item,
                    const char             *stamp,
                    GError                **error)
{
  sqlite3_stmt *stmt;

  stmt = polku_store_prepare_cached (db, "UPDATE mapping_visit_item SET modified = ?3, done = ?4,"
                                     " done_at = ?5, note = ?6"
                                     " WHERE visit_id = ?1 AND item_key = ?2;",
                                     _("Saving the mapping visit"), error);
  if (stmt == NULL)
    return FALSE;
  polku_store_bind_text_or_null (stmt, 1, visit_id);
  polku_store_bind_text_or_null (stmt, 2, item->key);
  polku_store_bind_text_or_null (stmt, 3, stamp);
  sqlite3_bind_int (stmt, 4, item->done ? 1 : 0);
  polku_store_bind_text_or_null (stmt, 5, item->done_at);
  polku_store_bind_text_or_null (stmt, 6, item->note);
  return polku_store_step_done (db, stmt, _("Saving the mapping visit"), error);
}

static gboolean
save_body (PolkuStore  *store,
           sqlite3     *db,
           gpointer     data,
           GError     **error)
{
  VisitSave *save = data;
  PolkuMappingVisit *visit = save->visit;
  const char *id = polku_mapping_visit_get_id (visit);
  g_autoptr(PolkuMappingVisit) old = NULL;
  g_autoptr(GString) fields = g_string_new (NULL);
  g_autoptr(GString) keys = g_string_new (NULL);
  g_autofree char *detail = NULL;

  old = load_locked (db, NULL, id, error);
  if (old == NULL)
    return FALSE;
  list_changed_fields (fields, old, visit);
  if (fields->len > 0
      && !write_visit_locked (db, "UPDATE mapping_visit SET modified = ?2, scheduled = ?4,"
                              " place = ?5, planned_minutes = ?6, elapsed_seconds = ?7,"
                              " running_since = ?8, held_on = ?9, notes = ?10"
                              " WHERE id = ?1;",
                              visit, id, save->stamp, error))
    return FALSE;

  /* Agenda items: only done and note change after the visit is made. */
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (visit->items)); i++)
    {
      g_autoptr(PolkuMappingVisitItem) item =
        g_list_model_get_item (G_LIST_MODEL (visit->items), i);
      PolkuMappingVisitItem *before = polku_mapping_visit_lookup_item (old, item->key);

      if (before == NULL)
        continue;
      if (before->done == item->done && g_strcmp0 (before->note, item->note) == 0)
        continue;

      append_name (keys, item->key);
      if (!update_item_locked (db, id, item, save->stamp, error))
        return FALSE;
    }

  save->changed = fields->len > 0 || keys->len > 0;
  if (!save->changed)
    return TRUE;
  detail = g_strdup_printf ("visit=%s%s%s%s%s", id,
                            fields->len > 0 ? " fields=" : "", fields->str,
                            keys->len > 0 ? " items=" : "", keys->str);
  return polku_audit_append_locked (store, db, POLKU_AUDIT_MAPPING_VISIT_UPDATE,
                                    polku_mapping_visit_get_client_id (visit), detail, error);
}

/**
 * polku_mapping_visit_store_save:
 *
 * Validates @visit and writes what changed since it was read (fields, timer, agenda
 * items), with one audit entry. Saving an unchanged visit writes nothing.
 */
gboolean
polku_mapping_visit_store_save (PolkuStore         *store,
                                PolkuMappingVisit  *visit,
                                GError            **error)
{
  g_autofree char *stamp = NULL;
  VisitSave save = { visit, };

  g_return_val_if_fail (POLKU_IS_STORE (store), FALSE);
  g_return_val_if_fail (POLKU_IS_MAPPING_VISIT (visit), FALSE);
  g_return_val_if_fail (polku_mapping_visit_get_id (visit) != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!polku_mapping_visit_validate (visit, error))
    return FALSE;

  stamp = polku_date_now_stamp ();
  save.stamp = stamp;
  if (!polku_store_write (store, save_body, &save, error))
    return FALSE;
  if (save.changed)
    polku_record_set_stamps (POLKU_RECORD (visit), polku_mapping_visit_get_id (visit),
                             polku_mapping_visit_get_created (visit), stamp);
  return TRUE;
}

static void
get_latest_thread (GTask        *task,
                   gpointer      source_object,
                   gpointer      task_data,
                   GCancellable *cancellable)
{
  GError *error = NULL;
  PolkuMappingVisit *visit = polku_mapping_visit_store_get_latest (source_object, task_data,
                                                                   &error);

  if (visit != NULL)
    g_task_return_pointer (task, visit, g_object_unref);
  else
    g_task_return_error (task, error);
}

/**
 * polku_mapping_visit_store_get_latest_async:
 *
 * Reads the client's newest mapping visit in a thread; see
 * polku_mapping_visit_store_get_latest().
 */
void
polku_mapping_visit_store_get_latest_async (PolkuStore          *store,
                                            const char          *client_id,
                                            GCancellable        *cancellable,
                                            GAsyncReadyCallback  callback,
                                            gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (POLKU_IS_STORE (store));
  g_return_if_fail (client_id != NULL);

  task = g_task_new (store, cancellable, callback, user_data);
  g_task_set_source_tag (task, polku_mapping_visit_store_get_latest_async);
  g_task_set_task_data (task, g_strdup (client_id), g_free);
  g_task_run_in_thread (task, get_latest_thread);
}

/**
 * polku_mapping_visit_store_get_latest_finish:
 *
 * Returns: (transfer full): the client's newest mapping visit, or %NULL with
 *   POLKU_STORE_ERROR_NOT_FOUND when there is none
 */
PolkuMappingVisit *
polku_mapping_visit_store_get_latest_finish (PolkuStore    *store,
                                             GAsyncResult  *result,
                                             GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, store), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
