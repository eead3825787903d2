/* polku-conflict-edit.h: Edit… in the conflict queue (app-internal)
 *
 * Copyright 2026 The Polku authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>
#include <json-glib/json-glib.h>

#include "polku-form-dialog.h"
#include "polku-sync-store.h"

G_BEGIN_DECLS

/* Decides the conflict @conflict_id with @value (%NULL: removed), or says why not. */
typedef gboolean (*PolkuConflictDecide) (gpointer     data,
                                         const char  *conflict_id,
                                         JsonNode    *value,
                                         GError     **error);

PolkuFormDialog *polku_conflict_edit_open        (GtkWidget             *parent,
                                                  PolkuSyncConflict     *conflict,
                                                  PolkuConflictDecide    decide,
                                                  gpointer               data,
                                                  GDestroyNotify         destroy);

/* A conflict's value as read by the queue and the form. */
JsonNode        *polku_conflict_parse_value      (const char            *json,
                                                  GError               **error);
const char      *polku_conflict_plan_member_path (const char            *path);

G_END_DECLS
