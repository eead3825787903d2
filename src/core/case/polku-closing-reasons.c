/* polku-closing-reasons.c: why a case was closed, as a coded list loaded from data
 *
 * Copyright 2026 The Polku authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "polku-closing-reasons"

#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "polku-case-data-private.h"
#include "polku-closing-reasons.h"
#include "polku-data-file.h"
#include "polku-json.h"

#define FORMAT "polku-closing-reasons/1"
#define FILE_NAME "closing-reasons.json"
#define RESOURCE_PATH "/io/github/polku/Polku/core/" FILE_NAME
/* Cases closed before the reasons were coded carry it (migration 0007). */
#define LEGACY_CODE "other"

#define N_LANGUAGES POLKU_DATA_FILE_N_LANGUAGES

typedef struct
{
  char     *id;
  char     *label[N_LANGUAGES];
  gboolean  text_required;
} Reason;

struct _PolkuClosingReasons
{
  GObject    parent_instance;

  char      *id;
  char      *title[N_LANGUAGES];
  GPtrArray *reasons;
};

G_DEFINE_FINAL_TYPE (PolkuClosingReasons, polku_closing_reasons, G_TYPE_OBJECT)
G_DEFINE_QUARK (polku-closing-reasons-error-quark, polku_closing_reasons_error)

static void
reason_free (Reason *reason)
{
  g_free (reason->id);
  for (guint i = 0; i < N_LANGUAGES; i++)
    g_free (reason->label[i]);
  g_free (reason);
}

static void
polku_closing_reasons_finalize (GObject *object)
{
  PolkuClosingReasons *self = (PolkuClosingReasons *) object;

  g_clear_pointer (&self->id, g_free);
  for (guint i = 0; i < N_LANGUAGES; i++)
    g_clear_pointer (&self->title[i], g_free);
  g_clear_pointer (&self->reasons, g_ptr_array_unref);

  G_OBJECT_CLASS (polku_closing_reasons_parent_class)->finalize (object);
}

static void
polku_closing_reasons_class_init (PolkuClosingReasonsClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = polku_closing_reasons_finalize;
}

static void
polku_closing_reasons_init (PolkuClosingReasons *self)
{
  self->reasons = g_ptr_array_new_with_free_func ((GDestroyNotify) reason_free);
}

/* Loading (polku-data-file.h, TERSE): every error names the file and the field, e.g.
 * "closing-reasons.json: reasons[2].label.sv: a label is missing" */

static const char * const top_members[] = { "format", "id", "title", "source", "reasons", NULL };
static const char * const reason_members[] = { "id", "label", "text_required", NULL };

static Reason *
find_reason (PolkuClosingReasons *self,
             const char          *code)
{
  for (guint i = 0; code != NULL && i < self->reasons->len; i++)
    {
      Reason *reason = g_ptr_array_index (self->reasons, i);

      if (g_str_equal (reason->id, code))
        return reason;
    }
  return NULL;
}

static gboolean
load_reason (PolkuClosingReasons        *self,
             JsonNode                   *element,
             guint                       index,
             const PolkuDataFileReader  *file,
             GError                    **error)
{
  g_autofree char *path = g_strdup_printf ("reasons[%u]", index);
  g_autofree char *id_path = g_strdup_printf ("%s.id", path);
  g_autofree char *required_path = g_strdup_printf ("%s.text_required", path);
  JsonObject *object;
  JsonNode *required;
  const char *id;
  Reason *reason;

  if (!JSON_NODE_HOLDS_OBJECT (element))
    return polku_data_file_invalid (file, path, _("an object is needed"), error);
  object = json_node_get_object (element);
  if (!polku_data_file_check_members (file, object, reason_members, path, error))
    return FALSE;
  id = polku_data_file_read_id (file, object, path, error);
  if (id == NULL)
    return FALSE;
  if (find_reason (self, id) != NULL)
    return polku_data_file_invalid (file, id_path, _("the id is used twice in the list"), error);
  required = json_object_get_member (object, "text_required");
  if (required != NULL && (!JSON_NODE_HOLDS_VALUE (required)
                           || json_node_get_value_type (required) != G_TYPE_BOOLEAN))
    return polku_data_file_invalid (file, required_path, _("must be true or false"), error);

  reason = g_new0 (Reason, 1);
  reason->id = g_strdup (id);
  reason->text_required = required != NULL && json_node_get_boolean (required);
  g_ptr_array_add (self->reasons, reason);
  return polku_data_file_read_labels (file, object, "label", path, reason->label, error);
}

