/* polku-plan-editor.c: the fields of the shared care-and-service plan, bound to its document
 *
 * Copyright 2026 The Polku authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every field is a widget bound to one member of one object of the plan's JSON document
 * (polku-plan.h); a change writes the member at once. The plan's fixed parts (language and
 * agreed date, the client's own view, the main burden) are declared in
 * polku-plan-editor.ui; the goals with their actions, the services and the differing views
 * are built here from tables of their fields, again whenever the lists change.
 *
 * Two things the plan shows are not its document's (PolkuPlanContext): the review date is the
 * case's, edited here but saved at once by the plan view (::review-apply), not as a version of
 * the plan; the responsible workers are the team's, shown read-only (they are changed in the
 * Overview's team).
 *
 * The editor keeps no history. Before each change it emits ::edit with a key that stays the
 * same while one field is typed in (the plan view makes that one undo step), or NULL for a
 * step of its own (adding, moving, removing); after the change it emits ::changed. The
 * fields' own undo is off, so that Ctrl+Z always means the plan's undo.
 */

#define G_LOG_DOMAIN "polku-plan-editor"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "polku-date.h"
#include "polku-plan.h"
#include "polku-plan-context.h"
#include "polku-plan-editor.h"

typedef enum
{
  FIELD_TEXT,
  FIELD_DATE,
  FIELD_CODE,      /* a combo row of codes */
  FIELD_PROGRESS,  /* a combo row: not rated, 0–10 */
} FieldKind;

typedef struct
{
  const char          *member;
  const char          *title;      /* N_ () */
  FieldKind            kind;
  PolkuPlanMemberKind  code_kind;  /* FIELD_CODE: its codes and their words, from the core */
} FieldSpec;

/* A list of elements: the goals, a goal's actions, the services, the differing views. */
typedef struct
{
  const char         *array;
  const char         *noun;       /* of the actions: "plan.remove-<noun>" */
  const FieldSpec    *fields;     /* the first names the element */
  const char * const *defaults;   /* members of a new element, with their values */
  const char         *move_up;    /* N_ () names of the buttons; NULL: the order is not kept */
  const char         *move_down;
  const char         *remove;
} ListSpec;

static const FieldSpec goal_fields[] = {
  { "text", N_("The goal"), FIELD_TEXT },
  { "expressed_by", N_("Whose goal"), FIELD_CODE, POLKU_PLAN_MEMBER_EXPRESSED_BY },
  { "professional", N_("Professional (name and title)"), FIELD_TEXT },
  { "target_date", N_("Target date (d.m.yyyy)"), FIELD_DATE },
  { "status", N_("Status"), FIELD_CODE, POLKU_PLAN_MEMBER_GOAL_STATUS },
  { "client_assessment", N_("The client’s own assessment of progress"), FIELD_TEXT },
  { "client_progress", N_("The client’s rating, 0–10"), FIELD_PROGRESS },
  { NULL }
};

static const FieldSpec action_fields[] = {
  { "text", N_("What is done"), FIELD_TEXT },
  { "responsible", N_("Responsible professional"), FIELD_TEXT },
  { "organisation", N_("Organisation"), FIELD_TEXT },
  { "due_date", N_("Due date (d.m.yyyy)"), FIELD_DATE },
  { "status", N_("Status"), FIELD_CODE, POLKU_PLAN_MEMBER_ACTION_STATUS },
  { NULL }
};

static const FieldSpec service_fields[] = {
  { "name", N_("Service"), FIELD_TEXT },
  { "provider", N_("Provider"), FIELD_TEXT },
  { "note", N_("Note"), FIELD_TEXT },
  { NULL }
};

static const FieldSpec view_fields[] = {
  { "topic", N_("What the views differ on"), FIELD_TEXT },
  { "client_view", N_("The client’s view"), FIELD_TEXT },
  { "client_reason", N_("The client’s reasons"), FIELD_TEXT },
  { "professional", N_("Professional (name and title)"), FIELD_TEXT },
  { "professional_view", N_("The professional’s view"), FIELD_TEXT },
  { "professional_reason", N_("The professional’s reasons"), FIELD_TEXT },
  { NULL }
};

static const char * const goal_defaults[] = { "expressed_by", "client", "status", "proposed",
                                              NULL };
static const char * const action_defaults[] = { "status", "planned", NULL };
static const char * const no_defaults[] = { NULL };

static const ListSpec goal_list = {
  "goals", "goal", goal_fields, goal_defaults,
  N_("Move the goal up"), N_("Move the goal down"), N_("Remove the goal")
};
static const ListSpec action_list = {
  "actions", "action", action_fields, action_defaults,
  N_("Move the action up"), N_("Move the action down"), N_("Remove the action")
};
static const ListSpec service_list = {
  "services", "service", service_fields, no_defaults, NULL, NULL, N_("Remove the service")
};
static const ListSpec view_list = {
  "differing_views", "view", view_fields, no_defaults, NULL, NULL,
  N_("Remove the differing view")
};

