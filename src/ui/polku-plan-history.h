/* polku-plan-history.h: the plan's saved versions, two of them side by side
 *
 * Copyright 2026 The Polku authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "polku-store.h"

G_BEGIN_DECLS

#define POLKU_TYPE_PLAN_HISTORY (polku_plan_history_get_type ())
G_DECLARE_FINAL_TYPE (PolkuPlanHistory, polku_plan_history, POLKU, PLAN_HISTORY, AdwBin)

GtkWidget *polku_plan_history_new              (void);
gboolean   polku_plan_history_load             (PolkuPlanHistory  *self,
                                                PolkuStore        *store,
                                                const char        *client_id,
                                                GError           **error);
void       polku_plan_history_clear            (PolkuPlanHistory  *self);
gboolean   polku_plan_history_can_restore      (PolkuPlanHistory  *self);
gboolean   polku_plan_history_restore_older    (PolkuPlanHistory  *self,
                                                PolkuStore        *store,
                                                const char        *client_id,
                                                gint64            *out_version,
                                                gint64            *out_new_version,
                                                GError           **error);
GtkWidget *polku_plan_history_get_compare_grid (PolkuPlanHistory  *self);

G_END_DECLS
