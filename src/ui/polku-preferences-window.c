/* polku-preferences-window.c: the Preferences window
 *
 * Copyright 2026 The Polku authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "polku-preferences-window"

#include "config.h"

#include <glib/gi18n.h>

#include "polku-backup.h"
#include "polku-error-dialog.h"
#include "polku-preferences-window.h"
#include "polku-recovery-key-dialog.h"
#include "polku-recovery.h"
#include "polku-sync-preferences.h"
#include "polku-window.h"

struct _PolkuPreferencesWindow
{
  AdwPreferencesWindow  parent_instance;

  PolkuProfile         *profile;
  GSettings            *settings;
  AdwEntryRow          *worker_name_row;

  AdwPreferencesGroup  *privacy_group;
  GtkSpinButton        *idle_lock_spin;
  GtkSwitch            *show_archived_switch;
  AdwActionRow         *database_row;
  AdwActionRow         *key_row;

  /* Backups (of the store given, or else of the main window's) */
  PolkuStore           *store;
  GCancellable         *cancellable;
  GtkFileChooserNative *chooser;
  AdwPreferencesGroup  *backup_group;
  AdwActionRow         *backup_row;
  GtkWidget            *backup_spinner;
  gboolean              busy;
  gboolean              key_was_missing;
};

G_DEFINE_FINAL_TYPE (PolkuPreferencesWindow, polku_preferences_window,
                     ADW_TYPE_PREFERENCES_WINDOW)

enum
{
  PROP_0,
  PROP_PROFILE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const char *
key_source_label (PolkuKeySource source)
{
  switch (source)
    {
    case POLKU_KEY_SOURCE_SECRET_SERVICE:
      return _("Secret Service");
    case POLKU_KEY_SOURCE_PASSPHRASE:
      return _("Passphrase");
    case POLKU_KEY_SOURCE_NONE:
    default:
      return _("No database yet");
    }
}

/* What locking protects against depends on what opens the database again. */
static const char *
lock_description (PolkuKeySource source)
{
  if (source == POLKU_KEY_SOURCE_PASSPHRASE)
    return _("Locking (Ctrl+L, or after inactivity) closes the database and hides client "
             "data; only the passphrase opens it again.");
  return _("Locking (Ctrl+L, or after inactivity) hides client data from a glance. The "
           "database key is in your keyring, so anyone who uses this desktop session can "
           "unlock Polku again: when you leave the computer, lock the screen (Super+L).");
}

/* Shows "0" as "Never" so that the meaning of zero is plain. */
static gboolean
on_idle_lock_output (GtkSpinButton *spin)
{
  GtkAdjustment *adjustment = gtk_spin_button_get_adjustment (spin);
  guint minutes = (guint) gtk_adjustment_get_value (adjustment);
  g_autofree char *text = NULL;

  if (minutes == 0)
    text = g_strdup (_("Never"));
  else
    text = g_strdup_printf ("%u", minutes);

  if (g_strcmp0 (text, gtk_editable_get_text (GTK_EDITABLE (spin))) != 0)
    gtk_editable_set_text (GTK_EDITABLE (spin), text);

  return TRUE;
}

static int
on_idle_lock_input (GtkSpinButton *spin,
                    double        *new_value)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (spin));
  guint64 minutes;

  if (g_strcmp0 (text, _("Never")) == 0)
    {
      *new_value = 0;
      return TRUE;
    }

  if (!g_ascii_string_to_unsigned (text, 10, 0, G_MAXUINT32, &minutes, NULL))
    return GTK_INPUT_ERROR;

  *new_value = minutes;
  return TRUE;
}

/* Backups */

static PolkuStore *
get_store (PolkuPreferencesWindow *self)
{
  GtkWindow *parent = gtk_window_get_transient_for (GTK_WINDOW (self));

  if (self->store != NULL)
    return self->store;
  if (POLKU_IS_WINDOW (parent))
    return polku_window_get_store (POLKU_WINDOW (parent));
  return NULL;
}

static void
set_busy (PolkuPreferencesWindow *self,
          gboolean                busy)
{
  self->busy = busy;
  gtk_widget_set_visible (self->backup_spinner, busy);
  gtk_spinner_set_spinning (GTK_SPINNER (self->backup_spinner), busy);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "preferences.backup", !busy);
  if (busy)
    adw_action_row_set_subtitle (self->backup_row, _("Backing up…"));
}

