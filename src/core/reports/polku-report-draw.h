/* polku-report-draw.h: the report's charts, drawn with cairo for the window and the PDF
 *
 * Copyright 2026 The Polku authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One drawing of each chart, from the report's JSON (polku_report_to_json (): the suppressed
 * figures, never anything else), so that the Reports window and the PDF show the same
 * picture. Charts:
 *
 *   "before-after"      the before and after totals of every contact category for the
 *                       period of @months (6, 12 or 24), one pair of bars per category
 *   "caseload"          open cases per coordinator, one bar each
 *   "whoqol-over-time"  WHOQOL-BREF domain means (0–100) at 0, 6, 12, … months, one line
 *                       per domain
 *
 * Every chart has axis labels and a legend, and "before" and "after" (and the domains)
 * differ by pattern as well as by colour, with a contrast of at least 3:1 against the
 * background in every style. A suppressed cell is drawn as an empty, hatched outline of a
 * fixed height labelled "< 5" (the cell's own "display"), never a height that tells the
 * value. Words are in @language ("fi", "sv", "en"; NULL: the user's): the labels of the
 * categories, domains and coordinators come from the JSON; the chart's own words (axis
 * titles, legend) from a fi/sv/en table (drawing may run in a thread, where gettext's
 * language cannot be switched per call).
 *
 * No GTK: the window draws on its snapshot's cairo context, the PDF on a cairo PDF surface.
 */
#pragma once

#include <cairo.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

typedef enum
{
  POLKU_REPORT_STYLE_LIGHT,
  POLKU_REPORT_STYLE_DARK,
  POLKU_REPORT_STYLE_PAPER,
} PolkuReportStyle;

#define POLKU_REPORT_CHART_BEFORE_AFTER  "before-after"
#define POLKU_REPORT_CHART_CASELOAD      "caseload"
#define POLKU_REPORT_CHART_WHOQOL        "whoqol-over-time"

/* Draws @chart of @report_json into the rectangle (0, 0, @width, @height) of @cr, the
 * background included (white on paper: pass PAPER for a PDF). @months selects the period
 * of "before-after" (ignored by the others). Returns FALSE, having drawn only the
 * background, when the JSON has nothing for that chart (no such period, no coordinators,
 * no domain means, or a chart name it does not know). Leaves @cr's state as it found it. */
gboolean polku_report_draw_chart   (cairo_t          *cr,
                                    JsonNode         *report_json,
                                    const char       *chart,
                                    guint             months,
                                    double            width,
                                    double            height,
                                    PolkuReportStyle  style,
                                    const char       *language);
/* The height the chart needs at @width to be readable (bars grow with the number of
 * categories or coordinators), or 0 when there is nothing to draw. */
double   polku_report_chart_height (JsonNode         *report_json,
                                    const char       *chart,
                                    guint             months,
                                    double            width);

/* Whether the chart has anything to draw (the same test as the return of
 * polku_report_draw_chart ()). */
gboolean polku_report_chart_has_data (JsonNode       *report_json,
                                      const char     *chart,
                                      guint           months);

/* The colours of @style: @index 0 is the background, 1 the text and axes, 2 … the series
 * (before, after, then the further domains), as 0–1 sRGB. Returns FALSE past the last. For
 * the tests of contrast, and for anything drawn beside a chart in the same style. */
gboolean polku_report_style_get_color (PolkuReportStyle  style,
                                       guint             index,
                                       double           *red,
                                       double           *green,
                                       double           *blue);

G_END_DECLS
