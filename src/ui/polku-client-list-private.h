/* polku-client-list-private.h: what the UI tests reach inside the client list
 *
 * Copyright 2026 The Polku authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "polku-client-filters.h"
#include "polku-client-list.h"

G_BEGIN_DECLS

GtkEditable        *polku_client_list_get_search_entry    (PolkuClientList *self);
GListModel         *polku_client_list_get_all_clients     (PolkuClientList *self);
GListModel         *polku_client_list_get_visible_clients (PolkuClientList *self);
const char         *polku_client_list_get_state           (PolkuClientList *self);
gboolean            polku_client_list_get_settled         (PolkuClientList *self);
gboolean            polku_client_list_get_all_requested   (PolkuClientList *self);
PolkuClientFilters *polku_client_list_get_filters         (PolkuClientList *self);
gint64              polku_client_list_get_caseload        (PolkuClientList *self);
GPtrArray          *polku_client_list_get_queue           (PolkuClientList *self);
GtkToggleButton    *polku_client_list_get_queue_button    (PolkuClientList *self);
GtkListBox         *polku_client_list_get_queue_list      (PolkuClientList *self);
const char         *polku_client_list_get_subtitle        (PolkuClientList *self);

G_END_DECLS