struct _PolkuPlanEditor
{
  AdwBin      parent_instance;

  JsonNode   *document;
  gboolean    building;
  JsonObject *focus_target;   /* the element whose first field gets the focus */
  GtkWidget  *focus_widget;
  GPtrArray  *element_rows;   /* the services' and differing views' rows */
  double      keep_scroll;    /* where the plan was scrolled before its rows were rebuilt */
  gulong      keep_scroll_id; /* puts it back when the new rows are laid out */

  AdwComboRow *language_row;
  AdwEntryRow *agreed_on_row;
  AdwEntryRow *review_row;
  GtkLabel    *review_overdue_label;
  GtkTextView *client_view_text;
  GtkTextView *main_burden_text;
  AdwPreferencesGroup *workers_group;
  GtkWidget   *no_workers_row;
  GPtrArray   *worker_rows;
  GtkWidget   *no_goals_label;
  GtkBox      *goals_box;
  AdwPreferencesGroup *services_group;
  AdwPreferencesGroup *views_group;
};

G_DEFINE_FINAL_TYPE (PolkuPlanEditor, polku_plan_editor, ADW_TYPE_BIN)

enum
{
  SIGNAL_EDIT,
  SIGNAL_CHANGED,
  SIGNAL_REMOVED,
  SIGNAL_REVIEW_APPLY,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* The fields of the template: members of the plan. */
static const struct
{
  gsize                offset;
  const char          *member;
  FieldKind            kind;
  PolkuPlanMemberKind  code_kind;
} fixed_fields[] = {
  { G_STRUCT_OFFSET (PolkuPlanEditor, language_row), "language", FIELD_CODE,
    POLKU_PLAN_MEMBER_LANGUAGE },
  { G_STRUCT_OFFSET (PolkuPlanEditor, agreed_on_row), "agreed_on", FIELD_DATE },
  { G_STRUCT_OFFSET (PolkuPlanEditor, client_view_text), "client_view", FIELD_TEXT },
  { G_STRUCT_OFFSET (PolkuPlanEditor, main_burden_text), "main_burden", FIELD_TEXT },
};

static void build_lists (PolkuPlanEditor *self);

/* Document helpers */

static JsonObject *
plan_object (PolkuPlanEditor *self)
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

static const char *
title_or_placeholder (const char *text)
{
  return text != NULL && text[0] != '\0' ? text : _("(not written yet)");
}

/* Fields: each editable widget knows its object and member. */

typedef struct
{
  PolkuPlanEditor    *self;
  JsonObject         *object;        /* NULL until shown */
  const char         *member;
  FieldKind           kind;
  GStrv               codes;         /* FIELD_CODE: the choices' codes, in their order */
  GtkWidget          *title_widget;  /* an expander row that shows this text as its title */
  GtkWidget          *dependent;     /* shown while the code is "professional" */
} Field;

static void
field_free (Field *field)
{
  g_clear_pointer (&field->object, json_object_unref);
  g_strfreev (field->codes);
  g_free (field);
}

static Field *
field_get (GtkWidget *widget)
{
  return g_object_get_data (G_OBJECT (widget), "polku-plan-field");
}

static void
field_store_text (Field      *field,
                  GtkWidget  *widget,
                  const char *text)
{
  PolkuPlanEditor *self = field->self;

  if (self->building || field->object == NULL)
    return;

  g_signal_emit (self, signals[SIGNAL_EDIT], 0, field);
  if (field->kind == FIELD_DATE)
    {
      g_autofree char *iso = NULL;

      /* "5.3.2027" or "2027-03-05" as YYYY-MM-DD; anything else is kept as typed, marked
       * (the plan cannot be saved so). */
      if (text[0] != '\0'
          && (!polku_date_parse_user (text, &iso, NULL) || !polku_plan_date_is_valid (iso)))
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
                                   title_or_placeholder (text));
  g_signal_emit (self, signals[SIGNAL_CHANGED], 0);
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
  PolkuPlanEditor *self = field->self;
  guint selected = adw_combo_row_get_selected (row);

  if (self->building || field->object == NULL || selected == GTK_INVALID_LIST_POSITION)
    return;

  g_signal_emit (self, signals[SIGNAL_EDIT], 0, NULL);
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
  if (field->dependent != NULL)
    gtk_widget_set_visible (field->dependent,
                            g_str_equal (field->codes[selected], "professional"));
  g_signal_emit (self, signals[SIGNAL_CHANGED], 0);
}

/* Makes @widget (an entry row, a combo row or a text view) the field of @member; takes
 * @codes (a code row's, in the order of its choices). */
static Field *
field_attach (PolkuPlanEditor *self,
              GtkWidget       *widget,
              const char      *member,
              FieldKind        kind,
              GStrv            codes)
{
  Field *field = g_new0 (Field, 1);

  field->self = self;
  field->member = member;
  field->kind = kind;
  field->codes = codes;
  g_object_set_data_full (G_OBJECT (widget), "polku-plan-field", field,
                          (GDestroyNotify) field_free);

  if (GTK_IS_TEXT_VIEW (widget))
    {
      GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (widget));

      gtk_text_buffer_set_enable_undo (buffer, FALSE);
      g_signal_connect (buffer, "changed", G_CALLBACK (on_buffer_changed), field);
    }
  else if (ADW_IS_COMBO_ROW (widget))
    g_signal_connect (widget, "notify::selected", G_CALLBACK (on_combo_selected), field);
  else
    {
      gtk_editable_set_enable_undo (GTK_EDITABLE (widget), FALSE);
      g_signal_connect (widget, "changed", G_CALLBACK (on_editable_changed), field);
    }
  return field;
}

