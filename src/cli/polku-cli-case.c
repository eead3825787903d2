/* polku-cli-case.c: polku-cli case show|list|open|phase|review|note
 *
 * JSON in (a file or - for standard input) and out (--json). Free text about a client
 * (reasons, notes) is read from JSON, not from the command line, where other users of the
 * machine could see it; only a phase change's short reason may be given with --reason.
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
#include "polku-checklist.h"
#include "polku-client-store.h"
#include "polku-consent-store.h"
#include "polku-date.h"
#include "polku-followup-store.h"
#include "polku-team-store.h"

#include "polku-cli-private.h"

static gboolean
parse_phase (const char     *code,
             PolkuCasePhase *out_phase,
             int            *out_status)
{
  if (polku_case_phase_from_code (code, out_phase))
    return TRUE;
  *out_status = fail (EXIT_USAGE, _("Unknown phase “%s”: use identified, consent, contacted, "
                                    "visit_prepared, visit_held, coordination or closed."), code);
  return FALSE;
}

#define CASE_SHOW_USAGE "case show CLIENT-ID [--json]"

/* The lines of case show's text, one function per kind of item. */
static void
print_sign_line (gpointer item,
                 gpointer checklist)
{
  PolkuCaseSign *sign = item;

  printf ("  %s\t%s\t%s\n", polku_case_sign_get_flagged_on (sign),
          polku_cli_sign_label (checklist, sign), polku_case_sign_get_service_point (sign));
}

static void
print_consent_line (gpointer item,
                    gpointer data)
{
  PolkuConsent *consent = item;
  const char *withdrawn = polku_consent_get_withdrawn_on (consent);
  const char *until = polku_consent_get_valid_until (consent);

  printf ("  %s\t%s\t%s\t%s\n", polku_consent_get_id (consent),
          polku_consent_get_given_on (consent),
          polku_consent_code_get_label (polku_consent_get_method (consent)),
          withdrawn != NULL ? _("withdrawn") : until != NULL ? until : _("until withdrawn"));
}

static void
print_member_line (gpointer item,
                   gpointer data)
{
  PolkuTeamMember *member = item;

  printf ("  %s\t%s\t%s\t%s%s\n", polku_team_member_get_id (member),
          polku_team_member_get_person (member), polku_team_member_get_role (member),
          polku_team_member_get_organisation (member),
          polku_team_member_get_responsible (member) ? _("\t(responsible worker)") : "");
}

static void
print_followup_line (gpointer item,
                     gpointer today)
{
  PolkuFollowup *followup = item;

  printf ("  %s\t%s\t%s%s\n", polku_followup_get_id (followup),
          polku_followup_get_due_on (followup), polku_followup_get_title (followup),
          polku_followup_is_overdue (followup, today) ? _("\t(overdue)") : "");
}

static void
print_case_text (PolkuCase       *kase,
                 GPtrArray       *signs,
                 GPtrArray       *consents,
                 GPtrArray       *team,
                 GPtrArray       *followups,
                 PolkuChecklist  *checklist)
{
  const char *review = polku_case_get_review_on (kase);
  const char *responsible = polku_case_get_responsible (kase);
  g_autofree char *today = polku_date_today ();

  printf (_("Phase: %s (since %s)\n"),
          polku_case_phase_get_label (polku_case_get_phase_value (kase)),
          polku_case_get_phase_since (kase));
  if (polku_case_get_closed_reason (kase) != NULL)
    printf (_("Closed: %s\n"), polku_case_get_closed_reason (kase));
  printf (_("Consent: %s\n"), polku_case_get_consent_valid (kase) ? _("valid") : _("none valid"));
  printf (_("Responsible worker: %s\n"), responsible != NULL ? responsible : _("not named"));
  if (review != NULL)
    printf (_("Review: %s\n"), review);

  printf (_("Warning signs: %u\n"), signs->len);
  polku_cli_print_lines (signs, print_sign_line, checklist);
  printf (_("Consents: %u\n"), consents->len);
  polku_cli_print_lines (consents, print_consent_line, NULL);
  printf (_("Team: %u\n"), team->len);
  polku_cli_print_lines (team, print_member_line, NULL);
  printf (_("Open follow-ups: %u\n"), followups->len);
  polku_cli_print_lines (followups, print_followup_line, today);
}

