/* test-sync-label.c: what a sync conflict is about, in the words of the client's plan
 * (polku-sync-label.h): the one title the conflicts window and `polku-cli conflicts list`
 * show
 *
 * Copyright 2026 The Polku authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A real encrypted store: conflicts are queued the way polku-sync.c queues them, through a
 * polku_store_write () body, and named from the plan the store holds.
 */

#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>
#include <string.h>

#include "polku-plan-store.h"
#include "polku-sync-label.h"
#include "polku-sync.h"

#include "../unit/case-test-helpers.h"

#define GOAL_1 "11111111-1111-4111-8111-111111111111"
#define GOAL_2 "22222222-2222-4222-8222-222222222222"
#define ACTION_1 "33333333-3333-4333-8333-333333333333"
#define SERVICE_1 "44444444-4444-4444-8444-444444444444"
#define VIEW_1 "55555555-5555-4555-8555-555555555555"
#define GONE "99999999-9999-4999-8999-999999999999"
#define GONE_2 "88888888-8888-4888-8888-888888888888"

/* A plan as the store keeps it: the first goal's text has a second line, the goal an action,
 * a service and a differing view with their words. */
static const char plan_json[] =
  "{ \"schema\": 1, \"language\": \"fi\", \"client_view\": \"Haluan nukkua\","
  "  \"goals\": ["
  "    { \"id\": \"" GOAL_1 "\", \"text\": \"Nukun paremmin\\nja herään virkeänä\","
  "      \"status\": \"active\", \"expressed_by\": \"client\","
  "      \"actions\": [ { \"id\": \"" ACTION_1 "\", \"text\": \"Soitan unihoitajalle\","
  "                       \"status\": \"planned\" } ] },"
  "    { \"id\": \"" GOAL_2 "\", \"text\": \"Töihin\", \"status\": \"proposed\","
  "      \"expressed_by\": \"client\" } ],"
  "  \"services\": [ { \"id\": \"" SERVICE_1 "\", \"name\": \"Kotihoito\" } ],"
  "  \"differing_views\": [ { \"id\": \"" VIEW_1 "\", \"topic\": \"Asuminen\","
  "                           \"client_view\": \"Kotona\","
  "                           \"professional_view\": \"Palvelutalossa\" } ] }";

typedef struct
{
  const char *client_id;
  const char *path;
  JsonNode   *remote;
  char       *id;
} NewConflict;

static gboolean
add_body (PolkuStore  *store,
          sqlite3     *db,
          gpointer     data,
          GError     **error)
{
  NewConflict *c = data;
  g_autoptr(JsonNode) base = json_from_string ("\"a\"", NULL);

  return polku_sync_store_add_conflict_locked (db, NULL, c->client_id, "polku-care", c->path,
                                               base, NULL, c->remote, "Sanna Koivisto (koti)",
                                               "2026-11-30T09:00:00.000Z",
                                               "Minna Rautio (clinic)",
                                               "2026-12-01T14:30:00.000Z", "2-x", &c->id,
                                               error);
}

/* Queues a conflict at @path (the other side's value @remote, JSON text) and returns it as
 * the queue lists it. */
static PolkuSyncConflict *
add_conflict (Fixture    *f,
              const char *client,
              const char *path,
              const char *remote)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) remote_node = json_from_string (remote, NULL);
  NewConflict c = { client, path, remote_node, NULL };
  g_autofree char *id = NULL;
  PolkuSyncConflict *conflict;

  g_assert_nonnull (remote_node);
  g_assert_true (polku_store_write (f->store, add_body, &c, &error));
  g_assert_no_error (error);
  id = c.id;
  conflict = polku_sync_conflict_get (f->store, id, &error);
  g_assert_no_error (error);
  return conflict;
}

static char *
title_of (Fixture    *f,
          JsonNode   *plan,
          const char *path,
          const char *remote)
{
  g_autoptr(PolkuSyncConflict) conflict = add_conflict (f, client_id (f), path, remote);

  return polku_sync_conflict_dup_title (conflict, plan);
}

#define assert_title(f, plan, path, remote, expected) \
  G_STMT_START { \
    g_autofree char *title_ = title_of ((f), (plan), (path), (remote)); \
    g_assert_cmpstr (title_, ==, (expected)); \
  } G_STMT_END

