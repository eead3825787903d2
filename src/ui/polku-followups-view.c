/* polku-followups-view.c: upcoming and overdue follow-ups of all clients
 *
 * The cross-client list (the "Follow-ups" entry point of the window): open follow-ups that
 * are overdue or due in the next two weeks, the most overdue first. Activating a row emits
 * ::client-activated with the client's id, so that the window can open the client's page.
 *
 * polku_followups_notify_due () sends one desktop notification when something is due. It
 * says how many, never who or what (a notification can show on a locked screen), and uses
 * the normal priority, so that the desktop's do-not-disturb mode holds it back.
 *
 * Copyright 2026 The Polku authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "polku-followups-view"

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>

#include "polku-audit.h"
#include "polku-date.h"
#include "polku-followup-store.h"
#include "polku-followups-view.h"
#include "polku-rows-private.h"
#include "polku-satisfaction-dialog.h"

#define NOTIFICATION_ID "polku-followups-due"

struct _PolkuFollowupsView
{
  AdwBin               parent_instance;

  PolkuStore          *store;
  GCancellable        *cancellable;  /* the load in flight, or NULL */
  gboolean             loading;

  AdwToastOverlay     *toast_overlay;
  GtkStack            *stack;
  AdwPreferencesGroup *overdue_group;
  AdwPreferencesGroup *upcoming_group;
  GtkListBox          *overdue_list;
  GtkListBox          *upcoming_list;
};

G_DEFINE_FINAL_TYPE (PolkuFollowupsView, polku_followups_view, ADW_TYPE_BIN)

enum
{
  PROP_0,
  PROP_STORE,
  PROP_LOADING,
  N_PROPS
};

enum
{
  CLIENT_ACTIVATED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static char *
date_from_today (int days)
{
  g_autoptr(GDateTime) now = polku_date_now_local ();
  g_autoptr(GDateTime) then = g_date_time_add_days (now, days);

  return g_date_time_format (then, "%Y-%m-%d");
}

static void
row_activated_cb (AdwActionRow       *row,
                  PolkuFollowupsView *self)
{
  const char *client_id = g_object_get_data (G_OBJECT (row), "client-id");

  if (client_id != NULL)
    g_signal_emit (self, signals[CLIENT_ACTIVATED], 0, client_id);
}

static void
add_followup_row (PolkuFollowupsView *self,
                  GtkListBox         *list,
                  PolkuFollowup      *followup,
                  gboolean            overdue)
{
  g_autofree char *due = polku_date_format_user (polku_followup_get_due_on (followup));
  g_autofree char *subtitle = NULL;
  const char *assignee = polku_followup_get_assignee (followup);
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *button = gtk_button_new_with_mnemonic (_("_Done"));

  /* TRANSLATORS: a follow-up in the list of all clients: "client · due date[ · who]" */
  subtitle = g_strdup_printf (_("%s · %s%s%s"), polku_followup_get_client_name (followup), due,
                              assignee != NULL ? " · " : "", assignee != NULL ? assignee : "");
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), polku_followup_get_title (followup));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  gtk_widget_set_tooltip_text (row, _("Open the client’s page"));
  /* Overdue says so with its own marker, not by painting the row (and its Done button) red,
   * which reads like a delete. */
  if (overdue)
    {
      GtkWidget *marker = gtk_image_new_from_icon_name ("alarm-symbolic");

      gtk_widget_add_css_class (marker, "error");
      gtk_widget_set_tooltip_text (marker, _("Overdue"));
      gtk_accessible_update_property (GTK_ACCESSIBLE (marker), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      _("Overdue"), -1);
      gtk_widget_set_name (marker, "overdue-marker");
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), marker);
    }
  g_object_set_data_full (G_OBJECT (row), "client-id",
                          g_strdup (polku_followup_get_client_id (followup)), g_free);
  g_signal_connect_object (row, "activated", G_CALLBACK (row_activated_cb), self, 0);

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "followups.done");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "s",
                                    polku_followup_get_id (followup));
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Mark this follow-up done"), -1);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
  gtk_list_box_append (list, row);
}

/* Loading: the read is recorded and made in a thread. */

static void
load_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  PolkuStore *store = source_object;
  GError *error = NULL;
  GPtrArray *due = NULL;

  if (!polku_audit_record (store, "followup.list", NULL, "view=followups", &error)
      || (due = polku_followup_store_list_due (store, task_data, &error)) == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, due, (GDestroyNotify) g_ptr_array_unref);
}

/* The read's callback holds the view weakly: the view may go away while the thread runs
 * (its dispose cancels the read). */
static GWeakRef *
weak_ref_new (gpointer object)
{
  GWeakRef *ref = g_new0 (GWeakRef, 1);

  g_weak_ref_init (ref, object);
  return ref;
}

static gpointer
weak_ref_take (GWeakRef *ref)
{
  gpointer object = g_weak_ref_get (ref);

  g_weak_ref_clear (ref);
  g_free (ref);
  return object;
}

