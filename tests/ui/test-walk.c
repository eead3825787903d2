/* test-walk.c: the Reports window, Preferences → Sync and the conflicts window as people use
 * them, on a demo profile: what a walk through them in Finnish and Swedish, at 360 px and at a
 * normal width, in the light and the dark style found wrong. Each window fits 360 px in
 * Finnish and Swedish (the conflicts' three decisions did not); deciding a conflict with its
 * own (focused) button leaves the focus on the next one (GTK criticised the card that was
 * gone); the conflicts window opens with no value's text selected; Preferences → Sync shows
 * the organisation chosen in full, and (under tests/sync/with-pouch.py --proxies) puts the
 * focus on an untrusted certificate's fingerprint. The main window, every tab and the pages
 * they open, fits 360 px in Finnish and Swedish with a client's conflicts banner shown, and
 * its bar of tabs shows each name whole. The Reports window's own findings are in
 * test-reports-window.c.
 *
 * POLKU_WALK_DIR=DIR writes every state checked there as PNG, to look at, and more of the main
 * window (each form of the overview, the client editor, the text for the record, Preferences)
 * (with LANGUAGE=fi or sv for the first two tests, POLKU_WALK_DARK=1 for the dark style,
 * POLKU_WALK_CLIENTS=N for a bigger profile). The windows get style.css, Polku's icons and
 * GNOME's title-bar buttons, as users see them.
 *
 * Copyright 2026 The Polku authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>
#include <string.h>

#include "polku-client-editor.h"
#include "polku-client-list.h"
#include "polku-client-store.h"
#include "polku-conflicts-window.h"
#include "polku-overview-view.h"
#include "polku-plan-history.h"
#include "polku-plan-store.h"
#include "polku-preferences-window.h"
#include "polku-record-entry-dialog.h"
#include "polku-reports-window.h"
#include "polku-store-private.h"
#include "polku-sync-preferences.h"
#include "polku-sync-merge.h"
#include "polku-sync-store.h"
#include "polku-window-private.h"
#include "test-helpers.h"

/* The widget as it is drawn, as PNG under $POLKU_WALK_DIR (nothing without it). */
static void
shoot (GtkWidget  *widget,
       const char *name)
{
  const char *dir = g_getenv ("POLKU_WALK_DIR");
  const char *language = g_getenv ("LANGUAGE");
  g_autoptr(GdkPaintable) paintable = NULL;
  g_autoptr(GskRenderNode) node = NULL;
  g_autofree char *file = NULL;
  g_autofree char *path = NULL;
  GtkSnapshot *snapshot;
  cairo_surface_t *surface;
  cairo_t *cr;
  int width, height;

  if (dir == NULL)
    return;
  /* Animations (a squeezer's or a revealer's) over. */
  test_spin (300);
  width = gtk_widget_get_width (widget);
  height = gtk_widget_get_height (widget);
  paintable = gtk_widget_paintable_new (widget);
  snapshot = gtk_snapshot_new ();
  gdk_paintable_snapshot (paintable, snapshot, width, height);
  node = gtk_snapshot_free_to_node (snapshot);
  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, MAX (width, 1), MAX (height, 1));
  cr = cairo_create (surface);
  /* A part of a window has no background of its own. */
  if (adw_style_manager_get_dark (adw_style_manager_get_default ()))
    cairo_set_source_rgb (cr, 0x24 / 255.0, 0x24 / 255.0, 0x24 / 255.0);
  else
    cairo_set_source_rgb (cr, 0xfa / 255.0, 0xfa / 255.0, 0xfa / 255.0);
  cairo_paint (cr);
  if (node != NULL)
    gsk_render_node_draw (node, cr);
  cairo_destroy (cr);
  file = g_strdup_printf ("%s-%s-%s.png", name, language != NULL ? language : "en",
                          adw_style_manager_get_dark (adw_style_manager_get_default ())
                          ? "dark" : "light");
  path = g_build_filename (dir, file, NULL);
  g_assert_cmpint (cairo_surface_write_to_png (surface, path), ==, CAIRO_STATUS_SUCCESS);
  cairo_surface_destroy (surface);
}

typedef struct
{
  char         *dir;
  PolkuProfile *profile;
  PolkuStore   *store;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  const char *clients = g_getenv ("POLKU_WALK_CLIENTS");

  f->store = test_make_store (clients != NULL ? (guint) g_ascii_strtoull (clients, NULL, 10)
                                              : 12,
                              &f->dir, &f->profile);
  polku_store_set_actor (f->store, "Sanna Koivisto");
  if (g_getenv ("POLKU_WALK_DARK") != NULL)
    adw_style_manager_set_color_scheme (adw_style_manager_get_default (),
                                        ADW_COLOR_SCHEME_FORCE_DARK);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (),
                                      ADW_COLOR_SCHEME_DEFAULT);
  test_release_store (&f->store);
  g_clear_object (&f->profile);
  test_remove_tree (f->dir);
  g_free (f->dir);
}

