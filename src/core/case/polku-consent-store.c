/* polku-consent-store.c: consents in the store, and the one check that decides sharing
 *
 * Copyright 2026 The Polku authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "polku-consent-store"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "polku-case-private.h"
#include "polku-consent-store.h"
#include "polku-id.h"
#include "polku-organisations.h"
#include "polku-limits.h"

G_DEFINE_QUARK (polku-consent-error-quark, polku_consent_error)

static const char * const kind_codes[] = { "contact", "sharing", NULL };
static const char * const given_by_codes[] = { "client", "legal_representative", NULL };
static const char * const method_codes[] = { "written", "oral", "electronic", NULL };
static const char * const part_codes[] = {
  "client_view", "goals", "actions", "team", "contacts", "measures", NULL
};

/* "contact" (to be contacted and referred) and "sharing" (to share the plan). */
const char * const *
polku_consent_kind_codes (void)
{
  return kind_codes;
}

const char * const *
polku_consent_given_by_codes (void)
{
  return given_by_codes;
}

const char * const *
polku_consent_method_codes (void)
{
  return method_codes;
}

/* The parts of the plan a consent may cover. */
const char * const *
polku_consent_part_codes (void)
{
  return part_codes;
}

/* A label for the user for any code of the vocabularies above, or %NULL. */
const char *
polku_consent_code_get_label (const char *code)
{
  static const struct { const char *code; const char *label; } labels[] = {
    { "contact", N_("Consent to contact") },
    { "sharing", N_("Consent to share") },
    { "client", N_("The client") },
    { "legal_representative", N_("Legal representative") },
    { "written", N_("Written") },
    { "oral", N_("Oral") },
    { "electronic", N_("Electronic") },
    { "client_view", N_("The client’s own view") },
    { "goals", N_("Goals") },
    { "actions", N_("Actions") },
    { "team", N_("Team") },
    { "contacts", N_("Contacts and visits") },
    { "measures", N_("Measures") },
  };

  for (guint i = 0; i < G_N_ELEMENTS (labels); i++)
    if (g_strcmp0 (labels[i].code, code) == 0)
      return _(labels[i].label);
  return NULL;
}

/* What a consent's validity on @date means, in SQL over the consent c: given on or before
 * it, not expired, not withdrawn on or before it (?2 is the date; NULL: any day). */
#define VALID_ON \
  " AND (?2 IS NULL OR (c.given_on <= ?2" \
  "      AND (c.valid_until IS NULL OR c.valid_until >= ?2)" \
  "      AND (c.withdrawn_on IS NULL OR c.withdrawn_on > ?2)))"

/* Counts the client's consents of @kind valid on @date (NULL: any): 0 none, -1 on a
 * database error. */
static int
count_consents (sqlite3    *db,
                const char *client_id,
                const char *kind,
                const char *date,
                GError    **error)
{
  sqlite3_stmt *stmt;
  int count = -1;

  stmt = polku_store_prepare_cached (db,
                                     "SELECT count (*) FROM consent c WHERE c.client_id = ?1"
                                     " AND c.kind = ?3" VALID_ON ";",
                                     _("Checking the consent"), error);
  if (stmt == NULL)
    return -1;
  polku_store_bind_texts (stmt, 1, 3, client_id, date, kind);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    count = sqlite3_column_int (stmt, 0);
  else
    polku_store_set_sqlite_error (error, db, _("Checking the consent"));
  polku_store_release (stmt);
  return count;
}

/* Counts the client's sharing consents valid on @date (NULL: any) that cover @part (NULL:
 * any) and name @organisation: the stored values (ids, or names as typed before schema 7)
 * are resolved through the county's list, so that a consent recorded with a name counts for
 * its organisation. 0 none, -1 on an error. */
