/* polku-overview-view.h: the client's case at a glance, and the forms to change it
 *
 * Copyright 2026 The Polku authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "polku-client-view.h"

G_BEGIN_DECLS

#define POLKU_TYPE_OVERVIEW_VIEW (polku_overview_view_get_type ())
G_DECLARE_FINAL_TYPE (PolkuOverviewView, polku_overview_view, POLKU, OVERVIEW_VIEW,
                      PolkuClientView)

GtkWidget *polku_overview_view_new                 (void);
GtkWidget *polku_overview_view_get_followups_group (PolkuOverviewView *self);

G_END_DECLS
