/* polku-cli-followups.c: polku-cli followups list|add|done
 *
 * Copyright 2026 The Polku authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "polku-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>

#include "polku-audit.h"
#include "polku-date.h"
#include "polku-followup-store.h"

#include "polku-cli-private.h"

POLKU_CLI_DATED_ADAPTER (followup_done, polku_followup_store_done)

static GObject *
add_followup (PolkuStore  *store,
              GObject     *draft,
              GError     **error)
{
  return G_OBJECT (polku_followup_store_add (store, POLKU_FOLLOWUP (draft), error));
}

static void
print_followup_line (gpointer item,
                     gpointer today)
{
  PolkuFollowup *followup = item;

  printf ("%s\t%s\t%s\t%s%s\n", polku_followup_get_id (followup),
          polku_followup_get_due_on (followup), polku_followup_get_client_name (followup),
          polku_followup_get_title (followup),
          polku_followup_get_done_on (followup) != NULL ? _("\t(done)")
          : polku_followup_is_overdue (followup, today) ? _("\t(overdue)") : "");
}

#define FOLLOWUPS_LIST_USAGE \
  "followups list [--due [DATE]] [--client CLIENT-ID [--all]] [--json]"

static int
followups_list (int    argc,
                char **argv)
{
  g_autoptr(PolkuStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) list = NULL;
  g_autofree char *today = NULL;
  const char *client_id = NULL;
  const char *due = NULL;
  gboolean due_today = FALSE;
  gboolean all = FALSE;
  gboolean json = FALSE;
  int status;
  g_autoptr(GPtrArray) rest = g_ptr_array_new ();

  /* --due takes an optional date. */
  g_ptr_array_add (rest, argv[0]);
  for (int i = 1; i < argc; i++)
    {
      if (g_str_equal (argv[i], "--due"))
        {
          if (i + 1 < argc && argv[i + 1][0] != '-')
            due = argv[++i];
          else
            due_today = TRUE;
        }
      else
        g_ptr_array_add (rest, argv[i]);
    }
  {
    const PolkuCliOption options[] = {
      { "--client", &client_id, NULL },
      { "--all", NULL, &all },
      { "--json", NULL, &json },
      { NULL }
    };

    if (!polku_cli_parse_args (rest->len, (char **) rest->pdata, options, NULL, 0, 0,
                               FOLLOWUPS_LIST_USAGE, &status))
      return status;
  }
  if (client_id != NULL && !polku_cli_check_id (client_id, FOLLOWUPS_LIST_USAGE, &status))
    return status;
  if (all && client_id == NULL)
    return fail (EXIT_USAGE, _("--all lists the done follow-ups of one client: give --client "
                               "CLIENT-ID too."));

  today = polku_date_today ();
  if (due_today)
    due = today;

  if (!polku_cli_open_store (&store))
    return EXIT_ERROR;

  if (client_id != NULL)
    {
      if (!polku_cli_record_view (store, client_id, "followups.list", &error)
          || (list = polku_followup_store_list (store, client_id, all, &error)) == NULL)
        return polku_cli_fail_with (error);
      if (due != NULL)
        for (guint i = list->len; i > 0; i--)
          if (g_strcmp0 (polku_followup_get_due_on (g_ptr_array_index (list, i - 1)), due) > 0)
            g_ptr_array_remove_index (list, i - 1);
    }
  else
    {
      if (!polku_audit_record (store, "followup.list", NULL, "cli=followups.list", &error)
          || (list = polku_followup_store_list_due (store, due, &error)) == NULL)
        return polku_cli_fail_with (error);
    }

  polku_cli_print_objects (list, json, print_followup_line, today);
  return EXIT_OK;
}

#define FOLLOWUPS_ADD_USAGE "followups add CLIENT-ID --json FILE"

static int
followups_add (int    argc,
               char **argv)
{
  static const char * const allowed[] = { "title", "due_on", "assignee", NULL };

  return polku_cli_add_from_json (argc, argv, POLKU_TYPE_FOLLOWUP, allowed, FOLLOWUPS_ADD_USAGE,
                                  NULL, add_followup);
}

#define FOLLOWUPS_DONE_USAGE "followups done FOLLOWUP-ID [--date DATE]"

static int
followups_done (int    argc,
                char **argv)
{
  return polku_cli_change_on_date (argc, argv, FOLLOWUPS_DONE_USAGE, followup_done);
}

int
polku_cli_followups (int    argc,
                     char **argv)
{
  static const PolkuCliSubcommand subcommands[] = {
    { "list", followups_list },
    { "add", followups_add },
    { "done", followups_done },
  };

  return polku_cli_dispatch (argc, argv, subcommands, G_N_ELEMENTS (subcommands));
}
