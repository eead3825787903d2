/* polku-reports-window.c: the Reports window, figures across clients for leading with
 * knowledge
 *
 * Copyright 2026 The Polku authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Filters (the period the plans were agreed in, coordinator, unit, municipality, age band,
 * the sector that identified the client, open or closed cases, the small-number threshold,
 * an optional unit-cost file), a button that computes the report in a worker thread
 * (polku_report_run () with progress and a Cancel button), and the results in sections
 * built from the report's JSON (polku_report_to_json ()): the suppressed figures and
 * nothing else, the same the PDF, FHIR and JSON exports carry. Every chart
 * (PolkuReportChart) has its table beside it as rows of a boxed list, which is what a
 * screen reader reads; a suppressed figure is its "< 5" with a tooltip saying why.
 * Numbers are written as the rest of the app writes them: a decimal comma in Finnish and
 * Swedish. Export (PDF, pseudonymised CSV, JSON, FHIR) goes through a file chooser and runs
 * in a worker thread, each recorded in the audit log before anything is written.
 *
 * Longer than the usual 1,000 lines: the results are one JSON walked section by section
 * (show_*), with the small row helpers they share; the seam to split along, when it grows,
 * is the sections (show_* and their helpers) into polku-reports-sections.c.
 */

#define G_LOG_DOMAIN "polku-reports-window"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "polku-json.h"
#include "polku-case-sign.h"
#include "polku-checklist.h"
#include "polku-coordinator-store.h"
#include "polku-county-key.h"
#include "polku-date.h"
#include "polku-date-row-private.h"
#include "polku-error-dialog.h"
#include "polku-number.h"
#include "polku-organisations.h"
#include "polku-report-chart.h"
#include "polku-report-draw.h"
#include "polku-report-export.h"
#include "polku-report.h"
#include "polku-reports-window.h"

/* The age bands offered: bounds at the agreed date, -1 for none. */
static const struct
{
  const char *label;
  int         min, max;
} age_bands[] = {
  { N_("Any age"), -1, -1 },
  { N_("Under 18"), -1, 17 },
  { N_("18–34"), 18, 34 },
  { N_("35–49"), 35, 49 },
  { N_("50–64"), 50, 64 },
  { N_("65–74"), 65, 74 },
  { N_("75–84"), 75, 84 },
  { N_("85 and over"), 85, -1 },
};

/* What a progress report from the worker thread needs: the window is only touched on the
 * main thread, and cleared there when the run is over or the window goes. */
typedef struct
{
  PolkuReportsWindow *window;
  int                 permille;   /* atomic */
  int                 pending;    /* atomic: an idle is on its way */
} RunState;

struct _PolkuReportsWindow
{
  AdwWindow        parent_instance;

  PolkuStore      *store;

  AdwToastOverlay *toast_overlay;
  GtkMenuButton   *export_button;
  AdwEntryRow     *from_row;
  AdwEntryRow     *to_row;
  AdwComboRow     *coordinator_row;
  AdwComboRow     *unit_row;
  AdwEntryRow     *municipality_row;
  AdwComboRow     *age_row;
  AdwComboRow     *sector_row;
  AdwComboRow     *cases_row;
  GtkSpinButton   *threshold_spin;
  AdwActionRow    *costs_row;
  GtkWidget       *costs_clear_button;
  GtkWidget       *progress_box;
  GtkProgressBar  *progress_bar;
  GtkLabel        *status_label;
  GtkScrolledWindow *scroller;
  GtkBox          *results_box;

  GStrv            coordinators;  /* the coordinator row's choices after "Anyone" */
  GPtrArray       *unit_ids;      /* the unit row's after "Any unit" */
  char            *costs_file;
  GtkFileChooserNative *chooser;

  GCancellable    *cancellable;
  RunState        *run;
  PolkuReport     *report;
  JsonNode        *report_json;
  guint            threshold;
  guint            scroll_tick;   /* waits for the results' layout to scroll to them */
  gboolean         loading;
  gboolean         disposed;
};

G_DEFINE_FINAL_TYPE (PolkuReportsWindow, polku_reports_window, ADW_TYPE_WINDOW)

enum
{
  PROP_0,
  PROP_LOADING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum
{
  SIGNAL_EXPORTED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* Numbers as the app writes them */

typedef enum
{
  KIND_COUNT,
  KIND_MEAN,          /* one decimal */
  KIND_MEDIAN,        /* whole, or one decimal */
  KIND_PERCENT,       /* a share, one decimal */
  KIND_CHANGE,        /* a signed percent */
  KIND_SCORE,         /* one decimal */
  KIND_SCORE_CHANGE,  /* signed, one decimal */
  KIND_INDEX,         /* two decimals */
  KIND_EUROS,
} Kind;

/* @value as the app writes numbers (polku_number_format (): a decimal comma in Finnish and
 * Swedish), with a minus sign, and no "-0,0" for a small negative value. */
static char *
format_decimal (double value,
                int    decimals)
{
  double half = decimals == 0 ? 0.5 : decimals == 1 ? 0.05 : 0.005;
  g_autofree char *text = NULL;

  if (value < half && value > -half)
    value = 0;
  text = polku_number_format (value < 0 ? -value : value, decimals);
  return value < 0 ? g_strconcat ("−", text, NULL) : g_steal_pointer (&text);
}

static gboolean
is_whole (double value)
{
  double d = value - (double) (gint64) (value + (value < 0 ? -0.5 : 0.5));

  return d < 1e-9 && d > -1e-9;
}

static char *
format_value (double value,
              Kind   kind)
{
  g_autofree char *number = NULL;
  gboolean whole = is_whole (value);

  switch (kind)
    {
    case KIND_COUNT:
      return format_decimal (value, 0);
    case KIND_MEDIAN:
      return format_decimal (value, whole ? 0 : 1);
    case KIND_PERCENT:
      number = format_decimal (value, 1);
      /* Translators: a percentage, e.g. "68,5 %" */
      return g_strdup_printf (C_("percent", "%s %%"), number);
    case KIND_CHANGE:
      {
        g_autofree char *percent = NULL;

        number = format_decimal (value, 1);
        percent = g_strdup_printf (C_("percent", "%s %%"), number);
        return g_strdup_printf ("%s%s", value >= 0.05 ? "+" : "", percent);
      }
    case KIND_SCORE_CHANGE:
      number = format_decimal (value, 1);
      return g_strdup_printf ("%s%s", value >= 0.05 ? "+" : "", number);
    case KIND_INDEX:
      return format_decimal (value, 2);
    case KIND_EUROS:
      number = format_decimal (value, 0);
      /* Translators: an amount of money, e.g. "12 400 €" */
      return g_strdup_printf (C_("euros", "%s €"), number);
    case KIND_MEAN:
    case KIND_SCORE:
    default:
      return format_decimal (value, 1);
    }
}

/* JSON */

static double
number_member (JsonObject *object,
               const char *name)
{
  JsonNode *node = object != NULL ? json_object_get_member (object, name) : NULL;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return NAN;
  if (json_node_get_value_type (node) != G_TYPE_INT64
      && json_node_get_value_type (node) != G_TYPE_DOUBLE)
    return NAN;
  return json_node_get_double (node);
}

static guint
array_length (JsonArray *array)
{
  return array != NULL ? json_array_get_length (array) : 0;
}

static JsonObject *
array_object (JsonArray *array,
              guint      i)
{
  JsonNode *node = json_array_get_element (array, i);

  return JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
}

static gboolean
cell_is_suppressed (JsonObject *cell)
{
  JsonNode *suppressed = cell != NULL ? json_object_get_member (cell, "suppressed") : NULL;

  return suppressed != NULL && JSON_NODE_HOLDS_VALUE (suppressed)
         && json_node_get_boolean (suppressed);
}

/* The text of a CELL (see polku-report.h) and, for one not shown, why (@tooltip). */
static char *
cell_text (PolkuReportsWindow  *self,
           JsonObject          *cell,
           Kind                 kind,
           char               **tooltip)
{
  double value;

  *tooltip = NULL;
  if (cell_is_suppressed (cell))
    {
      JsonNode *complementary = json_object_get_member (cell, "complementary");
      const char *display = polku_json_get_string (cell, "display");

      if (complementary != NULL && JSON_NODE_HOLDS_VALUE (complementary)
          && json_node_get_boolean (complementary))
        *tooltip = g_strdup (_("Not shown: with the figures beside it, it would tell a figure "
                               "that is hidden because it rests on too few clients."));
      else
        *tooltip = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                 "Fewer than %u client: not shown, so that "
                                                 "no one can be recognised.",
                                                 "Fewer than %u clients: not shown, so that "
                                                 "no one can be recognised.",
                                                 self->threshold),
                                    self->threshold);
      return display != NULL ? g_strdup (display) : g_strdup_printf ("< %u", self->threshold);
    }
  value = number_member (cell, "value");
  if (isnan (value))
    {
      *tooltip = g_strdup (_("No figure: no clients to compute it from."));
      return g_strdup ("–");
    }
  return format_value (value, kind);
}