/* Every element of the plan by its number and words, every field by the plan history's name
 * for it; an element removed here by the other side's words; the rest as the label. */
static void
test_titles (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(JsonNode) plan = parse_json (plan_json);

  assert_title (f, plan, "plan/goals/" GOAL_1 "/text", "\"x\"",
                "Goal 1, “Nukun paremmin”: the goal’s wording");
  assert_title (f, plan, "plan/goals/" GOAL_2 "/status", "\"done\"",
                "Goal 2, “Töihin”: status");
  assert_title (f, plan, "plan/goals/" GOAL_2, "null", "Goal 2, “Töihin”");
  assert_title (f, plan, "plan/client_view", "\"x\"", "The client’s own view");
  assert_title (f, plan, "plan/main_burden", "\"x\"", "What burdens the client most");
  assert_title (f, plan, "plan/goals/" GOAL_1 "/actions/" ACTION_1 "/due_date",
                "\"2027-01-31\"", "Goal 1, action 1, “Soitan unihoitajalle”: due");
  assert_title (f, plan, "plan/goals/" GOAL_1 "/actions/" GONE "/status", "\"done\"",
                "Goal 1, an action removed here: status");
  assert_title (f, plan, "plan/goals/" GOAL_1 "/actions/" GONE,
                "{\"id\": \"" GONE "\", \"text\": \"Käyn uniryhmässä\"}",
                "Goal 1, an action removed here, “Käyn uniryhmässä”");
  assert_title (f, plan, "plan/goals/" GONE "/actions/" GONE_2,
                "{\"id\": \"" GONE_2 "\", \"text\": \"Käyn uniryhmässä\"}",
                "An action removed here, “Käyn uniryhmässä”");
  assert_title (f, plan, "plan/goals/" GONE,
                "{\"id\": \"" GONE "\", \"text\": \"Liikun ulkona kahdesti viikossa, "
                "kesällä ja talvella, ystävän kanssa\"}",
                "A goal removed here, “Liikun ulkona kahdesti viikossa, kesäll…”");
  assert_title (f, plan, "plan/services/" SERVICE_1 "/provider", "\"x\"",
                "Service 1, “Kotihoito”: provider");
  assert_title (f, plan, "plan/differing_views/" VIEW_1 "/professional_view", "\"x\"",
                "Differing view 1, “Asuminen”: the professional’s view");
  assert_title (f, plan, "plan/differing_views/" GONE,
                "{\"id\": \"" GONE "\", \"topic\": \"Raha-asiat\"}",
                "A differing view removed here, “Raha-asiat”");

  /* Not the plan, or not a field the plan's history names: the label, without ids. */
  assert_title (f, plan, "team/" GONE "/role", "\"x\"", "Team member: role");
  assert_title (f, plan, "client/family_name", "\"x\"", "Client: family name");
  assert_title (f, plan, "plan/goals/" GOAL_1 "/weight", "\"x\"", "Goal: weight");
  assert_title (f, plan, "plan/goals/" GOAL_1 "/actions/" ACTION_1 "/notes/" GONE, "\"x\"",
                "Goal › Action: notes");

  /* Without the plan at hand, a goal's field is still named, the goal as not here. */
  assert_title (f, NULL, "plan/goals/" GOAL_1 "/text", "\"x\"",
                "A goal removed here: the goal’s wording");
}

/* The queue named from the store: each client's current plan; the title is the conflict
 * object's "title" (what `conflicts list --json` prints beside the unchanged "label"). */
