/* test-plan-view.c: the plan editor with a real store under Xvfb: a new plan, fast entry
 * with the focus on the new goal, undo and redo, the autosaved draft surviving a "crash",
 * reordering, saving versions, the history's side-by-side comparison and restore, a
 * template, the same words as polku-cli for a plan that cannot be saved, and accessible names
 * on every control; the agreed date field (bounds refused in the core's words), the review
 * row that sets the case's review date (overdue shown), and the team's responsible workers
 * shown read-only and followed when the team changes
 *
 * Copyright 2026 The Polku authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include "polku-case-store.h"
#include "polku-date.h"
#include "polku-plan-editor.h"
#include "polku-plan-history.h"
#include "polku-plan-store.h"
#include "polku-plan-view-private.h"
#include "polku-team-store.h"
#include "test-helpers.h"
#include "polku-client-store.h"

typedef struct
{
  char         *dir;
  PolkuProfile *profile;
  PolkuStore   *store;
  PolkuClient  *client;
  GtkWindow    *window;
  GtkWidget    *view;
} Fixture;

/* The width of the next view's window. */
static int view_width = 900;

static GtkWidget *
make_view (Fixture *f)
{
  GtkWidget *view = g_object_new (POLKU_TYPE_PLAN_VIEW, "store", f->store, "client", f->client,
                                  NULL);

  f->window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (f->window, view_width, 900);
  gtk_window_set_child (f->window, view);
  gtk_window_present (f->window);
  test_wait_loaded (view);
  return view;
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->store = test_make_store (0, &f->dir, &f->profile);
  f->client = polku_client_new ();
  polku_client_set_given_name (f->client, "Britt");
  polku_client_set_family_name (f->client, "Lindqvist");
  polku_client_set_language (f->client, POLKU_LANGUAGE_SV);
  g_assert_true (polku_client_store_save (f->store, f->client, &error));
  f->view = make_view (f);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  if (f->window != NULL)
    test_destroy_window (f->window);
  g_clear_object (&f->client);
  test_release_store (&f->store);
  g_clear_object (&f->profile);
  test_remove_tree (f->dir);
  g_free (f->dir);
}

/* Activates @action of the view or, for the plan's lists, of its editor. */
static void
activate (Fixture    *f,
          const char *action,
          GVariant   *target)
{
  GtkWidget *editor = polku_plan_view_get_editor (POLKU_PLAN_VIEW (f->view));
  g_autoptr(GVariant) sunk = target != NULL ? g_variant_ref_sink (target) : NULL;

  g_assert_true (gtk_widget_activate_action_variant (f->view, action, sunk)
                 || gtk_widget_activate_action_variant (editor, action, sunk));
  test_spin (20);
  test_wait_loaded (f->view);
}

static JsonObject *
plan (Fixture *f)
{
  JsonNode *document = polku_plan_view_get_document (POLKU_PLAN_VIEW (f->view));

  g_assert_nonnull (document);
  return json_node_get_object (document);
}

static JsonObject *
goal (Fixture *f,
      guint    index)
{
  JsonArray *goals = json_object_get_array_member (plan (f), "goals");

  g_assert_cmpuint (index, <, json_array_get_length (goals));
  return json_array_get_object_element (goals, index);
}

/* The editable widget (an entry row) that has the focus. */
static GtkWidget *
focused_entry_row (Fixture *f)
{
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (f->window));

  for (GtkWidget *w = focus; w != NULL; w = gtk_widget_get_parent (w))
    if (ADW_IS_ENTRY_ROW (w))
      return w;
  return NULL;
}

typedef struct
{
  Fixture   *f;
  GtkWidget *previous;
} FocusWait;

static gboolean
has_new_focused_entry_row (gpointer data)
{
  FocusWait *wait = data;
  GtkWidget *row = focused_entry_row (wait->f);

  return row != NULL && row != wait->previous;
}

/* Focus moves in an idle once the new row is mapped: wait for it (a loaded machine is slow),
 * and for a row other than the one that had the focus before. */
static GtkWidget *
wait_for_focused_entry_row (Fixture   *f,
                            GtkWidget *previous)
{
  FocusWait wait = { f, previous };

  test_wait_until (has_new_focused_entry_row, &wait, 5000, "a new entry row has the focus");
  return focused_entry_row (f);
}

static GtkWidget *
find_titled (GtkWidget  *root,
             GType       type,
             const char *title,
             guint      *skip)
{
  if (g_type_is_a (G_OBJECT_TYPE (root), type) && ADW_IS_PREFERENCES_ROW (root)
      && g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (root)), title) == 0)
    {
      if (*skip == 0)
        return root;
      (*skip)--;
    }
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_titled (child, type, title, skip);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static GtkWidget *
nth_row (Fixture    *f,
         const char *title,
         guint       n)
{
  guint skip = n;
  GtkWidget *row = find_titled (f->view, ADW_TYPE_PREFERENCES_ROW, title, &skip);

  if (row == NULL)
    g_error ("no row “%s” #%u", title, n);
  return row;
}

static guint
n_versions (Fixture *f)
{
  g_autoptr(GPtrArray) versions = polku_plan_store_list_versions (f->store,
                                                                  polku_client_get_id (f->client),
                                                                  NULL);
  return versions != NULL ? versions->len : 0;
}

