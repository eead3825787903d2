/* polku-sync-merge.c: the three-way merge of shared documents, field by field
 *
 * Copyright 2026 The Polku authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One recursion (merge_node ()) walks base, local and remote together: objects member by
 * member, arrays of objects with ids element by element, anything else as one value. What
 * polku-sync-merge.h promises is decided in merge_node (); the rest is walking and copying.
 */

#define G_LOG_DOMAIN "polku-sync-merge"

#include "config.h"

#include <string.h>

#include "polku-sync-merge.h"

static gboolean
is_absent (JsonNode *node)
{
  return node == NULL || JSON_NODE_HOLDS_NULL (node);
}

static gboolean
is_stamp (const char *name)
{
  return g_strcmp0 (name, "created") == 0 || g_strcmp0 (name, "modified") == 0;
}

/* Copies share nothing with their source (json_node_copy () shares objects and arrays), so
 * that a caller may change the merged document without touching its inputs. */
static JsonNode *
copy_or_null (JsonNode *node)
{
  return node != NULL ? polku_sync_copy (node) : NULL;
}

/* Equality of content: null equals absent, numbers by value (1 equals 1.0), members in any
 * order, stamps ignored when @skip_stamps. */
static gboolean values_equal (JsonNode *a,
                              JsonNode *b,
                              gboolean  skip_stamps);

/* @skip_meta: leave out what is not a document's content (only at a document's top). */
static gboolean
objects_equal (JsonObject *a,
               JsonObject *b,
               gboolean    skip_stamps,
               gboolean    skip_meta)
{
  for (int pass = 0; pass < 2; pass++)
    {
      JsonObject *from = pass == 0 ? a : b;
      JsonObject *other = pass == 0 ? b : a;
      JsonObjectIter iter;
      const char *name;
      JsonNode *value;

      json_object_iter_init (&iter, from);
      while (json_object_iter_next (&iter, &name, &value))
        {
          JsonNode *other_value;

          if ((skip_stamps && is_stamp (name))
              || (skip_meta && polku_sync_is_meta_member (name)))
            continue;
          other_value = json_object_get_member (other, name);
          if (pass == 1 && other_value != NULL)
            continue;  /* compared in the first pass */
          if (!values_equal (value, other_value, skip_stamps))
            return FALSE;
        }
    }
  return TRUE;
}

static gboolean
values_equal (JsonNode *a,
              JsonNode *b,
              gboolean  skip_stamps)
{
  if (is_absent (a) || is_absent (b))
    return is_absent (a) && is_absent (b);
  if (JSON_NODE_TYPE (a) != JSON_NODE_TYPE (b))
    return FALSE;

  switch (JSON_NODE_TYPE (a))
    {
    case JSON_NODE_OBJECT:
      return objects_equal (json_node_get_object (a), json_node_get_object (b), skip_stamps,
                            FALSE);

    case JSON_NODE_ARRAY:
      {
        JsonArray *aa = json_node_get_array (a);
        JsonArray *ab = json_node_get_array (b);
        guint n = json_array_get_length (aa);

        if (n != json_array_get_length (ab))
          return FALSE;
        for (guint i = 0; i < n; i++)
          if (!values_equal (json_array_get_element (aa, i), json_array_get_element (ab, i),
                             skip_stamps))
            return FALSE;
        return TRUE;
      }

    case JSON_NODE_VALUE:
      {
        GType ta = json_node_get_value_type (a);
        GType tb = json_node_get_value_type (b);
        gboolean na = ta == G_TYPE_INT64 || ta == G_TYPE_DOUBLE;
        gboolean nb = tb == G_TYPE_INT64 || tb == G_TYPE_DOUBLE;

        if (na && nb)
          {
            if (ta == G_TYPE_INT64 && tb == G_TYPE_INT64)
              return json_node_get_int (a) == json_node_get_int (b);
            return json_node_get_double (a) == json_node_get_double (b);
          }
        if (ta != tb)
          return FALSE;
        if (ta == G_TYPE_STRING)
          return g_strcmp0 (json_node_get_string (a), json_node_get_string (b)) == 0;
        if (ta == G_TYPE_BOOLEAN)
          return json_node_get_boolean (a) == json_node_get_boolean (b);
        return FALSE;
      }

    case JSON_NODE_NULL:
    default:
      return TRUE;
    }
}

