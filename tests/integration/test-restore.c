/* test-restore.c: a lost laptop. A profile whose key is in the keyring is backed up; then the
 * keyring item and the profile are gone, and the backup and the recovery key bring every
 * client, case, contact, plan and assessment back, with the audit log still verifying.
 *
 * Run through tests/with-keyring.sh (a private session bus and an unlocked gnome-keyring).
 *
 * Copyright 2026 The Polku authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "polku-audit.h"
#include "polku-backup.h"
#include "polku-client-store.h"
#include "polku-demo.h"
#include "polku-keyring.h"
#include "polku-profile.h"
#include "polku-recovery.h"

#include "../unit/backup-test-helpers.h"
#include "../unit/test-common.h"

#define CANARY "Palautettava Kanarialintu"

/* polku-cli with @args on the profile in @dir; the keyring's session bus is inherited.
 * Returns stdout; with @must_succeed FALSE, the exit status and stderr follow it. */
static char *
cli_va (gboolean    must_succeed,
        const char *dir,
        va_list     args)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *err = NULL;
  char *out = NULL;
  const char *arg;
  int status;

  g_ptr_array_add (argv, (char *) g_getenv ("POLKU_CLI"));
  g_ptr_array_add (argv, (char *) "--data-dir");
  g_ptr_array_add (argv, (char *) dir);
  while ((arg = va_arg (args, const char *)) != NULL)
    g_ptr_array_add (argv, (char *) arg);
  g_ptr_array_add (argv, NULL);

  g_assert_true (g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                               &out, &err, &status, &error));
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (status, NULL))
    {
      char *both;

      if (must_succeed)
        g_error ("polku-cli %s failed: %s", (char *) argv->pdata[3], err);
      both = g_strdup_printf ("%s\n[status %d] %s", out, status, err);
      g_free (out);
      return both;
    }
  return out;
}

static char *
cli (const char *dir,
     ...)
{
  va_list args;
  char *out;

  va_start (args, dir);
  out = cli_va (TRUE, dir, args);
  va_end (args);
  return out;
}

/* polku-cli that may fail (a client without a plan): what it said either way. */
static char *
cli_said (const char *dir,
          ...)
{
  va_list args;
  char *out;

  va_start (args, dir);
  out = cli_va (FALSE, dir, args);
  va_end (args);
  return out;
}

/* What the CLI shows of every client's data: the client list, and per client the case,
 * contacts, plan and assessments. */
static char *
cli_everything (const char *dir)
{
  g_autoptr(GString) all = g_string_new (NULL);
  g_autofree char *clients = cli (dir, "clients", "list", "--json", NULL);
  g_autoptr(JsonNode) list = parse_json (clients);
  JsonArray *array = json_node_get_array (list);

  g_string_append (all, clients);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      const char *id = json_object_get_string_member (json_array_get_object_element (array, i),
                                                      "id");
      g_autofree char *case_json = cli_said (dir, "case", "show", id, "--json", NULL);
      g_autofree char *contacts = cli_said (dir, "contacts", "list", id, "--json", NULL);
      g_autofree char *plan = cli_said (dir, "plan", "show", id, "--json", NULL);
      g_autofree char *versions = cli_said (dir, "plan", "versions", id, "--json", NULL);
      g_autofree char *assessments = cli_said (dir, "assessment", "list", id, "--json", NULL);

      g_string_append_printf (all, "%s\n%s\n%s\n%s\n%s\n", case_json, contacts, plan, versions,
                              assessments);
    }
  return g_string_free (g_steal_pointer (&all), FALSE);
}

