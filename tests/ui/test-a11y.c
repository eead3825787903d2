/* test-a11y.c: what a screen reader hears, read back through AT-SPI, repeats nothing
 *
 * Run as `test-a11y --language fi` (and sv). GTK 4.8's gtk_accessible_* calls only write, and
 * the name a screen reader says is computed from labels and relations inside GTK: so this
 * test runs GTK with its real AT-SPI backend on a private session bus (the accessibility bus
 * is started from it, as on a desktop), and tests/ui/a11y-tree.py reads the tree as Orca
 * does, from another process, while the main loop here keeps answering. It walks the main
 * window, every tab of a demo client with data, the forms and dialogs they open (the
 * Overview's forms, the plan editor and versions, the WHOQOL-BREF form on screen and on paper,
 * satisfaction, the record entry), the follow-ups, the client editor, the locked window,
 * Preferences and the guide, and lists each object's role, name and description
 * (POLKU_TEST_A11Y_DUMP=FILE writes them all).
 *
 * A name repeats when a screen reader would say the same words twice for one object: the
 * description equals the name; the name or the description is one phrase said twice
 * ("Phone Phone", "Done, Done"); a control inside a row is named by the row's subtitle or
 * says the row's title and subtitle again; an entry is named by both its row's title and
 * another label. Each of these fails the test with the window and the path to the object.
 *
 * Copyright 2026 The Polku authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>
#include <locale.h>
#include <string.h>
#include <unistd.h>

#include "polku-assessment-store.h"
#include "polku-client-editor-private.h"
#include "polku-client-store.h"
#include "polku-form-dialog.h"
#include "polku-help-window.h"
#include "polku-measures-view.h"
#include "polku-overview-view.h"
#include "polku-plan-view.h"
#include "polku-plan-store.h"
#include "polku-preferences-window.h"
#include "polku-record-entry-dialog.h"
#include "polku-satisfaction-dialog.h"
#include "polku-window-private.h"
#include "test-helpers.h"

typedef struct
{
  GString    *repeats;   /* what a screen reader would say twice */
  GHashTable *reported;  /* each finding once */
  GString    *dump;      /* every object, for POLKU_TEST_A11Y_DUMP */
  guint       n_objects;
  guint       n_named;
} Scan;

static Scan *
scan_new (void)
{
  Scan *scan = g_new0 (Scan, 1);

  scan->repeats = g_string_new (NULL);
  scan->reported = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  scan->dump = g_string_new (NULL);
  return scan;
}

static void
scan_free (Scan *scan)
{
  g_string_free (scan->repeats, TRUE);
  g_string_free (scan->dump, TRUE);
  g_hash_table_unref (scan->reported);
  g_free (scan);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Scan, scan_free)

/* Words as a listener hears them: case-folded, punctuation and spacing dropped. */
static char *
heard (const char *text)
{
  g_autofree char *folded = g_utf8_casefold (text != NULL ? text : "", -1);
  g_autofree char *normal = g_utf8_normalize (folded, -1, G_NORMALIZE_NFC);
  GString *words = g_string_new (NULL);

  for (const char *p = normal; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isalnum (c))
        g_string_append_unichar (words, c);
      else if (words->len > 0 && words->str[words->len - 1] != ' ')
        g_string_append_c (words, ' ');
    }
  if (words->len > 0 && words->str[words->len - 1] == ' ')
    g_string_truncate (words, words->len - 1);
  return g_string_free (words, FALSE);
}

/* "Phone Phone", "Done, Done", "Coordinator: Coordinator": one phrase said twice. */
static gboolean
said_twice (const char *text)
{
  g_autofree char *words = heard (text);
  g_auto(GStrv) split = g_strsplit (words, " ", -1);
  guint n = g_strv_length (split);

  if (n < 2 || n % 2 != 0)
    return FALSE;
  for (guint i = 0; i < n / 2; i++)
    if (strcmp (split[i], split[i + n / 2]) != 0)
      return FALSE;
  return TRUE;
}

