/* test-measures.c: the Measures view with a real store: WHOQOL-BREF answered from the
 * keyboard one question at a time, a draft left and continued, a paper form entered on one
 * page, the chart of the domains and the accessible names of every control
 *
 * Copyright 2026 The Polku authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>
#include <string.h>

#include "polku-assessment-store.h"
#include "polku-contact-store.h"
#include "polku-continuity.h"
#include "polku-date.h"
#include "polku-measures-chart.h"
#include "polku-measures-view.h"
#include "test-helpers.h"
#include "polku-client-store.h"

typedef struct
{
  char         *dir;
  PolkuProfile *profile;
  PolkuStore   *store;
  PolkuClient  *client;     /* one with a plan and assessments */
  PolkuClient  *new_client; /* one with none */
  GtkWindow    *window;
  GtkWidget    *view;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) clients = NULL;

  f->store = test_make_store (10, &f->dir, &f->profile);
  clients = polku_client_store_list (f->store, TRUE, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < clients->len; i++)
    {
      PolkuClient *client = g_ptr_array_index (clients, i);
      g_autoptr(GPtrArray) list = polku_assessment_store_list (f->store,
                                                               polku_client_get_id (client),
                                                               NULL, TRUE, &error);

      g_assert_no_error (error);
      if (list->len > 0 && f->client == NULL)
        f->client = g_object_ref (client);
      else if (list->len == 0 && f->new_client == NULL)
        f->new_client = g_object_ref (client);
    }
  g_assert_nonnull (f->client);
  g_assert_nonnull (f->new_client);

  f->view = polku_measures_view_new ();
  f->window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (f->window, 800, 700);
  gtk_window_set_child (f->window, f->view);
  gtk_window_present (f->window);
  test_spin (50);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  test_destroy_window (f->window);
  g_clear_object (&f->client);
  g_clear_object (&f->new_client);
  test_release_store (&f->store);
  g_clear_object (&f->profile);
  test_remove_tree (f->dir);
  g_free (f->dir);
}

static const char *
visible_page (Fixture *f)
{
  GtkWidget *stack = test_find_widget (f->view, GTK_TYPE_STACK);

  return gtk_stack_get_visible_child_name (GTK_STACK (stack));
}

/* The widget of the view's template named @name. */
static GtkWidget *
find_named (GtkWidget  *root,
            const char *name)
{
  if (g_strcmp0 (gtk_buildable_get_buildable_id (GTK_BUILDABLE (root)), name) == 0)
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_named (child, name);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* Sends a key press to the view's key controller, as typing would. */
static void
press_key (Fixture *f,
           guint    keyval)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (f->view);
  gboolean handled = FALSE;

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_EVENT_CONTROLLER_KEY (controller))
        {
          g_signal_emit_by_name (controller, "key-pressed", keyval, 0, 0, &handled);
          break;
        }
    }
  g_assert_true (handled);
  test_spin (5);
}

static void
collect (GtkWidget *root,
         GType      type,
         GPtrArray *out)
{
  if (g_type_is_a (G_OBJECT_TYPE (root), type))
    g_ptr_array_add (out, root);
  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect (child, type, out);
}

static GPtrArray *
list_whoqol (Fixture     *f,
             PolkuClient *client,
             gboolean     drafts)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *list = polku_assessment_store_list (f->store, polku_client_get_id (client),
                                                 "whoqol-bref", drafts, &error);

  g_assert_no_error (error);
  return list;
}

static void
test_overview_and_chart (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(GPtrArray) charts = g_ptr_array_new ();
  g_autoptr(GPtrArray) stored = list_whoqol (f, f->client, FALSE);

  g_object_set (f->view, "store", f->store, "client", f->client, NULL);
  test_wait_loaded (f->view);
  g_assert_cmpstr (visible_page (f), ==, "overview");

  collect (f->view, POLKU_TYPE_MEASURES_CHART, charts);
  g_assert_cmpuint (charts->len, ==, 2);
  /* Four domains over time. */
  g_assert_cmpuint (polku_measures_chart_get_n_series (g_ptr_array_index (charts, 0)), ==, 4);
  g_assert_true (gtk_widget_get_mapped (g_ptr_array_index (charts, 0)));
  g_assert_cmpuint (stored->len, >, 0);

  /* Drawn in the dark style too. */
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (),
                                      ADW_COLOR_SCHEME_FORCE_DARK);
  test_spin (50);
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (),
                                      ADW_COLOR_SCHEME_DEFAULT);

  /* A client with no assessments: the empty state, no chart. */
  g_object_set (f->view, "client", f->new_client, NULL);
  test_wait_loaded (f->view);
  g_assert_false (gtk_widget_get_mapped (g_ptr_array_index (charts, 0)));
}

