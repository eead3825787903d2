/* test-plan.c: the plan in the store: versions (author, time, immutable), restore as a new
 * version, element stamps, drafts, audit entries in the same transaction, templates, the
 * comparison of two versions, a member's value in words, and the demo plans
 *
 * Copyright 2026 The Polku authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <sqlcipher/sqlite3.h>
#include <string.h>

#include "polku-audit.h"
#include "polku-case-store.h"
#include "polku-client-store.h"
#include "polku-demo.h"
#include "polku-plan-store.h"
#include "polku-plan-text.h"
#include "polku-store-private.h"

#include "test-common.h"

typedef struct
{
  char       *dir;
  PolkuStore *store;
  char       *client_id;
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PolkuClient) client = polku_client_new ();
  g_autofree char *path = NULL;

  f->dir = g_dir_make_tmp ("polku-test-plan-XXXXXX", NULL);
  path = g_build_filename (f->dir, "polku.db", NULL);
  f->store = polku_store_open (path, POLKU_KEY_RAW, KEY, TRUE, &error);
  g_assert_no_error (error);
  polku_store_set_actor (f->store, "Minna Laine");

  polku_client_set_given_name (client, "Aino");
  polku_client_set_family_name (client, "Virtanen");
  polku_client_set_language (client, POLKU_LANGUAGE_SV);
  g_assert_true (polku_client_store_save (f->store, client, &error));
  f->client_id = g_strdup (polku_client_get_id (client));
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_clear_object (&f->store);
  remove_tree (f->dir);
  g_free (f->dir);
  g_free (f->client_id);
}

static JsonNode *
parse (const char *text)
{
  g_autoptr(GError) error = NULL;
  JsonNode *node = polku_plan_document_from_string (text, &error);

  g_assert_no_error (error);
  return node;
}

static JsonObject *
goal_at (JsonNode *document,
         guint     index)
{
  JsonArray *goals = json_object_get_array_member (json_node_get_object (document), "goals");

  return json_array_get_object_element (goals, index);
}

/* A plan with two goals (one with an action). Its responsible workers and review date are
 * the team's and the case's (test-plan-case.c). */
static JsonNode *
make_plan (Fixture *f)
{
  JsonNode *document = polku_plan_document_new (f->client_id, "fi");
  g_autofree char *patch_text = g_strdup_printf (
    "{\"client_view\": \"Haluan asua kotona.\", \"main_burden\": \"Velat\","
    " \"goals\": ["
    "  {\"id\": \"11111111-1111-4111-8111-111111111111\", \"text\": \"Velat järjestykseen\","
    "   \"expressed_by\": \"client\", \"status\": \"proposed\", \"actions\": ["
    "    {\"id\": \"22222222-2222-4222-8222-222222222222\", \"text\": \"Velkaneuvonta\","
    "     \"responsible\": \"Sosiaaliohjaaja\", \"status\": \"planned\"}]},"
    "  {\"id\": \"33333333-3333-4333-8333-333333333333\", \"text\": \"Verenpaine hoitoon\","
    "   \"expressed_by\": \"professional\", \"professional\": \"Terveydenhoitaja Salo\","
    "   \"status\": \"active\", \"target_date\": \"2027-06-30\"}]}");
  g_autoptr(JsonNode) patch = parse (patch_text);
  g_autoptr(GError) error = NULL;
  JsonNode *result = polku_plan_document_apply_patch (document, patch, &error);

  g_assert_no_error (error);
  g_assert_nonnull (result);
  json_node_unref (document);
  return result;
}

static guint
count_audit (Fixture    *f,
             const char *action)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) entries = polku_audit_list (f->store, f->client_id, &error);
  guint n = 0;

  g_assert_no_error (error);
  for (guint i = 0; i < entries->len; i++)
    if (g_strcmp0 (polku_audit_entry_get_action (g_ptr_array_index (entries, i)), action) == 0)
      n++;
  return n;
}

static void
test_no_plan (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) document = polku_plan_store_load (f->store, f->client_id, NULL, &error);
  g_autoptr(GPtrArray) versions = NULL;

  g_assert_null (document);
  g_assert_error (error, POLKU_PLAN_ERROR, POLKU_PLAN_ERROR_NO_PLAN);
  g_clear_error (&error);

  versions = polku_plan_store_list_versions (f->store, f->client_id, &error);
  g_assert_null (versions);
  g_assert_error (error, POLKU_PLAN_ERROR, POLKU_PLAN_ERROR_NO_PLAN);
}

