/* polku-contacts-view.c: the client's contacts and visits, their CSV import, and the mapping
 * visit
 *
 * Three sections: the log, with a quick-entry form made for the keyboard (Enter in any text
 * field saves and starts the next contact; the date is kept and selected, so the next one is
 * typed over it); the CSV import (PolkuContactsImport); and the mapping visit
 * (PolkuMappingVisitPage).
 *
 * The form asks for the days of a stay only when the type chosen is one (the types file's
 * inpatient flag), right under the type; the reason is optional, for counting repeated
 * contacts for the same issue. Both rows are made here rather than in the template, so that
 * they follow the types file.
 *
 * Copyright 2026 The Polku authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "polku-contacts-view"

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>

#include "polku-contact-store.h"
#include "polku-contact-type.h"
#include "polku-contacts-import.h"
#include "polku-contacts-rows-private.h"
#include "polku-contacts-view-private.h"
#include "polku-date-row-private.h"
#include "polku-date.h"
#include "polku-mapping-visit-page.h"

struct _PolkuContactsView
{
  PolkuClientView      parent_instance;

  GListModel          *types;
  GListStore          *contacts;    /* newest first */
  PolkuContact        *editing;     /* a stored contact loaded into the form, or NULL */

  AdwToastOverlay     *toast_overlay;
  GtkStack            *stack;
  GtkDropDown         *section_dropdown;
  AdwEntryRow         *date_row;
  AdwEntryRow         *time_row;
  AdwComboRow         *type_row;
  AdwEntryRow         *professional_row;
  AdwEntryRow         *professional_name_row;
  AdwEntryRow         *organisation_row;
  GtkSwitch           *urgent_switch;
  GtkSwitch           *no_show_switch;
  AdwEntryRow         *note_row;
  AdwEntryRow         *days_row;     /* shown for an inpatient type only */
  AdwEntryRow         *reason_row;
  GtkMenuButton       *reasons_button;  /* the client's earlier reasons, to repeat one */
  GMenu               *reasons_menu;
  GtkLabel            *entry_error;
  GtkButton           *save_button;
  GtkButton           *cancel_edit_button;
  AdwPreferencesGroup *entry_group;
  AdwPreferencesGroup *log_group;
  GtkListBox          *list_box;
  AdwStatusPage       *empty_page;
  PolkuContactsImport *import_page;
  PolkuMappingVisitPage *visit_page;
};

G_DEFINE_FINAL_TYPE (PolkuContactsView, polku_contacts_view, POLKU_TYPE_CLIENT_VIEW)

/* "2026-03-04" → "4.3.2026" */
static char *
date_to_text (const char *iso)
{
  return polku_date_format_user (iso);
}

static char *
today_text (void)
{
  g_autofree char *today = polku_date_today ();

  return polku_date_format_user (today);
}

static void
toast (PolkuContactsView *self,
       const char        *text)
{
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (text));
}

/* --- The log ------------------------------------------------------------------------------ */

static void
update_summary (PolkuContactsView *self)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->contacts));
  guint urgent = 0, no_shows = 0;
  g_autofree char *count = NULL;
  g_autofree char *text = NULL;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(PolkuContact) c = g_list_model_get_item (G_LIST_MODEL (self->contacts), i);

      urgent += polku_contact_get_urgent (c);
      no_shows += polku_contact_get_no_show (c);
    }

  count = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u contact", "%u contacts", n), n);
  /* TRANSLATORS: "120 contacts · urgent: 14 · no-shows: 6" (a label and a count, so that it
   * reads right for any number) */
  text = g_strdup_printf (_("%s · urgent: %u · no-shows: %u"), count, urgent, no_shows);
  adw_preferences_group_set_description (self->log_group, n > 0 ? text : NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->log_group), n > 0);
  gtk_widget_set_visible (GTK_WIDGET (self->empty_page),
                          n == 0 && !polku_client_view_get_loading (POLKU_CLIENT_VIEW (self)));
}

