/* test-sync-ui.c: the window side of sync: the header's status, Preferences → Sync, the
 * conflict queue and the client's banner, the main window's actions
 *
 * Runs under tests/with-keyring.sh (the password goes to a real, private gnome-keyring),
 * tests/sync/with-pouch.py --proxies (a real PouchDB Server, and a TLS proxy with a
 * self-signed certificate in front of it) and tests/with-display.sh (tests/ui/meson.build).
 *
 * Copyright 2026 The Polku authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <libsoup/soup.h>
#include <locale.h>
#include <string.h>

#include "polku-client-store.h"
#include "polku-conflicts-window.h"
#include "polku-couch.h"
#include "polku-plan-history.h"
#include "polku-plan-store.h"
#include "polku-preferences-window.h"
#include "polku-store-private.h"
#include "polku-sync-controller.h"
#include "polku-sync-merge.h"
#include "polku-sync-preferences.h"
#include "polku-sync-status.h"
#include "polku-sync-store.h"
#include "polku-sync.h"
#include "polku-window-private.h"
#include "polku-window.h"

#include "test-helpers.h"

/* Environment */

static const char *
need_env (const char *name)
{
  const char *value = g_getenv (name);

  if (value == NULL || value[0] == '\0')
    g_error ("%s is not set: run this test through tests/ui/meson.build (with-keyring.sh, "
             "tests/sync/with-pouch.py --proxies, with-display.sh)", name);
  return value;
}

/* http://127.0.0.1:PORT where nothing listens (a port bound and let go). */
static char *
closed_port_url (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GSocket) socket = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM,
                                            G_SOCKET_PROTOCOL_TCP, &error);
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) address = g_inet_socket_address_new (loopback, 0);
  g_autoptr(GSocketAddress) bound = NULL;
  guint16 port;

  g_assert_no_error (error);
  g_assert_true (g_socket_bind (socket, address, FALSE, &error));
  g_assert_no_error (error);
  bound = g_socket_get_local_address (socket, &error);
  g_assert_no_error (error);
  port = g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound));
  g_socket_close (socket, NULL);
  return g_strdup_printf ("http://127.0.0.1:%u", port);
}

static void
save_settings (PolkuProfile *profile,
               const char   *server,
               const char   *account,
               const char   *organisation)
{
  g_autoptr(GError) error = NULL;
  PolkuSyncSettings settings = {
    (char *) server, (char *) account, (char *) organisation, NULL,
    (char *) polku_profile_get_id (profile)
  };

  g_assert_true (polku_sync_settings_save (profile, &settings, &error));
  g_assert_no_error (error);
}

static void
store_password (PolkuProfile *profile,
                const char   *server,
                const char   *account,
                const char   *password)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (polku_sync_password_store (polku_profile_get_id (profile), server, account,
                                            password, NULL, &error));
  g_assert_no_error (error);
}

static JsonNode *
string_node (const char *text)
{
  JsonNode *node = json_node_new (JSON_NODE_VALUE);

  json_node_set_string (node, text);
  return node;
}

/* A conflict whose values are strings (NULL: removed on that side). */
static char *
add_conflict (PolkuStore *store,
              const char *client_id,
              const char *path,
              const char *base,
              const char *local,
              const char *remote)
{
  g_autoptr(JsonNode) base_node = base != NULL ? string_node (base) : NULL;
  g_autoptr(JsonNode) local_node = local != NULL ? string_node (local) : NULL;
  g_autoptr(JsonNode) remote_node = remote != NULL ? string_node (remote) : NULL;

  return test_queue_conflict_nodes (store, client_id, path, base_node, local_node,
                                    remote_node);
}

/* The fixture: a profile with @data demo clients (GUINT_TO_POINTER), the coordinator as its
 * worker; with fixture_set_up_goal (), the demo client whose plan has a goal, and the
 * conflicts the test queues, kept to the end. */
typedef struct
{
  char         *dir;
  PolkuProfile *profile;
  PolkuStore   *store;
  PolkuClient  *client;        /* fixture_set_up_goal (): a client whose plan has a goal */
  const char   *client_id;
  char         *goal_id;
  char         *original;      /* the goal's text */
  char         *text_path;     /* plan/goals/<goal_id>/text */
  JsonNode     *goal;          /* the goal as the plan holds it */
  GPtrArray    *conflict_ids;  /* the conflicts queued by the test */
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->store = test_make_store (GPOINTER_TO_UINT (data), &f->dir, &f->profile);
  polku_store_set_actor (f->store, "Maija Koordinaattori");
  f->conflict_ids = g_ptr_array_new_with_free_func (g_free);
}

static void
fixture_set_up_goal (Fixture       *f,
                     gconstpointer  data)
{
  JsonObject *goal;

  fixture_set_up (f, data);
  f->client = test_client_with_goal (f->store, &f->goal);
  f->client_id = polku_client_get_id (f->client);
  goal = json_node_get_object (f->goal);
  f->goal_id = g_strdup (json_object_get_string_member (goal, "id"));
  f->original = g_strdup (json_object_get_string_member (goal, "text"));
  f->text_path = g_strdup_printf ("plan/goals/%s/text", f->goal_id);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  test_release_store (&f->store);
  test_remove_tree (f->dir);
  g_free (f->dir);
  g_clear_object (&f->profile);
  g_clear_object (&f->client);
  g_free (f->goal_id);
  g_free (f->original);
  g_free (f->text_path);
  g_clear_pointer (&f->goal, json_node_unref);
  g_ptr_array_unref (f->conflict_ids);
}

/* Keeps @id, a conflict the test queued, to the tear-down. Returns: (transfer none) @id */
static const char *
keep_id (Fixture *f,
         char    *id)
{
  g_ptr_array_add (f->conflict_ids, id);
  return id;
}

/* A conflict of the fixture's client at @path whose values are strings (NULL: removed on that
 * side), kept to the tear-down. */
static const char *
add_conflict_kept (Fixture    *f,
                   const char *path,
                   const char *base,
                   const char *local,
                   const char *remote)
{
  return keep_id (f, add_conflict (f->store, f->client_id, path, base, local, remote));
}

/* A conflict on the fixture's goal's text: what it was before both changes, then this side's
 * and the other side's words. */
static const char *
add_goal_text_conflict (Fixture    *f,
                        const char *local,
                        const char *remote)
{
  return add_conflict_kept (f, f->text_path, f->original, local, remote);
}

/* The conflicts the test queued, as an array. */
static char **
conflict_ids (Fixture *f)
{
  return (char **) f->conflict_ids->pdata;
}

/* The member @member of the goal @goal_id as the client's plan holds it (a text), or NULL. */
static char *
goal_member (PolkuStore *store,
             const char *client_id,
             const char *goal_id,
             const char *member)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) plan = polku_plan_store_load (store, client_id, NULL, &error);
  JsonArray *goals;

  g_assert_no_error (error);
  goals = json_object_get_array_member (json_node_get_object (plan), "goals");
  for (guint i = 0; i < json_array_get_length (goals); i++)
    {
      JsonObject *goal = json_array_get_object_element (goals, i);

      if (g_strcmp0 (json_object_get_string_member (goal, "id"), goal_id) == 0)
        return g_strdup (json_object_get_string_member_with_default (goal, member, NULL));
    }
  return NULL;
}

static char *
goal_text (PolkuStore *store,
           const char *client_id,
           const char *goal_id)
{
  return goal_member (store, client_id, goal_id, "text");
}

static gint64
n_versions (PolkuStore *store,
            const char *client_id,
            const char *origin)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) versions = polku_plan_store_list_versions (store, client_id, &error);
  gint64 n = 0;

  g_assert_no_error (error);
  for (guint i = 0; i < versions->len; i++)
    if (g_strcmp0 (polku_plan_version_get_origin (g_ptr_array_index (versions, i)),
                   origin) == 0)
      n++;
  return n;
}

/* Waiting */

static gboolean
controller_idle (gpointer data)
{
  return !polku_sync_controller_get_busy (data);
}

static void
wait_sync (PolkuSyncController *controller)
{
  test_wait_until (controller_idle, controller, 60000, "the sync is over");
}

static gboolean
preferences_idle (gpointer data)
{
  return !polku_sync_preferences_get_busy (data);
}

static void
wait_preferences (PolkuSyncPreferences *page)
{
  test_wait_until (preferences_idle, page, 60000, "the Sync page is done");
}

static void
count_signal (guint *count)
{
  (*count)++;
}

static void
count_started (PolkuSyncController *controller,
               GParamSpec          *pspec,
               guint               *count)
{
  if (polku_sync_controller_get_busy (controller))
    (*count)++;
}

typedef struct
{
  guint *count;
  guint  value;
} AtLeast;

static gboolean
count_reached (gpointer data)
{
  AtLeast *at_least = data;

  return *at_least->count >= at_least->value;
}

/* The status widget through every state */

