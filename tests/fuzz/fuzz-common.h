/* fuzz-common.h: what every fuzz target shares
 *
 * Copyright 2026 The Polku authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A target defines LLVMFuzzerTestOneInput (). Built with clang and -Dfuzzing=true it is
 * linked with libFuzzer (-fsanitize=fuzzer); otherwise with fuzz-main.c, which runs the
 * committed seeds and regression inputs once each (the 'fuzz' test suite).
 * A parser must turn any input into a value or a GError: a critical or warning is a finding,
 * so both abort () (not a breakpoint's SIGTRAP, which libFuzzer does not keep as a crash).
 */
#pragma once

#include <glib.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

int LLVMFuzzerTestOneInput (const uint8_t *data,
                            size_t         size);

static inline GLogWriterOutput
fuzz_log_writer (GLogLevelFlags   level,
                 const GLogField *fields,
                 gsize            n_fields,
                 gpointer         user_data)
{
  GLogWriterOutput output = g_log_writer_standard_streams (level, fields, n_fields, user_data);

  if (level & (G_LOG_LEVEL_ERROR | G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING))
    abort ();
  return output;
}

static inline void
fuzz_init (void)
{
  static gsize once = 0;

  if (g_once_init_enter (&once))
    {
      g_log_set_writer_func (fuzz_log_writer, NULL, NULL);
      g_setenv ("LC_ALL", "C.UTF-8", TRUE);
      g_once_init_leave (&once, 1);
    }
}

/* The input as a NUL-terminated string (inputs may hold NULs; the text ends at the first). */
static inline char *
fuzz_strdup (const uint8_t *data,
             size_t         size)
{
  return g_strndup ((const char *) data, size);
}
