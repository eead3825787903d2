/* polku-date.c: calendar dates as the store writes them (YYYY-MM-DD)
 *
 * Copyright 2026 The Polku authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "polku-date"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "polku-continuity.h"
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
  GDate date;

  return polku_date_parse_iso (text, &date)
         && g_date_get_year (&date) >= 1900 && g_date_get_year (&date) <= 2999;
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
