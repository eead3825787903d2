/* polku-instrument-reader.c: reading an instrument's definition (JSON)
 *
 * Copyright 2026 The Polku authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Loading is strict: an unknown member, a wrong type or a reference to something that does
 * not exist is an error "FILE: FIELD: what is wrong", so that a typo in a definition never
 * scores anything silently wrong.
 */

#define G_LOG_DOMAIN "polku-instrument"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "polku-instrument-fields-private.h"
#include "polku-json.h"

#define FORMAT_VERSION 1

static void
anchor_clear (Anchor *anchor)
{
  g_clear_pointer (&anchor->label, g_hash_table_unref);
}

typedef struct
{
  const char *file;
  GError    **error;
} Ctx;

static gboolean
invalid_va (Ctx        *ctx,
            const char *field,
            const char *format,
            va_list     args) G_GNUC_PRINTF (3, 0);

static gboolean
invalid_va (Ctx        *ctx,
            const char *field,
            const char *format,
            va_list     args)
{
  g_autofree char *message = g_strdup_vprintf (format, args);

  /* TRANSLATORS: an error in an instrument definition: "FILE: FIELD: what is wrong" */
  g_set_error (ctx->error, POLKU_INSTRUMENT_ERROR, POLKU_INSTRUMENT_ERROR_INVALID,
               _("%s: %s: %s"), ctx->file, field, message);
  return FALSE;
}

static gboolean
invalid (Ctx        *ctx,
         const char *field,
         const char *format,
         ...) G_GNUC_PRINTF (3, 4);

static gboolean
invalid (Ctx        *ctx,
         const char *field,
         const char *format,
         ...)
{
  va_list args;

  va_start (args, format);
  invalid_va (ctx, field, format, args);
  va_end (args);
  return FALSE;
}

/* The path of @member of the object at @field: "FIELD.MEMBER", or "MEMBER" at the top
 * level (@field NULL). */
static char *
member_path (const char *field,
             const char *member)
{
  return field != NULL ? g_strdup_printf ("%s.%s", field, member) : g_strdup (member);
}

/* invalid () for @member of the object at @field. */
static gboolean
invalid_member (Ctx        *ctx,
                const char *field,
                const char *member,
                const char *format,
                ...) G_GNUC_PRINTF (4, 5);

static gboolean
invalid_member (Ctx        *ctx,
                const char *field,
                const char *member,
                const char *format,
                ...)
{
  g_autofree char *path = member_path (field, member);
  va_list args;

  va_start (args, format);
  invalid_va (ctx, path, format, args);
  va_end (args);
  return FALSE;
}

static gboolean
check_members (Ctx                *ctx,
               const char         *field,
               JsonObject         *object,
               const char * const *known)
{
  g_autoptr(GList) members = json_object_get_members (object);

  for (GList *l = members; l != NULL; l = l->next)
    if (!g_strv_contains (known, l->data))
      {
        g_autofree char *path = g_strdup_printf ("%s.%s", field, (const char *) l->data);

        return invalid (ctx, path, _("unknown member (a typo?)"));
      }
  return TRUE;
}

static JsonObject *
get_object (Ctx        *ctx,
            const char *field,
            JsonNode   *node)
{
  if (node == NULL)
    {
      invalid (ctx, field, _("missing"));
      return NULL;
    }
  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      invalid (ctx, field, _("must be a JSON object"));
      return NULL;
    }
  return json_node_get_object (node);
}

static JsonArray *
get_array (Ctx        *ctx,
           const char *field,
           JsonNode   *node,
           gboolean    non_empty)
{
  if (node == NULL)
    {
      invalid (ctx, field, _("missing"));
      return NULL;
    }
  if (!JSON_NODE_HOLDS_ARRAY (node))
    {
      invalid (ctx, field, _("must be a JSON array"));
      return NULL;
    }
  if (non_empty && json_array_get_length (json_node_get_array (node)) == 0)
    {
      invalid (ctx, field, _("must not be empty"));
      return NULL;
    }
  return json_node_get_array (node);
}