static void
backup_done (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(PolkuPreferencesWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  const char *path = g_object_get_data (G_OBJECT (self), "polku-backup-path");

  if (!polku_backup_create_finish (POLKU_STORE (source), result, &error)
      && g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  set_busy (self, FALSE);

  if (error != NULL)
    {
      adw_action_row_set_subtitle (self->backup_row, "");
      polku_error_dialog_present (GTK_WIDGET (self), _("Could Not Back Up"), error);
      return;
    }

  {
    g_autofree char *display = g_filename_display_name (path != NULL ? path : "");
    g_autofree char *subtitle = g_strdup_printf (_("Saved to %s"), display);

    adw_action_row_set_subtitle (self->backup_row, subtitle);
    adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self),
                                      adw_toast_new (_("Backup saved")));
  }
  /* The first backup made the recovery key: without it the backup is of no use. */
  if (self->key_was_missing)
    polku_recovery_key_dialog_present (GTK_WINDOW (self), POLKU_STORE (source), TRUE);
}

/**
 * polku_preferences_window_back_up_to:
 * @path: the backup file (replaced if it is there: the file chooser asked)
 *
 * Backs the profile up to @path in a worker thread (what "Back Up Now…" does once a file
 * is chosen).
 */
void
polku_preferences_window_back_up_to (PolkuPreferencesWindow *self,
                                     const char             *path)
{
  PolkuStore *store;

  g_return_if_fail (POLKU_IS_PREFERENCES_WINDOW (self));
  g_return_if_fail (path != NULL);

  store = get_store (self);
  if (store == NULL || self->busy)
    return;

  /* A quick read, to know whether this backup makes the key (then it is shown). */
  self->key_was_missing = polku_recovery_key_exists (store, NULL) == 0;
  g_object_set_data_full (G_OBJECT (self), "polku-backup-path", g_strdup (path), g_free);
  set_busy (self, TRUE);
  polku_backup_create_async (store,
                             self->profile != NULL ? polku_profile_get_id (self->profile) : NULL,
                             path, TRUE, self->cancellable, backup_done, g_object_ref (self));
}

gboolean
polku_preferences_window_get_busy (PolkuPreferencesWindow *self)
{
  g_return_val_if_fail (POLKU_IS_PREFERENCES_WINDOW (self), FALSE);
  return self->busy;
}

static void
on_backup_file_chosen (GtkNativeDialog        *chooser,
                       int                     response,
                       PolkuPreferencesWindow *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      g_autofree char *path = file != NULL ? g_file_get_path (file) : NULL;

      if (path != NULL)
        polku_preferences_window_back_up_to (self, path);
    }
  g_clear_object (&self->chooser);
}