static void
test_empty_and_new (Fixture       *f,
                    gconstpointer  data)
{
  GtkWidget *entry;

  g_assert_cmpstr (polku_plan_view_get_page (POLKU_PLAN_VIEW (f->view)), ==, "empty");
  g_assert_null (polku_plan_view_get_document (POLKU_PLAN_VIEW (f->view)));

  activate (f, "plan.new-empty", NULL);
  g_assert_cmpstr (polku_plan_view_get_page (POLKU_PLAN_VIEW (f->view)), ==, "editor");
  /* In the client's language */
  g_assert_cmpstr (json_object_get_string_member (plan (f), "language"), ==, "sv");

  /* A new goal gets the focus: type straight into it. */
  activate (f, "plan.add-goal", NULL);
  entry = wait_for_focused_entry_row (f, NULL);
  g_assert_nonnull (entry);
  gtk_editable_set_text (GTK_EDITABLE (entry), "Träffa vänner varje vecka");
  g_assert_cmpstr (json_object_get_string_member (goal (f, 0), "text"), ==,
                   "Träffa vänner varje vecka");

  /* An action under it, also focused */
  activate (f, "plan.add-action", g_variant_new_uint32 (0));
  entry = wait_for_focused_entry_row (f, entry);
  g_assert_nonnull (entry);
  gtk_editable_set_text (GTK_EDITABLE (entry), "Besök på mötesplatsen");
  g_assert_cmpstr (json_object_get_string_member (
                     json_array_get_object_element (
                       json_object_get_array_member (goal (f, 0), "actions"), 0), "text"), ==,
                   "Besök på mötesplatsen");

  /* Dates are typed the Finnish way and stored as ISO dates */
  gtk_editable_set_text (GTK_EDITABLE (nth_row (f, "Target date (d.m.yyyy)", 0)), "5.3.2027");
  g_assert_cmpstr (json_object_get_string_member (goal (f, 0), "target_date"), ==,
                   "2027-03-05");

  /* Saving makes version 1 */
  g_assert_true (polku_plan_view_save (POLKU_PLAN_VIEW (f->view)));
  g_assert_cmpuint (n_versions (f), ==, 1);
}

static void
test_undo_redo (Fixture       *f,
                gconstpointer  data)
{
  GtkWidget *row;

  activate (f, "plan.new-empty", NULL);
  activate (f, "plan.add-goal", NULL);
  activate (f, "plan.add-goal", NULL);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (plan (f), "goals")), ==,
                    2);

  row = nth_row (f, "The goal", 0);
  gtk_editable_set_text (GTK_EDITABLE (row), "Ett");
  gtk_editable_set_text (GTK_EDITABLE (row), "Ett mål");

  /* Typing in one field is one step */
  activate (f, "plan.undo", NULL);
  g_assert_cmpstr (json_object_get_string_member (goal (f, 0), "text"), ==, "");
  activate (f, "plan.redo", NULL);
  g_assert_cmpstr (json_object_get_string_member (goal (f, 0), "text"), ==, "Ett mål");

  /* Removing a goal is undone too */
  activate (f, "plan.remove-goal", g_variant_new_uint32 (0));
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (plan (f), "goals")), ==,
                    1);
  activate (f, "plan.undo", NULL);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (plan (f), "goals")), ==,
                    2);
  g_assert_cmpstr (json_object_get_string_member (goal (f, 0), "text"), ==, "Ett mål");

  /* Ctrl+Z in a field is the plan's undo, not the field's own */
  row = nth_row (f, "The goal", 1);
  gtk_widget_grab_focus (row);
  gtk_editable_set_text (GTK_EDITABLE (row), "Andra");
  g_assert_false (gtk_editable_get_enable_undo (GTK_EDITABLE (row)));
}

static void
test_reorder (Fixture       *f,
              gconstpointer  data)
{
  const char *first_id;
  g_autofree char *id0 = NULL;
  g_autofree char *id1 = NULL;

  activate (f, "plan.new-empty", NULL);
  activate (f, "plan.add-goal", NULL);
  activate (f, "plan.add-goal", NULL);
  id0 = g_strdup (json_object_get_string_member (goal (f, 0), "id"));
  id1 = g_strdup (json_object_get_string_member (goal (f, 1), "id"));

  activate (f, "plan.move-goal-down", g_variant_new_uint32 (0));
  first_id = json_object_get_string_member (goal (f, 0), "id");
  g_assert_cmpstr (first_id, ==, id1);
  g_assert_cmpstr (json_object_get_string_member (goal (f, 1), "id"), ==, id0);
  g_assert_cmpstr (adw_preferences_group_get_title (
                     ADW_PREFERENCES_GROUP (gtk_widget_get_ancestor (nth_row (f, "The goal", 0),
                                                                     ADW_TYPE_PREFERENCES_GROUP))),
                   ==, "Goal 1");

  /* Actions */
  activate (f, "plan.add-action", g_variant_new_uint32 (1));
  activate (f, "plan.add-action", g_variant_new_uint32 (1));
  {
    JsonArray *actions = json_object_get_array_member (goal (f, 1), "actions");
    g_autofree char *a0 = g_strdup (json_object_get_string_member (
                                      json_array_get_object_element (actions, 0), "id"));

    activate (f, "plan.move-action-down", g_variant_new ("(uu)", 1, 0));
    actions = json_object_get_array_member (goal (f, 1), "actions");
    g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (actions, 1),
                                                    "id"), ==, a0);
    activate (f, "plan.undo", NULL);
    actions = json_object_get_array_member (goal (f, 1), "actions");
    g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (actions, 0),
                                                    "id"), ==, a0);
  }
}

/* What was typed is in the encrypted store within a second, and a new view (after a crash)
 * opens it. */
