/* polku-recovery-key-dialog.c: shows the profile's recovery key, to be written down
 *
 * The one place in the window where the recovery key is shown (Preferences, and once after a
 * new profile is made). Reading it records a "shown" entry in the audit log
 * (polku_recovery_key_show ()); the read runs in a worker thread. The dialog is transient for
 * the window, so locking Polku closes it with every other window that shows a secret.
 *
 * Copyright 2026 The Polku authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "polku-recovery-key-dialog"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "polku-error-dialog.h"
#include "polku-recovery-key-dialog.h"
#include "polku-recovery.h"

static void
on_copy_clicked (GtkButton *button,
                 GtkLabel  *label)
{
  gdk_clipboard_set_text (gtk_widget_get_clipboard (GTK_WIDGET (button)),
                          gtk_label_get_text (label));
  gtk_widget_set_tooltip_text (GTK_WIDGET (button), _("Copied"));
}

/**
 * polku_recovery_key_dialog_new:
 * @key: the recovery key, as shown
 * @first_time: TRUE right after the profile was made (or its first backup)
 *
 * Returns: (transfer none): the dialog, not yet presented
 */
GtkWidget *
polku_recovery_key_dialog_new (GtkWindow  *parent,
                               const char *key,
                               gboolean    first_time)
{
  GtkWidget *dialog;
  GtkWidget *box;
  GtkWidget *label;
  GtkWidget *copy;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (key != NULL, NULL);

  dialog = adw_message_dialog_new (parent,
                                   first_time ? _("Write Down Your Recovery Key")
                                              : _("Recovery Key"),
                                   _("With this key, a backup of your client data can be "
                                     "restored on any computer, even when this one is lost "
                                     "or its keyring is reset. Write it down on paper and keep "
                                     "it apart from this computer, for example locked away "
                                     "with your backup stick. Without it, a backup cannot be "
                                     "opened."));
  gtk_window_set_modal (GTK_WINDOW (dialog), TRUE);
  gtk_window_set_destroy_with_parent (GTK_WINDOW (dialog), TRUE);

  box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  gtk_widget_set_halign (box, GTK_ALIGN_CENTER);
  label = gtk_label_new (key);
  gtk_label_set_selectable (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_justify (GTK_LABEL (label), GTK_JUSTIFY_CENTER);
  gtk_widget_add_css_class (label, "monospace");
  gtk_widget_add_css_class (label, "title-4");
  gtk_widget_set_name (label, "recovery-key");
  gtk_accessible_update_property (GTK_ACCESSIBLE (label), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Recovery key"), -1);
  copy = gtk_button_new_from_icon_name ("edit-copy-symbolic");
  gtk_widget_set_valign (copy, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (copy, _("Copy"));
  gtk_widget_add_css_class (copy, "flat");
  gtk_accessible_update_property (GTK_ACCESSIBLE (copy), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Copy the recovery key"), -1);
  g_signal_connect (copy, "clicked", G_CALLBACK (on_copy_clicked), label);
  gtk_box_append (GTK_BOX (box), label);
  gtk_box_append (GTK_BOX (box), copy);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), box);

  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close",
                                   first_time ? _("_I Have Written It Down") : _("_Close"));
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "close");
  return dialog;
}

typedef struct
{
  GtkWindow *parent;
  gboolean   first_time;
} ShowData;

static void
show_data_free (ShowData *data)
{
  g_clear_weak_pointer (&data->parent);
  g_free (data);
}

static void
show_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  GError *error = NULL;
  char *key = polku_recovery_key_show (source_object, &error);

  if (key == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, key, g_free);
}

static void
show_done (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  ShowData *data = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  char *key = g_task_propagate_pointer (G_TASK (result), &error);

  /* The window was closed (or Polku locked) meanwhile: show nothing. */
  if (data->parent == NULL)
    ;
  else if (key == NULL)
    polku_error_dialog_present (GTK_WIDGET (data->parent), _("Could Not Show the Recovery Key"),
                                error);
  else
    gtk_window_present (GTK_WINDOW (polku_recovery_key_dialog_new (data->parent, key,
                                                                   data->first_time)));
  if (key != NULL)
    explicit_bzero (key, strlen (key));
  g_free (key);
}

/**
 * polku_recovery_key_dialog_present:
 * @store: the open profile
 * @first_time: TRUE right after the profile was made (or its first backup)
 *
 * Reads the recovery key (made first when the profile has none; recorded in the audit log)
 * in a worker thread and shows it over @parent.
 */
void
polku_recovery_key_dialog_present (GtkWindow  *parent,
                                   PolkuStore *store,
                                   gboolean    first_time)
{
  g_autoptr(GTask) task = NULL;
  ShowData *data;

  g_return_if_fail (GTK_IS_WINDOW (parent));
  g_return_if_fail (POLKU_IS_STORE (store));

  data = g_new0 (ShowData, 1);
  g_set_weak_pointer (&data->parent, parent);
  data->first_time = first_time;
  task = g_task_new (store, NULL, show_done, NULL);
  g_task_set_source_tag (task, polku_recovery_key_dialog_present);
  g_task_set_task_data (task, data, (GDestroyNotify) show_data_free);
  g_task_run_in_thread (task, show_thread);
}
