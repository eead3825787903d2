/* polku-measures-view.c: the client's measures: WHOQOL-BREF and continuity of care
 *
 * Copyright 2026 The Polku authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Four pages in a stack: the overview (the domain scores over time with the baseline marked,
 * the assessments, continuity of care before and after the plan), the form that asks one
 * question at a time in large type (keys 1–5 answer and go on, 0 skips, Backspace goes back),
 * the same questions all on one page for entering a paper form, and the last page with the
 * scores, the date and the role in the plan. Every answer is saved at once as a draft in the
 * encrypted store, so a form can be left and continued later.
 */

#define G_LOG_DOMAIN "polku-measures-view"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "polku-assessment-store.h"
#include "polku-audit.h"
#include "polku-contact-store.h"
#include "polku-contact-type.h"
#include "polku-continuity.h"
#include "polku-date.h"
#include "polku-measures-chart.h"
#include "polku-measures-view.h"
#include "polku-view-load-private.h"

struct _PolkuMeasuresView
{
  AdwBin              parent_instance;

  PolkuStore         *store;
  PolkuClient        *client;
  PolkuInstrument    *instrument;
  PolkuAssessment    *form;        /* the draft being answered, or NULL */
  guint               item;
  gboolean            from_paper;
  gboolean            has_complete;
  char               *shown_id;    /* the client whose measures are shown, or NULL */
  GCancellable       *cancellable; /* the load in flight, or NULL */
  gboolean            loading;
  GPtrArray          *paper_rows;  /* AdwComboRow, one per item */
  GPtrArray          *anchor_buttons;

  GtkStack           *stack;
  GtkLabel           *error_label;
  GtkListBox         *draft_list;
  AdwActionRow       *draft_row;
  GtkStack           *chart_stack;
  PolkuMeasuresChart *domain_chart;
  GtkListBox         *assessment_list;
  GtkListBox         *continuity_list;
  PolkuMeasuresChart *continuity_chart;
  AdwComboRow        *period_row;
  AdwEntryRow        *from_row;
  AdwEntryRow        *to_row;
  AdwExpanderRow     *types_row;
  GtkSwitch          *urgent_switch;
  GtkLabel           *period_error_label;
  GPtrArray          *type_checks;      /* GtkCheckButton, one per visit type ("type-id") */
  GPtrArray          *contacts;         /* the visits shown, or NULL */
  GError             *contacts_error;
  gboolean            have_plan;
  char               *plan_start;
  GtkLabel           *progress_label;
  GtkProgressBar     *progress_bar;
  GtkLabel           *item_label;
  GtkBox             *anchor_box;
  AdwPreferencesGroup *paper_group;
  GtkListBox         *summary_list;
  AdwEntryRow        *date_row;
  AdwComboRow        *role_row;
  GtkLabel           *finish_error_label;
};

G_DEFINE_FINAL_TYPE (PolkuMeasuresView, polku_measures_view, ADW_TYPE_BIN)

enum
{
  PROP_0,
  PROP_STORE,
  PROP_CLIENT,
  PROP_LOADING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
clear_list (GtkListBox *list)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (list))) != NULL)
    gtk_list_box_remove (list, child);
}

static GtkWidget *
add_row (GtkListBox *list,
         const char *title,
         const char *subtitle)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  if (subtitle != NULL)
    {
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 4);
    }
  gtk_list_box_append (list, row);
  return row;
}

static void
show_error (PolkuMeasuresView *self,
            const GError      *error)
{
  g_debug ("Measures: %s", error->message);
  gtk_label_set_text (self->error_label, error->message);
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), TRUE);
}

static PolkuInstrument *
get_instrument (PolkuMeasuresView *self,
                GError           **error)
{
  if (self->instrument == NULL)
    self->instrument = polku_instrument_lookup (POLKU_INSTRUMENT_WHOQOL_BREF, error);
  return self->instrument;
}