/* Answered from the keyboard: 1–5 answer and go on, 0 skips, Backspace goes back. */
static void
test_keyboard_form (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GPtrArray) before = list_whoqol (f, f->new_client, FALSE);
  g_autoptr(GPtrArray) after = NULL;
  g_autoptr(GPtrArray) drafts = NULL;
  g_autofree char *today = polku_date_today ();
  g_autofree char *today_shown = polku_date_format_user (today);
  GtkWidget *date_row;
  GtkWidget *error_label;
  PolkuAssessment *saved;

  g_assert_cmpuint (before->len, ==, 0);
  g_object_set (f->view, "store", f->store, "client", f->new_client, NULL);
  test_wait_loaded (f->view);

  g_assert_true (gtk_widget_activate_action (f->view, "measures.start", NULL));
  g_assert_cmpstr (visible_page (f), ==, "item");

  /* Q1 = 4, Q2 = 9 (ignored), then 2, back to Q2 and answer 5. */
  press_key (f, GDK_KEY_4);
  press_key (f, GDK_KEY_9);
  press_key (f, GDK_KEY_2);
  press_key (f, GDK_KEY_BackSpace);
  press_key (f, GDK_KEY_KP_5);
  /* Q3 skipped; Q4 … Q26 answered 3. */
  press_key (f, GDK_KEY_0);
  for (guint i = 3; i < 26; i++)
    press_key (f, GDK_KEY_3);
  g_assert_cmpstr (visible_page (f), ==, "finish");

  /* Every answer was kept as a draft on the way. */
  drafts = list_whoqol (f, f->new_client, TRUE);
  g_assert_cmpuint (drafts->len, ==, 1);
  g_assert_cmpint (polku_assessment_get_status (g_ptr_array_index (drafts, 0)), ==,
                   POLKU_ASSESSMENT_STATUS_DRAFT);

  /* The date is shown d.m.yyyy; one that does not exist is refused with a message that
   * names the form, and nothing is saved. */
  date_row = find_named (f->view, "date_row");
  error_label = find_named (f->view, "finish_error_label");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (date_row)), ==, today_shown);
  gtk_editable_set_text (GTK_EDITABLE (date_row), "31.4.2025");
  g_assert_true (gtk_widget_activate_action (f->view, "measures.save", NULL));
  test_spin (20);
  g_assert_cmpstr (visible_page (f), ==, "finish");
  g_assert_true (gtk_widget_get_visible (error_label));
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (error_label)), ==,
                   "“31.4.2025” is not a date: write it as d.m.yyyy, for example 4.3.2026.");
  g_clear_pointer (&drafts, g_ptr_array_unref);
  drafts = list_whoqol (f, f->new_client, TRUE);
  g_assert_cmpuint (drafts->len, ==, 1);
  g_assert_cmpint (polku_assessment_get_status (g_ptr_array_index (drafts, 0)), ==,
                   POLKU_ASSESSMENT_STATUS_DRAFT);
  g_assert_cmpstr (polku_assessment_get_date (g_ptr_array_index (drafts, 0)), ==, today);

  /* Typed d.m.yyyy, stored YYYY-MM-DD. */
  gtk_editable_set_text (GTK_EDITABLE (date_row), " 5.3.2025 ");
  g_assert_true (gtk_widget_activate_action (f->view, "measures.save", NULL));
  test_wait_loaded (f->view);
  g_assert_cmpstr (visible_page (f), ==, "overview");

  after = list_whoqol (f, f->new_client, TRUE);
  g_assert_cmpuint (after->len, ==, 1);
  saved = g_ptr_array_index (after, 0);
  g_assert_cmpint (polku_assessment_get_status (saved), ==, POLKU_ASSESSMENT_STATUS_COMPLETE);
  g_assert_cmpint (polku_assessment_get_role (saved), ==, POLKU_ASSESSMENT_ROLE_BASELINE);
  g_assert_cmpint (polku_assessment_get_answer (saved, 0), ==, 4);
  g_assert_cmpint (polku_assessment_get_answer (saved, 1), ==, 5);
  g_assert_cmpint (polku_assessment_get_answer (saved, 2), ==, POLKU_ANSWER_MISSING);
  g_assert_cmpint (polku_assessment_get_answer (saved, 25), ==, 3);
  g_assert_cmpstr (polku_assessment_get_date (saved), ==, "2025-03-05");
}

/* Left half-way and continued where it was. */
static void
test_draft_resume (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GPtrArray) drafts = NULL;
  GtkWidget *progress;

  g_object_set (f->view, "store", f->store, "client", f->new_client, NULL);
  test_wait_loaded (f->view);
  g_assert_true (gtk_widget_activate_action (f->view, "measures.start", NULL));
  press_key (f, GDK_KEY_1);
  press_key (f, GDK_KEY_2);
  press_key (f, GDK_KEY_3);
  press_key (f, GDK_KEY_Escape);
  g_assert_cmpstr (visible_page (f), ==, "overview");

  drafts = list_whoqol (f, f->new_client, TRUE);
  g_assert_cmpuint (drafts->len, ==, 1);
  g_assert_cmpuint (polku_assessment_get_position (g_ptr_array_index (drafts, 0)), ==, 3);
  g_assert_cmpint (polku_assessment_get_answer (g_ptr_array_index (drafts, 0), 2), ==, 3);

  /* Another view (the app started again) continues at question 4. */
  g_object_set (f->view, "client", f->client, NULL);
  g_object_set (f->view, "client", f->new_client, NULL);
  g_assert_true (gtk_widget_activate_action (f->view, "measures.start", NULL));
  g_assert_cmpstr (visible_page (f), ==, "item");
  progress = test_find_widget (f->view, GTK_TYPE_PROGRESS_BAR);
  g_assert_cmpfloat (gtk_progress_bar_get_fraction (GTK_PROGRESS_BAR (progress)), ==,
                     3.0 / 26);

  g_assert_true (gtk_widget_activate_action (f->view, "measures.close-form", NULL));
  /* Discarding is asked first: kept when the answer is no. */
  g_assert_true (gtk_widget_activate_action (f->view, "measures.discard-draft", NULL));
  test_answer_message_dialog ("cancel");
  g_clear_pointer (&drafts, g_ptr_array_unref);
  drafts = list_whoqol (f, f->new_client, TRUE);
  g_assert_cmpuint (drafts->len, ==, 1);
  g_assert_true (gtk_widget_activate_action (f->view, "measures.discard-draft", NULL));
  test_answer_message_dialog ("discard");
  test_wait_loaded (f->view);
  g_clear_pointer (&drafts, g_ptr_array_unref);
  drafts = list_whoqol (f, f->new_client, TRUE);
  g_assert_cmpuint (drafts->len, ==, 0);
}

