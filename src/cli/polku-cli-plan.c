/* polku-cli-plan.c: polku-cli plan: the shared care-and-service plan, headless
 *
 *   plan show CLIENT-ID [--json] [--version N]
 *   plan export CLIENT-ID --fhir --to ORG-ID|--own-use [--version N]
 *   plan update CLIENT-ID --json PATCH [--base N]  (a JSON merge patch, RFC 7396; - for stdin;
 *                                          N: the version it was made from, refused if stale)
 *   plan versions CLIENT-ID [--json]
 *   plan restore CLIENT-ID VERSION
 *   plan new CLIENT-ID [--template ID] [--language LANG]
 *   plan templates [--json]
 *
 * Copyright 2026 The Polku authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "polku-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>

#include "polku-audit.h"
#include "polku-client-store.h"
#include "polku-consent-export.h"
#include "polku-json.h"
#include "polku-plan-context.h"
#include "polku-plan-fhir.h"
#include "polku-plan-store.h"

#include "polku-cli-private.h"

/* Exit status for an error of the core: the input's fault (2) or not (1). */
static int
status_of (const GError *error)
{
  if (g_error_matches (error, POLKU_PLAN_ERROR, POLKU_PLAN_ERROR_INVALID))
    return EXIT_USAGE;
  return EXIT_ERROR;
}

static gboolean
parse_version (const char *text,
               gint64     *out)
{
  guint64 value = 0;

  if (!polku_cli_parse_uint (text, G_MAXINT64, &value) || value == 0)
    return FALSE;
  *out = (gint64) value;
  return TRUE;
}

/* The current version, or version @version when it is > 0; @out_shown (optional) is the
 * version read. Records the read. */
static JsonNode *
read_plan (PolkuStore        *store,
           const char        *client_id,
           gint64             version,
           const char        *audit_action,
           gint64            *out_version,
           PolkuPlanVersion **out_shown,
           GError           **error)
{
  g_autoptr(JsonNode) document = NULL;
  g_autoptr(PolkuPlanVersion) shown = NULL;
  g_autofree char *detail = NULL;
  gint64 read_version = version;

  if (version > 0)
    {
      shown = polku_plan_store_get_version (store, client_id, version, error);
      if (shown == NULL)
        return NULL;
      document = json_node_ref (polku_plan_version_get_document (shown));
    }
  else
    {
      document = polku_plan_store_load (store, client_id, &read_version, error);
      if (document == NULL)
        return NULL;
      if (out_shown != NULL
          && (shown = polku_plan_store_get_version (store, client_id, read_version,
                                                    error)) == NULL)
        return NULL;
    }

  detail = g_strdup_printf ("plan=%s version=%" G_GINT64_FORMAT,
                            json_object_get_string_member (json_node_get_object (document),
                                                           "id"),
                            read_version);
  if (!polku_audit_record (store, audit_action, client_id, detail, error))
    return NULL;

  if (out_version != NULL)
    *out_version = read_version;
  if (out_shown != NULL)
    *out_shown = g_steal_pointer (&shown);
  return g_steal_pointer (&document);
}

/* A short summary for a person at a terminal, in the UI language. The responsible workers
 * are the team's and the review date the case's (@context), as they are now, whichever
 * version is shown. */
