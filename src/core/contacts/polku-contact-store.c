/* polku-contact-store.c: the log of contacts and visits in the encrypted store
 *
 * Every change is written together with its audit entry in one transaction; a batch (the
 * CSV import) is one transaction, so either all its rows are written or none.
 *
 * Copyright 2026 The Polku authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "polku-contact"

#include "config.h"

#include <glib/gi18n.h>

#include "polku-audit-private.h"
#include "polku-contact-private.h"
#include "polku-contact-store.h"
#include "polku-date.h"
#include "polku-id.h"
#include "polku-store-private.h"

#define CONTACT_COLUMNS \
  "id, created, modified, client_id, date, time, type_id, urgent, professional_id, " \
  "professional_name, organisation, no_show, note, source, days, reason"

/* The stamps (read-only properties) and the source (stored as a code) are set apart. */
static const char * const contact_properties[] = {
  "", "", "", "client-id", "date", "time", "type-id", "urgent", "professional-id",
  "professional-name", "organisation", "no-show", "note", "", "days", "reason", NULL
};

static gpointer
contact_from_row (sqlite3_stmt  *stmt,
                  gpointer       user_data,
                  GError       **error)
{
  PolkuContactSource source = POLKU_CONTACT_SOURCE_ENTERED;
  PolkuContact *contact;

  polku_contact_source_from_string (POLKU_STORE_COL (stmt, 13), &source);
  contact = polku_store_object_from_row (stmt, POLKU_TYPE_CONTACT, contact_properties,
                                         "source", source,
                                         NULL);
  polku_contact_set_stamps (contact, POLKU_STORE_COL (stmt, 0), POLKU_STORE_COL (stmt, 1),
                            POLKU_STORE_COL (stmt, 2));
  return contact;
}

static void
bind_contact (sqlite3_stmt *stmt,
              PolkuContact *contact)
{
  PolkuContactSource source = polku_contact_get_source (contact);

  /* ?1 id, ?2 created, ?3 modified are bound by the caller. */
  polku_store_bind_text_or_null (stmt, 4, polku_contact_get_client_id (contact));
  polku_store_bind_text_or_null (stmt, 5, polku_contact_get_date (contact));
  polku_store_bind_text_or_null (stmt, 6, polku_contact_get_time (contact));
  polku_store_bind_text_or_null (stmt, 7, polku_contact_get_type_id (contact));
  sqlite3_bind_int (stmt, 8, polku_contact_get_urgent (contact) ? 1 : 0);
  polku_store_bind_text_or_null (stmt, 9, polku_contact_get_professional_id (contact));
  polku_store_bind_text_or_null (stmt, 10, polku_contact_get_professional_name (contact));
  polku_store_bind_text_or_null (stmt, 11, polku_contact_get_organisation (contact));
  sqlite3_bind_int (stmt, 12, polku_contact_get_no_show (contact) ? 1 : 0);
  polku_store_bind_text_or_null (stmt, 13, polku_contact_get_note (contact));
  polku_store_bind_text_or_null (stmt, 14, polku_contact_source_to_string (source));
  /* 0 days: not recorded */
  if (polku_contact_get_days (contact) > 0)
    sqlite3_bind_int (stmt, 15, (int) polku_contact_get_days (contact));
  else
    sqlite3_bind_null (stmt, 15);
  polku_store_bind_text_or_null (stmt, 16, polku_contact_get_reason (contact));
}

typedef struct
{
  const char  *client_id;
  GPtrArray   *contacts;
  GPtrArray   *ids;
  const char  *stamp;
} ContactsAdd;

