/* test-client-view.c: the base class of the client page's views, and the log view
 *
 * A view made for the test reads in a thread that waits until the test lets it finish, so
 * the test decides in which order the reads come in.
 *
 * Copyright 2026 The Polku authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "polku-a11y-private.h"
#include "polku-audit.h"
#include "polku-client-store.h"
#include "polku-client-view.h"
#include "polku-log-view.h"
#include "test-helpers.h"

/* ---- A view whose reads wait for the test ---- */

static GMutex gate_mutex;
static GCond gate_cond;
static GHashTable *released;     /* the client ids whose reads may finish */
static GThread *main_thread;
static gint reads_off_main;

#define TEST_TYPE_SLOW_VIEW (test_slow_view_get_type ())
G_DECLARE_FINAL_TYPE (TestSlowView, test_slow_view, TEST, SLOW_VIEW, PolkuClientView)

struct _TestSlowView
{
  PolkuClientView  parent_instance;

  char            *shown;    /* the client id shown, or NULL */
  GPtrArray       *applied;  /* every client id shown, in order */
};

G_DEFINE_FINAL_TYPE (TestSlowView, test_slow_view, POLKU_TYPE_CLIENT_VIEW)

static void
release (const char *client_id)
{
  g_mutex_lock (&gate_mutex);
  g_hash_table_add (released, g_strdup (client_id));
  g_cond_broadcast (&gate_cond);
  g_mutex_unlock (&gate_mutex);
}

static void
slow_view_clear (PolkuClientView *view)
{
  g_clear_pointer (&TEST_SLOW_VIEW (view)->shown, g_free);
}

/* Cancellation is ignored on purpose: the base class must drop a stale result itself. */
static gpointer
slow_view_load (PolkuStore    *store,
                const char    *client_id,
                gpointer       snapshot,
                GCancellable  *cancellable,
                GError       **error)
{
  if (g_thread_self () != main_thread)
    g_atomic_int_inc (&reads_off_main);
  g_mutex_lock (&gate_mutex);
  while (!g_hash_table_contains (released, client_id))
    g_cond_wait (&gate_cond, &gate_mutex);
  g_mutex_unlock (&gate_mutex);
  return g_strdup (client_id);
}

static void
slow_view_apply (PolkuClientView *view,
                 gpointer         result,
                 const GError    *error)
{
  TestSlowView *self = TEST_SLOW_VIEW (view);

  g_assert_no_error (error);
  g_free (self->shown);
  self->shown = g_strdup (result);
  g_ptr_array_add (self->applied, g_strdup (result));
}

static void
test_slow_view_finalize (GObject *object)
{
  TestSlowView *self = TEST_SLOW_VIEW (object);

  g_free (self->shown);
  g_ptr_array_unref (self->applied);
  G_OBJECT_CLASS (test_slow_view_parent_class)->finalize (object);
}

static void
test_slow_view_class_init (TestSlowViewClass *klass)
{
  PolkuClientViewClass *view_class = POLKU_CLIENT_VIEW_CLASS (klass);

  G_OBJECT_CLASS (klass)->finalize = test_slow_view_finalize;
  view_class->clear = slow_view_clear;
  view_class->load = slow_view_load;
  view_class->apply = slow_view_apply;
  view_class->free_result = g_free;
}

static void
test_slow_view_init (TestSlowView *self)
{
  self->applied = g_ptr_array_new_with_free_func (g_free);
}

/* ---- Fixture ---- */

