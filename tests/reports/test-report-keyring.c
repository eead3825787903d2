/* test-report-keyring.c: the county key in a real Secret Service (gnome-keyring): import from
 * a county's file in each form, the fingerprint, refusing to replace a different key unless
 * asked, a new key, deleting, bad files changing nothing, the key never written to disk in
 * the clear nor logged, and the pseudonyms it gives; `polku-cli report key delete`, which
 * deletes only with --yes and records it
 *
 * Run through tests/with-keyring.sh (a private session bus, an unlocked keyring, a
 * throw-away HOME).
 *
 * Copyright 2026 The Polku authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "polku-audit.h"
#include "polku-county-key.h"
#include "polku-profile.h"
#include "polku-report-export.h"

#include "../unit/test-common.h"

static GString *logged;

/* Every message of every level (debug too) goes here, so the test can look for the key. */
static GLogWriterOutput
capture_log (GLogLevelFlags   level,
             const GLogField *fields,
             gsize            n_fields,
             gpointer         user_data)
{
  for (gsize i = 0; i < n_fields; i++)
    if (fields[i].length < 0)
      g_string_append_printf (logged, "%s=%s\n", fields[i].key, (const char *) fields[i].value);
  return g_log_writer_default (level, fields, n_fields, user_data);
}

typedef struct
{
  char   *dir;
  guint8  raw[POLKU_COUNTY_KEY_LENGTH];
  char   *hex;
  char   *base64;
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  GString *hex = g_string_new (NULL);

  f->dir = g_dir_make_tmp ("polku-test-county-key-XXXXXX", NULL);
  for (guint i = 0; i < sizeof f->raw; i++)
    {
      f->raw[i] = (guint8) g_random_int_range (0, 256);
      g_string_append_printf (hex, "%02x", f->raw[i]);
    }
  f->hex = g_string_free (hex, FALSE);
  f->base64 = g_base64_encode (f->raw, sizeof f->raw);
  g_assert_true (polku_county_key_delete (NULL, NULL, &error));
  g_assert_no_error (error);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  polku_county_key_delete (NULL, NULL, NULL);
  polku_county_key_delete ("pohjois-savo", NULL, NULL);
  remove_tree (f->dir);
  g_free (f->dir);
  g_free (f->hex);
  g_free (f->base64);
}

static char *
key_file (Fixture    *f,
          const char *name,
          const void *data,
          gssize      length)
{
  g_autoptr(GError) error = NULL;
  char *path = g_build_filename (f->dir, name, NULL);

  g_assert_true (g_file_set_contents_full (path, data, length, G_FILE_SET_CONTENTS_NONE, 0600,
                                           &error));
  g_assert_no_error (error);
  return path;
}

static char *
fingerprint_of (const guint8 *raw)
{
  g_autoptr(GBytes) key = g_bytes_new (raw, POLKU_COUNTY_KEY_LENGTH);

  return polku_county_key_fingerprint (key);
}

static void
assert_stored (const guint8 *raw)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) key = polku_county_key_lookup (NULL, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (key);
  g_assert_cmpmem (g_bytes_get_data (key, NULL), g_bytes_get_size (key), raw,
                   POLKU_COUNTY_KEY_LENGTH);
}

static gboolean
contains (const char   *haystack,
          gsize         size,
          const guint8 *needle,
          gsize         length)
{
  for (gsize i = 0; i + length <= size; i++)
    if (memcmp (haystack + i, needle, length) == 0)
      return TRUE;
  return FALSE;
}

/* Whether @needle is in any file under @dir. */
static gboolean
found_under (const char   *dir,
             const guint8 *needle,
             gsize         length)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  while (d != NULL && (name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);
      g_autofree char *contents = NULL;
      gsize size = 0;

      if (g_file_test (path, G_FILE_TEST_IS_SYMLINK))
        continue;
      if (g_file_test (path, G_FILE_TEST_IS_DIR))
        {
          if (found_under (path, needle, length))
            return TRUE;
        }
      else if (g_file_get_contents (path, &contents, &size, NULL)
               && contains (contents, size, needle, length))
        return TRUE;
    }
  return FALSE;
}

