/* polku-window.h: the main window
 *
 * Copyright 2026 The Polku authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "polku-profile.h"

G_BEGIN_DECLS

#define POLKU_TYPE_WINDOW (polku_window_get_type ())
G_DECLARE_FINAL_TYPE (PolkuWindow, polku_window, POLKU, WINDOW, AdwApplicationWindow)

PolkuWindow  *polku_window_new            (AdwApplication *application,
                                           PolkuProfile   *profile);
PolkuWindow  *polku_window_new_with_store (AdwApplication *application,
                                           PolkuProfile   *profile,
                                           PolkuStore     *store);
PolkuProfile *polku_window_get_profile    (PolkuWindow    *self);
PolkuStore   *polku_window_get_store      (PolkuWindow    *self);
gboolean      polku_window_get_locked     (PolkuWindow    *self);
void          polku_window_lock           (PolkuWindow    *self);
void          polku_window_add_toast      (PolkuWindow    *self,
                                           AdwToast       *toast);

G_END_DECLS
