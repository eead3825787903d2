/* polku-cli-common.c: what the commands of polku-cli share
 *
 * Copyright 2026 The Polku authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "polku-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <gio/gunixinputstream.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "polku-cli-private.h"
#include "polku-json.h"
#include "polku-profile.h"

#define KEYRING_TIMEOUT_SECONDS 10

char *polku_cli_data_dir;
char *polku_cli_passphrase_file;
char *polku_cli_actor;
gboolean polku_cli_reads_only;

#undef fail
#undef print_json

/* One line on stderr: what went wrong and, where possible, what to do. */
int
polku_cli_fail (int         code,
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

/* A passphrase is one line; a file of more than this is not a passphrase file. */
#define MAX_PASSPHRASE_FILE 4096

static char *
read_passphrase (GError **error)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *contents = NULL;
  const char *text;
  gsize length = 0;
  char *newline;

  if (g_strcmp0 (polku_cli_passphrase_file, "-") == 0)
    {
      g_autoptr(GInputStream) in = g_unix_input_stream_new (0, FALSE);

      bytes = polku_read_bounded (in, MAX_PASSPHRASE_FILE, &local_error);
    }
  else
    bytes = polku_read_file_bounded (polku_cli_passphrase_file, MAX_PASSPHRASE_FILE,
                                     &local_error);
  if (bytes == NULL)
    {
      /* Never the contents: only which file and why. */
      if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
        g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                     _("Cannot read the passphrase file “%s”: there is no such file."),
                     polku_cli_passphrase_file);
      else if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_MESSAGE_TOO_LARGE))
        g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                     _("“%s” is too large to be a passphrase file: it should hold one line."),
                     polku_cli_passphrase_file);
      else
        g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                     _("Cannot read the passphrase file “%s”: %s"), polku_cli_passphrase_file,
                     local_error->message);
      return NULL;
    }
  text = g_bytes_get_data (bytes, &length);
  /* An editor's byte order mark is not part of the passphrase. */
  if (length >= 3 && memcmp (text, "\xef\xbb\xbf", 3) == 0)
    {
      text += 3;
      length -= 3;
    }
  contents = g_strndup (text != NULL ? text : "", length);

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
  g_autoptr(PolkuProfile) profile = polku_profile_new (polku_cli_data_dir);
  g_autofree char *passphrase = NULL;
  PolkuStore *store;

  if (polku_cli_passphrase_file != NULL)
    {
      g_autoptr(GError) local_error = NULL;

      /* A passphrase file that cannot be used is a usage error (exit 2), like an option. */
      passphrase = read_passphrase (&local_error);
      if (passphrase == NULL)
        exit (polku_cli_fail (EXIT_USAGE, "%s", local_error->message));
    }

  /* A read never makes a profile: a mistyped --data-dir would otherwise show an empty new
   * one (and leave it behind). */
  if (polku_cli_reads_only && !polku_profile_database_exists (profile))
    exit (polku_cli_fail (EXIT_USAGE, _("There is no Polku database in “%s”: check "
                                        "--data-dir. Nothing was created."),
                          polku_profile_get_data_dir (profile)));

  store = polku_profile_open_sync (profile, passphrase, KEYRING_TIMEOUT_SECONDS, NULL, error);
  if (passphrase != NULL)
    explicit_bzero (passphrase, strlen (passphrase));
  if (store != NULL && polku_cli_actor != NULL)
    polku_store_set_actor (store, polku_cli_actor);

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

gboolean
polku_cli_open_store (PolkuStore **out_store)
{
  g_autoptr(GError) error = NULL;

  *out_store = open_store (&error);
  if (*out_store != NULL)
    return TRUE;
  polku_cli_fail (EXIT_ERROR, "%s", error->message);
  return FALSE;
}

void
polku_cli_print_json (JsonNode *root)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autofree char *text = NULL;

  json_generator_set_root (generator, root);
  json_generator_set_pretty (generator, TRUE);
  text = json_generator_to_data (generator, NULL);
  printf ("%s\n", text);
}

