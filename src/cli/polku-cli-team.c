/* polku-cli-team.c: polku-cli team add|set-responsible|leave|list|history
 *
 * Copyright 2026 The Polku authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "polku-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>

#include "polku-team-store.h"

#include "polku-cli-private.h"

POLKU_CLI_DATED_ADAPTER (set_responsible, polku_team_store_set_responsible)
POLKU_CLI_DATED_ADAPTER (leave_team, polku_team_store_leave)

static GObject *
add_team_member (PolkuStore  *store,
                 GObject     *draft,
                 GError     **error)
{
  return G_OBJECT (polku_team_store_add (store, POLKU_TEAM_MEMBER (draft), error));
}

#define TEAM_ADD_USAGE "team add CLIENT-ID --json FILE"

static int
team_add (int    argc,
          char **argv)
{
  static const char * const allowed[] = {
    "person", "role", "organisation", "sector", "contact", "joined_on", "responsible", NULL
  };

  return polku_cli_add_from_json (argc, argv, POLKU_TYPE_TEAM_MEMBER, allowed, TEAM_ADD_USAGE,
                                  NULL, add_team_member);
}

static int
team_list (int       argc,
           char    **argv,
           gboolean  history)
{
  g_autoptr(PolkuStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) list = NULL;
  const char *usage = history ? "team history CLIENT-ID [--json]"
                              : "team list CLIENT-ID [--all] [--json]";
  const char *client_id = NULL;
  gboolean all = FALSE;
  gboolean json = FALSE;
  const PolkuCliOption options[] = {
    { "--all", NULL, &all }, { "--json", NULL, &json }, { NULL }
  };
  int status;

  if (!polku_cli_parse_args (argc, argv, options, &client_id, 1, 1, usage, &status)
      || !polku_cli_check_id (client_id, usage, &status))
    return status;

  if (!polku_cli_open_store (&store))
    return EXIT_ERROR;
  if (!polku_cli_record_view (store, client_id, history ? "team.history" : "team.list", &error))
    return polku_cli_fail_with (error);
  list = history ? polku_team_store_list_responsible (store, client_id, &error)
                 : polku_team_store_list (store, client_id, all, &error);
  if (list == NULL)
    return polku_cli_fail_with (error);

  if (json)
    polku_cli_print_list (list, polku_cli_add_object);
  else if (history)
    for (guint i = 0; i < list->len; i++)
      {
        PolkuTeamResponsible *period = g_ptr_array_index (list, i);
        const char *ended = polku_team_responsible_get_ended_on (period);

        printf ("%s\t%s\t%s\t%s\n", polku_team_responsible_get_started_on (period),
                ended != NULL ? ended : "-", polku_team_responsible_get_person (period),
                polku_team_responsible_get_member_id (period));
      }
  else
    for (guint i = 0; i < list->len; i++)
      {
        PolkuTeamMember *member = g_ptr_array_index (list, i);

        printf ("%s\t%s\t%s\t%s\t%s%s\n", polku_team_member_get_id (member),
                polku_team_member_get_person (member), polku_team_member_get_role (member),
                polku_team_member_get_organisation (member),
                polku_team_member_get_sector (member),
                polku_team_member_get_responsible (member) ? _("\t(responsible worker)") : "");
      }
  return EXIT_OK;
}

static int
team_set_responsible (int    argc,
                      char **argv)
{
  return polku_cli_change_on_date (argc, argv, "team set-responsible MEMBER-ID [--date DATE]",
                                   set_responsible);
}

static int
team_leave (int    argc,
            char **argv)
{
  return polku_cli_change_on_date (argc, argv, "team leave MEMBER-ID [--date DATE]",
                                   leave_team);
}

static int
team_list_current (int    argc,
                   char **argv)
{
  return team_list (argc, argv, FALSE);
}

static int
team_list_history (int    argc,
                   char **argv)
{
  return team_list (argc, argv, TRUE);
}

int
polku_cli_team (int    argc,
                char **argv)
{
  static const PolkuCliSubcommand subcommands[] = {
    { "add", team_add },
    { "set-responsible", team_set_responsible },
    { "leave", team_leave },
    { "list", team_list_current },
    { "history", team_list_history },
  };

  return polku_cli_dispatch (argc, argv, subcommands, G_N_ELEMENTS (subcommands));
}
