/* polku-instrument.c: questionnaires defined as data
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

#include "polku-core-resources.h"
#include "polku-instrument-private.h"

#define FORMAT_VERSION 1
#define RESOURCE_DIR "/io/github/polku/Polku/core/instruments/"

typedef struct
{
  int         value;
  GHashTable *label;   /* language code → text */
} Anchor;

typedef struct
{
  char       *id;
  int         min;
  int         max;
  GArray     *anchors; /* Anchor */
} Scale;

typedef struct
{
  char       *id;
  GHashTable *text;
  guint       scale;
  gboolean    reversed;
} Item;

typedef struct
{
  char       *key;
  guint       item;
} Reported;

typedef struct
{
  char       *id;
  GHashTable *title;
  GArray     *items;   /* guint */
  guint       min_answered;
} Domain;

typedef struct
{
  char       *id;
  double      range_min;
  double      range_max;
  double      mean_times;
  int         rescale_from;  /* -1: the mean of the answers × mean_times */
} ScoreDef;

struct _PolkuInstrument
{
  GObject     parent_instance;

  char       *file_name;
  char       *id;
  char       *version;
  GHashTable *title;
  GHashTable *description;
  GArray     *scales;     /* Scale */
  GArray     *items;      /* Item */
  GArray     *reported;   /* Reported */
  GArray     *domains;    /* Domain */
  GArray     *scores;     /* ScoreDef */
  guint       max_missing;
};

G_DEFINE_FINAL_TYPE (PolkuInstrument, polku_instrument, G_TYPE_OBJECT)
G_DEFINE_QUARK (polku-instrument-error-quark, polku_instrument_error)

