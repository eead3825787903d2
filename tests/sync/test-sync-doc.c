/* test-sync-doc.c: the shared document: where it goes, what it holds, what comes back
 * (polku-sync-doc.h)
 *
 * Copyright 2026 The Polku authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A real encrypted store with consents decided by polku_consent_check (). The county's
 * organisations are a test file (through $POLKU_ORGANISATIONS, set before anything reads the
 * list) with access groups of one sector, of health and social together, and of a clinic
 * with an association of the third sector.
 */

#include "config.h"

#include <string.h>

#include "polku-assessment-store.h"
#include "polku-contact-store.h"
#include "polku-instrument.h"
#include "polku-limits.h"
#include "polku-mapping-visit.h"
#include "polku-plan-store.h"
#include "polku-sync-doc.h"
#include "polku-sync-merge.h"
#include "polku-team-store.h"

#include "../unit/case-test-helpers.h"

#define ORG(id, name, sector, group) \
  "{\"id\": \"" id "\", \"names\": {\"fi\": \"" name "\", \"sv\": \"" name " sv\", " \
  "\"en\": \"" name " en\"}, \"sector\": \"" sector "\"" group "}"
#define GROUP(name) ", \"access_group\": \"" name "\""

static const char organisations_file[] =
  "{\"format\": \"polku-organisations\", \"version\": 1, \"organisations\": ["
  ORG ("health-a", "Terveysasema A", "health", GROUP ("care")) ","
  ORG ("social-b", "Sosiaalitoimi B", "social", GROUP ("care")) ","
  ORG ("clinic", "Klinikka", "health", GROUP ("clinic-ngo")) ","
  ORG ("ngo", "Yhdistys", "third_sector", GROUP ("clinic-ngo")) ","
  ORG ("ngo-solo", "Toinen yhdistys", "third_sector", GROUP ("ngo-solo")) ","
  ORG ("private-x", "Yksityinen", "private", GROUP ("private-x")) ","
  ORG ("no-group", "Ilman palvelinta", "social", "")
  "]}";

#define HETU "131052-308T"
#define GOAL_1 "11111111-1111-4111-8111-111111111111"
#define GOAL_2 "22222222-2222-4222-8222-222222222222"
#define ACTION_1 "33333333-3333-4333-8333-333333333333"
#define SERVICE_1 "44444444-4444-4444-8444-444444444444"
#define VIEW_1 "55555555-5555-4555-8555-555555555555"

static const char * const all_parts[] = {
  "client_view", "goals", "actions", "team", "contacts", "measures", NULL
};

static PolkuConsent *
add_sharing (Fixture            *f,
             const char * const *organisations,
             const char * const *parts,
             const char         *given_on,
             const char         *valid_until)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PolkuConsent) draft = g_object_new (POLKU_TYPE_CONSENT,
                                                "client-id", client_id (f),
                                                "kind", "sharing",
                                                "given-on", given_on,
                                                "given-by", "client",
                                                "method", "written",
                                                "valid-until", valid_until,
                                                "organisations", organisations,
                                                "parts", parts,
                                                NULL);
  PolkuConsent *consent = polku_consent_store_add (f->store, draft, &error);

  g_assert_no_error (error);
  return consent;
}

static PolkuConsent *
share (Fixture    *f,
       const char *organisations,
       const char *parts)
{
  g_auto(GStrv) o = g_strsplit (organisations, " ", -1);
  g_auto(GStrv) p = g_strsplit (parts, " ", -1);
  g_autofree char *given_on = days_from_today (-10);

  return add_sharing (f, (const char * const *) o, (const char * const *) p, given_on, NULL);
}

static GPtrArray *
targets_on (Fixture    *f,
            const char *date)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PolkuOrganisations) orgs = polku_organisations_get_default (&error);
  GPtrArray *targets;

  g_assert_no_error (error);
  targets = polku_sync_doc_targets (f->store, orgs, client_id (f), date, &error);
  g_assert_no_error (error);
  g_assert_nonnull (targets);
  return targets;
}

/* "database:part part…:identity" for each target, joined by " | ". */
static char *
describe (GPtrArray *targets)
{
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < targets->len; i++)
    {
      PolkuSyncTarget *target = targets->pdata[i];
      g_autofree char *parts = g_strjoinv (" ", target->parts);

      g_string_append_printf (text, "%s%s:%s:%s", i > 0 ? " | " : "", target->database, parts,
                              target->identity_code ? "id" : "no-id");
    }
  return g_string_free (text, FALSE);
}

