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

#include "polku-number.h"
#include "polku-assessment-store.h"
#include "polku-audit.h"
#include "polku-contact-store.h"
#include "polku-date.h"
#include "polku-measures-chart.h"
#include "polku-measures-continuity.h"
#include "polku-measures-view.h"
#include "polku-rows-private.h"
#include "polku-satisfaction-dialog.h"
#include "polku-satisfaction-report.h"

struct _PolkuMeasuresView
{
  PolkuClientView     parent_instance;

  PolkuInstrument    *instrument;
  PolkuAssessment    *form;        /* the draft being answered, or NULL */
  guint               item;
  gboolean            from_paper;
  gboolean            has_complete;
  GPtrArray          *paper_rows;  /* AdwComboRow, one per item */
  GPtrArray          *anchor_buttons;

  GtkStack           *stack;
  GtkLabel           *error_label;
  GtkListBox         *draft_list;
  AdwActionRow       *draft_row;
  GtkStack           *chart_stack;
  PolkuMeasuresChart *domain_chart;
  GtkListBox         *assessment_list;
  PolkuMeasuresContinuity *continuity;
  GtkListBox         *satisfaction_list;
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

G_DEFINE_FINAL_TYPE (PolkuMeasuresView, polku_measures_view, POLKU_TYPE_CLIENT_VIEW)

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
                                              : polku_number_format (value, 1);

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

  polku_rows_clear (self->assessment_list);
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
      polku_rows_add_row (self->assessment_list, title, subtitle);

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

/* Loading: the assessments (their read recorded), the draft, the visits and the plan are read
 * together in a thread. */

typedef struct
{
  GPtrArray       *assessments;   /* NULL: see error */
  GError          *error;
  PolkuAssessment *draft;
  GError          *draft_error;
  GPtrArray       *contacts;      /* NULL: see contacts_error */
  GError          *contacts_error;
  gboolean         have_plan;
  char            *plan_start;
  GPtrArray       *satisfaction;  /* NULL: see satisfaction_error */
  GError          *satisfaction_error;
} MeasuresData;

static void
measures_data_free (MeasuresData *data)
{
  g_clear_pointer (&data->assessments, g_ptr_array_unref);
  g_clear_error (&data->error);
  g_clear_object (&data->draft);
  g_clear_error (&data->draft_error);
  g_clear_pointer (&data->contacts, g_ptr_array_unref);
  g_clear_error (&data->contacts_error);
  g_free (data->plan_start);
  g_clear_pointer (&data->satisfaction, g_ptr_array_unref);
  g_clear_error (&data->satisfaction_error);
  g_free (data);
}

static gpointer
measures_view_load (PolkuStore    *store,
                    const char    *id,
                    gpointer       snapshot,
                    GCancellable  *cancellable,
                    GError       **error)
{
  MeasuresData *data = g_new0 (MeasuresData, 1);
  g_autofree char *plan_id = NULL;

  data->assessments = polku_assessment_store_list (store, id, POLKU_INSTRUMENT_WHOQOL_BREF,
                                                   FALSE, &data->error);
  if (data->assessments != NULL
      && !polku_audit_record (store, POLKU_AUDIT_ASSESSMENT_LIST, id,
                              "instruments=whoqol-bref,client-satisfaction", &data->error))
    g_clear_pointer (&data->assessments, g_ptr_array_unref);
  if (data->assessments != NULL && !g_cancellable_is_cancelled (cancellable))
    {
      data->draft = polku_assessment_store_get_draft (store, id, POLKU_INSTRUMENT_WHOQOL_BREF,
                                                      &data->draft_error);
      data->contacts = polku_contact_store_list (store, id, NULL, NULL,
                                                 &data->contacts_error);
      data->have_plan = polku_assessment_store_find_plan (store, id, &plan_id,
                                                          &data->plan_start, NULL);
      data->satisfaction = polku_assessment_store_list (store, id,
                                                        POLKU_INSTRUMENT_CLIENT_SATISFACTION,
                                                        FALSE, &data->satisfaction_error);
    }
  return data;
}

/* Shows nothing of any client (at once, when the client changes). */
static void
clear_shown (PolkuMeasuresView *self)
{
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->draft_list), FALSE);
  polku_rows_clear (self->assessment_list);
  polku_measures_chart_clear (self->domain_chart);
  polku_measures_continuity_clear (self->continuity);
  polku_rows_clear (self->satisfaction_list);
  self->has_complete = FALSE;
}

