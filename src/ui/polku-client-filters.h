/* polku-client-filters.h: the case filters of the client list
 *
 * Copyright 2026 The Polku authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "polku-store.h"

G_BEGIN_DECLS

#define POLKU_TYPE_CLIENT_FILTERS (polku_client_filters_get_type ())
G_DECLARE_FINAL_TYPE (PolkuClientFilters, polku_client_filters, POLKU, CLIENT_FILTERS, AdwBin)

GtkWidget  *polku_client_filters_new       (void);
PolkuStore *polku_client_filters_get_store (PolkuClientFilters *self);
void        polku_client_filters_set_store (PolkuClientFilters *self,
                                            PolkuStore         *store);
GtkFilter  *polku_client_filters_get_filter (PolkuClientFilters *self);
gboolean    polku_client_filters_get_busy  (PolkuClientFilters *self);
void        polku_client_filters_reset     (PolkuClientFilters *self);
void        polku_client_filters_reload    (PolkuClientFilters *self);

G_END_DECLS