/* The innermost widget under @root that asks for more than @width px (to say what is too
 * wide), or %NULL. */
static GtkWidget *
too_wide (GtkWidget *root,
          int        width)
{
  int minimum;

  gtk_widget_measure (root, GTK_ORIENTATION_HORIZONTAL, -1, &minimum, NULL, NULL, NULL);
  if (minimum <= width)
    return NULL;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = too_wide (child, width);

      if (found != NULL)
        return found;
    }
  return root;
}

/* @window, made 360 px wide, is no wider: nothing in it asks for more. */
static void
assert_fits_360 (GtkWidget  *window,
                 const char *name)
{
  int minimum;

  gint64 deadline = g_get_monotonic_time () + 3 * G_USEC_PER_SEC;

  gtk_window_set_default_size (GTK_WINDOW (window), 360, 700);
  /* The X server answers the resize in its own time. */
  while (gtk_widget_get_width (window) > 360 && g_get_monotonic_time () < deadline)
    test_spin (20);
  test_spin (100);
  gtk_widget_measure (ADW_IS_WINDOW (window)
                      ? adw_window_get_content (ADW_WINDOW (window))
                      : adw_application_window_get_content (ADW_APPLICATION_WINDOW (window)),
                      GTK_ORIENTATION_HORIZONTAL, -1, &minimum, NULL, NULL, NULL);
  shoot (window, name);
  if (minimum > 360 || gtk_widget_get_width (window) > 360)
    {
      GtkWidget *wide = too_wide (window, 300);

      g_error ("%s in %s needs %d px, is %d px wide; %s “%s” asks for more than 300 px", name,
               g_getenv ("LANGUAGE"), minimum, gtk_widget_get_width (window),
               wide != NULL ? G_OBJECT_TYPE_NAME (wide) : "nothing",
               GTK_IS_LABEL (wide) ? gtk_label_get_text (GTK_LABEL (wide)) : "");
    }
}

/* The Reports window */

static gboolean
not_loading (gpointer data)
{
  return !polku_reports_window_get_loading (data);
}

static GtkWidget *
reports_window_with_results (Fixture *f)
{
  GtkWidget *window = polku_reports_window_new (NULL, f->store);

  gtk_window_set_default_size (GTK_WINDOW (window), 900, 900);
  gtk_window_present (GTK_WINDOW (window));
  test_spin (100);
  shoot (window, "reports-empty");
  g_assert_true (gtk_widget_activate_action (window, "reports.run", NULL));
  shoot (window, "reports-running");
  test_wait_until (not_loading, window, 60000, "the report is made");
  test_spin (100);
  shoot (window, "reports-done");
  if (g_getenv ("POLKU_WALK_DIR") != NULL)
    {
      /* The results whole: the last part of the window's column (bar, its box, the box of
       * the Make button, the column). */
      GtkWidget *column = gtk_widget_get_parent (gtk_widget_get_parent (gtk_widget_get_parent (
                            test_find_widget (window, GTK_TYPE_PROGRESS_BAR))));
      GtkFileChooser *chooser;

      shoot (gtk_widget_get_last_child (column), "reports-results");
      /* The export's file chooser (GTK's own dialog without a portal), its folder listed. */
      chooser = test_open_export_chooser (window, "csv");
      test_spin (400);
      shoot (GTK_WIDGET (chooser), "reports-export");
      test_cancel_file_chooser (chooser);
    }
  return window;
}

/* Preferences → Sync */

static gboolean
prefs_idle (gpointer data)
{
  return !polku_sync_preferences_get_busy (data);
}

static PolkuSyncPreferences *
sync_page (GtkWidget *window)
{
  adw_preferences_window_set_visible_page_name (ADW_PREFERENCES_WINDOW (window), "sync");
  return POLKU_SYNC_PREFERENCES (test_find_widget (window, POLKU_TYPE_SYNC_PREFERENCES));
}

/* The row showing the fingerprint offered has the focus (it scrolled into sight). */
static gboolean
fingerprint_focused (gpointer window)
{
  GtkWidget *focus = gtk_window_get_focus (window);

  return ADW_IS_ACTION_ROW (focus)
         && g_strcmp0 (adw_action_row_get_subtitle (ADW_ACTION_ROW (focus)),
                       polku_sync_preferences_get_fingerprint (sync_page (window))) == 0;
}

/* The organisation chosen is the row's subtitle, whole, however long its name; what the
 * choice means is said in the group's description. */
