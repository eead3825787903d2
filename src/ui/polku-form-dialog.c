/* polku-form-dialog.c: a small form in a message dialog, with typed rows read back by key
 *
 * The caller adds rows by key (text, date, choice, switch, multi-line text, a list of
 * switches, a hidden value), connects to "submit" and presents the dialog. Cancel, Escape
 * and closing the window end it without a word. The submit button (the default response)
 * first reads every date row (d.m.yyyy, polku_date_parse_user ()) and then asks the
 * validation callback, if any: what is refused is shown in the dialog, which stays open;
 * otherwise "submit" is emitted, while the rows can still be read, and the dialog goes.
 *
 * Copyright 2026 The Polku authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "polku-form-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "polku-date.h"
#include "polku-form-dialog.h"

typedef enum
{
  FIELD_TEXT,
  FIELD_DATE,
  FIELD_CHOICE,
  FIELD_SWITCH,
  FIELD_MULTILINE,
  FIELD_CHECK_LIST,
  FIELD_HIDDEN,
} FieldKind;

typedef struct
{
  PolkuFormDialog *form;
  char            *key;
  FieldKind        kind;
  GtkWidget       *input;    /* entry, combo row or text view; NULL when hidden */
  GPtrArray       *toggles;  /* switch, check list: the GtkSwitch of each id */
  GtkWidget       *row;      /* a check group's expander row; NULL otherwise */
  GStrv            ids;      /* choice, check list */
  char            *value;    /* hidden */
} Field;

struct _PolkuFormDialog
{
  AdwMessageDialog   parent_instance;

  AdwPreferencesGroup *group;
  GtkLabel          *message;
  gboolean           narrow;    /* the window leaves less than FORM_WIDTH */

  GPtrArray         *fields;
  PolkuFormValidate  validate;
  gpointer           validate_data;
  GDestroyNotify     validate_destroy;
};

G_DEFINE_FINAL_TYPE (PolkuFormDialog, polku_form_dialog, ADW_TYPE_MESSAGE_DIALOG)

