/* polku-report-private.h: what the files of the report share (not for other modules)
 *
 * Copyright 2026 The Polku authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The run (polku-report.c) reads the store (polku-report-cohort.c) into one ReportClient per
 * client with a case, computes the exact figures (polku-report-figures.c, costs in
 * polku-report-costs.c) into "raw" JSON in which every figure is an exact cell object
 * {"cell": true, "value", "n", "base"?, "share"?}; polku_report_to_json ()
 * (polku-report-json.c) copies it and applies the small-number rules
 * (polku-report-suppress.c). The raw tree never leaves the report.
 */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>
#include <sqlcipher/sqlite3.h>

#include "polku-report.h"

G_BEGIN_DECLS

#define REPORT_N_PERIODS 3
#define REPORT_N_DOMAINS 4

typedef enum
{
  LEFT_OUT_NONE = 0,
  LEFT_OUT_AFTER_INCOMPLETE,
  LEFT_OUT_DIED,
  LEFT_OUT_MOVED_AWAY,
  LEFT_OUT_N,
} ReportLeftOut;

/* Of a client's coordinator periods (or team rows), the one kept so far: an open (current)
 * one, else the one begun last, then created last. */
typedef struct
{
  gboolean  open;
  char     *begun;                /* NULL until a row is kept */
  char     *created;
} ReportLatest;

/* One client with a case (the cohort and the process population are drawn from these). */
typedef struct
{
  PolkuReportClientRow row;       /* first: the rows array points here */
  /* facts read from the store */
  char     *birth_date;
  char     *phase;
  char     *closed_on;            /* the latest change to "closed" */
  char     *coordinator;          /* the open period's person, else the last one's */
  char     *unit;                 /* that coordinator's team_member organisation */
  char     *review_on;
  char     *identified_on;
  char     *contacted_on;         /* first change to "contacted" */
  char     *visit_on;             /* first mapping visit held, else change to "visit_held" */
  gboolean  archived;
  gboolean  has_plan;
  /* what the facts' reads keep while they look for the first or the latest row */
  char     *first_change;         /* the first change of phase */
  char     *visit_phase;          /* the first change to "visit_held" */
  char     *visit_held;           /* the first mapping visit held */
  char     *sign_on;              /* the earliest warning sign not retracted */
  char     *sign_created;
  ReportLatest period;            /* the coordinator's period (open: the coordinator's) */
  ReportLatest team_row;          /* the coordinator's team row */
  /* the cohort */
  gboolean  in_cohort;
  gboolean  in_process;
  GDate     agreed;
  GDate     before_start[REPORT_N_PERIODS];
  GDate     after_end[REPORT_N_PERIODS];   /* the first day after the after-period */
  guint32   before_start_j[REPORT_N_PERIODS];
  guint32   agreed_j;
  guint32   after_end_j[REPORT_N_PERIODS];
  gboolean  included[REPORT_N_PERIODS];
  ReportLeftOut left_out[REPORT_N_PERIODS];
  double   *counts;               /* [period][side][category], see COUNT () */
  GArray   *visits;               /* PolkuVisit of the continuity filter's visits; strings
                                   * owned by the report's string chunk */
  double    coci[REPORT_N_PERIODS][2];
  double    upc[REPORT_N_PERIODS][2];
  guint     cont_visits[REPORT_N_PERIODS][2];
} ReportClient;

/* A complete WHOQOL-BREF of a cohort client (polku-report-figures.c), scored in a thread of
 * its own while the contacts are read. */
typedef struct
{
  ReportClient *client;
  const char   *date;       /* the report's string chunk */
  gboolean      baseline;
  char         *id;
  char         *answers;    /* the JSON text, freed once scored */
  gboolean      complete;   /* scored with every domain: not discarded */
  double        values[REPORT_N_DOMAINS];
} WhoqolRow;

#define COUNT(report, client, period, side, category) \
  ((client)->counts[((period) * 2 + (side)) * (report)->n_categories + (category)])

struct _PolkuReport
{
  gatomicrefcount    ref_count;
  PolkuReportQuery  *query;
  char              *language;
  char              *today;
  char              *generated;
  GDate              today_date;
  guint              threshold;
  /* categories: ids and labels in the report's language */
  GPtrArray         *category_ids;       /* NULL-terminated, for get_category_ids () */
  GPtrArray         *category_labels;
  guint              n_categories;
  GHashTable        *type_category;      /* type id → category index + 1 */
  GHashTable        *inpatient_types;    /* type ids with the inpatient flag */
  int                cat_doctor_urgent, cat_doctor_non_urgent;
  int                cat_inpatient_stays, cat_inpatient_days, cat_no_shows, cat_unknown;
  /* clients */
  GPtrArray         *clients;            /* ReportClient, every client with a case */
  GHashTable        *by_id;              /* client id → ReportClient */
  GPtrArray         *rows;               /* PolkuReportClientRow of the cohort */
  gsize              rows_filled;        /* g_once: the rows' hash tables are made */
  GStringChunk      *strings;
  /* the costs file, when given */
  JsonNode          *costs;
  /* the exact figures */
  JsonNode          *raw;
  /* WHOQOL-BREF, scored while the contacts are read (polku_report_whoqol_start ()) */
  GArray            *whoqol_rows;        /* WhoqolRow */
  gpointer           whoqol_instrument;  /* PolkuInstrument */
  GThread           *whoqol_thread;
  GCancellable      *whoqol_cancellable;
  gint               whoqol_stop;        /* atomic: stop scoring (the report is freed) */
  gboolean           whoqol_stopped;     /* it stopped before the end */
  GError            *whoqol_error;
  /* progress */
  PolkuReportProgress progress;
  gpointer           progress_data;
};

