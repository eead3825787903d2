/* polku-cli-consent.c: polku-cli consent add|withdraw|list|check
 *
 *   consent add CLIENT-ID --json FILE   "kind": "contact" or "sharing" (organisations by id)
 *   consent check CLIENT-ID --contact [--date DATE]
 *   consent check CLIENT-ID --organisation ORG-ID --part PART [--date DATE]
 *
 * Copyright 2026 The Polku authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "polku-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>

#include "polku-consent-store.h"
#include "polku-organisations.h"

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
    "kind", "given_on", "given_by", "representative", "method", "organisations", "parts",
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

/* "Kela, FPA (not in the county’s list)": each stored organisation by its name, or as stored
 * with a note when the county's list does not have it. */
static char *
organisation_names (PolkuOrganisations *organisations,
                    PolkuConsent       *consent)
{
  const char * const *stored = polku_consent_get_organisations (consent);
  g_autoptr(GString) names = g_string_new (NULL);

  for (guint i = 0; stored != NULL && stored[i] != NULL; i++)
    {
      PolkuOrganisation *organisation = organisations != NULL
                                        ? polku_organisations_resolve (organisations, stored[i])
                                        : NULL;

      if (names->len > 0)
        g_string_append (names, ", ");
      if (organisation != NULL)
        g_string_append (names, polku_organisation_get_label (organisation));
      else
        /* TRANSLATORS: an organisation a consent names that the county's list lacks */
        g_string_append_printf (names, _("%s (not in the county’s list)"), stored[i]);
    }
  return g_string_free (g_steal_pointer (&names), FALSE);
}

/* ID, kind, given on, method, valid until, withdrawn on, then for a sharing consent the
 * organisations and parts. */
static void
print_consent_line (gpointer item,
                    gpointer data)
{
  PolkuConsent *consent = item;
  const char *until = polku_consent_get_valid_until (consent);
  const char *withdrawn = polku_consent_get_withdrawn_on (consent);

  printf ("%s\t%s\t%s\t%s\t%s\t%s", polku_consent_get_id (consent),
          polku_consent_get_kind (consent), polku_consent_get_given_on (consent),
          polku_consent_get_method (consent), until != NULL ? until : "-",
          withdrawn != NULL ? withdrawn : "-");
  if (g_strcmp0 (polku_consent_get_kind (consent), "sharing") == 0)
    {
      g_autofree char *names = organisation_names (data, consent);
      g_autofree char *parts = g_strjoinv (",", (char **) polku_consent_get_parts (consent));

      printf ("\t%s\t%s", names, parts);
    }
  printf ("\n");
}

static const PolkuCliClientList consent_list_what = {
  "consent.list", list_consents, print_consent_line
};

static int
consent_list (int    argc,
              char **argv)
{
  g_autoptr(PolkuOrganisations) organisations = NULL;
  g_autoptr(GError) error = NULL;
  PolkuCliListArgs args;
  int status;

  if (!polku_cli_parse_list_args (argc, argv, "consent list CLIENT-ID [--json]", FALSE, &args,
                                  &status))
    return status;
  /* Without the county's list the stored values are shown as they are, each with the note. */
  organisations = polku_organisations_get_default (&error);
  if (organisations == NULL)
    g_debug ("No organisations list: %s", error->message);
  return polku_cli_print_client_list (&consent_list_what, &args, organisations);
}

#define CONSENT_CHECK_USAGE \
  "consent check CLIENT-ID --contact [--date DATE], or consent check CLIENT-ID " \
  "--organisation ORG-ID --part PART [--date DATE]"

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
  gboolean contact = FALSE;
  const PolkuCliOption options[] = {
    { "--contact", NULL, &contact },
    { "--organisation", &organisation, NULL },
    { "--part", &part, NULL },
    { "--date", &date, NULL },
    { NULL }
  };
  int status;

  if (!polku_cli_parse_id_args (argc, argv, options, CONSENT_CHECK_USAGE, &client_id, &status))
    return status;
  /* Either the consent to contact, or sharing one part with one organisation: never a
   * check that an organisation or a part left out would make look wider than it is. */
  if (contact ? (organisation != NULL || part != NULL) : (organisation == NULL || part == NULL))
    return fail (EXIT_USAGE, _("Say what to check: --contact, or --organisation ORG-ID with "
                               "--part PART. Usage: polku-cli %s"), CONSENT_CHECK_USAGE);
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
