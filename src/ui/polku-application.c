/* polku-application.c: the application object
 *
 * Copyright 2026 The Polku authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "polku-application"

#include "config.h"

#include <glib/gi18n.h>

#include "polku-application.h"
#include "polku-help-window.h"
#include "polku-preferences-window.h"
#include "polku-profile.h"
#include "polku-window.h"

struct _PolkuApplication
{
  AdwApplication  parent_instance;

  /* From --data-dir; NULL means polku_profile_default_data_dir(). */
  char           *data_dir;
};

G_DEFINE_FINAL_TYPE (PolkuApplication, polku_application, ADW_TYPE_APPLICATION)

static const GOptionEntry option_entries[] = {
  { "data-dir", 'd', G_OPTION_FLAG_NONE, G_OPTION_ARG_FILENAME, NULL,
    N_("Keep the client database in DIR instead of the default folder"), N_("DIR") },
  { NULL }
};

static PolkuWindow *
get_main_window (PolkuApplication *self)
{
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l != NULL; l = l->next)
    {
      if (POLKU_IS_WINDOW (l->data))
        return l->data;
    }
  return NULL;
}

static int
polku_application_handle_local_options (GApplication *application,
                                        GVariantDict *options)
{
  PolkuApplication *self = POLKU_APPLICATION (application);
  const char *data_dir = NULL;

  if (g_variant_dict_lookup (options, "data-dir", "^&ay", &data_dir) && data_dir[0] != '\0')
    {
      g_free (self->data_dir);
      self->data_dir = g_canonicalize_filename (data_dir, NULL);
      /* Another profile than the default one: run on its own, so that an instance already
       * showing the default profile does not take over. */
      g_application_set_flags (application,
                               g_application_get_flags (application)
                               | G_APPLICATION_NON_UNIQUE);
    }

  return G_APPLICATION_CLASS (polku_application_parent_class)->handle_local_options (application,
                                                                                      options);
}

static void
polku_application_activate (GApplication *application)
{
  PolkuApplication *self = POLKU_APPLICATION (application);
  PolkuWindow *window = get_main_window (self);

  if (window == NULL)
    {
      g_autoptr(PolkuProfile) profile = polku_profile_new (self->data_dir);

      g_debug ("Opening the profile in %s", polku_profile_get_data_dir (profile));
      window = polku_window_new (ADW_APPLICATION (self), profile);
    }

  gtk_window_present (GTK_WINDOW (window));
}

static void
polku_application_finalize (GObject *object)
{
  PolkuApplication *self = (PolkuApplication *) object;

  g_clear_pointer (&self->data_dir, g_free);

  G_OBJECT_CLASS (polku_application_parent_class)->finalize (object);
}

static void
polku_application_class_init (PolkuApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->finalize = polku_application_finalize;
  app_class->handle_local_options = polku_application_handle_local_options;
  app_class->activate = polku_application_activate;
}

/* From the follow-ups notification: bring the window up and show them (after unlocking). */
static void
show_followups_activated (GSimpleAction *action,
                          GVariant      *parameter,
                          gpointer       user_data)
{
  PolkuApplication *self = user_data;
  PolkuWindow *window;

  g_application_activate (G_APPLICATION (self));
  window = get_main_window (self);
  if (window != NULL)
    gtk_widget_activate_action (GTK_WIDGET (window), "win.show-followups", NULL);
}

static void
quit_activated (GSimpleAction *action,
                GVariant      *parameter,
                gpointer       user_data)
{
  PolkuApplication *self = user_data;
  g_autoptr(GList) windows = NULL;

  /* Closing lets each window save its size and close its database. A window may refuse (a
   * mapping visit the database does not take yet: it asks whether to discard it), and then
   * Polku keeps running with it; the application ends by itself when its last window has
   * closed. g_application_quit () here would end it with that window's text unsaved. */
  windows = g_list_copy (gtk_application_get_windows (GTK_APPLICATION (self)));
  for (GList *l = windows; l != NULL; l = l->next)
    gtk_window_close (l->data);
}

static void
about_activated (GSimpleAction *action,
                 GVariant      *parameter,
                 gpointer       user_data)
{
  PolkuApplication *self = user_data;
  g_autofree char *copyright = NULL;
  GtkWidget *about;

  /* TRANSLATORS: the year and the copyright holder in the About window */
  copyright = g_strdup_printf (_("© %d The Polku authors"), 2026);

  about = g_object_new (ADW_TYPE_ABOUT_WINDOW,
                        "transient-for", gtk_application_get_active_window (GTK_APPLICATION (self)),
                        "modal", TRUE,
                        /* TRANSLATORS: the application's name; usually kept as it is */
                        "application-name", _("Polku"),
                        "application-icon", APP_ID,
                        "version", PACKAGE_VERSION,
                        "developer-name", _("The Polku authors"),
                        "copyright", copyright,
                        "license-type", GTK_LICENSE_GPL_3_0,
                        "comments", _("Care coordination for clients who need many services. "
                                      "Client data is kept encrypted on this computer."),
                        "translator-credits", _("translator-credits"),
                        NULL);
  gtk_window_present (GTK_WINDOW (about));
}

static void
preferences_activated (GSimpleAction *action,
                       GVariant      *parameter,
                       gpointer       user_data)
{
  PolkuApplication *self = user_data;
  PolkuWindow *window = get_main_window (self);
  PolkuPreferencesWindow *preferences;

  if (window == NULL)
    return;

  preferences = polku_preferences_window_new (GTK_WINDOW (window),
                                              polku_window_get_profile (window));
  gtk_window_present (GTK_WINDOW (preferences));
}

static void
help_activated (GSimpleAction *action,
                GVariant      *parameter,
                gpointer       user_data)
{
  PolkuApplication *self = user_data;
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (self));

  gtk_window_present (GTK_WINDOW (polku_help_window_new (parent)));
}

static const GActionEntry app_actions[] = {
  { "quit", quit_activated },
  { "help", help_activated },
  { "about", about_activated },
  { "preferences", preferences_activated },
  { "show-followups", show_followups_activated },
};

static void
polku_application_init (PolkuApplication *self)
{
  static const char *quit_accels[] = { "<Control>q", NULL };
  static const char *preferences_accels[] = { "<Control>comma", NULL };
  static const char *help_accels[] = { "F1", NULL };

  g_application_add_main_option_entries (G_APPLICATION (self), option_entries);
  g_application_set_option_context_parameter_string (G_APPLICATION (self), NULL);
  g_application_set_option_context_summary (G_APPLICATION (self),
                                            _("Coordinate care for clients who need many "
                                              "services."));

  g_action_map_add_action_entries (G_ACTION_MAP (self), app_actions, G_N_ELEMENTS (app_actions),
                                   self);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.quit", quit_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.preferences",
                                         preferences_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.help", help_accels);
}

/**
 * polku_application_new:
 *
 * Returns: (transfer full): the application
 */
PolkuApplication *
polku_application_new (void)
{
  return g_object_new (POLKU_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "flags", G_APPLICATION_DEFAULT_FLAGS,
                       "resource-base-path", RESOURCE_BASE,
                       NULL);
}

/**
 * polku_application_get_data_dir:
 *
 * Returns: (nullable): the folder given with `--data-dir`, or %NULL for the default one
 */
const char *
polku_application_get_data_dir (PolkuApplication *self)
{
  g_return_val_if_fail (POLKU_IS_APPLICATION (self), NULL);
  return self->data_dir;
}