static void
assert_targets (Fixture    *f,
                const char *date,
                const char *expected)
{
  g_autoptr(GPtrArray) targets = targets_on (f, date);
  g_autofree char *text = describe (targets);

  g_assert_cmpstr (text, ==, expected);
}

static PolkuSyncTarget *
target_for (Fixture    *f,
            const char *database)
{
  g_autoptr(GPtrArray) targets = targets_on (f, NULL);

  for (guint i = 0; i < targets->len; i++)
    {
      PolkuSyncTarget *target = targets->pdata[i];

      if (g_str_equal (target->database, database))
        return g_ptr_array_steal_index (targets, i);
    }
  g_error ("no target %s", database);
  return NULL;
}

static char *
to_text (JsonNode *node)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();

  json_generator_set_root (generator, node);
  return json_generator_to_data (generator, NULL);
}

/* A copy that shares nothing (json_node_copy () shares objects and arrays). */
static JsonNode *
deep_copy (JsonNode *node)
{
  return polku_sync_copy (node);
}

static gboolean
has_member (JsonNode   *doc,
            const char *path)
{
  g_autoptr(JsonNode) value = polku_sync_value_at (doc, path);

  return value != NULL;
}

/* The client's plan: client view, main burden, two goals (one with an action), a service
 * and a differing view. */
static JsonNode *
full_plan (Fixture *f)
{
  g_autofree char *text = g_strdup_printf (
    "{ \"schema\": 1, \"id\": \"66666666-6666-4666-8666-666666666666\","
    "  \"client_id\": \"%s\", \"language\": \"fi\","
    "  \"client_view\": \"Haluan nukkua\", \"main_burden\": \"Velat\","
    "  \"goals\": ["
    "    { \"id\": \"" GOAL_1 "\", \"text\": \"Nukkua paremmin\", \"status\": \"active\","
    "      \"expressed_by\": \"client\","
    "      \"actions\": [ { \"id\": \"" ACTION_1 "\", \"text\": \"CANARY-ACTION-TEXT\","
    "                       \"status\": \"planned\" } ] },"
    "    { \"id\": \"" GOAL_2 "\", \"text\": \"Töihin\", \"status\": \"proposed\","
    "      \"expressed_by\": \"professional\", \"professional\": \"Eeva Lahti\" } ],"
    "  \"services\": [ { \"id\": \"" SERVICE_1 "\", \"name\": \"Kotihoito\" } ],"
    "  \"differing_views\": [ { \"id\": \"" VIEW_1 "\", \"topic\": \"Asuminen\" } ] }",
    client_id (f));

  return parse_json (text);
}

static void
save_plan (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) plan = full_plan (f);
  gboolean saved = polku_plan_store_save (f->store, client_id (f), plan, 0,
                                          POLKU_PLAN_ORIGIN_EDIT, NULL, &error);

  g_assert_no_error (error);
  g_assert_true (saved);
}

/* Targets */

static void
test_names (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *name = polku_sync_database_name ("county-health", &error);
  g_autofree char *id = polku_sync_doc_id ("66666666-6666-4666-8666-666666666666");
  const char * const bad[] = { "", "County", "a b", "a/b", "-a", "ä", "a_b", NULL };

  g_assert_no_error (error);
  g_assert_cmpstr (name, ==, "polku-county-health");
  g_assert_cmpstr (id, ==, "plan-66666666-6666-4666-8666-666666666666");
  for (guint i = 0; bad[i] != NULL; i++)
    {
      g_autofree char *refused = polku_sync_database_name (bad[i], &error);

      g_assert_null (refused);
      g_assert_error (error, POLKU_SYNC_DOC_ERROR, POLKU_SYNC_DOC_ERROR_INVALID);
      g_clear_error (&error);
    }
}

/* No sharing consent, or only a consent to contact: nothing goes anywhere. */
static void
test_targets_none (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(PolkuConsent) contact = NULL;
  g_autofree char *given_on = days_from_today (-3);

  assert_targets (f, NULL, "");
  contact = add_consent (f, client_id (f), given_on);
  assert_targets (f, NULL, "");
}

/* Every organisation of the group named: the group's database, with the consent's parts in
 * the vocabulary's order; health and social together may hold the identity code. */
static void
test_targets_whole_group (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(PolkuConsent) consent = share (f, "social-b health-a", "team goals actions");

  assert_targets (f, NULL, "polku-care:goals actions team:id");
}

/* A consent that names only some organisations of a group sends nothing there: every
 * organisation of the group could read it. An organisation without an access group gets
 * nothing by sync. */
static void
test_targets_partial_group (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(PolkuConsent) consent = share (f, "health-a clinic no-group", "goals team");

  assert_targets (f, NULL, "");
}