static void
test_draft_survives (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(JsonNode) draft = NULL;
  gint64 base = -1;

  activate (f, "plan.new-empty", NULL);
  activate (f, "plan.add-goal", NULL);
  gtk_editable_set_text (GTK_EDITABLE (nth_row (f, "The goal", 0)), "Bo kvar hemma");
  test_spin (900);

  draft = polku_plan_store_load_draft (f->store, polku_client_get_id (f->client), &base, NULL);
  g_assert_nonnull (draft);
  g_assert_cmpint (base, ==, 0);

  /* "Crash": the window goes away without saving; a new view finds the draft. */
  gtk_window_destroy (f->window);
  test_spin (20);
  f->view = make_view (f);
  g_assert_cmpstr (polku_plan_view_get_page (POLKU_PLAN_VIEW (f->view)), ==, "editor");
  g_assert_cmpstr (json_object_get_string_member (goal (f, 0), "text"), ==, "Bo kvar hemma");

  /* Discarding is asked first: kept when the answer is no. */
  activate (f, "plan.discard-draft", NULL);
  test_answer_message_dialog ("cancel");
  g_assert_cmpstr (polku_plan_view_get_page (POLKU_PLAN_VIEW (f->view)), ==, "editor");
  g_clear_pointer (&draft, json_node_unref);
  draft = polku_plan_store_load_draft (f->store, polku_client_get_id (f->client), &base, NULL);
  g_assert_nonnull (draft);

  /* Discarding it brings back the empty state */
  activate (f, "plan.discard-draft", NULL);
  test_answer_message_dialog ("discard");
  test_wait_loaded (f->view);
  g_assert_cmpstr (polku_plan_view_get_page (POLKU_PLAN_VIEW (f->view)), ==, "empty");
  g_clear_pointer (&draft, json_node_unref);
  draft = polku_plan_store_load_draft (f->store, polku_client_get_id (f->client), &base, NULL);
  g_assert_null (draft);
}

static guint
count_markers (GtkWidget  *grid,
               const char *marker)
{
  guint n = 0;

  for (GtkWidget *child = gtk_widget_get_first_child (grid); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_LABEL (child) && g_strcmp0 (gtk_label_get_text (GTK_LABEL (child)), marker) == 0)
      n++;
  return n;
}

static void
test_history (Fixture       *f,
              gconstpointer  data)
{
  GtkWidget *grid;

  activate (f, "plan.new-empty", NULL);
  activate (f, "plan.add-goal", NULL);
  gtk_editable_set_text (GTK_EDITABLE (nth_row (f, "The goal", 0)), "Ordning på ekonomin");
  g_assert_true (polku_plan_view_save (POLKU_PLAN_VIEW (f->view)));

  gtk_editable_set_text (GTK_EDITABLE (nth_row (f, "The goal", 0)), "Ordning på räkningarna");
  activate (f, "plan.add-goal", NULL);
  gtk_editable_set_text (GTK_EDITABLE (nth_row (f, "The goal", 1)), "Röra mig ute");
  activate (f, "plan.save", NULL);
  g_assert_cmpuint (n_versions (f), ==, 2);

  activate (f, "plan.show-history", NULL);
  g_assert_cmpstr (polku_plan_view_get_page (POLKU_PLAN_VIEW (f->view)), ==, "history");
  grid = polku_plan_view_get_compare_grid (POLKU_PLAN_VIEW (f->view));
  g_assert_cmpuint (count_markers (grid, "Changed"), ==, 1);
  g_assert_cmpuint (count_markers (grid, "Added"), >=, 1);
  g_assert_cmpuint (count_markers (grid, "Ordning på ekonomin"), ==, 1);
  g_assert_cmpuint (count_markers (grid, "Ordning på räkningarna"), ==, 1);
  /* Only the differences, first; what is the same when asked for, after them. */
  {
    GtkGrid *g = GTK_GRID (grid);
    GtkWidget *first_marker = gtk_grid_get_child_at (g, 3, 1);
    GtkCheckButton *show_all = GTK_CHECK_BUTTON (test_find_widget (
      GTK_WIDGET (gtk_widget_get_ancestor (grid, POLKU_TYPE_PLAN_HISTORY)),
      GTK_TYPE_CHECK_BUTTON));
    guint n_only_changes = 0;
    guint n_all = 0;
    gboolean same_seen = FALSE;
    AdwComboRow *older = ADW_COMBO_ROW (test_find_widget (
      GTK_WIDGET (gtk_widget_get_ancestor (grid, POLKU_TYPE_PLAN_HISTORY)), ADW_TYPE_COMBO_ROW));
    g_autoptr(GPtrArray) versions = polku_plan_store_list_versions (
      f->store, polku_client_get_id (f->client), NULL);
    g_autofree char *label = polku_plan_version_dup_label (g_ptr_array_index (versions, 0));

    g_assert_true (GTK_IS_LABEL (first_marker));
    g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (first_marker)), !=, "");
    for (int row = 1; gtk_grid_get_child_at (g, 0, row) != NULL; row++)
      {
        GtkWidget *marker = gtk_grid_get_child_at (g, 3, row);

        n_only_changes++;
        g_assert_true (marker != NULL && GTK_IS_LABEL (marker));
        g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (marker)), !=, "");
      }
    gtk_check_button_set_active (show_all, TRUE);
    test_spin (20);
    for (int row = 1; gtk_grid_get_child_at (g, 0, row) != NULL; row++)
      {
        GtkWidget *marker = gtk_grid_get_child_at (g, 3, row);
        gboolean same = g_strcmp0 (gtk_label_get_text (GTK_LABEL (marker)), "") == 0;

        g_assert_true (!same_seen || same);
        same_seen |= same;
        n_all++;
      }
    g_assert_true (same_seen);
    g_assert_cmpuint (n_all, >, n_only_changes);
    gtk_check_button_set_active (show_all, FALSE);

    /* The picker shows a version's whole label, author and all, not cut. */
    g_assert_true (adw_combo_row_get_use_subtitle (older));
    g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (older)), ==, label);
  }

  /* Restore version 1 as version 3 */
  activate (f, "plan.restore-older", NULL);
  g_assert_cmpuint (n_versions (f), ==, 3);
  g_assert_cmpstr (polku_plan_view_get_page (POLKU_PLAN_VIEW (f->view)), ==, "editor");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (plan (f), "goals")), ==,
                    1);
  g_assert_cmpstr (json_object_get_string_member (goal (f, 0), "text"), ==,
                   "Ordning på ekonomin");
}

