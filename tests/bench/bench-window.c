/* bench-window.c: the window's side of the county benchmark (tests/bench/bench-county.py)
 *
 * Copyright 2026 The Polku authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The real main window (PolkuWindow with its client list, client page and tabs) on a
 * database made by `bench-store make`, under a display (tests/with-display.sh: Xvfb,
 * GSK_RENDERER=cairo). The process measures itself:
 *
 *   bench-window startup DIR       from the start of main () to the first frame the main
 *                                  window paints (the frame clock's after-paint), with the
 *                                  store opened on the way as Polku opens it; then until the
 *                                  list has loaded and settled, and the peak resident memory
 *                                  (VmHWM) at that point
 *   bench-window search DIR        typing into the search entry: from the entry's change
 *                                  to the list updated (filter done, every row showing its
 *                                  client), per keystroke; until the first frame painted
 *                                  after the change (the new list on screen), and the main
 *                                  thread's CPU time meanwhile; and the longest the main
 *                                  loop was busy until the updated list was painted. The
 *                                  changes come the entry's search delay apart, as typing
 *                                  makes them. Info lines give the first frame's phases
 *                                  (POLKU_BENCH_KEYSTROKES=1 prints each keystroke)
 *   bench-window page DIR [HETU]   opening a client's page on each tab: from the selection
 *                                  of its row (after its neighbour's, as a click on a row the
 *                                  list shows) to the tab's data shown; and "page-far", the
 *                                  overview opened from the top of the list, which scrolls the
 *                                  list to the client. Without HETU, the client with the most
 *                                  contacts; its identity code is printed, so that the same
 *                                  client is opened in another database
 *   bench-window verify DIR        audit verification from the Log tab: the longest the main
 *                                  loop waited from Check the Log (log.verify) until its
 *                                  result was painted (the client's page loaded and painted
 *                                  before), and where in the check that wait was; then the
 *                                  same measure with nothing running (idle-stall)
 *
 * Results are lines "figure NAME VALUE UNIT" (and "info NAME VALUE") on stdout.
 */

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <stdio.h>
#include <time.h>

#include "polku-audit.h"
#include "polku-client-list.h"
#include "polku-client-page.h"
#include "polku-client-store.h"
#include "polku-contact-store.h"
#include "polku-log-view.h"
#include "polku-profile.h"
#include "polku-store.h"
#include "polku-window-private.h"
#include "polku-window.h"

#include "bench-common.h"

static gint64 process_start;

static const char *mode;
static const char *data_dir;
static const char *wanted_hetu;
static int status = 0;

typedef gboolean (*Condition) (gpointer data);

static gboolean
wake (gpointer data)
{
  return G_SOURCE_CONTINUE;
}

/* Runs the main loop until @condition holds (checked at least every millisecond). */
static void
wait_until (Condition   condition,
            gpointer    data,
            const char *what)
{
  gint64 deadline = g_get_monotonic_time () + 600 * G_USEC_PER_SEC;
  guint ticker = g_timeout_add (1, wake, NULL);

  while (!condition (data))
    {
      if (g_get_monotonic_time () > deadline)
        g_error ("Timed out waiting until %s", what);
      g_main_context_iteration (NULL, TRUE);
    }
  g_source_remove (ticker);
}

