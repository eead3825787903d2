/* polku-report-cohort.c: what a report reads from the store, and who is in its cohort
 *
 * Three reads, each one SQL statement under the store's lock (no query per client): every
 * client with a case or a plan with the facts the report needs (correlated subqueries on
 * indexed columns), the team rows that give a coordinator's unit, and the contacts of the
 * cohort's clients within 25 months of their agreed dates (plan_agreed_on, then
 * contact_client_date: tests/reports/test-report.c checks the plan). Contacts are streamed
 * and counted as they come; the exact periods (GDate month arithmetic, as
 * polku_visit_counts_around ()) are decided here, the SQL window is only a superset.
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

/* The facts of every client with a case or a plan. Column order is read below. */
const char * const polku_report_clients_sql =
  "SELECT cl.id, cl.hetu, cl.birth_date, cl.municipality, cl.archived,"
  "       cc.phase, cc.closed_code, cc.review_on, p.agreed_on,"
  "       (SELECT max (x.changed_on) FROM case_phase_change x"
  "         WHERE x.client_id = cl.id AND x.to_phase = 'closed'),"
  "       (SELECT ws.source_sector FROM warning_sign ws"
  "         WHERE ws.client_id = cl.id AND ws.retracted_on IS NULL"
  "         ORDER BY ws.flagged_on, ws.created LIMIT 1),"
  "       (SELECT min (ws.flagged_on) FROM warning_sign ws"
  "         WHERE ws.client_id = cl.id AND ws.retracted_on IS NULL),"
  "       (SELECT min (x.changed_on) FROM case_phase_change x WHERE x.client_id = cl.id),"
  "       (SELECT min (x.changed_on) FROM case_phase_change x"
  "         WHERE x.client_id = cl.id AND x.to_phase = 'contacted'),"
  "       (SELECT min (mv.held_on) FROM mapping_visit mv WHERE mv.client_id = cl.id),"
  "       (SELECT min (x.changed_on) FROM case_phase_change x"
  "         WHERE x.client_id = cl.id AND x.to_phase = 'visit_held'),"
  "       (SELECT cp.person FROM coordinator_period cp WHERE cp.client_id = cl.id"
  "         ORDER BY cp.ended_on IS NULL DESC, cp.started_on DESC, cp.created DESC LIMIT 1),"
  "       EXISTS (SELECT 1 FROM coordinator_period cp"
  "                WHERE cp.client_id = cl.id AND cp.ended_on IS NULL),"
  "       EXISTS (SELECT 1 FROM consent co WHERE co.client_id = cl.id AND co.kind = 'contact')"
  "  FROM client cl"
  "  LEFT JOIN client_case cc ON cc.client_id = cl.id"
  "  LEFT JOIN plan p ON p.client_id = cl.id"
  " WHERE cc.id IS NOT NULL OR p.agreed_on IS NOT NULL";

/* The coordinator's own row in the client's team names the unit. */
static const char *team_sql =
  "SELECT client_id, person, organisation FROM team_member"
  " ORDER BY client_id, left_on IS NULL, joined_on, created";

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