/* Goals and actions still open whose date has passed say so in the row's title ("Target
 * date · Overdue since 1.9.2025"), as the review date and follow-ups do. */
static void
mark_overdue (GtkWidget  *widget,
              JsonObject *object,
              const char *date)
{
  static const char * const finished[] = { "achieved", "not_achieved", "dropped", "done",
                                           "cancelled", NULL };
  const char *base;
  const char *status = get_str (object, "status");
  g_autofree char *overdue = NULL;

  if (!ADW_IS_PREFERENCES_ROW (widget))
    return;
  base = g_object_get_data (G_OBJECT (widget), "polku-base-title");
  if (base == NULL)
    {
      base = adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget));
      g_object_set_data_full (G_OBJECT (widget), "polku-base-title", g_strdup (base), g_free);
      base = g_object_get_data (G_OBJECT (widget), "polku-base-title");
    }
  if (date != NULL && !g_strv_contains (finished, status != NULL ? status : ""))
    overdue = polku_plan_review_dup_overdue (date, NULL);

  if (overdue != NULL)
    {
      g_autofree char *title = g_strdup_printf ("%s · %s", base, overdue);

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (widget), title);
      gtk_widget_add_css_class (widget, "warning");
    }
  else
    {
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (widget), base);
      gtk_widget_remove_css_class (widget, "warning");
    }
}

/* Binds the field of @widget to @object and shows its member. */
static void
field_show (GtkWidget  *widget,
            JsonObject *object)
{
  Field *field = field_get (widget);
  const char *value = get_str (object, field->member);
  gboolean building = field->self->building;

  field->self->building = TRUE;
  g_clear_pointer (&field->object, json_object_unref);
  field->object = json_object_ref (object);

  if (GTK_IS_TEXT_VIEW (widget))
    gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (widget)),
                              value != NULL ? value : "", -1);
  else if (field->kind == FIELD_PROGRESS)
    {
      JsonNode *node = json_object_get_member (object, field->member);
      gboolean rated = node != NULL && JSON_NODE_HOLDS_VALUE (node)
                       && json_node_get_value_type (node) == G_TYPE_INT64;

      adw_combo_row_set_selected (ADW_COMBO_ROW (widget),
                                  rated ? json_node_get_int (node) + 1 : 0);
    }
  else if (field->kind == FIELD_CODE)
    {
      guint selected = 0;

      for (guint i = 0; field->codes[i] != NULL; i++)
        if (g_strcmp0 (field->codes[i], value) == 0)
          selected = i;
      adw_combo_row_set_selected (ADW_COMBO_ROW (widget), selected);
    }
  else
    {
      gboolean wrong = field->kind == FIELD_DATE && value != NULL
                       && !polku_plan_date_is_valid (value);
      g_autofree char *shown = NULL;

      if (field->kind == FIELD_DATE && value != NULL && !wrong)
        shown = polku_date_format_user (value);
      gtk_editable_set_text (GTK_EDITABLE (widget),
                             shown != NULL ? shown : value != NULL ? value : "");
      if (wrong)
        gtk_widget_add_css_class (widget, "error");
      else
        gtk_widget_remove_css_class (widget, "error");
      /* Deadlines only: the agreed date is always in the past. */
      if (g_strcmp0 (field->member, "target_date") == 0
          || g_strcmp0 (field->member, "due_date") == 0)
        mark_overdue (widget, object, wrong ? NULL : value);
    }
  field->self->building = building;
}

/* The choices of a combo row, in the UI language; a code row's codes in @out_codes. */
static GListModel *
choices_model (FieldKind             kind,
               PolkuPlanMemberKind   code_kind,
               GStrv                *out_codes)
{
  g_auto(GStrv) labels = NULL;
  GtkStringList *model;

  *out_codes = NULL;
  if (kind == FIELD_CODE)
    {
      *out_codes = polku_plan_member_dup_choices (code_kind, &labels);
      g_return_val_if_fail (*out_codes != NULL, NULL);
      return G_LIST_MODEL (gtk_string_list_new ((const char * const *) labels));
    }
  model = gtk_string_list_new (NULL);
  gtk_string_list_append (model, _("Not rated"));
  for (int i = 0; i <= 10; i++)
    {
      g_autofree char *text = g_strdup_printf ("%d", i);

      gtk_string_list_append (model, text);
    }
  return G_LIST_MODEL (model);
}