enum
{
  SIGNAL_SUBMIT,
  SIGNAL_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* Wider than a message dialog where the window has room (rows with a title and a value
 * need it), but never a minimum: in a window of 360 px the form is as narrow as a message
 * dialog, with the titles and the choices wrapped. */
#define FORM_WIDTH 420
/* A message dialog's margin on each side within its window (libadwaita 1.2). */
#define PARENT_MARGIN 30

/* The width the window @parent leaves for a dialog (all it needs when @parent is not laid
 * out yet, or there is none). */
static int
room_in (GtkWindow *parent)
{
  int width = parent != NULL ? gtk_widget_get_width (GTK_WIDGET (parent)) : 0;

  return width > 0 ? width - 2 * PARENT_MARGIN : FORM_WIDTH;
}

static void
field_free (Field *field)
{
  g_free (field->key);
  g_clear_pointer (&field->toggles, g_ptr_array_unref);
  g_strfreev (field->ids);
  g_free (field->value);
  g_free (field);
}

static Field *
find_field (PolkuFormDialog *self,
            const char      *key,
            FieldKind        kind)
{
  for (guint i = 0; i < self->fields->len; i++)
    {
      Field *field = g_ptr_array_index (self->fields, i);

      if (g_str_equal (field->key, key))
        {
          if (field->kind == kind
              || (kind == FIELD_TEXT && field->kind != FIELD_CHOICE
                  && field->kind != FIELD_SWITCH && field->kind != FIELD_CHECK_LIST))
            return field;
          g_critical ("The form field “%s” is of another kind", key);
          return NULL;
        }
    }
  g_critical ("The form has no field “%s”", key);
  return NULL;
}

static void
mark_invalid (Field    *field,
              gboolean  invalid)
{
  if (field->kind != FIELD_DATE)
    return;
  if (invalid)
    gtk_widget_add_css_class (field->input, "error");
  else
    gtk_widget_remove_css_class (field->input, "error");
  gtk_accessible_update_state (GTK_ACCESSIBLE (field->input), GTK_ACCESSIBLE_STATE_INVALID,
                               invalid ? GTK_ACCESSIBLE_INVALID_TRUE : GTK_ACCESSIBLE_INVALID_FALSE,
                               -1);
}

static void
field_changed_cb (Field *field)
{
  mark_invalid (field, FALSE);
  g_signal_emit (field->form, signals[SIGNAL_CHANGED], g_quark_from_string (field->key),
                 field->key);
}

static Field *
add_field (PolkuFormDialog *self,
           const char      *key,
           FieldKind        kind,
           GtkWidget       *input)
{
  Field *field = g_new0 (Field, 1);

  field->form = self;
  field->key = g_strdup (key);
  field->kind = kind;
  field->input = input;
  g_ptr_array_add (self->fields, field);
  return field;
}

/* A row of its title over an entry, which it returns: the title wraps, where an
 * AdwEntryRow (libadwaita 1.2) cuts a long one off in a narrow window. */
static GtkWidget *
entry_row (PolkuFormDialog *self,
           const char      *title,
           const char      *text)
{
  GtkWidget *row = adw_preferences_row_new ();  /* in the group's list (a row of GTK's is not) */
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *label = gtk_label_new (title);
  GtkWidget *entry = gtk_entry_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  gtk_widget_set_focusable (row, FALSE);
  gtk_widget_set_margin_top (box, 8);
  gtk_widget_set_margin_bottom (box, 10);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_mnemonic_widget (GTK_LABEL (label), entry);
  gtk_accessible_update_relation (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_RELATION_LABELLED_BY,
                                  label, NULL, -1);
  if (text != NULL)
    gtk_editable_set_text (GTK_EDITABLE (entry), text);
  gtk_box_append (GTK_BOX (box), label);
  gtk_box_append (GTK_BOX (box), entry);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  adw_preferences_group_add (self->group, row);
  return entry;
}

static void
add_entry_field (PolkuFormDialog *self,
                 const char      *key,
                 FieldKind        kind,
                 const char      *title,
                 const char      *text)
{
  Field *field = add_field (self, key, kind, entry_row (self, title, text));

  g_signal_connect_swapped (field->input, "changed", G_CALLBACK (field_changed_cb), field);
}

void
polku_form_dialog_add_text (PolkuFormDialog *self,
                            const char      *key,
                            const char      *title,
                            const char      *text)
{
  g_return_if_fail (POLKU_IS_FORM_DIALOG (self));

  add_entry_field (self, key, FIELD_TEXT, title, text);
}

/**
 * polku_form_dialog_add_date:
 * @iso: (nullable): the date to show at first, YYYY-MM-DD
 *
 * Adds a date row: the date is shown and typed as d.m.yyyy (see polku_date_parse_user ());
 * an empty row is no date. A date that is not one keeps the form open, saying why.
 */
void
polku_form_dialog_add_date (PolkuFormDialog *self,
                            const char      *key,
                            const char      *title,
                            const char      *iso)
{
  g_autofree char *text = polku_date_format_user (iso);

  g_return_if_fail (POLKU_IS_FORM_DIALOG (self));

  add_entry_field (self, key, FIELD_DATE, title, text);
}

static GtkStringList *
string_list (const char * const *labels,
             guint               n_ids)
{
  GtkStringList *list = gtk_string_list_new (labels);

  g_return_val_if_fail (g_list_model_get_n_items (G_LIST_MODEL (list)) == n_ids, list);
  return list;
}

/**
 * polku_form_dialog_add_choice:
 * @ids: what polku_form_dialog_get_choice () returns for each choice
 * @labels: what is shown, one for each of @ids
 * @in_subtitle: show the chosen label in full in the row's subtitle (for long labels, which
 *   the side of the row would cut off); in a narrow window every choice is there
 *
 * Adds a row to choose one of @ids (the first, at first).
 */
void
polku_form_dialog_add_choice (PolkuFormDialog    *self,
                              const char         *key,
                              const char         *title,
                              const char * const *ids,
                              const char * const *labels,
                              gboolean            in_subtitle)
{
  GtkWidget *row = adw_combo_row_new ();
  Field *field;

  g_return_if_fail (POLKU_IS_FORM_DIALOG (self));

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  /* In a narrow window every choice is in the subtitle, which wraps. */
  adw_combo_row_set_use_subtitle (ADW_COMBO_ROW (row), in_subtitle || self->narrow);
  adw_preferences_group_add (self->group, row);
  field = add_field (self, key, FIELD_CHOICE, row);
  polku_form_dialog_set_choices (self, key, ids, labels);
  g_signal_connect_swapped (row, "notify::selected", G_CALLBACK (field_changed_cb), field);
}

/* Replaces the choices of the choice row @key (the first is chosen). */
void
polku_form_dialog_set_choices (PolkuFormDialog    *self,
                               const char         *key,
                               const char * const *ids,
                               const char * const *labels)
{
  Field *field;
  g_autoptr(GtkStringList) model = NULL;

  g_return_if_fail (POLKU_IS_FORM_DIALOG (self));
  g_return_if_fail (ids != NULL && labels != NULL);

  if ((field = find_field (self, key, FIELD_CHOICE)) == NULL)
    return;
  g_strfreev (field->ids);
  field->ids = g_strdupv ((char **) ids);
  model = string_list (labels, g_strv_length (field->ids));
  adw_combo_row_set_model (ADW_COMBO_ROW (field->input), G_LIST_MODEL (model));
}

/* A row with a switch at its end, which the whole row toggles; in @expander, or in the form
 * when it is NULL. */
static GtkWidget *
switch_row_in (PolkuFormDialog *self,
               Field           *field,
               const char      *title,
               gboolean         active,
               GtkWidget       *expander)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *toggle = gtk_switch_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  gtk_switch_set_active (GTK_SWITCH (toggle), active);
  gtk_widget_set_valign (toggle, GTK_ALIGN_CENTER);
  /* The row names its activatable widget (libadwaita's labelled-by relation): a label property
   * too would make GTK 4.8 say the title twice. */
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), toggle);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), toggle);
  if (expander != NULL)
    adw_expander_row_add_row (ADW_EXPANDER_ROW (expander), row);
  else
    adw_preferences_group_add (self->group, row);
  g_signal_connect_swapped (toggle, "notify::active", G_CALLBACK (field_changed_cb), field);
  return toggle;
}

