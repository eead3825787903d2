/* polku-unlock-page.c: asks for what opens the client database
 *
 * Copyright 2026 The Polku authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "polku-unlock-page"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <string.h>

#include "polku-backup.h"
#include "polku-profile.h"
#include "polku-recovery.h"
#include "polku-unlock-page-private.h"

struct _PolkuUnlockPage
{
  GtkWidget        parent_instance;

  PolkuUnlockMode  mode;
  gboolean         busy;
  char            *error;

  AdwStatusPage   *status_page;
  GtkWidget       *entries_list;
  AdwEntryRow     *passphrase_row;
  AdwEntryRow     *confirm_row;
  GtkLabel        *hint_label;
  GtkLabel        *error_label;
  GtkWidget       *spinner;
  GtkButton       *unlock_button;

  /* Restoring a backup (POLKU_UNLOCK_MODE_RESTORE) */
  GtkWidget       *restore_list;
  AdwActionRow    *backup_row;
  GtkWidget       *backup_button;
  AdwPasswordEntryRow *recovery_key_row;
  AdwActionRow    *folder_row;
  GtkButton       *restore_button;
  GtkButton       *cancel_button;
  GtkFileChooserNative *chooser;
  char            *backup_path;
  char            *restore_folder;
  char            *profile_folder;
  gboolean         profile_occupied;
  gboolean         restore_passphrase;   /* no keyring: the restored profile gets one */
  PolkuUnlockMode  mode_before_restore;
  char            *description_before_restore;
};

G_DEFINE_FINAL_TYPE (PolkuUnlockPage, polku_unlock_page, GTK_TYPE_WIDGET)