static GtkWidget *
field_row (PolkuPlanEditor *self,
           JsonObject      *object,
           const FieldSpec *spec)
{
  g_auto(GStrv) codes = NULL;
  GtkWidget *row;

  if (spec->kind == FIELD_CODE || spec->kind == FIELD_PROGRESS)
    {
      g_autoptr(GListModel) model = choices_model (spec->kind, spec->code_kind, &codes);

      row = adw_combo_row_new ();
      adw_combo_row_set_model (ADW_COMBO_ROW (row), model);
    }
  else
    row = adw_entry_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _(spec->title));
  field_attach (self, row, spec->member, spec->kind, g_steal_pointer (&codes));
  field_show (row, object);
  return row;
}

/* Building the lists */

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

/* Move up, move down (when the list keeps an order) and remove element @index of @n. */
static GtkWidget *
element_buttons (const ListSpec *spec,
                 GVariant       *target,
                 guint           index,
                 guint           n)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  g_autofree char *remove = g_strdup_printf ("plan.remove-%s", spec->noun);

  if (spec->move_up != NULL)
    {
      g_autofree char *up = g_strdup_printf ("plan.move-%s-up", spec->noun);
      g_autofree char *down = g_strdup_printf ("plan.move-%s-down", spec->noun);
      GtkWidget *move_up = icon_button ("go-up-symbolic", _(spec->move_up), up, target);
      GtkWidget *move_down = icon_button ("go-down-symbolic", _(spec->move_down), down,
                                          target);

      gtk_widget_set_sensitive (move_up, index > 0);
      gtk_widget_set_sensitive (move_down, index + 1 < n);
      gtk_box_append (GTK_BOX (box), move_up);
      gtk_box_append (GTK_BOX (box), move_down);
    }
  gtk_box_append (GTK_BOX (box), icon_button ("user-trash-symbolic", _(spec->remove), remove,
                                              target));
  return box;
}

static GtkWidget *
add_button (const char *label,
            const char *action,
            GVariant   *target)
{
  GtkWidget *button = gtk_button_new_with_mnemonic (label);

  gtk_widget_set_halign (button, GTK_ALIGN_START);
  gtk_widget_set_margin_top (button, 6);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), action);
  gtk_actionable_set_action_target_value (GTK_ACTIONABLE (button), target);
  return button;
}

static void
note_focus (PolkuPlanEditor *self,
            JsonObject      *element,
            GtkWidget       *widget)
{
  if (self->focus_target != NULL && element == self->focus_target)
    self->focus_widget = widget;
}

/* An action, service or differing view: an expander row titled by its first field. */
static GtkWidget *
element_row (PolkuPlanEditor *self,
             const ListSpec  *spec,
             JsonObject      *element,
             guint            index,
             guint            n,
             GVariant        *target)
{
  GtkWidget *expander = adw_expander_row_new ();

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (expander), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (expander),
                                 title_or_placeholder (get_str (element,
                                                                spec->fields[0].member)));
  if (spec == &action_list)
    {
      PolkuPlanActionStatus status = POLKU_PLAN_ACTION_PLANNED;
      g_autofree char *subtitle = NULL;

      polku_plan_action_status_from_code (get_str (element, "status"), &status);
      /* Translators: an action's subtitle: "Action 2 · In progress" */
      subtitle = g_strdup_printf (_("Action %u · %s"), index + 1,
                                  polku_plan_action_status_get_label (status));
      adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (expander), subtitle);
    }

  for (guint i = 0; spec->fields[i].member != NULL; i++)
    {
      GtkWidget *row = field_row (self, element, &spec->fields[i]);

      if (i == 0)
        {
          field_get (row)->title_widget = expander;
          if (self->focus_target == element)
            {
              adw_expander_row_set_expanded (ADW_EXPANDER_ROW (expander), TRUE);
              note_focus (self, element, row);
            }
        }
      adw_expander_row_add_row (ADW_EXPANDER_ROW (expander), row);
    }
  adw_expander_row_add_action (ADW_EXPANDER_ROW (expander),
                               element_buttons (spec, target, index, n));
  return expander;
}

