/* polku-report-cohort.c: what a report reads from the store, and who is in its cohort
 *
 * Each read is one SQL statement under the store's lock, and none is made per client:
 * every client with a case or a plan (client, its case and plan by their unique indexes);
 * then each table of the facts the report needs (phase changes, warning signs, mapping
 * visits, coordinator periods, consents, team rows) read once in its own order, each row
 * folded into its client in C; and the contacts, by a scan of the table for a big cohort or
 * of the cohort's clients within 25 months of their agreed dates (plan_agreed_on, then
 * contact_client_date) for a small one (tests/reports/test-report.c checks the plans).
 * Every read goes through polku_report_fold_rows (), the one reader, with a fold function
 * per table (the WHOQOL-BREF read of polku-report-figures.c too).
 * Contacts are streamed and counted as they come; the exact periods (GDate month
 * arithmetic, as polku_visit_counts_around ()) are decided here, the SQL window is only a
 * superset.
 *
 * Copyright 2026 The Polku authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "polku-report"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "polku-continuity.h"
#include "polku-date.h"
#include "polku-organisations.h"
#include "polku-report-private.h"
#include "polku-store-private.h"

/* Every client with a case or a plan, with the facts of its own rows. Column order is read
 * below. */
const char * const polku_report_clients_sql =
  "SELECT cl.id, cl.hetu, cl.birth_date, cl.municipality, cl.archived,"
  "       cc.phase, cc.closed_code, cc.review_on, p.agreed_on"
  "  FROM client cl"
  "  LEFT JOIN client_case cc ON cc.client_id = cl.id"
  "  LEFT JOIN plan p ON p.client_id = cl.id"
  " WHERE cc.id IS NOT NULL OR p.agreed_on IS NOT NULL";

/* The whole contacts table, read in its own order: for a cohort that is a good part of the
 * clients, one sequential pass (each page decrypted once) beats an index search per client
 * and a table lookup per contact several times over. */
const char * const polku_report_contacts_scan_sql =
  "SELECT client_id, date, type_id, urgent, no_show, days, professional_id FROM contact";

/* The cohort's contacts, the SQL window a superset of the 24-month periods: for a small
 * cohort (one coordinator's clients in a county's data). */
const char * const polku_report_contacts_sql =
  "SELECT c.client_id, c.date, c.type_id, c.urgent, c.no_show, c.days, c.professional_id"
  "  FROM plan p JOIN contact c ON c.client_id = p.client_id"
  " WHERE p.agreed_on >= ?1 AND p.agreed_on <= ?2"
  "   AND c.date >= date (p.agreed_on, '-25 months')"
  "   AND c.date < date (p.agreed_on, '+25 months')";

static char *
chunk_dup (PolkuReport  *report,
           sqlite3_stmt *stmt,
           int           column)
{
  const char *text = POLKU_STORE_COL (stmt, column);

  return text != NULL ? g_string_chunk_insert_const (report->strings, text) : NULL;
}

/* Whether @value (not NULL) comes before @best, which is NULL when there is none yet. */
static inline gboolean
earlier (const char *value,
         const char *best)
{
  return best == NULL || strcmp (value, best) < 0;
}

/* The phases: the first change (identification without a sign), the first to "contacted"
 * and to "visit_held", the latest to "closed". */
static void
phase_fact (PolkuReport  *report,
            ReportClient *client,
            sqlite3_stmt *stmt,
            gpointer      data)
{
  const char *to = POLKU_STORE_COL (stmt, 1);
  const char *on = POLKU_STORE_COL (stmt, 2);

  if (to == NULL || on == NULL)
    return;
  if (earlier (on, client->first_change))
    client->first_change = g_string_chunk_insert_const (report->strings, on);
  if (g_str_equal (to, "closed"))
    {
      if (client->closed_on == NULL || strcmp (on, client->closed_on) > 0)
        client->closed_on = g_string_chunk_insert_const (report->strings, on);
    }
  else if (g_str_equal (to, "contacted"))
    {
      if (earlier (on, client->contacted_on))
        client->contacted_on = g_string_chunk_insert_const (report->strings, on);
    }
  else if (g_str_equal (to, "visit_held") && earlier (on, client->visit_phase))
    client->visit_phase = g_string_chunk_insert_const (report->strings, on);
}

/* The signs not retracted: the earliest flagged, and the sector of the first by flagged_on
 * then created. */