/* Consents naming different organisations and parts: the intersection per group. */
static void
test_targets_intersection (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(PolkuConsent) first = share (f, "health-a", "goals actions team");
  g_autoptr(PolkuConsent) second = share (f, "social-b", "client_view goals actions");
  g_autoptr(PolkuConsent) third = share (f, "ngo-solo private-x", "contacts measures");

  assert_targets (f, NULL,
                  "polku-care:goals actions:id"
                  " | polku-ngo-solo:contacts measures:no-id"
                  " | polku-private-x:contacts measures:no-id");
}

/* The third sector (and private or other organisations) never get the identity code, also
 * when they share a group with a health-care organisation. */
static void
test_targets_third_sector (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(PolkuConsent) consent = share (f, "clinic ngo ngo-solo health-a social-b",
                                           "goals");

  assert_targets (f, NULL,
                  "polku-care:goals:id | polku-clinic-ngo:goals:no-id"
                  " | polku-ngo-solo:goals:no-id");
}

/* Actions go only with their goals. */
static void
test_targets_actions_need_goals (Fixture       *f,
                                 gconstpointer  data)
{
  g_autoptr(PolkuConsent) first = share (f, "private-x", "actions team");
  g_autoptr(PolkuConsent) second = share (f, "ngo-solo", "actions");

  assert_targets (f, NULL, "polku-private-x:team:no-id");
}

/* A withdrawn consent: nothing from the day of the withdrawal on; before it, as it was. */
static void
test_targets_withdrawn (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PolkuConsent) consent = share (f, "health-a social-b", "goals");
  g_autoptr(PolkuConsent) withdrawn = NULL;
  g_autofree char *yesterday = days_from_today (-1);

  assert_targets (f, NULL, "polku-care:goals:id");
  withdrawn = polku_consent_store_withdraw (f->store, polku_consent_get_id (consent), NULL,
                                            &error);
  g_assert_no_error (error);
  assert_targets (f, NULL, "");
  assert_targets (f, yesterday, "polku-care:goals:id");
}

/* An expired consent: nothing after its last day. */
static void
test_targets_expired (Fixture       *f,
                      gconstpointer  data)
{
  const char * const organisations[] = { "clinic", "ngo", NULL };
  const char * const parts[] = { "client_view", NULL };
  g_autofree char *given_on = days_from_today (-10);
  g_autofree char *valid_until = days_from_today (-2);
  g_autofree char *last_day = days_from_today (-2);
  g_autoptr(PolkuConsent) consent = add_sharing (f, organisations, parts, given_on,
                                                 valid_until);

  assert_targets (f, NULL, "");
  assert_targets (f, last_day, "polku-clinic-ngo:client_view:no-id");
}

/* Building */

/* Client data that must never leave: planted with words the serialised document is
 * searched for. */
static void
plant_secrets (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PolkuCaseSign) sign = NULL;
  g_autoptr(PolkuCaseNote) note = NULL;
  g_autoptr(PolkuContact) contact = polku_contact_new ();
  g_autoptr(PolkuMappingVisit) visit = NULL;
  g_autoptr(PolkuInstrument) instrument = NULL;
  g_autoptr(PolkuAssessment) assessment = NULL;
  g_autoptr(PolkuTeamMember) member = NULL;
  g_autoptr(PolkuTeamMember) draft = NULL;
  g_autofree char *day = days_from_today (-5);

  polku_client_set_hetu (f->client, HETU);
  g_assert_true (polku_client_store_save (f->store, f->client, &error));
  g_assert_no_error (error);

  sign = add_sign (f, client_id (f), "worry", "client_situation", "CANARY-SIGN-REASON", NULL,
                   &error);
  g_assert_no_error (error);
  note = polku_case_store_add_note (f->store, client_id (f), "CANARY-CASE-NOTE", &error);
  g_assert_no_error (error);

  polku_contact_set_client_id (contact, client_id (f));
  polku_contact_set_date (contact, day);
  polku_contact_set_type_id (contact, "doctor");
  polku_contact_set_organisation (contact, "Terveysasema A");
  polku_contact_set_note (contact, "CANARY-CONTACT-NOTE");
  polku_contact_set_reason (contact, "CANARY-CONTACT-REASON");
  g_assert_true (polku_contact_store_add (f->store, contact, &error));
  g_assert_no_error (error);

  visit = polku_mapping_visit_store_create (f->store, client_id (f), NULL, &error);
  g_assert_no_error (error);
  polku_mapping_visit_set_notes (visit, "CANARY-MAPPING-NOTES");
  polku_mapping_visit_item_set_note (polku_mapping_visit_lookup_item (visit, "main-burden"),
                                     "CANARY-MAPPING-ITEM");
  g_assert_true (polku_mapping_visit_store_save (f->store, visit, &error));
  g_assert_no_error (error);

  instrument = polku_instrument_lookup ("whoqol-bref", &error);
  g_assert_no_error (error);
  assessment = polku_assessment_new (client_id (f), instrument);
  for (guint i = 0; i < polku_instrument_get_n_items (instrument); i++)
    polku_assessment_set_answer (assessment, i, 4);
  polku_assessment_set_date (assessment, day);
  polku_assessment_set_role (assessment, POLKU_ASSESSMENT_ROLE_FOLLOW_UP);
  polku_assessment_set_status (assessment, POLKU_ASSESSMENT_STATUS_COMPLETE);
  g_assert_true (polku_assessment_store_save (f->store, assessment, &error));
  g_assert_no_error (error);

  draft = g_object_new (POLKU_TYPE_TEAM_MEMBER,
                        "client-id", client_id (f),
                        "person", "Minna Rautio",
                        "role", "sairaanhoitaja",
                        "organisation", "Terveysasema A",
                        "sector", "health",
                        "joined-on", day,
                        "responsible", TRUE,
                        NULL);
  member = polku_team_store_add (f->store, draft, &error);
  g_assert_no_error (error);

  save_plan (f);
}

