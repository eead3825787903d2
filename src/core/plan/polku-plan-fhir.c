/* polku-plan-fhir.c: the plan as a FHIR R4 Bundle (CarePlan, Goal, CareTeam, Patient)
 *
 * Copyright 2026 The Polku authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A "collection" Bundle whose entries have fullUrl "urn:uuid:<id>" and refer to each other
 * with those URLs, so that every reference resolves within the bundle:
 *
 *   Patient      the client (name, identity code, birth date, language)
 *   Practitioner one per responsible worker of the team (name, phone or email)
 *   CareTeam     the client, the team's responsible workers (with their role and
 *                organisation) and the professionals named in the plan
 *   Goal         one per goal: lifecycleStatus/achievementStatus from the goal's status,
 *                expressedBy the Patient or the named professional, the client's
 *                assessment as a note by the Patient
 *   CarePlan     status, intent "plan", the period from the agreed date to the case's
 *                review date, the goals, an activity per action (and per service in use,
 *                and the review), the client's own view, the main burden and the differing
 *                views as notes
 *
 * The responsible workers and the review date are not in the plan's document: they come
 * from the team and the case (PolkuPlanContext), read by the caller. The legacy members of
 * old versions ("responsible_worker", "next_review") are not exported.
 *
 * Ids: goals keep their plan ids; the CarePlan has the plan's id, the Patient the client's;
 * the CareTeam's and the Practitioners' ids are derived from the plan's (stable across
 * exports). Words that FHIR shows as text are in the plan's language (polku-plan-text.c).
 */

#define G_LOG_DOMAIN "polku-plan"

#include "config.h"

#include <string.h>

#include "polku-fhir-private.h"
#include "polku-json.h"
#include "polku-plan-fhir.h"
#include "polku-plan-text.h"

#define HETU_SYSTEM "urn:oid:1.2.246.21"
#define LANGUAGE_SYSTEM "urn:ietf:bcp:47"

/* A UUID derived from @base and @salt (SHA-256, version 5 layout): stable across exports. */
static char *
derived_uuid (const char *base,
              const char *salt)
{
  g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);
  guint8 digest[32];
  gsize length = sizeof digest;

  g_checksum_update (checksum, (const guchar *) base, -1);
  g_checksum_update (checksum, (const guchar *) "/", 1);
  g_checksum_update (checksum, (const guchar *) salt, -1);
  g_checksum_get_digest (checksum, digest, &length);
  digest[6] = (digest[6] & 0x0f) | 0x50;
  digest[8] = (digest[8] & 0x3f) | 0x80;

  return g_strdup_printf ("%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-"
                          "%02x%02x%02x%02x%02x%02x",
                          digest[0], digest[1], digest[2], digest[3], digest[4], digest[5],
                          digest[6], digest[7], digest[8], digest[9], digest[10], digest[11],
                          digest[12], digest[13], digest[14], digest[15]);
}

static void
text_concept (JsonBuilder *b,
              const char  *member,
              const char  *text)
{
  json_builder_set_member_name (b, member);
  json_builder_begin_object (b);
  polku_fhir_add_string (b, "text", text);
  json_builder_end_object (b);
}

static void
note (JsonBuilder *b,
      const char  *patient_id,
      const char  *author,
      const char  *text)
{
  json_builder_begin_object (b);
  if (patient_id != NULL)
    polku_fhir_add_reference (b, "authorReference", patient_id, NULL);
  else
    polku_fhir_add_string (b, "authorString", author);
  polku_fhir_add_string (b, "text", text);
  json_builder_end_object (b);
}

static void
add_patient (JsonBuilder *b,
             PolkuClient *client)
{
  const char *hetu = polku_client_get_hetu (client);
  PolkuLanguage language = polku_client_get_language (client);

  polku_fhir_begin_entry (b, "Patient", polku_client_get_id (client));
  if (hetu != NULL)
    {
      json_builder_set_member_name (b, "identifier");
      json_builder_begin_array (b);
      polku_fhir_add_system_value (b, NULL, HETU_SYSTEM, hetu);
      json_builder_end_array (b);
    }
  polku_fhir_add_name (b, polku_client_get_family_name (client),
                       polku_client_get_given_name (client));
  polku_fhir_add_string (b, "birthDate", polku_client_get_birth_date (client));
  if (language != POLKU_LANGUAGE_OTHER)
    {
      json_builder_set_member_name (b, "communication");
      json_builder_begin_array (b);
      json_builder_begin_object (b);
      polku_fhir_add_concept (b, "language", LANGUAGE_SYSTEM, polku_language_to_code (language),
                              NULL, NULL);
      json_builder_set_member_name (b, "preferred");
      json_builder_add_boolean_value (b, TRUE);
      json_builder_end_object (b);
      json_builder_end_array (b);
    }
  polku_fhir_end_entry (b);
}