static void
sign_fact (PolkuReport  *report,
           ReportClient *client,
           sqlite3_stmt *stmt,
           gpointer      data)
{
  const char *on = POLKU_STORE_COL (stmt, 2);
  const char *created = POLKU_STORE_COL (stmt, 3);
  int order;

  if (on == NULL || created == NULL)
    return;
  order = client->sign_on == NULL ? -1 : strcmp (on, client->sign_on);
  if (order < 0 || (order == 0 && strcmp (created, client->sign_created) < 0))
    {
      client->sign_on = g_string_chunk_insert_const (report->strings, on);
      client->sign_created = g_string_chunk_insert_const (report->strings, created);
      client->row.sector = chunk_dup (report, stmt, 1);
    }
}

/* The first mapping visit held. */
static void
visit_fact (PolkuReport  *report,
            ReportClient *client,
            sqlite3_stmt *stmt,
            gpointer      data)
{
  const char *held = POLKU_STORE_COL (stmt, 1);

  if (held != NULL && earlier (held, client->visit_held))
    client->visit_held = g_string_chunk_insert_const (report->strings, held);
}

/* Keeps the row of @stmt in @kept when it comes after the one kept (or is level with it and
 * @ties_win): column @column says whether it is open (current), the two after it when it
 * began and when it was created. Returns whether it was kept. */
static gboolean
keep_latest (PolkuReport  *report,
             ReportLatest *kept,
             sqlite3_stmt *stmt,
             int           column,
             gboolean      ties_win)
{
  gboolean open = sqlite3_column_int (stmt, column) != 0;
  const char *begun = POLKU_STORE_COL (stmt, column + 1);
  const char *created = POLKU_STORE_COL (stmt, column + 2);
  int order;

  if (begun == NULL || created == NULL)
    return FALSE;
  if (kept->begun == NULL || open != kept->open)
    order = kept->begun == NULL || open ? 1 : -1;
  else
    {
      order = strcmp (begun, kept->begun);
      if (order == 0)
        order = strcmp (created, kept->created);
    }
  if (order < 0 || (order == 0 && !ties_win))
    return FALSE;
  kept->open = open;
  kept->begun = g_string_chunk_insert_const (report->strings, begun);
  kept->created = g_string_chunk_insert_const (report->strings, created);
  return TRUE;
}

/* The coordinator: the open period's person, else the one of the period started last (then
 * created last). */
static void
coordinator_fact (PolkuReport  *report,
                  ReportClient *client,
                  sqlite3_stmt *stmt,
                  gpointer      data)
{
  if (keep_latest (report, &client->period, stmt, 2, FALSE))
    client->coordinator = chunk_dup (report, stmt, 1);
}

static void
consent_fact (PolkuReport  *report,
              ReportClient *client,
              sqlite3_stmt *stmt,
              gpointer      data)
{
  client->row.consent_given = TRUE;
}

/* The unit: the coordinator's own team row, the current one (else the one who joined last,
 * then created last). */
static void
team_fact (PolkuReport  *report,
           ReportClient *client,
           sqlite3_stmt *stmt,
           gpointer      data)
{
  if (client->coordinator != NULL
      && g_strcmp0 (client->coordinator, POLKU_STORE_COL (stmt, 1)) == 0
      && keep_latest (report, &client->team_row, stmt, 3, TRUE))
    client->unit = chunk_dup (report, stmt, 2);
}

/* Each table of a client's facts read once, in its own order (one sequential pass: no search
 * per client), its rows folded into the client they belong to. The first column is the
 * client's id. The team comes after the coordinator it looks for. */
static const struct
{
  const char *sql;
  const char *what;
  ReportFoldFunc fact;
} fact_reads[] = {
  { "SELECT client_id, to_phase, changed_on FROM case_phase_change",
    "Reading the phases", phase_fact },
  { "SELECT client_id, source_sector, flagged_on, created FROM warning_sign"
    " WHERE retracted_on IS NULL",
    "Reading the warning signs", sign_fact },
  { "SELECT client_id, held_on FROM mapping_visit WHERE held_on IS NOT NULL",
    "Reading the mapping visits", visit_fact },
  { "SELECT client_id, person, ended_on IS NULL, started_on, created FROM coordinator_period",
    "Reading the coordinators", coordinator_fact },
  { "SELECT client_id FROM consent WHERE kind = 'contact'",
    "Reading the consents", consent_fact },
  { "SELECT client_id, person, organisation, left_on IS NULL, joined_on, created"
    "  FROM team_member",
    "Reading the teams", team_fact },
};

