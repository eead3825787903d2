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
#include "polku-json.h"
#include "polku-plan-store.h"
#include "polku-profile.h"
#include "polku-store-private.h"
#include "polku-sync-store.h"
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

/* LANGUAGE back to @before (NULL: unset) after a test that switched it, and the locale set
 * again: glibc keeps the messages already looked up until then. */
static inline void
test_restore_language (const char *before)
{
  if (before != NULL)
    g_setenv ("LANGUAGE", before, TRUE);
  else
    g_unsetenv ("LANGUAGE");
  setlocale (LC_ALL, "");
}

/* g_test_add () of @func on the test file's Fixture, with its fixture_set_up () and
 * fixture_tear_down (). */
#define TEST_ADD_FIXTURE(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

/* What a UI test's main () does first: the build's catalogs when POLKU_LOCALEDIR is set
 * (then LANGUAGE=fi or sv shows the windows in that language), GTK for tests, libadwaita.
 *
 * GLib decides once, at the first g_dgettext () (and so _ (), C_ () and g_dngettext ()) in
 * the process, whether to translate at all: with our text domain set and no catalog for the
 * language of that moment (LANGUAGE unset or "en"), never again, for GLib's, GTK's and
 * libadwaita's strings too, whatever LANGUAGE a test switches to later. So that first call
 * is made here, before anything else translates, with the Finnish catalog in place; the
 * language the test was started with is then restored. */
static inline void
test_init_ui (int    *argc,
              char ***argv)
{
  if (g_getenv ("POLKU_LOCALEDIR") != NULL)
    {
      g_autofree char *before = g_strdup (g_getenv ("LANGUAGE"));

      g_setenv ("LANGUAGE", "fi", TRUE);
      test_bind_catalogs ();
      /* The catalog's header: empty only when the build's fi catalog is not there. */
      if (g_dgettext (GETTEXT_PACKAGE, "")[0] == '\0')
        g_error ("No Finnish catalog in %s: build the po files first",
                 g_getenv ("POLKU_LOCALEDIR"));
      test_restore_language (before);
    }
  gtk_test_init (argc, argv, NULL);
  adw_init ();
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

typedef gboolean (*TestWidgetMatch) (GtkWidget     *widget,
                                     gconstpointer  data);

/* The first widget under @root (@root included), depth first, that @match accepts. */
static inline GtkWidget *
test_find_widget_where (GtkWidget       *root,
                        TestWidgetMatch  match,
                        gconstpointer    data)
{
  if (match (root, data))
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = test_find_widget_where (child, match, data);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static inline gboolean
test_widget_is_a (GtkWidget     *widget,
                  gconstpointer  type)
{
  return g_type_is_a (G_OBJECT_TYPE (widget), GPOINTER_TO_SIZE (type));
}

/* The first widget of @type under @root, depth first. */
static inline GtkWidget *
test_find_widget (GtkWidget *root,
                  GType      type)
{
  return test_find_widget_where (root, test_widget_is_a, GSIZE_TO_POINTER (type));
}

static inline gboolean
test_widget_has_name (GtkWidget     *widget,
                      gconstpointer  name)
{
  return g_strcmp0 (gtk_widget_get_name (widget), name) == 0;
}

/* The first widget named @name (gtk_widget_set_name) under @root, depth first. */
static inline GtkWidget *
test_find_widget_by_name (GtkWidget  *root,
                          const char *name)
{
  return test_find_widget_where (root, test_widget_has_name, name);
}

/* Pixels of a render (a chart, a widget's snapshot) read back, and WCAG 2 contrast */

typedef struct
{
  cairo_surface_t *surface;
  int              width, height, stride;
  guchar          *data;
} TestImage;

static inline void
test_image_clear (TestImage *image)
{
  g_clear_pointer (&image->surface, cairo_surface_destroy);
}

/* The colour at @x, @y as 0–1 red, green, blue. */
static inline void
test_pixel (const TestImage *image,
            int              x,
            int              y,
            double           rgb[3])
{
  guint32 value = *(guint32 *) (image->data + y * image->stride + x * 4);

  rgb[0] = ((value >> 16) & 0xff) / 255.0;
  rgb[1] = ((value >> 8) & 0xff) / 255.0;
  rgb[2] = (value & 0xff) / 255.0;
}

/* A bar's pixel, not text or a grid line: clearly coloured. */
static inline gboolean
test_is_chromatic (const double rgb[3])
{
  return MAX (rgb[0], MAX (rgb[1], rgb[2])) - MIN (rgb[0], MIN (rgb[1], rgb[2])) > 0.3;
}

/* x^2.4 for 0 ≤ x ≤ 1, without libm (the project does not link it): x² times the fifth
 * root of x², by Newton's method. */
static inline double
test_pow_2_4 (double x)
{
  double square = x * x, root = 1;

  if (square <= 0)
    return 0;
  for (guint i = 0; i < 60; i++)
    root -= (root * root * root * root * root - square) / (5 * root * root * root * root);
  return square * root;
}

/* WCAG 2 relative luminance. */
static inline double
test_luminance (const double rgb[3])
{
  double l[3];

  for (guint i = 0; i < 3; i++)
    l[i] = rgb[i] <= 0.03928 ? rgb[i] / 12.92 : test_pow_2_4 ((rgb[i] + 0.055) / 1.055);
  return 0.2126 * l[0] + 0.7152 * l[1] + 0.0722 * l[2];
}

/* WCAG 2 contrast ratio, 1 to 21. */
static inline double
test_contrast (const double a[3],
               const double b[3])
{
  double la = test_luminance (a), lb = test_luminance (b);

  return (MAX (la, lb) + 0.05) / (MIN (la, lb) + 0.05);
}

/* The visible toplevel window of @type (a class or an interface), or %NULL. */
static inline GtkWidget *
test_find_toplevel (GType type)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWidget) window = g_list_model_get_item (toplevels, i);

      if (g_type_is_a (G_OBJECT_TYPE (window), type) && gtk_widget_get_visible (window))
        return window;
    }
  return NULL;
}

