/* polku-client-list.c: the main window's sidebar: the client list, its search and filters
 *
 * The clients of the store, filtered by the search, the case filters (PolkuClientFilters)
 * and the Show Archived setting, sorted as the core sorts, with one of them selected. The
 * window shows the selected client's page; "client-activated" asks it to open that page (a
 * row activated, Enter in the search).
 *
 * The coordinator's own view: the header's subtitle is the size of the caseload of whoever
 * works (the store's actor), and "Waiting for a Coordinator" shows the queue (open cases
 * with no coordinator, each with how long it has waited) in place of the list, where a
 * client can be taken as one's own. Both are read in a thread after the list has loaded,
 * and again when they can have changed: a coordinator named (win.caseload-changed), a client
 * added, changed or archived, a client taken, the queue shown. Not at every selection: at
 * county size the queue's read takes tens of milliseconds, and the client's page waited
 * for it. The queue's rows exist only while it is shown.
 *
 * Loading at county size: the first frame never waits for every client. A screenful is
 * read first, in the store's name order through its index (polku_client_store_list_first
 * ()), and shown; the whole list is read in the list's thread once the frame that shows the
 * screenful has been painted, sorted there by the user's collation and its search text
 * folded, and then takes the screenful's place. The list is kept in order (an added or
 * renamed client is placed by a binary search), so a search only filters: no sorter runs
 * over thousands of rows per keystroke.
 * The list view shows slots (polku-client-slots.c), whose rows stay when a search changes
 * which clients show.
 *
 * Over 1,000 lines: the list, its loading, the queue and the two selections are one
 * widget's state and share it field by field; what stands alone (the rows, the slots, the
 * case filters) is in files of its own.
 *
 * Copyright 2026 The Polku authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "polku-client-list"

#include "config.h"

#include <glib/gi18n.h>
#include <stdlib.h>
#include <string.h>

#include "polku-a11y-private.h"
#include "polku-case.h"
#include "polku-client-filters.h"
#include "polku-client-list-private.h"
#include "polku-client-row.h"
#include "polku-client-slots-private.h"
#include "polku-client-store.h"
#include "polku-coordinator-store.h"
#include "polku-error-dialog.h"

struct _PolkuClientList
{
  AdwBin              parent_instance;

  PolkuStore         *store;
  GSettings          *settings;
  GCancellable       *cancellable;
  gboolean            folded;
  guint               followups_due;

  char               *query;
  gboolean            show_archived;
  gboolean            loading;
  guint               full_load_tick;        /* the whole list's read, once the screenful
                                              * has been painted */
  gint64              full_load_after;       /* the frame counter as the screenful came */
  gboolean            all_requested;         /* the whole list's read has started */

  GtkSearchEntry     *search_entry;
  PolkuClientFilters *filters;
  GtkStack           *list_stack;
  GtkListView        *list_view;
  GtkLabel           *followups_count;
  GListStore         *clients;                /* every client, in the list's order */
  GListStore         *shown;                  /* what the list filters: the first
                                               * screenful, then the same as clients */
  GtkFilterListModel *filter_model;
  GtkEveryFilter     *every_filter;
  GtkCustomFilter    *filter;
  GtkSingleSelection *selection;
  PolkuClientSlots   *slots;                  /* the list view's items */
  GtkSingleSelection *view_selection;         /* follows selection, position for position */
  gboolean            syncing;                /* the two selections are being matched */

  GCancellable       *caseload_cancellable;  /* the caseload and queue read in flight */
  gint64              caseload;              /* -1 while not known */
  GPtrArray          *queue;                 /* PolkuCoordinatorWaiting */
  AdwWindowTitle     *window_title;
  GtkToggleButton    *queue_button;
  GtkLabel           *queue_count;
  GtkListBox         *queue_list;
  gboolean            queue_filled;          /* queue_list has a row per client waiting */
  GPtrArray          *row_pool;              /* PolkuClientRow: made, not in use */
};

G_DEFINE_FINAL_TYPE (PolkuClientList, polku_client_list, ADW_TYPE_BIN)

enum
{
  PROP_0,
  PROP_STORE,
  PROP_FOLDED,
  PROP_FOLLOWUPS_DUE,
  PROP_SELECTED_CLIENT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum
{
  CLIENT_ACTIVATED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* Filter, sort, state */

static gboolean
filter_client (gpointer item,
               gpointer user_data)
{
  PolkuClientList *self = user_data;
  PolkuClient *client = item;

  if (!self->show_archived && polku_client_get_archived (client))
    return FALSE;

  return self->query == NULL || polku_client_matches (client, self->query);
}

/* The order of polku_client_compare () (family name, given name by the user's collation,
 * then id) from collation keys made once per client: g_utf8_collate () normalises both
 * names at every comparison, and sorting a county's 10,000 clients that way took seconds.
 * The keys live only while the loading thread sorts. */
typedef struct
{
  PolkuClient *client;
  char        *family_key;
  char        *given_key;
} SortEntry;

static int
compare_entries (const void *a,
                 const void *b)
{
  const SortEntry *x = a;
  const SortEntry *y = b;
  int result = strcmp (x->family_key, y->family_key);

  if (result == 0)
    result = strcmp (x->given_key, y->given_key);
  if (result == 0)
    result = g_strcmp0 (polku_client_get_id (x->client), polku_client_get_id (y->client));
  return result;
}

/* Sorts @clients in the list's order, and folds their search text: in the loading thread. */
static void
prepare_loaded (GPtrArray *clients)
{
  g_autofree SortEntry *entries = g_new (SortEntry, MAX (clients->len, 1));

  for (guint i = 0; i < clients->len; i++)
    {
      PolkuClient *client = g_ptr_array_index (clients, i);
      const char *family = polku_client_get_family_name (client);
      const char *given = polku_client_get_given_name (client);

      entries[i].client = client;
      entries[i].family_key = g_utf8_collate_key (family != NULL ? family : "", -1);
      entries[i].given_key = g_utf8_collate_key (given != NULL ? given : "", -1);
      polku_client_prepare_search (client);
    }
  qsort (entries, clients->len, sizeof (SortEntry), compare_entries);
  for (guint i = 0; i < clients->len; i++)
    {
      g_ptr_array_index (clients, i) = entries[i].client;
      g_free (entries[i].family_key);
      g_free (entries[i].given_key);
    }
}

/* Where @client belongs in @model (sorted), leaving out the item at @skip (G_MAXUINT for
 * none): a binary search, a few comparisons even among thousands. */
static guint
sorted_position (GListModel  *model,
                 PolkuClient *client,
                 guint        skip)
{
  guint n_items = g_list_model_get_n_items (model);
  guint low = 0;
  guint high = skip < n_items ? n_items - 1 : n_items;

  while (low < high)
    {
      guint middle = low + (high - low) / 2;
      g_autoptr(PolkuClient) other =
        g_list_model_get_item (model, skip < n_items && middle >= skip ? middle + 1 : middle);

      if (polku_client_compare (other, client) < 0)
        low = middle + 1;
      else
        high = middle;
    }
  return low;
}

static void
update_list_state (PolkuClientList *self)
{
  guint n_visible = g_list_model_get_n_items (G_LIST_MODEL (self->selection));
  const char *name;

  /* While the whole list loads, the first screenful shows as the list. */
  if (self->loading && n_visible == 0)
    name = "loading";
  else if (gtk_toggle_button_get_active (self->queue_button))
    name = "queue";
  else if (n_visible > 0)
    name = "list";
  else if (self->query != NULL)
    name = "no-results";
  else if (g_list_model_get_n_items (G_LIST_MODEL (self->clients)) == 0)
    name = "empty";
  else
    name = "archived";

  gtk_stack_set_visible_child_name (self->list_stack, name);
}

/* Tells the filter that it lets through more (or fewer, or other) clients than before. */
static void
filter_changed (PolkuClientList *self,
                GtkFilterChange  change)
{
  gtk_filter_changed (GTK_FILTER (self->filter), change);
  update_list_state (self);
}

static void
apply_query (PolkuClientList *self,
             const char      *text)
{
  g_autofree char *old = g_steal_pointer (&self->query);
  GtkFilterChange change;

  if (text != NULL && text[0] != '\0')
    self->query = g_strdup (text);

  if (g_strcmp0 (old, self->query) == 0)
    return;

  /* Typing more can only narrow the list; deleting can only widen it. */
  if (old == NULL || (self->query != NULL && g_str_has_prefix (self->query, old)))
    change = GTK_FILTER_CHANGE_MORE_STRICT;
  else if (self->query == NULL || g_str_has_prefix (old, self->query))
    change = GTK_FILTER_CHANGE_LESS_STRICT;
  else
    change = GTK_FILTER_CHANGE_DIFFERENT;

  filter_changed (self, change);
}

/* The entry tells of a change only after a short delay: a quick Enter or Down must not act
 * on the list of the text before, so they apply the text at once too. */
static void
on_search_changed (PolkuClientList *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));

