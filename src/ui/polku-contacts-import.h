/* polku-contacts-import.h: the CSV import of contacts, with its preview
 *
 * Copyright 2026 The Polku authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "polku-client-view.h"
#include "polku-csv-import.h"

G_BEGIN_DECLS

#define POLKU_TYPE_CONTACTS_IMPORT (polku_contacts_import_get_type ())
G_DECLARE_FINAL_TYPE (PolkuContactsImport, polku_contacts_import, POLKU, CONTACTS_IMPORT,
                      PolkuClientView)

void            polku_contacts_import_set_types  (PolkuContactsImport *self,
                                                  GListModel          *types);
gboolean        polku_contacts_import_load_csv   (PolkuContactsImport *self,
                                                  GFile               *file);
PolkuCsvImport *polku_contacts_import_get_import (PolkuContactsImport *self);

G_END_DECLS
