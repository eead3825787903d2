/* polku-record-private.h: what the stores and the record classes may do to a record
 *
 * Copyright 2026 The Polku authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "polku-record.h"

G_BEGIN_DECLS

/* Sets the id and the stamps as the store wrote them, notifying those that change. The
 * arguments may be @self's own strings. */
void polku_record_set_stamps    (PolkuRecord *self,
                                 const char  *id,
                                 const char  *created,
                                 const char  *modified);
/* For the classes whose client can change (a contact's, an assessment's). */
void polku_record_set_client_id (PolkuRecord *self,
                                 const char  *client_id);
/* Gives @self the id, stamps and client of @other (for the classes' copy functions). */
void polku_record_set_from      (PolkuRecord *self,
                                 PolkuRecord *other);

G_END_DECLS
