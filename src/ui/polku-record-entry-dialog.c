/* polku-record-entry-dialog.c: the record entry, shown to be checked, then copied
 *
 * The coordinator still writes into the health or social-care record system; this shows
 * the ready text (polku-record-entry.h, in the plan's language) read-only and selectable,
 * so that it is checked first, and copies it to the clipboard with one button. Nothing is
 * sent anywhere: the user pastes it into the record system. The text is built in a worker
 * thread (it reads the plan, assessments and the contact log, and records one audit entry).
 *
 * Copyright 2026 The Polku authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "polku-record-entry-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "polku-record-entry-dialog.h"
#include "polku-record-entry.h"

struct _PolkuRecordEntryDialog
{
  AdwWindow        parent_instance;

  PolkuStore      *store;
  char            *client_id;
  GCancellable    *cancellable;
  char            *text;
  gboolean         loading;

  AdwToastOverlay *toast_overlay;
  GtkStack        *stack;
  GtkTextView     *text_view;
  AdwStatusPage   *error_page;
};

G_DEFINE_FINAL_TYPE (PolkuRecordEntryDialog, polku_record_entry_dialog, ADW_TYPE_WINDOW)

enum
{
  PROP_0,
  PROP_LOADING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
set_loading (PolkuRecordEntryDialog *self,
             gboolean                loading)
{
  if (self->loading == loading)
    return;
  self->loading = loading;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
}

static void
built_cb (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(PolkuRecordEntryDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  text = polku_record_entry_build_finish (POLKU_STORE (source), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (text == NULL)
    {
      g_debug ("Record entry: %s", error->message);
      adw_status_page_set_description (self->error_page, error->message);
      gtk_stack_set_visible_child_name (self->stack, "error");
    }
  else
    {
      gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->text_view), text, -1);
      self->text = g_steal_pointer (&text);
      gtk_stack_set_visible_child_name (self->stack, "text");
      gtk_widget_action_set_enabled (GTK_WIDGET (self), "record-entry.copy", TRUE);
      gtk_widget_grab_focus (GTK_WIDGET (self->text_view));
    }
  set_loading (self, FALSE);
}

static void
copy_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  PolkuRecordEntryDialog *self = POLKU_RECORD_ENTRY_DIALOG (widget);

  if (self->text == NULL)
    return;
  gdk_clipboard_set_text (gtk_widget_get_clipboard (widget), self->text);
  adw_toast_overlay_add_toast (self->toast_overlay,
                               adw_toast_new (_("Copied: paste it into the record system")));
}

/**
 * polku_record_entry_dialog_new:
 * @parent: (nullable): a widget of the window the dialog is for
 *
 * Returns: (transfer none): the dialog, building the entry; not yet shown
 */
PolkuRecordEntryDialog *
polku_record_entry_dialog_new (GtkWidget  *parent,
                               PolkuStore *store,
                               const char *client_id)
{
  GtkRoot *root = parent != NULL ? gtk_widget_get_root (parent) : NULL;
  PolkuRecordEntryDialog *self;

  g_return_val_if_fail (parent == NULL || GTK_IS_WIDGET (parent), NULL);
  g_return_val_if_fail (POLKU_IS_STORE (store), NULL);
  g_return_val_if_fail (client_id != NULL, NULL);

  self = g_object_new (POLKU_TYPE_RECORD_ENTRY_DIALOG,
                       "transient-for", GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                       NULL);
  self->store = g_object_ref (store);
  self->client_id = g_strdup (client_id);
  set_loading (self, TRUE);
  polku_record_entry_build_async (store, client_id, NULL, self->cancellable, built_cb,
                                  g_object_ref (self));
  return self;
}

gboolean
polku_record_entry_dialog_get_loading (PolkuRecordEntryDialog *self)
{
  g_return_val_if_fail (POLKU_IS_RECORD_ENTRY_DIALOG (self), FALSE);
  return self->loading;
}

const char *
polku_record_entry_dialog_get_text (PolkuRecordEntryDialog *self)
{
  g_return_val_if_fail (POLKU_IS_RECORD_ENTRY_DIALOG (self), NULL);
  return self->text;
}