static void
spin (guint ms)
{
  gint64 deadline = g_get_monotonic_time () + (gint64) ms * 1000;
  guint ticker = g_timeout_add (1, wake, NULL);

  while (g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (ticker);
}

static void
figure (const char *name,
        double      value,
        const char *unit)
{
  printf ("figure %s %.4f %s\n", name, value, unit);
  fflush (stdout);
}

static double
ms_since (gint64 start)
{
  return (g_get_monotonic_time () - start) / 1000.0;
}

static gboolean
window_settled (gpointer data)
{
  return polku_window_get_settled (data);
}

static gboolean
tree_loading (GtkWidget *root)
{
  if (POLKU_IS_CLIENT_VIEW (root) && polku_client_view_get_loading (POLKU_CLIENT_VIEW (root)))
    return TRUE;
  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (tree_loading (child))
      return TRUE;
  return FALSE;
}

/* The first widget of @type under @root, depth first. */
static GtkWidget *
find_widget (GtkWidget *root,
             GType      type)
{
  if (g_type_is_a (G_OBJECT_TYPE (root), type))
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_widget (child, type);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* Startup */

typedef struct
{
  PolkuWindow *window;
  gint64       first_frame;
  gulong       handler;
} Startup;

static void
on_after_paint (GdkFrameClock *clock,
                Startup       *startup)
{
  if (startup->first_frame == 0)
    startup->first_frame = g_get_monotonic_time ();
  g_signal_handler_disconnect (clock, startup->handler);
  startup->handler = 0;
}

static void
on_realize (GtkWidget *widget,
            Startup   *startup)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (widget);

  startup->handler = g_signal_connect (clock, "after-paint", G_CALLBACK (on_after_paint),
                                       startup);
}

static gboolean
has_first_frame (gpointer data)
{
  return ((Startup *) data)->first_frame != 0;
}

static PolkuWindow *
open_window (GtkApplication *app,
             Startup        *startup)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (data_dir, "polku.db", NULL);
  g_autoptr(PolkuProfile) profile = polku_profile_new (data_dir);
  g_autoptr(PolkuStore) store = NULL;
  PolkuWindow *window;

  store = polku_store_open (path, POLKU_KEY_RAW, BENCH_KEY, FALSE, &error);
  if (store == NULL)
    g_error ("Could not open the benchmark database: %s", error->message);
  printf ("info store-opened-ms %.1f\n", ms_since (process_start));
  window = polku_window_new_with_store (ADW_APPLICATION (app), profile, store);
  printf ("info window-made-ms %.1f\n", ms_since (process_start));
  gtk_window_set_default_size (GTK_WINDOW (window), 1100, 800);
  if (startup != NULL)
    g_signal_connect (window, "realize", G_CALLBACK (on_realize), startup);
  gtk_window_present (GTK_WINDOW (window));
  return window;
}

static void
run_startup (GtkApplication *app)
{
  Startup startup = { NULL, 0, 0 };

  startup.window = open_window (app, &startup);
  wait_until (has_first_frame, &startup, "the first frame");
  figure ("first-frame", (startup.first_frame - process_start) / 1000.0, "ms");
  printf ("info list-state-at-first-frame %s\n", polku_window_get_list_state (startup.window));

  wait_until (window_settled, startup.window, "the list has loaded");
  spin (100);
  figure ("list-loaded", ms_since (process_start), "ms");
  printf ("info clients %u\n",
          g_list_model_get_n_items (polku_window_get_all_clients (startup.window)));
  figure ("peak-rss", bench_peak_rss_mib (), "MiB");
  gtk_window_destroy (GTK_WINDOW (startup.window));
}

/* Search as you type */

static gboolean
list_updated (gpointer data)
{
  return polku_window_get_settled (data);
}

/* The phases of the frame clock, in the order of a frame: where the first frame after a
 * keystroke spends its time. "update" is the tick callbacks and the styles (GtkNative
 * validates the CSS nodes after them) and, on X11, the window's size computed again when a
 * resize was queued (GDK asks the X server for the monitor's work area, and the window
 * measures its widgets); "layout" the surface's size again and every measure and allocation
 * not done yet; "paint" the snapshot and the renderer. */
enum
{
  PHASE_BEFORE_PAINT,
  PHASE_UPDATE,
  PHASE_LAYOUT,
  PHASE_PAINT,
  N_PHASES
};

static const char * const phase_names[N_PHASES] = { "before", "update", "layout", "paint" };

/* The frames painted while a keystroke is timed, and the longest of them (from the frame
 * clock's before-paint to its after-paint: layout, drawing, rendering); when each phase of
 * the first of them ended, on the wall clock and in this thread's CPU time. */
typedef struct
{
  guint  n_frames;
  gint64 started;
  gint64 longest;
  gint64 first_painted;
  gint64 first_painted_cpu;
  gint64 phase_end[N_PHASES];
  gint64 phase_cpu[N_PHASES];
} Frames;

/* The CPU time this thread has used, in µs: on a loaded machine the wall clock also counts
 * the time the process waited for a core. */
