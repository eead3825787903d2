/* polku-sync-store.c: the local state of sync: revisions and bases, checkpoints, the
 * conflict queue
 *
 * Over 1,000 lines: the queue, its decisions and the engine's rows share the SQL helpers and
 * the JSON of conflict values; split off the conflict object if it grows.
 *
 * Copyright 2026 The Polku authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Tables in data/migrations/0009-sync.sql. Conflict values are JSON text; NULL means the
 * value is absent on that side (an element deleted). sync_conflict.remote_rev says which
 * server revision lists the conflict as we know it: set when a pulled or pushed document
 * lists it; an open conflict with no remote_rev has not reached the server yet, a decided
 * one with a remote_rev must still be taken off the server's list; an open conflict that had
 * one and is missing from a newer pulled document was decided elsewhere.
 *
 * sync_doc.base is the shared content as JSON text. When a pulled plan was saved as a plan
 * version exactly as received (polku_plan_store_save_received_locked ()), the base does not
 * hold that plan a second time: instead of "plan" it has "_plan_version": N, version N of
 * the client's plan (versions never change). A member starting with "_" is never content
 * (polku_sync_is_meta_member ()), so no base holds one otherwise; polku_sync_store_get_doc ()
 * reads the version back in. A first pull of a county's plans writes a quarter fewer pages
 * so. A version that is missing or cannot be read leaves the base without its plan and the
 * row's revision forgotten (read_base_plan_locked ()): the client's plan merges as at a first
 * meeting, and its sync goes on.
 */

#define G_LOG_DOMAIN "polku-sync"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "polku-audit-private.h"
#include "polku-json.h"
#include "polku-plan-private.h"
#include "polku-plan-store.h"
#include "polku-store-private.h"
#include "polku-sync-doc.h"
#include "polku-sync-merge.h"
#include "polku-sync-store.h"
#include "polku-team-store.h"

G_DEFINE_QUARK (polku-sync-error-quark, polku_sync_error)

/* The member of a stored base that names the plan version holding its plan. */
#define BASE_PLAN_VERSION "_plan_version"

/* PolkuSyncConflict */

enum {
  FIELD_ID,
  FIELD_CREATED,
  FIELD_CLIENT_ID,
  FIELD_DATABASE,
  FIELD_PATH,
  FIELD_BASE_VALUE,
  FIELD_LOCAL_VALUE,
  FIELD_REMOTE_VALUE,
  FIELD_LOCAL_BY,
  FIELD_LOCAL_AT,
  FIELD_REMOTE_BY,
  FIELD_REMOTE_AT,
  FIELD_REMOTE_REV,
  FIELD_RESOLVED_AT,
  FIELD_RESOLVED_BY,
  FIELD_RESOLUTION,
  N_FIELDS
};

/* Property names, in the order of the columns of CONFLICT_COLUMNS. */
static const char * const field_names[N_FIELDS] = {
  "id", "created", "client-id", "database", "path", "base-value", "local-value",
  "remote-value", "local-by", "local-at", "remote-by", "remote-at", "remote-rev",
  "resolved-at", "resolved-by", "resolution",
};

#define CONFLICT_COLUMNS \
  "id, created, client_id, database, path, base_value, local_value, remote_value, local_by," \
  " local_at, remote_by, remote_at, remote_rev, resolved_at, resolved_by, resolution"

struct _PolkuSyncConflict
{
  GObject  parent_instance;

  char    *fields[N_FIELDS];
  char    *label;
  char    *title;   /* polku_sync_conflict_name_all () (polku-sync-label.c); NULL: the label */
};

G_DEFINE_FINAL_TYPE (PolkuSyncConflict, polku_sync_conflict, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_LABEL = N_FIELDS + 1,
  PROP_TITLE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
polku_sync_conflict_finalize (GObject *object)
{
  PolkuSyncConflict *self = (PolkuSyncConflict *) object;

  for (guint i = 0; i < N_FIELDS; i++)
    g_clear_pointer (&self->fields[i], g_free);
  g_clear_pointer (&self->label, g_free);
  g_clear_pointer (&self->title, g_free);

  G_OBJECT_CLASS (polku_sync_conflict_parent_class)->finalize (object);
}

static void
polku_sync_conflict_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  PolkuSyncConflict *self = POLKU_SYNC_CONFLICT (object);

  if (prop_id >= 1 && prop_id <= N_FIELDS)
    g_value_set_string (value, self->fields[prop_id - 1]);
  else if (prop_id == PROP_LABEL)
    g_value_set_string (value, polku_sync_conflict_get_label (self));
  else if (prop_id == PROP_TITLE)
    g_value_set_string (value, polku_sync_conflict_get_title (self));
  else
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
}

