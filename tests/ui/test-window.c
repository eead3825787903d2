/* test-window.c: the main window with a real database: search, editing, locking
 *
 * The tests run on a private D-Bus session bus without services, so a new profile has no
 * Secret Service and must be protected with a passphrase (the keyring path is tested in
 * tests/integration).
 *
 * Over 1,000 lines on purpose: every test here drives the same whole window (one fixture:
 * a profile, an unlock, a client list) through one flow a coordinator follows, and the
 * flows share its helpers. When a new area of the window gets tests of its own (more than a
 * handful), give it its own test-window-<area>.c with the fixture moved to test-helpers.h.
 *
 * Copyright 2026 The Polku authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "polku-a11y-private.h"
#include "polku-case-store.h"
#include "polku-client-editor-private.h"
#include "polku-client-filters-private.h"
#include "polku-client-list-private.h"
#include "polku-client-row.h"
#include "polku-followup-store.h"
#include "polku-followups-view.h"
#include "polku-hetu.h"
#include "polku-log-view.h"
#include "polku-overview-view.h"
#include "polku-plan-view-private.h"
#include "polku-unlock-page-private.h"
#include "polku-window-private.h"
#include "test-helpers.h"
#include "polku-client-store.h"

#define N_CLIENTS 30

typedef struct
{
  char         *dir;
  PolkuProfile *profile;
  PolkuStore   *store;
  PolkuWindow  *window;
} Fixture;

static gboolean
window_settled (gpointer data)
{
  return polku_window_get_settled (data);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  fixture->store = test_make_store (N_CLIENTS, &fixture->dir, &fixture->profile);
  fixture->window = polku_window_new_with_store (NULL, fixture->profile, fixture->store);
  gtk_window_present (GTK_WINDOW (fixture->window));
  test_wait_until (window_settled, fixture->window, 10000, "the clients are loaded");
}

/* A window that opens narrow (the size it remembers), so the leaflet folds. */
static void
fixture_set_up_narrow (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);

  g_settings_set_int (settings, "window-width", 360);
  g_settings_set_int (settings, "window-height", 600);
  fixture_set_up (fixture, data);
  g_settings_reset (settings, "window-width");
  g_settings_reset (settings, "window-height");
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  test_tear_down_window (GTK_WINDOW (fixture->window), &fixture->store, &fixture->profile, &fixture->dir);
}

static guint
n_visible (Fixture *fixture)
{
  return g_list_model_get_n_items (polku_window_get_visible_clients (fixture->window));
}

static gint64
n_stored (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;
  gint64 n = polku_client_store_count (fixture->store, &error);

  g_assert_no_error (error);
  return n;
}

/* Returns: (transfer none) (nullable): the client on the client page */
static PolkuClient *
shown_client (PolkuWindow *window)
{
  return polku_client_view_get_client (POLKU_CLIENT_VIEW (polku_window_get_client_page (window)));
}

static PolkuClient *
client_at (GListModel *model,
           guint       position)
{
  g_autoptr(PolkuClient) client = g_list_model_get_item (model, position);

  g_assert_nonnull (client);
  return client;
}

/* Types @query into the search entry and waits for the list to follow. */
static void
search (Fixture    *fixture,
        const char *query)
{
  gtk_editable_set_text (polku_window_get_search_entry (fixture->window), query);
  test_wait_until (window_settled, fixture->window, 5000, "the search is applied");
}

static guint
count_matches (Fixture    *fixture,
               const char *query)
{
  GListModel *all = polku_window_get_all_clients (fixture->window);
  guint n = 0;

  for (guint i = 0; i < g_list_model_get_n_items (all); i++)
    {
      PolkuClient *client = client_at (all, i);

      if (!polku_client_get_archived (client) && polku_client_matches (client, query))
        n++;
    }

  return n;
}

/* A row of the list shows a client. */
static gboolean
row_bound (gpointer data)
{
  GtkWidget *row = test_find_widget (data, POLKU_TYPE_CLIENT_ROW);

  return row != NULL && polku_client_row_get_client (POLKU_CLIENT_ROW (row)) != NULL;
}

static void
test_search (Fixture       *fixture,
             gconstpointer  data)
{
  GListModel *all = polku_window_get_all_clients (fixture->window);
  GListModel *visible = polku_window_get_visible_clients (fixture->window);
  PolkuClient *first = client_at (all, 0);
  g_autofree char *two_words = NULL;
  const char *queries[4];
  gboolean narrowed = FALSE;

  g_assert_cmpuint (g_list_model_get_n_items (all), ==, N_CLIENTS);
  g_assert_cmpuint (n_visible (fixture), ==, N_CLIENTS);
  g_assert_cmpstr (polku_window_get_list_state (fixture->window), ==, "list");
  test_wait_until (row_bound, fixture->window, 5000, "the list shows its rows");

  /* Sorted as the core sorts. */
  for (guint i = 1; i < n_visible (fixture); i++)
    g_assert_cmpint (polku_client_compare (client_at (visible, i - 1), client_at (visible, i)),
                     <=, 0);

  two_words = g_strdup_printf ("%s %s", polku_client_get_given_name (first),
                               polku_client_get_municipality (first));
  queries[0] = polku_client_get_family_name (first);
  queries[1] = polku_client_get_municipality (first);
  queries[2] = two_words;
  queries[3] = "a";

  for (guint i = 0; i < G_N_ELEMENTS (queries); i++)
    {
      guint expected = count_matches (fixture, queries[i]);

      search (fixture, queries[i]);
      g_assert_cmpuint (expected, >, 0);
      g_assert_cmpuint (n_visible (fixture), ==, expected);
      g_assert_cmpstr (polku_window_get_list_state (fixture->window), ==, "list");
      for (guint j = 0; j < n_visible (fixture); j++)
        g_assert_true (polku_client_matches (client_at (visible, j), queries[i]));
      narrowed |= expected < N_CLIENTS;
    }
  g_assert_true (narrowed);

  search (fixture, "qqxqzz");
  g_assert_cmpuint (n_visible (fixture), ==, 0);
  g_assert_cmpstr (polku_window_get_list_state (fixture->window), ==, "no-results");

  search (fixture, "");
  g_assert_cmpuint (n_visible (fixture), ==, N_CLIENTS);
  g_assert_cmpstr (polku_window_get_list_state (fixture->window), ==, "list");
}

/* Enter right after typing (before the entry's delayed search-changed) opens the client the
 * text names, not the first of the list as it was, nor nothing at all. */
static void
test_search_enter_at_once (Fixture       *fixture,
                           gconstpointer  data)
{
  GListModel *all = polku_window_get_all_clients (fixture->window);
  GListModel *visible = polku_window_get_visible_clients (fixture->window);
  GtkEditable *entry = polku_window_get_search_entry (fixture->window);
  PolkuClient *first = client_at (visible, 0);
  PolkuClient *other = NULL;
  PolkuClient *opened;

  for (guint i = 0; i < g_list_model_get_n_items (all) && other == NULL; i++)
    {
      PolkuClient *client = client_at (all, i);

      if (!polku_client_matches (client, polku_client_get_hetu (first)))
        other = client;
    }
  g_assert_nonnull (other);

  /* The first client is open and matches what was typed before. */
  search (fixture, polku_client_get_hetu (first));
  g_signal_emit_by_name (entry, "activate");
  g_assert_true (shown_client (fixture->window) == first);

  gtk_editable_set_text (entry, polku_client_get_hetu (other));
  g_signal_emit_by_name (entry, "activate");
  opened = shown_client (fixture->window);
  g_assert_true (opened == other);
  test_wait_until (window_settled, fixture->window, 5000, "the search is applied");
  g_assert_true (shown_client (fixture->window) == other);
  test_wait_tree_loaded (GTK_WIDGET (fixture->window));
}

