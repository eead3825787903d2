/* polku-cli.c: Polku without a display, for scripts, tests and benchmarks
 *
 * Copyright 2026 The Polku authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "polku-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>
#include <locale.h>
#include <stdio.h>
#include <string.h>

#include "polku-audit.h"
#include "polku-client-store.h"
#include "polku-demo.h"
#include "polku-profile.h"

#include "polku-cli-private.h"

static gboolean opt_version;

static const GOptionEntry global_entries[] = {
  { "data-dir", 'd', 0, G_OPTION_ARG_FILENAME, &polku_cli_data_dir,
    N_("Use the profile in DIR (default: $POLKU_DATA_DIR or ~/.local/share/polku)"),
    N_("DIR") },
  { "passphrase-file", 0, 0, G_OPTION_ARG_FILENAME, &polku_cli_passphrase_file,
    N_("Read the database passphrase from the first line of FILE (- for standard input) "
       "instead of using the keyring"), N_("FILE") },
  { "as", 0, 0, G_OPTION_ARG_STRING, &polku_cli_actor,
    N_("Record NAME as the worker in the audit log (default: your account’s name)"),
    N_("NAME") },
  { "version", 0, 0, G_OPTION_ARG_NONE, &opt_version, N_("Show the version and exit"), NULL },
  { NULL }
};

typedef struct
{
  gint64 start;
  gint64 last;
} DemoProgress;

/* A long run (10,000 clients take minutes) says how far it is, on stderr so that
 * stdout stays the one result line; at most once a second, nothing for a short run. */
static void
demo_progress (guint    n_done,
               guint    n_total,
               gpointer user_data)
{
  DemoProgress *progress = user_data;
  gint64 now = g_get_monotonic_time ();

  if (now - progress->start < G_USEC_PER_SEC
      || (now - progress->last < G_USEC_PER_SEC && n_done < n_total))
    return;
  progress->last = now;
  fprintf (stderr, _("%u of %u demo clients added (%.0f s)\n"), n_done, n_total,
           (now - progress->start) / (double) G_USEC_PER_SEC);
}

static int
cmd_demo (int    argc,
          char **argv)
{
  DemoProgress progress = { 0 };
  g_autoptr(PolkuStore) store = NULL;
  g_autoptr(GError) error = NULL;
  guint64 n_clients = 0;
  guint64 seed = 0;
  gboolean have_clients = FALSE;
  gboolean have_seed = FALSE;

  for (int i = 1; i < argc; i++)
    {
      if (g_str_equal (argv[i], "--clients") && i + 1 < argc)
        {
          if (!polku_cli_parse_uint (argv[++i], POLKU_DEMO_MAX_CLIENTS, &n_clients))
            return fail (EXIT_USAGE, _("--clients needs a whole number from 0 to %d, not “%s”."),
                         POLKU_DEMO_MAX_CLIENTS, argv[i]);
          have_clients = TRUE;
        }
      else if (g_str_equal (argv[i], "--seed") && i + 1 < argc)
        {
          if (!polku_cli_parse_uint (argv[++i], G_MAXUINT32, &seed))
            return fail (EXIT_USAGE, _("--seed needs a whole number, not “%s”."), argv[i]);
          have_seed = TRUE;
        }
      else
        return fail (EXIT_USAGE, _("Unknown argument “%s”. Usage: polku-cli demo --clients N "
                                   "[--seed S]"), argv[i]);
    }

  if (!have_clients)
    return fail (EXIT_USAGE, _("Say how many clients to make: polku-cli demo --clients N"));
  if (!have_seed)
    seed = g_random_int ();

  if (!polku_cli_open_store (&store))
    return EXIT_ERROR;

  progress.start = g_get_monotonic_time ();
  if (!polku_demo_populate_with_progress (store, n_clients, seed, demo_progress, &progress,
                                          &error))
    return fail (EXIT_ERROR, "%s", error->message);

  printf (g_dngettext (GETTEXT_PACKAGE, "Added %u demo client.\n", "Added %u demo clients.\n",
                       n_clients),
          (guint) n_clients);
  return EXIT_OK;
}

