/* polku-checklist.c: the warning-sign checklist (herätteet), loaded from data
 *
 * Copyright 2026 The Polku authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "polku-checklist"

#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "polku-case-data-private.h"
#include "polku-checklist.h"
#include "polku-data-file.h"
#include "polku-json.h"

#define FORMAT "polku-checklist/1"
#define FILE_NAME "heratteet.json"
#define RESOURCE_PATH "/io/github/polku/Polku/core/checklists/" FILE_NAME

#define N_LANGUAGES POLKU_DATA_FILE_N_LANGUAGES

typedef struct
{
  char *id;
  char *label[N_LANGUAGES];
} Item;

typedef struct
{
  char      *id;
  char      *label[N_LANGUAGES];
  GPtrArray *items;
} Group;

struct _PolkuChecklist
{
  GObject    parent_instance;

  char      *id;
  char      *source;
  char      *title[N_LANGUAGES];
  GPtrArray *groups;
};

G_DEFINE_FINAL_TYPE (PolkuChecklist, polku_checklist, G_TYPE_OBJECT)
G_DEFINE_QUARK (polku-checklist-error-quark, polku_checklist_error)

static void
item_free (Item *item)
{
  g_free (item->id);
  for (guint i = 0; i < N_LANGUAGES; i++)
    g_free (item->label[i]);
  g_free (item);
}

static void
group_free (Group *group)
{
  g_free (group->id);
  for (guint i = 0; i < N_LANGUAGES; i++)
    g_free (group->label[i]);
  g_clear_pointer (&group->items, g_ptr_array_unref);
  g_free (group);
}

static void
polku_checklist_finalize (GObject *object)
{
  PolkuChecklist *self = (PolkuChecklist *) object;

  g_clear_pointer (&self->id, g_free);
  g_clear_pointer (&self->source, g_free);
  for (guint i = 0; i < N_LANGUAGES; i++)
    g_clear_pointer (&self->title[i], g_free);
  g_clear_pointer (&self->groups, g_ptr_array_unref);

  G_OBJECT_CLASS (polku_checklist_parent_class)->finalize (object);
}

static void
polku_checklist_class_init (PolkuChecklistClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = polku_checklist_finalize;
}

static void
polku_checklist_init (PolkuChecklist *self)
{
  self->groups = g_ptr_array_new_with_free_func ((GDestroyNotify) group_free);
}

/* Loading (polku-data-file.h, TERSE): every error names the file and the field, e.g.
 * "heratteet.json: groups[2].items[0].label.sv: …" */

static const char * const top_members[] = { "format", "id", "title", "source", "groups", NULL };
static const char * const group_members[] = { "id", "label", "items", NULL };
static const char * const item_members[] = { "id", "label", NULL };