/* "Physical health 56,3 · Psychological 62,5 …" or why there is nothing. */
static char *
describe_scores (PolkuMeasuresView *self,
                 const PolkuScores *scores)
{
  g_autoptr(GString) text = g_string_new (NULL);
  guint last = polku_instrument_get_n_scores (self->instrument) - 1;

  if (scores->discarded)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                         "Not scored: %u question unanswered, more than the "
                                         "%u allowed.",
                                         "Not scored: %u questions unanswered, more than the "
                                         "%u allowed.", scores->missing),
                            scores->missing, polku_instrument_get_max_missing (self->instrument));

  for (guint d = 0; d < scores->n_domains; d++)
    {
      double value = scores->domains[d].values[last];
      g_autofree char *number = isnan (value) ? g_strdup (C_("score", "not scored"))
                                              : g_strdup_printf ("%.1f", value);

      if (text->len > 0)
        g_string_append (text, " · ");
      /* TRANSLATORS: a domain and its score, e.g. "Physical health 56.3" */
      g_string_append_printf (text, C_("score", "%s %s"),
                              polku_instrument_get_domain_title (self->instrument, d), number);
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static void
fill_assessments (PolkuMeasuresView *self,
                  GPtrArray         *assessments)
{
  guint n = assessments->len;
  guint n_domains = polku_instrument_get_n_domains (self->instrument);
  guint last = polku_instrument_get_n_scores (self->instrument) - 1;
  g_autofree double *x = g_new0 (double, MAX (n, 1));
  g_autofree double *values = g_new0 (double, MAX (n, 1) * MAX (n_domains, 1));
  g_autoptr(GPtrArray) labels = g_ptr_array_new_with_free_func (g_free);
  double min, max;
  int marker = -1;

  clear_list (self->assessment_list);
  polku_measures_chart_clear (self->domain_chart);

  for (guint i = 0; i < n; i++)
    {
      PolkuAssessment *assessment = g_ptr_array_index (assessments, i);
      g_autoptr(PolkuScores) scores = polku_scores_compute (self->instrument,
                                                            polku_assessment_get_answers (
                                                              assessment));
      g_autofree char *date = polku_date_format_user (polku_assessment_get_date (assessment));
      g_autofree char *title = NULL;
      g_autofree char *subtitle = describe_scores (self, scores);
      GDate parsed;

      /* TRANSLATORS: an assessment: "date · Baseline" or "date · Follow-up" */
      title = g_strdup_printf (_("%s · %s"), date,
                               polku_assessment_role_get_label (
                                 polku_assessment_get_role (assessment)));
      add_row (self->assessment_list, title, subtitle);

      x[i] = polku_date_parse_iso (polku_assessment_get_date (assessment), &parsed)
             ? g_date_get_julian (&parsed) : i;
      g_ptr_array_add (labels, g_steal_pointer (&date));
      for (guint d = 0; d < n_domains; d++)
        values[d * n + i] = scores->domains[d].values[last];
      if (marker < 0
          && polku_assessment_get_role (assessment) == POLKU_ASSESSMENT_ROLE_BASELINE)
        marker = i;
    }

  self->has_complete = n > 0;
  gtk_widget_set_visible (GTK_WIDGET (self->assessment_list), n > 0);
  gtk_stack_set_visible_child_name (self->chart_stack, n > 0 ? "chart" : "empty");
  if (n == 0)
    return;

  polku_instrument_get_score_range (self->instrument, last, &min, &max);
  polku_measures_chart_set_points (self->domain_chart, x,
                                   (const char * const *) labels->pdata, n, marker,
                                   C_("assessment", "Baseline"));
  polku_measures_chart_set_range (self->domain_chart, min, max);
  for (guint d = 0; d < n_domains; d++)
    polku_measures_chart_add_series (self->domain_chart,
                                     polku_instrument_get_domain_title (self->instrument, d),
                                     values + d * n);
}

static char *
format_index (double value)
{
  if (isnan (value))
    return g_strdup (_("not enough visits"));
  return g_strdup_printf ("%.2f", value);
}

/* The period chosen: FALSE (and @error set) when a date is wrong. *custom FALSE: six months
 * around the plan; otherwise @from and @to are set or left invalid (open). */
static gboolean
read_period (PolkuMeasuresView *self,
             gboolean          *custom,
             GDate             *from,
             GDate             *to,
             GError           **error)
{
  AdwEntryRow *rows[] = { self->from_row, self->to_row };
  GDate *dates[] = { from, to };

  g_date_clear (from, 1);
  g_date_clear (to, 1);
  *custom = adw_combo_row_get_selected (self->period_row) == 1;
  if (!*custom)
    return TRUE;
  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    {
      const char *text = gtk_editable_get_text (GTK_EDITABLE (rows[i]));
      g_autofree char *iso = NULL;
      g_autofree char *stripped = g_strstrip (g_strdup (text));

      if (stripped[0] == '\0')
        continue;
      if (!polku_date_parse_user (text, &iso, error)
          || !polku_date_parse_iso (iso, dates[i]))
        {
          if (error != NULL && *error == NULL)
            g_set_error (error, POLKU_DATE_ERROR, POLKU_DATE_ERROR_INVALID,
                         _("“%s” is not a date: write it as d.m.yyyy, for example 4.3.2026."),
                         stripped);
          return FALSE;
        }
    }
  if (g_date_valid (from) && g_date_valid (to) && g_date_compare (from, to) > 0)
    {
      g_set_error_literal (error, POLKU_DATE_ERROR, POLKU_DATE_ERROR_INVALID,
                           _("The period starts after it ends: check the dates."));
      return FALSE;
    }
  return TRUE;
}

/* The visit types chosen, NULL-terminated (may be empty). */
static GStrv
dup_chosen_types (PolkuMeasuresView *self)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  for (guint i = 0; i < self->type_checks->len; i++)
    {
      GtkCheckButton *check = g_ptr_array_index (self->type_checks, i);

      if (gtk_check_button_get_active (check))
        g_strv_builder_add (builder, g_object_get_data (G_OBJECT (check), "type-id"));
    }
  return g_strv_builder_end (builder);
}

/* Shows the indices of the visits kept in the view for the period and types chosen. A wrong
 * date leaves what is shown as it is, with a message. */
