/* test-contact-counts.c: a client's contacts counted by the categories of the reports: the
 * practice's figures (000, 003, 004) from the contact log, read from the real store
 *
 * Copyright 2026 The Polku authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "polku-client-store.h"
#include "polku-contact-counts.h"
#include "polku-contact-store.h"
#include "polku-contact-type.h"

#include "test-common.h"

typedef struct
{
  char       *dir;
  PolkuStore *store;
  char       *client_id;
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PolkuClient) client = polku_client_new ();
  g_autofree char *path = NULL;

  f->dir = g_dir_make_tmp ("polku-test-contact-counts-XXXXXX", NULL);
  path = g_build_filename (f->dir, "polku.db", NULL);
  f->store = polku_store_open (path, POLKU_KEY_RAW, KEY, TRUE, &error);
  g_assert_no_error (error);
  polku_store_set_actor (f->store, "Testi Työntekijä");
  polku_client_set_given_name (client, "Aino");
  polku_client_set_family_name (client, "Virtanen");
  g_assert_true (polku_client_store_save (f->store, client, &error));
  g_assert_no_error (error);
  f->client_id = g_strdup (polku_client_get_id (client));
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_clear_object (&f->store);
  remove_tree (f->dir);
  g_free (f->dir);
  g_free (f->client_id);
}

typedef struct
{
  const char *date;
  const char *type;
  gboolean    urgent;
  gboolean    no_show;
  guint       days;
  const char *reason;
} Row;

/* A log as the practice would see it, in no particular order. */
static const Row rows[] = {
  { "2026-01-05", "doctor", FALSE, FALSE, 0, "Selkäkipu" },
  { "2026-01-20", "doctor", TRUE, FALSE, 0, " selkäkipu " },   /* a repeat */
  { "2026-01-21", "doctor", FALSE, TRUE, 0, "Selkäkipu" },     /* a no-show: not a repeat */
  { "2026-02-02", "nurse", FALSE, FALSE, 0, "SELKÄKIPU" },     /* a repeat, as a nurse visit */
  { "2026-01-10", "phone", FALSE, FALSE, 0, "Huimaus" },
  { "2026-01-11", "phone", FALSE, FALSE, 0, "Huimaus" },       /* a repeat */
  { "2026-01-12", "phone", TRUE, FALSE, 0, NULL },
  { "2026-01-13", "coordinator-call", FALSE, FALSE, 0, NULL },
  { "2026-02-13", "coordinator-call", FALSE, FALSE, 0, NULL },
  { "2026-02-14", "coordinator-visit", FALSE, FALSE, 0, NULL },
  { "2026-01-15", "consultation", FALSE, FALSE, 0, NULL },
  { "2026-01-16", "emergency", TRUE, FALSE, 0, "Huimaus" },    /* a repeat */
  { "2026-01-17", "hospital-stay", TRUE, FALSE, 5, NULL },
  { "2026-02-20", "hospital-stay", FALSE, FALSE, 12, NULL },
  { "2026-01-18", "mental-health", FALSE, FALSE, 0, NULL },
  { "2026-01-19", "social-worker", FALSE, FALSE, 0, NULL },
  { "2026-01-22", "social-services", FALSE, TRUE, 0, NULL },
  { "2026-01-23", "remote", FALSE, FALSE, 0, NULL },
  { "2026-01-24", "other", FALSE, FALSE, 0, NULL },
  { "2025-12-31", "doctor", FALSE, FALSE, 0, "Selkäkipu" },   /* before the period */
  { "2026-03-01", "doctor", FALSE, FALSE, 0, "Selkäkipu" },   /* after the period */
};

static void
add_rows (Fixture *f)
{
  g_autoptr(GPtrArray) contacts = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    {
      PolkuContact *c = polku_contact_new ();

      polku_contact_set_client_id (c, f->client_id);
      polku_contact_set_date (c, rows[i].date);
      polku_contact_set_type_id (c, rows[i].type);
      polku_contact_set_urgent (c, rows[i].urgent);
      polku_contact_set_no_show (c, rows[i].no_show);
      polku_contact_set_days (c, rows[i].days);
      polku_contact_set_reason (c, rows[i].reason);
      g_ptr_array_add (contacts, c);
    }
  g_assert_true (polku_contact_store_add_all (f->store, f->client_id, contacts, &error));
  g_assert_no_error (error);
}

static void
assert_tally (const PolkuContactTally *t,
              guint                    contacts,
              guint                    urgent,
              guint                    no_shows,
              guint                    days,
              guint                    repeats)
{
  g_assert_nonnull (t);
  g_assert_cmpuint (t->contacts, ==, contacts);
  g_assert_cmpuint (t->urgent, ==, urgent);
  g_assert_cmpuint (t->no_shows, ==, no_shows);
  g_assert_cmpuint (t->days, ==, days);
  g_assert_cmpuint (t->repeats, ==, repeats);
}

