/* polku-unlock-page-private.h: what the UI tests reach inside the unlock page
 *
 * Copyright 2026 The Polku authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "polku-unlock-page.h"

G_BEGIN_DECLS

GtkEditable *polku_unlock_page_get_passphrase_entry   (PolkuUnlockPage *self);
GtkEditable *polku_unlock_page_get_confirmation_entry (PolkuUnlockPage *self);
GtkWidget   *polku_unlock_page_get_unlock_button      (PolkuUnlockPage *self);
GtkEditable *polku_unlock_page_get_recovery_key_entry (PolkuUnlockPage *self);
GtkWidget   *polku_unlock_page_get_restore_button     (PolkuUnlockPage *self);
GtkWidget   *polku_unlock_page_get_cancel_button      (PolkuUnlockPage *self);
const char  *polku_unlock_page_get_description        (PolkuUnlockPage *self);
const char  *polku_unlock_page_get_hint               (PolkuUnlockPage *self);

G_END_DECLS
