/* test-sync-store.c: the local state of sync: the changes since the last push (schema 9's
 * triggers), revisions and bases, checkpoints, the conflict queue and its decisions, what a
 * pulled document writes, the settings (polku-sync-store.h, polku-sync.h)
 *
 * Copyright 2026 The Polku authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A real encrypted store; the rows a sync writes are written the way polku-sync.c writes
 * them, through polku_store_write () bodies.
 */

#include "config.h"

#include <string.h>

#include "polku-contact-store.h"
#include "polku-plan-store.h"
#include "polku-profile.h"
#include "polku-sync-doc.h"
#include "polku-sync-merge.h"
#include "polku-sync.h"
#include "polku-team-store.h"

#include "../unit/case-test-helpers.h"

#define GOAL_1 "11111111-1111-4111-8111-111111111111"
#define GOAL_2 "22222222-2222-4222-8222-222222222222"
#define MEMBER "77777777-7777-4777-8777-777777777777"
#define DB "polku-care"

/* While a test expects them (expect_sync_warnings ()), the sync store's warnings are kept
 * here, one a line, instead of failing the test (G_DEBUG=fatal-warnings); every other
 * message goes to GLib's writer as usual. */
static GString *sync_warnings;

static GLogWriterOutput
capture_log (GLogLevelFlags   level,
             const GLogField *fields,
             gsize            n_fields,
             gpointer         user_data)
{
  const char *domain = NULL;
  const char *message = NULL;

  for (gsize i = 0; i < n_fields; i++)
    if (fields[i].length < 0 && g_str_equal (fields[i].key, "GLIB_DOMAIN"))
      domain = fields[i].value;
    else if (fields[i].length < 0 && g_str_equal (fields[i].key, "MESSAGE"))
      message = fields[i].value;
  if (sync_warnings != NULL && (level & G_LOG_LEVEL_WARNING) != 0
      && g_strcmp0 (domain, "polku-sync") == 0 && message != NULL)
    {
      g_string_append_printf (sync_warnings, "%s\n", message);
      return G_LOG_WRITER_HANDLED;
    }
  return g_log_writer_default (level, fields, n_fields, user_data);
}

static void
expect_sync_warnings (void)
{
  g_assert_null (sync_warnings);
  sync_warnings = g_string_new (NULL);
}

/* The warnings since expect_sync_warnings (); they fail the test again from now on. */
static char *
take_sync_warnings (void)
{
  return g_string_free (g_steal_pointer (&sync_warnings), FALSE);
}

static JsonNode *
plan_with_goals (const char *client,
                 const char *goal_1,
                 const char *goal_2)
{
  g_autofree char *text = g_strdup_printf (
    "{ \"schema\": 1, \"id\": \"66666666-6666-4666-8666-666666666666\","
    "  \"client_id\": \"%s\", \"language\": \"fi\", \"client_view\": \"Haluan nukkua\","
    "  \"goals\": ["
    "    { \"id\": \"" GOAL_1 "\", \"text\": \"%s\", \"status\": \"active\","
    "      \"expressed_by\": \"client\" },"
    "    { \"id\": \"" GOAL_2 "\", \"text\": \"%s\", \"status\": \"proposed\","
    "      \"expressed_by\": \"client\" } ] }",
    client, goal_1, goal_2);

  return parse_json (text);
}

static void
save_plan (Fixture    *f,
           const char *goal_1,
           const char *goal_2)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) plan = plan_with_goals (client_id (f), goal_1, goal_2);

  polku_plan_store_save (f->store, client_id (f), plan, -1, POLKU_PLAN_ORIGIN_EDIT, NULL,
                         &error);
  g_assert_no_error (error);
}

static gboolean
is_dirty (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) dirty = polku_sync_store_list_dirty (f->store, &error);

  g_assert_no_error (error);
  return g_strv_contains ((const char * const *) dirty, client_id (f));
}

static gboolean
clear_body (PolkuStore  *store,
            sqlite3     *db,
            gpointer     data,
            GError     **error)
{
  return polku_sync_store_clear_dirty_locked (db, data, error);
}

static void
clear_dirty (Fixture *f)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (polku_store_write (f->store, clear_body, (gpointer) client_id (f), &error));
  g_assert_no_error (error);
  g_assert_false (is_dirty (f));
}

/* Schema 9's triggers: what changes the shared document marks the client. */
static void
test_dirty_triggers (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PolkuTeamMember) draft = NULL;
  g_autoptr(PolkuTeamMember) member = NULL;
  g_autoptr(PolkuConsent) consent = NULL;
  g_autoptr(PolkuConsent) withdrawn = NULL;
  g_autofree char *given_on = days_from_today (-5);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  const char * const organisations[] = { "county-health-services", NULL };
  const char * const parts[] = { "goals", NULL };

  /* A client without a plan starts clean; saving the plan marks it. */
  clear_dirty (f);
  save_plan (f, "Nukkua", "Töihin");
  g_assert_true (is_dirty (f));

  /* A team change. */
  clear_dirty (f);
  before = polku_sync_store_fingerprint (f->store, client_id (f), &error);
  g_assert_no_error (error);
  draft = g_object_new (POLKU_TYPE_TEAM_MEMBER, "client-id", client_id (f),
                        "person", "Minna Rautio", "role", "sairaanhoitaja",
                        "organisation", "Terveysasema", "sector", "health",
                        "joined-on", given_on, NULL);
  member = polku_team_store_add (f->store, draft, &error);
  g_assert_no_error (error);
  g_assert_true (is_dirty (f));
  after = polku_sync_store_fingerprint (f->store, client_id (f), &error);
  g_assert_cmpstr (before, !=, after);

  /* A consent given, then withdrawn. */
  clear_dirty (f);
  {
    g_autoptr(PolkuConsent) sharing = g_object_new (POLKU_TYPE_CONSENT,
                                                    "client-id", client_id (f),
                                                    "kind", "sharing",
                                                    "given-on", given_on,
                                                    "given-by", "client",
                                                    "method", "written",
                                                    "organisations", organisations,
                                                    "parts", parts, NULL);

    consent = polku_consent_store_add (f->store, sharing, &error);
    g_assert_no_error (error);
  }
  g_assert_true (is_dirty (f));
  clear_dirty (f);
  withdrawn = polku_consent_store_withdraw (f->store, polku_consent_get_id (consent), NULL,
                                            &error);
  g_assert_no_error (error);
  g_assert_true (is_dirty (f));

  /* A withdrawn consent makes a client with a document lapsed. */
  {
    g_auto(GStrv) lapsed = polku_sync_store_list_lapsed (f->store, f->today, &error);

    g_assert_no_error (error);
    /* No document yet: nothing to remove. */
    g_assert_false (g_strv_contains ((const char * const *) lapsed, client_id (f)));
  }

  /* A contact logged, changed or removed (they travel where the consent names contacts). */
  {
    g_autoptr(PolkuContact) contact = polku_contact_new ();

    clear_dirty (f);
    polku_contact_set_client_id (contact, client_id (f));
    polku_contact_set_date (contact, "2026-11-02");
    polku_contact_set_type_id (contact, "nurse");
    g_assert_true (polku_contact_store_add (f->store, contact, &error));
    g_assert_no_error (error);
    g_assert_true (is_dirty (f));
    clear_dirty (f);
    g_assert_true (polku_contact_store_remove (f->store, contact, &error));
    g_assert_no_error (error);
    g_assert_true (is_dirty (f));
  }

  /* A plan saved with the same content makes no version and leaves the client clean. */
  clear_dirty (f);
  save_plan (f, "Nukkua", "Töihin");
  g_assert_false (is_dirty (f));
}

