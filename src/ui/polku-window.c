/* polku-window.c: the main window
 *
 * The window shows either the unlock page or, once the database is open, the client list
 * (PolkuClientList) and the selected client's page, or the follow-ups of all clients, side
 * by side (one at a time on a narrow screen). Opening the database and locking are in
 * polku-window-lock.c.
 *
 * Copyright 2026 The Polku authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "polku-window"

#include "config.h"

#include <glib/gi18n.h>

#include "polku-a11y-private.h"
#include "polku-client-list-private.h"
#include "polku-client-store.h"
#include "polku-conflicts-window.h"
#include "polku-error-dialog.h"
#include "polku-reports-window.h"
#include "polku-sync-status.h"
#include "polku-window-internal.h"

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

void
polku_window_set_locked (PolkuWindow *self,
                         gboolean     locked)
{
  if (self->locked == locked)
    return;

  self->locked = locked;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOCKED]);
}

static PolkuClient *
get_selected_client (PolkuWindow *self)
{
  return polku_client_list_get_selected_client (self->client_list);
}

void
polku_window_update_actions (PolkuWindow *self)
{
  GtkWidget *widget = GTK_WIDGET (self);
  gboolean open = self->store != NULL;
  gboolean selected = open && get_selected_client (self) != NULL;

  gtk_widget_action_set_enabled (widget, "win.add-client", open);
  gtk_widget_action_set_enabled (widget, "win.edit-client", selected);
  gtk_widget_action_set_enabled (widget, "win.toggle-archived", selected);
  gtk_widget_action_set_enabled (widget, "win.lock", open);
  gtk_widget_action_set_enabled (widget, "win.search", open);
  gtk_widget_action_set_enabled (widget, "win.reports", open);
  gtk_widget_action_set_enabled (widget, "win.sync", open);
  gtk_widget_action_set_enabled (widget, "win.conflicts", open);
}

/* The client list and the client page */

/* Folded, with only the list shown, a row is selected as the pointer passes over it (the
 * list activates on a single click): the page then waits for the row to be opened, so that
 * no client is opened, and logged as seen, by a passing pointer. */
static gboolean
browsing_folded_list (PolkuWindow *self)
{
  return adw_leaflet_get_folded (self->leaflet)
         && adw_leaflet_get_visible_child (self->leaflet) == GTK_WIDGET (self->client_list);
}

static void
show_selected_client (PolkuWindow *self)
{
  PolkuClient *client = get_selected_client (self);

  polku_client_view_set_client (POLKU_CLIENT_VIEW (self->client_page), client);
  if (client != NULL)
    gtk_stack_set_visible_child_name (self->content_stack, "client");
}

static void
on_selected_client_changed (PolkuWindow *self)
{
  if (get_selected_client (self) == NULL || !browsing_folded_list (self))
    show_selected_client (self);
  polku_window_update_actions (self);
}

static void
show_client_page (PolkuWindow *self)
{
  PolkuClient *shown = polku_client_view_get_client (POLKU_CLIENT_VIEW (self->client_page));

  if (get_selected_client (self) != NULL
      && (get_selected_client (self) != shown
          || g_strcmp0 (gtk_stack_get_visible_child_name (self->content_stack), "client") != 0))
    show_selected_client (self);
  if (adw_leaflet_get_folded (self->leaflet))
    adw_leaflet_set_visible_child (self->leaflet, GTK_WIDGET (self->content_stack));
}

static void
on_client_activated (PolkuWindow *self)
{
  show_client_page (self);
}

/* Selects the client in the list (clearing the search if it hides the client, and with
 * @clear_filters the case filters too) and shows its page. */
static gboolean
open_client (PolkuWindow *self,
             const char  *client_id,
             gboolean     clear_filters)
{
  if (!polku_client_list_select_client (self->client_list, client_id, clear_filters))
    return FALSE;

  show_client_page (self);
  return TRUE;
}

/* Follow-ups: the pane, the count on the sidebar button, and the desktop notification. */

typedef struct
{
  GNotification *notification;
  guint          n_due;
} FollowupsDue;

