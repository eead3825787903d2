/* test-plan-fhir.c: the plan as a FHIR R4 Bundle, checked against the structure FHIR
 * requires: resource types, required elements and their codes, and references that resolve
 * within the bundle; the responsible workers are the team's and the review date the case's
 * (the context), never the legacy copies an old version carries
 *
 * Copyright 2026 The Polku authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "polku-client-private.h"
#include "polku-fhir-private.h"
#include "polku-plan-fhir.h"

#include "test-common.h"

#define CLIENT "0b8f0b62-c45d-46a4-a192-2825ef7190d7"

static PolkuClient *
make_client (void)
{
  PolkuClient *client = polku_client_new ();
  g_autoptr(GError) error = NULL;

  polku_client_set_given_name (client, "Aino");
  polku_client_set_family_name (client, "Virtanen");
  polku_client_set_hetu (client, "131052-308T");
  polku_client_set_language (client, POLKU_LANGUAGE_SV);
  g_assert_true (polku_client_validate (client, &error));
  polku_client_set_stamps (client, CLIENT, "2026-10-01T08:00:00.000Z",
                           "2026-10-01T08:00:00.000Z");
  return client;
}

static JsonNode *
make_plan (const char *language)
{
  g_autofree char *text = g_strdup_printf (
    "{\"schema\": 1, \"id\": \"5d5a248e-9ac5-4109-b908-31f2d382f817\","
    " \"client_id\": \"%s\", \"language\": \"%s\", \"created\": \"2026-11-01T10:00:00.000Z\","
    " \"client_view\": \"Jag vill bo hemma.\", \"main_burden\": \"Skulderna\","
    " \"agreed_on\": \"2026-10-30\","
    " \"responsible_worker\": {\"name\": \"Camilla Björkman\","
    "   \"organisation\": \"Välfärdsområdet\","
    "   \"phone\": \"044 123 4567\", \"email\": \"camilla@example.fi\"},"
    " \"goals\": ["
    "  {\"id\": \"11111111-1111-4111-8111-111111111111\", \"text\": \"Ordning på ekonomin\","
    "   \"expressed_by\": \"client\", \"status\": \"active\", \"target_date\": \"2027-06-30\","
    "   \"client_assessment\": \"Det går framåt\", \"client_progress\": 6,"
    "   \"actions\": ["
    "    {\"id\": \"22222222-2222-4222-8222-222222222222\", \"text\": \"Skuldrådgivning\","
    "     \"responsible\": \"Jonas Backman\", \"organisation\": \"Socialt arbete\","
    "     \"due_date\": \"2026-12-15\", \"status\": \"done\"},"
    "    {\"id\": \"66666666-6666-4666-8666-666666666666\", \"text\": \"Utkomststöd\","
    "     \"status\": \"in_progress\"}]},"
    "  {\"id\": \"33333333-3333-4333-8333-333333333333\", \"text\": \"Blodtrycket i balans\","
    "   \"expressed_by\": \"professional\", \"professional\": \"Malin Ekholm\","
    "   \"status\": \"proposed\"},"
    "  {\"id\": \"77777777-7777-4777-8777-777777777777\", \"text\": \"Dagverksamhet\","
    "   \"expressed_by\": \"client\", \"status\": \"dropped\"},"
    "  {\"id\": \"88888888-8888-4888-8888-888888888888\", \"text\": \"Röra mig ute\","
    "   \"expressed_by\": \"client\", \"status\": \"not_achieved\"}],"
    " \"services\": [{\"id\": \"44444444-4444-4444-8444-444444444444\", \"name\": \"Hemvård\","
    "   \"provider\": \"Hemvården\"}],"
    " \"differing_views\": [{\"id\": \"55555555-5555-4555-8555-555555555555\","
    "   \"topic\": \"Alkohol\", \"client_view\": \"Inget problem\", \"client_reason\": \"Sömnen\","
    "   \"professional\": \"Malin Ekholm\", \"professional_view\": \"Försämrar sömnen\","
    "   \"professional_reason\": \"AUDIT 14\"}],"
    " \"next_review\": \"2027-02-01\"}", CLIENT, language);
  g_autoptr(GError) error = NULL;
  JsonNode *plan = parse_json (text);

  g_assert_true (polku_plan_document_validate (plan, &error));
  g_assert_no_error (error);
  return plan;
}

/* The team's two responsible workers and the case's review date. */
static PolkuPlanContext *
make_context (void)
{
  PolkuPlanContext *context = polku_plan_context_new ("2027-03-15");

  polku_plan_context_add_worker (context, "Patrik Forsman", "Klientansvarig",
                                 "Österbottens välfärdsområde", "044 555 0101");
  polku_plan_context_add_worker (context, "Annika Sjöberg", "Socialhandledare", NULL,
                                 "annika.sjoberg@example.fi");
  return context;
}