static void
test_status_states (Fixture       *f,
                    gconstpointer  data)
{
  PolkuStore *store = f->store;
  PolkuProfile *profile = f->profile;
  g_autoptr(PolkuSyncController) controller = polku_sync_controller_new ();
  g_autofree char *closed = closed_port_url ();
  const char *couch_url = need_env ("POLKU_TEST_COUCH_URL");
  const char *admin = need_env ("POLKU_TEST_COUCH_ADMIN");
  const char *admin_password = need_env ("POLKU_TEST_COUCH_PASSWORD");
  GtkWidget *window = gtk_window_new ();
  PolkuSyncStatus *status;
  guint finished = 0;
  guint started = 0;

  polku_sync_controller_set_auto (controller, FALSE);
  status = POLKU_SYNC_STATUS (polku_sync_status_new (controller));
  gtk_window_set_child (GTK_WINDOW (window), GTK_WIDGET (status));
  gtk_window_present (GTK_WINDOW (window));
  g_signal_connect_swapped (controller, "finished", G_CALLBACK (count_signal), &finished);
  g_signal_connect (controller, "notify::busy", G_CALLBACK (count_started), &started);

  /* Not set up, before and after the window is unlocked: nothing runs. */
  g_assert_cmpint (polku_sync_controller_get_state (controller), ==,
                   POLKU_SYNC_STATE_NOT_SET_UP);
  g_assert_cmpstr (polku_sync_status_get_title (status), ==, "Sync is not set up");
  g_assert_cmpstr (polku_sync_status_get_accessible_label (status), ==,
                   "Sync: Sync is not set up");
  polku_sync_controller_start (controller, profile, store);
  g_assert_cmpint (polku_sync_controller_get_state (controller), ==,
                   POLKU_SYNC_STATE_NOT_SET_UP);
  g_assert_false (polku_sync_controller_sync_now (controller));
  g_assert_false (polku_sync_controller_get_busy (controller));

  /* Set up with a server where nothing listens, and no password in the keyring yet. */
  save_settings (profile, closed, "koordinaattori", NULL);
  polku_sync_controller_settings_changed (polku_profile_get_id (profile));
  g_assert_cmpint (polku_sync_controller_get_state (controller), ==, POLKU_SYNC_STATE_IDLE);
  g_assert_cmpstr (polku_sync_status_get_title (status), ==, "Not synced yet");
  g_assert_true (polku_sync_controller_sync_now (controller));
  g_assert_cmpint (polku_sync_controller_get_state (controller), ==,
                   POLKU_SYNC_STATE_SYNCING);
  g_assert_cmpstr (polku_sync_status_get_title (status), ==, "Syncing…");
  g_assert_true (polku_sync_status_get_progress_shown (status));
  wait_sync (controller);
  g_assert_cmpint (polku_sync_controller_get_state (controller), ==, POLKU_SYNC_STATE_ERROR);
  g_assert_cmpstr (polku_sync_status_get_title (status), ==, "Sync failed");
  g_assert_nonnull (strstr (polku_sync_status_get_message (status), "koordinaattori"));
  g_assert_nonnull (strstr (polku_sync_status_get_message (status), "Preferences"));
  g_assert_false (polku_sync_status_get_progress_shown (status));

  /* With the password: the server does not answer, so the header says offline. */
  store_password (profile, closed, "koordinaattori", "salasana-1");
  g_assert_true (polku_sync_controller_sync_now (controller));
  wait_sync (controller);
  g_assert_cmpint (polku_sync_controller_get_state (controller), ==,
                   POLKU_SYNC_STATE_OFFLINE);
  g_assert_cmpstr (polku_sync_status_get_title (status), ==, "Offline");
  g_assert_cmpstr (polku_sync_status_get_accessible_label (status), ==, "Sync: Offline");
  g_assert_cmpstr (polku_sync_status_get_message (status), !=, "");
  g_assert_null (polku_sync_controller_get_last_synced (controller));

  /* Never two runs at once: three asks while one runs make two runs. */
  finished = started = 0;
  g_assert_true (polku_sync_controller_sync_now (controller));
  g_assert_true (polku_sync_controller_sync_now (controller));
  g_assert_true (polku_sync_controller_sync_now (controller));
  {
    AtLeast two = { &finished, 2 };

    test_wait_until (count_reached, &two, 60000, "two runs are over");
  }
  test_spin (500);
  g_assert_cmpuint (finished, ==, 2);
  g_assert_cmpuint (started, ==, 2);

  /* Locking cancels the run in flight; what it would say is dropped. */
  finished = 0;
  g_assert_true (polku_sync_controller_sync_now (controller));
  polku_sync_controller_stop (controller);
  g_assert_false (polku_sync_controller_get_busy (controller));
  g_assert_false (polku_sync_controller_sync_now (controller));
  test_spin (1000);
  g_assert_cmpuint (finished, ==, 0);

  /* A real server: synced, with the summary. */
  save_settings (profile, couch_url, admin, NULL);
  store_password (profile, couch_url, admin, admin_password);
  polku_sync_controller_start (controller, profile, store);
  /* Never synced with this server (the runs that failed do not count). */
  g_assert_cmpint (polku_sync_controller_get_state (controller), ==, POLKU_SYNC_STATE_IDLE);
  g_assert_cmpstr (polku_sync_status_get_title (status), ==, "Not synced yet");
  g_assert_true (polku_sync_controller_sync_now (controller));
  wait_sync (controller);
  g_assert_cmpstr (polku_sync_controller_get_message (controller), ==, NULL);
  g_assert_cmpint (polku_sync_controller_get_state (controller), ==, POLKU_SYNC_STATE_SYNCED);
  g_assert_true (g_str_has_prefix (polku_sync_status_get_title (status), "Synced at "));
  g_assert_nonnull (strstr (polku_sync_status_get_summary (status), "0 plans received"));
  g_assert_nonnull (polku_sync_controller_get_last_synced (controller));
  g_assert_false (polku_sync_status_get_conflicts_shown (status));

  /* Locked and unlocked again: before any new run, the status says when the last sync with
   * this server was (the audit log's), not that there was none. */
  {
    g_autoptr(GDateTime) before = g_date_time_ref (
      polku_sync_controller_get_last_synced (controller));
    GDateTime *after;

    polku_sync_controller_stop (controller);
    g_assert_null (polku_sync_controller_get_last_synced (controller));
    polku_sync_controller_start (controller, profile, store);
    g_assert_false (polku_sync_controller_get_busy (controller));
    g_assert_cmpint (polku_sync_controller_get_state (controller), ==,
                     POLKU_SYNC_STATE_SYNCED);
    g_assert_true (g_str_has_prefix (polku_sync_status_get_title (status), "Synced "));
    after = polku_sync_controller_get_last_synced (controller);
    g_assert_nonnull (after);
    /* The run's entry is written as it ends, just after the window noted the time. */
    g_assert_cmpint (ABS (g_date_time_difference (after, before)), <, 5 * G_TIME_SPAN_SECOND);

    /* Another server: never synced there. */
    save_settings (profile, closed, "koordinaattori", NULL);
    polku_sync_controller_settings_changed (polku_profile_get_id (profile));
    g_assert_null (polku_sync_controller_get_last_synced (controller));
    g_assert_cmpstr (polku_sync_status_get_title (status), ==, "Not synced yet");
    save_settings (profile, couch_url, admin, NULL);
    polku_sync_controller_settings_changed (polku_profile_get_id (profile));
    g_assert_cmpint (polku_sync_controller_get_state (controller), ==,
                     POLKU_SYNC_STATE_SYNCED);
  }

  /* A conflict waits: the header says so and offers the queue. */
  {
    g_autoptr(PolkuClient) client = polku_client_new ();
    g_autoptr(GError) error = NULL;

    polku_client_set_given_name (client, "Testi");
    polku_client_set_family_name (client, "Henkilö");
    g_assert_true (polku_client_store_save (store, client, &error));
    g_assert_no_error (error);
    keep_id (f, add_conflict (store, polku_client_get_id (client), "client/family_name",
                              "Henkilö", "Henkilö-Virta", "Virta"));
  }
  polku_sync_controller_refresh_conflicts (controller);
  g_assert_cmpint (polku_sync_controller_get_state (controller), ==,
                   POLKU_SYNC_STATE_CONFLICTS);
  g_assert_cmpuint (polku_sync_controller_get_n_conflicts (controller), ==, 1);
  g_assert_cmpstr (polku_sync_status_get_title (status), ==, "1 conflict waits for a decision");
  g_assert_cmpstr (polku_sync_status_get_accessible_label (status), ==,
                   "Sync: 1 conflict waits for a decision");
  g_assert_true (polku_sync_status_get_conflicts_shown (status));
  g_assert_nonnull (strstr (polku_sync_status_get_summary (status), "Last synced at "));

  polku_sync_controller_stop (controller);
  test_destroy_window (GTK_WINDOW (window));
}

/* TestWidgetMatch: a label that says @text. */
static gboolean
label_says (GtkWidget     *widget,
            gconstpointer  text)
{
  return GTK_IS_LABEL (widget) && g_strcmp0 (gtk_label_get_text (GTK_LABEL (widget)), text) == 0;
}

/* TestWidgetMatch: the badge of the sync status (a tag of its own). */
static gboolean
is_badge (GtkWidget     *widget,
          gconstpointer  data)
{
  return GTK_IS_LABEL (widget) && gtk_widget_has_css_class (widget, "polku-tag");
}

/* TestWidgetMatch: a label that says @data with more after it (a number glued to the words). */
static gboolean
label_says_more (GtkWidget     *widget,
                 gconstpointer  data)
{
  return GTK_IS_LABEL (widget) && g_str_has_prefix (gtk_label_get_text (GTK_LABEL (widget)), data)
         && !g_str_equal (gtk_label_get_text (GTK_LABEL (widget)), data);
}

/* The label under @root that says @text, drawn whole. */
static GtkWidget *
find_whole_label (GtkWidget  *root,
                  const char *text)
{
  GtkWidget *label = test_find_widget_where (root, label_says, text);

  if (label == NULL || !gtk_widget_get_mapped (label))
    g_error ("“%s” is not shown", text);
  if (pango_layout_is_ellipsized (gtk_label_get_layout (GTK_LABEL (label))))
    g_error ("“%s” is cut short at %d px", text,
             gtk_widget_get_width (GTK_WIDGET (gtk_widget_get_root (root))));
  return label;
}

/* The status's button says @state in words, whole and with nothing after it; under them, a
 * line of its own says @waiting (no line, for %NULL); its accessible name is @name and its
 * description @waiting (none, for %NULL). No badge beside the words. */
static void
assert_status_words (PolkuSyncStatus *status,
                     const char      *state,
                     const char      *waiting,
                     const char      *name)
{
  GtkWidget *button = polku_sync_status_get_button (status);
  GtkWidget *words = find_whole_label (button, state);

  g_assert_null (test_find_widget_where (GTK_WIDGET (status), label_says_more, state));
  g_assert_false (gtk_widget_get_visible (test_find_widget_where (button, is_badge, NULL)));
  if (waiting != NULL)
    {
      GtkWidget *line = find_whole_label (button, waiting);
      graphene_rect_t words_at, line_at;

      /* Under the words, not after them. */
      g_assert_true (gtk_widget_compute_bounds (words, button, &words_at));
      g_assert_true (gtk_widget_compute_bounds (line, button, &line_at));
      g_assert_cmpfloat (line_at.origin.y, >=, words_at.origin.y + words_at.size.height);
      g_assert_cmpfloat (line_at.origin.x, ==, words_at.origin.x);
      gtk_test_accessible_assert_property (button, GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                           waiting);
    }
  else
    {
      g_assert_false (gtk_test_accessible_has_property (GTK_ACCESSIBLE (button),
                                                        GTK_ACCESSIBLE_PROPERTY_DESCRIPTION));
    }
  gtk_test_accessible_assert_property (button, GTK_ACCESSIBLE_PROPERTY_LABEL, name);
}