static void
show_continuity (PolkuMeasuresView *self)
{
  g_autoptr(GArray) visits = NULL;
  g_autoptr(GListModel) types = polku_contact_types_dup_default (NULL);
  static const char * const index_names[] = {
    N_("Continuity of care index (COCI)"),
    N_("Usual provider continuity (UPC)"),
    N_("Sequential continuity (SECON)"),
    N_("Modified modified continuity index (MMCI)"),
  };
  static const char * const short_names[] = { "COCI", "UPC", "SECON", "MMCI" };
  g_autoptr(GError) period_error = NULL;
  g_auto(GStrv) chosen_types = dup_chosen_types (self);
  PolkuVisitFilter filter = { NULL, NULL, (const char * const *) chosen_types,
                              gtk_switch_get_active (self->urgent_switch) };
  GPtrArray *contacts = self->contacts;
  const char *start_text = self->plan_start;
  gboolean custom;
  GDate from, to;
  GDate start;

  if (!read_period (self, &custom, &from, &to, &period_error))
    {
      gtk_label_set_text (self->period_error_label, period_error->message);
      gtk_widget_set_visible (GTK_WIDGET (self->period_error_label), TRUE);
      return;
    }
  gtk_widget_set_visible (GTK_WIDGET (self->period_error_label), FALSE);

  clear_list (self->continuity_list);
  polku_measures_chart_clear (self->continuity_chart);
  gtk_widget_set_visible (GTK_WIDGET (self->continuity_chart), FALSE);

  if (contacts == NULL)
    {
      if (self->contacts_error != NULL)
        add_row (self->continuity_list, _("The visits could not be read"),
                 self->contacts_error->message);
      return;
    }
  /* A visit the client did not come to is not care received: no-shows are left out. */
  visits = polku_contacts_to_visits (contacts);

  if (custom)
    {
      g_autoptr(PolkuContinuity) chosen = NULL;
      g_autofree char *text = NULL;

      filter.from = g_date_valid (&from) ? &from : NULL;
      filter.to = g_date_valid (&to) ? &to : NULL;
      chosen = polku_continuity_compute ((const PolkuVisit *) visits->data, visits->len,
                                         &filter);
      /* TRANSLATORS: N, M and the visits left out in the period chosen */
      text = g_strdup_printf (_("Visits: %u · Professionals: %u · Left out without a named "
                                "professional: %u"), chosen->visits, chosen->professionals,
                              chosen->left_out_without_professional);
      add_row (self->continuity_list, _("Chosen period"), text);
      for (guint k = 0; k < G_N_ELEMENTS (index_names); k++)
        {
          double value = k == 0 ? chosen->coci : k == 1 ? chosen->upc
                         : k == 2 ? chosen->secon : chosen->mmci;
          g_autofree char *index_text = format_index (value);

          add_row (self->continuity_list, _(index_names[k]), index_text);
        }
      return;
    }

  if (!self->have_plan || !polku_date_parse_iso (start_text, &start))
    {
      g_autoptr(PolkuContinuity) all = polku_continuity_compute (
        (const PolkuVisit *) visits->data, visits->len, &filter);

      add_row (self->continuity_list, _("No plan yet"),
               _("Before and after are counted from the day the plan is made. Until then, "
                 "the indices are for all visits."));
      for (guint k = 0; k < G_N_ELEMENTS (index_names); k++)
        {
          double value = k == 0 ? all->coci : k == 1 ? all->upc : k == 2 ? all->secon
                                                                           : all->mmci;
          g_autofree char *text = format_index (value);

          add_row (self->continuity_list, _(index_names[k]), text);
        }
      return;
    }

  {
    GDate before_from = start, before_to = start, after_to = start;
    PolkuVisitFilter before = filter;
    PolkuVisitFilter after = filter;
    g_autoptr(PolkuContinuity) b = NULL;
    g_autoptr(PolkuContinuity) a = NULL;
    g_autoptr(GArray) counts = NULL;
    g_autofree char *start_label = polku_date_format_user (start_text);
    g_autofree char *visits_text = NULL;
    double before_values[4], after_values[4];

    g_date_subtract_months (&before_from, 6);
    g_date_subtract_days (&before_to, 1);
    g_date_add_months (&after_to, 6);
    g_date_subtract_days (&after_to, 1);
    before.from = &before_from;
    before.to = &before_to;
    after.from = &start;
    after.to = &after_to;
    b = polku_continuity_compute ((const PolkuVisit *) visits->data, visits->len, &before);
    a = polku_continuity_compute ((const PolkuVisit *) visits->data, visits->len, &after);

    /* TRANSLATORS: visits counted six months before and after the plan */
    visits_text = g_strdup_printf (_("Before: %u · After: %u · Left out without a named "
                                     "professional: %u"), b->visits, a->visits,
                                   b->left_out_without_professional
                                   + a->left_out_without_professional);
    {
      g_autofree char *title = g_strdup_printf (_("Plan started %s"), start_label);

      add_row (self->continuity_list, title, visits_text);
    }

    before_values[0] = b->coci;
    before_values[1] = b->upc;
    before_values[2] = b->secon;
    before_values[3] = b->mmci;
    after_values[0] = a->coci;
    after_values[1] = a->upc;
    after_values[2] = a->secon;
    after_values[3] = a->mmci;
    for (guint k = 0; k < 4; k++)
      {
        g_autofree char *bt = format_index (before_values[k]);
        g_autofree char *at = format_index (after_values[k]);
        g_autofree char *text = NULL;

        /* TRANSLATORS: an index six months before and after the plan */
        text = g_strdup_printf (_("Before: %s · After: %s"), bt, at);
        add_row (self->continuity_list, _(index_names[k]), text);
      }

    counts = polku_visit_counts_around ((const PolkuVisit *) visits->data, visits->len, &start,
                                        6);
    for (guint i = 0; i < counts->len; i++)
      {
        PolkuVisitCount *count = &g_array_index (counts, PolkuVisitCount, i);
        PolkuContactType *type = types != NULL && count->type[0] != '\0'
                                 ? polku_contact_types_lookup (types, count->type) : NULL;
        g_autofree char *title = NULL;
        g_autofree char *text = NULL;

        /* TRANSLATORS: the number of visits of one type, e.g. "Visits: Doctor" */
        title = g_strdup_printf (_("Visits: %s"),
                                 type != NULL ? polku_contact_type_get_label (type)
                                 : count->type[0] != '\0' ? count->type : _("type not known"));
        text = g_strdup_printf (_("Six months before: %u · six months after: %u"),
                                count->before, count->after);
        add_row (self->continuity_list, title, text);
      }

    polku_measures_chart_set_bars (self->continuity_chart, short_names, before_values,
                                   after_values, 4, _("Six months before the plan"),
                                   _("Six months after"));
    polku_measures_chart_set_range (self->continuity_chart, 0, 1);
    gtk_widget_set_visible (GTK_WIDGET (self->continuity_chart), TRUE);
  }
}

/* Keeps the client's visits (read with the rest, in a thread) and shows their indices. */
static void
fill_continuity (PolkuMeasuresView *self,
                 GPtrArray         *contacts,
                 const GError      *error,
                 gboolean           have_plan,
                 const char        *start_text)
{
  g_clear_pointer (&self->contacts, g_ptr_array_unref);
  g_clear_error (&self->contacts_error);
  g_clear_pointer (&self->plan_start, g_free);
  if (contacts != NULL)
    self->contacts = g_ptr_array_ref (contacts);
  else if (error != NULL)
    self->contacts_error = g_error_copy (error);
  self->have_plan = have_plan;
  self->plan_start = g_strdup (start_text);
  show_continuity (self);
}

static void
period_changed_cb (PolkuMeasuresView *self)
{
  gboolean custom = adw_combo_row_get_selected (self->period_row) == 1;

  gtk_widget_set_visible (GTK_WIDGET (self->from_row), custom);
  gtk_widget_set_visible (GTK_WIDGET (self->to_row), custom);
  if (self->shown_id != NULL)
    show_continuity (self);
}

static void
choice_changed_cb (PolkuMeasuresView *self)
{
  if (self->shown_id != NULL)
    show_continuity (self);
}

