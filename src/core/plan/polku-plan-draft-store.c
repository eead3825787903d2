/* polku-plan-draft-store.c: the plan editor's unsaved work in the store
 *
 * Copyright 2026 The Polku authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One draft per client in plan_draft (data/migrations/0005-plans.sql). A new draft is
 * recorded in the audit log once; its later autosaves are not (they are not saved changes
 * of the plan, and would flood the log). Saving a version removes the draft
 * (polku-plan-store.c).
 */

#define G_LOG_DOMAIN "polku-plan"

#include "config.h"

#include <glib/gi18n.h>

#include "polku-audit-private.h"
#include "polku-id.h"
#include "polku-plan-store.h"
#include "polku-store-private.h"

typedef struct
{
  const char *client_id;
  const char *text;
  gint64      base_version;
} DraftData;

/* Runs @sql (a literal: the statement cache keeps it), which writes the draft: ?1 the
 * client, ?2 now, ?3 the base version, ?4 the author, ?5 the document, ?6 a new row's id. */
static gboolean
write_draft_locked (PolkuStore       *store,
                    sqlite3          *db,
                    const char       *sql,
                    const DraftData  *draft,
                    const char       *now,
                    const char       *id,
                    GError          **error)
{
  sqlite3_stmt *stmt = polku_store_prepare_cached (db, sql, _("Saving the draft"), error);

  if (stmt == NULL)
    return FALSE;
  polku_store_bind_text_or_null (stmt, 1, draft->client_id);
  polku_store_bind_text_or_null (stmt, 2, now);
  if (draft->base_version > 0)
    sqlite3_bind_int64 (stmt, 3, draft->base_version);
  else
    sqlite3_bind_null (stmt, 3);
  polku_store_bind_text_or_null (stmt, 4, polku_store_get_actor_locked (store));
  polku_store_bind_text_or_null (stmt, 5, draft->text);
  polku_store_bind_text_or_null (stmt, 6, id);
  return polku_store_step_done (db, stmt, _("Saving the draft"), error);
}

static gboolean
draft_body (PolkuStore  *store,
            sqlite3     *db,
            gpointer     data,
            GError     **error)
{
  const DraftData *draft = data;
  g_autofree char *now = polku_date_now_stamp ();
  g_autofree char *id = polku_id_new ();
  g_autofree char *detail = NULL;

  if (!polku_store_check_client_locked (db, draft->client_id, error)
      || !write_draft_locked (store, db, "UPDATE plan_draft SET modified = ?2,"
                              " base_version = ?3, author = ?4, document = ?5"
                              " WHERE client_id = ?1 AND ?6 IS NOT NULL;",
                              draft, now, id, error))
    return FALSE;
  if (sqlite3_changes (db) > 0)
    return TRUE;

  if (!write_draft_locked (store, db, "INSERT INTO plan_draft (id, created, modified,"
                           " client_id, base_version, author, document)"
                           " VALUES (?6, ?2, ?2, ?1, ?3, ?4, ?5);",
                           draft, now, id, error))
    return FALSE;
  detail = g_strdup_printf ("draft=%s", id);
  return polku_audit_append_locked (store, db, POLKU_AUDIT_PLAN_DRAFT, draft->client_id,
                                    detail, error);
}

/**
 * polku_plan_store_save_draft:
 * @document: the editor's plan as it is now (need not be valid yet)
 * @base_version: the version the editing started from, 0 for a new plan
 *
 * Keeps the editor's unsaved work in the encrypted store (one draft per client).
 */
gboolean
polku_plan_store_save_draft (PolkuStore  *store,
                             const char  *client_id,
                             JsonNode    *document,
                             gint64       base_version,
                             GError     **error)
{
  g_autofree char *text = NULL;
  DraftData draft = { client_id, NULL, base_version };

  g_return_val_if_fail (POLKU_IS_STORE (store), FALSE);
  g_return_val_if_fail (client_id != NULL, FALSE);
  g_return_val_if_fail (document != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!JSON_NODE_HOLDS_OBJECT (document))
    {
      g_set_error (error, POLKU_PLAN_ERROR, POLKU_PLAN_ERROR_INVALID,
                   _("The plan must be a JSON object."));
      return FALSE;
    }
  text = polku_plan_document_to_string (document, FALSE);
  draft.text = text;

  return polku_store_write (store, draft_body, &draft, error);
}

/**
 * polku_plan_store_load_draft:
 * @out_base_version: (out) (optional): the version the draft started from (0: a new plan)
 *
 * Returns: (transfer full) (nullable): the client's draft, or %NULL (without an error) when
 *   there is none
 */
JsonNode *
polku_plan_store_load_draft (PolkuStore  *store,
                             const char  *client_id,
                             gint64      *out_base_version,
                             GError     **error)
{
  JsonNode *document = NULL;
  sqlite3_stmt *stmt;
  sqlite3 *db;
  int rc;

  g_return_val_if_fail (POLKU_IS_STORE (store), NULL);
  g_return_val_if_fail (client_id != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  db = polku_store_begin_use (store, error);
  if (db == NULL)
    return NULL;

  stmt = polku_store_prepare_cached (db, "SELECT base_version, document FROM plan_draft"
                                         " WHERE client_id = ?1;", _("Reading the draft"),
                                     error);
  if (stmt != NULL)
    {
      polku_store_bind_text_or_null (stmt, 1, client_id);
      rc = sqlite3_step (stmt);
      if (rc == SQLITE_ROW)
        {
          if (out_base_version != NULL)
            *out_base_version = sqlite3_column_int64 (stmt, 0);
          document = polku_plan_document_from_string (POLKU_STORE_COL (stmt, 1), error);
        }
      else if (rc != SQLITE_DONE)
        polku_store_set_sqlite_error (error, db, _("Reading the draft"));
      polku_store_release (stmt);
    }
  polku_store_end_use (store);

  return document;
}

static gboolean
discard_body (PolkuStore  *store,
              sqlite3     *db,
              gpointer     data,
              GError     **error)
{
  const char *client_id = data;

  if (!polku_store_run (db,
                        "DELETE FROM plan_draft WHERE client_id = ?1;",
                        _("Discarding the draft"), error, 1, client_id))
    return FALSE;
  if (sqlite3_changes (db) == 0)
    return TRUE;
  return polku_audit_append_locked (store, db, POLKU_AUDIT_PLAN_DRAFT_DISCARD, client_id,
                                    NULL, error);
}

/**
 * polku_plan_store_discard_draft:
 *
 * Removes the client's draft, if there is one.
 */
gboolean
polku_plan_store_discard_draft (PolkuStore  *store,
                                const char  *client_id,
                                GError     **error)
{
  g_return_val_if_fail (POLKU_IS_STORE (store), FALSE);
  g_return_val_if_fail (client_id != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return polku_store_write (store, discard_body, (gpointer) client_id, error);
}
