/* polku-report-csv.c: the report's JSON and pseudonymised CSV exports, and combining CSVs
 *
 * Copyright 2026 The Polku authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Also the pieces the exports share: the error domain and the audit entries.
 *
 * The CSV (polku-report-export.h says what is in it) has no comment line: Excel shows one as
 * a data row and R's read.csv () needs to be told to skip it, so the provenance (format,
 * county key fingerprint, period, threshold, when) is in columns of every row, which also
 * lets combine check each row. Column names are stable: they are made from fixed words,
 * the periods (6, 12, 24 months) and the category ids of data/contact-types.json.
 *
 * Combining: the same pseudonym in two files is one client. Both laptops may hold the client
 * (say, after sync, or a client who moved between coordinators), and their figures may
 * differ because one laptop's log is more complete; the row from the newer export
 * ("data_as_of", the report's generated stamp) is kept. Two different rows with the same
 * stamp cannot be ordered (in practice: two client records with one identity code on one
 * laptop), and are refused rather than guessed at, naming the files and lines.
 */

#define G_LOG_DOMAIN "polku-report-export"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "polku-audit.h"
#include "polku-county-key.h"
#include "polku-date.h"
#include "polku-hetu.h"
#include "polku-json.h"
#include "polku-report-export.h"

G_DEFINE_QUARK (polku-report-export-error-quark, polku_report_export_error)

/* A combined file is at most this large (10,000 clients' rows are a few megabytes). */
#define MAX_CSV_BYTES (256 * 1024 * 1024)

/* The columns of provenance, written last on every row. */
static const char * const provenance_columns[] = {
  "format", "key_fingerprint", "period_from", "period_to", "threshold", "data_as_of",
};

/* --- JSON ---------------------------------------------------------------------------------- */

/**
 * polku_report_write_json:
 * @report: a report
 * @out: where to write
 * @error: a write error
 *
 * Writes the report's JSON (the suppressed figures), pretty-printed.
 *
 * Returns: whether all of it was written
 */
gboolean
polku_report_write_json (PolkuReport    *report,
                         GOutputStream  *out,
                         GError        **error)
{
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(JsonGenerator) generator = NULL;
  g_autofree char *text = NULL;
  gsize length = 0;

  g_return_val_if_fail (report != NULL, FALSE);
  g_return_val_if_fail (G_IS_OUTPUT_STREAM (out), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  root = polku_report_to_json (report);
  generator = json_generator_new ();
  json_generator_set_pretty (generator, TRUE);
  json_generator_set_indent (generator, 2);
  json_generator_set_root (generator, root);
  text = json_generator_to_data (generator, &length);

  return g_output_stream_write_all (out, text, length, NULL, NULL, error)
         && g_output_stream_write_all (out, "\n", 1, NULL, NULL, error);
}

/* --- The pseudonym ------------------------------------------------------------------------- */

/**
 * polku_report_pseudonym:
 * @county_key: the county key
 * @key_len: its length
 * @identity_code: (nullable): the client's identity code
 * @client_id: the client's id
 * @out_combinable: (out) (optional): whether the pseudonym came from the identity code
 *
 * Returns: (transfer full): 32 lower-case hexadecimal digits
 */
char *
polku_report_pseudonym (const guint8 *county_key,
                        gsize         key_len,
                        const char   *identity_code,
                        const char   *client_id,
                        gboolean     *out_combinable)
{
  g_autoptr(GHmac) hmac = NULL;
  g_autofree char *normal = NULL;
  gboolean combinable;

  g_return_val_if_fail (county_key != NULL && key_len > 0, NULL);
  g_return_val_if_fail (client_id != NULL, NULL);

  if (identity_code != NULL)
    normal = polku_hetu_normalize (identity_code);
  combinable = normal != NULL && normal[0] != '\0';

  hmac = g_hmac_new (G_CHECKSUM_SHA256, county_key, key_len);
  if (combinable)
    g_hmac_update (hmac, (const guchar *) normal, strlen (normal));
  else
    {
      g_hmac_update (hmac, (const guchar *) "uuid:", 5);
      g_hmac_update (hmac, (const guchar *) client_id, strlen (client_id));
    }
  if (normal != NULL)
    explicit_bzero (normal, strlen (normal));

  if (out_combinable != NULL)
    *out_combinable = combinable;
  return g_strndup (g_hmac_get_string (hmac), 32);
}

/* --- Writing CSV --------------------------------------------------------------------------- */

/* RFC 4180: a field with a comma, a quote or a line end is quoted, its quotes doubled. */
static void
append_field (GString    *line,
              const char *value,
              gboolean    first)
{
  if (!first)
    g_string_append_c (line, ',');
  if (value == NULL)
    return;
  if (strpbrk (value, ",\"\r\n") == NULL)
    {
      g_string_append (line, value);
      return;
    }
  g_string_append_c (line, '"');
  for (const char *p = value; *p != '\0'; p++)
    {
      if (*p == '"')
        g_string_append_c (line, '"');
      g_string_append_c (line, *p);
    }
  g_string_append_c (line, '"');
}

/* A number as R and Excel read it: a full stop, no exponent, no trailing zeros; "" for none. */
static char *
format_number (double value)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];
  char *text;
  char *end;

  if (isnan (value) || isinf (value))
    return g_strdup ("");
  if (value > -1e15 && value < 1e15 && value == (double) (gint64) value)
    return g_strdup_printf ("%.0f", value);

  text = g_strdup (g_ascii_formatd (buffer, sizeof buffer, "%.6f", value));
  end = text + strlen (text) - 1;
  while (end > text && *end == '0')
    *end-- = '\0';
  if (*end == '.')
    *end = '\0';
  return text;
}

