/* test-cli-backup.c: polku-cli backup, restore and recovery-key show (the real binary)
 *
 * Copyright 2026 The Polku authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define _GNU_SOURCE  /* memmem () */

#include "config.h"

#include <string.h>
#include <sys/stat.h>

#include "cli-test-helpers.h"

#define NEW_PASSPHRASE "uusi tunnuslause 2026"

typedef struct
{
  Fixture  cli;
  char    *backup;
  char    *key_file;
  char    *new_dir;
  char    *new_passphrase_file;
} BackupFixture;

static void
backup_setup (BackupFixture *f,
              gconstpointer  data)
{
  g_auto(Run) run = { 0 };

  cli_fixture_setup (&f->cli, data);
  f->backup = g_build_filename (f->cli.dir, "test.polkubackup", NULL);
  f->key_file = g_build_filename (f->cli.dir, "recovery-key", NULL);
  f->new_dir = g_build_filename (f->cli.dir, "restored", NULL);
  f->new_passphrase_file = g_build_filename (f->cli.dir, "new-passphrase", NULL);
  g_assert_true (g_file_set_contents (f->new_passphrase_file, NEW_PASSPHRASE "\n", -1, NULL));

  CLI (&run, &f->cli, NULL, "demo", "--clients", "3", "--seed", "5");
  g_assert_cmpint (run.status, ==, 0);
}

static void
backup_teardown (BackupFixture *f,
                 gconstpointer  data)
{
  cli_fixture_teardown (&f->cli, data);
  g_free (f->backup);
  g_free (f->key_file);
  g_free (f->new_dir);
  g_free (f->new_passphrase_file);
}

/* Runs polku-cli on the restored profile. */
#define NEW_CLI(run, f, ...) \
  run_cli ((run), &(f)->cli, NULL, "--data-dir", (f)->new_dir, "--passphrase-file", \
           (f)->new_passphrase_file, __VA_ARGS__, NULL)

static void
make_backup_and_key (BackupFixture *f)
{
  g_auto(Run) run = { 0 };

  CLI (&run, &f->cli, NULL, "backup", f->backup);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (run.err, ==, "");
  g_assert_nonnull (strstr (run.out, "recovery-key show"));  /* the key was made now */

  CLI (&run, &f->cli, NULL, "recovery-key", "show");
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpuint (strlen (run.out), ==, 39 + 1);
  g_assert_true (g_file_set_contents (f->key_file, run.out, -1, NULL));
}

static void
test_round_trip (BackupFixture *f,
                 gconstpointer  data)
{
  g_auto(Run) run = { 0 };
  g_autofree char *clients = NULL;
  g_autofree char *key = NULL;
  g_autoptr(JsonNode) log = NULL;
  JsonObject *newest;

  make_backup_and_key (f);
  CLI (&run, &f->cli, NULL, "clients", "list", "--json");
  g_assert_cmpint (run.status, ==, 0);
  clients = g_steal_pointer (&run.out);

  /* A second backup does not make another key and says nothing about one. */
  {
    g_autofree char *second = g_build_filename (f->cli.dir, "second.polkubackup", NULL);

    CLI (&run, &f->cli, NULL, "backup", second);
    g_assert_cmpint (run.status, ==, 0);
    g_assert_null (strstr (run.out, "recovery-key show"));
  }

  run_cli (&run, &f->cli, NULL, "restore", f->backup, "--recovery-key-file", f->key_file,
           "--data-dir", f->new_dir, "--passphrase-file", f->new_passphrase_file, NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (run.err, ==, "");
  g_assert_true (g_file_test (f->new_dir, G_FILE_TEST_IS_DIR));

  NEW_CLI (&run, f, "clients", "list", "--json");
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (run.out, ==, clients);

  NEW_CLI (&run, f, "audit", "verify");
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "intact"));

  NEW_CLI (&run, f, "audit", "list", "--json");
  g_assert_cmpint (run.status, ==, 0);
  log = parse_out (&run);
  newest = json_array_get_object_element (json_node_get_array (log), 1);
  g_assert_cmpstr (json_object_get_string_member (newest, "action"), ==, "backup.restore");

  /* The restored profile has the same recovery key. */
  NEW_CLI (&run, f, "recovery-key", "show");
  g_assert_cmpint (run.status, ==, 0);
  g_assert_true (g_file_get_contents (f->key_file, &key, NULL, NULL));
  g_assert_cmpstr (run.out, ==, key);
}