const char *
polku_report_fact_sql (guint i)
{
  return i < G_N_ELEMENTS (fact_reads) ? fact_reads[i].sql : NULL;
}

gboolean
polku_report_fold_rows (PolkuReport         *report,
                        sqlite3             *db,
                        const char          *sql,
                        const char          *what,
                        const char * const  *params,
                        guint                n_params,
                        ReportRows           rows,
                        ReportFoldFunc       fold,
                        gpointer             data,
                        GCancellable        *cancellable,
                        GError             **error)
{
  ReportClient *last = NULL;
  sqlite3_stmt *stmt;
  gboolean ok = TRUE;
  guint64 n = 0;
  int rc;

  stmt = polku_store_prepare (db, sql, what, error);
  if (stmt == NULL)
    return FALSE;
  for (guint i = 0; i < n_params; i++)
    polku_store_bind_text_or_null (stmt, (int) i + 1, params[i]);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      ReportClient *client = NULL;

      if (++n % 4096 == 0 && g_cancellable_is_cancelled (cancellable))
        break;
      if (rows != REPORT_ROWS_ALL)
        {
          const char *client_id = POLKU_STORE_COL (stmt, 0);

          /* NULL for a client without a case or a plan. */
          if (client_id == NULL)
            continue;
          if (last == NULL || strcmp (last->row.client_id, client_id) != 0)
            last = g_hash_table_lookup (report->by_id, client_id);
          client = last;
          if (client == NULL || (rows == REPORT_ROWS_COHORT && !client->in_cohort))
            continue;
        }
      fold (report, client, stmt, data);
    }
  if (rc == SQLITE_ROW)
    ok = !polku_report_check_cancelled (cancellable, error);
  else if (rc != SQLITE_DONE)
    ok = polku_store_set_sqlite_error (error, db, what);
  sqlite3_finalize (stmt);
  return ok;
}

/* A client with a case or a plan, from a row of polku_report_clients_sql. */
static void
client_read (PolkuReport  *report,
             ReportClient *unused,
             sqlite3_stmt *stmt,
             gpointer      data)
{
  ReportClient *client = g_new0 (ReportClient, 1);

  client->row.client_id = chunk_dup (report, stmt, 0);
  client->row.identity_code = chunk_dup (report, stmt, 1);
  client->birth_date = chunk_dup (report, stmt, 2);
  client->row.municipality = chunk_dup (report, stmt, 3);
  client->archived = sqlite3_column_int (stmt, 4) != 0;
  client->phase = chunk_dup (report, stmt, 5);
  client->row.closed_code = chunk_dup (report, stmt, 6);
  client->review_on = chunk_dup (report, stmt, 7);
  client->row.agreed_on = chunk_dup (report, stmt, 8);
  client->has_plan = client->row.agreed_on != NULL;
  client->row.closed = g_strcmp0 (client->phase, "closed") == 0;
  client->row.days_to_first_contact = -1;
  client->row.days_to_mapping_visit = -1;
  client->row.days_to_agreed_plan = -1;
  client->row.whoqol_baseline_months = G_MININT;
  client->row.whoqol_latest_months = G_MININT;
  client->row.satisfaction_months = G_MININT;
  for (guint d = 0; d < REPORT_N_DOMAINS; d++)
    client->row.whoqol_baseline[d] = client->row.whoqol_latest[d] = NAN;
  g_ptr_array_add (report->clients, client);
  g_hash_table_insert (report->by_id, client->row.client_id, client);
}

