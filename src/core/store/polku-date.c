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

G_DEFINE_QUARK (polku-date-error-quark, polku_date_error)

/* The local time zone. g_time_zone_new_local () of GLib 2.74 reads /etc/localtime again (a
 * readlink and a stat) on every call when TZ is not set, and today's date is asked for at
 * every change the store writes. The zone is kept here and read again once it is older than
 * LOCAL_ZONE_SECONDS, so a zone the system changes is seen within that time; a changed TZ
 * is seen at once. */
#define LOCAL_ZONE_SECONDS 60

static GMutex local_zone_lock;
static GTimeZone *local_zone;
static char *local_zone_tz;    /* TZ when it was read (NULL: not set) */
static gint64 local_zone_read; /* g_get_monotonic_time () when it was read */

GTimeZone *
polku_date_ref_local_zone (void)
{
  const char *tz = g_getenv ("TZ");
  gint64 now = g_get_monotonic_time ();
  GTimeZone *zone;

  g_mutex_lock (&local_zone_lock);
  if (local_zone == NULL || g_strcmp0 (tz, local_zone_tz) != 0
      || now - local_zone_read >= LOCAL_ZONE_SECONDS * G_USEC_PER_SEC)
    {
      g_clear_pointer (&local_zone, g_time_zone_unref);
      g_free (local_zone_tz);
      local_zone = g_time_zone_new_local ();
      local_zone_tz = g_strdup (tz);
      local_zone_read = now;
    }
  zone = g_time_zone_ref (local_zone);
  g_mutex_unlock (&local_zone_lock);
  return zone;
}

GDateTime *
polku_date_now_local (void)
{
  g_autoptr(GTimeZone) zone = polku_date_ref_local_zone ();

  return g_date_time_new_now (zone);
}

char *
polku_date_today (void)
{
  g_autoptr(GDateTime) now = polku_date_now_local ();
  int year, month, day;

  g_date_time_get_ymd (now, &year, &month, &day);
  return g_strdup_printf ("%04d-%02d-%02d", year, month, day);
}

gboolean
polku_date_is_valid (const char *text)
{
  GDate date;

  return polku_date_parse_iso (text, &date)
         && g_date_get_year (&date) >= POLKU_DATE_FIRST_YEAR
         && g_date_get_year (&date) <= POLKU_DATE_LAST_YEAR;
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
  if (read_user_date (stripped, &day, &month, &year)
      && (year < POLKU_DATE_FIRST_YEAR || year > POLKU_DATE_LAST_YEAR))
    {
      g_set_error (error, POLKU_DATE_ERROR, POLKU_DATE_ERROR_INVALID,
                   _("“%s” is outside the years Polku accepts (%d–%d): check the year and write "
                     "the date as d.m.yyyy."),
                   stripped, POLKU_DATE_FIRST_YEAR, POLKU_DATE_LAST_YEAR);
      return FALSE;
    }
  if (!read_user_date (stripped, &day, &month, &year)
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

gboolean
polku_date_parse_iso (const char *text,
                      GDate      *out_date)
{
  guint64 year, month, day;
  char part[5];

  g_return_val_if_fail (out_date != NULL, FALSE);

  if (text == NULL || strlen (text) != 10 || text[4] != '-' || text[7] != '-')
    return FALSE;
  for (guint i = 0; i < 10; i++)
    if (i != 4 && i != 7 && !g_ascii_isdigit (text[i]))
      return FALSE;

  memcpy (part, text, 4);
  part[4] = '\0';
  year = g_ascii_strtoull (part, NULL, 10);
  memcpy (part, text + 5, 2);
  part[2] = '\0';
  month = g_ascii_strtoull (part, NULL, 10);
  memcpy (part, text + 8, 2);
  day = g_ascii_strtoull (part, NULL, 10);

  if (year < 1 || !g_date_valid_dmy (day, month, year))
    return FALSE;
  g_date_clear (out_date, 1);
  g_date_set_dmy (out_date, day, month, year);
  return TRUE;
}

char *
polku_date_now_stamp (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  int year, month, day;

  /* The fields, not g_date_time_format (): a stamp is made for every row written. */
  g_date_time_get_ymd (now, &year, &month, &day);
  return g_strdup_printf ("%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", year, month, day,
                          g_date_time_get_hour (now), g_date_time_get_minute (now),
                          g_date_time_get_second (now), g_date_time_get_microsecond (now) / 1000);
}
