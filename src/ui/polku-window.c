/* polku-window.c: the main window
 *
 * The window shows either the unlock page or, once the database is open, the client list
 * and the selected client's page side by side (one at a time on a narrow screen). Locking
 * closes the database and empties every widget that held client data.
 *
 * Copyright 2026 The Polku authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "polku-window"

#include "config.h"

#include <glib/gi18n.h>

#include "polku-case-store.h"
#include "polku-client-row.h"
#include "polku-client-store.h"
#include "polku-followups-view.h"
#include "polku-window-private.h"

/* How long the Secret Service may take before Polku asks for a passphrase instead. */
#define OPEN_TIMEOUT_SECONDS 10

struct _PolkuWindow
{
  AdwApplicationWindow  parent_instance;

  PolkuProfile         *profile;
  PolkuStore           *store;
  GSettings            *settings;
  GCancellable         *cancellable;

  char                 *query;
  gboolean              show_archived;
  gboolean              locked;
  gboolean              loading;

  guint                 idle_lock_minutes;
  gint64                last_activity;
  guint                 idle_lock_source;

  PolkuClientEditor    *editor;
  AdwToast             *undo_toast;

  AdwToastOverlay      *toast_overlay;
  GtkStack             *main_stack;
  PolkuUnlockPage      *unlock_page;
  AdwLeaflet           *leaflet;
  GtkWidget            *sidebar;
  GtkSearchEntry       *search_entry;
  GtkStack             *list_stack;
  GtkListView          *list_view;
  PolkuClientPage      *client_page;
  GtkStack             *content_stack;
  PolkuFollowupsView   *followups_view;
  GtkLabel             *followups_count;
  GtkDropDown          *phase_dropdown;
  GtkDropDown          *worker_dropdown;
  GtkToggleButton      *review_toggle;
  GtkStringList        *workers;
  GHashTable           *case_ids;        /* clients the case filters let through, or NULL */
  GCancellable         *filter_cancellable;
  guint                 followups_source;
  gboolean              pending_followups;
  GListStore           *clients;
  GtkFilterListModel   *filter_model;
  GtkCustomFilter      *filter;
  GtkSortListModel     *sort_model;
  GtkCustomSorter      *sorter;
  GtkSingleSelection   *selection;
};

G_DEFINE_FINAL_TYPE (PolkuWindow, polku_window, ADW_TYPE_APPLICATION_WINDOW)

enum
{
  PROP_0,
  PROP_PROFILE,
  PROP_STORE,
  PROP_LOCKED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void load_clients       (PolkuWindow *self);
static void schedule_idle_lock (PolkuWindow *self);

/* Client list: filter, sort, state */

static gboolean
filter_client (gpointer item,
               gpointer user_data)
{
  PolkuWindow *self = user_data;
  PolkuClient *client = item;

  if (!self->show_archived && polku_client_get_archived (client))
    return FALSE;

  if (self->case_ids != NULL
      && !g_hash_table_contains (self->case_ids, polku_client_get_id (client)))
    return FALSE;

  return self->query == NULL || polku_client_matches (client, self->query);
}

static int
sort_clients (gconstpointer a,
              gconstpointer b,
              gpointer      user_data)
{
  return polku_client_compare (POLKU_CLIENT ((gpointer) a), POLKU_CLIENT ((gpointer) b));
}

static void
update_list_state (PolkuWindow *self)
{
  const char *name;

  if (self->loading)
    name = "loading";
  else if (g_list_model_get_n_items (G_LIST_MODEL (self->selection)) > 0)
    name = "list";
  else if (self->query != NULL)
    name = "no-results";
  else if (g_list_model_get_n_items (G_LIST_MODEL (self->clients)) == 0)
    name = "empty";
  else
    name = "archived";

  gtk_stack_set_visible_child_name (self->list_stack, name);
}

static void
apply_query (PolkuWindow *self,
             const char  *text)
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

  gtk_filter_changed (GTK_FILTER (self->filter), change);
  update_list_state (self);
}

static void
on_search_changed (PolkuWindow *self)
{
  apply_query (self, gtk_editable_get_text (GTK_EDITABLE (self->search_entry)));
}

static void
on_stop_search (PolkuWindow *self)
{
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  apply_query (self, NULL);
}

static void
on_show_archived_changed (PolkuWindow *self)
{
  gboolean show_archived = g_settings_get_boolean (self->settings, "show-archived");

  if (show_archived == self->show_archived)
    return;

  self->show_archived = show_archived;
  gtk_filter_changed (GTK_FILTER (self->filter),
                      show_archived ? GTK_FILTER_CHANGE_LESS_STRICT
                                    : GTK_FILTER_CHANGE_MORE_STRICT);
  update_list_state (self);
}

static void
on_visible_clients_changed (PolkuWindow *self)
{
  update_list_state (self);
}

static PolkuClient *
get_selected_client (PolkuWindow *self)
{
  return gtk_single_selection_get_selected_item (self->selection);
}

static void
update_actions (PolkuWindow *self)
{
  GtkWidget *widget = GTK_WIDGET (self);
  gboolean open = self->store != NULL;
  gboolean selected = open && get_selected_client (self) != NULL;

  gtk_widget_action_set_enabled (widget, "win.add-client", open);
  gtk_widget_action_set_enabled (widget, "win.edit-client", selected);
  gtk_widget_action_set_enabled (widget, "win.toggle-archived", selected);
  gtk_widget_action_set_enabled (widget, "win.lock", open);
  gtk_widget_action_set_enabled (widget, "win.search", open);
}

/* Folded, with only the list shown, a row is selected as the pointer passes over it (the
 * list activates on a single click): the page then waits for the row to be opened, so that
 * no client is opened, and logged as seen, by a passing pointer. */
static gboolean
browsing_folded_list (PolkuWindow *self)
{
  return adw_leaflet_get_folded (self->leaflet)
         && adw_leaflet_get_visible_child (self->leaflet) == self->sidebar;
}

static void
show_selected_client (PolkuWindow *self)
{
  PolkuClient *client = get_selected_client (self);

  polku_client_page_set_client (self->client_page, client);
  if (client != NULL)
    gtk_stack_set_visible_child_name (self->content_stack, "client");
}

static void
on_selected_item_changed (PolkuWindow *self)
{
  if (get_selected_client (self) == NULL || !browsing_folded_list (self))
    show_selected_client (self);
  update_actions (self);
}