static void
build_client_json (JsonBuilder *builder,
                   PolkuClient *client)
{
  json_builder_begin_object (builder);
  polku_cli_add_member_or_null (builder, "id", polku_client_get_id (client));
  polku_cli_add_member_or_null (builder, "created", polku_client_get_created (client));
  polku_cli_add_member_or_null (builder, "modified", polku_client_get_modified (client));
  polku_cli_add_member_or_null (builder, "given_name", polku_client_get_given_name (client));
  polku_cli_add_member_or_null (builder, "family_name", polku_client_get_family_name (client));
  polku_cli_add_member_or_null (builder, "hetu", polku_client_get_hetu (client));
  polku_cli_add_member_or_null (builder, "birth_date", polku_client_get_birth_date (client));
  polku_cli_add_member_or_null (builder, "language",
                      polku_language_to_code (polku_client_get_language (client)));
  polku_cli_add_member_or_null (builder, "phone", polku_client_get_phone (client));
  polku_cli_add_member_or_null (builder, "email", polku_client_get_email (client));
  polku_cli_add_member_or_null (builder, "address", polku_client_get_address (client));
  polku_cli_add_member_or_null (builder, "municipality", polku_client_get_municipality (client));
  json_builder_set_member_name (builder, "archived");
  json_builder_add_boolean_value (builder, polku_client_get_archived (client));
  json_builder_end_object (builder);
}

static int
cmd_clients_list (int    argc,
                  char **argv)
{
  g_autoptr(PolkuStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) clients = NULL;
  gboolean json = FALSE;
  gboolean archived = FALSE;

  for (int i = 1; i < argc; i++)
    {
      if (g_str_equal (argv[i], "--json"))
        json = TRUE;
      else if (g_str_equal (argv[i], "--archived"))
        archived = TRUE;
      else
        return fail (EXIT_USAGE, _("Unknown argument “%s”. Usage: polku-cli clients list "
                                   "[--json] [--archived]"), argv[i]);
    }

  if (!polku_cli_open_store (&store))
    return EXIT_ERROR;

  /* The list shows every client's identity code and contact details: a view, recorded. */
  if (!polku_audit_record (store, "client.list", NULL,
                           archived ? "cli=clients.list archived" : "cli=clients.list", &error)
      || (clients = polku_client_store_list (store, archived, &error)) == NULL)
    return fail (EXIT_ERROR, "%s", error->message);

  if (json)
    polku_cli_print_list (clients, (PolkuCliBuildFunc) build_client_json);
  else
    {
      for (guint i = 0; i < clients->len; i++)
        {
          PolkuClient *client = g_ptr_array_index (clients, i);
          g_autofree char *display = polku_client_dup_display_name (client);
          g_autofree char *name = polku_cli_escape_field (display);
          g_autofree char *hetu = polku_cli_escape_field (polku_client_get_hetu (client));
          g_autofree char *municipality =
            polku_cli_escape_field (polku_client_get_municipality (client));

          printf ("%s\t%s\t%s\t%s%s\n", polku_client_get_id (client), hetu, name, municipality,
                  polku_client_get_archived (client) ? _("\t(archived)") : "");
        }
    }

  return EXIT_OK;
}

static gboolean
read_client_member (GObject     *object,
                    const char  *name,
                    JsonNode    *value,
                    GError     **error)
{
  PolkuLanguage language;

  if (!g_str_equal (name, "language"))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   _("Unknown member “%s” in the client."), name);
      return FALSE;
    }
  if (!JSON_NODE_HOLDS_VALUE (value)
      || json_node_get_value_type (value) != G_TYPE_STRING
      || !polku_language_from_code (json_node_get_string (value), &language))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   _("“language” must be \"fi\", \"sv\" or \"other\"."));
      return FALSE;
    }
  polku_client_set_language (POLKU_CLIENT (object), language);
  return TRUE;
}

static const PolkuCliStringMember client_strings[] = {
  { "given_name", "given-name" }, { "family_name", "family-name" }, { "hetu", "hetu" },
  { "birth_date", "birth-date" }, { "phone", "phone" }, { "email", "email" },
  { "address", "address" }, { "municipality", "municipality" }, { NULL }
};

static const PolkuCliMembers client_members = {
  N_("The client must be a JSON object."),
  client_strings, read_client_member,
};

