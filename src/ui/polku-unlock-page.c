/* polku-unlock-page.c: asks for what opens the client database
 *
 * Copyright 2026 The Polku authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "polku-unlock-page"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <string.h>

#include "polku-profile.h"
#include "polku-unlock-page-private.h"

struct _PolkuUnlockPage
{
  GtkWidget        parent_instance;

  PolkuUnlockMode  mode;
  gboolean         busy;
  char            *error;

  AdwStatusPage   *status_page;
  GtkWidget       *entries_list;
  AdwEntryRow     *passphrase_row;
  AdwEntryRow     *confirm_row;
  GtkLabel        *hint_label;
  GtkLabel        *error_label;
  GtkWidget       *spinner;
  GtkButton       *unlock_button;
};

G_DEFINE_FINAL_TYPE (PolkuUnlockPage, polku_unlock_page, GTK_TYPE_WIDGET)

enum
{
  UNLOCK,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* Whatever the user has entered can be submitted; sets the hint that says why not. */
static gboolean
check_input (PolkuUnlockPage *self)
{
  const char *passphrase = gtk_editable_get_text (GTK_EDITABLE (self->passphrase_row));
  const char *confirmation = gtk_editable_get_text (GTK_EDITABLE (self->confirm_row));
  g_autoptr(GError) error = NULL;
  g_autofree char *hint = NULL;
  gboolean ok = FALSE;

  switch (self->mode)
    {
    case POLKU_UNLOCK_MODE_NONE:
      ok = FALSE;
      break;

    case POLKU_UNLOCK_MODE_UNLOCK:
      ok = TRUE;
      break;

    case POLKU_UNLOCK_MODE_PASSPHRASE:
      ok = passphrase[0] != '\0';
      break;

    case POLKU_UNLOCK_MODE_NEW_PASSPHRASE:
      if (!polku_profile_check_passphrase (passphrase, &error))
        hint = g_strdup (error->message);
      else if (confirmation[0] == '\0')
        hint = g_strdup (_("Enter the passphrase again to confirm it."));
      else if (strcmp (passphrase, confirmation) != 0)
        hint = g_strdup (_("The passphrases do not match."));
      else
        ok = TRUE;

      if (hint == NULL)
        hint = g_strdup (_("Nobody can recover the client data if the passphrase is "
                           "forgotten. Keep it safe."));
      break;

    default:
      g_assert_not_reached ();
    }

  gtk_label_set_text (self->hint_label, hint != NULL ? hint : "");
  gtk_widget_set_visible (GTK_WIDGET (self->hint_label), hint != NULL);

  return ok;
}

static void
update (PolkuUnlockPage *self)
{
  gboolean entries = self->mode == POLKU_UNLOCK_MODE_PASSPHRASE
                     || self->mode == POLKU_UNLOCK_MODE_NEW_PASSPHRASE;
  gboolean ok = check_input (self);

  gtk_widget_set_visible (self->entries_list, entries);
  gtk_widget_set_visible (GTK_WIDGET (self->confirm_row),
                          self->mode == POLKU_UNLOCK_MODE_NEW_PASSPHRASE);
  /* Read-only rather than insensitive while busy: a focused entry that turns insensitive
   * loses its focus without being told (GTK 4.8). */
  gtk_editable_set_editable (GTK_EDITABLE (self->passphrase_row), !self->busy);
  gtk_editable_set_editable (GTK_EDITABLE (self->confirm_row), !self->busy);

  gtk_widget_set_visible (GTK_WIDGET (self->unlock_button),
                          self->mode != POLKU_UNLOCK_MODE_NONE);
  gtk_widget_set_sensitive (GTK_WIDGET (self->unlock_button), ok && !self->busy);
  gtk_button_set_label (self->unlock_button,
                        self->mode == POLKU_UNLOCK_MODE_NEW_PASSPHRASE ? _("_Create Database")
                                                                       : _("_Unlock"));

  gtk_widget_set_visible (self->spinner, self->busy);
  gtk_spinner_set_spinning (GTK_SPINNER (self->spinner), self->busy);

  gtk_label_set_text (self->error_label, self->error != NULL ? self->error : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), self->error != NULL && !self->busy);
}

static void
wipe_entry (AdwEntryRow *row)
{
  gtk_editable_set_text (GTK_EDITABLE (row), "");
}

static void
submit (PolkuUnlockPage *self)
{
  g_autofree char *passphrase = NULL;

  if (self->busy || !check_input (self))
    return;

  if (self->mode == POLKU_UNLOCK_MODE_PASSPHRASE
      || self->mode == POLKU_UNLOCK_MODE_NEW_PASSPHRASE)
    passphrase = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->passphrase_row)));

  g_signal_emit (self, signals[UNLOCK], 0, passphrase);

  if (passphrase != NULL)
    explicit_bzero (passphrase, strlen (passphrase));
}

static void
on_unlock_clicked (PolkuUnlockPage *self)
{
  submit (self);
}

