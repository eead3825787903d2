/* polku-cli-casework.c: what the case-work commands (case, signs, consent, team, followups)
 * share: their objects as JSON, with every property, and the commands that add one from JSON
 * or change one on a date
 *
 * Copyright 2026 The Polku authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "polku-cli"

#include "config.h"

#include <glib/gi18n.h>

#include "polku-audit.h"
#include "polku-case-store.h"
#include "polku-checklist.h"
#include "polku-consent-store.h"
#include "polku-followup-store.h"
#include "polku-team-store.h"

#include "polku-cli-private.h"

int
polku_cli_fail_with (GError *error)
{
  gboolean usage = (error->domain == POLKU_CASE_ERROR && error->code == POLKU_CASE_ERROR_INVALID)
                   || (error->domain == POLKU_CONSENT_ERROR
                       && error->code == POLKU_CONSENT_ERROR_INVALID)
                   || (error->domain == POLKU_TEAM_ERROR && error->code == POLKU_TEAM_ERROR_INVALID)
                   || (error->domain == POLKU_FOLLOWUP_ERROR
                       && error->code == POLKU_FOLLOWUP_ERROR_INVALID)
                   || error->domain == POLKU_CHECKLIST_ERROR
                   || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);

  return fail (usage ? EXIT_USAGE : EXIT_ERROR, "%s", error->message);
}

gboolean
polku_cli_record_view (PolkuStore  *store,
                       const char  *client_id,
                       const char  *what,
                       GError     **error)
{
  g_autofree char *detail = g_strdup_printf ("cli=%s", what);

  return polku_audit_record (store, "case.view", client_id, detail, error);
}

void
polku_cli_add_object (JsonBuilder *builder,
                      gpointer     object)
{
  g_autofree GParamSpec **pspecs = NULL;
  guint n;

  pspecs = g_object_class_list_properties (G_OBJECT_GET_CLASS (object), &n);
  json_builder_begin_object (builder);
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *name = g_strdelimit (g_strdup (pspecs[i]->name), "-", '_');
      g_auto(GValue) value = G_VALUE_INIT;
      GType type = G_PARAM_SPEC_VALUE_TYPE (pspecs[i]);

      g_value_init (&value, type);
      g_object_get_property (object, pspecs[i]->name, &value);
      json_builder_set_member_name (builder, name);
      if (type == G_TYPE_STRING)
        {
          if (g_value_get_string (&value) != NULL)
            json_builder_add_string_value (builder, g_value_get_string (&value));
          else
            json_builder_add_null_value (builder);
        }
      else if (type == G_TYPE_BOOLEAN)
        json_builder_add_boolean_value (builder, g_value_get_boolean (&value));
      else if (type == G_TYPE_UINT)
        json_builder_add_int_value (builder, g_value_get_uint (&value));
      else if (type == G_TYPE_STRV)
        {
          const char * const *strv = g_value_get_boxed (&value);

          json_builder_begin_array (builder);
          for (guint j = 0; strv != NULL && strv[j] != NULL; j++)
            json_builder_add_string_value (builder, strv[j]);
          json_builder_end_array (builder);
        }
      else
        json_builder_add_null_value (builder);
    }
  json_builder_end_object (builder);
}

void
polku_cli_print_object (gpointer object)
{
  polku_cli_print_one (object, polku_cli_add_object);
}

int
polku_cli_print_or_fail (gpointer  object,
                         GError   *error)
{
  if (object == NULL)
    return polku_cli_fail_with (error);
  polku_cli_print_object (object);
  return EXIT_OK;
}

void
polku_cli_print_objects (GPtrArray        *items,
                         gboolean          json,
                         PolkuCliLineFunc  line,
                         gpointer          data)
{
  if (json)
    polku_cli_print_list (items, polku_cli_add_object);
  else
    polku_cli_print_lines (items, line, data);
}

int
polku_cli_print_client_list (const PolkuCliClientList *what,
                             const PolkuCliListArgs   *args,
                             gpointer                  data)
{
  g_autoptr(PolkuStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) items = NULL;

  if (!polku_cli_open_store (&store))
    return EXIT_ERROR;
  if (!polku_cli_record_view (store, args->client_id, what->view, &error)
      || (items = what->list (store, args->client_id, args->all, &error)) == NULL)
    return polku_cli_fail_with (error);
  polku_cli_print_objects (items, args->json, what->line, data);
  return EXIT_OK;
}

const char *
polku_cli_sign_label (PolkuChecklist *checklist,
                      PolkuCaseSign  *sign)
{
  const char *label = polku_checklist_get_item_label (checklist,
                                                      polku_case_sign_get_group_id (sign),
                                                      polku_case_sign_get_item_id (sign), NULL);

  return label != NULL ? label : polku_case_sign_get_item_id (sign);
}

/* Reads a draft object of @type from the JSON in @file. Only the members in @allowed
 * (JSON names) are accepted, so that a typo never drops data silently. */