static void
close_form (PolkuMeasuresView *self)
{
  g_clear_object (&self->form);
  gtk_stack_set_visible_child_name (self->stack, "overview");
}

static void
measures_view_clear (PolkuClientView *view)
{
  PolkuMeasuresView *self = POLKU_MEASURES_VIEW (view);

  close_form (self);
  clear_shown (self);
}

/* Each read starts from the overview; the read needs the instrument to be shown. */
static gpointer
measures_view_snapshot (PolkuClientView  *view,
                        GError          **error)
{
  PolkuMeasuresView *self = POLKU_MEASURES_VIEW (view);

  close_form (self);
  get_instrument (self, error);
  return NULL;
}

/* The client's own satisfaction answers over time, oldest first, as the assessments. */
static void
fill_satisfaction (PolkuMeasuresView *self,
                   GPtrArray         *answers,
                   const GError      *error)
{
  guint shown = 0;

  polku_rows_clear (self->satisfaction_list);
  if (answers == NULL)
    {
      polku_rows_add_row (self->satisfaction_list, _("The answers cannot be read"),
                          error != NULL ? error->message : NULL);
      return;
    }
  for (guint i = 0; i < answers->len; i++)
    {
      PolkuAssessment *assessment = g_ptr_array_index (answers, i);
      int value = polku_satisfaction_get_answer (assessment);
      const char *label = polku_satisfaction_get_label (value, NULL);
      g_autofree char *date = NULL;

      if (value == POLKU_ANSWER_MISSING || label == NULL)
        continue;
      date = polku_date_format_user (polku_assessment_get_date (assessment));
      polku_rows_add_row (self->satisfaction_list, label, date);
      shown++;
    }
  if (shown == 0)
    polku_rows_add_row (self->satisfaction_list, _("Not asked yet"),
                        _("Ask at the follow-up visit: one tap stores the answer."));
}

