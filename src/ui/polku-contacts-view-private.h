/* polku-contacts-view-private.h: what the UI tests reach into
 *
 * Copyright 2026 The Polku authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "polku-contacts-view.h"

G_BEGIN_DECLS

GListModel *polku_contacts_view_get_contacts (PolkuContactsView *self);

G_END_DECLS
