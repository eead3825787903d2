/* polku-sync-status.c: the sync's state in the header bar, with a popover
 *
 * An icon button (with the state in words beside it at the foot of the client list) whose
 * popover says what the window's PolkuSyncController says: not set up, synced and when,
 * offline, syncing with its progress, the error, or the conflicts that wait for a decision,
 * and offers Sync Now (win.sync) and Review Conflicts… (win.conflicts). The button's
 * accessible name and tooltip carry the state in words, since the icon alone says little.
 *
 * Conflicts can wait whatever the state (sync not set up, offline, failed): then a line of
 * their own under the state's words says so ("2 conflicts wait for a decision"; a number
 * after the words read as part of them), and so do the button's accessible description and
 * the popover. When the state is the conflicts, its words say it. An icon without words
 * carries the number as a badge.
 *
 * Copyright 2026 The Polku authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "polku-sync-status"

#include "config.h"

#include <glib/gi18n.h>

#include "polku-date.h"
#include "polku-sync-status.h"

struct _PolkuSyncStatus
{
  AdwBin               parent_instance;

  PolkuSyncController *controller;
  char                *accessible_label;
  char                *conflicts_text;   /* NULL when none wait, or the state says it */
  gboolean             show_label;

  GtkMenuButton       *button;
  GtkImage            *icon;
  GtkWidget           *words_box;
  GtkLabel            *button_label;
  GtkLabel            *waiting_label;
  GtkLabel            *badge;
  GtkPopover          *popover;
  GtkLabel            *title_label;
  GtkLabel            *server_label;
  GtkProgressBar      *progress_bar;
  GtkLabel            *summary_label;
  GtkLabel            *message_label;
  GtkLabel            *conflicts_label;
  GtkWidget           *sync_button;
  GtkWidget           *conflicts_button;
  GtkWidget           *setup_button;
};

G_DEFINE_FINAL_TYPE (PolkuSyncStatus, polku_sync_status, ADW_TYPE_BIN)