enum
{
  UNLOCK,
  RESTORE,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* Whatever the user has entered can be submitted; sets the hint that says why not. */
static gboolean
check_input (PolkuUnlockPage *self)
{
  const char *passphrase = gtk_editable_get_text (GTK_EDITABLE (self->passphrase_row));
  const char *confirmation = gtk_editable_get_text (GTK_EDITABLE (self->confirm_row));
  g_autoptr(GError) error = NULL;
  g_autofree char *hint = NULL;
  gboolean ok = FALSE;

  switch (self->mode)
    {
    case POLKU_UNLOCK_MODE_NONE:
      ok = FALSE;
      break;

    case POLKU_UNLOCK_MODE_UNLOCK:
      ok = TRUE;
      break;

    case POLKU_UNLOCK_MODE_PASSPHRASE:
      ok = passphrase[0] != '\0';
      break;

    case POLKU_UNLOCK_MODE_RESTORE:
      {
        const char *key = gtk_editable_get_text (GTK_EDITABLE (self->recovery_key_row));
        g_autofree char *normalized = NULL;

        if (self->backup_path == NULL)
          {
            hint = g_strdup (_("Choose the backup file."));
            break;
          }
        if (key[0] == '\0')
          {
            hint = g_strdup (_("Type the recovery key that you wrote down when the profile "
                               "was made."));
            break;
          }
        normalized = polku_recovery_key_normalize (key, &error);
        if (normalized == NULL)
          {
            hint = g_strdup (error->message);
            break;
          }
        explicit_bzero (normalized, strlen (normalized));
        if (self->restore_folder == NULL)
          {
            hint = g_strdup (_("Choose an empty folder for the restored profile."));
            break;
          }
        if (!self->restore_passphrase)
          {
            ok = TRUE;
            break;
          }
      }
      G_GNUC_FALLTHROUGH;

    case POLKU_UNLOCK_MODE_NEW_PASSPHRASE:
      if (!polku_profile_check_passphrase (passphrase, &error))
        hint = g_strdup (error->message);
      else if (confirmation[0] == '\0')
        hint = g_strdup (_("Enter the passphrase again to confirm it."));
      else if (strcmp (passphrase, confirmation) != 0)
        hint = g_strdup (_("The passphrases do not match."));
      else
        ok = TRUE;

      if (hint == NULL)
        hint = g_strdup (_("Nobody can recover the client data if the passphrase is "
                           "forgotten. Keep it safe."));
      break;

    default:
      g_assert_not_reached ();
    }

  gtk_label_set_text (self->hint_label, hint != NULL ? hint : "");
  gtk_widget_set_visible (GTK_WIDGET (self->hint_label), hint != NULL);

  return ok;
}

static void
update (PolkuUnlockPage *self)
{
  gboolean restoring = self->mode == POLKU_UNLOCK_MODE_RESTORE;
  gboolean new_passphrase = self->mode == POLKU_UNLOCK_MODE_NEW_PASSPHRASE
                            || (restoring && self->restore_passphrase);
  gboolean entries = self->mode == POLKU_UNLOCK_MODE_PASSPHRASE || new_passphrase;
  gboolean ok = check_input (self);

  gtk_widget_set_visible (self->entries_list, entries);
  gtk_widget_set_visible (GTK_WIDGET (self->confirm_row), new_passphrase);

  gtk_widget_set_visible (self->restore_list, restoring);
  gtk_widget_set_visible (GTK_WIDGET (self->folder_row), restoring);
  gtk_widget_set_visible (GTK_WIDGET (self->cancel_button), restoring);
  gtk_widget_set_sensitive (GTK_WIDGET (self->cancel_button), !self->busy);
  gtk_widget_set_sensitive (GTK_WIDGET (self->backup_row), !self->busy);
  gtk_widget_set_sensitive (GTK_WIDGET (self->folder_row),
                            !self->busy && self->profile_occupied);
  gtk_editable_set_editable (GTK_EDITABLE (self->recovery_key_row), !self->busy);
  /* A backup is restored from any page that asks for something: the first start on a new
   * computer, a locked profile, a keyring that lost the key. */
  gtk_widget_set_visible (GTK_WIDGET (self->restore_button),
                          self->mode != POLKU_UNLOCK_MODE_NONE && !restoring);
  gtk_widget_set_sensitive (GTK_WIDGET (self->restore_button), !self->busy);
  if (restoring)
    {
      g_autofree char *display = NULL;

      display = self->backup_path != NULL ? g_filename_display_name (self->backup_path) : NULL;
      adw_action_row_set_subtitle (self->backup_row,
                                   display != NULL ? display : _("None chosen"));
      g_clear_pointer (&display, g_free);
      display = self->restore_folder != NULL ? g_filename_display_name (self->restore_folder)
                                             : NULL;
      adw_action_row_set_subtitle (self->folder_row,
                                   display != NULL ? display : _("None chosen"));
    }
  /* Read-only rather than insensitive while busy: a focused entry that turns insensitive
   * loses its focus without being told (GTK 4.8). */
  gtk_editable_set_editable (GTK_EDITABLE (self->passphrase_row), !self->busy);
  gtk_editable_set_editable (GTK_EDITABLE (self->confirm_row), !self->busy);

  gtk_widget_set_visible (GTK_WIDGET (self->unlock_button),
                          self->mode != POLKU_UNLOCK_MODE_NONE);
  gtk_widget_set_sensitive (GTK_WIDGET (self->unlock_button), ok && !self->busy);
  gtk_button_set_label (self->unlock_button,
                        restoring ? _("_Restore")
                        : self->mode == POLKU_UNLOCK_MODE_NEW_PASSPHRASE ? _("_Create Database")
                                                                         : _("_Unlock"));

  gtk_widget_set_visible (self->spinner, self->busy);
  gtk_spinner_set_spinning (GTK_SPINNER (self->spinner), self->busy);

  gtk_label_set_text (self->error_label, self->error != NULL ? self->error : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), self->error != NULL && !self->busy);
}

static void
wipe_entry (gpointer row)
{
  gtk_editable_set_text (GTK_EDITABLE (row), "");
}

static void
submit (PolkuUnlockPage *self)
{
  g_autofree char *passphrase = NULL;

  if (self->busy || !check_input (self))
    return;

  if (self->mode == POLKU_UNLOCK_MODE_PASSPHRASE
      || self->mode == POLKU_UNLOCK_MODE_NEW_PASSPHRASE
      || (self->mode == POLKU_UNLOCK_MODE_RESTORE && self->restore_passphrase))
    passphrase = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->passphrase_row)));

  if (self->mode == POLKU_UNLOCK_MODE_RESTORE)
    {
      GtkEditable *key_entry = GTK_EDITABLE (self->recovery_key_row);
      g_autofree char *key = g_strdup (gtk_editable_get_text (key_entry));

      g_signal_emit (self, signals[RESTORE], 0, self->backup_path, key, self->restore_folder,
                     passphrase);
      explicit_bzero (key, strlen (key));
    }
  else
    {
      g_signal_emit (self, signals[UNLOCK], 0, passphrase);
    }

  if (passphrase != NULL)
    explicit_bzero (passphrase, strlen (passphrase));
}

