/* polku-measures-chart.c: a small chart of measures over time, or before and after
 *
 * Copyright 2026 The Polku authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Drawn with cairo in a GtkSnapshot. Text and axes take the widget's foreground colour, so
 * the chart reads the same in light and dark styles; series colours are the report charts'
 * own for the light or the dark style, and each series also has its own dash pattern and
 * point shape so that colour is never the only difference.
 */

#define G_LOG_DOMAIN "polku-measures-chart"

#include "config.h"

#include <math.h>

#include "polku-chart-private.h"
#include "polku-number.h"
#include "polku-measures-chart.h"
#include "polku-report-draw.h"

typedef enum
{
  MODE_NONE,
  MODE_LINES,
  MODE_BARS,
} Mode;

typedef struct
{
  char   *name;
  double *values;
} Series;

struct _PolkuMeasuresChart
{
  GtkWidget  parent_instance;

  Mode       mode;
  double     min;
  double     max;

  /* lines */
  GArray    *x;          /* double */
  GPtrArray *labels;     /* char * */
  GArray    *series;     /* Series */
  int        marker;
  char      *marker_label;

  /* bars */
  GPtrArray *groups;     /* char * */
  GArray    *before;     /* double */
  GArray    *after;      /* double */
  char      *before_label;
  char      *after_label;
};

G_DEFINE_FINAL_TYPE (PolkuMeasuresChart, polku_measures_chart, GTK_TYPE_WIDGET)

/* The continuity chart's "before" bars: purple 3 on light, purple 2 on dark (at least 3:1
 * against either background, as the walkthrough found 1.6:1 with a faded purple). */
static const GdkRGBA before_light = { 0.569, 0.255, 0.675, 1.0 };
static const GdkRGBA before_dark = { 0.753, 0.380, 0.796, 1.0 };

static const GdkRGBA *
before_color (const GdkRGBA *fg)
{
  /* a light foreground means a dark background */
  return 0.2126 * fg->red + 0.7152 * fg->green + 0.0722 * fg->blue > 0.5 ? &before_dark
                                                                         : &before_light;
}

/* The colour of series @index as the report's charts draw it (polku-report-draw.c), so
 * that a WHOQOL-BREF domain has the same colour here and in the Reports window: at least
 * 3:1 against the light or the dark background (a light @fg means a dark one). */
static void
series_color (const GdkRGBA *fg,
              guint          index,
              GdkRGBA       *color)
{
  PolkuReportStyle style = 0.2126 * fg->red + 0.7152 * fg->green + 0.0722 * fg->blue > 0.5
                           ? POLKU_REPORT_STYLE_DARK : POLKU_REPORT_STYLE_LIGHT;
  guint n_series = 0;
  double red, green, blue;

  /* Index 0 and 1 are the background and the text; the series follow. */
  while (polku_report_style_get_color (style, 2 + n_series, NULL, NULL, NULL))
    n_series++;
  polku_report_style_get_color (style, 2 + index % n_series, &red, &green, &blue);
  *color = (GdkRGBA) { red, green, blue, 1.0 };
}

static const double dashes[][2] = {
  { 0, 0 }, { 7, 4 }, { 2, 3 }, { 10, 3 }, { 4, 4 },
};

#define MARGIN_LEFT   44.0
#define MARGIN_RIGHT  16.0
#define MARGIN_TOP    34.0
#define MARGIN_BOTTOM 30.0
#define LEGEND_SWATCH 28.0   /* the swatch and its gap before the name */
#define LEGEND_LINE   20.0   /* one line of the legend */

/* Where the values are drawn: the widget less the margins. */
typedef struct
{
  double left, right, top, bottom;
} Plot;

static void
series_clear (Series *series)
{
  g_clear_pointer (&series->name, g_free);
  g_clear_pointer (&series->values, g_free);
}

void
polku_measures_chart_clear (PolkuMeasuresChart *self)
{
  g_return_if_fail (POLKU_IS_MEASURES_CHART (self));

  self->mode = MODE_NONE;
  g_array_set_size (self->x, 0);
  g_ptr_array_set_size (self->labels, 0);
  g_array_set_size (self->series, 0);
  g_ptr_array_set_size (self->groups, 0);
  g_array_set_size (self->before, 0);
  g_array_set_size (self->after, 0);
  self->marker = -1;
  g_clear_pointer (&self->marker_label, g_free);
  g_clear_pointer (&self->before_label, g_free);
  g_clear_pointer (&self->after_label, g_free);
  gtk_widget_queue_resize (GTK_WIDGET (self));
}

