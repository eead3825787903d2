/* polku-team-store.c: the multi-professional team around a client, in the store
 *
 * Copyright 2026 The Polku authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "polku-team-store"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "polku-case-private.h"
#include "polku-id.h"
#include "polku-team-store.h"
#include "polku-limits.h"

G_DEFINE_QUARK (polku-team-error-quark, polku_team_error)

static const char * const sector_codes[] = { "social", "health", "other", "third_sector", NULL };

const char * const *
polku_team_sector_codes (void)
{
  return sector_codes;
}

const char *
polku_team_sector_get_label (const char *code)
{
  if (g_strcmp0 (code, "social") == 0)
    return C_("sector", "Social services");
  if (g_strcmp0 (code, "health") == 0)
    return C_("sector", "Health care");
  if (g_strcmp0 (code, "other") == 0)
    return C_("sector", "Other");
  if (g_strcmp0 (code, "third_sector") == 0)
    return C_("sector", "Third sector");
  return NULL;
}

static gboolean
invalid (GError     **error,
         const char  *message)
{
  g_set_error (error, POLKU_TEAM_ERROR, POLKU_TEAM_ERROR_INVALID, "%s", message);
  return FALSE;
}

#define MEMBER_SELECT \
  "SELECT m.id, m.created, m.modified, m.client_id, m.person, m.role, m.organisation," \
  " m.sector, m.contact, m.joined_on, m.left_on," \
  " EXISTS (SELECT 1 FROM responsible_period r WHERE r.member_id = m.id" \
  "         AND r.ended_on IS NULL)" \
  " FROM team_member m WHERE "
#define MEMBER_ORDER " ORDER BY m.left_on IS NOT NULL, m.joined_on, m.created, m.rowid;"

static const char * const member_properties[] = {
  "id", "created", "modified", "client-id", "person", "role", "organisation", "sector",
  "contact", "joined-on", "left-on", "responsible", NULL
};

static gpointer
get_member_locked (sqlite3     *db,
                   const char  *member_id,
                   GError     **error)
{
  GPtrArray *list = polku_store_select_objects (db, MEMBER_SELECT "m.id = ?1" MEMBER_ORDER,
                                                member_id, POLKU_TYPE_TEAM_MEMBER,
                                                member_properties, _("Reading the team"), error);

  return polku_store_take_first (list, error, POLKU_TEAM_ERROR, POLKU_TEAM_ERROR_NOT_FOUND,
                                 _("There is no team member with the id “%s”."), member_id);
}

/**
 * polku_team_store_list:
 *
 * Returns: (transfer full) (element-type PolkuTeamMember): the team, current members first
 */
GPtrArray *
polku_team_store_list (PolkuStore  *store,
                       const char  *client_id,
                       gboolean     include_left,
                       GError     **error)
{
  g_return_val_if_fail (POLKU_IS_STORE (store), NULL);
  g_return_val_if_fail (client_id != NULL, NULL);

  return polku_store_list_objects (store,
                                   include_left
                                   ? MEMBER_SELECT "m.client_id = ?1" MEMBER_ORDER
                                   : MEMBER_SELECT "m.client_id = ?1 AND m.left_on IS NULL"
                                     MEMBER_ORDER,
                                   client_id, POLKU_TYPE_TEAM_MEMBER, member_properties,
                                   _("Reading the team"), error);
}

static const char * const responsible_properties[] = {
  "id", "created", "modified", "client-id", "member-id", "person", "started-on", "ended-on",
  "set-by", NULL
};

/**
 * polku_team_store_list_responsible:
 *
 * Returns: (transfer full) (element-type PolkuTeamResponsible): who has been a
 *   responsible worker and when, oldest first; those without an end are the current ones
 */
GPtrArray *
polku_team_store_list_responsible (PolkuStore  *store,
                                   const char  *client_id,
                                   GError     **error)
{
  g_return_val_if_fail (POLKU_IS_STORE (store), NULL);
  g_return_val_if_fail (client_id != NULL, NULL);

  return polku_store_list_objects (store,
                                   "SELECT r.id, r.created, r.modified, r.client_id, r.member_id,"
                                   " m.person, r.started_on, r.ended_on, r.set_by FROM"
                                   " responsible_period r JOIN team_member m"
                                   " ON m.id = r.member_id WHERE r.client_id = ?1"
                                   " ORDER BY r.started_on, r.ended_on IS NULL, r.created,"
                                   " r.rowid;",
                                   client_id, POLKU_TYPE_TEAM_RESPONSIBLE,
                                   responsible_properties,
                                   _("Reading the responsible workers"), error);
}

