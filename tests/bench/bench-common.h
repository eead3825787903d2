/* bench-common.h: what the county benchmark's programs share
 *
 * Copyright 2026 The Polku authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>
#include <glib/gstdio.h>
#include <string.h>

/* The raw key of the benchmark's throw-away databases (synthetic data only): a raw key, as
 * the keyring gives, so that no passphrase stretching hides what is measured. */
#define BENCH_KEY "2DD29CA851E7B56E4697B0E1F08507293D761A05CE4D1B628663F411A8086D99"

/* Removes @path and everything in it. */
static inline void
bench_remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR))
        bench_remove_tree (child);
      else
        g_unlink (child);
    }
  g_rmdir (path);
}

/* Peak resident memory of this process (VmHWM), in MiB; -1 when unknown. */
static inline double
bench_peak_rss_mib (void)
{
  g_autofree char *status = NULL;
  const char *line;

  if (!g_file_get_contents ("/proc/self/status", &status, NULL, NULL)
      || (line = strstr (status, "VmHWM:")) == NULL)
    return -1;
  return g_ascii_strtod (line + strlen ("VmHWM:"), NULL) / 1024.0;
}
