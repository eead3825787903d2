/* polku-cli-contacts.c: the contact log, the CSV import and the mapping visit
 *
 *   polku-cli contacts list CLIENT-ID [--from DATE] [--to DATE] [--json]
 *   polku-cli contacts add CLIENT-ID --json FILE
 *   polku-cli contacts update CONTACT-ID --json FILE
 *   polku-cli contacts remove CONTACT-ID
 *   polku-cli contacts import CLIENT-ID FILE.csv [--dry-run] [--skip-bad-rows]
 *   polku-cli contacts types [--file FILE] [--json]
 *   polku-cli mapping-visit show CLIENT-ID [--json]
 *   polku-cli mapping-visit new CLIENT-ID [--agenda FILE]
 *   polku-cli mapping-visit update CLIENT-ID --json FILE
 *   polku-cli mapping-visit agenda [--file FILE]
 *
 * Copyright 2026 The Polku authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "polku-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>
#include <string.h>

#include "polku-audit.h"
#include "polku-client-store.h"
#include "polku-contact-store.h"
#include "polku-contact-type.h"
#include "polku-csv-import.h"
#include "polku-mapping-visit.h"

#include "polku-cli-private.h"

/* --- JSON ------------------------------------------------------------------------------ */

static void
build_contact_json (JsonBuilder  *builder,
                    PolkuContact *contact)
{
  PolkuContactSource source;

  json_builder_begin_object (builder);
  polku_cli_add_member_or_null (builder, "id", polku_contact_get_id (contact));
  polku_cli_add_member_or_null (builder, "client_id", polku_contact_get_client_id (contact));
  polku_cli_add_member_or_null (builder, "created", polku_contact_get_created (contact));
  polku_cli_add_member_or_null (builder, "modified", polku_contact_get_modified (contact));
  polku_cli_add_member_or_null (builder, "date", polku_contact_get_date (contact));
  polku_cli_add_member_or_null (builder, "time", polku_contact_get_time (contact));
  polku_cli_add_member_or_null (builder, "type", polku_contact_get_type_id (contact));
  json_builder_set_member_name (builder, "urgent");
  json_builder_add_boolean_value (builder, polku_contact_get_urgent (contact));
  polku_cli_add_member_or_null (builder, "professional",
                                polku_contact_get_professional_id (contact));
  polku_cli_add_member_or_null (builder, "professional_name",
                                polku_contact_get_professional_name (contact));
  polku_cli_add_member_or_null (builder, "organisation",
                                polku_contact_get_organisation (contact));
  json_builder_set_member_name (builder, "no_show");
  json_builder_add_boolean_value (builder, polku_contact_get_no_show (contact));
  polku_cli_add_member_or_null (builder, "note", polku_contact_get_note (contact));
  source = polku_contact_get_source (contact);
  polku_cli_add_member_or_null (builder, "source", polku_contact_source_to_string (source));
  json_builder_end_object (builder);
}

static gboolean
is_string_or_null (JsonNode *node)
{
  return JSON_NODE_HOLDS_NULL (node)
         || (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING);
}

typedef struct
{
  const char *member;    /* in the JSON */
  const char *property;  /* of the object */
} StringMember;

/* When @name is one of @table's members, sets the object's property from @value (a string or
 * null) and sets *@known. Fails, naming the member, on any other JSON type. */
static gboolean
set_string_member (GObject            *object,
                   const StringMember *table,
                   guint               n_table,
                   const char         *name,
                   JsonNode           *value,
                   gboolean           *known,
                   GError            **error)
{
  *known = FALSE;
  for (guint i = 0; i < n_table; i++)
    if (g_str_equal (name, table[i].member))
      {
        if (!is_string_or_null (value))
          {
            g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                         _("“%s” must be a string or null."), name);
            return FALSE;
          }
        g_object_set (object, table[i].property, json_node_get_string (value), NULL);
        *known = TRUE;
      }
  return TRUE;
}

static gboolean
is_boolean (JsonNode *node)
{
  return JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_BOOLEAN;
}

/* Applies the members of @node (a JSON object) to @contact. Unknown members are an error, so
 * that a typo does not silently drop data. */
