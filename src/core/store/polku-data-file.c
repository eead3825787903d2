/* polku-data-file.c: reading the data files a wellbeing county may replace
 *
 * Copyright 2026 The Polku authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "polku-data-file"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "polku-core-resources.h"
#include "polku-data-file.h"
#include "polku-json.h"

const char * const polku_data_file_languages[POLKU_DATA_FILE_N_LANGUAGES + 1] = {
  "en", "fi", "sv", NULL
};

gboolean
polku_data_file_invalid (const PolkuDataFileReader  *reader,
                         const char                 *field,
                         const char                 *problem,
                         GError                    **error)
{
  if (field != NULL && field[0] != '\0')
    g_set_error (error, reader->domain, reader->code,
                 /* Translators: a data file's name, a field in it and what is wrong, e.g.
                  * "contact-types.json: types[2].labels.sv: a non-empty string is needed." */
                 _("%s: %s: %s"), reader->name, field, problem);
  else
    g_set_error (error, reader->domain, reader->code,
                 /* Translators: a data file's name and what is wrong with it */
                 _("%s: %s"), reader->name, problem);
  return FALSE;
}

char *
polku_data_file_path (const char *field,
                      const char *member)
{
  return g_strdup_printf ("%s%s%s", field, field[0] != '\0' ? "." : "", member);
}

/* json-glib checks that a file is UTF-8, but not what a "\u" escape in it stands for: a lone
 * surrogate ("\udc00") comes out as bytes that are not UTF-8, so every text kept from a
 * county's file is checked again here. */
gboolean
polku_data_file_check_utf8 (const PolkuDataFileReader  *reader,
                            const char                 *field,
                            const char                 *text,
                            GError                    **error)
{
  if (text == NULL || g_utf8_validate (text, -1, NULL))
    return TRUE;
  return polku_data_file_invalid (reader, field,
                                  _("the text is not valid UTF-8 (a broken character, or an "
                                    "escape such as \\udc00 that stands for no character)"),
                                  error);
}

gboolean
polku_data_file_is_id (const char *text,
                       char        separator)
{
  if (text == NULL || text[0] == '\0' || strlen (text) > 64)
    return FALSE;
  for (const char *p = text; *p != '\0'; p++)
    if (!g_ascii_islower (*p) && !g_ascii_isdigit (*p) && *p != separator)
      return FALSE;
  return TRUE;
}

JsonNode *
polku_data_file_parse (const PolkuDataFileReader  *reader,
                       GBytes                     *bytes,
                       GError                    **error)
{
  g_autoptr(GError) local_error = NULL;
  JsonNode *root;

  g_return_val_if_fail (reader != NULL, NULL);
  g_return_val_if_fail (bytes != NULL, NULL);

  root = polku_json_parse_bounded (bytes, &local_error);
  if (root == NULL)
    g_set_error (error, reader->domain, reader->code,
                 _("%s: not valid JSON: %s"), reader->name, local_error->message);
  return root;
}

JsonObject *
polku_data_file_parse_versioned (const PolkuDataFileReader  *reader,
                                 GBytes                     *bytes,
                                 const char                 *format,
                                 GError                    **error)
{
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GError) local_error = NULL;
  JsonNode *member;

  g_return_val_if_fail (reader != NULL, NULL);
  g_return_val_if_fail (bytes != NULL, NULL);
  g_return_val_if_fail (format != NULL, NULL);

  root = polku_json_parse_bounded (bytes, &local_error);
  if (root == NULL && g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA)
      && g_bytes_get_size (bytes) == 0)
    g_clear_error (&local_error);    /* empty: "must hold one JSON object" below */
  if (local_error != NULL)
    {
      g_autofree char *problem = g_strdup_printf (_("not valid JSON (%s)."),
                                                  local_error->message);

      polku_data_file_invalid (reader, NULL, problem, error);
      return NULL;
    }
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      polku_data_file_invalid (reader, NULL, _("the file must hold one JSON object."), error);
      return NULL;
    }

  member = json_object_get_member (json_node_get_object (root), "format");
  if (member == NULL || !JSON_NODE_HOLDS_VALUE (member)
      || json_node_get_value_type (member) != G_TYPE_STRING
      || g_strcmp0 (json_node_get_string (member), format) != 0)
    {
      g_autofree char *problem = g_strdup_printf (_("must be \"%s\"."), format);

      polku_data_file_invalid (reader, "format", problem, error);
      return NULL;
    }
  member = json_object_get_member (json_node_get_object (root), "version");
  if (member == NULL || !JSON_NODE_HOLDS_VALUE (member)
      || json_node_get_value_type (member) != G_TYPE_INT64
      || json_node_get_int (member) != 1)
    {
      polku_data_file_invalid (reader, "version",
                               _("must be 1 (this version of Polku reads version 1)."), error);
      return NULL;
    }

  return json_object_ref (json_node_get_object (root));
}

gboolean
polku_data_file_check_members (const PolkuDataFileReader  *reader,
                               JsonObject                 *object,
                               const char * const         *allowed,
                               const char                 *field,
                               GError                    **error)
{
  g_autoptr(GList) members = json_object_get_members (object);

  for (GList *l = members; l != NULL; l = l->next)
    if (!g_strv_contains (allowed, l->data))
      {
        g_autofree char *path = polku_data_file_path (field, l->data);

        return polku_data_file_invalid (reader, path,
                                        reader->style == POLKU_DATA_FILE_TERSE
                                        ? _("unknown field")
                                        : _("unknown field (check its spelling)."),
                                        error);
      }
  return TRUE;
}

