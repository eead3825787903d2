/* polku-plan-view.c: the shared care-and-service plan, edited at a home visit
 *
 * Copyright 2026 The Polku authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The editor works on the plan's JSON document (polku-plan.h). Every field is a widget bound
 * to one member of one object of the document; a change writes the member at once and, half
 * a second later, the whole document into the encrypted store as a draft
 * (polku_plan_store_save_draft), so that a crash or a dead battery loses nothing typed. On
 * opening, a draft wins over the saved plan. "Save Version" makes a new version and clears
 * the draft.
 *
 * Undo keeps whole-document snapshots: typing in one field is one step (a pause of more than
 * a couple of seconds, or another field, starts the next); adding, removing and moving goals
 * and actions are steps of their own. The fields' own undo is off, so Ctrl+Z always means
 * the plan's undo.
 *
 * History lists the versions; any two are compared side by side (polku_plan_compare), the
 * differences marked in words and colour, and the older one can be restored as a new
 * version. Print and PDF give the client's copy in the plan's language (polku-plan-print).
 */

#define G_LOG_DOMAIN "polku-plan-view"

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>

#include "polku-audit.h"
#include "polku-date.h"
#include "polku-plan-print.h"
#include "polku-plan-store.h"
#include "polku-plan-text.h"
#include "polku-plan-view.h"
#include "polku-plan-view-private.h"
#include "polku-view-load-private.h"

#define AUTOSAVE_MS 500
#define UNDO_MERGE_US (2 * G_USEC_PER_SEC)
#define UNDO_LIMIT 200

struct _PolkuPlanView
{
  AdwBin        parent_instance;

  PolkuStore   *store;
  PolkuClient  *client;

  JsonNode     *document;       /* the editor's plan, or NULL (no plan yet) */
  gint64        base_version;   /* the saved version it was made from (0: none) */
  gboolean      dirty;          /* differs from the saved version (a draft exists) */
  gboolean      from_template;
  gboolean      building;
  guint         autosave_id;

  GPtrArray    *undo;           /* serialized documents */
  GPtrArray    *redo;
  gconstpointer last_field;
  gint64        last_change;

  JsonObject   *focus_target;   /* the element whose first field gets the focus */
  GtkWidget    *focus_widget;

  GPtrArray    *versions;       /* PolkuPlanVersion, for the history */

  GCancellable *cancellable;    /* the load in flight, or NULL */
  gboolean      loading;

  GtkWidget    *toolbar;
  GtkButton    *discard_button;
  GtkWidget    *compact_discard_button;
  GtkMenuButton *template_button;
  GtkMenuButton *more_button;
  GtkMenuButton *new_template_button;
  GtkLabel     *status_label;
  GtkStack     *stack;
  GtkBox       *editor_box;
  AdwComboRow  *older_row;
  AdwComboRow  *newer_row;
  GtkGrid      *compare_grid;
};

G_DEFINE_FINAL_TYPE (PolkuPlanView, polku_plan_view, ADW_TYPE_BIN)

enum
{
  PROP_0,
  PROP_STORE,
  PROP_CLIENT,
  PROP_LOADING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void rebuild         (PolkuPlanView *self);
static void update_actions  (PolkuPlanView *self);

static const char * const goal_status_codes[] = {
  "proposed", "active", "achieved", "not_achieved", "dropped", NULL
};
static const char * const action_status_codes[] = {
  "planned", "in_progress", "done", "cancelled", NULL
};

/* Status line */

static void
set_status (PolkuPlanView *self,
            gboolean       is_error,
            const char    *message)
{
  gtk_label_set_text (self->status_label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->status_label),
                          message != NULL && message[0] != '\0');
  if (is_error)
    {
      gtk_widget_remove_css_class (GTK_WIDGET (self->status_label), "dim-label");
      gtk_widget_add_css_class (GTK_WIDGET (self->status_label), "error");
    }
  else
    {
      gtk_widget_remove_css_class (GTK_WIDGET (self->status_label), "error");
      gtk_widget_add_css_class (GTK_WIDGET (self->status_label), "dim-label");
    }
}

static char *
now_hm (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  return g_date_time_format (now, "%H:%M");
}

/* Document helpers */

static JsonObject *
plan_object (PolkuPlanView *self)
{
  return self->document != NULL ? json_node_get_object (self->document) : NULL;
}

static JsonArray *
ensure_array (JsonObject *object,
              const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    json_object_set_array_member (object, name, json_array_new ());
  return json_object_get_array_member (object, name);
}

static const char *
get_str (JsonObject *object,
         const char *name)
{
  JsonNode *node = object != NULL ? json_object_get_member (object, name) : NULL;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node)
      || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

static void
set_str (JsonObject *object,
         const char *name,
         const char *value)
{
  if (value == NULL || value[0] == '\0')
    json_object_set_null_member (object, name);
  else
    json_object_set_string_member (object, name, value);
}

/* "5.3.2027" or "2027-03-05" as YYYY-MM-DD (the shared reading, within the plan's years);
 * NULL when it is neither. */
static char *
parse_user_date (const char *text)
{
  g_autofree char *iso = NULL;

  if (!polku_date_parse_user (text, &iso, NULL) || !polku_plan_date_is_valid (iso))
    return NULL;
  return g_steal_pointer (&iso);
}

/* Undo */

static char *
snapshot (PolkuPlanView *self)
{
  return self->document != NULL ? polku_plan_document_to_string (self->document, FALSE)
                                : g_strdup ("");
}

static void
push_undo (PolkuPlanView *self,
           gconstpointer  field)
{
  gint64 now = g_get_monotonic_time ();

  if (field != NULL && field == self->last_field && now - self->last_change < UNDO_MERGE_US)
    {
      self->last_change = now;
      return;
    }

  g_ptr_array_add (self->undo, snapshot (self));
  if (self->undo->len > UNDO_LIMIT)
    g_ptr_array_remove_index (self->undo, 0);
  g_ptr_array_set_size (self->redo, 0);
  self->last_field = field;
  self->last_change = now;
}

static void
restore_snapshot (PolkuPlanView *self,
                  const char    *text)
{
  g_clear_pointer (&self->document, json_node_unref);
  if (text[0] != '\0')
    self->document = polku_plan_document_from_string (text, NULL);
}

/* Autosave */

static gboolean
autosave_cb (gpointer data)
{
  PolkuPlanView *self = data;
  g_autoptr(GError) error = NULL;

  self->autosave_id = 0;
  if (self->store == NULL || self->client == NULL || self->document == NULL)
    return G_SOURCE_REMOVE;

  if (polku_plan_store_save_draft (self->store, polku_client_get_id (self->client),
                                   self->document, self->base_version, &error))
    {
      g_autofree char *time = now_hm ();
      /* Translators: %s is a time, e.g. 14:05 */
      g_autofree char *message = g_strdup_printf (_("Unsaved changes kept safe at %s"), time);

      set_status (self, FALSE, message);
    }
  else
    set_status (self, TRUE, error->message);
  return G_SOURCE_REMOVE;
}

static void
changed (PolkuPlanView *self)
{
  self->dirty = TRUE;
  g_clear_handle_id (&self->autosave_id, g_source_remove);
  self->autosave_id = g_timeout_add (AUTOSAVE_MS, autosave_cb, self);
  update_actions (self);
}

/* Writes any pending draft now. */
void
polku_plan_view_flush_draft (PolkuPlanView *self)
{
  g_return_if_fail (POLKU_IS_PLAN_VIEW (self));

  if (self->autosave_id != 0)
    {
      g_clear_handle_id (&self->autosave_id, g_source_remove);
      autosave_cb (self);
    }
}

/* Field bindings: each editable widget knows its object and member. */

typedef enum
{
  FIELD_TEXT,
  FIELD_DATE,
  FIELD_CODE,      /* a combo row of codes */
  FIELD_PROGRESS,  /* a combo row: not rated, 0–10 */
} FieldKind;

typedef struct
{
  PolkuPlanView      *self;
  JsonObject         *object;
  const char         *member;
  FieldKind           kind;
  const char * const *codes;
  GtkWidget          *title_widget;  /* an expander row that shows this text as its title */
} Field;

static void
field_free (Field *field)
{
  json_object_unref (field->object);
  g_free (field);
}

