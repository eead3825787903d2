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

static GPtrArray *
list_responsible (PolkuStore  *store,
                  const char  *client_id,
                  gboolean     all,
                  GError     **error)
{
  return polku_team_store_list_responsible (store, client_id, error);
}

static void
print_member_line (gpointer item,
                   gpointer data)
{
  PolkuTeamMember *member = item;

  printf ("%s\t%s\t%s\t%s\t%s%s\n", polku_team_member_get_id (member),
          polku_team_member_get_person (member), polku_team_member_get_role (member),
          polku_team_member_get_organisation (member), polku_team_member_get_sector (member),
          polku_team_member_get_responsible (member) ? _("\t(responsible worker)") : "");
}

static void
print_period_line (gpointer item,
                   gpointer data)
{
  PolkuTeamResponsible *period = item;
  const char *ended = polku_team_responsible_get_ended_on (period);

  printf ("%s\t%s\t%s\t%s\n", polku_team_responsible_get_started_on (period),
          ended != NULL ? ended : "-", polku_team_responsible_get_person (period),
          polku_team_responsible_get_member_id (period));
}

static const PolkuCliClientList team_list_what = {
  "team.list", polku_team_store_list, print_member_line
};
static const PolkuCliClientList team_history_what = {
  "team.history", list_responsible, print_period_line
};

/* team list, and team history (which takes --all too, and ignores it) */
static int
team_list (int    argc,
           char **argv)
{
  gboolean history = g_str_equal (argv[0], "history");
  PolkuCliListArgs args;
  int status;

  if (!polku_cli_parse_list_args (argc, argv, history ? "team history CLIENT-ID [--json]"
                                                      : "team list CLIENT-ID [--all] [--json]",
                                  TRUE, &args, &status))
    return status;
  return polku_cli_print_client_list (history ? &team_history_what : &team_list_what, &args,
                                      NULL);
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

int
polku_cli_team (int    argc,
                char **argv)
{
  static const PolkuCliSubcommand subcommands[] = {
    { "add", team_add },
    { "set-responsible", team_set_responsible },
    { "leave", team_leave },
    { "list", team_list },
    { "history", team_list },
  };

  return polku_cli_dispatch (argc, argv, subcommands, G_N_ELEMENTS (subcommands));
}
