/* polku-recovery-key-dialog.h: shows the profile's recovery key, to be written down
 *
 * Copyright 2026 The Polku authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "polku-store.h"

G_BEGIN_DECLS

GtkWidget *polku_recovery_key_dialog_new      (GtkWindow   *parent,
                                               const char  *key,
                                               gboolean     first_time);
void       polku_recovery_key_dialog_present  (GtkWindow   *parent,
                                               PolkuStore  *store,
                                               gboolean     first_time);

G_END_DECLS