static gint64
thread_cpu_time (void)
{
  struct timespec now;

  if (clock_gettime (CLOCK_THREAD_CPUTIME_ID, &now) != 0)
    g_error ("No thread CPU clock");
  return (gint64) now.tv_sec * G_USEC_PER_SEC + now.tv_nsec / 1000;
}

static void
on_before_paint (GdkFrameClock *clock,
                 Frames        *frames)
{
  frames->started = g_get_monotonic_time ();
  if (frames->n_frames == 0)
    {
      frames->phase_end[PHASE_BEFORE_PAINT] = frames->started;
      frames->phase_cpu[PHASE_BEFORE_PAINT] = thread_cpu_time ();
    }
}

static void
on_phase_done (Frames *frames,
               guint   phase)
{
  if (frames->n_frames == 0)
    {
      frames->phase_end[phase] = g_get_monotonic_time ();
      frames->phase_cpu[phase] = thread_cpu_time ();
    }
}

static void
on_update_done (GdkFrameClock *clock,
                Frames        *frames)
{
  on_phase_done (frames, PHASE_UPDATE);
}

static void
on_layout_done (GdkFrameClock *clock,
                Frames        *frames)
{
  on_phase_done (frames, PHASE_LAYOUT);
}

static void
on_paint_done (GdkFrameClock *clock,
               Frames        *frames)
{
  on_phase_done (frames, PHASE_PAINT);
}

static void
on_frame_painted (GdkFrameClock *clock,
                  Frames        *frames)
{
  frames->n_frames++;
  if (frames->first_painted == 0)
    {
      frames->first_painted = g_get_monotonic_time ();
      frames->first_painted_cpu = thread_cpu_time ();
    }
  if (frames->started != 0)
    frames->longest = MAX (frames->longest, g_get_monotonic_time () - frames->started);
}

/* How long @phase of the first frame took in ms, by @stamps (phase_end: the wall clock,
 * phase_cpu: this thread's CPU); 0 when the frame had none of it: the frame clock runs only
 * the phases asked for. */
static double
phase_ms (const gint64 *stamps,
          guint         phase)
{
  guint before = phase - 1;

  while (before > PHASE_BEFORE_PAINT && stamps[before] == 0)
    before--;
  if (stamps[phase] == 0 || stamps[before] == 0)
    return 0;
  return (stamps[phase] - stamps[before]) / 1000.0;
}

/* What the keystrokes measured, one value per keystroke in each array (ms). */
typedef struct
{
  GArray *times;       /* until every row, off screen too, shows its client */
  GArray *blocks;      /* the longest the main loop was busy until the frame was painted */
  GArray *shown;       /* until the first frame after the change was painted */
  GArray *shown_cpu;   /* the CPU this thread used meanwhile */
  double  phase_sum[N_PHASES];      /* of the first frame ("before": the change to its start) */
  double  phase_cpu_sum[N_PHASES];
  gint64  last_change;              /* when the entry last changed */
} Keystrokes;

static void
append (GArray *array,
        double  ms)
{
  g_array_append_val (array, ms);
}

/* One keystroke: what the entry does after its typing delay (the delay itself is not the
 * list's), timed until the list has updated (every row, off screen too) in times, and in
 * blocks the longest the main loop was kept busy until the frame that shows the updated
 * list has been painted: the keystroke's own work, or any one iteration of the loop after
 * it (rows given their clients after a frame, a frame itself: layout, drawing, rendering).
 * Above 16 ms, a frame is late. In shown, the time until the first frame after the change
 * has been painted: when the user sees the new list (the rows on screen), and in shown_cpu
 * the CPU time the main thread used for it. */