typedef struct
{
  const char *client_id;
  JsonNode   *base;
  const char *rev;
  const char *since;
  char       *conflict_id;
  JsonNode   *local;
  JsonNode   *remote;
  const char *path;
} StateData;

static gboolean
state_body (PolkuStore  *store,
            sqlite3     *db,
            gpointer     data,
            GError     **error)
{
  StateData *state = data;

  if (!polku_sync_store_set_doc_locked (db, state->client_id, DB, state->rev, state->base, 0,
                                        FALSE, error))
    return FALSE;
  if (state->since != NULL
      && !polku_sync_store_set_checkpoint_locked (db, "http://server", DB, state->since, error))
    return FALSE;
  if (state->path != NULL
      && !polku_sync_store_add_conflict_locked (db, NULL, state->client_id, DB, state->path,
                                                NULL, state->local, state->remote,
                                                "Sanna Koivisto", NULL,
                                                "Minna Rautio (clinic)", NULL, NULL,
                                                &state->conflict_id, error))
    return FALSE;
  return TRUE;
}

static void
test_doc_state (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) base = parse_json ("{\"type\": \"polku.shared-plan\", \"format\": 1}");
  g_autoptr(PolkuSyncDocState) none = NULL;
  g_autoptr(PolkuSyncDocState) state = NULL;
  g_autoptr(GPtrArray) docs = NULL;
  g_autofree char *since = NULL;
  g_autofree char *doc_id = polku_sync_doc_id (client_id (f));
  g_auto(GStrv) databases = NULL;
  StateData write = { client_id (f), base, "1-abc", "42", NULL, NULL, NULL, NULL };

  none = polku_sync_store_get_doc (f->store, client_id (f), DB, &error);
  g_assert_no_error (error);
  g_assert_null (none);
  since = polku_sync_store_get_checkpoint (f->store, "http://server", DB, &error);
  g_assert_no_error (error);
  g_assert_null (since);

  g_assert_true (polku_store_write (f->store, state_body, &write, &error));
  g_assert_no_error (error);
  state = polku_sync_store_get_doc (f->store, client_id (f), DB, &error);
  g_assert_no_error (error);
  g_assert_nonnull (state);
  g_assert_cmpstr (state->rev, ==, "1-abc");
  g_assert_cmpstr (state->doc_id, ==, doc_id);
  g_assert_false (state->removed);
  g_assert_true (json_node_equal (state->base, base));
  since = polku_sync_store_get_checkpoint (f->store, "http://server", DB, &error);
  g_assert_cmpstr (since, ==, "42");

  /* Written again: one row, the new revision. */
  write.rev = "2-def";
  write.since = "\"43-g1AAAA\"";
  g_assert_true (polku_store_write (f->store, state_body, &write, &error));
  docs = polku_sync_store_list_docs (f->store, DB, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (docs->len, ==, 1);
  g_assert_cmpstr (((PolkuSyncDocState *) docs->pdata[0])->rev, ==, "2-def");
  g_free (since);
  since = polku_sync_store_get_checkpoint (f->store, "http://server", DB, &error);
  g_assert_cmpstr (since, ==, "\"43-g1AAAA\"");
  databases = polku_sync_store_list_databases (f->store, &error);
  g_assert_no_error (error);
  g_assert_cmpstrv (databases, ((const char * const []) { DB, NULL }));
}

/* A conflict on the second goal's text: the local store keeps "mine", the other side had
 * "theirs". */
static char *
add_goal_conflict (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) base = parse_json ("{\"type\": \"polku.shared-plan\", \"format\": 1}");
  g_autoptr(JsonNode) local = json_from_string ("\"Töihin, mine\"", NULL);
  g_autoptr(JsonNode) remote = json_from_string ("\"Töihin, theirs\"", NULL);
  StateData write = { client_id (f), base, "3-x", NULL, NULL, local, remote,
                      "plan/goals/" GOAL_2 "/text" };

  save_plan (f, "Nukkua", "Töihin, mine");
  g_assert_true (polku_store_write (f->store, state_body, &write, &error));
  g_assert_no_error (error);
  g_assert_true (g_uuid_string_is_valid (write.conflict_id));
  return write.conflict_id;
}

static char *
goal_text (Fixture *f,
           const char *goal)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) plan = polku_plan_store_load (f->store, client_id (f), NULL, &error);
  g_autofree char *path = g_strdup_printf ("goals/%s/text", goal);
  g_autoptr(JsonNode) text = NULL;

  g_assert_no_error (error);
  text = polku_sync_value_at (plan, path);
  return text != NULL ? g_strdup (json_node_get_string (text)) : NULL;
}

static PolkuPlanVersion *
newest_version (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) versions = polku_plan_store_list_versions (f->store, client_id (f),
                                                                  &error);
  PolkuPlanVersion *newest = NULL;

  g_assert_no_error (error);
  for (guint i = 0; i < versions->len; i++)
    if (newest == NULL || polku_plan_version_get_version (versions->pdata[i])
                          > polku_plan_version_get_version (newest))
      newest = versions->pdata[i];
  return g_object_ref (newest);
}

static gboolean
has_entry (Fixture    *f,
           const char *action)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) entries = polku_audit_list (f->store, client_id (f), &error);

  g_assert_no_error (error);
  for (guint i = 0; i < entries->len; i++)
    if (g_strcmp0 (polku_audit_entry_get_action (entries->pdata[i]), action) == 0)
      return TRUE;
  return FALSE;
}

