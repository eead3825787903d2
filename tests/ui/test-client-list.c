/* test-client-list.c: the client list at size: a first screenful and then the whole list,
 * read only once a frame showing the screenful has been painted, the list kept in order
 * without a sorter, the selection following a moved client, the rows a search leaves (off
 * screen too) and the rows it keeps, a row following its client, the queue's rows only while
 * it is shown, no read of the caseload at a selection, Tab leaving the list in one step
 *
 * Copyright 2026 The Polku authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "polku-case-store.h"
#include "polku-client-list-private.h"
#include "polku-client-row.h"
#include "polku-client-store.h"
#include "polku-window-private.h"
#include "test-helpers.h"

/* More than the first screenful the list reads before the rest (30). */
#define N_CLIENTS 60

typedef struct
{
  char         *dir;
  PolkuProfile *profile;
  PolkuStore   *store;
  PolkuWindow  *window;
  GArray       *counts;   /* the visible rows' number at each change while loading */
  guint         frames;   /* painted, in /client-list/first-frame-first */
  gboolean      screenful_painted;
  gboolean      read_before_painted;
} Fixture;

static gboolean
window_settled (gpointer data)
{
  return polku_window_get_settled (data);
}

static void
on_visible_changed (GListModel *visible,
                    guint       position,
                    guint       removed,
                    guint       added,
                    Fixture    *fixture)
{
  guint n = g_list_model_get_n_items (visible);

  g_array_append_val (fixture->counts, n);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  fixture->counts = g_array_new (FALSE, FALSE, sizeof (guint));
  fixture->store = test_make_store (N_CLIENTS, &fixture->dir, &fixture->profile);
  fixture->window = polku_window_new_with_store (NULL, fixture->profile, fixture->store);
  g_signal_connect (polku_window_get_visible_clients (fixture->window), "items-changed",
                    G_CALLBACK (on_visible_changed), fixture);
  gtk_window_present (GTK_WINDOW (fixture->window));
  test_wait_until (window_settled, fixture->window, 20000, "the clients are loaded");
  g_signal_handlers_disconnect_by_func (polku_window_get_visible_clients (fixture->window),
                                        on_visible_changed, fixture);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  test_tear_down_window (GTK_WINDOW (fixture->window), &fixture->store, &fixture->profile, &fixture->dir);
  g_clear_pointer (&fixture->counts, g_array_unref);
}

static PolkuClientList *
list_of (Fixture *fixture)
{
  return polku_window_get_client_list (fixture->window);
}

/* Every client of @model in polku_client_compare ()'s order. */
static void
assert_in_order (GListModel *model)
{
  guint n = g_list_model_get_n_items (model);

  for (guint i = 1; i < n; i++)
    {
      g_autoptr(PolkuClient) a = g_list_model_get_item (model, i - 1);
      g_autoptr(PolkuClient) b = g_list_model_get_item (model, i);

      if (polku_client_compare (a, b) >= 0)
        g_error ("Clients %u and %u are out of order", i - 1, i);
    }
}

static guint
n_not_archived (Fixture *fixture)
{
  g_autoptr(GPtrArray) clients = polku_client_store_list (fixture->store, FALSE, NULL);

  g_assert_nonnull (clients);
  return clients->len;
}

