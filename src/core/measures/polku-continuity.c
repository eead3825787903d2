/* polku-continuity.c: continuity-of-care indices from a log of visits
 *
 * Copyright 2026 The Polku authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "polku-continuity"

#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "polku-continuity.h"

static const char * const default_types[] = {
  POLKU_VISIT_TYPE_DOCTOR, POLKU_VISIT_TYPE_NURSE, NULL
};

static const PolkuVisitFilter default_filter = {
  NULL, NULL, default_types, FALSE
};

const PolkuVisitFilter *
polku_visit_filter_default (void)
{
  return &default_filter;
}

gboolean
polku_visit_filter_matches (const PolkuVisitFilter *filter,
                            const PolkuVisit       *visit)
{
  g_return_val_if_fail (visit != NULL, FALSE);

  if (filter == NULL)
    return TRUE;
  if (filter->from != NULL && g_date_compare (&visit->date, filter->from) < 0)
    return FALSE;
  if (filter->to != NULL && g_date_compare (&visit->date, filter->to) > 0)
    return FALSE;
  if (!filter->include_urgent && visit->urgent)
    return FALSE;
  if (filter->types != NULL
      && (visit->type == NULL || !g_strv_contains (filter->types, visit->type)))
    return FALSE;
  return TRUE;
}

typedef struct
{
  guint32     julian;
  gsize       order;
  const char *professional;
} Chosen;

static int
compare_chosen (const void *a,
                const void *b)
{
  const Chosen *ca = a;
  const Chosen *cb = b;

  if (ca->julian != cb->julian)
    return ca->julian < cb->julian ? -1 : 1;
  return ca->order < cb->order ? -1 : ca->order > cb->order ? 1 : 0;
}

static int
compare_strings (const void *a,
                 const void *b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

PolkuContinuity *
polku_continuity_compute (const PolkuVisit       *visits,
                          gsize                   n_visits,
                          const PolkuVisitFilter *filter)
{
  g_autoptr(PolkuContinuity) result = g_new0 (PolkuContinuity, 1);
  g_autoptr(GHashTable) counts = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) usual = g_ptr_array_new ();
  g_autofree Chosen *chosen = NULL;
  GHashTableIter iter;
  gpointer key, value;
  guint max_count = 0;
  gint64 sum_squares = 0;
  guint same = 0;
  gsize n = 0;

  g_return_val_if_fail (visits != NULL || n_visits == 0, NULL);

  chosen = g_new0 (Chosen, MAX (n_visits, 1));
  for (gsize i = 0; i < n_visits; i++)
    {
      const PolkuVisit *visit = &visits[i];

      g_return_val_if_fail (g_date_valid (&visit->date), NULL);
      if (!polku_visit_filter_matches (filter, visit))
        continue;
      if (visit->professional == NULL || visit->professional[0] == '\0')
        {
          result->left_out_without_professional++;
          continue;
        }
      chosen[n].julian = g_date_get_julian (&visit->date);
      chosen[n].order = i;
      chosen[n].professional = visit->professional;
      n++;
    }
  qsort (chosen, n, sizeof (Chosen), compare_chosen);

  for (gsize i = 0; i < n; i++)
    {
      guint count = GPOINTER_TO_UINT (g_hash_table_lookup (counts, chosen[i].professional));

      g_hash_table_insert (counts, (gpointer) chosen[i].professional,
                           GUINT_TO_POINTER (count + 1));
      if (i > 0 && g_str_equal (chosen[i].professional, chosen[i - 1].professional))
        same++;
    }

  result->visits = n;
  result->professionals = g_hash_table_size (counts);

  g_hash_table_iter_init (&iter, counts);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      guint count = GPOINTER_TO_UINT (value);

      sum_squares += (gint64) count * count;
      if (count > max_count)
        {
          max_count = count;
          g_ptr_array_set_size (usual, 0);
        }
      if (count == max_count)
        g_ptr_array_add (usual, key);
    }
  g_ptr_array_sort (usual, compare_strings);

  result->usual_professionals = g_new0 (char *, usual->len + 1);
  for (guint i = 0; i < usual->len; i++)
    result->usual_professionals[i] = g_strdup (g_ptr_array_index (usual, i));

  result->coci = result->upc = result->secon = result->mmci = NAN;
  if (n >= 1)
    {
      double N = n;
      double M = result->professionals;

      result->upc = (double) max_count / N;
      result->mmci = (1.0 - M / (N + 0.1)) / (1.0 - 1.0 / (N + 0.1));
    }
  if (n >= 2)
    {
      result->coci = (double) (sum_squares - (gint64) n) / ((double) n * (double) (n - 1));
      result->secon = (double) same / (double) (n - 1);
    }

  return g_steal_pointer (&result);
}

void
polku_continuity_free (PolkuContinuity *continuity)
{
  if (continuity == NULL)
    return;
  g_strfreev (continuity->usual_professionals);
  g_free (continuity);
}

static void
visit_count_clear (PolkuVisitCount *count)
{
  g_clear_pointer (&count->type, g_free);
}

static int
compare_counts (gconstpointer a,
                gconstpointer b)
{
  return strcmp (((const PolkuVisitCount *) a)->type, ((const PolkuVisitCount *) b)->type);
}

GArray *
polku_visit_counts_around (const PolkuVisit *visits,
                           gsize             n_visits,
                           const GDate      *start,
                           guint             months)
{
  GArray *counts = g_array_new (FALSE, TRUE, sizeof (PolkuVisitCount));
  GDate before, after;

  g_array_set_clear_func (counts, (GDestroyNotify) visit_count_clear);
  g_return_val_if_fail (visits != NULL || n_visits == 0, counts);
  g_return_val_if_fail (start != NULL && g_date_valid (start), counts);

  before = *start;
  g_date_subtract_months (&before, months);
  after = *start;
  g_date_add_months (&after, months);

  for (gsize i = 0; i < n_visits; i++)
    {
      const PolkuVisit *visit = &visits[i];
      const char *type = visit->type != NULL ? visit->type : "";
      PolkuVisitCount *count = NULL;
      gboolean is_before, is_after;

      is_before = g_date_compare (&visit->date, &before) >= 0
                  && g_date_compare (&visit->date, start) < 0;
      is_after = g_date_compare (&visit->date, start) >= 0
                 && g_date_compare (&visit->date, &after) < 0;
      if (!is_before && !is_after)
        continue;

      for (guint k = 0; k < counts->len && count == NULL; k++)
        if (g_str_equal (g_array_index (counts, PolkuVisitCount, k).type, type))
          count = &g_array_index (counts, PolkuVisitCount, k);
      if (count == NULL)
        {
          PolkuVisitCount empty = { g_strdup (type), 0, 0 };

          g_array_append_val (counts, empty);
          count = &g_array_index (counts, PolkuVisitCount, counts->len - 1);
        }
      if (is_before)
        count->before++;
      else
        count->after++;
    }

  g_array_sort (counts, compare_counts);
  return counts;
}
