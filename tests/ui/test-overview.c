/* test-overview.c: the Overview view of a client's case, driven with a real store under Xvfb:
 * what it shows, the forms (flag a sign, consent gate, consent, team, follow-ups, notes), and
 * accessible names
 *
 * Copyright 2026 The Polku authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "polku-case-store.h"
#include "polku-consent-store.h"
#include "polku-coordinator-store.h"
#include "polku-date.h"
#include "polku-followup-store.h"
#include "polku-form-dialog.h"
#include "polku-overview-view.h"
#include "polku-store-private.h"
#include "polku-team-store.h"
#include "test-helpers.h"
#include "polku-client-store.h"

typedef struct
{
  char         *dir;
  PolkuProfile *profile;
  PolkuStore   *store;
  GtkWidget    *window;
  GtkWidget    *view;
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  f->store = test_make_store (GPOINTER_TO_UINT (data), &f->dir, &f->profile);
  polku_store_set_actor (f->store, "Sanna Koivisto");
  f->window = gtk_window_new ();
  f->view = polku_overview_view_new ();
  gtk_window_set_default_size (GTK_WINDOW (f->window), 800, 600);
  gtk_window_set_child (GTK_WINDOW (f->window), f->view);
  gtk_window_present (GTK_WINDOW (f->window));
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  test_destroy_window (GTK_WINDOW (f->window));
  test_release_store (&f->store);
  g_clear_object (&f->profile);
  test_remove_tree (f->dir);
  g_free (f->dir);
}

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

/* A label under @root shows @text (a toast's button label is a label too). */
static gboolean
has_label (GtkWidget  *root,
           const char *text)
{
  if (GTK_IS_LABEL (root) && g_strcmp0 (gtk_label_get_text (GTK_LABEL (root)), text) == 0)
    return TRUE;
  if (GTK_IS_BUTTON (root) && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (root)), text) == 0)
    return TRUE;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (has_label (child, text))
      return TRUE;
  return FALSE;
}

/* "case" or "empty": which of the two the view shows. */
static const char *
shown_state (Fixture *f)
{
  gboolean have_case = gtk_widget_get_visible (find_named (f->view, "case_box"));

  g_assert_true (have_case != gtk_widget_get_visible (find_named (f->view, "empty_page")));
  return have_case ? "case" : "empty";
}

/* The texts of all rows (titles and subtitles) under @root, joined by newlines. */
static void
collect_texts (GtkWidget *root,
               GString   *text)
{
  if (ADW_IS_PREFERENCES_ROW (root))
    g_string_append_printf (text, "%s\n",
                            adw_preferences_row_get_title (ADW_PREFERENCES_ROW (root)));
  if (ADW_IS_ACTION_ROW (root) && adw_action_row_get_subtitle (ADW_ACTION_ROW (root)) != NULL)
    g_string_append_printf (text, "%s\n", adw_action_row_get_subtitle (ADW_ACTION_ROW (root)));
  if (GTK_IS_LABEL (root))
    g_string_append_printf (text, "%s\n", gtk_label_get_text (GTK_LABEL (root)));
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_texts (child, text);
}

static char *
view_text (Fixture *f)
{
  GString *text = g_string_new (NULL);

  collect_texts (f->view, text);
  return g_string_free (text, FALSE);
}

static PolkuFormDialog *
find_form (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

      if (POLKU_IS_FORM_DIALOG (window) && gtk_widget_get_visible (GTK_WIDGET (window)))
        return POLKU_FORM_DIALOG (window);
    }
  return NULL;
}

static gboolean
form_shown (gpointer data)
{
  return find_form () != NULL;
}

/* Opens the form of @action and types the texts of the named rows ("key", "text", … NULL). */
static PolkuFormDialog *
open_form (Fixture    *f,
           const char *action,
           ...)
{
  PolkuFormDialog *form;
  const char *key;
  va_list args;

  g_assert_true (gtk_widget_activate_action_variant (f->view, action, NULL));
  test_wait_until (form_shown, NULL, 5000, "the form is shown");
  form = find_form ();

  va_start (args, action);
  while ((key = va_arg (args, const char *)) != NULL)
    polku_form_dialog_set_text (form, key, va_arg (args, const char *));
  va_end (args);
  return form;
}

/* Submits @form (closing it when it refuses) and waits until the view has read again. */
static void
submit_form (Fixture         *f,
             PolkuFormDialog *form)
{
  if (!polku_form_dialog_submit (form))
    gtk_window_destroy (GTK_WINDOW (form));
  test_spin (50);
  g_assert_null (find_form ());
  test_wait_loaded (f->view);
}

/* The local date @days from today, YYYY-MM-DD. */
static char *
days_from_today (int days)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) then = g_date_time_add_days (now, days);

  return g_date_time_format (then, "%Y-%m-%d");
}

static void
assert_review (Fixture    *f,
               const char *id,
               const char *expected)
{
  g_autoptr(PolkuCase) kase = polku_case_store_get (f->store, id, NULL);

  g_assert_nonnull (kase);
  g_assert_cmpstr (polku_case_get_review_on (kase), ==, expected);
}

static PolkuCasePhase
phase_of (Fixture    *f,
          const char *id)
{
  g_autoptr(PolkuCase) kase = polku_case_store_get (f->store, id, NULL);

  g_assert_nonnull (kase);
  return polku_case_get_phase_value (kase);
}

/* Every button has a text or an accessible name; every input sits in a titled row or has a
 * name of its own. */
static void
assert_accessible (GtkWidget *root)
{
  if (GTK_IS_BUTTON (root) && !GTK_IS_MENU_BUTTON (gtk_widget_get_parent (root))
      && gtk_button_get_label (GTK_BUTTON (root)) == NULL
      && gtk_widget_get_ancestor (root, ADW_TYPE_ENTRY_ROW) == NULL
      && gtk_widget_get_ancestor (root, ADW_TYPE_EXPANDER_ROW) == NULL)
    g_assert_true (gtk_test_accessible_has_property (GTK_ACCESSIBLE (root),
                                                     GTK_ACCESSIBLE_PROPERTY_LABEL));
  if ((GTK_IS_SWITCH (root) || GTK_IS_TEXT_VIEW (root))
      && gtk_widget_get_ancestor (root, ADW_TYPE_EXPANDER_ROW) == NULL)
    g_assert_true (gtk_test_accessible_has_property (GTK_ACCESSIBLE (root),
                                                     GTK_ACCESSIBLE_PROPERTY_LABEL));
  if (GTK_IS_BUTTON (root) && gtk_button_get_label (GTK_BUTTON (root)) != NULL
      && gtk_widget_get_ancestor (root, ADW_TYPE_ACTION_ROW) != NULL)
    g_assert_true (gtk_test_accessible_has_property (GTK_ACCESSIBLE (root),
                                                     GTK_ACCESSIBLE_PROPERTY_LABEL));
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    assert_accessible (child);
}