gboolean
polku_report_read_clients (PolkuReport   *report,
                           PolkuStore    *store,
                           GCancellable  *cancellable,
                           GError       **error)
{
  sqlite3 *db;
  gboolean ok;

  db = polku_store_begin_use (store, error);
  if (db == NULL)
    return FALSE;
  ok = polku_report_fold_rows (report, db, polku_report_clients_sql,
                               "Reading the report's clients", NULL, 0, REPORT_ROWS_ALL,
                               client_read, NULL, cancellable, error);
  for (guint r = 0; ok && r < G_N_ELEMENTS (fact_reads); r++)
    ok = !polku_report_check_cancelled (cancellable, error)
         && polku_report_fold_rows (report, db, fact_reads[r].sql, fact_reads[r].what, NULL, 0,
                                    REPORT_ROWS_CLIENTS, fact_reads[r].fact, NULL, cancellable,
                                    error);
  polku_store_end_use (store);

  /* Identified: the first sign not retracted, else the first change of phase. Visited: the
   * first mapping visit held, else the change to "visit_held". */
  for (guint i = 0; ok && i < report->clients->len; i++)
    {
      ReportClient *client = g_ptr_array_index (report->clients, i);

      client->identified_on = client->sign_on != NULL ? client->sign_on : client->first_change;
      client->visit_on = client->visit_held != NULL ? client->visit_held : client->visit_phase;
    }

  if (ok)
    ok = !polku_report_check_cancelled (cancellable, error);
  return ok;
}

static int
age_on (const char  *birth_date,
        const GDate *on)
{
  GDate birth;
  int age;

  if (birth_date == NULL || !polku_date_parse_iso (birth_date, &birth))
    return -1;
  age = (int) g_date_get_year (on) - (int) g_date_get_year (&birth);
  if (g_date_get_month (on) < g_date_get_month (&birth)
      || (g_date_get_month (on) == g_date_get_month (&birth)
          && g_date_get_day (on) < g_date_get_day (&birth)))
    age--;
  return age;
}

static char *
age_band (int age)
{
  static const int bounds[] = { 18, 25, 35, 45, 55, 65, 75, 85 };

  if (age < 0)
    return NULL;
  if (age < 18)
    return g_strdup ("<18");
  for (guint i = 1; i < G_N_ELEMENTS (bounds); i++)
    if (age < bounds[i])
      return g_strdup_printf ("%d-%d", bounds[i - 1], bounds[i] - 1);
  return g_strdup ("85+");
}

/* The filters that do not depend on a date: coordinator, unit, municipality, sector,
 * open or closed. */
static gboolean
passes_filters (PolkuReport  *report,
                ReportClient *client,
                gboolean      with_coordinator)
{
  const PolkuReportQuery *q = report->query;

  if (with_coordinator && q->coordinator != NULL
      && g_strcmp0 (q->coordinator, client->coordinator) != 0)
    return FALSE;
  if (with_coordinator && q->unit != NULL && g_strcmp0 (client->unit, q->unit) != 0)
    return FALSE;
  if (q->municipality != NULL)
    {
      g_autofree char *a = client->row.municipality != NULL
                           ? g_utf8_casefold (client->row.municipality, -1) : NULL;
      g_autofree char *b = g_utf8_casefold (q->municipality, -1);

      if (g_strcmp0 (a, b) != 0)
        return FALSE;
    }
  if (q->sector != NULL
      && g_strcmp0 (q->sector, client->row.sector != NULL ? client->row.sector : "unknown") != 0)
    return FALSE;
  if (q->closed == 1 && !client->row.closed)
    return FALSE;
  if (q->closed == 0 && client->row.closed)
    return FALSE;
  return TRUE;
}

static gboolean
passes_age (PolkuReport  *report,
            ReportClient *client,
            const GDate  *on)
{
  const PolkuReportQuery *q = report->query;
  int age;

  if (q->age_min < 0 && q->age_max < 0)
    return TRUE;
  age = age_on (client->birth_date, on);
  if (age < 0)
    return FALSE;
  return (q->age_min < 0 || age >= q->age_min) && (q->age_max < 0 || age <= q->age_max);
}

static int
days_between (const char *from,
              const char *to)
{
  GDate a, b;

  if (from == NULL || to == NULL || !polku_date_parse_iso (from, &a)
      || !polku_date_parse_iso (to, &b))
    return -1;
  return g_date_days_between (&a, &b) >= 0 ? g_date_days_between (&a, &b) : -1;
}