static void
remove_clicked (GtkButton    *button,
                PolkuContact *contact);

static GtkWidget *
create_row (gpointer item,
            gpointer user_data)
{
  PolkuContactsView *self = user_data;
  PolkuContact *contact = item;
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *remove;
  g_autofree char *date = date_to_text (polku_contact_get_date (contact));
  g_autofree char *title = NULL;
  g_autofree char *remove_label = NULL;
  g_autoptr(GString) subtitle = g_string_new (NULL);
  const char *time = polku_contact_get_time (contact);
  const char *parts[] = {
    polku_contact_get_professional_name (contact), polku_contact_get_professional_id (contact),
    polku_contact_get_organisation (contact), polku_contact_get_note (contact),
  };
  guint days = polku_contact_get_days (contact);
  const char *reason = polku_contact_get_reason (contact);

  /* TRANSLATORS: a contact in the log: "4.3.2026 10:15 · Doctor" */
  title = g_strdup_printf (_("%s%s%s · %s"), date, time != NULL ? " " : "",
                           time != NULL ? time : "",
                           polku_contacts_type_label (self->types,
                                                      polku_contact_get_type_id (contact)));
  if (days > 0)
    g_string_append_printf (subtitle, g_dngettext (GETTEXT_PACKAGE, "%u day", "%u days", days),
                            days);
  if (reason != NULL)
    {
      g_string_append (subtitle, subtitle->len > 0 ? " · " : "");
      /* TRANSLATORS: the reason of a contact, e.g. "Reason: back pain" */
      g_string_append_printf (subtitle, _("Reason: %s"), reason);
    }
  for (guint i = 0; i < G_N_ELEMENTS (parts); i++)
    if (parts[i] != NULL)
      g_string_append_printf (subtitle, "%s%s", subtitle->len > 0 ? " · " : "", parts[i]);

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle->str);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 2);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  gtk_widget_set_tooltip_text (row, _("Activate to change this contact"));

  polku_contacts_row_add_flags (ADW_ACTION_ROW (row), contact);
  if (polku_contact_get_source (contact) == POLKU_CONTACT_SOURCE_IMPORTED)
    polku_contacts_row_add_tag (ADW_ACTION_ROW (row), _("Imported"), "dim-label");

  remove = gtk_button_new_from_icon_name ("user-trash-symbolic");
  gtk_widget_set_valign (remove, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (remove, "flat");
  gtk_widget_set_tooltip_text (remove, _("Remove this contact"));
  /* TRANSLATORS: accessible name of a button: "Remove the contact of 4.3.2026" */
  remove_label = g_strdup_printf (_("Remove the contact of %s"), date);
  gtk_accessible_update_property (GTK_ACCESSIBLE (remove), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  remove_label, -1);
  /* The row lives inside the view, so the view outlives the button. */
  g_object_set_data (G_OBJECT (remove), "polku-view", self);
  g_signal_connect_object (remove, "clicked", G_CALLBACK (remove_clicked), contact, 0);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), remove);

  g_object_set_data_full (G_OBJECT (row), "polku-contact", g_object_ref (contact),
                          g_object_unref);
  return row;
}

/* The reasons given before, newest first, each once: choosing one writes the same words, so
 * that the repeat is counted as one. */
static void
update_reasons (PolkuContactsView *self,
                GPtrArray         *contacts)
{
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  guint n = 0;

  g_menu_remove_all (self->reasons_menu);
  for (guint i = contacts != NULL ? contacts->len : 0; i > 0 && n < 12; i--)
    {
      const char *reason = polku_contact_get_reason (g_ptr_array_index (contacts, i - 1));
      g_autofree char *folded = polku_contact_fold_reason (reason);
      g_autoptr(GMenuItem) item = NULL;

      if (folded == NULL || g_hash_table_contains (seen, folded))
        continue;
      item = g_menu_item_new (reason, NULL);
      g_menu_item_set_action_and_target_value (item, "contacts.use-reason",
                                               g_variant_new_string (reason));
      g_menu_append_item (self->reasons_menu, item);
      g_hash_table_add (seen, g_steal_pointer (&folded));
      n++;
    }
  gtk_widget_set_visible (GTK_WIDGET (self->reasons_button), n > 0);
}