static int
case_show (int    argc,
           char **argv)
{
  g_autoptr(PolkuStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(PolkuCase) kase = NULL;
  g_autoptr(PolkuChecklist) checklist = NULL;
  g_autoptr(GPtrArray) signs = NULL;
  g_autoptr(GPtrArray) consents = NULL;
  g_autoptr(GPtrArray) team = NULL;
  g_autoptr(GPtrArray) responsible = NULL;
  g_autoptr(GPtrArray) followups = NULL;
  g_autoptr(GPtrArray) phases = NULL;
  g_autoptr(GPtrArray) notes = NULL;
  PolkuCliListArgs args;
  const char *client_id;
  int status;

  if (!polku_cli_parse_list_args (argc, argv, CASE_SHOW_USAGE, FALSE, &args, &status))
    return status;
  client_id = args.client_id;

  checklist = polku_checklist_get_default (&error);
  if (checklist == NULL)
    return fail (EXIT_ERROR, "%s", error->message);
  if (!polku_cli_open_store (&store))
    return EXIT_ERROR;

  kase = polku_case_store_get (store, client_id, &error);
  if (kase == NULL)
    {
      g_autoptr(PolkuClient) client = NULL;

      if (!g_error_matches (error, POLKU_CASE_ERROR, POLKU_CASE_ERROR_NOT_FOUND))
        return polku_cli_fail_with (error);
      /* Say whether the client is missing or only has no case yet. */
      g_clear_error (&error);
      client = polku_client_store_get (store, client_id, &error);
      if (client == NULL)
        return polku_cli_fail_with (error);
      g_clear_error (&error);
    }

  if (!polku_cli_record_view (store, client_id, "case.show", &error)
      || (signs = polku_case_store_list_signs (store, client_id, TRUE, &error)) == NULL
      || (consents = polku_consent_store_list (store, client_id, &error)) == NULL
      || (team = polku_team_store_list (store, client_id, TRUE, &error)) == NULL
      || (responsible = polku_team_store_list_responsible (store, client_id, &error)) == NULL
      || (followups = polku_followup_store_list (store, client_id, TRUE, &error)) == NULL
      || (phases = polku_case_store_list_phases (store, client_id, &error)) == NULL
      || (notes = polku_case_store_list_notes (store, client_id, &error)) == NULL)
    return polku_cli_fail_with (error);

  if (args.json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();
      guint active_signs = 0;

      for (guint i = 0; i < signs->len; i++)
        if (polku_case_sign_get_retracted_on (g_ptr_array_index (signs, i)) == NULL)
          active_signs++;

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "client_id");
      json_builder_add_string_value (builder, client_id);
      json_builder_set_member_name (builder, "case");
      if (kase != NULL)
        polku_cli_add_object (builder, kase);
      else
        json_builder_add_null_value (builder);
      /* One active warning sign is enough to propose the client. */
      json_builder_set_member_name (builder, "proposed");
      json_builder_add_boolean_value (builder, active_signs > 0);
      json_builder_set_member_name (builder, "consent_valid");
      json_builder_add_boolean_value (builder, kase != NULL && polku_case_get_consent_valid (kase));
      json_builder_set_member_name (builder, "signs");
      polku_cli_add_list (builder, signs, polku_cli_add_object);
      json_builder_set_member_name (builder, "consents");
      polku_cli_add_list (builder, consents, polku_cli_add_object);
      json_builder_set_member_name (builder, "team");
      polku_cli_add_list (builder, team, polku_cli_add_object);
      json_builder_set_member_name (builder, "responsible_history");
      polku_cli_add_list (builder, responsible, polku_cli_add_object);
      json_builder_set_member_name (builder, "followups");
      polku_cli_add_list (builder, followups, polku_cli_add_object);
      json_builder_set_member_name (builder, "phases");
      polku_cli_add_list (builder, phases, polku_cli_add_object);
      json_builder_set_member_name (builder, "notes");
      polku_cli_add_list (builder, notes, polku_cli_add_object);
      json_builder_end_object (builder);
      polku_cli_print_builder (builder);
    }
  else if (kase == NULL)
    printf ("%s\n", _("No case has been opened for this client yet."));
  else
    {
      g_autoptr(GPtrArray) open = g_ptr_array_new ();

      for (guint i = 0; i < followups->len; i++)
        if (polku_followup_get_done_on (g_ptr_array_index (followups, i)) == NULL)
          g_ptr_array_add (open, g_ptr_array_index (followups, i));
      print_case_text (kase, signs, consents, team, open, checklist);
    }
  return EXIT_OK;
}

static void
print_case_line (gpointer item,
                 gpointer data)
{
  PolkuCase *kase = item;
  const char *responsible = polku_case_get_responsible (kase);

  printf ("%s\t%s\t%s\t%s\n", polku_case_get_client_id (kase), polku_case_get_phase (kase),
          responsible != NULL ? responsible : "",
          polku_case_get_review_on (kase) != NULL ? polku_case_get_review_on (kase) : "");
}

#define CASE_LIST_USAGE \
  "case list [--phase PHASE] [--responsible NAME] [--review-due DATE] [--archived] [--json]"