static void
field_store_text (Field      *field,
                  GtkWidget  *widget,
                  const char *text)
{
  PolkuPlanView *self = field->self;

  if (self->building)
    return;

  push_undo (self, field);
  if (field->kind == FIELD_DATE)
    {
      g_autofree char *iso = text[0] != '\0' ? parse_user_date (text) : NULL;

      if (text[0] != '\0' && iso == NULL)
        {
          gtk_widget_add_css_class (widget, "error");
          set_str (field->object, field->member, text);
        }
      else
        {
          gtk_widget_remove_css_class (widget, "error");
          set_str (field->object, field->member, iso);
        }
    }
  else if (g_str_equal (field->member, "text") || g_str_equal (field->member, "name")
           || g_str_equal (field->member, "topic"))
    /* Required texts stay strings while being typed (a draft may be incomplete). */
    json_object_set_string_member (field->object, field->member, text);
  else
    set_str (field->object, field->member, text);

  if (field->title_widget != NULL)
    adw_preferences_row_set_title (ADW_PREFERENCES_ROW (field->title_widget),
                                   text[0] != '\0' ? text : _("(not written yet)"));
  changed (self);
}

static void
on_editable_changed (GtkEditable *editable,
                     Field       *field)
{
  field_store_text (field, GTK_WIDGET (editable), gtk_editable_get_text (editable));
}

static void
on_buffer_changed (GtkTextBuffer *buffer,
                   Field         *field)
{
  GtkTextIter start, end;
  g_autofree char *text = NULL;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  text = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  field_store_text (field, NULL, text);
}

static void
on_combo_selected (AdwComboRow *row,
                   GParamSpec  *pspec,
                   Field       *field)
{
  PolkuPlanView *self = field->self;
  guint selected = adw_combo_row_get_selected (row);

  if (self->building || selected == GTK_INVALID_LIST_POSITION)
    return;

  push_undo (self, NULL);
  if (field->kind == FIELD_PROGRESS)
    {
      if (selected == 0)
        json_object_set_null_member (field->object, field->member);
      else
        json_object_set_int_member (field->object, field->member, selected - 1);
    }
  else
    json_object_set_string_member (field->object, field->member, field->codes[selected]);

  /* Who expressed a goal decides whether the professional's name is asked for. */
  if (g_str_equal (field->member, "expressed_by"))
    rebuild (self);
  changed (self);
}

static Field *
bind_field (PolkuPlanView *self,
            GtkWidget     *widget,
            JsonObject    *object,
            const char    *member,
            FieldKind      kind)
{
  Field *field = g_new0 (Field, 1);

  field->self = self;
  field->object = json_object_ref (object);
  field->member = member;
  field->kind = kind;
  g_object_set_data_full (G_OBJECT (widget), "polku-plan-field", field,
                          (GDestroyNotify) field_free);
  return field;
}

/* Widgets for fields */

static GtkWidget *
entry_row (PolkuPlanView *self,
           const char    *title,
           JsonObject    *object,
           const char    *member,
           FieldKind      kind)
{
  GtkWidget *row = adw_entry_row_new ();
  Field *field;
  const char *value = get_str (object, member);
  g_autofree char *shown = NULL;

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  gtk_editable_set_enable_undo (GTK_EDITABLE (row), FALSE);
  if (kind == FIELD_DATE && value != NULL && polku_plan_date_is_valid (value))
    shown = polku_date_format_user (value);
  else
    shown = g_strdup (value != NULL ? value : "");
  gtk_editable_set_text (GTK_EDITABLE (row), shown);
  if (kind == FIELD_DATE && value != NULL && !polku_plan_date_is_valid (value))
    gtk_widget_add_css_class (row, "error");

  field = bind_field (self, row, object, member, kind);
  g_signal_connect (row, "changed", G_CALLBACK (on_editable_changed), field);
  return row;
}

static GtkWidget *
combo_row (PolkuPlanView      *self,
           const char         *title,
           JsonObject         *object,
           const char         *member,
           const char * const *codes,
           const char * const *labels)
{
  GtkWidget *row = adw_combo_row_new ();
  g_autoptr(GtkStringList) model = gtk_string_list_new ((const char * const *) labels);
  const char *value = get_str (object, member);
  Field *field;

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_combo_row_set_model (ADW_COMBO_ROW (row), G_LIST_MODEL (model));
  for (guint i = 0; codes[i] != NULL; i++)
    if (g_strcmp0 (codes[i], value) == 0)
      adw_combo_row_set_selected (ADW_COMBO_ROW (row), i);

  field = bind_field (self, row, object, member, FIELD_CODE);
  field->codes = codes;
  g_signal_connect (row, "notify::selected", G_CALLBACK (on_combo_selected), field);
  return row;
}

static GtkWidget *
progress_row (PolkuPlanView *self,
              JsonObject    *goal)
{
  GtkWidget *row = adw_combo_row_new ();
  g_autoptr(GtkStringList) model = gtk_string_list_new (NULL);
  JsonNode *node = json_object_get_member (goal, "client_progress");
  Field *field;

  gtk_string_list_append (model, _("Not rated"));
  for (int i = 0; i <= 10; i++)
    {
      g_autofree char *text = g_strdup_printf ("%d", i);
      gtk_string_list_append (model, text);
    }
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("The client’s rating, 0–10"));
  adw_combo_row_set_model (ADW_COMBO_ROW (row), G_LIST_MODEL (model));
  if (node != NULL && JSON_NODE_HOLDS_VALUE (node)
      && json_node_get_value_type (node) == G_TYPE_INT64)
    adw_combo_row_set_selected (ADW_COMBO_ROW (row), json_node_get_int (node) + 1);
  else
    adw_combo_row_set_selected (ADW_COMBO_ROW (row), 0);

  field = bind_field (self, row, goal, "client_progress", FIELD_PROGRESS);
  g_signal_connect (row, "notify::selected", G_CALLBACK (on_combo_selected), field);
  return row;
}

/* A group with a multi-line text of the client's own words */
static GtkWidget *
text_view_for (PolkuPlanView *self,
               JsonObject    *object,
               const char    *member,
               const char    *accessible_name)
{
  GtkWidget *frame = gtk_frame_new (NULL);
  GtkWidget *view = gtk_text_view_new ();
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (view));
  const char *value = get_str (object, member);
  Field *field;

  gtk_text_buffer_set_enable_undo (buffer, FALSE);
  gtk_text_buffer_set_text (buffer, value != NULL ? value : "", -1);
  gtk_text_view_set_wrap_mode (GTK_TEXT_VIEW (view), GTK_WRAP_WORD_CHAR);
  gtk_text_view_set_accepts_tab (GTK_TEXT_VIEW (view), FALSE);
  gtk_text_view_set_top_margin (GTK_TEXT_VIEW (view), 8);
  gtk_text_view_set_bottom_margin (GTK_TEXT_VIEW (view), 8);
  gtk_text_view_set_left_margin (GTK_TEXT_VIEW (view), 8);
  gtk_text_view_set_right_margin (GTK_TEXT_VIEW (view), 8);
  gtk_widget_set_size_request (view, -1, 90);
  gtk_accessible_update_property (GTK_ACCESSIBLE (view), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  accessible_name, -1);
  gtk_frame_set_child (GTK_FRAME (frame), view);

  field = bind_field (self, view, object, member, FIELD_TEXT);
  g_signal_connect (buffer, "changed", G_CALLBACK (on_buffer_changed), field);
  return frame;
}

static GtkWidget *
icon_button (const char *icon,
             const char *label,
             const char *action,
             GVariant   *target)
{
  GtkWidget *button = gtk_button_new_from_icon_name (icon);

  gtk_widget_set_tooltip_text (button, label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  label, -1);
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), action);
  gtk_actionable_set_action_target_value (GTK_ACTIONABLE (button), target);
  return button;
}

static GtkWidget *
text_button (const char *label,
             const char *action,
             GVariant   *target)
{
  GtkWidget *button = gtk_button_new_with_mnemonic (label);

  gtk_widget_set_halign (button, GTK_ALIGN_START);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), action);
  if (target != NULL)
    gtk_actionable_set_action_target_value (GTK_ACTIONABLE (button), target);
  return button;
}

static void
note_focus (PolkuPlanView *self,
            JsonObject    *object,
            GtkWidget     *widget)
{
  if (self->focus_target != NULL && object == self->focus_target)
    self->focus_widget = widget;
}

/* Building the editor */

static GtkWidget *
group (const char *title,
       const char *description)
{
  GtkWidget *group = adw_preferences_group_new ();

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), title);
  if (description != NULL)
    adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group), description);
  return group;
}

