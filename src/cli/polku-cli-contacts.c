/* polku-cli-contacts.c: the contact log and the CSV import
 *
 *   polku-cli contacts list CLIENT-ID [--from DATE] [--to DATE] [--json]
 *   polku-cli contacts add CLIENT-ID --json FILE
 *   polku-cli contacts update CONTACT-ID --json FILE
 *   polku-cli contacts remove CONTACT-ID
 *   polku-cli contacts import CLIENT-ID FILE.csv [--dry-run] [--skip-bad-rows]
 *   polku-cli contacts counts CLIENT-ID [--from DATE] [--to DATE] [--json]
 *   polku-cli contacts types [--file FILE] [--json]
 *   polku-cli contacts categories [--file FILE] [--json]
 *
 * Copyright 2026 The Polku authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "polku-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>

#include "polku-audit.h"
#include "polku-client-store.h"
#include "polku-contact-counts.h"
#include "polku-contact-store.h"
#include "polku-contact-type.h"
#include "polku-csv-import.h"

#include "polku-cli-private.h"

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
  json_builder_set_member_name (builder, "days");
  if (polku_contact_get_days (contact) > 0)
    json_builder_add_int_value (builder, polku_contact_get_days (contact));
  else
    json_builder_add_null_value (builder);
  polku_cli_add_member_or_null (builder, "reason", polku_contact_get_reason (contact));
  source = polku_contact_get_source (contact);
  polku_cli_add_member_or_null (builder, "source", polku_contact_source_to_string (source));
  json_builder_end_object (builder);
}

/* What list --json prints may be fed back; these are not changed by input. */
static const char * const contact_ignored[] = {
  "id", "client_id", "created", "modified", "source", NULL
};

/* The members of a contact besides its strings; d.m.yyyy and H.MM are accepted as in the CSV
 * import, and validation reports the rest. */
static gboolean
read_contact_member (GObject     *object,
                     const char  *name,
                     JsonNode    *value,
                     GError     **error)
{
  PolkuContact *contact = POLKU_CONTACT (object);

  if (g_str_equal (name, "date") || g_str_equal (name, "time"))
    {
      const char *text;
      g_autofree char *parsed = NULL;

      if (!polku_cli_check_string (name, value, error))
        return FALSE;
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

      if (!polku_cli_check_string (name, value, error))
        return FALSE;
      if (types != NULL && json_node_get_string (value) != NULL)
        type = polku_contact_types_find (types, json_node_get_string (value));
      polku_contact_set_type_id (contact, type != NULL ? polku_contact_type_get_id (type)
                                                       : json_node_get_string (value));
    }
  else if (g_str_equal (name, "urgent") || g_str_equal (name, "no_show"))
    {
      if (!polku_cli_check_boolean (name, value, error))
        return FALSE;
      if (g_str_equal (name, "urgent"))
        polku_contact_set_urgent (contact, json_node_get_boolean (value));
      else
        polku_contact_set_no_show (contact, json_node_get_boolean (value));
    }
  else if (g_str_equal (name, "days"))
    {
      /* A whole number of days, or null: not recorded (any other type than a stay). */
      if (JSON_NODE_HOLDS_NULL (value))
        polku_contact_set_days (contact, 0);
      else if (JSON_NODE_HOLDS_VALUE (value)
               && json_node_get_value_type (value) == G_TYPE_INT64
               && json_node_get_int (value) >= 1
               && json_node_get_int (value) <= POLKU_CONTACT_MAX_DAYS)
        polku_contact_set_days (contact, (guint) json_node_get_int (value));
      else
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                       _("“days” must be a whole number from 1 to %u, or null."),
                       POLKU_CONTACT_MAX_DAYS);
          return FALSE;
        }
    }
  else if (!g_strv_contains (contact_ignored, name))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   _("Unknown member “%s” in the contact."), name);
      return FALSE;
    }
  return TRUE;
}

static const PolkuCliStringMember contact_strings[] = {
  { "professional", "professional-id" }, { "professional_name", "professional-name" },
  { "organisation", "organisation" }, { "note", "note" }, { "reason", "reason" }, { NULL }
};

