/* test-profile.c: profiles without a Secret Service: passphrase fallback, missing files
 *
 * The D-Bus session bus is disabled here, so the Secret Service cannot be reached; the
 * keyring path is tested in tests/integration/test-keyring.c.
 *
 * Copyright 2026 The Polku authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>

#include "polku-profile.h"

#include "test-common.h"

#define PASSPHRASE "kotikäynti 2026"

static char *
make_dir (void)
{
  g_autofree char *base = g_dir_make_tmp ("polku-test-profile-XXXXXX", NULL);

  /* A profile directory that does not exist yet: the profile creates it. */
  return g_build_filename (base, "profile", NULL);
}

static void
cleanup_dir (const char *dir)
{
  g_autofree char *parent = g_path_get_dirname (dir);

  remove_tree (dir);
  g_rmdir (parent);
}

static void
test_new_without_keyring (void)
{
  g_autofree char *dir = make_dir ();
  g_autoptr(PolkuProfile) profile = polku_profile_new (dir);
  g_autoptr(GError) error = NULL;
  g_autoptr(PolkuStore) store = NULL;

  g_assert_cmpint (polku_profile_get_key_source (profile), ==, POLKU_KEY_SOURCE_NONE);
  g_assert_false (polku_profile_database_exists (profile));

  store = polku_profile_open_sync (profile, NULL, 5, NULL, &error);
  g_assert_null (store);
  g_assert_error (error, POLKU_PROFILE_ERROR, POLKU_PROFILE_ERROR_NEEDS_PASSPHRASE);
  g_assert_false (polku_profile_database_exists (profile));
  g_clear_error (&error);

  /* too short */
  store = polku_profile_open_sync (profile, "short", 5, NULL, &error);
  g_assert_null (store);
  g_assert_error (error, POLKU_PROFILE_ERROR, POLKU_PROFILE_ERROR_FAILED);
  g_assert_false (polku_profile_database_exists (profile));
  g_clear_error (&error);

  store = polku_profile_open_sync (profile, PASSPHRASE, 5, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (store);
  g_assert_true (polku_profile_database_exists (profile));
  g_assert_cmpint (polku_profile_get_key_source (profile), ==, POLKU_KEY_SOURCE_PASSPHRASE);
  g_assert_true (g_uuid_string_is_valid (polku_profile_get_id (profile)));
  g_clear_object (&store);

  {
    g_autoptr(PolkuProfile) again = polku_profile_new (dir);

    g_assert_cmpint (polku_profile_get_key_source (again), ==, POLKU_KEY_SOURCE_PASSPHRASE);
    g_assert_cmpstr (polku_profile_get_id (again), ==, polku_profile_get_id (profile));

    store = polku_profile_open_sync (again, NULL, 5, NULL, &error);
    g_assert_error (error, POLKU_PROFILE_ERROR, POLKU_PROFILE_ERROR_NEEDS_PASSPHRASE);
    g_clear_error (&error);

    store = polku_profile_open_sync (again, "wrong passphrase", 5, NULL, &error);
    g_assert_error (error, POLKU_STORE_ERROR, POLKU_STORE_ERROR_WRONG_KEY);
    g_clear_error (&error);

    store = polku_profile_open_sync (again, PASSPHRASE, 5, NULL, &error);
    g_assert_no_error (error);
    g_assert_nonnull (store);
    g_clear_object (&store);
  }

  cleanup_dir (dir);
}

static void
test_missing_files (void)
{
  g_autofree char *dir = make_dir ();
  g_autoptr(PolkuProfile) profile = polku_profile_new (dir);
  g_autoptr(GError) error = NULL;
  g_autoptr(PolkuStore) store = NULL;
  g_autofree char *ini = g_build_filename (dir, "profile.ini", NULL);
  g_autofree char *old_id = NULL;

  store = polku_profile_open_sync (profile, PASSPHRASE, 5, NULL, &error);
  g_assert_no_error (error);
  g_clear_object (&store);
  old_id = g_strdup (polku_profile_get_id (profile));

  /* Without profile.ini, only a passphrase opens it; the file is written again. */
  g_assert_cmpint (g_unlink (ini), ==, 0);
  store = polku_profile_open_sync (profile, NULL, 5, NULL, &error);
  g_assert_error (error, POLKU_PROFILE_ERROR, POLKU_PROFILE_ERROR_NEEDS_PASSPHRASE);
  g_clear_error (&error);
  store = polku_profile_open_sync (profile, PASSPHRASE, 5, NULL, &error);
  g_assert_no_error (error);
  g_clear_object (&store);
  g_assert_true (g_file_test (ini, G_FILE_TEST_EXISTS));
  g_assert_cmpint (polku_profile_get_key_source (profile), ==, POLKU_KEY_SOURCE_PASSPHRASE);

  /* A profile whose database is gone is reported, not silently replaced. */
  g_assert_cmpint (g_unlink (polku_profile_get_database_path (profile)), ==, 0);
  store = polku_profile_open_sync (profile, PASSPHRASE, 5, NULL, &error);
  g_assert_null (store);
  g_assert_error (error, POLKU_PROFILE_ERROR, POLKU_PROFILE_ERROR_BAD_PROFILE);
  g_assert_false (polku_profile_database_exists (profile));

  cleanup_dir (dir);
}

typedef struct
{
  gboolean  done;
  gboolean  opened;
  GError   *error;
} OpenResult;

static void
on_opened (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  OpenResult *out = user_data;
  g_autoptr(PolkuStore) store = NULL;

  store = polku_profile_open_finish (POLKU_PROFILE (source), result, &out->error);
  out->opened = store != NULL && polku_store_is_open (store);
  out->done = TRUE;
}

static void
test_open_async (void)
{
  g_autofree char *dir = make_dir ();
  g_autoptr(PolkuProfile) profile = polku_profile_new (dir);
  OpenResult result = { 0 };

  /* No keyring: the async path reports NEEDS_PASSPHRASE too. */
  polku_profile_open_async (profile, NULL, 5, NULL, on_opened, &result);
  while (!result.done)
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (result.opened);
  g_assert_error (result.error, POLKU_PROFILE_ERROR, POLKU_PROFILE_ERROR_NEEDS_PASSPHRASE);
  g_clear_error (&result.error);

  result.done = FALSE;
  polku_profile_open_async (profile, PASSPHRASE, 5, NULL, on_opened, &result);
  while (!result.done)
    g_main_context_iteration (NULL, TRUE);
  g_assert_no_error (result.error);
  g_assert_true (result.opened);
  g_assert_true (polku_profile_database_exists (profile));

  cleanup_dir (dir);
}

static void
test_default_dir (void)
{
  g_autofree char *dir = NULL;

  g_setenv (POLKU_DATA_DIR_ENV, "/tmp/polku-elsewhere/../polku-here", TRUE);
  dir = polku_profile_default_data_dir ();
  g_assert_cmpstr (dir, ==, "/tmp/polku-here");
  g_unsetenv (POLKU_DATA_DIR_ENV);
  g_clear_pointer (&dir, g_free);
  dir = polku_profile_default_data_dir ();
  g_assert_true (g_str_has_suffix (dir, "/polku"));
}

static void
test_check_passphrase (void)
{
  g_autoptr(GError) error = NULL;

  g_assert_false (polku_profile_check_passphrase ("1234567", &error));
  g_assert_error (error, POLKU_PROFILE_ERROR, POLKU_PROFILE_ERROR_FAILED);
  /* characters, not bytes */
  g_assert_false (polku_profile_check_passphrase ("ääääääa", NULL));
  g_assert_true (polku_profile_check_passphrase ("äääääääa", NULL));
}

int
main (int    argc,
      char **argv)
{
  /* No Secret Service in this test. */
  g_setenv ("DBUS_SESSION_BUS_ADDRESS", "disabled:", TRUE);

  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/profile/new-without-keyring", test_new_without_keyring);
  g_test_add_func ("/profile/missing-files", test_missing_files);
  g_test_add_func ("/profile/open-async", test_open_async);
  g_test_add_func ("/profile/default-dir", test_default_dir);
  g_test_add_func ("/profile/check-passphrase", test_check_passphrase);

  return g_test_run ();
}