/* What the engine adds about the sync itself; CouchDB's own members start with "_". */
static const char * const meta_members[] = { "conflicts", "changed_by", NULL };

gboolean
polku_sync_is_meta_member (const char *name)
{
  g_return_val_if_fail (name != NULL, FALSE);

  return *name == '_' || g_strv_contains (meta_members, name);
}

/**
 * polku_sync_content_equal:
 *
 * Returns: whether the documents @a and @b hold the same content, stamps left out
 */
gboolean
polku_sync_content_equal (JsonNode *a,
                          JsonNode *b)
{
  if (a != NULL && b != NULL && JSON_NODE_HOLDS_OBJECT (a) && JSON_NODE_HOLDS_OBJECT (b))
    return objects_equal (json_node_get_object (a), json_node_get_object (b), TRUE, TRUE);
  return values_equal (a, b, TRUE);
}

/**
 * polku_sync_values_equal:
 * @a: (nullable):
 * @b: (nullable):
 *
 * Returns: whether @a and @b hold the same content (see polku-sync-merge.h)
 */
gboolean
polku_sync_values_equal (JsonNode *a,
                         JsonNode *b,
                         gboolean  skip_stamps)
{
  return values_equal (a, b, skip_stamps);
}

/**
 * polku_sync_copy:
 *
 * Returns: (transfer full): a copy of @node that shares nothing with it
 */
JsonNode *
polku_sync_copy (JsonNode *node)
{
  JsonNode *copy;

  g_return_val_if_fail (node != NULL, NULL);

  switch (JSON_NODE_TYPE (node))
    {
    case JSON_NODE_OBJECT:
      {
        JsonObject *source = json_node_get_object (node);
        JsonObject *object = json_object_new ();
        g_autoptr(GList) names = json_object_get_members (source);

        for (GList *l = names; l != NULL; l = l->next)
          json_object_set_member (object, l->data,
                                  polku_sync_copy (json_object_get_member (source, l->data)));
        copy = json_node_new (JSON_NODE_OBJECT);
        json_node_take_object (copy, object);
        return copy;
      }

    case JSON_NODE_ARRAY:
      {
        JsonArray *source = json_node_get_array (node);
        guint n = json_array_get_length (source);
        JsonArray *array = json_array_sized_new (n);

        for (guint i = 0; i < n; i++)
          json_array_add_element (array, polku_sync_copy (json_array_get_element (source, i)));
        copy = json_node_new (JSON_NODE_ARRAY);
        json_node_take_array (copy, array);
        return copy;
      }

    case JSON_NODE_VALUE:
      {
        /* A new value: json_node_copy () would share the old one. */
        GType type = json_node_get_value_type (node);

        copy = json_node_new (JSON_NODE_VALUE);
        if (type == G_TYPE_STRING)
          json_node_set_string (copy, json_node_get_string (node));
        else if (type == G_TYPE_INT64)
          json_node_set_int (copy, json_node_get_int (node));
        else if (type == G_TYPE_DOUBLE)
          json_node_set_double (copy, json_node_get_double (node));
        else if (type == G_TYPE_BOOLEAN)
          json_node_set_boolean (copy, json_node_get_boolean (node));
        else
          {
            g_auto(GValue) value = G_VALUE_INIT;

            json_node_get_value (node, &value);
            json_node_set_value (copy, &value);
          }
        return copy;
      }

    case JSON_NODE_NULL:
    default:
      return json_node_new (JSON_NODE_NULL);
    }
}

/* Keyed arrays */