static GtkWidget *
switch_row (PolkuFormDialog *self,
            Field           *field,
            const char      *title,
            gboolean         active)
{
  return switch_row_in (self, field, title, active, NULL);
}

void
polku_form_dialog_add_switch (PolkuFormDialog *self,
                              const char      *key,
                              const char      *title,
                              gboolean         active)
{
  Field *field;

  g_return_if_fail (POLKU_IS_FORM_DIALOG (self));

  field = add_field (self, key, FIELD_SWITCH, NULL);
  field->toggles = g_ptr_array_new ();
  g_ptr_array_add (field->toggles, switch_row (self, field, title, active));
}

/**
 * polku_form_dialog_add_check_list:
 * @labels: the title of each of @ids' rows
 * @active: whether each starts switched on
 *
 * Adds a switch row for each of @ids; polku_form_dialog_get_checked () says which are on.
 */
void
polku_form_dialog_add_check_list (PolkuFormDialog    *self,
                                  const char         *key,
                                  const char * const *ids,
                                  const char * const *labels,
                                  gboolean            active)
{
  Field *field;

  g_return_if_fail (POLKU_IS_FORM_DIALOG (self));
  g_return_if_fail (g_strv_length ((char **) ids) == g_strv_length ((char **) labels));

  field = add_field (self, key, FIELD_CHECK_LIST, NULL);
  field->ids = g_strdupv ((char **) ids);
  field->toggles = g_ptr_array_new ();
  for (guint i = 0; ids[i] != NULL; i++)
    g_ptr_array_add (field->toggles, switch_row (self, field, labels[i], active));
}

