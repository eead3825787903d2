/* test-languages.c: with LANGUAGE=fi or sv, every text Polku shows is in that language
 *
 * Run as `test-languages --language fi` (and sv). Builds the real windows (the main window
 * with a client page and each of its views, the locked window, the client editor, the
 * preferences and the shortcuts window) and reads every text they show: labels, buttons,
 * row titles and subtitles, status pages, group titles, view titles, tooltips and the hint
 * texts of empty entries. A text that is one of Polku's English messages which has a
 * translation is shown untranslated: a string was not marked, or was translated too early or
 * not at all.
 *
 * Copyright 2026 The Polku authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>
#include <string.h>

#include "polku-client-editor-private.h"
#include "polku-help-window.h"
#include "polku-preferences-window.h"
#include "polku-window-private.h"
#include "test-helpers.h"

typedef struct
{
  GString    *untranslated;
  GHashTable *seen;
  guint       n_texts;
} Check;

static void
check_text (Check      *check,
            GtkWidget  *widget,
            const char *what,
            const char *text)
{
  const char *translation;

  if (text == NULL || text[0] == '\0' || g_hash_table_contains (check->seen, text))
    return;
  g_hash_table_add (check->seen, g_strdup (text));
  check->n_texts++;

  /* Anything else is a translation, data, or not one of our messages. */
  translation = g_dgettext (GETTEXT_PACKAGE, text);
  if (strcmp (translation, text) != 0)
    g_string_append_printf (check->untranslated, "  %s %s: “%s” (should be “%s”)\n",
                            G_OBJECT_TYPE_NAME (widget), what, text, translation);
}

static void
check_string_property (Check      *check,
                       GtkWidget  *widget,
                       const char *property)
{
  g_autofree char *value = NULL;

  if (g_object_class_find_property (G_OBJECT_GET_CLASS (widget), property) == NULL)
    return;
  g_object_get (widget, property, &value, NULL);
  check_text (check, widget, property, value);
}

static void
walk (Check     *check,
      GtkWidget *widget)
{
  static const char * const properties[] = {
    "label", "title", "subtitle", "description", "placeholder-text", "tooltip-text", NULL
  };

  /* Data shown in entries and rows is not a message; the toolkit's own strings are in its
   * own domain. */
  for (guint i = 0; properties[i] != NULL; i++)
    check_string_property (check, widget, properties[i]);

  if (ADW_IS_VIEW_STACK (widget))
    {
      g_autoptr(GtkSelectionModel) pages = adw_view_stack_get_pages (ADW_VIEW_STACK (widget));

      for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (pages)); i++)
        {
          g_autoptr(AdwViewStackPage) page = g_list_model_get_item (G_LIST_MODEL (pages), i);

          check_text (check, widget, "page title", adw_view_stack_page_get_title (page));
        }
    }

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    walk (check, child);
}

static void
assert_translated (Check *check)
{
  if (check->untranslated->len > 0)
    g_error ("Shown in English with LANGUAGE=%s:\n%s", g_getenv ("LANGUAGE"),
             check->untranslated->str);
}

static Check *
check_new (void)
{
  Check *check = g_new0 (Check, 1);

  check->untranslated = g_string_new (NULL);
  check->seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  return check;
}

static void
check_free (Check *check)
{
  g_string_free (check->untranslated, TRUE);
  g_hash_table_unref (check->seen);
  g_free (check);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Check, check_free)

static gboolean
window_settled (gpointer data)
{
  return polku_window_get_settled (data);
}

