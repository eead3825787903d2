/* polku-contact-type.c: the types of contacts and visits, loaded from data
 *
 * The types are data (data/contact-types.json, bundled as a resource) so that a wellbeing
 * county can adapt them. A file is checked whole before it is used: each problem is reported
 * with the file's name and the path of the field ("types[3].labels.sv").
 *
 * Each type names one of the file's categories: the groups the reports count (doctor visits,
 * telephone-service calls, the coordinator's own contacts, inpatient stays, …), so that the
 * practice's own figures come out of the log as they are (polku-contact-counts.c).
 *
 * Copyright 2026 The Polku authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "polku-contact-type"

#include "config.h"

#include <glib/gi18n.h>

#include "polku-contact-type-private.h"
#include "polku-data-file.h"
#include "polku-json.h"

#define DEFAULT_RESOURCE "/io/github/polku/Polku/core/contact-types.json"
#define MAX_TYPES 200
#define MAX_CATEGORIES 100
#define CATEGORIES_KEY "polku-contact-categories"

struct _PolkuContactType
{
  GObject   parent_instance;

  char     *id;
  char    **labels;  /* in the order of polku_data_file_languages */
  gboolean  in_person;
  gboolean  emergency;
  gboolean  inpatient;
  gboolean  continuity;
  PolkuContactCategory *category;
  char    **aliases;  /* other names it is found by: labels it had before, local words */
};

struct _PolkuContactCategory
{
  GObject   parent_instance;

  char     *id;
  char    **labels;  /* in the order of polku_data_file_languages */
};

G_DEFINE_FINAL_TYPE (PolkuContactType, polku_contact_type, G_TYPE_OBJECT)
G_DEFINE_FINAL_TYPE (PolkuContactCategory, polku_contact_category, G_TYPE_OBJECT)
G_DEFINE_QUARK (polku-contact-type-error-quark, polku_contact_type_error)

