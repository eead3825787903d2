/* polku-client-row.c: one client in the client list
 *
 * The name and the detail line are GtkInscriptions: their size comes from the font (one
 * line, at least one character wide), not from their text, and a new text only redraws
 * them. A GtkLabel queues a resize when its text changes: that went up to the window, which
 * on X11 asked the server for the monitor's work area again (twice a frame) and measured
 * the list view's rows, shaping each changed label's text several times over (its natural
 * width, its ellipsized minimum, its height for each width asked for, and again when
 * drawn), where the inscription shapes it once, when it is drawn. Every keystroke in the
 * search gives the rows on screen other clients, so that was most of the frame after it
 * (README, "Speed at county size", line 3). Screen readers hear the same: an inscription is
 * a label whose name is its text.
 *
 * Copyright 2026 The Polku authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "polku-client-row"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "polku-client-row.h"

struct _PolkuClientRow
{
  GtkWidget       parent_instance;

  PolkuClient    *client;
  GSignalGroup   *client_signals;

  GtkInscription *name_label;
  GtkInscription *detail_label;
  GtkWidget      *archived_label;
};

G_DEFINE_FINAL_TYPE (PolkuClientRow, polku_client_row, GTK_TYPE_WIDGET)

enum
{
  PROP_0,
  PROP_CLIENT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* "Municipality · birth year", leaving out what is not known. */
static char *
dup_detail (PolkuClient *client)
{
  const char *municipality = polku_client_get_municipality (client);
  const char *birth_date = polku_client_get_birth_date (client);
  g_autofree char *year = NULL;

  if (birth_date != NULL && strlen (birth_date) >= 4)
    year = g_strndup (birth_date, 4);

  if (municipality != NULL && year != NULL)
    /* TRANSLATORS: in the client list: "municipality · year of birth" */
    return g_strdup_printf (_("%s · %s"), municipality, year);
  if (municipality != NULL)
    return g_strdup (municipality);
  if (year != NULL)
    return g_strdup (year);
  return NULL;
}

/* Without a client the row is empty, and the detail line and the tag keep their visibility:
 * a row is without a client only while the list keeps it for later (polku-client-list.c),
 * and showing and hiding them would queue a resize of the list at each of its clients. */
static void
update (PolkuClientRow *self)
{
  g_autofree char *name = NULL;
  g_autofree char *detail = NULL;

  if (self->client == NULL)
    {
      gtk_inscription_set_text (self->name_label, "");
      gtk_inscription_set_text (self->detail_label, "");
      return;
    }

  name = polku_client_dup_display_name (self->client);
  detail = dup_detail (self->client);
  gtk_inscription_set_text (self->name_label, name != NULL ? name : "");
  gtk_inscription_set_text (self->detail_label, detail != NULL ? detail : "");
  gtk_widget_set_visible (GTK_WIDGET (self->detail_label), detail != NULL);
  gtk_widget_set_visible (self->archived_label, polku_client_get_archived (self->client));
}

static void
on_client_notify (PolkuClientRow *self,
                  GParamSpec     *pspec,
                  PolkuClient    *client)
{
  static const char * const shown[] = { "display-name", "municipality", "birth-date",
                                        "archived", NULL };

  if (g_strv_contains (shown, g_param_spec_get_name (pspec)))
    update (self);
}

static void
polku_client_row_dispose (GObject *object)
{
  PolkuClientRow *self = (PolkuClientRow *) object;
  GtkWidget *child;

  if (self->client_signals != NULL)
    g_signal_group_set_target (self->client_signals, NULL);
  g_clear_object (&self->client_signals);
  g_clear_object (&self->client);

  gtk_widget_dispose_template (GTK_WIDGET (self), POLKU_TYPE_CLIENT_ROW);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (polku_client_row_parent_class)->dispose (object);
}

static void
polku_client_row_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  PolkuClientRow *self = POLKU_CLIENT_ROW (object);

  switch (prop_id)
    {
    case PROP_CLIENT:
      g_value_set_object (value, self->client);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
polku_client_row_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  PolkuClientRow *self = POLKU_CLIENT_ROW (object);

  switch (prop_id)
    {
    case PROP_CLIENT:
      polku_client_row_set_client (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
polku_client_row_class_init (PolkuClientRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = polku_client_row_dispose;
  object_class->get_property = polku_client_row_get_property;
  object_class->set_property = polku_client_row_set_property;

  properties[PROP_CLIENT] =
    g_param_spec_object ("client", NULL, NULL, POLKU_TYPE_CLIENT,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/polku-client-row.ui");
  gtk_widget_class_bind_template_child (widget_class, PolkuClientRow, name_label);
  gtk_widget_class_bind_template_child (widget_class, PolkuClientRow, detail_label);
  gtk_widget_class_bind_template_child (widget_class, PolkuClientRow, archived_label);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "polku-client-row");
}

static void
polku_client_row_init (PolkuClientRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  /* One handler, not one per property: a scroll gives about 200 rows other clients. */
  self->client_signals = g_signal_group_new (POLKU_TYPE_CLIENT);
  g_signal_group_connect_swapped (self->client_signals, "notify",
                                  G_CALLBACK (on_client_notify), self);
  update (self);
}

GtkWidget *
polku_client_row_new (void)
{
  return g_object_new (POLKU_TYPE_CLIENT_ROW, NULL);
}

/**
 * polku_client_row_get_client:
 *
 * Returns: (transfer none) (nullable): the client shown
 */
PolkuClient *
polku_client_row_get_client (PolkuClientRow *self)
{
  g_return_val_if_fail (POLKU_IS_CLIENT_ROW (self), NULL);
  return self->client;
}

void
polku_client_row_set_client (PolkuClientRow *self,
                             PolkuClient    *client)
{
  g_return_if_fail (POLKU_IS_CLIENT_ROW (self));
  g_return_if_fail (client == NULL || POLKU_IS_CLIENT (client));

  if (!g_set_object (&self->client, client))
    return;

  g_signal_group_set_target (self->client_signals, client);
  update (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CLIENT]);
}