/* The audit detail of a team change: "member=ID …", and "origin=…" when it came from
 * elsewhere (sync). */
static char *
team_detail (const char *origin,
             const char *format,
             ...) G_GNUC_PRINTF (2, 3);

static char *
team_detail (const char *origin,
             const char *format,
             ...)
{
  g_autofree char *text = NULL;
  va_list args;

  va_start (args, format);
  text = g_strdup_vprintf (format, args);
  va_end (args);
  if (origin == NULL)
    return g_steal_pointer (&text);
  return g_strdup_printf ("%s origin=%s", text, origin);
}

/* The client's shared document changed: marked here, not by a trigger (an INSERT with a
 * trigger needs a statement journal, which SQLCipher 3.4 encrypts page by page;
 * data/migrations/0013-store-dirty.sql). A member's or period's change is still marked by
 * its trigger (0009). */
static gboolean
mark_dirty_locked (sqlite3     *db,
                   const char  *client_id,
                   GError     **error)
{
  return polku_store_run (db, "INSERT OR IGNORE INTO sync_dirty (client_id) VALUES (?1);",
                          _("Saving the team"), error, 1, client_id);
}

/* The later of two dates (YYYY-MM-DD compare as text); @b nullable. */
static const char *
later_date (const char *a,
            const char *b)
{
  return b != NULL && strcmp (b, a) > 0 ? b : a;
}

static gboolean
set_responsible_full_locked (PolkuStore  *store,
                             sqlite3     *db,
                             const char  *member_id,
                             const char  *date,
                             const char  *set_by,
                             const char  *origin,
                             GError     **error)
{
  g_autoptr(PolkuTeamMember) member = get_member_locked (db, member_id, error);
  g_autofree char *stamp = polku_date_now_stamp ();
  g_autofree char *id = polku_id_new ();
  g_autofree char *today = NULL;
  g_autofree char *detail = NULL;
  const char *client_id;

  if (member == NULL)
    return FALSE;
  client_id = polku_team_member_get_client_id (member);
  if (date == NULL)
    date = later_date (today = polku_date_today (), polku_team_member_get_joined_on (member));
  if (polku_team_member_get_left_on (member) != NULL)
    return invalid (error, _("This person has left the team and cannot be a responsible "
                             "worker. Nothing was changed."));
  if (polku_team_member_get_responsible (member))
    return invalid (error, _("This person is a responsible worker already. Nothing was "
                             "changed."));
  if (strcmp (date, polku_team_member_get_joined_on (member)) < 0)
    return invalid (error, _("A responsible worker cannot start before joining the team. "
                             "Nothing was changed."));

  /* Another responsible worker beside the others: the partial unique index
   * responsible_period_one_open allows one open period per member. */
  if (!polku_store_run (db,
                        "INSERT INTO responsible_period (id, created, modified, client_id,"
                        " member_id, started_on, set_by) VALUES (?1, ?2, ?2, ?3, ?4, ?5,"
                        " ?6);",
                        _("Naming the responsible worker"), error, 6, id, stamp, client_id,
                        member_id, date,
                        set_by != NULL ? set_by : polku_store_get_actor_locked (store))
      || !mark_dirty_locked (db, client_id, error))
    return FALSE;

  detail = team_detail (origin, "member=%s period=%s", member_id, id);
  return polku_audit_append_locked (store, db, "team.responsible", client_id, detail, error);
}

static gboolean
set_responsible_locked (PolkuStore  *store,
                        sqlite3     *db,
                        const char  *member_id,
                        const char  *date,
                        GError     **error)
{
  return set_responsible_full_locked (store, db, member_id, date, NULL, NULL, error);
}

/* Ends @member_id's open responsible period on @date (with @clamp, on the day it started
 * when @date is earlier); sets *@out_period to its id, or to NULL when the member is not a
 * responsible worker. */
