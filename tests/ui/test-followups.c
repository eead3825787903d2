/* test-followups.c: the cross-client follow-ups view and the due notification, with a real
 * store under Xvfb
 *
 * Copyright 2026 The Polku authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "polku-followup-store.h"
#include "polku-followups-view.h"
#include "test-helpers.h"
#include "polku-client-store.h"

static char *
days_from_today (int days)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) then = g_date_time_add_days (now, days);

  return g_date_time_format (then, "%Y-%m-%d");
}

static PolkuFollowup *
add_followup (PolkuStore  *store,
              PolkuClient *client,
              const char  *title,
              int          days)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *due = days_from_today (days);
  g_autoptr(PolkuFollowup) draft = g_object_new (POLKU_TYPE_FOLLOWUP,
                                                 "client-id", polku_client_get_id (client),
                                                 "title", title, "due-on", due, NULL);
  PolkuFollowup *followup = polku_followup_store_add (store, draft, &error);

  g_assert_no_error (error);
  return followup;
}

static void
collect (GtkWidget *root,
         GString   *text,
         guint     *n_rows)
{
  if (ADW_IS_ACTION_ROW (root) && gtk_widget_get_mapped (root))
    {
      g_string_append_printf (text, "%s|%s\n",
                              adw_preferences_row_get_title (ADW_PREFERENCES_ROW (root)),
                              adw_action_row_get_subtitle (ADW_ACTION_ROW (root)));
      (*n_rows)++;
    }
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect (child, text, n_rows);
}

static void
activated_cb (PolkuFollowupsView  *view,
              const char          *client_id,
              char               **out)
{
  g_free (*out);
  *out = g_strdup (client_id);
}

static void
test_view (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autoptr(PolkuProfile) profile = NULL;
  g_autoptr(PolkuStore) store = test_make_store (0, &dir, &profile);
  g_autoptr(PolkuClient) aino = polku_client_new ();
  g_autoptr(PolkuClient) bo = polku_client_new ();
  g_autoptr(PolkuFollowup) overdue = NULL;
  g_autoptr(PolkuFollowup) today = NULL;
  g_autoptr(PolkuFollowup) later = NULL;
  g_autoptr(PolkuFollowup) far = NULL;
  g_autoptr(GNotification) notification = NULL;
  g_autoptr(GString) text = g_string_new (NULL);
  g_autofree char *activated = NULL;
  GtkWidget *window = gtk_window_new ();
  GtkWidget *view = polku_followups_view_new ();
  guint n_rows = 0;
  guint n_due = 0;
  GtkWidget *stack;

  polku_client_set_given_name (aino, "Aino");
  polku_client_set_family_name (aino, "Virtanen");
  polku_client_set_given_name (bo, "Bo");
  polku_client_set_family_name (bo, "Lindqvist");
  g_assert_true (polku_client_store_save (store, aino, &error));
  g_assert_true (polku_client_store_save (store, bo, &error));

  /* Nothing due: the empty state, no notification. */
  gtk_window_set_child (GTK_WINDOW (window), view);
  g_object_set (view, "store", store, NULL);
  gtk_window_present (GTK_WINDOW (window));
  test_wait_loaded (view);
  stack = test_find_widget (view, GTK_TYPE_STACK);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (stack)), ==, "empty");
  notification = polku_followups_build_notification (store, &n_due, &error);
  g_assert_no_error (error);
  g_assert_null (notification);
  g_assert_cmpuint (n_due, ==, 0);

  overdue = add_followup (store, bo, "Soita asiakkaalle", -3);
  today = add_followup (store, aino, "Tarkista Kela-hakemus", 0);
  later = add_followup (store, aino, "Yhteispalaveri", 10);
  far = add_followup (store, bo, "Suunnitelman arviointi", 40);

  polku_followups_view_reload (POLKU_FOLLOWUPS_VIEW (view));
  test_wait_loaded (view);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (stack)), ==, "list");
  collect (view, text, &n_rows);
  /* Overdue first; beyond two weeks left out. */
  g_assert_cmpuint (n_rows, ==, 3);
  g_assert_true (g_str_has_prefix (text->str, "Soita asiakkaalle|Bo Lindqvist · "));
  g_assert_nonnull (strstr (text->str, "Tarkista Kela-hakemus|Aino Virtanen"));
  g_assert_null (strstr (text->str, "Suunnitelman arviointi"));
  /* The overdue one has its marker; no row is painted red (a red Done reads like delete). */
  {
    GtkWidget *row = test_find_widget (view, ADW_TYPE_ACTION_ROW);
    GtkWidget *marker = test_find_widget_by_name (row, "overdue-marker");
    GtkWidget *button = test_find_widget (row, GTK_TYPE_BUTTON);

    g_assert_nonnull (marker);
    g_assert_true (gtk_widget_has_css_class (marker, "error"));
    g_assert_false (gtk_widget_has_css_class (row, "error"));
    g_assert_nonnull (button);
    g_assert_false (gtk_widget_has_css_class (button, "error"));
  }

  /* The notification counts today's and overdue ones; it names nobody. */
  notification = polku_followups_build_notification (store, &n_due, &error);
  g_assert_nonnull (notification);
  g_assert_cmpuint (n_due, ==, 2);

  /* Activating a row asks for the client's page. */
  g_signal_connect (view, "client-activated", G_CALLBACK (activated_cb), &activated);
  {
    GtkWidget *row = test_find_widget (view, ADW_TYPE_ACTION_ROW);

    g_signal_emit_by_name (row, "activated");
  }
  g_assert_cmpstr (activated, ==, polku_client_get_id (bo));

  /* Done from the list. */
  g_assert_true (gtk_widget_activate_action (view, "followups.done", "s",
                                             polku_followup_get_id (overdue)));
  g_string_truncate (text, 0);
  n_rows = 0;
  test_wait_loaded (view);
  collect (view, text, &n_rows);
  g_assert_cmpuint (n_rows, ==, 2);
  g_clear_object (&notification);
  notification = polku_followups_build_notification (store, &n_due, &error);
  g_assert_cmpuint (n_due, ==, 1);

  test_destroy_window (GTK_WINDOW (window));
  test_release_store (&store);
  test_remove_tree (dir);
}

