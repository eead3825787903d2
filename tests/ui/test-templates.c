/* test-templates.c: every template builds, and every control has an accessible name
 *
 * Copyright 2026 The Polku authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "polku-application.h"
#include "polku-audit.h"
#include "polku-client-editor-private.h"
#include "polku-client-page.h"
#include "polku-client-row.h"
#include "polku-help-window.h"
#include "polku-log-view.h"
#include "polku-preferences-window.h"
#include "polku-store-private.h"
#include "polku-unlock-page-private.h"
#include "polku-window-private.h"
#include "test-helpers.h"
#include "polku-client-store.h"

/* Accessibility walk */

static gboolean
has_accessible_name (GtkWidget *widget)
{
  return gtk_test_accessible_has_property (GTK_ACCESSIBLE (widget),
                                           GTK_ACCESSIBLE_PROPERTY_LABEL)
         || gtk_test_accessible_has_relation (GTK_ACCESSIBLE (widget),
                                              GTK_ACCESSIBLE_RELATION_LABELLED_BY);
}

/* A row title names the entry or switch in it for the user. */
static gboolean
in_titled_row (GtkWidget *widget)
{
  for (GtkWidget *w = widget; w != NULL; w = gtk_widget_get_parent (w))
    {
      if (ADW_IS_PREFERENCES_ROW (w))
        {
          const char *title = adw_preferences_row_get_title (ADW_PREFERENCES_ROW (w));
          return title != NULL && title[0] != '\0';
        }
    }
  return FALSE;
}

static gboolean
button_has_text (GtkWidget *button)
{
  const char *label = gtk_button_get_label (GTK_BUTTON (button));
  GtkWidget *child = gtk_button_get_child (GTK_BUTTON (button));

  if (gtk_button_get_icon_name (GTK_BUTTON (button)) != NULL)
    return FALSE;
  if (label != NULL && label[0] != '\0')
    return TRUE;
  if (GTK_IS_LABEL (child))
    return gtk_label_get_text (GTK_LABEL (child))[0] != '\0';
  if (ADW_IS_BUTTON_CONTENT (child))
    return adw_button_content_get_label (ADW_BUTTON_CONTENT (child))[0] != '\0';
  return FALSE;
}

/* Buttons that GTK and libadwaita build inside their own controls (window buttons, the
 * steppers of a spin button, view switcher buttons, an entry row's buttons) get their
 * accessible names from the toolkit, which is checked; their tooltips are the toolkit's
 * choice. */
static gboolean
inside_library_control (GtkWidget *widget)
{
  const GType library_controls[] = {
    GTK_TYPE_WINDOW_CONTROLS,
    GTK_TYPE_SPIN_BUTTON,
    ADW_TYPE_VIEW_SWITCHER,
    ADW_TYPE_ENTRY_ROW,
  };

  for (guint i = 0; i < G_N_ELEMENTS (library_controls); i++)
    {
      if (gtk_widget_get_ancestor (widget, library_controls[i]) != NULL)
        return TRUE;
    }
  return FALSE;
}

typedef struct
{
  GString *problems;
  guint    n_checked;
} Walk;

static void
problem (Walk       *walk,
         GtkWidget  *widget,
         const char *what)
{
  g_autoptr(GString) path = g_string_new (G_OBJECT_TYPE_NAME (widget));

  for (GtkWidget *w = gtk_widget_get_parent (widget); w != NULL; w = gtk_widget_get_parent (w))
    g_string_prepend (path, " > "), g_string_prepend (path, G_OBJECT_TYPE_NAME (w));
  g_string_append_printf (walk->problems, "%s: %s\n", path->str, what);
}