static void
test_versions (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) document = make_plan (f);
  g_autoptr(JsonNode) loaded = NULL;
  g_autoptr(JsonNode) after = NULL;
  g_autoptr(GPtrArray) versions = NULL;
  gint64 version = 0;
  PolkuPlanVersion *v1;
  PolkuPlanVersion *v2;

  g_assert_true (polku_plan_store_save (f->store, f->client_id, document, 0,
                                        POLKU_PLAN_ORIGIN_EDIT, &version, &error));
  g_assert_no_error (error);
  g_assert_cmpint (version, ==, 1);
  g_assert_cmpuint (count_audit (f, POLKU_AUDIT_PLAN_CREATE), ==, 1);

  /* Saving the same content makes no new version and no audit entry. */
  g_assert_true (polku_plan_store_save (f->store, f->client_id, document, 1,
                                        POLKU_PLAN_ORIGIN_EDIT, &version, &error));
  g_assert_cmpint (version, ==, 1);
  g_assert_cmpuint (count_audit (f, POLKU_AUDIT_PLAN_UPDATE), ==, 0);

  /* An edit by another worker makes version 2 by them. */
  polku_store_set_actor (f->store, "Paula Niemi");
  json_object_set_string_member (goal_at (document, 0), "status", "active");
  g_assert_true (polku_plan_store_save (f->store, f->client_id, document, 1,
                                        POLKU_PLAN_ORIGIN_EDIT, &version, &error));
  g_assert_no_error (error);
  g_assert_cmpint (version, ==, 2);
  g_assert_cmpuint (count_audit (f, POLKU_AUDIT_PLAN_UPDATE), ==, 1);

  /* A save made from an old base is refused and changes nothing. */
  json_object_set_string_member (goal_at (document, 0), "status", "dropped");
  g_assert_false (polku_plan_store_save (f->store, f->client_id, document, 1,
                                         POLKU_PLAN_ORIGIN_EDIT, &version, &error));
  g_assert_error (error, POLKU_PLAN_ERROR, POLKU_PLAN_ERROR_CHANGED);
  g_clear_error (&error);

  versions = polku_plan_store_list_versions (f->store, f->client_id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (versions->len, ==, 2);
  v1 = g_ptr_array_index (versions, 0);
  v2 = g_ptr_array_index (versions, 1);
  g_assert_cmpint (polku_plan_version_get_version (v1), ==, 1);
  g_assert_cmpstr (polku_plan_version_get_author (v1), ==, "Minna Laine");
  g_assert_cmpstr (polku_plan_version_get_author (v2), ==, "Paula Niemi");
  g_assert_cmpstr (polku_plan_version_get_origin (v2), ==, "edit");
  g_assert_true (g_str_has_suffix (polku_plan_version_get_created (v1), "Z"));
  g_assert_cmpstr (json_object_get_string_member (goal_at (polku_plan_version_get_document (v1),
                                                           0), "status"), ==, "proposed");
  g_assert_cmpstr (json_object_get_string_member (goal_at (polku_plan_version_get_document (v2),
                                                           0), "status"), ==, "active");

  loaded = polku_plan_store_load (f->store, f->client_id, &version, &error);
  g_assert_no_error (error);
  g_assert_cmpint (version, ==, 2);
  g_assert_cmpstr (json_object_get_string_member (goal_at (loaded, 0), "status"), ==, "active");

  /* Versions are immutable, even for someone with the key. */
  {
    sqlite3 *db = polku_store_begin_use (f->store, &error);

    g_assert_no_error (error);
    g_assert_cmpint (sqlite3_exec (db, "UPDATE plan_version SET document = '{}';", NULL, NULL,
                                   NULL) & 0xff, ==, SQLITE_CONSTRAINT);
    g_assert_cmpint (sqlite3_exec (db, "DELETE FROM plan_version;", NULL, NULL, NULL) & 0xff,
                     ==, SQLITE_CONSTRAINT);
    polku_store_end_use (f->store);
  }
  after = polku_plan_store_load (f->store, f->client_id, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (polku_plan_document_same_content (after, loaded));
}

static void
test_stamps (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) document = make_plan (f);
  g_autoptr(JsonNode) v1 = NULL;
  g_autoptr(JsonNode) v2 = NULL;
  g_autofree char *goal0_modified = NULL;
  g_autofree char *goal1_modified = NULL;
  g_autofree char *goal1_created = NULL;

  g_assert_true (polku_plan_store_save (f->store, f->client_id, document, 0,
                                        POLKU_PLAN_ORIGIN_EDIT, NULL, &error));
  v1 = polku_plan_store_load (f->store, f->client_id, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (json_object_has_member (goal_at (v1, 0), "created"));
  goal0_modified = g_strdup (json_object_get_string_member (goal_at (v1, 0), "modified"));
  goal1_modified = g_strdup (json_object_get_string_member (goal_at (v1, 1), "modified"));
  goal1_created = g_strdup (json_object_get_string_member (goal_at (v1, 1), "created"));

  g_usleep (5000);
  /* Change the second goal only; stamps sent in are ignored. */
  json_object_set_string_member (goal_at (v1, 1), "status", "achieved");
  json_object_set_string_member (goal_at (v1, 1), "created", "1999-01-01T00:00:00.000Z");
  json_object_set_string_member (goal_at (v1, 0), "modified", "1999-01-01T00:00:00.000Z");
  g_assert_true (polku_plan_store_save (f->store, f->client_id, v1, 1, POLKU_PLAN_ORIGIN_EDIT,
                                        NULL, &error));
  v2 = polku_plan_store_load (f->store, f->client_id, NULL, &error);
  g_assert_no_error (error);

  g_assert_cmpstr (json_object_get_string_member (goal_at (v2, 0), "modified"), ==,
                   goal0_modified);
  g_assert_cmpstr (json_object_get_string_member (goal_at (v2, 1), "created"), ==,
                   goal1_created);
  g_assert_cmpstr (json_object_get_string_member (goal_at (v2, 1), "modified"), >,
                   goal1_modified);
  /* Ids stay. */
  g_assert_cmpstr (json_object_get_string_member (goal_at (v2, 1), "id"), ==,
                   "33333333-3333-4333-8333-333333333333");
}

static void
test_restore (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) document = make_plan (f);
  g_autoptr(JsonNode) current = NULL;
  g_autoptr(GPtrArray) versions = NULL;
  g_autoptr(PolkuPlanVersion) v3 = NULL;
  gint64 version = 0;

  g_assert_true (polku_plan_store_save (f->store, f->client_id, document, 0,
                                        POLKU_PLAN_ORIGIN_EDIT, NULL, &error));
  json_object_set_string_member (json_node_get_object (document), "main_burden", "Yksinäisyys");
  g_assert_true (polku_plan_store_save (f->store, f->client_id, document, 1,
                                        POLKU_PLAN_ORIGIN_EDIT, NULL, &error));
  g_assert_no_error (error);

  g_assert_true (polku_plan_store_restore (f->store, f->client_id, 1, &version, &error));
  g_assert_no_error (error);
  g_assert_cmpint (version, ==, 3);
  g_assert_cmpuint (count_audit (f, POLKU_AUDIT_PLAN_RESTORE), ==, 1);

  current = polku_plan_store_load (f->store, f->client_id, NULL, &error);
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (current),
                                                  "main_burden"), ==, "Velat");

  /* Nothing was lost: version 2 is still there. */
  versions = polku_plan_store_list_versions (f->store, f->client_id, &error);
  g_assert_cmpuint (versions->len, ==, 3);
  g_assert_cmpstr (json_object_get_string_member (
                     json_node_get_object (polku_plan_version_get_document (
                                             g_ptr_array_index (versions, 1))),
                     "main_burden"), ==, "Yksinäisyys");
  v3 = polku_plan_store_get_version (f->store, f->client_id, 3, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (polku_plan_version_get_origin (v3), ==, "restore");
  g_assert_cmpint (polku_plan_version_get_restored_from (v3), ==, 1);

  /* Restoring what is already current makes nothing new. */
  g_assert_true (polku_plan_store_restore (f->store, f->client_id, 3, &version, &error));
  g_assert_cmpint (version, ==, 3);

  /* A version that does not exist */
  g_assert_false (polku_plan_store_restore (f->store, f->client_id, 9, &version, &error));
  g_assert_error (error, POLKU_PLAN_ERROR, POLKU_PLAN_ERROR_NO_VERSION);
  g_clear_error (&error);
  g_assert_null (polku_plan_store_get_version (f->store, f->client_id, 9, &error));
  g_assert_error (error, POLKU_PLAN_ERROR, POLKU_PLAN_ERROR_NO_VERSION);
}

