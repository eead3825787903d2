/* polku-plan-view.h: the shared care-and-service plan, edited at a home visit
 *
 * Copyright 2026 The Polku authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "polku-client.h"
#include "polku-store.h"

G_BEGIN_DECLS

#define POLKU_TYPE_PLAN_VIEW (polku_plan_view_get_type ())
G_DECLARE_FINAL_TYPE (PolkuPlanView, polku_plan_view, POLKU, PLAN_VIEW, AdwBin)

GtkWidget   *polku_plan_view_new        (void);
PolkuStore  *polku_plan_view_get_store  (PolkuPlanView *self);
void         polku_plan_view_set_store  (PolkuPlanView *self,
                                         PolkuStore    *store);
PolkuClient *polku_plan_view_get_client (PolkuPlanView *self);
void         polku_plan_view_set_client (PolkuPlanView *self,
                                         PolkuClient   *client);
gboolean     polku_plan_view_get_loading (PolkuPlanView *self);

G_END_DECLS