/* Conflicts that wait while the state says something else: the foot of the client list drew
 * the count right after the state's words ("Synkronointia ei ole otettu käyttöön 2"). Now the
 * words stand alone and whole, a line under them says how many conflicts wait, and so does
 * the button's description for a screen reader; at 1100 and 360 px, in Finnish and Swedish.
 * When the state is the conflicts, its words say it; an icon without words has the number
 * as a badge. */
static void
test_status_badge (Fixture       *f,
                   gconstpointer  data)
{
  static const struct
  {
    const char *language;
    const char *not_set_up;
    const char *name;        /* the accessible name, not set up */
    const char *waiting;     /* 2 conflicts wait */
    const char *conflicts;   /* the accessible name, the state being the conflicts */
  } cases[] = {
    { "fi", "Synkronointia ei ole otettu käyttöön",
      "Synkronointi: Synkronointia ei ole otettu käyttöön", "2 ristiriitaa odottaa päätöstä",
      "Synkronointi: 2 ristiriitaa odottaa päätöstä" },
    { "sv", "Synkroniseringen är inte inställd",
      "Synkronisering: Synkroniseringen är inte inställd", "2 konflikter väntar på beslut",
      "Synkronisering: 2 konflikter väntar på beslut" },
  };
  static const int widths[] = { 1100, 360 };
  g_autofree char *before = g_strdup (g_getenv ("LANGUAGE"));
  g_autofree char *closed = closed_port_url ();

  add_goal_text_conflict (f, "Tämä puoli", "Se puoli");
  add_goal_text_conflict (f, "Oma teksti", "Toinen teksti");
  for (guint l = 0; l < G_N_ELEMENTS (cases); l++)
    {
      g_autoptr(PolkuSyncController) controller = polku_sync_controller_new ();
      g_autoptr(GError) error = NULL;
      PolkuWindow *window;
      PolkuSyncStatus *status;
      GtkWidget *holder;
      GtkWidget *badge;

      g_setenv ("LANGUAGE", cases[l].language, TRUE);
      test_bind_catalogs ();

      /* Not set up; then set up, and the state is the conflicts: its words say how many. */
      polku_sync_controller_set_auto (controller, FALSE);
      status = POLKU_SYNC_STATUS (polku_sync_status_new (controller));
      polku_sync_status_set_show_label (status, TRUE);
      holder = gtk_window_new ();
      gtk_window_set_child (GTK_WINDOW (holder), GTK_WIDGET (status));
      gtk_window_present (GTK_WINDOW (holder));
      polku_sync_controller_start (controller, f->profile, f->store);
      test_set_window_width (GTK_WINDOW (holder), 360, 100);
      assert_status_words (status, cases[l].not_set_up, cases[l].waiting, cases[l].name);
      save_settings (f->profile, closed, "koordinaattori", NULL);
      polku_sync_controller_settings_changed (polku_profile_get_id (f->profile));
      g_assert_cmpint (polku_sync_controller_get_state (controller), ==,
                       POLKU_SYNC_STATE_CONFLICTS);
      test_spin (100);
      assert_status_words (status, cases[l].waiting, NULL, cases[l].conflicts);
      /* An icon without words: the number as a badge; the name says it in words. */
      polku_sync_status_set_show_label (status, FALSE);
      test_spin (100);
      badge = test_find_widget_where (GTK_WIDGET (status), is_badge, NULL);
      g_assert_true (gtk_widget_get_mapped (badge));
      g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (badge)), ==, "2");
      gtk_test_accessible_assert_property (polku_sync_status_get_button (status),
                                           GTK_ACCESSIBLE_PROPERTY_LABEL, cases[l].conflicts);
      polku_sync_controller_stop (controller);
      test_destroy_window (GTK_WINDOW (holder));
      save_settings (f->profile, NULL, NULL, NULL);

      /* At the foot of the client list. */
      window = polku_window_new_with_store (NULL, f->profile, f->store);
      gtk_window_present (GTK_WINDOW (window));
      test_wait_tree_loaded (GTK_WIDGET (window));
      status = POLKU_SYNC_STATUS (test_find_widget (
                                    GTK_WIDGET (polku_window_get_client_list (window)),
                                    POLKU_TYPE_SYNC_STATUS));
      g_assert_cmpuint (polku_sync_controller_get_n_conflicts (
                          polku_sync_status_get_controller (status)), ==, 2);
      for (guint w = 0; w < G_N_ELEMENTS (widths); w++)
        {
          test_set_window_width (GTK_WINDOW (window), widths[w], 700);
          g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (status)));
          assert_status_words (status, cases[l].not_set_up, cases[l].waiting, cases[l].name);
        }
      /* So does the popover, above Review Conflicts…. */
      g_assert_nonnull (test_find_widget_where (
                          GTK_WIDGET (gtk_menu_button_get_popover (
                                        GTK_MENU_BUTTON (polku_sync_status_get_button (status)))),
                          label_says, cases[l].waiting));
      g_assert_true (polku_sync_status_get_conflicts_shown (status));
      /* Destroying the window locks the store: open it again. */
      test_destroy_window (GTK_WINDOW (window));
      test_release_store (&f->store);
      f->store = polku_profile_open_sync (f->profile, TEST_PASSPHRASE, 1, NULL, &error);
      g_assert_no_error (error);
      polku_store_set_actor (f->store, "Maija Koordinaattori");
    }
  test_restore_language (before);
}

/* Preferences → Sync */

static gboolean
file_contains (const char *path,
               const char *needle)
{
  g_autofree char *contents = NULL;
  gsize length = 0;

  if (!g_file_get_contents (path, &contents, &length, NULL))
    return FALSE;
  for (gsize i = 0; i + strlen (needle) <= length; i++)
    if (memcmp (contents + i, needle, strlen (needle)) == 0)
      return TRUE;
  return FALSE;
}

static gboolean
tree_contains (const char *path,
               const char *needle)
{
  g_autoptr(GDir) dir = NULL;
  const char *name;

  if (!g_file_test (path, G_FILE_TEST_IS_DIR))
    return file_contains (path, needle);
  dir = g_dir_open (path, 0, NULL);
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (tree_contains (child, needle))
        return TRUE;
    }
  return FALSE;
}

/* Test Connection's words on the Sync page: what to check above, never "in Preferences" (this
 * is Preferences) nor "sync will try again" (nothing tries again: it was a test). */
static void
assert_page_words (const char *text,
                   const char *server,
                   const char *where)
{
  g_assert_nonnull (text);
  g_assert_nonnull (strstr (text, server));
  g_assert_null (strstr (text, "Preferences"));
  g_assert_null (strstr (text, "try again"));
  if (where != NULL)
    g_assert_nonnull (strstr (text, where));
}

static PolkuSyncSettings *
load_settings (PolkuProfile *profile)
{
  g_autoptr(GError) error = NULL;
  PolkuSyncSettings *settings = polku_sync_settings_load (profile, &error);

  g_assert_no_error (error);
  g_assert_nonnull (settings);
  return settings;
}

static void
refused_url (PolkuSyncPreferences *page,
             PolkuProfile         *profile,
             const char           *url)
{
  g_autoptr(PolkuSyncSettings) settings = NULL;

  gtk_editable_set_text (polku_sync_preferences_get_server_row (page), url);
  g_assert_false (polku_sync_preferences_save (page));
  g_assert_false (polku_sync_preferences_get_busy (page));
  g_assert_true (polku_sync_preferences_get_status_is_error (page));
  g_assert_nonnull (polku_sync_preferences_get_status (page));
  g_assert_true (gtk_widget_has_css_class (
                   GTK_WIDGET (polku_sync_preferences_get_server_row (page)), "error"));
  settings = load_settings (profile);
  g_assert_null (settings->server);
  g_assert_null (settings->account);
}

