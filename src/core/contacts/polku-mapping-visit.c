/* polku-mapping-visit.c: the mapping visit (kartoituskäynti): agenda, timer, notes
 *
 * The mapping visit takes about two hours, usually at the client's home. Its agenda comes
 * from data (data/mapping-visit-agenda.json) and is copied into each visit, so that a later
 * change to the default agenda does not rewrite what was discussed. The timer can be paused
 * and resumed, and keeps counting while Polku is closed (it stores when it was started).
 *
 * Copyright 2026 The Polku authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "polku-mapping-visit"

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>
#include <string.h>

#include "polku-contact-type-private.h"
#include "polku-core-resources.h"
#include "polku-mapping-visit-private.h"
#include "polku-object-private.h"
#include "polku-store-private.h"
#include "polku-json.h"

#define DEFAULT_AGENDA "/io/github/polku/Polku/core/mapping-visit-agenda.json"
#define MAX_ITEMS 100

G_DEFINE_QUARK (polku-mapping-visit-error-quark, polku_mapping_visit_error)

/* --- Items ------------------------------------------------------------------------------- */

G_DEFINE_FINAL_TYPE (PolkuMappingVisitItem, polku_mapping_visit_item, G_TYPE_OBJECT)

enum {
  ITEM_PROP_0,
  ITEM_PROP_KEY,
  ITEM_PROP_TITLE,
  ITEM_PROP_HINT,
  ITEM_PROP_DONE,
  ITEM_PROP_DONE_AT,
  ITEM_PROP_NOTE,
  ITEM_N_PROPS
};

static GParamSpec *item_properties[ITEM_N_PROPS];

static void
polku_mapping_visit_item_finalize (GObject *object)
{
  PolkuMappingVisitItem *self = (PolkuMappingVisitItem *) object;

  g_free (self->id);
  g_free (self->key);
  g_free (self->title);
  g_free (self->hint);
  g_free (self->done_at);
  g_free (self->note);

  G_OBJECT_CLASS (polku_mapping_visit_item_parent_class)->finalize (object);
}

