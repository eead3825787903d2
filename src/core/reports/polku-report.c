/* polku-report.c: the report across clients: its query, the run and what it gives
 *
 * The run reads (polku-report-cohort.c), computes the exact figures
 * (polku-report-figures.c, polku-report-costs.c) and records one "report.run" audit entry;
 * the small-number rules are applied on the way out (polku-report-json.c). polku-report.h
 * defines who is counted, the CELL rule and the JSON.
 *
 * Copyright 2026 The Polku authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "polku-report"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "polku-audit.h"
#include "polku-contact-type.h"
#include "polku-date.h"
#include "polku-report-private.h"

G_DEFINE_QUARK (polku-report-error-quark, polku_report_error)

static const char * const sector_filter_codes[] = {
  "health", "social", "third_sector", "private", "client", "relative", "unknown", NULL,
};

PolkuReportQuery *
polku_report_query_new (void)
{
  PolkuReportQuery *q = g_new0 (PolkuReportQuery, 1);

  q->age_min = -1;
  q->age_max = -1;
  q->closed = -1;
  q->threshold = POLKU_REPORT_DEFAULT_THRESHOLD;
  return q;
}

PolkuReportQuery *
polku_report_query_copy (const PolkuReportQuery *q)
{
  PolkuReportQuery *copy;

  g_return_val_if_fail (q != NULL, NULL);

  copy = g_memdup2 (q, sizeof *q);
  copy->from = g_strdup (q->from);
  copy->to = g_strdup (q->to);
  copy->coordinator = g_strdup (q->coordinator);
  copy->unit = g_strdup (q->unit);
  copy->municipality = g_strdup (q->municipality);
  copy->sector = g_strdup (q->sector);
  copy->costs_file = g_strdup (q->costs_file);
  copy->today = g_strdup (q->today);
  copy->language = g_strdup (q->language);
  return copy;
}

void
polku_report_query_free (PolkuReportQuery *q)
{
  if (q == NULL)
    return;
  g_free (q->from);
  g_free (q->to);
  g_free (q->coordinator);
  g_free (q->unit);
  g_free (q->municipality);
  g_free (q->sector);
  g_free (q->costs_file);
  g_free (q->today);
  g_free (q->language);
  g_free (q);
}

static gboolean
invalid (GError    **error,
         const char *message)
{
  g_set_error_literal (error, POLKU_REPORT_ERROR, POLKU_REPORT_ERROR_INVALID, message);
  return FALSE;
}

/**
 * polku_report_query_validate:
 *
 * Returns: %TRUE when the query can run; otherwise %FALSE with a POLKU_REPORT_ERROR_INVALID
 *   error that says what to change
 */
gboolean
polku_report_query_validate (const PolkuReportQuery  *q,
                             GError                 **error)
{
  g_return_val_if_fail (q != NULL, FALSE);

  if (q->from == NULL || q->to == NULL)
    return invalid (error, _("A report needs the period: the first and the last day on "
                             "which the plans were agreed."));
  if (!polku_date_is_valid (q->from) || !polku_date_is_valid (q->to))
    return invalid (error, _("Write the dates of the period as YYYY-MM-DD."));
  if (g_strcmp0 (q->from, q->to) > 0)
    return invalid (error, _("The period ends before it starts: check the dates."));
  if (q->today != NULL && !polku_date_is_valid (q->today))
    return invalid (error, _("Write the dates of the period as YYYY-MM-DD."));
  if ((q->age_min != -1 && (q->age_min < 0 || q->age_min > 150))
      || (q->age_max != -1 && (q->age_max < 0 || q->age_max > 150)))
    return invalid (error, _("An age bound is a whole number of years from 0 to 150."));
  if (q->age_min >= 0 && q->age_max >= 0 && q->age_min > q->age_max)
    return invalid (error, _("The lowest age is above the highest: no client can match."));
  if (q->sector != NULL && !g_strv_contains (sector_filter_codes, q->sector))
    return invalid (error, _("Unknown sector. Use health, social, third_sector, private, "
                             "client, relative or unknown."));
  if (q->closed < -1 || q->closed > 1)
    return invalid (error, _("Choose open or closed cases, or neither."));
  if (q->threshold < 1 || q->threshold > 1000)
    return invalid (error, _("The small-number threshold is a whole number from 1 to 1000."));
  if (q->language != NULL && !g_str_equal (q->language, "fi") && !g_str_equal (q->language, "sv")
      && !g_str_equal (q->language, "en"))
    return invalid (error, _("The report’s language is fi, sv or en."));
  return TRUE;
}