/* The store's first page: at most the limit, archived clients too, in the index's order. */
static void
test_store_first (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) all = polku_client_store_list (fixture->store, TRUE, &error);
  g_autoptr(GPtrArray) first = polku_client_store_list_first (fixture->store, 7, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (first->len, ==, 7);
  for (guint i = 0; i < first->len; i++)
    g_assert_cmpstr (polku_client_get_id (g_ptr_array_index (first, i)), ==,
                     polku_client_get_id (g_ptr_array_index (all, i)));
  g_clear_pointer (&first, g_ptr_array_unref);
  first = polku_client_store_list_first (fixture->store, N_CLIENTS + 10, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (first->len, ==, N_CLIENTS);
}

/* The first frame never waits for every client: a screenful shows first, then the rest
 * takes its place, in the list's order. */
static void
test_first_page_then_all (Fixture       *fixture,
                          gconstpointer  data)
{
  GListModel *visible = polku_window_get_visible_clients (fixture->window);
  guint first_shown = 0;

  for (guint i = 0; i < fixture->counts->len && first_shown == 0; i++)
    first_shown = g_array_index (fixture->counts, guint, i);
  g_assert_cmpuint (first_shown, >, 0);
  g_assert_cmpuint (first_shown, <, n_not_archived (fixture));
  g_assert_cmpuint (g_list_model_get_n_items (visible), ==, n_not_archived (fixture));
  g_assert_cmpuint (g_list_model_get_n_items (polku_window_get_all_clients (fixture->window)),
                    ==, N_CLIENTS);
  g_assert_cmpstr (polku_window_get_list_state (fixture->window), ==, "list");
  assert_in_order (polku_window_get_all_clients (fixture->window));
  assert_in_order (visible);
}

/* After each frame painted: had the whole list's read started before a frame showing the
 * screenful was painted? */
static void
on_after_paint (GdkFrameClock *clock,
                Fixture       *fixture)
{
  GListModel *visible = polku_window_get_visible_clients (fixture->window);

  fixture->frames++;
  if (polku_client_list_get_all_requested (list_of (fixture)) && !fixture->screenful_painted)
    fixture->read_before_painted = TRUE;
  if (g_list_model_get_n_items (visible) > 0)
    fixture->screenful_painted = TRUE;
}

static void
on_realize (GtkWidget *window,
            Fixture   *fixture)
{
  g_signal_connect (gtk_widget_get_frame_clock (window), "after-paint",
                    G_CALLBACK (on_after_paint), fixture);
}

/* The whole list is read only once the frame that shows the screenful has been painted:
 * started in that frame's own update (before its layout and drawing), the read's thread
 * competed with them, and with 10,000 clients the first frame came 15-30 % later than
 * with none (README, "Speed at county size", line 2). */
static void
test_first_frame_first (void)
{
  Fixture fixture = { 0, };
  GdkFrameClock *clock;

  fixture.counts = g_array_new (FALSE, FALSE, sizeof (guint));
  fixture.store = test_make_store (N_CLIENTS, &fixture.dir, &fixture.profile);
  fixture.window = polku_window_new_with_store (NULL, fixture.profile, fixture.store);
  g_signal_connect (fixture.window, "realize", G_CALLBACK (on_realize), &fixture);
  gtk_window_present (GTK_WINDOW (fixture.window));
  test_wait_until (window_settled, fixture.window, 20000, "the clients are loaded");

  clock = gtk_widget_get_frame_clock (GTK_WIDGET (fixture.window));
  g_signal_handlers_disconnect_by_func (clock, on_after_paint, &fixture);
  g_assert_cmpuint (fixture.frames, >, 0);
  g_assert_true (fixture.screenful_painted);
  g_assert_false (fixture.read_before_painted);
  g_assert_true (polku_client_list_get_all_requested (list_of (&fixture)));
  g_assert_cmpuint (g_list_model_get_n_items (polku_window_get_all_clients (fixture.window)),
                    ==, N_CLIENTS);
  g_assert_cmpstr (polku_window_get_list_state (fixture.window), ==, "list");
  fixture_tear_down (&fixture, NULL);
}

/* A new client is placed in order; a renamed one moves, and the selection follows it. */
static void
test_order_kept (Fixture       *fixture,
                 gconstpointer  data)
{
  PolkuClientList *list = list_of (fixture);
  GListModel *all = polku_window_get_all_clients (fixture->window);
  GListModel *visible = polku_window_get_visible_clients (fixture->window);
  g_autoptr(PolkuClient) added = polku_client_new ();
  g_autoptr(GError) error = NULL;
  static const char * const names[] = { "Ahonen", "Zetterberg", "Mäkinen", "Aaltonen",
                                         "Öhman", NULL };

  polku_client_set_given_name (added, "Matti");
  polku_client_set_family_name (added, "Mäkelä");
  g_assert_true (polku_client_store_save (fixture->store, added, &error));
  g_assert_no_error (error);
  polku_client_list_add_client (list, added);
  g_assert_cmpuint (g_list_model_get_n_items (all), ==, N_CLIENTS + 1);
  assert_in_order (all);
  test_wait_until (window_settled, fixture->window, 5000, "the counts are read");

  g_assert_true (polku_client_list_select_client (list, polku_client_get_id (added), FALSE));
  for (guint i = 0; names[i] != NULL; i++)
    {
      polku_client_set_family_name (added, names[i]);
      g_assert_true (polku_client_store_save (fixture->store, added, &error));
      g_assert_no_error (error);
      polku_client_list_refresh_client (list, added);
      assert_in_order (all);
      assert_in_order (visible);
      g_assert_true (polku_client_list_get_selected_client (list) == added);
      test_wait_until (window_settled, fixture->window, 5000, "the counts are read");
    }

  /* Archived: hidden (archived clients are not shown), still in its place among all. */
  g_assert_true (polku_client_store_set_archived (fixture->store, added, TRUE, &error));
  g_assert_no_error (error);
  polku_client_list_refresh_client (list, added);
  g_assert_true (g_list_store_find (G_LIST_STORE (all), added, NULL));
  for (guint i = 0; i < g_list_model_get_n_items (visible); i++)
    {
      g_autoptr(PolkuClient) client = g_list_model_get_item (visible, i);

      g_assert_true (client != added);
    }
  assert_in_order (all);
}

/* A search filters the ordered list: what it shows stays in order. */
static void
test_search_in_order (Fixture       *fixture,
                      gconstpointer  data)
{
  GtkEditable *entry = polku_window_get_search_entry (fixture->window);
  GListModel *visible = polku_window_get_visible_clients (fixture->window);
  guint all = g_list_model_get_n_items (visible);

  gtk_editable_set_text (entry, "a");
  test_wait_until (window_settled, fixture->window, 5000, "the search is applied");
  g_assert_cmpuint (g_list_model_get_n_items (visible), >, 0);
  g_assert_cmpuint (g_list_model_get_n_items (visible), <, all);
  assert_in_order (visible);
  gtk_editable_set_text (entry, "");
  test_wait_until (window_settled, fixture->window, 5000, "the search is cleared");
  g_assert_cmpuint (g_list_model_get_n_items (visible), ==, all);
  assert_in_order (visible);
}

/* Every client row under @widget (a reference each, into @rows). */
static void
collect_row_widgets (GtkWidget *widget,
                     GPtrArray *rows)
{
  if (POLKU_IS_CLIENT_ROW (widget))
    {
      g_ptr_array_add (rows, g_object_ref (widget));
      return;
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_row_widgets (child, rows);
}

/* The rows a search leaves: once the list has settled, every row of the view shows a client
 * that matches, those off screen (given their clients after the frame) too, each once, and
 * as many rows show clients as there are matches (all are rows: fewer than the view keeps). */
static void
test_search_rows (Fixture       *fixture,
                  gconstpointer  data)
{
  GtkEditable *entry = polku_window_get_search_entry (fixture->window);
  GListModel *visible = polku_window_get_visible_clients (fixture->window);
  GtkWidget *list = GTK_WIDGET (list_of (fixture));
  const char * const queries[] = { "a", "an", "", "e", NULL };

  for (guint q = 0; queries[q] != NULL; q++)
    {
      g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func (g_object_unref);
      g_autoptr(GHashTable) seen = g_hash_table_new (NULL, NULL);
      guint n = 0;

      gtk_editable_set_text (entry, queries[q]);
      test_wait_until (window_settled, fixture->window, 5000, "the search is applied");
      collect_row_widgets (list, rows);
      for (guint i = 0; i < rows->len; i++)
        {
          PolkuClient *client = polku_client_row_get_client (g_ptr_array_index (rows, i));

          if (client == NULL)
            continue;
          n++;
          g_assert_true (polku_client_matches (client, queries[q][0] != '\0' ? queries[q]
                                                                               : NULL));
          g_assert_true (g_hash_table_add (seen, client));
        }
      g_assert_cmpuint (n, ==, g_list_model_get_n_items (visible));
    }
}

/* A search that shortens the list and one that lengthens it again make no new rows: the
 * rows taken away are kept and come back (made from the template again, each cost a
 * GtkBuilder parse in the keystroke). The first rows are held here, so a new row cannot
 * take the address of one that was destroyed. */
static void
test_rows_kept (Fixture       *fixture,
                gconstpointer  data)
{
  GtkEditable *entry = polku_window_get_search_entry (fixture->window);
  GListModel *visible = polku_window_get_visible_clients (fixture->window);
  GtkWidget *list = GTK_WIDGET (list_of (fixture));
  g_autoptr(GPtrArray) before = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) narrow = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) after = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(PolkuClient) first = g_list_model_get_item (visible, 0);
  guint all = g_list_model_get_n_items (visible);

  collect_row_widgets (list, before);
  g_assert_cmpuint (before->len, ==, all);

  gtk_editable_set_text (entry, polku_client_get_family_name (first));
  test_wait_until (window_settled, fixture->window, 5000, "the search is applied");
  g_assert_cmpuint (g_list_model_get_n_items (visible), <, all / 2);
  collect_row_widgets (list, narrow);
  g_assert_cmpuint (narrow->len, ==, g_list_model_get_n_items (visible));

  gtk_editable_set_text (entry, "");
  test_wait_until (window_settled, fixture->window, 5000, "the search is cleared");
  collect_row_widgets (list, after);
  g_assert_cmpuint (after->len, ==, all);
  for (guint i = 0; i < after->len; i++)
    if (!g_ptr_array_find (before, g_ptr_array_index (after, i), NULL))
      g_error ("Row %u of %u was made again", i, after->len);
}