void
polku_measures_chart_set_points (PolkuMeasuresChart *self,
                                 const double       *x,
                                 const char * const *labels,
                                 guint               n_points,
                                 int                 marker,
                                 const char         *marker_label)
{
  g_return_if_fail (POLKU_IS_MEASURES_CHART (self));

  polku_measures_chart_clear (self);
  self->mode = MODE_LINES;
  g_array_append_vals (self->x, x, n_points);
  for (guint i = 0; i < n_points; i++)
    g_ptr_array_add (self->labels, g_strdup (labels[i]));
  self->marker = marker < (int) n_points ? marker : -1;
  self->marker_label = g_strdup (marker_label);
  gtk_widget_queue_resize (GTK_WIDGET (self));
}

void
polku_measures_chart_add_series (PolkuMeasuresChart *self,
                                 const char         *name,
                                 const double       *values)
{
  Series series;

  g_return_if_fail (POLKU_IS_MEASURES_CHART (self));
  g_return_if_fail (self->mode == MODE_LINES);

  series.name = g_strdup (name);
  series.values = g_memdup2 (values, sizeof (double) * MAX (self->x->len, 1));
  g_array_append_val (self->series, series);
  gtk_widget_queue_resize (GTK_WIDGET (self));
}

guint
polku_measures_chart_get_n_series (PolkuMeasuresChart *self)
{
  g_return_val_if_fail (POLKU_IS_MEASURES_CHART (self), 0);
  return self->mode == MODE_BARS ? self->groups->len : self->series->len;
}

void
polku_measures_chart_set_bars (PolkuMeasuresChart *self,
                               const char * const *groups,
                               const double       *before,
                               const double       *after,
                               guint               n_groups,
                               const char         *before_label,
                               const char         *after_label)
{
  g_return_if_fail (POLKU_IS_MEASURES_CHART (self));

  polku_measures_chart_clear (self);
  self->mode = MODE_BARS;
  for (guint i = 0; i < n_groups; i++)
    g_ptr_array_add (self->groups, g_strdup (groups[i]));
  g_array_append_vals (self->before, before, n_groups);
  g_array_append_vals (self->after, after, n_groups);
  self->before_label = g_strdup (before_label);
  self->after_label = g_strdup (after_label);
  gtk_widget_queue_resize (GTK_WIDGET (self));
}

void
polku_measures_chart_set_range (PolkuMeasuresChart *self,
                                double              min,
                                double              max)
{
  g_return_if_fail (POLKU_IS_MEASURES_CHART (self));
  g_return_if_fail (max > min);

  self->min = min;
  self->max = max;
  gtk_widget_queue_resize (GTK_WIDGET (self));
}

static void
set_color (cairo_t       *cr,
           const GdkRGBA *color,
           double         alpha)
{
  cairo_set_source_rgba (cr, color->red, color->green, color->blue, color->alpha * alpha);
}

/* Draws @text with its anchor at (@x, @y): @xalign 0 left … 1 right, @yalign likewise. */
static void
draw_text (PolkuMeasuresChart *self,
           cairo_t            *cr,
           const char         *text,
           double              x,
           double              y,
           double              xalign,
           double              yalign)
{
  g_autoptr(PangoLayout) layout = gtk_widget_create_pango_layout (GTK_WIDGET (self), text);
  int width, height;

  pango_layout_get_pixel_size (layout, &width, &height);
  cairo_move_to (cr, x - width * xalign, y - height * yalign);
  pango_cairo_show_layout (cr, layout);
}

/* The middle of the pixel at @v (≥ 0), for sharp one-pixel lines; no libm needed. */
static double
pixel_center (double v)
{
  return (double) (gint64) (v + 0.5) + 0.5;
}

static double
y_of (PolkuMeasuresChart *self,
      double              value,
      const Plot         *plot)
{
  return plot->bottom
         - (value - self->min) / (self->max - self->min) * (plot->bottom - plot->top);
}