typedef struct
{
  char         *dir;
  PolkuProfile *profile;
  PolkuStore   *store;
  GPtrArray    *clients;
  GtkWindow    *window;
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->store = test_make_store (2, &f->dir, &f->profile);
  f->clients = polku_client_store_list (f->store, FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (f->clients->len, ==, 2);
  f->window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (f->window, 600, 600);
  released = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_atomic_int_set (&reads_off_main, 0);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  /* Reads still waiting finish, so that the store can go. */
  for (guint i = 0; i < f->clients->len; i++)
    release (polku_client_get_id (g_ptr_array_index (f->clients, i)));
  test_destroy_window (f->window);
  g_ptr_array_unref (f->clients);
  test_release_store (&f->store);
  g_clear_object (&f->profile);
  test_remove_tree (f->dir);
  g_free (f->dir);
  g_clear_pointer (&released, g_hash_table_unref);
}

static const char *
row_title (GtkWidget *row)
{
  return gtk_label_get_text (GTK_LABEL (gtk_widget_get_first_child (row)));
}

static const char *
row_subtitle (GtkWidget *row)
{
  return gtk_label_get_text (GTK_LABEL (gtk_widget_get_last_child (row)));
}

static const char *
client_id (Fixture *f,
           guint    i)
{
  return polku_client_get_id (g_ptr_array_index (f->clients, i));
}

static PolkuClientView *
show_view (Fixture *f,
           GType    type)
{
  GtkWidget *view = g_object_new (type, NULL);

  gtk_window_set_child (f->window, view);
  gtk_window_present (f->window);
  polku_client_view_set_store (POLKU_CLIENT_VIEW (view), f->store);
  return POLKU_CLIENT_VIEW (view);
}

/* ---- The base class ---- */

/* The client changes while the first client's read runs: the first client's data is cleared
 * at once and never shown, even when its read comes in last. */
static void
test_stale_result (Fixture       *f,
                   gconstpointer  data)
{
  PolkuClientView *view = show_view (f, TEST_TYPE_SLOW_VIEW);
  TestSlowView *slow = TEST_SLOW_VIEW (view);

  release (client_id (f, 0));
  polku_client_view_set_client (view, g_ptr_array_index (f->clients, 0));
  test_wait_loaded (view);
  g_assert_cmpstr (slow->shown, ==, client_id (f, 0));

  /* The other client: cleared at once, loading until its read is in. */
  polku_client_view_set_client (view, g_ptr_array_index (f->clients, 1));
  g_assert_null (slow->shown);
  g_assert_true (polku_client_view_get_loading (view));

  /* Back to the first and on to the second again, while the second's read waits: the first
   * client's read comes in, and is not for the client shown. */
  polku_client_view_set_client (view, g_ptr_array_index (f->clients, 0));
  polku_client_view_set_client (view, g_ptr_array_index (f->clients, 1));
  test_spin (300);
  g_assert_null (slow->shown);
  g_assert_true (polku_client_view_get_loading (view));

  release (client_id (f, 1));
  test_wait_loaded (view);
  g_assert_cmpstr (slow->shown, ==, client_id (f, 1));
  g_assert_cmpuint (slow->applied->len, ==, 2);
  g_assert_cmpstr (g_ptr_array_index (slow->applied, 1), ==, client_id (f, 1));
  g_assert_cmpint (g_atomic_int_get (&reads_off_main), ==, 4);

  /* A newer read of the same client replaces the one in flight: one result is shown. */
  polku_client_view_reload (view);
  polku_client_view_reload (view);
  test_wait_loaded (view);
  test_spin (100);
  g_assert_cmpuint (slow->applied->len, ==, 3);
}

/* A hidden view clears at once, and reads only when it is shown. */
static void
test_read_when_shown (Fixture       *f,
                      gconstpointer  data)
{
  PolkuClientView *view = show_view (f, TEST_TYPE_SLOW_VIEW);
  TestSlowView *slow = TEST_SLOW_VIEW (view);

  release (client_id (f, 0));
  release (client_id (f, 1));
  polku_client_view_set_client (view, g_ptr_array_index (f->clients, 0));
  test_wait_loaded (view);
  g_assert_cmpstr (slow->shown, ==, client_id (f, 0));

  gtk_widget_set_visible (GTK_WIDGET (view), FALSE);
  polku_client_view_set_client (view, g_ptr_array_index (f->clients, 1));
  g_assert_null (slow->shown);
  g_assert_false (polku_client_view_get_loading (view));
  test_spin (100);
  g_assert_cmpuint (slow->applied->len, ==, 1);

  gtk_widget_set_visible (GTK_WIDGET (view), TRUE);
  g_assert_true (polku_client_view_get_loading (view));
  test_wait_loaded (view);
  g_assert_cmpstr (slow->shown, ==, client_id (f, 1));
}

/* ---- The log view ---- */

/* The entries' rows the view has made (each its title and subtitle labels), wherever they
 * are in its tree. */
static void
collect_rows (GtkWidget *widget,
              GPtrArray *rows)
{
  if (gtk_widget_has_css_class (widget, "log-entry"))
    g_ptr_array_add (rows, widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_rows (child, rows);
}

static guint
count_entries_of_others (PolkuLogView *view,
                         const char   *id)
{
  GListModel *entries = polku_log_view_get_entries (view);
  guint n = 0;

  for (guint i = 0; i < g_list_model_get_n_items (entries); i++)
    {
      g_autoptr(PolkuAuditEntry) entry = g_list_model_get_item (entries, i);

      n += g_strcmp0 (polku_audit_entry_get_client_id (entry), id) != 0;
    }
  return n;
}

/* Whenever a read is in. */
static void
loading_changed_cb (PolkuLogView *view,
                    GParamSpec   *pspec,
                    guint        *wrong)
{
  if (polku_client_view_get_loading (POLKU_CLIENT_VIEW (view)))
    return;
  *wrong += count_entries_of_others (view, g_object_get_data (G_OBJECT (view), "expected"));
}

/* Switching client while the log is read: the last client's entries, and only those. */
static void
test_log_switch_client (Fixture       *f,
                        gconstpointer  data)
{
  PolkuClientView *view = show_view (f, POLKU_TYPE_LOG_VIEW);
  GListModel *entries = polku_log_view_get_entries (POLKU_LOG_VIEW (view));
  guint wrong = 0;

  polku_client_view_set_client (view, g_ptr_array_index (f->clients, 0));
  g_assert_true (polku_client_view_get_loading (view));
  test_wait_loaded (view);
  g_assert_cmpuint (g_list_model_get_n_items (entries), >, 0);
  g_assert_cmpuint (count_entries_of_others (POLKU_LOG_VIEW (view), client_id (f, 0)), ==, 0);

  polku_client_view_reload (view);
  g_object_set_data (G_OBJECT (view), "expected", (gpointer) client_id (f, 1));
  g_signal_connect (view, "notify::loading", G_CALLBACK (loading_changed_cb), &wrong);
  polku_client_view_set_client (view, g_ptr_array_index (f->clients, 1));
  g_assert_cmpuint (g_list_model_get_n_items (entries), ==, 0);
  g_assert_true (polku_client_view_get_loading (view));
  test_wait_loaded (view);
  test_spin (200);
  g_assert_cmpuint (g_list_model_get_n_items (entries), >, 0);
  g_assert_cmpuint (wrong, ==, 0);
  g_assert_cmpuint (count_entries_of_others (POLKU_LOG_VIEW (view), client_id (f, 1)), ==, 0);
  g_signal_handlers_disconnect_by_func (view, loading_changed_cb, &wrong);
}

/* The row of the entry whose action is @action. */
static GtkWidget *
row_of_action (GtkWidget  *view,
               const char *action)
{
  GListModel *entries = polku_log_view_get_entries (POLKU_LOG_VIEW (view));
  g_autoptr(GPtrArray) rows = g_ptr_array_new ();
  g_autofree char *title = NULL;

  for (guint i = 0; title == NULL && i < g_list_model_get_n_items (entries); i++)
    {
      g_autoptr(PolkuAuditEntry) entry = g_list_model_get_item (entries, i);

      if (g_str_equal (polku_audit_entry_get_action (entry), action))
        title = polku_audit_entry_dup_action_label (entry);
    }
  g_assert_nonnull (title);
  collect_rows (view, rows);
  for (guint i = 0; i < rows->len; i++)
    if (g_strcmp0 (row_title (g_ptr_array_index (rows, i)), title) == 0)
      return g_ptr_array_index (rows, i);
  g_error ("No row says “%s”", title);
  return NULL;
}

/* The second line of a row's subtitle: the entry's detail as the row says it. */
static char *
detail_line (GtkWidget *row)
{
  const char *subtitle = row_subtitle (row);
  const char *newline = strchr (subtitle, '\n');

  return g_strdup (newline != NULL ? newline + 1 : "");
}

/* The facts of an entry's detail are said in words, in the UI's language: never as the
 * detail's own English names and codes ("origin: resolve", "take: remote"), which the rows
 * once showed in Finnish and Swedish too; the time of day is the language's own. */
static void
test_log_detail_in_words (Fixture       *f,
                          gconstpointer  data)
{
  static const struct {
    const char *action;
    const char *id_key;    /* the detail's first fact: this name and an id */
    const char *facts;     /* then these */
    const char *english;   /* the row's second line in English */
  } entries[] = {
    { "plan.update", "plan", "version=6 origin=resolve", "Version 6 · a sync conflict decided" },
    { "sync.resolve", "conflict", "database=polku-test take=remote",
      "Database polku-test · the other side’s value taken" },
    { "assessment.add", "assessment", "instrument=whoqol-bref status=complete",
      "WHOQOL-BREF quality of life · complete" },
    { "plan.export", NULL, "to=own-use parts=plan,team format=pdf",
      "For own use · 2 parts of the plan · format PDF" },
  };
  static const char * const codes[] = { "origin", "resolve", "take", "remote", "instrument",
                                        "whoqol-bref", "status", "own-use", "parts", "plan,team",
                                        "pdf" };
  static const char * const languages[] = { "fi", "sv" };
  PolkuClientView *view = show_view (f, POLKU_TYPE_LOG_VIEW);
  g_autofree char *before = g_strdup (g_getenv ("LANGUAGE"));

  for (guint i = 0; i < G_N_ELEMENTS (entries); i++)
    {
      g_autofree char *id = g_uuid_string_random ();
      g_autofree char *detail = entries[i].id_key != NULL
                                ? g_strdup_printf ("%s=%s %s", entries[i].id_key, id,
                                                   entries[i].facts)
                                : g_strdup (entries[i].facts);
      g_autoptr(GError) error = NULL;

      g_assert_true (polku_audit_record (f->store, entries[i].action, client_id (f, 0), detail,
                                         &error));
      g_assert_no_error (error);
    }
  polku_client_view_set_client (view, g_ptr_array_index (f->clients, 0));
  test_wait_loaded (view);
  test_spin (50);
  for (guint i = 0; i < G_N_ELEMENTS (entries); i++)
    {
      g_autofree char *line = detail_line (row_of_action (GTK_WIDGET (view),
                                                          entries[i].action));

      g_assert_cmpstr (line, ==, entries[i].english);
    }

  /* In Finnish and Swedish (the build's catalogs), read again. */
  for (guint l = 0; l < G_N_ELEMENTS (languages); l++)
    {
      g_setenv ("LANGUAGE", languages[l], TRUE);
      test_bind_catalogs ();
      g_assert_cmpstr (C_("audit detail", "a sync conflict decided"), !=,
                       "a sync conflict decided");
      polku_client_view_reload (view);
      test_wait_loaded (view);
      test_spin (50);
      for (guint i = 0; i < G_N_ELEMENTS (entries); i++)
        {
          GtkWidget *row = row_of_action (GTK_WIDGET (view), entries[i].action);
          g_autofree char *line = detail_line (row);

          g_assert_cmpstr (line, !=, "");
          g_assert_cmpstr (line, !=, entries[i].english);
          for (guint c = 0; c < G_N_ELEMENTS (codes); c++)
            if (strstr (line, codes[c]) != NULL)
              g_error ("%s: “%s” says “%s”", languages[l], line, codes[c]);
          /* "3.12.2026 klo 14.05.09", "3.12.2026 kl. 14.05.09" */
          g_assert_null (strchr (row_subtitle (row), ':'));
        }
    }
  test_restore_language (before);
}

/* At 360 px the search's placeholder is whole, in English, Finnish and Swedish: beside the
 * kind of entries it was cut to "Hae työntekijän…" (the filters now stand one above the
 * other). */
static void
test_log_narrow_filters (Fixture       *f,
                         gconstpointer  data)
{
  static const char * const languages[] = { "en", "fi", "sv" };
  g_autofree char *before = g_strdup (g_getenv ("LANGUAGE"));

  gtk_window_set_default_size (f->window, 360, 600);
  for (guint l = 0; l < G_N_ELEMENTS (languages); l++)
    {
      PolkuClientView *view;
      GtkWidget *entry;
      GtkWidget *text;
      g_autofree char *placeholder = NULL;
      g_autoptr(PangoLayout) layout = NULL;
      int width;

      g_setenv ("LANGUAGE", languages[l], TRUE);
      test_bind_catalogs ();
      view = show_view (f, POLKU_TYPE_LOG_VIEW);
      /* (The drop-down's popover has a search entry of its own: the log's is after it.) */
      entry = gtk_widget_get_next_sibling (test_find_widget (GTK_WIDGET (view),
                                                             GTK_TYPE_DROP_DOWN));
      text = test_find_widget (entry, GTK_TYPE_TEXT);
      polku_client_view_set_client (view, g_ptr_array_index (f->clients, 0));
      test_wait_loaded (view);
      test_set_window_width (f->window, 360, 600);
      g_object_get (entry, "placeholder-text", &placeholder, NULL);
      g_assert_nonnull (placeholder);
      layout = gtk_widget_create_pango_layout (text, placeholder);
      pango_layout_get_pixel_size (layout, &width, NULL);
      g_assert_cmpint (width, >, 0);
      if (gtk_widget_get_width (text) < width)
        g_error ("%s: the search is %d px wide, its placeholder “%s” %d px", languages[l],
                 gtk_widget_get_width (text), placeholder, width);
    }
  test_restore_language (before);
}

/* The stack of the log's description and button, and of the check's progress and Cancel. */
static GtkStack *
find_verify_stack (GtkWidget *view)
{
  return GTK_STACK (test_find_widget (view, GTK_TYPE_STACK));
}

/* Whether @widget is its window's focus (whether or not the window is active). */
static gboolean
is_focus (GtkWidget *widget)
{
  return gtk_root_get_focus (gtk_widget_get_root (widget)) == widget;
}

static gboolean
has_height (gpointer widget)
{
  return gtk_widget_get_height (widget) > 0;
}

static gboolean
log_not_verifying (gpointer view)
{
  return !polku_log_view_get_verifying (view);
}

/* The button beside the log's description or its progress, and the label it shows. */
static const char *
verify_button_text (GtkWidget *button)
{
  GtkStack *labels = GTK_STACK (gtk_button_get_child (GTK_BUTTON (button)));

  return gtk_label_get_text (GTK_LABEL (gtk_stack_get_visible_child (labels)));
}

/* Check the Log runs in a thread: its progress takes the description's place and the button
 * turns into Cancel, keeping the keyboard focus (moving it restyled the whole window), then
 * the result is shown. */
static void
test_log_verify (Fixture       *f,
                 gconstpointer  data)
{
  PolkuClientView *view = show_view (f, POLKU_TYPE_LOG_VIEW);
  GtkWidget *button = test_find_widget (GTK_WIDGET (view), GTK_TYPE_BUTTON);
  GtkStack *stack = find_verify_stack (GTK_WIDGET (view));
  GtkWidget *label = gtk_widget_get_next_sibling (gtk_widget_get_parent (GTK_WIDGET (stack)));
  GtkWidget *running;
  int height;

  polku_client_view_set_client (view, g_ptr_array_index (f->clients, 0));
  test_wait_loaded (view);
  g_assert_true (GTK_IS_LABEL (label));
  g_assert_true (gtk_widget_get_parent (button) == gtk_widget_get_parent (GTK_WIDGET (stack)));
  g_assert_cmpstr (verify_button_text (button), ==, "Check the Log");
  g_assert_cmpstr (gtk_actionable_get_action_name (GTK_ACTIONABLE (button)), ==, "log.verify");
  g_assert_true (gtk_widget_get_mapped (button));
  g_assert_true (gtk_widget_is_sensitive (button));
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                       "Check the Log");
  test_wait_until (has_height, stack, 5000, "the log's header is laid out");
  height = gtk_widget_get_height (GTK_WIDGET (stack));

  gtk_widget_grab_focus (button);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "log.verify", NULL));
  /* Not done on the main thread: nothing is shown until the main loop runs. */
  g_assert_false (gtk_widget_get_visible (label));
  /* The progress in the description's place, ready before the start ("Checking the database
   * file…" at 0: setting it as the check started measured the window again), and the same
   * button, with the focus, is Cancel; the same size, so nothing else in the window moves or
   * is measured again. */
  running = gtk_stack_get_visible_child (stack);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, "running");
  g_assert_true (GTK_IS_PROGRESS_BAR (running));
  g_assert_cmpstr (gtk_progress_bar_get_text (GTK_PROGRESS_BAR (running)), ==,
                   "Checking the database file…");
  g_assert_cmpfloat (gtk_progress_bar_get_fraction (GTK_PROGRESS_BAR (running)), ==, 0);
  g_assert_true (gtk_widget_get_mapped (button));
  g_assert_true (is_focus (button));
  g_assert_cmpstr (verify_button_text (button), ==, "Cancel");
  g_assert_cmpstr (gtk_actionable_get_action_name (GTK_ACTIONABLE (button)), ==,
                   "log.cancel-verify");
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                       "Cancel");
  /* A second start while it runs is ignored. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "log.verify", NULL));
  g_assert_true (polku_log_view_get_verifying (POLKU_LOG_VIEW (view)));
  test_spin (50);
  g_assert_cmpint (gtk_widget_get_height (GTK_WIDGET (stack)), ==, height);

  test_wait_until (test_widget_is_visible, label, 10000, "the log is checked");
  g_assert_true (gtk_widget_has_css_class (label, "success"));
  g_assert_true (g_str_has_prefix (gtk_label_get_text (GTK_LABEL (label)),
                                   "The log is intact"));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, "idle");
  g_assert_cmpstr (verify_button_text (button), ==, "Check the Log");
  g_assert_cmpstr (gtk_actionable_get_action_name (GTK_ACTIONABLE (button)), ==, "log.verify");
  g_assert_true (gtk_widget_is_sensitive (button));
  g_assert_true (is_focus (button));
  /* Ready for the next check. */
  g_assert_cmpstr (gtk_progress_bar_get_text (GTK_PROGRESS_BAR (running)), ==,
                   "Checking the database file…");
  g_assert_cmpfloat (gtk_progress_bar_get_fraction (GTK_PROGRESS_BAR (running)), ==, 0);

  /* Cancel, twice: the check stops claiming nothing, and the button is Check the Log again,
   * with the focus. */
  for (guint i = 0; i < 2; i++)
    {
      g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "log.verify", NULL));
      g_assert_true (gtk_widget_is_sensitive (button));
      g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "log.cancel-verify", NULL));
      g_assert_false (gtk_widget_is_sensitive (button));
      test_wait_until (log_not_verifying, view, 10000, "the check has stopped");
      g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, "idle");
      g_assert_cmpstr (verify_button_text (button), ==, "Check the Log");
      g_assert_true (gtk_widget_is_sensitive (button));
      g_assert_true (is_focus (button));
      test_spin (50);
      g_assert_false (gtk_widget_get_visible (label));
    }

  /* Another client while the log is checked: the check is dropped, the button is back. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "log.verify", NULL));
  polku_client_view_set_client (view, g_ptr_array_index (f->clients, 1));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, "idle");
  g_assert_cmpstr (verify_button_text (button), ==, "Check the Log");
  g_assert_false (polku_log_view_get_verifying (POLKU_LOG_VIEW (view)));
  test_wait_loaded (view);
  test_spin (300);
  g_assert_false (gtk_widget_get_visible (label));
}

/* The focus is on the row (the list view's item) that shows the @position-th entry. */
static void
assert_focus_on_entry (GtkWindow  *window,
                       GListModel *shown,
                       guint       position)
{
  g_autoptr(PolkuAuditEntry) entry = g_list_model_get_item (shown, position);
  g_autofree char *title = polku_audit_entry_dup_action_label (entry);
  GtkWidget *focus = gtk_window_get_focus (window);
  GtkWidget *row = focus != NULL ? gtk_widget_get_first_child (focus) : NULL;

  g_assert_nonnull (row);
  g_assert_true (gtk_widget_has_css_class (row, "log-entry"));
  g_assert_cmpstr (row_title (row), ==, title);
  /* A screen reader hears the title, then when, who and what as the description. */
  gtk_test_accessible_assert_relation (GTK_ACCESSIBLE (focus), GTK_ACCESSIBLE_RELATION_LABELLED_BY,
                                       gtk_widget_get_first_child (row), NULL);
  gtk_test_accessible_assert_relation (GTK_ACCESSIBLE (focus),
                                       GTK_ACCESSIBLE_RELATION_DESCRIBED_BY,
                                       gtk_widget_get_last_child (row), NULL);
}

