/* test-unlock-restore.c: "Restore from Backup…" on the unlock page; what locking asks, keeps
 *
 * The UI tests have no Secret Service, so a restore here asks for a passphrase for the
 * restored profile (the keyring path is the core's, tested in tests/integration/).
 *
 * Copyright 2026 The Polku authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "polku-backup.h"
#include "polku-client-list-private.h"
#include "polku-client-store.h"
#include "polku-preferences-window.h"
#include "polku-recovery.h"
#include "polku-unlock-page-private.h"
#include "polku-window-private.h"

#include "test-helpers.h"

#define N_CLIENTS 3

typedef struct
{
  char       *dir;        /* the source profile, and room for the others */
  char       *backup;
  char       *damaged;
  char       *recovery_key;
} Source;

static void
source_set_up (Source *source)
{
  g_autoptr(PolkuProfile) profile = NULL;
  g_autoptr(PolkuStore) store = test_make_store (N_CLIENTS, &source->dir, &profile);
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  gsize length;

  source->recovery_key = polku_recovery_key_ensure (store, NULL, &error);
  g_assert_no_error (error);
  source->backup = g_build_filename (source->dir, "saved" POLKU_BACKUP_SUFFIX, NULL);
  g_assert_true (polku_backup_create (store, polku_profile_get_id (profile), source->backup,
                                      FALSE, &error));
  g_assert_no_error (error);
  polku_store_close (store);

  /* Cut short: a stick pulled out while copying. */
  g_assert_true (g_file_get_contents (source->backup, &contents, &length, &error));
  source->damaged = g_build_filename (source->dir, "cut" POLKU_BACKUP_SUFFIX, NULL);
  g_assert_true (g_file_set_contents (source->damaged, contents, length / 2, &error));
  g_assert_no_error (error);
}

static void
source_tear_down (Source *source)
{
  test_remove_tree (source->dir);
  g_free (source->dir);
  g_free (source->backup);
  g_free (source->damaged);
  g_free (source->recovery_key);
}

static gboolean
page_idle (gpointer data)
{
  return !polku_unlock_page_get_busy (data);
}

static gboolean
asks_new_passphrase (gpointer data)
{
  PolkuUnlockPage *page = polku_window_get_unlock_page (data);

  return polku_unlock_page_get_mode (page) == POLKU_UNLOCK_MODE_NEW_PASSPHRASE
         && !polku_unlock_page_get_busy (page);
}

static gboolean
unlocked_and_settled (gpointer data)
{
  return !polku_window_get_locked (data) && polku_window_get_settled (data);
}

static gboolean
profile_files_exist (const char *folder)
{
  g_autofree char *db = g_build_filename (folder, "polku.db", NULL);
  g_autofree char *ini = g_build_filename (folder, "profile.ini", NULL);

  return g_file_test (db, G_FILE_TEST_EXISTS) || g_file_test (ini, G_FILE_TEST_EXISTS);
}

static gboolean
passphrase_shown (PolkuUnlockPage *page)
{
  GtkWidget *entry = GTK_WIDGET (polku_unlock_page_get_passphrase_entry (page));

  return gtk_widget_get_visible (entry) && gtk_widget_get_visible (gtk_widget_get_parent (entry));
}

/* Clicks the page's main button (Restore here) and waits until the page is idle again. */
static void
submit_and_wait (PolkuUnlockPage *page,
                 const char      *what)
{
  GtkWidget *button = polku_unlock_page_get_unlock_button (page);

  g_assert_true (gtk_widget_get_sensitive (button));
  g_signal_emit_by_name (button, "clicked");
  g_assert_true (polku_unlock_page_get_busy (page));
  test_wait_until (page_idle, page, 30000, what);
}

static AdwMessageDialog *
find_dialog (GtkWindow *parent)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (window) && gtk_window_get_transient_for (window) == parent
          && gtk_widget_get_visible (GTK_WIDGET (window)))
        return ADW_MESSAGE_DIALOG (window);
    }
  return NULL;
}