static void
followups_due_free (FollowupsDue *due)
{
  g_clear_object (&due->notification);
  g_free (due);
}

/* Reads every follow-up due (thousands at county size): in a thread, never before the first
 * frame. */
static void
count_followups_thread (GTask        *task,
                        gpointer      source_object,
                        gpointer      task_data,
                        GCancellable *cancellable)
{
  FollowupsDue *due = g_new0 (FollowupsDue, 1);
  GError *error = NULL;

  due->notification = polku_followups_build_notification (POLKU_STORE (task_data), &due->n_due,
                                                          &error);
  if (error != NULL)
    {
      followups_due_free (due);
      g_task_return_error (task, error);
      return;
    }
  g_task_return_pointer (task, due, (GDestroyNotify) followups_due_free);
}

static void
followups_counted (GObject      *source_object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  PolkuWindow *self = POLKU_WINDOW (source_object);
  gboolean notify = GPOINTER_TO_INT (user_data);
  GtkApplication *application = gtk_window_get_application (GTK_WINDOW (self));
  g_autoptr(GError) error = NULL;
  FollowupsDue *due = g_task_propagate_pointer (G_TASK (result), &error);

  /* The count in flight has come (polku_window_get_settled ()). */
  if (g_task_get_cancellable (G_TASK (result)) == self->followups_cancellable)
    g_clear_object (&self->followups_cancellable);
  if (due == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_debug ("Could not count the follow-ups due: %s", error->message);
      return;
    }
  /* Counted in a store that has been closed (locked) meanwhile: nothing to show. */
  if (self->store != g_task_get_task_data (G_TASK (result)))
    {
      followups_due_free (due);
      return;
    }

  polku_client_list_set_followups_due (self->client_list, due->n_due);
  if (notify && application != NULL)
    {
      if (due->notification != NULL)
        g_application_send_notification (G_APPLICATION (application), "followups-due",
                                         due->notification);
      else
        g_application_withdraw_notification (G_APPLICATION (application), "followups-due");
    }
  followups_due_free (due);
}

static void
update_followups (PolkuWindow *self,
                  gboolean     notify)
{
  g_autoptr(GTask) task = NULL;

  g_cancellable_cancel (self->followups_cancellable);
  g_clear_object (&self->followups_cancellable);
  if (self->store == NULL)
    {
      polku_client_list_set_followups_due (self->client_list, 0);
      return;
    }

  /* A notification only from a window the application already shows, as when counted here
   * (a window still being set up, or one in a test without a desktop, sends none). */
  notify = notify && gtk_window_get_application (GTK_WINDOW (self)) != NULL;
  self->followups_cancellable = g_cancellable_new ();
  task = g_task_new (self, self->followups_cancellable, followups_counted,
                     GINT_TO_POINTER (notify));
  g_task_set_source_tag (task, update_followups);
  g_task_set_task_data (task, g_object_ref (self->store), g_object_unref);
  g_task_set_return_on_cancel (task, TRUE);
  g_task_run_in_thread (task, count_followups_thread);
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
  polku_client_list_unselect (self->client_list);
  polku_followups_view_reload (self->followups_view);
  gtk_stack_set_visible_child_name (self->content_stack, "followups");
  adw_leaflet_set_visible_child (self->leaflet, GTK_WIDGET (self->content_stack));
}

typedef struct
{
  PolkuWindow *window;
  gboolean     notify;
} FirstCount;

/* The first count of a store just opened, once the main loop is idle: its thread reads
 * under the store's lock (thousands of follow-ups at county size), which the first
 * screenful of the client list and the window's own reads while it is set up wait for. */
static gboolean
followups_first_cb (gpointer user_data)
{
  FirstCount *first = user_data;
  PolkuWindow *self = first->window;

  update_followups (self, first->notify);
  self->followups_source = g_timeout_add_seconds (60 * 60, followups_timeout_cb, self);
  return G_SOURCE_REMOVE;
}

/* The follow-ups follow the store: counted (and notified) when it opens and every hour, and
 * shown if they were asked for while the window was locked. */