  /* A search is of the list: typing leaves the queue. */
  if (text[0] != '\0')
    gtk_toggle_button_set_active (self->queue_button, FALSE);
  apply_query (self, text);
}

static void
clear_search (PolkuClientList *self)
{
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  apply_query (self, NULL);
}

static void
on_show_archived_changed (PolkuClientList *self)
{
  gboolean show_archived = g_settings_get_boolean (self->settings, "show-archived");

  if (show_archived == self->show_archived)
    return;

  self->show_archived = show_archived;
  filter_changed (self, show_archived ? GTK_FILTER_CHANGE_LESS_STRICT
                                      : GTK_FILTER_CHANGE_MORE_STRICT);
}

static void update_slots (PolkuClientList *self,
                          guint            position,
                          guint            removed,
                          guint            added);

static void
on_visible_clients_changed (PolkuClientList *self,
                            guint            position,
                            guint            removed,
                            guint            added)
{
  update_slots (self, position, removed, added);
  update_list_state (self);
}

static void
on_selected_item_changed (PolkuClientList *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SELECTED_CLIENT]);
}

/* The rows, each bound to a slot (polku-client-slots.c) whose client it shows. A search
 * that shortens the list and one that lengthens it again take rows away at the end and add
 * them back: the rows are kept for that (row_pool) rather than made from their template
 * again, and the factory is a signal factory (a GtkBuilderListItemFactory parses its XML
 * for every row it makes). GTK 4.8's signal factory takes the row out of its list item and
 * drops it before it emits "teardown", so the list item holds a reference of its own
 * (ROW_KEY) for teardown_row () to put in the pool: without it every row that left was
 * destroyed and every row that came was made again (/client-list/rows-kept). */

/* The most rows kept: the list view's window of rows, and some. */
#define ROW_POOL_SIZE 256

#define ROW_KEY "polku-client-row"

static void
setup_row (GtkListItemFactory *factory,
           GtkListItem        *item,
           PolkuClientList    *self)
{
  GtkWidget *row;

  if (self->row_pool != NULL && self->row_pool->len > 0)
    row = g_ptr_array_steal_index_fast (self->row_pool, self->row_pool->len - 1);
  else
    row = g_object_ref_sink (polku_client_row_new ());
  g_object_set_data_full (G_OBJECT (item), ROW_KEY, row, g_object_unref);
  gtk_list_item_set_child (item, row);
}

static void
teardown_row (GtkListItemFactory *factory,
              GtkListItem        *item,
              PolkuClientList    *self)
{
  GtkWidget *row = g_object_steal_data (G_OBJECT (item), ROW_KEY);

  gtk_list_item_set_child (item, NULL);
  if (row == NULL)
    return;
  polku_client_row_set_client (POLKU_CLIENT_ROW (row), NULL);
  if (self->row_pool != NULL && self->row_pool->len < ROW_POOL_SIZE)
    g_ptr_array_add (self->row_pool, row);
  else
    g_object_unref (row);
}

/* A bound row follows its slot's client: a handler on the slot rather than a GBinding, of
 * which a scroll made and freed one per row (about 200) in the frame that shows it. */
#define SLOT_HANDLER_KEY "polku-slot-handler"

static void
on_slot_client (PolkuClientSlot *slot,
                GParamSpec      *pspec,
                PolkuClientRow  *row)
{
  polku_client_row_set_client (row, polku_client_slot_get_client (slot));
}

static void
bind_row (GtkListItemFactory *factory,
          GtkListItem        *item,
          PolkuClientList    *self)
{
  PolkuClientSlot *slot = gtk_list_item_get_item (item);
  PolkuClientRow *row = POLKU_CLIENT_ROW (gtk_list_item_get_child (item));
  gulong handler;

  polku_client_slots_bind (self->slots, slot, TRUE);
  polku_client_row_set_client (row, polku_client_slot_get_client (slot));
  handler = g_signal_connect (slot, "notify::client", G_CALLBACK (on_slot_client), row);
  g_object_set_data (G_OBJECT (item), SLOT_HANDLER_KEY, GSIZE_TO_POINTER (handler));
}

static void
unbind_row (GtkListItemFactory *factory,
            GtkListItem        *item,
            PolkuClientList    *self)
{
  gulong handler = GPOINTER_TO_SIZE (g_object_steal_data (G_OBJECT (item), SLOT_HANDLER_KEY));

  if (handler != 0)
    g_signal_handler_disconnect (gtk_list_item_get_item (item), handler);
  polku_client_slots_bind (self->slots, gtk_list_item_get_item (item), FALSE);
  /* The row keeps its client until it is bound again (a scroll binds it to another slot at
   * once) or leaves the view (teardown_row ()): not one text change more per row. */
}

