/* polku-followup-store.c: follow-up tasks (seuranta) in the store
 *
 * Copyright 2026 The Polku authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "polku-followup-store"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "polku-case-private.h"
#include "polku-followup-store.h"
#include "polku-id.h"
#include "polku-limits.h"

G_DEFINE_QUARK (polku-followup-error-quark, polku_followup_error)

static gboolean
invalid (GError     **error,
         const char  *message)
{
  g_set_error (error, POLKU_FOLLOWUP_ERROR, POLKU_FOLLOWUP_ERROR_INVALID, "%s", message);
  return FALSE;
}

#define FOLLOWUP_SELECT \
  "SELECT f.id, f.created, f.modified, f.client_id, k.given_name || ' ' || k.family_name," \
  " f.title, f.due_on, f.assignee, f.created_by, f.done_on, f.done_by" \
  " FROM followup f JOIN client k ON k.id = f.client_id WHERE "
#define FOLLOWUP_ORDER \
  " ORDER BY f.done_on IS NOT NULL, f.due_on, k.family_name, k.given_name, f.created, f.rowid;"

static const char * const followup_properties[] = {
  "id", "created", "modified", "client-id", "client-name", "title", "due-on", "assignee",
  "created-by", "done-on", "done-by", NULL
};

static gpointer
get_locked (sqlite3     *db,
            const char  *id,
            GError     **error)
{
  GPtrArray *list = polku_store_select_objects (db, FOLLOWUP_SELECT "f.id = ?1" FOLLOWUP_ORDER,
                                                id, POLKU_TYPE_FOLLOWUP, followup_properties,
                                                _("Reading the follow-ups"), error);

  return polku_store_take_first (list, error, POLKU_FOLLOWUP_ERROR, POLKU_FOLLOWUP_ERROR_NOT_FOUND,
                                 _("There is no follow-up with the id “%s”."), id);
}

/**
 * polku_followup_store_list:
 *
 * Returns: (transfer full) (element-type PolkuFollowup): the client's follow-ups, open ones
 *   first, by due date
 */
GPtrArray *
polku_followup_store_list (PolkuStore  *store,
                           const char  *client_id,
                           gboolean     include_done,
                           GError     **error)
{
  g_return_val_if_fail (POLKU_IS_STORE (store), NULL);
  g_return_val_if_fail (client_id != NULL, NULL);

  return polku_store_list_objects (store,
                                   include_done
                                   ? FOLLOWUP_SELECT "f.client_id = ?1" FOLLOWUP_ORDER
                                   : FOLLOWUP_SELECT "f.client_id = ?1 AND f.done_on IS NULL"
                                     FOLLOWUP_ORDER,
                                   client_id, POLKU_TYPE_FOLLOWUP, followup_properties,
                                   _("Reading the follow-ups"), error);
}

/**
 * polku_followup_store_list_due:
 * @until: (nullable): the last due date to include (YYYY-MM-DD), or %NULL for every open
 *   follow-up
 *
 * The "upcoming and overdue" list across all clients that are not archived: open
 * follow-ups due on or before @until, the most overdue first.
 *
 * Read on the store's reader connection (the follow-ups committed so far; not inside
 * polku_store_write ()): a county has thousands due, and the window counts them in a thread
 * while a client's page reads under the store's lock.
 *
 * Returns: (transfer full) (element-type PolkuFollowup): the follow-ups
 */
GPtrArray *
polku_followup_store_list_due (PolkuStore  *store,
                               const char  *until,
                               GError     **error)
{
  GPtrArray *due;
  sqlite3 *db;

  g_return_val_if_fail (POLKU_IS_STORE (store), NULL);

  if (until != NULL
      && !polku_date_check (until, NULL, POLKU_FOLLOWUP_ERROR, POLKU_FOLLOWUP_ERROR_INVALID,
                            error))
    return NULL;

  db = polku_store_begin_read (store, error);
  if (db == NULL)
    return NULL;
  /* Two statements rather than "?1 IS NULL OR f.due_on <= ?1", which keeps SQLite from
   * using the due date of the index on (client_id, due_on). */
  due = polku_store_select_objects (db,
                                    until != NULL
                                    ? FOLLOWUP_SELECT "f.done_on IS NULL AND k.archived = 0"
                                      " AND f.due_on <= ?1" FOLLOWUP_ORDER
                                    : FOLLOWUP_SELECT "f.done_on IS NULL AND k.archived = 0"
                                      FOLLOWUP_ORDER,
                                    until, POLKU_TYPE_FOLLOWUP, followup_properties,
                                    _("Reading the follow-ups"), error);
  polku_store_end_read (store, db);
  return due;
}

/* @today: (nullable): default today. An open follow-up whose due date has passed. */
gboolean
polku_followup_is_overdue (PolkuFollowup *followup,
                           const char    *today)
{
  g_autofree char *now = NULL;

  g_return_val_if_fail (POLKU_IS_FOLLOWUP (followup), FALSE);

  if (today == NULL)
    today = now = polku_date_today ();
  return polku_followup_get_done_on (followup) == NULL
         && g_strcmp0 (polku_followup_get_due_on (followup), today) < 0;
}

/* A follow-up to add: @draft with its title and assignee cleaned. */
typedef struct
{
  const char     *id;
  PolkuFollowup  *draft;
  const char     *title;
  const char     *assignee;
} FollowupAdd;

