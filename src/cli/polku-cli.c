/* polku-cli.c: Polku without a display, for scripts, tests and benchmarks
 *
 * Copyright 2026 The Polku authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "polku-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <gio/gunixinputstream.h>
#include <json-glib/json-glib.h>
#include <locale.h>
#include <stdio.h>
#include <string.h>

#include "polku-demo.h"
#include "polku-profile.h"

/* Exit codes */
enum {
  EXIT_OK = 0,
  EXIT_ERROR = 1,  /* the command could not be carried out */
  EXIT_USAGE = 2,  /* the command line is wrong */
};

#define KEYRING_TIMEOUT_SECONDS 10

static char *opt_data_dir;
static char *opt_passphrase_file;
static gboolean opt_version;

static const GOptionEntry global_entries[] = {
  { "data-dir", 'd', 0, G_OPTION_ARG_FILENAME, &opt_data_dir,
    N_("Use the profile in DIR (default: $POLKU_DATA_DIR or ~/.local/share/polku)"),
    N_("DIR") },
  { "passphrase-file", 0, 0, G_OPTION_ARG_FILENAME, &opt_passphrase_file,
    N_("Read the database passphrase from the first line of FILE (- for standard input) "
       "instead of using the keyring"), N_("FILE") },
  { "version", 0, 0, G_OPTION_ARG_NONE, &opt_version, N_("Show the version and exit"), NULL },
  { NULL }
};

static int
fail (int         code,
      const char *format,
      ...) G_GNUC_PRINTF (2, 3);

/* One line on stderr: what went wrong and, where possible, what to do. */
static int
fail (int         code,
      const char *format,
      ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  /* Keep it on one line even when an error message had line breaks. */
  g_strdelimit (message, "\n", ' ');
  fprintf (stderr, "polku-cli: %s\n", message);
  return code;
}

static char *
read_passphrase (GError **error)
{
  g_autofree char *contents = NULL;
  gsize length = 0;
  char *newline;

  if (g_strcmp0 (opt_passphrase_file, "-") == 0)
    {
      g_autoptr(GInputStream) in = g_unix_input_stream_new (0, FALSE);
      g_autoptr(GOutputStream) out = g_memory_output_stream_new_resizable ();

      if (g_output_stream_splice (out, in, G_OUTPUT_STREAM_SPLICE_CLOSE_TARGET, NULL,
                                  error) < 0)
        return NULL;
      length = g_memory_output_stream_get_data_size (G_MEMORY_OUTPUT_STREAM (out));
      contents = g_strndup (g_memory_output_stream_get_data (G_MEMORY_OUTPUT_STREAM (out)),
                            length);
    }
  else if (!g_file_get_contents (opt_passphrase_file, &contents, &length, error))
    return NULL;

  newline = strpbrk (contents, "\r\n");
  if (newline != NULL)
    *newline = '\0';

  if (contents[0] == '\0')
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   _("The passphrase file is empty."));
      return NULL;
    }

  return g_steal_pointer (&contents);
}

static PolkuStore *
open_store (GError **error)
{
  g_autoptr(PolkuProfile) profile = polku_profile_new (opt_data_dir);
  g_autofree char *passphrase = NULL;
  PolkuStore *store;

  if (opt_passphrase_file != NULL)
    {
      passphrase = read_passphrase (error);
      if (passphrase == NULL)
        return NULL;
    }

  store = polku_profile_open_sync (profile, passphrase, KEYRING_TIMEOUT_SECONDS, NULL, error);
  if (passphrase != NULL)
    explicit_bzero (passphrase, strlen (passphrase));

  if (store == NULL && g_error_matches (*error, POLKU_PROFILE_ERROR,
                                        POLKU_PROFILE_ERROR_NEEDS_PASSPHRASE))
    {
      g_autofree char *message = g_strdup_printf ("%s %s", (*error)->message,
                                                   _("Give it with --passphrase-file FILE."));

      g_free ((*error)->message);
      (*error)->message = g_steal_pointer (&message);
    }

  return store;
}

static gboolean
parse_uint (const char *text,
            guint64     max,
            guint64    *out)
{
  return g_ascii_string_to_unsigned (text, 10, 0, max, out, NULL);
}