static void
test_sync_organisation (Fixture       *f,
                        gconstpointer  data)
{
  GtkWidget *window = GTK_WIDGET (polku_preferences_window_new (NULL, f->profile));
  PolkuSyncPreferences *page = sync_page (window);
  AdwComboRow *row = polku_sync_preferences_get_organisation_row (page);
  GListModel *model = adw_combo_row_get_model (row);
  AdwPreferencesGroup *group = ADW_PREFERENCES_GROUP (gtk_widget_get_ancestor (
                                                        GTK_WIDGET (row),
                                                        ADW_TYPE_PREFERENCES_GROUP));

  gtk_window_set_default_size (GTK_WINDOW (window), 700, 800);
  gtk_window_present (GTK_WINDOW (window));
  test_spin (100);
  g_assert_cmpuint (g_list_model_get_n_items (model), >, 2);
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(GtkStringObject) item = g_list_model_get_item (model, i);

      adw_combo_row_set_selected (row, i);
      g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), ==,
                       gtk_string_object_get_string (item));
    }
  g_assert_cmpint (adw_action_row_get_subtitle_lines (ADW_ACTION_ROW (row)), ==, 0);
  g_assert_nonnull (strstr (adw_preferences_group_get_description (group),
                            _("A coordinator syncs every shared plan; clinic staff sync the "
                              "plans shared with their organisation.")));

  /* A bad address: the reason under the fields; then an unreachable server. */
  gtk_editable_set_text (polku_sync_preferences_get_server_row (page), "sync.example.fi");
  gtk_editable_set_text (polku_sync_preferences_get_account_row (page), "sanna.koivisto");
  g_assert_false (polku_sync_preferences_save (page));
  shoot (window, "sync-bad-url");
  gtk_editable_set_text (polku_sync_preferences_get_server_row (page), "https://127.0.0.1:9");
  gtk_editable_set_text (polku_sync_preferences_get_password_row (page), "salasana");
  polku_sync_preferences_test_connection (page);
  shoot (window, "sync-testing");
  test_wait_until (prefs_idle, page, 20000, "the test is over");
  g_assert_true (polku_sync_preferences_get_status_is_error (page));
  shoot (window, "sync-unreachable");

  /* Under tests/sync/with-pouch.py --proxies: a self-signed certificate offered for trust,
   * its fingerprint's row given the focus (in sight), then trusted. */
  if (g_getenv ("POLKU_TEST_TLS_PROXY_URL") != NULL)
    {
      gtk_editable_set_text (polku_sync_preferences_get_server_row (page),
                             g_getenv ("POLKU_TEST_TLS_PROXY_URL"));
      gtk_editable_set_text (polku_sync_preferences_get_account_row (page),
                             g_getenv ("POLKU_TEST_COUCH_ADMIN"));
      gtk_editable_set_text (polku_sync_preferences_get_password_row (page),
                             g_getenv ("POLKU_TEST_COUCH_PASSWORD"));
      polku_sync_preferences_test_connection (page);
      test_wait_until (prefs_idle, page, 20000, "the test is over");
      g_assert_nonnull (polku_sync_preferences_get_fingerprint (page));
      test_wait_until (fingerprint_focused, window, 5000, "the fingerprint has the focus");
      shoot (window, "sync-certificate");
      assert_fits_360 (window, "sync-certificate-360");
      gtk_window_set_default_size (GTK_WINDOW (window), 700, 800);
      g_assert_true (polku_sync_preferences_trust_certificate (page));
      polku_sync_preferences_test_connection (page);
      test_wait_until (prefs_idle, page, 20000, "the test is over");
      shoot (window, "sync-trusted");
      gtk_window_set_default_size (GTK_WINDOW (window), 360, 700);
      test_spin (200);
      shoot (window, "sync-trusted-360");
    }
  test_destroy_window (GTK_WINDOW (window));
}

/* The conflicts window */

/* The words the other side gave the goal removed here (ids[2] of add_conflicts ()). */
#define EDITED_THERE "Liikun ulkona kahdesti viikossa"

/* Three conflicts of one client: a goal's text, the client's own view, a goal deleted here
 * and edited there. The edited goal is whole, as a real document carries it (the plan's
 * goal with other words), so that taking it is a decision the plan's rules accept. */