/* A demo client in coordination: everything of the case is on the page. */
/* Saves @client as Aino Virtanen (with an open case if @open_case) and shows it; returns its
 * id. */
static const char *
show_aino (Fixture     *f,
           PolkuClient *client,
           gboolean     open_case)
{
  g_autoptr(GError) error = NULL;

  polku_client_set_given_name (client, "Aino");
  polku_client_set_family_name (client, "Virtanen");
  g_assert_true (polku_client_store_save (f->store, client, &error));
  g_assert_no_error (error);
  if (open_case)
    {
      g_autoptr(PolkuCase) kase = polku_case_store_open (f->store, polku_client_get_id (client),
                                                         NULL, &error);

      g_assert_no_error (error);
      g_assert_nonnull (kase);
    }
  g_object_set (f->view, "store", f->store, "client", client, NULL);
  test_wait_loaded (f->view);
  return polku_client_get_id (client);
}

static void
test_shows_case (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  PolkuCaseFilter filter = POLKU_CASE_FILTER_INIT;
  g_autoptr(GPtrArray) cases = NULL;
  g_autoptr(PolkuClient) client = NULL;
  g_autoptr(GPtrArray) team = NULL;
  g_autoptr(GPtrArray) signs = NULL;
  g_autofree char *text = NULL;
  PolkuCase *kase;

  filter.phase = POLKU_CASE_PHASE_COORDINATION;
  cases = polku_case_store_list (f->store, &filter, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (cases->len, >, 0);
  kase = g_ptr_array_index (cases, 0);
  client = polku_client_store_get (f->store, polku_case_get_client_id (kase), &error);

  g_object_set (f->view, "store", f->store, "client", client, NULL);
  test_wait_loaded (f->view);
  g_assert_cmpstr (shown_state (f), ==, "case");

  text = view_text (f);
  g_assert_nonnull (strstr (text, "Care coordination"));
  g_assert_nonnull (strstr (text, "Phase history"));
  g_assert_nonnull (strstr (text, "Valid consent"));
  /* The coordinator apart from the responsible workers. */
  g_assert_nonnull (polku_case_get_coordinator (kase));
  g_assert_nonnull (strstr (text, polku_case_get_coordinator (kase)));
  g_assert_nonnull (strstr (text, "Responsible workers"));
  team = polku_team_store_list (f->store, polku_case_get_client_id (kase), FALSE, &error);
  for (guint i = 0; i < team->len; i++)
    g_assert_nonnull (strstr (text, polku_team_member_get_person (g_ptr_array_index (team,
                                                                                     i))));
  signs = polku_case_store_list_signs (f->store, polku_case_get_client_id (kase), FALSE,
                                       &error);
  for (guint i = 0; i < signs->len; i++)
    g_assert_nonnull (strstr (text, polku_case_sign_get_reason (g_ptr_array_index (signs, i))));

  assert_accessible (find_named (f->view, "case_box"));

  /* The view asks for the height its wrapped lines need at a narrow width, as its content
   * does (in a scrolled page a shorter answer cut off the last groups). */
  {
    GtkWidget *case_box = find_named (f->view, "case_box");
    int view_min, view_nat, box_min, box_nat;

    g_assert_cmpint (gtk_widget_get_request_mode (f->view), ==,
                     GTK_SIZE_REQUEST_HEIGHT_FOR_WIDTH);
    gtk_widget_measure (f->view, GTK_ORIENTATION_VERTICAL, 360, &view_min, &view_nat,
                        NULL, NULL);
    gtk_widget_measure (case_box, GTK_ORIENTATION_VERTICAL, 360, &box_min, &box_nat, NULL,
                        NULL);
    g_assert_cmpint (view_min, >=, box_min);
    g_assert_cmpint (view_nat, >=, box_nat);
  }

  /* No client: nothing of the last one is left. */
  g_object_set (f->view, "client", NULL, NULL);
  g_assert_false (polku_client_view_get_loading (POLKU_CLIENT_VIEW (f->view)));
  g_assert_cmpstr (shown_state (f), ==, "empty");
}

/* The row of the team member @person. */
static GtkWidget *
member_row (Fixture    *f,
            const char *person)
{
  GtkWidget *list = gtk_widget_get_parent (find_named (f->view, "team_button"));

  list = gtk_widget_get_ancestor (list, ADW_TYPE_PREFERENCES_GROUP);
  for (GtkWidget *row = test_find_widget (list, GTK_TYPE_LIST_BOX_ROW); row != NULL;
       row = gtk_widget_get_next_sibling (row))
    if (ADW_IS_ACTION_ROW (row)
        && g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), person) == 0)
      return row;
  g_assert_not_reached ();
}

/* The menu button of @person's row, or NULL when there is none. */
static GtkMenuButton *
member_menu (Fixture    *f,
             const char *person)
{
  GtkWidget *button = test_find_widget (member_row (f, person), GTK_TYPE_MENU_BUTTON);

  return button != NULL ? GTK_MENU_BUTTON (button) : NULL;
}

/* Asks @data (the window) for 360 px and the height its content needs at that width, until
 * it has the width: under Xvfb a window grows to new rows late (libadwaita 1.2's toast
 * overlay does not pass its content's new size on), and the size it took from an earlier
 * request would overwrite a newer one. */
static gboolean
window_is_narrow (gpointer data)
{
  GtkWindow *window = data;
  int min_height, width, height;

  gtk_widget_measure (GTK_WIDGET (window), GTK_ORIENTATION_VERTICAL, 360, &min_height, NULL,
                      NULL, NULL);
  gtk_window_get_default_size (window, &width, &height);
  if (width != 360 || height < min_height)
    gtk_window_set_default_size (window, 360, MAX (height, min_height));
  return gtk_widget_get_width (GTK_WIDGET (window)) == 360;
}

/* Buttons under @root; a menu button counts as one. */
static guint
count_buttons (GtkWidget *root)
{
  guint n = 0;

  if (GTK_IS_BUTTON (root) || GTK_IS_MENU_BUTTON (root))
    return 1;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    n += count_buttons (child);
  return n;
}

static GtkWidget *
find_label (GtkWidget  *root,
            const char *text)
{
  if (GTK_IS_LABEL (root) && g_strcmp0 (gtk_label_get_text (GTK_LABEL (root)), text) == 0)
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_label (child, text);
      if (found != NULL)
        return found;
    }
  return NULL;
}

