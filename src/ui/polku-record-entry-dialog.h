/* polku-record-entry-dialog.h: the record entry, shown to be checked, then copied
 *
 * Copyright 2026 The Polku authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "polku-store.h"

G_BEGIN_DECLS

#define POLKU_TYPE_RECORD_ENTRY_DIALOG (polku_record_entry_dialog_get_type ())
G_DECLARE_FINAL_TYPE (PolkuRecordEntryDialog, polku_record_entry_dialog, POLKU,
                      RECORD_ENTRY_DIALOG, AdwWindow)

PolkuRecordEntryDialog *polku_record_entry_dialog_new         (GtkWidget              *parent,
                                                               PolkuStore             *store,
                                                               const char             *client_id);
/* TRUE while the entry is being built. */
gboolean                polku_record_entry_dialog_get_loading (PolkuRecordEntryDialog *self);
/* The entry shown, or NULL while loading or after an error. */
const char             *polku_record_entry_dialog_get_text    (PolkuRecordEntryDialog *self);

G_END_DECLS
