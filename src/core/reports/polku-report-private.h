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

/* One client with a case (the cohort and the process population are drawn from these). */
typedef struct
{
  PolkuReportClientRow row;       /* first: the rows array points here */
  /* facts read from the store */
  char     *birth_date;
  char     *phase;
  char     *closed_on;            /* the latest change to "closed" */
  char     *coordinator;          /* the open period's person, else the last one's */
  gboolean  coordinator_open;
  char     *unit;                 /* that coordinator's team_member organisation */
  char     *review_on;
  char     *identified_on;
  char     *contacted_on;         /* first change to "contacted" */
  char     *visit_on;             /* first mapping visit held, else change to "visit_held" */
  gboolean  archived;
  gboolean  has_plan;
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
  /* progress */
  PolkuReportProgress progress;
  gpointer           progress_data;
};

/* polku-report-cohort.c: one read each, under the store's lock. The two big statements are
 * here so that the tests can check their query plans. */
extern const char * const polku_report_clients_sql;
extern const char * const polku_report_contacts_sql;
extern const char * const polku_report_contacts_scan_sql;
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
