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

G_DEFINE_QUARK (polku-date-error-quark, polku_date_error)

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

/* The digits of @text from @start to @end (exclusive) as a number, when there are between
 * @min and @max of them and nothing else. */
static gboolean
read_number (const char *start,
             const char *end,
             gsize       min,
             gsize       max,
             guint      *out_value)
{
  gsize length = (gsize) (end - start);
  guint value = 0;

  if (length < min || length > max)
    return FALSE;
  for (const char *c = start; c < end; c++)
    {
      if (!g_ascii_isdigit (*c))
        return FALSE;
      value = value * 10 + (guint) g_ascii_digit_value (*c);
    }
  *out_value = value;
  return TRUE;
}

/* d.m.yyyy (day and month with one or two digits) or yyyy-mm-dd, nothing around it. */
static gboolean
read_user_date (const char *text,
                guint      *out_day,
                guint      *out_month,
                guint      *out_year)
{
  const char *first;
  const char *second;

  first = strchr (text, '.');
  if (first != NULL)
    {
      second = strchr (first + 1, '.');
      return second != NULL
             && read_number (text, first, 1, 2, out_day)
             && read_number (first + 1, second, 1, 2, out_month)
             && read_number (second + 1, text + strlen (text), 4, 4, out_year);
    }
  first = strchr (text, '-');
  if (first == NULL)
    return FALSE;
  second = strchr (first + 1, '-');
  return second != NULL
         && read_number (text, first, 4, 4, out_year)
         && read_number (first + 1, second, 2, 2, out_month)
         && read_number (second + 1, text + strlen (text), 2, 2, out_day);
}

gboolean
polku_date_parse_user (const char  *text,
                       char       **out_iso,
                       GError     **error)
{
  g_autofree char *stripped = NULL;
  guint day, month, year;

  g_return_val_if_fail (out_iso != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  stripped = g_strstrip (g_strdup (text != NULL ? text : ""));
  if (stripped[0] == '\0')
    {
      g_set_error_literal (error, POLKU_DATE_ERROR, POLKU_DATE_ERROR_INVALID,
                           _("Write the date as d.m.yyyy, for example 4.3.2026."));
      return FALSE;
    }
  if (!read_user_date (stripped, &day, &month, &year) || year < 1900 || year > 2999
      || month < 1 || month > 12 || !g_date_valid_dmy (day, month, year))
    {
      g_set_error (error, POLKU_DATE_ERROR, POLKU_DATE_ERROR_INVALID,
                   _("“%s” is not a date: write it as d.m.yyyy, for example 4.3.2026."),
                   stripped);
      return FALSE;
    }
  *out_iso = g_strdup_printf ("%04u-%02u-%02u", year, month, day);
  return TRUE;
}

char *
polku_date_format_user (const char *iso)
{
  GDate date;

  if (iso == NULL)
    return g_strdup ("");
  if (!polku_date_parse_iso (iso, &date))
    return g_strdup (iso);
  return g_strdup_printf ("%u.%u.%u", (guint) g_date_get_day (&date),
                          (guint) g_date_get_month (&date), (guint) g_date_get_year (&date));
}