/* All items on one page, from paper; a follow-up for a client with a baseline. */
static void
test_paper (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(GPtrArray) before = list_whoqol (f, f->client, FALSE);
  g_autoptr(GPtrArray) after = NULL;
  g_autoptr(GPtrArray) combos = g_ptr_array_new ();
  GtkWidget *stack;
  PolkuAssessment *newest;

  g_object_set (f->view, "store", f->store, "client", f->client, NULL);
  test_wait_loaded (f->view);
  g_assert_true (gtk_widget_activate_action (f->view, "measures.paper", NULL));
  g_assert_cmpstr (visible_page (f), ==, "paper");

  stack = test_find_widget (f->view, GTK_TYPE_STACK);
  collect (gtk_stack_get_child_by_name (GTK_STACK (stack), "paper"), ADW_TYPE_COMBO_ROW,
           combos);
  g_assert_cmpuint (combos->len, ==, 26);
  for (guint i = 0; i < 26; i++)
    adw_combo_row_set_selected (g_ptr_array_index (combos, i), i == 7 ? 0 : 1 + i % 5);

  g_assert_true (gtk_widget_activate_action (f->view, "measures.review", NULL));
  g_assert_cmpstr (visible_page (f), ==, "finish");
  g_assert_true (gtk_widget_activate_action (f->view, "measures.save", NULL));
  test_wait_loaded (f->view);

  after = list_whoqol (f, f->client, FALSE);
  g_assert_cmpuint (after->len, ==, before->len + 1);
  newest = NULL;
  for (guint i = 0; i < after->len; i++)
    {
      gboolean known = FALSE;

      for (guint k = 0; k < before->len; k++)
        known |= g_str_equal (polku_assessment_get_id (g_ptr_array_index (after, i)),
                              polku_assessment_get_id (g_ptr_array_index (before, k)));
      if (!known)
        newest = g_ptr_array_index (after, i);
    }
  g_assert_nonnull (newest);
  g_assert_cmpint (polku_assessment_get_role (newest), ==, POLKU_ASSESSMENT_ROLE_FOLLOW_UP);
  g_assert_nonnull (polku_assessment_get_plan_id (newest));
  g_assert_cmpint (polku_assessment_get_answer (newest, 0), ==, 1);
  g_assert_cmpint (polku_assessment_get_answer (newest, 4), ==, 5);
  g_assert_cmpint (polku_assessment_get_answer (newest, 7), ==, POLKU_ANSWER_MISSING);
}

/* Every button and row on every page has a name a screen reader can say. */
static void
check_names (GtkWidget *widget)
{
  if (!gtk_widget_get_visible (widget))
    return;
  if (GTK_IS_BUTTON (widget) && gtk_widget_get_ancestor (widget, ADW_TYPE_ENTRY_ROW) == NULL
      && gtk_widget_get_ancestor (widget, ADW_TYPE_COMBO_ROW) == NULL)
    {
      const char *label = gtk_button_get_label (GTK_BUTTON (widget));
      GtkWidget *child = gtk_button_get_child (GTK_BUTTON (widget));
      gboolean named = (label != NULL && label[0] != '\0')
                       || (GTK_IS_LABEL (child) && gtk_label_get_text (GTK_LABEL (child))[0])
                       || gtk_test_accessible_has_property (GTK_ACCESSIBLE (widget),
                                                            GTK_ACCESSIBLE_PROPERTY_LABEL);

      if (!named)
        g_error ("A button without a name in %s", G_OBJECT_TYPE_NAME (
                   gtk_widget_get_parent (widget)));
    }
  if (ADW_IS_PREFERENCES_ROW (widget))
    {
      const char *title = adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget));

      g_assert_true (title != NULL && title[0] != '\0');
    }
  if (GTK_IS_LIST_BOX (widget) && gtk_widget_get_ancestor (widget, ADW_TYPE_PREFERENCES_GROUP)
      == NULL)
    g_assert_true (gtk_test_accessible_has_property (GTK_ACCESSIBLE (widget),
                                                     GTK_ACCESSIBLE_PROPERTY_LABEL));
  if (POLKU_IS_MEASURES_CHART (widget))
    g_assert_true (gtk_test_accessible_has_property (GTK_ACCESSIBLE (widget),
                                                     GTK_ACCESSIBLE_PROPERTY_LABEL));
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    check_names (child);
}

static void
test_accessible_names (Fixture       *f,
                       gconstpointer  data)
{
  g_object_set (f->view, "store", f->store, "client", f->client, NULL);
  test_wait_loaded (f->view);
  check_names (f->view);
  g_assert_true (gtk_widget_activate_action (f->view, "measures.start", NULL));
  check_names (f->view);
  g_assert_true (gtk_widget_activate_action (f->view, "measures.close-form", NULL));
  g_assert_true (gtk_widget_activate_action (f->view, "measures.paper", NULL));
  check_names (f->view);
  g_assert_true (gtk_widget_activate_action (f->view, "measures.review", NULL));
  check_names (f->view);
}

