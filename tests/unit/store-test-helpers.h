/* store-test-helpers.h: a fresh store with one client, "Aino Virtanen", as a test fixture
 *
 * Copyright 2026 The Polku authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "polku-client-store.h"
#include "polku-store.h"

#include "test-common.h"

typedef struct
{
  char       *dir;
  PolkuStore *store;
  char       *client_id;
} Fixture;

static inline void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PolkuClient) client = polku_client_new ();
  g_autofree char *path = NULL;

  f->dir = g_dir_make_tmp ("polku-test-store-XXXXXX", NULL);
  path = g_build_filename (f->dir, "polku.db", NULL);
  f->store = polku_store_open (path, POLKU_KEY_RAW, KEY, TRUE, &error);
  g_assert_no_error (error);
  polku_client_set_given_name (client, "Aino");
  polku_client_set_family_name (client, "Virtanen");
  g_assert_true (polku_client_store_save (f->store, client, &error));
  f->client_id = g_strdup (polku_client_get_id (client));
}

static inline void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_clear_object (&f->store);
  remove_tree (f->dir);
  g_free (f->dir);
  g_free (f->client_id);
}