/* A goal: a group of its own fields, its actions and a button to add one. */
static void
build_goal (PolkuPlanEditor *self,
            JsonObject      *goal,
            guint            index,
            guint            n_goals)
{
  g_autofree char *title = g_strdup_printf (_("Goal %u"), index + 1);
  GtkWidget *group = adw_preferences_group_new ();
  GVariant *target = g_variant_ref_sink (g_variant_new_uint32 (index));
  JsonArray *actions = ensure_array (goal, "actions");
  Field *expressed_by = NULL;

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), title);
  adw_preferences_group_set_header_suffix (ADW_PREFERENCES_GROUP (group),
                                           element_buttons (&goal_list, target, index, n_goals));
  for (guint i = 0; goal_fields[i].member != NULL; i++)
    {
      const char *member = goal_fields[i].member;
      GtkWidget *row = field_row (self, goal, &goal_fields[i]);

      if (i == 0)
        note_focus (self, goal, row);
      if (g_str_equal (member, "expressed_by"))
        expressed_by = field_get (row);
      else if (g_str_equal (member, "professional"))
        {
          expressed_by->dependent = row;
          gtk_widget_set_visible (row, g_strcmp0 (get_str (goal, "expressed_by"),
                                                  "professional") == 0);
        }
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
    }

  for (guint j = 0; j < json_array_get_length (actions); j++)
    adw_preferences_group_add (ADW_PREFERENCES_GROUP (group),
                               element_row (self, &action_list,
                                            json_array_get_object_element (actions, j), j,
                                            json_array_get_length (actions),
                                            g_variant_new ("(uu)", index, j)));

  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group),
                             add_button (_("Add an _Action"), "plan.add-action", target));
  g_variant_unref (target);
  gtk_box_append (self->goals_box, group);
}

static void
build_element_rows (PolkuPlanEditor     *self,
                    const ListSpec      *spec,
                    AdwPreferencesGroup *group)
{
  JsonArray *array = ensure_array (plan_object (self), spec->array);
  guint n = json_array_get_length (array);

  for (guint i = 0; i < n; i++)
    {
      GtkWidget *row = element_row (self, spec, json_array_get_object_element (array, i), i, n,
                                    g_variant_new_uint32 (i));

      adw_preferences_group_add (group, row);
      g_ptr_array_add (self->element_rows, row);
    }
}

static void
clear_lists (PolkuPlanEditor *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->goals_box))) != NULL)
    gtk_box_remove (self->goals_box, child);
  for (guint i = 0; i < self->element_rows->len; i++)
    {
      GtkWidget *row = g_ptr_array_index (self->element_rows, i);

      adw_preferences_group_remove (ADW_PREFERENCES_GROUP (gtk_widget_get_ancestor (
                                      row, ADW_TYPE_PREFERENCES_GROUP)), row);
    }
  g_ptr_array_set_size (self->element_rows, 0);
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
build_lists (PolkuPlanEditor *self)
{
  JsonArray *goals;

  self->building = TRUE;
  self->focus_widget = NULL;
  clear_lists (self);
  if (self->document != NULL)
    {
      goals = ensure_array (plan_object (self), "goals");
      gtk_widget_set_visible (self->no_goals_label, json_array_get_length (goals) == 0);
      for (guint i = 0; i < json_array_get_length (goals); i++)
        build_goal (self, json_array_get_object_element (goals, i), i,
                    json_array_get_length (goals));
      build_element_rows (self, &service_list, self->services_group);
      build_element_rows (self, &view_list, self->views_group);
    }

  if (self->focus_widget != NULL)
    g_idle_add (grab_focus_idle, g_object_ref (self->focus_widget));
  self->focus_target = NULL;
  self->building = FALSE;
}

/* Actions on the lists */

/* The list that action @action_name ("plan.move-goal-up", "plan.add-action", …) works on,
 * its spec and the element's index in it (G_MAXUINT when the target names none). */
static JsonArray *
target_list (PolkuPlanEditor  *self,
             const char       *action_name,
             GVariant         *parameter,
             const ListSpec  **out_spec,
             guint            *out_index)
{
  static const ListSpec * const plan_lists[] = { &goal_list, &service_list, &view_list };
  const char *noun = strchr (action_name, '-') + 1;
  JsonObject *plan = plan_object (self);

  *out_index = G_MAXUINT;
  if (plan == NULL)
    return NULL;

  if (g_str_has_prefix (noun, action_list.noun))
    {
      JsonArray *goals = ensure_array (plan, "goals");
      guint goal;

      if (g_variant_is_of_type (parameter, G_VARIANT_TYPE ("(uu)")))
        g_variant_get (parameter, "(uu)", &goal, out_index);
      else
        goal = g_variant_get_uint32 (parameter);
      *out_spec = &action_list;
      if (goal >= json_array_get_length (goals))
        return NULL;
      return ensure_array (json_array_get_object_element (goals, goal), "actions");
    }

  if (parameter != NULL)
    *out_index = g_variant_get_uint32 (parameter);
  for (guint i = 0; i < G_N_ELEMENTS (plan_lists); i++)
    if (g_str_has_prefix (noun, plan_lists[i]->noun))
      {
        *out_spec = plan_lists[i];
        return ensure_array (plan, plan_lists[i]->array);
      }
  g_return_val_if_reached (NULL);
}

static void
structural_change (PolkuPlanEditor *self)
{
  build_lists (self);
  g_signal_emit (self, signals[SIGNAL_CHANGED], 0);
}