/* @person's row shows one icon button, named for the person, and leaves the name room. */
static void
assert_member_row_roomy (Fixture    *f,
                         const char *person)
{
  GtkWidget *row = member_row (f, person);
  GtkMenuButton *menu = member_menu (f, person);
  g_autofree char *name = g_strdup_printf ("Actions for %s", person);
  GtkWidget *title = NULL;

  g_assert_nonnull (menu);
  g_assert_cmpstr (gtk_menu_button_get_icon_name (menu), ==, "view-more-symbolic");
  g_assert_cmpstr (gtk_widget_get_tooltip_text (GTK_WIDGET (menu)), ==, name);
  g_assert_true (gtk_test_accessible_has_property (GTK_ACCESSIBLE (menu),
                                                   GTK_ACCESSIBLE_PROPERTY_LABEL));
  g_assert_true (gtk_widget_get_focusable (GTK_WIDGET (menu))
                 || gtk_widget_get_focusable (gtk_widget_get_first_child (GTK_WIDGET (menu))));

  /* The menu is the row's only button. */
  g_assert_cmpuint (count_buttons (row), ==, 1);

  g_assert_cmpint (gtk_widget_get_width (f->window), ==, 360);
  title = find_label (row, person);
  g_assert_nonnull (title);
  g_assert_cmpint (gtk_widget_get_width (title), >=, 150);
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (menu)), <=, 48);
}

/* Finds the item of @action in @person's menu, checks its target and activates it. */
static void
activate_member_item (Fixture    *f,
                      const char *person,
                      const char *action,
                      const char *id)
{
  GtkMenuButton *menu = member_menu (f, person);
  GMenuModel *model;
  gboolean found = FALSE;

  g_assert_nonnull (menu);
  model = gtk_menu_button_get_menu_model (menu);
  g_assert_nonnull (model);
  for (int i = 0; i < g_menu_model_get_n_items (model); i++)
    {
      g_autoptr(GVariant) name = g_menu_model_get_item_attribute_value (model, i,
                                                                        G_MENU_ATTRIBUTE_ACTION,
                                                                        G_VARIANT_TYPE_STRING);
      g_autoptr(GVariant) target = g_menu_model_get_item_attribute_value (model, i,
                                                                          G_MENU_ATTRIBUTE_TARGET,
                                                                          G_VARIANT_TYPE_STRING);

      if (name == NULL || g_strcmp0 (g_variant_get_string (name, NULL), action) != 0)
        continue;
      g_assert_nonnull (target);
      g_assert_cmpstr (g_variant_get_string (target, NULL), ==, id);
      /* From the button, as the menu's popover does. */
      g_assert_true (gtk_widget_activate_action_variant (GTK_WIDGET (menu), action, target));
      found = TRUE;
    }
  g_assert_true (found);
}

