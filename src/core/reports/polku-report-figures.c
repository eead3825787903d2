/* polku-report-figures.c: the exact figures of a report, as "raw" JSON
 *
 * Every figure is a raw cell {"cell": true, "value", "n", "base"?, "share"?} (see
 * polku-report-private.h); polku-report-json.c turns the raw tree into what may be shown.
 * The sections follow polku-report.h: cohort, before/after by category, continuity,
 * WHOQOL-BREF, satisfaction, costs (polku-report-costs.c) and the process.
 *
 * Copyright 2026 The Polku authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "polku-report"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "polku-assessment-store.h"
#include "polku-closing-reasons.h"
#include "polku-continuity.h"
#include "polku-date.h"
#include "polku-instrument.h"
#include "polku-report-private.h"
#include "polku-satisfaction-report.h"
#include "polku-scoring.h"
#include "polku-store-private.h"

JsonNode *
polku_report_raw_cell (double value,
                       gint64 n)
{
  JsonObject *object = json_object_new ();
  JsonNode *node = json_node_new (JSON_NODE_OBJECT);

  json_object_set_boolean_member (object, "cell", TRUE);
  if (n == 0 || isnan (value) || isinf (value))
    json_object_set_null_member (object, "value");
  else
    json_object_set_double_member (object, "value", value);
  json_object_set_int_member (object, "n", n);
  json_node_take_object (node, object);
  return node;
}

/* A count of clients: value = n. */
static JsonNode *
raw_count (gint64 n)
{
  JsonNode *node = polku_report_raw_cell (n, n);

  json_object_set_double_member (json_node_get_object (node), "value", n);
  return node;
}

/* A statistic over a group of @n clients that is part of a bigger @base. */
static JsonNode *
raw_stat (double value,
          gint64 n,
          gint64 base)
{
  JsonNode *node = polku_report_raw_cell (value, n);

  if (base >= 0)
    json_object_set_int_member (json_node_get_object (node), "base", base);
  return node;
}

JsonNode *
polku_report_raw_share (gint64 numerator,
                        gint64 base)
{
  JsonNode *node = polku_report_raw_cell (base > 0 ? 100.0 * numerator / base : NAN, numerator);
  JsonObject *object = json_node_get_object (node);

  /* 0 % of a group is a figure too. */
  if (base > 0)
    json_object_set_double_member (object, "value", 100.0 * numerator / base);
  json_object_set_int_member (object, "base", base);
  json_object_set_boolean_member (object, "share", TRUE);
  return node;
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y ? 1 : 0;
}

static int
compare_ints (gconstpointer a,
              gconstpointer b)
{
  return *(const int *) a - *(const int *) b;
}

double
polku_report_median (GArray *values)
{
  guint n = values->len;

  if (n == 0)
    return NAN;
  g_array_sort (values, compare_doubles);
  if (n % 2 == 1)
    return g_array_index (values, double, n / 2);
  return (g_array_index (values, double, n / 2 - 1) + g_array_index (values, double, n / 2)) / 2;
}

gboolean
polku_report_check_cancelled (GCancellable  *cancellable,
                              GError       **error)
{
  if (!g_cancellable_is_cancelled (cancellable))
    return FALSE;
  g_set_error (error, POLKU_REPORT_ERROR, POLKU_REPORT_ERROR_CANCELLED,
               _("The report was cancelled."));
  return TRUE;
}

void
polku_report_set_progress (PolkuReport *report,
                           double       fraction)
{
  if (report->progress != NULL)
    report->progress (CLAMP (fraction, 0.0, 1.0), report->progress_data);
}

/* ── Words that are not data-file labels: fi, sv, en (the report's language, not the UI's;
 * see polku-record-entry.c for why not gettext). ─────────────────────────────────────── */

static const struct
{
  const char *key;
  const char *en, *fi, *sv;
} words[] = {
  { "after_incomplete", "The period after the plan is not over yet",
    "Suunnitelman jälkeinen jakso ei ole vielä päättynyt",
    "Perioden efter planen är inte slut ännu" },
  { "died", "Died during the period", "Kuoli jakson aikana", "Avled under perioden" },
  { "moved_away", "Moved away during the period", "Muutti pois jakson aikana",
    "Flyttade bort under perioden" },
  { "health", "Health care", "Terveydenhuolto", "Hälso- och sjukvård" },
  { "social", "Social services", "Sosiaalipalvelut", "Socialtjänster" },
  { "third_sector", "Third sector", "Kolmas sektori", "Tredje sektorn" },
  { "private", "Private sector", "Yksityinen sektori", "Privata sektorn" },
  { "client", "The client themself", "Asiakas itse", "Klienten själv" },
  { "relative", "A relative", "Läheinen", "En anhörig" },
  { "other", "Other", "Muu", "Annat" },
  { "unknown", "Not recorded", "Ei kirjattu", "Inte antecknat" },
  { "doctor_urgent", "Doctor visits, urgent", "Lääkärikäynnit, kiireelliset",
    "Läkarbesök, brådskande" },
  { "doctor_non_urgent", "Doctor visits, non-urgent", "Lääkärikäynnit, kiireettömät",
    "Läkarbesök, icke brådskande" },
  { "inpatient_stays", "Inpatient stays", "Osastojaksot", "Vårdperioder på avdelning" },
  { "inpatient_days", "Inpatient days", "Hoitopäivät osastolla", "Vårddagar på avdelning" },
  { "no_shows", "No-shows", "Käyttämättä jätetyt ajat", "Uteblivna besök" },
  { "other_unknown", "Contacts of unknown type", "Tuntemattoman tyypin yhteydet",
    "Kontakter av okänd typ" },
};

const char *
polku_report_word (PolkuReport *report,
                   const char  *key)
{
  for (guint i = 0; i < G_N_ELEMENTS (words); i++)
    if (g_str_equal (words[i].key, key))
      {
        if (g_strcmp0 (report->language, "fi") == 0)
          return words[i].fi;
        if (g_strcmp0 (report->language, "sv") == 0)
          return words[i].sv;
        return words[i].en;
      }
  return key;
}

