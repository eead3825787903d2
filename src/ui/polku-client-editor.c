/* polku-client-editor.c: adds a client or edits one
 *
 * The editor works on a copy: only a save that the store accepted changes the client
 * object that the rest of the window shows.
 *
 * Copyright 2026 The Polku authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "polku-client-editor"

#include "config.h"

#include <glib/gi18n.h>

#include "polku-client-editor-private.h"
#include "polku-client-store.h"
#include "polku-date-row-private.h"
#include "polku-date.h"
#include "polku-hetu.h"

#define N_HETU_CHARACTERS 11

struct _PolkuClientEditor
{
  AdwWindow       parent_instance;

  PolkuStore     *store;
  PolkuClient    *client;
  gboolean        can_save;
  gboolean        hetu_valid;
  char           *hetu_message;
  char           *error;

  GtkLabel       *error_label;
  AdwEntryRow    *given_name_row;
  AdwEntryRow    *family_name_row;
  AdwEntryRow    *hetu_row;
  GtkLabel       *hetu_label;
  AdwEntryRow    *birth_date_row;
  AdwComboRow    *language_row;
  AdwEntryRow    *phone_row;
  AdwEntryRow    *email_row;
  AdwEntryRow    *address_row;
  AdwEntryRow    *municipality_row;
};

G_DEFINE_FINAL_TYPE (PolkuClientEditor, polku_client_editor, ADW_TYPE_WINDOW)

enum
{
  PROP_0,
  PROP_STORE,
  PROP_CLIENT,
  PROP_CAN_SAVE,
  N_PROPS
};

enum
{
  SAVED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static AdwEntryRow *
row_for_field (PolkuClientEditor *self,
               const char        *field)
{
  const struct
  {
    const char  *field;
    AdwEntryRow *row;
  } rows[] = {
    { "given-name", self->given_name_row },
    { "family-name", self->family_name_row },
    { "hetu", self->hetu_row },
    { "birth-date", self->birth_date_row },
    { "phone", self->phone_row },
    { "email", self->email_row },
    { "address", self->address_row },
    { "municipality", self->municipality_row },
  };

  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    {
      if (g_strcmp0 (rows[i].field, field) == 0)
        return rows[i].row;
    }

  return NULL;
}

static const char * const text_fields[] = {
  "given-name", "family-name", "hetu", "birth-date", "phone", "email", "address",
  "municipality",
};

static gboolean
row_is_empty (AdwEntryRow *row)
{
  g_autofree char *text = g_strdup (gtk_editable_get_text (GTK_EDITABLE (row)));

  g_strstrip (text);
  return text[0] == '\0';
}

static void
set_can_save (PolkuClientEditor *self,
              gboolean           can_save)
{
  can_save = !!can_save;
  if (self->can_save == can_save)
    return;

  self->can_save = can_save;
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.save", can_save);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_SAVE]);
}

static void
update_can_save (PolkuClientEditor *self)
{
  set_can_save (self, self->hetu_valid
                      && !row_is_empty (self->given_name_row)
                      && !row_is_empty (self->family_name_row));
}

static void
set_error (PolkuClientEditor *self,
           const char        *message)
{
  g_free (self->error);
  self->error = g_strdup (message);
  gtk_label_set_text (self->error_label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), message != NULL);
}

/* Checks the identity code as it is typed; a valid one gives the date of birth. */
static void
validate_hetu (PolkuClientEditor *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->hetu_row));
  g_autofree char *hetu = polku_hetu_normalize (text);
  g_autoptr(GError) error = NULL;
  GDate birth_date;
  gboolean show_as_error = FALSE;

  g_clear_pointer (&self->hetu_message, g_free);
  g_date_clear (&birth_date, 1);

  if (hetu[0] == '\0')
    {
      self->hetu_valid = TRUE;
    }
  else if (polku_hetu_validate (hetu, &birth_date, &error))
    {
      char buf[16];
      g_autofree char *shown = NULL;

      self->hetu_valid = TRUE;
      if (polku_hetu_is_temporary (hetu))
        self->hetu_message = g_strdup (_("This is a temporary identity code."));

      g_date_strftime (buf, sizeof buf, "%Y-%m-%d", &birth_date);
      shown = polku_date_format_user (buf);
      gtk_editable_set_text (GTK_EDITABLE (self->birth_date_row), shown);
    }
  else
    {
      self->hetu_valid = FALSE;
      self->hetu_message = g_strdup (error->message);
      /* While the code is still being typed the message is a hint, not an error. */
      show_as_error = g_utf8_strlen (hetu, -1) >= N_HETU_CHARACTERS;
    }

  /* The date of birth follows from a valid identity code. */
  gtk_editable_set_editable (GTK_EDITABLE (self->birth_date_row),
                             !(self->hetu_valid && hetu[0] != '\0'));

  if (show_as_error)
    {
      gtk_widget_add_css_class (GTK_WIDGET (self->hetu_row), "error");
      gtk_widget_add_css_class (GTK_WIDGET (self->hetu_label), "error");
      gtk_widget_remove_css_class (GTK_WIDGET (self->hetu_label), "dim-label");
    }
  else
    {
      gtk_widget_remove_css_class (GTK_WIDGET (self->hetu_row), "error");
      gtk_widget_remove_css_class (GTK_WIDGET (self->hetu_label), "error");
      gtk_widget_add_css_class (GTK_WIDGET (self->hetu_label), "dim-label");
    }

  gtk_label_set_text (self->hetu_label, self->hetu_message != NULL ? self->hetu_message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->hetu_label), self->hetu_message != NULL);
  gtk_accessible_update_state (GTK_ACCESSIBLE (self->hetu_row),
                               GTK_ACCESSIBLE_STATE_INVALID,
                               self->hetu_valid ? GTK_ACCESSIBLE_INVALID_FALSE
                                                : GTK_ACCESSIBLE_INVALID_TRUE,
                               -1);

  update_can_save (self);
}

