/* polku-plan-validate.c: the plan's schema, and the words for a plan that breaks it
 *
 * Copyright 2026 The Polku authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * polku_plan_document_validate () is the schema of polku-plan.h: every member is known and
 * of the right type, statuses and dates are valid, every goal, action, service and differing
 * view has its own UUID (unique in the plan). A failure is one line that names the member,
 * e.g. "goals[2].status must be one of …"; the mistakes a coordinator can make in the window
 * (a goal without text, a date that is not one) are told in the window's own words, e.g.
 * "Goal 3 has no text yet: …", which is also what polku-cli says.
 */

#define G_LOG_DOMAIN "polku-plan"

#include "config.h"

#include <glib/gi18n.h>

#include "polku-date.h"
#include "polku-plan-private.h"
#include "polku-limits.h"

/* Members of each kind of object, and what they hold. */
typedef enum
{
  KIND_STRING,       /* a string or null */
  KIND_TEXT,         /* a string that is not empty (required) */
  KIND_DATE,         /* YYYY-MM-DD or null */
  KIND_STAMP,        /* set by the store; any string is accepted and replaced */
  KIND_UUID,         /* a UUID (required) */
  KIND_LANGUAGE,     /* "fi" or "sv" (required) */
  KIND_SCHEMA,       /* POLKU_PLAN_SCHEMA (required) */
  KIND_GOAL_STATUS,  /* required */
  KIND_ACTION_STATUS,
  KIND_EXPRESSED_BY,
  KIND_PROGRESS,     /* a whole number 0–10 or null */
  KIND_WORKER,       /* the responsible worker object, or null */
  KIND_GOALS,        /* arrays of objects */
  KIND_ACTIONS,
  KIND_SERVICES,
  KIND_VIEWS,
} Kind;

typedef struct
{
  const char *name;
  Kind        kind;
} Member;

static const Member plan_members[] = {
  { "schema", KIND_SCHEMA },
  { "id", KIND_UUID },
  { "client_id", KIND_UUID },
  { "created", KIND_STAMP },
  { "modified", KIND_STAMP },
  { "language", KIND_LANGUAGE },
  { "agreed_on", KIND_DATE },
  { "client_view", KIND_STRING },
  { "main_burden", KIND_STRING },
  /* Legacy (polku-plan.h): accepted so that old versions load, compare and restore; the
   * store drops them from new versions. */
  { "responsible_worker", KIND_WORKER },
  { "next_review", KIND_DATE },
  { "goals", KIND_GOALS },
  { "services", KIND_SERVICES },
  { "differing_views", KIND_VIEWS },
  { NULL }
};

static const Member worker_members[] = {
  { "name", KIND_STRING },
  { "title", KIND_STRING },
  { "organisation", KIND_STRING },
  { "phone", KIND_STRING },
  { "email", KIND_STRING },
  { NULL }
};

static const Member goal_members[] = {
  { "id", KIND_UUID },
  { "created", KIND_STAMP },
  { "modified", KIND_STAMP },
  { "text", KIND_TEXT },
  { "expressed_by", KIND_EXPRESSED_BY },
  { "professional", KIND_STRING },
  { "target_date", KIND_DATE },
  { "status", KIND_GOAL_STATUS },
  { "client_assessment", KIND_STRING },
  { "client_progress", KIND_PROGRESS },
  { "actions", KIND_ACTIONS },
  { NULL }
};

static const Member action_members[] = {
  { "id", KIND_UUID },
  { "created", KIND_STAMP },
  { "modified", KIND_STAMP },
  { "text", KIND_TEXT },
  { "responsible", KIND_STRING },
  { "organisation", KIND_STRING },
  { "due_date", KIND_DATE },
  { "status", KIND_ACTION_STATUS },
  { NULL }
};

static const Member service_members[] = {
  { "id", KIND_UUID },
  { "created", KIND_STAMP },
  { "modified", KIND_STAMP },
  { "name", KIND_TEXT },
  { "provider", KIND_STRING },
  { "note", KIND_STRING },
  { NULL }
};