static char *
cell_text_plain (PolkuReportsWindow *self,
                 JsonObject         *cell,
                 Kind                kind)
{
  g_autofree char *tooltip = NULL;

  return cell_text (self, cell, kind, &tooltip);
}

/* Rows */

/* A row with a figure at its end: @cell in @kind, with its tooltip when not shown. Added to
 * @container: a GtkListBox or an AdwExpanderRow. */
static GtkWidget *
add_figure (PolkuReportsWindow *self,
            GtkWidget          *container,
            const char         *title,
            const char         *subtitle,
            JsonObject         *cell,
            Kind                kind)
{
  GtkWidget *row = adw_action_row_new ();
  g_autofree char *tooltip = NULL;
  g_autofree char *text = cell_text (self, cell, kind, &tooltip);
  GtkWidget *label = gtk_label_new (text);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  if (subtitle != NULL)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  gtk_widget_add_css_class (label, "numeric");
  gtk_label_set_selectable (GTK_LABEL (label), FALSE);
  if (tooltip != NULL)
    {
      gtk_widget_set_tooltip_text (label, tooltip);
      gtk_accessible_update_property (GTK_ACCESSIBLE (label),
                                      GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, tooltip, -1);
      if (polku_json_get_string (cell, "display") != NULL)
        gtk_widget_add_css_class (label, "dim-label");
    }
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), label);

  if (ADW_IS_EXPANDER_ROW (container))
    adw_expander_row_add_row (ADW_EXPANDER_ROW (container), row);
  else
    gtk_list_box_append (GTK_LIST_BOX (container), row);
  return row;
}

static GtkWidget *
add_expander (GtkWidget  *list,
              const char *title,
              const char *subtitle)
{
  GtkWidget *row = adw_expander_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  if (subtitle != NULL)
    adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (row), subtitle);
  gtk_list_box_append (GTK_LIST_BOX (list), row);
  return row;
}

/* "before → after" of two cells. */
static char *
pair_text (PolkuReportsWindow *self,
           JsonObject         *before,
           JsonObject         *after,
           Kind                kind)
{
  g_autofree char *b = cell_text_plain (self, before, kind);
  g_autofree char *a = cell_text_plain (self, after, kind);

  /* Translators: a figure before and after the plan, e.g. "2,1 → 1,4" */
  return g_strdup_printf (C_("before after", "%s → %s"), b, a);
}

static GtkWidget *
new_list (GtkWidget *parent)
{
  GtkWidget *list = gtk_list_box_new ();

  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  gtk_box_append (GTK_BOX (parent), list);
  return list;
}

/* A list left without rows is not shown (an empty frame would read as a broken table). */
static void
hide_if_empty (GtkWidget *list)
{
  gtk_widget_set_visible (list, gtk_widget_get_first_child (list) != NULL);
}

static GtkWidget *
add_label (GtkWidget  *parent,
           const char *text,
           const char *css_class)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  if (css_class != NULL)
    gtk_widget_add_css_class (label, css_class);
  gtk_box_append (GTK_BOX (parent), label);
  return label;
}

/* A section of the results: a heading, what it shows, then its charts and tables; to a
 * screen reader a group named by its heading. */
static GtkWidget *
add_section (GtkWidget  *parent,
             const char *title,
             const char *description)
{
  GtkWidget *box = g_object_new (GTK_TYPE_BOX,
                                 "orientation", GTK_ORIENTATION_VERTICAL,
                                 "spacing", 12,
                                 "accessible-role", GTK_ACCESSIBLE_ROLE_GROUP,
                                 NULL);
  GtkWidget *heading = g_object_new (GTK_TYPE_LABEL,
                                     "label", title,
                                     "wrap", TRUE,
                                     "wrap-mode", PANGO_WRAP_WORD_CHAR,
                                     "xalign", 0.0f,
                                     "accessible-role", GTK_ACCESSIBLE_ROLE_HEADING,
                                     NULL);

  gtk_widget_add_css_class (heading, "title-4");
  gtk_box_append (GTK_BOX (parent), box);
  gtk_box_append (GTK_BOX (box), heading);
  gtk_accessible_update_relation (GTK_ACCESSIBLE (box), GTK_ACCESSIBLE_RELATION_LABELLED_BY,
                                  heading, NULL, -1);
  if (description != NULL)
    add_label (box, description, "dim-label");
  return box;
}

static GtkWidget *
add_chart (PolkuReportsWindow *self,
           GtkWidget          *parent,
           const char         *chart,
           guint               months,
           const char         *description)
{
  GtkWidget *widget;

  if (!polku_report_chart_has_data (self->report_json, chart, months))
    return NULL;
  widget = polku_report_chart_new (chart, months, description);
  gtk_widget_add_css_class (widget, "card");
  gtk_widget_set_overflow (widget, GTK_OVERFLOW_HIDDEN);
  polku_report_chart_set_report (POLKU_REPORT_CHART (widget), self->report_json);
  gtk_box_append (GTK_BOX (parent), widget);
  return widget;
}

static const char *
label_or_id (JsonObject *object,
             const char *id_member)
{
  const char *label = polku_json_get_string (object, "label");

  if (label == NULL)
    label = polku_json_get_string (object, id_member);
  return label != NULL ? label : "";
}

/* The sections */

static void
show_summary (PolkuReportsWindow *self,
              JsonObject         *root)
{
  JsonObject *query = polku_json_get_object (root, "query");
  g_autofree char *from = polku_date_format_user (polku_json_get_string (query, "from"));
  g_autofree char *to = polku_date_format_user (polku_json_get_string (query, "to"));
  /* Translators: the period of a report, e.g. "Plans agreed 1.1.2024–31.12.2024" */
  g_autofree char *period = g_strdup_printf (_("Plans agreed %s–%s"), from, to);
  g_autofree char *threshold = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                             "Figures resting on fewer than %u "
                                                             "client are shown as “< %u”.",
                                                             "Figures resting on fewer than %u "
                                                             "clients are shown as “< %u”.",
                                                             self->threshold),
                                                self->threshold, self->threshold);
  GtkWidget *section = add_section (GTK_WIDGET (self->results_box), period, threshold);
  GtkWidget *list = new_list (section);

  add_figure (self, list, _("Clients in the report"),
              _("Plan agreed in the period, with the filters chosen"),
              polku_json_get_object (polku_json_get_object (root, "cohort"), "clients"), KIND_COUNT);
}

static void
show_cohort (PolkuReportsWindow *self,
             JsonObject         *root)
{
  JsonObject *cohort = polku_json_get_object (root, "cohort");
  JsonArray *periods = polku_json_get_array (cohort, "periods");
  GtkWidget *section = add_section (GTK_WIDGET (self->results_box), _("Who Is Counted"),
                                    _("A client counts for a period only when all its months "
                                      "after the plan are over. Those left out, and why:"));
  GtkWidget *list = new_list (section);

  for (guint i = 0; i < array_length (periods); i++)
    {
      JsonObject *period = array_object (periods, i);
      JsonArray *left_out = polku_json_get_array (period, "left_out");
      guint months = (guint) number_member (period, "months");
      g_autofree char *title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                             "%u month before and after",
                                                             "%u months before and after",
                                                             months), months);
      g_autofree char *included = cell_text_plain (self, polku_json_get_object (period, "included"),
                                                   KIND_COUNT);
      /* Translators: %s is a number of clients or "< 5" */
      g_autofree char *subtitle = g_strdup_printf (_("Included: %s"), included);
      GtkWidget *expander = add_expander (list, title, subtitle);

      add_figure (self, expander, _("Included"), NULL, polku_json_get_object (period, "included"),
                  KIND_COUNT);
      for (guint k = 0; k < array_length (left_out); k++)
        {
          JsonObject *reason = array_object (left_out, k);

          add_figure (self, expander, label_or_id (reason, "reason"), _("Left out"),
                      polku_json_get_object (reason, "n"), KIND_COUNT);
        }
    }
  hide_if_empty (list);
}