/* Inserts the contacts (validated, all of the client) with their audit entries. */
static gboolean
add_body (PolkuStore  *store,
          sqlite3     *db,
          gpointer     data,
          GError     **error)
{
  const ContactsAdd *add = data;

  if (!polku_store_check_client_locked (db, add->client_id, error))
    return FALSE;
  for (guint i = 0; i < add->contacts->len; i++)
    {
      PolkuContact *contact = g_ptr_array_index (add->contacts, i);
      const char *id = g_ptr_array_index (add->ids, i);
      g_autofree char *detail = g_strdup_printf ("contact=%s", id);
      sqlite3_stmt *stmt;

      stmt = polku_store_prepare_cached (db,
                                         "INSERT INTO contact (" CONTACT_COLUMNS ") VALUES"
                                         " (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13,"
                                         " ?14, ?15, ?16);",
                                         _("Saving the contact"), error);
      if (stmt == NULL)
        return FALSE;
      polku_store_bind_text_or_null (stmt, 1, id);
      polku_store_bind_text_or_null (stmt, 2, add->stamp);
      polku_store_bind_text_or_null (stmt, 3, add->stamp);
      bind_contact (stmt, contact);
      if (!polku_store_step_done (db, stmt, _("Saving the contact"), error)
          || !polku_audit_append_locked (store, db,
                                         polku_contact_get_source (contact)
                                         == POLKU_CONTACT_SOURCE_IMPORTED
                                         ? POLKU_AUDIT_CONTACT_IMPORT : POLKU_AUDIT_CONTACT_ADD,
                                         add->client_id, detail, error))
        return FALSE;
    }
  /* The client's shared data changed: marked here, once, not by a trigger per row (an
   * INSERT with a trigger needs a statement journal, which SQLCipher 3.4 encrypts page by
   * page; data/migrations/0011-contact-dirty.sql). Changing or removing a contact is still
   * marked by its trigger (0009). */
  return polku_store_run (db, "INSERT OR IGNORE INTO sync_dirty (client_id) VALUES (?1);",
                          _("Saving the contact"), error, 1, add->client_id);
}

/* Adds @contacts (validated, all of @client_id) in one transaction and sets their ids and
 * stamps. */
static gboolean
add_validated (PolkuStore  *store,
               const char  *client_id,
               GPtrArray   *contacts,
               GError     **error)
{
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *stamp = polku_date_now_stamp ();
  ContactsAdd add = { client_id, contacts, ids, stamp };

  for (guint i = 0; i < contacts->len; i++)
    g_ptr_array_add (ids, polku_id_new ());
  if (!polku_store_write (store, add_body, &add, error))
    return FALSE;
  for (guint i = 0; i < contacts->len; i++)
    polku_contact_set_stamps (g_ptr_array_index (contacts, i), g_ptr_array_index (ids, i),
                              stamp, stamp);
  return TRUE;
}

/**
 * polku_contact_store_add:
 * @contact: a new contact (no id yet) with its client id set
 *
 * Validates @contact and adds it to its client's log, with an audit entry. On success the
 * contact's id and stamps are set; on failure nothing is written.
 */
gboolean
polku_contact_store_add (PolkuStore    *store,
                         PolkuContact  *contact,
                         GError       **error)
{
  g_autoptr(GPtrArray) one = g_ptr_array_new ();

  g_return_val_if_fail (POLKU_IS_STORE (store), FALSE);
  g_return_val_if_fail (POLKU_IS_CONTACT (contact), FALSE);
  g_return_val_if_fail (polku_contact_get_id (contact) == NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!polku_contact_validate (contact, NULL, error))
    return FALSE;
  g_ptr_array_add (one, contact);
  return add_validated (store, polku_contact_get_client_id (contact), one, error);
}

/**
 * polku_contact_store_add_all:
 * @client_id: whose log
 * @contacts: (element-type PolkuContact): new contacts, all of @client_id
 *
 * Adds all @contacts in one transaction, each with its audit entry: either all are written
 * or, on any error, none. Each contact is validated first. On success their ids and stamps
 * are set.
 */