static void
on_hetu_changed (PolkuClientEditor *self)
{
  validate_hetu (self);
}

static void
on_entry_changed (PolkuClientEditor *self,
                  GtkEditable       *row)
{
  gtk_widget_remove_css_class (GTK_WIDGET (row), "error");
  update_can_save (self);
}

static void
copy_fields_to (PolkuClientEditor *self,
                PolkuClient       *client)
{
  for (guint i = 0; i < G_N_ELEMENTS (text_fields); i++)
    {
      AdwEntryRow *row = row_for_field (self, text_fields[i]);
      const char *text = gtk_editable_get_text (GTK_EDITABLE (row));
      g_autofree char *iso = NULL;

      /* The date of birth is typed d.m.yyyy and stored YYYY-MM-DD. */
      if (row == self->birth_date_row && !row_is_empty (row))
        polku_date_parse_user (text, &iso, NULL);
      g_object_set (client, text_fields[i], iso != NULL ? iso : text, NULL);
    }

  polku_client_set_language (client, adw_combo_row_get_selected (self->language_row));
}

static void
load_fields_from (PolkuClientEditor *self,
                  PolkuClient       *client)
{
  for (guint i = 0; i < G_N_ELEMENTS (text_fields); i++)
    {
      AdwEntryRow *row = row_for_field (self, text_fields[i]);
      g_autofree char *value = NULL;
      g_autofree char *shown = NULL;

      g_object_get (client, text_fields[i], &value, NULL);
      /* The date of birth is shown d.m.yyyy, the way it is typed. */
      shown = row == self->birth_date_row ? polku_date_format_user (value)
                                          : g_strdup (value != NULL ? value : "");
      gtk_editable_set_text (GTK_EDITABLE (row), shown);
    }

  adw_combo_row_set_selected (self->language_row, polku_client_get_language (client));
}

/* Points at the field an error is about. */
static GtkWidget *
row_for_error (PolkuClientEditor *self,
               const GError      *error)
{
  if (error->domain == POLKU_CLIENT_ERROR)
    {
      switch ((PolkuClientError) error->code)
        {
        case POLKU_CLIENT_ERROR_NAME:
          return GTK_WIDGET (row_is_empty (self->given_name_row) ? self->given_name_row
                                                                 : self->family_name_row);
        case POLKU_CLIENT_ERROR_HETU:
          return GTK_WIDGET (self->hetu_row);
        case POLKU_CLIENT_ERROR_BIRTH_DATE:
          return GTK_WIDGET (self->birth_date_row);
        case POLKU_CLIENT_ERROR_LANGUAGE:
          return GTK_WIDGET (self->language_row);
        case POLKU_CLIENT_ERROR_EMAIL:
          return GTK_WIDGET (self->email_row);
        default:
          return NULL;
        }
    }

  if (g_error_matches (error, POLKU_STORE_ERROR, POLKU_STORE_ERROR_CONSTRAINT))
    return GTK_WIDGET (self->hetu_row);

  return NULL;
}

