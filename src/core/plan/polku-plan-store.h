/* polku-plan-store.h: plans in the store: versions, restore, drafts
 *
 * Copyright 2026 The Polku authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every saved change is a new, immutable version (author, time); restoring an earlier
 * version makes a new version. Each change writes an audit entry in the same transaction.
 */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "polku-plan.h"
#include "polku-store.h"

G_BEGIN_DECLS

/* Audit actions */
#define POLKU_AUDIT_PLAN_VIEW          "plan.view"
#define POLKU_AUDIT_PLAN_CREATE        "plan.create"
#define POLKU_AUDIT_PLAN_UPDATE        "plan.update"
#define POLKU_AUDIT_PLAN_RESTORE       "plan.restore"
#define POLKU_AUDIT_PLAN_EXPORT        "plan.export"
#define POLKU_AUDIT_PLAN_DRAFT         "plan.draft"
#define POLKU_AUDIT_PLAN_DRAFT_DISCARD "plan.draft_discard"

/* How a version came about */
#define POLKU_PLAN_ORIGIN_CREATE   "create"
#define POLKU_PLAN_ORIGIN_EDIT     "edit"
#define POLKU_PLAN_ORIGIN_PATCH    "patch"
#define POLKU_PLAN_ORIGIN_RESTORE  "restore"
#define POLKU_PLAN_ORIGIN_TEMPLATE "template"
#define POLKU_PLAN_ORIGIN_SYNC     "sync"     /* merged from a sync server (schema 9) */
#define POLKU_PLAN_ORIGIN_RESOLVE  "resolve"  /* a sync conflict decided by a person */

#define POLKU_TYPE_PLAN_VERSION (polku_plan_version_get_type ())
G_DECLARE_FINAL_TYPE (PolkuPlanVersion, polku_plan_version, POLKU, PLAN_VERSION, GObject)

gint64       polku_plan_version_get_version        (PolkuPlanVersion *self);
const char  *polku_plan_version_get_created        (PolkuPlanVersion *self);
const char  *polku_plan_version_get_author         (PolkuPlanVersion *self);
const char  *polku_plan_version_get_origin         (PolkuPlanVersion *self);
gint64       polku_plan_version_get_restored_from  (PolkuPlanVersion *self);
JsonNode    *polku_plan_version_get_document       (PolkuPlanVersion *self);
const char  *polku_plan_version_get_agreed_on      (PolkuPlanVersion *self,
                                                    gboolean         *out_recorded);
char        *polku_plan_version_dup_label          (PolkuPlanVersion *self);

JsonNode    *polku_plan_store_load            (PolkuStore   *store,
                                               const char   *client_id,
                                               gint64       *out_version,
                                               GError      **error);
gboolean     polku_plan_store_save            (PolkuStore   *store,
                                               const char   *client_id,
                                               JsonNode     *document,
                                               gint64        base_version,
                                               const char   *origin,
                                               gint64       *out_version,
                                               GError      **error);
JsonNode    *polku_plan_store_update          (PolkuStore   *store,
                                               const char   *client_id,
                                               JsonNode     *patch,
                                               gint64        base_version,
                                               gint64       *out_version,
                                               GError      **error);
GPtrArray   *polku_plan_store_list_versions   (PolkuStore   *store,
                                               const char   *client_id,
                                               GError      **error);
PolkuPlanVersion *polku_plan_store_get_version (PolkuStore  *store,
                                               const char   *client_id,
                                               gint64        version,
                                               GError      **error);
gboolean     polku_plan_store_restore         (PolkuStore   *store,
                                               const char   *client_id,
                                               gint64        version,
                                               gint64       *out_version,
                                               GError      **error);

/* For sync (polku-sync.c): the same inside the caller's polku_store_write () body (@db is
 * the body's connection). load returns NULL without an error when there is no plan; save
 * does not check a base version and takes the version's @author (NULL: the store's actor). */
struct sqlite3;
JsonNode    *polku_plan_store_load_locked     (struct sqlite3 *db,
                                               const char   *client_id,
                                               gint64       *out_version,
                                               GError      **error);
gboolean     polku_plan_store_save_locked     (PolkuStore   *store,
                                               struct sqlite3 *db,
                                               const char   *client_id,
                                               JsonNode     *document,
                                               const char   *origin,
                                               const char   *author,
                                               gint64       *out_version,
                                               GError      **error);
/* A plan pulled from a server (origin "sync"); @validated: the node polku_sync_doc_validate ()
 * checked, not checked again. *@out_as_given: the new version holds @document exactly as
 * given (its text is @document's), so the caller may refer to it rather than keep a copy. */
gboolean     polku_plan_store_save_received_locked (PolkuStore *store,
                                               struct sqlite3 *db,
                                               const char   *client_id,
                                               JsonNode     *document,
                                               gboolean      validated,
                                               const char   *author,
                                               gint64       *out_version,
                                               gboolean     *out_as_given,
                                               GError      **error);

/* Drafts: the editor's unsaved work, in the encrypted store. */
gboolean     polku_plan_store_save_draft      (PolkuStore   *store,
                                               const char   *client_id,
                                               JsonNode     *document,
                                               gint64        base_version,
                                               GError      **error);
JsonNode    *polku_plan_store_load_draft      (PolkuStore   *store,
                                               const char   *client_id,
                                               gint64       *out_base_version,
                                               GError      **error);
gboolean     polku_plan_store_discard_draft   (PolkuStore   *store,
                                               const char   *client_id,
                                               GError      **error);

G_END_DECLS
