/* polku-measures-continuity.c: continuity of care before and after the plan
 *
 * Copyright 2026 The Polku authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The continuity indices (COCI, UPC, SECON, MMCI) of the client's visits: six months before
 * and after the plan by default, as THL counts them, or over chosen dates and visit types,
 * recomputed at once when the choice changes.
 */

#define G_LOG_DOMAIN "polku-measures-continuity"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "polku-number.h"
#include "polku-contact-counts.h"
#include "polku-contact-store.h"
#include "polku-contact-type.h"
#include "polku-continuity.h"
#include "polku-date.h"
#include "polku-measures-continuity.h"
#include "polku-rows-private.h"

struct _PolkuMeasuresContinuity
{
  GtkBox              parent_instance;

  GPtrArray          *type_checks;   /* GtkCheckButton, one per visit type ("type-id") */
  GPtrArray          *contacts;      /* the visits shown, or NULL */
  GError             *contacts_error;
  gboolean            have_plan;
  char               *plan_start;
  gboolean            shown;         /* a client's visits are kept */

  GtkListBox         *continuity_list;
  PolkuMeasuresChart *continuity_chart;
  AdwComboRow        *period_row;
  AdwEntryRow        *from_row;
  AdwEntryRow        *to_row;
  AdwExpanderRow     *types_row;
  GtkSwitch          *urgent_switch;
  GtkLabel           *period_error_label;
};

G_DEFINE_FINAL_TYPE (PolkuMeasuresContinuity, polku_measures_continuity, GTK_TYPE_BOX)

static char *
format_index (double value)
{
  if (isnan (value))
    return g_strdup (_("not enough visits"));
  return polku_number_format (value, 2);
}

/* The period chosen: FALSE (and @error set) when a date is wrong. *custom FALSE: six months
 * around the plan; otherwise @from and @to are set or left invalid (open). */