static void
on_unlock_clicked (PolkuUnlockPage *self)
{
  submit (self);
}

static void
on_entry_changed (PolkuUnlockPage *self)
{
  update (self);
}

static void
on_passphrase_activated (PolkuUnlockPage *self)
{
  if (self->mode == POLKU_UNLOCK_MODE_NEW_PASSPHRASE
      && gtk_editable_get_text (GTK_EDITABLE (self->confirm_row))[0] == '\0')
    gtk_widget_grab_focus (GTK_WIDGET (self->confirm_row));
  else
    submit (self);
}

static void
on_confirm_activated (PolkuUnlockPage *self)
{
  submit (self);
}

static void
on_recovery_key_activated (PolkuUnlockPage *self)
{
  if (self->restore_passphrase
      && gtk_editable_get_text (GTK_EDITABLE (self->passphrase_row))[0] == '\0')
    gtk_widget_grab_focus (GTK_WIDGET (self->passphrase_row));
  else
    submit (self);
}

/* Restoring */

static void
begin_restore (PolkuUnlockPage *self)
{
  g_autofree char *description = NULL;
  g_autofree char *folder = NULL;
  PolkuUnlockMode before = self->mode;
  g_autofree char *before_description =
    g_strdup (adw_status_page_get_description (self->status_page));

  folder = g_filename_display_name (self->profile_folder != NULL ? self->profile_folder : "");
  if (self->profile_occupied)
    description = g_strdup_printf (_("A backup is restored into a new profile, never over one. "
                                     "The profile folder “%s” is already in use, so choose "
                                     "another, empty folder. To open the restored profile "
                                     "later, start Polku with “polku --data-dir FOLDER”."),
                                   folder);
  else
    description = g_strdup_printf (_("The backup becomes the profile in “%s”, with a new "
                                     "database key. Choose the backup file and type its "
                                     "recovery key."), folder);

  polku_unlock_page_set_mode (self, POLKU_UNLOCK_MODE_RESTORE, description);
  self->mode_before_restore = before;
  g_free (self->description_before_restore);
  self->description_before_restore = g_steal_pointer (&before_description);
  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    gtk_widget_grab_focus (GTK_WIDGET (self->backup_button));
}

static void
on_restore_clicked (PolkuUnlockPage *self)
{
  if (!self->busy)
    begin_restore (self);
}

static void
on_cancel_clicked (PolkuUnlockPage *self)
{
  if (self->busy || self->mode != POLKU_UNLOCK_MODE_RESTORE)
    return;
  polku_unlock_page_set_mode (self, self->mode_before_restore,
                              self->description_before_restore);
  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    gtk_widget_grab_focus (GTK_WIDGET (self));
}

static void
on_file_chosen (GtkNativeDialog *chooser,
                int              response,
                PolkuUnlockPage *self)
{
  gboolean folder = gtk_file_chooser_get_action (GTK_FILE_CHOOSER (chooser))
                    == GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER;

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      g_autofree char *path = file != NULL ? g_file_get_path (file) : NULL;

      if (path != NULL && folder)
        polku_unlock_page_set_restore_folder (self, path);
      else if (path != NULL)
        polku_unlock_page_set_backup_file (self, path);
    }
  g_clear_object (&self->chooser);
}

