/* polku-date.h: calendar dates as the store writes them (YYYY-MM-DD)
 *
 * Copyright 2026 The Polku authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The years a date may have: a typo (2206 for 2026) is refused, not stored. */
#define POLKU_DATE_FIRST_YEAR 1900
#define POLKU_DATE_LAST_YEAR  2100

#define POLKU_DATE_ERROR (polku_date_error_quark ())

typedef enum
{
  POLKU_DATE_ERROR_INVALID,
} PolkuDateError;

GQuark    polku_date_error_quark (void);

/* Strict YYYY-MM-DD (any year from 1) as a GDate; FALSE for anything else. */
gboolean  polku_date_parse_iso  (const char  *text,
                                 GDate       *out_date);
/* Now as a row stamp: ISO 8601 in UTC with milliseconds, e.g. 2026-11-22T08:01:02.345Z. */
char     *polku_date_now_stamp  (void);
/* Today's date in local time, YYYY-MM-DD. */
char     *polku_date_today      (void);
/* The local time zone (transfer full): read again when TZ changes and at least once a
 * minute, so a changed system zone is seen; otherwise kept (thread-safe). Use it, or
 * polku_date_now_local (), instead of g_date_time_new_now_local () where it is called often:
 * GLib 2.74 reads /etc/localtime at each call. */
GTimeZone *polku_date_ref_local_zone (void);
/* Now in the local time zone (polku_date_ref_local_zone ()). */
GDateTime *polku_date_now_local  (void);
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

/* A date as a user types it: d.m.yyyy (5.3.2027 or 05.03.2027) or YYYY-MM-DD (2027-03-05,
 * so pasted ISO dates work), spaces around it ignored; a real day in the years 1900–2999.
 * Two-digit years are refused (their century would be a guess). Sets @out_iso to the date as
 * YYYY-MM-DD; otherwise sets @error (POLKU_DATE_ERROR_INVALID, a message naming d.m.yyyy)
 * and leaves @out_iso alone. */
gboolean  polku_date_parse_user  (const char  *text,
                                  char       **out_iso,
                                  GError     **error);
/* A stored YYYY-MM-DD date as the user reads and types it: "5.3.2027". Anything else comes
 * back unchanged ("" for NULL). */
char     *polku_date_format_user (const char  *iso);

G_END_DECLS