static void
add_participant (JsonBuilder *b,
                 const char  *role,
                 const char  *member_id,
                 const char  *member_display,
                 const char  *organisation)
{
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "role");
  json_builder_begin_array (b);
  json_builder_begin_object (b);
  polku_fhir_add_string (b, "text", role);
  json_builder_end_object (b);
  json_builder_end_array (b);
  polku_fhir_add_reference (b, "member", member_id, member_display);
  if (organisation != NULL)
    polku_fhir_add_reference (b, "onBehalfOf", NULL, organisation);
  json_builder_end_object (b);
}

/* The id of the Practitioner of responsible worker @index (stable across exports). */
static char *
worker_id (JsonObject *plan,
           guint       index)
{
  g_autofree char *salt = g_strdup_printf ("Practitioner/%u", index);

  return derived_uuid (polku_json_get_text (plan, "id"), salt);
}

static void
add_practitioners (JsonBuilder            *b,
                   JsonObject             *plan,
                   const PolkuPlanContext *context)
{
  for (guint i = 0; context != NULL && i < context->workers->len; i++)
    {
      const PolkuPlanWorker *worker = g_ptr_array_index (context->workers, i);
      g_autofree char *id = worker_id (plan, i);

      polku_fhir_begin_entry (b, "Practitioner", id);
      json_builder_set_member_name (b, "name");
      json_builder_begin_array (b);
      json_builder_begin_object (b);
      polku_fhir_add_string (b, "text", worker->name);
      json_builder_end_object (b);
      json_builder_end_array (b);
      if (worker->contact != NULL)
        {
          json_builder_set_member_name (b, "telecom");
          json_builder_begin_array (b);
          polku_fhir_add_system_value (b, NULL,
                                       polku_plan_worker_has_email (worker) ? "email" : "phone",
                                       worker->contact);
          json_builder_end_array (b);
        }
      polku_fhir_end_entry (b);
    }
}

/* A responsible worker: their role in the plan and in the team, their organisation. */
static void
add_worker_participant (JsonBuilder           *b,
                        JsonObject            *plan,
                        const PolkuPlanWorker *worker,
                        guint                  index,
                        const char            *language)
{
  g_autofree char *id = worker_id (plan, index);

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "role");
  json_builder_begin_array (b);
  json_builder_begin_object (b);
  polku_fhir_add_string (b, "text", polku_plan_text (language,
                                                     POLKU_PLAN_TEXT_RESPONSIBLE_WORKER));
  json_builder_end_object (b);
  if (worker->role != NULL)
    {
      json_builder_begin_object (b);
      polku_fhir_add_string (b, "text", worker->role);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  polku_fhir_add_reference (b, "member", id, worker->name);
  if (worker->organisation != NULL)
    polku_fhir_add_reference (b, "onBehalfOf", NULL, worker->organisation);
  json_builder_end_object (b);
}