/* Presses @keyval with @state on @widget, as its own key controller (the last one added)
 * sees it. Returns: whether the press was handled */
static gboolean
press_key (GtkWidget       *widget,
           guint            keyval,
           GdkModifierType  state)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);
  GtkEventController *key = NULL;
  gboolean handled = FALSE;

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_EVENT_CONTROLLER_KEY (controller))
        key = GTK_EVENT_CONTROLLER (controller);
    }
  g_assert_nonnull (key);
  g_signal_emit_by_name (key, "key-pressed", keyval, 0, state, &handled);
  return handled;
}

/* Down in the search entry selects the first match of what was typed (at once, before the
 * entry's delayed search-changed) and moves the focus to the list; with no match, or with a
 * modifier, it does nothing. */
static void
test_search_down_goes_to_list (Fixture       *fixture,
                               gconstpointer  data)
{
  GListModel *all = polku_window_get_all_clients (fixture->window);
  GListModel *visible = polku_window_get_visible_clients (fixture->window);
  GtkSingleSelection *selection = GTK_SINGLE_SELECTION (visible);
  GtkEditable *entry = polku_window_get_search_entry (fixture->window);
  PolkuClient *last = client_at (visible, n_visible (fixture) - 1);
  GtkWidget *focus;

  g_assert_cmpuint (g_list_model_get_n_items (all), ==, N_CLIENTS);
  gtk_widget_grab_focus (GTK_WIDGET (entry));

  search (fixture, "qqxqzz");
  g_assert_false (press_key (GTK_WIDGET (entry), GDK_KEY_Down, 0));
  g_assert_null (gtk_single_selection_get_selected_item (selection));

  gtk_editable_set_text (entry, polku_client_get_hetu (last));
  g_assert_false (press_key (GTK_WIDGET (entry), GDK_KEY_Down, GDK_SHIFT_MASK));
  g_assert_null (gtk_single_selection_get_selected_item (selection));

  g_assert_true (press_key (GTK_WIDGET (entry), GDK_KEY_Down, 0));
  g_assert_true (gtk_single_selection_get_selected_item (selection) == last);
  focus = gtk_root_get_focus (GTK_ROOT (fixture->window));
  g_assert_nonnull (focus);
  g_assert_true (GTK_IS_LIST_VIEW (focus)
                 || GTK_IS_LIST_VIEW (gtk_widget_get_ancestor (focus, GTK_TYPE_LIST_VIEW)));
  g_assert_false (gtk_widget_is_ancestor (focus, GTK_WIDGET (entry)));
  test_wait_tree_loaded (GTK_WIDGET (fixture->window));
}

static gboolean
leaflet_folded (gpointer data)
{
  return adw_leaflet_get_folded (data);
}

/* Folded, opening a client from the list shows its page (and nothing warns); Alt+Left's
 * action goes back to the list. */
static void
test_folded_opens_client (Fixture       *fixture,
                          gconstpointer  data)
{
  GtkWidget *root = GTK_WIDGET (fixture->window);
  AdwLeaflet *leaflet = ADW_LEAFLET (test_find_widget (root, ADW_TYPE_LEAFLET));
  GtkWidget *list_view =
    test_find_client_list_view (GTK_WIDGET (polku_window_get_client_list (fixture->window)));
  PolkuClientPage *page = polku_window_get_client_page (fixture->window);

  g_assert_nonnull (list_view);
  test_wait_until (leaflet_folded, leaflet, 5000, "the narrow window folds");
  g_assert_false (gtk_widget_is_ancestor (GTK_WIDGET (page),
                                          adw_leaflet_get_visible_child (leaflet)));

  /* A row selected (as the pointer passes over it) is not opened yet. */
  gtk_single_selection_set_selected (
    GTK_SINGLE_SELECTION (polku_window_get_visible_clients (fixture->window)), 1);
  g_assert_null (shown_client (fixture->window));

  g_signal_emit_by_name (list_view, "activate", 0);
  g_assert_nonnull (shown_client (fixture->window));
  g_assert_cmpstr (polku_window_get_content_page (fixture->window), ==, "client");
  g_assert_true (gtk_widget_is_ancestor (GTK_WIDGET (page),
                                         adw_leaflet_get_visible_child (leaflet)));
  test_wait_tree_loaded (root);

  g_assert_true (gtk_widget_activate_action (root, "win.show-list", NULL));
  g_assert_false (gtk_widget_is_ancestor (GTK_WIDGET (page),
                                          adw_leaflet_get_visible_child (leaflet)));
}

static void
test_archive (Fixture       *fixture,
              gconstpointer  data)
{
  GListModel *visible = polku_window_get_visible_clients (fixture->window);
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  g_autoptr(PolkuClient) client = NULL;
  g_autoptr(PolkuClient) stored = NULL;
  g_autoptr(GError) error = NULL;

  gtk_single_selection_set_selected (GTK_SINGLE_SELECTION (visible), 3);
  test_wait_tree_loaded (GTK_WIDGET (fixture->window));
  client = g_object_ref (client_at (visible, 3));
  g_assert_true (shown_client (fixture->window) == client);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window),
                                             "win.toggle-archived", NULL));
  g_assert_true (polku_client_get_archived (client));
  stored = polku_client_store_get (fixture->store, polku_client_get_id (client), &error);
  g_assert_no_error (error);
  g_assert_true (polku_client_get_archived (stored));

  /* Hidden from the list, and nothing is selected any more. */
  g_assert_cmpuint (n_visible (fixture), ==, N_CLIENTS - 1);
  g_assert_null (shown_client (fixture->window));

  g_settings_set_boolean (settings, "show-archived", TRUE);
  g_assert_cmpuint (n_visible (fixture), ==, N_CLIENTS);
  g_settings_set_boolean (settings, "show-archived", FALSE);
  g_assert_cmpuint (n_visible (fixture), ==, N_CLIENTS - 1);
  g_settings_reset (settings, "show-archived");
}

/* The open client editor, if any. */
static PolkuClientEditor *
find_editor (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

      if (POLKU_IS_CLIENT_EDITOR (window))
        return POLKU_CLIENT_EDITOR (window);
    }

  return NULL;
}

static char *
wrong_check_character (const char *valid)
{
  static const char checks[] = "0123456789ABCDEFHJKLMNPRSTUVWXY";
  char *wrong = g_strdup (valid);

  wrong[10] = checks[(strchr (checks, valid[10]) - checks + 1) % (sizeof checks - 1)];
  g_assert_cmpint (wrong[10], !=, valid[10]);
  return wrong;
}

/* An identity code no demo client has. */
static char *
unused_hetu (Fixture *fixture)
{
  GListModel *all = polku_window_get_all_clients (fixture->window);
  GDate date;

  g_date_clear (&date, 1);
  g_date_set_dmy (&date, 13, G_DATE_OCTOBER, 1952);

  for (guint individual = 308; individual < 900; individual++)
    {
      g_autofree char *hetu = polku_hetu_build (&date, individual);
      gboolean used = FALSE;

      for (guint i = 0; i < g_list_model_get_n_items (all) && !used; i++)
        used = g_strcmp0 (polku_client_get_hetu (client_at (all, i)), hetu) == 0;
      if (!used)
        return g_steal_pointer (&hetu);
    }

  g_assert_not_reached ();
}

