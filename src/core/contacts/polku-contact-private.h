/* polku-contact-private.h: what the contact store may do to a contact
 *
 * Copyright 2026 The Polku authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "polku-contact.h"
#include "polku-record-private.h"

G_BEGIN_DECLS

static inline void
polku_contact_set_stamps (PolkuContact *self,
                          const char   *id,
                          const char   *created,
                          const char   *modified)
{
  polku_record_set_stamps (POLKU_RECORD (self), id, created, modified);
}

G_END_DECLS
