/* polku-cli-case.c: polku-cli case show|list|open|phase|review|note
 *
 * JSON in (a file or - for standard input) and out (--json). Free text about a client
 * (reasons, notes) is read from JSON, never from the command line, where other users of the
 * machine could see it: a phase change's reason too ({"reason": …}); only the closing
 * reason's code is an option.
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
#include "polku-coordinator-store.h"
#include "polku-date.h"
#include "polku-followup-store.h"
#include "polku-json.h"
#include "polku-record-entry.h"
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

  g_autofree char *source = polku_case_sign_dup_source (sign);

  printf ("  %s\t%s\t%s\n", polku_case_sign_get_flagged_on (sign),
          polku_cli_sign_label (checklist, sign), source);
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
  const char *coordinator = polku_case_get_coordinator (kase);
  const char * const *responsible = polku_case_get_responsible_workers (kase);
  g_autofree char *responsible_text = responsible != NULL && responsible[0] != NULL
                                      ? g_strjoinv (", ", (char **) responsible) : NULL;
  g_autofree char *today = polku_date_today ();

  printf (_("Phase: %s (since %s)\n"),
          polku_case_phase_get_label (polku_case_get_phase_value (kase)),
          polku_case_get_phase_since (kase));
  if (polku_case_get_closed_code (kase) != NULL)
    {
      g_autoptr(PolkuClosingReasons) reasons = polku_closing_reasons_get_default (NULL);
      g_autofree char *closed = reasons != NULL
                                ? polku_closing_reasons_dup_description (
                                    reasons, polku_case_get_closed_code (kase),
                                    polku_case_get_closed_reason (kase))
                                : g_strdup (polku_case_get_closed_code (kase));

      printf (_("Closed: %s\n"), closed);
    }
  printf (_("Consent: %s\n"), polku_case_get_consent_valid (kase) ? _("valid") : _("none valid"));
  if (coordinator != NULL)
    printf (_("Coordinator: %s (since %s)\n"), coordinator,
            polku_case_get_coordinator_since (kase));
  else
    printf (_("Coordinator: none (waiting in the queue)\n"));
  printf (_("Responsible workers: %s\n"),
          responsible_text != NULL ? responsible_text : _("not named"));
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
  g_autoptr(GPtrArray) coordinators = NULL;
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
      || (coordinators = polku_coordinator_store_list_history (store, client_id, &error)) == NULL
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
      /* The coordinator apart from the responsible workers (one person may be both). */
      polku_cli_add_member_or_null (builder, "coordinator",
                                    kase != NULL ? polku_case_get_coordinator (kase) : NULL);
      json_builder_set_member_name (builder, "coordinator_history");
      polku_cli_add_list (builder, coordinators, polku_cli_add_object);
      json_builder_set_member_name (builder, "responsible_workers");
      json_builder_begin_array (builder);
      for (const char * const *name = kase != NULL ? polku_case_get_responsible_workers (kase)
                                                   : NULL;
           name != NULL && *name != NULL; name++)
        json_builder_add_string_value (builder, *name);
      json_builder_end_array (builder);
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
  const char *coordinator = polku_case_get_coordinator (kase);
  const char * const *responsible = polku_case_get_responsible_workers (kase);
  g_autofree char *responsible_text = responsible != NULL
                                      ? g_strjoinv (", ", (char **) responsible) : NULL;

  printf ("%s\t%s\t%s\t%s\t%s\n", polku_case_get_client_id (kase), polku_case_get_phase (kase),
          coordinator != NULL ? coordinator : "", responsible_text != NULL ? responsible_text : "",
          polku_case_get_review_on (kase) != NULL ? polku_case_get_review_on (kase) : "");
}

#define CASE_LIST_USAGE \
  "case list [--phase PHASE] [--coordinator NAME | --mine] [--responsible NAME]" \
  " [--review-due DATE] [--archived] [--json]"