/* The log can be narrowed to changes or to views, and searched; ids are not shown. */
static void
test_log_filter (Fixture       *f,
                 gconstpointer  data)
{
  PolkuClientView *view = show_view (f, POLKU_TYPE_LOG_VIEW);
  PolkuLogView *log = POLKU_LOG_VIEW (view);
  GListModel *entries = polku_log_view_get_entries (log);
  GListModel *shown = polku_log_view_get_shown (log);
  g_autoptr(GPtrArray) rows = NULL;
  guint n_all, n_changes, n_reads;

  /* A read of the client, as the client page records it. */
  g_assert_true (polku_audit_record (f->store, POLKU_AUDIT_CLIENT_VIEW, client_id (f, 0), NULL,
                                     NULL));
  polku_client_view_set_client (view, g_ptr_array_index (f->clients, 0));
  test_wait_loaded (view);
  n_all = g_list_model_get_n_items (entries);
  g_assert_cmpuint (g_list_model_get_n_items (shown), ==, n_all);

  polku_log_view_set_filter (log, 1, NULL);
  n_changes = g_list_model_get_n_items (shown);
  for (guint i = 0; i < n_changes; i++)
    {
      g_autoptr(PolkuAuditEntry) entry = g_list_model_get_item (shown, i);

      g_assert_false (g_str_has_suffix (polku_audit_entry_get_action (entry), ".view"));
    }
  polku_log_view_set_filter (log, 2, NULL);
  n_reads = g_list_model_get_n_items (shown);
  g_assert_cmpuint (n_changes, >, 0);
  g_assert_cmpuint (n_reads, >, 0);
  g_assert_cmpuint (n_changes + n_reads, ==, n_all);

  /* Search by the worker's name. */
  polku_log_view_set_filter (log, 0, "no such worker anywhere");
  g_assert_cmpuint (g_list_model_get_n_items (shown), ==, 0);
  polku_log_view_set_filter (log, 0, NULL);
  g_assert_cmpuint (g_list_model_get_n_items (shown), ==, n_all);

  /* No row shows a raw id. */
  test_spin (50);
  rows = g_ptr_array_new ();
  collect_rows (GTK_WIDGET (view), rows);
  g_assert_cmpuint (rows->len, ==, n_all);
  for (guint r = 0; r < rows->len; r++)
    {
      g_auto(GStrv) words = g_strsplit_set (row_subtitle (g_ptr_array_index (rows, r)),
                                            " \n=:", -1);

      for (guint i = 0; words[i] != NULL; i++)
        g_assert_false (g_uuid_string_is_valid (words[i]));
    }

  /* The keyboard goes from the search to the newest entry, and down to the next. (The
   * drop-down's popover has a search entry of its own: the log's is beside the drop-down.) */
  g_assert_true (gtk_widget_grab_focus (gtk_widget_get_next_sibling (
                   test_find_widget (GTK_WIDGET (view), GTK_TYPE_DROP_DOWN))));
  g_assert_true (gtk_widget_child_focus (GTK_WIDGET (f->window), GTK_DIR_TAB_FORWARD));
  assert_focus_on_entry (f->window, shown, 0);
  g_assert_true (gtk_widget_child_focus (GTK_WIDGET (f->window), GTK_DIR_DOWN));
  assert_focus_on_entry (f->window, shown, 1);
}

