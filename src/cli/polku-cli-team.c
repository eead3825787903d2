/* polku-cli-team.c: polku-cli team add|set-responsible|unset-responsible|leave|list|history,
 * and the coordinator's commands: case coordinator, case queue
 *
 * The coordinator (asiakasvastaava) owns the case and holds the caseload; the team's
 * responsible workers (vastuutyöntekijät, one or more) are the plan's. Names of workers are
 * not client data and may be given on the command line.
 *
 * Copyright 2026 The Polku authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "polku-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>

#include "polku-audit.h"
#include "polku-case-store.h"
#include "polku-coordinator-store.h"
#include "polku-team-store.h"

#include "polku-cli-private.h"

POLKU_CLI_DATED_ADAPTER (set_responsible, polku_team_store_set_responsible)
POLKU_CLI_DATED_ADAPTER (unset_responsible, polku_team_store_unset_responsible)
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

static const PolkuCliClientList team_list_what = {
  "team.list", polku_team_store_list, print_member_line
};

/* "coordinator|responsible  STARTED  ENDED|-  PERSON  [MEMBER-ID]": one line per period,
 * the role first, so that a script can tell them apart. */
static void
print_coordinator_period_line (gpointer item,
                               gpointer data)
{
  PolkuCoordinatorPeriod *period = item;
  const char *ended = polku_coordinator_period_get_ended_on (period);

  printf ("coordinator\t%s\t%s\t%s\n", polku_coordinator_period_get_started_on (period),
          ended != NULL ? ended : "-", polku_coordinator_period_get_person (period));
}

static void
print_responsible_period_line (gpointer item,
                               gpointer data)
{
  PolkuTeamResponsible *period = item;
  const char *ended = polku_team_responsible_get_ended_on (period);

  printf ("responsible\t%s\t%s\t%s\t%s\n", polku_team_responsible_get_started_on (period),
          ended != NULL ? ended : "-", polku_team_responsible_get_person (period),
          polku_team_responsible_get_member_id (period));
}

#define TEAM_HISTORY_USAGE "team history CLIENT-ID [--json]"

/* The coordinators and the responsible workers over time (team history also takes --all,
 * and ignores it). */
static int
team_history (int    argc,
              char **argv)
{
  g_autoptr(PolkuStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) coordinators = NULL;
  g_autoptr(GPtrArray) responsible = NULL;
  PolkuCliListArgs args;
  int status;

  if (!polku_cli_parse_list_args (argc, argv, TEAM_HISTORY_USAGE, TRUE, &args, &status))
    return status;
  if (!polku_cli_open_store (&store))
    return EXIT_ERROR;
  if (!polku_cli_record_view (store, args.client_id, "team.history", &error)
      || (coordinators = polku_coordinator_store_list_history (store, args.client_id,
                                                               &error)) == NULL
      || (responsible = polku_team_store_list_responsible (store, args.client_id,
                                                           &error)) == NULL)
    return polku_cli_fail_with (error);

  if (args.json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "coordinator_history");
      polku_cli_add_list (builder, coordinators, polku_cli_add_object);
      json_builder_set_member_name (builder, "responsible_history");
      polku_cli_add_list (builder, responsible, polku_cli_add_object);
      json_builder_end_object (builder);
      polku_cli_print_builder (builder);
    }
  else
    {
      polku_cli_print_lines (coordinators, print_coordinator_period_line, NULL);
      polku_cli_print_lines (responsible, print_responsible_period_line, NULL);
    }
  return EXIT_OK;
}

/* team list */
static int
team_list (int    argc,
           char **argv)
{
  PolkuCliListArgs args;
  int status;

  if (!polku_cli_parse_list_args (argc, argv, "team list CLIENT-ID [--all] [--json]", TRUE,
                                  &args, &status))
    return status;
  return polku_cli_print_client_list (&team_list_what, &args, NULL);
}

static int
team_set_responsible (int    argc,
                      char **argv)
{
  return polku_cli_change_on_date (argc, argv, "team set-responsible MEMBER-ID [--date DATE]",
                                   set_responsible);
}

