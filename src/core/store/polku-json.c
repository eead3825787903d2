/* polku-json.c: JSON from outside Polku, read within bounds
 *
 * Copyright 2026 The Polku authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * json-glib parses recursively and reads a whole stream into memory: JSON nested 100,000
 * deep overflows the stack, and /dev/zero or a FIFO as input allocates until the process
 * aborts. Every input from outside (a --json file, standard input, a passphrase file, a
 * county's data file) is read through here: at most a stated number of bytes (counted while
 * reading, not taken from the file's stated size), and nesting checked before json-glib
 * sees it.
 */

#define G_LOG_DOMAIN "polku-json"

#include "config.h"

#include <glib/gi18n.h>

#include "polku-json.h"

/**
 * polku_read_bounded:
 *
 * Reads @in to its end, failing (G_IO_ERROR_MESSAGE_TOO_LARGE) as soon as it has more than
 * @max_bytes.
 */
GBytes *
polku_read_bounded (GInputStream  *in,
                    gsize          max_bytes,
                    GError       **error)
{
  g_autoptr(GByteArray) data = g_byte_array_new ();
  guint8 buffer[16384];

  for (;;)
    {
      gssize n = g_input_stream_read (in, buffer, sizeof buffer, NULL, error);

      if (n < 0)
        return NULL;
      if (n == 0)
        break;
      if (data->len + (gsize) n > max_bytes)
        {
          g_autofree char *size = g_format_size (max_bytes);

          g_set_error (error, G_IO_ERROR, G_IO_ERROR_MESSAGE_TOO_LARGE,
                       _("The input is larger than %s: no input Polku reads is that large."),
                       size);
          return NULL;
        }
      g_byte_array_append (data, buffer, n);
    }
  return g_byte_array_free_to_bytes (g_steal_pointer (&data));
}

GBytes *
polku_read_file_bounded (const char  *path,
                         gsize        max_bytes,
                         GError     **error)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFileInputStream) in = g_file_read (file, NULL, error);

  if (in == NULL)
    return NULL;
  return polku_read_bounded (G_INPUT_STREAM (in), max_bytes, error);
}

GBytes *
polku_file_load_bounded (GFile   *file,
                         gsize    max_bytes,
                         GError **error)
{
  g_autoptr(GFileInputStream) in = g_file_read (file, NULL, error);

  if (in == NULL)
    return NULL;
  return polku_read_bounded (G_INPUT_STREAM (in), max_bytes, error);
}

/* Counts brackets outside strings; the parser still checks everything else. */
gboolean
polku_json_check_depth (const char  *text,
                        gsize        length,
                        guint        max_depth,
                        GError     **error)
{
  gboolean in_string = FALSE;
  guint depth = 0;

  for (gsize i = 0; i < length; i++)
    {
      char c = text[i];

      if (in_string)
        {
          if (c == '\\')
            i++;
          else if (c == '"')
            in_string = FALSE;
        }
      else if (c == '"')
        in_string = TRUE;
      else if (c == '[' || c == '{')
        {
          if (++depth > max_depth)
            {
              g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                           _("The JSON is nested more than %u levels deep: no input Polku "
                             "reads is."), max_depth);
              return FALSE;
            }
        }
      else if ((c == ']' || c == '}') && depth > 0)
        depth--;
    }
  return TRUE;
}

/**
 * polku_json_parse_bounded:
 *
 * Parses @bytes (read with polku_read_bounded ()) after the depth check. Parse errors are
 * json-glib's (which may quote the input: callers that show them to a user strip that).
 *
 * Returns: (transfer full): the root, or %NULL with @error (also for empty input)
 */
JsonNode *
polku_json_parse_bounded (GBytes  *bytes,
                          GError **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  gsize length;
  const char *text = g_bytes_get_data (bytes, &length);

  if (!polku_json_check_depth (text, length, POLKU_JSON_MAX_DEPTH, error)
      || !json_parser_load_from_data (parser, text != NULL ? text : "", length, error))
    return NULL;
  if (json_parser_get_root (parser) == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   _("The input is empty: JSON was expected."));
      return NULL;
    }
  return json_node_copy (json_parser_get_root (parser));
}

/**
 * polku_json_get_object:
 * @object: (nullable): a JSON object
 * @name: a member's name
 *
 * Returns: (transfer none) (nullable): the member when it is an object, else %NULL
 */
JsonObject *
polku_json_get_object (JsonObject *object,
                       const char *name)
{
  JsonNode *node = object != NULL ? json_object_get_member (object, name) : NULL;

  return node != NULL && JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
}

/**
 * polku_json_get_array:
 *
 * Returns: (transfer none) (nullable): the member when it is an array, else %NULL
 */
JsonArray *
polku_json_get_array (JsonObject *object,
                      const char *name)
{
  JsonNode *node = object != NULL ? json_object_get_member (object, name) : NULL;

  return node != NULL && JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node) : NULL;
}

/**
 * polku_json_get_string:
 *
 * Returns: (transfer none) (nullable): the member when it is a string, else %NULL
 */
const char *
polku_json_get_string (JsonObject *object,
                       const char *name)
{
  JsonNode *node = object != NULL ? json_object_get_member (object, name) : NULL;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node)
      || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

/**
 * polku_json_get_text:
 *
 * A text someone wrote, where an empty string counts as no text.
 *
 * Returns: (transfer none) (nullable): the member when it is a string other than "", else %NULL
 */
const char *
polku_json_get_text (JsonObject *object,
                     const char *name)
{
  const char *text = polku_json_get_string (object, name);

  return text != NULL && text[0] != '\0' ? text : NULL;
}
