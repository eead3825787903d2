/* polku-plan.c: the shared care-and-service plan as a document: its rules, stamps and
 * templates
 *
 * Copyright 2026 The Polku authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The document's shape is in polku-plan.h; its schema is polku-plan-validate.c.
 */

#define G_LOG_DOMAIN "polku-plan"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "polku-continuity.h"
#include "polku-core-resources.h"
#include "polku-date.h"
#include "polku-plan-private.h"
#include "polku-json.h"
#include "polku-plan.h"

#define TEMPLATES_PATH "/io/github/polku/Polku/core/plan-templates"

G_DEFINE_QUARK (polku-plan-error-quark, polku_plan_error)

static const char * const goal_status_codes[] = {
  "proposed", "active", "achieved", "not_achieved", "dropped", NULL
};
static const char * const goal_status_labels[] = {
  N_("Proposed"), N_("Active"), N_("Achieved"), N_("Not achieved"), N_("Dropped"),
};
static const char * const action_status_codes[] = {
  "planned", "in_progress", "done", "cancelled", NULL
};
static const char * const action_status_labels[] = {
  N_("Planned"), N_("In progress"), N_("Done"), N_("Cancelled"),
};

const char *
polku_plan_goal_status_to_code (PolkuPlanGoalStatus status)
{
  g_return_val_if_fail (status <= POLKU_PLAN_GOAL_DROPPED, NULL);
  return goal_status_codes[status];
}

gboolean
polku_plan_goal_status_from_code (const char          *code,
                                  PolkuPlanGoalStatus *out_status)
{
  for (guint i = 0; code != NULL && goal_status_codes[i] != NULL; i++)
    if (g_str_equal (code, goal_status_codes[i]))
      {
        if (out_status != NULL)
          *out_status = i;
        return TRUE;
      }
  return FALSE;
}

/* In the UI language. */
const char *
polku_plan_goal_status_get_label (PolkuPlanGoalStatus status)
{
  g_return_val_if_fail (status <= POLKU_PLAN_GOAL_DROPPED, NULL);
  return _(goal_status_labels[status]);
}

const char *
polku_plan_action_status_to_code (PolkuPlanActionStatus status)
{
  g_return_val_if_fail (status <= POLKU_PLAN_ACTION_CANCELLED, NULL);
  return action_status_codes[status];
}

gboolean
polku_plan_action_status_from_code (const char            *code,
                                    PolkuPlanActionStatus *out_status)
{
  for (guint i = 0; code != NULL && action_status_codes[i] != NULL; i++)
    if (g_str_equal (code, action_status_codes[i]))
      {
        if (out_status != NULL)
          *out_status = i;
        return TRUE;
      }
  return FALSE;
}

const char *
polku_plan_action_status_get_label (PolkuPlanActionStatus status)
{
  g_return_val_if_fail (status <= POLKU_PLAN_ACTION_CANCELLED, NULL);
  return _(action_status_labels[status]);
}

/* Members whose value is a code, a date or a rating */

static const char * const language_codes[] = { "fi", "sv", NULL };
static const char * const language_labels[] = { N_("Finnish"), N_("Swedish") };
static const char * const expressed_by_codes[] = { "client", "professional", NULL };
static const char * const expressed_by_labels[] = { N_("The client"), N_("A professional") };

/* The codes of a coded member with their labels (N_ ()); FALSE for a member of another kind. */
static gboolean
member_codes (PolkuPlanMemberKind   kind,
              const char * const  **out_codes,
              const char * const  **out_labels)
{
  switch (kind)
    {
    case POLKU_PLAN_MEMBER_LANGUAGE:
      *out_codes = language_codes;
      *out_labels = language_labels;
      return TRUE;
    case POLKU_PLAN_MEMBER_EXPRESSED_BY:
      *out_codes = expressed_by_codes;
      *out_labels = expressed_by_labels;
      return TRUE;
    case POLKU_PLAN_MEMBER_GOAL_STATUS:
      *out_codes = goal_status_codes;
      *out_labels = goal_status_labels;
      return TRUE;
    case POLKU_PLAN_MEMBER_ACTION_STATUS:
      *out_codes = action_status_codes;
      *out_labels = action_status_labels;
      return TRUE;
    case POLKU_PLAN_MEMBER_TEXT:
    case POLKU_PLAN_MEMBER_DATE:
    case POLKU_PLAN_MEMBER_PROGRESS:
    default:
      return FALSE;
    }
}