static void
show_before_after_period (PolkuReportsWindow *self,
                          GtkWidget          *page,
                          JsonObject         *period)
{
  JsonArray *categories = polku_json_get_array (period, "categories");
  guint months = (guint) number_member (period, "months");
  g_autofree char *description = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                               "Bar chart: contacts per client "
                                                               "in each category, %u month "
                                                               "before and after the plan",
                                                               "Bar chart: contacts per client "
                                                               "in each category, %u months "
                                                               "before and after the plan",
                                                               months), months);
  JsonObject *clients = polku_json_get_object (period, "clients");
  GtkWidget *list = new_list (page);
  g_autofree char *why = NULL;

  /* A period whose clients are hidden hides every figure (and one with none has none): a
   * chart and a table of nothing but "< 5" or "–" would only have to be scrolled past. Said
   * in the row's subtitle: a wrapping label of its own in the stack's page would make the
   * stack measure it one line wide (GTK 4.8). */
  if (cell_is_suppressed (clients))
    why = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                        "Fewer than %u client is included in this period, so "
                                        "none of its figures are shown.",
                                        "Fewer than %u clients are included in this period, so "
                                        "none of its figures are shown.",
                                        self->threshold),
                           self->threshold);
  else if (number_member (clients, "value") == 0)
    why = g_strdup (_("No client’s period after the plan is over yet: there is nothing to "
                      "compare."));
  add_figure (self, list, _("Clients included"), why, clients, KIND_COUNT);
  if (why != NULL)
    return;
  add_chart (self, page, POLKU_REPORT_CHART_BEFORE_AFTER, months, description);
  list = new_list (page);
  for (guint i = 0; i < array_length (categories); i++)
    {
      JsonObject *category = array_object (categories, i);
      JsonObject *before = polku_json_get_object (category, "before");
      JsonObject *after = polku_json_get_object (category, "after");
      g_autofree char *means = pair_text (self, polku_json_get_object (before, "mean"),
                                          polku_json_get_object (after, "mean"), KIND_MEAN);
      /* Translators: %s is e.g. "2,1 → 1,4" */
      g_autofree char *subtitle = g_strdup_printf (_("Per client: %s"), means);
      GtkWidget *expander = add_expander (list, label_or_id (category, "id"), subtitle);

      add_figure (self, expander, _("Mean per client before"), NULL,
                  polku_json_get_object (before, "mean"), KIND_MEAN);
      add_figure (self, expander, _("Mean per client after"), NULL,
                  polku_json_get_object (after, "mean"), KIND_MEAN);
      add_figure (self, expander, _("Median per client before"), NULL,
                  polku_json_get_object (before, "median"), KIND_MEDIAN);
      add_figure (self, expander, _("Median per client after"), NULL,
                  polku_json_get_object (after, "median"), KIND_MEDIAN);
      add_figure (self, expander, _("Total before"), NULL, polku_json_get_object (before, "total"),
                  KIND_COUNT);
      add_figure (self, expander, _("Total after"), NULL, polku_json_get_object (after, "total"),
                  KIND_COUNT);
      add_figure (self, expander, _("Change in the total"), NULL,
                  polku_json_get_object (category, "change_percent"), KIND_CHANGE);
      add_figure (self, expander, _("Clients whose use fell"), NULL,
                  polku_json_get_object (category, "share_fell"), KIND_PERCENT);
    }
}

static void
on_period_selected (AdwComboRow *choice,
                    GParamSpec  *pspec,
                    GtkStack    *stack)
{
  g_autofree char *name = g_strdup_printf ("%u", adw_combo_row_get_selected (choice));

  gtk_stack_set_visible_child_name (stack, name);
}

static void
show_before_after (PolkuReportsWindow *self,
                   JsonObject         *root)
{
  JsonArray *periods = polku_json_get_array (root, "before_after");
  GtkWidget *section = add_section (GTK_WIDGET (self->results_box), _("Before and After"),
                                    _("Contacts in the months before the plan was agreed and "
                                      "in as many months after it, for the clients whose "
                                      "months after are over."));
  GtkWidget *stack = gtk_stack_new ();
  GtkWidget *choice = adw_combo_row_new ();
  g_autoptr(GtkStringList) titles = gtk_string_list_new (NULL);

  /* A choice row rather than a stack switcher: three switcher buttons do not fit 360 px. */
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (choice), _("Months before and after"));
  gtk_list_box_append (GTK_LIST_BOX (new_list (section)), choice);
  gtk_stack_set_vhomogeneous (GTK_STACK (stack), FALSE);
  gtk_box_append (GTK_BOX (section), stack);

  for (guint i = 0; i < array_length (periods); i++)
    {
      JsonObject *period = array_object (periods, i);
      guint months = (guint) number_member (period, "months");
      g_autofree char *name = g_strdup_printf ("%u", i);
      g_autofree char *title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u month",
                                                             "%u months", months), months);
      GtkWidget *page = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);

      show_before_after_period (self, page, period);
      gtk_stack_add_titled (GTK_STACK (stack), page, name, title);
      gtk_string_list_append (titles, title);
    }
  adw_combo_row_set_model (ADW_COMBO_ROW (choice), G_LIST_MODEL (titles));
  g_signal_connect_object (choice, "notify::selected", G_CALLBACK (on_period_selected), stack,
                           0);
  if (array_length (periods) == 0)
    {
      gtk_widget_set_visible (gtk_widget_get_parent (choice), FALSE);
      add_label (section, _("No client of the report has a complete period after the plan."),
                 NULL);
    }
}

static void
show_continuity (PolkuReportsWindow *self,
                 JsonObject         *root)
{
  JsonArray *rows = polku_json_get_array (root, "continuity");
  GtkWidget *section = add_section (GTK_WIDGET (self->results_box), _("Continuity of Care"),
                                    _("How concentrated non-urgent doctor and nurse visits "
                                      "were on the same professionals (COCI, UPC: 0 to 1), the "
                                      "median over clients with at least two such visits."));
  GtkWidget *list = new_list (section);

  for (guint i = 0; i < array_length (rows); i++)
    {
      JsonObject *row = array_object (rows, i);
      JsonObject *before = polku_json_get_object (row, "before");
      JsonObject *after = polku_json_get_object (row, "after");
      guint months = (guint) number_member (row, "months");
      const char *index = polku_json_get_string (row, "index");
      /* Translators: a continuity index and a period, e.g. "COCI, 6 months" */
      g_autofree char *title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s, %u month",
                                                             "%s, %u months", months),
                                                index != NULL ? index : "", months);
      g_autofree char *medians = pair_text (self, polku_json_get_object (before, "median"),
                                            polku_json_get_object (after, "median"), KIND_INDEX);
      /* Translators: %s is e.g. "0,45 → 0,60" */
      g_autofree char *subtitle = g_strdup_printf (_("Median: %s"), medians);
      GtkWidget *expander = add_expander (list, title, subtitle);

      add_figure (self, expander, _("Median before"), NULL, polku_json_get_object (before, "median"),
                  KIND_INDEX);
      add_figure (self, expander, _("Median after"), NULL, polku_json_get_object (after, "median"),
                  KIND_INDEX);
      add_figure (self, expander, _("Clients with at least two visits before"), NULL,
                  polku_json_get_object (before, "n"), KIND_COUNT);
      add_figure (self, expander, _("Clients with at least two visits after"), NULL,
                  polku_json_get_object (after, "n"), KIND_COUNT);
    }
  hide_if_empty (list);
}

