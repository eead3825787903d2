/* polku-cli-case.c: polku-cli case|signs|consent|team|followups — the case work, headless
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
#include <string.h>

#include "polku-audit.h"
#include "polku-case-store.h"
#include "polku-checklist.h"
#include "polku-client-store.h"
#include "polku-consent-store.h"
#include "polku-date.h"
#include "polku-followup-store.h"
#include "polku-team-store.h"

#include "polku-cli-private.h"

/* Command-line parsing: options with or without a value, and positional arguments. */

typedef struct
{
  const char   *name;       /* "--date" */
  const char  **value;      /* for an option with a value */
  gboolean     *flag;       /* for a flag */
} Option;

/* Returns FALSE (and prints the usage) on an unknown or incomplete argument. */
static gboolean
parse_args (int            argc,
            char         **argv,
            const Option  *options,
            const char   **positional,
            guint          n_positional,
            guint          n_required,
            const char    *usage,
            int           *out_status)
{
  guint n = 0;

  for (int i = 1; i < argc; i++)
    {
      const Option *option = NULL;

      for (guint j = 0; options != NULL && options[j].name != NULL; j++)
        if (g_str_equal (argv[i], options[j].name))
          option = &options[j];

      if (option != NULL && option->flag != NULL)
        *option->flag = TRUE;
      else if (option != NULL && i + 1 < argc)
        *option->value = argv[++i];
      else if (option == NULL && argv[i][0] != '-' && n < n_positional)
        positional[n++] = argv[i];
      else
        {
          *out_status = fail (EXIT_USAGE, _("Wrong argument “%s”. Usage: polku-cli %s"),
                              argv[i], usage);
          return FALSE;
        }
    }
  if (n < n_required)
    {
      *out_status = fail (EXIT_USAGE, _("Usage: polku-cli %s"), usage);
      return FALSE;
    }
  return TRUE;
}

static gboolean
check_id (const char *id,
          const char *usage,
          int        *out_status)
{
  if (g_uuid_string_is_valid (id))
    return TRUE;
  *out_status = fail (EXIT_USAGE, _("“%s” is not an id (a UUID). Usage: polku-cli %s"), id,
                      usage);
  return FALSE;
}

/* Bad input is exit status 2, anything else that failed 1. */
static int
fail_with (GError *error)
{
  gboolean usage = (error->domain == POLKU_CASE_ERROR && error->code == POLKU_CASE_ERROR_INVALID)
                   || (error->domain == POLKU_CONSENT_ERROR
                       && error->code == POLKU_CONSENT_ERROR_INVALID)
                   || (error->domain == POLKU_TEAM_ERROR && error->code == POLKU_TEAM_ERROR_INVALID)
                   || (error->domain == POLKU_FOLLOWUP_ERROR
                       && error->code == POLKU_FOLLOWUP_ERROR_INVALID)
                   || error->domain == POLKU_CHECKLIST_ERROR
                   || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);

  return fail (usage ? EXIT_USAGE : EXIT_ERROR, "%s", error->message);
}

/* Records that the user read a client's case work from the command line. */
static gboolean
record_view (PolkuStore  *store,
             const char  *client_id,
             const char  *what,
             GError     **error)
{
  g_autofree char *detail = g_strdup_printf ("cli=%s", what);

  return polku_audit_record (store, "case.view", client_id, detail, error);
}

/* JSON from and to the case-work objects: every property, with "_" for "-". */

static void
add_object (JsonBuilder *builder,
            GObject     *object)
{
  g_autofree GParamSpec **pspecs = NULL;
  guint n;

  pspecs = g_object_class_list_properties (G_OBJECT_GET_CLASS (object), &n);
  json_builder_begin_object (builder);
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *name = g_strdelimit (g_strdup (pspecs[i]->name), "-", '_');
      g_auto(GValue) value = G_VALUE_INIT;
      GType type = G_PARAM_SPEC_VALUE_TYPE (pspecs[i]);

      g_value_init (&value, type);
      g_object_get_property (object, pspecs[i]->name, &value);
      json_builder_set_member_name (builder, name);
      if (type == G_TYPE_STRING)
        {
          if (g_value_get_string (&value) != NULL)
            json_builder_add_string_value (builder, g_value_get_string (&value));
          else
            json_builder_add_null_value (builder);
        }
      else if (type == G_TYPE_BOOLEAN)
        json_builder_add_boolean_value (builder, g_value_get_boolean (&value));
      else if (type == G_TYPE_UINT)
        json_builder_add_int_value (builder, g_value_get_uint (&value));
      else if (type == G_TYPE_STRV)
        {
          const char * const *strv = g_value_get_boxed (&value);

          json_builder_begin_array (builder);
          for (guint j = 0; strv != NULL && strv[j] != NULL; j++)
            json_builder_add_string_value (builder, strv[j]);
          json_builder_end_array (builder);
        }
      else
        json_builder_add_null_value (builder);
    }
  json_builder_end_object (builder);
}