/* The file chooser dialog on screen (GTK's own, without a portal), or %NULL. */
static inline GtkFileChooser *
test_find_file_chooser (void)
{
  return (GtkFileChooser *) test_find_toplevel (GTK_TYPE_FILE_CHOOSER);
}

static inline gboolean
test_file_chooser_shown (gpointer data)
{
  return test_find_file_chooser () != NULL;
}

/* Opens the Reports window's export of @format (its action "reports.export", as the menu
 * does) and returns the file chooser it shows; test_cancel_file_chooser () closes it. */
static inline GtkFileChooser *
test_open_export_chooser (GtkWidget  *reports_window,
                          const char *format)
{
  g_assert_true (gtk_widget_activate_action (reports_window, "reports.export", "s", format));
  test_wait_until (test_file_chooser_shown, NULL, 5000, "the file chooser is shown");
  return test_find_file_chooser ();
}

/* Cancels @chooser as its Cancel button does; it is gone after. */
static inline void
test_cancel_file_chooser (GtkFileChooser *chooser)
{
  gtk_dialog_response (GTK_DIALOG (chooser), GTK_RESPONSE_CANCEL);
  test_spin (50);
  g_assert_null (test_find_file_chooser ());
}

/* The AdwMessageDialog on screen, or %NULL. */
static inline AdwMessageDialog *
test_find_message_dialog (void)
{
  return (AdwMessageDialog *) test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG);
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

/* An open sync conflict of @client_id at @path, as a sync records one: this side changed by
 * the coordinator, the other side by a clinic's worker, a server revision that lists it. */
typedef struct
{
  const char *client_id;
  const char *path;
  JsonNode   *base;
  JsonNode   *local;
  JsonNode   *remote;
  char       *id;
} TestConflict;

static inline gboolean
test_queue_conflict_body (PolkuStore  *store,
                          sqlite3     *db,
                          gpointer     data,
                          GError     **error)
{
  TestConflict *c = data;

  return polku_sync_store_add_conflict_locked (db, NULL, c->client_id, "polku-test", c->path,
                                               c->base, c->local, c->remote,
                                               "Sanna Koivisto (Kuopion hyvinvointialue)",
                                               "2026-11-30T09:00:00.000Z",
                                               "Pekka Lehtonen (Kuopion terveyskeskus)",
                                               "2026-12-01T14:30:00.000Z", "2-test",
                                               &c->id, error);
}

/* Queues the conflict with values as nodes (%NULL: removed on that side). Returns: (transfer
 * full) its id */
static inline char *
test_queue_conflict_nodes (PolkuStore *store,
                           const char *client_id,
                           const char *path,
                           JsonNode   *base,
                           JsonNode   *local,
                           JsonNode   *remote)
{
  g_autoptr(GError) error = NULL;
  TestConflict c = { client_id, path, base, local, remote, NULL };

  g_assert_true (polku_store_write (store, test_queue_conflict_body, &c, &error));
  g_assert_no_error (error);
  g_assert_true (g_uuid_string_is_valid (c.id));
  return c.id;
}

/* The same with values as JSON text (%NULL: removed on that side). */
static inline char *
test_queue_conflict (PolkuStore *store,
                     const char *client_id,
                     const char *path,
                     const char *base,
                     const char *local,
                     const char *remote)
{
  g_autoptr(JsonNode) base_node = base != NULL ? json_from_string (base, NULL) : NULL;
  g_autoptr(JsonNode) local_node = local != NULL ? json_from_string (local, NULL) : NULL;
  g_autoptr(JsonNode) remote_node = remote != NULL ? json_from_string (remote, NULL) : NULL;

  g_assert_true (base == NULL || base_node != NULL);
  g_assert_true (local == NULL || local_node != NULL);
  g_assert_true (remote == NULL || remote_node != NULL);
  return test_queue_conflict_nodes (store, client_id, path, base_node, local_node, remote_node);
}