static const PolkuCliMembers contact_members = {
  N_("A contact must be a JSON object."),
  contact_strings, read_contact_member
};

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
        return polku_cli_usage_error (usage, argv[i]);
    }
  if (client_id == NULL)
    return polku_cli_usage_error (usage, NULL);
  /* Both are YYYY-MM-DD here, so they compare as text. */
  if (from != NULL && to != NULL && strcmp (from, to) > 0)
    return fail (EXIT_USAGE, _("--from (%s) is after --to (%s): no date is in that range. "
                               "Swap them?"), from, to);

  if (!polku_cli_open_store (&store))
    return EXIT_ERROR;
  client = polku_client_store_get (store, client_id, &error);
  if (client == NULL)
    return fail (EXIT_ERROR, "%s", error->message);
  contacts = polku_contact_store_list (store, client_id, from, to, &error);
  if (contacts == NULL
      || !polku_audit_record (store, POLKU_AUDIT_CONTACT_LIST, client_id, NULL, &error))
    return fail (EXIT_ERROR, "%s", error->message);

  if (json)
    {
      polku_cli_print_list (contacts, (PolkuCliBuildFunc) build_contact_json);
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
      const char *reason = polku_contact_get_reason (c);
      guint days = polku_contact_get_days (c);
      g_autofree char *days_text = days > 0 ? g_strdup_printf ("%u", days) : g_strdup ("");

      /* The days of a stay and the reason come last, so that scripts reading the first
       * columns keep working. */
      printf ("%s\t%s\t%s\t%s\t%s\t%s%s%s\t%s\t%s\n", polku_contact_get_date (c),
              time ? time : "",
              type != NULL ? polku_contact_type_get_label (type) : polku_contact_get_type_id (c),
              professional ? professional : "", organisation ? organisation : "",
              polku_contact_get_urgent (c) ? _("urgent") : "",
              polku_contact_get_urgent (c) && polku_contact_get_no_show (c) ? ", " : "",
              polku_contact_get_no_show (c) ? _("no-show") : "", days_text,
              reason ? reason : "");
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
  const char *client_id;
  gboolean array;
  int status;

  if ((status = polku_cli_read_id_and_json (argc, argv, usage, &client_id, &input)) != EXIT_OK)
    return status;

  /* One object, or an array of them (written together, all or none). */
  array = JSON_NODE_HOLDS_ARRAY (input);
  for (guint i = 0; i < (array ? json_array_get_length (json_node_get_array (input)) : 1); i++)
    {
      JsonNode *node = array ? json_array_get_element (json_node_get_array (input), i) : input;
      g_autoptr(PolkuContact) contact = polku_contact_new ();

      polku_contact_set_client_id (contact, client_id);
      if (!polku_cli_read_members (&contact_members, G_OBJECT (contact), node, &error)
          || !polku_contact_validate (contact, NULL, &error))
        {
          if (array)
            return fail (EXIT_USAGE, _("Contact %u: %s"), i + 1, error->message);
          return fail (EXIT_USAGE, "%s", error->message);
        }
      g_ptr_array_add (contacts, g_steal_pointer (&contact));
    }

  if (!polku_cli_open_store (&store))
    return EXIT_ERROR;
  if (!polku_contact_store_add_all (store, client_id, contacts, &error))
    return fail (EXIT_ERROR, "%s", error->message);

  if (array)
    json_builder_begin_array (builder);
  for (guint i = 0; i < contacts->len; i++)
    build_contact_json (builder, g_ptr_array_index (contacts, i));
  if (array)
    json_builder_end_array (builder);
  polku_cli_print_builder (builder);
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
  const char *contact_id;
  int status;

  if ((status = polku_cli_read_id_and_json (argc, argv, usage, &contact_id, &input)) != EXIT_OK)
    return status;

  if (!polku_cli_open_store (&store))
    return EXIT_ERROR;
  contact = polku_contact_store_get (store, contact_id, &error);
  if (contact == NULL)
    return fail (EXIT_ERROR, "%s", error->message);
  if (!polku_cli_read_members (&contact_members, G_OBJECT (contact), input, &error)
      || !polku_contact_validate (contact, NULL, &error))
    return fail (EXIT_USAGE, "%s", error->message);
  if (!polku_contact_store_update (store, contact, &error))
    return fail (EXIT_ERROR, "%s", error->message);

  polku_cli_print_one (contact, (PolkuCliBuildFunc) build_contact_json);
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
    return polku_cli_usage_error ("polku-cli contacts remove CONTACT-ID", NULL);

  if (!polku_cli_open_store (&store))
    return EXIT_ERROR;
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
  const char *client_id = NULL;
  const char *file = NULL;
  gboolean dry_run = FALSE;
  gboolean skip_bad_rows = FALSE;
  guint written = 0;
  guint n_invalid;
  guint unclosed_line;

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
        return polku_cli_usage_error (usage, argv[i]);
    }
  if (client_id == NULL || file == NULL)
    return polku_cli_usage_error (usage, NULL);

  /* The file is read and checked before the key is needed. */
  gfile = g_file_new_for_commandline_arg (file);
  import = polku_csv_import_new_for_file (gfile, client_id, NULL, &error);
  if (import == NULL)
    return fail (EXIT_USAGE, "%s: %s", file, error->message);

  if (!polku_cli_open_store (&store))
    return EXIT_ERROR;
  client = polku_client_store_get (store, client_id, &error);
  if (client == NULL || !polku_csv_import_find_duplicates (import, store, &error))
    return fail (EXIT_ERROR, "%s", error->message);

  n_invalid = polku_csv_import_get_n_invalid (import);
  unclosed_line = polku_csv_import_get_unclosed_quote_line (import);
  if (!dry_run && (n_invalid == 0 || skip_bad_rows) && unclosed_line == 0
      && !polku_csv_import_commit (import, store, skip_bad_rows, &written, &error))
    return fail (EXIT_ERROR, "%s", error->message);

  build_import_json (builder, import, file, dry_run, written);
  polku_cli_print_builder (builder);

  if (unclosed_line > 0)
    return fail (EXIT_USAGE,
                 _("A quote (\") opened in the row on line %u is never closed, so every line "
                   "after it was read as part of that one row. Nothing was imported: close the "
                   "quote and import again."), unclosed_line);
  if (n_invalid > 0 && skip_bad_rows && !dry_run
      && polku_csv_import_get_n_valid (import) + written == 0
      && polku_csv_import_get_n_duplicate (import) == 0)
    return fail (EXIT_USAGE,
                 _("Every row has errors (listed above), so nothing was imported."));

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
        return polku_cli_usage_error ("polku-cli contacts types [--file FILE] [--json]",
                                      argv[i]);
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
          polku_cli_add_member_or_null (builder, "category",
                                        polku_contact_category_get_id (
                                          polku_contact_type_get_category (type)));
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
      polku_cli_print_builder (builder);
    }
  else
    {
      for (guint i = 0; i < g_list_model_get_n_items (types); i++)
        {
          g_autoptr(PolkuContactType) type = g_list_model_get_item (types, i);

          printf ("%s\t%s\t%s\n", polku_contact_type_get_id (type),
                  polku_contact_type_get_label (type),
                  polku_contact_category_get_id (polku_contact_type_get_category (type)));
        }
    }
  return EXIT_OK;
}