static void
test_update_patch (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) first = parse ("{\"main_burden\": \"Raha\"}");
  g_autoptr(JsonNode) bad = parse ("{\"goals\": [{\"text\": \"ilman id:tä\", "
                                   "\"expressed_by\": \"client\", \"status\": \"active\"}]}");
  g_autoptr(JsonNode) result = NULL;
  g_autoptr(JsonNode) again = NULL;
  g_autoptr(GPtrArray) versions = NULL;
  gint64 version = 0;

  /* The first patch makes the plan, in the client's language. */
  result = polku_plan_store_update (f->store, f->client_id, first, -1, &version, &error);
  g_assert_no_error (error);
  g_assert_cmpint (version, ==, 1);
  g_assert_cmpstr (polku_plan_document_get_language (result), ==, "sv");
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (result), "main_burden"),
                   ==, "Raha");

  again = polku_plan_store_update (f->store, f->client_id, bad, -1, &version, &error);
  g_assert_null (again);
  g_assert_error (error, POLKU_PLAN_ERROR, POLKU_PLAN_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "goals[0]"));
  g_assert_null (strchr (error->message, '\n'));

  versions = polku_plan_store_list_versions (f->store, f->client_id, NULL);
  g_assert_cmpuint (versions->len, ==, 1);
  g_assert_cmpuint (count_audit (f, POLKU_AUDIT_PLAN_UPDATE), ==, 0);
}