static void
describe_member (GString    *text,
                 const char *name,
                 const char *value)
{
  g_autofree char *escaped = NULL;

  if (value == NULL)
    return;
  escaped = g_uri_escape_string (value, NULL, FALSE);
  g_string_append_printf (text, " %s=%s", name, escaped);
}

/**
 * polku_report_query_describe:
 *
 * Returns: (transfer full): "from=… to=… threshold=5 coordinator=…": the query for the
 *   audit log (values percent-escaped; no client data is in a query)
 */
char *
polku_report_query_describe (const PolkuReportQuery *q)
{
  GString *text;

  g_return_val_if_fail (q != NULL, NULL);

  text = g_string_new (NULL);
  g_string_append_printf (text, "from=%s to=%s threshold=%u", q->from != NULL ? q->from : "-",
                          q->to != NULL ? q->to : "-", q->threshold);
  describe_member (text, "coordinator", q->coordinator);
  describe_member (text, "unit", q->unit);
  describe_member (text, "municipality", q->municipality);
  if (q->age_min >= 0)
    g_string_append_printf (text, " age-min=%d", q->age_min);
  if (q->age_max >= 0)
    g_string_append_printf (text, " age-max=%d", q->age_max);
  describe_member (text, "sector", q->sector);
  if (q->closed >= 0)
    g_string_append (text, q->closed == 1 ? " closed" : " open");
  describe_member (text, "costs", q->costs_file != NULL ? "yes" : NULL);
  return g_string_free (text, FALSE);
}

static void
report_client_free (gpointer data)
{
  ReportClient *client = data;

  g_free (client->row.birth_year_band);
  g_clear_pointer (&client->row.before, g_hash_table_unref);
  g_clear_pointer (&client->row.after, g_hash_table_unref);
  g_clear_pointer (&client->row.continuity, g_hash_table_unref);
  g_clear_pointer (&client->visits, g_array_unref);
  g_free (client->counts);
  g_free (client);
}

static void
add_category (PolkuReport *report,
              const char  *id,
              const char  *label)
{
  /* category_ids is NULL-terminated: insert before the NULL. */
  g_ptr_array_insert (report->category_ids, report->n_categories, g_strdup (id));
  g_ptr_array_add (report->category_labels, g_strdup (label));
  report->n_categories++;
}

static int
category_index (PolkuReport *report,
                const char  *id)
{
  for (guint c = 0; c < report->n_categories; c++)
    if (g_str_equal (g_ptr_array_index (report->category_ids, c), id))
      return c;
  return -1;
}

/* The categories of polku-report.h from the contact types file. */
static gboolean
set_up_categories (PolkuReport  *report,
                   GError      **error)
{
  g_autoptr(GListModel) types = polku_contact_types_dup_default (error);
  GPtrArray *categories;

  if (types == NULL)
    return FALSE;
  categories = polku_contact_types_get_categories (types);
  for (guint i = 0; i < categories->len; i++)
    {
      PolkuContactCategory *category = g_ptr_array_index (categories, i);
      const char *id = polku_contact_category_get_id (category);

      if (g_str_equal (id, "doctor"))
        {
          add_category (report, "doctor_urgent", polku_report_word (report, "doctor_urgent"));
          add_category (report, "doctor_non_urgent",
                        polku_report_word (report, "doctor_non_urgent"));
        }
      else if (g_str_equal (id, "inpatient"))
        {
          add_category (report, "inpatient_stays",
                        polku_contact_category_get_label_for (category, report->language));
          add_category (report, "inpatient_days", polku_report_word (report, "inpatient_days"));
        }
      else
        add_category (report, id, polku_contact_category_get_label_for (category,
                                                                        report->language));
    }
  add_category (report, "no_shows", polku_report_word (report, "no_shows"));
  add_category (report, "other_unknown", polku_report_word (report, "other_unknown"));
  report->cat_doctor_urgent = category_index (report, "doctor_urgent");
  report->cat_doctor_non_urgent = category_index (report, "doctor_non_urgent");
  report->cat_inpatient_stays = category_index (report, "inpatient_stays");
  report->cat_inpatient_days = category_index (report, "inpatient_days");
  report->cat_no_shows = category_index (report, "no_shows");
  report->cat_unknown = category_index (report, "other_unknown");

  for (guint i = 0; i < g_list_model_get_n_items (types); i++)
    {
      g_autoptr(PolkuContactType) type = g_list_model_get_item (types, i);
      PolkuContactCategory *category = polku_contact_type_get_category (type);
      const char *id = category != NULL ? polku_contact_category_get_id (category) : NULL;
      int index;

      if (id == NULL)
        index = report->cat_unknown;
      else if (g_str_equal (id, "doctor"))
        index = report->cat_doctor_non_urgent;
      else if (g_str_equal (id, "inpatient"))
        index = report->cat_inpatient_stays;
      else
        index = category_index (report, id);
      if (index < 0)
        index = report->cat_unknown;
      g_hash_table_insert (report->type_category, g_strdup (polku_contact_type_get_id (type)),
                           GINT_TO_POINTER (index + 1));
    }
  return TRUE;
}