/* ── Cohort ──────────────────────────────────────────────────────────────────────────── */

static const char *left_out_codes[LEFT_OUT_N] = {
  NULL, "after_incomplete", "died", "moved_away",
};

static JsonNode *
compute_cohort (PolkuReport *report)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "clients");
  json_builder_add_value (builder, raw_count (report->rows->len));
  json_builder_set_member_name (builder, "periods");
  json_builder_begin_array (builder);
  for (guint p = 0; p < REPORT_N_PERIODS; p++)
    {
      guint included = 0, left[LEFT_OUT_N] = { 0 };

      for (guint i = 0; i < report->clients->len; i++)
        {
          ReportClient *client = g_ptr_array_index (report->clients, i);

          if (!client->in_cohort)
            continue;
          if (client->included[p])
            included++;
          else
            left[client->left_out[p]]++;
        }
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "months");
      json_builder_add_int_value (builder, polku_report_periods[p]);
      json_builder_set_member_name (builder, "included");
      json_builder_add_value (builder, raw_count (included));
      json_builder_set_member_name (builder, "left_out");
      json_builder_begin_array (builder);
      for (guint r = 1; r < LEFT_OUT_N; r++)
        {
          json_builder_begin_object (builder);
          json_builder_set_member_name (builder, "reason");
          json_builder_add_string_value (builder, left_out_codes[r]);
          json_builder_set_member_name (builder, "label");
          json_builder_add_string_value (builder, polku_report_word (report, left_out_codes[r]));
          json_builder_set_member_name (builder, "n");
          json_builder_add_value (builder, raw_count (left[r]));
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}

/* ── Before and after ────────────────────────────────────────────────────────────────── */

static void
add_side (JsonBuilder *builder,
          const char  *name,
          GArray      *values,
          guint        included)
{
  double total = 0;

  for (guint i = 0; i < values->len; i++)
    total += g_array_index (values, double, i);
  json_builder_set_member_name (builder, name);
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "total");
  json_builder_add_value (builder, raw_stat (total, included, -1));
  json_builder_set_member_name (builder, "mean");
  json_builder_add_value (builder, raw_stat (included > 0 ? total / included : NAN, included,
                                             -1));
  json_builder_set_member_name (builder, "median");
  json_builder_add_value (builder, raw_stat (polku_report_median (values), included, -1));
  json_builder_end_object (builder);
}

static gboolean
category_used (PolkuReport *report,
               guint        c)
{
  for (guint i = 0; i < report->rows->len; i++)
    {
      ReportClient *client = (ReportClient *) g_ptr_array_index (report->rows, i);

      for (guint p = 0; p < REPORT_N_PERIODS; p++)
        if (COUNT (report, client, p, 0, c) > 0 || COUNT (report, client, p, 1, c) > 0)
          return TRUE;
    }
  return FALSE;
}

static JsonNode *
compute_before_after (PolkuReport *report)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  json_builder_begin_array (builder);
  for (guint p = 0; p < REPORT_N_PERIODS; p++)
    {
      guint included = 0;

      for (guint i = 0; i < report->rows->len; i++)
        included += ((ReportClient *) g_ptr_array_index (report->rows, i))->included[p] ? 1 : 0;

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "months");
      json_builder_add_int_value (builder, polku_report_periods[p]);
      json_builder_set_member_name (builder, "clients");
      json_builder_add_value (builder, raw_count (included));
      json_builder_set_member_name (builder, "categories");
      json_builder_begin_array (builder);
      for (guint c = 0; c < report->n_categories; c++)
        {
          const char *id = g_ptr_array_index (report->category_ids, c);
          g_autoptr(GArray) before = g_array_new (FALSE, FALSE, sizeof (double));
          g_autoptr(GArray) after = g_array_new (FALSE, FALSE, sizeof (double));
          double total_before = 0, total_after = 0;
          guint fell = 0;

          if ((int) c == report->cat_unknown && !category_used (report, c))
            continue;
          for (guint i = 0; i < report->rows->len; i++)
            {
              ReportClient *client = (ReportClient *) g_ptr_array_index (report->rows, i);
              double b, a;

              if (!client->included[p])
                continue;
              b = COUNT (report, client, p, 0, c);
              a = COUNT (report, client, p, 1, c);
              g_array_append_val (before, b);
              g_array_append_val (after, a);
              total_before += b;
              total_after += a;
              fell += a < b ? 1 : 0;
            }

          json_builder_begin_object (builder);
          json_builder_set_member_name (builder, "id");
          json_builder_add_string_value (builder, id);
          json_builder_set_member_name (builder, "label");
          json_builder_add_string_value (builder, g_ptr_array_index (report->category_labels, c));
          add_side (builder, "before", before, included);
          add_side (builder, "after", after, included);
          json_builder_set_member_name (builder, "change_percent");
          json_builder_add_value (builder,
                                  raw_stat (total_before > 0
                                            ? 100.0 * (total_after - total_before) / total_before
                                            : NAN, included, -1));
          json_builder_set_member_name (builder, "share_fell");
          json_builder_add_value (builder, polku_report_raw_share (fell, included));
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  return json_builder_get_root (builder);
}

/* ── Continuity ──────────────────────────────────────────────────────────────────────── */

static void
compute_client_continuity (ReportClient *client)
{
  const PolkuVisitFilter *defaults = polku_visit_filter_default ();

  for (guint p = 0; p < REPORT_N_PERIODS; p++)
    {
      if (!client->included[p])
        continue;
      for (guint side = 0; side < 2; side++)
        {
          g_autoptr(PolkuContinuity) continuity = NULL;
          PolkuVisitFilter filter = *defaults;
          GDate from, to;

          from = side == 0 ? client->before_start[p] : client->agreed;
          to = side == 0 ? client->agreed : client->after_end[p];
          g_date_subtract_days (&to, 1);
          filter.from = &from;
          filter.to = &to;
          continuity = polku_continuity_compute ((const PolkuVisit *) client->visits->data,
                                                 client->visits->len, &filter);
          client->cont_visits[p][side] = continuity->visits;
          client->coci[p][side] = continuity->coci;
          client->upc[p][side] = continuity->upc;
        }
    }
}

