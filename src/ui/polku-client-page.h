/* polku-client-page.h: the selected client's details
 *
 * Copyright 2026 The Polku authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "polku-client-view.h"

G_BEGIN_DECLS

#define POLKU_TYPE_CLIENT_PAGE (polku_client_page_get_type ())
G_DECLARE_FINAL_TYPE (PolkuClientPage, polku_client_page, POLKU, CLIENT_PAGE, PolkuClientView)

GtkWidget   *polku_client_page_new        (void);
gboolean     polku_client_page_get_folded (PolkuClientPage *self);
void         polku_client_page_set_folded (PolkuClientPage *self,
                                           gboolean         folded);

void         polku_client_page_show_tab   (PolkuClientPage *self,
                                           const char      *name);
void         polku_client_page_show_followups (PolkuClientPage *self);
const char  *polku_client_page_get_visible_tab (PolkuClientPage *self);

char        *polku_format_birth_date      (const char      *iso_date);

G_END_DECLS