static void
build_action (PolkuPlanView *self,
              GtkWidget     *goal_group,
              JsonObject    *action,
              guint          goal_index,
              guint          index,
              guint          n_actions)
{
  static const char *status_labels[5];
  GtkWidget *expander = adw_expander_row_new ();
  GtkWidget *text_row;
  GtkWidget *buttons = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  GVariant *target = g_variant_new ("(uu)", goal_index, index);
  const char *text = get_str (action, "text");
  Field *field;
  GtkWidget *move_up;
  GtkWidget *move_down;

  for (guint i = 0; i < 4; i++)
    status_labels[i] = polku_plan_action_status_get_label (i);
  status_labels[4] = NULL;

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (expander),
                                 text != NULL && text[0] != '\0' ? text
                                                                 : _("(not written yet)"));
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (expander), FALSE);
  {
    PolkuPlanActionStatus status = POLKU_PLAN_ACTION_PLANNED;
    g_autofree char *subtitle = NULL;

    polku_plan_action_status_from_code (get_str (action, "status"), &status);
    /* Translators: an action's subtitle: "Action 2 · In progress" */
    subtitle = g_strdup_printf (_("Action %u · %s"), index + 1,
                                polku_plan_action_status_get_label (status));
    adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (expander), subtitle);
  }

  text_row = entry_row (self, _("What is done"), action, "text", FIELD_TEXT);
  field = g_object_get_data (G_OBJECT (text_row), "polku-plan-field");
  field->title_widget = expander;
  adw_expander_row_add_row (ADW_EXPANDER_ROW (expander), text_row);
  adw_expander_row_add_row (ADW_EXPANDER_ROW (expander),
                            entry_row (self, _("Responsible professional"), action,
                                       "responsible", FIELD_TEXT));
  adw_expander_row_add_row (ADW_EXPANDER_ROW (expander),
                            entry_row (self, _("Organisation"), action, "organisation",
                                       FIELD_TEXT));
  adw_expander_row_add_row (ADW_EXPANDER_ROW (expander),
                            entry_row (self, _("Due date (d.m.yyyy)"), action, "due_date",
                                       FIELD_DATE));
  adw_expander_row_add_row (ADW_EXPANDER_ROW (expander),
                            combo_row (self, _("Status"), action, "status",
                                       action_status_codes, status_labels));

  g_variant_ref_sink (target);
  move_up = icon_button ("go-up-symbolic", _("Move the action up"), "plan.move-action-up",
                         target);
  move_down = icon_button ("go-down-symbolic", _("Move the action down"),
                           "plan.move-action-down", target);
  gtk_widget_set_sensitive (move_up, index > 0);
  gtk_widget_set_sensitive (move_down, index + 1 < n_actions);
  gtk_box_append (GTK_BOX (buttons), move_up);
  gtk_box_append (GTK_BOX (buttons), move_down);
  gtk_box_append (GTK_BOX (buttons),
                  icon_button ("user-trash-symbolic", _("Remove the action"),
                               "plan.remove-action", target));
  g_variant_unref (target);
  adw_expander_row_add_action (ADW_EXPANDER_ROW (expander), buttons);

  if (self->focus_target == action)
    {
      adw_expander_row_set_expanded (ADW_EXPANDER_ROW (expander), TRUE);
      note_focus (self, action, text_row);
    }
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (goal_group), expander);
}

static void
build_goal (PolkuPlanView *self,
            JsonObject    *goal,
            guint          index,
            guint          n_goals)
{
  static const char * const expressed_codes[] = { "client", "professional", NULL };
  const char *expressed_labels[] = { _("The client"), _("A professional"), NULL };
  const char *status_labels[6];
  g_autofree char *title = g_strdup_printf (_("Goal %u"), index + 1);
  GtkWidget *goal_group = group (title, NULL);
  GtkWidget *buttons = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  GtkWidget *text_row;
  GtkWidget *move_up;
  GtkWidget *move_down;
  GVariant *target = g_variant_ref_sink (g_variant_new_uint32 (index));
  JsonArray *actions = ensure_array (goal, "actions");

  for (guint i = 0; i < 5; i++)
    status_labels[i] = polku_plan_goal_status_get_label (i);
  status_labels[5] = NULL;

  move_up = icon_button ("go-up-symbolic", _("Move the goal up"), "plan.move-goal-up", target);
  move_down = icon_button ("go-down-symbolic", _("Move the goal down"), "plan.move-goal-down",
                           target);
  gtk_widget_set_sensitive (move_up, index > 0);
  gtk_widget_set_sensitive (move_down, index + 1 < n_goals);
  gtk_box_append (GTK_BOX (buttons), move_up);
  gtk_box_append (GTK_BOX (buttons), move_down);
  gtk_box_append (GTK_BOX (buttons), icon_button ("user-trash-symbolic", _("Remove the goal"),
                                                  "plan.remove-goal", target));
  adw_preferences_group_set_header_suffix (ADW_PREFERENCES_GROUP (goal_group), buttons);

  text_row = entry_row (self, _("The goal"), goal, "text", FIELD_TEXT);
  note_focus (self, goal, text_row);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (goal_group), text_row);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (goal_group),
                             combo_row (self, _("Whose goal"), goal, "expressed_by",
                                        expressed_codes, expressed_labels));
  if (g_strcmp0 (get_str (goal, "expressed_by"), "professional") == 0)
    adw_preferences_group_add (ADW_PREFERENCES_GROUP (goal_group),
                               entry_row (self, _("Professional (name and title)"), goal,
                                          "professional", FIELD_TEXT));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (goal_group),
                             entry_row (self, _("Target date (d.m.yyyy)"), goal, "target_date",
                                        FIELD_DATE));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (goal_group),
                             combo_row (self, _("Status"), goal, "status", goal_status_codes,
                                        status_labels));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (goal_group),
                             entry_row (self, _("The client’s own assessment of progress"),
                                        goal, "client_assessment", FIELD_TEXT));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (goal_group), progress_row (self, goal));

  for (guint j = 0; j < json_array_get_length (actions); j++)
    build_action (self, goal_group, json_array_get_object_element (actions, j), index, j,
                  json_array_get_length (actions));

  {
    GtkWidget *add = text_button (_("Add an _Action"), "plan.add-action", target);

    gtk_widget_set_margin_top (add, 6);
    adw_preferences_group_add (ADW_PREFERENCES_GROUP (goal_group), add);
  }
  g_variant_unref (target);
  gtk_box_append (self->editor_box, goal_group);
}

static void
build_element_list (PolkuPlanView *self,
                    const char    *title,
                    const char    *description,
                    const char    *array_name,
                    const char    *first_member,
                    const char    *remove_action,
                    const char    *remove_label,
                    const char    *add_label,
                    const char    *add_action,
                    const char   **members,
                    const char   **labels)
{
  GtkWidget *list_group = group (title, description);
  JsonArray *array = ensure_array (plan_object (self), array_name);

  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonObject *element = json_array_get_object_element (array, i);
      GtkWidget *expander = adw_expander_row_new ();
      const char *first = get_str (element, first_member);
      GVariant *target = g_variant_ref_sink (g_variant_new_uint32 (i));

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (expander), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (expander),
                                     first != NULL && first[0] != '\0'
                                     ? first : _("(not written yet)"));
      for (guint m = 0; members[m] != NULL; m++)
        {
          GtkWidget *row = entry_row (self, labels[m], element, members[m], FIELD_TEXT);

          if (m == 0)
            {
              Field *field = g_object_get_data (G_OBJECT (row), "polku-plan-field");

              field->title_widget = expander;
              if (self->focus_target == element)
                {
                  adw_expander_row_set_expanded (ADW_EXPANDER_ROW (expander), TRUE);
                  note_focus (self, element, row);
                }
            }
          adw_expander_row_add_row (ADW_EXPANDER_ROW (expander), row);
        }
      adw_expander_row_add_action (ADW_EXPANDER_ROW (expander),
                                   icon_button ("user-trash-symbolic", remove_label,
                                                remove_action, target));
      g_variant_unref (target);
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (list_group), expander);
    }

  {
    GtkWidget *add = text_button (add_label, add_action, NULL);

    gtk_widget_set_margin_top (add, 6);
    adw_preferences_group_add (ADW_PREFERENCES_GROUP (list_group), add);
  }
  gtk_box_append (self->editor_box, list_group);
}

static gboolean
grab_focus_idle (gpointer data)
{
  GtkWidget *widget = data;

  gtk_widget_grab_focus (widget);
  g_object_unref (widget);
  return G_SOURCE_REMOVE;
}