static void
add_array (JsonBuilder *builder,
           GPtrArray   *objects)
{
  json_builder_begin_array (builder);
  for (guint i = 0; objects != NULL && i < objects->len; i++)
    add_object (builder, g_ptr_array_index (objects, i));
  json_builder_end_array (builder);
}

static void
print_object (GObject *object)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;

  add_object (builder, object);
  root = json_builder_get_root (builder);
  print_json (root);
}

static void
print_array (GPtrArray *objects)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;

  add_array (builder, objects);
  root = json_builder_get_root (builder);
  print_json (root);
}

/* Reads a draft object of @type from the JSON in @file. Only the members in @allowed
 * (JSON names) are accepted, so that a typo never drops data silently. */
static GObject *
read_draft (GType                type,
            const char          *file,
            const char          *client_id,
            const char * const  *allowed,
            GError             **error)
{
  g_autoptr(JsonNode) node = polku_cli_read_json (file, error);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GArray) values = g_array_new (FALSE, TRUE, sizeof (GValue));
  g_autoptr(GTypeClass) klass = g_type_class_ref (type);
  g_autoptr(GList) members = NULL;
  JsonObject *object;
  GObject *result;

  g_array_set_clear_func (values, (GDestroyNotify) g_value_unset);
  if (node == NULL)
    return NULL;
  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, _("The input must be a JSON "
                                                                  "object."));
      return NULL;
    }

  object = json_node_get_object (node);
  members = json_object_get_members (object);
  for (GList *l = members; l != NULL; l = l->next)
    {
      const char *member = l->data;
      JsonNode *value = json_object_get_member (object, member);
      g_autofree char *property = g_strdelimit (g_strdup (member), "_", '-');
      GParamSpec *pspec = g_object_class_find_property (G_OBJECT_CLASS (klass), property);
      GValue gvalue = G_VALUE_INIT;
      GType value_type;

      if (!g_strv_contains (allowed, member) || pspec == NULL)
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                       _("Unknown member “%s” in the input."), member);
          return NULL;
        }
      value_type = G_PARAM_SPEC_VALUE_TYPE (pspec);
      g_value_init (&gvalue, value_type);
      if (JSON_NODE_HOLDS_NULL (value) && value_type != G_TYPE_BOOLEAN)
        ;
      else if (value_type == G_TYPE_STRING && JSON_NODE_HOLDS_VALUE (value)
               && json_node_get_value_type (value) == G_TYPE_STRING)
        g_value_set_string (&gvalue, json_node_get_string (value));
      else if (value_type == G_TYPE_BOOLEAN && JSON_NODE_HOLDS_VALUE (value)
               && json_node_get_value_type (value) == G_TYPE_BOOLEAN)
        g_value_set_boolean (&gvalue, json_node_get_boolean (value));
      else if (value_type == G_TYPE_STRV && JSON_NODE_HOLDS_ARRAY (value))
        {
          JsonArray *array = json_node_get_array (value);
          g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

          for (guint i = 0; i < json_array_get_length (array); i++)
            {
              JsonNode *element = json_array_get_element (array, i);

              if (!JSON_NODE_HOLDS_VALUE (element)
                  || json_node_get_value_type (element) != G_TYPE_STRING)
                {
                  g_value_unset (&gvalue);
                  g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                               _("“%s” must be a list of strings."), member);
                  return NULL;
                }
              g_strv_builder_add (builder, json_node_get_string (element));
            }
          g_value_take_boxed (&gvalue, g_strv_builder_end (builder));
        }
      else
        {
          g_value_unset (&gvalue);
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                       value_type == G_TYPE_STRV ? _("“%s” must be a list of strings.")
                       : value_type == G_TYPE_BOOLEAN ? _("“%s” must be true or false.")
                       : _("“%s” must be a string or null."), member);
          return NULL;
        }
      g_ptr_array_add (names, g_steal_pointer (&property));
      g_array_append_val (values, gvalue);
    }

  if (client_id != NULL)
    {
      GValue gvalue = G_VALUE_INIT;

      g_value_init (&gvalue, G_TYPE_STRING);
      g_value_set_string (&gvalue, client_id);
      g_ptr_array_add (names, g_strdup ("client-id"));
      g_array_append_val (values, gvalue);
    }

  result = g_object_new_with_properties (type, names->len, (const char **) names->pdata,
                                         (const GValue *) values->data);
  return result;
}

