/* polku-plan-private.h: what the plan's modules share
 *
 * Copyright 2026 The Polku authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "polku-plan.h"
#include "polku-store.h"

G_BEGIN_DECLS

static inline gboolean
polku_plan_node_holds_string (JsonNode *node)
{
  return JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING;
}

/* A copy that shares nothing with @node (json_node_copy shares objects and arrays). */
JsonNode    *polku_plan_node_deep_copy  (JsonNode   *node);

/* polku_plan_store_save () at a given time (ISO 8601 UTC stamp), for demo data. */
gboolean     polku_plan_store_save_stamped (PolkuStore  *store,
                                            const char  *client_id,
                                            JsonNode    *document,
                                            gint64       base_version,
                                            const char  *origin,
                                            const char  *stamp,
                                            gint64      *out_version,
                                            GError     **error);

struct sqlite3;
gboolean     polku_plan_store_save_validated_locked (PolkuStore  *store,
                                                     struct sqlite3 *db,
                                                     const char  *client_id,
                                                     JsonNode    *document,
                                                     const char  *origin,
                                                     const char  *author,
                                                     gint64      *out_version,
                                                     GError     **error);

G_END_DECLS
