/* polku-coordinator-store.h: the coordinator of a client's case, in the store
 *
 * Copyright 2026 The Polku authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The coordinator (asiakasvastaava, omahoitaja) owns the case and holds the caseload; it is
 * a different role from the plan's responsible workers (vastuutyöntekijät, in the team
 * store), though one person may be both. A case has at most one coordinator at a time:
 * naming another ends the current period on the same day in the same transaction, the
 * schema allows one open period per client (coordinator_period_one_current), and the
 * history is kept. A coordinator is named by the name the store records as its actor
 * (polku_store_dup_actor ()), so a worker's caseload is the open periods under their name.
 *
 * Errors are in POLKU_CASE_ERROR: INVALID for wrong input (nothing was changed),
 * NOT_FOUND when the client has no case yet.
 */
#pragma once

#include <glib-object.h>

#include "polku-coordinator-period.h"
#include "polku-coordinator-waiting.h"
#include "polku-store.h"

G_BEGIN_DECLS

PolkuCoordinatorPeriod *polku_coordinator_store_set          (PolkuStore   *store,
                                                              const char   *client_id,
                                                              const char   *person,
                                                              const char   *date,
                                                              GError      **error);
PolkuCoordinatorPeriod *polku_coordinator_store_end          (PolkuStore   *store,
                                                              const char   *client_id,
                                                              const char   *date,
                                                              GError      **error);
PolkuCoordinatorPeriod *polku_coordinator_store_get_current  (PolkuStore   *store,
                                                              const char   *client_id,
                                                              GError      **error);
GPtrArray              *polku_coordinator_store_list_history (PolkuStore   *store,
                                                              const char   *client_id,
                                                              GError      **error);
gint64                  polku_coordinator_store_count_caseload (PolkuStore *store,
                                                              const char   *person,
                                                              GError      **error);
GStrv                   polku_coordinator_store_list_coordinators (PolkuStore *store,
                                                              GError      **error);
GPtrArray              *polku_coordinator_store_list_queue   (PolkuStore   *store,
                                                              GError      **error);

G_END_DECLS