/* The id an element is known by in a path, or NULL when the element cannot be keyed. */
static const char *
element_id (JsonNode *element)
{
  JsonNode *id;
  const char *text;

  if (element == NULL || !JSON_NODE_HOLDS_OBJECT (element))
    return NULL;
  id = json_object_get_member (json_node_get_object (element), "id");
  if (id == NULL || !JSON_NODE_HOLDS_VALUE (id) || json_node_get_value_type (id) != G_TYPE_STRING)
    return NULL;
  text = json_node_get_string (id);
  if (text == NULL || *text == '\0' || strchr (text, '/') != NULL)
    return NULL;
  return text;
}

/* An array whose elements are all objects with distinct usable ids (an empty one too). */
static gboolean
is_keyed_array (JsonNode *node)
{
  g_autoptr(GHashTable) seen = NULL;
  JsonArray *array;
  guint n;

  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    return FALSE;
  array = json_node_get_array (node);
  n = json_array_get_length (array);
  seen = g_hash_table_new (g_str_hash, g_str_equal);
  for (guint i = 0; i < n; i++)
    {
      const char *id = element_id (json_array_get_element (array, i));

      if (id == NULL || !g_hash_table_add (seen, (gpointer) id))
        return FALSE;
    }
  return TRUE;
}

/* id → element of a keyed array (@node nullable). */
static GHashTable *
index_elements (JsonNode *node)
{
  GHashTable *index = g_hash_table_new (g_str_hash, g_str_equal);
  JsonArray *array;

  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    return index;
  array = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *element = json_array_get_element (array, i);

      g_hash_table_insert (index, (gpointer) element_id (element), element);
    }
  return index;
}

/* The ids of @node (a keyed array, nullable) that are in both @a and @b, in @node's order. */
static GPtrArray *
common_ids (JsonNode   *node,
            GHashTable *a,
            GHashTable *b)
{
  GPtrArray *ids = g_ptr_array_new ();
  JsonArray *array;

  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    return ids;
  array = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      const char *id = element_id (json_array_get_element (array, i));

      if (g_hash_table_contains (a, id) && g_hash_table_contains (b, id))
        g_ptr_array_add (ids, (gpointer) id);
    }
  return ids;
}

static gboolean
same_ids (GPtrArray *a,
          GPtrArray *b)
{
  if (a->len != b->len)
    return FALSE;
  for (guint i = 0; i < a->len; i++)
    if (!g_str_equal (g_ptr_array_index (a, i), g_ptr_array_index (b, i)))
      return FALSE;
  return TRUE;
}

/* The order of the merged elements: the local order, then the elements only the remote has
 * in the remote's order; when the local side kept the base's order of the elements all three
 * have and the remote changed it, those elements take the remote's order in their slots. */
static GPtrArray *
merged_order (JsonNode   *base,
              JsonNode   *local,
              JsonNode   *remote,
              GHashTable *base_index,
              GHashTable *local_index,
              GHashTable *remote_index,
              gboolean    known)
{
  GPtrArray *order = g_ptr_array_new ();
  JsonArray *array;

  if (local != NULL && JSON_NODE_HOLDS_ARRAY (local))
    {
      array = json_node_get_array (local);
      for (guint i = 0; i < json_array_get_length (array); i++)
        g_ptr_array_add (order, (gpointer) element_id (json_array_get_element (array, i)));
    }

  if (known && base != NULL)
    {
      g_autoptr(GHashTable) local_common = g_hash_table_new (g_str_hash, g_str_equal);
      g_autoptr(GPtrArray) in_base = NULL;
      g_autoptr(GPtrArray) in_local = NULL;
      g_autoptr(GPtrArray) in_remote = NULL;

      /* Only the elements all three have can have been reordered. */
      for (guint i = 0; i < order->len; i++)
        if (g_hash_table_contains (base_index, order->pdata[i])
            && g_hash_table_contains (remote_index, order->pdata[i]))
          g_hash_table_add (local_common, order->pdata[i]);
      in_base = common_ids (base, local_common, remote_index);
      in_local = common_ids (local, local_common, base_index);
      in_remote = common_ids (remote, local_common, base_index);
      if (same_ids (in_base, in_local) && !same_ids (in_base, in_remote))
        {
          guint next = 0;

          for (guint i = 0; i < order->len; i++)
            if (g_hash_table_contains (local_common, order->pdata[i]))
              order->pdata[i] = in_remote->pdata[next++];
        }
    }

  if (remote != NULL && JSON_NODE_HOLDS_ARRAY (remote))
    {
      array = json_node_get_array (remote);
      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          const char *id = element_id (json_array_get_element (array, i));

          if (!g_hash_table_contains (local_index, id))
            g_ptr_array_add (order, (gpointer) id);
        }
    }

  /* Elements only the base has were deleted on both sides: nothing to place. */
  return order;
}

