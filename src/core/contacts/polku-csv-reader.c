/* polku-csv-reader.c: reading CSV text the RFC 4180 way, and finding its encoding
 *
 * Fields in double quotes may hold separators, line breaks and doubled quotes; lines end in
 * CRLF, LF or CR. The separator is what spreadsheets write in Finland: a semicolon (Finnish
 * Excel) or a comma. The text is UTF-8 with or without a byte-order mark, or Windows-1252
 * (Excel's "CSV (semicolon delimited)").
 *
 * Copyright 2026 The Polku authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "polku-csv-import"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "polku-csv-import-private.h"

void
polku_csv_record_free (PolkuCsvRecord *record)
{
  if (record == NULL)
    return;
  g_strfreev (record->fields);
  g_free (record->problem);
  g_free (record);
}

/**
 * polku_csv_guess_separator:
 *
 * Returns: the separator that the first record uses most (';', ',' or a tab); ';' when
 *   there is none
 */
char
polku_csv_guess_separator (const char *text,
                           gsize       length)
{
  guint semicolons = 0, commas = 0, tabs = 0;
  gboolean quoted = FALSE;

  for (gsize i = 0; i < length; i++)
    {
      char c = text[i];

      if (c == '"')
        quoted = !quoted;
      else if (quoted)
        continue;
      else if (c == '\n' || c == '\r')
        break;
      else if (c == ';')
        semicolons++;
      else if (c == ',')
        commas++;
      else if (c == '\t')
        tabs++;
    }

  if (commas > semicolons && commas >= tabs)
    return ',';
  if (tabs > semicolons && tabs > commas)
    return '\t';
  return ';';
}

typedef struct
{
  GPtrArray      *records;
  PolkuCsvRecord *current;
  GPtrArray      *fields;
  GString        *field;
} Reader;

static void
end_field (Reader *r)
{
  g_ptr_array_add (r->fields, g_strndup (r->field->str, r->field->len));
  g_string_truncate (r->field, 0);
}

static void
end_record (Reader *r)
{
  g_ptr_array_add (r->fields, NULL);
  r->current->fields = (GStrv) g_ptr_array_free (g_steal_pointer (&r->fields), FALSE);
  g_ptr_array_add (r->records, g_steal_pointer (&r->current));
  r->fields = g_ptr_array_new ();
}

static void
set_problem (PolkuCsvRecord *record,
             const char     *problem)
{
  if (record->problem == NULL)
    record->problem = g_strdup (problem);
}

/**
 * polku_csv_parse:
 * @text: UTF-8 text without a byte-order mark
 * @separator: ';', ',' or '\t'
 *
 * Reads records the RFC 4180 way. A record whose quoting is wrong (text after a closing
 * quote, a quote never closed) is kept with its problem set, so that the caller can report
 * it as that row's error.
 *
 * Returns: (transfer full) (element-type PolkuCsvRecord): the records, blank lines included
 *   (as records of one empty field)
 */
GPtrArray *
polku_csv_parse (const char *text,
                 gsize       length,
                 char        separator)
{
  Reader r = { 0 };
  gboolean in_quotes = FALSE;
  gboolean after_quote = FALSE;
  gboolean field_started = FALSE;
  guint line = 1;
  gsize i = 0;

  r.records = g_ptr_array_new_with_free_func ((GDestroyNotify) polku_csv_record_free);
  r.fields = g_ptr_array_new ();
  r.field = g_string_new (NULL);

  while (i < length)
    {
      char c = text[i];

      if (r.current == NULL)
        {
          r.current = g_new0 (PolkuCsvRecord, 1);
          r.current->line = line;
        }

      if (in_quotes)
        {
          if (c == '"' && i + 1 < length && text[i + 1] == '"')
            {
              g_string_append_c (r.field, '"');
              i += 2;
              continue;
            }
          if (c == '"')
            {
              in_quotes = FALSE;
              after_quote = TRUE;
              i++;
              continue;
            }
          /* A line break inside quotes is part of the field; CRLF becomes LF. */
          if (c == '\r' && i + 1 < length && text[i + 1] == '\n')
            {
              i++;
              c = '\n';
            }
          if (c == '\n' || c == '\r')
            {
              line++;
              c = '\n';
            }
          g_string_append_c (r.field, c);
          i++;
          continue;
        }

      if (c == separator)
        {
          end_field (&r);
          after_quote = FALSE;
          field_started = FALSE;
          i++;
        }
      else if (c == '\r' || c == '\n')
        {
          end_field (&r);
          end_record (&r);
          after_quote = FALSE;
          field_started = FALSE;
          if (c == '\r' && i + 1 < length && text[i + 1] == '\n')
            i++;
          i++;
          line++;
        }
      else if (c == '"' && !field_started)
        {
          in_quotes = TRUE;
          field_started = TRUE;
          i++;
        }
      else
        {
          if (after_quote)
            set_problem (r.current, _("there is text after a closing quote; a quote inside a "
                                      "quoted field must be doubled (\"\")."));
          /* A quote in the middle of an unquoted field is kept as it is, as spreadsheets
           * do. */
          g_string_append_c (r.field, c);
          field_started = TRUE;
          i++;
        }
    }

  if (in_quotes && r.current != NULL)
    r.current->unclosed = TRUE;
  if (in_quotes && r.current != NULL)
    set_problem (r.current, _("a quoted field is never closed: a closing quote (\") is "
                              "missing."));
  if (r.current != NULL)
    {
      end_field (&r);
      end_record (&r);
    }

  g_ptr_array_unref (r.fields);
  g_string_free (r.field, TRUE);
  return r.records;
}

char *
polku_csv_decode (GBytes      *bytes,
                  gsize       *out_length,
                  const char **out_encoding,
                  GError     **error)
{
  gsize size = 0;
  const char *data = g_bytes_get_data (bytes, &size);
  g_autoptr(GError) local_error = NULL;
  char *text;

  if (data == NULL)
    data = "";
  if (size >= 2 && (((guchar) data[0] == 0xff && (guchar) data[1] == 0xfe)
                    || ((guchar) data[0] == 0xfe && (guchar) data[1] == 0xff)))
    {
      g_set_error (error, POLKU_CSV_IMPORT_ERROR, POLKU_CSV_IMPORT_ERROR_FILE,
                   _("The file is in UTF-16. Save it as “CSV UTF-8” and try again."));
      return NULL;
    }
  if (size >= 3 && memcmp (data, "\xef\xbb\xbf", 3) == 0)
    {
      data += 3;
      size -= 3;
      *out_encoding = "UTF-8 BOM";
    }
  else
    *out_encoding = "UTF-8";

  if (memchr (data, '\0', size) != NULL)
    {
      g_set_error (error, POLKU_CSV_IMPORT_ERROR, POLKU_CSV_IMPORT_ERROR_FILE,
                   _("The file is not a text file. Save the table as CSV and try again."));
      return NULL;
    }

  if (g_utf8_validate_len (data, size, NULL))
    {
      *out_length = size;
      return g_strndup (data, size);
    }

  /* Excel's plain "CSV" is in the Windows code page. */
  text = g_convert (data, size, "UTF-8", "WINDOWS-1252", NULL, out_length, &local_error);
  if (text == NULL || !g_utf8_validate_len (text, *out_length, NULL))
    {
      g_free (text);
      g_set_error (error, POLKU_CSV_IMPORT_ERROR, POLKU_CSV_IMPORT_ERROR_FILE,
                   _("The file is neither UTF-8 nor Windows-1252 text. Save it as "
                     "“CSV UTF-8” and try again."));
      return NULL;
    }
  *out_encoding = "Windows-1252";
  return text;
}