typedef struct
{
  const char *client_id;
  guint       n;
} ManyViews;

static gboolean
record_views (PolkuStore  *store,
              gpointer     data,
              GError     **error)
{
  ManyViews *many = data;

  for (guint i = 0; i < many->n; i++)
    if (!polku_audit_record (store, POLKU_AUDIT_CLIENT_VIEW, many->client_id, NULL, error))
      return FALSE;
  return TRUE;
}

/* The oldest entry's row is on screen: inside the scrolled window's visible part. */
static gboolean
oldest_row_shown (GtkWidget  *scrolled,
                  const char *title)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new ();

  collect_rows (scrolled, rows);
  for (guint i = 0; i < rows->len; i++)
    {
      GtkWidget *row = g_ptr_array_index (rows, i);
      graphene_rect_t bounds;

      if (g_strcmp0 (row_title (row), title) == 0
          && gtk_widget_get_mapped (row)
          && gtk_widget_compute_bounds (row, scrolled, &bounds)
          && bounds.origin.y >= 0
          && bounds.origin.y + bounds.size.height <= gtk_widget_get_height (scrolled) + 0.5)
        return TRUE;
    }
  return FALSE;
}

/* A long-followed client's log (thousands of entries) makes rows only for a window of them,
 * not one per entry, and scrolling to the end shows the oldest entry. */
