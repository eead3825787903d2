/* polku-measures-view.h: the client's measures: WHOQOL-BREF and continuity of care
 *
 * Copyright 2026 The Polku authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "polku-client.h"
#include "polku-store.h"

G_BEGIN_DECLS

#define POLKU_TYPE_MEASURES_VIEW (polku_measures_view_get_type ())
G_DECLARE_FINAL_TYPE (PolkuMeasuresView, polku_measures_view, POLKU, MEASURES_VIEW, AdwBin)

GtkWidget *polku_measures_view_new    (void);
void       polku_measures_view_reload (PolkuMeasuresView *self);
gboolean   polku_measures_view_get_loading (PolkuMeasuresView *self);

G_END_DECLS