static JsonNode *
compute_continuity (PolkuReport *report)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  for (guint i = 0; i < report->rows->len; i++)
    compute_client_continuity ((ReportClient *) g_ptr_array_index (report->rows, i));

  json_builder_begin_array (builder);
  for (guint p = 0; p < REPORT_N_PERIODS; p++)
    for (guint index = 0; index < 2; index++)
      {
        json_builder_begin_object (builder);
        json_builder_set_member_name (builder, "months");
        json_builder_add_int_value (builder, polku_report_periods[p]);
        json_builder_set_member_name (builder, "index");
        json_builder_add_string_value (builder, index == 0 ? "COCI" : "UPC");
        for (guint side = 0; side < 2; side++)
          {
            g_autoptr(GArray) values = g_array_new (FALSE, FALSE, sizeof (double));
            guint included = 0;

            for (guint i = 0; i < report->rows->len; i++)
              {
                ReportClient *client = (ReportClient *) g_ptr_array_index (report->rows, i);
                double value = index == 0 ? client->coci[p][side] : client->upc[p][side];

                if (!client->included[p])
                  continue;
                included++;
                if (client->cont_visits[p][side] >= 2 && !isnan (value))
                  g_array_append_val (values, value);
              }
            json_builder_set_member_name (builder, side == 0 ? "before" : "after");
            json_builder_begin_object (builder);
            json_builder_set_member_name (builder, "n");
            json_builder_add_value (builder, raw_count (values->len));
            json_builder_set_member_name (builder, "median");
            json_builder_add_value (builder, raw_stat (polku_report_median (values), values->len,
                                                       included));
            json_builder_end_object (builder);
          }
        json_builder_end_object (builder);
      }
  json_builder_end_array (builder);
  return json_builder_get_root (builder);
}

/* ── WHOQOL-BREF ─────────────────────────────────────────────────────────────────────── */

const char * const polku_report_whoqol_domains[4] = {
  "physical", "psychological", "social", "environment",
};

const guint polku_report_periods[3] = { 6, 12, 24 };

typedef struct
{
  char   *date;
  gboolean baseline;
  double  values[REPORT_N_DOMAINS];
} Scored;

/* The complete WHOQOL-BREFs of the cohort's clients (WhoqolRow, polku-report-private.h), in
 * polku_assessment_store_list_all ()'s order (client, date, created, id), only what the
 * figures need: no other client's answers are parsed or scored. */
static const char * const whoqol_sql =
  "SELECT client_id, assessed_on, role, id, answers FROM assessment"
  " WHERE instrument_id = ?1 AND status = 'complete'"
  " ORDER BY client_id, assessed_on, created, id";

static void
whoqol_row_clear (gpointer data)
{
  WhoqolRow *row = data;

  g_free (row->id);
  g_free (row->answers);
}

/* A complete WHOQOL-BREF of a cohort client, kept in @data (the rows). */
static void
whoqol_fact (PolkuReport  *report,
             ReportClient *client,
             sqlite3_stmt *stmt,
             gpointer      data)
{
  WhoqolRow row = { NULL, NULL, FALSE, NULL, NULL, FALSE, { NAN, NAN, NAN, NAN } };

  if (POLKU_STORE_COL (stmt, 1) == NULL)
    return;
  row.client = client;
  row.date = g_string_chunk_insert_const (report->strings, POLKU_STORE_COL (stmt, 1));
  row.baseline = g_strcmp0 (POLKU_STORE_COL (stmt, 2), "baseline") == 0;
  row.id = g_strdup (POLKU_STORE_COL (stmt, 3));
  row.answers = g_strdup (POLKU_STORE_COL (stmt, 4));
  g_array_append_val ((GArray *) data, row);
}

static GArray *
read_whoqol (PolkuReport  *report,
             PolkuStore   *store,
             GError      **error)
{
  static const char * const instrument[] = { POLKU_INSTRUMENT_WHOQOL_BREF };
  g_autoptr(GArray) rows = g_array_new (FALSE, TRUE, sizeof (WhoqolRow));
  sqlite3 *db;
  gboolean ok;

  g_array_set_clear_func (rows, whoqol_row_clear);
  db = polku_store_begin_use (store, error);
  if (db == NULL)
    return NULL;
  ok = polku_report_fold_rows (report, db, whoqol_sql, _("Reading assessments"), instrument,
                               G_N_ELEMENTS (instrument), REPORT_ROWS_COHORT, whoqol_fact, rows,
                               NULL, error);
  polku_store_end_use (store);
  return ok ? g_steal_pointer (&rows) : NULL;
}

/* The 0–100 domain scores of @row in polku_report_whoqol_domains order, scored by the
 * engine as polku_assessment_compute_scores () does; FALSE when the scoring discarded it or
 * left a domain unscored. Answers that cannot be read are an error, as when the store lists
 * them (@out_error set). */
