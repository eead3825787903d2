/* fuzz-json.c: the bounded JSON reader every JSON input goes through (polku-json.c)
 *
 * Copyright 2026 The Polku authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "fuzz-common.h"
#include "polku-json.h"

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GBytes) bytes = g_bytes_new (data, size);
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(GError) error = NULL;

  fuzz_init ();
  node = polku_json_parse_bounded (bytes, &error);
  g_assert ((node == NULL) != (error == NULL));
  return 0;
}