static void
keystroke (PolkuWindow *window,
           Keystrokes  *measured,
           gint64       start)
{
  GtkEditable *entry = polku_window_get_search_entry (window);
  GdkFrameClock *clock = gtk_widget_get_frame_clock (GTK_WIDGET (window));
  guint ticker = g_timeout_add (1, wake, NULL);
  Frames frames = { 0 };
  gulong handlers[] = {
    g_signal_connect (clock, "before-paint", G_CALLBACK (on_before_paint), &frames),
    g_signal_connect_after (clock, "update", G_CALLBACK (on_update_done), &frames),
    g_signal_connect_after (clock, "layout", G_CALLBACK (on_layout_done), &frames),
    g_signal_connect_after (clock, "paint", G_CALLBACK (on_paint_done), &frames),
    g_signal_connect (clock, "after-paint", G_CALLBACK (on_frame_painted), &frames),
  };
  gint64 start_cpu = thread_cpu_time ();
  gint64 longest;
  gint64 changed;
  gint64 changed_cpu;
  guint n_frames;

  g_signal_emit_by_name (entry, "search-changed");
  changed = g_get_monotonic_time ();
  changed_cpu = thread_cpu_time ();
  longest = changed - start;
  while (!list_updated (window))
    {
      gint64 before = g_get_monotonic_time ();

      g_main_context_iteration (NULL, TRUE);
      longest = MAX (longest, g_get_monotonic_time () - before);
    }
  append (measured->times, ms_since (start));

  /* Then the frame that shows it (the wait for the frame clock's tick is not work). */
  n_frames = frames.n_frames;
  gdk_frame_clock_request_phase (clock, GDK_FRAME_CLOCK_PHASE_AFTER_PAINT);
  while (frames.n_frames == n_frames)
    {
      gint64 before = g_get_monotonic_time ();

      g_main_context_iteration (NULL, TRUE);
      longest = MAX (longest, g_get_monotonic_time () - before);
    }
  g_source_remove (ticker);
  for (guint i = 0; i < G_N_ELEMENTS (handlers); i++)
    g_signal_handler_disconnect (clock, handlers[i]);

  append (measured->shown, (frames.first_painted - start) / 1000.0);
  append (measured->shown_cpu, (frames.first_painted_cpu - start_cpu) / 1000.0);
  append (measured->blocks, longest / 1000.0);
  measured->phase_sum[PHASE_BEFORE_PAINT] += (frames.phase_end[PHASE_BEFORE_PAINT] - changed)
                                             / 1000.0;
  measured->phase_cpu_sum[PHASE_BEFORE_PAINT] += (frames.phase_cpu[PHASE_BEFORE_PAINT]
                                                  - changed_cpu) / 1000.0;
  for (guint phase = PHASE_UPDATE; phase < N_PHASES; phase++)
    {
      measured->phase_sum[phase] += phase_ms (frames.phase_end, phase);
      measured->phase_cpu_sum[phase] += phase_ms (frames.phase_cpu, phase);
    }
  if (g_getenv ("POLKU_BENCH_KEYSTROKES") != NULL)
    printf ("info keystroke \"%s\" %u clients %.2f ms, longest wait %.2f ms, "
            "%u frames, the longest %.2f ms; the first frame painted after %.2f ms "
            "(%.2f ms CPU): the change %.2f ms CPU, then %.2f ms (%.2f CPU) until the frame, "
            "update %.2f (%.2f), layout %.2f (%.2f), paint %.2f (%.2f)\n",
            gtk_editable_get_text (entry),
            g_list_model_get_n_items (polku_window_get_visible_clients (window)),
            g_array_index (measured->times, double, measured->times->len - 1), longest / 1000.0,
            frames.n_frames, frames.longest / 1000.0,
            (frames.first_painted - start) / 1000.0,
            (frames.first_painted_cpu - start_cpu) / 1000.0, (changed_cpu - start_cpu) / 1000.0,
            (frames.phase_end[PHASE_BEFORE_PAINT] - changed) / 1000.0,
            (frames.phase_cpu[PHASE_BEFORE_PAINT] - changed_cpu) / 1000.0,
            phase_ms (frames.phase_end, PHASE_UPDATE), phase_ms (frames.phase_cpu, PHASE_UPDATE),
            phase_ms (frames.phase_end, PHASE_LAYOUT), phase_ms (frames.phase_cpu, PHASE_LAYOUT),
            phase_ms (frames.phase_end, PHASE_PAINT), phase_ms (frames.phase_cpu, PHASE_PAINT));
}