const char *
polku_data_file_read_id (const PolkuDataFileReader  *reader,
                         JsonObject                 *object,
                         const char                 *field,
                         GError                    **error)
{
  const char *id = polku_json_get_string (object, "id");
  g_autofree char *path = NULL;

  if (reader->style == POLKU_DATA_FILE_TERSE && polku_data_file_is_id (id, '_'))
    return id;
  if (reader->style == POLKU_DATA_FILE_SENTENCES && polku_data_file_is_id (id, '-'))
    return id;

  path = polku_data_file_path (field, "id");
  polku_data_file_invalid (reader, path,
                           reader->style == POLKU_DATA_FILE_TERSE
                           ? _("an id of lower-case letters a–z, digits and “_” is needed")
                           : _("an id of lower-case letters a–z, digits and hyphens is "
                               "needed."),
                           error);
  return NULL;
}

static gboolean
is_blank (const char *text)
{
  for (const char *p = text; *p != '\0'; p++)
    if (!g_ascii_isspace (*p))
      return FALSE;
  return TRUE;
}

gboolean
polku_data_file_is_text (const char *text)
{
  return text != NULL && !is_blank (text) && g_utf8_validate (text, -1, NULL);
}

gboolean
polku_data_file_read_labels (const PolkuDataFileReader  *reader,
                             JsonObject                 *parent,
                             const char                 *member,
                             const char                 *field,
                             char                      **out,
                             GError                    **error)
{
  g_autofree char *path = polku_data_file_path (field, member);
  JsonNode *node = json_object_get_member (parent, member);
  gboolean terse = reader->style == POLKU_DATA_FILE_TERSE;
  JsonObject *object;

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    return polku_data_file_invalid (reader, path,
                                    terse
                                    ? _("an object with the labels in English, Finnish and "
                                        "Swedish is needed")
                                    : _("an object with a text for each language (\"en\", "
                                        "\"fi\", \"sv\") is needed."),
                                    error);
  object = json_node_get_object (node);
  if (!polku_data_file_check_members (reader, object, polku_data_file_languages, path, error))
    return FALSE;

  for (guint i = 0; i < POLKU_DATA_FILE_N_LANGUAGES; i++)
    {
      const char *language = polku_data_file_languages[i];
      const char *text = polku_json_get_string (object, language);
      g_autofree char *label_path = g_strdup_printf ("%s.%s", path, language);

      if (!polku_data_file_check_utf8 (reader, label_path, text, error))
        return FALSE;
      /* A label of white space only is empty: the TERSE files say which of the two it is. */
      if (terse ? text == NULL || is_blank (text) : !polku_data_file_is_text (text))
        return polku_data_file_invalid (reader, label_path,
                                        !terse ? _("a non-empty string is needed.")
                                        : text == NULL ? _("a label is missing")
                                        : _("the label is empty"),
                                        error);
      out[i] = terse ? g_strstrip (g_strdup (text)) : g_strdup (text);
    }
  return TRUE;
}

char *
polku_data_file_find (const PolkuDataFileKind *kind)
{
  const char * const *system_dirs = g_get_system_config_dirs ();
  const char *env;
  g_autofree char *user = NULL;

  g_return_val_if_fail (kind != NULL, NULL);

  if (kind->env_var == NULL)
    return NULL;
  env = g_getenv (kind->env_var);
  if (env != NULL && env[0] != '\0')
    return g_strdup (env);

  user = g_build_filename (g_get_user_config_dir (), "polku",
                           kind->subdir != NULL ? kind->subdir : kind->file_name,
                           kind->subdir != NULL ? kind->file_name : NULL, NULL);
  if (g_file_test (user, G_FILE_TEST_IS_REGULAR))
    return g_steal_pointer (&user);

  for (guint i = 0; system_dirs[i] != NULL; i++)
    {
      g_autofree char *path = g_build_filename (system_dirs[i], "polku",
                                                kind->subdir != NULL ? kind->subdir
                                                                     : kind->file_name,
                                                kind->subdir != NULL ? kind->file_name : NULL,
                                                NULL);

      if (g_file_test (path, G_FILE_TEST_IS_REGULAR))
        return g_steal_pointer (&path);
    }
  return NULL;
}

gpointer
polku_data_file_new_from_file (const PolkuDataFileKind  *kind,
                               const char               *path,
                               GError                  **error)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *name = NULL;

  g_return_val_if_fail (kind != NULL, NULL);
  g_return_val_if_fail (path != NULL, NULL);

  bytes = polku_read_file_bounded (path, POLKU_JSON_MAX_BYTES, error);
  if (bytes == NULL)
    return NULL;
  name = g_filename_display_name (path);
  return kind->parse (bytes, name, error);
}

gpointer
polku_data_file_get_default (PolkuDataFileKind  *kind,
                             GError            **error)
{
  gpointer in_use = NULL;

  g_return_val_if_fail (kind != NULL, NULL);

  g_mutex_lock (&kind->lock);
  if (kind->in_use == NULL)
    {
      g_autofree char *path = polku_data_file_find (kind);

      if (path != NULL)
        kind->in_use = polku_data_file_new_from_file (kind, path, error);
      else
        {
          g_autoptr(GBytes) bytes =
            g_resource_lookup_data (polku_core_get_resource (), kind->resource_path,
                                    G_RESOURCE_LOOKUP_FLAGS_NONE, error);

          if (bytes != NULL)
            kind->in_use = kind->parse (bytes, kind->file_name, error);
        }
      if (kind->in_use != NULL)
        g_debug ("%s loaded from %s", kind->file_name, path != NULL ? path : kind->resource_path);
    }
  if (kind->in_use != NULL)
    in_use = g_object_ref (kind->in_use);
  g_mutex_unlock (&kind->lock);

  return in_use;
}