static void
test_preferences (Fixture       *f,
                  gconstpointer  data)
{
  const char *dir = f->dir;
  PolkuProfile *profile = f->profile;
  g_autofree char *closed = closed_port_url ();
  const char *couch_url = need_env ("POLKU_TEST_COUCH_URL");
  const char *admin = need_env ("POLKU_TEST_COUCH_ADMIN");
  const char *admin_password = need_env ("POLKU_TEST_COUCH_PASSWORD");
  const char *tls_url = need_env ("POLKU_TEST_TLS_PROXY_URL");
  const char *tls_fingerprint = need_env ("POLKU_TEST_TLS_FINGERPRINT");
  PolkuPreferencesWindow *preferences = polku_preferences_window_new (NULL, profile);
  PolkuSyncPreferences *page;
  g_autoptr(GError) error = NULL;
  const char *password = "Salainen-kotikäynti-7";

  gtk_window_present (GTK_WINDOW (preferences));
  test_spin (50);
  page = POLKU_SYNC_PREFERENCES (test_find_widget (GTK_WIDGET (preferences),
                                                   POLKU_TYPE_SYNC_PREFERENCES));
  g_assert_nonnull (page);
  g_assert_cmpstr (gtk_editable_get_text (polku_sync_preferences_get_server_row (page)), ==,
                   "");
  /* The first choice is the coordinator's (no organisation), then the county's file. */
  g_assert_cmpuint (g_list_model_get_n_items (
                      adw_combo_row_get_model (polku_sync_preferences_get_organisation_row (page))),
                    >, 1);

  /* Bad addresses: the reason is shown and nothing is saved. */
  gtk_editable_set_text (polku_sync_preferences_get_account_row (page), "koordinaattori");
  gtk_editable_set_text (polku_sync_preferences_get_password_row (page), password);
  refused_url (page, profile, "");
  refused_url (page, profile, "sync.example.fi");
  refused_url (page, profile, "ftp://sync.example.fi");
  refused_url (page, profile, "http://sync.example.fi");
  refused_url (page, profile, "https://koordinaattori:salasana@sync.example.fi");
  refused_url (page, profile, "https://sync.example.fi/?db=x");
  refused_url (page, profile, "https://sync example.fi");
  g_assert_cmpstr (gtk_editable_get_text (polku_sync_preferences_get_password_row (page)), ==,
                   password);

  /* A good one: the settings go to the profile, the password to the keyring only. */
  gtk_editable_set_text (polku_sync_preferences_get_server_row (page), closed);
  g_assert_false (gtk_widget_has_css_class (
                    GTK_WIDGET (polku_sync_preferences_get_server_row (page)), "error"));
  g_assert_true (polku_sync_preferences_save (page));
  g_assert_cmpstr (gtk_editable_get_text (polku_sync_preferences_get_password_row (page)), ==,
                   "");
  wait_preferences (page);
  g_assert_false (polku_sync_preferences_get_status_is_error (page));
  {
    g_autoptr(PolkuSyncSettings) settings = load_settings (profile);
    g_autofree char *stored = NULL;

    g_assert_cmpstr (settings->server, ==, closed);
    g_assert_cmpstr (settings->account, ==, "koordinaattori");
    g_assert_null (settings->organisation);
    stored = polku_sync_password_lookup (polku_profile_get_id (profile), closed,
                                         "koordinaattori", NULL, &error);
    g_assert_no_error (error);
    g_assert_cmpstr (stored, ==, password);
  }
  g_assert_false (tree_contains (dir, password));

  /* An organisation: a clinic's profile. The password stays where it is. */
  adw_combo_row_set_selected (polku_sync_preferences_get_organisation_row (page), 1);
  g_assert_true (polku_sync_preferences_save (page));
  wait_preferences (page);
  {
    g_autoptr(PolkuSyncSettings) settings = load_settings (profile);
    g_autofree char *stored = NULL;

    g_assert_nonnull (settings->organisation);
    g_assert_cmpstr (settings->organisation, !=, "");
    stored = polku_sync_password_lookup (polku_profile_get_id (profile), closed,
                                         "koordinaattori", NULL, &error);
    g_assert_no_error (error);
    g_assert_cmpstr (stored, ==, password);
  }
  adw_combo_row_set_selected (polku_sync_preferences_get_organisation_row (page), 0);

  /* Test Connection: nothing listens there. */
  polku_sync_preferences_test_connection (page);
  g_assert_true (polku_sync_preferences_get_busy (page));
  wait_preferences (page);
  g_assert_true (polku_sync_preferences_get_status_is_error (page));
  assert_page_words (polku_sync_preferences_get_status (page), closed,
                     "Check the address above");
  g_assert_null (polku_sync_preferences_get_fingerprint (page));

  /* A real server: a wrong password, then the right one. */
  gtk_editable_set_text (polku_sync_preferences_get_server_row (page), couch_url);
  gtk_editable_set_text (polku_sync_preferences_get_account_row (page), admin);
  gtk_editable_set_text (polku_sync_preferences_get_password_row (page), "väärä salasana");
  polku_sync_preferences_test_connection (page);
  wait_preferences (page);
  g_assert_true (polku_sync_preferences_get_status_is_error (page));
  assert_page_words (polku_sync_preferences_get_status (page), couch_url,
                     "Check the account and the password above");
  gtk_editable_set_text (polku_sync_preferences_get_password_row (page), admin_password);
  polku_sync_preferences_test_connection (page);
  wait_preferences (page);
  g_assert_false (polku_sync_preferences_get_status_is_error (page));
  g_assert_nonnull (strstr (polku_sync_preferences_get_status (page), couch_url));

  /* A self-signed certificate: its fingerprint is shown, and trusting it pins it. */
  gtk_editable_set_text (polku_sync_preferences_get_server_row (page), tls_url);
  polku_sync_preferences_test_connection (page);
  wait_preferences (page);
  g_assert_true (polku_sync_preferences_get_status_is_error (page));
  g_assert_nonnull (polku_sync_preferences_get_fingerprint (page));
  assert_page_words (polku_sync_preferences_get_status (page), tls_url, "Trust it below");
  {
    g_autofree char *shown = polku_couch_normalize_fingerprint (
                               polku_sync_preferences_get_fingerprint (page));
    g_autofree char *expected = polku_couch_normalize_fingerprint (tls_fingerprint);

    g_assert_cmpstr (shown, ==, expected);
  }
  /* At 360 px the fingerprint has its row's width (a button beside it once left it a column
   * a few characters wide, and the row's title broken in the middle of words). */
  {
    GtkWidget *label = test_find_widget_where (GTK_WIDGET (preferences), label_says,
                                               polku_sync_preferences_get_fingerprint (page));
    GtkWidget *row = gtk_widget_get_ancestor (label, ADW_TYPE_ACTION_ROW);

    adw_preferences_window_set_visible_page_name (ADW_PREFERENCES_WINDOW (preferences), "sync");
    test_set_window_width (GTK_WINDOW (preferences), 360, 800);
    g_assert_nonnull (row);
    g_assert_cmpint (gtk_widget_get_width (row), >, 300);
    g_assert_cmpint (gtk_widget_get_width (label), >=, gtk_widget_get_width (row) * 2 / 3);
  }
  g_assert_true (polku_sync_preferences_trust_certificate (page));
  {
    g_autoptr(PolkuSyncSettings) settings = load_settings (profile);
    g_autofree char *pinned = polku_couch_normalize_fingerprint (settings->trusted_certificate);
    g_autofree char *expected = polku_couch_normalize_fingerprint (tls_fingerprint);

    g_assert_cmpstr (settings->server, ==, tls_url);
    g_assert_cmpstr (pinned, ==, expected);
  }
  polku_sync_preferences_test_connection (page);
  wait_preferences (page);
  g_assert_false (polku_sync_preferences_get_status_is_error (page));
  g_assert_null (polku_sync_preferences_get_fingerprint (page));
  g_assert_false (tree_contains (dir, admin_password));

  test_destroy_window (GTK_WINDOW (preferences));
}