static int
count_sharing (sqlite3            *db,
               PolkuOrganisations *organisations,
               const char         *client_id,
               PolkuOrganisation  *organisation,
               const char         *part,
               const char         *date,
               GError            **error)
{
  g_autoptr(GHashTable) counted = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  sqlite3_stmt *stmt;
  int rc;

  stmt = polku_store_prepare_cached (db,
                                     "SELECT c.id, o.organisation FROM consent c"
                                     " JOIN consent_organisation o ON o.consent_id = c.id"
                                     " WHERE c.client_id = ?1 AND c.kind = 'sharing'" VALID_ON
                                     " AND (?3 IS NULL OR EXISTS (SELECT 1 FROM consent_part p"
                                     "      WHERE p.consent_id = c.id AND p.part = ?3));",
                                     _("Checking the consent"), error);
  if (stmt == NULL)
    return -1;
  polku_store_bind_texts (stmt, 1, 3, client_id, date, part);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    if (polku_organisations_resolve (organisations, POLKU_STORE_COL (stmt, 1)) == organisation)
      g_hash_table_add (counted, g_strdup (POLKU_STORE_COL (stmt, 0)));
  if (rc != SQLITE_DONE)
    polku_store_set_sqlite_error (error, db, _("Checking the consent"));
  polku_store_release (stmt);
  return rc == SQLITE_DONE ? (int) g_hash_table_size (counted) : -1;
}

static gboolean
no_consent (GError     **error,
            const char  *format,
            ...) G_GNUC_PRINTF (2, 3);

static gboolean
no_consent (GError     **error,
            const char  *format,
            ...)
{
  va_list args;

  if (error == NULL)
    return FALSE;
  va_start (args, format);
  *error = g_error_new_valist (POLKU_CONSENT_ERROR, POLKU_CONSENT_ERROR_NO_CONSENT, format,
                               args);
  va_end (args);
  return FALSE;
}

/* The gate: a contact consent valid on @date. */
static gboolean
check_contact (sqlite3     *db,
               const char  *client_id,
               const char  *date,
               GError     **error)
{
  int n = count_consents (db, client_id, "contact", date, error);

  if (n != 0)
    return n > 0;
  if (error == NULL)
    return FALSE;

  /* Say why not, so that the worker knows what to do. */
  if (count_consents (db, client_id, "contact", NULL, NULL) <= 0)
    return no_consent (error, _("There is no consent from the client to be contacted and "
                                "referred: record the client’s consent to contact first."));
  return no_consent (error, _("The client’s consent to be contacted is not valid on %s: it "
                              "was withdrawn, has expired or was given later. Record a new "
                              "consent to contact."), date);
}

/* Sharing: a sharing consent valid on @date that names @organisation_id and covers @part. */
static gboolean
check_sharing (sqlite3     *db,
               const char  *client_id,
               const char  *organisation_id,
               const char  *part,
               const char  *date,
               GError     **error)
{
  g_autoptr(PolkuOrganisations) organisations = NULL;
  g_autoptr(GError) local_error = NULL;
  PolkuOrganisation *organisation;
  const char *name;
  int n;

  if (!g_strv_contains (part_codes, part))
    {
      g_set_error (error, POLKU_CONSENT_ERROR, POLKU_CONSENT_ERROR_INVALID,
                   _("“%s” is not a part of the plan. Use client_view, goals, actions, team, "
                     "contacts or measures."), part);
      return FALSE;
    }
  /* Without the county's list nothing can be shared: no guessing from names. */
  organisations = polku_organisations_get_default (error);
  if (organisations == NULL)
    return FALSE;
  organisation = polku_organisations_lookup (organisations, organisation_id);
  if (organisation == NULL)
    {
      polku_organisations_check_id (organisations, organisation_id, &local_error);
      g_set_error_literal (error, POLKU_CONSENT_ERROR, POLKU_CONSENT_ERROR_INVALID,
                           local_error->message);
      return FALSE;
    }

  n = count_sharing (db, organisations, client_id, organisation, part, date, error);
  if (n != 0)
    return n > 0;
  if (error == NULL)
    return FALSE;

  name = polku_organisation_get_label (organisation);
  if (count_consents (db, client_id, "sharing", NULL, NULL) <= 0)
    return no_consent (error, _("There is no consent from the client to share the plan: "
                                "record a sharing consent that names “%s” first."), name);
  if (count_sharing (db, organisations, client_id, organisation, NULL, NULL, NULL) <= 0)
    return no_consent (error, _("The client’s consent does not cover sharing with “%s”: "
                                "record a sharing consent that names it."), name);
  if (count_sharing (db, organisations, client_id, organisation, NULL, date, NULL) <= 0)
    return no_consent (error, _("The client’s consent to share with “%s” is not valid on %s: "
                                "it was withdrawn, has expired or was given later. Record a "
                                "new consent."), name, date);
  return no_consent (error, _("The client’s consent to share with “%s” does not cover this "
                              "part of the plan (%s)."), name,
                     polku_consent_code_get_label (part));
}

