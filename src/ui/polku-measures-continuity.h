/* polku-measures-continuity.h: continuity of care before and after the plan
 *
 * Copyright 2026 The Polku authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "polku-measures-chart.h"

G_BEGIN_DECLS

#define POLKU_TYPE_MEASURES_CONTINUITY (polku_measures_continuity_get_type ())
G_DECLARE_FINAL_TYPE (PolkuMeasuresContinuity, polku_measures_continuity, POLKU,
                      MEASURES_CONTINUITY, GtkBox)

void polku_measures_continuity_show  (PolkuMeasuresContinuity *self,
                                      GPtrArray               *contacts,
                                      const GError            *error,
                                      gboolean                 have_plan,
                                      const char              *start_text);
void polku_measures_continuity_clear (PolkuMeasuresContinuity *self);

G_END_DECLS
