/* polku-cli-signs.c: polku-cli signs checklist|add|retract|list: warning signs
 *
 * Copyright 2026 The Polku authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "polku-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>

#include "polku-case-store.h"
#include "polku-checklist.h"

#include "polku-cli-private.h"

POLKU_CLI_DATED_ADAPTER (retract_sign, polku_case_store_retract_sign)

/* Begins the JSON object of a group (@item_id NULL) or of an item: its id and its label in
 * each language. */
static void
begin_entry (JsonBuilder    *builder,
             PolkuChecklist *checklist,
             const char     *group_id,
             const char     *item_id)
{
  static const char * const languages[] = { "en", "fi", "sv" };

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "id");
  json_builder_add_string_value (builder, item_id != NULL ? item_id : group_id);
  json_builder_set_member_name (builder, "label");
  json_builder_begin_object (builder);
  for (guint l = 0; l < G_N_ELEMENTS (languages); l++)
    {
      json_builder_set_member_name (builder, languages[l]);
      json_builder_add_string_value (builder,
                                     item_id != NULL
                                     ? polku_checklist_get_item_label (checklist, group_id,
                                                                       item_id, languages[l])
                                     : polku_checklist_get_group_label (checklist, group_id,
                                                                        languages[l]));
    }
  json_builder_end_object (builder);
}

static int
signs_checklist (int    argc,
                 char **argv)
{
  g_autoptr(PolkuChecklist) checklist = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  const char *file = NULL;
  gboolean json = FALSE;
  const PolkuCliOption options[] = {
    { "--file", &file, NULL }, { "--json", NULL, &json }, { NULL }
  };
  int status;

  if (!polku_cli_parse_args (argc, argv, options, NULL, 0, 0,
                             "signs checklist [--file FILE] [--json]", &status))
    return status;

  checklist = file != NULL ? polku_checklist_new_from_file (file, &error)
                           : polku_checklist_get_default (&error);
  if (checklist == NULL)
    return polku_cli_fail_with (error);

  if (!json)
    {
      for (guint g = 0; g < polku_checklist_get_n_groups (checklist); g++)
        {
          const char *group_id = polku_checklist_get_group_id (checklist, g);

          printf ("%s\t%s\n", group_id,
                  polku_checklist_get_group_label (checklist, group_id, NULL));
          for (guint i = 0; i < polku_checklist_get_n_items (checklist, g); i++)
            {
              const char *item_id = polku_checklist_get_item_id (checklist, g, i);

              printf ("  %s\t%s\n", item_id,
                      polku_checklist_get_item_label (checklist, group_id, item_id, NULL));
            }
        }
      return EXIT_OK;
    }

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "id");
  json_builder_add_string_value (builder, polku_checklist_get_id (checklist));
  json_builder_set_member_name (builder, "groups");
  json_builder_begin_array (builder);
  for (guint g = 0; g < polku_checklist_get_n_groups (checklist); g++)
    {
      const char *group_id = polku_checklist_get_group_id (checklist, g);

      begin_entry (builder, checklist, group_id, NULL);
      json_builder_set_member_name (builder, "items");
      json_builder_begin_array (builder);
      for (guint i = 0; i < polku_checklist_get_n_items (checklist, g); i++)
        {
          begin_entry (builder, checklist, group_id,
                       polku_checklist_get_item_id (checklist, g, i));
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);
  polku_cli_print_builder (builder);
  return EXIT_OK;
}

/* The sign's group and item must be in the county's checklist, and its source sector one of
 * the list (the store checks the rest: the unit and the person a professional names). */
static int
check_sign (GObject *draft)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PolkuChecklist) checklist = polku_checklist_get_default (&error);
  const char *sector = polku_case_sign_get_source_sector (POLKU_CASE_SIGN (draft));

  if (checklist == NULL)
    return fail (EXIT_ERROR, "%s", error->message);
  if (sector == NULL)
    return fail (EXIT_USAGE, _("Say who flagged the client: “source_sector” is one of health, "
                               "social, third_sector, private, client or relative. Nothing was "
                               "changed."));
  if (polku_case_sign_sector_get_label (sector) == NULL)
    return fail (EXIT_USAGE, _("Unknown source sector “%s”: use health, social, third_sector, "
                               "private, client or relative. Nothing was changed."), sector);
  if (!polku_checklist_check_item (checklist,
                                   polku_case_sign_get_group_id (POLKU_CASE_SIGN (draft)),
                                   polku_case_sign_get_item_id (POLKU_CASE_SIGN (draft)), &error))
    return fail (EXIT_USAGE, "%s", error->message);
  return EXIT_OK;
}

static GObject *
add_sign (PolkuStore  *store,
          GObject     *draft,
          GError     **error)
{
  g_autoptr(PolkuChecklist) checklist = polku_checklist_get_default (error);

  if (checklist == NULL)
    return NULL;
  return G_OBJECT (polku_case_store_add_sign (store, checklist, POLKU_CASE_SIGN (draft), error));
}

#define SIGNS_ADD_USAGE "signs add CLIENT-ID --json FILE"

static int
signs_add (int    argc,
           char **argv)
{
  static const char * const allowed[] = {
    "group_id", "item_id", "reason", "source_sector", "flagged_by", "flagged_on",
    "service_point", NULL
  };

  return polku_cli_add_from_json (argc, argv, POLKU_TYPE_CASE_SIGN, allowed, SIGNS_ADD_USAGE,
                                  check_sign, add_sign);
}

#define SIGNS_RETRACT_USAGE "signs retract SIGN-ID [--date DATE]"

static int
signs_retract (int    argc,
               char **argv)
{
  return polku_cli_change_on_date (argc, argv, SIGNS_RETRACT_USAGE, retract_sign);
}

static void
print_sign_line (gpointer item,
                 gpointer checklist)
{
  PolkuCaseSign *sign = item;
  g_autofree char *source = polku_case_sign_dup_source (sign);

  printf ("%s\t%s\t%s\t%s%s\n", polku_case_sign_get_id (sign),
          polku_case_sign_get_flagged_on (sign), polku_cli_sign_label (checklist, sign), source,
          polku_case_sign_get_retracted_on (sign) != NULL ? _("\t(retracted)") : "");
}

static const PolkuCliClientList signs_list_what = {
  "signs.list", polku_case_store_list_signs, print_sign_line
};

static int
signs_list (int    argc,
            char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PolkuChecklist) checklist = NULL;
  PolkuCliListArgs args;
  int status;

  if (!polku_cli_parse_list_args (argc, argv, "signs list CLIENT-ID [--all] [--json]", TRUE,
                                  &args, &status))
    return status;

  /* A county's broken checklist is reported before the store is opened. */
  checklist = polku_checklist_get_default (&error);
  if (checklist == NULL)
    return fail (EXIT_ERROR, "%s", error->message);
  return polku_cli_print_client_list (&signs_list_what, &args, checklist);
}

int
polku_cli_signs (int    argc,
                 char **argv)
{
  static const PolkuCliSubcommand subcommands[] = {
    { "checklist", signs_checklist },
    { "add", signs_add },
    { "retract", signs_retract },
    { "list", signs_list },
  };

  return polku_cli_dispatch (argc, argv, subcommands, G_N_ELEMENTS (subcommands));
}