static gboolean
contact_apply_json (PolkuContact  *contact,
                    JsonNode      *node,
                    GError       **error)
{
  static const StringMember strings[] = {
    { "professional", "professional-id" },
    { "professional_name", "professional-name" }, { "organisation", "organisation" },
    { "note", "note" },
  };
  g_autoptr(GList) members = NULL;
  JsonObject *object;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   _("A contact must be a JSON object."));
      return FALSE;
    }
  object = json_node_get_object (node);
  members = json_object_get_members (object);
  for (GList *l = members; l != NULL; l = l->next)
    {
      const char *name = l->data;
      JsonNode *value = json_object_get_member (object, name);
      gboolean known = FALSE;

      if (!set_string_member (G_OBJECT (contact), strings, G_N_ELEMENTS (strings), name, value,
                              &known, error))
        return FALSE;
      if (known)
        continue;

      if (g_str_equal (name, "date") || g_str_equal (name, "time"))
        {
          const char *text;
          g_autofree char *parsed = NULL;

          if (!is_string_or_null (value))
            {
              g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                           _("“%s” must be a string or null."), name);
              return FALSE;
            }
          /* d.m.yyyy and H.MM are accepted as in the CSV import; validation reports the
           * rest. */
          text = json_node_get_string (value);
          if (g_str_equal (name, "date"))
            {
              parsed = polku_contact_parse_date (text);
              polku_contact_set_date (contact, parsed != NULL ? parsed : text);
            }
          else
            {
              parsed = polku_contact_parse_time (text);
              polku_contact_set_time (contact, parsed != NULL ? parsed : text);
            }
        }
      else if (g_str_equal (name, "type"))
        {
          g_autoptr(GListModel) types = polku_contact_types_dup_default (NULL);
          PolkuContactType *type = NULL;

          if (!is_string_or_null (value))
            {
              g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                           _("“%s” must be a string or null."), name);
              return FALSE;
            }
          if (types != NULL && json_node_get_string (value) != NULL)
            type = polku_contact_types_find (types, json_node_get_string (value));
          polku_contact_set_type_id (contact, type != NULL ? polku_contact_type_get_id (type)
                                                           : json_node_get_string (value));
        }
      else if (g_str_equal (name, "urgent") || g_str_equal (name, "no_show"))
        {
          if (!is_boolean (value))
            {
              g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                           _("“%s” must be true or false."), name);
              return FALSE;
            }
          if (g_str_equal (name, "urgent"))
            polku_contact_set_urgent (contact, json_node_get_boolean (value));
          else
            polku_contact_set_no_show (contact, json_node_get_boolean (value));
        }
      else if (g_strv_contains ((const char * const[]) { "id", "client_id", "created",
                                                          "modified", "source", NULL }, name))
        {
          /* What list --json prints may be fed back; these are not changed by input. */
        }
      else
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                       _("Unknown member “%s” in the contact."), name);
          return FALSE;
        }
    }
  return TRUE;
}

static int
usage_error (const char *usage,
             const char *arg)
{
  if (arg != NULL)
    return fail (EXIT_USAGE, _("Unknown argument “%s”. Usage: %s"), arg, usage);
  return fail (EXIT_USAGE, _("Usage: %s"), usage);
}

static gboolean
parse_date_option (const char  *text,
                   char       **out)
{
  g_autofree char *date = polku_contact_parse_date (text);

  if (date == NULL)
    return FALSE;
  g_free (*out);
  *out = g_steal_pointer (&date);
  return TRUE;
}

/* --- contacts ----------------------------------------------------------------------------- */

static int
cmd_list (int    argc,
          char **argv)
{
  const char *usage = "polku-cli contacts list CLIENT-ID [--from DATE] [--to DATE] [--json]";
  g_autoptr(PolkuStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) contacts = NULL;
  g_autoptr(GListModel) types = NULL;
  g_autoptr(PolkuClient) client = NULL;
  g_autofree char *from = NULL;
  g_autofree char *to = NULL;
  const char *client_id = NULL;
  gboolean json = FALSE;

  for (int i = 1; i < argc; i++)
    {
      if (g_str_equal (argv[i], "--json"))
        json = TRUE;
      else if ((g_str_equal (argv[i], "--from") || g_str_equal (argv[i], "--to")) && i + 1 < argc)
        {
          char **target = g_str_equal (argv[i], "--from") ? &from : &to;

          if (!parse_date_option (argv[i + 1], target))
            return fail (EXIT_USAGE, _("%s needs a date (YYYY-MM-DD or d.m.yyyy), not “%s”."),
                         argv[i], argv[i + 1]);
          i++;
        }
      else if (client_id == NULL && g_uuid_string_is_valid (argv[i]))
        client_id = argv[i];
      else
        return usage_error (usage, argv[i]);
    }
  if (client_id == NULL)
    return usage_error (usage, NULL);

  store = polku_cli_open_store (&error);
  if (store == NULL)
    return fail (EXIT_ERROR, "%s", error->message);
  client = polku_client_store_get (store, client_id, &error);
  if (client == NULL)
    return fail (EXIT_ERROR, "%s", error->message);
  contacts = polku_contact_store_list (store, client_id, from, to, &error);
  if (contacts == NULL
      || !polku_audit_record (store, POLKU_AUDIT_CONTACT_LIST, client_id, NULL, &error))
    return fail (EXIT_ERROR, "%s", error->message);

  if (json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();
      g_autoptr(JsonNode) root = NULL;

      json_builder_begin_array (builder);
      for (guint i = 0; i < contacts->len; i++)
        build_contact_json (builder, g_ptr_array_index (contacts, i));
      json_builder_end_array (builder);
      root = json_builder_get_root (builder);
      print_json (root);
      return EXIT_OK;
    }

  types = polku_contact_types_dup_default (NULL);
  for (guint i = 0; i < contacts->len; i++)
    {
      PolkuContact *c = g_ptr_array_index (contacts, i);
      PolkuContactType *type = types != NULL
                               ? polku_contact_types_lookup (types, polku_contact_get_type_id (c))
                               : NULL;
      const char *time = polku_contact_get_time (c);
      const char *professional = polku_contact_get_professional_id (c);
      const char *organisation = polku_contact_get_organisation (c);

      printf ("%s\t%s\t%s\t%s\t%s\t%s%s%s\n", polku_contact_get_date (c), time ? time : "",
              type != NULL ? polku_contact_type_get_label (type) : polku_contact_get_type_id (c),
              professional ? professional : "", organisation ? organisation : "",
              polku_contact_get_urgent (c) ? _("urgent") : "",
              polku_contact_get_urgent (c) && polku_contact_get_no_show (c) ? ", " : "",
              polku_contact_get_no_show (c) ? _("no-show") : "");
    }
  return EXIT_OK;
}