static void
add_care_team (JsonBuilder            *b,
               JsonObject             *plan,
               PolkuClient            *client,
               const PolkuPlanContext *context,
               const char             *team_id,
               const char             *language)
{
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  JsonArray *goals = polku_json_get_array (plan, "goals");
  g_autofree char *client_name = polku_client_dup_display_name (client);

  polku_fhir_begin_entry (b, "CareTeam", team_id);
  polku_fhir_add_string (b, "status", "active");
  polku_fhir_add_string (b, "name", polku_plan_text (language, POLKU_PLAN_TEXT_CARE_TEAM));
  polku_fhir_add_reference (b, "subject", polku_client_get_id (client), client_name);
  json_builder_set_member_name (b, "participant");
  json_builder_begin_array (b);
  add_participant (b, polku_plan_text (language, POLKU_PLAN_TEXT_CLIENT_ROLE),
                   polku_client_get_id (client), client_name, NULL);
  for (guint i = 0; context != NULL && i < context->workers->len; i++)
    {
      const PolkuPlanWorker *worker = g_ptr_array_index (context->workers, i);

      add_worker_participant (b, plan, worker, i, language);
      g_hash_table_add (seen, worker->name);
    }
  for (guint i = 0; goals != NULL && i < json_array_get_length (goals); i++)
    {
      JsonObject *goal = json_array_get_object_element (goals, i);
      JsonArray *actions = polku_json_get_array (goal, "actions");
      const char *who = polku_json_get_text (goal, "professional");

      if (who != NULL && g_strcmp0 (polku_json_get_text (goal, "expressed_by"), "professional") == 0
          && g_hash_table_add (seen, (gpointer) who))
        add_participant (b, polku_plan_text (language, POLKU_PLAN_TEXT_PROFESSIONAL_ROLE),
                         NULL, who, NULL);
      for (guint j = 0; actions != NULL && j < json_array_get_length (actions); j++)
        {
          JsonObject *action = json_array_get_object_element (actions, j);

          who = polku_json_get_text (action, "responsible");
          if (who != NULL && g_hash_table_add (seen, (gpointer) who))
            add_participant (b, polku_plan_text (language, POLKU_PLAN_TEXT_PROFESSIONAL_ROLE),
                             NULL, who, polku_json_get_text (action, "organisation"));
        }
    }
  json_builder_end_array (b);
  polku_fhir_end_entry (b);
}

/* FHIR Goal.lifecycleStatus and achievementStatus codes of a goal status */
static void
goal_codes (const char  *status,
            const char **out_lifecycle,
            const char **out_achievement)
{
  PolkuPlanGoalStatus value = POLKU_PLAN_GOAL_PROPOSED;

  polku_plan_goal_status_from_code (status, &value);
  switch (value)
    {
    case POLKU_PLAN_GOAL_ACTIVE:
      *out_lifecycle = "active";
      *out_achievement = "in-progress";
      break;
    case POLKU_PLAN_GOAL_ACHIEVED:
      *out_lifecycle = "completed";
      *out_achievement = "achieved";
      break;
    case POLKU_PLAN_GOAL_NOT_ACHIEVED:
      *out_lifecycle = "completed";
      *out_achievement = "not-achieved";
      break;
    case POLKU_PLAN_GOAL_DROPPED:
      *out_lifecycle = "cancelled";
      *out_achievement = NULL;
      break;
    case POLKU_PLAN_GOAL_PROPOSED:
    default:
      *out_lifecycle = "proposed";
      *out_achievement = NULL;
      break;
    }
}

static const char *
activity_status (const char *status)
{
  PolkuPlanActionStatus value = POLKU_PLAN_ACTION_PLANNED;

  polku_plan_action_status_from_code (status, &value);
  switch (value)
    {
    case POLKU_PLAN_ACTION_IN_PROGRESS:
      return "in-progress";
    case POLKU_PLAN_ACTION_DONE:
      return "completed";
    case POLKU_PLAN_ACTION_CANCELLED:
      return "cancelled";
    case POLKU_PLAN_ACTION_PLANNED:
    default:
      return "not-started";
    }
}

