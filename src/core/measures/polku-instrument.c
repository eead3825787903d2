/* polku-instrument.c: questionnaires defined as data: the instrument and what it says
 *
 * Copyright 2026 The Polku authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * An instrument is read from its definition by polku-instrument-reader.c; the ones Polku knows
 * are found by polku-instrument-registry.c.
 */

#define G_LOG_DOMAIN "polku-instrument"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "polku-instrument-fields-private.h"

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

/* The text in @language, else English: for text that must be in a given language whatever
 * the user's (the record entry is in the plan's). */
static const char *
pick_text_in (GHashTable *text,
              const char *language)
{
  const char *found = NULL;

  if (text == NULL)
    return NULL;
  if (language != NULL)
    found = g_hash_table_lookup (text, language);
  return found != NULL ? found : g_hash_table_lookup (text, "en");
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

/* polku_instrument_get_item_anchor () in @language ("fi", "sv", "en"; English when the file
 * has no label in it). */
const char *
polku_instrument_get_item_anchor_in (PolkuInstrument *self,
                                     guint            item,
                                     int              value,
                                     const char      *language)
{
  Scale *scale;

  g_return_val_if_fail (POLKU_IS_INSTRUMENT (self), NULL);
  g_return_val_if_fail (item < self->items->len, NULL);

  scale = ITEM_SCALE (self, item);
  for (guint i = 0; i < scale->anchors->len; i++)
    if (g_array_index (scale->anchors, Anchor, i).value == value)
      return pick_text_in (g_array_index (scale->anchors, Anchor, i).label, language);
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

/* polku_instrument_get_domain_title () in @language, else English. */
const char *
polku_instrument_get_domain_title_in (PolkuInstrument *self,
                                      guint            domain,
                                      const char      *language)
{
  g_return_val_if_fail (POLKU_IS_INSTRUMENT (self), NULL);
  g_return_val_if_fail (domain < self->domains->len, NULL);
  return pick_text_in (DOMAIN (self, domain)->title, language);
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
      if (polku_instrument_json_whole_number (node, &value)
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
