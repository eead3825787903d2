/* test-number.c: decimals in the window's language and in a document's language
 *
 * Copyright 2026 The Polku authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>
#include <math.h>

#include "polku-number.h"

static void
check (char       *text,
       const char *expected)
{
  g_assert_cmpstr (text, ==, expected);
  g_free (text);
}

/* The UI's separator comes from the translation, whatever LC_NUMERIC says (here C). gettext
 * keeps what it has looked up, so one language per process: Finnish (the English side is
 * the untranslated string, as test_document_language shows). */
static void
test_window_language (void)
{
  const char *localedir = g_getenv ("POLKU_LOCALEDIR") != NULL ? g_getenv ("POLKU_LOCALEDIR")
                                                               : LOCALEDIR;
  g_autofree char *catalog = g_build_filename (localedir, "fi", "LC_MESSAGES",
                                               GETTEXT_PACKAGE ".mo", NULL);

  /* Builds without the translations (the SQLCipher 4 check's) cannot say it in Finnish;
   * meson test sets POLKU_LOCALEDIR to the build's catalogs. */
  if (!g_file_test (catalog, G_FILE_TEST_EXISTS))
    {
      g_test_skip ("no Finnish catalog here");
      return;
    }
  check (polku_number_format (56.25, 1), "56,2");
  check (polku_number_format (0.735, 2), "0,73");
  check (polku_number_format (-1.5, 1), "-1,5");
  check (polku_number_format (12, 0), "12");
  check (polku_number_format (NAN, 1), "–");
}

static void
test_document_language (void)
{
  check (polku_number_format_in ("fi", 60.66, 1), "60,7");
  check (polku_number_format_in ("sv", 60.66, 2), "60,66");
  check (polku_number_format_in ("en", 60.66, 1), "60.7");
}

int
main (int   argc,
      char *argv[])
{
  const char *localedir = g_getenv ("POLKU_LOCALEDIR");

  g_setenv ("LANGUAGE", "fi", TRUE);
  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, localedir != NULL ? localedir : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/number/window-language", test_window_language);
  g_test_add_func ("/number/document-language", test_document_language);
  return g_test_run ();
}