static void
check_widget (Walk      *walk,
              GtkWidget *widget)
{
  GtkWidget *parent = gtk_widget_get_parent (widget);

  /* A menu button is checked as a whole, not its inner toggle button. */
  if (GTK_IS_MENU_BUTTON (widget))
    {
      walk->n_checked++;
      if (gtk_widget_get_tooltip_text (widget) == NULL)
        problem (walk, widget, "icon-only menu button without a tooltip");
      if (!has_accessible_name (widget))
        problem (walk, widget, "menu button without an accessible name");
      return;
    }

  /* A drop-down is checked as a whole too: its inner button shows the selected item. */
  if (GTK_IS_DROP_DOWN (widget))
    {
      walk->n_checked++;
      if (!has_accessible_name (widget))
        problem (walk, widget, "drop-down without an accessible name");
      return;
    }

  if (GTK_IS_BUTTON (widget) && !GTK_IS_MENU_BUTTON (parent) && !button_has_text (widget))
    {
      walk->n_checked++;
      if (!has_accessible_name (widget))
        problem (walk, widget, "icon-only button without an accessible name");
      else if (gtk_widget_get_tooltip_text (widget) == NULL && !inside_library_control (widget))
        problem (walk, widget, "icon-only button without a tooltip");
    }

  if (GTK_IS_SEARCH_ENTRY (widget) || GTK_IS_ENTRY (widget) || GTK_IS_PASSWORD_ENTRY (widget)
      || GTK_IS_SPIN_BUTTON (widget) || GTK_IS_SWITCH (widget) || GTK_IS_LIST_VIEW (widget)
      || (GTK_IS_TEXT (widget) && ADW_IS_PREFERENCES_ROW (gtk_widget_get_ancestor (widget,
                                                                  ADW_TYPE_PREFERENCES_ROW))))
    {
      walk->n_checked++;
      if (!has_accessible_name (widget) && !in_titled_row (widget))
        problem (walk, widget, "input without an accessible name");
    }
}

static void
walk_tree (Walk      *walk,
           GtkWidget *widget)
{
  /* What the user cannot see or reach is not checked: the tests show each state. */
  if (!gtk_widget_get_visible (widget) || !gtk_widget_get_child_visible (widget))
    return;

  check_widget (walk, widget);
  if (GTK_IS_DROP_DOWN (widget))
    return;

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    walk_tree (walk, child);
}

static void
assert_accessible (GtkWidget *root,
                   guint      min_checked)
{
  Walk walk = { g_string_new (NULL), 0 };

  walk_tree (&walk, root);
  if (walk.problems->len > 0)
    g_error ("Accessibility problems in %s:\n%s", G_OBJECT_TYPE_NAME (root), walk.problems->str);
  g_assert_cmpuint (walk.n_checked, >=, min_checked);
  g_string_free (walk.problems, TRUE);
}

/* The walk itself finds what it should: an unnamed icon button fails it. */
static void
test_walk_finds_problems (void)
{
  g_autoptr(GtkWidget) box = g_object_ref_sink (gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0));
  GtkWidget *button = gtk_button_new_from_icon_name ("list-add-symbolic");
  Walk walk = { g_string_new (NULL), 0 };

  gtk_box_append (GTK_BOX (box), button);
  walk_tree (&walk, box);
  g_assert_cmpuint (walk.n_checked, ==, 1);
  g_assert_cmpuint (walk.problems->len, >, 0);

  g_string_truncate (walk.problems, 0);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  "Add", -1);
  walk_tree (&walk, box);
  g_assert_cmpstr (walk.problems->str, !=, "");  /* still no tooltip */

  g_string_truncate (walk.problems, 0);
  gtk_widget_set_tooltip_text (button, "Add");
  walk_tree (&walk, box);
  g_assert_cmpstr (walk.problems->str, ==, "");
  g_string_free (walk.problems, TRUE);
}

/* The templates */

static PolkuClient *
make_client (void)
{
  PolkuClient *client = polku_client_new ();

  polku_client_set_given_name (client, "Aino");
  polku_client_set_family_name (client, "Virtanen");
  polku_client_set_hetu (client, "131052-308T");
  polku_client_set_birth_date (client, "1952-10-13");
  polku_client_set_municipality (client, "Kuopio");
  polku_client_set_address (client, "Kauppakatu 1 & 3 <B>");
  return client;
}

static void
test_client_row (void)
{
  g_autoptr(GtkWidget) row = g_object_ref_sink (polku_client_row_new ());
  g_autoptr(PolkuClient) client = make_client ();

  polku_client_row_set_client (POLKU_CLIENT_ROW (row), client);
  g_assert_true (polku_client_row_get_client (POLKU_CLIENT_ROW (row)) == client);
  assert_accessible (row, 0);

  polku_client_set_archived (client, TRUE);
  polku_client_row_set_client (POLKU_CLIENT_ROW (row), NULL);
  g_assert_null (polku_client_row_get_client (POLKU_CLIENT_ROW (row)));
}

