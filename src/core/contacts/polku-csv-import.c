/* polku-csv-import.c: importing a contact log from a CSV file, with a preview
 *
 * The text is read by polku-csv-reader.c (RFC 4180, as spreadsheets write it in Finland) and
 * each row becomes a PolkuCsvRow (polku-csv-row.c). Dates are YYYY-MM-DD or d.m.yyyy, times
 * HH:MM or H.MM.
 *
 * The first record names the columns (in English, Finnish or Swedish). "days" (of an
 * inpatient stay) and "reason" are optional columns: a file without a days column (as files
 * were before days were kept) imports its stays with the days not recorded, while a file
 * with one needs the days of every stay. Every row is checked
 * and gets its own list of errors, each naming the field; nothing is written until
 * polku_csv_import_commit (), and then all valid rows go in one transaction.
 *
 * Rows are numbered as a spreadsheet shows them: the header is row 1.
 *
 * Copyright 2026 The Polku authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "polku-csv-import"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "polku-contact-store.h"
#include "polku-contact-type.h"
#include "polku-csv-import-private.h"
#include "polku-json.h"

G_DEFINE_QUARK (polku-csv-import-error-quark, polku_csv_import_error)

/* --- Columns ---------------------------------------------------------------------------- */

typedef enum
{
  COL_DATE,
  COL_TIME,
  COL_TYPE,
  COL_URGENT,
  COL_PROFESSIONAL,
  COL_PROFESSIONAL_NAME,
  COL_ORGANISATION,
  COL_NO_SHOW,
  COL_NOTE,
  COL_DAYS,
  COL_REASON,
  N_COLUMNS
} Column;

static const char * const column_keys[N_COLUMNS] = {
  "date", "time", "type", "urgent", "professional", "professional_name", "organisation",
  "no_show", "note", "days", "reason",
};

/* Header names (folded: lower case, '_' and '-' as spaces) in English, Finnish, Swedish. */
static const char * const column_aliases[N_COLUMNS][12] = {
  [COL_DATE] = { "date", "day", "päivämäärä", "pvm", "päivä", "datum", "dag", NULL },
  [COL_TIME] = { "time", "aika", "kellonaika", "klo", "kello", "tid", "klockslag",
                 "klockan", NULL },
  [COL_TYPE] = { "type", "contact type", "visit type", "tyyppi", "käyntityyppi",
                 "yhteystyyppi", "käynnin tyyppi", "typ", "kontakttyp", "besökstyp", NULL },
  [COL_URGENT] = { "urgent", "kiireellinen", "kiire", "kiireellisyys", "brådskande", "akut",
                   NULL },
  [COL_PROFESSIONAL] = { "professional", "professional id", "ammattilainen",
                         "ammattilaisen tunnus", "ammattilainen id", "työntekijä",
                         "yrkesperson", "yrkespersonens id", "personal", NULL },
  [COL_PROFESSIONAL_NAME] = { "professional name", "ammattilaisen nimi", "työntekijän nimi",
                              "yrkespersonens namn", "namn", "nimi", NULL },
  [COL_ORGANISATION] = { "organisation", "organization", "organisaatio", "yksikkö",
                         "toimipiste", "palvelupiste", "enhet", "verksamhetsställe", NULL },
  [COL_NO_SHOW] = { "no show", "noshow", "did not attend", "dna", "ei saapunut",
                    "peruuttamaton", "saapumatta", "uteblev", "uteblivet besök", NULL },
  [COL_NOTE] = { "note", "notes", "comment", "huomautus", "lisätieto", "lisätiedot",
                 "muistiinpano", "anteckning", "kommentar", NULL },
  [COL_DAYS] = { "days", "inpatient days", "days in hospital", "hoitopäivät", "hoitopäiviä",
                 "päivät", "vuorokaudet", "vrk", "dagar", "vårddagar", "vårddygn", NULL },
  [COL_REASON] = { "reason", "issue", "reason for contact", "syy", "käynnin syy",
                   "yhteydenoton syy", "asia", "orsak", "ärende", "kontaktorsak", NULL },
};

