/* test-sync-merge.c: the three-way merge of shared documents (polku-sync-merge.h)
 *
 * Copyright 2026 The Polku authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Pure functions: no store. Every case starts from one base document, changes copies of it
 * with polku_sync_set_at () as two offline writers would, and checks the merged content and
 * the conflicts, path by path.
 */

#include "config.h"

#include "polku-sync-doc.h"
#include "polku-sync-merge.h"

#include "../unit/test-common.h"

#define BASE_DOC \
  "{ \"_id\": \"plan-c1\", \"_rev\": \"3-aaa\", \"type\": \"polku.shared-plan\", \"format\": 1," \
  "  \"client\": { \"id\": \"c1\", \"given_name\": \"Aino\", \"family_name\": \"Virtanen\"," \
  "              \"birth_date\": null }," \
  "  \"consent\": { \"id\": \"k1\", \"organisations\": [\"a\", \"b\"]," \
  "               \"parts\": [\"goals\", \"actions\", \"team\"], \"given_on\": \"2026-01-01\"," \
  "               \"valid_until\": null, \"withdrawn_on\": null }," \
  "  \"plan\": { \"schema\": 1, \"id\": \"p1\", \"client_id\": \"c1\", \"language\": \"fi\"," \
  "            \"created\": \"2026-01-01T10:00:00.000Z\"," \
  "            \"modified\": \"2026-01-02T10:00:00.000Z\"," \
  "            \"client_view\": \"Väsyttää koko ajan\"," \
  "            \"goals\": [" \
  "              { \"id\": \"g1\", \"modified\": \"2026-01-02T10:00:00.000Z\"," \
  "                \"text\": \"Nukkua paremmin\", \"status\": \"active\"," \
  "                \"actions\": [" \
  "                  { \"id\": \"a1\", \"text\": \"Unikoulu\", \"status\": \"planned\" }," \
  "                  { \"id\": \"a2\", \"text\": \"Liikunta\", \"status\": \"planned\" } ] }," \
  "              { \"id\": \"g2\", \"text\": \"Töihin\", \"status\": \"proposed\"," \
  "                \"actions\": [] }," \
  "              { \"id\": \"g3\", \"text\": \"Ystäviä\", \"status\": \"proposed\" } ]," \
  "            \"services\": [ { \"id\": \"s1\", \"name\": \"Kotihoito\" } ] }," \
  "  \"team\": [ { \"id\": \"t1\", \"person\": \"Minna Rautio\", \"role\": \"sairaanhoitaja\"," \
  "              \"responsible\": true }," \
  "            { \"id\": \"t2\", \"person\": \"Pekka Laine\", \"role\": \"sosiaalityöntekijä\"," \
  "              \"responsible\": false } ]," \
  "  \"changed_by\": { \"name\": \"Sanna\", \"organisation\": \"a\", \"at\": \"x\"," \
  "                  \"replica\": \"r\" } }"

static JsonNode *
base_doc (void)
{
  return parse_json (BASE_DOC);
}

static JsonNode *
string_node (const char *text)
{
  JsonNode *node = json_node_new (JSON_NODE_VALUE);

  json_node_set_string (node, text);
  return node;
}

static void
set_string (JsonNode   *doc,
            const char *path,
            const char *text)
{
  g_autoptr(JsonNode) value = string_node (text);

  polku_sync_set_at (doc, path, value);
}

static char *
string_at (JsonNode   *doc,
           const char *path)
{
  g_autoptr(JsonNode) value = polku_sync_value_at (doc, path);

  if (value == NULL)
    return NULL;
  g_assert_true (JSON_NODE_HOLDS_VALUE (value));
  return g_strdup (json_node_get_string (value));
}

static void
assert_string_at (JsonNode   *doc,
                  const char *path,
                  const char *expected)
{
  g_autofree char *value = string_at (doc, path);

  g_assert_cmpstr (value, ==, expected);
}