static gboolean
shows_label (GtkWidget  *root,
             const char *text)
{
  if (GTK_IS_LABEL (root) && g_strcmp0 (gtk_label_get_text (GTK_LABEL (root)), text) == 0)
    return TRUE;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (shows_label (child, text))
      return TRUE;
  return FALSE;
}

static void
test_client_page (void)
{
  g_autoptr(GtkWidget) page = g_object_ref_sink (polku_client_page_new ());
  g_autoptr(PolkuClient) client = make_client ();

  assert_accessible (page, 0);
  polku_client_view_set_client (POLKU_CLIENT_VIEW (page), client);
  polku_client_page_set_folded (POLKU_CLIENT_PAGE (page), TRUE);
  g_assert_true (polku_client_page_get_folded (POLKU_CLIENT_PAGE (page)));
  assert_accessible (page, 1);

  /* The client's name is shown above the tabs too, and goes with the client. */
  g_assert_true (shows_label (page, "Aino Virtanen"));

  /* The client's changes show; markup in values is text, not markup. */
  polku_client_set_phone (client, "+358 40 123 4567");
  polku_client_set_archived (client, TRUE);
  polku_client_view_set_client (POLKU_CLIENT_VIEW (page), NULL);
  g_assert_false (shows_label (page, "Aino Virtanen"));
}

static gboolean
list_has_rows (gpointer data)
{
  return gtk_widget_get_first_child (GTK_WIDGET (data)) != NULL;
}

/* Opening a client's page is recorded in the audit log before the page shows, and the Log
 * view lists it; "Check the Log" reports an intact log, then a tampered one. */
static void
test_client_page_log (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autoptr(PolkuProfile) profile = NULL;
  g_autoptr(PolkuStore) store = test_make_store (2, &dir, &profile);
  g_autoptr(GPtrArray) clients = polku_client_store_list (store, FALSE, &error);
  g_autoptr(GPtrArray) entries = NULL;
  GtkWidget *window = gtk_window_new ();
  GtkWidget *page = polku_client_page_new ();
  PolkuClient *client;
  GtkWidget *log_view;
  GtkWidget *list_view;
  GtkWidget *label;
  guint n_before;
  gboolean seen_view = FALSE;
  sqlite3 *db;

  g_assert_no_error (error);
  client = g_ptr_array_index (clients, 0);
  gtk_window_set_child (GTK_WINDOW (window), page);
  gtk_window_present (GTK_WINDOW (window));

  entries = polku_audit_list (store, polku_client_get_id (client), &error);
  g_assert_no_error (error);
  n_before = entries->len;
  g_clear_pointer (&entries, g_ptr_array_unref);

  polku_client_view_set_store (POLKU_CLIENT_VIEW (page), store);
  polku_client_view_set_client (POLKU_CLIENT_VIEW (page), client);
  test_wait_tree_loaded (page);
  entries = polku_audit_list (store, polku_client_get_id (client), &error);
  g_assert_no_error (error);
  /* The page's view, and whatever its views read (the plan, say), each recorded. */
  g_assert_cmpuint (entries->len, >, n_before);
  for (guint i = 0; i < entries->len - n_before; i++)
    if (g_strcmp0 (polku_audit_entry_get_action (g_ptr_array_index (entries, i)),
                   POLKU_AUDIT_CLIENT_VIEW) == 0)
      seen_view = TRUE;
  g_assert_true (seen_view);

  log_view = test_find_widget (page, POLKU_TYPE_LOG_VIEW);
  g_assert_nonnull (log_view);
  adw_view_stack_set_visible_child_name (ADW_VIEW_STACK (gtk_widget_get_ancestor (log_view,
                                                                   ADW_TYPE_VIEW_STACK)),
                                         "log");
  list_view = test_find_widget (log_view, GTK_TYPE_LIST_VIEW);
  test_wait_until (list_has_rows, list_view, 5000, "the log view lists entries");
  test_wait_tree_loaded (page);
  assert_accessible (page, 1);

  g_assert_true (gtk_widget_activate_action (log_view, "log.verify", NULL));
  /* Under the log's description, above the filters. */
  label = gtk_widget_get_next_sibling (gtk_widget_get_first_child (
            adw_clamp_get_child (ADW_CLAMP (test_find_widget (log_view, ADW_TYPE_CLAMP)))));
  g_assert_true (GTK_IS_LABEL (label));
  test_wait_until (test_widget_is_visible, label, 10000, "the log is checked");
  g_assert_true (gtk_widget_has_css_class (label, "success"));

  db = polku_store_begin_use (store, &error);
  g_assert_no_error (error);
  g_assert_cmpint (sqlite3_exec (db, "DROP TRIGGER audit_entry_no_delete;"
                                     "DELETE FROM audit_entry WHERE seq = 1;", NULL, NULL, NULL),
                   ==, SQLITE_OK);
  polku_store_end_use (store);
  g_assert_true (gtk_widget_activate_action (log_view, "log.verify", NULL));
  test_wait_until (test_widget_is_visible, label, 10000, "the log is checked");
  g_assert_true (gtk_widget_has_css_class (label, "error"));

  /* Without a store that can record the view, the client is not shown. */
  polku_store_close (store);
  polku_client_view_set_client (POLKU_CLIENT_VIEW (page), NULL);
  polku_client_view_set_client (POLKU_CLIENT_VIEW (page), client);
  test_spin (50);
  test_wait_tree_loaded (page);
  g_assert_false (gtk_widget_get_mapped (log_view));

  test_destroy_window (GTK_WINDOW (window));
  test_remove_tree (dir);
}