/* case */

#define CASE_SHOW_USAGE "case show CLIENT-ID [--json]"

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
  for (guint i = 0; i < signs->len; i++)
    {
      PolkuCaseSign *sign = g_ptr_array_index (signs, i);
      const char *label = polku_checklist_get_item_label (checklist,
                                                          polku_case_sign_get_group_id (sign),
                                                          polku_case_sign_get_item_id (sign),
                                                          NULL);

      printf ("  %s\t%s\t%s\n", polku_case_sign_get_flagged_on (sign),
              label != NULL ? label : polku_case_sign_get_item_id (sign),
              polku_case_sign_get_service_point (sign));
    }

  printf (_("Consents: %u\n"), consents->len);
  for (guint i = 0; i < consents->len; i++)
    {
      PolkuConsent *consent = g_ptr_array_index (consents, i);
      const char *withdrawn = polku_consent_get_withdrawn_on (consent);
      const char *until = polku_consent_get_valid_until (consent);

      printf ("  %s\t%s\t%s\t%s\n", polku_consent_get_id (consent),
              polku_consent_get_given_on (consent),
              polku_consent_code_get_label (polku_consent_get_method (consent)),
              withdrawn != NULL ? _("withdrawn") : until != NULL ? until : _("until withdrawn"));
    }

  printf (_("Team: %u\n"), team->len);
  for (guint i = 0; i < team->len; i++)
    {
      PolkuTeamMember *member = g_ptr_array_index (team, i);

      printf ("  %s\t%s\t%s\t%s%s\n", polku_team_member_get_id (member),
              polku_team_member_get_person (member), polku_team_member_get_role (member),
              polku_team_member_get_organisation (member),
              polku_team_member_get_responsible (member) ? _("\t(responsible worker)") : "");
    }

  printf (_("Open follow-ups: %u\n"), followups->len);
  for (guint i = 0; i < followups->len; i++)
    {
      PolkuFollowup *followup = g_ptr_array_index (followups, i);

      printf ("  %s\t%s\t%s%s\n", polku_followup_get_id (followup),
              polku_followup_get_due_on (followup), polku_followup_get_title (followup),
              polku_followup_is_overdue (followup, today) ? _("\t(overdue)") : "");
    }
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
  const char *client_id = NULL;
  gboolean json = FALSE;
  const Option options[] = { { "--json", NULL, &json }, { NULL } };
  int status;

  if (!parse_args (argc, argv, options, &client_id, 1, 1, CASE_SHOW_USAGE, &status)
      || !check_id (client_id, CASE_SHOW_USAGE, &status))
    return status;

  checklist = polku_checklist_get_default (&error);
  if (checklist == NULL)
    return fail (EXIT_ERROR, "%s", error->message);
  store = polku_cli_open_store (&error);
  if (store == NULL)
    return fail (EXIT_ERROR, "%s", error->message);

  kase = polku_case_store_get (store, client_id, &error);
  if (kase == NULL)
    {
      g_autoptr(PolkuClient) client = NULL;

      if (!g_error_matches (error, POLKU_CASE_ERROR, POLKU_CASE_ERROR_NOT_FOUND))
        return fail_with (error);
      /* Say whether the client is missing or only has no case yet. */
      g_clear_error (&error);
      client = polku_client_store_get (store, client_id, &error);
      if (client == NULL)
        return fail_with (error);
      g_clear_error (&error);
    }

  if (!record_view (store, client_id, "case.show", &error)
      || (signs = polku_case_store_list_signs (store, client_id, TRUE, &error)) == NULL
      || (consents = polku_consent_store_list (store, client_id, &error)) == NULL
      || (team = polku_team_store_list (store, client_id, TRUE, &error)) == NULL
      || (responsible = polku_team_store_list_responsible (store, client_id, &error)) == NULL
      || (followups = polku_followup_store_list (store, client_id, TRUE, &error)) == NULL
      || (phases = polku_case_store_list_phases (store, client_id, &error)) == NULL
      || (notes = polku_case_store_list_notes (store, client_id, &error)) == NULL)
    return fail_with (error);

  if (json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();
      g_autoptr(JsonNode) root = NULL;
      guint active_signs = 0;

      for (guint i = 0; i < signs->len; i++)
        if (polku_case_sign_get_retracted_on (g_ptr_array_index (signs, i)) == NULL)
          active_signs++;

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "client_id");
      json_builder_add_string_value (builder, client_id);
      json_builder_set_member_name (builder, "case");
      if (kase != NULL)
        add_object (builder, G_OBJECT (kase));
      else
        json_builder_add_null_value (builder);
      /* One active warning sign is enough to propose the client. */
      json_builder_set_member_name (builder, "proposed");
      json_builder_add_boolean_value (builder, active_signs > 0);
      json_builder_set_member_name (builder, "consent_valid");
      json_builder_add_boolean_value (builder, kase != NULL && polku_case_get_consent_valid (kase));
      json_builder_set_member_name (builder, "signs");
      add_array (builder, signs);
      json_builder_set_member_name (builder, "consents");
      add_array (builder, consents);
      json_builder_set_member_name (builder, "team");
      add_array (builder, team);
      json_builder_set_member_name (builder, "responsible_history");
      add_array (builder, responsible);
      json_builder_set_member_name (builder, "followups");
      add_array (builder, followups);
      json_builder_set_member_name (builder, "phases");
      add_array (builder, phases);
      json_builder_set_member_name (builder, "notes");
      add_array (builder, notes);
      json_builder_end_object (builder);
      root = json_builder_get_root (builder);
      print_json (root);
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
  const Option options[] = {
    { "--phase", &phase, NULL },
    { "--responsible", &filter.responsible, NULL },
    { "--review-due", &filter.review_due_by, NULL },
    { "--archived", NULL, &filter.include_archived },
    { "--json", NULL, &json },
    { NULL }
  };
  int status;

  if (!parse_args (argc, argv, options, NULL, 0, 0, CASE_LIST_USAGE, &status))
    return status;
  if (phase != NULL)
    {
      PolkuCasePhase value;

      if (!polku_case_phase_from_code (phase, &value))
        return fail (EXIT_USAGE, _("Unknown phase “%s”: use identified, consent, contacted, "
                                   "visit_prepared, visit_held, coordination or closed."), phase);
      filter.phase = value;
    }

  store = polku_cli_open_store (&error);
  if (store == NULL)
    return fail (EXIT_ERROR, "%s", error->message);
  cases = polku_case_store_list (store, &filter, &error);
  if (cases == NULL)
    return fail_with (error);

  if (json)
    print_array (cases);
  else
    for (guint i = 0; i < cases->len; i++)
      {
        PolkuCase *kase = g_ptr_array_index (cases, i);
        const char *responsible = polku_case_get_responsible (kase);

        printf ("%s\t%s\t%s\t%s\n", polku_case_get_client_id (kase), polku_case_get_phase (kase),
                responsible != NULL ? responsible : "",
                polku_case_get_review_on (kase) != NULL ? polku_case_get_review_on (kase) : "");
      }
  return EXIT_OK;
}