enum
{
  PROP_0,
  PROP_CONTROLLER,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* When the last sync was: a time of day today, else a date and time; *out_today says which. */
static char *
format_synced (GDateTime *when,
               gboolean  *out_today)
{
  g_autoptr(GDateTime) now = polku_date_now_local ();

  *out_today = g_date_time_get_year (now) == g_date_time_get_year (when)
               && g_date_time_get_day_of_year (now) == g_date_time_get_day_of_year (when);
  if (*out_today)
    /* Translators: a time of day; see g_date_time_format () */
    return g_date_time_format (when, _("%H:%M"));
  /* Translators: a date and time; see g_date_time_format () */
  return g_date_time_format (when, _("%-d.%-m.%Y %H:%M"));
}

static void
set_label (GtkLabel   *label,
           const char *text)
{
  gtk_label_set_text (label, text != NULL ? text : "");
  gtk_widget_set_visible (GTK_WIDGET (label), text != NULL && text[0] != '\0');
}

static void
update (PolkuSyncStatus *self)
{
  PolkuSyncState state = polku_sync_controller_get_state (self->controller);
  GDateTime *last = polku_sync_controller_get_last_synced (self->controller);
  guint n_conflicts = polku_sync_controller_get_n_conflicts (self->controller);
  const char *server = polku_sync_controller_get_server (self->controller);
  const char *message = polku_sync_controller_get_message (self->controller);
  const char *icon_name = "emblem-synchronizing-symbolic";
  g_autofree char *title = NULL;
  g_autofree char *summary = polku_sync_controller_dup_summary (self->controller);
  g_autofree char *count = NULL;
  g_autofree char *server_text = NULL;
  g_autofree char *waiting = NULL;
  g_autofree char *conflicts = NULL;
  g_autofree char *tooltip = NULL;
  gboolean told = FALSE;

  waiting = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                          "%u conflict waits for a decision",
                                          "%u conflicts wait for a decision", n_conflicts),
                             n_conflicts);

  gtk_widget_remove_css_class (GTK_WIDGET (self->message_label), "error");
  switch (state)
    {
    case POLKU_SYNC_STATE_NOT_SET_UP:
      title = g_strdup (_("Sync is not set up"));
      message = _("Shared plans stay on this computer until a server, an account and an "
                  "organisation are set in Preferences, under Sync.");
      icon_name = "network-offline-symbolic";
      break;
    case POLKU_SYNC_STATE_IDLE:
      title = g_strdup (_("Not synced yet"));
      break;
    case POLKU_SYNC_STATE_SYNCING:
      title = g_strdup (_("Syncing…"));
      break;
    case POLKU_SYNC_STATE_SYNCED:
      {
        gboolean today;
        g_autofree char *when = format_synced (last, &today);

        /* Translators: %s is a time of day (today) or a date and time (before) */
        title = today ? g_strdup_printf (_("Synced at %s"), when)
                      : g_strdup_printf (_("Synced on %s"), when);
      }
      icon_name = "emblem-ok-symbolic";
      break;
    case POLKU_SYNC_STATE_OFFLINE:
      title = g_strdup (_("Offline"));
      icon_name = "network-offline-symbolic";
      break;
    case POLKU_SYNC_STATE_ERROR:
      /* A run that went through with errors about single documents has its summary. */
      title = g_strdup (summary != NULL ? _("Synced, but not everything went through")
                                        : _("Sync failed"));
      icon_name = "dialog-warning-symbolic";
      gtk_widget_add_css_class (GTK_WIDGET (self->message_label), "error");
      break;
    case POLKU_SYNC_STATE_CONFLICTS:
    default:
      /* The words say how many. */
      title = g_strdup (waiting);
      told = TRUE;
      icon_name = "emblem-important-symbolic";
      break;
    }

  /* Conflicts that wait while the state's words tell of something else. */
  if (n_conflicts > 0 && !told)
    conflicts = g_steal_pointer (&waiting);

  /* When the last sync was, when the title does not say it already. */
  if (last != NULL && state != POLKU_SYNC_STATE_SYNCED)
    {
      gboolean today;
      g_autofree char *time = format_synced (last, &today);
      g_autofree char *when = today ? g_strdup_printf (_("Last synced at %s."), time)
                                    : g_strdup_printf (_("Last synced on %s."), time);
      g_autofree char *joined = summary != NULL ? g_strdup_printf ("%s %s", when, summary)
                                                : g_strdup (when);

      g_free (summary);
      summary = g_steal_pointer (&joined);
    }
  if (state == POLKU_SYNC_STATE_SYNCING)
    g_clear_pointer (&summary, g_free);

  if (server != NULL)
    /* Translators: the sync server's address */
    server_text = g_strdup_printf (_("Server: %s"), server);

  gtk_image_set_from_icon_name (self->icon, icon_name);
  /* On an icon without words, the number as a badge. */
  if (n_conflicts > 0 && !self->show_label)
    count = g_strdup_printf ("%u", n_conflicts);
  set_label (self->badge, count);
  set_label (self->waiting_label, conflicts);
  set_label (self->conflicts_label, conflicts);
  gtk_label_set_text (self->button_label, title);
  set_label (self->title_label, title);
  set_label (self->server_label, server_text);
  set_label (self->summary_label, summary);
  set_label (self->message_label, message);

  gtk_widget_set_visible (GTK_WIDGET (self->progress_bar), state == POLKU_SYNC_STATE_SYNCING);
  if (state == POLKU_SYNC_STATE_SYNCING)
    {
      const char *what = polku_sync_controller_get_progress_text (self->controller);

      gtk_progress_bar_set_fraction (self->progress_bar,
                                     polku_sync_controller_get_progress (self->controller));
      gtk_progress_bar_set_text (self->progress_bar, what != NULL ? what : "");
    }
  gtk_widget_set_visible (self->setup_button, state == POLKU_SYNC_STATE_NOT_SET_UP);
  gtk_widget_set_visible (self->sync_button, state != POLKU_SYNC_STATE_NOT_SET_UP);
  gtk_widget_set_sensitive (self->sync_button, state != POLKU_SYNC_STATE_SYNCING);
  gtk_widget_set_visible (self->conflicts_button, n_conflicts > 0);

  g_free (self->accessible_label);
  /* Translators: the sync button's name for screen readers and its tooltip; %s is the
   * state, e.g. "Synced at 14:05" */
  self->accessible_label = g_strdup_printf (_("Sync: %s"), title);
  g_free (self->conflicts_text);
  self->conflicts_text = g_steal_pointer (&conflicts);
  tooltip = self->conflicts_text != NULL
            ? g_strdup_printf ("%s\n%s", self->accessible_label, self->conflicts_text)
            : g_strdup (self->accessible_label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  self->accessible_label, -1);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->button), tooltip);
  /* The tooltip is the description too (GTK): the badge's number in words, or none when the
   * name says it all. */
  if (self->conflicts_text != NULL)
    gtk_accessible_update_property (GTK_ACCESSIBLE (self->button),
                                    GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, self->conflicts_text,
                                    -1);
  else
    gtk_accessible_reset_property (GTK_ACCESSIBLE (self->button),
                                   GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
}