/* The fault proxy's mode (tests/sync/faultproxy.py, ControlServer). */
static void
proxy_mode (const char *mode_json)
{
  g_autoptr(SoupSession) session = soup_session_new_with_options ("timeout", 60, NULL);
  g_autofree char *target = g_strconcat (need_env ("POLKU_TEST_CONTROL_URL"),
                                         "/proxy/plain/mode", NULL);
  g_autoptr(SoupMessage) msg = soup_message_new ("PUT", target);
  g_autoptr(GBytes) body = g_bytes_new (mode_json, strlen (mode_json));
  g_autoptr(GBytes) answer = NULL;
  g_autoptr(GError) error = NULL;

  soup_message_set_request_body_from_bytes (msg, "application/json", body);
  answer = soup_session_send_and_read (session, msg, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (soup_message_get_status (msg), ==, 200);
}

static void
test_preferences_errors (Fixture       *f,
                         gconstpointer  data)
{
  static const struct {
    PolkuCouchError  code;
    const char      *message;   /* as polku-couch words it */
    const char      *where;     /* what the page's words must point at */
  } errors[] = {
    { POLKU_COUCH_ERROR_UNREACHABLE, "The sync server S cannot be reached, or the connection to "
      "it broke. Check the network connection and the server address in Preferences; sync will "
      "try again.", "Check the address above" },
    { POLKU_COUCH_ERROR_TIMEOUT, "The sync server S did not answer within 15 s. Sync will try "
      "again; if this goes on, the server may be overloaded: tell its administrator.",
      "Check the address above" },
    { POLKU_COUCH_ERROR_UNAUTHORIZED, "The sync server S did not accept the account “k” with "
      "this password. Check the account and the password in Preferences.",
      "Check the account and the password above" },
    { POLKU_COUCH_ERROR_NOT_FOUND, "The sync server S does not know this request. Check that "
      "the address is a CouchDB server's.", "Check the address above" },
    { POLKU_COUCH_ERROR_SERVER, "The sync server S answered with an error (HTTP 503). Sync "
      "will try again; if this goes on, tell the server's administrator.", "(HTTP 503)" },
    { POLKU_COUCH_ERROR_MALFORMED, "The sync server S sent an answer that is not what a CouchDB "
      "server sends. Nothing was changed from it; sync will try again.",
      "Check the address above" },
    { POLKU_COUCH_ERROR_TOO_LARGE, "The sync server S sent an answer larger than 64 MiB; it was "
      "not read. Tell the server's administrator.", "Check the address above" },
    { POLKU_COUCH_ERROR_TLS, "A secure connection to the sync server S could not be set up.",
      "the address above" },
  };
  const char *server = "https://sync.example.fi";
  const char *proxy = need_env ("POLKU_TEST_PROXY_URL");
  const char *admin = need_env ("POLKU_TEST_COUCH_ADMIN");
  const char *admin_password = need_env ("POLKU_TEST_COUCH_PASSWORD");
  static const struct {
    const char *mode;
    const char *where;
  } faults[] = {
    { "{\"mode\": \"status\", \"code\": 503}", "(HTTP 503)" },
    { "{\"mode\": \"status\", \"code\": 500}", "(HTTP 500)" },
    { "{\"mode\": \"garbage\"}", "Check the address above" },
    { "{\"mode\": \"truncate\", \"keep\": 3}", "Check the address above" },
  };
  PolkuPreferencesWindow *preferences;
  PolkuSyncPreferences *page;

  /* Each code polku-couch gives a login. */
  for (guint i = 0; i < G_N_ELEMENTS (errors); i++)
    {
      g_autoptr(GError) error = g_error_new_literal (POLKU_COUCH_ERROR, errors[i].code,
                                                     errors[i].message);
      g_autofree char *text = polku_sync_preferences_describe_error (error, server, "k", NULL);

      assert_page_words (text, server, errors[i].where);
    }
  {
    g_autoptr(GError) error = g_error_new_literal (POLKU_COUCH_ERROR, POLKU_COUCH_ERROR_TLS,
                                                   "The certificate of the sync server S is not "
                                                   "trusted. Its SHA-256 fingerprint is AB:CD. "
                                                   "Trust it in Preferences only if …");
    g_autofree char *text = polku_sync_preferences_describe_error (error, server, "k", "AB:CD");

    assert_page_words (text, server, "Trust it below");
  }
  /* A status that is not one: no made-up number. */
  {
    g_autoptr(GError) error = g_error_new_literal (POLKU_COUCH_ERROR, POLKU_COUCH_ERROR_SERVER,
                                                   "HTTP x");
    g_autofree char *text = polku_sync_preferences_describe_error (error, server, "k", NULL);

    assert_page_words (text, server, "Check the address above");
    g_assert_null (strstr (text, "HTTP"));
  }
  /* Words written for any place, and other modules' errors, stay as they are. */
  {
    g_autoptr(GError) error = g_error_new_literal (POLKU_COUCH_ERROR, POLKU_COUCH_ERROR_NO_ACCESS,
                                                   "Ask the server's administrator.");
    g_autofree char *text = polku_sync_preferences_describe_error (error, server, "k", NULL);

    g_assert_cmpstr (text, ==, "Ask the server's administrator.");
  }

  /* The real thing: a server behind the fault proxy answering each way. */
  preferences = polku_preferences_window_new (NULL, f->profile);
  gtk_window_present (GTK_WINDOW (preferences));
  test_spin (50);
  page = POLKU_SYNC_PREFERENCES (test_find_widget (GTK_WIDGET (preferences),
                                                   POLKU_TYPE_SYNC_PREFERENCES));
  gtk_editable_set_text (polku_sync_preferences_get_server_row (page), proxy);
  gtk_editable_set_text (polku_sync_preferences_get_account_row (page), admin);
  gtk_editable_set_text (polku_sync_preferences_get_password_row (page), admin_password);
  for (guint i = 0; i < G_N_ELEMENTS (faults); i++)
    {
      proxy_mode (faults[i].mode);
      polku_sync_preferences_test_connection (page);
      wait_preferences (page);
      g_assert_true (polku_sync_preferences_get_status_is_error (page));
      assert_page_words (polku_sync_preferences_get_status (page), proxy, faults[i].where);
    }
  proxy_mode ("{\"mode\": \"pass\"}");
  polku_sync_preferences_test_connection (page);
  wait_preferences (page);
  g_assert_false (polku_sync_preferences_get_status_is_error (page));

  test_destroy_window (GTK_WINDOW (preferences));
}

/* The queue: listed, decided three ways, kept as history; the banner follows. */

static gboolean
banner_not_loading (gpointer data)
{
  return !polku_client_view_get_loading (data);
}

static void
test_conflicts_window (Fixture       *f,
                       gconstpointer  data)
{
  PolkuStore *store = f->store;
  const char *client_id = f->client_id;
  const char *goal_id = f->goal_id;
  const char *first = add_goal_text_conflict (f, f->original, "Kotona pärjääminen");
  const char *second = add_goal_text_conflict (f, "Oma teksti", "Toinen teksti");
  const char *third = add_goal_text_conflict (f, "Tämä puoli", "Se puoli");
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;
  PolkuConflictsWindow *window;
  GtkWidget *banner_window = gtk_window_new ();
  PolkuConflictsBanner *banner = POLKU_CONFLICTS_BANNER (polku_conflicts_banner_new ());
  PolkuFormDialog *form;

  /* The banner on the client's overview. */
  gtk_window_set_child (GTK_WINDOW (banner_window), GTK_WIDGET (banner));
  gtk_window_present (GTK_WINDOW (banner_window));
  polku_client_view_set_store (POLKU_CLIENT_VIEW (banner), store);
  polku_client_view_set_client (POLKU_CLIENT_VIEW (banner), f->client);
  test_wait_until (banner_not_loading, banner, 10000, "the banner has counted");
  g_assert_cmpuint (polku_conflicts_banner_get_count (banner), ==, 3);
  g_assert_cmpstr (polku_conflicts_banner_get_text (banner), ==,
                   "3 sync conflicts wait for a decision");
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (banner)));

  /* Every client's queue, then the client's own. */
  window = polku_conflicts_window_new (NULL, store, NULL);
  gtk_window_present (GTK_WINDOW (window));
  g_assert_cmpuint (polku_conflicts_window_get_n_open (window), ==, 3);
  g_assert_cmpuint (polku_conflicts_window_get_n_decided (window), ==, 0);
  g_assert_nonnull (polku_conflicts_window_get_card (window, first));
  test_destroy_window (GTK_WINDOW (window));
  window = polku_conflicts_window_new (NULL, store, client_id);
  gtk_window_present (GTK_WINDOW (window));
  g_assert_cmpuint (polku_conflicts_window_get_n_open (window), ==, 3);

  /* Take the Other Side (the card's button). */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "conflicts.take", "s",
                                             first));
  g_assert_cmpuint (polku_conflicts_window_get_n_open (window), ==, 2);
  g_assert_cmpuint (polku_conflicts_window_get_n_decided (window), ==, 1);
  g_assert_null (polku_conflicts_window_get_card (window, first));
  text = goal_text (store, client_id, goal_id);
  g_assert_cmpstr (text, ==, "Kotona pärjääminen");
  g_clear_pointer (&text, g_free);
  g_assert_cmpint (n_versions (store, client_id, POLKU_PLAN_ORIGIN_RESOLVE), ==, 1);
  test_wait_until (banner_not_loading, banner, 10000, "the banner has counted again");
  g_assert_cmpuint (polku_conflicts_banner_get_count (banner), ==, 2);

  /* Keep This Side. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "conflicts.keep", "s",
                                             second));
  g_assert_cmpuint (polku_conflicts_window_get_n_open (window), ==, 1);
  text = goal_text (store, client_id, goal_id);
  g_assert_cmpstr (text, ==, "Oma teksti");
  g_clear_pointer (&text, g_free);

  /* Edit…: the form starts from this side's value; what is written stays. */
  form = polku_conflicts_window_edit (window, third);
  g_assert_nonnull (form);
  text = polku_form_dialog_get_text (form, "value");
  g_assert_cmpstr (text, ==, "Tämä puoli");
  g_clear_pointer (&text, g_free);
  polku_form_dialog_set_text (form, "value", "Yhdessä sovittu teksti");
  g_assert_true (polku_form_dialog_submit (form));
  g_assert_cmpuint (polku_conflicts_window_get_n_open (window), ==, 0);
  g_assert_cmpuint (polku_conflicts_window_get_n_decided (window), ==, 3);
  text = goal_text (store, client_id, goal_id);
  g_assert_cmpstr (text, ==, "Yhdessä sovittu teksti");
  g_clear_pointer (&text, g_free);
  g_assert_cmpint (n_versions (store, client_id, POLKU_PLAN_ORIGIN_RESOLVE), ==, 3);

  /* The plan's history says which versions decided a conflict. */
  {
    GtkWidget *history = polku_plan_history_new ();
    GtkWidget *holder = gtk_window_new ();
    AdwComboRow *row;
    GListModel *labels;
    g_autoptr(GtkStringObject) newest = NULL;

    gtk_window_set_child (GTK_WINDOW (holder), history);
    g_assert_true (polku_plan_history_load (POLKU_PLAN_HISTORY (history), store, client_id,
                                            &error));
    g_assert_no_error (error);
    row = ADW_COMBO_ROW (test_find_widget (history, ADW_TYPE_COMBO_ROW));
    labels = adw_combo_row_get_model (row);
    newest = g_list_model_get_item (labels, g_list_model_get_n_items (labels) - 1);
    g_assert_true (g_str_has_suffix (gtk_string_object_get_string (newest),
                                     " · conflict decided"));
    test_destroy_window (GTK_WINDOW (holder));
  }

  /* Decided already: refused, and nothing changes. */
  g_assert_false (polku_conflicts_window_resolve (window, first, POLKU_SYNC_TAKE_LOCAL, NULL,
                                                  &error));
  g_assert_error (error, POLKU_SYNC_ERROR, POLKU_SYNC_ERROR_RESOLVED);
  g_clear_error (&error);
  g_assert_cmpint (n_versions (store, client_id, POLKU_PLAN_ORIGIN_RESOLVE), ==, 3);

  test_wait_until (banner_not_loading, banner, 10000, "the banner has counted at the end");
  g_assert_cmpuint (polku_conflicts_banner_get_count (banner), ==, 0);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (banner)));

  /* How values read. */
  text = polku_conflicts_format_value (NULL);
  g_assert_cmpstr (text, ==, "Removed");
  g_clear_pointer (&text, g_free);
  text = polku_conflicts_format_value ("{\"id\": \"x\", \"text\": \"Työ\"}");
  g_assert_cmpstr (text, ==, "Työ");
  g_clear_pointer (&text, g_free);
  text = polku_conflicts_format_value ("[\"a\", \"b\"]");
  g_assert_cmpstr (text, ==, "a, b");
  g_clear_pointer (&text, g_free);

  test_destroy_window (GTK_WINDOW (window));
  polku_client_view_set_client (POLKU_CLIENT_VIEW (banner), NULL);
  polku_client_view_set_store (POLKU_CLIENT_VIEW (banner), NULL);
  test_destroy_window (GTK_WINDOW (banner_window));
}

/* The conflicts window and the keyboard */

/* Every focusable widget Tab reaches from where the focus is, once round the window: each must
 * be drawn (a decision of the layout the squeezer does not show is not), and inside a
 * squeezer it must be in the child shown. Returns how many "Edit…" buttons were reached. */
static guint
tab_round (GtkWindow *window)
{
  guint n_edit = 0;

  for (guint i = 0; i < 60; i++)
    {
      GtkWidget *focus;

      /* What the Tab key does (gtk_window_move_focus ()): on from the focus, else round. */
      if (!gtk_widget_child_focus (GTK_WIDGET (window), GTK_DIR_TAB_FORWARD))
        {
          gtk_window_set_focus (window, NULL);
          gtk_widget_child_focus (GTK_WIDGET (window), GTK_DIR_TAB_FORWARD);
        }
      focus = gtk_window_get_focus (window);
      if (focus == NULL)
        continue;
      if (!gtk_widget_get_mapped (focus) || !gtk_widget_is_drawable (focus))
        g_error ("Tab focused a %s that is not shown (%s)", G_OBJECT_TYPE_NAME (focus),
                 GTK_IS_BUTTON (focus) ? gtk_button_get_label (GTK_BUTTON (focus)) : "");
      for (GtkWidget *w = focus; w != NULL; w = gtk_widget_get_parent (w))
        {
          GtkWidget *parent = gtk_widget_get_parent (w);

          if (parent != NULL && ADW_IS_SQUEEZER (parent))
            g_assert_true (adw_squeezer_get_visible_child (ADW_SQUEEZER (parent)) == w);
        }
      if (GTK_IS_ACTIONABLE (focus)
          && g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (focus)),
                        "conflicts.edit") == 0)
        n_edit++;
    }
  return n_edit;
}

