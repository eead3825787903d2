/* test-caseload.c: the client list as a coordinator's own: "My clients" (the caseload, its
 * size in the header) and the queue of clients waiting for a coordinator, with a real
 * database of demo clients
 *
 * Copyright 2026 The Polku authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "polku-case-store.h"
#include "polku-client-filters-private.h"
#include "polku-client-list-private.h"
#include "polku-client-store.h"
#include "polku-coordinator-store.h"
#include "polku-window-private.h"
#include "test-helpers.h"

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

static PolkuClient *
client_at (GListModel *model,
           guint       position)
{
  g_autoptr(PolkuClient) client = g_list_model_get_item (model, position);

  g_assert_nonnull (client);
  return client;
}

/* Returns: (transfer none) (nullable): the client on the client page */
static PolkuClient *
shown_client (PolkuWindow *window)
{
  return polku_client_view_get_client (POLKU_CLIENT_VIEW (polku_window_get_client_page (window)));
}

static void
search (Fixture    *fixture,
        const char *query)
{
  gtk_editable_set_text (polku_window_get_search_entry (fixture->window), query);
  test_wait_until (window_settled, fixture->window, 5000, "the search is applied");
}

/* The coordinator's own view: "My clients" (the signed-in worker's caseload, its size in
 * the header) and the queue of clients waiting for a coordinator, from which a client is
 * taken or opened. */
static void
test_caseload_queue (Fixture       *fixture,
                     gconstpointer  data)
{
  PolkuClientList *list = polku_window_get_client_list (fixture->window);
  PolkuClientFilters *filters = polku_client_list_get_filters (list);
  GtkDropDown *worker = polku_client_filters_get_worker_dropdown (filters);
  GtkToggleButton *queue_button = polku_client_list_get_queue_button (list);
  g_autoptr(PolkuClient) waiting = polku_client_new ();
  g_autoptr(PolkuCase) kase = NULL;
  g_autoptr(PolkuCoordinatorPeriod) current = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *actor = polku_store_dup_actor (fixture->store);
  g_autofree char *count_text = NULL;
  GtkListBoxRow *row;
  gint64 caseload;
  guint n_waiting;

  /* The demo made the signed-in worker one of its coordinators. */
  caseload = polku_coordinator_store_count_caseload (fixture->store, actor, &error);
  g_assert_no_error (error);
  g_assert_cmpint (caseload, >, 0);
  g_assert_cmpint (polku_client_list_get_caseload (list), ==, caseload);
  count_text = g_strdup_printf ("%d client", (int) caseload);
  g_assert_nonnull (strstr (polku_client_list_get_subtitle (list), count_text));
  g_assert_nonnull (strstr (polku_client_list_get_subtitle (list), "in my caseload"));

  /* My clients: exactly the caseload. */
  gtk_drop_down_set_selected (worker, 1);
  test_wait_until (window_settled, fixture->window, 5000, "my clients are shown");
  g_assert_cmpuint (n_visible (fixture), ==, caseload);
  for (guint i = 0; i < n_visible (fixture); i++)
    {
      g_autoptr(PolkuCase) mine =
        polku_case_store_get (fixture->store,
                              polku_client_get_id (client_at (polku_window_get_visible_clients (
                                                                fixture->window), i)),
                              &error);

      g_assert_no_error (error);
      g_assert_cmpstr (polku_case_get_coordinator (mine), ==, actor);
    }
  gtk_drop_down_set_selected (worker, 0);
  test_wait_until (window_settled, fixture->window, 5000, "everyone is shown");
  g_assert_cmpuint (n_visible (fixture), ==, N_CLIENTS);

  /* One more identified client joins the queue. */
  polku_client_set_given_name (waiting, "Waltteri");
  polku_client_set_family_name (waiting, "Odottaja");
  g_assert_true (polku_client_store_save (fixture->store, waiting, &error));
  kase = polku_case_store_open (fixture->store, polku_client_get_id (waiting), NULL, &error);
  g_assert_no_error (error);
  polku_client_list_add_client (list, waiting);
  polku_client_list_reload_caseload (list);
  test_wait_until (window_settled, fixture->window, 5000, "the queue is read");
  n_waiting = polku_client_list_get_queue (list)->len;
  g_assert_cmpuint (n_waiting, >, 0);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (queue_button)));

  /* Shown in place of the list, a row each, with how long they have waited. */
  gtk_toggle_button_set_active (queue_button, TRUE);
  test_wait_until (window_settled, fixture->window, 5000, "the queue is shown");
  g_assert_cmpstr (polku_window_get_list_state (fixture->window), ==, "queue");
  row = gtk_list_box_get_row_at_index (polku_client_list_get_queue_list (list), n_waiting - 1);
  g_assert_nonnull (row);
  g_assert_null (gtk_list_box_get_row_at_index (polku_client_list_get_queue_list (list),
                                                n_waiting));
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), ==,
                   "Waltteri Odottaja");
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), ==,
                   "Waiting since today · Identified");

  /* A row opens the client. */
  g_signal_emit_by_name (polku_client_list_get_queue_list (list), "row-activated", row);
  test_wait_until (window_settled, fixture->window, 5000, "the client is opened");
  g_assert_cmpstr (polku_client_get_id (shown_client (fixture->window)), ==,
                   polku_client_get_id (waiting));

  /* Taken as my client: out of the queue, into the caseload. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (list), "client-list.take-client", "s",
                                             polku_client_get_id (waiting)));
  test_wait_until (window_settled, fixture->window, 5000, "the client is taken");
  current = polku_coordinator_store_get_current (fixture->store, polku_client_get_id (waiting),
                                                 &error);
  g_assert_no_error (error);
  g_assert_cmpstr (polku_coordinator_period_get_person (current), ==, actor);
  g_assert_cmpuint (polku_client_list_get_queue (list)->len, ==, n_waiting - 1);
  g_assert_cmpint (polku_client_list_get_caseload (list), ==, caseload + 1);

  /* A change made elsewhere (the client's page) reaches the list through the window. */
  g_clear_object (&current);
  current = polku_coordinator_store_end (fixture->store, polku_client_get_id (waiting), NULL,
                                         &error);
  g_assert_no_error (error);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window),
                                             "win.caseload-changed", NULL));
  test_wait_until (window_settled, fixture->window, 5000, "the queue is read again");
  g_assert_cmpuint (polku_client_list_get_queue (list)->len, ==, n_waiting);
  g_assert_cmpint (polku_client_list_get_caseload (list), ==, caseload);

  /* A search leaves the queue for the list. */
  search (fixture, "Odottaja");
  g_assert_false (gtk_toggle_button_get_active (queue_button));
  g_assert_cmpuint (n_visible (fixture), ==, 1);
  search (fixture, "");
}

int
main (int   argc,
      char *argv[])
{
  test_private_bus_up ();

  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add ("/caseload/my-clients-and-queue", Fixture, NULL, fixture_set_up,
              test_caseload_queue, fixture_tear_down);
  return g_test_run ();
}
