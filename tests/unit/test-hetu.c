/* test-hetu.c: identity code validation
 *
 * Copyright 2026 The Polku authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "polku-hetu.h"

typedef struct
{
  const char *hetu;
  int         error_code;  /* -1: valid */
  const char *birth_date;  /* when valid */
} Case;

static const Case cases[] = {
  /* Examples published by the Digital and Population Data Services Agency (DVV). */
  { "131052-308T", -1, "1952-10-13" },
  { "010594Y9021", -1, "1994-05-01" },
  { "020594X903P", -1, "1994-05-02" },
  { "020594X902N", -1, "1994-05-02" },
  { "030594W903B", -1, "1994-05-03" },
  { "040594V9030", -1, "1994-05-04" },
  { "040594V902Y", -1, "1994-05-04" },
  { "050594U903M", -1, "1994-05-05" },
  { "010516B903X", -1, "2016-05-01" },
  { "010516A902W", -1, "2016-05-01" },
  { "020516C903K", -1, "2016-05-02" },
  { "030516D9026", -1, "2016-05-03" },
  { "010501E9032", -1, "2001-05-01" },
  { "020502E902X", -1, "2002-05-02" },
  { "020503F9037", -1, "2003-05-02" },
  { "020504A902E", -1, "2004-05-02" },
  { "020504B904H", -1, "2004-05-02" },
  { "010190-900P", -1, "1990-01-01" },
  { "290200A900B", -1, "2000-02-29" },   /* 2000 is a leap year */
  { "010180+9004", -1, "1880-01-01" },
  /* wrong check character */
  { "131052-308S", 4, NULL },
  { "010594Y9022", 4, NULL },
  /* wrong century sign */
  { "131052G308T", 1, NULL },
  { "131052*308T", 1, NULL },
  /* impossible dates */
  { "320152-308T", 2, NULL },
  { "311152-308T", 2, NULL },
  { "290201A9002", 2, NULL },   /* 2001 is not a leap year */
  { "290200-9002", 2, NULL },   /* 1900 was not a leap year */
  { "001052-308T", 2, NULL },
  { "130052-308T", 2, NULL },
  /* individual numbers 000 and 001 are never used */
  { "131052-000V", 3, NULL },
  { "131052-001W", 3, NULL },
  /* format */
  { "", 0, NULL },
  { "131052-308", 0, NULL },
  { "131052-308TT", 0, NULL },
  { "13105X-308T", 0, NULL },
  { "131052-3O8T", 0, NULL },
  { "131052 308T", 1, NULL },
};

static void
test_table (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      GDate date;
      gboolean ok;

      g_test_message ("case %s", cases[i].hetu);
      ok = polku_hetu_validate (cases[i].hetu, &date, &error);
      if (cases[i].error_code < 0)
        {
          char buf[16];

          g_assert_no_error (error);
          g_assert_true (ok);
          g_date_strftime (buf, sizeof buf, "%Y-%m-%d", &date);
          g_assert_cmpstr (buf, ==, cases[i].birth_date);
        }
      else
        {
          g_assert_false (ok);
          g_assert_error (error, POLKU_HETU_ERROR, cases[i].error_code);
          g_assert_nonnull (error->message);
          g_assert_cmpuint (strlen (error->message), >, 20);
        }
    }
}

static void
test_normalize (void)
{
  g_autofree char *a = polku_hetu_normalize ("  131052-308t \n");

  g_assert_cmpstr (a, ==, "131052-308T");
  g_assert_true (polku_hetu_validate (a, NULL, NULL));
}

static void
test_build_roundtrip (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (7);

  for (guint i = 0; i < 2000; i++)
    {
      g_autofree char *hetu = NULL;
      GDate date;
      GDate back;
      guint individual = g_rand_int_range (rand, 2, 1000);

      g_date_clear (&date, 1);
      g_date_set_dmy (&date, 1, 1, 1850);
      g_date_add_days (&date, g_rand_int_range (rand, 0, 365 * 240));

      hetu = polku_hetu_build (&date, individual);
      g_assert_true (polku_hetu_validate (hetu, &back, NULL));
      g_assert_cmpint (g_date_compare (&date, &back), ==, 0);
      g_assert_cmpint (polku_hetu_is_temporary (hetu), ==, individual >= 900);
    }
}

static void
test_check_character (void)
{
  /* 131052308 mod 31 = 25 → 'T' */
  g_assert_cmpint (polku_hetu_check_character (13, 10, 52, 308), ==, 'T');
  g_assert_cmpint (polku_hetu_check_character (1, 1, 90, 900), ==, 'P');
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/hetu/table", test_table);
  g_test_add_func ("/hetu/normalize", test_normalize);
  g_test_add_func ("/hetu/build-roundtrip", test_build_roundtrip);
  g_test_add_func ("/hetu/check-character", test_check_character);

  return g_test_run ();
}