static void
show_client_page (PolkuWindow *self)
{
  if (get_selected_client (self) != NULL
      && (get_selected_client (self) != polku_client_page_get_client (self->client_page)
          || g_strcmp0 (gtk_stack_get_visible_child_name (self->content_stack), "client") != 0))
    show_selected_client (self);
  if (adw_leaflet_get_folded (self->leaflet))
    adw_leaflet_set_visible_child (self->leaflet, GTK_WIDGET (self->content_stack));
}

static void
on_list_activate (PolkuWindow *self,
                  guint        position)
{
  gtk_single_selection_set_selected (self->selection, position);
  show_client_page (self);
}

/* The entry tells of a change only after a short delay: a quick Enter or Down must not act
 * on the list of the text before. */
static void
apply_query_now (PolkuWindow *self)
{
  apply_query (self, gtk_editable_get_text (GTK_EDITABLE (self->search_entry)));
}

/* Enter in the search entry opens the first match (or the one already selected). */
static void
on_search_activate (PolkuWindow *self)
{
  GListModel *model = G_LIST_MODEL (self->selection);

  apply_query_now (self);
  if (g_list_model_get_n_items (model) == 0)
    return;
  if (gtk_single_selection_get_selected (self->selection) == GTK_INVALID_LIST_POSITION)
    gtk_single_selection_set_selected (self->selection, 0);
  show_client_page (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->list_view));
}

/* Down in the search entry goes on to the list, as in GNOME's own apps. */
static gboolean
on_search_key_pressed (PolkuWindow     *self,
                       guint            keyval,
                       guint            keycode,
                       GdkModifierType  state)
{
  if ((keyval != GDK_KEY_Down && keyval != GDK_KEY_KP_Down)
      || (state & (GDK_CONTROL_MASK | GDK_ALT_MASK | GDK_SHIFT_MASK)) != 0)
    return GDK_EVENT_PROPAGATE;

  apply_query_now (self);
  if (g_list_model_get_n_items (G_LIST_MODEL (self->selection)) == 0)
    return GDK_EVENT_PROPAGATE;

  if (gtk_single_selection_get_selected (self->selection) == GTK_INVALID_LIST_POSITION)
    gtk_single_selection_set_selected (self->selection, 0);
  gtk_widget_grab_focus (GTK_WIDGET (self->list_view));
  return GDK_EVENT_STOP;
}

static void
on_row_setup (GtkSignalListItemFactory *factory,
              GtkListItem              *list_item,
              gpointer                  user_data)
{
  gtk_list_item_set_child (list_item, polku_client_row_new ());
}

static void
on_row_bind (GtkSignalListItemFactory *factory,
             GtkListItem              *list_item,
             gpointer                  user_data)
{
  polku_client_row_set_client (POLKU_CLIENT_ROW (gtk_list_item_get_child (list_item)),
                               gtk_list_item_get_item (list_item));
}

static void
on_row_unbind (GtkSignalListItemFactory *factory,
               GtkListItem              *list_item,
               gpointer                  user_data)
{
  polku_client_row_set_client (POLKU_CLIENT_ROW (gtk_list_item_get_child (list_item)), NULL);
}

/* Selects @client in the list, clearing the search if the search hides it. */
static gboolean
select_client (PolkuWindow *self,
               PolkuClient *client)
{
  for (guint attempt = 0; attempt < 2; attempt++)
    {
      guint n = g_list_model_get_n_items (G_LIST_MODEL (self->selection));

      for (guint i = 0; i < n; i++)
        {
          g_autoptr(PolkuClient) item = g_list_model_get_item (G_LIST_MODEL (self->selection), i);

          if (item == client)
            {
              gtk_single_selection_set_selected (self->selection, i);
              gtk_widget_activate_action (GTK_WIDGET (self->list_view), "list.scroll-to-item",
                                          "u", i);
              show_client_page (self);
              return TRUE;
            }
        }

      if (self->query == NULL)
        break;
      on_stop_search (self);
    }

  return FALSE;
}

/* Makes the list place @client again after it changed (its name may sort elsewhere, an
 * archived client may now be hidden). The selection follows it. */
static void
refresh_client (PolkuWindow *self,
                PolkuClient *client)
{
  g_autoptr(PolkuClient) hold = g_object_ref (client);
  guint position;

  if (g_list_store_find (self->clients, client, &position))
    g_list_store_splice (self->clients, position, 1, (gpointer *) &client, 1);
}

static void
show_error (PolkuWindow  *self,
            const char   *heading,
            const GError *error)
{
  GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (self), heading, error->message);

  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Opening and locking */

static void
set_locked (PolkuWindow *self,
            gboolean     locked)
{
  if (self->locked == locked)
    return;

  self->locked = locked;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOCKED]);
}

/* Case filters: phase, responsible worker, review due. The store answers which clients
 * match (in a thread); the list's filter then keeps those. */

typedef struct
{
  int   phase;
  char *responsible;
  char *review_due_by;
} CaseQuery;

static void
case_query_free (CaseQuery *query)
{
  g_free (query->responsible);
  g_free (query->review_due_by);
  g_free (query);
}

static void
case_query_thread (GTask        *task,
                   gpointer      source_object,
                   gpointer      task_data,
                   GCancellable *cancellable)
{
  CaseQuery *query = task_data;
  PolkuCaseFilter filter = POLKU_CASE_FILTER_INIT;
  g_autoptr(GPtrArray) cases = NULL;
  GError *error = NULL;
  GHashTable *ids;

  filter.phase = query->phase;
  filter.responsible = query->responsible;
  filter.review_due_by = query->review_due_by;
  filter.include_archived = TRUE;
  cases = polku_case_store_list (source_object, &filter, &error);
  if (cases == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  for (guint i = 0; i < cases->len; i++)
    g_hash_table_add (ids, g_strdup (polku_case_get_client_id (g_ptr_array_index (cases, i))));
  g_task_return_pointer (task, ids, (GDestroyNotify) g_hash_table_unref);
}

static void
case_query_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(PolkuWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  GHashTable *ids = g_task_propagate_pointer (G_TASK (result), &error);

  /* A later change of the filters cancelled this query (GTask reports it cancelled even
   * when the thread had finished). */
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (ids == NULL)
    {
      g_clear_object (&self->filter_cancellable);
      show_error (self, _("Could Not Filter the Clients"), error);
      return;
    }

  g_clear_pointer (&self->case_ids, g_hash_table_unref);
  self->case_ids = ids;
  g_clear_object (&self->filter_cancellable);
  gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
  update_list_state (self);
}

static void
apply_case_filters (PolkuWindow *self)
{
  guint phase = gtk_drop_down_get_selected (self->phase_dropdown);
  guint worker = gtk_drop_down_get_selected (self->worker_dropdown);
  gboolean review = gtk_toggle_button_get_active (self->review_toggle);
  g_autoptr(GTask) task = NULL;
  CaseQuery *query;

  g_cancellable_cancel (self->filter_cancellable);
  g_clear_object (&self->filter_cancellable);

  if (self->store == NULL
      || ((phase == 0 || phase == GTK_INVALID_LIST_POSITION)
          && (worker == 0 || worker == GTK_INVALID_LIST_POSITION) && !review))
    {
      if (self->case_ids != NULL)
        {
          g_clear_pointer (&self->case_ids, g_hash_table_unref);
          gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_LESS_STRICT);
          update_list_state (self);
        }
      return;
    }

  query = g_new0 (CaseQuery, 1);
  query->phase = phase > 0 && phase != GTK_INVALID_LIST_POSITION ? (int) phase - 1 : -1;
  if (worker > 0 && worker != GTK_INVALID_LIST_POSITION)
    query->responsible = g_strdup (gtk_string_list_get_string (self->workers, worker));
  if (review)
    {
      g_autoptr(GDateTime) now = g_date_time_new_now_local ();
      g_autoptr(GDateTime) week = g_date_time_add_days (now, 7);

      query->review_due_by = g_date_time_format (week, "%Y-%m-%d");
    }

  self->filter_cancellable = g_cancellable_new ();
  task = g_task_new (self->store, self->filter_cancellable, case_query_cb, g_object_ref (self));
  g_task_set_task_data (task, query, (GDestroyNotify) case_query_free);
  g_task_run_in_thread (task, case_query_thread);
}