/* Every part consented to a health and social group: the plan whole, the team, contacts and
 * measures without their free text and answers, the identity code; never a sign's reason,
 * a note, the mapping visit or the audit log. */
static void
test_build_everything (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PolkuConsent) consent = share (f, "health-a social-b",
                                           "client_view goals actions team contacts measures");
  g_autoptr(PolkuSyncTarget) target = NULL;
  g_autoptr(JsonNode) doc = NULL;
  g_autoptr(JsonNode) stored = NULL;
  g_autoptr(JsonNode) plan = NULL;
  g_autofree char *text = NULL;
  const char * const secrets[] = {
    "CANARY-SIGN-REASON", "CANARY-CASE-NOTE", "CANARY-CONTACT-NOTE", "CANARY-CONTACT-REASON",
    "CANARY-MAPPING-NOTES", "CANARY-MAPPING-ITEM", "client_situation", "\"answers\"",
    "\"note\"", "\"reason\"", "consent.add", "contact.add", "audit", "Sanna Koivisto", NULL
  };

  plant_secrets (f);
  target = target_for (f, "polku-care");
  g_assert_true (target->identity_code);
  doc = polku_sync_doc_build (f->store, client_id (f), target, &error);
  g_assert_no_error (error);
  g_assert_nonnull (doc);
  g_assert_true (polku_sync_doc_validate (doc, &error));
  g_assert_no_error (error);

  text = to_text (doc);
  for (guint i = 0; secrets[i] != NULL; i++)
    if (strstr (text, secrets[i]) != NULL)
      g_error ("the shared document holds “%s”", secrets[i]);
  g_assert_nonnull (strstr (text, HETU));

  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (doc), "type"), ==,
                   POLKU_SYNC_DOC_TYPE);
  g_assert_false (has_member (doc, "_id"));
  g_assert_false (has_member (doc, "changed_by"));
  {
    g_autofree char *birth = NULL;
    g_autoptr(JsonNode) node = polku_sync_value_at (doc, "client/birth_date");

    birth = g_strdup (json_node_get_string (node));
    g_assert_cmpstr (birth, ==, "1952-10-13");
  }
  /* The consent summary names this database's organisations and the target's parts. */
  {
    g_autoptr(JsonNode) organisations = polku_sync_value_at (doc, "consent/organisations");
    g_autoptr(JsonNode) expected = parse_json ("[\"health-a\", \"social-b\"]");
    g_autoptr(JsonNode) parts = polku_sync_value_at (doc, "consent/parts");
    g_autoptr(JsonNode) all = parse_json ("[\"client_view\", \"goals\", \"actions\", \"team\","
                                          " \"contacts\", \"measures\"]");
    g_autoptr(JsonNode) id = polku_sync_value_at (doc, "consent/id");

    g_assert_true (polku_sync_values_equal (organisations, expected, FALSE));
    g_assert_true (polku_sync_values_equal (parts, all, FALSE));
    g_assert_cmpstr (json_node_get_string (id), ==, polku_consent_get_id (consent));
  }

  /* The whole plan as stored. */
  stored = polku_plan_store_load (f->store, client_id (f), NULL, &error);
  g_assert_no_error (error);
  plan = polku_sync_value_at (doc, "plan");
  g_assert_true (polku_sync_values_equal (plan, stored, FALSE));
  g_assert_true (has_member (doc, "plan/goals/" GOAL_1 "/actions/" ACTION_1));
  g_assert_true (has_member (doc, "plan/services/" SERVICE_1));
  g_assert_true (has_member (doc, "plan/differing_views/" VIEW_1));

  /* The team, the contact without its words, the scores without the answers. */
  {
    g_autoptr(JsonNode) team = polku_sync_value_at (doc, "team");
    g_autoptr(JsonNode) contacts = polku_sync_value_at (doc, "contacts");
    g_autoptr(JsonNode) measures = polku_sync_value_at (doc, "measures");
    JsonObject *member = json_array_get_object_element (json_node_get_array (team), 0);
    JsonObject *contact = json_array_get_object_element (json_node_get_array (contacts), 0);
    JsonObject *measure = json_array_get_object_element (json_node_get_array (measures), 0);
    JsonObject *scores = json_object_get_object_member (measure, "scores");

    g_assert_cmpstr (json_object_get_string_member (member, "person"), ==, "Minna Rautio");
    g_assert_true (json_object_get_boolean_member (member, "responsible"));
    g_assert_cmpstr (json_object_get_string_member (contact, "type"), ==, "doctor");
    g_assert_cmpstr (json_object_get_string_member (measure, "instrument"), ==, "whoqol-bref");
    g_assert_true (json_object_has_member (scores, "domains"));
    g_assert_cmpuint (json_object_get_size (scores), ==, 3);  /* discarded, missing, domains */
  }
}