/**
 * polku_plan_member_get_kind:
 * @path: a member's path in the plan document, as polku_plan_compare () keys its rows:
 *   "language", "goals/<id>/status", "goals/<id>/actions/<id>/due_date"
 *
 * Returns: what the member's value is; %POLKU_PLAN_MEMBER_TEXT for any other path
 */
PolkuPlanMemberKind
polku_plan_member_get_kind (const char *path)
{
  static const struct
  {
    guint               depth;   /* 0 the plan's, 1 a goal's, 2 an action's */
    const char         *member;
    PolkuPlanMemberKind kind;
  } kinds[] = {
    { 0, "language", POLKU_PLAN_MEMBER_LANGUAGE },
    { 0, "agreed_on", POLKU_PLAN_MEMBER_DATE },
    { 0, "next_review", POLKU_PLAN_MEMBER_DATE },   /* a legacy member (polku-plan.h) */
    { 1, "expressed_by", POLKU_PLAN_MEMBER_EXPRESSED_BY },
    { 1, "target_date", POLKU_PLAN_MEMBER_DATE },
    { 1, "status", POLKU_PLAN_MEMBER_GOAL_STATUS },
    { 1, "client_progress", POLKU_PLAN_MEMBER_PROGRESS },
    { 2, "due_date", POLKU_PLAN_MEMBER_DATE },
    { 2, "status", POLKU_PLAN_MEMBER_ACTION_STATUS },
  };
  g_auto(GStrv) parts = NULL;
  guint n;
  guint depth;

  g_return_val_if_fail (path != NULL, POLKU_PLAN_MEMBER_TEXT);

  parts = g_strsplit (path, "/", 6);
  n = g_strv_length (parts);
  if (n == 1)
    depth = 0;
  else if (n == 3 && g_str_equal (parts[0], "goals"))
    depth = 1;
  else if (n == 5 && g_str_equal (parts[0], "goals") && g_str_equal (parts[2], "actions"))
    depth = 2;
  else
    return POLKU_PLAN_MEMBER_TEXT;

  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    if (kinds[i].depth == depth && g_str_equal (kinds[i].member, parts[n - 1]))
      return kinds[i].kind;
  return POLKU_PLAN_MEMBER_TEXT;
}

/**
 * polku_plan_dup_member_text:
 * @path: the member's path in the plan document (see polku_plan_member_get_kind ())
 * @value: (nullable): its value
 *
 * The value as the plan view says it, in the UI language: a status, whose goal it is and the
 * plan's language in words, a date as d.m.yyyy, the client's rating as "7/10"; a code the
 * member does not have, and any other member's text or whole number, as it is.
 *
 * Returns: (transfer full) (nullable): the words; %NULL when @value is absent, null, "", or
 *   neither a text nor a whole number (an element or a list: the caller words those)
 */
char *
polku_plan_dup_member_text (const char *path,
                            JsonNode   *value)
{
  PolkuPlanMemberKind kind;
  const char * const *codes;
  const char * const *labels;
  const char *text;

  g_return_val_if_fail (path != NULL, NULL);

  if (value == NULL || !JSON_NODE_HOLDS_VALUE (value))
    return NULL;
  kind = polku_plan_member_get_kind (path);
  if (json_node_get_value_type (value) == G_TYPE_INT64)
    {
      g_autofree char *digits = g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (value));

      if (kind == POLKU_PLAN_MEMBER_PROGRESS)
        /* Translators: the client's own rating of progress, from 0 to 10 */
        return g_strdup_printf (_("%s/10"), digits);
      return g_steal_pointer (&digits);
    }
  if (json_node_get_value_type (value) != G_TYPE_STRING)
    return NULL;

  text = json_node_get_string (value);
  if (text[0] == '\0')
    return NULL;
  if (kind == POLKU_PLAN_MEMBER_DATE)
    return polku_date_format_user (text);
  if (member_codes (kind, &codes, &labels))
    for (guint i = 0; codes[i] != NULL; i++)
      if (g_str_equal (codes[i], text))
        return g_strdup (_(labels[i]));
  return g_strdup (text);
}