static char *
fold_header (const char *name)
{
  g_autofree char *normal = g_utf8_normalize (name, -1, G_NORMALIZE_DEFAULT_COMPOSE);
  g_autofree char *folded = NULL;
  g_autoptr(GString) out = g_string_new (NULL);

  if (normal == NULL)
    return g_strdup ("");
  folded = g_utf8_casefold (normal, -1);
  g_strdelimit (folded, "_-", ' ');
  /* Collapse runs of spaces and trim. */
  for (const char *p = folded; *p != '\0'; p++)
    {
      if (g_ascii_isspace (*p))
        {
          if (out->len > 0 && out->str[out->len - 1] != ' ')
            g_string_append_c (out, ' ');
        }
      else
        g_string_append_c (out, *p);
    }
  if (out->len > 0 && out->str[out->len - 1] == ' ')
    g_string_truncate (out, out->len - 1);
  return g_string_free (g_steal_pointer (&out), FALSE);
}

static int
column_for_header (const char *name)
{
  g_autofree char *folded = fold_header (name);

  for (guint c = 0; c < N_COLUMNS; c++)
    for (guint a = 0; column_aliases[c][a] != NULL; a++)
      if (g_str_equal (folded, column_aliases[c][a]))
        return c;
  return -1;
}

/* Yes/no in the three languages; an empty field is no. Returns FALSE when unknown. */
static gboolean
parse_flag (const char *text,
            gboolean   *out)
{
  static const char * const yes[] = {
    "1", "x", "yes", "y", "true", "kyllä", "k", "joo", "ja", "j", "sant", NULL
  };
  static const char * const no[] = {
    "", "0", "no", "n", "false", "ei", "e", "nej", "falskt", "-", NULL
  };
  g_autofree char *folded = fold_header (text);

  if (g_strv_contains (yes, folded))
    *out = TRUE;
  else if (g_strv_contains (no, folded))
    *out = FALSE;
  else
    return FALSE;
  return TRUE;
}

/* --- The import ------------------------------------------------------------------------- */

struct _PolkuCsvImport
{
  GObject      parent_instance;

  char        *client_id;
  GListModel  *types;
  GListStore  *rows;
  GStrv        columns;
  GStrv        ignored_columns;
  const char  *encoding;
  char         separator;
  guint        unclosed_quote_line;  /* 0, or where a quote never closed begins its record */
};

G_DEFINE_FINAL_TYPE (PolkuCsvImport, polku_csv_import, G_TYPE_OBJECT)

static void
polku_csv_import_finalize (GObject *object)
{
  PolkuCsvImport *self = (PolkuCsvImport *) object;

  g_free (self->client_id);
  g_clear_object (&self->types);
  g_clear_object (&self->rows);
  g_strfreev (self->columns);
  g_strfreev (self->ignored_columns);

  G_OBJECT_CLASS (polku_csv_import_parent_class)->finalize (object);
}

static void
polku_csv_import_class_init (PolkuCsvImportClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = polku_csv_import_finalize;
}

static void
polku_csv_import_init (PolkuCsvImport *self)
{
  self->rows = g_list_store_new (POLKU_TYPE_CSV_ROW);
}

static const char *
field_at (const int      *map,
          PolkuCsvRecord *record,
          guint           n_fields,
          Column          column)
{
  int index = map[column];

  if (index < 0 || (guint) index >= n_fields)
    return "";
  return record->fields[index];
}

static gboolean
is_blank_record (PolkuCsvRecord *record)
{
  for (guint i = 0; record->fields[i] != NULL; i++)
    for (const char *p = record->fields[i]; *p != '\0'; p++)
      if (!g_ascii_isspace (*p))
        return FALSE;
  return TRUE;
}

/* A yes/no field; anything else is an error of @field. */
static gboolean
check_flag (PolkuCsvRow *row,
            const char  *field,
            const char  *text,
            gboolean    *out)
{
  g_autofree char *message = NULL;

  if (parse_flag (text, out))
    return TRUE;
  message = g_strdup_printf (_("“%s” is not yes or no (write 1 or 0, yes or no, kyllä or ei)."),
                             text);
  polku_csv_row_add_error (row, field, message);
  return FALSE;
}

