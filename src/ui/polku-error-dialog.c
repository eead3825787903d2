/* polku-error-dialog.c: tells the user that something failed, in a message dialog
 *
 * Copyright 2026 The Polku authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "polku-error-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "polku-error-dialog.h"

/**
 * polku_error_dialog_present:
 * @widget: the widget whose window the dialog belongs to
 * @heading: what failed ("Could Not …")
 * @error: why: its message is the dialog's body
 *
 * Shows a dialog with a Close button, transient for @widget's window.
 */
void
polku_error_dialog_present (GtkWidget    *widget,
                            const char   *heading,
                            const GError *error)
{
  GtkRoot *root;
  GtkWidget *dialog;

  g_return_if_fail (GTK_IS_WIDGET (widget));
  g_return_if_fail (heading != NULL);
  g_return_if_fail (error != NULL);

  root = gtk_widget_get_root (widget);
  dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, heading,
                                   error->message);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}