static gboolean
load_items (Group                      *group,
            JsonNode                   *node,
            const PolkuDataFileReader  *file,
            const char                 *field,
            GError                    **error)
{
  g_autofree char *path = g_strdup_printf ("%s.items", field);
  JsonArray *array;

  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node)
      || json_array_get_length (json_node_get_array (node)) == 0)
    return polku_data_file_invalid (file, path, _("a list of at least one item is needed"),
                                    error);

  array = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *element = json_array_get_element (array, i);
      g_autofree char *item_path = g_strdup_printf ("%s[%u]", path, i);
      g_autofree char *id_path = g_strdup_printf ("%s.id", item_path);
      JsonObject *object;
      const char *id;
      Item *item;

      if (!JSON_NODE_HOLDS_OBJECT (element))
        return polku_data_file_invalid (file, item_path, _("an object is needed"), error);
      object = json_node_get_object (element);
      if (!polku_data_file_check_members (file, object, item_members, item_path, error))
        return FALSE;
      id = polku_data_file_read_id (file, object, item_path, error);
      if (id == NULL)
        return FALSE;
      for (guint j = 0; j < group->items->len; j++)
        if (g_str_equal (((Item *) g_ptr_array_index (group->items, j))->id, id))
          return polku_data_file_invalid (file, id_path,
                                          _("the id is used twice in this group"), error);

      item = g_new0 (Item, 1);
      item->id = g_strdup (id);
      g_ptr_array_add (group->items, item);
      if (!polku_data_file_read_labels (file, object, "label", item_path, item->label, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
load (PolkuChecklist             *self,
      JsonNode                   *root,
      const PolkuDataFileReader  *file,
      GError                    **error)
{
  JsonObject *object;
  JsonNode *groups;
  JsonArray *array;
  const char *text;

  if (!JSON_NODE_HOLDS_OBJECT (root))
    return polku_data_file_invalid (file, "/", _("the checklist must be a JSON object"),
                                    error);
  object = json_node_get_object (root);
  if (!polku_data_file_check_members (file, object, top_members, "", error))
    return FALSE;

  if (g_strcmp0 (polku_json_get_string (object, "format"), FORMAT) != 0)
    return polku_data_file_invalid (file, "format", _("must be \"polku-checklist/1\""), error);

  text = polku_data_file_read_id (file, object, "", error);
  if (text == NULL)
    return FALSE;
  self->id = g_strdup (text);

  if (json_object_has_member (object, "source"))
    {
      text = polku_json_get_string (object, "source");
      if (text == NULL)
        return polku_data_file_invalid (file, "source", _("must be a string"), error);
      if (!polku_data_file_check_utf8 (file, "source", text, error))
        return FALSE;
      self->source = g_strdup (text);
    }

  if (!polku_data_file_read_labels (file, object, "title", "", self->title, error))
    return FALSE;

  groups = json_object_get_member (object, "groups");
  if (groups == NULL || !JSON_NODE_HOLDS_ARRAY (groups)
      || json_array_get_length (json_node_get_array (groups)) == 0)
    return polku_data_file_invalid (file, "groups", _("a list of at least one group is needed"),
                                    error);

  array = json_node_get_array (groups);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *element = json_array_get_element (array, i);
      g_autofree char *group_path = g_strdup_printf ("groups[%u]", i);
      g_autofree char *id_path = g_strdup_printf ("%s.id", group_path);
      JsonObject *group_object;
      Group *group;

      if (!JSON_NODE_HOLDS_OBJECT (element))
        return polku_data_file_invalid (file, group_path, _("an object is needed"), error);
      group_object = json_node_get_object (element);
      if (!polku_data_file_check_members (file, group_object, group_members, group_path,
                                          error))
        return FALSE;
      text = polku_data_file_read_id (file, group_object, group_path, error);
      if (text == NULL)
        return FALSE;
      for (guint j = 0; j < self->groups->len; j++)
        if (g_str_equal (((Group *) g_ptr_array_index (self->groups, j))->id, text))
          return polku_data_file_invalid (file, id_path,
                                          _("the id is used twice in the checklist"), error);

      group = g_new0 (Group, 1);
      group->id = g_strdup (text);
      group->items = g_ptr_array_new_with_free_func ((GDestroyNotify) item_free);
      g_ptr_array_add (self->groups, group);
      if (!polku_data_file_read_labels (file, group_object, "label", group_path, group->label,
                                        error)
          || !load_items (group, json_object_get_member (group_object, "items"), file,
                          group_path, error))
        return FALSE;
    }

  return TRUE;
}

/**
 * polku_checklist_new_from_bytes:
 * @name: the file's name, for error messages
 *
 * Returns: (transfer full): the checklist, or %NULL with POLKU_CHECKLIST_ERROR_INVALID
 *   naming @name and the field that is wrong
 */
PolkuChecklist *
polku_checklist_new_from_bytes (GBytes      *bytes,
                                const char  *name,
                                GError     **error)
{
  PolkuDataFileReader file = {
    name, POLKU_CHECKLIST_ERROR, POLKU_CHECKLIST_ERROR_INVALID, POLKU_DATA_FILE_TERSE
  };
  g_autoptr(PolkuChecklist) self = NULL;
  g_autoptr(JsonNode) root = NULL;

  g_return_val_if_fail (bytes != NULL, NULL);
  g_return_val_if_fail (name != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  root = polku_data_file_parse (&file, bytes, error);
  if (root == NULL)
    return NULL;

  self = g_object_new (POLKU_TYPE_CHECKLIST, NULL);
  if (!load (self, root, &file, error))
    return NULL;

  return g_steal_pointer (&self);
}

/* The checklist in use: a county's file (see polku-checklist.h) or the bundled one. */
static PolkuDataFileKind default_checklist = {
  "POLKU_CHECKLIST", "checklists", FILE_NAME, RESOURCE_PATH,
  (PolkuDataFileParseFunc) polku_checklist_new_from_bytes,
};

PolkuChecklist *
polku_checklist_new_from_file (const char  *path,
                               GError     **error)
{
  g_return_val_if_fail (path != NULL, NULL);

  return polku_data_file_new_from_file (&default_checklist, path, error);
}

/**
 * polku_checklist_dup_default_path:
 *
 * Returns: (nullable): the file that replaces the built-in checklist, or %NULL when the
 *   built-in one is used
 */
char *
polku_checklist_dup_default_path (void)
{
  return polku_data_file_find (&default_checklist);
}

/**
 * polku_checklist_get_default:
 *
 * Loads (once) and validates the checklist in use: a county's file when there is one (see
 * polku-checklist.h), else the built-in one.
 *
 * Returns: (transfer full): the checklist, or %NULL with an error naming file and field
 */
PolkuChecklist *
polku_checklist_get_default (GError **error)
{
  return polku_data_file_get_default (&default_checklist, error);
}

/**
 * polku_checklist_ui_language:
 *
 * Returns: "fi", "sv" or "en": the labels that suit the user interface's language
 */
const char *
polku_checklist_ui_language (void)
{
  return polku_case_data_ui_language ();
}

static Group *
find_group (PolkuChecklist *self,
            const char     *group_id)
{
  for (guint i = 0; i < self->groups->len; i++)
    {
      Group *group = g_ptr_array_index (self->groups, i);

      if (g_strcmp0 (group->id, group_id) == 0)
        return group;
    }
  return NULL;
}

static Item *
find_item (Group      *group,
           const char *item_id)
{
  for (guint i = 0; group != NULL && i < group->items->len; i++)
    {
      Item *item = g_ptr_array_index (group->items, i);

      if (g_strcmp0 (item->id, item_id) == 0)
        return item;
    }
  return NULL;
}

const char *
polku_checklist_get_id (PolkuChecklist *self)
{
  g_return_val_if_fail (POLKU_IS_CHECKLIST (self), NULL);

  return self->id;
}

const char *
polku_checklist_get_source (PolkuChecklist *self)
{
  g_return_val_if_fail (POLKU_IS_CHECKLIST (self), NULL);

  return self->source;
}

/* @language: "en", "fi", "sv", or %NULL for the user interface's language */
const char *
polku_checklist_get_title (PolkuChecklist *self,
                           const char     *language)
{
  g_return_val_if_fail (POLKU_IS_CHECKLIST (self), NULL);

  return self->title[polku_case_data_language_index (language)];
}

guint
polku_checklist_get_n_groups (PolkuChecklist *self)
{
  g_return_val_if_fail (POLKU_IS_CHECKLIST (self), 0);

  return self->groups->len;
}

const char *
polku_checklist_get_group_id (PolkuChecklist *self,
                              guint           group)
{
  g_return_val_if_fail (POLKU_IS_CHECKLIST (self), NULL);
  g_return_val_if_fail (group < self->groups->len, NULL);

  return ((Group *) g_ptr_array_index (self->groups, group))->id;
}

guint
polku_checklist_get_n_items (PolkuChecklist *self,
                             guint           group)
{
  g_return_val_if_fail (POLKU_IS_CHECKLIST (self), 0);
  g_return_val_if_fail (group < self->groups->len, 0);

  return ((Group *) g_ptr_array_index (self->groups, group))->items->len;
}

const char *
polku_checklist_get_item_id (PolkuChecklist *self,
                             guint           group,
                             guint           item)
{
  Group *g;

  g_return_val_if_fail (POLKU_IS_CHECKLIST (self), NULL);
  g_return_val_if_fail (group < self->groups->len, NULL);
  g = g_ptr_array_index (self->groups, group);
  g_return_val_if_fail (item < g->items->len, NULL);

  return ((Item *) g_ptr_array_index (g->items, item))->id;
}

/* Returns: (nullable): the label, or %NULL when the checklist has no such group */
const char *
polku_checklist_get_group_label (PolkuChecklist *self,
                                 const char     *group_id,
                                 const char     *language)
{
  Group *group;

  g_return_val_if_fail (POLKU_IS_CHECKLIST (self), NULL);

  group = find_group (self, group_id);
  return group != NULL ? group->label[polku_case_data_language_index (language)] : NULL;
}

/* Returns: (nullable): the label, or %NULL when the checklist has no such item */
const char *
polku_checklist_get_item_label (PolkuChecklist *self,
                                const char     *group_id,
                                const char     *item_id,
                                const char     *language)
{
  Item *item;

  g_return_val_if_fail (POLKU_IS_CHECKLIST (self), NULL);

  item = find_item (find_group (self, group_id), item_id);
  return item != NULL ? item->label[polku_case_data_language_index (language)] : NULL;
}

/* Fails with POLKU_CHECKLIST_ERROR_UNKNOWN when @group_id/@item_id is not in the checklist. */
gboolean
polku_checklist_check_item (PolkuChecklist  *self,
                            const char      *group_id,
                            const char      *item_id,
                            GError         **error)
{
  Group *group;

  g_return_val_if_fail (POLKU_IS_CHECKLIST (self), FALSE);

  group = find_group (self, group_id);
  if (group == NULL)
    {
      g_set_error (error, POLKU_CHECKLIST_ERROR, POLKU_CHECKLIST_ERROR_UNKNOWN,
                   _("The checklist “%s” has no group “%s”."), self->id,
                   group_id != NULL ? group_id : "");
      return FALSE;
    }
  if (find_item (group, item_id) == NULL)
    {
      g_set_error (error, POLKU_CHECKLIST_ERROR, POLKU_CHECKLIST_ERROR_UNKNOWN,
                   _("The group “%s” of the checklist has no item “%s”."), group_id,
                   item_id != NULL ? item_id : "");
      return FALSE;
    }
  return TRUE;
}