/* One row with a check box for each visit type; doctor and nurse chosen, as THL counts. */
static void
add_type_rows (PolkuMeasuresView *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) types = polku_contact_types_dup_default (&error);
  const char * const *defaults = polku_visit_filter_default ()->types;

  if (types == NULL)
    {
      g_debug ("Measures: %s", error->message);
      return;
    }
  for (guint i = 0; i < g_list_model_get_n_items (types); i++)
    {
      g_autoptr(PolkuContactType) type = g_list_model_get_item (types, i);
      const char *label = polku_contact_type_get_label (type);
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *check = gtk_check_button_new ();

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), label);
      gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
      gtk_accessible_update_property (GTK_ACCESSIBLE (check), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      label, -1);
      g_object_set_data_full (G_OBJECT (check), "type-id",
                              g_strdup (polku_contact_type_get_id (type)), g_free);
      gtk_check_button_set_active (GTK_CHECK_BUTTON (check),
                                   defaults != NULL
                                   && g_strv_contains (defaults,
                                                       polku_contact_type_get_id (type)));
      g_signal_connect_object (check, "toggled", G_CALLBACK (choice_changed_cb), self,
                               G_CONNECT_SWAPPED);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);
      adw_expander_row_add_row (self->types_row, row);
      g_ptr_array_add (self->type_checks, check);
    }
}

/* Loading: the assessments (their read recorded), the draft, the visits and the plan are read
 * together in a thread. */

typedef struct
{
  char            *client_id;
  GPtrArray       *assessments;   /* NULL: see error */
  GError          *error;
  PolkuAssessment *draft;
  GError          *draft_error;
  GPtrArray       *contacts;      /* NULL: see contacts_error */
  GError          *contacts_error;
  gboolean         have_plan;
  char            *plan_start;
} MeasuresData;

static void
measures_data_free (MeasuresData *data)
{
  g_free (data->client_id);
  g_clear_pointer (&data->assessments, g_ptr_array_unref);
  g_clear_error (&data->error);
  g_clear_object (&data->draft);
  g_clear_error (&data->draft_error);
  g_clear_pointer (&data->contacts, g_ptr_array_unref);
  g_clear_error (&data->contacts_error);
  g_free (data->plan_start);
  g_free (data);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MeasuresData, measures_data_free)

static void
load_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  PolkuStore *store = source_object;
  const char *id = task_data;
  MeasuresData *data = g_new0 (MeasuresData, 1);
  g_autofree char *plan_id = NULL;

  data->client_id = g_strdup (id);
  data->assessments = polku_assessment_store_list (store, id, POLKU_INSTRUMENT_WHOQOL_BREF,
                                                   FALSE, &data->error);
  if (data->assessments != NULL
      && !polku_audit_record (store, POLKU_AUDIT_ASSESSMENT_LIST, id,
                              "instrument=whoqol-bref", &data->error))
    g_clear_pointer (&data->assessments, g_ptr_array_unref);
  if (data->assessments != NULL && !g_cancellable_is_cancelled (cancellable))
    {
      data->draft = polku_assessment_store_get_draft (store, id, POLKU_INSTRUMENT_WHOQOL_BREF,
                                                      &data->draft_error);
      data->contacts = polku_contact_store_list (store, id, NULL, NULL,
                                                 &data->contacts_error);
      data->have_plan = polku_assessment_store_find_plan (store, id, &plan_id,
                                                          &data->plan_start, NULL);
    }
  g_task_return_pointer (task, data, (GDestroyNotify) measures_data_free);
}

static void
set_loading (PolkuMeasuresView *self,
             gboolean           loading)
{
  if (self->loading == loading)
    return;
  self->loading = loading;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
}

/* Shows nothing of any client (at once, when the client changes). */
static void
clear_shown (PolkuMeasuresView *self)
{
  g_clear_pointer (&self->shown_id, g_free);
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->draft_list), FALSE);
  clear_list (self->assessment_list);
  clear_list (self->continuity_list);
  polku_measures_chart_clear (self->domain_chart);
  polku_measures_chart_clear (self->continuity_chart);
  gtk_widget_set_visible (GTK_WIDGET (self->continuity_chart), FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->period_error_label), FALSE);
  g_clear_pointer (&self->contacts, g_ptr_array_unref);
  g_clear_error (&self->contacts_error);
  g_clear_pointer (&self->plan_start, g_free);
  self->have_plan = FALSE;
  self->has_complete = FALSE;
}

static void
load_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(PolkuMeasuresView) self = polku_view_load_ref_take (user_data);
  g_autoptr(GError) error = NULL;
  g_autoptr(MeasuresData) data = g_task_propagate_pointer (G_TASK (result), &error);

  if (self == NULL || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  /* Only the newest load, for the client and store shown now. */
  if (g_task_get_cancellable (G_TASK (result)) != self->cancellable
      || source != (GObject *) self->store || data == NULL || self->client == NULL
      || g_strcmp0 (data->client_id, polku_client_get_id (self->client)) != 0)
    return;
  g_clear_object (&self->cancellable);

  clear_shown (self);
  self->shown_id = g_strdup (data->client_id);
  if (data->assessments == NULL)
    {
      show_error (self, data->error);
      set_loading (self, FALSE);
      return;
    }
  fill_assessments (self, data->assessments);

  if (data->draft_error != NULL)
    show_error (self, data->draft_error);
  else if (data->draft != NULL)
    {
      g_autofree char *date = polku_date_format_user (polku_assessment_get_date (data->draft));
      g_autofree char *subtitle = NULL;

      /* TRANSLATORS: a draft: "started <date>, at question 7 of 26" */
      subtitle = g_strdup_printf (_("Started %s, at question %u of %u"), date,
                                  MIN (polku_assessment_get_position (data->draft) + 1,
                                       polku_assessment_get_n_answers (data->draft)),
                                  polku_assessment_get_n_answers (data->draft));
      adw_action_row_set_subtitle (self->draft_row, subtitle);
      gtk_widget_set_visible (GTK_WIDGET (self->draft_list), TRUE);
    }

  fill_continuity (self, data->contacts, data->contacts_error, data->have_plan,
                   data->plan_start);
  set_loading (self, FALSE);
}

/**
 * polku_measures_view_reload:
 *
 * Reads the client's assessments, draft and visits again, in a thread (when the view is
 * shown; it reads them when it is mapped). Another client's are cleared at once; the same
 * client's stay until the read is in.
 */