static void
test_by_category (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PolkuContactCounts) counts = NULL;
  g_autoptr(GListModel) types = polku_contact_types_dup_default (NULL);
  GPtrArray *categories = polku_contact_types_get_categories (types);

  add_rows (f);
  counts = polku_contact_store_count_by_category (f->store, f->client_id, "2026-01-01",
                                                  "2026-02-28", &error);
  g_assert_no_error (error);

  /* Every category of the file, in its order, zeros included. */
  g_assert_cmpuint (counts->categories->len, ==, categories->len);
  for (guint i = 0; i < categories->len; i++)
    g_assert_cmpstr (g_array_index (counts->categories, PolkuContactTally, i).id, ==,
                     polku_contact_category_get_id (g_ptr_array_index (categories, i)));

  /* Doctor visits split by the urgent flag: 2 held (1 urgent), the no-show apart. */
  assert_tally (polku_contact_counts_get_category (counts, "doctor"), 2, 1, 1, 0, 1);
  assert_tally (polku_contact_counts_get_category (counts, "nurse"), 1, 0, 0, 0, 1);
  /* The telephone service apart from the coordinator's own calls and visits. */
  assert_tally (polku_contact_counts_get_category (counts, "telephone_service"), 3, 1, 0, 0, 1);
  assert_tally (polku_contact_counts_get_category (counts, "coordinator"), 3, 0, 0, 0, 0);
  assert_tally (polku_contact_counts_get_type (counts, "coordinator-call"), 2, 0, 0, 0, 0);
  assert_tally (polku_contact_counts_get_category (counts, "consultation"), 1, 0, 0, 0, 0);
  assert_tally (polku_contact_counts_get_category (counts, "emergency"), 1, 1, 0, 0, 1);
  /* Inpatient stays sum their days. */
  assert_tally (polku_contact_counts_get_category (counts, "inpatient"), 2, 1, 0, 17, 0);
  assert_tally (polku_contact_counts_get_category (counts, "mental_health"), 1, 0, 0, 0, 0);
  assert_tally (polku_contact_counts_get_category (counts, "social_services"), 1, 0, 1, 0, 0);
  assert_tally (polku_contact_counts_get_category (counts, "remote"), 1, 0, 0, 0, 0);
  assert_tally (polku_contact_counts_get_category (counts, "other"), 1, 0, 0, 0, 0);
  g_assert_null (polku_contact_counts_get_category (counts, "dentist"));

  /* 17 held, 2 no-shows; 4 repeats of 2 issues (Selkäkipu ×3, Huimaus ×3). */
  assert_tally (&counts->total, 17, 4, 2, 17, 4);
  g_assert_cmpuint (counts->repeated_reasons, ==, 2);
  g_assert_cmpuint (counts->total.stays_without_days, ==, 0);

  /* The period's bounds are inclusive; without bounds the whole log counts. */
  g_clear_pointer (&counts, polku_contact_counts_free);
  counts = polku_contact_store_count_by_category (f->store, f->client_id, NULL, NULL, &error);
  g_assert_no_error (error);
  assert_tally (polku_contact_counts_get_category (counts, "doctor"), 4, 1, 1, 0, 3);
  g_clear_pointer (&counts, polku_contact_counts_free);
  counts = polku_contact_store_count_by_category (f->store, f->client_id, "2026-01-20",
                                                  "2026-01-20", &error);
  assert_tally (&counts->total, 1, 1, 0, 0, 0);  /* the first in the period is no repeat */

  g_assert_null (polku_contact_store_count_by_category (f->store, f->client_id, "1.1.2026",
                                                        NULL, &error));
  g_assert_error (error, POLKU_CONTACT_ERROR, POLKU_CONTACT_ERROR_DATE);
}

/* In memory, with dates as bounds, as the Measures tab counts six months around the plan;
 * stays without days and types not in the file are counted, not dropped. */
static void
test_compute (void)
{
  g_autoptr(GPtrArray) contacts = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(PolkuContactCounts) counts = NULL;
  g_autoptr(GListModel) types = polku_contact_types_dup_default (NULL);
  static const char * const type_ids[] = { "hospital-stay", "hospital-stay", "dentist",
                                           "nurse" };
  static const char * const dates[] = { "2026-03-01", "2026-03-02", "2026-03-03", "2026-04-01" };
  GDate from, to;

  for (guint i = 0; i < G_N_ELEMENTS (type_ids); i++)
    {
      PolkuContact *c = polku_contact_new ();

      polku_contact_set_date (c, dates[i]);
      polku_contact_set_type_id (c, type_ids[i]);
      polku_contact_set_days (c, i == 0 ? 4 : 0);
      g_ptr_array_add (contacts, c);
    }
  g_date_clear (&from, 1);
  g_date_clear (&to, 1);
  g_date_set_dmy (&from, 1, 3, 2026);
  g_date_set_dmy (&to, 31, 3, 2026);
  counts = polku_contact_counts_compute (contacts, types, &from, &to);

  g_assert_cmpuint (counts->total.contacts, ==, 3);
  g_assert_cmpuint (polku_contact_counts_get_category (counts, "inpatient")->days, ==, 4);
  g_assert_cmpuint (polku_contact_counts_get_category (counts, "inpatient")->stays_without_days,
                    ==, 1);
  g_assert_cmpuint (polku_contact_counts_get_category (counts, "")->contacts, ==, 1);
  g_assert_cmpuint (polku_contact_counts_get_type (counts, "dentist")->contacts, ==, 1);
  g_assert_cmpuint (polku_contact_counts_get_category (counts, "nurse")->contacts, ==, 0);
  /* The array given is left as it was. */
  g_assert_cmpuint (contacts->len, ==, 4);
  g_assert_cmpstr (polku_contact_get_date (g_ptr_array_index (contacts, 3)), ==, "2026-04-01");
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/contact-counts/compute", test_compute);
  g_test_add ("/contact-counts/by-category", Fixture, NULL, fixture_setup, test_by_category,
              fixture_teardown);

  return g_test_run ();
}