enum {
  PROP_0,
  PROP_ID,
  PROP_TITLE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
anchor_clear (Anchor *anchor)
{
  g_clear_pointer (&anchor->label, g_hash_table_unref);
}

static void
scale_clear (Scale *scale)
{
  g_clear_pointer (&scale->id, g_free);
  g_clear_pointer (&scale->anchors, g_array_unref);
}

static void
item_clear (Item *item)
{
  g_clear_pointer (&item->id, g_free);
  g_clear_pointer (&item->text, g_hash_table_unref);
}

static void
reported_clear (Reported *reported)
{
  g_clear_pointer (&reported->key, g_free);
}

static void
domain_clear (Domain *domain)
{
  g_clear_pointer (&domain->id, g_free);
  g_clear_pointer (&domain->title, g_hash_table_unref);
  g_clear_pointer (&domain->items, g_array_unref);
}

static void
score_def_clear (ScoreDef *score)
{
  g_clear_pointer (&score->id, g_free);
}

static void
polku_instrument_finalize (GObject *object)
{
  PolkuInstrument *self = POLKU_INSTRUMENT (object);

  g_clear_pointer (&self->file_name, g_free);
  g_clear_pointer (&self->id, g_free);
  g_clear_pointer (&self->version, g_free);
  g_clear_pointer (&self->title, g_hash_table_unref);
  g_clear_pointer (&self->description, g_hash_table_unref);
  g_clear_pointer (&self->scales, g_array_unref);
  g_clear_pointer (&self->items, g_array_unref);
  g_clear_pointer (&self->reported, g_array_unref);
  g_clear_pointer (&self->domains, g_array_unref);
  g_clear_pointer (&self->scores, g_array_unref);

  G_OBJECT_CLASS (polku_instrument_parent_class)->finalize (object);
}

static void
polku_instrument_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  PolkuInstrument *self = POLKU_INSTRUMENT (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_string (value, self->id);
      break;
    case PROP_TITLE:
      g_value_set_string (value, polku_instrument_get_title (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
polku_instrument_class_init (PolkuInstrumentClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = polku_instrument_finalize;
  object_class->get_property = polku_instrument_get_property;

  properties[PROP_ID] =
    g_param_spec_string ("id", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
polku_instrument_init (PolkuInstrument *self)
{
  self->scales = g_array_new (FALSE, TRUE, sizeof (Scale));
  g_array_set_clear_func (self->scales, (GDestroyNotify) scale_clear);
  self->items = g_array_new (FALSE, TRUE, sizeof (Item));
  g_array_set_clear_func (self->items, (GDestroyNotify) item_clear);
  self->reported = g_array_new (FALSE, TRUE, sizeof (Reported));
  g_array_set_clear_func (self->reported, (GDestroyNotify) reported_clear);
  self->domains = g_array_new (FALSE, TRUE, sizeof (Domain));
  g_array_set_clear_func (self->domains, (GDestroyNotify) domain_clear);
  self->scores = g_array_new (FALSE, TRUE, sizeof (ScoreDef));
  g_array_set_clear_func (self->scores, (GDestroyNotify) score_def_clear);
}

/* ---- Reading the definition ---- */

typedef struct
{
  const char *file;
  GError    **error;
} Ctx;

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
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  /* TRANSLATORS: an error in an instrument definition: "FILE: FIELD: what is wrong" */
  g_set_error (ctx->error, POLKU_INSTRUMENT_ERROR, POLKU_INSTRUMENT_ERROR_INVALID,
               _("%s: %s: %s"), ctx->file, field, message);
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

/* A JSON number that is a whole number (1 or 1.0). */
static gboolean
node_whole_number (JsonNode *node,
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
  if (!node_whole_number (node, out) || *out < min || *out > max)
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

static int
find_scale (PolkuInstrument *self,
            const char      *id)
{
  for (guint i = 0; i < self->scales->len; i++)
    if (g_str_equal (g_array_index (self->scales, Scale, i).id, id))
      return i;
  return -1;
}

int
polku_instrument_find_item (PolkuInstrument *self,
                            const char      *item_id)
{
  g_return_val_if_fail (POLKU_IS_INSTRUMENT (self), -1);
  g_return_val_if_fail (item_id != NULL, -1);

  for (guint i = 0; i < self->items->len; i++)
    if (g_str_equal (g_array_index (self->items, Item, i).id, item_id))
      return i;
  return -1;
}

static int
find_score (PolkuInstrument *self,
            const char      *id)
{
  for (guint i = 0; i < self->scores->len; i++)
    if (g_str_equal (g_array_index (self->scores, ScoreDef, i).id, id))
      return i;
  return -1;
}

static gboolean
read_scales (PolkuInstrument *self,
             Ctx             *ctx,
             JsonArray       *array)
{
  static const char * const known[] = { "id", "min", "max", "anchors", NULL };

  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      g_autofree char *field = g_strdup_printf ("scales[%u]", i);
      g_autofree char *f_id = g_strdup_printf ("%s.id", field);
      g_autofree char *f_min = g_strdup_printf ("%s.min", field);
      g_autofree char *f_max = g_strdup_printf ("%s.max", field);
      g_autofree char *f_anchors = g_strdup_printf ("%s.anchors", field);
      JsonObject *object = get_object (ctx, field, json_array_get_element (array, i));
      JsonArray *anchors;
      const char *id;
      gint64 min, max;
      Scale scale = { 0 };

      if (object == NULL || !check_members (ctx, field, object, known))
        return FALSE;
      id = get_string (ctx, f_id, json_object_get_member (object, "id"));
      if (id == NULL)
        return FALSE;
      if (find_scale (self, id) >= 0)
        return invalid (ctx, f_id, _("“%s” is defined twice"), id);
      if (!get_int (ctx, f_min, json_object_get_member (object, "min"), 0, 1000, &min)
          || !get_int (ctx, f_max, json_object_get_member (object, "max"), 0, 1000, &max))
        return FALSE;
      if (max <= min)
        return invalid (ctx, f_max, _("must be larger than min"));
      /* 0 is kept for an unanswered item. */
      if (min < 1)
        return invalid (ctx, f_min, _("must be at least 1"));

      anchors = get_array (ctx, f_anchors, json_object_get_member (object, "anchors"), FALSE);
      if (anchors == NULL)
        return FALSE;

      scale.id = g_strdup (id);
      scale.min = min;
      scale.max = max;
      scale.anchors = g_array_new (FALSE, TRUE, sizeof (Anchor));
      g_array_set_clear_func (scale.anchors, (GDestroyNotify) anchor_clear);
      g_array_append_val (self->scales, scale);

      for (guint a = 0; a < json_array_get_length (anchors); a++)
        {
          static const char * const anchor_known[] = { "value", "label", NULL };
          g_autofree char *af = g_strdup_printf ("%s[%u]", f_anchors, a);
          g_autofree char *af_value = g_strdup_printf ("%s.value", af);
          g_autofree char *af_label = g_strdup_printf ("%s.label", af);
          JsonObject *ao = get_object (ctx, af, json_array_get_element (anchors, a));
          Scale *added = &g_array_index (self->scales, Scale, self->scales->len - 1);
          Anchor anchor = { 0 };
          gint64 value;

          if (ao == NULL || !check_members (ctx, af, ao, anchor_known))
            return FALSE;
          if (!get_int (ctx, af_value, json_object_get_member (ao, "value"), min, max, &value))
            return FALSE;
          for (guint b = 0; b < added->anchors->len; b++)
            if (g_array_index (added->anchors, Anchor, b).value == value)
              return invalid (ctx, af_value, _("%d has two labels"), (int) value);
          anchor.value = value;
          anchor.label = get_text (ctx, af_label, json_object_get_member (ao, "label"));
          if (anchor.label == NULL)
            return FALSE;
          g_array_append_val (added->anchors, anchor);
        }
    }
  return TRUE;
}

static gboolean
read_items (PolkuInstrument *self,
            Ctx             *ctx,
            JsonArray       *array)
{
  static const char * const known[] = { "id", "scale", "text", "reversed", NULL };

  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      g_autofree char *field = g_strdup_printf ("items[%u]", i);
      g_autofree char *f_id = g_strdup_printf ("%s.id", field);
      g_autofree char *f_scale = g_strdup_printf ("%s.scale", field);
      g_autofree char *f_text = g_strdup_printf ("%s.text", field);
      g_autofree char *f_reversed = g_strdup_printf ("%s.reversed", field);
      JsonObject *object = get_object (ctx, field, json_array_get_element (array, i));
      JsonNode *reversed;
      const char *id, *scale_id;
      Item item = { 0 };
      int scale;

      if (object == NULL || !check_members (ctx, field, object, known))
        return FALSE;
      id = get_string (ctx, f_id, json_object_get_member (object, "id"));
      if (id == NULL)
        return FALSE;
      if (polku_instrument_find_item (self, id) >= 0)
        return invalid (ctx, f_id, _("“%s” is defined twice"), id);
      scale_id = get_string (ctx, f_scale, json_object_get_member (object, "scale"));
      if (scale_id == NULL)
        return FALSE;
      scale = find_scale (self, scale_id);
      if (scale < 0)
        return invalid (ctx, f_scale, _("no scale “%s” in “scales”"), scale_id);

      reversed = json_object_get_member (object, "reversed");
      if (reversed != NULL && (!JSON_NODE_HOLDS_VALUE (reversed)
                               || json_node_get_value_type (reversed) != G_TYPE_BOOLEAN))
        return invalid (ctx, f_reversed, _("must be true or false"));

      item.text = get_text (ctx, f_text, json_object_get_member (object, "text"));
      if (item.text == NULL)
        return FALSE;
      item.id = g_strdup (id);
      item.scale = scale;
      item.reversed = reversed != NULL && json_node_get_boolean (reversed);
      g_array_append_val (self->items, item);
    }
  return TRUE;
}

static gboolean
read_reported (PolkuInstrument *self,
               Ctx             *ctx,
               JsonArray       *array)
{
  static const char * const known[] = { "item", "key", NULL };

  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      g_autofree char *field = g_strdup_printf ("reported_items[%u]", i);
      g_autofree char *f_item = g_strdup_printf ("%s.item", field);
      g_autofree char *f_key = g_strdup_printf ("%s.key", field);
      JsonObject *object = get_object (ctx, field, json_array_get_element (array, i));
      const char *item_id, *key;
      Reported reported = { 0 };
      int item;

      if (object == NULL || !check_members (ctx, field, object, known))
        return FALSE;
      item_id = get_string (ctx, f_item, json_object_get_member (object, "item"));
      if (item_id == NULL)
        return FALSE;
      item = polku_instrument_find_item (self, item_id);
      if (item < 0)
        return invalid (ctx, f_item, _("no item “%s” in “items”"), item_id);
      key = get_string (ctx, f_key, json_object_get_member (object, "key"));
      if (key == NULL)
        return FALSE;
      if (g_str_equal (key, "discarded") || g_str_equal (key, "missing")
          || g_str_equal (key, "domains"))
        return invalid (ctx, f_key, _("“%s” is reserved"), key);
      for (guint r = 0; r < self->reported->len; r++)
        if (g_str_equal (g_array_index (self->reported, Reported, r).key, key))
          return invalid (ctx, f_key, _("“%s” is used twice"), key);

      reported.key = g_strdup (key);
      reported.item = item;
      g_array_append_val (self->reported, reported);
    }
  return TRUE;
}

static gboolean
read_scores (PolkuInstrument *self,
             Ctx             *ctx,
             JsonArray       *array)
{
  static const char * const known[] = { "id", "mean_times", "rescale_from", "range", NULL };

  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      g_autofree char *field = g_strdup_printf ("domain_scores[%u]", i);
      g_autofree char *f_id = g_strdup_printf ("%s.id", field);
      g_autofree char *f_times = g_strdup_printf ("%s.mean_times", field);
      g_autofree char *f_from = g_strdup_printf ("%s.rescale_from", field);
      g_autofree char *f_range = g_strdup_printf ("%s.range", field);
      JsonObject *object = get_object (ctx, field, json_array_get_element (array, i));
      JsonNode *times, *from;
      JsonArray *range;
      const char *id;
      ScoreDef score = { 0 };

      if (object == NULL || !check_members (ctx, field, object, known))
        return FALSE;
      id = get_string (ctx, f_id, json_object_get_member (object, "id"));
      if (id == NULL)
        return FALSE;
      if (g_str_equal (id, "answered"))
        return invalid (ctx, f_id, _("“%s” is reserved"), id);
      if (find_score (self, id) >= 0)
        return invalid (ctx, f_id, _("“%s” is defined twice"), id);

      times = json_object_get_member (object, "mean_times");
      from = json_object_get_member (object, "rescale_from");
      if ((times == NULL) == (from == NULL))
        return invalid (ctx, field, _("needs exactly one of “mean_times” and “rescale_from”"));

      range = get_array (ctx, f_range, json_object_get_member (object, "range"), FALSE);
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
          if (!get_double (ctx, f_times, times, &score.mean_times))
            return FALSE;
          if (score.mean_times <= 0)
            return invalid (ctx, f_times, _("must be larger than 0"));
        }
      else
        {
          const char *from_id = get_string (ctx, f_from, from);

          if (from_id == NULL)
            return FALSE;
          score.rescale_from = find_score (self, from_id);
          if (score.rescale_from < 0)
            return invalid (ctx, f_from, _("no earlier domain score “%s”"), from_id);
        }

      score.id = g_strdup (id);
      g_array_append_val (self->scores, score);
    }
  return TRUE;
}

static gboolean
read_domains (PolkuInstrument *self,
              Ctx             *ctx,
              JsonArray       *array)
{
  static const char * const known[] = { "id", "title", "items", "min_answered", NULL };

  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      g_autofree char *field = g_strdup_printf ("domains[%u]", i);
      g_autofree char *f_id = g_strdup_printf ("%s.id", field);
      g_autofree char *f_title = g_strdup_printf ("%s.title", field);
      g_autofree char *f_items = g_strdup_printf ("%s.items", field);
      g_autofree char *f_min = g_strdup_printf ("%s.min_answered", field);
      JsonObject *object = get_object (ctx, field, json_array_get_element (array, i));
      JsonArray *items;
      const char *id;
      Domain domain = { 0 };
      Domain *added;
      gint64 min_answered;

      if (object == NULL || !check_members (ctx, field, object, known))
        return FALSE;
      id = get_string (ctx, f_id, json_object_get_member (object, "id"));
      if (id == NULL)
        return FALSE;
      for (guint d = 0; d < self->domains->len; d++)
        if (g_str_equal (g_array_index (self->domains, Domain, d).id, id))
          return invalid (ctx, f_id, _("“%s” is defined twice"), id);
      items = get_array (ctx, f_items, json_object_get_member (object, "items"), TRUE);
      if (items == NULL)
        return FALSE;

      domain.title = get_text (ctx, f_title, json_object_get_member (object, "title"));
      if (domain.title == NULL)
        return FALSE;
      domain.id = g_strdup (id);
      domain.items = g_array_new (FALSE, FALSE, sizeof (guint));
      g_array_append_val (self->domains, domain);
      added = &g_array_index (self->domains, Domain, self->domains->len - 1);

      for (guint k = 0; k < json_array_get_length (items); k++)
        {
          g_autofree char *fk = g_strdup_printf ("%s[%u]", f_items, k);
          const char *item_id = get_string (ctx, fk, json_array_get_element (items, k));
          guint index;
          int item;

          if (item_id == NULL)
            return FALSE;
          item = polku_instrument_find_item (self, item_id);
          if (item < 0)
            return invalid (ctx, fk, _("no item “%s” in “items”"), item_id);
          for (guint m = 0; m < added->items->len; m++)
            if (g_array_index (added->items, guint, m) == (guint) item)
              return invalid (ctx, fk, _("item “%s” is listed twice"), item_id);
          index = item;
          g_array_append_val (added->items, index);
        }

      if (!get_int (ctx, f_min, json_object_get_member (object, "min_answered"), 1,
                    added->items->len, &min_answered))
        return FALSE;
      added->min_answered = min_answered;
    }
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
  JsonObject *object = get_object (ctx, "(top level)", root);
  JsonArray *array;
  JsonNode *node;
  const char *id, *version;
  gint64 format, max_missing;

  if (object == NULL || !check_members (ctx, "(top level)", object, known))
    return FALSE;
  if (!get_int (ctx, "format", json_object_get_member (object, "format"), FORMAT_VERSION,
                FORMAT_VERSION, &format))
    return FALSE;

  id = get_string (ctx, "id", json_object_get_member (object, "id"));
  if (id == NULL)
    return FALSE;
  for (const char *p = id; *p != '\0'; p++)
    if (!g_ascii_islower (*p) && !g_ascii_isdigit (*p) && *p != '-')
      return invalid (ctx, "id", _("may only have the letters a–z, digits and “-”"));
  self->id = g_strdup (id);

  version = get_string (ctx, "version", json_object_get_member (object, "version"));
  if (version == NULL)
    return FALSE;
  self->version = g_strdup (version);

  self->title = get_text (ctx, "title", json_object_get_member (object, "title"));
  if (self->title == NULL)
    return FALSE;
  node = json_object_get_member (object, "description");
  if (node != NULL)
    {
      self->description = get_text (ctx, "description", node);
      if (self->description == NULL)
        return FALSE;
    }

  array = get_array (ctx, "scales", json_object_get_member (object, "scales"), TRUE);
  if (array == NULL || !read_scales (self, ctx, array))
    return FALSE;
  array = get_array (ctx, "items", json_object_get_member (object, "items"), TRUE);
  if (array == NULL || !read_items (self, ctx, array))
    return FALSE;

  node = json_object_get_member (object, "reported_items");
  if (node != NULL)
    {
      array = get_array (ctx, "reported_items", node, FALSE);
      if (array == NULL || !read_reported (self, ctx, array))
        return FALSE;
    }

  node = json_object_get_member (object, "domains");
  if (node != NULL)
    {
      array = get_array (ctx, "domain_scores",
                         json_object_get_member (object, "domain_scores"), TRUE);
      if (array == NULL || !read_scores (self, ctx, array))
        return FALSE;
      array = get_array (ctx, "domains", node, TRUE);
      if (array == NULL || !read_domains (self, ctx, array))
        return FALSE;
    }
  else if (json_object_has_member (object, "domain_scores"))
    return invalid (ctx, "domain_scores", _("given, but there are no “domains”"));

  if (!get_int (ctx, "max_missing", json_object_get_member (object, "max_missing"), 0,
                self->items->len, &max_missing))
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
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) local_error = NULL;
  Ctx ctx = { file_name, error };