static void
add_conflicts (Fixture *f,
               char    *ids[3])
{
  g_autoptr(JsonNode) base = NULL;
  g_autoptr(PolkuClient) client = test_client_with_goal (f->store, &base);
  const char *id = polku_client_get_id (client);
  const char *goal_id = json_object_get_string_member (json_node_get_object (base), "id");
  g_autofree char *text_path = g_strdup_printf ("plan/goals/%s/text", goal_id);
  g_autofree char *goal_path = g_strdup_printf ("plan/goals/%s", goal_id);
  g_autoptr(JsonNode) remote = polku_sync_copy (base);

  json_object_set_string_member (json_node_get_object (remote), "text", EDITED_THERE);
  ids[0] = test_queue_conflict (f->store, id, text_path, "\"Asun omassa kodissani\"",
                                "\"Asun omassa kodissani kotihoidon tuella\"",
                                "\"Muutan palvelutaloon keväällä\"");
  ids[1] = test_queue_conflict (f->store, id, "plan/client_view",
                                "\"Haluan pärjätä kotona.\"",
                                "\"Haluan pärjätä kotona ja nähdä lapsenlapsia useammin.\"",
                                "\"Haluan pärjätä kotona.\\nToivon apua siivoukseen ja "
                                "kauppaan.\"");
  ids[2] = test_queue_conflict_nodes (f->store, id, goal_path, base, NULL, remote);
}

/* The focus is on an "Edit…" of the first open card (or, with no conflict open, nowhere); sets
 * @card and @id to that card's. The card has its decisions in two layouts (a row, or one
 * under the other at 360 px): which of the two holds the focus is AdwSqueezer's choice. */
typedef struct
{
  PolkuConflictsWindow  *window;
  char                 **ids;
  GtkWidget             *card;
  const char            *id;
} FocusWait;

static gboolean
focus_on_first_edit (gpointer data)
{
  FocusWait *wait = data;
  GtkWidget *focus = gtk_window_get_focus (GTK_WINDOW (wait->window));

  wait->card = NULL;
  wait->id = NULL;
  if (polku_conflicts_window_get_n_open (wait->window) == 0)
    return focus == NULL;
  if (focus == NULL || !GTK_IS_ACTIONABLE (focus)
      || g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (focus)),
                    "conflicts.edit") != 0)
    return FALSE;
  for (guint i = 0; i < 3; i++)
    {
      GtkWidget *card = polku_conflicts_window_get_card (wait->window, wait->ids[i]);

      if (card != NULL && gtk_widget_is_ancestor (focus, card)
          && gtk_widget_get_prev_sibling (card) == NULL)
        {
          wait->card = card;
          wait->id = wait->ids[i];
          return TRUE;
        }
    }
  return FALSE;
}

/* The text of the goal that the conflict @id is about, as the client's plan has it now. */
static char *
conflict_goal_text (PolkuStore *store,
                    const char *id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PolkuSyncConflict) conflict = polku_sync_conflict_get (store, id, &error);
  g_autoptr(JsonNode) plan = NULL;
  g_autoptr(JsonNode) goal = NULL;

  g_assert_no_error (error);
  plan = polku_plan_store_load (store, polku_sync_conflict_get_client_id (conflict), NULL,
                                &error);
  g_assert_no_error (error);
  goal = polku_sync_value_at (plan, polku_sync_conflict_get_path (conflict) + strlen ("plan/"));
  g_assert_nonnull (goal);
  return g_strdup (json_object_get_string_member (json_node_get_object (goal), "text"));
}

/* Decides the first card with its own button, given the focus as a click gives it: the goal
 * removed here and edited there (ids[2]) by taking the other side's, which the plan then
 * holds, the others by keeping this side's. Returns the id decided. */
static const char *
decide_first (PolkuStore *store,
              FocusWait  *wait)
{
  gboolean take = g_strcmp0 (wait->id, wait->ids[2]) == 0;
  GtkWidget *button = test_find_shown_button (wait->card, take ? "conflicts.take" : "conflicts.keep");
  const char *decided = wait->id;

  g_assert_nonnull (button);
  g_assert_true (gtk_widget_grab_focus (button));
  g_signal_emit_by_name (button, "clicked");
  /* A value the plan's rules refuse would say so in a dialog and leave the card. */
  g_assert_null (test_find_message_dialog ());
  if (take)
    {
      g_autofree char *text = conflict_goal_text (store, decided);

      g_assert_cmpstr (text, ==, EDITED_THERE);
    }
  return decided;
}

/* Deciding with a card's own button, which has the focus as it is clicked: no critical when
 * the card goes (G_DEBUG=fatal-warnings), and the focus is on the next card's first
 * decision. The window opens with the focus there too, not in a value's selected text.
 * Taking the other side's whole goal is a decision like the others. */
