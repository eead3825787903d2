/* polku-sync-label.c: what a sync conflict is about, in the words of the client's plan
 *
 * A conflict's path names the shared document's members and the plan's element ids
 * ("plan/goals/<id>/actions/<id>/status"). polku_sync_conflict_get_label () leaves the ids
 * out ("Goal › Action: status"): it needs no plan. With the client's plan at hand, an element
 * is named as the plan's history names it ("Goal 2, action 1", polku-plan-compare.c) with its
 * own words, and a field as the plan's history names it too: "Goal 2, “Sleep better”: the
 * goal’s wording". An element this computer no longer has (removed here, changed there) is
 * named by the words of the value the other side keeps. Paths outside the plan (the team, the
 * client) keep the label.
 *
 * polku_sync_conflict_name_all () gives a listed queue its titles, reading each client's plan
 * once: the conflicts window and `polku-cli conflicts list` call it, so both say the same.
 *
 * Copyright 2026 The Polku authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "polku-sync"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "polku-json.h"
#include "polku-plan-store.h"
#include "polku-plan.h"
#include "polku-sync-label.h"

/* An element's own words are quoted in the title only this long (in characters). */
#define MAX_WORDS 40

typedef struct
{
  const char *name;
  const char *label;   /* N_ (): the plan's history's words where it has them */
} Field;

static const Field plan_fields[] = {
  { "client_view", N_("The client’s own view") },
  { "main_burden", N_("What burdens the client most") },
  { "agreed_on", N_("Agreed with the client") },
  { "language", N_("Language of the plan") },
  { NULL }
};

static const Field goal_fields[] = {
  { "text", N_("the goal’s wording") },
  { "expressed_by", N_("expressed by") },
  { "professional", N_("professional") },
  { "target_date", N_("target date") },
  { "status", N_("status") },
  { "client_assessment", N_("the client’s assessment") },
  { "client_progress", N_("the client’s rating") },
  { NULL }
};

static const Field action_fields[] = {
  { "text", N_("the action’s wording") },
  { "responsible", N_("responsible") },
  { "organisation", N_("organisation") },
  { "due_date", N_("due") },
  { "status", N_("status") },
  { NULL }
};

static const Field service_fields[] = {
  { "name", N_("the service’s name") },
  { "provider", N_("provider") },
  { "note", N_("note") },
  { NULL }
};

static const Field view_fields[] = {
  { "topic", N_("the topic") },
  { "client_view", N_("the client’s view") },
  { "client_reason", N_("the client’s reason") },
  { "professional", N_("professional") },
  { "professional_view", N_("the professional’s view") },
  { "professional_reason", N_("the professional’s reason") },
  { NULL }
};

static const char *
field_label (const Field *fields,
             const char  *name)
{
  for (guint i = 0; fields[i].name != NULL; i++)
    if (g_str_equal (fields[i].name, name))
      return _(fields[i].label);
  return NULL;
}

/* The element of @array with @id, and its number in the list (from 1). */
static JsonObject *
find_element (JsonArray  *array,
              const char *id,
              guint      *number)
{
  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    {
      JsonNode *node = json_array_get_element (array, i);

      if (JSON_NODE_HOLDS_OBJECT (node)
          && g_strcmp0 (polku_json_get_string (json_node_get_object (node), "id"), id) == 0)
        {
          *number = i + 1;
          return json_node_get_object (node);
        }
    }
  *number = 0;
  return NULL;
}

/* The words of an element (a goal's text, a service's name), short enough for a heading. */
static char *
element_words (JsonObject *element,
               const char *member)
{
  const char *text = element != NULL ? polku_json_get_text (element, member) : NULL;
  g_autofree char *line = NULL;
  char *newline;

  if (text == NULL || !g_utf8_validate (text, -1, NULL))
    return NULL;
  line = g_strstrip (g_strdup (text));
  newline = strchr (line, '\n');
  if (newline != NULL)
    *newline = '\0';
  g_strstrip (line);
  if (line[0] == '\0')
    return NULL;
  if (g_utf8_strlen (line, -1) > MAX_WORDS)
    {
      g_autofree char *cut = g_utf8_substring (line, 0, MAX_WORDS - 1);

      return g_strconcat (g_strchomp (cut), "…", NULL);
    }
  return g_steal_pointer (&line);
}