/* The decision itself; see polku_consent_check (). */
gboolean
polku_consent_check_locked (sqlite3     *db,
                            const char  *client_id,
                            const char  *organisation,
                            const char  *part,
                            const char  *date,
                            GError     **error)
{
  if (organisation == NULL && part == NULL)
    return check_contact (db, client_id, date, error);
  if (organisation == NULL || part == NULL)
    {
      g_set_error_literal (error, POLKU_CONSENT_ERROR, POLKU_CONSENT_ERROR_INVALID,
                           organisation == NULL
                           ? _("Say which organisation would receive the data.")
                           : _("Say which part of the plan would be shared."));
      return FALSE;
    }
  return check_sharing (db, client_id, organisation, part, date, error);
}

/**
 * polku_consent_check:
 * @organisation: (nullable): the id of the organisation (of the county's list) that would
 *   receive the data; %NULL, with @part %NULL, to check the consent to contact
 * @part: (nullable): the part of the plan that would be shared
 * @date: (nullable): the day (default today)
 *
 * The one place that decides whether a client's data may be shared with @organisation, or
 * (with %NULL @organisation and @part) whether the case may move past identification.
 *
 * Sharing needs a sharing consent that names @organisation (as an id, or as the name
 * recorded before schema 7) and covers @part; the case moves on with a contact consent.
 * Either must have been given on or before @date, not have expired and not have been
 * withdrawn on or before @date. A contact consent never lets anything be shared, and a
 * sharing consent never opens the gate.
 *
 * Returns: %TRUE when allowed; otherwise %FALSE with POLKU_CONSENT_ERROR_NO_CONSENT
 *   saying why, POLKU_CONSENT_ERROR_INVALID for an unknown organisation or part (or another
 *   error when the store or the county's list could not be read)
 */
gboolean
polku_consent_check (PolkuStore  *store,
                     const char  *client_id,
                     const char  *organisation,
                     const char  *part,
                     const char  *date,
                     GError     **error)
{
  g_autofree char *today = NULL;
  sqlite3 *db;
  gboolean ok;

  g_return_val_if_fail (POLKU_IS_STORE (store), FALSE);
  g_return_val_if_fail (client_id != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (date == NULL)
    date = today = polku_date_today ();
  if (!polku_date_is_valid (date))
    {
      g_set_error (error, POLKU_CONSENT_ERROR, POLKU_CONSENT_ERROR_INVALID,
                   _("“%s” is not a date: write it as YYYY-MM-DD."), date);
      return FALSE;
    }

  db = polku_store_begin_use (store, error);
  if (db == NULL)
    return FALSE;
  ok = polku_consent_check_locked (db, client_id, organisation, part, date, error);
  polku_store_end_use (store);
  return ok;
}

/* The consent to contact on @date (default today): polku_consent_check () without an
 * organisation or a part. */
gboolean
polku_consent_check_contact (PolkuStore  *store,
                             const char  *client_id,
                             const char  *date,
                             GError     **error)
{
  return polku_consent_check (store, client_id, NULL, NULL, date, error);
}

/* Reading */

/* @sql: a literal (the statement cache's key) */
static GStrv
read_scope (sqlite3     *db,
            const char  *sql,
            const char  *consent_id)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  sqlite3_stmt *stmt = polku_store_prepare_cached (db, sql, _("Reading the consents"), NULL);

  if (stmt != NULL)
    {
      polku_store_bind_text_or_null (stmt, 1, consent_id);
      while (sqlite3_step (stmt) == SQLITE_ROW)
        g_strv_builder_add (builder, POLKU_STORE_COL (stmt, 0));
    }
  polku_store_release (stmt);
  return g_strv_builder_end (builder);
}

#define CONSENT_SELECT \
  "SELECT id, created, modified, client_id, given_on, given_by, representative, method," \
  " valid_until, recorded_by, withdrawn_on, withdrawal_recorded_by, kind FROM consent c WHERE "