static void
rebuild (PolkuPlanView *self)
{
  static const char * const language_codes[] = { "fi", "sv", NULL };
  const char *language_labels[] = { _("Finnish"), _("Swedish"), NULL };
  JsonObject *plan = plan_object (self);
  JsonObject *worker;
  JsonArray *goals;
  GtkWidget *child;
  GtkWidget *plan_group;
  GtkWidget *view_group;
  GtkWidget *worker_group;
  GtkWidget *goals_group;
  static const char *service_members[] = { "name", "provider", "note", NULL };
  static const char *view_members[] = {
    "topic", "client_view", "client_reason", "professional", "professional_view",
    "professional_reason", NULL
  };
  const char *service_labels[] = { _("Service"), _("Provider"), _("Note"), NULL };
  const char *view_labels[] = {
    _("What the views differ on"), _("The client’s view"), _("The client’s reasons"),
    _("Professional (name and title)"), _("The professional’s view"),
    _("The professional’s reasons"), NULL
  };

  self->building = TRUE;
  self->focus_widget = NULL;
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->editor_box))) != NULL)
    gtk_box_remove (self->editor_box, child);

  if (plan == NULL)
    {
      gtk_stack_set_visible_child_name (self->stack, self->loading ? "loading" : "empty");
      self->building = FALSE;
      update_actions (self);
      return;
    }

  /* The plan */
  plan_group = group (_("The Plan"), _("Made together with the client and shared with the "
                                       "team. The client gets a copy in the plan’s "
                                       "language."));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (plan_group),
                             combo_row (self, _("Language of the plan and the client’s copy"),
                                        plan, "language", language_codes, language_labels));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (plan_group),
                             entry_row (self, _("Next review (d.m.yyyy)"), plan, "next_review",
                                        FIELD_DATE));
  gtk_box_append (self->editor_box, plan_group);

  /* The client's own words */
  view_group = group (_("The Client’s Own View"),
                      _("In the client’s own words: this is theirs, not the professionals’ "
                        "assessment."));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (view_group),
                             text_view_for (self, plan, "client_view",
                                            _("The client’s own view")));
  gtk_box_append (self->editor_box, view_group);

  {
    GtkWidget *burden_group = group (_("What Burdens the Client Most"),
                                     _("As the client defines it."));

    adw_preferences_group_add (ADW_PREFERENCES_GROUP (burden_group),
                               text_view_for (self, plan, "main_burden",
                                              _("What burdens the client most")));
    gtk_box_append (self->editor_box, burden_group);
  }

  /* The responsible worker */
  if (json_object_get_member (plan, "responsible_worker") == NULL
      || !JSON_NODE_HOLDS_OBJECT (json_object_get_member (plan, "responsible_worker")))
    json_object_set_object_member (plan, "responsible_worker", json_object_new ());
  worker = json_object_get_object_member (plan, "responsible_worker");
  worker_group = group (_("Responsible Worker"),
                        _("Named in the client’s copy with these contact details."));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (worker_group),
                             entry_row (self, _("Name"), worker, "name", FIELD_TEXT));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (worker_group),
                             entry_row (self, _("Title"), worker, "title", FIELD_TEXT));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (worker_group),
                             entry_row (self, _("Organisation"), worker, "organisation",
                                        FIELD_TEXT));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (worker_group),
                             entry_row (self, _("Phone"), worker, "phone", FIELD_TEXT));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (worker_group),
                             entry_row (self, _("Email"), worker, "email", FIELD_TEXT));
  gtk_box_append (self->editor_box, worker_group);

  /* Goals and their actions */
  goals = ensure_array (plan, "goals");
  goals_group = group (_("Goals"), _("Each goal is the client’s own or a named "
                                     "professional’s; the actions under it say who does "
                                     "what and by when."));
  if (json_array_get_length (goals) == 0)
    {
      GtkWidget *none = gtk_label_new (_("No goals yet."));

      gtk_widget_add_css_class (none, "dim-label");
      gtk_label_set_xalign (GTK_LABEL (none), 0);
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (goals_group), none);
    }
  gtk_box_append (self->editor_box, goals_group);
  for (guint i = 0; i < json_array_get_length (goals); i++)
    build_goal (self, json_array_get_object_element (goals, i), i,
                json_array_get_length (goals));
  gtk_box_append (self->editor_box, text_button (_("Add a _Goal"), "plan.add-goal", NULL));

  build_element_list (self, _("Services in Use"), NULL, "services", "name",
                      "plan.remove-service", _("Remove the service"), _("Add a Se_rvice"),
                      "plan.add-service", service_members, service_labels);
  build_element_list (self, _("Where Views Differ"),
                      _("When the client and a professional see a matter differently, both "
                        "views are written down with their reasons."),
                      "differing_views", "topic", "plan.remove-view",
                      _("Remove the differing view"), _("Add a Differing _View"),
                      "plan.add-view", view_members, view_labels);

  if (!g_str_equal (gtk_stack_get_visible_child_name (self->stack), "history"))
    gtk_stack_set_visible_child_name (self->stack, "editor");

  if (self->focus_widget != NULL)
    g_idle_add (grab_focus_idle, g_object_ref (self->focus_widget));
  self->focus_target = NULL;
  self->building = FALSE;
  update_actions (self);
}

static void
update_actions (PolkuPlanView *self)
{
  gboolean have_plan = self->document != NULL;
  gboolean ready = self->store != NULL && self->client != NULL && !self->loading;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "plan.undo", self->undo->len > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "plan.redo", self->redo->len > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "plan.save", have_plan && self->dirty);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "plan.discard-draft", self->dirty);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "plan.print", have_plan);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "plan.export-pdf", have_plan);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "plan.show-history",
                                 ready && self->base_version > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "plan.new-empty", ready && !have_plan);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "plan.template", ready);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "plan.add-goal", have_plan);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "plan.restore-older",
                                 ready && !self->dirty && self->versions != NULL
                                 && self->versions->len > 1);
  gtk_widget_set_visible (GTK_WIDGET (self->discard_button), self->dirty);
  gtk_widget_set_visible (self->compact_discard_button, self->dirty);
  gtk_widget_set_visible (self->toolbar, ready);
}

/* Loading: the saved plan and the draft are read, and the view recorded, in a thread. */

typedef struct
{
  char     *client_id;
  JsonNode *saved;
  gint64    version;
  GError   *saved_error;
  JsonNode *draft;
  gint64    draft_base;
  GError   *draft_error;
} PlanData;

static void
plan_data_free (PlanData *data)
{
  g_free (data->client_id);
  g_clear_pointer (&data->saved, json_node_unref);
  g_clear_error (&data->saved_error);
  g_clear_pointer (&data->draft, json_node_unref);
  g_clear_error (&data->draft_error);
  g_free (data);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PlanData, plan_data_free)

static void
load_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  PolkuStore *store = source_object;
  const char *id = task_data;
  PlanData *data = g_new0 (PlanData, 1);

  data->client_id = g_strdup (id);
  data->saved = polku_plan_store_load (store, id, &data->version, &data->saved_error);
  data->draft = polku_plan_store_load_draft (store, id, &data->draft_base, &data->draft_error);
  if ((data->saved != NULL || data->draft != NULL) && !g_cancellable_is_cancelled (cancellable))
    {
      g_autofree char *detail = g_strdup_printf ("plan version=%d", (int) data->version);

      polku_audit_record (store, POLKU_AUDIT_PLAN_VIEW, id, detail, NULL);
    }
  g_task_return_pointer (task, data, (GDestroyNotify) plan_data_free);
}

static void
set_loading (PolkuPlanView *self,
             gboolean       loading)
{
  if (self->loading == loading)
    return;
  self->loading = loading;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
}

static void
load_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(PolkuPlanView) self = polku_view_load_ref_take (user_data);
  g_autoptr(GError) error = NULL;
  g_autoptr(PlanData) data = g_task_propagate_pointer (G_TASK (result), &error);

  if (self == NULL || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  /* Only the newest load, for the client and store shown now. */
  if (g_task_get_cancellable (G_TASK (result)) != self->cancellable
      || source != (GObject *) self->store || data == NULL || self->client == NULL
      || g_strcmp0 (data->client_id, polku_client_get_id (self->client)) != 0)
    return;
  g_clear_object (&self->cancellable);

  if (data->saved == NULL
      && !g_error_matches (data->saved_error, POLKU_PLAN_ERROR, POLKU_PLAN_ERROR_NO_PLAN))
    set_status (self, TRUE, data->saved_error->message);
  if (data->draft_error != NULL)
    set_status (self, TRUE, data->draft_error->message);

  if (data->draft != NULL)
    {
      self->document = g_steal_pointer (&data->draft);
      self->base_version = data->draft_base;
      self->dirty = TRUE;
      if (data->draft_base != data->version)
        set_status (self, TRUE, _("Your unsaved changes were restored, but the plan has been "
                                  "saved by someone else since: compare them in History "
                                  "before saving."));
      else
        set_status (self, FALSE, _("Your unsaved changes were restored."));
    }
  else if (data->saved != NULL)
    {
      self->document = g_steal_pointer (&data->saved);
      self->base_version = data->version;
    }

  /* Shown as loaded (rebuild looks at the flag), then told. */
  self->loading = FALSE;
  gtk_stack_set_visible_child_name (self->stack, self->document != NULL ? "editor" : "empty");
  rebuild (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
}

/* Forgets the plan shown (at once: it may be another client's) and reads the client's in a
 * thread. */
static void
load (PolkuPlanView *self)
{
  polku_view_load_cancel (&self->cancellable);
  g_clear_handle_id (&self->autosave_id, g_source_remove);
  g_clear_pointer (&self->document, json_node_unref);
  g_ptr_array_set_size (self->undo, 0);
  g_ptr_array_set_size (self->redo, 0);
  g_clear_pointer (&self->versions, g_ptr_array_unref);
  self->base_version = 0;
  self->dirty = FALSE;
  self->from_template = FALSE;
  self->last_field = NULL;
  set_status (self, FALSE, NULL);

  if (self->store == NULL || self->client == NULL || polku_client_get_id (self->client) == NULL)
    {
      set_loading (self, FALSE);
      rebuild (self);
      return;
    }

  self->cancellable = g_cancellable_new ();
  set_loading (self, TRUE);
  gtk_stack_set_visible_child_name (self->stack, "loading");
  rebuild (self);
  polku_view_load_run (self->store, polku_client_get_id (self->client), self->cancellable,
                       load_thread, load_cb, polku_view_load_ref_new (self));
}

/* Actions */

static void
undo_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  PolkuPlanView *self = POLKU_PLAN_VIEW (widget);
  g_autofree char *text = NULL;

  if (self->undo->len == 0)
    return;
  g_ptr_array_add (self->redo, snapshot (self));
  text = g_ptr_array_steal_index (self->undo, self->undo->len - 1);
  restore_snapshot (self, text);
  self->last_field = NULL;
  rebuild (self);
  if (self->document != NULL)
    changed (self);
}