static void
add_element_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  PolkuPlanEditor *self = POLKU_PLAN_EDITOR (widget);
  const ListSpec *spec = NULL;
  guint index;
  JsonArray *list = target_list (self, action_name, parameter, &spec, &index);
  g_autofree char *id = polku_plan_new_element_id ();
  JsonObject *element;

  if (list == NULL)
    return;
  element = json_object_new ();
  json_object_set_string_member (element, "id", id);
  json_object_set_string_member (element, spec->fields[0].member, "");
  for (guint i = 0; spec->defaults[i] != NULL; i += 2)
    json_object_set_string_member (element, spec->defaults[i], spec->defaults[i + 1]);

  g_signal_emit (self, signals[SIGNAL_EDIT], 0, NULL);
  json_array_add_object_element (list, element);
  self->focus_target = element;
  structural_change (self);
}

static void
move_element_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  PolkuPlanEditor *self = POLKU_PLAN_EDITOR (widget);
  const ListSpec *spec = NULL;
  guint index;
  JsonArray *list = target_list (self, action_name, parameter, &spec, &index);
  guint other = g_str_has_suffix (action_name, "-up") ? index - 1 : index + 1;
  guint n = list != NULL ? json_array_get_length (list) : 0;
  g_autoptr(GPtrArray) nodes = NULL;

  if (index >= n || other >= n)
    return;

  g_signal_emit (self, signals[SIGNAL_EDIT], 0, NULL);
  nodes = g_ptr_array_new_with_free_func ((GDestroyNotify) json_node_unref);
  for (guint i = 0; i < n; i++)
    g_ptr_array_add (nodes, json_node_ref (json_array_get_element (list, i)));
  for (guint i = n; i > 0; i--)
    json_array_remove_element (list, i - 1);
  for (guint i = 0; i < n; i++)
    {
      guint from = i == index ? other : i == other ? index : i;

      json_array_add_element (list, json_node_ref (g_ptr_array_index (nodes, from)));
    }
  structural_change (self);
}

static void
remove_element_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  PolkuPlanEditor *self = POLKU_PLAN_EDITOR (widget);
  const ListSpec *spec = NULL;
  guint index;
  JsonArray *list = target_list (self, action_name, parameter, &spec, &index);

  if (list == NULL || index >= json_array_get_length (list))
    return;
  g_signal_emit (self, signals[SIGNAL_EDIT], 0, NULL);
  json_array_remove_element (list, index);
  structural_change (self);
  g_signal_emit (self, signals[SIGNAL_REMOVED], 0);
}

/* The document */

static GtkAdjustment *
vadjustment (PolkuPlanEditor *self)
{
  GtkWidget *scroller = adw_bin_get_child (ADW_BIN (self));

  return gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scroller));
}

static void
on_adjustment_changed (GtkAdjustment   *adjustment,
                       PolkuPlanEditor *self)
{
  gtk_adjustment_set_value (adjustment, self->keep_scroll);
}

/* The new rows have been laid out and drawn: from now on the scrolling is the user's. */
static void
on_after_paint (GdkFrameClock   *clock,
                PolkuPlanEditor *self)
{
  g_clear_signal_handler (&self->keep_scroll_id, vadjustment (self));
  g_signal_handlers_disconnect_by_func (clock, on_after_paint, self);
}

/* The rows are rebuilt after a save, an undo or a template: the plan stays where it was
 * scrolled (the rebuild would otherwise leave it at the top once the new rows are laid out).
 * A focused element (a new goal) still scrolls itself into view afterwards. */
static void
keep_scroll (PolkuPlanEditor *self)
{
  GtkAdjustment *adjustment = vadjustment (self);

  GdkFrameClock *clock = gtk_widget_get_frame_clock (GTK_WIDGET (self));

  if (self->keep_scroll_id != 0 || clock == NULL)
    return;
  self->keep_scroll = gtk_adjustment_get_value (adjustment);
  if (self->keep_scroll <= 0)
    return;
  self->keep_scroll_id = g_signal_connect (adjustment, "changed",
                                           G_CALLBACK (on_adjustment_changed), self);
  g_signal_connect (clock, "after-paint", G_CALLBACK (on_after_paint), self);
}

/**
 * polku_plan_editor_set_document:
 * @document: (nullable): the plan to edit (in place), or %NULL for none
 *
 * Shows @document's fields; also after @document was changed other than by the editor (undo,
 * a template).
 */
void
polku_plan_editor_set_document (PolkuPlanEditor *self,
                                JsonNode        *document)
{
  g_autoptr(JsonObject) none = json_object_new ();
  JsonObject *plan = none;

  g_return_if_fail (POLKU_IS_PLAN_EDITOR (self));
  g_return_if_fail (document == NULL || JSON_NODE_HOLDS_OBJECT (document));

  if (document != self->document)
    {
      g_clear_pointer (&self->document, json_node_unref);
      self->document = document != NULL ? json_node_ref (document) : NULL;
    }
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "plan.add-goal", document != NULL);

  /* Without a document the fields are emptied: they may show another client's plan. */
  if (document != NULL)
    plan = plan_object (self);
  for (guint i = 0; i < G_N_ELEMENTS (fixed_fields); i++)
    field_show (G_STRUCT_MEMBER (GtkWidget *, self, fixed_fields[i].offset), plan);
  keep_scroll (self);
  build_lists (self);
}