static gboolean
same_words (const char *a,
            const char *b)
{
  g_autofree char *heard_a = heard (a);
  g_autofree char *heard_b = heard (b);

  return heard_a[0] != '\0' && strcmp (heard_a, heard_b) == 0;
}

static gboolean
is_control (const char *role)
{
  static const char * const controls[] = {
    "push button", "toggle button", "check box", "switch", "radio button", "entry",
    "password text", "spin button", "combo box", "menu item", "text", "slider", NULL
  };

  return g_strv_contains (controls, role);
}

static gboolean
is_row (const char *role)
{
  return g_str_equal (role, "list item") || g_str_equal (role, "row");
}

static const char *
member (JsonObject *node,
        const char *name)
{
  return json_object_get_string_member_with_default (node, name, "");
}

static void report (Scan       *scan,
                    const char *where,
                    const char *path,
                    const char *role,
                    const char *format,
                    ...) G_GNUC_PRINTF (5, 6);

static void
report (Scan       *scan,
        const char *where,
        const char *path,
        const char *role,
        const char *format,
        ...)
{
  g_autofree char *what = NULL;
  g_autofree char *line = NULL;
  va_list args;

  va_start (args, format);
  what = g_strdup_vprintf (format, args);
  va_end (args);
  line = g_strdup_printf ("  %s: %s%s: %s\n", where, path, role, what);

  if (g_hash_table_contains (scan->reported, line))
    return;
  g_hash_table_add (scan->reported, g_strdup (line));
  g_string_append (scan->repeats, line);
}

/* Checks @node and its children; @row is the nearest row (list item) above it, if any. */
static void
check_node (Scan       *scan,
            const char *where,
            JsonObject *node,
            JsonObject *row,
            const char *path,
            guint       depth)
{
  const char *role = member (node, "role");
  const char *name = member (node, "name");
  const char *description = member (node, "description");
  JsonArray *children = json_object_has_member (node, "children")
                       ? json_object_get_array_member (node, "children") : NULL;
  g_autofree char *child_path = NULL;

  scan->n_objects++;
  if (name[0] != '\0')
    scan->n_named++;
  g_string_append_printf (scan->dump, "%s%*s%s “%s”%s%s%s\n", where, (int) depth * 2, " ",
                          role, name, description[0] != '\0' ? " — “" : "", description,
                          description[0] != '\0' ? "”" : "");

  if (same_words (name, description))
    report (scan, where, path, role,
            "“%s” has the same description", name);
  if (said_twice (name))
    report (scan, where, path, role, "name “%s” says one phrase twice", name);
  if (said_twice (description))
    report (scan, where, path, role,
            "description “%s” says one phrase twice", description);

  if (row != NULL && is_control (role) && name[0] != '\0')
    {
      const char *row_name = member (row, "name");
      const char *row_description = member (row, "description");
      g_autofree char *row_said = g_strdup_printf ("%s %s", row_name, row_description);
      g_autofree char *heard_name = heard (name);
      g_autofree char *heard_title = heard (row_name);

      if (same_words (name, row_description))
        report (scan, where, path, role,
                "“%s” repeats its row’s subtitle", name);
      else if (row_description[0] != '\0' && same_words (name, row_said))
        report (scan, where, path, role,
                "“%s” repeats its row’s title and subtitle", name);
      else if (!same_words (name, row_name) && heard_title[0] != '\0'
               && ((g_str_has_prefix (heard_name, heard_title)
                    && heard_name[strlen (heard_title)] == ' ')
                   || (g_str_has_suffix (heard_name, heard_title)
                       && strlen (heard_name) > strlen (heard_title)
                       && heard_name[strlen (heard_name) - strlen (heard_title) - 1] == ' '))
               && (g_str_equal (role, "text") || g_str_equal (role, "entry")
                   || g_str_equal (role, "password text") || g_str_equal (role, "spin button")))
        report (scan, where, path, role,
                "“%s” is named by its row’s title and another label", name);
    }

  if (is_row (role))
    row = node;
  child_path = g_strdup_printf ("%s%s%s%s › ", path, role, name[0] != '\0' ? " " : "",
                                name[0] != '\0' ? name : "");
  /* Keep the path short enough to read: the row and the window say where it is. */
  if (g_utf8_strlen (child_path, -1) > 160)
    {
      g_free (child_path);
      child_path = g_strdup_printf ("… %s%s%s › ", role, name[0] != '\0' ? " " : "",
                                    name[0] != '\0' ? name : "");
    }
  for (guint i = 0; children != NULL && i < json_array_get_length (children); i++)
    check_node (scan, where, json_array_get_object_element (children, i), row, child_path,
                depth + 1);
}