/* A new client from the first sign to coordination, through the forms. */
static void
test_forms (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PolkuClient) client = polku_client_new ();
  g_autoptr(GPtrArray) list = NULL;
  g_autofree char *text = NULL;
  g_autofree char *yesterday = days_from_today (-1);
  g_autofree char *yesterday_shown = polku_date_format_user (yesterday);
  g_autofree char *date_text = NULL;
  PolkuFormDialog *form;
  const char *id;

  id = show_aino (f, client, FALSE);
  g_assert_cmpstr (shown_state (f), ==, "empty");

  /* A sign without a reason is refused; with one, the case opens. */
  form = open_form (f, "overview.add-sign", "service-point", "Yhteispäivystys", NULL);
  polku_form_dialog_set_choice (form, "group", "service_use");
  polku_form_dialog_set_choice (form, "item", "no_shows");
  submit_form (f, form);
  g_assert_null (polku_case_store_get (f->store, id, NULL));
  form = open_form (f, "overview.add-sign", "reason", "Yhdeksän päivystyskäyntiä.",
                    "service-point", "Yhteispäivystys", "flagged-on", yesterday_shown, NULL);
  polku_form_dialog_set_choice (form, "group", "service_use");
  polku_form_dialog_set_choice (form, "item", "no_shows");
  submit_form (f, form);
  g_assert_cmpstr (shown_state (f), ==, "case");
  list = polku_case_store_list_signs (f->store, id, FALSE, &error);
  g_assert_cmpuint (list->len, ==, 1);
  /* Typed d.m.yyyy, stored YYYY-MM-DD. */
  g_assert_cmpstr (polku_case_sign_get_flagged_on (g_ptr_array_index (list, 0)), ==, yesterday);
  g_assert_cmpstr (polku_case_sign_get_group_id (g_ptr_array_index (list, 0)), ==,
                   "service_use");
  g_assert_cmpstr (polku_case_sign_get_item_id (g_ptr_array_index (list, 0)), ==, "no_shows");
  g_clear_pointer (&list, g_ptr_array_unref);

  /* The consent gate. Without a consent the form proposes no phase the gate refuses (only
   * closing is allowed, and it needs a reason chosen on purpose); a refused phase is
   * explained in the form, whole, and nothing changes. */
  form = open_form (f, "overview.change-phase", NULL);
  g_assert_cmpstr (polku_form_dialog_get_choice (form, "phase"), ==,
                   polku_case_phase_to_code (POLKU_CASE_PHASE_CLOSED));
  polku_form_dialog_set_choice (form, "phase",
                                polku_case_phase_to_code (POLKU_CASE_PHASE_CONTACTED));
  g_assert_false (polku_form_dialog_submit (form));
  test_spin (20);
  g_assert_true (find_form () == form);
  g_assert_true (g_str_has_prefix (polku_form_dialog_get_message (form),
                                   "The case cannot move past identification. "));
  g_assert_cmpuint (strlen (polku_form_dialog_get_message (form)), >,
                    strlen ("The case cannot move past identification. "));
  submit_form (f, form);
  g_assert_cmpint (phase_of (f, id), ==, POLKU_CASE_PHASE_IDENTIFIED);

  /* The consent to contact (what the form proposes first), then the phase moves. */
  form = open_form (f, "overview.add-consent", NULL);
  g_assert_cmpstr (polku_form_dialog_get_choice (form, "kind"), ==, "contact");
  submit_form (f, form);
  list = polku_consent_store_list (f->store, id, &error);
  g_assert_cmpuint (list->len, ==, 1);
  g_assert_cmpstr (polku_consent_get_kind (g_ptr_array_index (list, 0)), ==, "contact");
  g_assert_null (polku_consent_get_organisations (g_ptr_array_index (list, 0))[0]);
  g_clear_pointer (&list, g_ptr_array_unref);
  g_assert_true (polku_consent_check_contact (f->store, id, NULL, NULL));
  /* Recording it offers to move the case on: the toast's button. */
  test_spin (300);
  g_assert_true (has_label (f->window, "Move to Consent"));
  g_assert_true (gtk_widget_activate_action (f->view, "overview.move-to-consent", NULL));
  test_wait_loaded (f->view);
  g_assert_cmpint (phase_of (f, id), ==, POLKU_CASE_PHASE_CONSENT);
  /* Now the form proposes the next phase, which the gate allows. */
  form = open_form (f, "overview.change-phase", NULL);
  g_assert_cmpstr (polku_form_dialog_get_choice (form, "phase"), ==,
                   polku_case_phase_to_code (POLKU_CASE_PHASE_CONTACTED));
  submit_form (f, form);
  g_assert_cmpint (phase_of (f, id), ==, POLKU_CASE_PHASE_CONTACTED);

  /* Closing needs a reason. */
  form = open_form (f, "overview.change-phase", NULL);
  polku_form_dialog_set_choice (form, "phase", polku_case_phase_to_code (POLKU_CASE_PHASE_CLOSED));
  submit_form (f, form);
  g_assert_cmpint (phase_of (f, id), ==, POLKU_CASE_PHASE_CONTACTED);

  /* Dates are typed d.m.yyyy (ISO pasted in works too) and shown that way when edited. */
  submit_form (f, open_form (f, "overview.set-review", "date", "5.3.2027", NULL));
  assert_review (f, id, "2027-03-05");
  form = open_form (f, "overview.set-review", NULL);
  date_text = polku_form_dialog_get_text (form, "date");
  g_assert_cmpstr (date_text, ==, "5.3.2027");
  gtk_window_destroy (GTK_WINDOW (form));
  test_spin (20);
  submit_form (f, open_form (f, "overview.set-review", "date", "2027-06-30", NULL));
  assert_review (f, id, "2027-06-30");
  /* A day that does not exist is refused with a message in the form, which stays open;
   * nothing changes. */
  form = open_form (f, "overview.set-review", "date", "31.4.2027", NULL);
  g_assert_false (polku_form_dialog_submit (form));
  test_spin (20);
  g_assert_true (find_form () == form);
  g_assert_cmpstr (polku_form_dialog_get_message (form), ==,
                   "“31.4.2027” is not a date: write it as d.m.yyyy, for example 4.3.2026.");
  submit_form (f, form);
  assert_review (f, id, "2027-06-30");

  /* Team: the first member becomes a responsible worker; naming another adds them. */
  submit_form (f, open_form (f, "overview.add-member", "person", "Sanna Koivisto", "role",
                             "Asiakasvastaava", "organisation", "Hyvinvointialue", NULL));
  form = open_form (f, "overview.add-member", "person", "Jukka Rautio", "role", "Omalääkäri",
                    "organisation", "Terveysasema", NULL);
  g_assert_false (polku_form_dialog_get_switch (form, "responsible"));
  polku_form_dialog_set_choice (form, "sector", "health");
  submit_form (f, form);
  list = polku_team_store_list (f->store, id, FALSE, &error);
  g_assert_cmpuint (list->len, ==, 2);
  g_assert_true (polku_team_member_get_responsible (g_ptr_array_index (list, 0)));
  g_assert_false (polku_team_member_get_responsible (g_ptr_array_index (list, 1)));
  g_assert_cmpstr (polku_team_member_get_sector (g_ptr_array_index (list, 1)), ==, "health");
  /* The responsible worker's row has a menu too: to stop being one, or leave. */
  g_assert_nonnull (member_menu (f, "Sanna Koivisto"));
  /* In a narrow window the member's name keeps its width beside the one menu button. */
  test_wait_until (window_is_narrow, f->window, 5000, "the window is 360 px wide");
  assert_member_row_roomy (f, "Jukka Rautio");
  g_assert_cmpint (gtk_widget_get_width (find_label (member_row (f, "Sanna Koivisto"),
                                                     "Sanna Koivisto")), >=, 150);
  /* The member's menu makes them the responsible worker. */
  activate_member_item (f, "Jukka Rautio", "overview.set-responsible",
                        polku_team_member_get_id (g_ptr_array_index (list, 1)));
  test_wait_loaded (f->view);
  g_clear_pointer (&list, g_ptr_array_unref);
  list = polku_team_store_list_responsible (f->store, id, &error);
  g_assert_cmpuint (list->len, ==, 2);
  g_clear_pointer (&list, g_ptr_array_unref);

  /* Follow-up, then done. */
  submit_form (f, open_form (f, "overview.add-followup", "title", "Soita asiakkaalle", NULL));
  list = polku_followup_store_list (f->store, id, FALSE, &error);
  g_assert_cmpuint (list->len, ==, 1);
  text = view_text (f);
  g_assert_nonnull (strstr (text, "Soita asiakkaalle"));
  g_clear_pointer (&text, g_free);
  g_assert_true (gtk_widget_activate_action (f->view, "overview.followup-done", "s",
                                             polku_followup_get_id (g_ptr_array_index (list,
                                                                                       0))));
  test_wait_loaded (f->view);
  g_clear_pointer (&list, g_ptr_array_unref);
  list = polku_followup_store_list (f->store, id, FALSE, &error);
  g_assert_cmpuint (list->len, ==, 0);
  g_clear_pointer (&list, g_ptr_array_unref);

  /* A note: its text has the focus. */
  form = open_form (f, "overview.add-note", "body", "Soittoaika aamupäivisin.", NULL);
  g_assert_true (GTK_IS_TEXT_VIEW (gtk_window_get_focus (GTK_WINDOW (form))));
  submit_form (f, form);
  list = polku_case_store_list_notes (f->store, id, &error);
  g_assert_cmpuint (list->len, ==, 1);
  g_clear_pointer (&list, g_ptr_array_unref);

  /* The view shows all of it. */
  text = view_text (f);
  g_assert_nonnull (strstr (text, "Contacted"));
  g_assert_nonnull (strstr (text, "Jukka Rautio"));
  g_assert_nonnull (strstr (text, "Yhdeksän päivystyskäyntiä."));
  g_assert_nonnull (strstr (text, "Soittoaika aamupäivisin."));
  g_assert_nonnull (strstr (text, "Valid consent"));
  /* The content: the toasts are libadwaita's own. */
  assert_accessible (find_named (f->view, "case_box"));
}

/* Each client gets a note of its own, to tell their pages apart. */
static void
add_own_note (Fixture     *f,
              PolkuClient *client)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *body = g_strdup_printf ("Oma muistiinpano %s", polku_client_get_id (client));
  g_autoptr(PolkuCaseNote) note = polku_case_store_add_note (f->store,
                                                            polku_client_get_id (client), body,
                                                            &error);

  g_assert_no_error (error);
}

static gboolean
shows_note_of (const char  *text,
               PolkuClient *client)
{
  g_autofree char *body = g_strdup_printf ("Oma muistiinpano %s", polku_client_get_id (client));

  return strstr (text, body) != NULL;
}

typedef struct
{
  Fixture *f;
  GString *seen;
} Seen;