static void
show_whoqol (PolkuReportsWindow *self,
             JsonObject         *root)
{
  JsonObject *whoqol = polku_json_get_object (root, "whoqol");
  JsonArray *domains = polku_json_get_array (whoqol, "domains");
  JsonArray *over_time = polku_json_get_array (whoqol, "over_time");
  GtkWidget *section = add_section (GTK_WIDGET (self->results_box), _("Quality of Life"),
                                    _("WHOQOL-BREF domain scores (0–100): the baseline against "
                                      "the latest follow-up of the same clients, and the means "
                                      "over time from the agreed plan."));
  GtkWidget *list;

  add_chart (self, section, POLKU_REPORT_CHART_WHOQOL, 0,
             _("Line chart: WHOQOL-BREF domain means over the months from the agreed plan"));
  list = new_list (section);
  for (guint i = 0; i < array_length (domains); i++)
    {
      JsonObject *domain = array_object (domains, i);
      g_autofree char *change = cell_text_plain (self, polku_json_get_object (domain, "mean_change"),
                                                 KIND_SCORE_CHANGE);
      /* Translators: %s is a change of a score, e.g. "+6,2" */
      g_autofree char *subtitle = g_strdup_printf (_("Mean change: %s"), change);
      GtkWidget *expander = add_expander (list, label_or_id (domain, "id"), subtitle);

      add_figure (self, expander, _("Baseline mean"), NULL,
                  polku_json_get_object (domain, "baseline_mean"), KIND_SCORE);
      add_figure (self, expander, _("Latest follow-up mean"), NULL,
                  polku_json_get_object (domain, "latest_mean"), KIND_SCORE);
      add_figure (self, expander, _("Mean change"), NULL,
                  polku_json_get_object (domain, "mean_change"), KIND_SCORE_CHANGE);
      add_figure (self, expander, _("Clients with both"), NULL,
                  polku_json_get_object (domain, "pairs"), KIND_COUNT);
    }
  add_figure (self, list, _("Median days from baseline to follow-up"), NULL,
              polku_json_get_object (whoqol, "interval_days_median"), KIND_MEDIAN);
  add_figure (self, list, _("Assessments not scored"), _("Too many questions unanswered"),
              polku_json_get_object (whoqol, "discarded"), KIND_COUNT);
  if (polku_json_get_object (whoqol, "unpaired") != NULL)
    add_figure (self, list, _("Clients with a baseline and no follow-up"), NULL,
                polku_json_get_object (whoqol, "unpaired"), KIND_COUNT);

  /* The chart's own figures. */
  if (array_length (over_time) > 0)
    {
      GtkWidget *expander = add_expander (list, _("Means over time"),
                                          _("The figures of the chart"));

      for (guint i = 0; i < array_length (over_time); i++)
        {
          JsonObject *point = array_object (over_time, i);
          const char *id = polku_json_get_string (point, "domain");
          const char *label = id;
          guint months = (guint) number_member (point, "months");
          g_autofree char *n = cell_text_plain (self, polku_json_get_object (point, "n"), KIND_COUNT);
          g_autofree char *title = NULL;
          /* Translators: %s is a number of clients or "< 5" */
          g_autofree char *subtitle = g_strdup_printf (_("Clients: %s"), n);

          for (guint d = 0; d < array_length (domains); d++)
            if (g_strcmp0 (polku_json_get_string (array_object (domains, d), "id"), id) == 0)
              label = label_or_id (array_object (domains, d), "id");
          /* Translators: a domain at a time, e.g. "Physical health, 6 months" */
          title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s, %u month",
                                                "%s, %u months", months),
                                   label != NULL ? label : "", months);
          add_figure (self, expander, title, subtitle, polku_json_get_object (point, "mean"),
                      KIND_SCORE);
        }
    }
}

static void
show_satisfaction (PolkuReportsWindow *self,
                   JsonObject         *root)
{
  JsonArray *years = polku_json_get_array (polku_json_get_object (root, "satisfaction"), "years");
  GtkWidget *section = add_section (GTK_WIDGET (self->results_box), _("Client Satisfaction"),
                                    _("Each client’s latest answer in the year."));
  GtkWidget *list = new_list (section);

  for (guint i = 0; i < array_length (years); i++)
    {
      JsonObject *year = array_object (years, i);
      JsonArray *categories = polku_json_get_array (year, "categories");
      g_autofree char *title = g_strdup_printf ("%.0f", number_member (year, "year"));
      g_autofree char *n = cell_text_plain (self, polku_json_get_object (year, "n"), KIND_COUNT);
      /* Translators: %s is the number of answers or "< 5" */
      g_autofree char *subtitle = g_strdup_printf (_("Answers: %s"), n);
      GtkWidget *expander = add_expander (list, title, subtitle);

      add_figure (self, expander, _("Answers"), NULL, polku_json_get_object (year, "n"), KIND_COUNT);
      for (guint k = 0; k < array_length (categories); k++)
        {
          JsonObject *category = array_object (categories, k);

          add_figure (self, expander, label_or_id (category, "id"), NULL,
                      polku_json_get_object (category, "share"), KIND_PERCENT);
        }
    }
  hide_if_empty (list);
  if (array_length (years) == 0)
    add_label (section, _("No client of the report has answered the question."), NULL);
}

static void
add_cost_rows (PolkuReportsWindow *self,
               GtkWidget          *list,
               const char         *title,
               JsonObject         *object)
{
  g_autofree char *pair = pair_text (self, polku_json_get_object (object, "before"),
                                     polku_json_get_object (object, "after"), KIND_EUROS);
  GtkWidget *expander = add_expander (list, title, pair);

  add_figure (self, expander, C_("costs", "Before"), NULL, polku_json_get_object (object, "before"),
              KIND_EUROS);
  add_figure (self, expander, C_("costs", "After"), NULL, polku_json_get_object (object, "after"), KIND_EUROS);
}

static void
show_costs (PolkuReportsWindow *self,
            JsonObject         *root)
{
  JsonObject *costs = polku_json_get_object (root, "costs");
  JsonArray *sectors = polku_json_get_array (costs, "sectors");
  g_autofree char *description = NULL;
  GtkWidget *section, *list;

  if (costs == NULL)
    {
      section = add_section (GTK_WIDGET (self->results_box), _("Costs"), NULL);
      add_label (section, _("Choose the county’s unit costs above to see the contacts as "
                            "costs before and after the plan."), "dim-label");
      return;
    }
  description = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                              "Unit costs from %s, %u month before and after "
                                              "the plan.",
                                              "Unit costs from %s, %u months before and after "
                                              "the plan.",
                                              (gulong) number_member (costs, "months")),
                                 polku_json_get_string (costs, "file") != NULL
                                 ? polku_json_get_string (costs, "file") : "",
                                 (guint) number_member (costs, "months"));
  section = add_section (GTK_WIDGET (self->results_box), _("Costs"), description);
  list = new_list (section);
  for (guint i = 0; i < array_length (sectors); i++)
    {
      JsonObject *sector = array_object (sectors, i);

      add_cost_rows (self, list, label_or_id (sector, "sector"), sector);
    }
  if (polku_json_get_object (costs, "total") != NULL)
    add_cost_rows (self, list, _("Total"), polku_json_get_object (costs, "total"));
}

static void
add_parts (PolkuReportsWindow *self,
           GtkWidget          *list,
           const char         *title,
           JsonArray          *parts,
           const char         *id_member,
           JsonObject         *total)
{
  g_autofree char *total_text = total != NULL ? cell_text_plain (self, total, KIND_COUNT)
                                              : NULL;
  /* Translators: %s is a number of clients or "< 5" */
  g_autofree char *subtitle = total_text != NULL ? g_strdup_printf (_("In all: %s"),
                                                                    total_text)
                                                 : NULL;
  GtkWidget *expander = add_expander (list, title, subtitle);

  for (guint i = 0; i < array_length (parts); i++)
    {
      JsonObject *part = array_object (parts, i);

      add_figure (self, expander, label_or_id (part, id_member), NULL,
                  polku_json_get_object (part, "n"), KIND_COUNT);
    }
  if (total != NULL)
    add_figure (self, expander, _("In all"), NULL, total, KIND_COUNT);
}

