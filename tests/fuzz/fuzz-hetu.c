/* fuzz-hetu.c: identity codes as typed or imported (polku-hetu.c)
 *
 * Copyright 2026 The Polku authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "fuzz-common.h"
#include "polku-hetu.h"

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autofree char *text = fuzz_strdup (data, size);
  g_autofree char *normal = NULL;
  g_autoptr(GError) error = NULL;
  GDate birth;

  fuzz_init ();
  if (!g_utf8_validate (text, -1, NULL))
    return 0;   /* every caller hands it UTF-8 (GTK entries, JSON, decoded CSV) */
  normal = polku_hetu_normalize (text);
  g_date_clear (&birth, 1);
  if (polku_hetu_validate (normal != NULL ? normal : text, &birth, &error))
    {
      g_assert_true (g_date_valid (&birth));
      polku_hetu_is_temporary (normal != NULL ? normal : text);
    }
  else
    g_assert_nonnull (error);
  return 0;
}