/* polku-report-cohort.c: one read each, under the store's lock. The statements are here so
 * that the tests can check their query plans. */
extern const char * const polku_report_clients_sql;
extern const char * const polku_report_contacts_sql;
extern const char * const polku_report_contacts_scan_sql;
/* The reads of the clients' facts, one statement per table: the @i-th, NULL after the last. */
const char *polku_report_fact_sql         (guint          i);
/* Which rows of a read are folded: each row, with no client (the clients' own read); or,
 * the first column a client's id, the rows of the report's clients, or of its cohort. */
typedef enum
{
  REPORT_ROWS_ALL,
  REPORT_ROWS_CLIENTS,
  REPORT_ROWS_COHORT,
} ReportRows;
/* Folds the current row of @stmt into @client (NULL for REPORT_ROWS_ALL). */
typedef void (*ReportFoldFunc)          (PolkuReport   *report,
                                         ReportClient  *client,
                                         sqlite3_stmt  *stmt,
                                         gpointer       data);
/* The one reader of the report's tables: prepares @sql on @db (the caller holds the store's
 * lock), binds the @n_params texts of @params (each nullable) to ?1, ?2, …, and steps
 * through the rows once, folding those @rows asks for with @fold. A table's rows of one
 * client mostly come together, so the client of the row before is tried first. @cancellable
 * (nullable) is checked every 4096 rows. FALSE with @error ("@what failed: …", or the
 * report cancelled). */
gboolean  polku_report_fold_rows        (PolkuReport         *report,
                                         sqlite3             *db,
                                         const char          *sql,
                                         const char          *what,
                                         const char * const  *params,
                                         guint                n_params,
                                         ReportRows           rows,
                                         ReportFoldFunc       fold,
                                         gpointer             data,
                                         GCancellable        *cancellable,
                                         GError             **error);
gboolean  polku_report_read_clients     (PolkuReport   *report,
                                         PolkuStore    *store,
                                         GCancellable  *cancellable,
                                         GError       **error);
gboolean  polku_report_read_contacts    (PolkuReport   *report,
                                         PolkuStore    *store,
                                         GCancellable  *cancellable,
                                         GError       **error);
gboolean  polku_report_select           (PolkuReport   *report,
                                         GError       **error);

/* polku-report-figures.c: the raw JSON of every section */
gboolean  polku_report_compute          (PolkuReport   *report,
                                         PolkuStore    *store,
                                         GCancellable  *cancellable,
                                         GError       **error);
void      polku_report_fill_rows        (PolkuReport   *report);
JsonNode *polku_report_raw_cell         (double         value,
                                         gint64         n);
JsonNode *polku_report_raw_share        (gint64         numerator,
                                         gint64         base);
double    polku_report_median           (GArray        *values);   /* of double; sorts it */
gboolean  polku_report_check_cancelled  (GCancellable  *cancellable,
                                         GError       **error);
void      polku_report_set_progress     (PolkuReport   *report,
                                         double         fraction);
/* fi/sv/en words that are not data-file labels (left-out reasons, sectors) */
const char *polku_report_word           (PolkuReport   *report,
                                         const char    *key);

/* Reads the cohort's WHOQOL-BREFs and scores them in a thread of their own (after
 * polku_report_select ()), which stops soon after @cancellable is cancelled; _finish ()
 * waits for that thread (@stop: after telling it to stop, as polku_report_free () does)
 * and gives the first error (or the cancellation). polku_report_compute () finishes it
 * (and starts it when it was not). */
gboolean  polku_report_whoqol_start     (PolkuReport   *report,
                                         PolkuStore    *store,
                                         GCancellable  *cancellable,
                                         GError       **error);
gboolean  polku_report_whoqol_finish    (PolkuReport   *report,
                                         gboolean       stop,
                                         GError       **error);

/* polku-report-costs.c */
JsonNode *polku_report_costs_load       (const char    *path,
                                         GError       **error);
gboolean  polku_report_costs_check      (PolkuReport   *report,
                                         GError       **error);
JsonNode *polku_report_costs_compute    (PolkuReport   *report);

/* polku-report-json.c */
void      polku_report_apply_rules      (JsonNode      *root,
                                         guint          threshold);

G_END_DECLS
