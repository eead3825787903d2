/* polku-id.h: the ids of new rows, time-ordered (RFC 9562 UUID version 7)
 *
 * Copyright 2026 The Polku authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A version 7 UUID begins with the Unix time in milliseconds, so ids made one after another
 * sort in the order they were made and a new row's key lands at the end of its index
 * instead of on a random page of it (random version 4 keys made every batch of demo data
 * rewrite index pages all over the file). It is still a UUID in the usual text form
 * (g_uuid_string_is_valid () takes it), with 74 bits that are not the time: a 12-bit
 * sequence within the millisecond and 62 random bits.
 *
 * The id says when it was made, to the millisecond, to whoever sees it: use it where that
 * moment is no news to them (the row's `created` says it; a shared record's own date says
 * the day), not for the client's own id (HACKING, "Everything else": what an id says).
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

char *polku_id_new    (void);
char *polku_id_new_at (gint64 unix_ms);

G_END_DECLS