static void
redo_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  PolkuPlanView *self = POLKU_PLAN_VIEW (widget);
  g_autofree char *text = NULL;

  if (self->redo->len == 0)
    return;
  g_ptr_array_add (self->undo, snapshot (self));
  text = g_ptr_array_steal_index (self->redo, self->redo->len - 1);
  restore_snapshot (self, text);
  self->last_field = NULL;
  rebuild (self);
  if (self->document != NULL)
    changed (self);
}

static void
structural_change (PolkuPlanView *self)
{
  rebuild (self);
  changed (self);
}

static void
start_plan (PolkuPlanView *self,
            JsonNode      *document)
{
  push_undo (self, NULL);
  g_clear_pointer (&self->document, json_node_unref);
  self->document = document;
  polku_plan_document_take_team_worker (self->document, self->store);
  structural_change (self);
}

static void
new_empty_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  PolkuPlanView *self = POLKU_PLAN_VIEW (widget);
  PolkuLanguage language;

  if (self->store == NULL || self->client == NULL)
    return;
  language = polku_client_get_language (self->client);
  start_plan (self, polku_plan_document_new (polku_client_get_id (self->client),
                                             language == POLKU_LANGUAGE_SV ? "sv" : "fi"));
  set_status (self, FALSE, _("A new plan: write it together with the client."));
}

static void
template_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  PolkuPlanView *self = POLKU_PLAN_VIEW (widget);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) template = NULL;
  const char *language;

  if (self->store == NULL || self->client == NULL)
    return;
  if (self->document != NULL)
    language = polku_plan_document_get_language (self->document);
  else
    language = polku_client_get_language (self->client) == POLKU_LANGUAGE_SV ? "sv" : "fi";

  template = polku_plan_document_new_from_template (g_variant_get_string (parameter, NULL),
                                                    polku_client_get_id (self->client),
                                                    language, &error);
  if (template == NULL)
    {
      set_status (self, TRUE, error->message);
      return;
    }

  if (self->document == NULL)
    {
      self->from_template = TRUE;
      start_plan (self, g_steal_pointer (&template));
    }
  else
    {
      /* Into an existing plan: the template's goals and services are added. */
      JsonObject *plan = plan_object (self);
      JsonObject *source = json_node_get_object (template);
      static const char * const arrays[] = { "goals", "services", NULL };

      push_undo (self, NULL);
      for (guint a = 0; arrays[a] != NULL; a++)
        {
          JsonArray *from = json_object_get_array_member (source, arrays[a]);
          JsonArray *to = ensure_array (plan, arrays[a]);

          for (guint i = 0; i < json_array_get_length (from); i++)
            json_array_add_element (to, json_node_copy (json_array_get_element (from, i)));
        }
      structural_change (self);
    }
  set_status (self, FALSE, _("Goals from the template were added: make them the client’s "
                             "own."));
}

static JsonObject *
new_element (const char *first_member)
{
  JsonObject *element = json_object_new ();
  g_autofree char *id = polku_plan_new_element_id ();

  json_object_set_string_member (element, "id", id);
  json_object_set_string_member (element, first_member, "");
  return element;
}

static void
add_goal_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  PolkuPlanView *self = POLKU_PLAN_VIEW (widget);
  JsonObject *goal = new_element ("text");

  json_object_set_string_member (goal, "expressed_by", "client");
  json_object_set_string_member (goal, "status", "proposed");
  json_object_set_array_member (goal, "actions", json_array_new ());
  push_undo (self, NULL);
  json_array_add_object_element (ensure_array (plan_object (self), "goals"), goal);
  self->focus_target = goal;
  structural_change (self);
}

static JsonArray *
goal_actions (PolkuPlanView *self,
              guint          goal_index)
{
  JsonArray *goals = ensure_array (plan_object (self), "goals");

  if (goal_index >= json_array_get_length (goals))
    return NULL;
  return ensure_array (json_array_get_object_element (goals, goal_index), "actions");
}

static void
add_action_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  PolkuPlanView *self = POLKU_PLAN_VIEW (widget);
  JsonArray *actions = goal_actions (self, g_variant_get_uint32 (parameter));
  JsonObject *action;

  if (actions == NULL)
    return;
  action = new_element ("text");
  json_object_set_string_member (action, "status", "planned");
  push_undo (self, NULL);
  json_array_add_object_element (actions, action);
  self->focus_target = action;
  structural_change (self);
}

/* Moves element @index of @array by @delta (−1 or +1). */
static gboolean
move_element (JsonArray *array,
              guint      index,
              int        delta)
{
  guint n = json_array_get_length (array);
  guint other = index + delta;
  g_autoptr(GPtrArray) nodes = NULL;

  if (index >= n || other >= n)
    return FALSE;

  nodes = g_ptr_array_new_with_free_func ((GDestroyNotify) json_node_unref);
  for (guint i = 0; i < n; i++)
    g_ptr_array_add (nodes, json_node_ref (json_array_get_element (array, i)));
  for (guint i = n; i > 0; i--)
    json_array_remove_element (array, i - 1);
  for (guint i = 0; i < n; i++)
    {
      guint from = i == index ? other : i == other ? index : i;

      json_array_add_element (array, json_node_ref (g_ptr_array_index (nodes, from)));
    }
  return TRUE;
}

static void
move_goal_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  PolkuPlanView *self = POLKU_PLAN_VIEW (widget);
  JsonArray *goals = ensure_array (plan_object (self), "goals");
  guint index = g_variant_get_uint32 (parameter);
  int delta = g_str_has_suffix (action_name, "-up") ? -1 : 1;
  g_autofree char *before = snapshot (self);

  if (!move_element (goals, index, delta))
    return;
  g_ptr_array_add (self->undo, g_steal_pointer (&before));
  g_ptr_array_set_size (self->redo, 0);
  self->last_field = NULL;
  structural_change (self);
}

static void
move_action_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  PolkuPlanView *self = POLKU_PLAN_VIEW (widget);
  guint goal_index, index;
  JsonArray *actions;
  int delta = g_str_has_suffix (action_name, "-up") ? -1 : 1;
  g_autofree char *before = snapshot (self);

  g_variant_get (parameter, "(uu)", &goal_index, &index);
  actions = goal_actions (self, goal_index);
  if (actions == NULL || !move_element (actions, index, delta))
    return;
  g_ptr_array_add (self->undo, g_steal_pointer (&before));
  g_ptr_array_set_size (self->redo, 0);
  self->last_field = NULL;
  structural_change (self);
}

static void
remove_from (PolkuPlanView *self,
             JsonArray     *array,
             guint          index)
{
  if (array == NULL || index >= json_array_get_length (array))
    return;
  push_undo (self, NULL);
  json_array_remove_element (array, index);
  structural_change (self);
  set_status (self, FALSE, _("Removed. Undo (Ctrl+Z) brings it back."));
}