/* The commands "… ID [--date DATE]" that change one thing on a date (default today) and
 * print it. */
typedef GObject *(*DatedFunc) (PolkuStore  *store,
                               const char  *id,
                               const char  *date,
                               GError     **error);

static int
change_on_date (int          argc,
                char       **argv,
                const char  *usage,
                DatedFunc    change)
{
  g_autoptr(PolkuStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GObject) changed = NULL;
  const char *id = NULL;
  const char *date = NULL;
  const Option options[] = { { "--date", &date, NULL }, { NULL } };
  int status;

  if (!parse_args (argc, argv, options, &id, 1, 1, usage, &status)
      || !check_id (id, usage, &status))
    return status;

  store = polku_cli_open_store (&error);
  if (store == NULL)
    return fail (EXIT_ERROR, "%s", error->message);
  changed = change (store, id, date, &error);
  if (changed == NULL)
    return fail_with (error);
  print_object (changed);
  return EXIT_OK;
}

#define DATED_ADAPTER(name, call) \
  static GObject * \
  name (PolkuStore  *store, \
        const char  *id, \
        const char  *date, \
        GError     **error) \
  { \
    return G_OBJECT (call (store, id, date, error)); \
  }

DATED_ADAPTER (open_case, polku_case_store_open)
DATED_ADAPTER (retract_sign, polku_case_store_retract_sign)
DATED_ADAPTER (withdraw_consent, polku_consent_store_withdraw)
DATED_ADAPTER (set_responsible, polku_team_store_set_responsible)
DATED_ADAPTER (leave_team, polku_team_store_leave)
DATED_ADAPTER (followup_done, polku_followup_store_done)

#define CASE_OPEN_USAGE "case open CLIENT-ID [--date DATE]"