static void
test_drafts (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) document = make_plan (f);
  g_autoptr(JsonNode) draft = NULL;
  g_autoptr(JsonNode) none = NULL;
  gint64 base = -1;

  none = polku_plan_store_load_draft (f->store, f->client_id, &base, &error);
  g_assert_no_error (error);
  g_assert_null (none);

  /* Drafts need not be valid yet: a goal being typed has no text. */
  json_object_set_string_member (goal_at (document, 0), "text", "");
  g_assert_true (polku_plan_store_save_draft (f->store, f->client_id, document, 0, &error));
  g_assert_no_error (error);
  json_object_set_string_member (goal_at (document, 0), "text", "Velat järjest");
  g_assert_true (polku_plan_store_save_draft (f->store, f->client_id, document, 0, &error));
  g_assert_cmpuint (count_audit (f, POLKU_AUDIT_PLAN_DRAFT), ==, 1);

  draft = polku_plan_store_load_draft (f->store, f->client_id, &base, &error);
  g_assert_no_error (error);
  g_assert_cmpint (base, ==, 0);
  g_assert_cmpstr (json_object_get_string_member (goal_at (draft, 0), "text"), ==,
                   "Velat järjest");

  /* Saving from the editor clears the draft in the same transaction. */
  g_assert_true (polku_plan_store_save (f->store, f->client_id, draft, 0,
                                        POLKU_PLAN_ORIGIN_EDIT, NULL, &error));
  g_assert_no_error (error);
  g_clear_pointer (&draft, json_node_unref);
  draft = polku_plan_store_load_draft (f->store, f->client_id, &base, &error);
  g_assert_no_error (error);
  g_assert_null (draft);

  /* Discarding */
  g_assert_true (polku_plan_store_save_draft (f->store, f->client_id, document, 1, &error));
  g_assert_true (polku_plan_store_discard_draft (f->store, f->client_id, &error));
  g_assert_no_error (error);
  draft = polku_plan_store_load_draft (f->store, f->client_id, &base, &error);
  g_assert_null (draft);
  g_assert_cmpuint (count_audit (f, POLKU_AUDIT_PLAN_DRAFT_DISCARD), ==, 1);
}

/* A failing audit append rolls the whole change back. */
static void
test_audit_same_transaction (Fixture       *f,
                             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) document = make_plan (f);
  g_autoptr(JsonNode) loaded = NULL;
  sqlite3 *db;

  db = polku_store_begin_use (f->store, &error);
  g_assert_cmpint (sqlite3_exec (db, "CREATE TRIGGER break_audit BEFORE INSERT ON audit_entry"
                                 " BEGIN SELECT RAISE (ABORT, 'no'); END;", NULL, NULL, NULL),
                   ==, SQLITE_OK);
  polku_store_end_use (f->store);

  g_assert_false (polku_plan_store_save (f->store, f->client_id, document, 0,
                                         POLKU_PLAN_ORIGIN_EDIT, NULL, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);

  loaded = polku_plan_store_load (f->store, f->client_id, NULL, &error);
  g_assert_null (loaded);
  g_assert_error (error, POLKU_PLAN_ERROR, POLKU_PLAN_ERROR_NO_PLAN);
}

static void
test_templates (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GPtrArray) templates = polku_plan_list_templates ();
  g_autoptr(GError) error = NULL;

  g_assert_cmpuint (templates->len, >=, 3);
  for (guint i = 0; i < templates->len; i++)
    {
      PolkuPlanTemplateInfo *info = g_ptr_array_index (templates, i);

      for (guint l = 0; l < 2; l++)
        {
          const char *language = l == 0 ? "fi" : "sv";
          g_autoptr(JsonNode) document = NULL;

          document = polku_plan_document_new_from_template (info->id, f->client_id, language,
                                                            &error);
          g_assert_no_error (error);
          g_assert_true (polku_plan_document_validate (document, &error));
          g_assert_cmpstr (polku_plan_document_get_language (document), ==, language);
          g_assert_cmpuint (json_array_get_length (json_object_get_array_member (
                              json_node_get_object (document), "goals")), >, 0);
        }
      g_assert_cmpstr (info->title, !=, "");
    }

  g_assert_null (polku_plan_document_new_from_template ("nonexistent", f->client_id, "fi",
                                                        &error));
  g_assert_error (error, POLKU_PLAN_ERROR, POLKU_PLAN_ERROR_TEMPLATE);
}

