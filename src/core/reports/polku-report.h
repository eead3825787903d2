/* polku-report.h: the practice's own before/after figures across clients (issue 13)
 *
 * Copyright 2026 The Polku authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One report over a cohort: clients whose plan was agreed (plan.agreed_on) in [from, to],
 * filtered. It only reads (one read of the store, in SQL aggregated per client: no query per
 * client), may run in a worker thread (progress callback from that thread, GCancellable
 * checked often) and records one "report.run" audit entry (no client; the detail is the
 * format-free query: dates, filters, threshold). It holds the exact figures;
 * polku_report_to_json () is the ONLY way out for aggregates and applies the small-number
 * rules, so the window, the PDF, the FHIR Bundle and the JSON output all show the same
 * suppressed figures. polku_report_get_client_rows () is for the pseudonymised CSV only.
 *
 * ── Who is counted ──────────────────────────────────────────────────────────────────────
 * Cohort: clients with plan.agreed_on in [from, to] (inclusive), not archived, passing every
 * filter of the query:
 *   coordinator   the client's current coordinator (the open period's person, or else the
 *                 last period's) is this person;
 *   unit          that coordinator's team_member row for the client names this organisation
 *                 (an id of data/organisations.json, or a name it resolves);
 *   municipality  client.municipality equals it, ignoring case;
 *   age_min/max   age in whole years on the agreed date, from client.birth_date; a client
 *                 without a birth date is left out when an age bound is set;
 *   sector        the source_sector of the client's first (earliest flagged_on, then
 *                 created) non-retracted warning sign; NULL sector codes as "unknown";
 *   closed        1: the case is closed now; 0: open now.
 * Periods: 6, 12 and 24 months. For client c with agreed date A, the before-period of M months
 * is [A − M months, A) and the after-period is [A, A + M months) — the same arithmetic as
 * polku_visit_counts_around (). A client counts for period M only when its after-period is
 * complete, i.e. A + M months ≤ today (query->today, or the local date). Left out, with a
 * reason (the first that applies, in this order):
 *   "after_incomplete"  the after-period ends after today;
 *   "died"              the case was closed with code "died" before the after-period ended;
 *   "moved_away"        the case was closed with code "moved_away" before it ended.
 * Process figures (identified, consent, median days, closures) count the clients identified
 * in [from, to] (identification date: the earliest non-retracted warning sign's flagged_on,
 * else the case's first phase change) with the same filters (age on the identification
 * date); caseload, overdue reviews and the queue are as of today (the queue ignores the
 * coordinator and unit filters: those clients have no coordinator).
 *
 * ── Contact categories (before_after[].categories[].id, and the row hash keys) ───────────
 * The categories of data/contact-types.json in file order, counted with polku-contact-counts'
 * rules (held contacts; no-shows apart), except that "doctor" is split into "doctor_urgent"
 * and "doctor_non_urgent" (the contact's urgent flag) and "inpatient" into
 * "inpatient_stays" and "inpatient_days" (the sum of the stays' days); then "no_shows" (all
 * categories). A type missing from the file counts in "other_unknown" when met.
 *
 * ── The CELL rule ───────────────────────────────────────────────────────────────────────
 * Every figure in the JSON is a CELL, either shown:
 *     {"value": NUMBER or null, "n": N}
 * or suppressed:
 *     {"suppressed": true, "n_below": T, "display": "< T"}            (rests on too few)
 *     {"suppressed": true, "n_below": T, "display": "×", "complementary": true}
 * where T is the query's threshold (default 5). A suppressed cell never carries its value or
 * its n. "n" is the number of clients the figure rests on:
 *   - a count of clients ("included", a left-out reason, "identified_by_sector", "consent",
 *     "caseload", "closures", "queue", "overdue_reviews", "pairs", a year's "n"): value = n;
 *   - a statistic over clients (total, mean, median, change_percent, continuity median,
 *     WHOQOL means and change, costs, median days, interval): n = the clients it is
 *     computed over; value null when n = 0;
 *   - a share (share_fell, a satisfaction share) in percent (0–100): n = the clients in the
 *     numerator (whose use fell / who gave that answer).
 * Values are rounded to two decimals (half away from zero); whole numbers are integers.
 * "discarded" (WHOQOL) counts assessments: n = the clients they belong to.
 * Primary suppression: a cell with 1 ≤ n < T is suppressed (0 is shown: nobody to
 * recognise). A share is also suppressed when its complement (the base minus n) is
 * 1 … T−1, and a statistic or share whose base group is 1 … T−1 clients.
 * Complementary suppression (the subtraction rule), for every list of parts shown with a
 * total that they add up to — cohort.periods[].included + left_out[] (total cohort.clients);
 * process.identified_by_sector (total process.clients); process.consent given / declined /
 * no_decision (total process.clients); process.closures (total process.closures_total);
 * process.caseload (total process.caseload_total); a satisfaction year's answers (total
 * that year's n); costs' sectors (total costs.total): when exactly one part is suppressed
 * and the total is shown, the smallest other shown part (ties: the first) is suppressed as
 * well ("complementary"); when there is no other part, the total is. Repeated until no list
 * has exactly one suppressed part with a shown total.
 *
 * ── The JSON (polku_report_to_json ()) ──────────────────────────────────────────────────
 * {
 *   "format": "polku-report", "version": 1, "generated": STAMP, "language": "fi|sv|en",
 *   "query": { "from", "to", "today", "threshold",
 *              "filters": { "coordinator", "unit", "municipality", "age_min", "age_max",
 *                           "sector", "closed": "open"|"closed"|null } (absent ones null) },
 *   "cohort": { "clients": CELL,
 *     "periods": [ { "months": 6|12|24, "included": CELL,
 *       "left_out": [ { "reason": "after_incomplete"|"died"|"moved_away", "label", "n": CELL } ]
 *     } ] },
 *   "before_after": [ { "months", "clients": CELL,
 *     "categories": [ { "id", "label",
 *       "before": { "total": CELL, "mean": CELL, "median": CELL },
 *       "after":  { "total": CELL, "mean": CELL, "median": CELL },
 *       "change_percent": CELL (of the totals; null when the before total is 0),
 *       "share_fell": CELL (clients whose after count < before count) } ] } ],
 *   "continuity": [ { "months", "index": "COCI"|"UPC",
 *     "before": { "median": CELL, "n": CELL }, "after": { "median": CELL, "n": CELL } } ]
 *     (the default visit filter, polku_visit_filter_default (); n = the included clients with
 *     at least 2 such visits with a known professional in that period; median over them),
 *   "whoqol": { "domains": [ { "id": "physical"|"psychological"|"social"|"environment",
 *       "label", "pairs": CELL, "baseline_mean": CELL, "latest_mean": CELL,
 *       "mean_change": CELL (latest − baseline over the pairs) } ],
 *     "interval_days_median": CELL, "discarded": CELL, "unpaired": CELL,
 *     "over_time": [ { "months": 0|6|12|18|24|…, "domain", "mean": CELL, "n": CELL } ] }
 *     (0–100 scores; baseline: the client's earliest complete WHOQOL-BREF with role
 *     baseline; latest: the latest complete follow-up after it; a pair per domain that both
 *     score; discarded: complete assessments of cohort clients the scoring rules discarded
 *     or left a domain unscored; unpaired: cohort clients with a baseline and no usable
 *     follow-up; over_time bins: months since the agreed date rounded to the nearest 6,
 *     baseline at 0),
 *   "satisfaction": { "years": [ { "year", "n": CELL,
 *       "categories": [ { "id": "5"…"1" (the answer value), "label", "share": CELL } ] } ] }
 *     (each cohort client's latest answer in the year, answers from `from` on),
 *   "costs": null | { "file" (basename), "currency": "EUR", "months": 12,
 *       "sectors": [ { "sector", "label", "before": CELL, "after": CELL } ],
 *       "total": { "before": CELL, "after": CELL },
 *       "periods": [ the same object for each of 6, 12, 24 months, with "months" ] },
 *   "process": { "clients": CELL,
 *       "identified_by_sector": [ { "sector", "label", "n": CELL } ],
 *       "consent": { "given": CELL, "declined": CELL, "no_decision": CELL },
 *       "median_days": { "to_first_contact": CELL, "to_mapping_visit": CELL,
 *                        "to_agreed_plan": CELL },
 *       "caseload": [ { "coordinator", "clients": CELL } ], "caseload_total": CELL,
 *       "overdue_reviews": CELL,
 *       "closures": [ { "code", "label", "n": CELL } ], "closures_total": CELL,
 *       "queue": CELL }
 * }
 * Labels are in the report's language. Coordinator names are workers, not clients. No client
 * name, identity code or free text anywhere in it.
 */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "polku-store.h"

