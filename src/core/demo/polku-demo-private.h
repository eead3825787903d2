/* polku-demo-private.h: each domain's step of the synthetic demo data
 *
 * Copyright 2026 The Polku authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * polku_demo_populate () (polku-demo.c) makes each client and then runs these steps for it,
 * in order (demo_steps[]). A step reads what the earlier ones wrote (the case, the plan) and
 * writes through the domain's public store API, so demo data passes every rule and lands in
 * the audit log like a coordinator's work. A new domain adds its step here and in demo_steps[].
 */
#pragma once

#include "polku-client.h"
#include "polku-store.h"

G_BEGIN_DECLS

gboolean polku_case_demo_for_client       (PolkuStore   *store,
                                           PolkuClient  *client,
                                           GRand        *rand,
                                           GError      **error);
gboolean polku_plan_demo_for_client       (PolkuStore   *store,
                                           PolkuClient  *client,
                                           GRand        *rand,
                                           GError      **error);
gboolean polku_contact_demo_for_client    (PolkuStore   *store,
                                           PolkuClient  *client,
                                           GRand        *rand,
                                           GError      **error);
gboolean polku_assessment_demo_for_client (PolkuStore   *store,
                                           PolkuClient  *client,
                                           GRand        *rand,
                                           GError      **error);

G_END_DECLS