void
polku_window_sync_followups (PolkuWindow *self)
{
  FirstCount *first;

  g_clear_handle_id (&self->followups_source, g_source_remove);
  g_object_set (self->followups_view, "store", self->store, NULL);
  if (self->store == NULL)
    {
      update_followups (self, TRUE);
      return;
    }

  /* What was counted in the store before is of no use now; the new count is as good as in
   * flight (polku_window_get_settled ()). */
  g_cancellable_cancel (self->followups_cancellable);
  g_clear_object (&self->followups_cancellable);
  self->followups_cancellable = g_cancellable_new ();
  first = g_new (FirstCount, 1);
  first->window = self;
  /* Whether to notify is decided now, as when counted here (update_followups ()). */
  first->notify = gtk_window_get_application (GTK_WINDOW (self)) != NULL;
  self->followups_source = g_idle_add_full (G_PRIORITY_LOW, followups_first_cb, first, g_free);
  if (self->pending_followups)
    {
      self->pending_followups = FALSE;
      show_followups (self);
    }
}

static void
on_followup_client_activated (PolkuWindow *self,
                              const char  *client_id)
{
  /* The client may be hidden by the search or the filters: they are cleared. A follow-up is
   * about the case, so the overview opens at its follow-ups, not the last tab used. */
  if (!open_client (self, client_id, TRUE))
    g_debug ("Follow-up for client %s, who is not in the list", client_id);
  else
    polku_client_page_show_followups (self->client_page);
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
      const char *id = polku_client_get_id (client);

      polku_client_list_add_client (self->client_list, client);
      /* A new client has no case yet, so a case filter hides them: it is cleared (and the
       * toast says so) rather than leave the previous client open. */
      if (open_client (self, id, FALSE))
        polku_window_add_toast (self, adw_toast_new (_("Client added")));
      else if (open_client (self, id, TRUE))
        polku_window_add_toast (self, adw_toast_new (_("Client added. The list filters were "
                                                       "cleared to show them.")));
      else
        g_debug ("New client %s is not in the list", id);
    }
  else
    {
      polku_client_list_refresh_client (self->client_list, client);
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
  polku_window_watch_activity (self, GTK_WIDGET (editor));
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
      polku_error_dialog_present (GTK_WIDGET (self), _("Could Not Restore the Client"), error);
      return;
    }

  polku_client_list_refresh_client (self->client_list, client);
  open_client (self, polku_client_get_id (client), FALSE);
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
      polku_error_dialog_present (GTK_WIDGET (self),
                                  archive ? _("Could Not Archive the Client")
                                          : _("Could Not Restore the Client"), error);
      return;
    }

  polku_client_list_refresh_client (self->client_list, client);

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

  adw_leaflet_set_visible_child (self->leaflet, GTK_WIDGET (self->client_list));
  polku_client_list_focus_search (self->client_list);
}

static void
show_list_activated (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  PolkuWindow *self = POLKU_WINDOW (widget);

  adw_leaflet_set_visible_child (self->leaflet, GTK_WIDGET (self->client_list));
  polku_client_list_focus_list (self->client_list);
}

/* A coordinator or the team changed on the client's page: the caseload in the list's header,
 * the queue and the coordinator filter follow. */