static void
save_activated (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  PolkuClientEditor *self = POLKU_CLIENT_EDITOR (widget);
  g_autoptr(PolkuClient) copy = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *row;

  if (!self->can_save)
    return;

  /* A date of birth that is not a date is refused before anything else. */
  if (!row_is_empty (self->birth_date_row))
    {
      g_autofree char *iso = polku_date_row_read (self->birth_date_row, &error);

      if (iso == NULL)
        {
          set_error (self, error->message);
          return;
        }
    }

  copy = self->client != NULL ? polku_client_copy (self->client) : polku_client_new ();
  copy_fields_to (self, copy);

  if (polku_client_validate (copy, &error) && polku_client_store_save (self->store, copy, &error))
    {
      g_debug ("Saved client %s", polku_client_get_id (copy));
      if (self->client != NULL)
        {
          polku_client_update_from (self->client, copy);
          g_signal_emit (self, signals[SAVED], 0, self->client, FALSE);
        }
      else
        {
          g_signal_emit (self, signals[SAVED], 0, copy, TRUE);
        }
      gtk_window_destroy (GTK_WINDOW (self));
      return;
    }

  set_error (self, error->message);
  row = row_for_error (self, error);
  if (row != NULL)
    {
      gtk_widget_add_css_class (row, "error");
      gtk_widget_grab_focus (row);
    }
}

static void
cancel_activated (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  gtk_window_destroy (GTK_WINDOW (widget));
}

static void
polku_client_editor_constructed (GObject *object)
{
  PolkuClientEditor *self = (PolkuClientEditor *) object;

  G_OBJECT_CLASS (polku_client_editor_parent_class)->constructed (object);

  g_assert (POLKU_IS_STORE (self->store));

  if (self->client != NULL)
    {
      gtk_window_set_title (GTK_WINDOW (self), _("Edit Client"));
      load_fields_from (self, self->client);
    }
  else
    {
      gtk_window_set_title (GTK_WINDOW (self), _("New Client"));
    }

  /* Without this the window gives the focus to its first focusable widget, the header's
   * Cancel button; typing starts with the first field. */
  gtk_window_set_focus (GTK_WINDOW (self), GTK_WIDGET (self->given_name_row));

  validate_hetu (self);
  set_error (self, NULL);
}

static void
polku_client_editor_dispose (GObject *object)
{
  PolkuClientEditor *self = (PolkuClientEditor *) object;

  /* A focused entry must see its focus go before it is disposed (GTK warns otherwise). */
  gtk_window_set_focus (GTK_WINDOW (self), NULL);
  g_clear_object (&self->store);
  g_clear_object (&self->client);

  G_OBJECT_CLASS (polku_client_editor_parent_class)->dispose (object);
}

static void
polku_client_editor_finalize (GObject *object)
{
  PolkuClientEditor *self = (PolkuClientEditor *) object;

  g_clear_pointer (&self->hetu_message, g_free);
  g_clear_pointer (&self->error, g_free);

  G_OBJECT_CLASS (polku_client_editor_parent_class)->finalize (object);
}

static void
polku_client_editor_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  PolkuClientEditor *self = POLKU_CLIENT_EDITOR (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    case PROP_CLIENT:
      g_value_set_object (value, self->client);
      break;
    case PROP_CAN_SAVE:
      g_value_set_boolean (value, self->can_save);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
polku_client_editor_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  PolkuClientEditor *self = POLKU_CLIENT_EDITOR (object);

  switch (prop_id)
    {
    case PROP_STORE:
      self->store = g_value_dup_object (value);
      break;
    case PROP_CLIENT:
      self->client = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
polku_client_editor_class_init (PolkuClientEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = polku_client_editor_constructed;
  object_class->dispose = polku_client_editor_dispose;
  object_class->finalize = polku_client_editor_finalize;
  object_class->get_property = polku_client_editor_get_property;
  object_class->set_property = polku_client_editor_set_property;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, POLKU_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_EXPLICIT_NOTIFY
                         | G_PARAM_STATIC_STRINGS);
  /**
   * PolkuClientEditor:client:
   *
   * The client being edited, or %NULL when adding a new one. It is changed only by a
   * successful save.
   */
  properties[PROP_CLIENT] =
    g_param_spec_object ("client", NULL, NULL, POLKU_TYPE_CLIENT,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_EXPLICIT_NOTIFY
                         | G_PARAM_STATIC_STRINGS);
  properties[PROP_CAN_SAVE] =
    g_param_spec_boolean ("can-save", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * PolkuClientEditor::saved:
   * @client: the client as stored: the edited object, or a new one
   * @added: whether @client is new
   *
   * The store accepted the client; the editor closes right after this.
   */
  signals[SAVED] = g_signal_new ("saved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                 NULL, NULL, NULL, G_TYPE_NONE, 2,
                                 POLKU_TYPE_CLIENT, G_TYPE_BOOLEAN);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/polku-client-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, PolkuClientEditor, error_label);
  gtk_widget_class_bind_template_child (widget_class, PolkuClientEditor, given_name_row);
  gtk_widget_class_bind_template_child (widget_class, PolkuClientEditor, family_name_row);
  gtk_widget_class_bind_template_child (widget_class, PolkuClientEditor, hetu_row);
  gtk_widget_class_bind_template_child (widget_class, PolkuClientEditor, hetu_label);
  gtk_widget_class_bind_template_child (widget_class, PolkuClientEditor, birth_date_row);
  gtk_widget_class_bind_template_child (widget_class, PolkuClientEditor, language_row);
  gtk_widget_class_bind_template_child (widget_class, PolkuClientEditor, phone_row);
  gtk_widget_class_bind_template_child (widget_class, PolkuClientEditor, email_row);
  gtk_widget_class_bind_template_child (widget_class, PolkuClientEditor, address_row);
  gtk_widget_class_bind_template_child (widget_class, PolkuClientEditor, municipality_row);
  gtk_widget_class_bind_template_callback (widget_class, on_hetu_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_entry_changed);

  gtk_widget_class_install_action (widget_class, "editor.save", NULL, save_activated);
  gtk_widget_class_install_action (widget_class, "editor.cancel", NULL, cancel_activated);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "editor.cancel", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK,
                                       "editor.save", NULL);
}