static gboolean
score_whoqol (PolkuInstrument  *instrument,
              JsonParser       *parser,
              const WhoqolRow  *row,
              double           *values,
              GError          **out_error)
{
  g_autoptr(PolkuScores) scores = NULL;
  g_autofree int *answers = NULL;
  gboolean complete = TRUE;
  guint score = G_MAXUINT;

  for (guint d = 0; d < REPORT_N_DOMAINS; d++)
    values[d] = NAN;
  if (instrument == NULL)
    return FALSE;
  if (!json_parser_load_from_data (parser, row->answers, -1, NULL)
      || !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    {
      g_set_error (out_error, POLKU_ASSESSMENT_ERROR, POLKU_ASSESSMENT_ERROR_INVALID,
                   _("The answers of assessment %s cannot be read."), row->id);
      return FALSE;
    }
  answers = polku_instrument_answers_from_json (
    instrument, json_node_get_object (json_parser_get_root (parser)), out_error);
  if (answers == NULL)
    return FALSE;
  scores = polku_scores_compute (instrument, answers);
  if (scores == NULL || scores->discarded)
    return FALSE;
  for (guint s = 0; s < polku_instrument_get_n_scores (scores->instrument); s++)
    if (g_strcmp0 (polku_instrument_get_score_id (scores->instrument, s), "score_0_100") == 0)
      score = s;
  if (score == G_MAXUINT)
    return FALSE;
  for (guint i = 0; i < scores->n_domains; i++)
    for (guint d = 0; d < REPORT_N_DOMAINS; d++)
      if (g_strcmp0 (scores->domains[i].id, polku_report_whoqol_domains[d]) == 0)
        {
          values[d] = scores->domains[i].state == POLKU_DOMAIN_SCORED
                      ? scores->domains[i].values[score] : NAN;
          complete = complete && !isnan (values[d]);
        }
  return complete;
}

/* Scores every row (the rows' values and complete), stopping at answers that cannot be
 * read (@data's whoqol_error) and soon after a cancel. Runs in a thread of its own while the
 * contacts are read. */
static gpointer
score_rows (gpointer data)
{
  PolkuReport *report = data;
  g_autoptr(JsonParser) parser = json_parser_new ();

  for (guint i = 0; i < report->whoqol_rows->len && report->whoqol_error == NULL; i++)
    {
      WhoqolRow *row = &g_array_index (report->whoqol_rows, WhoqolRow, i);

      if (i % 64 == 0 && (g_atomic_int_get (&report->whoqol_stop)
                          || g_cancellable_is_cancelled (report->whoqol_cancellable)))
        {
          report->whoqol_stopped = TRUE;
          break;
        }

      row->complete = score_whoqol (report->whoqol_instrument, parser, row, row->values,
                                    &report->whoqol_error);
      g_clear_pointer (&row->answers, g_free);
    }
  return NULL;
}

/* Reads the cohort's WHOQOL-BREFs (under the store's lock, before the contacts) and starts
 * scoring them in a thread of their own: the JSON of the answers is most of a report's own
 * work, and it needs no lock. polku_report_whoqol_finish () waits for it. */
gboolean
polku_report_whoqol_start (PolkuReport   *report,
                           PolkuStore    *store,
                           GCancellable  *cancellable,
                           GError       **error)
{
  if (cancellable != NULL)
    report->whoqol_cancellable = g_object_ref (cancellable);
  report->whoqol_rows = read_whoqol (report, store, error);
  if (report->whoqol_rows == NULL)
    return FALSE;
  report->whoqol_instrument = polku_instrument_lookup (POLKU_INSTRUMENT_WHOQOL_BREF, NULL);
  if (report->whoqol_rows->len > 0)
    report->whoqol_thread = g_thread_try_new ("polku-report-whoqol", score_rows, report, NULL);
  if (report->whoqol_thread == NULL)
    score_rows (report);
  return TRUE;
}

/* Waits for the scores; safe to call more than once. @stop: tells the scoring to stop first
 * (polku_report_free ()). */
gboolean
polku_report_whoqol_finish (PolkuReport  *report,
                            gboolean      stop,
                            GError      **error)
{
  if (stop)
    g_atomic_int_set (&report->whoqol_stop, TRUE);
  if (report->whoqol_thread != NULL)
    g_thread_join (g_steal_pointer (&report->whoqol_thread));
  if (report->whoqol_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&report->whoqol_error));
      return FALSE;
    }
  if (report->whoqol_stopped)
    {
      if (!polku_report_check_cancelled (report->whoqol_cancellable, error))
        g_set_error (error, POLKU_REPORT_ERROR, POLKU_REPORT_ERROR_CANCELLED,
                     _("The report was cancelled."));
      return FALSE;
    }
  return TRUE;
}

static int
months_from (const GDate *agreed,
             const char  *date)
{
  GDate day;
  double months;

  if (!polku_date_parse_iso (date, &day))
    return G_MININT;
  /* Rounded to the nearest month (no libm in the core). */
  months = g_date_days_between (agreed, &day) / 30.4375;
  return (int) (months >= 0 ? months + 0.5 : months - 0.5);
}

