/* polku-csv-import-private.h: how the parts of the CSV import work together
 *
 * Copyright 2026 The Polku authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "polku-csv-import.h"

G_BEGIN_DECLS

/* The text of a file as UTF-8 without a byte-order mark, and the encoding it had ("UTF-8",
 * "UTF-8 BOM" or "Windows-1252"); %NULL with a %POLKU_CSV_IMPORT_ERROR_FILE when it is not
 * text Polku can read. */
char        *polku_csv_decode          (GBytes             *bytes,
                                        gsize              *out_length,
                                        const char        **out_encoding,
                                        GError            **error);

/* A row of the preview with the fields of record @line, spreadsheet row @number. */
PolkuCsvRow *polku_csv_row_new         (guint               number,
                                        guint               line,
                                        const char * const *values);
void         polku_csv_row_add_error   (PolkuCsvRow        *self,
                                        const char         *field,
                                        const char         *message);
/* Notifies "status" when it changes. */
void         polku_csv_row_set_status  (PolkuCsvRow        *self,
                                        PolkuCsvRowStatus   status);
void         polku_csv_row_set_contact (PolkuCsvRow        *self,
                                        PolkuContact       *contact);

G_END_DECLS