static char *
format_lookup (GHashTable *table,
               const char *key)
{
  const double *value = table != NULL ? g_hash_table_lookup (table, key) : NULL;

  return value != NULL ? format_number (*value) : g_strdup ("");
}

static char *
format_int (int value,
            int none)
{
  return value == none ? g_strdup ("") : g_strdup_printf ("%d", value);
}

static GPtrArray *
csv_columns (PolkuReport *report)
{
  const char * const *categories = polku_report_get_category_ids (report);
  GPtrArray *columns = g_ptr_array_new_with_free_func (g_free);
  static const char * const leading[] = {
    "pseudonym", "combinable", "age_band", "municipality", "sector", "closed", "closed_code",
    "consent_given", "included_months", "days_to_first_contact", "days_to_mapping_visit",
    "days_to_agreed_plan",
  };

  for (guint i = 0; i < G_N_ELEMENTS (leading); i++)
    g_ptr_array_add (columns, g_strdup (leading[i]));
  for (guint p = 0; p < G_N_ELEMENTS (polku_report_periods); p++)
    for (guint c = 0; categories[c] != NULL; c++)
      {
        g_ptr_array_add (columns, g_strdup_printf ("before_%um_%s", polku_report_periods[p],
                                                   categories[c]));
        g_ptr_array_add (columns, g_strdup_printf ("after_%um_%s", polku_report_periods[p],
                                                   categories[c]));
      }
  for (guint p = 0; p < G_N_ELEMENTS (polku_report_periods); p++)
    {
      guint m = polku_report_periods[p];

      g_ptr_array_add (columns, g_strdup_printf ("coci_before_%um", m));
      g_ptr_array_add (columns, g_strdup_printf ("coci_after_%um", m));
      g_ptr_array_add (columns, g_strdup_printf ("upc_before_%um", m));
      g_ptr_array_add (columns, g_strdup_printf ("upc_after_%um", m));
    }
  for (guint d = 0; d < G_N_ELEMENTS (polku_report_whoqol_domains); d++)
    g_ptr_array_add (columns, g_strdup_printf ("whoqol_baseline_%s",
                                               polku_report_whoqol_domains[d]));
  for (guint d = 0; d < G_N_ELEMENTS (polku_report_whoqol_domains); d++)
    g_ptr_array_add (columns, g_strdup_printf ("whoqol_latest_%s",
                                               polku_report_whoqol_domains[d]));
  g_ptr_array_add (columns, g_strdup ("whoqol_baseline_month"));
  g_ptr_array_add (columns, g_strdup ("whoqol_latest_month"));
  g_ptr_array_add (columns, g_strdup ("satisfaction"));
  g_ptr_array_add (columns, g_strdup ("satisfaction_month"));
  for (guint i = 0; i < G_N_ELEMENTS (provenance_columns); i++)
    g_ptr_array_add (columns, g_strdup (provenance_columns[i]));
  return columns;
}