static JsonNode *
compute_whoqol (PolkuReport   *report,
                PolkuStore    *store,
                GError       **error)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  GArray *assessments = report->whoqol_rows;
  PolkuInstrument *instrument = report->whoqol_instrument;
  g_autoptr(GHashTable) discarded_clients = g_hash_table_new (g_direct_hash, g_direct_equal);
  g_autoptr(GArray) intervals = g_array_new (FALSE, FALSE, sizeof (double));
  /* bin (months) → double[4 sums], guint[4 counts] as one double[8] */
  g_autoptr(GHashTable) bins = g_hash_table_new_full (g_direct_hash, g_direct_equal, NULL,
                                                      g_free);
  guint discarded = 0, unpaired = 0;
  guint start = 0;

  if (assessments == NULL && !polku_report_whoqol_start (report, store, NULL, error))
    return NULL;
  if (!polku_report_whoqol_finish (report, FALSE, error))
    return NULL;
  assessments = report->whoqol_rows;
  instrument = report->whoqol_instrument;

  /* Ordered by client, then date: one client's run at a time. */
  while (start < assessments->len)
    {
      ReportClient *client = g_array_index (assessments, WhoqolRow, start).client;
      Scored *baseline = NULL, *latest = NULL;
      g_autoptr(GArray) scored = g_array_new (FALSE, TRUE, sizeof (Scored));
      g_autoptr(GHashTable) client_bins = g_hash_table_new (g_direct_hash, g_direct_equal);
      guint end = start;

      while (end < assessments->len
             && g_array_index (assessments, WhoqolRow, end).client == client)
        end++;
      for (guint i = start; i < end; i++)
        {
          const WhoqolRow *row = &g_array_index (assessments, WhoqolRow, i);
          Scored entry = { 0 };

          entry.date = (char *) row->date;
          entry.baseline = row->baseline;
          memcpy (entry.values, row->values, sizeof entry.values);
          if (!row->complete)
            {
              discarded++;
              g_hash_table_add (discarded_clients, client);
            }
          g_array_append_val (scored, entry);
        }
      for (guint i = 0; i < scored->len; i++)
        {
          Scored *entry = &g_array_index (scored, Scored, i);

          if (entry->baseline && baseline == NULL)
            baseline = entry;
        }
      if (baseline != NULL)
        for (guint i = 0; i < scored->len; i++)
          {
            Scored *entry = &g_array_index (scored, Scored, i);

            if (!entry->baseline && g_strcmp0 (entry->date, baseline->date) >= 0)
              {
                gboolean any = FALSE;

                for (guint d = 0; d < REPORT_N_DOMAINS; d++)
                  any = any || !isnan (entry->values[d]);
                if (any)
                  latest = entry;
              }
          }
      if (baseline != NULL)
        {
          memcpy (client->row.whoqol_baseline, baseline->values, sizeof baseline->values);
          client->row.whoqol_baseline_months = months_from (&client->agreed, baseline->date);
        }
      if (latest != NULL)
        {
          GDate a, b;
          double days;

          memcpy (client->row.whoqol_latest, latest->values, sizeof latest->values);
          client->row.whoqol_latest_months = months_from (&client->agreed, latest->date);
          polku_date_parse_iso (baseline->date, &a);
          polku_date_parse_iso (latest->date, &b);
          days = g_date_days_between (&a, &b);
          g_array_append_val (intervals, days);
        }
      else if (baseline != NULL)
        unpaired++;

      /* Over time: the baseline at 0, follow-ups at the nearest 6 months (at least 6); a
       * client's latest in a bin counts. */
      for (guint i = 0; i < scored->len; i++)
        {
          Scored *entry = &g_array_index (scored, Scored, i);
          int bin;

          if (entry->baseline && entry != baseline)
            continue;
          if (entry == baseline)
            bin = 0;
          else
            {
              int months = months_from (&client->agreed, entry->date);

              if (months == G_MININT || (baseline != NULL
                                         && g_strcmp0 (entry->date, baseline->date) < 0))
                continue;
              bin = MAX (6, ((months + 3) / 6) * 6);
            }
          g_hash_table_insert (client_bins, GINT_TO_POINTER (bin), entry);
        }
      {
        GHashTableIter iter;
        gpointer key, value;

        g_hash_table_iter_init (&iter, client_bins);
        while (g_hash_table_iter_next (&iter, &key, &value))
          {
            Scored *entry = value;
            double *sums = g_hash_table_lookup (bins, key);

            if (sums == NULL)
              {
                sums = g_new0 (double, 2 * REPORT_N_DOMAINS);
                g_hash_table_insert (bins, key, sums);
              }
            for (guint d = 0; d < REPORT_N_DOMAINS; d++)
              if (!isnan (entry->values[d]))
                {
                  sums[d] += entry->values[d];
                  sums[REPORT_N_DOMAINS + d] += 1;
                }
          }
      }
      start = end;
    }

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "domains");
  json_builder_begin_array (builder);
  for (guint d = 0; d < REPORT_N_DOMAINS; d++)
    {
      double sum_b = 0, sum_l = 0;
      guint pairs = 0;
      const char *label = polku_report_whoqol_domains[d];

      for (guint i = 0; instrument != NULL && i < polku_instrument_get_n_domains (instrument); i++)
        if (g_strcmp0 (polku_instrument_get_domain_id (instrument, i), label) == 0)
          label = polku_instrument_get_domain_title_in (instrument, i, report->language);
      for (guint i = 0; i < report->rows->len; i++)
        {
          PolkuReportClientRow *row = g_ptr_array_index (report->rows, i);

          if (isnan (row->whoqol_baseline[d]) || isnan (row->whoqol_latest[d]))
            continue;
          pairs++;
          sum_b += row->whoqol_baseline[d];
          sum_l += row->whoqol_latest[d];
        }
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "id");
      json_builder_add_string_value (builder, polku_report_whoqol_domains[d]);
      json_builder_set_member_name (builder, "label");
      json_builder_add_string_value (builder, label);
      json_builder_set_member_name (builder, "pairs");
      json_builder_add_value (builder, raw_count (pairs));
      json_builder_set_member_name (builder, "baseline_mean");
      json_builder_add_value (builder, raw_stat (pairs > 0 ? sum_b / pairs : NAN, pairs, -1));
      json_builder_set_member_name (builder, "latest_mean");
      json_builder_add_value (builder, raw_stat (pairs > 0 ? sum_l / pairs : NAN, pairs, -1));
      json_builder_set_member_name (builder, "mean_change");
      json_builder_add_value (builder, raw_stat (pairs > 0 ? (sum_l - sum_b) / pairs : NAN,
                                                 pairs, -1));
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "interval_days_median");
  json_builder_add_value (builder, raw_stat (polku_report_median (intervals), intervals->len,
                                             -1));
  json_builder_set_member_name (builder, "discarded");
  {
    JsonNode *cell = raw_stat (discarded, g_hash_table_size (discarded_clients), -1);

    json_object_set_double_member (json_node_get_object (cell), "value", discarded);
    json_builder_add_value (builder, cell);
  }
  json_builder_set_member_name (builder, "unpaired");
  json_builder_add_value (builder, raw_count (unpaired));
  json_builder_set_member_name (builder, "over_time");
  json_builder_begin_array (builder);
  {
    g_autoptr(GArray) keys = g_array_new (FALSE, FALSE, sizeof (int));
    GHashTableIter iter;
    gpointer key;

    g_hash_table_iter_init (&iter, bins);
    while (g_hash_table_iter_next (&iter, &key, NULL))
      {
        int bin = GPOINTER_TO_INT (key);

        g_array_append_val (keys, bin);
      }
    g_array_sort (keys, compare_ints);
    for (guint k = 0; k < keys->len; k++)
      {
        int bin = g_array_index (keys, int, k);
        double *sums = g_hash_table_lookup (bins, GINT_TO_POINTER (bin));

        for (guint d = 0; d < REPORT_N_DOMAINS; d++)
          {
            guint n = (guint) sums[REPORT_N_DOMAINS + d];

            json_builder_begin_object (builder);
            json_builder_set_member_name (builder, "months");
            json_builder_add_int_value (builder, bin);
            json_builder_set_member_name (builder, "domain");
            json_builder_add_string_value (builder, polku_report_whoqol_domains[d]);
            json_builder_set_member_name (builder, "mean");
            json_builder_add_value (builder, raw_stat (n > 0 ? sums[d] / n : NAN, n, -1));
            json_builder_set_member_name (builder, "n");
            json_builder_add_value (builder, raw_count (n));
            json_builder_end_object (builder);
          }
      }
  }
  json_builder_end_array (builder);
  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}