/* A plan that is not complete is not saved, and the status line says what to do. */
static void
test_save_refused (Fixture       *f,
                   gconstpointer  data)
{
  activate (f, "plan.new-empty", NULL);
  activate (f, "plan.add-goal", NULL);
  g_assert_false (polku_plan_view_save (POLKU_PLAN_VIEW (f->view)));
  g_assert_cmpuint (n_versions (f), ==, 0);
  g_assert_nonnull (strstr (polku_plan_view_get_status (POLKU_PLAN_VIEW (f->view)),
                            "Goal 1 has no text yet"));

  gtk_editable_set_text (GTK_EDITABLE (nth_row (f, "The goal", 0)), "Klara vardagen");
  gtk_editable_set_text (GTK_EDITABLE (nth_row (f, "Target date (d.m.yyyy)", 0)), "31.2.2027");
  g_assert_false (polku_plan_view_save (POLKU_PLAN_VIEW (f->view)));
  g_assert_nonnull (strstr (polku_plan_view_get_status (POLKU_PLAN_VIEW (f->view)),
                            "target date of goal 1"));
  g_assert_cmpuint (n_versions (f), ==, 0);

  gtk_editable_set_text (GTK_EDITABLE (nth_row (f, "Target date (d.m.yyyy)", 0)), "28.2.2027");
  g_assert_true (polku_plan_view_save (POLKU_PLAN_VIEW (f->view)));
  g_assert_cmpuint (n_versions (f), ==, 1);
  g_assert_nonnull (strstr (polku_plan_view_get_status (POLKU_PLAN_VIEW (f->view)),
                            "version 1"));
}

/* Saving is refused; polku-cli, given the same goals as a patch, refuses them with the same
 * words as the window's status line (both are the core's). */
static void
assert_cli_says_the_same (Fixture *f)
{
  g_autofree char *passphrase_file = g_build_filename (f->dir, "passphrase", NULL);
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *goals = NULL;
  g_autofree char *patch = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *expected = NULL;
  const char *status;

  g_assert_false (polku_plan_view_save (POLKU_PLAN_VIEW (f->view)));
  status = polku_plan_view_get_status (POLKU_PLAN_VIEW (f->view));
  g_assert_true (g_str_has_prefix (status, "Not saved: "));
  expected = g_strdup_printf ("%s\n", status + strlen ("Not saved: "));

  json_generator_set_root (generator, json_object_get_member (plan (f), "goals"));
  goals = json_generator_to_data (generator, NULL);
  patch = g_strdup_printf ("{\"goals\": %s}", goals);
  g_assert_true (g_file_set_contents (passphrase_file, TEST_PASSPHRASE "\n", -1, NULL));
  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDIN_PIPE
                                        | G_SUBPROCESS_FLAGS_STDOUT_PIPE
                                        | G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_subprocess_launcher_setenv (launcher, "POLKU_DATA_DIR", f->dir, TRUE);
  g_subprocess_launcher_setenv (launcher, "DBUS_SESSION_BUS_ADDRESS", "disabled:", TRUE);
  process = g_subprocess_launcher_spawn (launcher, &error, g_getenv ("POLKU_CLI"),
                                         "--passphrase-file", passphrase_file, "plan",
                                         "update", polku_client_get_id (f->client), "--json",
                                         "-", NULL);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (process, patch, NULL, &out, &err, &error);
  g_assert_no_error (error);
  g_assert_cmpint (g_subprocess_get_exit_status (process), ==, 2);
  g_assert_cmpuint (strlen (err), >, strlen (expected));
  g_assert_cmpstr (err + strlen (err) - strlen (expected), ==, expected);
  g_assert_cmpuint (n_versions (f), ==, 0);
}

static void
test_same_words_as_cli (Fixture       *f,
                        gconstpointer  data)
{
  activate (f, "plan.new-empty", NULL);
  activate (f, "plan.add-goal", NULL);
  assert_cli_says_the_same (f);

  gtk_editable_set_text (GTK_EDITABLE (nth_row (f, "The goal", 0)), "Klara vardagen");
  gtk_editable_set_text (GTK_EDITABLE (nth_row (f, "Target date (d.m.yyyy)", 0)), "31.2.2027");
  assert_cli_says_the_same (f);
}