/* The titles of the rows under @root, joined by newlines. */
static char *
row_titles (GtkWidget *root)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new ();
  GString *text = g_string_new (NULL);

  collect (root, ADW_TYPE_ACTION_ROW, rows);
  for (guint i = 0; i < rows->len; i++)
    g_string_append_printf (text, "%s\n",
                            adw_preferences_row_get_title (g_ptr_array_index (rows, i)));
  return g_string_free (text, FALSE);
}

/* Keeps the rows shown each time the view finished loading. */
static void
loading_changed_cb (GObject    *view,
                    GParamSpec *pspec,
                    GString    *seen)
{
  g_autofree char *titles = NULL;

  if (polku_client_view_get_loading (POLKU_CLIENT_VIEW (view)))
    return;
  titles = row_titles (GTK_WIDGET (view));
  g_string_append (seen, titles);
}

/* An assessment of @client on @date. */
static void
add_assessment (Fixture         *f,
                PolkuInstrument *instrument,
                PolkuClient     *client,
                const char      *date)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PolkuAssessment) own = polku_assessment_new (polku_client_get_id (client),
                                                         instrument);

  for (guint i = 0; i < 26; i++)
    polku_assessment_set_answer (own, i, 3);
  polku_assessment_set_date (own, date);
  polku_assessment_set_role (own, POLKU_ASSESSMENT_ROLE_FOLLOW_UP);
  polku_assessment_set_status (own, POLKU_ASSESSMENT_STATUS_COMPLETE);
  g_assert_true (polku_assessment_store_save (f->store, own, &error));
  g_assert_no_error (error);
}

/* Two quick switches: the first client's assessments go at once, and only the last client's
 * are shown when the reads are in. */
static void
test_switch_quickly (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PolkuInstrument) instrument = polku_instrument_lookup ("whoqol-bref", &error);
  g_autoptr(PolkuClient) other = NULL;
  g_autoptr(GPtrArray) clients = NULL;
  /* The assessments' dates, as the view shows them. */
  const char *leap_text = "29.2.2020";
  const char *other_text = "29.2.2016";
  g_autofree char *titles = NULL;
  g_autoptr(GString) seen = g_string_new (NULL);
  gulong handler;

  g_assert_no_error (error);
  /* The last client gets an assessment on a day no demo assessment has. */
  clients = polku_client_store_list (f->store, TRUE, &error);
  for (guint i = 0; i < clients->len && other == NULL; i++)
    {
      PolkuClient *client = g_ptr_array_index (clients, i);

      if (!g_str_equal (polku_client_get_id (client), polku_client_get_id (f->client))
          && !g_str_equal (polku_client_get_id (client), polku_client_get_id (f->new_client)))
        other = g_object_ref (client);
    }
  g_assert_nonnull (other);
  add_assessment (f, instrument, other, "2020-02-29");
  /* And the one in between, too. */
  add_assessment (f, instrument, f->client, "2016-02-29");

  g_object_set (f->view, "store", f->store, "client", other, NULL);
  test_wait_loaded (f->view);
  titles = row_titles (f->view);
  g_assert_nonnull (strstr (titles, leap_text));
  g_clear_pointer (&titles, g_free);

  handler = g_signal_connect (f->view, "notify::loading", G_CALLBACK (loading_changed_cb),
                              seen);
  g_object_set (f->view, "client", f->client, NULL);
  /* Nothing of the first client is left while the second one's are read. */
  g_assert_true (polku_client_view_get_loading (POLKU_CLIENT_VIEW (f->view)));
  titles = row_titles (f->view);
  g_assert_null (strstr (titles, leap_text));
  g_clear_pointer (&titles, g_free);
  g_object_set (f->view, "client", other, NULL);
  g_assert_true (polku_client_view_get_loading (POLKU_CLIENT_VIEW (f->view)));

  test_wait_loaded (f->view);
  test_spin (300);
  g_assert_false (polku_client_view_get_loading (POLKU_CLIENT_VIEW (f->view)));
  titles = row_titles (f->view);
  g_assert_nonnull (strstr (titles, leap_text));
  /* The same rows as for this client alone: none of f->client's. */
  {
    g_autoptr(GPtrArray) mine = list_whoqol (f, other, FALSE);
    g_autoptr(GPtrArray) rows = g_ptr_array_new ();
    GtkWidget *list = NULL;

    collect (f->view, GTK_TYPE_LIST_BOX, rows);
    for (guint i = 0; i < rows->len; i++)
      if (g_strcmp0 (gtk_buildable_get_buildable_id (g_ptr_array_index (rows, i)),
                     "assessment_list") == 0)
        list = g_ptr_array_index (rows, i);
    g_assert_nonnull (list);
    g_ptr_array_set_size (rows, 0);
    collect (list, ADW_TYPE_ACTION_ROW, rows);
    g_assert_cmpuint (rows->len, ==, mine->len);
  }
  /* The one in between was never shown. */
  g_signal_handler_disconnect (f->view, handler);
  g_assert_null (strstr (seen->str, other_text));
  g_assert_nonnull (strstr (seen->str, leap_text));
}

/* The subtitle of the row titled @title in the continuity list. */
static const char *
continuity_subtitle (Fixture    *f,
                     const char *title)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new ();

  collect (find_named (f->view, "continuity_list"), ADW_TYPE_ACTION_ROW, rows);
  for (guint i = 0; i < rows->len; i++)
    if (g_strcmp0 (adw_preferences_row_get_title (g_ptr_array_index (rows, i)), title) == 0)
      return adw_action_row_get_subtitle (g_ptr_array_index (rows, i));
  return NULL;
}

