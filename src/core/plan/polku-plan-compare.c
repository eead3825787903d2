/* polku-plan-compare.c: two versions of a plan side by side
 *
 * Copyright 2026 The Polku authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each version is read as rows (a field of the plan, of a goal, action, service or
 * differing view), matched by stable keys built from the element ids, so that a goal that
 * moved or was edited is compared with itself. Elements keep the newer version's order;
 * removed ones follow at the end of their list.
 */

#define G_LOG_DOMAIN "polku-plan"

#include "config.h"

#include <glib/gi18n.h>

#include "polku-json.h"
#include "polku-plan.h"

void
polku_plan_diff_row_free (PolkuPlanDiffRow *row)
{
  if (row == NULL)
    return;
  g_free (row->key);
  g_free (row->label);
  g_free (row->old_value);
  g_free (row->new_value);
  g_free (row);
}

/* A member as a person reads it (polku_plan_dup_member_text ()), NULL when absent, null or
 * empty; whose goal it is names the professional, as the plan view does. */
static char *
show_value (JsonObject *object,
            const char *path,
            const char *name)
{
  char *text = polku_plan_dup_member_text (path, json_object_get_member (object, name));

  if (text != NULL && polku_plan_member_get_kind (path) == POLKU_PLAN_MEMBER_EXPRESSED_BY
      && g_strcmp0 (polku_json_get_text (object, name), "professional") == 0)
    {
      const char *who = polku_json_get_text (object, "professional");

      g_free (text);
      /* Translators: who expressed a goal */
      text = g_strdup_printf (_("A professional: %s"), who != NULL ? who : "");
    }
  return text;
}

typedef struct
{
  const char *name;
  const char *label;   /* N_ () */
} Field;

static const Field plan_fields[] = {
  { "language", N_("Language of the plan") },
  { "agreed_on", N_("Agreed with the client") },
  { "client_view", N_("The client’s own view") },
  { "main_burden", N_("What burdens the client most") },
  { NULL }
};

static const Field worker_fields[] = {
  { "name", N_("Responsible worker") },
  { "title", N_("Responsible worker’s title") },
  { "organisation", N_("Responsible worker’s organisation") },
  { "phone", N_("Responsible worker’s phone") },
  { "email", N_("Responsible worker’s email") },
  { NULL }
};

static const Field goal_fields[] = {
  { "text", NULL },
  { "expressed_by", N_("expressed by") },
  { "target_date", N_("target date") },
  { "status", N_("status") },
  { "client_assessment", N_("the client’s assessment") },
  { "client_progress", N_("the client’s rating") },
  { NULL }
};

static const Field action_fields[] = {
  { "text", NULL },
  { "responsible", N_("responsible") },
  { "organisation", N_("organisation") },
  { "due_date", N_("due") },
  { "status", N_("status") },
  { NULL }
};

static const Field service_fields[] = {
  { "name", NULL },
  { "provider", N_("provider") },
  { "note", N_("note") },
  { NULL }
};

static const Field view_fields[] = {
  { "topic", NULL },
  { "client_view", N_("the client’s view") },
  { "client_reason", N_("the client’s reason") },
  { "professional", N_("professional") },
  { "professional_view", N_("the professional’s view") },
  { "professional_reason", N_("the professional’s reason") },
  { NULL }
};

static void
add_fields (GPtrArray    *rows,
            const char   *key_prefix,
            const char   *heading,
            const Field  *fields,
            JsonObject   *old_object,
            JsonObject   *new_object,
            guint         depth)
{
  for (guint i = 0; fields[i].name != NULL; i++)
    {
      g_autofree char *key = g_strconcat (key_prefix, fields[i].name, NULL);
      g_autofree char *old_value = old_object != NULL
                                   ? show_value (old_object, key, fields[i].name) : NULL;
      g_autofree char *new_value = new_object != NULL
                                   ? show_value (new_object, key, fields[i].name) : NULL;
      PolkuPlanDiffRow *row;

      if (old_value == NULL && new_value == NULL)
        continue;

      row = g_new0 (PolkuPlanDiffRow, 1);
      row->key = g_steal_pointer (&key);
      if (heading == NULL)
        row->label = g_strdup (_(fields[i].label));
      else if (fields[i].label == NULL)
        row->label = g_strdup (heading);
      else
        /* Translators: e.g. "Goal 2: status" */
        row->label = g_strdup_printf (_("%s: %s"), heading, _(fields[i].label));
      row->depth = depth;
      if (old_object == NULL)
        row->kind = POLKU_PLAN_DIFF_ADDED;
      else if (new_object == NULL)
        row->kind = POLKU_PLAN_DIFF_REMOVED;
      else
        row->kind = g_strcmp0 (old_value, new_value) == 0 ? POLKU_PLAN_DIFF_SAME
                                                          : POLKU_PLAN_DIFF_CHANGED;
      row->old_value = g_steal_pointer (&old_value);
      row->new_value = g_steal_pointer (&new_value);
      g_ptr_array_add (rows, row);
    }
}

static JsonObject *
find_by_id (JsonArray  *array,
            const char *id)
{
  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    {
      JsonNode *node = json_array_get_element (array, i);

      if (JSON_NODE_HOLDS_OBJECT (node)
          && g_strcmp0 (json_object_get_string_member_with_default (json_node_get_object (node),
                                                                    "id", NULL), id) == 0)
        return json_node_get_object (node);
    }
  return NULL;
}

typedef void (*ElementFunc) (GPtrArray  *rows,
                             const char *key_prefix,
                             guint       number,
                             JsonObject *old_element,
                             JsonObject *new_element,
                             gpointer    data);