/* The ids of a keyed array, space-separated. */
static char *
ids_at (JsonNode   *doc,
        const char *path)
{
  g_autoptr(JsonNode) value = polku_sync_value_at (doc, path);
  GString *ids = g_string_new (NULL);

  g_assert_nonnull (value);
  g_assert_true (JSON_NODE_HOLDS_ARRAY (value));
  for (guint i = 0; i < json_array_get_length (json_node_get_array (value)); i++)
    {
      JsonObject *element = json_array_get_object_element (json_node_get_array (value), i);

      if (ids->len > 0)
        g_string_append_c (ids, ' ');
      g_string_append (ids, json_object_get_string_member (element, "id"));
    }
  return g_string_free (ids, FALSE);
}

static void
assert_ids_at (JsonNode   *doc,
               const char *path,
               const char *expected)
{
  g_autofree char *ids = ids_at (doc, path);

  g_assert_cmpstr (ids, ==, expected);
}

static PolkuSyncMergeConflict *
conflict_at (GPtrArray  *conflicts,
             const char *path)
{
  for (guint i = 0; i < conflicts->len; i++)
    {
      PolkuSyncMergeConflict *conflict = conflicts->pdata[i];

      if (g_str_equal (conflict->path, path))
        return conflict;
    }
  return NULL;
}

static void
assert_no_conflicts (GPtrArray *conflicts)
{
  for (guint i = 0; i < conflicts->len; i++)
    g_test_message ("unexpected conflict at %s",
                    ((PolkuSyncMergeConflict *) conflicts->pdata[i])->path);
  g_assert_cmpuint (conflicts->len, ==, 0);
}

static void
assert_node_string (JsonNode   *node,
                    const char *expected)
{
  g_assert_nonnull (node);
  g_assert_true (JSON_NODE_HOLDS_VALUE (node));
  g_assert_cmpstr (json_node_get_string (node), ==, expected);
}

/* Nothing changed on either side: the base's content, no conflicts, no CouchDB members. */
static void
test_unchanged (void)
{
  g_autoptr(JsonNode) base = base_doc ();
  g_autoptr(JsonNode) local = base_doc ();
  g_autoptr(JsonNode) remote = base_doc ();
  g_autoptr(GPtrArray) conflicts = NULL;
  g_autoptr(JsonNode) merged = NULL;
  g_autoptr(JsonNode) content = polku_sync_doc_content (base);

  /* What the merge ignores: the server's revision and who changed it last. */
  set_string (remote, "_rev", "4-bbb");
  set_string (remote, "changed_by/name", "Pekka");
  merged = polku_sync_merge (base, local, remote, &conflicts);
  assert_no_conflicts (conflicts);
  g_assert_true (polku_sync_values_equal (merged, content, FALSE));
  g_assert_null (polku_sync_value_at (merged, "_id"));
  g_assert_null (polku_sync_value_at (merged, "_rev"));
  g_assert_null (polku_sync_value_at (merged, "changed_by"));
  /* The inputs are not changed, and the result shares nothing with them. */
  assert_string_at (remote, "_rev", "4-bbb");
  assert_string_at (local, "_id", "plan-c1");
  set_string (merged, "plan/goals/g1/text", "Muutettu");
  assert_string_at (base, "plan/goals/g1/text", "Nukkua paremmin");
  assert_string_at (local, "plan/goals/g1/text", "Nukkua paremmin");
  assert_string_at (remote, "plan/goals/g1/text", "Nukkua paremmin");
}

