/* polku-store-migrate.c: the parts of a schema migration that SQL cannot do
 *
 * Copyright 2026 The Polku authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Some migrations have to read the JSON documents the database holds (SQLCipher 3.4's SQLite
 * has no JSON1). polku_store_migrate_after () runs right after a migration's SQL, in the same
 * transaction: if it fails, the migration and its schema number roll back together.
 *
 * This file knows the plan document only as JSON (member names), not through the plan
 * module, so that the store stays at the bottom of the core's dependencies.
 */

#define G_LOG_DOMAIN "polku-store"

#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "polku-json.h"
#include "polku-store-private.h"

/* What one plan's current version says, for schema 7. */
typedef struct
{
  char *client_id;
  char *agreed_on;
  char *author;
  char *language;
  JsonNode *document;
} PlanRow;

static void
plan_row_free (PlanRow *row)
{
  g_free (row->client_id);
  g_free (row->agreed_on);
  g_free (row->author);
  g_free (row->language);
  g_clear_pointer (&row->document, json_node_unref);
  g_free (row);
}

static GPtrArray *
read_current_plans (sqlite3  *db,
                    GError  **error)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) plan_row_free);
  sqlite3_stmt *stmt;
  int rc;

  stmt = polku_store_prepare (db, "SELECT p.client_id, p.agreed_on, v.author, p.language,"
                                  " v.document FROM plan p JOIN plan_version v"
                                  " ON v.plan_id = p.id AND v.version = p.current_version"
                                  " ORDER BY p.client_id;",
                              _("Upgrading the database"), error);
  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      PlanRow *row = g_new0 (PlanRow, 1);

      row->client_id = polku_store_column_dup (stmt, 0);
      row->agreed_on = polku_store_column_dup (stmt, 1);
      row->author = polku_store_column_dup (stmt, 2);
      row->language = polku_store_column_dup (stmt, 3);
      /* A document that does not parse is left as it is: the plan module reports it. */
      row->document = json_from_string ((const char *) sqlite3_column_text (stmt, 4), NULL);
      g_ptr_array_add (rows, row);
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    {
      polku_store_set_sqlite_error (error, db, _("Upgrading the database"));
      return NULL;
    }
  return g_steal_pointer (&rows);
}

/* Text of the first row of @sql with text parameters, or NULL. */
static char *
query_text (sqlite3     *db,
            const char  *sql,
            const char  *first,
            const char  *second)
{
  sqlite3_stmt *stmt = NULL;
  char *text = NULL;

  if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) != SQLITE_OK)
    return NULL;
  polku_store_bind_text_or_null (stmt, 1, first);
  if (second != NULL)
    polku_store_bind_text_or_null (stmt, 2, second);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    text = polku_store_column_dup (stmt, 0);
  sqlite3_finalize (stmt);
  return text;
}

/* The plan's next review becomes the case's review date when the case has none: the case's
 * date drives the reminders and is the one printed from now on. */
static gboolean
carry_review_date (sqlite3     *db,
                   PlanRow     *row,
                   JsonObject  *document,
                   GError     **error)
{
  const char *next_review = polku_json_get_text (document, "next_review");
  GDate date;

  if (next_review == NULL || !polku_date_parse_iso (next_review, &date))
    return TRUE;
  return polku_store_run (db, "UPDATE client_case SET review_on = ?1"
                              " WHERE client_id = ?2 AND review_on IS NULL;",
                          _("Upgrading the database"), error, 2, next_review,
                          row->client_id);
}

/* The plan's responsible worker was a free-text copy: it becomes (or is matched to) a
 * current member of the team who is a responsible worker; and, when the case has no
 * coordinator yet, the coordinator. */