/* Only goals, to a clinic with an association: the goals without their actions, nothing
 * else of the plan, no team, contacts or measures, no identity code. */
static void
test_build_goals_only (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PolkuConsent) consent = share (f, "clinic ngo", "goals");
  g_autoptr(PolkuConsent) other = share (f, "health-a social-b", "client_view goals actions");
  g_autoptr(PolkuSyncTarget) target = NULL;
  g_autoptr(JsonNode) doc = NULL;
  g_autofree char *text = NULL;
  const char * const absent[] = {
    HETU, "CANARY-ACTION-TEXT", "Haluan nukkua", "Velat", "Kotihoito", "Asuminen",
    "Minna Rautio", "whoqol", "health-a", "social-b", "client_view", NULL
  };

  plant_secrets (f);
  target = target_for (f, "polku-clinic-ngo");
  g_assert_false (target->identity_code);
  doc = polku_sync_doc_build (f->store, client_id (f), target, &error);
  g_assert_no_error (error);
  g_assert_true (polku_sync_doc_validate (doc, &error));
  g_assert_no_error (error);

  text = to_text (doc);
  for (guint i = 0; absent[i] != NULL; i++)
    if (strstr (text, absent[i]) != NULL)
      g_error ("the goals-only document holds “%s”", absent[i]);
  g_assert_true (has_member (doc, "plan/goals/" GOAL_1 "/text"));
  g_assert_false (has_member (doc, "plan/goals/" GOAL_1 "/actions"));
  g_assert_false (has_member (doc, "client/identity_code"));
  g_assert_false (has_member (doc, "team"));
  g_assert_false (has_member (doc, "contacts"));
  g_assert_false (has_member (doc, "measures"));
  g_assert_false (has_member (doc, "plan/services"));
  g_assert_true (has_member (doc, "plan/agreed_on"));
  {
    g_autoptr(JsonNode) id = polku_sync_value_at (doc, "consent/id");

    g_assert_cmpstr (json_node_get_string (id), ==, polku_consent_get_id (consent));
  }
}

/* A client without a plan still has a document (client, consent, team). */
static void
test_build_no_plan (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PolkuConsent) consent = share (f, "private-x", "goals team");
  g_autoptr(PolkuSyncTarget) target = target_for (f, "polku-private-x");
  g_autoptr(JsonNode) doc = polku_sync_doc_build (f->store, client_id (f), target, &error);

  g_assert_no_error (error);
  g_assert_false (has_member (doc, "plan"));
  g_assert_true (has_member (doc, "team"));
  g_assert_true (polku_sync_doc_validate (doc, &error));
  g_assert_no_error (error);
}

/* The plan's projection and back */

