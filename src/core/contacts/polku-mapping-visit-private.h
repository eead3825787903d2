/* polku-mapping-visit-private.h: what the store may do to a mapping visit
 *
 * Copyright 2026 The Polku authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "polku-mapping-visit.h"
#include "polku-record-private.h"

G_BEGIN_DECLS

struct _PolkuMappingVisitItem
{
  GObject   parent_instance;

  char     *id;
  char     *key;
  char     *title;
  char     *hint;
  char     *done_at;
  char     *note;
  gboolean  done;
};

struct _PolkuMappingVisit
{
  PolkuRecord  parent_instance;

  char        *scheduled;
  char        *place;
  char        *held_on;
  char        *notes;
  char        *running_since;
  gint64       elapsed_seconds;  /* before running_since */
  guint        planned_minutes;
  GListStore  *items;
};

PolkuMappingVisitItem *polku_mapping_visit_item_new    (const char *key,
                                                        const char *title,
                                                        const char *hint);
void                   polku_mapping_visit_notify_all  (PolkuMappingVisit *self);
/* Title and hint of @key in the UI language, from the bundled agenda; NULL when unknown. */
gboolean               polku_mapping_visit_agenda_label (const char  *key,
                                                         const char **out_title,
                                                         const char **out_hint);

G_END_DECLS