static void
remove_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  PolkuPlanView *self = POLKU_PLAN_VIEW (widget);
  JsonObject *plan = plan_object (self);

  if (g_str_equal (action_name, "plan.remove-goal"))
    remove_from (self, ensure_array (plan, "goals"), g_variant_get_uint32 (parameter));
  else if (g_str_equal (action_name, "plan.remove-service"))
    remove_from (self, ensure_array (plan, "services"), g_variant_get_uint32 (parameter));
  else if (g_str_equal (action_name, "plan.remove-view"))
    remove_from (self, ensure_array (plan, "differing_views"), g_variant_get_uint32 (parameter));
  else
    {
      guint goal_index, index;

      g_variant_get (parameter, "(uu)", &goal_index, &index);
      remove_from (self, goal_actions (self, goal_index), index);
    }
}

static void
add_listed_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  PolkuPlanView *self = POLKU_PLAN_VIEW (widget);
  gboolean service = g_str_equal (action_name, "plan.add-service");
  JsonObject *element = new_element (service ? "name" : "topic");

  push_undo (self, NULL);
  json_array_add_object_element (ensure_array (plan_object (self),
                                               service ? "services" : "differing_views"),
                                 element);
  self->focus_target = element;
  structural_change (self);
}

static gboolean
text_missing (JsonObject *object,
              const char *member)
{
  const char *text = get_str (object, member);
  g_autofree char *copy = text != NULL ? g_strstrip (g_strdup (text)) : NULL;

  return copy == NULL || copy[0] == '\0';
}

static gboolean
date_wrong (JsonObject *object,
            const char *member)
{
  const char *text = get_str (object, member);

  return text != NULL && !polku_plan_date_is_valid (text);
}

/* What keeps the plan from being saved, in words a coordinator can act on; NULL when the
 * plan can be saved (the core checks the rest). */
static char *
describe_problem (PolkuPlanView *self)
{
  JsonObject *plan = plan_object (self);
  JsonArray *goals = ensure_array (plan, "goals");
  JsonArray *services = ensure_array (plan, "services");
  JsonArray *views = ensure_array (plan, "differing_views");

  if (date_wrong (plan, "next_review"))
    return g_strdup (_("The next review is not a date: write it as d.m.yyyy."));

  for (guint i = 0; i < json_array_get_length (goals); i++)
    {
      JsonObject *goal = json_array_get_object_element (goals, i);
      JsonArray *actions = ensure_array (goal, "actions");

      if (text_missing (goal, "text"))
        return g_strdup_printf (_("Goal %u has no text yet: write it, or remove the goal."),
                                i + 1);
      if (g_strcmp0 (get_str (goal, "expressed_by"), "professional") == 0
          && text_missing (goal, "professional"))
        return g_strdup_printf (_("Goal %u is a professional’s goal: name the professional."),
                                i + 1);
      if (date_wrong (goal, "target_date"))
        return g_strdup_printf (_("The target date of goal %u is not a date: write it as "
                                  "d.m.yyyy."), i + 1);
      for (guint j = 0; j < json_array_get_length (actions); j++)
        {
          JsonObject *action = json_array_get_object_element (actions, j);

          if (text_missing (action, "text"))
            return g_strdup_printf (_("Action %u of goal %u has no text yet: write it, or "
                                      "remove the action."), j + 1, i + 1);
          if (date_wrong (action, "due_date"))
            return g_strdup_printf (_("The due date of action %u of goal %u is not a date: "
                                      "write it as d.m.yyyy."), j + 1, i + 1);
        }
    }
  for (guint i = 0; i < json_array_get_length (services); i++)
    if (text_missing (json_array_get_object_element (services, i), "name"))
      return g_strdup_printf (_("Service %u has no name yet: write it, or remove the service."),
                              i + 1);
  for (guint i = 0; i < json_array_get_length (views); i++)
    if (text_missing (json_array_get_object_element (views, i), "topic"))
      return g_strdup_printf (_("Differing view %u does not say what it is about yet: write "
                                "it, or remove it."), i + 1);
  return NULL;
}

/**
 * polku_plan_view_save:
 *
 * Saves the editor's plan as a new version. Returns: %TRUE when it was saved (or nothing
 * had changed); otherwise the status line says why.
 */
gboolean
polku_plan_view_save (PolkuPlanView *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) saved = NULL;
  gint64 version = 0;
  gint64 before;

  g_return_val_if_fail (POLKU_IS_PLAN_VIEW (self), FALSE);

  if (self->document == NULL || self->store == NULL || self->client == NULL)
    return FALSE;

  polku_plan_view_flush_draft (self);
  {
    g_autofree char *problem = describe_problem (self);

    if (problem != NULL)
      {
        /* Translators: %s says what is missing, e.g. "Goal 2 has no text yet: …" */
        g_autofree char *message = g_strdup_printf (_("Not saved: %s"), problem);

        set_status (self, TRUE, message);
        return FALSE;
      }
  }
  before = self->base_version;
  if (!polku_plan_store_save (self->store, polku_client_get_id (self->client), self->document,
                              self->base_version,
                              self->from_template && self->base_version == 0
                              ? POLKU_PLAN_ORIGIN_TEMPLATE : POLKU_PLAN_ORIGIN_EDIT,
                              &version, &error))
    {
      /* Translators: %s says what is wrong, e.g. "goals[0].text must be …" */
      g_autofree char *message = g_strdup_printf (_("Not saved: %s"), error->message);

      set_status (self, TRUE, message);
      return FALSE;
    }

  saved = polku_plan_store_load (self->store, polku_client_get_id (self->client), &version,
                                 &error);
  if (saved != NULL)
    {
      g_clear_pointer (&self->document, json_node_unref);
      self->document = g_steal_pointer (&saved);
    }
  self->base_version = version;
  self->dirty = FALSE;
  self->from_template = FALSE;
  self->last_field = NULL;
  polku_plan_store_discard_draft (self->store, polku_client_get_id (self->client), NULL);
  g_clear_pointer (&self->versions, g_ptr_array_unref);

  if (version == before)
    set_status (self, FALSE, _("Nothing had changed since the last version."));
  else
    {
      /* Translators: %d is a version number */
      g_autofree char *message = g_strdup_printf (_("Saved as version %d."), (int) version);

      set_status (self, FALSE, message);
    }
  rebuild (self);
  return TRUE;
}

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  polku_plan_view_save (POLKU_PLAN_VIEW (widget));
}

static void
discard_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  PolkuPlanView *self = POLKU_PLAN_VIEW (widget);
  g_autoptr(GError) error = NULL;

  g_clear_handle_id (&self->autosave_id, g_source_remove);
  if (!polku_plan_store_discard_draft (self->store, polku_client_get_id (self->client), &error))
    {
      set_status (self, TRUE, error->message);
      return;
    }
  load (self);
  set_status (self, FALSE, _("The unsaved changes were discarded."));
}

/* History */

static void
add_compare_cell (PolkuPlanView *self,
                  const char    *text,
                  int            column,
                  int            row,
                  const char    *css_class)
{
  GtkWidget *label = gtk_label_new (text != NULL ? text : "—");

  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_yalign (GTK_LABEL (label), 0);
  gtk_label_set_selectable (GTK_LABEL (label), TRUE);
  gtk_label_set_max_width_chars (GTK_LABEL (label), column == 0 ? 24 : 36);
  gtk_widget_set_hexpand (label, column == 1 || column == 2);
  if (css_class != NULL)
    gtk_widget_add_css_class (label, css_class);
  gtk_grid_attach (self->compare_grid, label, column, row, 1, 1);
}

static void
compare_versions (PolkuPlanView *self)
{
  guint older = adw_combo_row_get_selected (self->older_row);
  guint newer = adw_combo_row_get_selected (self->newer_row);
  g_autoptr(GPtrArray) rows = NULL;
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->compare_grid))) != NULL)
    gtk_grid_remove (self->compare_grid, child);

  if (self->versions == NULL || older >= self->versions->len || newer >= self->versions->len)
    return;

  rows = polku_plan_compare (polku_plan_version_get_document (g_ptr_array_index (self->versions,
                                                                                 older)),
                             polku_plan_version_get_document (g_ptr_array_index (self->versions,
                                                                                 newer)));
  {
    g_autofree char *older_title = g_strdup_printf (_("Version %d"),
                                                    (int) polku_plan_version_get_version (
                                                      g_ptr_array_index (self->versions,
                                                                         older)));
    g_autofree char *newer_title = g_strdup_printf (_("Version %d"),
                                                    (int) polku_plan_version_get_version (
                                                      g_ptr_array_index (self->versions,
                                                                         newer)));

    add_compare_cell (self, _("Part of the plan"), 0, 0, "heading");
    add_compare_cell (self, older_title, 1, 0, "heading");
    add_compare_cell (self, newer_title, 2, 0, "heading");
    add_compare_cell (self, _("Difference"), 3, 0, "heading");
  }

  for (guint i = 0; i < rows->len; i++)
    {
      PolkuPlanDiffRow *row = g_ptr_array_index (rows, i);
      const char *marker = NULL;
      const char *css = NULL;

      switch (row->kind)
        {
        case POLKU_PLAN_DIFF_CHANGED:
          marker = _("Changed");
          css = "warning";
          break;
        case POLKU_PLAN_DIFF_ADDED:
          marker = _("Added");
          css = "success";
          break;
        case POLKU_PLAN_DIFF_REMOVED:
          marker = _("Removed");
          css = "error";
          break;
        case POLKU_PLAN_DIFF_SAME:
        default:
          marker = "";
          break;
        }
      add_compare_cell (self, row->label, 0, i + 1, css != NULL ? "heading" : "dim-label");
      add_compare_cell (self, row->old_value, 1, i + 1, css);
      add_compare_cell (self, row->new_value, 2, i + 1, css);
      add_compare_cell (self, marker, 3, i + 1, css);
    }
}

