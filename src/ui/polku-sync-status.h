/* polku-sync-status.h: the sync's state in the header bar, with a popover
 *
 * Copyright 2026 The Polku authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "polku-sync-controller.h"

G_BEGIN_DECLS

#define POLKU_TYPE_SYNC_STATUS (polku_sync_status_get_type ())
G_DECLARE_FINAL_TYPE (PolkuSyncStatus, polku_sync_status, POLKU, SYNC_STATUS, AdwBin)

GtkWidget           *polku_sync_status_new              (PolkuSyncController *controller);
PolkuSyncController *polku_sync_status_get_controller   (PolkuSyncStatus     *self);
void                 polku_sync_status_set_show_label   (PolkuSyncStatus     *self,
                                                         gboolean             show_label);

/* What the tests read: the popover's heading, its message, its summary, the button's
 * accessible name, and which of the popover's buttons are shown. */
const char          *polku_sync_status_get_title        (PolkuSyncStatus     *self);
const char          *polku_sync_status_get_message      (PolkuSyncStatus     *self);
const char          *polku_sync_status_get_summary      (PolkuSyncStatus     *self);
const char          *polku_sync_status_get_accessible_label (PolkuSyncStatus *self);
gboolean             polku_sync_status_get_conflicts_shown (PolkuSyncStatus  *self);
gboolean             polku_sync_status_get_progress_shown  (PolkuSyncStatus  *self);
GtkWidget           *polku_sync_status_get_button       (PolkuSyncStatus     *self);

G_END_DECLS
