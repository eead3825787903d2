/* polku-satisfaction-dialog.c: the satisfaction question, answered with one tap
 *
 * The practice asks how satisfied the client is with the service (002 reports the share of
 * answers per category). At the follow-up visit the coordinator opens this dialog, reads
 * the question and taps the client's answer: one button per category, best first, as the
 * practice lists them, and "Not Asked" to leave it. The answer is stored at once as a
 * complete client-satisfaction assessment (polku_satisfaction_store_answer (): audited, a
 * follow-up of the plan), "saved" is emitted and the dialog goes; if the store refuses, the
 * reason is shown and the dialog stays.
 *
 * Copyright 2026 The Polku authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "polku-satisfaction-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "polku-satisfaction-dialog.h"
#include "polku-satisfaction-report.h"

struct _PolkuSatisfactionDialog
{
  AdwMessageDialog  parent_instance;

  PolkuStore       *store;
  char             *client_id;
  GtkBox           *answers;
  GtkLabel         *message;
};

G_DEFINE_FINAL_TYPE (PolkuSatisfactionDialog, polku_satisfaction_dialog,
                     ADW_TYPE_MESSAGE_DIALOG)

enum
{
  SAVED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
answer_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  PolkuSatisfactionDialog *self = POLKU_SATISFACTION_DIALOG (widget);
  g_autoptr(PolkuAssessment) assessment = NULL;
  g_autoptr(GError) error = NULL;

  assessment = polku_satisfaction_store_answer (self->store, self->client_id,
                                                g_variant_get_int32 (parameter), NULL, &error);
  if (assessment == NULL)
    {
      g_debug ("Satisfaction not saved: %s", error->message);
      gtk_label_set_text (self->message, error->message);
      gtk_widget_set_visible (GTK_WIDGET (self->message), TRUE);
      return;
    }
  g_signal_emit (self, signals[SAVED], 0, assessment);
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
build_answers (PolkuSatisfactionDialog *self,
               PolkuInstrument         *instrument)
{
  guint item = polku_instrument_get_n_reported (instrument) > 0
               ? polku_instrument_get_reported_item (instrument, 0) : 0;

  adw_message_dialog_set_body (ADW_MESSAGE_DIALOG (self),
                               polku_instrument_get_item_text (instrument, item));
  for (int value = polku_instrument_get_item_max (instrument, item);
       value >= polku_instrument_get_item_min (instrument, item); value--)
    {
      const char *label = polku_instrument_get_item_anchor (instrument, item, value);
      g_autofree char *fallback = g_strdup_printf ("%d", value);
      GtkWidget *button = gtk_button_new_with_label (label != NULL ? label : fallback);
      GtkWidget *text = gtk_button_get_child (GTK_BUTTON (button));

      gtk_label_set_wrap (GTK_LABEL (text), TRUE);
      gtk_label_set_justify (GTK_LABEL (text), GTK_JUSTIFY_CENTER);
      gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "satisfaction.answer");
      gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "i", value);
      gtk_box_append (self->answers, button);
    }
}

/**
 * polku_satisfaction_dialog_new:
 * @parent: (nullable): a widget of the window the dialog is for
 *
 * Returns: (transfer none): the dialog, not yet shown
 */
PolkuSatisfactionDialog *
polku_satisfaction_dialog_new (GtkWidget  *parent,
                               PolkuStore *store,
                               const char *client_id)
{
  GtkRoot *root = parent != NULL ? gtk_widget_get_root (parent) : NULL;
  g_autoptr(PolkuInstrument) instrument = NULL;
  g_autoptr(GError) error = NULL;
  PolkuSatisfactionDialog *self;

  g_return_val_if_fail (parent == NULL || GTK_IS_WIDGET (parent), NULL);
  g_return_val_if_fail (POLKU_IS_STORE (store), NULL);
  g_return_val_if_fail (client_id != NULL, NULL);

  self = g_object_new (POLKU_TYPE_SATISFACTION_DIALOG,
                       "transient-for", GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                       NULL);
  self->store = g_object_ref (store);
  self->client_id = g_strdup (client_id);

  instrument = polku_instrument_lookup (POLKU_INSTRUMENT_CLIENT_SATISFACTION, &error);
  if (instrument == NULL)
    {
      /* A broken instrument file: say so; there is nothing to answer. */
      gtk_label_set_text (self->message, error->message);
      gtk_widget_set_visible (GTK_WIDGET (self->message), TRUE);
      return self;
    }
  adw_message_dialog_set_heading (ADW_MESSAGE_DIALOG (self),
                                  polku_instrument_get_title (instrument));
  build_answers (self, instrument);
  return self;
}

