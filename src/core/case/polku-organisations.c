/* polku-organisations.c: the county's organisations, loaded from data
 *
 * A file is checked whole before it is used, with the data files' shared reader
 * (polku-contact-type-private.h): each problem names the file and the field
 * ("organisations[3].names.sv: a non-empty string is needed.").
 *
 * Copyright 2026 The Polku authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "polku-organisations"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "polku-checklist.h"
#include "polku-contact-type-private.h"
#include "polku-core-resources.h"
#include "polku-case-data-private.h"
#include "polku-organisations.h"
#include "polku-json.h"

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
  char    **names;  /* in the order of polku_data_languages: en, fi, sv */
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

  if (language == NULL)
    language = polku_checklist_ui_language ();
  for (guint i = 0; i < POLKU_DATA_N_LANGUAGES; i++)
    if (g_str_equal (polku_data_languages[i], language))
      return self->names[i];
  return self->names[0];
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
invalid (GError     **error,
         const char  *file_name,
         const char  *path,
         const char  *problem)
{
  g_set_error (error, POLKU_ORGANISATIONS_ERROR, POLKU_ORGANISATIONS_ERROR_INVALID,
               /* TRANSLATORS: "organisations.json: organisations[2].sector: must be one of …" */
               _("%s: %s: %s"), file_name, path, problem);
  return FALSE;
}

static const char *
string_member (JsonObject *object,
               const char *member)
{
  JsonNode *node = json_object_get_member (object, member);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node)
      || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

static gboolean
load_one (PolkuOrganisations  *self,
          JsonNode            *node,
          const char          *file_name,
          guint                index,
          GError             **error)
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
    return invalid (error, file_name, path, _("each organisation must be a JSON object."));
  object = json_node_get_object (node);
  if (!polku_data_check_members (object, members, file_name, path, error))
    return FALSE;

  id = string_member (object, "id");
  if (!polku_data_is_valid_key (id))
    return invalid (error, file_name, id_path,
                    _("an id of lower-case letters a–z, digits and hyphens is needed."));
  if (g_hash_table_contains (self->by_id, id))
    {
      g_autofree char *problem = g_strdup_printf (_("the id “%s” is used twice."), id);

      return invalid (error, file_name, id_path, problem);
    }

  organisation = g_object_new (POLKU_TYPE_ORGANISATION, NULL);
  organisation->id = g_strdup (id);
  organisation->names = polku_data_read_labels (object, "names", TRUE, file_name, path, error);
  if (organisation->names == NULL)
    return FALSE;

  sector = string_member (object, "sector");
  if (sector == NULL || !g_strv_contains (sector_codes, sector))
    return invalid (error, file_name, sector_path,
                    _("must be \"health\", \"social\", \"third_sector\", \"private\" or "
                      "\"other\"."));
  organisation->sector = g_strdup (sector);

  if (json_object_has_member (object, "access_group"))
    {
      const char *group = string_member (object, "access_group");

      if (!polku_data_is_valid_key (group))
        return invalid (error, file_name, group_path,
                        _("a group name of lower-case letters a–z, digits and hyphens is "
                          "needed (or leave the field out)."));
      organisation->access_group = g_strdup (group);
    }

  /* A name names one organisation only: a consent recorded with the name as typed must
   * resolve to one organisation. */
  for (guint i = 0; i < POLKU_DATA_N_LANGUAGES; i++)
    {
      g_autofree char *key = name_key (organisation->names[i]);
      PolkuOrganisation *other = g_hash_table_lookup (self->by_name, key);

      if (other != NULL && other != organisation)
        {
          g_autofree char *where = g_strdup_printf ("%s.names.%s", path,
                                                    polku_data_languages[i]);
          g_autofree char *problem =
            g_strdup_printf (_("the name “%s” is the name of “%s” too: each name may name "
                               "one organisation only."), organisation->names[i], other->id);

          return invalid (error, file_name, where, problem);
        }
      g_hash_table_insert (self->by_name, g_steal_pointer (&key), organisation);
    }

  g_hash_table_insert (self->by_id, organisation->id, organisation);
  g_list_store_append (self->list, organisation);
  return TRUE;
}

static gboolean
load (PolkuOrganisations  *self,
      GBytes              *bytes,
      const char          *file_name,
      GError             **error)
{
  static const char * const top_members[] = { "format", "version", "comment", "organisations",
                                              NULL };
  g_autoptr(JsonObject) root = NULL;
  JsonNode *node;
  JsonArray *array;

  root = polku_data_parse (bytes, file_name, FORMAT, error);
  if (root == NULL || !polku_data_check_members (root, top_members, file_name, "", error))
    return FALSE;

  node = json_object_get_member (root, "organisations");
  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node)
      || json_array_get_length (json_node_get_array (node)) == 0)
    return invalid (error, file_name, "organisations",
                    _("a non-empty list of organisations is needed."));
  array = json_node_get_array (node);
  if (json_array_get_length (array) > MAX_ORGANISATIONS)
    {
      g_autofree char *problem = g_strdup_printf (_("at most %d organisations are allowed."),
                                                  MAX_ORGANISATIONS);
      return invalid (error, file_name, "organisations", problem);
    }

  for (guint i = 0; i < json_array_get_length (array); i++)
    if (!load_one (self, json_array_get_element (array, i), file_name, i, error))
      return FALSE;
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
  g_autoptr(PolkuOrganisations) self = NULL;
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (bytes != NULL, NULL);
  g_return_val_if_fail (name != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  self = g_object_new (POLKU_TYPE_ORGANISATIONS, NULL);
  if (!load (self, bytes, name, &local_error))
    {
      /* The shared reader's errors are the contact types'; these are ours. */
      g_set_error_literal (error, POLKU_ORGANISATIONS_ERROR, POLKU_ORGANISATIONS_ERROR_INVALID,
                           local_error->message);
      return NULL;
    }
  return g_steal_pointer (&self);
}

PolkuOrganisations *
polku_organisations_new_from_file (const char  *path,
                                   GError     **error)
{
  g_autofree char *name = NULL;
  g_autoptr(GBytes) bytes = NULL;

  g_return_val_if_fail (path != NULL, NULL);

  bytes = polku_read_file_bounded (path, POLKU_JSON_MAX_BYTES, error);
  if (bytes == NULL)
    return NULL;
  name = g_filename_display_name (path);
  return polku_organisations_new_from_bytes (bytes, name, error);
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
  return polku_case_data_find_file ("POLKU_ORGANISATIONS", NULL, FILE_NAME);
}

G_LOCK_DEFINE_STATIC (default_organisations);
static PolkuOrganisations *default_organisations;

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
  PolkuOrganisations *organisations = NULL;

  G_LOCK (default_organisations);
  if (default_organisations == NULL)
    {
      g_autofree char *path = polku_organisations_dup_default_path ();

      if (path != NULL)
        default_organisations = polku_organisations_new_from_file (path, error);
      else
        {
          g_autoptr(GBytes) bytes =
            g_resource_lookup_data (polku_core_get_resource (), RESOURCE_PATH,
                                    G_RESOURCE_LOOKUP_FLAGS_NONE, error);

          if (bytes != NULL)
            default_organisations = polku_organisations_new_from_bytes (bytes, FILE_NAME, error);
        }
      if (default_organisations != NULL)
        g_debug ("Organisations loaded from %s", path != NULL ? path : RESOURCE_PATH);
    }
  if (default_organisations != NULL)
    organisations = g_object_ref (default_organisations);
  G_UNLOCK (default_organisations);

  return organisations;
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