static PolkuCsvRow *
check_record (PolkuCsvImport *self,
              PolkuCsvRecord *record,
              guint           number,
              const int      *map,
              guint           n_columns)
{
  g_autoptr(PolkuCsvRow) row = polku_csv_row_new (number, record->line,
                                                  (const char * const *) record->fields);
  g_autoptr(PolkuContact) contact = polku_contact_new ();
  g_autoptr(GError) error = NULL;
  guint n_fields = g_strv_length (record->fields);
  const char *text;
  gboolean flag;

  if (record->problem != NULL)
    polku_csv_row_add_error (row, "row", record->problem);
  if (n_fields > n_columns)
    {
      gboolean extra = FALSE;

      for (guint i = n_columns; i < n_fields; i++)
        extra = extra || record->fields[i][0] != '\0';
      if (extra)
        {
          g_autofree char *message =
            g_strdup_printf (_("the row has %u fields but the header names %u columns; is a "
                               "separator inside a field that is not in quotes?"),
                             n_fields, n_columns);
          polku_csv_row_add_error (row, "row", message);
        }
    }

  polku_contact_set_client_id (contact, self->client_id);
  polku_contact_set_source (contact, POLKU_CONTACT_SOURCE_IMPORTED);

  text = field_at (map, record, n_fields, COL_DATE);
  {
    g_autofree char *date = polku_contact_parse_date (text);
    g_autofree char *stripped = g_strstrip (g_strdup (text));

    if (stripped[0] == '\0')
      polku_csv_row_add_error (row, "date", _("the date is missing."));
    else if (date == NULL)
      {
        g_autofree char *message =
          g_strdup_printf (_("“%s” is not a date: write it as YYYY-MM-DD or d.m.yyyy."),
                           stripped);
        polku_csv_row_add_error (row, "date", message);
      }
    polku_contact_set_date (contact, date);
  }

  text = field_at (map, record, n_fields, COL_TIME);
  {
    g_autofree char *stripped = g_strstrip (g_strdup (text));
    g_autofree char *time = polku_contact_parse_time (stripped);

    if (stripped[0] != '\0' && time == NULL)
      {
        g_autofree char *message =
          g_strdup_printf (_("“%s” is not a time of day: write it as HH:MM."), stripped);
        polku_csv_row_add_error (row, "time", message);
      }
    polku_contact_set_time (contact, time);
  }

  text = field_at (map, record, n_fields, COL_TYPE);
  {
    g_autofree char *stripped = g_strstrip (g_strdup (text));
    PolkuContactType *type = polku_contact_types_find (self->types, stripped);

    if (stripped[0] == '\0')
      polku_csv_row_add_error (row, "type", _("the type of the contact is missing."));
    else if (type == NULL)
      {
        g_autofree char *message =
          g_strdup_printf (_("“%s” is not a known type of contact (for example doctor, nurse, "
                             "phone, emergency)."), stripped);
        polku_csv_row_add_error (row, "type", message);
      }
    else
      polku_contact_set_type_id (contact, polku_contact_type_get_id (type));
  }

  if (check_flag (row, "urgent", field_at (map, record, n_fields, COL_URGENT), &flag))
    polku_contact_set_urgent (contact, flag);
  if (check_flag (row, "no_show", field_at (map, record, n_fields, COL_NO_SHOW), &flag))
    polku_contact_set_no_show (contact, flag);

  polku_contact_set_professional_id (contact, field_at (map, record, n_fields,
                                                        COL_PROFESSIONAL));
  polku_contact_set_professional_name (contact, field_at (map, record, n_fields,
                                                          COL_PROFESSIONAL_NAME));
  polku_contact_set_organisation (contact, field_at (map, record, n_fields,
                                                     COL_ORGANISATION));
  polku_contact_set_note (contact, field_at (map, record, n_fields, COL_NOTE));
  polku_contact_set_reason (contact, field_at (map, record, n_fields, COL_REASON));

  text = field_at (map, record, n_fields, COL_DAYS);
  {
    g_autofree char *stripped = g_strstrip (g_strdup (text));
    PolkuContactType *type = polku_contact_types_lookup (self->types,
                                                         polku_contact_get_type_id (contact));
    guint64 days = 0;

    if (stripped[0] != '\0'
        && (!g_ascii_string_to_unsigned (stripped, 10, 1, POLKU_CONTACT_MAX_DAYS, &days, NULL)))
      {
        g_autofree char *message =
          g_strdup_printf (_("“%s” is not a number of days from 1 to %u."), stripped,
                           POLKU_CONTACT_MAX_DAYS);
        polku_csv_row_add_error (row, "days", message);
      }
    /* A file with a days column gives the days of every stay; one without it is an older
     * export, whose stays are imported with their days not recorded. */
    else if (stripped[0] == '\0' && map[COL_DAYS] >= 0 && type != NULL
             && polku_contact_type_get_inpatient (type))
      polku_csv_row_add_error (row, "days", _("the number of days of the stay is missing."));
    polku_contact_set_days (contact, (guint) days);
  }

  /* The same rules as a contact typed in; the date, time and type were reported above. */
  if (polku_csv_row_get_n_errors (row) == 0
      && !polku_contact_validate (contact, self->types, &error))
    polku_csv_row_add_error (row, polku_contact_error_field (error->code), error->message);

  if (polku_csv_row_get_n_errors (row) == 0)
    polku_csv_row_set_contact (row, contact);
  else
    polku_csv_row_set_status (row, POLKU_CSV_ROW_INVALID);

  return g_steal_pointer (&row);
}