static void
polku_mapping_visit_item_get_property (GObject    *object,
                                       guint       prop_id,
                                       GValue     *value,
                                       GParamSpec *pspec)
{
  PolkuMappingVisitItem *self = POLKU_MAPPING_VISIT_ITEM (object);

  switch (prop_id)
    {
    case ITEM_PROP_KEY:
      g_value_set_string (value, self->key);
      break;
    case ITEM_PROP_TITLE:
      g_value_set_string (value, self->title);
      break;
    case ITEM_PROP_HINT:
      g_value_set_string (value, self->hint);
      break;
    case ITEM_PROP_DONE:
      g_value_set_boolean (value, self->done);
      break;
    case ITEM_PROP_DONE_AT:
      g_value_set_string (value, self->done_at);
      break;
    case ITEM_PROP_NOTE:
      g_value_set_string (value, self->note);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
polku_mapping_visit_item_set_property (GObject      *object,
                                       guint         prop_id,
                                       const GValue *value,
                                       GParamSpec   *pspec)
{
  PolkuMappingVisitItem *self = POLKU_MAPPING_VISIT_ITEM (object);

  switch (prop_id)
    {
    case ITEM_PROP_DONE:
      polku_mapping_visit_item_set_done (self, g_value_get_boolean (value));
      break;
    case ITEM_PROP_NOTE:
      polku_mapping_visit_item_set_note (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
polku_mapping_visit_item_class_init (PolkuMappingVisitItemClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags ro = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY;
  GParamFlags rw = G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY;

  object_class->finalize = polku_mapping_visit_item_finalize;
  object_class->get_property = polku_mapping_visit_item_get_property;
  object_class->set_property = polku_mapping_visit_item_set_property;

  item_properties[ITEM_PROP_KEY] = g_param_spec_string ("key", NULL, NULL, NULL, ro);
  item_properties[ITEM_PROP_TITLE] = g_param_spec_string ("title", NULL, NULL, NULL, ro);
  item_properties[ITEM_PROP_HINT] = g_param_spec_string ("hint", NULL, NULL, NULL, ro);
  item_properties[ITEM_PROP_DONE] = g_param_spec_boolean ("done", NULL, NULL, FALSE, rw);
  item_properties[ITEM_PROP_DONE_AT] = g_param_spec_string ("done-at", NULL, NULL, NULL, ro);
  item_properties[ITEM_PROP_NOTE] = g_param_spec_string ("note", NULL, NULL, NULL, rw);
  g_object_class_install_properties (object_class, ITEM_N_PROPS, item_properties);
}

static void
polku_mapping_visit_item_init (PolkuMappingVisitItem *self)
{
}

PolkuMappingVisitItem *
polku_mapping_visit_item_new (const char *key,
                              const char *title,
                              const char *hint)
{
  PolkuMappingVisitItem *item = g_object_new (POLKU_TYPE_MAPPING_VISIT_ITEM, NULL);

  item->key = g_strdup (key);
  item->title = g_strdup (title);
  item->hint = g_strdup (hint);
  return item;
}

const char *
polku_mapping_visit_item_get_id (PolkuMappingVisitItem *self)
{
  g_return_val_if_fail (POLKU_IS_MAPPING_VISIT_ITEM (self), NULL);
  return self->id;
}

const char *
polku_mapping_visit_item_get_key (PolkuMappingVisitItem *self)
{
  g_return_val_if_fail (POLKU_IS_MAPPING_VISIT_ITEM (self), NULL);
  return self->key;
}

const char *
polku_mapping_visit_item_get_title (PolkuMappingVisitItem *self)
{
  g_return_val_if_fail (POLKU_IS_MAPPING_VISIT_ITEM (self), NULL);
  return self->title;
}

const char *
polku_mapping_visit_item_get_hint (PolkuMappingVisitItem *self)
{
  g_return_val_if_fail (POLKU_IS_MAPPING_VISIT_ITEM (self), NULL);
  return self->hint;
}

gboolean
polku_mapping_visit_item_get_done (PolkuMappingVisitItem *self)
{
  g_return_val_if_fail (POLKU_IS_MAPPING_VISIT_ITEM (self), FALSE);
  return self->done;
}

/* Ticking an item records when; unticking clears it. */
void
polku_mapping_visit_item_set_done (PolkuMappingVisitItem *self,
                                   gboolean               done)
{
  g_return_if_fail (POLKU_IS_MAPPING_VISIT_ITEM (self));

  done = !!done;
  if (self->done == done)
    return;
  self->done = done;
  g_free (self->done_at);
  self->done_at = done ? polku_date_now_stamp () : NULL;
  g_object_notify_by_pspec (G_OBJECT (self), item_properties[ITEM_PROP_DONE]);
  g_object_notify_by_pspec (G_OBJECT (self), item_properties[ITEM_PROP_DONE_AT]);
}

const char *
polku_mapping_visit_item_get_done_at (PolkuMappingVisitItem *self)
{
  g_return_val_if_fail (POLKU_IS_MAPPING_VISIT_ITEM (self), NULL);
  return self->done_at;
}

const char *
polku_mapping_visit_item_get_note (PolkuMappingVisitItem *self)
{
  g_return_val_if_fail (POLKU_IS_MAPPING_VISIT_ITEM (self), NULL);
  return self->note;
}

void
polku_mapping_visit_item_set_note (PolkuMappingVisitItem *self,
                                   const char            *note)
{
  g_return_if_fail (POLKU_IS_MAPPING_VISIT_ITEM (self));

  if (polku_set_stripped (&self->note, note))
    g_object_notify_by_pspec (G_OBJECT (self), item_properties[ITEM_PROP_NOTE]);
}

/* --- The agenda file ------------------------------------------------------------------- */

static gboolean
agenda_error (GError     **error,
              GError      *data_error)
{
  g_set_error_literal (error, POLKU_MAPPING_VISIT_ERROR, POLKU_MAPPING_VISIT_ERROR_AGENDA,
                       data_error->message);
  g_error_free (data_error);
  return FALSE;
}

/**
 * polku_mapping_visit_agenda_load_bytes:
 * @out_planned_minutes: (out) (optional): the planned length of the visit
 *
 * Returns: (transfer full): the agenda items (not stored), or %NULL with @error set
 *   (%POLKU_MAPPING_VISIT_ERROR_AGENDA, naming the file and the field)
 */
GListModel *
polku_mapping_visit_agenda_load_bytes (GBytes      *bytes,
                                       const char  *file_name,
                                       guint       *out_planned_minutes,
                                       GError     **error)
{
  static const char * const top_members[] = {
    "format", "version", "comment", "planned_minutes", "items", NULL
  };
  static const char * const item_members[] = { "key", "title", "hint", "comment", NULL };
  g_autoptr(JsonObject) root = NULL;
  g_autoptr(GListStore) items = NULL;
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  GError *local_error = NULL;
  JsonNode *node;
  JsonArray *array;
  guint language = polku_data_language_index ();
  gint64 minutes = POLKU_MAPPING_VISIT_DEFAULT_MINUTES;

  g_return_val_if_fail (bytes != NULL, NULL);
  g_return_val_if_fail (file_name != NULL, NULL);

  root = polku_data_parse (bytes, file_name, "polku-mapping-visit-agenda", &local_error);
  if (root == NULL
      || !polku_data_check_members (root, top_members, file_name, "", &local_error))
    {
      agenda_error (error, local_error);
      return NULL;
    }

  node = json_object_get_member (root, "planned_minutes");
  if (node != NULL)
    {
      if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_INT64
          || json_node_get_int (node) < 1 || json_node_get_int (node) > 1440)
        {
          g_set_error (error, POLKU_MAPPING_VISIT_ERROR, POLKU_MAPPING_VISIT_ERROR_AGENDA,
                       _("%s: planned_minutes: a whole number of minutes from 1 to 1440 is "
                         "needed."), file_name);
          return NULL;
        }
      minutes = json_node_get_int (node);
    }

  node = json_object_get_member (root, "items");
  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node)
      || json_array_get_length (json_node_get_array (node)) == 0
      || json_array_get_length (json_node_get_array (node)) > MAX_ITEMS)
    {
      g_set_error (error, POLKU_MAPPING_VISIT_ERROR, POLKU_MAPPING_VISIT_ERROR_AGENDA,
                   _("%s: items: a list of 1 to %d agenda items is needed."), file_name,
                   MAX_ITEMS);
      return NULL;
    }
  array = json_node_get_array (node);

  items = g_list_store_new (POLKU_TYPE_MAPPING_VISIT_ITEM);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      g_autofree char *path = g_strdup_printf ("items[%u]", i);
      g_auto(GStrv) titles = NULL;
      g_auto(GStrv) hints = NULL;
      g_autoptr(PolkuMappingVisitItem) item = NULL;
      JsonNode *element = json_array_get_element (array, i);
      JsonObject *object;
      JsonNode *key_node;
      const char *key = NULL;

      if (!JSON_NODE_HOLDS_OBJECT (element))
        {
          g_set_error (error, POLKU_MAPPING_VISIT_ERROR, POLKU_MAPPING_VISIT_ERROR_AGENDA,
                       _("%s: %s: each agenda item must be a JSON object."), file_name, path);
          return NULL;
        }
      object = json_node_get_object (element);
      if (!polku_data_check_members (object, item_members, file_name, path, &local_error))
        {
          agenda_error (error, local_error);
          return NULL;
        }
      key_node = json_object_get_member (object, "key");
      if (key_node != NULL && JSON_NODE_HOLDS_VALUE (key_node)
          && json_node_get_value_type (key_node) == G_TYPE_STRING)
        key = json_node_get_string (key_node);
      if (!polku_data_is_valid_key (key))
        {
          g_set_error (error, POLKU_MAPPING_VISIT_ERROR, POLKU_MAPPING_VISIT_ERROR_AGENDA,
                       _("%s: %s.key: a key of lower-case letters a–z, digits and hyphens is "
                         "needed."), file_name, path);
          return NULL;
        }
      if (g_hash_table_contains (seen, key))
        {
          g_set_error (error, POLKU_MAPPING_VISIT_ERROR, POLKU_MAPPING_VISIT_ERROR_AGENDA,
                       _("%s: %s.key: the key “%s” is used twice."), file_name, path, key);
          return NULL;
        }
      g_hash_table_add (seen, (gpointer) key);

      titles = polku_data_read_labels (object, "title", TRUE, file_name, path, &local_error);
      if (titles == NULL)
        {
          agenda_error (error, local_error);
          return NULL;
        }
      hints = polku_data_read_labels (object, "hint", FALSE, file_name, path, &local_error);
      if (hints == NULL && local_error != NULL)
        {
          agenda_error (error, local_error);
          return NULL;
        }

      item = polku_mapping_visit_item_new (key, titles[language],
                                           hints != NULL ? hints[language] : NULL);
      g_list_store_append (items, item);
    }

  if (out_planned_minutes != NULL)
    *out_planned_minutes = minutes;
  return G_LIST_MODEL (g_steal_pointer (&items));
}

/**
 * polku_mapping_visit_agenda_load_file:
 *
 * Returns: (transfer full): the agenda of @file, or %NULL with @error set
 */
GListModel *
polku_mapping_visit_agenda_load_file (GFile   *file,
                                      guint   *out_planned_minutes,
                                      GError **error)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *name = NULL;

  g_return_val_if_fail (G_IS_FILE (file), NULL);

  bytes = polku_file_load_bounded (file, POLKU_JSON_MAX_BYTES, error);
  if (bytes == NULL)
    return NULL;
  name = g_file_get_basename (file);
  return polku_mapping_visit_agenda_load_bytes (bytes, name, out_planned_minutes, error);
}

