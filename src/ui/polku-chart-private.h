/* polku-chart-private.h: what the chart widgets share (the Measures tab's, the reports')
 *
 * Copyright 2026 The Polku authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

/* How big a chart class asks to be: at least @min_width wide (@natural_width by choice), and
 * as tall as @height says for the width it is given. */
typedef struct
{
  int    min_width;
  int    natural_width;
  void (*height) (GtkWidget *chart,
                  int        width,
                  int       *minimum,
                  int       *natural);
} PolkuChartSize;

static inline GQuark
polku_chart_size_quark (void)
{
  return g_quark_from_static_string ("polku-chart-size");
}

static inline GtkSizeRequestMode
polku_chart_get_request_mode (GtkWidget *widget)
{
  return GTK_SIZE_REQUEST_HEIGHT_FOR_WIDTH;
}

static inline void
polku_chart_measure (GtkWidget      *widget,
                     GtkOrientation  orientation,
                     int             for_size,
                     int            *minimum,
                     int            *natural,
                     int            *minimum_baseline,
                     int            *natural_baseline)
{
  const PolkuChartSize *size = g_type_get_qdata (G_OBJECT_TYPE (widget),
                                                 polku_chart_size_quark ());

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = size->min_width;
      *natural = size->natural_width;
    }
  else
    {
      size->height (widget, for_size > 0 ? for_size : size->natural_width, minimum, natural);
    }
}

/* A chart is drawn by @snapshot with cairo, takes the width it is given and asks for the
 * height that width needs (@size, kept for the class), and is one image to a screen reader:
 * its figures are in a table beside it. */
static inline void
polku_chart_class_setup (GtkWidgetClass       *widget_class,
                         const char           *css_name,
                         const PolkuChartSize *size,
                         void                (*snapshot) (GtkWidget *, GtkSnapshot *))
{
  g_type_set_qdata (G_TYPE_FROM_CLASS (widget_class), polku_chart_size_quark (),
                    (gpointer) size);
  widget_class->snapshot = snapshot;
  widget_class->measure = polku_chart_measure;
  widget_class->get_request_mode = polku_chart_get_request_mode;
  gtk_widget_class_set_css_name (widget_class, css_name);
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}