typedef struct
{
  GWeakRef    parent;
  PolkuStore *store;
  char       *client_id;
} ToastData;

static void
toast_data_free (gpointer  data,
                 GClosure *closure)
{
  ToastData *toast_data = data;

  g_weak_ref_clear (&toast_data->parent);
  g_clear_object (&toast_data->store);
  g_free (toast_data->client_id);
  g_free (toast_data);
}

static void
toast_button_clicked_cb (AdwToast  *toast,
                         ToastData *data)
{
  g_autoptr(GtkWidget) parent = g_weak_ref_get (&data->parent);

  if (parent == NULL || !polku_store_is_open (data->store))
    return;
  gtk_window_present (GTK_WINDOW (polku_satisfaction_dialog_new (parent, data->store,
                                                                 data->client_id)));
}

/**
 * polku_satisfaction_toast_new:
 *
 * Returns: (transfer full): the toast, for adw_toast_overlay_add_toast ()
 */
AdwToast *
polku_satisfaction_toast_new (GtkWidget  *parent,
                              PolkuStore *store,
                              const char *client_id,
                              const char *title)
{
  AdwToast *toast;
  ToastData *data;

  g_return_val_if_fail (GTK_IS_WIDGET (parent), NULL);
  g_return_val_if_fail (POLKU_IS_STORE (store), NULL);
  g_return_val_if_fail (client_id != NULL, NULL);

  toast = adw_toast_new (title);
  adw_toast_set_button_label (toast, _("_Ask Satisfaction"));
  adw_toast_set_timeout (toast, 10);
  data = g_new0 (ToastData, 1);
  g_weak_ref_init (&data->parent, parent);
  data->store = g_object_ref (store);
  data->client_id = g_strdup (client_id);
  g_signal_connect_data (toast, "button-clicked", G_CALLBACK (toast_button_clicked_cb), data,
                         toast_data_free, 0);
  return toast;
}

static void
polku_satisfaction_dialog_finalize (GObject *object)
{
  PolkuSatisfactionDialog *self = POLKU_SATISFACTION_DIALOG (object);

  g_clear_object (&self->store);
  g_free (self->client_id);

  G_OBJECT_CLASS (polku_satisfaction_dialog_parent_class)->finalize (object);
}

static void
polku_satisfaction_dialog_class_init (PolkuSatisfactionDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = polku_satisfaction_dialog_finalize;

  /**
   * PolkuSatisfactionDialog::saved:
   * @assessment: the stored answer
   *
   * The answer was stored; the dialog goes next.
   */
  signals[SAVED] = g_signal_new ("saved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                 NULL, NULL, NULL, G_TYPE_NONE, 1, POLKU_TYPE_ASSESSMENT);

  gtk_widget_class_install_action (widget_class, "satisfaction.answer", "i", answer_action);
}

static void
polku_satisfaction_dialog_init (PolkuSatisfactionDialog *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);

  self->answers = GTK_BOX (gtk_box_new (GTK_ORIENTATION_VERTICAL, 6));
  self->message = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_wrap (self->message, TRUE);
  gtk_label_set_xalign (self->message, 0);
  gtk_widget_add_css_class (GTK_WIDGET (self->message), "error");
  gtk_widget_set_visible (GTK_WIDGET (self->message), FALSE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->answers),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("The client’s answer"), -1);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->answers));
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->message));
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (self), box);

  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (self), "not-asked", _("_Not Asked"));
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (self), "not-asked");
}