static void
test_conflicts_focus (Fixture       *f,
                      gconstpointer  data)
{
  g_autofree char *ids[3] = { NULL, NULL, NULL };
  PolkuConflictsWindow *window;
  FocusWait wait;
  const char *decided;

  add_conflicts (f, ids);
  window = polku_conflicts_window_new (NULL, f->store, NULL);
  wait = (FocusWait) { window, ids, NULL, NULL };
  gtk_window_set_default_size (GTK_WINDOW (window), 900, 900);
  gtk_window_present (GTK_WINDOW (window));
  test_wait_until (focus_on_first_edit, &wait, 10000, "the first card's Edit has the focus");
  shoot (GTK_WIDGET (window), "conflicts");

  decided = decide_first (f->store, &wait);
  test_wait_until (focus_on_first_edit, &wait, 10000, "the next card's Edit has the focus");
  g_assert_cmpuint (polku_conflicts_window_get_n_open (window), ==, 2);
  g_assert_null (polku_conflicts_window_get_card (window, decided));
  shoot (GTK_WIDGET (window), "conflicts-one-decided");

  /* The last ones too: then nothing open keeps the focus. */
  decide_first (f->store, &wait);
  test_wait_until (focus_on_first_edit, &wait, 10000, "the last card's Edit has the focus");
  g_assert_cmpuint (polku_conflicts_window_get_n_open (window), ==, 1);
  decide_first (f->store, &wait);
  test_wait_until (focus_on_first_edit, &wait, 10000, "no card keeps the focus");
  g_assert_cmpuint (polku_conflicts_window_get_n_open (window), ==, 0);

  /* The store has the decisions: the goal edited there taken, the others kept. */
  for (guint i = 0; i < G_N_ELEMENTS (ids); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(PolkuSyncConflict) conflict = polku_sync_conflict_get (f->store, ids[i], &error);

      g_assert_no_error (error);
      g_assert_cmpstr (polku_sync_conflict_get_resolution (conflict), ==,
                       i == 2 ? "remote" : "local");
    }
  test_destroy_window (GTK_WINDOW (window));
}

/* The main window as a coordinator goes through it, on the client with conflicts waiting
 * (the overview's banner): at 360 px every tab and the pages the tabs open (the plan's
 * history, a WHOQOL-BREF question and the paper form, the mapping visit, the contacts'
 * import) and the follow-ups fit (in Swedish the banner did not: 361 px). With POLKU_WALK_DIR
 * they are shot, and at 1100 px too, with each form of the overview, the client editor, the
 * text for the record and Preferences' first page. */

static gboolean
stack_has_child (GtkWidget     *widget,
                 gconstpointer  name)
{
  return GTK_IS_STACK (widget) && gtk_stack_get_child_by_name (GTK_STACK (widget), name) != NULL;
}

static gboolean
stack_at_rest (gpointer stack)
{
  return !gtk_stack_get_transition_running (stack);
}

/* The toplevel of @type that an action opened, shot as @name and closed. */
static void
shoot_toplevel (GType       type,
                const char *name)
{
  GtkWidget *window;
  gint64 deadline = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;

  while ((window = test_find_toplevel (type)) == NULL && g_get_monotonic_time () < deadline)
    test_spin (20);
  g_assert_nonnull (window);
  shoot (window, name);
  test_destroy_window (GTK_WINDOW (window));
}

/* Every label shown under @root in full (the tabs' names in the bar at 360 px). */
static void
assert_labels_whole (GtkWidget  *root,
                     const char *name)
{
  if (!gtk_widget_get_mapped (root))
    return;
  if (GTK_IS_LABEL (root))
    {
      int natural;

      gtk_widget_measure (root, GTK_ORIENTATION_HORIZONTAL, -1, NULL, &natural, NULL, NULL);
      if (gtk_widget_get_width (root) < natural)
        g_error ("%s in %s: “%s” is cut short (%d px of %d px)", name, g_getenv ("LANGUAGE"),
                 gtk_label_get_text (GTK_LABEL (root)), gtk_widget_get_width (root), natural);
    }
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    assert_labels_whole (child, name);
}

/* Every wrapped label shown under @root breaks its lines between words, never inside one
 * (a table of four columns at 360 px broke Finnish words letter by letter). */
static void
assert_words_whole (GtkWidget  *root,
                    const char *name)
{
  if (!gtk_widget_get_mapped (root))
    return;
  if (GTK_IS_LABEL (root) && gtk_label_get_wrap (GTK_LABEL (root)))
    {
      PangoLayout *layout = gtk_label_get_layout (GTK_LABEL (root));
      const char *text = pango_layout_get_text (layout);

      for (GSList *l = pango_layout_get_lines_readonly (layout); l != NULL; l = l->next)
        {
          PangoLayoutLine *line = l->data;
          const char *at = text + pango_layout_line_get_start_index (line);
          gunichar before;

          if (at == text)
            continue;
          before = g_utf8_get_char (g_utf8_prev_char (at));
          if (!g_unichar_isspace (before) && before != '-' && before != '/'
              && g_unichar_isalnum (g_utf8_get_char (at)) && g_unichar_isalnum (before))
            g_error ("%s in %s: “%s” is broken inside a word at %d px", name,
                     g_getenv ("LANGUAGE"), text, gtk_widget_get_width (root));
        }
    }
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    assert_words_whole (child, name);
}