static gboolean
end_responsible_period_locked (sqlite3     *db,
                               const char  *member_id,
                               const char  *date,
                               gboolean     clamp,
                               char       **out_period,
                               GError     **error)
{
  g_autofree char *stamp = polku_date_now_stamp ();
  g_autofree char *period = NULL;
  g_autofree char *started_on = NULL;
  sqlite3_stmt *stmt;
  int rc;

  *out_period = NULL;
  stmt = polku_store_prepare_cached (db, "SELECT id, started_on FROM responsible_period"
                                     " WHERE member_id = ?1 AND ended_on IS NULL;",
                                     _("Reading the responsible workers"), error);
  if (stmt == NULL)
    return FALSE;
  polku_store_bind_text_or_null (stmt, 1, member_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      period = polku_store_column_dup (stmt, 0);
      started_on = polku_store_column_dup (stmt, 1);
    }
  else if (rc != SQLITE_DONE)
    polku_store_set_sqlite_error (error, db, _("Reading the responsible workers"));
  polku_store_release (stmt);
  if (rc != SQLITE_ROW)
    return rc == SQLITE_DONE;

  if (clamp)
    date = later_date (date, started_on);
  if (strcmp (date, started_on) < 0)
    {
      g_set_error (error, POLKU_TEAM_ERROR, POLKU_TEAM_ERROR_INVALID,
                   _("The change cannot be dated %s: this person became a responsible worker "
                     "on %s. Nothing was changed."), date, started_on);
      return FALSE;
    }
  if (!polku_store_run (db,
                        "UPDATE responsible_period SET modified = ?2, ended_on = ?3"
                        " WHERE id = ?1;",
                        _("Ending the responsible worker’s period"), error, 3, period, stamp,
                        date))
    return FALSE;
  *out_period = g_steal_pointer (&period);
  return TRUE;
}

static gboolean
unset_responsible_full_locked (PolkuStore  *store,
                               sqlite3     *db,
                               const char  *member_id,
                               const char  *date,
                               const char  *origin,
                               GError     **error)
{
  g_autoptr(PolkuTeamMember) member = get_member_locked (db, member_id, error);
  g_autofree char *today = NULL;
  g_autofree char *period = NULL;
  g_autofree char *detail = NULL;
  gboolean clamp = date == NULL;

  if (member == NULL)
    return FALSE;
  if (!polku_team_member_get_responsible (member))
    return invalid (error, _("This person is not a responsible worker. Nothing was "
                             "changed."));
  if (date == NULL)
    date = today = polku_date_today ();
  if (!end_responsible_period_locked (db, member_id, date, clamp, &period, error))
    return FALSE;

  detail = team_detail (origin, "member=%s period=%s", member_id, period);
  return polku_audit_append_locked (store, db, "team.responsible_end",
                                    polku_team_member_get_client_id (member), detail, error);
}

static gboolean
unset_responsible_locked (PolkuStore  *store,
                          sqlite3     *db,
                          const char  *member_id,
                          const char  *date,
                          GError     **error)
{
  return unset_responsible_full_locked (store, db, member_id, date, NULL, error);
}

/* A member to add: @draft with its text fields cleaned. */
typedef struct
{
  const char       *id;
  PolkuTeamMember  *draft;
  const char       *person;
  const char       *role;
  const char       *organisation;
  const char       *contact;
  const char       *joined_on;
} MemberAdd;

static gboolean
add_body (PolkuStore  *store,
          sqlite3     *db,
          gpointer     data,
          GError     **error)
{
  const MemberAdd *member = data;
  const char *id = member->id;
  const char *client_id = polku_team_member_get_client_id (member->draft);
  const char *joined_on = member->joined_on;
  g_autofree char *stamp = polku_date_now_stamp ();
  g_autofree char *detail = NULL;

  if (!polku_case_ensure_locked (store, db, client_id, joined_on, error))
    return FALSE;
  if (!polku_store_run (db,
                        "INSERT INTO team_member (id, created, modified, client_id, person,"
                        " role, organisation, sector, contact, joined_on)"
                        " VALUES (?1, ?2, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9);",
                        _("Saving the team member"), error, 9, id, stamp, client_id, member->person,
                        member->role, member->organisation,
                        polku_team_member_get_sector (member->draft), member->contact, joined_on)
      || !mark_dirty_locked (db, client_id, error))
    return FALSE;

  detail = g_strdup_printf ("member=%s", id);
  if (!polku_audit_append_locked (store, db, "team.add", client_id, detail, error))
    return FALSE;
  return !polku_team_member_get_responsible (member->draft)
         || set_responsible_locked (store, db, id, joined_on, error);
}