static void
test_editor_refuses_wrong_hetu (Fixture       *fixture,
                                gconstpointer  data)
{
  PolkuClientEditor *editor = polku_window_open_editor (fixture->window, NULL);
  g_autofree char *valid = unused_hetu (fixture);
  g_autofree char *wrong = wrong_check_character (valid);
  g_autofree char *lower = g_ascii_strdown (valid, -1);
  GtkEditable *hetu_entry;
  PolkuClient *added;
  GtkWidget *alive = NULL;

  g_assert_nonnull (editor);
  g_set_weak_pointer (&alive, GTK_WIDGET (editor));
  hetu_entry = polku_client_editor_get_entry (editor, "hetu");

  gtk_editable_set_text (polku_client_editor_get_entry (editor, "given-name"), "Testi");
  gtk_editable_set_text (polku_client_editor_get_entry (editor, "family-name"), "Asiakas");
  g_assert_true (polku_client_editor_get_can_save (editor));

  /* Still being typed: a hint, not yet an error, and no saving. */
  gtk_editable_set_text (hetu_entry, "131052");
  g_assert_false (polku_client_editor_get_can_save (editor));
  g_assert_nonnull (polku_client_editor_get_hetu_message (editor));
  g_assert_false (gtk_widget_has_css_class (GTK_WIDGET (hetu_entry), "error"));

  /* A wrong check character: an error, and Save refuses. */
  gtk_editable_set_text (hetu_entry, wrong);
  g_assert_false (polku_client_editor_get_can_save (editor));
  g_assert_nonnull (polku_client_editor_get_hetu_message (editor));
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (hetu_entry), "error"));
  gtk_widget_activate_action (GTK_WIDGET (editor), "editor.save", NULL);
  test_spin (20);
  g_assert_nonnull (alive);
  g_assert_cmpint (n_stored (fixture), ==, N_CLIENTS);
  g_assert_cmpuint (g_list_model_get_n_items (polku_window_get_all_clients (fixture->window)),
                    ==, N_CLIENTS);

  /* Lower case is fine; the date of birth follows from the code. */
  gtk_editable_set_text (hetu_entry, lower);
  g_assert_true (polku_client_editor_get_can_save (editor));
  g_assert_null (polku_client_editor_get_hetu_message (editor));
  g_assert_false (gtk_widget_has_css_class (GTK_WIDGET (hetu_entry), "error"));
  g_assert_cmpstr (gtk_editable_get_text (polku_client_editor_get_entry (editor, "birth-date")),
                   ==, "13.10.1952");

  gtk_widget_activate_action (GTK_WIDGET (editor), "editor.save", NULL);
  test_wait_until (window_settled, fixture->window, 5000, "the list is updated");
  g_assert_null (alive);
  g_assert_cmpint (n_stored (fixture), ==, N_CLIENTS + 1);
  g_assert_cmpuint (n_visible (fixture), ==, N_CLIENTS + 1);

  /* The new client is selected and shown. */
  added = shown_client (fixture->window);
  g_assert_nonnull (added);
  g_assert_cmpstr (polku_client_get_family_name (added), ==, "Asiakas");
  g_assert_cmpstr (polku_client_get_hetu (added), ==, valid);
  /* Shown d.m.yyyy, stored YYYY-MM-DD. */
  g_assert_cmpstr (polku_client_get_birth_date (added), ==, "1952-10-13");
  g_assert_nonnull (polku_client_get_id (added));
}

static void
test_editor_failed_save_changes_nothing (Fixture       *fixture,
                                         gconstpointer  data)
{
  GListModel *visible = polku_window_get_visible_clients (fixture->window);
  g_autoptr(PolkuClient) client = g_object_ref (client_at (visible, 0));
  PolkuClient *other = client_at (visible, 1);
  g_autofree char *family_name = g_strdup (polku_client_get_family_name (client));
  g_autofree char *hetu = g_strdup (polku_client_get_hetu (client));
  g_autoptr(PolkuClient) stored = NULL;
  g_autoptr(GError) error = NULL;
  PolkuClientEditor *editor;
  GtkWidget *alive = NULL;

  g_assert_nonnull (polku_client_get_hetu (other));

  gtk_single_selection_set_selected (GTK_SINGLE_SELECTION (visible), 0);
  test_wait_tree_loaded (GTK_WIDGET (fixture->window));
  g_assert_null (find_editor ());
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.edit-client",
                                             NULL));
  editor = find_editor ();
  g_assert_nonnull (editor);
  g_set_weak_pointer (&alive, GTK_WIDGET (editor));
  g_assert_true (polku_client_editor_get_client (editor) == client);

  /* Another client's identity code: valid, but the database refuses it. */
  gtk_editable_set_text (polku_client_editor_get_entry (editor, "family-name"), "Muutettu");
  gtk_editable_set_text (polku_client_editor_get_entry (editor, "hetu"),
                         polku_client_get_hetu (other));

  /* A date of birth that is not a date: refused before the database is asked, row marked. */
  gtk_editable_set_text (polku_client_editor_get_entry (editor, "birth-date"), "31.2.1950");
  gtk_widget_activate_action (GTK_WIDGET (editor), "editor.save", NULL);
  test_spin (20);
  g_assert_nonnull (alive);
  g_assert_nonnull (polku_client_editor_get_error (editor));
  g_assert_true (gtk_widget_has_css_class (
    GTK_WIDGET (polku_client_editor_get_entry (editor, "birth-date")), "error"));

  gtk_editable_set_text (polku_client_editor_get_entry (editor, "birth-date"), "");
  g_assert_true (polku_client_editor_get_can_save (editor));
  gtk_widget_activate_action (GTK_WIDGET (editor), "editor.save", NULL);
  test_spin (20);

  g_assert_nonnull (alive);
  g_assert_nonnull (polku_client_editor_get_error (editor));
  g_assert_cmpstr (polku_client_get_family_name (client), ==, family_name);
  g_assert_cmpstr (polku_client_get_hetu (client), ==, hetu);
  stored = polku_client_store_get (fixture->store, polku_client_get_id (client), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (polku_client_get_family_name (stored), ==, family_name);

  /* Escape cancels. */
  gtk_widget_activate_action (GTK_WIDGET (editor), "editor.cancel", NULL);
  test_spin (20);
  g_assert_null (alive);
  g_assert_cmpstr (polku_client_get_family_name (client), ==, family_name);
}