static int
cmd_add (int    argc,
         char **argv)
{
  const char *usage = "polku-cli contacts add CLIENT-ID --json FILE";
  g_autoptr(PolkuStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) input = NULL;
  g_autoptr(GPtrArray) contacts = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) result = NULL;
  const char *client_id = NULL;
  const char *file = NULL;
  gboolean array;

  for (int i = 1; i < argc; i++)
    {
      if (g_str_equal (argv[i], "--json") && i + 1 < argc)
        file = argv[++i];
      else if (client_id == NULL && g_uuid_string_is_valid (argv[i]))
        client_id = argv[i];
      else
        return usage_error (usage, argv[i]);
    }
  if (client_id == NULL || file == NULL)
    return usage_error (usage, NULL);

  input = polku_cli_read_json (file, &error);
  if (input == NULL)
    return fail (EXIT_USAGE, "%s", error->message);

  /* One object, or an array of them (written together, all or none). */
  array = JSON_NODE_HOLDS_ARRAY (input);
  for (guint i = 0; i < (array ? json_array_get_length (json_node_get_array (input)) : 1); i++)
    {
      JsonNode *node = array ? json_array_get_element (json_node_get_array (input), i) : input;
      g_autoptr(PolkuContact) contact = polku_contact_new ();

      polku_contact_set_client_id (contact, client_id);
      if (!contact_apply_json (contact, node, &error)
          || !polku_contact_validate (contact, NULL, &error))
        {
          if (array)
            return fail (EXIT_USAGE, _("Contact %u: %s"), i + 1, error->message);
          return fail (EXIT_USAGE, "%s", error->message);
        }
      g_ptr_array_add (contacts, g_steal_pointer (&contact));
    }

  store = polku_cli_open_store (&error);
  if (store == NULL)
    return fail (EXIT_ERROR, "%s", error->message);
  if (!polku_contact_store_add_all (store, client_id, contacts, &error))
    return fail (EXIT_ERROR, "%s", error->message);

  if (array)
    json_builder_begin_array (builder);
  for (guint i = 0; i < contacts->len; i++)
    build_contact_json (builder, g_ptr_array_index (contacts, i));
  if (array)
    json_builder_end_array (builder);
  result = json_builder_get_root (builder);
  print_json (result);
  return EXIT_OK;
}

static int
cmd_update (int    argc,
            char **argv)
{
  const char *usage = "polku-cli contacts update CONTACT-ID --json FILE";
  g_autoptr(PolkuStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) input = NULL;
  g_autoptr(PolkuContact) contact = NULL;
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) result = NULL;
  const char *contact_id = NULL;
  const char *file = NULL;

  for (int i = 1; i < argc; i++)
    {
      if (g_str_equal (argv[i], "--json") && i + 1 < argc)
        file = argv[++i];
      else if (contact_id == NULL && g_uuid_string_is_valid (argv[i]))
        contact_id = argv[i];
      else
        return usage_error (usage, argv[i]);
    }
  if (contact_id == NULL || file == NULL)
    return usage_error (usage, NULL);

  input = polku_cli_read_json (file, &error);
  if (input == NULL)
    return fail (EXIT_USAGE, "%s", error->message);

  store = polku_cli_open_store (&error);
  if (store == NULL)
    return fail (EXIT_ERROR, "%s", error->message);
  contact = polku_contact_store_get (store, contact_id, &error);
  if (contact == NULL)
    return fail (EXIT_ERROR, "%s", error->message);
  if (!contact_apply_json (contact, input, &error)
      || !polku_contact_validate (contact, NULL, &error))
    return fail (EXIT_USAGE, "%s", error->message);
  if (!polku_contact_store_update (store, contact, &error))
    return fail (EXIT_ERROR, "%s", error->message);

  build_contact_json (builder, contact);
  result = json_builder_get_root (builder);
  print_json (result);
  return EXIT_OK;
}