static void
test_conflict_queue (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *id = add_goal_conflict (f);
  g_autoptr(GPtrArray) open = NULL;
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(PolkuSyncConflict) conflict = NULL;
  g_auto(GStrv) to_push = NULL;

  open = polku_sync_conflict_list (f->store, NULL, FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (open->len, ==, 1);
  g_assert_cmpuint (polku_sync_conflict_count_open (f->store, &error), ==, 1);
  conflict = g_object_ref (open->pdata[0]);
  g_assert_cmpstr (polku_sync_conflict_get_id (conflict), ==, id);
  g_assert_cmpstr (polku_sync_conflict_get_client_id (conflict), ==, client_id (f));
  g_assert_cmpstr (polku_sync_conflict_get_database (conflict), ==, DB);
  g_assert_cmpstr (polku_sync_conflict_get_local_value (conflict), ==, "\"Töihin, mine\"");
  g_assert_cmpstr (polku_sync_conflict_get_remote_value (conflict), ==, "\"Töihin, theirs\"");
  g_assert_cmpstr (polku_sync_conflict_get_remote_by (conflict), ==, "Minna Rautio (clinic)");
  g_assert_null (polku_sync_conflict_get_resolution (conflict));
  /* A person's words, no id in them. */
  g_assert_null (strstr (polku_sync_conflict_get_label (conflict), GOAL_2));
  g_assert_nonnull (strstr (polku_sync_conflict_get_label (conflict), "Goal"));

  /* Never sent: the server does not know it yet. */
  to_push = polku_sync_store_list_conflicts_to_push (f->store, DB, &error);
  g_assert_no_error (error);
  g_assert_true (g_strv_contains ((const char * const *) to_push, client_id (f)));

  /* Another client's list does not show it. */
  all = polku_sync_conflict_list (f->store, "00000000-0000-4000-8000-000000000000", TRUE,
                                  &error);
  g_assert_no_error (error);
  g_assert_cmpuint (all->len, ==, 0);
}

static void
test_resolve_remote (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *id = add_goal_conflict (f);
  g_autofree char *text = NULL;
  g_autoptr(PolkuPlanVersion) version = NULL;
  g_autoptr(PolkuSyncConflict) conflict = NULL;

  clear_dirty (f);
  g_assert_true (polku_sync_conflict_resolve (f->store, id, POLKU_SYNC_TAKE_REMOTE, NULL,
                                              "Sanna Koivisto", &error));
  g_assert_no_error (error);
  text = goal_text (f, GOAL_2);
  g_assert_cmpstr (text, ==, "Töihin, theirs");
  version = newest_version (f);
  g_assert_cmpstr (polku_plan_version_get_origin (version), ==, POLKU_PLAN_ORIGIN_RESOLVE);
  g_assert_cmpstr (polku_plan_version_get_author (version), ==, "Sanna Koivisto");
  g_assert_true (is_dirty (f));
  g_assert_true (has_entry (f, POLKU_AUDIT_SYNC_RESOLVE));
  g_assert_cmpuint (polku_sync_conflict_count_open (f->store, &error), ==, 0);
  conflict = polku_sync_conflict_get (f->store, id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (polku_sync_conflict_get_resolution (conflict), ==, "remote");
  g_assert_cmpstr (polku_sync_conflict_get_resolved_by (conflict), ==, "Sanna Koivisto");

  /* Decided once only. */
  g_assert_false (polku_sync_conflict_resolve (f->store, id, POLKU_SYNC_TAKE_LOCAL, NULL,
                                               NULL, &error));
  g_assert_error (error, POLKU_SYNC_ERROR, POLKU_SYNC_ERROR_RESOLVED);
}

static void
test_resolve_local_and_value (Fixture       *f,
                              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *id = add_goal_conflict (f);
  g_autofree char *text = NULL;
  g_autoptr(JsonNode) value = json_from_string ("\"Töihin, both\"", NULL);
  g_autoptr(PolkuSyncConflict) conflict = NULL;
  char *second;

  /* Local: the store already holds it; the client goes out again all the same. */
  clear_dirty (f);
  g_assert_true (polku_sync_conflict_resolve (f->store, id, POLKU_SYNC_TAKE_LOCAL, NULL, NULL,
                                              &error));
  g_assert_no_error (error);
  text = goal_text (f, GOAL_2);
  g_assert_cmpstr (text, ==, "Töihin, mine");
  g_assert_true (is_dirty (f));

  /* A value of one's own. */
  second = add_goal_conflict (f);
  g_assert_true (polku_sync_conflict_resolve (f->store, second, POLKU_SYNC_TAKE_VALUE, value,
                                              NULL, &error));
  g_assert_no_error (error);
  g_free (text);
  text = goal_text (f, GOAL_2);
  g_assert_cmpstr (text, ==, "Töihin, both");
  conflict = polku_sync_conflict_get (f->store, second, &error);
  g_assert_cmpstr (polku_sync_conflict_get_resolution (conflict), ==, "edited");
  g_free (second);

  /* No such conflict; not an id. Nothing changes. */
  g_assert_false (polku_sync_conflict_resolve (f->store, "00000000-0000-4000-8000-000000000000",
                                               POLKU_SYNC_TAKE_LOCAL, NULL, NULL, &error));
  g_assert_error (error, POLKU_SYNC_ERROR, POLKU_SYNC_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_false (polku_sync_conflict_resolve (f->store, "x", POLKU_SYNC_TAKE_LOCAL, NULL,
                                               NULL, &error));
  g_assert_error (error, POLKU_SYNC_ERROR, POLKU_SYNC_ERROR_INVALID);
}

/* Deleted on the other side, edited here: taking the other side removes the goal. */
static void
test_resolve_deleted (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) base = parse_json ("{\"type\": \"polku.shared-plan\", \"format\": 1}");
  g_autoptr(JsonNode) goal = parse_json ("{\"id\": \"" GOAL_2 "\", \"text\": \"Töihin\","
                                         " \"status\": \"proposed\","
                                         " \"expressed_by\": \"client\"}");
  g_autofree char *text = NULL;
  StateData write = { client_id (f), base, "3-x", NULL, NULL, goal, NULL,
                      "plan/goals/" GOAL_2 };

  save_plan (f, "Nukkua", "Töihin");
  g_assert_true (polku_store_write (f->store, state_body, &write, &error));
  g_assert_no_error (error);
  g_assert_true (polku_sync_conflict_resolve (f->store, write.conflict_id,
                                              POLKU_SYNC_TAKE_REMOTE, NULL, NULL, &error));
  g_assert_no_error (error);
  text = goal_text (f, GOAL_2);
  g_assert_null (text);
  g_free (text);
  text = goal_text (f, GOAL_1);
  g_assert_cmpstr (text, ==, "Nukkua");
  g_free (write.conflict_id);
}

typedef struct
{
  const char *client_id;
  JsonNode   *doc;
  const char *author;
} ApplyData;

static gboolean
apply_body (PolkuStore  *store,
            sqlite3     *db,
            gpointer     data,
            GError     **error)
{
  ApplyData *apply = data;
  const char * const parts[] = { "client_view", "goals", "actions", "team", NULL };

  return polku_sync_store_apply_locked (store, db, apply->client_id, apply->doc, parts,
                                        POLKU_PLAN_ORIGIN_SYNC, apply->author, TRUE, NULL, NULL,
                                        error);
}

/* A clinic takes in a client it has never seen: the client, the plan (a version by the
 * document's author, origin sync) and the team. */
static void
test_apply_new_client (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  const char *client = "88888888-8888-4888-8888-888888888888";
  g_autoptr(JsonNode) plan = plan_with_goals (client, "Nukkua", "Töihin");
  g_autofree char *team_text = g_strdup_printf (
    "[{\"id\": \"" MEMBER "\", \"person\": \"Minna Rautio\", \"role\": \"sairaanhoitaja\","
    " \"organisation\": \"Terveysasema\", \"sector\": \"health\", \"contact\": null,"
    " \"joined_on\": \"%s\", \"left_on\": null, \"responsible\": false}]", f->today);
  g_autoptr(JsonNode) doc = json_node_init_object (json_node_alloc (), json_object_new ());
  JsonObject *object = json_node_get_object (doc);
  JsonObject *client_object = json_object_new ();
  g_autoptr(PolkuClient) stored = NULL;
  g_autoptr(GPtrArray) versions = NULL;
  g_autoptr(GPtrArray) team = NULL;
  ApplyData apply = { client, doc, "Minna Rautio (county-health-services)" };

  json_object_set_string_member (client_object, "id", client);
  json_object_set_string_member (client_object, "given_name", "Eino");
  json_object_set_string_member (client_object, "family_name", "Lahtinen");
  json_object_set_null_member (client_object, "birth_date");
  json_object_set_object_member (object, "client", client_object);
  json_object_set_member (object, "plan", json_node_copy (plan));
  json_object_set_member (object, "team", parse_json (team_text));

  g_assert_true (polku_store_write (f->store, apply_body, &apply, &error));
  g_assert_no_error (error);
  stored = polku_client_store_get (f->store, client, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (polku_client_get_family_name (stored), ==, "Lahtinen");
  versions = polku_plan_store_list_versions (f->store, client, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (versions->len, ==, 1);
  g_assert_cmpstr (polku_plan_version_get_origin (versions->pdata[0]), ==,
                   POLKU_PLAN_ORIGIN_SYNC);
  g_assert_cmpstr (polku_plan_version_get_author (versions->pdata[0]), ==,
                   "Minna Rautio (county-health-services)");
  team = polku_team_store_list (f->store, client, TRUE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (team->len, ==, 1);

  /* The same again changes nothing: no second version. */
  g_assert_true (polku_store_write (f->store, apply_body, &apply, &error));
  g_clear_pointer (&versions, g_ptr_array_unref);
  versions = polku_plan_store_list_versions (f->store, client, &error);
  g_assert_cmpuint (versions->len, ==, 1);
}

typedef struct
{
  const char *client_id;
  JsonNode   *doc;           /* the pulled content: the base */
  gboolean    validated;     /* its plan as checked by polku_sync_doc_validate () */
  gint64      plan_version;  /* in: set_doc's; G_MAXINT64: what apply said; out: apply's */
} ReceivedData;

/* As polku-sync.c takes in a document a clinic meets for the first time. */
static gboolean
received_body (PolkuStore  *store,
               sqlite3     *db,
               gpointer     data,
               GError     **error)
{
  ReceivedData *received = data;
  const char * const parts[] = { "client_view", "goals", "actions", NULL };
  JsonNode *plan = json_object_get_member (json_node_get_object (received->doc), "plan");
  gint64 applied = -1;

  if (!polku_sync_store_apply_locked (store, db, received->client_id, received->doc, parts,
                                      POLKU_PLAN_ORIGIN_SYNC, "Minna Rautio (clinic)", TRUE,
                                      received->validated ? plan : NULL, &applied, error))
    return FALSE;
  if (received->plan_version == G_MAXINT64)
    received->plan_version = applied;
  g_assert_cmpint (applied, >=, 0);
  return polku_sync_store_set_doc_locked (db, received->client_id, DB, "1-abc", received->doc,
                                          received->plan_version, FALSE, error);
}

static gboolean
set_doc_body (PolkuStore  *store,
              sqlite3     *db,
              gpointer     data,
              GError     **error)
{
  ReceivedData *received = data;

  return polku_sync_store_set_doc_locked (db, received->client_id, DB, "2-abc", received->doc,
                                          received->plan_version, FALSE, error);
}

/* The stored base of @client, as text. */
static char *
stored_base (Fixture    *f,
             const char *client)
{
  sqlite3 *db = polku_store_begin_use (f->store, NULL);
  sqlite3_stmt *stmt = NULL;
  char *text = NULL;

  g_assert_nonnull (db);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT base FROM sync_doc WHERE client_id = ?1;",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_text (stmt, 1, client, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    text = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  polku_store_end_use (f->store);
  return text;
}

/* A pulled plan saved as a version exactly as received is not kept a second time in the
 * base: the base refers to the version, and reads back whole. */
static void
test_base_refers_to_version (Fixture       *f,
                             gconstpointer  data)
{
  static const char * const clients[] = {
    "88888888-8888-4888-8888-888888888801", "88888888-8888-4888-8888-888888888802",
    "88888888-8888-4888-8888-888888888803",
  };
  g_autoptr(GError) error = NULL;
  g_autofree char *stamp = polku_date_now_stamp ();

  for (guint i = 0; i < G_N_ELEMENTS (clients); i++)
    {
      g_autoptr(JsonNode) plan = plan_with_goals (clients[i], "Nukkua", "Töihin");
      g_autoptr(JsonNode) doc = json_node_init_object (json_node_alloc (), json_object_new ());
      g_autoptr(PolkuSyncDocState) state = NULL;
      g_autofree char *text = NULL;
      g_autofree char *plan_id = g_uuid_string_random ();
      JsonObject *object = json_node_get_object (doc);
      JsonObject *client_object = json_object_new ();
      ReceivedData received = { clients[i], doc, i != 2, G_MAXINT64 };

      json_object_set_string_member (json_node_get_object (plan), "id", plan_id);
      json_object_set_string_member (json_node_get_object (plan), "agreed_on", f->today);
      json_object_set_string_member (json_node_get_object (plan), "created", stamp);
      json_object_set_string_member (json_node_get_object (plan), "modified", stamp);
      if (i == 1)
        /* A legacy member: the version is saved without it, so it is not the plan. */
        json_object_set_string_member (json_node_get_object (plan), "next_review", f->today);
      json_object_set_string_member (client_object, "id", clients[i]);
      json_object_set_string_member (client_object, "given_name", "Eino");
      json_object_set_string_member (client_object, "family_name", "Lahtinen");
      json_object_set_object_member (object, "client", client_object);
      json_object_set_string_member (object, "type", "polku.shared-plan");
      json_object_set_member (object, "plan", json_node_ref (plan));

      g_assert_true (polku_store_write (f->store, received_body, &received, &error));
      g_assert_no_error (error);
      text = stored_base (f, clients[i]);
      state = polku_sync_store_get_doc (f->store, clients[i], DB, &error);
      g_assert_no_error (error);
      g_assert_true (json_node_equal (state->base, doc));
      g_assert_false (json_object_has_member (json_node_get_object (state->base),
                                              "_plan_version"));
      if (i == 0)
        {
          /* Validated, saved as it is: the base holds the version's number, not the plan. */
          g_assert_cmpint (received.plan_version, ==, 1);
          g_assert_nonnull (strstr (text, "\"_plan_version\":1"));
          g_assert_null (strstr (text, "Haluan nukkua"));
        }
      else
        {
          /* The version differs from the plan (i == 1), or the plan was not validated by
           * the pull (i == 2): the base keeps the plan itself. */
          g_assert_cmpint (received.plan_version, ==, 0);
          g_assert_null (strstr (text, "_plan_version"));
          g_assert_nonnull (strstr (text, "Haluan nukkua"));
        }
    }

  /* The same plan again makes no version: nothing to refer to. */
  {
    g_autoptr(PolkuSyncDocState) state = polku_sync_store_get_doc (f->store, clients[0], DB,
                                                                   &error);
    ReceivedData again = { clients[0], state->base, TRUE, G_MAXINT64 };
    g_autoptr(JsonNode) base = json_node_ref (state->base);

    g_assert_no_error (error);
    g_assert_true (polku_store_write (f->store, received_body, &again, &error));
    g_assert_no_error (error);
    g_assert_cmpint (again.plan_version, ==, 0);
    g_clear_pointer (&state, polku_sync_doc_state_free);
    state = polku_sync_store_get_doc (f->store, clients[0], DB, &error);
    g_assert_no_error (error);
    g_assert_true (json_node_equal (state->base, base));
  }

  /* A base naming a version the plan does not have comes back without its plan and
   * without its revision (/sync-store/base-version-missing). */
  {
    g_autoptr(JsonNode) doc = parse_json ("{\"type\": \"polku.shared-plan\", \"plan\": {}}");
    ReceivedData broken = { clients[2], doc, FALSE, 7 };
    g_autoptr(PolkuSyncDocState) state = NULL;
    g_autoptr(JsonNode) left = parse_json ("{\"type\": \"polku.shared-plan\"}");
    g_autofree char *warnings = NULL;

    g_assert_true (polku_store_write (f->store, set_doc_body, &broken, &error));
    g_assert_no_error (error);
    expect_sync_warnings ();
    state = polku_sync_store_get_doc (f->store, clients[2], DB, &error);
    warnings = take_sync_warnings ();
    g_assert_nonnull (strstr (warnings, "its plan, version 7, is missing"));
    g_assert_no_error (error);
    g_assert_nonnull (state);
    g_assert_null (state->rev);
    g_assert_true (json_node_equal (state->base, left));
  }
}

/* Runs @sql on the store's connection, as a damaged or hand-edited file would have it. */
static void
run_sql (Fixture    *f,
         const char *sql)
{
  sqlite3 *db = polku_store_begin_use (f->store, NULL);
  char *message = NULL;

  g_assert_nonnull (db);
  if (sqlite3_exec (db, sql, NULL, NULL, &message) != SQLITE_OK)
    g_error ("%s: %s", sql, message);
  polku_store_end_use (f->store);
}

/* The shared document of the fixture's client as both sides hold it: the plan in the store
 * with goal 2's text @goal_2 (and goal 3 when @third), the client as the base has it. */
static JsonNode *
shared_doc (Fixture    *f,
            const char *goal_2,
            gboolean    third)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) plan = polku_plan_store_load (f->store, client_id (f), NULL, &error);
  g_autofree char *path = g_strdup_printf ("goals/%s/text", GOAL_2);
  g_autofree char *text = g_strdup_printf (
    "{\"type\": \"polku.shared-plan\", \"format\": 1,"
    " \"client\": {\"id\": \"%s\", \"given_name\": \"Aino\", \"family_name\": \"Virtanen\"}}",
    client_id (f));
  JsonNode *doc = parse_json (text);
  g_autoptr(JsonNode) value = json_node_init_string (json_node_alloc (), goal_2);

  g_assert_no_error (error);
  polku_sync_set_at (plan, path, value);
  if (third)
    json_array_add_element (json_object_get_array_member (json_node_get_object (plan), "goals"),
                            parse_json ("{\"id\": \"33333333-3333-4333-8333-333333333333\","
                                        " \"text\": \"Ystävä\", \"status\": \"proposed\","
                                        " \"expressed_by\": \"client\"}"));
  json_object_set_member (json_node_get_object (doc), "plan", g_steal_pointer (&plan));
  return doc;
}

/* A base whose plan version is missing or cannot be read (a damaged file; a version lost
 * to a restore) does not stop the client's sync: the state comes back without the plan and
 * without the revision (so a push meets the server's document with a 409 and merges it
 * first), the plan merges as at a first meeting, where what differs on both sides is a
 * conflict for a person and nothing is overwritten, and the next document written is a
 * base again. The warning names the client's id and nothing of its data. */
static void
test_base_version_missing (Fixture       *f,
                           gconstpointer  data)
{
  static const char * const damages[] = {
    /* The version it names is not there. */
    "UPDATE sync_doc"
    " SET base = replace (base, '\"_plan_version\":1', '\"_plan_version\":99');",
    /* Not a version number at all. */
    "UPDATE sync_doc"
    " SET base = replace (base, '\"_plan_version\":1', '\"_plan_version\":\"x\"');",
    /* The version is there, its text is not a plan (versions are immutable: the trigger
     * that keeps them so goes first). */
    "DROP TRIGGER plan_version_no_update;"
    " UPDATE plan_version SET document = '{\"goals\": [' WHERE version = 1;",
    /* The base itself does not parse. */
    "UPDATE sync_doc SET base = '{\"type\": \"polku.shared-plan\", \"plan\"';",
  };
  static const char * const expected[] = {
    "its plan, version 99, is missing", "its plan, version 0, is missing",
    "its plan, version 1, cannot be read", "it cannot be read",
  };

  for (guint i = 0; i < G_N_ELEMENTS (damages); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(JsonNode) agreed = NULL;
      g_autoptr(JsonNode) local = NULL;
      g_autoptr(JsonNode) remote = NULL;
      g_autoptr(JsonNode) merged = NULL;
      g_autoptr(JsonNode) kept = NULL;
      g_autoptr(GPtrArray) found = NULL;
      g_autoptr(PolkuSyncDocState) state = NULL;
      g_autoptr(PolkuSyncDocState) again = NULL;
      g_autofree char *warning = NULL;
      g_autofree char *warnings = NULL;
      g_autofree char *text = NULL;
      g_autofree char *path = g_strdup_printf ("plan/goals/%s/text", GOAL_2);
      PolkuSyncMergeConflict *conflict;
      ReceivedData received;
      StateData write;

      if (i > 0)
        {
          /* A fresh client for each damage. */
          fixture_teardown (f, NULL);
          fixture_setup (f, NULL);
        }

      /* Both sides agreed on goal 2 "Töihin"; the base refers to the version saved as it
       * was received (version 1). Then each side changed goal 2, the other side also added
       * goal 3. */
      save_plan (f, "Nukkua", "Töihin");
      agreed = shared_doc (f, "Töihin", FALSE);
      received = (ReceivedData) { client_id (f), agreed, FALSE, 1 };
      g_assert_true (polku_store_write (f->store, set_doc_body, &received, &error));
      g_assert_no_error (error);
      text = stored_base (f, client_id (f));
      g_assert_nonnull (strstr (text, "\"_plan_version\":1"));
      save_plan (f, "Nukkua", "Töihin, mine");
      remote = shared_doc (f, "Töihin, theirs", TRUE);
      local = shared_doc (f, "Töihin, mine", FALSE);

      run_sql (f, damages[i]);
      expect_sync_warnings ();
      state = polku_sync_store_get_doc (f->store, client_id (f), DB, &error);
      warnings = take_sync_warnings ();
      /* One warning; the client's id, the database, what failed, nothing of the data. */
      warning = g_strdup_printf ("The sync base of client %s in " DB ": %s. Merged without it"
                                 " (what differs on both sides is a conflict) until the next"
                                 " document written replaces it\n", client_id (f), expected[i]);
      g_assert_cmpstr (warnings, ==, warning);
      g_assert_no_error (error);
      g_assert_nonnull (state);
      g_assert_false (state->removed);
      /* No revision: a push cannot go over the server's document unmerged. */
      g_assert_null (state->rev);
      if (state->base != NULL)
        {
          JsonObject *object = json_node_get_object (state->base);

          g_assert_false (json_object_has_member (object, "_plan_version"));
          g_assert_false (json_object_has_member (object, "plan"));
          /* What the row itself holds still counts. */
          g_assert_true (json_node_equal (json_object_get_member (object, "client"),
                                          json_object_get_member (json_node_get_object (agreed),
                                                                  "client")));
        }

      /* The merge the engine makes of it: goal 2 changed on both sides is a conflict that
       * holds both texts; goal 3 comes in; goal 1, the same on both sides, is no conflict. */
      merged = polku_sync_merge (state->base, local, remote, &found);
      g_assert_cmpuint (found->len, ==, 1);
      conflict = found->pdata[0];
      g_assert_cmpstr (conflict->path, ==, path);
      g_assert_cmpstr (json_node_get_string (conflict->local), ==, "Töihin, mine");
      g_assert_cmpstr (json_node_get_string (conflict->remote), ==, "Töihin, theirs");
      kept = polku_sync_value_at (merged, "plan/goals/33333333-3333-4333-8333-333333333333/text");
      g_assert_nonnull (kept);
      g_assert_cmpstr (json_node_get_string (kept), ==, "Ystävä");
      g_clear_pointer (&kept, json_node_unref);
      kept = polku_sync_value_at (merged, "plan/goals/" GOAL_1 "/text");
      g_assert_cmpstr (json_node_get_string (kept), ==, "Nukkua");

      /* Written as the engine writes a merged document: the server's content is the new
       * base, the conflict queued, the local store keeping its own text. */
      write = (StateData) { client_id (f), remote, "4-def", NULL, NULL, conflict->local,
                            conflict->remote, path };
      g_assert_true (polku_store_write (f->store, state_body, &write, &error));
      g_assert_no_error (error);
      g_free (write.conflict_id);
      g_free (text);
      text = goal_text (f, GOAL_2);
      g_assert_cmpstr (text, ==, "Töihin, mine");
      g_assert_cmpuint (polku_sync_conflict_count_open (f->store, &error), ==, 1);

      /* The client's sync state is whole again: no warning, the new revision. */
      again = polku_sync_store_get_doc (f->store, client_id (f), DB, &error);
      g_assert_no_error (error);
      g_assert_cmpstr (again->rev, ==, "4-def");
      g_assert_true (json_node_equal (again->base, remote));
    }
}

static PolkuTeamMember *
add_member (Fixture    *f,
            const char *person,
            gboolean    responsible)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PolkuTeamMember) draft = g_object_new (POLKU_TYPE_TEAM_MEMBER,
                                                   "client-id", client_id (f),
                                                   "person", person,
                                                   "role", "sosiaalityöntekijä",
                                                   "organisation", "Hyvinvointialue",
                                                   "sector", "social",
                                                   "responsible", responsible,
                                                   NULL);
  PolkuTeamMember *member = polku_team_store_add (f->store, draft, &error);

  g_assert_no_error (error);
  return member;
}

/* A member as the shared document has it, with the same values as add_member (). */
static void
add_member_json (GString    *team,
                 const char *id,
                 const char *person,
                 const char *joined_on,
                 const char *left_on,
                 gboolean    responsible)
{
  g_autofree char *left = left_on != NULL ? g_strdup_printf ("\"%s\"", left_on)
                                          : g_strdup ("null");

  g_string_append_printf (team, "%s{\"id\": \"%s\", \"person\": \"%s\","
                          " \"role\": \"sosiaalityöntekijä\", \"organisation\": \"Hyvinvointialue\","
                          " \"sector\": \"social\", \"contact\": null, \"joined_on\": \"%s\","
                          " \"left_on\": %s, \"responsible\": %s}",
                          team->len > 1 ? ", " : "", id, person, joined_on, left,
                          responsible ? "true" : "false");
}

static PolkuTeamMember *
find_member (Fixture    *f,
             const char *id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) team = polku_team_store_list (f->store, client_id (f), TRUE, &error);

  g_assert_no_error (error);
  for (guint i = 0; i < team->len; i++)
    if (g_str_equal (polku_team_member_get_id (team->pdata[i]), id))
      return g_object_ref (team->pdata[i]);
  return NULL;
}