static int
case_open (int    argc,
           char **argv)
{
  return change_on_date (argc, argv, CASE_OPEN_USAGE, open_case);
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
  const Option options[] = { { "--date", &date, NULL }, { "--reason", &reason, NULL }, { NULL } };
  PolkuCasePhase phase;
  int status;

  if (!parse_args (argc, argv, options, positional, 2, 2, CASE_PHASE_USAGE, &status)
      || !check_id (positional[0], CASE_PHASE_USAGE, &status))
    return status;
  if (!polku_case_phase_from_code (positional[1], &phase))
    return fail (EXIT_USAGE, _("Unknown phase “%s”: use identified, consent, contacted, "
                               "visit_prepared, visit_held, coordination or closed."),
                 positional[1]);

  store = polku_cli_open_store (&error);
  if (store == NULL)
    return fail (EXIT_ERROR, "%s", error->message);
  kase = polku_case_store_set_phase (store, positional[0], phase, date, reason, &error);
  if (kase == NULL)
    return fail_with (error);
  print_object (G_OBJECT (kase));
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

  if (!parse_args (argc, argv, NULL, positional, 2, 2, CASE_REVIEW_USAGE, &status)
      || !check_id (positional[0], CASE_REVIEW_USAGE, &status))
    return status;

  store = polku_cli_open_store (&error);
  if (store == NULL)
    return fail (EXIT_ERROR, "%s", error->message);
  kase = polku_case_store_set_review (store, positional[0],
                                      g_str_equal (positional[1], "none") ? NULL : positional[1],
                                      &error);
  if (kase == NULL)
    return fail_with (error);
  print_object (G_OBJECT (kase));
  return EXIT_OK;
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
  const Option options[] = { { "--json", &file, NULL }, { NULL } };
  JsonNode *body;
  int status;

  if (!parse_args (argc, argv, options, &client_id, 1, 1, CASE_NOTE_USAGE, &status)
      || !check_id (client_id, CASE_NOTE_USAGE, &status))
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

  store = polku_cli_open_store (&error);
  if (store == NULL)
    return fail (EXIT_ERROR, "%s", error->message);
  note = polku_case_store_add_note (store, client_id, json_node_get_string (body), &error);
  if (note == NULL)
    return fail_with (error);
  print_object (G_OBJECT (note));
  return EXIT_OK;
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

/* signs */

static int
signs_checklist (int    argc,
                 char **argv)
{
  g_autoptr(PolkuChecklist) checklist = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  const char *file = NULL;
  gboolean json = FALSE;
  const Option options[] = { { "--file", &file, NULL }, { "--json", NULL, &json }, { NULL } };
  static const char * const languages[] = { "en", "fi", "sv" };
  int status;

  if (!parse_args (argc, argv, options, NULL, 0, 0, "signs checklist [--file FILE] [--json]",
                   &status))
    return status;

  checklist = file != NULL ? polku_checklist_new_from_file (file, &error)
                           : polku_checklist_get_default (&error);
  if (checklist == NULL)
    return fail_with (error);

  if (!json)
    {
      for (guint g = 0; g < polku_checklist_get_n_groups (checklist); g++)
        {
          const char *group_id = polku_checklist_get_group_id (checklist, g);

          printf ("%s\t%s\n", group_id,
                  polku_checklist_get_group_label (checklist, group_id, NULL));
          for (guint i = 0; i < polku_checklist_get_n_items (checklist, g); i++)
            {
              const char *item_id = polku_checklist_get_item_id (checklist, g, i);

              printf ("  %s\t%s\n", item_id,
                      polku_checklist_get_item_label (checklist, group_id, item_id, NULL));
            }
        }
      return EXIT_OK;
    }

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "id");
  json_builder_add_string_value (builder, polku_checklist_get_id (checklist));
  json_builder_set_member_name (builder, "groups");
  json_builder_begin_array (builder);
  for (guint g = 0; g < polku_checklist_get_n_groups (checklist); g++)
    {
      const char *group_id = polku_checklist_get_group_id (checklist, g);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "id");
      json_builder_add_string_value (builder, group_id);
      json_builder_set_member_name (builder, "label");
      json_builder_begin_object (builder);
      for (guint l = 0; l < G_N_ELEMENTS (languages); l++)
        {
          json_builder_set_member_name (builder, languages[l]);
          json_builder_add_string_value (builder,
                                         polku_checklist_get_group_label (checklist, group_id,
                                                                          languages[l]));
        }
      json_builder_end_object (builder);
      json_builder_set_member_name (builder, "items");
      json_builder_begin_array (builder);
      for (guint i = 0; i < polku_checklist_get_n_items (checklist, g); i++)
        {
          const char *item_id = polku_checklist_get_item_id (checklist, g, i);

          json_builder_begin_object (builder);
          json_builder_set_member_name (builder, "id");
          json_builder_add_string_value (builder, item_id);
          json_builder_set_member_name (builder, "label");
          json_builder_begin_object (builder);
          for (guint l = 0; l < G_N_ELEMENTS (languages); l++)
            {
              json_builder_set_member_name (builder, languages[l]);
              json_builder_add_string_value (builder,
                                             polku_checklist_get_item_label (checklist, group_id,
                                                                             item_id,
                                                                             languages[l]));
            }
          json_builder_end_object (builder);
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  print_json (root);
  return EXIT_OK;
}

/* The "add" commands: a JSON object with the @allowed members becomes a draft of @type for
 * CLIENT-ID, which @check (optional) checks and @add stores; the stored object is printed. */
typedef GObject *(*AddFunc) (PolkuStore  *store,
                             GObject     *draft,
                             GError     **error);

/* Checks a draft before the store is opened (bad input never needs the key); returns an exit
 * status, EXIT_OK to go on. */
typedef int (*CheckFunc) (GObject *draft);

static int
add_from_json (int                 argc,
               char              **argv,
               GType               type,
               const char * const *allowed,
               const char         *usage,
               CheckFunc           check,
               AddFunc             add)
{
  g_autoptr(PolkuStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GObject) draft = NULL;
  g_autoptr(GObject) added = NULL;
  const char *client_id = NULL;
  const char *file = NULL;
  const Option options[] = { { "--json", &file, NULL }, { NULL } };
  int status;

  if (!parse_args (argc, argv, options, &client_id, 1, 1, usage, &status)
      || !check_id (client_id, usage, &status))
    return status;
  if (file == NULL)
    return fail (EXIT_USAGE, _("Usage: polku-cli %s"), usage);

  draft = read_draft (type, file, client_id, allowed, &error);
  if (draft == NULL)
    return fail (EXIT_USAGE, "%s", error->message);
  if (check != NULL && (status = check (draft)) != EXIT_OK)
    return status;

  store = polku_cli_open_store (&error);
  if (store == NULL)
    return fail (EXIT_ERROR, "%s", error->message);
  added = add (store, draft, &error);
  if (added == NULL)
    return fail_with (error);
  print_object (added);
  return EXIT_OK;
}

static GObject *
add_consent (PolkuStore  *store,
             GObject     *draft,
             GError     **error)
{
  return G_OBJECT (polku_consent_store_add (store, POLKU_CONSENT (draft), error));
}

static GObject *
add_team_member (PolkuStore  *store,
                 GObject     *draft,
                 GError     **error)
{
  return G_OBJECT (polku_team_store_add (store, POLKU_TEAM_MEMBER (draft), error));
}

static GObject *
add_followup (PolkuStore  *store,
              GObject     *draft,
              GError     **error)
{
  return G_OBJECT (polku_followup_store_add (store, POLKU_FOLLOWUP (draft), error));
}

/* The sign's group and item must be in the county's checklist. */
static int
check_sign (GObject *draft)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PolkuChecklist) checklist = polku_checklist_get_default (&error);

  if (checklist == NULL)
    return fail (EXIT_ERROR, "%s", error->message);
  if (!polku_checklist_check_item (checklist,
                                   polku_case_sign_get_group_id (POLKU_CASE_SIGN (draft)),
                                   polku_case_sign_get_item_id (POLKU_CASE_SIGN (draft)), &error))
    return fail (EXIT_USAGE, "%s", error->message);
  return EXIT_OK;
}