static void
test_main_window (void)
{
  g_autoptr(Check) check = check_new ();
  g_autofree char *dir = NULL;
  g_autoptr(PolkuProfile) profile = NULL;
  g_autoptr(PolkuStore) store = test_make_store (5, &dir, &profile);
  PolkuWindow *window = polku_window_new_with_store (NULL, profile, store);
  GtkSingleSelection *selection;
  AdwViewStack *views;
  PolkuClientEditor *editor;
  g_autoptr(GtkSelectionModel) pages = NULL;

  gtk_window_present (GTK_WINDOW (window));
  test_wait_until (window_settled, window, 10000, "the clients are loaded");
  walk (check, GTK_WIDGET (window));

  /* A client's page, each of its views in turn. */
  selection = GTK_SINGLE_SELECTION (polku_window_get_visible_clients (window));
  gtk_single_selection_set_selected (selection, 0);
  test_spin (100);
  test_wait_tree_loaded (GTK_WIDGET (window));
  views = ADW_VIEW_STACK (test_find_widget (GTK_WIDGET (polku_window_get_client_page (window)),
                                            ADW_TYPE_VIEW_STACK));
  pages = adw_view_stack_get_pages (views);
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (pages)); i++)
    {
      gtk_selection_model_select_item (pages, i, TRUE);
      test_spin (200);
      test_wait_tree_loaded (GTK_WIDGET (window));
      walk (check, GTK_WIDGET (window));
    }

  /* The editor of that client, and of a new one. */
  editor = polku_window_open_editor (window, gtk_single_selection_get_selected_item (selection));
  test_spin (100);
  walk (check, GTK_WIDGET (editor));
  gtk_window_destroy (GTK_WINDOW (editor));
  test_spin (50);

  /* Locked. */
  polku_window_lock (window);
  test_spin (100);
  walk (check, GTK_WIDGET (window));

  g_assert_cmpuint (check->n_texts, >=, 40);
  assert_translated (check);

  test_destroy_window (GTK_WINDOW (window));
  if (polku_store_is_open (store))
    polku_store_close (store);
  test_remove_tree (dir);
}

static void
test_other_windows (void)
{
  g_autoptr(Check) check = check_new ();
  g_autoptr(GtkBuilder) builder = NULL;
  GtkWidget *preferences = GTK_WIDGET (polku_preferences_window_new (NULL, NULL));
  GtkWidget *help;
  guint n_before;
  GObject *overlay;

  gtk_window_present (GTK_WINDOW (preferences));
  test_spin (50);
  walk (check, preferences);
  test_destroy_window (GTK_WINDOW (preferences));

  /* The built-in guide: every section in the language. */
  help = GTK_WIDGET (polku_help_window_new (NULL));
  gtk_window_present (GTK_WINDOW (help));
  test_spin (50);
  n_before = check->n_texts;
  walk (check, help);
  g_assert_cmpuint (check->n_texts - n_before, >=, 16);
  test_destroy_window (GTK_WINDOW (help));

  builder = gtk_builder_new ();
  gtk_builder_set_translation_domain (builder, GETTEXT_PACKAGE);
  g_assert_true (gtk_builder_add_from_resource (builder, RESOURCE_BASE "/gtk/help-overlay.ui",
                                                NULL));
  overlay = gtk_builder_get_object (builder, "help_overlay");
  g_assert_nonnull (overlay);
  walk (check, GTK_WIDGET (overlay));
  gtk_window_destroy (GTK_WINDOW (overlay));

  g_assert_cmpuint (check->n_texts, >=, 10);
  assert_translated (check);
}

/* The check finds an English message that has a translation. */
static void
test_check_finds_english (void)
{
  g_autoptr(Check) check = check_new ();
  g_autoptr(GtkWidget) label = g_object_ref_sink (gtk_label_new ("Overview"));

  g_assert_cmpstr (g_dgettext (GETTEXT_PACKAGE, "Overview"), !=, "Overview");
  walk (check, label);
  g_assert_cmpuint (check->untranslated->len, >, 0);

  g_string_truncate (check->untranslated, 0);
  gtk_label_set_label (GTK_LABEL (label), _("Overview"));
  g_hash_table_remove_all (check->seen);
  walk (check, label);
  g_assert_cmpuint (check->untranslated->len, ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  const char *localedir = g_getenv ("POLKU_LOCALEDIR");

  /* --language LANG, before anything reads the environment. */
  test_take_language (&argc, argv);
  g_assert_nonnull (g_getenv ("LANGUAGE"));
  g_assert_nonnull (localedir);
  test_bind_catalogs ();

  test_private_bus_up ();

  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add_func ("/languages/check-finds-english", test_check_finds_english);
  g_test_add_func ("/languages/main-window", test_main_window);
  g_test_add_func ("/languages/other-windows", test_other_windows);

  return g_test_run ();
}