/**
 * polku_plan_member_dup_choices:
 * @kind: what a member's value is
 * @out_labels: (out) (optional) (transfer full): the choices in the UI language, one for each
 *   code; %NULL when the member is not coded
 *
 * Returns: (transfer full) (nullable): the codes a coded member (a status, whose goal it is,
 *   the plan's language) may hold, in the plan editor's order; %NULL for a date, a rating or
 *   text
 */
GStrv
polku_plan_member_dup_choices (PolkuPlanMemberKind  kind,
                               GStrv               *out_labels)
{
  const char * const *codes;
  const char * const *labels;

  if (!member_codes (kind, &codes, &labels))
    {
      if (out_labels != NULL)
        *out_labels = NULL;
      return NULL;
    }
  if (out_labels != NULL)
    {
      g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

      for (guint i = 0; codes[i] != NULL; i++)
        g_strv_builder_add (builder, _(labels[i]));
      *out_labels = g_strv_builder_end (builder);
    }
  return g_strdupv ((char **) codes);
}

JsonNode *
polku_plan_node_deep_copy (JsonNode *node)
{
  JsonNode *copy;

  g_return_val_if_fail (node != NULL, NULL);

  if (JSON_NODE_HOLDS_OBJECT (node))
    {
      JsonObject *source = json_node_get_object (node);
      JsonObject *object = json_object_new ();
      g_autoptr(GList) names = json_object_get_members (source);

      for (GList *l = names; l != NULL; l = l->next)
        json_object_set_member (object, l->data,
                                polku_plan_node_deep_copy (json_object_get_member (source,
                                                                                   l->data)));
      copy = json_node_new (JSON_NODE_OBJECT);
      json_node_take_object (copy, object);
      return copy;
    }

  if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *source = json_node_get_array (node);
      JsonArray *array = json_array_sized_new (json_array_get_length (source));

      for (guint i = 0; i < json_array_get_length (source); i++)
        json_array_add_element (array,
                                polku_plan_node_deep_copy (json_array_get_element (source, i)));
      copy = json_node_new (JSON_NODE_ARRAY);
      json_node_take_array (copy, array);
      return copy;
    }

  return json_node_copy (node);
}

char *
polku_plan_new_element_id (void)
{
  return g_uuid_string_random ();
}

/**
 * polku_plan_document_new:
 * @client_id: the client's id
 * @language: "fi" or "sv"
 *
 * Returns: (transfer full): an empty plan (not stamped yet)
 */
JsonNode *
polku_plan_document_new (const char *client_id,
                         const char *language)
{
  g_autoptr(JsonObject) object = json_object_new ();
  g_autofree char *id = g_uuid_string_random ();
  JsonNode *node;

  g_return_val_if_fail (client_id != NULL, NULL);

  json_object_set_int_member (object, "schema", POLKU_PLAN_SCHEMA);
  json_object_set_string_member (object, "id", id);
  json_object_set_string_member (object, "client_id", client_id);
  json_object_set_string_member (object, "language",
                                 g_strcmp0 (language, "sv") == 0 ? "sv" : "fi");
  json_object_set_null_member (object, "client_view");
  json_object_set_null_member (object, "main_burden");
  json_object_set_null_member (object, "agreed_on");
  json_object_set_array_member (object, "goals", json_array_new ());
  json_object_set_array_member (object, "services", json_array_new ());
  json_object_set_array_member (object, "differing_views", json_array_new ());

  node = json_node_new (JSON_NODE_OBJECT);
  json_node_set_object (node, object);
  return node;
}