static void
add_goal (JsonBuilder *b,
          JsonObject  *goal,
          PolkuClient *client,
          const char  *language)
{
  const char *lifecycle;
  const char *achievement;
  g_autofree char *client_name = polku_client_dup_display_name (client);

  goal_codes (polku_json_get_text (goal, "status"), &lifecycle, &achievement);
  polku_fhir_begin_entry (b, "Goal", polku_json_get_text (goal, "id"));
  polku_fhir_add_string (b, "lifecycleStatus", lifecycle);
  if (achievement != NULL)
    {
      polku_fhir_add_concept (b, "achievementStatus",
                              "http://terminology.hl7.org/CodeSystem/goal-achievement",
                              achievement, NULL, NULL);
    }
  text_concept (b, "description", polku_json_get_text (goal, "text"));
  polku_fhir_add_reference (b, "subject", polku_client_get_id (client), client_name);
  if (polku_json_get_text (goal, "target_date") != NULL)
    {
      json_builder_set_member_name (b, "target");
      json_builder_begin_array (b);
      json_builder_begin_object (b);
      polku_fhir_add_string (b, "dueDate", polku_json_get_text (goal, "target_date"));
      json_builder_end_object (b);
      json_builder_end_array (b);
    }
  if (g_strcmp0 (polku_json_get_text (goal, "expressed_by"), "client") == 0)
    polku_fhir_add_reference (b, "expressedBy", polku_client_get_id (client), client_name);
  else
    polku_fhir_add_reference (b, "expressedBy", NULL, polku_json_get_text (goal, "professional"));

  if (polku_json_get_text (goal, "client_assessment") != NULL
      || json_object_get_member (goal, "client_progress") != NULL)
    {
      JsonNode *progress = json_object_get_member (goal, "client_progress");

      json_builder_set_member_name (b, "note");
      json_builder_begin_array (b);
      if (polku_json_get_text (goal, "client_assessment") != NULL)
        note (b, polku_client_get_id (client), NULL,
              polku_json_get_text (goal, "client_assessment"));
      if (progress != NULL && JSON_NODE_HOLDS_VALUE (progress))
        {
          g_autofree char *number = g_strdup_printf ("%d", (int) json_node_get_int (progress));
          g_autofree char *score = polku_plan_text_fill (language,
                                                         POLKU_PLAN_TEXT_CLIENT_PROGRESS,
                                                         number);
          g_autofree char *text = g_strdup_printf (
                                    "%s: %s",
                                    polku_plan_text (language, POLKU_PLAN_TEXT_CLIENT_ASSESSMENT),
                                    score);

          note (b, polku_client_get_id (client), NULL, text);
        }
      json_builder_end_array (b);
    }
  polku_fhir_end_entry (b);
}

static void
add_activity (JsonBuilder *b,
              const char  *status,
              const char  *description,
              const char  *performer,
              const char  *organisation,
              const char  *goal_id,
              const char  *due_date)
{
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "detail");
  json_builder_begin_object (b);
  polku_fhir_add_string (b, "status", status);
  polku_fhir_add_string (b, "description", description);
  if (goal_id != NULL)
    {
      json_builder_set_member_name (b, "goal");
      json_builder_begin_array (b);
      polku_fhir_add_reference (b, NULL, goal_id, NULL);
      json_builder_end_array (b);
    }
  if (due_date != NULL)
    {
      json_builder_set_member_name (b, "scheduledPeriod");
      json_builder_begin_object (b);
      polku_fhir_add_string (b, "end", due_date);
      json_builder_end_object (b);
    }
  if (performer != NULL || organisation != NULL)
    {
      json_builder_set_member_name (b, "performer");
      json_builder_begin_array (b);
      json_builder_begin_object (b);
      if (performer != NULL && organisation != NULL)
        {
          g_autofree char *both = g_strdup_printf ("%s (%s)", performer, organisation);
          polku_fhir_add_string (b, "display", both);
        }
      else
        polku_fhir_add_string (b, "display", performer != NULL ? performer : organisation);
      json_builder_end_object (b);
      json_builder_end_array (b);
    }
  json_builder_end_object (b);
  json_builder_end_object (b);
}