static void
use_reason_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  PolkuContactsView *self = POLKU_CONTACTS_VIEW (widget);

  gtk_editable_set_text (GTK_EDITABLE (self->reason_row), g_variant_get_string (parameter, NULL));
  gtk_widget_grab_focus (GTK_WIDGET (self->reason_row));
}

static void
set_contacts (PolkuContactsView *self,
              GPtrArray         *contacts)
{
  g_autoptr(GPtrArray) reversed = g_ptr_array_new ();

  for (guint i = contacts != NULL ? contacts->len : 0; i > 0; i--)
    g_ptr_array_add (reversed, g_ptr_array_index (contacts, i - 1));
  g_list_store_splice (self->contacts, 0, g_list_model_get_n_items (G_LIST_MODEL (self->contacts)),
                       reversed->pdata, reversed->len);
  update_summary (self);
  update_reasons (self, contacts);
}

static gpointer
contacts_view_load (PolkuStore    *store,
                    const char    *client_id,
                    gpointer       snapshot,
                    GCancellable  *cancellable,
                    GError       **error)
{
  return polku_contact_store_list (store, client_id, NULL, NULL, error);
}

static void
contacts_view_apply (PolkuClientView *view,
                     gpointer         result,
                     const GError    *error)
{
  PolkuContactsView *self = POLKU_CONTACTS_VIEW (view);

  if (error != NULL)
    {
      g_debug ("Could not read the contact log: %s", error->message);
      gtk_label_set_text (self->entry_error, error->message);
    }
  set_contacts (self, result);
}

/* --- The form ----------------------------------------------------------------------------- */

static void
set_row_text (AdwEntryRow *row,
              const char  *text)
{
  gtk_editable_set_text (GTK_EDITABLE (row), text != NULL ? text : "");
  gtk_widget_remove_css_class (GTK_WIDGET (row), "error");
}

static guint
type_position (PolkuContactsView *self,
               const char        *type_id)
{
  for (guint i = 0; self->types != NULL && i < g_list_model_get_n_items (self->types); i++)
    {
      g_autoptr(PolkuContactType) type = g_list_model_get_item (self->types, i);

      if (g_strcmp0 (polku_contact_type_get_id (type), type_id) == 0)
        return i;
    }
  return 0;
}

/* Empties the form for the next contact; the date and type stay, the date selected. */
static void
clear_form (PolkuContactsView *self,
            gboolean           keep_date)
{
  g_autofree char *today = today_text ();

  g_clear_object (&self->editing);
  if (!keep_date)
    set_row_text (self->date_row, today);
  set_row_text (self->time_row, NULL);
  set_row_text (self->professional_row, NULL);
  set_row_text (self->professional_name_row, NULL);
  set_row_text (self->note_row, NULL);
  set_row_text (self->days_row, NULL);
  set_row_text (self->reason_row, NULL);
  gtk_switch_set_active (self->urgent_switch, FALSE);
  gtk_switch_set_active (self->no_show_switch, FALSE);
  gtk_label_set_text (self->entry_error, "");
  gtk_button_set_label (self->save_button, _("_Add Contact"));
  adw_preferences_group_set_title (self->entry_group, _("New Contact"));
  gtk_widget_set_visible (GTK_WIDGET (self->cancel_edit_button), FALSE);
}

static void
focus_date (PolkuContactsView *self)
{
  gtk_widget_grab_focus (GTK_WIDGET (self->date_row));
  gtk_editable_select_region (GTK_EDITABLE (self->date_row), 0, -1);
}