static void
draw_grid (PolkuMeasuresChart *self,
           cairo_t            *cr,
           const GdkRGBA      *fg,
           const Plot         *plot)
{
  cairo_set_line_width (cr, 1.0);
  for (guint i = 0; i <= 4; i++)
    {
      double value = self->min + (self->max - self->min) * i / 4.0;
      double y = pixel_center (y_of (self, value, plot));
      g_autofree char *label = g_strdup_printf ("%g", value);

      set_color (cr, fg, i == 0 ? 0.5 : 0.15);
      cairo_move_to (cr, plot->left, y);
      cairo_line_to (cr, plot->right, y);
      cairo_stroke (cr);
      set_color (cr, fg, 0.75);
      draw_text (self, cr, label, plot->left - 6, y, 1.0, 0.5);
    }
}

static void
draw_legend_entry (PolkuMeasuresChart *self,
                   cairo_t            *cr,
                   double             *x,
                   double             *y,
                   const char         *name,
                   guint               index,
                   gboolean            line,
                   const GdkRGBA      *swatch)
{
  g_autoptr(PangoLayout) layout = gtk_widget_create_pango_layout (GTK_WIDGET (self), name);
  int width, height;

  /* an entry that would run off the right edge starts a new line of the legend */
  pango_layout_get_pixel_size (layout, &width, &height);
  if (*x > MARGIN_LEFT && *x + LEGEND_SWATCH + width > gtk_widget_get_width (GTK_WIDGET (self)))
    {
      *x = MARGIN_LEFT;
      *y += LEGEND_LINE;
    }

  set_color (cr, swatch, 1.0);
  if (line)
    {
      cairo_set_line_width (cr, 2.5);
      cairo_set_dash (cr, dashes[index % G_N_ELEMENTS (dashes)],
                      dashes[index % G_N_ELEMENTS (dashes)][0] > 0 ? 2 : 0, 0);
      cairo_move_to (cr, *x, *y);
      cairo_line_to (cr, *x + 22, *y);
      cairo_stroke (cr);
      cairo_set_dash (cr, NULL, 0, 0);
    }
  else
    {
      cairo_rectangle (cr, *x, *y - 6, 22, 12);
      cairo_fill (cr);
    }
  {
    GdkRGBA fg;

    gtk_style_context_get_color (gtk_widget_get_style_context (GTK_WIDGET (self)), &fg);
    set_color (cr, &fg, 1.0);
  }
  cairo_move_to (cr, *x + 28, *y - height / 2.0);
  pango_cairo_show_layout (cr, layout);
  *x += LEGEND_SWATCH + width + 18;
}

static void
draw_point (cairo_t *cr,
            double   x,
            double   y,
            guint    shape)
{
  switch (shape % 3)
    {
    case 0:
      cairo_arc (cr, x, y, 4.5, 0, 2 * G_PI);
      break;
    case 1:
      cairo_rectangle (cr, x - 4, y - 4, 8, 8);
      break;
    default:
      cairo_move_to (cr, x, y - 5.5);
      cairo_line_to (cr, x + 5.5, y + 4);
      cairo_line_to (cr, x - 5.5, y + 4);
      cairo_close_path (cr);
      break;
    }
  cairo_fill (cr);
}