static void
on_case_filter_changed (PolkuWindow *self)
{
  apply_case_filters (self);
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return g_utf8_collate (*(const char * const *) a, *(const char * const *) b);
}

/* The responsible workers named in any case, for the worker filter. */
static void
reload_workers (PolkuWindow *self)
{
  PolkuCaseFilter filter = POLKU_CASE_FILTER_INIT;
  g_autoptr(GPtrArray) cases = NULL;
  g_autoptr(GPtrArray) names = g_ptr_array_new ();
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  g_autofree char *selected = NULL;
  guint selected_position = 0;
  guint position = gtk_drop_down_get_selected (self->worker_dropdown);

  if (position > 0 && position != GTK_INVALID_LIST_POSITION)
    selected = g_strdup (gtk_string_list_get_string (self->workers, position));

  if (self->store != NULL)
    {
      filter.include_archived = TRUE;
      cases = polku_case_store_list (self->store, &filter, NULL);
    }
  for (guint i = 0; cases != NULL && i < cases->len; i++)
    {
      const char *name = polku_case_get_responsible (g_ptr_array_index (cases, i));

      if (name != NULL && name[0] != '\0' && g_hash_table_add (seen, (gpointer) name))
        g_ptr_array_add (names, (gpointer) name);
    }
  g_ptr_array_sort (names, compare_names);
  g_ptr_array_add (names, NULL);

  g_signal_handlers_block_by_func (self->worker_dropdown, on_case_filter_changed, self);
  gtk_string_list_splice (self->workers, 1,
                          g_list_model_get_n_items (G_LIST_MODEL (self->workers)) - 1,
                          (const char * const *) names->pdata);
  for (guint i = 1;
       selected != NULL && i < g_list_model_get_n_items (G_LIST_MODEL (self->workers));
       i++)
    if (g_strcmp0 (gtk_string_list_get_string (self->workers, i), selected) == 0)
      selected_position = i;
  gtk_drop_down_set_selected (self->worker_dropdown, selected_position);
  g_signal_handlers_unblock_by_func (self->worker_dropdown, on_case_filter_changed, self);
}