static void
build_tally_json (JsonBuilder             *builder,
                  const PolkuContactTally *tally,
                  gboolean                 with_id)
{
  static const char * const names[] = {
    "contacts", "urgent", "non_urgent", "no_shows", "days", "stays_without_days", "repeats"
  };
  guint values[G_N_ELEMENTS (names)];

  values[0] = tally->contacts;
  values[1] = tally->urgent;
  values[2] = tally->contacts - tally->urgent;
  values[3] = tally->no_shows;
  values[4] = tally->days;
  values[5] = tally->stays_without_days;
  values[6] = tally->repeats;

  json_builder_begin_object (builder);
  if (with_id)
    polku_cli_add_member_or_null (builder, "id", tally->id[0] != '\0' ? tally->id : NULL);
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      json_builder_set_member_name (builder, names[i]);
      json_builder_add_int_value (builder, values[i]);
    }
  json_builder_end_object (builder);
}

static int
cmd_counts (int    argc,
            char **argv)
{
  const char *usage = "polku-cli contacts counts CLIENT-ID [--from DATE] [--to DATE] [--json]";
  g_autoptr(PolkuStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(PolkuContactCounts) counts = NULL;
  g_autoptr(PolkuClient) client = NULL;
  g_autoptr(GListModel) types = NULL;
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
        return polku_cli_usage_error (usage, argv[i]);
    }
  if (client_id == NULL)
    return polku_cli_usage_error (usage, NULL);
  if (from != NULL && to != NULL && g_strcmp0 (from, to) > 0)
    return fail (EXIT_USAGE, _("The period starts after it ends: check --from and --to."));
  /* Only reads: a missing profile is an error, never created. */
  polku_cli_reads_only = TRUE;

  types = polku_contact_types_dup_default (&error);
  if (types == NULL)
    return fail (EXIT_ERROR, "%s", error->message);
  if (!polku_cli_open_store (&store))
    return EXIT_ERROR;
  client = polku_client_store_get (store, client_id, &error);
  if (client == NULL)
    return fail (EXIT_ERROR, "%s", error->message);
  counts = polku_contact_store_count_by_category (store, client_id, from, to, &error);
  if (counts == NULL
      || !polku_audit_record (store, POLKU_AUDIT_CONTACT_LIST, client_id, NULL, &error))
    return fail (EXIT_ERROR, "%s", error->message);

  if (json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();

      json_builder_begin_object (builder);
      polku_cli_add_member_or_null (builder, "client_id", client_id);
      polku_cli_add_member_or_null (builder, "from", from);
      polku_cli_add_member_or_null (builder, "to", to);
      json_builder_set_member_name (builder, "total");
      build_tally_json (builder, &counts->total, FALSE);
      json_builder_set_member_name (builder, "repeated_reasons");
      json_builder_add_int_value (builder, counts->repeated_reasons);
      json_builder_set_member_name (builder, "categories");
      json_builder_begin_array (builder);
      for (guint i = 0; i < counts->categories->len; i++)
        build_tally_json (builder, &g_array_index (counts->categories, PolkuContactTally, i),
                          TRUE);
      json_builder_end_array (builder);
      json_builder_set_member_name (builder, "types");
      json_builder_begin_array (builder);
      for (guint i = 0; i < counts->types->len; i++)
        build_tally_json (builder, &g_array_index (counts->types, PolkuContactTally, i), TRUE);
      json_builder_end_array (builder);
      json_builder_end_object (builder);
      polku_cli_print_builder (builder);
      return EXIT_OK;
    }

  /* category, its label, contacts, urgent, non-urgent, no-shows, days, repeats */
  for (guint i = 0; i < counts->categories->len; i++)
    {
      const PolkuContactTally *t = &g_array_index (counts->categories, PolkuContactTally, i);
      PolkuContactCategory *category = polku_contact_types_lookup_category (types, t->id);

      printf ("%s\t%s\t%u\t%u\t%u\t%u\t%u\t%u\n", t->id[0] != '\0' ? t->id : "-",
              category != NULL ? polku_contact_category_get_label (category)
                               : _("type not known"),
              t->contacts, t->urgent, t->contacts - t->urgent, t->no_shows, t->days,
              t->repeats);
    }
  return EXIT_OK;
}

