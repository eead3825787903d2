/* polku-demo-private.h: each domain's step of the synthetic demo data
 *
 * Copyright 2026 The Polku authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * polku_demo_populate () (polku-demo.c) makes each client and then runs these steps for it,
 * in order (demo_steps[]), with what they share over the run (PolkuDemoShared). A step
 * reads what the earlier ones wrote (the case, the plan) and writes through the domain's
 * public store API, so demo data passes every rule and lands in the audit log like a
 * coordinator's work. A new domain adds its step here and in demo_steps[].
 */
#pragma once

#include <gio/gio.h>

#include "polku-client.h"
#include "polku-store.h"

G_BEGIN_DECLS

/* What every client's steps use alike, read once for a whole run instead of once for each
 * client (the bundled agenda alone was 3 % of a 10,000-client run when read per visit). */
typedef struct
{
  GListModel *agenda;           /* the bundled mapping-visit agenda */
  guint       planned_minutes;  /* and its planned length */
} PolkuDemoShared;

gboolean polku_case_demo_for_client       (PolkuStore             *store,
                                           PolkuClient            *client,
                                           GRand                  *rand,
                                           const PolkuDemoShared  *shared,
                                           GError                **error);
gboolean polku_plan_demo_for_client       (PolkuStore             *store,
                                           PolkuClient            *client,
                                           GRand                  *rand,
                                           const PolkuDemoShared  *shared,
                                           GError                **error);
gboolean polku_contact_demo_for_client    (PolkuStore             *store,
                                           PolkuClient            *client,
                                           GRand                  *rand,
                                           const PolkuDemoShared  *shared,
                                           GError                **error);
gboolean polku_assessment_demo_for_client (PolkuStore             *store,
                                           PolkuClient            *client,
                                           GRand                  *rand,
                                           const PolkuDemoShared  *shared,
                                           GError                **error);

G_END_DECLS
