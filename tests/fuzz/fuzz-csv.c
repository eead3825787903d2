/* fuzz-csv.c: a contact log exported from a patient record, imported as CSV
 * (polku-csv-reader.c, polku-csv-row.c, polku-csv-import.c)
 *
 * Copyright 2026 The Polku authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "fuzz-common.h"
#include "polku-contact-type.h"
#include "polku-csv-import.h"

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  static GListModel *types = NULL;
  g_autoptr(GBytes) bytes = g_bytes_new (data, size);
  g_autoptr(PolkuCsvImport) import = NULL;
  g_autoptr(GError) error = NULL;

  fuzz_init ();
  if (types == NULL)
    types = polku_contact_types_dup_default (NULL);
  g_assert_nonnull (types);
  import = polku_csv_import_new (bytes, "7d9b3f34-5b7a-4c8a-9d4e-0d5b1a4a2f11", types, &error);
  g_assert ((import == NULL) != (error == NULL));
  if (import != NULL)
    {
      GListModel *rows = polku_csv_import_get_rows (import);

      for (guint i = 0; i < g_list_model_get_n_items (rows); i++)
        {
          g_autoptr(PolkuCsvRow) row = g_list_model_get_item (rows, i);
          g_autofree char *errors = polku_csv_row_dup_errors_text (row);

          g_assert_true ((errors == NULL) == (polku_csv_row_get_n_errors (row) == 0));
        }
    }
  return 0;
}