static void
test_name_all (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) plan = parse_json (plan_json);
  g_autoptr(PolkuClient) other = add_client (f->store, "Bo", "Lindqvist");
  g_autoptr(PolkuSyncConflict) first = NULL;
  g_autoptr(GPtrArray) open = NULL;
  g_autofree char *title = NULL;
  g_autofree char *label = NULL;

  json_object_set_string_member (json_node_get_object (plan), "id",
                                 "66666666-6666-4666-8666-666666666666");
  json_object_set_string_member (json_node_get_object (plan), "client_id", client_id (f));
  polku_plan_store_save (f->store, client_id (f), plan, -1, POLKU_PLAN_ORIGIN_EDIT, NULL,
                         &error);
  g_assert_no_error (error);
  first = add_conflict (f, client_id (f), "plan/goals/" GOAL_2 "/text", "\"Töihin syksyllä\"");
  g_object_unref (add_conflict (f, polku_client_get_id (other), "plan/client_view", "\"x\""));
  g_object_unref (add_conflict (f, client_id (f), "plan/goals/" GOAL_1 "/status", "\"done\""));

  /* Not named yet: the label. */
  g_assert_cmpstr (polku_sync_conflict_get_title (first), ==, "Goal: text");

  open = polku_sync_conflict_list (f->store, NULL, FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (open->len, ==, 3);
  /* The other client has no plan: no error, its conflict is named all the same. */
  g_assert_true (polku_sync_conflict_name_all (f->store, open, &error));
  g_assert_no_error (error);
  for (guint i = 0; i < open->len; i++)
    {
      PolkuSyncConflict *conflict = open->pdata[i];
      const char *path = polku_sync_conflict_get_path (conflict);
      const char *expected = g_str_equal (path, "plan/client_view")
                             ? "The client’s own view"
                             : g_str_has_suffix (path, "/text")
                             ? "Goal 2, “Töihin”: the goal’s wording"
                             : "Goal 1, “Nukun paremmin”: status";

      g_assert_cmpstr (polku_sync_conflict_get_title (conflict), ==, expected);
    }
  g_object_get (open->pdata[0], "title", &title, "label", &label, NULL);
  g_assert_cmpstr (title, ==, polku_sync_conflict_get_title (open->pdata[0]));
  g_assert_cmpstr (label, ==, polku_sync_conflict_get_label (open->pdata[0]));

  /* A closed store: the plan cannot be read, which is said; the titles stay the labels. */
  {
    g_autoptr(GPtrArray) again = polku_sync_conflict_list (f->store, NULL, FALSE, &error);

    g_assert_no_error (error);
    polku_store_close (f->store);
    g_assert_false (polku_sync_conflict_name_all (f->store, again, &error));
    g_assert_nonnull (error);
    g_assert_cmpstr (polku_sync_conflict_get_title (again->pdata[0]), ==,
                     polku_sync_conflict_get_label (again->pdata[0]));
  }
}

/* In the UI's language: Finnish and Swedish from the build's catalogs. */
static void
test_languages (Fixture       *f,
                gconstpointer  data)
{
  static const struct { const char *language; const char *expected; } cases[] = {
    { "fi", "Tavoite 1, ”Nukun paremmin”: tavoitteen sanamuoto" },
    { "sv", "Mål 1, ”Nukun paremmin”: målets formulering" },
  };
  g_autoptr(JsonNode) plan = parse_json (plan_json);
  g_autofree char *before = g_strdup (g_getenv ("LANGUAGE"));

  if (g_getenv ("POLKU_LOCALEDIR") == NULL)
    {
      g_test_skip ("POLKU_LOCALEDIR is not set: no catalogs of the build");
      return;
    }
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_setenv ("LANGUAGE", cases[i].language, TRUE);
      /* glibc keeps the messages already looked up until the locale is set again. */
      setlocale (LC_ALL, "");
      assert_title (f, plan, "plan/goals/" GOAL_1 "/text", "\"x\"", cases[i].expected);
    }
  if (before != NULL)
    g_setenv ("LANGUAGE", before, TRUE);
  else
    g_unsetenv ("LANGUAGE");
  setlocale (LC_ALL, "");
}

int
main (int   argc,
      char *argv[])
{
  const char *localedir = g_getenv ("POLKU_LOCALEDIR");

  setlocale (LC_ALL, "");
  if (localedir != NULL)
    {
      bindtextdomain (GETTEXT_PACKAGE, localedir);
      bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
      textdomain (GETTEXT_PACKAGE);
    }
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/sync-label/titles", Fixture, NULL, fixture_setup, test_titles,
              fixture_teardown);
  g_test_add ("/sync-label/name-all", Fixture, NULL, fixture_setup, test_name_all,
              fixture_teardown);
  g_test_add ("/sync-label/languages", Fixture, NULL, fixture_setup, test_languages,
              fixture_teardown);

  return g_test_run ();
}
