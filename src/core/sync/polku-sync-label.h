/* polku-sync-label.h: what a sync conflict is about, in the words of the client's plan
 *
 * Copyright 2026 The Polku authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The one wording of a conflict's title: the conflicts window (its cards, history rows and
 * the Edit… dialog) and `polku-cli conflicts list` (its WHAT column and the JSON's "title")
 * both say it. The UI language (gettext).
 */
#pragma once

#include <json-glib/json-glib.h>

#include "polku-store.h"
#include "polku-sync-store.h"

G_BEGIN_DECLS

char       *polku_sync_conflict_dup_title     (PolkuSyncConflict  *conflict,
                                               JsonNode           *plan);
gboolean    polku_sync_conflict_name_all      (PolkuStore         *store,
                                               GPtrArray          *conflicts,
                                               GError            **error);

G_END_DECLS