/* Keeps what the view showed each time it finished loading. */
static void
loading_changed_cb (GObject    *view,
                    GParamSpec *pspec,
                    Seen       *seen)
{
  g_autofree char *text = NULL;

  if (polku_client_view_get_loading (POLKU_CLIENT_VIEW (view)))
    return;
  text = view_text (seen->f);
  g_string_append (seen->seen, text);
}

/* Two quick switches: the view clears the first client's case at once and shows only the
 * last client's when the reads are in. */
static void
test_switch_quickly (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  PolkuCaseFilter filter = POLKU_CASE_FILTER_INIT;
  g_autoptr(GPtrArray) cases = NULL;
  PolkuClient *clients[3];
  g_autofree char *text = NULL;
  Seen seen = { f, g_string_new (NULL) };
  gulong handler;

  filter.phase = POLKU_CASE_PHASE_COORDINATION;
  cases = polku_case_store_list (f->store, &filter, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (cases->len, >=, 3);
  for (guint i = 0; i < 3; i++)
    {
      clients[i] = polku_client_store_get (f->store,
                                           polku_case_get_client_id (g_ptr_array_index (cases,
                                                                                        i)),
                                           &error);
      g_assert_no_error (error);
      add_own_note (f, clients[i]);
    }

  g_object_set (f->view, "store", f->store, "client", clients[0], NULL);
  test_wait_loaded (f->view);
  text = view_text (f);
  g_assert_true (shows_note_of (text, clients[0]));
  g_clear_pointer (&text, g_free);

  handler = g_signal_connect (f->view, "notify::loading", G_CALLBACK (loading_changed_cb),
                              &seen);
  g_object_set (f->view, "client", clients[1], NULL);
  /* Nothing of the first client is left while the second one's case is read. */
  g_assert_true (polku_client_view_get_loading (POLKU_CLIENT_VIEW (f->view)));
  g_assert_false (gtk_widget_get_visible (find_named (f->view, "case_box")));
  text = view_text (f);
  g_assert_false (shows_note_of (text, clients[0]));
  g_clear_pointer (&text, g_free);
  g_object_set (f->view, "client", clients[2], NULL);
  g_assert_true (polku_client_view_get_loading (POLKU_CLIENT_VIEW (f->view)));

  test_wait_loaded (f->view);
  /* Let a late result of the second client's read come in too: it must be dropped. */
  test_spin (300);
  g_assert_false (polku_client_view_get_loading (POLKU_CLIENT_VIEW (f->view)));
  g_assert_cmpstr (shown_state (f), ==, "case");
  text = view_text (f);
  g_assert_true (shows_note_of (text, clients[2]));
  g_assert_false (shows_note_of (text, clients[0]));
  g_assert_false (shows_note_of (text, clients[1]));
  /* …nor was it ever, on the way. */
  g_signal_handler_disconnect (f->view, handler);
  g_assert_false (shows_note_of (seen.seen->str, clients[0]));
  g_assert_false (shows_note_of (seen.seen->str, clients[1]));
  g_assert_true (shows_note_of (seen.seen->str, clients[2]));
  g_string_free (seen.seen, TRUE);

  for (guint i = 0; i < 3; i++)
    g_object_unref (clients[i]);
}

/* The sign form asks who flagged the client first: the client's own report needs neither unit
 * nor person, a relative's may name the relative, a professional's needs both; the list
 * shows where each sign came from. */
static guint
count_rows_titled (GtkWidget  *root,
                   const char *title)
{
  guint n = ADW_IS_PREFERENCES_ROW (root)
            && g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (root)), title) == 0;

  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    n += count_rows_titled (child, title);
  return n;
}

/* Rows with a Retract button (the warning signs) whose subtitle is cut after some lines. */
static guint
count_sign_rows_cut (GtkWidget *root)
{
  guint n = 0;

  if (ADW_IS_ACTION_ROW (root) && adw_action_row_get_subtitle_lines (ADW_ACTION_ROW (root)) != 0)
    {
      GtkWidget *button = test_find_widget (root, GTK_TYPE_BUTTON);

      if (button != NULL && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (button)),
                                       "Re_tract") == 0)
        n++;
    }
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    n += count_sign_rows_cut (child);
  return n;
}

static void
test_sign_sources (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PolkuClient) client = polku_client_new ();
  g_autoptr(GPtrArray) list = NULL;
  g_autofree char *text = NULL;
  g_autofree char *person = NULL;
  PolkuFormDialog *form;
  const char *id;

  id = show_aino (f, client, FALSE);

  /* A professional's sign (the first choice) without its unit: refused in the form, which
   * stays open and says why. */
  form = open_form (f, "overview.add-sign", "reason", "Huoli jaksamisesta.", NULL);
  g_assert_cmpstr (polku_form_dialog_get_choice (form, "sector"), ==, "health");
  person = polku_form_dialog_get_text (form, "flagged-by");
  g_assert_cmpstr (person, ==, "Sanna Koivisto");
  g_clear_pointer (&person, g_free);
  g_assert_false (polku_form_dialog_submit (form));
  test_spin (20);
  g_assert_true (find_form () == form);
  g_assert_nonnull (strstr (polku_form_dialog_get_message (form), "unit"));

  /* The client themself: the recorder's name is not the flagger's, no unit is needed. */
  polku_form_dialog_set_choice (form, "sector", "client");
  person = polku_form_dialog_get_text (form, "flagged-by");
  g_assert_null (person);
  g_assert_nonnull (strstr (adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (form)),
                            "no unit or person"));
  submit_form (f, form);
  list = polku_case_store_list_signs (f->store, id, FALSE, &error);
  g_assert_cmpuint (list->len, ==, 1);
  g_assert_cmpstr (polku_case_sign_get_source_sector (g_ptr_array_index (list, 0)), ==,
                   "client");
  g_assert_null (polku_case_sign_get_service_point (g_ptr_array_index (list, 0)));
  g_assert_null (polku_case_sign_get_flagged_by (g_ptr_array_index (list, 0)));
  g_clear_pointer (&list, g_ptr_array_unref);

  /* A relative, by name; a professional with unit and person. */
  form = open_form (f, "overview.add-sign", "reason", "Tytär soitti.", NULL);
  polku_form_dialog_set_choice (form, "sector", "relative");
  polku_form_dialog_set_text (form, "flagged-by", "Liisa Virtanen (tytär)");
  submit_form (f, form);
  form = open_form (f, "overview.add-sign", "reason", "Kolme peruuttamatonta aikaa.",
                    "service-point", "Terveysasema", NULL);
  polku_form_dialog_set_choice (form, "sector", "social");
  polku_form_dialog_set_choice (form, "sector", "health");
  submit_form (f, form);
  list = polku_case_store_list_signs (f->store, id, FALSE, &error);
  g_assert_cmpuint (list->len, ==, 3);
  g_assert_cmpstr (polku_case_sign_get_flagged_by (g_ptr_array_index (list, 1)), ==,
                   "Liisa Virtanen (tytär)");
  g_assert_cmpstr (polku_case_sign_get_flagged_by (g_ptr_array_index (list, 2)), ==,
                   "Sanna Koivisto");

  text = view_text (f);
  g_assert_nonnull (strstr (text, " · The client themself\n"));
  g_assert_nonnull (strstr (text, " · A relative · Liisa Virtanen (tytär)\n"));
  g_assert_nonnull (strstr (text, " · Health care · Terveysasema · Sanna Koivisto\n"));
  /* the signs' subtitles are never cut off, however narrow the window */
  g_assert_cmpuint (count_sign_rows_cut (GTK_WIDGET (f->view)), ==, 0);
}

