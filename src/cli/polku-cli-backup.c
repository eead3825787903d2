/* polku-cli-backup.c: polku-cli backup, restore and recovery-key show
 *
 * Copyright 2026 The Polku authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Secrets (the recovery key, a new passphrase) come from files or standard input, never from
 * the command line, where every user of the machine could read them (ps). The recovery key
 * is printed only by `recovery-key show`, on purpose.
 */

#define G_LOG_DOMAIN "polku-cli"

#include "config.h"

#include <gio/gunixinputstream.h>
#include <glib/gi18n.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "polku-backup.h"
#include "polku-cli-private.h"
#include "polku-json.h"
#include "polku-profile.h"
#include "polku-recovery.h"

#define KEYRING_TIMEOUT_SECONDS 10
/* A secret is one line; a file of more than this holds something else. */
#define MAX_SECRET_FILE 4096

/* The first line of @path (- for standard input), without a byte order mark. Errors name the
 * file, never its contents. */
static char *
read_secret_line (const char  *path,
                  gboolean     is_recovery_key,
                  GError     **error)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) local_error = NULL;
  const char *text;
  gsize length = 0;
  char *line;
  char *newline;

  if (g_str_equal (path, "-"))
    {
      g_autoptr(GInputStream) in = g_unix_input_stream_new (0, FALSE);

      bytes = polku_read_bounded (in, MAX_SECRET_FILE, &local_error);
    }
  else
    bytes = polku_read_file_bounded (path, MAX_SECRET_FILE, &local_error);
  if (bytes == NULL)
    {
      gboolean missing = g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
      gboolean too_large = g_error_matches (local_error, G_IO_ERROR,
                                            G_IO_ERROR_MESSAGE_TOO_LARGE);

      if (missing && is_recovery_key)
        g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                     _("Cannot read the recovery key file “%s”: there is no such file."), path);
      else if (missing)
        g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                     _("Cannot read the passphrase file “%s”: there is no such file."), path);
      else if (too_large && is_recovery_key)
        g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                     _("“%s” is too large to be a recovery key file: it should hold one line."),
                     path);
      else if (too_large)
        g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                     _("“%s” is too large to be a passphrase file: it should hold one line."),
                     path);
      else if (is_recovery_key)
        g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                     _("Cannot read the recovery key file “%s”: %s"), path,
                     local_error->message);
      else
        g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                     _("Cannot read the passphrase file “%s”: %s"), path, local_error->message);
      return NULL;
    }

  text = g_bytes_get_data (bytes, &length);
  if (length >= 3 && memcmp (text, "\xef\xbb\xbf", 3) == 0)
    {
      text += 3;
      length -= 3;
    }
  line = g_strndup (text != NULL ? text : "", length);
  newline = strpbrk (line, "\r\n");
  if (newline != NULL)
    *newline = '\0';
  if (line[0] == '\0')
    {
      g_free (line);
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                           is_recovery_key ? _("The recovery key file is empty.")
                                           : _("The passphrase file is empty."));
      return NULL;
    }
  return line;
}

static void
wipe (char **secret)
{
  if (*secret != NULL)
    explicit_bzero (*secret, strlen (*secret));
  g_clear_pointer (secret, g_free);
}

/* polku-cli recovery-key show */
static int
recovery_key_show (int    argc,
                   char **argv)
{
  g_autoptr(PolkuStore) store = NULL;
  g_autoptr(GError) error = NULL;
  char *key;

  if (argc != 1)
    return polku_cli_usage_error ("polku-cli recovery-key show", argv[1]);

  if (!polku_cli_open_store (&store))
    return EXIT_ERROR;
  key = polku_recovery_key_show (store, &error);
  if (key == NULL)
    return fail (EXIT_ERROR, "%s", error->message);

  /* The one deliberate display of the recovery key. */
  printf ("%s\n", key);
  fflush (stdout);
  wipe (&key);
  if (isatty (STDOUT_FILENO))
    fprintf (stderr, "%s\n",
             _("Write the recovery key down and keep it apart from this computer: with it, "
               "a backup of this profile can be restored on any machine."));
  return EXIT_OK;
}

int
polku_cli_recovery_key (int    argc,
                        char **argv)
{
  static const PolkuCliSubcommand subcommands[] = {
    { "show", recovery_key_show },
  };

  return polku_cli_dispatch (argc, argv, subcommands, G_N_ELEMENTS (subcommands));
}