/* The search entry tells of a change only once its search delay (150 ms) has passed since
 * the last key: two changes never come closer than that. Waits until that long after the
 * previous change, so that a keystroke's frame is not timed from a frame clock still pacing
 * the previous keystroke's frames (without vsync, GDK starts a frame at the earliest 16.7
 * ms after the previous one began: a keystroke made right after a frame waited for most of
 * a frame interval before any of its own work was drawn). */
static void
wait_search_delay (GtkEditable *entry,
                   gint64      *last_change)
{
  gint64 delay = (gint64) gtk_search_entry_get_search_delay (GTK_SEARCH_ENTRY (entry)) * 1000;
  gint64 since = g_get_monotonic_time () - *last_change;

  if (*last_change != 0 && since < delay)
    spin ((delay - since + 999) / 1000);
}

/* Letter by letter, then deleted letter by letter, as typing changes the entry: one
 * character inserted at the end or deleted there (gtk_editable_set_text () would empty the
 * entry first, and an emptied search entry tells of it at once: a keystroke would be timed
 * as two searches, one of them over every client). */
static void
type_query (PolkuWindow *window,
            const char  *query,
            Keystrokes  *measured)
{
  GtkEditable *entry = polku_window_get_search_entry (window);
  const char *letter;

  gtk_editable_set_text (entry, "");
  for (letter = query; *letter != '\0'; letter = g_utf8_next_char (letter))
    {
      gint64 start;
      int position = -1;

      wait_search_delay (entry, &measured->last_change);
      start = measured->last_change = g_get_monotonic_time ();
      gtk_editable_insert_text (entry, letter, g_utf8_next_char (letter) - letter, &position);
      keystroke (window, measured, start);
    }
  while (g_utf8_strlen (gtk_editable_get_text (entry), -1) > 0)
    {
      int length = g_utf8_strlen (gtk_editable_get_text (entry), -1);
      gint64 start;

      wait_search_delay (entry, &measured->last_change);
      start = measured->last_change = g_get_monotonic_time ();
      gtk_editable_delete_text (entry, length - 1, length);
      keystroke (window, measured, start);
    }
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y;
}

/* The mean, the 95th percentile and the largest of @values as figures NAME-mean, -p95 and
 * -max (@values is sorted). */
static void
figures_of (const char *name,
            GArray     *values)
{
  g_autofree char *mean = g_strdup_printf ("%s-mean", name);
  g_autofree char *p95 = g_strdup_printf ("%s-p95", name);
  g_autofree char *max = g_strdup_printf ("%s-max", name);
  double sum = 0;

  g_array_sort (values, compare_doubles);
  for (guint i = 0; i < values->len; i++)
    sum += g_array_index (values, double, i);
  figure (mean, sum / values->len, "ms");
  figure (p95, g_array_index (values, double, (values->len * 95) / 100), "ms");
  figure (max, g_array_index (values, double, values->len - 1), "ms");
}

static void
run_search (GtkApplication *app)
{
  static const char * const queries[] = { "virtanen", "anna kor", "lindqvist", "040 1",
                                          "seinäjoki", NULL };
  PolkuWindow *window = open_window (app, NULL);
  g_autoptr(GArray) times = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) blocks = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) shown = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) shown_cpu = g_array_new (FALSE, FALSE, sizeof (double));
  Keystrokes measured = { times, blocks, shown, shown_cpu, { 0 }, { 0 }, 0 };

  wait_until (window_settled, window, "the list has loaded");
  spin (200);
  for (guint q = 0; queries[q] != NULL; q++)
    type_query (window, queries[q], &measured);
  printf ("info keystrokes %u\n", times->len);
  figures_of ("search", times);
  g_array_sort (blocks, compare_doubles);
  figure ("search-wait-p95", g_array_index (blocks, double, (blocks->len * 95) / 100), "ms");
  figure ("search-wait-max", g_array_index (blocks, double, blocks->len - 1), "ms");
  figures_of ("search-shown", shown);
  figures_of ("search-shown-cpu", shown_cpu);
  for (guint phase = 0; phase < N_PHASES; phase++)
    printf ("info search-first-frame-%s-mean-ms %.2f (CPU %.2f)\n", phase_names[phase],
            measured.phase_sum[phase] / shown->len, measured.phase_cpu_sum[phase] / shown->len);
  gtk_window_destroy (GTK_WINDOW (window));
}