static void
test_birth_date_format (void)
{
  g_autofree char *formatted = polku_format_birth_date ("1952-10-13");

  /* As dates are written (and typed) in Finland, whatever the locale's own format. */
  g_assert_cmpstr (formatted, ==, "13.10.1952");
  g_assert_null (polku_format_birth_date ("1952-13-01"));
  g_assert_null (polku_format_birth_date ("13.10.1952"));
  g_assert_null (polku_format_birth_date (NULL));
}

static void
on_unlock (PolkuUnlockPage  *page,
           const char       *passphrase,
           char            **out)
{
  g_free (*out);
  *out = g_strdup (passphrase != NULL ? passphrase : "(secret service)");
}

static void
test_unlock_page (void)
{
  g_autoptr(GtkWidget) widget = g_object_ref_sink (polku_unlock_page_new ());
  PolkuUnlockPage *page = POLKU_UNLOCK_PAGE (widget);
  GtkEditable *passphrase = polku_unlock_page_get_passphrase_entry (page);
  GtkEditable *confirmation = polku_unlock_page_get_confirmation_entry (page);
  GtkWidget *button = polku_unlock_page_get_unlock_button (page);
  g_autofree char *submitted = NULL;

  g_signal_connect (page, "unlock", G_CALLBACK (on_unlock), &submitted);

  for (PolkuUnlockMode mode = POLKU_UNLOCK_MODE_NONE; mode <= POLKU_UNLOCK_MODE_NEW_PASSPHRASE;
       mode++)
    {
      polku_unlock_page_set_mode (page, mode, NULL);
      g_assert_cmpint (polku_unlock_page_get_mode (page), ==, mode);
      assert_accessible (widget, mode == POLKU_UNLOCK_MODE_PASSPHRASE
                                 || mode == POLKU_UNLOCK_MODE_NEW_PASSPHRASE ? 1 : 0);
    }

  /* A new passphrase must be long enough and confirmed. */
  polku_unlock_page_set_mode (page, POLKU_UNLOCK_MODE_NEW_PASSPHRASE, NULL);
  gtk_editable_set_text (passphrase, "short");
  gtk_editable_set_text (confirmation, "short");
  g_assert_false (gtk_widget_get_sensitive (button));
  gtk_editable_set_text (passphrase, TEST_PASSPHRASE);
  g_assert_false (gtk_widget_get_sensitive (button));
  gtk_editable_set_text (confirmation, TEST_PASSPHRASE "x");
  g_assert_false (gtk_widget_get_sensitive (button));
  gtk_editable_set_text (confirmation, TEST_PASSPHRASE);
  g_assert_true (gtk_widget_get_sensitive (button));
  g_signal_emit_by_name (button, "clicked");
  g_assert_cmpstr (submitted, ==, TEST_PASSPHRASE);

  /* Busy: nothing can be submitted twice. */
  polku_unlock_page_set_busy (page, TRUE);
  g_assert_false (gtk_widget_get_sensitive (button));
  polku_unlock_page_set_error (page, "The key or passphrase is wrong.");
  g_assert_false (polku_unlock_page_get_busy (page));
  g_assert_cmpstr (polku_unlock_page_get_error (page), ==, "The key or passphrase is wrong.");

  /* A wrong passphrase is emptied so the user types it again. */
  polku_unlock_page_set_mode (page, POLKU_UNLOCK_MODE_PASSPHRASE, NULL);
  g_assert_false (gtk_widget_get_sensitive (button));
  gtk_editable_set_text (passphrase, "wrong one");
  g_assert_true (gtk_widget_get_sensitive (button));
  polku_unlock_page_set_error (page, "Wrong.");
  g_assert_cmpstr (gtk_editable_get_text (passphrase), ==, "");

  /* The Secret Service needs nothing typed. */
  polku_unlock_page_set_mode (page, POLKU_UNLOCK_MODE_UNLOCK, NULL);
  g_assert_null (polku_unlock_page_get_error (page));
  g_assert_true (gtk_widget_get_sensitive (button));
  g_signal_emit_by_name (button, "clicked");
  g_assert_cmpstr (submitted, ==, "(secret service)");
}