static void
test_editor_edits (Fixture       *fixture,
                   gconstpointer  data)
{
  GListModel *visible = polku_window_get_visible_clients (fixture->window);
  g_autoptr(PolkuClient) client = NULL;
  g_autoptr(PolkuClient) stored = NULL;
  g_autoptr(GError) error = NULL;
  PolkuClientEditor *editor;

  gtk_single_selection_set_selected (GTK_SINGLE_SELECTION (visible), 2);
  test_wait_tree_loaded (GTK_WIDGET (fixture->window));
  client = g_object_ref (client_at (visible, 2));

  editor = polku_window_open_editor (fixture->window, client);
  gtk_editable_set_text (polku_client_editor_get_entry (editor, "municipality"), "Utsjoki");
  gtk_editable_set_text (polku_client_editor_get_entry (editor, "family-name"), "Äärelä");
  gtk_widget_activate_action (GTK_WIDGET (editor), "editor.save", NULL);
  test_wait_until (window_settled, fixture->window, 5000, "the list is updated");

  /* The listed object changed, the store has it, and it stays selected where it sorts. */
  g_assert_cmpstr (polku_client_get_municipality (client), ==, "Utsjoki");
  stored = polku_client_store_get (fixture->store, polku_client_get_id (client), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (polku_client_get_municipality (stored), ==, "Utsjoki");
  g_assert_cmpuint (n_visible (fixture), ==, N_CLIENTS);
  g_assert_true (gtk_single_selection_get_selected_item (GTK_SINGLE_SELECTION (visible))
                 == client);
  g_assert_true (shown_client (fixture->window) == client);
  for (guint i = 1; i < n_visible (fixture); i++)
    g_assert_cmpint (polku_client_compare (client_at (visible, i - 1), client_at (visible, i)),
                     <=, 0);
}

static gboolean
widget_mapped (gpointer data)
{
  return gtk_widget_get_mapped (data);
}

/* What the window does with a key press that no focused widget took: runs the managed
 * shortcuts of its widgets, those of a widget that is mapped and sensitive (on screen).
 * Returns: whether a shortcut for @accel ran */
static gboolean
run_managed_shortcut (GtkWidget          *widget,
                      GtkShortcutTrigger *trigger)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);

  if (!gtk_widget_get_mapped (widget) || !gtk_widget_is_sensitive (widget))
    return FALSE;
  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

      if (!GTK_IS_SHORTCUT_CONTROLLER (controller)
          || gtk_shortcut_controller_get_scope (GTK_SHORTCUT_CONTROLLER (controller))
               != GTK_SHORTCUT_SCOPE_MANAGED)
        continue;
      for (guint j = 0; j < g_list_model_get_n_items (G_LIST_MODEL (controller)); j++)
        {
          g_autoptr(GtkShortcut) shortcut = g_list_model_get_item (G_LIST_MODEL (controller), j);

          if (gtk_shortcut_trigger_equal (gtk_shortcut_get_trigger (shortcut), trigger)
              && gtk_shortcut_action_activate (gtk_shortcut_get_action (shortcut), 0, widget,
                                               gtk_shortcut_get_arguments (shortcut)))
            return TRUE;
        }
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (run_managed_shortcut (child, trigger))
      return TRUE;
  return FALSE;
}

static gboolean
press_shortcut (PolkuWindow *window,
                const char  *accel)
{
  g_autoptr(GtkShortcutTrigger) trigger = gtk_shortcut_trigger_parse_string (accel);

  g_assert_nonnull (trigger);
  return run_managed_shortcut (GTK_WIDGET (window), trigger);
}

static gboolean
focus_in (PolkuWindow *window,
          GtkWidget   *widget)
{
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (window));

  return focus != NULL && (focus == widget || gtk_widget_is_ancestor (focus, widget));
}

/* Puts the focus in the client list, outside the client page. */
static void
focus_client_list (Fixture *fixture)
{
  GtkWidget *list = GTK_WIDGET (polku_window_get_client_list (fixture->window));

  g_assert_true (gtk_widget_child_focus (list, GTK_DIR_TAB_FORWARD));
  g_assert_true (focus_in (fixture->window, list));
}

typedef struct
{
  PolkuWindow *window;
  GtkWidget   *widget;
} FocusWait;

static gboolean
focus_arrived (gpointer data)
{
  FocusWait *wait = data;

  return focus_in (wait->window, wait->widget);
}

/* Alt+1 … Alt+5 show the client page's tabs wherever the focus is, and put the focus in the
 * tab shown; with no client page on screen they do nothing. */
static void
test_tab_shortcuts (Fixture       *fixture,
                    gconstpointer  data)
{
  GListModel *visible = polku_window_get_visible_clients (fixture->window);
  PolkuClientPage *page = polku_window_get_client_page (fixture->window);
  GtkWidget *root = GTK_WIDGET (fixture->window);
  struct { const char *accel; const char *tab; GType type; } tabs[] = {
    { "<Alt>2", "plan", POLKU_TYPE_PLAN_VIEW },
    { "<Alt>5", "log", POLKU_TYPE_LOG_VIEW },
    { "<Alt>1", "overview", POLKU_TYPE_OVERVIEW_VIEW },
  };

  gtk_single_selection_set_selected (GTK_SINGLE_SELECTION (visible), 1);
  test_wait_until (widget_mapped, page, 5000, "the client page is on screen");
  test_wait_tree_loaded (root);
  g_assert_cmpstr (polku_client_page_get_visible_tab (page), ==, "overview");

  for (guint i = 0; i < G_N_ELEMENTS (tabs); i++)
    {
      FocusWait wait = { fixture->window, test_find_widget (GTK_WIDGET (page), tabs[i].type) };

      g_assert_nonnull (wait.widget);
      focus_client_list (fixture);
      g_assert_true (press_shortcut (fixture->window, tabs[i].accel));
      g_assert_cmpstr (polku_client_page_get_visible_tab (page), ==, tabs[i].tab);
      test_wait_tree_loaded (root);
      test_wait_until (focus_arrived, &wait, 5000, "the focus moves into the tab");
    }

  g_assert_true (press_shortcut (fixture->window, "<Alt>3"));
  g_assert_cmpstr (polku_client_page_get_visible_tab (page), ==, "measures");
  g_assert_true (press_shortcut (fixture->window, "<Alt>4"));
  g_assert_cmpstr (polku_client_page_get_visible_tab (page), ==, "contacts");
  test_wait_tree_loaded (root);

  /* The follow-ups replace the client page: its shortcuts are off screen with it. */
  g_assert_true (gtk_widget_activate_action (root, "win.show-followups", NULL));
  g_assert_false (press_shortcut (fixture->window, "<Alt>2"));
  test_wait_tree_loaded (root);
}