/* Closing offers the coded reasons: one must be chosen, "Other" needs words; the overview
 * shows the reason's label and the words. */
static void
test_close_form (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PolkuClient) client = polku_client_new ();
  g_autoptr(PolkuCase) kase = NULL;
  g_autofree char *text = NULL;
  PolkuFormDialog *form;
  const char *id;

  polku_client_set_given_name (client, "Bo");
  polku_client_set_family_name (client, "Lindqvist");
  g_assert_true (polku_client_store_save (f->store, client, &error));
  id = polku_client_get_id (client);
  kase = polku_case_store_open (f->store, id, NULL, &error);
  g_assert_no_error (error);
  g_object_set (f->view, "store", f->store, "client", client, NULL);
  test_wait_loaded (f->view);

  /* Closing with no reason chosen is refused in the form. */
  form = open_form (f, "overview.change-phase", NULL);
  polku_form_dialog_set_choice (form, "phase", polku_case_phase_to_code (POLKU_CASE_PHASE_CLOSED));
  g_assert_cmpstr (polku_form_dialog_get_choice (form, "closing-reason"), ==, "");
  g_assert_false (polku_form_dialog_submit (form));
  test_spin (20);
  g_assert_cmpstr (polku_form_dialog_get_message (form), ==, "Choose why the case is closed.");

  /* A reason means closing; another phase means none. */
  polku_form_dialog_set_choice (form, "phase",
                                polku_case_phase_to_code (POLKU_CASE_PHASE_IDENTIFIED));
  polku_form_dialog_set_choice (form, "closing-reason", "other");
  g_assert_cmpstr (polku_form_dialog_get_choice (form, "phase"), ==,
                   polku_case_phase_to_code (POLKU_CASE_PHASE_CLOSED));
  polku_form_dialog_set_choice (form, "phase",
                                polku_case_phase_to_code (POLKU_CASE_PHASE_CONSENT));
  g_assert_cmpstr (polku_form_dialog_get_choice (form, "closing-reason"), ==, "");

  /* "Other" without words is refused, with them it closes. */
  polku_form_dialog_set_choice (form, "closing-reason", "other");
  g_assert_false (polku_form_dialog_submit (form));
  test_spin (20);
  g_assert_true (find_form () == form);
  g_assert_cmpint (phase_of (f, id), ==, POLKU_CASE_PHASE_IDENTIFIED);
  polku_form_dialog_set_text (form, "reason", "Siirtyi palveluasumiseen.");
  submit_form (f, form);
  g_clear_object (&kase);
  kase = polku_case_store_get (f->store, id, &error);
  g_assert_cmpint (polku_case_get_phase_value (kase), ==, POLKU_CASE_PHASE_CLOSED);
  g_assert_cmpstr (polku_case_get_closed_code (kase), ==, "other");
  g_assert_cmpstr (polku_case_get_closed_reason (kase), ==, "Siirtyi palveluasumiseen.");
  text = view_text (f);
  g_assert_nonnull (strstr (text, " · Other reason: Siirtyi palveluasumiseen.\n"));
  g_clear_pointer (&text, g_free);

  /* Reopened and closed with a code alone: the label, not the code, and no words. */
  g_clear_object (&kase);
  kase = polku_case_store_set_phase (f->store, id, POLKU_CASE_PHASE_IDENTIFIED, NULL, NULL, NULL,
                                     &error);
  g_assert_no_error (error);
  polku_client_view_reload (POLKU_CLIENT_VIEW (f->view));
  test_wait_loaded (f->view);
  form = open_form (f, "overview.change-phase", NULL);
  polku_form_dialog_set_choice (form, "closing-reason", "moved_away");
  submit_form (f, form);
  text = view_text (f);
  g_assert_nonnull (strstr (text, " · Moved away from the area\n"));
  g_assert_null (strstr (text, "moved_away"));
}

/* The coordinator (with "Change…", the signed-in worker offered, and the history) and
 * several responsible workers, each added and removed from their own row. */
