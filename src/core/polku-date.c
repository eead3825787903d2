/* polku-date.c: calendar dates as the store writes them (YYYY-MM-DD)
 *
 * Copyright 2026 The Polku authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "polku-date"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "polku-date.h"

char *
polku_date_today (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  return g_date_time_format (now, "%Y-%m-%d");
}

gboolean
polku_date_is_valid (const char *text)
{
  guint year, month, day;

  if (text == NULL || strlen (text) != 10 || text[4] != '-' || text[7] != '-')
    return FALSE;
  for (guint i = 0; i < 10; i++)
    if (i != 4 && i != 7 && !g_ascii_isdigit (text[i]))
      return FALSE;
  year = g_ascii_digit_value (text[0]) * 1000 + g_ascii_digit_value (text[1]) * 100
         + g_ascii_digit_value (text[2]) * 10 + g_ascii_digit_value (text[3]);
  month = g_ascii_digit_value (text[5]) * 10 + g_ascii_digit_value (text[6]);
  day = g_ascii_digit_value (text[8]) * 10 + g_ascii_digit_value (text[9]);
  return year >= 1900 && year <= 2999 && month >= 1 && month <= 12
         && g_date_valid_dmy (day, month, year);
}

gboolean
polku_date_check (const char  *date,
                  const char  *today,
                  GQuark       domain,
                  int          code,
                  GError     **error)
{
  if (!polku_date_is_valid (date))
    {
      g_set_error (error, domain, code,
                   _("“%s” is not a date: write it as YYYY-MM-DD."), date != NULL ? date : "");
      return FALSE;
    }
  if (today != NULL && strcmp (date, today) > 0)
    {
      g_set_error (error, domain, code, _("The date %s is in the future."), date);
      return FALSE;
    }
  return TRUE;
}