static void
test_round_trip (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *hex_line = g_strdup_printf ("%s\n", f->hex);
  g_autofree char *hex_path = key_file (f, "county.key", hex_line, -1);
  g_autofree char *raw_path = key_file (f, "county.bin", f->raw, sizeof f->raw);
  g_autofree char *expected = fingerprint_of (f->raw);
  g_autofree char *fingerprint = NULL;
  g_autofree char *again = NULL;
  g_autofree char *a = NULL;
  g_autofree char *b = NULL;
  g_autoptr(GBytes) nothing = NULL;
  g_autoptr(GBytes) stored = NULL;
  g_autofree char *keyrings = g_build_filename (g_get_user_data_dir (), "keyrings", NULL);
  g_autofree char *upper = g_ascii_strup (f->hex, -1);

  /* Nothing stored: a clear "not found". */
  nothing = polku_county_key_lookup (NULL, NULL, &error);
  g_assert_null (nothing);
  g_assert_error (error, POLKU_COUNTY_KEY_ERROR, POLKU_COUNTY_KEY_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "report key import"));
  g_clear_error (&error);

  fingerprint = polku_county_key_import_file (NULL, hex_path, FALSE, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (fingerprint, ==, expected);
  assert_stored (f->raw);

  /* The same key again, as raw bytes: nothing to replace, so it is fine. */
  again = polku_county_key_import_file (NULL, raw_path, FALSE, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (again, ==, expected);

  /* Another county's item is another key. */
  g_assert_null (polku_county_key_lookup ("pohjois-savo", NULL, &error));
  g_assert_error (error, POLKU_COUNTY_KEY_ERROR, POLKU_COUNTY_KEY_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* The stored key gives the pseudonyms the file's key gives. */
  stored = polku_county_key_lookup (NULL, NULL, &error);
  g_assert_no_error (error);
  a = polku_report_pseudonym (g_bytes_get_data (stored, NULL), g_bytes_get_size (stored),
                              "010150-902H", "x", NULL);
  b = polku_report_pseudonym (f->raw, sizeof f->raw, "010150-902H", "x", NULL);
  g_assert_cmpstr (a, ==, b);

  /* Never on disk in the clear (the keyring's file is encrypted), never in a log. */
  g_assert_true (g_file_test (keyrings, G_FILE_TEST_IS_DIR));
  g_assert_false (found_under (g_get_home_dir (), f->raw, sizeof f->raw));
  g_assert_false (found_under (g_get_home_dir (), (const guint8 *) f->hex, strlen (f->hex)));
  g_assert_false (found_under (g_get_home_dir (), (const guint8 *) upper, strlen (upper)));
  g_assert_false (found_under (g_get_home_dir (), (const guint8 *) f->base64,
                              strlen (f->base64)));
  g_assert_null (strstr (logged->str, f->hex));
  g_assert_null (strstr (logged->str, upper));
  g_assert_null (strstr (logged->str, f->base64));

  /* Deleted: gone; deleting again is no error. */
  g_assert_true (polku_county_key_delete (NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_null (polku_county_key_lookup (NULL, NULL, &error));
  g_assert_error (error, POLKU_COUNTY_KEY_ERROR, POLKU_COUNTY_KEY_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_true (polku_county_key_delete (NULL, NULL, &error));
  g_assert_no_error (error);
}

static void
test_replace (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  guint8 other[POLKU_COUNTY_KEY_LENGTH];
  g_autofree char *base64 = NULL;
  g_autofree char *first_path = key_file (f, "first.key", f->hex, -1);
  g_autofree char *other_path = NULL;
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  g_autofree char *made = NULL;
  g_autofree char *remade = NULL;
  g_autofree char *bad_path = key_file (f, "bad.key", "not a key at all\n", -1);
  g_autofree char *short_path = key_file (f, "short.key", f->raw, 31);
  g_autofree char *missing = g_build_filename (f->dir, "missing.key", NULL);

  for (guint i = 0; i < sizeof other; i++)
    other[i] = f->raw[i] ^ 0x5a;
  base64 = g_base64_encode (other, sizeof other);
  other_path = key_file (f, "other.key", base64, -1);

  first = polku_county_key_import_file (NULL, first_path, FALSE, NULL, &error);
  g_assert_no_error (error);

  /* A different key is not put over the first unless asked: files made with the two could
   * not be combined. */
  g_assert_null (polku_county_key_import_file (NULL, other_path, FALSE, NULL, &error));
  g_assert_error (error, POLKU_COUNTY_KEY_ERROR, POLKU_COUNTY_KEY_ERROR_EXISTS);
  g_assert_nonnull (strstr (error->message, first));  /* names the old one's fingerprint */
  g_clear_error (&error);
  assert_stored (f->raw);
  g_assert_null (polku_county_key_new (NULL, FALSE, NULL, &error));
  g_assert_error (error, POLKU_COUNTY_KEY_ERROR, POLKU_COUNTY_KEY_ERROR_EXISTS);
  g_clear_error (&error);
  assert_stored (f->raw);

  /* Bad files change nothing. */
  g_assert_null (polku_county_key_import_file (NULL, bad_path, TRUE, NULL, &error));
  g_assert_error (error, POLKU_COUNTY_KEY_ERROR, POLKU_COUNTY_KEY_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_null (polku_county_key_import_file (NULL, short_path, TRUE, NULL, &error));
  g_assert_error (error, POLKU_COUNTY_KEY_ERROR, POLKU_COUNTY_KEY_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_null (polku_county_key_import_file (NULL, missing, TRUE, NULL, &error));
  g_assert_error (error, G_FILE_ERROR, G_FILE_ERROR_NOENT);
  g_clear_error (&error);
  g_assert_null (polku_county_key_import_file (NULL, "/dev/zero", TRUE, NULL, &error));
  g_assert_error (error, POLKU_COUNTY_KEY_ERROR, POLKU_COUNTY_KEY_ERROR_INVALID);
  g_clear_error (&error);
  assert_stored (f->raw);

  /* Asked to: replaced. */
  second = polku_county_key_import_file (NULL, other_path, TRUE, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (second, !=, first);
  assert_stored (other);

  /* A new key, replacing: a fingerprint of its own, and it is what lookup returns. */
  made = polku_county_key_new (NULL, TRUE, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (strlen (made), ==, 16);
  g_assert_cmpstr (made, !=, second);
  {
    g_autoptr(GBytes) key = polku_county_key_lookup (NULL, NULL, &error);

    g_assert_no_error (error);
    remade = polku_county_key_fingerprint (key);
    g_assert_cmpstr (remade, ==, made);
  }
}

#define PASSPHRASE "kotikäynti 2026"

typedef struct
{
  int   status;
  char *out;
  char *err;
} Run;

/* The real polku-cli ($POLKU_CLI) on the profile in @f->dir, with this session's keyring. */
static void
cli (Run        *run,
     Fixture    *f,
     const char *first,
     ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  const char *arg;
  va_list args;

  g_clear_pointer (&run->out, g_free);
  g_clear_pointer (&run->err, g_free);
  g_ptr_array_add (argv, g_strdup (g_getenv ("POLKU_CLI")));
  g_ptr_array_add (argv, g_strdup ("--data-dir"));
  g_ptr_array_add (argv, g_strdup (f->dir));
  g_ptr_array_add (argv, g_strdup ("--passphrase-file"));
  g_ptr_array_add (argv, g_build_filename (f->dir, "passphrase", NULL));
  va_start (args, first);
  for (arg = first; arg != NULL; arg = va_arg (args, const char *))
    g_ptr_array_add (argv, g_strdup (arg));
  va_end (args);
  g_ptr_array_add (argv, NULL);
  process = g_subprocess_newv ((const char * const *) argv->pdata,
                               G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE,
                               &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (process, NULL, NULL, &run->out, &run->err, &error);
  g_assert_no_error (error);
  run->status = g_subprocess_get_if_exited (process) ? g_subprocess_get_exit_status (process)
                                                     : -1;
  g_string_append_printf (logged, "%s\n%s\n", run->out, run->err);
}

/* How many audit entries of @action with @detail the profile holds. */
static guint
audited (Fixture    *f,
         const char *action,
         const char *detail)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PolkuProfile) profile = polku_profile_new (f->dir);
  g_autoptr(PolkuStore) store = polku_profile_open_sync (profile, PASSPHRASE, 5, NULL, &error);
  g_autoptr(GPtrArray) entries = NULL;
  guint n = 0;

  g_assert_no_error (error);
  entries = polku_audit_list (store, NULL, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < entries->len; i++)
    {
      PolkuAuditEntry *entry = g_ptr_array_index (entries, i);

      n += g_strcmp0 (polku_audit_entry_get_action (entry), action) == 0
           && g_strcmp0 (polku_audit_entry_get_detail (entry), detail) == 0;
    }
  return n;
}

static void
test_cli_delete (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = key_file (f, "county.key", f->hex, -1);
  g_autofree char *passphrase = g_build_filename (f->dir, "passphrase", NULL);
  g_autofree char *fingerprint = fingerprint_of (f->raw);
  g_autofree char *detail = g_strdup_printf ("fingerprint=%s", fingerprint);
  g_autofree char *upper = g_ascii_strup (f->hex, -1);
  g_autoptr(GBytes) nothing = NULL;
  g_autoptr(PolkuProfile) profile = polku_profile_new (f->dir);
  g_autoptr(PolkuStore) store = NULL;
  Run run = { 0 };

  g_assert_true (g_file_set_contents (passphrase, PASSPHRASE "\n", -1, NULL));
  store = polku_profile_open_sync (profile, PASSPHRASE, 5, NULL, &error);
  g_assert_no_error (error);
  g_clear_object (&store);

  cli (&run, f, "report", "key", "import", path, NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (g_strstrip (run.out), ==, fingerprint);

  /* Not without --yes: the refusal names the key and the way on, and nothing changes. */
  cli (&run, f, "report", "key", "delete", NULL);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_true (g_str_has_prefix (run.err, "polku-cli: "));
  g_assert_nonnull (strstr (run.err, fingerprint));
  g_assert_nonnull (strstr (run.err, "--yes"));
  assert_stored (f->raw);
  g_assert_cmpuint (audited (f, POLKU_AUDIT_COUNTY_KEY_DELETE, detail), ==, 0);
  cli (&run, f, "report", "key", "delete", "--replace", NULL);
  g_assert_cmpint (run.status, ==, 2);
  cli (&run, f, "report", "key", "show", "--yes", NULL);
  g_assert_cmpint (run.status, ==, 2);
  assert_stored (f->raw);

  /* With --yes: gone, and recorded once with its fingerprint. */
  cli (&run, f, "report", "key", "delete", "--yes", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, fingerprint));
  nothing = polku_county_key_lookup (NULL, NULL, &error);
  g_assert_null (nothing);
  g_assert_error (error, POLKU_COUNTY_KEY_ERROR, POLKU_COUNTY_KEY_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_cmpuint (audited (f, POLKU_AUDIT_COUNTY_KEY_DELETE, detail), ==, 1);

  /* Nothing left: said so, not an error, and not recorded again. */
  cli (&run, f, "report", "key", "delete", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "nothing to delete"));
  cli (&run, f, "report", "key", "delete", "--yes", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpuint (audited (f, POLKU_AUDIT_COUNTY_KEY_DELETE, detail), ==, 1);

  /* The key was never shown. */
  g_assert_null (strstr (logged->str, f->hex));
  g_assert_null (strstr (logged->str, upper));
  g_assert_null (strstr (logged->str, f->base64));
  g_free (run.out);
  g_free (run.err);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  logged = g_string_new (NULL);
  g_log_set_writer_func (capture_log, NULL, NULL);

  g_test_add ("/county-key/round-trip", Fixture, NULL, fixture_setup, test_round_trip,
              fixture_teardown);
  g_test_add ("/county-key/replace", Fixture, NULL, fixture_setup, test_replace,
              fixture_teardown);
  g_test_add ("/county-key/cli-delete", Fixture, NULL, fixture_setup, test_cli_delete,
              fixture_teardown);

  return g_test_run ();
}