static GObject *
read_draft (GType                type,
            const char          *file,
            const char          *client_id,
            const char * const  *allowed,
            GError             **error)
{
  g_autoptr(JsonNode) node = polku_cli_read_json (file, error);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GArray) values = g_array_new (FALSE, TRUE, sizeof (GValue));
  g_autoptr(GTypeClass) klass = g_type_class_ref (type);
  g_autoptr(GList) members = NULL;
  JsonObject *object;
  GObject *result;

  g_array_set_clear_func (values, (GDestroyNotify) g_value_unset);
  if (node == NULL)
    return NULL;
  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, _("The input must be a JSON "
                                                                  "object."));
      return NULL;
    }

  object = json_node_get_object (node);
  members = json_object_get_members (object);
  for (GList *l = members; l != NULL; l = l->next)
    {
      const char *member = l->data;
      JsonNode *value = json_object_get_member (object, member);
      g_autofree char *property = g_strdelimit (g_strdup (member), "_", '-');
      GParamSpec *pspec = g_object_class_find_property (G_OBJECT_CLASS (klass), property);
      GValue gvalue = G_VALUE_INIT;
      GType value_type;

      if (!g_strv_contains (allowed, member) || pspec == NULL)
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                       _("Unknown member “%s” in the input."), member);
          return NULL;
        }
      value_type = G_PARAM_SPEC_VALUE_TYPE (pspec);
      g_value_init (&gvalue, value_type);
      if (JSON_NODE_HOLDS_NULL (value) && value_type != G_TYPE_BOOLEAN)
        ;
      else if (value_type == G_TYPE_STRING && JSON_NODE_HOLDS_VALUE (value)
               && json_node_get_value_type (value) == G_TYPE_STRING)
        g_value_set_string (&gvalue, json_node_get_string (value));
      else if (value_type == G_TYPE_BOOLEAN && JSON_NODE_HOLDS_VALUE (value)
               && json_node_get_value_type (value) == G_TYPE_BOOLEAN)
        g_value_set_boolean (&gvalue, json_node_get_boolean (value));
      else if (value_type == G_TYPE_STRV && JSON_NODE_HOLDS_ARRAY (value))
        {
          JsonArray *array = json_node_get_array (value);
          g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

          for (guint i = 0; i < json_array_get_length (array); i++)
            {
              JsonNode *element = json_array_get_element (array, i);

              if (!JSON_NODE_HOLDS_VALUE (element)
                  || json_node_get_value_type (element) != G_TYPE_STRING)
                {
                  g_value_unset (&gvalue);
                  g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                               _("“%s” must be a list of strings."), member);
                  return NULL;
                }
              g_strv_builder_add (builder, json_node_get_string (element));
            }
          g_value_take_boxed (&gvalue, g_strv_builder_end (builder));
        }
      else
        {
          g_value_unset (&gvalue);
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                       value_type == G_TYPE_STRV ? _("“%s” must be a list of strings.")
                       : value_type == G_TYPE_BOOLEAN ? _("“%s” must be true or false.")
                       : _("“%s” must be a string or null."), member);
          return NULL;
        }
      g_ptr_array_add (names, g_steal_pointer (&property));
      g_array_append_val (values, gvalue);
    }

  if (client_id != NULL)
    {
      GValue gvalue = G_VALUE_INIT;

      g_value_init (&gvalue, G_TYPE_STRING);
      g_value_set_string (&gvalue, client_id);
      g_ptr_array_add (names, g_strdup ("client-id"));
      g_array_append_val (values, gvalue);
    }

  result = g_object_new_with_properties (type, names->len, (const char **) names->pdata,
                                         (const GValue *) values->data);
  return result;
}

int
polku_cli_change_on_date (int                 argc,
                          char              **argv,
                          const char         *usage,
                          PolkuCliDatedFunc   change)
{
  g_autoptr(PolkuStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GObject) changed = NULL;
  const char *id = NULL;
  const char *date = NULL;
  const PolkuCliOption options[] = { { "--date", &date, NULL }, { NULL } };
  int status;

  if (!polku_cli_parse_id_args (argc, argv, options, usage, &id, &status))
    return status;
  if (!polku_cli_open_store (&store))
    return EXIT_ERROR;
  changed = change (store, id, date, &error);
  return polku_cli_print_or_fail (changed, error);
}

int
polku_cli_add_from_json (int                  argc,
                         char               **argv,
                         GType                type,
                         const char * const  *allowed,
                         const char          *usage,
                         PolkuCliCheckFunc    check,
                         PolkuCliAddFunc      add)
{
  g_autoptr(PolkuStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GObject) draft = NULL;
  g_autoptr(GObject) added = NULL;
  const char *client_id = NULL;
  const char *file = NULL;
  const PolkuCliOption options[] = { { "--json", &file, NULL }, { NULL } };
  int status;

  if (!polku_cli_parse_id_args (argc, argv, options, usage, &client_id, &status))
    return status;
  if (file == NULL)
    return fail (EXIT_USAGE, _("Usage: polku-cli %s"), usage);

  draft = read_draft (type, file, client_id, allowed, &error);
  if (draft == NULL)
    return fail (EXIT_USAGE, "%s", error->message);
  if (check != NULL && (status = check (draft)) != EXIT_OK)
    return status;

  if (!polku_cli_open_store (&store))
    return EXIT_ERROR;
  added = add (store, draft, &error);
  return polku_cli_print_or_fail (added, error);
}