static void
test_editor (void)
{
  g_autofree char *dir = NULL;
  g_autoptr(PolkuProfile) profile = NULL;
  g_autoptr(PolkuStore) store = test_make_store (0, &dir, &profile);
  g_autoptr(PolkuClient) client = make_client ();
  PolkuClientEditor *editor;

  editor = polku_client_editor_new (NULL, store, NULL);
  gtk_window_present (GTK_WINDOW (editor));
  assert_accessible (GTK_WIDGET (editor), 8);
  g_assert_null (polku_client_editor_get_client (editor));
  g_assert_false (polku_client_editor_get_can_save (editor));
  test_destroy_window (GTK_WINDOW (editor));

  editor = polku_client_editor_new (NULL, store, client);
  gtk_window_present (GTK_WINDOW (editor));
  assert_accessible (GTK_WIDGET (editor), 8);
  g_assert_true (polku_client_editor_get_client (editor) == client);
  g_assert_cmpstr (gtk_editable_get_text (polku_client_editor_get_entry (editor, "hetu")), ==,
                   "131052-308T");
  g_assert_true (polku_client_editor_get_can_save (editor));
  test_destroy_window (GTK_WINDOW (editor));

  polku_store_close (store);
  test_remove_tree (dir);
}

static void
test_preferences (void)
{
  g_autofree char *dir = NULL;
  g_autoptr(PolkuProfile) profile = NULL;
  g_autoptr(PolkuStore) store = test_make_store (0, &dir, &profile);
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  PolkuPreferencesWindow *preferences = polku_preferences_window_new (NULL, profile);
  GtkSpinButton *spin = NULL;

  gtk_window_present (GTK_WINDOW (preferences));
  assert_accessible (GTK_WIDGET (preferences), 2);

  /* The controls change the settings. */
  spin = GTK_SPIN_BUTTON (test_find_widget (GTK_WIDGET (preferences), GTK_TYPE_SPIN_BUTTON));
  g_assert_nonnull (spin);
  g_assert_cmpfloat (gtk_spin_button_get_value (spin), ==,
                     g_settings_get_uint (settings, "idle-lock-minutes"));
  gtk_spin_button_set_value (spin, 25);
  g_assert_cmpuint (g_settings_get_uint (settings, "idle-lock-minutes"), ==, 25);
  gtk_spin_button_set_value (spin, 0);
  g_assert_cmpuint (g_settings_get_uint (settings, "idle-lock-minutes"), ==, 0);
  g_settings_reset (settings, "idle-lock-minutes");

  test_destroy_window (GTK_WINDOW (preferences));
  polku_store_close (store);
  test_remove_tree (dir);
}

static void
test_window (void)
{
  g_autofree char *dir = NULL;
  g_autoptr(PolkuProfile) profile = NULL;
  g_autoptr(PolkuStore) store = test_make_store (5, &dir, &profile);
  PolkuWindow *window = test_open_window (profile, store);
  GtkSingleSelection *selection;

  g_assert_cmpstr (polku_window_get_visible_page (window), ==, "main");
  selection = GTK_SINGLE_SELECTION (polku_window_get_visible_clients (window));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (selection)), ==, 5);

  /* The list with nothing selected, then with a client's page. */
  assert_accessible (GTK_WIDGET (window), 4);
  gtk_single_selection_set_selected (selection, 0);
  test_spin (50);
  test_wait_tree_loaded (GTK_WIDGET (window));
  assert_accessible (GTK_WIDGET (window), 4);

  /* A search without hits. */
  gtk_editable_set_text (polku_window_get_search_entry (window), "qqxqzz");
  test_wait_until (test_window_settled, window, 5000, "the search is applied");
  g_assert_cmpstr (polku_window_get_list_state (window), ==, "no-results");
  assert_accessible (GTK_WIDGET (window), 4);

  /* Locked. */
  polku_window_lock (window);
  assert_accessible (GTK_WIDGET (window), 1);

  test_destroy_window (GTK_WINDOW (window));
  test_remove_tree (dir);
}