static GtkWidget *
find_by_buildable_id (GtkWidget  *root,
                      const char *id)
{
  if (g_strcmp0 (gtk_buildable_get_buildable_id (GTK_BUILDABLE (root)), id) == 0)
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_by_buildable_id (child, id);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* Every mapped button with a mnemonic under @widget: its accessible name has no underscore
 * (GTK 4.8 reads "_Done" aloud; polku-a11y fixes it). Returns how many were checked. */
static guint
check_mnemonic_names (GtkWidget *widget)
{
  guint n = 0;
  const char *label = NULL;
  gboolean underline = FALSE;

  if (!gtk_widget_get_mapped (widget))
    return 0;
  if (GTK_IS_BUTTON (widget))
    {
      label = gtk_button_get_label (GTK_BUTTON (widget));
      underline = gtk_button_get_use_underline (GTK_BUTTON (widget));
    }
  else if (GTK_IS_CHECK_BUTTON (widget))
    {
      label = gtk_check_button_get_label (GTK_CHECK_BUTTON (widget));
      underline = gtk_check_button_get_use_underline (GTK_CHECK_BUTTON (widget));
    }
  if (label != NULL && underline && strchr (label, '_') != NULL)
    {
      g_autofree char *spoken = polku_a11y_strip_mnemonic (label);
      g_autofree char *raw = gtk_test_accessible_check_property (GTK_ACCESSIBLE (widget),
                                                                GTK_ACCESSIBLE_PROPERTY_LABEL,
                                                                label);

      /* Named without the underscore (the label, or a name set on purpose), and only once:
       * GTK 4.8 would say the mnemonic label's relation after the label property. */
      g_assert_true (gtk_test_accessible_has_property (GTK_ACCESSIBLE (widget),
                                                       GTK_ACCESSIBLE_PROPERTY_LABEL));
      if (raw == NULL)
        g_error ("the button “%s” is read with its underscore", label);
      if (gtk_test_accessible_has_relation (GTK_ACCESSIBLE (widget),
                                            GTK_ACCESSIBLE_RELATION_LABELLED_BY))
        g_error ("the button “%s” is also named by its mnemonic label", label);
      g_assert_null (strchr (spoken, '_'));
      n++;
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    n += check_mnemonic_names (child);
  return n;
}

/* Screen readers hear "Done", not "_Done", on every tab of a client's page. */
static void
test_mnemonic_names (Fixture       *fixture,
                     gconstpointer  data)
{
  GListModel *visible = polku_window_get_visible_clients (fixture->window);
  PolkuClientPage *page = polku_window_get_client_page (fixture->window);
  GtkWidget *root = GTK_WIDGET (fixture->window);
  const char *accels[] = { "<Alt>1", "<Alt>2", "<Alt>3", "<Alt>4", "<Alt>5" };
  g_autofree char *spoken = NULL;
  guint n = 0;

  gtk_single_selection_set_selected (GTK_SINGLE_SELECTION (visible), 1);
  test_wait_until (widget_mapped, page, 5000, "the client page is on screen");
  for (guint i = 0; i < G_N_ELEMENTS (accels); i++)
    {
      g_assert_true (press_shortcut (fixture->window, accels[i]));
      test_wait_tree_loaded (root);
      test_spin (10);
      n += check_mnemonic_names (root);
    }
  g_assert_cmpuint (n, >, 5);

  /* and the tabs scroll under a line below the client's name, not under bare text */
  {
    GtkWidget *name_bar = find_by_buildable_id (GTK_WIDGET (page), "name_bar");

    g_assert_nonnull (name_bar);
    g_assert_true (GTK_IS_SEPARATOR (gtk_widget_get_next_sibling (name_bar)));
    g_assert_true (gtk_widget_get_mapped (gtk_widget_get_next_sibling (name_bar)));
  }
  spoken = polku_a11y_strip_mnemonic ("Save __as _now");
  g_assert_cmpstr (spoken, ==, "Save _as now");
}

/* The plan's shortcuts work while the Plan tab is shown, wherever the focus is, and not
 * while another tab is. */
static void
test_plan_shortcuts (Fixture       *fixture,
                     gconstpointer  data)
{
  GListModel *visible = polku_window_get_visible_clients (fixture->window);
  PolkuClientPage *page = polku_window_get_client_page (fixture->window);
  GtkWidget *root = GTK_WIDGET (fixture->window);
  PolkuPlanView *plan;

  gtk_single_selection_set_selected (GTK_SINGLE_SELECTION (visible), 1);
  test_wait_until (widget_mapped, page, 5000, "the client page is on screen");
  test_wait_tree_loaded (root);
  plan = POLKU_PLAN_VIEW (test_find_widget (GTK_WIDGET (page), POLKU_TYPE_PLAN_VIEW));
  g_assert_nonnull (plan);

  g_assert_false (press_shortcut (fixture->window, "<Control>h"));
  polku_client_page_show_tab (page, "plan");
  test_wait_tree_loaded (root);
  if (polku_plan_view_get_document (plan) == NULL)
    {
      g_assert_true (gtk_widget_activate_action (GTK_WIDGET (plan), "plan.new-empty", NULL));
      test_wait_tree_loaded (root);
    }
  g_assert_nonnull (polku_plan_view_get_document (plan));

  focus_client_list (fixture);
  g_assert_true (press_shortcut (fixture->window, "<Control>h"));
  g_assert_cmpstr (polku_plan_view_get_page (plan), ==, "history");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (plan), "plan.show-editor", NULL));
  g_assert_cmpstr (polku_plan_view_get_page (plan), ==, "editor");

  focus_client_list (fixture);
  g_assert_true (press_shortcut (fixture->window, "<Shift><Control>g"));
  test_wait_tree_loaded (root);

  polku_client_page_show_tab (page, "overview");
  test_wait_tree_loaded (root);
  g_assert_false (press_shortcut (fixture->window, "<Control>h"));
  g_assert_false (press_shortcut (fixture->window, "<Shift><Control>g"));
}

/* The new-client editor opens with the keyboard in the first field, the given name. */
static void
test_editor_focus (Fixture       *fixture,
                   gconstpointer  data)
{
  PolkuClientEditor *editor;
  GtkWidget *given_name;
  GtkWidget *focus;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.add-client",
                                             NULL));
  editor = find_editor ();
  g_assert_nonnull (editor);
  test_wait_until (widget_mapped, editor, 5000, "the editor is shown");
  test_spin (50);
  given_name = GTK_WIDGET (polku_client_editor_get_entry (editor, "given-name"));
  focus = gtk_root_get_focus (GTK_ROOT (editor));
  g_assert_nonnull (focus);
  g_assert_true (focus == given_name || gtk_widget_is_ancestor (focus, given_name));
  gtk_widget_activate_action (GTK_WIDGET (editor), "editor.cancel", NULL);
}

static gboolean
unlock_idle (gpointer data)
{
  return !polku_unlock_page_get_busy (data);
}

static gboolean
window_unlocked_and_settled (gpointer data)
{
  return !polku_window_get_locked (data) && polku_window_get_settled (data);
}

