/* polku-conflicts-window.h: the sync conflicts that wait for a decision, side by side;
 * and the banner that leads a client's page there
 *
 * Copyright 2026 The Polku authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "polku-client-view.h"
#include "polku-form-dialog.h"
#include "polku-store.h"
#include "polku-sync-store.h"

G_BEGIN_DECLS

#define POLKU_TYPE_CONFLICTS_WINDOW (polku_conflicts_window_get_type ())
G_DECLARE_FINAL_TYPE (PolkuConflictsWindow, polku_conflicts_window, POLKU, CONFLICTS_WINDOW,
                      AdwWindow)

PolkuConflictsWindow *polku_conflicts_window_new         (GtkWindow            *parent,
                                                          PolkuStore           *store,
                                                          const char           *client_id);
gboolean              polku_conflicts_window_reload      (PolkuConflictsWindow *self,
                                                          GError              **error);
gboolean              polku_conflicts_window_resolve     (PolkuConflictsWindow *self,
                                                          const char           *conflict_id,
                                                          PolkuSyncTake         take,
                                                          JsonNode             *value,
                                                          GError              **error);
const char           *polku_conflicts_window_get_client_id (PolkuConflictsWindow *self);
/* What the tests read: the conflicts listed as open, and as decided (the history). */
guint                 polku_conflicts_window_get_n_open    (PolkuConflictsWindow *self);
guint                 polku_conflicts_window_get_n_decided (PolkuConflictsWindow *self);
GtkWidget            *polku_conflicts_window_get_card      (PolkuConflictsWindow *self,
                                                            const char           *conflict_id);
const char           *polku_conflicts_window_get_label     (PolkuConflictsWindow *self,
                                                            const char           *conflict_id);
PolkuFormDialog      *polku_conflicts_window_edit          (PolkuConflictsWindow *self,
                                                            const char           *conflict_id);

/* How a conflict's value reads (JSON text or NULL: removed on that side). */
char                 *polku_conflicts_format_value        (const char           *json);

/* The banner of a client's overview: "N sync conflicts wait for a decision", with a button
 * that opens the queue for that client (win.conflicts). */
#define POLKU_TYPE_CONFLICTS_BANNER (polku_conflicts_banner_get_type ())
G_DECLARE_FINAL_TYPE (PolkuConflictsBanner, polku_conflicts_banner, POLKU, CONFLICTS_BANNER,
                      PolkuClientView)

GtkWidget            *polku_conflicts_banner_new          (void);
guint                 polku_conflicts_banner_get_count    (PolkuConflictsBanner *self);
const char           *polku_conflicts_banner_get_text     (PolkuConflictsBanner *self);
/* Every banner showing a client of @store reads its count again (a sync ran, a conflict
 * was decided). */
void                  polku_conflicts_banner_reload_all   (PolkuStore           *store);

G_END_DECLS