/* A row shows its client's name and follows it when it changes (one handler on the client,
 * filtered by property), and forgets it for the pool without hiding anything. */
static void
test_row_follows_client (void)
{
  g_autoptr(GtkWidget) row = g_object_ref_sink (polku_client_row_new ());
  g_autoptr(PolkuClient) client = polku_client_new ();
  GtkWidget *name_label;
  g_autofree char *name = NULL;

  polku_client_set_given_name (client, "Aino");
  polku_client_set_family_name (client, "Aalto");
  polku_client_row_set_client (POLKU_CLIENT_ROW (row), client);
  name_label = test_find_widget (row, GTK_TYPE_INSCRIPTION);
  g_assert_nonnull (name_label);
  name = polku_client_dup_display_name (client);
  g_assert_cmpstr (gtk_inscription_get_text (GTK_INSCRIPTION (name_label)), ==, name);

  polku_client_set_family_name (client, "Östman");
  g_clear_pointer (&name, g_free);
  name = polku_client_dup_display_name (client);
  g_assert_nonnull (strstr (name, "Östman"));
  g_assert_cmpstr (gtk_inscription_get_text (GTK_INSCRIPTION (name_label)), ==, name);

  polku_client_row_set_client (POLKU_CLIENT_ROW (row), NULL);
  g_assert_cmpstr (gtk_inscription_get_text (GTK_INSCRIPTION (name_label)), ==, "");
  polku_client_set_family_name (client, "Aalto");
  g_assert_cmpstr (gtk_inscription_get_text (GTK_INSCRIPTION (name_label)), ==, "");
}