static void
polku_sync_conflict_class_init (PolkuSyncConflictClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = polku_sync_conflict_finalize;
  object_class->get_property = polku_sync_conflict_get_property;

  for (guint i = 0; i < N_FIELDS; i++)
    properties[i + 1] = g_param_spec_string (field_names[i], NULL, NULL, NULL,
                                             G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_LABEL] = g_param_spec_string ("label", NULL, NULL, NULL,
                                                G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_TITLE] = g_param_spec_string ("title", NULL, NULL, NULL,
                                                G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
polku_sync_conflict_init (PolkuSyncConflict *self)
{
}

#define FIELD_GETTER(name, field) \
  const char * \
  polku_sync_conflict_get_##name (PolkuSyncConflict *self) \
  { \
    g_return_val_if_fail (POLKU_IS_SYNC_CONFLICT (self), NULL); \
    return self->fields[field]; \
  }

FIELD_GETTER (id, FIELD_ID)
FIELD_GETTER (created, FIELD_CREATED)
FIELD_GETTER (client_id, FIELD_CLIENT_ID)
FIELD_GETTER (database, FIELD_DATABASE)
FIELD_GETTER (path, FIELD_PATH)
FIELD_GETTER (base_value, FIELD_BASE_VALUE)
FIELD_GETTER (local_value, FIELD_LOCAL_VALUE)
FIELD_GETTER (remote_value, FIELD_REMOTE_VALUE)
FIELD_GETTER (local_by, FIELD_LOCAL_BY)
FIELD_GETTER (local_at, FIELD_LOCAL_AT)
FIELD_GETTER (remote_by, FIELD_REMOTE_BY)
FIELD_GETTER (remote_at, FIELD_REMOTE_AT)
FIELD_GETTER (remote_rev, FIELD_REMOTE_REV)
FIELD_GETTER (resolved_at, FIELD_RESOLVED_AT)
FIELD_GETTER (resolved_by, FIELD_RESOLVED_BY)
FIELD_GETTER (resolution, FIELD_RESOLUTION)

/* The words for one name of a path (a member of the shared document). */
static const char *
member_label (const char *name)
{
  static const struct { const char *name; const char *label; } labels[] = {
    { "plan", NC_("sync path", "Plan") },
    { "client_view", NC_("sync path", "The client’s own view") },
    { "main_burden", NC_("sync path", "What burdens most") },
    { "differing_views", NC_("sync path", "Differing view") },
    { "goals", NC_("sync path", "Goal") },
    { "actions", NC_("sync path", "Action") },
    { "services", NC_("sync path", "Service") },
    { "team", NC_("sync path", "Team member") },
    { "client", NC_("sync path", "Client") },
    { "consent", NC_("sync path", "Consent") },
    { "text", NC_("sync path", "text") },
    { "status", NC_("sync path", "status") },
    { "topic", NC_("sync path", "topic") },
    { "name", NC_("sync path", "name") },
    { "role", NC_("sync path", "role") },
    { "person", NC_("sync path", "person") },
    { "given_name", NC_("sync path", "given name") },
    { "family_name", NC_("sync path", "family name") },
    { "birth_date", NC_("sync path", "birth date") },
    { "agreed_on", NC_("sync path", "agreed on") },
    { "language", NC_("sync path", "language") },
    { "left_on", NC_("sync path", "left on") },
    { "contact", NC_("sync path", "contact details") },
    { "responsible", NC_("sync path", "responsible worker") },
  };

  for (guint i = 0; i < G_N_ELEMENTS (labels); i++)
    if (g_str_equal (labels[i].name, name))
      return g_dpgettext2 (GETTEXT_PACKAGE, "sync path", labels[i].label);
  return name;
}

/* "Goal › Action: status": the named members of the path, the element ids left out. */
static char *
path_label (const char *path)
{
  g_auto(GStrv) parts = g_strsplit (path, "/", -1);
  g_autoptr(GString) text = g_string_new (NULL);
  guint n = g_strv_length (parts);
  const char *last = NULL;

  for (guint i = 0; i < n; i++)
    {
      const char *part = parts[i];

      if (g_uuid_string_is_valid (part) || (i == 0 && g_str_equal (part, "plan") && n > 1))
        continue;
      if (last != NULL)
        {
          if (text->len > 0)
            g_string_append (text, " › ");
          g_string_append (text, member_label (last));
        }
      last = part;
    }
  if (last == NULL)
    return g_strdup (path);
  if (text->len > 0)
    {
      g_string_append (text, ": ");
      g_string_append (text, member_label (last));
      return g_string_free (g_steal_pointer (&text), FALSE);
    }
  return g_strdup (member_label (last));
}

const char *
polku_sync_conflict_get_label (PolkuSyncConflict *self)
{
  g_return_val_if_fail (POLKU_IS_SYNC_CONFLICT (self), NULL);

  if (self->label == NULL && self->fields[FIELD_PATH] != NULL)
    self->label = path_label (self->fields[FIELD_PATH]);
  return self->label;
}

/* The title polku_sync_conflict_name_all () gave, or the label when it was not named. */
const char *
polku_sync_conflict_get_title (PolkuSyncConflict *self)
{
  g_return_val_if_fail (POLKU_IS_SYNC_CONFLICT (self), NULL);

  return self->title != NULL ? self->title : polku_sync_conflict_get_label (self);
}

void
polku_sync_conflict_take_title (PolkuSyncConflict *self,
                                char              *title)
{
  g_return_if_fail (POLKU_IS_SYNC_CONFLICT (self));

  g_free (self->title);
  self->title = title;
}

static gpointer
conflict_from_row (sqlite3_stmt  *stmt,
                   gpointer       user_data,
                   GError       **error)
{
  PolkuSyncConflict *self = g_object_new (POLKU_TYPE_SYNC_CONFLICT, NULL);

  for (guint i = 0; i < N_FIELDS; i++)
    self->fields[i] = polku_store_column_dup (stmt, i);
  return self;
}

GPtrArray *
polku_sync_conflict_list (PolkuStore  *store,
                          const char  *client_id,
                          gboolean     include_resolved,
                          GError     **error)
{
  g_autofree char *sql = NULL;

  g_return_val_if_fail (POLKU_IS_STORE (store), NULL);

  sql = g_strdup_printf ("SELECT " CONFLICT_COLUMNS " FROM sync_conflict"
                         " WHERE (?1 IS NULL OR client_id = ?1)%s"
                         " ORDER BY created, id;",
                         include_resolved ? "" : " AND resolved_at IS NULL");
  return polku_store_list (store, sql, client_id, conflict_from_row, NULL, NULL,
                           _("Reading the sync conflicts"), error);
}

PolkuSyncConflict *
polku_sync_conflict_get (PolkuStore  *store,
                         const char  *conflict_id,
                         GError     **error)
{
  g_return_val_if_fail (POLKU_IS_STORE (store), NULL);
  g_return_val_if_fail (conflict_id != NULL, NULL);

  return polku_store_take_first (
    polku_store_list (store, "SELECT " CONFLICT_COLUMNS " FROM sync_conflict WHERE id = ?1;",
                      conflict_id, conflict_from_row, NULL, NULL,
                      _("Reading the sync conflicts"), error),
    error, POLKU_SYNC_ERROR, POLKU_SYNC_ERROR_NOT_FOUND,
    _("There is no sync conflict with the id %s. List them with polku-cli conflicts list."),
    conflict_id);
}

guint
polku_sync_conflict_count_open (PolkuStore  *store,
                                GError     **error)
{
  gint64 n;

  g_return_val_if_fail (POLKU_IS_STORE (store), 0);

  n = polku_store_count (store, "SELECT count(*) FROM sync_conflict WHERE resolved_at IS NULL;",
                         NULL, _("Reading the sync conflicts"), error);
  return n < 0 ? 0 : (guint) n;
}

/* JSON text of @node (NULL for NULL). */
static char *
node_to_text (JsonNode *node)
{
  if (node == NULL)
    return NULL;
  return json_to_string (node, FALSE);
}

/* A node from JSON text (NULL for NULL or text that does not parse). */
static JsonNode *
text_to_node (const char *text)
{
  if (text == NULL)
    return NULL;
  return json_from_string (text, NULL);
}

/* Applying shared content to the local store */

/* *@out_created (optional): the client was made now (so it has nothing else yet). */
static gboolean
apply_client_locked (PolkuStore  *store,
                     sqlite3     *db,
                     const char  *client_id,
                     JsonObject  *client,
                     const char  *language,
                     gboolean     create_client,
                     gboolean    *out_created,
                     GError     **error)
{
  const char *given = polku_json_get_string (client, "given_name");
  const char *family = polku_json_get_string (client, "family_name");
  const char *birth = polku_json_get_string (client, "birth_date");
  const char *hetu = polku_json_get_string (client, "identity_code");
  g_autofree char *now = polku_date_now_stamp ();
  sqlite3_stmt *stmt;
  gboolean exists = FALSE;
  gboolean differs = FALSE;
  int rc;

  stmt = polku_store_prepare_cached (db, "SELECT given_name, family_name, birth_date FROM client"
                                  " WHERE id = ?1;", _("Reading the client"), error);
  if (stmt == NULL)
    return FALSE;
  polku_store_bind_text_or_null (stmt, 1, client_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      exists = TRUE;
      differs = (given != NULL && g_strcmp0 (given, POLKU_STORE_COL (stmt, 0)) != 0)
                || (family != NULL && g_strcmp0 (family, POLKU_STORE_COL (stmt, 1)) != 0)
                || (json_object_has_member (client, "birth_date")
                    && g_strcmp0 (birth, POLKU_STORE_COL (stmt, 2)) != 0);
    }
  else if (rc != SQLITE_DONE)
    {
      polku_store_set_sqlite_error (error, db, _("Reading the client"));
      polku_store_release (stmt);
      return FALSE;
    }
  polku_store_release (stmt);

  if (!exists)
    {
      g_autofree char *detail = NULL;

      if (!create_client)
        return polku_store_check_client_locked (db, client_id, error);
      if (given == NULL || family == NULL)
        {
          g_set_error (error, POLKU_SYNC_ERROR, POLKU_SYNC_ERROR_INVALID,
                       _("The shared plan of client %s has no name: it was not taken in."),
                       client_id);
          return FALSE;
        }
      /* An identity code another client already has is left out rather than refused. */
      if (hetu != NULL)
        {
          stmt = polku_store_prepare_cached (db, "SELECT count(*) FROM client WHERE hetu = ?1;",
                                      _("Reading the client"), error);
          if (stmt == NULL)
            return FALSE;
          polku_store_bind_text_or_null (stmt, 1, hetu);
          if (sqlite3_step (stmt) == SQLITE_ROW && sqlite3_column_int64 (stmt, 0) > 0)
            hetu = NULL;
          polku_store_release (stmt);
        }
      if (!polku_store_run (db, "INSERT INTO client (id, created, modified, given_name,"
                                " family_name, hetu, birth_date, language)"
                                " VALUES (?1, ?2, ?2, ?3, ?4, ?5, ?6, ?7);",
                            _("Saving the client"), error, 7, client_id, now, given, family,
                            hetu, birth,
                            g_strcmp0 (language, "sv") == 0 ? "sv" : "fi"))
        return FALSE;
      detail = g_strdup ("origin=sync");
      if (out_created != NULL)
        *out_created = TRUE;
      return polku_audit_append_locked (store, db, POLKU_AUDIT_CLIENT_CREATE, client_id, detail,
                                        error);
    }

  if (!differs)
    return TRUE;
  if (!polku_store_run (db, "UPDATE client SET modified = ?2,"
                            " given_name = coalesce (?3, given_name),"
                            " family_name = coalesce (?4, family_name),"
                            " birth_date = CASE WHEN ?6 = '1' THEN ?5 ELSE birth_date END"
                            " WHERE id = ?1;",
                        _("Saving the client"), error, 6, client_id, now, given, family, birth,
                        json_object_has_member (client, "birth_date") ? "1" : "0"))
    return FALSE;
  return polku_audit_append_locked (store, db, POLKU_AUDIT_CLIENT_UPDATE, client_id,
                                    "origin=sync", error);
}

/* One member of the pulled team, by the team's own rules (polku-team-store.h): a new
 * member is added, a changed one updated, one who left on the other side leaves here (and
 * stops being a responsible worker), and the "responsible" flag names or ends a
 * responsible period from today. Each change has its team.* entry with origin=sync. */
static gboolean
apply_team_member_locked (PolkuStore  *store,
                          sqlite3     *db,
                          const char  *client_id,
                          JsonObject  *member,
                          const char  *author,
                          GError     **error)
{
  static const char * const columns[] = {
    "person", "role", "organisation", "sector", "contact", "joined_on"
  };
  const char *id = polku_json_get_string (member, "id");
  const char *left_on = polku_json_get_string (member, "left_on");
  JsonNode *responsible_node = json_object_get_member (member, "responsible");
  g_autofree char *now = polku_date_now_stamp ();
  const char *values[G_N_ELEMENTS (columns)];
  g_autofree char *detail = NULL;
  sqlite3_stmt *stmt;
  gboolean exists = FALSE;
  gboolean differs = FALSE;
  gboolean has_left = FALSE;
  gboolean responsible = FALSE;
  int rc;

  if (id == NULL || !g_uuid_string_is_valid (id))
    {
      g_set_error (error, POLKU_SYNC_ERROR, POLKU_SYNC_ERROR_INVALID,
                   _("A team member of the shared plan has no valid “id”."));
      return FALSE;
    }
  for (guint i = 0; i < G_N_ELEMENTS (columns); i++)
    values[i] = polku_json_get_string (member, columns[i]);

  stmt = polku_store_prepare_cached (db, "SELECT person, role, organisation, sector, contact,"
                                  " joined_on, left_on IS NOT NULL, client_id,"
                                  " EXISTS (SELECT 1 FROM responsible_period r"
                                  "         WHERE r.member_id = m.id AND r.ended_on IS NULL)"
                                  " FROM team_member m WHERE id = ?1;",
                              _("Reading the team"), error);
  if (stmt == NULL)
    return FALSE;
  polku_store_bind_text_or_null (stmt, 1, id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      exists = TRUE;
      if (g_strcmp0 (POLKU_STORE_COL (stmt, 7), client_id) != 0)
        rc = SQLITE_MISMATCH;
      for (guint i = 0; i < G_N_ELEMENTS (columns); i++)
        if (g_strcmp0 (values[i], POLKU_STORE_COL (stmt, i)) != 0)
          differs = TRUE;
      has_left = sqlite3_column_int (stmt, 6) != 0;
      responsible = sqlite3_column_int (stmt, 8) != 0;
    }
  else if (rc != SQLITE_DONE)
    polku_store_set_sqlite_error (error, db, _("Reading the team"));
  polku_store_release (stmt);
  if (rc == SQLITE_MISMATCH)
    {
      g_set_error (error, POLKU_SYNC_ERROR, POLKU_SYNC_ERROR_INVALID,
                   _("A team member of the shared plan belongs to another client."));
      return FALSE;
    }
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    return FALSE;

  if (!exists)
    {
      /* A member who left before this Polku met them comes in as history. */
      if (!polku_store_run (db, "INSERT INTO team_member (id, created, modified, client_id,"
                                " person, role, organisation, sector, contact, joined_on,"
                                " left_on) VALUES (?1, ?2, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10);",
                            _("Saving the team"), error, 10, id, now, client_id, values[0],
                            values[1], values[2], values[3], values[4], values[5], left_on)
          /* Marked here, not by a trigger since schema 13 (0013-store-dirty.sql). */
          || !polku_sync_store_mark_dirty_locked (db, client_id, error))
        return FALSE;
      has_left = left_on != NULL;
    }
  else if (differs
           && !polku_store_run (db, "UPDATE team_member SET modified = ?2, person = ?3,"
                                    " role = ?4, organisation = ?5, sector = ?6, contact = ?7,"
                                    " joined_on = ?8 WHERE id = ?1;",
                                _("Saving the team"), error, 8, id, now, values[0], values[1],
                                values[2], values[3], values[4], values[5]))
    return FALSE;
  if (!exists || differs)
    {
      detail = g_strdup_printf ("member=%s origin=sync", id);
      if (!polku_audit_append_locked (store, db, exists ? "team.update" : "team.add",
                                      client_id, detail, error))
        return FALSE;
    }

  /* Leaving is history: it is never undone, here or by a document. */
  if (exists && !has_left && left_on != NULL)
    {
      if (!polku_team_store_leave_locked (store, db, id, left_on, "sync", error))
        return FALSE;
      has_left = TRUE;
      responsible = FALSE;
    }

  if (responsible_node == NULL || !JSON_NODE_HOLDS_VALUE (responsible_node)
      || json_node_get_value_type (responsible_node) != G_TYPE_BOOLEAN
      || json_node_get_boolean (responsible_node) == responsible)
    return TRUE;
  if (json_node_get_boolean (responsible_node))
    return has_left
           || polku_team_store_set_responsible_locked (store, db, id, NULL, author, "sync",
                                                       error);
  return polku_team_store_unset_responsible_locked (store, db, id, "sync", error);
}

static gpointer
text_from_row (sqlite3_stmt  *stmt,
               gpointer       user_data,
               GError       **error)
{
  return polku_store_column_dup (stmt, 0);
}

/* Current members of the client's team that the pulled @team no longer lists: removed on
 * the other side and untouched here (the merge made a conflict of a member edited here),
 * so they leave the team today. The row stays, as history. */
static gboolean
apply_team_removals_locked (PolkuStore  *store,
                            sqlite3     *db,
                            const char  *client_id,
                            JsonArray   *team,
                            GError     **error)
{
  g_autoptr(GHashTable) listed = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) current = NULL;

  for (guint i = 0; i < json_array_get_length (team); i++)
    {
      JsonNode *member = json_array_get_element (team, i);
      const char *id = JSON_NODE_HOLDS_OBJECT (member)
                       ? polku_json_get_string (json_node_get_object (member), "id") : NULL;

      if (id != NULL)
        g_hash_table_add (listed, (gpointer) id);
    }
  current = polku_store_select_rows (db, "SELECT id FROM team_member WHERE client_id = ?1"
                                         " AND left_on IS NULL ORDER BY rowid;",
                                     client_id, text_from_row, NULL, g_free,
                                     _("Reading the team"), error);
  if (current == NULL)
    return FALSE;
  for (guint i = 0; i < current->len; i++)
    if (!g_hash_table_contains (listed, current->pdata[i])
        && !polku_team_store_leave_locked (store, db, current->pdata[i], NULL, "sync", error))
      return FALSE;
  return TRUE;
}

gboolean
polku_sync_store_apply_locked (PolkuStore         *store,
                               sqlite3            *db,
                               const char         *client_id,
                               JsonNode           *doc,
                               const char * const *parts,
                               const char         *origin,
                               const char         *author,
                               gboolean            create_client,
                               JsonNode           *validated_plan,
                               gint64             *out_plan_version,
                               GError            **error)
{
  JsonObject *object;
  JsonNode *plan_node;
  JsonNode *team_node;
  JsonObject *client;
  const char *language = NULL;
  gboolean created = FALSE;

  g_return_val_if_fail (POLKU_IS_STORE (store), FALSE);
  g_return_val_if_fail (doc != NULL && JSON_NODE_HOLDS_OBJECT (doc), FALSE);

  if (out_plan_version != NULL)
    *out_plan_version = 0;
  object = json_node_get_object (doc);
  plan_node = json_object_get_member (object, "plan");
  if (plan_node != NULL && JSON_NODE_HOLDS_OBJECT (plan_node))
    language = polku_json_get_string (json_node_get_object (plan_node), "language");

  client = polku_json_get_object (object, "client");
  if (client != NULL)
    {
      if (!apply_client_locked (store, db, client_id, client, language, create_client,
                                &created, error))
        return FALSE;
    }
  else if (!polku_store_check_client_locked (db, client_id, error))
    return FALSE;

  if (plan_node != NULL && JSON_NODE_HOLDS_OBJECT (plan_node))
    {
      g_autoptr(JsonNode) local = NULL;
      g_autoptr(JsonNode) full = NULL;
      g_autoptr(GError) local_error = NULL;

      /* A client made now has no plan yet. */
      if (!created)
        local = polku_plan_store_load_locked (db, client_id, NULL, &local_error);
      if (local == NULL && local_error != NULL)
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
      /* A plan first met here, all of it in the parts: the pulled plan as it is. */
      if (local == NULL && plan_node == validated_plan
          && polku_sync_doc_projection_keeps_all (plan_node, parts))
        full = json_node_ref (plan_node);
      else
        full = polku_sync_doc_unproject_plan (local, plan_node, parts);
      if (validated_plan != NULL && plan_node == validated_plan
          && (full == plan_node || json_node_equal (full, validated_plan)))
        {
          gint64 version = 0;
          gboolean as_given = FALSE;

          /* The pulled plan as it was checked (a clinic meeting the client first). */
          if (g_str_equal (origin, POLKU_PLAN_ORIGIN_SYNC))
            {
              if (!polku_plan_store_save_received_locked (store, db, client_id, validated_plan,
                                                          TRUE, author, &version, &as_given,
                                                          error))
                return FALSE;
            }
          else if (!polku_plan_store_save_validated_locked (store, db, client_id,
                                                            validated_plan, origin, author,
                                                            NULL, error))
            return FALSE;
          if (as_given && out_plan_version != NULL)
            *out_plan_version = version;
        }
      else if (!polku_plan_store_save_locked (store, db, client_id, full, origin, author, NULL,
                                              error))
        return FALSE;
    }

  team_node = json_object_get_member (object, "team");
  if (parts != NULL && g_strv_contains (parts, "team") && team_node != NULL
      && JSON_NODE_HOLDS_ARRAY (team_node))
    {
      JsonArray *team = json_node_get_array (team_node);

      for (guint i = 0; i < json_array_get_length (team); i++)
        {
          JsonNode *member = json_array_get_element (team, i);

          if (!JSON_NODE_HOLDS_OBJECT (member))
            continue;
          if (!apply_team_member_locked (store, db, client_id, json_node_get_object (member),
                                         author, error))
            return FALSE;
        }
      if (!apply_team_removals_locked (store, db, client_id, team, error))
        return FALSE;
    }
  return TRUE;
}

/* Deciding a conflict */

typedef struct
{
  const char    *conflict_id;
  PolkuSyncTake  take;
  JsonNode      *value;
  const char    *actor;
} ResolveData;

/* @value (nullable) at @path of the shared document, written to the local store. */
static gboolean
apply_path_locked (PolkuStore  *store,
                   sqlite3     *db,
                   const char  *client_id,
                   const char  *path,
                   JsonNode    *value,
                   GError     **error)
{
  if (g_str_has_prefix (path, "plan/"))
    {
      g_autoptr(JsonNode) plan = NULL;
      g_autoptr(GError) local_error = NULL;

      plan = polku_plan_store_load_locked (db, client_id, NULL, &local_error);
      if (plan == NULL)
        {
          if (local_error != NULL)
            {
              g_propagate_error (error, g_steal_pointer (&local_error));
              return FALSE;
            }
          return TRUE;
        }
      polku_sync_set_at (plan, path + strlen ("plan/"), value);
      return polku_plan_store_save_locked (store, db, client_id, plan,
                                           POLKU_PLAN_ORIGIN_RESOLVE, NULL, NULL, error);
    }
  if (g_str_has_prefix (path, "team/") || g_str_has_prefix (path, "client/"))
    {
      g_autoptr(JsonNode) doc = json_node_init_object (json_node_alloc (), json_object_new ());
      g_autofree char *member_id = NULL;
      sqlite3_stmt *stmt;
      JsonObject *object;

      /* The row as the shared document has it, the value set, written back. */
      if (g_str_has_prefix (path, "client/"))
        {
          stmt = polku_store_prepare (db, "SELECT given_name, family_name, birth_date"
                                          " FROM client WHERE id = ?1;",
                                      _("Reading the client"), error);
          if (stmt == NULL)
            return FALSE;
          polku_store_bind_text_or_null (stmt, 1, client_id);
          object = json_object_new ();
          if (sqlite3_step (stmt) == SQLITE_ROW)
            {
              json_object_set_string_member (object, "given_name", POLKU_STORE_COL (stmt, 0));
              json_object_set_string_member (object, "family_name", POLKU_STORE_COL (stmt, 1));
              if (POLKU_STORE_COL (stmt, 2) != NULL)
                json_object_set_string_member (object, "birth_date", POLKU_STORE_COL (stmt, 2));
              else
                json_object_set_null_member (object, "birth_date");
            }
          sqlite3_finalize (stmt);
          json_object_set_object_member (json_node_get_object (doc), "client", object);
          polku_sync_set_at (doc, path, value);
          return apply_client_locked (store, db, client_id,
                                      json_object_get_object_member (json_node_get_object (doc),
                                                                     "client"),
                                      NULL, FALSE, NULL, error);
        }
      else
        {
          g_auto(GStrv) segments = g_strsplit (path, "/", 3);
          static const char * const columns[] = {
            "id", "person", "role", "organisation", "sector", "contact", "joined_on", "left_on"
          };
          JsonArray *team = json_array_new ();
          JsonNode *member_node;
          gboolean current = FALSE;

          if (g_strv_length (segments) < 2)
            return TRUE;
          member_id = g_strdup (segments[1]);
          stmt = polku_store_prepare (db, "SELECT id, person, role, organisation, sector,"
                                          " contact, joined_on, left_on FROM team_member"
                                          " WHERE id = ?1 AND client_id = ?2;",
                                      _("Reading the team"), error);
          if (stmt == NULL)
            {
              json_array_unref (team);
              return FALSE;
            }
          polku_store_bind_texts (stmt, 1, 2, member_id, client_id);
          if (sqlite3_step (stmt) == SQLITE_ROW)
            {
              object = json_object_new ();
              for (guint i = 0; i < G_N_ELEMENTS (columns); i++)
                if (POLKU_STORE_COL (stmt, i) != NULL)
                  json_object_set_string_member (object, columns[i], POLKU_STORE_COL (stmt, i));
                else
                  json_object_set_null_member (object, columns[i]);
              json_array_add_object_element (team, object);
              current = POLKU_STORE_COL (stmt, 7) == NULL;
            }
          sqlite3_finalize (stmt);
          json_object_set_array_member (json_node_get_object (doc), "team", team);
          polku_sync_set_at (doc, path, value);
          {
            g_autofree char *member_path = g_strdup_printf ("team/%s", member_id);

            member_node = polku_sync_value_at (doc, member_path);
          }
          if (member_node == NULL || !JSON_NODE_HOLDS_OBJECT (member_node))
            {
              /* Taking the removal: the member leaves (the row is history). */
              g_clear_pointer (&member_node, json_node_unref);
              if (!current)
                return TRUE;
              return polku_team_store_leave_locked (store, db, member_id, NULL, "resolve",
                                                    error);
            }
          {
            gboolean ok = apply_team_member_locked (store, db, client_id,
                                                    json_node_get_object (member_node), NULL,
                                                    error);

            json_node_unref (member_node);
            return ok;
          }
        }
    }
  /* consent, contacts, measures: the coordinator's Polku writes them, nothing to keep here. */
  return TRUE;
}

static gboolean
resolve_body (PolkuStore  *store,
              sqlite3     *db,
              gpointer     data,
              GError     **error)
{
  ResolveData *resolve = data;
  g_autofree char *client_id = NULL;
  g_autofree char *database = NULL;
  g_autofree char *path = NULL;
  g_autofree char *local_text = NULL;
  g_autofree char *remote_text = NULL;
  g_autofree char *resolved_at = NULL;
  g_autofree char *chosen_text = NULL;
  g_autofree char *now = polku_date_now_stamp ();
  g_autofree char *detail = NULL;
  g_autoptr(JsonNode) chosen = NULL;
  const char *resolution;
  sqlite3_stmt *stmt;
  int rc;

  stmt = polku_store_prepare (db, "SELECT client_id, database, path, local_value, remote_value,"
                                  " resolved_at FROM sync_conflict WHERE id = ?1;",
                              _("Reading the sync conflicts"), error);
  if (stmt == NULL)
    return FALSE;
  polku_store_bind_text_or_null (stmt, 1, resolve->conflict_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      client_id = polku_store_column_dup (stmt, 0);
      database = polku_store_column_dup (stmt, 1);
      path = polku_store_column_dup (stmt, 2);
      local_text = polku_store_column_dup (stmt, 3);
      remote_text = polku_store_column_dup (stmt, 4);
      resolved_at = polku_store_column_dup (stmt, 5);
    }
  else if (rc != SQLITE_DONE)
    polku_store_set_sqlite_error (error, db, _("Reading the sync conflicts"));
  sqlite3_finalize (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    return FALSE;
  if (rc == SQLITE_DONE)
    {
      g_set_error (error, POLKU_SYNC_ERROR, POLKU_SYNC_ERROR_NOT_FOUND,
                   _("There is no sync conflict with the id %s. List them with polku-cli "
                     "conflicts list."), resolve->conflict_id);
      return FALSE;
    }
  if (resolved_at != NULL)
    {
      g_set_error (error, POLKU_SYNC_ERROR, POLKU_SYNC_ERROR_RESOLVED,
                   _("The sync conflict %s was decided already. Nothing was changed."),
                   resolve->conflict_id);
      return FALSE;
    }

  switch (resolve->take)
    {
    case POLKU_SYNC_TAKE_LOCAL:
      chosen = text_to_node (local_text);
      resolution = "local";
      break;
    case POLKU_SYNC_TAKE_REMOTE:
      chosen = text_to_node (remote_text);
      resolution = "remote";
      break;
    case POLKU_SYNC_TAKE_VALUE:
    default:
      chosen = resolve->value != NULL ? json_node_copy (resolve->value) : NULL;
      resolution = "edited";
      break;
    }
  chosen_text = node_to_text (chosen);

  if (!apply_path_locked (store, db, client_id, path, chosen, error))
    return FALSE;
  if (!polku_store_run (db, "UPDATE sync_conflict SET modified = ?2, resolved_at = ?2,"
                            " resolved_by = ?3, resolution = ?4, resolved_value = ?5"
                            " WHERE id = ?1;",
                        _("Saving the decision"), error, 5, resolve->conflict_id, now,
                        resolve->actor, resolution, chosen_text))
    return FALSE;
  /* The decision reaches the server, and the other side, at the next sync. */
  if (!polku_sync_store_mark_dirty_locked (db, client_id, error))
    return FALSE;
  detail = g_strdup_printf ("conflict=%s database=%s take=%s", resolve->conflict_id, database,
                            resolution);
  return polku_audit_append_locked (store, db, POLKU_AUDIT_SYNC_RESOLVE, client_id, detail,
                                    error);
}

gboolean
polku_sync_conflict_resolve (PolkuStore     *store,
                             const char     *conflict_id,
                             PolkuSyncTake   take,
                             JsonNode       *value,
                             const char     *actor,
                             GError        **error)
{
  g_autofree char *store_actor = NULL;
  ResolveData data = { conflict_id, take, value, actor };

  g_return_val_if_fail (POLKU_IS_STORE (store), FALSE);
  g_return_val_if_fail (conflict_id != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!g_uuid_string_is_valid (conflict_id))
    {
      g_set_error (error, POLKU_SYNC_ERROR, POLKU_SYNC_ERROR_INVALID,
                   _("“%s” is not a conflict id. List them with polku-cli conflicts list."),
                   conflict_id);
      return FALSE;
    }
  if (actor == NULL)
    {
      store_actor = polku_store_dup_actor (store);
      data.actor = store_actor;
    }
  return polku_store_write (store, resolve_body, &data, error);
}

/* What the engine keeps */

void
polku_sync_doc_state_free (PolkuSyncDocState *state)
{
  if (state == NULL)
    return;
  g_free (state->client_id);
  g_free (state->database);
  g_free (state->doc_id);
  g_free (state->rev);
  g_clear_pointer (&state->base, json_node_unref);
  g_free (state);
}

#define DOC_COLUMNS "client_id, database, doc_id, rev, base, removed"

/* A base that cannot be read in full is no base to merge against: what is left of it is
 * kept, the revision is forgotten. Without a revision a push does not go over the server's
 * document: the server answers 409 and the engine fetches the document and merges it first
 * (polku-sync.c), so neither side's edits are overwritten; and a pulled document is always
 * merged. The next document written for the client replaces the row. Names the client's id
 * only (@reason says what failed, never the data). */
static void
forget_base_revision (PolkuSyncDocState *state,
                      const char        *reason)
{
  g_warning ("The sync base of client %s in %s: %s. Merged without it (what differs on both "
             "sides is a conflict) until the next document written replaces it",
             state->client_id, state->database, reason);
  g_clear_pointer (&state->rev, g_free);
}

static gpointer
doc_state_from_row (sqlite3_stmt  *stmt,
                    gpointer       user_data,
                    GError       **error)
{
  PolkuSyncDocState *state = g_new0 (PolkuSyncDocState, 1);

  state->client_id = polku_store_column_dup (stmt, 0);
  state->database = polku_store_column_dup (stmt, 1);
  state->doc_id = polku_store_column_dup (stmt, 2);
  state->rev = polku_store_column_dup (stmt, 3);
  state->base = text_to_node (POLKU_STORE_COL (stmt, 4));
  state->removed = sqlite3_column_int (stmt, 5) != 0;
  if (state->base == NULL && POLKU_STORE_COL (stmt, 4) != NULL)
    forget_base_revision (state, "it cannot be read");
  return state;
}

/* Takes the store's lock, runs @sql with @first and @second bound to ?1 and ?2 and lists its
 * rows with @row_func and @free_func (polku_store_list () with two parameters). */
static GPtrArray *
list_two (PolkuStore         *store,
          const char         *sql,
          const char         *first,
          const char         *second,
          PolkuStoreRowFunc   row_func,
          GDestroyNotify      free_func,
          const char         *what,
          GError            **error)
{
  GPtrArray *rows = NULL;
  sqlite3_stmt *stmt;
  sqlite3 *db;

  db = polku_store_begin_use (store, error);
  if (db == NULL)
    return NULL;
  stmt = polku_store_prepare_cached (db, sql, what, error);
  if (stmt != NULL)
    {
      polku_store_bind_texts (stmt, 1, 2, first, second);
      rows = polku_store_list_rows (db, stmt, row_func, NULL, free_func, what, error);
    }
  polku_store_end_use (store);
  return rows;
}

/* A base stored with a reference to a plan version (base_to_text ()) gets its plan back.
 * When that version is missing or cannot be read, the base goes on without its plan and
 * without its revision (forget_base_revision ()): the plan then merges as at a first
 * meeting (polku-sync-merge.h: what both sides have and differs is a conflict for a person,
 * what one side lacks is taken from the other), while the rest of the base, held in the row
 * itself, still counts. Dropping all of it would make a clinic's Polku, which builds what it
 * sends from the base (polku_sync_doc_build_received ()), take the server's plan over its
 * own. FALSE only for a database error. */
static gboolean
read_base_plan_locked (sqlite3            *db,
                       PolkuSyncDocState  *state,
                       GError            **error)
{
  g_autoptr(JsonNode) plan = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *reason = NULL;
  JsonObject *object;
  JsonNode *reference;
  sqlite3_stmt *stmt;
  gint64 version;
  int rc;

  if (state->base == NULL || !JSON_NODE_HOLDS_OBJECT (state->base))
    return TRUE;
  object = json_node_get_object (state->base);
  reference = json_object_get_member (object, BASE_PLAN_VERSION);
  if (reference == NULL)
    return TRUE;
  version = JSON_NODE_HOLDS_VALUE (reference)
            && json_node_get_value_type (reference) == G_TYPE_INT64
            ? json_node_get_int (reference) : 0;
  stmt = polku_store_prepare_cached (db, "SELECT v.document FROM plan p JOIN plan_version v"
                                         " ON v.plan_id = p.id"
                                         " WHERE p.client_id = ?1 AND v.version = ?2;",
                                     _("Reading the sync state"), error);
  if (stmt == NULL)
    return FALSE;
  polku_store_bind_text_or_null (stmt, 1, state->client_id);
  sqlite3_bind_int64 (stmt, 2, version);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW && sqlite3_column_type (stmt, 0) == SQLITE_TEXT)
    plan = polku_plan_document_from_string (POLKU_STORE_COL (stmt, 0), &local_error);
  else if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    polku_store_set_sqlite_error (error, db, _("Reading the sync state"));
  polku_store_release (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    return FALSE;
  json_object_remove_member (object, BASE_PLAN_VERSION);
  if (plan == NULL || !JSON_NODE_HOLDS_OBJECT (plan))
    {
      reason = g_strdup_printf ("its plan, version %" G_GINT64_FORMAT ", %s", version,
                                rc == SQLITE_DONE ? "is missing" : "cannot be read");
      forget_base_revision (state, reason);
      return TRUE;
    }
  json_object_set_member (object, "plan", g_steal_pointer (&plan));
  return TRUE;
}

PolkuSyncDocState *
polku_sync_store_get_doc (PolkuStore  *store,
                          const char  *client_id,
                          const char  *database,
                          GError     **error)
{
  g_autoptr(GPtrArray) rows = NULL;
  PolkuSyncDocState *state = NULL;
  sqlite3_stmt *stmt;
  sqlite3 *db;

  db = polku_store_begin_use (store, error);
  if (db == NULL)
    return NULL;
  stmt = polku_store_prepare_cached (db, "SELECT " DOC_COLUMNS " FROM sync_doc"
                                         " WHERE client_id = ?1 AND database = ?2;",
                                     _("Reading the sync state"), error);
  if (stmt != NULL)
    {
      polku_store_bind_texts (stmt, 1, 2, client_id, database);
      rows = polku_store_list_rows (db, stmt, doc_state_from_row, NULL,
                                    (GDestroyNotify) polku_sync_doc_state_free,
                                    _("Reading the sync state"), error);
    }
  if (rows != NULL)
    {
      if (rows->len > 0)
        state = g_ptr_array_steal_index (rows, 0);
      if (state != NULL && !read_base_plan_locked (db, state, error))
        g_clear_pointer (&state, polku_sync_doc_state_free);
    }
  polku_store_end_use (store);
  return state;
}

GPtrArray *
polku_sync_store_list_docs (PolkuStore  *store,
                            const char  *database,
                            GError     **error)
{
  GPtrArray *rows;

  /* Without the bases: reading every base of a county's database is what an incremental
   * sync must not do. */
  rows = polku_store_list (store, "SELECT client_id, database, doc_id, rev, NULL, removed"
                                  " FROM sync_doc"
                                  " WHERE ?1 IS NULL OR database = ?1 ORDER BY client_id;",
                           database, doc_state_from_row, NULL,
                           (GDestroyNotify) polku_sync_doc_state_free,
                           _("Reading the sync state"), error);
  return rows;
}

/* The first column of each row as a GStrv; NULL with @error. */
static GStrv
list_texts (PolkuStore  *store,
            const char  *sql,
            const char  *param,
            GError     **error)
{
  g_autoptr(GPtrArray) rows = polku_store_list (store, sql, param, text_from_row, NULL, g_free,
                                                _("Reading the sync state"), error);

  if (rows == NULL)
    return NULL;
  g_ptr_array_add (rows, NULL);
  return (GStrv) g_ptr_array_free (g_steal_pointer (&rows), FALSE);
}

GStrv
polku_sync_store_list_databases (PolkuStore  *store,
                                 GError     **error)
{
  return list_texts (store, "SELECT DISTINCT database FROM sync_doc ORDER BY database;", NULL,
                     error);
}

GStrv
polku_sync_store_list_dirty (PolkuStore  *store,
                             GError     **error)
{
  return list_texts (store, "SELECT client_id FROM sync_dirty ORDER BY client_id;", NULL,
                     error);
}

GStrv
polku_sync_store_list_lapsed (PolkuStore  *store,
                              const char  *today,
                              GError     **error)
{
  return list_texts (store,
                     "SELECT DISTINCT d.client_id FROM sync_doc d WHERE d.removed = 0"
                     " AND EXISTS (SELECT 1 FROM consent c WHERE c.client_id = d.client_id"
                     " AND (c.withdrawn_on IS NOT NULL"
                     " OR (c.valid_until IS NOT NULL AND c.valid_until < ?1)))"
                     " ORDER BY d.client_id;", today, error);
}

GStrv
polku_sync_store_list_conflicts_to_push (PolkuStore  *store,
                                         const char  *database,
                                         GError     **error)
{
  return list_texts (store,
                     "SELECT DISTINCT c.client_id FROM sync_conflict c"
                     " LEFT JOIN sync_doc d ON d.client_id = c.client_id"
                     " AND d.database = c.database"
                     " WHERE c.database = ?1 AND ((c.resolved_at IS NULL"
                     " AND (c.remote_rev IS NULL OR c.remote_rev IS NOT d.rev))"
                     " OR (c.resolved_at IS NOT NULL AND c.remote_rev IS NOT NULL))"
                     " ORDER BY c.client_id;", database, error);
}

char *
polku_sync_store_get_checkpoint (PolkuStore  *store,
                                 const char  *server,
                                 const char  *database,
                                 GError     **error)
{
  g_autoptr(GPtrArray) rows = list_two (store, "SELECT since FROM sync_checkpoint"
                                               " WHERE server = ?1 AND database = ?2;",
                                        server, database, text_from_row, g_free,
                                        _("Reading the sync state"), error);

  if (rows == NULL || rows->len == 0)
    return NULL;
  return g_ptr_array_steal_index (rows, 0);
}

/* The sync.run entry (polku-sync.c, record_run ()) of the newest run with @server that ran
 * to its end ("stopped=1" marks one that did not). Entries without a client are a small part
 * of the log, and audit_entry_client (client_id, seq) reads them newest first. */
#define LAST_RUN_SQL \
  "SELECT created FROM audit_entry WHERE client_id IS NULL AND action = '" \
  POLKU_AUDIT_SYNC_RUN "' AND substr (detail, 1, length (?1) + 8) = 'server=' || ?1 || ' '" \
  " AND detail NOT LIKE '% stopped=1' ORDER BY seq DESC LIMIT 1;"

char *
polku_sync_store_get_last_run (PolkuStore  *store,
                               const char  *server,
                               GError     **error)
{
  g_autoptr(GPtrArray) rows = NULL;

  g_return_val_if_fail (POLKU_IS_STORE (store), NULL);
  g_return_val_if_fail (server != NULL, NULL);

  rows = polku_store_list (store, LAST_RUN_SQL, server, text_from_row, NULL, g_free,
                           _("Reading the sync state"), error);
  if (rows == NULL || rows->len == 0)
    return NULL;
  return g_ptr_array_steal_index (rows, 0);
}

/* A consent's organisations and parts are written with it, in its transaction: its row's
 * count and stamps cover them. */
#define FINGERPRINT_SQL \
  "SELECT ifnull ((SELECT current_version FROM plan WHERE client_id = ?1), 0)" \
  " || '|' || ifnull ((SELECT modified FROM client WHERE id = ?1), '')" \
  " || '|' || (SELECT count(*) || ifnull (max (modified), '') FROM team_member" \
  "            WHERE client_id = ?1)" \
  " || '|' || (SELECT count(*) || ifnull (max (modified), '') FROM responsible_period" \
  "            WHERE client_id = ?1)" \
  " || '|' || (SELECT count(*) || ifnull (max (modified), '') FROM consent" \
  "            WHERE client_id = ?1)" \
  " || '|' || (SELECT count(*) || ifnull (max (modified), '') FROM sync_conflict" \
  "            WHERE client_id = ?1);"

char *
polku_sync_store_fingerprint_locked (sqlite3     *db,
                                     const char  *client_id,
                                     GError     **error)
{
  sqlite3_stmt *stmt;
  char *text = NULL;

  stmt = polku_store_prepare_cached (db, FINGERPRINT_SQL, _("Reading the sync state"), error);
  if (stmt == NULL)
    return NULL;
  polku_store_bind_text_or_null (stmt, 1, client_id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    text = polku_store_column_dup (stmt, 0);
  else
    polku_store_set_sqlite_error (error, db, _("Reading the sync state"));
  polku_store_release (stmt);
  return text;
}

char *
polku_sync_store_fingerprint (PolkuStore  *store,
                              const char  *client_id,
                              GError     **error)
{
  sqlite3 *db = polku_store_begin_use (store, error);
  char *text;

  if (db == NULL)
    return NULL;
  text = polku_sync_store_fingerprint_locked (db, client_id, error);
  polku_store_end_use (store);
  return text;
}

GPtrArray *
polku_sync_store_open_conflicts (PolkuStore  *store,
                                 const char  *client_id,
                                 const char  *database,
                                 GError     **error)
{
  return list_two (store, "SELECT " CONFLICT_COLUMNS " FROM sync_conflict"
                          " WHERE client_id = ?1 AND database = ?2"
                          " AND resolved_at IS NULL ORDER BY created, id;",
                   client_id, database, conflict_from_row, NULL,
                   _("Reading the sync conflicts"), error);
}

GPtrArray *
polku_sync_store_resolved_to_push (PolkuStore  *store,
                                   const char  *client_id,
                                   const char  *database,
                                   GError     **error)
{
  return list_two (store, "SELECT " CONFLICT_COLUMNS " FROM sync_conflict"
                          " WHERE client_id = ?1 AND database = ?2"
                          " AND resolved_at IS NOT NULL AND remote_rev IS NOT NULL"
                          " ORDER BY created, id;",
                   client_id, database, conflict_from_row, NULL,
                   _("Reading the sync conflicts"), error);
}

/* Writes */

/* @base as stored: with "plan" replaced by a reference to @plan_version when it is > 0. */
static char *
base_to_text (JsonNode *base,
              gint64    plan_version)
{
  g_autoptr(JsonNode) stored = NULL;
  JsonObject *object;
  JsonObjectIter iter;
  const char *name;
  JsonNode *value;

  if (base == NULL || plan_version <= 0 || !JSON_NODE_HOLDS_OBJECT (base))
    return node_to_text (base);
  object = json_object_new ();
  json_object_iter_init (&iter, json_node_get_object (base));
  while (json_object_iter_next (&iter, &name, &value))
    if (!g_str_equal (name, "plan"))
      json_object_set_member (object, name, json_node_ref (value));
  json_object_set_int_member (object, BASE_PLAN_VERSION, plan_version);
  stored = json_node_init_object (json_node_alloc (), object);
  json_object_unref (object);
  return node_to_text (stored);
}

gboolean
polku_sync_store_set_doc_locked (sqlite3     *db,
                                 const char  *client_id,
                                 const char  *database,
                                 const char  *rev,
                                 JsonNode    *base,
                                 gint64       plan_version,
                                 gboolean     removed,
                                 GError     **error)
{
  g_autofree char *doc_id = polku_sync_doc_id (client_id);
  g_autofree char *base_text = base_to_text (base, plan_version);
  g_autofree char *now = polku_date_now_stamp ();

  /* SQLite 3.15: no UPSERT. Not INSERT OR REPLACE either: a REPLACE keeps a statement
   * journal, and SQLCipher encrypts every page it holds (a first pull writes thousands of
   * rows). An update that finds no row changes no page. */
  if (!polku_store_run (db, "UPDATE sync_doc SET doc_id = ?3, rev = ?4, base = ?5,"
                            " removed = ?6, modified = ?7 WHERE client_id = ?1 AND database = ?2;",
                        _("Saving the sync state"), error, 7, client_id, database, doc_id, rev,
                        base_text, removed ? "1" : "0", now))
    return FALSE;
  if (sqlite3_changes (db) > 0)
    return TRUE;
  return polku_store_run (db, "INSERT INTO sync_doc (client_id, database, doc_id, rev, base,"
                              " removed, modified) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7);",
                          _("Saving the sync state"), error, 7, client_id, database, doc_id,
                          rev, base_text, removed ? "1" : "0", now);
}

gboolean
polku_sync_store_delete_doc_locked (sqlite3     *db,
                                    const char  *client_id,
                                    const char  *database,
                                    GError     **error)
{
  return polku_store_run (db, "DELETE FROM sync_doc WHERE client_id = ?1 AND database = ?2;",
                          _("Saving the sync state"), error, 2, client_id, database);
}

gboolean
polku_sync_store_set_checkpoint_locked (sqlite3     *db,
                                        const char  *server,
                                        const char  *database,
                                        const char  *since,
                                        GError     **error)
{
  g_autofree char *now = polku_date_now_stamp ();

  return polku_store_run (db, "INSERT OR REPLACE INTO sync_checkpoint (server, database,"
                              " since, modified) VALUES (?1, ?2, ?3, ?4);",
                          _("Saving the sync state"), error, 4, server, database, since, now);
}

gboolean
polku_sync_store_clear_dirty_locked (sqlite3     *db,
                                     const char  *client_id,
                                     GError     **error)
{
  return polku_store_run (db, "DELETE FROM sync_dirty WHERE client_id = ?1;",
                          _("Saving the sync state"), error, 1, client_id);
}

gboolean
polku_sync_store_mark_dirty_locked (sqlite3     *db,
                                    const char  *client_id,
                                    GError     **error)
{
  return polku_store_run (db, "INSERT OR IGNORE INTO sync_dirty (client_id) VALUES (?1);",
                          _("Saving the sync state"), error, 1, client_id);
}

gboolean
polku_sync_store_add_conflict_locked (sqlite3     *db,
                                      const char  *id,
                                      const char  *client_id,
                                      const char  *database,
                                      const char  *path,
                                      JsonNode    *base,
                                      JsonNode    *local,
                                      JsonNode    *remote,
                                      const char  *local_by,
                                      const char  *local_at,
                                      const char  *remote_by,
                                      const char  *remote_at,
                                      const char  *remote_rev,
                                      char       **out_id,
                                      GError     **error)
{
  g_autofree char *new_id = id != NULL ? g_strdup (id) : g_uuid_string_random ();
  g_autofree char *now = polku_date_now_stamp ();
  g_autofree char *base_text = node_to_text (base);
  g_autofree char *local_text = node_to_text (local);
  g_autofree char *remote_text = node_to_text (remote);

  if (!polku_store_run (db, "INSERT INTO sync_conflict (id, created, modified, client_id,"
                            " database, path, base_value, local_value, remote_value, local_by,"
                            " local_at, remote_by, remote_at, remote_rev)"
                            " VALUES (?1, ?2, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12,"
                            " ?13);",
                        _("Saving the sync conflict"), error, 13, new_id, now, client_id,
                        database, path, base_text, local_text, remote_text, local_by,
                        local_at, remote_by, remote_at, remote_rev))
    return FALSE;
  if (out_id != NULL)
    *out_id = g_steal_pointer (&new_id);
  return TRUE;
}

gboolean
polku_sync_store_update_conflict_locked (sqlite3     *db,
                                         const char  *id,
                                         const char  *new_id,
                                         JsonNode    *remote,
                                         gboolean     set_remote,
                                         const char  *remote_rev,
                                         GError     **error)
{
  g_autofree char *now = polku_date_now_stamp ();
  g_autofree char *remote_text = node_to_text (remote);

  return polku_store_run (db, "UPDATE sync_conflict SET modified = ?2,"
                              " id = coalesce (?3, id),"
                              " remote_value = CASE WHEN ?4 = '1' THEN ?5 ELSE remote_value END,"
                              " remote_rev = ?6 WHERE id = ?1;",
                          _("Saving the sync conflict"), error, 6, id, now, new_id,
                          set_remote ? "1" : "0", remote_text, remote_rev);
}

gboolean
polku_sync_store_close_conflict_locked (sqlite3     *db,
                                        const char  *id,
                                        JsonNode    *value,
                                        const char  *by,
                                        GError     **error)
{
  g_autofree char *now = polku_date_now_stamp ();
  g_autofree char *value_text = node_to_text (value);

  return polku_store_run (db, "UPDATE sync_conflict SET modified = ?2, resolved_at = ?2,"
                              " resolved_by = ?3, resolution = 'remote', resolved_value = ?4,"
                              " remote_rev = NULL WHERE id = ?1 AND resolved_at IS NULL;",
                          _("Saving the sync conflict"), error, 4, id, now,
                          by != NULL ? by : "-", value_text);
}

gboolean
polku_sync_store_conflicts_pushed_locked (sqlite3     *db,
                                          const char  *client_id,
                                          const char  *database,
                                          const char  *rev,
                                          GError     **error)
{
  return polku_store_run (db, "UPDATE sync_conflict SET remote_rev = CASE"
                              " WHEN resolved_at IS NULL THEN ?3 ELSE NULL END"
                              " WHERE client_id = ?1 AND database = ?2"
                              " AND (resolved_at IS NULL OR remote_rev IS NOT NULL);",
                          _("Saving the sync conflict"), error, 3, client_id, database, rev);
}