static void
test_template (Fixture       *f,
               gconstpointer  data)
{
  activate (f, "plan.template", g_variant_new_string ("health-balance"));
  g_assert_cmpstr (polku_plan_view_get_page (POLKU_PLAN_VIEW (f->view)), ==, "editor");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (plan (f), "goals")), >,
                    0);
  /* The client speaks Swedish: the template's words are Swedish */
  g_assert_cmpstr (json_object_get_string_member (goal (f, 0), "text"), ==,
                   "Jag vet vilka mediciner jag tar och varför, och medicinlistan är uppdaterad.");
  g_assert_true (polku_plan_view_save (POLKU_PLAN_VIEW (f->view)));
  {
    g_autoptr(PolkuPlanVersion) v1 = polku_plan_store_get_version (
                                       f->store, polku_client_get_id (f->client), 1, NULL);
    g_assert_cmpstr (polku_plan_version_get_origin (v1), ==, "template");
  }
}

/* Every button and field has a name a screen reader can say. */
static gboolean
is_named (GtkWidget *widget)
{
  GtkWidget *menu_button;

  if (gtk_test_accessible_has_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL)
      || gtk_test_accessible_has_relation (GTK_ACCESSIBLE (widget),
                                           GTK_ACCESSIBLE_RELATION_LABELLED_BY))
    return TRUE;
  if (!GTK_IS_BUTTON (widget))
    return FALSE;
  if (gtk_button_get_icon_name (GTK_BUTTON (widget)) == NULL
      && gtk_button_get_label (GTK_BUTTON (widget)) != NULL
      && gtk_button_get_label (GTK_BUTTON (widget))[0] != '\0')
    return TRUE;
  if (GTK_IS_LABEL (gtk_button_get_child (GTK_BUTTON (widget))))
    return gtk_label_get_text (GTK_LABEL (gtk_button_get_child (GTK_BUTTON (widget))))[0] != '\0';
  menu_button = gtk_widget_get_ancestor (widget, GTK_TYPE_MENU_BUTTON);
  if (menu_button != NULL)
    return gtk_menu_button_get_label (GTK_MENU_BUTTON (menu_button)) != NULL;
  /* the toolkit's own buttons inside an entry row */
  return gtk_widget_get_ancestor (widget, ADW_TYPE_ENTRY_ROW) != NULL;
}

static void
check_accessible (GtkWidget *widget)
{
  if (gtk_widget_get_visible (widget) && (GTK_IS_BUTTON (widget) || GTK_IS_TEXT_VIEW (widget))
      && !is_named (widget))
    g_error ("%s without an accessible name", G_OBJECT_TYPE_NAME (widget));
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    check_accessible (child);
}

static void
test_accessible (Fixture       *f,
                 gconstpointer  data)
{
  check_accessible (f->view);
  activate (f, "plan.template", g_variant_new_string ("finances-housing"));
  activate (f, "plan.add-service", NULL);
  activate (f, "plan.add-view", NULL);
  test_spin (50);
  check_accessible (f->view);
}

/* Keeps the client of the plan shown each time the view finished loading. */
static void
loading_changed_cb (GObject    *view,
                    GParamSpec *pspec,
                    GString    *seen)
{
  JsonNode *document = polku_plan_view_get_document (POLKU_PLAN_VIEW (view));

  if (!polku_client_view_get_loading (POLKU_CLIENT_VIEW (view)) && document != NULL)
    g_string_append_printf (seen, "%s\n",
                            json_object_get_string_member (json_node_get_object (document),
                                                           "client_id"));
}

/* Two quick switches: the first client's plan goes at once, and only the last client's is
 * shown when the reads are in. */
static char *
days_from_today (int days)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) then = g_date_time_add_days (now, days);

  return g_date_time_format (then, "%Y-%m-%d");
}

static char *
stored_agreed_on (Fixture *f)
{
  g_autoptr(JsonNode) saved = polku_plan_store_load (f->store, polku_client_get_id (f->client),
                                                     NULL, NULL);

  g_assert_nonnull (saved);
  return g_strdup (json_object_get_string_member (json_node_get_object (saved), "agreed_on"));
}

/* The agreed date is typed d.m.yyyy; left empty it becomes the day of the first save (and is
 * shown so); a day still to come is refused in the core's words and nothing is saved. */
static void
test_agreed_date (Fixture       *f,
                  gconstpointer  data)
{
  const char *title = "Agreed with the client on (d.m.yyyy)";
  g_autofree char *today = days_from_today (0);
  g_autofree char *today_shown = polku_date_format_user (today);
  g_autofree char *tomorrow = days_from_today (1);
  g_autofree char *tomorrow_shown = polku_date_format_user (tomorrow);
  g_autofree char *agreed = NULL;

  activate (f, "plan.new-empty", NULL);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (nth_row (f, title, 0))), ==, "");
  g_assert_true (polku_plan_view_save (POLKU_PLAN_VIEW (f->view)));
  agreed = stored_agreed_on (f);
  g_assert_cmpstr (agreed, ==, today);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (nth_row (f, title, 0))), ==,
                   today_shown);

  gtk_editable_set_text (GTK_EDITABLE (nth_row (f, title, 0)), "2.11.2026");
  g_assert_cmpstr (json_object_get_string_member (plan (f), "agreed_on"), ==, "2026-11-02");
  g_assert_true (polku_plan_view_save (POLKU_PLAN_VIEW (f->view)));
  g_assert_cmpuint (n_versions (f), ==, 2);
  g_free (agreed);
  agreed = stored_agreed_on (f);
  g_assert_cmpstr (agreed, ==, "2026-11-02");

  gtk_editable_set_text (GTK_EDITABLE (nth_row (f, title, 0)), tomorrow_shown);
  g_assert_false (polku_plan_view_save (POLKU_PLAN_VIEW (f->view)));
  g_assert_nonnull (strstr (polku_plan_view_get_status (POLKU_PLAN_VIEW (f->view)),
                            "a day still to come"));
  g_assert_cmpuint (n_versions (f), ==, 2);

  gtk_editable_set_text (GTK_EDITABLE (nth_row (f, title, 0)), "31.2.2026");
  g_assert_true (gtk_widget_has_css_class (nth_row (f, title, 0), "error"));
  g_assert_false (polku_plan_view_save (POLKU_PLAN_VIEW (f->view)));
  g_assert_nonnull (strstr (polku_plan_view_get_status (POLKU_PLAN_VIEW (f->view)),
                            "agreed with the client is not a valid date"));
}