#define CONSENT_ORDER " = ?1 ORDER BY given_on, created, rowid;"

static const char * const consent_properties[] = {
  "id", "created", "modified", "client-id", "given-on", "given-by", "representative",
  "method", "valid-until", "recorded-by", "withdrawn-on", "withdrawal-recorded-by", "kind",
  NULL
};

static gpointer
consent_from_row (sqlite3_stmt  *stmt,
                  gpointer       user_data,
                  GError       **error)
{
  sqlite3 *db = sqlite3_db_handle (stmt);
  g_auto(GStrv) organisations =
    read_scope (db, "SELECT organisation FROM consent_organisation WHERE consent_id = ?1"
                " ORDER BY rowid;", POLKU_STORE_COL (stmt, 0));
  g_auto(GStrv) parts =
    read_scope (db, "SELECT part FROM consent_part WHERE consent_id = ?1"
                " ORDER BY rowid;", POLKU_STORE_COL (stmt, 0));

  return polku_store_object_from_row (stmt, POLKU_TYPE_CONSENT, consent_properties,
                                      "organisations", organisations,
                                      "parts", parts,
                                      NULL);
}

static gpointer
get_locked (sqlite3     *db,
            const char  *consent_id,
            GError     **error)
{
  GPtrArray *list = polku_store_select_rows (db, CONSENT_SELECT "id" CONSENT_ORDER, consent_id,
                                             consent_from_row, NULL, NULL,
                                             _("Reading the consents"), error);

  return polku_store_take_first (list, error, POLKU_CONSENT_ERROR, POLKU_CONSENT_ERROR_NOT_FOUND,
                                 _("There is no consent with the id “%s”."), consent_id);
}

/**
 * polku_consent_store_list:
 *
 * Returns: (transfer full) (element-type PolkuConsent): all the client's consents, withdrawn
 *   ones included, oldest first
 */
GPtrArray *
polku_consent_store_list (PolkuStore  *store,
                          const char  *client_id,
                          GError     **error)
{
  g_return_val_if_fail (POLKU_IS_STORE (store), NULL);
  g_return_val_if_fail (client_id != NULL, NULL);

  return polku_store_list (store, CONSENT_SELECT "client_id" CONSENT_ORDER, client_id,
                           consent_from_row, NULL, NULL, _("Reading the consents"), error);
}

/**
 * polku_consent_store_list_valid:
 * @kind: "contact" or "sharing"
 * @date: the day (YYYY-MM-DD)
 *
 * The client's consents of @kind valid on @date by the rule polku_consent_check () applies
 * (given on or before it, not expired, not withdrawn), for what shows or sends a summary of
 * them (sync); whether something may be shared is still polku_consent_check ()'s to decide.
 *
 * Returns: (transfer full) (element-type PolkuConsent): oldest first
 */
GPtrArray *
polku_consent_store_list_valid (PolkuStore  *store,
                                const char  *client_id,
                                const char  *kind,
                                const char  *date,
                                GError     **error)
{
  sqlite3_stmt *stmt;
  GPtrArray *result = NULL;
  sqlite3 *db;

  g_return_val_if_fail (POLKU_IS_STORE (store), NULL);
  g_return_val_if_fail (client_id != NULL && kind != NULL && date != NULL, NULL);

  db = polku_store_begin_use (store, error);
  if (db == NULL)
    return NULL;
  stmt = polku_store_prepare_cached (db, CONSENT_SELECT "c.client_id = ?1 AND c.kind = ?3"
                                     VALID_ON " ORDER BY given_on, created, rowid;",
                                     _("Reading the consents"), error);
  if (stmt != NULL)
    {
      polku_store_bind_texts (stmt, 1, 3, client_id, date, kind);
      result = polku_store_list_rows (db, stmt, consent_from_row, NULL, NULL,
                                      _("Reading the consents"), error);
    }
  polku_store_end_use (store);
  return result;
}

/* Adding */

static gboolean
invalid (GError     **error,
         const char  *message)
{
  g_set_error (error, POLKU_CONSENT_ERROR, POLKU_CONSENT_ERROR_INVALID, "%s", message);
  return FALSE;
}

