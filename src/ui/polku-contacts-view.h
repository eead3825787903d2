/* polku-contacts-view.h: the client's contacts and visits, their CSV import, and the mapping
 * visit
 *
 * Copyright 2026 The Polku authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "polku-client-view.h"

G_BEGIN_DECLS

#define POLKU_TYPE_CONTACTS_VIEW (polku_contacts_view_get_type ())
G_DECLARE_FINAL_TYPE (PolkuContactsView, polku_contacts_view, POLKU, CONTACTS_VIEW,
                      PolkuClientView)

GtkWidget *polku_contacts_view_new (void);

G_END_DECLS