/* The check box of the visit type @id. */
static GtkCheckButton *
type_check (Fixture    *f,
            const char *id)
{
  g_autoptr(GPtrArray) checks = g_ptr_array_new ();

  collect (find_named (f->view, "types_row"), GTK_TYPE_CHECK_BUTTON, checks);
  for (guint i = 0; i < checks->len; i++)
    if (g_strcmp0 (g_object_get_data (g_ptr_array_index (checks, i), "type-id"), id) == 0)
      return g_ptr_array_index (checks, i);
  g_error ("No check box for %s", id);
  return NULL;
}

/* A period and visit types chosen: the indices are those of the core on the same visits with
 * the same filter; a wrong date is refused and changes nothing shown. */
static void
test_continuity_choice (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) contacts = NULL;
  g_autoptr(GArray) visits = NULL;
  g_autoptr(GArray) dates = g_array_new (FALSE, TRUE, sizeof (GDate));
  g_autoptr(PolkuContinuity) expected = NULL;
  g_autoptr(PolkuContinuity) by_default = NULL;
  static const char * const types[] = { "doctor", "coordinator-call", "social-worker", NULL };
  PolkuVisitFilter filter = { NULL, NULL, types, TRUE };
  g_autofree char *from_text = NULL;
  g_autofree char *expected_coci = NULL;
  g_autofree char *expected_n = NULL;
  g_autofree char *shown = NULL;
  GtkWidget *from_row, *to_row, *error_label;
  GDate from, to;

  g_object_set (f->view, "store", f->store, "client", f->client, NULL);
  test_wait_loaded (f->view);
  from_row = find_named (f->view, "from_row");
  to_row = find_named (f->view, "to_row");
  error_label = find_named (f->view, "period_error_label");
  /* Six months around the plan, doctor and nurse, no urgent visits: as THL counts. */
  g_assert_false (gtk_widget_get_visible (from_row));
  g_assert_true (gtk_check_button_get_active (type_check (f, "doctor")));
  g_assert_true (gtk_check_button_get_active (type_check (f, "nurse")));
  g_assert_false (gtk_check_button_get_active (type_check (f, "social-worker")));
  g_assert_false (gtk_switch_get_active (GTK_SWITCH (find_named (f->view, "urgent_switch"))));
  g_assert_nonnull (continuity_subtitle (f, "Continuity of care index (COCI)"));

  /* The same visits as the view: the client's contacts they came to, in the store's order. */
  contacts = polku_contact_store_list (f->store, polku_client_get_id (f->client), NULL, NULL,
                                       &error);
  g_assert_no_error (error);
  visits = polku_contacts_to_visits (contacts);
  for (guint i = 0; i < visits->len; i++)
    g_array_append_val (dates, g_array_index (visits, PolkuVisit, i).date);
  g_assert_cmpuint (visits->len, >, 4);
  /* From the earliest visit's date a year on (a part of the log). */
  g_array_sort (dates, (GCompareFunc) g_date_compare);
  from = g_array_index (dates, GDate, 0);
  to = from;
  g_date_add_years (&to, 1);
  filter.from = &from;
  filter.to = &to;
  expected = polku_continuity_compute ((const PolkuVisit *) visits->data, visits->len, &filter);
  g_assert_cmpuint (expected->visits, >=, 2);
  expected_coci = g_strdup_printf ("%.2f", expected->coci);
  expected_n = g_strdup_printf ("Visits: %u · Professionals: %u · Left out without a named "
                                "professional: %u", expected->visits, expected->professionals,
                                expected->left_out_without_professional);
  /* The filter makes a difference here. */
  by_default = polku_continuity_compute ((const PolkuVisit *) visits->data, visits->len,
                                         polku_visit_filter_default ());
  g_assert_cmpuint (by_default->visits, !=, expected->visits);

  adw_combo_row_set_selected (ADW_COMBO_ROW (find_named (f->view, "period_row")), 1);
  test_spin (5);
  g_assert_true (gtk_widget_get_visible (from_row));
  g_assert_true (gtk_widget_get_visible (to_row));
  from_text = g_strdup_printf ("%u.%u.%u", g_date_get_day (&from), g_date_get_month (&from),
                               g_date_get_year (&from));
  gtk_editable_set_text (GTK_EDITABLE (from_row), from_text);
  shown = g_strdup_printf ("%04u-%02u-%02u", g_date_get_year (&to), g_date_get_month (&to),
                           g_date_get_day (&to));
  /* A pasted ISO date works too. */
  gtk_editable_set_text (GTK_EDITABLE (to_row), shown);
  gtk_check_button_set_active (type_check (f, "nurse"), FALSE);
  gtk_check_button_set_active (type_check (f, "social-worker"), TRUE);
  gtk_check_button_set_active (type_check (f, "coordinator-call"), TRUE);
  gtk_switch_set_active (GTK_SWITCH (find_named (f->view, "urgent_switch")), TRUE);
  g_signal_emit_by_name (from_row, "apply");
  test_spin (5);
  g_assert_false (gtk_widget_get_visible (error_label));
  g_assert_cmpstr (continuity_subtitle (f, "Chosen period"), ==, expected_n);
  g_assert_cmpstr (continuity_subtitle (f, "Continuity of care index (COCI)"), ==,
                   expected_coci);
  g_assert_false (gtk_widget_get_visible (find_named (f->view, "continuity_chart")));

  /* A wrong date: a message naming the form, and nothing recomputed (not even when a type is
   * chosen meanwhile). */
  gtk_editable_set_text (GTK_EDITABLE (from_row), "31.2.2024");
  g_signal_emit_by_name (from_row, "apply");
  test_spin (5);
  g_assert_true (gtk_widget_get_visible (error_label));
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (error_label)), "d.m.yyyy"));
  gtk_check_button_set_active (type_check (f, "nurse"), TRUE);
  test_spin (5);
  g_assert_cmpstr (continuity_subtitle (f, "Chosen period"), ==, expected_n);
  g_assert_cmpstr (continuity_subtitle (f, "Continuity of care index (COCI)"), ==,
                   expected_coci);
  /* An end before the start is refused too. */
  gtk_editable_set_text (GTK_EDITABLE (from_row), "1.1.2030");
  gtk_editable_set_text (GTK_EDITABLE (to_row), "1.1.2029");
  g_signal_emit_by_name (to_row, "apply");
  test_spin (5);
  g_assert_true (gtk_widget_get_visible (error_label));
  g_assert_cmpstr (continuity_subtitle (f, "Continuity of care index (COCI)"), ==,
                   expected_coci);

  /* Back to six months around the plan: the chart again, the message gone. */
  adw_combo_row_set_selected (ADW_COMBO_ROW (find_named (f->view, "period_row")), 0);
  test_spin (5);
  g_assert_false (gtk_widget_get_visible (error_label));
  g_assert_false (gtk_widget_get_visible (from_row));
  g_assert_true (gtk_widget_get_visible (find_named (f->view, "continuity_chart")));
  g_assert_null (continuity_subtitle (f, "Chosen period"));
}