typedef struct
{
  gboolean  done;
  char     *out;
  char     *err;
  gboolean  ok;
} Reading;

static void
read_done (GObject      *source,
           GAsyncResult *result,
           gpointer      data)
{
  Reading *reading = data;
  g_autoptr(GError) error = NULL;

  if (!g_subprocess_communicate_utf8_finish (G_SUBPROCESS (source), result, &reading->out,
                                             &reading->err, &error))
    g_error ("a11y-tree.py: %s", error->message);
  reading->ok = g_subprocess_get_if_exited (G_SUBPROCESS (source))
                && g_subprocess_get_exit_status (G_SUBPROCESS (source)) == 0;
  reading->done = TRUE;
}

static gboolean
reader_too_slow (gpointer data)
{
  g_error ("Reading the accessible tree took over two minutes");
  return G_SOURCE_REMOVE;
}

/* Reads this process's accessible tree through AT-SPI and checks it: every window, or the
 * windows titled @window; @where names the state of the window in the findings. */
static void
scan_window (Scan       *scan,
             const char *where,
             const char *window)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) reader = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autofree char *pid = g_strdup_printf ("%d", (int) getpid ());
  Reading reading = { FALSE, NULL, NULL, FALSE };
  guint before = scan->n_objects;
  guint timeout;

  test_spin (150);
  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE
                                        | G_SUBPROCESS_FLAGS_STDERR_PIPE);
  /* libatspi warns when it asks for GTK's cache before GTK has made it; not fatal there. */
  g_subprocess_launcher_unsetenv (launcher, "G_DEBUG");
  reader = g_subprocess_launcher_spawn (launcher, &error, PYTHON_WITH_GI, A11Y_TREE_SCRIPT, pid,
                                        window, NULL);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8_async (reader, NULL, NULL, read_done, &reading);
  /* Blocking iterations: the reader's every call is answered at once (polling would sleep
   * between them). */
  timeout = g_timeout_add_seconds (120, reader_too_slow, NULL);
  while (!reading.done)
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (timeout);
  if (!reading.ok)
    g_error ("Reading the accessible tree failed: %s", reading.err);
  g_assert_true (json_parser_load_from_data (parser, reading.out, -1, &error));
  g_assert_no_error (error);
  check_node (scan, where, json_node_get_object (json_parser_get_root (parser)), NULL, "", 0);
  g_test_message ("%s: %u accessible objects", where, scan->n_objects - before);
  /* Something was read: at least a window with its controls. */
  g_assert_cmpuint (scan->n_objects - before, >=, 10);
  g_free (reading.out);
  g_free (reading.err);
}

static void
scan_now (Scan       *scan,
          const char *where)
{
  scan_window (scan, where, NULL);
}

static void
scan_assert (Scan *scan)
{
  const char *dump_to = g_getenv ("POLKU_TEST_A11Y_DUMP");

  if (dump_to != NULL)
    {
      g_autoptr(GError) error = NULL;

      g_file_set_contents (dump_to, scan->dump->str, -1, &error);
      g_assert_no_error (error);
    }
  g_test_message ("%u accessible objects read, %u with a name", scan->n_objects,
                  scan->n_named);
  if (scan->repeats->len > 0)
    g_error ("A screen reader would hear these twice (LANGUAGE=%s):\n%s",
             g_getenv ("LANGUAGE"), scan->repeats->str);
}