/* The merge */

typedef struct
{
  GPtrArray *conflicts;  /* of PolkuSyncMergeConflict, or NULL when nobody asked */
  gboolean   known;      /* there is a base */
} Merge;

static void
add_conflict (Merge      *merge,
              const char *path,
              JsonNode   *base,
              JsonNode   *local,
              JsonNode   *remote)
{
  PolkuSyncMergeConflict *conflict;

  if (merge->conflicts == NULL)
    return;
  conflict = g_new0 (PolkuSyncMergeConflict, 1);
  conflict->path = g_strdup (path);
  conflict->base = is_absent (base) ? NULL : polku_sync_copy (base);
  conflict->local = is_absent (local) ? NULL : polku_sync_copy (local);
  conflict->remote = is_absent (remote) ? NULL : polku_sync_copy (remote);
  g_ptr_array_add (merge->conflicts, conflict);
}

static char *
child_path (const char *path,
            const char *name)
{
  return *path == '\0' ? g_strdup (name) : g_strconcat (path, "/", name, NULL);
}

static JsonNode *merge_node (Merge      *merge,
                             const char *path,
                             const char *name,
                             JsonNode   *base,
                             JsonNode   *local,
                             JsonNode   *remote);

/* @top: a document's top, where the members that are not content are left out. */
static JsonNode *
merge_objects (Merge      *merge,
               const char *path,
               JsonNode   *base,
               JsonNode   *local,
               JsonNode   *remote,
               gboolean    top)
{
  JsonObject *b = base != NULL && JSON_NODE_HOLDS_OBJECT (base)
                  ? json_node_get_object (base) : NULL;
  JsonObject *l = json_node_get_object (local);
  JsonObject *r = json_node_get_object (remote);
  g_autoptr(JsonObject) result = json_object_new ();
  g_autoptr(GList) local_names = json_object_get_members (l);
  g_autoptr(GList) remote_names = json_object_get_members (r);
  JsonNode *node;

  /* Members in the local order, then the remote's (a member only the base has was deleted
   * on both sides). */
  for (int pass = 0; pass < 2; pass++)
    for (GList *n = pass == 0 ? local_names : remote_names; n != NULL; n = n->next)
      {
        const char *name = n->data;
        g_autofree char *member_path = NULL;
        JsonNode *merged;

        if ((pass == 1 && json_object_has_member (l, name))
            || (top && polku_sync_is_meta_member (name)))
          continue;
        member_path = child_path (path, name);
        merged = merge_node (merge, member_path, name,
                             b != NULL ? json_object_get_member (b, name) : NULL,
                             json_object_get_member (l, name),
                             json_object_get_member (r, name));
        if (merged != NULL)
          json_object_set_member (result, name, merged);
      }

  node = json_node_new (JSON_NODE_OBJECT);
  json_node_set_object (node, result);
  return node;
}