static int
cmd_categories (int    argc,
                char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) types = NULL;
  GPtrArray *categories;
  const char *file = NULL;
  gboolean json = FALSE;

  for (int i = 1; i < argc; i++)
    {
      if (g_str_equal (argv[i], "--json"))
        json = TRUE;
      else if (g_str_equal (argv[i], "--file") && i + 1 < argc)
        file = argv[++i];
      else
        return polku_cli_usage_error ("polku-cli contacts categories [--file FILE] [--json]",
                                      argv[i]);
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

  categories = polku_contact_types_get_categories (types);
  if (json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();

      json_builder_begin_array (builder);
      for (guint i = 0; i < categories->len; i++)
        {
          PolkuContactCategory *category = g_ptr_array_index (categories, i);

          json_builder_begin_object (builder);
          polku_cli_add_member_or_null (builder, "id", polku_contact_category_get_id (category));
          json_builder_set_member_name (builder, "labels");
          json_builder_begin_object (builder);
          for (guint l = 0; l < 3; l++)
            {
              const char *lang = (const char *[]) { "en", "fi", "sv" }[l];

              polku_cli_add_member_or_null (builder, lang,
                                            polku_contact_category_get_label_for (category,
                                                                                  lang));
            }
          json_builder_end_object (builder);
          json_builder_set_member_name (builder, "types");
          json_builder_begin_array (builder);
          for (guint t = 0; t < g_list_model_get_n_items (types); t++)
            {
              g_autoptr(PolkuContactType) type = g_list_model_get_item (types, t);

              if (polku_contact_type_get_category (type) == category)
                json_builder_add_string_value (builder, polku_contact_type_get_id (type));
            }
          json_builder_end_array (builder);
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
      polku_cli_print_builder (builder);
      return EXIT_OK;
    }

  for (guint i = 0; i < categories->len; i++)
    {
      PolkuContactCategory *category = g_ptr_array_index (categories, i);

      printf ("%s\t%s\n", polku_contact_category_get_id (category),
              polku_contact_category_get_label (category));
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
    { "counts", cmd_counts },
    { "types", cmd_types },
    { "categories", cmd_categories },
  };

  return polku_cli_dispatch (argc, argv, subcommands, G_N_ELEMENTS (subcommands));
}