/* Choosing a client reads neither the caseload nor the queue (at county size the page
 * waited for them); the queue's rows exist only while it is shown. */
static void
test_queue_rows_and_selection (Fixture       *fixture,
                               gconstpointer  data)
{
  PolkuClientList *list = list_of (fixture);
  GtkToggleButton *queue_button = polku_client_list_get_queue_button (list);
  GtkListBox *queue_list = polku_client_list_get_queue_list (list);
  GtkSingleSelection *selection =
    GTK_SINGLE_SELECTION (polku_window_get_visible_clients (fixture->window));
  g_autoptr(PolkuClient) waiting = polku_client_new ();
  g_autoptr(PolkuCase) kase = NULL;
  g_autoptr(GError) error = NULL;
  guint n_waiting;

  /* One more identified client, with no coordinator: the queue is not empty. */
  polku_client_set_given_name (waiting, "Waltteri");
  polku_client_set_family_name (waiting, "Odottaja");
  g_assert_true (polku_client_store_save (fixture->store, waiting, &error));
  kase = polku_case_store_open (fixture->store, polku_client_get_id (waiting), NULL, &error);
  g_assert_no_error (error);
  polku_client_list_add_client (list, waiting);
  test_wait_until (window_settled, fixture->window, 5000, "the queue is read");
  n_waiting = polku_client_list_get_queue (list)->len;
  g_assert_cmpuint (n_waiting, >, 0);
  g_assert_null (gtk_list_box_get_row_at_index (queue_list, 0));

  gtk_single_selection_set_selected (selection, 1);
  g_assert_true (polku_client_list_get_settled (list));
  gtk_single_selection_set_selected (selection, 2);
  g_assert_true (polku_client_list_get_settled (list));

  gtk_toggle_button_set_active (queue_button, TRUE);
  g_assert_nonnull (gtk_list_box_get_row_at_index (queue_list, n_waiting - 1));
  test_wait_until (window_settled, fixture->window, 5000, "the queue is read again");
  g_assert_nonnull (gtk_list_box_get_row_at_index (queue_list, n_waiting - 1));
  g_assert_null (gtk_list_box_get_row_at_index (queue_list, n_waiting));
  gtk_toggle_button_set_active (queue_button, FALSE);
  g_assert_null (gtk_list_box_get_row_at_index (queue_list, 0));
  g_assert_cmpuint (polku_client_list_get_queue (list)->len, ==, n_waiting);
}