/**
 * polku_mapping_visit_agenda_dup_default:
 *
 * Returns: (transfer full): the agenda bundled with Polku, titles in the UI language
 */
GListModel *
polku_mapping_visit_agenda_dup_default (guint   *out_planned_minutes,
                                        GError **error)
{
  g_autoptr(GBytes) bytes = g_resource_lookup_data (polku_core_get_resource (),
                                                    DEFAULT_AGENDA, 0, error);

  if (bytes == NULL)
    return NULL;
  return polku_mapping_visit_agenda_load_bytes (bytes, "mapping-visit-agenda.json",
                                                out_planned_minutes, error);
}

gboolean
polku_mapping_visit_agenda_label (const char  *key,
                                  const char **out_title,
                                  const char **out_hint)
{
  static GListModel *agenda;
  static gsize initialized;
  guint n;

  if (g_once_init_enter (&initialized))
    {
      agenda = polku_mapping_visit_agenda_dup_default (NULL, NULL);
      g_once_init_leave (&initialized, 1);
    }
  if (agenda == NULL || key == NULL)
    return FALSE;

  n = g_list_model_get_n_items (agenda);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(PolkuMappingVisitItem) item = g_list_model_get_item (agenda, i);

      if (g_str_equal (item->key, key))
        {
          *out_title = item->title;  /* the agenda lives as long as the process */
          *out_hint = item->hint;
          return TRUE;
        }
    }
  return FALSE;
}