/* The view's selection at the position of the visible clients' one. */
static void
sync_view_selection (PolkuClientList *self)
{
  self->syncing = TRUE;
  gtk_single_selection_set_selected (self->view_selection,
                                     gtk_single_selection_get_selected (self->selection));
  self->syncing = FALSE;
}

/* A row chosen in the view (a click, the keyboard) chooses that client. */
static void
on_view_selected (PolkuClientList *self)
{
  if (self->syncing)
    return;
  self->syncing = TRUE;
  gtk_single_selection_set_selected (self->selection,
                                     gtk_single_selection_get_selected (self->view_selection));
  self->syncing = FALSE;
}

static void
on_selected_position (PolkuClientList *self)
{
  if (!self->syncing)
    sync_view_selection (self);
}

/* The positions the list view shows on screen, and a row around them: estimated from its
 * scroll position (rows are of one height). The view keeps its place by position when the
 * visible clients change, since its items are the slots. */
static void
shown_positions (PolkuClientList *self,
                 guint           *first,
                 guint           *end)
{
  GtkAdjustment *adjustment = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (self->list_view));
  guint n_slots = g_list_model_get_n_items (G_LIST_MODEL (self->slots));
  double row, top, bottom;

  *first = 0;
  *end = G_MAXUINT;
  if (adjustment == NULL || n_slots == 0 || gtk_adjustment_get_upper (adjustment) <= 0
      || gtk_adjustment_get_page_size (adjustment) <= 0)
    return;
  row = gtk_adjustment_get_upper (adjustment) / n_slots;
  top = gtk_adjustment_get_value (adjustment) - row;
  bottom = gtk_adjustment_get_value (adjustment) + gtk_adjustment_get_page_size (adjustment) + row;
  *first = top > 0 ? (guint) (top / row) : 0;
  *end = (guint) MIN (bottom / row + 1, (double) G_MAXUINT);
}

/* Rows scrolled on screen before the idle gave them their new clients take them now. */
static void
on_list_scrolled (PolkuClientList *self)
{
  guint first_shown, end_shown;

  if (!polku_client_slots_get_pending (self->slots))
    return;
  shown_positions (self, &first_shown, &end_shown);
  polku_client_slots_show (self->slots, first_shown, end_shown);
}

/* The visible clients changed at @position: the slots from there on take their new clients
 * (only those that moved when the change kept the number of clients), and slots are added
 * or taken away at the end. */
static void
update_slots (PolkuClientList *self,
              guint            position,
              guint            removed,
              guint            added)
{
  GListModel *visible = G_LIST_MODEL (self->selection);
  guint first_shown, end_shown;

  shown_positions (self, &first_shown, &end_shown);
  self->syncing = TRUE;
  polku_client_slots_update (self->slots, visible, position,
                             removed == added ? position + added
                                              : g_list_model_get_n_items (visible),
                             first_shown, end_shown);
  self->syncing = FALSE;
  sync_view_selection (self);
}

/* Opening a client: a row activated, Enter or Down in the search */

static void
on_list_activate (PolkuClientList *self,
                  guint            position)
{
  gtk_single_selection_set_selected (self->selection, position);
  g_signal_emit (self, signals[CLIENT_ACTIVATED], 0, polku_client_list_get_selected_client (self));
}

/* Applies what the search entry says and selects the first match, unless one of the matches
 * is selected already. Returns: %FALSE when nothing matches */
static gboolean
select_first_match (PolkuClientList *self)
{
  on_search_changed (self);
  if (g_list_model_get_n_items (G_LIST_MODEL (self->selection)) == 0)
    return FALSE;
  if (gtk_single_selection_get_selected (self->selection) == GTK_INVALID_LIST_POSITION)
    gtk_single_selection_set_selected (self->selection, 0);
  return TRUE;
}

/* Enter in the search entry opens the first match (or the one already selected). */
static void
on_search_activate (PolkuClientList *self)
{
  if (!select_first_match (self))
    return;
  g_signal_emit (self, signals[CLIENT_ACTIVATED], 0, polku_client_list_get_selected_client (self));
  gtk_widget_grab_focus (GTK_WIDGET (self->list_view));
}

/* Down in the search entry goes on to the list, as in GNOME's own apps. */
static gboolean
on_search_key_pressed (PolkuClientList *self,
                       guint            keyval,
                       guint            keycode,
                       GdkModifierType  state)
{
  if ((keyval != GDK_KEY_Down && keyval != GDK_KEY_KP_Down)
      || (state & (GDK_CONTROL_MASK | GDK_ALT_MASK | GDK_SHIFT_MASK)) != 0
      || !select_first_match (self))
    return GDK_EVENT_PROPAGATE;

  gtk_widget_grab_focus (GTK_WIDGET (self->list_view));
  return GDK_EVENT_STOP;
}

/* The caseload and the queue */

typedef struct
{
  gint64     caseload;
  GPtrArray *queue;
} CaseloadData;

static void
caseload_data_free (CaseloadData *data)
{
  g_clear_pointer (&data->queue, g_ptr_array_unref);
  g_free (data);
}

static void
read_caseload_thread (GTask        *task,
                      gpointer      source_object,
                      gpointer      task_data,
                      GCancellable *cancellable)
{
  PolkuStore *store = source_object;
  g_autofree char *actor = polku_store_dup_actor (store);
  g_autoptr(GPtrArray) queue = NULL;
  GError *error = NULL;
  CaseloadData *data;
  gint64 caseload;

  caseload = polku_coordinator_store_count_caseload (store, actor, &error);
  if (caseload >= 0)
    queue = polku_coordinator_store_list_queue (store, &error);
  if (queue == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  data = g_new0 (CaseloadData, 1);
  data->caseload = caseload;
  data->queue = g_steal_pointer (&queue);
  g_task_return_pointer (task, data, (GDestroyNotify) caseload_data_free);
}

static GtkWidget *
make_queue_row (PolkuCoordinatorWaiting *waiting)
{
  const char *id = polku_coordinator_waiting_get_client_id (waiting);
  guint days = polku_coordinator_waiting_get_days_waiting (waiting);
  PolkuCasePhase phase = POLKU_CASE_PHASE_IDENTIFIED;
  g_autofree char *name = g_strdup_printf ("%s %s",
                                           polku_coordinator_waiting_get_given_name (waiting),
                                           polku_coordinator_waiting_get_family_name (waiting));
  g_autofree char *waited = NULL;
  g_autofree char *subtitle = NULL;
  g_autofree char *take_label = NULL;
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *button;

  polku_case_phase_from_code (polku_coordinator_waiting_get_phase (waiting), &phase);
  if (days == 0)
    waited = g_strdup (_("Waiting since today"));
  else
    waited = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Waiting %u day",
                                           "Waiting %u days", days), days);
  /* TRANSLATORS: a client in the queue: "Waiting 12 days · Identified" (the phase) */
  subtitle = g_strdup_printf (_("%s · %s"), waited, polku_case_phase_get_label (phase));

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), name);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  g_object_set_data_full (G_OBJECT (row), "client-id", g_strdup (id), g_free);

  button = gtk_button_new_from_icon_name ("contact-new-symbolic");
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_tooltip_text (button, _("Take as My Client"));
  /* TRANSLATORS: the button of a client in the queue; %s is the client's name */
  take_label = g_strdup_printf (_("Take %s as my client"), name);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  take_label, -1);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "client-list.take-client");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "s", id);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
  return row;
}

