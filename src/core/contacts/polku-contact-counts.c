/* polku-contact-counts.c: a client's contacts counted by the categories of the reports
 *
 * The practice reports its figures by category, six months before and after the plan:
 * non-urgent telephone-service calls, the coordinator's own care calls, consultations,
 * urgent and non-urgent doctor visits, nurse visits, emergency visits (000), mental-health
 * services (004) and repeated contacts for the same issue (003). Each contact type belongs to
 * one category of data/contact-types.json; this file counts a period's contacts by category
 * and by type, the way those figures are made:
 *
 *   - a no-show is not care received: it is counted apart, never as a contact;
 *   - urgent and non-urgent are the contact's own flag, so that doctor visits split;
 *   - inpatient stays sum their days (stays logged without days are counted apart, so a sum
 *     is never silently short);
 *   - a contact is a repeat when an earlier contact of the period gave the same reason
 *     (polku_contact_fold_reason ()): the first contact for an issue is not a repeat.
 *
 * Copyright 2026 The Polku authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "polku-contact"

#include "config.h"

#include "polku-contact-counts.h"
#include "polku-contact-store.h"
#include "polku-contact-type.h"
#include "polku-date.h"

static void
tally_clear (PolkuContactTally *tally)
{
  g_clear_pointer (&tally->id, g_free);
}

static GArray *
tally_array_new (void)
{
  GArray *array = g_array_new (FALSE, TRUE, sizeof (PolkuContactTally));

  g_array_set_clear_func (array, (GDestroyNotify) tally_clear);
  return array;
}

/* The tally of @id in @array, added (zero) at the end when it is not there yet. */
static PolkuContactTally *
tally_for (GArray     *array,
           const char *id)
{
  PolkuContactTally empty = { 0 };

  for (guint i = 0; i < array->len; i++)
    if (g_str_equal (g_array_index (array, PolkuContactTally, i).id, id))
      return &g_array_index (array, PolkuContactTally, i);
  empty.id = g_strdup (id);
  g_array_append_val (array, empty);
  return &g_array_index (array, PolkuContactTally, array->len - 1);
}

static int
compare_contacts (gconstpointer a,
                  gconstpointer b)
{
  return polku_contact_compare (*(PolkuContact **) a, *(PolkuContact **) b);
}

/**
 * polku_contact_counts_compute:
 * @contacts: (element-type PolkuContact): a client's contacts, in any order
 * @types: (nullable): the contact types, or %NULL for the bundled ones
 * @from: (nullable): the first day counted (inclusive), or %NULL for no bound
 * @to: (nullable): the last day counted (inclusive), or %NULL for no bound
 *
 * Counts the contacts of the period by category and by type (see the top of this file).
 *
 * Returns: (transfer full): the counts; free with polku_contact_counts_free ()
 */
PolkuContactCounts *
polku_contact_counts_compute (GPtrArray   *contacts,
                              GListModel  *types,
                              const GDate *from,
                              const GDate *to)
{
  g_autoptr(GListModel) default_types = NULL;
  g_autoptr(GPtrArray) sorted = NULL;
  g_autoptr(GHashTable) reasons = NULL;
  PolkuContactCounts *counts;
  GPtrArray *categories;
  GHashTableIter iter;
  gpointer value;

  g_return_val_if_fail (contacts != NULL, NULL);
  g_return_val_if_fail (types == NULL || G_IS_LIST_MODEL (types), NULL);

  if (types == NULL)
    {
      default_types = polku_contact_types_dup_default (NULL);
      types = default_types != NULL ? default_types
                                    : G_LIST_MODEL (g_list_store_new (POLKU_TYPE_CONTACT_TYPE));
      if (default_types == NULL)
        default_types = types;
    }

  counts = g_new0 (PolkuContactCounts, 1);
  counts->total.id = g_strdup ("");
  counts->categories = tally_array_new ();
  counts->types = tally_array_new ();
  categories = polku_contact_types_get_categories (types);
  for (guint i = 0; i < categories->len; i++)
    tally_for (counts->categories,
               polku_contact_category_get_id (g_ptr_array_index (categories, i)));
  for (guint i = 0; i < g_list_model_get_n_items (types); i++)
    {
      g_autoptr(PolkuContactType) type = g_list_model_get_item (types, i);

      tally_for (counts->types, polku_contact_type_get_id (type));
    }

  /* Repeats are counted in date order, whatever order the caller has. */
  /* (borrowing: g_ptr_array_copy () would take the free function too) */
  sorted = g_ptr_array_sized_new (contacts->len);
  for (guint i = 0; i < contacts->len; i++)
    g_ptr_array_add (sorted, g_ptr_array_index (contacts, i));
  g_ptr_array_sort (sorted, compare_contacts);
  reasons = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (guint i = 0; i < sorted->len; i++)
    {
      PolkuContact *contact = g_ptr_array_index (sorted, i);
      PolkuContactType *type = polku_contact_types_lookup (types,
                                                           polku_contact_get_type_id (contact));
      PolkuContactCategory *category = type != NULL ? polku_contact_type_get_category (type)
                                                    : NULL;
      const char *type_id = polku_contact_get_type_id (contact);
      PolkuContactTally *tallies[3];
      gboolean repeat = FALSE;
      GDate date;

      if (!polku_date_parse_iso (polku_contact_get_date (contact), &date)
          || (from != NULL && g_date_compare (&date, from) < 0)
          || (to != NULL && g_date_compare (&date, to) > 0))
        continue;

      tallies[0] = &counts->total;
      tallies[1] = tally_for (counts->categories,
                              category != NULL ? polku_contact_category_get_id (category) : "");
      tallies[2] = tally_for (counts->types, type_id != NULL ? type_id : "");

      if (!polku_contact_get_no_show (contact))
        {
          g_autofree char *reason = polku_contact_fold_reason (polku_contact_get_reason (contact));

          if (reason != NULL)
            {
              guint n = GPOINTER_TO_UINT (g_hash_table_lookup (reasons, reason)) + 1;

              repeat = n > 1;
              g_hash_table_insert (reasons, g_steal_pointer (&reason), GUINT_TO_POINTER (n));
            }
        }

      for (guint t = 0; t < G_N_ELEMENTS (tallies); t++)
        {
          PolkuContactTally *tally = tallies[t];

          if (polku_contact_get_no_show (contact))
            {
              tally->no_shows++;
              continue;
            }
          tally->contacts++;
          tally->urgent += polku_contact_get_urgent (contact) ? 1 : 0;
          tally->repeats += repeat ? 1 : 0;
          if (type != NULL && polku_contact_type_get_inpatient (type))
            {
              if (polku_contact_get_days (contact) > 0)
                tally->days += polku_contact_get_days (contact);
              else
                tally->stays_without_days++;
            }
        }
    }

  g_hash_table_iter_init (&iter, reasons);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    counts->repeated_reasons += GPOINTER_TO_UINT (value) > 1 ? 1 : 0;

  return counts;
}