/* The members that versions before schema 7 carried and new versions do not (polku-plan.h):
 * the one list of them. */
static const char * const legacy_members[] = { "responsible_worker", "next_review", NULL };

/**
 * polku_plan_document_has_legacy:
 * @document: a plan
 *
 * Whether @document carries a member that versions before schema 7 carried and new versions
 * do not ("responsible_worker", "next_review": see polku-plan.h), one that
 * polku_plan_document_drop_legacy () removes.
 *
 * Returns: %TRUE when it does
 */
gboolean
polku_plan_document_has_legacy (JsonNode *document)
{
  JsonObject *plan;

  g_return_val_if_fail (document != NULL, FALSE);

  if (!JSON_NODE_HOLDS_OBJECT (document))
    return FALSE;
  plan = json_node_get_object (document);
  for (guint i = 0; legacy_members[i] != NULL; i++)
    if (json_object_has_member (plan, legacy_members[i]))
      return TRUE;
  return FALSE;
}

/**
 * polku_plan_document_drop_legacy:
 * @document: a plan
 *
 * Removes the members that versions before schema 7 carried and new versions do not
 * ("responsible_worker", "next_review": see polku-plan.h); afterwards
 * polku_plan_document_has_legacy () is %FALSE.
 */
void
polku_plan_document_drop_legacy (JsonNode *document)
{
  JsonObject *plan;

  g_return_if_fail (document != NULL);

  if (!JSON_NODE_HOLDS_OBJECT (document))
    return;
  plan = json_node_get_object (document);
  for (guint i = 0; legacy_members[i] != NULL; i++)
    if (json_object_has_member (plan, legacy_members[i]))
      json_object_remove_member (plan, legacy_members[i]);
}

JsonNode *
polku_plan_document_from_string (const char  *text,
                                 GError     **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (text != NULL, NULL);

  /* json-glib recurses: nesting no plan has is refused before it sees it. */
  if (!polku_json_check_depth (text, strlen (text), POLKU_JSON_MAX_DEPTH, &local_error)
      || !json_parser_load_from_data (parser, text, -1, &local_error))
    {
      g_set_error (error, POLKU_PLAN_ERROR, POLKU_PLAN_ERROR_INVALID,
                   _("The plan is not valid JSON: %s"), local_error->message);
      return NULL;
    }
  if (json_parser_get_root (parser) == NULL)
    {
      g_set_error (error, POLKU_PLAN_ERROR, POLKU_PLAN_ERROR_INVALID,
                   _("The plan is empty: a JSON object was expected."));
      return NULL;
    }
  return json_node_copy (json_parser_get_root (parser));
}

char *
polku_plan_document_to_string (JsonNode *document,
                               gboolean  pretty)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();

  g_return_val_if_fail (document != NULL, NULL);

  json_generator_set_root (generator, document);
  json_generator_set_pretty (generator, pretty);
  return json_generator_to_data (generator, NULL);
}

const char *
polku_plan_document_get_language (JsonNode *document)
{
  g_return_val_if_fail (document != NULL, "fi");

  if (!JSON_NODE_HOLDS_OBJECT (document))
    return "fi";
  return g_strcmp0 (polku_json_get_string (json_node_get_object (document), "language"),
                    "sv") == 0 ? "sv" : "fi";
}

/* Stamps */

static gboolean
is_stamp_member (const char *name)
{
  return g_str_equal (name, "created") || g_str_equal (name, "modified");
}

/* Equal, with members named in @skip (and created/modified) left out; a missing member
 * equals null. @deep_skip leaves stamps out at every depth. */
static gboolean
nodes_equal (JsonNode   *a,
             JsonNode   *b,
             const char *skip,
             gboolean    deep_skip);