static void
test_lock (Fixture       *fixture,
           gconstpointer  data)
{
  PolkuWindow *window = fixture->window;
  GListModel *visible = polku_window_get_visible_clients (window);
  PolkuUnlockPage *unlock_page = polku_window_get_unlock_page (window);
  GtkEditable *passphrase = polku_unlock_page_get_passphrase_entry (unlock_page);
  GtkWidget *button = polku_unlock_page_get_unlock_button (unlock_page);
  PolkuClientEditor *editor;
  GtkWidget *editor_alive = NULL;
  GtkWidget *form;
  GtkWidget *form_alive = NULL;
  GtkWidget *inner;
  GtkWidget *inner_alive = NULL;

  gtk_single_selection_set_selected (GTK_SINGLE_SELECTION (visible), 0);
  test_wait_tree_loaded (GTK_WIDGET (fixture->window));
  search (fixture, polku_client_get_family_name (client_at (visible, 0)));
  editor = polku_window_open_editor (window, client_at (visible, 0));
  g_set_weak_pointer (&editor_alive, GTK_WIDGET (editor));
  /* A form of a view, with a dialog of its own on top. */
  form = adw_message_dialog_new (GTK_WINDOW (window), "Form", NULL);
  g_set_weak_pointer (&form_alive, form);
  gtk_window_present (GTK_WINDOW (form));
  inner = adw_message_dialog_new (GTK_WINDOW (form), "Inner", NULL);
  g_set_weak_pointer (&inner_alive, inner);
  gtk_window_present (GTK_WINDOW (inner));
  g_assert_false (polku_window_get_locked (window));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.lock", NULL));

  /* No client data is left in the window. */
  g_assert_true (polku_window_get_locked (window));
  g_assert_null (polku_window_get_store (window));
  g_assert_false (polku_store_is_open (fixture->store));
  g_assert_cmpstr (polku_window_get_visible_page (window), ==, "unlock");
  g_assert_cmpuint (g_list_model_get_n_items (polku_window_get_all_clients (window)), ==, 0);
  g_assert_cmpuint (n_visible (fixture), ==, 0);
  g_assert_null (shown_client (window));
  g_assert_cmpstr (gtk_editable_get_text (polku_window_get_search_entry (window)), ==, "");
  g_assert_null (editor_alive);
  test_spin (20);
  g_assert_null (form_alive);
  g_assert_null (inner_alive);
  g_assert_cmpint (polku_unlock_page_get_mode (unlock_page), ==, POLKU_UNLOCK_MODE_PASSPHRASE);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.add-client", NULL);
  g_assert_null (find_editor ());
  g_assert_null (polku_window_open_editor (window, NULL));

  /* A wrong passphrase: an error, still locked. */
  gtk_editable_set_text (passphrase, "not the passphrase");
  g_signal_emit_by_name (button, "clicked");
  g_assert_true (polku_unlock_page_get_busy (unlock_page));
  test_wait_until (unlock_idle, unlock_page, 20000, "the wrong passphrase is tried");
  g_assert_true (polku_window_get_locked (window));
  g_assert_nonnull (polku_unlock_page_get_error (unlock_page));
  g_assert_cmpstr (gtk_editable_get_text (passphrase), ==, "");

  /* The right one opens the database again and lists the clients. */
  gtk_editable_set_text (passphrase, TEST_PASSPHRASE);
  g_signal_emit_by_name (button, "clicked");
  test_wait_until (window_unlocked_and_settled, window, 20000, "the window is unlocked");
  g_assert_cmpstr (polku_window_get_visible_page (window), ==, "main");
  g_assert_nonnull (polku_window_get_store (window));
  g_assert_true (polku_window_get_store (window) != fixture->store);
  g_assert_cmpuint (n_visible (fixture), ==, N_CLIENTS);
  g_assert_null (polku_unlock_page_get_error (unlock_page));
  g_assert_false (polku_unlock_page_get_busy (unlock_page));

  /* Locked a second time, the page takes a passphrase again (it is not left busy). */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.lock", NULL));
  g_assert_true (polku_window_get_locked (window));
  g_assert_false (polku_unlock_page_get_busy (unlock_page));
  gtk_editable_set_text (passphrase, TEST_PASSPHRASE);
  g_assert_true (gtk_widget_get_sensitive (button));
  g_signal_emit_by_name (button, "clicked");
  test_wait_until (window_unlocked_and_settled, window, 20000, "the window is unlocked again");
  g_assert_cmpuint (n_visible (fixture), ==, N_CLIENTS);
}

static gboolean
asks_new_passphrase (gpointer data)
{
  PolkuUnlockPage *page = polku_window_get_unlock_page (data);

  return polku_unlock_page_get_mode (page) == POLKU_UNLOCK_MODE_NEW_PASSPHRASE
         && !polku_unlock_page_get_busy (page);
}

static void
test_first_start (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("polku-test-ui-XXXXXX", &error);
  g_autoptr(PolkuProfile) profile = NULL;
  PolkuWindow *window;
  PolkuUnlockPage *page;
  GtkWidget *button;

  g_assert_no_error (error);
  profile = polku_profile_new (dir);
  window = polku_window_new (NULL, profile);
  gtk_window_present (GTK_WINDOW (window));
  page = polku_window_get_unlock_page (window);
  button = polku_unlock_page_get_unlock_button (page);

  g_assert_true (polku_window_get_locked (window));
  g_assert_cmpstr (polku_window_get_visible_page (window), ==, "unlock");
  test_wait_until (asks_new_passphrase, window, 30000, "a new passphrase is asked for");
  g_assert_false (polku_profile_database_exists (profile));

  gtk_editable_set_text (polku_unlock_page_get_passphrase_entry (page), TEST_PASSPHRASE);
  gtk_editable_set_text (polku_unlock_page_get_confirmation_entry (page), "something else");
  g_assert_false (gtk_widget_get_sensitive (button));
  gtk_editable_set_text (polku_unlock_page_get_confirmation_entry (page), TEST_PASSPHRASE);
  g_assert_true (gtk_widget_get_sensitive (button));
  g_signal_emit_by_name (button, "clicked");

  test_wait_until (window_unlocked_and_settled, window, 20000, "the database is created");
  g_assert_true (polku_profile_database_exists (profile));
  g_assert_cmpint (polku_profile_get_key_source (profile), ==, POLKU_KEY_SOURCE_PASSPHRASE);
  g_assert_cmpstr (polku_window_get_visible_page (window), ==, "main");
  g_assert_cmpstr (polku_window_get_list_state (window), ==, "empty");

  polku_window_lock (window);
  g_assert_cmpint (polku_unlock_page_get_mode (page), ==, POLKU_UNLOCK_MODE_PASSPHRASE);

  test_destroy_window (GTK_WINDOW (window));
  test_remove_tree (dir);
}

/* The case filters: phase, coordinator and review due narrow the list to the clients
 * the store names, together with the search; "All" shows everyone again. */
