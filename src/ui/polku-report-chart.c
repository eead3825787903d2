/* polku-report-chart.c: one chart of a report, as the PDF draws it
 *
 * Copyright 2026 The Polku authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A thin widget around polku_report_draw_chart (): the drawing is the core's, so the window
 * and the PDF show the same picture. It draws in the dark style when AdwStyleManager says
 * the application is dark, and asks for the height the chart needs at its width (bars grow
 * with the number of categories). To a screen reader it is one image with a description;
 * the figures themselves are in the table beside it.
 */

#define G_LOG_DOMAIN "polku-report-chart"

#include "config.h"

#include <glib/gi18n.h>

#include "polku-chart-private.h"
#include "polku-checklist.h"
#include "polku-report-chart.h"
#include "polku-report-draw.h"

#define NATURAL_WIDTH 600
#define MIN_WIDTH     240

struct _PolkuReportChart
{
  GtkWidget  parent_instance;

  char      *chart;
  guint      months;
  JsonNode  *report;
};

G_DEFINE_FINAL_TYPE (PolkuReportChart, polku_report_chart, GTK_TYPE_WIDGET)

gboolean
polku_report_chart_get_dark (PolkuReportChart *self)
{
  g_return_val_if_fail (POLKU_IS_REPORT_CHART (self), FALSE);
  return adw_style_manager_get_dark (adw_style_manager_get_default ());
}

/* The words of the chart in the report's language, which its labels are in. */
static const char *
report_language (PolkuReportChart *self)
{
  JsonObject *root = self->report != NULL && JSON_NODE_HOLDS_OBJECT (self->report)
                     ? json_node_get_object (self->report) : NULL;
  const char *language = root != NULL ? json_object_get_string_member_with_default (
                                          root, "language", NULL)
                                      : NULL;

  return language != NULL ? language : polku_checklist_ui_language ();
}

static void
polku_report_chart_snapshot (GtkWidget   *widget,
                             GtkSnapshot *snapshot)
{
  PolkuReportChart *self = POLKU_REPORT_CHART (widget);
  double width = gtk_widget_get_width (widget);
  double height = gtk_widget_get_height (widget);
  cairo_t *cr;

  if (self->report == NULL || width < 1 || height < 1)
    return;

  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
  polku_report_draw_chart (cr, self->report, self->chart, self->months, width, height,
                           polku_report_chart_get_dark (self) ? POLKU_REPORT_STYLE_DARK
                                                              : POLKU_REPORT_STYLE_LIGHT,
                           report_language (self));
  cairo_destroy (cr);
}

/* As tall as the chart drawn at @width: bars grow with the number of categories. */
static void
chart_height (GtkWidget *widget,
              int        width,
              int       *minimum,
              int       *natural)
{
  PolkuReportChart *self = POLKU_REPORT_CHART (widget);

  *minimum = *natural = (int) polku_report_chart_height (self->report, self->chart,
                                                         self->months, width);
}

static const PolkuChartSize chart_size = { MIN_WIDTH, NATURAL_WIDTH, chart_height };

void
polku_report_chart_set_report (PolkuReportChart *self,
                               JsonNode         *report_json)
{
  g_return_if_fail (POLKU_IS_REPORT_CHART (self));

  if (self->report == report_json)
    return;
  g_clear_pointer (&self->report, json_node_unref);
  if (report_json != NULL)
    self->report = json_node_ref (report_json);
  gtk_widget_queue_resize (GTK_WIDGET (self));
}

JsonNode *
polku_report_chart_get_report (PolkuReportChart *self)
{
  g_return_val_if_fail (POLKU_IS_REPORT_CHART (self), NULL);
  return self->report;
}

const char *
polku_report_chart_get_chart (PolkuReportChart *self)
{
  g_return_val_if_fail (POLKU_IS_REPORT_CHART (self), NULL);
  return self->chart;
}

guint
polku_report_chart_get_months (PolkuReportChart *self)
{
  g_return_val_if_fail (POLKU_IS_REPORT_CHART (self), 0);
  return self->months;
}

static void
polku_report_chart_finalize (GObject *object)
{
  PolkuReportChart *self = POLKU_REPORT_CHART (object);

  g_clear_pointer (&self->chart, g_free);
  g_clear_pointer (&self->report, json_node_unref);

  G_OBJECT_CLASS (polku_report_chart_parent_class)->finalize (object);
}

static void
polku_report_chart_class_init (PolkuReportChartClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = polku_report_chart_finalize;
  polku_chart_class_setup (widget_class, "polku-report-chart", &chart_size,
                           polku_report_chart_snapshot);
}

static void
polku_report_chart_init (PolkuReportChart *self)
{
  /* The style changes while the window is open (the desktop's dark preference). */
  g_signal_connect_object (adw_style_manager_get_default (), "notify::dark",
                           G_CALLBACK (gtk_widget_queue_draw), self, G_CONNECT_SWAPPED);
}

GtkWidget *
polku_report_chart_new (const char *chart,
                        guint       months,
                        const char *description)
{
  PolkuReportChart *self;

  g_return_val_if_fail (chart != NULL, NULL);

  self = g_object_new (POLKU_TYPE_REPORT_CHART, NULL);
  self->chart = g_strdup (chart);
  self->months = months;
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, description,
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  _("The figures are in the table beside the chart."),
                                  -1);
  return GTK_WIDGET (self);
}