  g_return_val_if_fail (data != NULL, NULL);
  g_return_val_if_fail (file_name != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!json_parser_load_from_data (parser, data, length, &local_error))
    {
      g_set_error (error, POLKU_INSTRUMENT_ERROR, POLKU_INSTRUMENT_ERROR_INVALID,
                   _("%s: not valid JSON: %s"), file_name, local_error->message);
      return NULL;
    }

  self = g_object_new (POLKU_TYPE_INSTRUMENT, NULL);
  self->file_name = g_strdup (file_name);
  if (!polku_instrument_read (self, &ctx, json_parser_get_root (parser)))
    return NULL;

  return g_steal_pointer (&self);
}

PolkuInstrument *
polku_instrument_new_from_file (const char  *path,
                                GError     **error)
{
  g_autofree char *contents = NULL;
  g_autoptr(GError) local_error = NULL;
  gsize length;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!g_file_get_contents (path, &contents, &length, &local_error))
    {
      g_set_error (error, POLKU_INSTRUMENT_ERROR, POLKU_INSTRUMENT_ERROR_INVALID,
                   _("%s: cannot be read: %s"), path, local_error->message);
      return NULL;
    }
  return polku_instrument_new_from_data (contents, length, path, error);
}

/* ---- The instruments Polku knows ---- */