/**
 * polku_csv_import_new:
 * @bytes: the contents of a CSV file
 * @client_id: whose log the rows go to
 * @types: (nullable): the contact types, or %NULL for the bundled ones
 *
 * Reads and checks every row; writes nothing.
 *
 * Returns: (transfer full): the import, with a row for each record after the header, or
 *   %NULL with @error set when the file as a whole cannot be read (%POLKU_CSV_IMPORT_ERROR)
 */
PolkuCsvImport *
polku_csv_import_new (GBytes      *bytes,
                      const char  *client_id,
                      GListModel  *types,
                      GError     **error)
{
  g_autoptr(PolkuCsvImport) self = NULL;
  g_autoptr(GPtrArray) records = NULL;
  g_autoptr(GStrvBuilder) ignored = g_strv_builder_new ();
  g_autofree char *text = NULL;
  PolkuCsvRecord *header;
  int map[N_COLUMNS];
  gsize length = 0;
  guint n_columns;

  g_return_val_if_fail (bytes != NULL, NULL);
  g_return_val_if_fail (client_id != NULL, NULL);
  g_return_val_if_fail (types == NULL || G_IS_LIST_MODEL (types), NULL);

  self = g_object_new (POLKU_TYPE_CSV_IMPORT, NULL);
  self->client_id = g_strdup (client_id);
  self->types = types != NULL ? g_object_ref (types) : polku_contact_types_dup_default (error);
  if (self->types == NULL)
    return NULL;

  if (g_bytes_get_size (bytes) > POLKU_CSV_IMPORT_MAX_BYTES)
    {
      g_set_error (error, POLKU_CSV_IMPORT_ERROR, POLKU_CSV_IMPORT_ERROR_FILE,
                   _("The file is too big to import (at most %d MB)."),
                   POLKU_CSV_IMPORT_MAX_BYTES / (1024 * 1024));
      return NULL;
    }

  text = polku_csv_decode (bytes, &length, &self->encoding, error);
  if (text == NULL)
    return NULL;

  self->separator = polku_csv_guess_separator (text, length);
  records = polku_csv_parse (text, length, self->separator);
  /* Blank lines before the header are skipped. */
  while (records->len > 0 && is_blank_record (g_ptr_array_index (records, 0)))
    g_ptr_array_remove_index (records, 0);
  if (records->len == 0)
    {
      g_set_error (error, POLKU_CSV_IMPORT_ERROR, POLKU_CSV_IMPORT_ERROR_FILE,
                   _("The file is empty. The first row must name the columns, for example "
                     "date;type;professional."));
      return NULL;
    }
  if (records->len - 1 > POLKU_CSV_IMPORT_MAX_ROWS)
    {
      g_set_error (error, POLKU_CSV_IMPORT_ERROR, POLKU_CSV_IMPORT_ERROR_FILE,
                   _("The file has too many rows to import at once (at most %d)."),
                   POLKU_CSV_IMPORT_MAX_ROWS);
      return NULL;
    }

  header = g_ptr_array_index (records, 0);
  n_columns = g_strv_length (header->fields);
  self->columns = g_strdupv (header->fields);
  for (guint c = 0; c < N_COLUMNS; c++)
    map[c] = -1;
  for (guint i = 0; i < n_columns; i++)
    {
      int column = column_for_header (header->fields[i]);

      if (column < 0)
        {
          if (header->fields[i][0] != '\0')
            g_strv_builder_add (ignored, header->fields[i]);
          continue;
        }
      if (map[column] >= 0)
        {
          g_set_error (error, POLKU_CSV_IMPORT_ERROR, POLKU_CSV_IMPORT_ERROR_COLUMNS,
                       _("Two columns (%u and %u) both give the %s. Remove one of them."),
                       map[column] + 1, i + 1, column_keys[column]);
          return NULL;
        }
      map[column] = i;
    }
  self->ignored_columns = g_strv_builder_end (ignored);

  if (map[COL_DATE] < 0 || map[COL_TYPE] < 0)
    {
      g_set_error (error, POLKU_CSV_IMPORT_ERROR, POLKU_CSV_IMPORT_ERROR_COLUMNS,
                   _("The first row must name the columns, and a “date” and a “type” column "
                     "are needed (also päivämäärä/datum and tyyppi/typ). The separator "
                     "found was “%c”."),
                   self->separator == '\t' ? ' ' : self->separator);
      return NULL;
    }

  for (guint r = 1; r < records->len; r++)
    {
      PolkuCsvRecord *record = g_ptr_array_index (records, r);
      g_autoptr(PolkuCsvRow) row = NULL;

      if (record->unclosed)
        self->unclosed_quote_line = record->line;

      if (is_blank_record (record) && record->problem == NULL)
        continue;
      row = check_record (self, record, r + 1, map, n_columns);
      g_list_store_append (self->rows, row);
    }

  return g_steal_pointer (&self);
}