static void
print_summary (JsonNode               *document,
               PolkuPlanVersion       *shown,
               const PolkuPlanContext *context)
{
  JsonObject *plan = json_node_get_object (document);
  JsonArray *goals = json_object_get_array_member (plan, "goals");
  g_autofree char *overdue = polku_plan_review_dup_overdue (context->review_on, NULL);
  const char *plan_id = polku_json_get_string (plan, "id");
  const char *agreed_on = polku_json_get_string (plan, "agreed_on");
  gboolean recorded = TRUE;
  const char *first_saved = polku_plan_version_get_agreed_on (shown, &recorded);

  /* A version saved before Polku recorded the agreed date says so: the current one shows
   * the plan's (polku_plan_store_load () gave it), an earlier one the first save's day. */
  if (agreed_on == NULL)
    agreed_on = first_saved;

  printf (_("Plan %s, version %d, language %s\n"),
          plan_id != NULL ? plan_id : "", (int) polku_plan_version_get_version (shown),
          polku_plan_document_get_language (document));
  if (!recorded && agreed_on != NULL)
    /* Translators: a plan version from before Polku recorded the day the plan was agreed */
    printf (_("Agreed with the client: %s (not recorded in this version: the day the plan "
              "was first saved)\n"), agreed_on);
  else
    printf (_("Agreed with the client: %s\n"), agreed_on != NULL ? agreed_on : "—");
  if (context->workers->len == 0)
    printf (_("Responsible worker: %s\n"), "—");
  for (guint i = 0; i < context->workers->len; i++)
    {
      const PolkuPlanWorker *worker = g_ptr_array_index (context->workers, i);
      g_autofree char *line = polku_plan_worker_dup_line (worker);

      if (worker->contact != NULL)
        {
          g_autofree char *with_contact = g_strdup_printf ("%s (%s)", line, worker->contact);

          g_free (line);
          line = g_steal_pointer (&with_contact);
        }
      printf (_("Responsible worker: %s\n"), line);
    }
  if (overdue != NULL)
    /* Translators: the review date, then e.g. "overdue since 1.9.2025" */
    printf (_("Next review: %s (%s)\n"), context->review_on, overdue);
  else
    printf (_("Next review: %s\n"), context->review_on != NULL ? context->review_on : "—");
  for (guint i = 0; i < json_array_get_length (goals); i++)
    {
      JsonObject *goal = json_array_get_object_element (goals, i);
      JsonArray *actions = json_object_get_array_member (goal, "actions");
      const char *goal_text = polku_json_get_string (goal, "text");
      PolkuPlanGoalStatus status = POLKU_PLAN_GOAL_PROPOSED;

      polku_plan_goal_status_from_code (polku_json_get_string (goal, "status"), &status);
      printf ("%u. [%s] %s\n", i + 1, polku_plan_goal_status_get_label (status),
              goal_text != NULL ? goal_text : "");
      for (guint j = 0; actions != NULL && j < json_array_get_length (actions); j++)
        {
          JsonObject *action = json_array_get_object_element (actions, j);
          const char *action_text = polku_json_get_string (action, "text");
          const char *responsible = polku_json_get_string (action, "responsible");
          PolkuPlanActionStatus astatus = POLKU_PLAN_ACTION_PLANNED;

          polku_plan_action_status_from_code (polku_json_get_string (action, "status"),
                                              &astatus);
          printf ("   - [%s] %s (%s)\n", polku_plan_action_status_get_label (astatus),
                  action_text != NULL ? action_text : "",
                  responsible != NULL ? responsible : "—");
        }
    }
}