static void
test_window_empty (void)
{
  g_autofree char *dir = NULL;
  g_autoptr(PolkuProfile) profile = NULL;
  g_autoptr(PolkuStore) store = test_make_store (0, &dir, &profile);
  PolkuWindow *window = test_open_window (profile, store);

  g_assert_cmpstr (polku_window_get_list_state (window), ==, "empty");
  assert_accessible (GTK_WIDGET (window), 4);

  test_destroy_window (GTK_WINDOW (window));
  test_remove_tree (dir);
}

/* The help overlay lists every keyboard shortcut that the classes define. */

static void
collect_overlay_accels (GtkWidget  *widget,
                        GHashTable *accels)
{
  if (GTK_IS_SHORTCUTS_SHORTCUT (widget))
    {
      g_autofree char *accelerator = NULL;
      g_autofree char *action_name = NULL;

      g_object_get (widget, "accelerator", &accelerator, "action-name", &action_name, NULL);
      if (accelerator != NULL)
        {
          /* Several accelerators are separated by spaces, a range is "1...5" (the
           * shortcut window's own syntax): each key of it is listed. */
          g_auto(GStrv) alternatives = g_strsplit (accelerator, " ", -1);

          for (guint i = 0; alternatives[i] != NULL; i++)
            {
              g_auto(GStrv) range = g_strsplit (alternatives[i], "...", 2);
              guint key, last;
              GdkModifierType mods, last_mods;

              g_assert_true (gtk_accelerator_parse (range[0], &key, &mods));
              last = key;
              if (range[1] != NULL)
                g_assert_true (gtk_accelerator_parse (range[1], &last, &last_mods));
              for (guint k = key; k <= last; k++)
                g_hash_table_add (accels, gtk_accelerator_name (k, mods));
            }
        }
      if (action_name != NULL)
        g_hash_table_add (accels, g_strconcat ("action:", action_name, NULL));
    }

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_overlay_accels (child, accels);
}

static guint
assert_class_shortcuts_listed (GtkWidget  *widget,
                               GHashTable *accels)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);
  guint n_checked = 0;

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

      if (!GTK_IS_SHORTCUT_CONTROLLER (controller))
        continue;

      for (guint j = 0; j < g_list_model_get_n_items (G_LIST_MODEL (controller)); j++)
        {
          g_autoptr(GtkShortcut) shortcut = g_list_model_get_item (G_LIST_MODEL (controller), j);
          GtkShortcutTrigger *trigger = gtk_shortcut_get_trigger (shortcut);
          GtkShortcutAction *action = gtk_shortcut_get_action (shortcut);
          guint key;
          GdkModifierType mods;
          g_autofree char *name = NULL;

          if (!GTK_IS_KEYVAL_TRIGGER (trigger) || !GTK_IS_NAMED_ACTION (action))
            continue;

          key = gtk_keyval_trigger_get_keyval (GTK_KEYVAL_TRIGGER (trigger));
          mods = gtk_keyval_trigger_get_modifiers (GTK_KEYVAL_TRIGGER (trigger));
          name = gtk_accelerator_name (key, mods);
          if (!g_hash_table_contains (accels, name))
            g_error ("%s (%s) is not in gtk/help-overlay.ui",
                     name, gtk_named_action_get_action_name (GTK_NAMED_ACTION (action)));
          n_checked++;
        }
    }

  return n_checked;
}