/* TRUE when @a and @b would show the same rows. */
static gboolean
same_queue (GPtrArray *a,
            GPtrArray *b)
{
  if (a == NULL || b == NULL || a->len != b->len)
    return FALSE;
  for (guint i = 0; i < a->len; i++)
    {
      PolkuCoordinatorWaiting *x = g_ptr_array_index (a, i);
      PolkuCoordinatorWaiting *y = g_ptr_array_index (b, i);

      if (g_strcmp0 (polku_coordinator_waiting_get_client_id (x),
                     polku_coordinator_waiting_get_client_id (y)) != 0
          || polku_coordinator_waiting_get_days_waiting (x)
             != polku_coordinator_waiting_get_days_waiting (y)
          || g_strcmp0 (polku_coordinator_waiting_get_phase (x),
                        polku_coordinator_waiting_get_phase (y)) != 0
          || g_strcmp0 (polku_coordinator_waiting_get_given_name (x),
                        polku_coordinator_waiting_get_given_name (y)) != 0
          || g_strcmp0 (polku_coordinator_waiting_get_family_name (x),
                        polku_coordinator_waiting_get_family_name (y)) != 0)
        return FALSE;
    }
  return TRUE;
}

/* The queue's rows, only while it is shown: with a county's data hundreds of clients wait,
 * and their rows, made at every start, took tens of megabytes and seconds of the main
 * thread. */
static void
fill_queue_rows (PolkuClientList *self)
{
  gboolean shown = gtk_toggle_button_get_active (self->queue_button);
  guint n_rows = shown && self->queue != NULL ? self->queue->len : 0;
  GtkListBoxRow *child;

  /* Row by row: the list's first child may be its placeholder. */
  while ((child = gtk_list_box_get_row_at_index (self->queue_list, 0)) != NULL)
    gtk_list_box_remove (self->queue_list, GTK_WIDGET (child));
  for (guint i = 0; i < n_rows; i++)
    gtk_list_box_append (self->queue_list, make_queue_row (g_ptr_array_index (self->queue, i)));
  self->queue_filled = shown;
}

/* Shows the caseload's size in the header and the queue; @data NULL forgets both. */
static void
show_caseload (PolkuClientList *self,
               CaseloadData    *data)
{
  gboolean unchanged;
  guint n_waiting;

  /* Rows shown and unchanged stay as they are. */
  unchanged = data != NULL && self->queue_filled && same_queue (self->queue, data->queue);
  g_clear_pointer (&self->queue, g_ptr_array_unref);
  self->caseload = data != NULL ? data->caseload : -1;
  if (data != NULL)
    self->queue = g_ptr_array_ref (data->queue);
  n_waiting = self->queue != NULL ? self->queue->len : 0;

  if (self->caseload >= 0)
    {
      g_autofree char *text =
        self->caseload == 0
        ? g_strdup (_("No clients in my caseload"))
        : g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u client in my caseload",
                                        "%u clients in my caseload", (guint) self->caseload),
                           (guint) self->caseload);

      adw_window_title_set_subtitle (self->window_title, text);
    }
  else
    adw_window_title_set_subtitle (self->window_title, NULL);

  if (!unchanged)
    fill_queue_rows (self);

  if (n_waiting > 0)
    {
      g_autofree char *count = g_strdup_printf ("%u", n_waiting);
      g_autofree char *description =
        g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u client waiting for a coordinator",
                                      "%u clients waiting for a coordinator", n_waiting),
                         n_waiting);

      gtk_label_set_text (self->queue_count, count);
      gtk_accessible_update_property (GTK_ACCESSIBLE (self->queue_button),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, description, -1);
    }
  else
    gtk_label_set_text (self->queue_count, "0");
  /* Out of the way while no one waits, unless the (now empty) queue is being shown. */
  gtk_widget_set_visible (GTK_WIDGET (self->queue_button),
                          n_waiting > 0 || gtk_toggle_button_get_active (self->queue_button));
  update_list_state (self);
}

static void
read_caseload_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(PolkuClientList) self = user_data;
  g_autoptr(GError) error = NULL;
  CaseloadData *data = g_task_propagate_pointer (G_TASK (result), &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  g_clear_object (&self->caseload_cancellable);
  if (data == NULL)
    {
      /* A count in the header is not worth a dialog (the store may have just locked). */
      g_debug ("Could not read the caseload: %s", error->message);
      return;
    }
  show_caseload (self, data);
  caseload_data_free (data);
}

static void
cancel_caseload (PolkuClientList *self)
{
  g_cancellable_cancel (self->caseload_cancellable);
  g_clear_object (&self->caseload_cancellable);
}

/* Reads the caseload's size and the queue again, in a thread. */
static void
read_caseload (PolkuClientList *self)
{
  g_autoptr(GTask) task = NULL;

  cancel_caseload (self);
  if (self->store == NULL || !polku_store_is_open (self->store))
    return;
  self->caseload_cancellable = g_cancellable_new ();
  task = g_task_new (self->store, self->caseload_cancellable, read_caseload_cb,
                     g_object_ref (self));
  g_task_run_in_thread (task, read_caseload_thread);
}

/**
 * polku_client_list_reload_caseload:
 *
 * Reads the caseload's size and the queue (in a thread) and the coordinators of the filter
 * again: after a coordinator was named.
 */
void
polku_client_list_reload_caseload (PolkuClientList *self)
{
  g_return_if_fail (POLKU_IS_CLIENT_LIST (self));

  if (self->store == NULL)
    return;
  polku_client_filters_reload (self->filters);
  read_caseload (self);
}

/* Shown: the rows of the queue as last read at once, and read again. */
static void
on_queue_toggled (PolkuClientList *self)
{
  fill_queue_rows (self);
  if (gtk_toggle_button_get_active (self->queue_button))
    read_caseload (self);
  else if (self->queue == NULL || self->queue->len == 0)
    gtk_widget_set_visible (GTK_WIDGET (self->queue_button), FALSE);
  update_list_state (self);
}

/* A client of the queue opens like one of the list. */
static void
on_queue_row_activated (PolkuClientList *self,
                        GtkListBoxRow   *row)
{
  const char *id = g_object_get_data (G_OBJECT (row), "client-id");

  if (id == NULL || !polku_client_list_select_client (self, id, TRUE))
    return;
  g_signal_emit (self, signals[CLIENT_ACTIVATED], 0, polku_client_list_get_selected_client (self));
}