/* How many entries of @action with "origin=sync" in their detail the client has. */
static guint
count_sync_entries (Fixture    *f,
                    const char *action)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) entries = polku_audit_list (f->store, client_id (f), &error);
  guint n = 0;

  g_assert_no_error (error);
  for (guint i = 0; i < entries->len; i++)
    if (g_strcmp0 (polku_audit_entry_get_action (entries->pdata[i]), action) == 0
        && strstr (polku_audit_entry_get_detail (entries->pdata[i]), "origin=sync") != NULL)
      n++;
  return n;
}

static void
apply_team (Fixture    *f,
            GString    *team,
            const char *author)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) doc = json_node_init_object (json_node_alloc (), json_object_new ());
  ApplyData apply = { client_id (f), doc, author };

  g_string_append (team, "]");
  json_object_set_member (json_node_get_object (doc), "team", parse_json (team->str));
  g_assert_true (polku_store_write (f->store, apply_body, &apply, &error));
  g_assert_no_error (error);
}

/* The pulled team merges like every element: a member the document no longer lists leaves
 * the team (the row stays, as history), the "responsible" flag names and ends responsible
 * periods by the team's rules, a member who left on the other side leaves here, each with
 * its audit entry; the same document again changes nothing. */
static void
test_apply_team (Fixture       *f,
                 gconstpointer  data)
{
  const char *new_id = "99999999-9999-4999-8999-999999999999";
  const char *author = "Minna Rautio (clinic-a)";
  g_autoptr(PolkuTeamMember) a = add_member (f, "Anna Aalto", TRUE);
  g_autoptr(PolkuTeamMember) b = add_member (f, "Bertta Berg", FALSE);
  g_autoptr(PolkuTeamMember) d = add_member (f, "Daniel Dahl", FALSE);
  g_autoptr(PolkuTeamMember) a2 = NULL;
  g_autoptr(PolkuTeamMember) b2 = NULL;
  g_autoptr(PolkuTeamMember) c2 = NULL;
  g_autoptr(PolkuTeamMember) d2 = NULL;
  g_autoptr(GPtrArray) periods = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) team = g_string_new ("[");
  guint n_entries;

  add_member_json (team, polku_team_member_get_id (a), "Anna Aalto", f->today, NULL, FALSE);
  add_member_json (team, polku_team_member_get_id (b), "Bertta Berg", f->today, NULL, TRUE);
  add_member_json (team, new_id, "Cecilia Carlsson", f->today, NULL, TRUE);
  apply_team (f, team, author);

  a2 = find_member (f, polku_team_member_get_id (a));
  b2 = find_member (f, polku_team_member_get_id (b));
  c2 = find_member (f, new_id);
  d2 = find_member (f, polku_team_member_get_id (d));
  g_assert_nonnull (c2);
  g_assert_false (polku_team_member_get_responsible (a2));
  g_assert_true (polku_team_member_get_responsible (b2));
  g_assert_true (polku_team_member_get_responsible (c2));
  g_assert_null (polku_team_member_get_left_on (a2));
  /* Not listed any more: left today, the row kept. */
  g_assert_nonnull (d2);
  g_assert_cmpstr (polku_team_member_get_left_on (d2), ==, f->today);
  g_assert_cmpuint (count_sync_entries (f, "team.leave"), ==, 1);
  g_assert_cmpuint (count_sync_entries (f, "team.add"), ==, 1);
  g_assert_cmpuint (count_sync_entries (f, "team.responsible"), ==, 2);
  g_assert_cmpuint (count_sync_entries (f, "team.responsible_end"), ==, 1);

  /* The periods are data: who named the worker is the document's author. */
  periods = polku_team_store_list_responsible (f->store, client_id (f), &error);
  g_assert_no_error (error);
  for (guint i = 0; i < periods->len; i++)
    {
      PolkuTeamResponsible *period = periods->pdata[i];

      if (g_str_equal (polku_team_responsible_get_member_id (period),
                       polku_team_member_get_id (a)))
        g_assert_cmpstr (polku_team_responsible_get_ended_on (period), ==, f->today);
      else
        {
          g_assert_null (polku_team_responsible_get_ended_on (period));
          g_assert_cmpstr (polku_team_responsible_get_set_by (period), ==, author);
        }
    }

  /* The same document again: nothing changes, nothing is recorded. */
  g_string_assign (team, "[");
  add_member_json (team, polku_team_member_get_id (a), "Anna Aalto", f->today, NULL, FALSE);
  add_member_json (team, polku_team_member_get_id (b), "Bertta Berg", f->today, NULL, TRUE);
  add_member_json (team, new_id, "Cecilia Carlsson", f->today, NULL, TRUE);
  add_member_json (team, polku_team_member_get_id (d), "Daniel Dahl", f->today, f->today, FALSE);
  {
    g_autoptr(GPtrArray) before = polku_audit_list (f->store, client_id (f), &error);
    g_autoptr(GPtrArray) after = NULL;

    n_entries = before->len;
    apply_team (f, team, author);
    after = polku_audit_list (f->store, client_id (f), &error);
    g_assert_cmpuint (after->len, ==, n_entries);
  }

  /* B left on the other side: B leaves here and is no longer a responsible worker. */
  g_string_assign (team, "[");
  add_member_json (team, polku_team_member_get_id (a), "Anna Aalto", f->today, NULL, FALSE);
  add_member_json (team, polku_team_member_get_id (b), "Bertta Berg", f->today, f->today, TRUE);
  add_member_json (team, new_id, "Cecilia Carlsson", f->today, NULL, TRUE);
  add_member_json (team, polku_team_member_get_id (d), "Daniel Dahl", f->today, f->today, FALSE);
  apply_team (f, team, author);
  g_clear_object (&b2);
  b2 = find_member (f, polku_team_member_get_id (b));
  g_assert_cmpstr (polku_team_member_get_left_on (b2), ==, f->today);
  g_assert_false (polku_team_member_get_responsible (b2));
  g_assert_cmpuint (count_sync_entries (f, "team.leave"), ==, 2);
}