/* Different goals edited on the two sides: both edits are in the result. */
static void
test_different_goals (void)
{
  g_autoptr(JsonNode) base = base_doc ();
  g_autoptr(JsonNode) local = base_doc ();
  g_autoptr(JsonNode) remote = base_doc ();
  g_autoptr(GPtrArray) conflicts = NULL;
  g_autoptr(JsonNode) merged = NULL;

  set_string (local, "plan/goals/g1/text", "Nukkua seitsemän tuntia");
  set_string (local, "plan/goals/g1/modified", "2026-02-01T08:00:00.000Z");
  set_string (local, "plan/modified", "2026-02-01T08:00:00.000Z");
  set_string (remote, "plan/goals/g2/status", "active");
  set_string (remote, "plan/modified", "2026-02-03T09:00:00.000Z");
  set_string (remote, "client/family_name", "Virtanen-Laine");

  merged = polku_sync_merge (base, local, remote, &conflicts);
  /* Both sides moved the plan's modified stamp: a stamp is not a conflict. */
  assert_no_conflicts (conflicts);
  assert_string_at (merged, "plan/goals/g1/text", "Nukkua seitsemän tuntia");
  assert_string_at (merged, "plan/goals/g2/status", "active");
  assert_string_at (merged, "client/family_name", "Virtanen-Laine");
  assert_string_at (merged, "plan/goals/g1/modified", "2026-02-01T08:00:00.000Z");
  assert_string_at (merged, "plan/modified", "2026-02-03T09:00:00.000Z");
  /* Untouched: the base's. */
  assert_string_at (merged, "plan/goals/g3/text", "Ystäviä");
  assert_ids_at (merged, "plan/goals", "g1 g2 g3");
  assert_ids_at (merged, "plan/goals/g1/actions", "a1 a2");
}

/* The same field changed differently: a conflict, and the merged document keeps the remote's
 * value (what the server already shares is not overwritten). */
static void
test_same_field (void)
{
  g_autoptr(JsonNode) base = base_doc ();
  g_autoptr(JsonNode) local = base_doc ();
  g_autoptr(JsonNode) remote = base_doc ();
  g_autoptr(GPtrArray) conflicts = NULL;
  g_autoptr(JsonNode) merged = NULL;
  PolkuSyncMergeConflict *conflict;

  set_string (local, "plan/goals/g1/text", "Nukkua yöt");
  set_string (remote, "plan/goals/g1/text", "Nukkua päivisin");
  set_string (remote, "plan/client_view", "Jaksan paremmin");

  merged = polku_sync_merge (base, local, remote, &conflicts);
  g_assert_cmpuint (conflicts->len, ==, 1);
  conflict = conflict_at (conflicts, "plan/goals/g1/text");
  g_assert_nonnull (conflict);
  assert_node_string (conflict->base, "Nukkua paremmin");
  assert_node_string (conflict->local, "Nukkua yöt");
  assert_node_string (conflict->remote, "Nukkua päivisin");
  assert_string_at (merged, "plan/goals/g1/text", "Nukkua päivisin");
  assert_string_at (merged, "plan/client_view", "Jaksan paremmin");
}

/* The same change on both sides is no conflict. */
static void
test_same_change (void)
{
  g_autoptr(JsonNode) base = base_doc ();
  g_autoptr(JsonNode) local = base_doc ();
  g_autoptr(JsonNode) remote = base_doc ();
  g_autoptr(GPtrArray) conflicts = NULL;
  g_autoptr(JsonNode) merged = NULL;

  set_string (local, "plan/goals/g1/status", "achieved");
  set_string (remote, "plan/goals/g1/status", "achieved");
  polku_sync_set_at (local, "plan/goals/g3", NULL);
  polku_sync_set_at (remote, "plan/goals/g3", NULL);

  merged = polku_sync_merge (base, local, remote, &conflicts);
  assert_no_conflicts (conflicts);
  assert_string_at (merged, "plan/goals/g1/status", "achieved");
  assert_ids_at (merged, "plan/goals", "g1 g2");
}

/* Deleted on one side and unchanged on the other: deleted. */
static void
test_delete_unchanged (void)
{
  g_autoptr(JsonNode) base = base_doc ();
  g_autoptr(JsonNode) local = base_doc ();
  g_autoptr(JsonNode) remote = base_doc ();
  g_autoptr(GPtrArray) conflicts = NULL;
  g_autoptr(JsonNode) merged = NULL;

  polku_sync_set_at (local, "plan/goals/g2", NULL);
  polku_sync_set_at (remote, "team/t2", NULL);
  polku_sync_set_at (remote, "plan/goals/g1/actions/a1", NULL);

  merged = polku_sync_merge (base, local, remote, &conflicts);
  assert_no_conflicts (conflicts);
  assert_ids_at (merged, "plan/goals", "g1 g3");
  assert_ids_at (merged, "team", "t1");
  assert_ids_at (merged, "plan/goals/g1/actions", "a2");
}

