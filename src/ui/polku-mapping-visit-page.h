/* polku-mapping-visit-page.h: the mapping visit: agenda, timer, notes
 *
 * Copyright 2026 The Polku authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "polku-client-view.h"
#include "polku-mapping-visit.h"

G_BEGIN_DECLS

#define POLKU_TYPE_MAPPING_VISIT_PAGE (polku_mapping_visit_page_get_type ())
G_DECLARE_FINAL_TYPE (PolkuMappingVisitPage, polku_mapping_visit_page, POLKU,
                      MAPPING_VISIT_PAGE, PolkuClientView)

GtkWidget         *polku_mapping_visit_page_new        (void);
PolkuMappingVisit *polku_mapping_visit_page_get_visit  (PolkuMappingVisitPage *self);
/* Writes what is waiting to be saved now. */
gboolean           polku_mapping_visit_page_save_now   (PolkuMappingVisitPage *self);

G_END_DECLS