static void
test_restore_without_original_keyring (void)
{
  g_autofree char *root = g_dir_make_tmp ("polku-test-restore-XXXXXX", NULL);
  g_autofree char *original = g_build_filename (root, "laptop", NULL);
  g_autofree char *restored = g_build_filename (root, "new-laptop", NULL);
  g_autofree char *restored_cli = g_build_filename (root, "new-laptop-cli", NULL);
  g_autofree char *backup = g_build_filename (root, "usb-stick.polkubackup", NULL);
  g_autofree char *key_file = g_build_filename (root, "written-down", NULL);
  g_autofree char *original_id = NULL;
  g_autofree char *recovery_key = NULL;
  g_autofree char *tables_before = NULL;
  g_autofree char *everything_before = NULL;
  g_autoptr(PolkuProfile) profile = polku_profile_new (original);
  g_autoptr(PolkuStore) store = NULL;
  g_autoptr(GError) error = NULL;
  gint64 n_entries = 0;

  /* The laptop: a profile with its key in the keyring, demo data and one client more. */
  store = polku_profile_open_sync (profile, NULL, 10, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (polku_profile_get_key_source (profile), ==, POLKU_KEY_SOURCE_SECRET_SERVICE);
  original_id = g_strdup (polku_profile_get_id (profile));
  g_assert_true (polku_demo_populate (store, 5, 21, &error));
  g_assert_no_error (error);
  {
    g_autoptr(PolkuClient) client = polku_client_new ();

    polku_client_set_given_name (client, "Palautettava");
    polku_client_set_family_name (client, "Kanarialintu");
    g_assert_true (polku_client_store_save (store, client, &error));
  }

  /* The backup, to a "USB stick", and the recovery key written down. */
  g_assert_true (polku_backup_create (store, original_id, backup, FALSE, &error));
  g_assert_no_error (error);
  recovery_key = polku_recovery_key_show (store, &error);
  g_assert_no_error (error);
  g_assert_true (g_file_set_contents (key_file, recovery_key, -1, NULL));
  g_assert_true (polku_audit_verify (store, &n_entries, &error));
  /* The backup holds every entry but its own backup.create and the key's showing. */
  tables_before = dump_tables (store, n_entries - 2);
  g_clear_object (&store);
  everything_before = cli_everything (original);
  g_assert_nonnull (strstr (everything_before, "Kanarialintu"));
  /* The demo data has every kind of thing the comparison is about. */
  {
    const char *kinds[] = { "\"phase\"", "\"urgent\"", "\"goals\"", "\"instrument" };

    for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
      if (strstr (everything_before, kinds[i]) == NULL)
        g_error ("no %s in the demo data", kinds[i]);
  }

  /* The laptop is lost: its keyring item and its profile are gone. */
  g_assert_true (polku_keyring_clear_key (original_id, 10, NULL, &error));
  g_assert_no_error (error);
  remove_tree (original);
  g_assert_false (g_file_test (original, G_FILE_TEST_EXISTS));
  {
    g_autoptr(PolkuProfile) gone = polku_profile_new (original);

    g_assert_false (polku_profile_database_exists (gone));
  }

  /* The new laptop: restored with the recovery key only; the new key goes to the keyring. */
  store = polku_backup_restore (backup, recovery_key, restored, NULL, "Coordinator", 10, NULL,
                                &error);
  g_assert_no_error (error);
  g_assert_nonnull (store);
  g_clear_object (&store);
  {
    g_autoptr(PolkuProfile) again = polku_profile_new (restored);
    g_autofree char *tables_after = NULL;
    g_autofree char *new_key = NULL;
    PolkuAuditVerification check = { 0 };

    g_assert_cmpint (polku_profile_get_key_source (again), ==, POLKU_KEY_SOURCE_SECRET_SERVICE);
    g_assert_cmpstr (polku_profile_get_id (again), !=, original_id);
    new_key = polku_keyring_lookup_key (polku_profile_get_id (again), 10, NULL, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (strlen (new_key), ==, 64);

    store = polku_profile_open_sync (again, NULL, 10, NULL, &error);
    g_assert_no_error (error);
    tables_after = dump_tables (store, n_entries - 2);
    g_assert_cmpstr (tables_after, ==, tables_before);
    g_assert_true (polku_audit_verify_full (store, &check, &error));
    g_assert_no_error (error);
    g_assert_cmpint (check.n_entries, ==, n_entries - 1);
    g_assert_cmpint (check.anchored, ==, n_entries - 1);
    g_clear_object (&store);
  }

  /* The same through polku-cli, into another folder: everything the CLI shows is the same. */
  {
    g_autofree char *out = cli (restored_cli, "restore", backup, "--recovery-key-file",
                                key_file, NULL);
    g_autofree char *everything_after = NULL;
    g_autofree char *verify = NULL;
    g_autofree char *ini = NULL;
    g_autofree char *ini_path = g_build_filename (restored_cli, "profile.ini", NULL);

    g_assert_nonnull (strstr (out, "keyring"));
    g_assert_true (g_file_get_contents (ini_path, &ini, NULL, NULL));
    g_assert_nonnull (strstr (ini, "key-source=secret-service"));
    everything_after = cli_everything (restored_cli);
    g_assert_cmpstr (everything_after, ==, everything_before);
    verify = cli (restored_cli, "audit", "verify", NULL);
    g_assert_nonnull (strstr (verify, "intact"));
  }

  remove_tree (restored);
  remove_tree (restored_cli);
  remove_tree (root);
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

  g_test_add_func ("/restore/without-original-keyring", test_restore_without_original_keyring);

  return g_test_run ();
}