/**
 * polku_csv_import_new_for_file:
 *
 * Returns: (transfer full): the import of @file, or %NULL with @error set
 */
PolkuCsvImport *
polku_csv_import_new_for_file (GFile       *file,
                               const char  *client_id,
                               GListModel  *types,
                               GError     **error)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (G_IS_FILE (file), NULL);

  /* Counted while reading: /dev/zero and FIFOs state no size (or a wrong one). */
  bytes = polku_file_load_bounded (file, POLKU_CSV_IMPORT_MAX_BYTES, &local_error);
  if (bytes == NULL)
    {
      if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_MESSAGE_TOO_LARGE))
        g_set_error (error, POLKU_CSV_IMPORT_ERROR, POLKU_CSV_IMPORT_ERROR_FILE,
                     _("The file is too big to import (at most %d MB)."),
                     POLKU_CSV_IMPORT_MAX_BYTES / (1024 * 1024));
      else
        g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  return polku_csv_import_new (bytes, client_id, types, error);
}

/**
 * polku_csv_import_get_unclosed_quote_line:
 *
 * Returns: 0, or the line where the row begins whose quote is never closed (it swallowed the
 *   rest of the file; polku_csv_import_commit () then refuses even with skip_bad_rows)
 */
guint
polku_csv_import_get_unclosed_quote_line (PolkuCsvImport *self)
{
  g_return_val_if_fail (POLKU_IS_CSV_IMPORT (self), 0);
  return self->unclosed_quote_line;
}

/**
 * polku_csv_import_get_rows:
 *
 * Returns: (transfer none): a #GListModel of #PolkuCsvRow, in file order (blank lines left
 *   out)
 */