/* plan show, and plan export (fhir) */
static int
cmd_show (int    argc,
          char **argv)
{
  gboolean fhir = g_str_equal (argv[0], "export");
  g_autoptr(PolkuStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) document = NULL;
  g_autoptr(PolkuPlanContext) context = NULL;
  g_autoptr(PolkuPlanVersion) shown = NULL;
  const char *client_id = NULL;
  gboolean json = FALSE;
  gint64 version = 0;
  gint64 read_version = 0;
  PolkuCliExportTo to = { NULL, FALSE };
  int status;

  for (int i = 1; i < argc; i++)
    {
      if (!fhir && g_str_equal (argv[i], "--json"))
        json = TRUE;
      else if (fhir && g_str_equal (argv[i], "--fhir"))
        json = TRUE;
      else if (fhir && g_str_equal (argv[i], "--to") && i + 1 < argc)
        to.to = argv[++i];
      else if (fhir && g_str_equal (argv[i], "--own-use"))
        to.own_use = TRUE;
      else if (g_str_equal (argv[i], "--version") && i + 1 < argc)
        {
          if (!parse_version (argv[++i], &version))
            return fail (EXIT_USAGE, _("--version needs a version number (1, 2, …), not “%s”."),
                         argv[i]);
        }
      else if (client_id == NULL && argv[i][0] != '-')
        client_id = argv[i];
      else
        return fail (EXIT_USAGE, fhir ? _("Unknown argument “%s”. Usage: polku-cli plan export "
                                          "CLIENT-ID --fhir --to ORG-ID|--own-use "
                                          "[--version N]")
                                      : _("Unknown argument “%s”. Usage: polku-cli plan show "
                                          "CLIENT-ID [--json] [--version N]"), argv[i]);
    }

  if (client_id == NULL || !g_uuid_string_is_valid (client_id))
    return fail (EXIT_USAGE, fhir ? _("Usage: polku-cli plan export CLIENT-ID --fhir (the id "
                                      "is a UUID)")
                                  : _("Usage: polku-cli plan show CLIENT-ID [--json] (the id "
                                      "is a UUID)"));
  if (fhir && !json)
    return fail (EXIT_USAGE, _("Say which format to export: polku-cli plan export CLIENT-ID "
                               "--fhir"));
  if (fhir && !polku_cli_check_export_to (&to, "polku-cli plan export CLIENT-ID --fhir "
                                          "--to ORG-ID|--own-use [--version N]", &status))
    return status;

  if (!polku_cli_open_store (&store))
    return EXIT_ERROR;

  /* An export is recorded as such only once the consent check lets it go
   * (polku_cli_record_export ()). */
  document = read_plan (store, client_id, version, POLKU_AUDIT_PLAN_VIEW, &read_version,
                        fhir || json ? NULL : &shown, &error);
  if (document == NULL)
    return fail (EXIT_ERROR, "%s", error->message);
  context = polku_plan_context_read (store, client_id, &error);
  if (context == NULL)
    return fail (EXIT_ERROR, "%s", error->message);

  if (fhir)
    {
      g_autoptr(PolkuClient) client = polku_client_store_get (store, client_id, &error);
      g_autoptr(JsonNode) bundle = NULL;
      g_auto(GStrv) parts = polku_plan_fhir_parts (document);
      g_autofree char *what = g_strdup_printf ("plan=%s version=%" G_GINT64_FORMAT
                                               " format=fhir",
                                               json_object_get_string_member (
                                                 json_node_get_object (document), "id"),
                                               read_version);

      if (client == NULL)
        return fail (EXIT_ERROR, "%s", error->message);
      /* The bundle goes whole or not at all: leaving out what the consent does not cover
       * would give the receiver a plan that looks complete and is not. */
      status = polku_cli_record_export (store, client_id, &to, (const char * const *) parts,
                                        POLKU_AUDIT_PLAN_EXPORT, what);
      if (status != EXIT_OK)
        return status;
      bundle = polku_plan_to_fhir (document, client, context);
      polku_consent_export_mark_fhir (bundle, to.to);
      print_json (bundle);
    }
  else if (json)
    print_json (document);
  else
    print_summary (document, shown, context);

  return EXIT_OK;
}

static int
cmd_update (int    argc,
            char **argv)
{
  g_autoptr(PolkuStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) patch = NULL;
  g_autoptr(JsonNode) result = NULL;
  const char *client_id = NULL;
  const char *file = NULL;
  gint64 base = -1;

  for (int i = 1; i < argc; i++)
    {
      if (g_str_equal (argv[i], "--json") && i + 1 < argc)
        file = argv[++i];
      else if (g_str_equal (argv[i], "--base") && i + 1 < argc)
        {
          guint64 value = 0;

          /* 0: the patch was made when there was no plan yet. */
          if (!polku_cli_parse_uint (argv[i + 1], G_MAXINT64, &value))
            return fail (EXIT_USAGE, _("--base needs the plan version the patch was made "
                                       "from (a number, 0 when there was no plan), not "
                                       "“%s”."), argv[i + 1]);
          base = (gint64) value;
          i++;
        }
      else if (client_id == NULL && argv[i][0] != '-')
        client_id = argv[i];
      else
        return fail (EXIT_USAGE, _("Unknown argument “%s”. Usage: polku-cli plan update "
                                   "CLIENT-ID --json PATCH [--base N]"), argv[i]);
    }
  if (client_id == NULL || !g_uuid_string_is_valid (client_id) || file == NULL)
    return fail (EXIT_USAGE, _("Usage: polku-cli plan update CLIENT-ID --json PATCH "
                               "[--base N] (a JSON merge patch in a file, - for standard "
                               "input; N the version it was made from; the id is a UUID)"));

  patch = polku_cli_read_json (file, &error);
  if (patch == NULL)
    return fail (EXIT_USAGE, "%s", error->message);
  if (!JSON_NODE_HOLDS_OBJECT (patch))
    return fail (EXIT_USAGE, _("The patch must be a JSON object (a JSON merge patch, "
                               "RFC 7396)."));

  if (!polku_cli_open_store (&store))
    return EXIT_ERROR;

  result = polku_plan_store_update (store, client_id, patch, base, NULL, &error);
  if (result == NULL)
    return fail (status_of (error), "%s", error->message);

  print_json (result);
  return EXIT_OK;
}

