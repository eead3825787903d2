/* polku-log-view.h: the client's audit log
 *
 * Copyright 2026 The Polku authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "polku-client-view.h"

G_BEGIN_DECLS

#define POLKU_TYPE_LOG_VIEW (polku_log_view_get_type ())
G_DECLARE_FINAL_TYPE (PolkuLogView, polku_log_view, POLKU, LOG_VIEW, PolkuClientView)

GtkWidget  *polku_log_view_new         (void);
GListModel *polku_log_view_get_entries (PolkuLogView *self);

GListModel *polku_log_view_get_shown   (PolkuLogView *self);
void        polku_log_view_set_filter  (PolkuLogView *self,
                                        guint         kind,
                                        const char   *text);
gboolean    polku_log_view_get_verifying (PolkuLogView *self);

G_END_DECLS