/**
 * polku_team_store_add:
 * @draft: a #PolkuTeamMember with client-id, person, role, organisation, sector and
 *   optionally contact, joined-on (default today) and responsible (name them the
 *   responsible worker from the day they join)
 *
 * Returns: (transfer full): the stored member
 */
PolkuTeamMember *
polku_team_store_add (PolkuStore       *store,
                      PolkuTeamMember  *draft,
                      GError          **error)
{
  g_autofree char *today = polku_date_today ();
  g_autofree char *id = polku_id_new ();
  g_autofree char *person = polku_strdup_stripped (polku_team_member_get_person (draft));
  g_autofree char *role = polku_strdup_stripped (polku_team_member_get_role (draft));
  g_autofree char *organisation =
    polku_strdup_stripped (polku_team_member_get_organisation (draft));
  g_autofree char *contact = polku_strdup_stripped (polku_team_member_get_contact (draft));
  const char *sector = polku_team_member_get_sector (draft);
  const char *joined_on = polku_team_member_get_joined_on (draft);
  MemberAdd member = { id, draft, person, role, organisation, contact, NULL };

  g_return_val_if_fail (POLKU_IS_STORE (store), NULL);
  g_return_val_if_fail (POLKU_IS_TEAM_MEMBER (draft), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (joined_on == NULL)
    joined_on = today;
  if (polku_team_member_get_client_id (draft) == NULL)
    {
      invalid (error, _("Say whose team the member joins."));
      return NULL;
    }
  if (!polku_check_length (person, POLKU_LIMIT_NAME, _("The team member’s name"),
                           POLKU_TEAM_ERROR, POLKU_TEAM_ERROR_INVALID, error)
      || !polku_check_length (role, POLKU_LIMIT_NAME, _("The role"), POLKU_TEAM_ERROR,
                              POLKU_TEAM_ERROR_INVALID, error)
      || !polku_check_length (organisation, POLKU_LIMIT_NAME, _("The organisation"),
                              POLKU_TEAM_ERROR, POLKU_TEAM_ERROR_INVALID, error)
      || !polku_check_length (contact, POLKU_LIMIT_NAME, _("The contact details"),
                              POLKU_TEAM_ERROR, POLKU_TEAM_ERROR_INVALID, error))
    return NULL;
  if (person == NULL)
    {
      invalid (error, _("Name the team member."));
      return NULL;
    }
  if (role == NULL)
    {
      invalid (error, _("Give the team member’s role, e.g. social worker or nurse."));
      return NULL;
    }
  if (organisation == NULL)
    {
      invalid (error, _("Give the team member’s organisation."));
      return NULL;
    }
  if (sector == NULL || !g_strv_contains (sector_codes, sector))
    {
      invalid (error, _("The sector must be \"social\", \"health\", \"other\" or "
                        "\"third_sector\"."));
      return NULL;
    }
  if (!polku_date_check (joined_on, today, POLKU_TEAM_ERROR, POLKU_TEAM_ERROR_INVALID, error))
    return NULL;

  member.joined_on = joined_on;
  return polku_store_write_get (store, add_body, &member, get_member_locked, id, error);
}

/**
 * polku_team_store_set_responsible:
 * @date: (nullable): from when (default today)
 *
 * Names @member_id one of the client's responsible workers, from @date; the others stay
 * responsible workers.
 *
 * Returns: (transfer full): the member after the change
 */
PolkuTeamMember *
polku_team_store_set_responsible (PolkuStore  *store,
                                  const char  *member_id,
                                  const char  *date,
                                  GError     **error)
{
  g_return_val_if_fail (POLKU_IS_STORE (store), NULL);
  g_return_val_if_fail (member_id != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return polku_case_write_on_date (store, set_responsible_locked, get_member_locked, member_id,
                                   date, POLKU_TEAM_ERROR, POLKU_TEAM_ERROR_INVALID, error);
}

/**
 * polku_team_store_unset_responsible:
 * @date: (nullable): the last day (default today); not before the period started
 *
 * Ends @member_id's period as a responsible worker; they stay in the team.
 *
 * Returns: (transfer full): the member after the change
 */
PolkuTeamMember *
polku_team_store_unset_responsible (PolkuStore  *store,
                                    const char  *member_id,
                                    const char  *date,
                                    GError     **error)
{
  g_return_val_if_fail (POLKU_IS_STORE (store), NULL);
  g_return_val_if_fail (member_id != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return polku_case_write_on_date (store, unset_responsible_locked, get_member_locked,
                                   member_id, date, POLKU_TEAM_ERROR, POLKU_TEAM_ERROR_INVALID,
                                   error);
}

static gboolean
leave_full_locked (PolkuStore  *store,
                   sqlite3     *db,
                   const char  *member_id,
                   const char  *date,
                   gboolean     clamp,
                   const char  *origin,
                   GError     **error)
{
  g_autoptr(PolkuTeamMember) member = get_member_locked (db, member_id, error);
  g_autofree char *stamp = polku_date_now_stamp ();
  g_autofree char *today = NULL;
  g_autofree char *detail = NULL;
  g_autofree char *period = NULL;

  if (member == NULL)
    return FALSE;
  if (date == NULL)
    date = later_date (today = polku_date_today (), polku_team_member_get_joined_on (member));
  if (polku_team_member_get_left_on (member) != NULL)
    return invalid (error, _("This person has left the team already."));
  if (strcmp (date, polku_team_member_get_joined_on (member)) < 0)
    return invalid (error, _("A member cannot leave the team before joining it."));

  /* Who leaves the team stops being a responsible worker on the same day. Leaving is
   * allowed even for the last one: the overview then warns that no one is named. */
  if (!end_responsible_period_locked (db, member_id, date, clamp, &period, error))
    return FALSE;
  if (!polku_store_run (db,
                        "UPDATE team_member SET modified = ?2, left_on = ?3 WHERE id = ?1;",
                        _("Saving the team member"), error, 3, member_id, stamp, date))
    return FALSE;

  detail = period != NULL ? team_detail (origin, "member=%s ended=%s", member_id, period)
                          : team_detail (origin, "member=%s", member_id);
  return polku_audit_append_locked (store, db, "team.leave",
                                    polku_team_member_get_client_id (member), detail, error);
}

static gboolean
leave_locked (PolkuStore  *store,
              sqlite3     *db,
              const char  *member_id,
              const char  *date,
              GError     **error)
{
  return leave_full_locked (store, db, member_id, date, FALSE, NULL, error);
}

/**
 * polku_team_store_leave:
 * @date: (nullable): default today
 *
 * Records that a member has left the team; the member stays in the history. A responsible
 * worker who leaves stops being one on @date, in the same change (even the last one).
 *
 * Returns: (transfer full): the member after the change
 */
PolkuTeamMember *
polku_team_store_leave (PolkuStore  *store,
                        const char  *member_id,
                        const char  *date,
                        GError     **error)
{
  g_return_val_if_fail (POLKU_IS_STORE (store), NULL);
  g_return_val_if_fail (member_id != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return polku_case_write_on_date (store, leave_locked, get_member_locked, member_id, date,
                                   POLKU_TEAM_ERROR, POLKU_TEAM_ERROR_INVALID, error);
}

/* Inside a write body: the changes another side made (sync). */

gboolean
polku_team_store_set_responsible_locked (PolkuStore  *store,
                                         sqlite3     *db,
                                         const char  *member_id,
                                         const char  *date,
                                         const char  *set_by,
                                         const char  *origin,
                                         GError     **error)
{
  g_return_val_if_fail (POLKU_IS_STORE (store), FALSE);
  g_return_val_if_fail (member_id != NULL, FALSE);

  return set_responsible_full_locked (store, db, member_id, date, set_by, origin, error);
}

gboolean
polku_team_store_unset_responsible_locked (PolkuStore  *store,
                                           sqlite3     *db,
                                           const char  *member_id,
                                           const char  *origin,
                                           GError     **error)
{
  g_return_val_if_fail (POLKU_IS_STORE (store), FALSE);
  g_return_val_if_fail (member_id != NULL, FALSE);

  return unset_responsible_full_locked (store, db, member_id, NULL, origin, error);
}

gboolean
polku_team_store_leave_locked (PolkuStore  *store,
                               sqlite3     *db,
                               const char  *member_id,
                               const char  *date,
                               const char  *origin,
                               GError     **error)
{
  g_return_val_if_fail (POLKU_IS_STORE (store), FALSE);
  g_return_val_if_fail (member_id != NULL, FALSE);

  return leave_full_locked (store, db, member_id, date, TRUE, origin, error);
}