/* "Take as my client": whoever works becomes the client's coordinator from today. */
static void
take_client_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  PolkuClientList *self = POLKU_CLIENT_LIST (widget);
  g_autoptr(PolkuCoordinatorPeriod) period = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *actor = NULL;
  const char *id = g_variant_get_string (parameter, NULL);
  PolkuClient *selected = polku_client_list_get_selected_client (self);
  guint position;

  if (self->store == NULL)
    return;
  actor = polku_store_dup_actor (self->store);
  period = polku_coordinator_store_set (self->store, id, actor, NULL, &error);
  if (period == NULL)
    {
      polku_error_dialog_present (GTK_WIDGET (self), _("Could Not Take the Client"), error);
      return;
    }
  polku_client_list_reload_caseload (self);
  /* The client's page, when it shows this client, reads the case again: selected anew. */
  if (selected != NULL && g_strcmp0 (polku_client_get_id (selected), id) == 0)
    {
      position = gtk_single_selection_get_selected (self->selection);
      gtk_single_selection_set_selected (self->selection, GTK_INVALID_LIST_POSITION);
      gtk_single_selection_set_selected (self->selection, position);
    }
}

/* Loading */

/* A screenful of rows (a tall window shows about 20): each row shown costs the first frame
 * time, 100 of them about 100 ms more than an empty list on a busy machine. */
#define FIRST_PAGE 30

static void     load_all_clients (PolkuClientList *self);
static gboolean load_all_tick    (GtkWidget       *widget,
                                  GdkFrameClock   *clock,
                                  gpointer         user_data);
static gboolean find_visible     (PolkuClientList *self,
                                  const char      *client_id,
                                  guint           *out_position);

static void
list_first_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(PolkuClientList) self = user_data;
  g_autoptr(GPtrArray) clients = NULL;
  g_autoptr(GError) error = NULL;

  clients = g_task_propagate_pointer (G_TASK (result), &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  /* The whole list's read reports what goes wrong. */
  if (clients == NULL)
    g_debug ("Could not read the first clients: %s", error->message);
  else
    g_list_store_splice (self->shown, 0, g_list_model_get_n_items (G_LIST_MODEL (self->shown)),
                         clients->pdata, clients->len);
  update_list_state (self);

  /* The rest once the frame that shows the screenful has been painted: a tick callback
   * added now runs in that frame's own update, before its layout and drawing, and the
   * read's thread (reading, sorting and folding every client) then competed with them for
   * the CPU: the first frame came 15-30 % later with 10,000 clients than with none (README,
   * "Speed at county size", line 2). */
  if (gtk_widget_get_realized (GTK_WIDGET (self)))
    {
      GdkFrameClock *clock = gtk_widget_get_frame_clock (GTK_WIDGET (self));

      self->full_load_after = clock != NULL ? gdk_frame_clock_get_frame_counter (clock) : 0;
      self->full_load_tick = gtk_widget_add_tick_callback (GTK_WIDGET (self), load_all_tick,
                                                           NULL, NULL);
    }
  else
    load_all_clients (self);
}

/* The first clients in the store's order, in the list's order. */
static void
list_first_thread (GTask        *task,
                   gpointer      source_object,
                   gpointer      task_data,
                   GCancellable *cancellable)
{
  GError *error = NULL;
  GPtrArray *clients = polku_client_store_list_first (source_object, FIRST_PAGE, &error);

  if (clients == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  prepare_loaded (clients);
  g_task_return_pointer (task, clients, (GDestroyNotify) g_ptr_array_unref);
}

static void
list_clients_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(PolkuClientList) self = user_data;
  g_autoptr(GPtrArray) clients = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *selected_id = NULL;
  PolkuClient *selected;
  guint position;

  clients = g_task_propagate_pointer (G_TASK (result), &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  self->loading = FALSE;

  if (clients == NULL)
    {
      update_list_state (self);
      polku_error_dialog_present (GTK_WIDGET (self), _("Could Not Load the Clients"), error);
      return;
    }

  g_debug ("Loaded %u clients", clients->len);
  /* The whole list takes the first screenful's place; a client chosen from it stays
   * chosen. The list shows every client before they are told of in clients (the window
   * selects the client it showed before a lock when they come: its handler may run before
   * any model connected to clients later). */
  selected = polku_client_list_get_selected_client (self);
  if (selected != NULL)
    selected_id = g_strdup (polku_client_get_id (selected));
  g_list_store_splice (self->shown, 0, g_list_model_get_n_items (G_LIST_MODEL (self->shown)),
                       clients->pdata, clients->len);
  if (selected_id != NULL && polku_client_list_get_selected_client (self) == NULL
      && find_visible (self, selected_id, &position))
    gtk_single_selection_set_selected (self->selection, position);
  g_list_store_splice (self->clients, 0, g_list_model_get_n_items (G_LIST_MODEL (self->clients)),
                       clients->pdata, clients->len);
  update_list_state (self);
  /* After the list: the first frame never waits for the counts. */
  read_caseload (self);
}

/* Every client, in the list's order, their search text folded: the window only splices
 * them in. */
static void
list_clients_thread (GTask        *task,
                     gpointer      source_object,
                     gpointer      task_data,
                     GCancellable *cancellable)
{
  GError *error = NULL;
  GPtrArray *clients = polku_client_store_list (source_object, TRUE, &error);

  if (clients == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  prepare_loaded (clients);
  if (!g_task_return_error_if_cancelled (task))
    g_task_return_pointer (task, clients, (GDestroyNotify) g_ptr_array_unref);
  else
    g_ptr_array_unref (clients);
}

static void
load_all_clients (PolkuClientList *self)
{
  g_autoptr(GTask) task = NULL;

  self->full_load_tick = 0;
  self->all_requested = TRUE;
  task = g_task_new (self->store, self->cancellable, list_clients_cb, g_object_ref (self));
  g_task_set_source_tag (task, load_all_clients);
  g_task_run_in_thread (task, list_clients_thread);
}

static gboolean
load_all_tick (GtkWidget     *widget,
               GdkFrameClock *clock,
               gpointer       user_data)
{
  PolkuClientList *self = POLKU_CLIENT_LIST (widget);

  /* The counter grows as a frame begins: the frame after full_load_after is the one that
   * shows the screenful, still to be laid out and drawn; from the next on it is painted. */
  if (gdk_frame_clock_get_frame_counter (clock) <= self->full_load_after + 1)
    return G_SOURCE_CONTINUE;
  load_all_clients (self);
  return G_SOURCE_REMOVE;
}

static void
load_clients (PolkuClientList *self)
{
  g_autoptr(GTask) task = NULL;

  self->loading = TRUE;
  self->all_requested = FALSE;
  update_list_state (self);
  task = g_task_new (self->store, self->cancellable, list_first_cb, g_object_ref (self));
  g_task_set_source_tag (task, load_clients);
  g_task_run_in_thread (task, list_first_thread);
}

/* Forgets every client (the window locks): what is loading, the list, the search. */
static void
clear_clients (PolkuClientList *self)
{
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();

  if (self->full_load_tick != 0)
    gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->full_load_tick);
  self->full_load_tick = 0;

  gtk_single_selection_set_selected (self->selection, GTK_INVALID_LIST_POSITION);
  g_list_store_remove_all (self->shown);
  g_list_store_remove_all (self->clients);
  clear_search (self);
  self->loading = FALSE;
  cancel_caseload (self);
  gtk_toggle_button_set_active (self->queue_button, FALSE);
  show_caseload (self, NULL);
}

/* GObject */

static void
polku_client_list_dispose (GObject *object)
{
  PolkuClientList *self = (PolkuClientList *) object;

  g_cancellable_cancel (self->cancellable);
  cancel_caseload (self);
  g_clear_pointer (&self->queue, g_ptr_array_unref);
  g_clear_object (&self->store);

  if (self->full_load_tick != 0)
    gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->full_load_tick);
  self->full_load_tick = 0;
  if (self->filter != NULL)
    gtk_custom_filter_set_filter_func (self->filter, NULL, NULL, NULL);

  gtk_widget_dispose_template (GTK_WIDGET (self), POLKU_TYPE_CLIENT_LIST);
  /* After the list view: its rows' teardown puts them here. */
  g_clear_pointer (&self->row_pool, g_ptr_array_unref);

  G_OBJECT_CLASS (polku_client_list_parent_class)->dispose (object);
}