/* Loads a stored contact into the form, to change it. */
static void
edit_contact (PolkuContactsView *self,
              PolkuContact      *contact)
{
  g_autofree char *date = date_to_text (polku_contact_get_date (contact));

  clear_form (self, TRUE);
  self->editing = polku_contact_copy (contact);
  set_row_text (self->date_row, date);
  set_row_text (self->time_row, polku_contact_get_time (contact));
  adw_combo_row_set_selected (self->type_row,
                              type_position (self, polku_contact_get_type_id (contact)));
  set_row_text (self->professional_row, polku_contact_get_professional_id (contact));
  set_row_text (self->professional_name_row, polku_contact_get_professional_name (contact));
  set_row_text (self->organisation_row, polku_contact_get_organisation (contact));
  set_row_text (self->note_row, polku_contact_get_note (contact));
  if (polku_contact_get_days (contact) > 0)
    {
      g_autofree char *days = g_strdup_printf ("%u", polku_contact_get_days (contact));

      set_row_text (self->days_row, days);
    }
  set_row_text (self->reason_row, polku_contact_get_reason (contact));
  gtk_switch_set_active (self->urgent_switch, polku_contact_get_urgent (contact));
  gtk_switch_set_active (self->no_show_switch, polku_contact_get_no_show (contact));
  gtk_button_set_label (self->save_button, _("_Save Changes"));
  adw_preferences_group_set_title (self->entry_group, _("Change Contact"));
  gtk_widget_set_visible (GTK_WIDGET (self->cancel_edit_button), TRUE);
  focus_date (self);
}

static void
row_activated (GtkListBox        *box,
               GtkListBoxRow     *row,
               PolkuContactsView *self)
{
  PolkuContact *contact = g_object_get_data (G_OBJECT (row), "polku-contact");

  if (contact != NULL)
    edit_contact (self, contact);
}

static void
cancel_edit_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  PolkuContactsView *self = POLKU_CONTACTS_VIEW (widget);

  clear_form (self, TRUE);
  focus_date (self);
}

static void
form_error (PolkuContactsView *self,
            AdwEntryRow       *row,
            const char        *message)
{
  gtk_label_set_text (self->entry_error, message);
  if (row != NULL)
    {
      gtk_widget_add_css_class (GTK_WIDGET (row), "error");
      gtk_widget_grab_focus (GTK_WIDGET (row));
    }
}