static void
show_process (PolkuReportsWindow *self,
              JsonObject         *root)
{
  JsonObject *process = polku_json_get_object (root, "process");
  JsonObject *consent = polku_json_get_object (process, "consent");
  JsonObject *days = polku_json_get_object (process, "median_days");
  JsonArray *caseload = polku_json_get_array (process, "caseload");
  GtkWidget *section = add_section (GTK_WIDGET (self->results_box), _("The Process"),
                                    _("Clients identified in the period, and the work as it "
                                      "is today."));
  GtkWidget *list = new_list (section);
  GtkWidget *expander;

  add_figure (self, list, _("Clients identified"), NULL, polku_json_get_object (process, "clients"),
              KIND_COUNT);
  add_parts (self, list, _("Identified by"), polku_json_get_array (process, "identified_by_sector"),
             "sector", NULL);

  expander = add_expander (list, _("Consent"), NULL);
  add_figure (self, expander, C_("consent", "Given"), NULL, polku_json_get_object (consent, "given"), KIND_COUNT);
  add_figure (self, expander, C_("consent", "Declined"), NULL, polku_json_get_object (consent, "declined"),
              KIND_COUNT);
  if (polku_json_get_object (consent, "no_decision") != NULL)
    add_figure (self, expander, _("No decision yet"), NULL,
                polku_json_get_object (consent, "no_decision"), KIND_COUNT);

  expander = add_expander (list, _("Median days from identification"), NULL);
  add_figure (self, expander, _("To the first contact"), NULL,
              polku_json_get_object (days, "to_first_contact"), KIND_MEDIAN);
  add_figure (self, expander, _("To the mapping visit"), NULL,
              polku_json_get_object (days, "to_mapping_visit"), KIND_MEDIAN);
  add_figure (self, expander, _("To the agreed plan"), NULL,
              polku_json_get_object (days, "to_agreed_plan"), KIND_MEDIAN);

  add_figure (self, list, _("Reviews overdue"), NULL, polku_json_get_object (process, "overdue_reviews"),
              KIND_COUNT);
  add_parts (self, list, _("Closures by reason"), polku_json_get_array (process, "closures"), "code",
             polku_json_get_object (process, "closures_total"));
  add_figure (self, list, _("Waiting for a coordinator"), NULL,
              polku_json_get_object (process, "queue"), KIND_COUNT);

  /* The caseload: its chart, then its table, in a section of its own (a heading a screen
   * reader lists, and the space between sections). */
  section = add_section (GTK_WIDGET (self->results_box), _("Caseload"), NULL);
  add_chart (self, section, POLKU_REPORT_CHART_CASELOAD, 0,
             _("Bar chart: open cases per coordinator"));
  list = new_list (section);
  for (guint i = 0; i < array_length (caseload); i++)
    {
      JsonObject *entry = array_object (caseload, i);
      const char *name = polku_json_get_string (entry, "coordinator");

      add_figure (self, list, name != NULL ? name : "", NULL, polku_json_get_object (entry, "clients"),
                  KIND_COUNT);
    }
  add_figure (self, list, _("Open cases in all"), NULL,
              polku_json_get_object (process, "caseload_total"), KIND_COUNT);
}

static void
clear_results (PolkuReportsWindow *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->results_box))) != NULL)
    gtk_box_remove (self->results_box, child);
  gtk_widget_set_visible (GTK_WIDGET (self->results_box), FALSE);
}

static void
show_results (PolkuReportsWindow *self)
{
  JsonObject *root = json_node_get_object (self->report_json);

  clear_results (self);
  self->threshold = (guint) MAX (number_member (polku_json_get_object (root, "query"), "threshold"),
                                 1);
  show_summary (self, root);
  show_cohort (self, root);
  show_before_after (self, root);
  show_continuity (self, root);
  show_whoqol (self, root);
  show_satisfaction (self, root);
  show_costs (self, root);
  show_process (self, root);
  gtk_widget_set_visible (GTK_WIDGET (self->results_box), TRUE);
}

/* State */

static void
update_actions (PolkuReportsWindow *self)
{
  GtkWidget *widget = GTK_WIDGET (self);

  gtk_widget_action_set_enabled (widget, "reports.run", !self->loading && self->store != NULL);
  gtk_widget_action_set_enabled (widget, "reports.cancel", self->loading);
  gtk_widget_action_set_enabled (widget, "reports.export",
                                 !self->loading && self->report != NULL);
  gtk_widget_set_sensitive (GTK_WIDGET (self->export_button),
                            !self->loading && self->report != NULL);
}

static void
set_loading (PolkuReportsWindow *self,
             gboolean            loading)
{
  if (self->loading == loading)
    return;
  self->loading = loading;
  gtk_widget_set_visible (self->progress_box, loading);
  update_actions (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
}

static void
set_status (PolkuReportsWindow *self,
            gboolean            is_error,
            const char         *text)
{
  gtk_label_set_text (self->status_label, text != NULL ? text : "");
  gtk_widget_set_visible (GTK_WIDGET (self->status_label), text != NULL);
  if (is_error)
    gtk_widget_add_css_class (GTK_WIDGET (self->status_label), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->status_label), "error");
}

static void
on_entry_changed (GtkEditable *editable)
{
  gtk_widget_remove_css_class (GTK_WIDGET (editable), "error");
}

/* The query */

static char *
trimmed_text (AdwEntryRow *row)
{
  char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row))));

  if (*text == '\0')
    g_clear_pointer (&text, g_free);
  return text;
}

static PolkuReportQuery *
read_query (PolkuReportsWindow  *self,
            GError             **error)
{
  g_autoptr(PolkuReportQuery) query = polku_report_query_new ();
  guint coordinator = adw_combo_row_get_selected (self->coordinator_row);
  guint unit = adw_combo_row_get_selected (self->unit_row);
  guint age = adw_combo_row_get_selected (self->age_row);
  guint sector = adw_combo_row_get_selected (self->sector_row);
  const char * const *sectors = polku_case_sign_sector_codes ();

  query->from = polku_date_row_read (self->from_row, error);
  if (query->from == NULL)
    return NULL;
  query->to = polku_date_row_read (self->to_row, error);
  if (query->to == NULL)
    return NULL;
  if (coordinator > 0 && coordinator <= g_strv_length (self->coordinators))
    query->coordinator = g_strdup (self->coordinators[coordinator - 1]);
  if (unit > 0 && unit <= self->unit_ids->len)
    query->unit = g_strdup (g_ptr_array_index (self->unit_ids, unit - 1));
  query->municipality = trimmed_text (self->municipality_row);
  if (age < G_N_ELEMENTS (age_bands))
    {
      query->age_min = age_bands[age].min;
      query->age_max = age_bands[age].max;
    }
  if (sector > 0 && sector <= g_strv_length ((GStrv) sectors))
    query->sector = g_strdup (sectors[sector - 1]);
  switch (adw_combo_row_get_selected (self->cases_row))
    {
    case 1:
      query->closed = 0;
      break;
    case 2:
      query->closed = 1;
      break;
    default:
      query->closed = -1;
      break;
    }
  query->threshold = (guint) gtk_spin_button_get_value_as_int (self->threshold_spin);
  query->costs_file = g_strdup (self->costs_file);
  query->language = g_strdup (polku_checklist_ui_language ());
  if (!polku_report_query_validate (query, error))
    return NULL;
  return g_steal_pointer (&query);
}

/* Running the report */

static void
run_state_unref (RunState *state)
{
  g_atomic_rc_box_release (state);
}

static gboolean
progress_idle (gpointer data)
{
  RunState *state = data;

  g_atomic_int_set (&state->pending, 0);
  if (state->window != NULL)
    gtk_progress_bar_set_fraction (state->window->progress_bar,
                                   g_atomic_int_get (&state->permille) / 1000.0);
  return G_SOURCE_REMOVE;
}