static void
on_version_selected (AdwComboRow   *row,
                     GParamSpec    *pspec,
                     PolkuPlanView *self)
{
  if (!self->building)
    compare_versions (self);
}

static void
show_history_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  PolkuPlanView *self = POLKU_PLAN_VIEW (widget);
  g_autoptr(GError) error = NULL;
  g_autoptr(GtkStringList) labels = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) labels2 = gtk_string_list_new (NULL);
  guint n;

  g_clear_pointer (&self->versions, g_ptr_array_unref);
  self->versions = polku_plan_store_list_versions (self->store,
                                                   polku_client_get_id (self->client), &error);
  if (self->versions == NULL)
    {
      set_status (self, TRUE, error->message);
      return;
    }
  n = self->versions->len;
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *label = polku_plan_version_dup_label (g_ptr_array_index (self->versions,
                                                                                i));
      gtk_string_list_append (labels, label);
      gtk_string_list_append (labels2, label);
    }

  self->building = TRUE;
  adw_combo_row_set_model (self->older_row, G_LIST_MODEL (labels));
  adw_combo_row_set_model (self->newer_row, G_LIST_MODEL (labels2));
  adw_combo_row_set_selected (self->older_row, n > 1 ? n - 2 : 0);
  adw_combo_row_set_selected (self->newer_row, n - 1);
  self->building = FALSE;
  compare_versions (self);

  gtk_stack_set_visible_child_name (self->stack, "history");
  update_actions (self);
  if (self->dirty)
    set_status (self, FALSE, _("The editor has unsaved changes: save or discard them before "
                               "restoring a version."));
}

static void
show_editor_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  PolkuPlanView *self = POLKU_PLAN_VIEW (widget);

  gtk_stack_set_visible_child_name (self->stack, self->document != NULL ? "editor" : "empty");
}

static void
restore_older_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  PolkuPlanView *self = POLKU_PLAN_VIEW (widget);
  g_autoptr(GError) error = NULL;
  guint older = adw_combo_row_get_selected (self->older_row);
  gint64 version;
  gint64 new_version = 0;
  g_autofree char *message = NULL;

  if (self->versions == NULL || older >= self->versions->len || self->dirty)
    return;
  version = polku_plan_version_get_version (g_ptr_array_index (self->versions, older));
  if (!polku_plan_store_restore (self->store, polku_client_get_id (self->client), version,
                                 &new_version, &error))
    {
      set_status (self, TRUE, error->message);
      return;
    }

  load (self);
  /* Translators: version numbers */
  message = g_strdup_printf (_("Version %d was restored as version %d."), (int) version,
                             (int) new_version);
  set_status (self, FALSE, message);
}

/* The client's copy */

static void
record_export (PolkuPlanView *self,
               const char    *how)
{
  g_autofree char *detail = g_strdup_printf ("plan version=%d %s", (int) self->base_version,
                                             how);

  polku_audit_record (self->store, POLKU_AUDIT_PLAN_EXPORT,
                      polku_client_get_id (self->client), detail, NULL);
}

static void
print_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  PolkuPlanView *self = POLKU_PLAN_VIEW (widget);
  g_autoptr(GtkPrintOperation) operation = NULL;
  g_autoptr(GError) error = NULL;
  GtkRoot *root = gtk_widget_get_root (widget);
  GtkPrintOperationResult result;

  if (self->document == NULL)
    return;
  operation = polku_plan_print_operation_new (self->document, self->client);
  result = gtk_print_operation_run (operation, GTK_PRINT_OPERATION_ACTION_PRINT_DIALOG,
                                    GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, &error);
  if (result == GTK_PRINT_OPERATION_RESULT_ERROR)
    set_status (self, TRUE, error->message);
  else if (result == GTK_PRINT_OPERATION_RESULT_APPLY)
    record_export (self, "print");
}

static void
on_pdf_response (GtkNativeDialog *dialog,
                 int              response,
                 PolkuPlanView   *self)
{
  if (response == GTK_RESPONSE_ACCEPT && self->document != NULL)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
      g_autofree char *path = file != NULL ? g_file_get_path (file) : NULL;
      g_autoptr(GError) error = NULL;

      if (path == NULL)
        set_status (self, TRUE, _("The PDF can only be saved to a local file."));
      else if (polku_plan_export_pdf (self->document, self->client, path, &error))
        {
          record_export (self, "pdf");
          set_status (self, FALSE, _("The client’s copy was saved as a PDF."));
        }
      else
        set_status (self, TRUE, error->message);
    }
  g_object_unref (dialog);
  g_object_unref (self);
}

static void
export_pdf_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  PolkuPlanView *self = POLKU_PLAN_VIEW (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  GtkFileChooserNative *dialog;
  const char *language;

  if (self->document == NULL)
    return;
  language = polku_plan_document_get_language (self->document);
  dialog = gtk_file_chooser_native_new (_("Save the Client’s Copy as PDF"),
                                        GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                        GTK_FILE_CHOOSER_ACTION_SAVE, _("_Save"), NULL);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (dialog),
                                     g_str_equal (language, "sv")
                                     ? "vard-och-serviceplan.pdf"
                                     : "hoito-ja-palvelusuunnitelma.pdf");
  g_signal_connect (dialog, "response", G_CALLBACK (on_pdf_response), g_object_ref (self));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

/* Properties */

static GMenuModel *
templates_menu (void)
{
  g_autoptr(GPtrArray) templates = polku_plan_list_templates ();
  GMenu *menu = g_menu_new ();

  for (guint i = 0; i < templates->len; i++)
    {
      PolkuPlanTemplateInfo *info = g_ptr_array_index (templates, i);
      g_autoptr(GMenuItem) item = g_menu_item_new (info->title, NULL);

      g_menu_item_set_action_and_target_value (item, "plan.template",
                                               g_variant_new_string (info->id));
      g_menu_append_item (menu, item);
    }
  return G_MENU_MODEL (menu);
}

/* The compact toolbar's "More" menu: the less frequent actions of the full toolbar. */
static GMenuModel *
more_menu (GMenuModel *templates)
{
  GMenu *menu = g_menu_new ();
  g_autoptr(GMenu) section = g_menu_new ();
  g_autoptr(GMenuItem) history = g_menu_item_new (_("_History"), "plan.show-history");
  g_autoptr(GMenuItem) print = g_menu_item_new (_("Print the client’s copy"), "plan.print");
  g_autoptr(GMenuItem) pdf = g_menu_item_new (_("_PDF…"), "plan.export-pdf");

  g_menu_append_submenu (menu, _("_Template"), templates);
  g_menu_item_set_attribute (history, "accel", "s", "<Control>h");
  g_menu_item_set_attribute (print, "accel", "s", "<Control>p");
  g_menu_append_item (section, history);
  g_menu_append_item (section, print);
  g_menu_append_item (section, pdf);
  g_menu_append_section (menu, NULL, G_MENU_MODEL (section));
  return G_MENU_MODEL (menu);
}

GtkWidget *
polku_plan_view_new (void)
{
  return g_object_new (POLKU_TYPE_PLAN_VIEW, NULL);
}

PolkuStore *
polku_plan_view_get_store (PolkuPlanView *self)
{
  g_return_val_if_fail (POLKU_IS_PLAN_VIEW (self), NULL);
  return self->store;
}

void
polku_plan_view_set_store (PolkuPlanView *self,
                           PolkuStore    *store)
{
  g_return_if_fail (POLKU_IS_PLAN_VIEW (self));
  g_return_if_fail (store == NULL || POLKU_IS_STORE (store));

  polku_plan_view_flush_draft (self);
  if (g_set_object (&self->store, store))
    {
      load (self);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STORE]);
    }
}