static const Member view_members[] = {
  { "id", KIND_UUID },
  { "created", KIND_STAMP },
  { "modified", KIND_STAMP },
  { "topic", KIND_TEXT },
  { "client_view", KIND_STRING },
  { "client_reason", KIND_STRING },
  { "professional", KIND_STRING },
  { "professional_view", KIND_STRING },
  { "professional_reason", KIND_STRING },
  { NULL }
};

/* Required members: a missing one is an error (the others may be absent or null). */
static gboolean
kind_is_required (Kind kind)
{
  return kind == KIND_UUID || kind == KIND_TEXT || kind == KIND_LANGUAGE
         || kind == KIND_SCHEMA || kind == KIND_GOAL_STATUS || kind == KIND_ACTION_STATUS
         || kind == KIND_EXPRESSED_BY;
}

typedef struct
{
  GHashTable *ids;
  GError    **error;
  guint       goal;   /* the goal being checked, counting from 0 */
} Check;

static gboolean G_GNUC_PRINTF (2, 3)
invalid (Check      *check,
         const char *format,
         ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  g_set_error_literal (check->error, POLKU_PLAN_ERROR, POLKU_PLAN_ERROR_INVALID, message);
  return FALSE;
}

static gboolean
node_is_integer (JsonNode *node)
{
  return JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_INT64;
}

/* A string with more than white space in it. */
static gboolean
node_has_text (JsonNode *node)
{
  g_autofree char *copy = NULL;

  if (node == NULL || !polku_plan_node_holds_string (node))
    return FALSE;
  copy = g_strstrip (g_strdup (json_node_get_string (node)));
  return copy[0] != '\0';
}

/* YYYY-MM-DD, a real day. */
gboolean
polku_plan_date_is_valid (const char *text)
{
  GDate date;

  return polku_date_parse_iso (text, &date)
         && g_date_get_year (&date) >= 1900 && g_date_get_year (&date) <= 2200;
}

/* The mistakes a coordinator can make while writing a plan are told in the words of the
 * window, which are also what polku-cli says: each kind of element has one required text
 * (KIND_TEXT) and at most one date. @index counts the element within its list. */
static gboolean
text_missing (Check        *check,
              const Member *members,
              guint         index)
{
  if (members == goal_members)
    return invalid (check, _("Goal %u has no text yet: write it, or remove the goal."),
                    index + 1);
  if (members == action_members)
    return invalid (check, _("Action %u of goal %u has no text yet: write it, or remove the "
                             "action."), index + 1, check->goal + 1);
  if (members == service_members)
    return invalid (check, _("Service %u has no name yet: write it, or remove the service."),
                    index + 1);
  g_assert (members == view_members);
  return invalid (check, _("Differing view %u does not say what it is about yet: write it, "
                           "or remove it."), index + 1);
}

static gboolean
date_wrong (Check        *check,
            const Member *members,
            const char   *name,
            guint         index)
{
  if (members == goal_members)
    return invalid (check, _("The target date of goal %u is not a valid date: correct it or "
                             "leave it empty."), index + 1);
  if (members == action_members)
    return invalid (check, _("The due date of action %u of goal %u is not a valid date: "
                             "correct it or leave it empty."), index + 1, check->goal + 1);
  g_assert (members == plan_members);
  if (g_str_equal (name, "agreed_on"))
    return invalid (check, _("The day the plan was agreed with the client is not a valid "
                             "date: correct it or leave it empty (empty: the day of the first "
                             "save)."));
  return invalid (check, _("The next review is not a valid date: correct it or leave it "
                           "empty."));
}

static gboolean check_object (Check        *check,
                              JsonNode     *node,
                              const Member *members,
                              const char   *path,
                              guint         index);