static PolkuReport *
report_new (const PolkuReportQuery *query)
{
  PolkuReport *report = g_new0 (PolkuReport, 1);

  g_atomic_ref_count_init (&report->ref_count);
  report->query = polku_report_query_copy (query);
  report->language = g_strdup (query->language != NULL ? query->language
                                                       : polku_data_label_language ());
  report->today = query->today != NULL ? g_strdup (query->today) : polku_date_today ();
  polku_date_parse_iso (report->today, &report->today_date);
  report->generated = polku_date_now_stamp ();
  report->threshold = query->threshold;
  report->category_ids = g_ptr_array_new_with_free_func (g_free);
  g_ptr_array_add (report->category_ids, NULL);
  report->category_labels = g_ptr_array_new_with_free_func (g_free);
  report->type_category = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  report->clients = g_ptr_array_new_with_free_func (report_client_free);
  report->by_id = g_hash_table_new (g_str_hash, g_str_equal);
  report->rows = g_ptr_array_new ();
  report->strings = g_string_chunk_new (64 * 1024);
  return report;
}

PolkuReport *
polku_report_ref (PolkuReport *report)
{
  g_return_val_if_fail (report != NULL, NULL);

  g_atomic_ref_count_inc (&report->ref_count);
  return report;
}

void
polku_report_free (PolkuReport *report)
{
  if (report == NULL || !g_atomic_ref_count_dec (&report->ref_count))
    return;
  polku_report_whoqol_finish (report, TRUE, NULL);
  g_clear_pointer (&report->whoqol_rows, g_array_unref);
  g_clear_object (&report->whoqol_instrument);
  g_clear_object (&report->whoqol_cancellable);
  polku_report_query_free (report->query);
  g_free (report->language);
  g_free (report->today);
  g_free (report->generated);
  g_ptr_array_unref (report->category_ids);
  g_ptr_array_unref (report->category_labels);
  g_hash_table_unref (report->type_category);
  g_ptr_array_unref (report->rows);
  g_hash_table_unref (report->by_id);
  g_ptr_array_unref (report->clients);
  g_string_chunk_free (report->strings);
  g_clear_pointer (&report->costs, json_node_unref);
  g_clear_pointer (&report->raw, json_node_unref);
  g_free (report);
}

/**
 * polku_report_run:
 * @progress: (nullable): called from this thread with the fraction done
 * @cancellable: (nullable): checked between the steps and every few thousand rows
 *
 * Runs the report of @query: reads only, then records one "report.run" audit entry (the
 * query, no client).
 *
 * Returns: (transfer full): the report, or %NULL with @error (POLKU_REPORT_ERROR_INVALID,
 *   _COSTS, _CANCELLED, or the store's)
 */
PolkuReport *
polku_report_run (PolkuStore              *store,
                  const PolkuReportQuery  *query,
                  PolkuReportProgress      progress,
                  gpointer                 user_data,
                  GCancellable            *cancellable,
                  GError                 **error)
{
  g_autoptr(PolkuReport) report = NULL;
  g_autofree char *detail = NULL;
  gint64 started, read_clients, read_contacts;

  g_return_val_if_fail (POLKU_IS_STORE (store), NULL);
  g_return_val_if_fail (query != NULL, NULL);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!polku_report_query_validate (query, error))
    return NULL;

  report = report_new (query);
  report->progress = progress;
  report->progress_data = user_data;
  polku_report_set_progress (report, 0.0);

  if (!set_up_categories (report, error))
    return NULL;
  if (query->costs_file != NULL)
    {
      report->costs = polku_report_costs_load (query->costs_file, error);
      if (report->costs == NULL || !polku_report_costs_check (report, error))
        return NULL;
    }
  if (polku_report_check_cancelled (cancellable, error))
    return NULL;

  started = g_get_monotonic_time ();
  if (!polku_report_read_clients (report, store, cancellable, error))
    return NULL;
  polku_report_set_progress (report, 0.2);
  if (!polku_report_select (report, error))
    return NULL;
  read_clients = g_get_monotonic_time ();
  if (polku_report_check_cancelled (cancellable, error))
    return NULL;
  if (report->rows->len > 0 && !polku_report_whoqol_start (report, store, cancellable, error))
    return NULL;
  if (!polku_report_read_contacts (report, store, cancellable, error))
    return NULL;
  read_contacts = g_get_monotonic_time ();
  polku_report_set_progress (report, 0.55);
  if (!polku_report_compute (report, store, cancellable, error))
    return NULL;
  /* Where the time goes, for whoever makes it faster (tests/bench/bench-report.c). */
  g_debug ("Report of %u clients: clients %.0f ms, contacts (and WHOQOL-BREF read) %.0f ms, "
           "figures %.0f ms",
           report->rows->len, (read_clients - started) / 1000.0,
           (read_contacts - read_clients) / 1000.0,
           (g_get_monotonic_time () - read_contacts) / 1000.0);

  detail = polku_report_query_describe (query);
  if (!polku_audit_record (store, POLKU_AUDIT_REPORT_RUN, NULL, detail, error))
    return NULL;
  polku_report_set_progress (report, 1.0);
  report->progress = NULL;
  report->progress_data = NULL;
  return g_steal_pointer (&report);
}