static void
test_project_round_trip (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(JsonNode) local = full_plan (f);

  /* Every combination of parts. */
  for (guint mask = 0; mask < (1u << 6); mask++)
    {
      g_autoptr(GPtrArray) parts = g_ptr_array_new ();
      g_autoptr(JsonNode) projected = NULL;
      g_autoptr(JsonNode) back = NULL;
      gboolean goals = (mask & 2) != 0;
      gboolean actions = (mask & 4) != 0;

      for (guint i = 0; i < 6; i++)
        if (mask & (1u << i))
          g_ptr_array_add (parts, (gpointer) all_parts[i]);
      g_ptr_array_add (parts, NULL);

      projected = polku_sync_doc_project_plan (local, (const char * const *) parts->pdata);
      g_assert_true (has_member (projected, "id"));
      g_assert_true (has_member (projected, "language"));
      g_assert_cmpint (has_member (projected, "client_view"), ==, (mask & 1) != 0);
      g_assert_cmpint (has_member (projected, "differing_views"), ==, (mask & 1) != 0);
      g_assert_cmpint (has_member (projected, "goals"), ==, goals);
      g_assert_cmpint (has_member (projected, "goals/" GOAL_1 "/actions"), ==,
                       goals && actions);
      g_assert_cmpint (has_member (projected, "services"), ==, goals && actions);

      /* "Keeps all" exactly when the projection is the plan itself; a projection keeps
       * all of itself (goals without their actions are not checked one by one: not kept
       * whole, never "all"). */
      g_assert_cmpint (polku_sync_doc_projection_keeps_all (local,
                                                            (const char * const *) parts->pdata),
                       ==, polku_sync_values_equal (projected, local, FALSE));
      g_assert_cmpint (polku_sync_doc_projection_keeps_all (projected,
                                                            (const char * const *) parts->pdata),
                       ==, !goals || actions);

      back = polku_sync_doc_unproject_plan (local, projected,
                                            (const char * const *) parts->pdata);
      if (!polku_sync_values_equal (back, local, FALSE))
        g_error ("unproject (project ()) changed the plan with parts mask %u", mask);
    }
}

/* A merged goals-only plan back into the full local plan: the goals' fields from the merge,
 * their actions and the parts not shared from the local plan. */
static void
test_unproject_merge (Fixture       *f,
                      gconstpointer  data)
{
  const char * const parts[] = { "goals", NULL };
  g_autoptr(JsonNode) local = full_plan (f);
  g_autoptr(JsonNode) merged = polku_sync_doc_project_plan (local, parts);
  g_autoptr(JsonNode) back = NULL;
  g_autoptr(JsonNode) text = json_node_new (JSON_NODE_VALUE);
  g_autoptr(JsonNode) goal = parse_json ("{ \"text\": \"Uusi\", \"status\": \"active\","
                                         "  \"expressed_by\": \"client\" }");
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) actions = NULL;
  g_autoptr(JsonNode) view = NULL;

  json_node_set_string (text, "Nukkua kahdeksan tuntia");
  polku_sync_set_at (merged, "goals/" GOAL_1 "/text", text);
  polku_sync_set_at (merged, "goals/" GOAL_2, NULL);
  polku_sync_set_at (merged, "goals/77777777-7777-4777-8777-777777777777", goal);
  g_clear_pointer (&text, json_node_unref);
  text = json_node_new (JSON_NODE_VALUE);
  json_node_set_string (text, "Ei kuulu tähän");
  polku_sync_set_at (merged, "client_view", text);

  back = polku_sync_doc_unproject_plan (local, merged, parts);
  view = polku_sync_value_at (back, "client_view");
  g_assert_cmpstr (json_node_get_string (view), ==, "Haluan nukkua");
  g_clear_pointer (&view, json_node_unref);
  view = polku_sync_value_at (back, "goals/" GOAL_1 "/text");
  g_assert_cmpstr (json_node_get_string (view), ==, "Nukkua kahdeksan tuntia");
  actions = polku_sync_value_at (back, "goals/" GOAL_1 "/actions");
  g_assert_nonnull (actions);
  g_assert_cmpuint (json_array_get_length (json_node_get_array (actions)), ==, 1);
  g_assert_false (has_member (back, "goals/" GOAL_2));
  g_assert_true (has_member (back, "goals/77777777-7777-4777-8777-777777777777"));
  g_assert_true (has_member (back, "services/" SERVICE_1));
  g_assert_true (polku_plan_document_validate (back, &error));
  g_assert_no_error (error);

  /* A plan first met through sync. */
  g_clear_pointer (&back, json_node_unref);
  back = polku_sync_doc_unproject_plan (NULL, merged, parts);
  g_assert_false (has_member (back, "client_view"));
  g_assert_true (has_member (back, "goals/" GOAL_1));
}

/* Validation of a pulled document */

typedef struct
{
  const char *path;    /* where to change the good document */
  const char *value;   /* JSON; NULL removes */
  const char *member;  /* what the error must name */
} Breakage;

