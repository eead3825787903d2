/* polku-demo.h: realistic synthetic clients for demos, tests and benchmarks
 *
 * Copyright 2026 The Polku authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "polku-client.h"
#include "polku-store.h"

G_BEGIN_DECLS

#define POLKU_DEMO_MAX_CLIENTS 100000

PolkuClient *polku_demo_make_client (GRand       *rand);
gboolean     polku_demo_populate    (PolkuStore  *store,
                                     guint        n_clients,
                                     guint32      seed,
                                     GError     **error);

G_END_DECLS
