/* polku-sync-doc.h: the shared document of sync, what the consent lets leave, and back
 *
 * Copyright 2026 The Polku authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The server keeps one CouchDB database per access group of the county's organisations file
 * (polku-organisations.h: "polku-" + access_group) and in it one document per client,
 * "_id" = "plan-<client uuid>". A database holds only what EVERY organisation of its access
 * group may read: the intersection, over those organisations, of the parts that the client's
 * current sharing consent (valid on the day, not withdrawn; polku_consent_check () decides)
 * covers for each. The document is ordinary JSON any CouchDB client can read and write:
 *
 *   { "_id", "_rev",                              (added by the engine, not here)
 *     "type": "polku.shared-plan", "format": 1,
 *     "client":  { "id", "given_name", "family_name", "birth_date" | null,
 *                  "identity_code" (only when every organisation of the group is in the
 *                                   health or social sector) },
 *     "consent": { "id", "organisations": [ids], "parts": [codes], "given_on",
 *                  "valid_until" | null, "withdrawn_on": null },
 *     "plan":    the plan document (polku-plan.h) restricted to the parts
 *                (polku_sync_doc_project_plan ()); absent while the client has no plan,
 *     "team":    [ { "id", "person", "role", "organisation", "sector", "contact" | null,
 *                    "joined_on", "left_on" | null, "responsible" } ]       part "team",
 *     "contacts": [ { "id", "date", "type", "days" | null, "urgent", "no_show",
 *                     "organisation" | null } ]              part "contacts", read-only,
 *     "measures": [ { "id", "instrument", "assessed_on",
 *                     "scores": { "discarded", "missing", "domains": {…} } } ]
 *                                                            part "measures", read-only,
 *     "conflicts", "changed_by"                    (added by the engine, not here) }
 *
 * Never in it: warning signs and their reasons, case notes, mapping-visit notes, the audit
 * log, keys, contact notes and reasons, WHOQOL-BREF answers (only scores).
 *
 * Parts of the plan: always schema, id, client_id, language, agreed_on, created, modified;
 * "client_view": client_view, main_burden, differing_views; "goals": goals without their
 * actions; "actions" (only together with "goals"): each goal's actions, and services.
 */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "polku-organisations.h"
#include "polku-store.h"

G_BEGIN_DECLS

#define POLKU_SYNC_DOC_ERROR (polku_sync_doc_error_quark ())

typedef enum
{
  POLKU_SYNC_DOC_ERROR_INVALID,  /* a bad access group, or a pulled document that breaks the
                                  * shape: the message names the member */
} PolkuSyncDocError;

/* The "type" and "format" of every shared document. */
#define POLKU_SYNC_DOC_TYPE "polku.shared-plan"
#define POLKU_SYNC_DOC_FORMAT 1

GQuark      polku_sync_doc_error_quark      (void);

/* "polku-" + @access_group; NULL and POLKU_SYNC_DOC_ERROR_INVALID unless the group is
 * lowercase [a-z0-9-] (1–100 characters, starting with a letter or digit). */
char       *polku_sync_database_name        (const char                *access_group,
                                             GError                   **error);
/* "plan-<uuid>" */
char       *polku_sync_doc_id               (const char                *client_id);

/* One database a client's document goes to. */
typedef struct
{
  char     *database;       /* "polku-<access group>" */
  GStrv     parts;          /* consent part codes, in polku_consent_part_codes () order */
  gboolean  identity_code;  /* every organisation of the group is health or social */
} PolkuSyncTarget;

void        polku_sync_target_free          (PolkuSyncTarget           *t);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PolkuSyncTarget, polku_sync_target_free)

/* The databases the client's sharing consent covers on @date (YYYY-MM-DD), each with its
 * parts and whether the identity code may go: a GPtrArray of PolkuSyncTarget (owning),
 * in the organisations file's order of access groups. A database whose parts intersect to
 * nothing is not in it. An empty array when no consent covers anything; NULL with @error
 * only when the store could not be read or an access group of @orgs cannot name a
 * database. */
GPtrArray  *polku_sync_doc_targets          (PolkuStore                *store,
                                             PolkuOrganisations        *orgs,
                                             const char                *client_id,
                                             const char                *date,
                                             GError                   **error);

/* The document content for one target (no _id/_rev/conflicts/changed_by), as of today.
 * "consent" summarises the client's current sharing consent for this database (the latest
 * given of those valid today that name an organisation of it): its id and dates, and of
 * its scope only what this database's organisations receive (their ids and the target's
 * parts; the other organisations a consent names are none of their business). Records no
 * audit entry (the engine records what went to whom). */
JsonNode   *polku_sync_doc_build            (PolkuStore                *store,
                                             const char                *client_id,
                                             const PolkuSyncTarget     *target,
                                             GError                   **error);

/* A clinic's document (a Polku with an organisation sends back only what it received):
 * @base's content with what this Polku holds now of the client's names (given and family
 * name, birth date), of the plan's @parts and, when @parts name it, of the team. The
 * consent, the identity code, contacts and measures stay as received: they are the
 * coordinator's to decide. Records no audit entry. */
JsonNode   *polku_sync_doc_build_received   (PolkuStore                *store,
                                             const char                *client_id,
                                             JsonNode                  *base,
                                             const char * const        *parts,
                                             GError                   **error);

/* A new plan document holding only what @parts allow (see the top of this file). */
JsonNode   *polku_sync_doc_project_plan     (JsonNode                  *plan_document,
                                             const char * const        *parts);
/* Whether polku_sync_doc_project_plan (@plan_document, @parts) would hold all of
 * @plan_document (every member is one that @parts let through, whole): then the plan
 * itself can stand for its projection, without a copy. */
gboolean    polku_sync_doc_projection_keeps_all (JsonNode              *plan_document,
                                                 const char * const    *parts);
/* The full local plan with the document's parts taken from @merged_plan (parts not in
 * @parts kept from @local_plan). @local_plan may be NULL (a plan first met through sync):
 * the result is then @merged_plan's projection. A new node; neither input is changed.
 * unproject (local, project (local, parts), parts) equals local. */
JsonNode   *polku_sync_doc_unproject_plan   (JsonNode                  *local_plan,
                                             JsonNode                  *merged_plan,
                                             const char * const        *parts);

/* A pulled document, from anyone (another Polku, PouchDB, curl): its shape, member types,
 * string and array sizes (polku-limits.h), element ids, the plan's rules
 * (polku_plan_document_validate () on "plan"); FALSE with POLKU_SYNC_DOC_ERROR_INVALID and
 * a message naming the member otherwise. A deletion stub from _changes ({"_id", "_rev",
 * "_deleted": true}) is not a document: the caller handles it before. */
gboolean    polku_sync_doc_validate         (JsonNode                  *doc,
                                             GError                   **error);
/* Equal content, ignoring CouchDB's members (every top-level name that starts with "_":
 * _id, _rev, _revisions, _conflicts, _deleted, …), conflicts and changed_by, the order of
 * members within objects and the plan's created/modified stamps (polku-sync-merge.h says
 * how values compare; NULL equals only NULL). */
gboolean    polku_sync_doc_same_content     (JsonNode                  *a,
                                             JsonNode                  *b);
/* A copy of @doc without the members same_content ignores (what a base is stored as;
 * polku_sync_is_meta_member () says which). */
JsonNode   *polku_sync_doc_content          (JsonNode                  *doc);

G_END_DECLS
