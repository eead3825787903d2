/* polku-assessment-store.c: assessments and their drafts in the encrypted store
 *
 * Copyright 2026 The Polku authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every change is written together with its audit entry in one transaction
 * (polku_store_write ()). Drafts live in the same table (status 'draft'), so a form left
 * half-way at a home visit is kept encrypted like everything else.
 */

#define G_LOG_DOMAIN "polku-assessment"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "polku-assessment-private.h"
#include "polku-assessment-store.h"
#include "polku-audit-private.h"
#include "polku-continuity.h"
#include "polku-id.h"

#define COLUMNS \
  "id, created, modified, client_id, instrument_id, instrument_version, assessed_on, role, " \
  "plan_id, status, position, answers, scores"

typedef struct
{
  PolkuAssessment  *assessment;
  gboolean          adding;
  const char       *id;
  const char       *created;
  const char       *stamp;
  const char       *answers;
  const char       *scores;
} AssessmentSave;

/* Whether the newest entry of the log is @action with @detail by the store's actor. */
static gboolean
same_as_newest_entry_locked (PolkuStore *store,
                             sqlite3    *db,
                             const char *action,
                             const char *detail)
{
  sqlite3_stmt *stmt;
  gboolean same = FALSE;

  stmt = polku_store_prepare_cached (db, "SELECT action, detail, actor FROM audit_entry"
                                     " ORDER BY seq DESC LIMIT 1;", _("Reading the audit log"),
                                     NULL);
  if (stmt == NULL)
    return FALSE;
  if (sqlite3_step (stmt) == SQLITE_ROW)
    same = g_strcmp0 (POLKU_STORE_COL (stmt, 0), action) == 0
           && g_strcmp0 (POLKU_STORE_COL (stmt, 1), detail) == 0
           && g_strcmp0 (POLKU_STORE_COL (stmt, 2), polku_store_get_actor_locked (store)) == 0;
  polku_store_release (stmt);
  return same;
}

static gboolean
save_body (PolkuStore  *store,
           sqlite3     *db,
           gpointer     data,
           GError     **error)
{
  const AssessmentSave *save = data;
  PolkuAssessment *assessment = save->assessment;
  const char *client_id = polku_assessment_get_client_id (assessment);
  g_autofree char *detail = NULL;
  sqlite3_stmt *stmt;

  if (!polku_store_check_client_locked (db, client_id, error))
    return FALSE;
  /* A plan named by an assessment is the same client's (the FHIR export references it). */
  if (polku_assessment_get_plan_id (assessment) != NULL)
    {
      gboolean same_client;

      int rc;

      stmt = polku_store_prepare_cached (db,
                                         "SELECT 1 FROM plan WHERE id = ?1 AND client_id = ?2;",
                                         _("Saving the assessment"), error);
      if (stmt == NULL)
        return FALSE;
      polku_store_bind_text_or_null (stmt, 1, polku_assessment_get_plan_id (assessment));
      polku_store_bind_text_or_null (stmt, 2, client_id);
      rc = sqlite3_step (stmt);
      if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        polku_store_set_sqlite_error (error, db, _("Saving the assessment"));
      polku_store_release (stmt);
      if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        return FALSE;
      same_client = rc == SQLITE_ROW;
      if (!same_client)
        {
          g_set_error (error, POLKU_ASSESSMENT_ERROR, POLKU_ASSESSMENT_ERROR_INVALID,
                       _("The plan the assessment names is not this client's plan. Nothing "
                         "was saved."));
          return FALSE;
        }
    }
  if (save->adding)
    stmt = polku_store_prepare_cached (db,
                                       "INSERT INTO assessment (" COLUMNS ") VALUES (?1, ?2,"
                                       " ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13);",
                                       _("Saving the assessment"), error);
  else
    /* The client and instrument of a stored assessment never change. */
    stmt = polku_store_prepare_cached (db,
                                       "UPDATE assessment SET modified = ?3, assessed_on = ?7,"
                                       " role = ?8, plan_id = ?9, status = ?10, position = ?11,"
                                       " answers = ?12, scores = ?13"
                                       " WHERE id = ?1 AND client_id = ?4 AND instrument_id = ?5"
                                       " AND instrument_version = ?6 AND created = ?2;",
                                       _("Saving the assessment"), error);
  if (stmt == NULL)
    return FALSE;
  polku_store_bind_text_or_null (stmt, 1, save->id);
  polku_store_bind_text_or_null (stmt, 2, save->created);
  polku_store_bind_text_or_null (stmt, 3, save->stamp);
  polku_store_bind_text_or_null (stmt, 4, client_id);
  polku_store_bind_text_or_null (stmt, 5, polku_assessment_get_instrument_id (assessment));
  polku_store_bind_text_or_null (stmt, 6, polku_assessment_get_instrument_version (assessment));
  polku_store_bind_text_or_null (stmt, 7, polku_assessment_get_date (assessment));
  polku_store_bind_text_or_null (stmt, 8, polku_assessment_role_to_code (
                                   polku_assessment_get_role (assessment)));
  polku_store_bind_text_or_null (stmt, 9, polku_assessment_get_plan_id (assessment));
  polku_store_bind_text_or_null (stmt, 10, polku_assessment_status_to_code (
                                   polku_assessment_get_status (assessment)));
  sqlite3_bind_int (stmt, 11, polku_assessment_get_position (assessment));
  polku_store_bind_text_or_null (stmt, 12, save->answers);
  polku_store_bind_text_or_null (stmt, 13, save->scores);
  if (!polku_store_step_done (db, stmt, _("Saving the assessment"), error))
    return FALSE;
  if (!save->adding && sqlite3_changes (db) != 1)
    {
      g_set_error (error, POLKU_ASSESSMENT_ERROR, POLKU_ASSESSMENT_ERROR_NOT_FOUND,
                   _("The assessment was removed or changed elsewhere; open it again."));
      return FALSE;
    }
  /* A new assessment: the client is marked here, not by a trigger (an INSERT with a trigger
   * needs a statement journal, which SQLCipher 3.4 encrypts page by page;
   * data/migrations/0013-store-dirty.sql). A change is still marked by its trigger (0009). */
  if (save->adding
      && !polku_store_run (db, "INSERT OR IGNORE INTO sync_dirty (client_id) VALUES (?1);",
                           _("Saving the assessment"), error, 1, client_id))
    return FALSE;

  detail = g_strdup_printf ("assessment=%s instrument=%s status=%s", save->id,
                            polku_assessment_get_instrument_id (assessment),
                            polku_assessment_status_to_code (
                              polku_assessment_get_status (assessment)));
  /* A draft is saved at every answer: its progress is recorded once per form session, i.e.
   * not again while the newest entry of the whole log is this same draft's update by the
   * same worker (anything else in between starts a new entry). Completing is always new. */
  if (!save->adding && polku_assessment_get_status (assessment) == POLKU_ASSESSMENT_STATUS_DRAFT
      && same_as_newest_entry_locked (store, db, POLKU_AUDIT_ASSESSMENT_UPDATE, detail))
    return TRUE;
  return polku_audit_append_locked (store, db,
                                    save->adding ? POLKU_AUDIT_ASSESSMENT_ADD
                                                 : POLKU_AUDIT_ASSESSMENT_UPDATE,
                                    client_id, detail, error);
}

