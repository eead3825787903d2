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
#include <string.h>

#include "polku-cli-private.h"
#include "polku-profile.h"

#define KEYRING_TIMEOUT_SECONDS 10

char *polku_cli_data_dir;
char *polku_cli_passphrase_file;
char *polku_cli_actor;

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

static char *
read_passphrase (GError **error)
{
  g_autofree char *contents = NULL;
  gsize length = 0;
  char *newline;

  if (g_strcmp0 (polku_cli_passphrase_file, "-") == 0)
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
  else if (!g_file_get_contents (polku_cli_passphrase_file, &contents, &length, error))
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
  g_autoptr(PolkuProfile) profile = polku_profile_new (polku_cli_data_dir);
  g_autofree char *passphrase = NULL;
  PolkuStore *store;

  if (polku_cli_passphrase_file != NULL)
    {
      passphrase = read_passphrase (error);
      if (passphrase == NULL)
        return NULL;
    }

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
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) local_error = NULL;
  const char *message;
  gboolean ok;

  if ((file == NULL || g_str_equal (file, "-")) && polku_cli_stdin_is_taken (&message))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, message);
      return NULL;
    }

  if (file == NULL || g_str_equal (file, "-"))
    {
      g_autoptr(GInputStream) in = g_unix_input_stream_new (0, FALSE);

      ok = json_parser_load_from_stream (parser, in, NULL, &local_error);
    }
  else
    ok = json_parser_load_from_file (parser, file, &local_error);

  if (!ok)
    {
      if (g_error_matches (local_error, G_FILE_ERROR, G_FILE_ERROR_NOENT))
        g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                     _("Cannot read “%s”: there is no such file."), file);
      else
        {
          g_autofree char *what = parse_error_without_input (local_error->message);

          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                       _("The input is not valid JSON: %s"), what);
        }
      return NULL;
    }
  if (json_parser_get_root (parser) == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   _("The input is empty: JSON was expected."));
      return NULL;
    }

  return json_node_copy (json_parser_get_root (parser));
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

  if (argc >= 2)
    for (guint i = 0; i < n_subcommands; i++)
      if (g_str_equal (argv[1], subcommands[i].name))
        return subcommands[i].run (argc - 1, argv + 1);

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
