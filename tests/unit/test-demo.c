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

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/demo/populate", test_populate);
  g_test_add_func ("/demo/repeatable", test_repeatable);

  return g_test_run ();
}