GListModel *
polku_csv_import_get_rows (PolkuCsvImport *self)
{
  g_return_val_if_fail (POLKU_IS_CSV_IMPORT (self), NULL);
  return G_LIST_MODEL (self->rows);
}

static guint
count_status (PolkuCsvImport    *self,
              PolkuCsvRowStatus  status)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->rows));
  guint count = 0;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(PolkuCsvRow) row = g_list_model_get_item (G_LIST_MODEL (self->rows), i);

      count += polku_csv_row_get_status (row) == status;
    }
  return count;
}

guint
polku_csv_import_get_n_valid (PolkuCsvImport *self)
{
  g_return_val_if_fail (POLKU_IS_CSV_IMPORT (self), 0);
  return count_status (self, POLKU_CSV_ROW_VALID);
}

guint
polku_csv_import_get_n_invalid (PolkuCsvImport *self)
{
  g_return_val_if_fail (POLKU_IS_CSV_IMPORT (self), 0);
  return count_status (self, POLKU_CSV_ROW_INVALID);
}

guint
polku_csv_import_get_n_duplicate (PolkuCsvImport *self)
{
  g_return_val_if_fail (POLKU_IS_CSV_IMPORT (self), 0);
  return count_status (self, POLKU_CSV_ROW_DUPLICATE);
}

char
polku_csv_import_get_separator (PolkuCsvImport *self)
{
  g_return_val_if_fail (POLKU_IS_CSV_IMPORT (self), ';');
  return self->separator;
}

/* "UTF-8", "UTF-8 BOM" or "Windows-1252" */
const char *
polku_csv_import_get_encoding (PolkuCsvImport *self)
{
  g_return_val_if_fail (POLKU_IS_CSV_IMPORT (self), NULL);
  return self->encoding;
}

/**
 * polku_csv_import_get_columns:
 *
 * Returns: (transfer none): the column names of the header, as written
 */
const char * const *
polku_csv_import_get_columns (PolkuCsvImport *self)
{
  g_return_val_if_fail (POLKU_IS_CSV_IMPORT (self), NULL);
  return (const char * const *) self->columns;
}

/**
 * polku_csv_import_get_ignored_columns:
 *
 * Returns: (transfer none): the columns that Polku does not know and leaves out
 */
const char * const *
polku_csv_import_get_ignored_columns (PolkuCsvImport *self)
{
  g_return_val_if_fail (POLKU_IS_CSV_IMPORT (self), NULL);
  return (const char * const *) self->ignored_columns;
}

/* What polku_contact_same_event () compares, as one string. */
static char *
event_key (PolkuContact *contact)
{
  const char *fields[] = {
    polku_contact_get_date (contact), polku_contact_get_time (contact),
    polku_contact_get_type_id (contact), polku_contact_get_professional_id (contact),
    polku_contact_get_organisation (contact),
  };
  GString *key = g_string_new (polku_contact_get_no_show (contact) ? "1" : "0");

  /* Each field with its length, so that no two different events make the same key. */
  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    if (fields[i] == NULL)
      g_string_append (key, "|-");
    else
      g_string_append_printf (key, "|%" G_GSIZE_FORMAT ":%s", strlen (fields[i]), fields[i]);
  return g_string_free (key, FALSE);
}

/**
 * polku_csv_import_find_duplicates:
 *
 * Marks valid rows that the client's log has already (the same date, time, type,
 * professional, organisation and no-show) as %POLKU_CSV_ROW_DUPLICATE, so that importing
 * the same file twice does not count visits twice.
 */