/* The key from standard input, typed the way people type. */
static void
test_key_from_stdin (BackupFixture *f,
                     gconstpointer  data)
{
  g_auto(Run) run = { 0 };
  g_autofree char *key = NULL;
  g_autofree char *typed = NULL;

  make_backup_and_key (f);
  g_assert_true (g_file_get_contents (f->key_file, &key, NULL, NULL));
  typed = g_ascii_strdown (key, -1);
  g_strdelimit (typed, "-", ' ');

  run_cli (&run, &f->cli, typed, "restore", f->backup, "--recovery-key-file", "-",
           "--data-dir", f->new_dir, "--passphrase-file", f->new_passphrase_file, NULL);
  g_assert_cmpint (run.status, ==, 0);
  NEW_CLI (&run, f, "audit", "verify");
  g_assert_cmpint (run.status, ==, 0);

  /* Both secrets from standard input: refused before anything is read. */
  remove_tree (f->new_dir);
  run_cli (&run, &f->cli, typed, "restore", f->backup, "--recovery-key-file", "-",
           "--data-dir", f->new_dir, "--passphrase-file", "-", NULL);
  assert_one_line_error (&run, 2);
  g_assert_nonnull (strstr (run.err, "standard input"));
  g_assert_false (g_file_test (f->new_dir, G_FILE_TEST_EXISTS));
}

static void
assert_nothing_restored (BackupFixture *f)
{
  g_assert_false (g_file_test (f->new_dir, G_FILE_TEST_EXISTS));
}

static void
test_restore_refused (BackupFixture *f,
                      gconstpointer  data)
{
  g_auto(Run) run = { 0 };
  g_autofree char *wrong_file = g_build_filename (f->cli.dir, "wrong-key", NULL);
  const char *wrong = "AAAA-BBBB-CCCC-DDDD-EEEE-FFFF-GGGG-HHHH";

  make_backup_and_key (f);

  /* A wrong key: exit 1, one line that does not quote the key, nothing created. */
  g_assert_true (g_file_set_contents (wrong_file, wrong, -1, NULL));
  run_cli (&run, &f->cli, NULL, "restore", f->backup, "--recovery-key-file", wrong_file,
           "--data-dir", f->new_dir, "--passphrase-file", f->new_passphrase_file, NULL);
  assert_one_line_error (&run, 1);
  g_assert_null (strstr (run.err, wrong));
  assert_nothing_restored (f);

  /* Not a key at all (a typo): exit 2. */
  g_assert_true (g_file_set_contents (wrong_file, "AAAA-BBBB-CCCC", -1, NULL));
  run_cli (&run, &f->cli, NULL, "restore", f->backup, "--recovery-key-file", wrong_file,
           "--data-dir", f->new_dir, "--passphrase-file", f->new_passphrase_file, NULL);
  assert_one_line_error (&run, 2);
  g_assert_null (strstr (run.err, "AAAA"));
  assert_nothing_restored (f);

  /* No key file, an empty one, no key option at all: exit 2. */
  run_cli (&run, &f->cli, NULL, "restore", f->backup, "--recovery-key-file", "/nonexistent",
           "--data-dir", f->new_dir, "--passphrase-file", f->new_passphrase_file, NULL);
  assert_one_line_error (&run, 2);
  g_assert_true (g_file_set_contents (wrong_file, "\n", -1, NULL));
  run_cli (&run, &f->cli, NULL, "restore", f->backup, "--recovery-key-file", wrong_file,
           "--data-dir", f->new_dir, "--passphrase-file", f->new_passphrase_file, NULL);
  assert_one_line_error (&run, 2);
  run_cli (&run, &f->cli, NULL, "restore", f->backup, "--data-dir", f->new_dir, NULL);
  assert_one_line_error (&run, 2);
  assert_nothing_restored (f);

  /* No keyring here and no passphrase given: asks for one, nothing created. */
  run_cli (&run, &f->cli, NULL, "restore", f->backup, "--recovery-key-file", f->key_file,
           "--data-dir", f->new_dir, NULL);
  assert_one_line_error (&run, 1);
  g_assert_nonnull (strstr (run.err, "--passphrase-file"));
  assert_nothing_restored (f);

  /* A damaged backup: exit 1, nothing created. */
  {
    g_autofree char *contents = NULL;
    g_autofree char *damaged = g_build_filename (f->cli.dir, "damaged.polkubackup", NULL);
    gsize length;

    g_assert_true (g_file_get_contents (f->backup, &contents, &length, NULL));
    contents[length / 2] ^= 1;
    g_assert_true (g_file_set_contents (damaged, contents, length, NULL));
    run_cli (&run, &f->cli, NULL, "restore", damaged, "--recovery-key-file", f->key_file,
             "--data-dir", f->new_dir, "--passphrase-file", f->new_passphrase_file, NULL);
    assert_one_line_error (&run, 1);
    g_assert_nonnull (strstr (run.err, "damaged"));
    assert_nothing_restored (f);
  }

  /* Into the existing profile (the fixture's, the default data dir): refused, exit 1. */
  run_cli (&run, &f->cli, NULL, "restore", f->backup, "--recovery-key-file", f->key_file,
           "--passphrase-file", f->new_passphrase_file, NULL);
  assert_one_line_error (&run, 1);
  g_assert_nonnull (strstr (run.err, "already a profile"));
  CLI (&run, &f->cli, NULL, "audit", "verify");
  g_assert_cmpint (run.status, ==, 0);
}