static gboolean
add_body (PolkuStore  *store,
          sqlite3     *db,
          gpointer     data,
          GError     **error)
{
  const FollowupAdd *followup = data;
  const char *id = followup->id;
  const char *client_id = polku_followup_get_client_id (followup->draft);
  g_autofree char *today = polku_date_today ();
  g_autofree char *stamp = polku_date_now_stamp ();
  g_autofree char *detail = NULL;

  if (!polku_case_ensure_locked (store, db, client_id, today, error))
    return FALSE;
  if (!polku_store_run (db,
                        "INSERT INTO followup (id, created, modified, client_id, title,"
                        " due_on, assignee, created_by) VALUES (?1, ?2, ?2, ?3, ?4, ?5, ?6,"
                        " ?7);",
                        _("Saving the follow-up"), error, 7, id, stamp, client_id, followup->title,
                        polku_followup_get_due_on (followup->draft), followup->assignee,
                        polku_store_get_actor_locked (store)))
    return FALSE;

  detail = g_strdup_printf ("followup=%s", id);
  return polku_audit_append_locked (store, db, "followup.add", client_id, detail, error);
}

/**
 * polku_followup_store_add:
 * @draft: a #PolkuFollowup with client-id, title, due-on and optionally assignee
 *
 * Returns: (transfer full): the stored follow-up
 */
PolkuFollowup *
polku_followup_store_add (PolkuStore     *store,
                          PolkuFollowup  *draft,
                          GError        **error)
{
  g_autofree char *id = polku_id_new ();
  g_autofree char *title = NULL;
  g_autofree char *assignee = NULL;
  FollowupAdd followup = { id, draft, };
  const char *client_id;
  const char *due_on;

  g_return_val_if_fail (POLKU_IS_STORE (store), NULL);
  g_return_val_if_fail (POLKU_IS_FOLLOWUP (draft), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  client_id = polku_followup_get_client_id (draft);
  due_on = polku_followup_get_due_on (draft);
  title = polku_strdup_stripped (polku_followup_get_title (draft));
  assignee = polku_strdup_stripped (polku_followup_get_assignee (draft));
  if (client_id == NULL)
    {
      invalid (error, _("Say which client the follow-up is for."));
      return NULL;
    }
  if (title == NULL)
    {
      invalid (error, _("Say what is to be followed up."));
      return NULL;
    }
  if (!polku_check_length (title, POLKU_LIMIT_TEXT, _("What is to be followed up"),
                           POLKU_FOLLOWUP_ERROR, POLKU_FOLLOWUP_ERROR_INVALID, error)
      || !polku_check_length (assignee, POLKU_LIMIT_NAME, _("Who follows it up"),
                              POLKU_FOLLOWUP_ERROR, POLKU_FOLLOWUP_ERROR_INVALID, error))
    return NULL;
  if (!polku_date_check (due_on, NULL, POLKU_FOLLOWUP_ERROR, POLKU_FOLLOWUP_ERROR_INVALID,
                         error))
    return NULL;

  followup.title = title;
  followup.assignee = assignee;
  return polku_store_write_get (store, add_body, &followup, get_locked, id, error);
}

static gboolean
done_locked (PolkuStore  *store,
             sqlite3     *db,
             const char  *id,
             const char  *date,
             GError     **error)
{
  g_autoptr(PolkuFollowup) followup = get_locked (db, id, error);
  g_autofree char *stamp = polku_date_now_stamp ();
  g_autofree char *detail = NULL;

  if (followup == NULL)
    return FALSE;
  if (polku_followup_get_done_on (followup) != NULL)
    return invalid (error, _("The follow-up is done already."));

  /* OR FAIL, one row by its id: no statement journal (see set_phase_body () in
   * polku-case-store.c); the table has no UPDATE trigger. */
  if (!polku_store_run (db,
                        "UPDATE OR FAIL followup SET modified = ?2, done_on = ?3, done_by = ?4"
                        " WHERE id = ?1;", _("Saving the follow-up"), error, 4, id, stamp, date,
                        polku_store_get_actor_locked (store)))
    return FALSE;

  detail = g_strdup_printf ("followup=%s", id);
  return polku_audit_append_locked (store, db, "followup.done",
                                    polku_followup_get_client_id (followup), detail, error);
}

/**
 * polku_followup_store_done:
 * @date: (nullable): when it was done (default today; not in the future)
 *
 * Returns: (transfer full): the follow-up after the change
 */
PolkuFollowup *
polku_followup_store_done (PolkuStore  *store,
                           const char  *followup_id,
                           const char  *date,
                           GError     **error)
{
  g_autofree char *today = polku_date_today ();

  g_return_val_if_fail (POLKU_IS_STORE (store), NULL);
  g_return_val_if_fail (followup_id != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (date == NULL)
    date = today;
  if (!polku_date_check (date, NULL, POLKU_FOLLOWUP_ERROR, POLKU_FOLLOWUP_ERROR_INVALID,
                         error))
    return NULL;
  if (strcmp (date, today) > 0)
    {
      invalid (error, _("A follow-up cannot be done in the future."));
      return NULL;
    }

  return polku_case_write_dated (store, done_locked, get_locked, followup_id, date, error);
}