static PolkuTeamMember *
add_member (Fixture    *f,
            const char *person,
            const char *contact,
            gboolean    responsible)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PolkuTeamMember) draft = g_object_new (POLKU_TYPE_TEAM_MEMBER,
                                                   "client-id", polku_client_get_id (f->client),
                                                   "person", person,
                                                   "role", "Klientansvarig",
                                                   "organisation", "Välfärdsområdet",
                                                   "sector", "social",
                                                   "contact", contact,
                                                   "joined-on", "2026-10-01",
                                                   "responsible", responsible,
                                                   NULL);
  PolkuTeamMember *member = polku_team_store_add (f->store, draft, &error);

  g_assert_no_error (error);
  return member;
}

/* Whether a label under @root that is set visible starts with @text. */
static gboolean
label_shown (GtkWidget  *root,
             const char *text)
{
  if (GTK_IS_LABEL (root) && gtk_widget_get_visible (root)
      && g_str_has_prefix (gtk_label_get_text (GTK_LABEL (root)), text))
    return TRUE;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (label_shown (child, text))
      return TRUE;
  return FALSE;
}

static GPtrArray *
worker_rows (Fixture *f)
{
  return polku_plan_editor_get_worker_rows (
           POLKU_PLAN_EDITOR (polku_plan_view_get_editor (POLKU_PLAN_VIEW (f->view))));
}

static const char *
case_review_on (Fixture *f,
                PolkuCase **out_case)
{
  g_clear_object (out_case);
  *out_case = polku_case_store_get (f->store, polku_client_get_id (f->client), NULL);
  return *out_case != NULL ? polku_case_get_review_on (*out_case) : NULL;
}

/* The responsible workers are the team's, shown read-only (no field to type a copy in) and
 * followed when the team changes; the review row sets the case's review date at once,
 * without a new plan version, and says when it has passed. */
static void
test_team_and_review (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PolkuTeamMember) camilla = NULL;
  g_autoptr(PolkuTeamMember) jonas = NULL;
  g_autoptr(PolkuTeamMember) named = NULL;
  g_autoptr(PolkuCase) kase = NULL;
  GtkWidget *review;
  guint skip = 0;

  /* No team yet: the hint, no rows, and no field to write a worker into */
  activate (f, "plan.new-empty", NULL);
  g_assert_true (polku_plan_view_save (POLKU_PLAN_VIEW (f->view)));
  g_assert_cmpuint (worker_rows (f)->len, ==, 0);
  g_assert_true (gtk_widget_get_visible (nth_row (f, "No responsible worker in the team yet",
                                                  0)));
  g_assert_null (find_titled (f->view, ADW_TYPE_ENTRY_ROW, "Name", &skip));
  skip = 0;
  g_assert_null (find_titled (f->view, ADW_TYPE_ENTRY_ROW, "Phone", &skip));

  camilla = add_member (f, "Camilla Björkman", "044 765 4321", TRUE);
  jonas = add_member (f, "Jonas Backman", "jonas@example.fi", FALSE);
  kase = polku_case_store_set_review (f->store, polku_client_get_id (f->client), "2027-02-01",
                                      &error);
  g_assert_no_error (error);
  polku_client_view_reload (POLKU_CLIENT_VIEW (f->view));
  test_wait_loaded (f->view);

  g_assert_cmpuint (worker_rows (f)->len, ==, 1);
  g_assert_cmpstr (adw_preferences_row_get_title (g_ptr_array_index (worker_rows (f), 0)), ==,
                   "Camilla Björkman");
  g_assert_cmpstr (adw_action_row_get_subtitle (g_ptr_array_index (worker_rows (f), 0)), ==,
                   "Klientansvarig · Välfärdsområdet · 044 765 4321");
  g_assert_false (ADW_IS_ENTRY_ROW (g_ptr_array_index (worker_rows (f), 0)));
  g_assert_false (gtk_widget_get_visible (nth_row (f, "No responsible worker in the team yet",
                                                   0)));
  review = nth_row (f, "Next review (d.m.yyyy)", 0);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (review)), ==, "1.2.2027");

  /* The team names Jonas Backman: shown when the tab is shown again, no new version */
  named = polku_team_store_set_responsible (f->store, polku_team_member_get_id (jonas),
                                            "2026-11-01", &error);
  g_assert_no_error (error);
  gtk_widget_set_visible (f->view, FALSE);
  gtk_widget_set_visible (f->view, TRUE);
  test_spin (50);
  {
    gboolean found = FALSE;

    for (guint i = 0; i < worker_rows (f)->len; i++)
      found |= g_str_equal (adw_preferences_row_get_title (g_ptr_array_index (worker_rows (f),
                                                                              i)),
                            "Jonas Backman");
    g_assert_true (found);
  }
  g_assert_cmpuint (n_versions (f), ==, 1);

  /* Enter in the review row sets the case's review date */
  gtk_editable_set_text (GTK_EDITABLE (review), "15.3.2027");
  g_signal_emit_by_name (review, "apply");
  g_assert_cmpstr (case_review_on (f, &kase), ==, "2027-03-15");
  g_assert_cmpuint (n_versions (f), ==, 1);
  g_assert_false (polku_plan_view_get_document (POLKU_PLAN_VIEW (f->view)) == NULL);
  g_assert_false (label_shown (review, "Overdue since"));

  /* Not a date: refused, the case keeps its date */
  gtk_editable_set_text (GTK_EDITABLE (review), "32.3.2027");
  g_signal_emit_by_name (review, "apply");
  g_assert_cmpstr (case_review_on (f, &kase), ==, "2027-03-15");
  g_assert_true (gtk_widget_has_css_class (review, "error"));
  g_assert_nonnull (strstr (polku_plan_view_get_status (POLKU_PLAN_VIEW (f->view)),
                            "The review date was not saved"));

  /* A date that has passed is shown as overdue */
  gtk_editable_set_text (GTK_EDITABLE (review), "1.9.2025");
  g_signal_emit_by_name (review, "apply");
  g_assert_cmpstr (case_review_on (f, &kase), ==, "2025-09-01");
  g_assert_false (gtk_widget_has_css_class (review, "error"));
  g_assert_true (label_shown (review, "Overdue since 1.9.2025"));

  /* Empty: no review date */
  gtk_editable_set_text (GTK_EDITABLE (review), "");
  g_signal_emit_by_name (review, "apply");
  g_assert_null (case_review_on (f, &kase));
  g_assert_false (label_shown (review, "Overdue since"));
}