/* Under the indices, the tab says which contact types they counted; the visits before and
 * after the plan are counted by the categories of the reports. */
static void
test_continuity_counted (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new ();
  gboolean doctor_rows = FALSE;

  g_object_set (f->view, "store", f->store, "client", f->client, NULL);
  test_wait_loaded (f->view);
  /* THL's indicator by default. */
  g_assert_cmpstr (continuity_subtitle (f, "Counted"), ==,
                   "Doctor, Nurse · non-urgent visits only");

  gtk_check_button_set_active (type_check (f, "coordinator-call"), TRUE);
  gtk_switch_set_active (GTK_SWITCH (find_named (f->view, "urgent_switch")), TRUE);
  test_spin (5);
  g_assert_cmpstr (continuity_subtitle (f, "Counted"), ==,
                   "Doctor, Nurse, Coordinator’s care call · urgent visits included");
  gtk_check_button_set_active (type_check (f, "doctor"), FALSE);
  gtk_check_button_set_active (type_check (f, "nurse"), FALSE);
  gtk_check_button_set_active (type_check (f, "coordinator-call"), FALSE);
  test_spin (5);
  g_assert_nonnull (strstr (continuity_subtitle (f, "Counted"), "No visit type"));

  /* The demo client's doctor visits, urgent and non-urgent apart. */
  collect (find_named (f->view, "continuity_list"), ADW_TYPE_ACTION_ROW, rows);
  for (guint i = 0; i < rows->len; i++)
    {
      const char *title = adw_preferences_row_get_title (g_ptr_array_index (rows, i));

      if (g_str_has_prefix (title, "Doctor visits, "))
        {
          doctor_rows = TRUE;
          g_assert_true (g_str_has_prefix (adw_action_row_get_subtitle (
                                             g_ptr_array_index (rows, i)),
                                           "Six months before: "));
        }
      /* The counts by type are gone: categories only. */
      g_assert_false (g_str_has_prefix (title, "Visits: "));
    }
  g_assert_true (doctor_rows);
}

/* The choices fit a phone-sized window: the dates shown, the types unfolded. */
static void
test_continuity_narrow (Fixture       *f,
                        gconstpointer  data)
{
  int min_width = 0;

  g_object_set (f->view, "store", f->store, "client", f->client, NULL);
  test_wait_loaded (f->view);
  adw_combo_row_set_selected (ADW_COMBO_ROW (find_named (f->view, "period_row")), 1);
  adw_expander_row_set_expanded (ADW_EXPANDER_ROW (find_named (f->view, "types_row")), TRUE);
  gtk_editable_set_text (GTK_EDITABLE (find_named (f->view, "from_row")), "31.2.2024");
  g_signal_emit_by_name (find_named (f->view, "from_row"), "apply");
  test_spin (20);
  g_assert_true (gtk_widget_get_visible (find_named (f->view, "period_error_label")));
  gtk_widget_measure (f->view, GTK_ORIENTATION_HORIZONTAL, -1, &min_width, NULL, NULL, NULL);
  g_test_message ("Measures view with the choices: %d px", min_width);
  g_assert_cmpint (min_width, <=, 360);
  /* the WHOQOL-BREF title has its line to itself: its buttons are under it, not beside */
  g_assert_null (adw_preferences_group_get_header_suffix (
    ADW_PREFERENCES_GROUP (find_named (f->view, "whoqol_group"))));
  g_assert_true (gtk_widget_is_ancestor (find_named (f->view, "whoqol_buttons"),
                                         find_named (f->view, "whoqol_group")));
}

/* In a 360 px window the legend wraps instead of running off the edge ("Miljö" was cut
 * off): the chart asks for more height where it needs the lines, and as much as before where
 * one line holds every name. */
