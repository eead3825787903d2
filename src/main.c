/* main.c: starts Polku
 *
 * Copyright 2026 The Polku authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "polku"

#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>

#include "polku-application.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(PolkuApplication) app = NULL;
  const char *localedir = g_getenv ("POLKU_LOCALEDIR");

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, localedir != NULL && localedir[0] != '\0' ? localedir
                                                                              : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  app = polku_application_new ();
  return g_application_run (G_APPLICATION (app), argc, argv);
}