/* The subtitle of a check group: how many are chosen, so that a closed group still says it. */
static void
update_group_subtitle (Field *field)
{
  guint n = 0;
  g_autofree char *subtitle = NULL;

  for (guint i = 0; i < field->toggles->len; i++)
    n += gtk_switch_get_active (g_ptr_array_index (field->toggles, i));
  subtitle = n == 0 ? g_strdup (_("None chosen"))
                    : g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u chosen", "%u chosen", n),
                                       n);
  adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (field->row), subtitle);
}

/**
 * polku_form_dialog_add_check_group:
 * @title: what is chosen, e.g. "Organisations"
 * @labels: the title of each of @ids' rows
 *
 * A multi-choice row: an expander row titled @title (open at first) with a switch row for
 * each of @ids, all off; its subtitle says how many are chosen. Read and set it like a check
 * list (polku_form_dialog_get_checked (), polku_form_dialog_set_checked ()).
 */
void
polku_form_dialog_add_check_group (PolkuFormDialog    *self,
                                   const char         *key,
                                   const char         *title,
                                   const char * const *ids,
                                   const char * const *labels)
{
  Field *field;

  g_return_if_fail (POLKU_IS_FORM_DIALOG (self));
  g_return_if_fail (g_strv_length ((char **) ids) == g_strv_length ((char **) labels));

  field = add_field (self, key, FIELD_CHECK_LIST, NULL);
  field->ids = g_strdupv ((char **) ids);
  field->toggles = g_ptr_array_new ();
  field->row = adw_expander_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (field->row), title);
  adw_expander_row_set_expanded (ADW_EXPANDER_ROW (field->row), TRUE);
  adw_preferences_group_add (self->group, field->row);
  for (guint i = 0; ids[i] != NULL; i++)
    {
      GtkWidget *toggle = switch_row_in (self, field, labels[i], FALSE, field->row);

      g_signal_connect_swapped (toggle, "notify::active", G_CALLBACK (update_group_subtitle),
                                field);
      g_ptr_array_add (field->toggles, toggle);
    }
  update_group_subtitle (field);
}

/**
 * polku_form_dialog_set_visible:
 *
 * Shows or hides the rows of the field @key (e.g. what only one choice needs). A hidden
 * field keeps its value; the caller decides whether to read it.
 */
void
polku_form_dialog_set_visible (PolkuFormDialog *self,
                               const char      *key,
                               gboolean         visible)
{
  Field *field = NULL;

  g_return_if_fail (POLKU_IS_FORM_DIALOG (self));

  for (guint i = 0; i < self->fields->len && field == NULL; i++)
    if (g_str_equal (((Field *) g_ptr_array_index (self->fields, i))->key, key))
      field = g_ptr_array_index (self->fields, i);
  g_return_if_fail (field != NULL);

  if (field->row != NULL)
    gtk_widget_set_visible (field->row, visible);
  else if (field->toggles != NULL)
    /* Each switch sits in its row (a box of the action row's suffixes, then the row). */
    for (guint i = 0; i < field->toggles->len; i++)
      {
        GtkWidget *row = gtk_widget_get_ancestor (g_ptr_array_index (field->toggles, i),
                                                  ADW_TYPE_ACTION_ROW);

        if (row != NULL)
          gtk_widget_set_visible (row, visible);
      }
  else if (field->input != NULL)
    {
      GtkWidget *row = ADW_IS_PREFERENCES_ROW (field->input)
                       ? field->input
                       : gtk_widget_get_ancestor (field->input, GTK_TYPE_LIST_BOX_ROW);

      gtk_widget_set_visible (row != NULL ? row : field->input, visible);
    }
}

/* A framed text view of a few lines, named @accessible_name (the dialog's body says what it
 * is for). */