static gboolean
same_structure (PolkuInstrument *a,
                PolkuInstrument *b,
                const char     **out_field)
{
  if (a->items->len != b->items->len)
    return (*out_field = "items", FALSE);
  for (guint i = 0; i < a->items->len; i++)
    {
      Item *ia = &g_array_index (a->items, Item, i);
      Item *ib = &g_array_index (b->items, Item, i);
      Scale *sa = &g_array_index (a->scales, Scale, ia->scale);
      Scale *sb = &g_array_index (b->scales, Scale, ib->scale);

      if (!g_str_equal (ia->id, ib->id) || ia->reversed != ib->reversed
          || sa->min != sb->min || sa->max != sb->max)
        return (*out_field = "items", FALSE);
    }
  if (a->reported->len != b->reported->len)
    return (*out_field = "reported_items", FALSE);
  for (guint i = 0; i < a->reported->len; i++)
    {
      Reported *ra = &g_array_index (a->reported, Reported, i);
      Reported *rb = &g_array_index (b->reported, Reported, i);

      if (!g_str_equal (ra->key, rb->key) || ra->item != rb->item)
        return (*out_field = "reported_items", FALSE);
    }
  if (a->scores->len != b->scores->len)
    return (*out_field = "domain_scores", FALSE);
  for (guint i = 0; i < a->scores->len; i++)
    {
      ScoreDef *sa = &g_array_index (a->scores, ScoreDef, i);
      ScoreDef *sb = &g_array_index (b->scores, ScoreDef, i);

      if (!g_str_equal (sa->id, sb->id) || sa->range_min != sb->range_min
          || sa->range_max != sb->range_max || sa->mean_times != sb->mean_times
          || sa->rescale_from != sb->rescale_from)
        return (*out_field = "domain_scores", FALSE);
    }
  if (a->domains->len != b->domains->len)
    return (*out_field = "domains", FALSE);
  for (guint i = 0; i < a->domains->len; i++)
    {
      Domain *da = &g_array_index (a->domains, Domain, i);
      Domain *db = &g_array_index (b->domains, Domain, i);

      if (!g_str_equal (da->id, db->id) || da->min_answered != db->min_answered
          || da->items->len != db->items->len
          || memcmp (da->items->data, db->items->data, da->items->len * sizeof (guint)) != 0)
        return (*out_field = "domains", FALSE);
    }
  if (a->max_missing != b->max_missing)
    return (*out_field = "max_missing", FALSE);
  return TRUE;
}