/* Tab leaves the list of clients in one step, Shift+Tab comes back to it, and Down still moves
 * from row to row (GTK 4.8's list view moved the focus to the next row on Tab). */
static void
test_tab_leaves_list (Fixture       *fixture,
                      gconstpointer  data)
{
  GtkWindow *window = GTK_WINDOW (fixture->window);
  GtkWidget *list_view = test_find_client_list_view (GTK_WIDGET (window));
  GtkWidget *first_row;

  g_assert_nonnull (list_view);
  g_assert_cmpuint (g_list_model_get_n_items (polku_window_get_visible_clients (fixture->window)),
                    >=, 50);
  test_spin (50);
  g_assert_true (gtk_widget_grab_focus (list_view));
  g_assert_true (test_focus_in (window, list_view));
  first_row = gtk_window_get_focus (window);
  g_assert_true (gtk_widget_child_focus (GTK_WIDGET (window), GTK_DIR_DOWN));
  g_assert_true (test_focus_in (window, list_view));
  g_assert_true (gtk_window_get_focus (window) != first_row);

  test_press_tab (window, list_view, FALSE);
  g_assert_nonnull (gtk_window_get_focus (window));
  g_assert_false (test_focus_in (window, list_view));
  test_press_tab (window, list_view, TRUE);
  g_assert_true (test_focus_in (window, list_view));
  test_press_tab (window, list_view, TRUE);
  g_assert_nonnull (gtk_window_get_focus (window));
  g_assert_false (test_focus_in (window, list_view));
}

int
main (int   argc,
      char *argv[])
{
  test_private_bus_up ();

  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add ("/client-list/store-first", Fixture, NULL, fixture_set_up, test_store_first,
              fixture_tear_down);
  g_test_add ("/client-list/first-page-then-all", Fixture, NULL, fixture_set_up,
              test_first_page_then_all, fixture_tear_down);
  g_test_add_func ("/client-list/first-frame-first", test_first_frame_first);
  g_test_add ("/client-list/order-kept", Fixture, NULL, fixture_set_up, test_order_kept,
              fixture_tear_down);
  g_test_add ("/client-list/search-in-order", Fixture, NULL, fixture_set_up,
              test_search_in_order, fixture_tear_down);
  g_test_add ("/client-list/search-rows", Fixture, NULL, fixture_set_up, test_search_rows,
              fixture_tear_down);
  g_test_add ("/client-list/rows-kept", Fixture, NULL, fixture_set_up, test_rows_kept,
              fixture_tear_down);
  g_test_add_func ("/client-list/row-follows-client", test_row_follows_client);
  g_test_add ("/client-list/queue-rows-and-selection", Fixture, NULL, fixture_set_up,
              test_queue_rows_and_selection, fixture_tear_down);
  g_test_add ("/client-list/tab-leaves-list", Fixture, NULL, fixture_set_up,
              test_tab_leaves_list, fixture_tear_down);

  return g_test_run ();
}