static JsonNode *
merge_keyed (Merge      *merge,
             const char *path,
             JsonNode   *base,
             JsonNode   *local,
             JsonNode   *remote)
{
  g_autoptr(GHashTable) base_index = index_elements (merge->known ? base : NULL);
  g_autoptr(GHashTable) local_index = index_elements (local);
  g_autoptr(GHashTable) remote_index = index_elements (remote);
  g_autoptr(GPtrArray) order = merged_order (base, local, remote, base_index, local_index,
                                             remote_index, merge->known);
  g_autoptr(JsonArray) result = json_array_new ();
  JsonNode *node;

  for (guint i = 0; i < order->len; i++)
    {
      const char *id = order->pdata[i];
      g_autofree char *element_path = child_path (path, id);
      JsonNode *merged = merge_node (merge, element_path, NULL,
                                     g_hash_table_lookup (base_index, id),
                                     g_hash_table_lookup (local_index, id),
                                     g_hash_table_lookup (remote_index, id));

      if (merged != NULL)
        json_array_add_element (result, merged);
    }

  /* An element the base has and both sides deleted stays deleted; one deleted locally and
   * edited remotely is in @order through the remote. One deleted remotely and edited
   * locally is in @order through the local. */
  node = json_node_new (JSON_NODE_ARRAY);
  json_node_set_array (node, result);
  return node;
}

/* The merged value at @path (@name: the member's name, NULL for an element), a new node or
 * NULL for absent. */
static JsonNode *
merge_node (Merge      *merge,
            const char *path,
            const char *name,
            JsonNode   *base,
            JsonNode   *local,
            JsonNode   *remote)
{
  if (values_equal (local, remote, FALSE))
    return copy_or_null (local != NULL ? local : remote);

  if (merge->known)
    {
      if (values_equal (base, local, FALSE))
        return copy_or_null (remote);
      if (values_equal (base, remote, FALSE))
        return copy_or_null (local);
    }
  else
    {
      /* First meeting: what one side lacks is taken from the other. */
      if (is_absent (local))
        return copy_or_null (remote);
      if (is_absent (remote))
        return copy_or_null (local);
    }

  /* Changed on both sides, differently. */
  if (!is_absent (local) && !is_absent (remote))
    {
      gboolean base_fits;

      if (JSON_NODE_HOLDS_OBJECT (local) && JSON_NODE_HOLDS_OBJECT (remote))
        {
          base_fits = !merge->known || is_absent (base) || JSON_NODE_HOLDS_OBJECT (base);
          if (base_fits)
            return merge_objects (merge, path, merge->known ? base : NULL, local, remote,
                                  FALSE);
        }
      if (is_keyed_array (local) && is_keyed_array (remote))
        {
          base_fits = !merge->known || is_absent (base) || is_keyed_array (base);
          if (base_fits)
            return merge_keyed (merge, path, base, local, remote);
        }
    }

  /* Stamps say when, not what: never a conflict; the remote's stays. */
  if (name != NULL && is_stamp (name))
    return copy_or_null (remote);

  add_conflict (merge, path, merge->known ? base : NULL, local, remote);
  return copy_or_null (remote);
}

void
polku_sync_merge_conflict_free (PolkuSyncMergeConflict *c)
{
  if (c == NULL)
    return;
  g_free (c->path);
  g_clear_pointer (&c->base, json_node_unref);
  g_clear_pointer (&c->local, json_node_unref);
  g_clear_pointer (&c->remote, json_node_unref);
  g_free (c);
}

/**
 * polku_sync_merge:
 * @base: (nullable): the content both sides last agreed on; %NULL when the two documents
 *   meet for the first time
 * @local: this Polku's content
 * @remote: the server's content
 * @conflicts: (out) (optional) (transfer full) (element-type PolkuSyncMergeConflict): the
 *   conflicts, in document order
 *
 * The three-way merge of polku-sync-merge.h. Neither input is changed.
 *
 * Returns: (transfer full): the merged content
 */
