/* polku-conflict-edit.c: Edit… in the conflict queue: the form where a person writes or
 * chooses the value that stays
 *
 * Split from polku-conflicts-window.c, which lists the conflicts and decides them: this
 * file only asks for the value (in the plan's words for a code, d.m.yyyy for a date, the
 * text as it is, anything else as JSON) and hands it to the queue's decide function (it
 * does not include the queue's header: the queue includes this one). It also keeps the two
 * small readings of a conflict's value both files use.
 *
 * Copyright 2026 The Polku authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "polku-conflict-edit"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "polku-conflict-edit.h"
#include "polku-json.h"
#include "polku-plan-store.h"

/**
 * polku_conflict_parse_value:
 * @json: a conflict's value as JSON text
 *
 * Returns: (transfer full) (nullable): the value, read with the JSON bounds of data from
 *   outside; %NULL with @error set when it is not JSON
 */
JsonNode *
polku_conflict_parse_value (const char  *json,
                            GError     **error)
{
  g_autoptr(GBytes) bytes = NULL;

  g_return_val_if_fail (json != NULL, NULL);

  bytes = g_bytes_new (json, strlen (json));
  return polku_json_parse_bounded (bytes, error);
}

/**
 * polku_conflict_plan_member_path:
 * @path: (nullable): a conflict's path
 *
 * Returns: (nullable): the path of a conflict over a member of the plan, as the plan document
 *   has it ("goals/<id>/status"); %NULL for a conflict outside the plan (the team, the client)
 */
const char *
polku_conflict_plan_member_path (const char *path)
{
  return path != NULL && g_str_has_prefix (path, "plan/") ? path + strlen ("plan/") : NULL;
}

/* The form's validation data: who decides, with what. */
typedef struct
{
  PolkuConflictDecide decide;
  gpointer            data;
  GDestroyNotify      destroy;
} Decider;

static void
decider_free (gpointer data)
{
  Decider *decider = data;

  if (decider->destroy != NULL)
    decider->destroy (decider->data);
  g_free (decider);
}

/* How Edit… asks for the value that stays. */
typedef enum
{
  EDIT_TEXT,     /* a text, as itself */
  EDIT_JSON,     /* anything else that is not a member below, as JSON */
  EDIT_CHOICE,   /* a code of the plan (a status, whose goal, the language), in words */
  EDIT_DATE,     /* a date of the plan, typed d.m.yyyy */
} EditKind;

/* A side's value as the JSON node it is; %NULL when that side removed it. */
static JsonNode *
side_node (const char *json)
{
  return json != NULL ? polku_conflict_parse_value (json, NULL) : NULL;
}

/* The text of a side's value, when it is one. */
static const char *
node_text (JsonNode *node)
{
  return node != NULL && JSON_NODE_HOLDS_VALUE (node)
         && json_node_get_value_type (node) == G_TYPE_STRING
         ? json_node_get_string (node) : NULL;
}

/* The value as it is edited: a text as itself, anything else as JSON. */
static char *
editable_value (JsonNode   *node,
                const char *json,
                gboolean    text)
{
  if (json == NULL)
    return g_strdup ("");
  if (node == NULL)
    return g_strdup (json);
  if (text && node_text (node) != NULL)
    return g_strdup (node_text (node));
  return json_to_string (node, TRUE);
}

static gboolean
validate_edit (PolkuFormDialog  *form,
               gpointer          user_data,
               GError          **error)
{
  Decider *decider = user_data;
  const char *conflict_id = g_object_get_data (G_OBJECT (form), "polku-conflict-id");
  EditKind kind = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (form), "polku-edit-kind"));
  g_autofree char *typed = NULL;
  g_autoptr(JsonNode) value = NULL;

  switch (kind)
    {
    case EDIT_CHOICE:
      value = json_node_new (JSON_NODE_VALUE);
      json_node_set_string (value, polku_form_dialog_get_choice (form, "value"));
      break;
    case EDIT_DATE:
      /* The form has read the date already; an empty row removes it. */
      typed = polku_form_dialog_get_date_iso (form, "value");
      if (typed != NULL)
        {
          value = json_node_new (JSON_NODE_VALUE);
          json_node_set_string (value, typed);
        }
      break;
    case EDIT_TEXT:
      typed = polku_form_dialog_get_text (form, "value");
      value = json_node_new (JSON_NODE_VALUE);
      json_node_set_string (value, typed != NULL ? typed : "");
      break;
    case EDIT_JSON:
    default:
      {
        g_autoptr(GError) parse_error = NULL;

        typed = polku_form_dialog_get_text (form, "value");
        value = polku_conflict_parse_value (typed != NULL ? typed : "", &parse_error);
        if (value == NULL)
          {
            g_set_error (error, POLKU_SYNC_ERROR, POLKU_SYNC_ERROR_INVALID,
                         _("This part of the plan is structured data (JSON), and what was "
                           "written is not valid JSON: %s"), parse_error->message);
            return FALSE;
          }
      }
      break;
    }
  return decider->decide (decider->data, conflict_id, value, error);
}