static gboolean
check_date (const char  *date,
            const char  *today,
            const char  *what,
            GError     **error)
{
  if (!polku_date_is_valid (date))
    {
      g_set_error (error, POLKU_CONSENT_ERROR, POLKU_CONSENT_ERROR_INVALID,
                   /* Translators: %s names a field, e.g. “given on” */
                   _("%s: “%s” is not a date: write it as YYYY-MM-DD."), what,
                   date != NULL ? date : "");
      return FALSE;
    }
  if (today != NULL && strcmp (date, today) > 0)
    {
      g_set_error (error, POLKU_CONSENT_ERROR, POLKU_CONSENT_ERROR_INVALID,
                   _("%s: the date %s is in the future."), what, date);
      return FALSE;
    }
  return TRUE;
}

static const char *
or_empty (const char *text)
{
  return text != NULL ? text : "";
}

/* @sql: a literal (the statement cache's key) */
static gboolean
insert_scope (sqlite3     *db,
              const char  *sql,
              const char  *consent_id,
              const char  *stamp,
              GPtrArray   *values,
              GError     **error)
{
  for (guint i = 0; i < values->len; i++)
    {
      g_autofree char *id = polku_id_new ();

      if (!polku_store_run (db, sql, _("Saving the consent"), error, 4, id, stamp, consent_id,
                            g_ptr_array_index (values, i)))
        return FALSE;
    }
  return TRUE;
}

/* A sharing consent's scope: at least one organisation, each an id of the county's list, and
 * at least one part. */
static gboolean
check_sharing_scope (GPtrArray  *organisations,
                     GPtrArray  *parts,
                     GError    **error)
{
  g_autoptr(PolkuOrganisations) list = NULL;

  if (organisations->len == 0)
    return invalid (error, _("Name at least one organisation that the consent covers "
                             "(“polku-cli organisations list” shows the ids)."));
  list = polku_organisations_get_default (error);
  if (list == NULL)
    return FALSE;
  for (guint i = 0; i < organisations->len; i++)
    {
      const char *value = g_ptr_array_index (organisations, i);
      PolkuOrganisation *organisation;

      if (polku_organisations_lookup (list, value) != NULL)
        continue;
      organisation = polku_organisations_resolve (list, value);
      if (organisation != NULL)
        g_set_error (error, POLKU_CONSENT_ERROR, POLKU_CONSENT_ERROR_INVALID,
                     _("“%s” is a name: name the organisation by its id, “%s”."), value,
                     polku_organisation_get_id (organisation));
      else
        g_set_error (error, POLKU_CONSENT_ERROR, POLKU_CONSENT_ERROR_INVALID,
                     _("“%s” is not an organisation of the county’s list: "
                       "“polku-cli organisations list” shows the ids."), value);
      return FALSE;
    }
  if (parts->len == 0)
    return invalid (error, _("Say which parts of the plan the consent covers."));
  return TRUE;
}

/* A consent to add: @draft with its representative and scope cleaned. */
typedef struct
{
  const char    *id;
  PolkuConsent  *draft;
  const char    *representative;
  GPtrArray     *organisations;
  GPtrArray     *parts;
} ConsentAdd;