static gboolean
objects_equal (JsonObject *a,
               JsonObject *b,
               const char *skip,
               gboolean    deep_skip)
{
  g_autoptr(GList) names_a = json_object_get_members (a);
  g_autoptr(GList) names_b = json_object_get_members (b);

  for (int pass = 0; pass < 2; pass++)
    {
      for (GList *l = pass == 0 ? names_a : names_b; l != NULL; l = l->next)
        {
          const char *name = l->data;
          JsonNode *va = json_object_get_member (a, name);
          JsonNode *vb = json_object_get_member (b, name);

          if (is_stamp_member (name) || g_strcmp0 (name, skip) == 0)
            continue;
          if (va == NULL && JSON_NODE_HOLDS_NULL (vb))
            continue;
          if (vb == NULL && JSON_NODE_HOLDS_NULL (va))
            continue;
          if (va == NULL || vb == NULL)
            return FALSE;
          if (pass == 0 && !nodes_equal (va, vb, NULL, deep_skip))
            return FALSE;
        }
    }
  return TRUE;
}

static gboolean
nodes_equal (JsonNode   *a,
             JsonNode   *b,
             const char *skip,
             gboolean    deep_skip)
{
  if (JSON_NODE_TYPE (a) != JSON_NODE_TYPE (b))
    return FALSE;

  if (JSON_NODE_HOLDS_OBJECT (a))
    {
      if (!deep_skip && skip == NULL)
        return json_node_equal (a, b);
      return objects_equal (json_node_get_object (a), json_node_get_object (b), skip,
                            deep_skip);
    }

  if (JSON_NODE_HOLDS_ARRAY (a))
    {
      JsonArray *aa = json_node_get_array (a);
      JsonArray *ab = json_node_get_array (b);

      if (json_array_get_length (aa) != json_array_get_length (ab))
        return FALSE;
      for (guint i = 0; i < json_array_get_length (aa); i++)
        if (!nodes_equal (json_array_get_element (aa, i), json_array_get_element (ab, i),
                          NULL, deep_skip))
          return FALSE;
      return TRUE;
    }

  return json_node_equal (a, b);
}

/**
 * polku_plan_document_same_content:
 *
 * Returns: %TRUE when @a and @b say the same, whatever their stamps.
 */
gboolean
polku_plan_document_same_content (JsonNode *a,
                                  JsonNode *b)
{
  g_return_val_if_fail (a != NULL && b != NULL, FALSE);

  return nodes_equal (a, b, NULL, TRUE);
}

/* Every element of the base by id: goals, actions, services, differing views. */
static void
index_elements (JsonObject *plan,
                GHashTable *index)
{
  static const char * const arrays[] = { "goals", "services", "differing_views", NULL };

  for (guint a = 0; arrays[a] != NULL; a++)
    {
      JsonArray *array = polku_json_get_array (plan, arrays[a]);

      for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
        {
          JsonObject *element = json_array_get_object_element (array, i);
          JsonArray *actions;

          g_hash_table_insert (index,
                               (gpointer) json_object_get_string_member (element, "id"),
                               element);
          actions = g_str_equal (arrays[a], "goals") ? polku_json_get_array (element, "actions")
                                                     : NULL;
          for (guint j = 0; actions != NULL && j < json_array_get_length (actions); j++)
            {
              JsonObject *action = json_array_get_object_element (actions, j);

              g_hash_table_insert (index,
                                   (gpointer) json_object_get_string_member (action, "id"),
                                   action);
            }
        }
    }
}

/* The ids of a goal's actions, in order, as one string. */
static char *
action_ids (JsonObject *goal)
{
  JsonArray *actions = polku_json_get_array (goal, "actions");
  GString *ids = g_string_new (NULL);

  for (guint i = 0; actions != NULL && i < json_array_get_length (actions); i++)
    {
      g_string_append (ids, json_object_get_string_member (
                              json_array_get_object_element (actions, i), "id"));
      g_string_append_c (ids, ' ');
    }
  return g_string_free (ids, FALSE);
}