/* A team member that arrives by a pull marks the client in sync_dirty as a member added here
 * does (since schema 13 the stores mark it, no trigger: apply_team_member_locked ()), also
 * one who arrives as history (left before this Polku met them); the same team again marks
 * nothing. */
static void
test_apply_team_dirty (Fixture       *f,
                       gconstpointer  data)
{
  const char *pulled_id = "99999999-9999-4999-8999-999999999999";
  const char *left_id = "99999999-9999-4999-8999-999999999998";
  const char *author = "Minna Rautio (clinic-a)";
  g_autoptr(PolkuTeamMember) local = NULL;
  g_autoptr(PolkuTeamMember) pulled = NULL;
  g_autoptr(PolkuTeamMember) left = NULL;
  g_autoptr(GString) team = g_string_new ("[");

  /* Added here. */
  clear_dirty (f);
  local = add_member (f, "Anna Aalto", FALSE);
  g_assert_true (is_dirty (f));

  /* Added by a pull: not responsible, so no responsible period marks it instead. */
  clear_dirty (f);
  add_member_json (team, polku_team_member_get_id (local), "Anna Aalto", f->today, NULL, FALSE);
  add_member_json (team, pulled_id, "Cecilia Carlsson", f->today, NULL, FALSE);
  apply_team (f, team, author);
  pulled = find_member (f, pulled_id);
  g_assert_nonnull (pulled);
  g_assert_true (is_dirty (f));

  /* Arriving as history. */
  clear_dirty (f);
  g_string_assign (team, "[");
  add_member_json (team, polku_team_member_get_id (local), "Anna Aalto", f->today, NULL, FALSE);
  add_member_json (team, pulled_id, "Cecilia Carlsson", f->today, NULL, FALSE);
  add_member_json (team, left_id, "Daniel Dahl", f->today, f->today, FALSE);
  apply_team (f, team, author);
  left = find_member (f, left_id);
  g_assert_nonnull (left);
  g_assert_cmpstr (polku_team_member_get_left_on (left), ==, f->today);
  g_assert_true (is_dirty (f));

  /* Nothing new: nothing to send. */
  clear_dirty (f);
  g_string_assign (team, "[");
  add_member_json (team, polku_team_member_get_id (local), "Anna Aalto", f->today, NULL, FALSE);
  add_member_json (team, pulled_id, "Cecilia Carlsson", f->today, NULL, FALSE);
  add_member_json (team, left_id, "Daniel Dahl", f->today, f->today, FALSE);
  apply_team (f, team, author);
  g_assert_false (is_dirty (f));
}

