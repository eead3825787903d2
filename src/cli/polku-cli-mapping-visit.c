/* polku-cli-mapping-visit.c: the mapping visit (kartoituskäynti)
 *
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

#include "polku-audit.h"
#include "polku-mapping-visit.h"

#include "polku-cli-private.h"

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
  polku_cli_print_one (visit, (PolkuCliBuildFunc) build_visit_json);
  return EXIT_OK;
}


/* "items": [{"key", "done", "note"}], each naming an item of the visit's agenda. */
static gboolean
read_items (PolkuMappingVisit  *visit,
            JsonNode           *value,
            GError            **error)
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
              && polku_cli_is_string_or_null (json_object_get_member (patch, "key")))
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
          if (g_str_equal (m->data, "done") && polku_cli_is_boolean (v))
            polku_mapping_visit_item_set_done (item, json_node_get_boolean (v));
          else if (g_str_equal (m->data, "note") && polku_cli_is_string_or_null (v))
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
  return TRUE;
}

/* What show prints may be fed back; these are not changed by input. */
static const char * const visit_ignored[] = {
  "id", "client_id", "created", "modified", "elapsed_seconds", "running", NULL
};

/* The members of a visit besides its strings: planned_minutes, timer ("start", "pause",
 * "reset") and items. */
static gboolean
read_visit_member (GObject     *object,
                   const char  *name,
                   JsonNode    *value,
                   GError     **error)
{
  PolkuMappingVisit *visit = POLKU_MAPPING_VISIT (object);

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
      const char *action = polku_cli_is_string_or_null (value) ? json_node_get_string (value)
                                                               : NULL;

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
    return read_items (visit, value, error);
  else if (!g_strv_contains (visit_ignored, name))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   _("Unknown member “%s” in the mapping visit."), name);
      return FALSE;
    }
  return TRUE;
}

static const PolkuCliStringMember visit_strings[] = {
  { "scheduled", "scheduled" }, { "place", "place" }, { "held_on", "held-on" },
  { "notes", "notes" }, { NULL }
};

static const PolkuCliMembers visit_members = {
  N_("The mapping visit must be a JSON object."),
  visit_strings, read_visit_member
};

/* Applies a JSON patch of the visit and checks the result. */
static gboolean
visit_apply_json (PolkuMappingVisit  *visit,
                  JsonNode           *node,
                  GError            **error)
{
  return polku_cli_read_members (&visit_members, G_OBJECT (visit), node, error)
         && polku_mapping_visit_validate (visit, error);
}

static int
cmd_visit_show (int    argc,
                char **argv)
{
  const char *usage = "polku-cli mapping-visit show CLIENT-ID [--json]";
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
        return polku_cli_usage_error (usage, argv[i]);
    }
  if (client_id == NULL)
    return polku_cli_usage_error (usage, NULL);

  if (!polku_cli_open_store (&store))
    return EXIT_ERROR;
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
        return polku_cli_usage_error (usage, argv[i]);
    }
  if (client_id == NULL)
    return polku_cli_usage_error (usage, NULL);

  if (!polku_cli_open_store (&store))
    return EXIT_ERROR;
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
  const char *client_id;
  int status;

  if ((status = polku_cli_read_id_and_json (argc, argv, usage, &client_id, &input)) != EXIT_OK)
    return status;

  if (!polku_cli_open_store (&store))
    return EXIT_ERROR;

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
    return polku_cli_usage_error ("polku-cli mapping-visit agenda [--file FILE]", argv[1]);

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
  polku_cli_print_builder (builder);
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