static GObject *
add_sign (PolkuStore  *store,
          GObject     *draft,
          GError     **error)
{
  g_autoptr(PolkuChecklist) checklist = polku_checklist_get_default (error);

  if (checklist == NULL)
    return NULL;
  return G_OBJECT (polku_case_store_add_sign (store, checklist, POLKU_CASE_SIGN (draft), error));
}

#define SIGNS_ADD_USAGE "signs add CLIENT-ID --json FILE"

static int
signs_add (int    argc,
           char **argv)
{
  static const char * const allowed[] = {
    "group_id", "item_id", "reason", "flagged_by", "flagged_on", "service_point", NULL
  };

  return add_from_json (argc, argv, POLKU_TYPE_CASE_SIGN, allowed, SIGNS_ADD_USAGE, check_sign,
                        add_sign);
}

#define SIGNS_RETRACT_USAGE "signs retract SIGN-ID [--date DATE]"

static int
signs_retract (int    argc,
               char **argv)
{
  return change_on_date (argc, argv, SIGNS_RETRACT_USAGE, retract_sign);
}

#define SIGNS_LIST_USAGE "signs list CLIENT-ID [--all] [--json]"

static int
signs_list (int    argc,
            char **argv)
{
  g_autoptr(PolkuStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) signs = NULL;
  g_autoptr(PolkuChecklist) checklist = NULL;
  const char *client_id = NULL;
  gboolean all = FALSE;
  gboolean json = FALSE;
  const Option options[] = { { "--all", NULL, &all }, { "--json", NULL, &json }, { NULL } };
  int status;

  if (!parse_args (argc, argv, options, &client_id, 1, 1, SIGNS_LIST_USAGE, &status)
      || !check_id (client_id, SIGNS_LIST_USAGE, &status))
    return status;

  checklist = polku_checklist_get_default (&error);
  if (checklist == NULL)
    return fail (EXIT_ERROR, "%s", error->message);
  store = polku_cli_open_store (&error);
  if (store == NULL)
    return fail (EXIT_ERROR, "%s", error->message);
  if (!record_view (store, client_id, "signs.list", &error)
      || (signs = polku_case_store_list_signs (store, client_id, all, &error)) == NULL)
    return fail_with (error);

  if (json)
    print_array (signs);
  else
    for (guint i = 0; i < signs->len; i++)
      {
        PolkuCaseSign *sign = g_ptr_array_index (signs, i);
        const char *label = polku_checklist_get_item_label (checklist,
                                                            polku_case_sign_get_group_id (sign),
                                                            polku_case_sign_get_item_id (sign),
                                                            NULL);

        printf ("%s\t%s\t%s\t%s%s\n", polku_case_sign_get_id (sign),
                polku_case_sign_get_flagged_on (sign),
                label != NULL ? label : polku_case_sign_get_item_id (sign),
                polku_case_sign_get_service_point (sign),
                polku_case_sign_get_retracted_on (sign) != NULL ? _("\t(retracted)") : "");
      }
  return EXIT_OK;
}