enum {
  PROP_0,
  PROP_ID,
  PROP_LABEL,
  PROP_IN_PERSON,
  PROP_EMERGENCY,
  PROP_INPATIENT,
  PROP_CONTINUITY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
polku_contact_type_finalize (GObject *object)
{
  PolkuContactType *self = (PolkuContactType *) object;

  g_clear_pointer (&self->id, g_free);
  g_clear_pointer (&self->labels, g_strfreev);
  g_clear_object (&self->category);
  g_clear_pointer (&self->aliases, g_strfreev);

  G_OBJECT_CLASS (polku_contact_type_parent_class)->finalize (object);
}

static void
polku_contact_category_finalize (GObject *object)
{
  PolkuContactCategory *self = (PolkuContactCategory *) object;

  g_clear_pointer (&self->id, g_free);
  g_clear_pointer (&self->labels, g_strfreev);

  G_OBJECT_CLASS (polku_contact_category_parent_class)->finalize (object);
}

static void
polku_contact_category_class_init (PolkuContactCategoryClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = polku_contact_category_finalize;
}

static void
polku_contact_category_init (PolkuContactCategory *self)
{
}

const char *
polku_contact_category_get_id (PolkuContactCategory *self)
{
  g_return_val_if_fail (POLKU_IS_CONTACT_CATEGORY (self), NULL);
  return self->id;
}

/**
 * polku_contact_category_get_label:
 *
 * Returns: the label in the UI language (Finnish, Swedish, or else English)
 */
const char *
polku_contact_category_get_label (PolkuContactCategory *self)
{
  g_return_val_if_fail (POLKU_IS_CONTACT_CATEGORY (self), NULL);
  return self->labels[polku_data_language_index ()];
}

/**
 * polku_contact_category_get_label_for:
 * @language: "en", "fi" or "sv"
 *
 * Returns: the label in @language, or %NULL for another language
 */
const char *
polku_contact_category_get_label_for (PolkuContactCategory *self,
                                      const char           *language)
{
  g_return_val_if_fail (POLKU_IS_CONTACT_CATEGORY (self), NULL);
  g_return_val_if_fail (language != NULL, NULL);

  for (guint i = 0; i < POLKU_DATA_FILE_N_LANGUAGES; i++)
    if (g_str_equal (language, polku_data_file_languages[i]))
      return self->labels[i];
  return NULL;
}

static void
polku_contact_type_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  PolkuContactType *self = POLKU_CONTACT_TYPE (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_string (value, self->id);
      break;
    case PROP_LABEL:
      g_value_set_string (value, polku_contact_type_get_label (self));
      break;
    case PROP_IN_PERSON:
      g_value_set_boolean (value, self->in_person);
      break;
    case PROP_EMERGENCY:
      g_value_set_boolean (value, self->emergency);
      break;
    case PROP_INPATIENT:
      g_value_set_boolean (value, self->inpatient);
      break;
    case PROP_CONTINUITY:
      g_value_set_boolean (value, self->continuity);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
polku_contact_type_class_init (PolkuContactTypeClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = polku_contact_type_finalize;
  object_class->get_property = polku_contact_type_get_property;

  properties[PROP_ID] =
    g_param_spec_string ("id", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_LABEL] =
    g_param_spec_string ("label", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_IN_PERSON] =
    g_param_spec_boolean ("in-person", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_EMERGENCY] =
    g_param_spec_boolean ("emergency", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_INPATIENT] =
    g_param_spec_boolean ("inpatient", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_CONTINUITY] =
    g_param_spec_boolean ("continuity", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
polku_contact_type_init (PolkuContactType *self)
{
}

const char *
polku_contact_type_get_id (PolkuContactType *self)
{
  g_return_val_if_fail (POLKU_IS_CONTACT_TYPE (self), NULL);
  return self->id;
}

/* "fi", "sv" or "en", from the UI language (LANGUAGE, LC_ALL, LC_MESSAGES, LANG). */
const char *
polku_data_label_language (void)
{
  return polku_data_file_languages[polku_data_language_index ()];
}

guint
polku_data_language_index (void)
{
  const char * const *names = g_get_language_names ();

  for (guint i = 0; names[i] != NULL; i++)
    {
      if (g_str_has_prefix (names[i], "fi"))
        return 1;
      if (g_str_has_prefix (names[i], "sv"))
        return 2;
      if (g_str_has_prefix (names[i], "en") || g_str_equal (names[i], "C"))
        return 0;
    }
  return 0;
}

/**
 * polku_contact_type_get_label:
 *
 * Returns: the label in the UI language (Finnish, Swedish, or else English)
 */
const char *
polku_contact_type_get_label (PolkuContactType *self)
{
  g_return_val_if_fail (POLKU_IS_CONTACT_TYPE (self), NULL);
  return self->labels[polku_data_language_index ()];
}

/**
 * polku_contact_type_get_label_for:
 * @language: "en", "fi" or "sv"
 *
 * Returns: the label in @language, or %NULL for another language
 */
const char *
polku_contact_type_get_label_for (PolkuContactType *self,
                                  const char       *language)
{
  g_return_val_if_fail (POLKU_IS_CONTACT_TYPE (self), NULL);
  g_return_val_if_fail (language != NULL, NULL);

  for (guint i = 0; i < POLKU_DATA_FILE_N_LANGUAGES; i++)
    if (g_str_equal (language, polku_data_file_languages[i]))
      return self->labels[i];
  return NULL;
}

gboolean
polku_contact_type_get_in_person (PolkuContactType *self)
{
  g_return_val_if_fail (POLKU_IS_CONTACT_TYPE (self), FALSE);
  return self->in_person;
}

gboolean
polku_contact_type_get_emergency (PolkuContactType *self)
{
  g_return_val_if_fail (POLKU_IS_CONTACT_TYPE (self), FALSE);
  return self->emergency;
}

gboolean
polku_contact_type_get_inpatient (PolkuContactType *self)
{
  g_return_val_if_fail (POLKU_IS_CONTACT_TYPE (self), FALSE);
  return self->inpatient;
}

gboolean
polku_contact_type_get_continuity (PolkuContactType *self)
{
  g_return_val_if_fail (POLKU_IS_CONTACT_TYPE (self), FALSE);
  return self->continuity;
}

/**
 * polku_contact_type_get_category:
 *
 * Returns: (transfer none): the category the reports count this type in
 */
PolkuContactCategory *
polku_contact_type_get_category (PolkuContactType *self)
{
  g_return_val_if_fail (POLKU_IS_CONTACT_TYPE (self), NULL);
  return self->category;
}

static char *
fold (const char *text)
{
  g_autofree char *stripped = g_strstrip (g_strdup (text));
  g_autofree char *normal = g_utf8_normalize (stripped, -1, G_NORMALIZE_DEFAULT_COMPOSE);

  return normal != NULL ? g_utf8_casefold (normal, -1) : NULL;
}

/**
 * polku_contact_type_matches:
 * @text: an id or a label in any language
 *
 * Returns: whether @text names this type (ignoring case and surrounding space): its id, a
 *   label, or one of its aliases (so that files written with a former label still match)
 */
gboolean
polku_contact_type_matches (PolkuContactType *self,
                            const char       *text)
{
  g_autofree char *folded = NULL;

  g_return_val_if_fail (POLKU_IS_CONTACT_TYPE (self), FALSE);

  if (text == NULL)
    return FALSE;
  folded = fold (text);
  if (folded == NULL)
    return FALSE;
  if (g_ascii_strcasecmp (folded, self->id) == 0)
    return TRUE;
  for (guint i = 0; i < POLKU_DATA_FILE_N_LANGUAGES; i++)
    {
      g_autofree char *label = fold (self->labels[i]);

      if (g_strcmp0 (folded, label) == 0)
        return TRUE;
    }
  for (guint i = 0; self->aliases != NULL && self->aliases[i] != NULL; i++)
    {
      g_autofree char *alias = fold (self->aliases[i]);

      if (g_strcmp0 (folded, alias) == 0)
        return TRUE;
    }
  return FALSE;
}

/* --- Reading data files ------------------------------------------------------------- */

/* The shared reader (polku-data-file.h, SENTENCES) with the contact types' error. */
#define READER(file_name) \
  { file_name, POLKU_CONTACT_TYPE_ERROR, POLKU_CONTACT_TYPE_ERROR_INVALID, \
    POLKU_DATA_FILE_SENTENCES }

JsonObject *
polku_data_parse (GBytes      *bytes,
                  const char  *file_name,
                  const char  *format,
                  GError     **error)
{
  PolkuDataFileReader file = READER (file_name);

  return polku_data_file_parse_versioned (&file, bytes, format, error);
}

gboolean
polku_data_check_members (JsonObject         *object,
                          const char * const *allowed,
                          const char         *file_name,
                          const char         *path,
                          GError            **error)
{
  PolkuDataFileReader file = READER (file_name);

  return polku_data_file_check_members (&file, object, allowed, path, error);
}

char **
polku_data_read_labels (JsonObject  *object,
                        const char  *member,
                        gboolean     required,
                        const char  *file_name,
                        const char  *path,
                        GError     **error)
{
  PolkuDataFileReader file = READER (file_name);
  g_auto(GStrv) labels = NULL;

  if (!required && !json_object_has_member (object, member))
    return NULL;
  labels = g_new0 (char *, POLKU_DATA_FILE_N_LANGUAGES + 1);
  if (!polku_data_file_read_labels (&file, object, member, path, labels, error))
    return NULL;
  return g_steal_pointer (&labels);
}

gboolean
polku_data_is_valid_key (const char *key)
{
  return polku_data_file_is_id (key, '-');
}

static gboolean
read_flag (const PolkuDataFileReader  *file,
           JsonObject                 *object,
           const char                 *member,
           gboolean                   *out,
           const char                 *path,
           GError                    **error)
{
  JsonNode *node = json_object_get_member (object, member);

  *out = FALSE;
  if (node == NULL)
    return TRUE;
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_BOOLEAN)
    {
      g_autofree char *where = g_strdup_printf ("%s.%s", path, member);

      return polku_data_file_invalid (file, where, _("must be true or false."), error);
    }
  *out = json_node_get_boolean (node);
  return TRUE;
}

/* "aliases": an optional list of non-empty strings. */
static gboolean
read_aliases (const PolkuDataFileReader   *file,
              JsonObject                  *object,
              char                      ***out,
              const char                  *path,
              GError                     **error)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  JsonNode *node = json_object_get_member (object, "aliases");
  g_autofree char *where = g_strdup_printf ("%s.aliases", path);
  JsonArray *array;

  if (node == NULL)
    return TRUE;
  if (!JSON_NODE_HOLDS_ARRAY (node))
    return polku_data_file_invalid (file, where, _("a list of names is needed."), error);
  array = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *element = json_array_get_element (array, i);
      g_autofree char *item = g_strdup_printf ("%s[%u]", where, i);
      const char *text = NULL;

      if (JSON_NODE_HOLDS_VALUE (element) && json_node_get_value_type (element) == G_TYPE_STRING)
        text = json_node_get_string (element);
      /* Said as for every label: "\udc00x" decodes to bytes that are no text. */
      if (text != NULL && !polku_data_file_check_utf8 (file, item, text, error))
        return FALSE;
      if (!polku_data_file_is_text (text))
        return polku_data_file_invalid (file, item, _("a non-empty string is needed."), error);
      g_strv_builder_add (builder, text);
    }
  *out = g_strv_builder_end (builder);
  return TRUE;
}

/* The "categories" of @root: a non-empty list of objects with a unique id and labels. A
 * category id is 1 to 64 of the lower-case letters a–z, digits and underscores, as the codes
 * of the reports are written ("telephone_service"). */
static GPtrArray *
read_categories (const PolkuDataFileReader  *file,
                 JsonObject                 *root,
                 GError                    **error)
{
  static const char * const members[] = { "id", "labels", "comment", NULL };
  g_autoptr(GPtrArray) categories = g_ptr_array_new_with_free_func (g_object_unref);
  JsonNode *node = json_object_get_member (root, "categories");
  JsonArray *array;
  guint n;

  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node)
      || json_array_get_length (json_node_get_array (node)) == 0)
    {
      polku_data_file_invalid (file, "categories",
                               _("a non-empty list of categories is needed."), error);
      return NULL;
    }
  array = json_node_get_array (node);
  n = json_array_get_length (array);
  if (n > MAX_CATEGORIES)
    {
      g_autofree char *problem = g_strdup_printf (_("at most %d categories are allowed."),
                                                  MAX_CATEGORIES);
      polku_data_file_invalid (file, "categories", problem, error);
      return NULL;
    }

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *path = g_strdup_printf ("categories[%u]", i);
      g_autoptr(PolkuContactCategory) category = NULL;
      JsonNode *element = json_array_get_element (array, i);
      JsonObject *object;
      const char *id;

      if (!JSON_NODE_HOLDS_OBJECT (element))
        {
          polku_data_file_invalid (file, path, _("each category must be a JSON object."),
                                   error);
          return NULL;
        }
      object = json_node_get_object (element);
      if (!polku_data_file_check_members (file, object, members, path, error))
        return NULL;

      id = polku_json_get_string (object, "id");
      if (!polku_data_file_is_id (id, '_'))
        {
          g_autofree char *where = g_strdup_printf ("%s.id", path);

          polku_data_file_invalid (file, where,
                                   _("an id of lower-case letters a–z, digits and underscores "
                                     "is needed."), error);
          return NULL;
        }
      for (guint c = 0; c < categories->len; c++)
        if (g_str_equal (((PolkuContactCategory *) g_ptr_array_index (categories, c))->id, id))
          {
            g_autofree char *where = g_strdup_printf ("%s.id", path);
            g_autofree char *problem = g_strdup_printf (_("the id “%s” is used twice."), id);

            polku_data_file_invalid (file, where, problem, error);
            return NULL;
          }

      category = g_object_new (POLKU_TYPE_CONTACT_CATEGORY, NULL);
      category->id = g_strdup (id);
      category->labels = polku_data_read_labels (object, "labels", TRUE, file->name, path,
                                                 error);
      if (category->labels == NULL)
        return NULL;
      g_ptr_array_add (categories, g_steal_pointer (&category));
    }

  return g_steal_pointer (&categories);
}

