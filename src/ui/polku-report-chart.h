/* polku-report-chart.h: one chart of a report, as the PDF draws it
 *
 * Copyright 2026 The Polku authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

#define POLKU_TYPE_REPORT_CHART (polku_report_chart_get_type ())
G_DECLARE_FINAL_TYPE (PolkuReportChart, polku_report_chart, POLKU, REPORT_CHART, GtkWidget)

/* @chart: POLKU_REPORT_CHART_BEFORE_AFTER (with @months), _CASELOAD or _WHOQOL
 * (polku-report-draw.h). @description: what a screen reader says of the picture (the table
 * beside it has the figures). */
GtkWidget  *polku_report_chart_new         (const char       *chart,
                                            guint             months,
                                            const char       *description);
/* The report's JSON (polku_report_to_json ()); NULL: nothing drawn. Takes a reference. */
void        polku_report_chart_set_report  (PolkuReportChart *self,
                                            JsonNode         *report_json);
JsonNode   *polku_report_chart_get_report  (PolkuReportChart *self);
const char *polku_report_chart_get_chart   (PolkuReportChart *self);
guint       polku_report_chart_get_months  (PolkuReportChart *self);
/* Whether it draws in the dark style now (AdwStyleManager's dark state). */
gboolean    polku_report_chart_get_dark    (PolkuReportChart *self);

G_END_DECLS