static gboolean
add_body (PolkuStore  *store,
          sqlite3     *db,
          gpointer     data,
          GError     **error)
{
  const ConsentAdd *consent = data;
  const char *id = consent->id;
  PolkuConsent *draft = consent->draft;
  GPtrArray *organisations = consent->organisations;
  GPtrArray *parts = consent->parts;
  g_autofree char *stamp = polku_date_now_stamp ();
  g_autofree char *detail = NULL;
  const char *client_id = polku_consent_get_client_id (draft);

  if (!polku_case_ensure_locked (store, db, client_id, polku_consent_get_given_on (draft),
                                 error))
    return FALSE;
  if (!polku_store_run (db,
                        "INSERT INTO consent (id, created, modified, client_id, given_on,"
                        " given_by, representative, method, valid_until, recorded_by, kind)"
                        " VALUES (?1, ?2, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10);",
                        _("Saving the consent"), error, 10, id, stamp, client_id,
                        polku_consent_get_given_on (draft), polku_consent_get_given_by (draft),
                        consent->representative, polku_consent_get_method (draft),
                        polku_consent_get_valid_until (draft),
                        polku_store_get_actor_locked (store), polku_consent_get_kind (draft))
      || !insert_scope (db, "INSERT INTO consent_organisation (id, created, modified,"
                        " consent_id, organisation) VALUES (?1, ?2, ?2, ?3, ?4);",
                        id, stamp, organisations, error)
      || !insert_scope (db, "INSERT INTO consent_part (id, created, modified, consent_id,"
                        " part) VALUES (?1, ?2, ?2, ?3, ?4);", id, stamp, parts, error)
      /* The client's shared document changed: marked here, not by a trigger (an INSERT
       * with a trigger needs a statement journal, which SQLCipher 3.4 encrypts page by page;
       * data/migrations/0013-store-dirty.sql). A withdrawal is still marked by its trigger
       * (0009). */
      || !polku_store_run (db, "INSERT OR IGNORE INTO sync_dirty (client_id) VALUES (?1);",
                           _("Saving the consent"), error, 1, client_id))
    return FALSE;

  detail = g_strdup_printf ("consent=%s kind=%s organisations=%u parts=%u", id,
                            polku_consent_get_kind (draft), organisations->len, parts->len);
  return polku_audit_append_locked (store, db, "consent.add", client_id, detail, error);
}

/**
 * polku_consent_store_add:
 * @draft: a #PolkuConsent with client-id, kind, given-on, given-by, representative (only
 *   and always for a legal representative), method, optionally valid-until and, for a
 *   sharing consent only, organisations (ids of the county's list,
 *   polku_organisations_get_default ()) and parts; the rest is ignored
 *
 * Records a consent; the store's actor is who recorded it. Opens the client's case when it
 * has none.
 *
 * Returns: (transfer full): the stored consent
 */
PolkuConsent *
polku_consent_store_add (PolkuStore    *store,
                         PolkuConsent  *draft,
                         GError       **error)
{
  g_autofree char *today = polku_date_today ();
  g_autofree char *id = polku_id_new ();
  g_autofree char *representative = NULL;
  g_autoptr(GPtrArray) organisations = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) parts = g_ptr_array_new ();
  const char * const *list;
  const char *given_on;
  const char *valid_until;
  const char *kind;
  ConsentAdd consent = { id, draft, NULL, organisations, parts };

  g_return_val_if_fail (POLKU_IS_STORE (store), NULL);
  g_return_val_if_fail (POLKU_IS_CONSENT (draft), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  given_on = polku_consent_get_given_on (draft);
  valid_until = polku_consent_get_valid_until (draft);
  representative = polku_strdup_stripped (polku_consent_get_representative (draft));

  if (polku_consent_get_client_id (draft) == NULL)
    {
      invalid (error, _("Say which client gave the consent."));
      return NULL;
    }
  if (!polku_check_length (representative, POLKU_LIMIT_NAME, _("The representative"),
                           POLKU_CONSENT_ERROR, POLKU_CONSENT_ERROR_INVALID, error))
    return NULL;
  if (!check_date (given_on, today, _("Given on"), error))
    return NULL;
  if (valid_until != NULL
      && (!check_date (valid_until, NULL, _("Valid until"), error)))
    return NULL;
  if (valid_until != NULL && strcmp (valid_until, given_on) < 0)
    {
      invalid (error, _("The consent cannot end before it was given."));
      return NULL;
    }
  if (!g_strv_contains (given_by_codes, or_empty (polku_consent_get_given_by (draft))))
    {
      invalid (error, _("Say who gave the consent: \"client\" or "
                        "\"legal_representative\"."));
      return NULL;
    }
  if (g_str_equal (polku_consent_get_given_by (draft), "legal_representative")
      && representative == NULL)
    {
      invalid (error, _("Name the legal representative who gave the consent."));
      return NULL;
    }
  if (g_str_equal (polku_consent_get_given_by (draft), "client") && representative != NULL)
    {
      invalid (error, _("A consent given by the client names no representative."));
      return NULL;
    }
  if (!g_strv_contains (method_codes, or_empty (polku_consent_get_method (draft))))
    {
      invalid (error, _("Say how the consent was given: \"written\", \"oral\" or "
                        "\"electronic\"."));
      return NULL;
    }

  kind = polku_consent_get_kind (draft);
  if (!g_strv_contains (kind_codes, or_empty (kind)))
    {
      invalid (error, _("Say which consent this is: \"contact\" (to be contacted and "
                        "referred) or \"sharing\" (to share the plan with named "
                        "organisations)."));
      return NULL;
    }

  list = polku_consent_get_organisations (draft);
  for (guint i = 0; list != NULL && list[i] != NULL; i++)
    {
      g_autofree char *organisation = polku_strdup_stripped (list[i]);

      if (organisation == NULL)
        {
          invalid (error, _("An organisation in the consent’s scope is empty."));
          return NULL;
        }
      if (!polku_check_length (organisation, POLKU_LIMIT_NAME, _("The organisation"),
                               POLKU_CONSENT_ERROR, POLKU_CONSENT_ERROR_INVALID, error))
        return NULL;
      if (!g_ptr_array_find_with_equal_func (organisations, organisation, g_str_equal, NULL))
        g_ptr_array_add (organisations, g_steal_pointer (&organisation));
    }

  list = polku_consent_get_parts (draft);
  for (guint i = 0; list != NULL && list[i] != NULL; i++)
    {
      if (!g_strv_contains (part_codes, list[i]))
        {
          g_set_error (error, POLKU_CONSENT_ERROR, POLKU_CONSENT_ERROR_INVALID,
                       _("“%s” is not a part of the plan. Use client_view, goals, actions, "
                         "team, contacts or measures."), list[i]);
          return NULL;
        }
      if (!g_ptr_array_find_with_equal_func (parts, list[i], g_str_equal, NULL))
        g_ptr_array_add (parts, (char *) list[i]);
    }

  if (g_str_equal (kind, "contact"))
    {
      /* What may be shared is the sharing consent's alone: a consent to contact that named
       * organisations would look like a permission it is not. */
      if (organisations->len > 0 || parts->len > 0)
        {
          invalid (error, _("A consent to contact names no organisations or parts of the "
                            "plan: record a sharing consent for those."));
          return NULL;
        }
    }
  else if (!check_sharing_scope (organisations, parts, error))
    return NULL;

  consent.representative = representative;
  return polku_store_write_get (store, add_body, &consent, get_locked, id, error);
}

