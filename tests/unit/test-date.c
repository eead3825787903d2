/* test-date.c: dates as users type and read them
 *
 * Copyright 2026 The Polku authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "polku-date.h"

typedef struct
{
  const char *text;
  const char *iso;  /* NULL: refused */
} Case;

static const Case cases[] = {
  /* d.m.yyyy, with or without leading zeros */
  { "5.3.2027", "2027-03-05" },
  { "05.03.2027", "2027-03-05" },
  { "31.12.1999", "1999-12-31" },
  { "1.1.1900", "1900-01-01" },
  { "31.12.2100", "2100-12-31" },
  /* a typo in the year is not a date Polku stores */
  { "1.1.2101", NULL },
  { "31.12.2999", NULL },
  { "2206-01-01", NULL },
  { "31.12.1899", NULL },
  /* pasted ISO dates */
  { "2027-03-05", "2027-03-05" },
  { "2024-02-29", "2024-02-29" },
  /* spaces around are ignored */
  { "  5.3.2027 ", "2027-03-05" },
  { "\t2027-03-05\n", "2027-03-05" },
  /* leap years: divisible by 4, not by 100 unless by 400 */
  { "29.2.2024", "2024-02-29" },
  { "29.2.2000", "2000-02-29" },
  { "29.2.2027", NULL },
  { "29.2.1900", NULL },
  { "2100-02-29", NULL },
  /* days that do not exist */
  { "31.4.2027", NULL },
  { "2027-04-31", NULL },
  { "0.3.2027", NULL },
  { "32.1.2027", NULL },
  { "1.13.2027", NULL },
  { "1.0.2027", NULL },
  { "2027-13-01", NULL },
  { "2027-00-10", NULL },
  /* two-digit years are refused: their century would be a guess */
  { "5.3.27", NULL },
  { "5.3.027", NULL },
  /* out of range years */
  { "31.12.1899", NULL },
  { "1.1.3000", NULL },
  /* other forms */
  { "", NULL },
  { "   ", NULL },
  { "5.3.", NULL },
  { "5.3", NULL },
  { "5.3.2027.", NULL },
  { "5. 3. 2027", NULL },
  { "5/3/2027", NULL },
  { "03/05/2027", NULL },
  { "2027-3-5", NULL },
  { "27-03-05", NULL },
  { "2027-03-05T10:00", NULL },
  { "+5.3.2027", NULL },
  { "-5.3.2027", NULL },
  { "5.3.2027 10:00", NULL },
  { "huomenna", NULL },
  { "005.3.2027", NULL },
  { "1.1.12027", NULL },
};

static void
test_parse (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *iso = NULL;
      gboolean ok;

      g_test_message ("“%s”", cases[i].text);
      ok = polku_date_parse_user (cases[i].text, &iso, &error);
      if (cases[i].iso != NULL)
        {
          g_assert_no_error (error);
          g_assert_true (ok);
          g_assert_cmpstr (iso, ==, cases[i].iso);
        }
      else
        {
          g_assert_error (error, POLKU_DATE_ERROR, POLKU_DATE_ERROR_INVALID);
          g_assert_false (ok);
          g_assert_null (iso);
          /* The message tells how to write a date. */
          g_assert_nonnull (strstr (error->message, "d.m.yyyy"));
        }
    }
}

static void
test_message (void)
{
  g_autoptr(GError) error = NULL;
  char *iso = (char *) "untouched";

  /* The message names what was typed (without the spaces around it). */
  g_assert_false (polku_date_parse_user (" 31.4.2027 ", &iso, &error));
  g_assert_cmpstr (iso, ==, "untouched");
  g_assert_cmpstr (error->message, ==,
                   "“31.4.2027” is not a date: write it as d.m.yyyy, for example 4.3.2026.");
  g_clear_error (&error);

  g_assert_false (polku_date_parse_user (NULL, &iso, &error));
  g_assert_cmpstr (error->message, ==, "Write the date as d.m.yyyy, for example 4.3.2026.");
}