static int
cmd_remove (int    argc,
            char **argv)
{
  g_autoptr(PolkuStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(PolkuContact) contact = NULL;

  if (argc != 2 || !g_uuid_string_is_valid (argv[1]))
    return usage_error ("polku-cli contacts remove CONTACT-ID", NULL);

  store = polku_cli_open_store (&error);
  if (store == NULL)
    return fail (EXIT_ERROR, "%s", error->message);
  contact = polku_contact_store_get (store, argv[1], &error);
  if (contact == NULL || !polku_contact_store_remove (store, contact, &error))
    return fail (EXIT_ERROR, "%s", error->message);
  return EXIT_OK;
}

static void
build_import_json (JsonBuilder    *builder,
                   PolkuCsvImport *import,
                   const char     *file,
                   gboolean        dry_run,
                   guint           written)
{
  GListModel *rows = polku_csv_import_get_rows (import);
  const char * const *ignored = polku_csv_import_get_ignored_columns (import);
  char separator[2] = { polku_csv_import_get_separator (import), '\0' };

  json_builder_begin_object (builder);
  polku_cli_add_member_or_null (builder, "file", file);
  polku_cli_add_member_or_null (builder, "encoding", polku_csv_import_get_encoding (import));
  polku_cli_add_member_or_null (builder, "separator", separator);
  json_builder_set_member_name (builder, "dry_run");
  json_builder_add_boolean_value (builder, dry_run);
  json_builder_set_member_name (builder, "rows");
  json_builder_add_int_value (builder, g_list_model_get_n_items (rows));
  json_builder_set_member_name (builder, "valid");
  json_builder_add_int_value (builder, polku_csv_import_get_n_valid (import) + written);
  json_builder_set_member_name (builder, "invalid");
  json_builder_add_int_value (builder, polku_csv_import_get_n_invalid (import));
  json_builder_set_member_name (builder, "duplicate");
  json_builder_add_int_value (builder, polku_csv_import_get_n_duplicate (import) - written);
  json_builder_set_member_name (builder, "written");
  json_builder_add_int_value (builder, written);
  json_builder_set_member_name (builder, "ignored_columns");
  json_builder_begin_array (builder);
  for (guint i = 0; ignored[i] != NULL; i++)
    json_builder_add_string_value (builder, ignored[i]);
  json_builder_end_array (builder);

  json_builder_set_member_name (builder, "errors");
  json_builder_begin_array (builder);
  for (guint i = 0; i < g_list_model_get_n_items (rows); i++)
    {
      g_autoptr(PolkuCsvRow) row = g_list_model_get_item (rows, i);

      for (guint e = 0; e < polku_csv_row_get_n_errors (row); e++)
        {
          json_builder_begin_object (builder);
          json_builder_set_member_name (builder, "row");
          json_builder_add_int_value (builder, polku_csv_row_get_number (row));
          json_builder_set_member_name (builder, "line");
          json_builder_add_int_value (builder, polku_csv_row_get_line (row));
          polku_cli_add_member_or_null (builder, "field", polku_csv_row_get_error_field (row, e));
          polku_cli_add_member_or_null (builder, "message",
                                        polku_csv_row_get_error_message (row, e));
          json_builder_end_object (builder);
        }
    }
  json_builder_end_array (builder);

  json_builder_set_member_name (builder, "duplicates");
  json_builder_begin_array (builder);
  /* Rows written now count as duplicates too (with an id); list the ones left out. */
  for (guint i = 0; i < g_list_model_get_n_items (rows); i++)
    {
      g_autoptr(PolkuCsvRow) row = g_list_model_get_item (rows, i);
      PolkuContact *contact = polku_csv_row_get_contact (row);

      if (polku_csv_row_get_status (row) == POLKU_CSV_ROW_DUPLICATE
          && polku_contact_get_id (contact) == NULL)
        json_builder_add_int_value (builder, polku_csv_row_get_number (row));
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);
}

static int
cmd_import (int    argc,
            char **argv)
{
  const char *usage = "polku-cli contacts import CLIENT-ID FILE.csv [--dry-run] "
                      "[--skip-bad-rows]";
  g_autoptr(PolkuStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(PolkuCsvImport) import = NULL;
  g_autoptr(PolkuClient) client = NULL;
  g_autoptr(GFile) gfile = NULL;
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) result = NULL;
  const char *client_id = NULL;
  const char *file = NULL;
  gboolean dry_run = FALSE;
  gboolean skip_bad_rows = FALSE;
  guint written = 0;
  guint n_invalid;

  for (int i = 1; i < argc; i++)
    {
      if (g_str_equal (argv[i], "--dry-run"))
        dry_run = TRUE;
      else if (g_str_equal (argv[i], "--skip-bad-rows"))
        skip_bad_rows = TRUE;
      else if (client_id == NULL && g_uuid_string_is_valid (argv[i]))
        client_id = argv[i];
      else if (file == NULL && client_id != NULL && argv[i][0] != '-')
        file = argv[i];
      else
        return usage_error (usage, argv[i]);
    }
  if (client_id == NULL || file == NULL)
    return usage_error (usage, NULL);

  /* The file is read and checked before the key is needed. */
  gfile = g_file_new_for_commandline_arg (file);
  import = polku_csv_import_new_for_file (gfile, client_id, NULL, &error);
  if (import == NULL)
    return fail (EXIT_USAGE, "%s: %s", file, error->message);

  store = polku_cli_open_store (&error);
  if (store == NULL)
    return fail (EXIT_ERROR, "%s", error->message);
  client = polku_client_store_get (store, client_id, &error);
  if (client == NULL || !polku_csv_import_find_duplicates (import, store, &error))
    return fail (EXIT_ERROR, "%s", error->message);

  n_invalid = polku_csv_import_get_n_invalid (import);
  if (!dry_run && (n_invalid == 0 || skip_bad_rows)
      && !polku_csv_import_commit (import, store, skip_bad_rows, &written, &error))
    return fail (EXIT_ERROR, "%s", error->message);

  build_import_json (builder, import, file, dry_run, written);
  result = json_builder_get_root (builder);
  print_json (result);

  if (n_invalid > 0 && !skip_bad_rows)
    return fail (EXIT_USAGE,
                 g_dngettext (GETTEXT_PACKAGE,
                              "%u row has errors (listed above); nothing was imported. Correct "
                              "it, or use --skip-bad-rows.",
                              "%u rows have errors (listed above); nothing was imported. "
                              "Correct them, or use --skip-bad-rows.", n_invalid),
                 n_invalid);
  return EXIT_OK;
}

static int
cmd_types (int    argc,
           char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) types = NULL;
  const char *file = NULL;
  gboolean json = FALSE;

  for (int i = 1; i < argc; i++)
    {
      if (g_str_equal (argv[i], "--json"))
        json = TRUE;
      else if (g_str_equal (argv[i], "--file") && i + 1 < argc)
        file = argv[++i];
      else
        return usage_error ("polku-cli contacts types [--file FILE] [--json]", argv[i]);
    }

  if (file != NULL)
    {
      g_autoptr(GFile) gfile = g_file_new_for_commandline_arg (file);

      types = polku_contact_types_load_file (gfile, &error);
      if (types == NULL)
        return fail (EXIT_USAGE, "%s", error->message);
    }
  else
    {
      types = polku_contact_types_dup_default (&error);
      if (types == NULL)
        return fail (EXIT_ERROR, "%s", error->message);
    }

  if (json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();
      g_autoptr(JsonNode) root = NULL;

      json_builder_begin_array (builder);
      for (guint i = 0; i < g_list_model_get_n_items (types); i++)
        {
          g_autoptr(PolkuContactType) type = g_list_model_get_item (types, i);

          json_builder_begin_object (builder);
          polku_cli_add_member_or_null (builder, "id", polku_contact_type_get_id (type));
          json_builder_set_member_name (builder, "labels");
          json_builder_begin_object (builder);
          for (guint l = 0; l < 3; l++)
            {
              const char *lang = (const char *[]) { "en", "fi", "sv" }[l];

              polku_cli_add_member_or_null (builder, lang,
                                            polku_contact_type_get_label_for (type, lang));
            }
          json_builder_end_object (builder);
          json_builder_set_member_name (builder, "in_person");
          json_builder_add_boolean_value (builder, polku_contact_type_get_in_person (type));
          json_builder_set_member_name (builder, "emergency");
          json_builder_add_boolean_value (builder, polku_contact_type_get_emergency (type));
          json_builder_set_member_name (builder, "inpatient");
          json_builder_add_boolean_value (builder, polku_contact_type_get_inpatient (type));
          json_builder_set_member_name (builder, "continuity");
          json_builder_add_boolean_value (builder, polku_contact_type_get_continuity (type));
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
      root = json_builder_get_root (builder);
      print_json (root);
    }
  else
    {
      for (guint i = 0; i < g_list_model_get_n_items (types); i++)
        {
          g_autoptr(PolkuContactType) type = g_list_model_get_item (types, i);

          printf ("%s\t%s\n", polku_contact_type_get_id (type),
                  polku_contact_type_get_label (type));
        }
    }
  return EXIT_OK;
}

int
polku_cli_contacts (int    argc,
                    char **argv)
{
  static const PolkuCliSubcommand subcommands[] = {
    { "list", cmd_list },
    { "add", cmd_add },
    { "update", cmd_update },
    { "remove", cmd_remove },
    { "import", cmd_import },
    { "types", cmd_types },
  };

  return polku_cli_dispatch (argc, argv, subcommands, G_N_ELEMENTS (subcommands));
}

/* --- mapping-visit ------------------------------------------------------------------------ */

static void
build_visit_json (JsonBuilder       *builder,
                  PolkuMappingVisit *visit)
{
  GListModel *items = polku_mapping_visit_get_items (visit);

  json_builder_begin_object (builder);
  polku_cli_add_member_or_null (builder, "id", polku_mapping_visit_get_id (visit));
  polku_cli_add_member_or_null (builder, "client_id", polku_mapping_visit_get_client_id (visit));
  polku_cli_add_member_or_null (builder, "created", polku_mapping_visit_get_created (visit));
  polku_cli_add_member_or_null (builder, "modified", polku_mapping_visit_get_modified (visit));
  polku_cli_add_member_or_null (builder, "scheduled", polku_mapping_visit_get_scheduled (visit));
  polku_cli_add_member_or_null (builder, "place", polku_mapping_visit_get_place (visit));
  json_builder_set_member_name (builder, "planned_minutes");
  json_builder_add_int_value (builder, polku_mapping_visit_get_planned_minutes (visit));
  json_builder_set_member_name (builder, "elapsed_seconds");
  json_builder_add_int_value (builder, polku_mapping_visit_get_elapsed_seconds (visit, NULL));
  json_builder_set_member_name (builder, "running");
  json_builder_add_boolean_value (builder, polku_mapping_visit_get_running (visit));
  polku_cli_add_member_or_null (builder, "held_on", polku_mapping_visit_get_held_on (visit));
  polku_cli_add_member_or_null (builder, "notes", polku_mapping_visit_get_notes (visit));
  json_builder_set_member_name (builder, "items");
  json_builder_begin_array (builder);
  for (guint i = 0; i < g_list_model_get_n_items (items); i++)
    {
      g_autoptr(PolkuMappingVisitItem) item = g_list_model_get_item (items, i);

      json_builder_begin_object (builder);
      polku_cli_add_member_or_null (builder, "key", polku_mapping_visit_item_get_key (item));
      polku_cli_add_member_or_null (builder, "title", polku_mapping_visit_item_get_title (item));
      polku_cli_add_member_or_null (builder, "hint", polku_mapping_visit_item_get_hint (item));
      json_builder_set_member_name (builder, "done");
      json_builder_add_boolean_value (builder, polku_mapping_visit_item_get_done (item));
      polku_cli_add_member_or_null (builder, "done_at",
                                    polku_mapping_visit_item_get_done_at (item));
      polku_cli_add_member_or_null (builder, "note", polku_mapping_visit_item_get_note (item));
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);
}

static int
print_visit (PolkuMappingVisit *visit)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;

  build_visit_json (builder, visit);
  root = json_builder_get_root (builder);
  print_json (root);
  return EXIT_OK;
}

