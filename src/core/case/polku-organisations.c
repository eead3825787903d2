/* polku-organisations.c: the county's organisations, loaded from data
 *
 * A file is checked whole before it is used, with the data files' shared reader
 * (polku-data-file.h, SENTENCES): each problem names the file and the field
 * ("organisations[3].names.sv: a non-empty string is needed.").
 *
 * Copyright 2026 The Polku authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "polku-organisations"

#include "config.h"

#include <glib/gi18n.h>

#include "polku-case-data-private.h"
#include "polku-data-file.h"
#include "polku-json.h"
#include "polku-organisations.h"

#define FORMAT "polku-organisations"
#define FILE_NAME "organisations.json"
#define RESOURCE_PATH "/io/github/polku/Polku/core/" FILE_NAME
#define MAX_ORGANISATIONS 2000

G_DEFINE_QUARK (polku-organisations-error-quark, polku_organisations_error)

static const char * const sector_codes[] = {
  "health", "social", "third_sector", "private", "other", NULL
};

/* One organisation */

struct _PolkuOrganisation
{
  GObject   parent_instance;

  char     *id;
  char    **names;  /* in the order of polku_data_file_languages: en, fi, sv */
  char     *sector;
  char     *access_group;
};

G_DEFINE_FINAL_TYPE (PolkuOrganisation, polku_organisation, G_TYPE_OBJECT)

static void
polku_organisation_finalize (GObject *object)
{
  PolkuOrganisation *self = (PolkuOrganisation *) object;

  g_clear_pointer (&self->id, g_free);
  g_clear_pointer (&self->names, g_strfreev);
  g_clear_pointer (&self->sector, g_free);
  g_clear_pointer (&self->access_group, g_free);

  G_OBJECT_CLASS (polku_organisation_parent_class)->finalize (object);
}

static void
polku_organisation_class_init (PolkuOrganisationClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = polku_organisation_finalize;
}

static void
polku_organisation_init (PolkuOrganisation *self)
{
}

const char *
polku_organisation_get_id (PolkuOrganisation *self)
{
  g_return_val_if_fail (POLKU_IS_ORGANISATION (self), NULL);

  return self->id;
}

/**
 * polku_organisation_get_name:
 * @language: (nullable): "fi", "sv" or "en"; %NULL for the user interface's language
 *
 * Returns: the name in @language (the English one for any other language)
 */
const char *
polku_organisation_get_name (PolkuOrganisation *self,
                             const char        *language)
{
  g_return_val_if_fail (POLKU_IS_ORGANISATION (self), NULL);

  return self->names[polku_case_data_language_index (language)];
}

/* The name in the user interface's language. */
const char *
polku_organisation_get_label (PolkuOrganisation *self)
{
  return polku_organisation_get_name (self, NULL);
}

const char *
polku_organisation_get_sector (PolkuOrganisation *self)
{
  g_return_val_if_fail (POLKU_IS_ORGANISATION (self), NULL);

  return self->sector;
}

/* Returns: (nullable): the server access group that sync will use for the organisation */
const char *
polku_organisation_get_access_group (PolkuOrganisation *self)
{
  g_return_val_if_fail (POLKU_IS_ORGANISATION (self), NULL);

  return self->access_group;
}

const char * const *
polku_organisation_sector_codes (void)
{
  return sector_codes;
}

/* A label for the user for a sector code, or %NULL. */
const char *
polku_organisation_sector_get_label (const char *sector)
{
  /* The team's words for the sectors they share (the same "sector" context). */
  if (g_strcmp0 (sector, "health") == 0)
    return C_("sector", "Health care");
  if (g_strcmp0 (sector, "social") == 0)
    return C_("sector", "Social services");
  if (g_strcmp0 (sector, "third_sector") == 0)
    return C_("sector", "Third sector");
  if (g_strcmp0 (sector, "private") == 0)
    return C_("sector", "Private");
  if (g_strcmp0 (sector, "other") == 0)
    return C_("sector", "Other");
  return NULL;
}

/* The list */

struct _PolkuOrganisations
{
  GObject     parent_instance;

  GListStore *list;
  GHashTable *by_id;    /* id → PolkuOrganisation (the list keeps them) */
  GHashTable *by_name;  /* case-folded name in any language → PolkuOrganisation */
};

G_DEFINE_FINAL_TYPE (PolkuOrganisations, polku_organisations, G_TYPE_OBJECT)

static void
polku_organisations_finalize (GObject *object)
{
  PolkuOrganisations *self = (PolkuOrganisations *) object;

  g_clear_pointer (&self->by_id, g_hash_table_unref);
  g_clear_pointer (&self->by_name, g_hash_table_unref);
  g_clear_object (&self->list);

  G_OBJECT_CLASS (polku_organisations_parent_class)->finalize (object);
}

static void
polku_organisations_class_init (PolkuOrganisationsClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = polku_organisations_finalize;
}