static gboolean
focus_shown (gpointer data)
{
  GtkWidget *focus = gtk_window_get_focus (data);

  return focus != NULL && gtk_widget_get_mapped (focus);
}

/* The card shown at @position (from 0) among the open conflicts, some of @ids. */
static GtkWidget *
card_at (PolkuConflictsWindow  *window,
         char                 **ids,
         guint                  n_ids,
         guint                  position)
{
  GtkWidget *card = NULL;
  GtkWidget *child;

  for (guint i = 0; card == NULL && i < n_ids; i++)
    card = polku_conflicts_window_get_card (window, ids[i]);
  g_assert_nonnull (card);
  child = gtk_widget_get_first_child (gtk_widget_get_parent (card));
  for (guint i = 0; child != NULL && i < position; i++)
    child = gtk_widget_get_next_sibling (child);
  g_assert_nonnull (child);
  return child;
}

/* The id of the conflict whose card is @card. */
static const char *
card_id (PolkuConflictsWindow *window,
         GtkWidget            *card,
         char                **ids,
         guint                 n_ids)
{
  for (guint i = 0; i < n_ids; i++)
    if (polku_conflicts_window_get_card (window, ids[i]) == card)
      return ids[i];
  g_assert_not_reached ();
  return NULL;
}

/* Tab never reaches the decisions the squeezer hides: at 360 px (one under the other), after
 * a decision, after the window is widened (in a row) and narrowed again. */
static void
test_conflicts_keyboard (Fixture       *f,
                         gconstpointer  data)
{
  char **ids;
  PolkuConflictsWindow *window;
  GtkWidget *keep;

  for (guint i = 0; i < 3; i++)
    add_goal_text_conflict (f, "Tämä puoli", "Se puoli");
  ids = conflict_ids (f);
  window = polku_conflicts_window_new (NULL, f->store, NULL);
  gtk_window_set_default_size (GTK_WINDOW (window), 360, 800);
  gtk_window_present (GTK_WINDOW (window));
  /* (Under load the X server may answer the size late: the squeezer switches then.) */
  test_set_window_width (GTK_WINDOW (window), 360, 800);
  test_wait_until (focus_shown, window, 10000, "a decision shown has the focus");
  test_spin (100);
  g_assert_cmpuint (tab_round (GTK_WINDOW (window)), >=, 3);
  /* Nor can anything else put the keyboard there (gtk_widget_grab_focus () alone does not
   * look whether a widget is shown). */
  {
    GtkWidget *card = card_at (window, ids, 3, 0);
    GtkWidget *squeezer = gtk_widget_get_last_child (card);
    GtkWidget *shown = adw_squeezer_get_visible_child (ADW_SQUEEZER (squeezer));
    GtkWidget *hidden = gtk_widget_get_first_child (squeezer) == shown
                        ? gtk_widget_get_last_child (squeezer)
                        : gtk_widget_get_first_child (squeezer);

    g_assert_true (shown != hidden);
    g_assert_false (gtk_widget_get_mapped (hidden));
    for (GtkWidget *button = gtk_widget_get_first_child (hidden); button != NULL;
         button = gtk_widget_get_next_sibling (button))
      g_assert_false (gtk_widget_grab_focus (button));
    g_assert_true (gtk_widget_get_mapped (gtk_window_get_focus (GTK_WINDOW (window))));
  }

  /* A decision with the keyboard: the focus goes to the next card's, shown. */
  keep = test_find_shown_button (card_at (window, ids, 3, 0), "conflicts.keep");
  g_assert_nonnull (keep);
  g_assert_true (gtk_widget_grab_focus (keep));
  g_signal_emit_by_name (keep, "clicked");
  g_assert_cmpuint (polku_conflicts_window_get_n_open (window), ==, 2);
  test_wait_until (focus_shown, window, 10000, "the next decision shown has the focus");
  g_assert_cmpuint (tab_round (GTK_WINDOW (window)), >=, 2);

  /* Wide: the decisions in a row, and Tab stays in it; narrow again: the same decision kept. */
  gtk_window_set_default_size (GTK_WINDOW (window), 1000, 800);
  test_spin (300);
  g_assert_cmpuint (tab_round (GTK_WINDOW (window)), >=, 2);
  keep = test_find_shown_button (card_at (window, ids, 3, 0), "conflicts.keep");
  g_assert_true (gtk_widget_grab_focus (keep));
  test_set_window_width (GTK_WINDOW (window), 360, 800);
  test_spin (200);
  g_assert_true (gtk_widget_get_mapped (gtk_window_get_focus (GTK_WINDOW (window))));
  g_assert_cmpstr (gtk_actionable_get_action_name (
                     GTK_ACTIONABLE (gtk_window_get_focus (GTK_WINDOW (window)))), ==,
                   "conflicts.keep");
  g_assert_cmpuint (tab_round (GTK_WINDOW (window)), >=, 2);

  test_destroy_window (GTK_WINDOW (window));
}

/* Take the Other Side with the card's own button on the second and third cards of several
 * (as tests/ui/test-walk.c once did): each of those conflicts is decided in the store with
 * the other side's value, and the others stay open. */
static void
test_conflicts_take_several (Fixture       *f,
                             gconstpointer  data)
{
  PolkuStore *store = f->store;
  const char *client_id = f->client_id;
  g_autofree char *goal_path = g_strdup_printf ("plan/goals/%s", f->goal_id);
  g_autofree char *goal_base = json_to_string (f->goal, FALSE);
  g_autofree char *goal_remote = NULL;
  char **ids;
  PolkuConflictsWindow *window;
  const char *taken[2];

  /* The goal as the shared document holds it: every member, as the other side sends it. */
  {
    g_autoptr(JsonNode) remote = polku_sync_copy (f->goal);

    json_object_set_string_member (json_node_get_object (remote), "text",
                                   "Liikun ulkona kahdesti viikossa");
    goal_remote = json_to_string (remote, FALSE);
  }
  add_goal_text_conflict (f, "Asun kotona tuella", "Muutan palvelutaloon");
  add_conflict_kept (f, "plan/client_view", "Haluan pärjätä.", "Haluan pärjätä kotona.",
                     "Toivon apua kauppaan.");
  keep_id (f, test_queue_conflict (store, client_id, goal_path, goal_base, NULL, goal_remote));
  add_conflict_kept (f, "plan/main_burden", "Yksinäisyys", "Yksinäisyys ja velat", "Velat");
  add_conflict_kept (f, "plan/client_view", "Haluan pärjätä.", "Tämä puoli", "Se puoli");
  ids = conflict_ids (f);

  window = polku_conflicts_window_new (NULL, store, NULL);
  gtk_window_set_default_size (GTK_WINDOW (window), 900, 900);
  gtk_window_present (GTK_WINDOW (window));
  test_wait_until (focus_shown, window, 10000, "the first card's decision has the focus");
  g_assert_cmpuint (polku_conflicts_window_get_n_open (window), ==, 5);

  /* The second card, then the one that was third (now second), as a person clicks. */
  for (guint round = 0; round < 2; round++)
    {
      GtkWidget *card = card_at (window, ids, 5, 1);
      GtkWidget *take = test_find_shown_button (card, "conflicts.take");

      test_spin (50);
      taken[round] = card_id (window, card, ids, 5);
      g_assert_nonnull (take);
      g_assert_true (gtk_widget_grab_focus (take));
      g_signal_emit_by_name (take, "clicked");
      g_assert_cmpuint (polku_conflicts_window_get_n_open (window), ==, 4 - round);
      g_assert_null (polku_conflicts_window_get_card (window, taken[round]));
      test_wait_until (focus_shown, window, 10000, "a decision shown has the focus again");
    }

  /* The queue in the store. */
  for (guint i = 0; i < 5; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(PolkuSyncConflict) conflict = polku_sync_conflict_get (store, ids[i], &error);
      gboolean was_taken = ids[i] == taken[0] || ids[i] == taken[1];

      g_assert_no_error (error);
      g_assert_nonnull (conflict);
      if (was_taken)
        {
          g_assert_cmpstr (polku_sync_conflict_get_resolution (conflict), ==, "remote");
          g_assert_cmpstr (polku_sync_conflict_get_resolved_by (conflict), ==,
                           "Maija Koordinaattori");
        }
      else
        {
          g_assert_null (polku_sync_conflict_get_resolution (conflict));
          g_assert_nonnull (polku_conflicts_window_get_card (window, ids[i]));
        }
    }
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(GPtrArray) open = polku_sync_conflict_list (store, client_id, FALSE, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (open->len, ==, 3);
  }
  g_assert_cmpint (n_versions (store, client_id, POLKU_PLAN_ORIGIN_RESOLVE), ==, 2);

  /* A value the plan's rules refuse as it is (a goal without the members a goal has here,
   * as the walk's fixture once queued): nothing changes, the conflict stays open, and the
   * message says what to do instead of naming only the rule. */
  {
    g_autofree char *partial = test_queue_conflict (store, client_id, goal_path, goal_base,
                                                    NULL, "{\"text\": \"Liikun ulkona\"}");
    AdwMessageDialog *dialog;

    g_assert_true (polku_conflicts_window_reload (window, NULL));
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "conflicts.take", "s",
                                               partial));
    dialog = test_find_message_dialog ();
    g_assert_nonnull (dialog);
    g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==,
                     "Could Not Decide the Conflict");
    g_assert_true (g_str_has_prefix (adw_message_dialog_get_body (dialog),
                                     "The other side’s value does not fit the plan"));
    g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "Edit…"));
    test_answer_message_dialog ("close");
    g_assert_nonnull (polku_conflicts_window_get_card (window, partial));
    g_assert_cmpuint (polku_conflicts_window_get_n_open (window), ==, 4);
    g_assert_cmpint (n_versions (store, client_id, POLKU_PLAN_ORIGIN_RESOLVE), ==, 2);
  }

  test_destroy_window (GTK_WINDOW (window));
}

/* What a conflict is about, in the plan's words: the element by its number and words, the
 * field by its name; an element removed here by the other side's words. */
