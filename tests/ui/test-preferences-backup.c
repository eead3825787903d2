/* test-preferences-backup.c: Preferences → Back Up Now… and Show Recovery Key…
 *
 * Copyright 2026 The Polku authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "polku-audit.h"
#include "polku-backup.h"
#include "polku-preferences-window.h"
#include "polku-recovery-key-dialog.h"
#include "polku-recovery.h"

#include "test-helpers.h"

/* The AdwMessageDialog transient for @parent, if one is shown. */
static AdwMessageDialog *
find_dialog (GtkWindow *parent)
{
  GListModel *toplevels = gtk_window_get_toplevels ();
  AdwMessageDialog *found = NULL;

  for (guint i = 0; i < g_list_model_get_n_items (toplevels) && found == NULL; i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (window) && gtk_window_get_transient_for (window) == parent
          && gtk_widget_get_visible (GTK_WIDGET (window)))
        found = ADW_MESSAGE_DIALOG (window);
    }
  return found;
}

static gboolean
dialog_shown (gpointer data)
{
  return find_dialog (data) != NULL;
}

static gboolean
no_dialog (gpointer data)
{
  return find_dialog (data) == NULL;
}

static gboolean
not_busy (gpointer data)
{
  return !polku_preferences_window_get_busy (data);
}

/* The text of the label named "recovery-key" under @root. */
static const char *
shown_key (GtkWidget *root)
{
  if (GTK_IS_LABEL (root) && g_strcmp0 (gtk_widget_get_name (root), "recovery-key") == 0)
    return gtk_label_get_text (GTK_LABEL (root));
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      const char *key = shown_key (child);

      if (key != NULL)
        return key;
    }
  return NULL;
}

static gint64
audit_count (PolkuStore *store,
             const char *action)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) entries = polku_audit_list (store, NULL, &error);
  gint64 n = 0;

  g_assert_no_error (error);
  for (guint i = 0; i < entries->len; i++)
    if (g_strcmp0 (polku_audit_entry_get_action (g_ptr_array_index (entries, i)), action) == 0)
      n++;
  return n;
}

static void
test_back_up_and_show_key (void)
{
  g_autofree char *dir = NULL;
  g_autoptr(PolkuProfile) profile = NULL;
  g_autoptr(PolkuStore) store = test_make_store (2, &dir, &profile);
  g_autoptr(GError) error = NULL;
  g_autofree char *backup = g_build_filename (dir, "from-preferences" POLKU_BACKUP_SUFFIX, NULL);
  g_autofree char *key = NULL;
  PolkuPreferencesWindow *preferences = polku_preferences_window_new (NULL, profile);
  AdwMessageDialog *dialog;

  polku_preferences_window_set_store (preferences, store);
  gtk_window_present (GTK_WINDOW (preferences));
  test_spin (50);

  /* The profile has no recovery key yet: the first backup makes it and shows it. */
  g_assert_cmpint (polku_recovery_key_exists (store, NULL), ==, 0);
  polku_preferences_window_back_up_to (preferences, backup);
  g_assert_true (polku_preferences_window_get_busy (preferences));
  test_wait_until (not_busy, preferences, 30000, "the backup is made");
  g_assert_true (g_file_test (backup, G_FILE_TEST_IS_REGULAR));
  g_assert_cmpint (audit_count (store, POLKU_AUDIT_BACKUP_CREATE), ==, 1);
  test_wait_until (dialog_shown, preferences, 10000, "the new recovery key is shown");
  dialog = find_dialog (GTK_WINDOW (preferences));
  key = polku_recovery_key_ensure (store, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (shown_key (GTK_WIDGET (dialog)), ==, key);
  g_assert_cmpint (audit_count (store, POLKU_AUDIT_RECOVERY_KEY_SHOW), ==, 1);
  adw_message_dialog_response (dialog, "close");
  gtk_window_close (GTK_WINDOW (dialog));
  test_wait_until (no_dialog, preferences, 5000, "the dialog is closed");

  /* The backup restores with the key shown. */
  {
    g_autofree char *restored_dir = g_build_filename (dir, "restored", NULL);
    g_autoptr(PolkuStore) restored = polku_backup_restore (backup, key, restored_dir,
                                                           TEST_PASSPHRASE, NULL, 1, NULL,
                                                           &error);

    g_assert_no_error (error);
    g_assert_true (polku_audit_verify (restored, NULL, &error));
    g_assert_no_error (error);
    polku_store_close (restored);
  }

  /* Show Recovery Key…: the same key again, and the showing is recorded. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (preferences),
                                             "preferences.show-recovery-key", NULL));
  test_wait_until (dialog_shown, preferences, 10000, "the recovery key is shown");
  dialog = find_dialog (GTK_WINDOW (preferences));
  g_assert_cmpstr (shown_key (GTK_WIDGET (dialog)), ==, key);
  g_assert_cmpint (audit_count (store, POLKU_AUDIT_RECOVERY_KEY_SHOW), ==, 2);

  /* A second backup (the key exists): no key dialog after it. */
  adw_message_dialog_response (dialog, "close");
  gtk_window_close (GTK_WINDOW (dialog));
  test_wait_until (no_dialog, preferences, 5000, "the dialog is closed");
  polku_preferences_window_back_up_to (preferences, backup);
  test_wait_until (not_busy, preferences, 30000, "the second backup is made");
  test_spin (100);
  g_assert_null (find_dialog (GTK_WINDOW (preferences)));
  g_assert_cmpint (audit_count (store, POLKU_AUDIT_BACKUP_CREATE), ==, 2);

  test_destroy_window (GTK_WINDOW (preferences));
  polku_store_close (store);
  test_remove_tree (dir);
}

/* A backup that fails says why, in a dialog, and nothing is recorded. */
static void
test_back_up_fails (void)
{
  g_autofree char *dir = NULL;
  g_autoptr(PolkuProfile) profile = NULL;
  g_autoptr(PolkuStore) store = test_make_store (0, &dir, &profile);
  g_autofree char *nowhere = g_build_filename (dir, "no", "such", "folder.polkubackup", NULL);
  PolkuPreferencesWindow *preferences = polku_preferences_window_new (NULL, profile);

  polku_preferences_window_set_store (preferences, store);
  gtk_window_present (GTK_WINDOW (preferences));
  polku_preferences_window_back_up_to (preferences, nowhere);
  test_wait_until (not_busy, preferences, 30000, "the backup fails");
  test_wait_until (dialog_shown, preferences, 10000, "the error is shown");
  g_assert_cmpstr (adw_message_dialog_get_heading (find_dialog (GTK_WINDOW (preferences))), ==,
                   "Could Not Back Up");
  g_assert_cmpint (audit_count (store, POLKU_AUDIT_BACKUP_CREATE), ==, 0);

  test_destroy_window (GTK_WINDOW (preferences));
  polku_store_close (store);
  test_remove_tree (dir);
}

int
main (int    argc,
      char **argv)
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add_func ("/preferences-backup/back-up-and-show-key", test_back_up_and_show_key);
  g_test_add_func ("/preferences-backup/back-up-fails", test_back_up_fails);

  return g_test_run ();
}
