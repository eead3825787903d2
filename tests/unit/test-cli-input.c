/* test-cli-input.c: polku-cli against hostile and clumsy input: JSON nested too deep or too
 * large (/dev/zero), passphrase files with a byte order mark, missing or endless, weak
 * passphrases, and reads that must not create a profile
 *
 * Copyright 2026 The Polku authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "cli-test-helpers.h"

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  cli_fixture_setup (f, data);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  cli_fixture_teardown (f, data);
}

/* JSON nested 100,000 deep crashed every reader (json-glib recurses): refused cleanly. */
static void
test_deep_json (Fixture       *f,
                gconstpointer  data)
{
  g_auto(Run) run = { 0 };
  g_autoptr(GString) deep = g_string_new (NULL);

  for (guint i = 0; i < 100000; i++)
    g_string_append_c (deep, '[');
  for (guint i = 0; i < 100000; i++)
    g_string_append_c (deep, ']');

  CLI (&run, f, NULL, "demo", "--clients", "1");
  g_assert_cmpint (run.status, ==, 0);
  CLI (&run, f, deep->str, "clients", "add", "--json", "-");
  assert_one_line_error (&run, 2);
  g_assert_nonnull (strstr (run.err, "nested"));

  /* Deep but legal nesting inside a string is not counted. */
  CLI (&run, f, "{\"given_name\": \"[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[["
                "[[[[[[\", \"family_name\": \"Virtanen\"}", "clients", "add", "--json", "-");
  g_assert_cmpint (run.status, ==, 0);
}

/* /dev/zero as input allocated until the process aborted. */
static void
test_endless_input (Fixture       *f,
                    gconstpointer  data)
{
  g_auto(Run) run = { 0 };

  CLI (&run, f, NULL, "demo", "--clients", "1");
  g_assert_cmpint (run.status, ==, 0);
  CLI (&run, f, NULL, "clients", "add", "--json", "/dev/zero");
  assert_one_line_error (&run, 2);
  g_assert_nonnull (strstr (run.err, "larger than"));

  run_cli (&run, f, NULL, "--passphrase-file", "/dev/zero", "clients", "list", NULL);
  assert_one_line_error (&run, 2);
  g_assert_nonnull (strstr (run.err, "too large"));
}

/* An editor's byte order mark is not part of the passphrase. */
static void
test_passphrase_bom (Fixture       *f,
                     gconstpointer  data)
{
  g_auto(Run) run = { 0 };
  g_autofree char *bom_file = g_build_filename (f->dir, "passphrase-bom", NULL);

  CLI (&run, f, NULL, "demo", "--clients", "1");
  g_assert_cmpint (run.status, ==, 0);
  g_assert_true (g_file_set_contents (bom_file, "\xef\xbb\xbf" PASSPHRASE "\r\n", -1, NULL));
  run_cli (&run, f, NULL, "--passphrase-file", bom_file, "clients", "list", NULL);
  g_assert_cmpint (run.status, ==, 0);
}

/* A passphrase file that cannot be used is a usage error, and its contents never appear. */
static void
test_passphrase_file_errors (Fixture       *f,
                             gconstpointer  data)
{
  g_auto(Run) run = { 0 };
  g_autofree char *empty = g_build_filename (f->dir, "empty", NULL);

  run_cli (&run, f, NULL, "--passphrase-file", "/nonexistent/pass", "clients", "list", NULL);
  assert_one_line_error (&run, 2);
  g_assert_nonnull (strstr (run.err, "no such file"));

  g_assert_true (g_file_set_contents (empty, "\n", -1, NULL));
  run_cli (&run, f, NULL, "--passphrase-file", empty, "clients", "add", "--json", "-", NULL);
  assert_one_line_error (&run, 2);
}

