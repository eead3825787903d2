/* polku-plan-print.h: the client's copy of the plan, printed or exported to PDF
 *
 * Copyright 2026 The Polku authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>
#include <json-glib/json-glib.h>

#include "polku-client.h"
#include "polku-plan-context.h"
#include "polku-plan.h"

G_BEGIN_DECLS

GtkPrintOperation *polku_plan_print_operation_new (JsonNode                *document,
                                                   PolkuClient             *client,
                                                   const PolkuPlanContext  *context);
gboolean           polku_plan_export_pdf          (JsonNode                *document,
                                                   PolkuClient             *client,
                                                   const PolkuPlanContext  *context,
                                                   const char              *path,
                                                   GError                 **error);
char              *polku_plan_pdf_file_name       (PolkuClient             *client,
                                                   const char              *language,
                                                   const char              *date);

G_END_DECLS
