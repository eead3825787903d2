/* polku-plan-store.c: plans in the store: versions and restore
 *
 * Copyright 2026 The Polku authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Tables in data/migrations/0005-plans.sql: plan (one per client, the current version's
 * number), plan_version (every saved document, immutable), plan_draft (the editor's unsaved
 * work; polku-plan-draft-store.c). Each change runs in one write transaction with its audit
 * entry (polku_store_write ()).
 *
 * The agreed date (plan.agreed_on, data/migrations/0007-case-model.sql) is the current
 * version's "agreed_on": a version saved without one keeps the plan's (the first gets the
 * local date of its save), and a version read without one (saved before schema 7) is shown
 * with the column's; an earlier such version is given the day of the plan's first save, the
 * migration's default, without changing its document (polku_plan_version_get_agreed_on ()). A new or changed agreed date must lie between the day the client's case
 * was opened and today (local time); one that stays as it was is not checked again, so that
 * a plan whose case was opened after it was made can still be edited. No new version carries
 * the legacy members "responsible_worker" and "next_review" (polku-plan.h).
 */

#define G_LOG_DOMAIN "polku-plan"

#include "config.h"

#include <glib/gi18n.h>

#include "polku-audit-private.h"
#include "polku-date.h"
#include "polku-id.h"
#include "polku-json.h"
#include "polku-plan-private.h"
#include "polku-plan-store.h"
#include "polku-store-private.h"

/* PolkuPlanVersion */

struct _PolkuPlanVersion
{
  GObject   parent_instance;

  gint64    version;
  char     *created;
  char     *author;
  char     *origin;
  gint64    restored_from;
  JsonNode *document;
  char     *agreed_on;           /* the document's, or the first save's day (see below) */
  gboolean  agreed_on_recorded;
};