/**
 * polku_contact_types_load_bytes:
 * @bytes: the contents of a contact-types file
 * @file_name: its name, for error messages
 *
 * Returns: (transfer full): a #GListModel of #PolkuContactType, or %NULL with @error set
 *   (POLKU_CONTACT_TYPE_ERROR_INVALID naming the file and the field)
 */
GListModel *
polku_contact_types_load_bytes (GBytes      *bytes,
                                const char  *file_name,
                                GError     **error)
{
  static const char * const top_members[] = {
    "format", "version", "comment", "categories", "types", NULL
  };
  static const char * const type_members[] = {
    "id", "labels", "category", "aliases", "in_person", "emergency", "inpatient", "continuity",
    "comment", NULL
  };
  PolkuDataFileReader file = READER (file_name);
  g_autoptr(JsonObject) root = NULL;
  g_autoptr(GListStore) store = NULL;
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) categories = NULL;
  JsonNode *types_node;
  JsonArray *types;
  guint n;

  g_return_val_if_fail (bytes != NULL, NULL);
  g_return_val_if_fail (file_name != NULL, NULL);

  root = polku_data_file_parse_versioned (&file, bytes, "polku-contact-types", error);
  if (root == NULL)
    return NULL;
  if (!polku_data_file_check_members (&file, root, top_members, "", error))
    return NULL;
  categories = read_categories (&file, root, error);
  if (categories == NULL)
    return NULL;

  types_node = json_object_get_member (root, "types");
  if (types_node == NULL || !JSON_NODE_HOLDS_ARRAY (types_node)
      || json_array_get_length (json_node_get_array (types_node)) == 0)
    {
      polku_data_file_invalid (&file, "types", _("a non-empty list of types is needed."),
                               error);
      return NULL;
    }
  types = json_node_get_array (types_node);
  n = json_array_get_length (types);
  if (n > MAX_TYPES)
    {
      g_autofree char *problem = g_strdup_printf (_("at most %d types are allowed."), MAX_TYPES);
      polku_data_file_invalid (&file, "types", problem, error);
      return NULL;
    }

  store = g_list_store_new (POLKU_TYPE_CONTACT_TYPE);
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *path = g_strdup_printf ("types[%u]", i);
      g_autoptr(PolkuContactType) type = NULL;
      JsonNode *node = json_array_get_element (types, i);
      JsonObject *object;
      const char *id;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        {
          polku_data_file_invalid (&file, path, _("each type must be a JSON object."), error);
          return NULL;
        }
      object = json_node_get_object (node);
      if (!polku_data_file_check_members (&file, object, type_members, path, error))
        return NULL;

      id = polku_data_file_read_id (&file, object, path, error);
      if (id == NULL)
        return NULL;
      if (g_hash_table_contains (seen, id))
        {
          g_autofree char *where = g_strdup_printf ("%s.id", path);
          g_autofree char *problem = g_strdup_printf (_("the id “%s” is used twice."), id);

          polku_data_file_invalid (&file, where, problem, error);
          return NULL;
        }
      g_hash_table_add (seen, (gpointer) id);

      type = g_object_new (POLKU_TYPE_CONTACT_TYPE, NULL);
      type->id = g_strdup (id);
      type->labels = polku_data_read_labels (object, "labels", TRUE, file_name, path, error);
      if (type->labels == NULL
          || !read_flag (&file, object, "in_person", &type->in_person, path, error)
          || !read_flag (&file, object, "emergency", &type->emergency, path, error)
          || !read_flag (&file, object, "inpatient", &type->inpatient, path, error)
          || !read_flag (&file, object, "continuity", &type->continuity, path, error))
        return NULL;

      if (!read_aliases (&file, object, &type->aliases, path, error))
        return NULL;

      {
        const char *category_id = polku_json_get_string (object, "category");
        g_autofree char *where = g_strdup_printf ("%s.category", path);

        if (category_id == NULL)
          {
            polku_data_file_invalid (&file, where,
                                     _("the id of one of the file’s categories is needed."),
                                     error);
            return NULL;
          }
        for (guint c = 0; c < categories->len && type->category == NULL; c++)
          if (g_str_equal (((PolkuContactCategory *) g_ptr_array_index (categories, c))->id,
                           category_id))
            type->category = g_object_ref (g_ptr_array_index (categories, c));
        if (type->category == NULL)
          {
            g_autofree char *problem =
              g_strdup_printf (_("“%s” is not one of the categories of the file."),
                               category_id);

            polku_data_file_invalid (&file, where, problem, error);
            return NULL;
          }
      }

      g_list_store_append (store, type);
    }

  g_object_set_data_full (G_OBJECT (store), CATEGORIES_KEY, g_steal_pointer (&categories),
                          (GDestroyNotify) g_ptr_array_unref);
  return G_LIST_MODEL (g_steal_pointer (&store));
}

