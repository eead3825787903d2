/* polku-preferences-window.h: the Preferences window
 *
 * Copyright 2026 The Polku authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "polku-profile.h"

G_BEGIN_DECLS

#define POLKU_TYPE_PREFERENCES_WINDOW (polku_preferences_window_get_type ())
G_DECLARE_FINAL_TYPE (PolkuPreferencesWindow, polku_preferences_window,
                      POLKU, PREFERENCES_WINDOW, AdwPreferencesWindow)

PolkuPreferencesWindow *polku_preferences_window_new (GtkWindow    *parent,
                                                      PolkuProfile *profile);
void                    polku_preferences_window_set_store  (PolkuPreferencesWindow *self,
                                                             PolkuStore             *store);
void                    polku_preferences_window_back_up_to (PolkuPreferencesWindow *self,
                                                             const char             *path);
gboolean                polku_preferences_window_get_busy   (PolkuPreferencesWindow *self);

G_END_DECLS