/* The main window as it is now: shot, and at 360 px (@narrow) no wider. */
static void
look_at (PolkuWindow *window,
         gboolean     narrow,
         const char  *name)
{
  g_autofree char *shot = g_strdup_printf ("window-%s%s", name, narrow ? "-360" : "");

  test_wait_tree_loaded (GTK_WIDGET (window));
  if (narrow)
    {
      assert_fits_360 (GTK_WIDGET (window), shot);
      assert_words_whole (GTK_WIDGET (window), shot);
    }
  else
    shoot (GTK_WIDGET (window), shot);
}

static void
walk_tabs (PolkuWindow *window,
           gboolean     narrow)
{
  static const char * const forms[] = {
    "overview.add-consent", "overview.change-phase", "overview.add-sign",
    "overview.add-member", "overview.change-coordinator", "overview.add-followup",
    "overview.set-review", "overview.add-note",
  };
  static const char * const parts[] = { "mapping-visit", "import" };
  GtkWidget *page = GTK_WIDGET (polku_window_get_client_page (window));
  AdwViewStack *views = ADW_VIEW_STACK (test_find_widget (page, ADW_TYPE_VIEW_STACK));
  GListModel *pages = G_LIST_MODEL (adw_view_stack_get_pages (views));
  GtkWidget *view;
  GtkStack *stack;

  g_assert_cmpuint (g_list_model_get_n_items (pages), >=, 5);
  for (guint i = 0; i < g_list_model_get_n_items (pages); i++)
    {
      g_autoptr(AdwViewStackPage) stack_page = g_list_model_get_item (pages, i);
      const char *name = adw_view_stack_page_get_name (stack_page);

      adw_view_stack_set_visible_child_name (views, name);
      look_at (window, narrow, name);
    }
  g_object_unref (pages);

  /* The overview's forms (their width in fi and sv is test-narrow's). */
  view = adw_view_stack_get_child_by_name (views, "overview");
  adw_view_stack_set_visible_child_name (views, "overview");
  test_wait_tree_loaded (GTK_WIDGET (window));
  for (guint j = 0; !narrow && g_getenv ("POLKU_WALK_DIR") != NULL && j < G_N_ELEMENTS (forms);
       j++)
    {
      g_autofree char *form = g_strdup_printf ("form-%s", forms[j] + strlen ("overview."));

      g_assert_true (gtk_widget_activate_action (test_find_widget (view,
                                                                   POLKU_TYPE_OVERVIEW_VIEW),
                                                 forms[j], NULL));
      shoot_toplevel (ADW_TYPE_MESSAGE_DIALOG, form);
    }

  view = adw_view_stack_get_child_by_name (views, "plan");
  adw_view_stack_set_visible_child_name (views, "plan");
  test_wait_tree_loaded (GTK_WIDGET (window));
  g_assert_true (gtk_widget_activate_action (view, "plan.show-history", NULL));
  look_at (window, narrow, "plan-history");
  {
    GtkWidget *history = test_find_widget (view, POLKU_TYPE_PLAN_HISTORY);
    AdwSqueezer *squeezer;
    GtkWidget *shown;

    /* Side by side where the table's words fit, else one part after the other: either
     * way no word broken. */
    assert_words_whole (history, "plan-history");
    squeezer = ADW_SQUEEZER (test_find_widget (history, ADW_TYPE_SQUEEZER));
    shown = adw_squeezer_get_visible_child (squeezer);
    g_assert_nonnull (gtk_widget_get_first_child (shown));
    g_test_message ("plan history at %s: %s, %d px", narrow ? "360 px" : "full width",
                    G_OBJECT_TYPE_NAME (shown), gtk_widget_get_width (shown));
    /* The table needs a few words per column: at 360 px it is the list (fi and sv). */
    g_assert_true (narrow ? GTK_IS_BOX (shown) : GTK_IS_GRID (shown));
  }
  g_assert_true (gtk_widget_activate_action (view, "plan.show-editor", NULL));

  view = adw_view_stack_get_child_by_name (views, "measures");
  adw_view_stack_set_visible_child_name (views, "measures");
  test_wait_tree_loaded (GTK_WIDGET (window));
  g_assert_true (gtk_widget_activate_action (view, "measures.start", NULL));
  look_at (window, narrow, "measures-question");
  g_assert_true (gtk_widget_activate_action (view, "measures.close-form", NULL));
  test_wait_tree_loaded (GTK_WIDGET (window));
  g_assert_true (gtk_widget_activate_action (view, "measures.paper", NULL));
  look_at (window, narrow, "measures-paper");
  g_assert_true (gtk_widget_activate_action (view, "measures.close-form", NULL));

  view = adw_view_stack_get_child_by_name (views, "contacts");
  adw_view_stack_set_visible_child_name (views, "contacts");
  test_wait_tree_loaded (GTK_WIDGET (window));
  stack = GTK_STACK (test_find_widget_where (view, stack_has_child, "mapping-visit"));
  g_assert_nonnull (stack);
  for (guint j = 0; j < G_N_ELEMENTS (parts); j++)
    {
      gtk_stack_set_visible_child_name (stack, parts[j]);
      test_wait_until (stack_at_rest, stack, 5000, "the stack's transition is over");
      look_at (window, narrow, parts[j]);
    }
  gtk_stack_set_visible_child_name (stack, "log");
  adw_view_stack_set_visible_child_name (views, "overview");
  test_wait_tree_loaded (GTK_WIDGET (window));
}