/**
 * polku_contact_types_load_file:
 *
 * Returns: (transfer full): the types of @file, or %NULL with @error set
 */
GListModel *
polku_contact_types_load_file (GFile   *file,
                               GError **error)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *name = NULL;

  g_return_val_if_fail (G_IS_FILE (file), NULL);

  bytes = polku_file_load_bounded (file, POLKU_JSON_MAX_BYTES, error);
  if (bytes == NULL)
    return NULL;
  name = g_file_get_basename (file);
  return polku_contact_types_load_bytes (bytes, name, error);
}

/* Only the bundled copy: a county does not replace the contact types (yet). */
static PolkuDataFileKind default_types = {
  NULL, NULL, "contact-types.json", DEFAULT_RESOURCE,
  (PolkuDataFileParseFunc) polku_contact_types_load_bytes,
};

/**
 * polku_contact_types_dup_default:
 *
 * Returns: (transfer full): the types bundled with Polku (data/contact-types.json)
 */
GListModel *
polku_contact_types_dup_default (GError **error)
{
  return polku_data_file_get_default (&default_types, error);
}

/**
 * polku_contact_types_lookup:
 *
 * Returns: (transfer none) (nullable): the type with @id
 */
PolkuContactType *
polku_contact_types_lookup (GListModel *types,
                            const char *id)
{
  guint n;

  g_return_val_if_fail (G_IS_LIST_MODEL (types), NULL);

  if (id == NULL)
    return NULL;
  n = g_list_model_get_n_items (types);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(PolkuContactType) type = g_list_model_get_item (types, i);

      if (g_str_equal (type->id, id))
        return type;  /* the list keeps it alive */
    }
  return NULL;
}