static const char *
get_string (Ctx        *ctx,
            const char *field,
            JsonNode   *node)
{
  if (node == NULL)
    {
      invalid (ctx, field, _("missing"));
      return NULL;
    }
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING
      || json_node_get_string (node)[0] == '\0')
    {
      invalid (ctx, field, _("must be a non-empty string"));
      return NULL;
    }
  return json_node_get_string (node);
}

gboolean
polku_instrument_json_whole_number (JsonNode *node,
                                    gint64   *out)
{
  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return FALSE;
  if (json_node_get_value_type (node) == G_TYPE_INT64)
    {
      *out = json_node_get_int (node);
      return TRUE;
    }
  if (json_node_get_value_type (node) == G_TYPE_DOUBLE)
    {
      double d = json_node_get_double (node);

      /* Whole and well inside the range of gint64 (no libm needed). */
      if (isfinite (d) && d > -1e15 && d < 1e15 && d == (double) (gint64) d)
        {
          *out = (gint64) d;
          return TRUE;
        }
    }
  return FALSE;
}

static gboolean
get_int (Ctx        *ctx,
         const char *field,
         JsonNode   *node,
         gint64      min,
         gint64      max,
         gint64     *out)
{
  if (node == NULL)
    return invalid (ctx, field, _("missing"));
  if (!polku_instrument_json_whole_number (node, out) || *out < min || *out > max)
    return invalid (ctx, field, _("must be a whole number from %d to %d"), (int) min,
                    (int) max);
  return TRUE;
}

static gboolean
get_double (Ctx        *ctx,
            const char *field,
            JsonNode   *node,
            double     *out)
{
  if (node == NULL)
    return invalid (ctx, field, _("missing"));
  if (!JSON_NODE_HOLDS_VALUE (node)
      || (json_node_get_value_type (node) != G_TYPE_INT64
          && json_node_get_value_type (node) != G_TYPE_DOUBLE))
    return invalid (ctx, field, _("must be a number"));
  *out = json_node_get_double (node);
  if (!isfinite (*out))
    return invalid (ctx, field, _("must be a number"));
  return TRUE;
}

static gboolean
is_language_code (const char *code)
{
  gsize len = strlen (code);

  if (len < 2 || len > 3)
    return FALSE;
  for (gsize i = 0; i < len; i++)
    if (!g_ascii_islower (code[i]))
      return FALSE;
  return TRUE;
}

/* {"en": "…", "fi": "…", "sv": "…"}: English is required, the others fall back to it. */
static GHashTable *
get_text (Ctx        *ctx,
          const char *field,
          JsonNode   *node)
{
  g_autoptr(GHashTable) text = NULL;
  g_autoptr(GList) members = NULL;
  JsonObject *object = get_object (ctx, field, node);

  if (object == NULL)
    return NULL;

  text = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  members = json_object_get_members (object);
  for (GList *l = members; l != NULL; l = l->next)
    {
      g_autofree char *path = g_strdup_printf ("%s.%s", field, (const char *) l->data);
      const char *value;

      if (!is_language_code (l->data))
        {
          invalid (ctx, path, _("not a language code such as \"en\", \"fi\" or \"sv\""));
          return NULL;
        }
      value = get_string (ctx, path, json_object_get_member (object, l->data));
      if (value == NULL)
        return NULL;
      g_hash_table_insert (text, g_strdup (l->data), g_strdup (value));
    }

  if (!g_hash_table_contains (text, "en"))
    {
      g_autofree char *path = g_strdup_printf ("%s.en", field);

      invalid (ctx, path, _("missing (every text needs at least English)"));
      return NULL;
    }

  return g_steal_pointer (&text);
}

/* --- Members of an object, named "FIELD.MEMBER" in errors (see member_path ()) --- */

static JsonArray *
member_array (Ctx        *ctx,
              const char *field,
              JsonObject *object,
              const char *member,
              gboolean    non_empty)
{
  g_autofree char *path = member_path (field, member);

  return get_array (ctx, path, json_object_get_member (object, member), non_empty);
}

