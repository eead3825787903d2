/* polku-consent-export.c: what an export of a client's data needs: a named receiver, the
 * consent check, the audit entry and a mark the receiver sees
 *
 * Copyright 2026 The Polku authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "polku-consent-export"

#include "config.h"

#include <glib/gi18n.h>

#include "polku-case-private.h"
#include "polku-consent-export.h"
#include "polku-consent-store.h"
#include "polku-organisations.h"

typedef struct
{
  const char         *client_id;
  const char         *to;
  const char * const *parts;
  const char         *action;
  const char         *what;
  const char         *today;
} Export;

static gboolean
record_body (PolkuStore  *store,
             sqlite3     *db,
             gpointer     data,
             GError     **error)
{
  const Export *export = data;
  g_autofree char *parts = g_strjoinv (",", (char **) export->parts);
  g_autofree char *detail = NULL;

  /* Every part the export carries, checked with the one decision: a consent that covers
   * the goals but not the team does not let the team go. */
  for (guint i = 0; export->to != NULL && export->parts[i] != NULL; i++)
    if (!polku_consent_check_locked (db, export->client_id, export->to, export->parts[i],
                                     export->today, error))
      {
        g_prefix_error (error, _("Nothing was exported. "));
        return FALSE;
      }

  detail = g_strdup_printf ("to=%s parts=%s%s%s", export->to != NULL ? export->to : "own-use",
                            parts, export->what != NULL ? " " : "",
                            export->what != NULL ? export->what : "");
  return polku_audit_append_locked (store, db, export->action, export->client_id, detail,
                                    error);
}

/**
 * polku_consent_export_record:
 * @to: (nullable): the receiving organisation's id (of the county's list), or %NULL for the
 *   coordinator's own use
 * @parts: the parts of the plan (polku_consent_part_codes ()) the export carries; not empty
 * @action: the audit action, e.g. "plan.export"
 * @what: (nullable): more of the audit detail, ids and field names only (e.g.
 *   "plan=ID version=3 format=fhir")
 *
 * Decides whether the export may be made today and records it: see polku-consent-export.h.
 * Call it before the data is written out, and write nothing when it fails.
 *
 * Returns: %TRUE when the export was recorded and may be made; otherwise %FALSE with
 *   POLKU_CONSENT_ERROR_NO_CONSENT saying what the consent does not cover, or
 *   POLKU_CONSENT_ERROR_INVALID for an organisation that is not in the county's list
 */
gboolean
polku_consent_export_record (PolkuStore          *store,
                             const char          *client_id,
                             const char          *to,
                             const char * const  *parts,
                             const char          *action,
                             const char          *what,
                             GError             **error)
{
  g_autofree char *today = polku_date_today ();
  Export export = { client_id, to, parts, action, what, today };

  g_return_val_if_fail (POLKU_IS_STORE (store), FALSE);
  g_return_val_if_fail (client_id != NULL, FALSE);
  g_return_val_if_fail (parts != NULL && parts[0] != NULL, FALSE);
  g_return_val_if_fail (action != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return polku_store_write (store, record_body, &export, error);
}

/**
 * polku_consent_export_mark_fhir:
 * @bundle: a FHIR Bundle
 * @to: (nullable): the receiving organisation's id, or %NULL for own use
 *
 * Tags @bundle (Bundle.meta.tag) with its receiver, or as being for the coordinator's own
 * use, so that whoever opens the file sees whom it was made for.
 */
void
polku_consent_export_mark_fhir (JsonNode   *bundle,
                                const char *to)
{
  g_autoptr(PolkuOrganisations) organisations = NULL;
  PolkuOrganisation *organisation = NULL;
  JsonObject *root;
  JsonObject *meta;
  JsonArray *tags;
  JsonObject *tag = json_object_new ();

  g_return_if_fail (bundle != NULL && JSON_NODE_HOLDS_OBJECT (bundle));

  root = json_node_get_object (bundle);
  if (!json_object_has_member (root, "meta"))
    json_object_set_object_member (root, "meta", json_object_new ());
  meta = json_object_get_object_member (root, "meta");
  if (!json_object_has_member (meta, "tag"))
    json_object_set_array_member (meta, "tag", json_array_new ());
  tags = json_object_get_array_member (meta, "tag");

  if (to == NULL)
    {
      json_object_set_string_member (tag, "system", POLKU_CONSENT_EXPORT_PURPOSE_SYSTEM);
      json_object_set_string_member (tag, "code", "own-use");
      json_object_set_string_member (tag, "display",
                                     _("For the coordinator’s own use: not to be passed on"));
    }
  else
    {
      organisations = polku_organisations_get_default (NULL);
      if (organisations != NULL)
        organisation = polku_organisations_lookup (organisations, to);
      json_object_set_string_member (tag, "system", POLKU_CONSENT_EXPORT_RECIPIENT_SYSTEM);
      json_object_set_string_member (tag, "code", to);
      if (organisation != NULL)
        json_object_set_string_member (tag, "display",
                                       polku_organisation_get_label (organisation));
    }
  json_array_add_object_element (tags, tag);
}

/* The first line of a CSV export for the coordinator's own use: a comment ("# …\r\n") that
 * says so. */
char *
polku_consent_export_csv_comment (void)
{
  return g_strdup_printf ("# %s\r\n",
                          _("Polku: for the coordinator’s own use, not to be passed on"));
}