static int
cmd_demo (int    argc,
          char **argv)
{
  g_autoptr(PolkuStore) store = NULL;
  g_autoptr(GError) error = NULL;
  guint64 n_clients = 0;
  guint64 seed = 0;
  gboolean have_clients = FALSE;
  gboolean have_seed = FALSE;

  for (int i = 1; i < argc; i++)
    {
      if (g_str_equal (argv[i], "--clients") && i + 1 < argc)
        {
          if (!parse_uint (argv[++i], POLKU_DEMO_MAX_CLIENTS, &n_clients))
            return fail (EXIT_USAGE, _("--clients needs a whole number from 0 to %d, not “%s”."),
                         POLKU_DEMO_MAX_CLIENTS, argv[i]);
          have_clients = TRUE;
        }
      else if (g_str_equal (argv[i], "--seed") && i + 1 < argc)
        {
          if (!parse_uint (argv[++i], G_MAXUINT32, &seed))
            return fail (EXIT_USAGE, _("--seed needs a whole number, not “%s”."), argv[i]);
          have_seed = TRUE;
        }
      else
        return fail (EXIT_USAGE, _("Unknown argument “%s”. Usage: polku-cli demo --clients N "
                                   "[--seed S]"), argv[i]);
    }

  if (!have_clients)
    return fail (EXIT_USAGE, _("Say how many clients to make: polku-cli demo --clients N"));
  if (!have_seed)
    seed = g_random_int ();

  store = open_store (&error);
  if (store == NULL)
    return fail (EXIT_ERROR, "%s", error->message);

  if (!polku_demo_populate (store, n_clients, seed, &error))
    return fail (EXIT_ERROR, "%s", error->message);

  printf (g_dngettext (GETTEXT_PACKAGE, "Added %u demo client.\n", "Added %u demo clients.\n",
                       n_clients),
          (guint) n_clients);
  return EXIT_OK;
}

static void
add_member_or_null (JsonBuilder *builder,
                    const char  *name,
                    const char  *value)
{
  json_builder_set_member_name (builder, name);
  if (value != NULL)
    json_builder_add_string_value (builder, value);
  else
    json_builder_add_null_value (builder);
}

static void
build_client_json (JsonBuilder *builder,
                   PolkuClient *client)
{
  json_builder_begin_object (builder);
  add_member_or_null (builder, "id", polku_client_get_id (client));
  add_member_or_null (builder, "created", polku_client_get_created (client));
  add_member_or_null (builder, "modified", polku_client_get_modified (client));
  add_member_or_null (builder, "given_name", polku_client_get_given_name (client));
  add_member_or_null (builder, "family_name", polku_client_get_family_name (client));
  add_member_or_null (builder, "hetu", polku_client_get_hetu (client));
  add_member_or_null (builder, "birth_date", polku_client_get_birth_date (client));
  add_member_or_null (builder, "language",
                      polku_language_to_code (polku_client_get_language (client)));
  add_member_or_null (builder, "phone", polku_client_get_phone (client));
  add_member_or_null (builder, "email", polku_client_get_email (client));
  add_member_or_null (builder, "address", polku_client_get_address (client));
  add_member_or_null (builder, "municipality", polku_client_get_municipality (client));
  json_builder_set_member_name (builder, "archived");
  json_builder_add_boolean_value (builder, polku_client_get_archived (client));
  json_builder_end_object (builder);
}

static void
print_json (JsonNode *root)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autofree char *text = NULL;

  json_generator_set_root (generator, root);
  json_generator_set_pretty (generator, TRUE);
  text = json_generator_to_data (generator, NULL);
  printf ("%s\n", text);
}