static const char *
row_text (AdwEntryRow *row)
{
  return gtk_editable_get_text (GTK_EDITABLE (row));
}

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  PolkuContactsView *self = POLKU_CONTACTS_VIEW (widget);
  PolkuStore *store = polku_client_view_get_store (POLKU_CLIENT_VIEW (self));
  g_autoptr(PolkuContact) contact = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *date = NULL;
  g_autofree char *time = NULL;
  g_autoptr(PolkuContactType) type = NULL;
  AdwEntryRow *rows[] = {
    self->date_row, self->time_row, self->professional_row, self->professional_name_row,
    self->organisation_row, self->note_row, self->days_row, self->reason_row,
  };
  guint64 days = 0;
  gboolean ok;

  if (store == NULL || polku_client_view_get_client_id (POLKU_CLIENT_VIEW (self)) == NULL)
    return;
  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    gtk_widget_remove_css_class (GTK_WIDGET (rows[i]), "error");

  date = polku_date_row_read (self->date_row, &error);
  if (date == NULL)
    {
      form_error (self, NULL, error->message);
      return;
    }
  if (row_text (self->time_row)[0] != '\0')
    {
      time = polku_contact_parse_time (row_text (self->time_row));
      if (time == NULL)
        {
          form_error (self, self->time_row,
                      _("Write the time as hh:mm, for example 9:30, or leave it empty."));
          return;
        }
    }
  type = adw_combo_row_get_selected_item (self->type_row) != NULL
         ? g_object_ref (adw_combo_row_get_selected_item (self->type_row)) : NULL;
  if (type == NULL)
    {
      form_error (self, NULL, _("Choose the type of the contact."));
      return;
    }
  /* Days only for a stay; what the row holds for another type is not saved. */
  if (polku_contact_type_get_inpatient (type) && row_text (self->days_row)[0] != '\0')
    {
      g_autofree char *text = g_strstrip (g_strdup (row_text (self->days_row)));

      if (!g_ascii_string_to_unsigned (text, 10, 1, POLKU_CONTACT_MAX_DAYS, &days, NULL))
        {
          g_autofree char *message =
            g_strdup_printf (_("Write the days of the stay as a whole number from 1 to %u."),
                             POLKU_CONTACT_MAX_DAYS);

          form_error (self, self->days_row, message);
          return;
        }
    }

  contact = self->editing != NULL ? polku_contact_copy (self->editing) : polku_contact_new ();
  polku_contact_set_client_id (contact, polku_client_view_get_client_id (POLKU_CLIENT_VIEW (self)));
  polku_contact_set_date (contact, date);
  polku_contact_set_time (contact, time);
  polku_contact_set_type_id (contact, polku_contact_type_get_id (type));
  polku_contact_set_professional_id (contact, row_text (self->professional_row));
  polku_contact_set_professional_name (contact, row_text (self->professional_name_row));
  polku_contact_set_organisation (contact, row_text (self->organisation_row));
  polku_contact_set_note (contact, row_text (self->note_row));
  polku_contact_set_days (contact, (guint) days);
  polku_contact_set_reason (contact, row_text (self->reason_row));
  polku_contact_set_urgent (contact, gtk_switch_get_active (self->urgent_switch));
  polku_contact_set_no_show (contact, gtk_switch_get_active (self->no_show_switch));

  if (self->editing != NULL)
    ok = polku_contact_store_update (store, contact, &error);
  else
    ok = polku_contact_store_add (store, contact, &error);
  if (!ok)
    {
      AdwEntryRow *row = NULL;

      if (error->domain == POLKU_CONTACT_ERROR)
        switch (error->code)
          {
          case POLKU_CONTACT_ERROR_PROFESSIONAL:
            row = self->professional_row;
            break;
          case POLKU_CONTACT_ERROR_PROFESSIONAL_NAME:
            row = self->professional_name_row;
            break;
          case POLKU_CONTACT_ERROR_ORGANISATION:
            row = self->organisation_row;
            break;
          case POLKU_CONTACT_ERROR_NOTE:
            row = self->note_row;
            break;
          case POLKU_CONTACT_ERROR_DAYS:
            row = self->days_row;
            break;
          case POLKU_CONTACT_ERROR_REASON:
            row = self->reason_row;
            break;
          default:
            break;
          }
      form_error (self, row, error->message);
      return;
    }

  toast (self, self->editing != NULL ? _("Contact changed") : _("Contact added"));
  clear_form (self, TRUE);
  polku_client_view_reload (POLKU_CLIENT_VIEW (self));
  focus_date (self);
}

static void
entry_activated (PolkuContactsView *self)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "contacts.save", NULL);
}

/* --- Removing, with undo --------------------------------------------------------------- */

static void
undo_remove (AdwToast     *toast_,
             PolkuContact *removed)
{
  PolkuContactsView *self = g_object_get_data (G_OBJECT (toast_), "polku-view");
  PolkuStore *store = polku_client_view_get_store (POLKU_CLIENT_VIEW (self));
  g_autoptr(PolkuContact) again = polku_contact_new ();
  g_autoptr(GError) error = NULL;

  /* The same contact again, with a new id. */
  polku_contact_set_client_id (again, polku_contact_get_client_id (removed));
  polku_contact_set_date (again, polku_contact_get_date (removed));
  polku_contact_set_time (again, polku_contact_get_time (removed));
  polku_contact_set_type_id (again, polku_contact_get_type_id (removed));
  polku_contact_set_urgent (again, polku_contact_get_urgent (removed));
  polku_contact_set_professional_id (again, polku_contact_get_professional_id (removed));
  polku_contact_set_professional_name (again, polku_contact_get_professional_name (removed));
  polku_contact_set_organisation (again, polku_contact_get_organisation (removed));
  polku_contact_set_no_show (again, polku_contact_get_no_show (removed));
  polku_contact_set_note (again, polku_contact_get_note (removed));
  polku_contact_set_days (again, polku_contact_get_days (removed));
  polku_contact_set_reason (again, polku_contact_get_reason (removed));
  polku_contact_set_source (again, polku_contact_get_source (removed));
  if (store == NULL || !polku_contact_store_add (store, again, &error))
    {
      gtk_label_set_text (self->entry_error, error != NULL ? error->message : "");
      return;
    }
  polku_client_view_reload (POLKU_CLIENT_VIEW (self));
}

