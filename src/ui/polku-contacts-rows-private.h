/* polku-contacts-rows-private.h: what the rows of contacts in the log and in an import share
 *
 * Copyright 2026 The Polku authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>
#include <glib/gi18n.h>

#include "polku-contact-type.h"
#include "polku-contact.h"

/* The label of the contact type @type_id, or the id when @types has no such type. */
static inline const char *
polku_contacts_type_label (GListModel *types,
                           const char *type_id)
{
  PolkuContactType *type = types != NULL ? polku_contact_types_lookup (types, type_id) : NULL;

  return type != NULL ? polku_contact_type_get_label (type) : type_id;
}

/* A short text at the end of @row, styled with @css_class. */
static inline void
polku_contacts_row_add_tag (AdwActionRow *row,
                            const char   *text,
                            const char   *css_class)
{
  GtkWidget *tag = gtk_label_new (text);

  gtk_widget_add_css_class (tag, css_class);
  gtk_widget_set_valign (tag, GTK_ALIGN_CENTER);
  adw_action_row_add_suffix (row, tag);
}

/* Tags @row with whether @contact was urgent and whether the client did not come. */
static inline void
polku_contacts_row_add_flags (AdwActionRow *row,
                              PolkuContact *contact)
{
  if (polku_contact_get_urgent (contact))
    polku_contacts_row_add_tag (row, _("Urgent"), "warning");
  if (polku_contact_get_no_show (contact))
    polku_contacts_row_add_tag (row, _("No-show"), "error");
}