G_LOCK_DEFINE_STATIC (registry);
static GHashTable *registry;        /* id → PolkuInstrument */
static GError *registry_error;

static const char *
organisation_dir (void)
{
  static char *dir;

  if (g_getenv ("POLKU_INSTRUMENTS_DIR") != NULL)
    return g_getenv ("POLKU_INSTRUMENTS_DIR");
  if (dir == NULL)
    dir = g_build_filename (g_get_user_config_dir (), "polku", "instruments", NULL);
  return dir;
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

static gboolean
load_registry (GHashTable  *table,
               GError     **error)
{
  g_auto(GStrv) bundled = NULL;
  g_autoptr(GDir) dir = NULL;
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) local_error = NULL;
  const char *dir_path = organisation_dir ();
  const char *name;

  /* Through polku_core_get_resource (): that reference keeps the resource object of the
   * static core library linked. */
  bundled = g_resource_enumerate_children (polku_core_get_resource (), RESOURCE_DIR,
                                           G_RESOURCE_LOOKUP_FLAGS_NONE, error);
  if (bundled == NULL)
    return FALSE;
  qsort (bundled, g_strv_length (bundled), sizeof (char *), compare_strings);

  for (guint i = 0; bundled[i] != NULL; i++)
    {
      g_autofree char *path = g_strconcat (RESOURCE_DIR, bundled[i], NULL);
      g_autoptr(GBytes) bytes = NULL;
      PolkuInstrument *instrument;
      gsize length;
      const char *data;

      if (!g_str_has_suffix (bundled[i], ".json"))
        continue;
      bytes = g_resource_lookup_data (polku_core_get_resource (), path,
                                      G_RESOURCE_LOOKUP_FLAGS_NONE, error);
      if (bytes == NULL)
        return FALSE;
      data = g_bytes_get_data (bytes, &length);
      instrument = polku_instrument_new_from_data (data, length, bundled[i], error);
      if (instrument == NULL)
        return FALSE;
      g_hash_table_replace (table, g_strdup (instrument->id), instrument);
    }

  dir = g_dir_open (dir_path, 0, &local_error);
  if (dir == NULL)
    {
      if (g_error_matches (local_error, G_FILE_ERROR, G_FILE_ERROR_NOENT))
        return TRUE;
      g_set_error (error, POLKU_INSTRUMENT_ERROR, POLKU_INSTRUMENT_ERROR_INVALID,
                   _("%s: cannot be read: %s"), dir_path, local_error->message);
      return FALSE;
    }
  while ((name = g_dir_read_name (dir)) != NULL)
    if (g_str_has_suffix (name, ".json"))
      g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, compare_strings);

  for (guint i = 0; i < names->len; i++)
    {
      g_autofree char *path = g_build_filename (dir_path, g_ptr_array_index (names, i), NULL);
      g_autoptr(PolkuInstrument) instrument = polku_instrument_new_from_file (path, error);
      PolkuInstrument *existing;
      const char *field = NULL;

      if (instrument == NULL)
        return FALSE;
      existing = g_hash_table_lookup (table, instrument->id);
      if (existing != NULL && !same_structure (existing, instrument, &field))
        {
          g_set_error (error, POLKU_INSTRUMENT_ERROR, POLKU_INSTRUMENT_ERROR_INVALID,
                       _("%s: %s: differs from Polku’s own “%s”: a file with the id of a "
                         "bundled instrument may change its texts only"),
                       path, field, instrument->id);
          return FALSE;
        }
      g_debug ("Instrument %s from %s", instrument->id, path);
      g_hash_table_replace (table, g_strdup (instrument->id), g_object_ref (instrument));
    }

  return TRUE;
}

