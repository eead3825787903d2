/* test-demo.c: synthetic demo clients
 *
 * Copyright 2026 The Polku authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>

#include "polku-client-store.h"
#include "polku-demo.h"
#include "polku-hetu.h"
#include "polku-store-private.h"

#include "test-common.h"

static GPtrArray *
populate (guint   n,
          guint32 seed)
{
  g_autofree char *dir = g_dir_make_tmp ("polku-test-demo-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "polku.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(PolkuStore) store = NULL;
  GPtrArray *clients;

  store = polku_store_open (path, POLKU_KEY_RAW, KEY, TRUE, &error);
  g_assert_no_error (error);
  g_assert_true (polku_demo_populate (store, n, seed, &error));
  g_assert_no_error (error);
  clients = polku_client_store_list (store, TRUE, &error);
  g_assert_no_error (error);
  polku_store_close (store);

  g_unlink (path);
  g_rmdir (dir);
  return clients;
}

static void
test_populate (void)
{
  g_autoptr(GPtrArray) clients = populate (300, 1234);
  guint per_language[3] = { 0, 0, 0 };

  g_assert_cmpuint (clients->len, ==, 300);
  for (guint i = 0; i < clients->len; i++)
    {
      PolkuClient *client = g_ptr_array_index (clients, i);
      const char *hetu = polku_client_get_hetu (client);

      g_assert_true (polku_hetu_validate (hetu, NULL, NULL));
      g_assert_true (polku_hetu_is_temporary (hetu));
      g_assert_true (polku_client_validate (client, NULL));
      g_assert_nonnull (polku_client_get_municipality (client));
      g_assert_nonnull (polku_client_get_phone (client));
      per_language[polku_client_get_language (client)]++;
    }

  /* Mostly Finnish, some Swedish, a few other languages. */
  g_assert_cmpuint (per_language[POLKU_LANGUAGE_FI], >, 150);
  g_assert_cmpuint (per_language[POLKU_LANGUAGE_SV], >, 15);
  g_assert_cmpuint (per_language[POLKU_LANGUAGE_OTHER], >, 0);
}

static void
test_repeatable (void)
{
  g_autoptr(GPtrArray) a = populate (20, 99);
  g_autoptr(GPtrArray) b = populate (20, 99);
  g_autoptr(GPtrArray) c = populate (20, 100);
  guint same_as_c = 0;

  for (guint i = 0; i < a->len; i++)
    {
      g_assert_cmpstr (polku_client_get_hetu (g_ptr_array_index (a, i)), ==,
                       polku_client_get_hetu (g_ptr_array_index (b, i)));
      if (g_strcmp0 (polku_client_get_hetu (g_ptr_array_index (a, i)),
                     polku_client_get_hetu (g_ptr_array_index (c, i))) == 0)
        same_as_c++;
    }
  g_assert_cmpuint (same_as_c, <, a->len);
}

static gint64
count (PolkuStore *store,
       const char *sql)
{
  g_autoptr(GError) error = NULL;
  gint64 n = polku_store_count (store, sql, NULL, "test", &error);

  g_assert_no_error (error);
  return n;
}

/* The rows the demo makes have time-ordered ids (polku_id_new (), RFC 9562 version 7), each
 * greater than the one made before it, so that a batch appends to its indexes instead of
 * rewriting pages all over them; except the client's own id, which stays random (version
 * 4): it names the client wherever the client's data goes, and its moment would say when
 * the client was first entered, which nothing shared carries. */
static void
test_ids (void)
{
  static const char * const tables[] = {
    "audit_entry", "contact", "mapping_visit", "mapping_visit_item", "client_case",
    "case_phase_change", "warning_sign", "consent", "consent_organisation", "consent_part",
    "team_member", "responsible_period", "coordinator_period", "followup", "case_note",
    "plan_version", "assessment",
  };
  g_autofree char *dir = g_dir_make_tmp ("polku-test-demo-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "polku.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(PolkuStore) store = NULL;

  store = polku_store_open (path, POLKU_KEY_RAW, KEY, TRUE, &error);
  g_assert_no_error (error);
  g_assert_true (polku_demo_populate (store, 30, 2026, &error));
  g_assert_no_error (error);

  for (guint i = 0; i < G_N_ELEMENTS (tables); i++)
    {
      g_autofree char *rows = g_strdup_printf ("SELECT count(*) FROM %s;", tables[i]);
      g_autofree char *other = g_strdup_printf ("SELECT count(*) FROM %s"
                                                " WHERE substr (id, 15, 1) <> '7'"
                                                " OR substr (id, 20, 1) NOT IN"
                                                " ('8', '9', 'a', 'b');", tables[i]);
      /* Rows in the order they were inserted (no row of these is deleted). */
      g_autofree char *unordered = g_strdup_printf ("SELECT count(*) FROM %s a JOIN %s b"
                                                    " ON b.rowid = a.rowid + 1"
                                                    " WHERE b.id <= a.id;",
                                                    tables[i], tables[i]);

      g_test_message ("%s", tables[i]);
      g_assert_cmpint (count (store, rows), >, 0);
      g_assert_cmpint (count (store, other), ==, 0);
      g_assert_cmpint (count (store, unordered), ==, 0);
    }
  g_assert_cmpint (count (store, "SELECT count(*) FROM client;"), ==, 30);
  g_assert_cmpint (count (store, "SELECT count(*) FROM client WHERE substr (id, 15, 1) <> '4';"),
                   ==, 0);

  polku_store_close (store);
  remove_tree (dir);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/demo/populate", test_populate);
  g_test_add_func ("/demo/repeatable", test_repeatable);
  g_test_add_func ("/demo/ids", test_ids);

  return g_test_run ();
}