gboolean
polku_assessment_store_save (PolkuStore       *store,
                             PolkuAssessment  *assessment,
                             GError          **error)
{
  g_autofree char *answers = NULL;
  g_autofree char *scores_text = NULL;
  g_autofree char *stamp = polku_date_now_stamp ();
  g_autofree char *new_id = NULL;
  AssessmentSave save = { assessment, };

  g_return_val_if_fail (POLKU_IS_STORE (store), FALSE);
  g_return_val_if_fail (POLKU_IS_ASSESSMENT (assessment), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!polku_assessment_validate (assessment, error))
    return FALSE;
  answers = polku_assessment_dup_answers_json (assessment, error);
  if (answers == NULL)
    return FALSE;
  if (polku_assessment_get_status (assessment) == POLKU_ASSESSMENT_STATUS_COMPLETE)
    {
      g_autoptr(PolkuScores) scores = polku_assessment_compute_scores (assessment, error);
      g_autoptr(JsonNode) node = NULL;

      if (scores == NULL)
        return FALSE;
      node = polku_scores_to_json (scores);
      scores_text = json_to_string (node, FALSE);
    }

  save.adding = polku_assessment_get_id (assessment) == NULL;
  if (save.adding)
    {
      new_id = polku_id_new ();
      save.id = new_id;
      save.created = stamp;
    }
  else
    {
      save.id = polku_assessment_get_id (assessment);
      save.created = polku_assessment_get_created (assessment);
    }
  save.stamp = stamp;
  save.answers = answers;
  save.scores = scores_text;

  if (!polku_store_write (store, save_body, &save, error))
    return FALSE;
  polku_assessment_set_stored (assessment, save.id, save.created, stamp);
  return TRUE;
}