static void
cancel_load (PolkuFollowupsView *self)
{
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
}

static void
set_loading (PolkuFollowupsView *self,
             gboolean            loading)
{
  if (self->loading == loading)
    return;
  self->loading = loading;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
}

/* Shows no follow-ups (at once, when the store changes). */
static void
clear_shown (PolkuFollowupsView *self)
{
  polku_rows_clear (self->overdue_list);
  polku_rows_clear (self->upcoming_list);
  gtk_stack_set_visible_child_name (self->stack, "empty");
}

static void
load_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(PolkuFollowupsView) self = weak_ref_take (user_data);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) due = g_task_propagate_pointer (G_TASK (result), &error);
  g_autofree char *today = date_from_today (0);
  guint n_overdue = 0;

  if (self == NULL || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  /* Only the newest load, of the store shown now. */
  if (g_task_get_cancellable (G_TASK (result)) != self->cancellable
      || source != (GObject *) self->store)
    return;
  g_clear_object (&self->cancellable);

  polku_rows_clear (self->overdue_list);
  polku_rows_clear (self->upcoming_list);
  if (due == NULL)
    {
      adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (error->message));
      gtk_stack_set_visible_child_name (self->stack, "empty");
      set_loading (self, FALSE);
      return;
    }

  for (guint i = 0; i < due->len; i++)
    {
      PolkuFollowup *followup = g_ptr_array_index (due, i);
      gboolean overdue = polku_followup_is_overdue (followup, today);

      add_followup_row (self, overdue ? self->overdue_list : self->upcoming_list, followup,
                        overdue);
      if (overdue)
        n_overdue++;
    }

  gtk_widget_set_visible (GTK_WIDGET (self->overdue_group), n_overdue > 0);
  gtk_widget_set_visible (GTK_WIDGET (self->upcoming_group), due->len > n_overdue);
  gtk_stack_set_visible_child_name (self->stack, due->len > 0 ? "list" : "empty");
  set_loading (self, FALSE);
}

/**
 * polku_followups_view_reload:
 *
 * Reads the follow-ups again (in a thread). The read is in the audit log (it shows several
 * clients' data).
 */
void
polku_followups_view_reload (PolkuFollowupsView *self)
{
  g_autofree char *until = date_from_today (POLKU_FOLLOWUPS_DAYS_AHEAD);
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (POLKU_IS_FOLLOWUPS_VIEW (self));

  cancel_load (self);

  if (self->store == NULL || !polku_store_is_open (self->store))
    {
      clear_shown (self);
      set_loading (self, FALSE);
      return;
    }

  self->cancellable = g_cancellable_new ();
  set_loading (self, TRUE);
  task = g_task_new (self->store, self->cancellable, load_cb, weak_ref_new (self));
  g_task_set_source_tag (task, polku_followups_view_reload);
  g_task_set_task_data (task, g_steal_pointer (&until), g_free);
  g_task_run_in_thread (task, load_thread);
}

/**
 * polku_followups_view_get_loading:
 *
 * Returns: whether the follow-ups are being read
 */
gboolean
polku_followups_view_get_loading (PolkuFollowupsView *self)
{
  g_return_val_if_fail (POLKU_IS_FOLLOWUPS_VIEW (self), FALSE);
  return self->loading;
}

static void
done_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  PolkuFollowupsView *self = POLKU_FOLLOWUPS_VIEW (widget);
  g_autoptr(GError) error = NULL;
  g_autoptr(PolkuFollowup) followup = NULL;

  followup = polku_followup_store_done (self->store, g_variant_get_string (parameter, NULL),
                                        NULL, &error);
  if (followup == NULL)
    {
      adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (error->message));
      return;
    }
  /* At the follow-up visit the satisfaction question is asked with one tap: offered here. */
  adw_toast_overlay_add_toast (self->toast_overlay,
                               polku_satisfaction_toast_new (GTK_WIDGET (self), self->store,
                                                             polku_followup_get_client_id (
                                                               followup),
                                                             _("Follow-up done")));
  polku_followups_view_reload (self);
}

/**
 * polku_followups_build_notification:
 * @out_n_due: (out) (optional): how many open follow-ups are due today or overdue
 *
 * Returns: (transfer full) (nullable): the notification about follow-ups due today or
 *   overdue, or %NULL when there are none (or with @error set)
 */