/* A new computer: no profile yet, no keyring. The backup is restored into the profile's own
 * folder, after a damaged file and a wrong key are refused with nothing created. */
static void
test_restore_first_start (void)
{
  Source source = { 0 };
  g_autofree char *folder = NULL;
  g_autofree char *other_key = NULL;
  g_autoptr(PolkuProfile) profile = NULL;
  g_autoptr(GError) error = NULL;
  PolkuWindow *window;
  PolkuUnlockPage *page;
  GtkWidget *button;
  GtkEditable *key_entry;

  source_set_up (&source);
  folder = g_build_filename (source.dir, "new-laptop", NULL);
  profile = polku_profile_new (folder);
  window = polku_window_new (NULL, profile);
  gtk_window_present (GTK_WINDOW (window));
  test_wait_until (asks_new_passphrase, window, 20000, "the window asks for a passphrase");

  page = polku_window_get_unlock_page (window);
  button = polku_unlock_page_get_unlock_button (page);
  key_entry = polku_unlock_page_get_recovery_key_entry (page);

  /* Restore from Backup…, and back again with Cancel. */
  g_assert_true (gtk_widget_get_visible (polku_unlock_page_get_restore_button (page)));
  g_signal_emit_by_name (polku_unlock_page_get_restore_button (page), "clicked");
  g_assert_cmpint (polku_unlock_page_get_mode (page), ==, POLKU_UNLOCK_MODE_RESTORE);
  g_assert_nonnull (strstr (polku_unlock_page_get_description (page), folder));
  g_signal_emit_by_name (polku_unlock_page_get_cancel_button (page), "clicked");
  g_assert_cmpint (polku_unlock_page_get_mode (page), ==, POLKU_UNLOCK_MODE_NEW_PASSPHRASE);
  g_signal_emit_by_name (polku_unlock_page_get_restore_button (page), "clicked");
  g_assert_cmpint (polku_unlock_page_get_mode (page), ==, POLKU_UNLOCK_MODE_RESTORE);

  /* Nothing to restore until a file and a well-formed key are given. */
  g_assert_false (gtk_widget_get_sensitive (button));
  g_assert_cmpstr (polku_unlock_page_get_hint (page), ==, "Choose the backup file.");
  polku_unlock_page_set_backup_file (page, source.damaged);
  gtk_editable_set_text (key_entry, "1234");
  g_assert_false (gtk_widget_get_sensitive (button));
  g_assert_nonnull (polku_unlock_page_get_hint (page));

  /* A damaged file: refused, nothing created. */
  gtk_editable_set_text (key_entry, source.recovery_key);
  submit_and_wait (page, "the damaged backup is tried");
  g_assert_nonnull (strstr (polku_unlock_page_get_error (page), "damaged"));
  g_assert_false (profile_files_exist (folder));
  g_assert_true (polku_window_get_locked (window));

  /* A wrong key (well formed, another profile's): refused, nothing created. */
  other_key = polku_recovery_key_generate (&error);
  g_assert_no_error (error);
  polku_unlock_page_set_backup_file (page, source.backup);
  gtk_editable_set_text (key_entry, other_key);
  submit_and_wait (page, "the wrong key is tried");
  g_assert_nonnull (strstr (polku_unlock_page_get_error (page), "recovery key does not open"));
  g_assert_cmpstr (gtk_editable_get_text (key_entry), ==, "");
  g_assert_false (profile_files_exist (folder));

  /* The right key, typed as people type it: no keyring here, so a passphrase is asked for
   * and the backup and key are kept. */
  {
    g_autofree char *typed = g_ascii_strdown (source.recovery_key, -1);

    gtk_editable_set_text (key_entry, typed);
  }
  g_assert_false (passphrase_shown (page));
  submit_and_wait (page, "the restore asks for a passphrase");
  g_assert_null (polku_unlock_page_get_error (page));
  g_assert_cmpint (polku_unlock_page_get_mode (page), ==, POLKU_UNLOCK_MODE_RESTORE);
  g_assert_true (passphrase_shown (page));
  g_assert_false (profile_files_exist (folder));
  g_assert_false (gtk_widget_get_sensitive (button));
  gtk_editable_set_text (polku_unlock_page_get_passphrase_entry (page), TEST_PASSPHRASE);
  gtk_editable_set_text (polku_unlock_page_get_confirmation_entry (page), TEST_PASSPHRASE);
  g_assert_true (gtk_widget_get_sensitive (button));
  g_signal_emit_by_name (button, "clicked");
  test_wait_until (unlocked_and_settled, window, 30000, "the restored profile is open");

  g_assert_cmpstr (polku_window_get_visible_page (window), ==, "main");
  g_assert_cmpuint (g_list_model_get_n_items (polku_window_get_all_clients (window)), ==,
                    N_CLIENTS);
  g_assert_true (polku_window_get_profile (window) != profile);
  g_assert_cmpstr (polku_profile_get_data_dir (polku_window_get_profile (window)), ==,
                   polku_profile_get_data_dir (profile));
  g_assert_cmpint (polku_profile_get_key_source (polku_window_get_profile (window)), ==,
                   POLKU_KEY_SOURCE_PASSPHRASE);
  /* In its own folder: nothing to explain. */
  g_assert_null (find_dialog (GTK_WINDOW (window)));

  /* Locked, it opens with the passphrase chosen. */
  polku_window_lock (window);
  g_assert_cmpint (polku_unlock_page_get_mode (page), ==, POLKU_UNLOCK_MODE_PASSPHRASE);

  test_destroy_window (GTK_WINDOW (window));
  source_tear_down (&source);
}