static gboolean
remove_body (PolkuStore  *store,
             sqlite3     *db,
             gpointer     data,
             GError     **error)
{
  PolkuAssessment *assessment = data;
  g_autofree char *detail = NULL;

  if (!polku_store_run (db,
                        "DELETE FROM assessment WHERE id = ?1 AND client_id = ?2;",
                        _("Removing the assessment"), error, 2,
                        polku_assessment_get_id (assessment),
                        polku_assessment_get_client_id (assessment)))
    return FALSE;
  if (sqlite3_changes (db) != 1)
    {
      g_set_error (error, POLKU_ASSESSMENT_ERROR, POLKU_ASSESSMENT_ERROR_NOT_FOUND,
                   _("The assessment was already removed."));
      return FALSE;
    }

  detail = g_strdup_printf ("assessment=%s instrument=%s",
                            polku_assessment_get_id (assessment),
                            polku_assessment_get_instrument_id (assessment));
  return polku_audit_append_locked (store, db, POLKU_AUDIT_ASSESSMENT_REMOVE,
                                    polku_assessment_get_client_id (assessment), detail,
                                    error);
}

gboolean
polku_assessment_store_remove (PolkuStore       *store,
                               PolkuAssessment  *assessment,
                               GError          **error)
{
  g_return_val_if_fail (POLKU_IS_STORE (store), FALSE);
  g_return_val_if_fail (POLKU_IS_ASSESSMENT (assessment), FALSE);
  g_return_val_if_fail (polku_assessment_get_id (assessment) != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return polku_store_write (store, remove_body, assessment, error);
}

/* Reads one row of COLUMNS. A row whose instrument is unknown or whose answers do not fit it
 * is an error, never silently dropped. */
static gpointer
assessment_from_row (sqlite3_stmt  *stmt,
                     gpointer       user_data,
                     GError       **error)
{
  g_autoptr(PolkuAssessment) self = polku_assessment_new_empty ();
  g_autoptr(PolkuInstrument) instrument = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) local_error = NULL;
  PolkuAssessmentRole role = POLKU_ASSESSMENT_ROLE_BASELINE;
  PolkuAssessmentStatus status = POLKU_ASSESSMENT_STATUS_DRAFT;
  int *answers;

#define COL(i) POLKU_STORE_COL (stmt, (i))
  polku_assessment_set_stored (self, COL (0), COL (1), COL (2));
  polku_assessment_set_identity (self, COL (3), COL (4), COL (5));
  polku_assessment_set_date (self, COL (6));
  polku_assessment_role_from_code (COL (7), &role);
  polku_assessment_set_role (self, role);
  polku_assessment_set_plan_id (self, COL (8));
  polku_assessment_status_from_code (COL (9), &status);
  polku_assessment_set_status (self, status);
  polku_assessment_set_position (self, sqlite3_column_int (stmt, 10));

  instrument = polku_instrument_lookup (COL (4), error);
  if (instrument == NULL)
    return NULL;
  if (!json_parser_load_from_data (parser, COL (11), -1, &local_error)
      || !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    {
      g_set_error (error, POLKU_ASSESSMENT_ERROR, POLKU_ASSESSMENT_ERROR_INVALID,
                   _("The answers of assessment %s cannot be read."), COL (0));
      return NULL;
    }
  answers = polku_instrument_answers_from_json (
    instrument, json_node_get_object (json_parser_get_root (parser)), error);
  if (answers == NULL)
    return NULL;
  polku_assessment_take_answers (self, answers, polku_instrument_get_n_items (instrument));
#undef COL

  return g_steal_pointer (&self);
}

/* @sql: a literal (the statement cache's key) */
static GPtrArray *
select_assessments (PolkuStore  *store,
                    const char  *sql,
                    const char  *arg1,
                    const char  *arg2,
                    GError     **error)
{
  GPtrArray *list = NULL;
  sqlite3_stmt *stmt;
  sqlite3 *db;

  db = polku_store_begin_use (store, error);
  if (db == NULL)
    return NULL;

  stmt = polku_store_prepare_cached (db, sql, _("Reading assessments"), error);
  if (stmt != NULL)
    {
      polku_store_bind_text_or_null (stmt, 1, arg1);
      polku_store_bind_text_or_null (stmt, 2, arg2);
      list = polku_store_list_rows (db, stmt, assessment_from_row, NULL, NULL,
                                    _("Reading assessments"), error);
    }
  polku_store_end_use (store);

  return list;
}

PolkuAssessment *
polku_assessment_store_get (PolkuStore  *store,
                            const char  *id,
                            GError     **error)
{
  GPtrArray *list;

  g_return_val_if_fail (POLKU_IS_STORE (store), NULL);
  g_return_val_if_fail (id != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  list = select_assessments (store, "SELECT " COLUMNS " FROM assessment WHERE id = ?1;", id,
                             NULL, error);
  return polku_store_take_first (list, error, POLKU_ASSESSMENT_ERROR,
                                 POLKU_ASSESSMENT_ERROR_NOT_FOUND,
                                 _("There is no assessment with the id “%s”."), id);
}

GPtrArray *
polku_assessment_store_list (PolkuStore  *store,
                             const char  *client_id,
                             const char  *instrument_id,
                             gboolean     include_drafts,
                             GError     **error)
{
  g_return_val_if_fail (POLKU_IS_STORE (store), NULL);
  g_return_val_if_fail (client_id != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return select_assessments (store,
                             include_drafts
                             ? "SELECT " COLUMNS " FROM assessment WHERE client_id = ?1"
                               " AND (?2 IS NULL OR instrument_id = ?2)"
                               " ORDER BY assessed_on, created, id;"
                             : "SELECT " COLUMNS " FROM assessment WHERE client_id = ?1"
                               " AND (?2 IS NULL OR instrument_id = ?2)"
                               " AND status = 'complete'"
                               " ORDER BY assessed_on, created, id;",
                             client_id, instrument_id, error);
}

GPtrArray *
polku_assessment_store_list_all (PolkuStore  *store,
                                 const char  *instrument_id,
                                 const char  *from,
                                 const char  *to,
                                 GError     **error)
{
  GPtrArray *list = NULL;
  sqlite3_stmt *stmt;
  sqlite3 *db;

  g_return_val_if_fail (POLKU_IS_STORE (store), NULL);
  g_return_val_if_fail (instrument_id != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  db = polku_store_begin_use (store, error);
  if (db == NULL)
    return NULL;
  stmt = polku_store_prepare_cached (db,
                                     "SELECT " COLUMNS " FROM assessment WHERE instrument_id = ?1"
                                     " AND status = 'complete'"
                                     " AND (?2 IS NULL OR assessed_on >= ?2)"
                                     " AND (?3 IS NULL OR assessed_on <= ?3)"
                                     " ORDER BY client_id, assessed_on, created, id;",
                                     _("Reading assessments"), error);
  if (stmt != NULL)
    {
      polku_store_bind_text_or_null (stmt, 1, instrument_id);
      polku_store_bind_text_or_null (stmt, 2, from);
      polku_store_bind_text_or_null (stmt, 3, to);
      list = polku_store_list_rows (db, stmt, assessment_from_row, NULL, NULL,
                                    _("Reading assessments"), error);
    }
  polku_store_end_use (store);

  return list;
}

PolkuAssessment *
polku_assessment_store_get_draft (PolkuStore  *store,
                                  const char  *client_id,
                                  const char  *instrument_id,
                                  GError     **error)
{
  g_autoptr(GPtrArray) list = NULL;

  g_return_val_if_fail (POLKU_IS_STORE (store), NULL);
  g_return_val_if_fail (client_id != NULL, NULL);
  g_return_val_if_fail (instrument_id != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  list = select_assessments (store,
                             "SELECT " COLUMNS " FROM assessment WHERE client_id = ?1"
                             " AND instrument_id = ?2 AND status = 'draft'"
                             " ORDER BY modified DESC LIMIT 1;",
                             client_id, instrument_id, error);
  if (list == NULL || list->len == 0)
    return NULL;
  return g_object_ref (g_ptr_array_index (list, 0));
}

/* ---- Demo data ---- */

/**
 * polku_assessment_store_find_plan:
 *
 * The client's plan: its id and the day it was agreed with the client (its start, the anchor
 * of the before/after periods; plan.agreed_on, kept equal to the current version's). Read
 * with SQL from the plan module's table, so that this depends on its schema only (and
 * records no plan view).
 *
 * Returns: FALSE when there is no plan (@error unset) or on error
 */
gboolean
polku_assessment_store_find_plan (PolkuStore  *store,
                                  const char  *client_id,
                                  char       **out_plan_id,
                                  char       **out_date,
                                  GError     **error)
{
  sqlite3_stmt *stmt;
  sqlite3 *db;
  int rc = SQLITE_ERROR;

  db = polku_store_begin_use (store, error);
  if (db == NULL)
    return FALSE;
  stmt = polku_store_prepare_cached (db,
                                     "SELECT id, coalesce (agreed_on, substr (created, 1, 10))"
                                     " FROM plan WHERE client_id = ?1;",
                                     _("Reading the plan"), error);
  if (stmt != NULL)
    {
      polku_store_bind_text_or_null (stmt, 1, client_id);
      rc = sqlite3_step (stmt);
      if (rc == SQLITE_ROW)
        {
          *out_plan_id = polku_store_column_dup (stmt, 0);
          *out_date = polku_store_column_dup (stmt, 1);
        }
      else if (rc != SQLITE_DONE)
        polku_store_set_sqlite_error (error, db, _("Reading the plan"));
      polku_store_release (stmt);
    }
  polku_store_end_use (store);
  return rc == SQLITE_ROW;
}
