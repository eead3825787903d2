/* polku-closing-reasons.c: why a case was closed, as a coded list loaded from data
 *
 * Copyright 2026 The Polku authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "polku-closing-reasons"

#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "polku-case-data-private.h"
#include "polku-checklist.h"
#include "polku-closing-reasons.h"
#include "polku-core-resources.h"
#include "polku-json.h"

#define FORMAT "polku-closing-reasons/1"
#define FILE_NAME "closing-reasons.json"
#define RESOURCE_PATH "/io/github/polku/Polku/core/" FILE_NAME
/* Cases closed before the reasons were coded carry it (migration 0007). */
#define LEGACY_CODE "other"

#define languages polku_case_data_languages
#define N_LANGUAGES POLKU_CASE_DATA_N_LANGUAGES

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

/* Loading: every error names the file and the field, e.g.
 * "closing-reasons.json: reasons[2].label.sv: a label is missing" */

/* The shared readers of the case module's data files (polku-case-data-private.h), with this
 * file's error. */
static const PolkuCaseDataErrors data_errors = {
  polku_closing_reasons_error_quark, POLKU_CLOSING_REASONS_ERROR_INVALID
};

#define invalid(error, name, field, problem) \
  polku_case_data_invalid (&data_errors, error, name, field, problem)
#define check_members(object, allowed, name, field, error) \
  polku_case_data_check_members (&data_errors, object, allowed, name, field, error)
#define read_labels(parent, member, out, name, field, error) \
  polku_case_data_read_labels (&data_errors, parent, member, out, name, field, error)
#define member_string polku_case_data_member_string
#define is_id polku_case_data_is_id

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
load_reason (PolkuClosingReasons  *self,
             JsonNode             *element,
             guint                 index,
             const char           *name,
             GError              **error)
{
  g_autofree char *path = g_strdup_printf ("reasons[%u]", index);
  g_autofree char *id_path = g_strdup_printf ("%s.id", path);
  g_autofree char *required_path = g_strdup_printf ("%s.text_required", path);
  JsonObject *object;
  JsonNode *required;
  const char *id;
  Reason *reason;

  if (!JSON_NODE_HOLDS_OBJECT (element))
    return invalid (error, name, path, _("an object is needed"));
  object = json_node_get_object (element);
  if (!check_members (object, reason_members, name, path, error))
    return FALSE;
  id = member_string (object, "id");
  if (!is_id (id))
    return invalid (error, name, id_path,
                    _("an id of lower-case letters a–z, digits and “_” is needed"));
  if (find_reason (self, id) != NULL)
    return invalid (error, name, id_path, _("the id is used twice in the list"));
  required = json_object_get_member (object, "text_required");
  if (required != NULL && (!JSON_NODE_HOLDS_VALUE (required)
                           || json_node_get_value_type (required) != G_TYPE_BOOLEAN))
    return invalid (error, name, required_path, _("must be true or false"));

  reason = g_new0 (Reason, 1);
  reason->id = g_strdup (id);
  reason->text_required = required != NULL && json_node_get_boolean (required);
  g_ptr_array_add (self->reasons, reason);
  return read_labels (object, "label", reason->label, name, path, error);
}