void
polku_measures_view_reload (PolkuMeasuresView *self)
{
  g_autoptr(GError) error = NULL;

  g_return_if_fail (POLKU_IS_MEASURES_VIEW (self));

  polku_view_load_cancel (&self->cancellable);
  g_clear_object (&self->form);
  gtk_stack_set_visible_child_name (self->stack, "overview");
  if (self->client == NULL || g_strcmp0 (self->shown_id, polku_client_get_id (self->client)) != 0)
    clear_shown (self);

  /* Read only when shown: the read is recorded in the client's audit log. */
  if (self->store == NULL || self->client == NULL || !polku_store_is_open (self->store)
      || polku_client_get_id (self->client) == NULL
      || !gtk_widget_get_mapped (GTK_WIDGET (self)))
    {
      set_loading (self, FALSE);
      return;
    }

  if (get_instrument (self, &error) == NULL)
    {
      clear_shown (self);
      show_error (self, error);
      set_loading (self, FALSE);
      return;
    }

  self->cancellable = g_cancellable_new ();
  set_loading (self, TRUE);
  polku_view_load_run (self->store, polku_client_get_id (self->client), self->cancellable,
                       load_thread, load_cb, polku_view_load_ref_new (self));
}

/**
 * polku_measures_view_get_loading:
 *
 * Returns: whether the client's measures are being read
 */
gboolean
polku_measures_view_get_loading (PolkuMeasuresView *self)
{
  g_return_val_if_fail (POLKU_IS_MEASURES_VIEW (self), FALSE);
  return self->loading;
}

/* ---- The form ---- */

static gboolean
save_draft (PolkuMeasuresView *self)
{
  g_autoptr(GError) error = NULL;

  if (self->form == NULL)
    return FALSE;
  polku_assessment_set_status (self->form, POLKU_ASSESSMENT_STATUS_DRAFT);
  if (!polku_assessment_store_save (self->store, self->form, &error))
    {
      show_error (self, error);
      gtk_label_set_text (self->finish_error_label, error->message);
      gtk_widget_set_visible (GTK_WIDGET (self->finish_error_label), TRUE);
      return FALSE;
    }
  return TRUE;
}

static void
answer_clicked (GtkButton         *button,
                PolkuMeasuresView *self)
{
  int value = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (button), "polku-value"));

  gtk_widget_activate_action (GTK_WIDGET (self), "measures.answer", "i", value);
}

static void
show_item (PolkuMeasuresView *self)
{
  guint n = polku_instrument_get_n_items (self->instrument);
  int min = polku_instrument_get_item_min (self->instrument, self->item);
  int max = polku_instrument_get_item_max (self->instrument, self->item);
  int current = polku_assessment_get_answer (self->form, self->item);
  g_autofree char *progress = NULL;
  GtkWidget *child;

  /* TRANSLATORS: progress through a questionnaire */
  progress = g_strdup_printf (_("Question %u of %u"), self->item + 1, n);
  gtk_label_set_text (self->progress_label, progress);
  gtk_progress_bar_set_fraction (self->progress_bar, (double) self->item / n);
  gtk_label_set_text (self->item_label,
                      polku_instrument_get_item_text (self->instrument, self->item));

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->anchor_box))) != NULL)
    gtk_box_remove (self->anchor_box, child);
  g_ptr_array_set_size (self->anchor_buttons, 0);

  for (int value = min; value <= max; value++)
    {
      const char *anchor = polku_instrument_get_item_anchor (self->instrument, self->item,
                                                             value);
      g_autofree char *text = anchor != NULL ? g_strdup_printf ("%d   %s", value, anchor)
                                             : g_strdup_printf ("%d", value);
      GtkWidget *button = gtk_button_new_with_label (text);
      GtkWidget *label = gtk_button_get_child (GTK_BUTTON (button));

      /* The answers wrap rather than widen the page: as wide as each other and the same from
       * question to question (the box is homogeneous, so they are as high, too). */
      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
      gtk_widget_add_css_class (label, "title-3");
      if (value == current)
        gtk_widget_add_css_class (button, "suggested-action");
      g_object_set_data (G_OBJECT (button), "polku-value", GINT_TO_POINTER (value));
      gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      text, -1);
      g_signal_connect_object (button, "clicked", G_CALLBACK (answer_clicked), self, 0);
      gtk_box_append (self->anchor_box, button);
      g_ptr_array_add (self->anchor_buttons, button);
    }

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "measures.back", self->item > 0);
  gtk_stack_set_visible_child_name (self->stack, "item");
  if (self->anchor_buttons->len > 0)
    gtk_widget_grab_focus (g_ptr_array_index (self->anchor_buttons,
                                              current >= min && current <= max
                                              ? (guint) (current - min) : 0));
}

static void
build_paper_rows (PolkuMeasuresView *self)
{
  guint n = polku_instrument_get_n_items (self->instrument);

  if (self->paper_rows->len > 0)
    return;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GtkStringList) options = gtk_string_list_new (NULL);
      g_autofree char *title = g_strdup_printf ("%s. %s",
                                                polku_instrument_get_item_id (self->instrument,
                                                                              i),
                                                polku_instrument_get_item_text (
                                                  self->instrument, i));
      GtkWidget *row = adw_combo_row_new ();

      gtk_string_list_append (options, _("Not answered"));
      for (int value = polku_instrument_get_item_min (self->instrument, i);
           value <= polku_instrument_get_item_max (self->instrument, i); value++)
        {
          const char *anchor = polku_instrument_get_item_anchor (self->instrument, i, value);
          g_autofree char *text = anchor != NULL ? g_strdup_printf ("%d – %s", value, anchor)
                                                 : g_strdup_printf ("%d", value);

          gtk_string_list_append (options, text);
        }
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      adw_combo_row_set_model (ADW_COMBO_ROW (row), G_LIST_MODEL (options));
      adw_preferences_group_add (self->paper_group, row);
      g_ptr_array_add (self->paper_rows, row);
    }
}

static void
paper_from_form (PolkuMeasuresView *self)
{
  for (guint i = 0; i < self->paper_rows->len; i++)
    {
      int value = polku_assessment_get_answer (self->form, i);
      int min = polku_instrument_get_item_min (self->instrument, i);

      adw_combo_row_set_selected (g_ptr_array_index (self->paper_rows, i),
                                  polku_instrument_answer_is_valid (self->instrument, i, value)
                                  ? (guint) (value - min + 1) : 0);
    }
}

