/* polku-conflict-label.h: what a sync conflict is about, in the words of the plan view
 *
 * Copyright 2026 The Polku authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

#include "polku-sync-store.h"

G_BEGIN_DECLS

char *polku_conflict_label (PolkuSyncConflict *conflict,
                            JsonNode          *plan);

G_END_DECLS