static void
stamp_element (JsonObject *element,
               GHashTable *base_index,
               const char *now,
               gboolean    is_goal)
{
  JsonObject *base = g_hash_table_lookup (base_index,
                                          json_object_get_string_member (element, "id"));
  gboolean same = FALSE;

  if (base != NULL)
    {
      same = objects_equal (element, base, is_goal ? "actions" : NULL, TRUE);
      if (same && is_goal)
        {
          g_autofree char *ids_a = action_ids (element);
          g_autofree char *ids_b = action_ids (base);

          same = g_str_equal (ids_a, ids_b);
        }
    }

  if (base != NULL && json_object_has_member (base, "created"))
    json_object_set_string_member (element, "created",
                                   json_object_get_string_member (base, "created"));
  else
    json_object_set_string_member (element, "created", now);

  if (same && json_object_has_member (base, "modified"))
    json_object_set_string_member (element, "modified",
                                   json_object_get_string_member (base, "modified"));
  else
    json_object_set_string_member (element, "modified", now);
}

/**
 * polku_plan_document_stamp:
 * @document: a valid plan
 * @base: (nullable): the version it was made from
 * @now: the time stamp of this change
 *
 * Sets the created/modified stamps of the plan and of each element: an element that is
 * new gets @now for both; a changed one keeps its created stamp and gets @now as modified;
 * an unchanged one keeps both (whatever stamps @document carried).
 */
void
polku_plan_document_stamp (JsonNode   *document,
                           JsonNode   *base,
                           const char *now)
{
  g_autoptr(GHashTable) base_index = g_hash_table_new (g_str_hash, g_str_equal);
  static const char * const arrays[] = { "goals", "services", "differing_views", NULL };
  JsonObject *plan;
  JsonObject *base_plan = NULL;

  g_return_if_fail (document != NULL && JSON_NODE_HOLDS_OBJECT (document));
  g_return_if_fail (now != NULL);

  plan = json_node_get_object (document);
  if (base != NULL && JSON_NODE_HOLDS_OBJECT (base))
    {
      base_plan = json_node_get_object (base);
      index_elements (base_plan, base_index);
    }

  for (guint a = 0; arrays[a] != NULL; a++)
    {
      JsonArray *array = polku_json_get_array (plan, arrays[a]);
      gboolean goals = g_str_equal (arrays[a], "goals");

      for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
        {
          JsonObject *element = json_array_get_object_element (array, i);
          JsonArray *actions = goals ? polku_json_get_array (element, "actions") : NULL;

          stamp_element (element, base_index, now, goals);
          for (guint j = 0; actions != NULL && j < json_array_get_length (actions); j++)
            stamp_element (json_array_get_object_element (actions, j), base_index, now,
                           FALSE);
        }
    }

  if (base_plan != NULL && json_object_has_member (base_plan, "created"))
    json_object_set_string_member (plan, "created",
                                   json_object_get_string_member (base_plan, "created"));
  else
    json_object_set_string_member (plan, "created", now);

  if (base != NULL && json_object_has_member (base_plan, "modified")
      && polku_plan_document_same_content (document, base))
    json_object_set_string_member (plan, "modified",
                                   json_object_get_string_member (base_plan, "modified"));
  else
    json_object_set_string_member (plan, "modified", now);
}

/* Templates */

void
polku_plan_template_info_free (PolkuPlanTemplateInfo *info)
{
  if (info == NULL)
    return;
  g_free (info->id);
  g_free (info->title);
  g_free (info->description);
  g_free (info);
}

/* The UI language's text of a {"en": …, "fi": …, "sv": …} object. */
static const char *
ui_text (JsonObject *object,
         const char *name)
{
  const char * const *languages = g_get_language_names ();
  JsonObject *texts = polku_json_get_object (object, name);

  if (texts == NULL)
    return "";
  for (guint i = 0; languages[i] != NULL; i++)
    {
      g_autofree char *code = g_strndup (languages[i], 2);

      if (json_object_has_member (texts, code))
        return json_object_get_string_member_with_default (texts, code, "");
    }
  return json_object_get_string_member_with_default (texts, "en", "");
}