/* "Synced at" changes its words at midnight: read again whenever it is opened. */
static void
on_popover_show (PolkuSyncStatus *self)
{
  if (self->controller != NULL)
    update (self);
}

/**
 * polku_sync_status_set_show_label:
 * @show_label: whether the button says the state in words beside its icon (in a bar of its
 *   own, where there is room; an icon alone in a header bar)
 */
void
polku_sync_status_set_show_label (PolkuSyncStatus *self,
                                  gboolean         show_label)
{
  g_return_if_fail (POLKU_IS_SYNC_STATUS (self));

  self->show_label = show_label;
  gtk_widget_set_visible (self->words_box, show_label);
  gtk_widget_set_hexpand (GTK_WIDGET (self->button), show_label);
  if (show_label)
    gtk_widget_add_css_class (GTK_WIDGET (self->button), "flat");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->button), "flat");
  if (self->controller != NULL)
    update (self);
}

PolkuSyncController *
polku_sync_status_get_controller (PolkuSyncStatus *self)
{
  g_return_val_if_fail (POLKU_IS_SYNC_STATUS (self), NULL);
  return self->controller;
}

const char *
polku_sync_status_get_title (PolkuSyncStatus *self)
{
  g_return_val_if_fail (POLKU_IS_SYNC_STATUS (self), NULL);
  return gtk_label_get_text (self->title_label);
}

const char *
polku_sync_status_get_message (PolkuSyncStatus *self)
{
  g_return_val_if_fail (POLKU_IS_SYNC_STATUS (self), NULL);
  return gtk_label_get_text (self->message_label);
}

const char *
polku_sync_status_get_summary (PolkuSyncStatus *self)
{
  g_return_val_if_fail (POLKU_IS_SYNC_STATUS (self), NULL);
  return gtk_label_get_text (self->summary_label);
}

const char *
polku_sync_status_get_accessible_label (PolkuSyncStatus *self)
{
  g_return_val_if_fail (POLKU_IS_SYNC_STATUS (self), NULL);
  return self->accessible_label;
}

gboolean
polku_sync_status_get_conflicts_shown (PolkuSyncStatus *self)
{
  g_return_val_if_fail (POLKU_IS_SYNC_STATUS (self), FALSE);
  return gtk_widget_get_visible (self->conflicts_button);
}

gboolean
polku_sync_status_get_progress_shown (PolkuSyncStatus *self)
{
  g_return_val_if_fail (POLKU_IS_SYNC_STATUS (self), FALSE);
  return gtk_widget_get_visible (GTK_WIDGET (self->progress_bar));
}

/* Returns: (transfer none): the menu button */
GtkWidget *
polku_sync_status_get_button (PolkuSyncStatus *self)
{
  g_return_val_if_fail (POLKU_IS_SYNC_STATUS (self), NULL);
  return GTK_WIDGET (self->button);
}

