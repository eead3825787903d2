/* polku-a11y-private.h: what screen readers hear and where the keyboard goes, where GTK 4.8
 * and libadwaita 1.2 get it wrong
 *
 * Copyright 2026 The Polku authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

void  polku_a11y_install       (void);
char *polku_a11y_strip_mnemonic (const char *label);
void  polku_a11y_tab_leaves_list (GtkListView *list_view);

G_END_DECLS