static void
choose (PolkuUnlockPage      *self,
        GtkFileChooserAction  action)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWindow *parent = GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL;

  if (self->busy || self->chooser != NULL)
    return;

  if (action == GTK_FILE_CHOOSER_ACTION_OPEN)
    {
      g_autoptr(GtkFileFilter) backups = gtk_file_filter_new ();
      g_autoptr(GtkFileFilter) all = gtk_file_filter_new ();

      self->chooser = gtk_file_chooser_native_new (_("Choose the Backup"), parent, action,
                                                   _("_Choose"), _("_Cancel"));
      gtk_file_filter_set_name (backups, _("Polku backups"));
      gtk_file_filter_add_pattern (backups, "*" POLKU_BACKUP_SUFFIX);
      gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), backups);
      gtk_file_filter_set_name (all, _("All files"));
      gtk_file_filter_add_pattern (all, "*");
      gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), all);
    }
  else
    {
      self->chooser = gtk_file_chooser_native_new (_("Choose a Folder for the Restored Profile"),
                                                   parent, action, _("_Choose"), _("_Cancel"));
    }
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);
  g_signal_connect (self->chooser, "response", G_CALLBACK (on_file_chosen), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

static void
on_choose_backup_clicked (PolkuUnlockPage *self)
{
  choose (self, GTK_FILE_CHOOSER_ACTION_OPEN);
}

static void
on_choose_folder_clicked (PolkuUnlockPage *self)
{
  choose (self, GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER);
}

static void
polku_unlock_page_dispose (GObject *object)
{
  PolkuUnlockPage *self = (PolkuUnlockPage *) object;
  GtkWidget *child;

  if (self->passphrase_row != NULL)
    {
      wipe_entry (self->passphrase_row);
      wipe_entry (self->confirm_row);
      wipe_entry (ADW_ENTRY_ROW (self->recovery_key_row));
    }
  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
  gtk_widget_dispose_template (GTK_WIDGET (self), POLKU_TYPE_UNLOCK_PAGE);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (polku_unlock_page_parent_class)->dispose (object);
}

static void
polku_unlock_page_finalize (GObject *object)
{
  PolkuUnlockPage *self = (PolkuUnlockPage *) object;

  g_clear_pointer (&self->error, g_free);
  g_clear_pointer (&self->backup_path, g_free);
  g_clear_pointer (&self->restore_folder, g_free);
  g_clear_pointer (&self->profile_folder, g_free);
  g_clear_pointer (&self->description_before_restore, g_free);

  G_OBJECT_CLASS (polku_unlock_page_parent_class)->finalize (object);
}

static gboolean
polku_unlock_page_grab_focus (GtkWidget *widget)
{
  PolkuUnlockPage *self = POLKU_UNLOCK_PAGE (widget);

  if (self->mode == POLKU_UNLOCK_MODE_RESTORE && !self->busy)
    {
      if (self->restore_passphrase)
        return gtk_widget_grab_focus (GTK_WIDGET (self->passphrase_row));
      if (self->backup_path == NULL)
        return gtk_widget_grab_focus (GTK_WIDGET (self->backup_button));
      return gtk_widget_grab_focus (GTK_WIDGET (self->recovery_key_row));
    }
  if (gtk_widget_get_visible (self->entries_list) && !self->busy)
    return gtk_widget_grab_focus (GTK_WIDGET (self->passphrase_row));
  if (gtk_widget_get_visible (GTK_WIDGET (self->unlock_button)))
    return gtk_widget_grab_focus (GTK_WIDGET (self->unlock_button));

  return GTK_WIDGET_CLASS (polku_unlock_page_parent_class)->grab_focus (widget);
}

static void
polku_unlock_page_class_init (PolkuUnlockPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = polku_unlock_page_dispose;
  object_class->finalize = polku_unlock_page_finalize;
  widget_class->grab_focus = polku_unlock_page_grab_focus;

  /**
   * PolkuUnlockPage::unlock:
   * @passphrase: (nullable): what the user entered; %NULL to use the Secret Service
   *
   * The user asks to open the database. The string is wiped after the emission: copy it
   * if it is needed later.
   */
  signals[UNLOCK] = g_signal_new ("unlock", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                  NULL, NULL, NULL, G_TYPE_NONE, 1,
                                  G_TYPE_STRING | G_SIGNAL_TYPE_STATIC_SCOPE);

  /**
   * PolkuUnlockPage::restore:
   * @backup_path: the backup file
   * @recovery_key: the recovery key as typed
   * @folder: the folder of the new profile
   * @passphrase: (nullable): the new profile's passphrase; %NULL to keep its key in the
   *   Secret Service
   *
   * The user asks to restore a backup into a new profile. The strings are wiped after the
   * emission.
   */
  signals[RESTORE] = g_signal_new ("restore", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                   NULL, NULL, NULL, G_TYPE_NONE, 4,
                                   G_TYPE_STRING | G_SIGNAL_TYPE_STATIC_SCOPE,
                                   G_TYPE_STRING | G_SIGNAL_TYPE_STATIC_SCOPE,
                                   G_TYPE_STRING | G_SIGNAL_TYPE_STATIC_SCOPE,
                                   G_TYPE_STRING | G_SIGNAL_TYPE_STATIC_SCOPE);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/polku-unlock-page.ui");
  gtk_widget_class_bind_template_child (widget_class, PolkuUnlockPage, restore_list);
  gtk_widget_class_bind_template_child (widget_class, PolkuUnlockPage, backup_row);
  gtk_widget_class_bind_template_child (widget_class, PolkuUnlockPage, backup_button);
  gtk_widget_class_bind_template_child (widget_class, PolkuUnlockPage, recovery_key_row);
  gtk_widget_class_bind_template_child (widget_class, PolkuUnlockPage, folder_row);
  gtk_widget_class_bind_template_child (widget_class, PolkuUnlockPage, restore_button);
  gtk_widget_class_bind_template_child (widget_class, PolkuUnlockPage, cancel_button);
  gtk_widget_class_bind_template_callback (widget_class, on_restore_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_cancel_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_choose_backup_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_choose_folder_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_recovery_key_activated);
  gtk_widget_class_bind_template_child (widget_class, PolkuUnlockPage, status_page);
  gtk_widget_class_bind_template_child (widget_class, PolkuUnlockPage, entries_list);
  gtk_widget_class_bind_template_child (widget_class, PolkuUnlockPage, passphrase_row);
  gtk_widget_class_bind_template_child (widget_class, PolkuUnlockPage, confirm_row);
  gtk_widget_class_bind_template_child (widget_class, PolkuUnlockPage, hint_label);
  gtk_widget_class_bind_template_child (widget_class, PolkuUnlockPage, error_label);
  gtk_widget_class_bind_template_child (widget_class, PolkuUnlockPage, spinner);
  gtk_widget_class_bind_template_child (widget_class, PolkuUnlockPage, unlock_button);
  gtk_widget_class_bind_template_callback (widget_class, on_unlock_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_entry_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_passphrase_activated);
  gtk_widget_class_bind_template_callback (widget_class, on_confirm_activated);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "polku-unlock-page");
}