/* A list of more elements than any document of a person has. */
static char *
long_list_json (void)
{
  GString *json = g_string_new ("[");

  for (guint j = 0; j <= 10000; j++)
    g_string_append (json, j > 0 ? ",\"a\"" : "\"a\"");
  g_string_append_c (json, ']');
  return g_string_free (json, FALSE);
}

/* Goals whose words together are more than a plan may hold, each of them within limits. */
static char *
big_goals_json (void)
{
  g_autofree char *text = g_strnfill (19000, 'x');
  GString *json = g_string_new ("[");

  for (guint i = 0; i < 60; i++)
    g_string_append_printf (json, "%s{\"id\": \"%08x-0000-4000-8000-000000000000\","
                            " \"text\": \"%s\", \"status\": \"active\","
                            " \"expressed_by\": \"client\"}", i > 0 ? "," : "", i + 1, text);
  g_string_append_c (json, ']');
  return g_string_free (json, FALSE);
}

static void
test_validate (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PolkuConsent) consent = share (f, "health-a social-b",
                                           "client_view goals actions team contacts measures");
  g_autoptr(PolkuSyncTarget) target = NULL;
  g_autoptr(JsonNode) good = NULL;
  g_autoptr(JsonNode) extra = NULL;
  g_autofree char *team_id = NULL;
  g_autofree char *doc_id = polku_sync_doc_id (client_id (f));
  g_autofree char *long_text = g_strnfill (POLKU_LIMIT_TEXT + 1, 'x');
  g_autofree char *long_json = g_strdup_printf ("\"%s\"", long_text);
  g_autofree char *many_json = long_list_json ();
  g_autofree char *big_goals = big_goals_json ();
  const Breakage breakages[] = {
    { "type", "\"other\"", "type" },
    { "format", "2", "format 2" },
    { "format", "\"1\"", "format" },
    { "client/id", NULL, "client.id" },
    { "client/family_name", "5", "client.family_name" },
    { "client/given_name", "\"Ai\\nno\"", "client.given_name" },
    { "client/identity_code", "\"131052-308S\"", "client.identity_code" },
    { "client/hetu", "\"" HETU "\"", "client.hetu" },
    { "client/birth_date", "\"13.10.1952\"", "client.birth_date" },
    { "consent/parts", "[\"goals\", \"secrets\"]", "consent.parts[1]" },
    { "consent/given_on", "\"1.1.2026\"", "consent.given_on" },
    { "consent/organisations", "\"health-a\"", "consent.organisations" },
    { "team", "[{\"person\": \"Outi\"}]", "team[0].id" },
    { "team", "{}", "team" },
    { "contacts", "[{\"id\": \"88888888-8888-4888-8888-888888888888\", \"date\": \"2026-01-01\","
                  " \"type\": \"doctor\", \"urgent\": false, \"no_show\": false, \"days\": 0}]",
      "contacts[0].days" },
    { "measures", "[{\"id\": \"88888888-8888-4888-8888-888888888888\", \"instrument\": \"w\","
                  " \"assessed_on\": \"2026-01-01\", \"scores\": {\"domains\": {\"x\": \"y\"}}}]",
      "measures[0].scores.domains.x" },
    { "plan/goals/" GOAL_1 "/text", "\"\"", "plan" },
    { "plan/goals/" GOAL_1 "/status", "\"maybe\"", "status" },
    { "plan/client_id", "\"99999999-9999-4999-8999-999999999999\"", "plan.client_id" },
    { "plan/client_view", long_json, "plan.client_view" },
    { "notes", "\"CANARY\"", "notes" },
    { "_id", "\"plan-99999999-9999-4999-8999-999999999999\"", "_id" },
    { "changed_by/name", "[]", "changed_by.name" },
    { "conflicts", "[{\"id\": \"88888888-8888-4888-8888-888888888888\", \"path\": \"plan\","
                   " \"base\": null, \"values\": []}]", "conflicts[0].values" },
    { "consent/organisations", many_json, "consent.organisations" },
    { "plan/goals", big_goals, "plan is larger than" },
    { "plan", NULL, "" },  /* (control: removing the plan alone is valid, see below) */
  };

  plant_secrets (f);
  target = target_for (f, "polku-care");
  good = polku_sync_doc_build (f->store, client_id (f), target, &error);
  g_assert_no_error (error);

  /* What the engine and the server add. */
  extra = parse_json ("{ \"name\": \"Sanna\", \"organisation\": \"health-a\","
                      "  \"at\": \"2026-01-01T10:00:00.000Z\", \"replica\": \"r1\" }");
  polku_sync_set_at (good, "changed_by", extra);
  g_clear_pointer (&extra, json_node_unref);
  extra = parse_json ("[{ \"id\": \"88888888-8888-4888-8888-888888888888\","
                      "   \"path\": \"plan/goals/" GOAL_1 "/text\", \"base\": \"a\","
                      "   \"values\": [ { \"value\": \"b\", \"by\": \"Sanna (health-a)\","
                      "                   \"at\": \"s\", \"rev\": \"2-x\" },"
                      "                 { \"value\": null, \"by\": \"Pekka (social-b)\","
                      "                   \"at\": \"s\", \"rev\": \"3-y\" } ] }]");
  polku_sync_set_at (good, "conflicts", extra);
  json_object_set_string_member (json_node_get_object (good), "_id", doc_id);
  json_object_set_string_member (json_node_get_object (good), "_rev", "3-abc");
  json_object_set_boolean_member (json_node_get_object (good), "_deleted_conflicts", FALSE);
  g_assert_true (polku_sync_doc_validate (good, &error));
  g_assert_no_error (error);

  {
    g_autoptr(JsonNode) team = polku_sync_value_at (good, "team");

    team_id = g_strdup (json_object_get_string_member (
                          json_array_get_object_element (json_node_get_array (team), 0), "id"));
  }

  for (guint i = 0; i < G_N_ELEMENTS (breakages); i++)
    {
      g_autoptr(JsonNode) bad = deep_copy (good);
      g_autoptr(JsonNode) value = NULL;
      const char *value_json = breakages[i].value;

      if (value_json != NULL)
        {
          value = parse_json (value_json);
          polku_sync_set_at (bad, breakages[i].path, value);
        }
      else
        polku_sync_set_at (bad, breakages[i].path, NULL);

      if (*breakages[i].member == '\0')
        {
          g_assert_true (polku_sync_doc_validate (bad, &error));
          g_assert_no_error (error);
          continue;
        }
      g_assert_false (polku_sync_doc_validate (bad, &error));
      g_assert_error (error, POLKU_SYNC_DOC_ERROR, POLKU_SYNC_DOC_ERROR_INVALID);
      if (strstr (error->message, breakages[i].member) == NULL)
        g_error ("breaking %s: “%s” does not name %s", breakages[i].path, error->message,
                 breakages[i].member);
      g_clear_error (&error);
    }

  /* The team member's fields are checked too (keyed by id). */
  {
    g_autoptr(JsonNode) bad = deep_copy (good);
    g_autoptr(JsonNode) value = parse_json ("\"yes\"");
    g_autofree char *path = g_strdup_printf ("team/%s/responsible", team_id);

    polku_sync_set_at (bad, path, value);
    g_assert_false (polku_sync_doc_validate (bad, &error));
    g_assert_nonnull (strstr (error->message, "team[0].responsible"));
    g_clear_error (&error);
  }

  /* Not an object at all. */
  {
    g_autoptr(JsonNode) array = parse_json ("[]");

    g_assert_false (polku_sync_doc_validate (array, &error));
    g_assert_error (error, POLKU_SYNC_DOC_ERROR, POLKU_SYNC_DOC_ERROR_INVALID);
  }
}

