/* polku-date.h: calendar dates as the store writes them (YYYY-MM-DD)
 *
 * Copyright 2026 The Polku authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Today's date in local time, YYYY-MM-DD. */
char     *polku_date_today      (void);
/* A real calendar date (years 1900–2999) written YYYY-MM-DD. */
gboolean  polku_date_is_valid   (const char  *text);
/* Sets @error (@domain, @code) and returns FALSE unless @date is a valid date that is not
 * after @today (any day when @today is NULL): "“…” is not a date: write it as YYYY-MM-DD." or
 * "The date … is in the future." */
gboolean  polku_date_check      (const char  *date,
                                 const char  *today,
                                 GQuark       domain,
                                 int          code,
                                 GError     **error);

G_END_DECLS