/* Opens @client_id's page as a click in the list does (at 360 px the page then takes the
 * window). */
static void
activate_client (PolkuWindow *window,
                 const char  *client_id)
{
  GListModel *visible = polku_window_get_visible_clients (window);

  for (guint i = 0; i < g_list_model_get_n_items (visible); i++)
    {
      g_autoptr(PolkuClient) client = g_list_model_get_item (visible, i);

      if (g_str_equal (polku_client_get_id (client), client_id))
        {
          g_signal_emit_by_name (test_find_client_list_view (GTK_WIDGET (window)), "activate", i);
          test_wait_tree_loaded (GTK_WIDGET (window));
          return;
        }
    }
  g_assert_not_reached ();
}

/* Closes the store (destroying the main window locks it): opened again after. */
static void
walk_main_window (Fixture    *f,
                  const char *client_id)
{
  g_autoptr(GError) error = NULL;
  PolkuClientList *list;
  PolkuWindow *window;

  if (g_getenv ("POLKU_WALK_DIR") != NULL)
    {
      GtkWidget *preferences = GTK_WIDGET (polku_preferences_window_new (NULL, f->profile));

      gtk_window_set_default_size (GTK_WINDOW (preferences), 700, 800);
      gtk_window_present (GTK_WINDOW (preferences));
      shoot (preferences, "preferences");
      assert_fits_360 (preferences, "preferences-360");
      test_destroy_window (GTK_WINDOW (preferences));
    }

  window = polku_window_new_with_store (NULL, f->profile, f->store);
  list = polku_window_get_client_list (window);
  gtk_window_set_default_size (GTK_WINDOW (window), 1100, 800);
  gtk_window_present (GTK_WINDOW (window));
  test_wait_until (test_window_settled, window, 10000, "the clients are loaded");
  g_assert_true (polku_client_list_select_client (list, client_id, FALSE));
  test_wait_tree_loaded (GTK_WIDGET (window));
  g_assert_true (gtk_widget_get_visible (test_find_widget (GTK_WIDGET (window),
                                                           POLKU_TYPE_CONFLICTS_BANNER)));
  shoot (GTK_WIDGET (window), "overview-banner");

  if (g_getenv ("POLKU_WALK_DIR") != NULL)
    {
      GtkWidget *page = GTK_WIDGET (polku_window_get_client_page (window));

      walk_tabs (window, FALSE);
      g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.edit-client", NULL));
      shoot_toplevel (POLKU_TYPE_CLIENT_EDITOR, "client-editor");
      g_assert_true (gtk_widget_activate_action (page, "page.record-entry", NULL));
      shoot_toplevel (POLKU_TYPE_RECORD_ENTRY_DIALOG, "record-entry");
      g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-followups",
                                                 NULL));
      look_at (window, FALSE, "followups");
      g_assert_true (polku_client_list_select_client (list, client_id, FALSE));
    }

  /* At 360 px the list is shown first, then the client as one picks it there. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-list", NULL);
  look_at (window, TRUE, "list");
  activate_client (window, client_id);
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (polku_window_get_client_page (window))));
  assert_labels_whole (test_find_widget (GTK_WIDGET (window), ADW_TYPE_VIEW_SWITCHER_BAR),
                       "the tabs' bar");
  walk_tabs (window, TRUE);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-followups", NULL));
  look_at (window, TRUE, "followups");

  test_destroy_window (GTK_WINDOW (window));
  if (polku_store_is_open (f->store))
    polku_store_close (f->store);
  test_release_store (&f->store);
  f->store = polku_profile_open_sync (f->profile, TEST_PASSPHRASE, 1, NULL, &error);
  g_assert_no_error (error);
  polku_store_set_actor (f->store, "Sanna Koivisto");
}

/* Each window fits 360 px in Finnish and in Swedish (the translations are longer than the
 * English, and the conflicts' three decisions in a row were not). */