/* A client's page */

static char *
pick_client (PolkuWindow *window,
             char       **out_hetu)
{
  GListModel *clients = polku_window_get_all_clients (window);
  PolkuStore *store = polku_window_get_store (window);
  g_autofree char *best = NULL;
  guint most = 0;

  for (guint i = 0; i < g_list_model_get_n_items (clients); i++)
    {
      g_autoptr(PolkuClient) client = g_list_model_get_item (clients, i);
      g_autoptr(GPtrArray) contacts = NULL;

      if (wanted_hetu != NULL)
        {
          if (g_strcmp0 (polku_client_get_hetu (client), wanted_hetu) != 0)
            continue;
          *out_hetu = g_strdup (wanted_hetu);
          return g_strdup (polku_client_get_id (client));
        }
      contacts = polku_contact_store_list (store, polku_client_get_id (client), NULL, NULL,
                                           NULL);
      if (contacts != NULL && contacts->len > most)
        {
          most = contacts->len;
          g_free (best);
          best = g_strdup (polku_client_get_id (client));
          g_free (*out_hetu);
          *out_hetu = g_strdup (polku_client_get_hetu (client));
        }
    }
  if (wanted_hetu != NULL)
    g_error ("No client has the identity code asked for");
  return g_steal_pointer (&best);
}

typedef struct
{
  PolkuWindow *window;
  const char  *client_id;
} PageWait;

static gboolean
page_loaded (gpointer data)
{
  PageWait *wait = data;
  PolkuClientPage *page = polku_window_get_client_page (wait->window);

  return g_strcmp0 (polku_client_view_get_client_id (POLKU_CLIENT_VIEW (page)),
                    wait->client_id) == 0
         && !tree_loading (GTK_WIDGET (page));
}

/* Opens @client_id's page on @tab after @other_id's (then nothing selected), three times
 * after a warm-up; returns the
 * median time from the selection to the loaded page, and in @out_select the median time the
 * selection itself took (the list, the audit entry of the view, the reads started). */
static double
time_page (PolkuWindow *window,
           const char  *tab,
           const char  *client_id,
           const char  *other_id,
           double      *out_select)
{
  PolkuClientList *list = polku_window_get_client_list (window);
  PolkuClientPage *page = polku_window_get_client_page (window);
  g_autoptr(GArray) times = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) selects = g_array_new (FALSE, FALSE, sizeof (double));

  for (guint round = 0; round < 4; round++)
    {
      PageWait other = { window, other_id };
      PageWait wait = { window, client_id };
      gint64 start;
      double ms;

      g_assert_true (polku_client_list_select_client (list, other_id, TRUE));
      polku_client_page_show_tab (page, tab);
      wait_until (page_loaded, &other, "the other client's page has loaded");
      /* Nothing selected, the list where it was: what the selection costs is then the
       * client's own page, not clearing the other client's, whose data differ between the
       * two databases. */
      polku_client_list_unselect (list);
      spin (50);

      start = g_get_monotonic_time ();
      g_assert_true (polku_client_list_select_client (list, client_id, TRUE));
      ms = ms_since (start);
      if (round > 0)  /* the first is a warm-up */
        g_array_append_val (selects, ms);
      wait_until (page_loaded, &wait, "the client's page has loaded");
      ms = ms_since (start);
      if (round > 0)
        g_array_append_val (times, ms);
    }
  g_array_sort (times, compare_doubles);
  g_array_sort (selects, compare_doubles);
  *out_select = g_array_index (selects, double, selects->len / 2);
  return g_array_index (times, double, times->len / 2);
}

/* A user opens a client by clicking a row the list shows: the client opened before the one
 * measured is its neighbour in the list, so that neither selection scrolls the list. Opening
 * it from the top of the list, which scrolls the list to it (as opening a client from
 * elsewhere in the window does, e.g. a follow-up), is timed apart as "page-far". */