static void
polku_organisations_init (PolkuOrganisations *self)
{
  self->list = g_list_store_new (POLKU_TYPE_ORGANISATION);
  self->by_id = g_hash_table_new (g_str_hash, g_str_equal);
  self->by_name = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
}

/* How names are compared: the same words whatever the case and the Unicode form. */
static char *
name_key (const char *name)
{
  g_autofree char *stripped = g_strstrip (g_strdup (name));
  g_autofree char *normal = g_utf8_normalize (stripped, -1, G_NORMALIZE_ALL_COMPOSE);

  return normal != NULL ? g_utf8_casefold (normal, -1) : NULL;
}

/* Loading */

static gboolean
load_one (PolkuOrganisations         *self,
          JsonNode                   *node,
          const PolkuDataFileReader  *file,
          guint                       index,
          GError                    **error)
{
  static const char * const members[] = { "id", "names", "sector", "access_group", "comment",
                                          NULL };
  g_autofree char *path = g_strdup_printf ("organisations[%u]", index);
  g_autofree char *id_path = g_strdup_printf ("%s.id", path);
  g_autofree char *sector_path = g_strdup_printf ("%s.sector", path);
  g_autofree char *group_path = g_strdup_printf ("%s.access_group", path);
  g_autoptr(PolkuOrganisation) organisation = NULL;
  JsonObject *object;
  const char *id;
  const char *sector;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    return polku_data_file_invalid (file, path, _("each organisation must be a JSON object."),
                                    error);
  object = json_node_get_object (node);
  if (!polku_data_file_check_members (file, object, members, path, error))
    return FALSE;

  id = polku_data_file_read_id (file, object, path, error);
  if (id == NULL)
    return FALSE;
  if (g_hash_table_contains (self->by_id, id))
    {
      g_autofree char *problem = g_strdup_printf (_("the id “%s” is used twice."), id);

      return polku_data_file_invalid (file, id_path, problem, error);
    }

  organisation = g_object_new (POLKU_TYPE_ORGANISATION, NULL);
  organisation->id = g_strdup (id);
  organisation->names = g_new0 (char *, POLKU_DATA_FILE_N_LANGUAGES + 1);
  if (!polku_data_file_read_labels (file, object, "names", path, organisation->names, error))
    return FALSE;

  sector = polku_json_get_string (object, "sector");
  if (sector == NULL || !g_strv_contains (sector_codes, sector))
    return polku_data_file_invalid (file, sector_path,
                                    _("must be \"health\", \"social\", \"third_sector\", "
                                      "\"private\" or \"other\"."), error);
  organisation->sector = g_strdup (sector);

  if (json_object_has_member (object, "access_group"))
    {
      const char *group = polku_json_get_string (object, "access_group");

      if (!polku_data_file_is_id (group, '-'))
        return polku_data_file_invalid (file, group_path,
                                        _("a group name of lower-case letters a–z, digits and "
                                          "hyphens is needed (or leave the field out)."),
                                        error);
      organisation->access_group = g_strdup (group);
    }

  /* A name names one organisation only: a consent recorded with the name as typed must
   * resolve to one organisation. */
  for (guint i = 0; i < POLKU_DATA_FILE_N_LANGUAGES; i++)
    {
      g_autofree char *key = name_key (organisation->names[i]);
      PolkuOrganisation *other = g_hash_table_lookup (self->by_name, key);

      if (other != NULL && other != organisation)
        {
          g_autofree char *where = g_strdup_printf ("%s.names.%s", path,
                                                    polku_data_file_languages[i]);
          g_autofree char *problem =
            g_strdup_printf (_("the name “%s” is the name of “%s” too: each name may name "
                               "one organisation only."), organisation->names[i], other->id);

          return polku_data_file_invalid (file, where, problem, error);
        }
      g_hash_table_insert (self->by_name, g_steal_pointer (&key), organisation);
    }

  g_hash_table_insert (self->by_id, organisation->id, organisation);
  g_list_store_append (self->list, organisation);
  return TRUE;
}

/**
 * polku_organisations_new_from_bytes:
 * @name: the file's name, for error messages
 *
 * Returns: (transfer full): the organisations, or %NULL with
 *   POLKU_ORGANISATIONS_ERROR_INVALID naming @name and the field that is wrong
 */