/* --- The visit ------------------------------------------------------------------------- */

G_DEFINE_FINAL_TYPE (PolkuMappingVisit, polku_mapping_visit, POLKU_TYPE_RECORD)

enum {
  PROP_0,
  PROP_SCHEDULED,
  PROP_PLACE,
  PROP_PLANNED_MINUTES,
  PROP_HELD_ON,
  PROP_NOTES,
  PROP_RUNNING,
  PROP_N_DONE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
item_done_changed (PolkuMappingVisit *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_DONE]);
}

static void
items_changed (GListModel        *items,
               guint              position,
               guint              removed,
               guint              added,
               PolkuMappingVisit *self)
{
  for (guint i = position; i < position + added; i++)
    {
      g_autoptr(PolkuMappingVisitItem) item = g_list_model_get_item (items, i);

      g_signal_connect_object (item, "notify::done", G_CALLBACK (item_done_changed), self,
                               G_CONNECT_SWAPPED);
    }
  item_done_changed (self);
}

static void
polku_mapping_visit_finalize (GObject *object)
{
  PolkuMappingVisit *self = (PolkuMappingVisit *) object;

  g_free (self->scheduled);
  g_free (self->place);
  g_free (self->held_on);
  g_free (self->notes);
  g_free (self->running_since);
  g_clear_object (&self->items);

  G_OBJECT_CLASS (polku_mapping_visit_parent_class)->finalize (object);
}