/* Deleted locally, edited remotely: a conflict on the element; the remote's element stays. */
static void
test_delete_local_edit_remote (void)
{
  g_autoptr(JsonNode) base = base_doc ();
  g_autoptr(JsonNode) local = base_doc ();
  g_autoptr(JsonNode) remote = base_doc ();
  g_autoptr(GPtrArray) conflicts = NULL;
  g_autoptr(JsonNode) merged = NULL;
  PolkuSyncMergeConflict *conflict;

  polku_sync_set_at (local, "plan/goals/g2", NULL);
  set_string (remote, "plan/goals/g2/text", "Töihin osa-aikaisesti");

  merged = polku_sync_merge (base, local, remote, &conflicts);
  g_assert_cmpuint (conflicts->len, ==, 1);
  conflict = conflict_at (conflicts, "plan/goals/g2");
  g_assert_nonnull (conflict);
  g_assert_null (conflict->local);
  g_assert_nonnull (conflict->remote);
  g_assert_nonnull (conflict->base);
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (conflict->remote),
                                                  "text"), ==, "Töihin osa-aikaisesti");
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (conflict->base),
                                                  "text"), ==, "Töihin");
  assert_string_at (merged, "plan/goals/g2/text", "Töihin osa-aikaisesti");
  /* The remote's element where the local order has none: after the local ones. */
  assert_ids_at (merged, "plan/goals", "g1 g3 g2");
}

/* Edited locally (a nested action), deleted remotely: a conflict on the goal; the merged
 * document follows the server (the goal is gone), the conflict holds the local goal. */
static void
test_edit_local_delete_remote (void)
{
  g_autoptr(JsonNode) base = base_doc ();
  g_autoptr(JsonNode) local = base_doc ();
  g_autoptr(JsonNode) remote = base_doc ();
  g_autoptr(GPtrArray) conflicts = NULL;
  g_autoptr(JsonNode) merged = NULL;
  g_autoptr(JsonNode) local_goal = NULL;
  PolkuSyncMergeConflict *conflict;

  set_string (local, "plan/goals/g1/actions/a2/status", "done");
  polku_sync_set_at (remote, "plan/goals/g1", NULL);

  merged = polku_sync_merge (base, local, remote, &conflicts);
  g_assert_cmpuint (conflicts->len, ==, 1);
  conflict = conflict_at (conflicts, "plan/goals/g1");
  g_assert_nonnull (conflict);
  g_assert_null (conflict->remote);
  local_goal = polku_sync_value_at (local, "plan/goals/g1");
  g_assert_true (polku_sync_values_equal (conflict->local, local_goal, FALSE));
  assert_ids_at (merged, "plan/goals", "g2 g3");
}

/* Elements added on both sides (different ids): both, the local ones first. */
static void
test_add_both (void)
{
  g_autoptr(JsonNode) base = base_doc ();
  g_autoptr(JsonNode) local = base_doc ();
  g_autoptr(JsonNode) remote = base_doc ();
  g_autoptr(GPtrArray) conflicts = NULL;
  g_autoptr(JsonNode) merged = NULL;
  g_autoptr(JsonNode) goal_l = parse_json ("{ \"text\": \"Harrastus\", \"status\": \"proposed\" }");
  g_autoptr(JsonNode) goal_r = parse_json ("{ \"text\": \"Velat\", \"status\": \"active\" }");
  g_autoptr(JsonNode) action = parse_json ("{ \"text\": \"Ryhmä\", \"status\": \"planned\" }");
  g_autoptr(JsonNode) member = parse_json ("{ \"person\": \"Outi\", \"role\": \"diakoni\","
                                           "  \"responsible\": false }");

  polku_sync_set_at (local, "plan/goals/g4", goal_l);
  polku_sync_set_at (remote, "plan/goals/g5", goal_r);
  polku_sync_set_at (remote, "plan/goals/g1/actions/a3", action);
  polku_sync_set_at (local, "team/t3", member);

  merged = polku_sync_merge (base, local, remote, &conflicts);
  assert_no_conflicts (conflicts);
  assert_ids_at (merged, "plan/goals", "g1 g2 g3 g4 g5");
  assert_string_at (merged, "plan/goals/g4/text", "Harrastus");
  assert_string_at (merged, "plan/goals/g5/text", "Velat");
  assert_ids_at (merged, "plan/goals/g1/actions", "a1 a2 a3");
  assert_ids_at (merged, "team", "t1 t2 t3");
}