static void
form_from_paper (PolkuMeasuresView *self)
{
  for (guint i = 0; i < self->paper_rows->len; i++)
    {
      guint selected = adw_combo_row_get_selected (g_ptr_array_index (self->paper_rows, i));
      int min = polku_instrument_get_item_min (self->instrument, i);

      polku_assessment_set_answer (self->form, i,
                                   selected == 0 || selected == GTK_INVALID_LIST_POSITION
                                   ? POLKU_ANSWER_MISSING : min + (int) selected - 1);
    }
}

/* The newest draft, or a new one. */
static gboolean
open_form (PolkuMeasuresView *self)
{
  g_autoptr(GError) error = NULL;

  if (self->store == NULL || self->client == NULL || get_instrument (self, &error) == NULL)
    {
      if (error != NULL)
        show_error (self, error);
      return FALSE;
    }
  if (self->form == NULL)
    {
      self->form = polku_assessment_store_get_draft (self->store,
                                                     polku_client_get_id (self->client),
                                                     POLKU_INSTRUMENT_WHOQOL_BREF, &error);
      if (error != NULL)
        {
          show_error (self, error);
          return FALSE;
        }
    }
  if (self->form == NULL)
    self->form = polku_assessment_new (polku_client_get_id (self->client), self->instrument);
  gtk_widget_set_visible (GTK_WIDGET (self->finish_error_label), FALSE);
  return TRUE;
}

static void
start_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  PolkuMeasuresView *self = POLKU_MEASURES_VIEW (widget);
  guint n;

  if (!open_form (self))
    return;
  self->from_paper = FALSE;
  n = polku_instrument_get_n_items (self->instrument);
  self->item = MIN (polku_assessment_get_position (self->form), n - 1);
  show_item (self);
}

static void
paper_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  PolkuMeasuresView *self = POLKU_MEASURES_VIEW (widget);

  if (!open_form (self))
    return;
  self->from_paper = TRUE;
  build_paper_rows (self);
  paper_from_form (self);
  gtk_stack_set_visible_child_name (self->stack, "paper");
  if (self->paper_rows->len > 0)
    gtk_widget_grab_focus (g_ptr_array_index (self->paper_rows, 0));
}

static void
show_finish (PolkuMeasuresView *self)
{
  g_autoptr(PolkuScores) scores = polku_scores_compute (self->instrument,
                                                        polku_assessment_get_answers (
                                                          self->form));
  guint n_scores = polku_instrument_get_n_scores (self->instrument);
  g_autofree char *shown_date = NULL;

  clear_list (self->summary_list);
  if (scores->discarded)
    {
      g_autofree char *reason = polku_scores_dup_domain_reason (scores, 0);

      add_row (self->summary_list, _("Too many questions unanswered"), reason);
    }
  for (guint r = 0; r < scores->n_reported; r++)
    {
      guint item = polku_instrument_get_reported_item (self->instrument, r);
      const char *anchor = polku_instrument_get_item_anchor (self->instrument, item,
                                                             scores->reported[r]);
      g_autofree char *text = NULL;

      if (scores->reported[r] == POLKU_ANSWER_MISSING)
        text = g_strdup (C_("score", "not answered"));
      else
        text = g_strdup_printf ("%d – %s", scores->reported[r], anchor != NULL ? anchor : "");
      add_row (self->summary_list, polku_instrument_get_item_text (self->instrument, item),
               text);
    }
  for (guint d = 0; d < scores->n_domains; d++)
    {
      g_autofree char *reason = polku_scores_dup_domain_reason (scores, d);
      g_autofree char *text = NULL;

      if (reason != NULL && !scores->discarded)
        text = g_steal_pointer (&reason);
      else if (reason == NULL)
        {
          double min0, max0, min1, max1;

          polku_instrument_get_score_range (self->instrument, 0, &min0, &max0);
          polku_instrument_get_score_range (self->instrument, n_scores - 1, &min1, &max1);
          /* TRANSLATORS: a domain score on two scales, e.g. "13.71 (4–20) · 60.7 (0–100)" */
          text = g_strdup_printf (_("%.2f (%g–%g) · %.1f (%g–%g)"),
                                  scores->domains[d].values[0], min0, max0,
                                  scores->domains[d].values[n_scores - 1], min1, max1);
        }
      else
        text = g_strdup (C_("score", "not scored"));
      add_row (self->summary_list, polku_instrument_get_domain_title (self->instrument, d),
               text);
    }

  shown_date = polku_date_format_user (polku_assessment_get_date (self->form));
  gtk_editable_set_text (GTK_EDITABLE (self->date_row), shown_date);
  adw_combo_row_set_selected (self->role_row,
                              self->has_complete ? POLKU_ASSESSMENT_ROLE_FOLLOW_UP
                                                 : POLKU_ASSESSMENT_ROLE_BASELINE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "measures.back", TRUE);
  gtk_stack_set_visible_child_name (self->stack, "finish");
  gtk_widget_grab_focus (GTK_WIDGET (self->date_row));
}

static void
go_to (PolkuMeasuresView *self,
       guint              item)
{
  guint n = polku_instrument_get_n_items (self->instrument);

  polku_assessment_set_position (self->form, MIN (item, n));
  save_draft (self);
  if (item >= n)
    show_finish (self);
  else
    {
      self->item = item;
      show_item (self);
    }
}

static gboolean
on_item_page (PolkuMeasuresView *self)
{
  return self->form != NULL
         && g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "item") == 0;
}

static void
answer_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  PolkuMeasuresView *self = POLKU_MEASURES_VIEW (widget);
  int value = g_variant_get_int32 (parameter);

  if (!on_item_page (self)
      || !polku_instrument_answer_is_valid (self->instrument, self->item, value))
    return;
  polku_assessment_set_answer (self->form, self->item, value);
  go_to (self, self->item + 1);
}

static void
skip_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  PolkuMeasuresView *self = POLKU_MEASURES_VIEW (widget);

  if (!on_item_page (self))
    return;
  polku_assessment_set_answer (self->form, self->item, POLKU_ANSWER_MISSING);
  go_to (self, self->item + 1);
}