static gboolean
load (PolkuClosingReasons        *self,
      JsonNode                   *root,
      const PolkuDataFileReader  *file,
      GError                    **error)
{
  JsonObject *object;
  JsonNode *reasons;
  JsonArray *array;
  const char *text;

  if (!JSON_NODE_HOLDS_OBJECT (root))
    return polku_data_file_invalid (file, "/", _("the list must be a JSON object"), error);
  object = json_node_get_object (root);
  if (!polku_data_file_check_members (file, object, top_members, "", error))
    return FALSE;

  if (g_strcmp0 (polku_json_get_string (object, "format"), FORMAT) != 0)
    return polku_data_file_invalid (file, "format", _("must be \"polku-closing-reasons/1\""),
                                    error);

  text = polku_data_file_read_id (file, object, "", error);
  if (text == NULL)
    return FALSE;
  self->id = g_strdup (text);

  if (json_object_has_member (object, "source")
      && polku_json_get_string (object, "source") == NULL)
    return polku_data_file_invalid (file, "source", _("must be a string"), error);
  if (!polku_data_file_check_utf8 (file, "source",
                                   polku_json_get_string (object, "source"), error))
    return FALSE;

  if (!polku_data_file_read_labels (file, object, "title", "", self->title, error))
    return FALSE;

  reasons = json_object_get_member (object, "reasons");
  if (reasons == NULL || !JSON_NODE_HOLDS_ARRAY (reasons)
      || json_array_get_length (json_node_get_array (reasons)) == 0)
    return polku_data_file_invalid (file, "reasons",
                                    _("a list of at least one reason is needed"), error);
  array = json_node_get_array (reasons);
  for (guint i = 0; i < json_array_get_length (array); i++)
    if (!load_reason (self, json_array_get_element (array, i), i, file, error))
      return FALSE;

  if (find_reason (self, LEGACY_CODE) == NULL)
    return polku_data_file_invalid (file, "reasons",
                                    _("the reason “other” is needed: cases closed before the "
                                      "reasons were coded have it"), error);
  return TRUE;
}

/**
 * polku_closing_reasons_new_from_bytes:
 * @name: the file's name, for error messages
 *
 * Returns: (transfer full): the list, or %NULL with POLKU_CLOSING_REASONS_ERROR_INVALID
 *   naming @name and the field that is wrong
 */