/* Actions are keyed inside their goal: edits to different actions of one goal combine,
 * the same action's field is a conflict on the action's path. */
static void
test_nested_actions (void)
{
  g_autoptr(JsonNode) base = base_doc ();
  g_autoptr(JsonNode) local = base_doc ();
  g_autoptr(JsonNode) remote = base_doc ();
  g_autoptr(GPtrArray) conflicts = NULL;
  g_autoptr(JsonNode) merged = NULL;
  PolkuSyncMergeConflict *conflict;

  set_string (local, "plan/goals/g1/actions/a1/status", "in_progress");
  set_string (remote, "plan/goals/g1/actions/a2/text", "Liikunta kolmesti viikossa");
  set_string (local, "plan/goals/g1/actions/a2/status", "done");
  set_string (remote, "plan/goals/g1/actions/a2/status", "cancelled");
  set_string (remote, "plan/goals/g1/text", "Nukkua hyvin");

  merged = polku_sync_merge (base, local, remote, &conflicts);
  g_assert_cmpuint (conflicts->len, ==, 1);
  conflict = conflict_at (conflicts, "plan/goals/g1/actions/a2/status");
  g_assert_nonnull (conflict);
  assert_node_string (conflict->local, "done");
  assert_node_string (conflict->remote, "cancelled");
  assert_node_string (conflict->base, "planned");
  assert_string_at (merged, "plan/goals/g1/actions/a1/status", "in_progress");
  assert_string_at (merged, "plan/goals/g1/actions/a2/text", "Liikunta kolmesti viikossa");
  assert_string_at (merged, "plan/goals/g1/actions/a2/status", "cancelled");
  assert_string_at (merged, "plan/goals/g1/text", "Nukkua hyvin");
}

/* Team members are keyed by id like plan elements. */
static void
test_team (void)
{
  g_autoptr(JsonNode) base = base_doc ();
  g_autoptr(JsonNode) local = base_doc ();
  g_autoptr(JsonNode) remote = base_doc ();
  g_autoptr(GPtrArray) conflicts = NULL;
  g_autoptr(JsonNode) merged = NULL;
  g_autoptr(JsonNode) yes = json_node_new (JSON_NODE_VALUE);
  PolkuSyncMergeConflict *conflict;

  json_node_set_boolean (yes, TRUE);
  set_string (local, "team/t1/role", "terveydenhoitaja");
  polku_sync_set_at (remote, "team/t2/responsible", yes);
  set_string (remote, "team/t1/role", "psykiatrinen sairaanhoitaja");

  merged = polku_sync_merge (base, local, remote, &conflicts);
  g_assert_cmpuint (conflicts->len, ==, 1);
  conflict = conflict_at (conflicts, "team/t1/role");
  g_assert_nonnull (conflict);
  assert_node_string (conflict->local, "terveydenhoitaja");
  assert_string_at (merged, "team/t1/role", "psykiatrinen sairaanhoitaja");
  {
    g_autoptr(JsonNode) responsible = polku_sync_value_at (merged, "team/t2/responsible");

    g_assert_true (json_node_get_boolean (responsible));
  }
}