static void
backup_activated (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  PolkuPreferencesWindow *self = POLKU_PREFERENCES_WINDOW (widget);
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  g_autofree char *name = polku_backup_default_name ();

  if (get_store (self) == NULL || self->busy || self->chooser != NULL)
    return;

  self->chooser = gtk_file_chooser_native_new (_("Back Up Polku"), GTK_WINDOW (self),
                                               GTK_FILE_CHOOSER_ACTION_SAVE, _("_Back Up"),
                                               _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (self->chooser), name);
  gtk_file_filter_set_name (filter, _("Polku backups"));
  gtk_file_filter_add_pattern (filter, "*" POLKU_BACKUP_SUFFIX);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), filter);
  g_signal_connect (self->chooser, "response", G_CALLBACK (on_backup_file_chosen), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

static void
show_recovery_key_activated (GtkWidget  *widget,
                             const char *action_name,
                             GVariant   *parameter)
{
  PolkuPreferencesWindow *self = POLKU_PREFERENCES_WINDOW (widget);
  PolkuStore *store = get_store (self);

  if (store != NULL)
    polku_recovery_key_dialog_present (GTK_WINDOW (self), store, FALSE);
}

/**
 * polku_preferences_window_set_store:
 * @store: (nullable): the open store to back up; %NULL for the main window's
 */
void
polku_preferences_window_set_store (PolkuPreferencesWindow *self,
                                    PolkuStore             *store)
{
  g_return_if_fail (POLKU_IS_PREFERENCES_WINDOW (self));
  g_return_if_fail (store == NULL || POLKU_IS_STORE (store));

  g_set_object (&self->store, store);
}

static void
polku_preferences_window_constructed (GObject *object)
{
  PolkuPreferencesWindow *self = (PolkuPreferencesWindow *) object;

  G_OBJECT_CLASS (polku_preferences_window_parent_class)->constructed (object);

  g_settings_bind (self->settings, "idle-lock-minutes",
                   gtk_spin_button_get_adjustment (self->idle_lock_spin), "value",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "worker-name", self->worker_name_row, "text",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "show-archived", self->show_archived_switch, "active",
                   G_SETTINGS_BIND_DEFAULT);

  if (self->profile != NULL)
    {
      PolkuKeySource source = polku_profile_get_key_source (self->profile);

      adw_action_row_set_subtitle (self->database_row,
                                   polku_profile_get_database_path (self->profile));
      adw_action_row_set_subtitle (self->key_row,
                                   key_source_label (source));
      adw_preferences_group_set_description (self->privacy_group, lock_description (source));
      adw_preferences_window_add (ADW_PREFERENCES_WINDOW (self),
                                  ADW_PREFERENCES_PAGE (polku_sync_preferences_new (
                                    self->profile)));
    }
  else
    {
      gtk_widget_set_visible (GTK_WIDGET (self->database_row), FALSE);
      gtk_widget_set_visible (GTK_WIDGET (self->key_row), FALSE);
    }
}

static void
polku_preferences_window_dispose (GObject *object)
{
  PolkuPreferencesWindow *self = (PolkuPreferencesWindow *) object;

  /* A focused entry must see its focus go before it is disposed (GTK warns otherwise). */
  gtk_window_set_focus (GTK_WINDOW (self), NULL);
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
  g_clear_object (&self->store);
  g_clear_object (&self->profile);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (polku_preferences_window_parent_class)->dispose (object);
}

static void
polku_preferences_window_get_property (GObject    *object,
                                       guint       prop_id,
                                       GValue     *value,
                                       GParamSpec *pspec)
{
  PolkuPreferencesWindow *self = POLKU_PREFERENCES_WINDOW (object);

  switch (prop_id)
    {
    case PROP_PROFILE:
      g_value_set_object (value, self->profile);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
polku_preferences_window_set_property (GObject      *object,
                                       guint         prop_id,
                                       const GValue *value,
                                       GParamSpec   *pspec)
{
  PolkuPreferencesWindow *self = POLKU_PREFERENCES_WINDOW (object);

  switch (prop_id)
    {
    case PROP_PROFILE:
      self->profile = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
polku_preferences_window_class_init (PolkuPreferencesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = polku_preferences_window_constructed;
  object_class->dispose = polku_preferences_window_dispose;
  object_class->get_property = polku_preferences_window_get_property;
  object_class->set_property = polku_preferences_window_set_property;

  properties[PROP_PROFILE] =
    g_param_spec_object ("profile", NULL, NULL, POLKU_TYPE_PROFILE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_EXPLICIT_NOTIFY
                         | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/polku-preferences-window.ui");
  gtk_widget_class_bind_template_child (widget_class, PolkuPreferencesWindow, idle_lock_spin);
  gtk_widget_class_bind_template_child (widget_class, PolkuPreferencesWindow, privacy_group);
  gtk_widget_class_bind_template_child (widget_class, PolkuPreferencesWindow, worker_name_row);
  gtk_widget_class_bind_template_child (widget_class, PolkuPreferencesWindow,
                                        show_archived_switch);
  gtk_widget_class_bind_template_child (widget_class, PolkuPreferencesWindow, database_row);
  gtk_widget_class_bind_template_child (widget_class, PolkuPreferencesWindow, key_row);
  gtk_widget_class_bind_template_child (widget_class, PolkuPreferencesWindow, backup_group);
  gtk_widget_class_bind_template_child (widget_class, PolkuPreferencesWindow, backup_row);
  gtk_widget_class_bind_template_child (widget_class, PolkuPreferencesWindow, backup_spinner);
  gtk_widget_class_install_action (widget_class, "preferences.backup", NULL, backup_activated);
  gtk_widget_class_install_action (widget_class, "preferences.show-recovery-key", NULL,
                                   show_recovery_key_activated);
  gtk_widget_class_bind_template_callback (widget_class, on_idle_lock_output);
  gtk_widget_class_bind_template_callback (widget_class, on_idle_lock_input);
}

static void
polku_preferences_window_init (PolkuPreferencesWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->settings = g_settings_new (APP_ID);
  self->cancellable = g_cancellable_new ();
}

/**
 * polku_preferences_window_new:
 * @parent: (nullable): the main window
 * @profile: (nullable): the open profile, whose database location is shown
 *
 * Returns: (transfer none): a new Preferences window
 */
PolkuPreferencesWindow *
polku_preferences_window_new (GtkWindow    *parent,
                              PolkuProfile *profile)
{
  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (profile == NULL || POLKU_IS_PROFILE (profile), NULL);

  return g_object_new (POLKU_TYPE_PREFERENCES_WINDOW,
                       "transient-for", parent,
                       "modal", TRUE,
                       "destroy-with-parent", TRUE,
                       "profile", profile,
                       NULL);
}