G_BEGIN_DECLS

/* Recorded once per run: no client, the detail is the query (dates, filters, threshold). */
#define POLKU_AUDIT_REPORT_RUN    "report.run"
/* For the exporters: one per export, the detail names the format and the query. */
#define POLKU_AUDIT_REPORT_EXPORT "report.export"

#define POLKU_REPORT_DEFAULT_THRESHOLD 5

/* The bundled example unit-cost file (data/unit-costs.json): its figures are examples that a
 * county replaces. Usable as a costs_file. */
#define POLKU_REPORT_EXAMPLE_COSTS "resource:///io/github/polku/Polku/core/unit-costs.json"

#define POLKU_REPORT_ERROR (polku_report_error_quark ())
typedef enum
{
  POLKU_REPORT_ERROR_INVALID,    /* a query that cannot run: nothing was read */
  POLKU_REPORT_ERROR_COSTS,      /* the unit-cost file is unreadable or wrong: names the field */
  POLKU_REPORT_ERROR_CANCELLED,
} PolkuReportError;

GQuark polku_report_error_quark (void);

typedef struct
{
  char     *from, *to;          /* plans agreed in [from, to], YYYY-MM-DD, required */
  char     *coordinator;        /* nullable: coordinator period person */
  char     *unit;               /* nullable: organisation id of the coordinator's unit / team */
  char     *municipality;       /* nullable */
  int       age_min, age_max;   /* -1: no bound; age at the agreed date */
  char     *sector;             /* nullable: source_sector of the identifying sign */
  int       closed;             /* -1 any, 0 open cases, 1 closed cases */
  guint     threshold;          /* small-number threshold, default 5 (at least 1) */
  char     *costs_file;         /* nullable: a county's unit-cost JSON (data/unit-costs.json) */
  char     *today;              /* nullable: "today" for complete-period checks (tests) */
  /* added */
  char     *language;           /* nullable: "fi", "sv" or "en" for labels; NULL: the UI's */
} PolkuReportQuery;