static gboolean
withdraw_locked (PolkuStore  *store,
                 sqlite3     *db,
                 const char  *consent_id,
                 const char  *date,
                 GError     **error)
{
  g_autoptr(PolkuConsent) consent = get_locked (db, consent_id, error);
  g_autofree char *stamp = polku_date_now_stamp ();
  g_autofree char *detail = NULL;

  if (consent == NULL)
    return FALSE;
  if (polku_consent_get_withdrawn_on (consent) != NULL)
    return invalid (error, _("The consent was withdrawn already."));
  if (strcmp (date, polku_consent_get_given_on (consent)) < 0)
    return invalid (error, _("A consent cannot be withdrawn before it was given."));

  if (!polku_store_run (db,
                        "UPDATE consent SET modified = ?2, withdrawn_on = ?3,"
                        " withdrawal_recorded_by = ?4 WHERE id = ?1;",
                        _("Withdrawing the consent"), error, 4, consent_id, stamp, date,
                        polku_store_get_actor_locked (store)))
    return FALSE;

  detail = g_strdup_printf ("consent=%s", consent_id);
  return polku_audit_append_locked (store, db, "consent.withdraw",
                                    polku_consent_get_client_id (consent), detail, error);
}

/**
 * polku_consent_store_withdraw:
 * @date: (nullable): the day of the withdrawal (default today); the consent is no longer
 *   valid from that day on
 *
 * Withdraws a consent. Nothing is deleted: the consent stays in the history.
 *
 * Returns: (transfer full): the consent after the change
 */
PolkuConsent *
polku_consent_store_withdraw (PolkuStore  *store,
                              const char  *consent_id,
                              const char  *date,
                              GError     **error)
{
  g_autofree char *today = polku_date_today ();

  g_return_val_if_fail (POLKU_IS_STORE (store), NULL);
  g_return_val_if_fail (consent_id != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (date == NULL)
    date = today;
  if (!check_date (date, today, _("Withdrawn on"), error))
    return NULL;

  return polku_case_write_dated (store, withdraw_locked, get_locked, consent_id, date, error);
}
