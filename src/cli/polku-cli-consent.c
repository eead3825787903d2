/* polku-cli-consent.c: polku-cli consent add|withdraw|list|check
 *
 * Copyright 2026 The Polku authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "polku-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>

#include "polku-consent-store.h"

#include "polku-cli-private.h"

POLKU_CLI_DATED_ADAPTER (withdraw_consent, polku_consent_store_withdraw)

static GObject *
add_consent (PolkuStore  *store,
             GObject     *draft,
             GError     **error)
{
  return G_OBJECT (polku_consent_store_add (store, POLKU_CONSENT (draft), error));
}

#define CONSENT_ADD_USAGE "consent add CLIENT-ID --json FILE"

static int
consent_add (int    argc,
             char **argv)
{
  static const char * const allowed[] = {
    "given_on", "given_by", "representative", "method", "organisations", "parts",
    "valid_until", NULL
  };

  return polku_cli_add_from_json (argc, argv, POLKU_TYPE_CONSENT, allowed, CONSENT_ADD_USAGE,
                                  NULL, add_consent);
}

#define CONSENT_WITHDRAW_USAGE "consent withdraw CONSENT-ID [--date DATE]"

static int
consent_withdraw (int    argc,
                  char **argv)
{
  return polku_cli_change_on_date (argc, argv, CONSENT_WITHDRAW_USAGE, withdraw_consent);
}

static GPtrArray *
list_consents (PolkuStore  *store,
               const char  *client_id,
               gboolean     all,
               GError     **error)
{
  return polku_consent_store_list (store, client_id, error);
}

static void
print_consent_line (gpointer item,
                    gpointer data)
{
  PolkuConsent *consent = item;
  const char *until = polku_consent_get_valid_until (consent);
  const char *withdrawn = polku_consent_get_withdrawn_on (consent);

  printf ("%s\t%s\t%s\t%s\t%s\n", polku_consent_get_id (consent),
          polku_consent_get_given_on (consent), polku_consent_get_method (consent),
          until != NULL ? until : "-", withdrawn != NULL ? withdrawn : "-");
}

static const PolkuCliClientList consent_list_what = {
  "consent.list", list_consents, print_consent_line
};

static int
consent_list (int    argc,
              char **argv)
{
  PolkuCliListArgs args;
  int status;

  if (!polku_cli_parse_list_args (argc, argv, "consent list CLIENT-ID [--json]", FALSE, &args,
                                  &status))
    return status;
  return polku_cli_print_client_list (&consent_list_what, &args, NULL);
}

#define CONSENT_CHECK_USAGE \
  "consent check CLIENT-ID [--organisation NAME] [--part PART] [--date DATE]"

static int
consent_check (int    argc,
               char **argv)
{
  g_autoptr(PolkuStore) store = NULL;
  g_autoptr(GError) error = NULL;
  const char *client_id = NULL;
  const char *organisation = NULL;
  const char *part = NULL;
  const char *date = NULL;
  const PolkuCliOption options[] = {
    { "--organisation", &organisation, NULL },
    { "--part", &part, NULL },
    { "--date", &date, NULL },
    { NULL }
  };
  int status;

  if (!polku_cli_parse_id_args (argc, argv, options, CONSENT_CHECK_USAGE, &client_id, &status))
    return status;
  if (part != NULL && !g_strv_contains (polku_consent_part_codes (), part))
    return fail (EXIT_USAGE, _("“%s” is not a part of the plan. Use client_view, goals, "
                               "actions, team, contacts or measures."), part);

  if (!polku_cli_open_store (&store))
    return EXIT_ERROR;
  if (!polku_consent_check (store, client_id, organisation, part, date, &error))
    return polku_cli_fail_with (error);
  printf ("%s\n", _("Allowed: a valid consent covers this."));
  return EXIT_OK;
}

int
polku_cli_consent (int    argc,
                   char **argv)
{
  static const PolkuCliSubcommand subcommands[] = {
    { "add", consent_add },
    { "withdraw", consent_withdraw },
    { "list", consent_list },
    { "check", consent_check },
  };

  return polku_cli_dispatch (argc, argv, subcommands, G_N_ELEMENTS (subcommands));
}
