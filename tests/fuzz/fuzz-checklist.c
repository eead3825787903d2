/* fuzz-checklist.c: a county's warning-sign checklist file (polku-checklist.c)
 *
 * Copyright 2026 The Polku authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "fuzz-common.h"
#include "polku-checklist.h"

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GBytes) bytes = g_bytes_new (data, size);
  g_autoptr(PolkuChecklist) checklist = NULL;
  g_autoptr(GError) error = NULL;

  fuzz_init ();
  checklist = polku_checklist_new_from_bytes (bytes, "fuzz.json", &error);
  g_assert ((checklist == NULL) != (error == NULL));
  if (checklist != NULL)
    for (guint g = 0; g < polku_checklist_get_n_groups (checklist); g++)
      {
        const char *group = polku_checklist_get_group_id (checklist, g);

        polku_checklist_get_group_label (checklist, group, "sv");
        for (guint i = 0; i < polku_checklist_get_n_items (checklist, g); i++)
          {
            const char *item = polku_checklist_get_item_id (checklist, g, i);

            polku_checklist_get_item_label (checklist, group, item, "sv");
            g_assert_true (polku_checklist_check_item (checklist, group, item, NULL));
          }
      }
  return 0;
}