static int
team_unset_responsible (int    argc,
                        char **argv)
{
  return polku_cli_change_on_date (argc, argv,
                                   "team unset-responsible MEMBER-ID [--date DATE]",
                                   unset_responsible);
}

static int
team_leave (int    argc,
            char **argv)
{
  return polku_cli_change_on_date (argc, argv, "team leave MEMBER-ID [--date DATE]",
                                   leave_team);
}

#define CASE_COORDINATOR_USAGE "case coordinator CLIENT-ID NAME|me|none [--date DATE]"

/* case coordinator: NAME the coordinator from DATE; "me" is whoever works (--as, or the
 * account's name), "none" ends the current coordinator's period (back to the queue). */
int
polku_cli_case_coordinator (int    argc,
                            char **argv)
{
  g_autoptr(PolkuStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(PolkuCoordinatorPeriod) period = NULL;
  g_autofree char *actor = NULL;
  const char *positional[2] = { NULL, NULL };
  const char *date = NULL;
  const PolkuCliOption options[] = { { "--date", &date, NULL }, { NULL } };
  const char *name;
  int status;

  if (!polku_cli_parse_args (argc, argv, options, positional, 2, 2, CASE_COORDINATOR_USAGE,
                             &status)
      || !polku_cli_check_id (positional[0], CASE_COORDINATOR_USAGE, &status))
    return status;

  if (!polku_cli_open_store (&store))
    return EXIT_ERROR;
  name = positional[1];
  if (g_str_equal (name, "none"))
    period = polku_coordinator_store_end (store, positional[0], date, &error);
  else
    {
      if (g_str_equal (name, "me"))
        name = actor = polku_store_dup_actor (store);
      period = polku_coordinator_store_set (store, positional[0], name, date, &error);
    }
  return polku_cli_print_or_fail (period, error);
}

static void
print_waiting_line (gpointer item,
                    gpointer data)
{
  PolkuCoordinatorWaiting *waiting = item;
  guint days = polku_coordinator_waiting_get_days_waiting (waiting);
  g_autofree char *waited = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u day", "%u days",
                                                          days), days);

  printf ("%s\t%s\t%s\t%s\t%s %s\n", polku_coordinator_waiting_get_client_id (waiting),
          polku_coordinator_waiting_get_identified_on (waiting), waited,
          polku_coordinator_waiting_get_phase (waiting),
          polku_coordinator_waiting_get_given_name (waiting),
          polku_coordinator_waiting_get_family_name (waiting));
}

#define CASE_QUEUE_USAGE "case queue [--json]"

/* case queue: the clients with an open case and no coordinator, the earliest identified
 * first. */
int
polku_cli_case_queue (int    argc,
                      char **argv)
{
  g_autoptr(PolkuStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) queue = NULL;
  gboolean json = FALSE;
  const PolkuCliOption options[] = { { "--json", NULL, &json }, { NULL } };
  int status;

  if (!polku_cli_parse_args (argc, argv, options, NULL, 0, 0, CASE_QUEUE_USAGE, &status))
    return status;
  if (!polku_cli_open_store (&store))
    return EXIT_ERROR;
  /* The queue names clients: reading it is recorded as reading the list of cases. */
  if (!polku_audit_record (store, "case.list", NULL, "cli=case.queue", &error)
      || (queue = polku_coordinator_store_list_queue (store, &error)) == NULL)
    return polku_cli_fail_with (error);

  polku_cli_print_objects (queue, json, print_waiting_line, NULL);
  return EXIT_OK;
}

int
polku_cli_team (int    argc,
                char **argv)
{
  static const PolkuCliSubcommand subcommands[] = {
    { "add", team_add },
    { "set-responsible", team_set_responsible },
    { "unset-responsible", team_unset_responsible },
    { "leave", team_leave },
    { "list", team_list },
    { "history", team_history },
  };

  return polku_cli_dispatch (argc, argv, subcommands, G_N_ELEMENTS (subcommands));
}