/* A profile is there: the backup goes into another folder the user chooses, the window
 * opens it and says how to start Polku with it. The profile that was there is untouched. */
static void
test_restore_into_other_folder (void)
{
  Source source = { 0 };
  g_autoptr(PolkuProfile) profile = NULL;
  g_autoptr(PolkuStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *folder = NULL;
  PolkuWindow *window;
  PolkuUnlockPage *page;
  GtkWidget *button;
  AdwMessageDialog *dialog;

  source_set_up (&source);
  profile = polku_profile_new (source.dir);
  store = polku_profile_open_sync (profile, TEST_PASSPHRASE, 1, NULL, &error);
  g_assert_no_error (error);
  window = polku_window_new_with_store (NULL, profile, store);
  gtk_window_present (GTK_WINDOW (window));
  test_wait_until (unlocked_and_settled, window, 20000, "the window is open");
  polku_window_lock (window);
  test_release_store (&store);

  page = polku_window_get_unlock_page (window);
  button = polku_unlock_page_get_unlock_button (page);
  g_signal_emit_by_name (polku_unlock_page_get_restore_button (page), "clicked");
  g_assert_cmpint (polku_unlock_page_get_mode (page), ==, POLKU_UNLOCK_MODE_RESTORE);
  g_assert_nonnull (strstr (polku_unlock_page_get_description (page), "polku --data-dir"));

  /* The profile's own folder is in use: a folder must be chosen. */
  polku_unlock_page_set_backup_file (page, source.backup);
  gtk_editable_set_text (polku_unlock_page_get_recovery_key_entry (page), source.recovery_key);
  g_assert_false (gtk_widget_get_sensitive (button));
  g_assert_cmpstr (polku_unlock_page_get_hint (page), ==,
                   "Choose an empty folder for the restored profile.");

  /* A folder that holds a profile is refused (the core's rule), nothing changed. */
  polku_unlock_page_set_restore_folder (page, source.dir);
  submit_and_wait (page, "the occupied folder is tried");
  g_assert_nonnull (strstr (polku_unlock_page_get_error (page), "already a profile"));

  folder = g_build_filename (source.dir, "restored", NULL);
  polku_unlock_page_set_restore_folder (page, folder);
  gtk_editable_set_text (polku_unlock_page_get_recovery_key_entry (page), source.recovery_key);
  submit_and_wait (page, "the restore asks for a passphrase");
  g_assert_true (passphrase_shown (page));
  g_assert_false (profile_files_exist (folder));
  gtk_editable_set_text (polku_unlock_page_get_passphrase_entry (page), TEST_PASSPHRASE);
  gtk_editable_set_text (polku_unlock_page_get_confirmation_entry (page), TEST_PASSPHRASE);
  g_signal_emit_by_name (button, "clicked");
  test_wait_until (unlocked_and_settled, window, 30000, "the restored profile is open");

  g_assert_cmpuint (g_list_model_get_n_items (polku_window_get_all_clients (window)), ==,
                    N_CLIENTS);
  g_assert_cmpstr (polku_profile_get_data_dir (polku_window_get_profile (window)), ==, folder);
  dialog = find_dialog (GTK_WINDOW (window));
  g_assert_nonnull (dialog);
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "polku --data-dir"));
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), folder));
  gtk_window_destroy (GTK_WINDOW (dialog));

  /* The profile that was there still opens as before. */
  {
    g_autoptr(PolkuProfile) original = polku_profile_new (source.dir);
    g_autoptr(PolkuStore) reopened = polku_profile_open_sync (original, TEST_PASSPHRASE, 1,
                                                              NULL, &error);

    g_assert_no_error (error);
    polku_store_close (reopened);
  }

  test_destroy_window (GTK_WINDOW (window));
  source_tear_down (&source);
}

