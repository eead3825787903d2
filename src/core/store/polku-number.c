/* polku-number.c: decimals as people read them (a comma in Finnish and Swedish)
 *
 * Copyright 2026 The Polku authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The window's language is the translation's, not LC_NUMERIC's: a coordinator who runs the
 * Finnish interface under an English or C locale still reads 56,3. So the decimal separator
 * is itself a translatable string, and documents in a language of their own (the record
 * entry, the client's copy, a report) say which language they are in.
 */

#define G_LOG_DOMAIN "polku-number"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "polku-number.h"

static char *
format_with (const char *separator,
             double      value,
             int         decimals)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];
  char format[8];
  g_autoptr(GString) text = NULL;

  g_return_val_if_fail (decimals >= 0 && decimals <= 6, NULL);
  if (isnan (value))
    return g_strdup ("–");
  g_snprintf (format, sizeof format, "%%.%df", decimals);
  g_ascii_formatd (buffer, sizeof buffer, format, value);
  text = g_string_new (buffer);
  g_string_replace (text, ".", separator, 1);
  return g_string_free (g_steal_pointer (&text), FALSE);
}

/**
 * polku_number_format:
 * @value: the number (NaN gives "–")
 * @decimals: digits after the separator, 0–6
 *
 * Returns: (transfer full): @value with the decimal separator of the window's language
 *   ("56,3" in Finnish and Swedish, "56.3" in English)
 */
char *
polku_number_format (double value,
                     int    decimals)
{
  /* TRANSLATORS: the decimal separator of your language: "," in Finnish and Swedish */
  return format_with (C_("decimal separator", "."), value, decimals);
}

/**
 * polku_number_format_in:
 * @language: "fi", "sv" or "en": the document's language
 * @value: the number (NaN gives "–")
 * @decimals: digits after the separator, 0–6
 *
 * Returns: (transfer full): @value as a document in @language writes it
 */
char *
polku_number_format_in (const char *language,
                        double      value,
                        int         decimals)
{
  return format_with (g_strcmp0 (language, "en") == 0 ? "." : ",", value, decimals);
}