static void
back_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  PolkuMeasuresView *self = POLKU_MEASURES_VIEW (widget);
  const char *page = gtk_stack_get_visible_child_name (self->stack);

  if (self->form == NULL)
    return;
  if (g_strcmp0 (page, "finish") == 0)
    {
      if (self->from_paper)
        {
          gtk_stack_set_visible_child_name (self->stack, "paper");
          return;
        }
      self->item = polku_instrument_get_n_items (self->instrument) - 1;
      show_item (self);
    }
  else if (g_strcmp0 (page, "item") == 0 && self->item > 0)
    {
      self->item--;
      show_item (self);
    }
}

static void
close_form_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  PolkuMeasuresView *self = POLKU_MEASURES_VIEW (widget);

  if (self->form == NULL)
    return;
  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "paper") == 0)
    form_from_paper (self);
  if (save_draft (self))
    polku_measures_view_reload (self);
}

static void
review_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  PolkuMeasuresView *self = POLKU_MEASURES_VIEW (widget);

  if (self->form == NULL)
    return;
  form_from_paper (self);
  polku_assessment_set_position (self->form, polku_instrument_get_n_items (self->instrument));
  if (save_draft (self))
    show_finish (self);
}

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  PolkuMeasuresView *self = POLKU_MEASURES_VIEW (widget);
  g_autoptr(GError) error = NULL;
  g_autofree char *plan_id = NULL;
  g_autofree char *plan_start = NULL;
  g_autofree char *date = NULL;

  if (self->form == NULL)
    return;
  if (!polku_date_parse_user (gtk_editable_get_text (GTK_EDITABLE (self->date_row)), &date,
                              &error))
    {
      gtk_label_set_text (self->finish_error_label, error->message);
      gtk_widget_set_visible (GTK_WIDGET (self->finish_error_label), TRUE);
      gtk_widget_grab_focus (GTK_WIDGET (self->date_row));
      return;
    }

  polku_assessment_set_date (self->form, date);
  polku_assessment_set_role (self->form, adw_combo_row_get_selected (self->role_row) == 0
                                         ? POLKU_ASSESSMENT_ROLE_BASELINE
                                         : POLKU_ASSESSMENT_ROLE_FOLLOW_UP);
  if (polku_assessment_store_find_plan (self->store, polku_client_get_id (self->client),
                                        &plan_id, &plan_start, NULL))
    polku_assessment_set_plan_id (self->form, plan_id);
  polku_assessment_set_status (self->form, POLKU_ASSESSMENT_STATUS_COMPLETE);
  if (!polku_assessment_store_save (self->store, self->form, &error))
    {
      polku_assessment_set_status (self->form, POLKU_ASSESSMENT_STATUS_DRAFT);
      gtk_label_set_text (self->finish_error_label, error->message);
      gtk_widget_set_visible (GTK_WIDGET (self->finish_error_label), TRUE);
      return;
    }
  polku_measures_view_reload (self);
}

static void
discard_draft_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  PolkuMeasuresView *self = POLKU_MEASURES_VIEW (widget);
  g_autoptr(GError) error = NULL;
  g_autoptr(PolkuAssessment) draft = NULL;

  if (self->store == NULL || self->client == NULL)
    return;
  draft = polku_assessment_store_get_draft (self->store, polku_client_get_id (self->client),
                                            POLKU_INSTRUMENT_WHOQOL_BREF, &error);
  if (draft != NULL && !polku_assessment_store_remove (self->store, draft, &error))
    {
      show_error (self, error);
      return;
    }
  if (error != NULL)
    {
      show_error (self, error);
      return;
    }
  polku_measures_view_reload (self);
}

/* Keys 1–5 answer and go on, 0 skips, Backspace goes back, Escape saves for later: only
 * while a question is shown. */
static gboolean
key_pressed_cb (GtkEventControllerKey *controller,
                guint                  keyval,
                guint                  keycode,
                GdkModifierType        state,
                PolkuMeasuresView     *self)
{
  int digit = -1;

  if (!on_item_page (self)
      || (state & (GDK_CONTROL_MASK | GDK_ALT_MASK | GDK_SUPER_MASK)) != 0)
    return GDK_EVENT_PROPAGATE;

  if (keyval >= GDK_KEY_0 && keyval <= GDK_KEY_9)
    digit = keyval - GDK_KEY_0;
  else if (keyval >= GDK_KEY_KP_0 && keyval <= GDK_KEY_KP_9)
    digit = keyval - GDK_KEY_KP_0;

  if (digit == 0)
    {
      gtk_widget_activate_action (GTK_WIDGET (self), "measures.skip", NULL);
      return GDK_EVENT_STOP;
    }
  if (digit > 0)
    {
      if (polku_instrument_answer_is_valid (self->instrument, self->item, digit))
        gtk_widget_activate_action (GTK_WIDGET (self), "measures.answer", "i", digit);
      return GDK_EVENT_STOP;
    }
  if (keyval == GDK_KEY_BackSpace)
    {
      gtk_widget_activate_action (GTK_WIDGET (self), "measures.back", NULL);
      return GDK_EVENT_STOP;
    }
  if (keyval == GDK_KEY_Escape)
    {
      gtk_widget_activate_action (GTK_WIDGET (self), "measures.close-form", NULL);
      return GDK_EVENT_STOP;
    }
  return GDK_EVENT_PROPAGATE;
}

/* ---- GObject ---- */

static void
polku_measures_view_dispose (GObject *object)
{
  PolkuMeasuresView *self = POLKU_MEASURES_VIEW (object);

  polku_view_load_cancel (&self->cancellable);
  g_clear_pointer (&self->shown_id, g_free);
  g_clear_object (&self->store);
  g_clear_object (&self->client);
  g_clear_object (&self->instrument);
  g_clear_object (&self->form);
  g_clear_pointer (&self->paper_rows, g_ptr_array_unref);
  g_clear_pointer (&self->anchor_buttons, g_ptr_array_unref);
  g_clear_pointer (&self->type_checks, g_ptr_array_unref);
  g_clear_pointer (&self->contacts, g_ptr_array_unref);
  g_clear_error (&self->contacts_error);
  g_clear_pointer (&self->plan_start, g_free);

  /* The stack is both the bin's child and a template child: unparent it once, here. */
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), POLKU_TYPE_MEASURES_VIEW);

  G_OBJECT_CLASS (polku_measures_view_parent_class)->dispose (object);
}

