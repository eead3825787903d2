/* polku-followups-view.h: upcoming and overdue follow-ups of all clients
 *
 * Copyright 2026 The Polku authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "polku-client.h"
#include "polku-store.h"

G_BEGIN_DECLS

#define POLKU_FOLLOWUPS_DAYS_AHEAD 14

#define POLKU_TYPE_FOLLOWUPS_VIEW (polku_followups_view_get_type ())
G_DECLARE_FINAL_TYPE (PolkuFollowupsView, polku_followups_view, POLKU, FOLLOWUPS_VIEW, AdwBin)

GtkWidget     *polku_followups_view_new          (void);
void           polku_followups_view_reload       (PolkuFollowupsView *self);
gboolean       polku_followups_view_get_loading  (PolkuFollowupsView *self);

GNotification *polku_followups_build_notification (PolkuStore        *store,
                                                   guint             *out_n_due,
                                                   GError           **error);
gboolean       polku_followups_notify_due         (GApplication      *application,
                                                   PolkuStore        *store,
                                                   GError           **error);

G_END_DECLS
