/* polku-overview-rows.h: the rows of the overview's groups, made from what the case holds
 *
 * Copyright 2026 The Polku authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "polku-case-store.h"

G_BEGIN_DECLS

void        polku_overview_rows_fill_phase     (GtkListBox          *list,
                                                PolkuCase           *kase,
                                                GPtrArray           *phases);
void        polku_overview_rows_fill_consent   (GtkListBox          *list,
                                                GtkListBox          *sharing_list,
                                                GtkLabel            *sharing_description,
                                                PolkuCase           *kase,
                                                GPtrArray           *consents);
void        polku_overview_rows_fill_team      (GtkListBox          *list,
                                                PolkuCase           *kase,
                                                GPtrArray           *team,
                                                GPtrArray           *coordinators);
void        polku_overview_rows_fill_followups (GtkListBox          *list,
                                                GPtrArray           *followups);
void        polku_overview_rows_fill_signs     (GtkListBox          *list,
                                                PolkuChecklist      *checklist,
                                                GPtrArray           *signs);
void        polku_overview_rows_fill_notes     (GtkListBox          *list,
                                                GPtrArray           *notes);

G_END_DECLS