static void
test_switch_quickly (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  const char *goals[] = { "Bo kvar hemma", "Röra mig ute", "Ordning på ekonomin" };
  PolkuClient *clients[3];
  g_autoptr(GString) seen = g_string_new (NULL);
  gulong handler;

  for (guint i = 0; i < 3; i++)
    {
      clients[i] = i == 0 ? g_object_ref (f->client) : polku_client_new ();
      if (i > 0)
        {
          polku_client_set_given_name (clients[i], i == 1 ? "Aino" : "Bo");
          polku_client_set_family_name (clients[i], "Virtanen");
          g_assert_true (polku_client_store_save (f->store, clients[i], &error));
          polku_client_view_set_client (POLKU_CLIENT_VIEW (f->view), clients[i]);
          test_wait_loaded (f->view);
        }
      activate (f, "plan.new-empty", NULL);
      activate (f, "plan.add-goal", NULL);
      gtk_editable_set_text (GTK_EDITABLE (nth_row (f, "The goal", 0)), goals[i]);
      g_assert_true (polku_plan_view_save (POLKU_PLAN_VIEW (f->view)));
    }

  polku_client_view_set_client (POLKU_CLIENT_VIEW (f->view), clients[0]);
  test_wait_loaded (f->view);
  g_assert_cmpstr (json_object_get_string_member (goal (f, 0), "text"), ==, goals[0]);

  handler = g_signal_connect (f->view, "notify::loading", G_CALLBACK (loading_changed_cb),
                              seen);
  polku_client_view_set_client (POLKU_CLIENT_VIEW (f->view), clients[1]);
  /* Nothing of the first client's plan is left while the second one's is read. */
  g_assert_true (polku_client_view_get_loading (POLKU_CLIENT_VIEW (f->view)));
  g_assert_null (polku_plan_view_get_document (POLKU_PLAN_VIEW (f->view)));
  g_assert_cmpstr (polku_plan_view_get_page (POLKU_PLAN_VIEW (f->view)), ==, "loading");
  {
    guint skip = 0;

    g_assert_null (find_titled (f->view, ADW_TYPE_PREFERENCES_ROW, "The goal", &skip));
  }
  g_assert_false (gtk_widget_activate_action (f->view, "plan.new-empty", NULL)
                  && polku_plan_view_get_document (POLKU_PLAN_VIEW (f->view)) != NULL);
  polku_client_view_set_client (POLKU_CLIENT_VIEW (f->view), clients[2]);
  g_assert_true (polku_client_view_get_loading (POLKU_CLIENT_VIEW (f->view)));

  test_wait_loaded (f->view);
  test_spin (300);
  g_assert_false (polku_client_view_get_loading (POLKU_CLIENT_VIEW (f->view)));
  g_assert_cmpstr (polku_plan_view_get_page (POLKU_PLAN_VIEW (f->view)), ==, "editor");
  g_assert_cmpstr (json_object_get_string_member (plan (f), "client_id"), ==,
                   polku_client_get_id (clients[2]));
  g_assert_cmpstr (json_object_get_string_member (goal (f, 0), "text"), ==, goals[2]);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (nth_row (f, "The goal", 0))), ==,
                   goals[2]);
  /* Nor were the others' shown on the way. */
  g_signal_handler_disconnect (f->view, handler);
  g_assert_null (strstr (seen->str, polku_client_get_id (clients[0])));
  g_assert_null (strstr (seen->str, polku_client_get_id (clients[1])));
  g_assert_nonnull (strstr (seen->str, polku_client_get_id (clients[2])));

  for (guint i = 0; i < 3; i++)
    g_object_unref (clients[i]);
}

/* Every mapped button under @root that saves the plan has a label to read. */
static guint
count_save_buttons (GtkWidget *root,
                    gboolean  *all_labelled)
{
  guint n = 0;

  if (GTK_IS_BUTTON (root) && gtk_widget_get_mapped (root)
      && g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (root)), "plan.save") == 0)
    {
      const char *label = gtk_button_get_label (GTK_BUTTON (root));

      n++;
      if (label == NULL || strstr (label, "Save") == NULL)
        *all_labelled = FALSE;
    }
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    n += count_save_buttons (child, all_labelled);
  return n;
}

