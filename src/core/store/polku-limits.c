/* polku-limits.c: how long text may be (polku-limits.h)
 *
 * Copyright 2026 The Polku authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "polku-limits"

#include "config.h"

#include <glib/gi18n.h>

#include "polku-limits.h"

gboolean
polku_check_length (const char  *text,
                    glong        max,
                    const char  *label,
                    GQuark       domain,
                    int          code,
                    GError     **error)
{
  if (text == NULL || g_utf8_strlen (text, -1) <= max)
    return TRUE;
  /* The same words as the client's limits (polku-client.c). */
  g_set_error (error, domain, code,
               _("%s is longer than %ld characters: shorten it. Nothing was saved."),
               label, max);
  return FALSE;
}