/* Whether @text appears anywhere in @node's JSON */
static gboolean
json_says (JsonNode   *node,
           const char *text)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autofree char *json = NULL;

  json_generator_set_root (generator, node);
  json = json_generator_to_data (generator, NULL);
  return strstr (json, text) != NULL;
}

static gboolean
in_list (const char         *value,
         const char * const *list)
{
  return value != NULL && g_strv_contains (list, value);
}

/* Every "reference" member anywhere under @node */
static void
collect_references (JsonNode  *node,
                    GPtrArray *references)
{
  if (JSON_NODE_HOLDS_OBJECT (node))
    {
      JsonObject *object = json_node_get_object (node);
      g_autoptr(GList) names = json_object_get_members (object);

      for (GList *l = names; l != NULL; l = l->next)
        {
          JsonNode *value = json_object_get_member (object, l->data);

          if (g_str_equal (l->data, "reference"))
            {
              g_assert_true (JSON_NODE_HOLDS_VALUE (value));
              g_ptr_array_add (references, (gpointer) json_node_get_string (value));
            }
          else
            collect_references (value, references);
        }
    }
  else if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);

      for (guint i = 0; i < json_array_get_length (array); i++)
        collect_references (json_array_get_element (array, i), references);
    }
}

static const char *
ref_of (JsonObject *object,
        const char *member)
{
  g_assert_true (json_object_has_member (object, member));
  return json_object_get_string_member (json_object_get_object_member (object, member),
                                        "reference");
}