/**
 * polku_contact_types_find:
 * @id_or_label: an id, or a label in any language (case does not matter)
 *
 * Returns: (transfer none) (nullable): the type
 */
PolkuContactType *
polku_contact_types_find (GListModel *types,
                          const char *id_or_label)
{
  guint n;

  g_return_val_if_fail (G_IS_LIST_MODEL (types), NULL);

  n = g_list_model_get_n_items (types);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(PolkuContactType) type = g_list_model_get_item (types, i);

      if (polku_contact_type_matches (type, id_or_label))
        return type;
    }
  return NULL;
}

/**
 * polku_contact_types_get_categories:
 *
 * Returns: (transfer none) (element-type PolkuContactCategory): the categories of the file
 *   @types was read from, in file order; an empty array for any other list
 */
GPtrArray *
polku_contact_types_get_categories (GListModel *types)
{
  static GPtrArray *none;
  GPtrArray *categories;

  g_return_val_if_fail (G_IS_LIST_MODEL (types), NULL);

  categories = g_object_get_data (G_OBJECT (types), CATEGORIES_KEY);
  if (categories != NULL)
    return categories;
  if (g_once_init_enter (&none))
    g_once_init_leave (&none, g_ptr_array_new ());
  return none;
}

/**
 * polku_contact_types_lookup_category:
 *
 * Returns: (transfer none) (nullable): the category with @category_id
 */
PolkuContactCategory *
polku_contact_types_lookup_category (GListModel *types,
                                     const char *category_id)
{
  GPtrArray *categories;

  g_return_val_if_fail (G_IS_LIST_MODEL (types), NULL);

  if (category_id == NULL)
    return NULL;
  categories = polku_contact_types_get_categories (types);
  for (guint i = 0; i < categories->len; i++)
    {
      PolkuContactCategory *category = g_ptr_array_index (categories, i);

      if (g_str_equal (category->id, category_id))
        return category;
    }
  return NULL;
}