/**
 * polku_conflict_edit_open:
 * @parent: the queue's window
 * @conflict: an open conflict
 * @decide: decides @conflict with the value that stays (the queue's own resolve)
 * @data: (closure): for @decide
 * @destroy: frees @data when the form goes
 *
 * Opens the form that decides @conflict with a value of one's own (what Edit… does). A code
 * of the plan (a goal's or an action's status, whose goal it is, the plan's language) is
 * chosen in the plan editor's words and a date typed as d.m.yyyy, starting from this side's
 * value (the other side's when this side removed it); what is saved is the code or
 * YYYY-MM-DD. Any other text is written as it is, anything else as JSON. A value refused
 * leaves the form open with the reason and the conflict open.
 *
 * Returns: (transfer none): the form, presented
 */
PolkuFormDialog *
polku_conflict_edit_open (GtkWidget           *parent,
                          PolkuSyncConflict   *conflict,
                          PolkuConflictDecide  decide,
                          gpointer             data,
                          GDestroyNotify       destroy)
{
  Decider *decider;
  const char *conflict_id;
  PolkuFormDialog *form;
  const char *local_json;
  const char *remote_json;
  const char *member;
  PolkuPlanMemberKind member_kind = POLKU_PLAN_MEMBER_TEXT;
  g_autoptr(JsonNode) local = NULL;
  g_autoptr(JsonNode) remote = NULL;
  g_autoptr(JsonNode) base = NULL;
  g_auto(GStrv) codes = NULL;
  g_auto(GStrv) labels = NULL;
  EditKind kind;

  g_return_val_if_fail (GTK_IS_WIDGET (parent), NULL);
  g_return_val_if_fail (POLKU_IS_SYNC_CONFLICT (conflict), NULL);
  g_return_val_if_fail (decide != NULL, NULL);

  conflict_id = polku_sync_conflict_get_id (conflict);
  local_json = polku_sync_conflict_get_local_value (conflict);
  remote_json = polku_sync_conflict_get_remote_value (conflict);
  local = side_node (local_json);
  remote = side_node (remote_json);
  base = side_node (polku_sync_conflict_get_base_value (conflict));
  member = polku_conflict_plan_member_path (polku_sync_conflict_get_path (conflict));
  if (member != NULL)
    member_kind = polku_plan_member_get_kind (member);
  codes = polku_plan_member_dup_choices (member_kind, &labels);

  if (codes != NULL)
    kind = EDIT_CHOICE;
  else if (member_kind == POLKU_PLAN_MEMBER_DATE)
    kind = EDIT_DATE;
  else if (node_text (local) != NULL || node_text (remote) != NULL
           || (local_json == NULL && remote_json == NULL))
    kind = EDIT_TEXT;
  else
    kind = EDIT_JSON;

  form = polku_form_dialog_new (parent, polku_sync_conflict_get_title (conflict),
                                kind == EDIT_CHOICE
                                ? _("Choose the value that should stay. It replaces both "
                                    "sides here, and the next sync sends it.")
                                : _("Write the value that should stay. It replaces both sides "
                                    "here, and the next sync sends it."),
                                _("_Decide"));
  switch (kind)
    {
    case EDIT_CHOICE:
      {
        /* This side's code, else the other side's, else what it was before; a value that is
         * none of the member's codes (which the plan refuses) leaves the first choice. */
        JsonNode *sides[] = { local, remote, base };

        polku_form_dialog_add_choice (form, "value", _("The value that stays"),
                                      (const char * const *) codes,
                                      (const char * const *) labels, FALSE);
        for (guint i = 0; i < G_N_ELEMENTS (sides); i++)
          if (node_text (sides[i]) != NULL && g_strv_contains ((const char * const *) codes,
                                                               node_text (sides[i])))
            {
              polku_form_dialog_set_choice (form, "value", node_text (sides[i]));
              break;
            }
      }
      break;
    case EDIT_DATE:
      polku_form_dialog_add_date (form, "value", _("The value that stays"),
                                  local_json != NULL ? node_text (local) : node_text (remote));
      break;
    case EDIT_TEXT:
    case EDIT_JSON:
    default:
      {
        gboolean text = kind == EDIT_TEXT;
        g_autofree char *initial = local_json != NULL ? editable_value (local, local_json, text)
                                                      : editable_value (remote, remote_json,
                                                                        text);

        polku_form_dialog_add_multiline (form, "value", _("The value that stays"));
        polku_form_dialog_set_text (form, "value", initial);
      }
      break;
    }
  g_object_set_data_full (G_OBJECT (form), "polku-conflict-id", g_strdup (conflict_id), g_free);
  g_object_set_data (G_OBJECT (form), "polku-edit-kind", GINT_TO_POINTER (kind));
  decider = g_new0 (Decider, 1);
  decider->decide = decide;
  decider->data = data;
  decider->destroy = destroy;
  polku_form_dialog_set_validate (form, validate_edit, decider, decider_free);
  gtk_window_present (GTK_WINDOW (form));
  return form;
}