/* Eight spaces or one character repeated are not a passphrase for a new database. */
static void
test_weak_passphrase (Fixture       *f,
                      gconstpointer  data)
{
  g_auto(Run) run = { 0 };

  run_cli (&run, f, "        \n", "--passphrase-file", "-", "demo", "--clients", "1", NULL);
  g_assert_cmpint (run.status, !=, 0);
  g_assert_nonnull (strstr (run.err, "too easy to guess"));
  run_cli (&run, f, "aaaaaaaaaaaa\n", "--passphrase-file", "-", "demo", "--clients", "1", NULL);
  g_assert_cmpint (run.status, !=, 0);
  g_assert_nonnull (strstr (run.err, "too easy to guess"));
  run_cli (&run, f, NULL, "--passphrase-file", f->passphrase_file, "clients", "list", "--json",
           NULL);
  assert_one_line_error (&run, 2);
}

/* A mistyped --data-dir for a read says so and creates nothing. */
static void
test_read_never_creates (Fixture       *f,
                         gconstpointer  data)
{
  g_auto(Run) run = { 0 };
  g_autofree char *typo = g_build_filename (f->dir, "polkuu", NULL);

  run_cli (&run, f, NULL, "--data-dir", typo, "--passphrase-file", f->passphrase_file,
           "clients", "list", NULL);
  assert_one_line_error (&run, 2);
  g_assert_nonnull (strstr (run.err, "--data-dir"));
  g_assert_false (g_file_test (typo, G_FILE_TEST_EXISTS));

  run_cli (&run, f, NULL, "--data-dir", typo, "--passphrase-file", f->passphrase_file,
           "audit", "verify", NULL);
  assert_one_line_error (&run, 2);
  g_assert_false (g_file_test (typo, G_FILE_TEST_EXISTS));

  /* A change may create it. */
  run_cli (&run, f, NULL, "--data-dir", typo, "--passphrase-file", f->passphrase_file,
           "demo", "--clients", "1", NULL);
  g_assert_cmpint (run.status, ==, 0);
  run_cli (&run, f, NULL, "--data-dir", typo, "--passphrase-file", f->passphrase_file,
           "clients", "list", NULL);
  g_assert_cmpint (run.status, ==, 0);
}

/* Control characters in --as and in names cannot forge lines in text listings. */
static void
test_control_characters (Fixture       *f,
                         gconstpointer  data)
{
  g_auto(Run) run = { 0 };
  g_auto(GStrv) lines = NULL;

  run_cli (&run, f, NULL, "--passphrase-file", f->passphrase_file,
           "--as", "Eve\n1\t2026-01-01\tForged\x1b[2J", "demo", "--clients", "1", NULL);
  g_assert_cmpint (run.status, ==, 0);
  CLI (&run, f, NULL, "audit", "list");
  g_assert_cmpint (run.status, ==, 0);
  lines = g_strsplit (run.out, "\n", -1);
  for (guint i = 0; lines[i] != NULL && lines[i][0] != '\0'; i++)
    {
      g_auto(GStrv) fields = g_strsplit (lines[i], "\t", -1);

      g_assert_cmpuint (g_strv_length (fields), ==, 6);
      g_assert_null (strchr (lines[i], '\x1b'));
    }

  CLI (&run, f, "{\"given_name\": \"Aino\\nForged\", \"family_name\": \"Virtanen\"}",
       "clients", "add", "--json", "-");
  g_assert_cmpint (run.status, !=, 0);
  g_assert_nonnull (strstr (run.err, "control characters"));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("/cli-input/deep-json", test_deep_json);
  ADD ("/cli-input/endless-input", test_endless_input);
  ADD ("/cli-input/passphrase-bom", test_passphrase_bom);
  ADD ("/cli-input/passphrase-file-errors", test_passphrase_file_errors);
  ADD ("/cli-input/weak-passphrase", test_weak_passphrase);
  ADD ("/cli-input/read-never-creates", test_read_never_creates);
  ADD ("/cli-input/control-characters", test_control_characters);
#undef ADD

  return g_test_run ();
}