/* The element as a value of the conflict (it is the whole element when a side removed it). */
static JsonObject *
element_from_value (const char *json,
                    JsonNode  **holder)
{
  g_autoptr(GBytes) bytes = NULL;

  if (json == NULL)
    return NULL;
  bytes = g_bytes_new (json, strlen (json));
  *holder = polku_json_parse_bounded (bytes, NULL);
  if (*holder == NULL || !JSON_NODE_HOLDS_OBJECT (*holder))
    return NULL;
  return json_node_get_object (*holder);
}

/* "Goal 2, “Sleep better”" (or "A goal removed here, “Sleep better”"). */
static char *
heading (const char *numbered,
         const char *removed,
         JsonObject *element,
         const char *words_member,
         char       *words)
{
  g_autofree char *owned_words = words;
  g_autofree char *own = element != NULL ? element_words (element, words_member) : NULL;
  const char *shown = own != NULL ? own : owned_words;
  const char *base = element != NULL ? numbered : removed;

  if (shown == NULL)
    return g_strdup (base);
  /* Translators: an element of the plan and its own words, e.g. Goal 2, “Sleep better” */
  return g_strdup_printf (_("%s, “%s”"), base, shown);
}

/* The words of the element at the path's element, from the conflict's values: only when the
 * conflict is about the whole element (a field's value does not carry the element's words). */
static char *
words_from_values (PolkuSyncConflict *conflict,
                   const char        *words_member)
{
  const char *values[] = {
    polku_sync_conflict_get_remote_value (conflict),
    polku_sync_conflict_get_local_value (conflict),
    polku_sync_conflict_get_base_value (conflict),
  };

  for (guint i = 0; i < G_N_ELEMENTS (values); i++)
    {
      g_autoptr(JsonNode) holder = NULL;
      JsonObject *element = element_from_value (values[i], &holder);
      char *words = element != NULL ? element_words (element, words_member) : NULL;

      if (words != NULL)
        return words;
    }
  return NULL;
}

static char *
with_field (char        *element_heading,
            const Field *fields,
            const char  *field)
{
  g_autofree char *owned = element_heading;
  const char *label;

  if (field == NULL)
    return g_steal_pointer (&owned);
  label = field_label (fields, field);
  if (label == NULL)
    return NULL;
  /* Translators: e.g. "Goal 2, “Sleep better”: status" */
  return g_strdup_printf (_("%s: %s"), owned, label);
}

static char *
plan_label (PolkuSyncConflict *conflict,
            JsonObject        *plan,
            char             **parts,
            guint              n)
{
  const char *list = parts[0];
  guint number = 0;
  JsonObject *element;
  g_autofree char *head = NULL;

  if (n == 1)
    {
      const char *label = field_label (plan_fields, list);

      return label != NULL ? g_strdup (label) : NULL;
    }
  if (n > 4 && !(g_str_equal (list, "goals") && g_str_equal (parts[2], "actions") && n <= 5))
    return NULL;

  element = find_element (polku_json_get_array (plan, list), parts[1], &number);
  if (g_str_equal (list, "goals") && n >= 4 && g_str_equal (parts[2], "actions"))
    {
      guint goal_number = number;
      guint action_number = 0;
      JsonObject *action = find_element (polku_json_get_array (element, "actions"), parts[3],
                                         &action_number);
      g_autofree char *numbered = NULL;
      g_autofree char *goal_head = NULL;

      if (action != NULL)
        {
          /* Translators: e.g. "Goal 2, action 1" */
          numbered = g_strdup_printf (_("Goal %u, action %u"), goal_number, action_number);
          head = heading (numbered, NULL, action, "text", NULL);
        }
      else if (element != NULL)
        {
          g_autofree char *goal = g_strdup_printf (_("Goal %u"), goal_number);
          g_autofree char *words = n == 4 ? words_from_values (conflict, "text") : NULL;

          /* Translators: an action removed on this computer, of a goal (e.g. "Goal 2") */
          goal_head = g_strdup_printf (_("%s, an action removed here"), goal);
          head = heading (NULL, goal_head, NULL, "text", g_steal_pointer (&words));
        }
      else
        {
          g_autofree char *words = n == 4 ? words_from_values (conflict, "text") : NULL;

          head = heading (NULL, _("An action removed here"), NULL, "text",
                          g_steal_pointer (&words));
        }
      return with_field (g_steal_pointer (&head), action_fields, n == 5 ? parts[4] : NULL);
    }
  if (n > 3)
    return NULL;

  {
    g_autofree char *numbered = NULL;
    g_autofree char *words = n == 2 && element == NULL
                             ? words_from_values (conflict,
                                                  g_str_equal (list, "goals") ? "text"
                                                  : g_str_equal (list, "services") ? "name"
                                                  : "topic")
                             : NULL;
    const char *field = n == 3 ? parts[2] : NULL;

    if (g_str_equal (list, "goals"))
      {
        numbered = g_strdup_printf (_("Goal %u"), number);
        head = heading (numbered, _("A goal removed here"), element, "text",
                        g_steal_pointer (&words));
        return with_field (g_steal_pointer (&head), goal_fields, field);
      }
    if (g_str_equal (list, "services"))
      {
        numbered = g_strdup_printf (_("Service %u"), number);
        head = heading (numbered, _("A service removed here"), element, "name",
                        g_steal_pointer (&words));
        return with_field (g_steal_pointer (&head), service_fields, field);
      }
    if (g_str_equal (list, "differing_views"))
      {
        numbered = g_strdup_printf (_("Differing view %u"), number);
        head = heading (numbered, _("A differing view removed here"), element, "topic",
                        g_steal_pointer (&words));
        return with_field (g_steal_pointer (&head), view_fields, field);
      }
  }
  return NULL;
}