static void
caseload_changed_activated (GtkWidget  *widget,
                            const char *action_name,
                            GVariant   *parameter)
{
  polku_client_list_reload_caseload (POLKU_WINDOW (widget)->client_list);
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

/* Sync: the status at the foot of the client list, Sync Now, the conflicts queue. */

static void
sync_activated (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  PolkuWindow *self = POLKU_WINDOW (widget);

  if (!polku_sync_controller_sync_now (self->sync_controller) && self->store != NULL)
    polku_window_add_toast (self, adw_toast_new (_("Sync is not set up. Set the server and "
                                                   "the account in Preferences, under "
                                                   "Sync.")));
}

/* @parameter: a client's id, or "" for every client's conflicts */
static void
conflicts_activated (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  PolkuWindow *self = POLKU_WINDOW (widget);
  PolkuConflictsWindow *window;

  if (self->store == NULL)
    return;
  if (self->conflicts_window != NULL)
    gtk_window_destroy (self->conflicts_window);

  window = polku_conflicts_window_new (GTK_WINDOW (self), self->store,
                                       g_variant_get_string (parameter, NULL));
  g_set_weak_pointer (&self->conflicts_window, GTK_WINDOW (window));
  g_signal_connect_object (window, "changed",
                           G_CALLBACK (polku_sync_controller_refresh_conflicts),
                           self->sync_controller, G_CONNECT_SWAPPED);
  polku_window_watch_activity (self, GTK_WIDGET (window));
  gtk_window_present (GTK_WINDOW (window));
}

/* The first header bar under @root: the client list's. */
static AdwHeaderBar *
find_header_bar (GtkWidget *root)
{
  if (ADW_IS_HEADER_BAR (root))
    return ADW_HEADER_BAR (root);
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      AdwHeaderBar *found = find_header_bar (child);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* The sync's status goes at the foot of the client list, in words: the list's header bar
 * has no room left in a 360-px window (tests/ui/test-narrow.c). */
static void
add_sync_status (PolkuWindow *self)
{
  AdwHeaderBar *header_bar = find_header_bar (GTK_WIDGET (self->client_list));
  GtkWidget *status;
  GtkWidget *box;

  self->sync_controller = polku_sync_controller_new ();
  g_return_if_fail (header_bar != NULL);
  box = gtk_widget_get_parent (GTK_WIDGET (header_bar));
  g_return_if_fail (GTK_IS_BOX (box));
  status = polku_sync_status_new (self->sync_controller);
  polku_sync_status_set_show_label (POLKU_SYNC_STATUS (status), TRUE);
  gtk_widget_set_margin_start (status, 6);
  gtk_widget_set_margin_end (status, 6);
  gtk_widget_set_margin_top (status, 3);
  gtk_widget_set_margin_bottom (status, 3);
  gtk_box_append (GTK_BOX (box), gtk_separator_new (GTK_ORIENTATION_HORIZONTAL));
  gtk_box_append (GTK_BOX (box), status);
}

/* Reports: one window at a time, on the open profile; it closes itself when this window
 * locks. */
static void
weak_ref_free (GWeakRef *ref)
{
  g_weak_ref_clear (ref);
  g_free (ref);
}

static void
reports_activated (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  PolkuWindow *self = POLKU_WINDOW (widget);
  GWeakRef *ref = g_object_get_data (G_OBJECT (self), "polku-reports-window");
  g_autoptr(GtkWidget) reports = ref != NULL ? g_weak_ref_get (ref) : NULL;

  if (self->store == NULL)
    return;
  if (reports == NULL)
    {
      reports = g_object_ref (polku_reports_window_new (GTK_WINDOW (self), self->store));
      ref = g_new0 (GWeakRef, 1);
      g_weak_ref_init (ref, reports);
      g_object_set_data_full (G_OBJECT (self), "polku-reports-window", ref,
                              (GDestroyNotify) weak_ref_free);
      polku_window_watch_activity (self, reports);
    }
  gtk_window_present (GTK_WINDOW (reports));
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

  polku_window_locking_start (self);
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
  polku_window_locking_dispose (self);
  g_clear_handle_id (&self->followups_source, g_source_remove);
  g_cancellable_cancel (self->followups_cancellable);
  g_clear_object (&self->followups_cancellable);
  g_clear_weak_pointer (&self->editor);
  g_clear_weak_pointer (&self->conflicts_window);
  g_clear_weak_pointer (&self->undo_toast);

  /* The views save what is pending (a plan draft) while the store is still open. */
  if (self->client_list != NULL)
    polku_client_list_set_store (self->client_list, NULL);
  if (self->client_page != NULL)
    polku_client_view_set_client (POLKU_CLIENT_VIEW (self->client_page), NULL);
  if (self->store != NULL)
    polku_store_close (self->store);
  g_clear_object (&self->store);

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
  g_clear_object (&self->sync_controller);

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

  polku_a11y_install ();
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

  g_type_ensure (POLKU_TYPE_CLIENT_LIST);
  g_type_ensure (POLKU_TYPE_CLIENT_PAGE);
  g_type_ensure (POLKU_TYPE_FOLLOWUPS_VIEW);
  g_type_ensure (POLKU_TYPE_UNLOCK_PAGE);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/polku-window.ui");
  gtk_widget_class_bind_template_child (widget_class, PolkuWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, PolkuWindow, main_stack);
  gtk_widget_class_bind_template_child (widget_class, PolkuWindow, unlock_page);
  gtk_widget_class_bind_template_child (widget_class, PolkuWindow, leaflet);
  gtk_widget_class_bind_template_child (widget_class, PolkuWindow, client_list);
  gtk_widget_class_bind_template_child (widget_class, PolkuWindow, content_stack);
  gtk_widget_class_bind_template_child (widget_class, PolkuWindow, client_page);
  gtk_widget_class_bind_template_child (widget_class, PolkuWindow, followups_view);
  gtk_widget_class_bind_template_callback (widget_class, on_selected_client_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_client_activated);
  gtk_widget_class_bind_template_callback (widget_class, on_followup_client_activated);

  gtk_widget_class_install_action (widget_class, "win.add-client", NULL, add_client_activated);
  gtk_widget_class_install_action (widget_class, "win.edit-client", NULL,
                                   edit_client_activated);
  gtk_widget_class_install_action (widget_class, "win.toggle-archived", NULL,
                                   toggle_archived_activated);
  gtk_widget_class_install_action (widget_class, "win.lock", NULL, lock_activated);
  gtk_widget_class_install_action (widget_class, "win.search", NULL, search_activated);
  gtk_widget_class_install_action (widget_class, "win.show-list", NULL, show_list_activated);
  gtk_widget_class_install_action (widget_class, "win.caseload-changed", NULL,
                                   caseload_changed_activated);
  gtk_widget_class_install_action (widget_class, "win.show-followups", NULL,
                                   show_followups_activated);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f,
                                       GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "win.show-followups", NULL);
  gtk_widget_class_install_action (widget_class, "win.sync", NULL, sync_activated);
  gtk_widget_class_install_action (widget_class, "win.conflicts", "s", conflicts_activated);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s,
                                       GDK_CONTROL_MASK | GDK_SHIFT_MASK, "win.sync", NULL);

  gtk_widget_class_install_action (widget_class, "win.reports", NULL, reports_activated);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_r,
                                       GDK_CONTROL_MASK | GDK_SHIFT_MASK, "win.reports", NULL);
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
  gtk_widget_init_template (GTK_WIDGET (self));

  self->settings = g_settings_new (APP_ID);
  add_sync_status (self);
  polku_window_locking_init (self);
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

/* What the tests reach: the parts, and for the list, what the client list tells them. */

PolkuClientList *
polku_window_get_client_list (PolkuWindow *self)
{
  g_return_val_if_fail (POLKU_IS_WINDOW (self), NULL);
  return self->client_list;
}

GtkEditable *
polku_window_get_search_entry (PolkuWindow *self)
{
  return polku_client_list_get_search_entry (polku_window_get_client_list (self));
}

GListModel *
polku_window_get_all_clients (PolkuWindow *self)
{
  return polku_client_list_get_all_clients (polku_window_get_client_list (self));
}

GListModel *
polku_window_get_visible_clients (PolkuWindow *self)
{
  return polku_client_list_get_visible_clients (polku_window_get_client_list (self));
}

const char *
polku_window_get_list_state (PolkuWindow *self)
{
  return polku_client_list_get_state (polku_window_get_client_list (self));
}

/* The client list has loaded and the follow-ups due have been counted. */
gboolean
polku_window_get_settled (PolkuWindow *self)
{
  return polku_client_list_get_settled (polku_window_get_client_list (self))
         && self->followups_cancellable == NULL;
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