static void
measures_view_apply (PolkuClientView *view,
                     gpointer         result,
                     const GError    *error)
{
  PolkuMeasuresView *self = POLKU_MEASURES_VIEW (view);
  MeasuresData *data = result;

  clear_shown (self);
  if (error != NULL || data->assessments == NULL)
    {
      show_error (self, error != NULL ? error : data->error);
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

  polku_measures_continuity_show (self->continuity, data->contacts, data->contacts_error,
                                  data->have_plan, data->plan_start);
  fill_satisfaction (self, data->satisfaction, data->satisfaction_error);
}

/* Shown again: visits or a plan may have been added meanwhile. A form being answered is left
 * as it is. */
static gboolean
measures_view_wants_reload (PolkuClientView *view)
{
  return POLKU_MEASURES_VIEW (view)->form == NULL;
}

/* ---- The form ---- */

static gboolean
save_draft (PolkuMeasuresView *self)
{
  g_autoptr(GError) error = NULL;

  if (self->form == NULL)
    return FALSE;
  polku_assessment_set_status (self->form, POLKU_ASSESSMENT_STATUS_DRAFT);
  if (!polku_assessment_store_save (polku_client_view_get_store (POLKU_CLIENT_VIEW (self)),
                                    self->form, &error))
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
  PolkuStore *store = polku_client_view_get_store (POLKU_CLIENT_VIEW (self));
  const char *client_id = polku_client_view_get_client_id (POLKU_CLIENT_VIEW (self));
  g_autoptr(GError) error = NULL;

  if (store == NULL || client_id == NULL || get_instrument (self, &error) == NULL)
    {
      if (error != NULL)
        show_error (self, error);
      return FALSE;
    }
  if (self->form == NULL)
    {
      self->form = polku_assessment_store_get_draft (store, client_id,
                                                     POLKU_INSTRUMENT_WHOQOL_BREF, &error);
      if (error != NULL)
        {
          show_error (self, error);
          return FALSE;
        }
    }
  if (self->form == NULL)
    self->form = polku_assessment_new (client_id, self->instrument);
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

  polku_rows_clear (self->summary_list);
  if (scores->discarded)
    {
      g_autofree char *reason = polku_scores_dup_domain_reason (scores, 0);

      polku_rows_add_row (self->summary_list, _("Too many questions unanswered"), reason);
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
      polku_rows_add_row (self->summary_list,
                              polku_instrument_get_item_text (self->instrument, item), text);
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
          g_autofree char *raw = polku_number_format (scores->domains[d].values[0], 2);
          g_autofree char *scaled = polku_number_format (scores->domains[d].values[n_scores - 1],
                                                         1);

          polku_instrument_get_score_range (self->instrument, 0, &min0, &max0);
          polku_instrument_get_score_range (self->instrument, n_scores - 1, &min1, &max1);
          /* TRANSLATORS: a domain score on two scales, e.g. "13.71 (4–20) · 60.7 (0–100)" */
          text = g_strdup_printf (_("%s (%g–%g) · %s (%g–%g)"), raw, min0, max0, scaled, min1,
                                  max1);
        }
      else
        text = g_strdup (C_("score", "not scored"));
      polku_rows_add_row (self->summary_list,
                              polku_instrument_get_domain_title (self->instrument, d), text);
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
    polku_client_view_reload (POLKU_CLIENT_VIEW (self));
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
  PolkuStore *store = polku_client_view_get_store (POLKU_CLIENT_VIEW (self));
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
  if (polku_assessment_store_find_plan (store,
                                        polku_client_view_get_client_id (POLKU_CLIENT_VIEW (self)),
                                        &plan_id, &plan_start, NULL))
    polku_assessment_set_plan_id (self->form, plan_id);
  polku_assessment_set_status (self->form, POLKU_ASSESSMENT_STATUS_COMPLETE);
  if (!polku_assessment_store_save (store, self->form, &error))
    {
      polku_assessment_set_status (self->form, POLKU_ASSESSMENT_STATUS_DRAFT);
      gtk_label_set_text (self->finish_error_label, error->message);
      gtk_widget_set_visible (GTK_WIDGET (self->finish_error_label), TRUE);
      return;
    }
  polku_client_view_reload (POLKU_CLIENT_VIEW (self));
}

static void
discard_draft (PolkuMeasuresView *self)
{
  PolkuStore *store = polku_client_view_get_store (POLKU_CLIENT_VIEW (self));
  const char *client_id = polku_client_view_get_client_id (POLKU_CLIENT_VIEW (self));
  g_autoptr(GError) error = NULL;
  g_autoptr(PolkuAssessment) draft = NULL;

  if (store == NULL || client_id == NULL)
    return;
  draft = polku_assessment_store_get_draft (store, client_id, POLKU_INSTRUMENT_WHOQOL_BREF,
                                            &error);
  if (draft != NULL && !polku_assessment_store_remove (store, draft, &error))
    {
      show_error (self, error);
      return;
    }
  if (error != NULL)
    {
      show_error (self, error);
      return;
    }
  polku_client_view_reload (POLKU_CLIENT_VIEW (self));
}

static void
on_discard_response (AdwMessageDialog  *dialog,
                     const char        *response,
                     PolkuMeasuresView *self)
{
  if (g_str_equal (response, "discard"))
    discard_draft (self);
}

/* The answers given so far cannot be brought back: it is asked first. */
static void
discard_draft_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  GtkRoot *root = gtk_widget_get_root (widget);
  GtkWidget *dialog;

  if (polku_client_view_get_store (POLKU_CLIENT_VIEW (widget)) == NULL
      || polku_client_view_get_client_id (POLKU_CLIENT_VIEW (widget)) == NULL)
    return;
  dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                   _("Discard the Unfinished Form?"),
                                   _("The answers given so far are lost for good."));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Keep the Answers"),
                                    "discard", _("_Discard"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "discard",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_discard_response), widget, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
