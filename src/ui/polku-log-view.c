/* polku-log-view.c: the client's audit log (who has seen or changed the client's data)
 *
 * Copyright 2026 The Polku authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "polku-log-view"

#include "config.h"

#include <glib/gi18n.h>

#include "polku-audit.h"
#include "polku-date.h"
#include "polku-log-view.h"

struct _PolkuLogView
{
  AdwBin        parent_instance;

  PolkuStore   *store;
  PolkuClient  *client;
  GListStore   *entries;
  GCancellable *cancellable;

  GtkListBox   *list_box;
  GtkLabel     *verify_label;
};

G_DEFINE_FINAL_TYPE (PolkuLogView, polku_log_view, ADW_TYPE_BIN)

enum
{
  PROP_0,
  PROP_STORE,
  PROP_CLIENT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* "2026-11-22T08:01:02.345Z" in the user's time zone and locale. */
static char *
format_time (const char *iso)
{
  g_autoptr(GDateTime) utc = g_date_time_new_from_iso8601 (iso, NULL);
  g_autoptr(GDateTime) local = NULL;
  g_autofree char *day = NULL;
  g_autofree char *date = NULL;
  g_autofree char *time = NULL;

  if (utc == NULL)
    return g_strdup (iso);
  local = g_date_time_to_local (utc);
  day = g_date_time_format (local, "%Y-%m-%d");
  date = polku_date_format_user (day);
  time = g_date_time_format (local, "%X");
  return g_strdup_printf ("%s %s", date, time);
}

static GtkWidget *
create_row (gpointer item,
            gpointer user_data)
{
  PolkuAuditEntry *entry = item;
  g_autofree char *label = polku_audit_entry_dup_action_label (entry);
  g_autofree char *time = format_time (polku_audit_entry_get_time (entry));
  g_autofree char *subtitle = NULL;
  const char *detail = polku_audit_entry_get_detail (entry);
  GtkWidget *row = adw_action_row_new ();

  /* TRANSLATORS: an audit log entry: "time · who" */
  subtitle = g_strdup_printf (_("%s · %s"), time, polku_audit_entry_get_actor (entry));
  if (detail != NULL)
    {
      g_autofree char *with_detail = g_strdup_printf ("%s\n%s", subtitle, detail);

      g_free (subtitle);
      subtitle = g_steal_pointer (&with_detail);
    }

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), label);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 3);
  return row;
}

static void
list_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(PolkuLogView) self = user_data;
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GError) error = NULL;

  entries = polku_audit_list_finish (POLKU_STORE (source), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  g_list_store_remove_all (self->entries);
  if (entries == NULL)
    {
      g_debug ("Could not read the audit log: %s", error->message);
      gtk_label_set_text (self->verify_label, error->message);
      gtk_widget_set_visible (GTK_WIDGET (self->verify_label), TRUE);
      return;
    }
  g_list_store_splice (self->entries, 0, 0, entries->pdata, entries->len);
}

/**
 * polku_log_view_reload:
 *
 * Reads the client's entries again (in a thread).
 */
void
polku_log_view_reload (PolkuLogView *self)
{
  g_return_if_fail (POLKU_IS_LOG_VIEW (self));

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  gtk_widget_set_visible (GTK_WIDGET (self->verify_label), FALSE);

  if (self->store == NULL || self->client == NULL
      || polku_client_get_id (self->client) == NULL || !polku_store_is_open (self->store))
    {
      g_list_store_remove_all (self->entries);
      return;
    }

  self->cancellable = g_cancellable_new ();
  polku_audit_list_async (self->store, polku_client_get_id (self->client), self->cancellable,
                          list_cb, g_object_ref (self));
}

static void
verify_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  PolkuLogView *self = POLKU_LOG_VIEW (widget);
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  gint64 n = 0;

  if (self->store == NULL)
    return;

  if (polku_audit_verify (self->store, &n, &error))
    {
      g_autofree char *number = g_strdup_printf ("%" G_GINT64_FORMAT, n);

      text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                           "The log is intact: %s entry checked.",
                                           "The log is intact: %s entries checked.", n),
                              number);
      gtk_widget_remove_css_class (GTK_WIDGET (self->verify_label), "error");
      gtk_widget_add_css_class (GTK_WIDGET (self->verify_label), "success");
    }
  else
    {
      text = g_strdup (error->message);
      gtk_widget_remove_css_class (GTK_WIDGET (self->verify_label), "success");
      gtk_widget_add_css_class (GTK_WIDGET (self->verify_label), "error");
    }

  gtk_label_set_text (self->verify_label, text);
  gtk_widget_set_visible (GTK_WIDGET (self->verify_label), TRUE);
}

static void
polku_log_view_dispose (GObject *object)
{
  PolkuLogView *self = (PolkuLogView *) object;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->store);
  g_clear_object (&self->client);
  g_clear_object (&self->entries);

  gtk_widget_dispose_template (GTK_WIDGET (self), POLKU_TYPE_LOG_VIEW);

  G_OBJECT_CLASS (polku_log_view_parent_class)->dispose (object);
}

static void
polku_log_view_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  PolkuLogView *self = POLKU_LOG_VIEW (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    case PROP_CLIENT:
      g_value_set_object (value, self->client);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
polku_log_view_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  PolkuLogView *self = POLKU_LOG_VIEW (object);

  switch (prop_id)
    {
    case PROP_STORE:
      if (g_set_object (&self->store, g_value_get_object (value)))
        {
          polku_log_view_reload (self);
          g_object_notify_by_pspec (object, pspec);
        }
      break;
    case PROP_CLIENT:
      if (g_set_object (&self->client, g_value_get_object (value)))
        {
          polku_log_view_reload (self);
          g_object_notify_by_pspec (object, pspec);
        }
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
polku_log_view_map (GtkWidget *widget)
{
  GTK_WIDGET_CLASS (polku_log_view_parent_class)->map (widget);

  /* Shown again: there may be new entries (this very view, changes made meanwhile). */
  polku_log_view_reload (POLKU_LOG_VIEW (widget));
}

static void
polku_log_view_class_init (PolkuLogViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = polku_log_view_dispose;
  object_class->get_property = polku_log_view_get_property;
  object_class->set_property = polku_log_view_set_property;
  widget_class->map = polku_log_view_map;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, POLKU_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CLIENT] =
    g_param_spec_object ("client", NULL, NULL, POLKU_TYPE_CLIENT,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/polku-log-view.ui");
  gtk_widget_class_bind_template_child (widget_class, PolkuLogView, list_box);
  gtk_widget_class_bind_template_child (widget_class, PolkuLogView, verify_label);

  gtk_widget_class_install_action (widget_class, "log.verify", NULL, verify_action);
}

static void
polku_log_view_init (PolkuLogView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->entries = g_list_store_new (POLKU_TYPE_AUDIT_ENTRY);
  gtk_list_box_bind_model (self->list_box, G_LIST_MODEL (self->entries), create_row, NULL,
                           NULL);
}

GtkWidget *
polku_log_view_new (void)
{
  return g_object_new (POLKU_TYPE_LOG_VIEW, NULL);
}