/* Decides the cohort and the process population, and each cohort client's periods. */
gboolean
polku_report_select (PolkuReport  *report,
                     GError      **error)
{
  g_autoptr(PolkuOrganisations) organisations = NULL;
  const PolkuReportQuery *q = report->query;

  if (q->unit != NULL)
    organisations = polku_organisations_get_default (NULL);

  for (guint i = 0; i < report->clients->len; i++)
    {
      ReportClient *client = g_ptr_array_index (report->clients, i);
      gboolean filtered;

      /* A unit as stored (an id, or a name from before schema 7) compares by its id. */
      if (organisations != NULL && client->unit != NULL)
        {
          PolkuOrganisation *org = polku_organisations_resolve (organisations, client->unit);

          if (org != NULL)
            client->unit = g_string_chunk_insert_const (report->strings,
                                                        polku_organisation_get_id (org));
        }
      filtered = !client->archived && passes_filters (report, client, TRUE);

      /* The process: identified in the period. */
      if (filtered && client->identified_on != NULL
          && g_strcmp0 (client->identified_on, q->from) >= 0
          && g_strcmp0 (client->identified_on, q->to) <= 0)
        {
          GDate identified;

          polku_date_parse_iso (client->identified_on, &identified);
          client->in_process = passes_age (report, client, &identified);
        }
      if (client->identified_on != NULL)
        {
          client->row.days_to_first_contact = days_between (client->identified_on,
                                                            client->contacted_on);
          client->row.days_to_mapping_visit = days_between (client->identified_on,
                                                            client->visit_on);
          client->row.days_to_agreed_plan = days_between (client->identified_on,
                                                          client->row.agreed_on);
        }

      /* The cohort: agreed in the period. */
      if (!filtered || !client->has_plan
          || g_strcmp0 (client->row.agreed_on, q->from) < 0
          || g_strcmp0 (client->row.agreed_on, q->to) > 0
          || !polku_date_parse_iso (client->row.agreed_on, &client->agreed)
          || !passes_age (report, client, &client->agreed))
        continue;

      client->in_cohort = TRUE;
      client->row.birth_year_band = age_band (age_on (client->birth_date, &client->agreed));
      client->agreed_j = g_date_get_julian (&client->agreed);
      client->counts = g_new0 (double, REPORT_N_PERIODS * 2 * report->n_categories);
      client->visits = g_array_new (FALSE, TRUE, sizeof (PolkuVisit));
      client->row.before = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
      client->row.after = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
      client->row.continuity = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
      for (guint p = 0; p < REPORT_N_PERIODS; p++)
        {
          GDate closed;
          guint months = polku_report_periods[p];

          client->before_start[p] = client->agreed;
          g_date_subtract_months (&client->before_start[p], months);
          client->after_end[p] = client->agreed;
          g_date_add_months (&client->after_end[p], months);
          client->before_start_j[p] = g_date_get_julian (&client->before_start[p]);
          client->after_end_j[p] = g_date_get_julian (&client->after_end[p]);
          client->coci[p][0] = client->coci[p][1] = NAN;
          client->upc[p][0] = client->upc[p][1] = NAN;

          /* Complete when its last day (the day before after_end) is before today. */
          if (g_date_compare (&client->after_end[p], &report->today_date) > 0)
            client->left_out[p] = LEFT_OUT_AFTER_INCOMPLETE;
          else if (client->row.closed && client->closed_on != NULL
                   && polku_date_parse_iso (client->closed_on, &closed)
                   && g_date_compare (&closed, &client->after_end[p]) < 0
                   && g_strcmp0 (client->row.closed_code, "died") == 0)
            client->left_out[p] = LEFT_OUT_DIED;
          else if (client->row.closed && client->closed_on != NULL
                   && polku_date_parse_iso (client->closed_on, &closed)
                   && g_date_compare (&closed, &client->after_end[p]) < 0
                   && g_strcmp0 (client->row.closed_code, "moved_away") == 0)
            client->left_out[p] = LEFT_OUT_MOVED_AWAY;
          else
            {
              client->included[p] = TRUE;
              client->row.included_months = months;
            }
        }
      g_ptr_array_add (report->rows, &client->row);
    }
  return TRUE;
}

/* "2024-03-15" → its Julian day as GDate counts them, or 0: the date of every contact row,
 * so without GDate's checks (the schema's CHECK made the text a valid date). */