PolkuClient *
polku_plan_view_get_client (PolkuPlanView *self)
{
  g_return_val_if_fail (POLKU_IS_PLAN_VIEW (self), NULL);
  return self->client;
}

void
polku_plan_view_set_client (PolkuPlanView *self,
                            PolkuClient   *client)
{
  g_return_if_fail (POLKU_IS_PLAN_VIEW (self));
  g_return_if_fail (client == NULL || POLKU_IS_CLIENT (client));

  polku_plan_view_flush_draft (self);
  if (g_set_object (&self->client, client))
    {
      load (self);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CLIENT]);
    }
}

/* For tests: the editor's plan. */
JsonNode *
polku_plan_view_get_document (PolkuPlanView *self)
{
  g_return_val_if_fail (POLKU_IS_PLAN_VIEW (self), NULL);
  return self->document;
}

/**
 * polku_plan_view_get_loading:
 *
 * Returns: whether the client's plan is being read
 */
gboolean
polku_plan_view_get_loading (PolkuPlanView *self)
{
  g_return_val_if_fail (POLKU_IS_PLAN_VIEW (self), FALSE);
  return self->loading;
}

const char *
polku_plan_view_get_page (PolkuPlanView *self)
{
  g_return_val_if_fail (POLKU_IS_PLAN_VIEW (self), NULL);
  return gtk_stack_get_visible_child_name (self->stack);
}

const char *
polku_plan_view_get_status (PolkuPlanView *self)
{
  g_return_val_if_fail (POLKU_IS_PLAN_VIEW (self), NULL);
  return gtk_label_get_text (self->status_label);
}

GtkWidget *
polku_plan_view_get_compare_grid (PolkuPlanView *self)
{
  g_return_val_if_fail (POLKU_IS_PLAN_VIEW (self), NULL);
  return GTK_WIDGET (self->compare_grid);
}

static void
polku_plan_view_dispose (GObject *object)
{
  PolkuPlanView *self = (PolkuPlanView *) object;

  polku_plan_view_flush_draft (self);
  polku_view_load_cancel (&self->cancellable);
  g_clear_object (&self->store);
  g_clear_object (&self->client);
  gtk_widget_dispose_template (GTK_WIDGET (self), POLKU_TYPE_PLAN_VIEW);

  G_OBJECT_CLASS (polku_plan_view_parent_class)->dispose (object);
}

static void
polku_plan_view_finalize (GObject *object)
{
  PolkuPlanView *self = (PolkuPlanView *) object;

  g_clear_pointer (&self->document, json_node_unref);
  g_clear_pointer (&self->undo, g_ptr_array_unref);
  g_clear_pointer (&self->redo, g_ptr_array_unref);
  g_clear_pointer (&self->versions, g_ptr_array_unref);

  G_OBJECT_CLASS (polku_plan_view_parent_class)->finalize (object);
}

static void
polku_plan_view_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  PolkuPlanView *self = POLKU_PLAN_VIEW (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    case PROP_CLIENT:
      g_value_set_object (value, self->client);
      break;
    case PROP_LOADING:
      g_value_set_boolean (value, self->loading);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
polku_plan_view_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  PolkuPlanView *self = POLKU_PLAN_VIEW (object);

  switch (prop_id)
    {
    case PROP_STORE:
      polku_plan_view_set_store (self, g_value_get_object (value));
      break;
    case PROP_CLIENT:
      polku_plan_view_set_client (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
polku_plan_view_class_init (PolkuPlanViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = polku_plan_view_dispose;
  object_class->finalize = polku_plan_view_finalize;
  object_class->get_property = polku_plan_view_get_property;
  object_class->set_property = polku_plan_view_set_property;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, POLKU_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CLIENT] =
    g_param_spec_object ("client", NULL, NULL, POLKU_TYPE_CLIENT,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /**
   * PolkuPlanView:loading:
   *
   * Whether the client's plan is being read (in a thread).
   */
  properties[PROP_LOADING] =
    g_param_spec_boolean ("loading", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/polku/Polku/polku-plan-view.ui");
  gtk_widget_class_bind_template_child (widget_class, PolkuPlanView, toolbar);
  gtk_widget_class_bind_template_child (widget_class, PolkuPlanView, discard_button);
  gtk_widget_class_bind_template_child (widget_class, PolkuPlanView, compact_discard_button);
  gtk_widget_class_bind_template_child (widget_class, PolkuPlanView, more_button);
  gtk_widget_class_bind_template_child (widget_class, PolkuPlanView, template_button);
  gtk_widget_class_bind_template_child (widget_class, PolkuPlanView, new_template_button);
  gtk_widget_class_bind_template_child (widget_class, PolkuPlanView, status_label);
  gtk_widget_class_bind_template_child (widget_class, PolkuPlanView, stack);
  gtk_widget_class_bind_template_child (widget_class, PolkuPlanView, editor_box);
  gtk_widget_class_bind_template_child (widget_class, PolkuPlanView, older_row);
  gtk_widget_class_bind_template_child (widget_class, PolkuPlanView, newer_row);
  gtk_widget_class_bind_template_child (widget_class, PolkuPlanView, compare_grid);

  gtk_widget_class_install_action (widget_class, "plan.undo", NULL, undo_action);
  gtk_widget_class_install_action (widget_class, "plan.redo", NULL, redo_action);
  gtk_widget_class_install_action (widget_class, "plan.save", NULL, save_action);
  gtk_widget_class_install_action (widget_class, "plan.discard-draft", NULL, discard_action);
  gtk_widget_class_install_action (widget_class, "plan.new-empty", NULL, new_empty_action);
  gtk_widget_class_install_action (widget_class, "plan.template", "s", template_action);
  gtk_widget_class_install_action (widget_class, "plan.add-goal", NULL, add_goal_action);
  gtk_widget_class_install_action (widget_class, "plan.add-action", "u", add_action_action);
  gtk_widget_class_install_action (widget_class, "plan.add-service", NULL, add_listed_action);
  gtk_widget_class_install_action (widget_class, "plan.add-view", NULL, add_listed_action);
  gtk_widget_class_install_action (widget_class, "plan.move-goal-up", "u", move_goal_action);
  gtk_widget_class_install_action (widget_class, "plan.move-goal-down", "u", move_goal_action);
  gtk_widget_class_install_action (widget_class, "plan.move-action-up", "(uu)",
                                   move_action_action);
  gtk_widget_class_install_action (widget_class, "plan.move-action-down", "(uu)",
                                   move_action_action);
  gtk_widget_class_install_action (widget_class, "plan.remove-goal", "u", remove_action);
  gtk_widget_class_install_action (widget_class, "plan.remove-action", "(uu)", remove_action);
  gtk_widget_class_install_action (widget_class, "plan.remove-service", "u", remove_action);
  gtk_widget_class_install_action (widget_class, "plan.remove-view", "u", remove_action);
  gtk_widget_class_install_action (widget_class, "plan.show-history", NULL,
                                   show_history_action);
  gtk_widget_class_install_action (widget_class, "plan.show-editor", NULL, show_editor_action);
  gtk_widget_class_install_action (widget_class, "plan.restore-older", NULL,
                                   restore_older_action);
  gtk_widget_class_install_action (widget_class, "plan.print", NULL, print_action);
  gtk_widget_class_install_action (widget_class, "plan.export-pdf", NULL, export_pdf_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_z, GDK_CONTROL_MASK, "plan.undo",
                                       NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_z,
                                       GDK_CONTROL_MASK | GDK_SHIFT_MASK, "plan.redo", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_y, GDK_CONTROL_MASK, "plan.redo",
                                       NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK, "plan.save",
                                       NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_p, GDK_CONTROL_MASK, "plan.print",
                                       NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_h, GDK_CONTROL_MASK,
                                       "plan.show-history", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_g,
                                       GDK_CONTROL_MASK | GDK_SHIFT_MASK, "plan.add-goal", NULL);
}

static void
polku_plan_view_init (PolkuPlanView *self)
{
  g_autoptr(GMenuModel) menu = NULL;
  g_autoptr(GMenuModel) more = NULL;

  self->undo = g_ptr_array_new_with_free_func (g_free);
  self->redo = g_ptr_array_new_with_free_func (g_free);
  gtk_widget_init_template (GTK_WIDGET (self));

  menu = templates_menu ();
  gtk_menu_button_set_menu_model (self->template_button, menu);
  gtk_menu_button_set_menu_model (self->new_template_button, menu);
  more = more_menu (menu);
  gtk_menu_button_set_menu_model (self->more_button, more);
  g_signal_connect (self->older_row, "notify::selected", G_CALLBACK (on_version_selected), self);
  g_signal_connect (self->newer_row, "notify::selected", G_CALLBACK (on_version_selected), self);
  load (self);
}