static void
release_contact (gpointer  data,
                 GClosure *closure)
{
  g_object_unref (data);
}

static void
remove_clicked (GtkButton    *button,
                PolkuContact *contact)
{
  PolkuContactsView *self = g_object_get_data (G_OBJECT (button), "polku-view");
  PolkuStore *store = polku_client_view_get_store (POLKU_CLIENT_VIEW (self));
  g_autoptr(PolkuContact) removed = g_object_ref (contact);
  g_autoptr(GError) error = NULL;
  AdwToast *t;

  if (store == NULL)
    return;
  if (!polku_contact_store_remove (store, contact, &error))
    {
      gtk_label_set_text (self->entry_error, error->message);
      return;
    }
  if (self->editing != NULL
      && g_strcmp0 (polku_contact_get_id (self->editing), polku_contact_get_id (contact)) == 0)
    clear_form (self, TRUE);

  t = adw_toast_new (_("Contact removed"));
  adw_toast_set_button_label (t, _("_Undo"));
  g_object_set_data (G_OBJECT (t), "polku-view", self);  /* shown inside the view */
  g_signal_connect_data (t, "button-clicked", G_CALLBACK (undo_remove),
                         g_object_ref (removed), release_contact, 0);
  adw_toast_overlay_add_toast (self->toast_overlay, t);
  polku_client_view_reload (POLKU_CLIENT_VIEW (self));
}

/* --- The import ------------------------------------------------------------------------- */

static void
imported_cb (PolkuContactsView *self,
             guint              written)
{
  g_autofree char *message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                           "%u contact imported",
                                                           "%u contacts imported", written),
                                              written);

  toast (self, message);
  polku_client_view_reload (POLKU_CLIENT_VIEW (self));
  gtk_stack_set_visible_child_name (self->stack, "log");
}

GListModel *
polku_contacts_view_get_contacts (PolkuContactsView *self)
{
  g_return_val_if_fail (POLKU_IS_CONTACTS_VIEW (self), NULL);
  return G_LIST_MODEL (self->contacts);
}

/* --- GObject ----------------------------------------------------------------------------- */

/* Another client or store: nothing of the last one stays, in the log or the form. */
static void
contacts_view_clear (PolkuClientView *view)
{
  PolkuContactsView *self = POLKU_CONTACTS_VIEW (view);

  set_contacts (self, NULL);
  clear_form (self, FALSE);
}

static void
polku_contacts_view_dispose (GObject *object)
{
  PolkuContactsView *self = (PolkuContactsView *) object;

  g_clear_object (&self->editing);

  /* The bin's child is a template child too: let the bin drop it first. */
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), POLKU_TYPE_CONTACTS_VIEW);

  g_clear_object (&self->contacts);
  g_clear_object (&self->types);
  g_clear_object (&self->reasons_menu);

  G_OBJECT_CLASS (polku_contacts_view_parent_class)->dispose (object);
}