/* Applies a JSON patch: scheduled, place, planned_minutes, held_on, notes (strings or null),
 * timer ("start", "pause", "reset") and items ([{"key", "done", "note"}]). */
static gboolean
visit_apply_json (PolkuMappingVisit  *visit,
                  JsonNode           *node,
                  GError            **error)
{
  static const StringMember strings[] = {
    { "scheduled", "scheduled" }, { "place", "place" }, { "held_on", "held-on" },
    { "notes", "notes" },
  };
  g_autoptr(GList) members = NULL;
  JsonObject *object;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   _("The mapping visit must be a JSON object."));
      return FALSE;
    }
  object = json_node_get_object (node);
  members = json_object_get_members (object);
  for (GList *l = members; l != NULL; l = l->next)
    {
      const char *name = l->data;
      JsonNode *value = json_object_get_member (object, name);
      gboolean known = FALSE;

      if (!set_string_member (G_OBJECT (visit), strings, G_N_ELEMENTS (strings), name, value,
                              &known, error))
        return FALSE;
      if (known)
        continue;

      if (g_str_equal (name, "planned_minutes"))
        {
          if (!JSON_NODE_HOLDS_VALUE (value) || json_node_get_value_type (value) != G_TYPE_INT64
              || json_node_get_int (value) < 1 || json_node_get_int (value) > 1440)
            {
              g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                           _("“planned_minutes” must be a whole number from 1 to 1440."));
              return FALSE;
            }
          polku_mapping_visit_set_planned_minutes (visit, json_node_get_int (value));
        }
      else if (g_str_equal (name, "timer"))
        {
          const char *action = is_string_or_null (value) ? json_node_get_string (value) : NULL;

          if (g_strcmp0 (action, "start") == 0)
            polku_mapping_visit_timer_start (visit, NULL);
          else if (g_strcmp0 (action, "pause") == 0)
            polku_mapping_visit_timer_pause (visit, NULL);
          else if (g_strcmp0 (action, "reset") == 0)
            polku_mapping_visit_timer_reset (visit);
          else
            {
              g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                           _("“timer” must be \"start\", \"pause\" or \"reset\"."));
              return FALSE;
            }
        }
      else if (g_str_equal (name, "items"))
        {
          JsonArray *array;

          if (!JSON_NODE_HOLDS_ARRAY (value))
            {
              g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                           _("“items” must be a list of objects with a “key”."));
              return FALSE;
            }
          array = json_node_get_array (value);
          for (guint i = 0; i < json_array_get_length (array); i++)
            {
              JsonNode *element = json_array_get_element (array, i);
              JsonObject *patch;
              PolkuMappingVisitItem *item = NULL;
              g_autoptr(GList) item_members = NULL;

              if (JSON_NODE_HOLDS_OBJECT (element))
                {
                  patch = json_node_get_object (element);
                  if (json_object_has_member (patch, "key")
                      && is_string_or_null (json_object_get_member (patch, "key")))
                    item = polku_mapping_visit_lookup_item (
                             visit, json_object_get_string_member (patch, "key"));
                }
              if (item == NULL)
                {
                  g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                               _("items[%u]: “key” must name an item of this visit's agenda "
                                 "(see mapping-visit show)."), i);
                  return FALSE;
                }
              item_members = json_object_get_members (patch);
              for (GList *m = item_members; m != NULL; m = m->next)
                {
                  JsonNode *v = json_object_get_member (patch, m->data);

                  if (g_str_equal (m->data, "key") || g_str_equal (m->data, "title")
                      || g_str_equal (m->data, "hint") || g_str_equal (m->data, "done_at"))
                    continue;
                  if (g_str_equal (m->data, "done") && is_boolean (v))
                    polku_mapping_visit_item_set_done (item, json_node_get_boolean (v));
                  else if (g_str_equal (m->data, "note") && is_string_or_null (v))
                    polku_mapping_visit_item_set_note (item, json_node_get_string (v));
                  else
                    {
                      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                                   _("items[%u]: “%s” is not known or has the wrong type "
                                     "(done is true or false, note a string)."), i,
                                   (const char *) m->data);
                      return FALSE;
                    }
                }
            }
        }
      else if (g_strv_contains ((const char * const[]) { "id", "client_id", "created",
                                                          "modified", "elapsed_seconds",
                                                          "running", NULL }, name))
        {
          /* What show prints may be fed back; these are not changed by input. */
        }
      else
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                       _("Unknown member “%s” in the mapping visit."), name);
          return FALSE;
        }
    }
  return polku_mapping_visit_validate (visit, error);
}