PolkuReportQuery *polku_report_query_new      (void);  /* threshold 5, ages -1, closed -1 */
PolkuReportQuery *polku_report_query_copy     (const PolkuReportQuery *q);
void              polku_report_query_free     (PolkuReportQuery       *q);
/* Checks dates, bounds, sector code and threshold: POLKU_REPORT_ERROR_INVALID. */
gboolean          polku_report_query_validate (const PolkuReportQuery *q,
                                               GError                **error);
/* "from=… to=… coordinator=… …": the audit detail (no client data). */
char             *polku_report_query_describe (const PolkuReportQuery *q);

/* Called from the thread that runs the report, fraction 0 … 1. */
typedef void (*PolkuReportProgress) (double fraction, gpointer user_data);

typedef struct _PolkuReport PolkuReport;

PolkuReport *polku_report_run        (PolkuStore               *store,
                                      const PolkuReportQuery   *query,
                                      PolkuReportProgress       progress,
                                      gpointer                  user_data,
                                      GCancellable             *cancellable,
                                      GError                  **error);
/* GTask around polku_report_run () in a worker thread; progress is called from that thread. */
void         polku_report_run_async  (PolkuStore               *store,
                                      const PolkuReportQuery   *query,
                                      PolkuReportProgress       progress,
                                      gpointer                  user_data,
                                      GCancellable             *cancellable,
                                      GAsyncReadyCallback       callback,
                                      gpointer                  callback_data);
PolkuReport *polku_report_run_finish (GAsyncResult             *result,
                                      GError                  **error);
PolkuReport *polku_report_ref        (PolkuReport              *report);
void         polku_report_free       (PolkuReport              *report);  /* = unref */