JsonNode *
polku_sync_merge (JsonNode   *base,
                  JsonNode   *local,
                  JsonNode   *remote,
                  GPtrArray **conflicts)
{
  g_autoptr(GPtrArray) found =
    g_ptr_array_new_with_free_func ((GDestroyNotify) polku_sync_merge_conflict_free);
  Merge merge = { found, base != NULL };
  JsonNode *merged;

  g_return_val_if_fail (local != NULL && remote != NULL, NULL);

  if (JSON_NODE_HOLDS_OBJECT (local) && JSON_NODE_HOLDS_OBJECT (remote))
    merged = merge_objects (&merge, "",
                            base != NULL && JSON_NODE_HOLDS_OBJECT (base) ? base : NULL,
                            local, remote, TRUE);
  else
    {
      /* Not documents; merged as values all the same. */
      merged = merge_node (&merge, "", NULL, base, local, remote);
      if (merged == NULL)
        merged = json_node_new (JSON_NODE_NULL);
    }
  if (conflicts != NULL)
    *conflicts = g_steal_pointer (&found);
  return merged;
}

/* Paths */

/* The child of @node named by @segment: a member of an object, an element of a keyed array
 * by id. Borrowed, or NULL. */
static JsonNode *
child_of (JsonNode   *node,
          const char *segment,
          guint      *out_index)
{
  if (node == NULL)
    return NULL;
  if (JSON_NODE_HOLDS_OBJECT (node))
    return json_object_get_member (json_node_get_object (node), segment);
  if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);

      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          JsonNode *element = json_array_get_element (array, i);

          if (g_strcmp0 (element_id (element), segment) == 0)
            {
              if (out_index != NULL)
                *out_index = i;
              return element;
            }
        }
    }
  return NULL;
}

/**
 * polku_sync_value_at:
 *
 * Returns: (transfer full) (nullable): a copy of what @path names in @doc, or %NULL when it
 *   is absent (a null member is absent too)
 */
JsonNode *
polku_sync_value_at (JsonNode   *doc,
                     const char *path)
{
  g_auto(GStrv) segments = NULL;
  JsonNode *node = doc;

  g_return_val_if_fail (path != NULL, NULL);

  if (*path != '\0')
    {
      segments = g_strsplit (path, "/", -1);
      for (guint i = 0; segments[i] != NULL && node != NULL; i++)
        node = child_of (node, segments[i], NULL);
    }
  return is_absent (node) ? NULL : polku_sync_copy (node);
}

/**
 * polku_sync_set_at:
 * @value: (nullable): what to set (copied); %NULL removes
 *
 * See polku-sync-merge.h.
 */
void
polku_sync_set_at (JsonNode   *doc,
                   const char *path,
                   JsonNode   *value)
{
  g_auto(GStrv) segments = NULL;
  JsonNode *node = doc;
  guint n;
  const char *last;

  g_return_if_fail (doc != NULL);
  g_return_if_fail (path != NULL && *path != '\0');

  segments = g_strsplit (path, "/", -1);
  n = g_strv_length (segments);
  for (guint i = 0; i + 1 < n; i++)
    {
      JsonNode *child = child_of (node, segments[i], NULL);

      if (child == NULL || JSON_NODE_HOLDS_NULL (child))
        {
          /* Only a missing member of an object can be made on the way. */
          if (value == NULL || !JSON_NODE_HOLDS_OBJECT (node))
            return;
          child = json_node_new (JSON_NODE_OBJECT);
          json_node_take_object (child, json_object_new ());
          json_object_set_member (json_node_get_object (node), segments[i], child);
        }
      node = child;
    }

  last = segments[n - 1];
  if (JSON_NODE_HOLDS_OBJECT (node))
    {
      JsonObject *object = json_node_get_object (node);

      if (value == NULL)
        {
          if (json_object_has_member (object, last))
            json_object_remove_member (object, last);
        }
      else
        json_object_set_member (object, last, polku_sync_copy (value));
    }
  else if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);
      guint index = 0;
      JsonNode *element = child_of (node, last, &index);
      JsonNode *copy = NULL;

      if (value != NULL)
        {
          copy = polku_sync_copy (value);
          if (JSON_NODE_HOLDS_OBJECT (copy))
            json_object_set_string_member (json_node_get_object (copy), "id", last);
        }

      if (element != NULL)
        {
          /* JsonArray has no replace: rebuild it with the element swapped or left out. */
          g_autoptr(GList) elements = json_array_get_elements (array);
          g_autoptr(JsonArray) rebuilt = json_array_new ();
          guint i = 0;

          for (GList *l = elements; l != NULL; l = l->next, i++)
            {
              if (i != index)
                json_array_add_element (rebuilt, polku_sync_copy (l->data));
              else if (copy != NULL)
                json_array_add_element (rebuilt, g_steal_pointer (&copy));
            }
          json_node_set_array (node, rebuilt);
        }
      else if (copy != NULL)
        json_array_add_element (array, g_steal_pointer (&copy));
      g_clear_pointer (&copy, json_node_unref);
    }
}

