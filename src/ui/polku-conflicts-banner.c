/* polku-conflicts-banner.c: the banner that leads a client's page to its sync conflicts
 *
 * PolkuConflictsBanner, at the top of a client's overview, says how many conflicts of the
 * client wait and opens the queue (polku-conflicts-window.c) for that client. It is declared
 * in polku-conflicts-window.h, beside the queue it leads to.
 *
 * Copyright 2026 The Polku authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "polku-conflicts-banner"

#include "config.h"

#include <glib/gi18n.h>

#include "polku-conflicts-window.h"

struct _PolkuConflictsBanner
{
  PolkuClientView  parent_instance;

  guint            count;
  GtkWidget       *box;
  GtkLabel        *label;
  GtkWidget       *button;
};

G_DEFINE_FINAL_TYPE (PolkuConflictsBanner, polku_conflicts_banner, POLKU_TYPE_CLIENT_VIEW)

static GPtrArray *banners;

static void
banner_show (PolkuConflictsBanner *self,
             guint                 count)
{
  const char *client_id = polku_client_view_get_client_id (POLKU_CLIENT_VIEW (self));
  g_autofree char *text = NULL;

  self->count = count;
  /* The banner itself is hidden, not only its box: the overview's spacing counts it. */
  gtk_widget_set_visible (GTK_WIDGET (self), count > 0 && client_id != NULL);
  if (count == 0 || client_id == NULL)
    {
      gtk_label_set_text (self->label, "");
      return;
    }
  text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       "%u sync conflict waits for a decision",
                                       "%u sync conflicts wait for a decision", count),
                          count);
  gtk_label_set_text (self->label, text);
  gtk_actionable_set_action_target_value (GTK_ACTIONABLE (self->button),
                                          g_variant_new_string (client_id));
}

static void
banner_clear (PolkuClientView *view)
{
  banner_show (POLKU_CONFLICTS_BANNER (view), 0);
}

static gpointer
banner_load (PolkuStore    *store,
             const char    *client_id,
             gpointer       snapshot,
             GCancellable  *cancellable,
             GError       **error)
{
  g_autoptr(GPtrArray) open = polku_sync_conflict_list (store, client_id, FALSE, error);

  if (open == NULL)
    return NULL;
  return GUINT_TO_POINTER (open->len + 1);  /* never NULL: that is "no result" */
}

static void
banner_apply (PolkuClientView *view,
              gpointer         result,
              const GError    *error)
{
  if (error != NULL)
    {
      /* The banner is a hint: the queue itself says what went wrong. */
      g_debug ("Could not count the client's sync conflicts: %s", error->message);
      banner_show (POLKU_CONFLICTS_BANNER (view), 0);
      return;
    }
  banner_show (POLKU_CONFLICTS_BANNER (view), result != NULL ? GPOINTER_TO_UINT (result) - 1 : 0);
}

static void
banner_free_result (gpointer result)
{
}

static gboolean
banner_wants_reload (PolkuClientView *view)
{
  return TRUE;
}

guint
polku_conflicts_banner_get_count (PolkuConflictsBanner *self)
{
  g_return_val_if_fail (POLKU_IS_CONFLICTS_BANNER (self), 0);
  return self->count;
}

const char *
polku_conflicts_banner_get_text (PolkuConflictsBanner *self)
{
  g_return_val_if_fail (POLKU_IS_CONFLICTS_BANNER (self), NULL);
  return gtk_label_get_text (self->label);
}

void
polku_conflicts_banner_reload_all (PolkuStore *store)
{
  for (guint i = 0; banners != NULL && i < banners->len; i++)
    {
      PolkuClientView *view = g_ptr_array_index (banners, i);

      if (polku_client_view_get_store (view) == store
          && polku_client_view_get_client_id (view) != NULL)
        polku_client_view_reload (view);
    }
}

static void
polku_conflicts_banner_dispose (GObject *object)
{
  if (banners != NULL)
    g_ptr_array_remove (banners, object);

  G_OBJECT_CLASS (polku_conflicts_banner_parent_class)->dispose (object);
}

static void
polku_conflicts_banner_class_init (PolkuConflictsBannerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  PolkuClientViewClass *view_class = POLKU_CLIENT_VIEW_CLASS (klass);

  object_class->dispose = polku_conflicts_banner_dispose;
  view_class->clear = banner_clear;
  view_class->load = banner_load;
  view_class->apply = banner_apply;
  view_class->free_result = banner_free_result;
  view_class->wants_reload = banner_wants_reload;
  /* Hidden while there is nothing to say, so it must read while unmapped. */
  view_class->load_unmapped = TRUE;
}

static void
polku_conflicts_banner_init (PolkuConflictsBanner *self)
{
  GtkWidget *icon = gtk_image_new_from_icon_name ("emblem-important-symbolic");

  /* At 360 px the overview gives the card 336 px: with 12 px between its parts, Swedish's
   * one long word ("synkroniseringskonflikter") and the button asked for 337. */
  self->box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  gtk_widget_add_css_class (self->box, "card");
  gtk_widget_set_visible (GTK_WIDGET (self), FALSE);

  gtk_widget_set_margin_start (icon, 12);
  gtk_accessible_update_property (GTK_ACCESSIBLE (icon), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Warning"), -1);
  gtk_widget_add_css_class (icon, "warning");
  gtk_box_append (GTK_BOX (self->box), icon);

  self->label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_wrap (self->label, TRUE);
  /* A word longer than the room left is broken rather than widening the window. */
  gtk_label_set_wrap_mode (self->label, PANGO_WRAP_WORD_CHAR);
  gtk_label_set_xalign (self->label, 0);
  gtk_widget_set_hexpand (GTK_WIDGET (self->label), TRUE);
  gtk_widget_set_margin_top (GTK_WIDGET (self->label), 12);
  gtk_widget_set_margin_bottom (GTK_WIDGET (self->label), 12);
  gtk_box_append (GTK_BOX (self->box), GTK_WIDGET (self->label));

  self->button = gtk_button_new_with_mnemonic (_("_Review…"));
  gtk_widget_set_valign (self->button, GTK_ALIGN_CENTER);
  gtk_widget_set_margin_end (self->button, 12);
  gtk_actionable_set_action_target_value (GTK_ACTIONABLE (self->button),
                                          g_variant_new_string (""));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (self->button), "win.conflicts");
  gtk_widget_set_tooltip_text (self->button, _("Review the client’s sync conflicts"));
  gtk_box_append (GTK_BOX (self->box), self->button);

  adw_bin_set_child (ADW_BIN (self), self->box);

  if (banners == NULL)
    banners = g_ptr_array_new ();
  g_ptr_array_add (banners, self);
}

GtkWidget *
polku_conflicts_banner_new (void)
{
  return g_object_new (POLKU_TYPE_CONFLICTS_BANNER, NULL);
}