static const PolkuPlanDiffRow *
find_row (GPtrArray  *rows,
          const char *key)
{
  for (guint i = 0; i < rows->len; i++)
    {
      PolkuPlanDiffRow *row = g_ptr_array_index (rows, i);

      if (g_str_equal (row->key, key))
        return row;
    }
  return NULL;
}

static void
test_compare (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(JsonNode) old_doc = make_plan (f);
  g_autoptr(JsonNode) new_doc = make_plan (f);
  g_autoptr(GPtrArray) rows = NULL;
  JsonArray *goals;
  const PolkuPlanDiffRow *row;

  /* new: goal 1's status changed, goal 2 removed, a goal added, burden changed */
  json_object_set_string_member (goal_at (new_doc, 0), "status", "achieved");
  goals = json_object_get_array_member (json_node_get_object (new_doc), "goals");
  json_array_remove_element (goals, 1);
  {
    g_autoptr(JsonObject) goal = json_object_new ();

    json_object_set_string_member (goal, "id", "44444444-4444-4444-8444-444444444444");
    json_object_set_string_member (goal, "text", "Liikun ulkona");
    json_object_set_string_member (goal, "expressed_by", "client");
    json_object_set_string_member (goal, "status", "proposed");
    json_array_add_object_element (goals, g_steal_pointer (&goal));
  }
  json_object_set_string_member (json_node_get_object (new_doc), "main_burden", "Yksinäisyys");

  rows = polku_plan_compare (old_doc, new_doc);

  row = find_row (rows, "main_burden");
  g_assert_nonnull (row);
  g_assert_cmpint (row->kind, ==, POLKU_PLAN_DIFF_CHANGED);
  g_assert_cmpstr (row->old_value, ==, "Velat");
  g_assert_cmpstr (row->new_value, ==, "Yksinäisyys");

  row = find_row (rows, "client_view");
  g_assert_cmpint (row->kind, ==, POLKU_PLAN_DIFF_SAME);

  row = find_row (rows, "goals/11111111-1111-4111-8111-111111111111/status");
  g_assert_cmpint (row->kind, ==, POLKU_PLAN_DIFF_CHANGED);
  row = find_row (rows, "goals/11111111-1111-4111-8111-111111111111/text");
  g_assert_cmpint (row->kind, ==, POLKU_PLAN_DIFF_SAME);
  row = find_row (rows, "goals/11111111-1111-4111-8111-111111111111/actions/"
                        "22222222-2222-4222-8222-222222222222/text");
  g_assert_cmpint (row->kind, ==, POLKU_PLAN_DIFF_SAME);
  g_assert_cmpuint (row->depth, ==, 2);

  row = find_row (rows, "goals/33333333-3333-4333-8333-333333333333/text");
  g_assert_cmpint (row->kind, ==, POLKU_PLAN_DIFF_REMOVED);
  g_assert_null (row->new_value);
  row = find_row (rows, "goals/44444444-4444-4444-8444-444444444444/text");
  g_assert_cmpint (row->kind, ==, POLKU_PLAN_DIFF_ADDED);
  g_assert_null (row->old_value);

  /* The new version's order, removed elements after */
  {
    int added = -1, removed = -1;

    for (guint i = 0; i < rows->len; i++)
      {
        PolkuPlanDiffRow *r = g_ptr_array_index (rows, i);

        if (g_str_equal (r->key, "goals/44444444-4444-4444-8444-444444444444/text"))
          added = i;
        if (g_str_equal (r->key, "goals/33333333-3333-4333-8333-333333333333/text"))
          removed = i;
      }
    g_assert_cmpint (added, <, removed);
  }

  /* Codes, dates and ratings in the plan view's words (polku_plan_dup_member_text ()). */
  row = find_row (rows, "goals/11111111-1111-4111-8111-111111111111/status");
  g_assert_cmpstr (row->old_value, ==, "Proposed");
  g_assert_cmpstr (row->new_value, ==, "Achieved");
  row = find_row (rows, "goals/11111111-1111-4111-8111-111111111111/expressed_by");
  g_assert_cmpstr (row->new_value, ==, "The client");
  row = find_row (rows, "goals/11111111-1111-4111-8111-111111111111/actions/"
                        "22222222-2222-4222-8222-222222222222/status");
  g_assert_cmpstr (row->new_value, ==, "Planned");
  g_assert_cmpstr (row->label, ==, "Goal 1, action 1: status");
  row = find_row (rows, "goals/33333333-3333-4333-8333-333333333333/expressed_by");
  g_assert_cmpstr (row->old_value, ==, "A professional: Terveydenhoitaja Salo");
  row = find_row (rows, "goals/33333333-3333-4333-8333-333333333333/target_date");
  g_assert_cmpstr (row->old_value, ==, "30.6.2027");
  row = find_row (rows, "language");
  g_assert_cmpstr (row->new_value, ==, "Finnish");

  g_clear_pointer (&rows, g_ptr_array_unref);
  rows = polku_plan_compare (old_doc, old_doc);
  for (guint i = 0; i < rows->len; i++)
    g_assert_cmpint (((PolkuPlanDiffRow *) g_ptr_array_index (rows, i))->kind, ==,
                     POLKU_PLAN_DIFF_SAME);
}