static gboolean
load (PolkuClosingReasons  *self,
      JsonNode             *root,
      const char           *name,
      GError              **error)
{
  JsonObject *object;
  JsonNode *reasons;
  JsonArray *array;
  const char *text;

  if (!JSON_NODE_HOLDS_OBJECT (root))
    return invalid (error, name, "/", _("the list must be a JSON object"));
  object = json_node_get_object (root);
  if (!check_members (object, top_members, name, "", error))
    return FALSE;

  if (g_strcmp0 (member_string (object, "format"), FORMAT) != 0)
    return invalid (error, name, "format", _("must be \"polku-closing-reasons/1\""));

  text = member_string (object, "id");
  if (!is_id (text))
    return invalid (error, name, "id",
                    _("an id of lower-case letters a–z, digits and “_” is needed"));
  self->id = g_strdup (text);

  if (json_object_has_member (object, "source") && member_string (object, "source") == NULL)
    return invalid (error, name, "source", _("must be a string"));

  if (!read_labels (object, "title", self->title, name, "", error))
    return FALSE;

  reasons = json_object_get_member (object, "reasons");
  if (reasons == NULL || !JSON_NODE_HOLDS_ARRAY (reasons)
      || json_array_get_length (json_node_get_array (reasons)) == 0)
    return invalid (error, name, "reasons", _("a list of at least one reason is needed"));
  array = json_node_get_array (reasons);
  for (guint i = 0; i < json_array_get_length (array); i++)
    if (!load_reason (self, json_array_get_element (array, i), i, name, error))
      return FALSE;

  if (find_reason (self, LEGACY_CODE) == NULL)
    return invalid (error, name, "reasons",
                    _("the reason “other” is needed: cases closed before the reasons were "
                      "coded have it"));
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
  g_autoptr(PolkuClosingReasons) self = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (bytes != NULL, NULL);
  g_return_val_if_fail (name != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  root = polku_json_parse_bounded (bytes, &local_error);
  if (root == NULL)
    {
      g_set_error (error, POLKU_CLOSING_REASONS_ERROR, POLKU_CLOSING_REASONS_ERROR_INVALID,
                   _("%s: not valid JSON: %s"), name, local_error->message);
      return NULL;
    }

  self = g_object_new (POLKU_TYPE_CLOSING_REASONS, NULL);
  if (!load (self, root, name, error))
    return NULL;
  return g_steal_pointer (&self);
}

PolkuClosingReasons *
polku_closing_reasons_new_from_file (const char  *path,
                                     GError     **error)
{
  g_autofree char *name = NULL;
  g_autoptr(GBytes) bytes = NULL;

  g_return_val_if_fail (path != NULL, NULL);

  bytes = polku_read_file_bounded (path, POLKU_JSON_MAX_BYTES, error);
  if (bytes == NULL)
    return NULL;
  name = g_filename_display_name (path);
  return polku_closing_reasons_new_from_bytes (bytes, name, error);
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
  return polku_case_data_find_file ("POLKU_CLOSING_REASONS", NULL, FILE_NAME);
}

G_LOCK_DEFINE_STATIC (default_reasons);
static PolkuClosingReasons *default_reasons;

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
  PolkuClosingReasons *reasons = NULL;

  G_LOCK (default_reasons);
  if (default_reasons == NULL)
    {
      g_autofree char *path = polku_closing_reasons_dup_default_path ();

      if (path != NULL)
        default_reasons = polku_closing_reasons_new_from_file (path, error);
      else
        {
          g_autoptr(GBytes) bytes =
            g_resource_lookup_data (polku_core_get_resource (), RESOURCE_PATH,
                                    G_RESOURCE_LOOKUP_FLAGS_NONE, error);

          if (bytes != NULL)
            default_reasons = polku_closing_reasons_new_from_bytes (bytes, FILE_NAME, error);
        }
      if (default_reasons != NULL)
        g_debug ("Closing reasons %s loaded from %s", default_reasons->id,
                 path != NULL ? path : RESOURCE_PATH);
    }
  if (default_reasons != NULL)
    reasons = g_object_ref (default_reasons);
  G_UNLOCK (default_reasons);

  return reasons;
}

static guint
language_index (const char *language)
{
  if (language == NULL)
    language = polku_checklist_ui_language ();
  for (guint i = 0; i < N_LANGUAGES; i++)
    if (g_str_equal (languages[i], language))
      return i;
  return 0;
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

  return self->title[language_index (language)];
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
  return reason != NULL ? reason->label[language_index (language)] : NULL;
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
                       reason->label[language_index (NULL)]);
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
