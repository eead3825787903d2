/* polku-window-lock.c: the main window opens the database, and locks itself again
 *
 * The window starts locked: it opens the profile's database (the key from the Secret
 * Service, or a passphrase the unlock page asks for) and then shows the clients. Locking
 * (Ctrl+L, or after a while without input) closes the database and empties every widget
 * and window that held client data.
 *
 * Copyright 2026 The Polku authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "polku-window"

#include "config.h"

#include <glib/gi18n.h>

#include "polku-backup.h"
#include "polku-recovery-key-dialog.h"
#include "polku-window-internal.h"

/* How long the Secret Service may take before Polku asks for a passphrase instead. */
#define OPEN_TIMEOUT_SECONDS 10

static void schedule_idle_lock (PolkuWindow *self);
static void return_to_client (PolkuWindow *self);

/* The client shown when the window locked, shown again once it is unlocked. */
#define CLIENT_BEFORE_LOCK "polku-client-before-lock"

/* The store's actor (named in the audit log) follows the worker's name in the settings. */
static void
on_worker_name_changed (PolkuWindow *self)
{
  g_autofree char *name = g_settings_get_string (self->settings, "worker-name");

  if (self->store != NULL)
    polku_store_set_actor (self->store, name);
}

/* Opening */

static void
on_clients_loaded (PolkuWindow *self)
{
  g_autofree char *id = g_object_steal_data (G_OBJECT (self), CLIENT_BEFORE_LOCK);

  g_signal_handlers_disconnect_by_func (polku_window_get_all_clients (self),
                                        on_clients_loaded, self);
  /* Archived since, or hidden by a filter kept over the lock: the list stays as it is. */
  if (id != NULL && self->store != NULL
      && polku_client_list_select_client (self->client_list, id, FALSE))
    g_debug ("Back at client %s after unlocking", id);
}

/* Selects the client that was open before the lock once the list has loaded again. */
static void
return_to_client (PolkuWindow *self)
{
  if (g_object_get_data (G_OBJECT (self), CLIENT_BEFORE_LOCK) == NULL)
    return;
  g_signal_connect_object (polku_window_get_all_clients (self), "items-changed",
                           G_CALLBACK (on_clients_loaded), self, G_CONNECT_SWAPPED);
}

/* Tells the unlock page where a backup would be restored. */
static void
update_restore_folder (PolkuWindow *self)
{
  polku_unlock_page_set_profile_folder (self->unlock_page,
                                        polku_profile_get_data_dir (self->profile),
                                        polku_profile_database_exists (self->profile)
                                        || polku_profile_get_key_source (self->profile)
                                           != POLKU_KEY_SOURCE_NONE);
}

static void
unlock_with_store (PolkuWindow *self,
                   PolkuStore  *store)
{
  g_set_object (&self->store, store);
  on_worker_name_changed (self);
  polku_client_view_set_store (POLKU_CLIENT_VIEW (self->client_page), store);
  polku_window_set_locked (self, FALSE);

  polku_unlock_page_clear (self->unlock_page);
  /* Not busy any more: the next lock must take a passphrase or an Unlock click again. */
  polku_unlock_page_set_busy (self->unlock_page, FALSE);
  gtk_stack_set_visible_child_name (self->main_stack, "main");
  adw_leaflet_set_visible_child (self->leaflet, GTK_WIDGET (self->client_list));

  self->last_activity = g_get_real_time ();
  schedule_idle_lock (self);
  polku_window_update_actions (self);
  polku_client_list_set_store (self->client_list, store);
  polku_window_sync_followups (self);
  polku_sync_controller_start (self->sync_controller, self->profile, store);

  polku_client_list_focus_search (self->client_list);
  return_to_client (self);
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
      /* A profile made just now: its recovery key is shown once, to be written down. */
      if (g_object_steal_data (G_OBJECT (self), "polku-new-profile") != NULL)
        polku_recovery_key_dialog_present (GTK_WINDOW (self), store, TRUE);
      return;
    }

  g_debug ("Could not open the database: %s", g_quark_to_string (error->domain));
  update_restore_folder (self);
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