void
polku_form_dialog_add_multiline (PolkuFormDialog *self,
                                 const char      *key,
                                 const char      *accessible_name)
{
  GtkWidget *text_view = gtk_text_view_new ();
  GtkWidget *frame = gtk_frame_new (NULL);
  Field *field;

  g_return_if_fail (POLKU_IS_FORM_DIALOG (self));

  gtk_text_view_set_wrap_mode (GTK_TEXT_VIEW (text_view), GTK_WRAP_WORD_CHAR);
  gtk_text_view_set_accepts_tab (GTK_TEXT_VIEW (text_view), FALSE);
  gtk_widget_set_size_request (text_view, -1, 120);
  gtk_text_view_set_top_margin (GTK_TEXT_VIEW (text_view), 6);
  gtk_text_view_set_left_margin (GTK_TEXT_VIEW (text_view), 6);
  gtk_accessible_update_property (GTK_ACCESSIBLE (text_view), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  accessible_name, -1);
  gtk_frame_set_child (GTK_FRAME (frame), text_view);
  adw_preferences_group_add (self->group, frame);
  field = add_field (self, key, FIELD_MULTILINE, text_view);
  g_signal_connect_swapped (gtk_text_view_get_buffer (GTK_TEXT_VIEW (text_view)), "changed",
                            G_CALLBACK (field_changed_cb), field);
}

/* A value that is not shown (what the form is about, such as an id), read with
 * polku_form_dialog_get_text (). */
void
polku_form_dialog_add_hidden (PolkuFormDialog *self,
                              const char      *key,
                              const char      *value)
{
  g_return_if_fail (POLKU_IS_FORM_DIALOG (self));

  add_field (self, key, FIELD_HIDDEN, NULL)->value = g_strdup (value);
}

/**
 * polku_form_dialog_get_text:
 *
 * Returns: (transfer full) (nullable): the text of a text, date, multi-line or hidden field,
 *   without spaces around it; NULL when it is empty
 */
char *
polku_form_dialog_get_text (PolkuFormDialog *self,
                            const char      *key)
{
  Field *field;
  g_autofree char *text = NULL;

  g_return_val_if_fail (POLKU_IS_FORM_DIALOG (self), NULL);

  if ((field = find_field (self, key, FIELD_TEXT)) == NULL)
    return NULL;
  if (field->kind == FIELD_HIDDEN)
    return g_strdup (field->value);
  if (field->kind == FIELD_MULTILINE)
    {
      GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (field->input));
      GtkTextIter start, end;

      gtk_text_buffer_get_bounds (buffer, &start, &end);
      text = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
    }
  else
    {
      text = g_strdup (gtk_editable_get_text (GTK_EDITABLE (field->input)));
    }
  g_strstrip (text);
  return text[0] != '\0' ? g_steal_pointer (&text) : NULL;
}

/**
 * polku_form_dialog_get_date_iso:
 *
 * Returns: (transfer full) (nullable): the date of the date row @key, YYYY-MM-DD; NULL when
 *   the row is empty (or holds no date, which submitting refuses)
 */
char *
polku_form_dialog_get_date_iso (PolkuFormDialog *self,
                                const char      *key)
{
  g_autofree char *text = NULL;
  char *iso = NULL;

  g_return_val_if_fail (POLKU_IS_FORM_DIALOG (self), NULL);

  if (find_field (self, key, FIELD_DATE) == NULL)
    return NULL;
  text = polku_form_dialog_get_text (self, key);
  if (text != NULL)
    polku_date_parse_user (text, &iso, NULL);
  return iso;
}

/* Returns: (nullable): the id of the chosen choice, or NULL when there is none to choose */
const char *
polku_form_dialog_get_choice (PolkuFormDialog *self,
                              const char      *key)
{
  Field *field;
  guint selected;

  g_return_val_if_fail (POLKU_IS_FORM_DIALOG (self), NULL);

  if ((field = find_field (self, key, FIELD_CHOICE)) == NULL)
    return NULL;
  selected = adw_combo_row_get_selected (ADW_COMBO_ROW (field->input));
  return selected < g_strv_length (field->ids) ? field->ids[selected] : NULL;
}