static void
test_conflict_labels (Fixture       *f,
                      gconstpointer  data)
{
  PolkuStore *store = f->store;
  const char *client_id = f->client_id;
  const char *goal_id = f->goal_id;
  g_autoptr(GError) error = NULL;
  g_autofree char *gone = g_uuid_string_random ();
  g_autofree char *gone_action = g_uuid_string_random ();
  g_autofree char *status_path = g_strdup_printf ("plan/goals/%s/status", goal_id);
  g_autofree char *gone_path = g_strdup_printf ("plan/goals/%s", gone);
  g_autofree char *action_path = g_strdup_printf ("plan/goals/%s/actions/%s/status", goal_id,
                                                  gone_action);
  g_autofree char *team_path = g_strdup_printf ("team/%s/role", gone);
  const char *ids[7];
  PolkuConflictsWindow *window;
  gint64 version = 0;

  /* The client's first goal, in words of its own; a second line and a long text are cut. */
  {
    g_autoptr(JsonNode) plan = polku_plan_store_load (store, client_id, &version, &error);
    JsonArray *goals;

    g_assert_no_error (error);
    goals = json_object_get_array_member (json_node_get_object (plan), "goals");
    json_object_set_string_member (json_array_get_object_element (goals, 0), "text",
                                   "Nukun paremmin\nja herään virkeänä");
    g_assert_true (polku_plan_store_save (store, client_id, plan, version,
                                          POLKU_PLAN_ORIGIN_EDIT, NULL, &error));
    g_assert_no_error (error);
  }
  ids[0] = add_conflict_kept (f, f->text_path, "a", "b", "c");
  ids[1] = add_conflict_kept (f, status_path, "open", "done", "dropped");
  ids[2] = add_conflict_kept (f, "plan/client_view", "a", "b", "c");
  ids[3] = keep_id (f, test_queue_conflict (store, client_id, gone_path, NULL, NULL,
                                            "{\"id\": \"x\", \"text\": \"Liikun ulkona kahdesti "
                                            "viikossa, kesällä ja talvella, ystävän "
                                            "kanssa\"}"));
  ids[4] = add_conflict_kept (f, action_path, "open", NULL, "done");
  ids[5] = add_conflict_kept (f, team_path, "a", "b", "c");
  ids[6] = add_conflict_kept (f, "plan/main_burden", "a", "b", "c");

  window = polku_conflicts_window_new (NULL, store, client_id);
  gtk_window_present (GTK_WINDOW (window));
  g_assert_cmpstr (polku_conflicts_window_get_label (window, ids[0]), ==,
                   "Goal 1, “Nukun paremmin”: the goal’s wording");
  g_assert_cmpstr (polku_conflicts_window_get_label (window, ids[1]), ==,
                   "Goal 1, “Nukun paremmin”: status");
  g_assert_cmpstr (polku_conflicts_window_get_label (window, ids[2]), ==,
                   "The client’s own view");
  g_assert_cmpstr (polku_conflicts_window_get_label (window, ids[3]), ==,
                   "A goal removed here, “Liikun ulkona kahdesti viikossa, kesäll…”");
  g_assert_cmpstr (polku_conflicts_window_get_label (window, ids[4]), ==,
                   "Goal 1, an action removed here: status");
  /* Not the plan: the core's words. */
  g_assert_cmpstr (polku_conflicts_window_get_label (window, ids[5]), ==, "Team member: role");
  g_assert_cmpstr (polku_conflicts_window_get_label (window, ids[6]), ==,
                   "What burdens the client most");

  /* The card says it, and the history row once decided. */
  {
    GtkWidget *card = polku_conflicts_window_get_card (window, ids[1]);
    GtkWidget *heading = gtk_widget_get_first_child (gtk_widget_get_first_child (card));

    g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (heading)), ==,
                     "Goal 1, “Nukun paremmin”: status");
    /* Every card has the same three decisions: a screen reader hears which conflict each
     * one decides, the heading as its description. */
    for (guint i = 0; i < 3; i++)
      {
        static const char * const actions[] = { "conflicts.edit", "conflicts.take",
                                                "conflicts.keep" };
        GtkWidget *button = test_find_shown_button (card, actions[i]);

        g_assert_nonnull (button);
        gtk_test_accessible_assert_relation (GTK_ACCESSIBLE (button),
                                             GTK_ACCESSIBLE_RELATION_DESCRIBED_BY, heading,
                                             NULL);
      }
  }
  g_assert_true (polku_conflicts_window_resolve (window, ids[2], POLKU_SYNC_TAKE_LOCAL, NULL,
                                                 &error));
  g_assert_no_error (error);
  g_assert_nonnull (test_find_widget_by_name (GTK_WIDGET (window), ids[2]));
  g_assert_cmpstr (adw_preferences_row_get_title (
                     ADW_PREFERENCES_ROW (test_find_widget_by_name (GTK_WIDGET (window),
                                                                    ids[2]))), ==,
                   "The client’s own view");

  test_destroy_window (GTK_WINDOW (window));
}

/* The words of a card: this side's value, the other side's, and what it was before. */
static void
card_values (GtkWidget  *card,
             const char *out[3])
{
  GtkWidget *sides = gtk_widget_get_next_sibling (gtk_widget_get_first_child (card));
  GtkWidget *here = gtk_widget_get_first_child (sides);
  GtkWidget *there = gtk_widget_get_last_child (sides);

  /* Each side: its heading, then its value. */
  out[0] = gtk_label_get_text (GTK_LABEL (gtk_widget_get_next_sibling (
                                            gtk_widget_get_first_child (here))));
  out[1] = gtk_label_get_text (GTK_LABEL (gtk_widget_get_next_sibling (
                                            gtk_widget_get_first_child (there))));
  out[2] = gtk_label_get_text (GTK_LABEL (gtk_widget_get_next_sibling (sides)));
}

/* A conflict over a code or a date of the plan shows the values in the plan view's words
 * (the cards once showed "achieved", "in_progress", "2027-05-31", "sv"). */
static void
test_conflict_values (Fixture       *f,
                      gconstpointer  data)
{
  g_autofree char *goal_path = g_strdup_printf ("plan/goals/%s", f->goal_id);
  g_autofree char *status_path = g_strconcat (goal_path, "/status", NULL);
  g_autofree char *date_path = g_strconcat (goal_path, "/target_date", NULL);
  g_autofree char *who_path = g_strconcat (goal_path, "/expressed_by", NULL);
  g_autofree char *action_path = g_strdup_printf ("%s/actions/%s/status", goal_path,
                                                  f->goal_id);
  g_autofree char *before_status = g_strdup_printf ("Before both changes: %s",
                                                    polku_plan_goal_status_get_label (
                                                      POLKU_PLAN_GOAL_PROPOSED));
  const struct {
    const char *path;
    const char *base, *local, *remote;
    const char *shown[3];   /* this side, the other side, the line of what it was before */
  } cases[] = {
    { status_path, "proposed", "active", "achieved",
      { polku_plan_goal_status_get_label (POLKU_PLAN_GOAL_ACTIVE),
        polku_plan_goal_status_get_label (POLKU_PLAN_GOAL_ACHIEVED), before_status } },
    { action_path, "planned", "in_progress", "done",
      { polku_plan_action_status_get_label (POLKU_PLAN_ACTION_IN_PROGRESS),
        polku_plan_action_status_get_label (POLKU_PLAN_ACTION_DONE), NULL } },
    { date_path, "2027-05-31", "2027-06-30", NULL,
      { "30.6.2027", "Removed", "Before both changes: 31.5.2027" } },
    { who_path, "client", "client", "professional",
      { "The client", "A professional", "Before both changes: The client" } },
    { "plan/language", "fi", "fi", "sv",
      { "Finnish", "Swedish", "Before both changes: Finnish" } },
    /* Not a code of that member: as it is. */
    { status_path, "open", "open", "someday", { "open", "someday", "Before both changes: open" } },
  };
  PolkuConflictsWindow *window;

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    add_conflict_kept (f, cases[i].path, cases[i].base, cases[i].local, cases[i].remote);
  window = polku_conflicts_window_new (NULL, f->store, f->client_id);
  gtk_window_present (GTK_WINDOW (window));
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      const char *shown[3];

      card_values (polku_conflicts_window_get_card (window, conflict_ids (f)[i]), shown);
      for (guint j = 0; j < 3; j++)
        if (cases[i].shown[j] != NULL)
          g_assert_cmpstr (shown[j], ==, cases[i].shown[j]);
    }
  test_destroy_window (GTK_WINDOW (window));
}

/* How @id was decided ("local", "remote", "edited"), or NULL while it waits. */
static char *
conflict_resolution (PolkuStore *store,
                     const char *client_id,
                     const char *id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) conflicts = polku_sync_conflict_list (store, client_id, TRUE, &error);

  g_assert_no_error (error);
  for (guint i = 0; i < conflicts->len; i++)
    if (g_str_equal (polku_sync_conflict_get_id (g_ptr_array_index (conflicts, i)), id))
      return g_strdup (polku_sync_conflict_get_resolution (g_ptr_array_index (conflicts, i)));
  g_error ("No conflict %s", id);
  return NULL;
}

/* The choices of the form's choice row, as shown. */
static char *
form_choices (PolkuFormDialog *form)
{
  AdwComboRow *row = ADW_COMBO_ROW (test_find_widget (GTK_WIDGET (form), ADW_TYPE_COMBO_ROW));
  GListModel *model;
  g_autoptr(GString) shown = g_string_new (NULL);

  g_assert_nonnull (row);
  model = adw_combo_row_get_model (row);
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(GtkStringObject) item = g_list_model_get_item (model, i);

      g_string_append_printf (shown, "%s%s", i > 0 ? "," : "",
                              gtk_string_object_get_string (item));
    }
  return g_string_free (g_steal_pointer (&shown), FALSE);
}

/* Edit… on a code of the plan: the choices in the plan editor's words (the form once started
 * from "achieved", "sv", "2027-05-31" as text to write over), starting from this side's; what
 * is decided is the code. A date: the date row, d.m.yyyy; a wrong date refused with the
 * conflict still open; what is decided is YYYY-MM-DD. In Finnish the choices are Finnish. */