static void
test_case_filters (Fixture       *fixture,
                   gconstpointer  data)
{
  PolkuClientFilters *filters =
    polku_client_list_get_filters (polku_window_get_client_list (fixture->window));
  GListModel *visible = polku_window_get_visible_clients (fixture->window);
  GtkDropDown *phase = polku_client_filters_get_phase_dropdown (filters);
  GtkDropDown *worker = polku_client_filters_get_worker_dropdown (filters);
  PolkuCaseFilter filter = POLKU_CASE_FILTER_INIT;
  g_autoptr(GPtrArray) cases = NULL;
  g_autoptr(GError) error = NULL;
  const char *name;
  guint n_expected = 0;

  /* Coordination: exactly the clients whose case is in that phase (not archived). */
  filter.phase = POLKU_CASE_PHASE_COORDINATION;
  cases = polku_case_store_list (fixture->store, &filter, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (cases->len, >, 0);
  gtk_drop_down_set_selected (phase, 1 + POLKU_CASE_PHASE_COORDINATION);
  test_wait_until (window_settled, fixture->window, 5000, "the phase filter is applied");
  g_assert_cmpuint (n_visible (fixture), ==, cases->len);
  g_assert_cmpuint (n_visible (fixture), <, N_CLIENTS);
  for (guint i = 0; i < g_list_model_get_n_items (visible); i++)
    {
      g_autoptr(PolkuCase) kase = polku_case_store_get (fixture->store,
                                                        polku_client_get_id (client_at (visible,
                                                                                        i)),
                                                        &error);

      g_assert_no_error (error);
      g_assert_cmpint (polku_case_get_phase_value (kase), ==, POLKU_CASE_PHASE_COORDINATION);
    }

  /* And a coordinator: after "My clients", those who coordinate a case now. */
  g_assert_cmpuint (g_list_model_get_n_items (gtk_drop_down_get_model (worker)), >, 2);
  name = polku_case_get_coordinator (g_ptr_array_index (cases, 0));
  g_assert_nonnull (name);
  for (guint i = 2; i < g_list_model_get_n_items (gtk_drop_down_get_model (worker)); i++)
    if (g_str_equal (gtk_string_list_get_string (GTK_STRING_LIST (gtk_drop_down_get_model (
                                                   worker)), i), name))
      gtk_drop_down_set_selected (worker, i);
  g_assert_cmpuint (gtk_drop_down_get_selected (worker), >=, 2);
  test_wait_until (window_settled, fixture->window, 5000, "the coordinator filter is applied");
  for (guint i = 0; i < cases->len; i++)
    if (g_strcmp0 (polku_case_get_coordinator (g_ptr_array_index (cases, i)), name) == 0)
      n_expected++;
  g_assert_cmpuint (n_visible (fixture), ==, n_expected);

  /* With a search that matches nobody: nothing, and the list says so. */
  search (fixture, "zzzz-nobody");
  g_assert_cmpuint (n_visible (fixture), ==, 0);
  g_assert_cmpstr (polku_window_get_list_state (fixture->window), ==, "no-results");
  search (fixture, "");

  /* Review due within a week. */
  gtk_drop_down_set_selected (phase, 0);
  gtk_drop_down_set_selected (worker, 0);
  test_wait_until (window_settled, fixture->window, 5000, "the filters are cleared");
  g_assert_cmpuint (n_visible (fixture), ==, N_CLIENTS);
  gtk_toggle_button_set_active (polku_client_filters_get_review_toggle (filters), TRUE);
  test_wait_until (window_settled, fixture->window, 5000, "the review filter is applied");
  g_assert_cmpuint (n_visible (fixture), <, N_CLIENTS);
  gtk_toggle_button_set_active (polku_client_filters_get_review_toggle (filters), FALSE);
  test_wait_until (window_settled, fixture->window, 5000, "the review filter is cleared");
  g_assert_cmpuint (n_visible (fixture), ==, N_CLIENTS);
}

/* Adds a client with the editor and waits until the window has them. */
static void
add_client (Fixture    *fixture,
            const char *given_name,
            const char *family_name)
{
  PolkuClientEditor *editor = polku_window_open_editor (fixture->window, NULL);

  g_assert_nonnull (editor);
  gtk_editable_set_text (polku_client_editor_get_entry (editor, "given-name"), given_name);
  gtk_editable_set_text (polku_client_editor_get_entry (editor, "family-name"), family_name);
  gtk_widget_activate_action (GTK_WIDGET (editor), "editor.save", NULL);
  test_wait_until (window_settled, fixture->window, 5000, "the list is updated");
  test_wait_tree_loaded (GTK_WIDGET (fixture->window));
}

static gboolean
has_label_text (GtkWidget  *root,
                const char *text)
{
  if (GTK_IS_LABEL (root) && strstr (gtk_label_get_text (GTK_LABEL (root)), text) != NULL)
    return TRUE;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (has_label_text (child, text))
      return TRUE;
  return FALSE;
}

static GtkWidget *
find_by_id (GtkWidget  *root,
            const char *id)
{
  if (g_strcmp0 (gtk_buildable_get_buildable_id (GTK_BUILDABLE (root)), id) == 0)
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_by_id (child, id);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* The "No Case Yet" page is given its whole height, and its button (the only way to start
 * the case) is whole and on screen in the overview's scroller without scrolling. */
static gboolean
start_button_in_view (gpointer data)
{
  PolkuClientPage *page = data;
  GtkWidget *overview = test_find_widget (GTK_WIDGET (page), POLKU_TYPE_OVERVIEW_VIEW);
  GtkWidget *status = find_by_id (overview, "empty_page");
  GtkWidget *button = find_by_id (overview, "empty_sign_button");
  GtkWidget *scroller = gtk_widget_get_ancestor (overview, GTK_TYPE_SCROLLED_WINDOW);
  graphene_rect_t in_scroller, in_status;
  int natural, button_natural;

  if (!gtk_widget_get_mapped (button) || test_tree_loading (scroller)
      || !gtk_widget_compute_bounds (button, scroller, &in_scroller)
      || !gtk_widget_compute_bounds (button, status, &in_status))
    return FALSE;
  gtk_widget_measure (status, GTK_ORIENTATION_VERTICAL, gtk_widget_get_width (status), NULL,
                      &natural, NULL, NULL);
  /* Its whole height (the bounds have its padding, which get_height leaves out). */
  gtk_widget_measure (button, GTK_ORIENTATION_VERTICAL, -1, NULL, &button_natural, NULL,
                      NULL);
  button_natural -= gtk_widget_get_margin_top (button) + gtk_widget_get_margin_bottom (button);
  natural -= gtk_widget_get_margin_top (status) + gtk_widget_get_margin_bottom (status);
  return gtk_widget_get_height (status) >= natural
         && in_status.size.height >= MAX (button_natural, 30)
         && in_status.origin.y >= 0
         && in_status.origin.y + in_status.size.height <= gtk_widget_get_height (status)
         && in_scroller.origin.y >= 0
         && in_scroller.origin.y + in_scroller.size.height <= gtk_widget_get_height (scroller);
}

/* A new client has no case: the Overview shows "No Case Yet" whole, with the button that
 * starts the case on screen at the default window size, in the light and the dark style. */
static void
test_new_client_overview (Fixture       *fixture,
                          gconstpointer  data)
{
  AdwStyleManager *style = adw_style_manager_get_default ();
  PolkuClientPage *page = polku_window_get_client_page (fixture->window);

  add_client (fixture, "Uusi", "Asiakas");
  g_assert_cmpstr (polku_client_get_family_name (shown_client (fixture->window)), ==,
                   "Asiakas");
  g_assert_cmpstr (polku_window_get_content_page (fixture->window), ==, "client");
  test_wait_until (start_button_in_view, page, 5000, "the start button is in view (light)");

  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_FORCE_DARK);
  test_spin (50);
  test_wait_until (start_button_in_view, page, 5000, "the start button is in view (dark)");
  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_DEFAULT);
}

/* A new client saved while a case filter hides them is opened all the same: the filter is
 * cleared and the toast says so. */
static void
test_new_client_under_filter (Fixture       *fixture,
                              gconstpointer  data)
{
  PolkuClientFilters *filters =
    polku_client_list_get_filters (polku_window_get_client_list (fixture->window));
  GtkDropDown *phase = polku_client_filters_get_phase_dropdown (filters);
  GListModel *visible = polku_window_get_visible_clients (fixture->window);
  PolkuClient *added;
  gboolean listed = FALSE;

  gtk_drop_down_set_selected (phase, 1 + POLKU_CASE_PHASE_COORDINATION);
  test_wait_until (window_settled, fixture->window, 5000, "the phase filter is applied");
  g_assert_cmpuint (n_visible (fixture), <, N_CLIENTS);
  gtk_single_selection_set_selected (GTK_SINGLE_SELECTION (visible), 0);
  test_wait_tree_loaded (GTK_WIDGET (fixture->window));
  g_assert_nonnull (shown_client (fixture->window));

  add_client (fixture, "Suodatettu", "Uusinen");
  added = shown_client (fixture->window);
  g_assert_nonnull (added);
  g_assert_cmpstr (polku_client_get_family_name (added), ==, "Uusinen");
  g_assert_true (gtk_single_selection_get_selected_item (GTK_SINGLE_SELECTION (visible))
                 == added);
  g_assert_cmpuint (gtk_drop_down_get_selected (phase), ==, 0);
  g_assert_cmpuint (n_visible (fixture), ==, N_CLIENTS + 1);
  for (guint i = 0; i < n_visible (fixture); i++)
    listed |= client_at (visible, i) == added;
  g_assert_true (listed);
  g_assert_true (has_label_text (GTK_WIDGET (fixture->window), "filters were cleared"));
}

static gboolean
followups_listed (gpointer data)
{
  return test_find_widget (data, ADW_TYPE_ACTION_ROW) != NULL;
}