static gboolean
check_array (Check        *check,
             JsonNode     *node,
             const Member *members,
             const char   *path,
             const char   *what)
{
  JsonArray *array;

  if (!JSON_NODE_HOLDS_ARRAY (node))
    return invalid (check, _("%s must be an array of %s."), path, what);

  array = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      g_autofree char *item_path = g_strdup_printf ("%s[%u]", path, i);

      if (!check_object (check, json_array_get_element (array, i), members, item_path, i))
        return FALSE;
    }
  return TRUE;
}

/* @members and @index say whose member it is (for the coordinator's words). */
static gboolean
check_member (Check        *check,
              JsonNode     *value,
              Kind          kind,
              const char   *name,
              const char   *path,
              const Member *members,
              guint         index)
{
  gboolean is_null = JSON_NODE_HOLDS_NULL (value);
  const char *text = polku_plan_node_holds_string (value) ? json_node_get_string (value) : NULL;

  /* No one writes 20,000 characters into one field of a plan. */
  if (text != NULL && g_utf8_strlen (text, -1) > POLKU_LIMIT_TEXT)
    return invalid (check, _("%s is longer than %d characters: shorten it. Nothing was "
                             "saved."), path, POLKU_LIMIT_TEXT);

  switch (kind)
    {
    case KIND_STRING:
      if (!is_null && text == NULL)
        return invalid (check, _("%s must be a string or null."), path);
      return TRUE;

    case KIND_TEXT:
      if (!node_has_text (value))
        return text_missing (check, members, index);
      return TRUE;

    case KIND_DATE:
      if (!is_null && !polku_plan_date_is_valid (text))
        return date_wrong (check, members, name, index);
      return TRUE;

    case KIND_STAMP:
      if (!is_null && text == NULL)
        return invalid (check, _("%s must be a time stamp (a string)."), path);
      return TRUE;

    case KIND_UUID:
      if (text == NULL || !g_uuid_string_is_valid (text))
        return invalid (check, _("%s must be a UUID."), path);
      return TRUE;

    case KIND_LANGUAGE:
      if (g_strcmp0 (text, "fi") != 0 && g_strcmp0 (text, "sv") != 0)
        return invalid (check, _("%s must be \"fi\" or \"sv\"."), path);
      return TRUE;

    case KIND_SCHEMA:
      if (!node_is_integer (value) || json_node_get_int (value) != POLKU_PLAN_SCHEMA)
        return invalid (check, _("%s must be %d."), path, POLKU_PLAN_SCHEMA);
      return TRUE;

    case KIND_GOAL_STATUS:
      if (!polku_plan_goal_status_from_code (text, NULL))
        return invalid (check, _("%s must be one of proposed, active, achieved, not_achieved "
                                 "or dropped."), path);
      return TRUE;

    case KIND_ACTION_STATUS:
      if (!polku_plan_action_status_from_code (text, NULL))
        return invalid (check, _("%s must be one of planned, in_progress, done or "
                                 "cancelled."), path);
      return TRUE;

    case KIND_EXPRESSED_BY:
      if (g_strcmp0 (text, "client") != 0 && g_strcmp0 (text, "professional") != 0)
        return invalid (check, _("%s must be \"client\" or \"professional\"."), path);
      return TRUE;

    case KIND_PROGRESS:
      if (!is_null && (!node_is_integer (value) || json_node_get_int (value) < 0
                       || json_node_get_int (value) > 10))
        return invalid (check, _("%s must be a whole number from 0 to 10, or null."), path);
      return TRUE;

    case KIND_WORKER:
      if (is_null)
        return TRUE;
      return check_object (check, value, worker_members, path, 0);

    case KIND_GOALS:
      return check_array (check, value, goal_members, path, _("goals"));

    case KIND_ACTIONS:
      return check_array (check, value, action_members, path, _("actions"));

    case KIND_SERVICES:
      return check_array (check, value, service_members, path, _("services"));

    case KIND_VIEWS:
      return check_array (check, value, view_members, path, _("differing views"));

    default:
      g_assert_not_reached ();
    }
}