static void
build_version_json (JsonBuilder *builder,
                    gpointer     item)
{
  PolkuPlanVersion *version = item;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "version");
  json_builder_add_int_value (builder, polku_plan_version_get_version (version));
  polku_cli_add_member_or_null (builder, "created", polku_plan_version_get_created (version));
  polku_cli_add_member_or_null (builder, "author", polku_plan_version_get_author (version));
  polku_cli_add_member_or_null (builder, "origin", polku_plan_version_get_origin (version));
  json_builder_set_member_name (builder, "restored_from");
  if (polku_plan_version_get_restored_from (version) > 0)
    json_builder_add_int_value (builder, polku_plan_version_get_restored_from (version));
  else
    json_builder_add_null_value (builder);
  json_builder_end_object (builder);
}

static int
cmd_versions (int    argc,
              char **argv)
{
  g_autoptr(PolkuStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) versions = NULL;
  g_autofree char *detail = NULL;
  const char *client_id = NULL;
  gboolean json = FALSE;

  for (int i = 1; i < argc; i++)
    {
      if (g_str_equal (argv[i], "--json"))
        json = TRUE;
      else if (client_id == NULL && argv[i][0] != '-')
        client_id = argv[i];
      else
        return fail (EXIT_USAGE, _("Unknown argument “%s”. Usage: polku-cli plan versions "
                                   "CLIENT-ID [--json]"), argv[i]);
    }
  if (client_id == NULL || !g_uuid_string_is_valid (client_id))
    return fail (EXIT_USAGE, _("Usage: polku-cli plan versions CLIENT-ID [--json] (the id is "
                               "a UUID)"));

  if (!polku_cli_open_store (&store))
    return EXIT_ERROR;

  versions = polku_plan_store_list_versions (store, client_id, &error);
  if (versions == NULL)
    return fail (EXIT_ERROR, "%s", error->message);
  detail = g_strdup_printf ("plan versions=%u", versions->len);
  if (!polku_audit_record (store, POLKU_AUDIT_PLAN_VIEW, client_id, detail, &error))
    return fail (EXIT_ERROR, "%s", error->message);

  if (json)
    polku_cli_print_list (versions, build_version_json);
  else
    {
      for (guint i = 0; i < versions->len; i++)
        {
          g_autofree char *label = polku_plan_version_dup_label (g_ptr_array_index (versions,
                                                                                    i));
          printf ("%s\n", label);
        }
    }

  return EXIT_OK;
}

static int
cmd_restore (int    argc,
             char **argv)
{
  g_autoptr(PolkuStore) store = NULL;
  g_autoptr(GError) error = NULL;
  gint64 version = 0;
  gint64 new_version = 0;

  if (argc != 3 || !g_uuid_string_is_valid (argv[1]) || !parse_version (argv[2], &version))
    return fail (EXIT_USAGE, _("Usage: polku-cli plan restore CLIENT-ID VERSION (the id is a "
                               "UUID, the version a number from plan versions)"));

  if (!polku_cli_open_store (&store))
    return EXIT_ERROR;

  if (!polku_plan_store_restore (store, argv[1], version, &new_version, &error))
    return fail (EXIT_ERROR, "%s", error->message);

  printf (_("Version %d was restored as version %d.\n"), (int) version, (int) new_version);
  return EXIT_OK;
}