/* Opens the database with @passphrase, or with the key in the Secret Service when %NULL. */
static void
start_open (PolkuWindow *self,
            const char  *passphrase)
{
  g_return_if_fail (self->store == NULL);

  polku_unlock_page_set_busy (self->unlock_page, TRUE);
  if (!polku_profile_database_exists (self->profile))
    g_object_set_data (G_OBJECT (self), "polku-new-profile", GINT_TO_POINTER (TRUE));
  polku_profile_open_async (self->profile, passphrase, OPEN_TIMEOUT_SECONDS, self->cancellable,
                            open_cb, g_object_ref (self));
}

/**
 * polku_window_locking_start:
 *
 * Shows the store given at construction, or starts opening the profile's database.
 */
void
polku_window_locking_start (PolkuWindow *self)
{
  if (self->store != NULL)
    {
      g_autoptr(PolkuStore) store = g_steal_pointer (&self->store);

      unlock_with_store (self, store);
      return;
    }

  polku_unlock_page_set_mode (self->unlock_page, POLKU_UNLOCK_MODE_NONE, NULL);
  gtk_stack_set_visible_child_name (self->main_stack, "unlock");
  polku_window_update_actions (self);
  start_open (self, NULL);
}

/* Locking */

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
  g_autoptr(PolkuStore) store = NULL;
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

  {
    PolkuClient *shown = polku_client_view_get_client (POLKU_CLIENT_VIEW (self->client_page));

    g_signal_handlers_disconnect_by_func (polku_window_get_all_clients (self),
                                          on_clients_loaded, self);
    /* None shown: either none was open, or the list had not loaded yet since the last
     * unlock, and the client from before that is still the one to return to. */
    if (shown != NULL)
      g_object_set_data_full (G_OBJECT (self), CLIENT_BEFORE_LOCK,
                              g_strdup (polku_client_get_id (shown)), g_free);
  }

  /* Every pane lets go of the store before it is closed; a sync in flight is cancelled. */
  polku_sync_controller_stop (self->sync_controller);
  store = g_steal_pointer (&self->store);
  polku_client_list_set_store (self->client_list, NULL);
  polku_client_view_set_client (POLKU_CLIENT_VIEW (self->client_page), NULL);
  polku_client_view_set_store (POLKU_CLIENT_VIEW (self->client_page), NULL);
  polku_window_sync_followups (self);
  gtk_stack_set_visible_child_name (self->content_stack, "client");
  polku_store_close (store);
  polku_window_update_actions (self);

  mode = polku_profile_get_key_source (self->profile) == POLKU_KEY_SOURCE_SECRET_SERVICE
         ? POLKU_UNLOCK_MODE_UNLOCK
         : POLKU_UNLOCK_MODE_PASSPHRASE;
  update_restore_folder (self);
  polku_unlock_page_set_mode (self->unlock_page, mode, NULL);
  gtk_stack_set_visible_child_name (self->main_stack, "unlock");
  adw_leaflet_set_visible_child (self->leaflet, GTK_WIDGET (self->client_list));

  polku_window_set_locked (self, TRUE);
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

/* Input in @widget (the window, or one of its own windows) keeps the window unlocked. */
void
polku_window_watch_activity (PolkuWindow *self,
                             GtkWidget   *widget)
{
  GtkEventController *controller = gtk_event_controller_legacy_new ();

  gtk_event_controller_set_propagation_phase (controller, GTK_PHASE_CAPTURE);
  g_signal_connect_object (controller, "event", G_CALLBACK (on_activity_event), self, 0);
  gtk_widget_add_controller (widget, controller);
}

/* Restoring a backup */

