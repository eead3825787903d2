/* polku-hetu.c: Finnish personal identity codes (henkilötunnus)
 *
 * Format DDMMYYCZZZQ: birth date, century sign, individual number, check character.
 * Century signs: + 1800s; - Y X W V U 1900s; A B C D E F 2000s (the extra signs are in
 * use since 2023). The check character is DDMMYYZZZ (as a 9-digit number) modulo 31,
 * looked up in "0123456789ABCDEFHJKLMNPRSTUVWXY". Individual numbers 002–899 are given
 * to people; 900–999 are temporary codes, also used for testing.
 *
 * Copyright 2026 The Polku authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "polku-hetu"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "polku-hetu.h"

static const char check_characters[] = "0123456789ABCDEFHJKLMNPRSTUVWXY";

G_DEFINE_QUARK (polku-hetu-error-quark, polku_hetu_error)

static int
century_for_sign (char sign)
{
  switch (sign)
    {
    case '+':
      return 1800;
    case '-': case 'Y': case 'X': case 'W': case 'V': case 'U':
      return 1900;
    case 'A': case 'B': case 'C': case 'D': case 'E': case 'F':
      return 2000;
    default:
      return -1;
    }
}

char
polku_hetu_check_character (guint day,
                            guint month,
                            guint year_in_century,
                            guint individual)
{
  guint64 number;

  g_return_val_if_fail (day <= 31 && month <= 12 && year_in_century <= 99, '\0');
  g_return_val_if_fail (individual <= 999, '\0');

  number = ((guint64) day * 10000000) + ((guint64) month * 100000)
           + ((guint64) year_in_century * 1000) + individual;
  return check_characters[number % 31];
}

/**
 * polku_hetu_normalize:
 * @input: what the user typed
 *
 * Returns: (transfer full): @input without surrounding whitespace, in upper case.
 */
char *
polku_hetu_normalize (const char *input)
{
  g_autofree char *stripped = NULL;

  g_return_val_if_fail (input != NULL, NULL);

  stripped = g_strstrip (g_strdup (input));
  return g_ascii_strup (stripped, -1);
}

static gboolean
all_digits (const char *s,
            gsize       n)
{
  for (gsize i = 0; i < n; i++)
    if (!g_ascii_isdigit (s[i]))
      return FALSE;
  return TRUE;
}

/**
 * polku_hetu_validate:
 * @hetu: an identity code, already normalized
 * @out_birth_date: (out) (optional): the birth date the code encodes
 * @error: a #POLKU_HETU_ERROR with a message the user can act on
 *
 * Returns: %TRUE if @hetu is a well-formed identity code with a correct check character.
 */
gboolean
polku_hetu_validate (const char  *hetu,
                     GDate       *out_birth_date,
                     GError     **error)
{
  guint day, month, yy, individual;
  int century;
  char expected;

  g_return_val_if_fail (hetu != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (strlen (hetu) != 11 || !all_digits (hetu, 6) || !all_digits (hetu + 7, 3))
    {
      g_set_error (error, POLKU_HETU_ERROR, POLKU_HETU_ERROR_FORMAT,
                   _("An identity code has 11 characters: date of birth as DDMMYY, "
                     "a century sign, three digits and a check character, "
                     "for example 010190-900P."));
      return FALSE;
    }

  century = century_for_sign (hetu[6]);
  if (century < 0)
    {
      g_set_error (error, POLKU_HETU_ERROR, POLKU_HETU_ERROR_CENTURY,
                   _("The seventh character of an identity code must be a century sign: "
                     "+ (1800s), - or Y X W V U (1900s), or A B C D E F (2000s)."));
      return FALSE;
    }

  day = (hetu[0] - '0') * 10 + (hetu[1] - '0');
  month = (hetu[2] - '0') * 10 + (hetu[3] - '0');
  yy = (hetu[4] - '0') * 10 + (hetu[5] - '0');
  if (month < 1 || month > 12 || day < 1
      || day > g_date_get_days_in_month (month, century + yy))
    {
      g_set_error (error, POLKU_HETU_ERROR, POLKU_HETU_ERROR_DATE,
                   _("The first six digits of the identity code are not a real date "
                     "of birth (DDMMYY)."));
      return FALSE;
    }

  individual = (hetu[7] - '0') * 100 + (hetu[8] - '0') * 10 + (hetu[9] - '0');
  if (individual < 2)
    {
      g_set_error (error, POLKU_HETU_ERROR, POLKU_HETU_ERROR_INDIVIDUAL,
                   _("The individual number of an identity code (digits 8 to 10) "
                     "is never 000 or 001."));
      return FALSE;
    }

  expected = polku_hetu_check_character (day, month, yy, individual);
  if (hetu[10] != expected)
    {
      g_set_error (error, POLKU_HETU_ERROR, POLKU_HETU_ERROR_CHECKSUM,
                   _("The check character of the identity code does not match: "
                     "a digit or the last character is probably mistyped."));
      return FALSE;
    }

  if (out_birth_date != NULL)
    {
      g_date_clear (out_birth_date, 1);
      g_date_set_dmy (out_birth_date, day, month, century + yy);
    }

  return TRUE;
}

/**
 * polku_hetu_is_temporary:
 * @hetu: a valid identity code
 *
 * Returns: %TRUE for the individual numbers 900–999 (temporary and test codes).
 */
gboolean
polku_hetu_is_temporary (const char *hetu)
{
  g_return_val_if_fail (hetu != NULL, FALSE);

  return strlen (hetu) == 11 && hetu[7] == '9';
}

/**
 * polku_hetu_build:
 * @birth_date: a valid date between 1800 and 2099
 * @individual: 2–999
 *
 * Returns: (transfer full): the identity code, with '-' or 'A' (or '+') as century sign.
 */
char *
polku_hetu_build (const GDate *birth_date,
                  guint        individual)
{
  guint day, month, year;
  char sign;

  g_return_val_if_fail (birth_date != NULL && g_date_valid (birth_date), NULL);
  g_return_val_if_fail (individual >= 2 && individual <= 999, NULL);

  day = g_date_get_day (birth_date);
  month = g_date_get_month (birth_date);
  year = g_date_get_year (birth_date);
  g_return_val_if_fail (year >= 1800 && year <= 2099, NULL);

  sign = year >= 2000 ? 'A' : (year >= 1900 ? '-' : '+');

  return g_strdup_printf ("%02u%02u%02u%c%03u%c", day, month, year % 100, sign, individual,
                          polku_hetu_check_character (day, month, year % 100, individual));
}