static const char *
member_string (Ctx        *ctx,
               const char *field,
               JsonObject *object,
               const char *member)
{
  g_autofree char *path = member_path (field, member);

  return get_string (ctx, path, json_object_get_member (object, member));
}

static gboolean
member_int (Ctx        *ctx,
            const char *field,
            JsonObject *object,
            const char *member,
            gint64      min,
            gint64      max,
            gint64     *out)
{
  g_autofree char *path = member_path (field, member);

  return get_int (ctx, path, json_object_get_member (object, member), min, max, out);
}

static GHashTable *
member_text (Ctx        *ctx,
             const char *field,
             JsonObject *object,
             const char *member)
{
  g_autofree char *path = member_path (field, member);

  return get_text (ctx, path, json_object_get_member (object, member));
}

/* Reads @member of the object at @field: an array (not empty when @non_empty) of objects
 * with only @known members, each read by @read_element with its path "FIELD.MEMBER[i]". */
typedef gboolean (*ReadElementFunc) (Ctx        *ctx,
                                     const char *field,
                                     JsonObject *object,
                                     gpointer    target);

static gboolean
read_list (Ctx                *ctx,
           const char         *field,
           JsonObject         *object,
           const char         *member,
           gboolean            non_empty,
           const char * const *known,
           ReadElementFunc     read_element,
           gpointer            target)
{
  g_autofree char *path = member_path (field, member);
  JsonArray *array = get_array (ctx, path, json_object_get_member (object, member), non_empty);

  if (array == NULL)
    return FALSE;
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      g_autofree char *element_path = g_strdup_printf ("%s[%u]", path, i);
      JsonObject *element = get_object (ctx, element_path, json_array_get_element (array, i));

      if (element == NULL || !check_members (ctx, element_path, element, known)
          || !read_element (ctx, element_path, element, target))
        return FALSE;
    }
  return TRUE;
}

/* The index in @defined (an array of Scale, Item, Domain or ScoreDef: each starts with its
 * id) of the one whose id is @id, or -1. */
static int
find_id (GArray     *defined,
         const char *id)
{
  guint size = g_array_get_element_size (defined);

  for (guint i = 0; i < defined->len; i++)
    if (g_str_equal (*(char **) (gpointer) (defined->data + i * size), id))
      return i;
  return -1;
}

/* The "id" of the object at @field, which none in @defined has yet. */
static const char *
member_new_id (Ctx        *ctx,
               const char *field,
               JsonObject *object,
               GArray     *defined)
{
  const char *id = member_string (ctx, field, object, "id");

  if (id != NULL && find_id (defined, id) >= 0)
    {
      invalid_member (ctx, field, "id", _("“%s” is defined twice"), id);
      return NULL;
    }
  return id;
}

/* The index of the item whose id is the string at @path (@node), or -1 with an error. */
static int
get_item_ref (PolkuInstrument *self,
              Ctx             *ctx,
              const char      *path,
              JsonNode        *node)
{
  const char *item_id = get_string (ctx, path, node);
  int item;

  if (item_id == NULL)
    return -1;
  item = find_id (self->items, item_id);
  if (item < 0)
    invalid (ctx, path, _("no item “%s” in “items”"), item_id);
  return item;
}

/* --- The parts of an instrument: one element of a list each --- */

static gboolean
read_anchor (Ctx        *ctx,
             const char *field,
             JsonObject *object,
             gpointer    target)
{
  Scale *scale = target;
  Anchor anchor = { 0 };
  gint64 value;

  if (!member_int (ctx, field, object, "value", scale->min, scale->max, &value))
    return FALSE;
  for (guint b = 0; b < scale->anchors->len; b++)
    if (g_array_index (scale->anchors, Anchor, b).value == value)
      return invalid_member (ctx, field, "value", _("%d has two labels"), (int) value);
  anchor.value = value;
  anchor.label = member_text (ctx, field, object, "label");
  if (anchor.label == NULL)
    return FALSE;
  g_array_append_val (scale->anchors, anchor);
  return TRUE;
}