int
main (int    argc,
      char **argv)
{
  g_autofree char *dir = g_dir_make_tmp ("polku-test-sync-doc-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "organisations.json", NULL);
  int status;

  /* Before anything reads the county's list (it is loaded once). */
  if (!g_file_set_contents (path, organisations_file, -1, NULL))
    g_error ("cannot write %s", path);
  g_setenv ("POLKU_ORGANISATIONS", path, TRUE);

  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/sync-doc/names", test_names);
#define ADD(name, func) \
  g_test_add ("/sync-doc/" name, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("targets/none", test_targets_none);
  ADD ("targets/whole-group", test_targets_whole_group);
  ADD ("targets/partial-group", test_targets_partial_group);
  ADD ("targets/intersection", test_targets_intersection);
  ADD ("targets/third-sector", test_targets_third_sector);
  ADD ("targets/actions-need-goals", test_targets_actions_need_goals);
  ADD ("targets/withdrawn", test_targets_withdrawn);
  ADD ("targets/expired", test_targets_expired);
  ADD ("build/everything", test_build_everything);
  ADD ("build/goals-only", test_build_goals_only);
  ADD ("build/no-plan", test_build_no_plan);
  ADD ("plan/round-trip", test_project_round_trip);
  ADD ("plan/unproject-merge", test_unproject_merge);
  ADD ("validate", test_validate);
#undef ADD

  status = g_test_run ();
  remove_tree (dir);
  return status;
}