static void
draw_lines (PolkuMeasuresChart *self,
            cairo_t            *cr,
            const GdkRGBA      *fg,
            const Plot         *plot)
{
  double x_min = G_MAXDOUBLE, x_max = -G_MAXDOUBLE;
  double legend_x = plot->left;
  double legend_y = 12;
  guint n = self->x->len;
  g_autofree double *px = g_new (double, MAX (n, 1));

  for (guint i = 0; i < n; i++)
    {
      x_min = MIN (x_min, g_array_index (self->x, double, i));
      x_max = MAX (x_max, g_array_index (self->x, double, i));
    }
  /* Leave room for the first and last labels. */
  for (guint i = 0; i < n; i++)
    px[i] = x_max > x_min
            ? plot->left + 24
              + (g_array_index (self->x, double, i) - x_min) / (x_max - x_min)
                * (plot->right - plot->left - 48)
            : (plot->left + plot->right) / 2;

  if (self->marker >= 0)
    {
      static const double marker_dash[] = { 3, 3 };
      double mx = pixel_center (px[self->marker]);

      set_color (cr, fg, 0.6);
      cairo_set_line_width (cr, 1.0);
      cairo_set_dash (cr, marker_dash, 2, 0);
      cairo_move_to (cr, mx, plot->top);
      cairo_line_to (cr, mx, plot->bottom);
      cairo_stroke (cr);
      cairo_set_dash (cr, NULL, 0, 0);
      if (self->marker_label != NULL)
        draw_text (self, cr, self->marker_label, mx + 4, plot->top, 0.0, 0.0);
    }

  /* Axis labels: all of them when they fit, else every k-th. */
  {
    guint step = 1;

    while (n / step > 1 && (plot->right - plot->left) / (n / step) < 80)
      step++;
    set_color (cr, fg, 0.75);
    for (guint i = 0; i < n; i += step)
      draw_text (self, cr, g_ptr_array_index (self->labels, i), px[i], plot->bottom + 6, 0.5,
                 0.0);
  }

  for (guint s = 0; s < self->series->len; s++)
    {
      Series *series = &g_array_index (self->series, Series, s);
      gboolean drawing = FALSE;
      GdkRGBA color;

      series_color (fg, s, &color);
      set_color (cr, &color, 1.0);
      cairo_set_line_width (cr, 2.5);
      cairo_set_dash (cr, dashes[s % G_N_ELEMENTS (dashes)],
                      dashes[s % G_N_ELEMENTS (dashes)][0] > 0 ? 2 : 0, 0);
      for (guint i = 0; i < n; i++)
        {
          double value = series->values[i];

          if (isnan (value))
            {
              drawing = FALSE;
              continue;
            }
          if (drawing)
            cairo_line_to (cr, px[i], y_of (self, value, plot));
          else
            cairo_move_to (cr, px[i], y_of (self, value, plot));
          drawing = TRUE;
        }
      cairo_stroke (cr);
      cairo_set_dash (cr, NULL, 0, 0);
      for (guint i = 0; i < n; i++)
        if (!isnan (series->values[i]))
          draw_point (cr, px[i], y_of (self, series->values[i], plot), s);

      draw_legend_entry (self, cr, &legend_x, &legend_y, series->name, s, TRUE, &color);
    }
}

static void
draw_bars (PolkuMeasuresChart *self,
           cairo_t            *cr,
           const GdkRGBA      *fg,
           const Plot         *plot)
{
  double legend_x = plot->left;
  double legend_y = 12;
  guint n = self->groups->len;
  double group_width = n > 0 ? (plot->right - plot->left) / n : 0;
  double bar = MIN (36, group_width / 3);
  GdkRGBA after;

  series_color (fg, 0, &after);

  for (guint g = 0; g < n; g++)
    {
      double center = plot->left + group_width * (g + 0.5);
      double values[2] = { g_array_index (self->before, double, g),
                           g_array_index (self->after, double, g) };

      for (guint k = 0; k < 2; k++)
        {
          double x = center + (k == 0 ? -bar - 2 : 2);
          g_autofree char *number = NULL;

          if (isnan (values[k]))
            {
              set_color (cr, fg, 0.6);
              draw_text (self, cr, "–", x + bar / 2, plot->bottom - 4, 0.5, 1.0);
              continue;
            }
          set_color (cr, k == 0 ? before_color (fg) : &after, 1.0);
          cairo_rectangle (cr, x, y_of (self, values[k], plot), bar,
                           plot->bottom - y_of (self, values[k], plot));
          cairo_fill (cr);
          set_color (cr, fg, 0.9);
          number = polku_number_format (values[k], 2);
          draw_text (self, cr, number, x + bar / 2, y_of (self, values[k], plot) - 2, 0.5, 1.0);
        }
      set_color (cr, fg, 0.75);
      draw_text (self, cr, g_ptr_array_index (self->groups, g), center, plot->bottom + 6, 0.5,
                 0.0);
    }

  /* Before in purple, after in blue: the legend names them. */
  if (self->before_label != NULL)
    draw_legend_entry (self, cr, &legend_x, &legend_y, self->before_label, 3, FALSE,
                       before_color (fg));
  if (self->after_label != NULL)
    draw_legend_entry (self, cr, &legend_x, &legend_y, self->after_label, 0, FALSE, &after);
}

/* How many lines the legend takes at @width: the entries wrap as draw_legend_entry () wraps
 * them, so that no name is cut off in a narrow window. */