static void
setup_case_filters (PolkuWindow *self)
{
  g_autoptr(GtkStringList) phases = gtk_string_list_new (NULL);

  gtk_string_list_append (phases, _("All phases"));
  for (int i = 0; i < POLKU_CASE_N_PHASES; i++)
    gtk_string_list_append (phases, polku_case_phase_get_label (i));
  gtk_drop_down_set_model (self->phase_dropdown, G_LIST_MODEL (phases));

  self->workers = gtk_string_list_new (NULL);
  gtk_string_list_append (self->workers, _("All responsible workers"));
  gtk_drop_down_set_model (self->worker_dropdown, G_LIST_MODEL (self->workers));

  g_signal_connect_object (self->phase_dropdown, "notify::selected",
                           G_CALLBACK (on_case_filter_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->worker_dropdown, "notify::selected",
                           G_CALLBACK (on_case_filter_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->review_toggle, "toggled",
                           G_CALLBACK (on_case_filter_changed), self, G_CONNECT_SWAPPED);
}

static void
reset_case_filters (PolkuWindow *self)
{
  gtk_drop_down_set_selected (self->phase_dropdown, 0);
  gtk_drop_down_set_selected (self->worker_dropdown, 0);
  gtk_toggle_button_set_active (self->review_toggle, FALSE);
}

/* Follow-ups: the count on the sidebar button, and the desktop notification. */
static void
update_followups (PolkuWindow *self,
                  gboolean     notify)
{
  g_autoptr(GNotification) notification = NULL;
  g_autoptr(GError) error = NULL;
  GtkApplication *application = gtk_window_get_application (GTK_WINDOW (self));
  guint n_due = 0;

  if (self->store == NULL)
    {
      gtk_widget_set_visible (GTK_WIDGET (self->followups_count), FALSE);
      return;
    }

  notification = polku_followups_build_notification (self->store, &n_due, &error);
  if (error != NULL)
    {
      g_debug ("Could not count the follow-ups due: %s", error->message);
      return;
    }

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

  if (notify && application != NULL)
    {
      if (notification != NULL)
        g_application_send_notification (G_APPLICATION (application), "followups-due",
                                         notification);
      else
        g_application_withdraw_notification (G_APPLICATION (application), "followups-due");
    }
}

static gboolean
followups_timeout_cb (gpointer user_data)
{
  update_followups (POLKU_WINDOW (user_data), TRUE);
  return G_SOURCE_CONTINUE;
}

static void
show_followups (PolkuWindow *self)
{
  gtk_single_selection_set_selected (self->selection, GTK_INVALID_LIST_POSITION);
  polku_followups_view_reload (self->followups_view);
  gtk_stack_set_visible_child_name (self->content_stack, "followups");
  adw_leaflet_set_visible_child (self->leaflet, GTK_WIDGET (self->content_stack));
}

static void
on_followup_client_activated (PolkuWindow *self,
                              const char  *client_id)
{
  GListModel *visible = G_LIST_MODEL (self->selection);
  guint n_all = g_list_model_get_n_items (G_LIST_MODEL (self->clients));

  /* The client may be hidden by the search or the filters: show everyone first. */
  for (guint pass = 0; pass < 2; pass++)
    {
      for (guint i = 0; i < g_list_model_get_n_items (visible); i++)
        {
          g_autoptr(PolkuClient) client = g_list_model_get_item (visible, i);

          if (g_strcmp0 (polku_client_get_id (client), client_id) == 0)
            {
              gtk_single_selection_set_selected (self->selection, i);
              show_client_page (self);
              return;
            }
        }
      if (pass == 0)
        {
          gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
          apply_query (self, NULL);
          reset_case_filters (self);
          g_clear_pointer (&self->case_ids, g_hash_table_unref);
          gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_LESS_STRICT);
        }
    }

  g_debug ("Follow-up for client %s, who is not in the list (of %u)", client_id, n_all);
}

static void
show_followups_activated (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *parameter)
{
  PolkuWindow *self = POLKU_WINDOW (widget);

  if (self->store == NULL)
    {
      /* Locked: show them once unlocked. */
      self->pending_followups = TRUE;
      return;
    }
  show_followups (self);
}

static void
on_worker_name_changed (PolkuWindow *self)
{
  g_autofree char *name = g_settings_get_string (self->settings, "worker-name");

  if (self->store != NULL)
    polku_store_set_actor (self->store, name);
}

static void
unlock_with_store (PolkuWindow *self,
                   PolkuStore  *store)
{
  g_set_object (&self->store, store);
  on_worker_name_changed (self);
  polku_client_page_set_store (self->client_page, store);
  set_locked (self, FALSE);

  polku_unlock_page_clear (self->unlock_page);
  /* Not busy any more: the next lock must take a passphrase or an Unlock click again. */
  polku_unlock_page_set_busy (self->unlock_page, FALSE);
  gtk_stack_set_visible_child_name (self->main_stack, "main");
  adw_leaflet_set_visible_child (self->leaflet, self->sidebar);

  self->last_activity = g_get_real_time ();
  schedule_idle_lock (self);
  update_actions (self);
  load_clients (self);

  g_object_set (self->followups_view, "store", store, NULL);
  reload_workers (self);
  update_followups (self, TRUE);
  g_clear_handle_id (&self->followups_source, g_source_remove);
  self->followups_source = g_timeout_add_seconds (60 * 60, followups_timeout_cb, self);
  if (self->pending_followups)
    {
      self->pending_followups = FALSE;
      show_followups (self);
    }

  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

static void
open_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(PolkuWindow) self = user_data;
  g_autoptr(PolkuStore) store = NULL;
  g_autoptr(GError) error = NULL;
  PolkuUnlockMode mode;

  store = polku_profile_open_finish (POLKU_PROFILE (source), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  if (store != NULL)
    {
      g_debug ("Opened the database of profile %s", polku_profile_get_id (self->profile));
      unlock_with_store (self, store);
      return;
    }

  g_debug ("Could not open the database: %s", g_quark_to_string (error->domain));
  mode = polku_unlock_page_get_mode (self->unlock_page);

  if (g_error_matches (error, POLKU_PROFILE_ERROR, POLKU_PROFILE_ERROR_NEEDS_PASSPHRASE))
    {
      if (!polku_profile_database_exists (self->profile))
        polku_unlock_page_set_mode (self->unlock_page, POLKU_UNLOCK_MODE_NEW_PASSPHRASE,
                                    error->message);
      else if (polku_profile_get_key_source (self->profile) == POLKU_KEY_SOURCE_PASSPHRASE)
        polku_unlock_page_set_mode (self->unlock_page, POLKU_UNLOCK_MODE_PASSPHRASE, NULL);
      else
        polku_unlock_page_set_mode (self->unlock_page, POLKU_UNLOCK_MODE_PASSPHRASE,
                                    error->message);
      polku_unlock_page_set_busy (self->unlock_page, FALSE);
      gtk_widget_grab_focus (GTK_WIDGET (self->unlock_page));
      return;
    }

  if (mode == POLKU_UNLOCK_MODE_NONE)
    polku_unlock_page_set_mode (self->unlock_page, POLKU_UNLOCK_MODE_UNLOCK,
                                _("Polku could not open the client database. Fix the problem "
                                  "described below and try again."));
  polku_unlock_page_set_error (self->unlock_page, error->message);
}

static void
start_open (PolkuWindow *self,
            const char  *passphrase)
{
  g_return_if_fail (self->store == NULL);

  polku_unlock_page_set_busy (self->unlock_page, TRUE);
  polku_profile_open_async (self->profile, passphrase, OPEN_TIMEOUT_SECONDS, self->cancellable,
                            open_cb, g_object_ref (self));
}

static void
on_unlock (PolkuWindow *self,
           const char  *passphrase)
{
  start_open (self, passphrase);
}

static void
list_clients_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(PolkuWindow) self = user_data;
  g_autoptr(GPtrArray) clients = NULL;
  g_autoptr(GError) error = NULL;

  clients = polku_client_store_list_finish (POLKU_STORE (source), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  self->loading = FALSE;

  if (clients == NULL)
    {
      update_list_state (self);
      show_error (self, _("Could Not Load the Clients"), error);
      return;
    }

  g_debug ("Loaded %u clients", clients->len);
  g_list_store_splice (self->clients, 0, g_list_model_get_n_items (G_LIST_MODEL (self->clients)),
                       clients->pdata, clients->len);
  update_list_state (self);
}

static void
load_clients (PolkuWindow *self)
{
  self->loading = TRUE;
  update_list_state (self);
  polku_client_store_list_async (self->store, TRUE, self->cancellable, list_clients_cb,
                                  g_object_ref (self));
}

/* Every window that belongs to this one (the forms of the views, a mapping visit in its own
 * window, and their own dialogs) shows client data: locking closes them all. What they
 * hold is saved as they go (drafts), so nothing typed is lost. */
static void
close_transients (PolkuWindow *self)
{
  GList *toplevels = gtk_window_list_toplevels ();

  /* Held, because destroying one window can destroy its own dialogs further down the list. */
  for (GList *l = toplevels; l != NULL; l = l->next)
    g_object_ref (l->data);
  for (GList *l = toplevels; l != NULL; l = l->next)
    {
      GtkWindow *window = l->data;

      if (window == GTK_WINDOW (self))
        continue;
      for (GtkWindow *owner = gtk_window_get_transient_for (window); owner != NULL;
           owner = gtk_window_get_transient_for (owner))
        if (owner == GTK_WINDOW (self))
          {
            gtk_window_destroy (window);
            break;
          }
    }
  g_list_free_full (toplevels, g_object_unref);
}

/**
 * polku_window_lock:
 *
 * Closes the database and removes every client from the window; the unlock page asks for
 * what opens the database again.
 */
void
polku_window_lock (PolkuWindow *self)
{
  PolkuUnlockMode mode;

  g_return_if_fail (POLKU_IS_WINDOW (self));

  if (self->store == NULL)
    return;

  g_debug ("Locking");

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  g_clear_handle_id (&self->idle_lock_source, g_source_remove);

  if (self->editor != NULL)
    gtk_window_destroy (GTK_WINDOW (self->editor));
  close_transients (self);
  if (self->undo_toast != NULL)
    adw_toast_dismiss (self->undo_toast);

  gtk_single_selection_set_selected (self->selection, GTK_INVALID_LIST_POSITION);
  polku_client_page_set_client (self->client_page, NULL);
  polku_client_page_set_store (self->client_page, NULL);
  g_object_set (self->followups_view, "store", NULL, NULL);
  gtk_stack_set_visible_child_name (self->content_stack, "client");
  g_clear_handle_id (&self->followups_source, g_source_remove);
  g_cancellable_cancel (self->filter_cancellable);
  g_clear_object (&self->filter_cancellable);
  g_clear_pointer (&self->case_ids, g_hash_table_unref);
  gtk_widget_set_visible (GTK_WIDGET (self->followups_count), FALSE);
  g_list_store_remove_all (self->clients);
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  apply_query (self, NULL);

  polku_store_close (self->store);
  g_clear_object (&self->store);
  self->loading = FALSE;
  update_list_state (self);
  update_actions (self);

  mode = polku_profile_get_key_source (self->profile) == POLKU_KEY_SOURCE_SECRET_SERVICE
         ? POLKU_UNLOCK_MODE_UNLOCK
         : POLKU_UNLOCK_MODE_PASSPHRASE;
  polku_unlock_page_set_mode (self->unlock_page, mode, NULL);
  gtk_stack_set_visible_child_name (self->main_stack, "unlock");
  adw_leaflet_set_visible_child (self->leaflet, self->sidebar);

  set_locked (self, TRUE);
  gtk_widget_grab_focus (GTK_WIDGET (self->unlock_page));
}

/* Idle lock */

static gint64
idle_lock_usec (PolkuWindow *self)
{
  return (gint64) self->idle_lock_minutes * 60 * G_USEC_PER_SEC;
}

static gboolean
on_idle_lock_timeout (gpointer user_data)
{
  PolkuWindow *self = user_data;

  self->idle_lock_source = 0;
  schedule_idle_lock (self);
  return G_SOURCE_REMOVE;
}

/* Locks if the window has been idle long enough, else checks again when it might be. Wall
 * clock time is used so that time spent suspended counts as idle. */
static void
schedule_idle_lock (PolkuWindow *self)
{
  gint64 remaining;

  g_clear_handle_id (&self->idle_lock_source, g_source_remove);

  if (self->store == NULL || self->idle_lock_minutes == 0)
    return;

  remaining = self->last_activity + idle_lock_usec (self) - g_get_real_time ();
  if (remaining <= 0)
    {
      polku_window_lock (self);
      return;
    }

  self->idle_lock_source = g_timeout_add_seconds ((remaining + G_USEC_PER_SEC - 1)
                                                  / G_USEC_PER_SEC,
                                                  on_idle_lock_timeout, self);
  g_source_set_name_by_id (self->idle_lock_source, "[polku] idle lock");
}

static void
on_idle_lock_minutes_changed (PolkuWindow *self)
{
  self->idle_lock_minutes = g_settings_get_uint (self->settings, "idle-lock-minutes");
  schedule_idle_lock (self);
}

static gboolean
on_activity_event (GtkEventControllerLegacy *controller,
                   GdkEvent                 *event,
                   PolkuWindow              *self)
{
  switch ((int) gdk_event_get_event_type (event))
    {
    case GDK_MOTION_NOTIFY:
    case GDK_BUTTON_PRESS:
    case GDK_BUTTON_RELEASE:
    case GDK_KEY_PRESS:
    case GDK_KEY_RELEASE:
    case GDK_SCROLL:
    case GDK_TOUCH_BEGIN:
    case GDK_TOUCH_UPDATE:
    case GDK_TOUCH_END:
    case GDK_TOUCHPAD_SWIPE:
    case GDK_TOUCHPAD_PINCH:
    case GDK_TOUCHPAD_HOLD:
      break;
    default:
      return GDK_EVENT_PROPAGATE;
    }

  if (self->store == NULL)
    return GDK_EVENT_PROPAGATE;

  /* After a suspend the timer may not have fired yet: the first input must not count as
   * activity that keeps an idle window open. */
  if (self->idle_lock_minutes > 0
      && g_get_real_time () - self->last_activity >= idle_lock_usec (self))
    {
      polku_window_lock (self);
      return GDK_EVENT_STOP;
    }

  self->last_activity = g_get_real_time ();
  return GDK_EVENT_PROPAGATE;
}

static void
watch_activity (PolkuWindow *self,
                GtkWidget   *widget)
{
  GtkEventController *controller = gtk_event_controller_legacy_new ();

  gtk_event_controller_set_propagation_phase (controller, GTK_PHASE_CAPTURE);
  g_signal_connect_object (controller, "event", G_CALLBACK (on_activity_event), self, 0);
  gtk_widget_add_controller (widget, controller);
}

/* Editing */

static void
on_editor_saved (PolkuWindow       *self,
                 PolkuClient       *client,
                 gboolean           added,
                 PolkuClientEditor *editor)
{
  if (added)
    {
      g_list_store_append (self->clients, client);
      select_client (self, client);
      polku_window_add_toast (self, adw_toast_new (_("Client added")));
    }
  else
    {
      refresh_client (self, client);
      polku_window_add_toast (self, adw_toast_new (_("Changes saved")));
    }
}

/**
 * polku_window_open_editor:
 * @client: (nullable): the client to edit, or %NULL to add one
 *
 * Returns: (transfer none) (nullable): the editor, or %NULL while the window is locked
 */
PolkuClientEditor *
polku_window_open_editor (PolkuWindow *self,
                          PolkuClient *client)
{
  PolkuClientEditor *editor;

  g_return_val_if_fail (POLKU_IS_WINDOW (self), NULL);
  g_return_val_if_fail (client == NULL || POLKU_IS_CLIENT (client), NULL);

  if (self->store == NULL)
    return NULL;

  if (self->editor != NULL)
    gtk_window_destroy (GTK_WINDOW (self->editor));

  editor = polku_client_editor_new (GTK_WINDOW (self), self->store, client);
  g_set_weak_pointer (&self->editor, editor);
  g_signal_connect_object (editor, "saved", G_CALLBACK (on_editor_saved), self,
                           G_CONNECT_SWAPPED);
  watch_activity (self, GTK_WIDGET (editor));
  gtk_window_present (GTK_WINDOW (editor));

  return editor;
}

static void
on_undo_archive (AdwToast    *toast,
                 PolkuWindow *self)
{
  PolkuClient *client = g_object_get_data (G_OBJECT (toast), "polku-client");
  g_autoptr(GError) error = NULL;

  if (self->store == NULL || client == NULL)
    return;

  if (!polku_client_store_set_archived (self->store, client, FALSE, &error))
    {
      show_error (self, _("Could Not Restore the Client"), error);
      return;
    }

  refresh_client (self, client);
  select_client (self, client);
}

/* Actions */

static void
add_client_activated (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  polku_window_open_editor (POLKU_WINDOW (widget), NULL);
}

static void
edit_client_activated (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  PolkuWindow *self = POLKU_WINDOW (widget);
  PolkuClient *client = get_selected_client (self);

  if (client != NULL)
    polku_window_open_editor (self, client);
}

static void
toggle_archived_activated (GtkWidget  *widget,
                           const char *action_name,
                           GVariant   *parameter)
{
  PolkuWindow *self = POLKU_WINDOW (widget);
  PolkuClient *selected = get_selected_client (self);
  g_autoptr(PolkuClient) client = NULL;
  g_autoptr(GError) error = NULL;
  AdwToast *toast;
  gboolean archive;

  if (selected == NULL || self->store == NULL)
    return;

  client = g_object_ref (selected);
  archive = !polku_client_get_archived (client);

  if (!polku_client_store_set_archived (self->store, client, archive, &error))
    {
      show_error (self, archive ? _("Could Not Archive the Client")
                                : _("Could Not Restore the Client"), error);
      return;
    }

  refresh_client (self, client);

  if (archive)
    {
      toast = adw_toast_new (_("Client archived"));
      adw_toast_set_button_label (toast, _("_Undo"));
      g_object_set_data_full (G_OBJECT (toast), "polku-client", g_object_ref (client),
                              g_object_unref);
      g_signal_connect_object (toast, "button-clicked", G_CALLBACK (on_undo_archive), self, 0);
      if (self->undo_toast != NULL)
        adw_toast_dismiss (self->undo_toast);
      g_set_weak_pointer (&self->undo_toast, toast);
    }
  else
    {
      toast = adw_toast_new (_("Client restored"));
    }

  polku_window_add_toast (self, toast);
}

static void
lock_activated (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  polku_window_lock (POLKU_WINDOW (widget));
}

static void
search_activated (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  PolkuWindow *self = POLKU_WINDOW (widget);

  adw_leaflet_set_visible_child (self->leaflet, self->sidebar);
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

static void
show_list_activated (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  PolkuWindow *self = POLKU_WINDOW (widget);

  adw_leaflet_set_visible_child (self->leaflet, self->sidebar);
  gtk_widget_grab_focus (GTK_WIDGET (self->list_view));
}

/* GObject */

static void
polku_window_constructed (GObject *object)
{
  PolkuWindow *self = (PolkuWindow *) object;
  g_autoptr(GAction) show_archived_action = NULL;
  int width, height;

  G_OBJECT_CLASS (polku_window_parent_class)->constructed (object);

  g_assert (POLKU_IS_PROFILE (self->profile));

  width = g_settings_get_int (self->settings, "window-width");
  height = g_settings_get_int (self->settings, "window-height");
  if (width > 0 && height > 0)
    gtk_window_set_default_size (GTK_WINDOW (self), width, height);
  if (g_settings_get_boolean (self->settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));

  show_archived_action = g_settings_create_action (self->settings, "show-archived");
  g_action_map_add_action (G_ACTION_MAP (self), show_archived_action);

  if (self->store != NULL)
    {
      PolkuStore *store = g_steal_pointer (&self->store);

      unlock_with_store (self, store);
      g_object_unref (store);
    }
  else
    {
      polku_unlock_page_set_mode (self->unlock_page, POLKU_UNLOCK_MODE_NONE, NULL);
      gtk_stack_set_visible_child_name (self->main_stack, "unlock");
      update_actions (self);
      start_open (self, NULL);
    }
}

static gboolean
polku_window_close_request (GtkWindow *window)
{
  PolkuWindow *self = POLKU_WINDOW (window);
  gboolean maximized = gtk_window_is_maximized (window);
  int width, height;

  gtk_window_get_default_size (window, &width, &height);
  g_settings_delay (self->settings);
  if (!maximized && width > 0 && height > 0)
    {
      g_settings_set_int (self->settings, "window-width", width);
      g_settings_set_int (self->settings, "window-height", height);
    }
  g_settings_set_boolean (self->settings, "window-maximized", maximized);
  g_settings_apply (self->settings);

  return GTK_WINDOW_CLASS (polku_window_parent_class)->close_request (window);
}

static void
polku_window_dispose (GObject *object)
{
  PolkuWindow *self = (PolkuWindow *) object;

  /* A focused entry must see its focus go before it is disposed (GTK warns otherwise). */
  gtk_window_set_focus (GTK_WINDOW (self), NULL);
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->idle_lock_source, g_source_remove);
  g_clear_handle_id (&self->followups_source, g_source_remove);
  g_cancellable_cancel (self->filter_cancellable);
  g_clear_object (&self->filter_cancellable);
  g_clear_pointer (&self->case_ids, g_hash_table_unref);
  g_clear_object (&self->workers);
  g_clear_weak_pointer (&self->editor);
  g_clear_weak_pointer (&self->undo_toast);

  /* The views save what is pending (a plan draft) while the store is still open. */
  if (self->client_page != NULL)
    polku_client_page_set_client (self->client_page, NULL);
  if (self->store != NULL)
    polku_store_close (self->store);
  g_clear_object (&self->store);

  if (self->filter != NULL)
    gtk_custom_filter_set_filter_func (self->filter, NULL, NULL, NULL);
  if (self->sorter != NULL)
    gtk_custom_sorter_set_sort_func (self->sorter, NULL, NULL, NULL);

  gtk_widget_dispose_template (GTK_WIDGET (self), POLKU_TYPE_WINDOW);

  G_OBJECT_CLASS (polku_window_parent_class)->dispose (object);
}

static void
polku_window_finalize (GObject *object)
{
  PolkuWindow *self = (PolkuWindow *) object;

  g_clear_object (&self->profile);
  g_clear_object (&self->settings);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->query, g_free);

  G_OBJECT_CLASS (polku_window_parent_class)->finalize (object);
}

static void
polku_window_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  PolkuWindow *self = POLKU_WINDOW (object);

  switch (prop_id)
    {
    case PROP_PROFILE:
      g_value_set_object (value, self->profile);
      break;
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    case PROP_LOCKED:
      g_value_set_boolean (value, self->locked);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
polku_window_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  PolkuWindow *self = POLKU_WINDOW (object);

  switch (prop_id)
    {
    case PROP_PROFILE:
      self->profile = g_value_dup_object (value);
      break;
    case PROP_STORE:
      self->store = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
polku_window_class_init (PolkuWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->constructed = polku_window_constructed;
  object_class->dispose = polku_window_dispose;
  object_class->finalize = polku_window_finalize;
  object_class->get_property = polku_window_get_property;
  object_class->set_property = polku_window_set_property;
  window_class->close_request = polku_window_close_request;

  properties[PROP_PROFILE] =
    g_param_spec_object ("profile", NULL, NULL, POLKU_TYPE_PROFILE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_EXPLICIT_NOTIFY
                         | G_PARAM_STATIC_STRINGS);
  /**
   * PolkuWindow:store:
   *
   * The open database, or %NULL while the window is locked. Given at construction, the
   * window starts unlocked.
   */
  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, POLKU_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_EXPLICIT_NOTIFY
                         | G_PARAM_STATIC_STRINGS);
  properties[PROP_LOCKED] =
    g_param_spec_boolean ("locked", NULL, NULL, TRUE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (POLKU_TYPE_CLIENT);
  g_type_ensure (POLKU_TYPE_CLIENT_PAGE);
  g_type_ensure (POLKU_TYPE_UNLOCK_PAGE);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/polku-window.ui");
  gtk_widget_class_bind_template_child (widget_class, PolkuWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, PolkuWindow, main_stack);
  gtk_widget_class_bind_template_child (widget_class, PolkuWindow, unlock_page);
  gtk_widget_class_bind_template_child (widget_class, PolkuWindow, leaflet);
  gtk_widget_class_bind_template_child (widget_class, PolkuWindow, sidebar);
  gtk_widget_class_bind_template_child (widget_class, PolkuWindow, search_entry);
  gtk_widget_class_bind_template_child (widget_class, PolkuWindow, list_stack);
  gtk_widget_class_bind_template_child (widget_class, PolkuWindow, list_view);
  gtk_widget_class_bind_template_child (widget_class, PolkuWindow, client_page);
  gtk_widget_class_bind_template_child (widget_class, PolkuWindow, content_stack);
  gtk_widget_class_bind_template_child (widget_class, PolkuWindow, followups_view);
  gtk_widget_class_bind_template_child (widget_class, PolkuWindow, followups_count);
  gtk_widget_class_bind_template_child (widget_class, PolkuWindow, phase_dropdown);
  gtk_widget_class_bind_template_child (widget_class, PolkuWindow, worker_dropdown);
  gtk_widget_class_bind_template_child (widget_class, PolkuWindow, review_toggle);
  gtk_widget_class_bind_template_child (widget_class, PolkuWindow, clients);
  gtk_widget_class_bind_template_child (widget_class, PolkuWindow, filter_model);
  gtk_widget_class_bind_template_child (widget_class, PolkuWindow, filter);
  gtk_widget_class_bind_template_child (widget_class, PolkuWindow, sort_model);
  gtk_widget_class_bind_template_child (widget_class, PolkuWindow, sorter);
  gtk_widget_class_bind_template_child (widget_class, PolkuWindow, selection);
  gtk_widget_class_bind_template_callback (widget_class, on_unlock);
  gtk_widget_class_bind_template_callback (widget_class, on_search_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_stop_search);
  gtk_widget_class_bind_template_callback (widget_class, on_visible_clients_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_selected_item_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_list_activate);
  gtk_widget_class_bind_template_callback (widget_class, on_search_activate);
  gtk_widget_class_bind_template_callback (widget_class, on_followup_client_activated);
  gtk_widget_class_bind_template_callback (widget_class, on_row_setup);
  gtk_widget_class_bind_template_callback (widget_class, on_row_bind);
  gtk_widget_class_bind_template_callback (widget_class, on_row_unbind);

  gtk_widget_class_install_action (widget_class, "win.add-client", NULL, add_client_activated);
  gtk_widget_class_install_action (widget_class, "win.edit-client", NULL,
                                   edit_client_activated);
  gtk_widget_class_install_action (widget_class, "win.toggle-archived", NULL,
                                   toggle_archived_activated);
  gtk_widget_class_install_action (widget_class, "win.lock", NULL, lock_activated);
  gtk_widget_class_install_action (widget_class, "win.search", NULL, search_activated);
  gtk_widget_class_install_action (widget_class, "win.show-list", NULL, show_list_activated);
  gtk_widget_class_install_action (widget_class, "win.show-followups", NULL,
                                   show_followups_activated);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f,
                                       GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "win.show-followups", NULL);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, GDK_CONTROL_MASK,
                                       "win.add-client", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_e, GDK_CONTROL_MASK,
                                       "win.edit-client", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_l, GDK_CONTROL_MASK,
                                       "win.lock", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK,
                                       "win.search", NULL);
}

static void
polku_window_init (PolkuWindow *self)
{
  GtkEventController *key;

  g_type_ensure (POLKU_TYPE_FOLLOWUPS_VIEW);
  gtk_widget_init_template (GTK_WIDGET (self));
  setup_case_filters (self);

  self->locked = TRUE;
  self->cancellable = g_cancellable_new ();
  self->settings = g_settings_new (APP_ID);
  self->show_archived = g_settings_get_boolean (self->settings, "show-archived");
  self->idle_lock_minutes = g_settings_get_uint (self->settings, "idle-lock-minutes");

  g_signal_connect_object (self->settings, "changed::show-archived",
                           G_CALLBACK (on_show_archived_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->settings, "changed::worker-name",
                           G_CALLBACK (on_worker_name_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->settings, "changed::idle-lock-minutes",
                           G_CALLBACK (on_idle_lock_minutes_changed), self, G_CONNECT_SWAPPED);

  gtk_custom_filter_set_filter_func (self->filter, filter_client, self, NULL);
  gtk_custom_sorter_set_sort_func (self->sorter, sort_clients, NULL, NULL);
  gtk_search_entry_set_key_capture_widget (self->search_entry, self->sidebar);
  key = gtk_event_controller_key_new ();
  g_signal_connect_object (key, "key-pressed", G_CALLBACK (on_search_key_pressed), self,
                           G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self->search_entry), key);

  watch_activity (self, GTK_WIDGET (self));
}

/**
 * polku_window_new:
 * @application: (nullable): the application
 * @profile: the profile whose database the window opens
 *
 * Returns: (transfer none): a new window; it starts opening the database right away
 */
PolkuWindow *
polku_window_new (AdwApplication *application,
                  PolkuProfile   *profile)
{
  g_return_val_if_fail (application == NULL || ADW_IS_APPLICATION (application), NULL);
  g_return_val_if_fail (POLKU_IS_PROFILE (profile), NULL);

  return g_object_new (POLKU_TYPE_WINDOW,
                       "application", application,
                       "profile", profile,
                       NULL);
}

/**
 * polku_window_new_with_store:
 * @application: (nullable): the application
 * @profile: the profile @store belongs to; it opens the database again after a lock
 * @store: an open store
 *
 * Returns: (transfer none): a new, unlocked window
 */
PolkuWindow *
polku_window_new_with_store (AdwApplication *application,
                             PolkuProfile   *profile,
                             PolkuStore     *store)
{
  g_return_val_if_fail (application == NULL || ADW_IS_APPLICATION (application), NULL);
  g_return_val_if_fail (POLKU_IS_PROFILE (profile), NULL);
  g_return_val_if_fail (POLKU_IS_STORE (store), NULL);
  g_return_val_if_fail (polku_store_is_open (store), NULL);

  return g_object_new (POLKU_TYPE_WINDOW,
                       "application", application,
                       "profile", profile,
                       "store", store,
                       NULL);
}

PolkuProfile *
polku_window_get_profile (PolkuWindow *self)
{
  g_return_val_if_fail (POLKU_IS_WINDOW (self), NULL);
  return self->profile;
}

/**
 * polku_window_get_store:
 *
 * Returns: (transfer none) (nullable): the open store, %NULL while locked
 */
PolkuStore *
polku_window_get_store (PolkuWindow *self)
{
  g_return_val_if_fail (POLKU_IS_WINDOW (self), NULL);
  return self->store;
}

gboolean
polku_window_get_locked (PolkuWindow *self)
{
  g_return_val_if_fail (POLKU_IS_WINDOW (self), TRUE);
  return self->locked;
}

/**
 * polku_window_add_toast:
 * @toast: (transfer full): the toast
 */
void
polku_window_add_toast (PolkuWindow *self,
                        AdwToast    *toast)
{
  g_return_if_fail (POLKU_IS_WINDOW (self));
  g_return_if_fail (ADW_IS_TOAST (toast));

  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

GtkEditable *
polku_window_get_search_entry (PolkuWindow *self)
{
  g_return_val_if_fail (POLKU_IS_WINDOW (self), NULL);
  return GTK_EDITABLE (self->search_entry);
}

/**
 * polku_window_get_all_clients:
 *
 * Returns: (transfer none): every loaded client, archived ones too
 */
GListModel *
polku_window_get_all_clients (PolkuWindow *self)
{
  g_return_val_if_fail (POLKU_IS_WINDOW (self), NULL);
  return G_LIST_MODEL (self->clients);
}

/**
 * polku_window_get_visible_clients:
 *
 * Returns: (transfer none): the clients the list shows, filtered and sorted
 */
GListModel *
polku_window_get_visible_clients (PolkuWindow *self)
{
  g_return_val_if_fail (POLKU_IS_WINDOW (self), NULL);
  return G_LIST_MODEL (self->selection);
}

/**
 * polku_window_get_list_state:
 *
 * Returns: what the left pane shows: "loading", "list", "empty" (no clients yet),
 *   "archived" (only archived clients, hidden) or "no-results" (a search with no hits)
 */
const char *
polku_window_get_list_state (PolkuWindow *self)
{
  g_return_val_if_fail (POLKU_IS_WINDOW (self), NULL);
  return gtk_stack_get_visible_child_name (self->list_stack);
}

/**
 * polku_window_get_visible_page:
 *
 * Returns: "unlock" or "main"
 */
const char *
polku_window_get_visible_page (PolkuWindow *self)
{
  g_return_val_if_fail (POLKU_IS_WINDOW (self), NULL);
  return gtk_stack_get_visible_child_name (self->main_stack);
}

/**
 * polku_window_get_settled:
 *
 * Returns: %TRUE when nothing is loading and the list shows what the search entry says
 */
gboolean
polku_window_get_settled (PolkuWindow *self)
{
  const char *text;

  g_return_val_if_fail (POLKU_IS_WINDOW (self), FALSE);

  text = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
  if (g_strcmp0 (text[0] != '\0' ? text : NULL, self->query) != 0)
    return FALSE;

  return !self->loading && self->filter_cancellable == NULL
         && gtk_filter_list_model_get_pending (self->filter_model) == 0
         && gtk_sort_list_model_get_pending (self->sort_model) == 0;
}

PolkuUnlockPage *
polku_window_get_unlock_page (PolkuWindow *self)
{
  g_return_val_if_fail (POLKU_IS_WINDOW (self), NULL);
  return self->unlock_page;
}

PolkuClientPage *
polku_window_get_client_page (PolkuWindow *self)
{
  g_return_val_if_fail (POLKU_IS_WINDOW (self), NULL);
  return self->client_page;
}

GtkDropDown *
polku_window_get_phase_filter (PolkuWindow *self)
{
  g_return_val_if_fail (POLKU_IS_WINDOW (self), NULL);
  return self->phase_dropdown;
}

GtkDropDown *
polku_window_get_worker_filter (PolkuWindow *self)
{
  g_return_val_if_fail (POLKU_IS_WINDOW (self), NULL);
  return self->worker_dropdown;
}

GtkToggleButton *
polku_window_get_review_filter (PolkuWindow *self)
{
  g_return_val_if_fail (POLKU_IS_WINDOW (self), NULL);
  return self->review_toggle;
}

/* "client" or "followups": what the content pane shows. */
const char *
polku_window_get_content_page (PolkuWindow *self)
{
  g_return_val_if_fail (POLKU_IS_WINDOW (self), NULL);
  return gtk_stack_get_visible_child_name (self->content_stack);
}

GtkWidget *
polku_window_get_followups_view (PolkuWindow *self)
{
  g_return_val_if_fail (POLKU_IS_WINDOW (self), NULL);
  return GTK_WIDGET (self->followups_view);
}
