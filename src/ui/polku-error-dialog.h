/* polku-error-dialog.h: tells the user that something failed, in a message dialog
 *
 * Copyright 2026 The Polku authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

void polku_error_dialog_present (GtkWidget    *widget,
                                 const char   *heading,
                                 const GError *error);

G_END_DECLS