static void
add_care_plan (JsonBuilder            *b,
               JsonObject             *plan,
               PolkuClient            *client,
               const PolkuPlanContext *context,
               const char             *team_id,
               const char             *language)
{
  const char *review_on = context != NULL ? context->review_on : NULL;
  JsonArray *goals = polku_json_get_array (plan, "goals");
  JsonArray *services = polku_json_get_array (plan, "services");
  JsonArray *views = polku_json_get_array (plan, "differing_views");
  g_autofree char *client_name = polku_client_dup_display_name (client);
  gboolean any_active = FALSE;

  for (guint i = 0; goals != NULL && i < json_array_get_length (goals); i++)
    {
      const char *status = polku_json_get_text (json_array_get_object_element (goals, i), "status");

      if (g_strcmp0 (status, "active") == 0 || g_strcmp0 (status, "proposed") == 0)
        any_active = TRUE;
    }

  polku_fhir_begin_entry (b, "CarePlan", polku_json_get_text (plan, "id"));
  json_builder_set_member_name (b, "language");
  json_builder_add_string_value (b, language);
  /* A plan without goals is still being made. */
  polku_fhir_add_string (b, "status", goals != NULL && json_array_get_length (goals) > 0
                              ? (any_active ? "active" : "completed") : "draft");
  polku_fhir_add_string (b, "intent", "plan");
  polku_fhir_add_string (b, "title", polku_plan_text (language, POLKU_PLAN_TEXT_TITLE));
  polku_fhir_add_string (b, "description", polku_json_get_text (plan, "main_burden"));
  polku_fhir_add_reference (b, "subject", polku_client_get_id (client), client_name);
  polku_fhir_add_string (b, "created", polku_json_get_text (plan, "created"));
  if (polku_json_get_text (plan, "agreed_on") != NULL || review_on != NULL)
    {
      json_builder_set_member_name (b, "period");
      json_builder_begin_object (b);
      polku_fhir_add_string (b, "start", polku_json_get_text (plan, "agreed_on"));
      polku_fhir_add_string (b, "end", review_on);
      json_builder_end_object (b);
    }

  json_builder_set_member_name (b, "careTeam");
  json_builder_begin_array (b);
  polku_fhir_add_reference (b, NULL, team_id, NULL);
  json_builder_end_array (b);

  if (goals != NULL && json_array_get_length (goals) > 0)
    {
      json_builder_set_member_name (b, "goal");
      json_builder_begin_array (b);
      for (guint i = 0; i < json_array_get_length (goals); i++)
        polku_fhir_add_reference (b, NULL,
                                  polku_json_get_text (json_array_get_object_element (goals, i),
                                                       "id"),
                                  NULL);
      json_builder_end_array (b);
    }

  json_builder_set_member_name (b, "activity");
  json_builder_begin_array (b);
  for (guint i = 0; goals != NULL && i < json_array_get_length (goals); i++)
    {
      JsonObject *goal = json_array_get_object_element (goals, i);
      JsonArray *actions = polku_json_get_array (goal, "actions");

      for (guint j = 0; actions != NULL && j < json_array_get_length (actions); j++)
        {
          JsonObject *action = json_array_get_object_element (actions, j);

          add_activity (b, activity_status (polku_json_get_text (action, "status")),
                        polku_json_get_text (action, "text"),
                        polku_json_get_text (action, "responsible"),
                        polku_json_get_text (action, "organisation"),
                        polku_json_get_text (goal, "id"),
                        polku_json_get_text (action, "due_date"));
        }
    }
  for (guint i = 0; services != NULL && i < json_array_get_length (services); i++)
    {
      JsonObject *service = json_array_get_object_element (services, i);
      g_autofree char *text = polku_plan_text_fill (language, POLKU_PLAN_TEXT_SERVICE_IN_USE,
                                                    polku_json_get_text (service, "name"));

      add_activity (b, "in-progress", text, NULL, polku_json_get_text (service, "provider"), NULL,
                    NULL);
    }
  if (review_on != NULL)
    add_activity (b, "scheduled", polku_plan_text (language, POLKU_PLAN_TEXT_REVIEW_ACTIVITY),
                  NULL, NULL, NULL, review_on);
  json_builder_end_array (b);

  json_builder_set_member_name (b, "note");
  json_builder_begin_array (b);
  if (polku_json_get_text (plan, "client_view") != NULL)
    {
      g_autofree char *text = g_strdup_printf ("%s: %s",
                                               polku_plan_text (language,
                                                                POLKU_PLAN_TEXT_CLIENT_VIEW),
                                               polku_json_get_text (plan, "client_view"));
      note (b, polku_client_get_id (client), NULL, text);
    }
  if (polku_json_get_text (plan, "main_burden") != NULL)
    {
      g_autofree char *text = g_strdup_printf ("%s: %s",
                                               polku_plan_text (language,
                                                                POLKU_PLAN_TEXT_MAIN_BURDEN),
                                               polku_json_get_text (plan, "main_burden"));
      note (b, polku_client_get_id (client), NULL, text);
    }
  for (guint i = 0; views != NULL && i < json_array_get_length (views); i++)
    {
      JsonObject *view = json_array_get_object_element (views, i);
      const char *topic = polku_json_get_text (view, "topic");
      const char *client_view = polku_json_get_text (view, "client_view");
      const char *client_reason = polku_json_get_text (view, "client_reason");
      const char *pro_view = polku_json_get_text (view, "professional_view");
      const char *pro_reason = polku_json_get_text (view, "professional_reason");
      const char *professional = polku_json_get_text (view, "professional");
      g_autofree char *client_text = g_strdup_printf (
                                       "%s — %s: %s (%s: %s)", topic,
                                       polku_plan_text (language, POLKU_PLAN_TEXT_YOUR_VIEW),
                                       client_view != NULL ? client_view : "",
                                       polku_plan_text (language, POLKU_PLAN_TEXT_REASON),
                                       client_reason != NULL ? client_reason : "");
      g_autofree char *pro_label = polku_plan_text_fill (language,
                                                         POLKU_PLAN_TEXT_PROFESSIONAL_VIEW,
                                                         professional);
      g_autofree char *pro_text = g_strdup_printf (
                                    "%s — %s: %s (%s: %s)", topic, pro_label,
                                    pro_view != NULL ? pro_view : "",
                                    polku_plan_text (language, POLKU_PLAN_TEXT_REASON),
                                    pro_reason != NULL ? pro_reason : "");

      note (b, polku_client_get_id (client), NULL, client_text);
      note (b, NULL, professional, pro_text);
    }
  json_builder_end_array (b);
  polku_fhir_end_entry (b);
}