static void
test_coordinator_team (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PolkuClient) client = polku_client_new ();
  g_autoptr(PolkuCase) kase = NULL;
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(PolkuTeamMember) sanna = NULL;
  g_autoptr(PolkuTeamMember) jukka = NULL;
  g_autofree char *text = NULL;
  g_autofree char *person = NULL;
  PolkuFormDialog *form;
  const char *id;

  id = show_aino (f, client, TRUE);
  text = view_text (f);
  g_assert_nonnull (strstr (text, "None: the client is waiting in the queue"));
  g_assert_nonnull (strstr (text, "None named: the plan names no responsible worker"));
  g_clear_pointer (&text, g_free);

  /* The signed-in worker is offered; taking the client names them. */
  form = open_form (f, "overview.change-coordinator", NULL);
  person = polku_form_dialog_get_text (form, "person");
  g_assert_cmpstr (person, ==, "Sanna Koivisto");
  submit_form (f, form);
  kase = polku_case_store_get (f->store, id, &error);
  g_assert_cmpstr (polku_case_get_coordinator (kase), ==, "Sanna Koivisto");
  g_clear_object (&kase);
  text = view_text (f);
  g_assert_null (strstr (text, "Earlier coordinators"));
  g_clear_pointer (&text, g_free);
  /* The same person again is refused with the core's words; nothing changes. */
  submit_form (f, open_form (f, "overview.change-coordinator", NULL));
  list = polku_coordinator_store_list_history (f->store, id, &error);
  g_assert_cmpuint (list->len, ==, 1);
  g_clear_pointer (&list, g_ptr_array_unref);
  /* Handed over: the earlier one is in the history. */
  submit_form (f, open_form (f, "overview.change-coordinator", "person", "Minna Rautio",
                             NULL));
  text = view_text (f);
  g_assert_nonnull (strstr (text, "Minna Rautio · since"));
  g_assert_nonnull (strstr (text, "Earlier coordinators"));
  g_clear_pointer (&text, g_free);
  list = polku_coordinator_store_list_history (f->store, id, &error);
  g_assert_cmpuint (list->len, ==, 2);
  g_clear_pointer (&list, g_ptr_array_unref);

  /* Two responsible workers at once; each is removed from their own row. */
  {
    g_autoptr(PolkuTeamMember) draft = g_object_new (POLKU_TYPE_TEAM_MEMBER,
                                                     "client-id", id,
                                                     "person", "Sanna Koivisto",
                                                     "role", "Sosiaaliohjaaja",
                                                     "organisation", "Hyvinvointialue",
                                                     "sector", "social",
                                                     "responsible", TRUE, NULL);
    sanna = polku_team_store_add (f->store, draft, &error);
    g_assert_no_error (error);
  }
  {
    g_autoptr(PolkuTeamMember) draft = g_object_new (POLKU_TYPE_TEAM_MEMBER,
                                                     "client-id", id,
                                                     "person", "Jukka Rautio",
                                                     "role", "Omalääkäri",
                                                     "organisation", "Terveysasema",
                                                     "sector", "health",
                                                     "responsible", TRUE, NULL);
    jukka = polku_team_store_add (f->store, draft, &error);
    g_assert_no_error (error);
  }
  polku_client_view_reload (POLKU_CLIENT_VIEW (f->view));
  test_wait_loaded (f->view);
  text = view_text (f);
  g_assert_nonnull (strstr (text, "Sanna Koivisto, Jukka Rautio"));
  g_clear_pointer (&text, g_free);

  activate_member_item (f, "Sanna Koivisto", "overview.unset-responsible",
                        polku_team_member_get_id (sanna));
  test_wait_loaded (f->view);
  kase = polku_case_store_get (f->store, id, &error);
  g_assert_cmpstr (polku_case_get_responsible_workers (kase)[0], ==, "Jukka Rautio");
  g_assert_null (polku_case_get_responsible_workers (kase)[1]);
  g_clear_object (&kase);
  /* Made responsible again from the same row's menu. */
  activate_member_item (f, "Sanna Koivisto", "overview.set-responsible",
                        polku_team_member_get_id (sanna));
  test_wait_loaded (f->view);
  kase = polku_case_store_get (f->store, id, &error);
  g_assert_cmpuint (g_strv_length ((char **) polku_case_get_responsible_workers (kase)), ==, 2);
  g_clear_object (&kase);

  /* Both leave: allowed, and the overview warns that the plan names no one. */
  activate_member_item (f, "Jukka Rautio", "overview.leave-team",
                        polku_team_member_get_id (jukka));
  test_wait_loaded (f->view);
  activate_member_item (f, "Sanna Koivisto", "overview.leave-team",
                        polku_team_member_get_id (sanna));
  test_wait_loaded (f->view);
  text = view_text (f);
  g_assert_nonnull (strstr (text, "None named: the plan names no responsible worker"));
}

/* The coordinator's period ended without a successor (the coordinator left the service):
 * the client goes back to the queue, the history keeps the period, and a wrong date changes
 * nothing. */
static void
test_coordinator_end (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PolkuClient) client = polku_client_new ();
  g_autoptr(PolkuCase) kase = NULL;
  g_autoptr(PolkuCoordinatorPeriod) period = NULL;
  g_autoptr(GPtrArray) list = NULL;
  g_autofree char *text = NULL;
  g_autofree char *today = polku_date_today ();
  PolkuFormDialog *form;
  gboolean queued = FALSE;
  const char *id;

  /* Without a coordinator there is nothing to end. */
  id = show_aino (f, client, TRUE);
  g_assert_true (has_label (f->view, "_Change…"));
  g_assert_false (has_label (f->view, "_End…"));

  period = polku_coordinator_store_set (f->store, id, "Minna Rautio", NULL, &error);
  g_assert_no_error (error);
  polku_client_view_reload (POLKU_CLIENT_VIEW (f->view));
  test_wait_loaded (f->view);
  g_assert_true (has_label (f->view, "_End…"));

  /* A date that is not one: refused in the form, nothing changed. */
  form = open_form (f, "overview.end-coordinator", "date", "31.2.2026", NULL);
  g_assert_false (polku_form_dialog_submit (form));
  gtk_window_destroy (GTK_WINDOW (form));
  test_spin (50);
  kase = polku_case_store_get (f->store, id, &error);
  g_assert_cmpstr (polku_case_get_coordinator (kase), ==, "Minna Rautio");
  g_clear_object (&kase);

  /* Ended today: no coordinator, waiting in the queue, the period in the history. */
  submit_form (f, open_form (f, "overview.end-coordinator", NULL));
  kase = polku_case_store_get (f->store, id, &error);
  g_assert_no_error (error);
  g_assert_null (polku_case_get_coordinator (kase));
  list = polku_coordinator_store_list_history (f->store, id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 1);
  g_assert_cmpstr (polku_coordinator_period_get_ended_on (g_ptr_array_index (list, 0)), ==,
                   today);
  g_clear_pointer (&list, g_ptr_array_unref);
  list = polku_coordinator_store_list_queue (f->store, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < list->len; i++)
    queued |= g_strcmp0 (polku_coordinator_waiting_get_client_id (g_ptr_array_index (list, i)),
                         id) == 0;
  g_assert_true (queued);
  text = view_text (f);
  g_assert_nonnull (strstr (text, "None: the client is waiting in the queue"));
  g_assert_nonnull (strstr (text, "Earlier coordinators"));
  g_assert_nonnull (strstr (text, "Minna Rautio"));
  g_assert_false (has_label (f->view, "_End…"));
}

/* The row of @type titled @title under @root (e.g. a form's check group), or NULL. */
static GtkWidget *
find_row (GtkWidget  *root,
          GType       type,
          const char *title)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (root, type)
      && g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (root)), title) == 0)
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_row (child, type, title);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* The two consents apart: the consent to contact (what lets the case move on) and the
 * consents to share, with organisations picked from the county's list, never typed; a stored
 * organisation the list lacks is shown with a note. */