gboolean
polku_form_dialog_get_switch (PolkuFormDialog *self,
                              const char      *key)
{
  Field *field;

  g_return_val_if_fail (POLKU_IS_FORM_DIALOG (self), FALSE);

  field = find_field (self, key, FIELD_SWITCH);
  return field != NULL && gtk_switch_get_active (g_ptr_array_index (field->toggles, 0));
}

/**
 * polku_form_dialog_get_checked:
 *
 * Returns: (transfer full): the ids of the check list @key that are switched on, in order
 */
GStrv
polku_form_dialog_get_checked (PolkuFormDialog *self,
                               const char      *key)
{
  g_autoptr(GStrvBuilder) checked = g_strv_builder_new ();
  Field *field;

  g_return_val_if_fail (POLKU_IS_FORM_DIALOG (self), NULL);

  field = find_field (self, key, FIELD_CHECK_LIST);
  for (guint i = 0; field != NULL && field->ids[i] != NULL; i++)
    if (gtk_switch_get_active (g_ptr_array_index (field->toggles, i)))
      g_strv_builder_add (checked, field->ids[i]);
  return g_strv_builder_end (checked);
}

/* Types @text into the text, date or multi-line row @key, as the user would. */
void
polku_form_dialog_set_text (PolkuFormDialog *self,
                            const char      *key,
                            const char      *text)
{
  Field *field;

  g_return_if_fail (POLKU_IS_FORM_DIALOG (self));

  if ((field = find_field (self, key, FIELD_TEXT)) == NULL)
    return;
  g_return_if_fail (field->kind != FIELD_HIDDEN);
  if (field->kind == FIELD_MULTILINE)
    gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (field->input)),
                              text != NULL ? text : "", -1);
  else
    gtk_editable_set_text (GTK_EDITABLE (field->input), text != NULL ? text : "");
}

void
polku_form_dialog_set_choice (PolkuFormDialog *self,
                              const char      *key,
                              const char      *id)
{
  Field *field;

  g_return_if_fail (POLKU_IS_FORM_DIALOG (self));

  if ((field = find_field (self, key, FIELD_CHOICE)) == NULL)
    return;
  for (guint i = 0; field->ids[i] != NULL; i++)
    if (g_strcmp0 (field->ids[i], id) == 0)
      {
        adw_combo_row_set_selected (ADW_COMBO_ROW (field->input), i);
        return;
      }
  g_critical ("The choice “%s” has no “%s”", key, id);
}

void
polku_form_dialog_set_switch (PolkuFormDialog *self,
                              const char      *key,
                              gboolean         active)
{
  Field *field;

  g_return_if_fail (POLKU_IS_FORM_DIALOG (self));

  if ((field = find_field (self, key, FIELD_SWITCH)) != NULL)
    gtk_switch_set_active (g_ptr_array_index (field->toggles, 0), active);
}

void
polku_form_dialog_set_checked (PolkuFormDialog *self,
                               const char      *key,
                               const char      *id,
                               gboolean         active)
{
  Field *field;

  g_return_if_fail (POLKU_IS_FORM_DIALOG (self));

  if ((field = find_field (self, key, FIELD_CHECK_LIST)) == NULL)
    return;
  for (guint i = 0; field->ids[i] != NULL; i++)
    if (g_strcmp0 (field->ids[i], id) == 0)
      {
        gtk_switch_set_active (g_ptr_array_index (field->toggles, i), active);
        return;
      }
  g_critical ("The check list “%s” has no “%s”", key, id);
}

static void
show_message (PolkuFormDialog *self,
              const char      *message)
{
  gtk_label_set_text (self->message, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->message), message != NULL);
}

/* Returns: (nullable): what the form says was refused, or NULL */
const char *
polku_form_dialog_get_message (PolkuFormDialog *self)
{
  g_return_val_if_fail (POLKU_IS_FORM_DIALOG (self), NULL);

  return gtk_widget_get_visible (GTK_WIDGET (self->message))
         ? gtk_label_get_text (self->message) : NULL;
}