static void
test_narrow_languages (Fixture       *f,
                       gconstpointer  data)
{
  static const char * const languages[] = { "fi", "sv" };
  g_autofree char *before = g_strdup (g_getenv ("LANGUAGE"));
  g_autofree char *ids[3] = { NULL, NULL, NULL };
  g_autofree char *client_id = NULL;
  char *last = NULL;

  add_conflicts (f, ids);
  {
    g_autoptr(PolkuSyncConflict) conflict = polku_sync_conflict_get (f->store, ids[0], NULL);

    g_assert_nonnull (conflict);
    client_id = g_strdup (polku_sync_conflict_get_client_id (conflict));
  }
  for (guint i = 0; i < G_N_ELEMENTS (languages); i++)
    {
      GtkWidget *window;

      g_setenv ("LANGUAGE", languages[i], TRUE);
      /* glibc keeps the messages already looked up until the locale is set again. */
      setlocale (LC_ALL, "");
      /* The build's catalogs are there, and this language's: not English, not the last. */
      g_assert_cmpstr (_("Who Is Counted"), !=, "Who Is Counted");
      g_assert_cmpstr (_("Who Is Counted"), !=, last);
      /* And the plurals and the words with a context (GLib's g_d*gettext ()). */
      g_assert_cmpstr (g_dngettext (GETTEXT_PACKAGE, "%u sync conflict waits for a decision",
                                    "%u sync conflicts wait for a decision", 3), !=,
                       "%u sync conflicts wait for a decision");
      g_free (last);
      last = g_strdup (_("Who Is Counted"));

      window = GTK_WIDGET (polku_conflicts_window_new (NULL, f->store, NULL));
      gtk_window_present (GTK_WINDOW (window));
      assert_fits_360 (window, "conflicts-360");
      /* The decisions now one under the other: the keyboard is on one of those shown (the
       * squeezer moves it from the row of them, which is hidden). */
      g_assert_true (GTK_IS_BUTTON (gtk_window_get_focus (GTK_WINDOW (window))));
      g_assert_true (gtk_widget_get_mapped (gtk_window_get_focus (GTK_WINDOW (window))));
      test_destroy_window (GTK_WINDOW (window));

      window = GTK_WIDGET (polku_preferences_window_new (NULL, f->profile));
      gtk_window_present (GTK_WINDOW (window));
      sync_page (window);
      assert_fits_360 (window, "sync-360");
      test_destroy_window (GTK_WINDOW (window));

      window = reports_window_with_results (f);
      assert_fits_360 (window, "reports-360");
      test_destroy_window (GTK_WINDOW (window));

      walk_main_window (f, client_id);
    }
  g_free (last);
  test_restore_language (before);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GtkCssProvider) css = NULL;

  /* GLib decides once, at the first g_dgettext () (and so C_ () and g_dngettext ()), whether
   * to translate at all: in a process started without a language, never. The test switches
   * to fi and sv as it runs, so the choice is made with the catalogs in Finnish. */
  if (g_getenv ("LANGUAGE") == NULL && g_getenv ("POLKU_LOCALEDIR") != NULL)
    {
      g_setenv ("LANGUAGE", "fi", TRUE);
      test_bind_catalogs ();
      g_assert_cmpstr (g_dgettext (GETTEXT_PACKAGE, "Who Is Counted"), !=, "Who Is Counted");
      test_restore_language (NULL);
    }
  test_init_ui (&argc, &argv);
  /* The title bar's buttons as GNOME places them by default (GTK alone adds minimise and
   * maximise, which leave a 360-px title less room than users see). */
  g_object_set (gtk_settings_get_default (), "gtk-decoration-layout", "appmenu:close", NULL);
  /* Polku's own icons and style.css, as AdwApplication adds them (the windows here have no
   * application). */
  gtk_icon_theme_add_resource_path (gtk_icon_theme_get_for_display (gdk_display_get_default ()),
                                    RESOURCE_BASE "/icons");
  css = gtk_css_provider_new ();
  gtk_css_provider_load_from_resource (css, RESOURCE_BASE "/style.css");
  gtk_style_context_add_provider_for_display (gdk_display_get_default (),
                                              GTK_STYLE_PROVIDER (css),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);

  TEST_ADD_FIXTURE ("/walk/sync-organisation", test_sync_organisation);
  TEST_ADD_FIXTURE ("/walk/conflicts-focus", test_conflicts_focus);
  TEST_ADD_FIXTURE ("/walk/narrow-languages", test_narrow_languages);

  return g_test_run ();
}