/* In the worker thread: at most one idle waits at a time, however often this is called. */
static void
on_progress (double   fraction,
             gpointer data)
{
  RunState *state = data;

  g_atomic_int_set (&state->permille, (int) (CLAMP (fraction, 0, 1) * 1000));
  if (g_atomic_int_compare_and_exchange (&state->pending, 0, 1))
    g_idle_add_full (G_PRIORITY_DEFAULT, progress_idle, g_atomic_rc_box_acquire (state),
                     (GDestroyNotify) run_state_unref);
}

typedef struct
{
  PolkuStore       *store;
  PolkuReportQuery *query;
  RunState         *state;
} RunData;

static void
run_data_free (RunData *data)
{
  g_clear_object (&data->store);
  g_clear_pointer (&data->query, polku_report_query_free);
  g_clear_pointer (&data->state, run_state_unref);
  g_free (data);
}

typedef struct
{
  PolkuReport *report;
  JsonNode    *json;
} RunResult;

static void
run_result_free (RunResult *result)
{
  g_clear_pointer (&result->report, polku_report_free);
  g_clear_pointer (&result->json, json_node_unref);
  g_free (result);
}

static void
run_thread (GTask        *task,
            gpointer      source_object,
            gpointer      task_data,
            GCancellable *cancellable)
{
  RunData *data = task_data;
  g_autoptr(GError) error = NULL;
  RunResult *result;
  PolkuReport *report = polku_report_run (data->store, data->query, on_progress, data->state,
                                          cancellable, &error);

  if (report == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  result = g_new0 (RunResult, 1);
  result->report = report;
  result->json = polku_report_to_json (report);
  g_task_return_pointer (task, result, (GDestroyNotify) run_result_free);
}

/* Once the new results are laid out, scrolls so that they start at the top of the view: below
 * the filters they would otherwise appear out of sight, and nothing would seem to happen. */
static gboolean
scroll_tick (GtkWidget     *widget,
             GdkFrameClock *clock,
             gpointer       user_data)
{
  PolkuReportsWindow *self = POLKU_REPORTS_WINDOW (widget);
  GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (self->scroller);
  GtkWidget *content = gtk_scrolled_window_get_child (self->scroller);
  graphene_point_t top;

  if (!gtk_widget_get_mapped (GTK_WIDGET (self->results_box))
      || gtk_widget_get_height (GTK_WIDGET (self->results_box)) == 0
      || !gtk_widget_compute_point (GTK_WIDGET (self->results_box), content,
                                    &GRAPHENE_POINT_INIT (0, 0), &top))
    return G_SOURCE_CONTINUE;
  /* Laid out: the content is at least as tall as where the results start. */
  if (gtk_adjustment_get_upper (adjustment) < top.y)
    return G_SOURCE_CONTINUE;
  self->scroll_tick = 0;
  gtk_adjustment_set_value (adjustment, MAX (top.y - 12, 0));
  return G_SOURCE_REMOVE;
}

static void
scroll_to_results (PolkuReportsWindow *self)
{
  if (self->scroll_tick == 0)
    self->scroll_tick = gtk_widget_add_tick_callback (GTK_WIDGET (self), scroll_tick, NULL,
                                                      NULL);
}

static void
run_done (GObject      *object,
          GAsyncResult *async_result,
          gpointer      user_data)
{
  PolkuReportsWindow *self = POLKU_REPORTS_WINDOW (object);
  RunData *data = g_task_get_task_data (G_TASK (async_result));
  g_autoptr(GError) error = NULL;
  RunResult *result = g_task_propagate_pointer (G_TASK (async_result), &error);

  data->state->window = NULL;
  if (self->disposed || data->state != self->run)
    {
      g_clear_pointer (&result, run_result_free);
      return;
    }
  g_clear_pointer (&self->run, run_state_unref);
  g_clear_object (&self->cancellable);
  set_loading (self, FALSE);

  if (result == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED)
          || g_error_matches (error, POLKU_REPORT_ERROR, POLKU_REPORT_ERROR_CANCELLED))
        set_status (self, FALSE, _("The report was cancelled."));
      else
        set_status (self, TRUE, error->message);
      return;
    }

  g_clear_pointer (&self->report, polku_report_free);
  g_clear_pointer (&self->report_json, json_node_unref);
  self->report = g_steal_pointer (&result->report);
  self->report_json = g_steal_pointer (&result->json);
  run_result_free (result);
  set_status (self, FALSE, NULL);
  show_results (self);
  update_actions (self);
  scroll_to_results (self);
}

static void
run_activated (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  PolkuReportsWindow *self = POLKU_REPORTS_WINDOW (widget);
  g_autoptr(GError) error = NULL;
  g_autoptr(GTask) task = NULL;
  PolkuReportQuery *query;
  RunData *data;

  if (self->loading || self->store == NULL)
    return;
  query = read_query (self, &error);
  if (query == NULL)
    {
      set_status (self, TRUE, error->message);
      return;
    }

  self->cancellable = g_cancellable_new ();
  self->run = g_atomic_rc_box_new0 (RunState);
  self->run->window = self;
  data = g_new0 (RunData, 1);
  data->store = g_object_ref (self->store);
  data->query = query;
  data->state = g_atomic_rc_box_acquire (self->run);

  task = g_task_new (self, self->cancellable, run_done, NULL);
  g_task_set_source_tag (task, run_activated);
  g_task_set_task_data (task, data, (GDestroyNotify) run_data_free);
  gtk_progress_bar_set_fraction (self->progress_bar, 0);
  set_status (self, FALSE, NULL);
  set_loading (self, TRUE);
  g_task_run_in_thread (task, run_thread);
}

static void
cancel_activated (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  PolkuReportsWindow *self = POLKU_REPORTS_WINDOW (widget);

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
}

/* The unit-cost file */

static void
set_costs_file (PolkuReportsWindow *self,
                const char         *path)
{
  g_autofree char *name = path != NULL ? g_filename_display_basename (path) : NULL;

  g_free (self->costs_file);
  self->costs_file = g_strdup (path);
  adw_action_row_set_subtitle (self->costs_row,
                               name != NULL ? name : _("None: no costs in the report"));
  gtk_widget_set_visible (self->costs_clear_button, path != NULL);
}

static void
on_costs_response (GtkNativeDialog    *dialog,
                   int                 response,
                   PolkuReportsWindow *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
      g_autofree char *path = file != NULL ? g_file_get_path (file) : NULL;

      if (path != NULL)
        set_costs_file (self, path);
    }
  g_clear_object (&self->chooser);
}