static int
cmd_clients_list (int    argc,
                  char **argv)
{
  g_autoptr(PolkuStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) clients = NULL;
  gboolean json = FALSE;
  gboolean archived = FALSE;

  for (int i = 1; i < argc; i++)
    {
      if (g_str_equal (argv[i], "--json"))
        json = TRUE;
      else if (g_str_equal (argv[i], "--archived"))
        archived = TRUE;
      else
        return fail (EXIT_USAGE, _("Unknown argument “%s”. Usage: polku-cli clients list "
                                   "[--json] [--archived]"), argv[i]);
    }

  store = open_store (&error);
  if (store == NULL)
    return fail (EXIT_ERROR, "%s", error->message);

  clients = polku_store_list_clients (store, archived, &error);
  if (clients == NULL)
    return fail (EXIT_ERROR, "%s", error->message);

  if (json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();
      g_autoptr(JsonNode) root = NULL;

      json_builder_begin_array (builder);
      for (guint i = 0; i < clients->len; i++)
        build_client_json (builder, g_ptr_array_index (clients, i));
      json_builder_end_array (builder);
      root = json_builder_get_root (builder);
      print_json (root);
    }
  else
    {
      for (guint i = 0; i < clients->len; i++)
        {
          PolkuClient *client = g_ptr_array_index (clients, i);
          g_autofree char *name = polku_client_dup_display_name (client);
          const char *hetu = polku_client_get_hetu (client);
          const char *municipality = polku_client_get_municipality (client);

          printf ("%s\t%s\t%s\t%s%s\n", polku_client_get_id (client), hetu ? hetu : "",
                  name, municipality ? municipality : "",
                  polku_client_get_archived (client) ? _("\t(archived)") : "");
        }
    }

  return EXIT_OK;
}

static const char * const client_string_members[] = {
  "given_name", "family_name", "hetu", "birth_date", "phone", "email", "address",
  "municipality", NULL
};

/* Reads a JSON object describing one client; unknown members are an error so that a typo
 * does not silently drop data. */
static PolkuClient *
client_from_json (JsonNode  *node,
                  GError   **error)
{
  g_autoptr(PolkuClient) client = polku_client_new ();
  g_autoptr(GList) members = NULL;
  JsonObject *object;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   _("The client must be a JSON object."));
      return NULL;
    }

  object = json_node_get_object (node);
  members = json_object_get_members (object);
  for (GList *l = members; l != NULL; l = l->next)
    {
      const char *name = l->data;
      JsonNode *value = json_object_get_member (object, name);

      if (g_strv_contains (client_string_members, name))
        {
          if (!JSON_NODE_HOLDS_NULL (value)
              && !(JSON_NODE_HOLDS_VALUE (value)
                   && json_node_get_value_type (value) == G_TYPE_STRING))
            {
              g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                           _("“%s” must be a string or null."), name);
              return NULL;
            }
          g_object_set (client, name, json_node_get_string (value), NULL);
        }
      else if (g_str_equal (name, "language"))
        {
          PolkuLanguage language;

          if (!JSON_NODE_HOLDS_VALUE (value)
              || json_node_get_value_type (value) != G_TYPE_STRING
              || !polku_language_from_code (json_node_get_string (value), &language))
            {
              g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                           _("“language” must be \"fi\", \"sv\" or \"other\"."));
              return NULL;
            }
          polku_client_set_language (client, language);
        }
      else
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                       _("Unknown member “%s” in the client."), name);
          return NULL;
        }
    }

  return g_steal_pointer (&client);
}

static int
cmd_clients_add (int    argc,
                 char **argv)
{
  g_autoptr(PolkuStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(PolkuClient) client = NULL;
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) result = NULL;
  const char *file = NULL;

  for (int i = 1; i < argc; i++)
    {
      if (g_str_equal (argv[i], "--json") && i + 1 < argc)
        file = argv[++i];
      else
        return fail (EXIT_USAGE, _("Unknown argument “%s”. Usage: polku-cli clients add "
                                   "--json FILE"), argv[i]);
    }
  if (file == NULL)
    return fail (EXIT_USAGE, _("Usage: polku-cli clients add --json FILE (- for standard "
                               "input)"));

  if (g_str_equal (file, "-"))
    {
      g_autoptr(GInputStream) in = g_unix_input_stream_new (0, FALSE);

      if (!json_parser_load_from_stream (parser, in, NULL, &error))
        return fail (EXIT_USAGE, _("The input is not valid JSON: %s"), error->message);
    }
  else if (!json_parser_load_from_file (parser, file, &error))
    return fail (EXIT_USAGE, _("The input is not valid JSON: %s"), error->message);

  client = client_from_json (json_parser_get_root (parser), &error);
  if (client == NULL)
    return fail (EXIT_USAGE, "%s", error->message);

  /* Check before opening, so that bad input never needs the key. */
  if (!polku_client_validate (client, &error))
    return fail (EXIT_USAGE, "%s", error->message);

  store = open_store (&error);
  if (store == NULL)
    return fail (EXIT_ERROR, "%s", error->message);

  if (!polku_store_save_client (store, client, &error))
    return fail (EXIT_ERROR, "%s", error->message);

  build_client_json (builder, client);
  result = json_builder_get_root (builder);
  print_json (result);
  return EXIT_OK;
}