static void
polku_unlock_page_init (PolkuUnlockPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  gtk_accessible_update_relation (GTK_ACCESSIBLE (self->unlock_button),
                                  GTK_ACCESSIBLE_RELATION_DESCRIBED_BY,
                                  self->error_label, NULL,
                                  -1);
  gtk_accessible_update_relation (GTK_ACCESSIBLE (self->passphrase_row),
                                  GTK_ACCESSIBLE_RELATION_DESCRIBED_BY,
                                  self->hint_label, self->error_label, NULL,
                                  -1);

  polku_unlock_page_set_mode (self, POLKU_UNLOCK_MODE_NONE, NULL);
}

GtkWidget *
polku_unlock_page_new (void)
{
  return g_object_new (POLKU_TYPE_UNLOCK_PAGE, NULL);
}

PolkuUnlockMode
polku_unlock_page_get_mode (PolkuUnlockPage *self)
{
  g_return_val_if_fail (POLKU_IS_UNLOCK_PAGE (self), POLKU_UNLOCK_MODE_NONE);
  return self->mode;
}

/**
 * polku_unlock_page_set_mode:
 * @description: (nullable): the text under the title; %NULL for the mode's own text
 *
 * Switches what the page asks for. The entries are emptied and the error is cleared.
 */
void
polku_unlock_page_set_mode (PolkuUnlockPage *self,
                            PolkuUnlockMode  mode,
                            const char      *description)
{
  const char *title = NULL;
  const char *icon_name = "system-lock-screen-symbolic";

  g_return_if_fail (POLKU_IS_UNLOCK_PAGE (self));
  g_return_if_fail (mode <= POLKU_UNLOCK_MODE_RESTORE);

  self->mode = mode;
  g_clear_pointer (&self->error, g_free);
  wipe_entry (self->passphrase_row);
  wipe_entry (self->confirm_row);
  wipe_entry (self->recovery_key_row);
  g_clear_pointer (&self->backup_path, g_free);
  g_clear_pointer (&self->restore_folder, g_free);
  self->restore_passphrase = FALSE;
  if (mode == POLKU_UNLOCK_MODE_RESTORE && !self->profile_occupied)
    self->restore_folder = g_strdup (self->profile_folder);

  switch (mode)
    {
    case POLKU_UNLOCK_MODE_NONE:
      title = _("Opening the Client Database");
      if (description == NULL)
        description = _("This takes a moment.");
      break;

    case POLKU_UNLOCK_MODE_UNLOCK:
      title = _("Polku Is Locked");
      if (description == NULL)
        description = _("Client data is hidden while Polku is locked. The database key is "
                        "kept in your keyring, so anyone who uses this desktop session can "
                        "unlock Polku: when you leave the computer, lock the screen too "
                        "(Super+L).");
      break;

    case POLKU_UNLOCK_MODE_PASSPHRASE:
      title = _("Polku Is Locked");
      icon_name = "dialog-password-symbolic";
      if (description == NULL)
        description = _("Enter the passphrase of the client database.");
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->passphrase_row),
                                     _("Passphrase"));
      break;

    case POLKU_UNLOCK_MODE_NEW_PASSPHRASE:
      title = _("Choose a Passphrase");
      icon_name = "dialog-password-symbolic";
      if (description == NULL)
        description = _("No Secret Service (keyring) was found to keep the database key. "
                        "Choose a passphrase to protect the new client database.");
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->passphrase_row),
                                     _("New passphrase"));
      break;

    case POLKU_UNLOCK_MODE_RESTORE:
      title = _("Restore from Backup");
      icon_name = "document-open-symbolic";
      if (description == NULL)
        description = _("Choose the backup file and type its recovery key.");
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->passphrase_row),
                                     _("New passphrase"));
      break;

    default:
      g_assert_not_reached ();
    }

  adw_status_page_set_title (self->status_page, title);
  adw_status_page_set_description (self->status_page, description);
  adw_status_page_set_icon_name (self->status_page, icon_name);

  update (self);
}