PolkuClosingReasons *
polku_closing_reasons_new_from_bytes (GBytes      *bytes,
                                      const char  *name,
                                      GError     **error)
{
  PolkuDataFileReader file = {
    name, POLKU_CLOSING_REASONS_ERROR, POLKU_CLOSING_REASONS_ERROR_INVALID,
    POLKU_DATA_FILE_TERSE
  };
  g_autoptr(PolkuClosingReasons) self = NULL;
  g_autoptr(JsonNode) root = NULL;

  g_return_val_if_fail (bytes != NULL, NULL);
  g_return_val_if_fail (name != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  root = polku_data_file_parse (&file, bytes, error);
  if (root == NULL)
    return NULL;

  self = g_object_new (POLKU_TYPE_CLOSING_REASONS, NULL);
  if (!load (self, root, &file, error))
    return NULL;
  return g_steal_pointer (&self);
}

/* The list in use: a county's file (see polku-closing-reasons.h) or the bundled one. */
static PolkuDataFileKind default_reasons = {
  "POLKU_CLOSING_REASONS", NULL, FILE_NAME, RESOURCE_PATH,
  (PolkuDataFileParseFunc) polku_closing_reasons_new_from_bytes,
};

PolkuClosingReasons *
polku_closing_reasons_new_from_file (const char  *path,
                                     GError     **error)
{
  g_return_val_if_fail (path != NULL, NULL);

  return polku_data_file_new_from_file (&default_reasons, path, error);
}

/**
 * polku_closing_reasons_dup_default_path:
 *
 * Returns: (nullable): the file that replaces the built-in list, or %NULL when the built-in
 *   one is used
 */
char *
polku_closing_reasons_dup_default_path (void)
{
  return polku_data_file_find (&default_reasons);
}

/**
 * polku_closing_reasons_get_default:
 *
 * Loads (once) and validates the list in use: a county's file when there is one (see
 * polku-closing-reasons.h), else the built-in one.
 *
 * Returns: (transfer full): the list, or %NULL with an error naming file and field
 */
PolkuClosingReasons *
polku_closing_reasons_get_default (GError **error)
{
  return polku_data_file_get_default (&default_reasons, error);
}

const char *
polku_closing_reasons_get_id (PolkuClosingReasons *self)
{
  g_return_val_if_fail (POLKU_IS_CLOSING_REASONS (self), NULL);

  return self->id;
}

/* @language: "en", "fi", "sv", or %NULL for the user interface's language */
const char *
polku_closing_reasons_get_title (PolkuClosingReasons *self,
                                 const char          *language)
{
  g_return_val_if_fail (POLKU_IS_CLOSING_REASONS (self), NULL);

  return self->title[polku_case_data_language_index (language)];
}

guint
polku_closing_reasons_get_n_reasons (PolkuClosingReasons *self)
{
  g_return_val_if_fail (POLKU_IS_CLOSING_REASONS (self), 0);

  return self->reasons->len;
}

const char *
polku_closing_reasons_get_reason_id (PolkuClosingReasons *self,
                                     guint                index)
{
  g_return_val_if_fail (POLKU_IS_CLOSING_REASONS (self), NULL);
  g_return_val_if_fail (index < self->reasons->len, NULL);

  return ((Reason *) g_ptr_array_index (self->reasons, index))->id;
}

/* Returns: (nullable): the label, or %NULL when the list has no such reason */
const char *
polku_closing_reasons_get_label (PolkuClosingReasons *self,
                                 const char          *code,
                                 const char          *language)
{
  Reason *reason;

  g_return_val_if_fail (POLKU_IS_CLOSING_REASONS (self), NULL);

  reason = find_reason (self, code);
  return reason != NULL ? reason->label[polku_case_data_language_index (language)] : NULL;
}

gboolean
polku_closing_reasons_get_text_required (PolkuClosingReasons *self,
                                         const char          *code)
{
  Reason *reason;

  g_return_val_if_fail (POLKU_IS_CLOSING_REASONS (self), FALSE);

  reason = find_reason (self, code);
  return reason != NULL && reason->text_required;
}

/**
 * polku_closing_reasons_check:
 * @code: (nullable): the reason's id
 * @text: (nullable): the words given with it (already stripped), or %NULL
 *
 * Fails with POLKU_CLOSING_REASONS_ERROR_UNKNOWN when @code is missing or not in the list,
 * and with POLKU_CLOSING_REASONS_ERROR_INVALID when the reason needs words and there are
 * none.
 */
gboolean
polku_closing_reasons_check (PolkuClosingReasons  *self,
                             const char           *code,
                             const char           *text,
                             GError              **error)
{
  g_autoptr(GString) codes = g_string_new (NULL);
  Reason *reason;

  g_return_val_if_fail (POLKU_IS_CLOSING_REASONS (self), FALSE);

  reason = find_reason (self, code);
  if (reason != NULL)
    {
      if (reason->text_required && (text == NULL || text[0] == '\0'))
        {
          g_set_error (error, POLKU_CLOSING_REASONS_ERROR, POLKU_CLOSING_REASONS_ERROR_INVALID,
                       _("The closing reason “%s” needs a few words saying what it was."),
                       reason->label[polku_case_data_language_index (NULL)]);
          return FALSE;
        }
      return TRUE;
    }

  for (guint i = 0; i < self->reasons->len; i++)
    g_string_append_printf (codes, "%s%s", i > 0 ? ", " : "",
                            ((Reason *) g_ptr_array_index (self->reasons, i))->id);
  if (code == NULL)
    g_set_error (error, POLKU_CLOSING_REASONS_ERROR, POLKU_CLOSING_REASONS_ERROR_UNKNOWN,
                 _("Say why the case is closed with one of the closing reasons: %s."),
                 codes->str);
  else
    g_set_error (error, POLKU_CLOSING_REASONS_ERROR, POLKU_CLOSING_REASONS_ERROR_UNKNOWN,
                 _("There is no closing reason “%s”: use one of %s."), code, codes->str);
  return FALSE;
}

/**
 * polku_closing_reasons_dup_description:
 * @code: (nullable): a closing reason's id
 * @text: (nullable): the words given with it
 *
 * Returns: (transfer full) (nullable): what a reader is shown: the reason's label and the
 *   words ("Other reason: moved to a nursing home"), the label alone, or the code when the
 *   list has no such reason; %NULL when there is neither code nor text
 */
char *
polku_closing_reasons_dup_description (PolkuClosingReasons *self,
                                       const char          *code,
                                       const char          *text)
{
  const char *label;

  g_return_val_if_fail (POLKU_IS_CLOSING_REASONS (self), NULL);

  label = polku_closing_reasons_get_label (self, code, NULL);
  if (label == NULL)
    label = code;
  if (label == NULL)
    return g_strdup (text);
  if (text == NULL)
    return g_strdup (label);
  /* TRANSLATORS: a closing reason's label and the words given with it */
  return g_strdup_printf (_("%s: %s"), label, text);
}