/**
 * polku_plan_to_fhir:
 * @document: a valid plan
 * @client: the plan's client
 * @context: (nullable): the team's responsible workers and the case's review date
 *   (polku_plan_context_read ()); %NULL names neither
 *
 * Returns: (transfer full): a FHIR R4 Bundle (type "collection") with the Patient, a
 *   Practitioner per responsible worker, the CareTeam, a Goal per goal and the CarePlan
 */
JsonNode *
polku_plan_to_fhir (JsonNode               *document,
                    PolkuClient            *client,
                    const PolkuPlanContext *context)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autofree char *team_id = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *timestamp = g_date_time_format (now, "%Y-%m-%dT%H:%M:%SZ");
  JsonObject *plan;
  JsonArray *goals;
  const char *language;

  g_return_val_if_fail (document != NULL && JSON_NODE_HOLDS_OBJECT (document), NULL);
  g_return_val_if_fail (POLKU_IS_CLIENT (client), NULL);

  plan = json_node_get_object (document);
  goals = polku_json_get_array (plan, "goals");
  language = polku_plan_document_get_language (document);
  team_id = derived_uuid (polku_json_get_text (plan, "id"), "CareTeam");

  polku_fhir_begin_bundle (b, timestamp);
  add_patient (b, client);
  add_practitioners (b, plan, context);
  add_care_team (b, plan, client, context, team_id, language);
  for (guint i = 0; goals != NULL && i < json_array_get_length (goals); i++)
    add_goal (b, json_array_get_object_element (goals, i), client, language);
  add_care_plan (b, plan, client, context, team_id, language);
  polku_fhir_end_bundle (b);

  return json_builder_get_root (b);
}

/**
 * polku_plan_fhir_parts:
 * @document: a valid plan
 *
 * Keep in step with what the bundle carries: the CareTeam always ("team"), Goals ("goals"),
 * activities for actions and services in use ("actions"), and the client's own view, main
 * burden and differing views as notes ("client_view"). The Patient goes with any of them.
 *
 * Returns: (transfer full): the consent part codes of what polku_plan_to_fhir () carries
 */
GStrv
polku_plan_fhir_parts (JsonNode *document)
{
  g_autoptr(GStrvBuilder) parts = g_strv_builder_new ();
  JsonObject *plan;
  JsonArray *goals;
  JsonArray *services;
  JsonArray *views;
  gboolean any_action = FALSE;

  g_return_val_if_fail (document != NULL && JSON_NODE_HOLDS_OBJECT (document), NULL);

  plan = json_node_get_object (document);
  goals = polku_json_get_array (plan, "goals");
  services = polku_json_get_array (plan, "services");
  views = polku_json_get_array (plan, "differing_views");

  if (polku_json_get_text (plan, "client_view") != NULL
      || polku_json_get_text (plan, "main_burden") != NULL
      || (views != NULL && json_array_get_length (views) > 0))
    g_strv_builder_add (parts, "client_view");
  if (goals != NULL && json_array_get_length (goals) > 0)
    g_strv_builder_add (parts, "goals");
  for (guint i = 0; goals != NULL && i < json_array_get_length (goals); i++)
    {
      JsonObject *goal = json_array_get_object_element (goals, i);
      JsonArray *actions = polku_json_get_array (goal, "actions");

      if (actions != NULL && json_array_get_length (actions) > 0)
        any_action = TRUE;
    }
  if (any_action || (services != NULL && json_array_get_length (services) > 0))
    g_strv_builder_add (parts, "actions");
  g_strv_builder_add (parts, "team");
  return g_strv_builder_end (parts);
}