/* Presses Tab (Shift+Tab with @backward) in @window as GTK 4.8 delivers a key press: when the
 * focus is inside @list_view, to the key controllers from @list_view down to the focus widget
 * in the capture phase, then back up in the bubble phase; when none of them takes it, to the
 * window's own binding, which moves the focus to the next (previous) widget. (The controllers
 * above the list are left out: the search's key capture passes Tab on, but only with a real
 * event to forward.) */
static inline void
test_press_tab (GtkWindow *window,
                GtkWidget *list_view,
                gboolean   backward)
{
  guint keyval = backward ? GDK_KEY_ISO_Left_Tab : GDK_KEY_Tab;
  GdkModifierType state = backward ? GDK_SHIFT_MASK : 0;
  g_autoptr(GPtrArray) path = g_ptr_array_new_with_free_func (g_object_unref);
  gboolean handled = FALSE;

  for (GtkWidget *w = gtk_window_get_focus (window); w != NULL; w = gtk_widget_get_parent (w))
    {
      g_ptr_array_insert (path, 0, g_object_ref (w));
      if (w == list_view)
        break;
    }
  /* From outside the list, only the window's binding is left. */
  if (path->len == 0 || g_ptr_array_index (path, 0) != list_view)
    g_ptr_array_set_size (path, 0);
  for (guint pass = 0; pass < 2 && !handled; pass++)
    for (guint i = 0; i < path->len && !handled; i++)
      {
        GtkWidget *widget = g_ptr_array_index (path, pass == 0 ? i : path->len - 1 - i);
        g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);

        for (guint c = 0; c < g_list_model_get_n_items (controllers) && !handled; c++)
          {
            g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, c);
            GtkPropagationPhase phase = gtk_event_controller_get_propagation_phase (controller);

            if (GTK_IS_EVENT_CONTROLLER_KEY (controller)
                && phase == (pass == 0 ? GTK_PHASE_CAPTURE : GTK_PHASE_BUBBLE))
              g_signal_emit_by_name (controller, "key-pressed", keyval, 0, state, &handled);
          }
      }
  if (!handled)
    g_signal_emit_by_name (window, "move-focus",
                           backward ? GTK_DIR_TAB_BACKWARD : GTK_DIR_TAB_FORWARD);
}

/* Whether the focus is on @list_view or inside it. */
static inline gboolean
test_focus_in (GtkWindow *window,
               GtkWidget *list_view)
{
  GtkWidget *focus = gtk_window_get_focus (window);

  return focus != NULL && (focus == list_view || gtk_widget_is_ancestor (focus, list_view));
}

/* The first client of @store whose plan has a goal (with @out_goal, a copy of that goal's
 * object: its id, text and the rest as the plan holds them); fails the test when no client
 * has one. Returns: (transfer full) */
static inline PolkuClient *
test_client_with_goal (PolkuStore  *store,
                       JsonNode   **out_goal)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) clients = polku_client_store_list (store, TRUE, &error);

  g_assert_no_error (error);
  for (guint i = 0; i < clients->len; i++)
    {
      PolkuClient *client = g_ptr_array_index (clients, i);
      g_autoptr(JsonNode) plan = polku_plan_store_load (store, polku_client_get_id (client),
                                                        NULL, NULL);
      JsonArray *goals = plan != NULL
                         ? polku_json_get_array (json_node_get_object (plan), "goals") : NULL;

      if (goals == NULL || json_array_get_length (goals) == 0)
        continue;
      if (out_goal != NULL)
        *out_goal = json_node_copy (json_array_get_element (goals, 0));
      return g_object_ref (client);
    }
  g_error ("No client has a plan with a goal");
  return NULL;
}

/* The button under @root (@root included) for @action that is drawn: a card's decision in
 * the layout its squeezer shows, not the one it hides. */
static inline GtkWidget *
test_find_shown_button (GtkWidget  *root,
                        const char *action)
{
  if (GTK_IS_BUTTON (root) && gtk_widget_get_mapped (root)
      && g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (root)), action) == 0)
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = test_find_shown_button (child, action);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* Makes @window @width px wide (and @height high) and waits until it is laid out so: the X
 * server answers a resize in its own time. Fails the test when it stays wider. */
static inline void
test_set_window_width (GtkWindow *window,
                       int        width,
                       int        height)
{
  gint64 deadline = g_get_monotonic_time () + 3 * G_USEC_PER_SEC;

  gtk_window_set_default_size (window, width, height);
  while (gtk_widget_get_width (GTK_WIDGET (window)) > width
         && g_get_monotonic_time () < deadline)
    test_spin (20);
  test_spin (100);
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (window)), <=, width);
}