static void
polku_contacts_view_class_init (PolkuContactsViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  PolkuClientViewClass *view_class = POLKU_CLIENT_VIEW_CLASS (klass);

  object_class->dispose = polku_contacts_view_dispose;
  view_class->clear = contacts_view_clear;
  view_class->load = contacts_view_load;
  view_class->apply = contacts_view_apply;
  view_class->free_result = (GDestroyNotify) g_ptr_array_unref;

  g_type_ensure (POLKU_TYPE_CONTACTS_IMPORT);
  g_type_ensure (POLKU_TYPE_MAPPING_VISIT_PAGE);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/polku-contacts-view.ui");
#define CHILD(name) gtk_widget_class_bind_template_child (widget_class, PolkuContactsView, name)
  CHILD (toast_overlay);
  CHILD (stack);
  CHILD (section_dropdown);
  CHILD (date_row);
  CHILD (time_row);
  CHILD (type_row);
  CHILD (professional_row);
  CHILD (professional_name_row);
  CHILD (organisation_row);
  CHILD (urgent_switch);
  CHILD (no_show_switch);
  CHILD (note_row);
  CHILD (entry_error);
  CHILD (save_button);
  CHILD (cancel_edit_button);
  CHILD (entry_group);
  CHILD (log_group);
  CHILD (list_box);
  CHILD (empty_page);
  CHILD (import_page);
  CHILD (visit_page);
#undef CHILD

  gtk_widget_class_install_action (widget_class, "contacts.save", NULL, save_action);
  gtk_widget_class_install_action (widget_class, "contacts.cancel-edit", NULL,
                                   cancel_edit_action);
  gtk_widget_class_install_action (widget_class, "contacts.use-reason", "s", use_reason_action);
}

/* The days row is there for a stay only. */
static void
type_changed (PolkuContactsView *self)
{
  PolkuContactType *type = adw_combo_row_get_selected_item (self->type_row);

  gtk_widget_set_visible (GTK_WIDGET (self->days_row),
                          type != NULL && polku_contact_type_get_inpatient (type));
}

/* The days row right under the type, the reason after the note. */
static void
add_days_and_reason_rows (PolkuContactsView *self)
{
  GtkWidget *list = gtk_widget_get_parent (GTK_WIDGET (self->type_row));

  self->days_row = ADW_ENTRY_ROW (adw_entry_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->days_row),
                                 _("Days of the stay (1–3660)"));
  gtk_editable_set_max_width_chars (GTK_EDITABLE (self->days_row), 6);
  adw_entry_row_set_input_purpose (self->days_row, GTK_INPUT_PURPOSE_DIGITS);
  gtk_widget_set_visible (GTK_WIDGET (self->days_row), FALSE);
  if (GTK_IS_LIST_BOX (list))
    gtk_list_box_insert (GTK_LIST_BOX (list), GTK_WIDGET (self->days_row),
                         gtk_list_box_row_get_index (GTK_LIST_BOX_ROW (self->type_row)) + 1);
  else
    adw_preferences_group_add (self->entry_group, GTK_WIDGET (self->days_row));

  self->reason_row = ADW_ENTRY_ROW (adw_entry_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->reason_row),
                                 _("Reason (optional, the same words for the same issue)"));
  adw_preferences_group_add (self->entry_group, GTK_WIDGET (self->reason_row));
  self->reasons_menu = g_menu_new ();
  self->reasons_button = GTK_MENU_BUTTON (gtk_menu_button_new ());
  gtk_menu_button_set_icon_name (self->reasons_button, "document-open-recent-symbolic");
  gtk_menu_button_set_menu_model (self->reasons_button, G_MENU_MODEL (self->reasons_menu));
  gtk_widget_set_valign (GTK_WIDGET (self->reasons_button), GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (GTK_WIDGET (self->reasons_button), "flat");
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->reasons_button),
                               _("A reason given before, to count a repeat"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->reasons_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Earlier reasons"), -1);
  gtk_widget_set_visible (GTK_WIDGET (self->reasons_button), FALSE);
  adw_entry_row_add_suffix (self->reason_row, GTK_WIDGET (self->reasons_button));

  g_signal_connect_object (self->type_row, "notify::selected", G_CALLBACK (type_changed), self,
                           G_CONNECT_SWAPPED);
}

/* The drop-down that stands in for the stack switcher when the view is narrow. */

