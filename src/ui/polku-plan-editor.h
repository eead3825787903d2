/* polku-plan-editor.h: the fields of the shared care-and-service plan, bound to its document
 *
 * Copyright 2026 The Polku authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

#define POLKU_TYPE_PLAN_EDITOR (polku_plan_editor_get_type ())
G_DECLARE_FINAL_TYPE (PolkuPlanEditor, polku_plan_editor, POLKU, PLAN_EDITOR, AdwBin)

GtkWidget *polku_plan_editor_new          (void);
JsonNode  *polku_plan_editor_get_document (PolkuPlanEditor *self);
void       polku_plan_editor_set_document (PolkuPlanEditor *self,
                                           JsonNode        *document);

G_END_DECLS