static void
polku_client_list_finalize (GObject *object)
{
  PolkuClientList *self = (PolkuClientList *) object;

  g_clear_object (&self->settings);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->view_selection);
  g_clear_object (&self->slots);
  g_clear_pointer (&self->query, g_free);

  G_OBJECT_CLASS (polku_client_list_parent_class)->finalize (object);
}

static void
polku_client_list_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  PolkuClientList *self = POLKU_CLIENT_LIST (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    case PROP_FOLDED:
      g_value_set_boolean (value, self->folded);
      break;
    case PROP_FOLLOWUPS_DUE:
      g_value_set_uint (value, self->followups_due);
      break;
    case PROP_SELECTED_CLIENT:
      g_value_set_object (value, polku_client_list_get_selected_client (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
polku_client_list_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  PolkuClientList *self = POLKU_CLIENT_LIST (object);

  switch (prop_id)
    {
    case PROP_STORE:
      polku_client_list_set_store (self, g_value_get_object (value));
      break;
    case PROP_FOLDED:
      polku_client_list_set_folded (self, g_value_get_boolean (value));
      break;
    case PROP_FOLLOWUPS_DUE:
      polku_client_list_set_followups_due (self, g_value_get_uint (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
polku_client_list_class_init (PolkuClientListClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = polku_client_list_dispose;
  object_class->finalize = polku_client_list_finalize;
  object_class->get_property = polku_client_list_get_property;
  object_class->set_property = polku_client_list_set_property;

  /**
   * PolkuClientList:store:
   *
   * The open database whose clients the list shows; %NULL forgets every client.
   */
  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, POLKU_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /**
   * PolkuClientList:folded:
   *
   * Whether the window shows one pane at a time: the header bar then has the window's
   * buttons, and a single click opens a client.
   */
  properties[PROP_FOLDED] =
    g_param_spec_boolean ("folded", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /**
   * PolkuClientList:followups-due:
   *
   * How many follow-ups are due today or overdue, shown on the Follow-ups button.
   */
  properties[PROP_FOLLOWUPS_DUE] =
    g_param_spec_uint ("followups-due", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SELECTED_CLIENT] =
    g_param_spec_object ("selected-client", NULL, NULL, POLKU_TYPE_CLIENT,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * PolkuClientList::client-activated:
   * @client: the selected client
   *
   * The user asked to open @client: activated its row, or pressed Enter in the search.
   */
  signals[CLIENT_ACTIVATED] =
    g_signal_new ("client-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 1, POLKU_TYPE_CLIENT);

  g_type_ensure (POLKU_TYPE_CLIENT);
  g_type_ensure (POLKU_TYPE_CLIENT_FILTERS);
  g_type_ensure (POLKU_TYPE_CLIENT_ROW);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/polku-client-list.ui");
  gtk_widget_class_bind_template_child (widget_class, PolkuClientList, search_entry);
  gtk_widget_class_bind_template_child (widget_class, PolkuClientList, filters);
  gtk_widget_class_bind_template_child (widget_class, PolkuClientList, list_stack);
  gtk_widget_class_bind_template_child (widget_class, PolkuClientList, list_view);
  gtk_widget_class_bind_template_child (widget_class, PolkuClientList, followups_count);
  gtk_widget_class_bind_template_child (widget_class, PolkuClientList, clients);
  gtk_widget_class_bind_template_child (widget_class, PolkuClientList, shown);
  gtk_widget_class_bind_template_child (widget_class, PolkuClientList, filter_model);
  gtk_widget_class_bind_template_child (widget_class, PolkuClientList, every_filter);
  gtk_widget_class_bind_template_child (widget_class, PolkuClientList, filter);
  gtk_widget_class_bind_template_child (widget_class, PolkuClientList, selection);
  gtk_widget_class_bind_template_child (widget_class, PolkuClientList, window_title);
  gtk_widget_class_bind_template_child (widget_class, PolkuClientList, queue_button);
  gtk_widget_class_bind_template_child (widget_class, PolkuClientList, queue_count);
  gtk_widget_class_bind_template_child (widget_class, PolkuClientList, queue_list);
  gtk_widget_class_bind_template_callback (widget_class, on_queue_toggled);
  gtk_widget_class_bind_template_callback (widget_class, on_queue_row_activated);
  gtk_widget_class_install_action (widget_class, "client-list.take-client", "s",
                                   take_client_action);
  gtk_widget_class_bind_template_callback (widget_class, on_search_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_search_activate);
  gtk_widget_class_bind_template_callback (widget_class, clear_search);
  gtk_widget_class_bind_template_callback (widget_class, on_visible_clients_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_selected_item_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_list_activate);
}

static void
polku_client_list_init (PolkuClientList *self)
{
  g_autoptr(GtkListItemFactory) factory = NULL;
  GtkEventController *key;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->cancellable = g_cancellable_new ();
  self->caseload = -1;
  self->settings = g_settings_new (APP_ID);
  self->show_archived = g_settings_get_boolean (self->settings, "show-archived");
  g_signal_connect_object (self->settings, "changed::show-archived",
                           G_CALLBACK (on_show_archived_changed), self, G_CONNECT_SWAPPED);

  gtk_custom_filter_set_filter_func (self->filter, filter_client, self, NULL);
  gtk_multi_filter_append (GTK_MULTI_FILTER (self->every_filter),
                           g_object_ref (polku_client_filters_get_filter (self->filters)));
  factory = gtk_signal_list_item_factory_new ();
  self->row_pool = g_ptr_array_new_with_free_func (g_object_unref);
  g_signal_connect (factory, "setup", G_CALLBACK (setup_row), self);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_row), self);
  g_signal_connect (factory, "unbind", G_CALLBACK (unbind_row), self);
  g_signal_connect (factory, "teardown", G_CALLBACK (teardown_row), self);
  gtk_list_view_set_factory (self->list_view, factory);
  self->slots = g_object_new (POLKU_TYPE_CLIENT_SLOTS, NULL);
  self->view_selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->slots)));
  gtk_single_selection_set_autoselect (self->view_selection, FALSE);
  gtk_single_selection_set_can_unselect (self->view_selection, TRUE);
  gtk_list_view_set_model (self->list_view, GTK_SELECTION_MODEL (self->view_selection));
  polku_a11y_tab_leaves_list (self->list_view);
  /* The scrolled window around the list view gave it its adjustment. */
  g_assert (gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (self->list_view)) != NULL);
  g_signal_connect_object (gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (self->list_view)),
                           "value-changed", G_CALLBACK (on_list_scrolled), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->view_selection, "notify::selected",
                           G_CALLBACK (on_view_selected), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->selection, "notify::selected",
                           G_CALLBACK (on_selected_position), self, G_CONNECT_SWAPPED);
  gtk_search_entry_set_key_capture_widget (self->search_entry, GTK_WIDGET (self));
  key = gtk_event_controller_key_new ();
  g_signal_connect_object (key, "key-pressed", G_CALLBACK (on_search_key_pressed), self,
                           G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self->search_entry), key);
}

GtkWidget *
polku_client_list_new (void)
{
  return g_object_new (POLKU_TYPE_CLIENT_LIST, NULL);
}

/**
 * polku_client_list_get_store:
 *
 * Returns: (transfer none) (nullable): the store whose clients the list shows
 */
PolkuStore *
polku_client_list_get_store (PolkuClientList *self)
{
  g_return_val_if_fail (POLKU_IS_CLIENT_LIST (self), NULL);
  return self->store;
}

/**
 * polku_client_list_set_store:
 * @store: (nullable): an open store, or %NULL to forget every client
 *
 * Lists the clients of @store (reading them in a thread). %NULL cancels what is loading
 * and empties the list and the search; the case filters keep what they are set to.
 */
void
polku_client_list_set_store (PolkuClientList *self,
                             PolkuStore      *store)
{
  g_return_if_fail (POLKU_IS_CLIENT_LIST (self));
  g_return_if_fail (store == NULL || POLKU_IS_STORE (store));

  if (self->store == store)
    return;

  if (self->store != NULL)
    clear_clients (self);
  g_set_object (&self->store, store);
  if (store != NULL)
    load_clients (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STORE]);
}

