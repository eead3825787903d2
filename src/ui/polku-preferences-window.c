/* polku-preferences-window.c: the Preferences window
 *
 * Copyright 2026 The Polku authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "polku-preferences-window"

#include "config.h"

#include <glib/gi18n.h>

#include "polku-preferences-window.h"

struct _PolkuPreferencesWindow
{
  AdwPreferencesWindow  parent_instance;

  PolkuProfile         *profile;
  GSettings            *settings;
  AdwEntryRow          *worker_name_row;

  GtkSpinButton        *idle_lock_spin;
  GtkSwitch            *show_archived_switch;
  AdwActionRow         *database_row;
  AdwActionRow         *key_row;
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
      adw_action_row_set_subtitle (self->database_row,
                                   polku_profile_get_database_path (self->profile));
      adw_action_row_set_subtitle (self->key_row,
                                   key_source_label (polku_profile_get_key_source (self->profile)));
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
  gtk_widget_class_bind_template_child (widget_class, PolkuPreferencesWindow, worker_name_row);
  gtk_widget_class_bind_template_child (widget_class, PolkuPreferencesWindow,
                                        show_archived_switch);
  gtk_widget_class_bind_template_child (widget_class, PolkuPreferencesWindow, database_row);
  gtk_widget_class_bind_template_child (widget_class, PolkuPreferencesWindow, key_row);
  gtk_widget_class_bind_template_callback (widget_class, on_idle_lock_output);
  gtk_widget_class_bind_template_callback (widget_class, on_idle_lock_input);
}

static void
polku_preferences_window_init (PolkuPreferencesWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->settings = g_settings_new (APP_ID);
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