/* The checks find each kind of repeat, and pass names that only look alike. */
static void
test_check_finds_repeats (void)
{
  static const struct
  {
    const char *tree;
    guint       n_found;
  } cases[] = {
    { "{\"role\":\"push button\",\"name\":\"Done\",\"description\":\"Done\"}", 1 },
    { "{\"role\":\"push button\",\"name\":\"Tallenna, tallenna\",\"description\":\"\"}", 1 },
    { "{\"role\":\"list item\",\"name\":\"Puhelin Puhelin\",\"description\":\"\"}", 1 },
    { "{\"role\":\"list item\",\"name\":\"Sync\",\"description\":\"Every 15 minutes\","
      "\"children\":[{\"role\":\"switch\",\"name\":\"Every 15 minutes\"}]}", 1 },
    { "{\"role\":\"list item\",\"name\":\"Sync\",\"description\":\"Every 15 minutes\","
      "\"children\":[{\"role\":\"switch\",\"name\":\"Sync, every 15 minutes\"}]}", 1 },
    { "{\"role\":\"list item\",\"name\":\"Phone\",\"description\":\"\","
      "\"children\":[{\"role\":\"text\",\"name\":\"Phone Number of the client\"}]}", 1 },
    { "{\"role\":\"list item\",\"name\":\"Lock after\",\"description\":\"\","
      "\"children\":[{\"role\":\"spin button\",\"name\":\"Minutes Lock after\"}]}", 1 },
    /* Alike but not repeated. */
    { "{\"role\":\"list item\",\"name\":\"Phone\",\"description\":\"040 123\","
      "\"children\":[{\"role\":\"text\",\"name\":\"Phone\"},"
      "{\"role\":\"push button\",\"name\":\"Change the phone\"}]}", 0 },
    { "{\"role\":\"label\",\"name\":\"Aino Aino Virtanen\",\"description\":\"\"}", 0 },
    { "{\"role\":\"push button\",\"name\":\"Done\",\"description\":\"Mark the follow-up done\"}",
      0 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(Scan) scan = scan_new ();
      g_autoptr(JsonParser) parser = json_parser_new ();
      g_autoptr(GError) error = NULL;

      g_assert_true (json_parser_load_from_data (parser, cases[i].tree, -1, &error));
      check_node (scan, "case", json_node_get_object (json_parser_get_root (parser)), NULL, "",
                  0);
      g_assert_cmpuint (g_hash_table_size (scan->reported), ==, cases[i].n_found);
    }
}

static gboolean
window_settled (gpointer data)
{
  return polku_window_get_settled (data);
}

static GtkWindow *
find_toplevel (GType type)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

      if (g_type_is_a (G_OBJECT_TYPE (window), type)
          && gtk_widget_get_visible (GTK_WIDGET (window)))
        return GTK_WINDOW (window);
    }
  return NULL;
}

static gboolean
form_shown (gpointer data)
{
  return find_toplevel (GPOINTER_TO_SIZE (data)) != NULL;
}

/* Activates @action on @widget, scans the window of @type it opens, and closes it. */
static void
scan_dialog (Scan       *scan,
             GtkWidget  *widget,
             const char *action,
             GType       type,
             const char *where)
{
  GtkWindow *dialog;

  g_assert_true (gtk_widget_activate_action_variant (widget, action, NULL));
  test_wait_until (form_shown, GSIZE_TO_POINTER (type), 5000, "the dialog is shown");
  dialog = find_toplevel (type);
  g_assert_nonnull (gtk_window_get_title (dialog));
  scan_window (scan, where, gtk_window_get_title (dialog));
  gtk_window_destroy (dialog);
  test_spin (50);
}

static void
show_tab (AdwViewStack *views,
          const char   *name,
          GtkWidget    *window)
{
  adw_view_stack_set_visible_child_name (views, name);
  test_spin (200);
  test_wait_tree_loaded (window);
}