/**
 * polku_contact_counts_get_category:
 *
 * Returns: (transfer none) (nullable): the counts of the category, or %NULL when the types
 *   file has no such category
 */
const PolkuContactTally *
polku_contact_counts_get_category (PolkuContactCounts *counts,
                                   const char         *category_id)
{
  g_return_val_if_fail (counts != NULL, NULL);
  g_return_val_if_fail (category_id != NULL, NULL);

  for (guint i = 0; i < counts->categories->len; i++)
    if (g_str_equal (g_array_index (counts->categories, PolkuContactTally, i).id, category_id))
      return &g_array_index (counts->categories, PolkuContactTally, i);
  return NULL;
}

/**
 * polku_contact_counts_get_type:
 *
 * Returns: (transfer none) (nullable): the counts of the type, or %NULL for a type that is
 *   neither in the file nor in the contacts
 */
const PolkuContactTally *
polku_contact_counts_get_type (PolkuContactCounts *counts,
                               const char         *type_id)
{
  g_return_val_if_fail (counts != NULL, NULL);
  g_return_val_if_fail (type_id != NULL, NULL);

  for (guint i = 0; i < counts->types->len; i++)
    if (g_str_equal (g_array_index (counts->types, PolkuContactTally, i).id, type_id))
      return &g_array_index (counts->types, PolkuContactTally, i);
  return NULL;
}

void
polku_contact_counts_free (PolkuContactCounts *counts)
{
  if (counts == NULL)
    return;
  tally_clear (&counts->total);
  g_clear_pointer (&counts->categories, g_array_unref);
  g_clear_pointer (&counts->types, g_array_unref);
  g_free (counts);
}

/**
 * polku_contact_store_count_by_category:
 * @client_id: whose log
 * @from: (nullable): the first day, YYYY-MM-DD (inclusive), or %NULL
 * @to: (nullable): the last day, YYYY-MM-DD (inclusive), or %NULL
 *
 * Reads the client's contacts of the period and counts them with the bundled types. Records
 * no audit entry: callers that show the figures to a user record the read.
 *
 * Returns: (transfer full): the counts, or %NULL with @error
 */
PolkuContactCounts *
polku_contact_store_count_by_category (PolkuStore  *store,
                                       const char  *client_id,
                                       const char  *from,
                                       const char  *to,
                                       GError     **error)
{
  g_autoptr(GPtrArray) contacts = NULL;
  g_autoptr(GListModel) types = NULL;

  g_return_val_if_fail (POLKU_IS_STORE (store), NULL);
  g_return_val_if_fail (client_id != NULL, NULL);

  types = polku_contact_types_dup_default (error);
  if (types == NULL)
    return NULL;
  /* The store checks the bounds and reads only the period. */
  contacts = polku_contact_store_list (store, client_id, from, to, error);
  if (contacts == NULL)
    return NULL;
  return polku_contact_counts_compute (contacts, types, NULL, NULL);
}
