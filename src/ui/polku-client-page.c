/* polku-client-page.c: the selected client's details
 *
 * Copyright 2026 The Polku authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "polku-client-page"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <string.h>

#include "polku-client-page.h"

struct _PolkuClientPage
{
  GtkWidget       parent_instance;

  PolkuClient    *client;
  GSignalGroup   *client_signals;
  gboolean        folded;

  AdwHeaderBar   *header_bar;
  GtkWidget      *back_button;
  AdwWindowTitle *title_widget;
  GtkWidget      *edit_button;
  GtkButton      *archive_button;
  GtkStack       *stack;
  AdwActionRow   *hetu_row;
  AdwActionRow   *birth_date_row;
  AdwActionRow   *language_row;
  AdwActionRow   *phone_row;
  AdwActionRow   *email_row;
  AdwActionRow   *address_row;
  AdwActionRow   *municipality_row;
};

G_DEFINE_FINAL_TYPE (PolkuClientPage, polku_client_page, GTK_TYPE_WIDGET)

enum
{
  PROP_0,
  PROP_CLIENT,
  PROP_FOLDED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/**
 * polku_format_birth_date:
 * @iso_date: (nullable): a date as YYYY-MM-DD
 *
 * Returns: (transfer full) (nullable): the date written the way the user's locale writes
 * dates, or %NULL if @iso_date is not a date
 */
char *
polku_format_birth_date (const char *iso_date)
{
  g_autoptr(GDateTime) date_time = NULL;
  guint year = 0, month = 0, day = 0;

  if (iso_date == NULL || strlen (iso_date) != 10 || iso_date[4] != '-' || iso_date[7] != '-')
    return NULL;

  for (guint i = 0; i < 10; i++)
    {
      guint digit;

      if (i == 4 || i == 7)
        continue;
      if (!g_ascii_isdigit (iso_date[i]))
        return NULL;
      digit = g_ascii_digit_value (iso_date[i]);
      if (i < 4)
        year = year * 10 + digit;
      else if (i < 7)
        month = month * 10 + digit;
      else
        day = day * 10 + digit;
    }

  if (!g_date_valid_dmy (day, month, year))
    return NULL;

  date_time = g_date_time_new_local (year, month, day, 12, 0, 0);
  if (date_time == NULL)
    return NULL;

  return g_date_time_format (date_time, "%x");
}

static void
set_value (AdwActionRow *row,
           const char   *value)
{
  if (value != NULL && value[0] != '\0')
    {
      adw_action_row_set_subtitle (row, value);
      gtk_widget_remove_css_class (GTK_WIDGET (row), "polku-missing");
    }
  else
    {
      adw_action_row_set_subtitle (row, _("Not recorded"));
      gtk_widget_add_css_class (GTK_WIDGET (row), "polku-missing");
    }
}

static void
update (PolkuClientPage *self)
{
  PolkuClient *client = self->client;
  g_autofree char *name = NULL;
  g_autofree char *birth_date = NULL;
  gboolean archived;

  gtk_widget_set_visible (self->edit_button, client != NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->archive_button), client != NULL);

  if (client == NULL)
    {
      adw_window_title_set_title (self->title_widget, "");
      adw_window_title_set_subtitle (self->title_widget, "");
      gtk_stack_set_visible_child_name (self->stack, "empty");
      /* Leave nothing of the last client behind in the widgets. */
      set_value (self->hetu_row, NULL);
      set_value (self->birth_date_row, NULL);
      set_value (self->language_row, NULL);
      set_value (self->phone_row, NULL);
      set_value (self->email_row, NULL);
      set_value (self->address_row, NULL);
      set_value (self->municipality_row, NULL);
      return;
    }

  name = polku_client_dup_display_name (client);
  archived = polku_client_get_archived (client);
  birth_date = polku_format_birth_date (polku_client_get_birth_date (client));

  adw_window_title_set_title (self->title_widget, name != NULL ? name : "");
  adw_window_title_set_subtitle (self->title_widget, archived ? _("Archived") : "");
  gtk_button_set_label (self->archive_button, archived ? _("_Restore") : _("_Archive"));
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->archive_button),
                               archived ? _("Show the client in the client list again")
                                        : _("Hide the client from the client list; "
                                            "nothing is deleted"));

  set_value (self->hetu_row, polku_client_get_hetu (client));
  set_value (self->birth_date_row, birth_date);
  set_value (self->language_row, polku_language_get_label (polku_client_get_language (client)));
  set_value (self->phone_row, polku_client_get_phone (client));
  set_value (self->email_row, polku_client_get_email (client));
  set_value (self->address_row, polku_client_get_address (client));
  set_value (self->municipality_row, polku_client_get_municipality (client));

  gtk_stack_set_visible_child_name (self->stack, "client");
}

