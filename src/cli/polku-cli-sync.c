/* polku-cli-sync.c: polku-cli sync, conflicts list|resolve
 *
 *   sync [--server URL] [--account NAME] [--organisation ORG-ID] [--password-file FILE]
 *        The settings come from the profile (profile.ini [sync]); the options replace them
 *        for this run only. The password comes from the keyring, or from FILE (its first
 *        line), never from the command line. Prints the summary as JSON; the exit status is
 *        1 when the sync stopped or reported errors (what was done is kept either way).
 *   conflicts list [--json]
 *        One conflict a line: ID, client, database, what it is about (the title: in the
 *        words of the client's plan, as the conflicts window says it), this side's value, the
 *        other side's, who changed it there. --json: every member of the conflict object,
 *        "label" (the path in words, without the plan) and "title" (that WHAT) among them.
 *   conflicts resolve ID --take local|remote|FILE   (FILE: the value as JSON, - for stdin)
 *
 * Copyright 2026 The Polku authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "polku-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <gio/gunixinputstream.h>
#include <stdio.h>
#include <string.h>

#include "polku-audit.h"
#include "polku-json.h"
#include "polku-profile.h"
#include "polku-sync.h"
#include "polku-sync-label.h"

#include "polku-cli-private.h"

#define SYNC_USAGE \
  "sync [--server URL] [--account NAME] [--organisation ORG-ID] [--password-file FILE]"
#define MAX_PASSWORD_FILE 4096

/* The first line of @path (- for standard input), without a byte order mark. */
static char *
read_password_file (const char  *path,
                    GError     **error)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) local_error = NULL;
  const char *text;
  gsize length = 0;
  char *password;
  char *newline;

  if (g_str_equal (path, "-"))
    {
      g_autoptr(GInputStream) in = g_unix_input_stream_new (0, FALSE);

      bytes = polku_read_bounded (in, MAX_PASSWORD_FILE, &local_error);
    }
  else
    bytes = polku_read_file_bounded (path, MAX_PASSWORD_FILE, &local_error);
  if (bytes == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   _("Cannot read the password file “%s”: %s"), path, local_error->message);
      return NULL;
    }
  text = g_bytes_get_data (bytes, &length);
  if (length >= 3 && memcmp (text, "\xef\xbb\xbf", 3) == 0)
    {
      text += 3;
      length -= 3;
    }
  password = g_strndup (text != NULL ? text : "", length);
  newline = strpbrk (password, "\r\n");
  if (newline != NULL)
    *newline = '\0';
  if (password[0] == '\0')
    {
      g_free (password);
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   _("The password file “%s” is empty."), path);
      return NULL;
    }
  return password;
}