/* After Ctrl+L and unlocking, the client that was open is open again. */
static void
test_unlock_returns_to_client (void)
{
  g_autofree char *dir = NULL;
  g_autoptr(PolkuProfile) profile = NULL;
  g_autoptr(PolkuStore) store = test_make_store (5, &dir, &profile);
  g_autofree char *id = NULL;
  PolkuWindow *window = polku_window_new_with_store (NULL, profile, store);
  PolkuClientList *list = polku_window_get_client_list (window);
  PolkuUnlockPage *page = polku_window_get_unlock_page (window);
  GListModel *visible = polku_window_get_visible_clients (window);
  PolkuClient *shown;

  gtk_window_present (GTK_WINDOW (window));
  test_wait_until (unlocked_and_settled, window, 20000, "the window is open");
  {
    g_autoptr(PolkuClient) third = g_list_model_get_item (visible, 3);

    id = g_strdup (polku_client_get_id (third));
  }
  g_assert_true (polku_client_list_select_client (list, id, FALSE));
  test_wait_tree_loaded (GTK_WIDGET (window));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.lock", NULL));
  test_release_store (&store);
  g_assert_null (polku_client_list_get_selected_client (list));

  gtk_editable_set_text (polku_unlock_page_get_passphrase_entry (page), TEST_PASSPHRASE);
  g_signal_emit_by_name (polku_unlock_page_get_unlock_button (page), "clicked");
  test_wait_until (unlocked_and_settled, window, 20000, "the window is unlocked");
  test_spin (50);

  g_assert_nonnull (polku_client_list_get_selected_client (list));
  g_assert_cmpstr (polku_client_get_id (polku_client_list_get_selected_client (list)), ==, id);
  shown = polku_client_view_get_client (POLKU_CLIENT_VIEW (polku_window_get_client_page (window)));
  g_assert_nonnull (shown);
  g_assert_cmpstr (polku_client_get_id (shown), ==, id);

  /* Locked with no client open, none is opened. */
  polku_client_list_unselect (list);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.lock", NULL));
  gtk_editable_set_text (polku_unlock_page_get_passphrase_entry (page), TEST_PASSPHRASE);
  g_signal_emit_by_name (polku_unlock_page_get_unlock_button (page), "clicked");
  test_wait_until (unlocked_and_settled, window, 20000, "the window is unlocked again");
  test_spin (50);
  g_assert_null (polku_client_list_get_selected_client (list));

  test_destroy_window (GTK_WINDOW (window));
  test_remove_tree (dir);
}