gboolean
polku_unlock_page_get_busy (PolkuUnlockPage *self)
{
  g_return_val_if_fail (POLKU_IS_UNLOCK_PAGE (self), FALSE);
  return self->busy;
}

/**
 * polku_unlock_page_set_busy:
 *
 * While busy the page shows a spinner and takes no input.
 */
void
polku_unlock_page_set_busy (PolkuUnlockPage *self,
                            gboolean         busy)
{
  g_return_if_fail (POLKU_IS_UNLOCK_PAGE (self));

  self->busy = !!busy;
  update (self);
}

/**
 * polku_unlock_page_get_error:
 *
 * Returns: (nullable): the error shown
 */
const char *
polku_unlock_page_get_error (PolkuUnlockPage *self)
{
  g_return_val_if_fail (POLKU_IS_UNLOCK_PAGE (self), NULL);
  return self->error;
}

/**
 * polku_unlock_page_set_error:
 * @message: (nullable): why the last try failed, in words the user can act on
 *
 * Shows @message and lets the user try again: a wrong passphrase is emptied, and the
 * focus goes back to where the user can fix things.
 */
void
polku_unlock_page_set_error (PolkuUnlockPage *self,
                             const char      *message)
{
  g_return_if_fail (POLKU_IS_UNLOCK_PAGE (self));

  g_free (self->error);
  self->error = g_strdup (message);
  self->busy = FALSE;

  if (message != NULL && self->mode == POLKU_UNLOCK_MODE_PASSPHRASE)
    wipe_entry (self->passphrase_row);
  /* A wrong recovery key is emptied; a damaged file must be chosen again. */
  if (message != NULL && self->mode == POLKU_UNLOCK_MODE_RESTORE)
    wipe_entry (self->recovery_key_row);

  update (self);

  if (message != NULL && gtk_widget_get_mapped (GTK_WIDGET (self)))
    gtk_widget_grab_focus (GTK_WIDGET (self));
}

/**
 * polku_unlock_page_clear:
 *
 * Empties the entries and the error message.
 */
void
polku_unlock_page_clear (PolkuUnlockPage *self)
{
  g_return_if_fail (POLKU_IS_UNLOCK_PAGE (self));

  wipe_entry (self->passphrase_row);
  wipe_entry (self->confirm_row);
  wipe_entry (self->recovery_key_row);
  g_clear_pointer (&self->error, g_free);
  update (self);
}

/**
 * polku_unlock_page_set_profile_folder:
 * @folder: the profile's folder
 * @occupied: whether it already holds a profile (a backup is then restored elsewhere)
 *
 * Tells the page where "Restore from Backup…" restores to.
 */
void
polku_unlock_page_set_profile_folder (PolkuUnlockPage *self,
                                      const char      *folder,
                                      gboolean         occupied)
{
  g_return_if_fail (POLKU_IS_UNLOCK_PAGE (self));
  g_return_if_fail (folder != NULL);

  g_free (self->profile_folder);
  self->profile_folder = g_strdup (folder);
  self->profile_occupied = !!occupied;
  update (self);
}

