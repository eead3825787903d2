/* polku-case-data.c: reading the case module's county data files
 *
 * Copyright 2026 The Polku authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "polku-case-data"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "polku-case-data-private.h"

const char * const polku_case_data_languages[POLKU_CASE_DATA_N_LANGUAGES + 1] = {
  "en", "fi", "sv", NULL
};

gboolean
polku_case_data_invalid (const PolkuCaseDataErrors  *errors,
                         GError                    **error,
                         const char                 *name,
                         const char                 *field,
                         const char                 *problem)
{
  g_set_error (error, errors->domain (), errors->code,
               /* Translators: a data file's name, a field in it and what is wrong */
               _("%s: %s: %s"), name, field, problem);
  return FALSE;
}

gboolean
polku_case_data_is_id (const char *text)
{
  if (text == NULL || text[0] == '\0' || strlen (text) > 64)
    return FALSE;
  for (const char *p = text; *p != '\0'; p++)
    if (!g_ascii_islower (*p) && !g_ascii_isdigit (*p) && *p != '_')
      return FALSE;
  return TRUE;
}

const char *
polku_case_data_member_string (JsonObject *object,
                               const char *member)
{
  JsonNode *node = json_object_get_member (object, member);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node)
      || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

gboolean
polku_case_data_check_members (const PolkuCaseDataErrors  *errors,
                               JsonObject                 *object,
                               const char * const         *allowed,
                               const char                 *name,
                               const char                 *field,
                               GError                    **error)
{
  g_autoptr(GList) members = json_object_get_members (object);

  for (GList *l = members; l != NULL; l = l->next)
    if (!g_strv_contains (allowed, l->data))
      {
        g_autofree char *path = g_strdup_printf ("%s%s%s", field, field[0] ? "." : "",
                                                 (const char *) l->data);
        return polku_case_data_invalid (errors, error, name, path, _("unknown field"));
      }
  return TRUE;
}

gboolean
polku_case_data_read_labels (const PolkuCaseDataErrors  *errors,
                             JsonObject                 *parent,
                             const char                 *member,
                             char                      **out,
                             const char                 *name,
                             const char                 *field,
                             GError                    **error)
{
  g_autofree char *path = g_strdup_printf ("%s%s%s", field, field[0] ? "." : "", member);
  JsonNode *node = json_object_get_member (parent, member);
  JsonObject *object;

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    return polku_case_data_invalid (errors, error, name, path,
                                    _("an object with the labels in English, Finnish and "
                                      "Swedish is needed"));
  object = json_node_get_object (node);
  if (!polku_case_data_check_members (errors, object, polku_case_data_languages, name, path,
                                      error))
    return FALSE;

  for (guint i = 0; i < POLKU_CASE_DATA_N_LANGUAGES; i++)
    {
      const char *language = polku_case_data_languages[i];
      const char *text = polku_case_data_member_string (object, language);
      g_autofree char *label_path = g_strdup_printf ("%s.%s", path, language);
      g_autofree char *stripped = NULL;

      if (text == NULL)
        return polku_case_data_invalid (errors, error, name, label_path,
                                        _("a label is missing"));
      stripped = g_strstrip (g_strdup (text));
      if (stripped[0] == '\0')
        return polku_case_data_invalid (errors, error, name, label_path,
                                        _("the label is empty"));
      out[i] = g_steal_pointer (&stripped);
    }
  return TRUE;
}

char *
polku_case_data_find_file (const char *env_var,
                           const char *subdir,
                           const char *file_name)
{
  const char *env = g_getenv (env_var);
  const char * const *system_dirs = g_get_system_config_dirs ();
  g_autofree char *user = NULL;

  if (env != NULL && env[0] != '\0')
    return g_strdup (env);

  user = g_build_filename (g_get_user_config_dir (), "polku", subdir != NULL ? subdir : file_name,
                           subdir != NULL ? file_name : NULL, NULL);
  if (g_file_test (user, G_FILE_TEST_IS_REGULAR))
    return g_steal_pointer (&user);

  for (guint i = 0; system_dirs[i] != NULL; i++)
    {
      g_autofree char *path = g_build_filename (system_dirs[i], "polku",
                                                subdir != NULL ? subdir : file_name,
                                                subdir != NULL ? file_name : NULL, NULL);

      if (g_file_test (path, G_FILE_TEST_IS_REGULAR))
        return g_steal_pointer (&path);
    }
  return NULL;
}