static int
cmd_clients_add (int    argc,
                 char **argv)
{
  g_autoptr(PolkuStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) input = NULL;
  g_autoptr(PolkuClient) client = NULL;
  const char *file = NULL;

  for (int i = 1; i < argc; i++)
    {
      if (g_str_equal (argv[i], "--json") && i + 1 < argc)
        file = argv[++i];
      else
        return fail (EXIT_USAGE, _("Unknown argument “%s”. Usage: polku-cli clients add "
                                   "--json FILE"), argv[i]);
    }
  if (file == NULL)
    return fail (EXIT_USAGE, _("Usage: polku-cli clients add --json FILE (- for standard "
                               "input)"));

  input = polku_cli_read_json (file, &error);
  if (input == NULL)
    return fail (EXIT_USAGE, "%s", error->message);

  client = polku_client_new ();
  if (!polku_cli_read_members (&client_members, G_OBJECT (client), input, &error))
    return fail (EXIT_USAGE, "%s", error->message);

  /* Check before opening, so that bad input never needs the key. */
  if (!polku_client_validate (client, &error))
    return fail (EXIT_USAGE, "%s", error->message);

  if (!polku_cli_open_store (&store))
    return EXIT_ERROR;

  if (!polku_client_store_save (store, client, &error))
    return fail (EXIT_ERROR, "%s", error->message);

  polku_cli_print_one (client, (PolkuCliBuildFunc) build_client_json);
  return EXIT_OK;
}