static void
test_backup_command (BackupFixture *f,
                     gconstpointer  data)
{
  g_auto(Run) run = { 0 };
  g_autofree char *folder = g_build_filename (f->cli.dir, "usb", NULL);
  g_autofree char *contents = NULL;
  g_autofree char *missing = g_build_filename (f->cli.dir, "missing", NULL);
  gsize length;
  struct stat st;

  make_backup_and_key (f);
  g_assert_cmpint (stat (f->backup, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  g_assert_true (g_file_get_contents (f->backup, &contents, &length, NULL));
  g_assert_null (memmem (contents, length, "SQLite format 3", 15));

  /* Not over an existing file, unless --replace. */
  CLI (&run, &f->cli, NULL, "backup", f->backup);
  assert_one_line_error (&run, 1);
  g_assert_nonnull (strstr (run.err, "--replace"));
  CLI (&run, &f->cli, NULL, "backup", f->backup, "--replace");
  g_assert_cmpint (run.status, ==, 0);

  /* Into a folder: today's dated name. */
  g_assert_cmpint (g_mkdir (folder, 0700), ==, 0);
  CLI (&run, &f->cli, NULL, "backup", folder);
  g_assert_cmpint (run.status, ==, 0);
  {
    g_autoptr(GDir) dir = g_dir_open (folder, 0, NULL);
    const char *name = g_dir_read_name (dir);

    g_assert_nonnull (name);
    g_assert_true (g_str_has_prefix (name, "polku-backup-"));
    g_assert_true (g_str_has_suffix (name, ".polkubackup"));
    g_assert_null (g_dir_read_name (dir));
  }

  /* Every backup is in the log. */
  CLI (&run, &f->cli, NULL, "audit", "list", "--json");
  {
    g_autoptr(JsonNode) log = parse_out (&run);
    JsonArray *entries = json_node_get_array (log);
    guint n = 0;

    for (guint i = 0; i < json_array_get_length (entries); i++)
      if (g_str_equal (json_object_get_string_member (json_array_get_object_element (entries, i),
                                                      "action"), "backup.create"))
        n++;
    g_assert_cmpuint (n, ==, 3);
  }

  /* A mistyped --data-dir makes no profile; no arguments is a usage error. */
  run_cli (&run, &f->cli, NULL, "--data-dir", missing, "--passphrase-file",
           f->cli.passphrase_file, "backup", folder, NULL);
  assert_one_line_error (&run, 2);
  g_assert_false (g_file_test (missing, G_FILE_TEST_EXISTS));
  CLI (&run, &f->cli, NULL, "backup");
  assert_one_line_error (&run, 2);
  CLI (&run, &f->cli, NULL, "recovery-key", "show", "extra");
  assert_one_line_error (&run, 2);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/cli-backup/round-trip", BackupFixture, NULL, backup_setup, test_round_trip,
              backup_teardown);
  g_test_add ("/cli-backup/key-from-stdin", BackupFixture, NULL, backup_setup,
              test_key_from_stdin, backup_teardown);
  g_test_add ("/cli-backup/restore-refused", BackupFixture, NULL, backup_setup,
              test_restore_refused, backup_teardown);
  g_test_add ("/cli-backup/backup-command", BackupFixture, NULL, backup_setup,
              test_backup_command, backup_teardown);

  return g_test_run ();
}
