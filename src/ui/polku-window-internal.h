/* polku-window-internal.h: what the main window's source files share
 *
 * polku-window.c builds the window, its panes and actions; polku-window-lock.c opens the
 * database and locks the window again (on request, or when idle).
 *
 * Copyright 2026 The Polku authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "polku-client-list.h"
#include "polku-followups-view.h"
#include "polku-sync-controller.h"
#include "polku-window-private.h"

G_BEGIN_DECLS

struct _PolkuWindow
{
  AdwApplicationWindow  parent_instance;

  PolkuProfile         *profile;
  PolkuStore           *store;
  GSettings            *settings;
  gboolean              locked;

  /* polku-window-lock.c */
  GCancellable         *cancellable;
  guint                 idle_lock_minutes;
  gint64                last_activity;
  guint                 idle_lock_source;

  PolkuClientEditor    *editor;
  PolkuSyncController  *sync_controller;  /* runs while unlocked; polku-window-lock.c */
  GtkWindow            *conflicts_window;
  AdwToast             *undo_toast;
  guint                 followups_source;
  GCancellable         *followups_cancellable;  /* the count of follow-ups due in flight */
  gboolean              pending_followups;

  AdwToastOverlay      *toast_overlay;
  GtkStack             *main_stack;
  PolkuUnlockPage      *unlock_page;
  AdwLeaflet           *leaflet;
  PolkuClientList      *client_list;
  GtkStack             *content_stack;
  PolkuClientPage      *client_page;
  PolkuFollowupsView   *followups_view;
};

/* polku-window.c */
void polku_window_set_locked       (PolkuWindow *self,
                                    gboolean     locked);
void polku_window_update_actions   (PolkuWindow *self);
void polku_window_sync_followups   (PolkuWindow *self);

/* polku-window-lock.c */
void polku_window_locking_init     (PolkuWindow *self);
void polku_window_locking_start    (PolkuWindow *self);
void polku_window_locking_dispose  (PolkuWindow *self);
void polku_window_watch_activity   (PolkuWindow *self,
                                    GtkWidget   *widget);

G_END_DECLS