/* ── Satisfaction ────────────────────────────────────────────────────────────────────── */

static JsonNode *
compute_satisfaction (PolkuReport  *report,
                      PolkuStore   *store,
                      GError      **error)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(GPtrArray) assessments = NULL;
  /* year → GHashTable client → answer (the latest wins: the list is in date order) */
  g_autoptr(GHashTable) years = g_hash_table_new_full (g_direct_hash, g_direct_equal, NULL,
                                                       (GDestroyNotify) g_hash_table_unref);
  g_autoptr(GArray) year_list = g_array_new (FALSE, FALSE, sizeof (int));

  assessments = polku_assessment_store_list_all (store, POLKU_INSTRUMENT_CLIENT_SATISFACTION,
                                                 report->query->from, NULL, error);
  if (assessments == NULL)
    return NULL;

  for (guint i = 0; i < assessments->len; i++)
    {
      PolkuAssessment *assessment = g_ptr_array_index (assessments, i);
      ReportClient *client = g_hash_table_lookup (report->by_id,
                                                  polku_assessment_get_client_id (assessment));
      int answer, year;
      GHashTable *answers;
      GDate date;

      if (client == NULL || !client->in_cohort
          || !polku_date_parse_iso (polku_assessment_get_date (assessment), &date))
        continue;
      answer = polku_satisfaction_get_answer (assessment);
      if (answer == POLKU_ANSWER_MISSING)
        continue;
      year = g_date_get_year (&date);
      answers = g_hash_table_lookup (years, GINT_TO_POINTER (year));
      if (answers == NULL)
        {
          answers = g_hash_table_new (g_direct_hash, g_direct_equal);
          g_hash_table_insert (years, GINT_TO_POINTER (year), answers);
          g_array_append_val (year_list, year);
        }
      g_hash_table_insert (answers, client, GINT_TO_POINTER (answer));
      client->row.satisfaction = answer;
      client->row.satisfaction_months = months_from (&client->agreed,
                                                     polku_assessment_get_date (assessment));
    }
  g_array_sort (year_list, compare_ints);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "years");
  json_builder_begin_array (builder);
  for (guint y = 0; y < year_list->len; y++)
    {
      int year = g_array_index (year_list, int, y);
      GHashTable *answers = g_hash_table_lookup (years, GINT_TO_POINTER (year));
      guint n = g_hash_table_size (answers);
      guint counts[6] = { 0 };
      GHashTableIter iter;
      gpointer value;

      g_hash_table_iter_init (&iter, answers);
      while (g_hash_table_iter_next (&iter, NULL, &value))
        if (GPOINTER_TO_INT (value) >= 1 && GPOINTER_TO_INT (value) <= 5)
          counts[GPOINTER_TO_INT (value)]++;

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "year");
      json_builder_add_int_value (builder, year);
      json_builder_set_member_name (builder, "n");
      json_builder_add_value (builder, raw_count (n));
      json_builder_set_member_name (builder, "categories");
      json_builder_begin_array (builder);
      for (int v = 5; v >= 1; v--)
        {
          const char *label = polku_satisfaction_get_label (v, report->language);
          g_autofree char *id = g_strdup_printf ("%d", v);

          json_builder_begin_object (builder);
          json_builder_set_member_name (builder, "id");
          json_builder_add_string_value (builder, id);
          json_builder_set_member_name (builder, "label");
          json_builder_add_string_value (builder, label != NULL ? label : id);
          json_builder_set_member_name (builder, "share");
          json_builder_add_value (builder, polku_report_raw_share (counts[v], n));
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}

/* ── The process ─────────────────────────────────────────────────────────────────────── */

static const char *sector_codes[] = {
  "health", "social", "third_sector", "private", "client", "relative", "unknown",
};

static gboolean
age_ok_today (PolkuReport  *report,
              ReportClient *client)
{
  const PolkuReportQuery *q = report->query;
  GDate birth;
  int age;

  if (q->age_min < 0 && q->age_max < 0)
    return TRUE;
  if (client->birth_date == NULL || !polku_date_parse_iso (client->birth_date, &birth))
    return FALSE;
  age = (int) g_date_get_year (&report->today_date) - (int) g_date_get_year (&birth);
  if (g_date_get_month (&report->today_date) < g_date_get_month (&birth)
      || (g_date_get_month (&report->today_date) == g_date_get_month (&birth)
          && g_date_get_day (&report->today_date) < g_date_get_day (&birth)))
    age--;
  return (q->age_min < 0 || age >= q->age_min) && (q->age_max < 0 || age <= q->age_max);
}

static gboolean
matches (const char *filter,
         const char *value)
{
  g_autofree char *a = NULL, *b = NULL;

  if (filter == NULL)
    return TRUE;
  if (value == NULL)
    return FALSE;
  a = g_utf8_casefold (filter, -1);
  b = g_utf8_casefold (value, -1);
  return g_str_equal (a, b);
}