/* Standard input can carry the passphrase or the JSON, not both: the passphrase would be
 * read as JSON (and quoted by the parse error) or the JSON taken for the passphrase. */
gboolean
polku_cli_stdin_is_taken (const char **out_message)
{
  if (g_strcmp0 (polku_cli_passphrase_file, "-") != 0)
    return FALSE;
  *out_message = _("The passphrase and the JSON input cannot both come from standard input. "
                   "Put one of them in a file: --passphrase-file FILE or --json FILE.");
  return TRUE;
}

/* json-glib quotes the text it could not parse: that may be client data, or a passphrase
 * given as the input by mistake. Keep the position and the kind of error only. */
static char *
parse_error_without_input (const char *message)
{
  static const char * const quotes[] = { "`", "'", "\"", "“", "”", "‘", "’", "«", "»", "„" };
  const char *end = message + strlen (message);

  for (guint i = 0; i < G_N_ELEMENTS (quotes); i++)
    {
      const char *quote = strstr (message, quotes[i]);

      if (quote != NULL && quote < end)
        end = quote;
    }
  return g_strchomp (g_strndup (message, end - message));
}

JsonNode *
polku_cli_read_json (const char  *file,
                     GError     **error)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) local_error = NULL;
  const char *message;
  JsonNode *root;

  if ((file == NULL || g_str_equal (file, "-")) && polku_cli_stdin_is_taken (&message))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, message);
      return NULL;
    }

  if (file == NULL || g_str_equal (file, "-"))
    {
      g_autoptr(GInputStream) in = g_unix_input_stream_new (0, FALSE);

      bytes = polku_read_bounded (in, POLKU_JSON_MAX_BYTES, &local_error);
    }
  else
    bytes = polku_read_file_bounded (file, POLKU_JSON_MAX_BYTES, &local_error);

  if (bytes == NULL)
    {
      if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
        g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                     _("Cannot read “%s”: there is no such file."), file);
      else
        g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                             local_error->message);
      return NULL;
    }

  root = polku_json_parse_bounded (bytes, &local_error);
  if (root == NULL)
    {
      if (local_error->domain == JSON_PARSER_ERROR)
        {
          g_autofree char *what = parse_error_without_input (local_error->message);

          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                       _("The input is not valid JSON: %s"), what);
        }
      else
        g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                             local_error->message);
      return NULL;
    }
  return root;
}

gboolean
polku_cli_parse_uint (const char *text,
                      guint64     max,
                      guint64    *out)
{
  return g_ascii_string_to_unsigned (text, 10, 0, max, out, NULL);
}

void
polku_cli_add_member_or_null (JsonBuilder *builder,
                              const char  *name,
                              const char  *value)
{
  json_builder_set_member_name (builder, name);
  if (value != NULL)
    json_builder_add_string_value (builder, value);
  else
    json_builder_add_null_value (builder);
}

int
polku_cli_dispatch (int                       argc,
                    char                    **argv,
                    const PolkuCliSubcommand *subcommands,
                    guint                     n_subcommands)
{
  g_autoptr(GString) names = g_string_new (NULL);

  /* Commands that only read: they never create a profile (open_store ()). */
  static const char * const reads[] = {
    "list", "show", "verify", "export", "check", "history", "versions", "queue",
    "record-entry", "satisfaction", NULL,
  };

  if (argc >= 2)
    for (guint i = 0; i < n_subcommands; i++)
      if (g_str_equal (argv[1], subcommands[i].name))
        {
          polku_cli_reads_only = g_strv_contains (reads, argv[1]);
          return subcommands[i].run (argc - 1, argv + 1);
        }

  for (guint i = 0; i < n_subcommands; i++)
    g_string_append_printf (names, "%s%s", i > 0 ? ", " : "", subcommands[i].name);
  if (argc < 2)
    return polku_cli_fail (EXIT_USAGE, _("Say what to do with “%s”: %s."), argv[0], names->str);
  return polku_cli_fail (EXIT_USAGE, _("Unknown command “%s %s”: use %s."), argv[0], argv[1],
                         names->str);
}

