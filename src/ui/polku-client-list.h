/* polku-client-list.h: the main window's sidebar: the client list, its search and filters
 *
 * Copyright 2026 The Polku authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "polku-client.h"
#include "polku-store.h"

G_BEGIN_DECLS

#define POLKU_TYPE_CLIENT_LIST (polku_client_list_get_type ())
G_DECLARE_FINAL_TYPE (PolkuClientList, polku_client_list, POLKU, CLIENT_LIST, AdwBin)

GtkWidget   *polku_client_list_new                 (void);
PolkuStore  *polku_client_list_get_store           (PolkuClientList *self);
void         polku_client_list_set_store           (PolkuClientList *self,
                                                    PolkuStore      *store);
gboolean     polku_client_list_get_folded          (PolkuClientList *self);
void         polku_client_list_set_folded          (PolkuClientList *self,
                                                    gboolean         folded);
guint        polku_client_list_get_followups_due   (PolkuClientList *self);
void         polku_client_list_set_followups_due   (PolkuClientList *self,
                                                    guint            n_due);
PolkuClient *polku_client_list_get_selected_client (PolkuClientList *self);
void         polku_client_list_unselect            (PolkuClientList *self);
gboolean     polku_client_list_select_client       (PolkuClientList *self,
                                                    const char      *client_id,
                                                    gboolean         clear_filters);
void         polku_client_list_add_client          (PolkuClientList *self,
                                                    PolkuClient     *client);
void         polku_client_list_refresh_client      (PolkuClientList *self,
                                                    PolkuClient     *client);
void         polku_client_list_focus_search        (PolkuClientList *self);
void         polku_client_list_focus_list          (PolkuClientList *self);
void         polku_client_list_reload_caseload     (PolkuClientList *self);

G_END_DECLS