gboolean
polku_client_list_get_folded (PolkuClientList *self)
{
  g_return_val_if_fail (POLKU_IS_CLIENT_LIST (self), FALSE);
  return self->folded;
}

void
polku_client_list_set_folded (PolkuClientList *self,
                              gboolean         folded)
{
  g_return_if_fail (POLKU_IS_CLIENT_LIST (self));

  folded = !!folded;
  if (self->folded == folded)
    return;

  self->folded = folded;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FOLDED]);
}

guint
polku_client_list_get_followups_due (PolkuClientList *self)
{
  g_return_val_if_fail (POLKU_IS_CLIENT_LIST (self), 0);
  return self->followups_due;
}

void
polku_client_list_set_followups_due (PolkuClientList *self,
                                     guint            n_due)
{
  g_return_if_fail (POLKU_IS_CLIENT_LIST (self));

  if (self->followups_due == n_due)
    return;

  self->followups_due = n_due;
  if (n_due > 0)
    {
      g_autofree char *text = g_strdup_printf ("%u", n_due);
      g_autofree char *description =
        g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u follow-up due today or overdue",
                                      "%u follow-ups due today or overdue", n_due), n_due);

      gtk_label_set_text (self->followups_count, text);
      gtk_accessible_update_property (GTK_ACCESSIBLE (self->followups_count),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, description, -1);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->followups_count), n_due > 0);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FOLLOWUPS_DUE]);
}

/**
 * polku_client_list_get_selected_client:
 *
 * Returns: (transfer none) (nullable): the selected client
 */
PolkuClient *
polku_client_list_get_selected_client (PolkuClientList *self)
{
  g_return_val_if_fail (POLKU_IS_CLIENT_LIST (self), NULL);
  return gtk_single_selection_get_selected_item (self->selection);
}

void
polku_client_list_unselect (PolkuClientList *self)
{
  g_return_if_fail (POLKU_IS_CLIENT_LIST (self));
  gtk_single_selection_set_selected (self->selection, GTK_INVALID_LIST_POSITION);
}

static gboolean
find_visible (PolkuClientList *self,
              const char      *client_id,
              guint           *out_position)
{
  GListModel *visible = G_LIST_MODEL (self->selection);

  for (guint i = 0; i < g_list_model_get_n_items (visible); i++)
    {
      g_autoptr(PolkuClient) client = g_list_model_get_item (visible, i);

      if (g_strcmp0 (polku_client_get_id (client), client_id) == 0)
        {
          *out_position = i;
          return TRUE;
        }
    }
  return FALSE;
}

/**
 * polku_client_list_select_client:
 * @client_id: the id of a listed client
 * @clear_filters: whether to clear the case filters too when they hide the client
 *
 * Selects the client and scrolls to it, clearing the search (and with @clear_filters the
 * case filters) if they hide it.
 *
 * Returns: %FALSE when the client is not in the list
 */
gboolean
polku_client_list_select_client (PolkuClientList *self,
                                 const char      *client_id,
                                 gboolean         clear_filters)
{
  g_return_val_if_fail (POLKU_IS_CLIENT_LIST (self), FALSE);
  g_return_val_if_fail (client_id != NULL, FALSE);

  for (guint attempt = 0; attempt < 2; attempt++)
    {
      guint position;

      if (find_visible (self, client_id, &position))
        {
          gtk_single_selection_set_selected (self->selection, position);
          gtk_widget_activate_action (GTK_WIDGET (self->list_view), "list.scroll-to-item", "u",
                                      position);
          return TRUE;
        }

      if (attempt > 0 || (self->query == NULL && !clear_filters))
        break;
      clear_search (self);
      if (clear_filters)
        polku_client_filters_reset (self->filters);
    }

  return FALSE;
}

/**
 * polku_client_list_add_client:
 * @client: a client just added to the store
 */