static int
cmd_new (int    argc,
         char **argv)
{
  g_autoptr(PolkuStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(PolkuClient) client = NULL;
  g_autoptr(JsonNode) document = NULL;
  g_autoptr(JsonNode) saved = NULL;
  const char *client_id = NULL;
  const char *template_id = NULL;
  const char *language = NULL;
  gint64 version = 0;

  for (int i = 1; i < argc; i++)
    {
      if (g_str_equal (argv[i], "--template") && i + 1 < argc)
        template_id = argv[++i];
      else if (g_str_equal (argv[i], "--language") && i + 1 < argc)
        {
          language = argv[++i];
          if (!g_str_equal (language, "fi") && !g_str_equal (language, "sv"))
            return fail (EXIT_USAGE, _("--language must be fi or sv, not “%s”."), language);
        }
      else if (client_id == NULL && argv[i][0] != '-')
        client_id = argv[i];
      else
        return fail (EXIT_USAGE, _("Unknown argument “%s”. Usage: polku-cli plan new CLIENT-ID "
                                   "[--template ID] [--language LANG]"), argv[i]);
    }
  if (client_id == NULL || !g_uuid_string_is_valid (client_id))
    return fail (EXIT_USAGE, _("Usage: polku-cli plan new CLIENT-ID [--template ID] "
                               "[--language LANG] (the id is a UUID)"));

  if (!polku_cli_open_store (&store))
    return EXIT_ERROR;
  client = polku_client_store_get (store, client_id, &error);
  if (client == NULL)
    return fail (EXIT_ERROR, "%s", error->message);

  if (language == NULL)
    language = polku_client_get_language (client) == POLKU_LANGUAGE_SV ? "sv" : "fi";

  if (template_id != NULL)
    document = polku_plan_document_new_from_template (template_id, client_id, language,
                                                      &error);
  else
    document = polku_plan_document_new (client_id, language);
  if (document == NULL)
    return fail (EXIT_USAGE, "%s", error->message);

  if (!polku_plan_store_save (store, client_id, document, 0,
                              template_id != NULL ? POLKU_PLAN_ORIGIN_TEMPLATE
                                                  : POLKU_PLAN_ORIGIN_CREATE,
                              &version, &error))
    {
      if (g_error_matches (error, POLKU_PLAN_ERROR, POLKU_PLAN_ERROR_CHANGED))
        return fail (EXIT_ERROR, _("The client already has a plan: change it with plan "
                                   "update, or see it with plan show."));
      return fail (EXIT_ERROR, "%s", error->message);
    }

  saved = polku_plan_store_load (store, client_id, NULL, &error);
  if (saved == NULL)
    return fail (EXIT_ERROR, "%s", error->message);
  print_json (saved);
  return EXIT_OK;
}

static void
build_template_json (JsonBuilder *builder,
                     gpointer     item)
{
  PolkuPlanTemplateInfo *info = item;

  json_builder_begin_object (builder);
  polku_cli_add_member_or_null (builder, "id", info->id);
  polku_cli_add_member_or_null (builder, "title", info->title);
  polku_cli_add_member_or_null (builder, "description", info->description);
  json_builder_end_object (builder);
}

static int
cmd_templates (int    argc,
               char **argv)
{
  g_autoptr(GPtrArray) templates = polku_plan_list_templates ();
  gboolean json = FALSE;

  for (int i = 1; i < argc; i++)
    {
      if (g_str_equal (argv[i], "--json"))
        json = TRUE;
      else
        return fail (EXIT_USAGE, _("Unknown argument “%s”. Usage: polku-cli plan templates "
                                   "[--json]"), argv[i]);
    }

  if (json)
    polku_cli_print_list (templates, build_template_json);
  else
    {
      for (guint i = 0; i < templates->len; i++)
        {
          PolkuPlanTemplateInfo *info = g_ptr_array_index (templates, i);

          printf ("%s\t%s\n", info->id, info->title);
        }
    }
  return EXIT_OK;
}

int
polku_cli_plan (int    argc,
                char **argv)
{
  static const PolkuCliSubcommand subcommands[] = {
    { "show", cmd_show },
    { "export", cmd_show },
    { "update", cmd_update },
    { "versions", cmd_versions },
    { "restore", cmd_restore },
    { "new", cmd_new },
    { "templates", cmd_templates },
  };

  return polku_cli_dispatch (argc, argv, subcommands, G_N_ELEMENTS (subcommands));
}
