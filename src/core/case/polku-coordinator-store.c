/* polku-coordinator-store.c: the coordinator of a client's case, in the store
 *
 * Copyright 2026 The Polku authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "polku-coordinator-store"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "polku-case-private.h"
#include "polku-case-store.h"
#include "polku-coordinator-store.h"
#include "polku-id.h"

static gboolean
invalid (GError     **error,
         const char  *message)
{
  g_set_error (error, POLKU_CASE_ERROR, POLKU_CASE_ERROR_INVALID, "%s", message);
  return FALSE;
}

#define PERIOD_SELECT \
  "SELECT id, created, modified, client_id, person, started_on, ended_on, set_by" \
  " FROM coordinator_period WHERE "

static const char * const period_properties[] = {
  "id", "created", "modified", "client-id", "person", "started-on", "ended-on", "set-by", NULL
};

static gpointer
get_period_locked (sqlite3     *db,
                   const char  *id,
                   GError     **error)
{
  GPtrArray *list = polku_store_select_objects (db, PERIOD_SELECT "id = ?1;", id,
                                                POLKU_TYPE_COORDINATOR_PERIOD, period_properties,
                                                _("Reading the coordinator"), error);

  return polku_store_take_first (list, error, POLKU_CASE_ERROR, POLKU_CASE_ERROR_NOT_FOUND,
                                 _("There is no coordinator period with the id “%s”."), id);
}

/* The current period (NULL without an error when there is none); the partial unique index
 * coordinator_period_one_current finds it. */
static PolkuCoordinatorPeriod *
get_current_locked (sqlite3     *db,
                    const char  *client_id,
                    GError     **error)
{
  g_autoptr(GPtrArray) list = polku_store_select_objects (db,
                                                          PERIOD_SELECT "client_id = ?1"
                                                          " AND ended_on IS NULL;",
                                                          client_id,
                                                          POLKU_TYPE_COORDINATOR_PERIOD,
                                                          period_properties,
                                                          _("Reading the coordinator"), error);

  if (list == NULL || list->len == 0)
    return NULL;
  return g_object_ref (g_ptr_array_index (list, 0));
}

/* The client's case: its phase and the day it was opened. Fails with NOT_FOUND when there
 * is no case (nothing to coordinate yet) or no client. */
static gboolean
read_case_locked (sqlite3     *db,
                  const char  *client_id,
                  char       **out_phase,
                  char       **out_opened_on,
                  GError     **error)
{
  sqlite3_stmt *stmt;
  int rc;

  if (!polku_store_check_client_locked (db, client_id, error))
    return FALSE;
  stmt = polku_store_prepare_cached (db,
                                     "SELECT c.phase, (SELECT min (h.changed_on)"
                                     " FROM case_phase_change h"
                                     " WHERE h.client_id = c.client_id) FROM client_case c"
                                     " WHERE c.client_id = ?1;",
                                     _("Reading the case"), error);
  if (stmt == NULL)
    return FALSE;
  polku_store_bind_text_or_null (stmt, 1, client_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      *out_phase = polku_store_column_dup (stmt, 0);
      *out_opened_on = polku_store_column_dup (stmt, 1);
    }
  else if (rc == SQLITE_DONE)
    g_set_error (error, POLKU_CASE_ERROR, POLKU_CASE_ERROR_NOT_FOUND,
                 _("No case has been opened for this client yet, so there is nothing to "
                   "coordinate: flag a warning sign or open the case first. Nothing was "
                   "changed."));
  else
    polku_store_set_sqlite_error (error, db, _("Reading the case"));
  polku_store_release (stmt);
  return rc == SQLITE_ROW;
}

typedef struct
{
  const char *client_id;
  const char *person;     /* NULL: end the current period, name no one */
  const char *date;
  char        id[40];     /* the period to read back: the new one, or the one ended */
} CoordinatorChange;