static GtkWidget *
find_save_button (GtkWidget *root)
{
  if (GTK_IS_BUTTON (root) && gtk_widget_get_mapped (root)
      && g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (root)), "plan.save") == 0)
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_save_button (child);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static GtkAdjustment *
editor_adjustment (Fixture *f)
{
  GtkWidget *editor = polku_plan_view_get_editor (POLKU_PLAN_VIEW (f->view));
  GtkWidget *scroller = test_find_widget (editor, GTK_TYPE_SCROLLED_WINDOW);

  return gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scroller));
}

/* When the plan's buttons are compact, unsaved changes leave "Save Version" labelled, and
 * saving keeps the place in the plan. */
static void
test_save_keeps_place (Fixture       *f,
                       gconstpointer  data)
{
  GtkAdjustment *adjustment;
  gboolean all_labelled = TRUE;
  GtkWidget *save_button;
  double before;

  /* Narrower than the window's default content pane: the compact buttons, as at the
   * default size in Finnish, whose labels are longer. */
  gtk_window_destroy (f->window);
  test_spin (20);
  view_width = 400;
  f->view = make_view (f);
  view_width = 900;
  activate (f, "plan.new-empty", NULL);
  for (guint i = 0; i < 6; i++)
    {
      g_autofree char *text = g_strdup_printf ("Mål %u", i + 1);

      activate (f, "plan.add-goal", NULL);
      gtk_editable_set_text (GTK_EDITABLE (nth_row (f, "The goal", i)), text);
    }
  g_assert_true (polku_plan_view_save (POLKU_PLAN_VIEW (f->view)));
  test_spin (200);

  /* Typed in as a coordinator does: the focus in the field. */
  gtk_widget_grab_focus (nth_row (f, "The goal", 4));
  gtk_editable_set_text (GTK_EDITABLE (nth_row (f, "The goal", 4)), "Mål fem");
  test_spin (200);
  g_assert_cmpuint (count_save_buttons (f->view, &all_labelled), ==, 1);
  g_assert_true (all_labelled);

  adjustment = editor_adjustment (f);
  g_assert_cmpfloat (gtk_adjustment_get_upper (adjustment)
                     - gtk_adjustment_get_page_size (adjustment), >, 400);
  gtk_adjustment_set_value (adjustment, 400);
  test_spin (100);
  before = gtk_adjustment_get_value (adjustment);
  g_assert_cmpfloat (before, >, 300);

  save_button = find_save_button (f->view);
  gtk_widget_grab_focus (save_button);
  gtk_widget_activate (save_button);
  test_spin (300);
  g_assert_cmpuint (n_versions (f), ==, 2);
  g_assert_cmpfloat (fabs (gtk_adjustment_get_value (editor_adjustment (f)) - before), <, 2);
}

/* An open goal whose target date has passed says so; an achieved one does not. */
static void
test_overdue_goal (Fixture       *f,
                   gconstpointer  data)
{
  const char *base = "Target date (d.m.yyyy)";
  const char *overdue = "Target date (d.m.yyyy) · Overdue since 1.9.2025";
  guint skip = 0;

  activate (f, "plan.new-empty", NULL);
  activate (f, "plan.add-goal", NULL);
  gtk_editable_set_text (GTK_EDITABLE (wait_for_focused_entry_row (f, NULL)), "Velat hoidossa");
  gtk_editable_set_text (GTK_EDITABLE (nth_row (f, base, 0)), "1.9.2025");
  g_assert_true (polku_plan_view_save (POLKU_PLAN_VIEW (f->view)));
  test_spin (50);
  g_assert_nonnull (find_titled (f->view, ADW_TYPE_PREFERENCES_ROW, overdue, &skip));
  g_assert_true (gtk_widget_has_css_class (nth_row (f, overdue, 0), "warning"));

  /* Achieved: the date is history, not overdue. */
  adw_combo_row_set_selected (ADW_COMBO_ROW (nth_row (f, "Status", 0)), 2);
  g_assert_cmpstr (json_object_get_string_member (goal (f, 0), "status"), ==, "achieved");
  g_assert_true (polku_plan_view_save (POLKU_PLAN_VIEW (f->view)));
  test_spin (50);
  skip = 0;
  g_assert_null (find_titled (f->view, ADW_TYPE_PREFERENCES_ROW, overdue, &skip));
  g_assert_false (gtk_widget_has_css_class (nth_row (f, base, 0), "warning"));
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("/plan-view/empty-and-new", test_empty_and_new);
  ADD ("/plan-view/undo-redo", test_undo_redo);
  ADD ("/plan-view/reorder", test_reorder);
  ADD ("/plan-view/draft-survives", test_draft_survives);
  ADD ("/plan-view/history", test_history);
  ADD ("/plan-view/save-keeps-place", test_save_keeps_place);
  ADD ("/plan-view/save-refused", test_save_refused);
  ADD ("/plan-view/same-words-as-cli", test_same_words_as_cli);
  ADD ("/plan-view/template", test_template);
  ADD ("/plan-view/accessible", test_accessible);
  ADD ("/plan-view/switch-quickly", test_switch_quickly);
  ADD ("/plan-view/agreed-date", test_agreed_date);
  ADD ("/plan-view/team-and-review", test_team_and_review);
  ADD ("/plan-view/overdue-goal", test_overdue_goal);
#undef ADD

  return g_test_run ();
}