static void
test_chart_legend_wraps (void)
{
  GtkWidget *chart = g_object_ref_sink (polku_measures_chart_new ());
  const double x[] = { 0, 180, 365 };
  const char * const labels[] = { "1.1.2026", "30.6.2026", "1.1.2027" };
  const char * const names[] = { "Fysisk hälsa", "Psykiskt välbefinnande",
                                 "Sociala relationer", "Miljö" };
  const double values[] = { 50, 55, 60 };
  const char * const groups[] = { "COCI", "UPC" };
  const double before[] = { 0.4, 0.5 };
  const double after[] = { 0.6, 0.7 };
  int narrow = 0, wide = 0, one = 0;

  polku_measures_chart_set_points (POLKU_MEASURES_CHART (chart), x, labels, 3, 0, "Start");
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    polku_measures_chart_add_series (POLKU_MEASURES_CHART (chart), names[i], values);
  g_assert_cmpint (gtk_widget_get_request_mode (chart), ==, GTK_SIZE_REQUEST_HEIGHT_FOR_WIDTH);
  gtk_widget_measure (chart, GTK_ORIENTATION_VERTICAL, 360, &narrow, NULL, NULL, NULL);
  gtk_widget_measure (chart, GTK_ORIENTATION_VERTICAL, 2000, &wide, NULL, NULL, NULL);
  g_test_message ("legend of four domains: %d px high at 360 px, %d px at 2000 px", narrow,
                  wide);
  g_assert_cmpint (narrow, >=, wide + 20);   /* at least two lines at 360 px */

  polku_measures_chart_set_bars (POLKU_MEASURES_CHART (chart), groups, before, after, 2,
                                 "Kuusi kuukautta ennen suunnitelmaa",
                                 "Kuusi kuukautta jälkeen");
  gtk_widget_measure (chart, GTK_ORIENTATION_VERTICAL, 360, &narrow, NULL, NULL, NULL);
  gtk_widget_measure (chart, GTK_ORIENTATION_VERTICAL, 2000, &one, NULL, NULL, NULL);
  g_assert_cmpint (narrow, >, one);
  g_assert_cmpint (one, ==, 200);
  g_object_unref (chart);
}

static void
collect_label_texts (GtkWidget *root,
                     GString   *text)
{
  if (GTK_IS_LABEL (root))
    g_string_append_printf (text, "%s\n", gtk_label_get_text (GTK_LABEL (root)));
  if (ADW_IS_PREFERENCES_ROW (root))
    g_string_append_printf (text, "%s\n",
                            adw_preferences_row_get_title (ADW_PREFERENCES_ROW (root)));
  if (ADW_IS_ACTION_ROW (root) && adw_action_row_get_subtitle (ADW_ACTION_ROW (root)) != NULL)
    g_string_append_printf (text, "%s\n", adw_action_row_get_subtitle (ADW_ACTION_ROW (root)));
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_label_texts (child, text);
}

/* Decimals follow the language (issue 11 saw points in Finnish): a comma in Finnish and
 * Swedish (56,3), a point in English, whatever LC_NUMERIC says; a date (d.m.yyyy) has two
 * points and is no decimal. */
static void
test_decimal_separator (Fixture       *f,
                        gconstpointer  data)
{
  const char *language = g_getenv ("LANGUAGE");
  gboolean english = language == NULL || g_str_has_prefix (language, "en");
  g_autoptr(GRegex) comma = g_regex_new ("(?<![\\d,])\\d+,\\d+(?![\\d,])", 0, 0, NULL);
  g_autoptr(GRegex) point = g_regex_new ("(?<![\\d.])\\d+\\.\\d+(?![\\d.])", 0, 0, NULL);
  g_autoptr(GString) text = g_string_new (NULL);

  g_object_set (f->view, "store", f->store, "client", f->client, NULL);
  test_wait_loaded (f->view);
  collect_label_texts (f->view, text);
  if (g_regex_match (english ? comma : point, text->str, 0, NULL))
    g_error ("LANGUAGE=%s shows a decimal with a %s:\n%s", language,
             english ? "comma" : "point", text->str);
  g_assert_true (g_regex_match (english ? point : comma, text->str, 0, NULL));
}

typedef struct
{
  GtkWidget *widget;
  int        width;
} WidgetWidth;

static gboolean
widget_has_width (gpointer data)
{
  WidgetWidth *wanted = data;

  return gtk_widget_get_width (wanted->widget) == wanted->width;
}

/* The tallest answer button of the question on screen; each has one line of text. */
static int
tallest_answer (Fixture *f)
{
  g_autoptr(GPtrArray) buttons = g_ptr_array_new ();
  int tallest = 0;

  collect (f->view, GTK_TYPE_BUTTON, buttons);
  for (guint i = 0; i < buttons->len; i++)
    {
      GtkWidget *button = g_ptr_array_index (buttons, i);
      PangoLayout *layout;

      if (g_object_get_data (G_OBJECT (button), "polku-value") == NULL)
        continue;
      g_assert_true (gtk_widget_get_mapped (button));
      layout = gtk_label_get_layout (GTK_LABEL (gtk_button_get_child (GTK_BUTTON (button))));
      g_assert_cmpint (pango_layout_get_line_count (layout), ==, 1);
      tallest = MAX (tallest, gtk_widget_get_height (button));
    }
  return tallest;
}

static gboolean
answers_allocated (gpointer data)
{
  Fixture *f = data;
  g_autoptr(GPtrArray) buttons = g_ptr_array_new ();
  guint n = 0;

  collect (f->view, GTK_TYPE_BUTTON, buttons);
  for (guint i = 0; i < buttons->len; i++)
    if (g_object_get_data (G_OBJECT (g_ptr_array_index (buttons, i)), "polku-value") != NULL)
      {
        if (gtk_widget_get_height (g_ptr_array_index (buttons, i)) == 0
            || gtk_widget_get_width (g_ptr_array_index (buttons, i)) == 0)
          return FALSE;
        n++;
      }
  return n > 0;
}