static void
test_log_many_entries (Fixture       *f,
                       gconstpointer  data)
{
  PolkuClientView *view = show_view (f, POLKU_TYPE_LOG_VIEW);
  GListModel *shown = polku_log_view_get_shown (POLKU_LOG_VIEW (view));
  ManyViews many = { client_id (f, 0), 2000 };
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rows = g_ptr_array_new ();
  g_autoptr(PolkuAuditEntry) oldest = NULL;
  g_autofree char *oldest_title = NULL;
  GtkWidget *scrolled;
  GtkAdjustment *adjustment;
  guint n_entries;
  guint n_same_title = 0;

  g_assert_true (polku_store_run_batch_whole (f->store, record_views, &many, &error));
  g_assert_no_error (error);
  polku_client_view_set_client (view, g_ptr_array_index (f->clients, 0));
  test_wait_loaded (view);
  test_spin (100);
  n_entries = g_list_model_get_n_items (shown);
  g_assert_cmpuint (n_entries, >, 2000);

  /* GTK 4.8's list view keeps up to 200 items' rows around what is shown, and a few more. */
  collect_rows (GTK_WIDGET (view), rows);
  g_assert_cmpuint (rows->len, >, 0);
  g_assert_cmpuint (rows->len, <=, 250);

  /* The oldest entry (the client's creation, before the 2,000 views) at the end. */
  oldest = g_list_model_get_item (shown, n_entries - 1);
  oldest_title = polku_audit_entry_dup_action_label (oldest);
  for (guint i = 0; i < n_entries; i++)
    {
      g_autoptr(PolkuAuditEntry) entry = g_list_model_get_item (shown, i);
      g_autofree char *title = polku_audit_entry_dup_action_label (entry);

      n_same_title += g_strcmp0 (title, oldest_title) == 0;
    }
  g_assert_cmpuint (n_same_title, ==, 1);

  /* (The kind filter's drop-down has a list view and a scrolled window of its own.) */
  scrolled = gtk_widget_get_parent (test_find_widget (GTK_WIDGET (view),
                                                      ADW_TYPE_CLAMP_SCROLLABLE));
  g_assert_true (GTK_IS_SCROLLED_WINDOW (scrolled));
  adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scrolled));
  g_assert_false (oldest_row_shown (scrolled, oldest_title));
  /* The list's height is estimated from the rows made so far: it settles as it scrolls. */
  for (guint i = 0; i < 20 && !oldest_row_shown (scrolled, oldest_title); i++)
    {
      gtk_adjustment_set_value (adjustment, gtk_adjustment_get_upper (adjustment)
                                            - gtk_adjustment_get_page_size (adjustment));
      test_spin (50);
    }
  g_assert_true (oldest_row_shown (scrolled, oldest_title));

  g_ptr_array_set_size (rows, 0);
  collect_rows (GTK_WIDGET (view), rows);
  g_assert_cmpuint (rows->len, <=, 250);
}

