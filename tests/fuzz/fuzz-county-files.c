/* fuzz-county-files.c: the other files a county supplies in ~/.config/polku/: contact types
 * (polku-contact-type.c), organisations (polku-organisations.c) and the mapping-visit agenda
 * (polku-mapping-visit.c); the same input goes to each reader
 *
 * Copyright 2026 The Polku authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "fuzz-common.h"
#include "polku-contact-type.h"
#include "polku-mapping-visit.h"
#include "polku-organisations.h"

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GBytes) bytes = g_bytes_new (data, size);
  g_autoptr(GError) error = NULL;

  fuzz_init ();
  {
    g_autoptr(GListModel) types = polku_contact_types_load_bytes (bytes, "fuzz.json", &error);

    g_assert ((types == NULL) != (error == NULL));
    g_clear_error (&error);
  }
  {
    g_autoptr(PolkuOrganisations) organisations =
      polku_organisations_new_from_bytes (bytes, "fuzz.json", &error);

    g_assert ((organisations == NULL) != (error == NULL));
    g_clear_error (&error);
  }
  {
    guint minutes = 0;
    g_autoptr(GListModel) agenda = polku_mapping_visit_agenda_load_bytes (bytes, "fuzz.json",
                                                                          &minutes, &error);

    g_assert ((agenda == NULL) != (error == NULL));
  }
  return 0;
}
