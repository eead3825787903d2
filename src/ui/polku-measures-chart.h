/* polku-measures-chart.h: a small chart of measures over time, or before and after
 *
 * Copyright 2026 The Polku authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define POLKU_TYPE_MEASURES_CHART (polku_measures_chart_get_type ())
G_DECLARE_FINAL_TYPE (PolkuMeasuresChart, polku_measures_chart, POLKU, MEASURES_CHART,
                      GtkWidget)

GtkWidget *polku_measures_chart_new        (void);
void       polku_measures_chart_clear      (PolkuMeasuresChart *self);

/* Lines over time. @x are the points' places (for example Julian days), @labels their axis
 * labels; each series has one value per point (NAN: a gap). @marker (or -1) is the point
 * drawn as the baseline, with @marker_label. */
void       polku_measures_chart_set_points (PolkuMeasuresChart *self,
                                            const double       *x,
                                            const char * const *labels,
                                            guint               n_points,
                                            int                 marker,
                                            const char         *marker_label);
void       polku_measures_chart_add_series (PolkuMeasuresChart *self,
                                            const char         *name,
                                            const double       *values);

/* Bars side by side: for each group (an index), the value before and after (NAN: none,
 * drawn as a gap with "–"). */
void       polku_measures_chart_set_bars   (PolkuMeasuresChart *self,
                                            const char * const *groups,
                                            const double       *before,
                                            const double       *after,
                                            guint               n_groups,
                                            const char         *before_label,
                                            const char         *after_label);

void       polku_measures_chart_set_range  (PolkuMeasuresChart *self,
                                            double              min,
                                            double              max);
guint      polku_measures_chart_get_n_series (PolkuMeasuresChart *self);

G_END_DECLS
