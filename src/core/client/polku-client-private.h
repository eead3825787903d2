/* polku-client-private.h: what the store may do to a client
 *
 * Copyright 2026 The Polku authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "polku-client.h"

G_BEGIN_DECLS

void polku_client_set_stamps (PolkuClient *self,
                              const char  *id,
                              const char  *created,
                              const char  *modified);

G_END_DECLS
