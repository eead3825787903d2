/* test-plan-patch.c: JSON merge patch (RFC 7396) and the plan's schema: the RFC's own
 * examples, and bad patches rejected with one clear line while nothing changes
 *
 * Copyright 2026 The Polku authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "polku-plan.h"

#include "test-common.h"

#define CLIENT "0b8f0b62-c45d-46a4-a192-2825ef7190d7"
#define GOAL "11111111-1111-4111-8111-111111111111"
#define ACTION "22222222-2222-4222-8222-222222222222"

/* RFC 7396, Appendix A */
static void
test_rfc_examples (void)
{
  static const char * const cases[][3] = {
    { "{\"a\":\"b\"}", "{\"a\":\"c\"}", "{\"a\":\"c\"}" },
    { "{\"a\":\"b\"}", "{\"b\":\"c\"}", "{\"a\":\"b\",\"b\":\"c\"}" },
    { "{\"a\":\"b\"}", "{\"a\":null}", "{}" },
    { "{\"a\":\"b\",\"b\":\"c\"}", "{\"a\":null}", "{\"b\":\"c\"}" },
    { "{\"a\":[\"b\"]}", "{\"a\":\"c\"}", "{\"a\":\"c\"}" },
    { "{\"a\":\"c\"}", "{\"a\":[\"b\"]}", "{\"a\":[\"b\"]}" },
    { "{\"a\":{\"b\":\"c\"}}", "{\"a\":{\"b\":\"d\",\"c\":null}}", "{\"a\":{\"b\":\"d\"}}" },
    { "{\"a\":[{\"b\":\"c\"}]}", "{\"a\":[1]}", "{\"a\":[1]}" },
    { "[\"a\",\"b\"]", "[\"c\",\"d\"]", "[\"c\",\"d\"]" },
    { "{\"a\":\"b\"}", "[\"c\"]", "[\"c\"]" },
    { "{\"a\":\"foo\"}", "null", "null" },
    { "{\"a\":\"foo\"}", "\"bar\"", "\"bar\"" },
    { "{\"e\":null}", "{\"a\":1}", "{\"e\":null,\"a\":1}" },
    { "[1,2]", "{\"a\":\"b\",\"c\":null}", "{\"a\":\"b\"}" },
    { "{}", "{\"a\":{\"bb\":{\"ccc\":null}}}", "{\"a\":{\"bb\":{}}}" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(JsonNode) target = parse_json (cases[i][0]);
      g_autoptr(JsonNode) target_copy = parse_json (cases[i][0]);
      g_autoptr(JsonNode) patch = parse_json (cases[i][1]);
      g_autoptr(JsonNode) expected = parse_json (cases[i][2]);
      g_autoptr(JsonNode) result = polku_plan_merge_patch (target, patch);

      if (!json_node_equal (result, expected))
        {
          g_autofree char *got = json_to_string (result, FALSE);
          g_error ("case %u: got %s, expected %s", i, got, cases[i][2]);
        }
      /* The target is left as it was. */
      g_assert_true (json_node_equal (target, target_copy));
    }
}

/* A version as saved before schema 7: with the legacy "responsible_worker" and
 * "next_review", which old versions keep and validation still accepts. */
static JsonNode *
valid_plan (void)
{
  return parse_json ("{\"schema\": 1, \"id\": \"5d5a248e-9ac5-4109-b908-31f2d382f817\","
                " \"client_id\": \"" CLIENT "\", \"language\": \"fi\","
                " \"client_view\": \"Haluan pärjätä kotona.\", \"main_burden\": null,"
                " \"responsible_worker\": {\"name\": \"Minna Laine\"},"
                " \"goals\": [{\"id\": \"" GOAL "\", \"text\": \"Velat järjestykseen\","
                "   \"expressed_by\": \"client\", \"status\": \"active\","
                "   \"target_date\": \"2027-02-28\", \"client_progress\": 4,"
                "   \"actions\": [{\"id\": \"" ACTION "\", \"text\": \"Velkaneuvonta\","
                "     \"status\": \"planned\", \"due_date\": null}]}],"
                " \"services\": [], \"differing_views\": [], \"next_review\": \"2027-01-15\"}");
}

static void
test_valid (void)
{
  g_autoptr(JsonNode) plan = valid_plan ();
  g_autoptr(JsonNode) patch = parse_json ("{\"goals\": [{\"id\": \"" GOAL "\", \"text\": \"Velat\","
                                     " \"expressed_by\": \"client\", \"status\": \"achieved\","
                                     " \"client_assessment\": \"Hyvin meni\"}],"
                                     " \"next_review\": null, \"language\": \"sv\"}");
  g_autoptr(JsonNode) result = NULL;
  g_autoptr(GError) error = NULL;
  JsonObject *object;

  g_assert_true (polku_plan_document_validate (plan, &error));
  g_assert_no_error (error);

  result = polku_plan_document_apply_patch (plan, patch, &error);
  g_assert_no_error (error);
  object = json_node_get_object (result);
  g_assert_false (json_object_has_member (object, "next_review"));
  g_assert_cmpstr (json_object_get_string_member (object, "language"), ==, "sv");
  g_assert_cmpstr (json_object_get_string_member (
                     json_array_get_object_element (json_object_get_array_member (object,
                                                                                  "goals"), 0),
                     "status"), ==, "achieved");
  /* the legacy responsible worker's object was left as it was (a patch that leaves it alone
   * is not refused) */
  g_assert_cmpstr (json_object_get_string_member (
                     json_object_get_object_member (object, "responsible_worker"), "name"), ==,
                   "Minna Laine");
}

/* Each bad patch is refused, with a one-line message containing the given words, and
 * changes nothing. */
static void
test_bad_patches (void)
{
  static const char * const cases[][2] = {
    { "[1, 2]", "must be a JSON object" },
    { "\"text\"", "must be a JSON object" },
    { "null", "must be a JSON object" },
    { "{\"client_view\": 5}", "client_view must be a string" },
    { "{\"colour\": \"blue\"}", "Unknown member “colour”" },
    { "{\"goals\": {}}", "goals must be an array" },
    { "{\"goals\": [{\"text\": \"x\", \"expressed_by\": \"client\", \"status\": \"active\"}]}",
      "goals[0] has no “id”" },
    { "{\"goals\": [{\"id\": \"not-a-uuid\", \"text\": \"x\", \"expressed_by\": \"client\","
      " \"status\": \"active\"}]}", "goals[0].id must be a UUID" },
    { "{\"goals\": [{\"id\": \"" GOAL "\", \"text\": \"x\", \"expressed_by\": \"client\","
      " \"status\": \"done\"}]}", "goals[0].status must be one of" },
    { "{\"goals\": [{\"id\": \"" GOAL "\", \"text\": \"x\", \"expressed_by\": \"client\","
      " \"status\": \"active\", \"target_date\": \"2027-02-30\"}]}",
      "The target date of goal 1 is not a valid date" },
    { "{\"goals\": [{\"id\": \"" GOAL "\", \"text\": \"x\", \"expressed_by\": \"client\","
      " \"status\": \"active\", \"target_date\": \"1.2.2027\"}]}",
      "The target date of goal 1 is not a valid date" },
    { "{\"goals\": [{\"id\": \"" GOAL "\", \"text\": \"x\", \"expressed_by\": \"professional\","
      " \"status\": \"active\"}]}", "Goal 1 is a professional’s goal: name the professional." },
    { "{\"goals\": [{\"id\": \"" GOAL "\", \"text\": \"x\", \"expressed_by\": \"client\","
      " \"status\": \"active\", \"client_progress\": 11}]}", "from 0 to 10" },
    { "{\"goals\": [{\"id\": \"" GOAL "\", \"text\": \"x\", \"expressed_by\": \"client\","
      " \"status\": \"active\", \"client_progress\": \"7\"}]}", "from 0 to 10" },
    { "{\"goals\": [{\"id\": \"" GOAL "\", \"text\": \"  \", \"expressed_by\": \"client\","
      " \"status\": \"active\"}]}", "Goal 1 has no text yet: write it, or remove the goal." },
    { "{\"goals\": [{\"id\": \"" GOAL "\", \"text\": \"x\", \"expressed_by\": \"client\","
      " \"status\": \"active\", \"actions\": [{\"id\": \"" GOAL "\", \"text\": \"y\","
      " \"status\": \"planned\"}]}]}", "repeats an id" },
    { "{\"goals\": [{\"id\": \"" GOAL "\", \"text\": \"x\", \"expressed_by\": \"client\","
      " \"status\": \"active\", \"actions\": [{\"id\": \"" ACTION "\", \"text\": \"y\","
      " \"status\": \"started\"}]}]}", "goals[0].actions[0].status must be one of" },
    { "{\"goals\": [{\"id\": \"" GOAL "\", \"text\": \"x\", \"expressed_by\": \"client\","
      " \"status\": \"active\", \"actions\": [{\"id\": \"" ACTION "\", \"text\": \"y\","
      " \"status\": \"planned\", \"owner\": \"z\"}]}]}",
      "Unknown member “goals[0].actions[0].owner”" },
    /* The review date is the case's: the plan's legacy one cannot be set (null removes it). */
    { "{\"next_review\": \"2027-01-20\"}",
      "The plan has no review date of its own any more" },
    { "{\"next_review\": \"tomorrow\"}", "polku-cli case review CLIENT-ID DATE" },
    { "{\"next_review\": 20270101}", "Nothing was changed." },
    { "{\"agreed_on\": \"1.2.2027\"}",
      "The day the plan was agreed with the client is not a valid date" },
    { "{\"agreed_on\": \"2027-02-29\"}",
      "The day the plan was agreed with the client is not a valid date" },
    { "{\"language\": \"en\"}", "language must be \"fi\" or \"sv\"" },
    { "{\"language\": null}", "The plan has no “language”" },
    { "{\"id\": \"11111111-1111-4111-8111-999999999999\"}", "cannot change “id”" },
    { "{\"client_id\": \"11111111-1111-4111-8111-999999999999\"}",
      "cannot change “client_id”" },
    { "{\"schema\": 2}", "cannot change “schema”" },
    /* The responsible workers are the team's: no copy of them can be written. */
    { "{\"responsible_worker\": {\"name\": \"Sari\"}}",
      "The plan names the team’s responsible workers" },
    { "{\"responsible_worker\": {\"name\": 7}}", "change them in the team" },
    { "{\"responsible_worker\": \"Minna\"}", "Nothing was changed." },
    { "{\"services\": [{\"id\": \"" ACTION "\"}]}",
      "Service 1 has no name yet: write it, or remove the service." },
    { "{\"differing_views\": [{\"id\": \"" ACTION "\", \"topic\": \" \"}]}",
      "Differing view 1 does not say what it is about yet: write it, or remove it." },
    { "{\"goals\": [{\"id\": \"" GOAL "\", \"expressed_by\": \"client\", \"status\": \"active\"}]}",
      "Goal 1 has no text yet: write it, or remove the goal." },
    { "{\"goals\": [{\"id\": \"" GOAL "\", \"text\": \"x\", \"expressed_by\": \"client\","
      " \"status\": \"active\", \"actions\": [{\"id\": \"" ACTION "\", \"text\": \"\","
      " \"status\": \"planned\"}]}]}",
      "Action 1 of goal 1 has no text yet: write it, or remove the action." },
    { "{\"goals\": [{\"id\": \"" GOAL "\", \"text\": \"x\", \"expressed_by\": \"client\","
      " \"status\": \"active\", \"actions\": [{\"id\": \"" ACTION "\", \"text\": \"y\","
      " \"status\": \"planned\", \"due_date\": \"31.12.2027\"}]}]}",
      "The due date of action 1 of goal 1 is not a valid date: correct it or leave it empty." },
    { "{\"differing_views\": [{\"id\": \"" ACTION "\", \"topic\": \"x\", "
      "\"client_reason\": []}]}", "differing_views[0].client_reason must be a string" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(JsonNode) plan = valid_plan ();
      g_autoptr(JsonNode) before = valid_plan ();
      g_autoptr(JsonNode) patch = parse_json (cases[i][0]);
      g_autoptr(GError) error = NULL;
      g_autoptr(JsonNode) result = polku_plan_document_apply_patch (plan, patch, &error);

      if (result != NULL)
        g_error ("case %u (%s) was accepted", i, cases[i][0]);
      g_assert_error (error, POLKU_PLAN_ERROR, POLKU_PLAN_ERROR_INVALID);
      if (strstr (error->message, cases[i][1]) == NULL)
        g_error ("case %u: “%s” does not say “%s”", i, error->message, cases[i][1]);
      g_assert_null (strchr (error->message, '\n'));
      g_assert_true (json_node_equal (plan, before));
    }
}

/* Old versions with the legacy members still validate; what is wrong in them is still told
 * (they are read for restore and compare); a patch may remove them. */
static void
test_legacy_members (void)
{
  static const char * const broken[][2] = {
    { "{\"responsible_worker\": {\"name\": 7}}", "responsible_worker.name must be a string" },
    { "{\"responsible_worker\": \"Minna\"}", "responsible_worker must be a JSON object" },
    { "{\"next_review\": \"tomorrow\"}",
      "The next review is not a valid date: correct it or leave it empty." },
  };
  g_autoptr(JsonNode) plan = valid_plan ();
  g_autoptr(JsonNode) patch = parse_json ("{\"responsible_worker\": null,"
                                          " \"next_review\": null}");
  g_autoptr(JsonNode) result = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (polku_plan_document_validate (plan, &error));
  g_assert_no_error (error);
  result = polku_plan_document_apply_patch (plan, patch, &error);
  g_assert_no_error (error);
  g_assert_false (json_object_has_member (json_node_get_object (result), "responsible_worker"));
  g_assert_false (json_object_has_member (json_node_get_object (result), "next_review"));

  /* One list of them: what has_legacy () finds, drop_legacy () removes. */
  g_assert_true (polku_plan_document_has_legacy (plan));
  g_assert_false (polku_plan_document_has_legacy (result));
  polku_plan_document_drop_legacy (plan);
  g_assert_true (json_node_equal (plan, result));
  g_assert_false (polku_plan_document_has_legacy (plan));

  for (guint i = 0; i < G_N_ELEMENTS (broken); i++)
    {
      g_autoptr(JsonNode) old = valid_plan ();
      g_autoptr(JsonNode) member = parse_json (broken[i][0]);
      g_autoptr(GList) names = json_object_get_members (json_node_get_object (member));
      const char *name = names->data;
      g_autoptr(GError) local_error = NULL;

      json_object_set_member (json_node_get_object (old), name,
                              json_node_copy (json_object_get_member (
                                                json_node_get_object (member), name)));
      g_assert_false (polku_plan_document_validate (old, &local_error));
      g_assert_error (local_error, POLKU_PLAN_ERROR, POLKU_PLAN_ERROR_INVALID);
      if (strstr (local_error->message, broken[i][1]) == NULL)
        g_error ("legacy case %u: “%s” does not say “%s”", i, local_error->message,
                 broken[i][1]);
    }
}

static void
test_not_json (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = polku_plan_document_from_string ("{\"goals\": [", &error);

  g_assert_null (node);
  g_assert_error (error, POLKU_PLAN_ERROR, POLKU_PLAN_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "not valid JSON"));
}

static void
test_same_content (void)
{
  g_autoptr(JsonNode) a = valid_plan ();
  g_autoptr(JsonNode) b = valid_plan ();
  JsonObject *goal;

  goal = json_array_get_object_element (json_object_get_array_member (json_node_get_object (b),
                                                                      "goals"), 0);
  json_object_set_string_member (goal, "modified", "2026-01-01T00:00:00.000Z");
  json_object_set_null_member (goal, "client_assessment");
  g_assert_true (polku_plan_document_same_content (a, b));

  json_object_set_string_member (goal, "text", "Toinen");
  g_assert_false (polku_plan_document_same_content (a, b));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/plan-patch/rfc-examples", test_rfc_examples);
  g_test_add_func ("/plan-patch/valid", test_valid);
  g_test_add_func ("/plan-patch/bad-patches", test_bad_patches);
  g_test_add_func ("/plan-patch/legacy-members", test_legacy_members);
  g_test_add_func ("/plan-patch/not-json", test_not_json);
  g_test_add_func ("/plan-patch/same-content", test_same_content);

  return g_test_run ();
}
