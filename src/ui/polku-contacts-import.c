/* polku-contacts-import.c: the CSV import of contacts, with its preview
 *
 * The import shows every row of the file with its errors, and the rows already in the log,
 * before anything is written.
 *
 * Copyright 2026 The Polku authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "polku-contacts-import"

#include "config.h"

#include <glib/gi18n.h>

#include "polku-contacts-import.h"
#include "polku-contacts-rows-private.h"
#include "polku-date.h"

struct _PolkuContactsImport
{
  PolkuClientView      parent_instance;

  GListModel          *types;
  PolkuCsvImport      *import;

  GtkLabel            *import_error;
  AdwPreferencesGroup *preview_group;
  GtkListBox          *preview_list;
  GtkSwitch           *skip_switch;
  GtkWidget           *import_buttons;
  GtkButton           *import_button;
};

G_DEFINE_FINAL_TYPE (PolkuContactsImport, polku_contacts_import, POLKU_TYPE_CLIENT_VIEW)

enum
{
  IMPORTED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static GtkWidget *
create_preview_row (gpointer item,
                    gpointer user_data)
{
  PolkuContactsImport *self = user_data;
  PolkuCsvRow *csv_row = item;
  GtkWidget *row = adw_action_row_new ();
  g_autofree char *title = NULL;
  g_autofree char *subtitle = NULL;
  PolkuContact *contact = polku_csv_row_get_contact (csv_row);
  PolkuCsvRowStatus status = polku_csv_row_get_status (csv_row);

  /* TRANSLATORS: a row of a CSV file, numbered as a spreadsheet shows it */
  title = g_strdup_printf (_("Row %u"), polku_csv_row_get_number (csv_row));
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);

  if (status == POLKU_CSV_ROW_INVALID)
    subtitle = polku_csv_row_dup_errors_text (csv_row);
  else
    {
      g_autofree char *date = polku_date_format_user (polku_contact_get_date (contact));
      const char *time = polku_contact_get_time (contact);
      const char *professional = polku_contact_get_professional_id (contact);
      const char *organisation = polku_contact_get_organisation (contact);

      const char *reason = polku_contact_get_reason (contact);
      guint days = polku_contact_get_days (contact);
      g_autoptr(GString) text = NULL;

      text = g_string_new (NULL);
      g_string_printf (text, "%s%s%s · %s%s%s%s%s", date, time != NULL ? " " : "",
                       time != NULL ? time : "",
                       polku_contacts_type_label (self->types,
                                                  polku_contact_get_type_id (contact)),
                       professional != NULL ? " · " : "",
                       professional != NULL ? professional : "",
                       organisation != NULL ? " · " : "",
                       organisation != NULL ? organisation : "");
      /* What the days and reason columns were read as, to check before importing. */
      if (days > 0)
        {
          g_string_append (text, " · ");
          g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE, "%u day", "%u days",
                                                     days), days);
        }
      if (reason != NULL)
        {
          g_string_append (text, " · ");
          /* TRANSLATORS: the reason of a contact, e.g. "Reason: back pain" */
          g_string_append_printf (text, _("Reason: %s"), reason);
        }
      subtitle = g_string_free (g_steal_pointer (&text), FALSE);
    }
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 6);

  /* What the urgent and no-show columns were read as, to check before importing. */
  if (contact != NULL && status != POLKU_CSV_ROW_INVALID)
    polku_contacts_row_add_flags (ADW_ACTION_ROW (row), contact);
  if (status == POLKU_CSV_ROW_INVALID)
    polku_contacts_row_add_tag (ADW_ACTION_ROW (row), _("Error"), "error");
  else if (status == POLKU_CSV_ROW_DUPLICATE)
    polku_contacts_row_add_tag (ADW_ACTION_ROW (row), _("Already in the log"), "dim-label");
  else
    polku_contacts_row_add_tag (ADW_ACTION_ROW (row), _("OK"), "success");
  return row;
}