static void
run_page (GtkApplication *app)
{
  static const char * const tabs[] = { "overview", "plan", "measures", "contacts", "log", NULL };
  PolkuWindow *window = open_window (app, NULL);
  GListModel *clients;
  g_autofree char *hetu = NULL;
  g_autofree char *client_id = NULL;
  g_autofree char *neighbour_id = NULL;
  g_autofree char *first_id = NULL;
  guint n_clients;
  double select_ms;

  wait_until (window_settled, window, "the list has loaded");
  clients = polku_window_get_all_clients (window);
  n_clients = g_list_model_get_n_items (clients);
  client_id = pick_client (window, &hetu);
  printf ("info hetu %s\n", hetu);
  for (guint i = 0; i < n_clients; i++)
    {
      g_autoptr(PolkuClient) client = g_list_model_get_item (clients, i);
      g_autoptr(PolkuClient) next = NULL;

      if (g_strcmp0 (polku_client_get_id (client), client_id) != 0)
        continue;
      next = g_list_model_get_item (clients, i + 1 < n_clients ? i + 1 : i - 1);
      neighbour_id = g_strdup (polku_client_get_id (next));
      printf ("info position %u of %u\n", i, n_clients);
      break;
    }
  for (guint i = 0; first_id == NULL && i < n_clients; i++)
    {
      g_autoptr(PolkuClient) client = g_list_model_get_item (clients, i);

      if (g_strcmp0 (polku_client_get_id (client), client_id) != 0)
        first_id = g_strdup (polku_client_get_id (client));
    }
  g_assert_nonnull (neighbour_id);

  for (guint t = 0; tabs[t] != NULL; t++)
    {
      g_autofree char *name = g_strdup_printf ("page-%s", tabs[t]);
      double ms = time_page (window, tabs[t], client_id, neighbour_id, &select_ms);

      figure (name, ms, "ms");
      printf ("info %s-selection-ms %.2f\n", name, select_ms);
    }
  figure ("page-far", time_page (window, "overview", client_id, first_id, &select_ms), "ms");
  printf ("info page-far-selection-ms %.2f\n", select_ms);
  gtk_window_destroy (GTK_WINDOW (window));
}

/* Audit verification in the Log tab: how long the main loop was kept waiting, from Check
 * the Log until its result has been painted. */

typedef struct
{
  gint64 last;
  gint64 longest;
  gint64 longest_end;  /* when the longest wait ended */
  guint  ticks;
} Stall;

static gboolean
measure_stall (gpointer data)
{
  Stall *stall = data;
  gint64 now = g_get_monotonic_time ();

  if (now - stall->last > stall->longest)
    {
      stall->longest = now - stall->last;
      stall->longest_end = now;
    }
  stall->last = now;
  stall->ticks++;
  return G_SOURCE_CONTINUE;
}

/* Counts from @now: the time until the first tick is a wait too (the frame that shows the
 * check starting can come before it). */
static guint
start_stall (Stall  *stall,
             gint64  now)
{
  *stall = (Stall) { now, 0, 0, 0 };
  return g_timeout_add (2, measure_stall, stall);
}

static gboolean
verify_done (gpointer data)
{
  return !polku_log_view_get_verifying (data);
}

static void
count_frame (GdkFrameClock *clock,
             guint         *painted)
{
  (*painted)++;
}

typedef struct
{
  guint *painted;
  guint  until;
} FrameWait;

static gboolean
frames_painted (gpointer data)
{
  FrameWait *wait = data;

  return *wait->painted >= wait->until;
}

/* Runs the main loop until the window has painted another frame: what was just shown is on
 * the screen. */
static void
wait_for_frame (GtkWidget *widget,
                guint     *painted)
{
  FrameWait wait = { painted, *painted + 1 };

  gtk_widget_queue_draw (widget);
  wait_until (frames_painted, &wait, "a frame has been painted");
}