/* @top: a document's top, where the members that are not content are left out. */
static void
collect_changes (GPtrArray  *paths,
                 const char *path,
                 const char *name,
                 JsonNode   *base,
                 JsonNode   *doc,
                 gboolean    top)
{
  if (name != NULL && is_stamp (name))
    return;
  if (top ? polku_sync_content_equal (base, doc) : values_equal (base, doc, TRUE))
    return;

  if (!is_absent (base) && !is_absent (doc))
    {
      if (JSON_NODE_HOLDS_OBJECT (base) && JSON_NODE_HOLDS_OBJECT (doc))
        {
          JsonObject *b = json_node_get_object (base);
          JsonObject *d = json_node_get_object (doc);
          g_autoptr(GList) doc_names = json_object_get_members (d);
          g_autoptr(GList) base_names = json_object_get_members (b);

          for (int pass = 0; pass < 2; pass++)
            for (GList *n = pass == 0 ? doc_names : base_names; n != NULL; n = n->next)
              {
                g_autofree char *member_path = NULL;

                if ((pass == 1 && json_object_has_member (d, n->data))
                    || (top && polku_sync_is_meta_member (n->data)))
                  continue;
                member_path = child_path (path, n->data);
                collect_changes (paths, member_path, n->data,
                                 json_object_get_member (b, n->data),
                                 json_object_get_member (d, n->data), FALSE);
              }
          return;
        }
      if (is_keyed_array (base) && is_keyed_array (doc))
        {
          g_autoptr(GHashTable) base_index = index_elements (base);
          g_autoptr(GHashTable) doc_index = index_elements (doc);

          for (int pass = 0; pass < 2; pass++)
            {
              JsonArray *array = json_node_get_array (pass == 0 ? doc : base);

              for (guint i = 0; i < json_array_get_length (array); i++)
                {
                  const char *id = element_id (json_array_get_element (array, i));
                  g_autofree char *element_path = NULL;

                  if (pass == 1 && g_hash_table_contains (doc_index, id))
                    continue;
                  element_path = child_path (path, id);
                  collect_changes (paths, element_path, NULL,
                                   g_hash_table_lookup (base_index, id),
                                   g_hash_table_lookup (doc_index, id), FALSE);
                }
            }
          return;
        }
    }

  g_ptr_array_add (paths, g_strdup (path));
}

/**
 * polku_sync_changed_paths:
 * @base: (nullable): the earlier content
 *
 * Returns: (transfer full) (element-type utf8): see polku-sync-merge.h
 */
GPtrArray *
polku_sync_changed_paths (JsonNode *base,
                          JsonNode *doc)
{
  g_autoptr(JsonNode) empty = NULL;
  GPtrArray *paths = g_ptr_array_new_with_free_func (g_free);

  g_return_val_if_fail (doc != NULL, paths);

  if (base == NULL)
    {
      empty = json_node_new (JSON_NODE_OBJECT);
      json_node_take_object (empty, json_object_new ());
      base = empty;
    }
  collect_changes (paths, "", NULL, base, doc, TRUE);
  return paths;
}