static void
update_import_button (PolkuContactsImport *self)
{
  guint valid = 0, invalid = 0, duplicate = 0;
  gboolean skip = gtk_switch_get_active (self->skip_switch);
  g_autofree char *label = NULL;
  g_autofree char *summary = NULL;

  if (self->import != NULL)
    {
      valid = polku_csv_import_get_n_valid (self->import);
      invalid = polku_csv_import_get_n_invalid (self->import);
      duplicate = polku_csv_import_get_n_duplicate (self->import);
    }

  label = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "_Import %u Contact",
                                        "_Import %u Contacts", valid), valid);
  gtk_button_set_label (self->import_button, label);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "import.commit",
                                 self->import != NULL && valid > 0 && (invalid == 0 || skip));

  /* TRANSLATORS: the preview of a CSV import: "ready: 12 · with errors: 2 · already in the
   * log: 3" (a label and a count, so that it reads right for any number) */
  summary = g_strdup_printf (_("ready: %u · with errors: %u · already in the log: %u"),
                             valid, invalid, duplicate);
  adw_preferences_group_set_description (self->preview_group, summary);
}

/* Forgets the file (another client, another store, cancelled, imported). */
static void
contacts_import_clear (PolkuClientView *view)
{
  PolkuContactsImport *self = POLKU_CONTACTS_IMPORT (view);

  g_clear_object (&self->import);
  gtk_list_box_bind_model (self->preview_list, NULL, NULL, NULL, NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->preview_group), FALSE);
  gtk_widget_set_visible (self->import_buttons, FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->import_error), FALSE);
  gtk_switch_set_active (self->skip_switch, FALSE);
  update_import_button (self);
}

static void
show_import_error (PolkuContactsImport *self,
                   const char          *message)
{
  gtk_label_set_text (self->import_error, message);
  gtk_widget_set_visible (GTK_WIDGET (self->import_error), TRUE);
}

/**
 * polku_contacts_import_load_csv:
 *
 * Reads @file into the preview (what the file chooser does).
 *
 * Returns: whether the file could be read
 */
gboolean
polku_contacts_import_load_csv (PolkuContactsImport *self,
                                GFile               *file)
{
  PolkuClientView *view = POLKU_CLIENT_VIEW (self);
  g_autoptr(GError) error = NULL;
  g_autoptr(PolkuCsvImport) import = NULL;
  g_autofree char *name = NULL;

  g_return_val_if_fail (POLKU_IS_CONTACTS_IMPORT (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  contacts_import_clear (view);
  if (polku_client_view_get_store (view) == NULL || polku_client_view_get_client (view) == NULL)
    return FALSE;

  name = g_file_get_basename (file);
  import = polku_csv_import_new_for_file (file, polku_client_view_get_client_id (view),
                                          self->types, &error);
  if (import == NULL
      || !polku_csv_import_find_duplicates (import, polku_client_view_get_store (view), &error))
    {
      g_autofree char *message = g_strdup_printf ("%s: %s", name, error->message);

      show_import_error (self, message);
      return FALSE;
    }

  self->import = g_steal_pointer (&import);
  adw_preferences_group_set_title (self->preview_group, name);
  gtk_list_box_bind_model (self->preview_list, polku_csv_import_get_rows (self->import),
                           create_preview_row, self, NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->preview_group), TRUE);
  gtk_widget_set_visible (self->import_buttons, TRUE);
  update_import_button (self);
  return TRUE;
}

/**
 * polku_contacts_import_get_import:
 *
 * Returns: (transfer none) (nullable): the file read into the preview
 */
PolkuCsvImport *
polku_contacts_import_get_import (PolkuContactsImport *self)
{
  g_return_val_if_fail (POLKU_IS_CONTACTS_IMPORT (self), NULL);
  return self->import;
}

/**
 * polku_contacts_import_set_types:
 * @types: (nullable): the contact types (PolkuContactType) the file's types are read as
 */
void
polku_contacts_import_set_types (PolkuContactsImport *self,
                                 GListModel          *types)
{
  g_return_if_fail (POLKU_IS_CONTACTS_IMPORT (self));
  g_set_object (&self->types, types);
}

static void
file_chosen (GtkNativeDialog     *dialog,
             int                  response,
             PolkuContactsImport *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));

      if (file != NULL)
        polku_contacts_import_load_csv (self, file);
    }
  gtk_native_dialog_destroy (dialog);
  g_object_unref (dialog);
}

