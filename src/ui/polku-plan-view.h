/* polku-plan-view.h: the shared care-and-service plan, edited at a home visit
 *
 * Copyright 2026 The Polku authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "polku-client-view.h"

G_BEGIN_DECLS

#define POLKU_TYPE_PLAN_VIEW (polku_plan_view_get_type ())
G_DECLARE_FINAL_TYPE (PolkuPlanView, polku_plan_view, POLKU, PLAN_VIEW, PolkuClientView)

GtkWidget *polku_plan_view_new (void);

G_END_DECLS