const PolkuReportQuery *polku_report_get_query    (PolkuReport *report);
const char             *polku_report_get_language (PolkuReport *report);  /* fi, sv or en */
guint                   polku_report_get_threshold (PolkuReport *report);

/* THE suppressed figures: the one source for the window, the PDF, FHIR and JSON output. A new
 * node each call (the caller owns it). */
JsonNode    *polku_report_to_json    (PolkuReport              *report);

/* Per-client rows for the pseudonymised CSV: no name, no free text; identity code only to be
 * hashed by the exporter. Only cohort clients. */
typedef struct
{
  char       *client_id;
  char       *identity_code;    /* nullable; hashed, never written */
  char       *agreed_on;        /* YYYY-MM-DD; the CSV writes months relative to it */
  char       *birth_year_band;  /* age band on the agreed date: "18-24", "25-34" … "75-84",
                                 * "85+", "<18"; NULL without a birth date */
  char       *municipality;     /* as stored; nullable */
  char       *sector;           /* that identified them; nullable */
  gboolean    closed;
  /* "MONTHS/CATEGORY" (e.g. "6/doctor_urgent", "12/inpatient_days", "24/no_shows") → a
   * double * (g_free); only for the periods the client is included in (after complete). */
  GHashTable *before;
  GHashTable *after;
  /* added */
  char       *closed_code;      /* closing reason code; NULL while open */
  /* "MONTHS/before/coci", "MONTHS/after/upc" → double *; absent: no index (fewer than 2
   * visits for COCI, none for UPC, or the period not included) */
  GHashTable *continuity;
  /* WHOQOL-BREF 0–100 per domain in this order: physical, psychological, social,
   * environment; NAN when none */
  double      whoqol_baseline[4];
  double      whoqol_latest[4];
  int         whoqol_baseline_months;   /* months from agreed_on; G_MININT: none */
  int         whoqol_latest_months;     /* G_MININT: none */
  int         satisfaction;             /* latest answer value (1–5); 0: none */
  int         satisfaction_months;      /* months from agreed_on to it; G_MININT: none */
  /* process: days from identification; -1: not known or not reached */
  int         days_to_first_contact;
  int         days_to_mapping_visit;
  int         days_to_agreed_plan;
  gboolean    consent_given;            /* a contact consent was recorded */
  int         included_months;          /* the longest period the client is included in
                                         * (24, 12, 6), 0: none */
} PolkuReportClientRow;

/* The domain ids in the order of whoqol_baseline[] and whoqol_latest[]. */
extern const char * const polku_report_whoqol_domains[4];

/* The periods, in order: 6, 12, 24. */
extern const guint polku_report_periods[3];

/* Of PolkuReportClientRow, owned by the report. */
GPtrArray   *polku_report_get_client_rows (PolkuReport *report);

/* The report's contact category ids, in order (see above; owned by the report). */
const char * const *polku_report_get_category_ids (PolkuReport *report);
/* The label of a category id (fi, sv or en), as the JSON carries it. */
const char  *polku_report_get_category_label (PolkuReport *report,
                                              const char  *category_id);

/* Suppression, public so that exports that make their own totals (combine) follow the same
 * rule. A cell: value (NAN for null), n, and whether suppressed/complementary. */
typedef struct
{
  double   value;
  gint64   n;
  gint64   base;          /* the group the figure is a part of; -1: none (see CELL rule) */
  gboolean is_share;      /* also suppressed when base − n is 1 … threshold−1 */
  gboolean suppressed;
  gboolean complementary;
} PolkuReportCell;

void      polku_report_cell_init     (PolkuReportCell *cell, double value, gint64 n);
/* Primary suppression of one cell. */
void      polku_report_suppress_cell (PolkuReportCell *cell, guint threshold);
/* The subtraction rule over @parts adding up to @total (which may be NULL: no total shown,
 * nothing to do). Call after primary suppression of every cell. */
void      polku_report_suppress_parts (PolkuReportCell **parts, guint n_parts,
                                       PolkuReportCell  *total);
/* The CELL object described above. */
JsonNode *polku_report_cell_to_json  (const PolkuReportCell *cell, guint threshold);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PolkuReport, polku_report_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PolkuReportQuery, polku_report_query_free)

G_END_DECLS