/* In a log of 200 entries, Tab leaves the list in one step, Shift+Tab comes back to it, and
 * Down still moves from entry to entry (GTK 4.8's list view moved the focus to the next entry
 * on Tab). */
static void
test_log_tab_leaves_list (Fixture       *f,
                          gconstpointer  data)
{
  PolkuClientView *view = show_view (f, POLKU_TYPE_LOG_VIEW);
  GListModel *shown = polku_log_view_get_shown (POLKU_LOG_VIEW (view));
  ManyViews many = { client_id (f, 0), 200 };
  g_autoptr(GError) error = NULL;
  GtkWidget *list_view;

  g_assert_true (polku_store_run_batch_whole (f->store, record_views, &many, &error));
  g_assert_no_error (error);
  polku_client_view_set_client (view, g_ptr_array_index (f->clients, 0));
  test_wait_loaded (view);
  test_spin (100);
  g_assert_cmpuint (g_list_model_get_n_items (shown), >, 200);
  /* (The kind filter's drop-down has a list view of its own, in its popover.) */
  list_view = gtk_widget_get_first_child (test_find_widget (GTK_WIDGET (view),
                                                            ADW_TYPE_CLAMP_SCROLLABLE));
  g_assert_true (GTK_IS_LIST_VIEW (list_view));

  g_assert_true (gtk_widget_grab_focus (list_view));
  assert_focus_on_entry (f->window, shown, 0);
  g_assert_true (gtk_widget_child_focus (GTK_WIDGET (f->window), GTK_DIR_DOWN));
  assert_focus_on_entry (f->window, shown, 1);

  test_press_tab (f->window, list_view, FALSE);
  g_assert_nonnull (gtk_window_get_focus (f->window));
  g_assert_false (test_focus_in (f->window, list_view));
  test_press_tab (f->window, list_view, TRUE);
  assert_focus_on_entry (f->window, shown, 1);
  test_press_tab (f->window, list_view, TRUE);
  g_assert_nonnull (gtk_window_get_focus (f->window));
  g_assert_false (test_focus_in (f->window, list_view));
}