gboolean
polku_report_read_clients (PolkuReport   *report,
                           PolkuStore    *store,
                           GCancellable  *cancellable,
                           GError       **error)
{
  sqlite3 *db;
  sqlite3_stmt *stmt;
  gboolean ok = TRUE;
  int rc;
  guint n = 0;

  db = polku_store_begin_use (store, error);
  if (db == NULL)
    return FALSE;

  stmt = polku_store_prepare (db, polku_report_clients_sql, "Reading the report's clients",
                              error);
  if (stmt == NULL)
    {
      polku_store_end_use (store);
      return FALSE;
    }
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      ReportClient *client = g_new0 (ReportClient, 1);
      const char *sign_on, *first_change, *held, *visit_phase;

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
      client->closed_on = chunk_dup (report, stmt, 9);
      client->row.sector = chunk_dup (report, stmt, 10);
      sign_on = POLKU_STORE_COL (stmt, 11);
      first_change = POLKU_STORE_COL (stmt, 12);
      client->identified_on = g_string_chunk_insert_const (report->strings,
                                                           sign_on != NULL ? sign_on
                                                           : first_change != NULL ? first_change
                                                           : "");
      if (*client->identified_on == '\0')
        client->identified_on = NULL;
      client->contacted_on = chunk_dup (report, stmt, 13);
      held = POLKU_STORE_COL (stmt, 14);
      visit_phase = POLKU_STORE_COL (stmt, 15);
      if (held != NULL || visit_phase != NULL)
        client->visit_on = g_string_chunk_insert_const (report->strings,
                                                        held != NULL ? held : visit_phase);
      client->coordinator = chunk_dup (report, stmt, 16);
      client->coordinator_open = sqlite3_column_int (stmt, 17) != 0;
      client->row.consent_given = sqlite3_column_int (stmt, 18) != 0;
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

      if (++n % 512 == 0 && g_cancellable_is_cancelled (cancellable))
        break;
    }
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    ok = polku_store_set_sqlite_error (error, db, "Reading the report's clients");
  sqlite3_finalize (stmt);

  if (ok && !g_cancellable_is_cancelled (cancellable))
    {
      stmt = polku_store_prepare (db, team_sql, "Reading the teams", error);
      ok = stmt != NULL;
      while (ok && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
        {
          ReportClient *client = g_hash_table_lookup (report->by_id, POLKU_STORE_COL (stmt, 0));

          /* Rows come oldest first and the current ones last: the last match wins. */
          if (client != NULL && client->coordinator != NULL
              && g_strcmp0 (client->coordinator, POLKU_STORE_COL (stmt, 1)) == 0)
            client->unit = chunk_dup (report, stmt, 2);
        }
      if (ok && rc != SQLITE_DONE)
        ok = polku_store_set_sqlite_error (error, db, "Reading the teams");
      if (stmt != NULL)
        sqlite3_finalize (stmt);
    }
  polku_store_end_use (store);

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

gboolean
polku_report_read_contacts (PolkuReport   *report,
                            PolkuStore    *store,
                            GCancellable  *cancellable,
                            GError       **error)
{
  const PolkuVisitFilter *continuity = polku_visit_filter_default ();
  ReportClient nobody = { { 0 } };
  ReportClient *client = NULL;
  sqlite3 *db;
  sqlite3_stmt *stmt;
  gboolean ok = TRUE;
  gboolean scan;
  guint64 n = 0;
  int rc;

  /* A cohort of an eighth of the clients or more: scan (see polku_report_contacts_scan_sql). */
  scan = report->rows->len * 8 > report->clients->len;
  if (report->rows->len == 0)
    return TRUE;

  db = polku_store_begin_use (store, error);
  if (db == NULL)
    return FALSE;
  stmt = polku_store_prepare (db, scan ? polku_report_contacts_scan_sql
                                       : polku_report_contacts_sql,
                              "Reading the contacts", error);
  if (stmt == NULL)
    {
      polku_store_end_use (store);
      return FALSE;
    }
  if (!scan)
    polku_store_bind_texts (stmt, 1, 2, report->query->from, report->query->to);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *client_id = POLKU_STORE_COL (stmt, 0);
      const char *type_id;
      gboolean urgent, no_show;
      int days;
      guint32 j;
      int category;

      if (++n % 4096 == 0)
        {
          if (g_cancellable_is_cancelled (cancellable))
            break;
        }
      /* A client's contacts mostly come together: look the client up when it changes. */
      if (client == NULL || g_strcmp0 (client->row.client_id, client_id) != 0)
        {
          client = client_id != NULL ? g_hash_table_lookup (report->by_id, client_id) : NULL;
          if (client == NULL)
            {
              client = &nobody;
              nobody.row.client_id = (char *) "";
            }
        }
      if (!client->in_cohort)
        continue;
      /* Outside the longest periods nothing counts (columns are decoded only when read). */
      j = julian_of (POLKU_STORE_COL (stmt, 1));
      if (j == 0 || j < client->before_start_j[REPORT_N_PERIODS - 1]
          || j >= client->after_end_j[REPORT_N_PERIODS - 1])
        continue;
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
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    ok = polku_store_set_sqlite_error (error, db, "Reading the contacts");
  sqlite3_finalize (stmt);
  polku_store_end_use (store);

  if (ok)
    ok = !polku_report_check_cancelled (cancellable, error);
  return ok;
}
