/* polku-case-data.c: what the case module's county data files share
 *
 * Copyright 2026 The Polku authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "polku-case-data"

#include "config.h"

#include <glib/gi18n.h>

#include "polku-case-data-private.h"

const char *
polku_case_data_ui_language (void)
{
  const char * const *names = g_get_language_names ();
  /* The language gettext actually uses: the translation of this marker. */
  const char *marker = C_("checklist language code: en, fi or sv", "en");

  if (g_strv_contains (polku_data_file_languages, marker))
    return marker;
  for (guint i = 0; names[i] != NULL; i++)
    {
      if (g_str_has_prefix (names[i], "fi"))
        return "fi";
      if (g_str_has_prefix (names[i], "sv"))
        return "sv";
      if (g_str_has_prefix (names[i], "en"))
        return "en";
    }
  return "en";
}

guint
polku_case_data_language_index (const char *language)
{
  if (language == NULL)
    language = polku_case_data_ui_language ();
  for (guint i = 0; i < POLKU_DATA_FILE_N_LANGUAGES; i++)
    if (g_str_equal (polku_data_file_languages[i], language))
      return i;
  return 0;
}