static gboolean
change_body (PolkuStore  *store,
             sqlite3     *db,
             gpointer     data,
             GError     **error)
{
  CoordinatorChange *change = data;
  g_autoptr(PolkuCoordinatorPeriod) current = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *phase = NULL;
  g_autofree char *opened_on = NULL;
  g_autofree char *stamp = polku_date_now_stamp ();
  g_autofree char *detail = NULL;
  g_autofree char *new_id = NULL;

  if (!read_case_locked (db, change->client_id, &phase, &opened_on, error))
    return FALSE;
  current = get_current_locked (db, change->client_id, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  if (change->person == NULL)
    {
      if (current == NULL)
        return invalid (error, _("The client has no coordinator to end. Nothing was "
                                 "changed."));
    }
  else
    {
      if (g_str_equal (phase, "closed"))
        return invalid (error, _("The case is closed: move it back to an open phase before "
                                 "naming a coordinator. Nothing was changed."));
      if (current != NULL
          && g_str_equal (polku_coordinator_period_get_person (current), change->person))
        {
          g_set_error (error, POLKU_CASE_ERROR, POLKU_CASE_ERROR_INVALID,
                       _("%s is the client’s coordinator already. Nothing was changed."),
                       change->person);
          return FALSE;
        }
      if (opened_on != NULL && strcmp (change->date, opened_on) < 0)
        {
          g_set_error (error, POLKU_CASE_ERROR, POLKU_CASE_ERROR_INVALID,
                       _("The coordinator cannot start on %s, before the case was opened on "
                         "%s. Nothing was changed."), change->date, opened_on);
          return FALSE;
        }
    }
  if (current != NULL
      && strcmp (change->date, polku_coordinator_period_get_started_on (current)) < 0)
    {
      g_set_error (error, POLKU_CASE_ERROR, POLKU_CASE_ERROR_INVALID,
                   _("The change cannot be dated %s: the current coordinator started on %s. "
                     "Nothing was changed."),
                   change->date, polku_coordinator_period_get_started_on (current));
      return FALSE;
    }

  /* End the current period first: the partial unique index refuses a second open one. */
  if (current != NULL
      && !polku_store_run (db,
                           "UPDATE coordinator_period SET modified = ?2, ended_on = ?3"
                           " WHERE id = ?1;",
                           _("Changing the coordinator"), error, 3,
                           polku_coordinator_period_get_id (current), stamp, change->date))
    return FALSE;

  if (change->person != NULL)
    {
      new_id = polku_id_new ();
      if (!polku_store_run (db,
                            "INSERT INTO coordinator_period (id, created, modified, client_id,"
                            " person, started_on, set_by) VALUES (?1, ?2, ?2, ?3, ?4, ?5, ?6);",
                            _("Naming the coordinator"), error, 6, new_id, stamp,
                            change->client_id, change->person, change->date,
                            polku_store_get_actor_locked (store)))
        return FALSE;
    }

  /* Ids only: the names are in the periods. */
  if (current != NULL && new_id != NULL)
    detail = g_strdup_printf ("ended=%s period=%s", polku_coordinator_period_get_id (current),
                              new_id);
  else if (current != NULL)
    detail = g_strdup_printf ("ended=%s", polku_coordinator_period_get_id (current));
  else
    detail = g_strdup_printf ("period=%s", new_id);
  g_strlcpy (change->id, new_id != NULL ? new_id : polku_coordinator_period_get_id (current),
             sizeof change->id);
  return polku_audit_append_locked (store, db, "case.coordinator", change->client_id, detail,
                                    error);
}

static PolkuCoordinatorPeriod *
change (PolkuStore  *store,
        const char  *client_id,
        const char  *person,
        const char  *date,
        GError     **error)
{
  g_autofree char *today = polku_date_today ();
  CoordinatorChange data = { client_id, person, NULL, { 0 } };

  if (date == NULL)
    date = today;
  if (!polku_date_check (date, today, POLKU_CASE_ERROR, POLKU_CASE_ERROR_INVALID, error))
    return NULL;
  data.date = date;
  /* The id is read back from the buffer the body fills in. */
  return polku_store_write_get (store, change_body, &data, get_period_locked, data.id, error);
}

/**
 * polku_coordinator_store_set:
 * @person: the coordinator's name, as the store records the actor when they work
 * @date: (nullable): from when (default today); not in the future, not before the case was
 *   opened nor before the current coordinator started
 *
 * Names @person the coordinator of the client's case; the current coordinator's period
 * ends on @date in the same transaction. Refused (POLKU_CASE_ERROR_INVALID, nothing
 * changed) when @person is the coordinator already or the case is closed;
 * POLKU_CASE_ERROR_NOT_FOUND when the client has no case.
 *
 * Returns: (transfer full): the new period
 */
PolkuCoordinatorPeriod *
polku_coordinator_store_set (PolkuStore  *store,
                             const char  *client_id,
                             const char  *person,
                             const char  *date,
                             GError     **error)
{
  g_autofree char *name = polku_strdup_stripped (person);

  g_return_val_if_fail (POLKU_IS_STORE (store), NULL);
  g_return_val_if_fail (client_id != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (name == NULL)
    {
      invalid (error, _("Name the coordinator. Nothing was changed."));
      return NULL;
    }
  return change (store, client_id, name, date, error);
}

/**
 * polku_coordinator_store_end:
 * @date: (nullable): default today
 *
 * Ends the current coordinator's period without naming another: the client goes back to
 * the queue (e.g. the coordinator left the service).
 *
 * Returns: (transfer full): the period that ended
 */
PolkuCoordinatorPeriod *
polku_coordinator_store_end (PolkuStore  *store,
                             const char  *client_id,
                             const char  *date,
                             GError     **error)
{
  g_return_val_if_fail (POLKU_IS_STORE (store), NULL);
  g_return_val_if_fail (client_id != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return change (store, client_id, NULL, date, error);
}

static gpointer
get_current_or_none_locked (sqlite3     *db,
                            const char  *client_id,
                            GError     **error)
{
  return get_current_locked (db, client_id, error);
}

/**
 * polku_coordinator_store_get_current:
 *
 * Returns: (transfer full) (nullable): the current coordinator's period, or %NULL (without
 *   an error) when the client has none
 */
PolkuCoordinatorPeriod *
polku_coordinator_store_get_current (PolkuStore  *store,
                                     const char  *client_id,
                                     GError     **error)
{
  g_return_val_if_fail (POLKU_IS_STORE (store), NULL);
  g_return_val_if_fail (client_id != NULL, NULL);

  return polku_store_get (store, get_current_or_none_locked, client_id, error);
}

/**
 * polku_coordinator_store_list_history:
 *
 * Returns: (transfer full) (element-type PolkuCoordinatorPeriod): who has coordinated the
 *   case and when, oldest first; the one without an end is the current coordinator
 */
GPtrArray *
polku_coordinator_store_list_history (PolkuStore  *store,
                                      const char  *client_id,
                                      GError     **error)
{
  g_return_val_if_fail (POLKU_IS_STORE (store), NULL);
  g_return_val_if_fail (client_id != NULL, NULL);

  return polku_store_list_objects (store,
                                   PERIOD_SELECT "client_id = ?1"
                                   " ORDER BY started_on, ended_on IS NULL, created, rowid;",
                                   client_id, POLKU_TYPE_COORDINATOR_PERIOD, period_properties,
                                   _("Reading the coordinator history"), error);
}

/**
 * polku_coordinator_store_count_caseload:
 * @person: a coordinator's name
 *
 * The size of @person's caseload: the open cases of clients not archived whose current
 * coordinator @person is. Read through the index of open periods by person, on the store's
 * reader (committed periods only; not inside polku_store_write ()): a caseload of
 * thousands takes tens of milliseconds, which a client's page would otherwise wait for.
 *
 * Returns: the count, or -1 with @error
 */
gint64
polku_coordinator_store_count_caseload (PolkuStore  *store,
                                        const char  *person,
                                        GError     **error)
{
  sqlite3_stmt *stmt;
  gint64 count = -1;
  sqlite3 *db;

  g_return_val_if_fail (POLKU_IS_STORE (store), -1);
  g_return_val_if_fail (person != NULL, -1);

  db = polku_store_begin_read (store, error);
  if (db == NULL)
    return -1;
  stmt = polku_store_prepare_cached (db,
                                     "SELECT count (*) FROM coordinator_period p"
                                     " JOIN client_case c ON c.client_id = p.client_id"
                                     " JOIN client k ON k.id = p.client_id"
                                     " WHERE p.person = ?1 AND p.ended_on IS NULL"
                                     " AND c.phase <> 'closed' AND k.archived = 0;",
                                     _("Counting the caseload"), error);
  if (stmt != NULL)
    {
      polku_store_bind_text_or_null (stmt, 1, person);
      if (sqlite3_step (stmt) == SQLITE_ROW)
        count = sqlite3_column_int64 (stmt, 0);
      else
        polku_store_set_sqlite_error (error, db, _("Counting the caseload"));
      polku_store_release (stmt);
    }
  polku_store_end_read (store, db);
  return count;
}

/**
 * polku_coordinator_store_list_coordinators:
 *
 * Returns: (transfer full): the names of everyone who coordinates a case now, sorted
 */
GStrv
polku_coordinator_store_list_coordinators (PolkuStore  *store,
                                           GError     **error)
{
  g_autoptr(GStrvBuilder) names = g_strv_builder_new ();
  sqlite3_stmt *stmt;
  sqlite3 *db;
  int rc = SQLITE_ERROR;

  g_return_val_if_fail (POLKU_IS_STORE (store), NULL);

  db = polku_store_begin_use (store, error);
  if (db == NULL)
    return NULL;
  /* The index coordinator_period_person holds every open period's person: each name is
   * one step in it to the next greater name, instead of a walk over every open period
   * (thousands at county size, read on the window's main thread). */
  stmt = polku_store_prepare_cached (db,
                                     "WITH RECURSIVE coordinator (person) AS"
                                     " (SELECT min (person) FROM coordinator_period"
                                     "   WHERE ended_on IS NULL"
                                     "  UNION ALL"
                                     "  SELECT (SELECT min (p.person) FROM coordinator_period p"
                                     "   WHERE p.ended_on IS NULL"
                                     "   AND p.person > coordinator.person)"
                                     "  FROM coordinator WHERE coordinator.person IS NOT NULL)"
                                     " SELECT person FROM coordinator WHERE person IS NOT NULL;",
                                     _("Reading the coordinators"), error);
  if (stmt != NULL)
    {
      while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
        g_strv_builder_add (names, POLKU_STORE_COL (stmt, 0));
      if (rc != SQLITE_DONE)
        polku_store_set_sqlite_error (error, db, _("Reading the coordinators"));
      polku_store_release (stmt);
    }
  polku_store_end_use (store);
  if (rc != SQLITE_DONE)
    return NULL;
  return g_strv_builder_end (names);
}

static const char * const waiting_properties[] = {
  "client-id", "given-name", "family-name", "phase", "identified-on", "waiting-since", NULL
};

/* @user_data: today, a GDate */
static gpointer
waiting_from_row (sqlite3_stmt  *stmt,
                  gpointer       user_data,
                  GError       **error)
{
  const GDate *today = user_data;
  const char *since = POLKU_STORE_COL (stmt, 5);
  GDate date;
  int days = 0;

  g_date_clear (&date, 1);
  if (since != NULL)
    g_date_set_parse (&date, since);
  if (g_date_valid (&date))
    days = g_date_days_between (&date, today);
  return polku_store_object_from_row (stmt, POLKU_TYPE_COORDINATOR_WAITING, waiting_properties,
                                      "days-waiting", (guint) MAX (days, 0),
                                      NULL);
}

/**
 * polku_coordinator_store_list_queue:
 *
 * The queue: clients (not archived) whose case is open (not closed) and who have no
 * coordinator, the earliest identified first.
 *
 * Returns: (transfer full) (element-type PolkuCoordinatorWaiting): the clients waiting
 */
GPtrArray *
polku_coordinator_store_list_queue (PolkuStore  *store,
                                    GError     **error)
{
  g_autoptr(GDateTime) now = polku_date_now_local ();
  GPtrArray *queue;
  GDate today;
  sqlite3 *db;

  g_return_val_if_fail (POLKU_IS_STORE (store), NULL);

  g_date_clear (&today, 1);
  g_date_set_dmy (&today, g_date_time_get_day_of_month (now), g_date_time_get_month (now),
                  g_date_time_get_year (now));
  /* The open cases through the index of phases (every phase but closed, named so that
   * the index is used), "no coordinator" through the open periods' partial unique index;
   * the identification day is the case's first phase change. On the store's reader
   * (committed cases only; not inside polku_store_write ()): at county size it reads every
   * open case, which a client's page would otherwise wait for. */
  db = polku_store_begin_read (store, error);
  if (db == NULL)
    return NULL;
  queue = polku_store_select_rows (
    db,
    "SELECT client_id, given_name, family_name, phase, identified_on,"
    " CASE WHEN last_end > identified_on THEN last_end"
    " ELSE identified_on END FROM"
    " (SELECT c.client_id, k.given_name, k.family_name, c.phase,"
    "   (SELECT min (h.changed_on) FROM case_phase_change h"
    "     WHERE h.client_id = c.client_id) AS identified_on,"
    "   (SELECT max (p.ended_on) FROM coordinator_period p"
    "     WHERE p.client_id = c.client_id) AS last_end,"
    "   k.id AS kid"
    "  FROM client_case c JOIN client k ON k.id = c.client_id"
    "  WHERE c.phase IN ('identified', 'consent', 'contacted',"
    "   'visit_prepared', 'visit_held', 'coordination') AND k.archived = 0"
    "  AND NOT EXISTS (SELECT 1 FROM coordinator_period o"
    "    WHERE o.client_id = c.client_id AND o.ended_on IS NULL))"
    " ORDER BY identified_on, family_name, given_name, kid;",
    NULL, waiting_from_row, &today, NULL, _("Reading the queue"), error);
  polku_store_end_read (store, db);
  return queue;
}

/* ---- For the case store: the period ends when the case closes ---- */

/**
 * polku_coordinator_store_end_locked:
 * @db: the connection of the polku_store_write () body this runs in
 * @date: the day of the phase change
 * @phase: the phase the case moves to (its code), for the audit entry
 *
 * Closing a case ends its coordinator's period in the same transaction, so the case leaves
 * the caseload and the coordinator's name with it; reopening it names no one again (the
 * client waits in the queue). A case closed before this rule may still hold a period:
 * reopening ends that one.
 */
gboolean
polku_coordinator_store_end_locked (PolkuStore  *store,
                                    sqlite3     *db,
                                    const char  *client_id,
                                    const char  *date,
                                    const char  *phase,
                                    GError     **error)
{
  g_autoptr(PolkuCoordinatorPeriod) current = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *stamp = NULL;
  g_autofree char *detail = NULL;
  const char *started_on;

  g_return_val_if_fail (POLKU_IS_STORE (store), FALSE);
  g_return_val_if_fail (db != NULL && client_id != NULL && date != NULL && phase != NULL,
                        FALSE);

  current = get_current_locked (db, client_id, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  if (current == NULL)
    return TRUE;

  /* ended_on >= started_on (the schema's CHECK): a change dated earlier ends it that day. */
  started_on = polku_coordinator_period_get_started_on (current);
  if (strcmp (date, started_on) < 0)
    date = started_on;
  stamp = polku_date_now_stamp ();
  if (!polku_store_run (db,
                        "UPDATE coordinator_period SET modified = ?2, ended_on = ?3"
                        " WHERE id = ?1;",
                        _("Changing the coordinator"), error, 3,
                        polku_coordinator_period_get_id (current), stamp, date))
    return FALSE;
  detail = g_strdup_printf ("ended=%s phase=%s", polku_coordinator_period_get_id (current),
                            phase);
  return polku_audit_append_locked (store, db, "case.coordinator", client_id, detail, error);
}