static void
setup_label (GtkSignalListItemFactory *factory,
             GtkListItem              *item,
             gpointer                  data)
{
  gtk_list_item_set_child (item, gtk_label_new ("entry"));
}

/* A list with nothing else to take the focus in its window: Tab and Shift+Tab leave the focus
 * where it was, never nowhere. */
static void
test_tab_in_lone_list (Fixture       *f,
                       gconstpointer  data)
{
  const char *const words[] = { "one", "two", "three", NULL };
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
  GtkSelectionModel *model = GTK_SELECTION_MODEL (
    gtk_no_selection_new (G_LIST_MODEL (gtk_string_list_new (words))));
  GtkWidget *list_view = GTK_WIDGET (gtk_list_view_new (model, factory));
  GtkWidget *row;

  g_signal_connect (factory, "setup", G_CALLBACK (setup_label), NULL);
  polku_a11y_tab_leaves_list (GTK_LIST_VIEW (list_view));
  gtk_window_set_child (f->window, list_view);
  gtk_window_present (f->window);
  test_spin (50);
  g_assert_true (gtk_widget_grab_focus (list_view));
  g_assert_true (gtk_widget_child_focus (GTK_WIDGET (f->window), GTK_DIR_DOWN));
  row = gtk_window_get_focus (f->window);
  g_assert_true (test_focus_in (f->window, list_view));

  test_press_tab (f->window, list_view, FALSE);
  g_assert_true (gtk_window_get_focus (f->window) == row);
  test_press_tab (f->window, list_view, TRUE);
  g_assert_true (gtk_window_get_focus (f->window) == row);
}

int
main (int    argc,
      char **argv)
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  main_thread = g_thread_self ();

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("/client-view/stale-result", test_stale_result);
  ADD ("/client-view/read-when-shown", test_read_when_shown);
  ADD ("/log-view/switch-client", test_log_switch_client);
  ADD ("/log-view/verify", test_log_verify);
  ADD ("/log-view/filter", test_log_filter);
  ADD ("/log-view/detail-in-words", test_log_detail_in_words);
  ADD ("/log-view/narrow-filters", test_log_narrow_filters);
  ADD ("/log-view/many-entries", test_log_many_entries);
  ADD ("/log-view/tab-leaves-list", test_log_tab_leaves_list);
  ADD ("/a11y/tab-in-lone-list", test_tab_in_lone_list);
#undef ADD

  return g_test_run ();
}