static void
test_consent_section (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PolkuClient) client = polku_client_new ();
  g_autoptr(GPtrArray) list = NULL;
  g_autofree char *text = NULL;
  g_autofree char *sql = NULL;
  g_autofree char *d30 = days_from_today (-30);
  PolkuFormDialog *form;
  GtkWidget *organisations;
  const char *id;
  sqlite3 *db;

  id = show_aino (f, client, FALSE);

  /* First the consent to contact: no organisations or parts to fill in. */
  form = open_form (f, "overview.add-consent", NULL);
  g_assert_cmpstr (polku_form_dialog_get_choice (form, "kind"), ==, "contact");
  organisations = find_row (GTK_WIDGET (form), ADW_TYPE_EXPANDER_ROW, "Organisations");
  g_assert_nonnull (organisations);
  g_assert_false (gtk_widget_get_visible (organisations));
  g_assert_false (gtk_widget_get_visible (find_row (GTK_WIDGET (form), ADW_TYPE_ACTION_ROW,
                                                    "Goals")));
  submit_form (f, form);
  text = view_text (f);
  g_assert_nonnull (strstr (text, "Valid consent to contact"));
  g_assert_nonnull (strstr (text, "None: nothing of the client’s data may be shared."));
  g_clear_pointer (&text, g_free);

  /* Then the form proposes a consent to share: organisations from the county's list. A
   * sharing consent that names none is refused, and nothing is recorded. */
  form = open_form (f, "overview.add-consent", NULL);
  g_assert_cmpstr (polku_form_dialog_get_choice (form, "kind"), ==, "sharing");
  organisations = find_row (GTK_WIDGET (form), ADW_TYPE_EXPANDER_ROW, "Organisations");
  g_assert_true (gtk_widget_get_visible (organisations));
  g_assert_cmpstr (adw_expander_row_get_subtitle (ADW_EXPANDER_ROW (organisations)), ==,
                   "None chosen");
  submit_form (f, form);
  list = polku_consent_store_list (f->store, id, &error);
  g_assert_cmpuint (list->len, ==, 1);
  g_clear_pointer (&list, g_ptr_array_unref);

  form = open_form (f, "overview.add-consent", NULL);
  polku_form_dialog_set_checked (form, "organisations", "kela", TRUE);
  polku_form_dialog_set_checked (form, "organisations", "tukipilari", TRUE);
  polku_form_dialog_set_checked (form, "parts", "measures", FALSE);
  organisations = find_row (GTK_WIDGET (form), ADW_TYPE_EXPANDER_ROW, "Organisations");
  g_assert_cmpstr (adw_expander_row_get_subtitle (ADW_EXPANDER_ROW (organisations)), ==,
                   "2 chosen");
  /* Switching the kind hides what a consent to contact does not name. */
  polku_form_dialog_set_choice (form, "kind", "contact");
  g_assert_false (gtk_widget_get_visible (organisations));
  polku_form_dialog_set_choice (form, "kind", "sharing");
  g_assert_true (gtk_widget_get_visible (organisations));
  g_assert_true (gtk_widget_get_visible (find_row (GTK_WIDGET (form), ADW_TYPE_ACTION_ROW,
                                                   "Goals")));
  submit_form (f, form);
  list = polku_consent_store_list (f->store, id, &error);
  g_assert_cmpuint (list->len, ==, 2);
  g_assert_cmpstr (polku_consent_get_kind (g_ptr_array_index (list, 1)), ==, "sharing");
  g_assert_cmpstr (polku_consent_get_organisations (g_ptr_array_index (list, 1))[0], ==, "kela");
  g_assert_cmpstr (polku_consent_get_organisations (g_ptr_array_index (list, 1))[1], ==,
                   "tukipilari");
  g_assert_false (g_strv_contains (polku_consent_get_parts (g_ptr_array_index (list, 1)),
                                   "measures"));
  g_assert_true (polku_consent_check (f->store, id, "tukipilari", "goals", NULL, NULL));
  g_assert_false (polku_consent_check (f->store, id, "tukipilari", "measures", NULL, NULL));

  /* An old consent with the names as typed: one the list has, and one it lacks. */
  db = polku_store_begin_use (f->store, &error);
  g_assert_no_error (error);
  sql = g_strdup_printf (
    "INSERT INTO consent (id, created, modified, client_id, given_on, given_by, method,"
    " recorded_by, kind) VALUES ('11111111-2222-4333-8444-555555555555', 'x', 'x', '%s', '%s',"
    " 'client', 'written', 'Sanna', 'sharing');"
    "INSERT INTO consent_organisation (id, created, modified, consent_id, organisation) VALUES"
    " ('31111111-2222-4333-8444-555555555555', 'x', 'x',"
    "  '11111111-2222-4333-8444-555555555555', 'FPA'),"
    " ('51111111-2222-4333-8444-555555555555', 'x', 'x',"
    "  '11111111-2222-4333-8444-555555555555', 'Kylän Kerho ry');"
    "INSERT INTO consent_part (id, created, modified, consent_id, part) VALUES"
    " ('61111111-2222-4333-8444-555555555555', 'x', 'x',"
    "  '11111111-2222-4333-8444-555555555555', 'goals');", id, d30);
  g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
  polku_store_end_use (f->store);
  polku_client_view_reload (POLKU_CLIENT_VIEW (f->view));
  test_wait_loaded (f->view);

  text = view_text (f);
  g_assert_nonnull (strstr (text, "Consents to share the plan"));
  g_assert_nonnull (strstr (text, "Social Insurance Institution (Kela), Tukipilari mental "
                                  "health association\n"));
  g_assert_nonnull (strstr (text, "Social Insurance Institution (Kela), Kylän Kerho ry (not in "
                                  "the county’s list)\n"));
  g_assert_nonnull (strstr (text, "Valid until withdrawn"));
  /* the method stands on its own after a dot: no capital letter after a comma */
  g_assert_nonnull (strstr (text, " · Written"));
  g_assert_null (strstr (text, ", Written"));
  /* The consents to share have a heading of their own, not a row dressed as one. */
  g_assert_cmpuint (count_rows_titled (GTK_WIDGET (f->view), "Consents to share the plan"), ==,
                    0);
  /* The consent to contact comes before the heading of the consents to share. */
  g_assert_true (strstr (text, "Valid consent to contact") < strstr (text, "Consents to share"));
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  g_unsetenv ("POLKU_CHECKLIST");

  g_test_add ("/overview/shows-case", Fixture, GUINT_TO_POINTER (30), fixture_setup,
              test_shows_case, fixture_teardown);
  g_test_add ("/overview/switch-quickly", Fixture, GUINT_TO_POINTER (30), fixture_setup,
              test_switch_quickly, fixture_teardown);
  g_test_add ("/overview/forms", Fixture, GUINT_TO_POINTER (0), fixture_setup, test_forms,
              fixture_teardown);
  g_test_add ("/overview/sign-sources", Fixture, GUINT_TO_POINTER (0), fixture_setup,
              test_sign_sources, fixture_teardown);
  g_test_add ("/overview/close-form", Fixture, GUINT_TO_POINTER (0), fixture_setup,
              test_close_form, fixture_teardown);
  g_test_add ("/overview/coordinator-team", Fixture, GUINT_TO_POINTER (0), fixture_setup,
              test_coordinator_team, fixture_teardown);
  g_test_add ("/overview/coordinator-end", Fixture, GUINT_TO_POINTER (0), fixture_setup,
              test_coordinator_end, fixture_teardown);
  g_test_add ("/overview/consent-section", Fixture, GUINT_TO_POINTER (0), fixture_setup,
              test_consent_section, fixture_teardown);
  return g_test_run ();
}
