/* polku-contacts-view-private.h: what the UI tests reach into
 *
 * Copyright 2026 The Polku authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "polku-contacts-view.h"
#include "polku-csv-import.h"

G_BEGIN_DECLS

/* Reads @file into the import preview (what the file chooser does). */
gboolean        polku_contacts_view_load_csv      (PolkuContactsView *self,
                                                   GFile             *file);
PolkuCsvImport *polku_contacts_view_get_import    (PolkuContactsView *self);
GListModel     *polku_contacts_view_get_contacts  (PolkuContactsView *self);

G_END_DECLS