/* Shows @error under the form, marks the row of @field (if any) and puts the focus there. */
static gboolean
refuse (PolkuFormDialog *self,
        Field           *field,
        const GError    *error)
{
  show_message (self, error->message);
  if (field != NULL)
    {
      mark_invalid (field, TRUE);
      gtk_widget_grab_focus (field->input);
    }
  return FALSE;
}

/**
 * polku_form_dialog_submit:
 *
 * Does what the submit button does: checks the dates and asks the validation callback; when
 * all is well, emits "submit" and destroys the dialog.
 *
 * Returns: whether the form was submitted (else it stays open with the reason shown)
 */
gboolean
polku_form_dialog_submit (PolkuFormDialog *self)
{
  g_autoptr(GError) error = NULL;

  g_return_val_if_fail (POLKU_IS_FORM_DIALOG (self), FALSE);

  show_message (self, NULL);
  for (guint i = 0; i < self->fields->len; i++)
    {
      Field *field = g_ptr_array_index (self->fields, i);
      g_autofree char *text = NULL;
      g_autofree char *iso = NULL;

      if (field->kind != FIELD_DATE)
        continue;
      text = polku_form_dialog_get_text (self, field->key);
      if (text != NULL && !polku_date_parse_user (text, &iso, &error))
        return refuse (self, field, error);
    }
  if (self->validate != NULL && !self->validate (self, self->validate_data, &error))
    return refuse (self, NULL, error);

  g_object_ref (self);
  g_signal_emit (self, signals[SIGNAL_SUBMIT], 0);
  gtk_window_destroy (GTK_WINDOW (self));
  g_object_unref (self);
  return TRUE;
}

/**
 * polku_form_dialog_set_validate:
 * @validate: (nullable): called on submit, after the dates were read
 *
 * Sets what checks the form before "submit" is emitted: when it returns FALSE, its error's
 * message is shown and the form stays open.
 */
void
polku_form_dialog_set_validate (PolkuFormDialog   *self,
                                PolkuFormValidate  validate,
                                gpointer           user_data,
                                GDestroyNotify     destroy)
{
  g_return_if_fail (POLKU_IS_FORM_DIALOG (self));

  if (self->validate_destroy != NULL)
    self->validate_destroy (self->validate_data);
  self->validate = validate;
  self->validate_data = user_data;
  self->validate_destroy = destroy;
}

/* A destructive change (withdrawing a consent): the submit button is red. */
void
polku_form_dialog_set_destructive (PolkuFormDialog *self,
                                   gboolean         destructive)
{
  g_return_if_fail (POLKU_IS_FORM_DIALOG (self));

  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (self), "submit",
                                              destructive ? ADW_RESPONSE_DESTRUCTIVE
                                                          : ADW_RESPONSE_SUGGESTED);
}

/**
 * polku_form_dialog_new:
 * @parent: (nullable): a widget of the window the form is for
 * @body: (nullable): a sentence or two under the heading
 * @submit_label: the submit button's label, with a mnemonic
 *
 * Returns: (transfer none): a new form without rows, not yet shown
 */
PolkuFormDialog *
polku_form_dialog_new (GtkWidget  *parent,
                       const char *heading,
                       const char *body,
                       const char *submit_label)
{
  GtkRoot *root = parent != NULL ? gtk_widget_get_root (parent) : NULL;
  PolkuFormDialog *self;

  g_return_val_if_fail (parent == NULL || GTK_IS_WIDGET (parent), NULL);
  g_return_val_if_fail (heading != NULL && submit_label != NULL, NULL);

  self = g_object_new (POLKU_TYPE_FORM_DIALOG,
                       "transient-for", GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                       "heading", heading,
                       NULL);
  self->narrow = room_in (gtk_window_get_transient_for (GTK_WINDOW (self))) < FORM_WIDTH;
  if (body != NULL)
    adw_message_dialog_set_body (ADW_MESSAGE_DIALOG (self), body);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (self), "cancel", _("_Cancel"),
                                    "submit", submit_label, NULL);
  polku_form_dialog_set_destructive (self, FALSE);
  return self;
}

/* Every response ends here: the dialog stays open until the form is submitted or cancelled
 * (AdwMessageDialog would close it on any response). */