/**
 * polku_unlock_page_set_backup_file:
 * @path: the backup file chosen
 */
void
polku_unlock_page_set_backup_file (PolkuUnlockPage *self,
                                   const char      *path)
{
  g_return_if_fail (POLKU_IS_UNLOCK_PAGE (self));
  g_return_if_fail (self->mode == POLKU_UNLOCK_MODE_RESTORE);

  g_free (self->backup_path);
  self->backup_path = g_strdup (path);
  update (self);
  if (path != NULL && gtk_widget_get_mapped (GTK_WIDGET (self)))
    gtk_widget_grab_focus (GTK_WIDGET (self->recovery_key_row));
}

/**
 * polku_unlock_page_set_restore_folder:
 * @folder: the folder of the restored profile (only when the profile's own is in use)
 */
void
polku_unlock_page_set_restore_folder (PolkuUnlockPage *self,
                                      const char      *folder)
{
  g_return_if_fail (POLKU_IS_UNLOCK_PAGE (self));
  g_return_if_fail (self->mode == POLKU_UNLOCK_MODE_RESTORE);

  g_free (self->restore_folder);
  self->restore_folder = g_strdup (folder);
  g_clear_pointer (&self->error, g_free);
  update (self);
}

/**
 * polku_unlock_page_ask_restore_passphrase:
 * @message: why (no keyring)
 *
 * The restore needs a passphrase for the new profile: the page asks for one (and its
 * confirmation) and keeps the backup and the recovery key.
 */
void
polku_unlock_page_ask_restore_passphrase (PolkuUnlockPage *self,
                                          const char      *message)
{
  g_return_if_fail (POLKU_IS_UNLOCK_PAGE (self));
  g_return_if_fail (self->mode == POLKU_UNLOCK_MODE_RESTORE);

  self->restore_passphrase = TRUE;
  self->busy = FALSE;
  g_clear_pointer (&self->error, g_free);
  if (message != NULL)
    adw_status_page_set_description (self->status_page, message);
  update (self);
  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    gtk_widget_grab_focus (GTK_WIDGET (self->passphrase_row));
}

const char *
polku_unlock_page_get_description (PolkuUnlockPage *self)
{
  g_return_val_if_fail (POLKU_IS_UNLOCK_PAGE (self), NULL);
  return adw_status_page_get_description (self->status_page);
}

GtkEditable *
polku_unlock_page_get_recovery_key_entry (PolkuUnlockPage *self)
{
  g_return_val_if_fail (POLKU_IS_UNLOCK_PAGE (self), NULL);
  return GTK_EDITABLE (self->recovery_key_row);
}

GtkWidget *
polku_unlock_page_get_restore_button (PolkuUnlockPage *self)
{
  g_return_val_if_fail (POLKU_IS_UNLOCK_PAGE (self), NULL);
  return GTK_WIDGET (self->restore_button);
}

GtkWidget *
polku_unlock_page_get_cancel_button (PolkuUnlockPage *self)
{
  g_return_val_if_fail (POLKU_IS_UNLOCK_PAGE (self), NULL);
  return GTK_WIDGET (self->cancel_button);
}

const char *
polku_unlock_page_get_hint (PolkuUnlockPage *self)
{
  g_return_val_if_fail (POLKU_IS_UNLOCK_PAGE (self), NULL);
  return gtk_widget_get_visible (GTK_WIDGET (self->hint_label))
         ? gtk_label_get_text (self->hint_label) : NULL;
}

GtkEditable *
polku_unlock_page_get_passphrase_entry (PolkuUnlockPage *self)
{
  g_return_val_if_fail (POLKU_IS_UNLOCK_PAGE (self), NULL);
  return GTK_EDITABLE (self->passphrase_row);
}

GtkEditable *
polku_unlock_page_get_confirmation_entry (PolkuUnlockPage *self)
{
  g_return_val_if_fail (POLKU_IS_UNLOCK_PAGE (self), NULL);
  return GTK_EDITABLE (self->confirm_row);
}

GtkWidget *
polku_unlock_page_get_unlock_button (PolkuUnlockPage *self)
{
  g_return_val_if_fail (POLKU_IS_UNLOCK_PAGE (self), NULL);
  return GTK_WIDGET (self->unlock_button);
}
