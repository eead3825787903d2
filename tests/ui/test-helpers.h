/* test-helpers.h: shared helpers of the UI tests
 *
 * Copyright 2026 The Polku authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <locale.h>

#include "polku-client-store.h"
#include "polku-client-view.h"
#include "polku-demo.h"
#include "polku-profile.h"
#include "polku-window-private.h"

#define TEST_PASSPHRASE "kotikäynti 2026"

typedef gboolean (*TestCondition) (gpointer data);

/* Runs the main loop until @condition holds; fails the test after @timeout_ms. */
static inline void
test_wait_until (TestCondition condition,
                 gpointer      data,
                 guint         timeout_ms,
                 const char   *what)
{
  gint64 deadline = g_get_monotonic_time () + (gint64) timeout_ms * 1000;

  while (!condition (data))
    {
      if (g_get_monotonic_time () > deadline)
        g_error ("Timed out waiting until %s", what);
      if (!g_main_context_iteration (NULL, FALSE))
        g_usleep (2000);
    }
}

/* Lets pending idles and timeouts of about @ms run. */
static inline void
test_spin (guint ms)
{
  gint64 deadline = g_get_monotonic_time () + (gint64) ms * 1000;

  while (g_get_monotonic_time () < deadline)
    {
      if (!g_main_context_iteration (NULL, FALSE))
        g_usleep (2000);
    }
}

static inline gboolean
test_not_loading (gpointer data)
{
  gboolean loading = TRUE;

  if (POLKU_IS_CLIENT_VIEW (data))
    return !polku_client_view_get_loading (data);
  /* Other widgets with a "loading" property (the client list, the follow-ups). */
  g_object_get (data, "loading", &loading, NULL);
  return !loading;
}

/* Waits until @view (a PolkuClientView, or another widget with a "loading" property) has
 * read its data. */
static inline void
test_wait_loaded (gpointer view)
{
  test_wait_until (test_not_loading, view, 10000, "the view has read its data");
}

static inline gboolean
test_tree_loading (GtkWidget *root)
{
  GParamSpec *pspec = g_object_class_find_property (G_OBJECT_GET_CLASS (root), "loading");

  if (POLKU_IS_CLIENT_VIEW (root) && polku_client_view_get_loading (POLKU_CLIENT_VIEW (root)))
    return TRUE;
  /* Other widgets that read in a thread: the client list, the follow-ups. */
  if (pspec != NULL && pspec->value_type == G_TYPE_BOOLEAN && !POLKU_IS_CLIENT_VIEW (root)
      && g_str_has_prefix (G_OBJECT_TYPE_NAME (root), "Polku") && !test_not_loading (root))
    return TRUE;
  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (test_tree_loading (child))
        return TRUE;
    }
  return FALSE;
}

static inline gboolean
test_tree_not_loading (gpointer data)
{
  return !test_tree_loading (data);
}

/* Waits until no view under @root (a window, the client page) is reading its data. */
static inline void
test_wait_tree_loaded (GtkWidget *root)
{
  test_wait_until (test_tree_not_loading, root, 10000, "the views have read their data");
}

static inline gboolean
test_widget_is_visible (gpointer data)
{
  return gtk_widget_get_visible (data);
}

static inline gboolean
test_pointer_is_null (gpointer data)
{
  return g_atomic_pointer_get ((gpointer *) data) == NULL;
}

/* Drops @store and waits until it is gone: a view's read in a thread holds it (and its open
 * files) until the read is over, even when the read was cancelled. */
/* The client list's list view under @root (not a drop-down's: their popovers have list views
 * too), or NULL. */
static inline GtkWidget *
test_find_client_list_view (GtkWidget *root)
{
  if (GTK_IS_LIST_VIEW (root) && gtk_widget_has_css_class (root, "navigation-sidebar"))
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = test_find_client_list_view (child);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* Takes "--language LANG" out of the arguments (before anything reads the environment) and
 * sets LANGUAGE to it; returns LANG, or NULL when it was not given. */
static inline const char *
test_take_language (int   *argc,
                    char **argv)
{
  for (int i = 1; i + 1 < *argc; i++)
    if (g_str_equal (argv[i], "--language"))
      {
        const char *language = argv[i + 1];

        g_setenv ("LANGUAGE", language, TRUE);
        for (int j = i; j + 2 <= *argc; j++)
          argv[j] = argv[j + 2];
        *argc -= 2;
        return language;
      }
  return NULL;
}

/* The build's catalogs (POLKU_LOCALEDIR) for the environment's language. */
static inline void
test_bind_catalogs (void)
{
  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, g_getenv ("POLKU_LOCALEDIR"));
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
}

/* A private session bus that activates nothing (no Secret Service, nor the user's keyring);
 * DISPLAY kept, which g_test_dbus_up () unsets against X11 autolaunching. GTK keeps its
 * connection to the end, so the bus is never taken down: GTestDBus stops the daemon when
 * the test process exits. */
static inline void
test_private_bus_up (void)
{
  g_autofree char *display = g_strdup (g_getenv ("DISPLAY"));
  GTestDBus *bus = g_test_dbus_new (G_TEST_DBUS_NONE);

  g_test_dbus_up (bus);
  if (display != NULL)
    g_setenv ("DISPLAY", display, TRUE);
}