/* Calls @func for each element of the new list (matched with the old by id), then for each
 * element only in the old list. */
static void
walk_elements (GPtrArray   *rows,
               const char  *key_prefix,
               JsonArray   *old_array,
               JsonArray   *new_array,
               ElementFunc  func,
               gpointer     data)
{
  guint number = 0;

  for (guint i = 0; new_array != NULL && i < json_array_get_length (new_array); i++)
    {
      JsonObject *element = json_array_get_object_element (new_array, i);
      const char *id = json_object_get_string_member_with_default (element, "id", "");
      g_autofree char *prefix = g_strdup_printf ("%s%s/", key_prefix, id);

      func (rows, prefix, ++number, find_by_id (old_array, id), element, data);
    }

  for (guint i = 0; old_array != NULL && i < json_array_get_length (old_array); i++)
    {
      JsonObject *element = json_array_get_object_element (old_array, i);
      const char *id = json_object_get_string_member_with_default (element, "id", "");
      g_autofree char *prefix = g_strdup_printf ("%s%s/", key_prefix, id);

      if (find_by_id (new_array, id) == NULL)
        func (rows, prefix, ++number, element, NULL, data);
    }
}

static void
action_func (GPtrArray  *rows,
             const char *key_prefix,
             guint       number,
             JsonObject *old_element,
             JsonObject *new_element,
             gpointer    data)
{
  /* Translators: e.g. "Goal 2, action 1" */
  g_autofree char *heading = g_strdup_printf (_("Goal %u, action %u"), GPOINTER_TO_UINT (data),
                                              number);

  add_fields (rows, key_prefix, heading, action_fields, old_element, new_element, 2);
}

static void
goal_func (GPtrArray  *rows,
           const char *key_prefix,
           guint       number,
           JsonObject *old_element,
           JsonObject *new_element,
           gpointer    data)
{
  g_autofree char *heading = g_strdup_printf (_("Goal %u"), number);
  g_autofree char *actions_prefix = g_strconcat (key_prefix, "actions/", NULL);

  add_fields (rows, key_prefix, heading, goal_fields, old_element, new_element, 1);
  walk_elements (rows, actions_prefix, polku_json_get_array (old_element, "actions"),
                 polku_json_get_array (new_element, "actions"), action_func,
                 GUINT_TO_POINTER (number));
}

static void
service_func (GPtrArray  *rows,
              const char *key_prefix,
              guint       number,
              JsonObject *old_element,
              JsonObject *new_element,
              gpointer    data)
{
  g_autofree char *heading = g_strdup_printf (_("Service %u"), number);

  add_fields (rows, key_prefix, heading, service_fields, old_element, new_element, 1);
}

static void
view_func (GPtrArray  *rows,
           const char *key_prefix,
           guint       number,
           JsonObject *old_element,
           JsonObject *new_element,
           gpointer    data)
{
  g_autofree char *heading = g_strdup_printf (_("Differing view %u"), number);

  add_fields (rows, key_prefix, heading, view_fields, old_element, new_element, 1);
}

/**
 * polku_plan_compare:
 * @old_document: the older version
 * @new_document: the newer version
 *
 * Returns: (transfer full) (element-type PolkuPlanDiffRow): the two versions as aligned
 *   rows, each marked same, changed, added or removed; labels in the UI language
 */
GPtrArray *
polku_plan_compare (JsonNode *old_document,
                    JsonNode *new_document)
{
  GPtrArray *rows = g_ptr_array_new_with_free_func ((GDestroyNotify) polku_plan_diff_row_free);
  JsonObject *old_plan;
  JsonObject *new_plan;
  static const Field review_fields[] = {
    { "next_review", N_("Next review") },
    { NULL }
  };

  g_return_val_if_fail (old_document != NULL && JSON_NODE_HOLDS_OBJECT (old_document), rows);
  g_return_val_if_fail (new_document != NULL && JSON_NODE_HOLDS_OBJECT (new_document), rows);

  old_plan = json_node_get_object (old_document);
  new_plan = json_node_get_object (new_document);

  add_fields (rows, "", NULL, plan_fields, old_plan, new_plan, 0);
  /* The responsible worker and the next review are the legacy members of versions saved
   * before schema 7 (polku-plan.h): compared so that the history says what they were. */
  add_fields (rows, "responsible_worker/", NULL, worker_fields,
              polku_json_get_object (old_plan, "responsible_worker"),
              polku_json_get_object (new_plan, "responsible_worker"), 0);
  /* A worker added or removed as a whole is a change of the plan's field, not an element. */
  for (guint i = 0; i < rows->len; i++)
    {
      PolkuPlanDiffRow *row = g_ptr_array_index (rows, i);

      if (g_str_has_prefix (row->key, "responsible_worker/") && row->kind != POLKU_PLAN_DIFF_SAME)
        row->kind = POLKU_PLAN_DIFF_CHANGED;
    }
  walk_elements (rows, "goals/", polku_json_get_array (old_plan, "goals"),
                 polku_json_get_array (new_plan, "goals"), goal_func, NULL);
  walk_elements (rows, "services/", polku_json_get_array (old_plan, "services"),
                 polku_json_get_array (new_plan, "services"), service_func, NULL);
  walk_elements (rows, "differing_views/", polku_json_get_array (old_plan, "differing_views"),
                 polku_json_get_array (new_plan, "differing_views"), view_func, NULL);
  add_fields (rows, "", NULL, review_fields, old_plan, new_plan, 0);

  return rows;
}