/* Three stores (profiles), each with one client and a follow-up of its own. */
static PolkuStore *
store_with_followup (const char  *title,
                     char       **out_dir)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PolkuProfile) profile = NULL;
  g_autoptr(PolkuStore) store = test_make_store (0, out_dir, &profile);
  g_autoptr(PolkuClient) client = polku_client_new ();
  g_autoptr(PolkuFollowup) followup = NULL;

  polku_client_set_given_name (client, "Aino");
  polku_client_set_family_name (client, "Virtanen");
  g_assert_true (polku_client_store_save (store, client, &error));
  followup = add_followup (store, client, title, 1);
  return g_steal_pointer (&store);
}

/* Keeps the rows the view showed each time it finished loading. */
static void
loading_changed_cb (GObject    *view,
                    GParamSpec *pspec,
                    GString    *seen)
{
  guint n_rows = 0;

  if (!polku_followups_view_get_loading (POLKU_FOLLOWUPS_VIEW (view)))
    collect (GTK_WIDGET (view), seen, &n_rows);
}

/* Two quick switches of the store: only the last one's follow-ups are shown. */
static void
test_switch_quickly (void)
{
  const char *titles[] = { "Ensimmäinen", "Toinen", "Kolmas" };
  PolkuStore *stores[3];
  char *dirs[3];
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(GString) seen = g_string_new (NULL);
  GtkWidget *window = gtk_window_new ();
  GtkWidget *view = polku_followups_view_new ();
  guint n_rows = 0;
  gulong handler;

  for (guint i = 0; i < 3; i++)
    stores[i] = store_with_followup (titles[i], &dirs[i]);

  gtk_window_set_child (GTK_WINDOW (window), view);
  g_object_set (view, "store", stores[0], NULL);
  gtk_window_present (GTK_WINDOW (window));
  test_wait_loaded (view);
  collect (view, text, &n_rows);
  g_assert_cmpuint (n_rows, ==, 1);
  g_assert_nonnull (strstr (text->str, "Ensimmäinen|"));

  handler = g_signal_connect (view, "notify::loading", G_CALLBACK (loading_changed_cb), seen);
  g_object_set (view, "store", stores[1], NULL);
  /* The first store's follow-ups are gone at once. */
  g_string_truncate (text, 0);
  n_rows = 0;
  collect (view, text, &n_rows);
  g_assert_cmpuint (n_rows, ==, 0);
  g_assert_true (polku_followups_view_get_loading (POLKU_FOLLOWUPS_VIEW (view)));
  g_object_set (view, "store", stores[2], NULL);
  g_assert_true (polku_followups_view_get_loading (POLKU_FOLLOWUPS_VIEW (view)));

  test_wait_loaded (view);
  test_spin (300);
  g_string_truncate (text, 0);
  n_rows = 0;
  collect (view, text, &n_rows);
  g_assert_cmpuint (n_rows, ==, 1);
  g_assert_nonnull (strstr (text->str, "Kolmas|"));
  /* Nor were the others' shown on the way. */
  g_signal_handler_disconnect (view, handler);
  g_assert_null (strstr (seen->str, "Ensimmäinen|"));
  g_assert_null (strstr (seen->str, "Toinen|"));
  g_assert_nonnull (strstr (seen->str, "Kolmas|"));

  test_destroy_window (GTK_WINDOW (window));
  for (guint i = 0; i < 3; i++)
    {
      test_release_store (&stores[i]);
      test_remove_tree (dirs[i]);
      g_free (dirs[i]);
    }
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add_func ("/followups/view", test_view);
  g_test_add_func ("/followups/switch-quickly", test_switch_quickly);
  return g_test_run ();
}