/* A demo client with a plan and answered measures. */
static guint
position_of_client_with_data (PolkuStore *store,
                              GListModel *clients)
{
  for (guint i = 0; i < g_list_model_get_n_items (clients); i++)
    {
      g_autoptr(PolkuClient) client = g_list_model_get_item (clients, i);
      g_autoptr(GError) error = NULL;
      g_autoptr(GPtrArray) assessments = NULL;

      assessments = polku_assessment_store_list (store, polku_client_get_id (client), NULL, TRUE,
                                                 &error);
      g_assert_no_error (error);
      if (assessments->len > 0)
        return i;
    }
  g_assert_not_reached ();
}

static void
test_main_window (void)
{
  g_autoptr(Scan) scan = scan_new ();
  g_autofree char *dir = NULL;
  g_autoptr(PolkuProfile) profile = NULL;
  g_autoptr(PolkuStore) store = test_make_store (8, &dir, &profile);
  PolkuWindow *window = polku_window_new_with_store (NULL, profile, store);
  GtkWidget *page;
  GtkSingleSelection *selection;
  AdwViewStack *views;
  PolkuClientEditor *editor;
  GtkWidget *tab;

  gtk_window_set_default_size (GTK_WINDOW (window), 1200, 800);
  gtk_window_present (GTK_WINDOW (window));
  test_wait_until (window_settled, window, 10000, "the clients are loaded");
  scan_now (scan, "client list");

  selection = GTK_SINGLE_SELECTION (polku_window_get_visible_clients (window));
  gtk_single_selection_set_selected (selection,
                                     position_of_client_with_data (store,
                                                                   G_LIST_MODEL (selection)));
  test_spin (100);
  test_wait_tree_loaded (GTK_WIDGET (window));
  page = GTK_WIDGET (polku_window_get_client_page (window));
  views = ADW_VIEW_STACK (test_find_widget (page, ADW_TYPE_VIEW_STACK));

  /* Overview and the forms it opens. */
  show_tab (views, "overview", GTK_WIDGET (window));
  scan_now (scan, "Overview");
  tab = test_find_widget (page, POLKU_TYPE_OVERVIEW_VIEW);
  {
    static const char * const forms[] = {
      "overview.change-phase", "overview.set-review", "overview.add-consent",
      "overview.add-member", "overview.change-coordinator", "overview.end-coordinator",
      "overview.add-followup",
      "overview.add-sign", "overview.add-note", NULL
    };

    for (guint i = 0; forms[i] != NULL; i++)
      scan_dialog (scan, tab, forms[i], POLKU_TYPE_FORM_DIALOG, forms[i]);
  }

  /* The plan, as read and being edited, and its versions. */
  show_tab (views, "plan", GTK_WIDGET (window));
  scan_now (scan, "Plan");
  tab = test_find_widget (page, POLKU_TYPE_PLAN_VIEW);
  g_assert_true (gtk_widget_activate_action_variant (tab, "plan.show-editor", NULL));
  test_spin (200);
  scan_now (scan, "Plan editor");
  g_assert_true (gtk_widget_activate_action_variant (tab, "plan.show-history", NULL));
  test_spin (200);
  test_wait_tree_loaded (GTK_WIDGET (window));
  scan_now (scan, "Plan versions");

  /* Measures, the WHOQOL-BREF form one question at a time and on paper, satisfaction and the
   * record entry. */
  show_tab (views, "measures", GTK_WIDGET (window));
  scan_now (scan, "Measures");
  tab = test_find_widget (page, POLKU_TYPE_MEASURES_VIEW);
  g_assert_true (gtk_widget_activate_action_variant (tab, "measures.start", NULL));
  test_spin (200);
  scan_now (scan, "WHOQOL-BREF form");
  g_assert_true (gtk_widget_activate_action_variant (tab, "measures.close-form", NULL));
  test_spin (100);
  g_assert_true (gtk_widget_activate_action_variant (tab, "measures.paper", NULL));
  test_spin (200);
  scan_now (scan, "WHOQOL-BREF paper form");
  g_assert_true (gtk_widget_activate_action_variant (tab, "measures.close-form", NULL));
  test_spin (100);
  test_wait_tree_loaded (GTK_WIDGET (window));
  scan_dialog (scan, tab, "measures.ask-satisfaction", POLKU_TYPE_SATISFACTION_DIALOG,
               "Client satisfaction");
  scan_dialog (scan, page, "page.record-entry", POLKU_TYPE_RECORD_ENTRY_DIALOG,
               "Record entry");

  show_tab (views, "contacts", GTK_WIDGET (window));
  scan_now (scan, "Contacts");
  show_tab (views, "log", GTK_WIDGET (window));
  scan_now (scan, "Log");

  /* The follow-ups across clients. */
  g_assert_true (gtk_widget_activate_action_variant (GTK_WIDGET (window), "win.show-followups",
                                                     NULL));
  test_spin (200);
  test_wait_tree_loaded (GTK_WIDGET (window));
  scan_now (scan, "Follow-ups");

  /* The client editor: a client's and a new one's. */
  editor = polku_window_open_editor (window, gtk_single_selection_get_selected_item (selection));
  test_spin (100);
  scan_window (scan, "Client editor", gtk_window_get_title (GTK_WINDOW (editor)));
  gtk_window_destroy (GTK_WINDOW (editor));
  test_spin (50);
  editor = polku_window_open_editor (window, NULL);
  test_spin (100);
  scan_window (scan, "New client", gtk_window_get_title (GTK_WINDOW (editor)));
  gtk_window_destroy (GTK_WINDOW (editor));
  test_spin (50);

  polku_window_lock (window);
  test_spin (100);
  scan_now (scan, "Locked");

  scan_assert (scan);
  test_destroy_window (GTK_WINDOW (window));
  if (polku_store_is_open (store))
    polku_store_close (store);
  test_release_store (&store);
  test_remove_tree (dir);
}