static void
append_row (GString                    *text,
            PolkuReport                *report,
            const PolkuReportClientRow *row,
            const guint8               *county_key,
            gsize                       key_len,
            const char * const         *provenance)
{
  const char * const *categories = polku_report_get_category_ids (report);
  g_autoptr(GPtrArray) fields = g_ptr_array_new_with_free_func (g_free);
  gboolean combinable = FALSE;
  char *pseudonym = polku_report_pseudonym (county_key, key_len, row->identity_code,
                                            row->client_id, &combinable);

  g_ptr_array_add (fields, pseudonym);
  g_ptr_array_add (fields, g_strdup (combinable ? "1" : "0"));
  g_ptr_array_add (fields, g_strdup (row->birth_year_band));
  g_ptr_array_add (fields, g_strdup (row->municipality));
  g_ptr_array_add (fields, g_strdup (row->sector));
  g_ptr_array_add (fields, g_strdup (row->closed ? "1" : "0"));
  g_ptr_array_add (fields, g_strdup (row->closed_code));
  g_ptr_array_add (fields, g_strdup (row->consent_given ? "1" : "0"));
  g_ptr_array_add (fields, g_strdup_printf ("%d", row->included_months));
  g_ptr_array_add (fields, format_int (row->days_to_first_contact, -1));
  g_ptr_array_add (fields, format_int (row->days_to_mapping_visit, -1));
  g_ptr_array_add (fields, format_int (row->days_to_agreed_plan, -1));

  for (guint p = 0; p < G_N_ELEMENTS (polku_report_periods); p++)
    for (guint c = 0; categories[c] != NULL; c++)
      {
        g_autofree char *key = g_strdup_printf ("%u/%s", polku_report_periods[p],
                                                categories[c]);

        g_ptr_array_add (fields, format_lookup (row->before, key));
        g_ptr_array_add (fields, format_lookup (row->after, key));
      }
  for (guint p = 0; p < G_N_ELEMENTS (polku_report_periods); p++)
    {
      static const char * const parts[] = {
        "before/coci", "after/coci", "before/upc", "after/upc",
      };

      for (guint i = 0; i < G_N_ELEMENTS (parts); i++)
        {
          g_autofree char *key = g_strdup_printf ("%u/%s", polku_report_periods[p], parts[i]);

          g_ptr_array_add (fields, format_lookup (row->continuity, key));
        }
    }
  for (guint d = 0; d < G_N_ELEMENTS (polku_report_whoqol_domains); d++)
    g_ptr_array_add (fields, format_number (row->whoqol_baseline[d]));
  for (guint d = 0; d < G_N_ELEMENTS (polku_report_whoqol_domains); d++)
    g_ptr_array_add (fields, format_number (row->whoqol_latest[d]));
  g_ptr_array_add (fields, format_int (row->whoqol_baseline_months, G_MININT));
  g_ptr_array_add (fields, format_int (row->whoqol_latest_months, G_MININT));
  g_ptr_array_add (fields, format_int (row->satisfaction, 0));
  g_ptr_array_add (fields, format_int (row->satisfaction_months, G_MININT));
  for (guint i = 0; i < G_N_ELEMENTS (provenance_columns); i++)
    g_ptr_array_add (fields, g_strdup (provenance[i]));

  for (guint i = 0; i < fields->len; i++)
    append_field (text, g_ptr_array_index (fields, i), i == 0);
  g_string_append (text, "\r\n");
}

static char *
report_generated (PolkuReport *report)
{
  g_autoptr(JsonNode) root = polku_report_to_json (report);
  JsonObject *object = JSON_NODE_HOLDS_OBJECT (root) ? json_node_get_object (root) : NULL;
  const char *stamp = object != NULL
                      ? json_object_get_string_member_with_default (object, "generated", NULL)
                      : NULL;

  return g_strdup (stamp != NULL ? stamp : "");
}