static void
on_entry_changed (PolkuUnlockPage *self)
{
  update (self);
}

static void
on_passphrase_activated (PolkuUnlockPage *self)
{
  if (self->mode == POLKU_UNLOCK_MODE_NEW_PASSPHRASE
      && gtk_editable_get_text (GTK_EDITABLE (self->confirm_row))[0] == '\0')
    gtk_widget_grab_focus (GTK_WIDGET (self->confirm_row));
  else
    submit (self);
}

static void
on_confirm_activated (PolkuUnlockPage *self)
{
  submit (self);
}

static void
polku_unlock_page_dispose (GObject *object)
{
  PolkuUnlockPage *self = (PolkuUnlockPage *) object;
  GtkWidget *child;

  if (self->passphrase_row != NULL)
    {
      wipe_entry (self->passphrase_row);
      wipe_entry (self->confirm_row);
    }
  gtk_widget_dispose_template (GTK_WIDGET (self), POLKU_TYPE_UNLOCK_PAGE);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (polku_unlock_page_parent_class)->dispose (object);
}

static void
polku_unlock_page_finalize (GObject *object)
{
  PolkuUnlockPage *self = (PolkuUnlockPage *) object;

  g_clear_pointer (&self->error, g_free);

  G_OBJECT_CLASS (polku_unlock_page_parent_class)->finalize (object);
}

static gboolean
polku_unlock_page_grab_focus (GtkWidget *widget)
{
  PolkuUnlockPage *self = POLKU_UNLOCK_PAGE (widget);

  if (gtk_widget_get_visible (self->entries_list) && !self->busy)
    return gtk_widget_grab_focus (GTK_WIDGET (self->passphrase_row));
  if (gtk_widget_get_visible (GTK_WIDGET (self->unlock_button)))
    return gtk_widget_grab_focus (GTK_WIDGET (self->unlock_button));

  return GTK_WIDGET_CLASS (polku_unlock_page_parent_class)->grab_focus (widget);
}

static void
polku_unlock_page_class_init (PolkuUnlockPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = polku_unlock_page_dispose;
  object_class->finalize = polku_unlock_page_finalize;
  widget_class->grab_focus = polku_unlock_page_grab_focus;

  /**
   * PolkuUnlockPage::unlock:
   * @passphrase: (nullable): what the user entered; %NULL to use the Secret Service
   *
   * The user asks to open the database. The string is wiped after the emission: copy it
   * if it is needed later.
   */
  signals[UNLOCK] = g_signal_new ("unlock", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                  NULL, NULL, NULL, G_TYPE_NONE, 1,
                                  G_TYPE_STRING | G_SIGNAL_TYPE_STATIC_SCOPE);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/polku-unlock-page.ui");
  gtk_widget_class_bind_template_child (widget_class, PolkuUnlockPage, status_page);
  gtk_widget_class_bind_template_child (widget_class, PolkuUnlockPage, entries_list);
  gtk_widget_class_bind_template_child (widget_class, PolkuUnlockPage, passphrase_row);
  gtk_widget_class_bind_template_child (widget_class, PolkuUnlockPage, confirm_row);
  gtk_widget_class_bind_template_child (widget_class, PolkuUnlockPage, hint_label);
  gtk_widget_class_bind_template_child (widget_class, PolkuUnlockPage, error_label);
  gtk_widget_class_bind_template_child (widget_class, PolkuUnlockPage, spinner);
  gtk_widget_class_bind_template_child (widget_class, PolkuUnlockPage, unlock_button);
  gtk_widget_class_bind_template_callback (widget_class, on_unlock_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_entry_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_passphrase_activated);
  gtk_widget_class_bind_template_callback (widget_class, on_confirm_activated);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "polku-unlock-page");
}

static void
polku_unlock_page_init (PolkuUnlockPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  gtk_accessible_update_relation (GTK_ACCESSIBLE (self->unlock_button),
                                  GTK_ACCESSIBLE_RELATION_DESCRIBED_BY,
                                  self->error_label, NULL,
                                  -1);
  gtk_accessible_update_relation (GTK_ACCESSIBLE (self->passphrase_row),
                                  GTK_ACCESSIBLE_RELATION_DESCRIBED_BY,
                                  self->hint_label, self->error_label, NULL,
                                  -1);

  polku_unlock_page_set_mode (self, POLKU_UNLOCK_MODE_NONE, NULL);
}

GtkWidget *
polku_unlock_page_new (void)
{
  return g_object_new (POLKU_TYPE_UNLOCK_PAGE, NULL);
}

PolkuUnlockMode
polku_unlock_page_get_mode (PolkuUnlockPage *self)
{
  g_return_val_if_fail (POLKU_IS_UNLOCK_PAGE (self), POLKU_UNLOCK_MODE_NONE);
  return self->mode;
}

/**
 * polku_unlock_page_set_mode:
 * @description: (nullable): the text under the title; %NULL for the mode's own text
 *
 * Switches what the page asks for. The entries are emptied and the error is cleared.
 */
