/* test-keyring.c: the database key in a real Secret Service (gnome-keyring)
 *
 * Run through tests/with-keyring.sh, which starts a private session bus and an unlocked
 * keyring.
 *
 * Copyright 2026 The Polku authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "polku-client-store.h"
#include "polku-keyring.h"
#include "polku-profile.h"

static void
remove_tree (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  while (d != NULL && (name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);
      g_unlink (path);
    }
  g_rmdir (dir);
}

static void
test_store_lookup_clear (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *id = g_uuid_string_random ();
  g_autofree char *key = polku_store_generate_raw_key (NULL);
  g_autofree char *back = NULL;

  back = polku_keyring_lookup_key (id, 10, NULL, &error);
  g_assert_no_error (error);
  g_assert_null (back);

  g_assert_true (polku_keyring_store_key (id, "Polku test key", key, 10, NULL, &error));
  g_assert_no_error (error);

  back = polku_keyring_lookup_key (id, 10, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (back, ==, key);
  g_clear_pointer (&back, g_free);

  /* Another profile id does not see it. */
  {
    g_autofree char *other = g_uuid_string_random ();
    back = polku_keyring_lookup_key (other, 10, NULL, &error);
    g_assert_no_error (error);
    g_assert_null (back);
  }

  g_assert_true (polku_keyring_clear_key (id, 10, NULL, &error));
  g_assert_no_error (error);
  back = polku_keyring_lookup_key (id, 10, NULL, &error);
  g_assert_no_error (error);
  g_assert_null (back);
}

static void
test_profile_with_keyring (void)
{
  g_autofree char *dir = g_dir_make_tmp ("polku-test-keyring-XXXXXX", NULL);
  g_autoptr(PolkuProfile) profile = polku_profile_new (dir);
  g_autoptr(PolkuStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(PolkuClient) client = polku_client_new ();
  g_autofree char *key = NULL;

  /* A new profile gets a random key in the keyring, no passphrase. */
  store = polku_profile_open_sync (profile, NULL, 10, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (store);
  g_assert_cmpint (polku_profile_get_key_source (profile), ==, POLKU_KEY_SOURCE_SECRET_SERVICE);

  polku_client_set_given_name (client, "Aino");
  polku_client_set_family_name (client, "Virtanen");
  g_assert_true (polku_client_store_save (store, client, &error));
  g_clear_object (&store);

  /* The stored key is a fresh 256-bit key and really opens the database. */
  key = polku_keyring_lookup_key (polku_profile_get_id (profile), 10, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (strlen (key), ==, 64);
  store = polku_store_open (polku_profile_get_database_path (profile), POLKU_KEY_RAW, key,
                            FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpint (polku_client_store_count (store, NULL), ==, 1);
  g_clear_object (&store);

  /* Reopen through the profile. */
  {
    g_autoptr(PolkuProfile) again = polku_profile_new (dir);

    store = polku_profile_open_sync (again, NULL, 10, NULL, &error);
    g_assert_no_error (error);
    g_assert_cmpint (polku_client_store_count (store, NULL), ==, 1);
    g_clear_object (&store);
  }

  /* Without its key in the keyring the database cannot be opened, and is left alone. */
  g_assert_true (polku_keyring_clear_key (polku_profile_get_id (profile), 10, NULL, &error));
  store = polku_profile_open_sync (profile, NULL, 10, NULL, &error);
  g_assert_null (store);
  g_assert_error (error, POLKU_PROFILE_ERROR, POLKU_PROFILE_ERROR_KEY_MISSING);
  g_clear_error (&error);
  g_assert_true (polku_profile_database_exists (profile));

  /* Putting the key back makes it open again. */
  g_assert_true (polku_keyring_store_key (polku_profile_get_id (profile), "Polku test", key, 10,
                                          NULL, &error));
  store = polku_profile_open_sync (profile, NULL, 10, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (polku_client_store_count (store, NULL), ==, 1);
  g_clear_object (&store);

  remove_tree (dir);
}

static void
test_cli_with_keyring (void)
{
  g_autofree char *dir = g_dir_make_tmp ("polku-test-keyring-cli-XXXXXX", NULL);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(GError) error = NULL;
  const char *cli = g_getenv ("POLKU_CLI");
  int status;

  g_assert_nonnull (cli);
  g_setenv ("POLKU_DATA_DIR", dir, TRUE);
  {
    const char *argv[] = { cli, "demo", "--clients", "7", "--seed", "3", NULL };

    g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                                 &out, &err, &status, &error));
    g_assert_no_error (error);
    g_assert_true (g_spawn_check_wait_status (status, NULL));
    g_clear_pointer (&out, g_free);
    g_clear_pointer (&err, g_free);
  }
  {
    const char *argv[] = { cli, "clients", "list", NULL };
    g_auto(GStrv) lines = NULL;

    g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                                 &out, &err, &status, &error));
    g_assert_true (g_spawn_check_wait_status (status, NULL));
    lines = g_strsplit (out, "\n", -1);
    g_assert_cmpuint (g_strv_length (lines), ==, 8);
  }
  g_unsetenv ("POLKU_DATA_DIR");
  remove_tree (dir);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  if (g_getenv ("DBUS_SESSION_BUS_ADDRESS") == NULL)
    {
      g_printerr ("Run this test through tests/with-keyring.sh\n");
      return 1;
    }

  g_test_add_func ("/keyring/store-lookup-clear", test_store_lookup_clear);
  g_test_add_func ("/keyring/profile", test_profile_with_keyring);
  g_test_add_func ("/keyring/cli", test_cli_with_keyring);

  return g_test_run ();
}