/* The review date as the case has it, and whether it has passed. */
static void
show_review (PolkuPlanEditor *self,
             const char      *review_on)
{
  g_autofree char *shown = review_on != NULL ? polku_date_format_user (review_on) : NULL;
  g_autofree char *overdue = polku_plan_review_dup_overdue (review_on, NULL);

  /* Shown, not typed: the row's apply button stays hidden (it appears for text changed
   * while the row has the focus, as right after Enter). */
  adw_entry_row_set_show_apply_button (self->review_row, FALSE);
  gtk_editable_set_text (GTK_EDITABLE (self->review_row), shown != NULL ? shown : "");
  adw_entry_row_set_show_apply_button (self->review_row, TRUE);
  gtk_widget_remove_css_class (GTK_WIDGET (self->review_row), "error");
  gtk_label_set_text (self->review_overdue_label, overdue != NULL ? overdue : "");
  gtk_widget_set_visible (GTK_WIDGET (self->review_overdue_label), overdue != NULL);
}

static void
clear_workers (PolkuPlanEditor *self)
{
  for (guint i = 0; i < self->worker_rows->len; i++)
    adw_preferences_group_remove (self->workers_group,
                                  g_ptr_array_index (self->worker_rows, i));
  g_ptr_array_set_size (self->worker_rows, 0);
}

/**
 * polku_plan_editor_set_context:
 * @context: (nullable): the team's responsible workers and the case's review date, or %NULL
 *   to show neither
 *
 * Shows what the plan takes from the team and the case (read-only workers, the review date).
 */
void
polku_plan_editor_set_context (PolkuPlanEditor        *self,
                               const PolkuPlanContext *context)
{
  g_return_if_fail (POLKU_IS_PLAN_EDITOR (self));

  show_review (self, context != NULL ? context->review_on : NULL);
  clear_workers (self);
  for (guint i = 0; context != NULL && i < context->workers->len; i++)
    {
      const PolkuPlanWorker *worker = g_ptr_array_index (context->workers, i);
      GtkWidget *row = adw_action_row_new ();
      g_autoptr(GString) subtitle = g_string_new (NULL);

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), worker->name);
      if (worker->role != NULL)
        g_string_append (subtitle, worker->role);
      if (worker->organisation != NULL)
        g_string_append_printf (subtitle, "%s%s", subtitle->len > 0 ? " · " : "",
                                worker->organisation);
      if (worker->contact != NULL)
        g_string_append_printf (subtitle, "%s%s", subtitle->len > 0 ? " · " : "",
                                worker->contact);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle->str);
      adw_preferences_group_add (self->workers_group, row);
      g_ptr_array_add (self->worker_rows, row);
    }
  gtk_widget_set_visible (self->no_workers_row, self->worker_rows->len == 0);
}

/* For tests: the rows of the responsible workers shown. */
GPtrArray *
polku_plan_editor_get_worker_rows (PolkuPlanEditor *self)
{
  g_return_val_if_fail (POLKU_IS_PLAN_EDITOR (self), NULL);
  return self->worker_rows;
}

/* The review row: Enter or its apply button hands the text to the view, which saves it as
 * the case's review date. */
static void
on_review_apply (PolkuPlanEditor *self)
{
  g_signal_emit (self, signals[SIGNAL_REVIEW_APPLY], 0,
                 gtk_editable_get_text (GTK_EDITABLE (self->review_row)));
}

/* The view could not take the review date: it stays as typed, marked. */
void
polku_plan_editor_mark_review_wrong (PolkuPlanEditor *self)
{
  g_return_if_fail (POLKU_IS_PLAN_EDITOR (self));
  gtk_widget_add_css_class (GTK_WIDGET (self->review_row), "error");
}

JsonNode *
polku_plan_editor_get_document (PolkuPlanEditor *self)
{
  g_return_val_if_fail (POLKU_IS_PLAN_EDITOR (self), NULL);
  return self->document;
}

GtkWidget *
polku_plan_editor_new (void)
{
  return g_object_new (POLKU_TYPE_PLAN_EDITOR, NULL);
}

static void
polku_plan_editor_dispose (GObject *object)
{
  PolkuPlanEditor *self = POLKU_PLAN_EDITOR (object);

  if (self->keep_scroll_id != 0)
    {
      GdkFrameClock *clock = gtk_widget_get_frame_clock (GTK_WIDGET (self));

      g_clear_signal_handler (&self->keep_scroll_id, vadjustment (self));
      if (clock != NULL)
        g_signal_handlers_disconnect_by_func (clock, on_after_paint, self);
    }
  gtk_widget_dispose_template (GTK_WIDGET (object), POLKU_TYPE_PLAN_EDITOR);

  G_OBJECT_CLASS (polku_plan_editor_parent_class)->dispose (object);
}