/* clients archive, and clients restore */
static int
cmd_clients_archive (int    argc,
                     char **argv)
{
  gboolean archived = g_str_equal (argv[0], "archive");
  g_autoptr(PolkuStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(PolkuClient) client = NULL;

  if (argc != 2 || !g_uuid_string_is_valid (argv[1]))
    return fail (EXIT_USAGE, _("Usage: polku-cli clients %s CLIENT-ID (the id is a UUID)"),
                 argv[0]);

  if (!polku_cli_open_store (&store))
    return EXIT_ERROR;

  client = polku_client_store_get (store, argv[1], &error);
  if (client == NULL || !polku_client_store_set_archived (store, client, archived, &error))
    return fail (EXIT_ERROR, "%s", error->message);

  return EXIT_OK;
}

static int
cmd_clients (int    argc,
             char **argv)
{
  static const PolkuCliSubcommand subcommands[] = {
    { "list", cmd_clients_list },
    { "add", cmd_clients_add },
    { "archive", cmd_clients_archive },
    { "restore", cmd_clients_archive },
  };

  return polku_cli_dispatch (argc, argv, subcommands, G_N_ELEMENTS (subcommands));
}

/* The commands. Each group lives in its own polku-cli-<group>.c (see polku-cli-private.h);
 * its usage lines are listed here, one translatable string per group. */
typedef struct
{
  const char *name;
  int       (*run)   (int argc, char **argv);
  const char *usage;
} Command;

static const Command commands[] = {
  { "demo", cmd_demo,
    N_("  demo --clients N [--seed S]       Add N synthetic demo clients\n") },
  { "clients", cmd_clients,
    N_("  clients list [--json] [--archived]\n"
       "                                    List clients\n"
       "  clients add --json FILE           Add a client from a JSON object (- for stdin)\n"
       "  clients archive CLIENT-ID         Archive a client\n"
       "  clients restore CLIENT-ID         Restore an archived client\n") },
  { "recovery-key", polku_cli_recovery_key,
    N_("  recovery-key show                 Show the profile's recovery key (made if it has\n"
       "                                    none): write it down, keep it apart from the computer\n") },
  { "backup", polku_cli_backup,
    N_("  backup FILE|FOLDER [--replace]    Back up the whole profile to one file, encrypted\n"
       "                                    with the recovery key (in a FOLDER: a dated name)\n") },
  { "restore", polku_cli_restore,
    N_("  restore FILE --recovery-key-file FILE [--data-dir NEW] [--passphrase-file FILE]\n"
       "                                    Restore a backup into a new profile (the recovery\n"
       "                                    key from a file, - for stdin); its new key goes to\n"
       "                                    the keyring, or the passphrase protects it\n") },
  { "audit", polku_cli_audit,
    N_("  audit list [CLIENT-ID] [--json]   Show the audit log, newest first\n"
       "  audit verify                      Check that no entry was changed or removed\n") },
  { "case", polku_cli_case,
    N_("  case show CLIENT-ID [--json]      The case: phase, signs, consents, team, follow-ups\n"
       "  case list [--phase PHASE] [--coordinator NAME | --mine] [--responsible NAME]\n"
       "            [--review-due DATE] [--archived] [--json]\n"
       "                                    Cases, filtered (--mine: your caseload)\n"
       "  case coordinator CLIENT-ID NAME|me|none [--date DATE]\n"
       "                                    Name the coordinator (me: you; none: end, back to\n"
       "                                    the queue)\n"
       "  case queue [--json]               Open cases waiting for a coordinator, the earliest\n"
       "                                    identified first, with the days waited\n"
       "  case open CLIENT-ID [--date DATE] Open the case (phase identified)\n"
       "  case phase CLIENT-ID PHASE [--date DATE] [--reason-code CODE] [--json FILE]\n"
       "                                    Move the case (identified, consent, contacted,\n"
       "                                    visit_prepared, visit_held, coordination, closed);\n"
       "                                    closing needs a CODE of the closing reasons, the\n"
       "                                    words come in JSON ({\"reason\": …}, - for stdin)\n"
       "  case closing-reasons [--file FILE] [--json]\n"
       "                                    Show (or check a file of) the closing reasons\n"
       "  case review CLIENT-ID DATE        Set the next review date (DATE none: no date)\n"
       "  case note CLIENT-ID --json FILE   Add a free-text note ({\"body\": …})\n"
       "  case record-entry CLIENT-ID [--language fi|sv|en]\n"
       "                                    The text for the patient or client record, in the\n"
       "                                    plan's language (printed, not sent anywhere)\n") },
  { "signs", polku_cli_signs,
    N_("  signs checklist [--file FILE] [--json]\n"
       "                                    Show (or check a file of) the warning-sign checklist\n"
       "  signs add CLIENT-ID --json FILE   Flag a warning sign (opens the case): group_id,\n"
       "                                    item_id, reason, source_sector (health, social,\n"
       "                                    third_sector, private, client, relative),\n"
       "                                    service_point, flagged_by, flagged_on\n"
       "  signs retract SIGN-ID [--date DATE]\n"
       "                                    Retract a sign flagged by mistake\n"
       "  signs list CLIENT-ID [--all] [--json]\n"
       "                                    The client's warning signs\n") },
  { "consent", polku_cli_consent,
    N_("  consent add CLIENT-ID --json FILE Record a consent: \"kind\" contact (to be\n"
       "                                    contacted and referred) or sharing (with\n"
       "                                    \"organisations\" by id and \"parts\")\n"
       "  consent withdraw CONSENT-ID [--date DATE]\n"
       "                                    Withdraw a consent (it stays in the history)\n"
       "  consent list CLIENT-ID [--json]   All the client's consents, with their kind\n"
       "  consent check CLIENT-ID --contact [--date DATE]\n"
       "  consent check CLIENT-ID --organisation ORG-ID --part PART [--date DATE]\n"
       "                                    Exit 0 when a valid consent covers it, else 1\n") },
  { "organisations", polku_cli_organisations,
    N_("  organisations list [--file FILE] [--json]\n"
       "                                    List (or check a file of) the county's\n"
       "                                    organisations that consents name\n") },
  { "team", polku_cli_team,
    N_("  team add CLIENT-ID --json FILE    Add a team member\n"
       "  team set-responsible MEMBER-ID [--date DATE]\n"
       "                                    Make a member a responsible worker (one of several)\n"
       "  team unset-responsible MEMBER-ID [--date DATE]\n"
       "                                    A member stops being a responsible worker\n"
       "  team leave MEMBER-ID [--date DATE]\n"
       "                                    A member leaves the team\n"
       "  team list CLIENT-ID [--all] [--json]\n"
       "                                    The team (--all: with those who left)\n"
       "  team history CLIENT-ID [--json]   Coordinators and responsible workers over time\n") },
  { "followups", polku_cli_followups,
    N_("  followups list [--due [DATE]] [--client CLIENT-ID [--all]] [--json]\n"
       "                                    Open follow-ups of all clients (or one), by due "
       "date\n"
       "  followups add CLIENT-ID --json FILE\n"
       "                                    Add a follow-up ({\"title\", \"due_on\", "
       "\"assignee\"})\n"
       "  followups done FOLLOWUP-ID [--date DATE]\n"
       "                                    Mark a follow-up done\n") },
  { "contacts", polku_cli_contacts,
    N_("  contacts list CLIENT-ID [--from DATE] [--to DATE] [--json]\n"
       "                                    The client's contacts and visits, oldest first\n"
       "  contacts add CLIENT-ID --json FILE\n"
       "                                    Add contacts (a JSON object or array)\n"
       "  contacts update CONTACT-ID --json FILE\n"
       "                                    Change a contact (the members given)\n"
       "  contacts remove CONTACT-ID        Remove a contact entered by mistake\n"
       "  contacts import CLIENT-ID FILE.csv [--dry-run] [--skip-bad-rows]\n"
       "                                    Import contacts from CSV; errors per row as JSON\n"
       "  contacts counts CLIENT-ID [--from DATE] [--to DATE] [--json]\n"
       "                                    Contacts by report category: urgent, no-shows,\n"
       "                                    inpatient days, repeats for the same reason\n"
       "  contacts types [--file FILE] [--json]\n"
       "                                    List (or check a file of) contact types\n"
       "  contacts categories [--file FILE] [--json]\n"
       "                                    The report categories of the contact types\n") },
  { "mapping-visit", polku_cli_mapping_visit,
    N_("  mapping-visit show CLIENT-ID      The newest mapping visit as JSON\n"
       "  mapping-visit new CLIENT-ID [--agenda FILE]\n"
       "                                    Start a new mapping visit with the agenda\n"
       "  mapping-visit update CLIENT-ID --json FILE\n"
       "                                    Change notes, agenda items, timer (start/pause/reset)\n"
       "  mapping-visit agenda [--file FILE]\n"
       "                                    Show (or check a file of) the default agenda\n") },
  { "plan", polku_cli_plan,
    N_("  plan show CLIENT-ID [--json] [--version N]\n"
       "                                    The client's care-and-service plan\n"
       "  plan export CLIENT-ID --fhir --to ORG-ID|--own-use [--version N]\n"
       "                                    The plan as a FHIR R4 Bundle for an organisation\n"
       "                                    (its sharing consent must cover what the bundle\n"
       "                                    carries) or for your own use\n"
       "  plan update CLIENT-ID --json PATCH [--base N]\n"
       "                                    Change the plan with a JSON merge patch (- for "
       "stdin);\n"
       "                                    --base N, the version the patch was made from,\n"
       "                                    refuses it when the plan changed meanwhile (no\n"
       "                                    lost updates)\n"
       "  plan versions CLIENT-ID [--json]  The plan's saved versions\n"
       "  plan restore CLIENT-ID VERSION    Save an earlier version as the newest\n"
       "  plan new CLIENT-ID [--template ID] [--language LANG]\n"
       "                                    Start a plan, empty or from a template (LANG fi, sv)\n"
       "  plan templates [--json]           List the plan templates\n") },
  { "score", polku_cli_score,
    N_("  score whoqol-bref [FILE]          Score WHOQOL-BREF answers given as JSON (no "
       "database)\n"
       "  score continuity [--from DATE] [--to DATE] [FILE]\n"
       "                                    Continuity-of-care indices of visits given as "
       "JSON\n") },
  { "assessment", polku_cli_assessment,
    N_("  assessment add CLIENT-ID --json FILE\n"
       "                                    Store an assessment (WHOQOL-BREF, …) and its "
       "scores\n"
       "  assessment list CLIENT-ID [--json] [--instrument ID] [--drafts]\n"
       "                                    A client's assessments\n"
       "  assessment export CLIENT-ID --fhir|--csv --to ORG-ID|--own-use [--instrument ID]\n"
       "                                    As a FHIR R4 Bundle (QuestionnaireResponse and\n"
       "                                    Observations) or CSV (one row per assessment),\n"
       "                                    for an organisation whose sharing consent covers\n"
       "                                    the measures, or for your own use\n"
       "  assessment satisfaction [--from DATE] [--to DATE] [--json]\n"
       "                                    Client satisfaction: the share of answers in each\n"
       "                                    category with n, for the period and each year\n"
       "                                    (each client's latest answer; shares from n = 5)\n") },
  { "report", polku_cli_report,
    N_("  report --from DATE --to DATE [--coordinator NAME] [--unit ORG-ID]\n"
       "         [--municipality NAME] [--age-min N] [--age-max N] [--sector SECTOR]\n"
       "         [--open|--closed] [--threshold N] [--costs FILE] [--today DATE]\n"
       "         [--format json|csv|pdf|fhir] [--output FILE] [--language fi|sv|en]\n"
       "                                    Figures across clients whose plan was agreed in\n"
       "                                    the period, small numbers suppressed (the CSV is\n"
       "                                    pseudonymised with the county key)\n"
       "  report combine FILE… [--output FILE] [--threshold N]\n"
       "                                    Merge pseudonymised CSV files from several\n"
       "                                    laptops, each client once\n"
       "  report key import FILE [--replace] | report key new [--replace] | report key show\n"
       "                                    The county's pseudonymisation key in the keyring\n"
       "  report key delete [--yes]         Delete the county key from the keyring (only\n"
       "                                    with --yes; a new CSV then needs it imported\n"
       "                                    again to combine with earlier ones)\n") },
  { "sync", polku_cli_sync,
    N_("  sync [--server URL] [--account NAME] [--organisation ORG-ID]\n"
       "       [--password-file FILE]       Sync shared plans with the server; prints a JSON\n"
       "                                    summary\n") },
  { "conflicts", polku_cli_conflicts,
    N_("  conflicts list [--json]           Sync conflicts waiting for a decision\n"
       "  conflicts resolve ID --take local|remote|FILE\n"
       "                                    Decide a conflict: keep this side's value, the\n"
       "                                    other side's, or a value from a JSON file\n") },
};

static char *
commands_description (void)
{
  g_autoptr(GString) text = g_string_new (_("Commands:\n"));

  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    g_string_append (text, _(commands[i].usage));
  g_string_append_c (text, '\n');
  g_string_append (text,
                   _("The database key comes from the keyring (Secret Service). Where there "
                     "is none,\ngive a passphrase with --passphrase-file; it is never read "
                     "from the command line.\nExit status: 0 done, 1 the command failed, 2 the "
                     "command line or input is wrong."));
  return g_string_free (g_steal_pointer (&text), FALSE);
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) args = NULL;
  g_autofree char *description = NULL;
  const char *localedir;
  int n_args;

  setlocale (LC_ALL, "");
  localedir = g_getenv ("POLKU_LOCALEDIR");
  bindtextdomain (GETTEXT_PACKAGE, localedir != NULL ? localedir : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  context = g_option_context_new (_("COMMAND [ARGUMENTS…]"));
  g_option_context_set_summary (context, _("Polku from the command line: the same encrypted "
                                           "database as the app, for scripts."));
  description = commands_description ();
  g_option_context_set_description (context, description);
  g_option_context_add_main_entries (context, global_entries, GETTEXT_PACKAGE);
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  /* Options after the command belong to the command. */
  g_option_context_set_strict_posix (context, TRUE);

  args = g_strdupv (argv);
  n_args = argc;
  if (!g_option_context_parse_strv (context, &args, &error))
    return fail (EXIT_USAGE, _("%s. Try polku-cli --help."), error->message);
  n_args = g_strv_length (args);

  if (opt_version)
    {
      printf ("polku-cli %s\n", PACKAGE_VERSION);
      return EXIT_OK;
    }

  if (n_args < 2)
    return fail (EXIT_USAGE, _("No command given. Try polku-cli --help."));

  /* Refused before anything is read, so that the passphrase is never parsed as JSON. */
  for (int i = 2; i + 1 < n_args; i++)
    {
      const char *message;

      if (g_str_equal (args[i], "--json") && g_str_equal (args[i + 1], "-")
          && polku_cli_stdin_is_taken (&message))
        return fail (EXIT_USAGE, "%s", message);
    }

  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    if (g_str_equal (args[1], commands[i].name))
      return commands[i].run (n_args - 1, args + 1);

  return fail (EXIT_USAGE, _("Unknown command “%s”. Try polku-cli --help."), args[1]);
}