static guint32
julian_of (const char *text)
{
  int y, m, d, era;
  unsigned yoe, doy, doe;

  if (text == NULL || strlen (text) != 10 || text[4] != '-' || text[7] != '-')
    return 0;
  for (guint i = 0; i < 10; i++)
    if (i != 4 && i != 7 && !g_ascii_isdigit (text[i]))
      return 0;
  y = (text[0] - '0') * 1000 + (text[1] - '0') * 100 + (text[2] - '0') * 10 + (text[3] - '0');
  m = (text[5] - '0') * 10 + (text[6] - '0');
  d = (text[8] - '0') * 10 + (text[9] - '0');
  if (y < 1 || m < 1 || m > 12 || d < 1 || d > 31)
    return 0;
  /* Days from the civil date (Howard Hinnant's algorithm); GDate's day 1 is 0001-01-01. */
  y -= m <= 2;
  era = y / 400;
  yoe = (unsigned) (y - era * 400);
  doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return (guint32) (era * 146097 + (int) doe - 306 + 1);
}

static int
category_of (PolkuReport *report,
             const char  *type_id)
{
  gpointer value = g_hash_table_lookup (report->type_category, type_id);

  return value != NULL ? GPOINTER_TO_INT (value) - 1 : report->cat_unknown;
}

/* A contact of a cohort client (polku_report_contacts_sql's columns), counted in its
 * periods and kept for continuity when @data (the visit filter) matches it. */
static void
contact_fact (PolkuReport  *report,
              ReportClient *client,
              sqlite3_stmt *stmt,
              gpointer      data)
{
  const PolkuVisitFilter *continuity = data;
  const char *type_id;
  gboolean urgent, no_show;
  int days;
  guint32 j;
  int category;

  /* Outside the longest periods nothing counts (columns are decoded only when read). */
  j = julian_of (POLKU_STORE_COL (stmt, 1));
  if (j == 0 || j < client->before_start_j[REPORT_N_PERIODS - 1]
      || j >= client->after_end_j[REPORT_N_PERIODS - 1])
    return;
  type_id = POLKU_STORE_COL (stmt, 2);
  urgent = sqlite3_column_int (stmt, 3) != 0;
  no_show = sqlite3_column_int (stmt, 4) != 0;
  days = sqlite3_column_int (stmt, 5);

  category = category_of (report, type_id != NULL ? type_id : "");
  if (category == report->cat_doctor_non_urgent && urgent)
    category = report->cat_doctor_urgent;

  for (guint p = 0; p < REPORT_N_PERIODS; p++)
    {
      int side;

      if (!client->included[p])
        continue;
      if (j >= client->before_start_j[p] && j < client->agreed_j)
        side = 0;
      else if (j >= client->agreed_j && j < client->after_end_j[p])
        side = 1;
      else
        continue;
      if (no_show)
        {
          COUNT (report, client, p, side, report->cat_no_shows) += 1;
          continue;
        }
      COUNT (report, client, p, side, category) += 1;
      if (category == report->cat_inpatient_stays && days > 0)
        COUNT (report, client, p, side, report->cat_inpatient_days) += days;
    }

  if (!no_show)
    {
      PolkuVisit visit = { 0 };

      /* Matched with SQLite's strings, kept (interned) only when they count. */
      g_date_set_julian (&visit.date, j);
      visit.professional = POLKU_STORE_COL (stmt, 6);
      visit.type = type_id;
      visit.urgent = urgent;
      if (polku_visit_filter_matches (continuity, &visit))
        {
          if (visit.professional != NULL)
            visit.professional = g_string_chunk_insert_const (report->strings,
                                                              visit.professional);
          visit.type = g_string_chunk_insert_const (report->strings, visit.type);
          g_array_append_val (client->visits, visit);
        }
    }
}

gboolean
polku_report_read_contacts (PolkuReport   *report,
                            PolkuStore    *store,
                            GCancellable  *cancellable,
                            GError       **error)
{
  const char * const window[] = { report->query->from, report->query->to };
  sqlite3 *db;
  gboolean ok;
  gboolean scan;

  /* A cohort of an eighth of the clients or more: scan (see polku_report_contacts_scan_sql). */
  scan = report->rows->len * 8 > report->clients->len;
  if (report->rows->len == 0)
    return TRUE;

  db = polku_store_begin_use (store, error);
  if (db == NULL)
    return FALSE;
  ok = polku_report_fold_rows (report, db,
                               scan ? polku_report_contacts_scan_sql : polku_report_contacts_sql,
                               "Reading the contacts", window, scan ? 0 : G_N_ELEMENTS (window),
                               REPORT_ROWS_COHORT, contact_fact,
                               (gpointer) polku_visit_filter_default (), cancellable, error);
  polku_store_end_use (store);

  if (ok)
    ok = !polku_report_check_cancelled (cancellable, error);
  return ok;
}