static gboolean
carry_responsible_worker (sqlite3     *db,
                          PlanRow     *row,
                          JsonObject  *document,
                          GError     **error)
{
  JsonObject *worker;
  const char *name;
  const char *role;
  const char *organisation;
  const char *contact;
  const char *since;
  const char *set_by;
  gboolean swedish = g_strcmp0 (row->language, "sv") == 0;
  g_autofree char *member_id = NULL;
  g_autofree char *open_period = NULL;
  g_autofree char *coordinator = NULL;
  g_autofree char *has_case = NULL;
  g_autofree char *now = polku_date_now_stamp ();
  g_autofree char *today = polku_date_today ();

  worker = polku_json_get_object (document, "responsible_worker");
  name = polku_json_get_text (worker, "name");
  if (name == NULL)
    return TRUE;

  since = row->agreed_on != NULL ? row->agreed_on : today;
  set_by = row->author != NULL ? row->author : name;
  member_id = query_text (db, "SELECT id FROM team_member WHERE client_id = ?1 AND person = ?2"
                              " AND left_on IS NULL ORDER BY joined_on LIMIT 1;",
                          row->client_id, name);
  if (member_id == NULL)
    {
      role = polku_json_get_text (worker, "title");
      organisation = polku_json_get_text (worker, "organisation");
      contact = polku_json_get_text (worker, "email");
      if (contact == NULL)
        contact = polku_json_get_text (worker, "phone");
      if (role == NULL)
        role = swedish ? "Ansvarig arbetstagare" : "Vastuutyöntekijä";
      if (organisation == NULL)
        organisation = swedish ? "Inte antecknat" : "Ei kirjattu";
      member_id = g_uuid_string_random ();
      if (!polku_store_run (db, "INSERT INTO team_member (id, created, modified, client_id,"
                                " person, role, organisation, sector, contact, joined_on)"
                                " VALUES (?1, ?2, ?2, ?3, ?4, ?5, ?6, 'other', ?7, ?8);",
                            _("Upgrading the database"), error, 8, member_id, now,
                            row->client_id, name, role, organisation, contact, since))
        return FALSE;
    }

  open_period = query_text (db, "SELECT id FROM responsible_period WHERE member_id = ?1"
                                " AND ended_on IS NULL;", member_id, NULL);
  if (open_period == NULL)
    {
      g_autofree char *period_id = g_uuid_string_random ();
      g_autofree char *joined = query_text (db, "SELECT max (joined_on, ?2) FROM team_member"
                                                " WHERE id = ?1;", member_id, since);

      if (!polku_store_run (db, "INSERT INTO responsible_period (id, created, modified,"
                                " client_id, member_id, started_on, set_by)"
                                " VALUES (?1, ?2, ?2, ?3, ?4, ?5, ?6);",
                            _("Upgrading the database"), error, 6, period_id, now,
                            row->client_id, member_id, joined != NULL ? joined : since,
                            set_by))
        return FALSE;
    }

  has_case = query_text (db, "SELECT id FROM client_case WHERE client_id = ?1;",
                         row->client_id, NULL);
  coordinator = query_text (db, "SELECT id FROM coordinator_period WHERE client_id = ?1"
                                " AND ended_on IS NULL;", row->client_id, NULL);
  if (has_case != NULL && coordinator == NULL)
    {
      g_autofree char *period_id = g_uuid_string_random ();

      if (!polku_store_run (db, "INSERT INTO coordinator_period (id, created, modified,"
                                " client_id, person, started_on, set_by)"
                                " VALUES (?1, ?2, ?2, ?3, ?4, ?5, ?6);",
                            _("Upgrading the database"), error, 6, period_id, now,
                            row->client_id, name, since, set_by))
        return FALSE;
    }
  return TRUE;
}

static gboolean
after_case_model (sqlite3  *db,
                  GError  **error)
{
  g_autoptr(GPtrArray) plans = read_current_plans (db, error);

  if (plans == NULL)
    return FALSE;
  for (guint i = 0; i < plans->len; i++)
    {
      PlanRow *row = g_ptr_array_index (plans, i);
      JsonObject *document = NULL;

      if (row->document != NULL && JSON_NODE_HOLDS_OBJECT (row->document))
        document = json_node_get_object (row->document);
      if (document == NULL)
        continue;
      if (!carry_review_date (db, row, document, error)
          || !carry_responsible_worker (db, row, document, error))
        return FALSE;
    }
  return TRUE;
}

/**
 * polku_store_migrate_after:
 * @db: the database, inside the migration's transaction
 * @version: the schema version the migration's SQL just made
 *
 * Returns: FALSE with @error to roll the migration back
 */
gboolean
polku_store_migrate_after (sqlite3  *db,
                           guint     version,
                           GError  **error)
{
  switch (version)
    {
    case 7:
      return after_case_model (db, error);
    default:
      return TRUE;
    }
}