static void
polku_mapping_visit_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  PolkuMappingVisit *self = POLKU_MAPPING_VISIT (object);

  switch (prop_id)
    {
    case PROP_SCHEDULED:
      g_value_set_string (value, self->scheduled);
      break;
    case PROP_PLACE:
      g_value_set_string (value, self->place);
      break;
    case PROP_PLANNED_MINUTES:
      g_value_set_uint (value, self->planned_minutes);
      break;
    case PROP_HELD_ON:
      g_value_set_string (value, self->held_on);
      break;
    case PROP_NOTES:
      g_value_set_string (value, self->notes);
      break;
    case PROP_RUNNING:
      g_value_set_boolean (value, self->running_since != NULL);
      break;
    case PROP_N_DONE:
      g_value_set_uint (value, polku_mapping_visit_get_n_done (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
polku_mapping_visit_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  PolkuMappingVisit *self = POLKU_MAPPING_VISIT (object);

  switch (prop_id)
    {
    case PROP_SCHEDULED:
      polku_mapping_visit_set_scheduled (self, g_value_get_string (value));
      break;
    case PROP_PLACE:
      polku_mapping_visit_set_place (self, g_value_get_string (value));
      break;
    case PROP_PLANNED_MINUTES:
      polku_mapping_visit_set_planned_minutes (self, g_value_get_uint (value));
      break;
    case PROP_HELD_ON:
      polku_mapping_visit_set_held_on (self, g_value_get_string (value));
      break;
    case PROP_NOTES:
      polku_mapping_visit_set_notes (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
polku_mapping_visit_class_init (PolkuMappingVisitClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags ro = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY;
  GParamFlags rw = G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY;

  object_class->finalize = polku_mapping_visit_finalize;
  object_class->get_property = polku_mapping_visit_get_property;
  object_class->set_property = polku_mapping_visit_set_property;

  properties[PROP_SCHEDULED] = g_param_spec_string ("scheduled", NULL, NULL, NULL, rw);
  properties[PROP_PLACE] = g_param_spec_string ("place", NULL, NULL, NULL, rw);
  properties[PROP_PLANNED_MINUTES] =
    g_param_spec_uint ("planned-minutes", NULL, NULL, 1, 1440,
                       POLKU_MAPPING_VISIT_DEFAULT_MINUTES, rw);
  properties[PROP_HELD_ON] = g_param_spec_string ("held-on", NULL, NULL, NULL, rw);
  properties[PROP_NOTES] = g_param_spec_string ("notes", NULL, NULL, NULL, rw);
  properties[PROP_RUNNING] = g_param_spec_boolean ("running", NULL, NULL, FALSE, ro);
  properties[PROP_N_DONE] = g_param_spec_uint ("n-done", NULL, NULL, 0, G_MAXUINT, 0, ro);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
polku_mapping_visit_init (PolkuMappingVisit *self)
{
  self->planned_minutes = POLKU_MAPPING_VISIT_DEFAULT_MINUTES;
  self->items = g_list_store_new (POLKU_TYPE_MAPPING_VISIT_ITEM);
  g_signal_connect_object (self->items, "items-changed", G_CALLBACK (items_changed), self, 0);
}

void
polku_mapping_visit_notify_all (PolkuMappingVisit *self)
{
  g_object_freeze_notify (G_OBJECT (self));
  for (guint i = 1; i < N_PROPS; i++)
    g_object_notify_by_pspec (G_OBJECT (self), properties[i]);
  g_object_thaw_notify (G_OBJECT (self));
}

#define GETTER(type, name, expr) \
  type polku_mapping_visit_get_##name (PolkuMappingVisit *self) \
  { \
    g_return_val_if_fail (POLKU_IS_MAPPING_VISIT (self), 0); \
    return expr; \
  }
#define TEXT_SETTER(name, PROP) \
  void polku_mapping_visit_set_##name (PolkuMappingVisit *self, const char *value) \
  { \
    g_return_if_fail (POLKU_IS_MAPPING_VISIT (self)); \
    if (polku_set_stripped (&self->name, value)) \
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP]); \
  }

GETTER (const char *, scheduled, self->scheduled)
GETTER (const char *, place, self->place)
GETTER (guint, planned_minutes, self->planned_minutes)
GETTER (const char *, held_on, self->held_on)
GETTER (const char *, notes, self->notes)
GETTER (gboolean, running, self->running_since != NULL)
GETTER (const char *, running_since, self->running_since)

TEXT_SETTER (scheduled, PROP_SCHEDULED)
TEXT_SETTER (place, PROP_PLACE)
TEXT_SETTER (held_on, PROP_HELD_ON)
TEXT_SETTER (notes, PROP_NOTES)

#undef GETTER
#undef TEXT_SETTER

void
polku_mapping_visit_set_planned_minutes (PolkuMappingVisit *self,
                                         guint              minutes)
{
  g_return_if_fail (POLKU_IS_MAPPING_VISIT (self));

  if (self->planned_minutes == minutes)
    return;
  self->planned_minutes = minutes;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PLANNED_MINUTES]);
}

/**
 * polku_mapping_visit_get_items:
 *
 * Returns: (transfer none): the agenda, a #GListModel of #PolkuMappingVisitItem
 */
GListModel *
polku_mapping_visit_get_items (PolkuMappingVisit *self)
{
  g_return_val_if_fail (POLKU_IS_MAPPING_VISIT (self), NULL);
  return G_LIST_MODEL (self->items);
}

/**
 * polku_mapping_visit_lookup_item:
 *
 * Returns: (transfer none) (nullable): the agenda item with @key
 */
PolkuMappingVisitItem *
polku_mapping_visit_lookup_item (PolkuMappingVisit *self,
                                 const char        *key)
{
  guint n;

  g_return_val_if_fail (POLKU_IS_MAPPING_VISIT (self), NULL);

  n = g_list_model_get_n_items (G_LIST_MODEL (self->items));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(PolkuMappingVisitItem) item = g_list_model_get_item (G_LIST_MODEL (self->items),
                                                                     i);

      if (g_strcmp0 (item->key, key) == 0)
        return item;  /* the list keeps it */
    }
  return NULL;
}

guint
polku_mapping_visit_get_n_done (PolkuMappingVisit *self)
{
  guint n, done = 0;

  g_return_val_if_fail (POLKU_IS_MAPPING_VISIT (self), 0);

  n = g_list_model_get_n_items (G_LIST_MODEL (self->items));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(PolkuMappingVisitItem) item = g_list_model_get_item (G_LIST_MODEL (self->items),
                                                                     i);

      done += item->done;
    }
  return done;
}

