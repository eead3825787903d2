/* fuzz-main.c: run a fuzz target on files, without libFuzzer
 *
 * Copyright 2026 The Polku authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * usage: fuzz-TARGET FILE|DIR...   runs LLVMFuzzerTestOneInput () once on each file (a folder:
 * on each file in it), so the seed corpus and the kept crash inputs are regression tests in
 * every build, with the sanitizers in build-asan/. Prints one TAP line per folder or file.
 */
#include "config.h"

#include <stdio.h>

#include "fuzz-common.h"

static gboolean
run_file (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  gsize length;

  if (!g_file_get_contents (path, &contents, &length, &error))
    {
      fprintf (stderr, "%s\n", error->message);
      return FALSE;
    }
  LLVMFuzzerTestOneInput ((const uint8_t *) contents, length);
  return TRUE;
}

int
main (int   argc,
      char *argv[])
{
  int status = 0;

  /* stdout is TAP: GLib's debug and info messages (G_MESSAGES_DEBUG) go to stderr, as
   * g_test_init () has them in the other tests. */
  g_log_writer_default_set_use_stderr (TRUE);
  printf ("1..%d\n", argc - 1);
  for (int i = 1; i < argc; i++)
    {
      guint n = 0;
      gboolean ok = TRUE;

      if (g_file_test (argv[i], G_FILE_TEST_IS_DIR))
        {
          g_autoptr(GDir) dir = g_dir_open (argv[i], 0, NULL);
          const char *name;

          while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
            {
              g_autofree char *path = g_build_filename (argv[i], name, NULL);

              ok = run_file (path) && ok;
              n++;
            }
        }
      else
        {
          ok = run_file (argv[i]);
          n = 1;
        }
      printf ("%s %d - %u inputs from %s\n", ok ? "ok" : "not ok", i, n, argv[i]);
      if (!ok)
        status = 1;
    }
  return status;
}