static gboolean
read_period (PolkuMeasuresContinuity *self,
             gboolean                *custom,
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
dup_chosen_types (PolkuMeasuresContinuity *self)
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

/* Says under the indices which contact types they counted (the ones chosen, THL's doctor
 * and nurse by default), and whether urgent visits were in. */
static void
add_counted_row (PolkuMeasuresContinuity *self,
                 const char * const      *chosen_types,
                 gboolean                 include_urgent)
{
  g_autoptr(GListModel) types = polku_contact_types_dup_default (NULL);
  g_autoptr(GString) labels = g_string_new (NULL);
  g_autofree char *text = NULL;

  for (guint i = 0; chosen_types != NULL && chosen_types[i] != NULL; i++)
    {
      PolkuContactType *type = types != NULL ? polku_contact_types_lookup (types,
                                                                           chosen_types[i])
                                             : NULL;

      if (labels->len > 0)
        g_string_append (labels, ", ");
      g_string_append (labels, type != NULL ? polku_contact_type_get_label (type)
                                            : chosen_types[i]);
    }
  if (labels->len == 0)
    text = g_strdup (_("No visit type is chosen: choose them under Visit Types."));
  else if (include_urgent)
    /* TRANSLATORS: the contact types the continuity indices counted, e.g. "Doctor, Nurse" */
    text = g_strdup_printf (_("%s · urgent visits included"), labels->str);
  else
    /* TRANSLATORS: the contact types the continuity indices counted, e.g. "Doctor, Nurse" */
    text = g_strdup_printf (_("%s · non-urgent visits only"), labels->str);
  /* TRANSLATORS: the title of the row that lists the contact types the indices counted */
  polku_rows_add_row (self->continuity_list, C_("continuity", "Counted"), text);
}

/* The visits six months before and after @start by the categories of the reports, as the
 * practice counts them: urgent and non-urgent apart, inpatient days, no-shows and repeated
 * contacts for the same issue. Only categories with contacts are shown. */
static void
add_category_rows (PolkuMeasuresContinuity *self,
                   GPtrArray               *contacts,
                   const GDate             *start)
{
  g_autoptr(GListModel) types = polku_contact_types_dup_default (NULL);
  g_autoptr(PolkuContactCounts) before = NULL;
  g_autoptr(PolkuContactCounts) after = NULL;
  GDate before_from = *start, before_to = *start, after_to = *start;

  if (types == NULL)
    return;
  g_date_subtract_months (&before_from, 6);
  g_date_subtract_days (&before_to, 1);
  g_date_add_months (&after_to, 6);
  g_date_subtract_days (&after_to, 1);
  before = polku_contact_counts_compute (contacts, types, &before_from, &before_to);
  after = polku_contact_counts_compute (contacts, types, start, &after_to);

  for (guint i = 0; i < before->categories->len; i++)
    {
      const PolkuContactTally *b = &g_array_index (before->categories, PolkuContactTally, i);
      const PolkuContactTally *a = polku_contact_counts_get_category (after, b->id);
      PolkuContactCategory *category = polku_contact_types_lookup_category (types, b->id);
      const char *label = category != NULL ? polku_contact_category_get_label (category)
                                           : _("type not known");

      if (a == NULL || (b->contacts == 0 && a->contacts == 0))
        continue;
      if (b->days > 0 || a->days > 0)
        {
          g_autofree char *text = NULL;

          /* TRANSLATORS: stays and their inpatient days six months before and after the
           * plan */
          text = g_strdup_printf (_("Six months before: %u, inpatient days %u · six months "
                                    "after: %u, inpatient days %u"),
                                  b->contacts, b->days, a->contacts, a->days);
          polku_rows_add_row (self->continuity_list, label, text);
        }
      else if (b->urgent > 0 || a->urgent > 0)
        {
          /* The practice counts urgent and non-urgent visits apart. */
          g_autofree char *urgent_title = NULL;
          g_autofree char *non_urgent_title = NULL;
          g_autofree char *urgent_text = NULL;
          g_autofree char *non_urgent_text = NULL;

          /* TRANSLATORS: a category of visits, e.g. "Doctor visits, non-urgent" */
          non_urgent_title = g_strdup_printf (_("%s, non-urgent"), label);
          /* TRANSLATORS: a category of visits, e.g. "Doctor visits, urgent" */
          urgent_title = g_strdup_printf (_("%s, urgent"), label);
          non_urgent_text = g_strdup_printf (_("Six months before: %u · six months after: %u"),
                                             b->contacts - b->urgent, a->contacts - a->urgent);
          urgent_text = g_strdup_printf (_("Six months before: %u · six months after: %u"),
                                         b->urgent, a->urgent);
          polku_rows_add_row (self->continuity_list, non_urgent_title, non_urgent_text);
          polku_rows_add_row (self->continuity_list, urgent_title, urgent_text);
        }
      else
        {
          g_autofree char *text =
            g_strdup_printf (_("Six months before: %u · six months after: %u"), b->contacts,
                             a->contacts);

          polku_rows_add_row (self->continuity_list, label, text);
        }
    }

  if (before->total.no_shows > 0 || after->total.no_shows > 0)
    {
      g_autofree char *text =
        g_strdup_printf (_("Six months before: %u · six months after: %u"),
                         before->total.no_shows, after->total.no_shows);

      polku_rows_add_row (self->continuity_list, _("Visits the client did not come to"), text);
    }
  if (before->total.repeats > 0 || after->total.repeats > 0)
    {
      g_autofree char *text =
        g_strdup_printf (_("Six months before: %u · six months after: %u"),
                         before->total.repeats, after->total.repeats);

      polku_rows_add_row (self->continuity_list,
                          _("Repeated contacts for the same issue (same reason)"), text);
    }
}

/* Shows the indices of the visits kept in the view for the period and types chosen. A wrong
 * date leaves what is shown as it is, with a message. */
static void
show_continuity (PolkuMeasuresContinuity *self)
{
  g_autoptr(GArray) visits = NULL;
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

  polku_rows_clear (self->continuity_list);
  polku_measures_chart_clear (self->continuity_chart);
  gtk_widget_set_visible (GTK_WIDGET (self->continuity_chart), FALSE);

  if (contacts == NULL)
    {
      if (self->contacts_error != NULL)
        polku_rows_add_row (self->continuity_list, _("The visits could not be read"),
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
      polku_rows_add_row (self->continuity_list, _("Chosen period"), text);
      for (guint k = 0; k < G_N_ELEMENTS (index_names); k++)
        {
          double value = k == 0 ? chosen->coci : k == 1 ? chosen->upc
                         : k == 2 ? chosen->secon : chosen->mmci;
          g_autofree char *index_text = format_index (value);

          polku_rows_add_row (self->continuity_list, _(index_names[k]), index_text);
        }
      add_counted_row (self, filter.types, filter.include_urgent);
      return;
    }

  if (!self->have_plan || !polku_date_parse_iso (start_text, &start))
    {
      g_autoptr(PolkuContinuity) all = polku_continuity_compute (
        (const PolkuVisit *) visits->data, visits->len, &filter);

      polku_rows_add_row (self->continuity_list, _("No plan yet"),
               _("Before and after are counted from the day the plan is agreed with the "
                 "client. Until then, the indices are for all visits."));
      for (guint k = 0; k < G_N_ELEMENTS (index_names); k++)
        {
          double value = k == 0 ? all->coci : k == 1 ? all->upc : k == 2 ? all->secon
                                                                           : all->mmci;
          g_autofree char *text = format_index (value);

          polku_rows_add_row (self->continuity_list, _(index_names[k]), text);
        }
      add_counted_row (self, filter.types, filter.include_urgent);
      return;
    }

  {
    GDate before_from = start, before_to = start, after_to = start;
    PolkuVisitFilter before = filter;
    PolkuVisitFilter after = filter;
    g_autoptr(PolkuContinuity) b = NULL;
    g_autoptr(PolkuContinuity) a = NULL;
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
      /* TRANSLATORS: the day the plan was agreed with the client, where before and after
       * meet */
      g_autofree char *title = g_strdup_printf (_("Plan agreed on %s"), start_label);

      polku_rows_add_row (self->continuity_list, title, visits_text);
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
        polku_rows_add_row (self->continuity_list, _(index_names[k]), text);
      }

    add_counted_row (self, filter.types, filter.include_urgent);
    add_category_rows (self, contacts, &start);

    polku_measures_chart_set_bars (self->continuity_chart, short_names, before_values,
                                   after_values, 4, _("Six months before the plan"),
                                   _("Six months after"));
    polku_measures_chart_set_range (self->continuity_chart, 0, 1);
    gtk_widget_set_visible (GTK_WIDGET (self->continuity_chart), TRUE);
  }
}

static void
period_changed_cb (PolkuMeasuresContinuity *self)
{
  gboolean custom = adw_combo_row_get_selected (self->period_row) == 1;

  gtk_widget_set_visible (GTK_WIDGET (self->from_row), custom);
  gtk_widget_set_visible (GTK_WIDGET (self->to_row), custom);
  if (self->shown)
    show_continuity (self);
}

static void
choice_changed_cb (PolkuMeasuresContinuity *self)
{
  if (self->shown)
    show_continuity (self);
}

/* One row with a check box for each visit type; doctor and nurse chosen, as THL counts. */
static void
add_type_rows (PolkuMeasuresContinuity *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) types = polku_contact_types_dup_default (&error);
  const char * const *defaults = polku_visit_filter_default ()->types;

  if (types == NULL)
    {
      g_debug ("Continuity: %s", error->message);
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
      /* Named by the row (its activatable widget), once. */
      gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
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

/**
 * polku_measures_continuity_show:
 * @contacts: (nullable) (element-type PolkuContact): the client's contacts, or %NULL when
 *   they could not be read (@error says why)
 * @have_plan: whether the client has a plan, agreed with the client on @start_text
 *   (YYYY-MM-DD: the plan's agreed date, polku_assessment_store_find_plan ())
 *
 * Keeps the client's visits (read with the rest of the measures, in a thread) and shows
 * their indices for the period and the types chosen.
 */
void
polku_measures_continuity_show (PolkuMeasuresContinuity *self,
                                GPtrArray               *contacts,
                                const GError            *error,
                                gboolean                 have_plan,
                                const char              *start_text)
{
  g_return_if_fail (POLKU_IS_MEASURES_CONTINUITY (self));

  polku_measures_continuity_clear (self);
  if (contacts != NULL)
    self->contacts = g_ptr_array_ref (contacts);
  else if (error != NULL)
    self->contacts_error = g_error_copy (error);
  self->have_plan = have_plan;
  self->plan_start = g_strdup (start_text);
  self->shown = TRUE;
  show_continuity (self);
}

/**
 * polku_measures_continuity_clear:
 *
 * Forgets the visits shown (another client).
 */
void
polku_measures_continuity_clear (PolkuMeasuresContinuity *self)
{
  g_return_if_fail (POLKU_IS_MEASURES_CONTINUITY (self));

  self->shown = FALSE;
  polku_rows_clear (self->continuity_list);
  polku_measures_chart_clear (self->continuity_chart);
  gtk_widget_set_visible (GTK_WIDGET (self->continuity_chart), FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->period_error_label), FALSE);
  g_clear_pointer (&self->contacts, g_ptr_array_unref);
  g_clear_error (&self->contacts_error);
  g_clear_pointer (&self->plan_start, g_free);
  self->have_plan = FALSE;
}

static void
polku_measures_continuity_dispose (GObject *object)
{
  PolkuMeasuresContinuity *self = POLKU_MEASURES_CONTINUITY (object);

  g_clear_pointer (&self->type_checks, g_ptr_array_unref);
  g_clear_pointer (&self->contacts, g_ptr_array_unref);
  g_clear_error (&self->contacts_error);
  g_clear_pointer (&self->plan_start, g_free);
  gtk_widget_dispose_template (GTK_WIDGET (self), POLKU_TYPE_MEASURES_CONTINUITY);

  G_OBJECT_CLASS (polku_measures_continuity_parent_class)->dispose (object);
}

static void
polku_measures_continuity_class_init (PolkuMeasuresContinuityClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = polku_measures_continuity_dispose;

  g_type_ensure (POLKU_TYPE_MEASURES_CHART);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/polku-measures-continuity.ui");
#define CHILD(name) \
  gtk_widget_class_bind_template_child (widget_class, PolkuMeasuresContinuity, name)
  CHILD (continuity_list);
  CHILD (continuity_chart);
  CHILD (period_row);
  CHILD (from_row);
  CHILD (to_row);
  CHILD (types_row);
  CHILD (urgent_switch);
  CHILD (period_error_label);
#undef CHILD
}

static void
polku_measures_continuity_init (PolkuMeasuresContinuity *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

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
}