static void
choose_costs_activated (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  PolkuReportsWindow *self = POLKU_REPORTS_WINDOW (widget);
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

  if (self->chooser != NULL)
    return;
  self->chooser = gtk_file_chooser_native_new (_("Choose the County’s Unit Costs"),
                                               GTK_WINDOW (self),
                                               GTK_FILE_CHOOSER_ACTION_OPEN, _("_Choose"),
                                               NULL);
  gtk_file_filter_set_name (filter, _("Unit costs (JSON)"));
  gtk_file_filter_add_pattern (filter, "*.json");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), filter);
  g_signal_connect (self->chooser, "response", G_CALLBACK (on_costs_response), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

static void
clear_costs_activated (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  set_costs_file (POLKU_REPORTS_WINDOW (widget), NULL);
}

/* Export */

typedef struct
{
  PolkuStore  *store;
  PolkuReport *report;
  char        *format;
  GFile       *file;
} ExportData;

static void
export_data_free (ExportData *data)
{
  g_clear_object (&data->store);
  g_clear_pointer (&data->report, polku_report_free);
  g_clear_pointer (&data->format, g_free);
  g_clear_object (&data->file);
  g_free (data);
}

/* Writes to a temporary beside the file and replaces it only when everything was written:
 * a failure leaves the file as it was (closing a cancelled stream drops the temporary). */
static gboolean
write_stream (ExportData    *data,
              GBytes        *key,
              GCancellable  *cancellable,
              GError       **error)
{
  g_autoptr(GFileOutputStream) out = NULL;
  g_autoptr(GCancellable) abandon = g_cancellable_new ();
  GOutputStream *stream;
  gboolean ok;

  /* Private: the CSV holds a row per client, pseudonymised but still theirs. */
  out = g_file_replace (data->file, NULL, FALSE,
                        G_FILE_CREATE_PRIVATE | G_FILE_CREATE_REPLACE_DESTINATION, cancellable,
                        error);
  if (out == NULL)
    return FALSE;
  stream = G_OUTPUT_STREAM (out);

  if (g_str_equal (data->format, "csv"))
    ok = polku_report_write_csv (data->report, g_bytes_get_data (key, NULL),
                                 g_bytes_get_size (key), stream, error);
  else if (g_str_equal (data->format, "json"))
    ok = polku_report_write_json (data->report, stream, error);
  else
    {
      g_autoptr(JsonNode) bundle = polku_report_to_fhir (data->report);
      g_autoptr(JsonGenerator) generator = json_generator_new ();

      json_generator_set_root (generator, bundle);
      json_generator_set_pretty (generator, TRUE);
      ok = json_generator_to_stream (generator, stream, cancellable, error)
           && g_output_stream_write_all (stream, "\n", 1, NULL, cancellable, error);
    }
  if (!ok)
    {
      g_cancellable_cancel (abandon);
      g_output_stream_close (stream, abandon, NULL);
      return FALSE;
    }
  return g_output_stream_close (stream, cancellable, error);
}

static void
export_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  ExportData *data = task_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) key = NULL;
  g_autofree char *fingerprint = NULL;
  g_autofree char *path = g_file_get_path (data->file);

  if (g_str_equal (data->format, "pdf") && path == NULL)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED, "%s",
                               _("A PDF can only be saved to a folder on this computer. "
                                 "Choose another folder."));
      return;
    }
  if (g_str_equal (data->format, "csv"))
    {
      key = polku_county_key_lookup (NULL, cancellable, &error);
      if (key == NULL)
        {
          g_task_return_error (task, g_steal_pointer (&error));
          return;
        }
      fingerprint = polku_county_key_fingerprint (key);
    }

  /* In the log before anything is written. */
  if (!polku_report_export_record (data->store, data->report, data->format, fingerprint,
                                    &error)
      || (g_str_equal (data->format, "pdf")
          ? !polku_report_write_pdf (data->report, polku_report_get_language (data->report),
                                     path, &error)
          : !write_stream (data, key, cancellable, &error)))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  g_task_return_boolean (task, TRUE);
}

static void
export_done (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  PolkuReportsWindow *self = POLKU_REPORTS_WINDOW (object);
  ExportData *data = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  gboolean ok = g_task_propagate_boolean (G_TASK (result), &error);

  if (!self->disposed)
    {
      if (ok)
        {
          g_autofree char *name = g_file_get_basename (data->file);
          g_autofree char *shown = g_filename_display_name (name);
          /* Translators: %s is a file name */
          g_autofree char *title = g_strdup_printf (_("The report was saved as %s."), shown);
          /* A toast's title is markup (libadwaita 1.2 cannot turn that off). */
          g_autofree char *markup = g_markup_escape_text (title, -1);

          adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (markup));
        }
      else
        polku_error_dialog_present (GTK_WIDGET (self), _("The Report Could Not Be Exported"),
                                    error);
    }
  g_signal_emit (self, signals[SIGNAL_EXPORTED], 0, data->format, ok);
}

void
polku_reports_window_export_to (PolkuReportsWindow *self,
                                const char         *format,
                                GFile              *file)
{
  g_autoptr(GTask) task = NULL;
  ExportData *data;

  g_return_if_fail (POLKU_IS_REPORTS_WINDOW (self));
  g_return_if_fail (format != NULL);
  g_return_if_fail (G_IS_FILE (file));
  g_return_if_fail (self->report != NULL);

  data = g_new0 (ExportData, 1);
  data->store = g_object_ref (self->store);
  data->report = polku_report_ref (self->report);
  data->format = g_strdup (format);
  data->file = g_object_ref (file);
  task = g_task_new (self, NULL, export_done, NULL);
  g_task_set_source_tag (task, polku_reports_window_export_to);
  g_task_set_task_data (task, data, (GDestroyNotify) export_data_free);
  g_task_run_in_thread (task, export_thread);
}

static void
on_export_response (GtkNativeDialog    *dialog,
                    int                 response,
                    PolkuReportsWindow *self)
{
  if (response == GTK_RESPONSE_ACCEPT && self->report != NULL)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
      const char *format = g_object_get_data (G_OBJECT (dialog), "polku-format");

      if (file != NULL)
        polku_reports_window_export_to (self, format, file);
    }
  g_clear_object (&self->chooser);
}

static void
export_activated (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  PolkuReportsWindow *self = POLKU_REPORTS_WINDOW (widget);
  const char *format = g_variant_get_string (parameter, NULL);
  const PolkuReportQuery *query;
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  g_autofree char *name = NULL;
  const char *title;

  if (self->report == NULL || self->chooser != NULL)
    return;
  /* The chooser lists the files of the kind saved, so that an earlier export is found. */
  if (g_str_equal (format, "pdf"))
    {
      title = _("Save the Report as PDF");
      gtk_file_filter_set_name (filter, _("PDF documents"));
      gtk_file_filter_add_suffix (filter, "pdf");
    }
  else if (g_str_equal (format, "csv"))
    {
      title = _("Save the Pseudonymised CSV");
      gtk_file_filter_set_name (filter, _("CSV files"));
      gtk_file_filter_add_suffix (filter, "csv");
    }
  else if (g_str_equal (format, "json") || g_str_equal (format, "fhir"))
    {
      title = g_str_equal (format, "json") ? _("Save the Report as JSON")
                                           : _("Save the Report as a FHIR Bundle");
      gtk_file_filter_set_name (filter, _("JSON files"));
      gtk_file_filter_add_suffix (filter, "json");
    }
  else
    {
      return;
    }

  query = polku_report_get_query (self->report);
  name = g_strdup_printf ("polku-report-%s-%s%s.%s", query->from, query->to,
                          g_str_equal (format, "fhir") ? "-fhir" : "",
                          g_str_equal (format, "fhir") ? "json" : format);
  self->chooser = gtk_file_chooser_native_new (title, GTK_WINDOW (self),
                                               GTK_FILE_CHOOSER_ACTION_SAVE, _("_Save"), NULL);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (self->chooser), name);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), filter);
  g_object_set_data_full (G_OBJECT (self->chooser), "polku-format", g_strdup (format), g_free);
  g_signal_connect (self->chooser, "response", G_CALLBACK (on_export_response), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

/* The filters' choices */

static void
fill_choices (PolkuReportsWindow *self)
{
  g_autoptr(GtkStringList) coordinators = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) units = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) ages = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) sectors = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) cases = gtk_string_list_new (NULL);
  g_autoptr(PolkuOrganisations) organisations = NULL;
  g_autoptr(GError) error = NULL;
  const char * const *codes = polku_case_sign_sector_codes ();

  gtk_string_list_append (coordinators, _("Anyone"));
  g_clear_pointer (&self->coordinators, g_strfreev);
  if (self->store != NULL)
    self->coordinators = polku_coordinator_store_list_coordinators (self->store, &error);
  if (error != NULL)
    g_debug ("Coordinators not read: %s", error->message);
  g_clear_error (&error);
  if (self->coordinators == NULL)
    self->coordinators = g_new0 (char *, 1);
  for (guint i = 0; self->coordinators[i] != NULL; i++)
    gtk_string_list_append (coordinators, self->coordinators[i]);
  adw_combo_row_set_model (self->coordinator_row, G_LIST_MODEL (coordinators));

  gtk_string_list_append (units, _("Any unit"));
  g_ptr_array_set_size (self->unit_ids, 0);
  organisations = polku_organisations_get_default (&error);
  if (organisations != NULL)
    {
      GListModel *list = polku_organisations_get_list (organisations);

      for (guint i = 0; i < g_list_model_get_n_items (list); i++)
        {
          g_autoptr(PolkuOrganisation) organisation = g_list_model_get_item (list, i);

          gtk_string_list_append (units, polku_organisation_get_label (organisation));
          g_ptr_array_add (self->unit_ids, g_strdup (polku_organisation_get_id (organisation)));
        }
    }
  else
    g_debug ("Organisations not read: %s", error->message);
  adw_combo_row_set_model (self->unit_row, G_LIST_MODEL (units));

  for (guint i = 0; i < G_N_ELEMENTS (age_bands); i++)
    gtk_string_list_append (ages, _(age_bands[i].label));
  adw_combo_row_set_model (self->age_row, G_LIST_MODEL (ages));

  gtk_string_list_append (sectors, _("Any sector"));
  for (guint i = 0; codes[i] != NULL; i++)
    gtk_string_list_append (sectors, polku_case_sign_sector_get_label (codes[i]));
  adw_combo_row_set_model (self->sector_row, G_LIST_MODEL (sectors));

  gtk_string_list_append (cases, C_("cases", "Open and closed"));
  gtk_string_list_append (cases, C_("cases", "Open"));
  gtk_string_list_append (cases, C_("cases", "Closed"));
  adw_combo_row_set_model (self->cases_row, G_LIST_MODEL (cases));
}

