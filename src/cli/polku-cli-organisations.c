/* polku-cli-organisations.c: polku-cli organisations list, and the receivers of exports
 *
 * Copyright 2026 The Polku authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 *   polku-cli organisations list [--file FILE] [--json]
 *
 * With --file it checks a county's organisations file before it is put in place (exit 2
 * naming the file and the field that is wrong).
 */

#define G_LOG_DOMAIN "polku-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>

#include "polku-consent-export.h"
#include "polku-consent-store.h"
#include "polku-organisations.h"

#include "polku-cli-private.h"

static int
fail_organisations (GError *error)
{
  return fail (error->domain == POLKU_ORGANISATIONS_ERROR ? EXIT_USAGE : EXIT_ERROR, "%s",
               error->message);
}

static void
add_organisation (JsonBuilder *builder,
                  gpointer     item)
{
  PolkuOrganisation *organisation = item;
  static const char * const languages[] = { "fi", "sv", "en", NULL };

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "id");
  json_builder_add_string_value (builder, polku_organisation_get_id (organisation));
  json_builder_set_member_name (builder, "names");
  json_builder_begin_object (builder);
  for (guint i = 0; languages[i] != NULL; i++)
    {
      json_builder_set_member_name (builder, languages[i]);
      json_builder_add_string_value (builder,
                                     polku_organisation_get_name (organisation, languages[i]));
    }
  json_builder_end_object (builder);
  json_builder_set_member_name (builder, "sector");
  json_builder_add_string_value (builder, polku_organisation_get_sector (organisation));
  polku_cli_add_member_or_null (builder, "access_group",
                                polku_organisation_get_access_group (organisation));
  json_builder_end_object (builder);
}

static void
print_organisation_line (gpointer item,
                         gpointer data)
{
  PolkuOrganisation *organisation = item;
  const char *group = polku_organisation_get_access_group (organisation);

  printf ("%s\t%s\t%s\t%s\n", polku_organisation_get_id (organisation),
          polku_organisation_get_label (organisation),
          polku_organisation_sector_get_label (polku_organisation_get_sector (organisation)),
          group != NULL ? group : "-");
}

static int
organisations_list (int    argc,
                    char **argv)
{
  g_autoptr(PolkuOrganisations) organisations = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);
  const char *file = NULL;
  gboolean json = FALSE;
  const PolkuCliOption options[] = {
    { "--file", &file, NULL }, { "--json", NULL, &json }, { NULL }
  };
  GListModel *list;
  int status;

  if (!polku_cli_parse_args (argc, argv, options, NULL, 0, 0,
                             "organisations list [--file FILE] [--json]", &status))
    return status;

  organisations = file != NULL ? polku_organisations_new_from_file (file, &error)
                               : polku_organisations_get_default (&error);
  if (organisations == NULL)
    return fail_organisations (error);

  list = polku_organisations_get_list (organisations);
  for (guint i = 0; i < g_list_model_get_n_items (list); i++)
    g_ptr_array_add (items, g_list_model_get_item (list, i));
  if (json)
    polku_cli_print_list (items, add_organisation);
  else
    polku_cli_print_lines (items, print_organisation_line, NULL);
  return EXIT_OK;
}

int
polku_cli_organisations (int    argc,
                         char **argv)
{
  static const PolkuCliSubcommand subcommands[] = {
    { "list", organisations_list },
  };

  return polku_cli_dispatch (argc, argv, subcommands, G_N_ELEMENTS (subcommands));
}

/* Receivers of exports */

gboolean
polku_cli_check_export_to (const PolkuCliExportTo *to,
                           const char             *usage,
                           int                    *out_status)
{
  g_autoptr(PolkuOrganisations) organisations = NULL;
  g_autoptr(GError) error = NULL;

  if ((to->to != NULL) == to->own_use)
    {
      *out_status = fail (EXIT_USAGE, _("Say who receives the export: --to ORG-ID for an "
                                        "organisation (“polku-cli organisations list” shows "
                                        "the ids), or --own-use for your own use; one of "
                                        "them. Usage: %s"), usage);
      return FALSE;
    }
  if (to->to == NULL)
    return TRUE;

  /* Before the store is opened: a wrong id never needs the key. */
  organisations = polku_organisations_get_default (&error);
  if (organisations == NULL
      || !polku_organisations_check_id (organisations, to->to, &error))
    {
      *out_status = fail_organisations (error);
      return FALSE;
    }
  return TRUE;
}

int
polku_cli_record_export (PolkuStore             *store,
                         const char             *client_id,
                         const PolkuCliExportTo *to,
                         const char * const     *parts,
                         const char             *action,
                         const char             *what)
{
  g_autoptr(GError) error = NULL;

  if (!polku_consent_export_record (store, client_id, to->to, parts, action, what, &error))
    return polku_cli_fail_with (error);
  return EXIT_OK;
}