static gboolean
read_scale (Ctx        *ctx,
            const char *field,
            JsonObject *object,
            gpointer    target)
{
  static const char * const anchor_known[] = { "value", "label", NULL };
  PolkuInstrument *self = target;
  const char *id;
  gint64 min, max;
  Scale scale = { 0 };

  id = member_new_id (ctx, field, object, self->scales);
  if (id == NULL)
    return FALSE;
  if (!member_int (ctx, field, object, "min", 0, 1000, &min)
      || !member_int (ctx, field, object, "max", 0, 1000, &max))
    return FALSE;
  if (max <= min)
    return invalid_member (ctx, field, "max", _("must be larger than min"));
  /* 0 is kept for an unanswered item. */
  if (min < 1)
    return invalid_member (ctx, field, "min", _("must be at least 1"));

  scale.id = g_strdup (id);
  scale.min = min;
  scale.max = max;
  scale.anchors = g_array_new (FALSE, TRUE, sizeof (Anchor));
  g_array_set_clear_func (scale.anchors, (GDestroyNotify) anchor_clear);
  g_array_append_val (self->scales, scale);

  return read_list (ctx, field, object, "anchors", FALSE, anchor_known, read_anchor,
                    &g_array_index (self->scales, Scale, self->scales->len - 1));
}

static gboolean
read_item (Ctx        *ctx,
           const char *field,
           JsonObject *object,
           gpointer    target)
{
  PolkuInstrument *self = target;
  JsonNode *reversed;
  const char *id, *scale_id;
  Item item = { 0 };
  int scale;

  id = member_new_id (ctx, field, object, self->items);
  if (id == NULL)
    return FALSE;
  scale_id = member_string (ctx, field, object, "scale");
  if (scale_id == NULL)
    return FALSE;
  scale = find_id (self->scales, scale_id);
  if (scale < 0)
    return invalid_member (ctx, field, "scale", _("no scale “%s” in “scales”"), scale_id);

  reversed = json_object_get_member (object, "reversed");
  if (reversed != NULL && (!JSON_NODE_HOLDS_VALUE (reversed)
                           || json_node_get_value_type (reversed) != G_TYPE_BOOLEAN))
    return invalid_member (ctx, field, "reversed", _("must be true or false"));

  item.text = member_text (ctx, field, object, "text");
  if (item.text == NULL)
    return FALSE;
  item.id = g_strdup (id);
  item.scale = scale;
  item.reversed = reversed != NULL && json_node_get_boolean (reversed);
  g_array_append_val (self->items, item);
  return TRUE;
}

static gboolean
read_reported (Ctx        *ctx,
               const char *field,
               JsonObject *object,
               gpointer    target)
{
  PolkuInstrument *self = target;
  g_autofree char *f_item = member_path (field, "item");
  const char *key;
  Reported reported = { 0 };
  int item;

  item = get_item_ref (self, ctx, f_item, json_object_get_member (object, "item"));
  if (item < 0)
    return FALSE;
  key = member_string (ctx, field, object, "key");
  if (key == NULL)
    return FALSE;
  if (g_str_equal (key, "discarded") || g_str_equal (key, "missing")
      || g_str_equal (key, "domains"))
    return invalid_member (ctx, field, "key", _("“%s” is reserved"), key);
  for (guint r = 0; r < self->reported->len; r++)
    if (g_str_equal (g_array_index (self->reported, Reported, r).key, key))
      return invalid_member (ctx, field, "key", _("“%s” is used twice"), key);

  reported.key = g_strdup (key);
  reported.item = item;
  g_array_append_val (self->reported, reported);
  return TRUE;
}