static int
case_list (int    argc,
           char **argv)
{
  g_autoptr(PolkuStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) cases = NULL;
  PolkuCaseFilter filter = POLKU_CASE_FILTER_INIT;
  const char *phase = NULL;
  g_autofree char *actor = NULL;
  gboolean json = FALSE;
  gboolean mine = FALSE;
  const PolkuCliOption options[] = {
    { "--phase", &phase, NULL },
    { "--coordinator", &filter.coordinator, NULL },
    { "--mine", NULL, &mine },
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
  if (mine && filter.coordinator != NULL)
    return fail (EXIT_USAGE, _("Give --coordinator NAME or --mine, not both."));

  if (!polku_cli_open_store (&store))
    return EXIT_ERROR;
  /* My clients: the caseload of whoever works (--as, or the account's name). */
  if (mine)
    filter.coordinator = actor = polku_store_dup_actor (store);
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

#define CASE_PHASE_USAGE \
  "case phase CLIENT-ID PHASE [--date DATE] [--reason-code CODE] [--json FILE]   (FILE holds " \
  "{\"reason\": \"…\"})"

/* The phase change's words from @file: {"reason": "…"} (or null). */
static gboolean
read_phase_reason (const char  *file,
                   char       **out_reason,
                   int         *out_status)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) input = polku_cli_read_json (file, &error);
  JsonObject *object;
  JsonNode *reason;

  if (input == NULL)
    {
      *out_status = fail (EXIT_USAGE, "%s", error->message);
      return FALSE;
    }
  if (!JSON_NODE_HOLDS_OBJECT (input)
      || json_object_get_size (object = json_node_get_object (input)) != 1
      || (reason = json_object_get_member (object, "reason")) == NULL
      || !polku_cli_is_string_or_null (reason))
    {
      *out_status = fail (EXIT_USAGE, _("The reason must be a JSON object with one member, "
                                        "“reason”, a string. Nothing was changed."));
      return FALSE;
    }
  *out_reason = g_strdup (JSON_NODE_HOLDS_NULL (reason) ? NULL : json_node_get_string (reason));
  return TRUE;
}

static int
case_phase (int    argc,
            char **argv)
{
  g_autoptr(PolkuStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(PolkuCase) kase = NULL;
  g_autofree char *reason = NULL;
  const char *positional[2] = { NULL, NULL };
  const char *date = NULL;
  const char *reason_code = NULL;
  const char *file = NULL;
  const char *old_reason = NULL;
  const PolkuCliOption options[] = {
    { "--date", &date, NULL },
    { "--reason-code", &reason_code, NULL },
    { "--json", &file, NULL },
    { "--reason", &old_reason, NULL },
    { NULL }
  };
  PolkuCasePhase phase;
  int status;

  if (!polku_cli_parse_args (argc, argv, options, positional, 2, 2, CASE_PHASE_USAGE, &status)
      || !polku_cli_check_id (positional[0], CASE_PHASE_USAGE, &status))
    return status;
  /* Free text about a client never goes on the command line, where other users of the
   * machine can see it (ps, the shell's history). */
  if (old_reason != NULL)
    return fail (EXIT_USAGE, _("--reason is not accepted: the reason is free text about the "
                               "client and goes in JSON, {\"reason\": \"…\"}, with --json FILE "
                               "(- for standard input). Nothing was changed."));
  if (!parse_phase (positional[1], &phase, &status))
    return status;
  if (file != NULL && !read_phase_reason (file, &reason, &status))
    return status;

  if (!polku_cli_open_store (&store))
    return EXIT_ERROR;
  kase = polku_case_store_set_phase (store, positional[0], phase, date, reason_code, reason,
                                     &error);
  return polku_cli_print_or_fail (kase, error);
}

/* "ID\tLABEL" lines (with "(needs words)"), or the list as JSON. */
static int
case_closing_reasons (int    argc,
                      char **argv)
{
  static const char * const languages[] = { "en", "fi", "sv" };
  g_autoptr(PolkuClosingReasons) reasons = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  const char *file = NULL;
  gboolean json = FALSE;
  const PolkuCliOption options[] = {
    { "--file", &file, NULL }, { "--json", NULL, &json }, { NULL }
  };
  int status;

  if (!polku_cli_parse_args (argc, argv, options, NULL, 0, 0,
                             "case closing-reasons [--file FILE] [--json]", &status))
    return status;

  reasons = file != NULL ? polku_closing_reasons_new_from_file (file, &error)
                         : polku_closing_reasons_get_default (&error);
  if (reasons == NULL)
    return fail (error->domain == POLKU_CLOSING_REASONS_ERROR ? EXIT_USAGE : EXIT_ERROR, "%s",
                 error->message);

  if (!json)
    {
      for (guint i = 0; i < polku_closing_reasons_get_n_reasons (reasons); i++)
        {
          const char *id = polku_closing_reasons_get_reason_id (reasons, i);

          printf ("%s\t%s%s\n", id, polku_closing_reasons_get_label (reasons, id, NULL),
                  polku_closing_reasons_get_text_required (reasons, id)
                  ? _("\t(needs words)") : "");
        }
      return EXIT_OK;
    }

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "id");
  json_builder_add_string_value (builder, polku_closing_reasons_get_id (reasons));
  json_builder_set_member_name (builder, "reasons");
  json_builder_begin_array (builder);
  for (guint i = 0; i < polku_closing_reasons_get_n_reasons (reasons); i++)
    {
      const char *id = polku_closing_reasons_get_reason_id (reasons, i);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "id");
      json_builder_add_string_value (builder, id);
      json_builder_set_member_name (builder, "label");
      json_builder_begin_object (builder);
      for (guint l = 0; l < G_N_ELEMENTS (languages); l++)
        {
          json_builder_set_member_name (builder, languages[l]);
          json_builder_add_string_value (builder, polku_closing_reasons_get_label (reasons, id,
                                                                                 languages[l]));
        }
      json_builder_end_object (builder);
      json_builder_set_member_name (builder, "text_required");
      json_builder_add_boolean_value (builder,
                                      polku_closing_reasons_get_text_required (reasons, id));
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);
  polku_cli_print_builder (builder);
  return EXIT_OK;
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
  const char *body;
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
      || (body = polku_json_get_string (json_node_get_object (input), "body")) == NULL)
    return fail (EXIT_USAGE, _("The note must be a JSON object with one member, “body”, a "
                               "string."));

  if (!polku_cli_open_store (&store))
    return EXIT_ERROR;
  note = polku_case_store_add_note (store, client_id, body, &error);
  return polku_cli_print_or_fail (note, error);
}