void
polku_client_list_add_client (PolkuClientList *self,
                              PolkuClient     *client)
{
  g_return_if_fail (POLKU_IS_CLIENT_LIST (self));
  g_return_if_fail (POLKU_IS_CLIENT (client));

  g_list_store_insert (self->shown,
                       sorted_position (G_LIST_MODEL (self->shown), client, G_MAXUINT), client);
  g_list_store_insert (self->clients,
                       sorted_position (G_LIST_MODEL (self->clients), client, G_MAXUINT), client);
  read_caseload (self);
}

/* Places @client of @store again, in one change from where it was to where it goes. */
static void
move_in_store (GListStore  *store,
               PolkuClient *client)
{
  GListModel *model = G_LIST_MODEL (store);
  g_autoptr(GPtrArray) moved = NULL;
  guint old_position;
  guint new_position;
  guint first;
  guint last;

  if (!g_list_store_find (store, client, &old_position))
    return;

  new_position = sorted_position (model, client, old_position);
  first = MIN (old_position, new_position);
  last = MAX (old_position, new_position);
  moved = g_ptr_array_new_full (last - first + 1, g_object_unref);
  if (new_position <= old_position)
    g_ptr_array_add (moved, g_object_ref (client));
  for (guint i = first; i <= last; i++)
    if (i != old_position)
      g_ptr_array_add (moved, g_list_model_get_item (model, i));
  if (new_position > old_position)
    g_ptr_array_add (moved, g_object_ref (client));
  g_list_store_splice (store, first, moved->len, moved->pdata, moved->len);
}

/**
 * polku_client_list_refresh_client:
 * @client: a listed client that changed
 *
 * Places @client again (its name may sort elsewhere, an archived client may now be
 * hidden). The selection follows it: the client and the rows it passes are replaced in one
 * change, so the selection finds it among the rows added.
 */
void
polku_client_list_refresh_client (PolkuClientList *self,
                                  PolkuClient     *client)
{
  g_return_if_fail (POLKU_IS_CLIENT_LIST (self));
  g_return_if_fail (POLKU_IS_CLIENT (client));

  if (!g_list_store_find (self->clients, client, NULL)
      && !g_list_store_find (self->shown, client, NULL))
    return;
  move_in_store (self->shown, client);
  move_in_store (self->clients, client);
  /* Archived or restored: the queue and the caseload count only clients not archived. */
  read_caseload (self);
}

void
polku_client_list_focus_search (PolkuClientList *self)
{
  g_return_if_fail (POLKU_IS_CLIENT_LIST (self));
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

void
polku_client_list_focus_list (PolkuClientList *self)
{
  g_return_if_fail (POLKU_IS_CLIENT_LIST (self));
  gtk_widget_grab_focus (GTK_WIDGET (self->list_view));
}

/* What the tests reach */

GtkEditable *
polku_client_list_get_search_entry (PolkuClientList *self)
{
  g_return_val_if_fail (POLKU_IS_CLIENT_LIST (self), NULL);
  return GTK_EDITABLE (self->search_entry);
}

/**
 * polku_client_list_get_all_clients:
 *
 * Returns: (transfer none): every loaded client, archived ones too
 */
GListModel *
polku_client_list_get_all_clients (PolkuClientList *self)
{
  g_return_val_if_fail (POLKU_IS_CLIENT_LIST (self), NULL);
  return G_LIST_MODEL (self->clients);
}

/**
 * polku_client_list_get_visible_clients:
 *
 * Returns: (transfer none): the clients the list shows, filtered and sorted: a
 *   #GtkSingleSelection
 */
GListModel *
polku_client_list_get_visible_clients (PolkuClientList *self)
{
  g_return_val_if_fail (POLKU_IS_CLIENT_LIST (self), NULL);
  return G_LIST_MODEL (self->selection);
}

/**
 * polku_client_list_get_state:
 *
 * Returns: what the list shows: "loading", "list", "empty" (no clients yet), "archived"
 *   (only archived clients, hidden) or "no-results" (a search with no hits)
 */
const char *
polku_client_list_get_state (PolkuClientList *self)
{
  g_return_val_if_fail (POLKU_IS_CLIENT_LIST (self), NULL);
  return gtk_stack_get_visible_child_name (self->list_stack);
}

/* TRUE once the whole list's read has started (for the store set last), even when it has
 * come since: the tests check that the first frame showing the screenful never waits for
 * it. */
gboolean
polku_client_list_get_all_requested (PolkuClientList *self)
{
  g_return_val_if_fail (POLKU_IS_CLIENT_LIST (self), FALSE);
  return self->all_requested;
}

/**
 * polku_client_list_get_settled:
 *
 * Returns: %TRUE when nothing is loading and the list shows what the search entry says (its
 * rows off screen included)
 */
gboolean
polku_client_list_get_settled (PolkuClientList *self)
{
  const char *text;

  g_return_val_if_fail (POLKU_IS_CLIENT_LIST (self), FALSE);

  text = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
  if (g_strcmp0 (text[0] != '\0' ? text : NULL, self->query) != 0)
    return FALSE;

  return !self->loading && !polku_client_filters_get_busy (self->filters)
         && self->caseload_cancellable == NULL && !polku_client_slots_get_pending (self->slots)
         && gtk_filter_list_model_get_pending (self->filter_model) == 0;
}

PolkuClientFilters *
polku_client_list_get_filters (PolkuClientList *self)
{
  g_return_val_if_fail (POLKU_IS_CLIENT_LIST (self), NULL);
  return self->filters;
}

/**
 * polku_client_list_get_caseload:
 *
 * Returns: the size of the signed-in worker's caseload, or -1 while it is not known
 */
gint64
polku_client_list_get_caseload (PolkuClientList *self)
{
  g_return_val_if_fail (POLKU_IS_CLIENT_LIST (self), -1);
  return self->caseload;
}

/**
 * polku_client_list_get_queue:
 *
 * Returns: (transfer none) (nullable) (element-type PolkuCoordinatorWaiting): the queue as
 *   last read
 */
GPtrArray *
polku_client_list_get_queue (PolkuClientList *self)
{
  g_return_val_if_fail (POLKU_IS_CLIENT_LIST (self), NULL);
  return self->queue;
}

GtkToggleButton *
polku_client_list_get_queue_button (PolkuClientList *self)
{
  g_return_val_if_fail (POLKU_IS_CLIENT_LIST (self), NULL);
  return self->queue_button;
}

GtkListBox *
polku_client_list_get_queue_list (PolkuClientList *self)
{
  g_return_val_if_fail (POLKU_IS_CLIENT_LIST (self), NULL);
  return self->queue_list;
}

const char *
polku_client_list_get_subtitle (PolkuClientList *self)
{
  g_return_val_if_fail (POLKU_IS_CLIENT_LIST (self), NULL);
  return adw_window_title_get_subtitle (self->window_title);
}