static void
check_bundle (JsonNode               *bundle_node,
              JsonNode               *plan,
              const PolkuPlanContext *context,
              const char             *language)
{
  static const char * const careplan_status[] = {
    "draft", "active", "on-hold", "revoked", "completed", "entered-in-error", "unknown", NULL
  };
  static const char * const careplan_intent[] = {
    "proposal", "plan", "order", "option", NULL
  };
  static const char * const goal_lifecycle[] = {
    "proposed", "planned", "accepted", "active", "on-hold", "completed", "cancelled",
    "entered-in-error", "rejected", NULL
  };
  static const char * const activity_status[] = {
    "not-started", "scheduled", "in-progress", "on-hold", "completed", "cancelled", "stopped",
    "unknown", "entered-in-error", NULL
  };
  static const char * const careteam_status[] = {
    "proposed", "active", "suspended", "inactive", "entered-in-error", NULL
  };
  g_autoptr(GHashTable) by_url = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) references = g_ptr_array_new ();
  JsonObject *bundle;
  JsonArray *entries;
  JsonObject *careplan = NULL;
  JsonObject *patient = NULL;
  JsonObject *careteam = NULL;
  guint n_goals = 0;
  guint n_practitioners = 0;
  JsonArray *goals = json_object_get_array_member (json_node_get_object (plan), "goals");

  g_assert_true (JSON_NODE_HOLDS_OBJECT (bundle_node));
  bundle = json_node_get_object (bundle_node);
  g_assert_cmpstr (json_object_get_string_member (bundle, "resourceType"), ==, "Bundle");
  g_assert_cmpstr (json_object_get_string_member (bundle, "type"), ==, "collection");
  entries = json_object_get_array_member (bundle, "entry");
  g_assert_nonnull (entries);

  for (guint i = 0; i < json_array_get_length (entries); i++)
    {
      JsonObject *entry = json_array_get_object_element (entries, i);
      const char *url = json_object_get_string_member (entry, "fullUrl");
      JsonObject *resource = json_object_get_object_member (entry, "resource");
      const char *type = json_object_get_string_member (resource, "resourceType");
      const char *id = json_object_get_string_member (resource, "id");

      g_assert_nonnull (type);
      g_assert_true (g_str_has_prefix (url, "urn:uuid:"));
      g_assert_true (g_uuid_string_is_valid (url + strlen ("urn:uuid:")));
      g_assert_cmpstr (url + strlen ("urn:uuid:"), ==, id);
      g_assert_false (g_hash_table_contains (by_url, url));
      g_hash_table_insert (by_url, (gpointer) url, resource);

      if (g_str_equal (type, "CarePlan"))
        careplan = resource;
      else if (g_str_equal (type, "Patient"))
        patient = resource;
      else if (g_str_equal (type, "CareTeam"))
        careteam = resource;
      else if (g_str_equal (type, "Practitioner"))
        {
          const PolkuPlanWorker *worker = g_ptr_array_index (context->workers,
                                                             n_practitioners);
          JsonObject *name = json_array_get_object_element (
                               json_object_get_array_member (resource, "name"), 0);
          JsonObject *telecom = json_array_get_object_element (
                                  json_object_get_array_member (resource, "telecom"), 0);

          g_assert_cmpstr (json_object_get_string_member (name, "text"), ==, worker->name);
          g_assert_cmpstr (json_object_get_string_member (telecom, "value"), ==,
                           worker->contact);
          g_assert_cmpstr (json_object_get_string_member (telecom, "system"), ==,
                           strchr (worker->contact, '@') != NULL ? "email" : "phone");
          n_practitioners++;
        }
      else if (g_str_equal (type, "Goal"))
        {
          JsonObject *description = json_object_get_object_member (resource, "description");

          n_goals++;
          g_assert_true (in_list (json_object_get_string_member (resource, "lifecycleStatus"),
                                  goal_lifecycle));
          g_assert_nonnull (description);
          g_assert_cmpstr (json_object_get_string_member (description, "text"), !=, "");
          g_assert_nonnull (ref_of (resource, "subject"));
        }
      else
        g_error ("unexpected resource type %s", type);
    }

  g_assert_nonnull (careplan);
  g_assert_nonnull (patient);
  g_assert_nonnull (careteam);
  g_assert_cmpuint (n_goals, ==, json_array_get_length (goals));
  g_assert_cmpuint (n_practitioners, ==, context->workers->len);

  /* Every reference resolves within the bundle. */
  collect_references (bundle_node, references);
  g_assert_cmpuint (references->len, >, 0);
  for (guint i = 0; i < references->len; i++)
    if (!g_hash_table_contains (by_url, g_ptr_array_index (references, i)))
      g_error ("reference %s does not resolve", (char *) g_ptr_array_index (references, i));

  /* CarePlan: status, intent, subject (required), the goals and the care team */
  g_assert_true (in_list (json_object_get_string_member (careplan, "status"), careplan_status));
  g_assert_true (in_list (json_object_get_string_member (careplan, "intent"), careplan_intent));
  g_assert_cmpstr (json_object_get_string_member (
                     g_hash_table_lookup (by_url, ref_of (careplan, "subject")),
                     "resourceType"), ==, "Patient");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (careplan, "goal")), ==,
                    json_array_get_length (goals));
  for (guint i = 0; i < json_array_get_length (goals); i++)
    {
      JsonObject *ref = json_array_get_object_element (
                          json_object_get_array_member (careplan, "goal"), i);
      JsonObject *goal = g_hash_table_lookup (by_url,
                                              json_object_get_string_member (ref, "reference"));

      g_assert_cmpstr (json_object_get_string_member (goal, "resourceType"), ==, "Goal");
      /* Goals keep the plan's ids */
      g_assert_cmpstr (json_object_get_string_member (goal, "id"), ==,
                       json_object_get_string_member (json_array_get_object_element (goals, i),
                                                      "id"));
      g_assert_cmpstr (json_object_get_string_member (
                         g_hash_table_lookup (by_url, ref_of (goal, "subject")),
                         "resourceType"), ==, "Patient");
    }
  {
    JsonObject *ref = json_array_get_object_element (
                        json_object_get_array_member (careplan, "careTeam"), 0);
    g_assert_true (json_object_get_object_member (careplan, "subject") != NULL);
    g_assert_cmpstr (json_object_get_string_member (
                       g_hash_table_lookup (by_url,
                                            json_object_get_string_member (ref, "reference")),
                       "resourceType"), ==, "CareTeam");
  }

  /* Activities: one per action, per service and the review; each with a valid status */
  {
    JsonArray *activities = json_object_get_array_member (careplan, "activity");
    guint n_actions = 0;

    for (guint i = 0; i < json_array_get_length (goals); i++)
      {
        JsonObject *goal = json_array_get_object_element (goals, i);

        if (json_object_has_member (goal, "actions"))
          n_actions += json_array_get_length (json_object_get_array_member (goal, "actions"));
      }
    g_assert_cmpuint (json_array_get_length (activities), ==, n_actions + 1 + 1);
    for (guint i = 0; i < json_array_get_length (activities); i++)
      {
        JsonObject *detail = json_object_get_object_member (
                               json_array_get_object_element (activities, i), "detail");

        g_assert_true (in_list (json_object_get_string_member (detail, "status"),
                                activity_status));
      }
  }

  /* CareTeam: the client, then the team's responsible workers (their Practitioner, their
   * role in the plan and in the team, their organisation), then the plan's professionals */
  g_assert_true (in_list (json_object_get_string_member (careteam, "status"), careteam_status));
  {
    JsonArray *participants = json_object_get_array_member (careteam, "participant");

    g_assert_cmpuint (json_array_get_length (participants), >=, 1 + context->workers->len);
    for (guint i = 0; i < context->workers->len; i++)
      {
        const PolkuPlanWorker *worker = g_ptr_array_index (context->workers, i);
        JsonObject *participant = json_array_get_object_element (participants, i + 1);
        JsonArray *roles = json_object_get_array_member (participant, "role");
        JsonObject *member = json_object_get_object_member (participant, "member");
        JsonObject *practitioner = g_hash_table_lookup (by_url, ref_of (participant,
                                                                        "member"));

        g_assert_cmpstr (json_object_get_string_member (practitioner, "resourceType"), ==,
                         "Practitioner");
        g_assert_cmpstr (json_object_get_string_member (member, "display"), ==, worker->name);
        g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (roles,
                                                                                       0),
                                                        "text"), ==,
                         g_str_equal (language, "sv") ? "Din ansvariga arbetstagare"
                                                      : "Vastuutyöntekijäsi");
        g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (roles,
                                                                                       1),
                                                        "text"), ==, worker->role);
        if (worker->organisation != NULL)
          g_assert_cmpstr (json_object_get_string_member (
                             json_object_get_object_member (participant, "onBehalfOf"),
                             "display"), ==, worker->organisation);
        else
          g_assert_false (json_object_has_member (participant, "onBehalfOf"));
      }
    g_assert_false (json_object_has_member (careteam, "telecom"));
  }

  /* CarePlan: from the agreed date to the case's review date; the review as an activity;
   * nothing of the legacy copies (the plan's own worker and next review) */
  {
    JsonObject *period = json_object_get_object_member (careplan, "period");
    JsonArray *activities = json_object_get_array_member (careplan, "activity");
    JsonObject *review = json_object_get_object_member (
                           json_array_get_object_element (activities,
                                                          json_array_get_length (activities)
                                                          - 1), "detail");

    g_assert_cmpstr (json_object_get_string_member (period, "start"), ==, "2026-10-30");
    g_assert_cmpstr (json_object_get_string_member (period, "end"), ==, context->review_on);
    g_assert_cmpstr (json_object_get_string_member (
                       json_object_get_object_member (review, "scheduledPeriod"), "end"), ==,
                     context->review_on);
    g_assert_false (json_says (bundle_node, "2027-02-01"));
    g_assert_false (json_says (bundle_node, "Camilla"));
  }

  /* Patient */
  g_assert_cmpstr (json_object_get_string_member (
                     json_array_get_object_element (json_object_get_array_member (patient,
                                                                                  "identifier"),
                                                    0), "value"), ==, "131052-308T");

  /* Words in the plan's language */
  g_assert_cmpstr (json_object_get_string_member (careplan, "language"), ==, language);
  g_assert_cmpstr (json_object_get_string_member (careplan, "title"), ==,
                   g_str_equal (language, "sv") ? "Gemensam vård- och serviceplan"
                                                : "Yhteinen hoito- ja palvelusuunnitelma");
}

