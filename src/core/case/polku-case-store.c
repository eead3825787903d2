/* polku-case-store.c: a client's case in the store: phases, warning signs, review, notes
 *
 * Copyright 2026 The Polku authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "polku-case-store"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "polku-case-private.h"
#include "polku-case-store.h"
#include "polku-id.h"
#include "polku-limits.h"

G_DEFINE_QUARK (polku-case-error-quark, polku_case_error)

static gboolean
insert_phase_change (PolkuStore  *store,
                     sqlite3     *db,
                     const char  *case_id,
                     const char  *client_id,
                     const char  *from_phase,
                     const char  *to_phase,
                     const char  *date,
                     const char  *reason_code,
                     const char  *reason,
                     GError     **error)
{
  g_autofree char *id = polku_id_new ();
  g_autofree char *stamp = polku_date_now_stamp ();

  return polku_store_run (db,
                          "INSERT INTO case_phase_change (id, created, modified, case_id,"
                          " client_id, from_phase, to_phase, changed_on, actor, reason,"
                          " reason_code) VALUES (?1, ?2, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10);",
                          _("Recording the phase"), error, 10, id, stamp, case_id, client_id,
                          from_phase, to_phase, date, polku_store_get_actor_locked (store), reason,
                          reason_code);
}

/* Returns the case's id (and its phase), or NULL without an error when there is none. */
static char *
find_case_locked (sqlite3     *db,
                  const char  *client_id,
                  char       **out_phase,
                  char       **out_since,
                  GError     **error)
{
  g_autofree char *id = NULL;
  sqlite3_stmt *stmt;
  int rc;

  stmt = polku_store_prepare_cached (db,
                                     "SELECT id, phase, phase_since FROM client_case"
                                     " WHERE client_id = ?1;",
                                     _("Reading the case"), error);
  if (stmt == NULL)
    return NULL;
  polku_store_bind_text_or_null (stmt, 1, client_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      id = g_strdup (POLKU_STORE_COL (stmt, 0));
      if (out_phase != NULL)
        *out_phase = g_strdup (POLKU_STORE_COL (stmt, 1));
      if (out_since != NULL)
        *out_since = g_strdup (POLKU_STORE_COL (stmt, 2));
    }
  else if (rc != SQLITE_DONE)
    polku_store_set_sqlite_error (error, db, _("Reading the case"));
  polku_store_release (stmt);
  return g_steal_pointer (&id);
}