/* Lists without ids are one value: the consent's organisations changed on both sides. */
static void
test_plain_lists (void)
{
  g_autoptr(JsonNode) base = base_doc ();
  g_autoptr(JsonNode) local = base_doc ();
  g_autoptr(JsonNode) remote = base_doc ();
  g_autoptr(GPtrArray) conflicts = NULL;
  g_autoptr(JsonNode) merged = NULL;
  g_autoptr(JsonNode) one = parse_json ("[\"a\"]");
  g_autoptr(JsonNode) three = parse_json ("[\"a\", \"b\", \"c\"]");
  g_autoptr(JsonNode) value = NULL;

  polku_sync_set_at (local, "consent/organisations", one);
  polku_sync_set_at (remote, "consent/organisations", three);
  merged = polku_sync_merge (base, local, remote, &conflicts);
  g_assert_cmpuint (conflicts->len, ==, 1);
  g_assert_nonnull (conflict_at (conflicts, "consent/organisations"));
  value = polku_sync_value_at (merged, "consent/organisations");
  g_assert_true (polku_sync_values_equal (value, three, FALSE));
}

/* Null equals absent: a member set to null on one side and removed on the other agree. */
static void
test_null_is_absent (void)
{
  g_autoptr(JsonNode) base = base_doc ();
  g_autoptr(JsonNode) local = base_doc ();
  g_autoptr(JsonNode) remote = base_doc ();
  g_autoptr(GPtrArray) conflicts = NULL;
  g_autoptr(JsonNode) merged = NULL;
  g_autoptr(JsonNode) null = json_node_new (JSON_NODE_NULL);

  polku_sync_set_at (local, "plan/client_view", null);
  polku_sync_set_at (remote, "plan/client_view", NULL);
  polku_sync_set_at (remote, "client/birth_date", NULL);
  merged = polku_sync_merge (base, local, remote, &conflicts);
  assert_no_conflicts (conflicts);
  g_assert_null (polku_sync_value_at (merged, "plan/client_view"));
}

/* No base (two documents meeting for the first time): every differing value is a conflict,
 * what only one side has is taken. */
static void
test_null_base (void)
{
  g_autoptr(JsonNode) local = base_doc ();
  g_autoptr(JsonNode) remote = base_doc ();
  g_autoptr(GPtrArray) conflicts = NULL;
  g_autoptr(JsonNode) merged = NULL;
  g_autoptr(JsonNode) goal = parse_json ("{ \"text\": \"Velat\", \"status\": \"active\" }");
  PolkuSyncMergeConflict *conflict;

  set_string (local, "plan/goals/g1/text", "Nukkua yöt");
  set_string (remote, "plan/goals/g1/text", "Nukkua päivisin");
  set_string (local, "plan/goals/g2/status", "active");
  polku_sync_set_at (remote, "plan/goals/g5", goal);
  polku_sync_set_at (local, "plan/client_view", NULL);
  set_string (local, "plan/modified", "2026-03-01T00:00:00.000Z");

  merged = polku_sync_merge (NULL, local, remote, &conflicts);
  g_assert_cmpuint (conflicts->len, ==, 2);
  conflict = conflict_at (conflicts, "plan/goals/g1/text");
  g_assert_nonnull (conflict);
  g_assert_null (conflict->base);
  assert_node_string (conflict->local, "Nukkua yöt");
  assert_node_string (conflict->remote, "Nukkua päivisin");
  /* Without a base nobody knows which side changed the status: a conflict too. */
  g_assert_nonnull (conflict_at (conflicts, "plan/goals/g2/status"));
  assert_string_at (merged, "plan/goals/g1/text", "Nukkua päivisin");
  assert_string_at (merged, "plan/goals/g5/text", "Velat");
  /* Only the remote has a client view: taken. */
  assert_string_at (merged, "plan/client_view", "Väsyttää koko ajan");
  assert_ids_at (merged, "plan/goals", "g1 g2 g3 g5");
}

/* Order: the local order, then what only the remote has; a reorder made only on the server
 * is kept, one made locally wins over the base. */