/* polku-cli backup FILE|FOLDER [--replace] */
int
polku_cli_backup (int    argc,
                  char **argv)
{
  static const char usage[] = "polku-cli backup FILE|FOLDER [--replace]";
  g_autoptr(PolkuStore) store = NULL;
  g_autoptr(PolkuProfile) profile = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autofree char *display = NULL;
  const char *target = NULL;
  gboolean replace = FALSE;
  gboolean created = FALSE;
  char *key;

  for (int i = 1; i < argc; i++)
    {
      if (g_str_equal (argv[i], "--replace"))
        replace = TRUE;
      else if (target == NULL && argv[i][0] != '-')
        target = argv[i];
      else
        return polku_cli_usage_error (usage, argv[i]);
    }
  if (target == NULL)
    return polku_cli_usage_error (usage, NULL);

  /* A folder (a USB stick) gets today's backup under its usual name. */
  if (g_file_test (target, G_FILE_TEST_IS_DIR))
    {
      g_autofree char *name = polku_backup_default_name ();

      path = g_build_filename (target, name, NULL);
    }
  else
    path = g_strdup (target);
  display = g_filename_display_name (path);

  /* A backup never makes a profile. */
  polku_cli_reads_only = TRUE;
  if (!polku_cli_open_store (&store))
    return EXIT_ERROR;
  profile = polku_profile_new (polku_cli_data_dir);

  key = polku_recovery_key_ensure (store, &created, &error);
  if (key == NULL)
    return fail (EXIT_ERROR, "%s", error->message);
  wipe (&key);

  if (!polku_backup_create (store, polku_profile_get_id (profile), path, replace, &error))
    {
      if (g_error_matches (error, POLKU_BACKUP_ERROR, POLKU_BACKUP_ERROR_EXISTS))
        return fail (EXIT_ERROR, _("No backup was made: “%s” is already there. Give another "
                                   "name, or --replace to replace it."), display);
      return fail (EXIT_ERROR, "%s", error->message);
    }

  printf (_("Backup written to “%s”.\n"), display);
  if (created)
    printf ("%s\n", _("This profile had no recovery key, so one was made. A backup cannot be "
                      "restored without it: show it with “polku-cli recovery-key show”, write "
                      "it down and keep it apart from this computer."));
  return EXIT_OK;
}

/* polku-cli restore FILE --recovery-key-file F [--data-dir NEW] [--passphrase-file P] */
int
polku_cli_restore (int    argc,
                   char **argv)
{
  static const char usage[] = "polku-cli restore FILE --recovery-key-file FILE "
                              "[--data-dir NEW] [--passphrase-file FILE]";
  g_autoptr(PolkuStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(PolkuProfile) profile = NULL;
  g_autofree char *data_dir = NULL;
  const char *backup = NULL;
  const char *key_file = NULL;
  const char *passphrase_file = polku_cli_passphrase_file;
  const char *dir_option = polku_cli_data_dir;
  char *recovery_key = NULL;
  char *passphrase = NULL;

  for (int i = 1; i < argc; i++)
    {
      if (g_str_equal (argv[i], "--recovery-key-file") && i + 1 < argc)
        key_file = argv[++i];
      else if (g_str_equal (argv[i], "--data-dir") && i + 1 < argc)
        dir_option = argv[++i];
      else if (g_str_equal (argv[i], "--passphrase-file") && i + 1 < argc)
        passphrase_file = argv[++i];
      else if (backup == NULL && argv[i][0] != '-')
        backup = argv[i];
      else
        return polku_cli_usage_error (usage, argv[i]);
    }
  if (backup == NULL || key_file == NULL)
    return polku_cli_usage_error (usage, NULL);
  if (passphrase_file != NULL && g_str_equal (key_file, "-")
      && g_str_equal (passphrase_file, "-"))
    return fail (EXIT_USAGE, _("The recovery key and the passphrase cannot both come from "
                               "standard input. Put one of them in a file."));

  recovery_key = read_secret_line (key_file, TRUE, &error);
  if (recovery_key == NULL)
    return fail (EXIT_USAGE, "%s", error->message);
  if (passphrase_file != NULL)
    {
      passphrase = read_secret_line (passphrase_file, FALSE, &error);
      if (passphrase == NULL)
        {
          wipe (&recovery_key);
          return fail (EXIT_USAGE, "%s", error->message);
        }
    }

  profile = polku_profile_new (dir_option);
  data_dir = g_strdup (polku_profile_get_data_dir (profile));
  g_clear_object (&profile);

  store = polku_backup_restore (backup, recovery_key, data_dir, passphrase, polku_cli_actor,
                                KEYRING_TIMEOUT_SECONDS, NULL, &error);
  wipe (&recovery_key);
  wipe (&passphrase);
  if (store == NULL)
    {
      if (g_error_matches (error, POLKU_RECOVERY_ERROR, POLKU_RECOVERY_ERROR_INVALID)
          || g_error_matches (error, POLKU_PROFILE_ERROR, POLKU_PROFILE_ERROR_FAILED))
        return fail (EXIT_USAGE, "%s", error->message);
      if (g_error_matches (error, POLKU_PROFILE_ERROR, POLKU_PROFILE_ERROR_NEEDS_PASSPHRASE))
        return fail (EXIT_ERROR, "%s %s", error->message,
                     _("Give it with --passphrase-file FILE."));
      return fail (EXIT_ERROR, "%s", error->message);
    }
  polku_store_close (store);

  {
    g_autofree char *display = g_filename_display_name (data_dir);

    if (passphrase_file != NULL)
      printf (_("Restored the profile into “%s”. Its passphrase is the one you gave.\n"),
              display);
    else
      printf (_("Restored the profile into “%s”. Its new key is in your keyring.\n"), display);
  }
  return EXIT_OK;
}
