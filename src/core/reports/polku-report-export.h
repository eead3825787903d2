/* polku-report-export.h: a report as JSON, a pseudonymised CSV, a FHIR R4 Bundle and a PDF
 *
 * Copyright 2026 The Polku authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every export but the CSV is made from the report's JSON (polku_report_to_json ()): the
 * suppressed figures, so a cell under the threshold is "< 5" in each of them and never a
 * value. The CSV is one row per client for R or Excel: a keyed pseudonym instead of name and
 * identity code, months relative to the agreed date instead of dates, no free text, and the
 * provenance (format, county key fingerprint, period, threshold, when) in columns of every
 * row rather than a comment line, which Excel would show as data and R would need told about.
 *
 * Pseudonym = the first 32 hexadecimal digits of HMAC-SHA256 (county key, the identity code
 * as polku_hetu_normalize () writes it: no surrounding white space, upper case). A client
 * without an identity code gets the HMAC of "uuid:" + the client's id instead, which another
 * laptop cannot reproduce (unless the client came to it by sync, with the same id): the
 * column "combinable" says 0 for them.
 *
 * The functions here write; they do not record. Whoever exports (the CLI, the Reports window)
 * calls polku_report_export_record () before writing anything, so every export is in the
 * audit log (the report itself is recorded by polku_report_run ()).
 */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "polku-report.h"
#include "polku-store.h"

G_BEGIN_DECLS

#define POLKU_REPORT_EXPORT_ERROR (polku_report_export_error_quark ())

typedef enum
{
  POLKU_REPORT_EXPORT_ERROR_INVALID,   /* bad arguments (no key, unknown language …) */
  POLKU_REPORT_EXPORT_ERROR_MISMATCH,  /* CSV files that cannot be combined; nothing written */
  POLKU_REPORT_EXPORT_ERROR_CONFLICT,  /* the same client with different rows of equal age */
  POLKU_REPORT_EXPORT_ERROR_WRITE,     /* the file could not be made */
} PolkuReportExportError;

/* Audit actions, no client: POLKU_AUDIT_REPORT_EXPORT (polku-report.h) with the detail
 * "format=json|csv|fhir|pdf" ("key=FINGERPRINT" too for the CSV) and the query
 * (polku_report_query_describe ()), or this one with "files=N" for a combination. */
#define POLKU_AUDIT_REPORT_COMBINE "report.combine"

/* The value of the CSV's "format" column; a file with another is refused by combine. */
#define POLKU_REPORT_CSV_FORMAT "polku-report-csv/1"

GQuark    polku_report_export_error_quark (void);

/* The report's JSON, pretty-printed, UTF-8, ending in a newline. */
gboolean  polku_report_write_json   (PolkuReport         *report,
                                     GOutputStream       *out,
                                     GError             **error);
/* One row per client of the cohort (polku_report_get_client_rows ()), pseudonymised with
 * @county_key (POLKU_COUNTY_KEY_LENGTH bytes: polku_county_key_lookup ()). RFC 4180: CRLF
 * line ends, fields with a comma, quote or line end quoted, quotes doubled; a header row of
 * stable column names first. Numbers use a full stop, empty cells mean "no value". */
gboolean  polku_report_write_csv    (PolkuReport         *report,
                                     const guint8        *county_key,
                                     gsize                key_len,
                                     GOutputStream       *out,
                                     GError             **error);
/* A FHIR R4 Bundle (type "collection") of MeasureReport resources (status "complete", type
 * "summary", period = the query's), one group per figure. Returns (transfer full). */
JsonNode *polku_report_to_fhir      (PolkuReport         *report);
/* An A4 PDF at @path in @language ("fi", "sv" or "en"): title, period, filters, threshold,
 * every table with its chart beside it (polku_report_draw_chart (), paper style), page
 * numbers. The file is made under a temporary name and renamed into place, so a failure
 * leaves nothing at @path. */
gboolean  polku_report_write_pdf    (PolkuReport         *report,
                                     const char          *language,
                                     const char          *path,
                                     GError             **error);
/* Merges pseudonymised CSV files written by polku_report_write_csv () (on any laptop with the
 * same county key) into one, each client once: the same pseudonym in two files is one client,
 * and the row of the file with the later data ("data_as_of") is kept; two different rows of
 * the same client with the same data_as_of are refused (ERROR_CONFLICT). Files of another
 * format, with other columns, another county key fingerprint or another period are refused
 * (ERROR_MISMATCH) naming the file; nothing is written to @out unless every file is
 * accepted. @threshold (≥ 1) is the threshold written into the combined file's "threshold"
 * column; 0 keeps the files' own (the largest, when they differ). */
gboolean  polku_report_combine_csv  (const char * const  *paths,
                                     GOutputStream       *out,
                                     guint                threshold,
                                     GError             **error);

/* The pseudonym of a client (see above). @out_combinable: set to whether it came from the
 * identity code. Returns (transfer full) 32 lower-case hexadecimal digits. */
char     *polku_report_pseudonym    (const guint8        *county_key,
                                     gsize                key_len,
                                     const char          *identity_code,
                                     const char          *client_id,
                                     gboolean            *out_combinable);

/* Appends the export of @report to @store's audit log (POLKU_AUDIT_REPORT_EXPORT, no client):
 * call it before writing the export. @format: "json", "csv", "fhir" or "pdf";
 * @key_fingerprint: the county key's (polku_county_key_fingerprint ()) for "csv", else NULL. */
gboolean  polku_report_export_record (PolkuStore         *store,
                                      PolkuReport        *report,
                                      const char         *format,
                                      const char         *key_fingerprint,
                                      GError            **error);
/* The same for a combination (POLKU_AUDIT_REPORT_COMBINE, detail "files=N"), when a store
 * is open: call it before polku_report_combine_csv (). */
gboolean  polku_report_combine_record (PolkuStore        *store,
                                       guint              n_files,
                                       GError           **error);

G_END_DECLS
