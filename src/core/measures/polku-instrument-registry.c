/* polku-instrument-registry.c: the instruments Polku knows
 *
 * Copyright 2026 The Polku authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The bundled definitions, then the organisation's own from $POLKU_INSTRUMENTS_DIR or
 * ~/.config/polku/instruments/, read once. A file with the id of a bundled instrument may
 * change its texts only.
 */

#define G_LOG_DOMAIN "polku-instrument"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "polku-core-resources.h"
#include "polku-instrument-fields-private.h"

#define RESOURCE_DIR "/io/github/polku/Polku/core/instruments/"

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