static void
test_bundle (void)
{
  g_autoptr(PolkuClient) client = make_client ();

  for (guint l = 0; l < 2; l++)
    {
      const char *language = l == 0 ? "fi" : "sv";
      g_autoptr(JsonNode) plan = make_plan (language);
      g_autoptr(PolkuPlanContext) context = make_context ();
      g_autoptr(JsonNode) bundle = NULL;

      bundle = polku_plan_to_fhir (plan, client, context);
      check_bundle (bundle, plan, context, language);
    }
}

/* Without responsible workers or a review date the plan is still a valid bundle: no
 * Practitioner, no period end, no review activity. */
static void
test_no_context (void)
{
  g_autoptr(PolkuClient) client = make_client ();
  g_autoptr(JsonNode) plan = make_plan ("fi");
  g_autoptr(PolkuPlanContext) empty = polku_plan_context_new (NULL);
  g_autoptr(JsonNode) bundle = polku_plan_to_fhir (plan, client, empty);
  g_autoptr(JsonNode) without = polku_plan_to_fhir (plan, client, NULL);

  g_assert_false (json_says (bundle, "Practitioner"));
  g_assert_false (json_says (bundle, "\"end\":\"2027"));
  g_assert_false (json_says (bundle, "Suunnitelman tarkistus"));
  g_assert_false (json_says (bundle, "Camilla"));
  g_assert_true (json_says (bundle, "\"start\":\"2026-10-30\""));
  g_assert_false (json_says (without, "Practitioner"));
}

