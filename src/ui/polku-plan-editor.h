/* polku-plan-editor.h: the fields of the shared care-and-service plan, bound to its document
 *
 * Copyright 2026 The Polku authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>
#include <json-glib/json-glib.h>

#include "polku-plan-context.h"

G_BEGIN_DECLS

#define POLKU_TYPE_PLAN_EDITOR (polku_plan_editor_get_type ())
G_DECLARE_FINAL_TYPE (PolkuPlanEditor, polku_plan_editor, POLKU, PLAN_EDITOR, AdwBin)

GtkWidget *polku_plan_editor_new          (void);
JsonNode  *polku_plan_editor_get_document (PolkuPlanEditor *self);
void       polku_plan_editor_set_document (PolkuPlanEditor *self,
                                           JsonNode        *document);
void       polku_plan_editor_set_context  (PolkuPlanEditor        *self,
                                           const PolkuPlanContext *context);
void       polku_plan_editor_mark_review_wrong (PolkuPlanEditor *self);
GPtrArray *polku_plan_editor_get_worker_rows   (PolkuPlanEditor *self);

G_END_DECLS
