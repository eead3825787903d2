/* polku-limits.h: how long text may be: limits no person reaches, so that a pasted file or a
 * runaway script does not become a name, a note or a plan (issue 10, item 10)
 *
 * Copyright 2026 The Polku authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Lengths are in characters (g_utf8_strlen ()), the plan document's in bytes of its JSON.
 * Every validator of free text uses these (clients keep their own table in polku-client.c,
 * contacts theirs in polku-contact.h); polku_check_length () gives the one wording.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* One-line names: a person, a role, an organisation, a service point. */
#define POLKU_LIMIT_NAME 200
/* Free text: a note, a reason, one field of the plan. */
#define POLKU_LIMIT_TEXT 20000
/* A whole plan document (one version), as JSON. */
#define POLKU_LIMIT_PLAN_BYTES (1024 * 1024)

/* FALSE with @domain/@code when @text (nullable) is longer than @max characters; @label is
 * translated, e.g. _("The note"). */
gboolean polku_check_length (const char  *text,
                             glong        max,
                             const char  *label,
                             GQuark       domain,
                             int          code,
                             GError     **error);

G_END_DECLS