/* A {"fi": …, "sv": …} text in @language, or a plain string. */
static const char *
language_text (JsonNode   *node,
               const char *language)
{
  if (node == NULL)
    return NULL;
  if (polku_plan_node_holds_string (node))
    return json_node_get_string (node);
  if (JSON_NODE_HOLDS_OBJECT (node))
    return polku_json_get_string (json_node_get_object (node), language);
  return NULL;
}

static JsonNode *
load_template (const char  *id,
               GError     **error)
{
  g_autofree char *path = g_strdup_printf (TEMPLATES_PATH "/%s.json", id);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) local_error = NULL;

  bytes = g_resource_lookup_data (polku_core_get_resource (), path, 0, NULL);
  if (bytes == NULL)
    {
      g_set_error (error, POLKU_PLAN_ERROR, POLKU_PLAN_ERROR_TEMPLATE,
                   _("There is no plan template “%s”."), id);
      return NULL;
    }
  if (!json_parser_load_from_data (parser, g_bytes_get_data (bytes, NULL),
                                   g_bytes_get_size (bytes), &local_error)
      || !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    {
      g_set_error (error, POLKU_PLAN_ERROR, POLKU_PLAN_ERROR_TEMPLATE,
                   _("The plan template “%s” is broken: %s"), id,
                   local_error != NULL ? local_error->message : _("not a JSON object"));
      return NULL;
    }
  return json_node_copy (json_parser_get_root (parser));
}

static int
compare_templates (gconstpointer a,
                   gconstpointer b)
{
  const PolkuPlanTemplateInfo *ta = *(PolkuPlanTemplateInfo **) a;
  const PolkuPlanTemplateInfo *tb = *(PolkuPlanTemplateInfo **) b;

  return g_utf8_collate (ta->title, tb->title);
}

/**
 * polku_plan_list_templates:
 *
 * Returns: (transfer full) (element-type PolkuPlanTemplateInfo): the plan templates, by
 *   title in the UI language
 */
GPtrArray *
polku_plan_list_templates (void)
{
  GPtrArray *templates = g_ptr_array_new_with_free_func (
                           (GDestroyNotify) polku_plan_template_info_free);
  g_auto(GStrv) names = NULL;

  names = g_resource_enumerate_children (polku_core_get_resource (), TEMPLATES_PATH, 0, NULL);
  for (guint i = 0; names != NULL && names[i] != NULL; i++)
    {
      g_autofree char *id = NULL;
      g_autoptr(JsonNode) node = NULL;
      PolkuPlanTemplateInfo *info;

      if (!g_str_has_suffix (names[i], ".json"))
        continue;
      id = g_strndup (names[i], strlen (names[i]) - strlen (".json"));
      node = load_template (id, NULL);
      if (node == NULL)
        continue;

      info = g_new0 (PolkuPlanTemplateInfo, 1);
      info->id = g_steal_pointer (&id);
      info->title = g_strdup (ui_text (json_node_get_object (node), "title"));
      info->description = g_strdup (ui_text (json_node_get_object (node), "description"));
      g_ptr_array_add (templates, info);
    }

  g_ptr_array_sort (templates, compare_templates);
  return templates;
}

static void
set_string_or_null (JsonObject *object,
                    const char *name,
                    const char *value)
{
  if (value != NULL)
    json_object_set_string_member (object, name, value);
  else
    json_object_set_null_member (object, name);
}

/**
 * polku_plan_document_new_from_template:
 * @template_id: a template's id (polku_plan_list_templates ())
 * @client_id: the client's id
 * @language: the plan's language, "fi" or "sv"
 *
 * Returns: (transfer full): a new plan with the template's goals, actions and services in
 *   @language, each with a new id; or %NULL with POLKU_PLAN_ERROR_TEMPLATE
 */