static void
test_format (void)
{
  const struct
  {
    const char *iso;
    const char *shown;
  } formats[] = {
    { "2027-03-05", "5.3.2027" },
    { "2026-12-31", "31.12.2026" },
    { "2024-02-29", "29.2.2024" },
    { "1900-01-01", "1.1.1900" },
    /* not a date: left as it is */
    { "2027-02-29", "2027-02-29" },
    { "5.3.2027", "5.3.2027" },
    { "", "" },
    { NULL, "" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (formats); i++)
    {
      g_autofree char *shown = polku_date_format_user (formats[i].iso);

      g_assert_cmpstr (shown, ==, formats[i].shown);
    }
}

static void
test_round_trip (void)
{
  GDate date;

  /* Every day of a leap year and of a common year reads back as itself. */
  g_date_clear (&date, 1);
  g_date_set_dmy (&date, 1, G_DATE_JANUARY, 2027);
  for (guint i = 0; i < 365 + 366; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *stored = NULL;
      g_autofree char *shown = NULL;
      g_autofree char *back = NULL;
      char buf[16];

      g_date_strftime (buf, sizeof buf, "%Y-%m-%d", &date);
      stored = g_strdup (buf);
      shown = polku_date_format_user (stored);
      g_assert_true (polku_date_parse_user (shown, &back, &error));
      g_assert_no_error (error);
      g_assert_cmpstr (back, ==, stored);
      g_date_add_days (&date, 1);
    }
}

/* The date in @zone now, YYYY-MM-DD. */
static char *
today_in (GTimeZone *zone)
{
  g_autoptr(GDateTime) now = g_date_time_new_now (zone);

  return g_date_time_format (now, "%Y-%m-%d");
}

/* polku_date_today () is the local day, and follows a changed TZ at once although the zone
 * is kept: UTC-12 and UTC+14 are 26 hours apart, so their days always differ. */
static void
test_today_follows_tz (void)
{
  g_autofree char *saved = g_strdup (g_getenv ("TZ"));
  const char * const zones[] = { "UTC+12", "UTC-14", "UTC+12" };
  g_autofree char *previous = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (zones); i++)
    {
      g_autoptr(GTimeZone) zone = g_time_zone_new_identifier (zones[i]);
      g_autoptr(GTimeZone) local = NULL;
      g_autofree char *before = NULL;
      g_autofree char *today = NULL;
      g_autofree char *after = NULL;

      g_assert_nonnull (zone);
      g_setenv ("TZ", zones[i], TRUE);
      before = today_in (zone);
      today = polku_date_today ();
      after = today_in (zone);
      /* (midnight may pass between the calls) */
      g_assert_true (g_str_equal (today, before) || g_str_equal (today, after));
      local = polku_date_ref_local_zone ();
      g_assert_cmpstr (g_time_zone_get_identifier (local), ==, zones[i]);
      if (previous != NULL)
        g_assert_cmpstr (today, !=, previous);
      g_free (previous);
      previous = g_steal_pointer (&today);
    }

  if (saved != NULL)
    g_setenv ("TZ", saved, TRUE);
  else
    g_unsetenv ("TZ");
}

/* The zone is read once and shared, not read again at each call. */
static void
test_local_zone_kept (void)
{
  g_autoptr(GTimeZone) first = polku_date_ref_local_zone ();
  g_autoptr(GTimeZone) second = polku_date_ref_local_zone ();
  g_autoptr(GTimeZone) system = g_time_zone_new_local ();
  g_autoptr(GDateTime) now = polku_date_now_local ();

  g_assert_true (first == second);
  g_assert_cmpstr (g_time_zone_get_identifier (first), ==,
                   g_time_zone_get_identifier (system));
  g_assert_true (g_date_time_get_timezone (now) == first);
}

static gpointer
today_thread (gpointer data)
{
  const char *expected = data;
  guint differing = 0;

  for (guint i = 0; i < 2000; i++)
    {
      g_autofree char *today = polku_date_today ();
      g_autoptr(GTimeZone) zone = polku_date_ref_local_zone ();

      if (zone == NULL || !g_str_equal (today, expected))
        differing++;
    }
  return GUINT_TO_POINTER (differing);
}

/* Threads share the kept zone (a write's thread and the window's both ask for today). */
static void
test_today_threads (void)
{
  g_autofree char *expected = polku_date_today ();
  GThread *threads[4];
  guint differing = 0;

  for (guint i = 0; i < G_N_ELEMENTS (threads); i++)
    threads[i] = g_thread_new ("today", today_thread, expected);
  for (guint i = 0; i < G_N_ELEMENTS (threads); i++)
    differing += GPOINTER_TO_UINT (g_thread_join (threads[i]));
  /* only when midnight passes during the test */
  if (differing > 0)
    {
      g_autofree char *now = polku_date_today ();

      g_assert_cmpstr (now, !=, expected);
    }
}

/* A row stamp: ISO 8601 in UTC with milliseconds, the moment it was made. */
static void
test_now_stamp (void)
{
  gint64 before = g_get_real_time () / 1000;
  g_autofree char *stamp = polku_date_now_stamp ();
  gint64 after = g_get_real_time () / 1000;
  g_autoptr(GDateTime) parsed = NULL;
  gint64 millis;

  g_assert_true (g_regex_match_simple ("^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}"
                                       "\\.[0-9]{3}Z$", stamp, 0, 0));
  parsed = g_date_time_new_from_iso8601 (stamp, NULL);
  g_assert_nonnull (parsed);
  millis = g_date_time_to_unix (parsed) * 1000 + g_date_time_get_microsecond (parsed) / 1000;
  g_assert_cmpint (millis, >=, before);
  g_assert_cmpint (millis, <=, after);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/date/parse", test_parse);
  g_test_add_func ("/date/message", test_message);
  g_test_add_func ("/date/format", test_format);
  g_test_add_func ("/date/round-trip", test_round_trip);
  g_test_add_func ("/date/today-follows-tz", test_today_follows_tz);
  g_test_add_func ("/date/local-zone-kept", test_local_zone_kept);
  g_test_add_func ("/date/today-threads", test_today_threads);
  g_test_add_func ("/date/now-stamp", test_now_stamp);

  return g_test_run ();
}