static void
test_help_overlay (void)
{
  g_autoptr(GtkBuilder) builder =
    gtk_builder_new_from_resource (RESOURCE_BASE "/gtk/help-overlay.ui");
  GtkWidget *overlay = GTK_WIDGET (gtk_builder_get_object (builder, "help_overlay"));
  g_autoptr(GHashTable) accels = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autofree char *dir = NULL;
  g_autoptr(PolkuProfile) profile = NULL;
  g_autoptr(PolkuStore) store = test_make_store (0, &dir, &profile);
  PolkuWindow *window;
  PolkuClientEditor *editor;
  const char * const app_actions[] = { "app.quit", "app.preferences", "app.help",
                                       "win.show-help-overlay" };

  g_assert_nonnull (overlay);
  collect_overlay_accels (overlay, accels);

  window = polku_window_new_with_store (NULL, profile, store);
  editor = polku_client_editor_new (GTK_WINDOW (window), store, NULL);
  g_assert_cmpuint (assert_class_shortcuts_listed (GTK_WIDGET (window), accels), >=, 4);
  g_assert_cmpuint (assert_class_shortcuts_listed (GTK_WIDGET (editor), accels), >=, 2);

  /* The application's own accelerators are listed by action. */
  for (guint i = 0; i < G_N_ELEMENTS (app_actions); i++)
    {
      g_autofree char *key = g_strconcat ("action:", app_actions[i], NULL);
      g_assert_true (g_hash_table_contains (accels, key));
    }

  test_destroy_window (GTK_WINDOW (editor));
  test_destroy_window (GTK_WINDOW (window));
  gtk_window_destroy (GTK_WINDOW (overlay));
  test_remove_tree (dir);
}

static GtkWindow *
find_toplevel (GType type)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

      if (g_type_is_a (G_OBJECT_TYPE (window), type))
        return GTK_WINDOW (window);
    }

  return NULL;
}

static void
test_application (void)
{
  g_autoptr(PolkuApplication) app = polku_application_new ();
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) quit_accels = NULL;
  g_auto(GStrv) help_accels = NULL;
  GtkWindow *about;

  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
  g_assert_true (g_application_register (G_APPLICATION (app), NULL, &error));
  g_assert_no_error (error);
  g_assert_null (polku_application_get_data_dir (app));

  quit_accels = gtk_application_get_accels_for_action (GTK_APPLICATION (app), "app.quit");
  g_assert_cmpstr (quit_accels[0], ==, "<Control>q");

  g_assert_null (find_toplevel (ADW_TYPE_ABOUT_WINDOW));
  g_action_group_activate_action (G_ACTION_GROUP (app), "about", NULL);
  about = find_toplevel (ADW_TYPE_ABOUT_WINDOW);
  g_assert_nonnull (about);
  g_assert_cmpstr (adw_about_window_get_version (ADW_ABOUT_WINDOW (about)), ==, PACKAGE_VERSION);
  test_destroy_window (about);

  /* Help is in the main menu (F1) and opens the built-in guide (issue 11, point 14). */
  help_accels = gtk_application_get_accels_for_action (GTK_APPLICATION (app), "app.help");
  g_assert_cmpstr (help_accels[0], ==, "F1");
  g_assert_null (find_toplevel (POLKU_TYPE_HELP_WINDOW));
  g_action_group_activate_action (G_ACTION_GROUP (app), "help", NULL);
  g_assert_nonnull (find_toplevel (POLKU_TYPE_HELP_WINDOW));
  test_destroy_window (find_toplevel (POLKU_TYPE_HELP_WINDOW));

  /* Without a main window there is no profile to show preferences for. */
  g_action_group_activate_action (G_ACTION_GROUP (app), "preferences", NULL);
  g_assert_null (find_toplevel (POLKU_TYPE_PREFERENCES_WINDOW));
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add_func ("/templates/walk-finds-problems", test_walk_finds_problems);
  g_test_add_func ("/templates/client-row", test_client_row);
  g_test_add_func ("/templates/client-page", test_client_page);
  g_test_add_func ("/templates/client-page-log", test_client_page_log);
  g_test_add_func ("/templates/birth-date-format", test_birth_date_format);
  g_test_add_func ("/templates/unlock-page", test_unlock_page);
  g_test_add_func ("/templates/client-editor", test_editor);
  g_test_add_func ("/templates/preferences", test_preferences);
  g_test_add_func ("/templates/window", test_window);
  g_test_add_func ("/templates/window-empty", test_window_empty);
  g_test_add_func ("/templates/help-overlay", test_help_overlay);
  g_test_add_func ("/templates/application", test_application);

  return g_test_run ();
}