static void
test_order (void)
{
  g_autoptr(JsonNode) base = base_doc ();
  g_autoptr(GPtrArray) conflicts = NULL;
  g_autoptr(JsonNode) goals = polku_sync_value_at (base, "plan/goals");
  JsonArray *array = json_node_get_array (goals);
  g_autoptr(JsonNode) reversed = json_node_new (JSON_NODE_ARRAY);
  g_autoptr(JsonArray) reversed_array = json_array_new ();
  g_autoptr(JsonNode) goal = parse_json ("{ \"text\": \"Velat\", \"status\": \"active\" }");
  g_autoptr(JsonNode) goal_l = parse_json ("{ \"text\": \"Harrastus\", \"status\": \"active\" }");

  for (guint i = json_array_get_length (array); i > 0; i--)
    json_array_add_element (reversed_array, json_node_copy (json_array_get_element (array,
                                                                                    i - 1)));
  json_node_set_array (reversed, reversed_array);

  /* The server reordered, the local side added a goal: the server's order, the local goal
   * where the local side put it. */
  {
    g_autoptr(JsonNode) local = base_doc ();
    g_autoptr(JsonNode) remote = base_doc ();
    g_autoptr(JsonNode) merged = NULL;

    polku_sync_set_at (remote, "plan/goals", reversed);
    polku_sync_set_at (local, "plan/goals/g4", goal_l);
    merged = polku_sync_merge (base, local, remote, &conflicts);
    assert_no_conflicts (conflicts);
    g_clear_pointer (&conflicts, g_ptr_array_unref);
    assert_ids_at (merged, "plan/goals", "g3 g2 g1 g4");
  }

  /* The local side reordered, the server added a goal: the local order, then the server's
   * new goal. */
  {
    g_autoptr(JsonNode) local = base_doc ();
    g_autoptr(JsonNode) remote = base_doc ();
    g_autoptr(JsonNode) merged = NULL;

    polku_sync_set_at (local, "plan/goals", reversed);
    polku_sync_set_at (remote, "plan/goals/g5", goal);
    merged = polku_sync_merge (base, local, remote, &conflicts);
    assert_no_conflicts (conflicts);
    g_clear_pointer (&conflicts, g_ptr_array_unref);
    assert_ids_at (merged, "plan/goals", "g3 g2 g1 g5");
  }
}

/* Paths: reading, setting, removing, and what changed. */
static void
test_paths (void)
{
  g_autoptr(JsonNode) base = base_doc ();
  g_autoptr(JsonNode) doc = base_doc ();
  g_autoptr(GPtrArray) paths = NULL;
  g_autoptr(JsonNode) goal = parse_json ("{ \"text\": \"Velat\", \"status\": \"active\" }");
  g_autoptr(JsonNode) whole = polku_sync_value_at (doc, "");

  g_assert_true (polku_sync_values_equal (whole, doc, FALSE));
  assert_string_at (doc, "plan/goals/g1/actions/a2/text", "Liikunta");
  g_assert_null (polku_sync_value_at (doc, "plan/goals/nope/text"));
  g_assert_null (polku_sync_value_at (doc, "client/birth_date"));
  g_assert_null (polku_sync_value_at (doc, "plan/client_view/deeper"));

  set_string (doc, "plan/goals/g1/actions/a2/text", "Uinti");
  set_string (doc, "plan/main_burden", "Yksinäisyys");
  polku_sync_set_at (doc, "plan/goals/g3", NULL);
  polku_sync_set_at (doc, "plan/goals/g9", goal);
  set_string (doc, "plan/modified", "2026-05-05T05:05:05.000Z");
  set_string (doc, "_rev", "9-zzz");
  /* A path through a value that is not an object changes nothing. */
  set_string (doc, "plan/client_view/deeper", "x");
  assert_string_at (doc, "plan/client_view", "Väsyttää koko ajan");
  assert_string_at (doc, "plan/goals/g9/id", "g9");
  assert_ids_at (doc, "plan/goals", "g1 g2 g9");

  paths = polku_sync_changed_paths (base, doc);
  g_assert_cmpuint (paths->len, ==, 4);
  /* In the document's order (main_burden is new: last), then what only the base has. */
  g_assert_cmpstr (paths->pdata[0], ==, "plan/goals/g1/actions/a2/text");
  g_assert_cmpstr (paths->pdata[1], ==, "plan/goals/g9");
  g_assert_cmpstr (paths->pdata[2], ==, "plan/goals/g3");
  g_assert_cmpstr (paths->pdata[3], ==, "plan/main_burden");
  g_clear_pointer (&paths, g_ptr_array_unref);

  paths = polku_sync_changed_paths (NULL, base);
  g_assert_cmpuint (paths->len, ==, 6);  /* type, format, client, consent, plan, team */
  g_clear_pointer (&paths, g_ptr_array_unref);

  paths = polku_sync_changed_paths (base, base);
  g_assert_cmpuint (paths->len, ==, 0);
}

