/* polku-plan-view-private.h: what the tests may do with the plan view
 *
 * Copyright 2026 The Polku authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

#include "polku-plan-context.h"
#include "polku-plan-view.h"

G_BEGIN_DECLS

JsonNode    *polku_plan_view_get_document     (PolkuPlanView *self);
const char  *polku_plan_view_get_page         (PolkuPlanView *self);
const char  *polku_plan_view_get_status       (PolkuPlanView *self);
GtkWidget   *polku_plan_view_get_compare_grid (PolkuPlanView *self);
GtkWidget   *polku_plan_view_get_editor       (PolkuPlanView *self);
const PolkuPlanContext *polku_plan_view_get_context (PolkuPlanView *self);
void         polku_plan_view_flush_draft      (PolkuPlanView *self);
gboolean     polku_plan_view_save             (PolkuPlanView *self);

G_END_DECLS
