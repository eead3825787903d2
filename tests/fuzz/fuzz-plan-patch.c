/* fuzz-plan-patch.c: a JSON merge patch to the plan (polku-plan-patch.c), and a whole plan
 * document through the plan's rules (polku-plan-validate.c), as `plan update` and the sync
 * receive them
 *
 * Copyright 2026 The Polku authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "fuzz-common.h"
#include "polku-json.h"
#include "polku-plan.h"

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  static JsonNode *base = NULL;
  g_autoptr(GBytes) bytes = g_bytes_new (data, size);
  g_autoptr(JsonNode) patch = NULL;
  g_autoptr(JsonNode) patched = NULL;
  g_autoptr(GError) error = NULL;

  fuzz_init ();
  if (base == NULL)
    base = polku_plan_document_new_from_template ("finances-housing",
                                                  "7d9b3f34-5b7a-4c8a-9d4e-0d5b1a4a2f11", "fi",
                                                  NULL);
  g_assert_nonnull (base);

  /* As a whole document (a version read back, a synced plan). */
  {
    g_autofree char *text = fuzz_strdup (data, size);
    g_autoptr(JsonNode) document = polku_plan_document_from_string (text, NULL);

    if (document != NULL)
      polku_plan_document_validate (document, NULL);
  }

  patch = polku_json_parse_bounded (bytes, NULL);
  if (patch == NULL)
    return 0;
  patched = polku_plan_document_apply_patch (base, patch, &error);
  g_assert ((patched == NULL) != (error == NULL));
  if (patched != NULL)
    polku_plan_document_validate (patched, NULL);
  return 0;
}