static void
polku_plan_editor_finalize (GObject *object)
{
  PolkuPlanEditor *self = (PolkuPlanEditor *) object;

  g_clear_pointer (&self->document, json_node_unref);
  g_clear_pointer (&self->element_rows, g_ptr_array_unref);
  g_clear_pointer (&self->worker_rows, g_ptr_array_unref);

  G_OBJECT_CLASS (polku_plan_editor_parent_class)->finalize (object);
}

static void
polku_plan_editor_class_init (PolkuPlanEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  static const char * const nouns[] = { "goal", "action", "service", "view" };

  object_class->dispose = polku_plan_editor_dispose;
  object_class->finalize = polku_plan_editor_finalize;

  /**
   * PolkuPlanEditor::edit:
   * @key: (nullable): the same while one field is typed in; %NULL for a step of its own
   *
   * The document is about to change.
   */
  signals[SIGNAL_EDIT] = g_signal_new ("edit", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                       0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_POINTER);
  signals[SIGNAL_CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass),
                                          G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                          G_TYPE_NONE, 0);
  /* A goal, action, service or differing view was removed (after ::changed). */
  signals[SIGNAL_REMOVED] = g_signal_new ("removed", G_TYPE_FROM_CLASS (klass),
                                          G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                          G_TYPE_NONE, 0);
  /**
   * PolkuPlanEditor::review-apply:
   * @text: the review date as typed (d.m.yyyy), empty for none
   *
   * The case's review date is to be set: the view saves it at once.
   */
  signals[SIGNAL_REVIEW_APPLY] = g_signal_new ("review-apply", G_TYPE_FROM_CLASS (klass),
                                               G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                               G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/polku-plan-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, PolkuPlanEditor, language_row);
  gtk_widget_class_bind_template_child (widget_class, PolkuPlanEditor, agreed_on_row);
  gtk_widget_class_bind_template_child (widget_class, PolkuPlanEditor, review_row);
  gtk_widget_class_bind_template_child (widget_class, PolkuPlanEditor, review_overdue_label);
  gtk_widget_class_bind_template_child (widget_class, PolkuPlanEditor, client_view_text);
  gtk_widget_class_bind_template_child (widget_class, PolkuPlanEditor, main_burden_text);
  gtk_widget_class_bind_template_child (widget_class, PolkuPlanEditor, workers_group);
  gtk_widget_class_bind_template_child (widget_class, PolkuPlanEditor, no_workers_row);
  gtk_widget_class_bind_template_callback (widget_class, on_review_apply);
  gtk_widget_class_bind_template_child (widget_class, PolkuPlanEditor, no_goals_label);
  gtk_widget_class_bind_template_child (widget_class, PolkuPlanEditor, goals_box);
  gtk_widget_class_bind_template_child (widget_class, PolkuPlanEditor, services_group);
  gtk_widget_class_bind_template_child (widget_class, PolkuPlanEditor, views_group);

  for (guint i = 0; i < G_N_ELEMENTS (nouns); i++)
    {
      /* An action is added to a goal (its index), the others to the plan. */
      const char *add_type = g_str_equal (nouns[i], "action") ? "u" : NULL;
      const char *type = g_str_equal (nouns[i], "action") ? "(uu)" : "u";
      g_autofree char *add = g_strdup_printf ("plan.add-%s", nouns[i]);
      g_autofree char *remove = g_strdup_printf ("plan.remove-%s", nouns[i]);

      gtk_widget_class_install_action (widget_class, add, add_type, add_element_action);
      gtk_widget_class_install_action (widget_class, remove, type, remove_element_action);
      if (i < 2)
        {
          g_autofree char *up = g_strdup_printf ("plan.move-%s-up", nouns[i]);
          g_autofree char *down = g_strdup_printf ("plan.move-%s-down", nouns[i]);

          gtk_widget_class_install_action (widget_class, up, type, move_element_action);
          gtk_widget_class_install_action (widget_class, down, type, move_element_action);
        }
    }
}

static void
polku_plan_editor_init (PolkuPlanEditor *self)
{
  self->element_rows = g_ptr_array_new ();
  self->worker_rows = g_ptr_array_new ();
  gtk_widget_init_template (GTK_WIDGET (self));

  for (guint i = 0; i < G_N_ELEMENTS (fixed_fields); i++)
    {
      GtkWidget *widget = G_STRUCT_MEMBER (GtkWidget *, self, fixed_fields[i].offset);
      g_auto(GStrv) codes = NULL;

      if (fixed_fields[i].kind == FIELD_CODE)
        {
          g_autoptr(GListModel) model = choices_model (FIELD_CODE, fixed_fields[i].code_kind,
                                                       &codes);

          adw_combo_row_set_model (ADW_COMBO_ROW (widget), model);
        }
      field_attach (self, widget, fixed_fields[i].member, fixed_fields[i].kind,
                    g_steal_pointer (&codes));
    }
  polku_plan_editor_set_document (self, NULL);
}
