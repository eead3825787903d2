/* test-record-entry-dialog.c: the satisfaction question asked with one tap from the Measures tab
 * and offered when a follow-up is done, and the record entry shown, then copied to the
 * clipboard, from the client page, all with a real store
 *
 * Copyright 2026 The Polku authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "polku-assessment-store.h"
#include "polku-audit.h"
#include "polku-client-page.h"
#include "polku-client-store.h"
#include "polku-date.h"
#include "polku-followup-store.h"
#include "polku-followups-view.h"
#include "polku-measures-view.h"
#include "polku-record-entry-dialog.h"
#include "polku-record-entry.h"
#include "polku-satisfaction-dialog.h"
#include "polku-satisfaction-report.h"
#include "test-helpers.h"

typedef struct
{
  char         *dir;
  PolkuProfile *profile;
  PolkuStore   *store;
  PolkuClient  *client;
  GtkWindow    *window;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->store = test_make_store (0, &f->dir, &f->profile);
  polku_store_set_actor (f->store, "Sanna Koivisto");
  f->client = test_add_client (f->store, "Aino", "Virtanen");

  f->window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (f->window, 800, 700);
  gtk_window_present (f->window);
  test_spin (50);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  test_destroy_window (f->window);
  g_clear_object (&f->client);
  test_release_store (&f->store);
  g_clear_object (&f->profile);
  test_remove_tree (f->dir);
  g_free (f->dir);
}

/* The open window of @type, or NULL. */
static GtkWidget *
find_toplevel (GType type)
{
  GListModel *toplevels = gtk_window_get_toplevels ();  /* (transfer none) */

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWidget) window = g_list_model_get_item (toplevels, i);

      if (g_type_is_a (G_OBJECT_TYPE (window), type) && gtk_widget_get_visible (window))
        return window;
    }
  return NULL;
}

static gboolean
dialog_is_shown (gpointer data)
{
  return find_toplevel (GPOINTER_TO_SIZE (data)) != NULL;
}

static gboolean
dialog_is_gone (gpointer data)
{
  return find_toplevel (GPOINTER_TO_SIZE (data)) == NULL;
}

static void
collect_buttons (GtkWidget *root,
                 GPtrArray *out)
{
  if (GTK_IS_BUTTON (root) && g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (root)),
                                         "satisfaction.answer") == 0)
    g_ptr_array_add (out, root);
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_buttons (child, out);
}

/* The button labelled @label under @root (the response buttons of a message dialog). */
static GtkWidget *
find_button (GtkWidget  *root,
             const char *label)
{
  if (GTK_IS_BUTTON (root) && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (root)), label) == 0
      && gtk_widget_get_mapped (root))
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_button (child, label);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static gboolean
has_label (GtkWidget  *root,
           const char *text)
{
  if (GTK_IS_LABEL (root) && g_strcmp0 (gtk_label_get_text (GTK_LABEL (root)), text) == 0)
    return TRUE;
  if (ADW_IS_PREFERENCES_ROW (root)
      && g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (root)), text) == 0)
    return TRUE;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (has_label (child, text))
      return TRUE;
  return FALSE;
}

static guint
count_answers (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) list = polku_assessment_store_list (f->store,
                                                           polku_client_get_id (f->client),
                                                           POLKU_INSTRUMENT_CLIENT_SATISFACTION,
                                                           TRUE, &error);

  g_assert_no_error (error);
  return list->len;
}