gboolean
polku_contact_store_add_all (PolkuStore  *store,
                             const char  *client_id,
                             GPtrArray   *contacts,
                             GError     **error)
{
  g_return_val_if_fail (POLKU_IS_STORE (store), FALSE);
  g_return_val_if_fail (client_id != NULL, FALSE);
  g_return_val_if_fail (contacts != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  for (guint i = 0; i < contacts->len; i++)
    {
      PolkuContact *contact = g_ptr_array_index (contacts, i);

      g_return_val_if_fail (POLKU_IS_CONTACT (contact), FALSE);
      g_return_val_if_fail (polku_contact_get_id (contact) == NULL, FALSE);
      if (g_strcmp0 (polku_contact_get_client_id (contact), client_id) != 0)
        {
          g_set_error (error, POLKU_CONTACT_ERROR, POLKU_CONTACT_ERROR_CLIENT,
                       _("Contact %u belongs to another client."), i + 1);
          return FALSE;
        }
      if (!polku_contact_validate (contact, NULL, error))
        {
          g_prefix_error (error, _("Contact %u: "), i + 1);
          return FALSE;
        }
    }
  if (contacts->len == 0)
    return TRUE;

  return add_validated (store, client_id, contacts, error);
}

static gpointer
get_locked (sqlite3     *db,
            const char  *id,
            GError     **error)
{
  GPtrArray *list = polku_store_select_rows (db, "SELECT " CONTACT_COLUMNS " FROM contact"
                                             " WHERE id = ?1;",
                                             id, contact_from_row, NULL, NULL,
                                             _("Reading the contact log"), error);

  return polku_store_take_first (list, error, POLKU_STORE_ERROR, POLKU_STORE_ERROR_NOT_FOUND,
                                 _("The contact is no longer in the log."));
}

/**
 * polku_contact_store_get:
 *
 * Returns: (transfer full): the contact, or %NULL with POLKU_STORE_ERROR_NOT_FOUND
 */
PolkuContact *
polku_contact_store_get (PolkuStore  *store,
                         const char  *id,
                         GError     **error)
{
  g_return_val_if_fail (POLKU_IS_STORE (store), NULL);
  g_return_val_if_fail (id != NULL, NULL);

  return polku_store_get (store, get_locked, id, error);
}

/* "contact=ID fields=date,type": which fields differ (names only, never values). */
static char *
change_detail (PolkuContact *old,
               PolkuContact *new)
{
  g_autoptr(GString) detail = g_string_new (NULL);
  g_autoptr(GString) fields = g_string_new (NULL);
  static const struct { const char *property; const char *field; } checked[] = {
    { "date", "date" }, { "time", "time" }, { "type-id", "type" }, { "urgent", "urgent" },
    { "professional-id", "professional" }, { "professional-name", "professional_name" },
    { "organisation", "organisation" }, { "no-show", "no_show" }, { "note", "note" },
    { "days", "days" }, { "reason", "reason" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (checked); i++)
    {
      GValue a = G_VALUE_INIT, b = G_VALUE_INIT;

      g_object_get_property (G_OBJECT (old), checked[i].property, &a);
      g_object_get_property (G_OBJECT (new), checked[i].property, &b);
      if (G_VALUE_HOLDS_STRING (&a)
          ? g_strcmp0 (g_value_get_string (&a), g_value_get_string (&b)) != 0
          : G_VALUE_HOLDS_UINT (&a) ? g_value_get_uint (&a) != g_value_get_uint (&b)
          : g_value_get_boolean (&a) != g_value_get_boolean (&b))
        g_string_append_printf (fields, "%s%s", fields->len > 0 ? "," : "", checked[i].field);
      g_value_unset (&a);
      g_value_unset (&b);
    }

  if (fields->len == 0)
    return NULL;
  g_string_append_printf (detail, "contact=%s fields=%s", polku_contact_get_id (old),
                          fields->str);
  return g_string_free (g_steal_pointer (&detail), FALSE);
}

typedef struct
{
  PolkuContact  *contact;
  const char    *stamp;
  PolkuContact  *old;     /* out: as it was stored */
  char          *detail;  /* out: the changed fields, NULL when nothing changed */
} ContactUpdate;

static gboolean
update_body (PolkuStore  *store,
             sqlite3     *db,
             gpointer     data,
             GError     **error)
{
  ContactUpdate *update = data;
  PolkuContact *contact = update->contact;
  sqlite3_stmt *stmt;

  update->old = get_locked (db, polku_contact_get_id (contact), error);
  if (update->old == NULL)
    return FALSE;
  if (g_strcmp0 (polku_contact_get_client_id (update->old),
                 polku_contact_get_client_id (contact)) != 0)
    {
      g_set_error (error, POLKU_CONTACT_ERROR, POLKU_CONTACT_ERROR_CLIENT,
                   _("A contact cannot be moved to another client."));
      return FALSE;
    }
  update->detail = change_detail (update->old, contact);
  if (update->detail == NULL)
    return TRUE;

  stmt = polku_store_prepare_cached (db,
                                     "UPDATE contact SET modified = ?3, date = ?5, time = ?6,"
                                     " type_id = ?7, urgent = ?8, professional_id = ?9,"
                                     " professional_name = ?10, organisation = ?11, no_show = ?12,"
                                     " note = ?13, days = ?15, reason = ?16"
                                     " WHERE id = ?1 AND client_id = ?4 AND ?2 IS NOT NULL"
                                     " AND ?14 IS NOT NULL;",
                                     _("Saving the contact"), error);
  if (stmt == NULL)
    return FALSE;
  polku_store_bind_text_or_null (stmt, 1, polku_contact_get_id (contact));
  polku_store_bind_text_or_null (stmt, 2, polku_contact_get_created (update->old));
  polku_store_bind_text_or_null (stmt, 3, update->stamp);
  bind_contact (stmt, contact);
  return polku_store_step_done (db, stmt, _("Saving the contact"), error)
         && polku_audit_append_locked (store, db, POLKU_AUDIT_CONTACT_UPDATE,
                                       polku_contact_get_client_id (contact), update->detail,
                                       error);
}

/**
 * polku_contact_store_update:
 * @contact: a stored contact, changed
 *
 * Validates and saves @contact, with an audit entry that names the changed fields. A
 * contact cannot move to another client. Saving an unchanged contact writes nothing.
 */
gboolean
polku_contact_store_update (PolkuStore    *store,
                            PolkuContact  *contact,
                            GError       **error)
{
  g_autofree char *stamp = NULL;
  ContactUpdate update = { contact, };
  gboolean ok;

  g_return_val_if_fail (POLKU_IS_STORE (store), FALSE);
  g_return_val_if_fail (POLKU_IS_CONTACT (contact), FALSE);
  g_return_val_if_fail (polku_contact_get_id (contact) != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!polku_contact_validate (contact, NULL, error))
    return FALSE;

  stamp = polku_date_now_stamp ();
  update.stamp = stamp;
  ok = polku_store_write (store, update_body, &update, error);
  if (ok && update.detail != NULL)
    polku_contact_set_stamps (contact, polku_contact_get_id (update.old),
                              polku_contact_get_created (update.old), stamp);
  g_clear_object (&update.old);
  g_free (update.detail);
  return ok;
}

static gboolean
remove_body (PolkuStore  *store,
             sqlite3     *db,
             gpointer     data,
             GError     **error)
{
  PolkuContact *contact = data;
  g_autofree char *detail = g_strdup_printf ("contact=%s", polku_contact_get_id (contact));

  if (!polku_store_run (db,
                        "DELETE FROM contact WHERE id = ?1 AND client_id = ?2;",
                        _("Removing the contact"), error, 2, polku_contact_get_id (contact),
                        polku_contact_get_client_id (contact)))
    return FALSE;
  if (sqlite3_changes (db) == 0)
    {
      g_set_error (error, POLKU_STORE_ERROR, POLKU_STORE_ERROR_NOT_FOUND,
                   _("The contact is no longer in the log."));
      return FALSE;
    }
  return polku_audit_append_locked (store, db, POLKU_AUDIT_CONTACT_REMOVE,
                                    polku_contact_get_client_id (contact), detail, error);
}

/**
 * polku_contact_store_remove:
 *
 * Removes @contact from the log (a mistaken entry), with an audit entry naming its id.
 */
gboolean
polku_contact_store_remove (PolkuStore    *store,
                            PolkuContact  *contact,
                            GError       **error)
{
  g_return_val_if_fail (POLKU_IS_STORE (store), FALSE);
  g_return_val_if_fail (POLKU_IS_CONTACT (contact), FALSE);
  g_return_val_if_fail (polku_contact_get_id (contact) != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return polku_store_write (store, remove_body, contact, error);
}

static gboolean
check_bound (const char  *date,
             const char  *which,
             GError     **error)
{
  g_autofree char *parsed = NULL;

  if (date == NULL)
    return TRUE;
  parsed = polku_contact_parse_date (date);
  if (parsed == NULL || !g_str_equal (parsed, date))
    {
      g_set_error (error, POLKU_CONTACT_ERROR, POLKU_CONTACT_ERROR_DATE,
                   _("“%s” is not a date: write it as YYYY-MM-DD."), date);
      return FALSE;
    }
  return TRUE;
}

/**
 * polku_contact_store_list:
 * @client_id: whose log
 * @from: (nullable): the first day, YYYY-MM-DD (inclusive), or %NULL
 * @to: (nullable): the last day, YYYY-MM-DD (inclusive), or %NULL
 *
 * The contacts of a client over a period, oldest first (by date, then time). This is what
 * the continuity indices and the before/after counts read. Records no audit entry: callers
 * that show the log to a user record the read.
 *
 * Returns: (transfer full) (element-type PolkuContact): the contacts, or %NULL with @error
 */
GPtrArray *
polku_contact_store_list (PolkuStore  *store,
                          const char  *client_id,
                          const char  *from,
                          const char  *to,
                          GError     **error)
{
  GPtrArray *contacts = NULL;
  sqlite3_stmt *stmt;
  sqlite3 *db;

  g_return_val_if_fail (POLKU_IS_STORE (store), NULL);
  g_return_val_if_fail (client_id != NULL, NULL);

  if (!check_bound (from, "from", error) || !check_bound (to, "to", error))
    return NULL;

  db = polku_store_begin_use (store, error);
  if (db == NULL)
    return NULL;

  stmt = polku_store_prepare_cached (db,
                                     "SELECT " CONTACT_COLUMNS " FROM contact"
                                     " WHERE client_id = ?1 AND (?2 IS NULL OR date >= ?2)"
                                     " AND (?3 IS NULL OR date <= ?3)"
                                     " ORDER BY date, time IS NOT NULL, time, id;",
                                     _("Reading the contact log"), error);
  if (stmt != NULL)
    {
      polku_store_bind_text_or_null (stmt, 1, client_id);
      polku_store_bind_text_or_null (stmt, 2, from);
      polku_store_bind_text_or_null (stmt, 3, to);
      contacts = polku_store_list_rows (db, stmt, contact_from_row, NULL, NULL,
                                        _("Reading the contact log"), error);
    }
  polku_store_end_use (store);

  return contacts;
}

typedef struct
{
  char *client_id;
  char *from;
  char *to;
} ListData;

static void
list_data_free (ListData *data)
{
  g_free (data->client_id);
  g_free (data->from);
  g_free (data->to);
  g_free (data);
}

static void
list_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  ListData *data = task_data;
  GError *error = NULL;
  GPtrArray *contacts;

  contacts = polku_contact_store_list (source_object, data->client_id, data->from, data->to,
                                       &error);
  if (contacts == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, contacts, (GDestroyNotify) g_ptr_array_unref);
}

void
polku_contact_store_list_async (PolkuStore          *store,
                                const char          *client_id,
                                const char          *from,
                                const char          *to,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  ListData *data;

  g_return_if_fail (POLKU_IS_STORE (store));
  g_return_if_fail (client_id != NULL);

  data = g_new0 (ListData, 1);
  data->client_id = g_strdup (client_id);
  data->from = g_strdup (from);
  data->to = g_strdup (to);

  task = g_task_new (store, cancellable, callback, user_data);
  g_task_set_source_tag (task, polku_contact_store_list_async);
  g_task_set_task_data (task, data, (GDestroyNotify) list_data_free);
  g_task_run_in_thread (task, list_thread);
}

/**
 * polku_contact_store_list_finish:
 *
 * Returns: (transfer full) (element-type PolkuContact): the contacts
 */
GPtrArray *
polku_contact_store_list_finish (PolkuStore    *store,
                                 GAsyncResult  *result,
                                 GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, store), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

gint64
polku_contact_store_count (PolkuStore  *store,
                           const char  *client_id,
                           GError     **error)
{
  g_return_val_if_fail (POLKU_IS_STORE (store), -1);

  return polku_store_count (store,
                            "SELECT count(*) FROM contact WHERE ?1 IS NULL OR client_id = ?1;",
                            client_id, _("Reading the contact log"), error);
}

/**
 * polku_contacts_to_visits:
 * @contacts: (element-type PolkuContact): e.g. from polku_contact_store_list ()
 *
 * Turns contacts into the plain visits that the continuity indices and the before/after
 * counts take. A no-show is not a visit and is left out; the order is kept.
 *
 * Returns: (transfer full) (element-type PolkuVisit): the visits, borrowing the strings of
 *   @contacts
 */
GArray *
polku_contacts_to_visits (GPtrArray *contacts)
{
  GArray *visits;

  g_return_val_if_fail (contacts != NULL, NULL);

  visits = g_array_sized_new (FALSE, TRUE, sizeof (PolkuVisit), contacts->len);
  for (guint i = 0; i < contacts->len; i++)
    {
      PolkuContact *contact = g_ptr_array_index (contacts, i);
      PolkuVisit visit = { 0 };

      if (polku_contact_get_no_show (contact)
          || !polku_date_parse_iso (polku_contact_get_date (contact), &visit.date))
        continue;
      visit.professional = polku_contact_get_professional_id (contact);
      visit.type = polku_contact_get_type_id (contact);
      visit.urgent = polku_contact_get_urgent (contact);
      g_array_append_val (visits, visit);
    }
  return visits;
}