/* Members are checked in the order of @members (not of the document), so that the first
 * mistake told is the first a coordinator meets in the window. */
static gboolean
check_object (Check        *check,
              JsonNode     *node,
              const Member *members,
              const char   *path,
              guint         index)
{
  g_autoptr(GList) names = NULL;
  JsonObject *object;
  const char *id;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    return invalid (check, _("%s must be a JSON object."), path);

  object = json_node_get_object (node);
  names = json_object_get_members (object);
  for (GList *l = names; l != NULL; l = l->next)
    {
      const char *name = l->data;
      gboolean known = FALSE;

      for (guint i = 0; members[i].name != NULL && !known; i++)
        known = g_str_equal (members[i].name, name);
      if (!known)
        {
          g_autofree char *member_path = path[0] != '\0'
                                         ? g_strdup_printf ("%s.%s", path, name)
                                         : g_strdup (name);

          return invalid (check, _("Unknown member “%s” in the plan."), member_path);
        }
    }

  if (members == goal_members)
    check->goal = index;

  for (guint i = 0; members[i].name != NULL; i++)
    {
      const char *name = members[i].name;
      JsonNode *value = json_object_get_member (object, name);
      g_autofree char *member_path = path[0] != '\0' ? g_strdup_printf ("%s.%s", path, name)
                                                      : g_strdup (name);

      if (value != NULL
          && !check_member (check, value, members[i].kind, name, member_path, members,
                            index))
        return FALSE;
      if (value == NULL && members[i].kind == KIND_TEXT)
        return text_missing (check, members, index);
      if (value == NULL && kind_is_required (members[i].kind))
        {
          if (path[0] == '\0')
            return invalid (check, _("The plan has no “%s”."), name);
          return invalid (check, _("%s has no “%s”."), path, name);
        }

      /* A professional's goal names the professional. */
      if (members == goal_members && g_str_equal (name, "professional")
          && g_strcmp0 (json_object_get_string_member (object, "expressed_by"),
                        "professional") == 0
          && !node_has_text (value))
        return invalid (check, _("Goal %u is a professional’s goal: name the professional."),
                        index + 1);
    }

  /* Element ids are unique within the plan. */
  if (members != plan_members && members != worker_members)
    {
      id = json_object_get_string_member (object, "id");
      if (g_hash_table_contains (check->ids, id))
        return invalid (check, _("%s.id repeats an id used elsewhere in the plan."), path);
      g_hash_table_add (check->ids, (gpointer) id);
    }

  return TRUE;
}

/**
 * polku_plan_document_validate:
 *
 * Checks @document against the plan's schema.
 *
 * Returns: %TRUE when it is a valid plan; otherwise %FALSE with POLKU_PLAN_ERROR_INVALID and
 *   a one-line message that names the member or the goal, action, service or differing view
 *   (the words the window shows).
 */
gboolean
polku_plan_document_validate (JsonNode  *document,
                              GError   **error)
{
  g_autoptr(GHashTable) ids = g_hash_table_new (g_str_hash, g_str_equal);
  Check check = { ids, error, 0 };

  g_return_val_if_fail (document != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!JSON_NODE_HOLDS_OBJECT (document))
    return invalid (&check, _("The plan must be a JSON object."));

  /* Every version is kept whole: a plan of megabytes would fill the disk in a few saves. */
  {
    g_autoptr(JsonGenerator) generator = json_generator_new ();
    gsize length = 0;
    g_autofree char *text = NULL;

    json_generator_set_root (generator, document);
    text = json_generator_to_data (generator, &length);
    if (length > POLKU_LIMIT_PLAN_BYTES)
      return invalid (&check, _("The plan is larger than %d MiB: no plan needs that much "
                                "text. Shorten it; nothing was saved."),
                      POLKU_LIMIT_PLAN_BYTES / (1024 * 1024));
  }

  return check_object (&check, document, plan_members, "", 0);
}