/* The Measures tab asks the question; one tap stores the answer and the tab lists it. */
static void
test_satisfaction_from_measures (Fixture       *f,
                                 gconstpointer  data)
{
  static const char * const labels[] = {
    "Very satisfied", "Fairly satisfied", "Neither satisfied nor dissatisfied",
    "Fairly dissatisfied", "Very dissatisfied",
  };
  g_autoptr(GPtrArray) buttons = g_ptr_array_new ();
  g_autoptr(GPtrArray) stored = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *view = polku_measures_view_new ();
  GtkWidget *dialog;

  gtk_window_set_child (f->window, view);
  g_object_set (view, "store", f->store, "client", f->client, NULL);
  test_wait_loaded (view);
  g_assert_true (has_label (view, "Not asked yet"));

  /* "Not Asked" stores nothing. */
  gtk_widget_activate_action (view, "measures.ask-satisfaction", NULL);
  test_wait_until (dialog_is_shown, GSIZE_TO_POINTER (POLKU_TYPE_SATISFACTION_DIALOG), 5000,
                   "the satisfaction question is shown");
  dialog = find_toplevel (POLKU_TYPE_SATISFACTION_DIALOG);
  g_signal_emit_by_name (find_button (dialog, "_Not Asked"), "clicked");
  test_wait_until (dialog_is_gone, GSIZE_TO_POINTER (POLKU_TYPE_SATISFACTION_DIALOG), 5000,
                   "the question is closed");
  g_assert_cmpuint (count_answers (f), ==, 0);

  gtk_widget_activate_action (view, "measures.ask-satisfaction", NULL);
  test_wait_until (dialog_is_shown, GSIZE_TO_POINTER (POLKU_TYPE_SATISFACTION_DIALOG), 5000,
                   "the satisfaction question is shown");
  dialog = find_toplevel (POLKU_TYPE_SATISFACTION_DIALOG);
  g_assert_cmpstr (adw_message_dialog_get_heading (ADW_MESSAGE_DIALOG (dialog)), ==,
                   "Client satisfaction");
  g_assert_cmpstr (adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (dialog)), ==,
                   "How satisfied are you with the service as a whole?");
  /* One button per category, best first, in the practice's words. */
  collect_buttons (dialog, buttons);
  g_assert_cmpuint (buttons->len, ==, G_N_ELEMENTS (labels));
  for (guint i = 0; i < buttons->len; i++)
    g_assert_cmpstr (gtk_button_get_label (g_ptr_array_index (buttons, i)), ==, labels[i]);

  /* One tap: "Fairly satisfied". */
  g_signal_emit_by_name (g_ptr_array_index (buttons, 1), "clicked");
  test_wait_until (dialog_is_gone, GSIZE_TO_POINTER (POLKU_TYPE_SATISFACTION_DIALOG), 5000,
                   "the question is closed after the answer");
  stored = polku_assessment_store_list (f->store, polku_client_get_id (f->client),
                                        POLKU_INSTRUMENT_CLIENT_SATISFACTION, FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (stored->len, ==, 1);
  g_assert_cmpint (polku_satisfaction_get_answer (g_ptr_array_index (stored, 0)), ==, 4);
  g_assert_cmpint (polku_assessment_get_role (g_ptr_array_index (stored, 0)), ==,
                   POLKU_ASSESSMENT_ROLE_FOLLOW_UP);

  test_wait_loaded (view);
  g_assert_true (has_label (view, "Fairly satisfied"));
  g_assert_false (has_label (view, "Not asked yet"));
}

/* Marking a follow-up done (in the follow-ups across clients) offers the question in its
 * toast; its button opens the question for that follow-up's client. */
static void
test_satisfaction_toast (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *today = polku_date_today ();
  g_autoptr(PolkuFollowup) draft = g_object_new (POLKU_TYPE_FOLLOWUP,
                                                 "client-id", polku_client_get_id (f->client),
                                                 "title", "Seurantakäynti", "due-on", today,
                                                 NULL);
  g_autoptr(PolkuFollowup) followup = polku_followup_store_add (f->store, draft, &error);
  GtkWidget *view = polku_followups_view_new ();
  GtkWidget *ask;

  g_assert_no_error (error);
  gtk_window_set_child (f->window, view);
  g_object_set (view, "store", f->store, NULL);
  test_wait_loaded (view);

  g_assert_true (gtk_widget_activate_action (view, "followups.done", "s",
                                             polku_followup_get_id (followup)));
  test_wait_loaded (view);
  test_spin (300);
  ask = find_button (view, "_Ask Satisfaction");
  g_assert_nonnull (ask);
  g_assert_true (has_label (view, "Follow-up done"));
  g_signal_emit_by_name (ask, "clicked");
  test_wait_until (dialog_is_shown, GSIZE_TO_POINTER (POLKU_TYPE_SATISFACTION_DIALOG), 5000,
                   "the toast opens the question");
  gtk_widget_activate_action (find_toplevel (POLKU_TYPE_SATISFACTION_DIALOG),
                              "satisfaction.answer", "i", 5);
  test_wait_until (dialog_is_gone, GSIZE_TO_POINTER (POLKU_TYPE_SATISFACTION_DIALOG), 5000,
                   "the question is closed after the answer");
  g_assert_cmpuint (count_answers (f), ==, 1);
}