PolkuOrganisations *
polku_organisations_new_from_bytes (GBytes      *bytes,
                                    const char  *name,
                                    GError     **error)
{
  static const char * const top_members[] = { "format", "version", "comment", "organisations",
                                              NULL };
  PolkuDataFileReader file = {
    name, POLKU_ORGANISATIONS_ERROR, POLKU_ORGANISATIONS_ERROR_INVALID,
    POLKU_DATA_FILE_SENTENCES
  };
  g_autoptr(PolkuOrganisations) self = NULL;
  g_autoptr(JsonObject) root = NULL;
  JsonNode *node;
  JsonArray *array;

  g_return_val_if_fail (bytes != NULL, NULL);
  g_return_val_if_fail (name != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  root = polku_data_file_parse_versioned (&file, bytes, FORMAT, error);
  if (root == NULL || !polku_data_file_check_members (&file, root, top_members, "", error))
    return NULL;

  node = json_object_get_member (root, "organisations");
  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node)
      || json_array_get_length (json_node_get_array (node)) == 0)
    {
      polku_data_file_invalid (&file, "organisations",
                               _("a non-empty list of organisations is needed."), error);
      return NULL;
    }
  array = json_node_get_array (node);
  if (json_array_get_length (array) > MAX_ORGANISATIONS)
    {
      g_autofree char *problem = g_strdup_printf (_("at most %d organisations are allowed."),
                                                  MAX_ORGANISATIONS);

      polku_data_file_invalid (&file, "organisations", problem, error);
      return NULL;
    }

  self = g_object_new (POLKU_TYPE_ORGANISATIONS, NULL);
  for (guint i = 0; i < json_array_get_length (array); i++)
    if (!load_one (self, json_array_get_element (array, i), &file, i, error))
      return NULL;
  return g_steal_pointer (&self);
}

/* The organisations in use: the county's file (see polku-organisations.h) or the bundled
 * one. */
static PolkuDataFileKind default_organisations = {
  "POLKU_ORGANISATIONS", NULL, FILE_NAME, RESOURCE_PATH,
  (PolkuDataFileParseFunc) polku_organisations_new_from_bytes,
};

PolkuOrganisations *
polku_organisations_new_from_file (const char  *path,
                                   GError     **error)
{
  g_return_val_if_fail (path != NULL, NULL);

  return polku_data_file_new_from_file (&default_organisations, path, error);
}

/**
 * polku_organisations_dup_default_path:
 *
 * Returns: (nullable): the county's file that replaces the built-in list, or %NULL when the
 *   built-in one is used
 */
char *
polku_organisations_dup_default_path (void)
{
  return polku_data_file_find (&default_organisations);
}

/**
 * polku_organisations_get_default:
 *
 * Loads (once) and checks the organisations in use: the county's file when there is one
 * (see polku-organisations.h), else the built-in one. A county's file that is not valid is
 * an error, never silently replaced by the built-in list.
 *
 * Returns: (transfer full): the organisations, or %NULL with an error naming file and field
 */
PolkuOrganisations *
polku_organisations_get_default (GError **error)
{
  return polku_data_file_get_default (&default_organisations, error);
}

/* Returns: (transfer none): a GListModel of PolkuOrganisation, in the file's order */
GListModel *
polku_organisations_get_list (PolkuOrganisations *self)
{
  g_return_val_if_fail (POLKU_IS_ORGANISATIONS (self), NULL);

  return G_LIST_MODEL (self->list);
}

/* Returns: (transfer none) (nullable): the organisation with @id */
PolkuOrganisation *
polku_organisations_lookup (PolkuOrganisations *self,
                            const char         *id)
{
  g_return_val_if_fail (POLKU_IS_ORGANISATIONS (self), NULL);

  return id != NULL ? g_hash_table_lookup (self->by_id, id) : NULL;
}

/**
 * polku_organisations_resolve:
 * @stored: what a consent holds: an organisation's id, or (in a consent recorded before
 *   schema 7) its name as typed, in any language
 *
 * Returns: (transfer none) (nullable): the organisation, or %NULL when @stored names none of
 *   the county's organisations
 */
PolkuOrganisation *
polku_organisations_resolve (PolkuOrganisations *self,
                             const char         *stored)
{
  PolkuOrganisation *organisation;
  g_autofree char *key = NULL;

  g_return_val_if_fail (POLKU_IS_ORGANISATIONS (self), NULL);

  if (stored == NULL)
    return NULL;
  organisation = g_hash_table_lookup (self->by_id, stored);
  if (organisation != NULL)
    return organisation;
  key = name_key (stored);
  return key != NULL ? g_hash_table_lookup (self->by_name, key) : NULL;
}

/* TRUE when @id is an organisation's id; else FALSE with POLKU_ORGANISATIONS_ERROR_UNKNOWN
 * saying how to find the valid ones. */
gboolean
polku_organisations_check_id (PolkuOrganisations  *self,
                              const char          *id,
                              GError             **error)
{
  g_return_val_if_fail (POLKU_IS_ORGANISATIONS (self), FALSE);

  if (polku_organisations_lookup (self, id) != NULL)
    return TRUE;
  g_set_error (error, POLKU_ORGANISATIONS_ERROR, POLKU_ORGANISATIONS_ERROR_UNKNOWN,
               _("“%s” is not an organisation of the county’s list: "
                 "“polku-cli organisations list” shows the ids."), id != NULL ? id : "");
  return FALSE;
}