static void
polku_client_editor_init (PolkuClientEditor *self)
{
  g_autoptr(GtkStringList) languages = gtk_string_list_new (NULL);

  gtk_widget_init_template (GTK_WIDGET (self));

  /* The positions are the PolkuLanguage values. */
  gtk_string_list_append (languages, polku_language_get_label (POLKU_LANGUAGE_FI));
  gtk_string_list_append (languages, polku_language_get_label (POLKU_LANGUAGE_SV));
  gtk_string_list_append (languages, polku_language_get_label (POLKU_LANGUAGE_OTHER));
  adw_combo_row_set_model (self->language_row, G_LIST_MODEL (languages));

  gtk_accessible_update_relation (GTK_ACCESSIBLE (self->hetu_row),
                                  GTK_ACCESSIBLE_RELATION_DESCRIBED_BY, self->hetu_label, NULL,
                                  -1);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.save", FALSE);
}

/**
 * polku_client_editor_new:
 * @parent: (nullable): the window the editor belongs to
 * @store: where the client is saved
 * @client: (nullable): the client to edit; %NULL to add a new client
 *
 * Returns: (transfer none): a new modal editor; it destroys itself when done
 */
PolkuClientEditor *
polku_client_editor_new (GtkWindow   *parent,
                         PolkuStore  *store,
                         PolkuClient *client)
{
  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (POLKU_IS_STORE (store), NULL);
  g_return_val_if_fail (client == NULL || POLKU_IS_CLIENT (client), NULL);

  return g_object_new (POLKU_TYPE_CLIENT_EDITOR,
                       "transient-for", parent,
                       "modal", TRUE,
                       "destroy-with-parent", TRUE,
                       "store", store,
                       "client", client,
                       NULL);
}

/**
 * polku_client_editor_get_client:
 *
 * Returns: (transfer none) (nullable): the client being edited, %NULL for a new one
 */
PolkuClient *
polku_client_editor_get_client (PolkuClientEditor *self)
{
  g_return_val_if_fail (POLKU_IS_CLIENT_EDITOR (self), NULL);
  return self->client;
}

gboolean
polku_client_editor_get_can_save (PolkuClientEditor *self)
{
  g_return_val_if_fail (POLKU_IS_CLIENT_EDITOR (self), FALSE);
  return self->can_save;
}

GtkEditable *
polku_client_editor_get_entry (PolkuClientEditor *self,
                               const char        *field)
{
  AdwEntryRow *row;

  g_return_val_if_fail (POLKU_IS_CLIENT_EDITOR (self), NULL);

  row = row_for_field (self, field);
  g_return_val_if_fail (row != NULL, NULL);
  return GTK_EDITABLE (row);
}

const char *
polku_client_editor_get_hetu_message (PolkuClientEditor *self)
{
  g_return_val_if_fail (POLKU_IS_CLIENT_EDITOR (self), NULL);
  return self->hetu_message;
}

const char *
polku_client_editor_get_error (PolkuClientEditor *self)
{
  g_return_val_if_fail (POLKU_IS_CLIENT_EDITOR (self), NULL);
  return self->error;
}