/**
 * polku_report_write_csv:
 * @report: a report
 * @county_key: the county key (polku_county_key_lookup ())
 * @key_len: POLKU_COUNTY_KEY_LENGTH
 * @out: where to write
 * @error: POLKU_REPORT_EXPORT_ERROR_INVALID, or a write error
 *
 * One pseudonymised row per cohort client (see polku-report-export.h). The whole file is
 * made in memory first, so a bad key writes nothing.
 *
 * Returns: whether all of it was written
 */
gboolean
polku_report_write_csv (PolkuReport    *report,
                        const guint8   *county_key,
                        gsize           key_len,
                        GOutputStream  *out,
                        GError        **error)
{
  const PolkuReportQuery *query;
  g_autoptr(GPtrArray) columns = NULL;
  g_autoptr(GBytes) key = NULL;
  g_autoptr(GString) text = NULL;
  g_autofree char *fingerprint = NULL;
  g_autofree char *threshold = NULL;
  g_autofree char *generated = NULL;
  const char *provenance[G_N_ELEMENTS (provenance_columns)];
  GPtrArray *rows;
  gboolean ok;

  g_return_val_if_fail (report != NULL, FALSE);
  g_return_val_if_fail (G_IS_OUTPUT_STREAM (out), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (county_key == NULL || key_len != POLKU_COUNTY_KEY_LENGTH)
    {
      g_set_error (error, POLKU_REPORT_EXPORT_ERROR, POLKU_REPORT_EXPORT_ERROR_INVALID,
                   _("A pseudonymised file needs the county key (%u bytes). Import the key "
                     "file of your wellbeing county first."), (guint) POLKU_COUNTY_KEY_LENGTH);
      return FALSE;
    }

  query = polku_report_get_query (report);
  key = g_bytes_new_static (county_key, key_len);
  fingerprint = polku_county_key_fingerprint (key);
  threshold = g_strdup_printf ("%u", polku_report_get_threshold (report));
  generated = report_generated (report);
  provenance[0] = POLKU_REPORT_CSV_FORMAT;
  provenance[1] = fingerprint;
  provenance[2] = query->from;
  provenance[3] = query->to;
  provenance[4] = threshold;
  provenance[5] = generated;

  text = g_string_new (NULL);
  columns = csv_columns (report);
  for (guint i = 0; i < columns->len; i++)
    append_field (text, g_ptr_array_index (columns, i), i == 0);
  g_string_append (text, "\r\n");

  rows = polku_report_get_client_rows (report);
  for (guint i = 0; i < rows->len; i++)
    append_row (text, report, g_ptr_array_index (rows, i), county_key, key_len, provenance);

  ok = g_output_stream_write_all (out, text->str, text->len, NULL, NULL, error);
  explicit_bzero (text->str, text->len);
  return ok;
}

/* --- Reading CSV --------------------------------------------------------------------------- */

typedef struct
{
  GPtrArray *fields;  /* of char * */
  guint      line;    /* where the record starts, from 1 */
} Record;

static void
record_free (gpointer data)
{
  Record *record = data;

  g_ptr_array_unref (record->fields);
  g_free (record);
}

/* Parses RFC 4180 text (CRLF or LF line ends; a last line with or without its end) into
 * records. */
static GPtrArray *
parse_csv (const char  *text,
           gsize        length,
           const char  *display,
           GError     **error)
{
  g_autoptr(GPtrArray) records = g_ptr_array_new_with_free_func (record_free);
  g_autoptr(GString) field = g_string_new (NULL);
  Record *record = NULL;
  gsize i = 0;
  guint line = 1;

  if (!g_utf8_validate (text, length, NULL))
    {
      g_set_error (error, POLKU_REPORT_EXPORT_ERROR, POLKU_REPORT_EXPORT_ERROR_MISMATCH,
                   _("“%s” is not a pseudonymised report file: it is not UTF-8 text."),
                   display);
      return NULL;
    }
  /* A byte-order mark, as a spreadsheet may add on saving. */
  if (length >= 3 && memcmp (text, "\xEF\xBB\xBF", 3) == 0)
    i = 3;

  while (i < length)
    {
      gboolean quoted = FALSE;

      if (record == NULL)
        {
          record = g_new0 (Record, 1);
          record->fields = g_ptr_array_new_with_free_func (g_free);
          record->line = line;
        }
      g_string_truncate (field, 0);

      if (text[i] == '"')
        {
          quoted = TRUE;
          i++;
          for (;;)
            {
              if (i >= length)
                {
                  g_set_error (error, POLKU_REPORT_EXPORT_ERROR,
                               POLKU_REPORT_EXPORT_ERROR_MISMATCH,
                               _("“%s”, line %u: a quoted field is not closed."), display,
                               record->line);
                  record_free (record);
                  return NULL;
                }
              if (text[i] == '"' && i + 1 < length && text[i + 1] == '"')
                {
                  g_string_append_c (field, '"');
                  i += 2;
                }
              else if (text[i] == '"')
                {
                  i++;
                  break;
                }
              else
                {
                  if (text[i] == '\n')
                    line++;
                  g_string_append_c (field, text[i++]);
                }
            }
        }
      else
        while (i < length && text[i] != ',' && text[i] != '\r' && text[i] != '\n')
          {
            if (text[i] == '"')
              {
                g_set_error (error, POLKU_REPORT_EXPORT_ERROR,
                             POLKU_REPORT_EXPORT_ERROR_MISMATCH,
                             _("“%s”, line %u: a quote inside a field that is not quoted."),
                             display, line);
                record_free (record);
                return NULL;
              }
            g_string_append_c (field, text[i++]);
          }

      g_ptr_array_add (record->fields, g_strndup (field->str, field->len));

      if (i < length && text[i] == ',')
        {
          i++;
          if (i == length)
            g_ptr_array_add (record->fields, g_strdup (""));
          continue;
        }
      if (i < length && text[i] != '\r' && text[i] != '\n')
        {
          g_set_error (error, POLKU_REPORT_EXPORT_ERROR, POLKU_REPORT_EXPORT_ERROR_MISMATCH,
                       _("“%s”, line %u: text after a quoted field."), display, line);
          record_free (record);
          return NULL;
        }
      if (i < length && text[i] == '\r')
        i++;
      if (i < length && text[i] == '\n')
        i++;
      line++;
      /* A blank line (a spreadsheet may leave one at the end) is no record. */
      if (record->fields->len == 1 && ((char *) g_ptr_array_index (record->fields, 0))[0] == '\0'
          && !quoted)
        record_free (record);
      else
        g_ptr_array_add (records, record);
      record = NULL;
    }
  if (record != NULL)
    g_ptr_array_add (records, record);

  return g_steal_pointer (&records);
}

/* --- Combining ----------------------------------------------------------------------------- */

typedef struct
{
  const char *display;
  GPtrArray  *records;   /* the file's records (the header first) */
} CsvFile;

typedef struct
{
  Record     *record;    /* borrowed from its file */
  guint       file;
} Kept;

static int
column_index (GPtrArray  *header,
              const char *name)
{
  for (guint i = 0; i < header->len; i++)
    if (g_strcmp0 (g_ptr_array_index (header, i), name) == 0)
      return (int) i;
  return -1;
}

static const char *
field_at (Record *record,
          int     column)
{
  return g_ptr_array_index (record->fields, column);
}

static gboolean
same_fields (Record *a,
             Record *b,
             int     skip)
{
  if (a->fields->len != b->fields->len)
    return FALSE;
  for (guint i = 0; i < a->fields->len; i++)
    if ((int) i != skip && g_strcmp0 (g_ptr_array_index (a->fields, i),
                                      g_ptr_array_index (b->fields, i)) != 0)
      return FALSE;
  return TRUE;
}

static gboolean
is_pseudonym (const char *text)
{
  if (strlen (text) != 32)
    return FALSE;
  for (const char *p = text; *p != '\0'; p++)
    if (!g_ascii_isxdigit (*p) || g_ascii_isupper (*p))
      return FALSE;
  return TRUE;
}

static void
csv_file_clear (CsvFile *file)
{
  g_clear_pointer (&file->records, g_ptr_array_unref);
  g_free ((char *) file->display);
}

/* Checks one file on its own: the header has the columns combine needs, every record has as
 * many fields as the header, every row is of this format with one fingerprint and period. */
static gboolean
check_file (CsvFile     *file,
            char       **fingerprint,
            char       **period,
            guint       *threshold,
            GError     **error)
{
  static const char * const required[] = {
    "pseudonym", "combinable", "format", "key_fingerprint", "period_from", "period_to",
    "threshold", "data_as_of",
  };
  GPtrArray *header;
  int pseudonym, format, key, from, to, limit, stamp;

  if (file->records->len == 0)
    {
      g_set_error (error, POLKU_REPORT_EXPORT_ERROR, POLKU_REPORT_EXPORT_ERROR_MISMATCH,
                   _("“%s” is empty, not a pseudonymised report file."), file->display);
      return FALSE;
    }
  header = ((Record *) g_ptr_array_index (file->records, 0))->fields;
  for (guint i = 0; i < G_N_ELEMENTS (required); i++)
    if (column_index (header, required[i]) < 0)
      {
        g_set_error (error, POLKU_REPORT_EXPORT_ERROR, POLKU_REPORT_EXPORT_ERROR_MISMATCH,
                     _("“%s” is not a pseudonymised report file of Polku: it has no column "
                       "“%s”. Export it again with polku-cli report --format csv."),
                     file->display, required[i]);
        return FALSE;
      }
  pseudonym = column_index (header, "pseudonym");
  format = column_index (header, "format");
  key = column_index (header, "key_fingerprint");
  from = column_index (header, "period_from");
  to = column_index (header, "period_to");
  limit = column_index (header, "threshold");
  stamp = column_index (header, "data_as_of");

  for (guint r = 1; r < file->records->len; r++)
    {
      Record *record = g_ptr_array_index (file->records, r);
      g_autofree char *row_period = NULL;
      guint64 row_threshold = 0;

      if (record->fields->len != header->len)
        {
          g_set_error (error, POLKU_REPORT_EXPORT_ERROR, POLKU_REPORT_EXPORT_ERROR_MISMATCH,
                       _("“%s”, line %u: %u fields where the header has %u. The file has "
                         "been changed since it was exported; export it again."),
                       file->display, record->line, record->fields->len, header->len);
          return FALSE;
        }
      if (g_strcmp0 (field_at (record, format), POLKU_REPORT_CSV_FORMAT) != 0)
        {
          g_set_error (error, POLKU_REPORT_EXPORT_ERROR, POLKU_REPORT_EXPORT_ERROR_MISMATCH,
                       _("“%s”, line %u: the format is “%s”, not “%s”. Files of another "
                         "version of Polku cannot be combined; export them again."),
                       file->display, record->line, field_at (record, format),
                       POLKU_REPORT_CSV_FORMAT);
          return FALSE;
        }
      if (!is_pseudonym (field_at (record, pseudonym))
          || field_at (record, stamp)[0] == '\0'
          || !g_ascii_string_to_unsigned (field_at (record, limit), 10, 1, G_MAXUINT,
                                          &row_threshold, NULL))
        {
          g_set_error (error, POLKU_REPORT_EXPORT_ERROR, POLKU_REPORT_EXPORT_ERROR_MISMATCH,
                       _("“%s”, line %u: the pseudonym, threshold or export time is not as "
                         "Polku writes it. The file has been changed since it was exported; "
                         "export it again."), file->display, record->line);
          return FALSE;
        }
      if (*fingerprint == NULL)
        *fingerprint = g_strdup (field_at (record, key));
      else if (g_strcmp0 (*fingerprint, field_at (record, key)) != 0)
        {
          g_set_error (error, POLKU_REPORT_EXPORT_ERROR, POLKU_REPORT_EXPORT_ERROR_MISMATCH,
                       _("“%s”, line %u: made with the county key %s, but the files before "
                         "it with %s. Files made with different county keys give the same "
                         "client different pseudonyms and cannot be combined: export every "
                         "file again with the county’s key."),
                       file->display, record->line, field_at (record, key), *fingerprint);
          return FALSE;
        }
      {
        g_autofree char *shown_from = polku_date_format_user (field_at (record, from));
        g_autofree char *shown_to = polku_date_format_user (field_at (record, to));

        row_period = g_strdup_printf ("%s–%s", shown_from, shown_to);
      }
      if (*period == NULL)
        *period = g_steal_pointer (&row_period);
      else if (g_strcmp0 (*period, row_period) != 0)
        {
          g_set_error (error, POLKU_REPORT_EXPORT_ERROR, POLKU_REPORT_EXPORT_ERROR_MISMATCH,
                       _("“%s”, line %u: a report of the plans agreed %s, but the files "
                         "before it are of %s. Combine reports of the same period: export "
                         "them again with the same --from and --to."),
                       file->display, record->line, row_period, *period);
          return FALSE;
        }
      *threshold = MAX (*threshold, (guint) row_threshold);
    }
  return TRUE;
}

/**
 * polku_report_combine_csv:
 * @paths: (array zero-terminated=1): the files, at least one
 * @out: where to write the combined file
 * @threshold: the threshold to record; 0 keeps the files' own
 * @error: POLKU_REPORT_EXPORT_ERROR_MISMATCH or _CONFLICT naming the file, or a file error
 *
 * See polku-report-export.h. Nothing is written to @out unless every file is accepted.
 *
 * Returns: whether the combined file was written
 */
gboolean
polku_report_combine_csv (const char * const  *paths,
                          GOutputStream       *out,
                          guint                threshold,
                          GError             **error)
{
  g_autoptr(GArray) files = NULL;
  g_autoptr(GHashTable) kept = NULL;       /* pseudonym → Kept */
  g_autoptr(GPtrArray) order = NULL;       /* pseudonyms in the order first met */
  g_autoptr(GString) text = NULL;
  g_autofree char *fingerprint = NULL;
  g_autofree char *period = NULL;
  g_autofree char *threshold_text = NULL;
  GPtrArray *header = NULL;
  guint files_threshold = 0;
  int pseudonym_column, stamp_column, threshold_column;
  gboolean ok = FALSE;

  g_return_val_if_fail (paths != NULL, FALSE);
  g_return_val_if_fail (G_IS_OUTPUT_STREAM (out), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (paths[0] == NULL)
    {
      g_set_error (error, POLKU_REPORT_EXPORT_ERROR, POLKU_REPORT_EXPORT_ERROR_INVALID,
                   _("Name the pseudonymised report files to combine."));
      return FALSE;
    }

  files = g_array_new (FALSE, TRUE, sizeof (CsvFile));
  g_array_set_clear_func (files, (GDestroyNotify) csv_file_clear);

  for (guint f = 0; paths[f] != NULL; f++)
    {
      g_autoptr(GBytes) bytes = NULL;
      CsvFile file = { NULL, NULL };
      GPtrArray *file_header;
      gsize length = 0;
      const char *data;

      file.display = g_filename_display_name (paths[f]);
      g_array_append_val (files, file);
      bytes = polku_read_file_bounded (paths[f], MAX_CSV_BYTES, error);
      if (bytes == NULL)
        return FALSE;
      data = g_bytes_get_data (bytes, &length);
      g_array_index (files, CsvFile, f).records = parse_csv (data, length, file.display, error);
      if (g_array_index (files, CsvFile, f).records == NULL)
        return FALSE;
      if (!check_file (&g_array_index (files, CsvFile, f), &fingerprint, &period,
                       &files_threshold, error))
        return FALSE;

      file_header = ((Record *) g_ptr_array_index (g_array_index (files, CsvFile, f).records,
                                                   0))->fields;
      if (header == NULL)
        header = file_header;
      else if (header->len != file_header->len
               || !same_fields (g_ptr_array_index (g_array_index (files, CsvFile, 0).records, 0),
                                g_ptr_array_index (g_array_index (files, CsvFile, f).records, 0),
                                -1))
        {
          g_set_error (error, POLKU_REPORT_EXPORT_ERROR, POLKU_REPORT_EXPORT_ERROR_MISMATCH,
                       _("“%s” has other columns than “%s” (another version of Polku, or "
                         "another list of contact types). Export both again on laptops with "
                         "the same Polku and the county’s contact types."),
                       file.display, g_array_index (files, CsvFile, 0).display);
          return FALSE;
        }
    }

  pseudonym_column = column_index (header, "pseudonym");
  stamp_column = column_index (header, "data_as_of");
  threshold_column = column_index (header, "threshold");

  kept = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
  order = g_ptr_array_new ();
  for (guint f = 0; f < files->len; f++)
    {
      CsvFile *file = &g_array_index (files, CsvFile, f);

      for (guint r = 1; r < file->records->len; r++)
        {
          Record *record = g_ptr_array_index (file->records, r);
          const char *pseudonym = field_at (record, pseudonym_column);
          Kept *old = g_hash_table_lookup (kept, pseudonym);
          int newer;

          if (old == NULL)
            {
              Kept *entry = g_new0 (Kept, 1);

              entry->record = record;
              entry->file = f;
              g_hash_table_insert (kept, (gpointer) pseudonym, entry);
              g_ptr_array_add (order, (gpointer) pseudonym);
              continue;
            }

          newer = strcmp (field_at (record, stamp_column), field_at (old->record, stamp_column));
          if (newer > 0)
            {
              /* The table's key stays the older record's pseudonym: the same text, and it
               * lives as long as @files. */
              old->record = record;
              old->file = f;
            }
          else if (newer == 0 && !same_fields (record, old->record, -1))
            {
              CsvFile *old_file = &g_array_index (files, CsvFile, old->file);

              g_set_error (error, POLKU_REPORT_EXPORT_ERROR, POLKU_REPORT_EXPORT_ERROR_CONFLICT,
                           _("“%s”, line %u and “%s”, line %u are different rows for the same "
                             "client made by the same export, so neither can be taken as the "
                             "newer. Usually one laptop has two client records with the same "
                             "identity code: merge them there, export again and combine."),
                           old_file->display, old->record->line, file->display, record->line);
              return FALSE;
            }
        }
    }

  threshold_text = g_strdup_printf ("%u", threshold > 0 ? threshold : MAX (files_threshold, 1));
  text = g_string_new (NULL);
  for (guint i = 0; i < header->len; i++)
    append_field (text, g_ptr_array_index (header, i), i == 0);
  g_string_append (text, "\r\n");
  for (guint i = 0; i < order->len; i++)
    {
      Kept *entry = g_hash_table_lookup (kept, g_ptr_array_index (order, i));

      for (guint c = 0; c < entry->record->fields->len; c++)
        append_field (text, (int) c == threshold_column ? threshold_text
                                                        : field_at (entry->record, c), c == 0);
      g_string_append (text, "\r\n");
    }

  ok = g_output_stream_write_all (out, text->str, text->len, NULL, NULL, error);
  g_debug ("combined %u files: %u clients", files->len, order->len);
  return ok;
}

/* --- Audit --------------------------------------------------------------------------------- */

/**
 * polku_report_export_record:
 * @store: the store the report was made from
 * @report: the report
 * @format: "json", "csv", "fhir" or "pdf"
 * @key_fingerprint: (nullable): the county key's fingerprint, for "csv"
 * @error: a store error
 *
 * Returns: whether the export is in the audit log
 */
gboolean
polku_report_export_record (PolkuStore   *store,
                            PolkuReport  *report,
                            const char   *format,
                            const char   *key_fingerprint,
                            GError      **error)
{
  g_autofree char *query = NULL;
  g_autoptr(GString) detail = NULL;

  g_return_val_if_fail (POLKU_IS_STORE (store), FALSE);
  g_return_val_if_fail (report != NULL, FALSE);
  g_return_val_if_fail (format != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  detail = g_string_new (NULL);
  g_string_append_printf (detail, "format=%s", format);
  if (key_fingerprint != NULL)
    g_string_append_printf (detail, " key=%s", key_fingerprint);
  query = polku_report_query_describe (polku_report_get_query (report));
  if (query != NULL && query[0] != '\0')
    g_string_append_printf (detail, " %s", query);

  return polku_audit_record (store, POLKU_AUDIT_REPORT_EXPORT, NULL, detail->str, error);
}

/**
 * polku_report_combine_record:
 * @store: the open store
 * @n_files: how many files are combined
 * @error: a store error
 *
 * Returns: whether the combination is in the audit log
 */
gboolean
polku_report_combine_record (PolkuStore  *store,
                             guint        n_files,
                             GError     **error)
{
  g_autofree char *detail = NULL;

  g_return_val_if_fail (POLKU_IS_STORE (store), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  detail = g_strdup_printf ("files=%u", n_files);
  return polku_audit_record (store, POLKU_AUDIT_REPORT_COMBINE, NULL, detail, error);
}