static void
restore_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(PolkuWindow) self = user_data;
  g_autoptr(PolkuStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *folder = g_object_steal_data (G_OBJECT (self), "polku-restore-folder");
  g_autoptr(PolkuProfile) profile = NULL;
  gboolean elsewhere;

  store = polku_backup_restore_finish (result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  if (store == NULL)
    {
      g_debug ("Could not restore the backup: %s %d", g_quark_to_string (error->domain),
               error->code);
      if (g_error_matches (error, POLKU_PROFILE_ERROR, POLKU_PROFILE_ERROR_NEEDS_PASSPHRASE))
        polku_unlock_page_ask_restore_passphrase (self->unlock_page, error->message);
      else
        polku_unlock_page_set_error (self->unlock_page, error->message);
      return;
    }

  profile = polku_profile_new (folder);
  elsewhere = g_strcmp0 (polku_profile_get_data_dir (profile),
                         polku_profile_get_data_dir (self->profile)) != 0;
  g_debug ("Restored a backup into %s", polku_profile_get_data_dir (profile));
  /* The window now shows the restored profile, and locks and opens it from then on. */
  g_set_object (&self->profile, profile);
  g_object_steal_data (G_OBJECT (self), "polku-new-profile");
  g_object_set_data (G_OBJECT (self), CLIENT_BEFORE_LOCK, NULL);
  unlock_with_store (self, store);

  if (elsewhere)
    {
      g_autofree char *display = g_filename_display_name (polku_profile_get_data_dir (profile));
      g_autofree char *quoted = g_shell_quote (display);
      g_autofree char *body = NULL;
      AdwMessageDialog *dialog;

      body = g_strdup_printf (_("The backup was restored into “%s”. When Polku is started "
                                "as usual it opens the profile in its usual folder; to open "
                                "the restored profile, start it with:\n\npolku --data-dir %s"),
                              display, quoted);
      dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self),
                                                           _("Profile Restored"), body));
      adw_message_dialog_set_body_use_markup (dialog, FALSE);
      adw_message_dialog_add_response (dialog, "close", _("_Close"));
      gtk_window_present (GTK_WINDOW (dialog));
    }
  else
    {
      polku_window_add_toast (self, adw_toast_new (_("Profile restored from the backup")));
    }
}

static void
on_restore (PolkuWindow *self,
            const char  *backup_path,
            const char  *recovery_key,
            const char  *folder,
            const char  *passphrase)
{
  g_autofree char *actor = g_settings_get_string (self->settings, "worker-name");

  if (self->store != NULL)
    return;

  polku_unlock_page_set_busy (self->unlock_page, TRUE);
  g_object_set_data_full (G_OBJECT (self), "polku-restore-folder", g_strdup (folder), g_free);
  polku_backup_restore_async (backup_path, recovery_key, folder, passphrase,
                              actor[0] != '\0' ? actor : NULL, OPEN_TIMEOUT_SECONDS,
                              self->cancellable, restore_cb, g_object_ref (self));
}

/* Set-up */

static void
on_unlock (PolkuWindow *self,
           const char  *passphrase)
{
  start_open (self, passphrase);
}

/* Called once the template is built and the settings are there. */
void
polku_window_locking_init (PolkuWindow *self)
{
  self->locked = TRUE;
  self->cancellable = g_cancellable_new ();
  self->idle_lock_minutes = g_settings_get_uint (self->settings, "idle-lock-minutes");

  g_signal_connect_object (self->unlock_page, "unlock", G_CALLBACK (on_unlock), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->unlock_page, "restore", G_CALLBACK (on_restore), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->settings, "changed::worker-name",
                           G_CALLBACK (on_worker_name_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->settings, "changed::idle-lock-minutes",
                           G_CALLBACK (on_idle_lock_minutes_changed), self, G_CONNECT_SWAPPED);
  polku_window_watch_activity (self, GTK_WIDGET (self));
}

void
polku_window_locking_dispose (PolkuWindow *self)
{
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->idle_lock_source, g_source_remove);
  if (self->sync_controller != NULL)
    polku_sync_controller_stop (self->sync_controller);
}