/**
 * polku_sync_conflict_dup_title:
 * @conflict: a conflict
 * @plan: (nullable): the client's plan as this computer has it now
 *
 * Returns: (transfer full): what the conflict is about, for a person: the element of the
 *   plan by its number and words and the field by its name; the conflict's label
 *   (polku_sync_conflict_get_label ()) for what is not in the plan
 */
char *
polku_sync_conflict_dup_title (PolkuSyncConflict *conflict,
                               JsonNode          *plan)
{
  const char *path;
  g_auto(GStrv) parts = NULL;
  char *title = NULL;

  g_return_val_if_fail (POLKU_IS_SYNC_CONFLICT (conflict), NULL);

  path = polku_sync_conflict_get_path (conflict);
  if (path != NULL && g_str_has_prefix (path, "plan/") && path[strlen ("plan/")] != '\0')
    {
      JsonObject *plan_object = plan != NULL && JSON_NODE_HOLDS_OBJECT (plan)
                                ? json_node_get_object (plan) : NULL;

      parts = g_strsplit (path + strlen ("plan/"), "/", -1);
      title = plan_label (conflict, plan_object, parts, g_strv_length (parts));
    }
  if (title == NULL)
    title = g_strdup (polku_sync_conflict_get_label (conflict));
  return title;
}

static void
unref_plan (gpointer plan)
{
  if (plan != NULL)
    json_node_unref (plan);
}

/**
 * polku_sync_conflict_name_all:
 * @conflicts: (element-type PolkuSyncConflict): conflicts as polku_sync_conflict_list ()
 *   lists them
 *
 * Gives each conflict its title (polku_sync_conflict_get_title ()) in the words of its
 * client's plan as the store holds it now (polku_sync_conflict_dup_title ()), reading each
 * client's plan once. A client without a plan is no error: its conflicts are named without
 * the plan's numbers and words.
 *
 * Returns: %FALSE with @error when a plan could not be read; the conflicts named before it
 *   keep their titles, the others their labels
 */
gboolean
polku_sync_conflict_name_all (PolkuStore  *store,
                              GPtrArray   *conflicts,
                              GError     **error)
{
  g_autoptr(GHashTable) plans = NULL;

  g_return_val_if_fail (POLKU_IS_STORE (store), FALSE);
  g_return_val_if_fail (conflicts != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  plans = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, unref_plan);
  for (guint i = 0; i < conflicts->len; i++)
    {
      PolkuSyncConflict *conflict = g_ptr_array_index (conflicts, i);
      const char *client_id = polku_sync_conflict_get_client_id (conflict);
      JsonNode *plan = NULL;

      if (client_id != NULL && !g_hash_table_lookup_extended (plans, client_id, NULL,
                                                               (gpointer *) &plan))
        {
          g_autoptr(GError) local_error = NULL;

          plan = polku_plan_store_load (store, client_id, NULL, &local_error);
          if (plan == NULL
              && !g_error_matches (local_error, POLKU_PLAN_ERROR, POLKU_PLAN_ERROR_NO_PLAN))
            {
              g_propagate_error (error, g_steal_pointer (&local_error));
              return FALSE;
            }
          g_hash_table_insert (plans, g_strdup (client_id), plan);
        }
      polku_sync_conflict_take_title (conflict, polku_sync_conflict_dup_title (conflict, plan));
    }
  return TRUE;
}