int
polku_cli_signs (int    argc,
                 char **argv)
{
  static const PolkuCliSubcommand subcommands[] = {
    { "checklist", signs_checklist },
    { "add", signs_add },
    { "retract", signs_retract },
    { "list", signs_list },
  };

  return polku_cli_dispatch (argc, argv, subcommands, G_N_ELEMENTS (subcommands));
}

/* consent */


#define CONSENT_ADD_USAGE "consent add CLIENT-ID --json FILE"

static int
consent_add (int    argc,
             char **argv)
{
  static const char * const allowed[] = {
    "given_on", "given_by", "representative", "method", "organisations", "parts",
    "valid_until", NULL
  };

  return add_from_json (argc, argv, POLKU_TYPE_CONSENT, allowed, CONSENT_ADD_USAGE,
                        NULL, add_consent);
}

#define CONSENT_WITHDRAW_USAGE "consent withdraw CONSENT-ID [--date DATE]"

static int
consent_withdraw (int    argc,
                  char **argv)
{
  return change_on_date (argc, argv, CONSENT_WITHDRAW_USAGE, withdraw_consent);
}

#define CONSENT_LIST_USAGE "consent list CLIENT-ID [--json]"

static int
consent_list (int    argc,
              char **argv)
{
  g_autoptr(PolkuStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) consents = NULL;
  const char *client_id = NULL;
  gboolean json = FALSE;
  const Option options[] = { { "--json", NULL, &json }, { NULL } };
  int status;

  if (!parse_args (argc, argv, options, &client_id, 1, 1, CONSENT_LIST_USAGE, &status)
      || !check_id (client_id, CONSENT_LIST_USAGE, &status))
    return status;

  store = polku_cli_open_store (&error);
  if (store == NULL)
    return fail (EXIT_ERROR, "%s", error->message);
  if (!record_view (store, client_id, "consent.list", &error)
      || (consents = polku_consent_store_list (store, client_id, &error)) == NULL)
    return fail_with (error);

  if (json)
    print_array (consents);
  else
    for (guint i = 0; i < consents->len; i++)
      {
        PolkuConsent *consent = g_ptr_array_index (consents, i);
        const char *until = polku_consent_get_valid_until (consent);
        const char *withdrawn = polku_consent_get_withdrawn_on (consent);

        printf ("%s\t%s\t%s\t%s\t%s\n", polku_consent_get_id (consent),
                polku_consent_get_given_on (consent), polku_consent_get_method (consent),
                until != NULL ? until : "-", withdrawn != NULL ? withdrawn : "-");
      }
  return EXIT_OK;
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
  const Option options[] = {
    { "--organisation", &organisation, NULL },
    { "--part", &part, NULL },
    { "--date", &date, NULL },
    { NULL }
  };
  int status;

  if (!parse_args (argc, argv, options, &client_id, 1, 1, CONSENT_CHECK_USAGE, &status)
      || !check_id (client_id, CONSENT_CHECK_USAGE, &status))
    return status;
  if (part != NULL && !g_strv_contains (polku_consent_part_codes (), part))
    return fail (EXIT_USAGE, _("“%s” is not a part of the plan. Use client_view, goals, "
                               "actions, team, contacts or measures."), part);

  store = polku_cli_open_store (&error);
  if (store == NULL)
    return fail (EXIT_ERROR, "%s", error->message);
  if (!polku_consent_check (store, client_id, organisation, part, date, &error))
    return fail_with (error);
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

/* team */

#define TEAM_ADD_USAGE "team add CLIENT-ID --json FILE"

static int
team_add (int    argc,
          char **argv)
{
  static const char * const allowed[] = {
    "person", "role", "organisation", "sector", "contact", "joined_on", "responsible", NULL
  };

  return add_from_json (argc, argv, POLKU_TYPE_TEAM_MEMBER, allowed, TEAM_ADD_USAGE,
                        NULL, add_team_member);
}

static int
team_member_change (int       argc,
                    char    **argv,
                    gboolean  responsible)
{
  return responsible
         ? change_on_date (argc, argv, "team set-responsible MEMBER-ID [--date DATE]",
                           set_responsible)
         : change_on_date (argc, argv, "team leave MEMBER-ID [--date DATE]", leave_team);
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
  const Option options[] = { { "--all", NULL, &all }, { "--json", NULL, &json }, { NULL } };
  int status;

  if (!parse_args (argc, argv, options, &client_id, 1, 1, usage, &status)
      || !check_id (client_id, usage, &status))
    return status;

  store = polku_cli_open_store (&error);
  if (store == NULL)
    return fail (EXIT_ERROR, "%s", error->message);
  if (!record_view (store, client_id, history ? "team.history" : "team.list", &error))
    return fail_with (error);
  list = history ? polku_team_store_list_responsible (store, client_id, &error)
                 : polku_team_store_list (store, client_id, all, &error);
  if (list == NULL)
    return fail_with (error);

  if (json)
    print_array (list);
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
  return team_member_change (argc, argv, TRUE);
}

static int
team_leave (int    argc,
            char **argv)
{
  return team_member_change (argc, argv, FALSE);
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

/* followups */

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
    const Option options[] = {
      { "--client", &client_id, NULL },
      { "--all", NULL, &all },
      { "--json", NULL, &json },
      { NULL }
    };

    if (!parse_args (rest->len, (char **) rest->pdata, options, NULL, 0, 0,
                     FOLLOWUPS_LIST_USAGE, &status))
      return status;
  }
  if (client_id != NULL && !check_id (client_id, FOLLOWUPS_LIST_USAGE, &status))
    return status;
  if (all && client_id == NULL)
    return fail (EXIT_USAGE, _("--all lists the done follow-ups of one client: give --client "
                               "CLIENT-ID too."));

  today = polku_date_today ();
  if (due_today)
    due = today;

  store = polku_cli_open_store (&error);
  if (store == NULL)
    return fail (EXIT_ERROR, "%s", error->message);

  if (client_id != NULL)
    {
      if (!record_view (store, client_id, "followups.list", &error)
          || (list = polku_followup_store_list (store, client_id, all, &error)) == NULL)
        return fail_with (error);
      if (due != NULL)
        for (guint i = list->len; i > 0; i--)
          if (g_strcmp0 (polku_followup_get_due_on (g_ptr_array_index (list, i - 1)), due) > 0)
            g_ptr_array_remove_index (list, i - 1);
    }
  else
    {
      if (!polku_audit_record (store, "followup.list", NULL, "cli=followups.list", &error)
          || (list = polku_followup_store_list_due (store, due, &error)) == NULL)
        return fail_with (error);
    }

  if (json)
    print_array (list);
  else
    for (guint i = 0; i < list->len; i++)
      {
        PolkuFollowup *followup = g_ptr_array_index (list, i);

        printf ("%s\t%s\t%s\t%s%s\n", polku_followup_get_id (followup),
                polku_followup_get_due_on (followup), polku_followup_get_client_name (followup),
                polku_followup_get_title (followup),
                polku_followup_get_done_on (followup) != NULL ? _("\t(done)")
                : polku_followup_is_overdue (followup, today) ? _("\t(overdue)") : "");
      }
  return EXIT_OK;
}

#define FOLLOWUPS_ADD_USAGE "followups add CLIENT-ID --json FILE"

static int
followups_add (int    argc,
               char **argv)
{
  static const char * const allowed[] = { "title", "due_on", "assignee", NULL };

  return add_from_json (argc, argv, POLKU_TYPE_FOLLOWUP, allowed, FOLLOWUPS_ADD_USAGE,
                        NULL, add_followup);
}

#define FOLLOWUPS_DONE_USAGE "followups done FOLLOWUP-ID [--date DATE]"

static int
followups_done (int    argc,
                char **argv)
{
  return change_on_date (argc, argv, FOLLOWUPS_DONE_USAGE, followup_done);
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