static GDateTime *
now_or (GDateTime *now)
{
  return now != NULL ? g_date_time_ref (now) : g_date_time_new_now_utc ();
}

static char *
stamp_of (GDateTime *time)
{
  g_autoptr(GDateTime) utc = g_date_time_to_utc (time);
  g_autofree char *base = g_date_time_format (utc, "%Y-%m-%dT%H:%M:%S");

  return g_strdup_printf ("%s.%03dZ", base, g_date_time_get_microsecond (utc) / 1000);
}

/**
 * polku_mapping_visit_get_elapsed_seconds:
 * @now: (nullable): the time to count to, or %NULL for now
 *
 * Returns: how long the timer has run, in seconds
 */
gint64
polku_mapping_visit_get_elapsed_seconds (PolkuMappingVisit *self,
                                         GDateTime         *now)
{
  g_autoptr(GDateTime) since = NULL;
  g_autoptr(GDateTime) until = NULL;
  gint64 running = 0;

  g_return_val_if_fail (POLKU_IS_MAPPING_VISIT (self), 0);

  if (self->running_since != NULL)
    {
      since = g_date_time_new_from_iso8601 (self->running_since, NULL);
      until = now_or (now);
      if (since != NULL)
        running = MAX (0, g_date_time_difference (until, since) / G_TIME_SPAN_SECOND);
    }
  return self->elapsed_seconds + running;
}

void
polku_mapping_visit_timer_start (PolkuMappingVisit *self,
                                 GDateTime         *now)
{
  g_autoptr(GDateTime) time = NULL;

  g_return_if_fail (POLKU_IS_MAPPING_VISIT (self));

  if (self->running_since != NULL)
    return;
  time = now_or (now);
  self->running_since = stamp_of (time);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RUNNING]);
}

void
polku_mapping_visit_timer_pause (PolkuMappingVisit *self,
                                 GDateTime         *now)
{
  g_return_if_fail (POLKU_IS_MAPPING_VISIT (self));

  if (self->running_since == NULL)
    return;
  self->elapsed_seconds = polku_mapping_visit_get_elapsed_seconds (self, now);
  g_clear_pointer (&self->running_since, g_free);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RUNNING]);
}

void
polku_mapping_visit_timer_reset (PolkuMappingVisit *self)
{
  gboolean was_running;

  g_return_if_fail (POLKU_IS_MAPPING_VISIT (self));

  was_running = self->running_since != NULL;
  self->elapsed_seconds = 0;
  g_clear_pointer (&self->running_since, g_free);
  if (was_running)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RUNNING]);
}