static void
polku_sync_status_constructed (GObject *object)
{
  PolkuSyncStatus *self = (PolkuSyncStatus *) object;

  G_OBJECT_CLASS (polku_sync_status_parent_class)->constructed (object);

  g_assert (POLKU_IS_SYNC_CONTROLLER (self->controller));
  g_signal_connect_object (self->controller, "notify", G_CALLBACK (update), self,
                           G_CONNECT_SWAPPED);
  update (self);
}

static void
polku_sync_status_dispose (GObject *object)
{
  PolkuSyncStatus *self = (PolkuSyncStatus *) object;

  gtk_widget_dispose_template (GTK_WIDGET (self), POLKU_TYPE_SYNC_STATUS);
  g_clear_object (&self->controller);
  g_clear_pointer (&self->accessible_label, g_free);
  g_clear_pointer (&self->conflicts_text, g_free);

  G_OBJECT_CLASS (polku_sync_status_parent_class)->dispose (object);
}

static void
polku_sync_status_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  PolkuSyncStatus *self = POLKU_SYNC_STATUS (object);

  switch (prop_id)
    {
    case PROP_CONTROLLER:
      g_value_set_object (value, self->controller);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
polku_sync_status_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  PolkuSyncStatus *self = POLKU_SYNC_STATUS (object);

  switch (prop_id)
    {
    case PROP_CONTROLLER:
      self->controller = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
polku_sync_status_class_init (PolkuSyncStatusClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = polku_sync_status_constructed;
  object_class->dispose = polku_sync_status_dispose;
  object_class->get_property = polku_sync_status_get_property;
  object_class->set_property = polku_sync_status_set_property;

  properties[PROP_CONTROLLER] =
    g_param_spec_object ("controller", NULL, NULL, POLKU_TYPE_SYNC_CONTROLLER,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_EXPLICIT_NOTIFY
                         | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/polku-sync-status.ui");
  gtk_widget_class_bind_template_child (widget_class, PolkuSyncStatus, icon);
  gtk_widget_class_bind_template_child (widget_class, PolkuSyncStatus, words_box);
  gtk_widget_class_bind_template_child (widget_class, PolkuSyncStatus, button_label);
  gtk_widget_class_bind_template_child (widget_class, PolkuSyncStatus, waiting_label);
  gtk_widget_class_bind_template_child (widget_class, PolkuSyncStatus, badge);
  gtk_widget_class_bind_template_child (widget_class, PolkuSyncStatus, popover);
  gtk_widget_class_bind_template_child (widget_class, PolkuSyncStatus, title_label);
  gtk_widget_class_bind_template_child (widget_class, PolkuSyncStatus, server_label);
  gtk_widget_class_bind_template_child (widget_class, PolkuSyncStatus, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, PolkuSyncStatus, summary_label);
  gtk_widget_class_bind_template_child (widget_class, PolkuSyncStatus, message_label);
  gtk_widget_class_bind_template_child (widget_class, PolkuSyncStatus, conflicts_label);
  gtk_widget_class_bind_template_child (widget_class, PolkuSyncStatus, sync_button);
  gtk_widget_class_bind_template_child (widget_class, PolkuSyncStatus, conflicts_button);
  gtk_widget_class_bind_template_child (widget_class, PolkuSyncStatus, setup_button);
  gtk_widget_class_bind_template_callback (widget_class, on_popover_show);
}

static void
polku_sync_status_init (PolkuSyncStatus *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  /* Not a bound template child: it is the bin's child, which AdwBin unparents itself. */
  self->button = GTK_MENU_BUTTON (adw_bin_get_child (ADW_BIN (self)));
}

/**
 * polku_sync_status_new:
 * @controller: the window's sync controller, whose state is shown
 */
GtkWidget *
polku_sync_status_new (PolkuSyncController *controller)
{
  g_return_val_if_fail (POLKU_IS_SYNC_CONTROLLER (controller), NULL);

  return g_object_new (POLKU_TYPE_SYNC_STATUS, "controller", controller, NULL);
}