satisfaction_saved_cb (PolkuSatisfactionDialog *dialog,
                       PolkuAssessment         *assessment,
                       PolkuMeasuresView       *self)
{
  polku_client_view_reload (POLKU_CLIENT_VIEW (self));
}

/* The one-tap satisfaction question (polku-satisfaction-dialog.c). */
static void
ask_satisfaction_action (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  PolkuMeasuresView *self = POLKU_MEASURES_VIEW (widget);
  PolkuStore *store = polku_client_view_get_store (POLKU_CLIENT_VIEW (self));
  const char *client_id = polku_client_view_get_client_id (POLKU_CLIENT_VIEW (self));
  PolkuSatisfactionDialog *dialog;

  if (store == NULL || client_id == NULL)
    return;
  dialog = polku_satisfaction_dialog_new (widget, store, client_id);
  g_signal_connect_object (dialog, "saved", G_CALLBACK (satisfaction_saved_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
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

  g_clear_object (&self->instrument);
  g_clear_object (&self->form);
  g_clear_pointer (&self->paper_rows, g_ptr_array_unref);
  g_clear_pointer (&self->anchor_buttons, g_ptr_array_unref);

  /* The stack is both the bin's child and a template child: unparent it once, here. */
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), POLKU_TYPE_MEASURES_VIEW);

  G_OBJECT_CLASS (polku_measures_view_parent_class)->dispose (object);
}

static void
polku_measures_view_class_init (PolkuMeasuresViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  PolkuClientViewClass *view_class = POLKU_CLIENT_VIEW_CLASS (klass);

  object_class->dispose = polku_measures_view_dispose;
  view_class->clear = measures_view_clear;
  view_class->snapshot = measures_view_snapshot;
  view_class->load = measures_view_load;
  view_class->apply = measures_view_apply;
  view_class->free_result = (GDestroyNotify) measures_data_free;
  view_class->wants_reload = measures_view_wants_reload;

  g_type_ensure (POLKU_TYPE_MEASURES_CHART);
  g_type_ensure (POLKU_TYPE_MEASURES_CONTINUITY);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/polku-measures-view.ui");
  gtk_widget_class_bind_template_child (widget_class, PolkuMeasuresView, stack);
  gtk_widget_class_bind_template_child (widget_class, PolkuMeasuresView, error_label);
  gtk_widget_class_bind_template_child (widget_class, PolkuMeasuresView, draft_list);
  gtk_widget_class_bind_template_child (widget_class, PolkuMeasuresView, draft_row);
  gtk_widget_class_bind_template_child (widget_class, PolkuMeasuresView, chart_stack);
  gtk_widget_class_bind_template_child (widget_class, PolkuMeasuresView, domain_chart);
  gtk_widget_class_bind_template_child (widget_class, PolkuMeasuresView, assessment_list);
  gtk_widget_class_bind_template_child (widget_class, PolkuMeasuresView, continuity);
  gtk_widget_class_bind_template_child (widget_class, PolkuMeasuresView, satisfaction_list);
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
  gtk_widget_class_install_action (widget_class, "measures.ask-satisfaction", NULL,
                                   ask_satisfaction_action);
}

static void
polku_measures_view_init (PolkuMeasuresView *self)
{
  GtkEventController *keys;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->paper_rows = g_ptr_array_new ();
  self->anchor_buttons = g_ptr_array_new ();

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