/* A clinic sends back what it received with its own edits: the client's names and the team
 * as it holds them; the identity code and the consent stay as received. */
static void
test_build_received (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PolkuTeamMember) member = add_member (f, "Anna Aalto", TRUE);
  g_autofree char *base_text = g_strdup_printf (
    "{\"type\": \"polku.shared-plan\", \"format\": 1,"
    " \"client\": {\"id\": \"%s\", \"given_name\": \"Aino\", \"family_name\": \"Virtanen\","
    "            \"birth_date\": null, \"identity_code\": \"131052-308T\"},"
    " \"consent\": {\"id\": \"66666666-6666-4666-8666-666666666666\","
    "             \"organisations\": [\"clinic-a\"], \"parts\": [\"goals\", \"team\"],"
    "             \"given_on\": \"%s\", \"valid_until\": null, \"withdrawn_on\": null},"
    " \"team\": []}", client_id (f), f->today);
  g_autoptr(JsonNode) base = parse_json (base_text);
  const char * const parts[] = { "goals", "team", NULL };
  const char * const no_team[] = { "goals", NULL };
  g_autoptr(JsonNode) doc = NULL;
  g_autoptr(JsonNode) without = NULL;
  JsonObject *client;
  JsonArray *team;

  polku_client_set_family_name (f->client, "Virtanen-Koski");
  g_assert_true (polku_client_store_save (f->store, f->client, &error));
  g_assert_no_error (error);

  doc = polku_sync_doc_build_received (f->store, client_id (f), base, parts, &error);
  g_assert_no_error (error);
  client = json_object_get_object_member (json_node_get_object (doc), "client");
  g_assert_cmpstr (json_object_get_string_member (client, "family_name"), ==, "Virtanen-Koski");
  g_assert_cmpstr (json_object_get_string_member (client, "identity_code"), ==, "131052-308T");
  team = json_object_get_array_member (json_node_get_object (doc), "team");
  g_assert_cmpuint (json_array_get_length (team), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (team, 0), "id"),
                   ==, polku_team_member_get_id (member));
  g_assert_true (json_object_get_boolean_member (json_array_get_object_element (team, 0),
                                                 "responsible"));
  g_assert_true (polku_sync_doc_validate (doc, &error));
  g_assert_no_error (error);

  /* A consent without the team: the team stays as received. */
  without = polku_sync_doc_build_received (f->store, client_id (f), base, no_team, &error);
  g_assert_no_error (error);
  team = json_object_get_array_member (json_node_get_object (without), "team");
  g_assert_cmpuint (json_array_get_length (team), ==, 0);
}

