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
/* Raised whenever the same seed starts giving other data: benchmarks cache generated profiles
 * by this version and the seed (tests/bench/bench-county.py). */
#define POLKU_DEMO_VERSION 2

/* Called after each batch of clients is committed. */
typedef void (*PolkuDemoProgressFunc) (guint    n_done,
                                       guint    n_total,
                                       gpointer user_data);

PolkuClient *polku_demo_make_client (GRand       *rand);
gboolean     polku_demo_populate    (PolkuStore  *store,
                                     guint        n_clients,
                                     guint32      seed,
                                     GError     **error);
gboolean     polku_demo_populate_with_progress (PolkuStore            *store,
                                                guint                  n_clients,
                                                guint32                seed,
                                                PolkuDemoProgressFunc  progress,
                                                gpointer               user_data,
                                                GError               **error);

G_END_DECLS