#define CASE_RECORD_ENTRY_USAGE "case record-entry CLIENT-ID [--language fi|sv|en]"

/* The text for the patient or client record (polku-record-entry.h), as the app's Record
 * Entry dialog shows it; printed, never sent anywhere. */
static int
case_record_entry (int    argc,
                   char **argv)
{
  g_autoptr(PolkuStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  const char *client_id = NULL;
  const char *language = NULL;
  const PolkuCliOption options[] = { { "--language", &language, NULL }, { NULL } };
  int status;

  if (!polku_cli_parse_id_args (argc, argv, options, CASE_RECORD_ENTRY_USAGE, &client_id,
                                &status))
    return status;
  if (language != NULL && !g_str_equal (language, "fi") && !g_str_equal (language, "sv")
      && !g_str_equal (language, "en"))
    return fail (EXIT_USAGE, _("The record entry is written in fi, sv or en, not in “%s”. "
                               "Usage: polku-cli %s"), language, CASE_RECORD_ENTRY_USAGE);

  if (!polku_cli_open_store (&store))
    return EXIT_ERROR;
  text = polku_record_entry_build (store, client_id, language, NULL, NULL, &error);
  if (text == NULL)
    return fail (EXIT_ERROR, "%s", error->message);
  fputs (text, stdout);
  return EXIT_OK;
}

int
polku_cli_case (int    argc,
                char **argv)
{
  static const PolkuCliSubcommand subcommands[] = {
    { "show", case_show },
    { "list", case_list },
    { "coordinator", polku_cli_case_coordinator },
    { "queue", polku_cli_case_queue },
    { "open", case_open },
    { "phase", case_phase },
    { "closing-reasons", case_closing_reasons },
    { "review", case_review },
    { "note", case_note },
    { "record-entry", case_record_entry },
  };

  return polku_cli_dispatch (argc, argv, subcommands, G_N_ELEMENTS (subcommands));
}
