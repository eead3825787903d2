/* polku-reports-window.h: the Reports window, figures across clients for leading with
 * knowledge
 *
 * Copyright 2026 The Polku authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>
#include <json-glib/json-glib.h>

#include "polku-store.h"

G_BEGIN_DECLS

#define POLKU_TYPE_REPORTS_WINDOW (polku_reports_window_get_type ())
G_DECLARE_FINAL_TYPE (PolkuReportsWindow, polku_reports_window, POLKU, REPORTS_WINDOW,
                      AdwWindow)

/* A window on @store's reports, above @parent. It closes itself when @parent (a window
 * with a "store" and a "locked" property) is locked or its store changes. */
GtkWidget *polku_reports_window_new            (GtkWindow          *parent,
                                                PolkuStore         *store);
PolkuStore *polku_reports_window_get_store     (PolkuReportsWindow *self);
/* Whether a report is being computed ("loading" property). */
gboolean   polku_reports_window_get_loading    (PolkuReportsWindow *self);
/* The JSON of the report shown, or NULL. */
JsonNode  *polku_reports_window_get_report_json (PolkuReportsWindow *self);
/* Exports the report shown as @format ("pdf", "csv", "json" or "fhir") to @file, in a
 * worker thread, as the Export menu does after its file chooser; the result is a toast or
 * an error dialog. "exported" is emitted with the format and whether it worked. */
void       polku_reports_window_export_to      (PolkuReportsWindow *self,
                                                const char         *format,
                                                GFile              *file);

G_END_DECLS