gboolean
polku_case_ensure_locked (PolkuStore  *store,
                          sqlite3     *db,
                          const char  *client_id,
                          const char  *date,
                          GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autofree char *case_id = NULL;
  g_autofree char *stamp = NULL;
  g_autofree char *detail = NULL;

  if (!polku_store_check_client_locked (db, client_id, error))
    return FALSE;

  case_id = find_case_locked (db, client_id, NULL, NULL, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  if (case_id != NULL)
    return TRUE;

  case_id = polku_id_new ();
  stamp = polku_date_now_stamp ();
  if (!polku_store_run (db,
                        "INSERT INTO client_case (id, created, modified, client_id, phase,"
                        " phase_since) VALUES (?1, ?2, ?2, ?3, 'identified', ?4);",
                        _("Opening the case"), error, 4, case_id, stamp, client_id, date))
    return FALSE;

  detail = g_strdup_printf ("case=%s", case_id);
  return insert_phase_change (store, db, case_id, client_id, NULL, "identified", date, NULL,
                              NULL, error)
         && polku_audit_append_locked (store, db, "case.open", client_id, detail, error);
}

/* Reading cases */

#define CASE_SELECT \
  "SELECT c.id, c.created, c.modified, c.client_id, c.phase, c.phase_since," \
  /* closed_reason holds the code itself when no words were given: read as none */ \
  " CASE WHEN c.closed_reason IS c.closed_code THEN NULL ELSE c.closed_reason END," \
  " c.closed_code, c.review_on," \
  " (SELECT p.person FROM coordinator_period p" \
  "   WHERE p.client_id = c.client_id AND p.ended_on IS NULL)," \
  " (SELECT p.started_on FROM coordinator_period p" \
  "   WHERE p.client_id = c.client_id AND p.ended_on IS NULL)," \
  " (SELECT count (*) FROM warning_sign s" \
  "   WHERE s.client_id = c.client_id AND s.retracted_on IS NULL)" \
  " FROM client_case c JOIN client k ON k.id = c.client_id"

static const char * const case_properties[] = {
  "id", "created", "modified", "client-id", "phase", "phase-since", "closed-reason",
  "closed-code", "review-on", "coordinator", "coordinator-since", "n-signs", NULL
};

/* The names of the client's current responsible workers, the earliest named first (the
 * index responsible_period_client_open finds them); NULL with @error when the read fails. */
static GStrv
list_responsible_workers_locked (sqlite3     *db,
                                 const char  *client_id,
                                 GError     **error)
{
  g_autoptr(GStrvBuilder) names = g_strv_builder_new ();
  sqlite3_stmt *stmt;
  int rc;

  stmt = polku_store_prepare_cached (db,
                                     "SELECT m.person FROM responsible_period r"
                                     " JOIN team_member m ON m.id = r.member_id"
                                     " WHERE r.client_id = ?1 AND r.ended_on IS NULL"
                                     " ORDER BY r.started_on, r.created, r.rowid;",
                                     _("Reading the responsible workers"), error);
  if (stmt == NULL)
    return NULL;
  polku_store_bind_text_or_null (stmt, 1, client_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_strv_builder_add (names, POLKU_STORE_COL (stmt, 0));
  if (rc != SQLITE_DONE)
    polku_store_set_sqlite_error (error, db, _("Reading the responsible workers"));
  polku_store_release (stmt);
  return rc == SQLITE_DONE ? g_strv_builder_end (names) : NULL;
}

/* @user_data: today's date */
static gpointer
case_from_row (sqlite3_stmt  *stmt,
               gpointer       user_data,
               GError       **error)
{
  const char *today = user_data;
  g_auto(GStrv) responsible = NULL;
  gboolean consent_valid;

  consent_valid = polku_consent_check_locked (sqlite3_db_handle (stmt), POLKU_STORE_COL (stmt, 3),
                                              NULL, NULL, today, NULL);
  responsible = list_responsible_workers_locked (sqlite3_db_handle (stmt),
                                                 POLKU_STORE_COL (stmt, 3), error);
  if (responsible == NULL)
    return NULL;
  return polku_store_object_from_row (stmt, POLKU_TYPE_CASE, case_properties,
                                      "consent-valid", consent_valid,
                                      "responsible-workers", responsible,
                                      NULL);
}

static gpointer
get_case_locked (sqlite3     *db,
                 const char  *client_id,
                 GError     **error)
{
  g_autofree char *today = polku_date_today ();
  GPtrArray *list = polku_store_select_rows (db, CASE_SELECT " WHERE c.client_id = ?1;",
                                             client_id, case_from_row, today, NULL,
                                             _("Reading the case"), error);

  return polku_store_take_first (list, error, POLKU_CASE_ERROR, POLKU_CASE_ERROR_NOT_FOUND,
                                 _("No case has been opened for this client yet: flag a "
                                   "warning sign first."));
}

/**
 * polku_case_store_get:
 *
 * Returns: (transfer full): the client's case, or %NULL with POLKU_CASE_ERROR_NOT_FOUND
 *   when none has been opened
 */
PolkuCase *
polku_case_store_get (PolkuStore  *store,
                      const char  *client_id,
                      GError     **error)
{
  g_return_val_if_fail (POLKU_IS_STORE (store), NULL);
  g_return_val_if_fail (client_id != NULL, NULL);

  return polku_store_get (store, get_case_locked, client_id, error);
}

typedef struct
{
  PolkuCaseDatedFunc  change;
  const char         *id;
  const char         *date;
} DatedChange;

static gboolean
dated_body (PolkuStore  *store,
            sqlite3     *db,
            gpointer     data,
            GError     **error)
{
  const DatedChange *dated = data;

  return dated->change (store, db, dated->id, dated->date, error);
}

gpointer
polku_case_write_dated (PolkuStore          *store,
                        PolkuCaseDatedFunc   change,
                        PolkuStoreGetFunc    get,
                        const char          *id,
                        const char          *date,
                        GError             **error)
{
  DatedChange dated = { change, id, date };

  return polku_store_write_get (store, dated_body, &dated, get, id, error);
}

gpointer
polku_case_write_on_date (PolkuStore          *store,
                          PolkuCaseDatedFunc   change,
                          PolkuStoreGetFunc    get,
                          const char          *id,
                          const char          *date,
                          GQuark               domain,
                          int                  code,
                          GError             **error)
{
  g_autofree char *today = polku_date_today ();

  if (date == NULL)
    date = today;
  if (!polku_date_check (date, today, domain, code, error))
    return NULL;
  return polku_case_write_dated (store, change, get, id, date, error);
}

/**
 * polku_case_store_open:
 * @date: (nullable): when the client was identified (default today)
 *
 * Opens the client's case in phase "identified", unless it has one already.
 *
 * Returns: (transfer full): the case
 */
PolkuCase *
polku_case_store_open (PolkuStore  *store,
                       const char  *client_id,
                       const char  *date,
                       GError     **error)
{
  g_return_val_if_fail (POLKU_IS_STORE (store), NULL);
  g_return_val_if_fail (client_id != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return polku_case_write_on_date (store, polku_case_ensure_locked, get_case_locked, client_id,
                                   date, POLKU_CASE_ERROR, POLKU_CASE_ERROR_INVALID, error);
}

typedef struct
{
  const char      *client_id;
  PolkuCasePhase   phase;
  const char      *date;
  const char      *reason_code;
  const char      *reason;
} PhaseChange;

static gboolean
set_phase_body (PolkuStore  *store,
                sqlite3     *db,
                gpointer     data,
                GError     **error)
{
  const PhaseChange *change = data;
  const char *client_id = change->client_id;
  PolkuCasePhase phase = change->phase;
  const char *date = change->date;
  const char *reason_code = change->reason_code;
  /* The closing reason's words are required by the schema: the code stands in for none. */
  const char *reason = change->reason != NULL ? change->reason : reason_code;
  g_autofree char *case_id = NULL;
  g_autofree char *current = NULL;
  g_autofree char *since = NULL;
  g_autofree char *stamp = polku_date_now_stamp ();
  g_autofree char *detail = NULL;
  const char *code = polku_case_phase_to_code (phase);
  g_autoptr(GError) local_error = NULL;

  if (!polku_case_ensure_locked (store, db, client_id, date, error))
    return FALSE;
  case_id = find_case_locked (db, client_id, &current, &since, &local_error);
  if (case_id == NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  if (g_str_equal (current, code))
    {
      g_set_error (error, POLKU_CASE_ERROR, POLKU_CASE_ERROR_INVALID,
                   _("The case is already in the phase “%s”."),
                   polku_case_phase_get_label (phase));
      return FALSE;
    }
  if (strcmp (date, since) < 0)
    {
      g_set_error (error, POLKU_CASE_ERROR, POLKU_CASE_ERROR_INVALID,
                   _("The change cannot be dated %s: the current phase began on %s."),
                   date, since);
      return FALSE;
    }

  /* The consent gate: past identification only with a valid consent (closing is always
   * possible, e.g. when the client does not give consent). */
  if (phase != POLKU_CASE_PHASE_IDENTIFIED && phase != POLKU_CASE_PHASE_CLOSED
      && !polku_consent_check_locked (db, client_id, NULL, NULL, date, error))
    {
      g_prefix_error (error, _("The case cannot move past identification. "));
      return FALSE;
    }

  /* OR FAIL: an UPDATE whose constraint may ABORT needs a statement journal, which SQLCipher
   * 3.4 encrypts page by page; this one changes one row (the case's id), checked before it
   * is written, so FAIL and ABORT leave the same: nothing of this statement, the same
   * error. The table has no UPDATE trigger, and no foreign key column changes. */
  if (!polku_store_run (db,
                        "UPDATE OR FAIL client_case SET modified = ?2, phase = ?3,"
                        " phase_since = ?4,"
                        " closed_reason = ?5, closed_code = ?6 WHERE id = ?1;",
                        _("Changing the phase"), error, 6, case_id, stamp, code, date,
                        phase == POLKU_CASE_PHASE_CLOSED ? reason : NULL,
                        phase == POLKU_CASE_PHASE_CLOSED ? reason_code : NULL))
    return FALSE;

  /* A closed case has no coordinator: closing ends the period, and reopening names no one
   * again (it ends a period a case closed before this rule still holds). */
  if ((phase == POLKU_CASE_PHASE_CLOSED || g_str_equal (current, "closed"))
      && !polku_coordinator_store_end_locked (store, db, client_id, date, code, error))
    return FALSE;

  /* Ids and field names only; the phases themselves are in the phase history. */
  detail = g_strdup_printf ("case=%s field=phase", case_id);
  return insert_phase_change (store, db, case_id, client_id, current, code, date, reason_code,
                              reason, error)
         && polku_audit_append_locked (store, db, "case.phase", client_id, detail, error);
}

/**
 * polku_case_store_set_phase:
 * @date: (nullable): the date of the change (default today); not in the future and not
 *   before the current phase began
 * @reason_code: (nullable): why the case is closed, an id of the closing-reasons list
 *   (polku_closing_reasons_get_default ()): required for %POLKU_CASE_PHASE_CLOSED, and only
 *   for it
 * @reason: (nullable): the words: optional, except for a closing reason that needs them
 *   ("other")
 *
 * Moves the case to @phase (forward or back), opening it first when needed. Any phase past
 * identification needs a valid consent on @date: without one this fails with
 * POLKU_CONSENT_ERROR_NO_CONSENT and nothing changes. A reason that is not in the list, or
 * without the words it needs, fails with POLKU_CASE_ERROR_INVALID. Closing ends the
 * coordinator's period on @date in the same transaction (the case leaves the caseload);
 * reopening names no coordinator, so the client waits in the queue.
 *
 * Returns: (transfer full): the case after the change
 */
PolkuCase *
polku_case_store_set_phase (PolkuStore      *store,
                            const char      *client_id,
                            PolkuCasePhase   phase,
                            const char      *date,
                            const char      *reason_code,
                            const char      *reason,
                            GError         **error)
{
  g_autofree char *today = polku_date_today ();
  g_autofree char *clean_reason = polku_strdup_stripped (reason);
  g_autofree char *clean_code = polku_strdup_stripped (reason_code);
  PhaseChange change = { client_id, phase, NULL, NULL, NULL };

  g_return_val_if_fail (POLKU_IS_STORE (store), NULL);
  g_return_val_if_fail (client_id != NULL, NULL);
  g_return_val_if_fail (phase < POLKU_CASE_N_PHASES, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (date == NULL)
    date = today;
  if (!polku_date_check (date, today, POLKU_CASE_ERROR, POLKU_CASE_ERROR_INVALID, error)
      || !polku_check_length (clean_reason, POLKU_LIMIT_TEXT, _("The reason"),
                              POLKU_CASE_ERROR, POLKU_CASE_ERROR_INVALID, error))
    return NULL;
  if (phase == POLKU_CASE_PHASE_CLOSED)
    {
      g_autoptr(PolkuClosingReasons) reasons = polku_closing_reasons_get_default (error);
      g_autoptr(GError) local_error = NULL;

      if (reasons == NULL)
        return NULL;
      if (!polku_closing_reasons_check (reasons, clean_code, clean_reason, &local_error))
        {
          g_set_error (error, POLKU_CASE_ERROR, POLKU_CASE_ERROR_INVALID,
                       _("%s Nothing was changed."), local_error->message);
          return NULL;
        }
    }
  else if (clean_code != NULL)
    {
      g_set_error (error, POLKU_CASE_ERROR, POLKU_CASE_ERROR_INVALID,
                   _("A closing reason is given only when the case is closed. Nothing was "
                     "changed."));
      return NULL;
    }

  change.date = date;
  change.reason_code = clean_code;
  change.reason = clean_reason;
  return polku_store_write_get (store, set_phase_body, &change, get_case_locked, client_id,
                                error);
}

static const char * const phase_change_properties[] = {
  "id", "created", "modified", "client-id", "from-phase", "to-phase", "changed-on", "actor",
  "reason", "reason-code", NULL
};

/**
 * polku_case_store_list_phases:
 *
 * Returns: (transfer full) (element-type PolkuCasePhaseChange): the phase history, oldest
 *   first (empty when no case has been opened)
 */
GPtrArray *
polku_case_store_list_phases (PolkuStore  *store,
                              const char  *client_id,
                              GError     **error)
{
  g_return_val_if_fail (POLKU_IS_STORE (store), NULL);
  g_return_val_if_fail (client_id != NULL, NULL);

  return polku_store_list_objects (store,
                                   "SELECT id, created, modified, client_id, from_phase,"
                                   " to_phase, changed_on, actor,"
                                   /* the code stands in for no words: read as none */
                                   " CASE WHEN reason IS reason_code THEN NULL ELSE reason END,"
                                   " reason_code FROM case_phase_change"
                                   " WHERE client_id = ?1 ORDER BY changed_on, created, rowid;",
                                   client_id, POLKU_TYPE_CASE_PHASE_CHANGE,
                                   phase_change_properties,
                                   _("Reading the phase history"), error);
}

static gboolean
set_review_locked (PolkuStore  *store,
                   sqlite3     *db,
                   const char  *client_id,
                   const char  *review_on,
                   GError     **error)
{
  g_autofree char *today = polku_date_today ();
  g_autofree char *stamp = polku_date_now_stamp ();
  sqlite3_stmt *stmt;

  if (!polku_case_ensure_locked (store, db, client_id, today, error))
    return FALSE;
  /* OR FAIL, one row (client_id is UNIQUE): no statement journal, as in set_phase_body (). */
  stmt = polku_store_prepare_cached (db, "UPDATE OR FAIL client_case SET modified = ?2,"
                                     " review_on = ?3 WHERE client_id = ?1;",
                                     _("Setting the review date"), error);
  if (stmt == NULL)
    return FALSE;
  polku_store_bind_text_or_null (stmt, 1, client_id);
  polku_store_bind_text_or_null (stmt, 2, stamp);
  polku_store_bind_text_or_null (stmt, 3, review_on);
  return polku_store_step_done (db, stmt, _("Setting the review date"), error)
         && polku_audit_append_locked (store, db, "case.review", client_id,
                                       review_on != NULL ? "field=review_on" :
                                       "field=review_on cleared", error);
}

/**
 * polku_case_store_set_review:
 * @review_on: (nullable): the next review date, or %NULL for none
 *
 * Returns: (transfer full): the case after the change
 */
PolkuCase *
polku_case_store_set_review (PolkuStore  *store,
                             const char  *client_id,
                             const char  *review_on,
                             GError     **error)
{
  g_return_val_if_fail (POLKU_IS_STORE (store), NULL);
  g_return_val_if_fail (client_id != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (review_on != NULL
      && !polku_date_check (review_on, NULL, POLKU_CASE_ERROR, POLKU_CASE_ERROR_INVALID, error))
    return NULL;

  return polku_case_write_dated (store, set_review_locked, get_case_locked, client_id,
                                 review_on, error);
}

/**
 * polku_case_store_list:
 * @filter: (nullable): which cases; %NULL for all of non-archived clients
 *
 * Returns: (transfer full) (element-type PolkuCase): the cases in the order of the clients'
 *   names
 */
GPtrArray *
polku_case_store_list (PolkuStore             *store,
                       const PolkuCaseFilter  *filter,
                       GError                **error)
{
  static const PolkuCaseFilter all = POLKU_CASE_FILTER_INIT;
  g_autofree char *today = polku_date_today ();
  GPtrArray *result = NULL;
  sqlite3_stmt *stmt;
  sqlite3 *db;

  g_return_val_if_fail (POLKU_IS_STORE (store), NULL);

  if (filter == NULL)
    filter = &all;
  if (filter->phase >= POLKU_CASE_N_PHASES)
    {
      g_set_error (error, POLKU_CASE_ERROR, POLKU_CASE_ERROR_INVALID, _("No such phase."));
      return NULL;
    }
  if (filter->review_due_by != NULL
      && !polku_date_check (filter->review_due_by, NULL, POLKU_CASE_ERROR,
                            POLKU_CASE_ERROR_INVALID, error))
    return NULL;

  db = polku_store_begin_use (store, error);
  if (db == NULL)
    return NULL;
  stmt = polku_store_prepare_cached (db,
                                     CASE_SELECT
                                     " WHERE (?1 IS NULL OR c.phase = ?1)"
                                     " AND (?2 IS NULL OR EXISTS (SELECT 1"
                                     "      FROM responsible_period r"
                                     "      JOIN team_member m ON m.id = r.member_id"
                                     "      WHERE r.client_id = c.client_id AND r.ended_on IS NULL"
                                     "      AND m.person = ?2))"
                                     /* the caseload (open cases), through the open periods'
                                      * index by person */
                                     " AND (?5 IS NULL OR (c.phase <> 'closed'"
                                     "      AND c.client_id IN (SELECT p.client_id"
                                     "      FROM coordinator_period p"
                                     "      WHERE p.person = ?5 AND p.ended_on IS NULL)))"
                                     " AND (?3 IS NULL OR (c.phase <> 'closed'"
                                     "      AND (c.review_on <= ?3"
                                     "      OR EXISTS (SELECT 1 FROM followup f"
                                     "                 WHERE f.client_id = c.client_id"
                                     "                 AND f.done_on IS NULL AND f.due_on <= ?3))))"
                                     " AND (k.archived = 0 OR ?4)"
                                     " ORDER BY k.family_name, k.given_name, k.id;",
                                     _("Reading the cases"), error);
  if (stmt != NULL)
    {
      polku_store_bind_text_or_null (stmt, 1, filter->phase >= 0
                                              ? polku_case_phase_to_code (filter->phase) : NULL);
      polku_store_bind_text_or_null (stmt, 2, filter->responsible);
      polku_store_bind_text_or_null (stmt, 3, filter->review_due_by);
      sqlite3_bind_int (stmt, 4, filter->include_archived ? 1 : 0);
      polku_store_bind_text_or_null (stmt, 5, filter->coordinator);
      result = polku_store_list_rows (db, stmt, case_from_row, today, NULL,
                                      _("Reading the cases"), error);
    }
  polku_store_end_use (store);
  return result;
}

/* Warning signs */

#define SIGN_COLUMNS \
  "id, created, modified, client_id, group_id, item_id, reason, flagged_by, flagged_on," \
  " service_point, recorded_by, retracted_on, retracted_by, source_sector"

static const char * const sign_properties[] = {
  "id", "created", "modified", "client-id", "group-id", "item-id", "reason", "flagged-by",
  "flagged-on", "service-point", "recorded-by", "retracted-on", "retracted-by", "source-sector",
  NULL
};

static gpointer
get_sign_locked (sqlite3     *db,
                 const char  *sign_id,
                 GError     **error)
{
  GPtrArray *list = polku_store_select_objects (db,
                                                "SELECT " SIGN_COLUMNS " FROM warning_sign"
                                                " WHERE id = ?1;",
                                                sign_id, POLKU_TYPE_CASE_SIGN, sign_properties,
                                                _("Reading a warning sign"), error);

  return polku_store_take_first (list, error, POLKU_CASE_ERROR, POLKU_CASE_ERROR_NOT_FOUND,
                                 _("There is no warning sign with the id “%s”."), sign_id);
}

static gboolean
required (const char  *value,
          const char  *what,
          GError     **error)
{
  if (value != NULL)
    return TRUE;
  g_set_error (error, POLKU_CASE_ERROR, POLKU_CASE_ERROR_INVALID, "%s", what);
  return FALSE;
}

/* Who flagged the client: a sector of the list; a professional names the unit and the
 * person, the client or a relative need not. */
static gboolean
check_sign_source (const char  *sector,
                   const char  *service_point,
                   const char  *flagged_by,
                   GError     **error)
{
  if (!required (sector, _("Say who flagged the client: the source sector is one of health, "
                           "social, third_sector, private, client or relative. Nothing was "
                           "changed."), error))
    return FALSE;
  if (!g_strv_contains (polku_case_sign_sector_codes (), sector))
    {
      g_set_error (error, POLKU_CASE_ERROR, POLKU_CASE_ERROR_INVALID,
                   _("Unknown source sector “%s”: use health, social, third_sector, private, "
                     "client or relative. Nothing was changed."), sector);
      return FALSE;
    }
  if (!polku_case_sign_sector_is_professional (sector))
    return TRUE;
  return required (service_point, _("Say which unit flagged the client: a professional’s "
                                    "warning sign names the service point. Nothing was "
                                    "changed."), error)
         && required (flagged_by, _("Say who flagged the client: a professional’s warning "
                                    "sign names the person. Nothing was changed."), error);
}

/* A sign to add: @draft with its text fields cleaned. */
typedef struct
{
  const char     *id;
  PolkuCaseSign  *draft;
  const char     *reason;
  const char     *source_sector;
  const char     *flagged_by;
  const char     *flagged_on;
  const char     *service_point;
} SignAdd;

static gboolean
add_sign_body (PolkuStore  *store,
               sqlite3     *db,
               gpointer     data,
               GError     **error)
{
  const SignAdd *sign = data;
  const char *id = sign->id;
  const char *client_id = polku_case_sign_get_client_id (sign->draft);
  const char *flagged_on = sign->flagged_on;
  g_autofree char *stamp = polku_date_now_stamp ();
  g_autofree char *detail = NULL;

  if (!polku_case_ensure_locked (store, db, client_id, flagged_on, error))
    return FALSE;
  if (!polku_store_run (db,
                        "INSERT INTO warning_sign (" SIGN_COLUMNS ") VALUES"
                        " (?1, ?2, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, NULL, NULL, ?11);",
                        _("Saving the warning sign"), error, 11, id, stamp, client_id,
                        polku_case_sign_get_group_id (sign->draft),
                        polku_case_sign_get_item_id (sign->draft), sign->reason,
                        sign->flagged_by, flagged_on, sign->service_point,
                        polku_store_get_actor_locked (store), sign->source_sector))
    return FALSE;

  /* Not the group or item: which sign it is says something about the client. */
  detail = g_strdup_printf ("sign=%s", id);
  return polku_audit_append_locked (store, db, "sign.add", client_id, detail, error);
}

/**
 * polku_case_store_add_sign:
 * @checklist: the checklist the sign's group and item come from
 * @draft: a #PolkuCaseSign with client-id, group-id, item-id, reason, source-sector,
 *   service-point, flagged-by and flagged-on (default: today)
 *
 * Flags a warning sign for the client; the first one opens the case (one sign is enough
 * to propose the client). The source is coded: a professional's sign (health, social,
 * third_sector, private) names the unit (service-point) and the person (flagged-by, default
 * the store's actor); the client's own or a relative's report may name neither (flagged-by
 * may be the relative's name).
 *
 * Returns: (transfer full): the stored sign
 */
PolkuCaseSign *
polku_case_store_add_sign (PolkuStore      *store,
                           PolkuChecklist  *checklist,
                           PolkuCaseSign   *draft,
                           GError         **error)
{
  g_autofree char *today = polku_date_today ();
  g_autofree char *id = polku_id_new ();
  g_autofree char *reason = NULL;
  g_autofree char *sector = NULL;
  g_autofree char *flagged_by = NULL;
  g_autofree char *service_point = NULL;
  g_autofree char *actor = NULL;
  const char *client_id;
  const char *flagged_on;
  SignAdd sign = { id, draft, };

  g_return_val_if_fail (POLKU_IS_STORE (store), NULL);
  g_return_val_if_fail (POLKU_IS_CHECKLIST (checklist), NULL);
  g_return_val_if_fail (POLKU_IS_CASE_SIGN (draft), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  client_id = polku_case_sign_get_client_id (draft);
  reason = polku_strdup_stripped (polku_case_sign_get_reason (draft));
  sector = polku_strdup_stripped (polku_case_sign_get_source_sector (draft));
  flagged_by = polku_strdup_stripped (polku_case_sign_get_flagged_by (draft));
  service_point = polku_strdup_stripped (polku_case_sign_get_service_point (draft));
  /* A professional who records their own sign need not type their name. */
  actor = polku_store_dup_actor (store);
  if (flagged_by == NULL && polku_case_sign_sector_is_professional (sector))
    flagged_by = g_steal_pointer (&actor);
  flagged_on = polku_case_sign_get_flagged_on (draft);
  if (!polku_check_length (reason, POLKU_LIMIT_TEXT, _("The reason"), POLKU_CASE_ERROR,
                           POLKU_CASE_ERROR_INVALID, error)
      || !polku_check_length (flagged_by, POLKU_LIMIT_NAME, _("Who flagged the client"),
                              POLKU_CASE_ERROR, POLKU_CASE_ERROR_INVALID, error)
      || !polku_check_length (service_point, POLKU_LIMIT_NAME, _("The service point"),
                              POLKU_CASE_ERROR, POLKU_CASE_ERROR_INVALID, error))
    return NULL;
  if (flagged_on == NULL)
    flagged_on = today;

  if (!required (client_id, _("Say which client the warning sign is about."), error)
      || !polku_checklist_check_item (checklist, polku_case_sign_get_group_id (draft),
                                      polku_case_sign_get_item_id (draft), error)
      || !required (reason, _("Say why: a warning sign needs a reason."), error)
      || !check_sign_source (sector, service_point, flagged_by, error)
      || !polku_date_check (flagged_on, today, POLKU_CASE_ERROR, POLKU_CASE_ERROR_INVALID,
                            error))
    return NULL;

  sign.reason = reason;
  sign.source_sector = sector;
  sign.flagged_by = flagged_by;
  sign.flagged_on = flagged_on;
  sign.service_point = service_point;
  return polku_store_write_get (store, add_sign_body, &sign, get_sign_locked, id, error);
}

static gboolean
retract_sign_locked (PolkuStore  *store,
                     sqlite3     *db,
                     const char  *sign_id,
                     const char  *date,
                     GError     **error)
{
  g_autoptr(PolkuCaseSign) sign = get_sign_locked (db, sign_id, error);
  g_autofree char *stamp = polku_date_now_stamp ();
  g_autofree char *detail = NULL;

  if (sign == NULL)
    return FALSE;
  if (polku_case_sign_get_retracted_on (sign) != NULL)
    {
      g_set_error (error, POLKU_CASE_ERROR, POLKU_CASE_ERROR_INVALID,
                   _("The warning sign was retracted already."));
      return FALSE;
    }
  if (strcmp (date, polku_case_sign_get_flagged_on (sign)) < 0)
    {
      g_set_error (error, POLKU_CASE_ERROR, POLKU_CASE_ERROR_INVALID,
                   _("A warning sign cannot be retracted before it was flagged (%s)."),
                   polku_case_sign_get_flagged_on (sign));
      return FALSE;
    }

  if (!polku_store_run (db,
                        "UPDATE warning_sign SET modified = ?2, retracted_on = ?3,"
                        " retracted_by = ?4 WHERE id = ?1;",
                        _("Retracting the warning sign"), error, 4, sign_id, stamp, date,
                        polku_store_get_actor_locked (store)))
    return FALSE;

  detail = g_strdup_printf ("sign=%s", sign_id);
  return polku_audit_append_locked (store, db, "sign.retract",
                                    polku_case_sign_get_client_id (sign), detail, error);
}

/**
 * polku_case_store_retract_sign:
 * @date: (nullable): default today
 *
 * Marks a sign flagged by mistake as retracted; it stays in the history.
 *
 * Returns: (transfer full): the sign after the change
 */
PolkuCaseSign *
polku_case_store_retract_sign (PolkuStore  *store,
                               const char  *sign_id,
                               const char  *date,
                               GError     **error)
{
  g_return_val_if_fail (POLKU_IS_STORE (store), NULL);
  g_return_val_if_fail (sign_id != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return polku_case_write_on_date (store, retract_sign_locked, get_sign_locked, sign_id, date,
                                   POLKU_CASE_ERROR, POLKU_CASE_ERROR_INVALID, error);
}

/**
 * polku_case_store_list_signs:
 *
 * Returns: (transfer full) (element-type PolkuCaseSign): the client's warning signs, oldest
 *   first
 */
GPtrArray *
polku_case_store_list_signs (PolkuStore  *store,
                             const char  *client_id,
                             gboolean     include_retracted,
                             GError     **error)
{
  g_return_val_if_fail (POLKU_IS_STORE (store), NULL);
  g_return_val_if_fail (client_id != NULL, NULL);

  return polku_store_list_objects (store,
                                   include_retracted
                                   ? "SELECT " SIGN_COLUMNS " FROM warning_sign"
                                     " WHERE client_id = ?1"
                                     " ORDER BY flagged_on, created, rowid;"
                                   : "SELECT " SIGN_COLUMNS " FROM warning_sign"
                                     " WHERE client_id = ?1 AND retracted_on IS NULL"
                                     " ORDER BY flagged_on, created, rowid;",
                                   client_id, POLKU_TYPE_CASE_SIGN, sign_properties,
                                   _("Reading the warning signs"), error);
}

/* Notes */

#define NOTE_SELECT "SELECT id, created, modified, client_id, author, body FROM case_note"
#define NOTE_ORDER " = ?1 ORDER BY created, rowid;"

static const char * const note_properties[] = {
  "id", "created", "modified", "client-id", "author", "body", NULL
};

static gpointer
get_note_locked (sqlite3     *db,
                 const char  *id,
                 GError     **error)
{
  GPtrArray *list = polku_store_select_objects (db, NOTE_SELECT " WHERE id" NOTE_ORDER, id,
                                                POLKU_TYPE_CASE_NOTE, note_properties,
                                                _("Reading the notes"), error);

  return polku_store_take_first (list, error, POLKU_CASE_ERROR, POLKU_CASE_ERROR_NOT_FOUND,
                                 _("There is no note with the id “%s”."), id);
}

typedef struct
{
  const char *id;
  const char *client_id;
  const char *body;
} NoteAdd;

static gboolean
add_note_body (PolkuStore  *store,
               sqlite3     *db,
               gpointer     data,
               GError     **error)
{
  const NoteAdd *note = data;
  g_autofree char *today = polku_date_today ();
  g_autofree char *stamp = polku_date_now_stamp ();
  g_autofree char *detail = NULL;

  if (!polku_case_ensure_locked (store, db, note->client_id, today, error))
    return FALSE;
  if (!polku_store_run (db,
                        "INSERT INTO case_note (id, created, modified, client_id, author,"
                        " body) VALUES (?1, ?2, ?2, ?3, ?4, ?5);",
                        _("Saving the note"), error, 5, note->id, stamp, note->client_id,
                        polku_store_get_actor_locked (store), note->body))
    return FALSE;
  detail = g_strdup_printf ("note=%s", note->id);
  return polku_audit_append_locked (store, db, "note.add", note->client_id, detail, error);
}

/**
 * polku_case_store_add_note:
 *
 * Adds a free-text note to the client's case. Notes are for what fits nowhere else: goals,
 * actions, contacts and measures have structured places of their own.
 *
 * Returns: (transfer full): the note
 */
PolkuCaseNote *
polku_case_store_add_note (PolkuStore  *store,
                           const char  *client_id,
                           const char  *body,
                           GError     **error)
{
  g_autofree char *id = polku_id_new ();
  g_autofree char *text = polku_strdup_stripped (body);
  NoteAdd note = { id, client_id, text };

  g_return_val_if_fail (POLKU_IS_STORE (store), NULL);
  g_return_val_if_fail (client_id != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!required (text, _("The note is empty."), error)
      || !polku_check_length (text, POLKU_LIMIT_TEXT, _("The note"), POLKU_CASE_ERROR,
                              POLKU_CASE_ERROR_INVALID, error))
    return NULL;

  return polku_store_write_get (store, add_note_body, &note, get_note_locked, id, error);
}

/**
 * polku_case_store_list_notes:
 *
 * Returns: (transfer full) (element-type PolkuCaseNote): the notes, oldest first
 */
GPtrArray *
polku_case_store_list_notes (PolkuStore  *store,
                             const char  *client_id,
                             GError     **error)
{
  g_return_val_if_fail (POLKU_IS_STORE (store), NULL);
  g_return_val_if_fail (client_id != NULL, NULL);

  return polku_store_list_objects (store, NOTE_SELECT " WHERE client_id" NOTE_ORDER, client_id,
                                   POLKU_TYPE_CASE_NOTE, note_properties,
                                   _("Reading the notes"), error);
}