static void
test_goal_codes (void)
{
  g_autoptr(PolkuClient) client = make_client ();
  g_autoptr(JsonNode) plan = make_plan ("fi");
  g_autoptr(JsonNode) bundle = polku_plan_to_fhir (plan, client, NULL);
  JsonArray *entries = json_object_get_array_member (json_node_get_object (bundle), "entry");
  static const char * const expected[][3] = {
    { "11111111-1111-4111-8111-111111111111", "active", "in-progress" },
    { "33333333-3333-4333-8333-333333333333", "proposed", NULL },
    { "77777777-7777-4777-8777-777777777777", "cancelled", NULL },
    { "88888888-8888-4888-8888-888888888888", "completed", "not-achieved" },
  };
  guint found = 0;

  for (guint i = 0; i < json_array_get_length (entries); i++)
    {
      JsonObject *resource = json_object_get_object_member (
                               json_array_get_object_element (entries, i), "resource");

      for (guint e = 0; e < G_N_ELEMENTS (expected); e++)
        {
          if (g_strcmp0 (json_object_get_string_member (resource, "id"), expected[e][0]) != 0)
            continue;
          found++;
          g_assert_cmpstr (json_object_get_string_member (resource, "lifecycleStatus"), ==,
                           expected[e][1]);
          if (expected[e][2] == NULL)
            g_assert_false (json_object_has_member (resource, "achievementStatus"));
          else
            {
              JsonObject *status = json_object_get_object_member (resource,
                                                                  "achievementStatus");
              JsonObject *coding = json_array_get_object_element (
                                     json_object_get_array_member (status, "coding"), 0);

              g_assert_cmpstr (json_object_get_string_member (coding, "code"), ==,
                               expected[e][2]);
            }
          /* The client's goal is expressed by the Patient */
          if (e == 0)
            g_assert_cmpstr (ref_of (resource, "expressedBy"), ==, "urn:uuid:" CLIENT);
          if (e == 1)
            g_assert_cmpstr (json_object_get_string_member (
                               json_object_get_object_member (resource, "expressedBy"),
                               "display"), ==, "Malin Ekholm");
        }
    }
  g_assert_cmpuint (found, ==, G_N_ELEMENTS (expected));
}

