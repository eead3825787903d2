/* polku-contact-private.h: what the contact store may do to a contact
 *
 * Copyright 2026 The Polku authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "polku-contact.h"

G_BEGIN_DECLS

void polku_contact_set_stamps (PolkuContact *self,
                               const char   *id,
                               const char   *created,
                               const char   *modified);

G_END_DECLS