static gboolean
read_score (Ctx        *ctx,
            const char *field,
            JsonObject *object,
            gpointer    target)
{
  PolkuInstrument *self = target;
  g_autofree char *f_range = member_path (field, "range");
  JsonNode *times, *from;
  JsonArray *range;
  const char *id;
  ScoreDef score = { 0 };

  id = member_string (ctx, field, object, "id");
  if (id == NULL)
    return FALSE;
  if (g_str_equal (id, "answered"))
    return invalid_member (ctx, field, "id", _("“%s” is reserved"), id);
  if (member_new_id (ctx, field, object, self->scores) == NULL)
    return FALSE;

  times = json_object_get_member (object, "mean_times");
  from = json_object_get_member (object, "rescale_from");
  if ((times == NULL) == (from == NULL))
    return invalid (ctx, field, _("needs exactly one of “mean_times” and “rescale_from”"));

  range = member_array (ctx, field, object, "range", FALSE);
  if (range == NULL)
    return FALSE;
  if (json_array_get_length (range) != 2)
    return invalid (ctx, f_range, _("must be [lowest, highest]"));
  if (!get_double (ctx, f_range, json_array_get_element (range, 0), &score.range_min)
      || !get_double (ctx, f_range, json_array_get_element (range, 1), &score.range_max))
    return FALSE;
  if (score.range_max <= score.range_min)
    return invalid (ctx, f_range, _("must be [lowest, highest]"));

  score.rescale_from = -1;
  if (times != NULL)
    {
      g_autofree char *f_times = member_path (field, "mean_times");

      if (!get_double (ctx, f_times, times, &score.mean_times))
        return FALSE;
      if (score.mean_times <= 0)
        return invalid (ctx, f_times, _("must be larger than 0"));
    }
  else
    {
      const char *from_id = member_string (ctx, field, object, "rescale_from");

      if (from_id == NULL)
        return FALSE;
      score.rescale_from = find_id (self->scores, from_id);
      if (score.rescale_from < 0)
        return invalid_member (ctx, field, "rescale_from", _("no earlier domain score “%s”"),
                               from_id);
    }

  score.id = g_strdup (id);
  g_array_append_val (self->scores, score);
  return TRUE;
}

static gboolean
read_domain (Ctx        *ctx,
             const char *field,
             JsonObject *object,
             gpointer    target)
{
  PolkuInstrument *self = target;
  g_autofree char *f_items = member_path (field, "items");
  JsonArray *items;
  const char *id;
  Domain domain = { 0 };
  Domain *added;
  gint64 min_answered;

  id = member_new_id (ctx, field, object, self->domains);
  if (id == NULL)
    return FALSE;
  items = member_array (ctx, field, object, "items", TRUE);
  if (items == NULL)
    return FALSE;

  domain.title = member_text (ctx, field, object, "title");
  if (domain.title == NULL)
    return FALSE;
  domain.id = g_strdup (id);
  domain.items = g_array_new (FALSE, FALSE, sizeof (guint));
  g_array_append_val (self->domains, domain);
  added = &g_array_index (self->domains, Domain, self->domains->len - 1);

  for (guint k = 0; k < json_array_get_length (items); k++)
    {
      g_autofree char *fk = g_strdup_printf ("%s[%u]", f_items, k);
      int item = get_item_ref (self, ctx, fk, json_array_get_element (items, k));
      guint index;

      if (item < 0)
        return FALSE;
      for (guint m = 0; m < added->items->len; m++)
        if (g_array_index (added->items, guint, m) == (guint) item)
          return invalid (ctx, fk, _("item “%s” is listed twice"),
                          g_array_index (self->items, Item, item).id);
      index = item;
      g_array_append_val (added->items, index);
    }

  if (!member_int (ctx, field, object, "min_answered", 1, added->items->len, &min_answered))
    return FALSE;
  added->min_answered = min_answered;
  return TRUE;
}

