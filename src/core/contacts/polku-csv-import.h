/* polku-csv-import.h: importing a contact log from a CSV file, with a preview
 *
 * Copyright 2026 The Polku authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "polku-contact.h"
#include "polku-store.h"

G_BEGIN_DECLS

#define POLKU_CSV_IMPORT_ERROR (polku_csv_import_error_quark ())

typedef enum
{
  POLKU_CSV_IMPORT_ERROR_FILE,      /* not text, too big, empty */
  POLKU_CSV_IMPORT_ERROR_COLUMNS,   /* a required column is missing, or one is named twice */
  POLKU_CSV_IMPORT_ERROR_BAD_ROWS,  /* rows have errors and skipping them was not asked for */
  POLKU_CSV_IMPORT_ERROR_UNCLOSED_QUOTE, /* a quote never closed swallowed the rest of the file */
} PolkuCsvImportError;

#define POLKU_CSV_IMPORT_MAX_BYTES (16 * 1024 * 1024)
#define POLKU_CSV_IMPORT_MAX_ROWS  100000

/* --- The RFC 4180 reader --------------------------------------------------------------- */

typedef struct
{
  GStrv  fields;
  guint  line;      /* the line of the file where the record starts, from 1 */
  char  *problem;   /* NULL, or what is wrong with the quoting of this record */
  gboolean unclosed; /* a quote opened in this record is never closed: it runs to the end */
} PolkuCsvRecord;

void        polku_csv_record_free       (PolkuCsvRecord *record);
char        polku_csv_guess_separator   (const char     *text,
                                         gsize           length);
GPtrArray  *polku_csv_parse             (const char     *text,
                                         gsize           length,
                                         char            separator);

/* --- One row of the preview ------------------------------------------------------------ */

typedef enum
{
  POLKU_CSV_ROW_VALID,
  POLKU_CSV_ROW_INVALID,
  POLKU_CSV_ROW_DUPLICATE,  /* valid, but the log has it already: not imported again */
} PolkuCsvRowStatus;

#define POLKU_TYPE_CSV_ROW (polku_csv_row_get_type ())
G_DECLARE_FINAL_TYPE (PolkuCsvRow, polku_csv_row, POLKU, CSV_ROW, GObject)

guint               polku_csv_row_get_number         (PolkuCsvRow *self);
guint               polku_csv_row_get_line           (PolkuCsvRow *self);
PolkuCsvRowStatus   polku_csv_row_get_status         (PolkuCsvRow *self);
PolkuContact       *polku_csv_row_get_contact        (PolkuCsvRow *self);
guint               polku_csv_row_get_n_errors       (PolkuCsvRow *self);
const char         *polku_csv_row_get_error_field    (PolkuCsvRow *self,
                                                      guint        index);
const char         *polku_csv_row_get_error_message  (PolkuCsvRow *self,
                                                      guint        index);
char               *polku_csv_row_dup_errors_text    (PolkuCsvRow *self);
const char * const *polku_csv_row_get_values         (PolkuCsvRow *self);

/* --- The import ------------------------------------------------------------------------ */

#define POLKU_TYPE_CSV_IMPORT (polku_csv_import_get_type ())
G_DECLARE_FINAL_TYPE (PolkuCsvImport, polku_csv_import, POLKU, CSV_IMPORT, GObject)

GQuark              polku_csv_import_error_quark         (void);

PolkuCsvImport     *polku_csv_import_new                 (GBytes          *bytes,
                                                          const char      *client_id,
                                                          GListModel      *types,
                                                          GError         **error);
PolkuCsvImport     *polku_csv_import_new_for_file        (GFile           *file,
                                                          const char      *client_id,
                                                          GListModel      *types,
                                                          GError         **error);
GListModel         *polku_csv_import_get_rows            (PolkuCsvImport  *self);
guint               polku_csv_import_get_n_valid         (PolkuCsvImport  *self);
guint               polku_csv_import_get_n_invalid       (PolkuCsvImport  *self);
guint               polku_csv_import_get_n_duplicate     (PolkuCsvImport  *self);
char                polku_csv_import_get_separator       (PolkuCsvImport  *self);
const char         *polku_csv_import_get_encoding        (PolkuCsvImport  *self);
const char * const *polku_csv_import_get_columns         (PolkuCsvImport  *self);
const char * const *polku_csv_import_get_ignored_columns (PolkuCsvImport  *self);
guint               polku_csv_import_get_unclosed_quote_line (PolkuCsvImport *self);
gboolean            polku_csv_import_find_duplicates     (PolkuCsvImport  *self,
                                                          PolkuStore      *store,
                                                          GError         **error);
gboolean            polku_csv_import_commit              (PolkuCsvImport  *self,
                                                          PolkuStore      *store,
                                                          gboolean         skip_bad_rows,
                                                          guint           *out_n_written,
                                                          GError         **error);

G_END_DECLS