GNotification *
polku_followups_build_notification (PolkuStore  *store,
                                    guint       *out_n_due,
                                    GError     **error)
{
  g_autoptr(GPtrArray) due = NULL;
  g_autoptr(GNotification) notification = NULL;
  g_autofree char *today = date_from_today (0);
  g_autofree char *title = NULL;

  g_return_val_if_fail (POLKU_IS_STORE (store), NULL);

  if (out_n_due != NULL)
    *out_n_due = 0;
  due = polku_followup_store_list_due (store, today, error);
  if (due == NULL || due->len == 0)
    return NULL;
  if (out_n_due != NULL)
    *out_n_due = due->len;

  /* How many, never who or what: a notification can show on a locked screen. */
  title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u follow-up is due",
                                        "%u follow-ups are due", due->len),
                           due->len);
  notification = g_notification_new (title);
  g_notification_set_body (notification, _("Open Polku to see the follow-ups of your clients."));
  /* Normal priority: the desktop's do-not-disturb mode holds it back (high and urgent would
   * break through). */
  g_notification_set_priority (notification, G_NOTIFICATION_PRIORITY_NORMAL);
  g_notification_set_category (notification, "x-polku.followup");
  /* Clicking it opens the follow-ups (after unlocking, if Polku has locked meanwhile). */
  g_notification_set_default_action (notification, "app.show-followups");
  return g_steal_pointer (&notification);
}

/**
 * polku_followups_notify_due:
 *
 * Sends (or withdraws) the desktop notification about follow-ups due today or overdue.
 */
gboolean
polku_followups_notify_due (GApplication  *application,
                            PolkuStore    *store,
                            GError       **error)
{
  g_autoptr(GNotification) notification = NULL;
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (G_IS_APPLICATION (application), FALSE);
  g_return_val_if_fail (POLKU_IS_STORE (store), FALSE);

  notification = polku_followups_build_notification (store, NULL, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  if (notification != NULL)
    g_application_send_notification (application, NOTIFICATION_ID, notification);
  else
    g_application_withdraw_notification (application, NOTIFICATION_ID);
  return TRUE;
}

static void
polku_followups_view_dispose (GObject *object)
{
  PolkuFollowupsView *self = (PolkuFollowupsView *) object;

  cancel_load (self);
  g_clear_object (&self->store);
  gtk_widget_dispose_template (GTK_WIDGET (self), POLKU_TYPE_FOLLOWUPS_VIEW);

  G_OBJECT_CLASS (polku_followups_view_parent_class)->dispose (object);
}

static void
polku_followups_view_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  PolkuFollowupsView *self = POLKU_FOLLOWUPS_VIEW (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    case PROP_LOADING:
      g_value_set_boolean (value, self->loading);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
polku_followups_view_set_property (GObject      *object,
                                   guint         prop_id,
                                   const GValue *value,
                                   GParamSpec   *pspec)
{
  PolkuFollowupsView *self = POLKU_FOLLOWUPS_VIEW (object);

  switch (prop_id)
    {
    case PROP_STORE:
      if (g_set_object (&self->store, g_value_get_object (value)))
        {
          /* Another store: nothing shown so far belongs to it. */
          cancel_load (self);
          clear_shown (self);
          set_loading (self, FALSE);
          if (gtk_widget_get_mapped (GTK_WIDGET (self)))
            polku_followups_view_reload (self);
          g_object_notify_by_pspec (object, pspec);
        }
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
polku_followups_view_map (GtkWidget *widget)
{
  GTK_WIDGET_CLASS (polku_followups_view_parent_class)->map (widget);

  polku_followups_view_reload (POLKU_FOLLOWUPS_VIEW (widget));
}

static void
polku_followups_view_class_init (PolkuFollowupsViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = polku_followups_view_dispose;
  object_class->get_property = polku_followups_view_get_property;
  object_class->set_property = polku_followups_view_set_property;
  widget_class->map = polku_followups_view_map;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, POLKU_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /**
   * PolkuFollowupsView:loading:
   *
   * Whether the follow-ups are being read (in a thread).
   */
  properties[PROP_LOADING] =
    g_param_spec_boolean ("loading", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * PolkuFollowupsView::client-activated:
   * @client_id: the client whose follow-up was activated
   */
  signals[CLIENT_ACTIVATED] =
    g_signal_new ("client-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL,
                  NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/polku-followups-view.ui");
  gtk_widget_class_bind_template_child (widget_class, PolkuFollowupsView, stack);
  gtk_widget_class_bind_template_child (widget_class, PolkuFollowupsView, overdue_group);
  gtk_widget_class_bind_template_child (widget_class, PolkuFollowupsView, upcoming_group);

  gtk_widget_class_install_action (widget_class, "followups.done", "s", done_action);
}

static void
polku_followups_view_init (PolkuFollowupsView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->toast_overlay = ADW_TOAST_OVERLAY (adw_bin_get_child (ADW_BIN (self)));
  self->overdue_list = polku_rows_add_list (self->overdue_group, _("Overdue follow-ups"));
  self->upcoming_list = polku_rows_add_list (self->upcoming_group, _("Upcoming follow-ups"));
  gtk_stack_set_visible_child_name (self->stack, "empty");
}

GtkWidget *
polku_followups_view_new (void)
{
  return g_object_new (POLKU_TYPE_FOLLOWUPS_VIEW, NULL);
}