static guint
legend_lines (PolkuMeasuresChart *self,
              double              width)
{
  g_autoptr(GPtrArray) names = g_ptr_array_new ();
  double x = MARGIN_LEFT;
  guint lines = 1;

  if (self->mode == MODE_LINES)
    for (guint i = 0; i < self->series->len; i++)
      g_ptr_array_add (names, g_array_index (self->series, Series, i).name);
  else
    {
      if (self->before_label != NULL)
        g_ptr_array_add (names, self->before_label);
      if (self->after_label != NULL)
        g_ptr_array_add (names, self->after_label);
    }
  for (guint i = 0; i < names->len; i++)
    {
      g_autoptr(PangoLayout) layout = gtk_widget_create_pango_layout (GTK_WIDGET (self),
                                                                      names->pdata[i]);
      int w, h;

      pango_layout_get_pixel_size (layout, &w, &h);
      if (x > MARGIN_LEFT && x + LEGEND_SWATCH + w > width)
        {
          x = MARGIN_LEFT;
          lines++;
        }
      x += LEGEND_SWATCH + w + 18;
    }
  return lines;
}

static void
polku_measures_chart_snapshot (GtkWidget   *widget,
                               GtkSnapshot *snapshot)
{
  PolkuMeasuresChart *self = POLKU_MEASURES_CHART (widget);
  double width = gtk_widget_get_width (widget);
  double height = gtk_widget_get_height (widget);
  Plot plot = { MARGIN_LEFT, width - MARGIN_RIGHT, MARGIN_TOP, height - MARGIN_BOTTOM };
  GdkRGBA fg;
  cairo_t *cr;

  if (self->mode == MODE_NONE || width < 120 || height < 80)
    return;
  plot.top += (legend_lines (self, width) - 1) * LEGEND_LINE;

  gtk_style_context_get_color (gtk_widget_get_style_context (widget), &fg);
  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
  draw_grid (self, cr, &fg, &plot);
  if (self->mode == MODE_LINES)
    draw_lines (self, cr, &fg, &plot);
  else
    draw_bars (self, cr, &fg, &plot);
  cairo_destroy (cr);
}

/* The plot's own height, and the legend's extra lines on top of it. */
static void
chart_height (GtkWidget *widget,
              int        width,
              int       *minimum,
              int       *natural)
{
  PolkuMeasuresChart *self = POLKU_MEASURES_CHART (widget);
  int extra = self->mode != MODE_NONE ? (legend_lines (self, width) - 1) * LEGEND_LINE : 0;

  *minimum = 200 + extra;
  *natural = 240 + extra;
}

static const PolkuChartSize chart_size = { 240, 560, chart_height };

static void
polku_measures_chart_finalize (GObject *object)
{
  PolkuMeasuresChart *self = POLKU_MEASURES_CHART (object);

  g_clear_pointer (&self->x, g_array_unref);
  g_clear_pointer (&self->labels, g_ptr_array_unref);
  g_clear_pointer (&self->series, g_array_unref);
  g_clear_pointer (&self->groups, g_ptr_array_unref);
  g_clear_pointer (&self->before, g_array_unref);
  g_clear_pointer (&self->after, g_array_unref);
  g_clear_pointer (&self->marker_label, g_free);
  g_clear_pointer (&self->before_label, g_free);
  g_clear_pointer (&self->after_label, g_free);

  G_OBJECT_CLASS (polku_measures_chart_parent_class)->finalize (object);
}

static void
polku_measures_chart_class_init (PolkuMeasuresChartClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = polku_measures_chart_finalize;
  polku_chart_class_setup (widget_class, "polku-measures-chart", &chart_size,
                           polku_measures_chart_snapshot);
}

static void
polku_measures_chart_init (PolkuMeasuresChart *self)
{
  self->min = 0;
  self->max = 100;
  self->marker = -1;
  self->x = g_array_new (FALSE, FALSE, sizeof (double));
  self->labels = g_ptr_array_new_with_free_func (g_free);
  self->series = g_array_new (FALSE, TRUE, sizeof (Series));
  g_array_set_clear_func (self->series, (GDestroyNotify) series_clear);
  self->groups = g_ptr_array_new_with_free_func (g_free);
  self->before = g_array_new (FALSE, FALSE, sizeof (double));
  self->after = g_array_new (FALSE, FALSE, sizeof (double));
}

GtkWidget *
polku_measures_chart_new (void)
{
  return g_object_new (POLKU_TYPE_MEASURES_CHART, NULL);
}