/* When the last sync that ran to its end was, for one server: the audit log's sync.run
 * entries, a stopped run and other servers' left out. */
static void
test_last_run (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  g_autofree char *last = NULL;
  const char *done = NULL;

  last = polku_sync_store_get_last_run (f->store, "https://sync.example", &error);
  g_assert_no_error (error);
  g_assert_null (last);

  g_assert_true (polku_audit_record (f->store, POLKU_AUDIT_SYNC_RUN, NULL,
                                     "server=https://sync.example databases=polku-care"
                                     " pulled=1 pushed=0 removed=0 conflicts=0 errors=0",
                                     &error));
  g_assert_true (polku_audit_record (f->store, POLKU_AUDIT_SYNC_RUN, NULL,
                                     "server=https://sync.example databases=polku-care"
                                     " pulled=0 pushed=0 removed=0 conflicts=0 errors=0"
                                     " stopped=1", &error));
  g_assert_true (polku_audit_record (f->store, POLKU_AUDIT_SYNC_RUN, NULL,
                                     "server=https://sync.example.org databases=polku-care"
                                     " pulled=0 pushed=0 removed=0 conflicts=0 errors=0",
                                     &error));
  g_assert_no_error (error);

  entries = polku_audit_list (f->store, NULL, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < entries->len; i++)
    {
      const char *detail = polku_audit_entry_get_detail (entries->pdata[i]);

      if (detail != NULL && g_str_has_prefix (detail, "server=https://sync.example databases=")
          && !g_str_has_suffix (detail, "stopped=1"))
        done = polku_audit_entry_get_time (entries->pdata[i]);
    }
  g_assert_nonnull (done);

  last = polku_sync_store_get_last_run (f->store, "https://sync.example", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (last, ==, done);
  g_free (last);
  last = polku_sync_store_get_last_run (f->store, "https://other.example", &error);
  g_assert_no_error (error);
  g_assert_null (last);
}

static void
test_settings (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_build_filename (f->dir, "profile", NULL);
  g_autoptr(PolkuProfile) profile = NULL;
  g_autoptr(PolkuSyncSettings) empty = NULL;
  g_autoptr(PolkuSyncSettings) loaded = NULL;
  g_autofree char *ini = NULL;
  const char *id = "99999999-9999-4999-8999-999999999999";
  PolkuSyncSettings settings = { (char *) "https://sync.example", (char *) "clinic-a",
                                 (char *) "county-health-services", NULL, NULL };

  g_assert_cmpint (g_mkdir (dir, 0700), ==, 0);
  profile = polku_profile_new (dir);
  empty = polku_sync_settings_load (profile, &error);
  g_assert_no_error (error);
  g_assert_null (empty->server);

  g_assert_true (polku_profile_save (profile, id, POLKU_KEY_SOURCE_PASSPHRASE, &error));
  g_assert_true (polku_sync_settings_save (profile, &settings, &error));
  g_assert_no_error (error);
  /* Saving the profile again keeps [sync]. */
  g_assert_true (polku_profile_save (profile, id, POLKU_KEY_SOURCE_PASSPHRASE, &error));
  g_clear_object (&profile);
  profile = polku_profile_new (dir);
  loaded = polku_sync_settings_load (profile, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (loaded->server, ==, "https://sync.example");
  g_assert_cmpstr (loaded->account, ==, "clinic-a");
  g_assert_cmpstr (loaded->organisation, ==, "county-health-services");
  g_assert_null (loaded->trusted_certificate);
  g_assert_cmpstr (loaded->profile_id, ==, id);
  g_assert_true (g_file_get_contents (polku_profile_get_settings_path (profile), &ini, NULL,
                                      NULL));
  g_assert_null (strstr (ini, "password"));
  remove_tree (dir);
}

static void
test_summary (void)
{
  PolkuSyncSummary summary = { (char *) "http://127.0.0.1:1", 3, 2, 1, 1, 0, NULL };
  g_autoptr(JsonNode) json = NULL;
  g_autofree char *text = NULL;

  summary.errors = g_ptr_array_new_with_free_func (g_free);
  g_ptr_array_add (summary.errors, g_strdup ("one"));
  json = polku_sync_summary_to_json (&summary);
  text = json_to_string (json, FALSE);
  g_assert_cmpstr (text, ==, "{\"server\":\"http://127.0.0.1:1\",\"pulled\":3,\"pushed\":2,"
                             "\"merged\":1,\"conflicts\":1,\"removed\":0,\"errors\":[\"one\"]}");
  g_ptr_array_unref (summary.errors);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_log_set_writer_func (capture_log, NULL, NULL);

  g_test_add ("/sync-store/dirty-triggers", Fixture, NULL, fixture_setup, test_dirty_triggers,
              fixture_teardown);
  g_test_add ("/sync-store/doc-state", Fixture, NULL, fixture_setup, test_doc_state,
              fixture_teardown);
  g_test_add ("/sync-store/conflict-queue", Fixture, NULL, fixture_setup, test_conflict_queue,
              fixture_teardown);
  g_test_add ("/sync-store/resolve-remote", Fixture, NULL, fixture_setup, test_resolve_remote,
              fixture_teardown);
  g_test_add ("/sync-store/resolve-local-value", Fixture, NULL, fixture_setup,
              test_resolve_local_and_value, fixture_teardown);
  g_test_add ("/sync-store/resolve-deleted", Fixture, NULL, fixture_setup, test_resolve_deleted,
              fixture_teardown);
  g_test_add ("/sync-store/apply-new-client", Fixture, NULL, fixture_setup,
              test_apply_new_client, fixture_teardown);
  g_test_add ("/sync-store/base-refers-to-version", Fixture, NULL, fixture_setup,
              test_base_refers_to_version, fixture_teardown);
  g_test_add ("/sync-store/base-version-missing", Fixture, NULL, fixture_setup,
              test_base_version_missing, fixture_teardown);
  g_test_add ("/sync-store/apply-team", Fixture, NULL, fixture_setup, test_apply_team,
              fixture_teardown);
  g_test_add ("/sync-store/apply-team-dirty", Fixture, NULL, fixture_setup,
              test_apply_team_dirty, fixture_teardown);
  g_test_add ("/sync-store/build-received", Fixture, NULL, fixture_setup, test_build_received,
              fixture_teardown);
  g_test_add ("/sync-store/last-run", Fixture, NULL, fixture_setup, test_last_run,
              fixture_teardown);
  g_test_add ("/sync-store/settings", Fixture, NULL, fixture_setup, test_settings,
              fixture_teardown);
  g_test_add_func ("/sync-store/summary", test_summary);
  return g_test_run ();
}