static void
polku_measures_view_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  PolkuMeasuresView *self = POLKU_MEASURES_VIEW (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    case PROP_CLIENT:
      g_value_set_object (value, self->client);
      break;
    case PROP_LOADING:
      g_value_set_boolean (value, self->loading);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
polku_measures_view_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  PolkuMeasuresView *self = POLKU_MEASURES_VIEW (object);

  switch (prop_id)
    {
    case PROP_STORE:
      if (g_set_object (&self->store, g_value_get_object (value)))
        {
          /* Another store: nothing shown so far belongs to it. */
          clear_shown (self);
          polku_measures_view_reload (self);
          g_object_notify_by_pspec (object, pspec);
        }
      break;
    case PROP_CLIENT:
      if (g_set_object (&self->client, g_value_get_object (value)))
        {
          polku_measures_view_reload (self);
          g_object_notify_by_pspec (object, pspec);
        }
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
polku_measures_view_map (GtkWidget *widget)
{
  PolkuMeasuresView *self = POLKU_MEASURES_VIEW (widget);

  GTK_WIDGET_CLASS (polku_measures_view_parent_class)->map (widget);

  /* Shown again: visits or a plan may have been added meanwhile. A form being answered is
   * left as it is. */
  if (self->form == NULL)
    polku_measures_view_reload (self);
}

static void
polku_measures_view_class_init (PolkuMeasuresViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = polku_measures_view_dispose;
  object_class->get_property = polku_measures_view_get_property;
  object_class->set_property = polku_measures_view_set_property;
  widget_class->map = polku_measures_view_map;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, POLKU_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CLIENT] =
    g_param_spec_object ("client", NULL, NULL, POLKU_TYPE_CLIENT,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /**
   * PolkuMeasuresView:loading:
   *
   * Whether the client's measures are being read (in a thread).
   */
  properties[PROP_LOADING] =
    g_param_spec_boolean ("loading", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (POLKU_TYPE_MEASURES_CHART);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/polku-measures-view.ui");
  gtk_widget_class_bind_template_child (widget_class, PolkuMeasuresView, stack);
  gtk_widget_class_bind_template_child (widget_class, PolkuMeasuresView, error_label);
  gtk_widget_class_bind_template_child (widget_class, PolkuMeasuresView, draft_list);
  gtk_widget_class_bind_template_child (widget_class, PolkuMeasuresView, draft_row);
  gtk_widget_class_bind_template_child (widget_class, PolkuMeasuresView, chart_stack);
  gtk_widget_class_bind_template_child (widget_class, PolkuMeasuresView, domain_chart);
  gtk_widget_class_bind_template_child (widget_class, PolkuMeasuresView, assessment_list);
  gtk_widget_class_bind_template_child (widget_class, PolkuMeasuresView, continuity_list);
  gtk_widget_class_bind_template_child (widget_class, PolkuMeasuresView, continuity_chart);
  gtk_widget_class_bind_template_child (widget_class, PolkuMeasuresView, period_row);
  gtk_widget_class_bind_template_child (widget_class, PolkuMeasuresView, from_row);
  gtk_widget_class_bind_template_child (widget_class, PolkuMeasuresView, to_row);
  gtk_widget_class_bind_template_child (widget_class, PolkuMeasuresView, types_row);
  gtk_widget_class_bind_template_child (widget_class, PolkuMeasuresView, urgent_switch);
  gtk_widget_class_bind_template_child (widget_class, PolkuMeasuresView, period_error_label);
  gtk_widget_class_bind_template_child (widget_class, PolkuMeasuresView, progress_label);
  gtk_widget_class_bind_template_child (widget_class, PolkuMeasuresView, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, PolkuMeasuresView, item_label);
  gtk_widget_class_bind_template_child (widget_class, PolkuMeasuresView, anchor_box);
  gtk_widget_class_bind_template_child (widget_class, PolkuMeasuresView, paper_group);
  gtk_widget_class_bind_template_child (widget_class, PolkuMeasuresView, summary_list);
  gtk_widget_class_bind_template_child (widget_class, PolkuMeasuresView, date_row);
  gtk_widget_class_bind_template_child (widget_class, PolkuMeasuresView, role_row);
  gtk_widget_class_bind_template_child (widget_class, PolkuMeasuresView, finish_error_label);

  gtk_widget_class_install_action (widget_class, "measures.start", NULL, start_action);
  gtk_widget_class_install_action (widget_class, "measures.paper", NULL, paper_action);
  gtk_widget_class_install_action (widget_class, "measures.answer", "i", answer_action);
  gtk_widget_class_install_action (widget_class, "measures.skip", NULL, skip_action);
  gtk_widget_class_install_action (widget_class, "measures.back", NULL, back_action);
  gtk_widget_class_install_action (widget_class, "measures.close-form", NULL,
                                   close_form_action);
  gtk_widget_class_install_action (widget_class, "measures.review", NULL, review_action);
  gtk_widget_class_install_action (widget_class, "measures.save", NULL, save_action);
  gtk_widget_class_install_action (widget_class, "measures.discard-draft", NULL,
                                   discard_draft_action);
}

static void
polku_measures_view_init (PolkuMeasuresView *self)
{
  GtkEventController *keys;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->paper_rows = g_ptr_array_new ();
  self->anchor_buttons = g_ptr_array_new ();
  self->type_checks = g_ptr_array_new ();
  add_type_rows (self);
  g_signal_connect_object (self->period_row, "notify::selected",
                           G_CALLBACK (period_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->from_row, "apply", G_CALLBACK (choice_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->to_row, "apply", G_CALLBACK (choice_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->urgent_switch, "notify::active",
                           G_CALLBACK (choice_changed_cb), self, G_CONNECT_SWAPPED);

  keys = gtk_event_controller_key_new ();
  gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
  g_signal_connect_object (keys, "key-pressed", G_CALLBACK (key_pressed_cb), self, 0);
  gtk_widget_add_controller (GTK_WIDGET (self), keys);
}

GtkWidget *
polku_measures_view_new (void)
{
  return g_object_new (POLKU_TYPE_MEASURES_VIEW, NULL);
}