/* The current-state filters: everything but the period (and, for the queue, the
 * coordinator and the unit). */
static gboolean
current_filters (PolkuReport  *report,
                 ReportClient *client,
                 gboolean      with_coordinator)
{
  const PolkuReportQuery *q = report->query;

  if (client->archived || client->phase == NULL)
    return FALSE;
  if (with_coordinator && q->coordinator != NULL
      && g_strcmp0 (q->coordinator, client->coordinator) != 0)
    return FALSE;
  if (with_coordinator && q->unit != NULL && g_strcmp0 (q->unit, client->unit) != 0)
    return FALSE;
  if (!matches (q->municipality, client->row.municipality))
    return FALSE;
  if (q->sector != NULL
      && g_strcmp0 (q->sector, client->row.sector != NULL ? client->row.sector : "unknown") != 0)
    return FALSE;
  if (q->closed == 1 && !client->row.closed)
    return FALSE;
  if (q->closed == 0 && client->row.closed)
    return FALSE;
  return age_ok_today (report, client);
}

static void
add_median_days (JsonBuilder *builder,
                 PolkuReport *report,
                 const char  *name,
                 gsize        offset)
{
  g_autoptr(GArray) values = g_array_new (FALSE, FALSE, sizeof (double));

  for (guint i = 0; i < report->clients->len; i++)
    {
      ReportClient *client = g_ptr_array_index (report->clients, i);
      int days = G_STRUCT_MEMBER (int, &client->row, offset);

      if (client->in_process && days >= 0)
        {
          double value = days;

          g_array_append_val (values, value);
        }
    }
  json_builder_set_member_name (builder, name);
  json_builder_add_value (builder, raw_stat (polku_report_median (values), values->len, -1));
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return g_utf8_collate (*(const char **) a, *(const char **) b);
}

static JsonNode *
compute_process (PolkuReport *report)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(PolkuClosingReasons) reasons = polku_closing_reasons_get_default (NULL);
  g_autoptr(GHashTable) caseload = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) closures = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) coordinators = g_ptr_array_new ();
  g_autoptr(GPtrArray) codes = g_ptr_array_new ();
  guint sectors[G_N_ELEMENTS (sector_codes)] = { 0 };
  guint process = 0, given = 0, declined = 0, overdue = 0, queue = 0;
  guint caseload_total = 0, closures_total = 0;

  for (guint i = 0; i < report->clients->len; i++)
    {
      ReportClient *client = g_ptr_array_index (report->clients, i);
      gboolean open = client->phase != NULL && !client->row.closed;

      if (client->in_process)
        {
          const char *sector = client->row.sector != NULL ? client->row.sector : "unknown";

          process++;
          for (guint s = 0; s < G_N_ELEMENTS (sector_codes); s++)
            if (g_str_equal (sector_codes[s], sector))
              sectors[s]++;
          if (client->row.consent_given)
            given++;
          else if (g_strcmp0 (client->row.closed_code, "declined") == 0)
            declined++;
        }
      if (open && client->period.open && current_filters (report, client, TRUE))
        {
          guint n = GPOINTER_TO_UINT (g_hash_table_lookup (caseload, client->coordinator));

          if (n == 0)
            g_ptr_array_add (coordinators, client->coordinator);
          g_hash_table_insert (caseload, client->coordinator, GUINT_TO_POINTER (n + 1));
          caseload_total++;
        }
      if (open && client->review_on != NULL && g_strcmp0 (client->review_on, report->today) < 0
          && current_filters (report, client, TRUE))
        overdue++;
      if (open && !client->period.open && current_filters (report, client, FALSE))
        queue++;
      if (client->row.closed && client->closed_on != NULL
          && g_strcmp0 (client->closed_on, report->query->from) >= 0
          && g_strcmp0 (client->closed_on, report->query->to) <= 0
          && current_filters (report, client, TRUE))
        {
          const char *code = client->row.closed_code != NULL ? client->row.closed_code : "other";
          guint n = GPOINTER_TO_UINT (g_hash_table_lookup (closures, code));

          if (n == 0)
            g_ptr_array_add (codes, (gpointer) code);
          g_hash_table_insert (closures, (gpointer) code, GUINT_TO_POINTER (n + 1));
          closures_total++;
        }
    }

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "clients");
  json_builder_add_value (builder, raw_count (process));
  json_builder_set_member_name (builder, "identified_by_sector");
  json_builder_begin_array (builder);
  for (guint s = 0; s < G_N_ELEMENTS (sector_codes); s++)
    {
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "sector");
      json_builder_add_string_value (builder, sector_codes[s]);
      json_builder_set_member_name (builder, "label");
      json_builder_add_string_value (builder, polku_report_word (report, sector_codes[s]));
      json_builder_set_member_name (builder, "n");
      json_builder_add_value (builder, raw_count (sectors[s]));
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  json_builder_set_member_name (builder, "consent");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "given");
  json_builder_add_value (builder, raw_count (given));
  json_builder_set_member_name (builder, "declined");
  json_builder_add_value (builder, raw_count (declined));
  json_builder_set_member_name (builder, "no_decision");
  json_builder_add_value (builder, raw_count (process - given - declined));
  json_builder_end_object (builder);

  json_builder_set_member_name (builder, "median_days");
  json_builder_begin_object (builder);
  add_median_days (builder, report, "to_first_contact",
                   G_STRUCT_OFFSET (PolkuReportClientRow, days_to_first_contact));
  add_median_days (builder, report, "to_mapping_visit",
                   G_STRUCT_OFFSET (PolkuReportClientRow, days_to_mapping_visit));
  add_median_days (builder, report, "to_agreed_plan",
                   G_STRUCT_OFFSET (PolkuReportClientRow, days_to_agreed_plan));
  json_builder_end_object (builder);

  g_ptr_array_sort (coordinators, compare_strings);
  json_builder_set_member_name (builder, "caseload");
  json_builder_begin_array (builder);
  for (guint i = 0; i < coordinators->len; i++)
    {
      const char *person = g_ptr_array_index (coordinators, i);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "coordinator");
      json_builder_add_string_value (builder, person);
      json_builder_set_member_name (builder, "clients");
      json_builder_add_value (builder,
                              raw_count (GPOINTER_TO_UINT (g_hash_table_lookup (caseload,
                                                                                person))));
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "caseload_total");
  json_builder_add_value (builder, raw_count (caseload_total));
  json_builder_set_member_name (builder, "overdue_reviews");
  json_builder_add_value (builder, raw_count (overdue));

  /* Closures in the file's order of reasons, then codes the file lacks. */
  json_builder_set_member_name (builder, "closures");
  json_builder_begin_array (builder);
  {
    g_autoptr(GPtrArray) ordered = g_ptr_array_new ();

    for (guint r = 0; reasons != NULL && r < polku_closing_reasons_get_n_reasons (reasons); r++)
      {
        const char *code = polku_closing_reasons_get_reason_id (reasons, r);

        if (g_hash_table_contains (closures, code))
          g_ptr_array_add (ordered, (gpointer) code);
      }
    g_ptr_array_sort (codes, compare_strings);
    for (guint i = 0; i < codes->len; i++)
      if (!g_ptr_array_find_with_equal_func (ordered, g_ptr_array_index (codes, i), g_str_equal,
                                             NULL))
        g_ptr_array_add (ordered, g_ptr_array_index (codes, i));
    for (guint i = 0; i < ordered->len; i++)
      {
        const char *code = g_ptr_array_index (ordered, i);
        const char *label = reasons != NULL
                            ? polku_closing_reasons_get_label (reasons, code, report->language)
                            : NULL;

        json_builder_begin_object (builder);
        json_builder_set_member_name (builder, "code");
        json_builder_add_string_value (builder, code);
        json_builder_set_member_name (builder, "label");
        json_builder_add_string_value (builder, label != NULL ? label : code);
        json_builder_set_member_name (builder, "n");
        json_builder_add_value (builder,
                                raw_count (GPOINTER_TO_UINT (g_hash_table_lookup (closures,
                                                                                  code))));
        json_builder_end_object (builder);
      }
  }
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "closures_total");
  json_builder_add_value (builder, raw_count (closures_total));
  json_builder_set_member_name (builder, "queue");
  json_builder_add_value (builder, raw_count (queue));
  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}