static int
case_list (int    argc,
           char **argv)
{
  g_autoptr(PolkuStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) cases = NULL;
  PolkuCaseFilter filter = POLKU_CASE_FILTER_INIT;
  const char *phase = NULL;
  gboolean json = FALSE;
  const PolkuCliOption options[] = {
    { "--phase", &phase, NULL },
    { "--responsible", &filter.responsible, NULL },
    { "--review-due", &filter.review_due_by, NULL },
    { "--archived", NULL, &filter.include_archived },
    { "--json", NULL, &json },
    { NULL }
  };
  int status;

  if (!polku_cli_parse_args (argc, argv, options, NULL, 0, 0, CASE_LIST_USAGE, &status))
    return status;
  if (phase != NULL)
    {
      PolkuCasePhase value;

      if (!parse_phase (phase, &value, &status))
        return status;
      filter.phase = value;
    }

  if (!polku_cli_open_store (&store))
    return EXIT_ERROR;
  if (!polku_audit_record (store, "case.list", NULL, "cli=case.list", &error)
      || (cases = polku_case_store_list (store, &filter, &error)) == NULL)
    return polku_cli_fail_with (error);

  polku_cli_print_objects (cases, json, print_case_line, NULL);
  return EXIT_OK;
}

POLKU_CLI_DATED_ADAPTER (open_case, polku_case_store_open)

#define CASE_OPEN_USAGE "case open CLIENT-ID [--date DATE]"

static int
case_open (int    argc,
           char **argv)
{
  return polku_cli_change_on_date (argc, argv, CASE_OPEN_USAGE, open_case);
}

#define CASE_PHASE_USAGE "case phase CLIENT-ID PHASE [--date DATE] [--reason TEXT]"

static int
case_phase (int    argc,
            char **argv)
{
  g_autoptr(PolkuStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(PolkuCase) kase = NULL;
  const char *positional[2] = { NULL, NULL };
  const char *date = NULL;
  const char *reason = NULL;
  const PolkuCliOption options[] = {
    { "--date", &date, NULL }, { "--reason", &reason, NULL }, { NULL }
  };
  PolkuCasePhase phase;
  int status;

  if (!polku_cli_parse_args (argc, argv, options, positional, 2, 2, CASE_PHASE_USAGE, &status)
      || !polku_cli_check_id (positional[0], CASE_PHASE_USAGE, &status))
    return status;
  if (!parse_phase (positional[1], &phase, &status))
    return status;

  if (!polku_cli_open_store (&store))
    return EXIT_ERROR;
  kase = polku_case_store_set_phase (store, positional[0], phase, date, reason, &error);
  return polku_cli_print_or_fail (kase, error);
}

#define CASE_REVIEW_USAGE "case review CLIENT-ID DATE|none"

static int
case_review (int    argc,
             char **argv)
{
  g_autoptr(PolkuStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(PolkuCase) kase = NULL;
  const char *positional[2] = { NULL, NULL };
  int status;

  if (!polku_cli_parse_args (argc, argv, NULL, positional, 2, 2, CASE_REVIEW_USAGE, &status)
      || !polku_cli_check_id (positional[0], CASE_REVIEW_USAGE, &status))
    return status;

  if (!polku_cli_open_store (&store))
    return EXIT_ERROR;
  kase = polku_case_store_set_review (store, positional[0],
                                      g_str_equal (positional[1], "none") ? NULL : positional[1],
                                      &error);
  return polku_cli_print_or_fail (kase, error);
}

#define CASE_NOTE_USAGE "case note CLIENT-ID --json FILE   (FILE holds {\"body\": \"…\"})"

static int
case_note (int    argc,
           char **argv)
{
  g_autoptr(PolkuStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(PolkuCaseNote) note = NULL;
  g_autoptr(JsonNode) input = NULL;
  const char *client_id = NULL;
  const char *file = NULL;
  const PolkuCliOption options[] = { { "--json", &file, NULL }, { NULL } };
  JsonNode *body;
  int status;

  if (!polku_cli_parse_id_args (argc, argv, options, CASE_NOTE_USAGE, &client_id, &status))
    return status;
  if (file == NULL)
    return fail (EXIT_USAGE, _("Usage: polku-cli %s"), CASE_NOTE_USAGE);

  input = polku_cli_read_json (file, &error);
  if (input == NULL)
    return fail (EXIT_USAGE, "%s", error->message);
  if (!JSON_NODE_HOLDS_OBJECT (input)
      || json_object_get_size (json_node_get_object (input)) != 1
      || (body = json_object_get_member (json_node_get_object (input), "body")) == NULL
      || !JSON_NODE_HOLDS_VALUE (body) || json_node_get_value_type (body) != G_TYPE_STRING)
    return fail (EXIT_USAGE, _("The note must be a JSON object with one member, “body”, a "
                               "string."));

  if (!polku_cli_open_store (&store))
    return EXIT_ERROR;
  note = polku_case_store_add_note (store, client_id, json_node_get_string (body), &error);
  return polku_cli_print_or_fail (note, error);
}

int
polku_cli_case (int    argc,
                char **argv)
{
  static const PolkuCliSubcommand subcommands[] = {
    { "show", case_show },
    { "list", case_list },
    { "open", case_open },
    { "phase", case_phase },
    { "review", case_review },
    { "note", case_note },
  };

  return polku_cli_dispatch (argc, argv, subcommands, G_N_ELEMENTS (subcommands));
}