gboolean
polku_csv_import_find_duplicates (PolkuCsvImport  *self,
                                  PolkuStore      *store,
                                  GError         **error)
{
  g_autoptr(GPtrArray) existing = NULL;
  g_autoptr(GHashTable) keys = NULL;
  guint n;

  g_return_val_if_fail (POLKU_IS_CSV_IMPORT (self), FALSE);
  g_return_val_if_fail (POLKU_IS_STORE (store), FALSE);

  existing = polku_contact_store_list (store, self->client_id, NULL, NULL, error);
  if (existing == NULL)
    return FALSE;

  keys = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  for (guint j = 0; j < existing->len; j++)
    g_hash_table_add (keys, event_key (g_ptr_array_index (existing, j)));

  n = g_list_model_get_n_items (G_LIST_MODEL (self->rows));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(PolkuCsvRow) row = g_list_model_get_item (G_LIST_MODEL (self->rows), i);
      g_autofree char *key = NULL;
      PolkuCsvRowStatus status;

      if (polku_csv_row_get_status (row) == POLKU_CSV_ROW_INVALID)
        continue;
      key = event_key (polku_csv_row_get_contact (row));
      status = g_hash_table_contains (keys, key) ? POLKU_CSV_ROW_DUPLICATE : POLKU_CSV_ROW_VALID;
      polku_csv_row_set_status (row, status);
    }
  return TRUE;
}

/**
 * polku_csv_import_commit:
 * @skip_bad_rows: write the valid rows even when other rows have errors
 * @out_n_written: (out) (optional): how many contacts were written
 *
 * Writes the valid rows (not the duplicates) to the log in one transaction, each with an
 * audit entry. With rows in error and @skip_bad_rows %FALSE, writes nothing and fails with
 * %POLKU_CSV_IMPORT_ERROR_BAD_ROWS.
 */
gboolean
polku_csv_import_commit (PolkuCsvImport  *self,
                         PolkuStore      *store,
                         gboolean         skip_bad_rows,
                         guint           *out_n_written,
                         GError         **error)
{
  g_autoptr(GPtrArray) contacts = g_ptr_array_new_with_free_func (g_object_unref);
  guint n_invalid;
  guint n;

  g_return_val_if_fail (POLKU_IS_CSV_IMPORT (self), FALSE);
  g_return_val_if_fail (POLKU_IS_STORE (store), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (out_n_written != NULL)
    *out_n_written = 0;

  /* Skipping that one bad row would skip every row after it without a word. */
  if (self->unclosed_quote_line > 0)
    {
      g_set_error (error, POLKU_CSV_IMPORT_ERROR, POLKU_CSV_IMPORT_ERROR_UNCLOSED_QUOTE,
                   _("A quote (\") opened in the row on line %u is never closed, so every "
                     "line after it was read as part of that one row. Nothing was imported: "
                     "close the quote and import again."),
                   self->unclosed_quote_line);
      return FALSE;
    }

  n_invalid = polku_csv_import_get_n_invalid (self);
  if (n_invalid > 0 && !skip_bad_rows)
    {
      g_set_error (error, POLKU_CSV_IMPORT_ERROR, POLKU_CSV_IMPORT_ERROR_BAD_ROWS,
                   g_dngettext (GETTEXT_PACKAGE,
                                "%u row has errors. Nothing was imported: correct the row, "
                                "or import the other rows without it.",
                                "%u rows have errors. Nothing was imported: correct the rows, "
                                "or import the other rows without them.", n_invalid),
                   n_invalid);
      return FALSE;
    }

  n = g_list_model_get_n_items (G_LIST_MODEL (self->rows));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(PolkuCsvRow) row = g_list_model_get_item (G_LIST_MODEL (self->rows), i);

      if (polku_csv_row_get_status (row) == POLKU_CSV_ROW_VALID)
        g_ptr_array_add (contacts, polku_contact_copy (polku_csv_row_get_contact (row)));
    }

  if (!polku_contact_store_add_all (store, self->client_id, contacts, error))
    return FALSE;

  /* Written rows would be duplicates now. */
  for (guint i = 0, c = 0; i < n; i++)
    {
      g_autoptr(PolkuCsvRow) row = g_list_model_get_item (G_LIST_MODEL (self->rows), i);

      if (polku_csv_row_get_status (row) != POLKU_CSV_ROW_VALID)
        continue;
      polku_csv_row_set_contact (row, g_ptr_array_index (contacts, c++));
      polku_csv_row_set_status (row, POLKU_CSV_ROW_DUPLICATE);
    }

  if (out_n_written != NULL)
    *out_n_written = contacts->len;
  return TRUE;
}