void
polku_unlock_page_set_mode (PolkuUnlockPage *self,
                            PolkuUnlockMode  mode,
                            const char      *description)
{
  const char *title = NULL;
  const char *icon_name = "system-lock-screen-symbolic";

  g_return_if_fail (POLKU_IS_UNLOCK_PAGE (self));
  g_return_if_fail (mode <= POLKU_UNLOCK_MODE_NEW_PASSPHRASE);

  self->mode = mode;
  g_clear_pointer (&self->error, g_free);
  wipe_entry (self->passphrase_row);
  wipe_entry (self->confirm_row);

  switch (mode)
    {
    case POLKU_UNLOCK_MODE_NONE:
      title = _("Opening the Client Database");
      if (description == NULL)
        description = _("This takes a moment.");
      break;

    case POLKU_UNLOCK_MODE_UNLOCK:
      title = _("Polku Is Locked");
      if (description == NULL)
        description = _("Client data is hidden while Polku is locked. The database key is "
                        "kept in your keyring (the Secret Service).");
      break;

    case POLKU_UNLOCK_MODE_PASSPHRASE:
      title = _("Polku Is Locked");
      icon_name = "dialog-password-symbolic";
      if (description == NULL)
        description = _("Enter the passphrase of the client database.");
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->passphrase_row),
                                     _("Passphrase"));
      break;

    case POLKU_UNLOCK_MODE_NEW_PASSPHRASE:
      title = _("Choose a Passphrase");
      icon_name = "dialog-password-symbolic";
      if (description == NULL)
        description = _("No Secret Service (keyring) was found to keep the database key. "
                        "Choose a passphrase to protect the new client database.");
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->passphrase_row),
                                     _("New passphrase"));
      break;

    default:
      g_assert_not_reached ();
    }

  adw_status_page_set_title (self->status_page, title);
  adw_status_page_set_description (self->status_page, description);
  adw_status_page_set_icon_name (self->status_page, icon_name);

  update (self);
}

gboolean
polku_unlock_page_get_busy (PolkuUnlockPage *self)
{
  g_return_val_if_fail (POLKU_IS_UNLOCK_PAGE (self), FALSE);
  return self->busy;
}

/**
 * polku_unlock_page_set_busy:
 *
 * While busy the page shows a spinner and takes no input.
 */
void
polku_unlock_page_set_busy (PolkuUnlockPage *self,
                            gboolean         busy)
{
  g_return_if_fail (POLKU_IS_UNLOCK_PAGE (self));

  self->busy = !!busy;
  update (self);
}

/**
 * polku_unlock_page_get_error:
 *
 * Returns: (nullable): the error shown
 */
const char *
polku_unlock_page_get_error (PolkuUnlockPage *self)
{
  g_return_val_if_fail (POLKU_IS_UNLOCK_PAGE (self), NULL);
  return self->error;
}

/**
 * polku_unlock_page_set_error:
 * @message: (nullable): why the last try failed, in words the user can act on
 *
 * Shows @message and lets the user try again: a wrong passphrase is emptied, and the
 * focus goes back to where the user can fix things.
 */
void
polku_unlock_page_set_error (PolkuUnlockPage *self,
                             const char      *message)
{
  g_return_if_fail (POLKU_IS_UNLOCK_PAGE (self));

  g_free (self->error);
  self->error = g_strdup (message);
  self->busy = FALSE;

  if (message != NULL && self->mode == POLKU_UNLOCK_MODE_PASSPHRASE)
    wipe_entry (self->passphrase_row);

  update (self);

  if (message != NULL && gtk_widget_get_mapped (GTK_WIDGET (self)))
    gtk_widget_grab_focus (GTK_WIDGET (self));
}

/**
 * polku_unlock_page_clear:
 *
 * Empties the entries and the error message.
 */
void
polku_unlock_page_clear (PolkuUnlockPage *self)
{
  g_return_if_fail (POLKU_IS_UNLOCK_PAGE (self));

  wipe_entry (self->passphrase_row);
  wipe_entry (self->confirm_row);
  g_clear_pointer (&self->error, g_free);
  update (self);
}

GtkEditable *
polku_unlock_page_get_passphrase_entry (PolkuUnlockPage *self)
{
  g_return_val_if_fail (POLKU_IS_UNLOCK_PAGE (self), NULL);
  return GTK_EDITABLE (self->passphrase_row);
}

GtkEditable *
polku_unlock_page_get_confirmation_entry (PolkuUnlockPage *self)
{
  g_return_val_if_fail (POLKU_IS_UNLOCK_PAGE (self), NULL);
  return GTK_EDITABLE (self->confirm_row);
}

GtkWidget *
polku_unlock_page_get_unlock_button (PolkuUnlockPage *self)
{
  g_return_val_if_fail (POLKU_IS_UNLOCK_PAGE (self), NULL);
  return GTK_WIDGET (self->unlock_button);
}