/* ── All of it ───────────────────────────────────────────────────────────────────────── */

gboolean
polku_report_compute (PolkuReport   *report,
                      PolkuStore    *store,
                      GCancellable  *cancellable,
                      GError       **error)
{
  g_autoptr(JsonNode) whoqol = NULL;
  g_autoptr(JsonNode) satisfaction = NULL;
  JsonObject *root = json_object_new ();

  report->raw = json_node_new (JSON_NODE_OBJECT);
  json_node_take_object (report->raw, root);

  json_object_set_member (root, "cohort", compute_cohort (report));
  json_object_set_member (root, "before_after", compute_before_after (report));
  polku_report_set_progress (report, 0.65);
  if (polku_report_check_cancelled (cancellable, error))
    return FALSE;
  json_object_set_member (root, "continuity", compute_continuity (report));
  polku_report_set_progress (report, 0.75);
  if (polku_report_check_cancelled (cancellable, error))
    return FALSE;

  whoqol = compute_whoqol (report, store, error);
  if (whoqol == NULL)
    return FALSE;
  json_object_set_member (root, "whoqol", g_steal_pointer (&whoqol));
  polku_report_set_progress (report, 0.85);
  if (polku_report_check_cancelled (cancellable, error))
    return FALSE;

  satisfaction = compute_satisfaction (report, store, error);
  if (satisfaction == NULL)
    return FALSE;
  json_object_set_member (root, "satisfaction", g_steal_pointer (&satisfaction));
  polku_report_set_progress (report, 0.9);
  if (polku_report_check_cancelled (cancellable, error))
    return FALSE;

  if (report->costs != NULL)
    json_object_set_member (root, "costs", polku_report_costs_compute (report));
  else
    json_object_set_null_member (root, "costs");
  json_object_set_member (root, "process", compute_process (report));
  polku_report_set_progress (report, 0.95);
  return !polku_report_check_cancelled (cancellable, error);
}

/* The rows' hash tables (polku-report.h), made when the CSV asks for them: a report that is
 * only looked at does not build 10,000 × 90 keys. */
void
polku_report_fill_rows (PolkuReport *report)
{
  const char *sides[] = { "before", "after" };

  for (guint i = 0; i < report->rows->len; i++)
    {
      ReportClient *client = (ReportClient *) g_ptr_array_index (report->rows, i);

      for (guint p = 0; p < REPORT_N_PERIODS; p++)
        {
          guint months = polku_report_periods[p];

          if (!client->included[p])
            continue;
          for (guint c = 0; c < report->n_categories; c++)
            {
              const char *id = g_ptr_array_index (report->category_ids, c);
              double b = COUNT (report, client, p, 0, c);
              double a = COUNT (report, client, p, 1, c);

              g_hash_table_insert (client->row.before, g_strdup_printf ("%u/%s", months, id),
                                   g_memdup2 (&b, sizeof b));
              g_hash_table_insert (client->row.after, g_strdup_printf ("%u/%s", months, id),
                                   g_memdup2 (&a, sizeof a));
            }
          for (guint side = 0; side < 2; side++)
            {
              if (!isnan (client->coci[p][side]))
                g_hash_table_insert (client->row.continuity,
                                     g_strdup_printf ("%u/%s/coci", months, sides[side]),
                                     g_memdup2 (&client->coci[p][side], sizeof (double)));
              if (!isnan (client->upc[p][side]))
                g_hash_table_insert (client->row.continuity,
                                     g_strdup_printf ("%u/%s/upc", months, sides[side]),
                                     g_memdup2 (&client->upc[p][side], sizeof (double)));
            }
        }
    }
}