gboolean
polku_cli_parse_args (int                    argc,
                      char                 **argv,
                      const PolkuCliOption  *options,
                      const char           **positional,
                      guint                  n_positional,
                      guint                  n_required,
                      const char            *usage,
                      int                   *out_status)
{
  guint n = 0;

  for (int i = 1; i < argc; i++)
    {
      const PolkuCliOption *option = NULL;

      for (guint j = 0; options != NULL && options[j].name != NULL; j++)
        if (g_str_equal (argv[i], options[j].name))
          option = &options[j];

      if (option != NULL && option->flag != NULL)
        *option->flag = TRUE;
      else if (option != NULL && i + 1 < argc)
        *option->value = argv[++i];
      else if (option == NULL && argv[i][0] != '-' && n < n_positional)
        positional[n++] = argv[i];
      else
        {
          *out_status = polku_cli_fail (EXIT_USAGE,
                                        _("Wrong argument “%s”. Usage: polku-cli %s"),
                                        argv[i], usage);
          return FALSE;
        }
    }
  if (n < n_required)
    {
      *out_status = polku_cli_fail (EXIT_USAGE, _("Usage: polku-cli %s"), usage);
      return FALSE;
    }
  return TRUE;
}

gboolean
polku_cli_check_id (const char *id,
                    const char *usage,
                    int        *out_status)
{
  if (g_uuid_string_is_valid (id))
    return TRUE;
  *out_status = polku_cli_fail (EXIT_USAGE, _("“%s” is not an id (a UUID). Usage: polku-cli %s"),
                                id, usage);
  return FALSE;
}

gboolean
polku_cli_parse_id_args (int                    argc,
                         char                 **argv,
                         const PolkuCliOption  *options,
                         const char            *usage,
                         const char           **out_id,
                         int                   *out_status)
{
  return polku_cli_parse_args (argc, argv, options, out_id, 1, 1, usage, out_status)
         && polku_cli_check_id (*out_id, usage, out_status);
}

gboolean
polku_cli_parse_list_args (int               argc,
                           char            **argv,
                           const char       *usage,
                           gboolean          with_all,
                           PolkuCliListArgs *args,
                           int              *out_status)
{
  PolkuCliOption options[] = {
    { "--json", NULL, &args->json }, { "--all", NULL, &args->all }, { NULL }
  };

  if (!with_all)
    options[1].name = NULL;  /* the table ends after --json */
  args->client_id = NULL;
  args->all = FALSE;
  args->json = FALSE;
  return polku_cli_parse_id_args (argc, argv, options, usage, &args->client_id, out_status);
}

int
polku_cli_usage_error (const char *usage,
                       const char *arg)
{
  if (arg != NULL)
    return polku_cli_fail (EXIT_USAGE, _("Unknown argument “%s”. Usage: %s"), arg, usage);
  return polku_cli_fail (EXIT_USAGE, _("Usage: %s"), usage);
}

int
polku_cli_read_id_and_json (int          argc,
                            char       **argv,
                            const char  *usage,
                            const char **out_id,
                            JsonNode   **out_input)
{
  g_autoptr(GError) error = NULL;
  const char *file = NULL;

  *out_id = NULL;
  for (int i = 1; i < argc; i++)
    {
      if (g_str_equal (argv[i], "--json") && i + 1 < argc)
        file = argv[++i];
      else if (*out_id == NULL && g_uuid_string_is_valid (argv[i]))
        *out_id = argv[i];
      else
        return polku_cli_usage_error (usage, argv[i]);
    }
  if (*out_id == NULL || file == NULL)
    return polku_cli_usage_error (usage, NULL);

  *out_input = polku_cli_read_json (file, &error);
  if (*out_input == NULL)
    return polku_cli_fail (EXIT_USAGE, "%s", error->message);
  return EXIT_OK;
}