static GHashTable *
get_registry (GError **error)
{
  GHashTable *table = NULL;

  G_LOCK (registry);
  if (registry == NULL && registry_error == NULL)
    {
      g_autoptr(GHashTable) loading = g_hash_table_new_full (g_str_hash, g_str_equal,
                                                             g_free, g_object_unref);

      if (load_registry (loading, &registry_error))
        registry = g_steal_pointer (&loading);
    }
  if (registry != NULL)
    table = g_hash_table_ref (registry);
  else
    g_propagate_error (error, g_error_copy (registry_error));
  G_UNLOCK (registry);

  return table;
}

void
polku_instrument_reset_registry (void)
{
  G_LOCK (registry);
  g_clear_pointer (&registry, g_hash_table_unref);
  g_clear_error (&registry_error);
  G_UNLOCK (registry);
}

PolkuInstrument *
polku_instrument_lookup (const char  *id,
                         GError     **error)
{
  g_autoptr(GHashTable) table = NULL;
  PolkuInstrument *instrument;

  g_return_val_if_fail (id != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  table = get_registry (error);
  if (table == NULL)
    return NULL;
  instrument = g_hash_table_lookup (table, id);
  if (instrument == NULL)
    {
      g_set_error (error, POLKU_INSTRUMENT_ERROR, POLKU_INSTRUMENT_ERROR_NOT_FOUND,
                   _("There is no instrument “%s”."), id);
      return NULL;
    }
  return g_object_ref (instrument);
}

static int
compare_instruments (gconstpointer a,
                     gconstpointer b)
{
  PolkuInstrument *ia = *(PolkuInstrument * const *) a;
  PolkuInstrument *ib = *(PolkuInstrument * const *) b;

  return strcmp (ia->id, ib->id);
}

GPtrArray *
polku_instrument_list_all (GError **error)
{
  g_autoptr(GHashTable) table = get_registry (error);
  GPtrArray *list;
  GHashTableIter iter;
  gpointer value;

  if (table == NULL)
    return NULL;
  list = g_ptr_array_new_with_free_func (g_object_unref);
  g_hash_table_iter_init (&iter, table);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    g_ptr_array_add (list, g_object_ref (value));
  g_ptr_array_sort (list, compare_instruments);
  return list;
}

/* ---- Accessors ---- */

/* The text in the user's language (LANGUAGE, LC_ALL, LC_MESSAGES, LANG), else English. */
static const char *
pick_text (GHashTable *text)
{
  const char * const *names;

  if (text == NULL)
    return NULL;
  names = g_get_language_names ();
  for (guint i = 0; names[i] != NULL; i++)
    {
      char code[4] = { 0 };
      const char *found;
      gsize len = strspn (names[i], "abcdefghijklmnopqrstuvwxyz");

      if (len < 2 || len > 3)
        continue;
      memcpy (code, names[i], len);
      found = g_hash_table_lookup (text, code);
      if (found != NULL)
        return found;
    }
  return g_hash_table_lookup (text, "en");
}

const char *
polku_instrument_get_id (PolkuInstrument *self)
{
  g_return_val_if_fail (POLKU_IS_INSTRUMENT (self), NULL);
  return self->id;
}

const char *
polku_instrument_get_version (PolkuInstrument *self)
{
  g_return_val_if_fail (POLKU_IS_INSTRUMENT (self), NULL);
  return self->version;
}

const char *
polku_instrument_get_title (PolkuInstrument *self)
{
  g_return_val_if_fail (POLKU_IS_INSTRUMENT (self), NULL);
  return pick_text (self->title);
}

const char *
polku_instrument_get_description (PolkuInstrument *self)
{
  g_return_val_if_fail (POLKU_IS_INSTRUMENT (self), NULL);
  return pick_text (self->description);
}

const char *
polku_instrument_get_file_name (PolkuInstrument *self)
{
  g_return_val_if_fail (POLKU_IS_INSTRUMENT (self), NULL);
  return self->file_name;
}

guint
polku_instrument_get_n_items (PolkuInstrument *self)
{
  g_return_val_if_fail (POLKU_IS_INSTRUMENT (self), 0);
  return self->items->len;
}

#define ITEM(self, i) (&g_array_index ((self)->items, Item, (i)))
#define ITEM_SCALE(self, i) (&g_array_index ((self)->scales, Scale, ITEM (self, i)->scale))

const char *
polku_instrument_get_item_id (PolkuInstrument *self,
                              guint            item)
{
  g_return_val_if_fail (POLKU_IS_INSTRUMENT (self), NULL);
  g_return_val_if_fail (item < self->items->len, NULL);
  return ITEM (self, item)->id;
}

const char *
polku_instrument_get_item_text (PolkuInstrument *self,
                                guint            item)
{
  g_return_val_if_fail (POLKU_IS_INSTRUMENT (self), NULL);
  g_return_val_if_fail (item < self->items->len, NULL);
  return pick_text (ITEM (self, item)->text);
}

gboolean
polku_instrument_get_item_reversed (PolkuInstrument *self,
                                    guint            item)
{
  g_return_val_if_fail (POLKU_IS_INSTRUMENT (self), FALSE);
  g_return_val_if_fail (item < self->items->len, FALSE);
  return ITEM (self, item)->reversed;
}

int
polku_instrument_get_item_min (PolkuInstrument *self,
                               guint            item)
{
  g_return_val_if_fail (POLKU_IS_INSTRUMENT (self), 0);
  g_return_val_if_fail (item < self->items->len, 0);
  return ITEM_SCALE (self, item)->min;
}

int
polku_instrument_get_item_max (PolkuInstrument *self,
                               guint            item)
{
  g_return_val_if_fail (POLKU_IS_INSTRUMENT (self), 0);
  g_return_val_if_fail (item < self->items->len, 0);
  return ITEM_SCALE (self, item)->max;
}

const char *
polku_instrument_get_item_anchor (PolkuInstrument *self,
                                  guint            item,
                                  int              value)
{
  Scale *scale;

  g_return_val_if_fail (POLKU_IS_INSTRUMENT (self), NULL);
  g_return_val_if_fail (item < self->items->len, NULL);

  scale = ITEM_SCALE (self, item);
  for (guint i = 0; i < scale->anchors->len; i++)
    if (g_array_index (scale->anchors, Anchor, i).value == value)
      return pick_text (g_array_index (scale->anchors, Anchor, i).label);
  return NULL;
}

guint
polku_instrument_get_n_reported (PolkuInstrument *self)
{
  g_return_val_if_fail (POLKU_IS_INSTRUMENT (self), 0);
  return self->reported->len;
}

const char *
polku_instrument_get_reported_key (PolkuInstrument *self,
                                   guint            reported)
{
  g_return_val_if_fail (POLKU_IS_INSTRUMENT (self), NULL);
  g_return_val_if_fail (reported < self->reported->len, NULL);
  return g_array_index (self->reported, Reported, reported).key;
}

guint
polku_instrument_get_reported_item (PolkuInstrument *self,
                                    guint            reported)
{
  g_return_val_if_fail (POLKU_IS_INSTRUMENT (self), 0);
  g_return_val_if_fail (reported < self->reported->len, 0);
  return g_array_index (self->reported, Reported, reported).item;
}

guint
polku_instrument_get_n_domains (PolkuInstrument *self)
{
  g_return_val_if_fail (POLKU_IS_INSTRUMENT (self), 0);
  return self->domains->len;
}

#define DOMAIN(self, d) (&g_array_index ((self)->domains, Domain, (d)))

const char *
polku_instrument_get_domain_id (PolkuInstrument *self,
                                guint            domain)
{
  g_return_val_if_fail (POLKU_IS_INSTRUMENT (self), NULL);
  g_return_val_if_fail (domain < self->domains->len, NULL);
  return DOMAIN (self, domain)->id;
}

const char *
polku_instrument_get_domain_title (PolkuInstrument *self,
                                   guint            domain)
{
  g_return_val_if_fail (POLKU_IS_INSTRUMENT (self), NULL);
  g_return_val_if_fail (domain < self->domains->len, NULL);
  return pick_text (DOMAIN (self, domain)->title);
}

guint
polku_instrument_get_domain_n_items (PolkuInstrument *self,
                                     guint            domain)
{
  g_return_val_if_fail (POLKU_IS_INSTRUMENT (self), 0);
  g_return_val_if_fail (domain < self->domains->len, 0);
  return DOMAIN (self, domain)->items->len;
}

guint
polku_instrument_get_domain_item (PolkuInstrument *self,
                                  guint            domain,
                                  guint            i)
{
  g_return_val_if_fail (POLKU_IS_INSTRUMENT (self), 0);
  g_return_val_if_fail (domain < self->domains->len, 0);
  g_return_val_if_fail (i < DOMAIN (self, domain)->items->len, 0);
  return g_array_index (DOMAIN (self, domain)->items, guint, i);
}

guint
polku_instrument_get_domain_min_answered (PolkuInstrument *self,
                                          guint            domain)
{
  g_return_val_if_fail (POLKU_IS_INSTRUMENT (self), 0);
  g_return_val_if_fail (domain < self->domains->len, 0);
  return DOMAIN (self, domain)->min_answered;
}

guint
polku_instrument_get_n_scores (PolkuInstrument *self)
{
  g_return_val_if_fail (POLKU_IS_INSTRUMENT (self), 0);
  return self->scores->len;
}

const char *
polku_instrument_get_score_id (PolkuInstrument *self,
                               guint            score)
{
  g_return_val_if_fail (POLKU_IS_INSTRUMENT (self), NULL);
  g_return_val_if_fail (score < self->scores->len, NULL);
  return g_array_index (self->scores, ScoreDef, score).id;
}

void
polku_instrument_get_score_range (PolkuInstrument *self,
                                  guint            score,
                                  double          *out_min,
                                  double          *out_max)
{
  g_return_if_fail (POLKU_IS_INSTRUMENT (self));
  g_return_if_fail (score < self->scores->len);
  if (out_min != NULL)
    *out_min = g_array_index (self->scores, ScoreDef, score).range_min;
  if (out_max != NULL)
    *out_max = g_array_index (self->scores, ScoreDef, score).range_max;
}

void
polku_instrument_get_score_rule (PolkuInstrument *self,
                                 guint            score,
                                 double          *out_mean_times,
                                 int             *out_rescale_from)
{
  g_return_if_fail (POLKU_IS_INSTRUMENT (self));
  g_return_if_fail (score < self->scores->len);
  *out_mean_times = g_array_index (self->scores, ScoreDef, score).mean_times;
  *out_rescale_from = g_array_index (self->scores, ScoreDef, score).rescale_from;
}

guint
polku_instrument_get_max_missing (PolkuInstrument *self)
{
  g_return_val_if_fail (POLKU_IS_INSTRUMENT (self), 0);
  return self->max_missing;
}

gboolean
polku_instrument_answer_is_valid (PolkuInstrument *self,
                                  guint            item,
                                  int              value)
{
  g_return_val_if_fail (POLKU_IS_INSTRUMENT (self), FALSE);
  g_return_val_if_fail (item < self->items->len, FALSE);
  return value >= ITEM_SCALE (self, item)->min && value <= ITEM_SCALE (self, item)->max;
}

int *
polku_instrument_answers_from_json (PolkuInstrument  *self,
                                    JsonObject       *answers,
                                    GError          **error)
{
  g_autofree int *values = NULL;
  g_autoptr(GList) members = NULL;

  g_return_val_if_fail (POLKU_IS_INSTRUMENT (self), NULL);
  g_return_val_if_fail (answers != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  values = g_new0 (int, self->items->len);
  members = json_object_get_members (answers);
  for (GList *l = members; l != NULL; l = l->next)
    {
      const char *key = l->data;
      int item = polku_instrument_find_item (self, key);
      JsonNode *node = json_object_get_member (answers, key);
      gint64 value;

      if (item < 0)
        {
          g_set_error (error, POLKU_INSTRUMENT_ERROR, POLKU_INSTRUMENT_ERROR_ANSWERS,
                       _("“%s” is not an item of %s (items are “%s” to “%s”)."), key,
                       self->id, ITEM (self, 0)->id, ITEM (self, self->items->len - 1)->id);
          return NULL;
        }
      /* Anything that is not a whole number on the scale is a missing answer. */
      if (node_whole_number (node, &value)
          && polku_instrument_answer_is_valid (self, item, (int) CLAMP (value, -1, 1001)))
        values[item] = value;
      else
        values[item] = POLKU_ANSWER_MISSING;
    }

  return g_steal_pointer (&values);
}

JsonNode *
polku_instrument_answers_to_json (PolkuInstrument *self,
                                  const int       *answers)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  g_return_val_if_fail (POLKU_IS_INSTRUMENT (self), NULL);
  g_return_val_if_fail (answers != NULL, NULL);

  json_builder_begin_object (builder);
  for (guint i = 0; i < self->items->len; i++)
    {
      json_builder_set_member_name (builder, ITEM (self, i)->id);
      if (polku_instrument_answer_is_valid (self, i, answers[i]))
        json_builder_add_int_value (builder, answers[i]);
      else
        json_builder_add_null_value (builder);
    }
  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}
