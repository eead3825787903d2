/* polku-window-private.h: what the UI tests reach inside the main window
 *
 * Copyright 2026 The Polku authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "polku-client-editor.h"
#include "polku-client-list.h"
#include "polku-client-page.h"
#include "polku-unlock-page.h"
#include "polku-window.h"

G_BEGIN_DECLS

PolkuClientList   *polku_window_get_client_list     (PolkuWindow *self);
GtkEditable       *polku_window_get_search_entry    (PolkuWindow *self);
GListModel        *polku_window_get_all_clients     (PolkuWindow *self);
GListModel        *polku_window_get_visible_clients (PolkuWindow *self);
const char        *polku_window_get_list_state      (PolkuWindow *self);
const char        *polku_window_get_visible_page    (PolkuWindow *self);
gboolean           polku_window_get_settled         (PolkuWindow *self);
PolkuUnlockPage   *polku_window_get_unlock_page     (PolkuWindow *self);
PolkuClientPage   *polku_window_get_client_page     (PolkuWindow *self);
const char        *polku_window_get_content_page    (PolkuWindow *self);
GtkWidget         *polku_window_get_followups_view  (PolkuWindow *self);
PolkuClientEditor *polku_window_open_editor         (PolkuWindow *self,
                                                     PolkuClient *client);

G_END_DECLS