static void
test_other_windows (void)
{
  g_autoptr(Scan) scan = scan_new ();
  GtkWidget *window;

  window = GTK_WIDGET (polku_preferences_window_new (NULL, NULL));
  gtk_window_present (GTK_WINDOW (window));
  scan_now (scan, "Preferences");
  test_destroy_window (GTK_WINDOW (window));

  window = GTK_WIDGET (polku_help_window_new (NULL));
  gtk_window_present (GTK_WINDOW (window));
  scan_now (scan, "Guide");
  test_destroy_window (GTK_WINDOW (window));

  scan_assert (scan);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *display = g_strdup (g_getenv ("DISPLAY"));
  const char *localedir = g_getenv ("POLKU_LOCALEDIR");
  GTestDBus *bus;
  int stdout_fd;

  /* --language LANG, before anything reads the environment. */
  test_take_language (&argc, argv);
  g_assert_nonnull (g_getenv ("LANGUAGE"));
  g_assert_nonnull (localedir);
  test_bind_catalogs ();

  /* GTK's real AT-SPI backend (the other UI tests use its test backend), on a private
   * session bus that can start the accessibility bus as a desktop does. */
  g_setenv ("GTK_A11Y", "atspi", TRUE);
  bus = g_test_dbus_new (G_TEST_DBUS_NONE);
  g_test_dbus_add_service_dir (bus, DBUS_SERVICES_DIR);
  /* The services the bus starts write to its standard output, which is TAP's: give them
   * standard error. */
  stdout_fd = dup (STDOUT_FILENO);
  g_assert_cmpint (dup2 (STDERR_FILENO, STDOUT_FILENO), ==, STDOUT_FILENO);
  g_test_dbus_up (bus);
  g_assert_cmpint (dup2 (stdout_fd, STDOUT_FILENO), ==, STDOUT_FILENO);
  close (stdout_fd);
  /* g_test_dbus_up() unsets DISPLAY against X11 autolaunching; the windows need it. */
  if (display != NULL)
    g_setenv ("DISPLAY", display, TRUE);

  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add_func ("/a11y/check-finds-repeats", test_check_finds_repeats);
  g_test_add_func ("/a11y/main-window", test_main_window);
  g_test_add_func ("/a11y/other-windows", test_other_windows);

  return g_test_run ();
}