static gboolean
entry_loaded (gpointer data)
{
  GtkWidget *dialog = find_toplevel (POLKU_TYPE_RECORD_ENTRY_DIALOG);

  return dialog != NULL
         && !polku_record_entry_dialog_get_loading (POLKU_RECORD_ENTRY_DIALOG (dialog));
}

static void
read_text_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  char **out = user_data;
  g_autoptr(GError) error = NULL;

  *out = gdk_clipboard_read_text_finish (GDK_CLIPBOARD (source), result, &error);
  g_assert_no_error (error);
}

static gboolean
pointer_is_set (gpointer data)
{
  return *(char **) data != NULL;
}

/* The client page's Record Entry opens the dialog: the text first (read-only), then Copy puts
 * exactly that text on the clipboard and says so. */
static void
test_record_entry_copy (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *copied = NULL;
  g_autofree char *shown = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  GtkWidget *page = polku_client_page_new ();
  GtkWidget *dialog;
  GtkWidget *text_view;
  GtkTextIter start, end;
  const char *text;
  guint made = 0;

  gtk_window_set_child (f->window, page);
  polku_client_view_set_store (POLKU_CLIENT_VIEW (page), f->store);
  polku_client_view_set_client (POLKU_CLIENT_VIEW (page), f->client);
  test_wait_tree_loaded (page);

  gtk_widget_activate_action (page, "page.record-entry", NULL);
  test_wait_until (entry_loaded, NULL, 10000, "the record entry is made");
  dialog = find_toplevel (POLKU_TYPE_RECORD_ENTRY_DIALOG);
  text = polku_record_entry_dialog_get_text (POLKU_RECORD_ENTRY_DIALOG (dialog));
  g_assert_nonnull (text);
  /* No plan: English; no name in the entry. */
  g_assert_true (g_str_has_prefix (text, "Coordinator’s entry "));
  g_assert_null (strstr (text, "Virtanen"));

  text_view = test_find_widget (dialog, GTK_TYPE_TEXT_VIEW);
  g_assert_false (gtk_text_view_get_editable (GTK_TEXT_VIEW (text_view)));
  gtk_text_buffer_get_bounds (gtk_text_view_get_buffer (GTK_TEXT_VIEW (text_view)), &start, &end);
  shown = gtk_text_buffer_get_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (text_view)), &start,
                                    &end, FALSE);
  g_assert_cmpstr (shown, ==, text);

  entries = polku_audit_list (f->store, polku_client_get_id (f->client), &error);
  g_assert_no_error (error);
  for (guint i = 0; i < entries->len; i++)
    if (g_strcmp0 (polku_audit_entry_get_action (g_ptr_array_index (entries, i)),
                   POLKU_AUDIT_RECORD_ENTRY) == 0)
      made++;
  g_assert_cmpuint (made, ==, 1);

  gtk_widget_activate_action (dialog, "record-entry.copy", NULL);
  gdk_clipboard_read_text_async (gtk_widget_get_clipboard (dialog), NULL, read_text_cb, &copied);
  test_wait_until (pointer_is_set, &copied, 5000, "the clipboard is read");
  g_assert_cmpstr (copied, ==, text);
  test_spin (100);
  g_assert_true (has_label (dialog, "Copied: paste it into the record system"));

  gtk_window_destroy (GTK_WINDOW (dialog));
  test_spin (20);
}

int
main (int    argc,
      char **argv)
{
  g_setenv ("POLKU_INSTRUMENTS_DIR", "/nonexistent/polku-test", TRUE);
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/record-entry/satisfaction-from-measures", test_satisfaction_from_measures);
  ADD ("/record-entry/satisfaction-toast", test_satisfaction_toast);
  ADD ("/record-entry/copy", test_record_entry_copy);
#undef ADD

  return g_test_run ();
}