G_DEFINE_FINAL_TYPE (PolkuPlanVersion, polku_plan_version, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_VERSION,
  PROP_CREATED,
  PROP_AUTHOR,
  PROP_ORIGIN,
  PROP_RESTORED_FROM,
  PROP_LABEL,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
polku_plan_version_finalize (GObject *object)
{
  PolkuPlanVersion *self = (PolkuPlanVersion *) object;

  g_clear_pointer (&self->created, g_free);
  g_clear_pointer (&self->author, g_free);
  g_clear_pointer (&self->origin, g_free);
  g_clear_pointer (&self->document, json_node_unref);
  g_clear_pointer (&self->agreed_on, g_free);

  G_OBJECT_CLASS (polku_plan_version_parent_class)->finalize (object);
}

static void
polku_plan_version_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  PolkuPlanVersion *self = POLKU_PLAN_VERSION (object);

  switch (prop_id)
    {
    case PROP_VERSION:
      g_value_set_int64 (value, self->version);
      break;
    case PROP_CREATED:
      g_value_set_string (value, self->created);
      break;
    case PROP_AUTHOR:
      g_value_set_string (value, self->author);
      break;
    case PROP_ORIGIN:
      g_value_set_string (value, self->origin);
      break;
    case PROP_RESTORED_FROM:
      g_value_set_int64 (value, self->restored_from);
      break;
    case PROP_LABEL:
      g_value_take_string (value, polku_plan_version_dup_label (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
polku_plan_version_class_init (PolkuPlanVersionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = polku_plan_version_finalize;
  object_class->get_property = polku_plan_version_get_property;

  properties[PROP_VERSION] =
    g_param_spec_int64 ("version", NULL, NULL, 0, G_MAXINT64, 0,
                        G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_CREATED] =
    g_param_spec_string ("created", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_AUTHOR] =
    g_param_spec_string ("author", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_ORIGIN] =
    g_param_spec_string ("origin", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_RESTORED_FROM] =
    g_param_spec_int64 ("restored-from", NULL, NULL, 0, G_MAXINT64, 0,
                        G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_LABEL] =
    g_param_spec_string ("label", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
polku_plan_version_init (PolkuPlanVersion *self)
{
}

gint64
polku_plan_version_get_version (PolkuPlanVersion *self)
{
  g_return_val_if_fail (POLKU_IS_PLAN_VERSION (self), 0);
  return self->version;
}

const char *
polku_plan_version_get_created (PolkuPlanVersion *self)
{
  g_return_val_if_fail (POLKU_IS_PLAN_VERSION (self), NULL);
  return self->created;
}

const char *
polku_plan_version_get_author (PolkuPlanVersion *self)
{
  g_return_val_if_fail (POLKU_IS_PLAN_VERSION (self), NULL);
  return self->author;
}

const char *
polku_plan_version_get_origin (PolkuPlanVersion *self)
{
  g_return_val_if_fail (POLKU_IS_PLAN_VERSION (self), NULL);
  return self->origin;
}

/* 0 unless the version restored an earlier one. */
gint64
polku_plan_version_get_restored_from (PolkuPlanVersion *self)
{
  g_return_val_if_fail (POLKU_IS_PLAN_VERSION (self), 0);
  return self->restored_from;
}

/**
 * polku_plan_version_get_document:
 *
 * Returns: (transfer none): the plan as it was saved in this version; do not change it
 */
JsonNode *
polku_plan_version_get_document (PolkuPlanVersion *self)
{
  g_return_val_if_fail (POLKU_IS_PLAN_VERSION (self), NULL);
  return self->document;
}

/**
 * polku_plan_version_get_agreed_on:
 * @out_recorded: (out) (optional): FALSE when the version does not say (saved before schema
 *   7, when Polku did not record the day yet)
 *
 * The version's document is never changed to say it: a version without an agreed date is
 * given the day the plan was first saved (local time), the default the migration to schema
 * 7 gave every plan and the day the before/after periods started on until then.
 *
 * Returns: (nullable): the day the plan was agreed with the client, YYYY-MM-DD
 */
const char *
polku_plan_version_get_agreed_on (PolkuPlanVersion *self,
                                  gboolean         *out_recorded)
{
  g_return_val_if_fail (POLKU_IS_PLAN_VERSION (self), NULL);
  if (out_recorded != NULL)
    *out_recorded = self->agreed_on_recorded;
  return self->agreed_on;
}

/**
 * polku_plan_version_dup_label:
 *
 * Returns: (transfer full): e.g. "Version 3 · 22.11.2026 14:05 · Maija Virtanen", in the UI
 *   language and local time
 */
char *
polku_plan_version_dup_label (PolkuPlanVersion *self)
{
  g_autoptr(GDateTime) utc = NULL;
  g_autoptr(GDateTime) local = NULL;
  g_autofree char *when = NULL;

  g_return_val_if_fail (POLKU_IS_PLAN_VERSION (self), NULL);

  utc = self->created != NULL ? g_date_time_new_from_iso8601 (self->created, NULL) : NULL;
  if (utc != NULL)
    {
      local = g_date_time_to_local (utc);
      /* Translators: a date and time in a list of plan versions; see g_date_time_format () */
      when = g_date_time_format (local, _("%-d.%-m.%Y %H:%M"));
    }
  else
    when = g_strdup (self->created != NULL ? self->created : "");

  if (self->restored_from > 0)
    /* Translators: version number, date and time, author, the version it restored */
    return g_strdup_printf (_("Version %d · %s · %s · restored from version %d"),
                            (int) self->version, when, self->author, (int) self->restored_from);
  /* Translators: version number, date and time, author */
  return g_strdup_printf (_("Version %d · %s · %s"), (int) self->version, when, self->author);
}

/* Store */

static gboolean
no_plan (GError **error)
{
  g_set_error (error, POLKU_PLAN_ERROR, POLKU_PLAN_ERROR_NO_PLAN,
               _("The client has no plan yet. Make one in Polku, or start it with "
                 "polku-cli plan update CLIENT-ID --json PATCH."));
  return FALSE;
}

/* The current version of the client's plan. Returns FALSE with @error on a database error;
 * TRUE with *out_document NULL when there is no plan. */
static gboolean
load_current_locked (sqlite3     *db,
                     const char  *client_id,
                     char       **out_plan_id,
                     gint64      *out_version,
                     JsonNode   **out_document,
                     GError     **error)
{
  sqlite3_stmt *stmt;
  g_autoptr(JsonNode) document = NULL;
  g_autofree char *plan_id = NULL;
  g_autofree char *agreed_on = NULL;
  gint64 version = 0;
  int rc;

  stmt = polku_store_prepare_cached (db,
                                     "SELECT p.id, p.current_version, v.document, p.agreed_on"
                                     " FROM plan p JOIN plan_version v ON v.plan_id = p.id"
                                     " AND v.version = p.current_version"
                                     " WHERE p.client_id = ?1;",
                                     _("Reading the plan"), error);
  if (stmt == NULL)
    return FALSE;
  polku_store_bind_text_or_null (stmt, 1, client_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      g_autoptr(GError) parse_error = NULL;

      plan_id = polku_store_column_dup (stmt, 0);
      version = sqlite3_column_int64 (stmt, 1);
      document = polku_plan_document_from_string (POLKU_STORE_COL (stmt, 2), &parse_error);
      if (document == NULL)
        {
          polku_store_release (stmt);
          g_set_error (error, POLKU_PLAN_ERROR, POLKU_PLAN_ERROR_INVALID,
                       _("The stored plan cannot be read: %s"), parse_error->message);
          return FALSE;
        }
      agreed_on = polku_store_column_dup (stmt, 3);
      rc = SQLITE_DONE;
    }
  else if (rc != SQLITE_DONE)
    polku_store_set_sqlite_error (error, db, _("Reading the plan"));
  polku_store_release (stmt);

  if (rc != SQLITE_DONE)
    return FALSE;

  /* A version saved before schema 7 has no agreed date: the plan's is shown with it. */
  if (document != NULL && JSON_NODE_HOLDS_OBJECT (document) && agreed_on != NULL)
    {
      JsonObject *plan = json_node_get_object (document);
      JsonNode *node = json_object_get_member (plan, "agreed_on");

      if (node == NULL || JSON_NODE_HOLDS_NULL (node))
        json_object_set_string_member (plan, "agreed_on", agreed_on);
    }

  if (out_plan_id != NULL)
    *out_plan_id = g_steal_pointer (&plan_id);
  if (out_version != NULL)
    *out_version = version;
  *out_document = g_steal_pointer (&document);
  return TRUE;
}

/**
 * polku_plan_store_load:
 * @out_version: (out) (optional): the current version's number
 *
 * Returns: (transfer full): the current version of the client's plan, or %NULL with
 *   POLKU_PLAN_ERROR_NO_PLAN when there is none
 */
JsonNode *
polku_plan_store_load (PolkuStore  *store,
                       const char  *client_id,
                       gint64      *out_version,
                       GError     **error)
{
  JsonNode *document = NULL;
  sqlite3 *db;
  gboolean ok;

  g_return_val_if_fail (POLKU_IS_STORE (store), NULL);
  g_return_val_if_fail (client_id != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  db = polku_store_begin_use (store, error);
  if (db == NULL)
    return NULL;
  ok = load_current_locked (db, client_id, NULL, out_version, &document, error);
  polku_store_end_use (store);

  if (ok && document == NULL)
    no_plan (error);
  return document;
}

/* The local date of the ISO 8601 stamp @stamp (today's when it cannot be read). */
static char *
local_date_of (const char *stamp)
{
  g_autoptr(GDateTime) utc = g_date_time_new_from_iso8601 (stamp, NULL);
  g_autoptr(GDateTime) local = NULL;

  if (utc == NULL)
    return polku_date_today ();
  local = g_date_time_to_local (utc);
  return g_date_time_format (local, "%Y-%m-%d");
}

/* The day the client's case was opened (its first phase change), or NULL without a case. */
static char *
case_opened_on (sqlite3    *db,
                const char *client_id)
{
  sqlite3_stmt *stmt;
  char *opened = NULL;

  stmt = polku_store_prepare_cached (db, "SELECT min (changed_on) FROM case_phase_change"
                                         " WHERE client_id = ?1;", _("Reading the case"), NULL);
  if (stmt == NULL)
    return NULL;
  polku_store_bind_text_or_null (stmt, 1, client_id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    opened = polku_store_column_dup (stmt, 0);
  polku_store_release (stmt);
  return opened;
}

/* A new or changed agreed date is not in the future and not before the case was opened:
 * the before/after periods of the measures start on it. */
static gboolean
check_agreed_on (sqlite3     *db,
                 const char  *client_id,
                 const char  *agreed_on,
                 GError     **error)
{
  g_autofree char *today = polku_date_today ();
  g_autofree char *opened = NULL;
  g_autofree char *shown = polku_date_format_user (agreed_on);

  if (g_strcmp0 (agreed_on, today) > 0)
    {
      g_set_error (error, POLKU_PLAN_ERROR, POLKU_PLAN_ERROR_INVALID,
                   _("The plan cannot be agreed on %s, a day still to come: give the day it "
                     "was agreed with the client (today at the latest). Nothing was saved."),
                   shown);
      return FALSE;
    }
  opened = case_opened_on (db, client_id);
  if (opened != NULL && g_strcmp0 (agreed_on, opened) < 0)
    {
      g_autofree char *opened_shown = polku_date_format_user (opened);

      g_set_error (error, POLKU_PLAN_ERROR, POLKU_PLAN_ERROR_INVALID,
                   _("The plan cannot be agreed on %s, before the client’s case was opened "
                     "(%s): give the day it was agreed with the client. Nothing was saved."),
                   shown, opened_shown);
      return FALSE;
    }
  return TRUE;
}

/* Whether save_locked () would store @document as it is: a version from sync (which keeps
 * the stamps its elements carry) with its agreed date and no legacy member. */
static gboolean
keeps_as_given (JsonNode   *document,
                const char *origin)
{
  JsonObject *plan = json_node_get_object (document);
  JsonNode *agreed_on = json_object_get_member (plan, "agreed_on");

  return g_str_equal (origin, POLKU_PLAN_ORIGIN_SYNC)
         && json_object_has_member (plan, "created")
         && agreed_on != NULL && JSON_NODE_HOLDS_VALUE (agreed_on)
         && json_node_get_value_type (agreed_on) == G_TYPE_STRING
         && !polku_plan_document_has_legacy (document);
}

/* Saves @document as the next version, inside the caller's transaction; @validated: the
 * caller validated this very node with polku_plan_document_validate (), and it has not
 * changed since. */
static gboolean
save_locked (gboolean     validated,
             PolkuStore  *store,
             sqlite3     *db,
             const char  *client_id,
             JsonNode    *document,
             gint64       base_version,
             const char  *origin,
             gint64       restored_from,
             const char  *stamp,
             const char  *author,
             gint64      *out_version,
             gboolean    *out_as_given,
             GError     **error)
{
  g_autoptr(JsonNode) current = NULL;
  g_autoptr(JsonNode) stamped = NULL;
  g_autoptr(JsonNode) work = NULL;
  g_autofree char *plan_id = NULL;
  g_autofree char *agreed_on = NULL;
  g_autofree char *now = stamp != NULL ? g_strdup (stamp) : polku_date_now_stamp ();
  g_autofree char *version_id = polku_id_new ();
  g_autofree char *text = NULL;
  g_autofree char *detail = NULL;
  gint64 current_version = 0;
  gboolean as_given;
  JsonObject *plan;
  const char *language;
  const char *action;
  sqlite3_stmt *stmt;

  if (out_as_given != NULL)
    *out_as_given = FALSE;
  if (!polku_store_check_client_locked (db, client_id, error))
    return FALSE;
  if (!load_current_locked (db, client_id, &plan_id, &current_version, &current, error))
    return FALSE;

  if (base_version >= 0 && base_version != current_version)
    {
      g_set_error (error, POLKU_PLAN_ERROR, POLKU_PLAN_ERROR_CHANGED,
                   _("The plan was changed meanwhile (it is now at version %d). Your changes "
                     "were not saved; compare them with the new version."),
                   (int) current_version);
      return FALSE;
    }

  if (!validated && !polku_plan_document_validate (document, error))
    return FALSE;

  plan = json_node_get_object (document);
  if (g_strcmp0 (json_object_get_string_member (plan, "client_id"), client_id) != 0)
    {
      g_set_error (error, POLKU_PLAN_ERROR, POLKU_PLAN_ERROR_INVALID,
                   _("The plan belongs to another client (its “client_id” differs)."));
      return FALSE;
    }
  if (plan_id != NULL && g_strcmp0 (json_object_get_string_member (plan, "id"), plan_id) != 0)
    {
      g_set_error (error, POLKU_PLAN_ERROR, POLKU_PLAN_ERROR_INVALID,
                   _("The client already has another plan (its “id” differs)."));
      return FALSE;
    }

  /* What the version will say: without the legacy members, with the agreed date (the
   * plan's so far, or the first save's local date). The current version is read the same
   * way (load_current_locked () gave it the plan's agreed date). A version from sync that
   * already says so, and keeps its own stamps (below), is @document itself, not a copy:
   * nothing changes it, and its text is then @document's (*@out_as_given). */
  as_given = keeps_as_given (document, origin);
  if (as_given)
    {
      work = json_node_ref (document);
      plan = json_node_get_object (work);
      agreed_on = g_strdup (json_object_get_string_member (plan, "agreed_on"));
    }
  else
    {
      work = polku_plan_node_deep_copy (document);
      polku_plan_document_drop_legacy (work);
      plan = json_node_get_object (work);
      agreed_on = g_strdup (json_object_get_string_member_with_default (plan, "agreed_on",
                                                                        NULL));
      if (agreed_on == NULL && current != NULL)
        agreed_on = g_strdup (json_object_get_string_member_with_default (
                                json_node_get_object (current), "agreed_on", NULL));
      if (agreed_on == NULL)
        agreed_on = local_date_of (now);
      json_object_set_string_member (plan, "agreed_on", agreed_on);
    }
  if (current != NULL)
    polku_plan_document_drop_legacy (current);

  /* A version from sync or a conflict decision carries another person's agreed date, checked
   * where it was set. */
  if (!g_str_equal (origin, POLKU_PLAN_ORIGIN_SYNC)
      && !g_str_equal (origin, POLKU_PLAN_ORIGIN_RESOLVE)
      && (current == NULL
          || g_strcmp0 (agreed_on, json_object_get_string_member_with_default (
                                     json_node_get_object (current), "agreed_on", NULL)) != 0)
      && !check_agreed_on (db, client_id, agreed_on, error))
    return FALSE;

  /* Nothing changed: no new version. */
  if (current != NULL && polku_plan_document_same_content (work, current))
    {
      if (out_version != NULL)
        *out_version = current_version;
      return TRUE;
    }

  stamped = g_steal_pointer (&work);
  /* A version from sync keeps the stamps its elements had where they were changed: stamping
   * them again here would make every sync a change for the other side. */
  if (!g_str_equal (origin, POLKU_PLAN_ORIGIN_SYNC)
      || !json_object_has_member (json_node_get_object (stamped), "created"))
    polku_plan_document_stamp (stamped, current, now);
  text = polku_plan_document_to_string (stamped, FALSE);
  language = polku_plan_document_get_language (stamped);
  plan = json_node_get_object (stamped);

  if (plan_id == NULL)
    {
      plan_id = g_strdup (json_object_get_string_member (plan, "id"));
      stmt = polku_store_prepare_cached (db,
                                         "INSERT INTO plan (id, created, modified, client_id,"
                                         " language, current_version, agreed_on)"
                                         " VALUES (?1, ?2, ?2, ?3, ?4, 1, ?5);",
                                         _("Saving the plan"), error);
      if (stmt == NULL)
        return FALSE;
      polku_store_bind_text_or_null (stmt, 1, plan_id);
      polku_store_bind_text_or_null (stmt, 2, now);
      polku_store_bind_text_or_null (stmt, 3, client_id);
      polku_store_bind_text_or_null (stmt, 4, language);
      polku_store_bind_text_or_null (stmt, 5, agreed_on);
    }
  else
    {
      stmt = polku_store_prepare_cached (db, "UPDATE plan SET modified = ?2, language = ?3,"
                                         " current_version = ?4, agreed_on = ?5 WHERE id = ?1;",
                                         _("Saving the plan"), error);
      if (stmt == NULL)
        return FALSE;
      polku_store_bind_text_or_null (stmt, 1, plan_id);
      polku_store_bind_text_or_null (stmt, 2, now);
      polku_store_bind_text_or_null (stmt, 3, language);
      sqlite3_bind_int64 (stmt, 4, current_version + 1);
      polku_store_bind_text_or_null (stmt, 5, agreed_on);
    }
  if (!polku_store_step_done (db, stmt, _("Saving the plan"), error))
    return FALSE;

  stmt = polku_store_prepare_cached (db,
                                     "INSERT INTO plan_version (id, created, modified, plan_id,"
                                     " version, author, origin, restored_from, document)"
                                     " VALUES (?1, ?2, ?2, ?3, ?4, ?5, ?6, ?7, ?8);",
                                     _("Saving the plan"), error);
  if (stmt == NULL)
    return FALSE;
  polku_store_bind_text_or_null (stmt, 1, version_id);
  polku_store_bind_text_or_null (stmt, 2, now);
  polku_store_bind_text_or_null (stmt, 3, plan_id);
  sqlite3_bind_int64 (stmt, 4, current_version + 1);
  polku_store_bind_text_or_null (stmt, 5, author != NULL ? author
                                                        : polku_store_get_actor_locked (store));
  polku_store_bind_text_or_null (stmt, 6, origin);
  if (restored_from > 0)
    sqlite3_bind_int64 (stmt, 7, restored_from);
  else
    sqlite3_bind_null (stmt, 7);
  polku_store_bind_text_or_null (stmt, 8, text);
  if (!polku_store_step_done (db, stmt, _("Saving the plan"), error))
    return FALSE;
  /* The client's shared document changed (what schema 9's trigger sync_dirty_plan did; a
   * trigger made every version's INSERT keep an encrypted statement journal: migration 11). */
  if (!polku_store_run (db, "INSERT OR IGNORE INTO sync_dirty (client_id) VALUES (?1);",
                        _("Saving the plan"), error, 1, client_id))
    return FALSE;

  /* The editor's draft is saved now. */
  if (g_str_equal (origin, POLKU_PLAN_ORIGIN_EDIT)
      || g_str_equal (origin, POLKU_PLAN_ORIGIN_TEMPLATE))
    {
      if (!polku_store_run (db,
                            "DELETE FROM plan_draft WHERE client_id = ?1;",
                            _("Saving the plan"), error, 1, client_id))
        return FALSE;
    }

  if (restored_from > 0)
    {
      action = POLKU_AUDIT_PLAN_RESTORE;
      detail = g_strdup_printf ("plan=%s version=%" G_GINT64_FORMAT " from=%" G_GINT64_FORMAT,
                                plan_id, current_version + 1, restored_from);
    }
  else
    {
      action = current == NULL ? POLKU_AUDIT_PLAN_CREATE : POLKU_AUDIT_PLAN_UPDATE;
      detail = g_strdup_printf ("plan=%s version=%" G_GINT64_FORMAT " origin=%s",
                                plan_id, current_version + 1, origin);
    }
  if (!polku_audit_append_locked (store, db, action, client_id, detail, error))
    return FALSE;

  if (out_version != NULL)
    *out_version = current_version + 1;
  if (out_as_given != NULL)
    *out_as_given = as_given;
  return TRUE;
}

typedef struct
{
  const char *client_id;
  JsonNode   *document;     /* save: the document; update: the patch */
  gint64      base_version;
  const char *origin;
  gint64      restore;      /* restore: the version to bring back */
  gint64      out_version;
  JsonNode   *out_document;
  const char *stamp;
} SaveData;

/* Runs @body, which makes a version, with polku_store_write (); sets @out_version. */
static gboolean
write_version (PolkuStore           *store,
               PolkuStoreWriteFunc   body,
               SaveData             *save,
               gint64               *out_version,
               GError              **error)
{
  if (!polku_store_write (store, body, save, error))
    return FALSE;
  if (out_version != NULL)
    *out_version = save->out_version;
  return TRUE;
}

static gboolean
save_body (PolkuStore  *store,
           sqlite3     *db,
           gpointer     data,
           GError     **error)
{
  SaveData *save = data;

  return save_locked (FALSE, store, db, save->client_id, save->document, save->base_version,
                      save->origin, 0, save->stamp, NULL, &save->out_version, NULL, error);
}

/**
 * polku_plan_store_load_locked:
 * @db: the connection of the caller's polku_store_write () body (or begin_use)
 *
 * For sync (polku-sync.c), which reads and writes a batch in one transaction.
 *
 * Returns: (transfer full) (nullable): the current version of the client's plan; %NULL with
 *   no error when the client has no plan
 */
JsonNode *
polku_plan_store_load_locked (sqlite3     *db,
                              const char  *client_id,
                              gint64      *out_version,
                              GError     **error)
{
  JsonNode *document = NULL;

  g_return_val_if_fail (db != NULL, NULL);
  g_return_val_if_fail (client_id != NULL, NULL);

  if (!load_current_locked (db, client_id, NULL, out_version, &document, error))
    return NULL;
  return document;
}

/**
 * polku_plan_store_save_locked:
 * @db: the connection of the caller's polku_store_write () body
 * @origin: POLKU_PLAN_ORIGIN_SYNC or POLKU_PLAN_ORIGIN_RESOLVE (or any other)
 * @author: (nullable): the version's author ("Name (organisation)" of whoever changed the
 *   plan elsewhere); %NULL for the store's actor
 *
 * polku_plan_store_save () without a base check, inside the caller's transaction: sync
 * writes a pulled batch and its checkpoint together. A version from sync or a conflict
 * decision keeps the agreed date it carries (it was checked where it was set).
 */
gboolean
polku_plan_store_save_locked (PolkuStore  *store,
                              sqlite3     *db,
                              const char  *client_id,
                              JsonNode    *document,
                              const char  *origin,
                              const char  *author,
                              gint64      *out_version,
                              GError     **error)
{
  g_return_val_if_fail (POLKU_IS_STORE (store), FALSE);
  g_return_val_if_fail (db != NULL, FALSE);
  g_return_val_if_fail (client_id != NULL && document != NULL && origin != NULL, FALSE);

  return save_locked (FALSE, store, db, client_id, document, -1, origin, 0, NULL, author,
                      out_version, NULL, error);
}

/*
 * polku_plan_store_save_validated_locked:
 * @document: a plan that the caller has just validated with polku_plan_document_validate ()
 *   (itself, this very node, unchanged since)
 *
 * polku_plan_store_save_locked () without validating @document again: sync takes in a
 * pulled document that polku_sync_doc_validate () checked (the plan with
 * polku_plan_document_validate ()), and a first pull of a county's plans would otherwise
 * pay for the check twice. Everything else is checked as there (the client, the plan's id).
 */
gboolean
polku_plan_store_save_validated_locked (PolkuStore  *store,
                                        sqlite3     *db,
                                        const char  *client_id,
                                        JsonNode    *document,
                                        const char  *origin,
                                        const char  *author,
                                        gint64      *out_version,
                                        GError     **error)
{
  g_return_val_if_fail (POLKU_IS_STORE (store), FALSE);
  g_return_val_if_fail (db != NULL, FALSE);
  g_return_val_if_fail (client_id != NULL && document != NULL && origin != NULL, FALSE);
  g_return_val_if_fail (JSON_NODE_HOLDS_OBJECT (document), FALSE);

  return save_locked (TRUE, store, db, client_id, document, -1, origin, 0, NULL, author,
                      out_version, NULL, error);
}

/**
 * polku_plan_store_save_received_locked:
 * @validated: @document is the very node polku_sync_doc_validate () checked, unchanged
 *   since: it is not validated again
 * @out_as_given: (out) (optional): whether the new version holds @document exactly as
 *   given (nothing dropped, dated or stamped: its text is @document's)
 *
 * polku_plan_store_save_locked () with origin "sync", for a plan pulled from a server. When
 * *@out_as_given, the version is that plan, and the caller may refer to it (the sync base,
 * polku-sync-store.c) instead of keeping another copy; FALSE when no version was written.
 */
gboolean
polku_plan_store_save_received_locked (PolkuStore  *store,
                                       sqlite3     *db,
                                       const char  *client_id,
                                       JsonNode    *document,
                                       gboolean     validated,
                                       const char  *author,
                                       gint64      *out_version,
                                       gboolean    *out_as_given,
                                       GError     **error)
{
  g_return_val_if_fail (POLKU_IS_STORE (store), FALSE);
  g_return_val_if_fail (db != NULL, FALSE);
  g_return_val_if_fail (client_id != NULL && document != NULL, FALSE);
  g_return_val_if_fail (!validated || JSON_NODE_HOLDS_OBJECT (document), FALSE);

  return save_locked (validated, store, db, client_id, document, -1, POLKU_PLAN_ORIGIN_SYNC,
                      0, NULL, author, out_version, out_as_given, error);
}

/**
 * polku_plan_store_save:
 * @document: the whole plan
 * @base_version: the version the change was made from (0 for a new plan), or -1 not to
 *   check; when the current version differs, nothing is saved (POLKU_PLAN_ERROR_CHANGED)
 * @origin: POLKU_PLAN_ORIGIN_EDIT, …
 * @out_version: (out) (optional): the new version's number (the current one when nothing
 *   changed)
 *
 * Validates @document and saves it as a new version, stamped against the current one, with
 * an audit entry, in one transaction. A document that says the same as the current version
 * makes no new version.
 */
gboolean
polku_plan_store_save (PolkuStore  *store,
                       const char  *client_id,
                       JsonNode    *document,
                       gint64       base_version,
                       const char  *origin,
                       gint64      *out_version,
                       GError     **error)
{
  return polku_plan_store_save_stamped (store, client_id, document, base_version, origin,
                                        NULL, out_version, error);
}

/* polku_plan_store_save () with the time of the change given (demo data); NULL for now. */
gboolean
polku_plan_store_save_stamped (PolkuStore  *store,
                               const char  *client_id,
                               JsonNode    *document,
                               gint64       base_version,
                               const char  *origin,
                               const char  *stamp,
                               gint64      *out_version,
                               GError     **error)
{
  SaveData save = { client_id, document, base_version, origin, 0, 0, NULL, stamp };

  g_return_val_if_fail (POLKU_IS_STORE (store), FALSE);
  g_return_val_if_fail (client_id != NULL, FALSE);
  g_return_val_if_fail (document != NULL, FALSE);
  g_return_val_if_fail (origin != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return write_version (store, save_body, &save, out_version, error);
}

static gboolean
update_body (PolkuStore  *store,
             sqlite3     *db,
             gpointer     data,
             GError     **error)
{
  SaveData *save = data;
  g_autoptr(JsonNode) current = NULL;
  g_autoptr(JsonNode) patched = NULL;
  g_autofree char *lang = NULL;
  gint64 version = 0;

  if (!polku_store_check_client_locked (db, save->client_id, error)
      || !load_current_locked (db, save->client_id, NULL, &version, &current, error))
    return FALSE;

  /* A patch made from an older version would be applied to a plan it never saw: a goal
   * another patch added meanwhile would be dropped by a patch that replaces "goals". */
  if (save->base_version >= 0 && save->base_version != version)
    {
      g_set_error (error, POLKU_PLAN_ERROR, POLKU_PLAN_ERROR_CHANGED,
                   _("The plan was changed meanwhile: the patch was made from version %d and "
                     "the plan is now at version %d. Nothing was changed; make the patch "
                     "again from the newest version."),
                   (int) save->base_version, (int) version);
      return FALSE;
    }

  if (current == NULL)
    {
      /* The first patch makes the plan, in the client's language. */
      sqlite3_stmt *stmt = polku_store_prepare_cached (db, "SELECT language FROM client"
                                                           " WHERE id = ?1;",
                                                       _("Reading a client"), NULL);

      if (stmt != NULL)
        {
          polku_store_bind_text_or_null (stmt, 1, save->client_id);
          if (sqlite3_step (stmt) == SQLITE_ROW)
            lang = polku_store_column_dup (stmt, 0);
          polku_store_release (stmt);
        }
      current = polku_plan_document_new (save->client_id, lang);
    }

  patched = polku_plan_document_apply_patch (current, save->document, error);
  if (patched == NULL)
    return FALSE;

  if (!save_locked (FALSE, store, db, save->client_id, patched, version, save->origin, 0, NULL,
                    NULL, &save->out_version, NULL, error))
    return FALSE;

  return load_current_locked (db, save->client_id, NULL, NULL, &save->out_document, error);
}

/**
 * polku_plan_store_update:
 * @patch: a JSON merge patch (RFC 7396) of the plan
 * @base_version: the version the patch was made from (0 when there was no plan), or -1 not
 *   to check
 *
 * Applies @patch to the current version (to a new, empty plan when there is none) and
 * saves the result as a new version. A bad patch is rejected with one line that says what
 * is wrong, and changes nothing. When the plan is no longer at @base_version, nothing is
 * changed and the error is %POLKU_PLAN_ERROR_CHANGED: a patch is not merged with changes
 * it never saw.
 *
 * Returns: (transfer full): the plan after the change, or %NULL with @error
 */
JsonNode *
polku_plan_store_update (PolkuStore  *store,
                         const char  *client_id,
                         JsonNode    *patch,
                         gint64       base_version,
                         gint64      *out_version,
                         GError     **error)
{
  SaveData save = { client_id, patch, base_version, POLKU_PLAN_ORIGIN_PATCH, 0, 0, NULL,
                    NULL };

  g_return_val_if_fail (POLKU_IS_STORE (store), NULL);
  g_return_val_if_fail (client_id != NULL, NULL);
  g_return_val_if_fail (patch != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!write_version (store, update_body, &save, out_version, error))
    {
      g_clear_pointer (&save.out_document, json_node_unref);
      return NULL;
    }
  return save.out_document;
}

static PolkuPlanVersion *
version_from_row (sqlite3_stmt  *stmt,
                  GError       **error)
{
  g_autoptr(PolkuPlanVersion) version = g_object_new (POLKU_TYPE_PLAN_VERSION, NULL);
  const char *agreed_on;

  version->version = sqlite3_column_int64 (stmt, 0);
  version->created = polku_store_column_dup (stmt, 1);
  version->author = polku_store_column_dup (stmt, 2);
  version->origin = polku_store_column_dup (stmt, 3);
  version->restored_from = sqlite3_column_int64 (stmt, 4);
  version->document = polku_plan_document_from_string (POLKU_STORE_COL (stmt, 5), error);
  if (version->document == NULL)
    return NULL;
  agreed_on = polku_json_get_string (json_node_get_object (version->document), "agreed_on");
  version->agreed_on_recorded = agreed_on != NULL;
  if (agreed_on != NULL)
    version->agreed_on = g_strdup (agreed_on);
  else if (POLKU_STORE_COL (stmt, 7) != NULL)
    version->agreed_on = local_date_of (POLKU_STORE_COL (stmt, 7));
  return g_steal_pointer (&version);
}

/* Column 7: when the plan was first saved (polku_plan_version_get_agreed_on ()). */
#define VERSION_QUERY \
  "SELECT v.version, v.created, v.author, v.origin, v.restored_from, v.document," \
  " p.id, (SELECT min (f.created) FROM plan_version f WHERE f.plan_id = p.id)" \
  " FROM plan p LEFT JOIN plan_version v ON v.plan_id = p.id" \
  " AND (?2 = 0 OR v.version = ?2) WHERE p.client_id = ?1 ORDER BY v.version;"

/* All versions (@only = 0) or one. NULL with NO_PLAN / NO_VERSION / a database error. */
static GPtrArray *
read_versions (PolkuStore  *store,
               const char  *client_id,
               gint64       only,
               GError     **error)
{
  g_autoptr(GPtrArray) versions = g_ptr_array_new_with_free_func (g_object_unref);
  gboolean have_plan = FALSE;
  gboolean failed;
  sqlite3_stmt *stmt;
  sqlite3 *db;
  int rc;

  db = polku_store_begin_use (store, error);
  if (db == NULL)
    return NULL;

  stmt = polku_store_prepare_cached (db, VERSION_QUERY, _("Reading the plan’s versions"),
                                     error);
  failed = stmt == NULL;
  if (!failed)
    {
      polku_store_bind_text_or_null (stmt, 1, client_id);
      sqlite3_bind_int64 (stmt, 2, only);
      while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
        {
          PolkuPlanVersion *version;

          have_plan = TRUE;
          if (sqlite3_column_type (stmt, 0) == SQLITE_NULL)
            continue;
          version = version_from_row (stmt, error);
          if (version == NULL)
            {
              failed = TRUE;
              break;
            }
          g_ptr_array_add (versions, version);
        }
      if (!failed && rc != SQLITE_DONE)
        {
          polku_store_set_sqlite_error (error, db, _("Reading the plan’s versions"));
          failed = TRUE;
        }
      polku_store_release (stmt);
    }
  polku_store_end_use (store);

  if (failed)
    return NULL;
  if (!have_plan)
    {
      no_plan (error);
      return NULL;
    }
  if (versions->len == 0)
    {
      g_set_error (error, POLKU_PLAN_ERROR, POLKU_PLAN_ERROR_NO_VERSION,
                   _("The plan has no version %d."), (int) only);
      return NULL;
    }
  return g_steal_pointer (&versions);
}

/**
 * polku_plan_store_list_versions:
 *
 * Returns: (transfer full) (element-type PolkuPlanVersion): every version, oldest first;
 *   %NULL with POLKU_PLAN_ERROR_NO_PLAN when the client has no plan
 */
GPtrArray *
polku_plan_store_list_versions (PolkuStore  *store,
                                const char  *client_id,
                                GError     **error)
{
  g_return_val_if_fail (POLKU_IS_STORE (store), NULL);
  g_return_val_if_fail (client_id != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return read_versions (store, client_id, 0, error);
}

/**
 * polku_plan_store_get_version:
 *
 * Returns: (transfer full): one version, or %NULL with POLKU_PLAN_ERROR_NO_VERSION
 */
PolkuPlanVersion *
polku_plan_store_get_version (PolkuStore  *store,
                              const char  *client_id,
                              gint64       version,
                              GError     **error)
{
  g_autoptr(GPtrArray) versions = NULL;

  g_return_val_if_fail (POLKU_IS_STORE (store), NULL);
  g_return_val_if_fail (client_id != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (version <= 0)
    {
      g_set_error (error, POLKU_PLAN_ERROR, POLKU_PLAN_ERROR_NO_VERSION,
                   _("Versions are numbered from 1."));
      return NULL;
    }

  versions = read_versions (store, client_id, version, error);
  if (versions == NULL)
    return NULL;
  return g_object_ref (g_ptr_array_index (versions, 0));
}

static gboolean
restore_body (PolkuStore  *store,
              sqlite3     *db,
              gpointer     data,
              GError     **error)
{
  SaveData *save = data;
  g_autoptr(JsonNode) old = NULL;
  g_autoptr(JsonNode) current = NULL;
  sqlite3_stmt *stmt;
  gint64 current_version = 0;
  int rc;

  if (!load_current_locked (db, save->client_id, NULL, &current_version, &current, error))
    return FALSE;
  if (current == NULL)
    return no_plan (error);

  stmt = polku_store_prepare_cached (db,
                                     "SELECT v.document FROM plan_version v JOIN plan p"
                                     " ON p.id = v.plan_id"
                                     " WHERE p.client_id = ?1 AND v.version = ?2;",
                                     _("Reading the plan’s versions"), error);
  if (stmt == NULL)
    return FALSE;
  polku_store_bind_text_or_null (stmt, 1, save->client_id);
  sqlite3_bind_int64 (stmt, 2, save->restore);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    old = polku_plan_document_from_string (POLKU_STORE_COL (stmt, 0), NULL);
  else if (rc != SQLITE_DONE)
    polku_store_set_sqlite_error (error, db, _("Reading the plan’s versions"));
  polku_store_release (stmt);

  if (rc == SQLITE_DONE)
    {
      g_set_error (error, POLKU_PLAN_ERROR, POLKU_PLAN_ERROR_NO_VERSION,
                   _("The plan has no version %d (it has versions 1–%d)."),
                   (int) save->restore, (int) current_version);
      return FALSE;
    }
  if (rc != SQLITE_ROW)
    return FALSE;
  if (old == NULL)
    {
      g_set_error (error, POLKU_PLAN_ERROR, POLKU_PLAN_ERROR_INVALID,
                   _("Version %d of the plan cannot be read."), (int) save->restore);
      return FALSE;
    }

  if (polku_plan_document_same_content (old, current))
    {
      save->out_version = current_version;
      return TRUE;
    }

  return save_locked (FALSE, store, db, save->client_id, old, current_version,
                      POLKU_PLAN_ORIGIN_RESTORE, save->restore, NULL, NULL,
                      &save->out_version, NULL, error);
}

/**
 * polku_plan_store_restore:
 * @version: the version to bring back
 * @out_version: (out) (optional): the new version's number
 *
 * Saves the content of @version as a new version: nothing in between is lost. When the
 * current version already says the same, nothing is saved.
 */
gboolean
polku_plan_store_restore (PolkuStore  *store,
                          const char  *client_id,
                          gint64       version,
                          gint64      *out_version,
                          GError     **error)
{
  SaveData restore = { client_id, NULL, -1, POLKU_PLAN_ORIGIN_RESTORE, version, 0, NULL, NULL };

  g_return_val_if_fail (POLKU_IS_STORE (store), FALSE);
  g_return_val_if_fail (client_id != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return write_version (store, restore_body, &restore, out_version, error);
}