JsonNode *
polku_plan_document_new_from_template (const char  *template_id,
                                       const char  *client_id,
                                       const char  *language,
                                       GError     **error)
{
  g_autoptr(JsonNode) template = NULL;
  g_autoptr(JsonNode) document = NULL;
  g_autoptr(GError) local_error = NULL;
  JsonObject *source;
  JsonObject *plan;
  JsonArray *goals, *tgoals;
  JsonArray *services, *tservices;

  g_return_val_if_fail (template_id != NULL, NULL);
  g_return_val_if_fail (client_id != NULL, NULL);

  template = load_template (template_id, error);
  if (template == NULL)
    return NULL;

  language = g_strcmp0 (language, "sv") == 0 ? "sv" : "fi";
  document = polku_plan_document_new (client_id, language);
  plan = json_node_get_object (document);
  source = json_node_get_object (template);
  goals = json_object_get_array_member (plan, "goals");
  services = json_object_get_array_member (plan, "services");

  tgoals = polku_json_get_array (source, "goals");
  tservices = polku_json_get_array (source, "services");
  for (guint i = 0; tgoals != NULL && i < json_array_get_length (tgoals); i++)
    {
      JsonObject *tgoal = json_array_get_object_element (tgoals, i);
      JsonArray *tactions = polku_json_get_array (tgoal, "actions");
      g_autoptr(JsonObject) goal = json_object_new ();
      g_autofree char *goal_id = polku_plan_new_element_id ();
      JsonArray *actions = json_array_new ();

      json_object_set_string_member (goal, "id", goal_id);
      set_string_or_null (goal, "text",
                          language_text (json_object_get_member (tgoal, "text"), language));
      json_object_set_string_member (goal, "expressed_by",
                                     json_object_get_string_member_with_default (
                                       tgoal, "expressed_by", "client"));
      set_string_or_null (goal, "professional",
                          language_text (json_object_get_member (tgoal, "professional"),
                                         language));
      json_object_set_null_member (goal, "target_date");
      json_object_set_string_member (goal, "status", "proposed");
      json_object_set_null_member (goal, "client_assessment");
      json_object_set_null_member (goal, "client_progress");

      for (guint j = 0; tactions != NULL && j < json_array_get_length (tactions); j++)
        {
          JsonObject *taction = json_array_get_object_element (tactions, j);
          g_autoptr(JsonObject) action = json_object_new ();
          g_autofree char *action_id = polku_plan_new_element_id ();

          json_object_set_string_member (action, "id", action_id);
          set_string_or_null (action, "text",
                              language_text (json_object_get_member (taction, "text"),
                                             language));
          set_string_or_null (action, "responsible",
                              language_text (json_object_get_member (taction, "responsible"),
                                             language));
          set_string_or_null (action, "organisation",
                              language_text (json_object_get_member (taction, "organisation"),
                                             language));
          json_object_set_null_member (action, "due_date");
          json_object_set_string_member (action, "status", "planned");
          json_array_add_object_element (actions, g_steal_pointer (&action));
        }
      json_object_set_array_member (goal, "actions", actions);
      json_array_add_object_element (goals, g_steal_pointer (&goal));
    }

  for (guint i = 0; tservices != NULL && i < json_array_get_length (tservices); i++)
    {
      JsonObject *tservice = json_array_get_object_element (tservices, i);
      g_autoptr(JsonObject) service = json_object_new ();
      g_autofree char *service_id = polku_plan_new_element_id ();

      json_object_set_string_member (service, "id", service_id);
      set_string_or_null (service, "name",
                          language_text (json_object_get_member (tservice, "name"), language));
      set_string_or_null (service, "provider",
                          language_text (json_object_get_member (tservice, "provider"),
                                         language));
      json_object_set_null_member (service, "note");
      json_array_add_object_element (services, g_steal_pointer (&service));
    }

  if (!polku_plan_document_validate (document, &local_error))
    {
      g_set_error (error, POLKU_PLAN_ERROR, POLKU_PLAN_ERROR_TEMPLATE,
                   _("The plan template “%s” is broken: %s"), template_id,
                   local_error->message);
      return NULL;
    }

  return g_steal_pointer (&document);
}
