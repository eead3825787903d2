/* test-id.c: ids of new rows, time-ordered UUIDs (RFC 9562 version 7)
 *
 * Copyright 2026 The Polku authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "polku-id.h"

/* The milliseconds in an id's first 48 bits. */
static gint64
id_time (const char *id)
{
  g_autofree char *digits = g_strndup (id, 8);
  g_autofree char *text = g_strconcat (digits, id + 9, NULL);

  text[12] = '\0';
  return g_ascii_strtoll (text, NULL, 16);
}

/* The 12 bits after the version nibble. */
static guint
id_sequence (const char *id)
{
  g_autofree char *text = g_strndup (id + 15, 3);

  return (guint) g_ascii_strtoull (text, NULL, 16);
}

static void
assert_form (const char *id)
{
  g_assert_cmpuint (strlen (id), ==, 36);
  g_assert_true (g_uuid_string_is_valid (id));
  for (guint i = 0; i < 36; i++)
    if (i == 8 || i == 13 || i == 18 || i == 23)
      g_assert_cmpint (id[i], ==, '-');
    else
      g_assert_true (g_ascii_isdigit (id[i]) || (id[i] >= 'a' && id[i] <= 'f'));
  /* Version 7, variant binary 10. */
  g_assert_cmpint (id[14], ==, '7');
  g_assert_nonnull (strchr ("89ab", id[19]));
}

static void
test_form (void)
{
  gint64 before = g_get_real_time () / 1000;
  g_autofree char *id = polku_id_new ();
  gint64 after = g_get_real_time () / 1000;

  assert_form (id);
  /* The time is now (a counter that ran over may have taken the next millisecond). */
  g_assert_cmpint (id_time (id), >=, before);
  g_assert_cmpint (id_time (id), <=, after + 1);
}

/* A known time gives its known first 48 bits. */
static void
test_known_time (void)
{
  /* 2100-01-01 00:00:00.000 UTC: later than anything the clock gave so far. */
  g_autofree char *id = polku_id_new_at (G_GINT64_CONSTANT (4102444800000));

  assert_form (id);
  g_assert_cmpint (id_time (id), ==, G_GINT64_CONSTANT (4102444800000));
  g_assert_true (g_str_has_prefix (id, "03bb2cc3-d800-7"));
}

/* Many ids within one millisecond, and far more than the 4096 a millisecond's counter
 * holds: each greater than the one before, all different, all well formed. */
static void
test_order_within_millisecond (void)
{
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autofree char *previous = NULL;
  gint64 now = G_GINT64_CONSTANT (4200000000000);
  guint same_ms = 0;

  previous = polku_id_new_at (now);
  for (guint i = 0; i < 10000; i++)
    {
      char *id = polku_id_new_at (now);

      assert_form (id);
      g_assert_cmpstr (previous, <, id);
      g_assert_true (g_hash_table_add (seen, id));
      if (id_time (id) == id_time (previous))
        {
          same_ms++;
          g_assert_cmpuint (id_sequence (id), ==, id_sequence (previous) + 1);
        }
      g_free (previous);
      previous = g_strdup (id);
    }
  /* The counter starts below 2048, so at least 2048 ids share each millisecond, and the
   * ones past 4095 moved on to the next milliseconds. */
  g_assert_cmpuint (same_ms, >=, 10000 - 10000 / 2048 - 1);
  g_assert_cmpint (id_time (previous), >, now);
  g_assert_cmpint (id_time (previous), <=, now + 10000 / 2048 + 1);
}

/* The clock put back: ids still go up; and the real clock in a tight loop. */
static void
test_order_clock_back (void)
{
  g_autofree char *late = polku_id_new_at (G_GINT64_CONSTANT (5000000000000));
  g_autofree char *earlier = polku_id_new_at (G_GINT64_CONSTANT (1000000000000));
  g_autofree char *now = polku_id_new ();

  g_assert_cmpstr (late, <, earlier);
  g_assert_cmpstr (earlier, <, now);
  g_assert_cmpint (id_time (earlier), ==, id_time (late));
}

static void
test_order_real_clock (void)
{
  g_autofree char *previous = polku_id_new ();
  guint different = 0;

  for (guint i = 0; i < 20000; i++)
    {
      char *id = polku_id_new ();

      g_assert_cmpstr (previous, <, id);
      if (strcmp (previous + 24, id + 24) != 0)
        different++;
      g_free (previous);
      previous = id;
    }
  /* rand_b is random: two ids in a row share their last 48 bits by chance only. */
  g_assert_cmpuint (different, >=, 19990);
}

/* Ids made by several threads at once: every one different, and each thread's in order. */
static gpointer
make_ids (gpointer data)
{
  GPtrArray *ids = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < 5000; i++)
    g_ptr_array_add (ids, polku_id_new ());
  return ids;
}

static void
test_threads (void)
{
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  GThread *threads[4];
  GPtrArray *ids[4];

  for (guint t = 0; t < G_N_ELEMENTS (threads); t++)
    threads[t] = g_thread_new ("ids", make_ids, NULL);
  for (guint t = 0; t < G_N_ELEMENTS (threads); t++)
    {
      ids[t] = g_thread_join (threads[t]);
      for (guint i = 0; i < ids[t]->len; i++)
        {
          g_assert_true (g_hash_table_add (seen, ids[t]->pdata[i]));
          if (i > 0)
            g_assert_cmpstr (ids[t]->pdata[i - 1], <, ids[t]->pdata[i]);
        }
    }
  g_assert_cmpuint (g_hash_table_size (seen), ==, 4 * 5000);
  for (guint t = 0; t < G_N_ELEMENTS (threads); t++)
    g_ptr_array_unref (ids[t]);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/id/form", test_form);
  g_test_add_func ("/id/order-real-clock", test_order_real_clock);
  g_test_add_func ("/id/threads", test_threads);
  /* These put the process's last id far ahead of the clock: after the ones that use it. */
  g_test_add_func ("/id/known-time", test_known_time);
  g_test_add_func ("/id/order-within-millisecond", test_order_within_millisecond);
  g_test_add_func ("/id/order-clock-back", test_order_clock_back);
  return g_test_run ();
}