static gboolean
has_label_containing (GtkWidget  *root,
                      const char *text)
{
  if (GTK_IS_LABEL (root) && gtk_widget_get_visible (root)
      && strstr (gtk_label_get_text (GTK_LABEL (root)), text) != NULL)
    return TRUE;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (has_label_containing (child, text))
      return TRUE;
  return FALSE;
}

/* A keyring profile unlocks without proof: the lock page and Preferences say so plainly,
 * and what to do instead (lock the screen). A passphrase profile's Preferences do not. */
static void
test_lock_says_what_it_protects (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("polku-test-ui-XXXXXX", &error);
  g_autofree char *ini = NULL;
  g_autofree char *id = g_uuid_string_random ();
  g_autofree char *contents = NULL;
  g_autoptr(PolkuProfile) profile = NULL;
  GtkWidget *page = g_object_ref_sink (polku_unlock_page_new ());
  GtkWindow *host = GTK_WINDOW (gtk_window_new ());
  PolkuPreferencesWindow *preferences;

  polku_unlock_page_set_mode (POLKU_UNLOCK_PAGE (page), POLKU_UNLOCK_MODE_UNLOCK, NULL);
  g_assert_nonnull (strstr (polku_unlock_page_get_description (POLKU_UNLOCK_PAGE (page)),
                            "anyone who uses this desktop session can unlock"));
  g_assert_nonnull (strstr (polku_unlock_page_get_description (POLKU_UNLOCK_PAGE (page)),
                            "Super+L"));
  g_object_unref (page);

  /* A keyring profile (profile.ini says so; no keyring is asked). */
  g_assert_no_error (error);
  ini = g_build_filename (dir, "profile.ini", NULL);
  contents = g_strdup_printf ("[Profile]\nformat=1\nid=%s\nkey-source=secret-service\n", id);
  g_assert_true (g_file_set_contents (ini, contents, -1, &error));
  profile = polku_profile_new (dir);
  g_assert_cmpint (polku_profile_get_key_source (profile), ==, POLKU_KEY_SOURCE_SECRET_SERVICE);
  preferences = polku_preferences_window_new (host, profile);
  gtk_window_present (GTK_WINDOW (preferences));
  test_spin (50);
  g_assert_true (has_label_containing (GTK_WIDGET (preferences), "Super+L"));
  test_destroy_window (GTK_WINDOW (preferences));
  g_clear_object (&profile);

  /* A passphrase profile: locking does need the passphrase. */
  contents = (g_free (contents),
              g_strdup_printf ("[Profile]\nformat=1\nid=%s\nkey-source=passphrase\n", id));
  g_assert_true (g_file_set_contents (ini, contents, -1, &error));
  profile = polku_profile_new (dir);
  preferences = polku_preferences_window_new (host, profile);
  gtk_window_present (GTK_WINDOW (preferences));
  test_spin (50);
  g_assert_false (has_label_containing (GTK_WIDGET (preferences), "Super+L"));
  g_assert_true (has_label_containing (GTK_WIDGET (preferences), "only the passphrase"));
  test_destroy_window (GTK_WINDOW (preferences));

  test_destroy_window (host);
  test_remove_tree (dir);
}

int
main (int    argc,
      char **argv)
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add_func ("/restore/first-start", test_restore_first_start);
  g_test_add_func ("/restore/into-other-folder", test_restore_into_other_folder);
  g_test_add_func ("/lock/returns-to-client", test_unlock_returns_to_client);
  g_test_add_func ("/lock/says-what-it-protects", test_lock_says_what_it_protects);

  return g_test_run ();
}