static int
cmd_visit_show (int    argc,
                char **argv)
{
  g_autoptr(PolkuStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(PolkuMappingVisit) visit = NULL;
  const char *client_id = NULL;

  for (int i = 1; i < argc; i++)
    {
      if (g_str_equal (argv[i], "--json"))
        continue;  /* JSON is the only output */
      else if (client_id == NULL && g_uuid_string_is_valid (argv[i]))
        client_id = argv[i];
      else
        return usage_error ("polku-cli mapping-visit show CLIENT-ID [--json]", argv[i]);
    }
  if (client_id == NULL)
    return usage_error ("polku-cli mapping-visit show CLIENT-ID [--json]", NULL);

  store = polku_cli_open_store (&error);
  if (store == NULL)
    return fail (EXIT_ERROR, "%s", error->message);
  visit = polku_mapping_visit_store_get_latest (store, client_id, &error);
  if (visit == NULL
      || !polku_audit_record (store, POLKU_AUDIT_MAPPING_VISIT_VIEW, client_id, NULL, &error))
    return fail (EXIT_ERROR, "%s", error->message);
  return print_visit (visit);
}

static int
cmd_visit_new (int    argc,
               char **argv)
{
  const char *usage = "polku-cli mapping-visit new CLIENT-ID [--agenda FILE]";
  g_autoptr(PolkuStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(PolkuMappingVisit) visit = NULL;
  g_autoptr(GListModel) agenda = NULL;
  const char *client_id = NULL;

  for (int i = 1; i < argc; i++)
    {
      if (g_str_equal (argv[i], "--agenda") && i + 1 < argc)
        {
          g_autoptr(GFile) file = g_file_new_for_commandline_arg (argv[++i]);

          g_clear_object (&agenda);
          agenda = polku_mapping_visit_agenda_load_file (file, NULL, &error);
          if (agenda == NULL)
            return fail (EXIT_USAGE, "%s", error->message);
        }
      else if (client_id == NULL && g_uuid_string_is_valid (argv[i]))
        client_id = argv[i];
      else
        return usage_error (usage, argv[i]);
    }
  if (client_id == NULL)
    return usage_error (usage, NULL);

  store = polku_cli_open_store (&error);
  if (store == NULL)
    return fail (EXIT_ERROR, "%s", error->message);
  visit = polku_mapping_visit_store_create (store, client_id, agenda, &error);
  if (visit == NULL)
    return fail (EXIT_ERROR, "%s", error->message);
  return print_visit (visit);
}

static int
cmd_visit_update (int    argc,
                  char **argv)
{
  const char *usage = "polku-cli mapping-visit update CLIENT-ID --json FILE";
  g_autoptr(PolkuStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(PolkuMappingVisit) visit = NULL;
  g_autoptr(JsonNode) input = NULL;
  const char *client_id = NULL;
  const char *file = NULL;

  for (int i = 1; i < argc; i++)
    {
      if (g_str_equal (argv[i], "--json") && i + 1 < argc)
        file = argv[++i];
      else if (client_id == NULL && g_uuid_string_is_valid (argv[i]))
        client_id = argv[i];
      else
        return usage_error (usage, argv[i]);
    }
  if (client_id == NULL || file == NULL)
    return usage_error (usage, NULL);

  input = polku_cli_read_json (file, &error);
  if (input == NULL)
    return fail (EXIT_USAGE, "%s", error->message);

  store = polku_cli_open_store (&error);
  if (store == NULL)
    return fail (EXIT_ERROR, "%s", error->message);

  /* The first update makes the visit, with the bundled agenda; bad input makes nothing. */
  visit = polku_mapping_visit_store_get_latest (store, client_id, &error);
  if (visit == NULL && g_error_matches (error, POLKU_STORE_ERROR, POLKU_STORE_ERROR_NOT_FOUND))
    {
      g_clear_error (&error);
      visit = polku_mapping_visit_new (client_id, NULL, &error);
      if (visit == NULL)
        return fail (EXIT_ERROR, "%s", error->message);
      if (!visit_apply_json (visit, input, &error))
        return fail (EXIT_USAGE, "%s", error->message);
      if (!polku_mapping_visit_store_add (store, visit, &error))
        return fail (EXIT_ERROR, "%s", error->message);
      return print_visit (visit);
    }
  if (visit == NULL)
    return fail (EXIT_ERROR, "%s", error->message);

  if (!visit_apply_json (visit, input, &error))
    return fail (EXIT_USAGE, "%s", error->message);
  if (!polku_mapping_visit_store_save (store, visit, &error))
    return fail (EXIT_ERROR, "%s", error->message);
  return print_visit (visit);
}

static int
cmd_visit_agenda (int    argc,
                  char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) agenda = NULL;
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  guint minutes = 0;

  if (argc == 3 && g_str_equal (argv[1], "--file"))
    {
      g_autoptr(GFile) file = g_file_new_for_commandline_arg (argv[2]);

      agenda = polku_mapping_visit_agenda_load_file (file, &minutes, &error);
      if (agenda == NULL)
        return fail (EXIT_USAGE, "%s", error->message);
    }
  else if (argc == 1)
    {
      agenda = polku_mapping_visit_agenda_dup_default (&minutes, &error);
      if (agenda == NULL)
        return fail (EXIT_ERROR, "%s", error->message);
    }
  else
    return usage_error ("polku-cli mapping-visit agenda [--file FILE]", argv[1]);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "planned_minutes");
  json_builder_add_int_value (builder, minutes);
  json_builder_set_member_name (builder, "items");
  json_builder_begin_array (builder);
  for (guint i = 0; i < g_list_model_get_n_items (agenda); i++)
    {
      g_autoptr(PolkuMappingVisitItem) item = g_list_model_get_item (agenda, i);

      json_builder_begin_object (builder);
      polku_cli_add_member_or_null (builder, "key", polku_mapping_visit_item_get_key (item));
      polku_cli_add_member_or_null (builder, "title", polku_mapping_visit_item_get_title (item));
      polku_cli_add_member_or_null (builder, "hint", polku_mapping_visit_item_get_hint (item));
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  print_json (root);
  return EXIT_OK;
}

int
polku_cli_mapping_visit (int    argc,
                         char **argv)
{
  static const PolkuCliSubcommand subcommands[] = {
    { "show", cmd_visit_show },
    { "new", cmd_visit_new },
    { "update", cmd_visit_update },
    { "agenda", cmd_visit_agenda },
  };

  return polku_cli_dispatch (argc, argv, subcommands, G_N_ELEMENTS (subcommands));
}
