/* polku-mapping-visit.h: the mapping visit (kartoituskäynti): agenda, timer, notes
 *
 * Copyright 2026 The Polku authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "polku-record.h"
#include "polku-store.h"

G_BEGIN_DECLS

#define POLKU_MAPPING_VISIT_ERROR (polku_mapping_visit_error_quark ())

typedef enum
{
  POLKU_MAPPING_VISIT_ERROR_SCHEDULED,
  POLKU_MAPPING_VISIT_ERROR_PLACE,
  POLKU_MAPPING_VISIT_ERROR_PLANNED_MINUTES,
  POLKU_MAPPING_VISIT_ERROR_HELD_ON,
  POLKU_MAPPING_VISIT_ERROR_NOTES,
  POLKU_MAPPING_VISIT_ERROR_ITEM,
  POLKU_MAPPING_VISIT_ERROR_AGENDA,  /* the agenda file is not valid */
} PolkuMappingVisitError;

#define POLKU_MAPPING_VISIT_DEFAULT_MINUTES 120
#define POLKU_MAPPING_VISIT_MAX_NOTES 20000
#define POLKU_MAPPING_VISIT_MAX_ITEM_NOTE 4000

/* Audit actions; the detail names the visit's id and the changed fields or agenda keys. */
#define POLKU_AUDIT_MAPPING_VISIT_CREATE "mapping_visit.create"
#define POLKU_AUDIT_MAPPING_VISIT_UPDATE "mapping_visit.update"
#define POLKU_AUDIT_MAPPING_VISIT_VIEW   "mapping_visit.view"

/* --- One item of the agenda ------------------------------------------------------------ */

#define POLKU_TYPE_MAPPING_VISIT_ITEM (polku_mapping_visit_item_get_type ())
G_DECLARE_FINAL_TYPE (PolkuMappingVisitItem, polku_mapping_visit_item, POLKU,
                      MAPPING_VISIT_ITEM, GObject)

const char *polku_mapping_visit_item_get_id       (PolkuMappingVisitItem *self);
const char *polku_mapping_visit_item_get_key      (PolkuMappingVisitItem *self);
const char *polku_mapping_visit_item_get_title    (PolkuMappingVisitItem *self);
const char *polku_mapping_visit_item_get_hint     (PolkuMappingVisitItem *self);
gboolean    polku_mapping_visit_item_get_done     (PolkuMappingVisitItem *self);
void        polku_mapping_visit_item_set_done     (PolkuMappingVisitItem *self,
                                                   gboolean               done);
const char *polku_mapping_visit_item_get_done_at  (PolkuMappingVisitItem *self);
const char *polku_mapping_visit_item_get_note     (PolkuMappingVisitItem *self);
void        polku_mapping_visit_item_set_note     (PolkuMappingVisitItem *self,
                                                   const char            *note);

/* The agenda of data/mapping-visit-agenda.json (GListModel of PolkuMappingVisitItem, titles
 * in the UI language). Errors name the file and the field. */
GListModel *polku_mapping_visit_agenda_load_bytes (GBytes      *bytes,
                                                   const char  *file_name,
                                                   guint       *out_planned_minutes,
                                                   GError     **error);
GListModel *polku_mapping_visit_agenda_load_file  (GFile       *file,
                                                   guint       *out_planned_minutes,
                                                   GError     **error);
GListModel *polku_mapping_visit_agenda_dup_default (guint      *out_planned_minutes,
                                                    GError    **error);

/* --- The visit -------------------------------------------------------------------------- */

#define POLKU_TYPE_MAPPING_VISIT (polku_mapping_visit_get_type ())
G_DECLARE_FINAL_TYPE (PolkuMappingVisit, polku_mapping_visit, POLKU, MAPPING_VISIT, PolkuRecord)

POLKU_RECORD_DEFINE_GETTERS (PolkuMappingVisit, polku_mapping_visit)

GQuark       polku_mapping_visit_error_quark        (void);

const char  *polku_mapping_visit_get_scheduled      (PolkuMappingVisit *self);
void         polku_mapping_visit_set_scheduled      (PolkuMappingVisit *self,
                                                     const char        *scheduled);
const char  *polku_mapping_visit_get_place          (PolkuMappingVisit *self);
void         polku_mapping_visit_set_place          (PolkuMappingVisit *self,
                                                     const char        *place);
guint        polku_mapping_visit_get_planned_minutes (PolkuMappingVisit *self);
void         polku_mapping_visit_set_planned_minutes (PolkuMappingVisit *self,
                                                      guint              minutes);
const char  *polku_mapping_visit_get_held_on        (PolkuMappingVisit *self);
void         polku_mapping_visit_set_held_on        (PolkuMappingVisit *self,
                                                     const char        *held_on);
const char  *polku_mapping_visit_get_notes          (PolkuMappingVisit *self);
void         polku_mapping_visit_set_notes          (PolkuMappingVisit *self,
                                                     const char        *notes);
GListModel  *polku_mapping_visit_get_items          (PolkuMappingVisit *self);
PolkuMappingVisitItem *polku_mapping_visit_lookup_item (PolkuMappingVisit *self,
                                                        const char        *key);
guint        polku_mapping_visit_get_n_done         (PolkuMappingVisit *self);

/* The timer: it can be paused and resumed; it keeps running while Polku is closed. @now
 * NULL: the current time. */
gboolean     polku_mapping_visit_get_running        (PolkuMappingVisit *self);
const char  *polku_mapping_visit_get_running_since  (PolkuMappingVisit *self);
gint64       polku_mapping_visit_get_elapsed_seconds (PolkuMappingVisit *self,
                                                      GDateTime         *now);
void         polku_mapping_visit_timer_start        (PolkuMappingVisit *self,
                                                     GDateTime         *now);
void         polku_mapping_visit_timer_pause        (PolkuMappingVisit *self,
                                                     GDateTime         *now);
void         polku_mapping_visit_timer_reset        (PolkuMappingVisit *self);

gboolean     polku_mapping_visit_validate           (PolkuMappingVisit *self,
                                                     GError           **error);

PolkuMappingVisit *polku_mapping_visit_new             (const char   *client_id,
                                                         GListModel   *agenda,
                                                         GError      **error);

/* --- In the store ------------------------------------------------------------------------ */

gboolean           polku_mapping_visit_store_add        (PolkuStore         *store,
                                                         PolkuMappingVisit  *visit,
                                                         GError            **error);

PolkuMappingVisit *polku_mapping_visit_store_create     (PolkuStore   *store,
                                                         const char   *client_id,
                                                         GListModel   *agenda,
                                                         GError      **error);
PolkuMappingVisit *polku_mapping_visit_store_get_latest (PolkuStore   *store,
                                                         const char   *client_id,
                                                         GError      **error);
void               polku_mapping_visit_store_get_latest_async  (PolkuStore          *store,
                                                                const char          *client_id,
                                                                GCancellable        *cancellable,
                                                                GAsyncReadyCallback  callback,
                                                                gpointer             user_data);
PolkuMappingVisit *polku_mapping_visit_store_get_latest_finish (PolkuStore    *store,
                                                                GAsyncResult  *result,
                                                                GError       **error);
gboolean           polku_mapping_visit_store_save       (PolkuStore         *store,
                                                         PolkuMappingVisit  *visit,
                                                         GError            **error);

G_END_DECLS