/* The overview's follow-ups section is scrolled into view: its top within the visible part
 * of the overview's scroller. */
static gboolean
followups_in_view (gpointer data)
{
  PolkuClientPage *page = data;
  GtkWidget *overview = test_find_widget (GTK_WIDGET (page), POLKU_TYPE_OVERVIEW_VIEW);
  GtkWidget *group = polku_overview_view_get_followups_group (POLKU_OVERVIEW_VIEW (overview));
  GtkWidget *scroller = gtk_widget_get_ancestor (overview, GTK_TYPE_SCROLLED_WINDOW);
  graphene_point_t point;

  if (!gtk_widget_get_mapped (group) || test_tree_loading (scroller)
      || !gtk_widget_compute_point (group, scroller, &GRAPHENE_POINT_INIT (0, 0), &point))
    return FALSE;
  return point.y >= 0 && point.y + 24 <= gtk_widget_get_height (scroller)
         && gtk_adjustment_get_value (
              gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scroller))) > 0;
}

/* Follow-ups open in the content pane; choosing one opens that client's page, even when the
 * search hides the client, at the overview (not the tab used last) scrolled to the
 * follow-ups. */
static void
test_followups (Fixture       *fixture,
                gconstpointer  data)
{
  GtkWidget *view = polku_window_get_followups_view (fixture->window);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) later = g_date_time_add_days (now, POLKU_FOLLOWUPS_DAYS_AHEAD);
  g_autofree char *until = g_date_time_format (later, "%Y-%m-%d");
  g_autoptr(GPtrArray) due = NULL;
  g_autoptr(GError) error = NULL;
  PolkuClient *shown;
  const char *client_id;

  due = polku_followup_store_list_due (fixture->store, until, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (due->len, >, 0);
  client_id = polku_followup_get_client_id (g_ptr_array_index (due, 0));

  g_assert_cmpstr (polku_window_get_content_page (fixture->window), ==, "client");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window),
                                             "win.show-followups", NULL));
  g_assert_cmpstr (polku_window_get_content_page (fixture->window), ==, "followups");
  test_wait_until (followups_listed, view, 5000, "the follow-ups are listed");

  /* The Plan tab was the last one used. */
  polku_client_page_show_tab (polku_window_get_client_page (fixture->window), "plan");
  /* A short window, so that the follow-ups are below the fold. */
  gtk_window_set_default_size (GTK_WINDOW (fixture->window), 1000, 480);

  search (fixture, "zzzz-nobody");
  g_signal_emit_by_name (view, "client-activated", client_id);
  test_wait_until (window_settled, fixture->window, 5000, "the list shows the client");
  g_assert_cmpstr (polku_window_get_content_page (fixture->window), ==, "client");
  shown = shown_client (fixture->window);
  g_assert_nonnull (shown);
  g_assert_cmpstr (polku_client_get_id (shown), ==, client_id);
  g_assert_cmpstr (gtk_editable_get_text (polku_window_get_search_entry (fixture->window)), ==,
                   "");
  g_assert_cmpstr (polku_client_page_get_visible_tab (polku_window_get_client_page (
                     fixture->window)), ==, "overview");
  test_wait_until (followups_in_view, polku_window_get_client_page (fixture->window), 5000,
                   "the follow-ups are scrolled into view");
}

/* The label with the number of follow-ups due on the sidebar's Follow-ups button. */
/* The count beside "Follow-ups" (the queue's button has a count of its own). */
static GtkLabel *
find_followups_count (GtkWidget *root)
{
  if (GTK_IS_LABEL (root) && gtk_widget_has_css_class (root, "polku-count"))
    {
      GtkWidget *title = gtk_widget_get_prev_sibling (root);

      if (GTK_IS_LABEL (title)
          && g_str_equal (gtk_label_get_label (GTK_LABEL (title)),
                          g_dgettext (GETTEXT_PACKAGE, "_Follow-ups")))
        return GTK_LABEL (root);
      return NULL;
    }
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkLabel *found = find_followups_count (child);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* The Follow-ups button counts those due today or overdue; locked, it shows no count. */
static void
test_followups_count (Fixture       *fixture,
                      gconstpointer  data)
{
  GtkLabel *count = find_followups_count (GTK_WIDGET (fixture->window));
  g_autoptr(GNotification) notification = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  guint n_due = 0;

  notification = polku_followups_build_notification (fixture->store, &n_due, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (n_due, >, 0);
  text = g_strdup_printf ("%u", n_due);

  g_assert_nonnull (count);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (count)));
  g_assert_cmpstr (gtk_label_get_text (count), ==, text);
  g_assert_cmpuint (polku_client_list_get_followups_due (
                      polku_window_get_client_list (fixture->window)), ==, n_due);

  polku_window_lock (fixture->window);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (count)));
}

int
main (int   argc,
      char *argv[])
{
  test_private_bus_up ();

  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add ("/window/search", Fixture, NULL, fixture_set_up, test_search, fixture_tear_down);
  g_test_add ("/window/search/enter-at-once", Fixture, NULL, fixture_set_up,
              test_search_enter_at_once, fixture_tear_down);
  g_test_add ("/window/search/down-goes-to-list", Fixture, NULL, fixture_set_up,
              test_search_down_goes_to_list, fixture_tear_down);
  g_test_add ("/window/folded/opens-client", Fixture, NULL, fixture_set_up_narrow,
              test_folded_opens_client, fixture_tear_down);
  g_test_add ("/window/archive", Fixture, NULL, fixture_set_up, test_archive,
              fixture_tear_down);
  g_test_add ("/window/editor/refuses-wrong-hetu", Fixture, NULL, fixture_set_up,
              test_editor_refuses_wrong_hetu, fixture_tear_down);
  g_test_add ("/window/editor/failed-save-changes-nothing", Fixture, NULL, fixture_set_up,
              test_editor_failed_save_changes_nothing, fixture_tear_down);
  g_test_add ("/window/editor/edits", Fixture, NULL, fixture_set_up, test_editor_edits,
              fixture_tear_down);
  g_test_add ("/window/editor/focus", Fixture, NULL, fixture_set_up, test_editor_focus,
              fixture_tear_down);
  g_test_add ("/window/tab-shortcuts", Fixture, NULL, fixture_set_up, test_tab_shortcuts,
              fixture_tear_down);
  g_test_add ("/window/plan-shortcuts", Fixture, NULL, fixture_set_up, test_plan_shortcuts,
              fixture_tear_down);
  g_test_add ("/window/lock", Fixture, NULL, fixture_set_up, test_lock, fixture_tear_down);
  g_test_add ("/window/case-filters", Fixture, NULL, fixture_set_up, test_case_filters,
              fixture_tear_down);
  g_test_add ("/window/followups", Fixture, NULL, fixture_set_up, test_followups,
              fixture_tear_down);
  g_test_add ("/window/followups/count", Fixture, NULL, fixture_set_up, test_followups_count,
              fixture_tear_down);
  g_test_add ("/window/editor/new-client-overview", Fixture, NULL, fixture_set_up,
              test_new_client_overview, fixture_tear_down);
  g_test_add ("/window/editor/new-client-under-filter", Fixture, NULL, fixture_set_up,
              test_new_client_under_filter, fixture_tear_down);
  g_test_add ("/window/mnemonic-names", Fixture, NULL, fixture_set_up, test_mnemonic_names,
              fixture_tear_down);
  g_test_add_func ("/window/first-start", test_first_start);

  return g_test_run ();
}