static void
polku_client_page_dispose (GObject *object)
{
  PolkuClientPage *self = (PolkuClientPage *) object;
  GtkWidget *child;

  if (self->client_signals != NULL)
    g_signal_group_set_target (self->client_signals, NULL);
  g_clear_object (&self->client_signals);
  g_clear_object (&self->client);

  gtk_widget_dispose_template (GTK_WIDGET (self), POLKU_TYPE_CLIENT_PAGE);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (polku_client_page_parent_class)->dispose (object);
}

static void
polku_client_page_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  PolkuClientPage *self = POLKU_CLIENT_PAGE (object);

  switch (prop_id)
    {
    case PROP_CLIENT:
      g_value_set_object (value, self->client);
      break;
    case PROP_FOLDED:
      g_value_set_boolean (value, self->folded);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
polku_client_page_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  PolkuClientPage *self = POLKU_CLIENT_PAGE (object);

  switch (prop_id)
    {
    case PROP_CLIENT:
      polku_client_page_set_client (self, g_value_get_object (value));
      break;
    case PROP_FOLDED:
      polku_client_page_set_folded (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
polku_client_page_class_init (PolkuClientPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = polku_client_page_dispose;
  object_class->get_property = polku_client_page_get_property;
  object_class->set_property = polku_client_page_set_property;

  properties[PROP_CLIENT] =
    g_param_spec_object ("client", NULL, NULL, POLKU_TYPE_CLIENT,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_FOLDED] =
    g_param_spec_boolean ("folded", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/polku-client-page.ui");
  gtk_widget_class_bind_template_child (widget_class, PolkuClientPage, header_bar);
  gtk_widget_class_bind_template_child (widget_class, PolkuClientPage, back_button);
  gtk_widget_class_bind_template_child (widget_class, PolkuClientPage, title_widget);
  gtk_widget_class_bind_template_child (widget_class, PolkuClientPage, edit_button);
  gtk_widget_class_bind_template_child (widget_class, PolkuClientPage, archive_button);
  gtk_widget_class_bind_template_child (widget_class, PolkuClientPage, stack);
  gtk_widget_class_bind_template_child (widget_class, PolkuClientPage, hetu_row);
  gtk_widget_class_bind_template_child (widget_class, PolkuClientPage, birth_date_row);
  gtk_widget_class_bind_template_child (widget_class, PolkuClientPage, language_row);
  gtk_widget_class_bind_template_child (widget_class, PolkuClientPage, phone_row);
  gtk_widget_class_bind_template_child (widget_class, PolkuClientPage, email_row);
  gtk_widget_class_bind_template_child (widget_class, PolkuClientPage, address_row);
  gtk_widget_class_bind_template_child (widget_class, PolkuClientPage, municipality_row);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "polku-client-page");
}

static void
polku_client_page_init (PolkuClientPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->client_signals = g_signal_group_new (POLKU_TYPE_CLIENT);
  g_signal_group_connect_swapped (self->client_signals, "notify", G_CALLBACK (update), self);
  update (self);
}

GtkWidget *
polku_client_page_new (void)
{
  return g_object_new (POLKU_TYPE_CLIENT_PAGE, NULL);
}

/**
 * polku_client_page_get_client:
 *
 * Returns: (transfer none) (nullable): the client shown
 */
PolkuClient *
polku_client_page_get_client (PolkuClientPage *self)
{
  g_return_val_if_fail (POLKU_IS_CLIENT_PAGE (self), NULL);
  return self->client;
}

/**
 * polku_client_page_set_client:
 * @client: (nullable): the client to show; %NULL shows "No client selected" and clears
 *   every field
 */
void
polku_client_page_set_client (PolkuClientPage *self,
                              PolkuClient     *client)
{
  g_return_if_fail (POLKU_IS_CLIENT_PAGE (self));
  g_return_if_fail (client == NULL || POLKU_IS_CLIENT (client));

  if (!g_set_object (&self->client, client))
    return;

  g_signal_group_set_target (self->client_signals, client);
  update (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CLIENT]);
}

gboolean
polku_client_page_get_folded (PolkuClientPage *self)
{
  g_return_val_if_fail (POLKU_IS_CLIENT_PAGE (self), FALSE);
  return self->folded;
}

/**
 * polku_client_page_set_folded:
 *
 * Whether the page is shown alone (a narrow window): then it has a back button and the
 * window buttons at both ends of its header.
 */
void
polku_client_page_set_folded (PolkuClientPage *self,
                              gboolean         folded)
{
  g_return_if_fail (POLKU_IS_CLIENT_PAGE (self));

  folded = !!folded;
  if (self->folded == folded)
    return;

  self->folded = folded;
  gtk_widget_set_visible (self->back_button, folded);
  adw_header_bar_set_show_start_title_buttons (self->header_bar, folded);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FOLDED]);
}
