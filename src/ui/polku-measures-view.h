/* polku-measures-view.h: the client's measures: WHOQOL-BREF and continuity of care
 *
 * Copyright 2026 The Polku authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "polku-client-view.h"

G_BEGIN_DECLS

#define POLKU_TYPE_MEASURES_VIEW (polku_measures_view_get_type ())
G_DECLARE_FINAL_TYPE (PolkuMeasuresView, polku_measures_view, POLKU, MEASURES_VIEW,
                      PolkuClientView)

GtkWidget *polku_measures_view_new (void);

G_END_DECLS