static void
polku_record_entry_dialog_get_property (GObject    *object,
                                        guint       prop_id,
                                        GValue     *value,
                                        GParamSpec *pspec)
{
  PolkuRecordEntryDialog *self = POLKU_RECORD_ENTRY_DIALOG (object);

  switch (prop_id)
    {
    case PROP_LOADING:
      g_value_set_boolean (value, self->loading);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static gboolean
polku_record_entry_dialog_close_request (GtkWindow *window)
{
  PolkuRecordEntryDialog *self = POLKU_RECORD_ENTRY_DIALOG (window);

  g_cancellable_cancel (self->cancellable);
  return GTK_WINDOW_CLASS (polku_record_entry_dialog_parent_class)->close_request (window);
}

static void
polku_record_entry_dialog_finalize (GObject *object)
{
  PolkuRecordEntryDialog *self = POLKU_RECORD_ENTRY_DIALOG (object);

  g_clear_object (&self->cancellable);
  g_clear_object (&self->store);
  g_free (self->client_id);
  g_free (self->text);

  G_OBJECT_CLASS (polku_record_entry_dialog_parent_class)->finalize (object);
}

static void
polku_record_entry_dialog_class_init (PolkuRecordEntryDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->get_property = polku_record_entry_dialog_get_property;
  object_class->finalize = polku_record_entry_dialog_finalize;
  window_class->close_request = polku_record_entry_dialog_close_request;

  properties[PROP_LOADING] =
    g_param_spec_boolean ("loading", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_install_action (widget_class, "record-entry.copy", NULL, copy_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

/* Built in code: a header bar with the copy button, the text (or a spinner, or why it could
 * not be made) and a line saying that nothing is sent. */
static void
polku_record_entry_dialog_init (PolkuRecordEntryDialog *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *header = adw_header_bar_new ();
  GtkWidget *title = adw_window_title_new (_("Record Entry"), NULL);
  GtkWidget *copy = gtk_button_new_with_mnemonic (_("_Copy to Clipboard"));
  GtkWidget *hint = gtk_label_new (_("Check the text, then paste it into the health or "
                                     "social-care record. Nothing is sent anywhere."));
  GtkWidget *scroller = gtk_scrolled_window_new ();
  GtkWidget *spinner = gtk_spinner_new ();
  GtkWidget *text_view = gtk_text_view_new ();
  GtkWidget *error_page = adw_status_page_new ();

  self->cancellable = g_cancellable_new ();

  gtk_window_set_title (GTK_WINDOW (self), _("Record Entry"));
  gtk_window_set_modal (GTK_WINDOW (self), TRUE);
  gtk_window_set_default_size (GTK_WINDOW (self), 620, 640);

  adw_header_bar_set_title_widget (ADW_HEADER_BAR (header), title);
  gtk_widget_add_css_class (copy, "suggested-action");
  gtk_actionable_set_action_name (GTK_ACTIONABLE (copy), "record-entry.copy");
  gtk_widget_set_tooltip_text (copy, _("Copy the text, to paste it into the record system"));
  adw_header_bar_pack_end (ADW_HEADER_BAR (header), copy);
  gtk_box_append (GTK_BOX (box), header);

  gtk_label_set_wrap (GTK_LABEL (hint), TRUE);
  gtk_label_set_xalign (GTK_LABEL (hint), 0);
  gtk_widget_add_css_class (hint, "dim-label");
  gtk_widget_set_margin_start (hint, 12);
  gtk_widget_set_margin_end (hint, 12);
  gtk_widget_set_margin_top (hint, 12);
  gtk_widget_set_margin_bottom (hint, 6);
  gtk_box_append (GTK_BOX (box), hint);

  /* Read-only but selectable: the text is checked here, and a part can be copied too. */
  self->text_view = GTK_TEXT_VIEW (text_view);
  gtk_text_view_set_editable (self->text_view, FALSE);
  gtk_text_view_set_cursor_visible (self->text_view, FALSE);
  gtk_text_view_set_wrap_mode (self->text_view, GTK_WRAP_WORD_CHAR);
  gtk_text_view_set_left_margin (self->text_view, 12);
  gtk_text_view_set_right_margin (self->text_view, 12);
  gtk_text_view_set_top_margin (self->text_view, 12);
  gtk_text_view_set_bottom_margin (self->text_view, 12);
  gtk_accessible_update_property (GTK_ACCESSIBLE (text_view), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Record entry"), -1);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), text_view);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller), GTK_POLICY_NEVER,
                                  GTK_POLICY_AUTOMATIC);

  self->error_page = ADW_STATUS_PAGE (error_page);
  adw_status_page_set_icon_name (self->error_page, "dialog-error-symbolic");
  adw_status_page_set_title (self->error_page, _("The Record Entry Cannot Be Made"));

  gtk_spinner_set_spinning (GTK_SPINNER (spinner), TRUE);
  gtk_widget_set_halign (spinner, GTK_ALIGN_CENTER);
  gtk_widget_set_valign (spinner, GTK_ALIGN_CENTER);
  gtk_widget_set_size_request (spinner, 32, 32);

  self->stack = GTK_STACK (gtk_stack_new ());
  gtk_widget_set_vexpand (GTK_WIDGET (self->stack), TRUE);
  gtk_stack_add_named (self->stack, spinner, "loading");
  gtk_stack_add_named (self->stack, scroller, "text");
  gtk_stack_add_named (self->stack, error_page, "error");
  gtk_stack_set_visible_child_name (self->stack, "loading");
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->stack));

  self->toast_overlay = ADW_TOAST_OVERLAY (adw_toast_overlay_new ());
  adw_toast_overlay_set_child (self->toast_overlay, box);
  adw_window_set_content (ADW_WINDOW (self), GTK_WIDGET (self->toast_overlay));

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "record-entry.copy", FALSE);
}