void
polku_cli_print_builder (JsonBuilder *builder)
{
  g_autoptr(JsonNode) root = json_builder_get_root (builder);

  polku_cli_print_json (root);
}

void
polku_cli_add_list (JsonBuilder       *builder,
                    GPtrArray         *items,
                    PolkuCliBuildFunc  build)
{
  json_builder_begin_array (builder);
  for (guint i = 0; items != NULL && i < items->len; i++)
    build (builder, g_ptr_array_index (items, i));
  json_builder_end_array (builder);
}

void
polku_cli_print_list (GPtrArray         *items,
                      PolkuCliBuildFunc  build)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  polku_cli_add_list (builder, items, build);
  polku_cli_print_builder (builder);
}

void
polku_cli_print_one (gpointer           item,
                     PolkuCliBuildFunc  build)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  build (builder, item);
  polku_cli_print_builder (builder);
}

/**
 * polku_cli_escape_field:
 *
 * A field of a tab-separated text line, with control characters (line breaks, tabs,
 * terminal escapes) written as \n, \t, \r or \xNN: data written before they were refused,
 * or by another program, cannot forge lines or columns.
 *
 * Returns: (transfer full): the escaped text ("" for %NULL)
 */
char *
polku_cli_escape_field (const char *text)
{
  GString *out = g_string_new (NULL);

  for (const char *p = text; p != NULL && *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c == '\n')
        g_string_append (out, "\\n");
      else if (c == '\t')
        g_string_append (out, "\\t");
      else if (c == '\r')
        g_string_append (out, "\\r");
      else if (c == '\\')
        g_string_append (out, "\\\\");
      else if (g_unichar_iscntrl (c))
        g_string_append_printf (out, "\\x%02x", c);
      else
        g_string_append_len (out, p, g_utf8_next_char (p) - p);
    }
  return g_string_free (out, FALSE);
}

void
polku_cli_print_lines (GPtrArray        *items,
                       PolkuCliLineFunc  line,
                       gpointer          data)
{
  for (guint i = 0; i < items->len; i++)
    line (g_ptr_array_index (items, i), data);
}

gboolean
polku_cli_is_string_or_null (JsonNode *node)
{
  return JSON_NODE_HOLDS_NULL (node)
         || (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING);
}

gboolean
polku_cli_is_boolean (JsonNode *node)
{
  return JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_BOOLEAN;
}

gboolean
polku_cli_check_string (const char  *name,
                        JsonNode    *value,
                        GError     **error)
{
  if (polku_cli_is_string_or_null (value))
    return TRUE;
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, _("“%s” must be a string or null."),
               name);
  return FALSE;
}

gboolean
polku_cli_read_members (const PolkuCliMembers  *members,
                        GObject                *object,
                        JsonNode               *node,
                        GError                **error)
{
  g_autoptr(GList) names = NULL;
  JsonObject *json;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                           _(members->not_an_object));
      return FALSE;
    }
  json = json_node_get_object (node);
  names = json_object_get_members (json);
  for (GList *l = names; l != NULL; l = l->next)
    {
      const char *name = l->data;
      JsonNode *value = json_object_get_member (json, name);
      const PolkuCliStringMember *string = members->strings;

      while (string->member != NULL && !g_str_equal (name, string->member))
        string++;
      if (string->member == NULL)
        {
          if (!members->read (object, name, value, error))
            return FALSE;
        }
      else if (!polku_cli_check_string (name, value, error))
        return FALSE;
      else
        g_object_set (object, string->property, json_node_get_string (value), NULL);
    }
  return TRUE;
}

gboolean
polku_cli_check_boolean (const char  *name,
                         JsonNode    *value,
                         GError     **error)
{
  if (polku_cli_is_boolean (value))
    return TRUE;
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, _("“%s” must be true or false."),
               name);
  return FALSE;
}
