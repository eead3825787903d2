/* polku-help-window.h: a short user guide, built in
 *
 * Copyright 2026 The Polku authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define POLKU_TYPE_HELP_WINDOW (polku_help_window_get_type ())
G_DECLARE_FINAL_TYPE (PolkuHelpWindow, polku_help_window, POLKU, HELP_WINDOW, AdwWindow)

PolkuHelpWindow *polku_help_window_new (GtkWindow *parent);

G_END_DECLS