/* WHOQOL-BREF's answers at the widths a coordinator uses (issue 11 saw them 74 px tall at
 * full width): the view as wide and high as a maximised window on a 1920×1080 and a 1366×768
 * screen gives it (beside the client list, 326 px, and under the header bars, 94 px) and as
 * the whole screen, in Finnish and Swedish, light and dark; every answer of every question is
 * one line and at most 48 px tall (the box is homogeneous: one answer that wrapped would make
 * all of them as tall). Xvfb's screen is smaller than 1920 px and a window is kept within it,
 * so the view is given its size inside a scrolled window. */
static void
test_answer_heights (Fixture       *f,
                     gconstpointer  data)
{
  static const int sizes[][2] = {
    { 1920 - 326, 1080 - 94 }, { 1366 - 326, 768 - 94 }, { 1920, 1080 }, { 1366, 768 }
  };
  const char *language = g_getenv ("LANGUAGE");
  AdwStyleManager *style = adw_style_manager_get_default ();
  GtkWidget *scroller = gtk_scrolled_window_new ();
  guint n_checked = 0;
  gboolean forward = TRUE;

  g_object_ref (f->view);
  gtk_window_set_child (f->window, NULL);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), f->view);
  g_object_unref (f->view);
  gtk_window_set_child (f->window, scroller);

  g_object_set (f->view, "store", f->store, "client", f->new_client, NULL);
  test_wait_loaded (f->view);
  g_assert_nonnull (language);
  for (guint s = 0; s < G_N_ELEMENTS (sizes); s++)
    for (guint dark = 0; dark < 2; dark++)
        {
          WidgetWidth wanted = { f->view, sizes[s][0] };
          int tallest_here = 0;

          adw_style_manager_set_color_scheme (style, dark ? ADW_COLOR_SCHEME_FORCE_DARK
                                                          : ADW_COLOR_SCHEME_FORCE_LIGHT);
          gtk_widget_set_size_request (f->view, sizes[s][0], sizes[s][1]);
          test_wait_until (widget_has_width, &wanted, 5000, "the view has its width");
          if (n_checked == 0)
            g_assert_true (gtk_widget_activate_action (f->view, "measures.start", NULL));

          /* Every question, forward (0 skips) or back again (Backspace). */
          for (guint i = 0; i < 26; i++)
            {
              int tallest;

              test_spin (15);
              if (i == 0 && !forward)
                {
                  /* From the last page back to the last question. */
                  g_assert_true (gtk_widget_activate_action (f->view, "measures.back", NULL));
                  test_spin (15);
                }
              g_assert_cmpstr (visible_page (f), ==, "item");
              /* In the language asked for ("Question 1 of 26"). */
              g_assert_true (g_str_has_prefix (gtk_label_get_text (GTK_LABEL (find_named (
                                                 f->view, "progress_label"))),
                                               g_str_equal (language, "fi") ? "Kysymys "
                                                                            : "Fråga "));
              test_wait_until (answers_allocated, f, 5000, "the answers are laid out");
              tallest = tallest_answer (f);
              if (tallest > 48)
                g_error ("%d×%d, %s, %s, question %u: answers %d px tall", sizes[s][0],
                         sizes[s][1], language, dark ? "dark" : "light",
                         forward ? i + 1 : 26 - i, tallest);
              g_assert_cmpint (tallest, >=, 24);
              tallest_here = MAX (tallest_here, tallest);
              n_checked++;
              if (forward)
                press_key (f, GDK_KEY_0);
              else if (i < 25)
                press_key (f, GDK_KEY_BackSpace);
              else
                test_spin (5);
            }
          g_test_message ("%d×%d, %s, %s: answers at most %d px tall", sizes[s][0],
                          sizes[s][1], language, dark ? "dark" : "light", tallest_here);
          forward = !forward;
        }
  g_assert_cmpuint (n_checked, ==, G_N_ELEMENTS (sizes) * 2 * 26);

  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_DEFAULT);
}

int
main (int   argc,
      char *argv[])
{
  const char *language = NULL;

  /* --language fi|sv (measures-fi, measures-sv): the tests whose outcome depends on the
   * language, in it (LANGUAGE, which glibc honours only in a UTF-8 locale); without it, all
   * of them in English. */
  language = test_take_language (&argc, argv);
  test_bind_catalogs ();
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  g_setenv ("POLKU_INSTRUMENTS_DIR", "/nonexistent/polku-test", TRUE);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/measures/decimal-separator", test_decimal_separator);
  if (language != NULL)
    {
      ADD ("/measures/answer-heights", test_answer_heights);
      return g_test_run ();
    }
  ADD ("/measures/overview-and-chart", test_overview_and_chart);
  ADD ("/measures/keyboard-form", test_keyboard_form);
  ADD ("/measures/draft-resume", test_draft_resume);
  ADD ("/measures/paper", test_paper);
  ADD ("/measures/accessible-names", test_accessible_names);
  ADD ("/measures/switch-quickly", test_switch_quickly);
  ADD ("/measures/continuity-choice", test_continuity_choice);
  ADD ("/measures/continuity-narrow", test_continuity_narrow);
  ADD ("/measures/continuity-counted", test_continuity_counted);
#undef ADD
  g_test_add_func ("/measures/chart-legend-wraps", test_chart_legend_wraps);

  return g_test_run ();
}