/* One wording of a member's value for the history's comparison, the conflicts window and its
 * Edit… form: the kind from the member's path, the words, the choices. */
static void
test_member_text (void)
{
  static const struct
  {
    const char          *path;
    const char          *json;    /* the value; NULL: absent */
    PolkuPlanMemberKind  kind;
    const char          *text;    /* NULL: none */
  } cases[] = {
    { "language", "\"sv\"", POLKU_PLAN_MEMBER_LANGUAGE, "Swedish" },
    { "language", "\"fi\"", POLKU_PLAN_MEMBER_LANGUAGE, "Finnish" },
    { "agreed_on", "\"2026-03-05\"", POLKU_PLAN_MEMBER_DATE, "5.3.2026" },
    { "next_review", "\"2027-12-31\"", POLKU_PLAN_MEMBER_DATE, "31.12.2027" },
    { "goals/g/status", "\"not_achieved\"", POLKU_PLAN_MEMBER_GOAL_STATUS, "Not achieved" },
    { "goals/g/expressed_by", "\"professional\"", POLKU_PLAN_MEMBER_EXPRESSED_BY,
      "A professional" },
    { "goals/g/expressed_by", "\"client\"", POLKU_PLAN_MEMBER_EXPRESSED_BY, "The client" },
    { "goals/g/target_date", "\"2027-05-31\"", POLKU_PLAN_MEMBER_DATE, "31.5.2027" },
    { "goals/g/client_progress", "7", POLKU_PLAN_MEMBER_PROGRESS, "7/10" },
    { "goals/g/client_progress", "0", POLKU_PLAN_MEMBER_PROGRESS, "0/10" },
    { "goals/g/actions/a/status", "\"in_progress\"", POLKU_PLAN_MEMBER_ACTION_STATUS,
      "In progress" },
    { "goals/g/actions/a/due_date", "\"2027-01-02\"", POLKU_PLAN_MEMBER_DATE, "2.1.2027" },
    /* A goal's code is no action's, nor the reverse: as it is. */
    { "goals/g/actions/a/status", "\"achieved\"", POLKU_PLAN_MEMBER_ACTION_STATUS,
      "achieved" },
    { "goals/g/status", "\"done\"", POLKU_PLAN_MEMBER_GOAL_STATUS, "done" },
    { "language", "\"en\"", POLKU_PLAN_MEMBER_LANGUAGE, "en" },
    { "goals/g/target_date", "\"someday\"", POLKU_PLAN_MEMBER_DATE, "someday" },
    /* Members of other kinds, and members of the same name elsewhere, as they are. */
    { "main_burden", "\"Velat\"", POLKU_PLAN_MEMBER_TEXT, "Velat" },
    { "goals/g/text", "\"Kotona\"", POLKU_PLAN_MEMBER_TEXT, "Kotona" },
    { "services/s/note", "\"active\"", POLKU_PLAN_MEMBER_TEXT, "active" },
    { "services/s/status", "\"achieved\"", POLKU_PLAN_MEMBER_TEXT, "achieved" },
    { "differing_views/v/professional", "\"client\"", POLKU_PLAN_MEMBER_TEXT, "client" },
    { "responsible_worker/name", "\"Anna\"", POLKU_PLAN_MEMBER_TEXT, "Anna" },
    { "status", "\"achieved\"", POLKU_PLAN_MEMBER_TEXT, "achieved" },
    { "goals/g/actions/a/client_progress", "3", POLKU_PLAN_MEMBER_TEXT, "3" },
    { "goals/g/actions/a/b/c/status", "\"done\"", POLKU_PLAN_MEMBER_TEXT, "done" },
    { "goals/g/notes/a/status", "\"done\"", POLKU_PLAN_MEMBER_TEXT, "done" },
    /* Nothing to say: absent, null, empty, an element, a list, a yes or no. */
    { "goals/g/status", NULL, POLKU_PLAN_MEMBER_GOAL_STATUS, NULL },
    { "goals/g/status", "null", POLKU_PLAN_MEMBER_GOAL_STATUS, NULL },
    { "goals/g/status", "\"\"", POLKU_PLAN_MEMBER_GOAL_STATUS, NULL },
    { "goals/g/target_date", "{\"a\": 1}", POLKU_PLAN_MEMBER_DATE, NULL },
    { "goals/g/status", "[\"achieved\"]", POLKU_PLAN_MEMBER_GOAL_STATUS, NULL },
    { "goals/g/client_progress", "true", POLKU_PLAN_MEMBER_PROGRESS, NULL },
  };
  static const struct
  {
    PolkuPlanMemberKind  kind;
    const char          *codes;    /* joined with "," */
    const char          *labels;
  } choices[] = {
    { POLKU_PLAN_MEMBER_LANGUAGE, "fi,sv", "Finnish,Swedish" },
    { POLKU_PLAN_MEMBER_EXPRESSED_BY, "client,professional", "The client,A professional" },
    { POLKU_PLAN_MEMBER_GOAL_STATUS, "proposed,active,achieved,not_achieved,dropped",
      "Proposed,Active,Achieved,Not achieved,Dropped" },
    { POLKU_PLAN_MEMBER_ACTION_STATUS, "planned,in_progress,done,cancelled",
      "Planned,In progress,Done,Cancelled" },
    { POLKU_PLAN_MEMBER_TEXT, NULL, NULL },
    { POLKU_PLAN_MEMBER_DATE, NULL, NULL },
    { POLKU_PLAN_MEMBER_PROGRESS, NULL, NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(JsonNode) value = cases[i].json != NULL ? json_from_string (cases[i].json, NULL)
                                                         : NULL;
      g_autofree char *text = polku_plan_dup_member_text (cases[i].path, value);

      g_test_message ("%s = %s", cases[i].path, cases[i].json);
      g_assert_true (cases[i].json == NULL || value != NULL);
      g_assert_cmpint (polku_plan_member_get_kind (cases[i].path), ==, cases[i].kind);
      g_assert_cmpstr (text, ==, cases[i].text);
    }

  for (guint i = 0; i < G_N_ELEMENTS (choices); i++)
    {
      g_auto(GStrv) labels = NULL;
      g_auto(GStrv) codes = polku_plan_member_dup_choices (choices[i].kind, &labels);
      g_autofree char *joined_codes = codes != NULL ? g_strjoinv (",", codes) : NULL;
      g_autofree char *joined_labels = labels != NULL ? g_strjoinv (",", labels) : NULL;
      g_auto(GStrv) codes_only = polku_plan_member_dup_choices (choices[i].kind, NULL);

      g_assert_cmpstr (joined_codes, ==, choices[i].codes);
      g_assert_cmpstr (joined_labels, ==, choices[i].labels);
      g_assert_cmpuint (codes_only != NULL ? g_strv_length (codes_only) : 0, ==,
                        codes != NULL ? g_strv_length (codes) : 0);
      /* Each choice's label is what the value reads as. */
      for (guint c = 0; codes != NULL && codes[c] != NULL; c++)
        {
          g_autoptr(JsonNode) value = json_node_new (JSON_NODE_VALUE);
          const char *path = choices[i].kind == POLKU_PLAN_MEMBER_LANGUAGE ? "language"
                             : choices[i].kind == POLKU_PLAN_MEMBER_EXPRESSED_BY
                             ? "goals/g/expressed_by"
                             : choices[i].kind == POLKU_PLAN_MEMBER_GOAL_STATUS
                             ? "goals/g/status" : "goals/g/actions/a/status";
          g_autofree char *text = NULL;

          json_node_set_string (value, codes[c]);
          text = polku_plan_dup_member_text (path, value);
          g_assert_cmpstr (text, ==, labels[c]);
        }
    }
  /* The statuses are the ones the core names. */
  g_assert_cmpstr (polku_plan_goal_status_to_code (POLKU_PLAN_GOAL_NOT_ACHIEVED), ==,
                   "not_achieved");
}

static void
test_texts (void)
{
  g_autofree char *date = polku_plan_text_format_date ("2027-03-05");
  g_autofree char *filled = polku_plan_text_fill ("sv", POLKU_PLAN_TEXT_PROFESSIONAL_VIEW,
                                                  "Bo");

  g_assert_cmpstr (date, ==, "5.3.2027");
  g_assert_cmpstr (filled, ==, "Yrkespersonens syn (Bo)");
  g_assert_cmpstr (polku_plan_text ("sv", POLKU_PLAN_TEXT_RESPONSIBLE_WORKER), ==,
                   "Din ansvariga arbetstagare");
  g_assert_cmpstr (polku_plan_text ("fi", POLKU_PLAN_TEXT_TITLE), ==,
                   "Yhteinen hoito- ja palvelusuunnitelma");
  for (guint i = 0; i < POLKU_PLAN_N_TEXTS; i++)
    {
      g_assert_cmpstr (polku_plan_text ("fi", i), !=, "");
      g_assert_cmpstr (polku_plan_text ("sv", i), !=, "");
    }
}

/* Clients past the mapping visit get a valid plan in their language with several
 * versions; the others get none. */
static void
test_demo (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) clients = NULL;
  guint with_plan = 0;
  guint without = 0;
  guint agreed_before_save = 0;
  guint with_review = 0;

  g_assert_true (polku_demo_populate (f->store, 30, 11, &error));
  g_assert_no_error (error);
  clients = polku_client_store_list (f->store, TRUE, &error);

  for (guint i = 0; i < clients->len; i++)
    {
      PolkuClient *client = g_ptr_array_index (clients, i);
      g_autoptr(GPtrArray) versions = NULL;
      g_autoptr(JsonNode) document = NULL;
      g_autoptr(GError) local_error = NULL;
      const char *expected;

      if (g_str_equal (polku_client_get_id (client), f->client_id))
        continue;
      versions = polku_plan_store_list_versions (f->store, polku_client_get_id (client),
                                                 &local_error);
      if (versions == NULL)
        {
          g_assert_error (local_error, POLKU_PLAN_ERROR, POLKU_PLAN_ERROR_NO_PLAN);
          without++;
          continue;
        }
      with_plan++;
      g_assert_cmpuint (versions->len, >=, 3);
      for (guint v = 1; v < versions->len; v++)
        g_assert_cmpstr (polku_plan_version_get_created (g_ptr_array_index (versions, v - 1)),
                         <=,
                         polku_plan_version_get_created (g_ptr_array_index (versions, v)));
      document = polku_plan_store_load (f->store, polku_client_get_id (client), NULL,
                                        &local_error);
      g_assert_no_error (local_error);
      g_assert_true (polku_plan_document_validate (document, &local_error));
      /* Agreed at the mapping visit, often before the first save; no copies of the team's
       * responsible worker or the case's review date */
      {
        JsonObject *plan = json_node_get_object (document);
        PolkuPlanVersion *first = g_ptr_array_index (versions, 0);
        g_autoptr(PolkuCase) kase = polku_case_store_get (f->store,
                                                          polku_client_get_id (client), NULL);

        g_assert_true (polku_plan_date_is_valid (json_object_get_string_member_with_default (
                                                   plan, "agreed_on", NULL)));
        if (strncmp (json_object_get_string_member (plan, "agreed_on"),
                     polku_plan_version_get_created (first), 10) != 0)
          agreed_before_save++;
        for (guint v = 0; v < versions->len; v++)
          {
            JsonObject *saved = json_node_get_object (polku_plan_version_get_document (
                                                        g_ptr_array_index (versions, v)));

            g_assert_false (json_object_has_member (saved, "responsible_worker"));
            g_assert_false (json_object_has_member (saved, "next_review"));
          }
        g_assert_nonnull (kase);
        if (polku_case_get_review_on (kase) != NULL)
          with_review++;
      }
      expected = polku_client_get_language (client) == POLKU_LANGUAGE_SV ? "sv" : "fi";
      g_assert_cmpstr (polku_plan_document_get_language (document), ==, expected);
    }

  g_assert_cmpuint (with_plan, >, 0);
  g_assert_cmpuint (without, >, 0);
  g_assert_cmpuint (agreed_before_save, >, 0);
  g_assert_cmpuint (with_review, ==, with_plan);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("/plan/no-plan", test_no_plan);
  ADD ("/plan/versions", test_versions);
  ADD ("/plan/stamps", test_stamps);
  ADD ("/plan/restore", test_restore);
  ADD ("/plan/update-patch", test_update_patch);
  ADD ("/plan/drafts", test_drafts);
  ADD ("/plan/audit-same-transaction", test_audit_same_transaction);
  ADD ("/plan/templates", test_templates);
  ADD ("/plan/compare", test_compare);
  ADD ("/plan/demo", test_demo);
#undef ADD
  g_test_add_func ("/plan/texts", test_texts);
  g_test_add_func ("/plan/member-text", test_member_text);

  return g_test_run ();
}