/* The builders both exports use (polku-fhir-private.h), to the byte: NULL members are left
 * out, a NULL name adds an array element. */
static void
test_builders (void)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(JsonObject) resource = NULL;
  g_autofree char *urn = polku_fhir_urn (CLIENT);
  g_autofree char *text = NULL;
  JsonObject *bundle;

  g_assert_cmpstr (urn, ==, "urn:uuid:" CLIENT);

  polku_fhir_begin_bundle (b, "2026-11-01T10:00:00Z");
  polku_fhir_begin_entry (b, "Patient", CLIENT);
  polku_fhir_add_string (b, "gender", NULL);
  polku_fhir_add_system_value (b, "identifier", "urn:ietf:rfc:3986", urn);
  polku_fhir_add_name (b, "Virtanen", "Aino");
  polku_fhir_add_reference (b, "subject", CLIENT, "Aino Virtanen");
  polku_fhir_add_reference (b, "onBehalfOf", NULL, "Kela");
  json_builder_set_member_name (b, "derivedFrom");
  json_builder_begin_array (b);
  polku_fhir_add_reference (b, NULL, CLIENT, NULL);
  json_builder_end_array (b);
  json_builder_set_member_name (b, "category");
  json_builder_begin_array (b);
  polku_fhir_add_concept (b, NULL, "http://s", "survey", NULL, NULL);
  json_builder_end_array (b);
  polku_fhir_add_concept (b, "code", "http://c", "q1", "Question", "Question");
  polku_fhir_end_entry (b);
  polku_fhir_end_bundle (b);

  root = json_builder_get_root (b);
  bundle = json_node_get_object (root);
  g_assert_cmpstr (json_object_get_string_member (bundle, "resourceType"), ==, "Bundle");
  g_assert_true (g_uuid_string_is_valid (json_object_get_string_member (bundle, "id")));
  g_assert_cmpstr (json_object_get_string_member (bundle, "type"), ==, "collection");
  g_assert_cmpstr (json_object_get_string_member (bundle, "timestamp"), ==,
                   "2026-11-01T10:00:00Z");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (bundle, "entry")), ==,
                    1);

  resource = json_object_ref (json_array_get_object_element (
                                json_object_get_array_member (bundle, "entry"), 0));
  json_generator_set_root (generator, json_object_get_member (resource, "resource"));
  text = json_generator_to_data (generator, NULL);
  g_assert_cmpstr (json_object_get_string_member (resource, "fullUrl"), ==, "urn:uuid:" CLIENT);
  g_assert_cmpstr (text, ==,
                   "{\"resourceType\":\"Patient\",\"id\":\"" CLIENT "\","
                   "\"identifier\":{\"system\":\"urn:ietf:rfc:3986\","
                   "\"value\":\"urn:uuid:" CLIENT "\"},"
                   "\"name\":[{\"family\":\"Virtanen\",\"given\":[\"Aino\"]}],"
                   "\"subject\":{\"reference\":\"urn:uuid:" CLIENT "\","
                   "\"display\":\"Aino Virtanen\"},"
                   "\"onBehalfOf\":{\"display\":\"Kela\"},"
                   "\"derivedFrom\":[{\"reference\":\"urn:uuid:" CLIENT "\"}],"
                   "\"category\":[{\"coding\":[{\"system\":\"http://s\","
                   "\"code\":\"survey\"}]}],"
                   "\"code\":{\"coding\":[{\"system\":\"http://c\",\"code\":\"q1\","
                   "\"display\":\"Question\"}],\"text\":\"Question\"}}");
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/plan-fhir/bundle", test_bundle);
  g_test_add_func ("/plan-fhir/no-context", test_no_context);
  g_test_add_func ("/plan-fhir/goal-codes", test_goal_codes);
  g_test_add_func ("/plan-fhir/builders", test_builders);

  return g_test_run ();
}