static void
test_conflict_edit_coded (Fixture       *f,
                          gconstpointer  data)
{
  g_autofree char *goal_path = g_strdup_printf ("plan/goals/%s", f->goal_id);
  g_autofree char *status_path = g_strconcat (goal_path, "/status", NULL);
  g_autofree char *date_path = g_strconcat (goal_path, "/target_date", NULL);
  g_autofree char *who_path = g_strconcat (goal_path, "/expressed_by", NULL);
  const char *status_id = add_conflict_kept (f, status_path, "proposed", "active", "dropped");
  const char *date_id = add_conflict_kept (f, date_path, "2027-05-31", "2027-06-30", NULL);
  const char *who_id = add_conflict_kept (f, who_path, "client", NULL, "professional");
  const char *language_id = add_conflict_kept (f, "plan/language", "fi", "fi", "sv");
  g_autofree char *before = g_strdup (g_getenv ("LANGUAGE"));
  g_autofree char *text = NULL;
  g_autofree char *choices = NULL;
  PolkuConflictsWindow *window = polku_conflicts_window_new (NULL, f->store, f->client_id);
  PolkuFormDialog *form;

  gtk_window_present (GTK_WINDOW (window));

  /* A goal's status: its five choices in words, this side's chosen; Achieved picked. */
  form = polku_conflicts_window_edit (window, status_id);
  g_assert_nonnull (form);
  choices = form_choices (form);
  g_assert_cmpstr (choices, ==, "Proposed,Active,Achieved,Not achieved,Dropped");
  g_clear_pointer (&choices, g_free);
  g_assert_cmpstr (polku_form_dialog_get_choice (form, "value"), ==, "active");
  g_assert_null (test_find_widget (GTK_WIDGET (form), GTK_TYPE_TEXT_VIEW));
  adw_combo_row_set_selected (ADW_COMBO_ROW (test_find_widget (GTK_WIDGET (form),
                                                               ADW_TYPE_COMBO_ROW)),
                              POLKU_PLAN_GOAL_ACHIEVED);
  g_assert_true (polku_form_dialog_submit (form));
  text = conflict_resolution (f->store, f->client_id, status_id);
  g_assert_cmpstr (text, ==, "edited");
  g_clear_pointer (&text, g_free);
  text = goal_member (f->store, f->client_id, f->goal_id, "status");
  g_assert_cmpstr (text, ==, "achieved");
  g_clear_pointer (&text, g_free);

  /* Whose goal, removed on this side: the other side's chosen. */
  form = polku_conflicts_window_edit (window, who_id);
  choices = form_choices (form);
  g_assert_cmpstr (choices, ==, "The client,A professional");
  g_clear_pointer (&choices, g_free);
  g_assert_cmpstr (polku_form_dialog_get_choice (form, "value"), ==, "professional");
  gtk_window_destroy (GTK_WINDOW (form));

  /* A date: typed as d.m.yyyy, refused when it is none, decided as YYYY-MM-DD. */
  form = polku_conflicts_window_edit (window, date_id);
  text = polku_form_dialog_get_text (form, "value");
  g_assert_cmpstr (text, ==, "30.6.2027");
  g_clear_pointer (&text, g_free);
  g_assert_null (test_find_widget (GTK_WIDGET (form), GTK_TYPE_TEXT_VIEW));
  polku_form_dialog_set_text (form, "value", "31.2.2027");
  g_assert_false (polku_form_dialog_submit (form));
  g_assert_nonnull (polku_form_dialog_get_message (form));
  g_assert_null (conflict_resolution (f->store, f->client_id, date_id));
  polku_form_dialog_set_text (form, "value", "1.8.2027");
  g_assert_true (polku_form_dialog_submit (form));
  text = conflict_resolution (f->store, f->client_id, date_id);
  g_assert_cmpstr (text, ==, "edited");
  g_clear_pointer (&text, g_free);
  text = goal_member (f->store, f->client_id, f->goal_id, "target_date");
  g_assert_cmpstr (text, ==, "2027-08-01");
  g_clear_pointer (&text, g_free);
  test_destroy_window (GTK_WINDOW (window));

  /* In Finnish: the plan's language in Finnish words. */
  g_setenv ("LANGUAGE", "fi", TRUE);
  test_bind_catalogs ();
  window = polku_conflicts_window_new (NULL, f->store, f->client_id);
  gtk_window_present (GTK_WINDOW (window));
  form = polku_conflicts_window_edit (window, language_id);
  choices = form_choices (form);
  g_assert_cmpstr (choices, ==, "suomi,ruotsi");
  g_assert_cmpstr (polku_form_dialog_get_choice (form, "value"), ==, "fi");
  gtk_window_destroy (GTK_WINDOW (form));
  test_destroy_window (GTK_WINDOW (window));
  test_restore_language (before);
}

/* TestWidgetMatch: a label drawn cut short with an ellipsis (the header bar's title aside: a
 * window manager's buttons decide its room). */
static gboolean
label_cut (GtkWidget     *widget,
           gconstpointer  data)
{
  return GTK_IS_LABEL (widget) && gtk_widget_get_mapped (widget)
         && gtk_widget_get_ancestor (widget, ADW_TYPE_HEADER_BAR) == NULL
         && pango_layout_is_ellipsized (gtk_label_get_layout (GTK_LABEL (widget)));
}

/* At 360 px in Finnish and Swedish no text of the queue is cut short, the toast that says a
 * conflict was decided included (its longer words were cut to "Päätetty. Seuraava
 * synkrono…"). */
static void
test_conflicts_narrow_words (Fixture       *f,
                             gconstpointer  data)
{
  static const char * const languages[] = { "fi", "sv" };
  g_autofree char *before = g_strdup (g_getenv ("LANGUAGE"));

  for (guint l = 0; l < G_N_ELEMENTS (languages); l++)
    {
      const char *id = add_goal_text_conflict (f, "Asun kotona kotihoidon tuella",
                                               "Muutan palvelutaloon keväällä");
      PolkuConflictsWindow *window;
      GtkWidget *cut;

      add_goal_text_conflict (f, "Tämä puoli", "Se puoli");
      g_setenv ("LANGUAGE", languages[l], TRUE);
      test_bind_catalogs ();
      g_assert_cmpstr (_("Sync Conflicts"), !=, "Sync Conflicts");
      window = polku_conflicts_window_new (NULL, f->store, NULL);
      gtk_window_present (GTK_WINDOW (window));
      test_set_window_width (GTK_WINDOW (window), 360, 800);
      g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "conflicts.keep", "s",
                                                 id));
      test_spin (500);
      g_assert_cmpuint (polku_conflicts_window_get_n_decided (window), >, 0);
      cut = test_find_widget_where (GTK_WIDGET (window), label_cut, NULL);
      if (cut != NULL)
        g_error ("%s: “%s” is cut short at 360 px", languages[l],
                 gtk_label_get_text (GTK_LABEL (cut)));
      test_destroy_window (GTK_WINDOW (window));
    }
  test_restore_language (before);
}

/* The main window: the status in the header, the actions, locking */

static PolkuConflictsWindow *
find_conflicts_window (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

      if (POLKU_IS_CONFLICTS_WINDOW (window))
        return POLKU_CONFLICTS_WINDOW (window);
    }
  return NULL;
}

static void
test_window (Fixture       *f,
             gconstpointer  data)
{
  PolkuStore *store = f->store;
  PolkuWindow *window = polku_window_new_with_store (NULL, f->profile, store);
  PolkuSyncStatus *status;
  PolkuSyncController *controller;
  PolkuConflictsWindow *conflicts;

  gtk_window_present (GTK_WINDOW (window));
  test_wait_tree_loaded (GTK_WIDGET (window));

  status = POLKU_SYNC_STATUS (test_find_widget (GTK_WIDGET (polku_window_get_client_list (window)),
                                                POLKU_TYPE_SYNC_STATUS));
  g_assert_nonnull (status);
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (status)));
  g_assert_cmpstr (gtk_widget_get_tooltip_text (polku_sync_status_get_button (status)), ==,
                   "Sync: Sync is not set up");
  controller = polku_sync_status_get_controller (status);
  g_assert_true (polku_sync_controller_get_store (controller) == store);
  g_assert_cmpint (polku_sync_controller_get_state (controller), ==,
                   POLKU_SYNC_STATE_NOT_SET_UP);

  /* Sync Now without settings: nothing runs. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.sync", NULL));
  g_assert_false (polku_sync_controller_get_busy (controller));

  /* The queue opens for every client. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.conflicts", "s", ""));
  conflicts = find_conflicts_window ();
  g_assert_nonnull (conflicts);
  g_assert_null (polku_conflicts_window_get_client_id (conflicts));
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (conflicts)) == GTK_WINDOW (window));

  /* Locking closes it and lets the controller go of the store. */
  polku_window_lock (window);
  test_spin (50);
  g_assert_null (find_conflicts_window ());
  g_assert_null (polku_sync_controller_get_store (controller));
  gtk_widget_activate_action (GTK_WIDGET (window), "win.sync", NULL);
  g_assert_false (polku_sync_controller_get_busy (controller));

  test_destroy_window (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

/* A profile of @n demo clients; WITH_GOAL: and the one whose plan has a goal. */
#define ADD(path, n, func) \
  g_test_add (path, Fixture, GUINT_TO_POINTER (n), fixture_set_up, func, fixture_tear_down)
#define ADD_WITH_GOAL(path, func) \
  g_test_add (path, Fixture, GUINT_TO_POINTER (3), fixture_set_up_goal, func, \
              fixture_tear_down)
  ADD ("/sync-ui/status-states", 0, test_status_states);
  ADD_WITH_GOAL ("/sync-ui/status-badge", test_status_badge);
  ADD ("/sync-ui/preferences", 0, test_preferences);
  ADD ("/sync-ui/preferences-errors", 0, test_preferences_errors);
  ADD_WITH_GOAL ("/sync-ui/conflicts-window", test_conflicts_window);
  ADD_WITH_GOAL ("/sync-ui/conflicts-keyboard", test_conflicts_keyboard);
  ADD_WITH_GOAL ("/sync-ui/conflicts-take-several", test_conflicts_take_several);
  ADD_WITH_GOAL ("/sync-ui/conflict-labels", test_conflict_labels);
  ADD_WITH_GOAL ("/sync-ui/conflict-values", test_conflict_values);
  ADD_WITH_GOAL ("/sync-ui/conflict-edit-coded", test_conflict_edit_coded);
  ADD_WITH_GOAL ("/sync-ui/conflicts-narrow-words", test_conflicts_narrow_words);
  ADD ("/sync-ui/window", 2, test_window);
#undef ADD
#undef ADD_WITH_GOAL

  return g_test_run ();
}