static void
run_verify (GtkApplication *app)
{
  PolkuWindow *window = open_window (app, NULL);
  PolkuClientList *list = polku_window_get_client_list (window);
  PolkuClientPage *page = polku_window_get_client_page (window);
  g_autoptr(PolkuClient) first = NULL;
  GdkFrameClock *clock;
  PolkuLogView *log;
  PageWait wait = { window, NULL };
  Stall stall, during;
  guint painted = 0;
  gulong handler;
  guint ticker;
  gint64 start, done;

  wait_until (window_settled, window, "the list has loaded");
  first = g_list_model_get_item (polku_window_get_all_clients (window), 0);
  wait.client_id = polku_client_get_id (first);
  g_assert_true (polku_client_list_select_client (list, wait.client_id, TRUE));
  polku_client_page_show_tab (page, "log");
  wait_until (page_loaded, &wait, "the log has loaded");
  log = POLKU_LOG_VIEW (find_widget (GTK_WIDGET (page), POLKU_TYPE_LOG_VIEW));

  /* The loaded page on the screen first, the tab's transition over: laying out and painting
   * a newly read page is the page's cost (line 4), not the check's, and it used to fall into
   * the first wait measured here, or not, as the first tick came before the frame or after. */
  clock = gtk_widget_get_frame_clock (GTK_WIDGET (window));
  handler = g_signal_connect (clock, "after-paint", G_CALLBACK (count_frame), &painted);
  wait_for_frame (GTK_WIDGET (log), &painted);
  spin (500);

  start = g_get_monotonic_time ();
  ticker = start_stall (&stall, start);
  gtk_widget_activate_action (GTK_WIDGET (log), "log.verify", NULL);
  wait_until (verify_done, log, "the verification has finished");
  done = g_get_monotonic_time ();
  /* Until its result is on the screen: the waits from here on are the end's. */
  during = stall;
  stall.longest = stall.longest_end = 0;
  wait_for_frame (GTK_WIDGET (log), &painted);
  g_source_remove (ticker);
  g_signal_handler_disconnect (clock, handler);
  if (stall.longest > during.longest)
    during.longest_end = stall.longest_end;
  figure ("verify-window", (done - start) / 1000.0, "ms");
  figure ("verify-stall", MAX (during.longest, stall.longest) / 1000.0, "ms");
  printf ("info verify-ticks %u\n", stall.ticks);
  /* Where the longest wait was (from the start: as the check started, while it ran, or as
   * its result was shown), and the longest from the end of the check to its result painted. */
  printf ("info verify-stall-at-ms %.1f\n", (during.longest_end - start) / 1000.0);
  printf ("info verify-end-stall-ms %.2f\n", stall.longest / 1000.0);

  /* The same wait with nothing running: what this machine's scheduler alone costs. */
  ticker = start_stall (&stall, g_get_monotonic_time ());
  spin (MIN ((done - start) / 1000, 5000));
  g_source_remove (ticker);
  figure ("idle-stall", stall.longest / 1000.0, "ms");
  printf ("info idle-ticks %u\n", stall.ticks);
  gtk_window_destroy (GTK_WINDOW (window));
}

static void
on_activate (GtkApplication *app)
{
  g_application_hold (G_APPLICATION (app));
  if (g_str_equal (mode, "startup"))
    run_startup (app);
  else if (g_str_equal (mode, "search"))
    run_search (app);
  else if (g_str_equal (mode, "page"))
    run_page (app);
  else if (g_str_equal (mode, "verify"))
    run_verify (app);
  g_application_release (G_APPLICATION (app));
  g_application_quit (G_APPLICATION (app));
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(AdwApplication) app = NULL;

  process_start = g_get_monotonic_time ();
  if (argc < 3 || argc > 4)
    {
      fprintf (stderr, "Usage: %s startup|search|page|verify DIR [HETU]\n", argv[0]);
      return 2;
    }
  mode = argv[1];
  data_dir = argv[2];
  wanted_hetu = argc == 4 ? argv[3] : NULL;

  /* As Polku's own application: its styles and icons, no single-instance bus name. */
  app = g_object_new (ADW_TYPE_APPLICATION,
                      "application-id", APP_ID,
                      "flags", G_APPLICATION_NON_UNIQUE,
                      "resource-base-path", RESOURCE_BASE,
                      NULL);
  g_signal_connect (app, "activate", G_CALLBACK (on_activate), NULL);
  g_application_run (G_APPLICATION (app), 1, argv);
  return status;
}