/* The period shown first: the two calendar years before this one and this one so far, so
 * that the 6- and 12-month periods of most plans in it are complete. */
static void
fill_default_period (PolkuReportsWindow *self)
{
  g_autoptr(GDateTime) now = polku_date_now_local ();
  g_autofree char *from_iso = g_strdup_printf ("%04d-01-01", g_date_time_get_year (now) - 2);
  g_autofree char *to_iso = polku_date_today ();
  g_autofree char *from = polku_date_format_user (from_iso);
  g_autofree char *to = polku_date_format_user (to_iso);

  gtk_editable_set_text (GTK_EDITABLE (self->from_row), from);
  gtk_editable_set_text (GTK_EDITABLE (self->to_row), to);
}

/* The main window was locked or its profile changed: the figures go with it. */
static void
on_parent_changed (GObject            *parent,
                   GParamSpec         *pspec,
                   PolkuReportsWindow *self)
{
  g_autoptr(PolkuStore) store = NULL;
  gboolean locked = FALSE;

  if (g_object_class_find_property (G_OBJECT_GET_CLASS (parent), "locked") != NULL)
    g_object_get (parent, "locked", &locked, NULL);
  g_object_get (parent, "store", &store, NULL);
  if (locked || store != self->store)
    gtk_window_destroy (GTK_WINDOW (self));
}

/* GObject */

static void
polku_reports_window_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  PolkuReportsWindow *self = POLKU_REPORTS_WINDOW (object);

  switch (prop_id)
    {
    case PROP_LOADING:
      g_value_set_boolean (value, self->loading);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
polku_reports_window_dispose (GObject *object)
{
  PolkuReportsWindow *self = POLKU_REPORTS_WINDOW (object);

  self->disposed = TRUE;
  if (self->scroll_tick != 0)
    gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->scroll_tick);
  self->scroll_tick = 0;
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  if (self->run != NULL)
    self->run->window = NULL;
  g_clear_pointer (&self->run, run_state_unref);
  g_clear_object (&self->cancellable);
  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);

  G_OBJECT_CLASS (polku_reports_window_parent_class)->dispose (object);
}

static void
polku_reports_window_finalize (GObject *object)
{
  PolkuReportsWindow *self = POLKU_REPORTS_WINDOW (object);

  g_clear_object (&self->store);
  g_clear_pointer (&self->coordinators, g_strfreev);
  g_clear_pointer (&self->unit_ids, g_ptr_array_unref);
  g_clear_pointer (&self->costs_file, g_free);
  g_clear_pointer (&self->report, polku_report_free);
  g_clear_pointer (&self->report_json, json_node_unref);

  G_OBJECT_CLASS (polku_reports_window_parent_class)->finalize (object);
}

static void
polku_reports_window_class_init (PolkuReportsWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = polku_reports_window_get_property;
  object_class->dispose = polku_reports_window_dispose;
  object_class->finalize = polku_reports_window_finalize;

  properties[PROP_LOADING] =
    g_param_spec_boolean ("loading", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* An export finished: its format and whether it worked. */
  signals[SIGNAL_EXPORTED] =
    g_signal_new ("exported", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                  NULL, G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_BOOLEAN);

  g_type_ensure (POLKU_TYPE_REPORT_CHART);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/polku-reports-window.ui");
  gtk_widget_class_bind_template_child (widget_class, PolkuReportsWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, PolkuReportsWindow, export_button);
  gtk_widget_class_bind_template_child (widget_class, PolkuReportsWindow, from_row);
  gtk_widget_class_bind_template_child (widget_class, PolkuReportsWindow, to_row);
  gtk_widget_class_bind_template_child (widget_class, PolkuReportsWindow, coordinator_row);
  gtk_widget_class_bind_template_child (widget_class, PolkuReportsWindow, unit_row);
  gtk_widget_class_bind_template_child (widget_class, PolkuReportsWindow, municipality_row);
  gtk_widget_class_bind_template_child (widget_class, PolkuReportsWindow, age_row);
  gtk_widget_class_bind_template_child (widget_class, PolkuReportsWindow, sector_row);
  gtk_widget_class_bind_template_child (widget_class, PolkuReportsWindow, cases_row);
  gtk_widget_class_bind_template_child (widget_class, PolkuReportsWindow, threshold_spin);
  gtk_widget_class_bind_template_child (widget_class, PolkuReportsWindow, costs_row);
  gtk_widget_class_bind_template_child (widget_class, PolkuReportsWindow, costs_clear_button);
  gtk_widget_class_bind_template_child (widget_class, PolkuReportsWindow, progress_box);
  gtk_widget_class_bind_template_child (widget_class, PolkuReportsWindow, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, PolkuReportsWindow, status_label);
  gtk_widget_class_bind_template_child (widget_class, PolkuReportsWindow, scroller);
  gtk_widget_class_bind_template_child (widget_class, PolkuReportsWindow, results_box);
  gtk_widget_class_bind_template_callback (widget_class, on_entry_changed);

  gtk_widget_class_install_action (widget_class, "reports.run", NULL, run_activated);
  gtk_widget_class_install_action (widget_class, "reports.cancel", NULL, cancel_activated);
  gtk_widget_class_install_action (widget_class, "reports.export", "s", export_activated);
  gtk_widget_class_install_action (widget_class, "reports.choose-costs", NULL,
                                   choose_costs_activated);
  gtk_widget_class_install_action (widget_class, "reports.clear-costs", NULL,
                                   clear_costs_activated);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
polku_reports_window_init (PolkuReportsWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->unit_ids = g_ptr_array_new_with_free_func (g_free);
  self->threshold = POLKU_REPORT_DEFAULT_THRESHOLD;
}

GtkWidget *
polku_reports_window_new (GtkWindow  *parent,
                          PolkuStore *store)
{
  PolkuReportsWindow *self;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (POLKU_IS_STORE (store), NULL);

  self = g_object_new (POLKU_TYPE_REPORTS_WINDOW, NULL);
  self->store = g_object_ref (store);
  if (parent != NULL)
    {
      gtk_window_set_transient_for (GTK_WINDOW (self), parent);
      if (g_object_class_find_property (G_OBJECT_GET_CLASS (parent), "store") != NULL)
        {
          g_signal_connect_object (parent, "notify::store", G_CALLBACK (on_parent_changed),
                                   self, 0);
          g_signal_connect_object (parent, "notify::locked", G_CALLBACK (on_parent_changed),
                                   self, 0);
        }
    }
  fill_choices (self);
  fill_default_period (self);
  update_actions (self);
  return GTK_WIDGET (self);
}

PolkuStore *
polku_reports_window_get_store (PolkuReportsWindow *self)
{
  g_return_val_if_fail (POLKU_IS_REPORTS_WINDOW (self), NULL);
  return self->store;
}

gboolean
polku_reports_window_get_loading (PolkuReportsWindow *self)
{
  g_return_val_if_fail (POLKU_IS_REPORTS_WINDOW (self), FALSE);
  return self->loading;
}

JsonNode *
polku_reports_window_get_report_json (PolkuReportsWindow *self)
{
  g_return_val_if_fail (POLKU_IS_REPORTS_WINDOW (self), NULL);
  return self->report_json;
}