static inline void
test_release_store (PolkuStore **store)
{
  PolkuStore *gone = *store;

  if (gone == NULL)
    return;
  g_object_add_weak_pointer (G_OBJECT (gone), (gpointer *) &gone);
  g_clear_object (store);
  test_wait_until (test_pointer_is_null, &gone, 10000, "the store is released");
}

static inline void
test_remove_tree (const char *path)
{
  if (g_file_test (path, G_FILE_TEST_IS_DIR))
    {
      g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
      const char *name;

      while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *child = g_build_filename (path, name, NULL);
          test_remove_tree (child);
        }
      g_assert_no_errno (g_rmdir (path));
    }
  else
    {
      g_assert_no_errno (g_unlink (path));
    }
}

/* A passphrase profile in a new temporary folder, seeded with @n_clients demo clients. */
static inline PolkuStore *
test_make_store (guint          n_clients,
                 char         **out_dir,
                 PolkuProfile **out_profile)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("polku-test-ui-XXXXXX", &error);
  g_autoptr(PolkuProfile) profile = NULL;
  g_autoptr(PolkuStore) store = NULL;

  g_assert_no_error (error);
  profile = polku_profile_new (dir);
  store = polku_profile_open_sync (profile, TEST_PASSPHRASE, 1, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (store);

  if (n_clients > 0)
    {
      polku_demo_populate (store, n_clients, 42, &error);
      g_assert_no_error (error);
    }

  *out_dir = g_steal_pointer (&dir);
  *out_profile = g_steal_pointer (&profile);
  return g_steal_pointer (&store);
}

/* A client named @given_name @family_name, saved in @store. Returns: (transfer full) */
static inline PolkuClient *
test_add_client (PolkuStore *store,
                 const char *given_name,
                 const char *family_name)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PolkuClient) client = polku_client_new ();

  polku_client_set_given_name (client, given_name);
  polku_client_set_family_name (client, family_name);
  g_assert_true (polku_client_store_save (store, client, &error));
  g_assert_no_error (error);
  return g_steal_pointer (&client);
}

/* TestCondition: the PolkuWindow @data has read its clients and shows them. */
static inline gboolean
test_window_settled (gpointer data)
{
  return polku_window_get_settled (data);
}

/* The main window on @store, shown, once its client list is loaded. */
static inline PolkuWindow *
test_open_window (PolkuProfile *profile,
                  PolkuStore   *store)
{
  PolkuWindow *window = polku_window_new_with_store (NULL, profile, store);

  gtk_window_present (GTK_WINDOW (window));
  test_wait_until (test_window_settled, window, 10000, "the clients are loaded");
  return window;
}

/* Destroys @window and lets GTK finish with it. */
static inline void
test_destroy_window (GtkWindow *window)
{
  g_autoptr(GtkWidget) hold = g_object_ref (GTK_WIDGET (window));

  gtk_window_destroy (window);
  test_spin (20);
}

/* Takes down what a window fixture set up: the window, the store (closed if still open, and
 * released), the profile and its folder. */
static inline void
test_tear_down_window (GtkWindow     *window,
                       PolkuStore   **store,
                       PolkuProfile **profile,
                       char         **dir)
{
  test_destroy_window (window);
  if (polku_store_is_open (*store))
    polku_store_close (*store);
  test_release_store (store);
  g_clear_object (profile);
  test_remove_tree (*dir);
  g_clear_pointer (dir, g_free);
}

/* The first widget of @type under @root, depth first. */
static inline GtkWidget *
test_find_widget (GtkWidget *root,
                  GType      type)
{
  if (g_type_is_a (G_OBJECT_TYPE (root), type))
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = test_find_widget (child, type);

      if (found != NULL)
        return found;
    }

  return NULL;
}

/* The first widget named @name (gtk_widget_set_name) under @root, depth first. */
static inline GtkWidget *
test_find_widget_by_name (GtkWidget  *root,
                          const char *name)
{
  if (g_strcmp0 (gtk_widget_get_name (root), name) == 0)
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = test_find_widget_by_name (child, name);

      if (found != NULL)
        return found;
    }

  return NULL;
}

/* The AdwMessageDialog on screen, or %NULL. */
static inline AdwMessageDialog *
test_find_message_dialog (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (window) && gtk_widget_get_visible (GTK_WIDGET (window)))
        return ADW_MESSAGE_DIALOG (window);
    }
  return NULL;
}

static inline gboolean
test_no_message_dialog (gpointer data)
{
  return test_find_message_dialog () == NULL;
}

/* Answers the message dialog on screen (there must be one) with @response. */
static inline void
test_answer_message_dialog (const char *response)
{
  AdwMessageDialog *dialog = test_find_message_dialog ();

  g_assert_nonnull (dialog);
  g_assert_true (adw_message_dialog_has_response (dialog, response));
  /* What its button does: the response, then the dialog closes (libadwaita 1.2). */
  adw_message_dialog_response (dialog, response);
  gtk_window_close (GTK_WINDOW (dialog));
  test_wait_until (test_no_message_dialog, NULL, 5000, "the message dialog is closed");
}