static gboolean
polku_instrument_read (PolkuInstrument *self,
                       Ctx             *ctx,
                       JsonNode        *root)
{
  static const char * const known[] = {
    "format", "id", "version", "title", "description", "scales", "items", "reported_items",
    "domain_scores", "domains", "max_missing", NULL
  };
  static const char * const scale_known[] = { "id", "min", "max", "anchors", NULL };
  static const char * const item_known[] = { "id", "scale", "text", "reversed", NULL };
  static const char * const reported_known[] = { "item", "key", NULL };
  static const char * const score_known[] = {
    "id", "mean_times", "rescale_from", "range", NULL
  };
  static const char * const domain_known[] = { "id", "title", "items", "min_answered", NULL };
  JsonObject *object = get_object (ctx, "(top level)", root);
  const char *id, *version;
  gint64 format, max_missing;

  if (object == NULL || !check_members (ctx, "(top level)", object, known))
    return FALSE;
  if (!member_int (ctx, NULL, object, "format", FORMAT_VERSION, FORMAT_VERSION, &format))
    return FALSE;

  id = member_string (ctx, NULL, object, "id");
  if (id == NULL)
    return FALSE;
  for (const char *p = id; *p != '\0'; p++)
    if (!g_ascii_islower (*p) && !g_ascii_isdigit (*p) && *p != '-')
      return invalid (ctx, "id", _("may only have the letters a–z, digits and “-”"));
  self->id = g_strdup (id);

  version = member_string (ctx, NULL, object, "version");
  if (version == NULL)
    return FALSE;
  self->version = g_strdup (version);

  self->title = member_text (ctx, NULL, object, "title");
  if (self->title == NULL)
    return FALSE;
  if (json_object_has_member (object, "description"))
    {
      self->description = member_text (ctx, NULL, object, "description");
      if (self->description == NULL)
        return FALSE;
    }

  if (!read_list (ctx, NULL, object, "scales", TRUE, scale_known, read_scale, self)
      || !read_list (ctx, NULL, object, "items", TRUE, item_known, read_item, self))
    return FALSE;
  if (json_object_has_member (object, "reported_items")
      && !read_list (ctx, NULL, object, "reported_items", FALSE, reported_known, read_reported,
                     self))
    return FALSE;
  if (json_object_has_member (object, "domains"))
    {
      if (!read_list (ctx, NULL, object, "domain_scores", TRUE, score_known, read_score, self)
          || !read_list (ctx, NULL, object, "domains", TRUE, domain_known, read_domain, self))
        return FALSE;
    }
  else if (json_object_has_member (object, "domain_scores"))
    return invalid (ctx, "domain_scores", _("given, but there are no “domains”"));

  if (!member_int (ctx, NULL, object, "max_missing", 0, self->items->len, &max_missing))
    return FALSE;
  self->max_missing = max_missing;

  return TRUE;
}

PolkuInstrument *
polku_instrument_new_from_data (const char  *data,
                                gssize       length,
                                const char  *file_name,
                                GError     **error)
{
  g_autoptr(PolkuInstrument) self = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) local_error = NULL;
  Ctx ctx = { file_name, error };

  g_return_val_if_fail (data != NULL, NULL);
  g_return_val_if_fail (file_name != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  bytes = g_bytes_new_static (data, length < 0 ? strlen (data) : (gsize) length);
  root = polku_json_parse_bounded (bytes, &local_error);
  if (root == NULL)
    {
      g_set_error (error, POLKU_INSTRUMENT_ERROR, POLKU_INSTRUMENT_ERROR_INVALID,
                   _("%s: not valid JSON: %s"), file_name, local_error->message);
      return NULL;
    }

  self = g_object_new (POLKU_TYPE_INSTRUMENT, NULL);
  self->file_name = g_strdup (file_name);
  if (!polku_instrument_read (self, &ctx, root))
    return NULL;

  return g_steal_pointer (&self);
}

PolkuInstrument *
polku_instrument_new_from_file (const char  *path,
                                GError     **error)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) local_error = NULL;
  gsize length;
  const char *contents;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  bytes = polku_read_file_bounded (path, POLKU_JSON_MAX_BYTES, &local_error);
  if (bytes == NULL)
    {
      g_set_error (error, POLKU_INSTRUMENT_ERROR, POLKU_INSTRUMENT_ERROR_INVALID,
                   _("%s: cannot be read: %s"), path, local_error->message);
      return NULL;
    }
  contents = g_bytes_get_data (bytes, &length);
  return polku_instrument_new_from_data (contents != NULL ? contents : "", length, path, error);
}