static int
cmd_clients_archive (int       argc,
                     char    **argv,
                     gboolean  archived)
{
  g_autoptr(PolkuStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(PolkuClient) client = NULL;

  if (argc != 2 || !g_uuid_string_is_valid (argv[1]))
    return fail (EXIT_USAGE, _("Usage: polku-cli clients %s CLIENT-ID (the id is a UUID)"),
                 argv[0]);

  store = open_store (&error);
  if (store == NULL)
    return fail (EXIT_ERROR, "%s", error->message);

  client = polku_store_get_client (store, argv[1], &error);
  if (client == NULL || !polku_store_set_client_archived (store, client, archived, &error))
    return fail (EXIT_ERROR, "%s", error->message);

  return EXIT_OK;
}

static int
cmd_clients (int    argc,
             char **argv)
{
  if (argc < 2)
    return fail (EXIT_USAGE, _("Say what to do with clients: list, add, archive or restore."));

  if (g_str_equal (argv[1], "list"))
    return cmd_clients_list (argc - 1, argv + 1);
  if (g_str_equal (argv[1], "add"))
    return cmd_clients_add (argc - 1, argv + 1);
  if (g_str_equal (argv[1], "archive"))
    return cmd_clients_archive (argc - 1, argv + 1, TRUE);
  if (g_str_equal (argv[1], "restore"))
    return cmd_clients_archive (argc - 1, argv + 1, FALSE);

  return fail (EXIT_USAGE, _("Unknown clients command “%s”: use list, add, archive or "
                             "restore."), argv[1]);
}

static const char *
commands_description (void)
{
  return _("Commands:\n"
           "  demo --clients N [--seed S]       Add N synthetic demo clients\n"
           "  clients list [--json] [--archived]\n"
           "                                    List clients\n"
           "  clients add --json FILE           Add a client from a JSON object (- for stdin)\n"
           "  clients archive CLIENT-ID         Archive a client\n"
           "  clients restore CLIENT-ID         Restore an archived client\n"
           "\n"
           "The database key comes from the keyring (Secret Service). Where there is none,\n"
           "give a passphrase with --passphrase-file; it is never read from the command line.\n"
           "Exit status: 0 done, 1 the command failed, 2 the command line or input is wrong.");
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) args = NULL;
  const char *localedir;
  int n_args;

  setlocale (LC_ALL, "");
  localedir = g_getenv ("POLKU_LOCALEDIR");
  bindtextdomain (GETTEXT_PACKAGE, localedir != NULL ? localedir : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  context = g_option_context_new (_("COMMAND [ARGUMENTS…]"));
  g_option_context_set_summary (context, _("Polku from the command line: the same encrypted "
                                           "database as the app, for scripts."));
  g_option_context_set_description (context, commands_description ());
  g_option_context_add_main_entries (context, global_entries, GETTEXT_PACKAGE);
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  /* Options after the command belong to the command. */
  g_option_context_set_strict_posix (context, TRUE);

  args = g_strdupv (argv);
  n_args = argc;
  if (!g_option_context_parse_strv (context, &args, &error))
    return fail (EXIT_USAGE, _("%s. Try polku-cli --help."), error->message);
  n_args = g_strv_length (args);

  if (opt_version)
    {
      printf ("polku-cli %s\n", PACKAGE_VERSION);
      return EXIT_OK;
    }

  if (n_args < 2)
    return fail (EXIT_USAGE, _("No command given. Try polku-cli --help."));

  if (g_str_equal (args[1], "demo"))
    return cmd_demo (n_args - 1, args + 1);
  if (g_str_equal (args[1], "clients"))
    return cmd_clients (n_args - 1, args + 1);

  return fail (EXIT_USAGE, _("Unknown command “%s”. Try polku-cli --help."), args[1]);
}