static void
wipe_free (char *secret)
{
  if (secret == NULL)
    return;
  explicit_bzero (secret, strlen (secret));
  g_free (secret);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (char, wipe_free)

/* An option given for this run ("" unsets). */
static void
replace_setting (char       **setting,
                 const char  *value)
{
  g_free (*setting);
  *setting = value[0] != '\0' ? g_strdup (value) : NULL;
}

int
polku_cli_sync (int    argc,
                char **argv)
{
  g_autoptr(PolkuProfile) profile = NULL;
  g_autoptr(PolkuSyncSettings) settings = NULL;
  g_autoptr(PolkuStore) store = NULL;
  g_autoptr(PolkuSyncSummary) summary = NULL;
  g_autoptr(JsonNode) json = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(char) password = NULL;
  g_autofree char *actor = NULL;
  const char *server = NULL;
  const char *account = NULL;
  const char *organisation = NULL;
  const char *password_file = NULL;
  const PolkuCliOption options[] = {
    { "--server", &server, NULL },
    { "--account", &account, NULL },
    { "--organisation", &organisation, NULL },
    { "--password-file", &password_file, NULL },
    { NULL }
  };
  int status;

  if (!polku_cli_parse_args (argc, argv, options, NULL, 0, 0, SYNC_USAGE, &status))
    return status;
  if (password_file != NULL && g_str_equal (password_file, "-")
      && g_strcmp0 (polku_cli_passphrase_file, "-") == 0)
    return fail (EXIT_USAGE, _("The passphrase and the sync password cannot both come from "
                               "standard input. Put one of them in a file."));

  profile = polku_profile_new (polku_cli_data_dir);
  settings = polku_sync_settings_load (profile, &error);
  if (settings == NULL)
    return fail (EXIT_ERROR, "%s", error->message);
  if (server != NULL)
    replace_setting (&settings->server, server);
  if (account != NULL)
    replace_setting (&settings->account, account);
  if (organisation != NULL)
    replace_setting (&settings->organisation, organisation);
  if (settings->server == NULL || settings->account == NULL)
    return fail (EXIT_USAGE, _("No sync server or account is set for this profile. Give "
                               "--server URL and --account NAME. Usage: polku-cli %s"),
                 SYNC_USAGE);

  if (password_file != NULL)
    {
      password = read_password_file (password_file, &error);
      if (password == NULL)
        return fail (EXIT_USAGE, "%s", error->message);
    }

  if (!polku_cli_open_store (&store))
    return EXIT_ERROR;
  /* A new profile has its id only now. */
  if (settings->profile_id == NULL)
    {
      g_autoptr(PolkuProfile) opened = polku_profile_new (polku_cli_data_dir);

      settings->profile_id = g_strdup (polku_profile_get_id (opened));
    }
  if (password == NULL)
    {
      if (settings->profile_id == NULL)
        return fail (EXIT_ERROR, _("This profile has no id for the keyring. Give the sync "
                                   "password with --password-file FILE."));
      password = polku_sync_password_lookup (settings->profile_id, settings->server,
                                             settings->account, NULL, &error);
      if (password == NULL)
        return fail (EXIT_ERROR, "%s", error->message);
    }

  actor = polku_store_dup_actor (store);
  summary = polku_sync_run (store, settings, password, actor, NULL, NULL, NULL, &error);
  if (summary == NULL)
    return fail (EXIT_ERROR, "%s", error->message);
  json = polku_sync_summary_to_json (summary);
  print_json (json);
  return summary->errors->len > 0 ? EXIT_ERROR : EXIT_OK;
}

/* ID, client, database, title, this side's value, the other side's (JSON; "-" absent), who
 * changed it there. */
static void
print_conflict_line (gpointer item,
                     gpointer data)
{
  PolkuSyncConflict *conflict = item;
  const char *local = polku_sync_conflict_get_local_value (conflict);
  const char *remote = polku_sync_conflict_get_remote_value (conflict);
  g_autofree char *title = polku_cli_escape_field (polku_sync_conflict_get_title (conflict));
  g_autofree char *local_text = polku_cli_escape_field (local != NULL ? local : "-");
  g_autofree char *remote_text = polku_cli_escape_field (remote != NULL ? remote : "-");
  g_autofree char *remote_by = polku_cli_escape_field (
    polku_sync_conflict_get_remote_by (conflict) != NULL
    ? polku_sync_conflict_get_remote_by (conflict) : "-");

  printf ("%s\t%s\t%s\t%s\t%s\t%s\t%s\n", polku_sync_conflict_get_id (conflict),
          polku_sync_conflict_get_client_id (conflict),
          polku_sync_conflict_get_database (conflict), title, local_text, remote_text,
          remote_by);
}

#define CONFLICTS_LIST_USAGE "conflicts list [--json]"

static int
conflicts_list (int    argc,
                char **argv)
{
  g_autoptr(PolkuStore) store = NULL;
  g_autoptr(GPtrArray) conflicts = NULL;
  g_autoptr(GHashTable) clients = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GError) error = NULL;
  gboolean json = FALSE;
  const PolkuCliOption options[] = { { "--json", NULL, &json }, { NULL } };
  int status;

  if (!polku_cli_parse_args (argc, argv, options, NULL, 0, 0, CONFLICTS_LIST_USAGE, &status))
    return status;
  if (!polku_cli_open_store (&store))
    return EXIT_ERROR;
  conflicts = polku_sync_conflict_list (store, NULL, FALSE, &error);
  if (conflicts == NULL)
    return fail (EXIT_ERROR, "%s", error->message);
  /* Both values are client data: the read is in the log, for each client shown. */
  for (guint i = 0; i < conflicts->len; i++)
    {
      const char *client_id = polku_sync_conflict_get_client_id (conflicts->pdata[i]);

      if (g_hash_table_add (clients, (gpointer) client_id)
          && !polku_cli_record_view (store, client_id, "conflicts.list", &error))
        return fail (EXIT_ERROR, "%s", error->message);
    }
  if (!polku_sync_conflict_name_all (store, conflicts, &error))
    return fail (EXIT_ERROR, "%s", error->message);
  polku_cli_print_objects (conflicts, json, print_conflict_line, NULL);
  return EXIT_OK;
}

#define CONFLICTS_RESOLVE_USAGE "conflicts resolve ID --take local|remote|FILE"

static int
conflicts_resolve (int    argc,
                   char **argv)
{
  g_autoptr(PolkuStore) store = NULL;
  g_autoptr(JsonNode) value = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *actor = NULL;
  const char *id = NULL;
  const char *take = NULL;
  const PolkuCliOption options[] = { { "--take", &take, NULL }, { NULL } };
  PolkuSyncTake how;
  int status;

  if (!polku_cli_parse_id_args (argc, argv, options, CONFLICTS_RESOLVE_USAGE, &id, &status))
    return status;
  if (take == NULL)
    return polku_cli_usage_error ("polku-cli " CONFLICTS_RESOLVE_USAGE, NULL);
  if (g_str_equal (take, "local"))
    how = POLKU_SYNC_TAKE_LOCAL;
  else if (g_str_equal (take, "remote"))
    how = POLKU_SYNC_TAKE_REMOTE;
  else
    {
      const char *message;

      if (g_str_equal (take, "-") && polku_cli_stdin_is_taken (&message))
        return fail (EXIT_USAGE, "%s", message);
      how = POLKU_SYNC_TAKE_VALUE;
      value = polku_cli_read_json (take, &error);
      if (value == NULL)
        return fail (EXIT_USAGE, "%s", error->message);
      /* JSON null: the element goes (the side that deleted it wins). */
      if (JSON_NODE_HOLDS_NULL (value))
        g_clear_pointer (&value, json_node_unref);
    }

  if (!polku_cli_open_store (&store))
    return EXIT_ERROR;
  actor = polku_store_dup_actor (store);
  if (!polku_sync_conflict_resolve (store, id, how, value, actor, &error))
    return fail (g_error_matches (error, POLKU_SYNC_ERROR, POLKU_SYNC_ERROR_INVALID)
                 ? EXIT_USAGE : EXIT_ERROR, "%s", error->message);
  printf ("%s\n", _("Decided. The decision goes to the server at the next sync."));
  return EXIT_OK;
}

int
polku_cli_conflicts (int    argc,
                     char **argv)
{
  static const PolkuCliSubcommand subcommands[] = {
    { "list", conflicts_list },
    { "resolve", conflicts_resolve },
  };

  return polku_cli_dispatch (argc, argv, subcommands, G_N_ELEMENTS (subcommands));
}