static gboolean
valid_date (const char *text)
{
  g_autoptr(GDateTime) time = NULL;
  g_autofree char *iso = NULL;
  int y, m, d;

  if (text == NULL || strlen (text) != 10 || sscanf (text, "%4d-%2d-%2d", &y, &m, &d) != 3)
    return FALSE;
  if (!g_date_valid_dmy (d, m, y) || y < 1900 || y > 2199)
    return FALSE;
  iso = g_strdup_printf ("%04d-%02d-%02d", y, m, d);
  return g_str_equal (iso, text);
}

/* YYYY-MM-DD or YYYY-MM-DDTHH:MM */
static gboolean
valid_scheduled (const char *text)
{
  g_autofree char *date = NULL;
  int h, min;
  char rest;

  if (text == NULL)
    return FALSE;
  if (strlen (text) == 10)
    return valid_date (text);
  if (strlen (text) != 16 || text[10] != 'T')
    return FALSE;
  date = g_strndup (text, 10);
  return valid_date (date) && sscanf (text + 11, "%2d:%2d%c", &h, &min, &rest) == 2
         && text[13] == ':' && g_ascii_isdigit (text[11]) && g_ascii_isdigit (text[12])
         && g_ascii_isdigit (text[14]) && g_ascii_isdigit (text[15])
         && h >= 0 && h <= 23 && min >= 0 && min <= 59;
}

gboolean
polku_mapping_visit_validate (PolkuMappingVisit  *self,
                              GError            **error)
{
  guint n;

  g_return_val_if_fail (POLKU_IS_MAPPING_VISIT (self), FALSE);

  if (self->scheduled != NULL && !valid_scheduled (self->scheduled))
    {
      g_set_error (error, POLKU_MAPPING_VISIT_ERROR, POLKU_MAPPING_VISIT_ERROR_SCHEDULED,
                   _("“%s” is not a date and time: write it as YYYY-MM-DD or "
                     "YYYY-MM-DDTHH:MM."), self->scheduled);
      return FALSE;
    }
  if (self->place != NULL && g_utf8_strlen (self->place, -1) > 200)
    {
      g_set_error (error, POLKU_MAPPING_VISIT_ERROR, POLKU_MAPPING_VISIT_ERROR_PLACE,
                   _("The place is too long (at most %d characters)."), 200);
      return FALSE;
    }
  if (self->planned_minutes < 1 || self->planned_minutes > 1440)
    {
      g_set_error (error, POLKU_MAPPING_VISIT_ERROR, POLKU_MAPPING_VISIT_ERROR_PLANNED_MINUTES,
                   _("The planned length must be from 1 to 1440 minutes."));
      return FALSE;
    }
  if (self->held_on != NULL && !valid_date (self->held_on))
    {
      g_set_error (error, POLKU_MAPPING_VISIT_ERROR, POLKU_MAPPING_VISIT_ERROR_HELD_ON,
                   _("“%s” is not a date: write it as YYYY-MM-DD."), self->held_on);
      return FALSE;
    }
  if (self->notes != NULL && g_utf8_strlen (self->notes, -1) > POLKU_MAPPING_VISIT_MAX_NOTES)
    {
      g_set_error (error, POLKU_MAPPING_VISIT_ERROR, POLKU_MAPPING_VISIT_ERROR_NOTES,
                   _("The notes are too long (at most %d characters)."),
                   POLKU_MAPPING_VISIT_MAX_NOTES);
      return FALSE;
    }

  n = g_list_model_get_n_items (G_LIST_MODEL (self->items));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(PolkuMappingVisitItem) item = g_list_model_get_item (G_LIST_MODEL (self->items),
                                                                     i);

      if (item->note != NULL
          && g_utf8_strlen (item->note, -1) > POLKU_MAPPING_VISIT_MAX_ITEM_NOTE)
        {
          g_set_error (error, POLKU_MAPPING_VISIT_ERROR, POLKU_MAPPING_VISIT_ERROR_ITEM,
                       _("The note of “%s” is too long (at most %d characters)."),
                       item->title, POLKU_MAPPING_VISIT_MAX_ITEM_NOTE);
          return FALSE;
        }
    }
  return TRUE;
}