typedef struct
{
  PolkuStore          *store;
  PolkuReportQuery    *query;
  PolkuReportProgress  progress;
  gpointer             user_data;
} RunData;

static void
run_data_free (RunData *data)
{
  g_clear_object (&data->store);
  polku_report_query_free (data->query);
  g_free (data);
}

static void
run_in_thread (GTask        *task,
               gpointer      source,
               gpointer      task_data,
               GCancellable *cancellable)
{
  RunData *data = task_data;
  GError *error = NULL;
  PolkuReport *report;

  report = polku_report_run (data->store, data->query, data->progress, data->user_data,
                             cancellable, &error);
  if (report == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, report, (GDestroyNotify) polku_report_free);
}

/**
 * polku_report_run_async:
 *
 * polku_report_run () in a worker thread. @progress is called from that thread: hand it to
 * the main context yourself (g_idle_add ()) before touching widgets.
 */
void
polku_report_run_async (PolkuStore             *store,
                        const PolkuReportQuery *query,
                        PolkuReportProgress     progress,
                        gpointer                user_data,
                        GCancellable           *cancellable,
                        GAsyncReadyCallback     callback,
                        gpointer                callback_data)
{
  g_autoptr(GTask) task = NULL;
  RunData *data;

  g_return_if_fail (POLKU_IS_STORE (store));
  g_return_if_fail (query != NULL);

  data = g_new0 (RunData, 1);
  data->store = g_object_ref (store);
  data->query = polku_report_query_copy (query);
  data->progress = progress;
  data->user_data = user_data;
  task = g_task_new (NULL, cancellable, callback, callback_data);
  g_task_set_source_tag (task, polku_report_run_async);
  g_task_set_task_data (task, data, (GDestroyNotify) run_data_free);
  g_task_run_in_thread (task, run_in_thread);
}

PolkuReport *
polku_report_run_finish (GAsyncResult  *result,
                         GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

const PolkuReportQuery *
polku_report_get_query (PolkuReport *report)
{
  g_return_val_if_fail (report != NULL, NULL);

  return report->query;
}

const char *
polku_report_get_language (PolkuReport *report)
{
  g_return_val_if_fail (report != NULL, NULL);

  return report->language;
}

guint
polku_report_get_threshold (PolkuReport *report)
{
  g_return_val_if_fail (report != NULL, 0);

  return report->threshold;
}

/**
 * polku_report_get_client_rows:
 *
 * Returns: (transfer none) (element-type PolkuReportClientRow): the cohort's rows, for the
 *   pseudonymised CSV only
 */
GPtrArray *
polku_report_get_client_rows (PolkuReport *report)
{
  g_return_val_if_fail (report != NULL, NULL);

  if (g_once_init_enter (&report->rows_filled))
    {
      polku_report_fill_rows (report);
      g_once_init_leave (&report->rows_filled, 1);
    }
  return report->rows;
}

const char * const *
polku_report_get_category_ids (PolkuReport *report)
{
  g_return_val_if_fail (report != NULL, NULL);

  return (const char * const *) report->category_ids->pdata;
}

const char *
polku_report_get_category_label (PolkuReport *report,
                                 const char  *category_id)
{
  int index;

  g_return_val_if_fail (report != NULL, NULL);
  g_return_val_if_fail (category_id != NULL, NULL);

  index = category_index (report, category_id);
  return index >= 0 ? g_ptr_array_index (report->category_labels, index) : NULL;
}