/* A copy shares nothing: not even the value of a string (json_node_copy () would). */
static void
test_copy (void)
{
  g_autoptr(JsonNode) doc = base_doc ();
  g_autoptr(JsonNode) copy = polku_sync_copy (doc);
  JsonObject *client = json_object_get_object_member (json_node_get_object (copy), "client");

  g_assert_true (polku_sync_values_equal (doc, copy, FALSE));
  json_node_set_string (json_object_get_member (client, "family_name"), "Laine");
  set_string (copy, "plan/goals/g1/text", "Muutettu");
  assert_string_at (doc, "client/family_name", "Virtanen");
  assert_string_at (doc, "plan/goals/g1/text", "Nukkua paremmin");
  assert_string_at (copy, "client/family_name", "Laine");
}

/* Content equality: members in any order, 1 equals 1.0, CouchDB's members ignored. */
static void
test_same_content (void)
{
  g_autoptr(JsonNode) a = parse_json ("{ \"_rev\": \"1-a\", \"format\": 1,"
                                      "  \"x\": { \"p\": 1, \"q\": [1, 2] } }");
  g_autoptr(JsonNode) b = parse_json ("{ \"_rev\": \"2-b\", \"format\": 1.0,"
                                      "  \"x\": { \"q\": [1, 2.0], \"p\": 1 },"
                                      "  \"_attachments\": {}, \"_conflicts\": [\"2-c\"],"
                                      "  \"changed_by\": { \"name\": \"A\" } }");
  g_autoptr(JsonNode) c = parse_json ("{ \"format\": 1, \"x\": { \"p\": 1, \"q\": [2, 1] } }");

  g_assert_true (polku_sync_doc_same_content (a, b));
  g_assert_false (polku_sync_doc_same_content (a, c));
  g_assert_false (polku_sync_doc_same_content (a, NULL));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/sync-merge/unchanged", test_unchanged);
  g_test_add_func ("/sync-merge/different-goals", test_different_goals);
  g_test_add_func ("/sync-merge/same-field", test_same_field);
  g_test_add_func ("/sync-merge/same-change", test_same_change);
  g_test_add_func ("/sync-merge/delete-unchanged", test_delete_unchanged);
  g_test_add_func ("/sync-merge/delete-local-edit-remote", test_delete_local_edit_remote);
  g_test_add_func ("/sync-merge/edit-local-delete-remote", test_edit_local_delete_remote);
  g_test_add_func ("/sync-merge/add-both", test_add_both);
  g_test_add_func ("/sync-merge/nested-actions", test_nested_actions);
  g_test_add_func ("/sync-merge/team", test_team);
  g_test_add_func ("/sync-merge/plain-lists", test_plain_lists);
  g_test_add_func ("/sync-merge/null-is-absent", test_null_is_absent);
  g_test_add_func ("/sync-merge/null-base", test_null_base);
  g_test_add_func ("/sync-merge/order", test_order);
  g_test_add_func ("/sync-merge/paths", test_paths);
  g_test_add_func ("/sync-merge/same-content", test_same_content);
  g_test_add_func ("/sync-merge/copy", test_copy);

  return g_test_run ();
}