static gboolean
polku_form_dialog_close_request (GtkWindow *window)
{
  /* Emits the close response ("cancel") unless a button's response is under way. */
  GTK_WINDOW_CLASS (polku_form_dialog_parent_class)->close_request (window);
  return TRUE;
}

static void
polku_form_dialog_response (AdwMessageDialog *dialog,
                            const char       *response)
{
  PolkuFormDialog *self = POLKU_FORM_DIALOG (dialog);

  if (g_strcmp0 (response, "submit") == 0)
    polku_form_dialog_submit (self);
  else
    gtk_window_destroy (GTK_WINDOW (self));
}

/* The first row has the focus, as in a message dialog; a text view too. */
static void
polku_form_dialog_map (GtkWidget *widget)
{
  PolkuFormDialog *self = POLKU_FORM_DIALOG (widget);

  GTK_WIDGET_CLASS (polku_form_dialog_parent_class)->map (widget);

  for (guint i = 0; i < self->fields->len; i++)
    {
      Field *field = g_ptr_array_index (self->fields, i);

      if (field->kind != FIELD_HIDDEN)
        {
          gtk_widget_grab_focus (field->input != NULL ? field->input
                                                      : g_ptr_array_index (field->toggles, 0));
          break;
        }
    }
}

static void
polku_form_dialog_measure (GtkWidget      *widget,
                           GtkOrientation  orientation,
                           int             for_size,
                           int            *minimum,
                           int            *natural,
                           int            *minimum_baseline,
                           int            *natural_baseline)
{
  GTK_WIDGET_CLASS (polku_form_dialog_parent_class)->measure (widget, orientation, for_size,
                                                              minimum, natural,
                                                              minimum_baseline,
                                                              natural_baseline);
  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      GtkWindow *parent = gtk_window_get_transient_for (GTK_WINDOW (widget));

      *natural = MAX (*natural, MIN (FORM_WIDTH, room_in (parent)));
    }
}

static void
polku_form_dialog_dispose (GObject *object)
{
  PolkuFormDialog *self = POLKU_FORM_DIALOG (object);

  /* A focused entry must see its focus go before it is disposed (GTK warns otherwise). */
  gtk_window_set_focus (GTK_WINDOW (self), NULL);
  polku_form_dialog_set_validate (self, NULL, NULL, NULL);

  G_OBJECT_CLASS (polku_form_dialog_parent_class)->dispose (object);
}

static void
polku_form_dialog_finalize (GObject *object)
{
  PolkuFormDialog *self = POLKU_FORM_DIALOG (object);

  g_ptr_array_unref (self->fields);

  G_OBJECT_CLASS (polku_form_dialog_parent_class)->finalize (object);
}

static void
polku_form_dialog_class_init (PolkuFormDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);
  AdwMessageDialogClass *dialog_class = ADW_MESSAGE_DIALOG_CLASS (klass);

  object_class->dispose = polku_form_dialog_dispose;
  object_class->finalize = polku_form_dialog_finalize;
  widget_class->map = polku_form_dialog_map;
  widget_class->measure = polku_form_dialog_measure;
  window_class->close_request = polku_form_dialog_close_request;
  dialog_class->response = polku_form_dialog_response;

  /**
   * PolkuFormDialog::submit:
   *
   * The form was submitted and passed its checks; its rows can be read now (the dialog is
   * destroyed after the handlers).
   */
  signals[SIGNAL_SUBMIT] =
    g_signal_new ("submit", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);
  /**
   * PolkuFormDialog::changed:
   * @key: the field's key (also the signal's detail)
   *
   * The user changed a field.
   */
  signals[SIGNAL_CHANGED] =
    g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST | G_SIGNAL_DETAILED,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/polku-form-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, PolkuFormDialog, group);
  gtk_widget_class_bind_template_child (widget_class, PolkuFormDialog, message);
}

static void
polku_form_dialog_init (PolkuFormDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->fields = g_ptr_array_new_with_free_func ((GDestroyNotify) field_free);
}