static void
section_chosen (PolkuContactsView *self)
{
  GListModel *pages = gtk_drop_down_get_model (self->section_dropdown);
  guint selected = gtk_drop_down_get_selected (self->section_dropdown);
  GtkStackPage *page;

  if (pages == NULL || selected == GTK_INVALID_LIST_POSITION)
    return;
  page = g_list_model_get_item (pages, selected);
  if (page != NULL)
    {
      gtk_stack_set_visible_child (self->stack, gtk_stack_page_get_child (page));
      g_object_unref (page);
    }
}

static void
section_shown (PolkuContactsView *self)
{
  GListModel *pages = gtk_drop_down_get_model (self->section_dropdown);
  GtkWidget *visible = gtk_stack_get_visible_child (self->stack);

  for (guint i = 0; pages != NULL && i < g_list_model_get_n_items (pages); i++)
    {
      GtkStackPage *page = g_list_model_get_item (pages, i);

      if (gtk_stack_page_get_child (page) == visible)
        gtk_drop_down_set_selected (self->section_dropdown, i);
      g_object_unref (page);
    }
}

static void
setup_section_dropdown (PolkuContactsView *self)
{
  g_autoptr(GtkSelectionModel) pages = gtk_stack_get_pages (self->stack);
  g_autoptr(GtkExpression) title = gtk_property_expression_new (GTK_TYPE_STACK_PAGE, NULL,
                                                                "title");

  gtk_drop_down_set_expression (self->section_dropdown, title);
  gtk_drop_down_set_model (self->section_dropdown, G_LIST_MODEL (pages));
  section_shown (self);
  g_signal_connect_object (self->section_dropdown, "notify::selected",
                           G_CALLBACK (section_chosen), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->stack, "notify::visible-child", G_CALLBACK (section_shown),
                           self, G_CONNECT_SWAPPED);
}

static void
polku_contacts_view_init (PolkuContactsView *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GtkExpression) expression = NULL;
  AdwEntryRow *rows[8];

  gtk_widget_init_template (GTK_WIDGET (self));
  add_days_and_reason_rows (self);

  self->contacts = g_list_store_new (POLKU_TYPE_CONTACT);
  gtk_list_box_bind_model (self->list_box, G_LIST_MODEL (self->contacts), create_row, self,
                           NULL);
  g_signal_connect_object (self->list_box, "row-activated", G_CALLBACK (row_activated), self, 0);

  self->types = polku_contact_types_dup_default (&error);
  if (self->types == NULL)
    {
      g_warning ("The contact types are broken: %s", error->message);
      self->types = G_LIST_MODEL (g_list_store_new (POLKU_TYPE_CONTACT_TYPE));
    }
  expression = gtk_property_expression_new (POLKU_TYPE_CONTACT_TYPE, NULL, "label");
  adw_combo_row_set_expression (self->type_row, expression);
  adw_combo_row_set_model (self->type_row, self->types);
  type_changed (self);

  rows[0] = self->date_row;
  rows[1] = self->time_row;
  rows[2] = self->professional_row;
  rows[3] = self->professional_name_row;
  rows[4] = self->organisation_row;
  rows[5] = self->note_row;
  rows[6] = self->days_row;
  rows[7] = self->reason_row;
  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    g_signal_connect_object (rows[i], "entry-activated", G_CALLBACK (entry_activated), self,
                             G_CONNECT_SWAPPED);
  polku_contacts_import_set_types (self->import_page, self->types);
  g_signal_connect_object (self->import_page, "imported", G_CALLBACK (imported_cb), self,
                           G_CONNECT_SWAPPED);
  polku_client_view_add_part (POLKU_CLIENT_VIEW (self), POLKU_CLIENT_VIEW (self->import_page));
  polku_client_view_add_part (POLKU_CLIENT_VIEW (self), POLKU_CLIENT_VIEW (self->visit_page));
  g_signal_connect (self, "notify::loading", G_CALLBACK (update_summary), NULL);

  setup_section_dropdown (self);
  clear_form (self, FALSE);
  update_summary (self);
}

GtkWidget *
polku_contacts_view_new (void)
{
  return g_object_new (POLKU_TYPE_CONTACTS_VIEW, NULL);
}
