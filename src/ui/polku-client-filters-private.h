/* polku-client-filters-private.h: what the UI tests reach inside the case filters
 *
 * Copyright 2026 The Polku authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "polku-client-filters.h"

G_BEGIN_DECLS

GtkDropDown     *polku_client_filters_get_phase_dropdown  (PolkuClientFilters *self);
GtkDropDown     *polku_client_filters_get_worker_dropdown (PolkuClientFilters *self);
GtkToggleButton *polku_client_filters_get_review_toggle   (PolkuClientFilters *self);

G_END_DECLS