static void
choose_file_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  PolkuContactsImport *self = POLKU_CONTACTS_IMPORT (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  GtkFileChooserNative *dialog;
  g_autoptr(GtkFileFilter) csv = gtk_file_filter_new ();
  g_autoptr(GtkFileFilter) all = gtk_file_filter_new ();

  dialog = gtk_file_chooser_native_new (_("Import Contacts from CSV"),
                                        GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                        GTK_FILE_CHOOSER_ACTION_OPEN, _("_Open"), _("_Cancel"));
  gtk_file_filter_set_name (csv, _("CSV files"));
  gtk_file_filter_add_suffix (csv, "csv");
  gtk_file_filter_add_suffix (csv, "txt");
  gtk_file_filter_add_mime_type (csv, "text/csv");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (dialog), csv);
  gtk_file_filter_set_name (all, _("All files"));
  gtk_file_filter_add_pattern (all, "*");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (dialog), all);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (dialog), TRUE);
  g_signal_connect (dialog, "response", G_CALLBACK (file_chosen), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

static void
import_cancel_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  contacts_import_clear (POLKU_CLIENT_VIEW (widget));
}

static void
import_commit_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  PolkuContactsImport *self = POLKU_CONTACTS_IMPORT (widget);
  PolkuStore *store = polku_client_view_get_store (POLKU_CLIENT_VIEW (self));
  g_autoptr(GError) error = NULL;
  guint written = 0;

  if (self->import == NULL || store == NULL)
    return;

  if (!polku_csv_import_commit (self->import, store, gtk_switch_get_active (self->skip_switch),
                                &written, &error))
    {
      show_import_error (self, error->message);
      return;
    }

  contacts_import_clear (POLKU_CLIENT_VIEW (self));
  g_signal_emit (self, signals[IMPORTED], 0, written);
}

static void
polku_contacts_import_dispose (GObject *object)
{
  PolkuContactsImport *self = POLKU_CONTACTS_IMPORT (object);

  g_clear_object (&self->import);
  g_clear_object (&self->types);
  gtk_widget_dispose_template (GTK_WIDGET (self), POLKU_TYPE_CONTACTS_IMPORT);

  G_OBJECT_CLASS (polku_contacts_import_parent_class)->dispose (object);
}

static void
polku_contacts_import_class_init (PolkuContactsImportClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  PolkuClientViewClass *view_class = POLKU_CLIENT_VIEW_CLASS (klass);

  object_class->dispose = polku_contacts_import_dispose;
  view_class->clear = contacts_import_clear;

  /**
   * PolkuContactsImport::imported:
   * @n_contacts: how many contacts were written
   *
   * The rows of the file are in the log now.
   */
  signals[IMPORTED] = g_signal_new ("imported", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                    0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_UINT);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/polku-contacts-import.ui");
  gtk_widget_class_bind_template_child (widget_class, PolkuContactsImport, import_error);
  gtk_widget_class_bind_template_child (widget_class, PolkuContactsImport, preview_group);
  gtk_widget_class_bind_template_child (widget_class, PolkuContactsImport, preview_list);
  gtk_widget_class_bind_template_child (widget_class, PolkuContactsImport, skip_switch);
  gtk_widget_class_bind_template_child (widget_class, PolkuContactsImport, import_buttons);
  gtk_widget_class_bind_template_child (widget_class, PolkuContactsImport, import_button);

  gtk_widget_class_install_action (widget_class, "import.choose-file", NULL,
                                   choose_file_action);
  gtk_widget_class_install_action (widget_class, "import.cancel", NULL, import_cancel_action);
  gtk_widget_class_install_action (widget_class, "import.commit", NULL, import_commit_action);
}

static void
polku_contacts_import_init (PolkuContactsImport *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  g_signal_connect_object (self->skip_switch, "notify::active",
                           G_CALLBACK (update_import_button), self, G_CONNECT_SWAPPED);
  contacts_import_clear (POLKU_CLIENT_VIEW (self));
}
